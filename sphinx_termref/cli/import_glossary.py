"""``sphinx-termref import-glossary``: turn a Sphinx ``.. glossary::`` into database YAML."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from ..termdb.database import TermDatabase
from ..termdb.validation import validate
from ..termdb.yaml_source import read_yaml
from ..warnings import Problem
from . import checking
from .choices import DEFINITION_PLACEMENTS
from .common import OK, Refused, command, import_source, note, say, write


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = command(
        commands,
        "import-glossary",
        run,
        "turn a Sphinx '.. glossary::' into database YAML",
        """
        Convert every '.. glossary::' of a reStructuredText file into term database
        YAML, read by Sphinx itself. Per entry: the first term is the name, exactly as
        written, the others are aliases, the first classifier ('term : classifier') the
        category; ids are the names as slugs, symbols spelled out where a slug would be
        empty or taken. The definition keeps its reStructuredText source, block markup
        included, with :term: references rewritten as :termref:; its '.. index::'
        entries and labels become index and labels. By default its first paragraph is
        the summary and the rest the technical definition (see --definition). What
        cannot be carried over is noted on stderr, and a summary line ends the run.
        """,
        """
        sphinx-termref import-glossary docs/glossary.rst -o docs/terms.yaml
        sphinx-termref import-glossary glossary.rst --definition summary > terms.yaml
        """,
    )
    parser.add_argument("file", metavar="FILE.rst", help="a reStructuredText file")
    parser.add_argument(
        "-o", "--output", metavar="OUT.yaml", help="where to write (default: standard output)"
    )
    parser.add_argument(
        "--definition",
        choices=DEFINITION_PLACEMENTS,
        default="split",
        help="split (default): first paragraph -> summary, the rest -> "
        "technical_definition; summary: the leading paragraphs -> summary; "
        "technical-definition: all of it there",
    )
    parser.add_argument("--force", action="store_true", help="overwrite OUT.yaml")


def run(args: argparse.Namespace) -> int:
    # Imported here: only this command reads reStructuredText, through Sphinx.
    from . import glossary_convert

    source = import_source(args.file, args.output, args.force)
    try:
        imported = glossary_convert.import_glossary(source, args.definition)
    except glossary_convert.GlossaryError as exc:
        raise Refused(str(exc)) from exc
    for text in imported.notes:
        note(text)
    problems = check_text(imported.text)
    if problems:  # pragma: no cover - the converter keeps its output valid
        for problem in problems:
            say(checking.format_problem(problem._replace(path=args.output or "<stdout>")))
        raise Refused("the converted database has problems (listed above); please report this")
    write(imported.text, args.output)
    # Where the YAML is not: on the terminal either way.
    to_stdout = bool(args.output) and args.output != "-"
    print(f"{args.file}: {imported.summary()}", file=sys.stdout if to_stdout else sys.stderr)
    return OK


def check_text(text: str) -> list[Problem]:
    """The problems the database ``text`` would have as a file of its own."""
    with tempfile.TemporaryDirectory(prefix="termref-") as temp:
        path = Path(temp) / "terms.yaml"
        path.write_text(text, encoding="utf-8")
        document, problems = read_yaml(path)
        if document is None:
            return problems
        terms, more = validate(document)
        return problems + more + TermDatabase(terms).problems
