"""``sphinx-termref validate``: the build's rules, every problem at once, editor-style
locations, JSON for machines, and exit status 0 / 1 / 2."""

from __future__ import annotations

import datetime
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
        "severity": "error",
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


def test_a_reference_into_another_project_says_to_pass_external(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A glossary's ``:term:`python:slice``` becomes ``:termref:`python:slice``` on
    import: the build finds it in Python's inventory, validate cannot."""
    path = tmp_path / "terms.yaml"
    path.write_text(
        "terms:\n"
        "  - id: colon\n"
        "    name: colon\n"
        "    summary: The :termref:`python:slice` operator.\n",
        encoding="utf-8",
    )
    status, out, _ = run(capsys, "validate", str(path))
    assert status == 1
    assert out.splitlines() == [
        f"{path}:4:5: unknown term 'python:slice' in the summary of term 'colon': no term "
        "here has that name, and 'python:' may name a project in intersphinx_mapping, whose "
        "terms only the build can see; pass --external to leave such references to the "
        "build, or fix the spelling [termref.unknown]"
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


# -- --stale and --strict ---------------------------------------------------------------

#: 2025-01-01T00:00:00Z
EPOCH = "1735689600"

REVIEWS = (
    "terms:\n"
    "  - id: old\n"  # line 2
    "    name: Old\n"
    "    reviewed: 2024-01-05\n"  # line 4: 362 days before 2025-01-01
    "  - id: never\n"  # line 5
    "    name: Never\n"
    "  - id: empty\n"
    "    name: Empty\n"
    "    reviewed:\n"  # line 9: null is no date
    "  - id: malformed\n"  # line 10
    "    name: Malformed\n"
    "    reviewed: 2024-13-01\n"  # line 12: a schema error, not also stale
    "  - id: recent\n"
    "    name: Recent\n"
    "    reviewed: 2024-12-20\n"
)


@pytest.fixture
def reviews(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    path = tmp_path / "terms.yaml"
    path.write_text(REVIEWS, encoding="utf-8")
    return path


def test_stale_reports_old_and_missing_reviews(
    capsys: pytest.CaptureFixture[str], reviews: Path
) -> None:
    status, out, err = run(capsys, "validate", "--stale", "300", "terms.yaml")
    assert status == 1  # the malformed date is an error
    assert out.splitlines() == [
        "terms.yaml:4:5: term 'old' was last reviewed 2024-01-05 (362 days ago, over 300): "
        "review it and update 'reviewed' [termref.stale]",
        "terms.yaml:5:5: term 'never' has no reviewed date: review it and add "
        "'reviewed: 2025-01-01' [termref.stale]",
        "terms.yaml:9:5: term 'empty' has no reviewed date: review it and add "
        "'reviewed: 2025-01-01' [termref.stale]",
        "terms.yaml:12:5: 'reviewed' of term 'malformed' is '2024-13-01', not a date; write "
        "it as YYYY-MM-DD, for example '2024-05-31' [termref.schema]",
    ]
    assert err.rstrip().endswith("1 file, 5 terms: 4 problems (3 warnings)")


def test_stale_follows_source_date_epoch(
    capsys: pytest.CaptureFixture[str], reviews: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 2024-01-05 is 362 days before the epoch: within 362, over 361.
    _, out, _ = run(capsys, "validate", "--stale", "362", "terms.yaml")
    assert "'old'" not in out
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH) + 86400))  # a day later
    _, out, _ = run(capsys, "validate", "--stale", "362", "terms.yaml")
    assert "term 'old' was last reviewed 2024-01-05 (363 days ago, over 362)" in out
    assert "add 'reviewed: 2025-01-02'" in out
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "next year")
    status, out, err = run(capsys, "validate", "--stale", "362", "terms.yaml")
    assert (status, out) == (2, "")
    assert "error: SOURCE_DATE_EPOCH is 'next year', not a number of seconds" in err


def test_stale_without_epoch_uses_today(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    recent = datetime.date.today() - datetime.timedelta(days=30)
    path = tmp_path / "terms.yaml"
    path.write_text(
        f"terms:\n  - id: recent\n    name: Recent\n    reviewed: {recent.isoformat()}\n",
        encoding="utf-8",
    )
    assert run(capsys, "validate", "--stale", "365", str(path))[:2] == (0, "")
    status, out, _ = run(capsys, "validate", "--stale", "7", "--strict", str(path))
    assert status == 1
    assert "term 'recent' was last reviewed" in out and "over 7" in out


def test_without_stale_reviews_are_not_checked(
    capsys: pytest.CaptureFixture[str], reviews: Path
) -> None:
    _, out, _ = run(capsys, "validate", "terms.yaml")
    assert "[termref.stale]" not in out


@pytest.mark.parametrize("days", ["-1", "a year", "1.5", ""])
def test_stale_days_must_be_a_whole_number(
    capsys: pytest.CaptureFixture[str], reviews: Path, days: str
) -> None:
    status, out, err = run(capsys, "validate", "--stale", days, "terms.yaml")
    assert (status, out) == (2, "")
    assert "error: argument --stale:" in err and "is not a number of days" in err


def test_warnings_fail_only_with_strict(capsys: pytest.CaptureFixture[str], reviews: Path) -> None:
    Path("terms.yaml").write_text(REVIEWS.replace("2024-13-01", "2024-12-01"), encoding="utf-8")
    status, out, err = run(capsys, "validate", "--stale", "300", "terms.yaml")
    assert status == 0
    assert out.count("[termref.stale]") == 3
    assert err.rstrip().endswith("1 file, 5 terms: 3 problems (3 warnings)")
    status, out, _ = run(capsys, "validate", "--stale", "300", "--strict", "terms.yaml")
    assert status == 1
    assert out.count("[termref.stale]") == 3
    # --strict passes a database with nothing to warn about.
    Path("reviewed.yaml").write_text(
        "terms:\n  - id: old\n    name: Old\n    reviewed: 2024-01-05\n", encoding="utf-8"
    )
    assert run(capsys, "validate", "--stale", "400", "--strict", "reviewed.yaml")[:2] == (0, "")
    assert run(capsys, "validate", "--strict", str(EXAMPLE_TERMS))[0] == 0


def test_json_severity(capsys: pytest.CaptureFixture[str], reviews: Path) -> None:
    status, out, _ = run(capsys, "validate", "--stale", "300", "--format", "json", "terms.yaml")
    assert status == 1
    records = json.loads(out)
    assert [(r["line"], r["subtype"], r["severity"]) for r in records] == [
        (4, "stale", "warning"),
        (5, "stale", "warning"),
        (9, "stale", "warning"),
        (12, "schema", "error"),
    ]
    assert records[0]["type"] == "termref.stale"


def test_broader_problems_are_the_build_s(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Unknown broader terms, a term naming itself and cycles: the database's problems,
    reported with --external too (a hierarchy holds the database's own terms only)."""
    path = tmp_path / "terms.yaml"
    path.write_text(
        "terms:\n"
        "  - id: alignment\n"
        "    name: Alignment\n"
        "    broader: [inner-alignment]\n"
        "  - id: inner-alignment\n"
        "    name: Inner alignment\n"
        "    broader:\n"
        "      - alignment\n"  # line 8: closes the cycle
        "      - Inner Alignment\n"  # line 9: the term itself
        "      - Outer Alignmnt\n",  # line 10: no such term
        encoding="utf-8",
    )
    expected = [
        f"{path}:8:9: the broader terms form a cycle: 'alignment' -> 'inner-alignment' -> "
        "'alignment'; a term cannot be broader than itself: remove one of these entries "
        "('alignment' in 'broader' of term 'inner-alignment' is ignored) [termref.hierarchy]",
        f"{path}:9:9: 'broader' of term 'inner-alignment' names the term itself "
        "('Inner Alignment'); a term is not broader than itself: remove the entry "
        "[termref.hierarchy]",
        f"{path}:10:9: broader term 'Outer Alignmnt' of term 'inner-alignment': it is not in "
        "the term database; did you mean 'alignment'? Add it to the database or fix the "
        "spelling. [termref.unknown]",
    ]
    for extra in ([], ["--external"]):
        status, out, _ = run(capsys, "validate", *extra, str(path))
        assert (status, out.splitlines()) == (1, expected)
