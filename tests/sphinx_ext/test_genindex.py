"""The general index (genindex.html): each card adds its name, aliases and category."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp

# Three cards with aliases and categories; test_intersphinx's provider project too.
ROOT = "intersphinx-provider"


def _genindex(app: SphinxTestApp) -> dict[str, Tag]:
    """Top-level entries of genindex.html, by their own text (without subentries)."""
    soup = BeautifulSoup(
        (Path(app.outdir) / "genindex.html").read_text(encoding="utf-8"), "html.parser"
    )
    entries: dict[str, Tag] = {}
    for table in soup.select("table.genindextable"):
        for li in table.select("td > ul > li"):
            own = "".join(
                child.get_text() if isinstance(child, Tag) and child.name != "ul" else str(child)
                for child in li.children
                if not (isinstance(child, Tag) and child.name == "ul")
            ).strip()
            entries[own] = li
    return entries


def _subentries(entry: Tag) -> list[Tag]:
    sub = entry.find("ul")
    return sub.find_all("li", recursive=False) if sub else []


@pytest.mark.sphinx("html", testroot=ROOT)
def test_name_links_to_card(app: SphinxTestApp) -> None:
    app.build()
    entries = _genindex(app)
    for name, term_id in [
        ("Mesa-Optimization", "mesa-optimization"),
        ("Reward Hacking", "reward-hacking"),
        ("Ontology", "ontology"),
    ]:
        link = entries[name].find("a", recursive=False)
        assert link is not None, name
        assert link["href"] == f"index.html#termref-{term_id}"
    # The anchor exists on the card page.
    page = BeautifulSoup((Path(app.outdir) / "index.html").read_text(), "html.parser")
    assert page.find("section", id="termref-mesa-optimization") is not None


ALIASES = [
    ("Inner optimization", "Mesa-Optimization", "mesa-optimization"),
    ("Learned optimizer", "Mesa-Optimization", "mesa-optimization"),
    ("Specification gaming", "Reward Hacking", "reward-hacking"),
]


@pytest.mark.sphinx("html", testroot=ROOT)
def test_aliases_link_to_the_card(app: SphinxTestApp) -> None:
    """By default an alias is an entry of its own that links to the card, as each
    spelling of a term in Sphinx's glossary is."""
    app.build()
    entries = _genindex(app)
    for alias, _, term_id in ALIASES:
        link = entries[alias].find("a", recursive=False)
        assert link is not None, alias
        assert link["href"] == f"index.html#termref-{term_id}"
        assert _subentries(entries[alias]) == []


@pytest.mark.sphinx("html", testroot=ROOT, confoverrides={"termref_index_aliases": "see"})
def test_aliases_see_name(app: SphinxTestApp) -> None:
    app.build()
    entries = _genindex(app)
    for alias, name, _ in ALIASES:
        subs = _subentries(entries[alias])
        assert [" ".join(s.get_text().split()) for s in subs] == [f"see {name}"], alias
        # A "see" entry is a cross-reference in words, not a second link to the card.
        assert entries[alias].find("a", recursive=False) is None


@pytest.mark.sphinx("html", testroot=ROOT, confoverrides={"termref_index_aliases": "none"})
def test_aliases_can_stay_out_of_the_index(app: SphinxTestApp) -> None:
    app.build()
    entries = _genindex(app)
    assert not {alias for alias, _, _ in ALIASES} & entries.keys()
    assert "Mesa-Optimization" in entries


@pytest.mark.sphinx("html", testroot=ROOT, confoverrides={"termref_index_aliases": "see-also"})
def test_unknown_alias_style_is_reported(app: SphinxTestApp) -> None:
    app.build()
    warnings = app.warning.getvalue()
    assert "termref_index_aliases must be one of 'link', 'see', 'none', got 'see-also'" in (
        warnings
    )
    assert "[termref.config]" in warnings
    # The default is used: the alias links to the card.
    assert _genindex(app)["Inner optimization"].find("a", recursive=False) is not None


@pytest.mark.sphinx("html", testroot=ROOT)
def test_category_lists_names(app: SphinxTestApp) -> None:
    app.build()
    entries = _genindex(app)
    subs = _subentries(entries["Model Optimization"])
    assert [(s.get_text(strip=True), s.a["href"]) for s in subs] == [
        ("Mesa-Optimization", "index.html#termref-mesa-optimization"),
        ("Reward Hacking", "index.html#termref-reward-hacking"),
    ]


@pytest.mark.sphinx("html", testroot=ROOT)
def test_hidden_aliases_and_ids_stay_out_of_the_index(app: SphinxTestApp) -> None:
    app.build()
    keys = {key.casefold() for key in _genindex(app)}
    assert "mesa optimisation" not in keys
    assert "mesa-optimization" in keys  # the name, which is spelled like the id here
    assert "reward-hacking" not in keys
    assert "ontology" in keys
