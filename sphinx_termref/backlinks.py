"""The "Referenced in" section of a card: the pages that refer to its term.

It is filled in after all documents are read, from the domain's record of which
page refers to which term, so it is complete in parallel and incremental builds
(``rewrites`` makes the builder write card pages again when their list changes).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.nodes import make_refnode

from .card import CardBuilder
from .domain import get_domain
from .nodes import term_backlinks, term_card


def add_backlinks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: fill in REFERENCED IN, linking each page by its title."""
    env = app.env
    domain = get_domain(env)
    compact = app.builder.format == "html"
    titles: dict[str, str] = {}
    uris: dict[str, str] = {}  # each page is listed on many cards
    for card in doctree.findall(term_card):
        if not card.get("backlinks"):
            continue
        pages = [doc for doc in domain.referrers(card["term_id"]) if doc != docname]
        if not pages:
            continue
        for page in pages:
            if page not in titles:
                titles[page] = env.titles[page].astext() if page in env.titles else page
                if compact:
                    uris[page] = app.builder.get_relative_uri(docname, page)
        links: nodes.Element
        if compact:
            links = term_backlinks("", links=[(uris[page], titles[page]) for page in pages])
        else:
            links = nodes.bullet_list(classes=["termref-backlinks"])
            for page in pages:
                link = make_refnode(app.builder, docname, page, None, nodes.Text(titles[page]))
                links += nodes.list_item("", nodes.paragraph("", "", link))
        card += CardBuilder.section("referenced-in", [links])
