"""Reading one YAML file into plain data, remembering where every value was written.

PyYAML's own constructors silently keep the last of two equal keys, build any tag
they know and expand aliases; building the data from libyaml's events ourselves
lets us reject all three and keep a line and column for every value, which is
what error messages need.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import yaml

from ..warnings import Problem, Subtype
from .files import read_bytes
from .yaml_text import MAX_FILE_BYTES as MAX_FILE_BYTES  # the limit, for callers
from .yaml_text import decode, refused_character

try:
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

#: Nesting deeper than this is refused; a term needs four levels.
MAX_DEPTH = 16

#: Scalars that YAML would turn into numbers or dates; the database keeps their text.
_TEXT_LIKE_TAGS = {
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"

#: A path into the data: keys and list indexes from the top.
DataPath = tuple[str | int, ...]


class Position(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based


#: Where a container's keys or items are written: key or index -> (line, column).
Marks = dict[str | int, tuple[int, int]]


class YamlDocument(NamedTuple):
    """The plain data of one file and the position of every value in it."""

    path: str
    data: Any
    #: The path of each mapping and list -> where its keys or items are written
    #: (one table per container, so no path is built per value); 1-based.
    positions: dict[DataPath, Marks]
    #: Where the top-level value starts.
    origin: tuple[int, int] = (1, 1)

    def position(self, where: DataPath) -> Position:
        """The position of ``where``, or of its closest enclosing value."""
        while where:
            marks = self.positions.get(where[:-1])
            if marks is not None and where[-1] in marks:
                return Position(*marks[where[-1]])
            where = where[:-1]
        return Position(*self.origin)

    def problem(self, subtype: Subtype, where: DataPath, message: str) -> Problem:
        line, column = self.position(where)
        return Problem(subtype, self.path, line, column, message)


_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLEANS = {
    **dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
}
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_NO_KEY = object()  # a mapping frame waiting for its next key
_SKIPPED = object()  # a key whose value is dropped


class _Frame:
    """An open mapping or sequence while its events are read."""

    __slots__ = ("container", "key", "marks", "path")

    def __init__(self, container: dict[str, Any] | list[Any], path: DataPath) -> None:
        self.container = container
        self.path = path
        self.key: object = _NO_KEY
        #: Where each key or item is; for a mapping also how a key written twice is found.
        self.marks: Marks = {}


class _Reader:
    """Builds plain data from libyaml's event stream, with a position for every value.

    Working on events rather than PyYAML's composed nodes is several times faster,
    needs no recursion however deep the file nests, and sees each ``*alias`` where
    it is written.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.positions: dict[DataPath, Marks] = {}
        self.origin = (1, 1)
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.skipping = 0  # > 0 inside a container whose content is dropped
        self.documents = 0
        self.anchors: dict[str, int] = {}  # anchor -> its line

    def fail(self, event: yaml.Event, message: str, subtype: Subtype = Subtype.yaml) -> None:
        mark = event.start_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        self.problems.append(Problem(subtype, self.path, line, column, message))

    def read(self, text: str) -> Any:
        stack = self.stack
        scalar_event, nulls, booleans = yaml.ScalarEvent, _NULLS, _BOOLEANS
        for event in yaml.parse(text, Loader=_Loader):
            if (
                type(event) is scalar_event
                and event.tag is None
                and event.anchor is None
                and stack
            ):
                # The common cases, kept inline for speed: a string value of a mapping,
                # then a new key or a list item.
                frame = stack[-1]
                key, value = frame.key, event.value
                if (
                    type(key) is str
                    and not self.skipping
                    and len(frame.path) < MAX_DEPTH
                    and not (event.implicit[0] and (value in nulls or value in booleans))
                ):
                    frame.container[key] = value  # type: ignore[call-overload]
                    frame.key = _NO_KEY  # the key already holds the position
                    continue
                if (
                    not self.skipping
                    and len(frame.path) < MAX_DEPTH
                    and self.plain_string(event, frame)
                ):
                    continue
            anchor = getattr(event, "anchor", None)
            if anchor is not None and type(event) is not yaml.AliasEvent:
                self.anchor(event, anchor)
            if self.skipping:
                if isinstance(event, yaml.CollectionStartEvent):
                    self.skipping += 1
                elif isinstance(event, yaml.CollectionEndEvent):
                    self.skipping -= 1
                    if not self.skipping:
                        self.deliver(None, event, is_key=False)
            elif isinstance(event, yaml.ScalarEvent):
                self.scalar(event)
            elif isinstance(event, yaml.CollectionStartEvent):
                self.start(event)
            elif isinstance(event, yaml.CollectionEndEvent):
                frame = self.stack.pop()
                self.deliver(frame.container, event, is_key=False, done=frame)
            elif isinstance(event, yaml.AliasEvent):
                self.fail(
                    event,
                    "YAML aliases (*name) are not allowed in a term database: write the value out",
                )
                self.deliver(None, event, is_key=False)
            elif isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents == 2:
                    self.fail(
                        event,
                        "the file holds more than one YAML document (a '---' line); keep "
                        "one: only the first is read",
                    )
                    break
        return self.root

    def anchor(self, event: yaml.Event, name: str) -> None:
        """Note an ``&anchor``; one written twice is refused, as PyYAML's loader does."""
        if name in self.anchors:
            self.fail(
                event,
                f"the anchor &{name} is written twice (first on line {self.anchors[name]}); "
                "remove the anchors: a term database allows no aliases, so they have no use",
            )
            return
        mark = event.start_mark
        self.anchors[name] = mark.line + 1 if mark else 0

    @staticmethod
    def plain_string(event: yaml.ScalarEvent, frame: _Frame) -> bool:
        """Store a new key or a string value directly; False leaves it to ``scalar``."""
        value, mark, container = event.value, event.start_mark, frame.container
        if mark is None or (event.implicit[0] and (value in _NULLS or value in _BOOLEANS)):
            return False
        if type(container) is dict:
            key = frame.key
            if key is _NO_KEY:
                if value in frame.marks or value == "<<":
                    return False
                frame.marks[value] = (mark.line + 1, mark.column + 1)
                frame.key = value
            elif key is _SKIPPED:
                return False
            else:
                container[key] = value  # type: ignore[index]  # its key holds the position
                frame.key = _NO_KEY
            return True
        assert isinstance(container, list)
        frame.marks[len(container)] = (mark.line + 1, mark.column + 1)
        container.append(value)
        return True

    def start(self, event: yaml.CollectionStartEvent) -> None:
        is_map = isinstance(event, yaml.MappingStartEvent)
        expected = _MAP_TAG if is_map else _SEQ_TAG
        if self.expecting_key():
            self.fail(event, "a mapping key must be a plain word such as 'name'")
            self.skip_key()
            self.skipping = 1
            return
        if event.tag not in (None, "!", expected):
            self.fail(event, _tag_message(event.tag))
            self.skipping = 1
            return
        path = self.child_path()
        if self.too_deep(path, event):
            self.skipping = 1
            return
        self.record(event)
        frame = _Frame({} if is_map else [], path)
        self.positions[path] = frame.marks
        self.stack.append(frame)

    def too_deep(self, path: DataPath, event: yaml.Event) -> bool:
        if len(path) <= MAX_DEPTH:
            return False
        self.fail(event, f"nesting deeper than {MAX_DEPTH} levels; a term needs at most 4")
        return True

    def scalar(self, event: yaml.ScalarEvent) -> None:
        is_key = self.expecting_key()
        if not is_key and self.too_deep(self.child_path(), event):
            self.deliver(None, event, is_key=False)
            return
        tag, value = event.tag, event.value
        if tag in (None, "!"):
            plain = event.implicit[0] and not is_key  # unquoted, untagged
            result: Any = value
            if plain and value in _NULLS:
                result = None
            elif plain and value in _BOOLEANS:
                result = _BOOLEANS[value]
            elif is_key and event.implicit[0] and value == "<<":
                self.fail(
                    event,
                    "YAML merge keys (<<: *alias) are not allowed in a term database: "
                    "write the fields out in each term",
                )
                self.skip_key()
                return
        elif tag in _TEXT_LIKE_TAGS or tag == "tag:yaml.org,2002:str":
            result = value  # "007", "1:20", "2.50" and dates mean what is written
        elif tag == _BOOL_TAG and value in _BOOLEANS:
            result = _BOOLEANS[value]
        elif tag == _NULL_TAG and value in _NULLS:
            result = None
        else:
            self.fail(event, _tag_message(tag))
            if is_key:
                self.skip_key()
            else:
                self.deliver(None, event, is_key=False)
            return
        self.deliver(result, event, is_key=is_key)

    def expecting_key(self) -> bool:
        return (
            bool(self.stack)
            and isinstance(self.stack[-1].container, dict)
            and (self.stack[-1].key is _NO_KEY)
        )

    def skip_key(self) -> None:
        self.stack[-1].key = _SKIPPED

    def child_path(self) -> DataPath:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, dict):
            return (*frame.path, frame.key)  # type: ignore[arg-type]
        return (*frame.path, len(frame.container))

    def record(self, event: yaml.Event) -> None:
        """Note where the value the innermost open container expects next is written."""
        mark = event.start_mark
        if mark is None:
            return
        position = (mark.line + 1, mark.column + 1)
        if not self.stack:
            self.origin = position
            return
        frame = self.stack[-1]
        key = frame.key if isinstance(frame.container, dict) else len(frame.container)
        if type(key) is str or type(key) is int:
            frame.marks.setdefault(key, position)

    def deliver(
        self, value: Any, event: yaml.Event, is_key: bool, done: _Frame | None = None
    ) -> None:
        """Put a finished value (or key) into the open container, or make it the root."""
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        if is_key:
            key = "" if value is None else str(value)
            if key in frame.marks:
                self.fail(
                    event,
                    f"key {key!r} is written twice in this mapping (first on line "
                    f"{frame.marks[key][0]}); keep one of them",
                    Subtype.schema,
                )
                frame.key = _SKIPPED
                return
            # A key's own position is more useful than its value's for "unknown field".
            mark = event.start_mark
            frame.marks[key] = (mark.line + 1, mark.column + 1) if mark else (0, 0)
            frame.key = key
            return
        if done is None:
            self.record(event)
        if isinstance(frame.container, dict):
            if frame.key is not _SKIPPED:
                frame.container[frame.key] = value  # type: ignore[index]
            frame.key = _NO_KEY
        else:
            frame.container.append(value)


def _tag_message(tag: str | None) -> str:
    return (
        f"YAML tag {tag!r} is not allowed: a term database holds only plain strings, "
        "lists and mappings; remove the tag"
    )


def read_yaml(path: Path, raw: bytes | None = None) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse ``path`` (whose bytes are ``raw`` if already read); the document is None
    when nothing in it could be read."""
    shown = str(path)
    if raw is None:
        raw, problems = read_bytes(path)
        if raw is None:
            return None, problems
    text, problems = decode(shown, raw)
    if text is None:
        return None, problems
    reader = _Reader(shown)
    try:
        data = reader.read(text)
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
    except yaml.reader.ReaderError as exc:
        return None, [refused_character(shown, text, exc)]
    except yaml.YAMLError as exc:
        message = f"YAML syntax error: {exc}"
        return None, [Problem(Subtype.yaml, shown, 0, 0, message)]
    return YamlDocument(shown, data, reader.positions, reader.origin), reader.problems
