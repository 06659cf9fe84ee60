"""``term-graph`` in every builder: drawn in HTML (an SVG), LaTeX (a PDF figure) and
Texinfo (a PNG), and a nested list of the same terms in the others.

Root ``test-graph`` (see ``test_term_graph``); its ``graph`` page draws
Mesa-Optimization's neighbourhood.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from graph_svg import parse
from helpers import ROOTS, Built, build

ROOT = ROOTS / "test-graph"
#: The graph page's list, item by item, as every builder without a drawing shows it.
ITEMS = [
    "Mesa-Optimization",
    "Broader: Inner Alignment",
    "Narrower: Mesa-Optimizer (deprecated)",
    "See also: Reward Hacking",
]


def _build(tmp_path: Path, builder: str) -> Built:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    # epub asks for a copyright and a version, which the root has no need of.
    conf = {"copyright": "2026", "version": "1"} if builder == "epub" else {}
    built = build(srcdir, tmp_path / "_build", builder, confoverrides=conf)
    # epub also names the files of the build itself that it finds in its output folder.
    assert [w for w in built.warnings if w.type != "epub.unknown_project_files"] == []
    return built


@pytest.mark.parametrize(("builder", "page"), [("html", "graph.html"), ("epub", "graph.xhtml")])
def test_html_builders_draw_an_svg_linking_to_the_cards(
    tmp_path: Path, builder: str, page: str
) -> None:
    built = _build(tmp_path, builder)
    soup = BeautifulSoup((built.outdir / page).read_text(encoding="utf-8"), "html.parser")
    obj = soup.select_one("figure.termref-graph object")
    drawing = parse(built.outdir / obj["data"])
    suffix = Path(page).suffix
    assert drawing.nodes["Inner Alignment"].href == f"../cards{suffix}#termref-inner-alignment"
    # The list under it, in a <details>, for readers without the drawing.
    items = [li.p.get_text(" ", strip=True) for li in soup.select("details li")]
    assert [" ".join(i.replace(" )", ")").split()) for i in items] == ITEMS


def test_singlehtml_links_the_drawing_into_the_one_page(tmp_path: Path) -> None:
    built = _build(tmp_path, "singlehtml")
    soup = BeautifulSoup((built.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    figures = soup.select("figure.termref-graph")
    assert len(figures) == 7
    drawing = parse(built.outdir / figures[0].find("object")["data"])
    for name, node in drawing.nodes.items():
        if name == "Reward Hacking":
            assert node.href == ""
            continue
        page, _, anchor = node.href.partition("#")
        assert page == "../index.html"
        assert "termref-card" in soup.find(id=anchor)["class"]
    # The list's links land on the page too (not "#document-cards#termref-...").
    for link in figures[0].select("details a"):
        assert soup.find(id=link["href"][1:]) is not None, link["href"]


def test_dirhtml_links_the_drawing_to_each_page_s_index_file(tmp_path: Path) -> None:
    built = _build(tmp_path, "dirhtml")
    page = built.outdir / "graph" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    svg = (page.parent / soup.select_one("figure.termref-graph object")["data"]).resolve()
    drawing = parse(svg)
    href = drawing.nodes["Inner Alignment"].href
    assert href == "../cards/index.html#termref-inner-alignment"
    # From the SVG's folder, as a browser resolves it, also from a file:// URL.
    target = (svg.parent / href.partition("#")[0]).resolve()
    assert target == (built.outdir / "cards" / "index.html").resolve()
    cards = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
    assert "termref-card" in cards.find(id="termref-inner-alignment")["class"]


def test_latex_has_a_figure_with_the_pdf_and_the_legend(tmp_path: Path) -> None:
    built = _build(tmp_path, "latex")
    (tex,) = built.outdir.glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    figures = re.findall(r"\\begin\{figure\}.*?\\end\{figure\}", text, re.DOTALL)
    assert len(figures) == 7
    first = figures[0]
    (pdf,) = re.findall(r"\\sphinxincludegraphics\[\]\{(termref-graph-[0-9a-f]+\.pdf)\}", first)
    assert (built.outdir / pdf).read_bytes().startswith(b"%PDF")
    caption = re.search(r"\\caption\{(.*?)\}\\label", first, re.DOTALL)
    assert caption is not None
    assert caption[1].startswith("Terms related to Mesa\\sphinxhyphen{}Optimization.")
    assert "dashed lines" in caption[1]
    assert "Broader: Inner Alignment" not in text  # drawn, not listed


def test_texinfo_has_a_float_with_the_png(tmp_path: Path) -> None:
    built = _build(tmp_path, "texinfo")
    (texi,) = built.outdir.glob("*.texi")
    text = texi.read_text(encoding="utf-8")
    images = re.findall(r"@image\{(termref-graph-[0-9a-f]+),,,\[graphviz\],png\}", text)
    assert len(images) == 7
    assert (built.outdir / f"{images[0]}.png").read_bytes().startswith(b"\x89PNG")
    assert "@caption{Terms related to Mesa-Optimization." in text


def _graph_section(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


def test_text_is_the_nested_list(tmp_path: Path) -> None:
    built = _build(tmp_path, "text")
    text = (built.outdir / "graph.txt").read_text(encoding="utf-8")
    assert text.splitlines()[3:] == [
        "Terms related to Mesa-Optimization:",
        "",
        f"* {ITEMS[0]}",
        "",
        f"  * {ITEMS[1]}",
        "",
        f"  * {ITEMS[2]}",
        "",
        f"  * {ITEMS[3]}",
    ]


def test_man_is_the_nested_list_without_links(tmp_path: Path) -> None:
    built = _build(tmp_path, "man")
    (page,) = built.outdir.glob("*.1")
    text = page.read_text(encoding="utf-8").replace("\\-", "-")
    section = _graph_section(text, ".SH GRAPH", ".SH DEEP")
    items = [line for line in section.splitlines() if not line.startswith(".")]
    assert items == ["Terms related to Mesa-Optimization:", *ITEMS]
    assert "#termref" not in section


def test_xml_is_the_nested_list(tmp_path: Path) -> None:
    built = _build(tmp_path, "xml")
    root = ET.parse(built.outdir / "graph.xml").getroot()
    (container,) = [c for c in root.iter("container") if "termref-graph" in c.get("classes", "")]
    (outer,) = container.findall("bullet_list")
    (top,) = outer.findall("list_item")
    assert "".join(top.find("paragraph").itertext()) == ITEMS[0]
    under = ["".join(item.find("paragraph").itertext()) for item in top.find("bullet_list")]
    assert under == ITEMS[1:]


# -- without Graphviz -------------------------------------------------------------------------


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_without_dot_one_warning_says_how_to_install_and_graphs_are_lists(
    tmp_path: Path, builder: str
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('graphviz_dot = "/nonexistent/dot"\n')
    built = build(srcdir, tmp_path / "_build", builder)
    # One warning for the seven graphs, and not Sphinx's own about dot.
    (warning,) = built.warnings
    assert warning.type == "termref.graph"
    assert "graphviz_dot = '/nonexistent/dot' is no program here" in warning.message
    assert "apt-get install graphviz" in warning.message
    assert "https://graphviz.org/download/" in warning.message
    assert list(built.outdir.rglob("termref-graph-*")) == []
    if builder == "html":
        soup = BeautifulSoup(
            (built.outdir / "graph.html").read_text(encoding="utf-8"), "html.parser"
        )
        assert soup.find("object") is None and soup.find("figure") is None
        container = soup.select_one("div.termref-graph")
        assert container.p.get_text() == "Terms related to Mesa-Optimization:"
        items = [li.p.get_text(" ", strip=True) for li in container.find_all("li")]
        assert [" ".join(i.replace(" )", ")").split()) for i in items] == ITEMS
        name = container.find("span", string="Inner Alignment")
        assert name.parent["href"] == "cards.html#termref-inner-alignment"
    else:
        (tex,) = built.outdir.glob("*.tex")
        text = tex.read_text(encoding="utf-8")
        assert "sphinxincludegraphics" not in text
        for line in ("Broader: ", "Narrower: ", "See also: ", "Mesa\\sphinxhyphen{}Optimizer"):
            assert line in text, line
        assert "{(deprecated)}" in text and "{(draft)}" in text
