"""The term database: the terms of every file, merged and indexed.

A database is immutable once built; ``loading`` makes it from the files.
"""

from __future__ import annotations

import functools
import hashlib
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from typing import NamedTuple, TypeVar

from ..warnings import Problem, Subtype
from . import hierarchy
from .matching import closest, inflections, normalise
from .records import Term
from .shelf import Shelf, shelved

V = TypeVar("V")


class TermDigest(NamedTuple):
    """Digests of a term, to tell which pages a change to it affects."""

    #: Everything a card shows.
    whole: str
    #: What the page of a link to the term shows (``Term.link_content``).
    links: str
    #: What the link's tooltip and preview show (``Term.tooltip_content``).
    tooltip: str


def _digest(content: tuple[object, ...]) -> str:
    return hashlib.blake2b(repr(content).encode(), digest_size=12).hexdigest()


class TermDatabase:
    """All terms by id, and every name, abbreviation, alias and id by its normalised key."""

    def __init__(self, terms: Iterable[Term] = (), problems: Sequence[Problem] = ()) -> None:
        #: Dicts while the database is made; ``shelf.Shelf``s once read from the cache.
        self.terms: Mapping[str, Term] = {}
        self.problems: list[Problem] = list(problems)
        # Normalised key -> the term that owns it, and how that term spelled it. Two
        # dicts of strings, not one of tuples: Python's collector never tracks them.
        self._owners: Mapping[str, str] = {}
        self._spellings: Mapping[str, str] = {}
        #: Term id -> ``Term.listed_spellings``: the inventory of a build that shows
        #: every term unpickles these tuples of strings, not 10,000 terms (whose
        #: objects were one more full pass of Python's collector in a no-op build).
        self._listed: Mapping[str, tuple[str, ...]] = {}
        #: The normalised keys of discouraged spellings.
        self._discouraged: set[str] = set()
        #: Term id -> its ``TermDigest`` fields, made once per database (``digest``):
        #: shelved, so that a build reads the digests of the terms its pages use.
        self._digests: Mapping[str, tuple[str, str, str]] | None = None
        self._spellings_digest = ""
        #: Resolved ``broader`` entries and their inverse, as ids (``_check_hierarchy``).
        self._broader: dict[str, tuple[str, ...]] = {}
        self._narrower: dict[str, tuple[str, ...]] = {}
        #: Label -> the id of the term it names.
        self.labels: dict[str, str] = {}
        #: Identifies the files' bytes this database was made from (set by ``loading.parse``).
        self.fingerprint = ""
        for term in terms:
            self._add(term)
        self._check_replacements()
        self._check_hierarchy()
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
        spellings = (
            term.id,
            term.name,
            *filter(None, [term.abbreviation]),
            *term.aliases,
            *term.hidden_aliases,
            *term.discouraged,
        )
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
        self._made(self._owners).update(dict.fromkeys(kept, term.id))
        self._made(self._spellings).update(kept)
        self._discouraged.update(
            key for key, spelling in kept.items() if spelling in term.discouraged
        )
        if dropped:
            term = term._replace(
                abbreviation="" if term.abbreviation in dropped else term.abbreviation,
                aliases=tuple(a for a in term.aliases if a not in dropped),
                hidden_aliases=tuple(a for a in term.hidden_aliases if a not in dropped),
                discouraged=tuple(a for a in term.discouraged if a not in dropped),
            )
        labels = [label for label in term.labels if self._free_label(term, label)]
        if len(labels) < len(term.labels):
            term = term._replace(labels=tuple(labels))
        self.labels.update(dict.fromkeys(labels, term.id))
        self._made(self.terms)[term.id] = term
        self._made(self._listed)[term.id] = term.listed_spellings()

    @staticmethod
    def _made(table: Mapping[str, V]) -> MutableMapping[str, V]:
        """A table of the database while it is made (a dict; never a ``Shelf``)."""
        assert isinstance(table, dict)
        return table

    def __getstate__(self) -> dict[str, object]:
        """The large tables as shelves, so that a build that uses a few terms
        unpickles little more than those (``shelf``)."""
        state = dict(self.__dict__)
        state["terms"] = shelved(self.terms, 8)
        state["_owners"] = shelved(self._owners, 32)
        state["_spellings"] = shelved(self._spellings, 32)
        state["_listed"] = shelved(self._listed, 32)
        state["_digests"] = shelved(self._all_digests(), 32)
        return state

    def recover_with(
        self, reload: Callable[[], TermDatabase], note: Callable[[str], None]
    ) -> None:
        """Where the shelves of a cached database take their tables from if a part of
        the cache file turns out to be damaged: ``reload`` reads the files, once, and
        ``note`` hears why, once."""
        reloaded: list[TermDatabase] = []

        def table(name: str, why: str) -> Mapping[str, object]:
            if not reloaded:
                note(why)
                reloaded.append(reload())
            database = reloaded[0]  # its digests are made when first asked for
            found = database._all_digests() if name == "_digests" else getattr(database, name)
            return found

        for name in ("terms", "_owners", "_spellings", "_listed", "_digests"):
            shelf = getattr(self, name)
            if isinstance(shelf, Shelf):
                shelf.recover = functools.partial(table, name)

    def _check_replacements(self) -> None:
        """Each ``replaced_by`` names another term, and its chain ends at a term in use;
        a broken one is reported and dropped, so no link leads nowhere."""
        broken: dict[str, str] = {}  # id -> why
        for term in self:
            if not term.replaced_by:
                continue
            target = self.lookup(term.replaced_by)
            if target is None:
                suggestions = self.suggestions(term.replaced_by)
                hint = (
                    f"; did you mean {' or '.join(map(repr, suggestions))}?" if suggestions else ""
                )
                broken[term.id] = (
                    f"'replaced_by' of term {term.id!r} is {term.replaced_by!r}, which is not "
                    f"in the term database{hint}"
                )
            elif target.id == term.id:
                broken[term.id] = (
                    f"'replaced_by' of term {term.id!r} names the term itself; name the term "
                    "to use instead"
                )
        reported_cycles: set[str] = set()
        for term in list(self):
            if not term.replaced_by or term.id in broken:
                continue
            chain = [term.id]
            current = term
            while True:
                target = self.lookup(current.replaced_by)
                if target is None or target.id in broken:
                    break  # reported at that term
                if target.id in chain:
                    cycle = chain[chain.index(target.id) :]
                    if not reported_cycles & set(cycle):
                        reported_cycles.update(cycle)
                        names = " -> ".join(map(repr, [*cycle, target.id]))
                        first = self.terms[cycle[0]]
                        self.problems.append(
                            Problem(
                                Subtype.schema,
                                first.source,
                                first.field_line("replaced_by"),
                                0,
                                f"the replacements of terms form a cycle: {names}; "
                                "end the chain at a term that is not deprecated",
                            )
                        )
                    break
                if target.status != "deprecated":
                    break
                if not target.replaced_by:
                    broken[term.id] = (
                        f"the replacements of term {term.id!r} end at {target.id!r}, which is "
                        "deprecated and names no replacement; end the chain at a term that is "
                        "not deprecated"
                    )
                    break
                chain.append(target.id)
                current = target
        for term_id, why in broken.items():
            term = self.terms[term_id]
            self.problems.append(
                Problem(Subtype.schema, term.source, term.field_line("replaced_by"), 0, why)
            )
        for term_id in (*broken, *reported_cycles):
            self._made(self.terms)[term_id] = self.terms[term_id]._replace(replaced_by="")

    def _check_hierarchy(self) -> None:
        """Resolve ``broader`` once; entries that name no term, the term itself or close
        a cycle are reported and dropped from the terms."""
        found = hierarchy.build(
            self.terms,
            lambda spelling: self.lookup(spelling, inflect=True),
            self.suggestions,
            _spelling_place,
        )
        self.problems += found.problems
        self._broader = found.broader
        self._narrower = found.narrower
        for term in list(self):
            kept = found.kept.get(term.id, ())
            if term.broader and kept != term.broader:
                self._made(self.terms)[term.id] = term._replace(broader=kept)

    def broader(self, term: Term) -> list[Term]:
        """The more general terms of ``term``, in the order written."""
        return [self.terms[term_id] for term_id in self._broader.get(term.id, ())]

    def narrower(self, term: Term) -> list[Term]:
        """The terms that name ``term`` as broader, by name."""
        return [self.terms[term_id] for term_id in self._narrower.get(term.id, ())]

    def replacement(self, term: Term) -> Term | None:
        """The term to use instead of ``term``: the end of its chain of replacements."""
        seen = {term.id}
        while term.replaced_by:
            target = self.lookup(term.replaced_by)
            if target is None or target.id in seen:
                return None
            seen.add(target.id)
            term = target
        return term if len(seen) > 1 else None

    def listed_spellings(self, term_id: str) -> tuple[str, ...]:
        """``Term.listed_spellings`` of the term ``term_id``; empty if there is none."""
        # A term a page showed is unpickled already: no shard of the table to read.
        term = self.terms.get_read(term_id) if isinstance(self.terms, Shelf) else None
        return term.listed_spellings() if term else self._listed.get(term_id, ())

    def is_discouraged(self, spelling: str, inflect: bool = False) -> bool:
        """Whether ``spelling`` finds its term by one of the term's discouraged spellings."""
        key = normalise(spelling)
        if key in self._owners:
            return key in self._discouraged
        if inflect:
            key = next((k for k in inflections(key) if k in self._owners), "")
            return key in self._discouraged
        return False

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
        if not self._spellings_digest:
            owners = sorted(self._owners.items())
            self._spellings_digest = _digest(tuple(owners))
        return self._spellings_digest

    def _card_content(self, term: Term) -> tuple[object, ...]:
        """What the card shows: the term, the name of its replacement in the banner,
        the names and statuses of its see-also terms (a status is marked there), and
        of its broader and narrower terms."""
        replacement = self.replacement(term) if term.replaced_by else None
        content = (*term.content(), replacement.name) if replacement else term.content()
        # With inflections, as a project may find them: at worst a page is read again.
        related = [self.lookup(spelling, inflect=True) for spelling in term.see_also]
        shown = tuple((found.name, found.status) for found in related if found)
        content = (*content, shown) if shown else content
        # BROADER and NARROWER show names and statuses; narrower is written elsewhere.
        hierarchy = tuple(
            tuple((other.id, other.name, other.status) for other in terms)
            for terms in (self.broader(term), self.narrower(term))
        )
        return (*content, hierarchy) if any(hierarchy) else content

    def _all_digests(self) -> Mapping[str, tuple[str, str, str]]:
        if self._digests is None:
            self._digests = {
                term.id: (
                    _digest(self._card_content(term)),
                    _digest(term.link_content()),
                    _digest(term.tooltip_content()),
                )
                for term in self
            }
        return self._digests

    def digest(self, term_id: str) -> TermDigest | None:
        """The digests of the term ``term_id``; None if there is none."""
        found = self._all_digests().get(term_id)
        return TermDigest._make(found) if found is not None else None

    def digests(self) -> dict[str, TermDigest]:
        """The digests of every term, by id."""
        return {key: TermDigest._make(value) for key, value in self._all_digests().items()}


def _spelling_place(term: Term, spelling: str, field: str | None = None) -> tuple[int, int]:
    """(line, column) where ``term`` writes ``spelling``; only collisions ask."""
    from .spelling_places import spelling_place  # reads the file again: a rare path

    return spelling_place(term, spelling, field)


def _place(term: Term, spelling: str, field: str | None = None) -> str:
    """``file:line:column`` where ``term`` writes ``spelling``."""
    line, column = _spelling_place(term, spelling, field)
    return f"{term.source}:{line}:{column}" if column else f"{term.source}:{line}"
