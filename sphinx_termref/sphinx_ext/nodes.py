"""The card's own node classes.

The card's body (paragraphs, lists, links) is made of standard docutils nodes; only
the wrappers are ours, so each builder can give them their own markup. Builders
without visitors for them get plain nodes instead (see ``transforms``).
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx import addnodes

#: On a term reference that a card or a term index made (not the ``:termref:``
#: role): the line of the directive that shows it, where the page refers to the
#: term, or None when it is not one of the page's references (a term index's
#: entry names).
PAGE_LINE = "termref_page_line"
#: Set on the references that auto-linking makes of mentions in prose.
AUTO = "termref_auto"
#: Set on those of them that the prose lint covers: only they warn when resolved.
LINTED = "termref_linted"


class term_card(nodes.General, nodes.Element):
    """A whole card. Attributes: ``term_id``, ``term_name``, ``abbreviation``,
    ``category``, ``aliases``, ``same_as`` (the read-more URL)."""


class term_card_category(nodes.Part, nodes.TextElement):
    """The category label above the name."""


class term_card_name(nodes.Part, nodes.TextElement, addnodes.translatable):
    """The term's display name: the heading of the card and its definition, followed
    by its ``term_card_abbreviation`` when it has one.

    The message to translate is the name alone; a translation replaces the name, as
    text like the database's, and keeps the abbreviation.
    """

    def preserve_original_messages(self) -> None:
        """Nothing to do: the name stays in ``rawsource``."""

    def extract_original_messages(self) -> list[str]:
        return [self.rawsource]

    def apply_translated_message(self, original_message: str, translated_message: str) -> None:
        kept = [child for child in self.children if isinstance(child, term_card_abbreviation)]
        self.clear()
        self += [nodes.Text(translated_message), *kept]

    def heading(self) -> str:
        """The name and, in parentheses, the abbreviation: ``Name (ABBR)``."""
        name = "".join(
            child.astext()
            for child in self.children
            if not isinstance(child, term_card_abbreviation)
        )
        abbreviation = self.abbreviation()
        return f"{name} ({abbreviation})" if abbreviation else name

    def abbreviation(self) -> str:
        last = self.children[-1] if self.children else None
        return last.astext() if isinstance(last, term_card_abbreviation) else ""


class term_card_abbreviation(nodes.Part, nodes.Inline, nodes.TextElement):
    """The term's abbreviation, the last child of its ``term_card_name``; each builder
    writes it in parentheses after the name. Not translated."""


class term_card_summary(nodes.Part, nodes.Element):
    """The plain-language summary under the name."""


class term_card_section(nodes.Part, nodes.Element):
    """One labelled section. Attributes: ``section``, its key (``usage-note``), and
    ``label``, the translated heading the visitors write (USAGE NOTE); an attribute
    rather than a child node, as a page of cards has thousands of them."""


class term_card_aliases(nodes.General, nodes.TextElement):
    """The list of a card's aliases: one text, an alias per line.

    A bullet list takes three nodes per alias (item, paragraph, text) besides the
    list, and a page of cards has tens of thousands of aliases. As one text element
    it is still educated by smartquotes (a line break counts as a space, so a quote
    that opens an alias opens) and read by the search index. HTML writes the list's
    markup itself; other builders get a bullet list when the page is written
    (``transforms.expand_aliases``). Aliases never hold a line break (``validation``).
    """

    @classmethod
    def of(cls, aliases: Sequence[str]) -> term_card_aliases:
        return cls("", "\n".join(aliases))

    def aliases(self) -> list[str]:
        """The aliases, as smartquotes left them."""
        return self.astext().split("\n")


CARD_NODES: tuple[type[nodes.Element], ...] = (
    term_card,
    term_card_category,
    term_card_name,
    term_card_abbreviation,
    term_card_summary,
    term_card_section,
    term_card_aliases,
)


class term_index_heading(nodes.rubric):
    """A ``term-index`` group's heading (a letter, a category).

    A rubric, so it stays out of the table of contents and every builder writes it
    as one (Sphinx's translators fall back to a node's base class); HTML makes it a
    heading for assistive technology as well (``role="heading"`` with its level).
    """


class term_backlinks(nodes.General, nodes.Element):
    """HTML only: the list of pages in a card's REFERENCED IN section.

    Attribute ``links``: ``(href, title)`` pairs, the href relative to the page, or
    "" for a page the output leaves out (named without a link).
    A card can be referenced from thousands of pages; one node with plain strings
    costs a fraction of the memory of a bullet list of paragraphs of links.
    """
