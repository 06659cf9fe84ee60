"""Broader and narrower terms: ``broader`` resolved by the database, its inverse derived,
and entries that name no term, the term itself or close a cycle reported and dropped."""

from __future__ import annotations

from pathlib import Path

from helpers import line_of, project

from sphinx_termref.termdb.database import TermDatabase
from sphinx_termref.termdb.loading import load
from sphinx_termref.warnings import Subtype

HIERARCHY = """\
terms:
  - id: ai-alignment
    name: AI alignment
    aliases: [alignment]
  - id: outer-alignment
    name: Outer alignment
    broader: [alignment]
  - id: inner-alignment
    name: Inner alignment
    broader: [ai-alignment]
  - id: deceptive-alignment
    name: Deceptive alignment
    broader:
      - Inner Alignment
      - outer-alignment
"""


def loaded(tmp_path: Path, text: str) -> TermDatabase:
    (tmp_path / "terms.yaml").write_text(text, encoding="utf-8")
    return load(["terms.yaml"], tmp_path)


def ids(terms: list) -> list[str]:
    return [term.id for term in terms]


def test_broader_is_resolved_and_narrower_derived_sorted_by_name(tmp_path: Path) -> None:
    db = loaded(tmp_path, HIERARCHY)
    assert db.problems == []
    terms = db.terms
    assert ids(db.broader(terms["deceptive-alignment"])) == ["inner-alignment", "outer-alignment"]
    assert ids(db.broader(terms["outer-alignment"])) == ["ai-alignment"]
    assert ids(db.broader(terms["ai-alignment"])) == []
    assert ids(db.narrower(terms["ai-alignment"])) == ["inner-alignment", "outer-alignment"]
    assert ids(db.narrower(terms["inner-alignment"])) == ["deceptive-alignment"]
    assert ids(db.narrower(terms["outer-alignment"])) == ["deceptive-alignment"]
    assert ids(db.narrower(terms["deceptive-alignment"])) == []
    # The record keeps what was written.
    assert terms["deceptive-alignment"].broader == ("Inner Alignment", "outer-alignment")


def test_unknown_broader_term_is_reported_with_suggestions_and_dropped(tmp_path: Path) -> None:
    text = HIERARCHY.replace("broader: [ai-alignment]", "broader: [ai-alignment, Outer alinement]")
    db = loaded(tmp_path, text)
    path = tmp_path / "terms.yaml"
    line = line_of(path, "Outer alinement")
    column = path.read_text(encoding="utf-8").splitlines()[line - 1].index("Outer alinement") + 1
    assert [(p.subtype, p.path, p.line, p.column, p.message) for p in db.problems] == [
        (
            Subtype.unknown,
            str(path),
            line,
            column,
            "broader term 'Outer alinement' of term 'inner-alignment': it is not in the term "
            "database; did you mean 'outer-alignment' or 'alignment'? Add it to the database "
            "or fix the spelling.",
        )
    ]
    inner = db.terms["inner-alignment"]
    assert inner.broader == ("ai-alignment",)
    assert ids(db.broader(inner)) == ["ai-alignment"]


def test_a_term_naming_itself_is_a_hierarchy_problem(tmp_path: Path) -> None:
    text = HIERARCHY.replace(
        "      - outer-alignment\n", "      - outer-alignment\n      - deceptive alignment\n"
    )
    db = loaded(tmp_path, text)
    path = tmp_path / "terms.yaml"
    assert [(p.subtype, p.line, p.column, p.message) for p in db.problems] == [
        (
            Subtype.hierarchy,
            line_of(path, "- deceptive alignment"),
            9,
            "'broader' of term 'deceptive-alignment' names the term itself "
            "('deceptive alignment'); a term is not broader than itself: remove the entry",
        )
    ]
    assert ids(db.broader(db.terms["deceptive-alignment"])) == [
        "inner-alignment",
        "outer-alignment",
    ]
    assert ids(db.narrower(db.terms["deceptive-alignment"])) == []


CYCLE = """\
terms:
  - id: a
    name: A
    broader: [b]
  - id: b
    name: B
    broader: [c]
  - id: c
    name: C
    broader: [a]
  - id: d
    name: D
    broader: [a]
"""


def test_a_cycle_names_every_term_in_it_and_is_broken(tmp_path: Path) -> None:
    db = loaded(tmp_path, CYCLE)
    path = tmp_path / "terms.yaml"
    assert [(p.subtype, p.line, p.column, p.message) for p in db.problems] == [
        (
            Subtype.hierarchy,
            line_of(path, "broader: [a]"),
            15,
            "the broader terms form a cycle: 'a' -> 'b' -> 'c' -> 'a'; a term cannot be "
            "broader than itself: remove one of these entries ('a' in 'broader' of term 'c' "
            "is ignored)",
        )
    ]
    terms = db.terms
    assert terms["c"].broader == ()
    assert ids(db.broader(terms["a"])) == ["b"]
    assert ids(db.narrower(terms["a"])) == ["d"]
    assert ids(db.narrower(terms["c"])) == ["b"]


def test_two_cycles_through_one_term_are_both_reported(tmp_path: Path) -> None:
    text = "terms:\n  - {id: a, name: A, broader: [b, c]}\n  - {id: b, name: B, broader: [a]}\n"
    text += "  - {id: c, name: C, broader: [a]}\n"
    db = loaded(tmp_path, text)
    messages = [p.message.partition(";")[0] for p in db.problems]
    assert messages == [
        "the broader terms form a cycle: 'a' -> 'b' -> 'a'",
        "the broader terms form a cycle: 'a' -> 'c' -> 'a'",
    ]
    assert all(p.subtype is Subtype.hierarchy for p in db.problems)
    assert ids(db.narrower(db.terms["a"])) == []


def test_a_long_chain_needs_no_recursion(tmp_path: Path) -> None:
    count = 5000
    lines = ["terms:"]
    lines += [f"  - {{id: t{i}, name: T{i}, broader: [t{i + 1}]}}" for i in range(count)]
    lines.append(f"  - {{id: t{count}, name: T{count}, broader: [t0]}}")
    db = loaded(tmp_path, "\n".join(lines) + "\n")
    [problem] = db.problems
    assert problem.subtype is Subtype.hierarchy
    assert f"'t{count}' -> 't0'" in problem.message
    assert problem.message.count("->") == count + 1


def test_narrower_is_not_written_but_derived(tmp_path: Path) -> None:
    text = "terms:\n  - id: a\n    name: A\n    narrower: [b]\n  - id: b\n    name: B\n"
    db = loaded(tmp_path, text)
    [problem] = db.problems
    assert (problem.subtype, problem.line) == (Subtype.schema, 4)
    assert problem.message == (
        "unknown field 'narrower' in term 'a'; narrower terms are derived from 'broader': "
        "remove 'narrower' and write this term's id under 'broader' of each narrower term "
        "instead"
    )


def test_the_build_reports_hierarchy_problems_at_the_database(tmp_path: Path) -> None:
    built = project(
        tmp_path, CYCLE.replace("broader: [b]", "broader: [b, bee]"), ".. term-index::\n"
    )
    terms = built.srcdir / "terms.yaml"
    assert [(w.location, w.type) for w in built.warnings if w.type.startswith("termref.")] == [
        (f"{terms}:{line_of(terms, 'broader: [b, bee]')}:18", "termref.unknown"),
        (f"{terms}:{line_of(terms, 'broader: [a]')}:15", "termref.hierarchy"),
    ]
    assert "the broader terms form a cycle: 'a' -> 'b' -> 'c' -> 'a'" in built.warning_text
