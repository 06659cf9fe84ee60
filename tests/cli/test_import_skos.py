"""``sphinx-termref import-skos``: a SKOS concept scheme becomes a database that
validates, with every field mapped and everything else reported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import project, squash
from helpers import run_cli as run

from sphinx_termref.cli import checking
from sphinx_termref.cli.export_formats import turtle_string
from sphinx_termref.termdb import plain_blocks
from sphinx_termref.termdb.plain_text import plain_text
from sphinx_termref.termdb.text_layout import paragraphs

EXAMPLE_TERMS = Path(__file__).parents[2] / "example_docs" / "terms"
# rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")

# The same small scheme in the three syntaxes, each written by hand.
TURTLE = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix ex: <https://example.org/v/> .

ex: a skos:ConceptScheme ; skos:hasTopConcept ex:animal .

ex:animal a skos:Concept ;
    skos:inScheme ex: ;
    skos:topConceptOf ex: ;
    skos:prefLabel "Animal"@en ;
    skos:altLabel "Beast"@en, "Creature"@en ;
    skos:hiddenLabel "Aminal"@en ;
    skos:definition "A living organism that feeds on organic matter."@en ;
    skos:note "Something alive that moves."@en ;
    skos:historyNote "From Latin animalis."@en ;
    skos:scopeNote "Use for the kingdom as a whole."@en ;
    skos:narrower ex:cat .

ex:cat a skos:Concept ;
    skos:inScheme ex: ;
    skos:notation "felis" ;
    skos:prefLabel "Cat"@en ;
    skos:related ex:old-cat .

ex:old-cat a skos:Concept ;
    skos:inScheme ex: ;
    skos:prefLabel "Moggy"@en ;
    owl:deprecated true ;
    dcterms:isReplacedBy ex:cat .
"""
RDF_XML = """\
<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:skos="http://www.w3.org/2004/02/skos/core#"
         xmlns:owl="http://www.w3.org/2002/07/owl#"
         xmlns:dcterms="http://purl.org/dc/terms/">
  <skos:ConceptScheme rdf:about="https://example.org/v/">
    <skos:hasTopConcept rdf:resource="https://example.org/v/animal"/>
  </skos:ConceptScheme>
  <skos:Concept rdf:about="https://example.org/v/animal">
    <skos:inScheme rdf:resource="https://example.org/v/"/>
    <skos:topConceptOf rdf:resource="https://example.org/v/"/>
    <skos:prefLabel xml:lang="en">Animal</skos:prefLabel>
    <skos:altLabel xml:lang="en">Beast</skos:altLabel>
    <skos:altLabel xml:lang="en">Creature</skos:altLabel>
    <skos:hiddenLabel xml:lang="en">Aminal</skos:hiddenLabel>
    <skos:definition xml:lang="en"
      >A living organism that feeds on organic matter.</skos:definition>
    <skos:note xml:lang="en">Something alive that moves.</skos:note>
    <skos:historyNote xml:lang="en">From Latin animalis.</skos:historyNote>
    <skos:scopeNote xml:lang="en">Use for the kingdom as a whole.</skos:scopeNote>
    <skos:narrower rdf:resource="https://example.org/v/cat"/>
  </skos:Concept>
  <skos:Concept rdf:about="https://example.org/v/cat">
    <skos:inScheme rdf:resource="https://example.org/v/"/>
    <skos:notation>felis</skos:notation>
    <skos:prefLabel xml:lang="en">Cat</skos:prefLabel>
    <skos:related rdf:resource="https://example.org/v/old-cat"/>
  </skos:Concept>
  <skos:Concept rdf:about="https://example.org/v/old-cat">
    <skos:inScheme rdf:resource="https://example.org/v/"/>
    <skos:prefLabel xml:lang="en">Moggy</skos:prefLabel>
    <owl:deprecated rdf:datatype="http://www.w3.org/2001/XMLSchema#boolean">true</owl:deprecated>
    <dcterms:isReplacedBy rdf:resource="https://example.org/v/cat"/>
  </skos:Concept>
</rdf:RDF>
"""
JSON_LD = """\
{
  "@context": {
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "dcterms": "http://purl.org/dc/terms/",
    "ex": "https://example.org/v/",
    "@language": "en"
  },
  "@graph": [
    {"@id": "ex:", "@type": "skos:ConceptScheme", "skos:hasTopConcept": {"@id": "ex:animal"}},
    {
      "@id": "ex:animal", "@type": "skos:Concept",
      "skos:inScheme": {"@id": "ex:"}, "skos:topConceptOf": {"@id": "ex:"},
      "skos:prefLabel": "Animal", "skos:altLabel": ["Beast", "Creature"],
      "skos:hiddenLabel": "Aminal",
      "skos:definition": "A living organism that feeds on organic matter.",
      "skos:note": "Something alive that moves.",
      "skos:historyNote": "From Latin animalis.",
      "skos:scopeNote": "Use for the kingdom as a whole.",
      "skos:narrower": {"@id": "ex:cat"}
    },
    {
      "@id": "ex:cat", "@type": "skos:Concept", "skos:inScheme": {"@id": "ex:"},
      "skos:notation": {"@value": "felis"}, "skos:prefLabel": "Cat",
      "skos:related": {"@id": "ex:old-cat"}
    },
    {
      "@id": "ex:old-cat", "@type": "skos:Concept", "skos:inScheme": {"@id": "ex:"},
      "skos:prefLabel": "Moggy", "owl:deprecated": true,
      "dcterms:isReplacedBy": {"@id": "ex:cat"}
    }
  ]
}
"""
V = "https://example.org/v/"
HEAD = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/v/> .
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def imported(
    capsys: pytest.CaptureFixture[str], path: Path, *options: str
) -> tuple[dict[str, dict], list[str]]:  # type: ignore[type-arg]
    """The terms by id, and the notes on stderr."""
    status, out, err = run(capsys, "import-skos", str(path), *options)
    assert status == 0, err
    data = yaml.safe_load(out)
    notes = [line.removeprefix("note: ") for line in err.splitlines() if line.startswith("note:")]
    return {term["id"]: term for term in data["terms"]}, notes


def test_every_field_is_mapped(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    terms, notes = imported(capsys, write(tmp_path, "v.ttl", TURTLE))
    assert terms["animal"] == {
        "id": "animal",
        "name": "Animal",
        "summary": "Something alive that moves.",
        "technical_definition": "A living organism that feeds on organic matter.",
        "background": "From Latin animalis.",
        "aliases": ["Beast", "Creature"],
        "hidden_aliases": ["Aminal"],
        "usage_note": "Use for the kingdom as a whole.",
    }
    # The notation is the id; related concepts are named by id, and a narrower
    # concept is read back as a broader one.
    assert terms["felis"] == {
        "id": "felis",
        "name": "Cat",
        "broader": ["animal"],
        "see_also": ["old-cat"],
    }
    assert terms["old-cat"] == {
        "id": "old-cat",
        "name": "Moggy",
        "status": "deprecated",
        "replaced_by": "felis",
    }
    assert notes == ["no --language given: the labels are read in 'en'"]


HIERARCHY = (
    HEAD
    + """\
ex:a skos:prefLabel "A" ; skos:narrower ex:b .
ex:b skos:prefLabel "B" ; skos:broader ex:a, ex:c, ex:b .
ex:c skos:prefLabel "C" ; skos:broader ex:d .
ex:d skos:prefLabel "D" ; skos:broader ex:b ; skos:narrower ex:e .
ex:e skos:prefLabel "E" .
"""
)


def test_the_hierarchy_is_read_without_loops(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "v.ttl", HIERARCHY)
    terms, notes = imported(capsys, path)
    assert {term_id: term.get("broader") for term_id, term in terms.items()} == {
        "a": None,
        "b": ["a", "c"],
        "c": ["d"],
        "d": None,
        "e": ["d"],
    }
    assert notes == [
        f"<{V}b>: left out: skos:broader <{V}b> (the concept itself)",
        f"<{V}d>: left out: skos:broader <{V}b> (a cycle: <{V}b> -> <{V}c> -> <{V}d> -> <{V}b>)",
    ]
    out = tmp_path / "terms.yaml"
    assert run(capsys, "import-skos", str(path), "-o", str(out))[0] == 0
    database = checking.load([str(out)])
    assert database.problems == []
    assert [t.id for t in database.database.narrower(database.database.terms["d"])] == ["c", "e"]


@pytest.mark.parametrize(
    ("name", "text", "options"),
    [
        ("v.rdf", RDF_XML, ()),
        ("v.xml", RDF_XML, ()),
        ("v.jsonld", JSON_LD, ()),
        ("v.data", JSON_LD, ("--format", "json-ld")),
        ("v.txt", TURTLE, ("--format", "turtle")),
    ],
)
def test_the_syntaxes_agree(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    name: str,
    text: str,
    options: tuple[str, ...],
) -> None:
    status, turtle, _ = run(capsys, "import-skos", str(write(tmp_path, "v.ttl", TURTLE)))
    assert status == 0
    status, out, err = run(capsys, "import-skos", str(write(tmp_path, name, text)), *options)
    assert status == 0, err
    assert yaml.safe_load(out) == yaml.safe_load(turtle)


def test_the_output_file_validates(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "terms.yaml"
    status, stdout, err = run(
        capsys, "import-skos", str(write(tmp_path, "v.ttl", TURTLE)), "-o", str(out)
    )
    assert status == 0, err
    assert err == "note: no --language given: the labels are read in 'en'\n"
    assert stdout == f"{tmp_path / 'v.ttl'}: 3 concepts, 3 terms, 1 note\n"
    assert checking.check([str(out)]).problems == []
    assert out.read_text(encoding="utf-8").startswith("# Imported from v.ttl by sphinx-termref")
    status, _, err = run(capsys, "import-skos", str(tmp_path / "v.ttl"), "-o", str(out))
    assert status == 1
    assert "exists already; use --force" in err
    status, _, err = run(capsys, "import-skos", str(tmp_path / "v.ttl"), "-o", str(out), "--force")
    assert status == 0, err


LANGUAGES = (
    HEAD
    + """\
ex:dog a skos:Concept ;
    skos:prefLabel "Dog"@en, "Hund"@de ;
    skos:altLabel "Hound"@en, "Köter"@de ;
    skos:definition "A domesticated canid."@en, "Ein Haustier."@de .
ex:katze a skos:Concept ; skos:prefLabel "Katze"@de .
"""
)


def test_one_language_is_taken_and_the_others_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "v.ttl", LANGUAGES)
    terms, notes = imported(capsys, path, "--language", "en")
    assert terms == {
        "dog": {
            "id": "dog",
            "name": "Dog",
            "aliases": ["Hound"],
            "technical_definition": "A domesticated canid.",
        }
    }
    assert notes == [
        f"<{V}katze>: left out: it has no skos:prefLabel in 'en'",
        f'<{V}dog>: left out: skos:prefLabel "Hund"@de (another language); '
        f'skos:altLabel "Köter"@de (another language); '
        f'skos:definition "Ein Haustier."@de (another language)',
    ]
    terms, notes = imported(capsys, path, "--language", "DE")
    assert sorted(terms) == ["dog", "katze"]
    assert terms["dog"]["name"] == "Hund"
    # Without --language: labels without a tag, else the language of most prefLabels.
    terms, notes = imported(capsys, path)
    assert notes[0] == "no --language given: the labels are read in 'de'"
    untagged = HEAD + 'ex:a skos:prefLabel "A" . ex:b skos:prefLabel "B"@en .\n'
    terms, notes = imported(capsys, write(tmp_path, "u.ttl", untagged))
    assert list(terms) == ["a"]
    assert notes == [f"<{V}b>: left out: it has no skos:prefLabel without a language tag"]


UNMAPPED = (
    HEAD
    + """\
@prefix dcterms: <http://purl.org/dc/terms/> .
ex: a skos:ConceptScheme ; dcterms:title "A vocabulary" .
ex:a a skos:Concept ;
    skos:prefLabel "A" ;
    skos:exactMatch <https://other.example/x> ;
    skos:changeNote "Renamed." ;
    skos:broader <https://other.example/top> ;
    skos:related ex:nameless ;
    skos:definition <https://example.org/definition-of-a> .
ex:nameless a skos:Concept ; skos:altLabel "Nobody" .
ex:person dcterms:title "Not a concept" .
"""
)


def test_what_is_not_carried_over_is_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    terms, notes = imported(capsys, write(tmp_path, "v.ttl", UNMAPPED))
    assert terms == {"a": {"id": "a", "name": "A"}}
    assert notes == [
        f"<{V}nameless>: left out: it has no skos:prefLabel without a language tag",
        f"<{V}a>: left out: skos:definition <https://example.org/definition-of-a> (not text); "
        f"skos:related <{V}nameless> (a concept left out); "
        "skos:broader <https://other.example/top> (not a concept of the file); "
        'skos:changeNote "Renamed."; skos:exactMatch <https://other.example/x>',
        f"<{V}person>: left out: not a skos:Concept (1 statement)",
        f'<{V}> (the scheme): left out: dcterms:title "A vocabulary"',
    ]


COLLISIONS = (
    HEAD
    + """\
ex:bank-1 skos:prefLabel "Bank" ; skos:notation "bank" ; skos:altLabel "Shore" .
ex:bank-2 skos:prefLabel "Bank (money)" ; skos:notation "bank" ; skos:altLabel "shore", "BANK" .
ex:bank-3 skos:prefLabel "bank" .
ex:river skos:prefLabel "River" ; skos:notation "River Bank/1" ; skos:hiddenLabel "Bank money" .
"""
)


def test_collisions_are_resolved_and_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "v.ttl", COLLISIONS)
    terms, notes = imported(capsys, path)
    assert {term_id: term["name"] for term_id, term in terms.items()} == {
        "bank": "Bank",
        "bank-2": "Bank (money)",
        "river-bank-1": "River",
    }
    assert terms["bank"]["aliases"] == ["Shore"]
    assert "aliases" not in terms["bank-2"]
    assert terms["river-bank-1"]["hidden_aliases"] == ["Bank money"]
    assert notes == [
        f"<{V}bank-3>: left out: its skos:prefLabel 'bank' is the name of <{V}bank-1> already",
        f"<{V}bank-2>: id 'bank' is taken by <{V}bank-1>; this concept is 'bank-2'",
        f"<{V}river>: its skos:notation 'River Bank/1' is not an id; it is 'river-bank-1'",
        f'<{V}bank-2>: left out: skos:altLabel "BANK" (a spelling of <{V}bank-1>); '
        f'skos:altLabel "shore" (a spelling of <{V}bank-1>)',
    ]
    # The result is a database without a collision.
    out = tmp_path / "terms.yaml"
    assert run(capsys, "import-skos", str(path), "-o", str(out))[0] == 0
    assert checking.check([str(out)]).problems == []


def test_an_id_comes_from_the_uri_when_there_is_no_notation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = (
        HEAD
        + """\
<https://example.org/v#Caf%C3%A9Au_Lait> skos:prefLabel "Coffee" .
<urn:x:vocab:Tea> skos:prefLabel "Tea" ; skos:altLabel "tea", "Chai" .
_:b skos:prefLabel "C++" .
"""
    )
    terms, notes = imported(capsys, write(tmp_path, "v.ttl", text))
    assert sorted(terms) == ["c", "cafeau-lait", "tea"]
    # An alias that is the name again is left out, and said so.
    assert terms["tea"]["aliases"] == ["Chai"]
    assert notes == [
        '<urn:x:vocab:Tea>: left out: skos:altLabel "tea" (the same as another of its labels)'
    ]


DEFINITION = """\
Lines that look like blocks:

- a bullet
1. an enumerator
.. note:: a directive
>>> a doctest
:field: a field list
   an indented line
Title
=====

A literal block follows::

    code
a \\ backslash, a [1]_ footnote and a `link <https://example.org>`_."""
MARKUP = (
    HEAD
    + f"""
ex:markup skos:prefLabel "Markup *name*" ;
    skos:altLabel "`alias`_" ;
    skos:note "A *starred* note with ``code``, |sub|, name_ and :math:`x`." ;
    skos:definition {turtle_string(DEFINITION)} .
"""
)


def test_markup_is_escaped_and_shows_as_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "v.ttl", MARKUP)
    status, out, err = run(capsys, "import-skos", str(path))
    assert status == 0, err
    (term,) = yaml.safe_load(out)["terms"]
    # Names and aliases are shown as they are: they are not escaped.
    assert term["name"] == "Markup *name*"
    assert term["aliases"] == ["`alias`_"]
    assert term["summary"] == (
        r"A \*starred\* note with \`\`code\`\`, \|sub\|, name\_ and :math:\`x\`."
    )
    # The card shows each text as written, with no markup and no warning.
    built = project(tmp_path, out, ".. term-card:: markup\n")
    assert built.warnings == []
    card = built.soup().find(id="termref-markup")
    summary = card.find(class_="termref-card__summary")
    section = card.find(class_="termref-card__section--technical-definition")
    # Paragraphs and the indented code: no list, quote, note or emphasis was made,
    # and the only link is the URL itself, which a standalone address becomes.
    paragraphs_shown = [
        "Lines that look like blocks:",
        "- a bullet 1. an enumerator .. note:: a directive >>> a doctest :field: a field "
        "list an indented line Title =====",
        "A literal block follows::",
        "a \\ backslash, a [1]_ footnote and a `link <https://example.org>`_.",
    ]
    assert [squash(p.get_text()) for p in section.find_all("p")] == paragraphs_shown
    assert [pre.get_text() for pre in section.find_all("pre")] == ["code\n"]
    assert {tag.name for tag in section.find_all(True)} == {"h2", "p", "a", "div", "pre", "span"}
    assert [a.get_text() for a in section.find_all("a")] == ["https://example.org"]
    assert [tag.name for tag in summary.find_all(True)] == ["p"]
    shown_summary = "A *starred* note with ``code``, |sub|, name_ and :math:`x`."
    assert squash(summary.get_text()) == shown_summary
    # The plain-text readers (show, the SKOS export) read the same text back.
    assert plain_text(term["summary"]) == shown_summary
    assert plain_blocks.render(term["technical_definition"]) == [
        *paragraphs_shown[0:1],
        "",
        *paragraphs_shown[1:2],
        "",
        *paragraphs_shown[2:3],
        "",
        "    code",
        "",
        *paragraphs_shown[3:],
    ]


def test_without_rdflib_the_command_says_what_to_install(tmp_path: Path) -> None:
    path = write(tmp_path, "v.ttl", TURTLE)
    # A finder that refuses rdflib, as an environment without it would.
    script = (
        "import sys\n"
        "class Hide:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'rdflib' or name.startswith('rdflib.'):\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, Hide())\n"
        "from sphinx_termref.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "import-skos", str(path)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert "install sphinx-termref[skos]" in done.stderr
    assert done.stderr.startswith("sphinx-termref import-skos: reading SKOS needs rdflib")
    # The other commands run without it.
    done = subprocess.run(
        [sys.executable, "-c", script, "validate", str(EXAMPLE_TERMS)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("name", "text", "options", "status", "message"),
    [
        ("v.data", TURTLE, (), 2, "cannot tell the syntax of"),
        ("v.ttl", "ex:a skos:prefLabel", (), 1, "v.ttl: cannot read it as turtle:"),
        ("v.rdf", "<rdf:RDF", (), 1, "v.rdf: cannot read it as rdf-xml:"),
        ("v.jsonld", "{", (), 1, "v.jsonld: cannot read it as json-ld:"),
        ("v.ttl", TURTLE, ("--format", "n3"), 2, "invalid choice: 'n3'"),
    ],
)
def test_bad_input(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    name: str,
    text: str,
    options: tuple[str, ...],
    status: int,
    message: str,
) -> None:
    got, out, err = run(capsys, "import-skos", str(write(tmp_path, name, text)), *options)
    assert (got, out) == (status, "")
    assert message in err
    assert status == 2 or len(err.splitlines()) == 1


def test_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, "import-skos", str(tmp_path / "nothing.ttl"))
    assert status == 2
    assert "file 'nothing.ttl' does not exist" in err or "does not exist" in err


@pytest.mark.parametrize("fmt", ["skos-turtle", "skos-jsonld"])
def test_round_trip_of_the_example_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    """Every name, alias, definition and relation of an export comes back."""
    exported = tmp_path / ("terms.ttl" if fmt == "skos-turtle" else "terms.jsonld")
    status, _, err = run(
        capsys,
        "export",
        "-d",
        str(EXAMPLE_TERMS),
        "--format",
        fmt,
        "--scheme-uri",
        "https://example.org/terms/",
        "--language",
        "en",
        "-o",
        str(exported),
    )
    assert status == 0, err
    out = tmp_path / "terms.yaml"
    status, _, err = run(capsys, "import-skos", str(exported), "--language", "en", "-o", str(out))
    assert status == 0, err
    assert "note:" not in err  # nothing was left out
    original = checking.load([str(EXAMPLE_TERMS)]).database
    loaded = checking.load([str(out)])
    assert loaded.problems == []
    back = loaded.database
    assert sorted(term.id for term in back) == sorted(term.id for term in original)

    def text(blocks: str) -> list[str]:
        return plain_blocks.render(blocks)

    def summary(inline: str) -> list[str]:
        return [plain_text(part) for part in paragraphs(inline)]

    for term in original:
        again = back.terms[term.id]
        assert again.name == term.name
        # The abbreviation is an altLabel like the aliases: it comes back as one.
        assert again.aliases == tuple(sorted({*term.aliases, *filter(None, [term.abbreviation])}))
        assert set(again.hidden_aliases) == {*term.hidden_aliases, *term.discouraged}
        if term.technical_definition:
            assert text(again.technical_definition) == text(term.technical_definition)
            assert summary(again.summary) == summary(term.summary)
        else:  # the summary was the definition
            assert text(again.technical_definition) == summary(term.summary)
        assert text(again.background) == text(term.background)
        assert text(again.usage_note) == text(term.usage_note)
        related = {original.lookup(s, inflect=True).id for s in term.see_also}  # type: ignore[union-attr]
        # A see-also to a term above or below it is no skos:related in the export.
        line: set[str] = set()
        for step in (original.broader, original.narrower):
            todo = [term]
            while todo:
                for other in step(todo.pop()):
                    if other.id not in line:
                        line.add(other.id)
                        todo.append(other)
        assert set(again.see_also) == related - line
        assert again.status == ("deprecated" if term.status == "deprecated" else "approved")
        if term.replaced_by:
            assert again.replaced_by == original.lookup(term.replaced_by).id  # type: ignore[union-attr]
