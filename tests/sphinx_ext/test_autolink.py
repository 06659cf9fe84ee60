"""Auto-linking: mentions of terms in prose become references, as ``:termref:`` makes them.

Root ``test-prose``: a glossary of every card, a page of prose mentions, one of
every construct the matcher leaves alone, one that refers to a term itself, one
that opts out with ``:termref-autolink: off``, and one that mentions no term.
"""

from __future__ import annotations

import gc
import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from helpers import ROOTS, build, html, project, warnings_of
from sphinx.addnodes import pending_xref
from sphinx.testing.util import SphinxTestApp
from term_stylesheet import term_stylesheet

from sphinx_termref.sphinx_ext.auto_links import linked_text

ROOT = ROOTS / "test-prose"
prose = pytest.mark.sphinx("html", testroot="prose")


def links(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(text, href) of every term link in the page's body, in document order, but
    those of usage tables."""
    return [
        (a.get_text(), a["href"])
        for a in soup.select("div.body a.termref")
        if not a.find_parent("table", class_="termref-usage")
    ]


def auto_links(soup: BeautifulSoup) -> list[tuple[str, str]]:
    return [
        (a.get_text(), a["href"]) for a in soup.select("div.body a.termref:has(.termref-auto)")
    ]


@prose
def test_first_mention_of_each_term_is_linked(app) -> None:
    app.build()
    assert auto_links(html(app)) == [
        ("inner alignment problem", "glossary.html#termref-inner-alignment-problem"),
        ("mesa-optimizer", "glossary.html#termref-mesa-optimizer"),
        ("Alignment", "glossary.html#termref-alignment"),
        ("ontologies", "glossary.html#termref-ontology"),  # an inflected mention
    ]


@prose
def test_an_auto_link_is_a_reference_like_termref(app) -> None:
    app.build()
    soup = html(app)
    (auto,) = soup.select("div.body a.termref--alignment:has(.termref-auto)")
    (explicit,) = html(app, "linked").select("div.body a.termref--alignment")
    assert set(auto["class"]) == set(explicit["class"])
    # Same class, same tooltip and preview: the term stylesheet's.
    assert term_stylesheet(app.outdir).tip("alignment") == (
        "Alignment: Making a system pursue what its designers intended."
    )
    glossary = html(app, "glossary")
    card = glossary.find(id="termref-alignment")
    referrers = [a.get_text() for a in card.select("ul.termref-backlinks a")]
    assert referrers == ["Prose", "Alignment in a title", "Linked"]


@prose
def test_the_stored_page_keeps_its_mentions_as_one_text_until_written(app) -> None:
    """Between reading and writing, a text with mentions is one ``linked_text`` node
    (a reference is some twenty objects there for Python's collector to walk), and
    the page's links are made from it, after a reload of the pickled page too."""
    app.build()
    stored = app.env.get_doctree("index")  # unpickled, as a later build loads it
    texts = list(stored.findall(linked_text))
    written = [text[start:end] for text in texts for start, end, *_ in text.links]
    assert written == ["inner alignment problem", "mesa-optimizer", "Alignment", "ontologies"]
    assert not any(xref.get("termref_auto") for xref in stored.findall(pending_xref))
    assert [text.copy().links for text in texts] == [text.links for text in texts]
    copied = stored.deepcopy()  # as docutils' copying visitors copy it, too
    assert [text.links for text in copied.findall(linked_text)] == [t.links for t in texts]
    app.env.apply_post_transforms(stored, "index")
    assert list(stored.findall(linked_text)) == []
    auto = [
        node.astext() for node in stored.findall(nodes.inline) if "termref-auto" in node["classes"]
    ]
    assert auto == written


def test_stripping_a_linked_text_keeps_the_links_it_still_holds() -> None:
    text = linked_text(
        "  inner alignment and mesa  ", ((2, 17, "", 1, None, False), (22, 26, "", 1, None, False))
    )
    assert [text.lstrip()[a:b] for a, b, *_ in text.lstrip().links] == ["inner alignment", "mesa"]
    assert [text.rstrip()[a:b] for a, b, *_ in text.rstrip().links] == ["inner alignment", "mesa"]


def test_a_mention_shown_on_another_page_links_from_that_page(tmp_path) -> None:
    """``todolist`` shows a copy of each todo, made when its page was read, on the
    page that lists them: the links are made for the page they are shown on."""
    built = project(
        tmp_path,
        "terms:\n  - id: inner-alignment\n    name: Inner alignment\n"
        "    summary: Matching the learned objective.\n",
        {
            "index": "Index\n=====\n\n.. toctree::\n\n   glossary\n   sub/deep\n\n.. todolist::\n",
            "glossary": "Glossary\n========\n\n.. term-card:: inner-alignment\n",
        },
        conf_extra='termref_autolink = "first"\nextensions.append("sphinx.ext.todo")\n'
        "todo_include_todos = True\n",
    )
    deep = built.srcdir / "sub" / "deep.rst"
    deep.parent.mkdir()
    deep.write_text("Deep\n====\n\n.. todo:: Say more about inner alignment.\n", "utf-8")
    built = build(built.srcdir, tmp_path / "_build2")
    assert auto_links(built.soup("sub/deep")) == [
        ("inner alignment", "../glossary.html#termref-inner-alignment")
    ]
    assert auto_links(built.soup("index")) == [
        ("inner alignment", "glossary.html#termref-inner-alignment")
    ]


@prose
def test_nothing_outside_prose_is_linked(app) -> None:
    app.build()
    # The one explicit reference, and the one mention in the closing paragraph.
    assert links(html(app, "skipped")) == [
        ("the alignment", "glossary.html#termref-alignment"),
        ("inner alignment", "glossary.html#termref-inner-alignment"),
    ]


@pytest.mark.sphinx("html", testroot="prose", confoverrides={"termref_autolink": "all"})
def test_all_links_every_mention_but_still_nothing_outside_prose(app) -> None:
    app.build()
    assert [text for text, _ in auto_links(html(app))] == [
        "inner alignment problem",
        "mesa-optimizer",
        "Alignment",
        "alignment",
        "ontologies",
        "ontology",
    ]
    assert [text for text, _ in auto_links(html(app, "skipped"))] == ["inner alignment"]
    # "all" links beside an explicit reference too.
    assert [text for text, _ in auto_links(html(app, "linked"))] == [
        "Alignment",
        "learned optimizer",
        "learned optimizer",
    ]


@prose
def test_a_page_that_refers_to_a_term_gets_no_extra_link(app) -> None:
    app.build()
    assert links(html(app, "linked")) == [
        ("alignment", "glossary.html#termref-alignment"),  # the explicit one only
        ("learned optimizer", "glossary.html#termref-mesa-optimizer"),  # once
    ]


@prose
def test_a_page_can_opt_out(app) -> None:
    app.build()
    soup = html(app, "optout")
    assert links(soup) == []
    assert "termref-autolink" not in soup.get_text()  # the field is metadata, not shown


@pytest.mark.sphinx("html", testroot="prose", confoverrides={"termref_autolink": "off"})
def test_off_links_nothing(app) -> None:
    app.build()
    assert auto_links(html(app)) == []


@pytest.mark.sphinx("text", testroot="prose")
def test_text_output_keeps_the_mentions(app) -> None:
    app.build()
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert "The *inner alignment problem* asks whether a *mesa-optimizer*" in text


def test_serial_and_parallel_builds_link_the_same_mentions(tmp_path) -> None:
    serial = build(ROOT, tmp_path / "serial")
    parallel = build(ROOT, tmp_path / "parallel", parallel=2)
    for page in ("index", "skipped", "linked", "optout", "glossary"):
        assert links(serial.soup(page)) == links(parallel.soup(page)), page


# -- incremental builds ---------------------------------------------------------------


def read_pages(srcdir: Path, builddir: Path) -> tuple[set[str], list]:
    read: set[str] = set()
    app = SphinxTestApp("html", srcdir=srcdir, builddir=builddir)
    app.connect("env-before-read-docs", lambda app, env, docnames: read.update(docnames))
    try:
        app.build()
    finally:
        app.cleanup()
    return read, app


PLAIN_PAGE = "Plain\n=====\n\nNothing of the vocabulary here, only a corrigibility note.\n"
NEW_ALIAS = ("aliases: [learned optimizer]", "aliases: [learned optimizer, corrigibility note]")


def built_once(tmp_path: Path, conf: str = "", **pages: str) -> tuple[Path, Path, str]:
    """The root with a page ``plain`` that mentions the phrase ``NEW_ALIAS`` adds (and
    ``pages``), built once: its source and build directories, and its database text."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf_file:
        conf_file.write(conf)
    for name, text in {"plain": PLAIN_PAGE, **pages}.items():
        (srcdir / f"{name}.rst").write_text(text, encoding="utf-8")
    builddir = tmp_path / "_build"
    read_pages(srcdir, builddir)
    return srcdir, builddir, (srcdir / "terms.yaml").read_text(encoding="utf-8")


def test_a_new_alias_links_the_pages_that_mention_it_and_reads_no_other(tmp_path) -> None:
    srcdir, builddir, text = built_once(tmp_path)
    terms = srcdir / "terms.yaml"
    terms.write_text(text.replace(*NEW_ALIAS), encoding="utf-8")
    read, _ = read_pages(srcdir, builddir)
    # The page that mentions it, and the pages that show every term (a term index
    # with cards, a usage table).
    assert read == {"plain", "glossary", "skipped"}
    soup = BeautifulSoup((builddir / "html" / "plain.html").read_text("utf-8"), "html.parser")
    assert links(soup) == [("corrigibility note", "glossary.html#termref-mesa-optimizer")]

    terms.write_text(text, encoding="utf-8")  # and the alias goes again
    read, _ = read_pages(srcdir, builddir)
    assert "plain" in read and "index" not in read and "linked" not in read
    soup = BeautifulSoup((builddir / "html" / "plain.html").read_text("utf-8"), "html.parser")
    assert links(soup) == []


def test_what_is_kept_of_each_term_is_left_out_of_the_collector(tmp_path) -> None:
    """Each term's prose signature is plain tuples of strings and booleans, which
    Python's cyclic collector stops tracking, in the build and after a reload."""
    srcdir, builddir, text = built_once(tmp_path)
    (srcdir / "terms.yaml").write_text(text.replace(*NEW_ALIAS), encoding="utf-8")
    _, app = read_pages(srcdir, builddir)
    for _ in range(3):  # a collection may untrack only the innermost tuples it finds
        gc.collect()
    signatures = app.env.termref_prose_terms
    assert len(signatures) == len(app.env.get_domain("termref").database.terms)
    assert [term_id for term_id, kept in signatures.items() if gc.is_tracked(kept)] == []
    assert ("corrigibility", "note") in signatures["mesa-optimizer"][0]


def test_with_the_lint_on_a_new_alias_reads_no_page_that_holds_only_old_words(
    tmp_path,
) -> None:
    """The lint says nothing new about a page that mentions none of the new
    spellings, so a page that merely holds the words of an old one is not read."""
    srcdir, builddir, text = built_once(
        tmp_path,
        "termref_lint = True\ntermref_lint_unlinked = True\n",
        # Both words of "Mesa-optimizer", apart: no mention of the term.
        apart="Apart\n=====\n\nThe mesa stands in the desert. A compiler is an optimizer.\n",
    )
    terms = srcdir / "terms.yaml"
    terms.write_text(text.replace(*NEW_ALIAS), encoding="utf-8")
    read, _ = read_pages(srcdir, builddir)
    assert "plain" in read and "apart" not in read
    # A change in how the lint treats the term reads every page that holds its words.
    terms.write_text(
        text.replace("discouraged: [mesa-optimiser]", "discouraged: [mesa-optimiser, mesa]"),
        encoding="utf-8",
    )
    read, app = read_pages(srcdir, builddir)
    assert "apart" in read
    assert "apart.rst:4: WARNING: " in app.warning.getvalue()


def test_a_page_can_opt_in_and_a_bad_field_warns(tmp_path) -> None:
    terms = "terms:\n  - id: alignment\n    name: Alignment\n    summary: Intended behaviour.\n"
    pages = {
        "index": ".. toctree::\n\n   on\n   bad\n\n.. term-card:: alignment\n\nAlignment.\n",
        "on": ":termref-autolink: first\n\nOn\n==\n\nAlignment here.\n",
        "bad": ":termref-autolink: sometimes\n\nBad\n===\n\nAlignment here.\n",
    }
    built = project(tmp_path, terms, pages)  # termref_autolink is "off"
    assert links(built.soup("index")) == []
    assert links(built.soup("on")) == [("Alignment", "index.html#termref-alignment")]
    assert links(built.soup("bad")) == []
    (warning,) = built.termref()
    assert (warning.type, warning.location) == ("termref.option", f"{built.srcdir / 'bad.rst'}:1")
    assert warning.message == (
        "the file-wide field :termref-autolink: cannot be 'sometimes'; write one of off, "
        "first, all (the termref_autolink setting is used)"
    )


def test_myst_front_matter_sets_the_page(tmp_path) -> None:
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_termref"]\ntermref_databases = ["terms.yaml"]\n',
        encoding="utf-8",
    )
    (srcdir / "terms.yaml").write_text(
        "terms:\n  - id: alignment\n    name: Alignment\n    summary: Intended behaviour.\n",
        encoding="utf-8",
    )
    (srcdir / "index.md").write_text(
        "---\ntermref-autolink: first\n---\n# Page\n\n```{term-card} alignment\n```\n\n"
        "Alignment here, and alignment again.\n",
        encoding="utf-8",
    )
    built = build(srcdir, tmp_path / "_build")
    assert links(built.soup()) == [("Alignment", "#termref-alignment")]


def test_auto_links_count_in_the_usage_report(tmp_path) -> None:
    terms = "terms:\n  - id: alignment\n    name: Alignment\n    summary: Intended behaviour.\n"
    pages = {
        "index": ".. toctree::\n\n   other\n\n.. term-card:: alignment\n",
        "other": "Other\n=====\n\nAlignment here, and alignment again.\n",
    }
    built = project(
        tmp_path,
        terms,
        pages,
        conf_extra='termref_autolink = "first"\ntermref_usage_report = True\n',
    )
    report = json.loads((built.outdir / "termref-usage.json").read_text(encoding="utf-8"))
    assert report["terms"]["alignment"]["references"] == {"other": 1}


def test_markup_inside_a_compound_leaves_its_words_unlinked(make_build) -> None:
    """``:termref:`generator`-iterator`` and ``*self*-supervised learning`` are
    compounds, though their words are in different nodes: no mention starts or ends
    inside them, as with ``self-supervised learning`` written plain."""
    app = make_build(ROOTS / "test-prose-compounds", "html")
    soup = html(app)
    (paragraph,) = soup.select("div.body section > p")
    assert [text for text, _ in auto_links(soup)] == ["iterator", "supervised learning"]
    for link in paragraph.select("a.termref:has(.termref-auto)"):
        assert link.find_parent("p") is paragraph
        assert link.previous_sibling.endswith(" An ") or link.previous_sibling == " and "
    assert " ".join(paragraph.get_text().split()) == (
        "A generator-iterator, self-supervised learning, a list-iterator, an "
        "iterator-generator and supervised learning-rate are compounds that markup "
        "splits. An iterator and supervised learning stand alone."
    )


def test_names_that_are_code_link_no_words(make_build) -> None:
    """``(n,)``, ``-1`` and ``__future__`` (names in NumPy's and CPython's
    glossaries) neither link nor lint *N*, *1* or *future*; nor does ``etc.`` link
    *etc*, a reference that would find no term."""
    app = make_build(ROOTS / "test-prose-symbols", "html")
    assert auto_links(html(app)) == []
    assert warnings_of(app) == []
