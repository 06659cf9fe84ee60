"""Freeing a written page of cards before the next page is built.

docutils trees are reference cycles (every node points to its parent), so only
Python's cyclic collector frees a page's tree once it is written. In a large build
that collector's full pass comes rarely, and the following pages are built on top
of the old tree: after a page of a thousand cards, peak memory grew by a tenth
(``bench/run.py``). One collection once such a page is written frees it at once. A build that reads
only a few pages (an edit) also writes only a few, and there the collection would
cost more time than the memory it frees is worth.
"""

from __future__ import annotations

import gc

from docutils import nodes
from sphinx.application import Sphinx

from .domain import get_domain

#: Pages with at least this many cards are collected after they are written,
#: in builds that read at least this many pages; a collection costs about as much
#: as writing one small page.
CARDS_WORTH_COLLECTING = 100
PAGES_WORTH_COLLECTING = 50


class CardPageCollector:
    """``doctree-resolved``: collect the previous page if it was a large card page.

    The event comes for each page just before it is written, when the builder has
    let go of the page before it. It stays an event handler, not a post-transform:
    it does not change the tree, and it keeps state from one page to the next,
    where a post-transform is made anew for each tree.
    """

    def __init__(self) -> None:
        self.pending = False

    def __call__(self, app: Sphinx, doctree: nodes.document, docname: str) -> None:
        if self.pending:
            gc.collect()
        domain = get_domain(app.env)
        self.pending = (
            domain.card_count(docname) >= CARDS_WORTH_COLLECTING
            and len(domain.docs_read) >= PAGES_WORTH_COLLECTING
        )
