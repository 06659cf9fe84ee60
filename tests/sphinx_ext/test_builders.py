"""Cards in builders other than HTML: LaTeX and text markup, and plain fallbacks."""

from __future__ import annotations

import json
import pickle
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from helpers import (
    CARD_LABELS,
    ROOTS,
    shared_build,
    strip_ansi,
    warnings_of,
)
from sphinx.testing.util import SphinxTestApp
from term_stylesheet import FILE_NAME, links_stylesheet, term_stylesheet

from sphinx_termref.sphinx_ext.visitors.latex import TOPIC

SEED = ROOTS / "test-cards" / "mesa-optimization-card.txt"
LABELS = CARD_LABELS


def flat(text: str) -> str:
    """Text with wrapped lines joined (also after a hyphen) and white space folded."""
    return " ".join(re.sub(r"-\n\s*", "-", text).split())


def in_order(haystack: str, needles: list[str]) -> None:
    position = 0
    for needle in needles:
        found = haystack.find(needle, position)
        assert found >= 0, f"{needle!r} not found after position {position}"
        position = found + len(needle)


# -- text --------------------------------------------------------------------------------


@pytest.fixture
def text_output(app) -> str:
    app.build()
    assert warnings_of(app) == []
    return (app.outdir / "index.txt").read_text(encoding="utf-8")


@shared_build("test_builders-cards-text", testroot="cards", buildername="text")
def test_text_card_layout(text_output: str) -> None:
    lines = text_output.splitlines()
    start = lines.index("// MODEL OPTIMIZATION AND PROMPT SYNTAX TERM")
    # the category line, a blank line, then the name on a line of its own
    assert lines[start + 1 : start + 3] == ["", "Mesa-Optimization"]
    card_lines = lines[start:]
    label_lines = [line for line in card_lines if line in LABELS]
    assert label_lines[: len(LABELS)] == LABELS
    aliases = lines.index("SYNONYMS & ALIASES")
    bullets = [line for line in lines[aliases + 1 : lines.index("USAGE NOTE")] if line]
    assert bullets == [
        "* Inner optimization",
        "* Learned optimizer",
        "* Emergent optimization",
        "* Sub-optimizer",
    ]


@shared_build("test_builders-cards-text", testroot="cards", buildername="text")
def test_text_card_follows_the_seed(text_output: str) -> None:
    seed = SEED.read_text(encoding="utf-8").replace("WIKIPEDIASYNONYMS", "WIKIPEDIA\nSYNONYMS")
    wanted = []
    for line in seed.splitlines():
        if line == "READ MORE ON WIKIPEDIA":
            wanted.append("Read more on Wikipedia")
        elif line.startswith("- "):
            wanted.append("* " + line[2:])
        else:
            wanted.append(" ".join(line.split()))
    in_order(flat(text_output), wanted)


@shared_build("test_builders-cards-text", testroot="cards", buildername="text")
def test_text_note_and_options(text_output: str) -> None:
    lines = text_output.splitlines()
    name = lines.index("Reward Hacking")
    end = lines.index("Goodhart's Law", name)
    part = lines[name:end]
    # :sections: summary usage-note, then the content as NOTE
    assert [line for line in part if line in [*LABELS, "NOTE"]] == ["USAGE NOTE", "NOTE"]
    assert "// ALIGNMENT FAILURE" not in part
    assert "This note is *only* on this page." in part


# -- LaTeX -------------------------------------------------------------------------------


@pytest.fixture
def latex_output(app) -> str:
    app.build()
    assert warnings_of(app) == []
    (tex,) = app.outdir.glob("*.tex")
    return tex.read_text(encoding="utf-8")


def topics(tex: str) -> list[str]:
    return re.findall(rf"\\begin\{{{TOPIC}\}}(.*?)\\end\{{{TOPIC}\}}", tex, re.DOTALL)


@shared_build("test_builders-cards-latex", testroot="cards", buildername="latex")
def test_latex_every_card_is_a_topic(latex_output: str) -> None:
    boxes = topics(latex_output)
    # mesa-optimization, reward-hacking, goodhart, bare-term and goodhart (:no-index:)
    assert len(boxes) == 5
    assert latex_output.count(rf"\begin{{{TOPIC}}}") == latex_output.count(rf"\end{{{TOPIC}}}")
    labels = [re.search(r"\\label\{\\detokenize\{index:(termref-[a-z-]+)\}\}", b) for b in boxes]
    assert [m[1] if m else None for m in labels] == [
        "termref-mesa-optimization",
        "termref-reward-hacking",
        "termref-goodhart",
        "termref-bare-term",
        None,
    ]


@shared_build("test_builders-cards-latex", testroot="cards", buildername="latex")
def test_latex_card_parts(latex_output: str) -> None:
    mesa = topics(latex_output)[0]
    assert r"\MakeUppercase{Model Optimization and Prompt Syntax Term}" in mesa
    assert re.search(r"\\Large\\bfseries Mesa\\sphinxhyphen\{\}Optimization\}", mesa)
    shown = re.findall(r"\\small\\bfseries\\sffamily ([^}]*)\}", mesa)
    assert shown == [
        "TECHNICAL DEFINITION",
        "BACKGROUND",
        r"SYNONYMS \& ALIASES",
        "USAGE NOTE",
        "DEVELOPERS",
        "SEE ALSO",
    ]
    assert (
        r"\sphinxhref{https://en.wikipedia.org/wiki/AI\_alignment}{Read more on Wikipedia}" in mesa
    )
    # see also: a hyperlink to the other card's label
    assert r"\hyperref[\detokenize{index:termref-reward-hacking}]" in mesa


# -- every other builder -----------------------------------------------------------------

# phrases of the seed card that every output must keep, as each format writes them
PHRASES = [
    "Model Optimization and Prompt Syntax Term",
    "Mesa-Optimization",
    "TECHNICAL DEFINITION",
    "USAGE NOTE",
    "Redwood Research",
    "An agent scores well on its reward without doing the task.",
    "This note is",
]


def unescape_man(text: str) -> str:
    return text.replace("\\-", "-").replace("\\(aq", "'").replace("\\&", "")


@pytest.mark.parametrize(
    ("builder", "pattern"),
    [
        ("man", "*.1"),
        ("texinfo", "*.texi"),
        ("epub", "index.xhtml"),
        ("singlehtml", "index.html"),
        ("dirhtml", "index.html"),
        ("xml", "index.xml"),
        ("pseudoxml", "index.pseudoxml"),
    ],
)
def test_other_builders_keep_the_card_text(make_build, builder: str, pattern: str) -> None:
    app = make_build(ROOTS / "test-cards", builder)
    assert app.statuscode == 0
    assert warnings_of(app) == []
    (output,) = Path(app.outdir).glob(pattern)
    text = unescape_man(output.read_text(encoding="utf-8"))
    if builder in ("epub", "singlehtml", "dirhtml"):
        text = BeautifulSoup(text, "html.parser").get_text(" ")
    text = flat(text)
    for phrase in PHRASES:
        assert phrase in text, (builder, phrase)


@pytest.mark.parametrize("builder", ["epub", "singlehtml", "dirhtml"])
def test_html_family_builders_render_cards(make_build, builder: str) -> None:
    app = make_build(ROOTS / "test-cards", builder)
    page = "index.xhtml" if builder == "epub" else "index.html"
    soup = BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "html.parser")
    mesa = soup.find(id="termref-mesa-optimization")
    assert mesa.name == "section" and "termref-card" in mesa["class"]
    assert mesa.find("dfn").get_text() == "Mesa-Optimization"
    assert [h.get_text() for h in mesa.select(".termref-card__label")] == LABELS
    see_also = mesa.select_one("ul.termref-see-also a")
    assert see_also["href"].endswith("#termref-reward-hacking")
    assert soup.find(id="termref-reward-hacking") is not None


def test_gettext_extracts_the_card_text(make_build) -> None:
    app = make_build(ROOTS / "test-cards", "gettext")
    assert warnings_of(app) == []
    pot = (app.outdir / "index.pot").read_text(encoding="utf-8")
    msgids = {m.replace('\\"', '"') for m in re.findall(r'^msgid "(.*)"$', pot, re.MULTILINE)}
    seed = SEED.read_text(encoding="utf-8").splitlines()
    assert {
        "Mesa-Optimization",
        "Model Optimization and Prompt Syntax Term",
        seed[2],  # summary
        seed[4],  # technical definition
        seed[6],  # background
        seed[13],  # usage note
        "An agent scores well on its reward without doing the task.",
        "This note is *only* on this page.",
    } <= msgids


@pytest.mark.parametrize("builder", ["dirhtml", "epub"])
def test_cross_page_links_in_other_html_builders(make_build, builder: str) -> None:
    app = make_build(ROOTS / "test-refs", builder)
    page = "index.xhtml" if builder == "epub" else "index.html"
    soup = BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "html.parser")
    link = next(
        a for a in soup.find_all("a", class_="termref") if a.get_text() == "specification gaming"
    )
    expected = {
        "dirhtml": "other/#termref-reward-hacking",
        "epub": "other.xhtml#termref-reward-hacking",
    }
    assert link["href"] == expected[builder]


XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.mark.parametrize("root", ["refs", "cards"])
def test_every_epub_page_is_well_formed_xhtml(make_build, root: str) -> None:
    app = make_build(ROOTS / f"test-{root}", "epub")
    outdir = Path(app.outdir)
    pages = sorted(outdir.glob("**/*.xhtml"))
    assert pages
    for page in pages:
        try:
            tree = ET.parse(page)
        except ET.ParseError as error:
            raise AssertionError(f"{page.name}: {error}") from None
        # The tooltips are the term stylesheet's, which every page links.
        assert not [
            div for div in tree.iter(f"{XHTML}div") if "termref-preview" in div.get("class", "")
        ]
        if page.name != "nav.xhtml":
            assert links_stylesheet(page), page.name
    assert term_stylesheet(outdir).terms
    # The book holds both stylesheets: written before the builder packs it.
    (book,) = outdir.glob("*.epub")
    with zipfile.ZipFile(book) as packed:
        assert {f"_static/{FILE_NAME}", "_static/termref.css"} <= set(packed.namelist())


# -- singlehtml: every page joined into one ------------------------------------------------


def test_singlehtml_links_land_on_the_card(make_build) -> None:
    app = make_build(ROOTS / "test-joined", "singlehtml")
    assert warnings_of(app) == []
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    items = {li.get_text().split(":")[0]: li for li in soup.select("li") if ":" in li.get_text()}
    for label in ("role", "titled", "label"):
        assert items[label].a["href"] == "#termref-reward-hacking", label
    assert items["any"].a["href"] == "#termref-goodhart"
    see_also = soup.select_one("#termref-reward-hacking ul.termref-see-also a")
    assert see_also["href"] == "#termref-goodhart"
    # The previews, which termref.js makes of the stylesheet, lead to the links' hrefs.
    assert links_stylesheet(app.outdir / "index.html")
    assert {"reward-hacking", "goodhart"} <= term_stylesheet(app.outdir).terms.keys()
    assert soup.select(".termref-preview") == []
    assert_links_within_the_page_land(soup)


def assert_links_within_the_page_land(soup: BeautifulSoup) -> None:
    """Every link within the page has one anchor, and an element has it as its id."""
    for link in soup.find_all("a", href=True):
        href = link["href"]
        if href.startswith("#") and href != "#":
            assert "#" not in href[1:], href
            assert soup.find(id=href[1:]) is not None, href


def test_singlehtml_keeps_the_text_of_links_to_cards_left_out(make_build) -> None:
    # other.rst, with the cards of reward hacking, is in no table of contents
    app = make_build(ROOTS / "test-refs", "singlehtml")
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find(id="termref-reward-hacking") is None
    gaming = next(
        node for node in soup.select(".termref--reward-hacking") if "gaming" in node.get_text()
    )
    assert gaming.name == "abbr"
    assert gaming["title"] == "Reward Hacking: Gaming the reward, see mesa-optimization."
    assert soup.select("a.termref--mesa-optimization")  # its card is on the page
    referenced_in = soup.select("#termref-mesa-optimization ul.termref-backlinks li")
    other = next(li for li in referenced_in if li.get_text() == "Other page")
    assert other.find("a") is None  # named, not linked
    assert_links_within_the_page_land(soup)


# -- documents that hold some pages only ---------------------------------------------------

WHOLE_LATEX = [("index", "whole.tex", "Whole", "Author", "manual")]


def referenced_in(tex: str) -> list[str]:
    """The items of each REFERENCED IN list of a LaTeX document."""
    lists = re.findall(r"REFERENCED IN\}\\par\\nobreak\s*\\begin\{itemize\}(.*?)\\end\{itemize\}",
                       tex, re.DOTALL)  # fmt: skip
    return [item.strip() for part in lists for item in part.split(r"\item {}")[1:]]


def test_latex_of_the_glossary_alone_names_other_pages_without_links(make_build) -> None:
    app = make_build(ROOTS / "test-joined", "latex")
    assert app.statuscode == 0
    assert warnings_of(app) == []
    tex = (app.outdir / "glossary.tex").read_text(encoding="utf-8")
    # the usage page is not in this document: named, not linked
    assert referenced_in(tex) == [r"\sphinxAtStartPar" + "\nUsage"] * 2
    assert r"\detokenize{usage" not in tex
    # a link within the document stays a link
    assert r"\hyperref[\detokenize{glossary:termref-goodhart}]" in tex


def test_latex_of_every_page_links_the_pages(make_build) -> None:
    app = make_build(
        ROOTS / "test-joined", "latex", confoverrides={"latex_documents": WHOLE_LATEX}
    )
    assert warnings_of(app) == []
    tex = (app.outdir / "whole.tex").read_text(encoding="utf-8")
    items = referenced_in(tex)
    # reward hacking: the usage page; Goodhart's law: the glossary (see also) and usage
    assert len(items) == 3
    usage = r"\hyperref[\detokenize{usage::doc}]{\sphinxcrossref{Usage}}"
    assert [usage in item for item in items] == [True, False, True]
    assert r"\hyperref[\detokenize{glossary::doc}]{\sphinxcrossref{Glossary}}" in items[1]


@pytest.mark.parametrize(
    ("builder", "output"), [("texinfo", "glossary.texi"), ("man", "glossary.7")]
)
def test_texinfo_and_man_of_the_glossary_alone(make_build, builder: str, output: str) -> None:
    app = make_build(ROOTS / "test-joined", builder)
    assert app.statuscode == 0
    assert warnings_of(app) == []
    text = unescape_man((app.outdir / output).read_text(encoding="utf-8"))
    for phrase in (
        "Reward Hacking",
        "Gaming the reward instead of doing the task.",
        "REFERENCED IN",
    ):
        assert phrase in text
    part = text[text.index("REFERENCED IN") :]
    assert "Usage" in part
    assert "<>" not in part and "@ref{" not in part.split("Goodhart")[0]


# -- the example site, with every builder --------------------------------------------------

EXAMPLE = Path(__file__).parents[2] / "example_docs"
#: Words of the reference card that every output must show, as the YAML has them.
MESA = [
    "Mesa-Optimization",
    "This happens when an AI system, trained to solve a problem, learns to create its own"
    ' internal "optimizer" or sub-AI',
    "TECHNICAL DEFINITION",
    "Redwood Research",
]
#: The pages of the example site that refer to the reference term, in reading order.
MESA_REFERRERS = [
    "Alignment Vocabulary",
    "When the model is an optimizer",
    "Looking inside the model",
    "Reading without roles",  # an auto-linked mention
    "Customizing cards",
    "Writing in Markdown",
]


@pytest.fixture(scope="module")
def example_builds(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], SphinxTestApp]:
    """Build the example site with a builder once per module: the builder's app."""
    apps: dict[str, SphinxTestApp] = {}

    def build(builder: str) -> SphinxTestApp:
        if builder not in apps:
            builddir = tmp_path_factory.mktemp(f"example-{builder}")
            app = SphinxTestApp(builder, srcdir=EXAMPLE, builddir=builddir)
            try:
                app.build()
            finally:
                app.cleanup()  # before the next app registers its nodes
            apps[builder] = app
        return apps[builder]

    return build


def clean_build(example_builds, builder: str) -> Path:
    """The output directory of a build of the example site that warned of nothing."""
    app = example_builds(builder)
    assert app.statuscode == 0
    assert strip_ansi(app.warning.getvalue()) == ""  # -W fails on any warning
    return Path(app.outdir)


def assert_has_card_text(text: str) -> None:
    text = flat(text)
    for phrase in MESA:
        assert phrase in text, phrase


def anchors_of_links(links: list[tuple[str, str]], ids_of: Callable[[str], set[str]]) -> None:
    """Every (page, href) link to a card lands on an element with the card's id.

    ``ids_of(page)`` is the set of ids on a page, named as the links name it.
    """
    assert links
    for page, href in links:
        target, _, anchor = href.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
        assert anchor in ids_of(resolved if target else page), (page, href)


def html_links(soup: BeautifulSoup) -> list[str]:
    """The hrefs of term links (which previews link to) and SEE ALSO links of a page."""
    selectors = "a.termref, ul.termref-see-also a"
    return [a["href"] for a in soup.select(selectors)]


@pytest.mark.parametrize(
    ("builder", "suffix"), [("html", ".html"), ("dirhtml", "/index.html"), ("epub", ".xhtml")]
)
def test_example_site_html_pages(example_builds, builder: str, suffix: str) -> None:
    outdir = clean_build(example_builds, builder)
    soups: dict[str, BeautifulSoup] = {}

    def soup_of(path: str) -> BeautifulSoup:
        if path not in soups:
            text = (outdir / path).read_text(encoding="utf-8")
            if builder == "epub":
                ET.fromstring(text)  # XHTML: well-formed XML
            soups[path] = BeautifulSoup(text, "html.parser")
        return soups[path]

    def ids_of(path: str) -> set[str]:
        if (outdir / path).is_dir():  # dirhtml names a page by its folder
            path = posixpath.join(path, "index.html").removeprefix("./")
        return {tag["id"] for tag in soup_of(path).find_all(id=True)}

    if builder == "epub":
        for page in outdir.glob("**/*.xhtml"):  # every page is well-formed XHTML
            ET.parse(page)
    glossary = "glossary" + suffix
    card = soup_of(glossary).find(id="termref-mesa-optimization")
    assert_has_card_text(card.get_text(" "))
    referrers = [a.get_text() for a in card.select("ul.termref-backlinks a")]
    assert referrers == MESA_REFERRERS
    for a in card.select("ul.termref-backlinks a"):  # page links: the page exists
        page = posixpath.normpath(posixpath.join(posixpath.dirname(glossary), a["href"]))
        assert (outdir / page).is_file() or (outdir / page / "index.html").is_file(), page
    links = [
        (page, href)
        for page in ("risks" + suffix, "interpretability" + suffix, glossary)
        for href in html_links(soup_of(page))
    ]
    anchors_of_links(links, ids_of)
    # Every page links the term stylesheet by a path that leads to it, at any depth.
    root = "index.html" if builder == "dirhtml" else "index" + suffix
    for page in ("risks" + suffix, "interpretability" + suffix, glossary, root):
        assert links_stylesheet(outdir / page), page


def test_example_site_singlehtml(example_builds) -> None:
    outdir = clean_build(example_builds, "singlehtml")
    soup = BeautifulSoup((outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert_has_card_text(soup.find(id="termref-mesa-optimization").get_text(" "))
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    links = [("index.html", href) for href in html_links(soup)]
    assert all(href.startswith("#termref-") for _, href in links)
    anchors_of_links(links, lambda page: ids)
    assert links_stylesheet(outdir / "index.html")


@pytest.mark.parametrize(("builder", "suffix"), [("json", ".fjson"), ("pickle", ".fpickle")])
def test_example_site_serialized_pages(example_builds, builder: str, suffix: str) -> None:
    outdir = clean_build(example_builds, builder)

    def page(name: str) -> dict[str, Any]:
        path = outdir / (name + suffix)
        if builder == "json":
            return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
        with path.open("rb") as stream:
            return pickle.load(stream)  # type: ignore[no-any-return]

    def ids_of(name: str) -> set[str]:
        # pages are named as folders ("glossary/"); a page's links start from its folder
        body = BeautifulSoup(page(name.strip("/") or "index")["body"], "html.parser")
        return {tag["id"] for tag in body.find_all(id=True)}

    glossary = BeautifulSoup(page("glossary")["body"], "html.parser")
    assert_has_card_text(glossary.find(id="termref-mesa-optimization").get_text(" "))
    links = []
    for name in ("risks", "interpretability", "glossary"):
        body = BeautifulSoup(page(name)["body"], "html.parser")
        links += [(f"{name}/", href) for href in html_links(body)]
    anchors_of_links(links, ids_of)


def test_example_site_latex(example_builds) -> None:
    outdir = clean_build(example_builds, "latex")
    tex = (outdir / "alignment-vocabulary.tex").read_text(encoding="utf-8")
    mesa = next(box for box in topics(tex) if "glossary:termref-mesa-optimization" in box)
    assert_has_card_text(mesa.replace(r"\sphinxhyphen{}", "-").replace("\\sphinxAtStartPar\n", ""))
    targets = re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]", tex)
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex))
    assert any("termref-" in target for target in targets)
    assert set(targets) <= labels


def test_example_site_texinfo(example_builds) -> None:
    outdir = clean_build(example_builds, "texinfo")
    (texi,) = outdir.glob("*.texi")
    text = texi.read_text(encoding="utf-8")
    assert_has_card_text(text.replace("@w{", "").replace("@@", "@"))
    # texinfo numbers the targets of references: @ref{1,,mesa-optimization}
    references = re.findall(r"@ref\{([^,}]*),,([^}]*)\}", text)
    anchors = set(re.findall(r"@anchor\{([^}]*)\}", text))
    shown = {shown for _, shown in references}
    assert {"mesa-optimization", "Base Optimizer", "Mesa-Objective"} <= shown
    assert {target for target, _ in references} <= anchors


def test_example_site_text(example_builds) -> None:
    outdir = clean_build(example_builds, "text")
    glossary = (outdir / "glossary.txt").read_text(encoding="utf-8")
    card = glossary[glossary.index("Mesa-Optimization") : glossary.index("REFERENCED IN")]
    assert_has_card_text(card)
    referenced = glossary[glossary.index("REFERENCED IN") :].split("\n\n\n")[0].splitlines()[1:]
    assert [line.removeprefix("* ") for line in referenced if line] == MESA_REFERRERS
    assert "learned optimizer" in (outdir / "risks.txt").read_text(encoding="utf-8")


def test_example_site_man(example_builds) -> None:
    outdir = clean_build(example_builds, "man")
    (page,) = outdir.glob("*.1")
    text = unescape_man(page.read_text(encoding="utf-8"))
    assert_has_card_text(text.replace("\\(aq", "'").replace("\\(dq", '"'))
    # a man page has no links: a term reference is its text, without an address
    assert "#termref-" not in text
    assert "such as inner alignment, to read its summary" in flat(text)


def test_example_site_xml(example_builds) -> None:
    outdir = clean_build(example_builds, "xml")
    trees = {path.stem: ET.parse(path) for path in outdir.glob("*.xml")}
    ids = {
        name: {node_id for node in tree.iter() for node_id in node.get("ids", "").split()}
        for name, tree in trees.items()
    }
    (card,) = (
        node
        for node in trees["glossary"].iter()
        if "termref-mesa-optimization" in node.get("ids", "").split()
    )
    assert_has_card_text(" ".join(card.itertext()))
    links = [
        (name, node.get("refuri") or "#" + node.get("refid", ""))
        for name, tree in trees.items()
        for node in tree.iter("reference")
        if node.get("termref_id")
    ]
    anchors_of_links(links, lambda name: ids[name])


def test_example_site_gettext(example_builds) -> None:
    outdir = clean_build(example_builds, "gettext")
    pot = (outdir / "glossary.pot").read_text(encoding="utf-8")
    msgids = re.findall(r'^msgid "(.*)"$', pot, re.MULTILINE)
    joined = flat(" ".join(m.replace('\\"', '"') for m in msgids))
    for phrase in MESA[:2]:
        assert phrase in joined
