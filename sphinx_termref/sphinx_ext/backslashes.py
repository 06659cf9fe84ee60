"""Backslashes in database text, kept through smart quotes.

docutils' smart quotes read a backslash as an escape: ``\\`` becomes one backslash
and ``\"`` a straight quote. That is right for reStructuredText, whose parser has
already turned its escapes into null-escapes, and wrong for the plain-text fields
(a term's name, aliases, abbreviation and category), whose backslashes are
characters. Each backslash is written as an escaped one, as the parser writes
``\\``: smart quotes then give it back, and every writer shows it.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .nodes import term_card

#: The classes of the containers of ``term-index``, whose entries are names.
INDEX_CLASSES = frozenset({"termref-index"})


def for_smart_quotes(text: str) -> str:
    """Plain ``text`` as docutils' smart quotes must be given it to keep its
    backslashes (``smartquotes.educate_tokens`` reads ``\\`` as one)."""
    return text.replace("\\", "\\\\")


def _holds_database_text(node: nodes.Node) -> bool:
    return isinstance(node, term_card) or (
        isinstance(node, nodes.Element) and not INDEX_CLASSES.isdisjoint(node["classes"])
    )


class KeepBackslashes(SphinxTransform):
    """The backslashes of the cards and term indexes, null-escaped before smart
    quotes read them (Sphinx's smart quotes give a null-escaped backslash back as
    one). A backslash reStructuredText escaped already stays one backslash."""

    # Just before Sphinx's smart quotes (750).
    default_priority = 749

    def apply(self, **kwargs: Any) -> None:
        for container in list(self.document.findall(_holds_database_text)):
            for text in list(container.findall(nodes.Text)):
                if "\\" in text:
                    escaped = nodes.Text(str(text).replace("\\", "\x00\\"))
                    text.parent.replace(text, escaped)
