"""Large but legal input builds, and gives the right output: a term with 10,000
aliases, a technical definition of 1 MB, and a page of many references (10,000
here; ``bench/run.py``'s phase ``large-input`` times 100,000 against 50,000, and
the other two cases against their halves)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import dump_terms, project, squash

ALIASES = 10_000
DEFINITION_BYTES = 1_000_000
REFERENCES = 10_000
TERMS = 100

# Two of the three take half a minute on a busy machine.
pytestmark = pytest.mark.slow


def test_a_term_with_ten_thousand_aliases(tmp_path: Path) -> None:
    aliases = [f"alias number {n} of many" for n in range(ALIASES)]
    term = {"id": "many", "name": "Many Aliases", "summary": "A term.", "aliases": aliases}
    chosen = [aliases[0], aliases[4_321], aliases[-1]]
    refs = " ".join(f":termref:`{alias}`" for alias in chosen)
    page = f"Aliases\n=======\n\n.. term-card:: many\n\n{refs}\n"
    built = project(tmp_path, dump_terms([term]), page)
    assert built.termref() == []
    soup = built.soup()
    shown = [squash(li.get_text(" ")) for li in soup.select(".termref-aliases li")]
    assert shown == aliases
    links = soup.select("div.body p a.termref")
    assert [(a["href"], a.get_text()) for a in links] == [("#termref-many", a) for a in chosen]


def test_a_technical_definition_of_one_megabyte(tmp_path: Path) -> None:
    paragraphs = [
        f"Paragraph {n} says *something* about ``the term`` in words that fill it "
        f"out to a real length, {'and more words ' * 40}until paragraph {n} ends."
        for n in range(DEFINITION_BYTES // 700)
    ]
    definition = "\n\n".join(paragraphs)
    assert len(definition) >= DEFINITION_BYTES * 0.95
    term = {
        "id": "long",
        "name": "Long Definition",
        "summary": "A term.",
        "technical_definition": definition,
    }
    page = "Definition\n==========\n\n.. term-card:: long\n\nSee :termref:`long definition`.\n"
    built = project(tmp_path, dump_terms([term]), page)
    assert built.termref() == []
    soup = built.soup()
    section = soup.select_one(".termref-card__section--technical-definition")
    assert section is not None
    shown = section.find_all("p")
    assert len(shown) == len(paragraphs)
    for number in (0, len(paragraphs) // 2, len(paragraphs) - 1):
        paragraph = shown[number]
        assert squash(paragraph.get_text(" ")).startswith(f"Paragraph {number} says something")
        assert [e.get_text() for e in paragraph.find_all("em")] == ["something"]
    assert soup.select_one("div.body p a.termref")["href"] == "#termref-long"


def test_a_page_of_ten_thousand_references(tmp_path: Path) -> None:
    terms = [
        {"id": f"t{n}", "name": f"Term {n}", "summary": f"Term {n}.", "aliases": [f"alias {n}"]}
        for n in range(TERMS)
    ]
    spellings = [f"{'alias' if n % 2 else 'term'} {n % TERMS}" for n in range(REFERENCES)]
    lines = [
        ", ".join(f":termref:`{s}`" for s in spellings[start : start + 10]) + "."
        for start in range(0, REFERENCES, 10)
    ]
    cards = "\n\n".join(f".. term-card:: t{n}" for n in range(TERMS))
    pages = {
        "index": "Index\n=====\n\n.. toctree::\n\n   refs\n   cards\n",
        "refs": "References\n==========\n\n" + "\n\n".join(lines) + "\n",
        "cards": f"Cards\n=====\n\n{cards}\n",
    }
    built = project(tmp_path, dump_terms(terms), pages)
    assert built.termref() == []
    links = built.soup("refs").select("div.body p a.termref")
    assert [(a["href"], a.get_text()) for a in links] == [
        (f"cards.html#termref-t{n % TERMS}", spelling) for n, spelling in enumerate(spellings)
    ]
    # One preview per term the page links to, however often it does.
    previews = built.soup("refs").select(".termref-preview")
    assert sorted(p["id"] for p in previews) == sorted(
        f"termref-preview-t{n}" for n in range(TERMS)
    )
    # Each card names the page once among the pages that refer to it.
    card = built.soup("cards").select_one("#termref-t7")
    assert card is not None
    backlinks = [a["href"] for a in card.select(".termref-backlinks a")]
    assert backlinks == ["refs.html"]
