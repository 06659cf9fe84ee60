"""Reading a built ``term-graph``: the SVG that Graphviz drew, parsed as XML.

A graph's nodes are named ``n0``, ``n1``... in the DOT code; the SVG keeps each
name as the ``<title>`` of its group, and each line as ``n0->n1``.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


@dataclass
class Node:
    label: str  # the lines of the label, joined by a space
    href: str  # the link as the SVG has it, relative to its folder; "" for none
    target: str
    tooltip: str
    fill: str
    stroke_width: str
    element_id: str


@dataclass
class Drawing:
    path: Path
    nodes: dict[str, Node]  # by label
    #: (upper label, lower label, dashed, has an arrowhead)
    lines: set[tuple[str, str, bool, bool]]
    root: ET.Element

    def focus(self) -> Node:
        (focus,) = [node for node in self.nodes.values() if node.element_id == "termref-focus"]
        return focus

    def page_link(self, label: str) -> str:
        """The node's link resolved against the SVG's folder, as a browser does, relative
        to the output directory."""
        href = self.nodes[label].href
        base = self.path.parent.name  # _images
        page, _, fragment = href.partition("#")
        return posixpath.normpath(posixpath.join(base, page)) + "#" + fragment


def figure(soup: BeautifulSoup, index: int = 0) -> Tag:
    figures = soup.select("figure.termref-graph")
    return figures[index]


def drawing(outdir: Path, page: str, index: int = 0) -> Drawing:
    """The drawing of the ``index``-th graph of ``page`` (an HTML page of ``outdir``)."""
    soup = BeautifulSoup((outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    obj = figure(soup, index).find("object")
    assert obj is not None and obj["type"] == "image/svg+xml"
    path = (outdir / page).parent / obj["data"]
    return parse(path)


def parse(path: Path) -> Drawing:
    root = ET.parse(path).getroot()
    by_name: dict[str, Node] = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") != "node":
            continue
        name = group.findtext(f"{SVG}title") or ""
        link = group.find(f".//{SVG}a")
        texts = [t.text or "" for t in group.iter(f"{SVG}text")]
        shape = group.find(f".//{SVG}path")
        if shape is None:
            shape = group.find(f".//{SVG}polygon")
        assert shape is not None
        by_name[name] = Node(
            label=" ".join(texts),
            href=link.get(f"{XLINK}href", "") if link is not None else "",
            target=link.get("target", "") if link is not None else "",
            tooltip=link.get(f"{XLINK}title", "") if link is not None else "",
            fill=shape.get("fill", ""),
            stroke_width=shape.get("stroke-width", "1"),
            element_id=group.get("id", ""),
        )
    lines = set()
    for group in root.iter(f"{SVG}g"):
        if group.get("class") != "edge":
            continue
        upper, lower = (group.findtext(f"{SVG}title") or "").split("->")
        stroke = group.find(f"{SVG}path")
        assert stroke is not None
        dashed = stroke.get("stroke-dasharray") is not None
        arrow = group.find(f"{SVG}polygon") is not None
        lines.add((by_name[upper].label, by_name[lower].label, dashed, arrow))
    return Drawing(path, {node.label: node for node in by_name.values()}, lines, root)
