"""The "Referenced in" section of a card: the pages that refer to its term.

It is filled in after all documents are read, from the domain's record of which
page uses which term, so it is complete in parallel and incremental builds. When
pages that refer to a term are read again, ``pages_to_rewrite`` makes the builder
write the term's card pages too, so their lists stay current.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode

from .card import CardBuilder
from .domain import Reference, get_domain
from .nodes import term_card


def add_backlinks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: fill in REFERENCED IN, linking each page by its title."""
    env = app.env
    domain = get_domain(env)
    for card in doctree.findall(term_card):
        if not card.get("backlinks"):
            continue
        pages = [doc for doc in domain.referrers(card["term_id"]) if doc != docname]
        if not pages:
            continue
        items = []
        for page in pages:
            title = env.titles[page].astext() if page in env.titles else page
            link = make_refnode(app.builder, docname, page, None, nodes.Text(title))
            items.append(nodes.list_item("", nodes.paragraph("", "", link)))
        links = nodes.bullet_list("", *items, classes=["termref-backlinks"])
        card += CardBuilder.section("referenced-in", [links])


def _referred(references: dict[str, list[Reference]]) -> dict[str, set[str | None]]:
    return {doc: {ref.term_id for ref in refs} for doc, refs in references.items()}


def snapshot(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: remember who referred to what before anything is re-read."""
    domain = get_domain(env)
    domain.uses_before_read = _referred(domain.references)
    return []


def note_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: the documents this build reads."""
    get_domain(env).docs_read = set(docnames)


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: card pages whose "Referenced in" list may have changed.

    A page read again may have gained or lost references, or changed its title.
    """
    domain = get_domain(env)
    before = domain.uses_before_read
    now = _referred(domain.references)
    gone = before.keys() - env.all_docs.keys()
    touched: set[str | None] = set()
    for doc in domain.docs_read | gone:
        touched |= before.get(doc, set()) | now.get(doc, set())
    return sorted(
        {
            place.docname
            for table in (domain.cards, domain.listings)
            for term_id, places in table.items()
            if term_id in touched
            for place in places
        }
    )
