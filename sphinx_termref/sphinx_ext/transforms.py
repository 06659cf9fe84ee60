"""Plain docutils nodes for builders that have no markup of their own for cards.

man, texinfo and the like get the card as a container of paragraphs and rubrics,
so every builder shows every word of it.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .current_builder import current_builder
from .nodes import (
    term_card,
    term_card_abbreviation,
    term_card_aliases,
    term_card_category,
    term_card_name,
    term_card_section,
    term_card_summary,
)

#: Builder formats with visitors for the card nodes (see ``visitors``).
FORMATS_WITH_VISITORS = frozenset({"html", "latex", "text"})


def _keep_source(old: nodes.Element, new: nodes.Element) -> nodes.Element:
    """``new`` at ``old``'s place in the sources, so gettext still extracts its text
    (it skips nodes without the ``uid`` that reading gave the original)."""
    new.source, new.line = old.source, old.line
    if hasattr(old, "uid"):
        new.uid = old.uid  # type: ignore[attr-defined]
    return new


class ExpandAliases(SphinxPostTransform):
    """The alias list as a bullet list, for builders other than HTML, which writes
    ``term_card_aliases`` itself."""

    # After the backlinks, before the cards are simplified (see ``extension.setup_nodes``).
    default_priority = 930

    def is_supported(self) -> bool:
        return current_builder(self.env).format != "html"

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(term_card_aliases)):
            items = [nodes.list_item("", nodes.paragraph(a, a)) for a in node.aliases()]
            node.replace_self(nodes.bullet_list("", *items, classes=["termref-aliases"]))


class SimplifyCards(SphinxPostTransform):
    """Plain nodes for builders without card visitors."""

    # The last of this extension's post-transforms (see ``extension.setup_nodes``).
    default_priority = 940

    def is_supported(self) -> bool:
        return current_builder(self.env).format not in FORMATS_WITH_VISITORS

    def run(self, **kwargs: Any) -> None:
        simplify_cards(self.document)


def simplify_cards(doctree: nodes.document) -> None:
    """Each card of ``doctree`` as containers, paragraphs and rubrics."""
    for node in list(doctree.findall(term_card)):
        for part in list(node.findall(nodes.Element)):
            if isinstance(part, term_card_name):
                strong = nodes.strong("", "", *part.children)
                part.replace_self(_keep_source(part, nodes.paragraph(part.rawsource, "", strong)))
            elif isinstance(part, term_card_abbreviation):  # in the name's strong by now
                text = part.astext()
                inline = nodes.inline(text, text, classes=["termref-card__abbreviation"])
                part.replace_self([nodes.Text(" ("), inline, nodes.Text(")")])
            elif isinstance(part, term_card_category):
                rubric = nodes.rubric(part.rawsource, "", *part.children)
                part.replace_self(_keep_source(part, rubric))
            elif isinstance(part, term_card_section):
                label = nodes.rubric(part["label"], part["label"])
                container = nodes.container("", label, *part.children, classes=part["classes"])
                part.replace_self(container)
            elif isinstance(part, term_card_summary):
                part.replace_self(nodes.container("", *part.children, classes=part["classes"]))
        node.replace_self(
            nodes.container("", *node.children, ids=node["ids"], classes=node["classes"])
        )


class UnlinkedTermsInMan(SphinxPostTransform):
    """Man pages: a term reference is its text.

    A man page has no links, and docutils 0.22's man writer prints an internal
    link's address after its text (``inner alignment <#termref-inner-alignment>``),
    which Sphinx's own writer used to leave out.
    """

    builders = ("man",)
    default_priority = 900  # once every reference is resolved

    def run(self, **kwargs: Any) -> None:
        for reference in list(self.document.findall(nodes.reference)):
            if reference.get("termref_id"):
                text = nodes.inline("", "", *reference.children, classes=reference["classes"])
                reference.replace_self(text)
