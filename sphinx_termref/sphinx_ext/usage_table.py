"""``.. term-usage::``: a table of every term's status, owner, review date and use.

The directive only notes its options; ``FillUsageTables`` makes the table when the
page is written, from the domain's merged references, so it counts the whole
project in parallel and incremental builds (``incremental`` writes such pages again
whenever any page was read, as it does for REFERENCED IN).
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.builders import Builder
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode
from sphinx.util.typing import OptionSpec

from .. import labels
from ..termdb import dates
from ..termdb.records import Term
from .current_builder import current_builder
from .directives import STATUSES, _TermDirective, flag
from .domain import TermrefDomain, get_domain
from .governance import hidden_draft
from .option_words import cannot_be

#: ``:sort:`` values, the default first.
SORTS = ("name", "references", "pages", "reviewed", "status", "owner")
COLUMNS = ("term", "status", "owner", "reviewed", "references", "pages", "flagged")
MISSING = "\u2014"  # an em dash where a term was never reviewed
#: The domain's ``uses`` key of a page with a usage table (no spelling looks like it).
USAGE_TABLE = "#usage"


def usage_pages(domain: TermrefDomain) -> set[str]:
    """The pages with a usage table, which ``incremental`` writes again."""
    return {docname for docname, used in domain.uses.items() if USAGE_TABLE in used}


class term_usage(nodes.General, nodes.Element):
    """Where a usage table goes; replaced by the table when the page is written."""


class TermUsageDirective(_TermDirective):
    """``.. term-usage::``: one row per term, filtered and sorted by the options."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        "status": directives.unchanged_required,
        "unused": flag,
        "stale": directives.unchanged_required,
        "sort": directives.unchanged_required,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        self.flags()
        statuses = self.statuses()
        stale: int | None = None
        if "stale" in self.options:
            written = self.options["stale"].strip()
            if written.isdigit():
                stale = int(written)
            else:
                cannot_be(self, "stale", written, "write a whole number of days, such as 365")
        sort = SORTS[0]
        if "sort" in self.options:
            written = self.options["sort"].strip().lower()
            if written in SORTS:
                sort = written
            else:
                cannot_be(self, "sort", written, f"choose from {', '.join(SORTS)} (name is used)")
        node = term_usage(
            statuses=statuses,
            unused="unused" in self.options,
            stale=stale,
            sort=sort,
            classes=self.options.get("class", []),
        )
        self.set_source_info(node)
        # Rewritten when any page is read again; read again when the database changes.
        self.domain.uses.setdefault(self.env.docname, {})[USAGE_TABLE] = None
        self.domain.note_index_page(self.env.docname)
        return [node]


class FillUsageTables(SphinxPostTransform):
    """Each ``term_usage`` placeholder as a table (every builder)."""

    # After references resolve; before joined pages and man pages (900) treat term links.
    default_priority = 895

    def run(self, **kwargs: Any) -> None:
        builder = current_builder(self.env)
        for node in list(self.document.findall(term_usage)):
            node.replace_self(usage_table(builder, self.env.docname, node))


class Usage:
    """How each term is used: references, pages, and flagged references."""

    def __init__(self, domain: TermrefDomain) -> None:
        self.references: Counter[str] = Counter()
        self.flagged: Counter[str] = Counter()
        pages: dict[str, set[str]] = {}
        database, inflect = domain.database, domain.env.config.termref_inflections
        for doc, ref in domain.all_references():
            term = database.terms.get(ref.term_id) if ref.term_id else None
            if term is None:
                continue
            self.references[term.id] += 1
            pages.setdefault(term.id, set()).add(doc)
            # The same test as the termref.deprecated and termref.discouraged warnings.
            if term.status == "deprecated" or database.is_discouraged(
                ref.spelling, inflect=inflect
            ):
                self.flagged[term.id] += 1
        self.pages = {term_id: len(docs) for term_id, docs in pages.items()}


def selected(domain: TermrefDomain, node: term_usage, usage: Usage) -> list[Term]:
    config = domain.env.config
    terms = [term for term in domain.database if not hidden_draft(config, term)]
    if node["statuses"]:
        terms = [term for term in terms if term.status in node["statuses"]]
    if node["unused"]:
        terms = [term for term in terms if not usage.references[term.id]]
    if node["stale"] is not None:
        # Sphinx itself refuses a SOURCE_DATE_EPOCH that is not a number.
        limit = (dates.today() - datetime.timedelta(days=node["stale"])).isoformat()
        terms = [term for term in terms if not term.reviewed or term.reviewed < limit]
    return sort_terms(terms, node["sort"], usage)


def sort_terms(terms: list[Term], sort: str, usage: Usage) -> list[Term]:
    """Most used first for counts; oldest review first (never reviewed before that)
    for ``reviewed``; status in the order draft, approved, deprecated; name after."""
    terms = sorted(terms, key=lambda term: (term.name.casefold(), term.id))
    keys: dict[str, Any] = {
        "references": lambda term: -usage.references[term.id],
        "pages": lambda term: -usage.pages.get(term.id, 0),
        "reviewed": lambda term: (bool(term.reviewed), term.reviewed),
        "status": lambda term: STATUSES.index(term.status) if term.status in STATUSES else 9,
        "owner": lambda term: (not term.owner, term.owner.casefold()),
    }
    return sorted(terms, key=keys[sort]) if sort in keys else terms


def term_cell(builder: Builder, docname: str, domain: TermrefDomain, term: Term) -> nodes.Node:
    place = domain.target(term.id)
    text = nodes.Text(term.name)
    if place is None:
        return text
    try:
        reference = make_refnode(builder, docname, place.docname, place.node_id, text)
    except NoUri:  # the card is outside the document being written
        return text
    # Marked as a :termref: link is, so joined pages and man pages treat it the same.
    reference["classes"].extend(["termref", f"termref--{term.id}"])
    reference["termref_id"] = term.id
    return reference


def _row(cells: list[nodes.Node], classes: list[str] | None = None) -> nodes.row:
    row = nodes.row(classes=classes or [])
    for cell in cells:
        row += nodes.entry("", nodes.paragraph("", "", cell))
    return row


def usage_table(builder: Builder, docname: str, node: term_usage) -> nodes.table:
    domain = get_domain(builder.env)
    usage = Usage(domain)
    table = nodes.table(classes=["termref-usage", *node["classes"]])
    group = nodes.tgroup(cols=len(COLUMNS))
    table += group
    header = _row([nodes.Text(labels.usage_header(column)) for column in COLUMNS])
    rows = [header]
    for term in selected(domain, node, usage):
        cells = [
            term_cell(builder, docname, domain, term),
            nodes.Text(term.status),
            nodes.Text(term.owner or MISSING),
            nodes.Text(term.reviewed or MISSING),
            nodes.Text(str(usage.references[term.id])),
            nodes.Text(str(usage.pages.get(term.id, 0))),
            nodes.Text(str(usage.flagged[term.id])),
        ]
        rows.append(_row(cells, ["termref-usage-row", f"termref-usage--{term.status}"]))
    # The text builder lays columns out by these widths: the widest cell of each.
    for column in range(len(COLUMNS)):
        widest = max(len(row[column].astext()) for row in rows)
        group += nodes.colspec(colwidth=widest + 2)
    group += nodes.thead("", header)
    group += nodes.tbody("", *rows[1:])
    table.source, table.line = node.source, node.line
    return table
