"""Shared helpers of the ``test_hardening_*`` modules: throw-away projects built in a
fresh directory with ``SphinxTestApp``, and warnings parsed without losing the
multi-line ones.

The module also checks its own helpers, so pytest collecting it is not wasted.
"""

from __future__ import annotations

import io
import json
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# One warning may span several lines ("the file is empty; a database file looks
# like:\nterms: ..."), so the message runs up to the first "[type]" at a line end.
_WARNING = re.compile(
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
    text = _ANSI.sub("", text)
    starts = [m.start() for m in _WARNING_START.finditer(text)] + [len(text)]
    result = []
    for begin, end in pairwise(starts):
        chunk = text[begin:end].rstrip("\n")
        match = _WARNING.fullmatch(chunk)
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

    def assert_no_crash(self) -> None:
        output = _ANSI.sub("", self.status + self.warning_text)
        assert "Traceback" not in output, output
        assert "Exception occurred" not in output, output
        assert "extension error" not in output.lower(), output


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


# -- the helpers' own checks --------------------------------------------------------------


def test_parse_warnings_keeps_multi_line_messages() -> None:
    text = (
        "\x1b[91m/a/b.yaml:1:1: WARNING: first line\nsecond line [termref.schema]\x1b[39;49;00m\n"
        "/a/c.rst:3: WARNING: one line [termref.unknown]\n"
        "WARNING: no location\n"
        '/a/d.rst:9: ERROR: Unknown interpreted text role "x".\n'
    )
    assert parse_warnings(text) == [
        Warned("/a/b.yaml:1:1", "first line\nsecond line", "termref.schema"),
        Warned("/a/c.rst:3", "one line", "termref.unknown"),
        Warned("", "no location", ""),
        Warned("/a/d.rst:9", 'Unknown interpreted text role "x".', "", "ERROR"),
    ]


def test_a_minimal_project_builds_cleanly(tmp_path: Path) -> None:
    database = dump_terms([{"id": "alpha", "name": "Alpha", "summary": "The first."}])
    built = project(tmp_path, database, "Title\n=====\n\n.. term-card:: alpha\n")
    built.assert_no_crash()
    assert built.warnings == []
    assert built.soup().find(id="termref-alpha") is not None
