"""``sphinx-termref schema``: print the JSON Schema of database files."""

from __future__ import annotations

import argparse

from ..termdb import json_schema
from .common import OK, command, write


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = command(
        commands,
        "schema",
        run,
        "print the JSON Schema of database files",
        """
        Print the JSON Schema of term database files, for editors with a YAML language
        server: completion, help on hover and type checks while writing a database.
        """,
        """
        sphinx-termref schema -o termref.schema.json
        sphinx-termref schema --path
        """,
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write it to FILE")
    parser.add_argument(
        "--path", action="store_true", help="print where the installed schema file is"
    )


def run(args: argparse.Namespace) -> int:
    if args.path:
        print(json_schema.SCHEMA_PATH)
        return OK
    write(json_schema.render(), args.output)
    return OK
