"""Checking directive options: the ``termref.option`` warning for a value an option
cannot have, and options written as words from a choice list, where a word that is
none of the choices warns with the closest one as a suggestion."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence

from sphinx.util.docutils import SphinxDirective

from ..warnings import Subtype
from .log import warn


def cannot_be(directive: SphinxDirective, option: str, value: str, fix: str) -> None:
    """Warn that ``option`` cannot be ``value``; ``fix`` says what to write instead."""
    warn(
        Subtype.option,
        f"{directive.name} option :{option}: cannot be {value!r}; {fix}",
        location=directive.get_location(),
    )


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
        fix = f"{did_you_mean(value, choices)}choose one or more of {', '.join(choices)}"
        cannot_be(directive, option, word, fix)
    return chosen
