"""Fixtures for the sphinx-termref test suite; the helpers are in ``helpers.py``.

Every test builds a real Sphinx project from ``tests/roots/test-<name>`` or from files
it writes. The roots are read-only; each test gets its own build directory so no test
sees another test's environment pickle or output files.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import ROOTS
from hypothesis import settings
from sphinx.testing.util import SphinxTestApp

pytest_plugins = ("sphinx.testing.fixtures",)

# Property tests: the same examples on every run (a failure in CI fails again on your
# machine), with no deadline (builds on a busy machine are slow). HYPOTHESIS_PROFILE=long
# tries a hundred times as many, new ones on each run (docs/architecture.md).
settings.register_profile("default", max_examples=100, deadline=None, derandomize=True)
settings.register_profile("long", max_examples=10_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


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
