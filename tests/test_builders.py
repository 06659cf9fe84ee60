"""Cards in builders other than HTML: LaTeX and text markup, and plain fallbacks."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import CARD_LABELS, ROOTS, assert_no_crash, shared_build, warnings_of

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
    assert_no_crash(app)
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
    assert_no_crash(app)
    assert warnings_of(app) == []
    (tex,) = app.outdir.glob("*.tex")
    return tex.read_text(encoding="utf-8")


def topics(tex: str) -> list[str]:
    return re.findall(r"\\begin\{sphinxtopic\}(.*?)\\end\{sphinxtopic\}", tex, re.DOTALL)


@shared_build("test_builders-cards-latex", testroot="cards", buildername="latex")
def test_latex_every_card_is_a_topic(latex_output: str) -> None:
    boxes = topics(latex_output)
    # mesa-optimization, reward-hacking, goodhart, bare-term and goodhart (:no-index:)
    assert len(boxes) == 5
    assert latex_output.count(r"\begin{sphinxtopic}") == latex_output.count(r"\end{sphinxtopic}")
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
    assert_no_crash(app)
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
    assert_no_crash(app)
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
    assert_no_crash(app)
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
    assert_no_crash(app)
    pages = sorted(Path(app.outdir).glob("**/*.xhtml"))
    assert pages
    previews = 0
    for page in pages:
        try:
            tree = ET.parse(page)
        except ET.ParseError as error:
            raise AssertionError(f"{page.name}: {error}") from None
        for div in tree.iter(f"{XHTML}div"):
            if "termref-preview" in div.get("class", "").split():
                assert div.get("hidden") == "hidden"
                previews += 1
    assert previews > 0  # the pages that failed to parse have term links


# -- singlehtml: every page joined into one ------------------------------------------------


def test_singlehtml_links_land_on_the_card(make_build) -> None:
    app = make_build(ROOTS / "test-joined", "singlehtml")
    assert_no_crash(app)
    assert warnings_of(app) == []
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    items = {li.get_text().split(":")[0]: li for li in soup.select("li") if ":" in li.get_text()}
    for label in ("role", "titled", "label"):
        assert items[label].a["href"] == "#termref-reward-hacking", label
    assert items["any"].a["href"] == "#termref-goodhart"
    see_also = soup.select_one("#termref-reward-hacking ul.termref-see-also a")
    assert see_also["href"] == "#termref-goodhart"
    more = {a["href"] for a in soup.select("a.termref-preview__more")}
    assert more == {"#termref-reward-hacking", "#termref-goodhart"}
    # every link within the page has one anchor, and an element has it as its id
    for link in soup.find_all("a", href=True):
        href = link["href"]
        if href.startswith("#") and href != "#":
            assert "#" not in href[1:], href
            assert soup.find(id=href[1:]) is not None, href


# -- documents that hold some pages only ---------------------------------------------------

WHOLE_LATEX = [("index", "whole.tex", "Whole", "Author", "manual")]


def referenced_in(tex: str) -> list[str]:
    """The items of each REFERENCED IN list of a LaTeX document."""
    lists = re.findall(r"REFERENCED IN\}\\par\\nobreak\s*\\begin\{itemize\}(.*?)\\end\{itemize\}",
                       tex, re.DOTALL)  # fmt: skip
    return [item.strip() for part in lists for item in part.split(r"\item {}")[1:]]


def test_latex_of_the_glossary_alone_names_other_pages_without_links(make_build) -> None:
    app = make_build(ROOTS / "test-joined", "latex")
    assert_no_crash(app)
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
    assert_no_crash(app)
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
    assert_no_crash(app)
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
