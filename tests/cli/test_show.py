"""``sphinx-termref show``: one card in the terminal, found as references find terms."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import CARD_LABELS, run_cli

EXAMPLE_TERMS = Path(__file__).parents[2] / "example_docs" / "terms"
LABELS = CARD_LABELS


def show(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, "show", *argv)


def test_reference_card_layout(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = show(
        capsys, "learned optimizers", "--database", str(EXAMPLE_TERMS), "--width", "200"
    )
    assert status == 0
    lines = out.splitlines()
    assert lines[:2] == ["// MODEL OPTIMIZATION AND PROMPT SYNTAX TERM", "Mesa-Optimization"]
    assert lines[3].startswith("This happens when an AI system, trained to solve a problem")
    positions = [lines.index(label) for label in LABELS]
    assert positions == sorted(positions)
    background = lines[positions[1] : positions[2]]
    assert "Read more on Wikipedia: https://en.wikipedia.org/wiki/AI_alignment" in background
    aliases = lines[positions[2] + 1 : positions[3] - 1]
    assert aliases == [
        "- Inner optimization",
        "- Learned optimizer",
        "- Emergent optimization",
        "- Sub-optimizer",
    ]
    developers = lines[positions[4] + 1 :]
    assert developers[0] == "Organizations developing technology related to Mesa-Optimization."
    assert "- Machine Intelligence Research Institute (MIRI) <https://intelligence.org>" in (
        developers
    )
    see_also = lines[positions[5] + 1 :]
    assert see_also[:2] == ["- Base Optimizer", "- Mesa-Objective"]
    assert "mesa-optimization" in err and "mesa-optimization.yaml:5" in err


def test_markup_becomes_plain_text(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = show(capsys, "AI-ALIGNMENT", "-d", str(EXAMPLE_TERMS), "--width", "1000")
    assert status == 0
    assert "A system is aligned with a principal" in out
    assert "split into outer alignment, specifying" in out
    assert ":termref:" not in out and "*" not in out


def test_lines_wrap_at_the_width(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = show(capsys, "mesa-optimization", "-d", str(EXAMPLE_TERMS), "--width", "50")
    assert status == 0
    assert max(len(line) for line in out.splitlines() if "://" not in line) <= 50


def test_empty_sections_are_left_out(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "terms.yaml"
    path.write_text(
        "terms:\n  - id: bare\n    name: Bare\n    usage_note: Say it ``plainly``.\n",
        encoding="utf-8",
    )
    status, out, _ = show(capsys, "bare", "-d", str(path))
    assert status == 0
    assert out == "Bare\n\nUSAGE NOTE\nSay it plainly.\n"


def test_unknown_term_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = show(capsys, "mesa optimisatoin", "-d", str(EXAMPLE_TERMS))
    assert status == 1
    assert out == ""
    assert err.startswith("sphinx-termref show: 'mesa optimisatoin': it is not in the term")
    assert "did you mean 'mesa optimisation'" in err


def test_broken_database_is_noted(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "terms.yaml"
    path.write_text("terms:\n  - id: ok\n    name: OK\n  - name: No id\n", encoding="utf-8")
    status, out, err = show(capsys, "ok", "-d", str(path))
    assert status == 0
    assert out == "OK\n"
    assert "note: the database has 1 problem;" in err
    assert f"sphinx-termref validate {path}" in err


def test_missing_database_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = show(capsys, "x", "-d", "missing.yaml")
    assert status == 2
    assert "error: database 'missing.yaml' does not exist" in err


def test_database_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = show(capsys, "x")
    assert status == 2
    assert "the following arguments are required: -d/--database" in err
