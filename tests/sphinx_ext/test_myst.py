"""MyST Markdown pages: ``{term-card}`` and ``{termref}`` work as in reStructuredText.

Root ``test-myst``: ``index.md`` shows two cards and refers to them,
``other.md`` refers by an inflected alias and to an unknown term, ``mixed.rst`` is
a reStructuredText page in the same project. Database text is reStructuredText
inline markup whatever the page's language.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import build_once, strip_ansi
from sphinx.testing.util import SphinxTestApp


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """One build for the whole module: the tests only read its output."""
    return build_once(tmp_path_factory, "myst")


def _body(app: SphinxTestApp, page: str) -> Tag:
    soup = BeautifulSoup((Path(app.outdir) / f"{page}.html").read_text("utf-8"), "html.parser")
    body = soup.select_one("div.body")
    assert body is not None
    return body


def _links(paragraph: Tag) -> list[tuple[str, str]]:
    return [(a.get_text(strip=True), a["href"]) for a in paragraph.find_all("a")]


def test_card_renders(built: SphinxTestApp) -> None:
    body = _body(built, "index")
    cards = body.select("section.termref-card")
    assert [card["id"] for card in cards] == [
        "termref-mesa-optimization",
        "termref-reward-hacking",
    ]
    card = cards[0]
    assert card.select_one(".termref-card__name dfn").get_text() == "Mesa-Optimization"
    assert card.select_one(".termref-card__category").get_text(strip=True) == "Model Optimization"
    # Directive options in MyST's option block.
    second = cards[1]
    assert second.select(".termref-card__section") == []
    assert second.select_one(".termref-card__summary").get_text(strip=True) == (
        "Gaming the reward."
    )


def test_database_text_is_rst_inline_markup(built: SphinxTestApp) -> None:
    card = _body(built, "index").select_one("#termref-mesa-optimization")
    summary = card.select_one(".termref-card__summary")
    assert summary.em.get_text() == "learned"
    assert _links(summary) == [("reward hacking", "#termref-reward-hacking")]
    definition = card.select_one(".termref-card__section--technical-definition")
    assert definition.code.get_text(" ", strip=True) == "inline literals"
    assert _links(definition) == [("a link", "https://example.org")]


def test_termref_role_resolves(built: SphinxTestApp) -> None:
    paragraph = next(
        p for p in _body(built, "index").find_all("p") if p.get_text().startswith("Refers to")
    )
    assert _links(paragraph) == [
        ("inner optimization", "#termref-mesa-optimization"),
        ("the hack", "#termref-reward-hacking"),
    ]
    other = _body(built, "other").find("p")
    assert _links(other) == [("inner optimizations", "index.html#termref-mesa-optimization")]


def test_unknown_term_warns_at_its_line(built: SphinxTestApp) -> None:
    warnings = strip_ansi(built.warning.getvalue())
    assert re.search(
        r"other\.md:3: WARNING: unknown term 'no such term'.*\[termref\.unknown\]", warnings
    ), warnings
    assert warnings.count("WARNING") == 1, warnings


def test_backlinks_from_markdown_and_rst_pages(built: SphinxTestApp) -> None:
    card = _body(built, "index").select_one("#termref-mesa-optimization")
    section = card.select_one(".termref-card__section--referenced-in")
    assert _links(section) == [
        ("Other MyST page", "other.html"),
        ("reStructuredText page", "mixed.html"),
    ]


def test_rst_page_in_the_same_project(built: SphinxTestApp) -> None:
    body = _body(built, "mixed")
    card = body.select_one("section.termref-card")
    assert not card.get("id")  # :no-index:
    assert card.select_one(".termref-card__name dfn").get_text() == "Mesa-Optimization"
    paragraph = next(p for p in body.find_all("p") if p.get_text().startswith("By name"))
    assert _links(paragraph) == [
        ("Reward Hacking", "index.html#termref-reward-hacking"),
        ("Inner optimization", "index.html#termref-mesa-optimization"),
    ]
