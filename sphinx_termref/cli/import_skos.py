"""``sphinx-termref import-skos``: turn a SKOS concept scheme into database YAML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import checking
from .common import OK, Refused, UsageError, command, import_source, note, say, write
from .import_glossary import check_text

#: ``--format``: the RDF syntaxes read (``skos_source.FORMATS``, which needs rdflib).
FORMATS = ("turtle", "rdf-xml", "json-ld")
INSTALL = "install sphinx-termref[skos] (pip install 'sphinx-termref[skos]'), which adds rdflib"


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = command(
        commands,
        "import-skos",
        run,
        "turn a SKOS concept scheme into database YAML",
        """
        Convert the concepts of a SKOS file (Turtle, RDF/XML or JSON-LD, told by the
        file name's ending or --format) into term database YAML. Per concept:
        prefLabel -> name, altLabel -> aliases, hiddenLabel -> hidden_aliases,
        definition -> technical_definition, note -> summary, historyNote ->
        background, scopeNote -> usage_note, related -> see_also, broader (and
        narrower, read backwards) -> broader, owl:deprecated true -> status:
        deprecated, dcterms:isReplacedBy -> replaced_by; the id is the notation, else
        the URI's last segment, as a slug. Text is escaped so that it shows as
        written. What cannot be carried over (other properties, text in other
        languages, concepts without a prefLabel, spellings two concepts share) is
        noted on stderr with the concept's URI. Needs rdflib: install
        sphinx-termref[skos].
        """,
        """
        sphinx-termref import-skos vocabulary.ttl -o docs/terms/vocabulary.yaml
        sphinx-termref import-skos thesaurus.rdf --language de > terms.yaml
        sphinx-termref import-skos scheme.data --format json-ld -o terms.yaml
        """,
    )
    parser.add_argument("file", metavar="FILE", help="a SKOS file: .ttl, .rdf/.xml/.owl, .jsonld")
    parser.add_argument(
        "-o", "--output", metavar="OUT.yaml", help="where to write (default: standard output)"
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="the file's syntax (default: from its name: .ttl, .rdf/.xml/.owl, .jsonld/.json)",
    )
    parser.add_argument(
        "--language",
        metavar="TAG",
        help="take the text in this language, e.g. en (default: the text without a "
        "language tag, else the language of most prefLabels)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite OUT.yaml")


def run(args: argparse.Namespace) -> int:
    source = import_source(args.file, args.output, args.force)
    format = args.format or _format_of(source)
    try:
        # Imported here: rdflib is an optional dependency, and only this command needs it.
        from . import skos_source
    except ImportError as exc:
        if not (exc.name or "").startswith("rdflib"):
            raise
        raise Refused(f"reading SKOS needs rdflib: {INSTALL}") from exc
    from . import yaml_writer

    try:
        graph = skos_source.read_graph(source, format)
    except skos_source.SkosError as exc:
        raise Refused(str(exc)) from exc
    imported = skos_source.Importer(graph, args.language)
    for text in imported.notes:
        note(text)
    header = f"Imported from {source.name} by sphinx-termref import-skos."
    text = yaml_writer.database(imported.entries, header)
    problems = check_text(text)
    if problems:  # pragma: no cover - the importer keeps its output valid
        for problem in problems:
            say(checking.format_problem(problem._replace(path=args.output or "<stdout>")))
        raise Refused("the converted database has problems (listed above); please report this")
    write(text, args.output)
    to_stdout = bool(args.output) and args.output != "-"
    count, notes = len(imported.entries), len(imported.notes)
    summary = (
        f"{args.file}: {len(imported.found)} concept{'s' * (len(imported.found) != 1)}, "
        f"{count} term{'s' * (count != 1)}, {notes} note{'s' * (notes != 1)}"
    )
    print(summary, file=sys.stdout if to_stdout else sys.stderr)
    return OK


def _format_of(source: Path) -> str:
    endings = {
        ".ttl": "turtle",
        ".turtle": "turtle",
        ".rdf": "rdf-xml",
        ".xml": "rdf-xml",
        ".owl": "rdf-xml",
        ".jsonld": "json-ld",
        ".json": "json-ld",
    }
    found = endings.get(source.suffix.lower())
    if found is None:
        raise UsageError(
            f"cannot tell the syntax of {str(source)!r} from its name; give --format "
            f"({', '.join(FORMATS)})"
        )
    return found
