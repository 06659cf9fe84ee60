"""The term database: the terms of every file, merged and indexed.

A database is immutable once built; ``loading`` makes it from the files.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from ..warnings import Problem, Subtype
from .matching import closest, inflections, normalise
from .records import Term


class TermDigest(NamedTuple):
    """Digests of a term, to tell which pages a change to it affects."""

    #: Everything a card shows.
    whole: str
    #: What a link to the term shows (``Term.link_content``).
    links: str


def _digest(content: tuple[object, ...]) -> str:
    return hashlib.blake2b(repr(content).encode(), digest_size=12).hexdigest()


class TermDatabase:
    """All terms by id, and every name, alias and id by its normalised key."""

    def __init__(self, terms: Iterable[Term] = (), problems: Sequence[Problem] = ()) -> None:
        self.terms: dict[str, Term] = {}
        self.problems: list[Problem] = list(problems)
        # Normalised key -> the term that owns it, and how that term spelled it. Two
        # dicts of strings, not one of tuples: Python's collector never tracks them.
        self._owners: dict[str, str] = {}
        self._spellings: dict[str, str] = {}
        self._digests: dict[str, TermDigest] | None = None
        #: Label -> the id of the term it names.
        self.labels: dict[str, str] = {}
        #: Identifies the files' bytes this database was made from (set by ``loading.parse``).
        self.fingerprint = ""
        for term in terms:
            self._add(term)
        if "sphinx_termref.termdb.spelling_places" in sys.modules:  # a collision read files again
            sys.modules["sphinx_termref.termdb.spelling_places"].forget()

    def _add(self, term: Term) -> None:
        if term.id in self.terms:
            first = self.terms[term.id]
            self.problems.append(
                Problem(
                    Subtype.duplicate_id,
                    term.source,
                    term.line,
                    0,
                    f"term id {term.id!r} is already used by the term at {first.location}; "
                    "give one of them another id (this one is skipped)",
                )
            )
            return
        # The id first: a key's first spelling is what suggestions show.
        spellings = (term.id, term.name, *term.aliases, *term.hidden_aliases)
        kept: dict[str, str] = {}
        dropped: set[str] = set()
        for spelling in spellings:
            key = normalise(spelling)
            owner = self._owners.get(key)
            if owner is None:
                kept.setdefault(key, spelling)
                continue
            dropped.add(spelling)
            theirs = self._spellings[key]
            where = _place(self.terms[owner], theirs)
            self.problems.append(
                Problem(
                    Subtype.collision,
                    term.source,
                    *_spelling_place(term, spelling),
                    f"{spelling!r} of term {term.id!r} matches {theirs!r} of "
                    f"term {owner!r} (at {where}); references could not tell them apart: "
                    "rename or remove one of them",
                )
            )
        if term.id in dropped or term.name in dropped:
            return  # the term cannot be referred to safely by its own id or name
        self._owners.update(dict.fromkeys(kept, term.id))
        self._spellings.update(kept)
        if dropped:
            term = term._replace(
                aliases=tuple(a for a in term.aliases if a not in dropped),
                hidden_aliases=tuple(a for a in term.hidden_aliases if a not in dropped),
            )
        labels = [label for label in term.labels if self._free_label(term, label)]
        if len(labels) < len(term.labels):
            term = term._replace(labels=tuple(labels))
        self.labels.update(dict.fromkeys(labels, term.id))
        self.terms[term.id] = term

    def _free_label(self, term: Term, label: str) -> bool:
        """Whether no other term has ``label``; a problem when one has."""
        owner = self.labels.get(label)
        if owner is None:
            return True
        self.problems.append(
            Problem(
                Subtype.collision,
                term.source,
                *_spelling_place(term, label, "labels"),
                f"label {label!r} of term {term.id!r} is a label of term {owner!r} already "
                f"(at {_place(self.terms[owner], label, 'labels')}); a label links to one "
                "place: remove it from one of them",
            )
        )
        return False

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms.values())

    def lookup(self, spelling: str, inflect: bool = False) -> Term | None:
        """The term whose id, name or alias matches ``spelling``, if any.

        With ``inflect``, a spelling that matches nothing exactly may match in the
        other grammatical number (``ontologies`` -> ``ontology``); an exact match
        always wins, so inflection never shadows another term.
        """
        key = normalise(spelling)
        owner = self._owners.get(key)
        if owner is None and inflect:
            owner = next(filter(None, map(self._owners.get, inflections(key))), None)
        return self.terms[owner] if owner else None

    def suggestions(self, spelling: str, limit: int = 3) -> list[str]:
        """Spellings of the terms closest to ``spelling``, one per term, best first."""
        seen: set[str] = set()
        result: list[str] = []
        for key in closest(normalise(spelling), self._owners, limit=limit * 3):
            if self._owners[key] not in seen:
                seen.add(self._owners[key])
                result.append(self._spellings[key])
        return result[:limit]

    def spellings_digest(self) -> str:
        """A digest of which term every spelling finds: equal digests, equal lookups."""
        owners = sorted(self._owners.items())
        return _digest(tuple(owners))

    def digests(self) -> dict[str, TermDigest]:
        """The digests of each term, by id; computed once per database."""
        if self._digests is None:
            self._digests = {
                term.id: TermDigest(_digest(term.content()), _digest(term.link_content()))
                for term in self
            }
        return self._digests


def _spelling_place(term: Term, spelling: str, field: str | None = None) -> tuple[int, int]:
    """(line, column) where ``term`` writes ``spelling``; only collisions ask."""
    from .spelling_places import spelling_place  # reads the file again: a rare path

    return spelling_place(term, spelling, field)


def _place(term: Term, spelling: str, field: str | None = None) -> str:
    """``file:line:column`` where ``term`` writes ``spelling``."""
    line, column = _spelling_place(term, spelling, field)
    return f"{term.source}:{line}:{column}" if column else f"{term.source}:{line}"
