"""Abbreviations written out on first use: "Reinforcement Learning from Human
Feedback (RLHF)", then "RLHF".

With ``termref_abbreviations = "first"`` (or a page's ``:termref-abbreviations:
first``), the first reference or auto-linked mention of a term on a page, when it
is written as the term's abbreviation, shows the term's name before it. The
expansion is real text, so screen readers, print, LaTeX and text output all have
it; ``<abbr title>`` is not relied on, as touch screens and many screen readers
never show it.

Which reference that is is decided when the page is read (``autolink``), in
document order; the text is made when the reference is resolved, so it shows the
name the database has now.
"""

from __future__ import annotations

from docutils import nodes

from ..termdb.matching import inflections, normalise
from ..termdb.records import Term

#: ``termref_abbreviations`` values, the default first.
ABBREVIATIONS = ("off", "first")
#: Set on the reference that writes its term's abbreviation out.
EXPAND = "termref_expand"


def is_abbreviation(term: Term, written: str) -> bool:
    """Whether ``written`` is ``term``'s abbreviation (or its plural: LLMs)."""
    if not term.abbreviation:
        return False
    key, own = normalise(written), normalise(term.abbreviation)
    return key == own or key in inflections(own)


def written_out(term: Term, node: nodes.Element, contnode: nodes.Element) -> nodes.Element:
    """The reference's text, with the term's name before the abbreviation it shows
    when ``node`` is the page's first use of it."""
    if node.get(EXPAND) and term.abbreviation:
        shown = contnode.astext()
        del contnode[:]
        contnode += nodes.Text(f"{term.name} ({shown})")
    return contnode
