"""A term's ``labels`` (``:ref:`` targets on its canonical card) and ``index`` entries
(general-index entries pointing at the card)."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import build_again, html, line_of, warnings_of
from sphinx.testing.util import SphinxTestApp

from sphinx_termref.termdb.validation import validate
from sphinx_termref.termdb.yaml_source import read_yaml


def _links(app: SphinxTestApp, page: str = "refs") -> list[tuple[str, str]]:
    """(text, href) of each link in the body of ``page``."""
    soup = html(app, page)
    return [
        (" ".join(a.get_text().split()), a["href"]) for a in soup.select("div.body a.reference")
    ]


def _inventory(app: SphinxTestApp) -> dict[tuple[str, str], tuple[str, str]]:
    """(domain:role, name) -> (uri, display name), read from objects.inv as intersphinx
    reads it: four header lines, then zlib-compressed lines."""
    data = (Path(app.outdir) / "objects.inv").read_bytes()
    body = zlib.decompress(data.split(b"\n", 4)[4]).decode("utf-8")
    entries = {}
    for line in body.splitlines():
        # Sphinx's own pattern for a line: name, domain:role, priority, uri, display name.
        match = re.match(r"(.+?)\s+(\S+)\s+(-?\d+)\s+?(\S*)\s+(.*)", line)
        assert match is not None, line
        name, role, _, uri, shown = match.groups()
        uri = uri[:-1] + name if uri.endswith("$") else uri
        entries[(role, name)] = (uri, name if shown == "-" else shown)
    return entries


@pytest.mark.sphinx("html", testroot="labels")
def test_ref_links_land_on_the_canonical_card(app: SphinxTestApp) -> None:
    app.build()
    # The term-card on parameter.rst is canonical, not the term index's card.
    assert _links(app) == [
        ("Parameter", "parameter.html#termref-parameter"),  # the term's name by default
        ("the keyword-only kind", "parameter.html#termref-parameter"),  # any case, spaces
        ("Argument", "glossary.html#termref-argument"),  # a term index's card
        ("A section with a label", "index.html#page-label"),  # the page's label wins
        ("Clash", "glossary.html#termref-clash"),  # :any: finds labels too
    ]
    assert html(app, "parameter").find(id="termref-parameter") is not None
    assert html(app, "glossary").find(id="termref-argument") is not None


@pytest.mark.sphinx("html", testroot="labels")
def test_label_warnings(app: SphinxTestApp) -> None:
    app.build()
    terms, refs = Path(app.srcdir, "terms.yaml"), Path(app.srcdir, "refs.rst")
    assert [(w.location, w.type) for w in warnings_of(app)] == [
        # the label where the term writes it: line and column
        (f"{terms}:{line_of(terms, 'labels: [page-label')}:14", "termref.collision"),
        (f"{refs}:{line_of(refs, 'unshown-label')}", "termref.no_card"),
    ]
    collision, no_card = (w.message for w in warnings_of(app))
    # Sphinx's own words for a label defined twice, then what happens and what to do.
    assert collision.startswith(
        f"duplicate label page-label, other instance in {Path(app.srcdir, 'index.rst')}"
    )
    assert "the label of term 'clash' is left out" in collision
    assert "term 'unshown' is in the database but no page shows it" in no_card
    # The text stays, the term's name as for a label with a card.
    [abbr] = html(app, "refs").select("abbr.termref--no-card")
    assert abbr.get_text() == "Unshown"


@pytest.mark.sphinx("html", testroot="labels")
def test_labels_are_in_the_inventory(app: SphinxTestApp) -> None:
    app.build()
    inventory = _inventory(app)
    assert inventory[("std:label", "positional-only_parameter")] == (
        "parameter.html#termref-parameter",
        "Parameter",
    )
    assert inventory[("std:label", "keyword-only parameter")] == (
        "parameter.html#termref-parameter",
        "Parameter",
    )
    assert inventory[("std:label", "page-label")][0] == "index.html#page-label"
    assert ("std:label", "unshown-label") not in inventory


@pytest.mark.sphinx("html", testroot="labels")
def test_a_ref_is_a_reference_to_the_term(app: SphinxTestApp) -> None:
    """A page that links to a term's label is in the card's REFERENCED IN list."""
    app.build()
    card = html(app, "parameter").find(id="termref-parameter")
    backlinks = card.select_one(".termref-card__section--referenced-in")
    assert backlinks is not None
    assert [a["href"] for a in backlinks.select("a")] == ["refs.html"]


def _genindex(app: SphinxTestApp) -> dict[str, Tag]:
    soup = BeautifulSoup(
        (Path(app.outdir) / "genindex.html").read_text(encoding="utf-8"), "html.parser"
    )
    entries: dict[str, Tag] = {}
    for li in soup.select("table.genindextable td > ul > li"):
        first = next(iter(li.children))  # the entry's text, or its first link
        text = first.get_text() if isinstance(first, Tag) else str(first)
        entries[" ".join(text.split()).rstrip(",")] = li
    return entries


def _hrefs(entry: Tag) -> list[str]:
    return [a["href"] for a in entry.find_all("a", recursive=False)]


@pytest.mark.sphinx("html", testroot="labels")
def test_index_entries_link_to_the_card(app: SphinxTestApp) -> None:
    app.build()
    entries = _genindex(app)
    card = "parameter.html#termref-parameter"
    listed = "glossary.html#termref-parameter"  # the term index shows a card of it too
    # Sphinx lists an entry's links by page: the term index's card comes first here.
    assert _hrefs(entries["positional-only parameter"]) == [listed, card]
    # pair: function; parameter -> "function, parameter" and "parameter, function"
    [function] = entries["function"].select("ul > li")
    assert " ".join(function.get_text().split()).startswith("parameter")
    assert [a["href"] for a in function.find_all("a")] == [listed, card]
    # see: formal argument; parameter -> "formal argument, see parameter", no link
    assert (
        " ".join(entries["formal argument"].get_text().split()) == "formal argument see parameter"
    )
    # "!keyword-only, var-positional": two entries, the first a main entry
    assert entries["keyword-only"].find("strong") is not None
    assert entries["var-positional"].find("strong") is None
    assert _hrefs(entries["var-positional"]) == [listed, card]


def test_broken_labels_and_index_entries_are_schema_problems(tmp_path: Path) -> None:
    path = tmp_path / "terms.yaml"
    path.write_text(
        "terms:\n"
        "  - id: a\n"
        "    name: A\n"
        "    labels:\n"
        "      - good-label\n"
        "      - bad<label>\n"
        "      - Good   Label\n"
        "    index:\n"
        "      - 'pair: lonely'\n"
        "      - 'module: os'\n"
        "      - 'single: fine'\n"
        "  - id: b\n"
        "    name: B\n"
        "    labels: just-a-string\n",
        encoding="utf-8",
    )
    document, problems = read_yaml(path)
    assert document is not None and problems == []
    terms, problems = validate(document)
    assert [(p.subtype.value, p.line, p.column) for p in problems] == [
        ("schema", 6, 9),
        ("schema", 9, 9),
        ("schema", 10, 9),
        ("schema", 14, 5),
    ]
    label, pair, module, string = (p.message for p in problems)
    assert label.startswith("item 2 of 'labels' of term 'a': 'bad<label>' is not a label")
    assert pair.startswith("item 1 of 'index' of term 'a': invalid pair index entry 'lonely'")
    assert "'pair: object; type'" in pair  # what to write instead
    assert "Use 'pair: module; os' instead" in module  # Sphinx's own advice
    assert string.startswith("'labels' of term 'b' must be a list, found a string")
    # What is sound is kept, the labels as :ref: compares them.
    assert terms[0].labels == ("good-label", "good label")
    assert terms[0].index_entries == ("single: fine",)


def test_two_terms_with_one_label(tmp_path: Path) -> None:
    from sphinx_termref.termdb import loading

    path = tmp_path / "terms.yaml"
    path.write_text(
        "terms:\n"
        "  - id: a\n    name: A\n    labels: [shared, own]\n"
        "  - id: b\n    name: B\n    labels: [Shared]\n",
        encoding="utf-8",
    )
    loaded = loading.load([str(path)], tmp_path)
    [problem] = loaded.problems
    assert (problem.subtype.value, problem.line, problem.column) == ("collision", 7, 14)
    assert problem.message.startswith(
        f"label 'shared' of term 'b' is a label of term 'a' already (at {path}:4:14)"
    )
    assert loaded.labels == {"shared": "a", "own": "a"}
    assert loaded.terms["b"].labels == ()


# --- incremental and parallel builds ----------------------------------------------


def _builder(srcdir: Path, builddir: Path):  # type: ignore[no-untyped-def]
    """A function that builds ``srcdir`` into ``builddir`` again and again, returning
    the app and the pages it read and wrote."""

    def build() -> tuple[SphinxTestApp, set[str], set[str]]:
        return build_again(srcdir, builddir)

    return build


def test_labels_follow_the_card_and_the_database(copied_root, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    srcdir = copied_root("labels")
    build = _builder(srcdir, tmp_path / "_build")
    first, _, _ = build()
    assert ("Parameter", "parameter.html#termref-parameter") in _links(first)

    # Nothing changed: nothing is read, and the labels are where they were.
    again, read, _ = build()
    assert read == set()
    assert _inventory(again)[("std:label", "positional-only_parameter")][0] == (
        "parameter.html#termref-parameter"
    )
    assert _links(again) == _links(first)

    # The card goes: the label moves to the term index's card, and the page that
    # refers to it, not read again, is written again.
    (srcdir / "parameter.rst").write_text("Parameters\n==========\n", encoding="utf-8")
    moved, read, written = build()
    assert (read, "refs" in written) == ({"parameter"}, True)
    assert ("Parameter", "glossary.html#termref-parameter") in _links(moved)
    assert _inventory(moved)[("std:label", "positional-only_parameter")][0] == (
        "glossary.html#termref-parameter"
    )

    # The label leaves the database: references to it are undefined again.
    terms = srcdir / "terms.yaml"
    terms.write_text(
        terms.read_text(encoding="utf-8").replace("      - positional-only_parameter\n", ""),
        encoding="utf-8",
    )
    gone, _, written = build()
    assert "refs" in written
    assert ("std:label", "positional-only_parameter") not in _inventory(gone)
    assert [w.message for w in warnings_of(gone) if w.type == "ref.ref"] == [
        "undefined label: 'positional-only_parameter'"
    ]


@pytest.mark.sphinx("html", testroot="labels", parallel=2)
def test_parallel_build_has_the_same_labels(app: SphinxTestApp, make_build) -> None:  # type: ignore[no-untyped-def]
    app.build()
    serial = make_build(Path(app.srcdir))
    assert _inventory(app) == _inventory(serial)
    assert _links(app) == _links(serial)
