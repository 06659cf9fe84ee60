"""``sphinx-termref export``: JSON that reads back as a database, CSV, and SKOS in
JSON-LD and Turtle that RDF parsers read to the same graph."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from helpers import run_cli as run
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF

from sphinx_termref.cli import checking
from sphinx_termref.cli.export_formats import CSV_COLUMNS, SCHEMA_VERSION
from sphinx_termref.termdb.records import Term
from sphinx_termref.termdb.schema import TERM_FIELDS
from sphinx_termref.termdb.validation import validate
from sphinx_termref.termdb.yaml_source import read_yaml

EXAMPLE_TERMS = Path(__file__).parents[2] / "example_docs" / "terms"
# rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
SCHEME = "https://example.org/vocab/"

# Text that needs escaping everywhere: quotes, backslashes, line breaks, tabs and
# characters outside ASCII (the loader refuses control characters in any text).
TRICKY = """\
terms:
  - id: tricky
    name: "Quote \\" and backslash \\\\ term"
    abbreviation: Q&B
    summary: "Line one\\nline two\\twith a tab and \\u00e9\\u2028 \\U0001F600"
    usage_note: |
      A *note* with ``literal`` and a :termref:`plain` reference.

      Second paragraph.
    aliases: ["Ali; as", "Ali, as"]
    hidden_aliases: ["tr1cky"]
    broader: [Plain]
    read_more: https://example.org/tricky
    organizations:
      - name: Org "One"
      - name: Org Two
        url: https://two.example.org
        description: Does things.
    see_also: [plains]
    tags: [a, b]
    labels: [old-label, Other Label]
    index: ["pair: object; type", "single: tricky"]
  - id: plain
    name: Plain
"""

# Governance fields: a replacement named by its name (not its id), a deprecated term
# with none, a draft, and discouraged spellings beside hidden aliases.
GOVERNED = """\
terms:
  - id: new-way
    name: New Way
    aliases: [the new way]
    hidden_aliases: [newway]
    discouraged: [new-way-of-doing, "nu way"]
    owner: Docs team
    reviewed: 2026-01-15
  - id: old-way
    name: Old Way
    aliases: [legacy way]
    status: deprecated
    replaced_by: the new way
    discouraged: [oldway]
    owner: Platform team
    reviewed: 2025-11-02
  - id: gone
    name: Gone Thing
    status: deprecated
  - id: maybe
    name: Maybe Thing
    status: draft
"""


@pytest.fixture
def governed(tmp_path: Path) -> Path:
    path = tmp_path / "governed.yaml"
    path.write_text(GOVERNED, encoding="utf-8")
    assert checking.check([str(path)]).problems == []
    return path


@pytest.fixture
def tricky(tmp_path: Path) -> Path:
    path = tmp_path / "tricky.yaml"
    path.write_text(TRICKY, encoding="utf-8")
    assert checking.check([str(path)]).problems == []
    return path


def terms_of(path: Path) -> list[Term]:
    document, problems = read_yaml(path)
    assert document is not None and problems == []
    terms, problems = validate(document)
    # The loader does not know the export's "schema_version" key yet: until
    # schema.FILE_FIELDS lists it, that is the one problem it may report.
    assert [p for p in problems if "'schema_version'" not in p.message] == []
    return terms


@pytest.mark.parametrize("source", [EXAMPLE_TERMS, "tricky"])
def test_json_round_trip(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tricky: Path, source: Path | str
) -> None:
    """The JSON export, saved as a .yaml file, loads to the same terms."""
    database = checking.load([str(tricky if source == "tricky" else source)]).database
    status, out, _ = run(
        capsys,
        "export",
        "--database",
        str(tricky if source == "tricky" else source),
        "--format",
        "json",
    )
    assert status == 0
    copy = tmp_path / "exported.yaml"
    copy.write_text(out, encoding="utf-8")
    expected = [
        term._replace(
            see_also=tuple(
                dict.fromkeys(
                    (found.id if (found := database.lookup(s, inflect=True)) else s)
                    for s in term.see_also
                )
            ),
            broader=tuple(found.id for found in database.broader(term)),
        ).content()
        for term in database
    ]
    assert [term.content() for term in terms_of(copy)] == expected


def test_json_shape(capsys: pytest.CaptureFixture[str], tricky: Path) -> None:
    status, out, _ = run(capsys, "export", "-d", str(tricky), "-f", "json")
    assert status == 0
    data = json.loads(out)
    assert list(data) == ["schema_version", "terms"]
    assert data["schema_version"] == SCHEMA_VERSION == 1
    tricky_term, plain = data["terms"]
    assert list(tricky_term) == list(TERM_FIELDS) == list(plain)
    assert tricky_term["abbreviation"] == "Q&B"
    assert tricky_term["see_also"] == ["plain"]  # resolved to the id, through "plains"
    assert tricky_term["broader"] == ["plain"]  # resolved to the id, from the name
    assert tricky_term["read_more"] == {"url": "https://example.org/tricky", "label": ""}
    assert tricky_term["organizations"][0] == {"name": 'Org "One"', "description": "", "url": None}
    assert tricky_term["summary"].endswith("\u00e9\u2028 \U0001f600")
    assert "\u2028" not in out  # escaped: YAML readers take it for a line break
    assert plain == {
        "id": "plain",
        "name": "Plain",
        "abbreviation": None,
        "category": "",
        "summary": "",
        "technical_definition": "",
        "background": "",
        "read_more": None,
        "aliases": [],
        "hidden_aliases": [],
        "broader": [],
        "usage_note": "",
        "organizations": [],
        "see_also": [],
        "tags": [],
        "labels": [],
        "index": [],
        "status": "approved",
        "replaced_by": "",
        "discouraged": [],
        "owner": "",
        "reviewed": None,
        "autolink": True,
    }


def test_csv(capsys: pytest.CaptureFixture[str], tricky: Path, tmp_path: Path) -> None:
    output = tmp_path / "terms.csv"
    status, out, _ = run(capsys, "export", "-d", str(tricky), "-f", "csv", "-o", str(output))
    assert (status, out) == (0, "")
    with output.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [row["id"] for row in rows] == ["tricky", "plain"]
    row = rows[0]
    assert row["name"] == 'Quote " and backslash \\ term'
    assert row["abbreviation"] == "Q&B"
    assert rows[1]["abbreviation"] == ""
    assert row["aliases"] == "Ali; as; Ali, as"
    assert row["organizations"] == 'Org "One"; Org Two'
    assert row["see_also"] == "plain"
    assert row["broader"] == "plain"
    assert rows[1]["broader"] == ""
    assert row["read_more_url"] == "https://example.org/tricky"
    assert row["usage_note"].startswith("A *note* with ``literal``")  # markup kept
    assert "\n\nSecond paragraph." in row["usage_note"]
    assert row["tags"] == "a; b"
    assert row["labels"] == "old-label; other label"  # as :ref: compares them
    assert row["index"] == "pair: object; type\nsingle: tricky"


def test_json_and_csv_carry_the_governance_fields(
    capsys: pytest.CaptureFixture[str], governed: Path
) -> None:
    status, out, _ = run(capsys, "export", "-d", str(governed), "-f", "json")
    assert status == 0
    fields = ("status", "replaced_by", "discouraged", "owner", "reviewed")
    by_id = {term["id"]: {key: term[key] for key in fields} for term in json.loads(out)["terms"]}
    assert by_id == {
        "new-way": {
            "status": "approved",
            "replaced_by": "",
            "discouraged": ["new-way-of-doing", "nu way"],
            "owner": "Docs team",
            "reviewed": "2026-01-15",
        },
        "old-way": {
            "status": "deprecated",
            "replaced_by": "the new way",  # as written, so that it reads back
            "discouraged": ["oldway"],
            "owner": "Platform team",
            "reviewed": "2025-11-02",
        },
        "gone": {
            "status": "deprecated",
            "replaced_by": "",
            "discouraged": [],
            "owner": "",
            "reviewed": None,
        },
        "maybe": {
            "status": "draft",
            "replaced_by": "",
            "discouraged": [],
            "owner": "",
            "reviewed": None,
        },
    }
    status, out, _ = run(capsys, "export", "-d", str(governed), "-f", "csv")
    assert status == 0
    rows = {
        row["id"]: {key: row[key] for key in fields} for row in csv.DictReader(io.StringIO(out))
    }
    assert rows["new-way"] == {
        "status": "approved",
        "replaced_by": "",
        "discouraged": "new-way-of-doing; nu way",
        "owner": "Docs team",
        "reviewed": "2026-01-15",
    }
    assert rows["old-way"] == {
        "status": "deprecated",
        "replaced_by": "the new way",
        "discouraged": "oldway",
        "owner": "Platform team",
        "reviewed": "2025-11-02",
    }
    assert rows["gone"]["status"] == "deprecated"
    assert rows["maybe"]["status"] == "draft"


def skos_graph(capsys: pytest.CaptureFixture[str], path: Path, fmt: str, *more: str) -> Graph:
    status, out, err = run(
        capsys, "export", "-d", str(path), "-f", fmt, "--scheme-uri", SCHEME, *more
    )
    assert status == 0, err
    return Graph().parse(data=out, format="turtle" if fmt == "skos-turtle" else "json-ld")


@pytest.mark.parametrize("fmt", ["skos-turtle", "skos-jsonld"])
def test_skos(capsys: pytest.CaptureFixture[str], tricky: Path, fmt: str) -> None:
    graph = skos_graph(capsys, tricky, fmt, "--language", "en")
    scheme = URIRef(SCHEME)
    concept = URIRef(SCHEME + "tricky")
    plain = URIRef(SCHEME + "plain")
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    # Plain is broader than tricky: the one top concept.
    assert set(graph.objects(scheme, SKOS.hasTopConcept)) == {plain}
    assert set(graph.objects(concept, SKOS.broader)) == {plain}
    assert set(graph.objects(plain, SKOS.narrower)) == {concept}
    assert (concept, RDF.type, SKOS.Concept) in graph
    assert (concept, SKOS.inScheme, scheme) in graph
    assert (concept, SKOS.notation, Literal("tricky")) in graph

    def en(text: str) -> Literal:
        return Literal(text, lang="en")

    assert set(graph.objects(concept, SKOS.prefLabel)) == {en('Quote " and backslash \\ term')}
    assert set(graph.objects(concept, SKOS.altLabel)) == {en("Q&B"), en("Ali; as"), en("Ali, as")}
    assert set(graph.objects(concept, SKOS.hiddenLabel)) == {en("tr1cky")}
    # Markup removed; paragraphs kept apart. No technical definition: the summary defines.
    assert set(graph.objects(concept, SKOS.definition)) == {
        en("Line one line two with a tab and \u00e9 \U0001f600")
    }
    assert set(graph.objects(concept, SKOS.scopeNote)) == {
        en("A note with literal and a plain reference.\n\nSecond paragraph.")
    }
    # Its see-also is its broader term, which SKOS does not let be related too.
    assert set(graph.objects(concept, SKOS.related)) == set()
    assert set(graph.objects(plain, SKOS.prefLabel)) == {en("Plain")}
    assert set(graph.objects(plain, SKOS.definition)) == set()


@pytest.mark.parametrize("fmt", ["skos-turtle", "skos-jsonld"])
def test_skos_governance(capsys: pytest.CaptureFixture[str], governed: Path, fmt: str) -> None:
    graph = skos_graph(capsys, governed, fmt, "--language", "en")
    new, old, gone, maybe = (URIRef(SCHEME + i) for i in ("new-way", "old-way", "gone", "maybe"))
    true = Literal(True)
    assert true.datatype == URIRef("http://www.w3.org/2001/XMLSchema#boolean")
    assert set(graph.subject_objects(OWL.deprecated)) == {(old, true), (gone, true)}
    # replaced_by names the term by an alias; the concept is found by its id.
    assert set(graph.subject_objects(DCTERMS.isReplacedBy)) == {(old, new)}
    assert set(graph.objects(new, SKOS.hiddenLabel)) == {
        Literal("newway", lang="en"),
        Literal("new-way-of-doing", lang="en"),
        Literal("nu way", lang="en"),
    }
    assert set(graph.objects(old, SKOS.hiddenLabel)) == {Literal("oldway", lang="en")}
    assert set(graph.objects(maybe, SKOS.hiddenLabel)) == set()
    assert (new, SKOS.prefLabel, Literal("New Way", lang="en")) in graph


def test_skos_governance_formats_agree(capsys: pytest.CaptureFixture[str], governed: Path) -> None:
    assert isomorphic(
        skos_graph(capsys, governed, "skos-turtle"), skos_graph(capsys, governed, "skos-jsonld")
    )


def test_skos_formats_agree(capsys: pytest.CaptureFixture[str]) -> None:
    turtle = skos_graph(capsys, EXAMPLE_TERMS, "skos-turtle")
    jsonld = skos_graph(capsys, EXAMPLE_TERMS, "skos-jsonld")
    assert len(turtle) > 100
    assert isomorphic(turtle, jsonld)
    mesa = URIRef(SCHEME + "mesa-optimization")
    assert (mesa, SKOS.prefLabel, Literal("Mesa-Optimization")) in turtle
    # With a technical definition, that is the definition and the summary a note.
    [definition] = turtle.objects(mesa, SKOS.definition)
    assert str(definition).startswith("Mesa-optimization refers to the phenomenon")
    [note] = turtle.objects(mesa, SKOS.note)
    assert str(note).startswith("This happens when an AI system")
    assert URIRef(SCHEME + "base-optimizer") in set(turtle.objects(mesa, SKOS.related))


def test_concepts_as_fragments(capsys: pytest.CaptureFixture[str], tricky: Path) -> None:
    status, out, _ = run(
        capsys, "export", "-d", str(tricky), "-f", "skos-turtle", "--scheme-uri", "urn:x:v"
    )
    assert status == 0
    graph = Graph().parse(data=out, format="turtle")
    assert (URIRef("urn:x:v#tricky"), SKOS.inScheme, URIRef("urn:x:v")) in graph


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ([], "--scheme-uri is required for skos-turtle"),
        (["--scheme-uri", "vocab/"], "it is not absolute"),
        (["--scheme-uri", "https://x.org/a b"], "white space"),
        (["--scheme-uri", "https://x.org/", "--language", "en_GB"], "not a language tag"),
    ],
)
def test_bad_skos_options(
    capsys: pytest.CaptureFixture[str], tricky: Path, options: list[str], message: str
) -> None:
    status, out, err = run(capsys, "export", "-d", str(tricky), "-f", "skos-turtle", *options)
    assert (status, out) == (2, "")
    assert err.startswith("sphinx-termref export: error: ")
    assert message in err


def test_unknown_format(capsys: pytest.CaptureFixture[str], tricky: Path) -> None:
    status, _, err = run(capsys, "export", "-d", str(tricky), "-f", "xml")
    assert status == 2
    assert "invalid choice: 'xml'" in err


def test_unwritable_output(
    capsys: pytest.CaptureFixture[str], tricky: Path, tmp_path: Path
) -> None:
    output = tmp_path / "missing-dir" / "out.json"
    status, _, err = run(capsys, "export", "-d", str(tricky), "-f", "json", "-o", str(output))
    assert status == 1
    assert f"cannot write {output}: No such file or directory" in err


def test_many_terms_no_bar_off_a_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Thousands of terms export; stderr is not a terminal here, so no progress bar."""
    path = tmp_path / "many.yaml"
    path.write_text(
        "terms:\n"
        + "".join(
            f"  - id: term-{i}\n    name: Term {i}\n    see_also: [term-{i // 2}]\n"
            for i in range(3000)
        ),
        encoding="utf-8",
    )
    status, out, err = run(capsys, "export", "-d", str(path), "-f", "csv")
    assert status == 0
    assert len(list(csv.reader(io.StringIO(out)))) == 3001
    assert err == ""
