"""Which unchanged pages must be written again after an incremental read.

Sphinx writes the pages it read again. A card page's REFERENCED IN list changes
when another page gains or loses a reference, and a referring page's links change
when its term's card moves or the term's name, summary, category or aliases
change (they are in the link's tooltip and preview); none of these pages was read
again, so all are named here.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .domain import get_domain


def snapshot(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: keep the per-page data before anything is read."""
    domain = get_domain(env)
    domain.note_document_order(env.config.root_doc)
    domain.keep_state_before_read()
    return []


def note_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: the documents this build reads."""
    get_domain(env).note_docs_read(docnames)


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: pages whose links or REFERENCED IN list may have changed."""
    domain = get_domain(env)
    pages = {doc for term_id in domain.links_changed for doc in domain.referrers(term_id)}
    before = domain.before_read
    gone = before.references.keys() - env.all_docs.keys()
    if domain.docs_read or gone:
        domain.note_document_order(env.config.root_doc)
        changed_docs = domain.docs_read | gone
        now = domain.state_now()
        touched = before.referred(changed_docs) | now.referred(changed_docs)
        old, new = before.targets(), now.targets()
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
