"""The "Referenced in" section of a card: the pages that refer to its term.

It is filled in after all documents are read, from the domain's record of which
page refers to which term, so it is complete in parallel and incremental builds
(``incremental`` makes the builder write card pages again when their list changes).

A page that the output cannot link to is named without a link: one outside a LaTeX,
texinfo or man document that holds only some pages (``latex_documents``), one that
singlehtml leaves out (no table of contents includes it), or any page where the
builder has no links between pages (text, man).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.builders import Builder
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform

from .card import CardBuilder
from .current_builder import current_builder
from .domain import get_domain
from .joined_pages import JOINING_BUILDERS, joined_docs
from .nodes import term_backlinks, term_card


class AddBacklinks(SphinxPostTransform):
    """Fill in REFERENCED IN, linking each page by its title (every builder)."""

    # The first of this extension's post-transforms (see ``extension.setup_nodes``).
    default_priority = 910

    def run(self, **kwargs: Any) -> None:
        add_backlinks(current_builder(self.env), self.document, self.env.docname)


def add_backlinks(builder: Builder, doctree: nodes.document, docname: str) -> None:
    """Fill in REFERENCED IN on the cards of ``docname``."""
    env = builder.env
    domain = get_domain(env)
    compact = builder.format == "html"
    titles: dict[str, str] = {}
    uris: dict[str, str] = {}  # each page is listed on many cards
    # singlehtml: a page that no table of contents includes is not on the page
    on_the_page = joined_docs(env) if builder.name in JOINING_BUILDERS else None
    for card in doctree.findall(term_card):
        if not card.get("backlinks"):
            continue
        pages = [doc for doc in domain.referrers(card["term_id"]) if doc != docname]
        if not pages:
            continue
        for page in pages:
            if page not in titles:
                titles[page] = env.titles[page].astext() if page in env.titles else page
                if compact and (on_the_page is None or page in on_the_page):
                    uris[page] = builder.get_relative_uri(docname, page)
        links: nodes.Element
        if compact:
            links = term_backlinks(
                "", links=[(uris.get(page, ""), titles[page]) for page in pages]
            )
        else:
            links = nodes.bullet_list(classes=["termref-backlinks"])
            for page in pages:
                link = page_link(builder, docname, page, titles[page])
                links += nodes.list_item("", nodes.paragraph("", "", link))
        card += CardBuilder.section("referenced-in", [links])


def page_link(builder: Builder, docname: str, page: str, title: str) -> nodes.Node:
    """A link from ``docname`` to ``page``, or the page's title where none can be made."""
    try:
        uri = builder.get_relative_uri(docname, page)
    except NoUri:  # the page is not in the document being written
        uri = ""
    if not uri:
        return nodes.Text(title)
    return nodes.reference("", "", nodes.Text(title), internal=True, refuri=uri)
