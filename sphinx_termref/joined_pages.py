"""Links to cards in ``singlehtml``, which joins every page into one.

That builder names a page by an anchor (``#document-glossary``), and Sphinx's
``make_refnode`` appends the card's own anchor to it: ``#document-glossary#termref-x``
is one fragment, which no element has. On the joined page the card's anchor alone
(``#termref-x``) is its address.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .domain import get_domain

#: The builders that write every page into one.
JOINING_BUILDERS = ("singlehtml",)


def in_page_uri(refuri: str) -> str | None:
    """The last anchor of ``#page#anchor``, or None for any other link."""
    if not refuri.startswith("#"):
        return None
    _, separator, anchor = refuri[1:].partition("#")
    return "#" + anchor if separator and anchor else None


class JoinedPageLinks(SphinxPostTransform):
    """References to terms, and to the labels of terms, land on the card."""

    builders = JOINING_BUILDERS
    default_priority = 900  # once every reference is resolved (Sphinx resolves at 10)

    def run(self, **kwargs: Any) -> None:
        label_anchors = {node_id for _, node_id in get_domain(self.env).data["labels"].values()}
        for reference in self.document.findall(nodes.reference):
            anchor = in_page_uri(reference.get("refuri", ""))
            if anchor is not None and (reference.get("termref_id") or anchor[1:] in label_anchors):
                reference["refuri"] = anchor
