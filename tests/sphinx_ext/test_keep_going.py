"""``sphinx-build -W --keep-going`` on a project with many different problems: every
one is reported in the same run, the exit status says the build failed, and nothing
in the output hints at a crash (docs/warnings.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import write_project

DATABASE = """\
terms:
  - id: good
    name: Good Term
    summary: Fine, with :raw:`<b>refused raw</b>` markup.
  - id: Bad Slug
    name: Badly Identified
  - id: nameless
  - id: typo
    name: Typo Term
    sumary: misspelled field
  - id: evil
    name: Evil Term
    read_more: javascript:alert(1)
  - id: cardless
    name: Cardless Term
  - id: clash
    name: Clash
    aliases: [good_term]
  - id: good
    name: Second Good
"""
BROKEN_FILE = "terms:\n  - id: [unclosed\n    name: x\n"
INDEX = """\
Broken project
==============

.. toctree::

   other

.. term-card:: good

.. term-card:: good

.. term-card:: typo
   :sections: summary nonsense

See :termref:`no such term`, :termref:`another missing term` and
:termref:`cardless term`.
"""
OTHER = """\
Other
=====

.. term-card:: missing-card

.. term-index::
   :category: Nothing Has This Category
"""

#: (subtype, a fragment of the message, the file it must be located in)
EXPECTED = [
    # At the summary's line in the database, once, though two cards show it.
    ("termref.markup", "uses the raw role 'raw'", "terms.yaml"),
    ("termref.schema", "id 'Bad Slug' is not a slug", "terms.yaml"),
    ("termref.schema", "term 'nameless' has no 'name'", "terms.yaml"),
    (
        "termref.schema",
        "unknown field 'sumary' in term 'typo'; did you mean 'summary'?",
        "terms.yaml",
    ),
    ("termref.schema", "the scheme 'javascript' is not allowed", "terms.yaml"),
    ("termref.collision", "'good_term' of term 'clash' matches", "terms.yaml"),
    ("termref.duplicate_id", "term id 'good' is already used", "terms.yaml"),
    ("termref.yaml", "YAML syntax error", "broken.yaml"),
    ("termref.duplicate_card", "term 'good' has a card already in 'index'", "index.rst"),
    ("termref.option", "unknown card section 'nonsense'", "index.rst"),
    ("termref.unknown", "unknown term 'no such term'", "index.rst"),
    ("termref.unknown", "unknown term 'another missing term'", "index.rst"),
    ("termref.no_card", "term 'cardless' is in the database but no page shows it", "index.rst"),
    ("termref.unknown", "term-card for unknown term 'missing-card'", "other.rst"),
    ("termref.option", "term-index selects no term", "other.rst"),
]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    tmp = tmp_path_factory.mktemp("keep-going")
    srcdir = write_project(
        tmp / "src",
        {"terms.yaml": DATABASE, "broken.yaml": BROKEN_FILE},
        {"index": INDEX, "other": OTHER},
        conf_extra='termref_databases = ["terms.yaml", "broken.yaml"]\n',
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-b",
            "html",
            "-q",
            str(srcdir),
            str(tmp / "out"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "LANG": "C.UTF-8"},
    )
    return done, tmp


def test_build_fails(run) -> None:  # type: ignore[no-untyped-def]
    done, _ = run
    assert done.returncode != 0, done.stderr


def test_nothing_crashed(run) -> None:  # type: ignore[no-untyped-def]
    done, _ = run
    output = done.stdout + done.stderr
    assert "Traceback" not in output
    assert "Exception occurred" not in output
    assert "extension error" not in output.lower()


@pytest.mark.parametrize(
    ("subtype", "fragment", "file"), EXPECTED, ids=[e[1][:40] for e in EXPECTED]
)
def test_every_problem_is_reported_in_one_run(run, subtype: str, fragment: str, file: str) -> None:  # type: ignore[no-untyped-def]
    done, tmp = run
    lines = [
        line for line in done.stderr.splitlines() if f"[{subtype}]" in line and fragment in line
    ]
    # Once each, at the database: a markup warning too, though the card and the term
    # index both show the text.
    assert len(lines) == 1, (
        subtype,
        fragment,
        done.stderr,
    )
    for line in lines:
        assert line.startswith(f"{tmp / 'src' / file}:"), line


def test_only_these_problems_are_reported(run) -> None:  # type: ignore[no-untyped-def]
    done, _ = run
    warnings = [
        line for line in done.stderr.splitlines() if ": WARNING: " in line or ": ERROR: " in line
    ]
    unexpected = [
        line
        for line in warnings
        if not any(f"[{s}]" in line and f in line for s, f, _ in EXPECTED)
    ]
    assert unexpected == [], unexpected


def test_the_pages_are_still_written(run) -> None:  # type: ignore[no-untyped-def]
    _, tmp = run
    assert (tmp / "out" / "index.html").is_file()
    assert (tmp / "out" / "other.html").is_file()
