"""MathJax 3 in a real browser cannot be turned against the page by database math
(docs/security.md).

MathJax makes links (``\\href``), HTML attributes (``\\class``, ``\\style``,
``\\cssId``), loads extensions (``\\require``) and picks fonts (``\\unicode``). A
database's math with any of them is refused and shown as text; this test proves
it where it matters: MathJax, installed from the npm registry into ``.cache/``
and served with the site through ``mathjax_path``, typesets the page in Chromium,
and then no link, class, style or id from the data is in the DOM, and clicking
everything in the math runs nothing. A benign formula must be typeset, or MathJax
did not run and the test proves nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import Any

import pytest
from helpers import Built, dump_terms, project

from .termref_browser import REPO, serve

pytestmark = pytest.mark.browser

MATHJAX_CACHE = REPO / ".cache" / "mathjax3"
MATHJAX_ES5 = MATHJAX_CACHE / "node_modules" / "mathjax" / "es5"
NPM_OPTIONS = ("--no-save", "--no-audit", "--no-fund", "--loglevel=error")

#: Each active macro, written to leave a trace in the page if it ever works: a
#: script flag, a dialog, a class, an id, a style.
HOSTILE_MATH = {
    "href": r"\href{javascript:window.__pwned='href';void(0)}{clickme}",
    "href-alert": r"\href{javascript:alert('href')}{clickme}",
    "class": r"\class{pwnedclass}{x}",
    "style": r"\style{outline:7px solid rgb(1,2,3)}{y}",
    "cssId": r"\cssId{pwnedid}{z}",
    "require": r"\require{html}\class{pwnedrequire}{w}",
    "unicode": r"\unicode[pwnedfont]{x263a}",
}
BENIGN_MATH = r"x^2 + \frac{a}{b}"
TRACES = ("pwnedclass", "pwnedid", "pwnedrequire", "pwnedfont", "rgb(1, 2, 3)", "rgb(1,2,3)")


def _terms() -> list[dict[str, Any]]:
    terms: list[dict[str, Any]] = [
        {
            "id": "benign",
            "name": "Benign",
            "summary": f"Squares :math:`{BENIGN_MATH}` here.",
            "technical_definition": ".. math::\n\n   a^2 + b^2 = c^2\n",
        }
    ]
    for key, tex in HOSTILE_MATH.items():
        # Outside the role the TeX is text that only looks like math to MathJax;
        # reStructuredText needs each backslash doubled.
        escaped = tex.replace("\\", "\\\\")
        terms.append(
            {
                "id": f"m-{key.lower()}",
                "name": f"Math {key}",
                "summary": f"Inline :math:`{tex}` and text \\\\({escaped}\\\\).",
                "technical_definition": f".. math::\n\n   {tex}\n",
            }
        )
    return terms


PAGE = "Math\n====\n\n" + "".join(f".. term-card:: {t['id']}\n\n" for t in _terms())


def _install_mathjax() -> None:
    """MathJax 3 from the npm registry, once into ``.cache/`` (ignored by git)."""
    if (MATHJAX_ES5 / "tex-chtml.js").exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        message = "the MathJax browser test needs npm (apt-get install npm)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    MATHJAX_CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [npm, "install", "--prefix", str(MATHJAX_CACHE), *NPM_OPTIONS, "mathjax@3"],
        check=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def math_site(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Built:
    _install_mathjax()
    built = project(
        tmp_path_factory.mktemp("math"),
        dump_terms(_terms()),
        PAGE,
        conf_extra='mathjax_path = "mathjax/tex-chtml.js"\nsmartquotes = False\n',
    )
    shutil.copytree(MATHJAX_ES5, built.outdir / "_static" / "mathjax")
    return built


@pytest.fixture(scope="module")
def typeset(math_site: Built, browser: Any) -> Any:
    """The page, served on loopback, after MathJax has typeset it."""
    context = browser.new_context()
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    with serve(math_site.outdir) as root:
        page.goto(root + "index.html")
        page.wait_for_function(
            "() => window.MathJax && MathJax.startup && MathJax.startup.promise"
        )
        page.evaluate("() => MathJax.startup.promise")
        yield page
    context.close()


def test_each_hostile_formula_is_refused_with_a_warning(math_site: Built) -> None:
    warned = math_site.typed("termref.markup")
    for key in HOSTILE_MATH:
        mine = [w for w in warned if f"of term 'm-{key.lower()}' " in w.message]
        math = [w for w in mine if " math " in w.message]
        assert len(math) == 2, (key, mine)  # the inline math and the block


def test_mathjax_typesets_the_benign_math(typeset: Any) -> None:
    card = typeset.locator("#termref-benign")
    assert card.locator("mjx-container").count() == 2  # the inline formula and the block
    # Typeset, not left as TeX: the fraction is MathJax's own element.
    assert card.locator("mjx-container mjx-mfrac").count() == 1
    assert card.locator("mjx-container mjx-msup").count() >= 2


def test_nothing_else_is_typeset(typeset: Any) -> None:
    assert typeset.locator("mjx-container").count() == 2
    for key in HOSTILE_MATH:
        card = typeset.locator(f"#termref-m-{key.lower()}")
        assert card.locator("mjx-container").count() == 0, key
        assert "clickme" in card.inner_text() or key not in ("href", "href-alert")


def test_no_javascript_url_class_style_or_id_from_the_data(typeset: Any) -> None:
    found = typeset.evaluate(
        """(traces) => {
          const hits = [];
          for (const el of document.querySelectorAll("body *")) {
            for (const attr of el.attributes) {
              const value = attr.value.replace(/[\\s\\x00-\\x1f]/g, "").toLowerCase();
              if (value.includes("javascript:") || traces.some((t) => attr.value.includes(t)))
                hits.push(`${el.tagName} ${attr.name}=${attr.value}`);
            }
            const style = el.style && el.style.cssText;
            if (style && traces.some((t) => style.includes(t))) hits.push(`style ${style}`);
          }
          return hits;
        }""",
        list(TRACES),
    )
    assert found == []


def test_clicking_the_math_runs_nothing(typeset: Any) -> None:
    # Everything typeset, every formula, and every link in the cards.
    targets = typeset.locator("mjx-container, mjx-container a, .math, .termref-card a")
    assert targets.count() >= 4  # at least the benign formulas, typeset and not
    start = typeset.url
    for n in range(targets.count()):
        target = targets.nth(n)
        if not target.is_visible():
            continue
        target.click(no_wait_after=True)
        # Still this page (a javascript: link whose value is a string replaces it).
        assert typeset.locator("#termref-benign mjx-container").count() == 2
        clicked = target.evaluate("e => e.outerHTML")
        assert typeset.evaluate("() => window.__pwned") is None, clicked
        assert typeset.dialogs == []
        if typeset.url != start:  # a link to a card: back to the top, as loaded
            typeset.goto(start)
            typeset.evaluate("() => MathJax.startup.promise")
