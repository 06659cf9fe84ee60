"""The ``term-index`` directive: A-Z listings, selections, groups, and full cards.

Root ``test-index-selections``: six terms, no hand-placed card. The toctree of
``index`` lists, in this order: glossary (every term, A-Z), by-category
(``:group-by: category``), safety (``:tag: safety``, ``:group-by: none``),
safety-cards (``:tag: safety`` with ``:cards:``), algorithms (``:category:``) and
refs (references to terms that only the indexes show).

Root ``test-index`` (the tests at the end): an A-Z listing of six terms, links to
cards, and ``:cards:`` as a link target.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import (
    build_once,
    card,
    html,
    shared_build,
    strip_ansi,
    termref_warnings,
)
from sphinx.testing.util import SphinxTestApp
from term_stylesheet import term_stylesheet


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """One build for the whole module: the tests only read its output."""
    return build_once(tmp_path_factory, "index-selections")


def _index(app: SphinxTestApp, page: str) -> Tag:
    found = html(app, page).select("div.body div.termref-index")
    assert len(found) == 1
    return found[0]


def _groups(index: Tag) -> list[tuple[str, list[str]]]:
    """(heading, [entry names]) in document order; heading "" before any rubric."""
    groups: list[tuple[str, list[str]]] = []
    for element in index.find_all(["p", "dt"]):
        if "termref-index__heading" in element.get("class", []):
            assert "rubric" in element["class"]
            groups.append((element.get_text(strip=True), []))
        elif element.name == "dt":
            if not groups:
                groups.append(("", []))
            groups[-1][1].append(element.get_text(strip=True))
    return groups


def _entry(index: Tag, term_id: str) -> tuple[Tag, Tag]:
    dt = index.find("dt", id=f"termref-entry-{term_id}")
    assert dt is not None, term_id
    dd = dt.find_next_sibling("dd")
    return dt, dd


def test_no_warnings(built: SphinxTestApp) -> None:
    assert "WARNING" not in strip_ansi(built.warning.getvalue())


def test_letter_rubrics_and_sorted_entries(built: SphinxTestApp) -> None:
    assert _groups(_index(built, "glossary")) == [
        ("A", ["Adam", "Alignment"]),
        ("B", ["Bayes Theorem", "beam search"]),  # case-insensitive order
        ("R", ["Reward Hacking"]),
        ("Z", ["Zeta Function"]),
    ]


def test_entry_shows_summary_and_aliases(built: SphinxTestApp) -> None:
    _, dd = _entry(_index(built, "glossary"), "alignment")
    summary = dd.find("p", class_=lambda c: c != "termref-index__aliases")
    assert " ".join(summary.get_text().split()) == "Steering a system toward intended goals."
    assert summary.find("em").get_text() == "intended"  # inline markup is parsed
    aliases = dd.find("p", class_="termref-index__aliases")
    assert aliases.get_text(strip=True) == "AI alignment, Value alignment"
    # A term without aliases has no alias line, one without summary no summary.
    _, zeta = _entry(_index(built, "glossary"), "zeta")
    assert zeta.find("p", class_="termref-index__aliases") is None
    _, bayes = _entry(_index(built, "glossary"), "bayes")
    assert bayes.get_text(strip=True) == ""


def test_entry_links_to_where_the_term_is_shown(built: SphinxTestApp) -> None:
    index = _index(built, "glossary")
    alignment, _ = _entry(index, "alignment")
    assert alignment.a["href"] == "safety-cards.html#termref-alignment"
    adam, _ = _entry(index, "adam")
    assert adam.a["href"] == "#termref-entry-adam"  # its own entry is its target


def test_category_option(built: SphinxTestApp) -> None:
    groups = _groups(_index(built, "algorithms"))
    assert [name for _, names in groups for name in names] == ["Adam", "beam search"]
    assert [heading for heading, _ in groups] == ["A", "B"]


def test_tag_option_and_no_grouping(built: SphinxTestApp) -> None:
    index = _index(built, "safety")
    assert _groups(index) == [("", ["Alignment", "Reward Hacking"])]
    assert index.find("p", class_="termref-index__heading") is None


def test_group_by_category(built: SphinxTestApp) -> None:
    assert _groups(_index(built, "by-category")) == [
        ("Algorithms", ["Adam", "beam search"]),
        ("Mathematics", ["Bayes Theorem", "Zeta Function"]),
        ("Safety", ["Alignment", "Reward Hacking"]),
    ]


def test_cards_option_renders_full_cards(built: SphinxTestApp) -> None:
    index = _index(built, "safety-cards")
    cards = index.find_all("section", class_="termref-card")
    assert [card["id"] for card in cards] == ["termref-alignment", "termref-reward-hacking"]
    alignment = cards[0]
    assert alignment.find(class_="termref-card__name").dfn.get_text() == "Alignment"
    assert alignment.find(class_="termref-card__category").get_text(strip=True) == "Safety"
    summary = alignment.find(class_="termref-card__summary")
    assert " ".join(summary.get_text().split()) == "Steering a system toward intended goals."
    aliases = alignment.find(class_="termref-card__section--aliases")
    assert [li.get_text(strip=True) for li in aliases.find_all("li")] == [
        "AI alignment",
        "Value alignment",
    ]
    # No one-line entries in a card index.
    assert index.find("dl", class_="termref-index__entries") is None


@pytest.mark.parametrize(
    ("label", "href"),
    [
        # Shown by a :cards: index: its card.
        ("to-cards", "safety-cards.html#termref-alignment"),
        ("to-cards-2", "safety-cards.html#termref-reward-hacking"),
        # Only in one-line indexes: the entry in the first one in toctree order.
        ("to-entry", "glossary.html#termref-entry-adam"),
        ("to-entry-2", "glossary.html#termref-entry-beam-search"),
    ],
)
def test_reference_to_term_without_card_goes_to_index(
    built: SphinxTestApp, label: str, href: str
) -> None:
    soup = html(built, "refs")
    item = next(
        li for li in soup.select("div.body li") if li.get_text(strip=True).startswith(label + ":")
    )
    assert item.a["href"] == href
    page, _, anchor = href.partition("#")
    assert html(built, page.removesuffix(".html")).find(id=anchor) is not None


# -- root test-index: the A-Z listing, its links, and :cards: as a link target ----------


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
def index_build(app):
    app.build()
    return app


@index_root
def test_index_root_builds_without_termref_warnings(index_build) -> None:
    assert termref_warnings(index_build) == []


@index_root
def test_letter_headings_in_order(index_build) -> None:
    container = listing(html(index_build))
    headings = container.find_all(class_="termref-index__heading", recursive=False)
    assert [text(h) for h in headings] == list(EXPECTED)
    assert all("rubric" in h["class"] for h in headings)


@index_root
def test_entries_under_each_letter(index_build) -> None:
    container = listing(html(index_build))
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
def test_entries_link_to_cards(index_build) -> None:
    container = listing(html(index_build))
    for dt in container.find_all("dt"):
        link = dt.find("a", class_="termref")
        term_id = IDS[text(dt)]
        # the hand-made card wins over the :cards: index, which wins over this entry
        page = "hand" if term_id == "mesa-optimization" else "cards"
        assert link["href"] == f"{page}.html#termref-{term_id}"
        assert "title" not in link.attrs
        assert term_stylesheet(index_build.outdir).tip(term_id).startswith(f"{text(dt)}: ")


@index_root
def test_az_entry_shows_summary_and_aliases(index_build) -> None:
    container = listing(html(index_build))
    dt = next(dt for dt in container.find_all("dt") if text(dt) == "Alpha Term")
    dd = dt.find_next_sibling("dd")
    paragraphs = dd.find_all("p")
    assert text(paragraphs[0]) == "The first term."
    assert paragraphs[0].find("em").get_text() == "first"
    assert text(dd.select_one("p.termref-index__aliases")) == "First term, Initial term"


@index_root
def test_cards_option_renders_every_card(index_build) -> None:
    soup = html(index_build, "cards")
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
def test_cards_index_is_the_link_target_without_a_hand_card(index_build) -> None:
    hand = html(index_build, "hand")
    to_alpha = hand.find("a", class_="termref--alpha")
    assert to_alpha["href"] == "cards.html#termref-alpha"
    to_mesa = hand.find("a", class_="termref--mesa-optimization")
    assert to_mesa["href"] == "#termref-mesa-optimization"


@pytest.mark.sphinx("html", testroot="index", confoverrides={"exclude_patterns": ["cards.rst"]})
def test_plain_index_entry_is_the_target_when_nothing_else_shows_the_term(index_build) -> None:
    assert not (index_build.outdir / "cards.html").exists()
    assert termref_warnings(index_build) == []
    hand = html(index_build, "hand")
    assert hand.find("a", class_="termref--alpha")["href"] == "index.html#termref-entry-alpha"
    # the link must not dangle: the index page has an element with that id
    soup = html(index_build)
    entry = soup.find(id="termref-entry-alpha")
    assert entry is not None, "no element has id termref-entry-alpha: the link dangles"
    assert "Alpha Term" in text(entry)
