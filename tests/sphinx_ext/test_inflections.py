"""Plural and singular forms of names and aliases, and hidden aliases.

Root ``test-inflections``: every term has a card on ``index``; ``refs`` refers
to them in other grammatical numbers, by hidden aliases, and by the names
"data" and "datum", which are two different terms.
"""

from __future__ import annotations

import re

import pytest
from bs4 import Tag
from helpers import build_once, html, strip_ansi
from sphinx.testing.util import SphinxTestApp


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """The root built with the default settings, once for the tests that read it."""
    return build_once(tmp_path_factory, "inflections")


def _item(app: SphinxTestApp, label: str) -> Tag:
    for li in html(app, "refs").select("div.body li"):
        if li.get_text(strip=True).startswith(f"{label}:"):
            return li
    raise AssertionError(label)


RESOLVED = [
    ("plural-name", "mesa-optimizer", "mesa-optimizers"),
    ("plural-alias", "trained-searcher", "learned optimizers"),
    ("plural-ies", "ontology", "ontologies"),
    ("plural-ses", "analysis", "analyses"),
    ("irregular", "criterion", "criteria"),
    ("singular-of-plural", "embeddings", "embedding"),
]


@pytest.mark.parametrize(("label", "term_id", "text"), RESOLVED)
def test_inflected_reference_resolves(
    built: SphinxTestApp, label: str, term_id: str, text: str
) -> None:
    app = built
    link = _item(app, label).a
    assert link is not None, label
    assert link["href"] == f"index.html#termref-{term_id}"
    assert link.get_text() == text  # the text as written, not the name


def test_exact_name_wins_over_inflection(built: SphinxTestApp) -> None:
    app = built
    assert _item(app, "exact-data").a["href"] == "index.html#termref-data"
    assert _item(app, "exact-datum").a["href"] == "index.html#termref-datum"


def test_no_warnings(built: SphinxTestApp) -> None:
    app = built
    assert "WARNING" not in strip_ansi(app.warning.getvalue())


@pytest.mark.sphinx("html", testroot="inflections", confoverrides={"termref_inflections": False})
def test_inflections_off(app: SphinxTestApp) -> None:
    app.build()
    warnings = strip_ansi(app.warning.getvalue())
    for label, _, text in RESOLVED:
        assert _item(app, label).a is None, label
        assert f"unknown term {text!r}" in warnings
    unknown = re.findall(r"WARNING: unknown term .*\[termref\.unknown\]$", warnings, re.M)
    assert len(unknown) == len(RESOLVED), warnings
    # Exact spellings still resolve.
    assert _item(app, "exact-data").a["href"] == "index.html#termref-data"
    assert _item(app, "hidden").a["href"] == "index.html#termref-alignment-tax"


def test_hidden_aliases_match(built: SphinxTestApp) -> None:
    app = built
    for label in ("hidden", "hidden-typo"):
        assert _item(app, label).a["href"] == "index.html#termref-alignment-tax"


def test_hidden_aliases_are_not_shown(built: SphinxTestApp) -> None:
    app = built
    card = html(app, "index").find("section", id="termref-alignment-tax")
    aliases = card.select_one("div.termref-card__section--aliases")
    assert [li.get_text(strip=True) for li in aliases.find_all("li")] == ["Safety cost"]
    alternate = [m["content"] for m in card.find_all("meta", itemprop="alternateName")]
    assert alternate == ["Safety cost"]
    assert "safety tax" not in card.get_text().casefold()
    assert "alignmnet" not in card.get_text().casefold()
    genindex = html(app, "genindex").select_one("div.body").get_text().casefold()
    assert "safety cost" in genindex
    assert "safety tax" not in genindex
    assert "alignmnet" not in genindex
