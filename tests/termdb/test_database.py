"""The loader on real files: reading YAML with positions, validating, merging, matching."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinx_termref.termdb import loading as database_module
from sphinx_termref.termdb import yaml_source
from sphinx_termref.termdb.database import TermDatabase
from sphinx_termref.termdb.loading import load
from sphinx_termref.termdb.matching import normalise
from sphinx_termref.termdb.records import Organization, ReadMore
from sphinx_termref.termdb.validation import validate
from sphinx_termref.termdb.yaml_source import Position, read_yaml
from sphinx_termref.warnings import Subtype

FULL = """\
terms:
  - id: mesa-optimization
    name: Mesa-Optimization
    category: Model optimization
    summary: |
      First paragraph
      on two lines.

      Second paragraph.
    technical_definition: A definition.
    background: Some history.
    read_more:
      url: https://en.wikipedia.org/wiki/AI_alignment
      label: Read more on Wikipedia
    aliases:
      - Inner optimization
      - Learned optimizer
    hidden_aliases:
      - mesa optimisation
    usage_note: Use it carefully.
    organizations:
      - name: MIRI
        description: A research institute.
        url: https://intelligence.org
      - name: Nameless Lab
    see_also:
      - reward-hacking
    tags:
      - alignment
      - safety
  - id: reward-hacking
    name: Reward Hacking
"""

#: "MESA-OPTIMIZATION" in fullwidth letters, which NFKC folds to ASCII
FULLWIDTH = "".join(chr(ord(c) + 0xFEE0) for c in "MESA-OPTIMIZATION")


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def load_one(tmp_path: Path, text: str | bytes, name: str = "terms.yaml") -> TermDatabase:
    write(tmp_path, name, text)
    return load([name], tmp_path)


# -- read_yaml ----------------------------------------------------------------------------


def test_read_yaml_keeps_positions_of_keys_and_items(tmp_path: Path) -> None:
    path = write(tmp_path, "terms.yaml", FULL)
    document, problems = read_yaml(path)
    assert problems == []
    assert document is not None
    assert document.path == str(path)
    assert document.data["terms"][0]["name"] == "Mesa-Optimization"
    # a key's position is where the key is written (line 3, column 5)
    assert document.position(("terms", 0, "name")) == Position(3, 5)
    # a list item is where its value starts
    assert document.position(("terms", 0, "aliases", 1)) == Position(17, 9)
    assert document.position(("terms", 1)) == Position(31, 5)
    # an unknown path falls back to the closest enclosing value
    assert document.position(("terms", 1, "nope")) == Position(31, 5)


def test_read_yaml_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.yaml", "\ufeffterms:\n  - id: a\n    name: A\n".encode())
    document, problems = read_yaml(path)
    assert problems == []
    assert document is not None and document.data == {"terms": [{"id": "a", "name": "A"}]}


def test_read_yaml_empty_file(tmp_path: Path) -> None:
    document, problems = read_yaml(write(tmp_path, "empty.yaml", ""))
    assert problems == []
    assert document is not None and document.data is None
    terms, problems = validate(document)
    assert terms == []
    (problem,) = problems
    assert problem.subtype is Subtype.schema
    assert problem.message.startswith("the file is empty; a database file looks like:")


def test_read_yaml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", "terms:\n  - id: a\n    name: [unclosed\n  - id: b\n")
    document, problems = read_yaml(path)
    assert document is None
    (problem,) = problems
    assert problem.subtype is Subtype.yaml
    assert problem.message.startswith("YAML syntax error: ")
    assert problem.path == str(path)
    assert problem.line >= 3 and problem.column >= 1


def test_read_yaml_not_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, "latin1.yaml", "terms:\n  - id: caf\xe9\n".encode("latin-1"))
    document, problems = read_yaml(path)
    assert document is None
    (problem,) = problems
    assert (problem.subtype, problem.line, problem.column) == (Subtype.yaml, 2, 12)
    assert problem.location == f"{path}:2:12"
    assert "not valid UTF-8 (byte 0xe9)" in problem.message


def test_read_yaml_rejects_tags(tmp_path: Path) -> None:
    text = "terms:\n  - id: b\n    name: !!python/name:os.system\n"
    document, problems = read_yaml(write(tmp_path, "tag.yaml", text))
    assert document is not None
    (problem,) = problems
    assert (problem.subtype, problem.line, problem.column) == (Subtype.yaml, 3, 11)
    assert problem.message.startswith("YAML tag 'tag:yaml.org,2002:python/name:os.system' is not")
    assert document.data["terms"][0]["name"] is None


def test_read_yaml_rejects_an_alias_where_it_is_written(tmp_path: Path) -> None:
    """The warning about ``*first`` should point at line 5, where the alias is written,
    not at the anchor ``&first`` on line 2 (with several aliases all would point there)."""
    text = "terms:\n  - &first\n    id: a\n    name: A\n  - *first\n"
    document, problems = read_yaml(write(tmp_path, "alias.yaml", text))
    assert document is not None
    assert document.data["terms"][1] is None
    (problem,) = problems
    assert problem.subtype is Subtype.yaml
    assert problem.message.startswith("YAML aliases (*name) are not allowed in a term database")
    assert (problem.line, problem.column) == (5, 5)


def test_read_yaml_duplicate_key_is_a_schema_problem(tmp_path: Path) -> None:
    text = "terms:\n  - id: a\n    name: A\n    name: B\n"
    document, problems = read_yaml(write(tmp_path, "dup.yaml", text))
    (problem,) = problems
    assert (problem.subtype, problem.line, problem.column) == (Subtype.schema, 4, 5)
    assert problem.message == (
        "key 'name' is written twice in this mapping (first on line 3); keep one of them"
    )
    assert document is not None and document.data["terms"][0]["name"] == "A"


def test_read_yaml_missing_file(tmp_path: Path) -> None:
    document, problems = read_yaml(tmp_path / "nope.yaml")
    assert document is None
    (problem,) = problems
    assert problem.subtype is Subtype.yaml
    assert problem.message.startswith("cannot read the file")


# -- validate -----------------------------------------------------------------------------


def test_validate_full_term(tmp_path: Path) -> None:
    document, _ = read_yaml(write(tmp_path, "terms.yaml", FULL))
    assert document is not None
    terms, problems = validate(document)
    assert problems == []
    mesa, reward = terms
    assert mesa.id == "mesa-optimization"
    assert mesa.name == "Mesa-Optimization"
    assert mesa.category == "Model optimization"
    assert mesa.summary == "First paragraph\non two lines.\n\nSecond paragraph."
    assert mesa.read_more == ReadMore(
        "https://en.wikipedia.org/wiki/AI_alignment", "Read more on Wikipedia"
    )
    assert mesa.aliases == ("Inner optimization", "Learned optimizer")
    assert mesa.hidden_aliases == ("mesa optimisation",)
    assert mesa.organizations == (
        Organization("MIRI", "A research institute.", "https://intelligence.org"),
        Organization("Nameless Lab", "", ""),
    )
    assert mesa.see_also == ("reward-hacking",)
    assert mesa.tags == ("alignment", "safety")
    assert (mesa.source, mesa.line) == (str(tmp_path / "terms.yaml"), 2)
    assert mesa.location == f"{tmp_path / 'terms.yaml'}:2"
    assert (reward.id, reward.name, reward.summary, reward.aliases) == (
        "reward-hacking",
        "Reward Hacking",
        "",
        (),
    )
    assert reward.line == 31


def test_validate_short_forms(tmp_path: Path) -> None:
    text = (
        "terms:\n"
        "  - id: v2\n"
        "    name: 2\n"  # a number where text belongs is accepted
        "    read_more: https://example.org/v2\n"  # a bare URL
    )
    document, _ = read_yaml(write(tmp_path, "short.yaml", text))
    assert document is not None
    (term,), problems = validate(document)
    assert problems == []
    assert term.name == "2"
    assert term.read_more == ReadMore("https://example.org/v2", "")


@pytest.mark.parametrize(
    ("term_yaml", "line", "column", "message"),
    [
        (
            "  - id: a\n    name: A\n    aliases: one alias\n",
            4,
            5,
            "'aliases' of term 'a' must be a list, found a string; write it as a list item: "
            "'- one alias'",
        ),
        (
            "  - id: a\n    name: A\n    summary: [not, text]\n",
            4,
            5,
            "'summary' of term 'a' must be a string, found a list",
        ),
        ("  - name: A\n", 2, 5, "this term has no 'id'; add one"),
        ("  - id: a\n", 2, 5, "term 'a' has no 'name'; add one"),
        (
            "  - id: Not A Slug\n    name: A\n",
            2,
            5,
            "id 'Not A Slug' is not a slug: use lowercase letters, digits and single hyphens, "
            "for example 'not-a-slug'",
        ),
        (
            "  - id: a\n    name: A\n    technical_defintion: x\n",
            4,
            5,
            "unknown field 'technical_defintion' in term 'a'; did you mean "
            "'technical_definition'?",
        ),
        (
            "  - id: a\n    name: A\n    read_more:\n      label: no url\n",
            4,
            5,
            "'read_more' of term 'a' has no 'url'; add one",
        ),
        (
            "  - id: a\n    name: A\n    organizations:\n      - description: no name\n",
            5,
            9,
            "an organization of term 'a' has no 'name'; add one",
        ),
        ("  - just a string\n", 2, 5, "a term must be a mapping of fields, found a string"),
    ],
    ids=[
        "list-as-string",
        "text-as-list",
        "no-id",
        "no-name",
        "bad-slug",
        "unknown-field",
        "read-more-no-url",
        "org-no-name",
        "term-not-mapping",
    ],
)
def test_validate_problems(
    tmp_path: Path, term_yaml: str, line: int, column: int, message: str
) -> None:
    path = write(tmp_path, "t.yaml", "terms:\n" + term_yaml)
    document, problems = read_yaml(path)
    assert problems == []
    assert document is not None
    _, problems = validate(document)
    (problem,) = problems
    assert problem.subtype is Subtype.schema
    assert problem.message.startswith(message)
    assert (problem.path, problem.line, problem.column) == (str(path), line, column)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n- b\n", "the file holds a list; it must be a mapping with a 'terms' list"),
        ("other: 1\n", "expected a 'terms' list, found no 'terms' key"),
        ("terms: nope\n", "expected a 'terms' list, found a string"),
    ],
)
def test_validate_file_shape(tmp_path: Path, text: str, message: str) -> None:
    document, _ = read_yaml(write(tmp_path, "f.yaml", text))
    assert document is not None
    terms, problems = validate(document)
    assert terms == []
    assert message in [p.message for p in problems]


def test_optional_field_of_wrong_type_keeps_the_term(tmp_path: Path) -> None:
    db = load_one(tmp_path, "terms:\n  - id: a\n    name: A\n    aliases: x\n    summary: S\n")
    assert db.terms["a"].aliases == ()
    assert db.terms["a"].summary == "S"
    assert [p.subtype for p in db.problems] == [Subtype.schema]


# -- load and the merged database ---------------------------------------------------------


def test_load_directory_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path, "db/b.yml", "terms:\n  - id: b\n    name: B\n")
    write(tmp_path, "db/a.yaml", "terms:\n  - id: a\n    name: A\n")
    write(tmp_path, "db/sub/c.yaml", "terms:\n  - id: c\n    name: C\n")
    write(tmp_path, "db/notes.txt", "not a database")
    db = load(["db"], tmp_path)
    assert db.problems == []
    assert list(db.terms) == ["a", "b", "c"]


def test_load_several_entries_merge(tmp_path: Path) -> None:
    write(tmp_path, "one.yaml", "terms:\n  - id: a\n    name: A\n")
    write(tmp_path, "two.yaml", "terms:\n  - id: b\n    name: B\n")
    db = load(["one.yaml", "two.yaml"], tmp_path)
    assert len(db) == 2
    assert [t.id for t in db] == ["a", "b"]


def test_load_empty_directory_is_reported(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    db = load(["empty"], tmp_path)
    (problem,) = db.problems
    assert "database directory 'empty' holds no *.yaml or *.yml file" in problem.message


def test_load_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    write(tmp_path, "a-bad.yaml", "terms: [\n")
    write(tmp_path, "b-good.yaml", "terms:\n  - id: good\n    name: Good\n")
    db = load(["a-bad.yaml", "b-good.yaml"], tmp_path)
    assert list(db.terms) == ["good"]
    assert [p.subtype for p in db.problems] == [Subtype.yaml]


def test_duplicate_id_skips_the_second(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "terms:\n  - id: x\n    name: First\n")
    write(tmp_path, "b.yaml", "# comment\nterms:\n  - id: x\n    name: Second\n")
    db = load(["a.yaml", "b.yaml"], tmp_path)
    assert db.terms["x"].name == "First"
    (problem,) = db.problems
    assert problem.subtype is Subtype.duplicate_id
    assert (problem.path, problem.line) == (str(tmp_path / "b.yaml"), 3)
    assert f"already used by the term at {tmp_path / 'a.yaml'}:2" in problem.message


def test_alias_collision_drops_the_alias(tmp_path: Path) -> None:
    db = load_one(
        tmp_path,
        "terms:\n"
        "  - id: a\n    name: Alpha\n    aliases: [First]\n"
        "  - id: b\n    name: Beta\n    aliases: [first, Second]\n",
    )
    assert db.terms["b"].aliases == ("Second",)
    assert db.lookup("first").id == "a"
    (problem,) = db.problems
    assert problem.subtype is Subtype.collision
    # Both aliases where they are written: line and column.
    assert (problem.line, problem.column) == (7, 15)
    assert problem.message.startswith(
        f"'first' of term 'b' matches 'First' of term 'a' (at {tmp_path / 'terms.yaml'}:4:15)"
    )


def test_name_collision_drops_the_term(tmp_path: Path) -> None:
    db = load_one(
        tmp_path,
        "terms:\n  - id: a\n    name: Alpha\n    aliases: [Beta]\n  - id: b\n    name: beta\n",
    )
    assert list(db.terms) == ["a"]
    assert db.lookup("beta").id == "a"
    assert [p.subtype for p in db.problems] == [Subtype.collision]


def test_spellings_of_one_term_may_normalise_alike(tmp_path: Path) -> None:
    db = load_one(tmp_path, "terms:\n  - id: mesa-optimization\n    name: Mesa Optimization\n")
    assert db.problems == []
    assert db.lookup("MESA_OPTIMIZATION").id == "mesa-optimization"


def test_lookup_by_every_spelling(tmp_path: Path) -> None:
    db = load_one(tmp_path, FULL)
    for spelling in (
        "mesa-optimization",
        "Mesa-Optimization",
        "mesa optimization",
        " MESA_optimization ",
        "inner  optimization",
        "Learned-Optimizer",
        "Mesa Optimisation",
        FULLWIDTH.lower(),
    ):
        term = db.lookup(spelling)
        assert term is not None, spelling
        assert term.id == "mesa-optimization"
    assert db.lookup("mesaoptimization") is None
    assert db.lookup("mesa optimizer") is None
    assert db.lookup("reward hacking").id == "reward-hacking"


def test_suggestions_one_spelling_per_term(tmp_path: Path) -> None:
    db = load_one(tmp_path, FULL)
    assert db.suggestions("mesa optimizaton") == ["mesa-optimization"]
    assert db.suggestions("reward hackng") == ["reward-hacking"]
    assert db.suggestions("zzzz") == []


def test_digests_follow_content_not_position(tmp_path: Path) -> None:
    first = load_one(tmp_path, FULL).digests()
    moved = load_one(tmp_path, "# a comment moves every line\n" + FULL).digests()
    assert moved == first
    edited = load_one(tmp_path, FULL.replace("A definition.", "Another definition.")).digests()
    assert edited["mesa-optimization"] != first["mesa-optimization"]
    assert edited["reward-hacking"] == first["reward-hacking"]


@pytest.mark.parametrize(
    ("old", "new", "links_change", "tooltip_changes"),
    [
        ("A definition.", "Another definition.", False, False),
        ("Some history.", "More history.", False, False),
        ("Use it carefully.", "Use it rarely.", False, False),
        ("Second paragraph.", "Another paragraph.", False, True),  # summary
        ("Learned optimizer", "Learned optimiser", False, True),  # alias
        ("category: Model optimization", "category: Optimization", False, True),
        # An abbreviation written out on first use shows the name on the page.
        ("name: Mesa-Optimization", "name: Mesa Optimization", True, True),
    ],
)
def test_link_digests_follow_what_links_show(
    tmp_path: Path, old: str, new: str, links_change: bool, tooltip_changes: bool
) -> None:
    """Tooltips and previews (the term stylesheet) show the name, category, summary and
    aliases; the referring page itself shows only the name."""
    first = load_one(tmp_path, FULL).digests()["mesa-optimization"]
    assert old in FULL
    edited = load_one(tmp_path, FULL.replace(old, new)).digests()["mesa-optimization"]
    assert edited.whole != first.whole
    assert (edited.links != first.links) is links_change
    assert (edited.tooltip != first.tooltip) is tooltip_changes


def test_load_reuses_the_database_while_bytes_are_unchanged(tmp_path: Path) -> None:
    write(tmp_path, "terms.yaml", FULL)
    first = load(["terms.yaml"], tmp_path)
    assert load(["terms.yaml"], tmp_path) is first
    write(tmp_path, "terms.yaml", FULL.replace("Some history.", "More history."))
    second = load(["terms.yaml"], tmp_path)
    assert second is not first
    assert second.terms["mesa-optimization"].background == "More history."


# -- normalise ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mesa-Optimization", "mesa optimization"),
        ("mesa_optimization", "MESA OPTIMIZATION"),
        ("mesa -_ optimization", "mesa optimization"),
        ("  mesa\toptimization\n", "mesa optimization"),
        ("mesa\u2013optimization", "mesa optimization"),  # en dash
        ("mesa\u00a0optimization", "mesa optimization"),  # no-break space
        ("ﬁle", "file"),  # NFKC ligature
        ("Straße", "STRASSE"),  # casefold, not lower
        ("e\u0301", "\u00e9"),  # combining accent vs precomposed
        ("Bayes' theorem", "Bayes\u2019 theorem"),  # right single quotation mark
        ("Bayes' theorem", "Bayes\u02bc theorem"),  # modifier letter apostrophe
        ("Bayes' theorem", "Bayes` theorem"),  # grave accent, ASCII
        ("\u2018quoted\u2019", "'quoted'"),
        ("\u201cquoted\u201d", '"quoted"'),
        ("\u201equoted\u201c", '"quoted"'),  # German quotation marks
        ("f\u2032(x)", "f'(x)"),  # prime
        ("\uff02quoted\uff02 \uff07s", '"quoted" \'s'),  # fullwidth, through NFKC
    ],
)
def test_normalise_equal(a: str, b: str) -> None:
    assert normalise(a) == normalise(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("mesaoptimization", "mesa optimization"),
        ("mesa.optimization", "mesa optimization"),
        ("'quoted'", '"quoted"'),  # an apostrophe is not a double quotation mark
        ("Bayes' theorem", "Bayes theorem"),
    ],
)
def test_normalise_different(a: str, b: str) -> None:
    assert normalise(a) != normalise(b)


def test_normalise_result_shape() -> None:
    assert normalise("  Mesa--Optimization__Thing  ") == "mesa optimization thing"


@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@given(st.text())
def test_normalise_output_has_no_separator_runs(text: str) -> None:
    key = normalise(text)
    assert key == key.strip()
    assert "  " not in key
    assert "-" not in key and "_" not in key


# Case folding has no property over all of Unicode that a key could show ('ᾶ' has
# no form both folded and NFKC, and '🅐' counts as a capital that nothing folds), so
# case is checked where writers meet it; the pairs above cover the rest.
@given(st.text(alphabet=string.ascii_letters + string.digits + " -_"))
def test_normalise_ignores_case(text: str) -> None:
    assert normalise(text.upper()) == normalise(text.lower()) == normalise(text)


@given(
    st.text(alphabet=st.characters(categories=("L", "N")), min_size=1),
    st.text(alphabet=" -_\t", min_size=1),
)
def test_separators_are_interchangeable(word: str, separator: str) -> None:
    assert normalise(f"{word}{separator}{word}") == normalise(f"{word} {word}")


# -- the database cache in the doctree directory -------------------------------------------


def _parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files ``load`` parses from now on (the real parser still runs)."""
    parsed: list[Path] = []
    real = yaml_source.read_yaml

    def spy(path: Path, raw: bytes | None = None):  # type: ignore[no-untyped-def]
        parsed.append(path)
        return real(path, raw)

    monkeypatch.setattr(yaml_source, "read_yaml", spy)
    return parsed


def test_cache_file_spares_the_next_process_the_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "terms.yaml", FULL)
    cache = tmp_path / "doctrees"
    first = load(["terms.yaml"], tmp_path, cache)
    assert (cache / database_module.CACHE_FILE).is_file()
    database_module._cache.clear()  # as in a new process
    parsed = _parses(monkeypatch)
    again = load(["terms.yaml"], tmp_path, cache)
    assert parsed == []
    assert again is not first
    assert again.terms == first.terms
    assert again.digests() == first.digests()


def test_cache_file_of_other_bytes_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "terms.yaml", FULL)
    cache = tmp_path / "doctrees"
    load(["terms.yaml"], tmp_path, cache)
    database_module._cache.clear()
    write(tmp_path, "terms.yaml", FULL.replace("Some history.", "More history."))
    parsed = _parses(monkeypatch)
    edited = load(["terms.yaml"], tmp_path, cache)
    assert parsed == [tmp_path / "terms.yaml"]
    assert edited.terms["mesa-optimization"].background == "More history."


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_broken_cache_file_is_ignored(tmp_path: Path, content: bytes) -> None:
    write(tmp_path, "terms.yaml", FULL)
    cache = tmp_path / "doctrees"
    cache.mkdir()
    (cache / database_module.CACHE_FILE).write_bytes(content)
    database_module._cache.clear()
    db = load(["terms.yaml"], tmp_path, cache)
    assert db.terms["mesa-optimization"].background == "Some history."
    assert db.problems == []


def test_random_bytes_in_the_cache_file_are_noted_once_and_parsed_again(tmp_path: Path) -> None:
    """1 in 80 random files announce a string so long that unpickling them raised
    MemoryError or OverflowError; nothing unchecked is unpickled now."""
    write(tmp_path, "terms.yaml", FULL)
    cache = tmp_path / "doctrees"
    cache.mkdir()
    cache_file = cache / database_module.CACHE_FILE
    for seed in range(1000):
        cache_file.write_bytes(random.Random(seed).randbytes(256))
        database_module._cache.clear()
        notes: list[str] = []
        db = load(["terms.yaml"], tmp_path, cache, note=notes.append)
        assert db.terms["mesa-optimization"].background == "Some history."
        assert len(notes) == 1, seed
        assert cache_file.read_bytes().startswith(b"sphinx-termref-database-cache 5 ")


@pytest.mark.parametrize("enabled", [True, False])
def test_parsing_leaves_the_collector_as_it_was(tmp_path: Path, enabled: bool) -> None:
    """The cyclic collector is paused while files are parsed, then set back."""
    import gc

    paused: list[bool] = []
    real = yaml_source.read_yaml

    def spy(path: Path, raw: bytes | None = None):  # type: ignore[no-untyped-def]
        paused.append(not gc.isenabled())
        return real(path, raw)

    write(tmp_path, "terms.yaml", FULL)
    database_module._cache.clear()
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(yaml_source, "read_yaml", spy)
            load(["terms.yaml"], tmp_path)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert paused == [True]
