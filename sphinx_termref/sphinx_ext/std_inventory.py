"""The shown terms as glossary terms (``std:term``) in ``objects.inv``.

With ``termref_std_terms = True`` a migrated glossary stays reachable from other
projects' ``:term:`project:iterator```, which intersphinx looks up among the
``std:term`` entries of the project's inventory.

The entries are added to the standard domain only while the builder writes the
inventory: were they there while pages are written, Sphinx's own ``:term:``
resolution would find them before the extension's ``missing-reference`` handler
does, and local links would lose their classes, tooltips and backlinks. Wrapping
the builder's ``dump_inventory`` holds wherever and whenever the builder runs it
(``html``, ``dirhtml`` and ``singlehtml`` all do, in the main process).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain

from .domain import TermrefDomain, get_domain


def connect(app: Sphinx) -> None:
    app.connect("builder-inited", wrap_dump_inventory)


def wrap_dump_inventory(app: Sphinx) -> None:
    builder = app.builder
    dump: Callable[[], None] | None = getattr(builder, "dump_inventory", None)
    if dump is None or not app.config.termref_std_terms:
        return

    @functools.wraps(dump)
    def dump_with_terms() -> None:
        std = builder.env.domains["std"]
        assert isinstance(std, StandardDomain)
        added = add_terms(get_domain(builder.env), std)
        try:
            dump()
        finally:
            for key in added:
                del std.objects[key]

    builder.dump_inventory = dump_with_terms  # type: ignore[attr-defined]


def add_terms(domain: TermrefDomain, std: StandardDomain) -> list[tuple[str, str]]:
    """Add each shown term's name and aliases, as written, as a glossary lists its
    entry terms, leading to the term's card; return the keys added.

    A spelling that a glossary of the project defines, in any case, stays the
    glossary's, as it does for ``:term:``.
    """
    taken = {name.lower() for kind, name in std.objects if kind == "term"}
    added: list[tuple[str, str]] = []
    for term_id in sorted(domain.link_targets()):
        term = domain.database.terms.get(term_id)
        place = domain.target(term_id)
        if term is None or place is None:
            continue
        for spelling in (term.name, *term.aliases):
            if spelling.lower() in taken:
                continue
            taken.add(spelling.lower())
            std.objects["term", spelling] = (place.docname, place.node_id)
            added.append(("term", spelling))
    return added
