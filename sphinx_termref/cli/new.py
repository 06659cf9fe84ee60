"""``sphinx-termref new``: add a skeleton term to a database file."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..termdb.database import TermDatabase
from . import checking, new_term
from .common import OK, PROG, Refused, UsageError, command, existing, note


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = command(
        commands,
        "new",
        run,
        "add a skeleton term to a database file",
        """
        Append a new term with every field, empty and explained by a comment, to a
        database file (created if missing), keeping the file's comments and layout.
        Refused (exit status 1) when the id is not a slug, or the id or name matches an
        id, name or alias of a term in the file or in the --also paths.
        """,
        """
        sphinx-termref new reward-hacking --database docs/terms/optimization.yaml
        sphinx-termref new rlhf --name "RLHF" --database docs/terms/new.yaml --also docs/terms
        """,
    )
    parser.add_argument(
        "id", metavar="ID", help="the new term's id: lowercase letters, digits, hyphens"
    )
    parser.add_argument(
        "-d", "--database", metavar="FILE", required=True, help="the file to add to"
    )
    parser.add_argument("--name", help="the display name (default: from the id, 'Reward Hacking')")
    parser.add_argument(
        "--also",
        metavar="PATH",
        nargs="+",
        action="extend",
        default=[],
        help="other files or directories of the same database; the id and name must be "
        "free there too",
    )


def run(args: argparse.Namespace) -> int:
    target = Path(args.database)
    if target.is_dir():
        raise UsageError(f"--database {args.database!r} is a directory; name a YAML file")
    if not target.parent.is_dir():
        raise UsageError(f"the directory of {args.database!r} does not exist")
    existing(args.also, "--also path")
    paths = [*([args.database] if target.exists() else []), *args.also]
    database = checking.load(paths).database if paths else TermDatabase()
    name = args.name if args.name is not None else new_term.default_name(args.id)
    try:
        added = new_term.append(target, args.id, name, database)
    except new_term.NewTermError as exc:
        raise Refused(str(exc)) from exc
    what = "created" if added.created else "added to"
    print(f"{args.database}:{added.line}: term {args.id!r} ({name}) {what} {args.database}")
    if added.problems:
        note(f"{args.database} had {added.problems} problems already; run {PROG} validate")
    return OK
