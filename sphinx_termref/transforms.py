"""Plain docutils nodes for builders that have no markup of their own for cards.

man, texinfo and the like get the card as a container of paragraphs and rubrics,
so every builder shows every word of it.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .nodes import (
    term_card,
    term_card_category,
    term_card_label,
    term_card_name,
    term_card_section,
    term_card_summary,
)

#: Builder formats with visitors for the card nodes (see ``visitors``).
FORMATS_WITH_VISITORS = frozenset({"html", "latex", "text"})


class SimplifyCards(SphinxPostTransform):
    default_priority = 200

    def is_supported(self) -> bool:
        return self.app.builder.format not in FORMATS_WITH_VISITORS

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(term_card)):
            for part in list(node.findall(nodes.Element)):
                if isinstance(part, term_card_name):
                    part.replace_self(
                        nodes.paragraph("", "", nodes.strong("", "", *part.children))
                    )
                elif isinstance(part, (term_card_category, term_card_label)):
                    part.replace_self(nodes.rubric("", "", *part.children))
                elif isinstance(part, (term_card_summary, term_card_section)):
                    part.replace_self(nodes.container("", *part.children, classes=part["classes"]))
            node.replace_self(
                nodes.container("", *node.children, ids=node["ids"], classes=node["classes"])
            )
