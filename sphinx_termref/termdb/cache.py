"""The parsed database, pickled in the doctree directory for the next build, and the
checked records it is kept in (also those of ``file_cache``, one per database file).

Unpickling runs code, and damaged bytes can make the unpickler ask for gigabytes,
so nothing is unpickled before its checksum matches. A record is one header line -
the format, the package version, the key it was made for (for the database, the
fingerprint of the database files), the length of the pickle and its BLAKE2b digest -
the pickle, and the regions the pickle names (``regions``). A region is read only
when a build needs a part of it, and each part is checked against a digest that
the checked pickle holds before it is unpickled (``shelf``), so that a build that
uses a few terms of a large database reads and checks little more than those. A
damaged file, or one written by another version of the package, is noted and the
files are parsed again. The checksum guards against damage, not against someone who
can write the doctree directory: they could as well change Sphinx's own environment
pickle.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path

from .. import __version__
from .database import TermDatabase
from .regions import FileRegions, Region

CACHE_FILE = "termref-database.pickle"
_MAGIC = b"sphinx-termref-database-cache"
_FORMAT = b"5"
#: The longest header line read (a key is a few digests long).
_HEADER_LIMIT = 4096

#: Told what is wrong with a cache file that cannot be used (a whole sentence).
Note = Callable[[str], None]


def _digest(header: bytes, payload: bytes) -> bytes:
    digest = hashlib.blake2b(header, digest_size=32)
    digest.update(b"\n")
    digest.update(payload)
    return digest.hexdigest().encode()


class _Pickler(pickle.Pickler):
    """Writes each ``Region`` after the pickle, which names it by its place."""

    def __init__(self, stream: io.BytesIO) -> None:
        super().__init__(stream, pickle.HIGHEST_PROTOCOL)
        self.regions: list[bytes] = []
        self._offset = 0

    def persistent_id(self, obj: object) -> object:
        if not isinstance(obj, Region):
            return None
        place = ("region", self._offset, len(obj.data))
        self.regions.append(obj.data)
        self._offset += len(obj.data)
        return place


class _Unpickler(pickle.Unpickler):
    """Gives each region back as a ``FileRegions`` slice, read (and checked) later."""

    def __init__(self, stream: io.BytesIO, regions: FileRegions) -> None:
        super().__init__(stream)
        self.regions = regions

    def persistent_load(self, pid: object) -> object:
        if not (isinstance(pid, tuple) and len(pid) == 3 and pid[0] == "region"):
            raise pickle.UnpicklingError(f"unknown persistent id {pid!r}")
        return self.regions.slice(int(pid[1]), int(pid[2]))


def stored(cache_dir: Path, fingerprint: str, note: Note) -> TermDatabase | None:
    """The database a previous build stored in ``cache_dir``, if made from the same
    files by this version; ``note`` hears why a cache file there cannot be used."""
    found = read_record(cache_dir / CACHE_FILE, fingerprint, note)
    if found is None or isinstance(found, TermDatabase):
        return found
    _unusable(
        note, cache_dir / CACHE_FILE, f"it holds a {type(found).__name__}, not a term database"
    )
    return None


def _unusable(note: Note, path: Path, reason: str) -> None:
    note(f"the term database cache at {path} is unreadable ({reason}); the database is read again")


def read_record(path: Path, key: str, note: Note) -> object | None:
    """What ``write_record`` stored at ``path`` for ``key``, once its checksum matches;
    None (and a note, unless the file is missing or was made for another key) if not."""

    def unusable(reason: str) -> None:
        _unusable(note, path, reason)

    try:
        handle = open(path, "rb")  # noqa: SIM115 - kept open by its regions
    except FileNotFoundError:
        return None  # the first build
    except OSError as exc:
        unusable(f"cannot read it: {exc.strerror}")
        return None
    with handle:
        try:
            header = handle.readline(_HEADER_LIMIT)
            fields = header.rstrip(b"\n").split(b" ")
            if not header.endswith(b"\n") or len(fields) != 6 or fields[0] != _MAGIC:
                unusable(
                    "it does not start with a cache header: damaged, or written by an older "
                    "version"
                )
                return None
            _, form, version, stored_for, length, digest = fields
            if form != _FORMAT:
                unusable(f"format {form.decode('ascii', 'replace')!r}, written by another version")
                return None
            size = int(length) if length.isdigit() else -1
            payload = handle.read(size) if size >= 0 else b""
            if size < 0 or _digest(b" ".join(fields[:5]), payload) != digest:
                unusable("its checksum does not match: the file is truncated or damaged")
                return None
            if version != __version__.encode():
                note(
                    f"the term database cache at {path} was written by sphinx-termref "
                    f"{version.decode('utf-8', 'replace')}, not {__version__}; the database is "
                    "read again"
                )
                return None
            if stored_for != key.encode():
                return None  # the files changed since: the usual case, nothing to say
            regions = FileRegions(os.dup(handle.fileno()), len(header) + size, path)
        except OSError as exc:
            unusable(f"cannot read it: {exc.strerror}")
            return None
    try:
        value: object = _Unpickler(io.BytesIO(payload), regions).load()
    except Exception as exc:  # checked bytes of classes that have changed since
        unusable(f"unpickling failed: {type(exc).__name__}: {exc}")
        return None
    return value


def store(cache_dir: Path, fingerprint: str, database: TermDatabase) -> None:
    """Pickle ``database`` for the next build."""
    write_record(cache_dir / CACHE_FILE, fingerprint, database)


def write_record(path: Path, key: str, value: object) -> None:
    """Pickle ``value`` at ``path`` for ``key``; written whole or not at all, so an
    interrupted build leaves the previous file or none. The ``Region``s in ``value``
    are written after the checked pickle, each checked when it is read."""
    stream = io.BytesIO()
    pickler = _Pickler(stream)
    pickler.dump(value)
    payload = stream.getvalue()
    header = b" ".join(
        (_MAGIC, _FORMAT, __version__.encode(), key.encode(), str(len(payload)).encode())
    )
    content = b"".join((header, b" ", _digest(header, payload), b"\n", payload, *pickler.regions))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError:
        return  # a cache that cannot be written only costs time on the next build
    try:
        with os.fdopen(handle, "wb") as output:
            output.write(content)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
