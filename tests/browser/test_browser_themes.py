"""The card and the preview in five themes: light and dark, a phone's width, print.

Contrast is computed from getComputedStyle colours (see ``CONTRAST_JS``): text
colour against the background composited behind it. termref's own colours (the
card's text and labels, everything in the preview) must reach WCAG AA's 4.5:1.
Links inside the card keep the theme's link colour: they must read at least as
well on the card as on the theme's own page, up to 4.5:1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .termref_browser import (
    CONTRAST_JS,
    OVERFLOW_JS,
    RECT_JS,
    THEMES,
    Sites,
    assert_in_view,
    open_preview,
    set_dark,
    url,
)

pytestmark = pytest.mark.browser

AA = 4.5
CARD = "#termref-mesa-optimization"
PREVIEW_LINK = "a.termref--base-optimizer"

#: (theme, mode): "light" and "dark" are the reader's system preference
#: (prefers-color-scheme); "switched" is the theme's own dark mode, turned on as its
#: toggle does while the system stays light. Themes without a dark mode stay light
#: under a dark system preference, and the card must stay readable there too.
MODES = [(theme, mode) for theme in THEMES for mode in ("light", "dark")] + [
    (theme, "switched") for theme, dark in THEMES.items() if dark
]


def contrast_problems(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    problems = []
    for item in results:
        if item["headerlink"]:  # the theme's permalink sign, styled by the theme
            continue
        needed = min(AA, item["ratioOutside"]) - 0.01 if item["link"] else AA
        if item["ratio"] < needed:
            problems.append(item)
    return problems


def open_theme_page(
    new_page: Any, site: Path, theme: str, mode: str, path: str, **options: Any
) -> Any:
    page = new_page(color_scheme="dark" if mode == "dark" else "light", **options)
    page.goto(url(site, path))
    if mode == "switched":
        set_dark(page, theme)
    page.wait_for_timeout(50)
    return page


def expect_dark(theme: str, mode: str) -> bool:
    return THEMES[theme] and mode != "light"


@pytest.mark.parametrize(("theme", "mode"), MODES)
def test_card_contrast(new_page: Any, sites: Sites, theme: str, mode: str) -> None:
    site = sites.get(f"example-{theme}")
    page = open_theme_page(new_page, site, theme, mode, "glossary.html")
    card = page.locator(CARD)
    assert card.is_visible()
    assert card.get_attribute("aria-labelledby") == "termref-mesa-optimization-name"
    results = card.evaluate(CONTRAST_JS)
    texts = [item["text"] for item in results]
    assert "Mesa-Optimization" in texts and "TECHNICAL DEFINITION" in texts
    assert contrast_problems(results) == []
    name = next(item for item in results if item["text"] == "Mesa-Optimization")
    if expect_dark(theme, mode):
        assert name["luminance"] < 0.2, "the card follows the theme into dark mode"
    else:
        assert name["luminance"] > 0.5, "the card stays light where the page is light"


@pytest.mark.parametrize(("theme", "mode"), MODES)
def test_preview_contrast(new_page: Any, sites: Sites, theme: str, mode: str) -> None:
    site = sites.get(f"example-{theme}")
    page = open_theme_page(new_page, site, theme, mode, "risks.html")
    link = page.locator(PREVIEW_LINK).first
    link.focus()
    preview = open_preview(page)
    preview.wait_for(state="visible")
    assert preview.get_attribute("id") == link.get_attribute("aria-describedby")
    assert_in_view(preview.evaluate(RECT_JS))
    results = preview.evaluate(CONTRAST_JS)
    assert {"Base Optimizer", "Full definition"} <= {item["text"] for item in results}
    problems = [item for item in results if item["ratio"] < AA]
    assert problems == []
    background = results[0]["luminance"]
    if expect_dark(theme, mode):
        assert background < 0.2, "the preview follows the theme into dark mode"
    else:
        assert background > 0.5
    assert page.js_errors == []


def test_preview_follows_a_theme_without_colour_variables(new_page: Any, sites: Sites) -> None:
    """A dark page whose theme names no colour variables: the preview takes the colours
    of the text around the link."""
    page = new_page()
    page.goto(url(sites.get("example-alabaster"), "risks.html"))
    page.add_style_tag(
        content="body, div.body, div.document, div.documentwrapper, div.bodywrapper"
        " { background: #101418 !important; color: #e8eaed !important; }"
    )
    page.locator(PREVIEW_LINK).first.focus()
    preview = open_preview(page)
    preview.wait_for(state="visible")
    results = preview.evaluate(CONTRAST_JS)
    assert results[0]["luminance"] < 0.05
    assert [item for item in results if item["ratio"] < AA] == []


def test_narrow_screen(theme: str, theme_site: Path, new_page: Any) -> None:
    """A phone's width: the card and the preview fit, and neither makes the page
    scroll sideways."""
    page = new_page(viewport={"width": 375, "height": 740}, has_touch=True)
    page.goto(url(theme_site, "glossary.html"))
    card = page.locator(CARD)
    box = card.evaluate(RECT_JS)
    assert box["left"] >= 0 and box["right"] <= box["viewWidth"], box
    assert card.evaluate("(c) => c.scrollWidth - c.clientWidth") <= 0
    overflow = page.evaluate(OVERFLOW_JS)
    if overflow > 0:  # only the theme's own layout may make the page wider
        page.add_style_tag(content=".termref-card { display: none !important; }")
        assert page.evaluate(OVERFLOW_JS) == overflow, "the cards widen the page"

    page.goto(url(theme_site, "risks.html"))
    before = page.evaluate(OVERFLOW_JS)
    link = page.locator(PREVIEW_LINK).first
    link.tap()
    preview = open_preview(page)
    preview.wait_for(state="visible")
    assert_in_view(preview.evaluate(RECT_JS))
    assert page.evaluate(OVERFLOW_JS) <= before


def test_print(theme: str, theme_site: Path, new_page: Any) -> None:
    """In print the cards are kept, in black on white, and no preview shows."""
    page = new_page()
    page.goto(url(theme_site, "glossary.html"))
    page.locator("a.termref").first.focus()
    open_preview(page).wait_for(state="visible")
    page.emulate_media(media="print")
    assert open_preview(page).evaluate("(p) => getComputedStyle(p).display") == "none"
    card = page.locator(CARD)
    assert card.is_visible()
    results = card.evaluate(CONTRAST_JS)
    name = next(item for item in results if item["text"] == "Mesa-Optimization")
    assert name["fg"] == "#000000" and name["luminance"] > 0.9
    assert contrast_problems(results) == []
    assert page.pdf() is not None  # Chromium lays the page out for paper without error
