"""The term stylesheet (``_static/termref-terms.css``): each shown term's tooltip and
preview texts as CSS custom properties, linked from every page, which carry none.

Its strings are read back with the tests' own CSS parser (``term_stylesheet``) and
compared with what the database says.
"""

from __future__ import annotations

from pathlib import Path

from helpers import build, dump_terms, project
from hypothesis import given
from hypothesis import strategies as st
from term_stylesheet import FILE_NAME, links_stylesheet, parse, term_stylesheet

from sphinx_termref.sphinx_ext.term_styles import css_string

#: Text that a CSS string must escape, and text it must keep as it is (a summary is
#: reStructuredText, so its backslashes are the name's, a plain field).
AWKWARD = 'Say "hi" then }{ ; </style> /* not a comment */ é “curly” 漢字 😀'
NAME = 'The "Shown" \\ term \\A'


TERMS = [
    {
        "id": "shown",
        "name": NAME,
        "abbreviation": "ST",
        "category": "Examples",
        "summary": AWKWARD,
        "aliases": ["first alias", "second; alias"],
    },
    {
        "id": "listed",
        "name": "Listed",
        "category": "Listing",
        "summary": "Shown by the term index only.",
    },
    {"id": "old", "name": "Old", "summary": "Gone out of use.", "status": "deprecated"},
    {"id": "unshown", "name": "Unshown", "summary": "No page shows this one."},
    *({"id": f"spare-{n}", "name": f"Spare {n}", "summary": f"Spare {n}."} for n in range(50)),
]
PAGES = {
    "index": "Index\n=====\n\n.. toctree::\n\n   cards\n   refs\n   listing\n",
    "cards": "Cards\n=====\n\n.. term-card:: shown\n\n.. term-card:: old\n",
    "refs": "Refs\n====\n\nSee :termref:`shown`, :termref:`listed`, :termref:`old` and "
    ":termref:`unshown`.\n",
    "listing": "Listing\n=======\n\n.. term-index::\n   :category: Listing\n",
}
CONF = 'suppress_warnings = ["termref.no_card"]\nsmartquotes = False\n'


@given(st.text())
def test_any_text_survives_as_a_css_string(text: str) -> None:
    written = css_string(text)
    rule = parse(f'@charset "utf-8";\n.termref--x{{--termref-tip:{written}}}\n')
    assert rule.tip("x") == text
    assert "\n" not in written  # a line break in a string ends it


def test_non_ascii_stays_utf8_and_specials_are_escaped() -> None:
    assert css_string("é 漢字 😀") == '"é 漢字 😀"'
    assert css_string('a"b\\c\nd\x01') == '"a\\"b\\\\c\\A d\\1 "'


def test_the_stylesheet_holds_the_shown_terms(tmp_path: Path) -> None:
    built = project(tmp_path, dump_terms(TERMS), PAGES, conf_extra=CONF)
    styles = term_stylesheet(built.outdir)
    # A card or a term index shows them; the others are not walked.
    assert sorted(styles.terms) == ["listed", "old", "shown"]
    shown = styles.terms["shown"]
    assert shown == {
        "tip": f"{NAME} (ST): {AWKWARD}",
        "name": NAME,
        "abbreviation": "ST",
        "category": "Examples",
        "summary": AWKWARD,
        "aliases": "first alias\nsecond; alias",
    }
    assert styles.terms["old"]["status"] == "deprecated"
    assert "status" not in styles.terms["listed"]
    assert styles.labels == {
        "label-more": "Full definition",
        "label-also": "Also:",
        "label-deprecated": "DEPRECATED",
        "label-draft": "DRAFT",
    }
    # Pages link it, and carry no summary, no title and no preview of a shown term.
    for page in PAGES:
        path = built.outdir / f"{page}.html"
        assert links_stylesheet(path), page
        if page in ("index", "refs"):  # no card
            raw = path.read_text(encoding="utf-8")
            assert "Gone out of use" not in raw and "then }{" not in raw
        soup = built.soup(page)
        assert soup.select(".termref-preview") == []
        assert all("title" not in link.attrs for link in soup.select("a.termref"))
    # The address names the file, not a version of it (no ?v= checksum): the file
    # changes while pages that are not written again keep their link.
    hrefs = [link["href"] for link in built.soup("refs").select("link[rel=stylesheet]")]
    assert f"_static/{FILE_NAME}" in hrefs
    # A term no page shows is no link: its text keeps the tooltip.
    (abbr,) = built.soup("refs").select("abbr.termref--no-card")
    assert abbr["title"] == "Unshown: No page shows this one."


def test_the_labels_are_translated(tmp_path: Path) -> None:
    built = project(tmp_path, dump_terms(TERMS), PAGES, conf_extra=CONF + 'language = "de"\n')
    labels = term_stylesheet(built.outdir).labels
    assert (labels["label-deprecated"], labels["label-draft"]) == ("VERALTET", "ENTWURF")


def test_other_builders_write_none(tmp_path: Path) -> None:
    built = project(tmp_path, dump_terms(TERMS), PAGES, builder="text", conf_extra=CONF)
    assert list(built.outdir.rglob(FILE_NAME)) == []


def test_a_build_that_changes_nothing_keeps_it_and_a_removed_card_takes_its_rule(
    tmp_path: Path,
) -> None:
    pages = {**PAGES, "extra": ":orphan:\n\nExtra\n=====\n\n.. term-card:: unshown\n"}
    built = project(tmp_path, dump_terms(TERMS), pages, conf_extra=CONF)
    path = built.outdir / "_static" / FILE_NAME
    assert sorted(term_stylesheet(built.outdir).terms) == ["listed", "old", "shown", "unshown"]
    # Nothing read and no term changed: the file is not made again (this comment stays).
    path.write_text(path.read_text(encoding="utf-8") + "/* kept */\n", encoding="utf-8")
    again = build(built.srcdir, tmp_path / "_build")
    assert "0 source files that are out of date" in again.status
    assert path.read_text(encoding="utf-8").endswith("/* kept */\n")
    # The page that showed 'unshown' goes, and no page is read: its rule goes too.
    (built.srcdir / "extra.rst").unlink()
    rebuilt = build(built.srcdir, tmp_path / "_build")
    assert "0 source files that are out of date" in rebuilt.status
    assert sorted(term_stylesheet(rebuilt.outdir).terms) == ["listed", "old", "shown"]
    assert "/* kept */" not in path.read_text(encoding="utf-8")


def test_a_page_read_again_keeps_it_unless_what_it_is_made_from_changed(
    tmp_path: Path,
) -> None:
    """A page edited keeps the file when the shown terms and the titles that
    summaries show are the same; a new title or another card makes it again."""
    titled = {"id": "titled", "name": "Titled", "summary": "See :doc:`refs`."}
    cards = PAGES["cards"] + "\n.. term-card:: titled\n"
    built = project(
        tmp_path, dump_terms([*TERMS, titled]), {**PAGES, "cards": cards}, conf_extra=CONF
    )
    path = built.outdir / "_static" / FILE_NAME
    assert term_stylesheet(built.outdir).terms["titled"]["summary"] == "See Refs."
    refs = built.srcdir / "refs.rst"

    def rebuilt(page: Path, text: str) -> str:
        path.write_text(path.read_text(encoding="utf-8") + "/* kept */\n", encoding="utf-8")
        page.write_text(text, encoding="utf-8")
        again = build(built.srcdir, tmp_path / "_build")
        assert "1 source files that are out of date" in again.status
        return path.read_text(encoding="utf-8")

    # The page's text changes: read and written again, the file is kept.
    assert rebuilt(refs, PAGES["refs"] + "\nMore words.\n").endswith("/* kept */\n")
    # Its title, which the summary shows, changes: the file is made again.
    text = rebuilt(refs, PAGES["refs"].replace("Refs\n====", "Referrals\n========="))
    assert "/* kept */" not in text
    assert term_stylesheet(built.outdir).terms["titled"]["summary"] == "See Referrals."
    # A page shows one more term: the file is made again, with its rule.
    text = rebuilt(built.srcdir / "cards.rst", cards + "\n.. term-card:: unshown\n")
    assert "/* kept */" not in text
    assert "unshown" in term_stylesheet(built.outdir).terms


def test_a_definition_edit_keeps_it_and_another_builder_in_between_does_not(
    tmp_path: Path,
) -> None:
    """What the file was made from is noted beside the environment, for this output:
    a build of another builder sharing the environment does not hide a change."""
    built = project(tmp_path, dump_terms(TERMS), PAGES, conf_extra=CONF)
    path = built.outdir / "_static" / FILE_NAME
    database = built.srcdir / "terms.yaml"

    def edited(**fields: str) -> str:
        terms = [{**term, **fields} if term["id"] == "shown" else term for term in TERMS]
        return dump_terms(terms)

    def mark() -> None:
        path.write_text(path.read_text(encoding="utf-8") + "/* kept */\n", encoding="utf-8")

    # A definition is on the card alone: the card's page is read, the file kept.
    mark()
    database.write_text(edited(technical_definition="Defined."), encoding="utf-8")
    build(built.srcdir, tmp_path / "_build")
    assert path.read_text(encoding="utf-8").endswith("/* kept */\n")
    # The summary changes while another builder builds; then a page's text changes.
    mark()
    database.write_text(edited(summary="A new summary."), encoding="utf-8")
    build(built.srcdir, tmp_path / "_build", "text")
    (built.srcdir / "refs.rst").write_text(PAGES["refs"] + "\nMore.\n", encoding="utf-8")
    build(built.srcdir, tmp_path / "_build")
    assert "/* kept */" not in path.read_text(encoding="utf-8")
    assert term_stylesheet(built.outdir).terms["shown"]["summary"] == "A new summary."


def test_a_page_removed_and_put_back_brings_its_rule_back(tmp_path: Path) -> None:
    """A build that reads nothing does not store the environment: what the file was
    made from is noted beside it, not in it."""
    extra = ":orphan:\n\nExtra\n=====\n\n.. term-card:: unshown\n"
    built = project(tmp_path, dump_terms(TERMS), {**PAGES, "extra": extra}, conf_extra=CONF)
    (built.srcdir / "extra.rst").unlink()
    build(built.srcdir, tmp_path / "_build")
    assert "unshown" not in term_stylesheet(built.outdir).terms
    (built.srcdir / "extra.rst").write_text(extra, encoding="utf-8")
    build(built.srcdir, tmp_path / "_build")
    assert "unshown" in term_stylesheet(built.outdir).terms
