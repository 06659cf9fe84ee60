"""The catalogue of warnings: one subtype per kind of problem.

Every warning is logged with ``type="termref"`` and one of these subtypes, so
``suppress_warnings = ["termref.unknown"]`` silences exactly that kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import NamedTuple


class Subtype(Enum):
    """Warning subtypes; the value is what goes into ``suppress_warnings``."""

    #: A configuration value has the wrong type or an unknown entry.
    config = "config"
    #: A database file is missing, no file, unreadable, not UTF-8 or not valid YAML.
    yaml = "yaml"
    #: A term has a wrong field type, a missing/unknown field or a key written twice.
    schema = "schema"
    #: Two terms share one id; the second is skipped.
    duplicate_id = "duplicate_id"
    #: A name or alias matches another term's id, name or alias.
    collision = "collision"
    #: A term's ``broader`` names the term itself, or broader terms form a cycle.
    hierarchy = "hierarchy"
    #: A reference or card names a term that is not in the database.
    unknown = "unknown"
    #: A term is referenced but no card or term index shows it.
    no_card = "no_card"
    #: Two indexed cards for the same term; the second is not a target.
    duplicate_card = "duplicate_card"
    #: A directive option has a value it cannot use.
    option = "option"
    #: Database text uses markup that a term database may not contain.
    markup = "markup"
    #: With ``termref_warn_unused``: a term that no page refers to.
    unused = "unused"
    #: A reference to a deprecated term; it still links to the card.
    deprecated = "deprecated"
    #: A reference written with one of a term's discouraged spellings; it still links.
    discouraged = "discouraged"
    #: With ``termref_draft_terms = "hide"``: a reference to a draft term; it is its text.
    draft = "draft"
    #: With ``sphinx-termref validate --stale``: a term not reviewed for too long, or never.
    stale = "stale"
    #: With ``termref_lint_unlinked``: a page's first mention of a term is plain text.
    unlinked = "unlinked"
    #: A ``term-graph`` cannot be drawn (no Graphviz ``dot``); it is a list of terms.
    graph = "graph"


#: The subtypes where nothing is broken, only worth a look: ``sphinx-termref validate``
#: fails on them only with ``--strict``. Every other subtype is an error there. (In a
#: build every problem is a Sphinx warning, so ``-W`` fails on any.)
WARNING_SUBTYPES = frozenset(
    {
        Subtype.stale,
        Subtype.deprecated,
        Subtype.discouraged,
        Subtype.draft,
        Subtype.unused,
        Subtype.unlinked,
        Subtype.graph,
    }
)


class Problem(NamedTuple):
    """A problem found in a database file, independent of Sphinx's logger."""

    subtype: Subtype
    path: str
    line: int  # 1-based; 0 when the whole file is at fault
    column: int  # 1-based; 0 when unknown
    message: str

    @property
    def severity(self) -> str:
        """``"warning"`` for the subtypes in ``WARNING_SUBTYPES``, else ``"error"``."""
        return "warning" if self.subtype in WARNING_SUBTYPES else "error"

    @property
    def location(self) -> str:
        """``path:line:column``, the form editors and terminals link to."""
        if not self.line:
            return f"{self.path}:"  # Sphinx's own form for "this file, no line"
        if not self.column:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.column}"


def unknown_term(what: str, suggestions: Sequence[str]) -> str:
    """The message for a spelling no term has: what, why, the closest matches, the fix."""
    hint = f"; did you mean {' or '.join(map(repr, suggestions))}?" if suggestions else "."
    return (
        f"{what}: it is not in the term database{hint} Add it to the database or fix the spelling."
    )
