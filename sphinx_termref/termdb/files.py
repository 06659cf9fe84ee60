"""Finding the configured database files and reading their bytes."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..warnings import Problem, Subtype
from .packages import SUFFIXES, is_package_entry, package_files


def database_files(entries: Iterable[str], base: Path) -> tuple[list[Path], list[Problem]]:
    """The files that the configured entries name, directories expanded in sorted order;
    ``package:NAME[/sub/dir]`` entries name the files of an installed package."""
    files: list[Path] = []
    problems: list[Problem] = []
    for entry in entries:
        if is_package_entry(entry):
            found, found_problems = package_files(entry)
            files.extend(found)
            problems.extend(found_problems)
            continue
        path = (base / entry).resolve()
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file())
            if not found:
                message = f"database directory {entry!r} holds no *.yaml or *.yml file"
                problems.append(Problem(Subtype.yaml, str(path), 0, 0, message))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            message = (
                f"database {entry!r} does not exist (looked for {path}); "
                "fix termref_databases in conf.py"
            )
            problems.append(Problem(Subtype.yaml, str(path), 0, 0, message))
    return files, problems


def read_bytes(path: Path) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or None and the reason it could not be read."""
    try:
        return path.read_bytes(), []
    except OSError as exc:
        message = f"cannot read the file: {exc.strerror}"
        return None, [Problem(Subtype.yaml, str(path), 0, 0, message)]
