"""Terms of other projects, through ``sphinx.ext.intersphinx`` inventories.

Intersphinx itself matches a ``termref:term`` target exactly. This fallback runs
after it and matches the way local references do: any case, spelling variant,
alias (they are in the inventory too) and, if enabled, inflection. The
``project:target`` form searches only that project's inventory. A target that no
inventory has as a ``termref:term`` is looked up among their glossary terms
(``std:term``) last, as Sphinx's ``:term:`` is: a glossary's ``:term:`python:slice```
that ``import-glossary`` made a ``:termref:`` still reaches Python's glossary.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..termdb.matching import inflections, normalise

OBJTYPE = "termref:term"
#: The terms of Sphinx glossaries, found when no term of this extension is.
GLOSSARY_OBJTYPE = "std:term"


def _item(entry: Any) -> tuple[str, str, str, str]:
    """(project, version, uri, display name) of an inventory entry, in any Sphinx 8/9 shape."""
    if hasattr(entry, "uri"):
        return entry.project_name, entry.project_version, entry.uri, entry.display_name
    project, version, uri, display = entry
    return project, version, uri, display


#: id of an inventory's term table -> (the table, its size then, its normalised index).
#: Built once per table, not once per reference that the exact lookup misses: that
#: made 5,000 references to a 10,000-term inventory cost 19x a glossary consumer's CPU.
#: Holding the table keeps its id from being reused; intersphinx puts new tables in
#: the env whenever it loads an inventory again, so a reloaded one is indexed anew.
_indexes: dict[int, tuple[dict[str, Any], int, dict[str, Any]]] = {}
#: How many indexes have been built, for the tests.
index_builds = 0


def _index(env: BuildEnvironment, terms: dict[str, Any]) -> dict[str, Any]:
    """The normalised index of one inventory's term table, built once."""
    global index_builds
    cached = _indexes.get(id(terms))
    if cached is not None and cached[0] is terms and cached[1] == len(terms):
        return cached[2]
    # Keep only the tables this env still holds: earlier builds' inventories go.
    current = {id(table) for table in _tables(env)}
    for stale in [key for key in _indexes if key not in current]:
        del _indexes[stale]
    by_key = {normalise(name): entry for name, entry in terms.items()}
    _indexes[id(terms)] = (terms, len(terms), by_key)
    index_builds += 1
    return by_key


def _tables(env: BuildEnvironment) -> list[dict[str, Any]]:
    """The term tables of the main and the named inventories."""
    main = getattr(env, "intersphinx_inventory", None) or {}
    named = getattr(env, "intersphinx_named_inventory", None) or {}
    return [
        inv[objtype]
        for inv in (main, *named.values())
        for objtype in (OBJTYPE, GLOSSARY_OBJTYPE)
        if objtype in inv
    ]


def _find(
    env: BuildEnvironment,
    inventory: dict[str, dict[str, Any]],
    target: str,
    inflect: bool,
    objtype: str = OBJTYPE,
) -> Any | None:
    terms = inventory.get(objtype)
    if not terms:
        return None
    if target in terms:
        return terms[target]
    by_key = _index(env, terms)
    key = normalise(target)
    candidates = [key, *inflections(key)] if inflect else [key]
    return next((by_key[c] for c in candidates if c in by_key), None)


def _glossaries_searched(env: BuildEnvironment) -> bool:
    """Whether a target without a project may be any inventory's glossary term, as
    ``intersphinx_disabled_reftypes`` decides for ``:term:``."""
    disabled = getattr(env.config, "intersphinx_disabled_reftypes", None) or ()
    return not {"*", "std:*", GLOSSARY_OBJTYPE} & set(disabled)


def has_terms(env: BuildEnvironment) -> bool:
    """Whether an intersphinx inventory holds terms of another project."""
    return bool((getattr(env, "intersphinx_inventory", None) or {}).get(OBJTYPE))


def resolve(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.reference | None:
    """``missing-reference`` handler: a term reference that another project defines."""
    main = getattr(env, "intersphinx_inventory", None)  # set by sphinx.ext.intersphinx
    if node.get("refdomain") != "termref" or main is None:
        return None
    named = getattr(env, "intersphinx_named_inventory", {})
    target = node["reftarget"]
    inflect = env.config.termref_inflections
    entry = _find(env, main, target, inflect)
    name, _, rest = target.partition(":")
    if entry is None and rest and name in named:
        entry = _find(env, named[name], rest, inflect) or _find(
            env, named[name], rest, inflect, GLOSSARY_OBJTYPE
        )
        text = contnode.astext()
        if not node.get("refexplicit") and text.startswith(f"{name}:"):
            contnode = contnode.__class__(text, text[len(name) + 1 :])  # drop "project:"
    elif entry is None and _glossaries_searched(env):
        entry = _find(env, main, target, inflect, GLOSSARY_OBJTYPE)
    if entry is None:
        return None
    project, version, uri, _ = _item(entry)
    if "://" not in uri and not uri.startswith("/") and node.get("refdoc"):
        # A relative local inventory: relative to this page, as intersphinx does.
        depth = len(PurePosixPath(node["refdoc"]).parent.parts)
        uri = "../" * depth + uri
    where = f"{project} {version}".strip()
    title = f"(in {where})"
    reference = nodes.reference("", "", internal=False, refuri=uri, reftitle=title)
    reference["classes"].extend(["termref", "termref--external"])
    reference += contnode
    return reference
