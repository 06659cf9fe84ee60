"""A parallel build (``-j 2``) gives the same pages and inventory as a serial one.

Root ``test-native-parallel``: twelve pages with cards, references in several
spellings, a term index and a few warnings, so the documents are read in chunks
by separate processes and merged.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import ROOTS, strip_ansi
from sphinx.testing.util import SphinxTestApp

ROOT = ROOTS / "test-native-parallel"
PAGES = ["index", *(f"p{n:02}" for n in range(1, 13)), "genindex"]


def _build(builddir: Path, parallel: int) -> tuple[SphinxTestApp, int]:
    merges: list[str] = []
    app = SphinxTestApp("html", srcdir=ROOT, builddir=builddir, parallel=parallel)
    app.connect("env-merge-info", lambda app, env, docnames, other: merges.extend(docnames))
    try:
        app.build()
    finally:
        app.cleanup()
    return app, len(merges)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[SphinxTestApp, SphinxTestApp]:
    serial, serial_merges = _build(tmp_path_factory.mktemp("serial"), 0)
    parallel, parallel_merges = _build(tmp_path_factory.mktemp("parallel"), 2)
    assert serial_merges == 0
    # The parallel build really read in worker processes and merged their results.
    assert parallel_merges > 0
    return serial, parallel


def _body(app: SphinxTestApp, page: str) -> dict[str, object]:
    soup = BeautifulSoup((Path(app.outdir) / f"{page}.html").read_text("utf-8"), "html.parser")
    body = soup.select_one("div.body")
    assert body is not None
    return {
        "text": body.get_text(" ", strip=True),
        "links": [(a.get("href"), a.get("title"), a.get_text(strip=True)) for a in body("a")],
        "ids": [element["id"] for element in body.find_all(id=True)],
        "cards": [card["id"] for card in body.select("section.termref-card")],
        "backlinks": [
            [a["href"] for a in section("a")]
            for section in body.select("div.termref-card__section--referenced-in")
        ],
    }


@pytest.mark.parametrize("page", PAGES)
def test_same_page(builds: tuple[SphinxTestApp, SphinxTestApp], page: str) -> None:
    serial, parallel = builds
    assert _body(parallel, page) == _body(serial, page)


def test_pages_are_not_trivial(builds: tuple[SphinxTestApp, SphinxTestApp]) -> None:
    """The comparison above compares something: cards, term links and backlinks."""
    serial, _ = builds
    p01 = _body(serial, "p01")
    assert p01["cards"] == ["termref-mesa-optimization"]
    # p10 lists every term in a term-index: an index entry is not a reference.
    assert p01["backlinks"] == [["p02.html", "p05.html", "p08.html"]]
    p05 = _body(serial, "p05")
    assert ("p01.html#termref-mesa-optimization", "Mesa Optimization") in [
        (href, text)
        for href, _, text in p05["links"]  # type: ignore[attr-defined]
    ]


def _inventory(app: SphinxTestApp) -> list[str]:
    raw = (Path(app.outdir) / "objects.inv").read_bytes()
    header = raw.split(b"\n", 4)
    return zlib.decompress(header[4]).decode().splitlines()


def test_same_inventory(builds: tuple[SphinxTestApp, SphinxTestApp]) -> None:
    serial, parallel = builds
    entries = _inventory(serial)
    assert any(" termref:term " in line for line in entries)
    assert _inventory(parallel) == entries


def test_same_warnings(builds: tuple[SphinxTestApp, SphinxTestApp]) -> None:
    serial, parallel = builds

    def warnings(app: SphinxTestApp) -> list[str]:
        text = strip_ansi(app.warning.getvalue())
        return sorted(line for line in text.splitlines() if "WARNING" in line)

    assert warnings(serial)  # the root has a term-index that selects nothing
    assert warnings(parallel) == warnings(serial)
