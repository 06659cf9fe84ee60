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
