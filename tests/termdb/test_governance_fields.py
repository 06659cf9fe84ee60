"""The governance fields: status, replaced_by, discouraged, owner and reviewed."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_termref.termdb.database import TermDatabase
from sphinx_termref.termdb.loading import load
from sphinx_termref.warnings import Subtype


def load_one(tmp_path: Path, text: str) -> TermDatabase:
    (tmp_path / "terms.yaml").write_text(text, encoding="utf-8")
    return load(["terms.yaml"], tmp_path)


def messages(database: TermDatabase) -> list[tuple[Subtype, int, str]]:
    return [(p.subtype, p.line, p.message) for p in database.problems]


GOVERNED = """\
terms:
  - id: inner-alignment
    name: Inner alignment
    owner: Alignment team
    reviewed: 2024-05-31
  - id: inner-alignment-problem
    name: Inner alignment problem
    status: deprecated
    replaced_by: Inner alignment
    reviewed: "2023-01-02"
  - id: mesa-optimization
    name: Mesa-Optimization
    status: draft
    discouraged: [mesa-optimiser, inner optimiser]
"""


def test_fields_are_read(tmp_path: Path) -> None:
    db = load_one(tmp_path, GOVERNED)
    assert db.problems == []
    inner, problem, mesa = db
    assert (inner.status, inner.owner, inner.reviewed) == (
        "approved",
        "Alignment team",
        "2024-05-31",
    )
    assert (problem.status, problem.replaced_by, problem.reviewed) == (
        "deprecated",
        "Inner alignment",
        "2023-01-02",
    )
    assert db.replacement(problem) == inner
    assert db.replacement(inner) is None
    assert (mesa.status, mesa.discouraged) == ("draft", ("mesa-optimiser", "inner optimiser"))


def test_discouraged_spellings_match_like_aliases(tmp_path: Path) -> None:
    db = load_one(tmp_path, GOVERNED)
    for spelling in ("mesa-optimiser", "Mesa Optimiser", "MESA_OPTIMISER", "inner optimisers"):
        found = db.lookup(spelling, inflect=True)
        assert found is not None and found.id == "mesa-optimization", spelling
        assert db.is_discouraged(spelling, inflect=True), spelling
    assert not db.is_discouraged("Mesa-Optimization", inflect=True)
    assert db.terms["mesa-optimization"].aliases == ()


def test_discouraged_spelling_collision(tmp_path: Path) -> None:
    db = load_one(
        tmp_path,
        "terms:\n  - id: a\n    name: Alpha\n"
        "  - id: b\n    name: Beta\n    discouraged: [alpha, betta]\n",
    )
    ((subtype, line, message),) = messages(db)
    assert (subtype, line) == (Subtype.collision, 6)
    assert message.startswith("'alpha' of term 'b' matches 'Alpha' of term 'a'")
    assert db.terms["b"].discouraged == ("betta",)
    assert db.lookup("alpha").id == "a"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "reviewed",
            "2020-13-45",
            "'reviewed' of term 'x' is '2020-13-45', not a date; write it as YYYY-MM-DD",
        ),
        ("reviewed", "last week", "'reviewed' of term 'x' is 'last week', not a date"),
        (
            "status",
            "obsolete",
            "'status' of term 'x' cannot be 'obsolete'; use one of 'approved', 'draft', "
            "'deprecated'",
        ),
        (
            "replaced_by",
            "y",
            "term 'x' has a 'replaced_by' but is not deprecated; add 'status: deprecated'",
        ),
    ],
)
def test_bad_values_are_schema_problems_at_their_line(
    tmp_path: Path, field: str, value: str, message: str
) -> None:
    db = load_one(
        tmp_path,
        f"terms:\n  - id: x\n    name: X\n    {field}: {value}\n  - id: y\n    name: Y\n",
    )
    ((subtype, line, text),) = messages(db)
    assert (subtype, line) == (Subtype.schema, 4)
    assert text.startswith(message), text
    assert "x" in db.terms  # the term is kept without the broken field


DEPRECATED = "  - id: {id}\n    name: {name}\n    status: deprecated\n    replaced_by: {to}\n"


def deprecated(term_id: str, to: str) -> str:
    return DEPRECATED.format(id=term_id, name=term_id.upper(), to=to)


def test_replaced_by_must_name_an_existing_term(tmp_path: Path) -> None:
    db = load_one(tmp_path, "terms:\n" + deprecated("a", "nowhere"))
    ((subtype, line, message),) = messages(db)
    assert (subtype, line) == (Subtype.schema, 5)
    assert message.startswith("'replaced_by' of term 'a' is 'nowhere', which is not in the term")
    assert db.terms["a"].replaced_by == ""


def test_replaced_by_may_not_name_the_term_itself(tmp_path: Path) -> None:
    db = load_one(tmp_path, "terms:\n" + deprecated("a", "A"))
    ((subtype, line, message),) = messages(db)
    assert (subtype, line) == (Subtype.schema, 5)
    assert "names the term itself" in message


def test_a_chain_of_replacements_ends_at_the_term_in_use(tmp_path: Path) -> None:
    db = load_one(
        tmp_path,
        "terms:\n" + deprecated("a", "b") + deprecated("b", "c") + "  - id: c\n    name: C\n",
    )
    assert db.problems == []
    assert db.replacement(db.terms["a"]) == db.terms["c"]


def test_a_chain_ending_at_a_deprecated_term_is_a_problem(tmp_path: Path) -> None:
    db = load_one(
        tmp_path,
        "terms:\n" + deprecated("a", "b") + "  - id: b\n    name: B\n    status: deprecated\n",
    )
    ((subtype, line, message),) = messages(db)
    assert (subtype, line) == (Subtype.schema, 5)
    assert "end at 'b', which is deprecated and names no replacement" in message


def test_a_cycle_names_every_term_in_it(tmp_path: Path) -> None:
    db = load_one(
        tmp_path, "terms:\n" + deprecated("a", "b") + deprecated("b", "c") + deprecated("c", "a")
    )
    ((subtype, line, message),) = messages(db)
    assert (subtype, line) == (Subtype.schema, 5)
    assert message.startswith("the replacements of terms form a cycle: 'a' -> 'b' -> 'c' -> 'a'")
    assert all(term.replaced_by == "" for term in db)
