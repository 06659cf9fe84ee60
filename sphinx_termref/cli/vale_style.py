"""Exporting a term database as a Vale style: ``export --format vale -o DIR``.

``DIR`` is a Vale ``StylesPath``. It gets a style, ``Termref``, and a vocabulary
of the same name, laid out as Vale looks for them:

* ``Termref/Terms.yml``, a ``substitution`` rule that swaps each discouraged
  spelling for its term's name, and each spelling of a deprecated term (name,
  abbreviation, aliases, hidden aliases, discouraged spellings) for the name of the term that
  replaces it, at the end of its chain of replacements;
* ``Termref/Deprecated.yml``, an ``existence`` rule that flags the spellings of
  deprecated terms that name no replacement, since there is nothing to swap in;
* ``config/vocabularies/Termref/accept.txt``, the names, abbreviations and aliases
  of the terms that are not deprecated, one per line.

Vale reads swap keys, tokens and vocabulary lines as regular expressions, so
each spelling is escaped. It wraps a rule's patterns in ``\\b``, which never
matches beside a spelling that ends in a symbol (``C++``), so the rules set
``nonword`` and bound each pattern by look-arounds instead. They also set
``vocab: false``: Vale would otherwise take every vocabulary entry as an
exception, and one found inside a discouraged phrase would silence it. A rule
with nothing to flag is not written (an empty pattern matches everywhere), and a
stale copy of it from an earlier export is removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from ..termdb.database import TermDatabase
from ..termdb.records import Term

STYLE = "Termref"
SUBSTITUTION = Path(STYLE, "Terms.yml")
EXISTENCE = Path(STYLE, "Deprecated.yml")
VOCABULARY = Path("config", "vocabularies", STYLE, "accept.txt")
HEADER = (
    "# Written by 'sphinx-termref export --format vale' from the term database;\n"
    "# change the database and export again rather than editing this file.\n"
)

# The characters that are not literal in Vale's regular expressions (Go's and .NET's
# syntax agree on them); every other character stands for itself.
_SPECIAL = re.compile(r"[\\.^$*+?()\[\]{}|]")


class Written(NamedTuple):
    """A file the export wrote (or removed), and what it holds."""

    path: Path
    what: str


def escape(spelling: str) -> str:
    """``spelling`` as a regular expression that matches exactly it.

    A leading ``#`` is escaped too: a vocabulary line that starts with one is a
    comment.
    """
    escaped = _SPECIAL.sub(lambda match: "\\" + match.group(), spelling)
    return "\\" + escaped if escaped.startswith("#") else escaped


def pattern(spelling: str) -> str:
    """``spelling`` as a rule pattern: escaped, not inside a longer word."""
    return rf"(?<!\w){escape(spelling)}(?!\w)"


def _spellings(term: Term) -> tuple[str, ...]:
    short = (term.abbreviation,) if term.abbreviation else ()
    return (term.name, *short, *term.aliases, *term.hidden_aliases, *term.discouraged)


def swaps(database: TermDatabase) -> dict[str, str]:
    """Pattern -> the name to write instead, for every spelling not to write."""
    swap: dict[str, str] = {}
    for term in database:
        if term.status == "deprecated":
            replacement = database.replacement(term)
            if replacement is not None:
                swap.update(dict.fromkeys(map(pattern, _spellings(term)), replacement.name))
        else:
            swap.update(dict.fromkeys(map(pattern, term.discouraged), term.name))
    return swap


def retired(database: TermDatabase) -> list[str]:
    """The patterns of deprecated terms that name no replacement."""
    tokens: dict[str, None] = {}
    for term in database:
        if term.status == "deprecated" and database.replacement(term) is None:
            tokens.update(dict.fromkeys(map(pattern, _spellings(term))))
    return list(tokens)


def vocabulary(database: TermDatabase) -> list[str]:
    """The accepted spellings, escaped: names, abbreviations and aliases of terms in use."""
    lines = (
        escape(spelling)
        for term in database
        if term.status != "deprecated"
        for spelling in (term.name, term.abbreviation, *term.aliases)
        if spelling
    )
    return list(dict.fromkeys(lines))


def _rule(extends: str, message: str, **options: Any) -> str:
    rule = {
        "extends": extends,
        "message": message,
        "level": "warning",
        "ignorecase": True,
        "nonword": True,
        "vocab": False,
        **options,
    }
    body = yaml.safe_dump(rule, sort_keys=False, allow_unicode=True, width=2**16)
    return HEADER + body


def substitution_rule(swap: dict[str, str]) -> str:
    """The substitution rule; ``|`` in a name is escaped, as Vale splits options on it."""
    return _rule(
        "substitution",
        "Use '%s' instead of '%s'.",
        action={"name": "replace"},
        swap={key: name.replace("|", "\\|") for key, name in swap.items()},
    )


def existence_rule(tokens: Iterable[str]) -> str:
    return _rule(
        "existence",
        "Avoid '%s', a deprecated term with nothing named to use instead.",
        tokens=list(tokens),
    )


class _File(NamedTuple):
    relative: Path
    text: str | None  # None: nothing to write
    entries: int
    noun: str  # what it holds, in the plural


def files(database: TermDatabase) -> list[_File]:
    """The files of the style, relative to ``DIR``."""
    swap = swaps(database)
    tokens = retired(database)
    accepted = vocabulary(database)
    return [
        _File(
            SUBSTITUTION,
            substitution_rule(swap) if swap else None,
            len(swap),
            "spellings to replace",
        ),
        _File(
            EXISTENCE,
            existence_rule(tokens) if tokens else None,
            len(tokens),
            "spellings of deprecated terms without a replacement",
        ),
        _File(
            VOCABULARY,
            "".join(f"{line}\n" for line in accepted),
            len(accepted),
            "accepted spellings",
        ),
    ]


def write(database: TermDatabase, directory: Path) -> list[Written]:
    """Write the style into ``directory``, creating what is missing; raises OSError."""
    written: list[Written] = []
    for file in files(database):
        path = directory / file.relative
        if file.text is None:
            if path.is_file():
                path.unlink()
                written.append(Written(path, f"removed: the database has no {file.noun}"))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(file.text, encoding="utf-8", newline="\n")
        noun = file.noun if file.entries != 1 else file.noun.replace("spellings", "spelling", 1)
        written.append(Written(path, f"{file.entries} {noun}"))
    return written
