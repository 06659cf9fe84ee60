"""``:termref:`` into another project's Sphinx glossary (``std:term`` entries), as
``:term:`` reaches it: what ``import-glossary`` turns ``:term:`lang:slice``` into
keeps its link.

``test-intersphinx-glossary-provider`` is a plain Sphinx project with a
``.. glossary::``; ``test-intersphinx-glossary-consumer`` refers to its terms from a
page and from a term's summary.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOTS, build_app, html, strip_ansi
from sphinx.testing.util import SphinxTestApp


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Path:
    app = build_app(ROOTS / "test-intersphinx-glossary-provider", tmp_path_factory.mktemp("p"))
    assert "WARNING" not in strip_ansi(app.warning.getvalue())
    return Path(app.outdir)


def consumer(provider: Path, tmp_path: Path, **overrides: object) -> SphinxTestApp:
    mapping = {"lang": (str(provider), str(provider / "objects.inv"))}
    return build_app(
        ROOTS / "test-intersphinx-glossary-consumer",
        tmp_path,
        confoverrides={"intersphinx_mapping": mapping, **overrides},
    )


def links(app: SphinxTestApp) -> dict[str, tuple[str, str]]:
    """(link text, href) of each list item's link, by the item's label, and of the
    card's summary links, by their text."""
    soup = html(app)
    found = {}
    for li in soup.select("div.body > section > ul > li"):
        label = li.get_text().partition(":")[0]
        a = li.find("a")
        if a is not None:
            found[label] = (a.get_text(), a["href"])
    for a in soup.select("#termref-colon .termref-card__summary a"):
        found[f"card {a.get_text()}"] = (a.get_text(), a["href"])
    return found


def test_terms_of_a_glossary_are_linked(provider: Path, tmp_path: Path) -> None:
    app = consumer(provider, tmp_path)
    glossary = str(provider / "index.html")
    assert links(app) == {
        "prefixed": ("Slices", f"{glossary}#term-slice"),
        "titled": ("a part", f"{glossary}#term-slice"),
        "plain": ("sequences", f"{glossary}#term-sequence"),
        "card slice": ("slice", f"{glossary}#term-slice"),
        "card sequence": ("sequence", f"{glossary}#term-sequence"),
    }
    warnings = strip_ansi(app.warning.getvalue())
    assert warnings.count("WARNING") == 1, warnings
    assert "unknown term 'lang:no such thing'" in warnings


def test_disabled_reftypes_keep_unnamed_targets_out(provider: Path, tmp_path: Path) -> None:
    """``intersphinx_disabled_reftypes = ["std:term"]`` keeps a target without a
    project from any inventory's glossary, as for ``:term:``; ``lang:`` still
    names the project."""
    app = consumer(provider, tmp_path, intersphinx_disabled_reftypes=["std:term"])
    found = links(app)
    assert "plain" not in found and "card sequence" not in found
    assert found["prefixed"][0] == "Slices" and "card slice" in found
    warnings = strip_ansi(app.warning.getvalue())
    assert "unknown term 'sequences'" in warnings
    assert "unknown term 'sequence' in the summary of term 'colon'" in warnings
