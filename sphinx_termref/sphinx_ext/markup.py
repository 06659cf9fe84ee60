"""Database text as document content: inline markup only, parsed where the card is shown.

Text fields hold reStructuredText *inline* markup, whatever the page's own markup
language (reStructuredText or MyST Markdown). Blank lines separate paragraphs.
Nothing block-level is interpreted here (the long fields' blocks are
``block_markup``'s, which uses this guard for the inline markup inside them), and
the inline constructs that could inject
raw output or depend on the host page (the ``raw`` role and roles built on it,
substitutions, footnotes, hyperlink targets, links with scripting schemes, math
with MathJax's HTML macros) are refused with a warning and kept as plain text.

Links in database text are anonymous, whether written `` `text <url>`_ `` or
`` `text <url>`__ ``: a card's text adds no names to the page, so it can neither
clash with the page's own targets nor with another card's links of the same text.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

from docutils import nodes
from docutils.languages import get_language
from docutils.parsers.rst import roles
from docutils.parsers.rst.states import Inliner
from docutils.utils import unescape
from sphinx import addnodes

from ..termdb.tex import MATHJAX_PROCESS, math_problem
from ..termdb.text_layout import paragraphs
from ..termdb.urls import url_problem
from ..warnings import Subtype
from .log import first_time, warn, warn_once

#: Set on the references made in database text to what holds them ("the summary of
#: term 'x'"): they are located in the database, their warnings name the text, and a
#: card shown on several pages says them once.
DATABASE_TEXT = "termref_database_text"

#: Every inline construct starts with one of these (a URI with its scheme's ":", an
#: e-mail address with "@"); text without any is plain text to the inliner too.
_MARKUP_START = re.compile(r"[`*_|\\:@\[\x00]")


def _is_raw(role_fn: Any) -> bool:
    while role_fn is not None:
        if role_fn is roles.raw_role:
            return True
        role_fn = getattr(role_fn, "base_role", None)  # roles made with ".. role:: x(raw)"
    return False


class _Guard:
    """Checks made while docutils' own inliner parses database text.

    The inliner builds its patterns from its class's attributes, so it cannot be
    subclassed; the checks are plugged into one instance's dispatch table instead.
    """

    def __init__(self, settings: Any) -> None:
        self.origin = ""  # which field of which term is being parsed, for messages
        self.source = ""  # the page's file
        self.location = ""  # where messages go when not the page's line (block text)
        #: Where the text is written in the database (file, line), which messages name.
        self.located: tuple[str, int] | None = None
        self.inliner = Inliner()
        self.inliner.init_customizations(settings)
        self.inliner.dispatch = {
            **Inliner.dispatch,
            "|": self.substitution_reference,  # type: ignore[dict-item]
            "]_": self.footnote_reference,  # type: ignore[dict-item]
            "_`": self.inline_target,  # type: ignore[dict-item]
        }
        self.interpreted = self.inliner.interpreted
        self.inliner.interpreted = self.checked_interpreted  # type: ignore[method-assign]
        self.phrase_ref = self.inliner.phrase_ref
        self.inliner.phrase_ref = self.anonymous_phrase_ref  # type: ignore[method-assign]

    def refuse(self, rawsource: str, lineno: int, why: str) -> list[nodes.Node]:
        message = f"{self.origin} {why}; it is shown as plain text"
        location = "{}:{}".format(*self.located) if self.located else self.location
        if location:  # in the database: said once, however many pages show the text
            warn_once(Subtype.markup, message, location)
        else:
            warn(Subtype.markup, message, f"{self.source}:{lineno}")
        return [nodes.Text(unescape(rawsource))]

    def checked_interpreted(
        self, rawsource: str, text: str, role: str, lineno: int
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        role_fn, _ = roles.role(role, self.inliner.language, lineno, self.inliner.reporter)
        if _is_raw(role_fn):
            return self.refuse(rawsource, lineno, f"uses the raw role {role!r}"), []
        if getattr(role_fn, "nodeclass", None) is addnodes.download_reference:
            # It would copy any file the path names into the built site.
            return self.refuse(rawsource, lineno, f"uses the file-copying role {role!r}"), []
        return self.interpreted(rawsource, text, role, lineno)

    def anonymous_phrase_ref(
        self, before: str, after: str, rawsource: str, escaped: str, text: str | None = None
    ) -> tuple[str, list[nodes.Node], str, list[nodes.Node]]:
        """`` `text <url>`_ `` read as `` `text <url>`__ ``: the same link, but no named
        target enters the page's name bookkeeping."""
        embedded = self.inliner.patterns.embedded_link.search(escaped)
        if not embedded or rawsource.endswith("__"):
            # `name`_ refers to one of the page's targets, as on the page itself.
            return self.phrase_ref(before, after, rawsource, escaped)
        before, found, after, messages = self.phrase_ref(before, after, rawsource + "_", escaped)
        reference = found[0]
        if isinstance(reference, nodes.reference):
            reference.rawsource = rawsource
        return before, found, after, messages

    def _refuse_construct(
        self, match: re.Match[str], lineno: int, pattern: re.Pattern[str] | None, why: str
    ) -> tuple[str, list[nodes.Node], str, list[nodes.system_message]]:
        if pattern is None:  # a complete construct: the match is all of it
            before = match.string[: match.start("whole")]
            remaining = match.string[match.end("whole") :]
        else:
            before, _, remaining, _, _ = self.inliner.inline_obj(
                match,
                lineno,
                pattern,
                nodes.substitution_reference,  # type: ignore[arg-type]
            )
        raw = match.string[len(before) : len(match.string) - len(remaining)]
        return before, self.refuse(raw, lineno, why), remaining, []

    def substitution_reference(
        self, inliner: Inliner, match: re.Match[str], lineno: int
    ) -> tuple[str, list[nodes.Node], str, list[nodes.system_message]]:
        pattern = self.inliner.patterns.substitution_ref
        return self._refuse_construct(match, lineno, pattern, "uses a substitution")

    def footnote_reference(
        self, inliner: Inliner, match: re.Match[str], lineno: int
    ) -> tuple[str, list[nodes.Node], str, list[nodes.system_message]]:
        return self._refuse_construct(match, lineno, None, "uses a footnote or citation")

    def inline_target(
        self, inliner: Inliner, match: re.Match[str], lineno: int
    ) -> tuple[str, list[nodes.Node], str, list[nodes.system_message]]:
        pattern = self.inliner.patterns.target
        return self._refuse_construct(match, lineno, pattern, "defines a hyperlink target")

    def parse(
        self, text: str, lineno: int, document: nodes.document, parent: nodes.Element
    ) -> list[nodes.system_message]:
        """Parse ``text`` into ``parent``; the messages are the parser's own."""
        self.source = document.current_source or ""
        language = get_language(document.settings.language_code, document.reporter)
        # All that parse() reads; docutils 0.21 takes the reporter from the memo, later
        # releases take the document's, so both get the same one.
        reporter = document.reporter
        memo = SimpleNamespace(document=document, language=language, reporter=reporter)
        # docutils' own messages, and the nodes roles make, take their place from the
        # reporter: pointed at the database for the time of the parse.
        page_lines = reporter.__dict__.get("get_source_and_line")
        page_messages = reporter.__dict__.get("system_message")
        if self.located is not None:
            located = self.located

            def database_line(lineno: int | None = None) -> tuple[str, int]:
                return located

            reporter.get_source_and_line = database_line
            reporter.system_message = said_once(reporter, located, self.origin)  # type: ignore[method-assign]
        try:
            result, messages = self.inliner.parse(text, lineno, memo, parent)
        finally:
            self.release()
            if self.located is not None:
                _restore(reporter, "get_source_and_line", page_lines)
                _restore(reporter, "system_message", page_messages)
        parent.extend(result)
        if self.located is not None:
            mark_database_text(parent, self.origin)
        self.vet(parent, lineno)
        return messages

    def release(self) -> None:
        # The cached inliner must not keep the page's doctree alive all build long.
        self.inliner.document = self.inliner.reporter = self.inliner.parent = None  # type: ignore[assignment]

    def vet(self, parent: nodes.Element, lineno: int) -> None:
        """Refuse the links and math in ``parent`` that database text may not hold."""
        for reference in list(parent.findall(nodes.reference)):
            if "refname" in reference and self.located is not None:
                # A `name`_ the page does not define is reported later, by docutils'
                # transforms, at the node's place: the database's line, not none.
                reference.source, reference.line = self.located
            problem = url_problem(reference.get("refuri", ""))
            if problem:
                what = f"links to {reference['refuri']!r}, but {problem}"
                reference.replace_self(self.refuse(reference.astext(), lineno, what))
        for math in list(parent.findall(nodes.math)):
            problem = math_problem(math.astext())
            if problem:
                raw = math.rawsource or math.astext()
                math.replace_self(self.refuse(raw, lineno, f"math {problem}"))
            else:
                math["classes"].extend(MATHJAX_PROCESS)  # typeset, in a card that is not


def mark_database_text(parent: nodes.Element, origin: str) -> None:
    """Mark the references in ``parent``, made from database text, with ``origin``."""
    for xref in parent.findall(addnodes.pending_xref):
        xref[DATABASE_TEXT] = origin  # its warnings name the text, and are said once


def said_once(reporter: Any, located: tuple[str, int], origin: str) -> Any:
    """``reporter.system_message`` that names the database text (``origin``) and
    reports each message about the text at ``located`` once: a card shown on several
    pages would repeat it."""
    report = type(reporter).system_message.__get__(reporter)

    def system_message(level: int, message: Any, *children: Any, **kwargs: Any) -> Any:
        message = f"{origin}: {message}"
        if first_time(*located, level, message):
            return report(level, message, *children, **kwargs)
        source, line = located
        return nodes.system_message(
            str(message), level=level, type=reporter.levels[level], source=source, line=line
        )

    return system_message


def _restore(reporter: Any, name: str, value: Any) -> None:
    """Put back the page's own ``name`` of ``reporter`` (an instance attribute or none)."""
    if value is None:
        reporter.__dict__.pop(name, None)
    else:
        setattr(reporter, name, value)


_guards: dict[bool, _Guard] = {}


def _guard(document: nodes.document) -> _Guard:
    character_level = bool(getattr(document.settings, "character_level_inline_markup", False))
    if character_level not in _guards:
        _guards[character_level] = _Guard(document.settings)
    return _guards[character_level]


def inline_guard(document: nodes.document, origin: str, location: str) -> _Guard:
    """The guard for inline markup in block text: ``origin`` names the text, and
    every message is at ``location``."""
    guard = _guard(document)
    guard.origin, guard.source, guard.location = origin, document.current_source or "", location
    guard.located = None  # block text: the state machine locates its messages
    return guard


def parse_inline(
    document: nodes.document,
    text: str,
    lineno: int,
    origin: str,
    located: tuple[str, int] | None = None,
) -> list[nodes.Node]:
    """``text`` as paragraphs whose inline markup is parsed in ``document``.

    Roles such as ``:termref:`` resolve as if written on the page at ``lineno``;
    ``origin`` ("the summary of term 'x'") names the text in messages, which point
    at ``located``, the database file and line the text is written at.
    """
    guard = _guard(document)
    guard.origin, guard.location, guard.located = origin, "", located
    settings = document.settings
    plain_possible = not (
        getattr(settings, "pep_references", None) or getattr(settings, "rfc_references", None)
    )
    result: list[nodes.Node] = []
    for part in paragraphs(text):
        paragraph = nodes.paragraph(part, "")
        paragraph.source, paragraph.line = document.current_source, lineno
        result.append(paragraph)
        if plain_possible and not _MARKUP_START.search(part):
            paragraph += nodes.Text(part)  # what the inliner would make, much sooner
            continue
        result.extend(guard.parse(part, lineno, document, paragraph))
    return result
