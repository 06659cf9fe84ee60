"""What the browser tests and ``screenshots.py`` share: builds, Chromium, page helpers.

The sites are built with ``sphinx-build`` in subprocesses (a fresh interpreter per
theme, so no theme leaves state behind for the next), two at a time, and opened
as local files, the way a reader opens a downloaded copy of the docs.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
REPO = HERE.parent.parent
EXAMPLE_DOCS = REPO / "example_docs"
NESTED_ROOT = HERE / "roots" / "nested"

CHROMIUM = os.environ.get("TERMREF_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

#: The themes the card and the preview are checked in, and whether each has a dark
#: mode: furo's follows prefers-color-scheme (body[data-theme=auto]), pydata's and
#: the book theme's set html[data-theme] from it.
THEMES = {
    "alabaster": False,
    "furo": True,
    "sphinx_rtd_theme": False,
    "pydata_sphinx_theme": True,
    "sphinx_book_theme": True,
}


@dataclass(frozen=True)
class Build:
    """One ``sphinx-build`` run: the source, the builder and ``-D`` overrides."""

    name: str
    srcdir: Path
    builder: str = "html"
    overrides: tuple[tuple[str, str], ...] = ()
    strict: bool = False  # -W: any warning fails the build

    def command(self, outdir: Path) -> list[str]:
        command = [sys.executable, "-m", "sphinx", "-b", self.builder, "-q", "-E"]
        if self.strict:
            command += ["-W", "--keep-going"]
        for key, value in self.overrides:
            command += ["-D", f"{key}={value}"]
        return [*command, "-d", str(outdir / ".doctrees"), str(self.srcdir), str(outdir)]


def theme_build(theme: str) -> Build:
    # Alabaster is the example site's own theme: its build must be warning-free.
    # The other themes may warn about things of their own (missing logos, ...).
    return Build(
        f"example-{theme}",
        EXAMPLE_DOCS,
        overrides=(("html_theme", theme),),
        strict=theme == "alabaster",
    )


BUILDS = {
    build.name: build
    for build in [
        *(theme_build(theme) for theme in THEMES),
        Build("nested-html", NESTED_ROOT, strict=True),
        Build("nested-dirhtml", NESTED_ROOT, builder="dirhtml", strict=True),
        Build("previews-off", EXAMPLE_DOCS, overrides=(("termref_previews", "0"),), strict=True),
    ]
}


class BuildFailed(AssertionError):
    pass


@dataclass
class Sites:
    """Builds every site in ``BUILDS`` in the background; ``get`` waits for one."""

    root: Path
    jobs: int = 2
    _futures: dict[str, Future[Path]] = field(default_factory=dict)
    _pool: ThreadPoolExecutor | None = None

    def start(self, names: list[str] | None = None) -> None:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=self.jobs)
        for name in names or list(BUILDS):
            if name not in self._futures:
                self._futures[name] = self._pool.submit(self._build, BUILDS[name])

    def get(self, name: str) -> Path:
        self.start([name])
        return self._futures[name].result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def _build(self, build: Build) -> Path:
        outdir = self.root / build.name
        shutil.rmtree(outdir, ignore_errors=True)
        result = subprocess.run(
            build.command(outdir),
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": "0"},
            check=False,
        )
        if result.returncode != 0:
            raise BuildFailed(
                f"sphinx-build of {build.name} failed ({result.returncode}):\n"
                f"{result.stdout}\n{result.stderr}"
            )
        return outdir


def chromium_available() -> bool:
    return Path(CHROMIUM).exists()


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless; Playwright's own browsers are never downloaded."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def url(site: Path, page: str) -> str:
    """The file:// URL of ``page`` (e.g. ``"risks.html"``, ``"guide/deep/page.html"``)."""
    return (site / page).resolve().as_uri()


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on the loopback interface (for ``dirhtml``'s directory links,
    which a file:// URL shows as a listing instead of the ``index.html``)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


# -- In the page --------------------------------------------------------------------

#: The colour functions that open the body of the two scripts below: ``rgba`` reads a
#: CSS colour back through a canvas, so any syntax (rgb(), color(srgb ...),
#: color-mix() results) is understood; ``over`` composites one colour on another;
#: ``background`` is what lies behind an element, its own and its ancestors'
#: background colours composited over white, which is the canvas.
_COLOURS_JS = r"""
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  const rgba = (colour) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "rgba(0, 0, 0, 0)";
    ctx.fillStyle = colour;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  };
  const over = (top, bottom) =>
    [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const background = (node) => {
    const layers = [];
    for (let n = node; n; n = n.parentElement) {
      const c = rgba(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let bg = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  };
"""

#: Text contrast inside an element, from getComputedStyle: for each element that
#: holds text, its colour and the background behind it, as WCAG 2 contrast ratios.
CONTRAST_JS = (
    "(root) => {"
    + _COLOURS_JS
    + r"""  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)];
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  };
  const hex = (c) =>
    "#" + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
  const results = [];
  const seen = new Set();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode;
    const element = text.parentElement;
    if (!text.data.trim() || seen.has(element)) continue;
    seen.add(element);
    const style = getComputedStyle(element);
    if (!element.getClientRects().length || style.visibility === "hidden" || style.opacity === "0")
      continue;
    const bg = background(element);
    const fg = over(rgba(style.color), bg);
    // The same text colour on the background of the element that holds `root`:
    // what the theme gives this colour outside termref's markup.
    const outside = background(root.parentElement || root);
    results.push({
      text: text.data.trim().slice(0, 40),
      tag: element.tagName.toLowerCase(),
      classes: element.className,
      link: !!element.closest("a"),
      headerlink: !!element.closest("a.headerlink"),
      fg: hex(fg),
      bg: hex(bg),
      ratio: Math.round(ratio(fg, bg) * 100) / 100,
      ratioOutside: Math.round(ratio(over(rgba(style.color), outside), outside) * 100) / 100,
      luminance: Math.round(luminance(bg) * 1000) / 1000,
    });
  }
  return results;
}
"""
)

#: The background behind an element, as ``[r, g, b]``.
BACKGROUND_JS = "(element) => {" + _COLOURS_JS + "  return background(element).slice(0, 3);\n}\n"

#: The rectangle of an element, in viewport coordinates, and the viewport's size.
RECT_JS = """
(element) => {
  const r = element.getBoundingClientRect();
  return {
    left: r.left, top: r.top, right: r.right, bottom: r.bottom,
    width: r.width, height: r.height,
    viewWidth: document.documentElement.clientWidth,
    viewHeight: document.documentElement.clientHeight,
  };
}
"""

#: Whether the document scrolls sideways.
OVERFLOW_JS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def assert_in_view(box: dict[str, float]) -> None:
    """A rectangle from ``RECT_JS`` lies wholly inside the viewport."""
    assert box["width"] > 0 and box["height"] > 0, box
    assert box["left"] >= 0 and box["right"] <= box["viewWidth"], box
    assert box["top"] >= 0 and box["bottom"] <= box["viewHeight"], box


def open_preview(page: Any) -> Any:
    """The preview on show; there is at most one."""
    return page.locator(".termref-preview.termref-preview--open")


def set_dark(page: Any, theme: str) -> None:
    """Switch a theme with a dark mode to it, as its own toggle button does."""
    if theme == "furo":
        page.evaluate("() => { document.body.dataset.theme = 'dark'; }")
    else:
        page.evaluate(
            "() => { document.documentElement.dataset.theme = 'dark';"
            " document.documentElement.dataset.mode = 'dark'; }"
        )
