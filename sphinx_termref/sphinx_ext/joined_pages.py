"""Links to cards in ``singlehtml``, which joins every page into one.

That builder names a page by an anchor (``#document-glossary``), and Sphinx's
``make_refnode`` appends the card's own anchor to it: ``#document-glossary#termref-x``
is one fragment, which no element has. On the joined page the card's anchor alone
(``#termref-x``) is its address.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from .current_builder import current_builder
from .domain import get_domain

#: The builders that write every page into one.
JOINING_BUILDERS = ("singlehtml",)


def joined_docs(env: BuildEnvironment) -> set[str]:
    """The pages on the joined page: the root and what its tables of contents include."""
    docs: set[str] = set()
    stack = [env.config.root_doc]
    while stack:
        doc = stack.pop()
        if doc not in docs:
            docs.add(doc)
            stack.extend(env.toctree_includes.get(doc, ()))
    return docs


def in_page_uri(refuri: str) -> str | None:
    """The last anchor of ``#page#anchor``, or None for any other link."""
    if not refuri.startswith("#"):
        return None
    _, separator, anchor = refuri[1:].partition("#")
    return "#" + anchor if separator and anchor else None


class JoinedPageLinks(SphinxPostTransform):
    """References to terms, and to the labels of terms, land on the card.

    A card on a page that no table of contents includes is not on the joined page:
    a reference to it keeps its text, with the term's tooltip as the ``<abbr>`` of a
    term without a card has it, without a link that leads nowhere.
    """

    builders = JOINING_BUILDERS
    default_priority = 900  # once every reference is resolved (Sphinx resolves at 10)

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        label_anchors = domain.label_anchors()
        present: set[str] | None = None  # the ids on the joined page, found when needed
        for reference in list(self.document.findall(nodes.reference)):
            anchor = in_page_uri(reference.get("refuri", ""))
            if anchor is None or not (reference.get("termref_id") or anchor[1:] in label_anchors):
                continue
            if present is None:
                present = {i for node in self.document.findall(nodes.Element) for i in node["ids"]}
            if anchor[1:] in present:
                reference["refuri"] = anchor
            else:
                # As for a term without a card: the text, with the definition as its tooltip.
                title = reference.get("reftitle", "")
                term = domain.database.terms.get(reference.get("termref_id", ""))
                if term is not None:
                    title = domain.link_texts(current_builder(self.env)).title(term)
                text = nodes.abbreviation("", "", *reference.children, explanation=title)
                text["classes"] = reference["classes"]
                reference.replace_self(text)
