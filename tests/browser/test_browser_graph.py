"""The term graph of the example site's risks page, in Chromium: a click on a node
lands on the card, and the drawing reads in the five themes, light and dark.

The SVG is in an ``<object>``, its own document, which the page's styles do not
reach: its colours are checked against the page's background behind it, read from
getComputedStyle. Screenshots of each theme and mode are written to
``$TERMREF_SCREENSHOTS`` (or the test's temporary directory) to look at.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

import pytest

from .termref_browser import BACKGROUND_JS, THEMES, Sites, url
from .test_browser_themes import MODES, open_theme_page

pytestmark = pytest.mark.browser

GRAPH = "figure.termref-graph"
AA = 4.5
#: WCAG 2.1's 1.4.11: lines and borders that mark what a graphic shows.
NON_TEXT = 3.0

#: In the SVG's own document: each node's text colour, fill and border, each
#: line's colour, and the drawing's background.
SVG_COLOURS_JS = r"""
() => ({
  nodes: [...document.querySelectorAll("g.node")].map((g) => ({
    text: [...g.querySelectorAll("text")].map((t) => t.textContent).join(" "),
    fg: g.querySelector("text").getAttribute("fill"),
    fill: g.querySelector("path, polygon").getAttribute("fill"),
    border: g.querySelector("path, polygon").getAttribute("stroke"),
  })),
  lines: [...document.querySelectorAll("g.edge path")].map((p) => p.getAttribute("stroke")),
  background: (document.querySelector("g.graph > polygon") || { getAttribute: () => "none" })
    .getAttribute("fill"),
})
"""


def _rgb(colour: str | list[float]) -> tuple[float, float, float]:
    if isinstance(colour, list):
        return (colour[0], colour[1], colour[2])
    value = colour.lstrip("#")
    assert len(value) == 6, colour
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def _luminance(colour: tuple[float, float, float]) -> float:
    def channel(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = map(channel, colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str | list[float], b: str | list[float]) -> float:
    x, y = _luminance(_rgb(a)), _luminance(_rgb(b))
    return (max(x, y) + 0.05) / (min(x, y) + 0.05)


def _graph_frame(page: Any) -> Any:
    """The frame of the drawing's SVG document, once it has its nodes."""
    page.locator(f"{GRAPH} object").wait_for(state="attached")
    for _ in range(100):
        frames = [f for f in page.frames if f.url.endswith(".svg")]
        if frames:
            frames[0].locator("g.node").first.wait_for(state="attached")
            return frames[0]
        page.wait_for_timeout(50)
    raise AssertionError(f"no SVG frame among {[f.url for f in page.frames]}")


def test_clicking_a_node_lands_on_its_card(page: Any, sites: Sites) -> None:
    site = sites.get("example-alabaster")
    page.goto(url(site, "risks.html"))
    frame = _graph_frame(page)
    node = frame.locator("g.node a", has_text="Inner Alignment")
    assert node.get_attribute("target") == "_top"
    with page.expect_navigation():
        node.click()
    assert page.url.endswith("/glossary.html#termref-inner-alignment")
    target = page.evaluate(
        "() => { const t = document.querySelector(':target');"
        " return [t.id, t.className, t.querySelector('dfn').textContent]; }"
    )
    assert target[0] == "termref-inner-alignment"
    assert "termref-card" in target[1].split()
    assert target[2] == "Inner Alignment"
    assert page.js_errors == []


#: The colours of a PNG (base64) at points (x, y), read back through a canvas.
PIXELS_JS = r"""
async ([png, points]) => {
  const image = new Image();
  image.src = "data:image/png;base64," + png;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.width;
  canvas.height = image.height;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  ctx.drawImage(image, 0, 0);
  return points.map(([x, y]) => [...ctx.getImageData(x, y, 1, 1).data.slice(0, 3)]);
}
"""


def _screenshots(tmp_path: Path) -> Path:
    directory = Path(os.environ.get("TERMREF_SCREENSHOTS", tmp_path))
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.mark.parametrize(("theme", "mode"), MODES)
def test_the_graph_reads_in_every_theme_and_mode(
    new_page: Any, sites: Sites, theme: str, mode: str, tmp_path: Path
) -> None:
    site = sites.get(f"example-{theme}")
    page = open_theme_page(new_page, site, theme, mode, "risks.html")
    figure = page.locator(GRAPH)
    figure.scroll_into_view_if_needed()
    colours = _graph_frame(page).evaluate(SVG_COLOURS_JS)
    colours["page"] = page.locator(f"{GRAPH} object").evaluate(BACKGROUND_JS)
    # The drawing lies on the page's own background.
    assert colours["background"] in ("transparent", "none")
    names = {node["text"] for node in colours["nodes"]}
    assert {"Mesa-Optimization", "Inner Alignment", "Deceptive Alignment"} <= names
    for node in colours["nodes"]:
        assert contrast(node["fg"], node["fill"]) >= AA, node
        # A box stands out from the page by its fill or by its border.
        box = max(
            contrast(node["fill"], colours["page"]), contrast(node["border"], colours["page"])
        )
        assert box >= NON_TEXT, (node, colours["page"])
    assert colours["lines"]
    for line in colours["lines"]:
        assert contrast(line, colours["page"]) >= NON_TEXT, (line, colours["page"])
    if THEMES[theme] and mode != "light":
        assert _luminance(_rgb(colours["page"])) < 0.2, "the page is dark here"
    # The drawing fits the column: the page does not scroll sideways for it.
    box = figure.locator("object").bounding_box()
    assert box is not None and box["width"] > 200
    assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
    shot = figure.screenshot(path=str(_screenshots(tmp_path) / f"graph-{theme}-{mode}.png"))
    # As drawn: the drawing's empty corners show the page's own background (no
    # opaque ground of its own, as Chromium gives a frame of another colour scheme).
    drawing = figure.locator("object").bounding_box()
    frame = figure.bounding_box()
    assert drawing is not None and frame is not None
    left, top = drawing["x"] - frame["x"], drawing["y"] - frame["y"]
    corners = [
        (int(left + 2), int(top + 2)),
        (int(left + drawing["width"] - 3), int(top + drawing["height"] - 3)),
    ]
    pixels = page.evaluate(PIXELS_JS, [base64.b64encode(shot).decode(), corners])
    for pixel in pixels:
        assert max(abs(a - b) for a, b in zip(pixel, colours["page"], strict=True)) <= 8, (
            pixel,
            colours["page"],
        )
    assert page.js_errors == []
