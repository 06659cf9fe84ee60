"""Which unchanged pages must be written again after an incremental read.

Sphinx writes the pages it read again. A card page's REFERENCED IN list changes
when another page gains or loses a reference, and a referring page's links change
when its term's card moves or the term's name, summary, category or aliases
change (they are in the link's tooltip and preview); none of these pages was read
again, so all are named here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .domain import get_domain
from .places import targets

#: The per-page tables whose state before reading is kept.
TABLES = ("references", "cards", "listings")


def _referred(
    references: dict[str, list[tuple[Any, ...]]], docs: Iterable[str]
) -> set[str | None]:
    """The terms that ``docs`` refer to, from a ``references`` table of the domain."""
    return {term_id for doc in docs for _, term_id, _ in references.get(doc, ())}


def snapshot(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: keep the per-page data before anything is read.

    Shallow copies are enough: reading a page replaces its entries, never changes them.
    """
    domain = get_domain(env)
    domain.note_document_order(env.config.root_doc)
    domain.before_read = {table: dict(domain.data[table]) for table in TABLES}
    domain.before_read["doc_order"] = domain.doc_order
    return []


def note_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: the documents this build reads."""
    get_domain(env).docs_read = set(docnames)


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: pages whose links or REFERENCED IN list may have changed."""
    domain = get_domain(env)
    pages = {doc for term_id in domain.links_changed for doc in domain.referrers(term_id)}
    before = domain.before_read
    gone = before.get("references", {}).keys() - env.all_docs.keys()
    if domain.docs_read or gone:
        domain.note_document_order(env.config.root_doc)
        changed_docs = domain.docs_read | gone
        touched = _referred(before["references"], changed_docs)
        touched |= _referred(domain.data["references"], changed_docs)
        old = targets(before["cards"], before["listings"], before["doc_order"])
        new = targets(domain.data["cards"], domain.data["listings"], domain.doc_order)
        moved = {
            term_id for term_id in old.keys() | new.keys() if old.get(term_id) != new.get(term_id)
        }
        pages |= {doc for term_id in moved for doc in domain.referrers(term_id)}
        pages |= {
            place.docname
            for table in (domain.cards, domain.listings)
            for term_id, places in table.items()
            if term_id in touched | moved
            for place in places
        }
    return sorted(pages & env.all_docs.keys())
