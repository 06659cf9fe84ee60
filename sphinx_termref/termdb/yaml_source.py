"""Reading one YAML file into plain data, remembering where every value was written
(the events are read by ``yaml_events``), and locating what libyaml refuses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import yaml

from ..warnings import Problem, Subtype
from .files import read_bytes
from .yaml_events import DataPath as DataPath  # for callers
from .yaml_events import EventReader, Marks
from .yaml_text import MAX_FILE_BYTES as MAX_FILE_BYTES  # the limit, for callers
from .yaml_text import decode, refused_character


class Position(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based


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
    reader = EventReader(shown)
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
