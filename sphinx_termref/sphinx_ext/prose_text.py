"""The running text of a page: the text nodes a prose feature may look at.

Left out: code, literals and literal blocks, math, raw nodes, references and links
(a ``:termref:`` included), titles, captions, rubrics, the toctree, field names,
definition-list terms, API signatures, metadata, and this extension's own cards,
term indexes and usage tables, and anything marked ``translatable =
False`` (text Sphinx generates, such as "Added in version"). Text written as an
interpreted or inline literal (```text```, ````text````) is a literal or a title
reference, so it is left out too.
"""

from __future__ import annotations

from typing import NamedTuple

from docutils import nodes
from sphinx import addnodes

from .nodes import term_backlinks, term_card
from .usage_table import term_usage

#: Elements whose text (their children's included) is never prose.
SKIPPED: tuple[type[nodes.Element], ...] = (
    nodes.FixedTextElement,  # literal blocks, doctest blocks, math blocks, raw, comments
    nodes.literal,
    nodes.math,
    nodes.reference,
    addnodes.pending_xref,
    nodes.title_reference,
    nodes.abbreviation,
    nodes.title,
    nodes.subtitle,
    nodes.caption,
    nodes.rubric,
    nodes.field_name,
    nodes.term,
    nodes.label,
    nodes.option_list,
    nodes.target,
    nodes.substitution_definition,
    nodes.system_message,
    nodes.problematic,
    nodes.docinfo,
    addnodes.toctree,
    addnodes.index,
    addnodes.desc_signature,
    addnodes.productionlist,
    addnodes.literal_emphasis,
    addnodes.literal_strong,
    term_card,
    term_backlinks,
    term_usage,  # filled in when the page is written
)
#: The containers of ``term-index``.
SKIPPED_CLASSES = {"termref-index"}


def skipped(node: nodes.Element) -> bool:
    return (
        isinstance(node, SKIPPED)
        or not node.get("translatable", True)
        or not SKIPPED_CLASSES.isdisjoint(node["classes"])
    )


class lint_switch(nodes.Invisible, nodes.Element):
    """``.. termref-lint:: off`` or ``on``, where it stands; taken out once read."""


class PageText(NamedTuple):
    """What a prose feature reads of a page, found in one walk of its tree."""

    #: The text nodes of the page's prose, its lint switches and the references it
    #: writes, in document order.
    prose: list[nodes.Text | lint_switch | addnodes.pending_xref]
    #: For each text node (by ``id``), the characters just before and after it in
    #: the running text of its paragraph or other block, "" at the block's edge:
    #: markup splits a word's text (``:term:`generator`-iterator``,
    #: ``*self*-supervised``) into nodes that are each read alone.
    around: dict[int, tuple[str, str]]
    #: Every reference on the page, in prose or not.
    references: list[addnodes.pending_xref]


def page_text(document: nodes.document) -> PageText:
    """The page's prose, what stands around each text, and its references. One walk
    of the tree gathers all three: each walk of a large page's tree costs about as
    much as matching its prose."""
    found = PageText([], {}, [])
    texts: list[tuple[nodes.Text, nodes.Node]] = []

    def walk(node: nodes.Element, in_prose: bool, block: nodes.Node) -> None:
        for child in node.children:
            if isinstance(child, nodes.Text):
                texts.append((child, block))
                if in_prose:
                    found.prose.append(child)
            elif isinstance(child, lint_switch):
                if in_prose:
                    found.prose.append(child)
            elif isinstance(child, nodes.Element):
                if isinstance(child, addnodes.pending_xref):
                    found.references.append(child)
                    if in_prose:
                        found.prose.append(child)
                    in_child = False
                else:
                    in_child = in_prose and not skipped(child)
                # Inline markup is part of the running text of the block around it.
                walk(child, in_child, block if isinstance(child, nodes.Inline) else child)

    walk(document, True, document)
    previous: tuple[str, nodes.Node, nodes.Text] | None = None
    around = found.around
    for text, block in texts:
        content = text.astext()
        if not content:
            continue
        before = ""
        if previous is not None and previous[1] is block:
            before = previous[0][-1]
            around[id(previous[2])] = (around[id(previous[2])][0], content[0])
        around[id(text)] = (before, "")
        previous = (content, block, text)
    return found


def file_field(document: nodes.document, name: str) -> tuple[str, int] | None:
    """The value and line of a file-wide field (``:name: value`` at the top of a
    page, or MyST front matter), before Sphinx takes the page's metadata out of the
    doctree."""
    index = document.first_child_not_matching_class(nodes.PreBibliographic)  # type: ignore[arg-type]
    if index is None or not isinstance(document[index], nodes.docinfo):
        return None
    for field in document[index].findall(nodes.field):
        if field[0].astext().strip().lower() == name:
            return field[1].astext().strip(), field.line or document[index].line or 1
    return None


def line_of(text: nodes.Text, offset: int) -> tuple[str, int]:
    """The source file and line of ``offset`` in ``text``: the enclosing element's
    line, plus the line breaks before it in the element's text."""
    element = text.parent
    while element is not None and element.line is None:
        element = element.parent
    if element is None or element.line is None:
        return "", 0
    before = 0
    for node in element.findall(nodes.Text):
        if node is text:
            break
        before += node.astext().count("\n")
    return element.source or "", element.line + before + text.astext().count("\n", 0, offset)
