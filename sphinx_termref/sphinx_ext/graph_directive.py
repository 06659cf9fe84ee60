"""The ``term-graph`` directive: a term's neighbourhood, or a set's hierarchy, as a graph.

Reading the page decides which terms and lines the graph has; how it is shown
(drawn by Graphviz, or a nested list) is decided per builder (``graph_output``).
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.nodes import make_id
from sphinx.util.typing import OptionSpec

from ..termdb.term_graph import RELATIONS, Related, TermGraph, among, neighbourhood
from ..warnings import Subtype, unknown_term
from .directives import _TermDirective
from .governance import hidden_draft
from .log import warn
from .option_words import cannot_be, chosen_words

#: ``:depth:`` when not given: the terms next to the focus.
DEFAULT_DEPTH = 1


class term_graph(nodes.General, nodes.Element):
    """A graph of terms. Attributes: ``term_ids`` (the focus first), ``lines`` as
    (upper id, lower id, relation) tuples, ``focus`` (a term id, or "" for a set),
    and the ``category`` and ``tag`` that select a set, as written (for the caption)."""


class TermGraphDirective(_TermDirective):
    """``.. term-graph:: mesa-optimization``: the terms around one term, ``:depth:``
    steps along ``:relations:``; with no argument, the hierarchy of the terms that
    ``:category:`` and ``:tag:`` select (all terms when neither is given)."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        "depth": directives.unchanged,
        "relations": directives.unchanged,
        "category": directives.unchanged_required,
        "tag": directives.unchanged_required,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        related = Related(
            self.domain.database, self.domain.find, lambda t: not hidden_draft(self.config, t)
        )
        relations = self.relations()
        if not self.arguments:
            graph = among(related, self.selected(), relations)
            self.domain.note_index_page(self.env.docname)  # a new term may join the set
            self.domain.note_graph(self.env.docname, graph.term_ids)  # links to their cards
            return [self.node(graph, self.written("category"), self.written("tag"))]
        spelling = " ".join(self.arguments[0].split())
        self.set_options_unused()
        depth = self.depth()
        focus = self.domain.find(spelling)
        self.domain.note_use(self.env.docname, spelling, focus)
        if focus is None:
            if not self.domain.finds_nothing():  # else said once (build_events)
                suggestions = self.domain.database.suggestions(spelling)
                message = unknown_term(f"term-graph for unknown term {spelling!r}", suggestions)
                warn(Subtype.unknown, message, location=self.get_location())
            # The text stays on the page, so nothing is silently lost.
            return [
                nodes.paragraph(spelling, spelling, classes=["termref-graph", "termref--unknown"])
            ]
        if hidden_draft(self.config, focus):
            return []  # as its card: references to it warn termref.draft
        graph = neighbourhood(related, focus, depth, relations)
        self.domain.note_graph(self.env.docname, graph.term_ids)
        return [self.node(graph)]

    def node(self, graph: TermGraph, category: str = "", tag: str = "") -> term_graph:
        node = term_graph(
            "",
            term_ids=list(graph.term_ids),
            lines=[tuple(line) for line in graph.lines],
            focus=graph.focus,
            category=category,
            tag=tag,
            classes=["termref-graph", *self.options.get("class", [])],
        )
        self.set_source_info(node)
        # An id of its own: the figure it becomes is a target Sphinx can number.
        name = graph.focus or "terms"
        node["ids"].append(make_id(self.env, self.state.document, "termref-graph", name))
        self.state.document.note_explicit_target(node)
        return node

    def written(self, option: str) -> str:
        """An option's value as written, for the caption; "" when not given."""
        return " ".join(self.options.get(option, "").split())

    def set_options_unused(self) -> None:
        """``:category:`` and ``:tag:`` choose a set, which a graph of one term's
        neighbourhood does not draw: say so rather than ignore them silently."""
        for option in ("category", "tag"):
            if option in self.options:
                warn(
                    Subtype.option,
                    f"{self.name} option :{option}: selects a set of terms, but the graph "
                    f"draws the terms around {self.arguments[0]!r}; remove the option, or "
                    "the argument to draw the set (the option is ignored)",
                    location=self.get_location(),
                )

    def depth(self) -> int:
        written = self.options.get("depth")
        if written is None:
            return DEFAULT_DEPTH
        value = written.strip()
        if value.isdigit() and int(value) >= 1:
            return int(value)
        fix = f"write a whole number of steps, 1 or more (the default, {DEFAULT_DEPTH}, is used)"
        cannot_be(self, "depth", value, fix)
        return DEFAULT_DEPTH

    def relations(self) -> list[str]:
        """The ``:relations:`` option's relations (all by default); a word that is none
        warns and is left out, and none left means all."""
        written = self.options.get("relations")
        if written is None:
            return list(RELATIONS)
        chosen = chosen_words(
            self, "relations", RELATIONS, lambda word: word.lower().replace("_", "-")
        )
        if not chosen:
            warn(
                Subtype.option,
                f"{self.name} option :relations: names no relation; all of "
                f"{', '.join(RELATIONS)} are drawn",
                location=self.get_location(),
            )
            return list(RELATIONS)
        return chosen
