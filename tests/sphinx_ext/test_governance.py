"""Deprecated terms and discouraged spellings in a build: the links and the warnings."""

from __future__ import annotations

import pytest
from helpers import (
    ROOTS,
    build,
    card,
    html,
    line_of,
    project,
    termref_warnings,
    write_project,
)
from term_stylesheet import term_stylesheet

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


# -- the status on the card -----------------------------------------------------------


def status_line(app, term_id: str):
    element = card(html(app), term_id)
    name = element.select_one(".termref-card__name")
    status = element.select_one(".termref-card__status")
    # Right under the name.
    assert status is not None and name.find_next_sibling() is status
    return element, status


@governance
def test_deprecated_card_has_a_banner_linking_to_the_replacement(app) -> None:
    app.build()
    element, status = status_line(app, "inner-alignment-problem")
    assert "termref-card--deprecated" in element["class"]
    assert "termref-card__status--deprecated" in status["class"]
    assert " ".join(status.get_text().split()) == "DEPRECATED Use Inner alignment instead."
    (link,) = status.find_all("a")
    assert link["href"] == "#termref-inner-alignment"


@governance
def test_deprecated_card_without_replacement_and_draft_badge(app) -> None:
    app.build()
    element, status = status_line(app, "old-safety")
    assert status.get_text(strip=True) == "DEPRECATED" and status.find("a") is None
    element, status = status_line(app, "mesa-optimization")
    assert "termref-card--draft" in element["class"]
    assert status.get_text(strip=True) == "DRAFT"
    approved = card(html(app), "inner-alignment")
    assert approved.select(".termref-card__status") == []
    assert [c for c in approved["class"] if c.startswith("termref-card--")] == []


@governance
def test_previews_show_the_status(app) -> None:
    app.build()
    styles = term_stylesheet(app.outdir)
    terms = styles.terms
    assert terms["inner-alignment-problem"]["status"] == "deprecated"
    assert terms["mesa-optimization"]["status"] == "draft"
    assert "status" not in terms["inner-alignment"]
    # The labels termref.js puts on the preview.
    assert styles.labels["label-deprecated"] == "DEPRECATED"
    assert styles.labels["label-draft"] == "DRAFT"


@pytest.mark.sphinx("html", testroot="governance", confoverrides={"language": "de"})
def test_status_labels_are_translated(app) -> None:
    app.build()
    _, status = status_line(app, "inner-alignment-problem")
    assert " ".join(status.get_text().split()) == (
        "VERALTET Verwenden Sie stattdessen Inner alignment."
    )
    _, status = status_line(app, "mesa-optimization")
    assert status.get_text(strip=True) == "ENTWURF"


@pytest.mark.sphinx("text", testroot="governance")
def test_text_cards_show_the_status_under_the_name(app) -> None:
    app.build()
    lines = [line for line in (app.outdir / "index.txt").read_text("utf-8").splitlines() if line]
    at = lines.index("Inner alignment problem")
    assert lines[at + 1] == "**DEPRECATED** Use *Inner alignment* instead."
    at = lines.index("Old safety")
    assert lines[at + 1] == "**DEPRECATED**"
    at = lines.index("Mesa-Optimization")
    assert lines[at + 1] == "**DRAFT**"


@pytest.mark.sphinx("latex", testroot="governance")
def test_latex_cards_show_the_status(app) -> None:
    app.build()
    (tex,) = app.outdir.glob("*.tex")
    text = tex.read_text("utf-8")
    banner = text.index(r"\sphinxstylestrong{DEPRECATED} Use ")
    assert text.index("Inner alignment problem") < banner
    assert r"\hyperref[\detokenize{index:termref-inner-alignment}]" in text[banner : banner + 200]
    assert r"\sphinxstylestrong{DRAFT}" in text


SEE_ALSO = """\
terms:
  - id: new
    name: New
  - id: old
    name: Old
    status: deprecated
    replaced_by: new
  - id: user
    name: User
    see_also: [old]
"""


def test_see_also_naming_a_deprecated_term_warns_once_at_the_database(tmp_path) -> None:
    pages = {
        "index": ".. toctree::\n\n   other\n\n.. term-index::\n",
        "other": "Other\n=====\n\n.. term-card:: user\n   :no-index:\n",
    }
    built = project(tmp_path, SEE_ALSO, pages)
    warned = built.typed("termref.deprecated")
    terms = built.srcdir / "terms.yaml"
    assert [(w.location, w.message) for w in warned] == [
        (
            f"{terms}:{line_of(terms, 'see_also')}",
            f"'Old' is deprecated: use 'New' ({terms}:2) (in the see also of term 'user')",
        )
    ]


def test_renaming_the_replacement_updates_the_banner_in_an_incremental_build(tmp_path) -> None:
    pages = {
        "index": ".. toctree::\n\n   old\n\n.. term-card:: new\n",
        "old": "Old\n===\n\n.. term-card:: old\n",
    }
    srcdir = write_project(tmp_path / "src", SEE_ALSO, pages)
    build(srcdir, tmp_path / "_build")
    terms = srcdir / "terms.yaml"
    terms.write_text(terms.read_text("utf-8").replace("name: New", "name: Newer"), "utf-8")
    built = build(srcdir, tmp_path / "_build")
    banner = built.soup("old").select_one(".termref-card__status")
    assert " ".join(banner.get_text().split()) == "DEPRECATED Use Newer instead."
