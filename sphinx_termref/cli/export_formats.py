"""Exporting a term database: JSON, CSV, and SKOS as JSON-LD or Turtle.

* **JSON** has the database file's own shape and field names,
  ``{"schema_version": 1, "terms": [...]}``, every field present (empty ones as
  ``""``, ``[]`` or ``null``) and ``see_also`` and ``broader`` resolved to ids. JSON is YAML, so
  the export reads back as a database file.
* **CSV** has one row per term; lists are joined with ``"; "``, organizations
  are given by name and ``read_more`` is split into ``read_more_url`` and
  ``read_more_label``. The ``index`` entries, which hold ``;`` themselves, are one
  per line, as in ``.. index::``.
* **SKOS** describes a ``skos:ConceptScheme`` whose top concepts are the terms:
  ``prefLabel`` (name), ``altLabel`` (abbreviation and aliases), ``hiddenLabel``
  (hidden aliases and discouraged spellings), ``notation`` (id), ``definition``
  (the technical definition, else the summary), ``note`` (the summary, when the technical
  definition is the definition), ``historyNote`` (background), ``scopeNote``
  (usage note), ``related`` (see-also, but not between a term and one above or
  below it: ``skos_hierarchy``), ``broader`` and ``narrower``; the terms without a
  broader term are the scheme's top concepts. A deprecated term is
  ``owl:deprecated true``, with ``dcterms:isReplacedBy`` its replacement's
  concept. Text is exported as plain text: without its inline markup, and block
  markup as ``plain_blocks`` renders it (code keeps its lines).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from ..termdb import plain_blocks
from ..termdb.database import TermDatabase
from ..termdb.plain_text import plain_text
from ..termdb.records import Term
from ..termdb.schema import TERM_FIELDS, record_attribute
from ..termdb.text_layout import paragraphs
from . import skos_hierarchy
from .choices import EXPORT_FORMATS
from .progress import Progress

#: The version of the JSON export's shape; bumped when a field changes meaning.
SCHEMA_VERSION = 1
SKOS = "http://www.w3.org/2004/02/skos/core#"
OWL = "http://www.w3.org/2002/07/owl#"
DCTERMS = "http://purl.org/dc/terms/"
CSV_COLUMNS = (
    "id",
    "name",
    "abbreviation",
    "category",
    "summary",
    "technical_definition",
    "background",
    "read_more_url",
    "read_more_label",
    "aliases",
    "hidden_aliases",
    "broader",
    "usage_note",
    "organizations",
    "see_also",
    "tags",
    "labels",
    "index",
    "status",
    "replaced_by",
    "discouraged",
    "owner",
    "reviewed",
    "autolink",
)
LIST_SEPARATOR = "; "
#: Index entries are separated by line breaks: ``pair: object; type`` holds a "; ".
INDEX_SEPARATOR = "\n"

_LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
_IRI_FORBIDDEN = re.compile(r"[\x00-\x20<>\"{}|^`\\\x7f-\x9f]")
# Characters JSON leaves raw that YAML readers refuse or read as line breaks.
_NOT_YAML_SAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_TURTLE_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}
_TURTLE_SPECIAL = re.compile(r'[\\"\x00-\x1f\x7f]')


class ExportError(ValueError):
    """An export option that cannot be used, with the reason."""


def scheme_problem(uri: str) -> str | None:
    """Why ``uri`` cannot name a concept scheme, or None when it can."""
    if not uri:
        return "it is empty"
    if _IRI_FORBIDDEN.search(uri):
        return 'it contains white space or one of <>"{}|^`\\; percent-encode them'
    if not urlsplit(uri).scheme:
        return "it is not absolute; use a full URI such as https://example.org/terms/"
    return None


def language_problem(language: str) -> str | None:
    """Why ``language`` is not a language tag such as ``en`` or ``en-GB``, or None."""
    return None if _LANGUAGE.match(language) else "use a language tag such as en or en-GB"


def concept_uri(scheme: str, term_id: str) -> str:
    """A term's concept: below the scheme when it ends in ``/`` or ``#``, else a fragment."""
    return f"{scheme}{term_id}" if scheme.endswith(("/", "#")) else f"{scheme}#{term_id}"


def _related_ids(term: Term, database: TermDatabase) -> list[str]:
    ids = []
    for spelling in term.see_also:
        found = database.lookup(spelling, inflect=True)
        ids.append(found.id if found else spelling)
    return list(dict.fromkeys(ids))


def term_record(term: Term, database: TermDatabase) -> dict[str, Any]:
    """Every field of ``term`` under its database name, ``see_also`` and ``broader``
    as ids."""
    record: dict[str, Any] = {}
    for key in TERM_FIELDS:
        value = getattr(term, record_attribute(key))
        if key == "read_more":
            value = {"url": value.url, "label": value.label} if value else None
        elif key == "organizations":
            value = [
                {"name": org.name, "description": org.description, "url": org.url or None}
                for org in value
            ]
        elif key == "see_also":
            value = _related_ids(term, database)
        elif key == "broader":
            value = [broader.id for broader in database.broader(term)]
        elif key in ("abbreviation", "reviewed"):
            value = value or None  # never blank: a value or nothing
        elif isinstance(value, tuple):
            value = list(value)
        record[key] = value
    return record


def _progress(database: TermDatabase) -> Iterator[Term]:
    with Progress("exporting", len(database), unit="terms") as progress:
        for term in database:
            yield term
            progress.advance()


def to_json(database: TermDatabase) -> str:
    """The database as JSON that is also a valid database file."""
    data = {
        "schema_version": SCHEMA_VERSION,
        "terms": [term_record(term, database) for term in _progress(database)],
    }
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _NOT_YAML_SAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def to_csv(database: TermDatabase) -> str:
    """The database as CSV: one row per term, a header row first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for term in _progress(database):
        writer.writerow(
            [
                term.id,
                term.name,
                term.abbreviation,
                term.category,
                term.summary,
                term.technical_definition,
                term.background,
                term.read_more.url if term.read_more else "",
                term.read_more.label if term.read_more else "",
                LIST_SEPARATOR.join(term.aliases),
                LIST_SEPARATOR.join(term.hidden_aliases),
                LIST_SEPARATOR.join(broader.id for broader in database.broader(term)),
                term.usage_note,
                LIST_SEPARATOR.join(org.name for org in term.organizations),
                LIST_SEPARATOR.join(_related_ids(term, database)),
                LIST_SEPARATOR.join(term.tags),
                LIST_SEPARATOR.join(term.labels),
                INDEX_SEPARATOR.join(term.index_entries),
                term.status,
                term.replaced_by,
                LIST_SEPARATOR.join(term.discouraged),
                term.owner,
                term.reviewed,
                "true" if term.autolink else "false",
            ]
        )
    return buffer.getvalue()


def _plain(text: str) -> str:
    """A long text field (block markup) as plain text."""
    return "\n".join(plain_blocks.render(text))


def _plain_inline(text: str) -> str:
    """The summary (inline markup) as plain text."""
    return "\n\n".join(plain_text(part) for part in paragraphs(text))


def _concepts(database: TermDatabase, scheme: str, notes: list[str]) -> Iterator[dict[str, Any]]:
    """Each term as SKOS property -> values; literals are str, IRIs in ``related``,
    ``broader``, ``narrower`` and ``isReplacedBy``, ``deprecated`` a bool."""
    above = skos_hierarchy.ancestors(database)
    for term in _progress(database):
        definition = _plain(term.technical_definition) or _plain_inline(term.summary)
        related = skos_hierarchy.related_ids(term, database, above, notes)
        # The loader dropped a replaced_by that finds no term, so this finds one.
        replacement = database.lookup(term.replaced_by) if term.replaced_by else None
        yield {
            "@id": concept_uri(scheme, term.id),
            "notation": term.id,
            "prefLabel": term.name,
            "altLabel": [*filter(None, [term.abbreviation]), *term.aliases],
            "hiddenLabel": list(dict.fromkeys((*term.hidden_aliases, *term.discouraged))),
            "definition": definition,
            "note": _plain_inline(term.summary) if term.technical_definition else "",
            "historyNote": _plain(term.background),
            "scopeNote": _plain(term.usage_note),
            "related": [concept_uri(scheme, term_id) for term_id in related],
            "broader": [concept_uri(scheme, found.id) for found in database.broader(term)],
            "narrower": [concept_uri(scheme, found.id) for found in database.narrower(term)],
            "deprecated": term.status == "deprecated",
            "isReplacedBy": [concept_uri(scheme, replacement.id)] if replacement else [],
        }


_LABELS = ("prefLabel", "altLabel", "hiddenLabel", "definition", "note", "historyNote")
_LITERALS = (*_LABELS, "scopeNote")
#: The properties whose values are concepts, in the order they are written.
_RELATIONS = ("broader", "narrower", "related")


def _values(value: Any) -> list[str]:
    if isinstance(value, list):
        return [item for item in value if item]
    return [value] if value else []


def to_jsonld(
    database: TermDatabase, scheme: str, language: str = "", notes: list[str] | None = None
) -> str:
    """The database as a SKOS concept scheme in JSON-LD."""
    context: dict[str, Any] = {"skos": SKOS, "owl": OWL, "dcterms": DCTERMS}
    if language:
        context["@language"] = language
    for name in _LITERALS:
        context[name] = {"@id": f"skos:{name}"}
    context["notation"] = {"@id": "skos:notation", "@language": None}
    for name in ("inScheme", "topConceptOf", "hasTopConcept", *_RELATIONS):
        context[name] = {"@id": f"skos:{name}", "@type": "@id"}
    # A JSON true is an xsd:boolean literal.
    context["deprecated"] = {"@id": "owl:deprecated"}
    context["isReplacedBy"] = {"@id": "dcterms:isReplacedBy", "@type": "@id"}
    graph: list[dict[str, Any]] = []
    top: list[str] = []
    for concept in _concepts(database, scheme, [] if notes is None else notes):
        node: dict[str, Any] = {"@id": concept["@id"], "@type": "skos:Concept", "inScheme": scheme}
        if not concept["broader"]:
            node["topConceptOf"] = scheme
            top.append(concept["@id"])
        for name in ("notation", *_LITERALS, *_RELATIONS):
            values = _values(concept[name])
            if values:
                node[name] = values if isinstance(concept[name], list) else values[0]
        if concept["deprecated"]:
            node["deprecated"] = True
        if concept["isReplacedBy"]:
            node["isReplacedBy"] = concept["isReplacedBy"][0]
        graph.append(node)
    scheme_node = {"@id": scheme, "@type": "skos:ConceptScheme", "hasTopConcept": top}
    data = {"@context": context, "@graph": [scheme_node, *graph]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def turtle_string(text: str, language: str = "") -> str:
    """``text`` as a Turtle literal, escaped, with its language tag."""
    escaped = _TURTLE_SPECIAL.sub(
        lambda m: _TURTLE_ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text
    )
    return f'"{escaped}"' + (f"@{language}" if language else "")


def _iri(uri: str) -> str:
    return f"<{uri}>"


def _objects(values: Iterable[str]) -> str:
    return ",\n        ".join(values)


def to_turtle(
    database: TermDatabase, scheme: str, language: str = "", notes: list[str] | None = None
) -> str:
    """The database as a SKOS concept scheme in Turtle."""
    blocks: list[str] = []
    top: list[str] = []
    for concept in _concepts(database, scheme, [] if notes is None else notes):
        statements = ["a skos:Concept", f"skos:inScheme {_iri(scheme)}"]
        if not concept["broader"]:
            statements.append(f"skos:topConceptOf {_iri(scheme)}")
            top.append(_iri(concept["@id"]))
        statements.append(f"skos:notation {turtle_string(concept['notation'])}")
        for name in _LITERALS:
            values = [turtle_string(value, language) for value in _values(concept[name])]
            if values:
                statements.append(f"skos:{name} {_objects(values)}")
        for name in _RELATIONS:
            if concept[name]:
                statements.append(f"skos:{name} {_objects(map(_iri, concept[name]))}")
        if concept["deprecated"]:
            statements.append("owl:deprecated true")
        if concept["isReplacedBy"]:
            statements.append(
                f"dcterms:isReplacedBy {_objects(map(_iri, concept['isReplacedBy']))}"
            )
        blocks.append(f"{_iri(concept['@id'])}\n    " + " ;\n    ".join(statements) + " .")
    scheme_statements = ["a skos:ConceptScheme"]
    if top:
        scheme_statements.append(f"skos:hasTopConcept {_objects(top)}")
    head = [
        f"@prefix skos: <{SKOS}> .\n@prefix owl: <{OWL}> .\n@prefix dcterms: <{DCTERMS}> .",
        f"{_iri(scheme)}\n    " + " ;\n    ".join(scheme_statements) + " .",
    ]
    return "\n\n".join(head + blocks) + "\n"


def export(
    database: TermDatabase,
    format: str,
    scheme: str = "",
    language: str = "",
    notes: list[str] | None = None,
) -> str:
    """The database in ``format`` (one of ``EXPORT_FORMATS``).

    SKOS formats need ``scheme``, an absolute URI; raises ExportError when an
    option cannot be used. What the export leaves out is added to ``notes``.
    """
    if format == "json":
        return to_json(database)
    if format == "csv":
        return to_csv(database)
    if format == "vale":  # a directory of files, not one text
        raise ExportError("vale is written by vale_style.write, into a directory")
    if format not in EXPORT_FORMATS:
        raise ExportError(f"unknown format {format!r}; choose from {', '.join(EXPORT_FORMATS)}")
    if not scheme:
        raise ExportError(
            f"--scheme-uri is required for {format}: the URI that names the vocabulary, "
            "e.g. https://example.org/terms/"
        )
    if problem := scheme_problem(scheme):
        raise ExportError(f"--scheme-uri {scheme!r} cannot name a concept scheme: {problem}")
    if language and (problem := language_problem(language)):
        raise ExportError(f"--language {language!r} is not a language tag: {problem}")
    if format == "skos-jsonld":
        return to_jsonld(database, scheme, language, notes)
    return to_turtle(database, scheme, language, notes)
