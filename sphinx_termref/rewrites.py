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

from .domain import Place, Reference, TermrefDomain, get_domain


def _referred(references: dict[str, list[Reference]]) -> dict[str, set[str | None]]:
    return {doc: {ref.term_id for ref in refs} for doc, refs in references.items()}


def _targets(domain: TermrefDomain) -> dict[str, Place | None]:
    return {term.id: domain.target(term.id) for term in domain.database}


def snapshot(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: remember references and targets before anything is read."""
    domain = get_domain(env)
    domain.note_document_order(env.config.root_doc)
    domain.referred_before_read = _referred(domain.references)
    domain.targets_before_read = _targets(domain)
    return []


def note_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: the documents this build reads."""
    get_domain(env).docs_read = set(docnames)


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: pages whose links or REFERENCED IN list may have changed."""
    domain = get_domain(env)
    domain.note_document_order(env.config.root_doc)
    before, now = domain.referred_before_read, _referred(domain.references)
    gone = before.keys() - env.all_docs.keys()
    touched: set[str | None] = set()
    for doc in domain.docs_read | gone:
        touched |= before.get(doc, set()) | now.get(doc, set())
    targets = _targets(domain)
    moved = {
        term_id
        for term_id in targets.keys() | domain.targets_before_read.keys()
        if targets.get(term_id) != domain.targets_before_read.get(term_id)
    }
    pages = {doc for term_id in moved | domain.links_changed for doc in domain.referrers(term_id)}
    pages |= {
        place.docname
        for table in (domain.cards, domain.listings)
        for term_id, places in table.items()
        if term_id in touched | moved
        for place in places
    }
    return sorted(pages & env.all_docs.keys())
