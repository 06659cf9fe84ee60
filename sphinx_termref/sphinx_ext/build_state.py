"""What one build keeps to compare with the next: the per-page data before this
build read anything, and what the last build stored of its database.

Both are views of the domain's data, which only the domain makes (``TermrefDomain``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from .places import PlaceFields, PlacesByPage, targets


class ReadState(NamedTuple):
    """The domain's per-page tables at one moment, and the document order then."""

    references: Mapping[str, list[tuple[Any, ...]]]
    cards: PlacesByPage
    listings: PlacesByPage
    doc_order: dict[str, int]

    def targets(self) -> dict[str, PlaceFields]:
        """Term id -> where references to it go (``places.targets``)."""
        return targets(self.cards, self.listings, self.doc_order)

    def referred(self, docs: Iterable[str]) -> set[str | None]:
        """The terms that ``docs`` refer to (None: a reference that found no term)."""
        return {term_id for doc in docs for _, term_id, _ in self.references.get(doc, ())}


class StoredDatabase(NamedTuple):
    """What a build stores of its database, to find what the next one changed."""

    #: Of the database files the digests were made from.
    fingerprint: str
    #: Term id -> the ``TermDigest`` fields of each term in play, pickled.
    digests: bytes
    #: Of which term each spelling found.
    spellings: str
    #: Whether ``digests`` holds every term of the database.
    every: bool
