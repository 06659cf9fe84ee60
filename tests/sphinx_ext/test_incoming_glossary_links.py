"""A migrated glossary keeps the links into it: with ``termref_std_terms = True``
``objects.inv`` lists the shown terms as ``std:term`` too, so other projects'
``:term:`prov:...``` still resolve, and each card carries the ids Sphinx's
glossary gave its entry terms, so old ``#term-...`` links land on it.

``test-std-terms-original`` is a plain Sphinx glossary; ``test-std-terms-provider``
is that glossary migrated (cards on ``glossary``, a term index on ``listing``,
local references on ``refs``), and ``test-std-terms-consumer`` a plain Sphinx
project that links to the provider's terms through intersphinx.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import ROOTS, build_app, html, read_inventory, strip_ansi
from sphinx.testing.util import SphinxTestApp

PROVIDER = ROOTS / "test-std-terms-provider"
SHOWN = {
    ">>>": "glossary.html#termref-greater-than-greater-than-greater-than",
    "...": "glossary.html#termref-dot-dot-dot",
    "Some Name": "glossary.html#termref-some-name",
    "Other Spelling": "glossary.html#termref-some-name",
    "clash": "glossary.html#termref-some-name",
    "iterator": "glossary.html#termref-iterator",
    "Listed Term": "listing.html#termref-entry-listed",
}


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    app = build_app(PROVIDER, tmp_path_factory.mktemp("provider"))
    assert "WARNING" not in strip_ansi(app.warning.getvalue())
    return app


def _entry_term_ids(soup: BeautifulSoup) -> dict[str, str]:
    """Each entry term of a Sphinx glossary, by its text, and its id."""
    return {dt.get_text().rstrip("¶"): dt["id"] for dt in soup.select("dl.glossary dt")}


def _card(soup: BeautifulSoup, term_id: str) -> Tag:
    card = soup.find("section", id=f"termref-{term_id}")
    assert isinstance(card, Tag)
    return card


def test_inventory_lists_shown_terms_as_glossary_terms(provider: SphinxTestApp) -> None:
    inventory = read_inventory(Path(provider.outdir) / "objects.inv")
    terms = inventory["std:term"]
    # Names and aliases as written, display name "-" as for a glossary's entries;
    # the term no page shows is left out, and ids are not spellings a glossary has.
    assert {name: item.uri for name, item in terms.items()} == SHOWN
    assert {item.display_name for item in terms.values()} == {"-"}
    assert inventory["termref:term"]["Some Name"].uri == SHOWN["Some Name"]


def test_cards_carry_the_glossary_ids(
    provider: SphinxTestApp, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The ids are those Sphinx's glossary gave the same entries, ``term-0`` for a
    name that makes no id included; an id the page already has stays with its
    element (Sphinx would have numbered that entry instead)."""
    original = build_app(ROOTS / "test-std-terms-original", tmp_path_factory.mktemp("original"))
    expected = _entry_term_ids(html(original))
    assert expected.pop("clash") != "term-clash"  # the section has it
    soup = html(provider, "glossary")
    found = {}
    for term_id, names in [
        ("greater-than-greater-than-greater-than", [">>>"]),
        ("dot-dot-dot", ["..."]),
        ("some-name", ["Some Name", "Other Spelling"]),
        ("iterator", ["iterator"]),
    ]:
        ids = [
            span["id"] for span in _card(soup, term_id).find_all("span", id=True, recursive=False)
        ]
        found.update(zip(names, ids, strict=True))
    assert found == expected
    assert {"term-0", "term-...", "term-Some-Name", "term-iterator"} <= set(found.values())
    # No id twice on the page: "term-clash" is the section's alone.
    ids = Counter(element["id"] for element in soup.find_all(id=True))
    assert [id_ for id_, count in ids.items() if count > 1] == []
    clash = soup.find(id="term-clash")
    assert isinstance(clash, Tag) and clash.name == "section"
    # A term index entry carries its name's id too.
    entry = html(provider, "listing").find(id="term-Listed-Term")
    assert isinstance(entry, Tag) and entry.find_parent("dt", id="termref-entry-listed")


def test_old_deep_link_lands_on_the_card(provider: SphinxTestApp) -> None:
    link = html(provider, "refs").find("a", href="glossary.html#term-iterator")
    assert isinstance(link, Tag)
    target = html(provider, "glossary").find(id="term-iterator")
    assert isinstance(target, Tag)
    assert target.parent is not None and target.parent.get("id") == "termref-iterator"


def test_local_references_stay_the_extensions_own(provider: SphinxTestApp) -> None:
    links = {
        li.get_text().partition(":")[0]: li.a
        for li in html(provider, "refs").select("div.body li")
    }
    for label, term_id in [
        ("term", "some-name"),
        ("term-alias", "some-name"),
        ("term-prompt", "greater-than-greater-than-greater-than"),
        ("termref", "iterator"),
    ]:
        link = links[label]
        assert link is not None
        assert link["href"] == f"glossary.html#termref-{term_id}"
        assert {"termref", f"termref--{term_id}"} <= set(link["class"]), label
    # They are the card's backlinks, as before.
    backlinks = _card(html(provider, "glossary"), "some-name").select(
        "div.termref-card__section--referenced-in a"
    )
    assert [a["href"] for a in backlinks] == ["refs.html"]


def test_consumer_term_links_resolve(provider: SphinxTestApp, tmp_path: Path) -> None:
    outdir = Path(provider.outdir)
    app = build_app(
        ROOTS / "test-std-terms-consumer",
        tmp_path,
        confoverrides={
            "intersphinx_mapping": {"prov": (str(outdir), str(outdir / "objects.inv"))}
        },
    )
    found = {}
    for li in html(app).select("div.body li"):
        a = li.find("a")
        found[li.get_text().partition(":")[0]] = (a.get_text(), a["href"]) if a else None
    card = f"{outdir}/glossary.html#termref-some-name"
    assert found == {
        "name": ("Some Name", card),
        "alias": ("Other Spelling", card),
        "case": ("SOME NAME", card),
        "prompt": (">>>", f"{outdir}/{SHOWN['>>>']}"),
        "listed": ("listed term", f"{outdir}/{SHOWN['Listed Term']}"),
        "titled": ("the iterator", f"{outdir}/{SHOWN['iterator']}"),
        "unshown": None,
    }
    warnings = [
        line for line in strip_ansi(app.warning.getvalue()).splitlines() if "WARNING" in line
    ]
    assert len(warnings) == 1 and "Unshown Term" in warnings[0], warnings


def test_off_by_default(tmp_path: Path) -> None:
    app = build_app(PROVIDER, tmp_path, confoverrides={"termref_std_terms": False})
    inventory = read_inventory(Path(app.outdir) / "objects.inv")
    assert "std:term" not in inventory
    assert html(app, "glossary").find(id="term-iterator") is None


@pytest.mark.parametrize("buildername", ["dirhtml", "singlehtml"])
def test_other_html_builders(buildername: str, tmp_path: Path) -> None:
    app = build_app(PROVIDER, tmp_path, buildername)
    terms = read_inventory(Path(app.outdir) / "objects.inv")["std:term"]
    assert set(terms) == set(SHOWN)
    assert (
        terms["Some Name"].uri
        == read_inventory(Path(app.outdir) / "objects.inv")["termref:term"]["Some Name"].uri
    )


def _parallel_pages(builddir: Path, parallel: int) -> tuple[bytes, int]:
    """``test-parallel-pages`` with ``termref_std_terms``: its inventory, and how many
    documents worker processes read."""
    merges: list[str] = []
    app = SphinxTestApp(
        "html",
        srcdir=ROOTS / "test-parallel-pages",
        builddir=builddir,
        parallel=parallel,
        confoverrides={"termref_std_terms": True},
    )
    app.connect("env-merge-info", lambda app, env, docnames, other: merges.extend(docnames))
    try:
        app.build()
    finally:
        app.cleanup()
    return (Path(app.outdir) / "objects.inv").read_bytes(), len(merges)


def test_parallel_build_lists_the_same(tmp_path_factory: pytest.TempPathFactory) -> None:
    serial, _ = _parallel_pages(tmp_path_factory.mktemp("serial"), 0)
    parallel, merges = _parallel_pages(tmp_path_factory.mktemp("parallel"), 2)
    assert merges > 0  # worker processes really read pages
    assert parallel == serial
    inventory = tmp_path_factory.mktemp("inv") / "objects.inv"
    inventory.write_bytes(serial)
    terms = read_inventory(inventory)["std:term"]
    assert terms["Mesa-Optimization"].uri == "p01.html#termref-mesa-optimization"
    assert terms["Inner optimization"].uri == terms["Mesa-Optimization"].uri
