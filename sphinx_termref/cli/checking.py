"""Loading and checking database files outside a build, for the command line.

The build's pipeline (``termdb.loading``), with paths shown as the user wrote them
(relative to the working directory), no cache, every problem kept in
file order, and one check the build makes only when a card is rendered: that each
``see_also`` entry, and each term reference in a text field, names a term.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple, TextIO

from ..termdb.database import TermDatabase
from ..termdb.loading import parse, read_sources
from ..termdb.packages import is_package_entry
from ..termdb.records import Term
from ..termdb.text_references import STD_TERM_ROLES, TERMREF_ROLES, term_references
from ..termdb.yaml_source import DataPath, YamlDocument
from ..warnings import Problem, Subtype, unknown_term
from .progress import Progress

#: Database files smaller than this in total read too fast for a progress bar.
_PROGRESS_BYTES = 256 * 1024


class Loaded(NamedTuple):
    """Database files read, validated and merged."""

    database: TermDatabase
    files: list[str]  # as shown in messages
    documents: list[YamlDocument]
    problems: list[Problem]  # in file order, then by line and column


def shown_path(path: Path) -> str:
    """``path`` relative to the working directory when it lies below it."""
    here = Path.cwd().resolve()
    try:
        return os.path.relpath(path, here) if path.is_relative_to(here) else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


def missing_paths(entries: Sequence[str]) -> list[str]:
    """The entries that name neither a file nor a directory (``package:`` entries are
    looked up when loading, which reports a missing package as a problem)."""
    return [entry for entry in entries if not is_package_entry(entry) and not Path(entry).exists()]


def load(entries: Sequence[str], stream: TextIO | None = None) -> Loaded:
    """Read every database file that ``entries`` (files or directories) name.

    A progress bar goes to ``stream`` (default stderr) when it is a terminal and
    the files are large.
    """
    sources = read_sources(entries, Path.cwd(), shown=lambda path: Path(shown_path(path)))
    size = sum(len(raw) for raw in sources.contents if raw is not None)
    progress = Progress("reading", size, stream, threshold=_PROGRESS_BYTES, unit="KiB", scale=1024)
    with progress:
        database, documents = parse(sources, keep_documents=True, on_file=progress.advance)
    files = [str(path) for path in sources.files]
    return Loaded(database, files, documents, in_file_order(database.problems, files))


#: The text fields of a term, by their database keys, and how messages name them.
_TEXT_FIELDS = {
    "summary": "the summary",
    "technical_definition": "the technical definition",
    "background": "the background",
    "usage_note": "the usage note",
}


def unknown_see_also(
    loaded: Loaded, stream: TextIO | None = None, std_terms: bool = False
) -> list[Problem]:
    """A ``termref.unknown`` problem for each ``see_also`` entry, and each term
    reference in a text field, that names no term.

    Matched as references match in a build: any spelling, and inflections. The
    messages are the build's, at the field's line, as the build locates them.
    ``std_terms`` checks Sphinx's ``:term:`` too, as ``termref_std_terms`` resolves it.
    """
    problems: list[Problem] = []
    roles = TERMREF_ROLES + (STD_TERM_ROLES if std_terms else ())
    total = sum(len(term_entries(document)) for document in loaded.documents)
    with Progress("checking", total, stream, unit="terms") as progress:
        for document in loaded.documents:
            for index, entry in enumerate(term_entries(document)):
                progress.advance()
                term = loaded.database.terms.get(str(entry.get("id")))
                if term is None or term.source != document.path:
                    continue  # skipped as broken or duplicate: reported already
                where = ("terms", index)
                problems += _unknown_related(loaded, document, term, entry, where)
                for key, origin in _TEXT_FIELDS.items():
                    text = entry.get(key)
                    if isinstance(text, str):
                        what = f"{origin} of term {term.id!r}"
                        problems += _unknown_in_text(
                            loaded, document, text, roles, what, (*where, key)
                        )
                organizations = entry.get("organizations")
                for number, org in enumerate(
                    organizations if isinstance(organizations, list) else []
                ):
                    text = org.get("description") if isinstance(org, dict) else None
                    if isinstance(text, str):
                        what = f"the description of organization {number + 1} of term {term.id!r}"
                        org_where = (*where, "organizations", number, "description")
                        problems += _unknown_in_text(
                            loaded, document, text, roles, what, org_where
                        )
    return problems


def _unknown_related(
    loaded: Loaded, document: YamlDocument, term: Term, entry: dict[str, object], where: DataPath
) -> list[Problem]:
    problems = []
    related = entry.get("see_also")
    for position, spelling in enumerate(related if isinstance(related, list) else []):
        if not isinstance(spelling, str) or not spelling.strip():
            continue
        if loaded.database.lookup(spelling, inflect=True) is not None:
            continue
        what = f"see_also {spelling.strip()!r} of term {term.id!r}"
        message = unknown_term(what, loaded.database.suggestions(spelling))
        problems.append(document.problem(Subtype.unknown, (*where, "see_also", position), message))
    return problems


def _unknown_in_text(
    loaded: Loaded,
    document: YamlDocument,
    text: str,
    roles: tuple[str, ...],
    origin: str,
    where: DataPath,
) -> list[Problem]:
    """The references in ``text`` that name no term, with the build's message."""
    problems = []
    for spelling in term_references(text, roles):
        if loaded.database.lookup(spelling, inflect=True) is not None:
            continue
        what = f"unknown term {spelling!r} in {origin}"
        project = _project_prefix(spelling)
        if project:
            message = (
                f"{what}: no term here has that name, and {project + ':'!r} may name a "
                "project in intersphinx_mapping, whose terms only the build can see; "
                "pass --external to leave such references to the build, or fix the spelling"
            )
        else:
            message = unknown_term(what, loaded.database.suggestions(spelling))
        problems.append(document.problem(Subtype.unknown, where, message))
    return problems


def _project_prefix(spelling: str) -> str:
    """The ``project`` of a ``project:target`` reference, as intersphinx reads it."""
    project, sep, target = spelling.partition(":")
    if sep and target.strip() and project and project.replace("_", "").replace("-", "").isalnum():
        return project
    return ""


def check(
    entries: Sequence[str],
    external: bool = False,
    stream: TextIO | None = None,
    std_terms: bool = False,
) -> Loaded:
    """Everything ``validate`` reports: the build's problems, and unknown ``see_also``
    entries and term references in text (``:term:`` too, with ``std_terms``).

    With ``external``, they may name terms of other projects (through intersphinx),
    so those that match no term here are not reported.
    """
    loaded = load(entries, stream)
    if external:
        return loaded
    problems = loaded.problems + unknown_see_also(loaded, stream, std_terms)
    return loaded._replace(problems=in_file_order(problems, loaded.files))


def format_problem(problem: Problem) -> str:
    """``file:line:column: message [termref.subtype]``, the form editors link to."""
    location = problem.location.rstrip(":")
    return f"{location}: {problem.message} [termref.{problem.subtype.value}]"


def problem_record(problem: Problem) -> dict[str, object]:
    """A problem as JSON data; line and column are 0 when unknown."""
    return {
        "path": problem.path,
        "line": problem.line,
        "column": problem.column,
        "type": f"termref.{problem.subtype.value}",
        "subtype": problem.subtype.value,
        "severity": problem.severity,
        "message": problem.message,
    }


def term_entries(document: YamlDocument) -> list[dict[str, object]]:
    """The raw entries of ``terms``, in file order; one that is not a mapping is ``{}``."""
    data = document.data
    entries = data.get("terms") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return []
    return [entry if isinstance(entry, dict) else {} for entry in entries]


def in_file_order(problems: list[Problem], files: list[str]) -> list[Problem]:
    """``problems`` in the order of ``files``, then by line and column."""
    order = {path: index for index, path in enumerate(files)}
    return sorted(problems, key=lambda p: (order.get(p.path, -1), p.line, p.column))
