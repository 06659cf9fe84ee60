"""``term-graph`` across builds: a parallel build draws what a serial one does, and an
incremental build reads a graph's page again (and runs ``dot``) only when one of its
terms changed.

Root ``test-graph`` (see ``test_term_graph``). ``dot`` is Graphviz's own, run through
a script that notes each run in a log, so the tests count the runs.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import NamedTuple

import pytest
from bs4 import BeautifulSoup
from graph_svg import Drawing, drawing
from helpers import ROOTS, strip_ansi
from sphinx.testing.util import SphinxTestApp

ROOT = ROOTS / "test-graph"
GRAPH_PAGES = {"graph", "deep", "broader", "narrower", "see-also", "category", "tag"}


class Run(NamedTuple):
    outdir: Path
    read: set[str]
    written: set[str]
    dot_runs: int  # in this build
    warnings: str
    merges: int  # documents read in worker processes

    def drawing(self, page: str) -> Drawing:
        return drawing(self.outdir, page)


class Project:
    """A copy of the root whose ``dot`` notes each run, built again and again into one
    build directory. The projects of one test share the script (its path is part of
    each drawing's hash) and its log."""

    def __init__(self, tmp_path: Path, name: str = "src") -> None:
        self.srcdir = tmp_path / name
        shutil.copytree(ROOT, self.srcdir)
        self.builddir = tmp_path / f"_build-{name}"
        self.log = tmp_path / "dot.log"
        script = tmp_path / "dot"
        if not script.exists():
            real = shutil.which("dot")
            assert real is not None, "Graphviz's dot (scripts/test.sh installs it)"
            script.write_text(f'#!/bin/sh\necho run >> "{self.log}"\nexec "{real}" "$@"\n')
            script.chmod(0o755)
        with (self.srcdir / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write(f"graphviz_dot = {str(script)!r}\n")

    def runs(self) -> int:
        return len(self.log.read_text().splitlines()) if self.log.exists() else 0

    def build(self, parallel: int = 0) -> Run:
        read: set[str] = set()
        written: set[str] = set()
        merges: list[str] = []
        before = self.runs()
        app = SphinxTestApp("html", srcdir=self.srcdir, builddir=self.builddir, parallel=parallel)
        app.connect("env-before-read-docs", lambda app, env, docnames: read.update(docnames))
        app.connect("doctree-resolved", lambda app, doctree, docname: written.add(docname))
        app.connect("env-merge-info", lambda app, env, docnames, other: merges.extend(docnames))
        try:
            app.build()
        finally:
            app.cleanup()
        warnings = strip_ansi(app.warning.getvalue())
        return Run(Path(app.outdir), read, written, self.runs() - before, warnings, len(merges))

    def edit(self, old: str, new: str) -> None:
        database = self.srcdir / "terms.yaml"
        text = database.read_text(encoding="utf-8")
        assert old in text
        database.write_text(text.replace(old, new, 1), encoding="utf-8")


def _figure(outdir: Path, page: str) -> str:
    soup = BeautifulSoup((outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    return str(soup.select_one("figure.termref-graph"))


def test_a_parallel_build_draws_what_a_serial_one_does(tmp_path: Path) -> None:
    serial = Project(tmp_path, "serial").build()
    parallel = Project(tmp_path, "parallel").build(parallel=2)
    assert parallel.merges > 0  # it really read in worker processes
    assert serial.warnings == parallel.warnings == ""
    assert serial.dot_runs == parallel.dot_runs == len(GRAPH_PAGES)
    for page in sorted(GRAPH_PAGES):
        assert _figure(parallel.outdir, page) == _figure(serial.outdir, page), page
    images = sorted(p.name for p in (serial.outdir / "_images").glob("termref-graph-*.svg"))
    assert (
        sorted(p.name for p in (parallel.outdir / "_images").glob("termref-graph-*.svg")) == images
    )
    for name in images:
        assert (parallel.outdir / "_images" / name).read_bytes() == (
            serial.outdir / "_images" / name
        ).read_bytes()


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


def test_one_dot_run_per_graph_and_none_when_nothing_changed(project: Project) -> None:
    first = project.build()
    assert first.dot_runs == len(GRAPH_PAGES)
    again = project.build()
    assert again.read == set() and again.written == set()
    assert again.dot_runs == 0


def test_editing_a_term_of_the_graph_reads_its_pages_again(project: Project) -> None:
    project.build()
    project.edit("summary: Gaming the reward signal.", "summary: Scoring without the task.")
    second = project.build()
    # The pages whose graphs draw it (it has no card), and the graph of a category,
    # which any term may join, as a term index is; that one's drawing is unchanged,
    # so the file of the same code is there and dot does not run for it. The summary
    # is in no other term's card.
    assert second.read == {"graph", "deep", "see-also", "tag", "category"}
    assert second.dot_runs == 4
    assert second.drawing("graph").nodes["Reward Hacking"].tooltip == "Scoring without the task."


def test_renaming_a_term_reads_the_graphs_of_the_terms_that_show_its_name(
    project: Project,
) -> None:
    project.build()
    project.edit("name: Reward Hacking", "name: Specification Gaming")
    second = project.build()
    # Mesa-Optimization's SEE ALSO shows the name: its card and every graph of it.
    assert second.read == GRAPH_PAGES | {"cards"}
    assert "Specification Gaming" in second.drawing("graph").nodes
    assert "Reward Hacking" not in second.drawing("graph").nodes
    assert "Specification Gaming" not in second.drawing("broader").nodes
    assert second.dot_runs == 4  # graph, deep, see-also, tag: the others are the same


def test_editing_a_term_outside_the_graph_leaves_its_pages(project: Project) -> None:
    project.build()
    project.edit("summary: Splits text into tokens.", "summary: Cuts text into tokens.")
    second = project.build()
    # Tokenizer's card, and the graphs of a category and a tag, which it might have
    # joined; not one graph of a term.
    assert second.read == {"cards", "category", "tag"}
    assert second.dot_runs == 0  # the drawings of the same code are there


def test_a_new_narrower_term_joins_the_graphs_of_its_broader_term(project: Project) -> None:
    project.build()
    with (project.srcdir / "terms.yaml").open("a", encoding="utf-8") as database:
        database.write("  - id: inner-optimizer\n    name: Inner Optimizer\n")
        database.write("    broader: [mesa-optimization]\n")
    second = project.build()
    # Mesa-Optimization's NARROWER changed: every page showing it is read again.
    assert {"graph", "deep", "narrower", "tag", "cards"} <= second.read
    assert ("Mesa-Optimization", "Inner Optimizer", False, True) in second.drawing("graph").lines


def test_a_card_that_appears_gives_the_graph_its_link(project: Project) -> None:
    first = project.build()
    assert first.drawing("graph").nodes["Reward Hacking"].href == ""
    (project.srcdir / "reward.rst").write_text(
        ":orphan:\n\nReward\n======\n\n.. term-card:: reward-hacking\n", encoding="utf-8"
    )
    second = project.build()
    # Only the new page is read; the graphs that draw the term are written again.
    assert second.read == {"reward"}
    assert {"graph", "deep", "see-also", "tag"} <= second.written
    assert (
        second.drawing("graph").nodes["Reward Hacking"].href
        == "../reward.html#termref-reward-hacking"
    )
