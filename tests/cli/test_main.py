"""The ``sphinx-termref`` command as a whole: help for every command, exit status 2
for usage errors, no tracebacks, ``python -m sphinx_termref``, and the progress bar."""

from __future__ import annotations

import argparse
import os
import select
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import run_cli as run

from sphinx_termref import __version__
from sphinx_termref.cli import build_parser
from sphinx_termref.cli.progress import Progress

COMMANDS = ["validate", "show", "new", "import-glossary", "export", "schema"]


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--help")
    assert status == 0
    assert out.startswith("usage: sphinx-termref ")
    for command in COMMANDS:
        assert f"    {command}" in out


@pytest.mark.parametrize("command", COMMANDS)
def test_help_of_each_command(capsys: pytest.CaptureFixture[str], command: str) -> None:
    status, out, _ = run(capsys, command, "--help")
    assert status == 0
    assert out.startswith(f"usage: sphinx-termref {command} ")
    assert "examples:\n  sphinx-termref " + command in out
    # Every option is explained.
    parser = build_parser()
    [subparsers] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    sub = subparsers.choices[command]
    for action in sub._actions:
        assert action.help, f"{command} {action.option_strings or action.dest} has no help"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--version")
    assert (status, out) == (0, f"sphinx-termref {__version__}\n")


def test_no_command(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys)
    assert (status, out) == (2, "")
    assert err.startswith("usage: sphinx-termref ")


@pytest.mark.parametrize(
    "argv",
    [["frobnicate"], ["validate", "--no-such-option", "x.yaml"], ["show", "--width", "wide"]],
)
def test_usage_errors(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert "error:" in err


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_termref", "--help"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("usage: sphinx-termref ")
    assert result.stderr == ""


def test_python_dash_m_error_has_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_termref", "validate", "missing.yaml"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("sphinx-termref validate: error: path 'missing.yaml'")
    assert "Traceback" not in result.stderr


def test_schema_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from sphinx_termref.termdb.json_schema import SCHEMA_PATH, render

    status, out, _ = run(capsys, "schema")
    assert (status, out) == (0, render())
    status, out, _ = run(capsys, "schema", "--path")
    assert (status, out) == (0, f"{SCHEMA_PATH}\n")
    output = tmp_path / "schema.json"
    assert run(capsys, "schema", "-o", str(output))[0] == 0
    assert output.read_text(encoding="utf-8") == render()


# --- the progress bar -----------------------------------------------------------


@pytest.fixture
def terminal():  # type: ignore[no-untyped-def]
    """A real terminal (a pseudo-terminal pair): what is written, and the stream."""
    leader, follower = os.openpty()
    stream = os.fdopen(follower, "w", encoding="utf-8")
    yield leader, stream
    stream.close()
    os.close(leader)


def _read(leader: int) -> str:
    """Everything written so far: a terminal may hand it over in several pieces."""
    chunks = []
    while select.select([leader], [], [], 0.2)[0]:
        chunks.append(os.read(leader, 65536))
    return b"".join(chunks).decode()


def test_progress_bar_on_a_terminal(terminal) -> None:  # type: ignore[no-untyped-def]
    leader, stream = terminal
    with Progress("exporting", 2000, stream, unit="terms") as bar:
        for _ in range(2000):
            bar.advance()
        assert bar.line() == "exporting [##############################] 100%  2000/2000 terms"
    shown = _read(leader)
    assert "\rexporting [" in shown
    assert "2000/2000 terms" in shown
    assert shown.endswith("\r")  # the line is cleared at the end


def test_no_bar_for_little_work(terminal) -> None:  # type: ignore[no-untyped-def]
    leader, stream = terminal
    with Progress("exporting", 999, stream) as bar:
        for _ in range(999):
            bar.advance()
    stream.write("x")
    stream.flush()
    assert _read(leader) == "x"


def test_no_bar_off_a_terminal(tmp_path: Path) -> None:
    with (tmp_path / "log").open("w") as stream, Progress("exporting", 5000, stream) as bar:
        bar.advance(5000)
    assert (tmp_path / "log").read_text() == ""


def test_bar_in_bytes() -> None:
    bar = Progress("reading", 4 * 1024 * 1024, unit="KiB", scale=1024)
    bar.advance(1024 * 1024)
    assert bar.line() == "reading [########----------------------]  25%  1024/4096 KiB"
