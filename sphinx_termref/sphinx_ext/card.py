"""Building the node tree of one term's card, section by section."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from .. import labels
from ..termdb import term_targets
from ..termdb.records import Term
from ..termdb.schema import TERM_FIELDS, Kind
from .block_markup import parse_blocks
from .governance import hidden_draft
from .markup import DATABASE_TEXT, parse_inline
from .nodes import (
    PAGE_LINE,
    term_card,
    term_card_abbreviation,
    term_card_aliases,
    term_card_category,
    term_card_name,
    term_card_section,
    term_card_summary,
)

if TYPE_CHECKING:
    from .config import IndexAliases
    from .domain import TermrefDomain


#: Fields whose text may hold block markup.
_BLOCK_FIELDS = {key: field.kind is Kind.blocks for key, field in TERM_FIELDS.items()}


#: A card's HTML anchor is ``termref-<term id>``.
CARD_PREFIX = "termref"


def card_id(term_id: str) -> str:
    """The stable HTML anchor of a term's card."""
    return f"{CARD_PREFIX}-{term_id}"


def term_xref(
    docname: str, target: str, text: str, page_line: int | None
) -> addnodes.pending_xref:
    """A reference to the term ``target`` showing ``text``, as ``:termref:`` makes it.

    Made directly rather than by parsing role markup, so no name can be misread
    as markup (``!Kung`` would mean "do not link"). ``page_line`` is the line of
    the directive that shows it, or None if it is not one of the page's references.
    """
    xref = addnodes.pending_xref(
        "",
        nodes.inline(text, text, classes=["xref", "termref"]),
        refdomain="termref",
        reftype="term",
        reftarget=target,
        refexplicit=True,
        refwarn=True,
        refdoc=docname,
    )
    xref[PAGE_LINE] = page_line
    return xref


def status_mark(status: str, block: str) -> list[nodes.Node]:
    """ " (deprecated)" or " (draft)" after a term's name in a list of terms, as text
    so every builder shows it; ``block`` names its classes (``termref-index``:
    ``termref-index__status`` and ``termref-index__status--deprecated``)."""
    label = labels.status_mark(status)
    classes = [f"{block}__status", f"{block}__status--{status}"]
    return [nodes.Text(" "), nodes.inline(label, label, classes=classes)]


def index_entries(term: Term, node_id: str, aliases: IndexAliases) -> addnodes.index:
    """General-index entries: the name, the name under its category, as printed
    glossaries group them, each alias as ``termref_index_aliases`` says, and the
    term's own ``index`` entries."""
    name = term.name
    entries: list[term_targets.IndexEntry] = [("single", name, node_id, "", None)]
    if term.category:
        entries.append(("single", f"{term.category}; {name}", node_id, "", None))
    if aliases == "link":
        entries += [("single", alias, node_id, "", None) for alias in term.aliases]
    elif aliases == "see":
        entries += [("see", f"{a}; {name}", node_id, "", None) for a in term.aliases]
    for entry in term.index_entries:  # checked when the database was read
        entries += term_targets.index_entries(entry, node_id)
    return addnodes.index(entries=entries)


class CardBuilder:
    """Builds cards in ``document``, whose roles and links their text uses.

    ``domain`` finds related terms as references do, and records those references.
    """

    def __init__(self, document: nodes.document, lineno: int, domain: TermrefDomain) -> None:
        self.document = document
        self.lineno = lineno
        self.domain = domain

    def build(
        self,
        term: Term,
        sections: Sequence[str],
        node_id: str | None,
        classes: Sequence[str] = (),
        note: Sequence[nodes.Node] = (),
        backlinks: bool = False,
    ) -> term_card:
        card = term_card(
            "",
            backlinks=backlinks,
            term_id=term.id,
            term_name=term.name,
            abbreviation=term.abbreviation,
            category=term.category,
            aliases=list(term.aliases),
            same_as=term.read_more.url if term.read_more else "",
            classes=["termref-card", *classes],
        )
        if term.status != "approved":  # for themes: termref-card--deprecated, --draft
            card["classes"].append(f"termref-card--{term.status}")
        if node_id:
            card["ids"].append(node_id)
        card.source, card.line = self.document.current_source, self.lineno
        name = term_card_name(term.name, term.name)
        if term.abbreviation:
            name += term_card_abbreviation(term.abbreviation, term.abbreviation)
        name.source, name.line = card.source, card.line  # so gettext extracts it
        if node_id:
            name["ids"].append(f"{node_id}-name")
        parts: dict[str, Callable[[Term], nodes.Element | None]] = {
            "category": self.category,
            "summary": self.summary,
            "technical-definition": self.technical_definition,
            "background": self.background,
            "aliases": self.aliases,
            "broader": lambda term: self.hierarchy(term, "broader"),
            "narrower": lambda term: self.hierarchy(term, "narrower"),
            "usage-note": self.usage_note,
            "organizations": self.organizations,
            "see-also": self.see_also,
            "referenced-in": lambda term: None,  # filled in by backlinks.AddBacklinks
        }
        # The name heads the card: it follows the category when that is shown first.
        placed_name = False
        status = self.status(term)
        for section in sections:
            if section != "category" and not placed_name:
                card += [name, *status]
                placed_name = True
            part = parts[section](term)
            if part is not None:
                card += part
        if not placed_name:
            card += [name, *status]
        if note:
            card += self.section("note", list(note))
        return card

    def status(self, term: Term) -> list[nodes.Element]:
        """The DEPRECATED banner (with what to use instead) or the DRAFT badge, under
        the name; standard nodes, so every builder writes them."""
        if term.status == "approved":
            return []
        label = labels.status_label(term.status)
        line = nodes.paragraph(
            "",
            "",
            nodes.strong(label, label),
            classes=["termref-card__status", f"termref-card__status--{term.status}"],
        )
        replacement = self.domain.database.replacement(term)
        if replacement is not None:
            before, after = labels.use_instead()
            # Not one of the page's references: it neither counts nor warns.
            xref = term_xref(self.domain.env.docname, replacement.id, replacement.name, None)
            xref.source, xref.line = term.source, term.field_line("replaced_by")
            line += [nodes.Text(" " + before), xref, nodes.Text(after)]
        return [line]

    def text(
        self, term: Term, field: str, text: str | None = None, organization: int | None = None
    ) -> list[nodes.Node]:
        """Paragraphs (or blocks) of ``term``'s ``field`` (or of ``text`` that belongs to
        it: the description of its ``organization``-th organization)."""
        origin = f"the {field.replace('_', ' ')} of term {term.id!r}"
        if organization is not None:
            origin = f"the description of organization {organization + 1} of term {term.id!r}"
        value = getattr(term, field) if text is None else text
        located = (term.source, term.field_line(field, organization))
        parse = parse_blocks if _BLOCK_FIELDS.get(field) else parse_inline
        parsed = parse(self.document, value, self.lineno, origin, located)
        for node in parsed:
            if isinstance(node, nodes.Element):
                for xref in node.findall(addnodes.pending_xref):
                    xref[PAGE_LINE] = self.lineno  # a reference of the page showing it
        return parsed

    @staticmethod
    def section(key: str, body: list[nodes.Node]) -> term_card_section:
        section = term_card_section("", section=key, label=labels.section_label(key))
        section["classes"].append(f"termref-card__section--{key}")
        section.extend(body)
        return section

    def category(self, term: Term) -> nodes.Element | None:
        if not term.category:
            return None
        category = term_card_category(term.category, term.category)
        category.source, category.line = self.document.current_source, self.lineno
        return category

    def summary(self, term: Term) -> nodes.Element | None:
        if not term.summary:
            return None
        return term_card_summary("", *self.text(term, "summary"))

    def technical_definition(self, term: Term) -> nodes.Element | None:
        if not term.technical_definition:
            return None
        return self.section("technical-definition", self.text(term, "technical_definition"))

    def background(self, term: Term) -> nodes.Element | None:
        if not term.background and not term.read_more:
            return None
        body = self.text(term, "background") if term.background else []
        if term.read_more:
            label = term.read_more.label or labels.default_read_more()
            link = nodes.reference(label, label, refuri=term.read_more.url)
            body.append(nodes.paragraph("", "", link, classes=["termref-card__read-more"]))
        return self.section("background", body)

    def aliases(self, term: Term) -> nodes.Element | None:
        if not term.aliases:
            return None
        return self.section("aliases", [term_card_aliases.of(term.aliases)])

    def hierarchy(self, term: Term, key: str) -> nodes.Element | None:
        """BROADER or NARROWER: the terms above or below ``term``, as references.

        Narrower terms are derived, never written on this term: a hidden draft among
        them is left out rather than warned about here.
        """
        database = self.domain.database
        config = self.domain.env.config
        if key == "broader":
            found = database.broader(term)
        else:
            found = [t for t in database.narrower(term) if not hidden_draft(config, t)]
        if not found:
            return None
        docname = self.domain.env.docname
        items = []
        for other in found:
            reference = term_xref(docname, other.id, other.name, page_line=self.lineno)
            # A warning about the link points at the entry that makes it.
            source = term if key == "broader" else other
            reference.source, reference.line = source.source, source.field_line("broader")
            reference[DATABASE_TEXT] = f"the {key} terms of term {term.id!r}"
            line = nodes.paragraph(other.name, "", reference)
            item = nodes.list_item("", line)
            if other.status != "approved" and not hidden_draft(config, other):
                item["classes"].append(f"termref-{other.status}")
                line += status_mark(other.status, f"termref-{key}")
            items.append(item)
        return self.section(key, [nodes.bullet_list("", *items, classes=[f"termref-{key}"])])

    def usage_note(self, term: Term) -> nodes.Element | None:
        if not term.usage_note:
            return None
        return self.section("usage-note", self.text(term, "usage_note"))

    def organizations(self, term: Term) -> nodes.Element | None:
        if not term.organizations:
            return None
        intro = labels.organizations_intro(term.name)
        entries = []
        for number, org in enumerate(term.organizations):
            name: nodes.Node = nodes.Text(org.name)
            if org.url:
                name = nodes.reference(org.name, org.name, refuri=org.url)
            description = self.text(term, "organizations", org.description, number)
            definition = nodes.definition("", *description)
            entries.append(nodes.definition_list_item("", nodes.term("", "", name), definition))
        body: list[nodes.Node] = [
            nodes.paragraph(intro, intro, classes=["termref-card__intro"]),
            nodes.definition_list("", *entries, classes=["termref-organizations"]),
        ]
        return self.section("organizations", body)

    def see_also(self, term: Term) -> nodes.Element | None:
        if not term.see_also:
            return None
        items = []
        for related in term.see_also:
            found = self.domain.find(related)
            docname = self.domain.env.docname
            text = found.name if found else related
            reference = term_xref(docname, related, text, page_line=self.lineno)
            # An unknown entry is the database's to fix: its warning points there.
            reference.source, reference.line = term.source, term.field_line("see_also")
            reference[DATABASE_TEXT] = f"the see also of term {term.id!r}"
            line = nodes.paragraph(related, "", reference)
            item = nodes.list_item("", line)
            config = self.domain.env.config
            if found and found.status != "approved" and not hidden_draft(config, found):
                item["classes"].append(f"termref-{found.status}")
                line += status_mark(found.status, "termref-see-also")
            items.append(item)
        return self.section(
            "see-also", [nodes.bullet_list("", *items, classes=["termref-see-also"])]
        )
