"""A glossary migrated as the documentation says, checked entry by entry: every
word, code block and link of each definition is on the term's card, and every link
goes where it went.

Root ``test-glossary-migration`` is the project before: a ``.. glossary::`` whose
definitions hold the constructs of real glossaries (a doctest indented into a block
quote after the first paragraph, links to other entries' anchors) and a page that
refers to its terms with ``:term:``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from helpers import ROOTS, html, warnings_of
from helpers import run_cli as run

ROOT = ROOTS / "test-glossary-migration"
TERM_INDEX = "Glossary\n========\n\n.. term-index::\n   :cards:\n"
CONF = "\nextensions = ['sphinx_termref']\ntermref_databases = ['terms.yaml']\n"


@pytest.fixture
def migrated(capsys: pytest.CaptureFixture[str], tmp_path: Path, make_build):  # type: ignore[no-untyped-def]
    """(the build before, the build after, the imported terms by id)."""
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(ROOT, old)
    before = make_build(old)
    assert warnings_of(before) == []
    shutil.copytree(ROOT, new)
    (new / "glossary.rst").write_text(TERM_INDEX, encoding="utf-8")
    with (new / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(CONF + "termref_std_terms = True\n")
    status, _, err = run(
        capsys, "import-glossary", str(old / "glossary.rst"), "-o", str(new / "terms.yaml")
    )
    assert status == 0, err
    assert (
        "note: " + str(old / "glossary.rst") + ":14: in the definition of 'record', the "
        "link to '#term-gone' names no entry of this glossary; it is kept" in err.splitlines()
    )
    after = make_build(new)
    assert warnings_of(after) == []
    terms = yaml.safe_load((new / "terms.yaml").read_text(encoding="utf-8"))["terms"]
    return before, after, {term["id"]: term for term in terms}


def entries(soup: BeautifulSoup) -> dict[str, Tag]:
    """Each glossary entry's definition, by its anchor."""
    return {dt["id"]: dt.find_next_sibling("dd") for dt in soup.select("dl.glossary > dt")}


def card_text(soup: BeautifulSoup, term_id: str) -> list[Tag]:
    card = soup.find(id=f"termref-{term_id}")
    parts = [
        card.select_one(".termref-card__summary"),
        card.select_one(".termref-card__section--technical-definition"),
    ]
    for part in parts:
        for label in part.select(".termref-card__label") if part else []:
            label.decompose()
    return [part for part in parts if part is not None]


def test_every_word_and_code_block_is_on_the_card(migrated) -> None:  # type: ignore[no-untyped-def]
    before, after, _ = migrated
    old, new = entries(html(before, "glossary")), html(after, "glossary")
    assert len(old) == 3
    for anchor, definition in old.items():
        parts = card_text(new, anchor.removeprefix("term-"))
        assert " ".join(p.get_text(" ") for p in parts).split() == (
            definition.get_text(" ").split()
        ), anchor
        # Code keeps its lines and its indentation, as the glossary showed it.
        assert [pre.get_text() for p in parts for pre in p.select("pre")] == [
            pre.get_text() for pre in definition.select("pre")
        ], anchor
        assert [len(p.select("blockquote")) for p in parts if p.select("blockquote")] == (
            [1] if definition.select("blockquote") else []
        ), anchor


def links(definition: Tag, term_of) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(text, where to) of each link: a term's name, or the address."""
    return [(" ".join(a.get_text().split()), term_of(a["href"])) for a in definition("a")]


def test_every_link_goes_where_it_went(migrated) -> None:  # type: ignore[no-untyped-def]
    """Links to an entry's anchor (``<#term-subarray>`_``) reach its card, as
    ``:term:`` does; other links keep their address."""
    before, after, terms = migrated
    old, new = entries(html(before, "glossary")), html(after, "glossary")
    names = {anchor: dd.find_previous_sibling("dt") for anchor, dd in old.items()}

    def old_term(href: str) -> str:
        dt = names.get(href.removeprefix("#"))
        return dt.get_text().replace("\u00b6", "").strip() if dt else href

    def new_term(href: str) -> str:
        term = terms.get(href.removeprefix("#termref-")) if href.startswith("#termref-") else None
        return term["name"] if term else href

    for anchor, definition in old.items():
        card = card_text(new, anchor.removeprefix("term-"))
        assert [link for part in card for link in links(part, new_term)] == links(
            definition, old_term
        ), anchor
    record = [link for part in card_text(new, "record") for link in links(part, new_term)]
    assert record == [
        ("homogeneous records", "subarray"),
        ("subarray", "subarray"),
        ("the manual", "https://example.org/#term-field"),
        ("a lost entry", "#term-gone"),
    ]
    # The page's :term: references land on the cards.
    page = html(after, "index")
    assert [(a.get_text(), a["href"]) for a in page.select("div.body p a")] == [
        ("subarray", "glossary.html#termref-subarray"),
        ("record", "glossary.html#termref-record"),
        ("Fields", "glossary.html#termref-field"),
    ]
