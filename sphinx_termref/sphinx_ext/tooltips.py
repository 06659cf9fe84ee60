"""What a link to a term shows besides its text: the tooltip and the hover preview
(written into the term stylesheet, ``term_styles``, and an unlinked reference's
``<abbr>`` title).

Both are plain text made from the database (``plain_text``), with the typography
the card has. Smart quotes educate the card when its page is read, so the same
decision is made here, from the same settings, the way Sphinx makes it: curly
quotes, dashes and ellipses where the card has them, straight ones where it has
them, and never inside what the card shows as code.
"""

from __future__ import annotations

from typing import NamedTuple

from docutils.utils import normalize_language_tag, smartquotes
from sphinx.environment import BuildEnvironment

from ..termdb.plain_text import Token, tokens
from ..termdb.records import Term
from ..termdb.text_layout import paragraphs
from .backslashes import for_smart_quotes


class Typography(NamedTuple):
    """How smart quotes treat this build's text."""

    #: ``smartquotes_action`` ("qDe"), or "" when smart quotes are off.
    action: str
    #: The language whose quotation marks are used.
    language: str


def typography(env: BuildEnvironment, builder_name: str) -> Typography:
    """The typography Sphinx's ``SphinxSmartQuotes`` gives the pages of this build."""
    config = env.config
    excludes = config.smartquotes_excludes
    settings = env.settings
    if (
        settings.get("smart_quotes") is False
        or not config.smartquotes
        or builder_name in excludes.get("builders", [])
        or config.language in excludes.get("languages", [])
    ):
        return Typography("", "")
    language = settings.get("language_code") or "en"
    if str(settings.get("smart_quotes", "")).startswith("alt"):
        language += "-x-altquot"  # docutils' alternative quotes, as its setting asks
    for tag in normalize_language_tag(language):
        if tag in smartquotes.smartchars.quotes:
            return Typography(config.smartquotes_action, tag)
    return Typography("", "")  # no quotation marks known for the language


def educate(parts: list[Token], style: Typography) -> str:
    """The tokens' text with ``style``'s typography, on one line."""
    if style.action:
        # docutils' own routine, fed as SmartQuotes feeds it: code passes unchanged
        text = "".join(smartquotes.educate_tokens(parts, style.action, style.language))
    else:
        text = "".join(text for _, text in parts)
    return " ".join(text.split())


class Preview(NamedTuple):
    """The texts of a term's hover preview."""

    name: str
    #: The abbreviation, or "".
    abbreviation: str
    category: str
    summary: str
    aliases: list[str]


class LinkTexts:
    """A build's tooltips and previews, each made once per term.

    ``:ref:`` and ``:doc:`` without a title of their own show the section's or the
    page's title, as on the card; the labels and titles are complete once every
    page is read, which is when links are resolved.
    """

    def __init__(self, env: BuildEnvironment, builder_name: str) -> None:
        self.env = env
        self.style = typography(env, builder_name)
        self._summaries: dict[str, str] = {}
        self._titles: dict[str, str] = {}

    def _resolve(self, role: str, target: str) -> str | None:
        if role == "ref":
            label = self.env.domaindata["std"]["labels"].get(target.lower())
            return label[2] if label and label[2] else None
        if role == "doc":
            title = self.env.titles.get(target.lstrip("/"))
            return title.astext() if title is not None else None
        return None

    def text(self, text: str) -> str:
        """Inline database text (one line) as plain text with the card's typography."""
        return educate(tokens(text, self._resolve), self.style)

    def summary(self, term: Term) -> str:
        if term.id not in self._summaries:
            parts = (self.text(part) for part in paragraphs(term.summary))
            self._summaries[term.id] = " ".join(part for part in parts if part)
        return self._summaries[term.id]

    def title(self, term: Term) -> str:
        """The tooltip of a reference: the name, as the card's heading has it (with
        the abbreviation), and the summary."""
        title = self._titles.get(term.id)
        if title is None:  # every reference to a term no page shows asks
            summary = self.summary(term)
            name = self.name(term.name)
            if term.abbreviation:
                name = f"{name} ({self.name(term.abbreviation)})"
            title = self._titles[term.id] = f"{name}: {summary}" if summary else name
        return title

    def name(self, text: str) -> str:
        """A name, abbreviation or category, educated as the card educates it (as text,
        not markup: its backslashes are kept)."""
        if self.style.action:
            text = for_smart_quotes(text)
        return educate([("plain", text)], self.style)

    def preview(self, term: Term) -> Preview:
        """Asked once per term, by the term stylesheet: not kept."""
        return Preview(
            name=self.name(term.name),
            abbreviation=self.name(term.abbreviation) if term.abbreviation else "",
            category=self.name(term.category) if term.category else "",
            summary=self.summary(term),
            aliases=self.aliases(term),
        )

    def aliases(self, term: Term) -> list[str]:
        """The aliases, educated as the card's list: one text, an alias per line
        (``nodes.term_card_aliases``), so a quote that opens an alias opens."""
        if not term.aliases or not self.style.action:
            return list(term.aliases)
        lines = smartquotes.educate_tokens(
            [("plain", for_smart_quotes("\n".join(term.aliases)))],
            self.style.action,
            self.style.language,
        )
        return "".join(lines).split("\n")
