"""A project that uses a few terms of a large database split into many files builds
exactly as it does against a database of only those terms: the same cards, links,
index, ``objects.inv`` and search index, from a cold and from a warm cache.

Only the terms a page shows reach ``objects.inv``, the search index and the term
stylesheet; the others have no place to link to.
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import Built, build, dump_terms, inventory_lines, search_index, write_project
from sphinx.testing.util import SphinxTestApp
from term_stylesheet import FILE_NAME

from sphinx_termref.sphinx_ext.domain import get_domain
from sphinx_termref.termdb import loading
from sphinx_termref.termdb.shelf import Shelf

TERMS = 1_200
FILES = 12
#: Every 100th term: spread over all the files.
USED = list(range(50, TERMS, 100))


def _term(number: int) -> dict[str, Any]:
    term: dict[str, Any] = {
        "id": f"term-{number:04d}",
        "name": f"Zorblax {number:04d}",
        "aliases": [f"Flibber {number:04d}"],
        "summary": f"The summary of term {number}.",
        "technical_definition": f"Term {number} is *defined* here, with ``code``.",
    }
    if number % 3 == 0:
        term["abbreviation"] = f"ZB{number:04d}"
    if number % 4 == 2:
        term["labels"] = [f"label-{number:04d}"]
    if number in USED and number != USED[0]:
        # Hierarchy and see-also among the terms the project uses, which both
        # databases hold, so that the cards are the same.
        term["broader"] = [f"term-{USED[0]:04d}"]
        term["see_also"] = [f"Zorblax {USED[USED.index(number) - 1]:04d}"]
    return term


def _big() -> dict[str, str]:
    per_file = TERMS // FILES
    return {
        f"terms/part{part:02d}.yaml": dump_terms(
            [_term(n) for n in range(part * per_file, (part + 1) * per_file)]
        )
        for part in range(FILES)
    }


def _small() -> dict[str, str]:
    return {"terms/only.yaml": dump_terms([_term(n) for n in USED])}


PAGES = {
    "index": "Big\n===\n\n.. toctree::\n\n   cards\n   refs\n",
    "cards": "Cards\n=====\n\n" + "".join(f".. term-card:: term-{n:04d}\n\n" for n in USED),
    "refs": "Refs\n====\n\n"
    + "".join(f"See :termref:`Zorblax {n:04d}` and :termref:`flibber {n:04d}`.\n\n" for n in USED)
    + "A label: :ref:`label-0250`.\n",
}


def _build(tmp_path: Path, name: str, database: dict[str, str], fresh: bool) -> Built:
    srcdir = tmp_path / name / "src"
    if not srcdir.exists():
        write_project(srcdir, database, PAGES, 'termref_databases = ["terms"]\n')
    loading._cache.clear()  # as a new process would
    built = build(srcdir, tmp_path / name / "_build", freshenv=fresh)
    assert built.statuscode == 0
    assert built.warnings == []
    return built


def _body(built: Built, page: str) -> str:
    body = built.soup(page).select_one("div.body")
    assert body is not None
    return str(body)


def _pages(built: Built) -> dict[str, str]:
    return {page: _body(built, page) for page in ("cards", "refs", "genindex")}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    tmp_path = tmp_path_factory.mktemp("big-database")
    result = {}
    for name, database in (("big", _big()), ("small", _small())):
        result[f"{name} cold"] = _build(tmp_path, name, database, fresh=False)
        # The same project again, reading every page, with the cache of the first.
        result[f"{name} warm"] = _build(tmp_path, name, database, fresh=True)
    return result


@pytest.mark.parametrize("which", ["big cold", "big warm", "small warm"])
def test_pages_are_those_of_the_small_database(builds: dict[str, Built], which: str) -> None:
    expected = _pages(builds["small cold"])
    assert len(re.findall(r'class="termref-card[ "]', expected["cards"])) == len(USED)
    assert expected["refs"].count('href="cards.html#termref-term-') >= 2 * len(USED)
    assert "Zorblax 0250" in expected["genindex"]
    assert _pages(builds[which]) == expected


@pytest.mark.parametrize("which", ["big cold", "big warm"])
def test_inventory_and_search_index_are_those_of_the_small_database(
    builds: dict[str, Built], which: str
) -> None:
    small, big = builds["small cold"], builds[which]
    assert inventory_lines(big.outdir) == inventory_lines(small.outdir)
    assert search_index(big.outdir) == search_index(small.outdir)
    # The term stylesheet holds the shown terms alone: the same bytes.
    stylesheet = Path("_static", FILE_NAME)
    assert (big.outdir / stylesheet).read_bytes() == (small.outdir / stylesheet).read_bytes()


def test_only_the_terms_pages_show_reach_the_inventory(builds: dict[str, Built]) -> None:
    lines = inventory_lines(builds["big warm"].outdir)
    named = {line.split(" termref:term ")[0] for line in lines if " termref:term " in line}
    shown = {f"Zorblax {n:04d}" for n in USED}
    assert shown <= named
    assert not any(f"Zorblax {n:04d}" in named for n in range(TERMS) if n not in USED)
    objects = search_index(builds["big warm"].outdir)["objects"]
    listed = {entry[4] for entries in objects.values() for entry in entries}
    assert len(listed) >= 1
    assert all(name in shown for name in map(str, listed) if name.startswith("Zorblax"))


def test_a_build_that_reads_no_page_unpickles_no_term(builds: dict[str, Built]) -> None:
    """``objects.inv`` and the search index list the shown terms from the database's
    table of their spellings: a build that reads no page unpickles none of the terms."""
    big = builds["big warm"]
    before = (big.outdir / "objects.inv").read_bytes()
    loading._cache.clear()  # as a new process would
    app = SphinxTestApp("html", srcdir=big.srcdir, builddir=big.outdir.parent)
    try:
        app.build()
        terms = get_domain(app.env).database.terms
        assert isinstance(terms, Shelf)
        assert terms.shards_read() == 0
    finally:
        app.cleanup()
    assert (big.outdir / "objects.inv").read_bytes() == before


def test_a_build_that_reads_every_page_reads_only_the_terms_it_uses(
    builds: dict[str, Built],
) -> None:
    """With a warm cache, a build of every page unpickles the shards of the terms it
    uses, lists their spellings from those terms rather than from the table of
    listed spellings, and keeps the digests of those terms alone for the next build."""
    big = builds["big warm"]
    loading._cache.clear()  # as a new process would
    app = SphinxTestApp("html", srcdir=big.srcdir, builddir=big.outdir.parent, freshenv=True)
    try:
        app.build()
        database = get_domain(app.env).database
        assert isinstance(database.terms, Shelf)
        assert 0 < database.terms.shards_read() <= len(USED)
        listed = database._listed  # the table a build that reads no page lists them from
        assert isinstance(listed, Shelf)
        assert listed.shards_read() == 0
    finally:
        app.cleanup()
    kept = pickle.loads(app.env.domaindata["termref"]["digests"])
    assert set(kept) == {f"term-{n:04d}" for n in USED}
