"""The ids a Sphinx glossary gives its entry terms, for the cards that replace it.

With ``termref_std_terms = True`` a card also carries ``term-<name>`` and
``term-<alias>``, the ids Sphinx's ``glossary`` gives each entry term, so that old
deep links such as ``glossary.html#term-iterator`` land on the card.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import _make_id, make_id

from ..termdb.records import Term

#: The prefix Sphinx's ``make_glossary_term`` gives ``make_id``.
PREFIX = "term"


def glossary_ids(env: BuildEnvironment, document: nodes.document, term: Term) -> list[str]:
    """The ids of the term's name and aliases, as ``make_glossary_term`` makes them.

    An id the page already has is left out (no page holds an id twice); a spelling
    that makes no id (``>>>``) gets Sphinx's numbered ``term-0``, ``term-1``, ...
    from the page's own counter, as the glossary that stood here numbered it.
    """
    found: list[str] = []
    for spelling in dict.fromkeys((term.name, *term.aliases)):
        node_id = _make_id(f"{PREFIX}-{spelling}")
        if node_id == PREFIX:  # what make_id numbers instead
            node_id = make_id(env, document, PREFIX, spelling)
        elif node_id in document.ids or node_id in found:
            continue
        found.append(node_id)
    return found
