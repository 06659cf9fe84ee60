"""Which TeX a term database's math may hold.

MathJax turns some TeX macros into HTML: ``\\href`` and ``\\url`` make links (with any
scheme), ``\\class``, ``\\style``, ``\\cssId`` and the ``\\html...`` family put
attributes on elements, ``\\require`` loads extensions and ``\\unicode`` picks fonts.
``\\bbox`` takes CSS and ``\\data`` sets attributes. Database math may use none of
them, and may define no macro, because a definition (``\\def\\h{\\hr ef}`` once
expanded, ``\\csname``) could spell one in pieces.

The LaTeX builder copies math into the ``.tex`` file, so database math may not reach
TeX's files, shell or engine either: ``\\input``, ``\\write``, ``\\openout``,
``\\immediate``, ``\\special``, ``\\catcode`` (which makes any character a
macro's), the ``\\every...`` hooks (which run in later math), and the primitives
of pdfTeX, LuaTeX and XeTeX (``\\directlua``, ``\\pdfliteral``, ...).
"""

from __future__ import annotations

import re

#: HTML classes that stop MathJax (3 and 4, and 2) from typesetting an element's text,
#: and that let it typeset one inside such an element: database text is shown in the
#: first, and only math that ``math_problem`` passed gets the second.
MATHJAX_IGNORE = ("mathjax_ignore", "tex2jax_ignore")
MATHJAX_PROCESS = ("mathjax_process", "tex2jax_process")

#: Control words MathJax renders as links, attributes or loads.
_ACTIVE = frozenset(
    {"href", "url", "class", "style", "cssid", "require", "unicode", "mmltoken", "bbox", "data"}
)
#: Control words that read or write files, run programs or change how TeX reads.
_ENGINE = frozenset(
    {
        "input",
        "include",
        "includeonly",
        "endinput",
        "usepackage",
        "requirepackage",
        "documentclass",
        "write",
        "immediate",
        "openout",
        "closeout",
        "openin",
        "closein",
        "read",
        "readline",
        "newwrite",
        "newread",
        "special",
        "shipout",
        "output",
        "scantokens",
        "catcode",
        "makeatletter",
    }
)
#: Prefixes of the engines' own primitives (``\pdfliteral``, ``\directlua``, ...)
#: and of TeX's hooks into later text (``\everymath``, ``\everypar``, ...).
_ENGINE_PREFIXES = ("pdf", "lua", "directlua", "latelua", "xetex", "every")
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
        if word in _ENGINE or word.startswith(_ENGINE_PREFIXES):
            return f"uses the macro \\{match.group(1)}, which reaches TeX's files or engine"
    return None
