"""The database cache in the doctree directory (``termref-database.pickle``).

A damaged cache, or one another version wrote, is no one's mistake: the build says so
once, parses the files again and writes a good cache; it never crashes, warns or uses
what the file held. Each case builds a project, damages its cache, then builds it
into a fresh output directory that keeps that doctree directory, so every page is
written from the database the second build loaded.
"""

from __future__ import annotations

import pickle
import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from helpers import Built, build, dump_terms, squash, write_project

from sphinx_termref import __version__
from sphinx_termref.termdb import cache, loading

TERMS = [
    {"id": "cached", "name": "Cached Zorblax", "summary": "Cachedsummary Quux."},
    {"id": "other", "name": "Other Flibber", "summary": "Othersummary Wibble."},
]
PAGE = """\
Cache
=====

See :termref:`cached zorblax` and :termref:`Other Flibber`.

.. term-card:: cached

.. term-card:: other
"""
NOTE = "the term database cache at "


def _split(content: bytes) -> tuple[list[bytes], bytes]:
    """The header's fields, and the checked pickle (without the regions after it)."""
    header, _, rest = content.partition(b"\n")
    fields = header.split(b" ")
    return fields, rest[: int(fields[4])]


def _with_header(fields: list[bytes], payload: bytes, regions: bytes = b"") -> bytes:
    """A well-formed cache file (its checksum matches) with these header fields."""
    header = b" ".join([*fields[:4], str(len(payload)).encode()])
    return header + b" " + cache._digest(header, payload) + b"\n" + payload + regions


def _regions(good: bytes) -> bytes:
    header, _, rest = good.partition(b"\n")
    return rest[int(header.split(b" ")[4]) :]


def truncated(good: bytes) -> bytes:
    return good[: len(good) // 2]


def header_cut(good: bytes) -> bytes:
    return good[:20]


def empty(good: bytes) -> bytes:
    return b""


def huge_bytes(good: bytes) -> bytes:
    """Bare pickle opcodes announcing an eight-exabyte byte string (BINBYTES8), which
    made the unpickler raise MemoryError or OverflowError."""
    return b"\x80\x05\x8e" + (2**63 - 1).to_bytes(8, "little") + b"\x00" * 32


def huge_text_after_header(good: bytes) -> bytes:
    """A good header before a payload that announces a huge string (BINUNICODE8)."""
    fields, _ = _split(good)
    return b" ".join(fields) + b"\n\x80\x05\x8d" + (2**62).to_bytes(8, "little") + b"x"


def flipped_byte(good: bytes) -> bytes:
    """A byte of the checked pickle changed."""
    damaged = bytearray(good)
    header_length = good.index(b"\n") + 1
    damaged[header_length + len(_split(good)[1]) * 3 // 4] ^= 0x40
    return bytes(damaged)


def older_format(good: bytes) -> bytes:
    """What versions before the cache header wrote: the fingerprint, then the database."""
    fields, payload = _split(good)
    return pickle.dumps(fields[3].decode(), pickle.HIGHEST_PROTOCOL) + payload


def other_version(good: bytes) -> bytes:
    fields, payload = _split(good)
    fields[2] = b"0.0.1"
    return _with_header(fields, payload, _regions(good))


def other_format(good: bytes) -> bytes:
    fields, payload = _split(good)
    fields[1] = b"999"
    return _with_header(fields, payload, _regions(good))


def missing_class(good: bytes) -> bytes:
    """A checked pickle of a class this version does not have (as after an edit of the
    code that kept the version number)."""
    fields, _ = _split(good)
    payload = b"\x80\x04csphinx_termref.termdb.database\nGoneDatabase\n)\x81."
    return _with_header(fields, payload)


def not_a_database(good: bytes) -> bytes:
    fields, _ = _split(good)
    return _with_header(fields, pickle.dumps({"terms": {}}))


Damage = Callable[[bytes], bytes]
REASONS: dict[Damage, str] = {
    truncated: "its checksum does not match: the file is truncated or damaged",
    header_cut: "it does not start with a cache header: damaged, or written by an older version",
    empty: "it does not start with a cache header: damaged, or written by an older version",
    huge_bytes: "it does not start with a cache header: damaged, or written by an older version",
    huge_text_after_header: "its checksum does not match: the file is truncated or damaged",
    flipped_byte: "its checksum does not match: the file is truncated or damaged",
    older_format: "it does not start with a cache header: damaged, or written by an older version",
    other_format: "format '999', written by another version",
    missing_class: (
        "unpickling failed: AttributeError: Can't get attribute 'GoneDatabase' on <module "
        "'sphinx_termref.termdb.database'"
    ),
    not_a_database: "it holds a dict, not a term database",
}


def _first_build(tmp_path: Path) -> tuple[Path, Path]:
    srcdir = write_project(tmp_path / "src", dump_terms(TERMS), {"index": PAGE})
    first = build(srcdir, tmp_path / "_build")
    assert first.termref() == []
    return srcdir, tmp_path / "_build" / "doctrees" / cache.CACHE_FILE


def _build_again(srcdir: Path, cache_file: Path, content: bytes, builddir: Path) -> Built:
    """A build into ``builddir`` whose doctree directory holds only the cache ``content``,
    in a new process (one that has not kept the database in memory)."""
    doctrees = builddir / "doctrees"
    shutil.rmtree(builddir, ignore_errors=True)
    doctrees.mkdir(parents=True)
    (doctrees / cache.CACHE_FILE).write_bytes(content)
    loading._cache.clear()
    return build(srcdir, builddir)


def _assert_built_from_the_files(built: Built) -> None:
    assert built.statuscode == 0
    assert built.warnings == []
    soup = built.soup()
    hrefs = [a["href"] for a in soup.select("div.body p a.termref")]
    assert hrefs == ["#termref-cached", "#termref-other"]
    card = soup.find(id="termref-cached")
    assert squash(card.find(class_="termref-card__summary").get_text(" ")) == "Cachedsummary Quux."


def _notes(built: Built) -> list[str]:
    return [line for line in built.status.splitlines() if line.startswith(NOTE)]


class _Again(NamedTuple):
    """A second build, from the files, after the first build's cache was damaged."""

    srcdir: Path
    builddir: Path
    good: bytes  # the first build's cache
    built: Built

    @property
    def cache(self) -> Path:
        return self.builddir / "doctrees" / cache.CACHE_FILE

    def next_notes(self) -> list[str]:
        """The notes of the build after it, in a new process."""
        loading._cache.clear()
        return _notes(build(self.srcdir, self.builddir))


def _build_from_damaged_cache(tmp_path: Path, damage: Damage) -> _Again:
    """A first build, then one into a fresh output directory whose doctree directory
    holds the first build's cache as ``damage`` leaves it: its pages are the files'."""
    srcdir, cache_file = _first_build(tmp_path)
    good = cache_file.read_bytes()
    builddir = tmp_path / "_build-again"
    again = _build_again(srcdir, cache_file, damage(good), builddir)
    _assert_built_from_the_files(again)
    return _Again(srcdir, builddir, good, again)


@pytest.mark.parametrize("damage", list(REASONS), ids=lambda damage: damage.__name__)
def test_damaged_cache_is_said_once_and_replaced(tmp_path: Path, damage: Damage) -> None:
    again = _build_from_damaged_cache(tmp_path, damage)
    (note,) = _notes(again.built)
    assert note.startswith(f"{NOTE}{again.cache} is unreadable ({REASONS[damage]}")
    assert note.endswith("); the database is read again")
    # The cache was written again, and the next build (a new process) is silent.
    assert again.cache.read_bytes() == again.good
    assert again.next_notes() == []


def every_shard(good: bytes) -> bytes:
    """Every seventh byte of the shards of the terms and spellings (after the checked
    pickle) changed: shards are checked when a build first needs them."""
    header_length = good.index(b"\n") + 1 + len(_split(good)[1])
    assert len(good) - header_length > 100  # the shards
    damaged = bytearray(good)
    for offset in range(header_length, len(good), 7):
        damaged[offset] ^= 0x40
    return bytes(damaged)


@pytest.mark.parametrize(
    ("damage", "note", "written_at_once"),
    [
        (other_version, f"was written by sphinx-termref 0.0.1, not {__version__}", True),
        # Found after the build took the cache: the file is removed, the next writes it.
        (
            every_shard,
            "is unreadable (a part of it does not match its checksum: the file is damaged)",
            False,
        ),
    ],
    ids=["other_version", "every_shard"],
)
def test_the_note_says_what_is_wrong_and_the_cache_is_written_again(
    tmp_path: Path, damage: Damage, note: str, written_at_once: bool
) -> None:
    again = _build_from_damaged_cache(tmp_path, damage)
    assert _notes(again.built) == [f"{NOTE}{again.cache} {note}; the database is read again"]
    if written_at_once:
        assert again.cache.read_bytes() == again.good
    else:
        assert not again.cache.exists()
    assert again.next_notes() == []
    assert again.cache.read_bytes() == again.good


#: Random bytes; the first two announce huge strings, which crashed the unpickler.
SEEDS = [43, 454, 0, 1, 2, 3]


def test_random_bytes_in_the_cache_never_break_the_build(tmp_path: Path) -> None:
    srcdir, cache_file = _first_build(tmp_path)
    builddir = tmp_path / "_build-again"
    for seed in SEEDS:
        garbage = random.Random(seed).randbytes(256)
        again = _build_again(srcdir, cache_file, garbage, builddir)
        _assert_built_from_the_files(again)
        assert len(_notes(again)) == 1, (seed, again.status)
