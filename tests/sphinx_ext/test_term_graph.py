"""``term-graph``: the terms it draws, how the drawing links and marks them, and the
list it is everywhere else.

Root ``test-graph``: AI Alignment above Inner and Outer Alignment, Deceptive
Alignment (a draft) under both, Mesa-Optimization under Inner Alignment (which sees
it) and above the deprecated Mesa-Optimizer, seeing Reward Hacking, which has no
card; Tokenizer stands apart. ``graph`` draws Mesa-Optimization's neighbourhood (by
its alias), ``deep`` two steps of it, ``broader``, ``narrower`` and ``see-also`` one
relation each, ``category`` the category Alignment and ``tag`` the tag safety.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from graph_svg import Drawing, drawing, figure
from helpers import ROOTS, Built, build, project

from sphinx_termref.sphinx_ext.graph_dot import DrawnTerm, dot_code, label, tooltip
from sphinx_termref.termdb.term_graph import Line

ROOT = ROOTS / "test-graph"
MESA = "Mesa-Optimization"
MESA_OPTIMIZER = "Mesa-Optimizer (deprecated)"
DECEPTIVE = "Deceptive Alignment (draft)"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    tmp = tmp_path_factory.mktemp("graph")
    srcdir = tmp / "src"
    shutil.copytree(ROOT, srcdir)
    return build(srcdir, tmp / "_build")


def arrows(graph: Drawing) -> set[tuple[str, str]]:
    return {(upper, lower) for upper, lower, dashed, arrow in graph.lines if not dashed}


def dashed(graph: Drawing) -> set[frozenset[str]]:
    return {frozenset((a, b)) for a, b, is_dashed, _ in graph.lines if is_dashed}


def test_the_site_builds_without_a_warning(site: Built) -> None:
    assert site.warnings == []


def test_depth_one_draws_the_terms_next_to_the_focus(site: Built) -> None:
    graph = drawing(site.outdir, "graph")
    assert set(graph.nodes) == {MESA, "Inner Alignment", MESA_OPTIMIZER, "Reward Hacking"}
    assert arrows(graph) == {("Inner Alignment", MESA), (MESA, MESA_OPTIMIZER)}
    # Inner Alignment also names Mesa-Optimization in its see-also: the arrow
    # between them is their one line.
    assert dashed(graph) == {frozenset((MESA, "Reward Hacking"))}
    # A see-also line has no arrowhead, a line of the hierarchy has one.
    assert all(arrow != is_dashed for _, _, is_dashed, arrow in graph.lines)


def test_depth_two_follows_two_steps(site: Built) -> None:
    graph = drawing(site.outdir, "deep")
    assert set(graph.nodes) == {
        MESA,
        "Inner Alignment",
        MESA_OPTIMIZER,
        "Reward Hacking",
        "AI Alignment",
        DECEPTIVE,
    }  # Outer Alignment is three steps away
    assert arrows(graph) == {
        ("AI Alignment", "Inner Alignment"),
        ("Inner Alignment", MESA),
        ("Inner Alignment", DECEPTIVE),
        (MESA, MESA_OPTIMIZER),
    }


@pytest.mark.parametrize(
    ("page", "terms", "lines"),
    [
        ("broader", {MESA, "Inner Alignment"}, {("Inner Alignment", MESA, False, True)}),
        ("narrower", {MESA, MESA_OPTIMIZER}, {(MESA, MESA_OPTIMIZER, False, True)}),
        (
            "see-also",
            {MESA, "Inner Alignment", "Reward Hacking"},
            {(MESA, "Inner Alignment", True, False), (MESA, "Reward Hacking", True, False)},
        ),
    ],
)
def test_relations_choose_what_is_followed_and_drawn(
    site: Built, page: str, terms: set[str], lines: set[tuple[str, str, bool, bool]]
) -> None:
    graph = drawing(site.outdir, page)
    assert set(graph.nodes) == terms
    assert graph.lines == lines


def test_a_category_draws_its_hierarchy(site: Built) -> None:
    graph = drawing(site.outdir, "category")
    assert set(graph.nodes) == {"AI Alignment", "Inner Alignment", "Outer Alignment", DECEPTIVE}
    assert arrows(graph) == {
        ("AI Alignment", "Inner Alignment"),
        ("AI Alignment", "Outer Alignment"),
        ("Inner Alignment", DECEPTIVE),
        ("Outer Alignment", DECEPTIVE),
    }
    assert dashed(graph) == set()
    # A set has no focus.
    assert not any(node.element_id == "termref-focus" for node in graph.nodes.values())
    caption = figure(site.soup("category")).figcaption.get_text(" ", strip=True)
    assert caption.startswith('Terms of category "alignment".')


def test_a_tag_draws_its_terms_and_their_see_also(site: Built) -> None:
    graph = drawing(site.outdir, "tag")
    assert set(graph.nodes) == {"AI Alignment", MESA, "Reward Hacking"}
    assert graph.lines == {(MESA, "Reward Hacking", True, False)}


def test_nodes_link_to_the_cards_from_the_svg_folder(site: Built) -> None:
    graph = drawing(site.outdir, "deep")
    cards = site.soup("cards")
    for name, node in graph.nodes.items():
        if name == "Reward Hacking":
            # No card: no link, as a reference to it finds none.
            assert node.href == ""
            continue
        assert node.href.startswith("../cards.html#termref-"), node.href
        assert node.target == "_top"  # out of the <object>, into the page
        page, _, anchor = graph.page_link(name).partition("#")
        assert page == "cards.html"
        card = cards.find(id=anchor)
        assert card is not None and "termref-card" in card["class"]
        shown = card.find(class_="termref-card__name").find("dfn").get_text(strip=True)
        assert shown == name.split(" (")[0]


def test_the_focus_is_marked_and_tooltips_are_the_plain_summary(site: Built) -> None:
    graph = drawing(site.outdir, "graph")
    focus = graph.focus()
    assert focus.label == MESA
    assert focus.stroke_width == "2.5"
    assert focus.fill != graph.nodes["Inner Alignment"].fill
    assert focus.tooltip == "A learned model that is itself an optimizer."
    # The summary's markup is gone from the tooltip; a term without one shows its name.
    assert (
        graph.nodes["Inner Alignment"].tooltip == "Making the learned objective the intended one."
    )
    assert graph.nodes[MESA_OPTIMIZER].tooltip == "Mesa-Optimizer"


def test_the_html_has_a_caption_a_legend_alt_text_and_the_list(site: Built) -> None:
    soup = site.soup("graph")
    graph = figure(soup)
    caption = graph.figcaption.get_text(" ", strip=True)
    assert caption.startswith("Terms related to Mesa-Optimization.")
    assert "dashed lines" in caption and "broader term to a narrower" in caption
    alt = graph.find("object").get_text(strip=True)
    assert (
        alt
        == f"Terms related to {MESA}: {MESA}, Inner Alignment, {MESA_OPTIMIZER}, Reward Hacking"
    )
    outline = graph.find("details", class_="termref-graph__outline")
    assert outline.summary.get_text() == "The graph as a list"
    items = [li.p.get_text(" ", strip=True) for li in outline.find_all("li")]
    assert items == [
        MESA,
        "Broader: Inner Alignment",
        f"Narrower: {MESA_OPTIMIZER}",
        "See also: Reward Hacking",
    ]
    links = {a.get_text(): a["href"] for a in outline.find_all("a")}
    assert links["Inner Alignment"] == "cards.html#termref-inner-alignment"
    assert "Reward Hacking" not in links


def test_one_dot_run_per_graph(site: Built) -> None:
    drawings = sorted((site.outdir / "_images").glob("termref-graph-*.svg"))
    assert len(drawings) == 7  # one per graph page


def test_hidden_drafts_are_never_drawn(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    built = build(srcdir, tmp_path / "_build", confoverrides={"termref_draft_terms": "hide"})
    assert built.termref() == []
    for page in ("deep", "category"):
        graph = drawing(built.outdir, page)
        assert not any("Deceptive" in label for label in graph.nodes), page
        text = (built.outdir / f"{page}.html").read_text(encoding="utf-8")
        assert (
            "Deceptive" not in BeautifulSoup(text, "html.parser").select_one("figure").get_text()
        )
    assert arrows(drawing(built.outdir, "category")) == {
        ("AI Alignment", "Inner Alignment"),
        ("AI Alignment", "Outer Alignment"),
    }


# -- bad input ------------------------------------------------------------------------------

TERMS = """\
terms:
  - id: mesa-optimization
    name: Mesa-Optimization
    broader: [inner-alignment]
  - id: inner-alignment
    name: Inner Alignment
"""


def test_an_unknown_term_warns_with_suggestions_and_keeps_its_text(tmp_path: Path) -> None:
    page = "Page\n====\n\n.. term-index::\n\n.. term-graph:: mesa-optimisation\n"
    built = project(tmp_path, TERMS, page)
    (warning,) = built.termref()
    assert warning.type == "termref.unknown"
    assert warning.location.endswith("index.rst:6")
    assert "term-graph for unknown term 'mesa-optimisation'" in warning.message
    assert "did you mean 'mesa-optimization'?" in warning.message
    unknown = built.soup().find(class_="termref--unknown")
    assert unknown.get_text() == "mesa-optimisation"
    assert (
        not list((built.outdir / "_images").glob("*.svg"))
        if (built.outdir / "_images").exists()
        else True
    )


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (":depth: 0", "option :depth: cannot be '0'; write a whole number of steps, 1 or more"),
        (":depth: two", "option :depth: cannot be 'two'"),
        (
            ":relations: broader narow",
            "option :relations: cannot be 'narow'; did you mean 'narrower'?",
        ),
        (":relations: parents", "option :relations: names no relation; all of"),
        (":category: Alignment", "option :category: selects a set of terms, but the graph draws"),
    ],
)
def test_a_bad_option_warns_where_it_is_and_the_graph_is_drawn(
    tmp_path: Path, option: str, message: str
) -> None:
    page = f"Page\n====\n\n.. term-index::\n\n.. term-graph:: mesa-optimization\n   {option}\n"
    built = project(tmp_path, TERMS, page)
    warnings = built.typed("termref.option")
    assert warnings, built.warning_text
    assert any(message in w.message for w in warnings), warnings
    assert all(w.location.endswith("index.rst:6") for w in warnings)
    assert [w for w in built.warnings if w.type != "termref.option"] == []
    graph = drawing(built.outdir, "index")
    assert set(graph.nodes) >= {"Mesa-Optimization", "Inner Alignment"}


def test_a_set_that_selects_nothing_warns_as_term_index_does(tmp_path: Path) -> None:
    page = "Page\n====\n\n.. term-index::\n\n.. term-graph::\n   :category: Alignmnet\n"
    built = project(
        tmp_path,
        TERMS.replace(
            "    name: Inner Alignment\n", "    name: Inner Alignment\n    category: Alignment\n"
        ),
        page,
    )
    (warning,) = built.termref()
    assert warning.type == "termref.option"
    assert warning.message == (
        "term-graph selects no term: no term has category 'Alignmnet'; "
        "did you mean :category: 'Alignment'?"
    )


# -- hostile database text -------------------------------------------------------------------

HOSTILE = """\
terms:
  - id: evil
    name: 'Evil" URL="javascript:alert(1)" fillcolor="red'
    summary: 'Quote " backslash \\\\ ]; n9 [label="pwned"]; <script>alert(1)</script>'
  - id: child
    name: '<b>Child</b> \\ & </text><script>x</script>'
    broader: [evil]
"""


EVIL = 'Evil" URL="javascript:alert(1)" fillcolor="red'
CHILD = "<b>Child</b> \\ & </text><script>x</script>"


def test_hostile_names_stay_text_in_the_dot_code_and_the_svg(tmp_path: Path) -> None:
    page = "Page\n====\n\n.. term-graph:: evil\n\n.. term-index::\n"
    built = project(tmp_path, HOSTILE, page)
    assert built.termref() == []
    graph = drawing(built.outdir, "index")
    # Exactly the two nodes, labelled with the names as written, and one line.
    assert sorted(graph.nodes) == sorted([EVIL, CHILD])
    assert len(graph.nodes) == 2 and len(graph.lines) == 1
    # Nothing but Graphviz's own elements, and no link but the cards'.
    tags = {element.tag.rsplit("}", 1)[1] for element in graph.root.iter()}
    assert tags <= {"svg", "g", "title", "a", "path", "polygon", "text"}
    for node in graph.nodes.values():
        assert node.href.startswith("../index.html#termref-entry-")
        assert node.fill in ("#eef2f7", "#ffe08a")
    evil = graph.focus()
    assert "pwned" in evil.tooltip and "<script>" in evil.tooltip  # as text, in one attribute


def test_the_dot_code_of_hostile_text_is_what_graphviz_reads_back() -> None:
    """Graphviz parses the code (its JSON output): two nodes whose attributes are the
    extension's own, with the texts as given, whatever quotes and backslashes."""
    name = 'a "b" \\" c\\ ]; x [URL="evil"]\n<i>'
    terms = [
        DrawnTerm("a", name, 'tip "\\N" ]', "page.html#x"),
        DrawnTerm("b", "b\\", "", ""),
    ]
    code = dot_code(terms, [Line("a", "b", "see-also")], "a")
    result = subprocess.run(
        ["dot", "-Tjson"], input=code, capture_output=True, text=True, check=True
    )
    parsed = json.loads(result.stdout)
    objects = parsed["objects"]
    assert [o["name"] for o in objects] == ["n0", "n1"]
    first, second = objects
    # Each text whole, as written in one DOT string (which gives back ``\"`` as a
    # quote and leaves ``\\`` for Graphviz to draw as one backslash).
    assert first["label"] == label(name)[1:-1].replace('\\"', '"')
    assert first["tooltip"] == tooltip('tip "\\N" ]')[1:-1].replace('\\"', '"')
    assert "x" not in first
    assert first["URL"] == "page.html#x"
    assert "fillcolor" in first and first["fillcolor"] == "#ffe08a"
    assert second["label"] == "b\\\\"  # the backslash kept, escaped for Graphviz
    assert {o.get("URL") for o in objects} == {"page.html#x", None}
    assert len(parsed["edges"]) == 1


def test_the_caption_legend_and_list_speak_the_project_s_language(tmp_path: Path) -> None:
    page = "Seite\n=====\n\n.. term-index::\n\n.. term-graph:: mesa-optimization\n"
    built = project(tmp_path, TERMS, page, confoverrides={"language": "de"})
    assert built.termref() == []
    graph = figure(built.soup())
    caption = graph.figcaption.get_text(" ", strip=True)
    assert caption.startswith("Begriffe rund um Mesa-Optimization. Pfeile führen")
    assert graph.details.summary.get_text() == "Der Graph als Liste"
    items = [li.p.get_text(" ", strip=True) for li in graph.find_all("li")]
    assert items == ["Mesa-Optimization", "Oberbegriffe: Inner Alignment"]
