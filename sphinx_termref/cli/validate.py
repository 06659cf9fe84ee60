"""``sphinx-termref validate``: check database files with the build's rules."""

from __future__ import annotations

import argparse
import json

from . import checking
from .common import OK, PROBLEMS, command, existing, say, write


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = command(
        commands,
        "validate",
        run,
        "check database files with the build's rules",
        """
        Check database files with the same rules as a Sphinx build, and report every
        problem at once as 'file:line:column: message [termref.<subtype>]'. Also
        reports see_also entries and :termref: references in text fields that name
        no term (termref.unknown), which a build reports only where a card shows
        them, with the build's suggestions.

        Exit status: 0 no problems, 1 problems found, 2 usage error.
        """,
        """
        sphinx-termref validate docs/terms
        sphinx-termref validate terms.yaml more-terms.yaml --format json
        """,
    )
    parser.add_argument(
        "paths", metavar="PATH", nargs="+", help="files or directories, or package:NAME[/sub/dir]"
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (default): one line per problem; json: a list of problems with "
        "path, line, column (0 when unknown), type, subtype and message",
    )
    parser.add_argument(
        "--external",
        action="store_true",
        help="see_also and references may name terms of other projects (through "
        "intersphinx): do not report those that match no term in these files",
    )
    parser.add_argument(
        "--std-terms",
        action="store_true",
        help="check Sphinx's own :term: references in text too, as a build with "
        "termref_std_terms = True resolves them through the database",
    )


def run(args: argparse.Namespace) -> int:
    existing(args.paths, "path")
    loaded = checking.check(args.paths, external=args.external, std_terms=args.std_terms)
    if args.format == "json":
        records = [checking.problem_record(problem) for problem in loaded.problems]
        write(json.dumps(records, indent=2, ensure_ascii=False) + "\n", None)
    else:
        for problem in loaded.problems:
            print(checking.format_problem(problem))
        files = f"{len(loaded.files)} file{'s' * (len(loaded.files) != 1)}"
        terms = f"{len(loaded.database)} term{'s' * (len(loaded.database) != 1)}"
        count = len(loaded.problems)
        found = f"{count} problem{'s' * (count != 1)}" if count else "no problems"
        say(f"{files}, {terms}: {found}")
    return PROBLEMS if loaded.problems else OK
