"""Several cards of one term: which one references go to, warnings, unique HTML ids."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from helpers import html, line_of, shared_build, warnings_typed

duplicates_root = shared_build("test_duplicates-duplicates", testroot="duplicates")


@pytest.fixture
def built(app):
    app.build()
    return app


def alpha_cards(soup):
    return [
        c
        for c in soup.find_all("section", class_="termref-card")
        if c.find("meta", itemprop="termCode")["content"] == "alpha"
    ]


@duplicates_root
def test_second_indexed_card_warns_on_its_own_line(built) -> None:
    index, other = built.srcdir / "index.rst", built.srcdir / "other.rst"
    first_line = line_of(index, ".. term-card:: alpha")
    warnings = warnings_typed(built, "termref.duplicate_card")
    assert sorted(w.location for w in warnings) == sorted(
        [
            f"{index}:{line_of(index, '.. term-card:: Alpha')}",
            f"{other}:{line_of(other, '.. term-card:: alpha')}",
        ]
    )
    for warning in warnings:
        assert warning.message == (
            f"term 'alpha' has a card already in 'index' (line {first_line}), which "
            "references link to; add :no-index: to this one"
        )


@duplicates_root
def test_no_index_card_does_not_warn(built) -> None:
    # three indexed alpha cards (two here, one on other.rst) -> two warnings, not three
    assert len(warnings_typed(built, "termref.duplicate_card")) == 2
    # beta's only card is :no-index: -> no duplicate warning, but it is no link target
    assert not any("'beta'" in w.message for w in warnings_typed(built, "termref.duplicate_card"))
    (no_card,) = warnings_typed(built, "termref.no_card")
    assert "'beta'" in no_card.message
    beta = next(li for li in html(built).find_all("li") if li.get_text().startswith("to-beta:"))
    assert beta.find("a") is None
    assert "termref--no-card" in beta.find("abbr")["class"]


@duplicates_root
def test_references_go_to_the_first_card(built) -> None:
    index, other = html(built), html(built, "other")
    assert index.find("a", class_="termref--alpha")["href"] == "#termref-alpha"
    assert other.find("a", class_="termref--alpha")["href"] == "index.html#termref-alpha"
    first = alpha_cards(index)[0]
    assert first["id"] == "termref-alpha"


@duplicates_root
def test_no_index_card_has_no_id(built) -> None:
    cards = alpha_cards(html(built))
    assert len(cards) == 3
    assert not cards[2].has_attr("id")
    assert cards[2]["aria-label"] == "Alpha"


@duplicates_root
def test_ids_on_a_page_are_unique(built) -> None:
    """Two indexed cards of one term on one page must not share an HTML id.

    The second card gets a numbered id from Sphinx's ``make_id``, as a glossary
    term given twice does.
    """
    soup = html(built)
    counts = Counter(tag["id"] for tag in soup.find_all(id=True))
    assert {i: n for i, n in counts.items() if n > 1} == {}
    first, second = alpha_cards(soup)[:2]
    assert first["id"] == "termref-alpha"
    assert re.fullmatch(r"termref-\d+", second["id"]), second["id"]
    assert second["aria-labelledby"] == f"{second['id']}-name"
    assert soup.find(id=f"{second['id']}-name") in second.descendants


def test_hand_card_and_index_cards_on_one_page(make_build, copied_root) -> None:
    srcdir = copied_root("duplicates")
    (srcdir / "index.rst").write_text(
        "Glossary\n========\n\n.. term-card:: alpha\n\n.. term-index::\n   :cards:\n\n"
        "* to-alpha: :termref:`alpha`\n",
        encoding="utf-8",
    )
    (srcdir / "other.rst").unlink()
    app = make_build(srcdir)
    soup = html(app)
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert sorted(ids) == sorted(set(ids))
    first, second = alpha_cards(soup)
    assert first["id"] == "termref-alpha"
    assert second["id"] != "termref-alpha"
    assert soup.find(id=second["aria-labelledby"]) in second.descendants
    # the hand card is where references go, and a listing is no duplicate card
    assert soup.find("a", class_="termref--alpha")["href"] == "#termref-alpha"
    assert warnings_typed(app, "termref.duplicate_card") == []
