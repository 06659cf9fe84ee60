"""Where cards and index entries stand, which of them references go to, and the
references a page writes.

The environment stores each place as a plain tuple of ``Place``'s fields: Python's
collector stops tracking tuples of strings and numbers, and a project has
thousands of cards. Only this module and the domain unpack them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple


class Place(NamedTuple):
    """Where a card or an index entry stands."""

    docname: str
    node_id: str
    line: int
    #: Cards: False when marked ``:no-index:``. Listings: True when a full card is shown.
    indexed: bool


class Reference(NamedTuple):
    """One term reference on a page, as written."""

    spelling: str
    term_id: str | None  # None: no local term matched when the page was read
    line: int


#: A ``Place`` as the environment stores it: a plain tuple of its fields.
PlaceFields = tuple[str, str, int, bool]
#: docname -> (term id, place) for each card or listing on the page.
PlacesByPage = Mapping[str, list[tuple[str, PlaceFields]]]


def places_by_term(per_page: PlacesByPage) -> dict[str, list[Place]]:
    """Term id -> places, from the per-page table of cards or listings."""
    index: dict[str, list[Place]] = {}
    for entries in per_page.values():
        for term_id, place in entries:
            index.setdefault(term_id, []).append(Place._make(place))
    return index


def document_order(
    root_doc: str, toctree_includes: Mapping[str, list[str]], all_docs: Iterable[str]
) -> dict[str, int]:
    """Docname -> its number in the order a reader meets it in the toctree.

    Documents that no toctree includes follow, by name.
    """
    order: dict[str, int] = {}
    stack = [root_doc]
    while stack:
        doc = stack.pop()
        if doc in order:
            continue
        order[doc] = len(order)
        stack.extend(reversed(toctree_includes.get(doc, [])))
    for doc in sorted(all_docs):
        order.setdefault(doc, len(order))
    return order


def position(doc_order: dict[str, int], place: Place) -> tuple[int, str, int]:
    """Where ``place`` comes in reading order: its page in the toctree, then its line."""
    return doc_order.get(place.docname, len(doc_order)), place.docname, place.line


def targets(
    cards: PlacesByPage, listings: PlacesByPage, doc_order: dict[str, int]
) -> dict[str, PlaceFields]:
    """Term id -> where references to it go, from the per-page tables of cards and
    listings: the canonical card, or else the first listing, those that show the
    full card before one-line index entries.

    The places stay plain tuples of ``Place``'s fields, which Python's collector
    stops tracking; this runs on every build that lists the terms.
    """
    best: dict[str, tuple[tuple[int, bool, int, str, int], PlaceFields]] = {}
    last = len(doc_order)
    for rank, table in enumerate((cards, listings)):
        for docname, entries in table.items():
            order = doc_order.get(docname, last)
            for term_id, place in entries:
                _, _, line, shows_card = place  # Place's fields: indexed is shows_card
                if rank == 0 and not shows_card:
                    continue  # a :no-index: card is never a target
                key = (rank, not shows_card, order, docname, line)
                if term_id not in best or key < best[term_id][0]:
                    best[term_id] = (key, place)
    return {term_id: place for term_id, (_, place) in best.items()}
