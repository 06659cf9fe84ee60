"""Database text as document content: inline markup only, parsed where the card is shown.

Text fields hold reStructuredText *inline* markup. Blank lines separate paragraphs;
nothing else of block-level reStructuredText is interpreted, so a database cannot
smuggle directives into a page.
"""

from __future__ import annotations

import re

from docutils import nodes
from docutils.parsers.rst.states import RSTState

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# `text <target>`_, :role:`text <target>`, :role:`text`, ``literal``, *emph*, **strong**
_ROLE = re.compile(r":[\w.+-]+(?::[\w.+-]+)?:`([^`]*)`")
_LINK = re.compile(r"`([^`<]*?)\s*<[^`>]*>`__?")
_TITLED = re.compile(r"^(.*?)\s*<[^<>]*>$", re.DOTALL)
_LITERAL = re.compile(r"``(.+?)``")
_EMPHASIS = re.compile(r"(\*\*|\*|`)(\S(?:.*?\S)?)\1_{0,2}")


def paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``, with inner line breaks folded to spaces."""
    parts = (" ".join(part.split()) for part in _PARAGRAPH_BREAK.split(text))
    return [part for part in parts if part]


def parse_inline(state: RSTState, text: str, lineno: int) -> list[nodes.Node]:
    """``text`` as paragraph nodes whose inline markup is parsed in ``state``'s document.

    Roles such as ``:termref:`` resolve as if written on the page at ``lineno``.
    """
    result: list[nodes.Node] = []
    for part in paragraphs(text):
        inline, messages = state.inline_text(part, lineno)
        paragraph = nodes.paragraph(part, "", *inline)
        paragraph.source, paragraph.line = state.document.current_source, lineno
        result.append(paragraph)
        result.extend(messages)
    return result


def _role_text(match: re.Match[str]) -> str:
    inner = match.group(1)
    titled = _TITLED.match(inner)
    return (titled.group(1) if titled else inner).lstrip("~!")


def plain_text(text: str) -> str:
    """``text`` with its inline markup removed, for tooltips and metadata."""
    text = _ROLE.sub(_role_text, text)
    text = _LINK.sub(r"\1", text)
    text = _LITERAL.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\2", text)
    return " ".join(text.replace("\\", "").split())
