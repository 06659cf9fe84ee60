"""Reading a SKOS concept scheme into database terms, with rdflib.

Each ``skos:Concept`` (by its type, ``skos:inScheme``, ``skos:topConceptOf``, or a
scheme's ``skos:hasTopConcept``) becomes a term. Text is taken in one language:
the ``language`` asked for, else the labels without a language tag, else the
language most of the ``prefLabel`` values have. Long text is escaped so it shows
as written (``rst_escape``). Whatever is not carried over is a note naming the
concept and what was left out; nothing is dropped without one. A ``broader`` that
would make a cycle is left out, as the database would leave it out.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS
from rdflib.term import Node

from ..termdb.matching import normalise
from . import rst_escape
from .glossary_ids import plain_slug, spelled_slug

#: ``--format``, and the rdflib parser of each.
FORMATS = {"turtle": "turtle", "rdf-xml": "xml", "json-ld": "json-ld"}
#: SKOS text properties, and the field each becomes with how it is escaped.
_TEXTS = {
    SKOS.definition: ("technical_definition", rst_escape.blocks),
    SKOS.note: ("summary", rst_escape.inline),
    SKOS.historyNote: ("background", rst_escape.blocks),
    SKOS.scopeNote: ("usage_note", rst_escape.blocks),
}
_LABELS = {SKOS.altLabel: "aliases", SKOS.hiddenLabel: "hidden_aliases"}
#: Structure that the import itself stands for.
_STRUCTURE = {SKOS.inScheme, SKOS.topConceptOf}


class SkosError(ValueError):
    """A file that cannot be read as RDF, with the reason."""


def read_graph(path: Path, format: str) -> Graph:
    graph = Graph()
    try:
        with warnings.catch_warnings():  # rdflib's JSON-LD parser uses its own deprecated API
            warnings.simplefilter("ignore", DeprecationWarning)
            graph.parse(str(path), format=FORMATS[format])
    except Exception as exc:  # rdflib's parsers raise many kinds; each is a bad file
        detail = " ".join(str(exc).split()) or type(exc).__name__
        raise SkosError(f"{path}: cannot read it as {format}: {detail}") from exc
    return graph


def _folded(text: str) -> str:
    return " ".join(text.split())


class Importer:
    """The terms of ``graph`` (``entries``) and what was left out (``notes``)."""

    def __init__(self, graph: Graph, language: str | None = None) -> None:
        self.graph = graph
        self.notes: list[str] = []
        self.schemes = set(graph.subjects(RDF.type, SKOS.ConceptScheme))
        #: Every concept of the file, and those that become terms (those with a name).
        self.found = self._find_concepts()
        self.concepts = list(self.found)
        self.language = self._language(language)
        self.left_out: dict[Node, list[str]] = {}
        self.ids: dict[Node, str] = {}
        self.labels: dict[Node, list[str]] = {}
        #: Each concept's broader concepts (``skos:broader``, and ``skos:narrower`` read back).
        self.broader: dict[Node, list[Node]] = {}
        #: The aliases and hidden aliases of the entry being made.
        self.entry_spellings: list[str] = []
        self.entries: list[dict[str, Any]] = []
        self._convert()

    # -- what the graph holds ------------------------------------------------

    def _find_concepts(self) -> list[Node]:
        graph = self.graph
        found: set[Node] = set(graph.subjects(RDF.type, SKOS.Concept))
        found.update(graph.subjects(SKOS.inScheme, None))
        found.update(graph.subjects(SKOS.topConceptOf, None))
        found.update(graph.objects(None, SKOS.hasTopConcept))
        found.update(graph.subjects(SKOS.prefLabel, None))
        found -= self.schemes
        return sorted(found, key=str)

    def _language(self, asked: str | None) -> str:
        if asked is not None:
            return asked.lower()
        tags = Counter(
            (label.language or "").lower()
            for concept in self.found
            for label in self.graph.objects(concept, SKOS.prefLabel)
            if isinstance(label, Literal)
        )
        if not tags or "" in tags:
            return ""
        language = max(sorted(tags), key=lambda tag: tags[tag])
        self.notes.append(f"no --language given: the labels are read in {language!r}")
        return language

    def property(self, node: Node) -> str:
        """A property by its prefixed name where the file has a prefix for it."""
        try:
            prefix, _, name = self.graph.compute_qname(str(node), generate=False)
        except (KeyError, ValueError):
            return node.n3()
        return f"{prefix}:{name}"

    def leave_out(self, concept: Node, predicate: Node, value: Node, why: str = "") -> None:
        what = f"{self.property(predicate)} {_show(value)}"
        self.left_out.setdefault(concept, []).append(f"{what} ({why})" if why else what)

    def texts(self, concept: Node, predicate: Node) -> list[str]:
        """The values of ``predicate`` in the language, sorted; others are left out."""
        found = []
        for value in self.graph.objects(concept, predicate):
            if not isinstance(value, Literal):
                self.leave_out(concept, predicate, value, "not text")
            elif (value.language or "").lower() != self.language:
                self.leave_out(concept, predicate, value, "another language")
            elif str(value).strip():
                found.append(str(value).strip())
        return sorted(found)

    def _related(self, concept: Node, predicate: Node) -> list[Node]:
        found = []
        for value in sorted(self.graph.objects(concept, predicate), key=str):
            if value in self.ids:
                found.append(value)
            elif value in self.found:
                self.leave_out(concept, predicate, value, "a concept left out")
            else:
                self.leave_out(concept, predicate, value, "not a concept of the file")
        return found

    # -- the conversion --------------------------------------------------------

    def _convert(self) -> None:
        names: dict[Node, str] = {}
        owners: dict[str, Node] = {}  # normalised spelling -> its concept
        for concept in self.concepts:
            labels = self.labels[concept] = self.texts(concept, SKOS.prefLabel)
            if not labels:
                self.notes.append(
                    f"<{concept}>: left out: it has no skos:prefLabel"
                    + (f" in {self.language!r}" if self.language else " without a language tag")
                )
                continue
            name = _folded(labels[0])
            if (other := owners.get(normalise(name))) is not None:
                self.notes.append(
                    f"<{concept}>: left out: its skos:prefLabel {name!r} is the name of "
                    f"<{other}> already"
                )
                continue
            names[concept] = name
            owners[normalise(name)] = concept
        self.concepts = [concept for concept in self.concepts if concept in names]
        for concept in self.concepts:
            self.ids[concept] = self._id(concept, names[concept], owners)
        narrower: dict[Node, list[Node]] = {}
        for concept in self.concepts:
            for below in self._related(concept, SKOS.narrower):
                narrower.setdefault(below, []).append(concept)
        for concept in self.concepts:
            self.entries.append(self._entry(concept, names[concept], owners, narrower))
        self._break_cycles()
        for concept, entry in zip(self.concepts, self.entries, strict=True):
            entry["broader"] = self._ids(self.broader[concept])
        for concept in self.concepts:
            if concept in self.left_out:
                self.notes.append(f"<{concept}>: left out: " + "; ".join(self.left_out[concept]))
        others = set(self.graph.subjects()) - set(self.found) - self.schemes
        for subject in sorted(others, key=str):
            count = len(list(self.graph.predicate_objects(subject)))
            self.notes.append(
                f"{_show(subject)}: left out: not a skos:Concept "
                f"({count} statement{'s' * (count != 1)})"
            )
        for scheme in sorted(self.schemes, key=str):
            rest = [
                f"{self.property(p)} {_show(o)}"
                for p, o in _sorted(self.graph.predicate_objects(scheme))
                if p not in (RDF.type, SKOS.hasTopConcept)
            ]
            if rest:
                self.notes.append(f"<{scheme}> (the scheme): left out: " + "; ".join(rest))

    def _id(self, concept: Node, name: str, owners: dict[str, Node]) -> str:
        notations = sorted(str(value) for value in self.graph.objects(concept, SKOS.notation))
        for extra in notations[1:]:
            self.leave_out(concept, SKOS.notation, Literal(extra), "a second notation")
        segment = re.split(r"[/#:]", str(concept).rstrip("/#"))[-1]
        candidates = [
            *(plain_slug(notation) for notation in notations[:1]),
            plain_slug(unquote(segment)) if isinstance(concept, URIRef) else "",
            plain_slug(name),
            spelled_slug(name),
        ]
        base = next((slug for slug in candidates if slug), "term")
        if notations and base != notations[0]:
            self.notes.append(
                f"<{concept}>: its skos:notation {notations[0]!r} is not an id; it is {base!r}"
            )
        chosen, number = base, 1
        while owners.setdefault(normalise(chosen), concept) != concept:
            number += 1
            chosen = f"{base}-{number}"
        if chosen != base:
            other = owners[normalise(base)]
            self.notes.append(
                f"<{concept}>: id {base!r} is taken by <{other}>; this concept is {chosen!r}"
            )
        return chosen

    def _entry(
        self,
        concept: Node,
        name: str,
        owners: dict[str, Node],
        narrower: dict[Node, list[Node]],
    ) -> dict[str, Any]:
        graph = self.graph
        entry: dict[str, Any] = {"id": self.ids[concept], "name": name}
        self.entry_spellings = []
        extra_names = [_folded(label) for label in self.labels[concept][1:]]
        if extra_names:
            self.notes.append(
                f"<{concept}>: it has {len(extra_names) + 1} skos:prefLabel values; "
                f"{name!r} is the name, the others are aliases"
            )
        for predicate, key in _LABELS.items():
            spellings = (extra_names if key == "aliases" else []) + self.texts(concept, predicate)
            entry[key] = self._spellings(concept, predicate, spellings, owners, name)
        for predicate, (key, escape) in _TEXTS.items():
            entry[key] = "\n\n".join(escape(text) for text in self.texts(concept, predicate))
        entry["see_also"] = self._ids(self._related(concept, SKOS.related))
        broader = [*self._related(concept, SKOS.broader), *narrower.get(concept, [])]
        if concept in broader:
            self.leave_out(concept, SKOS.broader, concept, "the concept itself")
        self.broader[concept] = list(dict.fromkeys(b for b in broader if b != concept))
        for value in graph.objects(concept, OWL.deprecated):
            if isinstance(value, Literal) and value.toPython() is True:
                entry["status"] = "deprecated"
            elif not (isinstance(value, Literal) and value.toPython() is False):
                self.leave_out(concept, OWL.deprecated, value, "not true or false")
        replacements = self._related(concept, DCTERMS.isReplacedBy)
        for value in replacements[1:]:
            self.leave_out(concept, DCTERMS.isReplacedBy, value, "a second replacement")
        if replacements:
            entry["replaced_by"] = self.ids[replacements[0]]
            if entry.get("status") != "deprecated":
                entry["status"] = "deprecated"
                self.notes.append(f"<{concept}>: it has dcterms:isReplacedBy, so it is deprecated")
        self._others(concept)
        return entry

    def _break_cycles(self) -> None:
        """Leave out each ``broader`` that leads back to its own concept, as the
        database would (it has no cycles)."""
        done: set[Node] = set()
        path: list[Node] = []

        def walk(concept: Node) -> None:
            path.append(concept)
            for above in list(self.broader[concept]):
                if above in path:
                    self.broader[concept].remove(above)
                    cycle = " -> ".join(f"<{node}>" for node in path[path.index(above) :])
                    self.leave_out(concept, SKOS.broader, above, f"a cycle: {cycle} -> <{above}>")
                elif above not in done:
                    walk(above)
            path.pop()
            done.add(concept)

        for concept in self.concepts:
            if concept not in done:
                walk(concept)

    def _spellings(
        self,
        concept: Node,
        predicate: Node,
        spellings: Iterable[str],
        owners: dict[str, Node],
        name: str,
    ) -> list[str]:
        kept: list[str] = []
        seen = {normalise(name), *map(normalise, self.entry_spellings)}
        for spelling in map(_folded, spellings):
            key = normalise(spelling)
            owner = owners.setdefault(key, concept)
            literal = Literal(spelling, lang=self.language or None)
            if owner != concept:
                self.leave_out(concept, predicate, literal, f"a spelling of <{owner}>")
            elif key in seen:
                self.leave_out(concept, predicate, literal, "the same as another of its labels")
            else:
                seen.add(key)
                kept.append(spelling)
        self.entry_spellings.extend(kept)
        return kept

    def _ids(self, concepts: Iterable[Node]) -> list[str]:
        return list(dict.fromkeys(self.ids[concept] for concept in concepts))

    def _others(self, concept: Node) -> None:
        """Every statement of ``concept`` that no field holds is left out."""
        mapped = {
            SKOS.prefLabel,
            SKOS.notation,
            SKOS.related,
            SKOS.broader,
            SKOS.narrower,
            OWL.deprecated,
            DCTERMS.isReplacedBy,
            *_TEXTS,
            *_LABELS,
            *_STRUCTURE,
        }
        for predicate, value in _sorted(self.graph.predicate_objects(concept)):
            if predicate == RDF.type and value == SKOS.Concept:
                continue
            if predicate not in mapped:
                self.leave_out(concept, predicate, value)


def _sorted(pairs: Iterable[tuple[Node, Node]]) -> list[tuple[Node, Node]]:
    return sorted(pairs, key=lambda pair: (str(pair[0]), str(pair[1])))


def _show(node: Node) -> str:
    """A value as Turtle writes it: ``<uri>``, ``"text"@en``; long text shortened."""
    text = node.n3()
    return text if len(text) <= 60 or not isinstance(node, Literal) else text[:57] + '..."'
