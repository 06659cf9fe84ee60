"""Database text with block markup: a safe subset of reStructuredText.

The long text fields (``Kind.blocks`` in ``schema``) may hold what a glossary's
definitions hold: paragraphs, bullet, enumerated and definition lists, block
quotes, literal (``::``) and doctest blocks, and the directives of
``ALLOWED_DIRECTIVES``. Anything else that makes a block (other directives, section
titles, transitions, targets, substitution definitions, footnotes, tables, ...) is
refused with ``termref.markup`` and shown as a literal block of its source, so no
word is lost. Inline markup inside the blocks goes through ``markup``'s guard, and
math through ``tex``'s checks, as in the inline fields.

The text is parsed by docutils' own state machine into a scratch document with
the page's settings (so Sphinx's roles and directives work as on the page) and the
page's ids (so the ids it makes are unique on the page); the names it defines stay
in the scratch document, where no page reference can reach them. Directives are
looked up through Sphinx's ``CustomReSTDispatcher``, which is how Sphinx itself
switches the directives a parse can see.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive
from docutils.parsers.rst.states import RSTStateMachine, SubstitutionDef, state_classes
from docutils.statemachine import StringList
from docutils.utils import new_document
from sphinx.util.docutils import CustomReSTDispatcher, LoggingReporter

from ..termdb.tex import MATHJAX_PROCESS, math_problem
from ..termdb.text_layout import ALLOWED_DIRECTIVES, has_blocks, is_allowed_block
from ..warnings import Subtype
from .log import warn_once
from .markup import inline_guard, mark_database_text, parse_inline, said_once

#: Directive options database text may not give, and why: what the option does
#: reaches past the card. The directive runs without it.
_REFUSED_OPTIONS = {
    # A target on the page (a :ref: or :eq: one); a term's own labels are the way.
    "name": "would make a target on the page (the term's 'labels' give the card its labels)",
    "label": "would make a target on the page (the term's 'labels' give the card its labels)",
    # A class chooses how the page's styles and scripts treat the block: with
    # mathjax_process, MathJax would typeset the text in it.
    "class": "would choose how the page's styles and scripts treat the block",
    # The math goes to MathJax and LaTeX as written, outside any math environment.
    "nowrap": "would hand the math to LaTeX and MathJax outside a math environment",
}


def _is_block(node: nodes.Node) -> bool:
    if not isinstance(node, (nodes.Body, nodes.Structural)):
        return False
    # Targets and raw nodes are both: beside paragraphs, they are ".. _name:" and the like.
    parent = node.parent
    inline_context = isinstance(parent, nodes.TextElement) and not isinstance(
        parent,
        nodes.Admonition,  # a version note is a text element holding paragraphs
    )
    return not (isinstance(node, nodes.Inline) and inline_context)


def parse_blocks(
    document: nodes.document,
    text: str,
    lineno: int,
    origin: str,
    located: tuple[str, int] | None = None,
) -> list[nodes.Node]:
    """``text`` as the blocks of the allowed markup, parsed in ``document``.

    As ``markup.parse_inline``: roles resolve as if written on the page at
    ``lineno``, ``origin`` names the text in messages, which are located at
    ``located`` (the database file and line of the text), else at ``lineno``.
    """
    if not has_blocks(text):
        return parse_inline(document, text, lineno, origin, located)
    return _BlockParse(document, lineno, origin, located).run(text)


class _BlockParse:
    """One parse of one field's text, and the refusals it makes."""

    def __init__(
        self,
        document: nodes.document,
        lineno: int,
        origin: str,
        located: tuple[str, int] | None = None,
    ) -> None:
        self.document = document
        self.source = document.current_source or ""
        self.lineno = lineno
        self.origin = origin
        # Messages go to the text's line in the database, else to the card's.
        self.located = located or (self.source, lineno)
        self.location = "{}:{}".format(*self.located)

    def refuse(self, why: str) -> None:
        # Said once: a card shown on several pages parses the same text again.
        warn_once(Subtype.markup, f"{self.origin} {why}", self.location)

    def shown(self, text: str) -> nodes.literal_block:
        """The source of refused markup, shown as written."""
        return nodes.literal_block(text, text, language="text", classes=["termref-refused"])

    def scratch(self) -> nodes.document:
        scratch = new_document(self.source, self.document.settings)
        scratch.reporter = LoggingReporter.from_reporter(scratch.reporter)
        # docutils' own messages name the text, once, as in the inline fields.
        scratch.reporter.system_message = said_once(  # type: ignore[method-assign]
            scratch.reporter, self.located, self.origin
        )
        # Ids made here go into the page with the nodes, so they are the page's.
        scratch.ids = self.document.ids
        scratch.id_counter = self.document.id_counter
        return scratch

    def run(self, text: str) -> list[nodes.Node]:
        scratch = self.scratch()
        lines = text.splitlines()
        # Every line is located at the text's line, as the inline fields' messages are.
        source_file, line = self.located
        source = StringList(lines, items=[(source_file, line - 1)] * len(lines))
        guard = inline_guard(self.document, self.origin, self.location)
        machine = RSTStateMachine(state_classes=state_classes, initial_state="Body")
        try:
            with _Directives(self):
                machine.run(source, scratch, match_titles=True, inliner=guard.inliner)
        finally:
            guard.release()
        body = list(scratch.children)
        scratch.children = []
        result: list[nodes.Node] = []
        for node in body:
            result.extend(self.vet(node))
        container = nodes.container("", *result)
        mark_database_text(container, self.origin)
        guard.vet(container, self.lineno)
        self.vet_inline(container)
        return list(container.children)

    def vet(self, node: nodes.Node) -> list[nodes.Node]:
        """``node`` as it may go into the card: refused blocks replaced by their text.
        Inline markup is the guard's to check."""
        if not _is_block(node):
            return [node]
        assert isinstance(node, nodes.Element)
        if isinstance(node, nodes.system_message):
            # Already reported by docutils; the text it quotes stays on the card.
            self.forget_ids(node)
            return [self.shown(block.astext()) for block in node.findall(nodes.literal_block)]
        if isinstance(node, nodes.section):
            title = node[0].astext() if node.children else ""
            self.refuse(f"has a section title ({title!r}); it is shown as written")
            self.forget_ids(node, deep=False)
            kept: list[nodes.Node] = [self.shown(title)]
            for child in node.children[1:]:
                kept.extend(self.vet(child))
            return kept
        if not is_allowed_block(node):
            return self.refused_block(node)
        if isinstance(node, nodes.math_block):
            if problem := math_problem(node.astext()):
                self.refuse(f"has math that {problem}; it is shown as text")
                return [self.shown(node.astext())]
            node["classes"].extend(MATHJAX_PROCESS)
        children = list(node.children)
        node.children = []
        for child in children:
            node.extend(self.vet(child))
        return [node]

    def refused_block(self, node: nodes.Element) -> list[nodes.Node]:
        what, fix = _REFUSALS.get(type(node), (f"a {node.tagname.replace('_', ' ')}", ""))
        self.forget_ids(node)
        # A directive's or a target's source; a table keeps none, its text is shown.
        text = node.rawsource or node.astext()
        self.refuse(f"has {what}, which database text may not hold{fix}; it is shown as written")
        return [self.shown(text)] if text.strip() else []

    def forget_ids(self, node: nodes.Element, deep: bool = True) -> None:
        """Free the page ids of nodes that do not go into the card."""
        elements = node.findall(nodes.Element) if deep else (node,)
        for element in elements:
            for node_id in element["ids"]:
                if self.document.ids.get(node_id) is element:
                    del self.document.ids[node_id]

    def vet_inline(self, container: nodes.Element) -> None:
        """A ``name_`` reference is the page's to resolve, as in an inline field."""
        for reference in container.findall(nodes.reference):
            if "refname" in reference and not reference.get("refuri"):
                self.document.note_refname(reference)

    def directive_refused(self, name: str, block_text: str) -> list[nodes.Node]:
        fix = _DIRECTIVE_FIXES.get(name, "")
        self.refuse(
            f"uses the directive {name!r}, which database text may not{fix}; "
            "it is shown as written"
        )
        return [self.shown(block_text)]

    def option_refused(self, name: str, option: str, value: Any) -> None:
        if isinstance(value, list):  # :class:, as docutils normalised it
            value = " ".join(value)
        shown = f" ({value!r})" if value else ""
        self.refuse(
            f"gives its {name!r} directive the option :{option}:{shown}, which "
            f"{_REFUSED_OPTIONS[option]}; it is left out"
        )


#: What a refused block is, and what to write instead.
_REFUSALS: dict[type[nodes.Node], tuple[str, str]] = {
    nodes.target: ("a target", " (the term's 'labels' give the card its labels)"),
    nodes.substitution_definition: ("a substitution definition", ""),
    nodes.transition: ("a transition", ""),
    nodes.footnote: ("a footnote", ""),
    nodes.citation: ("a citation", ""),
    nodes.table: ("a table", ""),
    nodes.line_block: ("a line block", ""),
    nodes.field_list: ("a field list", ""),
    nodes.option_list: ("an option list", ""),
}
_DIRECTIVE_FIXES = {
    "index": " (the term's 'index' field gives the card its index entries)",
    "literalinclude": " (a 'code-block' with the code written out can)",
    "include": "",
}


class _Directives(CustomReSTDispatcher):
    """The allowed directives, each with ``_REFUSED_OPTIONS`` refused; every other
    directive name gives a directive that shows its text and warns."""

    def __init__(self, parse: _BlockParse) -> None:
        super().__init__()
        self.parse = parse

    def directive(
        self, directive_name: str, language_module: ModuleType, document: nodes.document
    ) -> tuple[type[Directive] | None, list[nodes.system_message]]:
        name = directive_name.lower()
        english = getattr(language_module, "directives", {}).get(name, name)
        if name in ALLOWED_DIRECTIVES or english in ALLOWED_DIRECTIVES:
            found, messages = super().directive(directive_name, language_module, document)
            if found is not None:
                return _checked(found, self.parse), messages
        return _refused(self.parse), []


def _checked(directive: type[Directive], parse: _BlockParse) -> type[Directive]:
    class Checked(directive):  # type: ignore[valid-type, misc]
        def run(self) -> list[nodes.Node]:
            for option in _REFUSED_OPTIONS:
                if option in self.options:
                    parse.option_refused(self.name, option, self.options.pop(option))
            return super().run()  # type: ignore[no-any-return]

    return Checked


def _refused(parse: _BlockParse) -> type[Directive]:
    class Refused(Directive):
        has_content = True  # everything after the name is content: nothing fails to parse
        optional_arguments = 0

        def run(self) -> list[nodes.Node]:
            if isinstance(self.state, SubstitutionDef):
                # The definition around it is refused, and shown, as a whole.
                return [nodes.Text(self.block_text)]
            return parse.directive_refused(self.name, self.block_text)

    return Refused
