"""Reading one YAML file into plain data, remembering where every value was written.

PyYAML's own constructors silently keep the last of two equal keys and build any
tag they know; composing the node graph ourselves lets us reject both and keep a
line and column for every value, which is what error messages need.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .warnings import Problem, Subtype

try:
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

#: A database file larger than this is refused before it is parsed.
MAX_FILE_BYTES = 32 * 1024 * 1024
#: Nesting deeper than this is refused; a term needs four levels.
MAX_DEPTH = 16

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
#: Scalars that YAML would turn into numbers or dates; the database keeps their text.
_TEXT_LIKE_TAGS = {
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
}
_MERGE_TAG = "tag:yaml.org,2002:merge"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"

#: A path into the data: keys and list indexes from the top.
DataPath = tuple[str | int, ...]


class Position(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based


class YamlDocument(NamedTuple):
    """The plain data of one file and the position of every value in it."""

    path: str
    data: Any
    positions: dict[DataPath, Position]

    def position(self, where: DataPath) -> Position:
        """The position of ``where``, or of its closest enclosing value."""
        while where not in self.positions and where:
            where = where[:-1]
        return self.positions.get(where, Position(1, 1))

    def problem(self, subtype: Subtype, where: DataPath, message: str) -> Problem:
        line, column = self.position(where)
        return Problem(subtype, self.path, line, column, message)


class _Composer:
    """Turns a composed node graph into plain data, collecting problems on the way."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.positions: dict[DataPath, Position] = {}
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.uses_aliases = False
        self.scalars = yaml.constructor.SafeConstructor()

    def fail(self, node: yaml.Node, message: str, subtype: Subtype = Subtype.yaml) -> None:
        mark = node.start_mark
        self.problems.append(Problem(subtype, self.path, mark.line + 1, mark.column + 1, message))

    def convert(self, node: yaml.Node, where: DataPath) -> Any:
        self.positions[where] = Position(node.start_mark.line + 1, node.start_mark.column + 1)
        if len(where) > MAX_DEPTH:
            self.fail(node, f"nesting deeper than {MAX_DEPTH} levels; a term needs at most 4")
            return None
        if id(node) in self.seen:
            self.uses_aliases = True  # reported where each alias is written, in read_yaml
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP_TAG:
            return self.mapping(node, where)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
            return [self.convert(item, (*where, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and node.tag in _TEXT_LIKE_TAGS:
            return node.value  # "007", "1:20", "2.50" and dates mean what is written
        if isinstance(node, yaml.ScalarNode) and node.tag in _PLAIN_TAGS:
            return self.scalars.construct_object(node)
        self.fail(
            node,
            f"YAML tag {node.tag!r} is not allowed: a term database holds only plain "
            "strings, lists and mappings; remove the tag",
        )
        return None

    def mapping(self, node: yaml.MappingNode, where: DataPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                self.fail(
                    key_node,
                    "YAML merge keys (<<: *alias) are not allowed in a term database: "
                    "write the fields out in each term",
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                self.fail(key_node, "a mapping key must be a plain word such as 'name'")
                continue
            key = str(self.scalars.construct_object(key_node))
            if key in first_seen:
                self.fail(
                    key_node,
                    f"key {key!r} is written twice in this mapping (first on line "
                    f"{first_seen[key]}); keep one of them",
                    Subtype.schema,
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1
            result[key] = self.convert(value_node, (*where, key))
            # A key's own position is more useful than its value's for "unknown field".
            self.positions[(*where, key)] = Position(
                key_node.start_mark.line + 1, key_node.start_mark.column + 1
            )
        return result


def _decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    if len(raw) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        message = f"file is larger than {limit} MiB; split it into several database files"
        return None, [Problem(Subtype.yaml, path, 0, 0, message)]
    skip = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0  # a BOM is fine
    try:
        return raw[skip:].decode("utf-8"), []
    except UnicodeDecodeError as exc:
        start = exc.start + skip
        line = raw[:start].count(b"\n") + 1
        column = start - (raw.rfind(b"\n", 0, start) + 1) + 1
        message = (
            f"the file is not valid UTF-8 (byte 0x{raw[start]:02x}); save it with UTF-8 encoding"
        )
        return None, [Problem(Subtype.yaml, path, line, column, message)]


def read_bytes(path: Path) -> tuple[bytes | None, list[Problem]]:
    try:
        return path.read_bytes(), []
    except OSError as exc:
        message = f"cannot read the file: {exc.strerror}"
        return None, [Problem(Subtype.yaml, str(path), 0, 0, message)]


def read_yaml(path: Path, raw: bytes | None = None) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse ``path`` (whose bytes are ``raw`` if already read); the document is None
    when nothing in it could be read."""
    shown = str(path)
    if raw is None:
        raw, problems = read_bytes(path)
        if raw is None:
            return None, problems
    text, problems = _decode(shown, raw)
    if text is None:
        return None, problems
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        # At the end of the file, where the unfinished construct began is the place
        # to look; the end itself may be a line past the last one.
        problem = exc.problem_mark
        at_end = problem is None or problem.index >= len(text.rstrip())
        mark = exc.context_mark if at_end and exc.context_mark else problem
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        message = f"YAML syntax error: {what}; check the indentation and quoting there"
        return None, [Problem(Subtype.yaml, shown, line, column, message)]
    except (yaml.YAMLError, RecursionError) as exc:
        message = f"YAML syntax error: {exc}"
        return None, [Problem(Subtype.yaml, shown, 0, 0, message)]
    if root is None:
        return YamlDocument(shown, None, {}), []
    composer = _Composer(shown)
    data = composer.convert(root, ())
    if composer.uses_aliases:
        composer.problems.extend(_alias_problems(shown, text))
    return YamlDocument(shown, data, composer.positions), composer.problems


def _alias_problems(path: str, text: str) -> list[Problem]:
    """One problem where each ``*alias`` is written; composed nodes only know the anchor."""
    message = "YAML aliases (*name) are not allowed in a term database: write the value out"
    marks = (
        event.start_mark
        for event in yaml.parse(text, Loader=_Loader)
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None
    )
    return [Problem(Subtype.yaml, path, mark.line + 1, mark.column + 1, message) for mark in marks]
