"""Immutable records of the term database; they pickle cleanly into the environment."""

from __future__ import annotations

from typing import NamedTuple


class ReadMore(NamedTuple):
    url: str
    label: str


class Organization(NamedTuple):
    name: str
    description: str
    url: str


#: The fields whose own line a term keeps, in the order of ``Term.lines``, so a warning
#: about text inside one of them points at it (by the record's attribute names).
LINED_FIELDS = (
    "summary",
    "technical_definition",
    "background",
    "usage_note",
    "see_also",
    "labels",
    "index_entries",
    "read_more",
    "status",
    "replaced_by",
    "discouraged",
    "reviewed",
    "broader",
)
_LINED_INDEX = {field: index for index, field in enumerate(LINED_FIELDS)}


class Term(NamedTuple):
    """One validated term. Text fields hold reStructuredText inline markup."""

    id: str
    name: str
    #: A short form, shown after the name ("RLHF"), that finds the term like an alias.
    abbreviation: str = ""
    category: str = ""
    summary: str = ""
    technical_definition: str = ""
    background: str = ""
    read_more: ReadMore | None = None
    aliases: tuple[str, ...] = ()
    hidden_aliases: tuple[str, ...] = ()
    #: More general terms, as written (ids, names or aliases); the database resolves them.
    broader: tuple[str, ...] = ()
    usage_note: str = ""
    organizations: tuple[Organization, ...] = ()
    see_also: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    #: Reference labels, normalised as docutils normalises ``.. _label:`` names.
    labels: tuple[str, ...] = ()
    #: General-index entries, each as one line of ``.. index::`` (the ``index`` field).
    index_entries: tuple[str, ...] = ()
    #: ``approved``, ``draft`` or ``deprecated``.
    status: str = "approved"
    #: The term to use instead, as written (an id, name or alias); only when deprecated.
    replaced_by: str = ""
    #: Spellings that find the term but should not be written.
    discouraged: tuple[str, ...] = ()
    owner: str = ""
    #: The date of the last review, ``YYYY-MM-DD``.
    reviewed: str = ""
    #: Whether ``termref_autolink`` may link mentions of the term in prose.
    autolink: bool = True
    #: Where the term is written: file and 1-based line.
    source: str = ""
    line: int = 0
    #: Where each field is written, as lines below ``line``: one per ``LINED_FIELDS``
    #: item, then one per organization (its description); 0 or missing: ``line``.
    #: Small integers in one tuple, which CPython shares and its collector skips.
    lines: tuple[int, ...] = ()

    @property
    def location(self) -> str:
        return f"{self.source}:{self.line}"

    def field_line(self, field: str, organization: int | None = None) -> int:
        """The line of ``field`` (the ``organization``-th one's description for
        ``organizations``), or the term's own line when it is not known."""
        if organization is not None:
            index = len(LINED_FIELDS) + organization
        else:
            index = _LINED_INDEX.get(field, len(self.lines))
        return self.line + (self.lines[index] if index < len(self.lines) else 0)

    def field_location(self, field: str, organization: int | None = None) -> str:
        """``file:line`` of ``field``, where a warning about its text points."""
        return f"{self.source}:{self.field_line(field, organization)}"

    def content(self) -> tuple[object, ...]:
        """Everything a reader sees of the term, without where it is written."""
        return tuple(self[:-3])

    def link_content(self) -> tuple[object, ...]:
        """What the page of a link to the term shows of it: the name, which an
        abbreviation written out on first use puts before it, the labels that
        ``:ref:`` links to it by, and the status (a hidden draft is not linked).
        Its other spellings are the spelling index's (``spellings_digest``)."""
        return (self.id, self.name, self.labels, self.status)

    def listed_spellings(self) -> tuple[str, ...]:
        """What ``objects.inv`` lists of the term: its name, then each other spelling
        a link may find it by (id, abbreviation, aliases), once."""
        others = (self.id, self.abbreviation, *self.aliases, *self.hidden_aliases)
        return (self.name, *(s for s in dict.fromkeys(others) if s and s != self.name))

    def tooltip_content(self) -> tuple[object, ...]:
        """What a link's tooltip and hover preview show: on the term stylesheet, not
        on the page, except where a reference is not a link (a term no page shows)."""
        return (self.name, self.abbreviation, self.category, self.summary, self.aliases)
