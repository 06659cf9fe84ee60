"""LaTeX for cards: a framed topic box, its labels set in small capitals."""

from __future__ import annotations

from typing import TYPE_CHECKING

import sphinx
from docutils import nodes

from ..nodes import (
    term_card,
    term_card_abbreviation,
    term_card_category,
    term_card_name,
    term_card_section,
    term_card_summary,
)

if TYPE_CHECKING:
    from sphinx.writers.latex import LaTeXTranslator

CR = "\n"
#: The box Sphinx's own LaTeX writer draws a topic in: ``sphinxtopic`` from Sphinx
#: 8.1 on, ``sphinxShadowBox`` before (8.0's LaTeX has no ``sphinxtopic``).
TOPIC = "sphinxtopic" if sphinx.version_info >= (8, 1) else "sphinxShadowBox"


def visit_card(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.in_minipage += 1
    self.body.append(CR + rf"\begin{{{TOPIC}}}" + CR + self.hypertarget_to(node, anchor=True))


def depart_card(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.in_minipage -= 1
    self.body.append(CR + rf"\end{{{TOPIC}}}" + CR)


def visit_category(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(CR + r"\noindent{\small\sffamily // \MakeUppercase{")


def depart_category(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(r"}}\par" + CR)


def visit_name(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(CR + r"\noindent{\Large\bfseries ")


def depart_name(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(r"}\par\smallskip" + CR)


def visit_abbreviation(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(" (")


def depart_abbreviation(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(")")


def visit_summary(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(CR + r"{\itshape ")


def depart_summary(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(r"}\par" + CR)


def visit_section(self: LaTeXTranslator, node: nodes.Element) -> None:
    """A small skip, then the label in bold small capitals, kept with the text."""
    label = self.encode(node["label"])
    self.body.append(CR + r"\medskip" + CR)
    self.body.append(CR + r"\noindent{\small\bfseries\sffamily " + label + r"}\par\nobreak" + CR)


def depart_section(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(CR)


VISITORS = {
    term_card: (visit_card, depart_card),
    term_card_category: (visit_category, depart_category),
    term_card_name: (visit_name, depart_name),
    term_card_abbreviation: (visit_abbreviation, depart_abbreviation),
    term_card_summary: (visit_summary, depart_summary),
    term_card_section: (visit_section, depart_section),
}
