"""Large but legal input builds, and gives the right output: a term with 10,000
aliases, a technical definition of 1 MB, and a page of many references (10,000
here; ``bench/run.py``'s phase ``large-input`` times 100,000 against 50,000, and
the other two cases against their halves). The projects are the benchmark's own
(``bench/large_corpus.py``)."""

from __future__ import annotations

from pathlib import Path

import large_corpus
import pytest
from helpers import dump_terms, project, squash
from term_stylesheet import term_stylesheet

ALIASES = 10_000
DEFINITION_BYTES = 1_000_000
REFERENCES = 10_000
TERMS = large_corpus.REFERENCED_TERMS

# Two of the three take half a minute on a busy machine.
pytestmark = pytest.mark.slow


def test_a_term_with_ten_thousand_aliases(tmp_path: Path) -> None:
    terms, pages = large_corpus.aliases(ALIASES)
    aliases = [f"alias number {n} of many" for n in range(ALIASES)]
    assert terms[0]["aliases"] == aliases
    chosen = aliases[:: ALIASES // 100]
    built = project(tmp_path, dump_terms(terms), pages)
    assert built.termref() == []
    soup = built.soup()
    shown = [squash(li.get_text(" ")) for li in soup.select(".termref-aliases li")]
    assert shown == aliases
    links = soup.select("div.body p a.termref")
    assert [(a["href"], a.get_text()) for a in links] == [("#termref-many", a) for a in chosen]


def test_a_technical_definition_of_one_megabyte(tmp_path: Path) -> None:
    terms, pages = large_corpus.definition(DEFINITION_BYTES)
    definition = terms[0]["technical_definition"]
    assert len(definition) >= DEFINITION_BYTES * 0.95
    paragraphs = definition.split("\n\n")
    built = project(tmp_path, dump_terms(terms), pages)
    assert built.termref() == []
    soup = built.soup()
    section = soup.select_one(".termref-card__section--technical-definition")
    assert section is not None
    shown = section.find_all("p")
    assert len(shown) == len(paragraphs)
    per_paragraph = large_corpus.SENTENCES_PER_PARAGRAPH
    for number in (0, len(paragraphs) // 2, len(paragraphs) - 1):
        paragraph = shown[number]
        first = number * per_paragraph
        assert squash(paragraph.get_text(" ")).startswith(
            f"The {first}th measured sentence of this definition says nothing new about "
            "the term it defines"
        )
        assert [e.get_text() for e in paragraph.find_all("em")] == ["nothing"] * per_paragraph
    assert soup.select_one("div.body p a.termref")["href"] == "#termref-long"


def test_a_page_of_ten_thousand_references(tmp_path: Path) -> None:
    terms, pages = large_corpus.references(REFERENCES)
    spellings = [f"{'alias' if n % 2 else 'term'} {n % TERMS}" for n in range(REFERENCES)]
    built = project(tmp_path, dump_terms(terms), pages)
    assert built.termref() == []
    links = built.soup("refs").select("div.body p a.termref")
    assert [(a["href"], a.get_text()) for a in links] == [
        (f"cards.html#termref-t{n % TERMS}", spelling) for n, spelling in enumerate(spellings)
    ]
    # One rule per term the pages link to, however often they do; none on the page.
    assert built.soup("refs").select(".termref-preview") == []
    assert sorted(term_stylesheet(built.outdir).terms) == sorted(f"t{n}" for n in range(TERMS))
    # Each card names the page once among the pages that refer to it.
    card = built.soup("cards").select_one("#termref-t7")
    assert card is not None
    backlinks = [a["href"] for a in card.select(".termref-backlinks a")]
    assert backlinks == ["refs.html"]
