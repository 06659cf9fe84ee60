"""The SKOS export of the hierarchy: broader, narrower and top concepts, read back
with rdflib and checked against the SKOS integrity conditions that apply."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from helpers import run_cli as run
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS

# rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")
SCHEME = "https://example.org/terms/"
TERMS = """\
terms:
  - id: animal
    name: Animal
    see_also: [plant]
  - id: plant
    name: Plant
  - id: mammal
    name: Mammal
    broader: [animal]
    see_also: [animal]
  - id: cat
    name: Cat
    aliases: [Feline]
    broader: [Mammal]
    see_also: [animal, dog, plant]
  - id: dog
    name: Dog
    broader: [mammal, Pet]
    see_also: [cat]
  - id: pet
    name: Pet
    see_also: [dog]
"""


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "terms.yaml"
    path.write_text(TERMS, encoding="utf-8")
    return path


def export(capsys: pytest.CaptureFixture[str], path: Path, fmt: str) -> tuple[Graph, str]:
    status, out, err = run(
        capsys, "export", "-d", str(path), "-f", fmt, "--scheme-uri", SCHEME, "--language", "en"
    )
    assert status == 0, err
    return Graph().parse(data=out, format="turtle" if fmt == "skos-turtle" else "json-ld"), err


def c(term_id: str) -> URIRef:
    return URIRef(SCHEME + term_id)


@pytest.mark.parametrize("fmt", ["skos-turtle", "skos-jsonld"])
def test_broader_narrower_and_top_concepts(
    capsys: pytest.CaptureFixture[str], database: Path, fmt: str
) -> None:
    graph, err = export(capsys, database, fmt)
    scheme = URIRef(SCHEME)
    assert set(graph.subject_objects(SKOS.broader)) == {
        (c("mammal"), c("animal")),
        (c("cat"), c("mammal")),
        (c("dog"), c("mammal")),
        (c("dog"), c("pet")),
    }
    # skos:narrower is the inverse of skos:broader, both written.
    assert set(graph.subject_objects(SKOS.narrower)) == {
        (above, below) for below, above in graph.subject_objects(SKOS.broader)
    }
    # The top concepts are those without a broader concept, both ways round.
    top = {c("animal"), c("plant"), c("pet")}
    assert set(graph.objects(scheme, SKOS.hasTopConcept)) == top
    assert set(graph.subjects(SKOS.topConceptOf, scheme)) == top
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert set(graph.subjects(SKOS.inScheme, scheme)) == concepts
    # A see-also to a term above or below, at any depth, is not a skos:related.
    assert set(graph.subject_objects(SKOS.related)) == {
        (c("animal"), c("plant")),
        (c("cat"), c("dog")),
        (c("cat"), c("plant")),
        (c("dog"), c("cat")),
    }
    assert err.splitlines() == [
        "note: term 'mammal': see-also 'animal' is a broader term of it, and SKOS does not "
        "let a concept be related to one above or below it; skos:related left out",
        "note: term 'cat': see-also 'animal' is a broader term of it, and SKOS does not "
        "let a concept be related to one above or below it; skos:related left out",
        "note: term 'pet': see-also 'dog' is a narrower term of it, and SKOS does not "
        "let a concept be related to one above or below it; skos:related left out",
    ]
    check_integrity(graph)


def check_integrity(graph: Graph) -> None:
    """The SKOS integrity conditions that an export can break."""
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    # S9: a concept scheme is not a concept.
    assert not concepts & set(graph.subjects(RDF.type, SKOS.ConceptScheme))
    for concept in concepts:
        # S14: at most one prefLabel per language.
        languages = [label.language for label in graph.objects(concept, SKOS.prefLabel)]
        assert len(languages) == len(set(languages)), concept
        # S13: prefLabel, altLabel and hiddenLabel are pairwise disjoint.
        labels = [set(graph.objects(concept, p)) for p in (SKOS.prefLabel, SKOS.altLabel)]
        labels.append(set(graph.objects(concept, SKOS.hiddenLabel)))
        assert not labels[0] & labels[1] and not labels[0] & labels[2], concept
        assert not labels[1] & labels[2], concept
        # S27: skos:related is disjoint with skos:broaderTransitive (either way round).
        above = set(graph.transitive_objects(concept, SKOS.broader)) - {concept}
        below = set(graph.transitive_subjects(SKOS.broader, concept)) - {concept}
        assert not set(graph.objects(concept, SKOS.related)) & (above | below), concept
        # No concept is broader than itself (the hierarchy has no cycle).
        assert concept not in above


def test_the_formats_agree(capsys: pytest.CaptureFixture[str], database: Path) -> None:
    turtle, _ = export(capsys, database, "skos-turtle")
    jsonld, _ = export(capsys, database, "skos-jsonld")
    assert isomorphic(turtle, jsonld)


def test_the_hierarchy_imports_back(
    capsys: pytest.CaptureFixture[str], database: Path, tmp_path: Path
) -> None:
    status, out, err = run(
        capsys, "export", "-d", str(database), "-f", "skos-turtle", "--scheme-uri", SCHEME
    )
    assert status == 0, err
    exported = tmp_path / "terms.ttl"
    exported.write_text(out, encoding="utf-8")
    status, out, err = run(capsys, "import-skos", str(exported))
    assert status == 0, err
    terms = {term["id"]: term for term in yaml.safe_load(out)["terms"]}
    assert {term_id: term.get("broader") for term_id, term in terms.items()} == {
        "animal": None,
        "cat": ["mammal"],
        "dog": ["mammal", "pet"],
        "mammal": ["animal"],
        "pet": None,
        "plant": None,
    }


def test_the_example_database_keeps_the_integrity_conditions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    example = Path(__file__).parents[2] / "example_docs" / "terms"
    graph, _ = export(capsys, example, "skos-turtle")
    check_integrity(graph)
