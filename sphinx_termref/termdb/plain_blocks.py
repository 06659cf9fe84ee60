"""Block markup as plain text, for ``sphinx-termref show`` and the SKOS exports.

Read line by line, without docutils (no build is there to resolve roles):
paragraphs lose their inline markup (``plain_text``); literal, doctest and
code blocks and math keep their lines; list items keep their markers;
admonitions and version notes become their label ("Note:", "Added in version
3.3:") and their text; markup the card refuses is kept as written, as the card
shows it.
"""

from __future__ import annotations

import re
import textwrap
from typing import NamedTuple

from .plain_text import plain_text
from .text_layout import ALLOWED_DIRECTIVES, has_blocks, paragraphs


class Block(NamedTuple):
    indent: str  # white space before every line
    marker: str  # before the first line only (a list item's "* ")
    text: str  # a paragraph's plain text, or lines kept as written
    verbatim: bool


_DIRECTIVE = re.compile(r"\.\.[ \t]+([\w:+.-]+)[ \t]*::(?:[ \t]+(.*))?$")
_ITEM = re.compile(r"([-*+\u2022]|(?:\d+|#|[A-Za-z]|[ivxlcdm]+)[.)]|\((?:\d+|#|[A-Za-z])\))[ \t]+")
#: A target, substitution definition, footnote or citation.
_TARGET = re.compile(r"\.\.[ \t]+[_|\[]")
_ADORNMENT = re.compile(r"([!-/:-@\[-`{-~])\1{3,}[ \t]*$")
_OPTION = re.compile(r"[ \t]*:[\w-]+:")
#: A paragraph's closing "::", unless escaped (``\::``), as docutils reads it.
_LITERAL_MARK = re.compile(r"(?<!\\)(?:\\\\)*::$")
_LABELS = {
    "attention": "Attention",
    "caution": "Caution",
    "danger": "Danger",
    "error": "Error",
    "hint": "Hint",
    "important": "Important",
    "note": "Note",
    "seealso": "See also",
    "tip": "Tip",
    "warning": "Warning",
}
_VERSIONS = {
    "versionadded": "Added in version {}",
    "versionchanged": "Changed in version {}",
    "deprecated": "Deprecated since version {}",
    "versionremoved": "Removed in version {}",
}
_VERBATIM_DIRECTIVES = frozenset({"code-block", "code", "sourcecode", "math"})


def _indented(line: str) -> bool:
    return line[:1] in (" ", "\t")


def _take_indented(lines: list[str], start: int) -> int:
    """The end of the indented lines (and blank lines between them) from ``start``."""
    end = start
    while end < len(lines) and (not lines[end].strip() or _indented(lines[end])):
        end += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return end


def _dedent(lines: list[str]) -> list[str]:
    return textwrap.dedent("\n".join(lines)).split("\n")


def _literal(text: str) -> str:
    """A paragraph that ends in ``::``, as docutils shows it."""
    if text == "::":
        return ""
    if text.endswith(" ::"):
        return text[:-3]
    return text[:-1]


class _Reader:
    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def paragraph(self, text: str, indent: str, marker: str = "") -> None:
        shown = plain_text(text)
        if shown or marker:
            self.blocks.append(Block(indent, marker, shown, False))

    def verbatim(self, lines: list[str], indent: str) -> None:
        text = "\n".join(_dedent(lines)).strip("\n")
        if text:
            self.blocks.append(Block(indent + "    ", "", text, True))

    def read(self, lines: list[str], indent: str = "") -> None:
        i = 0
        while i < len(lines):
            line = lines[i]
            if not line.strip():
                i += 1
            elif _indented(line):  # a block quote
                end = _take_indented(lines, i)
                self.read(_dedent(lines[i:end]), indent + "    ")
                i = end
            elif line.startswith(".."):
                end = _take_indented(lines, i + 1)
                self.explicit(lines[i:end], indent)
                i = end
            elif line.startswith(">>>"):
                end = i
                while end < len(lines) and lines[end].strip():
                    end += 1
                self.blocks.append(Block(indent + "    ", "", "\n".join(lines[i:end]), True))
                i = end
            elif match := _ITEM.match(line):
                marker = match.group(1) + " "
                end = _take_indented(lines, i + 1)
                item = [" " * len(marker) + line[match.end() :], *lines[i + 1 : end]]
                self.item(marker, _dedent(item), indent)
                i = end
            else:
                i = self.text(lines, i, indent)

    def item(self, marker: str, lines: list[str], indent: str) -> None:
        inner = _Reader()
        inner.read(lines)
        for number, block in enumerate(inner.blocks or [Block("", "", "", False)]):
            own = indent + " " * len(marker) + block.indent
            if number == 0 and not block.verbatim:
                self.blocks.append(Block(indent + block.indent, marker, block.text, False))
            else:
                self.blocks.append(Block(own, block.marker, block.text, block.verbatim))

    def text(self, lines: list[str], start: int, indent: str) -> int:
        """A paragraph (with the literal block after ``::``), a definition list
        item or a title; the index of the line after it."""
        end = start
        while end < len(lines) and lines[end].strip() and not _indented(lines[end]):
            end += 1
        if end - start == 1 and end < len(lines) and _indented(lines[end]):
            definition = _take_indented(lines, end)  # "term" then its indented definition
            self.paragraph(lines[start], indent)
            self.read(_dedent(lines[end:definition]), indent + "    ")
            return definition
        words = [line for line in lines[start:end] if not _ADORNMENT.match(line)]  # titles
        text = " ".join(" ".join(words).split())
        if not _LITERAL_MARK.search(text):
            self.paragraph(text, indent)
            return end
        self.paragraph(_literal(text), indent)
        following = end
        while following < len(lines) and not lines[following].strip():
            following += 1
        block_end = _take_indented(lines, following)
        self.verbatim(lines[following:block_end], indent)
        return block_end

    def explicit(self, lines: list[str], indent: str) -> None:
        match = _DIRECTIVE.match(lines[0])
        if match is None:
            if _TARGET.match(lines[0]):
                self.verbatim(lines, indent)  # refused on the card: shown as written
            return  # otherwise a comment, which the card does not show either
        name, argument = match.group(1).lower(), (match.group(2) or "").strip()
        body = _dedent(lines[1:])
        while body and _OPTION.match(body[0]):
            body.pop(0)
        if name not in ALLOWED_DIRECTIVES:
            self.verbatim(lines, indent)  # refused on the card too
        elif name in _VERBATIM_DIRECTIVES:
            self.verbatim([argument, *body] if name == "math" and argument else body, indent)
        elif name in _VERSIONS:
            label = _VERSIONS[name].format(argument.split(None, 1)[0] if argument else "")
            rest = argument.split(None, 1)[1:] if argument else []
            self.labelled(label, [*rest, *body], indent)
        else:
            label = argument if name == "admonition" else _LABELS[name]
            content = body if name == "admonition" else [argument, *body]
            self.labelled(label, content, indent)

    def labelled(self, label: str, lines: list[str], indent: str) -> None:
        inner = _Reader()
        inner.read(lines)
        first = inner.blocks[0] if inner.blocks else None
        if first is not None and not first.verbatim and not first.marker and not first.indent:
            self.blocks.append(Block(indent, "", f"{label}: {first.text}", False))
            rest = inner.blocks[1:]
        else:
            self.blocks.append(
                Block(indent, "", f"{label}:" if inner.blocks else f"{label}.", False)
            )
            rest = inner.blocks
        self.blocks.extend(block._replace(indent=indent + block.indent) for block in rest)


def blocks(text: str) -> list[Block]:
    """The blocks of ``text``, in order."""
    if not has_blocks(text):
        return [Block("", "", plain_text(part), False) for part in paragraphs(text)]
    reader = _Reader()
    reader.read(text.splitlines())
    return reader.blocks


def render(text: str, width: int | None = None, indent: str = "") -> list[str]:
    """The lines of ``text`` as plain text, paragraphs wrapped at ``width`` (or each on
    one line), blocks separated by blank lines."""
    lines: list[str] = []
    for number, block in enumerate(blocks(text)):
        if number:
            lines.append("")
        first = indent + block.indent
        if block.verbatim:
            lines.extend(first + line if line else "" for line in block.text.split("\n"))
        elif width is None:
            lines.append(first + block.marker + block.text)
        else:
            lines.extend(
                textwrap.wrap(
                    block.text,
                    width,
                    initial_indent=first + block.marker,
                    subsequent_indent=first + " " * len(block.marker),
                    break_on_hyphens=False,
                    break_long_words=False,
                )
                or [first + block.marker.rstrip()]
            )
    return lines
