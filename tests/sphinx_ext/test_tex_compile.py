"""Hostile database text compiled by TeX: typeset as written, never run
(docs/security.md).

The LaTeX builder's ``.tex`` file is compiled with pdflatex, shell escape off, as
``make latexpdf`` would. The PDF's text must hold every hostile value as written,
TeX's special characters included, and a ``\\write18`` in a name must not have run.
``scripts/test.sh`` installs TeX where it is missing; without it these tests are
skipped, except under CI, where missing TeX is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from helpers import Built, dump_terms, project, squash

#: Each of TeX's special characters, and macros that read files, run the shell,
#: define macros or change how TeX reads: in a name, each must stay text.
PAYLOAD = (
    r"\input{/etc/hostname} \immediate\write18{touch termref-pwned} "
    r"\def\x{1}\x \catcode`\@=11 $ % # & _ ^ ~ { } \relax"
)
NAME = f"Evil {PAYLOAD}"
TERMS = [
    {
        "id": "evil",
        "name": NAME,
        "category": f"Category {PAYLOAD}",
        "aliases": [f"Alias {PAYLOAD}"],
        "read_more": {"url": "https://example.org/?a=1&b=%20#x", "label": f"More {PAYLOAD}"},
        "organizations": [{"name": f"Org {PAYLOAD}", "url": "https://example.org/~x_y"}],
        "owner": f"Owner {PAYLOAD}",
        # reStructuredText reads a backslash as an escape: doubled, it is one.
        "summary": f"Summary {PAYLOAD.replace(chr(92), chr(92) * 2)}",
    }
]
PAGE = """\
Hostile
=======

.. term-card:: evil

See :termref:`evil`.

.. term-index::

.. term-usage::
"""
COMPILER = "pdflatex"


def _require_tex() -> None:
    missing = [tool for tool in (COMPILER, "pdftotext") if shutil.which(tool) is None]
    if missing:
        message = (
            f"the TeX compile tests need {' and '.join(missing)} "
            "(apt-get install texlive-latex-recommended texlive-latex-extra "
            "texlive-fonts-recommended tex-gyre poppler-utils)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, str, str]:
    """The LaTeX build, the compile's log, and the PDF's text."""
    _require_tex()
    tmp = tmp_path_factory.mktemp("tex")
    built = project(
        tmp, dump_terms(TERMS), PAGE, builder="latex", conf_extra='project = "Hostile"\n'
    )
    (tex,) = built.outdir.glob("*.tex")
    result = subprocess.run(
        [COMPILER, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", tex.name],
        cwd=built.outdir,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    log = tex.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert result.returncode == 0, log[-3000:]
    text = subprocess.run(
        ["pdftotext", tex.with_suffix(".pdf").name, "-"],
        cwd=built.outdir,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return built, log, text


def test_the_hostile_project_builds_without_warnings(compiled: tuple[Built, str, str]) -> None:
    built, _, _ = compiled
    assert built.warnings == []


@pytest.mark.parametrize(
    "value",
    [NAME, f"Category {PAYLOAD}".upper(), f"Alias {PAYLOAD}", f"More {PAYLOAD}", f"Org {PAYLOAD}"],
)
def test_the_pdf_shows_each_value_as_written(compiled: tuple[Built, str, str], value: str) -> None:
    _, _, text = compiled
    assert squash(value) in squash(text)


def test_the_summary_shows_the_payload_once_unescaped(compiled: tuple[Built, str, str]) -> None:
    _, _, text = compiled
    assert squash(f"Summary {PAYLOAD}") in squash(text)


def test_no_macro_from_the_data_ran(compiled: tuple[Built, str, str]) -> None:
    built, log, _ = compiled
    # \write18 would have made this file; \input would have read /etc/hostname.
    assert not (built.outdir / "termref-pwned").exists()
    assert list(built.outdir.rglob("termref-pwned*")) == []
    assert "(/etc/hostname" not in log
    assert "runsystem" not in log  # what TeX logs for a shell escape, run or refused
