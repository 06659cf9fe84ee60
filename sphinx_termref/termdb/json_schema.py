"""A JSON Schema of database files, generated from the tables in ``schema``.

Editors with a YAML language server complete field names, show each field's help
and mark wrong types while a database is written. The package ships the schema
as ``termref.schema.json``; ``sphinx-termref schema`` prints it.

The schema accepts what the loader accepts: a number where text belongs (the
loader turns it into text), ``null`` for any optional field (treated as absent).
It refuses a blank required text (a name of spaces), which the loader is to
refuse too. The loader checks a little more than a schema can say: keys written
twice, disguised link schemes, index entries (by Sphinx's parser), and ids, names,
abbreviations, aliases and labels shared between terms, and that each ``broader``
entry names another term and broader terms form no cycle.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .plain_text import plain_text
from .schema import (
    FILE_FIELDS,
    ORGANIZATION_FIELDS,
    READ_MORE_FIELDS,
    RESERVED_IDS,
    STATUSES,
    TERM_FIELDS,
    Field,
    Kind,
)
from .urls import ALLOWED_SCHEMES

#: The schema as shipped in the package.
SCHEMA_PATH = Path(__file__).parent / "termref.schema.json"
DIALECT = "http://json-schema.org/draft-07/schema#"

# The loader strips white space around every value before it checks it.
_SLUG = r"^\s*[a-z0-9]+(?:-[a-z0-9]+)*\s*$"
# What a label cannot hold (``term_targets.label_problem``).
_LABEL = r"^[^`<>\\]*$"
# What the loader refuses inside a link (``urls.url_problem``).
_INVISIBLE = r"\u0000-\u0020\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff"


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c}]" if c.isalpha() else c for c in word)


# Not empty; one of the allowed schemes or none at all (a relative link); nothing
# invisible inside. ECMA-262 patterns, which editors use, have no (?i) flag.
_SCHEMES = "|".join(_any_case(scheme) for scheme in ALLOWED_SCHEMES)
_URL = (
    rf"^(?=\s*\S)\s*(?:(?:{_SCHEMES}):|(?![A-Za-z][A-Za-z0-9+.\-]*:))"
    rf"[^{_INVISIBLE}]*\s*$"
)


def _describe(field: Field) -> dict[str, Any]:
    text = plain_text(field.help)
    if field.kind is Kind.text:
        text += " reStructuredText inline markup; a blank line starts a paragraph."
    elif field.kind is Kind.blocks:
        text += (
            " reStructuredText: paragraphs, lists, block quotes, literal, doctest and code"
            " blocks, admonitions, version notes and math."
        )
    return {"description": text} if text else {}


def _value(kind: Kind) -> dict[str, Any]:
    """The schema of one value of ``kind``, without ``null``."""
    text: list[str] = ["string", "number"]
    if kind is Kind.slug:
        return {
            "anyOf": [
                {"type": "string", "pattern": _SLUG, "not": {"enum": sorted(RESERVED_IDS)}},
                {"type": "integer", "minimum": 0},
            ]
        }
    if kind in (Kind.text, Kind.blocks, Kind.plain):
        return {"type": text}
    if kind is Kind.spelling:
        return {"type": text, "pattern": r"\S"}  # the loader refuses a blank one
    if kind is Kind.url:
        return {"type": text, "pattern": _URL}
    if kind in (Kind.texts, Kind.index):
        return {"type": "array", "items": {"type": text}}
    if kind is Kind.labels:
        return {"type": "array", "items": {"type": text, "pattern": _LABEL}}
    if kind is Kind.status:
        return {"type": "string", "enum": list(STATUSES)}
    if kind is Kind.date:
        # The loader checks the calendar too (no 2020-13-45).
        return {
            "type": "string",
            "pattern": r"^\s*\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\s*$",
        }
    if kind is Kind.flag:
        return {"type": "boolean"}
    if kind is Kind.read_more:
        return {"anyOf": [_value(Kind.url), {"$ref": "#/definitions/read_more"}]}
    if kind is Kind.organizations:
        return {"type": "array", "items": {"$ref": "#/definitions/organization"}}
    if kind is Kind.terms:
        return {"type": "array", "items": {"$ref": "#/definitions/term"}}
    raise AssertionError(kind)  # pragma: no cover - every Kind is handled above


def _property(field: Field) -> dict[str, Any]:
    value = _value(field.kind)
    if field.required and field.kind in (Kind.plain, Kind.text, Kind.blocks):
        value["pattern"] = r"\S"  # a required text may not be blank
    if not field.required and field.kind is not Kind.terms:
        # The loader treats an empty (null) optional field as absent.
        if "anyOf" in value:
            value["anyOf"].append({"type": "null"})
        else:
            kinds = value["type"]
            value["type"] = [*kinds, "null"] if isinstance(kinds, list) else [kinds, "null"]
            if "enum" in value:
                value["enum"].append(None)
    return {**_describe(field), **value}


def _object(fields: dict[str, Field], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": {key: _property(field) for key, field in fields.items()},
        "required": [key for key, field in fields.items() if field.required],
        "additionalProperties": False,
    }


# The loader refuses a replacement on a term that is not deprecated; say so here too,
# so an editor flags the same files the build does.
_REPLACED_BY_NEEDS_DEPRECATED: dict[str, Any] = {
    "if": {"required": ["replaced_by"], "properties": {"replaced_by": {"minLength": 1}}},
    "then": {"required": ["status"], "properties": {"status": {"const": "deprecated"}}},
}


def generate() -> dict[str, Any]:
    """The JSON Schema of a database file."""
    top = _object(
        FILE_FIELDS, "A sphinx-termref term database file: a mapping with a list of terms."
    )
    return {
        "$schema": DIALECT,
        "title": "sphinx-termref term database",
        **top,
        "definitions": {
            "term": {
                **_object(TERM_FIELDS, "One term; only id and name are required."),
                **_REPLACED_BY_NEEDS_DEPRECATED,
            },
            "read_more": _object(READ_MORE_FIELDS, "The link shown under the background."),
            "organization": _object(ORGANIZATION_FIELDS, "An organization working on the term."),
        },
    }


def render() -> str:
    """The schema as the text of ``termref.schema.json``."""
    return json.dumps(generate(), indent=2, ensure_ascii=False) + "\n"
