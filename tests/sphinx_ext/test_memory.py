"""A page of many cards is collected once it is written (``memory``).

Root ``test-backlinks``: ``index`` shows three cards; the builder writes
``first``, ``index``, ``quiet``, then ``second``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp
from term_stylesheet import term_stylesheet

from sphinx_termref.sphinx_ext import memory
from sphinx_termref.sphinx_ext.domain import get_domain

Event = tuple[str, Any]


@pytest.fixture
def events() -> Iterator[list[Event]]:
    """What happened, in order: each full collection, and each page's resolution
    just before and just after the collector's turn."""
    seen: list[Event] = []

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            seen.append(("full collection", None))

    gc.callbacks.append(on_gc)
    yield seen
    gc.callbacks.remove(on_gc)


def _watch(app: SphinxTestApp, events: list[Event]) -> None:
    app.connect("doctree-resolved", lambda app, d, doc: events.append(("before", doc)), 499)
    app.connect("doctree-resolved", lambda app, d, doc: events.append(("after", doc)), 501)


def _between(events: list[Event], docname: str) -> list[Event]:
    start = events.index(("before", docname))
    return events[start + 1 : events.index(("after", docname))]


@pytest.mark.parametrize(
    ("cards_worth", "pages_worth", "collected"),
    [
        (3, 4, True),  # index has 3 cards and the build reads 4 pages
        (4, 4, False),  # too few cards on the page
        (3, 5, False),  # too few pages read: an edit rebuild
    ],
)
@pytest.mark.sphinx("html", testroot="backlinks")
def test_collects_after_a_large_card_page_in_a_large_build(
    app: SphinxTestApp,
    events: list[Event],
    monkeypatch: pytest.MonkeyPatch,
    cards_worth: int,
    pages_worth: int,
    collected: bool,
) -> None:
    monkeypatch.setattr(memory, "CARDS_WORTH_COLLECTING", cards_worth)
    monkeypatch.setattr(memory, "PAGES_WORTH_COLLECTING", pages_worth)
    _watch(app, events)
    app.build()
    written = [doc for kind, doc in events if kind == "before"]
    assert written == ["first", "index", "quiet", "second"]
    # Once, as the page after the card page comes up; never anywhere else.
    expected = [("full collection", None)] if collected else []
    assert _between(events, "quiet") == expected
    assert all(_between(events, doc) == [] for doc in ("first", "index", "second"))


@pytest.mark.sphinx("html", testroot="backlinks")
def test_each_card_is_one_part_of_the_page_being_written(app: SphinxTestApp) -> None:
    """A page keeps its parts until it is written: a card's are joined as it ends,
    and the page is the same text."""
    resolved: dict[str, Any] = {}
    app.connect("doctree-resolved", lambda app, doctree, doc: resolved.setdefault(doc, doctree))
    app.build()
    doctree = resolved["index"]
    translator = app.builder.create_translator(doctree, app.builder)
    doctree.walkabout(translator)
    cards = [part for part in translator.body if 'class="termref-card' in part]
    assert len(cards) == 3
    assert all(part.startswith("<section") and part.endswith("</section>\n") for part in cards)
    written = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert all(card in written for card in cards)


@pytest.mark.sphinx("html", testroot="backlinks")
def test_the_term_stylesheet_texts_are_not_kept_while_pages_are_written(
    app: SphinxTestApp,
) -> None:
    """The stylesheet is made from texts of its own: the texts the domain keeps for
    the pages hold no summary of a term that a page shows (links show none)."""
    kept: list[dict[str, str]] = []

    def note(app: SphinxTestApp, doctree: Any, doc: str) -> None:
        texts = get_domain(app.env)._derived.get("link_texts")
        kept.append(dict(texts._summaries) if texts is not None else {})

    app.connect("doctree-resolved", note)
    app.build()
    shown = get_domain(app.env).link_targets()
    assert set(term_stylesheet(app.outdir).terms) == set(shown) != set()
    assert all(": " in term_stylesheet(app.outdir).tip(term_id) for term_id in shown)
    assert all(not summaries.keys() & shown for summaries in kept), kept
