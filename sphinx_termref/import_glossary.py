"""Turning a Sphinx ``.. glossary::`` into term database YAML.

The reStructuredText file is read by Sphinx itself (in a temporary project, with
the ``dummy`` builder), so the glossary is split into entries, terms and
classifiers exactly as a build splits it. From each entry:

* the first term is the ``name``, the other terms are ``aliases``;
* the first classifier (``term : classifier``) is the ``category``;
* the definition keeps its reStructuredText source, inline markup included, with
  ``:term:`` references turned into ``:termref:``. By default (``split``) its
  first paragraph becomes the ``summary`` (shown under the name and in link
  tooltips) and any further paragraphs the ``technical_definition``;
  ``summary`` or ``technical-definition`` puts all of it into one field;
* the ``id`` is the name as a slug, made unique with ``-2``, ``-3``, ...

A database holds inline markup only, so block markup inside a definition (lists,
notes, code) is kept as plain paragraphs, and a note says so.
"""

from __future__ import annotations

import io
import re
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains.std import split_term_classifiers

from . import yaml_writer
from .markup import plain_text
from .matching import normalise
from .progress import Progress
from .validation import slugify

#: Where a definition's paragraphs go.
PLACEMENTS = ("split", "summary", "technical-definition")

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_TERM_ROLE = re.compile(r"^:(?:std:)?term:")
_SKIPPED = (
    nodes.system_message,
    nodes.comment,
    nodes.target,
    nodes.substitution_definition,
    addnodes.index,
)


class GlossaryError(Exception):
    """The file cannot be imported; the message says why."""


class Entry(NamedTuple):
    """One glossary entry, as read from the file."""

    terms: list[str]  # display text of each term, markup removed
    category: str
    paragraphs: list[str]  # reStructuredText source of each paragraph
    line: int
    notes: list[str]  # what could not be kept as it was


def _ascii_slug(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return slugify(folded)


def _termref_source(paragraph: nodes.Element) -> str:
    """The paragraph's source, its ``:term:`` roles written as ``:termref:``."""
    source = paragraph.rawsource
    done: list[str] = []
    for xref in paragraph.findall(addnodes.pending_xref):
        raw = xref.rawsource
        if xref.get("refdomain") != "std" or xref.get("reftype") != "term":
            continue
        at = source.find(raw)
        if at < 0 or not _TERM_ROLE.match(raw):
            continue
        done.append(source[:at] + _TERM_ROLE.sub(":termref:", raw))
        source = source[at + len(raw) :]
    return "".join(done) + source


def _escape(text: str) -> str:
    """Literal text made inert as inline markup."""
    return re.sub(r"([\\`*_|\[\]<>:])", r"\\\1", text)


def _blocks(node: nodes.Node, notes: list[str]) -> list[str]:
    """The paragraphs of a definition's block ``node``, as reStructuredText source."""
    if isinstance(node, nodes.paragraph):
        return [_termref_source(node)]
    if isinstance(node, _SKIPPED) or not isinstance(node, nodes.Element):
        return []
    if isinstance(node, (nodes.literal_block, nodes.doctest_block, nodes.line_block)):
        notes.append(f"a {node.tagname} became a paragraph of plain text")
        return [_escape(" ".join(node.astext().split()))]
    if isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
        notes.append(f"a {node.tagname}'s items became paragraphs starting with '-'")
        result: list[str] = []
        for item in node.children:
            parts = [part for child in item.children for part in _blocks(child, notes)]
            if parts:
                result.append(f"- {parts[0]}")
                result.extend(parts[1:])
        return result
    result = []
    if isinstance(node, (nodes.Admonition, nodes.block_quote)):
        notes.append(f"a {node.tagname}'s paragraphs became plain paragraphs")
    elif not isinstance(node, nodes.container):
        notes.append(f"a {node.tagname} became plain paragraphs")
    for child in node.children:
        result.extend(_blocks(child, notes))
    return result


def read_entries(path: Path) -> tuple[list[Entry], list[str]]:
    """Every entry of every glossary in ``path``, in source order, and Sphinx's warnings.

    Raises GlossaryError when the file cannot be read or holds no glossary.
    """
    try:
        text = path.read_bytes()
    except OSError as exc:
        raise GlossaryError(f"cannot read {path}: {exc.strerror}") from exc
    with tempfile.TemporaryDirectory(prefix="termref-import-") as temp:
        srcdir = Path(temp) / "src"
        srcdir.mkdir()
        (srcdir / "index.rst").write_bytes(text)
        warnings = io.StringIO()
        app = Sphinx(
            str(srcdir),
            None,
            str(Path(temp) / "out"),
            str(Path(temp) / "doctrees"),
            "dummy",
            confoverrides={"extensions": []},
            status=None,
            warning=warnings,
            freshenv=True,
        )
        app.build()
        doctree = app.env.get_doctree("index")
        shown = _ANSI.sub("", warnings.getvalue()).replace(str(srcdir / "index.rst"), str(path))
        # What Sphinx says about the file, less unresolved references (the other pages
        # are not there) and what it says about itself.
        messages = [
            line
            for line in shown.splitlines()
            if line.startswith(f"{path}:") and "[ref." not in line
        ]
    entries: list[Entry] = []
    for glossary in doctree.findall(addnodes.glossary):
        for item in glossary.findall(nodes.definition_list_item):
            entries.append(_entry(item))
    if not any(doctree.findall(addnodes.glossary)):
        raise GlossaryError(f"{path} holds no '.. glossary::' directive")
    entries.sort(key=lambda entry: entry.line)  # a :sorted: glossary is sorted in the doctree
    return entries, messages


def _entry(item: nodes.definition_list_item) -> Entry:
    terms: list[str] = []
    category = ""
    line = 0
    notes: list[str] = []
    paragraphs: list[str] = []
    for child in item.children:
        if isinstance(child, nodes.term):
            _, classifier = split_term_classifiers(child.rawsource)
            terms.append(" ".join(child.astext().split()))
            category = category or plain_text(classifier or "")
            line = line or (child.line or 0) + 1  # Sphinx counts the glossary's lines from 0
        elif isinstance(child, nodes.definition):
            for block in child.children:
                paragraphs.extend(_blocks(block, notes))
    return Entry(terms, category, paragraphs, line, list(dict.fromkeys(notes)))


class Converted(NamedTuple):
    terms: list[dict[str, Any]]  # database fields of each term
    notes: list[str]  # what the user should know: skipped terms, dropped aliases


def convert(
    entries: list[Entry],
    source: str,
    placement: str = "split",
    progress: Callable[[], None] = lambda: None,
) -> Converted:
    """Database terms for ``entries``; names and aliases that two entries share are
    kept by the first entry only, so the result never collides."""
    if placement not in PLACEMENTS:
        raise ValueError(placement)
    owners: dict[str, int] = {}  # normalised name or alias -> index of its term
    kept: list[tuple[Entry, list[str]]] = []
    notes: list[str] = []
    for entry in entries:
        progress()
        where = f"{source}:{entry.line}"
        spellings = [term for term in entry.terms if term]
        if not spellings:
            notes.append(f"{where}: an entry without a term text was skipped")
            continue
        name_key = normalise(spellings[0])
        if name_key in owners:
            other = kept[owners[name_key]][1][0]
            notes.append(
                f"{where}: term {spellings[0]!r} was skipped: it matches {other!r}, "
                "which an earlier entry defines"
            )
            continue
        names = [spellings[0]]
        owners[name_key] = len(kept)
        for alias in spellings[1:]:
            key = normalise(alias)
            if key in owners and owners[key] != len(kept):
                notes.append(
                    f"{where}: alias {alias!r} of {spellings[0]!r} was left out: an earlier "
                    "entry defines it"
                )
                continue
            if key not in owners:
                owners[key] = len(kept)
                names.append(alias)
        notes.extend(f"{where}: in the definition of {names[0]!r}, {n}" for n in entry.notes)
        kept.append((entry, names))
    ids: set[str] = set()
    terms = []
    for index, (entry, names) in enumerate(kept):
        base = _ascii_slug(names[0]) or "term"
        term_id, number = base, 1
        while term_id in ids or owners.get(normalise(term_id), index) != index:
            number += 1
            term_id = f"{base}-{number}"
        ids.add(term_id)
        terms.append(_fields(term_id, names, entry, placement))
    return Converted(terms, notes)


def _fields(term_id: str, names: list[str], entry: Entry, placement: str) -> dict[str, Any]:
    paragraphs = entry.paragraphs
    if placement == "summary":
        summary, definition = paragraphs, []
    elif placement == "technical-definition":
        summary, definition = [], paragraphs
    else:
        summary, definition = paragraphs[:1], paragraphs[1:]
    return {
        "id": term_id,
        "name": names[0],
        "category": entry.category,
        "summary": "\n\n".join(summary),
        "technical_definition": "\n\n".join(definition),
        "aliases": names[1:],
    }


def import_glossary(path: Path, placement: str = "split") -> tuple[str, list[str]]:
    """The database YAML for the glossaries in ``path``, and notes for the user."""
    entries, messages = read_entries(path)
    with Progress("converting", len(entries), unit="terms") as bar:
        converted = convert(entries, str(path), placement, bar.advance)
    header = f"Converted from {path.name} by 'sphinx-termref import-glossary'."
    return yaml_writer.database(converted.terms, header), messages + converted.notes
