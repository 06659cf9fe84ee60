"""Writing terms as database YAML that reads back to exactly the same values.

PyYAML's dumper would do, but not readably: it wraps long strings at odd places
and quotes what it need not. Here a one-line string is written plain when that
reads back the same, a multi-line one as a literal block (``|-``), and anything
else as a double-quoted string, whose escapes YAML shares with JSON. Every choice
is checked by reading it back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from ..termdb.schema import TERM_FIELDS

try:
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader


def _reads_back(source: str, value: str) -> bool:
    try:
        return bool(yaml.load(source, Loader=_Loader) == {"k": value})
    except yaml.YAMLError:
        return False


def quoted(text: str) -> str:
    """``text`` as a double-quoted YAML string (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def scalar(text: str) -> str:
    """``text`` as a one-line YAML value: plain when that reads back the same."""
    if text and "\n" not in text and _reads_back(f"k: {text}\n", text):
        return text
    return quoted(text)


def block(text: str, column: int) -> str:
    """``text`` as the value of a key written at ``column``.

    Multi-line text becomes a literal block on the lines below, indented two spaces
    more than the key; the result begins with what follows ``key:``.
    """
    if "\n" not in text:
        return " " + scalar(text)
    indicator = "2" if text[:1] == " " else ""

    def literal(pad: str) -> str:
        body = "\n".join(pad + line if line.strip() else "" for line in text.split("\n"))
        return f" |{indicator}-\n{body}"

    if _reads_back(f"k:{literal('  ')}\n", text):
        return literal(" " * (column + 2))
    return " " + quoted(text)


def _strings(key: str, values: Sequence[str], indent: int) -> list[str]:
    pad = " " * indent
    if not values:
        return [f"{pad}{key}: []"]
    return [f"{pad}{key}:", *(f"{pad}  - {scalar(value)}" for value in values)]


def term(entry: Mapping[str, Any], indent: int = 2) -> str:
    """One term as an item of the ``terms`` list, its fields in the schema's order.

    ``entry`` maps field names to strings, lists of strings, a ``read_more``
    mapping and a list of organization mappings; empty values are left out.
    """
    pad = " " * (indent + 2)
    lines: list[str] = []
    for key in TERM_FIELDS:
        value = entry.get(key)
        if value is None or value == "" or value == [] or value == ():
            continue
        if isinstance(value, str):
            lines.append(f"{pad}{key}:{block(value, indent + 2)}")
        elif key == "read_more":
            lines.append(f"{pad}{key}:")
            lines.extend(
                f"{pad}  {field}:{block(str(text), indent + 4)}"
                for field, text in value.items()
                if text
            )
        elif key == "organizations":
            lines.append(f"{pad}{key}:")
            for organization in value:
                fields = [
                    f"{field}:{block(str(text), indent + 6)}"
                    for field, text in organization.items()
                    if text
                ]
                lines.append(f"{pad}  - {fields[0]}")
                lines.extend(f"{pad}    {field}" for field in fields[1:])
        else:
            lines.extend(_strings(key, list(value), indent + 2))
    lines[0] = " " * indent + "- " + lines[0].lstrip()
    return "\n".join(lines) + "\n"


def database(entries: Sequence[Mapping[str, Any]], header: str = "") -> str:
    """A whole database file: an optional comment header and the ``terms`` list."""
    comment = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    if not entries:
        return comment + "terms: []\n"
    return comment + "terms:\n" + "\n".join(term(entry) for entry in entries)
