"""Fixtures of the browser tests: the built sites, one Chromium per session, pages.

Every site is built once per session, two at a time in the background, starting
when the first browser test asks for one. ``scripts/test.sh`` installs Debian's
Chromium where it is missing; on a machine without it these tests are skipped,
except under CI, where a missing browser is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .termref_browser import THEMES, Sites, chromium_available, launch


def _require_browser() -> None:
    missing = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the Python package playwright (pip install -e '.[test]')")
    if not chromium_available():
        missing.append("Chromium (apt-get install chromium)")
    if missing:
        message = "browser tests need " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    _require_browser()
    sites = Sites(tmp_path_factory.mktemp("sites"))
    sites.start()
    yield sites
    sites.close()


@pytest.fixture(scope="session")
def browser(sites: Sites) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Any]:
    """``new_page(**context_options)``: a page in a fresh context, closed afterwards."""
    contexts: list[Any] = []

    def make(**options: Any) -> Any:
        options.setdefault("viewport", {"width": 1280, "height": 800})
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.js_errors = errors
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Any) -> Any:
    return new_page()


@pytest.fixture(scope="session")
def example_site(sites: Sites) -> Path:
    """The example site, in its own theme (alabaster)."""
    return sites.get("example-alabaster")


@pytest.fixture(params=list(THEMES))
def theme(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def theme_site(sites: Sites, theme: str) -> Path:
    return sites.get(f"example-{theme}")
