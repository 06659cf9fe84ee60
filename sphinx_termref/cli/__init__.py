"""The ``sphinx-termref`` command: authoring tools for term databases.

Every subcommand is one module here, which adds its own subparser and whose
``run`` takes the parsed arguments and returns the exit status: 0 for success, 1
when the command found problems or refused to act, 2 for a usage error (a missing
file, a wrong option). Errors are messages, never tracebacks; ``--debug`` shows
the traceback of an unexpected error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from .. import __version__
from . import export, import_glossary, import_skos, new, schema, show, validate
from .common import PROBLEMS, PROG, USAGE, Formatter, Refused, UsageError, say

#: In the order ``--help`` lists them.
COMMANDS = (validate, show, new, import_glossary, import_skos, export, schema)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Authoring tools for sphinx-termref term databases: check them, look\n"
        "terms up, add terms, import a Sphinx glossary or a SKOS vocabulary, export them\n"
        "to other formats.",
        epilog=f"Run '{PROG} COMMAND --help' for a command's options and examples.",
        formatter_class=Formatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback of an unexpected error"
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in COMMANDS:
        module.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return exc.code if isinstance(exc.code, int) else USAGE
    function: Callable[[argparse.Namespace], int] | None = getattr(args, "function", None)
    if function is None:
        parser.print_help(sys.stderr)
        return USAGE
    command: str = args.command
    try:
        return function(args)
    except UsageError as exc:
        say(f"{command}: error: {exc}")
        return USAGE
    except Refused as exc:
        say(f"{command}: {exc}")
        return PROBLEMS
    except KeyboardInterrupt:
        say(f"{command}: interrupted")
        return 130
    except BrokenPipeError:  # the reader of our output went away: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return PROBLEMS
    except Exception as exc:
        if args.debug:
            raise
        say(
            f"{command}: unexpected error: {type(exc).__name__}: {exc}\n"
            f"Run it again with '{PROG} --debug ...' for the traceback, and please report it."
        )
        return 70  # EX_SOFTWARE
