"""What the domain lists of its terms for ``objects.inv`` and the search index."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..termdb.database import TermDatabase
from .places import Place


def term_objects(
    database: TermDatabase, targets: Mapping[str, tuple[Any, ...]]
) -> Iterator[tuple[str, str, str, str, str, int]]:
    """Each term that a page shows under its name, and its other spellings as entries
    that search skips; ``targets`` is where each shown term's links go.

    Only the terms with a card or a term index: a term without one has no place to
    link to, and a large shared vocabulary would list tens of thousands of terms the
    project never shows (sorted by id, as Sphinx sorts what it writes anyway).
    """
    for term_id, fields in sorted(targets.items()):
        spellings = database.listed_spellings(term_id)
        if not spellings:
            continue
        place = Place._make(fields)
        docname, node_id = place.docname, place.node_id
        name, *others = spellings
        yield name, name, "term", docname, node_id, 1
        for spelling in others:
            yield spelling, "-", "term", docname, node_id, -1
