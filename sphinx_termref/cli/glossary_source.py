"""The source of a glossary entry's definition, kept as it was written.

Sphinx's doctree says what each part of a definition is, and on which line it
starts; the file says how it was written. An imported definition is made of the
file's own lines, dedented, so literal and doctest blocks, lists, notes and code
keep their block markup. Three things change on the way:

* ``:term:`` roles become ``:termref:`` (only real roles, never text inside a
  literal that looks like one);
* ``.. index::`` directives and labels (``.. _name:``) are taken out, to become the
  term's ``index`` and ``labels``;
* what a database cannot hold is found, to be reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from docutils import nodes
from docutils.statemachine import string2lines
from docutils.utils import unescape
from sphinx import addnodes

from ..termdb.term_targets import index_entries, normalise_label
from ..termdb.text_layout import is_allowed_block

_EXPLICIT = re.compile(r"^(?P<indent> *)\.\.\s")
_INDEX = re.compile(r"^ *\.\.\s+index::(?P<argument>.*)$")
_LABEL = re.compile(r"^ *\.\.\s+_(?P<name>`[^`]+`|(?:[^:`\\]|\\.)+):\s*$")
_OPTION = re.compile(r"^:(?P<name>[\w-]+):\s*(?P<value>.*)$")
_TERM_ROLE = re.compile(r":(?:std:)?term:")
_INLINE_LITERAL = re.compile(r"``.+?``", re.DOTALL)

_INLINE_REFUSED = (nodes.footnote_reference, nodes.citation_reference)


def source_lines(text: str) -> list[str]:
    """The lines of a reStructuredText source as docutils reads them (tabs expanded)."""
    return string2lines(text, tab_width=8, convert_whitespace=True)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def definition_lines(lines: list[str], last_term_line: int) -> dict[int, str]:
    """The definition below an entry's last term, by 1-based line number.

    As Sphinx's glossary reads it: the lines indented deeper than the term, up to
    the next line that is not (the next term, a comment, the end of the glossary).
    """
    indent = _indent(lines[last_term_line - 1])
    result: dict[int, str] = {}
    for number in range(last_term_line + 1, len(lines) + 1):
        text = lines[number - 1].rstrip()
        if text and _indent(text) <= indent:
            break
        result[number] = text
    while result and not result[max(result)]:
        del result[max(result)]
    return result


class Taken(NamedTuple):
    """Labels and index entries taken out of a definition."""

    labels: list[str]
    index_entries: list[str]
    line: int  # where they were written
    trailing: bool  # nothing but other such blocks follow: they lead to the next entry
    inside: bool  # text comes before and after: a label led into the definition


def _article(what: str) -> str:
    return f"an {what}" if what[:1] in "aeiou" else f"a {what}"


class Definition:
    """One entry's definition: its source lines and the doctree Sphinx made of them."""

    def __init__(
        self, lines: dict[int, str], node: nodes.definition, document: nodes.document
    ) -> None:
        self.lines = lines
        self.node = node
        self.document = document
        self.removed: set[int] = set()
        self.taken_index: set[int] = set()  # lines of the index directives taken out
        first = next((text for text in lines.values() if text), "")
        self.indent = _indent(first)

    # -- :term: -> :termref: -------------------------------------------------------

    def write_termref_roles(self) -> list[tuple[int, str]]:
        """Rewrite each ``:term:`` role of the definition as ``:termref:``, in place.

        Each role is looked for in the lines of the paragraph (or other text) that
        holds it, with inline literals masked, so text that only looks like a role
        stays as it is. Returns (line, note) for a role that could not be found.
        """
        problems: list[tuple[int, str]] = []
        cursors: dict[int, int] = {}  # the owner's first line -> where its search goes on
        for xref in self.node.findall(addnodes.pending_xref):
            if (xref.get("refdomain"), xref.get("reftype")) != ("std", "term"):
                continue
            if not _TERM_ROLE.match(xref.rawsource):
                continue  # a term reference that no role of the source made
            start, numbers = self.source_lines(xref)
            if not self._rewrite(xref.rawsource, numbers, cursors, start):
                problems.append(
                    (start, f"the reference {xref.rawsource!r} is kept as :term: (not found)")
                )
        return problems

    def source_lines(self, node: nodes.Node) -> tuple[int, list[int]]:
        """The first line of the text that holds ``node``, and the numbers of its
        lines that the definition has."""
        owner = node.parent
        while owner is not None and not (isinstance(owner, nodes.TextElement) and owner.line):
            owner = owner.parent
        if isinstance(owner, nodes.TextElement) and owner.line:
            start, count = owner.line, owner.rawsource.count("\n") + 1
        else:  # no text with a line holds it: look in the whole definition
            start, count = min(self.lines, default=0), len(self.lines)
        return start, [n for n in range(start, start + count) if n in self.lines]

    def _rewrite(self, role: str, numbers: list[int], cursors: dict[int, int], key: int) -> bool:
        region = "\n".join(self.lines[n] for n in numbers)
        masked = _INLINE_LITERAL.sub(lambda m: " " * len(m.group()), region)
        pattern = r"\s+".join(re.escape(part) for part in role.split())
        match = re.compile(pattern).search(masked, cursors.get(key, 0))
        if match is None:
            return False
        cursors[key] = match.end()
        # The role's name is on one line: find it, and write the new name there.
        before = region[: match.start()]
        number = numbers[before.count("\n")]
        column = match.start() - (before.rfind("\n") + 1)
        text = self.lines[number]
        name = _TERM_ROLE.match(text, column)
        assert name is not None  # the pattern starts with the role's name
        self.lines[number] = text[:column] + ":termref:" + text[name.end() :]
        return True

    # -- labels and index entries ------------------------------------------------------

    def take_out(self) -> list[Taken]:
        """Take the ``.. index::`` directives and labels out of the source."""
        index_nodes = {
            node.line: node
            for node in self.node.findall(addnodes.index)
            if node.line and not node.get("inline")
        }
        target_lines = {
            node.line
            for node in self.node.findall(nodes.target)
            if node.line and "refuri" not in node and (node.get("refid") or node.get("ids"))
        }
        numbers = sorted(self.lines)
        taken: list[tuple[Taken, list[int]]] = []
        at = 0
        while at < len(numbers):
            number = numbers[at]
            text = self.lines[number]
            start = _EXPLICIT.match(text)
            block = self._block(numbers, at) if start else []
            found: Taken | None = None
            if block and number in index_nodes and _INDEX.match(text):
                found = self._index(block, index_nodes[number])
                self.taken_index.add(number)
            elif block and number in target_lines and (label := self._label(text)):
                found = Taken([label], [], number, False, False)
            if found is None:
                at += 1
                continue
            taken.append((found, block))
            self.removed.update(block)
            at += len(block)
        result = []
        for found, block in taken:
            trailing = self._only_blank(n for n in self.lines if n > block[-1])
            leading = self._only_blank(n for n in self.lines if n < block[0])
            result.append(found._replace(trailing=trailing, inside=not (leading or trailing)))
        return result

    def _block(self, numbers: list[int], at: int) -> list[int]:
        """The lines of the explicit markup block starting at ``numbers[at]``."""
        indent = _indent(self.lines[numbers[at]])
        end = at + 1
        while end < len(numbers):
            text = self.lines[numbers[end]]
            if text and _indent(text) <= indent:
                break
            end += 1
        while end > at + 1 and not self.lines[numbers[end - 1]]:
            end -= 1
        return numbers[at:end]

    def _label(self, text: str) -> str | None:
        match = _LABEL.match(text)
        if match is None:
            return None
        name = match.group("name")
        if name.startswith("`"):
            name = name[1:-1]
        label = normalise_label(unescape(name))
        return label if self.document.nametypes.get(label) else None

    def _index(self, block: list[int], node: addnodes.index) -> Taken:
        first = _INDEX.match(self.lines[block[0]])
        assert first is not None
        arguments = [first.group("argument").strip()]
        labels: list[str] = []
        for number in block[1:]:
            text = self.lines[number].strip()
            if option := _OPTION.match(text):
                if option.group("name") == "name":  # the index target's label
                    labels.append(normalise_label(option.group("value")))
            elif text:
                arguments.append(text)
        entries = [argument for argument in arguments if argument]
        # The entries as written when they say what Sphinx read, else as Sphinx read them.
        try:
            written = [entry[:2] + entry[3:4] for e in entries for entry in index_entries(e, "")]
        except ValueError:
            written = []
        read = [entry[:2] + entry[3:4] for entry in node["entries"]]
        if written != read:
            entries = [f"{'!' if main else ''}{kind}: {value}" for kind, value, main in read]
        return Taken(labels, entries, block[0], False, False)

    def _only_blank(self, numbers: Iterable[int]) -> bool:
        """Whether the lines ``numbers`` are blank or taken out."""
        return all(not self.lines[n] or n in self.removed for n in numbers)

    # -- the text that is kept -----------------------------------------------------------

    def kept(self) -> list[tuple[int, str]]:
        """(line, text) of each line kept, dedented; a blank line that only separated
        a block taken out goes with it."""
        result: list[tuple[int, str]] = []
        skip_blank = False
        for number in sorted(self.lines):
            if number in self.removed:
                skip_blank = not result or not result[-1][1]
                continue
            text = self.lines[number]
            if skip_blank and not text:
                continue
            skip_blank = False
            result.append((number, text[min(self.indent, _indent(text)) :]))
        while result and not result[0][1]:
            result.pop(0)
        while result and not result[-1][1]:
            result.pop()
        return result

    def split(self) -> tuple[list[str], str, int]:
        """The definition's leading paragraphs, the rest of its source, and the line
        where the rest starts (0 when there is none)."""
        kept = self.kept()
        blocks = [
            child
            for child in self.node.children
            if not isinstance(child, (addnodes.index, nodes.target, nodes.system_message))
        ]
        paragraphs: list[str] = []
        at = 0
        for block in blocks:
            while at < len(kept) and not kept[at][1]:
                at += 1
            if not isinstance(block, nodes.paragraph) or at == len(kept):
                break
            if kept[at][0] != block.line:
                break
            end = at
            while end < len(kept) and kept[end][1]:
                end += 1
            paragraphs.append("\n".join(text for _, text in kept[at:end]))
            at = end
        while at < len(kept) and not kept[at][1]:
            at += 1
        rest = "\n".join(text for _, text in kept[at:])
        return paragraphs, rest, kept[at][0] if at < len(kept) else 0

    # -- what a database cannot hold --------------------------------------------------

    def unsupported(self) -> list[tuple[int, str]]:
        """(line, note) for each part of the definition a database cannot show."""
        found: list[tuple[int, str]] = []
        self._check(self.node, found)
        return found

    def _check(self, parent: nodes.Element, found: list[tuple[int, str]]) -> None:
        for child in parent.children:
            if not isinstance(child, nodes.Element):
                continue
            line = self._line(child, parent)
            if isinstance(child, nodes.system_message):
                if child["level"] >= 3:  # an error: the page did not show it either
                    message = child.children[0].astext() if child.children else ""
                    found.append(
                        (
                            child.get("line") or line,
                            f"Sphinx could not read the markup ({message.rstrip('.')}); "
                            "it is kept as written",
                        )
                    )
                continue
            if isinstance(child, addnodes.index):
                if child.line not in self.taken_index and not child.get("inline"):
                    found.append((line, self._refused("'.. index::' inside another block")))
                continue
            if isinstance(child, nodes.target):
                continue  # a label taken out, or a hyperlink target of the text
            if isinstance(child, nodes.TextElement):  # its inline markup is kept
                for inline in child.findall(nodes.Element):
                    if isinstance(inline, _INLINE_REFUSED):
                        found.append((line, self._refused(inline.tagname.replace("_", " "))))
                if not is_allowed_block(child):
                    found.append((line, self._refused(child.tagname.replace("_", " "))))
            elif is_allowed_block(child):
                self._check(child, found)
            else:
                found.append((line, self._refused(child.tagname.replace("_", " "))))

    def _line(self, node: nodes.Element, parent: nodes.Element) -> int:
        """Where ``node`` starts, or the nearest line known.

        A table is placed at its first cell on every docutils: before 0.23 a table
        has no line of its own, from 0.23 on it has its top border's.
        """
        inner = (n.line for n in node.findall(nodes.Element, include_self=False) if n.line)
        own = None if isinstance(node, nodes.table) else node.line
        return own or next(inner, None) or parent.line or min(self.lines, default=0)

    @staticmethod
    def _refused(what: str) -> str:
        return (
            f"{_article(what)} is kept as written, but a database cannot show it: the build "
            "warns (termref.markup) and the card shows it as text"
        )
