"""The parsed database, pickled in the doctree directory for the next build, and the
checked records it is kept in (also those of ``file_cache``, one per database file).

Unpickling runs code, and damaged bytes can make the unpickler ask for gigabytes,
so nothing is unpickled before its checksum matches. A record is one header line -
the format, the package version, the key it was made for (for the database, the
fingerprint of the database files) and the BLAKE2b digest of the rest - and the
pickle. A damaged file, or one written by
another version of the package, is noted and the files are parsed again. The
checksum guards against damage, not against someone who can write the doctree
directory: they could as well change Sphinx's own environment pickle.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path

from .. import __version__
from .database import TermDatabase

CACHE_FILE = "termref-database.pickle"
_MAGIC = b"sphinx-termref-database-cache"
_FORMAT = b"1"

#: Told what is wrong with a cache file that cannot be used (a whole sentence).
Note = Callable[[str], None]


def _digest(header: bytes, payload: bytes) -> bytes:
    digest = hashlib.blake2b(header, digest_size=32)
    digest.update(b"\n")
    digest.update(payload)
    return digest.hexdigest().encode()


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
        data = path.read_bytes()
    except FileNotFoundError:
        return None  # the first build
    except OSError as exc:
        unusable(f"cannot read it: {exc.strerror}")
        return None
    header, newline, payload = data.partition(b"\n")
    fields = header.split(b" ")
    if not newline or len(fields) != 5 or fields[0] != _MAGIC:
        unusable("it does not start with a cache header: damaged, or written by an older version")
        return None
    _, form, version, stored_for, digest = fields
    if form != _FORMAT:
        unusable(f"format {form.decode('ascii', 'replace')!r}, written by another version")
        return None
    if _digest(b" ".join(fields[:4]), payload) != digest:
        unusable("its checksum does not match: the file is truncated or damaged")
        return None
    if version != __version__.encode():
        note(
            f"the term database cache at {path} was written by sphinx-termref "
            f"{version.decode('utf-8', 'replace')}, not {__version__}; the database is read again"
        )
        return None
    if stored_for != key.encode():
        return None  # the files changed since: the usual case, nothing to say
    try:
        value: object = pickle.loads(payload)
    except Exception as exc:  # checked bytes of classes that have changed since
        unusable(f"unpickling failed: {type(exc).__name__}: {exc}")
        return None
    return value


def store(cache_dir: Path, fingerprint: str, database: TermDatabase) -> None:
    """Pickle ``database`` for the next build."""
    write_record(cache_dir / CACHE_FILE, fingerprint, database)


def write_record(path: Path, key: str, value: object) -> None:
    """Pickle ``value`` at ``path`` for ``key``; written whole or not at all, so an
    interrupted build leaves the previous file or none."""
    payload = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    header = b" ".join((_MAGIC, _FORMAT, __version__.encode(), key.encode()))
    content = header + b" " + _digest(header, payload) + b"\n" + payload
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError:
        return  # a cache that cannot be written only costs time on the next build
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
