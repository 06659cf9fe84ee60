"""A database file's bytes as text, and where in it a character YAML refuses is."""

from __future__ import annotations

import codecs

import yaml

from ..warnings import Problem, Subtype

#: A database file larger than this is refused before it is parsed.
MAX_FILE_BYTES = 32 * 1024 * 1024


def decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
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


def refused_character(path: str, text: str, exc: yaml.reader.ReaderError) -> Problem:
    """A character YAML does not allow, at its line and column (libyaml counts bytes)."""
    before = text.encode("utf-8")[: exc.position].decode("utf-8", "replace")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    message = (
        f"the character U+{exc.character:04X} is not allowed in YAML (a control character "
        "or a non-character); remove it, or write it as an escape in a double-quoted string"
    )
    return Problem(Subtype.yaml, path, line, column, message)
