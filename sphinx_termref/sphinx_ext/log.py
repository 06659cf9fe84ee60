"""Warnings through Sphinx's logger, typed so that ``suppress_warnings`` works.

The catalogue of subtypes and the Sphinx-free ``Problem`` are in ``..warnings``.
"""

from __future__ import annotations

from typing import Any

from sphinx.util import logging

from ..warnings import Problem, Subtype

logger = logging.getLogger("sphinx_termref")


def warn(subtype: Subtype, message: str, location: Any = None) -> None:
    """Log a typed, suppressible warning at ``location`` (node, (docname, line) or path)."""
    logger.warning(message, type="termref", subtype=subtype.value, location=location)


def inform(message: str) -> None:
    """Say something that is no one's mistake, such as a damaged cache being replaced."""
    logger.info(message)


#: What ``first_time`` was asked about in this build (in this process).
_given: set[tuple[object, ...]] = set()


def first_time(*key: object) -> bool:
    """Whether this build has not said ``key`` (a location and a message) yet."""
    if key in _given:
        return False
    _given.add(key)
    return True


def forget_given() -> None:
    """A new build says everything again."""
    _given.clear()


def warn_once(subtype: Subtype, message: str, location: str) -> None:
    """``warn``, but once per location and message: a warning about database text is
    located in the database, and the same card may be shown on several pages."""
    if first_time(location, message):
        warn(subtype, message, location)


def report(problem: Problem) -> None:
    """Log a database problem through Sphinx, located at its file, line and column."""
    warn(problem.subtype, problem.message, location=problem.location)
