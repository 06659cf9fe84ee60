"""One cache record per database file, so that editing one file of many parses only
that file again.

Each file's validated terms and problems are kept in ``FILES_DIR`` of the doctree
directory, as a checked record (``cache.write_record``) named after the file's path
and made for its bytes' digest. An index record there remembers each file's
``os.stat`` (modification and change times, size, inode) with that digest: a file
whose stat is unchanged since well before it was last looked at is not read again
(as Git trusts its index). A file changed within ``_RACY_NS`` of the time its stat
was taken is read and hashed again every time, since its next change might not
move the stat.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from pathlib import Path
from typing import NamedTuple

from ..warnings import Problem
from . import cache
from .records import Term

#: The directory of the per-file records, in the doctree directory.
FILES_DIR = "termref-database-files"
_INDEX = "index.pickle"
#: How long after a file's last change its stat is trusted to reveal the next one.
_RACY_NS = 2_000_000_000

StatKey = tuple[int, int, int, int]


class FileRecord(NamedTuple):
    """What reading and validating one database file gave."""

    path: str
    terms: list[Term]
    problems: list[Problem]


class Seen(NamedTuple):
    """A file's stat and the digest of its bytes, and when the stat was taken."""

    stat: StatKey
    digest: str
    taken_ns: int


def content_digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def stat_key(path: Path) -> StatKey | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_mtime_ns, found.st_ctime_ns, found.st_size, found.st_ino)


class FileCache:
    """The per-file records below ``cache_dir``, or none at all (``cache_dir`` None)."""

    def __init__(self, cache_dir: Path | None, key: str, note: cache.Note) -> None:
        self.directory = cache_dir / FILES_DIR if cache_dir is not None else None
        #: Part of every record's key: the version of the rules that made it.
        self.key = key
        self.note = note
        self.seen: dict[str, Seen] = {}
        if self.directory is not None:
            found = cache.read_record(self.directory / _INDEX, key, note)
            if isinstance(found, dict):
                self.seen = found
        self._index_changed = False

    def known_digest(self, path: Path, stat: StatKey | None) -> str | None:
        """The digest of the file's bytes, if its stat shows it unchanged since."""
        seen = self.seen.get(str(path))
        if stat is None or seen is None or seen.stat != stat:
            return None
        if stat[0] >= seen.taken_ns - _RACY_NS or stat[1] >= seen.taken_ns - _RACY_NS:
            return None  # changed just before it was looked at: its stat may lie
        return seen.digest

    def note_digest(self, path: Path, stat: StatKey | None, digest: str, taken_ns: int) -> None:
        if stat is not None and self.directory is not None:
            self.seen[str(path)] = Seen(stat, digest, taken_ns)
            self._index_changed = True

    def _record_path(self, path: Path) -> Path:
        assert self.directory is not None
        name = hashlib.blake2b(str(path).encode(), digest_size=12).hexdigest()
        return self.directory / f"{name}.pickle"

    def record(self, path: Path, digest: str) -> FileRecord | None:
        """The stored record of the file at ``path`` with bytes of ``digest``."""
        if self.directory is None:
            return None
        found = cache.read_record(self._record_path(path), f"{digest}-{self.key}", self.note)
        if isinstance(found, FileRecord) and found.path == str(path):
            return found
        return None

    def store(self, path: Path, digest: str, record: FileRecord) -> None:
        if self.directory is not None:
            cache.write_record(self._record_path(path), f"{digest}-{self.key}", record)

    def finish(self, paths: list[Path], prune: bool) -> None:
        """Write the index if it changed; with ``prune``, keep the records of ``paths``
        alone: those of files that are gone (removed, renamed) are deleted."""
        if self.directory is None:
            return
        kept = {str(path) for path in paths}
        if self.seen.keys() - kept:
            self.seen = {name: seen for name, seen in self.seen.items() if name in kept}
            self._index_changed = True
        if self._index_changed:
            cache.write_record(self.directory / _INDEX, self.key, self.seen)
            self._index_changed = False
        if not prune:
            return
        wanted = {self._record_path(path).name for path in paths} | {_INDEX}
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.directory):
                if entry.name.endswith(".pickle") and entry.name not in wanted:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


def now_ns() -> int:
    return time.time_ns()
