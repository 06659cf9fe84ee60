"""HTML for cards: a labelled ``<section>`` with schema.org ``DefinedTerm`` microdata.

The name is a ``<dfn>`` inside a heading one level below the enclosing section's
title, and each label is a heading one level below that, so the page outline stays
correct wherever the card is placed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ...termdb.tex import MATHJAX_IGNORE
from ..nodes import (
    term_backlinks,
    term_card,
    term_card_abbreviation,
    term_card_aliases,
    term_card_category,
    term_card_name,
    term_card_section,
    term_card_summary,
    term_index_heading,
)

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

SCHEMA_TYPE = "https://schema.org/DefinedTerm"
_MATHJAX_IGNORE = " ".join(MATHJAX_IGNORE)


def _heading_level(node: nodes.Element, below_name: int) -> int:
    # A card in a grouped term index sits under its group's heading (a letter).
    group = node.parent
    grouped = isinstance(group, nodes.container) and isinstance(
        group.children[0] if group.children else None, term_index_heading
    )
    depth = 1 if grouped and not isinstance(node, term_index_heading) else 0
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return min(6, depth + 1 + below_name)


def _level(self: HTML5Translator, node: nodes.Element, below_name: int) -> int:
    """The heading level of the card being written (set by ``visit_card``)."""
    base = getattr(self, "termref_name_level", None)
    return _heading_level(node, below_name) if base is None else min(6, base + below_name)


def _open(self: HTML5Translator, node: nodes.Element, tag: str, css_class: str) -> str:
    """What ``starttag`` writes for the card's parts, written directly for the usual
    part without ids: a page of cards has thousands of them."""
    if node["ids"]:
        return self.starttag(node, tag, "", CLASS=css_class)
    return f'<{tag} class="{self.attval(" ".join([*node["classes"], css_class]))}">'


def _card_of(node: nodes.Element) -> term_card | None:
    parent: nodes.Element | None = node
    while parent is not None and not isinstance(parent, term_card):
        parent = parent.parent
    return parent


def visit_card(self: HTML5Translator, node: term_card) -> None:
    _card_starts(self).append(len(self.body))
    attributes: dict[str, object] = {"itemscope": "", "itemtype": SCHEMA_TYPE}
    if node["ids"]:
        attributes["aria-labelledby"] = f"{node['ids'][0]}-name"
    else:
        attributes["aria-label"] = node["term_name"]
    # Database text is shown as text: MathJax typesets only the math marked as vetted.
    attributes["CLASS"] = _MATHJAX_IGNORE
    self.body.append(self.starttag(node, "section", "", **attributes))  # type: ignore[arg-type]
    self.termref_name_level = _heading_level(node, 0)  # type: ignore[attr-defined]
    self.body.append(f'<meta itemprop="termCode" content="{self.attval(node["term_id"])}" />\n')
    if node["category"]:
        category = self.attval(node["category"])
        self.body.append(f'<meta itemprop="inDefinedTermSet" content="{category}" />\n')
    for alias in filter(None, [node.get("abbreviation"), *node["aliases"]]):
        self.body.append(f'<meta itemprop="alternateName" content="{self.attval(alias)}" />\n')
    if node["same_as"]:
        self.body.append(f'<link itemprop="sameAs" href="{self.attval(node["same_as"])}" />\n')


def depart_card(self: HTML5Translator, node: term_card) -> None:
    self.body.append("</section>\n")
    self.termref_name_level = None  # type: ignore[attr-defined]
    # The card's parts as one string: a page keeps every part until it is written,
    # and writing a page of 10,000 cards peaked 30 MiB lower (829 against 859 MiB).
    start = _card_starts(self).pop()
    self.body[start:] = ["".join(self.body[start:])]


def _card_starts(self: HTML5Translator) -> list[int]:
    """Where each card being written starts in ``self.body``."""
    starts: list[int] | None = getattr(self, "termref_card_starts", None)
    if starts is None:
        starts = self.termref_card_starts = []  # type: ignore[attr-defined]
    return starts


def visit_category(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(_open(self, node, "p", "termref-card__category"))


def depart_category(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</p>\n")


def visit_name(self: HTML5Translator, node: nodes.Element) -> None:
    level = _level(self, node, 0)
    self.body.append(self.starttag(node, f"h{level}", "", CLASS="termref-card__name"))
    self.body.append('<dfn itemprop="name">')


def depart_name(self: HTML5Translator, node: term_card_name) -> None:
    if not node.abbreviation():
        self.body.append("</dfn>")  # else closed before the abbreviation
    card = _card_of(node)
    if card is not None and card["ids"] and self.config.html_permalinks:
        self.add_permalink_ref(card, "Link to this term")
    self.body.append(f"</h{_level(self, node, 0)}>\n")


def visit_abbreviation(self: HTML5Translator, node: nodes.Element) -> None:
    """After the name, outside its ``<dfn>``: the name is what is defined."""
    self.body.append("</dfn> " + _open(self, node, "span", "termref-card__abbreviation") + "(")


def depart_abbreviation(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(")</span>")


def visit_summary(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(
        self.starttag(node, "div", "", CLASS="termref-card__summary", itemprop="description")
    )


def depart_summary(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def visit_section(self: HTML5Translator, node: nodes.Element) -> None:
    """The section and its label, a heading one level below the card's name."""
    self.body.append(_open(self, node, "div", "termref-card__section"))
    level = _level(self, node, 1)
    label = self.encode(node["label"])
    self.body.append(f'<h{level} class="termref-card__label">{label}</h{level}>\n')


def depart_section(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def depart_skipped(self: HTML5Translator, node: nodes.Element) -> None:
    """Never called: the visitor wrote the whole node and skipped its children."""


def visit_backlinks(self: HTML5Translator, node: nodes.Element) -> None:
    """The same markup as a simple bullet list of internal links."""
    # One string for the list: the page's parts stay in memory until it is written.
    items = "".join(
        f'<li><p><a class="reference internal" href="{self.attval(href)}">'
        f"{self.encode(title)}</a></p></li>\n"
        if href
        else f"<li><p>{self.encode(title)}</p></li>\n"  # a page the output leaves out
        for href, title in node["links"]
    )
    self.body.append(f'<ul class="termref-backlinks simple">\n{items}</ul>\n')
    raise nodes.SkipNode


def visit_aliases(self: HTML5Translator, node: term_card_aliases) -> None:
    """The same markup as a simple bullet list of the aliases."""
    items = "".join(f"<li><p>{self.encode(alias)}</p></li>\n" for alias in node.aliases())
    self.body.append(f'<ul class="termref-aliases simple">\n{items}</ul>\n')
    raise nodes.SkipNode


def visit_index_heading(self: HTML5Translator, node: term_index_heading) -> None:
    """A rubric as Sphinx writes it, and a heading for assistive technology at the
    level a section here would have; it is not a section, so the table of contents
    leaves it out."""
    level = _heading_level(node, 0)
    attributes: dict[str, object] = {"role": "heading", "aria-level": level}
    self.body.append(self.starttag(node, "p", "", CLASS="rubric", **attributes))  # type: ignore[arg-type]


def depart_index_heading(self: HTML5Translator, node: term_index_heading) -> None:
    self.body.append("</p>\n")


VISITORS = {
    term_card: (visit_card, depart_card),
    term_card_category: (visit_category, depart_category),
    term_card_name: (visit_name, depart_name),
    term_card_abbreviation: (visit_abbreviation, depart_abbreviation),
    term_card_summary: (visit_summary, depart_summary),
    term_card_section: (visit_section, depart_section),
    term_card_aliases: (visit_aliases, depart_skipped),
    term_backlinks: (visit_backlinks, depart_skipped),
    term_index_heading: (visit_index_heading, depart_index_heading),
}
