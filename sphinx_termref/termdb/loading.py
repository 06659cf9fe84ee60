"""Database files in, one ``TermDatabase`` out: the pipeline the build and the
command line share.

``read_sources`` finds the files and reads their bytes; ``parse`` reads the YAML,
validates each file and merges the terms. The build's ``load`` puts a cache between
the two: it reuses the previous database of this process, or the one pickled in the
doctree directory, while the files' bytes are unchanged, so several builds in one
process (tests, ``sphinx-autobuild``) parse each version of the files once.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..warnings import Problem
from . import cache
from .database import TermDatabase
from .file_cache import FileCache, FileRecord, content_digest, now_ns, stat_key
from .files import database_files, read_bytes
from .records import Term

if TYPE_CHECKING:
    from .yaml_source import YamlDocument

#: Part of every cache key: a new version of the validation rules rereads the files.
_CODE_VERSION = "20"


class Sources(NamedTuple):
    """The database files that the entries name, read but not parsed."""

    files: list[Path]  # as messages name them
    contents: list[bytes | None]  # None where the file could not be read
    problems: list[Problem]  # finding and reading the files
    #: Identifies the files' bytes (and this version of the rules).
    fingerprint: str


class Parsed(NamedTuple):
    database: TermDatabase  # its problems include those of the sources
    documents: list[YamlDocument]  # only when asked to keep them


def read_sources(
    entries: Iterable[str], base: Path, shown: Callable[[Path], Path] | None = None
) -> Sources:
    """The bytes of every file that ``entries`` (files or directories below ``base``)
    name; ``shown`` gives the path that messages and terms name a file by."""
    files, problems = database_files(entries, base)
    if shown is not None:
        files = [shown(path) for path in files]
        problems = [p._replace(path=str(shown(Path(p.path)))) for p in problems]
    digest = hashlib.blake2b(repr(problems).encode(), digest_size=16)
    contents: list[bytes | None] = []
    for path in files:
        raw, read_problems = read_bytes(path)
        problems.extend(read_problems)
        contents.append(raw)
        digest.update(str(path).encode() + b"\0" + (raw if raw is not None else b"\0?"))
    return Sources(files, contents, problems, f"{digest.hexdigest()}-{_CODE_VERSION}")


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Parsing makes no reference cycles, so Python's cyclic collector has nothing to
    free; paused, it neither walks the whole heap nor promotes half-built data."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse(
    sources: Sources,
    keep_documents: bool = False,
    on_file: Callable[[int], None] | None = None,
) -> Parsed:
    """Read, validate and merge the files of ``sources``; ``on_file`` is told the
    size of each file once it is done (for a progress bar)."""
    problems = list(sources.problems)
    terms: list[Term] = []
    documents: list[YamlDocument] = []
    with _collector_paused():
        for path, raw in zip(sources.files, sources.contents, strict=True):
            if raw is not None:
                record, document = parse_file(path, raw, keep_documents)
                if document is not None:
                    documents.append(document)
                terms.extend(record.terms)
                problems.extend(record.problems)
            if on_file is not None:
                on_file(len(raw) if raw is not None else 0)
        database = TermDatabase(terms, problems)
    database.fingerprint = sources.fingerprint
    return Parsed(database, documents)


def parse_file(
    path: Path, raw: bytes, keep_document: bool = False
) -> tuple[FileRecord, YamlDocument | None]:
    """The terms and problems of one file (and its document, if asked to keep it)."""
    # Imported here: PyYAML is only needed when the files have changed.
    from .validation import validate
    from .yaml_source import read_yaml

    document, problems = read_yaml(path, raw)
    terms: list[Term] = []
    if document is not None:
        terms, file_problems = validate(document)
        problems = [*problems, *file_problems]
    return FileRecord(str(path), terms, problems), document if keep_document else None


_cache: dict[str, TermDatabase] = {}
CACHE_FILE = cache.CACHE_FILE


def load(
    entries: Iterable[str],
    base: Path,
    cache_dir: Path | None = None,
    note: cache.Note | None = None,
    parsed: Callable[[Path], None] | None = None,
) -> TermDatabase:
    """Load, validate and merge every database file that ``entries`` names.

    The result is reused while the files' bytes are unchanged: within this process,
    and across builds through a pickle in ``cache_dir`` (the doctree directory),
    which also keeps each file's terms, so that only the files that changed are
    parsed again; ``parsed`` is told each file that is. ``note`` hears why a cache
    file there could not be used.
    """
    note = note or (lambda message: None)
    files, problems = database_files(entries, base)
    records = FileCache(cache_dir, _CODE_VERSION, note)
    digest = hashlib.blake2b(repr(problems).encode(), digest_size=16)
    digests: list[str | None] = []
    contents: dict[Path, bytes] = {}
    for path in files:
        taken, stat = now_ns(), stat_key(path)
        known = records.known_digest(path, stat)
        if known is None:
            raw, read_problems = read_bytes(path)
            problems.extend(read_problems)
            if raw is not None:
                contents[path] = raw
                known = content_digest(raw)
                records.note_digest(path, stat, known, taken)
        digests.append(known)
        digest.update(f"{path}\0{known or '?'}\0".encode())
    fingerprint = f"{digest.hexdigest()}-{_CODE_VERSION}"
    database = _cache.get(fingerprint)
    if database is None and cache_dir is not None:
        database = cache.stored(cache_dir, fingerprint, note)
        if database is not None:
            damaged = cache_dir / CACHE_FILE
            database.recover_with(lambda: _uncached(entries, base, fingerprint, damaged), note)
    rebuilt = database is None
    if database is None:
        database = _merge(files, digests, contents, problems, records, parsed)
        database.fingerprint = fingerprint
        if cache_dir is not None:
            # What every build of a project asks for, kept with the database (and
            # the digests of every term, which pickling it makes).
            database.spellings_digest()
            cache.store(cache_dir, fingerprint, database)
    records.finish(files, prune=rebuilt)
    _cache.clear()  # one database per process is enough; older versions are stale
    _cache[fingerprint] = database
    return database


def _uncached(entries: Iterable[str], base: Path, fingerprint: str, damaged: Path) -> TermDatabase:
    """The database read from the files alone, as a part of the cache file ``damaged``
    does not match its checksum; the next build writes that file again."""
    with contextlib.suppress(OSError):
        damaged.unlink()
    database = parse(read_sources(entries, base)).database
    database.fingerprint = fingerprint
    return database


def _merge(
    files: list[Path],
    digests: list[str | None],
    contents: dict[Path, bytes],
    problems: list[Problem],
    records: FileCache,
    parsed: Callable[[Path], None] | None,
) -> TermDatabase:
    """The database of the files' records, parsing the files that have none."""
    terms: list[Term] = []
    file_problems: list[Problem] = []
    with _collector_paused():
        for path, known in zip(files, digests, strict=True):
            if known is None:
                continue  # unreadable: its problem is said already
            record = records.record(path, known)
            if record is None:
                raw = contents.get(path)
                if raw is None:  # its stat vouched for it, but its record is gone
                    raw, read_problems = read_bytes(path)
                    if raw is None:
                        file_problems.extend(read_problems)
                        continue
                if parsed is not None:
                    parsed(path)
                record, _ = parse_file(path, raw)
                records.store(path, content_digest(raw), record)
            terms.extend(record.terms)
            file_problems.extend(record.problems)
        return TermDatabase(terms, [*problems, *file_problems])
