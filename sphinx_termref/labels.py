"""The card's fixed texts, translatable through Sphinx's message catalogs."""

from __future__ import annotations

from pathlib import Path

from sphinx.locale import get_translation

MESSAGE_CATALOG = "sphinx_termref"
LOCALE_DIR = Path(__file__).parent / "locale"
_ = get_translation(MESSAGE_CATALOG)


def section_label(section: str) -> str:
    """The label of a card section, in the project's language."""
    # One lookup per call: a page of cards asks for thousands of labels.
    match section:
        case "technical-definition":
            return _("TECHNICAL DEFINITION")
        case "background":
            return _("BACKGROUND")
        case "aliases":
            return _("SYNONYMS & ALIASES")
        case "broader":
            return _("BROADER")
        case "narrower":
            return _("NARROWER")
        case "usage-note":
            return _("USAGE NOTE")
        case "organizations":
            return _("DEVELOPERS")
        case "see-also":
            return _("SEE ALSO")
        case "note":
            return _("NOTE")
        case "referenced-in":
            return _("REFERENCED IN")
    raise KeyError(section)


def organizations_intro(name: str) -> str:
    return _("Organizations developing technology related to %s.") % name


def default_read_more() -> str:
    return _("Read more")


def status_label(status: str) -> str:
    """The banner or badge of a term that is not approved: DEPRECATED, DRAFT."""
    match status:
        case "deprecated":
            return _("DEPRECATED")
        case "draft":
            return _("DRAFT")
    raise KeyError(status)


def status_mark(status: str) -> str:
    """The mark after the name of a term that is not approved in a list of terms."""
    match status:
        case "deprecated":
            return _("(deprecated)")
        case "draft":
            return _("(draft)")
    raise KeyError(status)


def use_instead() -> tuple[str, str]:
    """The text around the replacement's name in a DEPRECATED banner: 'Use ', ' instead.'"""
    before, _mark, after = _("Use %s instead.").partition("%s")
    return before, after


def usage_header(column: str) -> str:
    """The header of a column of a ``term-usage`` table."""
    match column:
        case "term":
            return _("Term")
        case "status":
            return _("Status")
        case "owner":
            return _("Owner")
        case "reviewed":
            return _("Reviewed")
        case "references":
            return _("References")
        case "pages":
            return _("Pages")
        case "flagged":
            return _("Deprecated or discouraged")
    raise KeyError(column)


def graph_caption(focus: str, category: str = "", tag: str = "") -> str:
    """What a term graph shows: the terms around ``focus``, or those of a category
    and a tag (as written), or every term."""
    if focus:
        return _("Terms related to %s") % focus
    if category and tag:
        message = _('Terms of category "%(category)s" with tag "%(tag)s"')
        return message % {"category": category, "tag": tag}
    if category:
        return _('Terms of category "%s"') % category
    if tag:
        return _('Terms with tag "%s"') % tag
    return _("All terms")


def graph_legend() -> str:
    """How a drawn term graph reads, after its caption."""
    return _(
        "Arrows lead from a broader term to a narrower one; dashed lines join terms "
        "that see each other."
    )


def graph_outline() -> str:
    """The summary of the graph's terms as a list, under the drawing."""
    return _("The graph as a list")
