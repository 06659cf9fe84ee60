"""``sphinx-termref new``: a skeleton term appended to a database file, which stays
valid; taken ids and names and bad slugs are refused and leave the file alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from helpers import run_cli as run

from sphinx_termref.termdb.schema import TERM_FIELDS
from sphinx_termref.termdb.validation import validate
from sphinx_termref.termdb.yaml_source import read_yaml

EXAMPLE_TERMS = Path(__file__).parents[2] / "example_docs" / "terms"


def assert_valid_with(
    path: Path, capsys: pytest.CaptureFixture[str], term_id: str, database: Path | None = None
) -> None:
    """``validate`` finds no problem in the file (or the ``database`` that holds it), and
    the new term reads back with every field."""
    assert run(capsys, "validate", str(database or path))[0] == 0
    document, problems = read_yaml(path)
    assert document is not None and not problems
    terms, problems = validate(document)
    assert not problems
    assert term_id in [term.id for term in terms]
    [entry] = [entry for entry in document.data["terms"] if entry["id"] == term_id]
    assert list(entry) == list(TERM_FIELDS)


def test_append_to_an_example_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE_TERMS, tmp_path / "terms")
    path = tmp_path / "terms" / "optimization.yaml"
    before = path.read_text(encoding="utf-8")
    status, out, err = run(
        capsys, "new", "reward-hacking", "--database", str(path), "--also", str(tmp_path)
    )
    assert status == 0, err
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)  # comments and layout kept
    line = len(before.splitlines()) + 2  # after one blank line
    assert out == (f"{path}:{line}: term 'reward-hacking' (Reward Hacking) added to {path}\n")
    assert after.splitlines()[line - 1] == "  - id: reward-hacking"
    assert "    name: Reward Hacking" in after
    assert_valid_with(path, capsys, "reward-hacking", tmp_path / "terms")


def test_create_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    status, out, _ = run(
        capsys, "new", "rlhf", "--name", "RLHF: feedback", "--database", str(path)
    )
    assert status == 0
    assert "created" in out
    text = path.read_text(encoding="utf-8")
    assert text.startswith('terms:\n  - id: rlhf\n    name: "RLHF: feedback"\n')
    assert_valid_with(path, capsys, "rlhf")
    # Every field is explained by a comment.
    for key in list(TERM_FIELDS)[2:]:
        [line] = [line for line in text.splitlines() if line.strip().startswith(f"{key}:")]
        assert "# " in line


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment\n",
        "terms:\n",
        "terms: []  # none yet\n",
        "terms:\n- id: a\n  name: A",  # an indentless list, no final newline
        "\ufeffterms:\n    -   id: a\n        name: A\n",  # a BOM, wide indentation
    ],
    ids=["empty", "comment", "null", "flow-empty", "indentless", "bom-wide"],
)
def test_file_shapes(capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str) -> None:
    path = tmp_path / "terms.yaml"
    path.write_text(text, encoding="utf-8")
    status, _, err = run(capsys, "new", "added", "-d", str(path))
    assert status == 0, err
    assert_valid_with(path, capsys, "added")
    data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    assert data["terms"][-1]["name"] == "Added"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") == text.startswith("\ufeff")


@pytest.mark.parametrize(
    ("argv", "taken"),
    [
        (["mesa-optimization"], "the id 'mesa-optimization' of term 'mesa-optimization'"),
        (["inner-optimization"], "the alias 'Inner optimization' of term 'mesa-optimization'"),
        (["mesa-opt", "--name", "MESA_OPTIMISATION"], "the alias 'mesa optimisation'"),
        (["fresh", "--name", "Mesa Optimization"], "the name 'Mesa-Optimization'"),
        (["fresh", "--name", "sub optimizer"], "the alias 'Sub-optimizer'"),
    ],
)
def test_taken_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], taken: str
) -> None:
    path = tmp_path / "mesa.yaml"
    shutil.copy(EXAMPLE_TERMS / "mesa-optimization.yaml", path)
    before = path.read_bytes()
    status, out, err = run(capsys, "new", *argv, "--database", str(path))
    assert status == 1
    assert out == ""
    assert "is taken: it matches " + taken in err
    assert "choose another id or name" in err
    assert path.read_bytes() == before


def test_taken_in_other_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    status, _, err = run(
        capsys, "new", "base-optimizer", "-d", str(path), "--also", str(EXAMPLE_TERMS)
    )
    assert status == 1
    assert "'base-optimizer' is taken" in err
    assert not path.exists()


@pytest.mark.parametrize(
    ("term_id", "suggestion"),
    [("Reward Hacking", "reward-hacking"), ("a--b", "a-b"), ("x-", "x"), ("Ü", "")],
)
def test_bad_slug_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, term_id: str, suggestion: str
) -> None:
    path = tmp_path / "terms.yaml"
    status, _, err = run(capsys, "new", term_id, "-d", str(path))
    assert status == 1
    assert f"id {term_id!r} is not a slug" in err
    assert f"for example {suggestion or 'mesa-optimization'!r}" in err
    assert not path.exists()


def test_flow_list_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "terms.yaml"
    path.write_text("terms: [{id: a, name: A}]\n", encoding="utf-8")
    status, _, err = run(capsys, "new", "b", "-d", str(path))
    assert status == 1
    assert "is not a block list" in err
    assert path.read_text(encoding="utf-8") == "terms: [{id: a, name: A}]\n"


def test_unreadable_file_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "terms.yaml"
    path.write_text("terms:\n  - id: a\n   name: [\n", encoding="utf-8")
    status, _, err = run(capsys, "new", "b", "-d", str(path))
    assert status == 1
    assert "cannot be read: YAML syntax error" in err


def test_directory_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, "new", "b", "-d", str(tmp_path))
    assert status == 2
    assert "is a directory; name a YAML file" in err
