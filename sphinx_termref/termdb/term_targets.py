"""A term's ``labels`` and ``index`` entries, checked as Sphinx reads them on a page.

A label is what ``.. _label:`` names and ``:ref:`label``` links to; docutils
compares such names lowercased, with runs of white space as one space, and so
are they kept here. An index entry is one line of ``.. index::`` (``single: name``,
``pair: object; type``, ``see: alias; name``, or the short ``name, other``), read
by Sphinx's own parser.
"""

from __future__ import annotations

import re

from docutils.nodes import fully_normalize_name

#: What ``:ref:`text <label>``` cannot hold in its target: the role's own delimiters
#: and an escape, which docutils would remove.
_NOT_IN_LABEL = re.compile(r"[`<>\\]")

IndexEntry = tuple[str, str, str, str, str | None]

#: Entry types that Sphinx 9 no longer reads, with the ``pair`` object each stood for.
#: Sphinx 8 still read them (with a warning); refused on every release, a database
#: means the same everywhere.
_REMOVED_TYPES = {
    "module": "module",
    "keyword": "keyword",
    "operator": "operator",
    "object": "object",
    "exception": "exception",
    "statement": "statement",
    "builtin": "built-in function",
}


def normalise_label(label: str) -> str:
    """``label`` as docutils and the ``:ref:`` role compare it."""
    return fully_normalize_name(label)


def label_problem(label: str) -> str | None:
    """Why ``label`` cannot be a ``:ref:`` target, or None when it can."""
    if bad := _NOT_IN_LABEL.search(label):
        return (
            f"{label!r} is not a label that :ref: can name: it holds {bad.group()!r}; "
            "use the name written in '.. _name:', such as 'positional-only_parameter'"
        )
    return None


def index_entries(entry: str, node_id: str) -> list[IndexEntry]:
    """Sphinx's index entries for one line of ``.. index::``, pointing at ``node_id``.

    Raises ValueError, with Sphinx's message, when the line is not a valid entry.
    """
    # Imported here: reading a database without building needs no more of Sphinx.
    from sphinx.util.index_entries import split_index_msg
    from sphinx.util.nodes import process_index_entry

    _refuse_removed_type(entry)
    entries = process_index_entry(entry, node_id)
    for entry_type, value, _, _, _ in entries:
        split_index_msg(entry_type, value)  # what the index domain checks on a page
    if not entries:
        raise ValueError(f"{entry!r} holds no index entry")
    return entries


def _refuse_removed_type(entry: str) -> None:
    """Raise ValueError, in Sphinx 9's words, when ``entry`` has a removed type."""
    text = entry.strip().removeprefix("!").lstrip()
    for entry_type, pair_object in _REMOVED_TYPES.items():
        if text.startswith(f"{entry_type}:"):
            value = text[len(entry_type) + 1 :].strip()
            raise ValueError(
                f"{entry_type!r} is no longer supported for index entries (from entry "
                f"{text!r}). Use 'pair: {pair_object}; {value}' instead."
            )


def index_problem(entry: str) -> str | None:
    """Why ``entry`` is not a line of ``.. index::``, or None when it is."""
    try:
        index_entries(entry, "")
    except ValueError as exc:
        return (
            f"{exc}; write it as for '.. index::', for example 'single: name', "
            "'pair: object; type', 'see: alias; name' or 'name, other name'"
        )
    return None
