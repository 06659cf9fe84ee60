"""The usage report: where each term is shown and referred to, and what is unused.

With ``termref_usage_report = True`` every build writes ``termref-usage.json`` into
the output directory. It is computed from the domain's merged data, so it covers
the whole project in parallel and incremental builds alike.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..warnings import Subtype
from .domain import TermrefDomain, get_domain
from .log import warn

REPORT_FILE = "termref-usage.json"
REPORT_VERSION = 1


def _source(env: BuildEnvironment, docname: str, line: int) -> dict[str, Any]:
    return {"document": docname, "file": str(env.doc2path(docname)), "line": line}


def unused_terms(domain: TermrefDomain) -> list[str]:
    """Ids of the terms that no page refers to (cards do not count as use)."""
    used = {ref.term_id for _, ref in domain.all_references()}
    return [term.id for term in domain.database if term.id not in used]


def build_report(env: BuildEnvironment) -> dict[str, Any]:
    domain = get_domain(env)
    counts: dict[str | None, Counter[str]] = {}
    for doc, ref in domain.all_references():
        counts.setdefault(ref.term_id, Counter())[doc] += 1
    terms: dict[str, Any] = {}
    for term in domain.database:
        canonical = domain.target(term.id)
        pages = counts.get(term.id, Counter())
        terms[term.id] = {
            "name": term.name,
            "defined_in": f"{term.source}:{term.line}",
            "card": None
            if canonical is None
            else {**_source(env, canonical.docname, canonical.line), "anchor": canonical.node_id},
            "other_cards": [
                _source(env, place.docname, place.line)
                for place in domain.cards.get(term.id, [])
                if place != canonical
            ],
            "references": {doc: pages[doc] for doc in sorted(pages)},
            "reference_count": sum(pages.values()),
        }
    unresolved = [
        {"spelling": ref.spelling, **_source(env, doc, ref.line)}
        for doc, ref in domain.all_references()
        if domain.find(ref.spelling) is None
    ]
    return {
        "version": REPORT_VERSION,
        "terms": terms,
        "unresolved": unresolved,
        "unused": unused_terms(domain),
    }


def warn_unused(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: with ``termref_warn_unused``, each unused term warns."""
    if not app.config.termref_warn_unused:
        return
    domain = get_domain(env)
    for term_id in unused_terms(domain):
        term = domain.database.terms[term_id]
        warn(
            Subtype.unused,
            f"term {term_id!r} is not referred to by any page; refer to it with "
            f":termref:`{term.name}` or remove it from the database",
            location=term.location,
        )


def write_report(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write the report next to the built pages."""
    if exception is not None or not app.config.termref_usage_report:
        return
    report = build_report(app.env)
    path = Path(app.outdir) / REPORT_FILE
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
