"""Plain data from libyaml's events, with the line and column of every key and item.

PyYAML's own constructors silently keep the last of two equal keys, build any tag
they know and expand aliases; building the data from libyaml's events ourselves
lets us reject all three and keep a line and column for every value, which is
what error messages need.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..warnings import Problem, Subtype

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


#: Where a container's keys or items are written: key or index -> (line, column).
Marks = dict[str | int, tuple[int, int]]


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


class EventReader:
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
        scalar, mapping_start, sequence_start = (
            yaml.ScalarEvent,
            yaml.MappingStartEvent,
            yaml.SequenceStartEvent,
        )
        mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        nulls, booleans, no_key = _NULLS, _BOOLEANS, _NO_KEY
        # The common events (untagged strings, keys, list items, containers) are
        # handled inline against the innermost open container, kept in locals: a few
        # lookups each instead of method calls, which took a third of the time spent
        # here over libyaml's own. ``frame`` is None where they cannot be: at the
        # top, in skipped content and at the depth limit; ``slow`` takes the rest.
        frame: _Frame | None = None
        container: Any = None
        marks: Marks = {}
        is_map = False
        event: Any  # the attributes of each kind of event are used where its kind is known
        key: Any
        for event in yaml.parse(text, Loader=_Loader):
            kind = type(event)
            if frame is not None:
                if kind is scalar:
                    value = event.value
                    if (
                        event.tag is None
                        and event.anchor is None
                        and not (event.implicit[0] and (value in nulls or value in booleans))
                    ):
                        key = frame.key
                        if type(key) is str:  # a mapping's value: its key holds the position
                            container[key] = value
                            frame.key = no_key
                            continue
                        mark = event.start_mark
                        if not is_map:
                            marks[len(container)] = (mark.line + 1, mark.column + 1)
                            container.append(value)
                            continue
                        if key is no_key and value not in marks and value != "<<":
                            marks[value] = (mark.line + 1, mark.column + 1)
                            frame.key = value
                            continue
                elif kind is mapping_start or kind is sequence_start:
                    key = frame.key if is_map else len(container)
                    if (
                        event.tag is None
                        and event.anchor is None
                        and key is not no_key
                        and key is not _SKIPPED
                    ):
                        if not is_map:  # a mapping's key holds the position
                            mark = event.start_mark
                            marks[key] = (mark.line + 1, mark.column + 1)
                        self.open({} if kind is mapping_start else [], (*frame.path, key))
                        frame, container, marks, is_map = self.innermost()
                        continue
                elif kind is mapping_end or kind is sequence_end:
                    stack.pop()
                    self.deliver(container, event, is_key=False, done=frame)
                    frame, container, marks, is_map = self.innermost()
                    continue
            self.slow(event)
            if self.documents == 2:
                break
            frame, container, marks, is_map = self.innermost()
        return self.root

    def innermost(self) -> tuple[_Frame | None, Any, Marks, bool]:
        """The open container whose events ``read`` handles inline, if it has one."""
        if not self.stack or self.skipping or len(self.stack[-1].path) >= MAX_DEPTH:
            return None, None, {}, False
        frame = self.stack[-1]
        return frame, frame.container, frame.marks, type(frame.container) is dict

    def slow(self, event: yaml.Event) -> None:
        """Any event that ``read`` does not handle inline."""
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
        self.open({} if is_map else [], path)

    def open(self, container: dict[str, Any] | list[Any], path: DataPath) -> None:
        """Make ``container``, at ``path``, the innermost open one."""
        frame = _Frame(container, path)
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
        # A key is the text it is written with, whatever its tag says it means.
        self.deliver(value if is_key else result, event, is_key=is_key)

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
