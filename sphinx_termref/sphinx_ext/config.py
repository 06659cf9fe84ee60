"""Configuration values, registered with types and checked once when the config is read."""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path
from typing import Any, Literal, NamedTuple

from sphinx.application import Sphinx
from sphinx.config import Config

from ..termdb.schema import SECTIONS
from ..warnings import Subtype
from .abbreviations import ABBREVIATIONS
from .conf_source import ConfSource
from .log import warn


class Setting(NamedTuple):
    default: Any
    rebuild: Literal["", "env", "html"]
    types: tuple[type, ...]
    help: str


SETTINGS: dict[str, Setting] = {
    "termref_databases": Setting(
        [],
        "env",
        (list, tuple),
        "YAML files or directories of terms, relative to conf.py, or package:NAME[/sub/dir].",
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
    "termref_autolink": Setting(
        "off",
        "env",
        (str,),
        'Link mentions of terms in prose: "off", the "first" on each page, or "all".',
    ),
    "termref_abbreviations": Setting(
        "off",
        "env",
        (str,),
        'Write an abbreviation out on its first use on a page: "off" or "first".',
    ),
    "termref_lint": Setting(
        False,
        "env",
        (bool,),
        "Warn about prose that uses a discouraged spelling or names a deprecated term.",
    ),
    "termref_lint_unlinked": Setting(
        False, "env", (bool,), "Warn about a page's first mention of a term that it does not link."
    ),
    "termref_draft_terms": Setting(
        "show",
        "env",
        (str,),
        'Draft terms: "show" them, or "hide" them (no card, index or inventory entry).',
    ),
}


#: ``termref_index_aliases`` values: an entry linking to the card, as Sphinx's glossary
#: makes for each of a term's spellings; "alias, see name", as printed indexes do
#: (Sphinx writes it without a link); no entry.
IndexAliases = Literal["link", "see", "none"]
INDEX_ALIASES: tuple[IndexAliases, ...] = ("link", "see", "none")
#: ``termref_draft_terms`` values: a release build can leave drafts out.
DRAFT_TERMS = ("show", "hide")
#: ``termref_autolink`` values: which mentions of a term in prose become links.
AUTOLINK = ("off", "first", "all")
#: The settings with a fixed set of values, the default first.
CHOICES: dict[str, tuple[str, ...]] = {
    "termref_index_aliases": INDEX_ALIASES,
    "termref_autolink": AUTOLINK,
    "termref_abbreviations": ABBREVIATIONS,
    "termref_draft_terms": DRAFT_TERMS,
}


def register(app: Sphinx) -> None:
    for name, setting in SETTINGS.items():
        app.add_config_value(name, setting.default, setting.rebuild, setting.types)


def warn_setting(
    config: Config, where: ConfSource, name: str, message: str, subtype: Subtype = Subtype.config
) -> None:
    """A warning about setting ``name`` at the line of conf.py that sets it, or saying
    that ``-D`` gave it (then conf.py's line is not where the value came from)."""
    if name in getattr(config, "overrides", {}):
        location = None
        message += f" (given on the command line with -D {name}=...)"
    else:
        location = where.location(name)
    warn(subtype, message, location=location)


def as_list(values: list[str]) -> str:
    """``values`` as a Python list, written as conf.py usually writes one."""
    return "[" + ", ".join(json.dumps(value, ensure_ascii=False) for value in values) + "]"


def _strings(config: Config, name: str, where: ConfSource, example: list[str]) -> list[str]:
    """The list of strings ``name`` holds; anything else is reported with the list
    it is read as, written with the user's own values."""
    value = config[name]
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return list(value)
    if isinstance(value, (list, tuple)) and all(
        isinstance(item, (str, os.PathLike)) for item in value
    ):
        return [os.fspath(item) for item in value]  # pathlib paths are paths too
    if isinstance(value, str):
        # One name written without its list; the word list a directive's option takes.
        read = value.split() if name == "termref_card_sections" else [value]
    elif isinstance(value, (list, tuple)):
        read = [str(item) for item in value if isinstance(item, (str, int, float))]
    else:
        read = []
    shown = read or example
    warn_setting(
        config,
        where,
        name,
        f"{name} must be a list of strings, got {value!r}; write {name} = {as_list(shown)}"
        + (f" (read as {as_list(read)} for now)" if read else ""),
    )
    return read


def _sections(config: Config, where: ConfSource) -> list[str]:
    name = "termref_card_sections"
    sections = _strings(config, name, where, list(SECTIONS))
    if not isinstance(config[name], (list, tuple, str)):
        return list(SECTIONS)  # nothing usable was written: the default
    unknown = [key for key in sections if key not in SECTIONS]
    if not unknown:
        return sections
    fixed: list[str] = []
    hints: list[str] = []
    for key in sections:
        if key in SECTIONS:
            fixed.append(key)
        elif hint := difflib.get_close_matches(key, SECTIONS, n=1):
            fixed.append(hint[0])
            hints.append(f"{key!r} -> {hint[0]!r}")
    did_you_mean = f" (did you mean {', '.join(hints)}?)" if hints else ""
    warn_setting(
        config,
        where,
        name,
        f"{name} has unknown sections {unknown!r}{did_you_mean}; choose from "
        f"{', '.join(SECTIONS)}, for example {name} = {as_list(fixed or list(SECTIONS))}; "
        "the unknown ones are left out",
    )
    return [key for key in sections if key in SECTIONS]


def _choices(config: Config, where: ConfSource) -> None:
    for name, choices in CHOICES.items():
        value = config[name]
        if value in choices:
            continue
        quoted = ", ".join(map(repr, choices))
        hint = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.3)
        example = f'{name} = "{hint[0] if hint else choices[0]}"'
        warn_setting(
            config,
            where,
            name,
            f"{name} must be one of {quoted}, got {value!r}; "
            f"{'did you mean' if hint else 'for example'} {example}? "
            f"Using {choices[0]!r} for now",
        )
        config[name] = choices[0]


def _unknown_names(where: ConfSource) -> None:
    """Settings conf.py assigns that look like ours but are not: a typo is otherwise
    silently ignored, and a misspelled ``termref_databases`` leaves the database empty."""
    for name in where.lines:
        if not name.startswith("termref_") or name in SETTINGS:
            continue
        hint = difflib.get_close_matches(name, list(SETTINGS), n=1, cutoff=0.6)
        fix = f"did you mean {hint[0]!r}?" if hint else f"known settings: {', '.join(SETTINGS)}"
        warn(
            Subtype.config,
            f"unknown setting {name!r}: sphinx-termref ignores it; {fix}",
            location=where.location(name),
        )


_FALSE_WORDS = {"no", "off", "false", "0", ""}
_TRUE_WORDS = {"yes", "on", "true", "1"}


def _switches(config: Config, where: ConfSource) -> None:
    """The True/False settings: a word or number stands for what it says, with a
    warning, rather than any non-empty string meaning True."""
    for name, setting in SETTINGS.items():
        value = config[name]
        if setting.types != (bool,) or isinstance(value, bool):
            continue
        word = str(value).strip().lower()
        read = False if word in _FALSE_WORDS else True if word in _TRUE_WORDS else None
        shown = setting.default if read is None else read
        warn_setting(
            config,
            where,
            name,
            f"{name} must be True or False, got {value!r}; write {name} = {shown}"
            + (f" (read as {read} for now)" if read is not None else " (the default is used)"),
        )
        config[name] = shown


def check(app: Sphinx, config: Config) -> None:
    """Validate every setting once; a bad one is reported and read as well as it can be."""
    conf_py = Path(app.confdir, "conf.py") if app.confdir else None
    where = ConfSource(conf_py if conf_py and conf_py.is_file() else None)
    _unknown_names(where)
    databases = _strings(config, "termref_databases", where, ["terms.yaml"])
    if databases != config.termref_databases:
        config.termref_databases = databases
    sections = _sections(config, where)
    if sections != config.termref_card_sections:
        config.termref_card_sections = sections
    _choices(config, where)
    _switches(config, where)
