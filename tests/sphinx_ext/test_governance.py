"""Deprecated terms and discouraged spellings in a build: the links and the warnings."""

from __future__ import annotations

import pytest
from helpers import ROOTS, html, line_of, termref_warnings

ROOT = ROOTS / "test-governance"
TERMS = ROOT / "terms" / "alignment.yaml"
governance = pytest.mark.sphinx("html", testroot="governance")


def link_targets(app, text: str) -> list[str]:
    soup = html(app)
    return [a["href"] for a in soup.find_all("a", class_="termref") if a.get_text() == text]


@governance
def test_deprecated_reference_links_and_warns(app) -> None:
    app.build()
    assert link_targets(app, "Inner alignment problem") == ["#termref-inner-alignment-problem"]
    warned = [w for w in termref_warnings(app) if w.type == "termref.deprecated"]
    where = f"{app.srcdir / 'terms' / 'alignment.yaml'}:{line_of(TERMS, 'id: inner-alignment')}"
    assert f"'Inner alignment problem' is deprecated: use 'Inner alignment' ({where})" in [
        w.message for w in warned
    ]
    page = str(app.srcdir / "index.rst")
    assert any(w.location.startswith(page) for w in warned)


@governance
def test_deprecated_without_replacement_says_where_it_is(app) -> None:
    app.build()
    messages = [w.message for w in termref_warnings(app) if w.type == "termref.deprecated"]
    where = f"{app.srcdir / 'terms' / 'alignment.yaml'}:{line_of(TERMS, 'id: old-safety')}"
    assert f"'Old safety' is deprecated ({where})" in messages
    assert len(messages) == 2  # the cards and the plain references do not warn


@governance
def test_discouraged_spelling_links_and_warns(app) -> None:
    app.build()
    assert link_targets(app, "mesa-optimiser") == ["#termref-mesa-optimization"]
    warned = [w for w in termref_warnings(app) if w.type == "termref.discouraged"]
    assert [w.message for w in warned] == [
        "write 'Mesa-Optimization' (or one of its aliases), not 'mesa-optimiser'"
    ]
    assert (
        warned[0].location
        == f"{app.srcdir / 'index.rst'}:{line_of(ROOT / 'index.rst', 'Discouraged')}"
    )


@governance
def test_only_governance_warnings(app) -> None:
    app.build()
    assert sorted({w.type for w in termref_warnings(app)}) == [
        "termref.deprecated",
        "termref.discouraged",
    ]


@pytest.mark.sphinx(
    "html", testroot="governance", confoverrides={"suppress_warnings": ["termref.deprecated"]}
)
def test_deprecated_warning_can_be_suppressed(app) -> None:
    app.build()
    assert [w.type for w in termref_warnings(app)] == ["termref.discouraged"]
