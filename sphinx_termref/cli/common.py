"""What every command shares: exit statuses, errors, messages, output and options."""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

from . import checking

PROG = "sphinx-termref"

OK, PROBLEMS, USAGE = 0, 1, 2


class UsageError(Exception):
    """A command line that cannot be carried out as written (exit status 2)."""


class Refused(Exception):
    """The command cannot do what was asked; the message says why (exit status 1)."""


def say(message: str) -> None:
    print(message, file=sys.stderr)


def note(message: str) -> None:
    say(f"note: {message}")


def existing(paths: Sequence[str], what: str) -> None:
    missing = checking.missing_paths(paths)
    if missing:
        raise UsageError(
            f"{what} {missing[0]!r} does not exist (looked for {Path(missing[0]).absolute()})"
        )


def import_source(file: str, output: str | None, force: bool) -> Path:
    """The file an import command reads; an existing output is kept without ``force``."""
    existing([file], "file")
    source = Path(file)
    if not source.is_file():
        raise UsageError(f"{file!r} is not a file")
    if output and output != "-" and Path(output).exists() and not force:
        raise Refused(f"{output} exists already; use --force to overwrite it")
    return source


def load(paths: Sequence[str]) -> checking.Loaded:
    """The database of ``paths``; problems are counted on stderr, not listed."""
    existing(paths, "database")
    loaded = checking.load(paths)
    if loaded.problems:
        count = len(loaded.problems)
        note(
            f"the database has {count} problem{'s' * (count != 1)}; broken terms are left "
            f"out. See them with: {PROG} validate {' '.join(paths)}"
        )
    return loaded


def write(text: str, output: str | None) -> None:
    """``text`` to the file ``output``, or to standard output."""
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        with open(output, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
    except OSError as exc:
        raise Refused(f"cannot write {output}: {exc.strerror}") from exc


class Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30)


def command(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    name: str,
    function: Callable[[argparse.Namespace], int],
    summary: str,
    description: str,
    examples: str,
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=summary,
        description=textwrap.dedent(description).strip(),
        epilog="examples:\n" + textwrap.indent(textwrap.dedent(examples).strip(), "  "),
        formatter_class=Formatter,
    )
    parser.set_defaults(function=function, command=f"{PROG} {name}")
    return parser


def database_option(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument(
        "-d",
        "--database",
        metavar="PATH",
        nargs="+",
        action="extend",
        required=required,
        help="database files or directories (every *.yaml/*.yml below), or "
        "package:NAME[/sub/dir], as in termref_databases",
    )
