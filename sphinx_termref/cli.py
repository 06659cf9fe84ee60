"""The ``sphinx-termref`` command: authoring tools for term databases.

Every subcommand is one function below, taking the parsed arguments and returning
the exit status: 0 for success, 1 when the command found problems or refused to
act, 2 for a usage error (a missing file, a wrong option). Errors are messages,
never tracebacks; ``--debug`` shows the traceback of an unexpected error.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__, checking, export, import_glossary, json_schema, new_term, text_card
from .database import TermDatabase
from .validation import validate
from .warnings import Problem, unknown_term
from .yaml_source import read_yaml

PROG = "sphinx-termref"

OK, PROBLEMS, USAGE = 0, 1, 2


class UsageError(Exception):
    """A command line that cannot be carried out as written (exit status 2)."""


class Refused(Exception):
    """The command cannot do what was asked; the message says why (exit status 1)."""


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _note(message: str) -> None:
    _say(f"note: {message}")


def _existing(paths: Sequence[str], what: str) -> None:
    missing = checking.missing_paths(paths)
    if missing:
        raise UsageError(
            f"{what} {missing[0]!r} does not exist (looked for {Path(missing[0]).absolute()})"
        )


def _load(paths: Sequence[str]) -> checking.Loaded:
    """The database of ``paths``; problems are counted on stderr, not listed."""
    _existing(paths, "database")
    loaded = checking.load(paths)
    if loaded.problems:
        count = len(loaded.problems)
        _note(
            f"the database has {count} problem{'s' * (count != 1)}; broken terms are left "
            f"out. See them with: {PROG} validate {' '.join(paths)}"
        )
    return loaded


def _write(text: str, output: str | None) -> None:
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


def _check_text(text: str) -> list[Problem]:
    """The problems the database ``text`` would have as a file of its own."""
    with tempfile.TemporaryDirectory(prefix="termref-") as temp:
        path = Path(temp) / "terms.yaml"
        path.write_text(text, encoding="utf-8")
        document, problems = read_yaml(path)
        if document is None:
            return problems
        terms, more = validate(document)
        return problems + more + TermDatabase(terms).problems


# --- the commands ---------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    _existing(args.paths, "path")
    loaded = checking.check(args.paths, external=args.external, std_terms=args.std_terms)
    if args.format == "json":
        records = [checking.problem_record(problem) for problem in loaded.problems]
        _write(json.dumps(records, indent=2, ensure_ascii=False) + "\n", None)
    else:
        for problem in loaded.problems:
            print(checking.format_problem(problem))
        files = f"{len(loaded.files)} file{'s' * (len(loaded.files) != 1)}"
        terms = f"{len(loaded.database)} term{'s' * (len(loaded.database) != 1)}"
        count = len(loaded.problems)
        found = f"{count} problem{'s' * (count != 1)}" if count else "no problems"
        _say(f"{files}, {terms}: {found}")
    return PROBLEMS if loaded.problems else OK


def cmd_show(args: argparse.Namespace) -> int:
    loaded = _load(args.database)
    term = loaded.database.lookup(args.term, inflect=True)
    if term is None:
        suggestions = loaded.database.suggestions(args.term)
        raise Refused(unknown_term(repr(args.term), suggestions))
    width = args.width or min(shutil.get_terminal_size().columns, 100)
    sys.stdout.write(text_card.render(term, loaded.database, max(width, 20)))
    _say(f"(term {term.id!r}, {term.location})")
    return OK


def cmd_new(args: argparse.Namespace) -> int:
    target = Path(args.database)
    if target.is_dir():
        raise UsageError(f"--database {args.database!r} is a directory; name a YAML file")
    if not target.parent.is_dir():
        raise UsageError(f"the directory of {args.database!r} does not exist")
    _existing(args.also, "--also path")
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
        _note(f"{args.database} had {added.problems} problems already; run {PROG} validate")
    return OK


def cmd_import_glossary(args: argparse.Namespace) -> int:
    _existing([args.file], "file")
    source = Path(args.file)
    if not source.is_file():
        raise UsageError(f"{args.file!r} is not a file")
    if args.output and args.output != "-" and Path(args.output).exists() and not args.force:
        raise Refused(f"{args.output} exists already; use --force to overwrite it")
    try:
        imported = import_glossary.import_glossary(source, args.definition)
    except import_glossary.GlossaryError as exc:
        raise Refused(str(exc)) from exc
    for note in imported.notes:
        _note(note)
    problems = _check_text(imported.text)
    if problems:  # pragma: no cover - the converter keeps its output valid
        for problem in problems:
            _say(checking.format_problem(problem._replace(path=args.output or "<stdout>")))
        raise Refused("the converted database has problems (listed above); please report this")
    _write(imported.text, args.output)
    # Where the YAML is not: on the terminal either way.
    to_stdout = bool(args.output) and args.output != "-"
    print(f"{args.file}: {imported.summary()}", file=sys.stdout if to_stdout else sys.stderr)
    return OK


def cmd_export(args: argparse.Namespace) -> int:
    loaded = _load(args.database)
    try:
        text = export.export(loaded.database, args.format, args.scheme_uri, args.language)
    except export.ExportError as exc:
        raise UsageError(str(exc)) from exc
    _write(text, args.output)
    return OK


def cmd_schema(args: argparse.Namespace) -> int:
    if args.path:
        print(json_schema.SCHEMA_PATH)
        return OK
    _write(json_schema.render(), args.output)
    return OK


# --- the parser -----------------------------------------------------------------


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30)


def _command(
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
        formatter_class=_Formatter,
    )
    parser.set_defaults(function=function, command=f"{PROG} {name}")
    return parser


def _database_option(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument(
        "-d",
        "--database",
        metavar="PATH",
        nargs="+",
        action="extend",
        required=required,
        help="database files or directories (every *.yaml/*.yml below), as in termref_databases",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Authoring tools for sphinx-termref term databases: check them, look\n"
        "terms up, add terms, import a Sphinx glossary, export them to other formats.",
        epilog=f"Run '{PROG} COMMAND --help' for a command's options and examples.",
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback of an unexpected error"
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    validate_ = _command(
        commands,
        "validate",
        cmd_validate,
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
    validate_.add_argument("paths", metavar="PATH", nargs="+", help="files or directories")
    validate_.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (default): one line per problem; json: a list of problems with "
        "path, line, column (0 when unknown), type, subtype and message",
    )
    validate_.add_argument(
        "--external",
        action="store_true",
        help="see_also and references may name terms of other projects (through "
        "intersphinx): do not report those that match no term in these files",
    )
    validate_.add_argument(
        "--std-terms",
        action="store_true",
        help="check Sphinx's own :term: references in text too, as a build with "
        "termref_std_terms = True resolves them through the database",
    )

    show = _command(
        commands,
        "show",
        cmd_show,
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
    show.add_argument("term", metavar="TERM", help="an id, name or alias")
    _database_option(show)
    show.add_argument(
        "--width", type=int, default=0, help="wrap lines at this width (default: the terminal)"
    )

    new = _command(
        commands,
        "new",
        cmd_new,
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
    new.add_argument(
        "id", metavar="ID", help="the new term's id: lowercase letters, digits, hyphens"
    )
    new.add_argument("-d", "--database", metavar="FILE", required=True, help="the file to add to")
    new.add_argument("--name", help="the display name (default: from the id, 'Reward Hacking')")
    new.add_argument(
        "--also",
        metavar="PATH",
        nargs="+",
        action="extend",
        default=[],
        help="other files or directories of the same database; the id and name must be "
        "free there too",
    )

    glossary = _command(
        commands,
        "import-glossary",
        cmd_import_glossary,
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
    glossary.add_argument("file", metavar="FILE.rst", help="a reStructuredText file")
    glossary.add_argument(
        "-o", "--output", metavar="OUT.yaml", help="where to write (default: standard output)"
    )
    glossary.add_argument(
        "--definition",
        choices=import_glossary.PLACEMENTS,
        default="split",
        help="split (default): first paragraph -> summary, the rest -> "
        "technical_definition; summary: the leading paragraphs -> summary; "
        "technical-definition: all of it there",
    )
    glossary.add_argument("--force", action="store_true", help="overwrite OUT.yaml")

    export_ = _command(
        commands,
        "export",
        cmd_export,
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
    _database_option(export_)
    export_.add_argument(
        "-f",
        "--format",
        choices=export.FORMATS,
        required=True,
        help="json, csv, skos-jsonld or skos-turtle",
    )
    export_.add_argument(
        "--scheme-uri",
        metavar="URI",
        default="",
        help="SKOS: the concept scheme's URI; a term's concept is URI + id (after '/' or "
        "'#'), else URI#id",
    )
    export_.add_argument(
        "--language", metavar="TAG", default="", help="SKOS: the language of the labels, e.g. en"
    )
    export_.add_argument(
        "-o", "--output", metavar="FILE", help="where to write (default: standard output)"
    )

    schema = _command(
        commands,
        "schema",
        cmd_schema,
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
    schema.add_argument("-o", "--output", metavar="FILE", help="write it to FILE")
    schema.add_argument(
        "--path", action="store_true", help="print where the installed schema file is"
    )
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
        _say(f"{command}: error: {exc}")
        return USAGE
    except Refused as exc:
        _say(f"{command}: {exc}")
        return PROBLEMS
    except KeyboardInterrupt:
        _say(f"{command}: interrupted")
        return 130
    except BrokenPipeError:  # the reader of our output went away: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return PROBLEMS
    except Exception as exc:
        if args.debug:
            raise
        _say(
            f"{command}: unexpected error: {type(exc).__name__}: {exc}\n"
            f"Run it again with '{PROG} --debug ...' for the traceback, and please report it."
        )
        return 70  # EX_SOFTWARE
