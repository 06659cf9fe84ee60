"""The ``term-index`` directive: A-Z listings, selections, groups, and full cards.

Root ``test-native-index``: six terms, no hand-placed card. The toctree of
``index`` lists, in this order: glossary (every term, A-Z), by-category
(``:group-by: category``), safety (``:tag: safety``, ``:group-by: none``),
safety-cards (``:tag: safety`` with ``:cards:``), algorithms (``:category:``) and
refs (references to terms that only the indexes show).
"""

from __future__ import annotations

import pytest
from bs4 import Tag
from helpers import build_once, html, strip_ansi
from sphinx.testing.util import SphinxTestApp


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """One build for the whole module: the tests only read its output."""
    return build_once(tmp_path_factory, "native-index")


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
