"""Terms of one project referred to from another, through sphinx.ext.intersphinx.

Project A (``test-intersphinx-provider``) shows three terms on cards; project B
(``test-intersphinx-consumer``) has no database of its own and refers to A's terms in every
spelling a local reference accepts. A is built once per module, then B against
A's ``objects.inv``.
"""

from __future__ import annotations

import re
import shutil
import zlib
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import pytest
from bs4 import BeautifulSoup
from helpers import ROOTS, InventoryItem, build_app, read_inventory, strip_ansi
from sphinx.testing.util import SphinxTestApp

from sphinx_termref.sphinx_ext import external


def _warnings(app: SphinxTestApp) -> str:
    return strip_ansi(app.warning.getvalue())


def _soup(outdir: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


def _items(soup: BeautifulSoup) -> dict[str, object]:
    """Each ``* label: ...`` list item of the page body, by its label."""
    items = {}
    for li in soup.select("div.body li"):
        label, sep, _ = li.get_text(" ", strip=True).partition(":")
        if sep:
            items[label.strip()] = li
    return items


def _link(soup: BeautifulSoup, label: str):  # type: ignore[no-untyped-def]
    item = _items(soup)[label]
    links = item.find_all("a")  # type: ignore[attr-defined]
    assert len(links) == 1, f"{label}: expected one link, got {links}"
    return links[0]


def _target_file(page_file: Path, href: str) -> Path:
    """The file ``href`` points to, resolved the way a browser does from ``page_file``."""
    joined = urljoin(page_file.resolve().as_uri(), href)
    return Path(url2pathname(urlsplit(joined).path))


@pytest.fixture(scope="module")
def project_a(tmp_path_factory: pytest.TempPathFactory) -> Path:
    app = build_app(ROOTS / "test-intersphinx-provider", tmp_path_factory.mktemp("a"))
    assert "WARNING" not in _warnings(app), _warnings(app)
    return Path(app.outdir)


@pytest.fixture(scope="module")
def project_b(project_a: Path, tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    mapping = {"a": (str(project_a), str(project_a / "objects.inv"))}
    return build_app(
        ROOTS / "test-intersphinx-consumer",
        tmp_path_factory.mktemp("b"),
        confoverrides={"intersphinx_mapping": mapping},
    )


# -- the inventory of A ------------------------------------------------------------------


def _inventory(outdir: Path) -> dict[str, dict[str, InventoryItem]]:
    return read_inventory(outdir / "objects.inv", uri=str(outdir))


def test_inventory_has_name_id_and_aliases(project_a: Path) -> None:
    terms = _inventory(project_a)["termref:term"]
    expected_names = {
        "Mesa-Optimization",
        "mesa-optimization",
        "Inner optimization",
        "Learned optimizer",
        "Reward Hacking",
        "reward-hacking",
        "Specification gaming",
        "Ontology",
        "ontology",
    }
    assert expected_names <= set(terms)
    for name in ("Mesa-Optimization", "mesa-optimization", "Inner optimization"):
        item = terms[name]
        assert item.uri.endswith("index.html#termref-mesa-optimization"), (name, item.uri)
        assert item.project_name == "Alpha"
        assert item.project_version == "2.0"
    assert terms["reward-hacking"].uri.endswith("index.html#termref-reward-hacking")
    assert terms["Specification gaming"].uri.endswith("index.html#termref-reward-hacking")
    assert terms["mesa optimisation"].uri.endswith("index.html#termref-mesa-optimization")


def test_inventory_priorities_keep_aliases_out_of_search(project_a: Path) -> None:
    """The name is a normal entry (priority 1), the id and aliases hidden ones (-1)."""
    raw = (project_a / "objects.inv").read_bytes()
    body = zlib.decompress(raw.split(b"\n", 4)[4]).decode()
    line = re.compile(r"^(?P<name>.+?)\s+termref:term\s+(?P<prio>-?\d+)\s+\S+\s+.+$", re.M)
    priorities = {m["name"]: m["prio"] for m in line.finditer(body)}
    assert priorities["Mesa-Optimization"] == "1"
    assert priorities["Ontology"] == "1"
    assert priorities["Inner optimization"] == "-1"
    assert priorities["mesa-optimization"] == "-1"
    assert priorities["Specification gaming"] == "-1"


# -- references from B -------------------------------------------------------------------

CARD = "index.html#termref-mesa-optimization"


@pytest.mark.parametrize(
    ("label", "anchor"),
    [
        ("exact-name", "termref-mesa-optimization"),
        ("exact-alias", "termref-mesa-optimization"),
        ("other-case", "termref-mesa-optimization"),
        ("lower-alias", "termref-mesa-optimization"),
        ("named-inventory", "termref-mesa-optimization"),
        ("plural", "termref-ontology"),
        ("plural-alias", "termref-mesa-optimization"),
        ("hidden-alias", "termref-mesa-optimization"),
        ("explicit-title", "termref-reward-hacking"),
        ("any-exact", "termref-reward-hacking"),
    ],
)
def test_reference_links_into_a(
    project_a: Path, project_b: SphinxTestApp, label: str, anchor: str
) -> None:
    page = Path(project_b.outdir) / "index.html"
    link = _link(_soup(Path(project_b.outdir), "index"), label)
    href = link["href"]
    assert href.endswith(f"index.html#{anchor}"), href
    assert _target_file(page, href) == (project_a / "index.html").resolve()


def test_unknown_reference_still_warns(project_b: SphinxTestApp) -> None:
    warnings = _warnings(project_b)
    assert "unknown term 'no such thing'" in warnings
    assert "[termref.unknown]" in warnings
    # Only that one: everything else resolved through A's inventory.
    assert warnings.count("WARNING") == 1, warnings
    assert _items(_soup(Path(project_b.outdir), "index"))["unknown"].find("a") is None


def test_explicit_title_is_kept(project_b: SphinxTestApp) -> None:
    link = _link(_soup(Path(project_b.outdir), "index"), "explicit-title")
    assert link.get_text() == "the hack"


@pytest.mark.parametrize("label", ["other-case", "lower-alias", "plural", "hidden-alias"])
def test_fallback_keeps_written_text(project_b: SphinxTestApp, label: str) -> None:
    item = _items(_soup(Path(project_b.outdir), "index"))[label]
    written = item.get_text(" ", strip=True).partition(":")[2].strip()  # type: ignore[attr-defined]
    assert _link(_soup(Path(project_b.outdir), "index"), label).get_text() == written


def test_alias_link_text_does_not_depend_on_case(project_b: SphinxTestApp) -> None:
    """``Inner optimization`` (the alias as written in A) and ``learned optimizer``
    (another alias, other case) are both aliases of one term; a local reference shows
    the text as written, so an external one should too, whatever the case."""
    soup = _soup(Path(project_b.outdir), "index")
    assert _link(soup, "lower-alias").get_text() == "learned optimizer"
    assert _link(soup, "exact-alias").get_text() == "Inner optimization"


def test_named_inventory_prefix_is_not_shown(project_b: SphinxTestApp) -> None:
    """``a:Inner Optimization`` names the inventory; like intersphinx's own
    ``inventory:target`` form, the ``a:`` prefix is not part of the link text."""
    link = _link(_soup(Path(project_b.outdir), "index"), "named-inventory")
    assert not link.get_text().startswith("a:"), link.get_text()


@pytest.mark.parametrize("label", ["exact-name", "other-case"])
def test_links_from_a_subdirectory_reach_a(
    project_a: Path, project_b: SphinxTestApp, label: str
) -> None:
    """From ``sub/page.html`` the link must still lead to A's card page.

    The exact name is resolved by intersphinx itself, the other case by the
    extension's fallback; both must point at the same file.
    """
    page = Path(project_b.outdir) / "sub" / "page.html"
    link = _link(_soup(Path(project_b.outdir), "sub/page"), label)
    assert link["href"].endswith(CARD)
    assert _target_file(page, link["href"]) == (project_a / "index.html").resolve(), link["href"]


def test_external_links_are_marked(project_b: SphinxTestApp) -> None:
    link = _link(_soup(Path(project_b.outdir), "index"), "other-case")
    assert "termref--external" in link["class"]
    assert "Alpha" in link["title"]


# -- the fallback's index of an inventory ------------------------------------------------


def _build_b(srcdir: Path, builddir: Path, provider: Path) -> SphinxTestApp:
    mapping = {"a": (str(provider), str(provider / "objects.inv"))}
    return build_app(srcdir, builddir, confoverrides={"intersphinx_mapping": mapping})


def test_case_variants_all_link_into_a(project_b: SphinxTestApp) -> None:
    soup = _soup(Path(project_b.outdir), "variants")
    items = soup.select("div.body li")
    assert len(items) == 21
    for item in items:
        links = item.find_all("a")
        assert len(links) == 1, item
        assert "termref--external" in links[0]["class"], item
        assert "index.html#termref-" in links[0]["href"], item


def test_each_inventory_is_indexed_once_per_build(project_a: Path, tmp_path: Path) -> None:
    """Every reference on the variants page misses intersphinx's exact lookup, so each
    goes through the fallback; the main inventory and the named one ``a`` are each
    indexed once however many references there are, not once per reference."""
    before = external.index_builds
    app = _build_b(ROOTS / "test-intersphinx-consumer", tmp_path / "b", project_a)
    assert _warnings(app).count("WARNING") == 1, _warnings(app)  # "no such thing"
    assert external.index_builds - before == 2
    # One index per inventory, for the tables this build's env holds.
    env = app.env
    tables = [env.intersphinx_inventory["termref:term"]]  # type: ignore[attr-defined]
    tables.append(env.intersphinx_named_inventory["a"]["termref:term"])  # type: ignore[attr-defined]
    assert sorted(external._indexes) == sorted(id(table) for table in tables)


def test_a_changed_inventory_is_indexed_again(
    project_a: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A later build in the same process whose inventory has changed (here: A has
    a new alias) resolves against the new inventory, not a kept index of the old."""
    consumer = tmp_path / "consumer"
    shutil.copytree(ROOTS / "test-intersphinx-consumer", consumer)
    (consumer / "new.rst").write_text(":orphan:\n\nNew\n===\n\n* :termref:`REWARD TAMPERING`\n")
    first = _build_b(consumer, tmp_path / "b1", project_a)
    assert "unknown term 'REWARD TAMPERING'" in _warnings(first)

    provider = tmp_path / "provider"
    shutil.copytree(ROOTS / "test-intersphinx-provider", provider)
    yaml = provider / "terms.yaml"
    yaml.write_text(
        yaml.read_text().replace(
            "      - Specification gaming\n",
            "      - Specification gaming\n      - Reward tampering\n",
        )
    )
    changed = build_app(provider, tmp_path_factory.mktemp("a2"))
    second = _build_b(consumer, tmp_path / "b2", Path(changed.outdir))
    assert "REWARD TAMPERING" not in _warnings(second), _warnings(second)
    link = _soup(Path(second.outdir), "new").select_one("div.body li a")
    assert link is not None
    assert link["href"].endswith("index.html#termref-reward-hacking")


# -- :any: in the project itself ---------------------------------------------------------


def test_any_role_finds_terms(project_a: Path) -> None:
    soup = _soup(project_a, "index")
    assert _link(soup, "any-alias")["href"] == "#termref-mesa-optimization"
    assert _link(soup, "any-name")["href"] == "#termref-reward-hacking"
    assert soup.find(id="termref-mesa-optimization") is not None
