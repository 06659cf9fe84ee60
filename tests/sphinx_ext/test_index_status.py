"""``term-index`` and term statuses: the ``:status:`` option, and the mark on the
entries of deprecated and draft terms in HTML, text and LaTeX.

Root ``test-index-status``: four terms, Adam (approved by default), Alignment
(approved), SGD (deprecated, replaced by Adam) and Shard Theory (draft). Pages:
glossary (A-Z), by-category, flat (``:group-by: none``), deprecated
(``:status: deprecated``), draft-approved (``:status: Draft, approved`` with
``:category: safety``), bad (``:status: deprecatd retired``), cards
(``:status: deprecated`` with ``:cards:``) and card (Adam's card, whose SEE ALSO
names SGD, Shard Theory and Alignment).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import Tag
from helpers import ROOTS, build_app, build_once, html, termref_warnings
from sphinx.testing.util import SphinxTestApp
from term_stylesheet import term_stylesheet

MARKED = {"sgd": "deprecated", "shard-theory": "draft"}
LISTINGS = ["glossary", "by-category", "flat"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return build_once(tmp_path_factory, "index-status")


def _index(app: SphinxTestApp, page: str) -> Tag:
    (found,) = html(app, page).select("div.body div.termref-index")
    return found


def _names(index: Tag) -> list[str]:
    """The entries' names, without their marks."""
    return [dt.find("a", class_="termref").get_text(strip=True) for dt in index.find_all("dt")]


@pytest.mark.parametrize("page", LISTINGS)
def test_every_grouping_marks_deprecated_and_draft_entries(
    built: SphinxTestApp, page: str
) -> None:
    index = _index(built, page)
    for dt in index.find_all("dt"):
        term_id = dt["id"].removeprefix("termref-entry-")
        dd = dt.find_next_sibling("dd")
        status = MARKED.get(term_id)
        marks = dt.select(".termref-index__status")
        if status is None:
            assert marks == []
            assert not {"termref-deprecated", "termref-draft"} & set(dt.get("class", []))
            continue
        assert f"termref-{status}" in dt["class"]
        assert f"termref-{status}" in dd["class"]
        (mark,) = marks
        assert f"termref-index__status--{status}" in mark["class"]
        assert mark.get_text() == f"({status})"
        # The mark follows the name, outside the link.
        assert mark.find_parent("a") is None
        assert " ".join(dt.get_text().split()).endswith(f" ({status})")


def test_the_name_and_its_link_are_unchanged(built: SphinxTestApp) -> None:
    index = _index(built, "glossary")
    sgd = index.find("dt", id="termref-entry-sgd")
    link = sgd.find("a", class_="termref")
    assert link.get_text() == "SGD"
    assert link["href"] == "cards.html#termref-sgd"
    assert "title" not in link.attrs
    assert term_stylesheet(built.outdir).tip("sgd") == "SGD: Plain stochastic gradient descent."


def test_status_option_selects(built: SphinxTestApp) -> None:
    assert _names(_index(built, "deprecated")) == ["SGD"]
    # Words are case-insensitive and may be separated by commas; other filters still apply.
    assert _names(_index(built, "draft-approved")) == ["Alignment", "Shard Theory"]
    assert _names(_index(built, "glossary")) == ["Adam", "Alignment", "SGD", "Shard Theory"]


def test_status_option_with_cards(built: SphinxTestApp) -> None:
    index = _index(built, "cards")
    cards = index.find_all("section", class_="termref-card")
    assert [card["id"] for card in cards] == ["termref-sgd"]
    # A card carries its own DEPRECATED banner.
    banner = cards[0].select_one(".termref-card__status--deprecated")
    assert banner.get_text(" ", strip=True).startswith("DEPRECATED")


def test_bad_status_values_warn_and_select_by_no_status(built: SphinxTestApp) -> None:
    warnings = termref_warnings(built)
    assert [(Path(w.location).name, w.message, w.type) for w in warnings] == [
        (
            "bad.rst:4",
            "term-index option :status: cannot be 'deprecatd'; did you mean 'deprecated'? "
            "choose one or more of draft, approved, deprecated",
            "termref.option",
        ),
        (
            "bad.rst:4",
            "term-index option :status: cannot be 'retired'; choose one or more of draft, "
            "approved, deprecated",
            "termref.option",
        ),
    ]
    assert "Traceback" not in built.warning.getvalue()
    assert _names(_index(built, "bad")) == ["Adam", "Alignment", "SGD", "Shard Theory"]


def _see_also(app: SphinxTestApp) -> list[tuple[str, list[str], str]]:
    """(name, classes, mark) of each item of Adam's SEE ALSO."""
    items = html(app, "card").select("ul.termref-see-also > li")
    return [
        (
            li.find("a", class_="termref").get_text(strip=True),
            li.get("class", []),
            " ".join(mark.get_text() for mark in li.select(".termref-see-also__status")),
        )
        for li in items
    ]


def test_see_also_marks_deprecated_and_draft_terms(built: SphinxTestApp) -> None:
    assert _see_also(built) == [
        ("SGD", ["termref-deprecated"], "(deprecated)"),
        ("Shard Theory", ["termref-draft"], "(draft)"),
        ("Alignment", [], ""),
    ]
    mark = html(built, "card").select_one(".termref-see-also__status--deprecated")
    assert mark.find_parent("a") is None


def test_a_see_also_status_change_reads_the_card_again(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-index-status", srcdir)
    build_app(srcdir, tmp_path / "_build")
    database = srcdir / "terms.yaml"
    text = database.read_text("utf-8")
    old = "    status: deprecated\n    replaced_by: adam\n"
    assert old in text
    database.write_text(text.replace(old, ""), encoding="utf-8")
    again = build_app(srcdir, tmp_path / "_build")
    assert _see_also(again)[0] == ("SGD", [], "")
    assert _index(again, "glossary").find("dt", id="termref-entry-sgd").get("class") is None


def test_text_output_shows_the_marks(tmp_path_factory: pytest.TempPathFactory) -> None:
    app = build_once(tmp_path_factory, "index-status", buildername="text")
    lines = (Path(app.outdir) / "by-category.txt").read_text("utf-8").splitlines()
    assert "*SGD* (deprecated)" in lines
    assert "*Shard Theory* (draft)" in lines
    assert "*Adam*" in lines
    assert "*Alignment*" in lines
    card = (Path(app.outdir) / "card.txt").read_text("utf-8").splitlines()
    assert "* *SGD* (deprecated)" in card
    assert "* *Shard Theory* (draft)" in card


def _role(css_class: str, text: str) -> re.Pattern[str]:
    """``\\DUrole{...}{text}`` with ``css_class`` among its classes: docutils 0.21
    joins an element's classes in one role, later versions nest one role per class."""
    return re.compile(
        r"\\DUrole\{(?:[\w-]+,)*"
        + re.escape(css_class)
        + r"(?:,[\w-]+)*\}\{"
        + re.escape(text)
        + r"\}"
    )


def test_latex_output_shows_the_marks(tmp_path_factory: pytest.TempPathFactory) -> None:
    app = build_once(tmp_path_factory, "index-status", buildername="latex")
    (tex_file,) = Path(app.outdir).glob("*.tex")
    tex = tex_file.read_text("utf-8")
    entries = [line for line in tex.splitlines() if line.startswith(r"\sphinxlineitem")]
    sgd = [line for line in entries if "glossary:termref-entry-sgd" in line]
    assert len(sgd) == 1
    assert r"{SGD}" in sgd[0]
    assert _role("termref-index__status--deprecated", "(deprecated)").search(sgd[0])
    draft = next(line for line in entries if "glossary:termref-entry-shard-theory" in line)
    assert "{(draft)}" in draft
    adam = next(line for line in entries if "glossary:termref-entry-adam" in line)
    assert "termref-index__status" not in adam
    assert len(_role("termref-see-also__status--deprecated", "(deprecated)").findall(tex)) == 1


@pytest.mark.parametrize(
    ("language", "deprecated", "draft"),
    [("de", "(veraltet)", "(Entwurf)"), ("fr", "(obsolète)", "(brouillon)")],
)
def test_marks_are_translated(
    tmp_path_factory: pytest.TempPathFactory, language: str, deprecated: str, draft: str
) -> None:
    app = build_once(tmp_path_factory, "index-status", confoverrides={"language": language})
    index = _index(app, "glossary")
    marks = {
        mark.find_parent("dt")["id"]: mark.get_text()
        for mark in index.select(".termref-index__status")
    }
    assert marks == {"termref-entry-sgd": deprecated, "termref-entry-shard-theory": draft}
