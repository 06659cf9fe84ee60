"""Differential fuzzing of the YAML reader (``yaml_source``) against ``yaml.safe_load``
(on libyaml, as the reader).

The reader builds data from libyaml's events by hand, so it is checked against
PyYAML's own loader on generated documents: nested mappings and lists; plain,
quoted and block scalars; unicode; comments; and what the reader refuses (tags,
anchors and aliases, merge keys, keys written twice). Where both accept, the data
is equal; where the reader refuses, it says so with a located problem, never an
exception; where ``safe_load`` fails, the reader fails too.

The reader keeps as text what YAML would make numbers or dates, and keeps keys as
written, so the reference loader does the same (see ``_Reference``).

``HYPOTHESIS_PROFILE=long`` runs many more examples (see docs/architecture.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sphinx_termref.termdb.yaml_source import read_yaml
from sphinx_termref.warnings import Subtype

MAX_DEPTH = 3


#: The reader parses with libyaml; so does the reference, so that they differ only in
#: what they build from the same events (PyYAML's pure-Python parser differs from
#: libyaml in a few corners: ``! `` alone is null there, an empty string here).
_Parser: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Reference(_Parser):  # type: ignore[misc, valid-type]
    """``yaml.safe_load`` with the reader's documented choices: numbers and dates
    keep their text, keys are the text they are written with, and ``=`` or ``<<``
    as a value is a string (safe_load has no constructor for them there)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        self.flatten_mapping(node)
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(
                    None, None, "a key that is no scalar", key_node.start_mark
                )
            mapping[key_node.value] = self.construct_object(value_node, deep=deep)
        return mapping


for _tag in ("int", "float", "timestamp", "value", "merge"):
    _Reference.add_constructor(f"tag:yaml.org,2002:{_tag}", yaml.SafeLoader.construct_scalar)

# -- the generator ------------------------------------------------------------------------

PLAIN_WORDS = [
    "alpha",
    "Beta gamma",
    "delta-epsilon",
    "007",
    "1.5",
    "1e3",
    "0x1F",
    "0o17",
    "1_000",
    "2024-01-31",
    "2001-12-14t21:59:43.10-05:00",
    "12:30:45",
    ".inf",
    "-.Inf",
    ".NaN",
    "yes",
    "No",
    "ON",
    "off",
    "y",
    "n",
    "true",
    "False",
    "null",
    "Null",
    "~",
    "=",
    "<<",
    "é",
    "日本語",
    "Ω-β",
    "emoji 😀",
    "a: b",
    "a #b",
    "a#b",
    "key:",
    "x -",
    "- x",
    "?x",
    "a'b",
    'a"b',
    "x]",
    "[x",
    "{y",
    "&a",
    "*a",
    "!x",
    "|",
    ">",
    "%x",
    "@x",
    "`x",
    ":",
    "a\tb",
    "trailing ",
    " leading",
    "multi  space",
]
TAGS = [
    "!!str",
    "!!int",
    "!!float",
    "!!bool",
    "!!null",
    "!!timestamp",
    "!!binary",
    "!!map",
    "!!seq",
    "!!set",
    "!!omap",
    "!custom",
    "!",
    "!<tag:yaml.org,2002:str>",
    "!!python/object:os.system",
]
ESCAPES = [
    "\\n",
    "\\t",
    '\\"',
    "\\\\",
    "\\x41",
    "\\u00e9",
    "\\U0001F600",
    "\\0",
    "\\a",
    "\\e",
    "\\ ",
    "\\_",
    "\\N",
    "\\L",
    "\\P",
    "\\/",
    "\\q",
]
_CHARS = st.characters(exclude_categories=("Cs",), exclude_characters="\r\x85\u2028\u2029")
_TEXT = st.text(_CHARS, max_size=8)
_WORD = st.text(st.sampled_from("abcxyzéß日Ω019-_. "), min_size=1, max_size=8)


class _Writer:
    """Writes one YAML document from hypothesis's choices, most of it valid."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.anchors: list[str] = []

    def chance(self, p: float) -> bool:
        return self.draw(st.floats(0, 1)) < p

    def pick(self, options: list[str]) -> str:
        return self.draw(st.sampled_from(options))

    def comment(self) -> str:
        return "  # " + self.draw(_TEXT).replace("\n", " ") if self.chance(0.1) else ""

    def properties(self) -> str:
        """An optional anchor and tag, each followed by a space."""
        out = ""
        if self.chance(0.08):
            name = self.pick(["a", "b", "x1"])
            self.anchors.append(name)
            out += f"&{name} "
        if self.chance(0.08):
            out += self.pick(TAGS) + " "
        return out

    def plain(self) -> str:
        return self.pick(PLAIN_WORDS) if self.chance(0.4) else self.draw(_WORD).strip() or "w"

    def single_quoted(self) -> str:
        return "'" + self.draw(_TEXT).replace("'", "''") + "'"

    def double_quoted(self) -> str:
        parts = self.draw(st.lists(st.one_of(st.sampled_from(ESCAPES), _TEXT), max_size=4))
        return (
            '"'
            + "".join(p if p in ESCAPES else p.replace("\\", "").replace('"', "") for p in parts)
            + '"'
        )

    def scalar(self) -> str:
        kind = self.pick(["plain", "plain", "single", "double", "alias", "empty"])
        if kind == "single":
            return self.single_quoted()
        if kind == "double":
            return self.double_quoted()
        if kind == "alias":
            return "*" + (self.pick(self.anchors) if self.anchors else "nowhere")
        if kind == "empty":
            return ""
        return self.plain()

    def key(self, written: list[str]) -> str:
        if written and self.chance(0.05):
            return self.pick(written)  # written twice
        if self.chance(0.03):
            return "<<"
        kind = self.pick(["plain", "plain", "plain", "single", "double", "tagged"])
        if kind == "single":
            return self.single_quoted().replace("\n", " ")
        if kind == "double":
            return self.double_quoted().replace("\n", " ")
        if kind == "tagged":
            return (
                self.pick(["!!str", "!!int", "!!bool", "!!null", "!custom"]) + " " + self.plain()
            )
        return self.plain()

    def block_scalar(self, indent: int) -> tuple[str, list[str]]:
        style = self.pick(["|", ">"])
        chomp = self.pick(["", "-", "+"])
        digit = self.pick(["", "", "1", "2"])
        header = style + (chomp + digit if self.chance(0.5) else digit + chomp)
        extra = int(digit) if digit else self.pick(["0", "2"]).count("2") * 2
        lines = []
        for _ in range(self.draw(st.integers(0, 4))):
            text = self.draw(_TEXT).replace("\n", " ").rstrip()
            deeper = " " * self.draw(st.integers(0, 2)) if self.chance(0.2) else ""
            lines.append(" " * (indent + extra) + deeper + text if text else "")
        return header + self.comment(), lines

    def flow(self, depth: int) -> str:
        if depth >= MAX_DEPTH or self.chance(0.5):
            kind = self.pick(["plain", "single", "double"])
            if kind == "plain":
                return self.plain().replace(",", "").replace("[", "").replace("]", "")
            return self.single_quoted() if kind == "single" else self.double_quoted()
        items = self.draw(st.integers(0, 3))
        if self.chance(0.5):
            return "[" + ", ".join(self.flow(depth + 1) for _ in range(items)) + "]"
        pairs = (f"{self.key([])}: {self.flow(depth + 1)}" for _ in range(items))
        return "{" + ", ".join(pairs) + "}"

    def node(self, indent: int, depth: int) -> tuple[str, list[str]]:
        """What follows ``key:`` or ``-`` on its line, and the lines below it (whose
        content is indented by ``indent``)."""
        kinds = ["scalar", "scalar", "scalar", "block", "flow"]
        if depth < MAX_DEPTH:
            kinds += ["map", "map", "seq", "seq"]
        kind = self.pick(kinds)
        props = self.properties()
        if kind == "scalar":
            return " " + props + self.scalar() + self.comment(), []
        if kind == "block":
            head, lines = self.block_scalar(indent)
            return " " + props + head, lines
        if kind == "flow":
            return " " + props + self.flow(depth), []
        head = (" " + props.rstrip() if props else "") + self.comment()
        if kind == "map":
            return head, self.mapping(indent, depth + 1)
        return head, self.sequence(indent, depth + 1)

    def mapping(self, indent: int, depth: int) -> list[str]:
        lines: list[str] = []
        written: list[str] = []
        for _ in range(self.draw(st.integers(1, 4))):
            if self.anchors and self.chance(0.05):
                lines.append(" " * indent + "<<: *" + self.pick(self.anchors))
                continue
            key = self.key(written)
            written.append(key)
            head, below = self.node(indent + self.pick(["2", "4"]).count("4") * 2 + 2, depth)
            lines.append(" " * indent + key + ":" + head)
            lines.extend(below)
            if self.chance(0.05):
                lines.append(" " * self.draw(st.integers(0, indent)) + "# " + self.plain())
        return lines

    def sequence(self, indent: int, depth: int) -> list[str]:
        lines: list[str] = []
        for _ in range(self.draw(st.integers(1, 4))):
            head, below = self.node(indent + 2, depth)
            if (
                not head
                and below
                and below[0].startswith(" " * (indent + 2))
                and below[0][indent + 2] != " "
            ):
                lines.append(" " * indent + "- " + below[0][indent + 2 :])  # compact
                lines.extend(below[1:])
            else:
                lines.append(" " * indent + "-" + head)
                lines.extend(below)
        return lines

    def document(self) -> str:
        lines: list[str] = []
        if self.chance(0.1):
            lines.append("# " + self.plain())
        if self.chance(0.05):
            lines.append("%YAML 1.1")
            lines.append("---")
        elif self.chance(0.1):
            lines.append("---")
        kind = self.pick(["map", "map", "map", "seq", "node"])
        if kind == "map":
            lines += self.mapping(0, 1)
        elif kind == "seq":
            lines += self.sequence(0, 1)
        else:
            head, below = self.node(0, 1)
            lines += [head.lstrip(), *below]
        if self.chance(0.05):
            lines.append(self.pick(["...", "---", "--- second"]))
        return "\n".join(lines) + self.pick(["\n", "", "\n\n"])


@st.composite
def yaml_documents(draw: st.DrawFn) -> str:
    return _Writer(draw).document()


# -- the property -------------------------------------------------------------------------


def _reference(text: str) -> tuple[bool, Any]:
    try:
        return True, yaml.load(text, Loader=_Reference)  # a SafeLoader
    except Exception:  # not only YAMLError: "!!bool maybe" raises KeyError
        return False, None


def _node_positions(text: str) -> dict[tuple[Any, ...], dict[Any, tuple[int, int]]]:
    """Where libyaml's composed nodes say each key and item is: a mapping key's own
    position, a list item's start; one table per container, as the reader keeps."""
    positions: dict[tuple[Any, ...], dict[Any, tuple[int, int]]] = {}

    def walk(node: yaml.Node, path: tuple[Any, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            marks = positions.setdefault(path, {})
            for key, value in node.value:
                marks[key.value] = (key.start_mark.line + 1, key.start_mark.column + 1)
                walk(value, (*path, key.value))
        elif isinstance(node, yaml.SequenceNode):
            marks = positions.setdefault(path, {})
            for index, item in enumerate(node.value):
                marks[index] = (item.start_mark.line + 1, item.start_mark.column + 1)
                walk(item, (*path, index))

    root = yaml.compose(text, Loader=_Parser)
    if root is not None:
        walk(root, ())
    return positions


@settings(max_examples=2 * settings.default.max_examples)  # 200, or 20000 with the long profile
@given(yaml_documents())
@example("terms:\n  - id: a\n    name: A\n")
# What the fuzzer found: a control character was "YAML syntax error: ... in
# <unicode string>, position 36" at no line; an anchor written twice was read, where
# safe_load refuses it.
@example("%YAML 1.1\n---\n<<: &a !!str alpha  # \x1f\n")
@example("- &a alpha\n- &a !!str alpha\n")
@example("alpha: &a !!bool alpha\n")  # safe_load raises KeyError, the reader refuses the tag
@example("%YAML 1.1\n---\n!!null null: alpha\n")  # the key was "", not its text
def test_the_reader_agrees_with_safe_load(text: str) -> None:
    document, problems = read_yaml(Path("fuzz.yaml"), text.encode("utf-8"))
    accepted, expected = _reference(text)
    for problem in problems:
        assert problem.subtype in (Subtype.yaml, Subtype.schema), problem
        assert problem.line >= 1 and problem.column >= 1, problem
    if not accepted:
        assert problems, f"safe_load refuses it, the reader read {document}"
    elif not problems:
        assert document is not None
        assert document.data == expected
        assert document.positions == _node_positions(text)
