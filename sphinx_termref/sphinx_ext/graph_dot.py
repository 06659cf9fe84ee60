"""The DOT code of a term graph, for Graphviz.

Every text in it comes from the database, which is not trusted: it is always
written as a quoted DOT string (never an HTML-like label), with backslashes and
quotes escaped and control characters dropped, so no text can end the string and
add attributes, nodes or markup. Node names are ``n0``, ``n1``..., never term text.

The drawing sits in an ``<object>`` that the page's styles do not reach: light
nodes with dark text and mid-grey lines on a transparent ground read on light and
dark themes alike.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from typing import NamedTuple

from ..termdb.term_graph import HIERARCHY, Line

#: Node fill, the focus's fill, text, border and line colours: the text reads on both
#: fills (WCAG AA), and the lines at least 3:1 on white and on the dark themes' grounds.
FILL, FOCUS_FILL, TEXT, BORDER, LINE = "#eef2f7", "#ffe08a", "#1b1f24", "#57606a", "#75808a"
#: Characters per line of a node's label.
LABEL_WIDTH = 24
#: Characters of a tooltip; a longer summary is cut at a word.
TOOLTIP_WIDTH = 300
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class DrawnTerm(NamedTuple):
    """One node: its term, its label (the name and any status mark), its tooltip
    (the summary as plain text), and the address of its card ("" for none)."""

    term_id: str
    label: str
    tooltip: str
    url: str


def quoted(text: str) -> str:
    """``text`` as a DOT string on one line, with nothing in it that DOT reads."""
    text = " ".join(_CONTROL.sub(" ", text).split())
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def label(text: str) -> str:
    """A node label in lines of about ``LABEL_WIDTH`` characters (DOT's ``\\n``)."""
    text = " ".join(_CONTROL.sub(" ", text).split())
    rows = textwrap.wrap(text, LABEL_WIDTH, break_long_words=False) or [""]
    return "\\n".join(quoted(row)[1:-1] for row in rows).join('""')


def tooltip(text: str) -> str:
    return quoted(textwrap.shorten(text, TOOLTIP_WIDTH, placeholder=" …") if text else "")


def dot_code(terms: Sequence[DrawnTerm], lines: Sequence[Line], focus: str, size: str = "") -> str:
    """A digraph of ``terms``, the ``focus`` marked; ``size`` bounds it in inches
    ("6.5,9") for print."""
    number = {term.term_id: index for index, term in enumerate(terms)}
    out = [
        "digraph termref_graph {",
        f'  graph [bgcolor="transparent", rankdir="TB", nodesep="0.3", ranksep="0.45"'
        f"{f', size={quoted(size)}' if size else ''}];",
        f'  node [shape="box", style="rounded,filled", fillcolor="{FILL}", color="{BORDER}", '
        f'fontcolor="{TEXT}", fontname="sans-serif", fontsize="11", margin="0.15,0.06"];',
        f'  edge [color="{LINE}", arrowsize="0.7"];',
    ]
    for index, term in enumerate(terms):
        attributes = [f"label={label(term.label)}", f"tooltip={tooltip(term.tooltip)}"]
        if term.url:
            attributes += [f"URL={quoted(term.url)}", 'target="_top"']
        if term.term_id == focus:
            attributes += [f'fillcolor="{FOCUS_FILL}"', 'penwidth="2.5"', 'id="termref-focus"']
        out.append(f"  n{index} [{', '.join(attributes)}];")
    for line in lines:
        if line.upper not in number or line.lower not in number:
            continue
        style = "" if line.relation == HIERARCHY else ' [style="dashed", dir="none"]'
        out.append(f"  n{number[line.upper]} -> n{number[line.lower]}{style};")
    out.append("}")
    return "\n".join(out) + "\n"
