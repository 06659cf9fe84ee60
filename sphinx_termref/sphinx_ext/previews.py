"""Hover and focus previews of term links, produced at build time (HTML only).

Each page gets one hidden preview per term it links to; ``static/termref.js``
shows it next to the link on hover, focus or a first tap. The preview's link to
the full card is the one Sphinx computed for the page, so it is right at any page
depth and with every HTML builder.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.builders import Builder
from sphinx.transforms.post_transforms import SphinxPostTransform

from .current_builder import current_builder
from .domain import get_domain
from .joined_pages import JOINING_BUILDERS
from .nodes import term_preview

#: The attribute ``TermrefDomain.link`` puts on references to local terms.
TERM_ATTRIBUTE = "termref_id"


class AddPreviews(SphinxPostTransform):
    """One hidden preview per term the page links to (HTML builders)."""

    formats = ("html",)
    # After the backlinks, before the cards are simplified (see ``extension.setup_nodes``).
    default_priority = 920

    def run(self, **kwargs: Any) -> None:
        if self.config.termref_previews:
            add_previews(current_builder(self.env), self.document, self.env.docname)


def add_previews(builder: Builder, doctree: nodes.document, docname: str) -> None:
    """Append the previews of the terms that ``docname`` links to."""
    domain = get_domain(builder.env)
    if not domain.has_references(docname) and builder.name not in JOINING_BUILDERS:
        return  # no term reference on the page (a page of cards often has none)
    database = domain.database
    hrefs: dict[str, str] = {}
    for reference in doctree.findall(nodes.reference):
        term_id = reference.get(TERM_ATTRIBUTE)
        if term_id and term_id not in hrefs and term_id in database.terms:
            hrefs[term_id] = reference.get("refuri") or "#" + reference.get("refid", "")
    if not hrefs:
        return
    texts = domain.link_texts(builder)
    previews = nodes.container(classes=["termref-previews"])
    for term_id, href in hrefs.items():
        term = database.terms[term_id]
        preview = texts.preview(term)
        previews += term_preview(
            "",
            term_id=term_id,
            status=term.status,
            name=preview.name,
            abbreviation=preview.abbreviation,
            category=preview.category,
            summary=preview.summary,
            aliases=list(preview.aliases),
            href=href,
        )
    doctree += previews
