"""How a ``term-graph`` is shown: drawn by Graphviz, or as a nested list of its terms.

HTML gets an SVG whose nodes link to the cards, with the list under it in a
``<details>``; LaTeX a figure (PDF), Texinfo a PNG. Every other builder, and every
builder when Graphviz's ``dot`` cannot be run, gets the list, so no term is lost.
As ``sphinx.ext.inheritance_diagram`` does, the drawing is made while the page is
written, through ``sphinx.ext.graphviz``, which names each file by a hash of its
code and never runs ``dot`` for a file that is there.
"""

from __future__ import annotations

import html
import os
import shutil
from pathlib import PurePath
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.ext.graphviz import (
    GraphvizError,
    render_dot,
    render_dot_latex,
)
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from .. import labels
from ..termdb.term_graph import Item, Line, TermGraph, outline
from ..warnings import Subtype
from .card import status_mark
from .current_builder import current_builder
from .domain import TermrefDomain, get_domain
from .graph_directive import term_graph
from .graph_dot import DrawnTerm, dot_code
from .log import first_time, warn

#: Builder formats that draw the graph (where ``dot`` can be run).
DRAWN = frozenset({"html", "latex", "texinfo"})
#: The largest printed drawing, in inches (Graphviz's ``size``): a page's text block.
PRINTED_SIZE = "6.5,9"
#: On the references of the list, as on every term link: the term it leads to. The
#: drawing's links are read from them, once singlehtml's are fixed (``joined_pages``).
TERM_ID = "termref_id"
#: Where ``graphviz_dot`` is not a program, what to do.
INSTALL = (
    "install Graphviz (on Debian or Ubuntu: apt-get install graphviz; elsewhere see "
    "https://graphviz.org/download/) or set graphviz_dot to the path of its dot program"
)


def dot_missing(builder: Builder, location: nodes.Node) -> bool:
    """Whether ``graphviz_dot`` cannot be run; said once per build, at the first graph,
    before Sphinx's graphviz would warn in its own words."""
    dot = builder.config.graphviz_dot
    if dot and shutil.which(dot) is not None:
        return False
    if first_time("termref-graph-dot", dot):
        warn(
            Subtype.graph,
            f"term-graph cannot draw: graphviz_dot = {dot!r} is no program here, so every "
            f"term graph of this build is a list of its terms; {INSTALL}",
            location=location,
        )
    return True


class ShowGraphs(SphinxPostTransform):
    """Each ``term_graph`` as a figure to draw, or as its list."""

    # Once references are resolved (Sphinx: 10), before the links on joined pages are
    # fixed (900).
    default_priority = 895

    def run(self, **kwargs: Any) -> None:
        builder = current_builder(self.env)
        domain = get_domain(self.env)
        for node in list(self.document.findall(term_graph)):
            # The page was read with this database (``incremental``); the guard is cheap.
            known = [t for t in node["term_ids"] if t in domain.database.terms]
            lines = [Line(*line) for line in node["lines"] if set(line[:2]) <= set(known)]
            graph = TermGraph(known, lines, node["focus"] if node["focus"] in known else "")
            focus = domain.database.terms.get(graph.focus)
            name = focus.name if focus else ""
            caption = labels.graph_caption(name, node["category"], node["tag"])
            listing = self.listing(outline(graph), domain, builder)
            if builder.format in DRAWN and not dot_missing(builder, node):
                node["drawn"] = [tuple(t) for t in drawn_terms(graph, domain, builder)]
                node += listing
                text = f"{caption}. {labels.graph_legend()}"
                names = ", ".join(label for _id, label, *_ in node["drawn"])
                node["alt"] = f"{caption}: {names}"
                figure = nodes.figure("", ids=node["ids"], classes=node["classes"])
                node["ids"] = []
                figure.source, figure.line = node.source, node.line
                node.replace_self(figure)
                figure += [node, nodes.caption(text, text)]
            else:
                intro = nodes.paragraph(caption, caption + ":")
                container = nodes.container(
                    "", intro, listing, ids=node["ids"], classes=node["classes"]
                )
                node.replace_self(container)

    def listing(self, items: list[Item], domain: TermrefDomain, builder: Builder) -> nodes.Element:
        bullets = nodes.bullet_list(classes=["termref-graph__list"])
        for item in items:
            line = nodes.paragraph()
            if item.relation:
                line += nodes.Text(f"{relation_label(item.relation)}: ")
            line += self.name(item.term_id, domain, builder)
            if item.more:
                line += nodes.Text(" (")
                for number, (relation, other) in enumerate(item.more):
                    line += nodes.Text(("; " if number else "") + f"{relation_label(relation)}: ")
                    line += self.name(other, domain, builder)
                line += nodes.Text(")")
            entry = nodes.list_item("", line)
            if item.children:
                entry += self.listing(item.children, domain, builder)
            bullets += entry
        return bullets

    def name(self, term_id: str, domain: TermrefDomain, builder: Builder) -> list[nodes.Node]:
        """The term's name, linked to its card where it has one (as a link to it is
        everywhere: a man page keeps the text), and its status mark."""
        term = domain.database.terms[term_id]
        text: nodes.Element = nodes.inline(term.name, term.name, classes=["termref-graph__term"])
        place = domain.target(term.id)
        if place is not None:
            text = make_refnode(builder, self.env.docname, place.docname, place.node_id, text)
            text[TERM_ID] = term.id
        marks = status_mark(term.status, "termref-graph") if term.status != "approved" else []
        return [text, *marks]


def relation_label(relation: str) -> str:
    """ "Broader", "Narrower", "See also", as the card's sections name them."""
    return labels.section_label(relation).capitalize()


def drawn_terms(graph: TermGraph, domain: TermrefDomain, builder: Builder) -> list[DrawnTerm]:
    """The nodes of the drawing; the links are filled in by the HTML writer."""
    texts = domain.link_texts(builder)
    drawn = []
    for term_id in graph.term_ids:
        term = domain.database.terms[term_id]
        name = term.name
        if term.status != "approved":
            name += " " + labels.status_mark(term.status)
        drawn.append(DrawnTerm(term_id, name, texts.summary(term) or term.name, ""))
    return drawn


def _code(node: term_graph, urls: dict[str, str], size: str = "") -> str:
    terms = [DrawnTerm(*t)._replace(url=urls.get(t[0], "")) for t in node["drawn"]]
    lines = [Line(*line) for line in node["lines"]]
    return dot_code(terms, lines, node["focus"], size)


def _options(translator: Any) -> dict[str, Any]:
    # HTML: the page's name in the hash, as the links are relative to the page.
    # LaTeX and Texinfo write one document and have no links in the drawing.
    docname = getattr(translator.builder, "current_docname", None)
    return {"docname": docname} if docname else {}


def _link(translator: Any, reference: nodes.Element) -> str:
    """The address of ``reference`` from the page, with the page's file name when it
    leads into the page itself: Sphinx makes a link in the SVG relative to the
    image's folder (``fix_svg_relative_paths``), and "#id" would lose the page."""
    builder = translator.builder
    uri: str = reference.get("refuri") or "#" + reference["refid"]
    if uri.startswith("#"):
        uri = os.path.basename(builder.current_docname + builder.out_suffix) + uri
    path, hash_, fragment = uri.partition("#")
    if path.endswith("/"):  # dirhtml's "../cards/", whose slash Sphinx's fix would drop
        uri = f"{path}index.html{hash_}{fragment}"
    return uri


def visit_html(self: Any, node: term_graph) -> None:
    references = node.findall(nodes.reference)
    urls = {ref[TERM_ID]: _link(self, ref) for ref in references if TERM_ID in ref}
    try:
        source, _path = render_dot(self, _code(node, urls), _options(self), "svg", "termref-graph")
    except GraphvizError as error:
        warn(Subtype.graph, f"term-graph could not be drawn, so it is a list: {error}", node)
        source = None
    node["drawing"] = source is not None
    if source is None:
        return
    alt, data = html.escape(node["alt"]), html.escape(PurePath(source).as_posix())
    self.body.append(
        f'<div class="termref-graph__drawing"><object data="{data}" '
        f'type="image/svg+xml" class="graphviz termref-graph__svg" '
        f'role="img" aria-label="{alt}"><p>{alt}</p></object></div>\n'
        f'<details class="termref-graph__outline"><summary>'
        f"{html.escape(labels.graph_outline())}</summary>\n"
    )


def depart_html(self: Any, node: term_graph) -> None:
    if node.get("drawing"):
        self.body.append("</details>\n")


# Sphinx's renderers ask for a graphviz node; they read its place and classes only.
def visit_latex(self: Any, node: term_graph) -> None:
    code = _code(node, {}, PRINTED_SIZE)
    render_dot_latex(self, node, code, _options(self), "termref-graph")  # type: ignore[arg-type]


def visit_texinfo(self: Any, node: term_graph) -> None:
    """As ``render_dot_texinfo`` writes it, without the path as a string that Sphinx 9
    warns about."""
    code = _code(node, {}, PRINTED_SIZE)
    try:
        source, _path = render_dot(self, code, _options(self), "png", "termref-graph")
    except GraphvizError as error:
        warn(Subtype.graph, f"term-graph could not be drawn: {error}", node)
        source = None
    if source is not None:
        self.body.append(f"@image{{{os.fspath(source)[:-4]},,,[graphviz],png}}\n")
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    """Draw through ``sphinx.ext.graphviz``, which the project need not list."""
    app.setup_extension("sphinx.ext.graphviz")
    app.add_node(
        term_graph,
        html=(visit_html, depart_html),
        latex=(visit_latex, None),
        texinfo=(visit_texinfo, None),
    )
    app.add_post_transform(ShowGraphs)
