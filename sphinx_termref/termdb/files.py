"""Finding the configured database files and reading their bytes."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..warnings import Problem, Subtype
from .packages import SUFFIXES, is_package_entry, no_files, package_directories


def entry_path(entry: str, base: Path) -> Path:
    """The path a (non-package) entry names: resolved, or as written where it is a
    loop of symbolic links."""
    path = base / entry
    try:
        return path.absolute().resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
        return path.absolute()


def database_files(entries: Iterable[str], base: Path) -> tuple[list[Path], list[Problem]]:
    """The files that the configured entries name, directories expanded in sorted order;
    ``package:NAME[/sub/dir]`` entries name the files of an installed package."""
    files: list[Path] = []
    problems: list[Problem] = []
    for entry in entries:
        if is_package_entry(entry):
            found, found_problems = _package_files(entry)
            files.extend(found)
            problems.extend(found_problems)
            continue
        path = entry_path(entry, base)
        if path.is_dir():
            found, found_problems = _directory_files(path)
            if not found and not found_problems:
                problems.append(_empty_directory(entry, path))
            files.extend(found)
            problems.extend(found_problems)
        elif path.is_file():
            files.append(path)
        elif os.path.lexists(path):
            message = (
                f"database {entry!r} ({path}) is {_what(path)}, not a YAML file or a "
                "directory; fix termref_databases in conf.py"
            )
            problems.append(Problem(Subtype.yaml, str(path), 0, 0, message))
        else:
            message = (
                f"database {entry!r} does not exist (looked for {path}); "
                "fix termref_databases in conf.py"
            )
            problems.append(Problem(Subtype.yaml, str(path), 0, 0, message))
    return files, problems


def _package_files(entry: str) -> tuple[list[Path], list[Problem]]:
    """The files below the package directories ``entry`` names, read as any database
    directory is: an odd ``*.yaml`` name there is reported too."""
    directories, problems = package_directories(entry)
    files: list[Path] = []
    for directory in directories:
        found, found_problems = _directory_files(directory)
        files.extend(found)
        problems.extend(found_problems)
    if directories and not files and not problems:
        problems.append(no_files(entry, directories))
    return sorted(files), problems


def _empty_directory(entry: str, path: Path) -> Problem:
    if path.suffix in SUFFIXES:
        # Named like a file: most likely a file was meant (or an unpacking went wrong).
        message = (
            f"database {entry!r} ({path}) is a directory, not a YAML file, and holds no "
            "*.yaml or *.yml file; name the YAML file in termref_databases in conf.py, "
            "or put the database files in that directory"
        )
    else:
        message = f"database directory {entry!r} holds no *.yaml or *.yml file"
    return Problem(Subtype.yaml, str(path), 0, 0, message)


def _directory_files(directory: Path) -> tuple[list[Path], list[Problem]]:
    """The database files below ``directory``, and a problem for each name that looks
    like one but cannot be read as one (each names that path, which is no entry)."""
    files: list[Path] = []
    problems: list[Problem] = []
    odd: list[Path] = []
    for path in sorted(directory.rglob("*")):
        if path.suffix in SUFFIXES:
            (files if path.is_file() else odd).append(path)
    for path in odd:
        if path.is_dir() and any(file.is_relative_to(path) for file in files):
            continue  # an odd name for a directory, but its files are read
        if path.is_dir():
            what = "a directory, not a YAML file, and no database file is in it"
            fix = "rename it"
        else:
            what = f"{_what(path)}, not a YAML file"
            fix = "fix the link" if path.is_symlink() else "replace it with a YAML file"
        message = f"{path.name!r} is {what}; {fix}, or remove it"
        problems.append(Problem(Subtype.yaml, str(path), 0, 0, message))
    return files, problems


def _what(path: Path) -> str:
    """What ``path``, which exists but is no regular file or directory, is."""
    if path.is_symlink() and not path.exists():
        return f"a broken symbolic link (to {os.readlink(path)!r})"
    return "a pipe, socket or device"


def read_bytes(path: Path) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or None and the reason it could not be read."""
    try:
        return path.absolute().read_bytes(), []
    except OSError as exc:
        message = (
            f"cannot read the file: {exc.strerror}; make it readable, or take it out "
            "of the database"
        )
        return None, [Problem(Subtype.yaml, str(path), 0, 0, message)]
