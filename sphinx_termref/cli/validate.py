"""``sphinx-termref validate``: check database files with the build's rules."""

from __future__ import annotations

import argparse
import json

from . import checking, staleness
from .common import OK, PROBLEMS, command, existing, say, write


def _days(text: str) -> int:
    if not (text.strip().isascii() and text.strip().isdigit()):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of days; write a whole number, 0 or more, such as 365"
        )
    return int(text)


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
        them, with the build's suggestions. With --stale, also reports the terms
        whose 'reviewed' date is older than that many days, or missing, as
        warnings (termref.stale).

        Exit status: 0 no errors (warnings are listed but pass, unless --strict),
        1 errors found, or warnings with --strict, 2 usage error.
        """,
        """
        sphinx-termref validate docs/terms
        sphinx-termref validate terms.yaml more-terms.yaml --format json
        sphinx-termref validate docs/terms --stale 365 --strict
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
        "path, line, column (0 when unknown), type, subtype, severity (error or "
        "warning) and message",
    )
    parser.add_argument(
        "--stale",
        metavar="DAYS",
        type=_days,
        help="warn about each term last reviewed more than DAYS days ago (by its "
        "'reviewed' date; SOURCE_DATE_EPOCH sets today), or never (termref.stale)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="warnings fail the run too: exit status 1 when any problem is found",
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
    today = staleness.today() if args.stale is not None else None  # a bad epoch: exit 2
    loaded = checking.check(args.paths, external=args.external, std_terms=args.std_terms)
    if today is not None:
        stale = staleness.stale_terms(loaded, args.stale, today)
        loaded = loaded._replace(
            problems=checking.in_file_order(loaded.problems + stale, loaded.files)
        )
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
        warnings = sum(problem.severity == "warning" for problem in loaded.problems)
        if warnings:
            found += f" ({warnings} warning{'s' * (warnings != 1)})"
        say(f"{files}, {terms}: {found}")
    failing = [p for p in loaded.problems if args.strict or p.severity == "error"]
    return PROBLEMS if failing else OK
