"""axe-core on the example pages in five themes: nothing serious or critical in
termref's markup.

axe runs from the copy of ``axe.min.js`` that the PyPI package
axe-playwright-python ships, so nothing is fetched at run time. Violations outside
termref's markup belong to the theme or to Sphinx and are not this project's to
fix; they are listed in the test's output. A violation inside termref's markup
fails the test unless it is shown to come from elsewhere:

* **the theme's link colours**: a term link or a link inside a card keeps the
  theme's link colour on the theme's background. When axe reports exactly the same
  foreground and background on the theme's own markup on the same page (e.g.
  sphinx-rtd-theme's #2980b9 on #fcfcfc, 4.19:1, on "View page source"), the colours
  are the theme's.
* **the example site's stylesheet**: ``example_docs/_static/example.css`` gives the
  ``spotlight`` card a light background of its own. When the violation disappears
  as soon as that stylesheet is switched off, it is the site's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from .termref_browser import THEMES, Sites, open_preview, set_dark, url

pytestmark = pytest.mark.browser

IMPACTS = {"serious", "critical"}
ALL_PAGES = [
    "index.html",
    "glossary.html",
    "risks.html",
    "interpretability.html",
    "customizing.html",
    "index-of-terms.html",
]
DARK_PAGES = ["glossary.html", "risks.html", "customizing.html"]
SITE_STYLESHEET = "example.css"

#: Whether an element is termref's markup: a card, an index, a preview, a term link
#: (below <html>, which termref.js marks termref-js).
IS_TERMREF_JS = """
(selector) => {
  const element = document.querySelector(selector);
  if (!element) return false;
  for (let node = element; node && node !== document.documentElement; node = node.parentElement) {
    if ([...node.classList].some((name) => name === "termref" || name.startsWith("termref-")
        || name.startsWith("termref--"))) return true;
  }
  return false;
}
"""


@pytest.fixture(scope="session")
def axe() -> Any:
    return pytest.importorskip("axe_playwright_python.sync_playwright").Axe()


def serious(results: Any) -> list[dict[str, Any]]:
    return [v for v in results.response["violations"] if v.get("impact") in IMPACTS]


def selector(node: dict[str, Any]) -> str:
    target = node["target"]
    assert len(target) == 1, f"no frames or shadow roots expected: {target}"
    return str(target[0])


def colours(node: dict[str, Any]) -> tuple[str, str] | None:
    for check in node.get("any", []):
        data = check.get("data")
        if isinstance(data, dict) and "fgColor" in data:
            return data["fgColor"], data["bgColor"]
    return None


def cases() -> Iterator[Any]:
    for theme, has_dark in THEMES.items():
        yield pytest.param(theme, "light", ALL_PAGES, id=f"{theme}-light")
        if has_dark:
            yield pytest.param(theme, "dark", DARK_PAGES, id=f"{theme}-dark")


@pytest.mark.parametrize(("theme", "mode", "pages"), list(cases()))
def test_no_serious_violation_in_termref_markup(
    new_page: Any, sites: Sites, axe: Any, theme: str, mode: str, pages: list[str]
) -> None:
    site = sites.get(f"example-{theme}")
    page = new_page(color_scheme=mode)
    elsewhere: Counter[str] = Counter()
    attributed: Counter[str] = Counter()
    unexplained: list[str] = []
    for path in pages:
        page.goto(url(site, path))
        if mode == "dark":
            set_dark(page, theme)
        if path == "risks.html":  # with a preview open, so that axe checks it too
            page.locator("a.termref").first.focus()
            open_preview(page).wait_for(state="visible")
        for violation in serious(axe.run(page)):
            rule = violation["id"]
            theirs = {
                colours(node)
                for node in violation["nodes"]
                if not page.evaluate(IS_TERMREF_JS, selector(node))
            }
            for node in violation["nodes"]:
                kind = f"{rule} ({violation['impact']})"
                if not page.evaluate(IS_TERMREF_JS, selector(node)):
                    elsewhere[kind] += 1
                elif rule == "color-contrast" and colours(node) in theirs:
                    fg, bg = colours(node) or ("", "")
                    attributed[f"{kind}: the theme's link colour {fg} on its {bg}"] += 1
                elif rule == "color-contrast" and gone_without_site_css(page, axe, node):
                    attributed[f"{kind}: the example site's {SITE_STYLESHEET}"] += 1
                else:
                    unexplained.append(
                        f"{path}: {kind} at {selector(node)}\n    {node['html'][:200]}\n"
                        f"    {node['failureSummary']}"
                    )
    print(f"\n{theme} ({mode}), {len(pages)} pages")
    for kind, count in sorted(elsewhere.items()):
        print(f"  outside termref's markup, {count} elements: {kind}")
    for kind, count in sorted(attributed.items()):
        print(f"  in termref's markup, {count} elements: {kind}")
    assert unexplained == [], "\n".join(unexplained)


def gone_without_site_css(page: Any, axe: Any, node: dict[str, Any]) -> bool:
    """Whether the violation at ``node`` disappears with the site's own stylesheet off."""
    sheets = page.locator(f"link[rel=stylesheet][href*='/{SITE_STYLESHEET}']")
    if sheets.count() == 0:
        return False
    sheets.evaluate_all("(links) => links.forEach((link) => { link.disabled = true; })")
    try:
        again = axe.run(page, context=selector(node), options={"runOnly": ["color-contrast"]})
        return not again.response["violations"]
    finally:
        sheets.evaluate_all("(links) => links.forEach((link) => { link.disabled = false; })")
