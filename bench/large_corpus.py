"""The projects of legal but large input: ``large_input.py`` times their builds,
``tests/sphinx_ext/test_large_input.py`` checks what they build. Each is a term
database's terms and the pages (by name, without ``.rst``) at a size given.

``aliases``     one term with that many aliases, its card, and a page that refers
                to it by 100 of them, every hundredth from the first;
``definition``  one term whose technical definition is that many characters of
                prose (paragraphs of ordinary sentences, some with inline markup),
                and its card;
``references``  one page with that many references to 100 terms, by name or alias.
"""

from __future__ import annotations

from typing import Any

#: A project's terms, and its pages by name.
Corpus = tuple[list[dict[str, Any]], dict[str, str]]

#: The terms ``references`` refers to.
REFERENCED_TERMS = 100
#: The sentences of ``definition``, eight to a paragraph, numbered from 0.
SENTENCE = (
    "The {n}th measured sentence of this definition says *nothing* new about the "
    "``term`` it defines, but it is as long as a sentence in a real definition. "
)
SENTENCES_PER_PARAGRAPH = 8


def aliases(count: int) -> Corpus:
    spellings = [f"alias number {n} of many" for n in range(count)]
    term = {"id": "many", "name": "Many Aliases", "summary": "A term.", "aliases": spellings}
    step = max(1, count // 100)
    refs = " ".join(f":termref:`{spelling}`" for spelling in spellings[::step])
    return [term], {"index": f"Aliases\n=======\n\n.. term-card:: many\n\n{refs}\n"}


def definition(size: int) -> Corpus:
    paragraphs, length, n = [], 0, 0
    while length < size:
        sentences = range(n, n + SENTENCES_PER_PARAGRAPH)
        paragraph = "".join(SENTENCE.format(n=k) for k in sentences).rstrip()
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
        n += SENTENCES_PER_PARAGRAPH
    term = {
        "id": "long",
        "name": "Long Definition",
        "summary": "A term.",
        "technical_definition": "\n\n".join(paragraphs),
    }
    page = "Definition\n==========\n\n.. term-card:: long\n\nSee :termref:`long definition`.\n"
    return [term], {"index": page}


def references(count: int) -> Corpus:
    """Every tenth reference ends a line; the odd ones are by alias."""
    terms = [
        {"id": f"t{n}", "name": f"Term {n}", "summary": f"Term {n}.", "aliases": [f"alias {n}"]}
        for n in range(REFERENCED_TERMS)
    ]
    lines = []
    for start in range(0, count, 10):
        refs = [
            f":termref:`{'alias' if n % 2 else 'term'} {n % REFERENCED_TERMS}`"
            for n in range(start, min(start + 10, count))
        ]
        lines.append(", ".join(refs) + ".")
    cards = "\n\n".join(f".. term-card:: t{n}" for n in range(REFERENCED_TERMS))
    pages = {
        "index": "Index\n=====\n\n.. toctree::\n\n   refs\n   cards\n",
        "refs": "References\n==========\n\n" + "\n\n".join(lines) + "\n",
        "cards": f"Cards\n=====\n\n{cards}\n",
    }
    return terms, pages
