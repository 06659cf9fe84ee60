"""A read-only mapping kept as small pickled shards, each unpickled when first used.

A build of a project that uses 100 terms of a 50,000-term database looks up a few
hundred spellings and terms; unpickling the whole database from the cache would
cost it more than the rest of the extension's work. The database's large tables
are pickled as ``Shelf``s: each key goes to one shard by a digest of the key that is
the same in every process (Python's own string hash is not). The shards are kept
in a region after the cache record's checked pickle (``regions``), and a shard is
read, checked against its digest (kept in that pickle) and unpickled on the first
lookup that needs it. A shard that does not match is said once (``note``) and the
table is taken from the files instead (``recover``).
"""

from __future__ import annotations

import array
import hashlib
import itertools
import pickle
import zlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

from .regions import FileSlice, Region

V = TypeVar("V")


def _shard(key: str, count: int) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % count


_CHECK_SIZE = 16


def _check(blob: bytes) -> bytes:
    return hashlib.blake2b(blob, digest_size=_CHECK_SIZE).digest()


class DamagedShelf(Exception):
    """A shard of a cached table does not match its digest, and nothing can recover it."""


class Shelf(Mapping[str, V]):
    """``mapping``'s items, ``per_shard`` keys to a shard; iteration keeps its order."""

    def __init__(self, mapping: Mapping[str, V], per_shard: int) -> None:
        count = max(1, -(-len(mapping) // per_shard))
        shards: list[dict[str, V]] = [{} for _ in range(count)]
        for key, value in mapping.items():
            shards[_shard(key, count)][key] = value
        blobs = [pickle.dumps(shard, pickle.HIGHEST_PROTOCOL) for shard in shards]
        blobs.append(pickle.dumps(list(mapping), pickle.HIGHEST_PROTOCOL))  # the order
        self._length = len(mapping)
        self._count = count
        # Where each blob ends, and their digests end to end: two objects, where a
        # tuple per shard made a 50,000-term database's cache unpickle 16,000 tuples,
        # enough for one more full pass of Python's collector in a small build.
        self._ends = array.array("Q", itertools.accumulate(map(len, blobs)))
        self._checks = b"".join(map(_check, blobs))
        self._region: Region | FileSlice = Region(b"".join(blobs))
        self._reset()

    def _reset(self) -> None:
        self._shards: list[dict[str, V] | None] = [None] * self._count
        self._keys: list[str] | None = None
        self._table: Mapping[str, V] | None = None  # recovered from the files
        #: Told why a shard cannot be used, gives the table from the files instead
        #: (set by ``TermDatabase.recover_with``).
        self.recover: Callable[[str], Mapping[str, V]] | None = None

    def __getstate__(self) -> dict[str, Any]:
        # Where the shards are, and the region alone: what was unpickled stays in
        # this process.
        return {
            name: self.__dict__[name]
            for name in ("_length", "_count", "_ends", "_checks", "_region")
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._reset()

    def _load(self, index: int) -> Any:
        """The shard (or the order, past the last shard) at ``index``, checked."""
        start = self._ends[index - 1] if index else 0
        length = self._ends[index] - start
        digest = self._checks[index * _CHECK_SIZE : (index + 1) * _CHECK_SIZE]
        blob = self._region.read(start, length)
        if len(blob) == length and _check(blob) == digest:
            return pickle.loads(blob)
        where = getattr(self._region, "path", "memory")
        message = (
            f"the term database cache at {where} is unreadable (a part of it does not match "
            "its checksum: the file is damaged); the database is read again"
        )
        if self.recover is None:
            raise DamagedShelf(message)
        self._table = self.recover(message)
        return None

    def _open(self, key: str) -> Mapping[str, V]:
        if self._table is not None:
            return self._table
        index = _shard(key, self._count)
        shard = self._shards[index]
        if shard is None:
            shard = self._load(index)
            if shard is None:
                return self._table  # type: ignore[return-value]
            self._shards[index] = shard
        return shard

    def __getitem__(self, key: str) -> V:
        return self._open(key)[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self._open(key).get(key, default)

    def get_read(self, key: str) -> V | None:
        """The value of ``key`` if its shard is unpickled already; None, reading
        nothing, if not."""
        table = self._table if self._table is not None else self._shards[_shard(key, self._count)]
        return table.get(key) if table is not None else None

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._open(key)

    def __iter__(self) -> Iterator[str]:
        if self._table is not None:
            return iter(self._table)
        if self._keys is None:
            keys = self._load(self._count)
            if keys is None:
                return iter(self._table or ())
            self._keys = keys
        return iter(self._keys)

    def __len__(self) -> int:
        return self._length

    def shards_read(self) -> int:
        """How many shards this process has unpickled: what its lookups cost."""
        return sum(shard is not None for shard in self._shards)


def shelved(mapping: Mapping[str, V], per_shard: int) -> Mapping[str, V]:
    """``mapping`` as a ``Shelf`` (unchanged if it is one already)."""
    return mapping if isinstance(mapping, Shelf) else Shelf(mapping, per_shard)
