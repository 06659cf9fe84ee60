"""BROADER and NARROWER on the card, ``term-index :group-by: hierarchy``, and pages
read again when a narrower term is added.

Root ``test-hierarchy``: AI Alignment above Inner and Outer Alignment, Deceptive
Alignment under both (Inner named by an alias); ``index`` is the hierarchy index,
``cards`` shows every card, ``selected`` a card with ``:sections: narrower, summary``,
and the orphan ``outer`` Outer Alignment's card alone.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from helpers import ROOTS, build, card, strip_ansi

ROOT = ROOTS / "test-hierarchy"


def _copy(tmp_path: Path) -> Path:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    return srcdir


def _section(card_tag: Tag, key: str) -> list[str]:
    section = card_tag.select_one(f".termref-card__section--{key}")
    if section is None:
        return []
    return [a.get_text(strip=True) for a in section.select(f"ul.termref-{key} a")]


def _tree(dl: Tag, depth: int = 0) -> list[str]:
    lines = []
    for dt in dl.find_all("dt", recursive=False):
        lines.append("  " * depth + dt.get_text(" ", strip=True))
        dd = dt.find_next_sibling("dd")
        for sub in dd.find_all("dl", recursive=False):
            lines += _tree(sub, depth + 1)
    return lines


def test_cards_show_broader_and_narrower_terms_as_links(tmp_path: Path) -> None:
    built = build(_copy(tmp_path), tmp_path / "_build")
    assert built.termref() == []
    soup = built.soup("cards")
    inner = card(soup, "inner-alignment")
    assert _section(inner, "broader") == ["AI Alignment"]
    assert _section(inner, "narrower") == ["Deceptive Alignment"]
    assert _section(card(soup, "ai-alignment"), "broader") == []
    assert _section(card(soup, "ai-alignment"), "narrower") == [
        "Inner Alignment",
        "Outer Alignment",
    ]
    assert _section(card(soup, "deceptive-alignment"), "broader") == [
        "Inner Alignment",
        "Outer Alignment",
    ]
    assert _section(card(soup, "reward-hacking"), "broader") == []
    link = inner.select_one("ul.termref-broader a")
    assert link["href"].endswith("#termref-ai-alignment")
    # After SYNONYMS & ALIASES, BROADER before NARROWER.
    labels = [label.get_text(strip=True) for label in inner.select(".termref-card__label")]
    assert labels == ["SYNONYMS & ALIASES", "BROADER", "NARROWER"]
    selected = built.soup("selected").select_one(".termref-card")
    labels = [label.get_text(strip=True) for label in selected.select(".termref-card__label")]
    assert labels == ["NARROWER"]
    assert selected.select_one(".termref-card__section--broader") is None


def test_hierarchy_index_nests_narrower_terms(tmp_path: Path) -> None:
    built = build(_copy(tmp_path), tmp_path / "_build")
    soup = built.soup("index")
    tree = soup.select_one(".termref-index > dl.termref-index__tree")
    assert _tree(tree) == [
        "AI Alignment",
        "  Inner Alignment",
        "    Deceptive Alignment",
        "  Outer Alignment",
        "    Deceptive Alignment",
        "Reward Hacking",
    ]
    # Deceptive Alignment's first entry is where references lead; the second is not a target.
    ids = [dt["id"] for dt in tree.select("dt") if "Deceptive" in dt.get_text()]
    assert ids[0] == "termref-entry-deceptive-alignment" and len(set(ids)) == 2


def test_text_and_latex_show_the_sections_and_the_tree(tmp_path: Path) -> None:
    srcdir = _copy(tmp_path)
    text = build(srcdir, tmp_path / "_text", "text")
    assert text.termref() == []
    cards = (text.outdir / "cards.txt").read_text(encoding="utf-8")
    inner = cards.split("\nAI Alignment\n\nSteering")[0]
    assert "BROADER" in inner and "NARROWER" in inner
    assert inner.index("BROADER") < inner.index("AI Alignment") < inner.index("NARROWER")
    index = (text.outdir / "index.txt").read_text(encoding="utf-8").splitlines()
    deceptive = [line for line in index if line.strip() == "*Deceptive Alignment*"]
    inner_line = next(line for line in index if line.strip() == "*Inner Alignment*")
    assert len(deceptive) == 2
    assert all(
        len(d) - len(d.lstrip()) > len(inner_line) - len(inner_line.lstrip()) for d in deceptive
    )
    latex = build(srcdir, tmp_path / "_latex", "latex")
    assert latex.termref() == []
    [tex] = latex.outdir.glob("*.tex")
    source = tex.read_text(encoding="utf-8")
    assert "BROADER" in source and "NARROWER" in source
    # The tree: a description list inside a description list.
    tree = source[source.index("Inner Alignment}") :]
    assert tree.count(r"\begin{description}") >= 1


def test_adding_a_narrower_term_reads_the_broader_term_s_card_page_again(tmp_path: Path) -> None:
    srcdir = _copy(tmp_path)
    build(srcdir, tmp_path / "_build")
    terms = srcdir / "terms.yaml"
    terms.write_text(
        terms.read_text(encoding="utf-8").replace(
            "    name: Reward Hacking\n",
            "    name: Reward Hacking\n    broader: [outer-alignment]\n",
        ),
        encoding="utf-8",
    )
    again = build(srcdir, tmp_path / "_build")
    assert again.termref() == []
    read = set(re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", strip_ansi(again.status)))
    # Outer Alignment's card gains a narrower term, though its own entry is unchanged;
    # Inner Alignment's card, alone on "selected", does not change.
    assert {"outer", "cards", "index"} <= read
    assert "selected" not in read
    outer = BeautifulSoup((again.outdir / "outer.html").read_text(encoding="utf-8"), "html.parser")
    assert _section(outer.select_one(".termref-card"), "narrower") == [
        "Deceptive Alignment",
        "Reward Hacking",
    ]
    soup = BeautifulSoup((again.outdir / "cards.html").read_text(encoding="utf-8"), "html.parser")
    assert _section(card(soup, "outer-alignment"), "narrower") == [
        "Deceptive Alignment",
        "Reward Hacking",
    ]
    index = BeautifulSoup((again.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "    Reward Hacking" in _tree(index.select_one(".termref-index > dl"))


def test_parallel_build_gives_the_serial_output(tmp_path: Path) -> None:
    srcdir = _copy(tmp_path)
    serial = build(srcdir, tmp_path / "_serial")
    parallel = build(srcdir, tmp_path / "_parallel", parallel=2)
    for page in ("index", "cards", "selected"):
        one = BeautifulSoup(
            (serial.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser"
        )
        two = BeautifulSoup(
            (parallel.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser"
        )
        assert str(one.select_one("main, div.body")) == str(two.select_one("main, div.body"))
