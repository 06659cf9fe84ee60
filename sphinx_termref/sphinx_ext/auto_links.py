"""Auto-links kept as compact text until their page is written.

Sphinx keeps each page it reads in memory until it writes it, and a reference there
is some twenty objects (a ``pending_xref``, an ``inline``, the texts around it,
their attribute lists) that every full pass of Python's cyclic collector walks. So
auto-linking (``autolink``) replaces a text that mentions terms by one
``linked_text`` node holding where its links go, as plain tuples the collector does
not track; ``MakeAutoLinks`` makes the references just before Sphinx resolves
them, so resolvers and writers see the same references as ``:termref:`` makes.
Until then, what reads the tree (other domains, ``doctree-read`` handlers) sees a
text node: docutils' visitors treat it as one, and a copy keeps its links. At
10,000 terms on 300 pages, it took 370,000 objects out of each collection at the
peak.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.addnodes import pending_xref
from sphinx.transforms.post_transforms import SphinxPostTransform

from .abbreviations import EXPAND
from .card import term_xref
from .nodes import AUTO, LINTED


class AutoLink(NamedTuple):
    """A mention to link: ``text[start:end]`` is the mention as written."""

    start: int
    end: int
    #: Where the mention is written, for warnings.
    source: str
    line: int
    #: Whether the link writes the term's abbreviation out (None: not its first use,
    #: or abbreviations are not written out).
    expand: bool | None
    #: Whether the prose lint covers it: only then does it warn when resolved.
    linted: bool


#: ``AutoLink``'s fields as a plain tuple, as a ``linked_text`` keeps them.
AutoLinkFields = tuple[int, int, str, int, bool | None, bool]


class linked_text(nodes.Text):
    """A text of prose whose mentions at ``links`` (``AutoLink`` fields, as plain
    tuples) become references when the page is written."""

    def __new__(cls, data: str, links: tuple[AutoLinkFields, ...] = ()) -> linked_text:
        return super().__new__(cls, data)

    def __init__(self, data: str, links: tuple[AutoLinkFields, ...] = ()) -> None:
        self.links = links

    def copy(self) -> linked_text:
        return linked_text(str(self), self.links)

    def deepcopy(self) -> linked_text:
        return self.copy()

    def rstrip(self, chars: str | None = None) -> linked_text:
        kept = str.rstrip(self, chars)
        return linked_text(kept, tuple(link for link in self.links if link[1] <= len(kept)))

    def lstrip(self, chars: str | None = None) -> linked_text:
        kept = str.lstrip(self, chars)
        cut = len(self) - len(kept)
        links = tuple(
            (start - cut, end - cut, source, line, expand, linted)
            for start, end, source, line, expand, linted in self.links
            if start >= cut
        )
        return linked_text(kept, links)

    def mentions(self) -> Iterator[tuple[str, int]]:
        """Each mention as written, and its line."""
        for start, end, _, line, _, _ in self.links:
            yield self[start:end], line


def references_and_links(tree: nodes.Node) -> Iterator[pending_xref | linked_text]:
    """The references in ``tree`` and the texts whose mentions will be references,
    in document order."""
    for node in tree.findall(lambda node: isinstance(node, (pending_xref, linked_text))):
        yield cast("pending_xref | linked_text", node)


def auto_reference(docname: str, written: str, link: AutoLink) -> pending_xref:
    """A reference to the term ``written`` names, as ``:termref:`` makes it."""
    xref = term_xref(docname, written, written, page_line=link.line)
    xref[AUTO] = True
    xref[LINTED] = link.linted
    if link.expand is not None:
        xref[EXPAND] = link.expand
    for inner in xref.findall(nodes.inline):
        inner["classes"].append("termref-auto")
    xref.source, xref.line = link.source, link.line
    return xref


def linked_pieces(text: linked_text, docname: str) -> list[nodes.Node]:
    """The text's pieces: plain text, and a reference of page ``docname`` for each
    mention."""
    pieces: list[nodes.Node] = []
    done = 0
    for fields in text.links:
        link = AutoLink._make(fields)
        if done < link.start:
            pieces.append(nodes.Text(text[done : link.start]))
        pieces.append(auto_reference(docname, text[link.start : link.end], link))
        done = link.end
    if done < len(text):
        pieces.append(nodes.Text(text[done:]))
    return pieces


def page_of(node: nodes.Node, docname: str) -> str:
    """The page ``node`` is on: in a document that joins pages (singlehtml, LaTeX),
    the one whose ``start_of_file`` holds it; else the page being written, which is
    also where a copy shown on another page (``todolist``) stands."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.start_of_file):
            return str(parent["docname"])
        parent = parent.parent
    return docname


class MakeAutoLinks(SphinxPostTransform):
    """The references of a page's ``linked_text`` nodes, before Sphinx resolves them."""

    default_priority = 5  # Sphinx resolves references at 10

    def run(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(linked_text)):
            text.parent.replace(text, linked_pieces(text, page_of(text, self.env.docname)))
