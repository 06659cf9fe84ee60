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

from collections.abc import Iterator

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


def prose(node: nodes.Element) -> Iterator[nodes.Text | lint_switch | addnodes.pending_xref]:
    """The text nodes of ``node``'s prose, its lint switches and the references it
    writes, in document order."""
    for child in list(node.children):
        if isinstance(child, (nodes.Text, lint_switch, addnodes.pending_xref)):
            yield child
        elif isinstance(child, nodes.Element) and not skipped(child):
            yield from prose(child)


def neighbours(document: nodes.document) -> dict[int, tuple[str, str]]:
    """For each text node (by ``id``), the characters just before and after it in the
    running text of its paragraph or other block, "" at the block's edge: markup
    splits a word's text (``:term:`generator`-iterator``, ``*self*-supervised``)
    into nodes that are each read alone."""
    found: dict[int, tuple[str, str]] = {}
    previous: tuple[nodes.Text, nodes.Node | None] | None = None
    for text in document.findall(nodes.Text):
        content = text.astext()
        if not content:
            continue
        block = _block(text)
        before = ""
        if previous is not None and previous[1] is block:
            before = previous[0].astext()[-1]
            found[id(previous[0])] = (found[id(previous[0])][0], content[0])
        found[id(text)] = (before, "")
        previous = (text, block)
    return found


def _block(text: nodes.Text) -> nodes.Node | None:
    """The paragraph (or other element that is not inline markup) ``text`` is in."""
    element: nodes.Node | None = text.parent
    while isinstance(element, nodes.Element) and isinstance(element, nodes.Inline):
        if element.parent is None:
            break
        element = element.parent
    return element


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
