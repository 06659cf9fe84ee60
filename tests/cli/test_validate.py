"""``sphinx-termref validate``: the build's rules, every problem at once, editor-style
locations, JSON for machines, and exit status 0 / 1 / 2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import ROOTS
from helpers import run_cli as run

from sphinx_termref.termdb import loading

EXAMPLE_TERMS = Path(__file__).parents[2] / "example_docs" / "terms"
BAD_ROOT = ROOTS / "test-bad-db"


def test_clean_database_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "validate", str(EXAMPLE_TERMS))
    assert status == 0
    assert out == ""
    files = len(list(EXAMPLE_TERMS.glob("*.yaml")))
    assert err.startswith(f"{files} files, ") and err.rstrip().endswith(": no problems")


def test_every_problem_of_the_build_at_once(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same problems as the build's loader finds, in the editor's file:line:col form."""
    monkeypatch.chdir(BAD_ROOT)
    entries = ["good.yaml", "bad"]
    status, out, _ = run(capsys, "validate", *entries, "--format", "json")
    assert status == 1
    reported = json.loads(out)
    build = loading.load(entries, BAD_ROOT).problems

    def relative(text: str) -> str:
        return text.replace(f"{BAD_ROOT.resolve()}/", "")

    expected = sorted(
        (relative(p.path), p.line, p.column, f"termref.{p.subtype.value}", relative(p.message))
        for p in build
    )
    got = sorted((r["path"], r["line"], r["column"], r["type"], r["message"]) for r in reported)
    assert got == expected
    assert len(got) > 10  # one run, every file's problems


def test_problem_line_format(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(BAD_ROOT)
    status, out, err = run(capsys, "validate", "bad/wrong-type.yaml")
    assert status == 1
    assert out.splitlines() == [
        "bad/wrong-type.yaml:5:5: 'aliases' of term 'wrong-type' must be a list, found a "
        "string; write it as a list item: '- Wrongly typed' [termref.schema]"
    ]
    assert "1 file, 2 terms: 1 problem" in err


def test_problems_in_file_order(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "terms.yaml"
    path.write_text(
        "terms:\n"
        "  - id: Not A Slug\n"  # line 2
        "    name: One\n"
        "  - id: two\n"
        "    name: Two\n"
        "    aliases: one\n"  # line 6: a string, not a list
        "  - id: three\n"
        "    nmae: Three\n",  # line 8: unknown field, and no name
        encoding="utf-8",
    )
    status, out, _ = run(capsys, "validate", str(path))
    assert status == 1
    lines = out.splitlines()
    assert [line.split(":")[1] for line in lines] == ["2", "6", "7", "8"]
    assert lines[0].endswith("for example 'not-a-slug' [termref.schema]")
    assert "did you mean 'name'?" in lines[3]


def test_json_records(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "terms.yaml"
    path.write_text("terms:\n  - id: a\n    name: A\n  - id: a\n    name: B\n", encoding="utf-8")
    status, out, _ = run(capsys, "validate", "--format", "json", str(path))
    assert status == 1
    [record] = json.loads(out)
    assert record == {
        "path": str(path),
        "line": 4,
        "column": 0,
        "type": "termref.duplicate_id",
        "subtype": "duplicate_id",
        "message": record["message"],
    }
    assert "already used by the term at" in record["message"]


def test_json_clean_is_an_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "validate", "--format", "json", str(EXAMPLE_TERMS))
    assert (status, json.loads(out)) == (0, [])


def test_collision_across_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("terms:\n  - id: alpha\n    name: Alpha\n", encoding="utf-8")
    (tmp_path / "b.yml").write_text(
        "terms:\n  - id: beta\n    name: Beta\n    aliases: [ALPHA]\n", encoding="utf-8"
    )
    status, out, _ = run(capsys, "validate", str(tmp_path))
    assert status == 1
    assert "'ALPHA' of term 'beta' matches 'alpha' of term 'alpha'" in out
    assert out.rstrip().endswith("[termref.collision]")


def test_unknown_see_also(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "terms.yaml"
    path.write_text(
        "terms:\n"
        "  - id: base-optimizer\n"
        "    name: Base Optimizer\n"
        "    see_also:\n"
        "      - base optimizers\n"  # an inflection: fine
        "      - Base Optimiser\n",  # line 6, column 9: no such term
        encoding="utf-8",
    )
    status, out, _ = run(capsys, "validate", str(path))
    assert status == 1
    assert out.splitlines() == [
        f"{path}:6:9: see_also 'Base Optimiser' of term 'base-optimizer': it is not in the "
        "term database; did you mean 'base-optimizer'? Add it to the database or fix the "
        "spelling. [termref.unknown]"
    ]
    status, out, _ = run(capsys, "validate", "--external", str(path))
    assert (status, out) == (0, "")


def test_relative_paths_as_given(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shutil.copytree(BAD_ROOT, tmp_path / "root")
    monkeypatch.chdir(tmp_path / "root")
    status, out, _ = run(capsys, "validate", "bad/syntax.yaml")
    assert status == 1
    assert out.startswith("bad/syntax.yaml:4:4: YAML syntax error")


def test_directory_without_databases(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run(capsys, "validate", str(tmp_path))
    assert status == 1
    assert "holds no *.yaml or *.yml file [termref." in out


def test_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "validate", "no/such/terms.yaml")
    assert status == 2
    assert out == ""
    assert err.startswith(
        "sphinx-termref validate: error: path 'no/such/terms.yaml' does not exist"
    )


def test_no_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "validate")
    assert status == 2
    assert "the following arguments are required: PATH" in err
