"""A parallel build (``-j 2``) gives the same pages and inventory as a serial one.

Root ``test-parallel-pages``: twelve pages with cards, references in several
spellings, a term index and a few warnings, so the documents are read in chunks
by separate processes and merged.

Root ``test-parallel`` (the tests at the end): eight pages of references, cards and
warnings, whose links, cards and warnings must be those of a serial build.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import ROOTS, strip_ansi, termref_warnings
from sphinx.testing.util import SphinxTestApp

ROOT = ROOTS / "test-parallel-pages"
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


# -- root test-parallel: references, cards and warnings on eight pages ------------------


REFS_ROOT = ROOTS / "test-parallel"
REFS_PAGES = ["index", *(f"page-{i}" for i in range(8))]


def refs_summary(app) -> dict[str, object]:
    """Everything the extension put on every page, in a comparable form."""
    pages = {}
    for page in REFS_PAGES:
        soup = BeautifulSoup(
            (app.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser"
        )
        body = soup.find("div", role="main") or soup
        pages[page] = {
            "links": [(a.get_text(), a["href"], a.get("title")) for a in body.select("a.termref")],
            "cards": [
                (
                    c.get("id"),
                    c.find("meta", itemprop="termCode")["content"],
                    [h.get_text(" ", strip=True) for h in c.select(".termref-card__label")],
                    [a.get("href") for a in c.select(".termref-card__section a")],
                )
                for c in body.select("section.termref-card")
            ],
            "no_card": [a.get_text() for a in body.select("abbr.termref--no-card")],
        }
    warnings = sorted((w.location, w.message, w.type) for w in termref_warnings(app))
    # Written by the main process once every page is, whatever -j is.
    stylesheet = (app.outdir / "_static" / "termref-terms.css").read_bytes()
    return {"pages": pages, "warnings": warnings, "stylesheet": stylesheet}


@pytest.fixture(scope="module")
def refs_builds(tmp_path_factory):
    from sphinx.testing.util import SphinxTestApp

    results = {}
    for parallel in (0, 2):
        app = SphinxTestApp(
            "html",
            srcdir=REFS_ROOT,
            builddir=tmp_path_factory.mktemp(f"parallel-{parallel}"),
            parallel=parallel,
        )
        try:
            app.build()
            results[parallel] = (refs_summary(app), app.status.getvalue(), app.parallel)
        finally:
            app.cleanup()
    return results


def test_parallel_build_really_ran_in_parallel(refs_builds) -> None:
    """Sphinx reports reading in chunks ("index .. page-2") only when it reads in parallel."""
    _, status, parallel = refs_builds[2]
    assert parallel == 2
    assert re.search(r"reading sources\.\.\. \[\s*\d+%\] \S+ \.\. \S+", strip_ansi(status))
    _, status, serial = refs_builds[0]
    assert serial == 0
    assert not re.search(r"reading sources\.\.\. \[\s*\d+%\] \S+ \.\. \S+", strip_ansi(status))


def test_parallel_links_match_serial(refs_builds) -> None:
    serial, parallel = refs_builds[0][0], refs_builds[2][0]
    for page in REFS_PAGES:
        assert parallel["pages"][page]["links"] == serial["pages"][page]["links"], page


def test_parallel_cards_match_serial(refs_builds) -> None:
    serial, parallel = refs_builds[0][0], refs_builds[2][0]
    for page in REFS_PAGES:
        assert parallel["pages"][page]["cards"] == serial["pages"][page]["cards"], page
        assert parallel["pages"][page]["no_card"] == serial["pages"][page]["no_card"], page


def test_parallel_warnings_match_serial(refs_builds) -> None:
    serial, parallel = refs_builds[0][0], refs_builds[2][0]
    assert parallel["warnings"] == serial["warnings"]
    types = sorted({w[2] for w in serial["warnings"]})
    assert types == ["termref.duplicate_card", "termref.unknown"]


def test_serial_links_go_to_the_cards(refs_builds) -> None:
    """The reference build itself is right: cards on other pages are found by alias."""
    serial = refs_builds[0][0]
    links = {text: href for text, href, _ in serial["pages"]["page-0"]["links"]}
    assert links["Bravo alias"] == "page-1.html#termref-bravo"
    assert links["Delta alias"] == "page-3.html#termref-delta"
    # alpha has a card on page-0 and a duplicate on page-5: the first one wins
    from_page_7 = {text: href for text, href, _ in serial["pages"]["page-7"]["links"]}
    assert from_page_7["Alpha alias"] == "page-0.html#termref-alpha"
    # juliett has no card; the term index on the index page is its target
    assert links["Juliett alias"] == "index.html#termref-entry-juliett"
    (duplicate,) = [w for w in serial["warnings"] if w[2] == "termref.duplicate_card"]
    assert duplicate[0].endswith("page-5.rst:11")
