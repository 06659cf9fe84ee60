"""Previews of term links in a real browser: hover, focus, Escape, touch, edges, links.

termref.js builds each preview from the term stylesheet (termref-terms.css); without
JavaScript, termref.css shows the stylesheet's tooltip under the link.

Pages are opened as local files (file://), as a reader opens a downloaded copy of
the docs; the dirhtml site, whose links end in a directory, is served on loopback.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from .termref_browser import EXAMPLE_DOCS, OVERFLOW_JS, RECT_JS, Sites, open_preview, serve, url

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

MARGIN = 8  # termref.js keeps the preview this far from the viewport's edges


def term(term_id: str) -> dict[str, Any]:
    """A term of the example database, as written in its YAML file."""
    for path in sorted((EXAMPLE_DOCS / "terms").glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["terms"]:
            if entry["id"] == term_id:
                return dict(entry)
    raise LookupError(term_id)


def rect(locator: Any) -> dict[str, float]:
    return dict(locator.evaluate(RECT_JS))


def assert_inside_viewport(box: dict[str, float]) -> None:
    assert box["width"] > 0 and box["height"] > 0, box
    assert box["left"] >= MARGIN - 1 and box["top"] >= MARGIN - 1, box
    assert box["right"] <= box["viewWidth"] - MARGIN + 1, box
    assert box["bottom"] <= box["viewHeight"] - MARGIN + 1, box


def first_line(link: Any) -> dict[str, float]:
    """The rectangle of the link's first line (a link may wrap onto two)."""
    return dict(link.evaluate("(a) => a.getClientRects()[0].toJSON()"))


def assert_next_to(preview: Any, link: Any) -> None:
    """The preview hangs just below or just above the link's first line."""
    p, line = rect(preview), first_line(link)
    below = 0 <= p["top"] - line["bottom"] <= 2 * MARGIN
    above = 0 <= line["top"] - p["bottom"] <= 2 * MARGIN
    assert below or above, (p, line)


def no_js_errors(page: Any) -> None:
    assert page.js_errors == []


#: The content of a link's ::after box: the tooltip termref.css shows without JS.
AFTER_JS = "(a) => getComputedStyle(a, '::after').content"


def test_hover_shows_the_preview(page: Any, example_site: Path) -> None:
    base = term("base-optimizer")
    page.goto(url(example_site, "risks.html"))
    link = page.locator("a.termref--base-optimizer").first
    # The page has no title and no preview: termref.js made the preview of the
    # stylesheet, and the preview describes the link.
    assert link.get_attribute("title") is None
    assert link.get_attribute("aria-describedby") == "termref-preview-base-optimizer"
    preview = page.locator("#termref-preview-base-optimizer")
    assert preview.is_hidden()

    link.hover()
    preview.wait_for(state="visible")
    assert open_preview(page).count() == 1
    assert link.evaluate(AFTER_JS) == "none"  # the CSS tooltip gives way to the preview
    assert preview.get_attribute("role") == "tooltip"
    assert preview.locator(".termref-preview__name").inner_text() == base["name"]
    assert preview.locator(".termref-preview__category").inner_text().lower() == (
        base["category"].lower()
    )
    summary = preview.locator(".termref-preview__summary").inner_text()
    assert summary == " ".join(base["summary"].split())
    aliases = preview.locator(".termref-preview__aliases").inner_text()
    assert all(alias in aliases for alias in base["aliases"])
    more = preview.locator("a.termref-preview__more")
    assert more.inner_text().startswith("Full definition")
    assert more.get_attribute("href") == link.get_attribute("href")
    assert_inside_viewport(rect(preview))
    assert_next_to(preview, link)

    # The pointer may travel from the link into the preview without closing it ...
    preview.hover()
    page.wait_for_timeout(400)
    assert preview.is_visible()
    # ... and leaving both closes it.
    page.mouse.move(1, 1)
    preview.wait_for(state="hidden")
    assert open_preview(page).count() == 0
    no_js_errors(page)


def test_leaving_the_link_closes_the_preview(page: Any, example_site: Path) -> None:
    page.goto(url(example_site, "risks.html"))
    link = page.locator("a.termref--learned-optimizer, a.termref--mesa-optimization").nth(1)
    link.hover()
    open_preview(page).wait_for(state="visible")
    box = link.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] - 60)  # up, away from the preview
    open_preview(page).wait_for(state="hidden")


def test_following_the_full_definition_link(page: Any, example_site: Path) -> None:
    page.goto(url(example_site, "risks.html"))
    page.locator("a.termref--base-optimizer").first.hover()
    more = open_preview(page).locator("a.termref-preview__more")
    more.click()
    page.wait_for_url(re.compile(r"/glossary\.html#termref-base-optimizer$"))
    assert page.locator("#termref-base-optimizer").is_visible()


def test_focus_shows_escape_and_blur_close(page: Any, example_site: Path) -> None:
    page.goto(url(example_site, "risks.html"))
    first = page.locator("a.termref").first
    preview_id = first.get_attribute("aria-describedby")
    preview = page.locator(f"#{preview_id}")

    # Reach the link with the keyboard: Tab through the page until it has focus.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('termref')"):
            break
    else:
        pytest.fail("Tab never reached a term link")
    focused = page.evaluate("() => document.activeElement.getAttribute('aria-describedby')")
    preview = page.locator(f"#{focused}")
    preview.wait_for(state="visible")
    assert_inside_viewport(rect(preview))

    # The preview is what assistive technology reads as the link's description.
    description = page.evaluate(
        "() => document.getElementById(document.activeElement.getAttribute('aria-describedby'))"
        ".textContent"
    )
    assert preview.locator(".termref-preview__name").inner_text() in description

    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")
    assert page.evaluate("() => document.activeElement.classList.contains('termref')")

    # Focus again, then Tab on to the next link: the preview goes with the focus.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    preview.wait_for(state="visible")
    page.keyboard.press("Tab")
    preview.wait_for(state="hidden")
    no_js_errors(page)


def test_escape_from_inside_the_preview_returns_to_the_link(page: Any, example_site: Path) -> None:
    page.goto(url(example_site, "risks.html"))
    link = page.locator("a.termref--base-optimizer").first
    link.hover()
    preview = page.locator("#termref-preview-base-optimizer")
    preview.wait_for(state="visible")
    preview.locator("a").focus()
    page.wait_for_timeout(300)
    assert preview.is_visible()
    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")
    focused = page.evaluate("() => document.activeElement.className")
    assert "termref--base-optimizer" in focused


def test_touch_first_tap_previews_second_follows(new_page: Any, example_site: Path) -> None:
    page = new_page(has_touch=True, viewport={"width": 390, "height": 844})
    start = url(example_site, "risks.html")
    page.goto(start)
    link = page.locator("a.termref--base-optimizer").first
    link.scroll_into_view_if_needed()

    link.tap()
    preview = page.locator("#termref-preview-base-optimizer")
    preview.wait_for(state="visible")
    page.wait_for_timeout(500)
    assert page.url == start  # the first tap did not follow the link
    assert_inside_viewport(rect(preview))

    # A tap elsewhere closes it; the next tap on the link previews again.
    page.locator("div.body h1").tap()
    preview.wait_for(state="hidden")
    link.tap()
    preview.wait_for(state="visible")
    page.wait_for_timeout(300)
    assert page.url == start

    link.tap()
    page.wait_for_url(re.compile(r"/glossary\.html#termref-base-optimizer$"))
    no_js_errors(page)


def test_touch_tap_on_the_preview_link_follows_it(new_page: Any, example_site: Path) -> None:
    page = new_page(has_touch=True, viewport={"width": 390, "height": 844})
    page.goto(url(example_site, "risks.html"))
    page.locator("a.termref--base-optimizer").first.tap()
    more = open_preview(page).locator("a.termref-preview__more")
    more.wait_for(state="visible")
    more.tap()
    page.wait_for_url(re.compile(r"/glossary\.html#termref-base-optimizer$"))


@pytest.mark.parametrize("size", [(1280, 800), (700, 500), (375, 640)])
def test_preview_stays_inside_the_viewport_near_edges(
    new_page: Any, example_site: Path, size: tuple[int, int]
) -> None:
    width, height = size
    page = new_page(viewport={"width": width, "height": height})
    page.goto(url(example_site, "risks.html"))
    links = page.locator("a.termref")
    # The rightmost link of the page, scrolled to the bottom edge, then to the top.
    index = links.evaluate_all(
        "(links) => { let best = 0; links.forEach((a, i) => {"
        " if (a.getBoundingClientRect().right > links[best].getBoundingClientRect().right)"
        " best = i; }); return best; }"
    )
    link = links.nth(index)
    # Room to scroll any link to either edge of the viewport.
    page.evaluate("() => { document.body.style.padding = '100vh 0'; }")
    overflow = page.evaluate(OVERFLOW_JS)
    for block in ("end", "start"):
        link.evaluate(f"(a) => {{ a.blur(); a.scrollIntoView({{block: '{block}'}}); }}")
        link.focus()
        preview = open_preview(page)
        preview.wait_for(state="visible")
        box = rect(preview)
        assert_inside_viewport(box)
        assert_next_to(preview, link)
        if block == "end":
            assert box["bottom"] <= first_line(link)["top"], "no room below: it goes above"
        else:
            assert box["top"] >= first_line(link)["bottom"], "room below: it goes below"
        assert page.evaluate(OVERFLOW_JS) <= overflow, "the preview widened the page"
        page.keyboard.press("Escape")
        preview.wait_for(state="hidden")


def test_the_preview_follows_the_link_when_the_page_scrolls(page: Any, example_site: Path) -> None:
    page.goto(url(example_site, "risks.html"))
    link = page.locator("a.termref--base-optimizer").first
    link.focus()
    preview = open_preview(page)
    preview.wait_for(state="visible")
    before = rect(preview)["top"] - rect(link)["bottom"]
    page.mouse.wheel(0, 120)
    page.wait_for_timeout(200)
    assert abs(rect(preview)["top"] - rect(link)["bottom"] - before) < 1


@pytest.mark.parametrize(
    ("page_path", "term_id"),
    [("guide/deep/page.html", "inner-alignment"), ("guide/index.html", "mesa-objective")],
)
def test_full_definition_from_a_nested_page(
    page: Any, sites: Sites, page_path: str, term_id: str
) -> None:
    site = sites.get("nested-html")
    page.goto(url(site, page_path))
    page.locator(f"a.termref--{term_id}").first.hover()
    more = open_preview(page).locator("a.termref-preview__more")
    more.click()
    page.wait_for_url((site / "glossary.html").resolve().as_uri() + f"#termref-{term_id}")
    assert page.locator(f"#termref-{term_id}").is_visible()
    no_js_errors(page)


def test_full_definition_with_dirhtml(page: Any, sites: Sites) -> None:
    site = sites.get("nested-dirhtml")
    with serve(site) as root:
        page.goto(root + "guide/deep/page/")
        page.locator("a.termref--inner-alignment").first.hover()
        more = open_preview(page).locator("a.termref-preview__more")
        assert more.get_attribute("href") == "../../../glossary/#termref-inner-alignment"
        more.click()
        page.wait_for_url(root + "glossary/#termref-inner-alignment")
        assert page.locator("#termref-inner-alignment").is_visible()
        no_js_errors(page)


def test_local_files_only_and_no_jquery(page: Any, example_site: Path) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url(example_site, "risks.html"))
    page.locator("a.termref").first.hover()
    open_preview(page).wait_for(state="visible")
    assert requests and all(request.startswith("file://") for request in requests), requests
    assert page.evaluate("() => typeof window.jQuery") == "undefined"
    no_js_errors(page)


def test_previews_off(page: Any, sites: Sites) -> None:
    site = sites.get("previews-off")
    page.goto(url(site, "risks.html"))
    assert page.locator(".termref-preview").count() == 0
    assert page.locator("script[src$='termref.js']").count() == 0
    link = page.locator("a.termref--base-optimizer").first
    assert link.get_attribute("title") is None
    assert link.get_attribute("aria-describedby") is None
    link.hover()
    page.wait_for_timeout(400)
    assert page.locator(".termref-preview").count() == 0
    # The stylesheet's tooltip, with an empty alternative text (not read out).
    assert re.fullmatch(
        r'"Base Optimizer: The training process[^"]*" / ""', link.evaluate(AFTER_JS)
    )


def test_without_javascript(new_page: Any, example_site: Path) -> None:
    page = new_page(java_script_enabled=False)
    page.goto(url(example_site, "risks.html"))
    link = page.locator("a.termref--base-optimizer").first
    assert link.get_attribute("title") is None
    assert page.locator(".termref-preview").count() == 0
    assert link.evaluate(AFTER_JS) == "none"  # nothing until hovered or focused
    tip = re.compile(r'"Base Optimizer: The training process[^"]*" / ""')
    link.hover()
    assert tip.fullmatch(link.evaluate(AFTER_JS))
    box = link.evaluate(
        "(a) => { const s = getComputedStyle(a, '::after');"
        " return [s.position, s.display, s.whiteSpace, s.maxWidth]; }"
    )
    assert box[0] == "absolute" and box[1] != "none" and box[2] == "normal", box
    page.mouse.move(0, 0)
    assert link.evaluate(AFTER_JS) == "none"
    # Keyboard focus shows it too.
    page.keyboard.press("Tab")
    for _ in range(200):
        if page.evaluate("() => document.activeElement.matches('a.termref--base-optimizer')"):
            break
        page.keyboard.press("Tab")
    focused = page.locator("a.termref--base-optimizer:focus")
    assert tip.fullmatch(focused.evaluate(AFTER_JS))
    link.click()
    page.wait_for_url(re.compile(r"/glossary\.html#termref-base-optimizer$"))
    assert page.locator("#termref-base-optimizer").is_visible()


def test_the_card_is_a_labelled_region_with_headings(page: Any, example_site: Path) -> None:
    page.goto(url(example_site, "glossary.html"))
    card = page.get_by_role("region", name="Mesa-Optimization", exact=True)
    expect(card).to_have_id("termref-mesa-optimization")
    name = card.get_by_role("heading", name="Mesa-Optimization")
    expect(name).to_have_count(1)
    level = int(name.evaluate("(h) => h.tagName.slice(1)"))
    for label in ("TECHNICAL DEFINITION", "BACKGROUND", "SYNONYMS & ALIASES", "SEE ALSO"):
        heading = card.get_by_role("heading", name=label, exact=True)
        expect(heading).to_have_count(1)
        assert int(heading.evaluate("(h) => h.tagName.slice(1)")) == level + 1


def test_the_preview_is_the_links_accessible_description(page: Any, example_site: Path) -> None:
    page.goto(url(example_site, "risks.html"))
    link = page.locator("a.termref--base-optimizer").first
    # Announced with the link, whether or not the preview is on show.
    expect(link).to_have_accessible_name("base optimizer")
    # The arrow after "Full definition" is decoration, not read out.
    description = re.compile(r"Base Optimizer The training process[^\u2192]*Full definition\s*$")
    expect(link).to_have_accessible_description(description)
    link.focus()
    expect(page.locator("#termref-preview-base-optimizer")).to_be_visible()
    expect(link).to_have_accessible_description(re.compile(r"Base Optimizer"))


def test_enter_follows_a_focused_link_even_after_a_tap(new_page: Any, example_site: Path) -> None:
    page = new_page(has_touch=True)
    page.goto(url(example_site, "risks.html"))
    link = page.locator("a.termref--base-optimizer").first
    link.tap()  # previews only
    page.locator("#termref-preview-base-optimizer").wait_for(state="visible")
    page.keyboard.press("Escape")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/glossary\.html#termref-base-optimizer$"))


def test_an_auto_linked_mention_previews_like_a_reference(page: Any, example_site: Path) -> None:
    """The prose page turns auto-linking on: its first mention of a term is a link
    with the preview, on hover and on keyboard focus."""
    page.goto(url(example_site, "reading.html"))
    link = page.locator("a.termref--base-optimizer:has(.termref-auto)")
    assert link.count() == 1  # the first mention only
    assert link.inner_text() == "base optimizer"
    assert link.get_attribute("aria-describedby") == "termref-preview-base-optimizer"
    preview = page.locator("#termref-preview-base-optimizer")
    assert preview.is_hidden()
    link.hover()
    preview.wait_for(state="visible")
    assert preview.locator(".termref-preview__name").inner_text() == term("base-optimizer")["name"]
    assert_next_to(preview, link)
    page.mouse.move(0, 0)
    preview.wait_for(state="hidden")

    link.focus()
    preview.wait_for(state="visible")
    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")
    no_js_errors(page)


def test_previews_are_made_of_the_term_stylesheet(page: Any, example_site: Path) -> None:
    """The preview of a deprecated term, with its status line, and of a draft, as
    termref.js builds them from the stylesheet's properties."""
    page.goto(url(example_site, "vocabulary-status.html"))
    for term_id, label in (("optimization-daemon", "DEPRECATED"), ("gradient-hacking", "DRAFT")):
        entry = term(term_id)
        link = page.locator(f"div.body a.termref--{term_id}").first
        link.focus()
        preview = page.locator(f"#termref-preview-{term_id}")
        expect(preview).to_be_visible()
        status = entry["status"]
        assert f"termref-preview--{status}" in preview.get_attribute("class").split()
        assert preview.locator(".termref-preview__name").inner_text() == entry["name"]
        expect(preview.locator(f".termref-preview__status--{status}")).to_have_text(label)
        summary = preview.locator(".termref-preview__summary").inner_text()
        assert summary == " ".join(entry["summary"].split())
        assert preview.locator(".termref-preview__more").get_attribute("href") == (
            link.get_attribute("href")
        )
        page.keyboard.press("Escape")
        expect(preview).to_be_hidden()
    # Aliases, on one line, in the database's order.
    base = term("ai-alignment")
    page.goto(url(example_site, "risks.html"))
    link = page.locator("a.termref--ai-alignment").first
    link.focus()
    preview = page.locator("#termref-preview-ai-alignment")
    expect(preview).to_be_visible()
    aliases = preview.locator(".termref-preview__aliases").inner_text()
    assert aliases == "Also: " + ", ".join(base["aliases"])
    no_js_errors(page)


def test_a_page_without_the_term_stylesheet_has_no_previews(
    page: Any, example_site: Path, tmp_path: Path
) -> None:
    """Without the stylesheet's properties there is no preview, and nothing breaks."""
    site = tmp_path / "site"
    shutil.copytree(example_site, site)
    (site / "_static" / "termref-terms.css").unlink()
    page.goto(url(site, "risks.html"))
    link = page.locator("a.termref--base-optimizer").first
    link.hover()
    page.wait_for_timeout(400)
    assert page.locator(".termref-preview").count() == 0
    assert link.get_attribute("aria-describedby") is None
    no_js_errors(page)
