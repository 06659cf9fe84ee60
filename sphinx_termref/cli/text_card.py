"""A term's card as plain text for a terminal, laid out like the reference card.

The sections and labels are the rendered card's (``// CATEGORY``, the name, the
summary, TECHNICAL DEFINITION, BACKGROUND with its read-more link, SYNONYMS &
ALIASES, BROADER, NARROWER, USAGE NOTE, DEVELOPERS, SEE ALSO); inline markup is
reduced to its text, and block markup to plain text by ``plain_blocks``.
"""

from __future__ import annotations

import textwrap

from .. import labels
from ..termdb import plain_blocks
from ..termdb.database import TermDatabase
from ..termdb.plain_text import plain_text
from ..termdb.records import Term
from ..termdb.text_layout import paragraphs


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    lines: list[str] = []
    for number, paragraph in enumerate(paragraphs(text)):
        if number:
            lines.append("")
        lines.extend(
            textwrap.wrap(
                plain_text(paragraph),
                width,
                initial_indent=indent,
                subsequent_indent=indent,
                break_on_hyphens=False,
                break_long_words=False,
            )
        )
    return lines


def _item(text: str, width: int) -> list[str]:
    return textwrap.wrap(
        text,
        width,
        initial_indent="- ",
        subsequent_indent="  ",
        break_on_hyphens=False,
        break_long_words=False,
    ) or ["-"]


def render(term: Term, database: TermDatabase, width: int = 79) -> str:
    """The card of ``term``; ``database`` names the terms that BROADER, NARROWER and
    SEE ALSO list."""
    blocks: list[list[str]] = []
    head = []
    if term.category:
        head.append("// " + term.category.upper())
    head.append(f"{term.name} ({term.abbreviation})" if term.abbreviation else term.name)
    blocks.append(head)
    if term.summary:
        blocks.append(_wrap(term.summary, width))

    def section(key: str, body: list[str]) -> None:
        if body:
            blocks.append([str(labels.section_label(key)), *body])

    section("technical-definition", plain_blocks.render(term.technical_definition, width))
    background = plain_blocks.render(term.background, width)
    if term.read_more:
        label = term.read_more.label or str(labels.default_read_more())
        background.extend(textwrap.wrap(f"{label}: {term.read_more.url}", width))
    section("background", background)
    section("aliases", [line for alias in term.aliases for line in _item(alias, width)])
    for key, others in (
        ("broader", database.broader(term)),
        ("narrower", database.narrower(term)),
    ):
        section(key, [line for other in others for line in _item(other.name, width)])
    section("usage-note", plain_blocks.render(term.usage_note, width))
    developers: list[str] = []
    if term.organizations:
        developers = textwrap.wrap(str(labels.organizations_intro(term.name)), width)
        for org in term.organizations:
            developers.extend(_item(f"{org.name} <{org.url}>" if org.url else org.name, width))
            developers.extend(_wrap(org.description, width, indent="  "))
    section("organizations", developers)
    related: list[str] = []
    for spelling in term.see_also:
        found = database.lookup(spelling, inflect=True)
        shown = found.name if found else f"{spelling} (not in the database)"
        related.extend(_item(shown, width))
    section("see-also", related)
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"
