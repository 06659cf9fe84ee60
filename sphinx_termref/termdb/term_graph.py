"""The terms a ``term-graph`` draws, and the lines between them.

A graph is either a term's neighbourhood (the terms a few steps away along the
chosen relations) or a set of terms (a category's, a tag's). Either way its lines
are every relation among its terms: broader to narrower (the hierarchy, which has
no cycle), and see-also, which joins two terms whichever of them names the other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from .database import TermDatabase
from .records import Term

#: The relations a graph can follow, in the order the docs list them.
RELATIONS = ("broader", "narrower", "see-also")
#: A line from a broader term to a narrower one.
HIERARCHY = "narrower"
#: A line between two terms that see each other.
SEE_ALSO = "see-also"


class Line(NamedTuple):
    """One line of the graph: ``upper`` is broader than ``lower`` (``HIERARCHY``),
    or the two see each other (``SEE_ALSO``, ``upper`` first in the graph)."""

    upper: str
    lower: str
    relation: str


class TermGraph(NamedTuple):
    #: The ids of the graph's terms: the focus first, then as they were reached.
    term_ids: list[str]
    lines: list[Line]
    #: The term whose neighbourhood this is; "" for a set of terms.
    focus: str


class Related:
    """Who is next to whom in ``database``, for the terms ``shown`` keeps (a hidden
    draft is never drawn, nor followed). ``lookup`` finds a see-also entry."""

    def __init__(
        self,
        database: TermDatabase,
        lookup: Callable[[str], Term | None],
        shown: Callable[[Term], bool],
    ) -> None:
        self.database = database
        self.shown = shown
        self._see_also: dict[str, dict[str, None]] = {}
        for term in database:
            for spelling in term.see_also:
                other = lookup(spelling)
                if other is not None and other.id != term.id:
                    self._see_also.setdefault(term.id, {})[other.id] = None
                    self._see_also.setdefault(other.id, {})[term.id] = None

    def next_to(self, term: Term, relation: str) -> list[Term]:
        if relation == "broader":
            found = self.database.broader(term)
        elif relation == "narrower":
            found = self.database.narrower(term)
        else:
            terms = self.database.terms
            found = [terms[i] for i in self._see_also.get(term.id, ())]
        return [other for other in found if self.shown(other)]

    def lines_among(self, term_ids: list[str], relations: Iterable[str]) -> list[Line]:
        """Every line between two of ``term_ids`` that ``relations`` draw."""
        chosen = set(relations)
        inside = {term_id: position for position, term_id in enumerate(term_ids)}
        terms = self.database.terms
        lines: list[Line] = []
        for term_id in term_ids:
            term = terms[term_id]
            if chosen & {"broader", "narrower"}:
                lines += [
                    Line(term_id, lower.id, HIERARCHY)
                    for lower in self.next_to(term, "narrower")
                    if lower.id in inside
                ]
        # A pair the hierarchy joins needs no see-also line beside its arrow (as the
        # SKOS export leaves out their skos:related, integrity condition S27).
        joined = {frozenset((line.upper, line.lower)) for line in lines}
        if SEE_ALSO in chosen:
            for term_id in term_ids:
                lines += [
                    Line(term_id, other.id, SEE_ALSO)
                    for other in self.next_to(terms[term_id], SEE_ALSO)
                    if inside.get(other.id, -1) > inside[term_id]  # each pair once
                    and frozenset((term_id, other.id)) not in joined
                ]
        return lines


def neighbourhood(
    related: Related, focus: Term, depth: int, relations: Iterable[str]
) -> TermGraph:
    """The terms at most ``depth`` steps from ``focus`` along ``relations``."""
    chosen = [relation for relation in RELATIONS if relation in set(relations)]
    reached = [focus.id]
    seen = {focus.id}
    frontier = [focus]
    for _ in range(depth):
        following: list[Term] = []
        for term in frontier:
            for relation in chosen:
                for other in related.next_to(term, relation):
                    if other.id not in seen:
                        seen.add(other.id)
                        reached.append(other.id)
                        following.append(other)
        frontier = following
    return TermGraph(reached, related.lines_among(reached, chosen), focus.id)


def among(related: Related, terms: list[Term], relations: Iterable[str]) -> TermGraph:
    """The graph of a set of terms: their hierarchy and see-also among them."""
    term_ids = [term.id for term in terms if related.shown(term)]
    return TermGraph(term_ids, related.lines_among(term_ids, relations), "")


class Item(NamedTuple):
    """A term in the graph's outline: how it relates to the item above it
    (``broader``, ``narrower``, ``see-also``; "" at the top), the items under it,
    and the lines the nesting does not show, as (relation, other term's id)."""

    term_id: str
    relation: str
    children: list[Item]
    more: list[tuple[str, str]]


def outline(graph: TermGraph) -> list[Item]:
    """The graph as nested lists, every term once and every line shown: the focus
    (or the set's top terms) at the top, the hierarchy under it, a term reached only
    by see-also under the term that sees it, and the remaining lines as ``more``."""
    lowers = {line.lower for line in graph.lines if line.relation == HIERARCHY}
    roots = [graph.focus] if graph.focus else [t for t in graph.term_ids if t not in lowers]
    placed = dict.fromkeys(roots)
    under: dict[str, list[tuple[str, str]]] = {}
    used: set[Line] = set()

    def attach(parent: str, child: str, relation: str, line: Line) -> None:
        placed[child] = None
        under.setdefault(parent, []).append((child, relation))
        used.add(line)

    def spread(start: list[str]) -> None:  # breadth first, along the hierarchy
        queue = list(start)
        while queue:
            term_id = queue.pop(0)
            for upward in (True, False):  # the broader terms first, as on the card
                for line in graph.lines:
                    if line.relation != HIERARCHY or line[1 if upward else 0] != term_id:
                        continue
                    other = line.upper if upward else line.lower
                    if other not in placed:
                        attach(term_id, other, "broader" if upward else "narrower", line)
                        queue.append(other)

    spread(roots)
    while len(placed) < len(graph.term_ids):
        joining = next(
            (
                (line, *ends)
                for line in graph.lines
                if line.relation == SEE_ALSO
                for ends in ((line.upper, line.lower), (line.lower, line.upper))
                if ends[0] in placed and ends[1] not in placed
            ),
            None,
        )
        if joining is None:  # not reached at all: a top of its own
            loose = next(t for t in graph.term_ids if t not in placed)
            roots.append(loose)
            placed[loose] = None
            spread([loose])
            continue
        line, seer, seen = joining
        attach(seer, seen, SEE_ALSO, line)
        spread([seen])
    position = {term_id: number for number, term_id in enumerate(placed)}
    more: dict[str, list[tuple[str, str]]] = {}
    for line in graph.lines:
        if line in used:
            continue
        first, second = sorted(line[:2], key=position.__getitem__)
        if line.relation == SEE_ALSO:
            relation = SEE_ALSO
        else:
            relation = "narrower" if first == line.upper else "broader"
        more.setdefault(first, []).append((relation, second))

    def item(term_id: str, relation: str) -> Item:
        children = [item(child, how) for child, how in under.get(term_id, [])]
        return Item(term_id, relation, children, more.get(term_id, []))

    return [item(root, "") for root in roots]
