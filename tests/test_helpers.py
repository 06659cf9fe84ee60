"""The shared helpers' own checks: a warning stream parsed whole, a throw-away
project that builds, and a crash inside the build that fails the test by itself."""

from __future__ import annotations

from pathlib import Path

import pytest
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
    assert built.warnings == []
    assert built.soup().find(id="termref-alpha") is not None


def test_an_exception_inside_the_build_reaches_the_test(tmp_path: Path) -> None:
    # So no test needs to search the build's output for a traceback: an exception in
    # any event handler, the extension's included, is raised out of the build.
    database = dump_terms([{"id": "alpha", "name": "Alpha", "summary": "The first."}])
    conf = (
        "def _crash(app, doctree, docname):\n"
        "    raise RuntimeError('crashed on ' + docname)\n\n"
        "def setup(app):\n"
        "    app.connect('doctree-resolved', _crash)\n"
    )
    with pytest.raises(Exception, match="crashed on index"):
        project(tmp_path, database, "Title\n=====\n\n.. term-card:: alpha\n", conf_extra=conf)
