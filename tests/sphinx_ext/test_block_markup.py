"""Block markup in the long text fields (docs/block-markup.md): the allowed
blocks render on HTML, LaTeX and text cards, the rest is refused and shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from helpers import (
    ROOTS,
    build,
    card,
    dump_terms,
    html,
    project,
    run_cli,
    shared_build,
    warnings_typed,
    write_project,
)
from sphinx.testing.util import SphinxTestApp

from sphinx_termref.sphinx_ext.visitors.latex import TOPIC
from sphinx_termref.termdb.text_layout import has_blocks

BLOCKS = "test_block_markup-html"


def _section(soup: BeautifulSoup, term_id: str, key: str) -> Tag:
    found = card(soup, term_id).find(class_=f"termref-card__section--{key}")
    assert isinstance(found, Tag), key
    return found


def _blocks(section: Tag) -> list[str]:
    """What each block of a card section is: its tag and its first class."""
    return [
        f"{child.name}.{child['class'][0]}" if child.get("class") else child.name
        for child in section.find_all(recursive=False)
        if "termref-card__label" not in child.get("class", [])
    ]


def _built(app: SphinxTestApp) -> SphinxTestApp:
    """The shared build, made by the first test that needs it."""
    if not Path(app.outdir, "index.html").exists():
        app.build()
    return app


@shared_build(BLOCKS, testroot="blocks")
def test_allowed_blocks_render_in_html(app: SphinxTestApp) -> None:
    _built(app)
    definition = _section(html(app), "qualified-name", "technical-definition")
    assert _blocks(definition) == [
        "p",
        "div.highlight-python",  # a literal block: the page's highlight_language
        "div.doctest",
        "p",
        "ul.simple",
        "ol.arabic",
        "dl.simple",
        "p",
        "blockquote",
        "div.highlight-rust",  # code-block with its language
        "div.admonition",
        "div.versionadded",
        "div.deprecated",
        "div.mathjax_process",  # vetted math, typeset inside the card
        "div.admonition",
    ]
    literal = definition.select_one("div.highlight-python pre")
    assert literal is not None
    assert literal.get_text() == 'def meth(self):\n    return "literal"\n'
    doctest = definition.select_one("div.doctest pre")
    assert doctest is not None and doctest.get_text().startswith(">>> class C:\n...     pass")
    items = [li.get_text(" ", strip=True) for li in definition.select("ul > li")]
    assert items == ["one with a link", "two, with \\(x^2\\)"]
    assert definition.select_one("ul a")["href"] == "https://example.org/one"
    assert definition.select_one("blockquote .attribution") is not None
    note, seealso = definition.select("div.admonition")
    assert "note" in note["class"] and "seealso" in seealso["class"]
    assert note.find("em").get_text() == "emphasis"
    version = definition.select_one("div.versionadded")
    assert version is not None
    assert version.get_text(" ", strip=True) == "Added in version 3.3: The qualified name came."
    usage = _section(html(app), "qualified-name", "usage-note")
    assert _blocks(usage) == ["div.admonition"]


@shared_build(BLOCKS, testroot="blocks")
def test_literal_blocks_follow_the_pages_highlight_language(app: SphinxTestApp) -> None:
    _built(app)
    definition = html(app, "c").select_one(".termref-card__section--technical-definition")
    assert definition is not None
    literal = definition.find("div", class_="highlight-c")  # .. highlight:: c on the page
    assert literal is not None and "def meth(self):" in literal.get_text()
    assert definition.find("div", class_="highlight-rust") is not None


@shared_build(BLOCKS, testroot="blocks")
def test_the_summary_stays_inline(app: SphinxTestApp) -> None:
    _built(app)
    summary = card(html(app), "qualified-name").find(class_="termref-card__summary")
    assert [child.name for child in summary.find_all(recursive=False)] == ["p"]
    assert "- not a list, the summary stays inline" in summary.get_text()


@shared_build(BLOCKS, testroot="blocks")
def test_plain_paragraphs_are_paragraphs(app: SphinxTestApp) -> None:
    _built(app)
    definition = _section(html(app), "plain-paragraphs", "technical-definition")
    assert _blocks(definition) == ["p", "p"]


@shared_build(BLOCKS, testroot="blocks")
def test_refused_blocks_are_shown_as_written(app: SphinxTestApp) -> None:
    _built(app)
    soup = html(app)
    background = _section(soup, "refusals", "background")
    refused = [pre.get_text() for pre in background.select("div.termref-refused pre")]
    assert refused == [
        '.. raw:: html\n\n   <script>alert("raw")</script>\n',
        ".. include:: secret.txt\n",
        ".. literalinclude:: secret.txt\n",
        ".. unknown-directive:: argument\n\n   Its content.\n",
        ".. _old-label:\n",
        ".. |sub| replace:: substituted\n",
        "\\input{secret.txt}\n",
        "left\n\nright\n",  # a table, inside a version note
        "A Title\n",
    ]
    # Nothing they would have done happened.
    assert soup.find("script", string=lambda text: bool(text and "raw" in text)) is None
    assert "SECRET-FILE-CONTENTS" not in soup.get_text()
    assert soup.find(id="old-label") is None and soup.find(id="named-code") is None
    assert not [a for a in soup.find_all("a") if a.get("href", "").startswith("javascript")]
    assert "substituted" not in background.get_text().replace("replace:: substituted", "")
    # The blocks around them, and a refused option's block, are kept.
    paragraphs = [p.get_text() for p in background.find_all("p", recursive=False)]
    assert paragraphs == ["Before the refusals.", "After the refusals."]
    assert "named = True" in background.select_one("div.highlight-python").get_text()
    assert background.select_one("ul li").get_text(strip=True) == "a bad link in a list"


@shared_build(BLOCKS, testroot="blocks")
def test_each_refusal_is_one_markup_warning(app: SphinxTestApp) -> None:
    _built(app)
    warned = warnings_typed(app, "termref.markup")
    terms = Path(app.srcdir, "terms.yaml")
    lines = terms.read_text(encoding="utf-8").splitlines()
    background = lines.index("  - id: refusals") + 1
    background += next(n for n, line in enumerate(lines[background:]) if "background:" in line)
    # The background's own line in the database, not the card's on the page.
    assert {w.location for w in warned} == {f"{terms}:{background + 1}"}
    messages = [w.message for w in warned]
    assert all(m.startswith("the background of term 'refusals' ") for m in messages)
    fragments = [
        "uses the directive 'raw'",
        "uses the directive 'include'",
        "uses the directive 'literalinclude'",
        "uses the directive 'unknown-directive'",
        "gives its 'code-block' directive the option :name: ('named-code')",
        "gives its 'note' directive the option :class: ('mathjax-process')",
        "links to 'javascript:alert(3'",  # a standalone URI in the text
        "gives its 'math' directive the option :nowrap:, which",
        "has a target",
        "has a substitution definition",
        "has math that uses the macro \\input",
        "has a table",
        "has a section title ('A Title')",
        "links to 'javascript:alert(1)'",
    ]
    assert sorted(fragments) == sorted(
        fragment for fragment in fragments for m in messages if fragment in m
    )
    assert len(messages) == len(fragments)
    # No docutils message besides: the markup was refused, not broken.
    assert [w for w in warnings_typed(app, "docutils")] == []


@shared_build(BLOCKS, testroot="blocks")
def test_mathjax_typesets_only_vetted_math(app: SphinxTestApp) -> None:
    _built(app)
    soup = html(app)
    for section in soup.select("section.termref-card"):
        assert {"mathjax_ignore", "tex2jax_ignore"} <= set(section["class"])
    math = card(soup, "qualified-name").select(".math")
    assert len(math) == 2
    assert all("mathjax_process" in element["class"] for element in math)
    refused = _section(soup, "refusals", "background")
    # The math with a refused \input is text; the math whose :nowrap: was refused is
    # typeset, wrapped; the note that asked for mathjax_process did not get it.
    [typeset] = refused.select(".mathjax_process")
    assert "math" in typeset["class"] and "x = 1" in typeset.get_text()
    note = refused.select_one("div.admonition.note")
    assert note is not None and "mathjax_process" not in note["class"]
    assert "\\(\\href{javascript:alert(3)}{looks like math}\\)" in note.get_text()


@pytest.mark.sphinx("latex", testroot="blocks")
def test_latex_card_has_the_blocks(app: SphinxTestApp) -> None:
    app.build()
    [tex_file] = Path(app.outdir).glob("*.tex")
    tex = tex_file.read_text(encoding="utf-8")
    start = tex.index(r"\label{\detokenize{index:termref-qualified-name}}")
    qualified = tex[start : tex.index(rf"\end{{{TOPIC}}}", start)]
    for needle in (
        r"\begin{sphinxVerbatim}",
        r"\PYG{k}{def}",  # highlighted as Python
        r"\begin{itemize}",
        r"\begin{enumerate}",
        r"\begin{description}",
        r"\begin{quote}",
        r"\begin{sphinxadmonition}{note}{Note:}",
        r"Added in version 3.3: ",
        r"\begin{equation*}",
        r"\begin{sphinxseealso}",
    ):
        assert needle in qualified, needle
    start = tex.index(r"\label{\detokenize{index:termref-refusals}}")
    refusals = tex[start : tex.index(rf"\end{{{TOPIC}}}", start)]
    assert "SECRET-FILE-CONTENTS" not in tex
    assert r"\PYGZbs{}input\PYGZob{}secret.txt\PYGZcb{}" in refusals  # as verbatim text
    assert r"\input{secret.txt}" not in tex  # only as verbatim text


@pytest.mark.sphinx("text", testroot="blocks")
def test_text_card_has_the_blocks(app: SphinxTestApp) -> None:
    app.build()
    text = Path(app.outdir, "index.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    start = lines.index("TECHNICAL DEFINITION")
    part = lines[start : lines.index("USAGE NOTE")]
    assert part[1:5] == [
        "For top-level functions and classes the qualified name is the name:",
        "",
        "   def meth(self):",
        '       return "literal"',
    ]
    for line in (">>> C.__qualname__", "* one with a link", "1. first", "definition term"):
        assert line in part, line
    assert "   what it means" in part and "   fn main() {}" in part
    assert "Note:" in part and "  A note with *emphasis*." in part
    assert "   .. raw:: html" in lines and "SECRET-FILE-CONTENTS" not in text


def test_a_myst_page_shows_the_blocks_too(tmp_path: Path) -> None:
    """Database text is reStructuredText whatever the page's own markup is."""
    pytest.importorskip("myst_parser")
    text = "Code::\n\n   x = 1\n\n* item\n\n.. raw:: html\n\n   <b>bold</b>\n"
    terms = [{"id": "x", "name": "X", "technical_definition": text}]
    source = write_project(
        tmp_path / "src", dump_terms(terms), {}, 'extensions.append("myst_parser")\n'
    )
    (source / "index.md").write_text("# MyST\n\n```{term-card} x\n```\n", encoding="utf-8")
    built = build(source, tmp_path / "_build")
    definition = built.soup().find(class_="termref-card__section--technical-definition")
    assert [pre.get_text() for pre in definition.find_all("pre")] == [
        "x = 1\n",
        ".. raw:: html\n\n   <b>bold</b>\n",
    ]
    assert definition.find("ul") is not None and definition.find("b") is None
    assert len(built.typed("termref.markup")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Plain words.\n\nA second paragraph with *emphasis* and ``code``.",
        "A :termref:`role <x>` at a line's start:\n:termref:`x` too.",
        "Numbers like 3.5 and e.g. abbreviations.",
    ],
)
def test_text_without_blocks_takes_the_inline_parser(text: str) -> None:
    assert not has_blocks(text)


@pytest.mark.parametrize(
    "text",
    [
        "Code::\n\n   x",
        "* item",
        "- item",
        "1. item",
        "(a) item",
        ".. note:: x",
        ">>> 1",
        "Title\n=====",
        "term\n   definition",
        "| line",
        ":field: value",
    ],
)
def test_text_with_blocks_takes_the_block_parser(text: str) -> None:
    assert has_blocks(text)


# -- plain text: sphinx-termref show and the exports -----------------------------------

TERMS = ROOTS / "test-blocks" / "terms.yaml"


def test_show_renders_the_blocks_as_plain_text(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "show", "qualified-name", "-d", str(TERMS))
    assert status == 0
    lines = out.splitlines()
    part = lines[lines.index("TECHNICAL DEFINITION") : lines.index("USAGE NOTE")]
    assert part[1:7] == [
        "For top-level functions and classes the qualified name is the name:",
        "",
        "    def meth(self):",
        '        return "literal"',
        "",
        "    >>> class C:",
    ]
    for line in (
        "* one with a link",
        "1. first",
        "definition term",
        "    what it means",
        "    -- Someone",
        "    fn main() {}",
        "Note: A note with emphasis.",
        "Added in version 3.3: The qualified name came.",
        "Deprecated since version 3.12.",
        "    e^{i\\pi} + 1 = 0",
        "See also: The data model.",
    ):
        assert line in part, line
    assert lines[lines.index("USAGE NOTE") + 1] == "Warning: Not the same as the name."


def test_show_keeps_refused_markup_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "show", "refusals", "-d", str(TERMS))
    lines = out.splitlines()
    for line in (
        "    .. raw:: html",
        '       <script>alert("raw")</script>',
        "    .. include:: secret.txt",
        "    .. _old-label:",
        "    .. |sub| replace:: substituted",
        "    \\input{secret.txt}",
        "A Title",
        "After the refusals.",
    ):
        assert line in lines, line


def test_exports_keep_the_markup_or_render_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "terms.json"
    assert run_cli(capsys, "export", "-d", str(TERMS), "--format", "json", "-o", str(out))[0] == 0
    exported = {term["id"]: term for term in json.loads(out.read_text("utf-8"))["terms"]}
    original = yaml.safe_load(TERMS.read_text("utf-8"))["terms"][0]["technical_definition"]
    assert exported["qualified-name"]["technical_definition"] == original.strip()
    skos = tmp_path / "terms.jsonld"
    run_cli(
        capsys, "export", "-d", str(TERMS), "--format", "skos-jsonld",
        "--scheme-uri", "https://example.org/terms/", "-o", str(skos),
    )  # fmt: skip
    concepts = {node.get("notation"): node for node in json.loads(skos.read_text())["@graph"]}
    definition = concepts["qualified-name"]["definition"]
    assert definition.startswith(
        "For top-level functions and classes the qualified name is the name:\n\n"
        '    def meth(self):\n        return "literal"\n'
    )
    assert "* one with a link" in definition and "Note: A note with emphasis." in definition


def test_the_inline_guard_holds_inside_blocks(tmp_path: Path) -> None:
    """Roles and substitutions the page defines are refused in a list item or a note
    as they are in a paragraph, and the page's names are not the database's."""
    text = (
        "* :html:`<script>alert(1)</script>`\n"
        "* see |subst| here\n"
        "* the page's `spec`_\n\n"
        ".. note:: `click <javascript:alert(2)>`_ and :download:`secret.txt`\n\n"
        "A `spec <https://example.org/a>`_ link.\n"
    )
    terms = [
        {"id": "a", "name": "A", "technical_definition": text},
        {"id": "b", "name": "B", "background": text.replace("/a>", "/b>")},
    ]
    page = (
        "Page\n====\n\n.. role:: html(raw)\n   :format: html\n\n"
        ".. |subst| replace:: SUBSTITUTED\n\n.. term-card:: a\n\n.. term-card:: b\n\n"
        "The page's own `spec`_.\n\n.. _spec: https://example.org/page\n"
    )
    built = project(tmp_path, dump_terms(terms), page)
    soup = built.soup()
    assert soup.find("script") is None or "alert(1)" not in soup.find("script").get_text()
    assert "SUBSTITUTED" not in soup.get_text()
    assert not [a for a in soup.find_all("a", href=True) if a["href"].startswith("javascript")]
    assert soup.find("a", class_="download") is None
    spec_links = [a["href"] for a in soup.find_all("a") if a.get_text() == "spec"]
    assert spec_links == [  # the page's own, then the card's, for each card
        f"https://example.org/{page}" for page in ("page", "a", "page", "b", "page")
    ]
    reasons = sorted(
        w.message.split("' ", 1)[1].split(";")[0] for w in built.typed("termref.markup")
    )
    assert reasons == sorted(
        [
            "uses the raw role 'html'",
            "uses a substitution",
            "uses the file-copying role 'download'",
            "links to 'javascript:alert(2)', but the scheme 'javascript' is not allowed",
        ]
        * 2
    )
    assert [w for w in built.warnings if not w.type.startswith("termref")] == []
