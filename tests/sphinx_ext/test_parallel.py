"""A parallel build reads and writes documents in several processes; its cards, links
and warnings must be those of a serial build."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from helpers import ROOTS, assert_no_crash, strip_ansi, termref_warnings

ROOT = ROOTS / "test-parallel"
PAGES = ["index", *(f"page-{i}" for i in range(8))]


def summary(app) -> dict[str, object]:
    """Everything the extension put on every page, in a comparable form."""
    pages = {}
    for page in PAGES:
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
    return {"pages": pages, "warnings": warnings}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    from sphinx.testing.util import SphinxTestApp

    results = {}
    for parallel in (0, 2):
        app = SphinxTestApp(
            "html",
            srcdir=ROOT,
            builddir=tmp_path_factory.mktemp(f"parallel-{parallel}"),
            parallel=parallel,
        )
        try:
            app.build()
            assert_no_crash(app)
            results[parallel] = (summary(app), app.status.getvalue(), app.parallel)
        finally:
            app.cleanup()
    return results


def test_parallel_build_really_ran_in_parallel(builds) -> None:
    """Sphinx reports reading in chunks ("index .. page-2") only when it reads in parallel."""
    _, status, parallel = builds[2]
    assert parallel == 2
    assert re.search(r"reading sources\.\.\. \[\s*\d+%\] \S+ \.\. \S+", strip_ansi(status))
    _, status, serial = builds[0]
    assert serial == 0
    assert not re.search(r"reading sources\.\.\. \[\s*\d+%\] \S+ \.\. \S+", strip_ansi(status))


def test_parallel_links_match_serial(builds) -> None:
    serial, parallel = builds[0][0], builds[2][0]
    for page in PAGES:
        assert parallel["pages"][page]["links"] == serial["pages"][page]["links"], page


def test_parallel_cards_match_serial(builds) -> None:
    serial, parallel = builds[0][0], builds[2][0]
    for page in PAGES:
        assert parallel["pages"][page]["cards"] == serial["pages"][page]["cards"], page
        assert parallel["pages"][page]["no_card"] == serial["pages"][page]["no_card"], page


def test_parallel_warnings_match_serial(builds) -> None:
    serial, parallel = builds[0][0], builds[2][0]
    assert parallel["warnings"] == serial["warnings"]
    types = sorted({w[2] for w in serial["warnings"]})
    assert types == ["termref.duplicate_card", "termref.unknown"]


def test_serial_links_go_to_the_cards(builds) -> None:
    """The reference build itself is right: cards on other pages are found by alias."""
    serial = builds[0][0]
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
