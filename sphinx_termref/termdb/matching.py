"""Normalising names and aliases, and suggesting near misses.

Two spellings match when they are equal after NFKC normalisation, Unicode case
folding, folding runs of spaces, hyphens and underscores into one space, and
reading every quotation mark and apostrophe as its straight form.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

# Space, hyphen, underscore and the Unicode dashes and spaces people paste in.
_SEPARATORS = re.compile(r"[\s\-_\u2010-\u2015\u2212\u00ad]+")
# The apostrophes and quotation marks that smart quotes, keyboards and word
# processors put where a writer meant ' or ": Bayes' and Bayes\u2019 are one word.
# (NFKC has already made the full-width forms straight, and a double prime two primes.)
_SINGLE_QUOTES = "`\u02bc\u2018\u2019\u201a\u201b\u2032"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f"
_QUOTE = re.compile(f"[{_SINGLE_QUOTES}{_DOUBLE_QUOTES}]")
_SINGLE_QUOTE = re.compile(f"[{_SINGLE_QUOTES}]")
_DOUBLE_QUOTE = re.compile(f"[{_DOUBLE_QUOTES}]")


def normalise(text: str) -> str:
    """The matching key of ``text``; ``normalise(normalise(x)) == normalise(x)``."""
    if text.isascii() and "`" not in text:  # NFKC changes no ASCII text, casefold is
        # lower, the only separators are whitespace, "-" and "_", and the quotes are
        # straight: string methods beat the patterns
        return " ".join(text.lower().replace("-", " ").replace("_", " ").split())
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    if _QUOTE.search(folded):  # rare; str.translate would cost more than NFKC does
        folded = _DOUBLE_QUOTE.sub('"', _SINGLE_QUOTE.sub("'", folded))
    return _SEPARATORS.sub(" ", folded).strip()


def closest(key: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """Up to ``limit`` candidate keys that look most like ``key``, best first."""
    return difflib.get_close_matches(key, list(candidates), n=limit, cutoff=0.6)


# Plural -> singular for the irregular families; the reverse map gives plurals.
_IRREGULAR = {
    "children": "child",
    "people": "person",
    "men": "man",
    "women": "woman",
    "mice": "mouse",
    "geese": "goose",
    "feet": "foot",
    "teeth": "tooth",
    "criteria": "criterion",
    "phenomena": "phenomenon",
    "automata": "automaton",
    "data": "datum",
    "media": "medium",
    "curricula": "curriculum",
    "memoranda": "memorandum",
    "schemata": "schema",
    "taxa": "taxon",
    "corpora": "corpus",
    "genera": "genus",
    "foci": "focus",
    "radii": "radius",
    "stimuli": "stimulus",
    "nuclei": "nucleus",
    "syllabi": "syllabus",
    "alumni": "alumnus",
    "loci": "locus",
    "formulae": "formula",
    "antennae": "antenna",
    "indices": "index",
    "appendices": "appendix",
    "matrices": "matrix",
    "vertices": "vertex",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "leaves": "leaf",
    "halves": "half",
    "selves": "self",
    "shelves": "shelf",
    "wolves": "wolf",
}
_IRREGULAR_PLURALS = {singular: plural for plural, singular in _IRREGULAR.items()}
_SIBILANT = ("s", "x", "z", "ch", "sh")
_VOWELS = "aeiou"


def _singulars(word: str) -> list[str]:
    if word in _IRREGULAR:
        return [_IRREGULAR[word]]
    forms = []
    if word.endswith("ses") and len(word) > 4:
        forms.append(word[:-3] + "sis")  # analyses -> analysis
    if word.endswith("ies") and len(word) > 4:
        forms.append(word[:-3] + "y")  # ontologies -> ontology
    if word.endswith("es") and word[:-2].endswith(_SIBILANT):
        forms.append(word[:-2])  # searches -> search
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 2:
        forms.append(word[:-1])  # optimizers -> optimizer, bases -> base
    return forms


def _plurals(word: str) -> list[str]:
    if word in _IRREGULAR_PLURALS:
        return [_IRREGULAR_PLURALS[word]]
    if word.endswith("sis"):
        return [word[:-3] + "ses"]
    if word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        return [word[:-1] + "ies"]
    if word.endswith(_SIBILANT):
        return [word + "es"]
    return [word + "s"]


def inflections(key: str) -> list[str]:
    """Other English numbers of a normalised key, inflecting its last word.

    A word that looks plural gets its singular candidates, any other word its plural.
    """
    head, _, last = key.rpartition(" ")
    if not last.isalpha():
        return []
    prefix = f"{head} " if head else ""
    forms = _singulars(last) or _plurals(last)
    return [prefix + form for form in dict.fromkeys(forms) if form != last]
