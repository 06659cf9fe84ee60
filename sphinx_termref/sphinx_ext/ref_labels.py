"""A term's ``labels`` as Sphinx labels on its canonical card.

``:ref:`label``` (showing the term's name) and ``:ref:`text <label>``` then link
to the card from any page, and ``objects.inv`` lists each label as ``std:label``
for other projects. Which card is canonical is known only once every page is
read, so the labels are given to Sphinx's standard domain after reading
(``env-updated``) and taken back before the next read (``env-before-read-docs``):
while pages are read, the domain holds the pages' own labels only, and a page
label that a term also has is found then, once, with both places named.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain
from sphinx.environment import BuildEnvironment

from ..termdb.records import Term
from ..warnings import Subtype
from .domain import get_domain
from .log import warn


def _standard_domain(env: BuildEnvironment) -> StandardDomain:
    domain = env.domains["std"]
    assert isinstance(domain, StandardDomain)
    return domain


def withdraw(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: take back the labels given to Sphinx last time."""
    std = _standard_domain(env)
    for label, place in get_domain(env).take_back_labels():
        if std.anonlabels.get(label) == place:  # not replaced by a page's own label
            del std.anonlabels[label]
            std.labels.pop(label, None)


def label_place(term: Term, label: str) -> str:
    """``file:line:column`` where ``term`` writes ``label`` (a rare path: reads it again)."""
    from ..termdb import spelling_places

    line, column = spelling_places.spelling_place(term, label, "labels")
    spelling_places.forget()  # one file, read for one warning
    return f"{term.source}:{line}:{column}" if column else f"{term.source}:{line}"


def register(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: each label of each term at the term's canonical card."""
    domain = get_domain(env)
    std = _standard_domain(env)
    database = domain.database
    # Each shown term's labels and name from the database's tables of them, which
    # unpickle no term: a large database's terms stay on its shelf.
    labelled: dict[str, list[str]] = {}
    for label, term_id in database.labels.items():  # in the database's order
        labelled.setdefault(term_id, []).append(label)
    for term_id, labels in labelled.items():
        place = domain.target(term_id)
        if place is None:
            continue  # a :ref: to the label says why (``resolve_unshown``)
        name = database.listed_spellings(term_id)[0]
        for label in labels:
            if label in std.anonlabels:
                term = database.terms[term_id]
                other = env.doc2path(std.anonlabels[label][0])
                warn(
                    Subtype.collision,
                    f"duplicate label {label}, other instance in {other}: the label of term "
                    f"{term_id!r} is left out, and :ref:`{label}` links to the page's own "
                    "target; rename or remove one of them",
                    location=label_place(term, label),
                )
                continue
            std.note_hyperlink_target(label, place.docname, place.node_id, name)
            domain.note_given_label(label, place.docname, place.node_id)


def resolve_unshown(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.Element | None:
    """``missing-reference``: a ``:ref:`` to the label of a term that no page shows.

    It warns as a ``:termref:`` to the term would, and keeps its text, the term's
    name unless the reference gives its own, instead of Sphinx's "undefined label".
    """
    if node.get("refdomain") != "std" or node.get("reftype") != "ref":
        return None
    domain = get_domain(env)
    term = domain.database.terms.get(domain.database.labels.get(node["reftarget"], ""))
    if term is None or domain.target(term.id) is not None:
        return None
    if not node.get("refexplicit"):
        contnode = nodes.inline(term.name, term.name)
    return domain.link(term, node.get("refdoc", env.docname), app.builder, node, contnode)
