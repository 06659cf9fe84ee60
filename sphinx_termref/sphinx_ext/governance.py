"""The vocabulary's governance in the build: references to deprecated terms and
references written with discouraged spellings still link, and warn; with
``termref_draft_terms = "hide"`` draft terms are left out, and references to them
keep their text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.config import Config

from ..termdb.database import TermDatabase
from ..termdb.records import Term
from ..warnings import Subtype
from .log import warn, warn_once
from .markup import DATABASE_TEXT
from .nodes import AUTO, LINTED, PAGE_LINE

if TYPE_CHECKING:
    from .domain import TermrefDomain


def check_usage(domain: TermrefDomain, term: Term, written: str, node: nodes.Element) -> None:
    """Warn when a reference names a deprecated term or uses a discouraged spelling.

    The listings of a term index are not references the author wrote: they pass, and
    so do auto-linked mentions, unless the prose lint covers them.
    """
    if PAGE_LINE in node and node[PAGE_LINE] is None:
        return
    if node.get(AUTO) and not node.get(LINTED):  # prose the author did not mark
        return
    messages = []
    if term.status == "deprecated":
        messages.append((Subtype.deprecated, deprecation_message(term, domain.database)))
    if domain.database.is_discouraged(written, inflect=domain.env.config.termref_inflections):
        messages.append((Subtype.discouraged, discouraged_message(term, written)))
    for subtype, message in messages:
        warn_reference(subtype, message, node)


def warn_reference(subtype: Subtype, message: str, node: nodes.Element) -> None:
    """Warn at a reference; one in database text is warned once, at its database line."""
    if node.get(DATABASE_TEXT) and node.source:
        warn_once(
            subtype, f"{message} (in {node[DATABASE_TEXT]})", f"{node.source}:{node.line or 0}"
        )
    else:
        warn(subtype, message, location=node)


def hidden_draft(config: Config, term: Term) -> bool:
    """Whether this build leaves ``term`` out: no card, index entry or inventory entry."""
    return term.status == "draft" and config.termref_draft_terms == "hide"


def unlinked_draft(term: Term, node: nodes.Element, contnode: nodes.Element) -> nodes.inline:
    """A reference to a hidden draft: its text, with no link to a card that is not there."""
    warn_reference(
        Subtype.draft,
        f"{term.name!r} is a draft, and termref_draft_terms = 'hide' leaves drafts out of "
        f"this build, so the reference is plain text; approve the term ({term.location}) "
        "or remove the reference",
        node,
    )
    return nodes.inline("", "", *contnode.children, classes=["termref", "termref--draft"])


def discouraged_message(term: Term, written: str) -> str:
    """What a reference written with a discouraged spelling is told."""
    return f"write {term.name!r} (or one of its aliases), not {written!r}"


def deprecation_message(term: Term, database: TermDatabase) -> str:
    """What a reference to the deprecated ``term`` is told: what to use, and where it is."""
    replacement = database.replacement(term)
    if replacement is None:
        return f"{term.name!r} is deprecated ({term.location})"
    return f"{term.name!r} is deprecated: use {replacement.name!r} ({replacement.location})"
