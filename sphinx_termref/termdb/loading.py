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
from .files import database_files, read_bytes
from .records import Term

if TYPE_CHECKING:
    from .yaml_source import YamlDocument

#: Part of every cache key: a new version of the validation rules rereads the files.
_CODE_VERSION = "15"


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
    # Imported here: PyYAML is only needed when the files have changed.
    from .validation import validate
    from .yaml_source import read_yaml

    problems = list(sources.problems)
    terms: list[Term] = []
    documents: list[YamlDocument] = []
    with _collector_paused():
        for path, raw in zip(sources.files, sources.contents, strict=True):
            if raw is not None:
                document, read_problems = read_yaml(path, raw)
                problems.extend(read_problems)
                if document is not None:
                    if keep_documents:
                        documents.append(document)
                    file_terms, file_problems = validate(document)
                    terms.extend(file_terms)
                    problems.extend(file_problems)
            if on_file is not None:
                on_file(len(raw) if raw is not None else 0)
        database = TermDatabase(terms, problems)
    database.fingerprint = sources.fingerprint
    return Parsed(database, documents)


_cache: dict[str, TermDatabase] = {}
CACHE_FILE = cache.CACHE_FILE


def load(
    entries: Iterable[str],
    base: Path,
    cache_dir: Path | None = None,
    note: cache.Note | None = None,
) -> TermDatabase:
    """Load, validate and merge every database file that ``entries`` names.

    The result is reused while the files' bytes are unchanged: within this process,
    and across builds through a pickle in ``cache_dir`` (the doctree directory);
    ``note`` hears why a cache file there could not be used.
    """
    sources = read_sources(entries, base)
    fingerprint = sources.fingerprint
    database = _cache.get(fingerprint)
    if database is None and cache_dir is not None:
        database = cache.stored(cache_dir, fingerprint, note or (lambda message: None))
    if database is None:
        database = parse(sources).database
        if cache_dir is not None:
            cache.store(cache_dir, fingerprint, database)
    _cache.clear()  # one database per process is enough; older versions are stale
    _cache[fingerprint] = database
    return database
