"""Take the README's screenshots with the browser tests' own tooling.

    .venv/bin/python tests/browser/screenshots.py            # writes docs/images/*.png
    .venv/bin/python tests/browser/screenshots.py --theme furo --out /tmp/shots

Builds the example site (in its own theme, alabaster, unless --theme says
otherwise) into a temporary directory, opens it as local files in Debian's
Chromium and writes:

* ``card.png``: the Mesa-Optimization card on the glossary page;
* ``preview.png``: the preview of a term link, hovered, on a prose page;
* ``graph.png``: the term graph of Mesa-Optimization on the same page.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright
from termref_browser import REPO, THEMES, Sites, launch, open_preview, url

PADDING = 24


def card(page: Any, site: Path, out: Path) -> None:
    page.set_viewport_size({"width": 1000, "height": 900})
    page.goto(url(site, "glossary.html"))
    card = page.locator("#termref-mesa-optimization")
    card.scroll_into_view_if_needed()
    card.screenshot(path=str(out), animations="disabled", caret="hide")


def preview(page: Any, site: Path, out: Path) -> None:
    page.set_viewport_size({"width": 1000, "height": 700})
    page.goto(url(site, "risks.html"))
    section = page.locator("section:has(> p > a.termref--base-optimizer)").first
    section.evaluate("(s) => window.scrollTo(0, s.getBoundingClientRect().top + scrollY - 30)")
    section.locator("p > a.termref--base-optimizer").first.hover()
    open_preview(page).wait_for(state="visible")
    page.wait_for_timeout(100)
    # From the section's heading down to the end of the paragraph the preview ends
    # in, so that no line of text is cut in half.
    area = section.evaluate(
        """(section) => {
          const preview = document.querySelector('.termref-preview--open').getBoundingClientRect();
          const heading = section.querySelector('h1, h2, h3').getBoundingClientRect();
          let bottom = preview.bottom;
          for (const block of section.querySelectorAll(':scope > p')) {
            const r = block.getBoundingClientRect();
            if (r.top < preview.bottom) bottom = Math.max(bottom, r.bottom);
          }
          const text = section.getBoundingClientRect();
          return {left: Math.min(text.left, preview.left), top: heading.top,
                  right: Math.max(text.right, preview.right), bottom: bottom};
        }"""
    )
    clip = {
        "x": max(0, area["left"] - PADDING),
        "y": max(0, area["top"] - PADDING),
        "width": area["right"] - area["left"] + 2 * PADDING,
        "height": area["bottom"] - area["top"] + 2 * PADDING,
    }
    page.screenshot(path=str(out), clip=clip, animations="disabled", caret="hide")


def graph(page: Any, site: Path, out: Path) -> None:
    page.set_viewport_size({"width": 1000, "height": 900})
    page.goto(url(site, "risks.html"))
    figure = page.locator("figure.termref-graph")
    figure.scroll_into_view_if_needed()
    # The drawing is a document of its own: wait until its nodes are there.
    page.wait_for_function(
        "() => document.querySelector('figure.termref-graph object').getBoundingClientRect()"
        ".height > 100"
    )
    page.wait_for_timeout(200)
    figure.screenshot(path=str(out), animations="disabled", caret="hide")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "images")
    parser.add_argument("--theme", choices=sorted(THEMES), default="alabaster")
    parser.add_argument("--dark", action="store_true", help="prefers-color-scheme: dark")
    parser.add_argument("--scale", type=float, default=1.5, help="device pixel ratio")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        sites = Sites(Path(tmp))
        try:
            site = sites.get(f"example-{args.theme}")
        finally:
            sites.close()
        browser = launch(playwright)
        context = browser.new_context(
            device_scale_factor=args.scale, color_scheme="dark" if args.dark else "light"
        )
        page = context.new_page()
        card(page, site, args.out / "card.png")
        preview(page, site, args.out / "preview.png")
        graph(page, site, args.out / "graph.png")
        browser.close()
    for name in ("card.png", "preview.png", "graph.png"):
        print(args.out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
