"""Letting Sphinx's own ``:term:`` resolve through the term database.

With ``termref_std_terms = True`` a project can switch from a ``glossary`` to the
database without rewriting its pages: a ``:term:`` that no glossary defines is
looked up in the database like a ``:termref:``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .domain import get_domain


def _is_std_term(node: pending_xref) -> bool:
    return bool(node.get("refdomain") == "std" and node.get("reftype") == "term")


def resolve(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.Element | None:
    """``missing-reference``: a ``:term:`` that no glossary defines."""
    if not env.config.termref_std_terms or not _is_std_term(node):
        return None
    domain = get_domain(env)
    term = domain.find(node["reftarget"])
    if term is None:
        return None
    return domain.link(term, node["refdoc"], app.builder, node, contnode)
