"""The card's fixed texts, translatable through Sphinx's message catalogs."""

from __future__ import annotations

from pathlib import Path

from sphinx.locale import get_translation

MESSAGE_CATALOG = "sphinx_termref"
LOCALE_DIR = Path(__file__).parent / "locale"
_ = get_translation(MESSAGE_CATALOG)


def section_label(section: str) -> str:
    """The label of a card section, in the project's language."""
    labels = {
        "technical-definition": _("TECHNICAL DEFINITION"),
        "background": _("BACKGROUND"),
        "aliases": _("SYNONYMS & ALIASES"),
        "usage-note": _("USAGE NOTE"),
        "organizations": _("DEVELOPERS"),
        "see-also": _("SEE ALSO"),
        "note": _("NOTE"),
        "referenced-in": _("REFERENCED IN"),
    }
    return labels[section]


def organizations_intro(name: str) -> str:
    return _("Organizations developing technology related to %s.") % name


def default_read_more() -> str:
    return _("Read more")
