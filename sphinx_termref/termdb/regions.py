"""Bytes that a cache record keeps after its checked pickle, read when first needed.

A ``Region`` is bytes in memory, as a database has them before it is stored; the
cache writes each after the record's pickle (``cache.write_record``). Read back, a
region is a ``FileSlice``: its place in the still open cache file, whose parts are
read (with ``os.pread`` where there is one) only when asked for. The file is
replaced, never rewritten in place, so what an open file holds does not change.
Whoever reads a part checks it against a digest kept in the checked pickle before
unpickling it (``shelf``).
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path


class Region:
    """Bytes in memory, to be kept after a record's pickle."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, start: int, length: int) -> bytes:
        return self.data[start : start + length]


class FileRegions:
    """The part of an open cache file after its pickle; closed when no slice is left."""

    def __init__(self, descriptor: int, start: int, path: Path) -> None:
        self.descriptor = descriptor
        self.start = start
        self.path = path
        weakref.finalize(self, os.close, descriptor)

    def slice(self, offset: int, length: int) -> FileSlice:
        return FileSlice(self, self.start + offset, length)


class FileSlice:
    """One region of a cache file."""

    def __init__(self, regions: FileRegions, start: int, length: int) -> None:
        self.regions = regions
        self.start = start
        self.length = length

    @property
    def path(self) -> Path:
        return self.regions.path

    def read(self, start: int, length: int) -> bytes:
        """``length`` bytes from ``start``; fewer if the file is shorter than it was."""
        if start < 0 or start + length > self.length:
            return b""
        descriptor = self.regions.descriptor
        try:
            if hasattr(os, "pread"):
                return os.pread(descriptor, length, self.start + start)
            os.lseek(descriptor, self.start + start, os.SEEK_SET)  # Windows has no pread
            return os.read(descriptor, length)
        except OSError:
            return b""
