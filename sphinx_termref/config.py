"""Configuration values, registered with types and checked once when the config is read."""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

from sphinx.application import Sphinx
from sphinx.config import Config

from .schema import SECTIONS
from .warnings import Subtype, warn


class Setting(NamedTuple):
    default: Any
    rebuild: Literal["", "env", "html"]
    types: tuple[type, ...]
    help: str


SETTINGS: dict[str, Setting] = {
    "termref_databases": Setting(
        [], "env", (list, tuple), "YAML files or directories of terms, relative to conf.py."
    ),
    "termref_inflections": Setting(
        True, "env", (bool,), "Match English plural and singular forms of names and aliases."
    ),
    "termref_backlinks": Setting(
        True, "env", (bool,), "Cards list the pages that refer to their term."
    ),
    "termref_previews": Setting(
        True, "html", (bool,), "Show a preview card on hovering or focusing a term link."
    ),
    "termref_std_terms": Setting(
        False, "env", (bool,), "Resolve Sphinx's own :term: through the database too."
    ),
    "termref_usage_report": Setting(
        False, "", (bool,), "Write termref-usage.json into the output directory."
    ),
    "termref_warn_unused": Setting(False, "", (bool,), "Warn about terms that no page refers to."),
    "termref_index_aliases": Setting(
        "link",
        "env",
        (str,),
        'How aliases enter the general index: "link", "see" or "none".',
    ),
    "termref_card_sections": Setting(
        list(SECTIONS), "env", (list, tuple), "Sections a card shows, in order."
    ),
}


#: ``termref_index_aliases`` values: an entry linking to the card, as Sphinx's glossary
#: makes for each of a term's spellings; "alias, see name", as printed indexes do
#: (Sphinx writes it without a link); no entry.
IndexAliases = Literal["link", "see", "none"]
INDEX_ALIASES: tuple[IndexAliases, ...] = ("link", "see", "none")


def register(app: Sphinx) -> None:
    for name, setting in SETTINGS.items():
        app.add_config_value(name, setting.default, setting.rebuild, setting.types)


def _strings(config: Config, name: str, location: str) -> list[str] | None:
    value = config[name]
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return list(value)
    warn(
        Subtype.config,
        f"{name} must be a list of strings, got {value!r}; for example "
        f"{name} = {SETTINGS[name].default!r}",
        location=location,
    )
    return None


def check(app: Sphinx, config: Config) -> None:
    """Validate every setting once; a bad one is reported and its default used."""
    location = f"{app.confdir / 'conf.py'}:"
    if _strings(config, "termref_databases", location) is None:
        config.termref_databases = []
    sections = _strings(config, "termref_card_sections", location)
    if sections is None:
        config.termref_card_sections = list(SECTIONS)
    elif unknown := [key for key in sections if key not in SECTIONS]:
        warn(
            Subtype.config,
            f"termref_card_sections has unknown sections {unknown!r}; choose from "
            f"{', '.join(SECTIONS)}",
            location=location,
        )
        config.termref_card_sections = [key for key in sections if key in SECTIONS]
    if config.termref_index_aliases not in INDEX_ALIASES:
        warn(
            Subtype.config,
            f"termref_index_aliases must be one of {', '.join(map(repr, INDEX_ALIASES))}, "
            f"got {config.termref_index_aliases!r}; using 'link'",
            location=location,
        )
        config.termref_index_aliases = "link"
