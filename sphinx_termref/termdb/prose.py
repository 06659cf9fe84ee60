"""Finding the database's terms in running text, as writers write them.

A ``ProseMatcher`` holds every name, alias, hidden alias and discouraged spelling
(and, with inflections, each one's other grammatical number) as a dict of the
word n-grams that begin a spelling. ``mentions`` walks a text's words once and, at
each word that begins one, adds the next words for as long as they begin one, so
the longest spelling wins and the cost is linear in the text whatever the number
of terms: a regular expression alternation of tens of thousands of spellings is
what this avoids.

The n-grams are strings and their values numbers, the entries and the words
plain tuples: Python's cyclic collector tracks none of them (the tuples after
their first collection), only the one list of entries. A trie of node objects
kept 130,000 more objects alive for the whole build at 10,000 terms, and every
full collection walked them.

Words follow the reference rules (``matching.normalise``): case, Unicode form and
quote variants do not matter, and hyphens and underscores join words as spaces do.
A mention is whole words: it does not start or end inside a hyphenated compound
(``self-supervised`` holds no mention of ``supervised``), and it does not run across
punctuation (``mesa. Optimization`` is not ``mesa optimization``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from typing import NamedTuple

from .database import TermDatabase
from .matching import inflections, normalise
from .records import Term

# Runs of text between spaces and the dashes that stand between words.
_CHUNKS = re.compile(r"[^\s\u2013\u2014\u2015]+")
# What joins the words of a compound: hyphens and underscores.
_JOIN_CHARS = "-_\u2010\u2011\u2212\u00ad"
_JOINS = re.compile(f"[{_JOIN_CHARS}]+")
_OPENING = "([{<\"'\u00ab\u2039\u201c\u2018\u201e\u201a\u00bf\u00a1*`"
_CLOSING = ")]}>\"'\u00bb\u203a\u201d\u2019.,;:!?\u2026*`"
_APOSTROPHES = "'\u2019"
_POSSESSIVES = ("'s", "\u2019s")
# Punctuation that may end a plain word (a sentence's end, a comma).
_STOPS = ".,;:!?"


class Mention(NamedTuple):
    """A term found in a text: ``text[start:end]`` is the mention as written."""

    start: int
    end: int
    term_id: str
    #: Written with one of the term's discouraged spellings.
    discouraged: bool
    #: Written as the term's abbreviation.
    abbreviation: bool = False


class Word(NamedTuple):
    start: int
    end: int
    key: str
    #: Whether a mention may start at this word, end at it, run on from the word
    #: before it (no opening bracket or quote between) and past it (no punctuation).
    may_start: bool
    may_end: bool
    joins_previous: bool
    joins_next: bool


#: A ``Word``'s fields as a plain tuple, as ``mentions`` reads them: a named tuple
#: costs a Python call to make, and prose has millions of words.
_WordFields = tuple[int, int, str, bool, bool, bool, bool]
#: The value, in ``ProseMatcher._grams``, of an n-gram that begins one or more
#: spellings but is not one itself. An n-gram is its words' keys joined by
#: ``_JOIN``: a key holds no line break (``normalise`` makes every white space a
#: space), but it may hold a space (U+2012 FIGURE DASH joins nothing but
#: normalises to one).
_PREFIX = -1
_JOIN = "\n"


def _key(word: str) -> str:
    return word.lower() if word.isascii() and "`" not in word else normalise(word)


def _strip(chunk: str) -> tuple[int, int, bool, bool]:
    """(start, end) of a chunk's word characters, and whether punctuation came before
    and after them. A trailing apostrophe (``Bayes'``) is not a break; a possessive
    ``'s`` is, and a final full stop stays when the word has one inside (``U.S.``)."""
    start, end = 0, len(chunk)
    while start < end and chunk[start] in _OPENING:
        start += 1
    opened = start > 0 and chunk[start - 1] not in _APOSTROPHES
    closed = False
    while end > start:
        if chunk.endswith(_POSSESSIVES, start, end):
            end -= 2
            closed = True
        elif chunk[end - 1] in _CLOSING:
            if chunk[end - 1] == "." and "." in chunk[start : end - 1]:
                break  # U.S., e.g.
            closed = closed or chunk[end - 1] not in _APOSTROPHES
            end -= 1
        else:
            break
    return start, end, opened, closed


def _glued(left: str, right: str) -> bool:
    """Whether two characters side by side belong to one word or compound."""
    return bool(left and right) and all(c.isalnum() or c in _JOIN_CHARS for c in left + right)


def words(text: str) -> list[Word]:
    """The words of ``text`` with their positions and what may span them."""
    return [Word._make(fields) for fields in _scan(text)]


def _scan(text: str) -> list[_WordFields]:
    found: list[_WordFields] = []
    for chunk in _CHUNKS.finditer(text):
        word = chunk[0]
        # Most chunks are a plain word, perhaps before a full stop or comma: nothing
        # to strip or split (letters and digits are never brackets, quotes or joins).
        if word.isalnum():
            found.append((chunk.start(), chunk.end(), _key(word), True, True, True, True))
            continue
        if word[-1] in _STOPS and word[:-1].isalnum():
            end = chunk.end() - 1
            found.append((chunk.start(), end, _key(word[:-1]), True, True, True, False))
            continue
        start, end, opened, closed = _strip(word)
        if start == end:
            continue
        offset = chunk.start() + start
        core = word[start:end]
        parts = [(m.start(), m.end()) for m in _JOINS.finditer(core)]
        edges = [0, *(i for pair in parts for i in pair), len(core)]
        pieces = [(a, b) for a, b in zip(edges[::2], edges[1::2], strict=True) if a < b]
        for index, (a, b) in enumerate(pieces):
            first, last = index == 0, index == len(pieces) - 1
            # start, end, key, may start, may end, joins previous, joins next
            found.append(
                (
                    offset + a,
                    offset + b,
                    _key(core[a:b]),
                    first,
                    last,
                    not first or not opened,
                    not last or not closed,
                )
            )
    return found


def spelling_words(spelling: str) -> tuple[str, ...]:
    """The word keys of a spelling, as ``words`` reads the same text in prose."""
    return tuple(fields[2] for fields in _scan(normalise(spelling)))


class Spelling(NamedTuple):
    """A spelling of a term, as the words prose writes it in."""

    keys: tuple[str, ...]
    term_id: str
    discouraged: bool
    #: The abbreviation, for the term's ``abbreviation``: it is found in prose only
    #: as written (``RLHF``, ``RLHFs``), since short upper-case words are often
    #: ordinary words in lower case (``IT``, ``US``). Empty for every other spelling.
    abbreviation: str = ""


def _fits(abbreviation: str, written: str) -> bool:
    """Whether ``written`` is a spelling's text as prose may write it: an
    abbreviation as written, perhaps in the plural."""
    if not abbreviation:
        return True
    rest = written[len(abbreviation) :]
    return written.startswith(abbreviation) and rest in ("", "s", "es")


#: What may stand between a spelling's words, or around them, and leave the words
#: the whole of it: space, dashes, quotes and apostrophes.
_BETWEEN = re.compile(f"[{_JOIN_CHARS}\\s\u2013\u2014\u2015\"'\u2018\u2019\u201c\u201d]*")
_AROUND = re.compile("[\\s\"'\u2018\u2019\u201c\u201d]*")


def written_in_words(spelling: str) -> bool:
    """Whether prose can write ``spelling`` as words: what its words leave out is
    space, dashes, quotes and the hyphens that join them. A spelling whose symbols
    would be dropped (``(n,)``, ``-1``, ``__future__``) is code, written in a
    literal: read as words (``n``, ``1``, ``future``) it would find every ``N``, every
    ``1`` and every *future* in the text. (A closing full stop, ``etc.``, is dropped
    too: the words' reference, ``etc``, would find no term.)"""
    found = words(spelling)
    if not found:
        return False
    gaps = [spelling[: found[0].start], spelling[found[-1].end :]]
    inner = [spelling[a.end : b.start] for a, b in pairwise(found)]
    return all(_AROUND.fullmatch(gap) for gap in gaps) and all(
        _BETWEEN.fullmatch(gap) for gap in inner
    )


def term_spellings(term: Term) -> Iterator[Spelling]:
    """Each spelling of ``term`` that prose can use."""
    flagged = {normalise(spelling) for spelling in term.discouraged}
    for spelling in (term.name, *term.aliases, *term.hidden_aliases, *term.discouraged):
        if not written_in_words(spelling):
            continue
        key = normalise(spelling)
        yield Spelling(spelling_words(key), term.id, key in flagged)
    if term.abbreviation and written_in_words(term.abbreviation):
        keys = spelling_words(term.abbreviation)
        yield Spelling(keys, term.id, False, " ".join(term.abbreviation.split()))


def inflected(spelling: Spelling) -> list[Spelling]:
    """The spelling in its other grammatical number."""
    return [
        spelling._replace(keys=spelling_words(form))
        for form in inflections(" ".join(spelling.keys))
    ]


class ProseMatcher:
    """Every spelling of a database's terms, for finding them in text."""

    def __init__(self, database: TermDatabase, inflect: bool) -> None:
        #: Each n-gram that begins a spelling -> the spelling's number, or _PREFIX.
        self._grams: dict[str, int] = {}
        #: (term id, discouraged, abbreviation) of each spelling, by its number.
        self._entries: list[tuple[str, bool, str]] = []
        exact = [spelling for term in database for spelling in term_spellings(term)]
        for spelling in exact:
            self._add(spelling)
        if inflect:  # after every exact spelling: an exact match always wins
            for spelling in exact:
                for form in inflected(spelling):
                    self._add(form)

    @property
    def spellings(self) -> int:
        """How many distinct spellings (inflected forms included) it finds."""
        return len(self._entries)

    def _add(self, spelling: Spelling) -> None:
        if not spelling.keys:
            return
        grams = self._grams
        for count in range(1, len(spelling.keys)):
            grams.setdefault(_JOIN.join(spelling.keys[:count]), _PREFIX)
        gram = _JOIN.join(spelling.keys)
        if grams.get(gram, _PREFIX) == _PREFIX:
            grams[gram] = len(self._entries)
            self._entries.append((spelling.term_id, spelling.discouraged, spelling.abbreviation))

    def mentions(
        self, text: str, seen: set[str] | None = None, before: str = "", after: str = ""
    ) -> Iterator[Mention]:
        """The mentions of terms in ``text``, left to right, the longest at each place;
        the keys of all its words are added to ``seen``. ``before`` and ``after`` are
        the characters next to ``text`` in the running text it is part of (markup
        splits a paragraph's text: ``:term:`generator`-iterator``), so a word that
        goes on across the split is not a whole word."""
        found = _scan(text)
        if seen is not None:
            seen.update(fields[2] for fields in found)
        if found and _glued(before, text[:1]):
            chunk = _CHUNKS.match(text)
            if chunk and found[0][0] < chunk.end():
                found[0] = (*found[0][:3], False, *found[0][4:])  # may not start
        if found and _glued(text[-1:], after) and not text[found[-1][1] :].strip(_JOIN_CHARS):
            found[-1] = (*found[-1][:4], False, *found[-1][5:])  # may not end
        grams, entries, index, count = self._grams, self._entries, 0, len(found)
        while index < count:
            start, _, gram, may_start, _, _, _ = found[index]
            entry = grams.get(gram) if may_start else None
            best: tuple[int, int] | None = None  # (last word, entry)
            at = index
            while entry is not None:
                _, end, _, _, may_end, _, joins_next = found[at]
                if may_end and entry != _PREFIX and _fits(entries[entry][2], text[start:end]):
                    best = (at, entry)
                if at + 1 == count or not joins_next:
                    break
                following = found[at + 1]
                gram = f"{gram}{_JOIN}{following[2]}"
                entry = grams.get(gram) if following[5] else None
                at += 1
            if best is None:
                index += 1
                continue
            last, entry = best
            term_id, discouraged, abbreviation = entries[entry]
            yield Mention(start, found[last][1], term_id, discouraged, abbreviation != "")
            index = last + 1
