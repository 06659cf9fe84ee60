"""The ``term-card`` and ``term-index`` directives."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import OptionSpec

from .card import CardBuilder, card_id, index_entries, term_xref
from .domain import Place, TermrefDomain, get_domain
from .matching import normalise
from .records import Term
from .schema import SECTIONS
from .warnings import Subtype, unknown_term, warn


def _words(argument: str | None) -> list[str]:
    return [word for word in re.split(r"[\s,]+", argument or "") if word]


def group_by(argument: str | None) -> str:
    return directives.choice(argument or "", ("letter", "category", "none"))


def on_off(argument: str | None) -> str:
    return directives.choice(argument or "", ("on", "off"))


class _TermDirective(SphinxDirective):
    @property
    def domain(self) -> TermrefDomain:
        return get_domain(self.env)

    def sections(self) -> list[str]:
        """The ``:sections:`` option, or the configured default, with unknown keys warned."""
        requested = self.options.get("sections")
        if requested is None:
            return list(self.config.termref_card_sections)
        chosen = []
        for key in _words(requested):
            if key in SECTIONS:
                chosen.append(key)
                continue
            hint = difflib.get_close_matches(key, SECTIONS, n=1)
            fix = f"did you mean {hint[0]!r}?" if hint else f"choose from {', '.join(SECTIONS)}"
            warn(
                Subtype.option,
                f"unknown card section {key!r} in :sections: of {self.name}; {fix}",
                location=self.get_location(),
            )
        return chosen

    def free_id(self, wanted: str) -> str:
        """``wanted`` unless the page already uses it, then ``wanted-2``, ``wanted-3``, ..."""
        ids = self.state.document.ids
        candidate, n = wanted, 1
        while candidate in ids or f"{candidate}-name" in ids:
            n += 1
            candidate = f"{wanted}-{n}"
        return candidate

    def register_ids(self, node: nodes.Element) -> None:
        """Tell the page about the ids of ``node`` and of its children (a card's name),
        so later ``free_id`` calls avoid them. Ids deeper down come from parsing,
        which registers its own."""
        for element in (node, *node.children):
            if isinstance(element, nodes.Element):
                for node_id in element["ids"]:
                    self.state.document.ids.setdefault(node_id, element)

    def show_backlinks(self, sections: list[str]) -> bool:
        """Whether a card lists the pages that refer to its term."""
        if "referenced-in" not in sections:
            return False
        choice = self.options.get("backlinks")
        return bool(self.config.termref_backlinks) if choice is None else choice == "on"

    def card_builder(self) -> CardBuilder:
        return CardBuilder(self.state.document, self.lineno, self.domain)


class TermCardDirective(_TermDirective):
    """``.. term-card:: mesa-optimization``: the full card of one term.

    The argument is the id or any name or alias. Content is appended as a note.
    """

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[OptionSpec] = {
        "sections": directives.unchanged_required,
        "class": directives.class_option,
        "no-index": directives.flag,
        "backlinks": on_off,
    }

    def run(self) -> list[nodes.Node]:
        spelling = " ".join(self.arguments[0].split())
        term = self.domain.find(spelling)
        self.domain.note_use(self.env.docname, spelling, term)
        if term is None:
            return self.unknown(spelling, self.domain.database.suggestions(spelling))
        indexed = "no-index" not in self.options
        node_id = self.free_id(card_id(term.id)) if indexed else None
        note: list[nodes.Node] = []
        if self.content:
            container = nodes.container()
            self.state.nested_parse(self.content, self.content_offset, container)
            note = list(container.children)
        sections = self.sections()
        card = self.card_builder().build(
            term,
            sections,
            node_id,
            self.options.get("class", []),
            note,
            self.show_backlinks(sections),
        )
        self.register_ids(card)
        self.domain.note_card(
            term.id, Place(self.env.docname, node_id or "", self.lineno, indexed)
        )
        aliases = self.config.termref_index_aliases
        return [index_entries(term, node_id, aliases), card] if node_id else [card]

    def unknown(self, spelling: str, suggestions: Sequence[str]) -> list[nodes.Node]:
        message = unknown_term(f"term-card for unknown term {spelling!r}", suggestions)
        warn(Subtype.unknown, message, location=self.get_location())
        # Keep the text on the page so nothing is silently lost.
        return [nodes.paragraph(spelling, spelling, classes=["termref-card", "termref--unknown"])]


class TermIndexDirective(_TermDirective):
    """``.. term-index::``: every term (or a category's or tag's), A-Z or by category.

    With ``:cards:`` each term gets its full card, so a glossary page is one directive.
    """

    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        "category": directives.unchanged_required,
        "tag": directives.unchanged_required,
        "group-by": group_by,
        "cards": directives.flag,
        "sections": directives.unchanged_required,
        "class": directives.class_option,
        "backlinks": on_off,
    }

    def selected(self) -> list[Term]:
        category = normalise(self.options.get("category", ""))
        tag = normalise(self.options.get("tag", ""))
        terms = [
            term
            for term in self.domain.database
            if (not category or normalise(term.category) == category)
            and (not tag or tag in {normalise(t) for t in term.tags})
        ]
        if not terms and (category or tag):
            warn(
                Subtype.option,
                f"{self.name} selects no term: no term has category {category!r} and tag {tag!r}",
                location=self.get_location(),
            )
        return sorted(terms, key=lambda term: (normalise(term.name), term.id))

    def groups(self, terms: list[Term]) -> list[tuple[str, list[Term]]]:
        grouping = self.options.get("group-by", "letter")
        groups: dict[str, list[Term]] = {}
        for term in terms:
            if grouping == "letter":
                initial = normalise(term.name)[:1].upper()
                key = initial if initial.isalpha() else "#"
            elif grouping == "category":
                key = term.category
            else:
                key = ""
            groups.setdefault(key, []).append(term)
        return sorted(groups.items(), key=lambda item: (item[0] == "", normalise(item[0])))

    def run(self) -> list[nodes.Node]:
        container = nodes.container(classes=["termref-index", *self.options.get("class", [])])
        cards = self.card_builder()
        sections = self.sections()
        aliases = self.config.termref_index_aliases
        for heading, terms in self.groups(self.selected()):
            if heading:
                container += nodes.rubric(heading, heading, classes=["termref-index__heading"])
            if "cards" in self.options:
                for term in terms:
                    node_id = self.free_id(card_id(term.id))
                    card = cards.build(
                        term, sections, node_id, backlinks=self.show_backlinks(sections)
                    )
                    self.register_ids(card)
                    container += [index_entries(term, node_id, aliases), card]
                    self.domain.note_listing(
                        term.id, Place(self.env.docname, node_id, self.lineno, True)
                    )
            else:
                container += self.entries(terms, cards)
        self.domain.note_index_page(self.env.docname)
        return [container]

    def entries(self, terms: list[Term], cards: CardBuilder) -> nodes.definition_list:
        entries = nodes.definition_list(classes=["termref-index__entries"])
        for term in terms:
            node_id = self.free_id(f"termref-entry-{term.id}")
            # Not noted as a reference: an index entry must not show up in the
            # term's REFERENCED IN list.
            reference = term_xref(self.env.docname, term.id, term.name)
            name = nodes.term("", "", reference, ids=[node_id])  # a <dt> keeps its id in HTML
            item = nodes.definition_list_item("", name)
            self.register_ids(name)
            definition = nodes.definition()
            if term.summary:
                definition += cards.text(term, "summary")
            if term.aliases:
                aliases = ", ".join(term.aliases)
                definition += nodes.paragraph(aliases, aliases, classes=["termref-index__aliases"])
            item += definition
            entries += item
            self.domain.note_listing(term.id, Place(self.env.docname, node_id, self.lineno, False))
        return entries
