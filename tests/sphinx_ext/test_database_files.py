"""Database paths that cannot be read as YAML files: each is one located
``termref.yaml`` warning, and the rest of the database still builds.

A path inside a database directory is reported at that path; a path that
``termref_databases`` names itself, at the line of conf.py that names it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import Built, build, dump_terms, line_of, squash, write_project

from sphinx_termref.termdb import loading

KEEPER = {"id": "keeper", "name": "Keeper Zorblax", "summary": "Keepersummary Quux."}
EXTRA = {"id": "extra", "name": "Extra Flibber", "summary": "Extrasummary Wibble."}
PAGE = """\
Files
=====

See :termref:`keeper zorblax` and :termref:`extra flibber`.

.. term-index::
"""


def _project(tmp_path: Path, databases: str, files: dict[str, str]) -> Path:
    return write_project(
        tmp_path / "src", files, {"index": PAGE}, f"termref_databases = {databases}\n"
    )


def _build(srcdir: Path, tmp_path: Path) -> Built:
    loading._cache.clear()  # as a new process would
    return build(srcdir, tmp_path / "_build")


def _assert_keeper_built(built: Built) -> None:
    assert built.statuscode == 0
    soup = built.soup()
    entries = [squash(dt.get_text(" ")) for dt in soup.select("div.termref-index dt")]
    assert entries == ["Keeper Zorblax"]
    assert soup.select("div.body p a.termref")[0]["href"] == "#termref-entry-keeper"


def _directory_project(tmp_path: Path) -> Path:
    return _project(tmp_path, '["terms"]', {"terms/keeper.yaml": dump_terms([KEEPER])})


def _only_yaml_warning(built: Built) -> tuple[str, str]:
    (warning,) = built.typed("termref.yaml")
    assert [w for w in built.termref() if w.type != "termref.unknown"] == [warning]
    return warning.location, warning.message


#: What stands in a database directory, called ``*.yaml`` but no YAML file: how it
#: is made at that path, and the warning's message.
IN_A_DIRECTORY = {
    "a directory": (
        Path.mkdir,
        "'odd.yaml' is a directory, not a YAML file, and no database file is in it; "
        "rename it, or remove it",
    ),
    "a broken link": (
        lambda path: path.symlink_to("nowhere.yaml"),
        "'odd.yaml' is a broken symbolic link (to 'nowhere.yaml'), not a YAML file; "
        "fix the link, or remove it",
    ),
    "a pipe": (
        os.mkfifo,
        "'odd.yaml' is a pipe, socket or device, not a YAML file; replace it with a "
        "YAML file, or remove it",
    ),
}


@pytest.mark.parametrize("kind", list(IN_A_DIRECTORY))
def test_a_path_in_a_database_directory_that_is_no_yaml_file(tmp_path: Path, kind: str) -> None:
    make, message = IN_A_DIRECTORY[kind]
    srcdir = _directory_project(tmp_path)
    make(srcdir / "terms" / "odd.yaml")
    built = _build(srcdir, tmp_path)
    assert _only_yaml_warning(built) == (f"{srcdir / 'terms' / 'odd.yaml'}:", message)
    _assert_keeper_built(built)


def test_a_directory_named_like_a_yaml_file_with_files_in_it_is_read(tmp_path: Path) -> None:
    srcdir = _directory_project(tmp_path)
    (srcdir / "terms" / "more.yaml").mkdir()
    (srcdir / "terms" / "more.yaml" / "extra.yaml").write_text(dump_terms([EXTRA]))
    built = _build(srcdir, tmp_path)
    assert built.termref() == []
    hrefs = [a["href"] for a in built.soup().select("div.body p a.termref")]
    assert hrefs == ["#termref-entry-keeper", "#termref-entry-extra"]


#: What a path that ``termref_databases`` names may be instead of a YAML file: how
#: it is made, and the warning's message (``{path}`` is the path in full).
NAMED = {
    "a directory": (
        Path.mkdir,
        "database 'odd.yaml' ({path}) is a directory, not a YAML file, and holds no "
        "*.yaml or *.yml file; name the YAML file in termref_databases in conf.py, or "
        "put the database files in that directory",
    ),
    "a pipe": (
        os.mkfifo,
        "database 'odd.yaml' ({path}) is a pipe, socket or device, not a YAML file or a "
        "directory; fix termref_databases in conf.py",
    ),
    "a link loop": (
        lambda path: path.symlink_to("odd.yaml"),
        "database 'odd.yaml' ({path}) is a broken symbolic link (to 'odd.yaml'), not a "
        "YAML file or a directory; fix termref_databases in conf.py",
    ),
}


@pytest.mark.parametrize("kind", list(NAMED))
def test_a_named_path_that_is_no_yaml_file(tmp_path: Path, kind: str) -> None:
    make, message = NAMED[kind]
    srcdir = _project(tmp_path, '["terms.yaml", "odd.yaml"]', {"terms.yaml": dump_terms([KEEPER])})
    odd = srcdir / "odd.yaml"
    make(odd)
    built = _build(srcdir, tmp_path)
    conf = srcdir / "conf.py"
    assert _only_yaml_warning(built) == (
        f"{conf}:{line_of(conf, 'odd.yaml')}",
        message.format(path=odd),
    )
    _assert_keeper_built(built)


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root reads a file whatever its mode, so chmod 000 hides nothing"
)
@pytest.mark.parametrize("named", ["itself", "by its directory"])
def test_an_unreadable_file(tmp_path: Path, named: str) -> None:
    files = {"terms/keeper.yaml": dump_terms([KEEPER]), "terms/extra.yaml": dump_terms([EXTRA])}
    entries = (
        '["terms"]' if named == "by its directory" else '["terms/keeper.yaml", "terms/extra.yaml"]'
    )
    srcdir = _project(tmp_path, entries, files)
    extra = srcdir / "terms" / "extra.yaml"
    extra.chmod(0)
    try:
        built = _build(srcdir, tmp_path)
    finally:
        extra.chmod(0o644)
    assert _only_yaml_warning(built) == (
        f"{extra}:",
        "cannot read the file: Permission denied; make it readable, or take it out of the "
        "database",
    )
    _assert_keeper_built(built)


@pytest.mark.skipif(not Path("/proc/self/mem").is_file(), reason="needs Linux's /proc")
def test_a_file_that_cannot_be_read_even_by_root(tmp_path: Path) -> None:
    """A process's memory file is a regular file whose reading fails (EIO) for
    every user."""
    srcdir = _project(
        tmp_path, '["terms.yaml", "/proc/self/mem"]', {"terms.yaml": dump_terms([KEEPER])}
    )
    built = _build(srcdir, tmp_path)
    assert _only_yaml_warning(built) == (
        f"/proc/{os.getpid()}/mem:",
        "cannot read the file: Input/output error; make it readable, or take it out of the "
        "database",
    )
    _assert_keeper_built(built)


def test_a_named_file_removed_between_builds(tmp_path: Path) -> None:
    srcdir = _project(
        tmp_path,
        '["terms.yaml", "extra.yaml"]',
        {"terms.yaml": dump_terms([KEEPER]), "extra.yaml": dump_terms([EXTRA])},
    )
    assert _build(srcdir, tmp_path).termref() == []
    (srcdir / "extra.yaml").unlink()
    built = _build(srcdir, tmp_path)
    conf = srcdir / "conf.py"
    assert _only_yaml_warning(built) == (
        f"{conf}:{line_of(conf, 'extra.yaml')}",
        f"database 'extra.yaml' does not exist (looked for {srcdir / 'extra.yaml'}); fix "
        "termref_databases in conf.py",
    )
    _assert_unknown_extra(built, srcdir)


def test_a_file_removed_from_a_directory_between_builds(tmp_path: Path) -> None:
    srcdir = _project(
        tmp_path,
        '["terms"]',
        {"terms/keeper.yaml": dump_terms([KEEPER]), "terms/extra.yaml": dump_terms([EXTRA])},
    )
    assert _build(srcdir, tmp_path).termref() == []
    (srcdir / "terms" / "extra.yaml").unlink()
    built = _build(srcdir, tmp_path)
    assert built.typed("termref.yaml") == []
    _assert_unknown_extra(built, srcdir)


def _assert_unknown_extra(built: Built, srcdir: Path) -> None:
    """The removed file's terms are gone: their references warn and keep their text."""
    (unknown,) = built.typed("termref.unknown")
    assert unknown.location == f"{srcdir / 'index.rst'}:4"
    assert unknown.message.startswith("unknown term 'extra flibber'")
    _assert_keeper_built(built)
    body = squash(built.soup().find("div", class_="body").get_text(" "))
    assert "See keeper zorblax and extra flibber ." in body
