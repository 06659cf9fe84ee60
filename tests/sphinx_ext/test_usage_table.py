"""``.. term-usage::``: the table of each term's status, owner, review and use."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import ROOTS, build, build_app, dump_terms, html, project, termref_warnings
from sphinx.testing.util import SphinxTestApp

ROOT = ROOTS / "test-usage-table"
HEADER = [
    "Term",
    "Status",
    "Owner",
    "Reviewed",
    "References",
    "Pages",
    "Deprecated or discouraged",
]
ALL_ROWS = [
    ["Alpha", "approved", "Docs team", "2020-01-01", "3", "2", "1"],
    ["Beta", "draft", "Ann", "2999-01-01", "4", "4", "0"],
    ["Delta", "approved", "\u2014", "\u2014", "0", "0", "0"],
    ["Gamma", "deprecated", "\u2014", "\u2014", "1", "1", "1"],
]


def _tables(soup: BeautifulSoup) -> list[list[list[str]]]:
    return [
        [[cell.get_text(strip=True) for cell in row.find_all(["th", "td"])] for row in table("tr")]
        for table in soup.select("table.termref-usage")
    ]


@pytest.fixture(scope="module")
def serial(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return build_app(ROOT, tmp_path_factory.mktemp("serial"))


def test_each_row_has_the_term_status_owner_review_and_counts(serial: SphinxTestApp) -> None:
    every, *_ = _tables(html(serial, "table"))
    assert every == [HEADER, *ALL_ROWS]


def test_the_term_links_to_its_card_or_is_plain_text(serial: SphinxTestApp) -> None:
    table = html(serial, "table").select_one("table.termref-usage")
    links = {a.get_text(): a["href"] for a in table.select("a")}
    assert links == {
        "Alpha": "index.html#termref-alpha",
        "Beta": "index.html#termref-beta",
        "Gamma": "index.html#termref-gamma",
    }  # Delta has no card
    rows = table.select("tbody tr")
    assert "termref-usage--draft" in rows[1]["class"]
    assert "termref-usage--deprecated" in rows[3]["class"]


def test_options_filter_and_sort_the_rows(serial: SphinxTestApp) -> None:
    _, unused, stale, statuses, bad = _tables(html(serial, "table"))
    alpha, beta, delta, gamma = ALL_ROWS
    assert unused == [HEADER, delta]
    # Never reviewed first (by name), then the oldest; Beta's review is recent.
    assert stale == [HEADER, delta, gamma, alpha]
    # Most referenced first.
    assert statuses == [HEADER, beta, gamma]
    # Bad values are left out: every term, by name.
    assert bad == [HEADER, *ALL_ROWS]


def test_bad_option_values_warn_at_the_directive_with_what_is_valid(
    serial: SphinxTestApp,
) -> None:
    messages = [
        (w.location, w.message) for w in termref_warnings(serial) if w.type == "termref.option"
    ]
    line = (ROOT / "table.rst").read_text("utf-8").splitlines().index("Bad") + 4
    where = f"{ROOT / 'table.rst'}:{line}"
    assert all(location == where for location, _ in messages), messages
    text = " | ".join(message for _, message in messages)
    assert "'retired'; choose one or more of draft, approved, deprecated" in text
    assert "'soon'; write a whole number of days" in text
    assert "'size'; choose from name, references, pages, reviewed, status, owner" in text


def test_the_headers_are_translated(tmp_path: Path) -> None:
    app = build_app(ROOT, tmp_path, confoverrides={"language": "de"})
    header = _tables(html(app, "table"))[0][0]
    assert header == [
        "Begriff",
        "Status",
        "Verantwortlich",
        "Geprüft",
        "Verweise",
        "Seiten",
        "Veraltet oder unerwünscht",
    ]


def test_text_and_latex_show_the_table(tmp_path: Path) -> None:
    text = build_app(ROOT, tmp_path / "text", "text")
    output = (Path(text.outdir) / "table.txt").read_text("utf-8")
    assert "Deprecated or discouraged" in output
    assert "Docs team" in output and "2020-01-01" in output
    latex = build_app(ROOT, tmp_path / "latex", "latex")
    tex = next(Path(latex.outdir).glob("*.tex")).read_text("utf-8")
    assert "\\begin{tabulary}" in tex or "\\begin{longtable}" in tex
    assert "Deprecated or discouraged" in tex and "Docs team" in tex


def test_a_parallel_build_counts_the_same(serial: SphinxTestApp, tmp_path: Path) -> None:
    merged: list[str] = []
    app = SphinxTestApp("html", srcdir=ROOT, builddir=tmp_path, parallel=2)
    app.connect("env-merge-info", lambda app, env, docnames, other: merged.extend(docnames))
    try:
        app.build()
    finally:
        app.cleanup()
    assert merged  # pages were read in other processes
    assert _tables(html(app, "table")) == _tables(html(serial, "table"))


def test_a_new_reference_elsewhere_updates_the_table(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    first = build(srcdir, tmp_path / "_build")
    assert _tables(first.soup("table"))[1][1][0] == "Delta"
    page = srcdir / "three.rst"
    page.write_text(page.read_text("utf-8") + "\nAnd :termref:`delta`.\n", encoding="utf-8")
    later = page.stat().st_mtime + 5
    os.utime(page, (later, later))
    second = build(srcdir, tmp_path / "_build")
    every, unused, *_ = _tables(second.soup("table"))
    assert every[3] == ["Delta", "approved", "\u2014", "\u2014", "1", "1", "0"]
    assert unused == [HEADER]


def test_stale_counts_from_source_date_epoch(tmp_path, monkeypatch) -> None:
    """A reproducible build: ``:stale:`` counts days from ``SOURCE_DATE_EPOCH``."""
    terms = dump_terms(
        [
            {"id": "old", "name": "Old", "summary": "S.", "reviewed": "2020-01-01"},
            {"id": "new", "name": "New", "summary": "S.", "reviewed": "2020-06-01"},
        ]
    )
    page = (
        "Page\n====\n\n.. term-card:: old\n\n.. term-card:: new\n\n"
        ".. term-usage::\n   :stale: 100\n"
    )
    # 2020-07-01: "old" is 182 days old, "new" 30.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1593561600")
    built = project(tmp_path / "epoch", terms, page)
    rows = built.soup().select("table.termref-usage tbody tr")
    assert [row.td.get_text(strip=True) for row in rows] == ["Old"]
