"""Normalising names and aliases, and suggesting near misses.

Two spellings match when they are equal after NFKC normalisation, Unicode case
folding and folding runs of spaces, hyphens and underscores into one space.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

# Space, hyphen, underscore and the Unicode dashes and spaces people paste in.
_SEPARATORS = re.compile(r"[\s\-_\u2010-\u2015\u2212\u00ad]+")


def normalise(text: str) -> str:
    """The matching key of ``text``; ``normalise(normalise(x)) == normalise(x)``."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return _SEPARATORS.sub(" ", folded).strip()


def closest(key: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """Up to ``limit`` candidate keys that look most like ``key``, best first."""
    return difflib.get_close_matches(key, list(candidates), n=limit, cutoff=0.6)
