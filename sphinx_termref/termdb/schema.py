"""The shape of a term database file: every field, its kind and whether it is required.

The loader validates against these tables, and docs/database.md documents them; keep the
three in step.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import NamedTuple


class Kind(Enum):
    """What a field holds."""

    slug = "slug"  # lowercase letters, digits and single hyphens
    text = "text"  # a string with reStructuredText inline markup
    blocks = "blocks"  # a string with reStructuredText block markup (block_markup)
    plain = "plain"  # a string shown as is
    spelling = "spelling"  # a string that finds the term: shown as is, never blank
    url = "url"  # a link target
    texts = "texts"  # a list of strings
    read_more = "read_more"  # a mapping of READ_MORE_FIELDS
    organizations = "organizations"  # a list of mappings of ORGANIZATION_FIELDS
    terms = "terms"  # a list of mappings of TERM_FIELDS
    labels = "labels"  # a list of reference labels, as ``.. _label:`` names them
    index = "index"  # a list of index entries in the ``.. index::`` syntax
    status = "status"  # one of STATUSES
    date = "date"  # a calendar date, YYYY-MM-DD
    flag = "flag"  # true or false


#: Ids a term cannot have: HTML output marks other links with the classes
#: ``termref--<word>``, the class that carries a term's tooltip and preview.
RESERVED_IDS = frozenset({"draft", "external", "no-card", "unknown"})


def slugify(text: str) -> str:
    """A slug suggestion for ``text``: ``'Mesa Optimization'`` -> ``'mesa-optimization'``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def id_problem(text: str, suggestion: str) -> str:
    """What is wrong with ``text`` as a term's id: not a slug, or a reserved word."""
    if text in RESERVED_IDS:
        return (
            f"id {text!r} is reserved: the extension marks other links with the class "
            f"'termref--{text}'; choose another id, for example '{text}-term'"
        )
    return (
        f"id {text!r} is not a slug: use lowercase letters, digits and single "
        f"hyphens, for example {suggestion!r}"
    )


class Field(NamedTuple):
    kind: Kind
    required: bool = False
    help: str = ""


#: Fields of one term, in the order the card shows them.
TERM_FIELDS: dict[str, Field] = {
    "id": Field(Kind.slug, True, "Stable identifier, e.g. ``mesa-optimization``."),
    "name": Field(Kind.plain, True, "Display name, e.g. ``Mesa-Optimization``."),
    "abbreviation": Field(
        Kind.spelling, help="Short form shown after the name and matched, e.g. ``RLHF``."
    ),
    "category": Field(Kind.plain, help="Category label shown above the name."),
    "summary": Field(Kind.text, help="Plain-language summary."),
    "technical_definition": Field(Kind.blocks, help="The precise definition."),
    "background": Field(Kind.blocks, help="Context and history."),
    "read_more": Field(Kind.read_more, help="Link shown under the background."),
    "aliases": Field(Kind.texts, help="Synonyms and aliases, shown and matched."),
    "hidden_aliases": Field(Kind.texts, help="Matched, never shown: misspellings, old names."),
    "broader": Field(
        Kind.texts,
        help="More general terms, by id, name or alias; their narrower terms follow from this.",
    ),
    "usage_note": Field(Kind.blocks, help="How to use the term."),
    "organizations": Field(Kind.organizations, help="Organizations working on it."),
    "see_also": Field(Kind.texts, help="Related terms, by id or alias."),
    "tags": Field(Kind.texts, help="Free labels for selecting terms in an index."),
    "labels": Field(Kind.labels, help="Labels that :ref: links to the card by: '.. _label:'."),
    "index": Field(Kind.index, help="General-index entries, as for '.. index::': 'pair: a; b'."),
    "status": Field(Kind.status, help="'draft', 'approved' (the default) or 'deprecated'."),
    "replaced_by": Field(
        Kind.plain, help="On a deprecated term: the id, name or alias of the term to use."
    ),
    "discouraged": Field(
        Kind.texts, help="Spellings that find the term but should not be written; never shown."
    ),
    "owner": Field(Kind.plain, help="Who answers for the definition: a person or team."),
    "reviewed": Field(Kind.date, help="The date of the last review, YYYY-MM-DD."),
    "autolink": Field(
        Kind.flag, help="false: mentions in prose are never linked (for everyday words)."
    ),
}

#: Keys that are never written because they follow from another field: each with the fix.
DERIVED_FIELDS: dict[str, str] = {
    "narrower": (
        "narrower terms are derived from 'broader': remove 'narrower' and write this term's "
        "id under 'broader' of each narrower term instead"
    ),
}

#: The values of ``status``; the first is the default.
STATUSES: tuple[str, ...] = ("approved", "draft", "deprecated")

#: The ``Term`` attribute of each field whose attribute has another name
#: (``Term.index`` would hide the ``index`` method of tuples).
RECORD_ATTRIBUTES: dict[str, str] = {"index": "index_entries"}


def record_attribute(field: str) -> str:
    """The ``Term`` attribute that holds the database field ``field``."""
    return RECORD_ATTRIBUTES.get(field, field)


READ_MORE_FIELDS: dict[str, Field] = {
    "url": Field(Kind.url, True, "Where the link goes."),
    "label": Field(Kind.plain, help="Link text; defaults to 'Read more'."),
}

ORGANIZATION_FIELDS: dict[str, Field] = {
    "name": Field(Kind.plain, True, "The organization's name."),
    "description": Field(Kind.text, help="What it does that relates to the term."),
    "url": Field(Kind.url, help="Its website."),
}

#: Keys allowed at the top of a database file.
FILE_FIELDS: dict[str, Field] = {
    "terms": Field(Kind.terms, True, "The list of terms."),
    "schema_version": Field(Kind.plain, help="Version of the JSON export's format; ignored."),
}

#: Card sections, in the order of the reference card; the keys of ``:sections:``.
SECTIONS: tuple[str, ...] = (
    "category",
    "summary",
    "technical-definition",
    "background",
    "aliases",
    "broader",
    "narrower",
    "usage-note",
    "organizations",
    "see-also",
    "referenced-in",
)


#: The blank lines before a text's first line.
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")


def trimmed(text: str, kind: Kind) -> str:
    """``text`` without the white space around it. Block markup keeps the indentation
    of its first line, which says where the first block is against the others: an
    indented first line is a block quote, as a glossary's definition may start."""
    if kind is Kind.blocks:
        return _LEADING_BLANK_LINES.sub("", text.rstrip())
    return text.strip()
