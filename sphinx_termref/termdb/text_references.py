"""Term references written in database text, found without docutils or Sphinx.

``sphinx-termref validate`` reports a ``:termref:`` in a summary that names no term,
as the build does when a card shows it. Parsing the text as docutils would needs a
page to parse it in; the roles are found with a pattern instead, skipping what
only looks like a role: literal text (````...````), literal and doctest blocks, and
code blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: The roles that refer to a term of the database.
TERMREF_ROLES = ("termref", "termref:term")
#: Sphinx's own ``:term:``, which ``termref_std_terms`` resolves through the database.
STD_TERM_ROLES = ("term", "std:term")

# A role starts after white space, an opening bracket or quote, or at the start.
_ROLE = re.compile(
    r"(?<![\w\\`]):(?P<role>[A-Za-z][\w.+-]*(?::[\w.+-]+)?):`(?P<text>(?:[^`\\]|\\.)+)`"
)
_LITERAL = re.compile(r"``.+?``", re.DOTALL)
_TITLED = re.compile(r"^(?P<title>.*?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
# A line that starts literal text below it: one ending in "::", or a code directive.
_LITERAL_START = re.compile(r"::\s*$|^\s*\.\.\s+(?:code-block|code|sourcecode|math)::")


def term_references(text: str, roles: tuple[str, ...] = TERMREF_ROLES) -> Iterator[str]:
    """The target of each reference in ``text`` made with one of ``roles``, in order:
    the term's spelling as the role reads it (``:termref:`the text <target>```
    refers to ``target``); ``!`` references, which make no link, are left out."""
    if ":`" not in text:
        return  # most text has no role at all
    for match in _ROLE.finditer(_LITERAL.sub(_blank, _outside_literal_blocks(text))):
        if match["role"] not in roles:
            continue
        content = _unescape(match["text"])
        if content.startswith("!"):
            continue
        titled = _TITLED.match(content)
        target = titled["target"] if titled else content
        spelling = " ".join(target.split())
        if spelling:
            yield spelling


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _unescape(text: str) -> str:
    """As docutils reads role text: ``\\ `` is nothing, ``\\x`` is ``x``."""
    return _ESCAPE.sub(lambda m: "" if m.group(1).isspace() else m.group(1), text)


def _outside_literal_blocks(text: str) -> str:
    """``text`` without its literal, doctest and code blocks."""
    kept: list[str] = []
    literal_indent: int | None = None  # inside a literal block indented deeper than this
    doctest = False
    for line in text.splitlines():
        indent = len(line) - len(line.lstrip())
        if literal_indent is not None:
            if not line.strip() or indent > literal_indent:
                continue
            literal_indent = None
        if doctest:
            if line.strip():
                continue
            doctest = False
        if line.lstrip().startswith(">>>"):
            doctest = True
            continue
        kept.append(line)
        if _LITERAL_START.search(line):
            literal_indent = indent
    return "\n".join(kept)
