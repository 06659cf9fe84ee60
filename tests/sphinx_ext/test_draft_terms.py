"""``termref_draft_terms = "hide"``: a release build leaves draft terms out."""

from __future__ import annotations

from helpers import dump_terms, inventory_lines, line_of, project

TERMS = dump_terms(
    [
        {
            "id": "gradient-hacking",
            "name": "Gradient Hacking",
            "summary": "A model steering its own training.",
            "status": "draft",
        },
        {
            "id": "alignment",
            "name": "Alignment",
            "summary": "Doing what was intended.",
            "see_also": ["gradient-hacking"],
        },
    ]
)
PAGE = """\
Terms
=====

.. term-card:: gradient-hacking

.. term-card:: alignment

.. term-index::

.. term-usage::

A model may try :termref:`gradient hacking`.
"""
HIDE = 'termref_draft_terms = "hide"\n'


def test_hidden_draft_has_no_card_entry_or_inventory_line(tmp_path) -> None:
    built = project(tmp_path, TERMS, PAGE, conf_extra=HIDE)
    soup = built.soup()
    assert soup.find(id="termref-gradient-hacking") is None  # no card
    assert soup.find(id="termref-alignment") is not None
    listed = [dt.get_text(" ", strip=True) for dt in soup.select(".termref-index__entries dt")]
    assert listed == ["Alignment"]
    usage_rows = soup.select("table.termref-usage tbody tr")
    assert [row.td.get_text(strip=True) for row in usage_rows] == ["Alignment"]
    genindex = (built.outdir / "genindex.html").read_text(encoding="utf-8")
    assert "Gradient Hacking" not in genindex and "Alignment" in genindex
    inventory = inventory_lines(built.outdir)
    assert not [line for line in inventory if "gradient" in line.lower()]
    assert [line for line in inventory if line.startswith("Alignment ")]


def test_reference_to_hidden_draft_keeps_its_text_and_warns(tmp_path) -> None:
    built = project(tmp_path, TERMS, PAGE, conf_extra=HIDE)
    soup = built.soup()
    spans = soup.select("span.termref--draft")
    # The page's reference and the see_also entry of the other card.
    assert sorted(span.get_text() for span in spans) == ["Gradient Hacking", "gradient hacking"]
    assert not soup.select("a.termref--gradient-hacking")
    page = built.srcdir / "index.rst"
    terms = built.srcdir / "terms.yaml"
    warned = built.typed("termref.draft")
    assert [w.location for w in warned] == [
        f"{terms}:{line_of(terms, 'see_also:')}",  # once, at the field's line
        f"{page}:{line_of(page, ':termref:`gradient hacking`')}",
    ]
    where = f"{terms}:{line_of(terms, 'id: gradient-hacking')}"
    assert warned[1].message == (
        "'Gradient Hacking' is a draft, and termref_draft_terms = 'hide' leaves drafts out of "
        f"this build, so the reference is plain text; approve the term ({where}) or remove "
        "the reference"
    )
    assert warned[0].message.endswith("(in the see also of term 'alignment')")
    # Only the draft warns: no termref.no_card, no missing reference.
    assert [w.type for w in built.warnings] == ["termref.draft", "termref.draft"]


def test_hidden_draft_in_text_output(tmp_path) -> None:
    built = project(tmp_path, TERMS, PAGE, builder="text", conf_extra=HIDE)
    text = (built.outdir / "index.txt").read_text(encoding="utf-8")
    assert "A model may try gradient hacking." in text
    assert "A model steering its own training" not in text  # the draft's card is left out


def test_drafts_are_shown_by_default(tmp_path) -> None:
    built = project(tmp_path, TERMS, PAGE)
    soup = built.soup()
    assert "termref-card--draft" in soup.find(id="termref-gradient-hacking")["class"]
    assert soup.select("a.termref--gradient-hacking")
    assert not built.typed("termref.draft")


def test_a_bad_setting_warns_and_shows_drafts(tmp_path) -> None:
    built = project(tmp_path, TERMS, PAGE, conf_extra='termref_draft_terms = "hidden"\n')
    (warning,) = built.typed("termref.config")
    assert warning.message == (
        "termref_draft_terms must be one of 'show', 'hide', got 'hidden'; "
        "did you mean termref_draft_terms = \"hide\"? Using 'show' for now"
    )
    assert warning.location == f"{built.srcdir / 'conf.py'}:3"
    assert built.soup().find(id="termref-gradient-hacking") is not None
