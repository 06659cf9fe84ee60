"""Shared fixtures and helpers for the sphinx-termref test suite.

Every test builds a real Sphinx project from ``tests/roots/test-<name>``. The roots
are read-only; each test gets its own build directory so no test sees another
test's environment pickle or output files.
"""

from __future__ import annotations

import io
import posixpath
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.inventory import InventoryFile

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"

#: The section labels of a full card with see-also, in the reference card's order.
CARD_LABELS = [
    "TECHNICAL DEFINITION",
    "BACKGROUND",
    "SYNONYMS & ALIASES",
    "USAGE NOTE",
    "DEVELOPERS",
    "SEE ALSO",
]
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_WARNING = re.compile(
    r"^(?P<location>.*?): WARNING: (?P<message>.*?)(?: \[(?P<type>[\w.]+)\])?$", re.MULTILINE
)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def app_params(app_params, tmp_path, test_params):
    """The plugin's parameters, with a build directory of this test's own.

    Without this every test of one root shares ``<basetemp>/<root>/_build`` and a
    later test could pass on an earlier test's environment and output. Tests marked
    with ``shared_build`` share one build on purpose (see there).
    """
    if test_params["shared_result"]:
        return app_params
    args, kwargs = app_params
    kwargs = dict(kwargs)
    kwargs["builddir"] = tmp_path / "_build"
    return type(app_params)(args, kwargs)


def shared_build(key: str, testroot: str, buildername: str = "html"):
    """Mark a test to use the one build of ``testroot`` that all tests marked with ``key``
    share: the first builds, the others reuse its output and its warnings.

    Only for tests that read the output and change nothing. ``key`` must be unique to
    one module and one configuration (Sphinx keeps the warnings per module).
    """

    def decorate(function):
        function = pytest.mark.sphinx(buildername, testroot=testroot)(function)
        return pytest.mark.test_params(shared_result=key)(function)

    return decorate


def strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


class Warning_(NamedTuple):
    location: str
    message: str
    type: str  # e.g. "termref.unknown"; "" when Sphinx gives none


def warnings_of(app: SphinxTestApp) -> list[Warning_]:
    """Every warning of the build, parsed into location, message and type."""
    text = strip_ansi(app.warning.getvalue())
    return [
        Warning_(m["location"], m["message"], m["type"] or "") for m in _WARNING.finditer(text)
    ]


def warnings_typed(app: SphinxTestApp, type_: str) -> list[Warning_]:
    return [w for w in warnings_of(app) if w.type == type_]


def termref_warnings(app: SphinxTestApp) -> list[Warning_]:
    return [w for w in warnings_of(app) if w.type.startswith("termref")]


def assert_no_crash(app: SphinxTestApp) -> None:
    """Nothing in the build's output hints at an exception inside the extension."""
    output = strip_ansi(app.status.getvalue() + app.warning.getvalue())
    assert "Traceback" not in output
    assert "Exception occurred" not in output
    assert "extension error" not in output.lower()


def build_once(
    tmp_path_factory: pytest.TempPathFactory, root: str, **kwargs: Any
) -> SphinxTestApp:
    """Build ``tests/roots/test-<root>`` once, for module-scoped fixtures whose tests
    only read the output."""
    srcdir = ROOTS / f"test-{root}"
    app = SphinxTestApp("html", srcdir=srcdir, builddir=tmp_path_factory.mktemp(root), **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def html(app: SphinxTestApp, page: str = "index") -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


def card(soup: BeautifulSoup, term_id: str):
    """The one element with the card id of ``term_id``."""
    found = soup.find_all(id=f"termref-{term_id}")
    assert len(found) == 1, f"expected one element with id termref-{term_id}, got {len(found)}"
    return found[0]


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th line of ``path`` that contains ``needle``."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} (occurrence {occurrence}) not in {path}")


@pytest.fixture
def copied_root(tmp_path: Path) -> Callable[[str], Path]:
    """Copy a test root to a writable directory, for tests that edit sources."""

    def copy(name: str) -> Path:
        target = tmp_path / f"src-{name}"
        shutil.copytree(ROOTS / f"test-{name}", target)
        return target

    return copy


@pytest.fixture
def make_build(tmp_path: Path):
    """Build ``srcdir`` with SphinxTestApp; every app made is cleaned up afterwards."""
    apps: list[SphinxTestApp] = []

    def build(srcdir: Path, buildername: str = "html", **kwargs) -> SphinxTestApp:
        kwargs.setdefault("builddir", tmp_path / f"_build-{len(apps)}")
        app = SphinxTestApp(buildername, srcdir=srcdir, **kwargs)
        apps.append(app)
        app.build()
        return app

    yield build
    for app in reversed(apps):
        app.cleanup()


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``sphinx-termref ARGV`` in-process: (exit status, stdout, stderr)."""
    from sphinx_termref.cli import main

    status = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


class InventoryItem(NamedTuple):
    project_name: str
    project_version: str
    uri: str
    display_name: str


def read_inventory(path: Path, uri: str = "") -> dict[str, dict[str, InventoryItem]]:
    """``objects.inv`` at ``path``, as ``{type: {name: item}}`` on every supported Sphinx.

    Sphinx 8.2 added ``InventoryFile.loads`` and items with attributes; 8.0 and 8.1
    have only ``load``, whose items are tuples (a deprecated interface from 8.2 on).
    """
    content = path.read_bytes()
    if hasattr(InventoryFile, "loads"):
        data = InventoryFile.loads(content, uri=uri).data
        return {
            kind: {
                name: InventoryItem(i.project_name, i.project_version, i.uri, i.display_name)
                for name, i in items.items()
            }
            for kind, items in data.items()
        }
    tuples = InventoryFile.load(io.BytesIO(content), uri, posixpath.join)
    return {
        kind: {name: InventoryItem(*item) for name, item in items.items()}
        for kind, items in tuples.items()
    }
