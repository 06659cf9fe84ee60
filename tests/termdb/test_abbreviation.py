"""The ``abbreviation`` field: one short form, checked like an alias, that finds its term."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_cli as run

from sphinx_termref.termdb.database import TermDatabase
from sphinx_termref.termdb.loading import load
from sphinx_termref.warnings import Subtype

RLHF = """\
terms:
  - id: rl-from-human-feedback
    name: Reinforcement Learning from Human Feedback
    abbreviation: RLHF
    aliases: [learning from human feedback]
"""


REWARD_TERMS = """\
  - id: reward-learning
    name: Reward learning
    aliases: [Reward model]
  - id: rm
    name: Reward modelling
    abbreviation: reward MODEL
"""


def load_one(tmp_path: Path, text: str) -> TermDatabase:
    (tmp_path / "terms.yaml").write_text(text, encoding="utf-8")
    return load(["terms.yaml"], tmp_path)


def test_the_abbreviation_is_read_and_finds_the_term(tmp_path: Path) -> None:
    db = load_one(tmp_path, RLHF)
    assert db.problems == []
    assert db.terms["rl-from-human-feedback"].abbreviation == "RLHF"
    for spelling in ("RLHF", "rlhf", " Rlhf ", "RLHFs"):
        found = db.lookup(spelling, inflect=True)
        assert found is not None and found.id == "rl-from-human-feedback", spelling
    assert db.suggestions("RLHG") == ["RLHF"]


def test_a_term_without_one_has_none(tmp_path: Path) -> None:
    db = load_one(tmp_path, "terms:\n  - id: a\n    name: Alpha\n    abbreviation:\n")
    assert db.problems == []
    assert db.terms["a"].abbreviation == ""


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            '"  "',
            "'abbreviation' of term 'x' is blank; write the short form (for example 'RLHF') "
            "or remove the field",
        ),
        ('"RL\\tHF"', "'abbreviation' of term 'x' contains the control character U+0009"),
        ("[RLHF]", "'abbreviation' of term 'x' must be a string, found a list"),
        ("true", "'abbreviation' of term 'x' must be a string, found a boolean (True)"),
    ],
)
def test_bad_abbreviations_are_reported_at_their_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, message: str
) -> None:
    text = f"terms:\n  - id: x\n    name: X\n    abbreviation: {value}\n"
    db = load_one(tmp_path, text)
    (problem,) = db.problems
    assert (problem.subtype, problem.path, problem.line) == (
        Subtype.schema,
        str(tmp_path / "terms.yaml"),
        4,
    )
    assert problem.message.startswith(message), problem.message
    assert db.terms["x"].abbreviation == ""  # the term is kept without it
    # The same problem, in the editor's file:line:column form.
    status, out, _ = run(capsys, "validate", str(tmp_path / "terms.yaml"))
    assert status == 1
    assert out.startswith(f"{tmp_path / 'terms.yaml'}:4:5: {message}"), out


def test_collision_with_an_alias_of_another_term(tmp_path: Path) -> None:
    db = load_one(
        tmp_path,
        RLHF + REWARD_TERMS,
    )
    (problem,) = db.problems
    assert problem.subtype is Subtype.collision
    # Where the abbreviation is written, and where the alias it matches is.
    assert (problem.line, problem.column) == (11, 5)
    assert problem.message.startswith(
        "'reward MODEL' of term 'rm' matches 'Reward model' of term 'reward-learning' "
        f"(at {tmp_path / 'terms.yaml'}:8:15)"
    )
    assert db.terms["rm"].abbreviation == ""  # dropped; the term stays
    assert db.lookup("reward model").id == "reward-learning"


def test_an_alias_that_collides_with_an_abbreviation_points_at_it(tmp_path: Path) -> None:
    db = load_one(tmp_path, RLHF + "  - id: other\n    name: Other\n    aliases: [rlhf]\n")
    (problem,) = db.problems
    assert problem.subtype is Subtype.collision
    assert problem.message.startswith(
        "'rlhf' of term 'other' matches 'RLHF' of term 'rl-from-human-feedback' "
        f"(at {tmp_path / 'terms.yaml'}:4:5)"
    )
