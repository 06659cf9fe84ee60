"""Where one spelling of a term (its id, name, abbreviation, an alias, a label) is written.

Only a collision asks, which is rare, so records keep no position per alias: the
term's file is read again, once per version of it, and the spelling found in
the term's entry.
"""

from __future__ import annotations

import functools
from pathlib import Path

from .records import Term
from .term_targets import normalise_label
from .yaml_source import DataPath, YamlDocument, read_yaml

#: The fields a spelling can be written in, each a string or a list of strings.
_FIELDS = ("id", "name", "abbreviation", "aliases", "hidden_aliases", "discouraged", "labels")


def spelling_place(term: Term, spelling: str, field: str | None = None) -> tuple[int, int]:
    """(line, column) of ``spelling`` in ``term``'s entry (in ``field`` when given), or
    the term's own line when the file no longer says so."""
    document = _document(term.source, *_stamp(term.source))
    if document is not None:
        index = _entry_index(document, term.line)
        if index is not None:
            where = _where(document, ("terms", index), spelling, field)
            if where is not None:
                return document.position(where)
    return term.line, 0


def _where(
    document: YamlDocument, entry_path: DataPath, spelling: str, field: str | None
) -> DataPath | None:
    entry = _at(document.data, entry_path)
    if not isinstance(entry, dict):
        return None
    for key in (field,) if field else _FIELDS:
        # Records keep labels as Sphinx compares them.
        same = _same_label if key == "labels" else _same_text
        value = entry.get(key)
        if isinstance(value, str) and same(value, spelling):
            return (*entry_path, key)
        if isinstance(value, list):
            for position, item in enumerate(value):
                if isinstance(item, str) and same(item, spelling):
                    return (*entry_path, key, position)
    return None


def _same_text(written: str, spelling: str) -> bool:
    return written.strip() == spelling


def _same_label(written: str, label: str) -> bool:
    return normalise_label(written.strip()) == label


def _at(data: object, path: DataPath) -> object:
    for step in path:
        if isinstance(data, dict) and isinstance(step, str):
            data = data.get(step)
        elif isinstance(data, list) and isinstance(step, int) and step < len(data):
            data = data[step]
        else:
            return None
    return data


def _entry_index(document: YamlDocument, line: int) -> int | None:
    """The index in ``terms`` of the entry that starts on ``line``."""
    starts = document.positions.get(("terms",), {})
    found = (index for index, (at, _) in starts.items() if at == line)
    return next((index for index in found if isinstance(index, int)), None)


def forget() -> None:
    """Let the files read for collisions go: the build needs them no more."""
    _document.cache_clear()


def _stamp(path: str) -> tuple[int, int]:
    try:
        stat = Path(path).stat()
    except OSError:
        return -1, -1
    return stat.st_mtime_ns, stat.st_size


@functools.lru_cache(maxsize=4)
def _document(path: str, mtime: int, size: int) -> YamlDocument | None:
    """The parsed file, reused while it is unchanged (``mtime`` and ``size``)."""
    if size < 0:
        return None
    document, _ = read_yaml(Path(path))
    return document
