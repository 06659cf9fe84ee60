"""``sphinx-termref export``: write the database as JSON, CSV or SKOS."""

from __future__ import annotations

import argparse

from .choices import EXPORT_FORMATS
from .common import OK, UsageError, command, database_option, load, write


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = command(
        commands,
        "export",
        run,
        "write the database as JSON, CSV or SKOS",
        """
        Export the database. json: the database's own shape and field names with every
        field ({"schema_version": 1, "terms": [...]}, see_also as ids); it reads back
        as a database file. csv: one row per term, lists joined with '; '.
        skos-jsonld, skos-turtle: a SKOS concept scheme (needs --scheme-uri).
        """,
        """
        sphinx-termref export --database docs/terms --format csv -o terms.csv
        sphinx-termref export -d docs/terms --format skos-turtle \\
            --scheme-uri https://example.org/terms/ --language en -o terms.ttl
        """,
    )
    database_option(parser)
    parser.add_argument(
        "-f",
        "--format",
        choices=EXPORT_FORMATS,
        required=True,
        help="json, csv, skos-jsonld or skos-turtle",
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
        "-o", "--output", metavar="FILE", help="where to write (default: standard output)"
    )


def run(args: argparse.Namespace) -> int:
    # Imported here: the other commands need none of the formats.
    from . import export_formats as export

    loaded = load(args.database)
    try:
        text = export.export(loaded.database, args.format, args.scheme_uri, args.language)
    except export.ExportError as exc:
        raise UsageError(str(exc)) from exc
    write(text, args.output)
    return OK
