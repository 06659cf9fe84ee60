"""Helpers shared by the tests: reading a build's warnings and pages, and building
projects, from a root in ``tests/roots`` or from files a test writes.

Fixtures live in ``conftest.py``; everything a test imports by name lives here.
"""

from __future__ import annotations

import io
import json
import posixpath
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.inventory import InventoryFile

ROOTS = Path(__file__).parent / "roots"


#: The section labels of a full card with see-also, in the reference card's order.
CARD_LABELS = [
    "TECHNICAL DEFINITION",
    "BACKGROUND",
    "SYNONYMS & ALIASES",
    "USAGE NOTE",
    "DEVELOPERS",
    "SEE ALSO",
]
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_WARNING = re.compile(
    r"^(?P<location>.*?): WARNING: (?P<message>.*?)(?: \[(?P<type>[\w.]+)\])?$", re.MULTILINE
)


def shared_build(key: str, testroot: str, buildername: str = "html"):
    """Mark a test to use the one build of ``testroot`` that all tests marked with ``key``
    share: the first builds, the others reuse its output and its warnings.

    Only for tests that read the output and change nothing. ``key`` must be unique to
    one module and one configuration (Sphinx keeps the warnings per module).
    """

    def decorate(function):
        function = pytest.mark.sphinx(buildername, testroot=testroot)(function)
        return pytest.mark.test_params(shared_result=key)(function)

    return decorate


def strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


class Warning_(NamedTuple):
    location: str
    message: str
    type: str  # e.g. "termref.unknown"; "" when Sphinx gives none


def warnings_of(app: SphinxTestApp) -> list[Warning_]:
    """Every warning of the build, parsed into location, message and type."""
    text = strip_ansi(app.warning.getvalue())
    return [
        Warning_(m["location"], m["message"], m["type"] or "") for m in _WARNING.finditer(text)
    ]


def warnings_typed(app: SphinxTestApp, type_: str) -> list[Warning_]:
    return [w for w in warnings_of(app) if w.type == type_]


def termref_warnings(app: SphinxTestApp) -> list[Warning_]:
    return [w for w in warnings_of(app) if w.type.startswith("termref")]


def build_app(
    srcdir: Path, builddir: Path, buildername: str = "html", **kwargs: Any
) -> SphinxTestApp:
    """Build ``srcdir`` into ``builddir`` and clean the app up, whatever happens; the
    app's output and its status and warning streams stay readable."""
    app = SphinxTestApp(buildername, srcdir=srcdir, builddir=builddir, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def build_once(
    tmp_path_factory: pytest.TempPathFactory, root: str, **kwargs: Any
) -> SphinxTestApp:
    """Build ``tests/roots/test-<root>`` once, for module-scoped fixtures whose tests
    only read the output."""
    return build_app(ROOTS / f"test-{root}", tmp_path_factory.mktemp(root), **kwargs)


def html(app: SphinxTestApp, page: str = "index") -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


def card(soup: BeautifulSoup, term_id: str):
    """The one element with the card id of ``term_id``."""
    found = soup.find_all(id=f"termref-{term_id}")
    assert len(found) == 1, f"expected one element with id termref-{term_id}, got {len(found)}"
    return found[0]


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th line of ``path`` that contains ``needle``."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} (occurrence {occurrence}) not in {path}")


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``sphinx-termref ARGV`` in-process: (exit status, stdout, stderr)."""
    from sphinx_termref.cli import main

    status = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


class InventoryItem(NamedTuple):
    project_name: str
    project_version: str
    uri: str
    display_name: str


def read_inventory(path: Path, uri: str = "") -> dict[str, dict[str, InventoryItem]]:
    """``objects.inv`` at ``path``, as ``{type: {name: item}}`` on every supported Sphinx.

    Sphinx 8.2 added ``InventoryFile.loads`` and items with attributes; 8.0 and 8.1
    have only ``load``, whose items are tuples (a deprecated interface from 8.2 on).
    """
    content = path.read_bytes()
    if hasattr(InventoryFile, "loads"):
        data = InventoryFile.loads(content, uri=uri).data
        return {
            kind: {
                name: InventoryItem(i.project_name, i.project_version, i.uri, i.display_name)
                for name, i in items.items()
            }
            for kind, items in data.items()
        }
    tuples = InventoryFile.load(io.BytesIO(content), uri, posixpath.join)
    return {
        kind: {name: InventoryItem(*item) for name, item in items.items()}
        for kind, items in tuples.items()
    }


# -- throw-away projects, written by the test and built once ---------------------------

# One warning may span several lines ("the file is empty; a database file looks
# like:\nterms: ..."), so the message runs up to the first "[type]" at a line end.
_WARNING_LINES = re.compile(
    r"(?:(?P<location>[^\n]*?): )?(?P<level>WARNING|ERROR|CRITICAL): (?P<message>.*?)"
    r"(?: \[(?P<type>[\w.-]+)\])?",
    re.MULTILINE | re.DOTALL,
)
_WARNING_START = re.compile(r"^(?:[^\n]*?: )?(?:WARNING|ERROR|CRITICAL): ", re.MULTILINE)

BASE_CONF = 'extensions = ["sphinx_termref"]\ntermref_databases = ["terms.yaml"]\n'


@dataclass(frozen=True)
class Warned:
    location: str
    message: str
    type: str  # "termref.unknown", ...; "" when Sphinx gives none
    level: str = "WARNING"  # docutils' errors come through as ERROR


def parse_warnings(text: str) -> list[Warned]:
    """Every warning (and error) in Sphinx's warning stream, multi-line messages whole."""
    text = strip_ansi(text)
    starts = [m.start() for m in _WARNING_START.finditer(text)] + [len(text)]
    result = []
    for begin, end in pairwise(starts):
        chunk = text[begin:end].rstrip("\n")
        match = _WARNING_LINES.fullmatch(chunk)
        assert match, chunk
        result.append(
            Warned(match["location"] or "", match["message"], match["type"] or "", match["level"])
        )
    return result


@dataclass
class Built:
    """What a finished build left behind; the app itself is already cleaned up."""

    srcdir: Path
    outdir: Path
    builder: str
    status: str
    warning_text: str
    statuscode: int
    warnings: list[Warned] = field(default_factory=list)

    def typed(self, type_: str) -> list[Warned]:
        return [w for w in self.warnings if w.type == type_]

    def termref(self) -> list[Warned]:
        return [w for w in self.warnings if w.type.startswith("termref")]

    def soup(self, page: str = "index") -> BeautifulSoup:
        return BeautifulSoup(
            (self.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser"
        )


def dump_terms(terms: list[dict[str, Any]]) -> str:
    """A database file holding ``terms``, written the way PyYAML writes any string."""
    return yaml.safe_dump({"terms": terms}, allow_unicode=True, sort_keys=False, width=10**6)


def write_project(
    srcdir: Path,
    database: str | bytes | Mapping[str, str | bytes],
    pages: Mapping[str, str],
    conf_extra: str = "",
) -> Path:
    """A project in ``srcdir``: conf.py, the database file(s) and the pages.

    ``database`` is the text of ``terms.yaml``, or a mapping of file names to texts
    (conf_extra then says which of them ``termref_databases`` lists).
    """
    srcdir.mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text(BASE_CONF + conf_extra, encoding="utf-8")
    files = database if isinstance(database, Mapping) else {"terms.yaml": database}
    for name, content in files.items():
        path = srcdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    for name, text in pages.items():
        (srcdir / f"{name}.rst").write_text(text, encoding="utf-8")
    return srcdir


class Pass(NamedTuple):
    """One of several builds on the same build directory: the app (cleaned up) and
    the pages that Sphinx read and wrote."""

    app: SphinxTestApp
    read: set[str]
    written: set[str]


def build_again(srcdir: Path, builddir: Path, **kwargs: Any) -> Pass:
    """Build ``srcdir`` into ``builddir`` with a new app, as another ``sphinx-build``
    run would, noting the pages read and written."""
    read: set[str] = set()
    written: set[str] = set()
    app = SphinxTestApp("html", srcdir=srcdir, builddir=builddir, **kwargs)
    app.connect("env-before-read-docs", lambda app, env, docnames: read.update(docnames))
    app.connect("doctree-resolved", lambda app, doctree, docname: written.add(docname))
    try:
        app.build()
    finally:
        app.cleanup()
    return Pass(app, read, written)


def build(srcdir: Path, builddir: Path, builder: str = "html", **kwargs: Any) -> Built:
    """Build ``srcdir`` into ``builddir`` and clean the app up, whatever happens."""
    status, warning = io.StringIO(), io.StringIO()
    app = SphinxTestApp(
        builder, srcdir=srcdir, builddir=builddir, status=status, warning=warning, **kwargs
    )
    try:
        app.build()
        return Built(
            srcdir=srcdir,
            outdir=Path(app.outdir),
            builder=builder,
            status=status.getvalue(),
            warning_text=warning.getvalue(),
            statuscode=app.statuscode,
            warnings=parse_warnings(warning.getvalue()),
        )
    finally:
        app.cleanup()


def project(
    tmp: Path,
    database: str | bytes | Mapping[str, str | bytes],
    pages: Mapping[str, str] | str,
    builder: str = "html",
    conf_extra: str = "",
    **kwargs: Any,
) -> Built:
    """Write a project under ``tmp`` and build it once."""
    if isinstance(pages, str):
        pages = {"index": pages}
    srcdir = write_project(tmp / "src", database, pages, conf_extra)
    return build(srcdir, tmp / "_build", builder, **kwargs)


def inventory_lines(outdir: Path) -> list[str]:
    """The entry lines of ``objects.inv``, decompressed."""
    raw = (outdir / "objects.inv").read_bytes()
    header_end = 0
    for _ in range(4):
        header_end = raw.index(b"\n", header_end) + 1
    return zlib.decompress(raw[header_end:]).decode("utf-8").splitlines()


def search_index(outdir: Path) -> dict[str, Any]:
    """The parsed ``searchindex.js`` of an HTML build."""
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    match = re.fullmatch(r"Search\.setIndex\((.*)\)\s*", text, re.DOTALL)
    assert match, text[:200]
    return json.loads(match[1])  # type: ignore[no-any-return]


def escape_role(text: str) -> str:
    """``text`` safe between the backquotes of a role, as a page author writes it."""
    return text.replace("\\", "\\\\").replace("`", "\\`").replace("<", "\\<")


def squash(text: str) -> str:
    return " ".join(text.split())
