"""The shared helpers' own checks: a warning stream parsed whole, and a throw-away
project that builds."""

from __future__ import annotations

from pathlib import Path

from helpers import Warned, dump_terms, parse_warnings, project


def test_parse_warnings_keeps_multi_line_messages() -> None:
    text = (
        "\x1b[91m/a/b.yaml:1:1: WARNING: first line\nsecond line [termref.schema]\x1b[39;49;00m\n"
        "/a/c.rst:3: WARNING: one line [termref.unknown]\n"
        "WARNING: no location\n"
        '/a/d.rst:9: ERROR: Unknown interpreted text role "x".\n'
    )
    assert parse_warnings(text) == [
        Warned("/a/b.yaml:1:1", "first line\nsecond line", "termref.schema"),
        Warned("/a/c.rst:3", "one line", "termref.unknown"),
        Warned("", "no location", ""),
        Warned("/a/d.rst:9", 'Unknown interpreted text role "x".', "", "ERROR"),
    ]


def test_a_minimal_project_builds_cleanly(tmp_path: Path) -> None:
    database = dump_terms([{"id": "alpha", "name": "Alpha", "summary": "The first."}])
    built = project(tmp_path, database, "Title\n=====\n\n.. term-card:: alpha\n")
    built.assert_no_crash()
    assert built.warnings == []
    assert built.soup().find(id="termref-alpha") is not None
