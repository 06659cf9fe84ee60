"""The term stylesheet: what links to terms show, once per HTML build.

``_static/termref-terms.css`` holds, for each term that a page shows (a card or a
term index, so a link leads somewhere), the texts of its tooltip and its hover
preview as CSS custom properties on the term's link class::

    .termref--goodhart{--termref-tip:"Goodhart's law: ...";--termref-name:"..."}

and, on ``:root``, the preview's labels in the project's language. Pages carry
none of these texts: ``static/termref.css`` shows ``--termref-tip`` under a link
when JavaScript has not run, and ``static/termref.js`` builds the preview from the
other properties. So a page is the same whatever its terms' summaries say, and an
edit to one writes this file again, not every page that links to the term.

The file is written once every page is read, before any is written
(``env-updated``, in the main process whatever ``-j`` is), so the EPUB builder
packs it, and only when its content changed, so an unchanged build leaves its
time alone. Pages link it without Sphinx's checksum (``?v=``): its content
changes while pages that are not written again keep their link, which must name
the file, not one version of it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import CONFIG_OK, BuildEnvironment

from .. import __version__
from ..labels import _, status_label
from ..termdb.records import Term
from .domain import get_domain
from .tooltips import LinkTexts, typography
from .unfinished import last_build_unfinished

#: The stylesheet's name in ``_static``.
FILE_NAME = "termref-terms.css"
#: Statuses whose preview says so.
STATUSES = ("deprecated", "draft")

# What a CSS string cannot hold as itself: its quote, the backslash, line breaks and
# the other control characters (written as hexadecimal escapes; the space after one
# ends it, so a following hex digit is not read as part of it).
_SPECIAL = re.compile(r'["\\\x00-\x1f\x7f]')
#: A term id, as the database allows it: a slug, which a class selector holds as it is.
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: The checksum Sphinx adds to the stylesheet's address.
_CHECKSUM = re.compile(rf"(_static/{re.escape(FILE_NAME)})\?v=[0-9a-f]+")


def connect(app: Sphinx) -> None:
    # After the term labels are given to Sphinx (600), which summaries may name.
    app.connect("env-updated", _write, priority=700)
    app.connect("html-page-context", _link_without_checksum)


def register(app: Sphinx) -> None:
    """Link the stylesheet from every page (called when an HTML builder starts)."""
    app.add_css_file(FILE_NAME)


def css_string(text: str) -> str:
    """``text`` as a double-quoted CSS string; other characters stay as UTF-8."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return "\\" + char if char in '"\\' else f"\\{ord(char):X} "

    return '"' + _SPECIAL.sub(escape, text) + '"'


def _declarations(properties: Iterable[tuple[str, str]]) -> str:
    return ";".join(f"--termref-{name}:{css_string(value)}" for name, value in properties if value)


def term_rule(term: Term, texts: LinkTexts) -> str:
    """The rule of one term: its tooltip and preview texts, those it has."""
    preview = texts.preview(term)
    properties = [
        ("tip", texts.title(term)),
        ("name", preview.name),
        ("abbreviation", preview.abbreviation),
        ("category", preview.category),
        ("summary", preview.summary),
        ("aliases", "\n".join(preview.aliases)),
        ("status", term.status if term.status in STATUSES else ""),
    ]
    return f".termref--{term.id}{{{_declarations(properties)}}}"


def label_rule() -> str:
    """The preview's labels, translated as the cards' are."""
    labels = [("label-more", _("Full definition")), ("label-also", _("Also:"))]
    labels += [(f"label-{status}", status_label(status)) for status in STATUSES]
    return f":root{{{_declarations(labels)}}}"


def stylesheet(app: Sphinx) -> str:
    """The stylesheet's text: the labels, then the shown terms by id."""
    domain = get_domain(app.env)
    # Texts of its own, not the domain's: pages need few of them (a reference to a term
    # no page shows), and 10,000 shown terms' texts would stay in memory while every
    # page is written.
    texts = LinkTexts(app.env, app.builder.name)
    terms = domain.database.terms
    # The terms that links lead to, those a page shows: never the whole database. The
    # database refuses an id that is no slug (termref.schema); none ends the rule.
    shown = sorted(t for t in domain.link_targets() if t in terms and _ID.fullmatch(t))
    rules = (term_rule(terms[term_id], texts) for term_id in shown)
    return "\n".join(['@charset "utf-8";', label_rule(), *rules, ""])


def write_stylesheet(app: Sphinx) -> None:
    """Write the stylesheet if its content changed (in one step: a build stopped
    while writing it leaves the old file)."""
    path = Path(app.outdir, "_static", FILE_NAME)
    content = stylesheet(app).encode("utf-8")
    if not path.is_file() or path.read_bytes() != content:
        path.parent.mkdir(parents=True, exist_ok=True)
        _replace(path, content)


def _replace(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` in one step: a build stopped meanwhile leaves
    the old file."""
    part = path.with_name(path.name + ".part")
    part.write_bytes(content)
    part.replace(path)


def inputs(app: Sphinx, env: BuildEnvironment) -> str:
    """A digest of what the stylesheet is made from besides the terms' texts: the
    terms shown, the titles and labels that a summary's ``:doc:`` and ``:ref:`` show,
    the typography, the language of its labels and this package's version."""
    domain = get_domain(env)
    titles = sorted((doc, title.astext()) for doc, title in env.titles.items())
    labels = sorted(env.domaindata["std"]["labels"].items())
    style = typography(env, app.builder.name)
    content = (sorted(domain.link_targets()), titles, labels, style, env.config.language)
    return hashlib.blake2b(repr((content, __version__)).encode(), digest_size=16).hexdigest()


def _record(app: Sphinx) -> Path:
    """Where a build notes what this output's stylesheet was made from: beside the
    environment, which builders writing elsewhere may share, one file per output."""
    name = hashlib.blake2b(str(app.outdir).encode(), digest_size=8).hexdigest()
    return Path(app.doctreedir, f"termref-terms-{name}.made-from")


def made_from(app: Sphinx) -> tuple[str, str]:
    """(database fingerprint, ``inputs``) of the stylesheet in the output, or empty
    strings when it or the record of it is missing."""
    if not Path(app.outdir, "_static", FILE_NAME).is_file():
        return "", ""
    try:
        fingerprint, digest = _record(app).read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError, ValueError):
        return "", ""
    return fingerprint, digest


def _write(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: every page is read, so the shown terms and the titles that
    summaries show are known. The file is made again only when what it is made
    from changed since it was made, whichever builder ran in between; an edit of a
    page's text or of a definition keeps it (making it for 10,000 shown terms took
    about 0.6 s of such a build)."""
    if app.builder.format != "html":
        return
    domain, record = get_domain(env), _record(app)
    now = domain.database.fingerprint
    fingerprint, digest = made_from(app)
    made = inputs(app, env)
    same_terms = fingerprint == now or (
        fingerprint == domain.fingerprint_before
        and not (domain.tooltips_changed or domain.links_changed)
    )
    fresh = env.config_status != CONFIG_OK or last_build_unfinished(app)
    if not fresh and digest == made and same_terms:
        if fingerprint != now:
            _note(record, now, made)
        return
    record.unlink(missing_ok=True)  # a build stopped while writing makes it again
    write_stylesheet(app)
    _note(record, now, made)


def _note(record: Path, fingerprint: str, digest: str) -> None:
    _replace(record, f"{fingerprint}\n{digest}".encode())


def _link_without_checksum(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """``html-page-context``: the stylesheet's link as Sphinx writes it, without ``?v=``."""
    css_tag = context.get("css_tag")
    if css_tag is not None:
        context["css_tag"] = lambda css: _CHECKSUM.sub(r"\1", css_tag(css))
