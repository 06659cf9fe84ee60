"""``.. term-index::``: A-Z listing, links to cards, and ``:cards:`` as a link target."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import assert_no_crash, card, html, shared_build, termref_warnings

index_root = shared_build("test_term_index-index", testroot="index")

# sorted by normalised name, grouped by initial; names not starting with a letter go to "#"
EXPECTED = {
    "#": ["2nd Order"],
    "A": ["Alpha Term", "Another"],
    "B": ["beta term"],
    "M": ["Mesa-Optimization"],
    "Z": ["Zeta"],
}
IDS = {
    "2nd Order": "second-order",
    "Alpha Term": "alpha",
    "Another": "another-a",
    "beta term": "beta",
    "Mesa-Optimization": "mesa-optimization",
    "Zeta": "zeta",
}


def text(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


def listing(soup: BeautifulSoup) -> Tag:
    (container,) = soup.select("div.termref-index")
    return container


@pytest.fixture
def built(app):
    app.build()
    assert_no_crash(app)
    return app


@index_root
def test_index_root_builds_without_termref_warnings(built) -> None:
    assert termref_warnings(built) == []


@index_root
def test_letter_headings_in_order(built) -> None:
    container = listing(html(built))
    headings = container.find_all(class_="termref-index__heading", recursive=False)
    assert [text(h) for h in headings] == list(EXPECTED)
    assert all("rubric" in h["class"] for h in headings)


@index_root
def test_entries_under_each_letter(built) -> None:
    container = listing(html(built))
    seen: dict[str, list[str]] = {}
    heading = None
    for child in container.find_all(recursive=False):
        if "termref-index__heading" in child.get("class", []):
            heading = text(child)
        elif child.name == "dl":
            assert "termref-index__entries" in child["class"]
            seen.setdefault(heading, []).extend(text(dt) for dt in child.find_all("dt"))
    assert seen == EXPECTED


@index_root
def test_entries_link_to_cards(built) -> None:
    container = listing(html(built))
    for dt in container.find_all("dt"):
        link = dt.find("a", class_="termref")
        term_id = IDS[text(dt)]
        # the hand-made card wins over the :cards: index, which wins over this entry
        page = "hand" if term_id == "mesa-optimization" else "cards"
        assert link["href"] == f"{page}.html#termref-{term_id}"
        assert link["title"].startswith(f"{text(dt)}: ")


@index_root
def test_entry_shows_summary_and_aliases(built) -> None:
    container = listing(html(built))
    dt = next(dt for dt in container.find_all("dt") if text(dt) == "Alpha Term")
    dd = dt.find_next_sibling("dd")
    paragraphs = dd.find_all("p")
    assert text(paragraphs[0]) == "The first term."
    assert paragraphs[0].find("em").get_text() == "first"
    assert text(dd.select_one("p.termref-index__aliases")) == "First term, Initial term"


@index_root
def test_cards_option_renders_every_card(built) -> None:
    soup = html(built, "cards")
    container = listing(soup)
    shown = [
        c.find("meta", itemprop="termCode")["content"]
        for c in container.find_all("section", class_="termref-card", recursive=False)
    ]
    assert shown == [IDS[name] for names in EXPECTED.values() for name in names]
    alpha = card(soup, "alpha")
    assert alpha.find("dfn").get_text() == "Alpha Term"
    assert text(alpha.find(class_="termref-card__category")) == "Letters"
    # a card under a letter heading (level 2) in a top-level section: name h3, labels h4
    assert alpha.find_previous(class_="termref-index__heading")["aria-level"] == "2"
    assert alpha.find(class_="termref-card__name").name == "h3"
    assert {label.name for label in alpha.select(".termref-card__label")} == {"h4"}
    # the letter headings stay between the cards
    assert [text(h) for h in container.select(".termref-index__heading")] == list(EXPECTED)


@index_root
def test_cards_index_is_the_link_target_without_a_hand_card(built) -> None:
    hand = html(built, "hand")
    to_alpha = hand.find("a", class_="termref--alpha")
    assert to_alpha["href"] == "cards.html#termref-alpha"
    to_mesa = hand.find("a", class_="termref--mesa-optimization")
    assert to_mesa["href"] == "#termref-mesa-optimization"


@pytest.mark.sphinx("html", testroot="index", confoverrides={"exclude_patterns": ["cards.rst"]})
def test_plain_index_entry_is_the_target_when_nothing_else_shows_the_term(built) -> None:
    assert not (built.outdir / "cards.html").exists()
    assert termref_warnings(built) == []
    hand = html(built, "hand")
    assert hand.find("a", class_="termref--alpha")["href"] == "index.html#termref-entry-alpha"
    # the link must not dangle: the index page has an element with that id
    soup = html(built)
    entry = soup.find(id="termref-entry-alpha")
    assert entry is not None, "no element has id termref-entry-alpha: the link dangles"
    assert "Alpha Term" in text(entry)
