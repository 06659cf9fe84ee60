"""Which TeX a term database's math may hold.

MathJax turns some TeX macros into HTML: ``\\href`` and ``\\url`` make links (with any
scheme), ``\\class``, ``\\style``, ``\\cssId`` and the ``\\html...`` family put
attributes on elements, ``\\require`` loads extensions and ``\\unicode`` picks fonts.
Database math may use none of them, and may define no macro, because a definition
(``\\def\\h{\\hr ef}`` once expanded, ``\\csname``) could spell one in pieces.
"""

from __future__ import annotations

import re

#: Control words MathJax renders as links, attributes or loads.
_ACTIVE = frozenset({"href", "url", "class", "style", "cssid", "require", "unicode", "mmltoken"})
#: Control words that define or build other macros.
_DEFINING = frozenset(
    {
        "def",
        "edef",
        "gdef",
        "xdef",
        "let",
        "futurelet",
        "newcommand",
        "renewcommand",
        "providecommand",
        "newenvironment",
        "renewenvironment",
        "declaremathoperator",
        "csname",
        "expandafter",
    }
)
# A control word is a backslash and letters; TeX stops it at the first non-letter,
# so "\href{", "\href {" and "{\href}" all name \href.
_CONTROL_WORD = re.compile(r"\\([A-Za-z]+)")


def math_problem(tex: str) -> str | None:
    """Why ``tex`` may not be rendered as math, or None when it may."""
    if "^^" in tex:  # TeX's character-code notation could spell a macro's name
        return "uses TeX's ^^ character notation"
    for match in _CONTROL_WORD.finditer(tex):
        word = match.group(1).lower()
        if word in _ACTIVE or word.startswith("html"):
            return f"uses the macro \\{match.group(1)}, which makes links or HTML attributes"
        if word in _DEFINING:
            return f"defines macros with \\{match.group(1)}"
    return None
