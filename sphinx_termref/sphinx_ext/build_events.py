"""What the extension does at each stage of a build, outside directives and roles."""

from __future__ import annotations

import re
from os.path import lexists
from pathlib import Path

from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util.fileutil import copy_asset_file

from ..termdb import loading
from ..termdb.files import entry_path
from ..warnings import Subtype, unknown_term
from . import term_styles
from .conf_source import ConfSource
from .config import as_list, warn_setting
from .domain import WHOLE_DATABASE, get_domain
from .log import forget_given, inform, report, warn, warn_once
from .markup import DATABASE_TEXT

STATIC_DIR = Path(__file__).parent / "static"
CSS_FILE = "termref.css"
JS_FILE = "termref.js"


def load_database(app: Sphinx) -> None:
    """Read the database once per build and report every problem in it."""
    forget_given()
    domain = get_domain(app.env)
    domain.use_database(
        loading.load(
            app.config.termref_databases, Path(app.confdir), Path(app.doctreedir), note=inform
        )
    )
    settings: ConfSource | None = None
    named = {str(entry_path(entry, Path(app.confdir))) for entry in app.config.termref_databases}
    for problem in domain.database.problems:
        path = problem.path
        if problem.line or Path(path).is_file() or (lexists(path) and path not in named):
            report(problem)  # a file, or a path inside a database directory
            continue
        # A file or directory that termref_databases names wrongly: the fix is in conf.py.
        if settings is None:
            conf_py = Path(app.confdir, "conf.py")
            settings = ConfSource(conf_py if conf_py.is_file() else None)
        warn_setting(app.config, settings, "termref_databases", problem.message, problem.subtype)
    if app.builder.format == "html":
        app.add_css_file(CSS_FILE)
        term_styles.register(app)
        if app.config.termref_previews:
            app.add_js_file(JS_FILE, loading_method="defer")


def check_cards(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn about every indexed card of a term but the canonical one."""
    for term, canonical, other in get_domain(env).duplicate_cards():
        warn(
            Subtype.duplicate_card,
            f"term {term.id!r} has a card already in {canonical.docname!r} (line "
            f"{canonical.line}), which references link to; add :no-index: to this one",
            location=(other.docname, other.line),
        )


def check_empty_database(app: Sphinx, env: BuildEnvironment) -> None:
    """One warning when pages use terms but the database has none, as when
    ``termref_databases`` is misspelled or names the wrong file, instead of one
    "unknown term" per reference (their text stays on the pages)."""
    domain = get_domain(env)
    if not domain.finds_nothing():
        return
    uses = [
        (docname, reference.line, reference.spelling)
        for docname, reference in domain.all_references()
    ]
    cards = sorted(
        docname
        for docname, used in domain.uses.items()
        if any(key != WHOLE_DATABASE for key in used) and not domain.has_references(docname)
    )
    if not uses and not cards:
        return
    order = domain.doc_order
    uses.sort(key=lambda use: (order.get(use[0], len(order)), use[0], use[1]))
    docname, line, spelling = uses[0] if uses else (cards[0], 0, "")
    pages = len({doc for doc, _, _ in uses} | set(cards))
    refer = "1 page refers" if pages == 1 else f"{pages} pages refer"
    first = f" (the first: {spelling!r})" if spelling else ""
    entries = app.config.termref_databases
    why = (
        f"termref_databases = {as_list(entries)} names no file with terms"
        if entries
        else "termref_databases is not set (or is empty) in conf.py"
    )
    warn(
        Subtype.unknown,
        f"{refer} to terms{first}, but the term database is empty: {why}; "
        'set it to the database files, for example termref_databases = ["terms.yaml"]',
        location=(docname, line),
    )


def warn_unknown(app: Sphinx, domain: Domain, node: pending_xref) -> bool | None:
    """The warning for a reference that neither the database nor intersphinx knows."""
    if domain is None or domain.name != "termref":
        return None
    target = node["reftarget"]
    if _nitpick_ignored(app, target):
        return True
    if get_domain(app.env).finds_nothing():
        return True  # said once (check_empty_database), not once per reference
    suggestions = get_domain(app.env).database.suggestions(target)
    if node.get(DATABASE_TEXT) and node.source:
        what = f"unknown term {target!r} in {node[DATABASE_TEXT]}"
        message = unknown_term(what, suggestions)
        # In a term's text: said once, at the database line, however many pages show it.
        warn_once(Subtype.unknown, message, f"{node.source}:{node.line or 0}")
    else:
        warn(Subtype.unknown, unknown_term(f"unknown term {target!r}", suggestions), node)
    return True


def _nitpick_ignored(app: Sphinx, target: str) -> bool:
    # The extension warns about unknown terms whether or not the build is nitpicky
    # (as ``:term:`` does), so both ignore lists apply always, matched as Sphinx does.
    if ("termref:term", target) in app.config.nitpick_ignore:
        return True
    return any(
        re.fullmatch(kind, "termref:term") and re.fullmatch(pattern, target)
        for kind, pattern in app.config.nitpick_ignore_regex
    )


def copy_static(app: Sphinx, env: BuildEnvironment) -> None:
    """Put the stylesheet and script in place once the pages are read and before any
    is written: Sphinx gives each page's link to them the file's checksum (a browser
    then fetches a new version) only when the file is there, and epub packs the files
    it finds when the pages are written, so a copy made at the end of the build would
    be missing from the book."""
    if app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)  # else the copy would be named _static
        for name in (CSS_FILE, JS_FILE):
            copy_asset_file(STATIC_DIR / name, static, force=True)
