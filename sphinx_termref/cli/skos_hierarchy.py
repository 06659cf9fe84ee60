"""The hierarchy of a SKOS export: broader, narrower and top concepts, and the
``skos:related`` links that SKOS forbids beside them.

SKOS makes ``skos:related`` disjoint with ``skos:broaderTransitive`` (integrity
condition S27): two concepts are never both related and one above the other,
however far. A see-also between a term and one of its broader terms, or of its
narrower terms, at any depth, is therefore left out of the export, with a note.
"""

from __future__ import annotations

from ..termdb.database import TermDatabase
from ..termdb.records import Term


def ancestors(database: TermDatabase) -> dict[str, set[str]]:
    """Every term's broader terms at any depth, by id (the database has no cycle)."""
    found: dict[str, set[str]] = {}

    def above(term: Term) -> set[str]:
        if term.id not in found:
            found[term.id] = set()  # guards the walk, though the loader broke every cycle
            result: set[str] = set()
            for broader in database.broader(term):
                result.add(broader.id)
                result |= above(broader)
            found[term.id] = result
        return found[term.id]

    for term in database:
        above(term)
    return found


def related_ids(
    term: Term, database: TermDatabase, above: dict[str, set[str]], notes: list[str]
) -> list[str]:
    """The ids of ``term``'s see-also terms that SKOS lets be ``skos:related``."""
    kept: list[str] = []
    for spelling in term.see_also:
        found = database.lookup(spelling, inflect=True)
        if found is None or found.id in kept:
            continue
        if found.id in above[term.id]:
            how = "a broader term"
        elif term.id in above[found.id]:
            how = "a narrower term"
        else:
            kept.append(found.id)
            continue
        notes.append(
            f"term {term.id!r}: see-also {found.id!r} is {how} of it, and SKOS does not let "
            "a concept be related to one above or below it; skos:related left out"
        )
    return kept
