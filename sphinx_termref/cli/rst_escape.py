"""Plain text as reStructuredText that shows as written.

Imported text (a SKOS definition, say) is plain text, but database text fields
are markup. A backslash before a character makes docutils show that character
and nothing else, so each character that could start or end inline markup gets
one: ``\\``, ``*``, `````, ``|``, and underscores at the end of a word
(``name_``, ``[1]_``). In block text, a line that could start a block (a list
item, ``..``, an indented line, a title's underline, see
``text_layout.has_blocks``) gets one before its first character, and a line's
closing ``::`` (a literal block) before its colons. Blank lines still separate
paragraphs, and indented lines after a blank line (code, say) are a literal
block: that is what they mean in plain text too, and how the SKOS export writes
code.
"""

from __future__ import annotations

import re

from ..termdb.text_layout import has_blocks

_INLINE = re.compile(r"[\\*`|]|_+(?=\W|$)")
_CLOSING_COLONS = re.compile(r"::([ \t]*)$")


def _backslashed(match: re.Match[str]) -> str:
    return "".join("\\" + char for char in match.group())


def inline(text: str) -> str:
    """``text`` as inline markup (a summary) that shows as written."""
    return _INLINE.sub(_backslashed, text)


def _line(line: str) -> str:
    if not has_blocks(line):
        return line
    line = _CLOSING_COLONS.sub(r"\\::\1", line)
    if has_blocks(line):
        escaped = "\\" + line
        # "\ " is an escaped space, which docutils removes: it keeps a line of
        # backslashes from reading as a title's underline.
        line = "\\ " + line if has_blocks(escaped) else escaped
    return line


def _indented(line: str) -> bool:
    return line[:1] in (" ", "\t") and bool(line.strip())


def blocks(text: str) -> str:
    """``text`` as block markup (a technical definition) that shows as written."""
    lines = text.split("\n")
    result: list[str] = []
    start = 0
    while start < len(lines):
        line = lines[start]
        if not (_indented(line) and (start == 0 or not lines[start - 1].strip())):
            result.append(_line(inline(line)))
            start += 1
            continue
        # Indented lines after a blank line (code, as the export writes it) become a
        # literal block, shown line for line; a lone "::" introduces it and is not shown.
        end = start
        while end < len(lines) and (_indented(lines[end]) or not lines[end].strip()):
            end += 1
        while not lines[end - 1].strip():
            end -= 1
        result += ["::", "", *lines[start:end]]
        if end < len(lines) and lines[end].strip():
            result.append("")  # a literal block ends at a blank line
        start = end
    return "\n".join(result)
