"""The per-file cache: a database of many files parses again only the files that
changed, and the database it gives is the one the files give without a cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_termref.termdb import loading
from sphinx_termref.termdb.database import TermDatabase
from sphinx_termref.termdb.file_cache import FILES_DIR

FILES = {
    "a.yaml": "terms:\n  - id: alpha\n    name: Alpha Zorblax\n    summary: First.\n",
    "b.yaml": "terms:\n  - id: beta\n    name: Beta Flibber\n    summary: Second.\n",
    # A problem in a file is kept with its record and said on every load.
    "c.yaml": "terms:\n  - id: gamma\n    name: Gamma Wibble\n    colour: red\n",
}


def _write(directory: Path, files: dict[str, str]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text)


def _load(tmp_path: Path, notes: list[str] | None = None) -> tuple[TermDatabase, list[str]]:
    """Load ``terms/`` as a new process would (the database kept in memory is
    forgotten), with the cache in ``doctrees``; the names of the files parsed."""
    loading._cache.clear()
    parsed: list[Path] = []
    database = loading.load(
        ["terms"],
        tmp_path,
        tmp_path / "doctrees",
        note=notes.append if notes is not None else None,
        parsed=parsed.append,
    )
    return database, [path.name for path in parsed]


def _uncached(tmp_path: Path) -> TermDatabase:
    loading._cache.clear()
    return loading.load(["terms"], tmp_path)


def _same(database: TermDatabase, other: TermDatabase) -> None:
    """``database`` (perhaps from the cache, its tables shelved) is ``other``."""
    assert list(database.terms) == list(other.terms)
    assert database.terms == other.terms
    for key in other._owners:
        assert database.lookup(key) == other.lookup(key)
        assert database.is_discouraged(key) == other.is_discouraged(key)
    assert database.suggestions("alpha zorblux") == other.suggestions("alpha zorblux")
    assert database.spellings_digest() == other.spellings_digest()
    assert database.problems == other.problems
    assert database.fingerprint == other.fingerprint
    assert database.digests() == other.digests()


def _records(tmp_path: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in (tmp_path / "doctrees" / FILES_DIR).iterdir()}


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    _write(tmp_path / "terms", FILES)
    database, parsed = _load(tmp_path)
    assert parsed == ["a.yaml", "b.yaml", "c.yaml"]
    assert sorted(database.terms) == ["alpha", "beta", "gamma"]
    return tmp_path


def test_unchanged_files_are_not_parsed(filled: Path) -> None:
    database, parsed = _load(filled)
    assert parsed == []
    _same(database, _uncached(filled))
    (problem,) = database.problems
    assert problem.path == str(filled / "terms" / "c.yaml")
    assert "unknown field 'colour'" in problem.message


def test_editing_one_file_parses_it_alone(filled: Path) -> None:
    before = _records(filled)
    _write(filled / "terms", {"b.yaml": FILES["b.yaml"].replace("Second.", "Edited.")})
    database, parsed = _load(filled)
    assert parsed == ["b.yaml"]
    assert database.terms["beta"].summary == "Edited."
    _same(database, _uncached(filled))
    after = _records(filled)
    # One record per file, and only the edited file's record (and the index) changed.
    assert after.keys() == before.keys() and len(after) == 4
    changed = {name for name in after if after[name] != before[name]}
    assert len(changed) == 2 and "index.pickle" in changed
    assert _load(filled)[1] == []


def test_an_edit_that_keeps_the_size_at_once_is_seen(filled: Path) -> None:
    """The stat vouches for a file only when its times and size are all unchanged
    (and the file was changed well before they were taken)."""
    _write(filled / "terms", {"a.yaml": FILES["a.yaml"].replace("First.", "Fir5t.")})
    database, parsed = _load(filled)
    assert parsed == ["a.yaml"]
    assert database.terms["alpha"].summary == "Fir5t."


def test_deleting_a_file_parses_nothing(filled: Path) -> None:
    (filled / "terms" / "b.yaml").unlink()
    database, parsed = _load(filled)
    assert parsed == []
    assert sorted(database.terms) == ["alpha", "gamma"]
    _same(database, _uncached(filled))
    assert len(_records(filled)) == 3  # the record of the deleted file is gone


def test_adding_a_file_parses_it_alone(filled: Path) -> None:
    _write(filled / "terms", {"d.yaml": "terms:\n  - id: delta\n    name: Delta Quux\n"})
    database, parsed = _load(filled)
    assert parsed == ["d.yaml"]
    assert sorted(database.terms) == ["alpha", "beta", "delta", "gamma"]
    _same(database, _uncached(filled))


def test_renaming_a_file_parses_it_under_its_new_name(filled: Path) -> None:
    (filled / "terms" / "a.yaml").rename(filled / "terms" / "renamed.yaml")
    database, parsed = _load(filled)
    assert parsed == ["renamed.yaml"]
    assert database.terms["alpha"].source == str(filled / "terms" / "renamed.yaml")
    _same(database, _uncached(filled))
    assert len(_records(filled)) == 4


def test_a_collision_between_files_is_found_from_the_records(filled: Path) -> None:
    """Merging happens after the records: a clash with an unchanged file is found."""
    _write(filled / "terms", {"b.yaml": FILES["b.yaml"].replace("Beta Flibber", "Alpha Zorblax")})
    database, parsed = _load(filled)
    assert parsed == ["b.yaml"]
    assert "beta" not in database.terms
    assert any("matches 'Alpha Zorblax'" in problem.message for problem in database.problems)
    _same(database, _uncached(filled))


def test_a_damaged_file_record_is_said_and_that_file_parsed_again(filled: Path) -> None:
    loading._cache.clear()
    (filled / "doctrees" / loading.CACHE_FILE).unlink()  # the merged database
    records = filled / "doctrees" / FILES_DIR
    damaged = next(path for path in records.iterdir() if path.name != "index.pickle")
    content = damaged.read_bytes()
    damaged.write_bytes(content[: len(content) // 2])
    notes: list[str] = []
    database, parsed = _load(filled, notes)
    assert len(parsed) == 1
    (note,) = notes
    assert note.startswith(f"the term database cache at {damaged} is unreadable (its checksum")
    _same(database, _uncached(filled))
    assert damaged.read_bytes() == content  # written again
