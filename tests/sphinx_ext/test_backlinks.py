"""REFERENCED IN: the pages that refer to a card's term, by title and link.

Root ``test-backlinks``: ``index`` shows three cards (mesa-optimization
with the default, reward-hacking with ``:backlinks: off``, ontology with
``:backlinks: on``); ``first`` refers to all three terms, ``second`` to
mesa-optimization only, ``quiet`` to none.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import ROOTS
from sphinx.testing.util import SphinxTestApp

ROOT = ROOTS / "test-backlinks"


def _card(app: SphinxTestApp, term_id: str, page: str = "index") -> Tag:
    soup = BeautifulSoup((Path(app.outdir) / f"{page}.html").read_text("utf-8"), "html.parser")
    card = soup.find("section", id=f"termref-{term_id}")
    assert card is not None, term_id
    return card


def _backlinks(card: Tag) -> list[tuple[str, str]] | None:
    """(title, href) of each REFERENCED IN link, or None when the card has no such section."""
    sections = card.select("div.termref-card__section--referenced-in")
    if not sections:
        return None
    assert len(sections) == 1
    section = sections[0]
    label = section.find(class_="termref-card__label")
    assert label is not None and label.get_text(strip=True) == "REFERENCED IN"
    return [(a.get_text(strip=True), a["href"]) for a in section.select("ul li a")]


QUIET = ":orphan:\n\n{title}\n{rule}\n\n{body}\n"


def _quiet_project(tmp_path: Path, body: str, title: str = "Quiet page") -> Path:
    """A copy of the root with an extra page, ``quiet``, outside every toctree."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    _write_quiet(srcdir, body, title)
    return srcdir


def _write_quiet(srcdir: Path, body: str, title: str) -> Path:
    quiet = srcdir / "quiet.rst"
    quiet.write_text(QUIET.format(title=title, rule="=" * len(title), body=body), "utf-8")
    return quiet


def _build(srcdir: Path, builddir: Path, read: list[str] | None = None) -> SphinxTestApp:
    """Build ``srcdir`` into ``builddir``, noting the documents read in ``read``."""
    app = SphinxTestApp("html", srcdir=srcdir, builddir=builddir)
    if read is not None:
        app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    try:
        app.build()
    finally:
        app.cleanup()
    return app


@pytest.mark.sphinx("html", testroot="backlinks")
def test_card_lists_referring_pages(app: SphinxTestApp) -> None:
    app.build()
    assert _backlinks(_card(app, "mesa-optimization")) == [
        ("First page", "first.html"),
        ("Second page", "second.html"),
    ]
    assert _backlinks(_card(app, "ontology")) == [("First page", "first.html")]


@pytest.mark.sphinx("html", testroot="backlinks")
def test_card_option_off_removes_section(app: SphinxTestApp) -> None:
    app.build()
    assert _backlinks(_card(app, "reward-hacking")) is None


@pytest.mark.sphinx("html", testroot="backlinks", confoverrides={"termref_backlinks": False})
def test_config_off_and_card_option_on(app: SphinxTestApp) -> None:
    app.build()
    assert _backlinks(_card(app, "mesa-optimization")) is None
    assert _backlinks(_card(app, "reward-hacking")) is None
    # ``:backlinks: on`` wins over the project setting.
    assert _backlinks(_card(app, "ontology")) == [("First page", "first.html")]


def _touch_later(path: Path) -> None:
    """Make ``path`` newer than anything a build has just read."""
    later = time.time() + 5
    os.utime(path, (later, later))


def test_incremental_added_and_removed_references(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    builddir = tmp_path / "_build"

    first = SphinxTestApp("html", srcdir=srcdir, builddir=builddir)
    try:
        first.build()
    finally:
        first.cleanup()
    assert _backlinks(_card(first, "mesa-optimization")) == [
        ("First page", "first.html"),
        ("Second page", "second.html"),
    ]

    # A new page refers to the term; the second page stops referring to it.
    new_page = srcdir / "third.rst"
    new_page.write_text(
        ":orphan:\n\nThird page\n==========\n\nSee :termref:`learned optimizers <inner "
        "optimization>`.\n",
        encoding="utf-8",
    )
    second = srcdir / "second.rst"
    second.write_text("Second page\n===========\n\nNothing now.\n", encoding="utf-8")
    _touch_later(second)

    read: list[str] = []
    again = SphinxTestApp("html", srcdir=srcdir, builddir=builddir)
    again.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    try:
        again.build()
    finally:
        again.cleanup()
    # The card page itself did not change and is not read again ...
    assert "index" not in read
    assert {"second", "third"} <= set(read)
    # ... but it is written again with the new list.
    assert _backlinks(_card(again, "mesa-optimization")) == [
        ("First page", "first.html"),
        ("Third page", "third.html"),
    ]


def test_incremental_renamed_page_title(tmp_path: Path) -> None:
    """A referring page outside every toctree changes its title: the card page,
    which nothing else makes Sphinx rewrite, shows the new title."""
    srcdir = _quiet_project(tmp_path, "About :termref:`ontology`.")
    builddir = tmp_path / "_build"
    first = _build(srcdir, builddir)
    assert _backlinks(_card(first, "ontology")) == [
        ("First page", "first.html"),
        ("Quiet page", "quiet.html"),
    ]

    quiet = _write_quiet(srcdir, "About :termref:`ontology`.", "Loud page")
    _touch_later(quiet)
    read: list[str] = []
    again = _build(srcdir, builddir, read)
    assert read == ["quiet"]
    assert _backlinks(_card(again, "ontology")) == [
        ("First page", "first.html"),
        ("Loud page", "quiet.html"),
    ]


def test_any_role_reference_is_a_backlink(tmp_path: Path) -> None:
    """``:any:`` resolves to the term's card like ``:termref:`` (docs/roles.md: ":any: finds
    terms"); the page it is on refers to the term and belongs in REFERENCED IN."""
    srcdir = _quiet_project(tmp_path, "Only :any:`ontology` here.")
    app = _build(srcdir, tmp_path / "_build")
    soup = BeautifulSoup((Path(app.outdir) / "quiet.html").read_text("utf-8"), "html.parser")
    assert soup.select_one("div.body a.termref")["href"] == "index.html#termref-ontology"
    assert _backlinks(_card(app, "ontology")) == [
        ("First page", "first.html"),
        ("Quiet page", "quiet.html"),
    ]


def test_incremental_deleted_page_leaves_the_list(tmp_path: Path) -> None:
    srcdir = _quiet_project(tmp_path, "About :termref:`ontology`.")
    builddir = tmp_path / "_build"
    first = _build(srcdir, builddir)
    assert ("Quiet page", "quiet.html") in (_backlinks(_card(first, "ontology")) or [])

    (srcdir / "quiet.rst").unlink()
    again = _build(srcdir, builddir)
    assert _backlinks(_card(again, "ontology")) == [("First page", "first.html")]


def test_page_title_is_escaped(tmp_path: Path) -> None:
    """Titles are written into the card's HTML as text, never as markup."""
    title = "Less < more & <b>bold</b>"
    srcdir = _quiet_project(tmp_path, "About :termref:`ontology`.", title=title)
    app = _build(srcdir, tmp_path / "_build")
    assert _backlinks(_card(app, "ontology")) == [
        ("First page", "first.html"),
        (title, "quiet.html"),
    ]
    assert _card(app, "ontology").find("b") is None


@pytest.mark.sphinx("dirhtml", testroot="backlinks")
def test_links_follow_the_builders_urls(app: SphinxTestApp) -> None:
    app.build()
    assert _backlinks(_card(app, "ontology")) == [("First page", "first/")]


@pytest.mark.sphinx("text", testroot="backlinks")
def test_text_output_lists_the_pages(app: SphinxTestApp) -> None:
    app.build()
    text = (Path(app.outdir) / "index.txt").read_text("utf-8")
    ontology = text[text.index("Ontology") :]
    assert ontology.rstrip().endswith("REFERENCED IN\n* First page")


@pytest.mark.sphinx("latex", testroot="backlinks")
def test_latex_output_links_the_pages(app: SphinxTestApp) -> None:
    app.build()
    (tex,) = Path(app.outdir).glob("*.tex")
    source = tex.read_text("utf-8")
    link = r"{\hyperref[\detokenize{first::doc}]{\sphinxcrossref{First page}}}"
    assert source.count(link) == 2  # on the mesa-optimization and ontology cards
