"""Appending a new term, every field present with guidance, to a database file.

The file is edited as text, not re-dumped, so its comments and layout are kept:
the new entry goes after the last item of the ``terms`` list, indented like the
items already there. The file is checked again after writing, and restored if
the result does not read back with the new term.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import yaml

from ..termdb.database import TermDatabase
from ..termdb.matching import normalise
from ..termdb.plain_text import plain_text
from ..termdb.records import Term
from ..termdb.schema import TERM_FIELDS, Kind, slugify
from ..termdb.validation import validate
from ..termdb.yaml_source import read_yaml
from ..warnings import Problem
from .yaml_writer import scalar

_EMPTY = {kind: " []" for kind in (Kind.texts, Kind.organizations, Kind.labels, Kind.index)}
_HINTS = {
    "read_more": "A URL, or url: and label: on the lines below.",
    "organizations": "Items with name:, url: and description:.",
    "broader": "More general terms, by id or alias: [ai-alignment, ...].",
    "see_also": "Related terms, by id or alias: [base-optimizer, ...].",
    "labels": "Labels that :ref: links to the card by: [old-glossary-label].",
    "index": "Index entries as for '.. index::': ['pair: object; type'].",
}


class NewTermError(Exception):
    """The term cannot be added; the message says why and what to do."""


class Added(NamedTuple):
    path: Path
    line: int  # where the new term starts
    created: bool  # the file did not exist before
    problems: int  # problems the file had before, which it still has


def default_name(term_id: str) -> str:
    """``'mesa-optimization'`` -> ``'Mesa Optimization'``."""
    return " ".join(word.capitalize() for word in term_id.split("-"))


def skeleton(term_id: str, name: str, indent: int = 2) -> str:
    """The new term as an item of the ``terms`` list, with every field."""
    pad = " " * (indent + 2)
    values = {"id": " " + scalar(term_id), "name": " " + scalar(name)}
    rows = [("id", values["id"]), ("name", values["name"])]
    rows += [
        (key, _EMPTY.get(field.kind, ""))
        for key, field in TERM_FIELDS.items()
        if key not in values
    ]
    width = max(len(key) + len(value) for key, value in rows[2:]) + 2
    lines = [f"{pad}{key}:{value}" for key, value in rows[:2]]
    lines.append(f"{pad}# Optional fields; an empty one is left out of the card.")
    for key, value in rows[2:]:
        field = TERM_FIELDS[key]
        hint = _HINTS.get(key) or plain_text(field.help)
        if field.kind is Kind.text:
            hint = f"{hint} Inline markup."
        elif field.kind is Kind.blocks:
            hint = f"{hint} Block markup."
        lines.append(f"{pad}{key}:{value}".ljust(len(pad) + width + 1) + f"# {hint}")
    lines[0] = " " * indent + "- " + lines[0].lstrip()
    return "\n".join(lines) + "\n"


def _claimed(term: Term, spelling: str) -> str | None:
    """Which of ``term``'s spellings ``spelling`` matches: the same text first, then
    the same after normalisation."""
    named = [("name", term.name), ("id", term.id)]
    named += [("abbreviation", term.abbreviation)] if term.abbreviation else []
    named += [("alias", alias) for alias in (*term.aliases, *term.hidden_aliases)]
    named += [("discouraged spelling", spelling) for spelling in term.discouraged]
    key = normalise(spelling)
    for what, value in [pair for pair in named if pair[1] == spelling] + named:
        if normalise(value) == key:
            return f"the {what} {value!r} of term {term.id!r} ({term.location})"
    return None


def taken(database: TermDatabase, spellings: list[str]) -> str | None:
    """A message when one of ``spellings`` already belongs to a term of ``database``."""
    for spelling in spellings:
        term = database.lookup(spelling)
        if term is not None:
            owner = _claimed(term, spelling) or f"term {term.id!r} ({term.location})"
            return f"{spelling!r} is taken: it matches {owner}"
    return None


def check_id(term_id: str) -> None:
    if not term_id or slugify(term_id) != term_id:
        suggestion = slugify(term_id) or "mesa-optimization"
        raise NewTermError(
            f"id {term_id!r} is not a slug: use lowercase letters, digits and single "
            f"hyphens, for example {suggestion!r}"
        )


def _with_item(text: str, path: Path, item: Callable[[int], str]) -> tuple[str, int]:
    """``text`` with ``item(indent)`` after the last term, and the 1-based line it starts on."""
    root = yaml.compose(text)  # read_yaml accepted it, so it parses

    def insert(offset: int, indent: int, before: str = "") -> tuple[str, int]:
        head, tail = text[:offset], text[offset:]
        if head and not head.endswith("\n"):
            head += "\n"
        head += before
        return head + item(indent) + tail, head.count("\n") + 1

    if root is None:  # empty, or comments only
        return insert(len(text), 2, "terms:\n")
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise NewTermError(f"{path} is not a mapping with a 'terms' list; fix it first")
    keys = [key.value if isinstance(key, yaml.ScalarNode) else None for key, _ in root.value]
    if "terms" not in keys:
        raise NewTermError(f"{path} has no 'terms' list; fix it first")
    position = keys.index("terms")
    value = root.value[position][1]
    end = len(text)
    if position + 1 < len(root.value):  # before the next key's line
        end = text.rfind("\n", 0, root.value[position + 1][0].start_mark.index) + 1
    if isinstance(value, yaml.ScalarNode) and value.value == "" and not value.style:
        return insert(end, 2)  # "terms:" and nothing after it
    if isinstance(value, yaml.SequenceNode) and value.flow_style and not value.value:
        # "terms: []": the brackets go, the item goes on the lines below the key.
        start, stop = value.start_mark.index, value.end_mark.index
        line_end = text.find("\n", stop)
        line_end = len(text) if line_end < 0 else line_end + 1
        head = text[:start].rstrip(" ") + text[stop:line_end].rstrip()
        return head + "\n" + item(2) + text[line_end:], head.count("\n") + 2
    if not isinstance(value, yaml.SequenceNode) or value.flow_style:
        raise NewTermError(
            f"'terms' in {path} is not a block list ('- id: ...' items on lines of their "
            "own); write it as one to add terms with this command"
        )
    head = text[:end]
    blank = "\n" if value.value and head.strip() and not head.endswith("\n\n") else ""
    return insert(end, value.start_mark.column, blank)


def append(path: Path, term_id: str, name: str, database: TermDatabase) -> Added:
    """Append a skeleton of the new term to ``path``, creating it if needed.

    ``database`` holds the terms that the id and name must not match (the file's
    own and those of the files used with it). Raises NewTermError when the term
    cannot be added; the file is then unchanged.
    """
    check_id(term_id)
    if not name.strip():
        raise NewTermError("the name is empty; give one with --name")
    if problem := taken(database, [term_id, name]):
        raise NewTermError(f"cannot add term {term_id!r}: {problem}; choose another id or name")
    created = not path.exists()
    original = b""
    before = 0
    if created:
        new_text, line = "terms:\n" + skeleton(term_id, name), 2
    else:
        before = len(_problems(path))
        original = path.read_bytes()
        text = original.decode("utf-8-sig")
        new_text, line = _with_item(text, path, lambda indent: skeleton(term_id, name, indent))
        if original.startswith(b"\xef\xbb\xbf"):
            new_text = "\ufeff" + new_text  # keep the byte-order mark
    try:
        path.write_text(new_text, encoding="utf-8")
    except OSError as exc:
        raise NewTermError(f"cannot write {path}: {exc.strerror}") from exc
    if problem := _readback(path, term_id, line, before, original, created):
        raise NewTermError(problem)
    return Added(path, line, created, before)


def _problems(path: Path) -> list[Problem]:
    document, problems = read_yaml(path)
    if document is None:
        raise NewTermError(f"{path} cannot be read: {problems[0].message}; fix it first")
    return problems + validate(document)[1]


def _readback(
    path: Path, term_id: str, line: int, before: int, original: bytes, created: bool
) -> str | None:
    """None when ``path`` reads back with the new term and no new problem; otherwise
    restore the file and say why."""
    document, problems = read_yaml(path)
    terms, more = validate(document) if document is not None else ([], [])
    found = any(term.id == term_id and term.line == line for term in terms)
    new_problems = [p for p in problems + more if p.line >= line or not p.line]
    if found and len(problems + more) <= before:
        return None
    if created:
        path.unlink()
    else:
        path.write_bytes(original)
    reason = new_problems[0].message if new_problems else "the new term did not read back"
    return f"adding the term would break {path} ({reason}), so it is unchanged"
