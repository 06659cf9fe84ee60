"""``sphinx-termref export``: write the database as JSON, CSV, SKOS or a Vale style."""

from __future__ import annotations

import argparse
from pathlib import Path

from .choices import EXPORT_FORMATS
from .common import OK, Refused, UsageError, command, database_option, load, note, say, write


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = command(
        commands,
        "export",
        run,
        "write the database as JSON, CSV, SKOS or a Vale style",
        """
        Export the database. json: the database's own shape and field names with every
        field ({"schema_version": 1, "terms": [...]}, see_also and broader as ids); it reads back
        as a database file. csv: one row per term, lists joined with '; '.
        skos-jsonld, skos-turtle: a SKOS concept scheme (needs --scheme-uri).
        vale: a Vale style written into the directory -o DIR (a StylesPath): a
        substitution rule for discouraged spellings and deprecated terms, and a
        vocabulary of the names and aliases in use.
        """,
        """
        sphinx-termref export --database docs/terms --format csv -o terms.csv
        sphinx-termref export -d docs/terms --format skos-turtle \\
            --scheme-uri https://example.org/terms/ --language en -o terms.ttl
        sphinx-termref export -d docs/terms --format vale -o styles
        """,
    )
    database_option(parser)
    parser.add_argument(
        "-f",
        "--format",
        choices=EXPORT_FORMATS,
        required=True,
        help="json, csv, skos-jsonld, skos-turtle or vale",
    )
    parser.add_argument(
        "--scheme-uri",
        metavar="URI",
        default="",
        help="SKOS: the concept scheme's URI; a term's concept is URI + id (after '/' or "
        "'#'), else URI#id",
    )
    parser.add_argument(
        "--language", metavar="TAG", default="", help="SKOS: the language of the labels, e.g. en"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="the file to write (default: standard output); for vale, the directory (required)",
    )


def run(args: argparse.Namespace) -> int:
    if args.format == "vale":
        return _vale(args)
    # Imported here: the other commands need none of the formats.
    from . import export_formats as export

    loaded = load(args.database)
    notes: list[str] = []
    try:
        text = export.export(loaded.database, args.format, args.scheme_uri, args.language, notes)
    except export.ExportError as exc:
        raise UsageError(str(exc)) from exc
    for text_note in notes:
        note(text_note)
    write(text, args.output)
    return OK


def _vale(args: argparse.Namespace) -> int:
    from . import vale_style

    if not args.output or args.output == "-":
        raise UsageError(
            "--format vale writes a directory, not one file: name it with -o DIR, the "
            "StylesPath of your .vale.ini (for example -o styles)"
        )
    directory = Path(args.output)
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"-o {args.output!r} is a file; vale needs a directory to write into")
    loaded = load(args.database)
    try:
        written = vale_style.write(loaded.database, directory)
    except OSError as exc:
        where = exc.filename or args.output
        raise Refused(f"cannot write {where}: {exc.strerror}") from exc
    for path, what in written:
        say(f"{path}: {what}")
    return OK
