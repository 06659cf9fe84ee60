"""The ``term-card`` and ``term-index`` directives."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id
from sphinx.util.typing import OptionSpec

from ..termdb.matching import normalise
from ..termdb.records import Term
from ..termdb.schema import SECTIONS
from ..termdb.tex import MATHJAX_IGNORE
from ..warnings import Subtype, unknown_term
from .card import CARD_PREFIX, CardBuilder, index_entries, status_mark, term_xref
from .domain import TermrefDomain, get_domain
from .glossary_ids import glossary_ids
from .governance import hidden_draft
from .index_tree import order, tree
from .log import warn
from .nodes import term_index_heading
from .option_words import cannot_be, chosen_words, closest, did_you_mean, words
from .places import Place

#: Options with a fixed set of values: the values, the default first. They are read
#: as written and checked in ``choice``, so a bad value is a ``termref.option``
#: warning with the choices rather than a docutils error that drops the directive.
CHOICES: dict[str, tuple[str, ...]] = {
    "group-by": ("letter", "category", "hierarchy", "none"),
    "backlinks": ("on", "off"),
}
#: The values of ``:status:`` options, in the order a term goes through them.
STATUSES = ("draft", "approved", "deprecated")


def flag(argument: str | None) -> str:
    """A flag option: its value, if one was written, is reported by ``flags``."""
    return (argument or "").strip()


class _TermDirective(SphinxDirective):
    @property
    def domain(self) -> TermrefDomain:
        return get_domain(self.env)

    def choice(self, option: str) -> str | None:
        """The value of a ``CHOICES`` option; None when not given or not one of them
        (then a warning names the choices and the default is used)."""
        written = self.options.get(option)
        if written is None:
            return None
        value = " ".join(str(written).split())
        choices = CHOICES[option]
        if value.lower() in choices:
            return value.lower()
        fix = did_you_mean(value.lower(), choices, cutoff=0.5)
        cannot_be(
            self, option, value, f"{fix}choose from {', '.join(choices)} (the default is used)"
        )
        return None

    def statuses(self) -> list[str]:
        """The ``:status:`` option's statuses; each word that is none warns and is left
        out, so an option of only bad words selects by no status."""
        return chosen_words(self, "status", STATUSES)

    def flags(self) -> None:
        """Flag options take no value; one written is reported, and the flag holds."""
        for option, converter in (self.option_spec or {}).items():
            value = self.options.get(option)
            if converter is flag and value:
                warn(
                    Subtype.option,
                    f"{self.name} option :{option}: takes no value, got {value!r}; write "
                    f"':{option}:' alone (it is set)",
                    location=self.get_location(),
                )

    def sections(self) -> list[str]:
        """The ``:sections:`` option, or the configured default, with unknown keys warned."""
        requested = self.options.get("sections")
        if requested is None:
            return list(self.config.termref_card_sections)
        chosen = []
        for key in words(requested):
            if key in SECTIONS:
                chosen.append(key)
                continue
            hint = closest(key, SECTIONS)
            fix = f"did you mean {hint!r}?" if hint else f"choose from {', '.join(SECTIONS)}"
            warn(
                Subtype.option,
                f"unknown card section {key!r} in :sections: of {self.name}; {fix}",
                location=self.get_location(),
            )
        return chosen

    def free_id(self, prefix: str, term_id: str) -> str:
        """Sphinx's id for a term's card or entry (``make_id``): ``prefix-term_id``
        while the page has neither it nor the id of a card's name made from it, else
        a numbered one, as Sphinx numbers a glossary term given twice."""
        document = self.state.document
        node_id = make_id(self.env, document, prefix, term_id)
        while f"{node_id}-name" in document.ids:
            node_id = make_id(self.env, document, prefix)
        return node_id

    def add_glossary_ids(self, node: nodes.Element, term: Term) -> None:
        """With ``termref_std_terms``, the ids a glossary entry of the term had, after
        the node's own, so that old ``#term-...`` links land on it."""
        if self.config.termref_std_terms:
            node["ids"] += glossary_ids(self.env, self.state.document, term)

    def register_ids(self, node: nodes.Element) -> None:
        """Tell the page about the ids of ``node`` and of its children (a card's name),
        so later ``free_id`` calls avoid them. Ids deeper down come from parsing,
        which registers its own."""
        for element in (node, *node.children):
            if isinstance(element, nodes.Element) and element["ids"]:
                self.state.document.note_explicit_target(element)

    def show_backlinks(self, sections: list[str]) -> bool:
        """Whether a card lists the pages that refer to its term."""
        if "referenced-in" not in sections:
            return False
        choice = self.choice("backlinks")
        return bool(self.config.termref_backlinks) if choice is None else choice == "on"

    def card_builder(self) -> CardBuilder:
        return CardBuilder(self.state.document, self.lineno, self.domain)

    def selected(self) -> list[Term]:
        """The terms the ``:category:``, ``:tag:`` and ``:status:`` options select (all
        when none is given), by name; no hidden draft."""
        written = {
            option: " ".join(self.options[option].split())
            for option in ("category", "tag")
            if self.options.get(option, "").strip()
        }
        category = normalise(written.get("category", ""))
        tag = normalise(written.get("tag", ""))
        terms = [
            term
            for term in self.domain.database
            if (not category or normalise(term.category) == category)
            and (not tag or tag in {normalise(t) for t in term.tags})
            and not hidden_draft(self.config, term)
        ]
        if not terms and written:
            self.selects_nothing(written)
        # No warning when only the status empties the list: no deprecated term is news.
        statuses = self.statuses()
        if statuses:
            terms = [term for term in terms if term.status in statuses]
        return sorted(terms, key=lambda term: (normalise(term.name), term.id))

    def selects_nothing(self, written: dict[str, str]) -> None:
        """Warn that the filters select no term, naming only those given, as written,
        with the closest category or tag the database has."""
        what = " and ".join(f"{option} {value!r}" for option, value in written.items())
        hints = []
        for option, value in written.items():
            known = {
                normalise(text): text
                for term in self.domain.database
                for text in ((term.category,) if option == "category" else term.tags)
                if text
            }
            if normalise(value) in known:
                continue  # this filter alone selects terms; only together they select none
            close = closest(normalise(value), list(known))
            if close:
                hints.append(f":{option}: {known[close]!r}")
        hint = f"; did you mean {' and '.join(hints)}?" if hints else ""
        warn(
            Subtype.option,
            f"{self.name} selects no term: no term has {what}{hint}",
            location=self.get_location(),
        )


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
        "no-index": flag,
        "backlinks": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        self.flags()
        spelling = " ".join(self.arguments[0].split())
        term = self.domain.find(spelling)
        self.domain.note_use(self.env.docname, spelling, term)
        if term is None:
            return self.unknown(spelling, self.domain.database.suggestions(spelling))
        if hidden_draft(self.config, term):
            return []  # references to it warn termref.draft
        indexed = "no-index" not in self.options
        node_id = self.free_id(CARD_PREFIX, term.id) if indexed else None
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
        if node_id:
            self.add_glossary_ids(card, term)
        self.register_ids(card)
        self.domain.note_card(
            term.id, Place(self.env.docname, node_id or "", self.lineno, indexed)
        )
        aliases = self.config.termref_index_aliases
        return [index_entries(term, node_id, aliases), card] if node_id else [card]

    def unknown(self, spelling: str, suggestions: Sequence[str]) -> list[nodes.Node]:
        if not self.domain.finds_nothing():  # else said once (build_events)
            message = unknown_term(f"term-card for unknown term {spelling!r}", suggestions)
            warn(Subtype.unknown, message, location=self.get_location())
        # Keep the text on the page so nothing is silently lost.
        return [nodes.paragraph(spelling, spelling, classes=["termref-card", "termref--unknown"])]


class TermIndexDirective(_TermDirective):
    """``.. term-index::``: every term (or a category's, tag's or status's), A-Z or by
    category.

    With ``:cards:`` each term gets its full card, so a glossary page is one directive.
    """

    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        "category": directives.unchanged_required,
        "tag": directives.unchanged_required,
        "status": directives.unchanged_required,
        "group-by": directives.unchanged,
        "cards": flag,
        "sections": directives.unchanged_required,
        "class": directives.class_option,
        "backlinks": directives.unchanged,
    }

    def groups(self, terms: list[Term]) -> list[tuple[str, list[Term]]]:
        grouping = self.choice("group-by") or CHOICES["group-by"][0]
        groups: dict[str, list[Term]] = {}
        for term in terms:
            if grouping == "hierarchy":
                return [("", order(terms, self.domain.database))]
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
        self.flags()
        container = nodes.container(classes=["termref-index", *self.options.get("class", [])])
        cards = self.card_builder()
        sections = self.sections()
        aliases = self.config.termref_index_aliases
        backlinks = self.show_backlinks(sections)  # once: a bad value warns once
        for heading, terms in self.groups(self.selected()):
            if heading:
                container += term_index_heading(
                    heading, heading, classes=["termref-index__heading"]
                )
            if "cards" in self.options:
                for term in terms:
                    node_id = self.free_id(CARD_PREFIX, term.id)
                    card = cards.build(term, sections, node_id, backlinks=backlinks)
                    self.add_glossary_ids(card, term)
                    self.register_ids(card)
                    container += [index_entries(term, node_id, aliases), card]
                    self.domain.note_listing(
                        term.id, Place(self.env.docname, node_id, self.lineno, True)
                    )
            elif self.choice("group-by") == "hierarchy":
                entry = lambda term, again: self.entry(term, cards, again)  # noqa: E731
                classes = ["termref-index__entries", "termref-index__tree", *MATHJAX_IGNORE]
                container += tree(terms, self.domain.database, entry, classes)
            else:
                container += self.entries(terms, cards)
        self.domain.note_index_page(self.env.docname)
        return [container]

    def entries(self, terms: list[Term], cards: CardBuilder) -> nodes.definition_list:
        entries = nodes.definition_list(classes=["termref-index__entries", *MATHJAX_IGNORE])
        for term in terms:
            entries += self.entry(term, cards)
        return entries

    def entry(
        self, term: Term, cards: CardBuilder, again: bool = False
    ) -> nodes.definition_list_item:
        """One term's entry; ``again`` for a term the tree has placed already (under
        another broader term), which references do not lead to."""
        node_id = self.free_id("termref-entry", term.id)
        # Not noted as a reference: an index entry must not show up in the
        # term's REFERENCED IN list.
        reference = term_xref(self.env.docname, term.id, term.name, page_line=None)
        name = nodes.term("", "", reference, ids=[node_id])  # a <dt> keeps its id in HTML
        item = nodes.definition_list_item("", name)
        if not again:
            self.add_glossary_ids(name, term)
        self.register_ids(name)
        definition = nodes.definition()
        if term.status != "approved":
            mark(term.status, name, definition)
        if term.summary:
            definition += cards.text(term, "summary")
        if term.aliases:
            aliases = ", ".join(term.aliases)
            definition += nodes.paragraph(aliases, aliases, classes=["termref-index__aliases"])
        item += definition
        if not again:
            place = Place(self.env.docname, node_id, self.lineno, False)
            self.domain.note_listing(term.id, place)
        return item


def mark(status: str, name: nodes.term, definition: nodes.definition) -> None:
    """Mark an entry of a term that is not approved: a class on the name and the
    definition (``termref-deprecated``, ``termref-draft``) for themes, and the status
    after the name as text, so LaTeX and text show it too."""
    for node in (name, definition):
        node["classes"].append(f"termref-{status}")
    name += status_mark(status, "termref-index")
