"""The vocabulary's governance in the build: references to deprecated terms and
references written with discouraged spellings still link, and warn."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..termdb.database import TermDatabase
from ..termdb.records import Term
from ..warnings import Subtype
from .log import warn, warn_once
from .markup import DATABASE_TEXT
from .nodes import PAGE_LINE

if TYPE_CHECKING:
    from .domain import TermrefDomain


def check_usage(domain: TermrefDomain, term: Term, written: str, node: nodes.Element) -> None:
    """Warn when a reference names a deprecated term or uses a discouraged spelling.

    The listings of a term index are not references the author wrote: they pass.
    """
    if PAGE_LINE in node and node[PAGE_LINE] is None:
        return
    messages = []
    if term.status == "deprecated":
        messages.append((Subtype.deprecated, deprecation_message(term, domain.database)))
    if domain.database.is_discouraged(written, inflect=domain.env.config.termref_inflections):
        messages.append(
            (
                Subtype.discouraged,
                f"write {term.name!r} (or one of its aliases), not {written!r}",
            )
        )
    for subtype, message in messages:
        if node.get(DATABASE_TEXT) and node.source:  # said once, at the database line
            warn_once(
                subtype,
                f"{message} (in {node[DATABASE_TEXT]})",
                f"{node.source}:{node.line or 0}",
            )
        else:
            warn(subtype, message, location=node)


def deprecation_message(term: Term, database: TermDatabase) -> str:
    """What a reference to the deprecated ``term`` is told: what to use, and where it is."""
    replacement = database.replacement(term)
    if replacement is None:
        return f"{term.name!r} is deprecated ({term.location})"
    return f"{term.name!r} is deprecated: use {replacement.name!r} ({replacement.location})"
