"""Broader and narrower terms: ``broader`` resolved, checked and inverted.

Only ``broader`` is written; ``narrower`` is its inverse. An entry that names no
term, the term itself, or closes a cycle is reported and dropped, so the hierarchy
that remains has no loop: whatever walks it ends.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

from ..warnings import Problem, Subtype, unknown_term
from .matching import normalise
from .records import Term

#: Where ``term`` writes ``spelling`` in ``field``: (line, column).
Place = Callable[[Term, str, str], tuple[int, int]]


class Hierarchy(NamedTuple):
    """The resolved hierarchy: ids by id, each tuple in the order written (broader)
    or by name (narrower)."""

    broader: dict[str, tuple[str, ...]]
    narrower: dict[str, tuple[str, ...]]
    problems: list[Problem]
    #: The spellings each term keeps in ``broader`` (the others were dropped).
    kept: dict[str, tuple[str, ...]]


def build(
    terms: Mapping[str, Term],
    lookup: Callable[[str], Term | None],
    suggestions: Callable[[str], list[str]],
    place: Place,
) -> Hierarchy:
    """Resolve every ``broader`` entry of ``terms`` and check the result."""
    problems: list[Problem] = []
    # id -> [(broader id, spelling as written)], in the order written.
    edges: dict[str, list[tuple[str, str]]] = {}
    for term in terms.values():
        if not term.broader:
            continue
        resolved: dict[str, str] = {}
        for spelling in term.broader:
            target = lookup(spelling)
            if target is None:
                what = f"broader term {spelling!r} of term {term.id!r}"
                # Not the term itself: it cannot be its own broader term.
                others = [s for s in suggestions(spelling) if _id(lookup(s)) != term.id]
                problems.append(
                    _problem(
                        Subtype.unknown,
                        term,
                        spelling,
                        place,
                        unknown_term(what, others),
                    )
                )
            elif target.id == term.id:
                problems.append(
                    _problem(
                        Subtype.hierarchy,
                        term,
                        spelling,
                        place,
                        f"'broader' of term {term.id!r} names the term itself ({spelling!r}); "
                        "a term is not broader than itself: remove the entry",
                    )
                )
            else:
                resolved.setdefault(target.id, spelling)
        if resolved:
            edges[term.id] = list(resolved.items())
    problems += _break_cycles(terms, edges, place)
    broader = {
        term_id: tuple(t for t, _ in targets) for term_id, targets in edges.items() if targets
    }
    narrower_lists: dict[str, list[str]] = {}
    for term_id, broader_ids in broader.items():
        for broader_id in broader_ids:
            narrower_lists.setdefault(broader_id, []).append(term_id)
    narrower = {
        term_id: tuple(sorted(ids, key=lambda i: (normalise(terms[i].name), i)))
        for term_id, ids in narrower_lists.items()
    }
    kept = {term_id: tuple(s for _, s in targets) for term_id, targets in edges.items()}
    return Hierarchy(broader, narrower, problems, kept)


def _break_cycles(
    terms: Mapping[str, Term], edges: dict[str, list[tuple[str, str]]], place: Place
) -> list[Problem]:
    """Report each cycle, naming its terms, and drop the entry that closes it.

    A depth-first walk in file order, without recursion (chains may be long): an
    entry that leads back to a term on the current path closes a cycle.
    """
    problems: list[Problem] = []
    done: set[str] = set()
    for start in edges:
        if start in done:
            continue
        path: list[str] = [start]
        on_path = {start}
        # The next entry to follow of each term on the path.
        positions = [0]
        while path:
            current = path[-1]
            targets = edges.get(current, [])
            if positions[-1] >= len(targets):
                done.add(current)
                on_path.discard(current)
                path.pop()
                positions.pop()
                continue
            target, spelling = targets[positions[-1]]
            if target in on_path:
                cycle = path[path.index(target) :]
                names = " -> ".join(map(repr, [*cycle, target]))
                term = terms[current]
                problems.append(
                    _problem(
                        Subtype.hierarchy,
                        term,
                        spelling,
                        place,
                        f"the broader terms form a cycle: {names}; a term cannot be broader "
                        f"than itself: remove one of these entries ({spelling!r} in 'broader' "
                        f"of term {current!r} is ignored)",
                    )
                )
                del targets[positions[-1]]
                continue
            positions[-1] += 1
            if target not in done:
                path.append(target)
                on_path.add(target)
                positions.append(0)
    return problems


def _problem(subtype: Subtype, term: Term, spelling: str, place: Place, message: str) -> Problem:
    line, column = place(term, spelling, "broader")
    return Problem(subtype, term.source, line, column, message)


def _id(term: Term | None) -> str:
    return term.id if term else ""
