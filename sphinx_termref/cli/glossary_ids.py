"""Ids for imported glossary terms: the name as a slug, or the name spelled out.

A name's slug keeps its letters and digits (``Café`` -> ``cafe``). When that is
empty (``>>>``, ``...``) or already taken (``C++`` beside ``c``), the symbols are
spelled out by name: ``>>>`` -> ``greater-than-greater-than-greater-than``,
``...`` -> ``dot-dot-dot``, ``C++`` -> ``c-plus-plus``. Spaces, hyphens and
underscores separate words, as they do in references. Only when the spelled-out
id is taken too is a number added (``-2``, ``-3``, ...). The same glossary always
gives the same ids.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from ..termdb.schema import slugify

#: The words for the symbols that names are most often made of.
SYMBOL_NAMES = {
    "!": "exclamation",
    '"': "quote",
    "#": "hash",
    "$": "dollar",
    "%": "percent",
    "&": "ampersand",
    "'": "apostrophe",
    "(": "open-paren",
    ")": "close-paren",
    "*": "star",
    "+": "plus",
    ",": "comma",
    ".": "dot",
    "/": "slash",
    ":": "colon",
    ";": "semicolon",
    "<": "less-than",
    "=": "equals",
    ">": "greater-than",
    "?": "question",
    "@": "at",
    "[": "open-bracket",
    "\\": "backslash",
    "]": "close-bracket",
    "^": "caret",
    "`": "backtick",
    "{": "open-brace",
    "|": "pipe",
    "}": "close-brace",
    "~": "tilde",
}
_SEPARATORS = frozenset(" \t-_")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def plain_slug(name: str) -> str:
    """The letters and digits of ``name`` as a slug: ``'Café au lait'`` -> ``'cafe-au-lait'``."""
    return slugify(_ascii(name))


def _symbol(char: str) -> str:
    if char in SYMBOL_NAMES:
        return SYMBOL_NAMES[char]
    # Unicode's own name: "…" is "horizontal-ellipsis", "λ" "greek-small-letter-lamda".
    return slugify(unicodedata.name(char, "")) or f"u{ord(char):04x}"


def spelled_slug(name: str) -> str:
    """``name`` as a slug with each symbol spelled out: ``'C++'`` -> ``'c-plus-plus'``."""
    words: list[str] = []
    for char in name:
        if char in _SEPARATORS or char.isspace():
            words.append(" ")
        elif (folded := _ascii(char)) and folded.isalnum():
            words.append(folded)
        elif unicodedata.category(char).startswith("M"):
            continue  # a combining accent belongs to the letter before it
        else:
            words.append(f" {_symbol(char)} ")
    return slugify("".join(words))


def term_id(name: str, free: Callable[[str], bool]) -> str:
    """The id of the term ``name``: the first of its slug, its spelled-out slug, and
    those numbered, that ``free`` accepts."""
    candidates = [slug for slug in (plain_slug(name), spelled_slug(name)) if slug] or ["term"]
    for candidate in dict.fromkeys(candidates):
        if free(candidate):
            return candidate
    base = candidates[-1]
    number = 1
    while True:
        number += 1
        if free(f"{base}-{number}"):
            return f"{base}-{number}"
