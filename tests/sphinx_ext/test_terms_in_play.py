"""The digests an incremental build compares are those of the terms in play: the
terms the pages refer to or show. A project that uses a few terms of a large
database keeps and compares those few; a page that lists the whole database, or
prose that may mention any term, keeps every term's.

Each test builds a project, edits it and builds again with a new app on the same
build directory, as a second ``sphinx-build`` run would.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from bs4 import BeautifulSoup
from helpers import build_again, dump_terms, strip_ansi, write_project

TERMS = [
    {"id": "alpha", "name": "Alpha", "summary": "The first one."},
    {"id": "beta", "name": "Beta", "summary": "The second one."},
    {"id": "gamma", "name": "Gamma", "summary": "The third one."},
    {"id": "delta", "name": "Delta", "summary": "The fourth one."},
]
PAGES = {
    "index": "Terms\n=====\n\n.. toctree::\n\n   cards\n   refs\n   plain\n",
    "cards": "Cards\n=====\n\n.. term-card:: alpha\n",
    "refs": "Refs\n====\n\nSee :termref:`beta` and :termref:`Omega`.\n",
    "plain": "Plain\n=====\n\nNo term here.\n",
}


class Build(NamedTuple):
    read: set[str]
    written: set[str]
    warnings: str
    #: Term ids whose digests the environment keeps for the next build.
    kept: set[str]
    #: Whether those are every term of the database.
    every: bool
    outdir: Path

    def text(self, page: str) -> str:
        html = (self.outdir / f"{page}.html").read_text("utf-8")
        return BeautifulSoup(html, "html.parser").get_text()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "src", dump_terms(TERMS), PAGES)


@pytest.fixture
def build(project: Path, tmp_path: Path) -> Callable[..., Build]:
    def run(**overrides: object) -> Build:
        app, read, written = build_again(project, tmp_path / "_build", confoverrides=overrides)
        data = app.env.domaindata["termref"]
        kept = set(pickle.loads(data["digests"])) if data["digests"] else set()
        warnings = strip_ansi(app.warning.getvalue())
        return Build(read, written, warnings, kept, data["every"], Path(app.outdir))

    return run


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_environment_keeps_the_digests_of_the_terms_in_play(
    build: Callable[..., Build],
) -> None:
    first = build()
    assert first.kept == {"alpha", "beta"}  # the card, and the reference that finds a term
    assert "unknown term 'Omega'" in first.warnings


def test_editing_a_term_no_page_uses_reads_and_writes_nothing(
    project: Path, build: Callable[..., Build]
) -> None:
    build()
    _edit(project / "terms.yaml", "The third one.", "The third one, edited.")
    second = build()
    assert (second.read, second.written) == (set(), set())


def test_editing_a_term_in_play_reads_the_page_that_shows_it(
    project: Path, build: Callable[..., Build]
) -> None:
    build()
    _edit(project / "terms.yaml", "The first one.", "The first one, edited.")
    second = build()
    assert second.read == {"cards"}
    assert "The first one, edited." in second.text("cards")


def test_a_new_alias_of_an_unused_term_resolves_a_reference_that_was_unknown(
    project: Path, build: Callable[..., Build]
) -> None:
    """Gamma is not in play, so its digests are not compared; the spelling index is."""
    build()
    _edit(project / "terms.yaml", "name: Gamma\n", "name: Gamma\n  aliases:\n  - Omega\n")
    second = build()
    assert "refs" in second.read
    assert "omega" not in second.warnings.lower()
    assert second.kept == {"alpha", "beta", "gamma"}


def test_a_page_that_starts_using_a_term_brings_it_into_play(
    project: Path, build: Callable[..., Build]
) -> None:
    build()
    _edit(project / "plain.rst", "No term here.", "Now :termref:`gamma` is here.")
    second = build()
    assert second.read == {"plain"}
    assert (second.kept, second.every) == ({"alpha", "beta", "gamma"}, False)
    # Gamma has no card, so its summary is on the page that refers to it.
    _edit(project / "terms.yaml", "The third one.", "The third one, edited.")
    third = build()
    assert "plain" in third.written
    assert "The third one, edited." in (third.outdir / "plain.html").read_text("utf-8")


def test_a_term_index_keeps_every_term(project: Path, build: Callable[..., Build]) -> None:
    _edit(project / "index.rst", "   plain\n", "   plain\n   glossary\n")
    (project / "glossary.rst").write_text("Glossary\n========\n\n.. term-index::\n")
    first = build()
    assert (first.kept, first.every) == ({"alpha", "beta", "gamma", "delta"}, True)
    _edit(project / "terms.yaml", "The fourth one.", "The fourth one, edited.")
    assert build().read == {"glossary"}
    # Leaving the index out compares the terms in play alone from then on.
    (project / "glossary.rst").write_text("Glossary\n========\n\nNo index.\n")
    _edit(project / "terms.yaml", "The first one.", "The first one, edited.")
    third = build()
    assert "cards" in third.read
    assert (third.kept, third.every) == ({"alpha", "beta"}, False)


def test_prose_features_keep_every_term(build: Callable[..., Build]) -> None:
    assert build(termref_autolink="first").kept == {"alpha", "beta", "gamma", "delta"}
