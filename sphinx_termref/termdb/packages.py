"""Database files that an installed Python package ships: ``package:NAME`` or
``package:NAME/sub/dir`` in ``termref_databases``.

An organisation publishes one vocabulary as a normal package and each project pins
a version of it. The files are found through ``importlib.resources`` and named by
their real paths, so messages point at files the user can open, and an upgraded
package (other bytes) changes the database's fingerprint like an edited file.
"""

from __future__ import annotations

from pathlib import Path

from ..warnings import Problem, Subtype

PREFIX = "package:"
SUFFIXES = (".yaml", ".yml")


def is_package_entry(entry: str) -> bool:
    return entry.startswith(PREFIX)


def package_directories(entry: str) -> tuple[list[Path], list[Problem]]:
    """The package directories that ``entry`` names (several for a namespace package);
    the caller reads the database files below them as below any directory."""
    # Imported here: importlib.resources costs every start-up some milliseconds.
    import importlib.resources
    import importlib.util

    name, _, sub = entry[len(PREFIX) :].partition("/")
    parts = [part for part in sub.split("/") if part]
    if not name or not all(piece.isidentifier() for piece in name.split(".")) or ".." in parts:
        return [], [_problem(entry, "write it as package:NAME or package:NAME/sub/dir")]
    install = f"install it with: pip install {name.split('.')[0]}"
    try:
        spec = importlib.util.find_spec(name)
    except ModuleNotFoundError:  # a parent package is missing
        spec = None
    except Exception as exc:  # importing a parent ran its code, which may fail in any way
        return [], [_problem(entry, f"cannot import the package {name!r}: {exc}")]
    if spec is None:
        return [], [_problem(entry, f"there is no Python package {name!r}; {install}")]
    if spec.submodule_search_locations is None:
        return [], [_problem(entry, f"{name!r} is a module, not a package with data files")]
    try:
        root = importlib.resources.files(name)
    except Exception as exc:  # importing it ran its code, which may fail in any way
        return [], [_problem(entry, f"cannot import the package {name!r}: {exc}")]
    roots = [root]
    if not isinstance(root, Path) and spec.origin is None:
        # A namespace package: its directories, wherever they are.
        roots = [Path(location) for location in spec.submodule_search_locations]
    places = [top.joinpath(*parts) if parts else top for top in roots]
    if not all(isinstance(place, Path) for place in places):
        # A zipped package: its files have no path to show or to read again.
        message = f"the package {name!r} is not installed as files on disk; reinstall it unzipped"
        return [], [_problem(entry, message)]
    directories = [Path(str(place)) for place in places if place.is_dir()]
    if not directories:
        message = (
            f"the package {name!r} (at {', '.join(map(str, roots))}) has no directory "
            f"{sub!r}; check the directory's name, or install a version of {name!r} "
            "that ships it"
        )
        return [], [_problem(entry, message)]
    return directories, []


def no_files(entry: str, directories: list[Path]) -> Problem:
    """The problem of a package directory without database files."""
    shown = ", ".join(str(directory) for directory in directories)
    return _problem(entry, f"the package directory {shown} holds no *.yaml or *.yml file")


def _problem(entry: str, why: str) -> Problem:
    # Named by the entry, which is no file: the build reports it at conf.py's line.
    return Problem(Subtype.yaml, entry, 0, 0, f"database {entry!r}: {why}")
