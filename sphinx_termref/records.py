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


class Term(NamedTuple):
    """One validated term. Text fields hold reStructuredText inline markup."""

    id: str
    name: str
    category: str = ""
    summary: str = ""
    technical_definition: str = ""
    background: str = ""
    read_more: ReadMore | None = None
    aliases: tuple[str, ...] = ()
    hidden_aliases: tuple[str, ...] = ()
    usage_note: str = ""
    organizations: tuple[Organization, ...] = ()
    see_also: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    #: Reference labels, normalised as docutils normalises ``.. _label:`` names.
    labels: tuple[str, ...] = ()
    #: General-index entries, each as one line of ``.. index::`` (the ``index`` field).
    index_entries: tuple[str, ...] = ()
    #: Where the term is written: file and 1-based line.
    source: str = ""
    line: int = 0

    @property
    def location(self) -> str:
        return f"{self.source}:{self.line}"

    def content(self) -> tuple[object, ...]:
        """Everything a reader sees of the term, without where it is written."""
        return tuple(self[:-2])

    def link_content(self) -> tuple[object, ...]:
        """What a link to the term shows (its tooltip and its hover preview), and the
        labels that ``:ref:`` links to it by."""
        return self.id, self.name, self.category, self.summary, self.aliases, self.labels
