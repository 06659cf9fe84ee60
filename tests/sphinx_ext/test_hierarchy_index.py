"""``term-index :group-by: hierarchy`` with ``:cards:``, with a hidden draft, and its
exact nesting in LaTeX.

The terms of root ``test-hierarchy``: AI Alignment above Inner and Outer Alignment,
Deceptive Alignment under both (Inner named by an alias), and Reward Hacking apart.
"""

from __future__ import annotations

import re
from pathlib import Path

from helpers import ROOTS, card, project

TERMS = (ROOTS / "test-hierarchy" / "terms.yaml").read_text(encoding="utf-8")
HIERARCHY_INDEX = "Terms\n=====\n\n.. term-index::\n   :group-by: hierarchy\n"
HIDE = 'termref_draft_terms = "hide"\n'
#: Deceptive Alignment as a draft.
DRAFT = TERMS.replace(
    "    name: Deceptive Alignment\n", "    name: Deceptive Alignment\n    status: draft\n"
)


def test_hierarchy_with_cards_gives_each_card_once_in_the_tree_s_order(tmp_path: Path) -> None:
    built = project(tmp_path, TERMS, HIERARCHY_INDEX + "   :cards:\n")
    assert built.termref() == []
    soup = built.soup()
    cards = [section["id"] for section in soup.select("section.termref-card")]
    assert cards == [
        "termref-ai-alignment",
        "termref-inner-alignment",
        "termref-deceptive-alignment",  # under Inner Alignment, where the tree has it first
        "termref-outer-alignment",
        "termref-reward-hacking",
    ]
    # Full cards, with the hierarchy on them, and no tree of entries besides.
    inner = card(soup, "inner-alignment")
    assert [a.get_text() for a in inner.select("ul.termref-narrower a")] == ["Deceptive Alignment"]
    assert soup.select("dl.termref-index__tree") == []


def test_a_hidden_draft_is_out_of_narrower_and_the_hierarchy_index(tmp_path: Path) -> None:
    pages = {
        "index": HIERARCHY_INDEX + "\n.. toctree::\n\n   cards\n",
        "cards": "Cards\n=====\n\n.. term-card:: inner-alignment\n\n"
        ".. term-card:: outer-alignment\n",
    }
    built = project(tmp_path, DRAFT, pages, conf_extra=HIDE)
    assert built.termref() == []
    tree = built.soup().select_one("dl.termref-index__tree")
    assert "Deceptive" not in tree.get_text()
    assert [dt.get_text(" ", strip=True) for dt in tree.select("dt")] == [
        "AI Alignment",
        "Inner Alignment",
        "Outer Alignment",
        "Reward Hacking",
    ]
    cards = built.soup("cards")
    for term_id in ("inner-alignment", "outer-alignment"):
        assert card(cards, term_id).select_one(".termref-card__section--narrower") is None
    # Shown, it is in both.
    shown = project(tmp_path / "shown", DRAFT, pages)
    assert "Deceptive Alignment" in shown.soup().select_one("dl.termref-index__tree").get_text()
    narrower = card(shown.soup("cards"), "inner-alignment").select("ul.termref-narrower li")
    assert [li.get_text(" ", strip=True) for li in narrower] == ["Deceptive Alignment (draft)"]


#: A nested list's start or end, or an item: its name is the term reference's text
#: (docutils 0.21 writes both classes in one ``\\DUrole{xref,termref}``).
_TOKEN = re.compile(
    r"\\begin\{description\}|\\end\{description\}"
    r"|\\sphinxlineitem\{.*?\\DUrole\{(?:xref,)?termref\}\{(?P<name>[^{}]*)\}"
)


def latex_tree(source: str) -> list[tuple[int, str]]:
    """(depth, name) of each item of the nested description lists, in order."""
    depth = 0
    items = []
    for match in _TOKEN.finditer(source):
        if match["name"] is not None:
            items.append((depth, match["name"]))
        else:
            depth += 1 if match.group().startswith("\\begin") else -1
    assert depth == 0
    return items


def test_latex_nests_each_narrower_term_inside_its_broader_term(tmp_path: Path) -> None:
    built = project(tmp_path, TERMS, HIERARCHY_INDEX, builder="latex")
    assert built.termref() == []
    (tex,) = built.outdir.glob("*.tex")
    source = tex.read_text(encoding="utf-8")
    body = source[source.index(r"\begin{document}") :]
    assert latex_tree(body) == [
        (1, "AI Alignment"),
        (2, "Inner Alignment"),
        (3, "Deceptive Alignment"),
        (2, "Outer Alignment"),
        (3, "Deceptive Alignment"),
        (1, "Reward Hacking"),
    ]
