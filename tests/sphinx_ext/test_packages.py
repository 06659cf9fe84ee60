"""``termref_databases`` entries ``package:NAME[/sub/dir]``: the YAML files of an
installed Python package, as a shared vocabulary is published.

Each test writes a throw-away package ``termref_vocab`` (``__init__.py`` and
``terms/*.yaml``) into a directory it puts on ``sys.path``, which is how
``importlib.resources`` finds any installed package; one test has pip install a
wheel of it into that directory and upgrade it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import build, dump_terms, line_of, run_cli, write_project
from sphinx.testing.util import SphinxTestApp

from sphinx_termref.termdb import loading

PACKAGE = "termref_vocab"
CONF = f'extensions = ["sphinx_termref"]\ntermref_databases = ["package:{PACKAGE}/terms"]\n'
PAGES = {
    "index": "Index\n=====\n\n.. toctree::\n\n   cards\n   plain\n\nSee :termref:`beta`.\n",
    "cards": "Cards\n=====\n\n.. term-card:: alpha\n\n.. term-card:: beta\n",
    "plain": "Plain\n=====\n\nNo terms here.\n",
}


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty directory on ``sys.path``, as site-packages is; the package a test
    imports from it is forgotten afterwards, so the next test imports its own."""
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))  # also invalidates importlib's caches
    yield site
    sys.modules.pop(PACKAGE, None)


def install(site: Path, files: dict[str, str]) -> Path:
    """The package ``termref_vocab`` in ``site`` with ``files`` (paths below it)."""
    package = site / PACKAGE
    package.mkdir(exist_ok=True)
    (package / "__init__.py").write_text('"""A shared vocabulary."""\n', encoding="utf-8")
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package


def vocabulary(alpha_summary: str = "The first one.") -> dict[str, str]:
    return {
        "terms/a.yaml": dump_terms([{"id": "alpha", "name": "Alpha", "summary": alpha_summary}]),
        "terms/more/b.yml": dump_terms([{"id": "beta", "name": "Beta", "summary": "Second."}]),
        "terms/notes.txt": "not a database file",
        "other/c.yaml": dump_terms([{"id": "gamma", "name": "Gamma", "summary": "Third."}]),
    }


def write(srcdir: Path) -> Path:
    write_project(srcdir, {}, PAGES)
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    return srcdir


def test_a_package_directory_is_a_database(site: Path, tmp_path: Path) -> None:
    install(site, vocabulary())
    built = build(write(tmp_path / "src"), tmp_path / "_build")
    assert built.termref() == []
    assert "The first one." in built.soup("cards").get_text()
    link = built.soup("index").select_one("a.termref")
    assert link is not None and link.get_text() == "beta"
    # Only the sub directory's files, *.yml and below it included.
    assert "Gamma" not in built.soup("cards").get_text()


def test_a_problem_names_the_package_file_by_its_path(site: Path, tmp_path: Path) -> None:
    bad = dump_terms([{"id": "alpha", "name": "Alpha", "summary": "First.", "colour": "red"}])
    package = install(site, {"terms/a.yaml": bad})
    built = build(write(tmp_path / "src"), tmp_path / "_build")
    [warning] = built.typed("termref.schema")
    path = package / "terms" / "a.yaml"
    assert warning.location.startswith(f"{path}:")
    assert "colour" in warning.message


def test_an_upgraded_package_rereads_the_pages_of_its_changed_terms(
    site: Path, tmp_path: Path
) -> None:
    install(site, vocabulary())
    srcdir = write(tmp_path / "src")
    first, read = build_reading(srcdir, tmp_path / "_build")
    assert "The first one." in first.get_text()
    assert read == set(PAGES)
    install(site, vocabulary("The first one, as version 2 words it."))
    second, read = build_reading(srcdir, tmp_path / "_build")
    assert "The first one, as version 2 words it." in second.get_text()
    assert read == {"cards"}  # the page that shows the changed term, no other
    _, read = build_reading(srcdir, tmp_path / "_build")
    assert read == set()  # the same package again: nothing to read


def build_reading(srcdir: Path, builddir: Path) -> tuple[BeautifulSoup, set[str]]:
    """Build again on ``builddir``: the cards page, and the pages Sphinx read."""
    read: set[str] = set()
    app = SphinxTestApp("html", srcdir=srcdir, builddir=builddir)
    app.connect("env-before-read-docs", lambda app, env, docnames: read.update(docnames))
    try:
        app.build()
    finally:
        app.cleanup()
    page = (Path(app.outdir) / "cards.html").read_text(encoding="utf-8")
    return BeautifulSoup(page, "html.parser"), read


def test_a_missing_package_says_what_to_install(site: Path, tmp_path: Path) -> None:
    srcdir = write(tmp_path / "src")
    built = build(srcdir, tmp_path / "_build")
    [warning] = built.typed("termref.yaml")
    assert warning.location == f"{srcdir / 'conf.py'}:{line_of(srcdir / 'conf.py', 'package:')}"
    assert f"there is no Python package {PACKAGE!r}" in warning.message
    assert f"pip install {PACKAGE}" in warning.message


def test_a_missing_sub_directory_is_named(site: Path, tmp_path: Path) -> None:
    install(site, {"other/c.yaml": vocabulary()["other/c.yaml"]})
    srcdir = write(tmp_path / "src")
    built = build(srcdir, tmp_path / "_build")
    [warning] = built.typed("termref.yaml")
    assert warning.location.startswith(f"{srcdir / 'conf.py'}:")
    assert "has no directory 'terms'" in warning.message


def test_validate_takes_a_package(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    install(site, vocabulary())
    status, out, err = run_cli(capsys, "validate", f"package:{PACKAGE}/terms")
    assert (status, out) == (0, "")
    assert err.startswith("2 files, 2 terms: no problems")
    status, out, err = run_cli(capsys, "validate", "package:termref_no_such_vocab")
    assert status == 1
    assert "pip install termref_no_such_vocab" in out


def test_a_namespace_package_without_init_is_found(site: Path, tmp_path: Path) -> None:
    files = vocabulary()
    for name in ("terms/a.yaml", "terms/more/b.yml"):
        path = site / PACKAGE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files[name], encoding="utf-8")
    srcdir = write(tmp_path / "src")
    (srcdir / "conf.py").write_text(CONF.replace("/terms", ""), encoding="utf-8")
    built = build(srcdir, tmp_path / "_build")
    assert built.termref() == []
    assert "The first one." in built.soup("cards").get_text()


def wheel(directory: Path, version: str, alpha_summary: str) -> Path:
    """A wheel of the package ``termref_vocab`` at ``version``, written as pip expects."""
    dist_info = f"{PACKAGE}-{version}.dist-info"
    members = {
        f"{PACKAGE}/__init__.py": f'__version__ = "{version}"\n',
        f"{PACKAGE}/terms/a.yaml": vocabulary(alpha_summary)["terms/a.yaml"],
        f"{dist_info}/METADATA": f"Metadata-Version: 2.1\nName: {PACKAGE}\nVersion: {version}\n",
        f"{dist_info}/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\n"
        "Tag: py3-none-any\n",
    }
    record = "".join(f"{name},,\n" for name in members) + f"{dist_info}/RECORD,,\n"
    path = directory / f"{PACKAGE}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in {**members, f"{dist_info}/RECORD": record}.items():
            archive.writestr(name, text)
    return path


def pip_install(target: Path, wheel_file: Path) -> None:
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-index", "--no-deps"]
    command += ["--disable-pip-version-check", "--upgrade", "--target", str(target)]
    subprocess.run([*command, str(wheel_file)], check=True, capture_output=True)


def test_a_package_installed_and_upgraded_by_pip(site: Path, tmp_path: Path) -> None:
    """pip installs version 1 into the directory on sys.path, then upgrades it to 2:
    the next build reads the card's page again and shows version 2's text."""
    pip_install(site, wheel(tmp_path, "1.0", "Version one."))
    srcdir = write(tmp_path / "src")
    (srcdir / "cards.rst").write_text(PAGES["cards"].split(".. term-card:: beta")[0], "utf-8")
    (srcdir / "index.rst").write_text(PAGES["index"].split("See")[0], "utf-8")
    first, read = build_reading(srcdir, tmp_path / "_build")
    assert "Version one." in first.get_text()
    pip_install(site, wheel(tmp_path, "2.0", "Version two."))
    second, read = build_reading(srcdir, tmp_path / "_build")
    assert read == {"cards"}
    assert "Version two." in second.get_text()
    assert "Version one." not in second.get_text()


@pytest.mark.parametrize("kind", ["directory", "broken link", "pipe"])
def test_a_yaml_name_that_is_no_file_in_a_package_is_reported(
    site: Path, tmp_path: Path, kind: str
) -> None:
    """As in a database directory of the project: the odd path is one located
    warning, and the package's other files still build."""
    package = install(site, vocabulary())
    odd = package / "terms" / "odd.yaml"
    if kind == "directory":
        odd.mkdir()
        what = "a directory, not a YAML file, and no database file is in it; rename it"
    elif kind == "broken link":
        odd.symlink_to("gone.yaml")
        what = "a broken symbolic link (to 'gone.yaml'), not a YAML file; fix the link"
    else:
        os.mkfifo(odd)
        what = "a pipe, socket or device, not a YAML file; replace it with a YAML file"
    built = build(write(tmp_path / "src"), tmp_path / "_build")
    [warning] = built.termref()
    assert (warning.type, warning.location) == ("termref.yaml", f"{odd}:")
    assert warning.message == f"'odd.yaml' is {what}, or remove it"
    assert "The first one." in built.soup("cards").get_text()
    link = built.soup("index").select_one("a.termref")
    assert link is not None and link["href"] == "cards.html#termref-beta"


def test_a_package_file_removed_between_builds(site: Path, tmp_path: Path) -> None:
    package = install(site, vocabulary())
    srcdir = write(tmp_path / "src")
    assert build(srcdir, tmp_path / "_build").termref() == []
    (package / "terms" / "more" / "b.yml").unlink()
    loading._cache.clear()  # as a new process would
    built = build(srcdir, tmp_path / "_build")
    # The card and the reference of the removed term: each says so, and keeps its text.
    assert [(w.type, w.location, w.message.split(":")[0]) for w in built.termref()] == [
        ("termref.unknown", f"{srcdir / 'cards.rst'}:6", "term-card for unknown term 'beta'"),
        ("termref.unknown", f"{srcdir / 'index.rst'}:9", "unknown term 'beta'"),
    ]
    cards = built.soup("cards").get_text()
    assert "The first one." in cards
    assert "Second." not in cards
    assert built.soup("index").select("a.termref") == []
    assert "See beta." in built.soup("index").get_text()


def test_a_package_directory_without_database_files(site: Path, tmp_path: Path) -> None:
    package = install(site, {"terms/notes.txt": "not a database file"})
    srcdir = write(tmp_path / "src")
    built = build(srcdir, tmp_path / "_build")
    [warning] = built.typed("termref.yaml")
    assert warning.location == f"{srcdir / 'conf.py'}:{line_of(srcdir / 'conf.py', 'package:')}"
    assert warning.message == (
        f"database 'package:{PACKAGE}/terms': the package directory {package / 'terms'} "
        "holds no *.yaml or *.yml file"
    )
