"""``validate --stale DAYS``: the terms whose last review is too long ago, or missing."""

from __future__ import annotations

import datetime

from ..termdb import dates
from ..warnings import Problem, Subtype
from .checking import Loaded, term_entries
from .common import UsageError


def today() -> datetime.date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` (see ``termdb.dates``)."""
    try:
        return dates.today()
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def stale_terms(loaded: Loaded, days: int, on: datetime.date) -> list[Problem]:
    """A ``termref.stale`` problem for each term last reviewed more than ``days`` days
    before ``on``, or never, at its ``reviewed`` field (or its entry, without one).
    A ``reviewed`` that is not a date is a ``termref.schema`` problem already, so it
    is not reported again here."""
    problems = []
    for document in loaded.documents:
        for index, entry in enumerate(term_entries(document)):
            term = loaded.database.terms.get(str(entry.get("id")))
            if term is None or term.source != document.path:
                continue  # skipped as broken or duplicate: reported already
            where = ("terms", index, "reviewed")
            if term.reviewed:
                age = (on - datetime.date.fromisoformat(term.reviewed)).days
                if age <= days:
                    continue
                message = (
                    f"term {term.id!r} was last reviewed {term.reviewed} ({age} "
                    f"day{'s' * (age != 1)} ago, over {days}): review it and update 'reviewed'"
                )
                problems.append(document.problem(Subtype.stale, where, message))
            elif entry.get("reviewed") is None:  # else not a date: a schema problem
                message = (
                    f"term {term.id!r} has no reviewed date: review it and add "
                    f"'reviewed: {on.isoformat()}'"
                )
                problems.append(document.problem(Subtype.stale, where, message))
    return problems
