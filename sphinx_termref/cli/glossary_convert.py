"""Turning a Sphinx ``.. glossary::`` into term database YAML, losing nothing.

The reStructuredText file is read by Sphinx itself (in a temporary project, with
the ``dummy`` builder and smart quotes off), so the glossary is split into
entries, terms and classifiers exactly as a build splits it. From each entry:

* the first term is the ``name``, exactly as written (``"`` and ``...`` stay as
  they are), and the other terms are ``aliases``;
* the first classifier (``term : classifier``) is the ``category``;
* the definition keeps its source lines (see ``glossary_source``), block markup
  included, with ``:term:`` roles, and links to the entries' anchors
  (``glossary_anchors``), written ``:termref:``. By default (``split``) its
  first paragraph becomes the ``summary`` (shown under the name and in link
  tooltips) and the rest the ``technical_definition``; ``summary`` puts its
  leading paragraphs into the summary, ``technical-definition`` all of it into the
  technical definition;
* its ``.. index::`` entries and labels (``.. _name:``) become ``index`` and
  ``labels``. Those written at the end of a definition lead to the next entry, as
  they do on the page (a glossary has no place for them between the entries);
* the ``id`` is the name as a slug, or spelled out (see ``glossary_ids``).

Whatever cannot be carried over is noted, with the entry and its line.
"""

from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains.std import split_term_classifiers
from sphinx.util.docutils import docutils_namespace

from ..termdb.matching import normalise
from ..termdb.plain_text import plain_text
from . import glossary_ids, yaml_writer
from .choices import DEFINITION_PLACEMENTS
from .glossary_anchors import glossary_anchors, write_anchor_links
from .glossary_source import Definition, Taken, definition_lines, source_lines
from .progress import Progress

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_PAGE_LABEL = re.compile(r"^\s*\.\.\s+_[^_].*:\s*$")


class GlossaryError(Exception):
    """The file cannot be imported; the message says why."""


class Entry(NamedTuple):
    """One glossary entry, as read from the file."""

    terms: list[str]  # display text of each term, markup removed
    category: str
    line: int
    paragraphs: list[str]  # the definition's leading paragraphs, as written
    rest: str  # the rest of the definition, as written, block markup included
    rest_line: int  # where the rest starts
    labels: list[str]
    index_entries: list[str]  # the term's ``index``
    notes: list[tuple[int, str]]  # (line, what could not be kept as it was)


class _Read(NamedTuple):
    entry: Entry
    taken: list[Taken]


def _read_doctree(path: Path, text: bytes) -> tuple[nodes.document, list[str]]:
    """The doctree Sphinx makes of ``text``, and what it warned about the file."""
    with tempfile.TemporaryDirectory(prefix="termref-import-") as temp:
        srcdir = Path(temp) / "src"
        srcdir.mkdir()
        (srcdir / "index.rst").write_bytes(text)
        warnings = io.StringIO()
        # As sphinx-build does: the roles, directives and nodes that Sphinx registers
        # with docutils are taken back afterwards, so a later Sphinx application in
        # this process does not find them registered already.
        with docutils_namespace():
            app = Sphinx(
                str(srcdir),
                None,
                str(Path(temp) / "out"),
                str(Path(temp) / "doctrees"),
                "dummy",
                # Smart quotes would change the names: ``"x"`` and ``...`` must stay. The
                # doctree keeps Sphinx's messages, to say which entry they are about.
                confoverrides={"extensions": [], "smartquotes": False, "keep_warnings": True},
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
        line for line in shown.splitlines() if line.startswith(f"{path}:") and "[ref." not in line
    ]
    return doctree, messages


def read_entries(path: Path) -> tuple[list[Entry], list[str]]:
    """Every entry of every glossary in ``path``, in source order, and notes: Sphinx's
    warnings, and labels outside the entries.

    Raises GlossaryError when the file cannot be read or holds no glossary.
    """
    try:
        text = path.read_bytes()
        lines = source_lines(text.decode("utf-8-sig"))
    except OSError as exc:
        raise GlossaryError(f"cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise GlossaryError(f"{path} is not UTF-8 text (byte {exc.start + 1})") from exc
    doctree, messages = _read_doctree(path, text)
    glossaries = list(doctree.findall(addnodes.glossary))
    if not glossaries:
        raise GlossaryError(f"{path} holds no '.. glossary::' directive")
    entries: list[Entry] = []
    anchors = glossary_anchors(doctree)
    for glossary in glossaries:
        items = [
            item
            for dlist in glossary.children
            if isinstance(dlist, nodes.definition_list)
            for item in dlist.children
            if isinstance(item, nodes.definition_list_item)
        ]  # not the definition lists inside definitions
        read = [_entry(item, lines, doctree, anchors) for item in items]
        read.sort(key=lambda one: one.entry.line)  # a :sorted: glossary is sorted in the doctree
        entries.extend(_place_taken(read))
    return entries, messages + _page_labels(doctree, lines, path)


def _entry(
    item: nodes.definition_list_item,
    lines: list[str],
    doctree: nodes.document,
    anchors: dict[str, str],
) -> _Read:
    terms: list[str] = []
    category = ""
    line = last = 0
    definition: Definition | None = None
    for child in item.children:
        if isinstance(child, nodes.term):
            _, classifier = split_term_classifiers(child.rawsource)
            terms.append(" ".join(child.astext().split()))
            category = category or plain_text(classifier or "")
            last = (child.line or 0) + 1  # Sphinx counts the glossary's lines from 0
            line = line or last
        elif isinstance(child, nodes.definition) and last:
            definition = Definition(definition_lines(lines, last), child, doctree)
    if definition is None:
        return _Read(Entry(terms, category, line, [], "", 0, [], [], []), [])
    notes = definition.write_termref_roles()
    notes += write_anchor_links(definition, anchors)
    taken = definition.take_out()
    notes += definition.unsupported()
    notes += [
        (one.line, f"the label {label!r} led into the definition; it now links to the card")
        for one in taken
        if one.inside
        for label in one.labels
    ]
    paragraphs, rest, rest_line = definition.split()
    own = [one for one in taken if not one.trailing]
    entry = Entry(
        terms,
        category,
        line,
        paragraphs,
        rest,
        rest_line,
        [label for one in own for label in one.labels],
        [entry for one in own for entry in one.index_entries],
        sorted(notes),
    )
    return _Read(entry, [one for one in taken if one.trailing])


def _place_taken(read: list[_Read]) -> list[Entry]:
    """The entries, with the labels and index entries written at the end of a
    definition given to the next entry: on the page they lead there."""
    result: list[Entry] = []
    carried: list[Taken] = []
    for one in read:
        entry = one.entry
        if carried:
            entry = entry._replace(
                labels=[label for taken in carried for label in taken.labels] + entry.labels,
                index_entries=[item for taken in carried for item in taken.index_entries]
                + entry.index_entries,
            )
        result.append(entry)
        carried = one.taken
    if carried and result:  # after the last entry: they stay with it
        last = result[-1]
        result[-1] = last._replace(
            labels=last.labels + [label for taken in carried for label in taken.labels],
            index_entries=last.index_entries
            + [item for taken in carried for item in taken.index_entries],
        )
    return result


def _page_labels(doctree: nodes.document, lines: list[str], path: Path) -> list[str]:
    """A note for each label of the page outside the glossaries' entries."""
    inside = {
        id(node) for glossary in doctree.findall(addnodes.glossary) for node in glossary.findall()
    }
    notes = []
    for target in doctree.findall(nodes.target):
        line = target.line or 0
        if id(target) in inside or "refuri" in target or not 0 < line <= len(lines):
            continue
        if _PAGE_LABEL.match(lines[line - 1]):
            label = lines[line - 1].strip()[4:-1]
            notes.append(
                f"{path}:{line}: label {label!r} is not in a glossary entry: it is not "
                "imported; keep it on the page that shows the terms"
            )
    return notes


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
    kept by the first entry only, so the result never collides. A skipped entry's
    labels and index entries go to the term it duplicates, so links still land."""
    if placement not in DEFINITION_PLACEMENTS:
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
            owner, names = kept[owners[name_key]]
            kept[owners[name_key]] = (
                owner._replace(
                    labels=owner.labels + entry.labels,
                    index_entries=owner.index_entries + entry.index_entries,
                ),
                names,
            )
            moved = entry.labels or entry.index_entries
            gone = " (its labels and index entries go to it)" if moved else ""
            notes.append(
                f"{where}: term {spellings[0]!r} was skipped: it matches {names[0]!r}, "
                f"which an earlier entry defines{gone}"
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
        notes.extend(
            f"{source}:{line}: in the definition of {names[0]!r}, {note}"
            for line, note in entry.notes
        )
        if placement == "summary" and entry.rest and entry.paragraphs:
            notes.append(
                f"{source}:{entry.rest_line}: in the definition of {names[0]!r}, the block "
                "markup from here on is the technical_definition: a summary is inline text"
            )
        kept.append((entry, names))
    ids: set[str] = set()
    terms = []
    for index, (entry, names) in enumerate(kept):

        def free(candidate: str, index: int = index) -> bool:
            return candidate not in ids and owners.get(normalise(candidate), index) == index

        term_id = glossary_ids.term_id(names[0], free)
        ids.add(term_id)
        terms.append(_fields(term_id, names, entry, placement))
    return Converted(terms, notes)


def _summary_text(paragraph: str) -> str:
    """A paragraph for the summary. One that ends in ``::`` reads as docutils reads it
    (``text::`` -> ``text:``, ``text ::`` -> ``text``)."""
    if not paragraph.endswith("::"):
        return paragraph
    if paragraph.strip() == "::":
        return ""
    return paragraph[:-2].rstrip() if paragraph[-3:-2].isspace() else paragraph[:-1]


def _fields(term_id: str, names: list[str], entry: Entry, placement: str) -> dict[str, Any]:
    paragraphs = entry.paragraphs
    count = {"split": 1, "summary": len(paragraphs), "technical-definition": 0}[placement]
    summary = paragraphs[:count]
    rest = "\n\n".join(part for part in (*paragraphs[count:], entry.rest) if part)
    if summary and summary[-1].endswith("::") and rest[:1] == " ":
        rest = f"::\n\n{rest}"  # the literal block the paragraph introduced
    return {
        "id": term_id,
        "name": names[0],
        "category": entry.category,
        "summary": "\n\n".join(filter(None, (_summary_text(part) for part in summary))),
        "technical_definition": rest,
        "aliases": names[1:],
        "labels": list(dict.fromkeys(entry.labels)),
        "index": list(dict.fromkeys(entry.index_entries)),
    }


class Imported(NamedTuple):
    """The database YAML, the notes for the user, and what was imported."""

    text: str
    notes: list[str]
    entries: int
    terms: list[dict[str, Any]]

    def summary(self) -> str:
        """One line: entries, terms, aliases, labels, index entries, notes."""

        def count(number: int, one: str, more: str) -> str:
            return f"{number} {one if number == 1 else more}"

        def total(key: str) -> int:
            return sum(len(term[key]) for term in self.terms)

        return (
            f"{count(self.entries, 'entry', 'entries')} -> "
            f"{count(len(self.terms), 'term', 'terms')}, "
            f"{count(total('aliases'), 'alias', 'aliases')}, "
            f"{count(total('labels'), 'label', 'labels')}, "
            f"{count(total('index'), 'index entry', 'index entries')}; "
            f"{count(len(self.notes), 'note', 'notes')}"
        )


def import_glossary(path: Path, placement: str = "split") -> Imported:
    """The database YAML for the glossaries in ``path``, notes for the user, and counts."""
    entries, messages = read_entries(path)
    with Progress("converting", len(entries), unit="terms") as bar:
        converted = convert(entries, str(path), placement, bar.advance)
    header = f"Converted from {path.name} by 'sphinx-termref import-glossary'."
    text = yaml_writer.database(converted.terms, header)
    return Imported(text, messages + converted.notes, len(entries), converted.terms)
