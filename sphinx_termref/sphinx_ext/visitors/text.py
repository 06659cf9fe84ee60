"""Plain text for cards, laid out like the reference card."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..nodes import (
    term_card,
    term_card_category,
    term_card_name,
    term_card_section,
    term_card_summary,
)

if TYPE_CHECKING:
    from sphinx.writers.text import TextTranslator


def visit_card(self: TextTranslator, node: nodes.Element) -> None:
    self.new_state(0)


def depart_card(self: TextTranslator, node: nodes.Element) -> None:
    self.end_state()


def _write_line(self: TextTranslator, text: str, blank_after: bool) -> None:
    self.new_state(0)
    self.add_text(text)
    self.end_state(wrap=False, end=("",) if blank_after else None)


def _line(self: TextTranslator, text: str, blank_after: bool = True) -> None:
    _write_line(self, text, blank_after)
    raise nodes.SkipNode


def visit_category(self: TextTranslator, node: nodes.Element) -> None:
    _line(self, "// " + node.astext().upper())


def visit_name(self: TextTranslator, node: term_card_name) -> None:
    _line(self, node.heading())


def visit_section(self: TextTranslator, node: nodes.Element) -> None:
    """The label on its own line, right above the section's text."""
    _write_line(self, node["label"], blank_after=False)


def visit_block(self: TextTranslator, node: nodes.Element) -> None:
    pass


def depart_block(self: TextTranslator, node: nodes.Element) -> None:
    pass


# Visitors that write a whole line raise SkipNode, so their departure never runs.
VISITORS = {
    term_card: (visit_card, depart_card),
    term_card_category: (visit_category, depart_block),
    term_card_name: (visit_name, depart_block),
    term_card_summary: (visit_block, depart_block),
    term_card_section: (visit_section, depart_block),
}
