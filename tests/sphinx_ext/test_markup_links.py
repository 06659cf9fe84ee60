"""Links and targets in database text, and docutils' inliner on every supported release.

Database text is parsed by docutils' own inliner with the extension's checks plugged
in (``markup.py``), which reaches into docutils' internals. These builds run on every
release the matrix installs (``scripts/matrix.sh``), so each supported docutils and
Sphinx is covered.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import Tag
from helpers import (
    card,
    dump_terms,
    html,
    line_of,
    project,
    shared_build,
    warnings_of,
    warnings_typed,
)

db_links = shared_build("test_markup_links-db-links", testroot="db-links")


@pytest.fixture
def built(app):  # type: ignore[no-untyped-def]
    app.build()
    return app


def summary(app, term_id: str, page: str = "index") -> Tag:  # type: ignore[no-untyped-def]
    return card(html(app, page), term_id).find(class_="termref-card__summary")


def links(tag: Tag) -> list[tuple[str, str]]:
    return [(a.get_text(), a["href"]) for a in tag.find_all("a")]


@db_links
def test_two_cards_link_the_same_text_to_different_urls(built) -> None:  # type: ignore[no-untyped-def]
    """``the spec`` links to another URL in each term; each card keeps its own."""
    assert links(summary(built, "alpha")) == [("the spec", "https://example.org/alpha")]
    assert links(summary(built, "beta")) == [("the spec", "https://example.org/beta")]
    assert links(summary(built, "gamma", "own-target")) == [
        ("the spec", "https://example.org/gamma"),
        ("click", "https://example.org/click"),
    ]


@db_links
def test_database_links_add_no_names_to_the_page(built) -> None:  # type: ignore[no-untyped-def]
    """The page's own ``the spec`` target is the only one its `` `the spec`_ `` finds."""
    paragraph = next(
        p for p in html(built, "own-target").find_all("p") if p.get_text().startswith("The page")
    )
    assert links(paragraph) == [("the spec", "https://example.org/page")]
    messages = [w.message for w in warnings_of(built)]
    assert not any("target name" in m for m in messages), messages


@db_links
def test_an_inline_target_is_refused_and_its_text_kept(built) -> None:  # type: ignore[no-untyped-def]
    text = summary(built, "targeted")
    assert " ".join(text.get_text().split()) == "Holds _`a target` of its own."
    assert text.find(id=True) is None
    assert html(built).find(id="a-target") is None
    refused = [(w.location, w.message) for w in warnings_typed(built, "termref.markup")]
    assert refused == [
        (
            f"{built.srcdir / 'terms.yaml'}:{line_of(built.srcdir / 'terms.yaml', 'Holds _')}",
            "the summary of term 'targeted' defines a hyperlink target; it is shown as plain text",
        )
    ]


@db_links
def test_docutils_own_messages_reach_the_warnings(built) -> None:  # type: ignore[no-untyped-def]
    """The inliner reports through the page's reporter on every docutils release."""
    messages = [w.message for w in warnings_of(built) if w.type == "docutils"]
    assert messages == [
        "the summary of term 'unclosed': Inline emphasis start-string without end-string."
    ]
    assert "An *unclosed emphasis." in summary(built, "unclosed").get_text()


def test_a_reference_to_no_target_is_reported_at_its_database_line(tmp_path: Path) -> None:
    """Guards against this: docutils' "Unknown target name" for a `` name_ `` in
    database text that the page does not define came with no line (``terms.yaml::``)."""
    database = dump_terms(
        [
            {"id": "a", "name": "A", "summary": "See nowhere_ first."},
            {"id": "b", "name": "B", "usage_note": "A paragraph.\n\nThen `no where`_ again."},
        ]
    )
    built = project(tmp_path, database, "Page\n====\n\n.. term-card:: a\n\n.. term-card:: b\n")
    path = built.srcdir / "terms.yaml"
    assert [(w.location, w.message) for w in built.warnings] == [
        (f"{path}:{line_of(path, 'nowhere_')}", 'Unknown target name: "nowhere".'),
        (f"{path}:{line_of(path, 'usage_note')}", 'Unknown target name: "no where".'),
    ]
