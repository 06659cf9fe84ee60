"""Incremental builds: which pages to read again, and which to write again.

A page shows terms (cards, term indexes, graphs) and refers to terms. Its cards
were made when it was read, so it is read again when a term it shows changes. Its
references are resolved when it is written, so it is read again only when one of
them now finds another term or none.

Sphinx writes the pages it read again. A card page's REFERENCED IN list changes
when another page gains or loses a reference, a graph's links change when a card
moves, and a referring page's links change when its term's card moves, or its
name (an abbreviation written out on first use shows it), labels or status
change; none of these pages was read again, so all are written again too.

A link's tooltip and preview (the term's name, abbreviation, category, summary
and aliases) are not on the referring page but in the term stylesheet
(``term_styles``), made again when they change: an edit to them writes again
only the pages that show the term, which are read again. A reference to a term that no
page shows is not a link, and has the tooltip on the page: its pages are written
again when the tooltip changes.

``connect`` is this module's one interface: it ties the handlers below to Sphinx's
events. What they compare is kept by the domain (``build_state``).
"""

from __future__ import annotations

import pickle
from typing import NamedTuple

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..termdb.database import TermDigest
from .autolink import in_use, pages_mentioning, reads_prose
from .build_state import StoredDatabase
from .domain import WHOLE_DATABASE, TermrefDomain, get_domain
from .usage_table import usage_pages


def connect(app: Sphinx) -> None:
    """Find the pages to read and write again in every build."""
    app.connect("env-get-outdated", outdated_documents)
    app.connect("env-get-outdated", _keep_state_before_read, priority=400)  # before any is read
    app.connect("env-before-read-docs", _note_read)
    app.connect("env-updated", pages_to_rewrite)
    app.connect("env-updated", store_database, priority=800)


class DatabaseChanges(NamedTuple):
    """What changed in the database since the last build."""

    #: The terms whose digests differ (added, removed or edited), of those compared.
    terms: set[str]
    #: Of those, the terms whose links show something new.
    links: set[str]
    #: Of those, the terms whose tooltips and previews show something new.
    tooltips: set[str]
    #: Whether a spelling may now find another term.
    spellings: bool


def terms_in_play(domain: TermrefDomain) -> set[str] | None:
    """The terms whose change can change a page: those the pages refer to or show.
    None for every term, where a page lists the whole database or prose may mention
    any term. A build compares (and keeps for the next) the digests of these alone,
    so a project that uses 100 terms of 50,000 reads and stores 100."""
    if reads_prose(domain.env):
        return None
    terms: set[str] = set()
    for used in domain.uses.values():
        if WHOLE_DATABASE in used:
            return None
        terms.update(term_id for term_id in used.values() if term_id)
    for shown in domain.shown_terms().values():
        terms |= shown
    return terms


def _field(digest: tuple[str, ...] | None, name: str) -> str | None:
    return getattr(TermDigest._make(digest), name) if digest is not None else None


def database_changes(domain: TermrefDomain) -> DatabaseChanges | None:
    """What changed in the database since the last build; None for the same files."""
    stored, database = domain.stored_database(), domain.database
    if stored.fingerprint == database.fingerprint:
        return None
    if not stored.fingerprint:
        # A new environment: every page is read, so nothing needs comparing. With the
        # prose features, every term is new to ``pages_mentioning``, which keeps how
        # prose finds it.
        terms = set(database.terms) if in_use(domain.env.config) else set()
        return DatabaseChanges(terms, set(), set(), False)
    # Bytes this extension pickled into the environment, which Sphinx has unpickled.
    old: dict[str, tuple[str, ...]] = pickle.loads(stored.digests) if stored.digests else {}
    # A term no page uses or shows changes no page (nor, in prose, a mention).
    in_play = terms_in_play(domain)
    compared = old.keys() | set(database.terms) if in_play is None else in_play
    new = {
        term_id: tuple(digest) if (digest := database.digest(term_id)) else None
        for term_id in compared
    }
    terms = {term_id for term_id, digest in new.items() if old.get(term_id) != digest}
    links, tooltips = (
        {
            term_id
            for term_id in terms
            if _field(old.get(term_id), name) != _field(new[term_id], name)
        }
        for name in ("links", "tooltip")
    )
    # Only another spelling index can make a reference find another term, and a
    # term no page uses can take a spelling that a page wrote.
    spellings = database.spellings_digest() != stored.spellings
    return DatabaseChanges(terms, links, tooltips, spellings)


def store_database(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: keep what the next build compares: the database's fingerprint,
    its spelling digest and the digests of the terms in play (``terms_in_play``)."""
    domain = get_domain(env)
    stored, database = domain.stored_database(), domain.database
    same = stored.fingerprint == database.fingerprint
    if same and (stored.every or not domain.docs_read):
        return []
    # The same files: the digests kept are this database's, and pages read may have
    # brought terms into play (the set only grows until the files change).
    kept: dict[str, tuple[str, ...]] = {}
    if same and stored.digests:
        kept = pickle.loads(stored.digests)
    in_play = terms_in_play(domain)
    wanted = database.terms if in_play is None else sorted(in_play)
    missing = [term_id for term_id in wanted if term_id not in kept]
    if same and not missing:
        return []
    for term_id in missing:
        digest = database.digest(term_id)
        if digest is not None:
            kept[term_id] = tuple(digest)
    blob = pickle.dumps(kept, pickle.HIGHEST_PROTOCOL)
    spellings = database.spellings_digest()
    domain.note_database(StoredDatabase(database.fingerprint, blob, spellings, in_play is None))
    return []


def pages_to_read(domain: TermrefDomain, changes: DatabaseChanges, unread: set[str]) -> list[str]:
    """The pages that ``changes`` make out of date, leaving out those in ``unread``
    (Sphinx reads them anyway, or they are gone)."""
    if not changes.terms and not changes.spellings:
        return []
    shown = domain.shown_terms()
    # A page may mention a new or changed spelling in prose (auto-linking, the lint).
    mentioning = pages_mentioning(domain.env, domain.database, changes.terms)
    outdated = sorted(mentioning - unread)
    for docname, used in domain.uses.items():
        if docname in unread or docname in mentioning:
            continue
        if WHOLE_DATABASE in used or not shown.get(docname, set()).isdisjoint(changes.terms):
            outdated.append(docname)
            continue
        if not changes.spellings:
            continue
        for key, term_id in used.items():
            now = domain.find(key)
            if (now.id if now else None) != term_id:
                outdated.append(docname)
                break
    return outdated


def outdated_documents(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: the pages to read again because of the database (which
    ``store_database`` keeps for the next build once the pages are read)."""
    domain = get_domain(env)
    domain.fingerprint_before = domain.stored_database().fingerprint
    changes = database_changes(domain)
    if changes is None:
        domain.note_links_changed(set(), set())
        return []  # the same files as last time: no term changed
    outdated = pages_to_read(domain, changes, added | changed | removed)
    domain.note_links_changed(changes.links, changes.tooltips)
    return outdated


def _keep_state_before_read(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: keep the per-page data before anything is read."""
    domain = get_domain(env)
    domain.note_document_order(env.config.root_doc)
    domain.keep_state_before_read()
    return []


def _note_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: the documents this build reads."""
    get_domain(env).note_docs_read(docnames)


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: pages whose links or REFERENCED IN list may have changed."""
    domain = get_domain(env)
    pages = {doc for term_id in domain.links_changed for doc in domain.referrers(term_id)}
    # A reference to a term that no page shows has the tooltip on its page.
    unshown = {term_id for term_id in domain.tooltips_changed if domain.target(term_id) is None}
    pages |= {doc for term_id in unshown for doc in domain.referrers(term_id)}
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
        # A graph links each of its terms to the card.
        pages |= {
            doc for doc, shown in domain.shown_terms().items() if not shown.isdisjoint(moved)
        }
        touched |= moved
        pages |= {
            place.docname
            for table in (domain.cards, domain.listings)
            for term_id, places in table.items()
            if term_id in touched
            for place in places
        }
        # A usage table counts every page's references.
        pages |= usage_pages(domain)
    return sorted(pages & env.all_docs.keys())
