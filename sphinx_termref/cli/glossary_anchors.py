"""Links to a glossary's own entries by their anchors, written as ``:termref:``.

Sphinx gives each glossary term the anchor ``#term-<id>``, and a definition may link
to another entry with it (```object arrays <#term-object-array>`_``, as NumPy's
glossary does). Cards have other anchors, so the link would lead nowhere: the
importer writes it as a reference to the term, with the link's text.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes

from .glossary_source import Definition

_INLINE_LITERAL = re.compile(r"``.+?``", re.DOTALL)
_TAIL = re.compile(r"<#term-[^>]*>`__?\Z")
#: What a reference's target cannot hold (it would end the role or the target).
_UNWRITABLE = re.compile(r"[<>`\\]")


def glossary_anchors(doctree: nodes.document) -> dict[str, str]:
    """``#term-...`` -> the term's text, for every term of every glossary in the page."""
    anchors: dict[str, str] = {}
    for glossary in doctree.findall(addnodes.glossary):
        for term in glossary.findall(nodes.term):
            for anchor in term["ids"]:
                anchors.setdefault(f"#{anchor}", " ".join(term.astext().split()))
    return anchors


def write_anchor_links(definition: Definition, anchors: dict[str, str]) -> list[tuple[int, str]]:
    """Rewrite each link of the definition to an entry's anchor as ``:termref:``, in
    place; (line, note) for each such link that is kept as written."""
    notes = []
    for link in definition.node.findall(nodes.reference):
        anchor = link.get("refuri", "")
        if not anchor.startswith("#term-"):
            continue
        start, numbers = definition.source_lines(link)
        region = "\n".join(definition.lines[n] for n in numbers)
        match = _written(region, link)
        line = numbers[region.count("\n", 0, match.start())] if match else start
        target = anchors.get(anchor)
        if target is None:
            notes.append(
                (line, f"the link to {anchor!r} names no entry of this glossary; it is kept")
            )
        elif match is None or _UNWRITABLE.search(target):
            notes.append(
                (line, f"the link to {anchor!r} is kept as written: write :termref: instead")
            )
        else:
            written = _TAIL.sub(f"<{target}>`", ":termref:" + match.group())
            region = region[: match.start()] + written + region[match.end() :]
            for number, text in zip(numbers, region.split("\n"), strict=True):
                definition.lines[number] = text
    return notes


def _written(region: str, link: nodes.reference) -> re.Match[str] | None:
    """Where ``region`` writes ``link`` as ```text <#term-x>`_``, outside literals."""
    masked = _INLINE_LITERAL.sub(lambda m: " " * len(m.group()), region)
    pattern = r"\s+".join(re.escape(part) for part in link.rawsource.split())
    found = re.search(pattern, masked)
    if found is None or not found.group().startswith("`") or not _TAIL.search(found.group()):
        return None
    return re.compile(pattern).match(region, found.start(), found.end())
