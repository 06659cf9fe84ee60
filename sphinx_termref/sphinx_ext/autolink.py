"""Terms in running prose: auto-linking and the prose lint, from one matcher.

With ``termref_autolink = "first"`` (or ``"all"``) the first (or every) mention of
a term on a page becomes a reference made exactly as ``:termref:`` makes it, so the
domain records it and it has a reference's tooltip, preview, REFERENCED IN entry
and usage count. A page that refers to a term itself gets no extra link in
``"first"`` mode. ``termref_lint`` warns about plain text that uses a discouraged
spelling or names a deprecated term (a link warns when it is resolved, so each
place warns once); ``termref_lint_unlinked`` also about the first mention of a
term that a page neither refers to nor links.

``ProseTerms`` runs while a page is read, after smart quotes and before the domain
collects the page's references, so serial and parallel builds see the same text in
the same order.
"""

from __future__ import annotations

import weakref
from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from ..termdb.database import TermDatabase
from ..termdb.prose import Mention, ProseMatcher, inflected, term_spellings
from ..termdb.records import Term
from ..warnings import Subtype
from .abbreviations import ABBREVIATIONS, EXPAND, is_abbreviation
from .auto_links import AutoLinkFields, MakeAutoLinks, linked_text
from .config import AUTOLINK
from .domain import TermrefDomain, get_domain
from .governance import deprecation_message, discouraged_message, hidden_draft
from .log import warn
from .nodes import PAGE_LINE
from .prose_text import file_field, line_of, lint_switch, page_text

#: The file-wide fields that set auto-linking and abbreviations for one page.
PAGE_FIELD = "termref-autolink"
ABBREVIATIONS_FIELD = "termref-abbreviations"

# One matcher per database: built once per build, before parallel reading forks.
_matchers: weakref.WeakKeyDictionary[TermDatabase, tuple[bool, ProseMatcher]] = (
    weakref.WeakKeyDictionary()
)


def matcher(domain: TermrefDomain) -> ProseMatcher:
    inflect = bool(domain.env.config.termref_inflections)
    kept = _matchers.get(domain.database)
    if kept is None or kept[0] != inflect:
        kept = _matchers[domain.database] = (inflect, ProseMatcher(domain.database, inflect))
    return kept[1]


def in_use(config: Any) -> bool:
    """Whether the settings turn on a prose feature for every page."""
    return bool(
        config.termref_autolink != "off"
        or config.termref_abbreviations != "off"
        or config.termref_lint
        or config.termref_lint_unlinked
    )


class LintDirective(SphinxDirective):
    """``.. termref-lint:: off`` and ``.. termref-lint:: on``: the prose lint for a
    stretch of a page."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        value = self.arguments[0].strip().lower()
        if value not in ("on", "off"):
            warn(
                Subtype.option,
                f"termref-lint takes 'on' or 'off', not {self.arguments[0]!r}; the lint "
                "is left as it is",
                location=self.get_location(),
            )
            return []
        return [lint_switch(on=value == "on")]


class ProseTerms(SphinxTransform):
    """Mentions of terms in a page's prose: linked, and linted."""

    # After smart quotes (750), before the domains collect the page (SphinxDomains, 850).
    default_priority = 840

    def apply(self, **kwargs: Any) -> None:
        env, document = self.env, self.document
        autolink = page_choice(env, document, PAGE_FIELD, "termref_autolink", AUTOLINK)
        expand = page_choice(
            env, document, ABBREVIATIONS_FIELD, "termref_abbreviations", ABBREVIATIONS
        )
        if autolink == "off" and expand == "off" and not in_use(self.config):
            for switch in list(document.findall(lint_switch)):
                switch.parent.remove(switch)
            return
        found = page_text(document)
        page = PageMentions(env, found.references, autolink, expand)
        for item in found.prose:
            if isinstance(item, lint_switch):
                page.linting = item["on"]
                item.parent.remove(item)
            elif isinstance(item, pending_xref):
                page.reference(item)
            else:
                page.text(item, *found.around.get(id(item), ("", "")))
        words = self.env.__dict__.setdefault("termref_prose_words", {})
        words[self.env.docname] = frozenset(page.words)


def page_choice(
    env: BuildEnvironment,
    document: nodes.document,
    field: str,
    setting: str,
    choices: tuple[str, ...],
) -> str:
    """A page's own value of ``setting``, from its file-wide ``field``; else the setting's."""
    found = file_field(document, field)
    if found is None:
        return str(env.config[setting])
    value, line = found
    if value.lower() in choices:
        return value.lower()
    warn(
        Subtype.option,
        f"the file-wide field :{field}: cannot be {value!r}; write one of "
        f"{', '.join(choices)} (the {setting} setting is used)",
        location=(env.docname, line),
    )
    return str(env.config[setting])


class PageMentions:
    """What one page has mentioned so far, and what to make of the next mention."""

    def __init__(
        self,
        env: BuildEnvironment,
        references: list[pending_xref],
        autolink: str,
        expand: str,
    ) -> None:
        self.env, self.config = env, env.config
        self.domain = get_domain(env)
        self.matcher = matcher(self.domain)
        self.autolink, self.expand = autolink, expand
        self.linting = True
        #: Terms whose first reference or link the page has made.
        self.used: set[str] = set()
        #: Terms the page refers to itself, and those it has linked or mentioned.
        self.referred = referred_terms(self.domain, references)
        self.linked: set[str] = set()
        self.mentioned: set[str] = set()
        self.words: set[str] = set()

    def text(self, text: nodes.Text, before: str = "", after: str = "") -> None:
        """Link and lint the mentions in ``text``, which ``before`` and ``after``
        stand next to in its paragraph."""
        content = text.astext()
        links: list[AutoLinkFields] = []
        for mention in self.matcher.mentions(content, self.words, before, after):
            term = self.domain.database.terms[mention.term_id]
            if hidden_draft(self.config, term):
                continue
            written = content[mention.start : mention.end]
            if self.links(term):
                self.linked.add(term.id)
                source, line = line_of(text, mention.start)
                linted = bool(self.linting and self.config.termref_lint)
                expand = self.first_use(term, written)
                links.append((mention.start, mention.end, source, line, expand, linted))
            elif self.linting:
                self.lint(term, mention, written, text)
            self.mentioned.add(term.id)
        if links:
            text.parent.replace(text, linked_text(content, tuple(links)))

    def reference(self, xref: pending_xref) -> None:
        """A reference the page writes, where it stands among the mentions."""
        if (xref.get("refdomain"), xref.get("reftype")) != ("termref", "term"):
            return
        term = self.domain.find(xref["reftarget"])
        if term is not None:
            expand = self.first_use(term, xref.astext())
            if expand is not None:
                xref[EXPAND] = expand

    def first_use(self, term: Term, written: str) -> bool | None:
        """Whether a reference to ``term`` written so writes its abbreviation out:
        the page's first reference does, if it is the abbreviation (None: not the
        first, or abbreviations are not written out)."""
        expand = None
        if self.expand == "first" and term.id not in self.used:
            expand = is_abbreviation(term, written)
        self.used.add(term.id)
        return expand

    def links(self, term: Term) -> bool:
        if self.autolink == "off" or not term.autolink:
            return False
        if self.autolink == "all":
            return True
        return term.id not in self.referred and term.id not in self.linked

    def lint(self, term: Term, mention: Mention, written: str, text: nodes.Text) -> None:
        messages = []
        if self.config.termref_lint and mention.discouraged:
            messages.append((Subtype.discouraged, discouraged_message(term, written)))
        if self.config.termref_lint and term.status == "deprecated":
            messages.append((Subtype.deprecated, deprecation_message(term, self.domain.database)))
        # Everyday words (autolink: false) are not expected to be linked.
        first = term.autolink and term.id not in self.mentioned | self.referred | self.linked
        if self.config.termref_lint_unlinked and first:
            messages.append(
                (
                    Subtype.unlinked,
                    f"{written!r} is the page's first mention of term {term.name!r}, and the "
                    f"page does not link it; write :termref:`{written}`",
                )
            )
        if messages:
            source, line = line_of(text, mention.start)  # found only when needed
            for subtype, message in messages:
                warn(subtype, message, f"{source}:{line}")


def referred_terms(domain: TermrefDomain, references: list[pending_xref]) -> set[str]:
    """The terms a page's own references name (as ``domain.process_doc`` counts them)."""
    std_terms = domain.env.config.termref_std_terms
    referred = set()
    for node in references:
        kind = (node.get("refdomain"), node.get("reftype"))
        if node.get(PAGE_LINE, 0) is None or kind not in {
            ("termref", "term"),
            ("", "any"),
            *([("std", "term")] if std_terms else []),
        }:
            continue
        term = domain.find(node["reftarget"])
        if term is not None:
            referred.add(term.id)
    return referred


# -- incremental builds: the pages a new or changed spelling may be mentioned on ----


def reads_prose(env: BuildEnvironment) -> bool:
    """Whether a page's prose is looked at: the settings or a page turn a feature on."""
    return bool(getattr(env, "termref_prose_words", None)) or in_use(env.config)


def pages_mentioning(env: BuildEnvironment, database: TermDatabase, terms: set[str]) -> set[str]:
    """The pages whose prose may mention ``terms`` (changed since the last build) in
    a new way: the pages that hold every word of one of their new spellings, or of
    any of their spellings when whether a mention is linked or linted has changed.
    A page that holds none of the new spellings links and lints as before (a
    spelling that went away reads again the pages it linked, which refer to it)."""
    if not reads_prose(env):
        return set()
    words: dict[str, frozenset[str]] = getattr(env, "termref_prose_words", {})
    inflect = bool(env.config.termref_inflections)
    known: dict[str, ProseSignature] = env.__dict__.setdefault("termref_prose_terms", {})
    spellings: set[tuple[str, ...]] = set()
    for term_id in terms:
        old = known.pop(term_id, None)
        term = database.terms.get(term_id)
        if term is None:
            continue  # removed: the pages that linked it refer to it (``uses``)
        new_spellings, treatment = known[term_id] = prose_signature(term, inflect)
        if old is None or old[1] != treatment:
            spellings.update(new_spellings)
        else:
            spellings.update(set(new_spellings) - set(old[0]))
    return {
        docname
        for docname, seen in words.items()
        if any(seen.issuperset(keys) for keys in spellings)
    }


#: What of a term decides how prose mentions it, kept for the next build: the word
#: keys of its spellings, and (autolink, status, discouraged spellings). Plain tuples
#: of strings and booleans, which Python's collector stops tracking: as named tuples
#: of frozensets, 20,000 objects at 10,000 terms that every full collection walked.
ProseSignature = tuple[tuple[tuple[str, ...], ...], tuple[bool, str, tuple[str, ...]]]


def prose_signature(term: Term, inflect: bool) -> ProseSignature:
    spellings: set[tuple[str, ...]] = set()
    for spelling in term_spellings(term):
        spellings.add(spelling.keys)
        if inflect:
            spellings.update(form.keys for form in inflected(spelling))
    return tuple(sorted(spellings)), (term.autolink, term.status, term.discouraged)


def _start(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: the matcher is built before parallel reading forks."""
    if not hasattr(env, "termref_prose_words"):
        env.termref_prose_words = {}  # type: ignore[attr-defined]
    if in_use(env.config) and docnames:  # (a page that turns a feature on builds it then)
        matcher(get_domain(env))


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    getattr(env, "termref_prose_words", {}).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: Any) -> None:
    mine = env.termref_prose_words  # type: ignore[attr-defined]
    for docname, seen in getattr(other, "termref_prose_words", {}).items():
        if docname in docnames:
            mine[docname] = seen


def connect(app: Sphinx) -> None:
    app.add_directive("termref-lint", LintDirective)
    app.add_transform(ProseTerms)
    # docutils' generic visitors then treat it as text (Sphinx expects elements).
    app.add_node(linked_text)  # type: ignore[arg-type]
    app.add_post_transform(MakeAutoLinks)
    app.connect("env-before-read-docs", _start)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
