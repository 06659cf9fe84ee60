"""Control characters and bidirectional controls are refused in every text field
(docs/security.md): a terminal runs the escape sequences a text or man page would
pass on, EPUB's XHTML cannot hold them, and an override left open turns the text
after it around."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import dump_terms, project

from sphinx_termref.termdb.loading import load
from sphinx_termref.warnings import Subtype

# (YAML of the field, line of the value in the file, the message's start, where
# the value lives in the term); each value is written with a YAML escape.
CASES = {
    "escape-in-summary": ('    summary: "red \\e[31m text"\n', "'summary'", "U+001B", "control"),
    "nul-in-definition": (
        '    technical_definition: "a \\0 b"\n',
        "'technical_definition'",
        "U+0000",
        "control",
    ),
    "csi-in-usage-note": ('    usage_note: "a \\x9b31m b"\n', "'usage_note'", "U+009B", "control"),
    "override-in-background": (
        '    background: "abc \\u202e def"\n',
        "'background'",
        "U+202E",
        "bidirectional",
    ),
    "isolate-in-name": ('    name: "X \\u2067 Y"\n', "'name'", "U+2067", "bidirectional"),
    "override-in-alias": (
        '    aliases: ["ok", "a \\u202d b"]\n',
        "item 2 of 'aliases'",
        "U+202D",
        "bidirectional",
    ),
    "bell-in-organization": (
        '    organizations:\n      - name: Org\n        description: "a \\a b"\n',
        "'description'",
        "U+0007",
        "control",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_control_character_is_refused_at_its_line(tmp_path: Path, case: str) -> None:
    field, shown, code, what = CASES[case]
    text = "terms:\n  - id: x\n    name: X\n" + field
    if "name:" in field and "organizations" not in field:
        text = "terms:\n  - id: x\n" + field
    (tmp_path / "terms.yaml").write_text(text, encoding="utf-8")
    db = load(["terms.yaml"], tmp_path)
    (problem,) = db.problems
    assert problem.subtype is Subtype.schema
    assert problem.line == text.count("\n")  # the last line holds the value
    assert problem.message.startswith(f"{shown} of ")
    assert problem.message.endswith(f"contains the {what} character {code}; remove it")


def test_tabs_line_breaks_and_marks_stay_allowed_in_text(tmp_path: Path) -> None:
    text = (
        'terms:\n  - id: x\n    name: "X \\u200f Y"\n'
        '    summary: "a\\tb\\nc\\r\\nd \\u200e e \\u2028 f"\n'
    )
    (tmp_path / "terms.yaml").write_text(text, encoding="utf-8")
    db = load(["terms.yaml"], tmp_path)
    assert db.problems == []
    assert db.terms["x"].name == "X \u200f Y"
    assert "\u200e" in db.terms["x"].summary


def test_a_refused_text_never_reaches_an_epub_page(tmp_path: Path) -> None:
    """Guards against this: an escape character in a summary made EPUB's XHTML
    not well-formed (and reached text and man pages, where a terminal runs it)."""
    database = dump_terms([{"id": "x", "name": "X", "summary": "red \x1b[31m text"}])
    built = project(
        tmp_path,
        database,
        "Page\n====\n\n.. term-card:: x\n",
        builder="epub",
        conf_extra='project = "P"\nversion = "1"\ncopyright = "C"\n',
    )
    assert [w.type for w in built.termref()] == ["termref.schema"]
    page = (built.outdir / "index.xhtml").read_text(encoding="utf-8")
    ET.fromstring(page)  # well-formed
    assert "\x1b" not in page
