"""Directive options written as words from a choice list: splitting them, and the
``termref.option`` warning for a word that is none of the choices, which suggests
the closest one."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence

from sphinx.util.docutils import SphinxDirective

from ..warnings import Subtype
from .log import warn


def words(argument: str | None) -> list[str]:
    """An option's words, written apart by white space or commas."""
    return [word for word in re.split(r"[\s,]+", argument or "") if word]


def closest(word: str, choices: Sequence[str], cutoff: float = 0.6) -> str | None:
    """The choice that looks most like ``word``; None when none is close."""
    hint = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    return hint[0] if hint else None


def did_you_mean(word: str, choices: Sequence[str], cutoff: float = 0.6) -> str:
    """``"did you mean 'x'? "`` for the closest choice, or "" when none is close."""
    hint = closest(word, choices, cutoff)
    return f"did you mean {hint!r}? " if hint else ""


def chosen_words(
    directive: SphinxDirective,
    option: str,
    choices: Sequence[str],
    spell: Callable[[str], str] = str.lower,
) -> list[str]:
    """The words of ``option`` that are among ``choices``, as ``spell`` writes them
    (lower case by default); each other word warns and is left out."""
    chosen = []
    for word in words(directive.options.get(option)):
        value = spell(word)
        if value in choices:
            chosen.append(value)
            continue
        warn(
            Subtype.option,
            f"{directive.name} option :{option}: cannot be {word!r}; "
            f"{did_you_mean(value, choices)}choose one or more of {', '.join(choices)}",
            location=directive.get_location(),
        )
    return chosen
