"""``term-index :group-by: hierarchy``: the selected terms as a tree of nested lists.

Top terms (none of whose broader terms is selected) come first, A-Z; under each term
its narrower terms, by name. A term with several broader terms stands under each.
The database has dropped every cycle, and a path never repeats a term, so it ends.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes

from ..termdb.database import TermDatabase
from ..termdb.records import Term

#: Makes the list item of one term, without its narrower terms.
Entry = Callable[[Term, bool], nodes.definition_list_item]


def top_terms(terms: list[Term], database: TermDatabase) -> list[Term]:
    """The terms of ``terms`` (sorted) that stand at the top of the tree."""
    selected = {term.id for term in terms}
    return [t for t in terms if not any(b.id in selected for b in database.broader(t))]


def tree(
    terms: list[Term], database: TermDatabase, entry: Entry, classes: list[str]
) -> nodes.definition_list:
    """Nested definition lists; ``entry`` is told whether the term was placed before."""
    selected = {term.id for term in terms}
    placed: set[str] = set()

    def branch(level: list[Term], path: frozenset[str]) -> nodes.definition_list:
        entries = nodes.definition_list(classes=classes)
        for term in level:
            item = entry(term, term.id in placed)
            placed.add(term.id)
            below = [t for t in database.narrower(term) if t.id in selected and t.id not in path]
            if below:
                definition = item.next_node(nodes.definition)
                assert definition is not None  # every entry has one
                definition.append(branch(below, path | {term.id}))
            entries += item
        return entries

    return branch(top_terms(terms, database), frozenset())


def order(terms: list[Term], database: TermDatabase) -> list[Term]:
    """The terms in the tree's order, each once (cards have one place each)."""
    selected = {term.id: term for term in terms}
    result: dict[str, Term] = {}
    stack = list(reversed(top_terms(terms, database)))
    while stack:
        term = stack.pop()
        if term.id in result:
            continue
        result[term.id] = term
        below = [t for t in database.narrower(term) if t.id in selected]
        stack.extend(reversed(below))
    return list(result.values())
