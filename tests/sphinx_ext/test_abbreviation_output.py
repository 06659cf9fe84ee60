"""A term's abbreviation: references find the term by it, and the card, the tooltip,
the preview and every builder show it after the name.

Root ``test-abbreviation``: ``index`` shows the cards of a term with an abbreviation
(RLHF) and of one without; ``other`` refers to the first by its abbreviation, in
lower and upper case.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import ROOTS, build_app, card, html, run_cli, warnings_of
from sphinx.testing.util import SphinxTestApp
from term_stylesheet import term_stylesheet

ROOT = ROOTS / "test-abbreviation"
TERM = "rl-from-human-feedback"
NAME = "Reinforcement Learning from Human Feedback"


def folded(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.sphinx("html", testroot="abbreviation")
def test_html_card_and_references(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []
    rlhf = card(html(app), TERM)
    heading = rlhf.select_one(".termref-card__name")
    assert folded(heading.get_text()) == f"{NAME} (RLHF)¶"
    # The name alone is the defined term; the abbreviation follows it, as text.
    assert heading.find("dfn").get_text() == NAME
    (abbreviation,) = heading.select("span.termref-card__abbreviation")
    assert abbreviation.get_text() == "(RLHF)"
    assert abbreviation.find_parent("dfn") is None
    alternate = [meta["content"] for meta in rlhf.select('meta[itemprop="alternateName"]')]
    assert alternate == ["RLHF", "learning from human feedback"]
    # A term without one has none.
    other_card = card(html(app), "reward-model")
    assert other_card.select(".termref-card__abbreviation") == []
    assert other_card.find("dfn").get_text() == "Reward model"

    page = html(app, "other")
    links = page.select(f"a.termref--{TERM}")
    assert [link.get_text() for link in links] == ["rlhf", "RLHF"]
    assert {link["href"] for link in links} == {f"index.html#termref-{TERM}"}
    styles = term_stylesheet(app.outdir).terms
    assert styles[TERM]["tip"] == (
        f"{NAME} (RLHF): Training a model on human judgements of its outputs."
    )
    assert styles["reward-model"]["tip"] == "Reward model: A model of what people prefer."
    # The preview's name and abbreviation (termref.js writes "Name (ABBR)").
    assert (styles[TERM]["name"], styles[TERM]["abbreviation"]) == (NAME, "RLHF")
    assert "abbreviation" not in styles["reward-model"]


@pytest.mark.sphinx("text", testroot="abbreviation")
def test_text_card(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert f"{NAME} (RLHF)" in lines
    assert "Reward model" in lines


@pytest.mark.sphinx("latex", testroot="abbreviation")
def test_latex_card(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []
    (tex,) = Path(app.outdir).glob("*.tex")
    latex = tex.read_text(encoding="utf-8")
    assert re.search(r"\\noindent\{\\Large\\bfseries " + NAME + r" \(RLHF\)\}", latex)
    assert "\\noindent{\\Large\\bfseries Reward model}" in latex


@pytest.mark.sphinx("man", testroot="abbreviation")
def test_builders_without_card_markup_keep_it(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []
    (page,) = Path(app.outdir).glob("*.1")
    assert f"{NAME} (RLHF)" in " ".join(page.read_text(encoding="utf-8").split())


def test_search_finds_the_page_by_the_abbreviation(tmp_path: Path) -> None:
    app = build_app(ROOT, tmp_path)
    index = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    assert re.search(r'"rlhf":\s*\[?0', index), "the card page is indexed under 'rlhf'"


PROJECT_PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Reinforcement Learning from Human Feedback"
msgstr "Bestärkendes Lernen aus menschlichem Feedback"
"""


def test_a_translated_name_keeps_the_abbreviation(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    messages = srcdir / "locale" / "de" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    (messages / "index.po").write_text(PROJECT_PO, encoding="utf-8")
    app = build_app(
        srcdir, tmp_path / "_build", confoverrides={"language": "de", "locale_dirs": ["locale"]}
    )
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")
    heading = card(soup, TERM).select_one(".termref-card__name")
    assert heading.find("dfn").get_text() == "Bestärkendes Lernen aus menschlichem Feedback"
    assert heading.select_one(".termref-card__abbreviation").get_text() == "(RLHF)"


def test_gettext_extracts_the_name_alone(tmp_path: Path) -> None:
    app = build_app(ROOT, tmp_path, buildername="gettext")
    pot = (Path(app.outdir) / "index.pot").read_text(encoding="utf-8")
    assert f'msgid "{NAME}"' in pot
    assert "RLHF" not in pot


def test_show_prints_it_after_the_name(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "show", "rlhf", "-d", str(ROOT / "terms.yaml"))
    assert status == 0
    assert out.splitlines()[:3] == ["// TRAINING TERM", f"{NAME} (RLHF)", ""]
