"""Incremental builds: which pages a change to the term database makes Sphinx read
again, and which it only writes again.

Root ``test-incremental``: terms alpha, beta and gamma (whose summary refers to
alpha). ``cards`` shows all three cards, ``alpha-ref`` refers to alpha by an
inflected alias, ``beta-ref`` to beta, ``glossary`` is a ``term-index``,
``unknown`` refers to a term ``delta`` that is not in the database, ``plain`` and
``index`` use no term. Each test copies the root, builds it, edits the database
and builds again with a new SphinxTestApp on the same build directory.

Root ``test-refs`` (the tests at the end): a copy built with ``make_build``, whose
progress lines tell which pages were read and written.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from bs4 import BeautifulSoup
from helpers import ROOTS, build_again, html, strip_ansi, termref_warnings
from sphinx.testing.util import SphinxTestApp
from term_stylesheet import FILE_NAME, term_stylesheet

ROOT = ROOTS / "test-incremental"


class Build(NamedTuple):
    app: SphinxTestApp
    read: set[str]
    written: set[str]
    warnings: str

    def soup(self, page: str) -> BeautifulSoup:
        text = (Path(self.app.outdir) / f"{page}.html").read_text("utf-8")
        return BeautifulSoup(text, "html.parser")

    def tip(self, term_id: str) -> str:
        return term_stylesheet(Path(self.app.outdir)).tip(term_id)

    def stylesheet_time(self) -> int:
        return (Path(self.app.outdir) / "_static" / FILE_NAME).stat().st_mtime_ns


@pytest.fixture
def project(tmp_path: Path) -> Path:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    return srcdir


@pytest.fixture
def build(project: Path, tmp_path: Path) -> Callable[[], Build]:
    def run() -> Build:
        app, read, written = build_again(project, tmp_path / "_build")
        return Build(app, read, written, strip_ansi(app.warning.getvalue()))

    return run


ALL_PAGES = {"index", "cards", "alpha-ref", "beta-ref", "plain", "glossary", "unknown"}


def _edit(project: Path, old: str, new: str) -> None:
    database = project / "terms.yaml"
    text = database.read_text("utf-8")
    assert old in text
    database.write_text(text.replace(old, new), encoding="utf-8")


def test_first_build_reads_everything(build: Callable[[], Build]) -> None:
    first = build()
    assert first.read == ALL_PAGES
    assert "unknown term 'delta'" in first.warnings


def test_nothing_changed_reads_nothing(build: Callable[[], Build]) -> None:
    first = build()
    written = first.stylesheet_time()
    second = build()
    assert second.read == set()
    assert "WARNING" not in second.warnings
    # The same content: the term stylesheet is left as it was, time included.
    assert second.stylesheet_time() == written


def test_editing_a_summary_rereads_the_pages_that_show_it(
    project: Path, build: Callable[[], Build]
) -> None:
    build()
    _edit(project, "The first one.", "The very first one.")
    second = build()
    # Shown on cards, listed by the glossary's term-index: their cards were made
    # when they were read.
    assert second.read == {"cards", "glossary"}
    card = second.soup("cards").find("section", id="termref-alpha")
    summary = card.find(class_="termref-card__summary").get_text(strip=True)
    assert summary == "The very first one."
    # alpha-ref's link shows nothing of the summary: its tooltip and preview are
    # the term stylesheet's, which the build writes again. The page is not written;
    # index is, as Sphinx writes the page whose toctree holds a page it read.
    assert second.written == {"cards", "glossary", "index"}
    assert second.tip("alpha") == "Alpha: The very first one."
    assert "The very first one." not in (Path(second.app.outdir) / "alpha-ref.html").read_text()


def test_adding_an_abbreviation_rewrites_the_card_and_the_links(
    project: Path, build: Callable[[], Build]
) -> None:
    """The card shows it after the name, and so does a link's tooltip, which is the
    term stylesheet's: referring pages are not written again."""
    build()
    _edit(project, "    name: Alpha\n", "    name: Alpha\n    abbreviation: ALF\n")
    second = build()
    assert second.read == {"cards", "glossary"}
    card = second.soup("cards").find("section", id="termref-alpha")
    name = card.find(class_="termref-card__name")
    assert name.find(class_="termref-card__abbreviation").get_text() == "(ALF)"
    assert second.written == {"cards", "glossary", "index"}  # index: the toctree's
    assert second.tip("alpha") == "Alpha (ALF): The first one."
    assert second.tip("beta") == "Beta: The second one."


def test_editing_another_term_leaves_alpha_pages(
    project: Path, build: Callable[[], Build]
) -> None:
    build()
    _edit(project, "The second one.", "The second one, edited.")
    second = build()
    assert second.read == {"cards", "glossary"}
    assert second.written == {"cards", "glossary", "index"}  # index: the toctree's
    assert second.tip("beta") == "Beta: The second one, edited."


def test_renaming_a_term_rewrites_its_referring_pages(
    project: Path, build: Callable[[], Build]
) -> None:
    """An abbreviation written out on first use shows the term's name on the page."""
    build()
    _edit(project, "    name: Alpha\n", "    name: Alpha Prime\n")
    second = build()
    assert "alpha-ref" not in second.read
    assert "alpha-ref" in second.written
    assert "beta-ref" not in second.written
    assert second.tip("alpha").startswith("Alpha Prime: ")


def test_editing_a_definition_leaves_referring_pages_alone(
    project: Path, build: Callable[[], Build]
) -> None:
    """Links show the name, summary, category and aliases; nothing else of a term."""
    build()
    _edit(project, "The first one.\n", "The first one.\n    technical_definition: Formal.\n")
    second = build()
    assert second.read == {"cards", "glossary"}
    assert "alpha-ref" not in second.written
    card = second.soup("cards").find("section", id="termref-alpha")
    assert "Formal." in card.get_text()


def test_editing_a_term_shown_nowhere_but_the_index(
    project: Path, build: Callable[[], Build]
) -> None:
    build()
    _edit(project, "The third one,", "The third one (edited),")
    assert build().read == {"cards", "glossary"}


def test_adding_a_term_resolves_an_unknown_reference(
    project: Path, build: Callable[[], Build]
) -> None:
    first = build()
    assert "unknown term 'delta'" in first.warnings
    assert first.soup("unknown").select_one("div.body a.termref") is None
    database = project / "terms.yaml"
    database.write_text(
        database.read_text("utf-8") + "  - id: delta\n    name: Delta\n    summary: Fourth.\n",
        encoding="utf-8",
    )
    second = build()
    assert second.read == {"unknown", "glossary"}
    assert "WARNING" not in second.warnings
    link = second.soup("unknown").select_one("div.body a.termref")
    assert link is not None
    assert link["href"] == "glossary.html#termref-entry-delta"


def test_removing_a_term_makes_its_references_warn(
    project: Path, build: Callable[[], Build]
) -> None:
    build()
    _edit(project, "  - id: beta\n    name: Beta\n    summary: The second one.\n", "")
    second = build()
    assert second.read == {"cards", "beta-ref", "glossary"}
    assert re.search(
        r"beta-ref\.rst:\d+: WARNING: unknown term 'beta'.*\[termref\.unknown\]", second.warnings
    ), second.warnings
    assert re.search(
        r"cards\.rst:\d+: WARNING: term-card for unknown term 'beta'", second.warnings
    )
    assert second.soup("beta-ref").select_one("div.body a.termref") is None
    assert second.soup("cards").find(id="termref-beta") is None


def test_removing_an_alias_makes_its_references_warn(
    project: Path, build: Callable[[], Build]
) -> None:
    build()
    _edit(project, "aliases: [First letter]", "aliases: [Initial]")
    second = build()
    assert "alpha-ref" in second.read
    assert "plain" not in second.read
    assert "unknown term 'first letters'" in second.warnings


def test_moving_a_card_updates_links_on_other_pages(
    project: Path, build: Callable[[], Build]
) -> None:
    """The card of alpha leaves ``cards``; its references on pages that did not
    change must follow it to the next place that shows the term (the glossary)."""
    first = build()
    assert first.soup("alpha-ref").select_one("div.body a.termref")["href"] == (
        "cards.html#termref-alpha"
    )
    cards = project / "cards.rst"
    cards.write_text(
        cards.read_text("utf-8").replace(".. term-card:: alpha\n\n", ""), encoding="utf-8"
    )
    later = cards.stat().st_mtime + 5
    os.utime(cards, (later, later))
    second = build()
    assert "cards" in second.read
    assert second.soup("cards").find(id="termref-alpha") is None
    link = second.soup("alpha-ref").select_one("div.body a.termref")
    assert link["href"] == "glossary.html#termref-entry-alpha"


def test_editing_a_term_rewrites_pages_with_any_references(
    project: Path, build: Callable[[], Build]
) -> None:
    """``:any:`` finds terms too, and its link depends on the term like one made by
    ``:termref:``: its tooltip is the term stylesheet's, and a new name is on it."""
    (project / "any-ref.rst").write_text(
        ":orphan:\n\nAny reference\n=============\n\nSee :any:`beta`.\n", encoding="utf-8"
    )
    first = build()
    link = first.soup("any-ref").select_one("div.body a.termref--beta")
    assert "title" not in link.attrs
    assert first.tip("beta") == "Beta: The second one."
    _edit(project, "The second one.", "The second one, edited.")
    second = build()
    assert "any-ref" not in second.read | second.written
    assert second.tip("beta") == "Beta: The second one, edited."
    _edit(project, "name: Beta\n", "name: Beta Two\n    aliases: [Beta]\n")
    third = build()
    assert "any-ref" not in third.read
    assert "any-ref" in third.written


# -- root test-refs: cards on two pages that refer to each other ------------------------


def rebuild(make_build, srcdir: Path, builddir: Path):
    return make_build(srcdir, builddir=builddir)


def read_docs(app) -> set[str]:
    status = strip_ansi(app.status.getvalue())
    return set(re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", status))


def written_docs(app) -> set[str]:
    status = strip_ansi(app.status.getvalue())
    return set(re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", status))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_changed_summary_updates_card_and_link_titles(make_build, copied_root, tmp_path) -> None:
    srcdir = copied_root("refs")
    builddir = tmp_path / "incremental"
    first = rebuild(make_build, srcdir, builddir)
    assert read_docs(first) == {"index", "other"}

    edit(srcdir / "terms.yaml", "Gaming the reward, see", "Exploiting the reward, see")
    second = rebuild(make_build, srcdir, builddir)
    # reward-hacking's card is on other.rst; index.rst refers to it
    assert read_docs(second) == {"other"}
    # index.rst shows the card of a term that other.rst refers to, whose REFERENCED
    # IN list may have changed; its links carry no summary (the term stylesheet has it)
    assert written_docs(second) == {"index", "other"}
    card = html(second, "other").find(id="termref-reward-hacking")
    assert (
        card.find(class_="termref-card__summary")
        .get_text(" ", strip=True)
        .startswith("Exploiting the reward")
    )
    assert term_stylesheet(second.outdir).tip("reward-hacking") == (
        "Reward Hacking: Exploiting the reward, see mesa-optimization."
    )
    assert all("title" not in a.attrs for a in html(second).select("a.termref"))


def test_changed_summary_of_a_term_no_page_shows(make_build, copied_root, tmp_path) -> None:
    """A reference to a term without a card is an ``<abbr>`` whose title is the
    tooltip: its page is written again when the summary changes."""
    srcdir = copied_root("refs")
    builddir = tmp_path / "incremental"
    first = rebuild(make_build, srcdir, builddir)
    abbr = html(first).find("abbr", class_="termref--no-card")
    assert abbr["title"] == "Orphan Term: A term that no page shows."
    edit(srcdir / "terms.yaml", "A term that no page shows.", "Still shown by no page.")
    second = rebuild(make_build, srcdir, builddir)
    assert read_docs(second) == set()
    assert written_docs(second) == {"index"}
    abbr = html(second).find("abbr", class_="termref--no-card")
    assert abbr["title"] == "Orphan Term: Still shown by no page."


def test_unrelated_change_reads_nothing_again(make_build, copied_root, tmp_path) -> None:
    srcdir = copied_root("refs")
    (srcdir / "lonely.rst").write_text(":orphan:\n\nLonely\n======\n\nNo terms here.\n")
    builddir = tmp_path / "incremental"
    rebuild(make_build, srcdir, builddir)
    # a comment changes the bytes but no term
    edit(srcdir / "terms.yaml", "terms:\n", "# a comment\nterms:\n")
    second = rebuild(make_build, srcdir, builddir)
    assert read_docs(second) == set()


def test_new_alias_resolves_a_reference_that_was_unknown(
    make_build, copied_root, tmp_path
) -> None:
    srcdir = copied_root("refs")
    builddir = tmp_path / "incremental"
    first = rebuild(make_build, srcdir, builddir)
    assert any("'xyzzy plugh'" in w.message for w in termref_warnings(first))

    edit(
        srcdir / "terms.yaml",
        "      - Specification gaming\n",
        "      - Specification gaming\n      - xyzzy plugh\n",
    )
    second = rebuild(make_build, srcdir, builddir)
    assert "index" in read_docs(second)
    assert not any("'xyzzy plugh'" in w.message for w in termref_warnings(second))
    link = next(a for a in html(second).select("a.termref") if a.get_text() == "xyzzy plugh")
    assert link["href"] == "other.html#termref-reward-hacking"
