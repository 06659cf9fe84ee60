"""LaTeX for cards: a framed ``sphinxtopic`` box, its labels set in small capitals."""

from __future__ import annotations

from docutils import nodes
from sphinx.writers.latex import LaTeXTranslator

CR = "\n"


def visit_card(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.in_minipage += 1
    self.body.append(CR + r"\begin{sphinxtopic}" + CR + self.hypertarget_to(node, anchor=True))


def depart_card(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.in_minipage -= 1
    self.body.append(CR + r"\end{sphinxtopic}" + CR)


def visit_category(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(CR + r"\noindent{\small\sffamily // \MakeUppercase{")


def depart_category(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(r"}}\par" + CR)


def visit_name(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(CR + r"\noindent{\Large\bfseries ")


def depart_name(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(r"}\par\smallskip" + CR)


def visit_summary(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(CR + r"{\itshape ")


def depart_summary(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(r"}\par" + CR)


def visit_section(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(CR + r"\medskip" + CR)


def depart_section(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(CR)


def visit_label(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(CR + r"\noindent{\small\bfseries\sffamily ")


def depart_label(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(r"}\par\nobreak" + CR)
