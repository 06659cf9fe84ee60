"""``sphinx-termref show``: print a term's card in the terminal."""

from __future__ import annotations

import argparse
import shutil
import sys

from ..warnings import unknown_term
from .common import OK, Refused, command, database_option, load, say


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = command(
        commands,
        "show",
        run,
        "print a term's card in the terminal",
        """
        Print the card of a term, found by id, name or alias with the build's matching
        (any case and spelling variant, plural or singular), with inline markup reduced
        to plain text. An unknown term gets the closest matches and exit status 1.
        """,
        """
        sphinx-termref show "learned optimizers" --database docs/terms
        """,
    )
    parser.add_argument("term", metavar="TERM", help="an id, name or alias")
    database_option(parser)
    parser.add_argument(
        "--width", type=int, default=0, help="wrap lines at this width (default: the terminal)"
    )


def run(args: argparse.Namespace) -> int:
    # Imported here: the card's labels are Sphinx's translations.
    from . import text_card

    loaded = load(args.database)
    term = loaded.database.lookup(args.term, inflect=True)
    if term is None:
        suggestions = loaded.database.suggestions(args.term)
        raise Refused(unknown_term(repr(args.term), suggestions))
    width = args.width or min(shutil.get_terminal_size().columns, 100)
    sys.stdout.write(text_card.render(term, loaded.database, max(width, 20)))
    say(f"(term {term.id!r}, {term.location})")
    return OK
