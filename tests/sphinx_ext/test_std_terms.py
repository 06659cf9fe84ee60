"""``termref_std_terms``: Sphinx's own ``:term:`` resolves through the database.

Root ``test-std-terms``: two cards on ``index``, a real ``glossary`` defining
"Learned optimizer" (also an alias in the database), and ``refs`` with ``:term:``
references in database spellings.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import ROOTS, build_app, strip_ansi
from sphinx.testing.util import SphinxTestApp

ROOT = ROOTS / "test-std-terms"
ON = {"termref_std_terms": True}
OFF = {"termref_std_terms": False}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """The root built with ``termref_std_terms = True``, once for the tests that read it."""
    return build_app(ROOT, tmp_path_factory.mktemp("std"), confoverrides=ON)


def _item(app: SphinxTestApp, label: str) -> Tag:
    soup = BeautifulSoup((Path(app.outdir) / "refs.html").read_text("utf-8"), "html.parser")
    for li in soup.select("div.body li"):
        if li.get_text(strip=True).startswith(f"{label}:"):
            return li
    raise AssertionError(label)


def _warnings(app: SphinxTestApp) -> list[str]:
    text = strip_ansi(app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line]


@pytest.mark.parametrize(
    ("label", "href", "text"),
    [
        ("std-alias", "index.html#termref-mesa-optimization", "inner optimization"),
        ("std-plural", "index.html#termref-reward-hacking", "reward hackings"),
        ("std-title", "index.html#termref-mesa-optimization", "the optimizer"),
    ],
)
def test_term_role_resolves_to_card(
    built: SphinxTestApp, label: str, href: str, text: str
) -> None:
    app = built
    link = _item(app, label).a
    assert link is not None
    assert link["href"] == href
    assert link.get_text() == text
    assert "termref" in link["class"]


def test_glossary_entry_wins(built: SphinxTestApp) -> None:
    app = built
    link = _item(app, "std-glossary").a
    assert link["href"] == "glossary.html#term-Learned-optimizer"
    # :termref: still goes to the database's card.
    assert _item(app, "termref").a["href"] == "index.html#termref-mesa-optimization"


def test_unknown_term_still_warns_once(built: SphinxTestApp) -> None:
    app = built
    warnings = _warnings(app)
    assert len(warnings) == 1, warnings
    assert "term not in glossary: 'no such term'" in warnings[0]
    assert re.match(r".*refs\.rst:\d+: WARNING", warnings[0])
    assert _item(app, "std-unknown").a is None


def test_term_references_are_backlinks(built: SphinxTestApp) -> None:
    app = built
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")
    section = soup.select_one("#termref-reward-hacking .termref-card__section--referenced-in")
    assert section is not None  # only :term:`reward hackings` refers to it
    assert [a["href"] for a in section("a")] == ["refs.html"]


@pytest.mark.sphinx("html", testroot="std-terms", confoverrides=OFF)
def test_off_sphinx_warns_as_usual(app: SphinxTestApp) -> None:
    app.build()
    warnings = _warnings(app)
    for target in ("inner optimization", "reward hackings", "Mesa-Optimization", "no such term"):
        assert any(f"term not in glossary: {target!r}" in w for w in warnings), (target, warnings)
    assert len(warnings) == 4, warnings
    for label in ("std-alias", "std-plural", "std-title"):
        assert _item(app, label).a is None, label
    assert _item(app, "std-glossary").a["href"] == "glossary.html#term-Learned-optimizer"
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")
    assert soup.select_one("#termref-reward-hacking .termref-card__section--referenced-in") is None
