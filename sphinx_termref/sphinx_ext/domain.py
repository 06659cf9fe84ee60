"""The ``termref`` domain: where each term is shown, and resolving references to it.

Data kept per build (all of it cleared and merged per document by Sphinx):

``cards``    docname -> (term id, place) of each ``term-card`` on the page
``listings`` docname -> (term id, place) of each term a ``term-index`` shows there;
             in both, a place is a plain tuple of ``Place``'s fields (see ``references``)
``graphs``   docname -> the ids of the terms its ``term-graph`` directives draw
``uses``     docname -> {normalised spelling: term id, or None if unknown when read}
             for everything the page depends on (cards and references); the key
             ``WHOLE_DATABASE`` marks a page that lists the database
``references`` docname -> the term references written on the page, in order, as
             plain (spelling, term id, line) tuples: Python's collector stops
             tracking tuples of strings and numbers, and a project has tens of
             thousands of references (see ``Reference`` for their fields)
``digests``  term id -> digests of each term in play as last read, to find changed
             terms, pickled: a build that does not compare them keeps the bytes
``every``    whether ``digests`` holds every term of the database
``fingerprint`` of the database files those digests were made from
``spellings`` digest of which term each spelling found then
``labels``   label -> (docname, node id) of each term label given to Sphinx's
             standard domain (see ``ref_labels``)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set
from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode

from ..termdb.database import TermDatabase
from ..termdb.matching import normalise
from ..termdb.records import Term
from ..warnings import Subtype
from .abbreviations import written_out
from .auto_links import linked_text, references_and_links
from .build_state import ReadState, StoredDatabase
from .external import has_terms
from .governance import check_usage, hidden_draft, unlinked_draft, warn_reference
from .inventory import term_objects
from .nodes import AUTO, PAGE_LINE
from .places import Place, Reference, document_order, places_by_term, position, targets
from .roles import TermRefRole
from .tooltips import LinkTexts

#: The ``uses`` key of a page whose content depends on every term (a term index).
WHOLE_DATABASE = "*"


class TermrefDomain(Domain):
    name = "termref"
    label = "Terms"
    object_types = {"term": ObjType("term", "term")}  # noqa: RUF012 - Sphinx's API
    roles = {"term": TermRefRole(innernodeclass=nodes.inline, warn_dangling=True)}  # noqa: RUF012
    initial_data = {  # noqa: RUF012
        "cards": {},
        "listings": {},
        "graphs": {},
        "uses": {},
        "references": {},
        "digests": b"",
        "every": False,
        "fingerprint": "",
        "spellings": "",
        "labels": {},
    }
    data_version = 31

    def __init__(self, env: BuildEnvironment) -> None:
        # Sphinx makes one domain per environment and build: what follows is this
        # build's state, which is never pickled (``data`` is what is kept).
        super().__init__(env)
        #: The database of this build; set when the builder starts (``use_database``).
        self.database = TermDatabase()
        #: The per-page data as it was before this build read anything (``incremental``).
        self.before_read = ReadState({}, {}, {}, {})
        #: The terms whose links show something new in this build (``incremental``).
        self.links_changed: set[str] = set()
        #: The terms whose tooltips and previews show something new (``incremental``).
        self.tooltips_changed: set[str] = set()
        #: The database fingerprint the environment had before this build (``incremental``).
        self.fingerprint_before = ""
        #: The documents this build reads.
        self.docs_read: set[str] = set()
        #: Each document's position in the table of contents (``note_document_order``).
        self.doc_order: dict[str, int] = {}
        #: Indexes derived from ``data``, rebuilt after it changes.
        self._derived: dict[str, Any] = {}

    @property
    def cards(self) -> dict[str, list[Place]]:
        """Term id -> the places of its cards (derived from the per-page data, cached)."""
        return self._by_term("cards")

    @property
    def listings(self) -> dict[str, list[Place]]:
        """Term id -> the term indexes that show it (derived, cached)."""
        return self._by_term("listings")

    def shown_terms(self) -> dict[str, set[str]]:
        """Docname -> the terms its cards, term indexes and graphs show."""
        shown: dict[str, set[str]] = {}
        for table in ("cards", "listings"):
            for docname, entries in self.data[table].items():
                shown.setdefault(docname, set()).update(term_id for term_id, _ in entries)
        for docname, term_ids in self.data["graphs"].items():
            shown.setdefault(docname, set()).update(term_ids)
        return shown

    def _by_term(self, table: str) -> dict[str, list[Place]]:
        if table not in self._derived:
            self._derived[table] = places_by_term(self.data[table])
        return self._derived[table]  # type: ignore[no-any-return]

    def _changed(self) -> None:
        self._derived = {}

    def use_database(self, database: TermDatabase) -> None:
        """The database of this build; what was derived from another one is stale."""
        self.database = database
        self._changed()

    @property
    def uses(self) -> dict[str, dict[str, str | None]]:
        return self.data["uses"]  # type: ignore[no-any-return]

    def finds_nothing(self) -> bool:
        """Whether no term can be found: the database is empty and no other project's
        inventory holds terms. Then one warning says so (``build_events``), not one
        per reference."""
        return not len(self.database) and not has_terms(self.env)

    def find(self, spelling: str) -> Term | None:
        """The term ``spelling`` names, with inflections when the project allows them."""
        return self.database.lookup(spelling, inflect=self.env.config.termref_inflections)

    def has_references(self, docname: str) -> bool:
        return bool(self.data["references"].get(docname))

    def card_count(self, docname: str) -> int:
        return len(self.data["cards"].get(docname, ()))

    def references_on(self, docname: str) -> list[Reference]:
        """The term references written on ``docname``, in order."""
        return [Reference._make(ref) for ref in self.data["references"].get(docname, ())]

    def all_references(self) -> Iterator[tuple[str, Reference]]:
        """(docname, reference) for every term reference in the project, by page."""
        for docname in sorted(self.data["references"]):
            for reference in self.references_on(docname):
                yield docname, reference

    def referrers(self, term_id: str) -> list[str]:
        """The documents that refer to ``term_id``, in table-of-contents order."""
        if "referrers" not in self._derived:
            index: dict[str | None, set[str]] = {}
            for doc, refs in self.data["references"].items():
                for _, referred, _ in refs:
                    index.setdefault(referred, set()).add(doc)
            # Tuples of strings, which Python's collector stops tracking: not sets.
            self._derived["referrers"] = {term: tuple(docs) for term, docs in index.items()}
        pages = self._derived["referrers"].get(term_id, ())
        return sorted(pages, key=lambda doc: (self.doc_order.get(doc, len(self.doc_order)), doc))

    # -- recording, while documents are read -------------------------------------------

    def note_card(self, term_id: str, place: Place) -> None:
        self.data["cards"].setdefault(place.docname, []).append((term_id, tuple(place)))
        self._changed()

    def note_listing(self, term_id: str, place: Place) -> None:
        self.data["listings"].setdefault(place.docname, []).append((term_id, tuple(place)))
        self._changed()

    def note_graph(self, docname: str, term_ids: Iterable[str]) -> None:
        self.data["graphs"].setdefault(docname, []).extend(term_ids)

    def note_use(self, docname: str, spelling: str, term: Term | None) -> None:
        self.uses.setdefault(docname, {})[normalise(spelling)] = term.id if term else None

    def note_reference(self, docname: str, spelling: str, term: Term | None, line: int) -> None:
        self.note_use(docname, spelling, term)
        reference = (spelling, term.id if term else None, line)  # a Reference's fields
        self.data["references"].setdefault(docname, []).append(reference)
        self._changed()

    def note_index_page(self, docname: str) -> None:
        self.uses.setdefault(docname, {})[WHOLE_DATABASE] = None

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        """Record the page's references to terms, from the doctree: ``:termref:``,
        the references its cards show, ``:any:``, ``:ref:`` to a term's label, and
        ``:term:`` when ``termref_std_terms`` lets it resolve through the database."""
        std_terms = env.config.termref_std_terms
        labels = self.database.labels
        for node in references_and_links(document):
            if isinstance(node, linked_text):  # mentions that ``auto_links`` will link
                for written, line in node.mentions():
                    self.note_reference(docname, written, self.find(written), line)
                continue
            kind = (node.get("refdomain"), node.get("reftype"))
            if kind == ("termref", "term"):
                line = node.get(PAGE_LINE, node.line or 0)
                if line is not None:
                    target = node["reftarget"]
                    self.note_reference(docname, target, self.find(target), line)
            elif kind == ("", "any") or (std_terms and kind == ("std", "term")):
                term = self.find(node["reftarget"])
                if term is not None or kind == ("std", "term"):
                    self.note_reference(docname, node["reftarget"], term, node.line or 0)
            elif kind == ("std", "ref") and node["reftarget"] in labels:
                # Noted by the term's id, which finds the term whatever its spellings.
                term = self.database.terms[labels[node["reftarget"]]]
                self.note_reference(docname, term.id, term, node.line or 0)

    def clear_doc(self, docname: str) -> None:
        for table in ("cards", "listings", "graphs", "uses", "references"):
            self.data[table].pop(docname, None)
        self._changed()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for table in ("cards", "listings", "graphs", "uses", "references"):
            for docname, value in otherdata[table].items():
                if docname in docnames:
                    self.data[table][docname] = value
        self._changed()

    # -- the term labels given to Sphinx's standard domain (``ref_labels``) -------------

    def note_given_label(self, label: str, docname: str, node_id: str) -> None:
        self.data["labels"][label] = (docname, node_id)

    def take_back_labels(self) -> list[tuple[str, tuple[str, str]]]:
        """The labels given last time, (label, (docname, node id)); forgotten here."""
        given = list(self.data["labels"].items())
        self.data["labels"].clear()
        return given

    def label_anchors(self) -> set[str]:
        """The node ids that the given labels lead to."""
        return {node_id for _, node_id in self.data["labels"].values()}

    # -- what an incremental build compares (``incremental``) ------------

    def note_docs_read(self, docnames: Iterable[str]) -> None:
        self.docs_read = set(docnames)

    def keep_state_before_read(self) -> None:
        """Keep the per-page data before anything is read. Shallow copies are
        enough: reading a page replaces its entries, never changes them."""
        data = self.data
        self.before_read = ReadState(
            dict(data["references"]), dict(data["cards"]), dict(data["listings"]), self.doc_order
        )

    def state_now(self) -> ReadState:
        """The per-page data as it is now (not copied)."""
        data = self.data
        return ReadState(data["references"], data["cards"], data["listings"], self.doc_order)

    def stored_database(self) -> StoredDatabase:
        """What the last build stored of its database, to find what changed."""
        return StoredDatabase(*(self.data[k] for k in StoredDatabase._fields))

    def note_database(self, stored: StoredDatabase) -> None:
        self.data.update(stored._asdict())

    def note_links_changed(self, links: set[str], tooltips: set[str]) -> None:
        self.links_changed, self.tooltips_changed = links, tooltips

    # -- where a term lives -------------------------------------------------------------

    def note_document_order(self, root_doc: str) -> None:
        """Number the documents in reading order (``places.document_order``)."""
        self.doc_order = document_order(root_doc, self.env.toctree_includes, self.env.all_docs)
        self._changed()  # targets depend on the order

    def _targets(self) -> dict[str, tuple[Any, ...]]:
        if "targets" not in self._derived:
            self._derived["targets"] = targets(
                self.data["cards"], self.data["listings"], self.doc_order
            )
        return self._derived["targets"]  # type: ignore[no-any-return]

    def link_targets(self) -> Iterable[str]:
        """The terms that links lead to: those a card or a term index shows."""
        return self._targets().keys()

    def target(self, term_id: str) -> Place | None:
        """The canonical card, or else the first term index that shows the term."""
        place = self._targets().get(term_id)
        return Place._make(place) if place is not None else None

    def duplicate_cards(self) -> Iterator[tuple[Term, Place, Place]]:
        """(term, canonical card, another indexed card) for each card that is not a target."""
        canonical_cards = targets(self.data["cards"], {}, self.doc_order)
        for term_id, places in sorted(self.cards.items()):
            term = self.database.terms.get(term_id)
            if term_id not in canonical_cards or term is None:
                continue
            canonical = Place._make(canonical_cards[term_id])
            for place in sorted(places, key=lambda place: position(self.doc_order, place)):
                if place.indexed and place != canonical:
                    yield term, canonical, place

    # -- resolving references -----------------------------------------------------------

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        term = self.find(target)
        if term is None:
            return None  # intersphinx may know it; otherwise warn-missing-reference warns
        return self.link(term, fromdocname, builder, node, contnode)

    def link_texts(self, builder: Builder) -> LinkTexts:
        """The tooltips and previews of links, made once per term per build."""
        texts = self._derived.get("link_texts")
        if texts is None:
            texts = self._derived["link_texts"] = LinkTexts(self.env, builder.name)
        return texts

    def link(
        self,
        term: Term,
        fromdocname: str,
        builder: Builder,
        node: nodes.Element,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        if hidden_draft(self.env.config, term):
            return unlinked_draft(term, node, contnode)  # type: ignore[return-value]
        check_usage(self, term, node.get("reftarget", term.id), node)
        place = self.target(term.id)
        contnode = written_out(term, node, contnode)
        if place is None and node.get(AUTO):  # a mention in prose stays text
            return nodes.inline("", "", *contnode.children)  # type: ignore[return-value]
        if place is None:
            message = (
                f"term {term.id!r} is in the database but no page shows it; add "
                f"'.. term-card:: {term.id}' or a '.. term-index::' to a page"
            )
            warn_reference(Subtype.no_card, message, node)
            # Not a dead link: the text stays, with the definition as its tooltip (the
            # term stylesheet holds only the terms that pages show).
            title = self.link_texts(builder).title(term)
            abbr = nodes.abbreviation("", "", *contnode.children, explanation=title)
            abbr["classes"].extend(["termref", "termref--no-card"])
            return abbr  # type: ignore[return-value]
        reference = make_refnode(builder, fromdocname, place.docname, place.node_id, contnode)
        # No title: the term stylesheet (``term_styles``) has the tooltip and the
        # preview, by the class, so the page does not change when they do.
        reference["classes"].extend(["termref", f"termref--{term.id}"])
        reference["termref_id"] = term.id  # read by joined_pages.JoinedPageLinks
        return reference

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        term = self.find(target)
        if term is None or self.target(term.id) is None:
            return []
        reference = self.link(term, fromdocname, builder, node, contnode)
        return [("termref:term", reference)] if reference is not None else []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        """Each term under its name, and its other spellings as entries that search skips.

        The extra entries let other projects link by id or alias through intersphinx;
        their display name "-" tells intersphinx to keep the text the author wrote.
        """
        # Listed twice per build (inventory, search index): made once.
        if "objects" not in self._derived:
            self._derived["objects"] = tuple(term_objects(self.database, self._targets()))
        return self._derived["objects"]  # type: ignore[no-any-return]


def get_domain(env: BuildEnvironment) -> TermrefDomain:
    domain = env.domains["termref"]
    assert isinstance(domain, TermrefDomain)
    return domain
