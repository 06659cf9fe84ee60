/* sphinx-termref: preview cards for term links.
 *
 * The term stylesheet (_static/termref-terms.css) holds each shown term's texts as
 * CSS custom properties on the link's class, termref--<id>; pages carry none of
 * them. This script builds one hidden preview (div.termref-preview) per term the
 * page links to from those properties, and hangs it off <body>. Hovering or
 * focusing a link shows it next to the link; Escape, leaving the link and the
 * preview, or moving focus away closes it. On touch screens the first tap shows
 * the preview and a second tap follows the link. Without this script the links
 * still work, and termref.css shows the term's --termref-tip under a hovered or
 * focused link (it does so only while <html> lacks the class termref-js, which
 * this script adds first). A term whose properties are missing (the stylesheet
 * not loaded) gets no preview.
 */
(function () {
  "use strict";

  document.documentElement.classList.add("termref-js");

  var SHOW_DELAY = 120;
  var HIDE_DELAY = 250;
  var MARGIN = 8;
  var open = null; // {link, preview}
  var showTimer = 0;
  var hideTimer = 0;
  var press = null; // {link, touch, wasOpen}: the pointer press that the next click ends

  var previews = {}; // term id -> its preview, or null when the stylesheet has none

  function termOf(link) {
    var match = /(?:^|\s)termref--([a-z0-9-]+)(?:\s|$)/.exec(link.className);
    return match && match[1];
  }

  function previewOf(link) {
    var id = termOf(link);
    return (id && previews[id]) || null;
  }

  // A custom property's value, a CSS string token as the stylesheet wrote it: the
  // text between its quotes, with its escapes (\hex and \character) undone.
  function cssText(style, name) {
    var value = style.getPropertyValue(name).trim();
    var quote = value.charAt(0);
    if (value.length < 2 || (quote !== '"' && quote !== "'") || value.slice(-1) !== quote) {
      return "";
    }
    return value.slice(1, -1).replace(
      /\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\r\n|([\s\S]))/g,
      function (all, hex, character) {
        if (hex) {
          var code = parseInt(hex, 16);
          var valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
          return valid ? String.fromCodePoint(code) : "\ufffd";
        }
        // An escaped line break continues the string; any other character is itself.
        return character && !/[\n\r\f]/.test(character) ? character : "";
      }
    );
  }

  function paragraph(className, text) {
    var p = document.createElement("p");
    p.className = className;
    if (text) p.textContent = text;
    return p;
  }

  // The preview of the term, from the link's computed style; null without a name.
  function buildPreview(id, link, labels) {
    var style = getComputedStyle(link);
    var name = cssText(style, "--termref-name");
    if (!name) return null;
    var status = cssText(style, "--termref-status");
    var preview = document.createElement("div");
    preview.className =
      "termref-preview" + (status ? " termref-preview--" + status : "") +
      " mathjax_ignore tex2jax_ignore"; // database text is shown as text
    preview.id = "termref-preview-" + id;
    preview.setAttribute("role", "tooltip");
    preview.hidden = true;
    var category = cssText(style, "--termref-category");
    if (category) preview.appendChild(paragraph("termref-preview__category", category));
    var heading = paragraph("termref-preview__name", name);
    var abbreviation = cssText(style, "--termref-abbreviation");
    if (abbreviation) {
      var span = document.createElement("span");
      span.className = "termref-preview__abbreviation";
      span.textContent = "(" + abbreviation + ")";
      heading.appendChild(document.createTextNode(" "));
      heading.appendChild(span);
    }
    preview.appendChild(heading);
    if (status) {
      preview.appendChild(paragraph(
        "termref-preview__status termref-preview__status--" + status,
        cssText(labels, "--termref-label-" + status) || status.toUpperCase()
      ));
    }
    var summary = cssText(style, "--termref-summary");
    if (summary) preview.appendChild(paragraph("termref-preview__summary", summary));
    var aliases = cssText(style, "--termref-aliases");
    if (aliases) {
      preview.appendChild(paragraph(
        "termref-preview__aliases",
        (cssText(labels, "--termref-label-also") || "Also:") + " " + aliases.split("\n").join(", ")
      ));
    }
    var more = document.createElement("a");
    more.className = "termref-preview__more";
    more.href = link.getAttribute("href");
    more.textContent = cssText(labels, "--termref-label-more") || "Full definition";
    preview.appendChild(more);
    document.body.appendChild(preview);
    return preview;
  }

  // The colours of the text around the link. The preview hangs off <body>, outside
  // the theme's content area; termref.css falls back to these where the theme
  // has no colour variables of its own.
  function alpha(colour) {
    if (!colour || colour === "transparent") return 0;
    var match = /^rgba\(.*,\s*([\d.]+)\)$/.exec(colour) || /\/\s*([\d.]+%?)\s*\)$/.exec(colour);
    if (!match) return 1;
    return match[1].slice(-1) === "%" ? parseFloat(match[1]) / 100 : parseFloat(match[1]);
  }

  function pageColours(link, preview) {
    var text = link.parentElement || link;
    preview.style.setProperty("--termref-page-fg", getComputedStyle(text).color);
    for (var node = text; node; node = node.parentElement) {
      var colour = getComputedStyle(node).backgroundColor;
      if (alpha(colour) >= 1) {
        preview.style.setProperty("--termref-page-bg", colour);
        return;
      }
    }
    preview.style.removeProperty("--termref-page-bg");
  }

  function place(link, preview) {
    var viewWidth = document.documentElement.clientWidth;
    var viewHeight = document.documentElement.clientHeight || window.innerHeight;
    var rects = link.getClientRects();
    // A link broken over two lines: the preview goes under its first line.
    var box = rects.length ? rects[0] : link.getBoundingClientRect();
    var width = Math.min(preview.offsetWidth, viewWidth - 2 * MARGIN);
    var height = preview.offsetHeight;
    var left = Math.max(MARGIN, Math.min(box.left, viewWidth - width - MARGIN));
    var below = box.bottom + MARGIN;
    var above = box.top - MARGIN - height;
    var top;
    if (below + height <= viewHeight - MARGIN) top = below;
    else if (above >= MARGIN) top = above;
    else top = Math.max(MARGIN, Math.min(below, viewHeight - height - MARGIN));
    // Position in the viewport, whatever the preview's containing block is: set a
    // first guess, measure where it landed, and correct by the difference.
    preview.style.left = "0px";
    preview.style.top = "0px";
    var origin = preview.getBoundingClientRect();
    preview.style.left = left - origin.left + "px";
    preview.style.top = top - origin.top + "px";
  }

  function show(link) {
    clearTimeout(hideTimer);
    clearTimeout(showTimer);
    if (open && open.link === link) return;
    hide();
    var preview = previewOf(link);
    if (!preview) return;
    pageColours(link, preview);
    preview.hidden = false;
    preview.classList.add("termref-preview--open");
    place(link, preview);
    open = { link: link, preview: preview };
  }

  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (!open) return;
    open.preview.hidden = true;
    open.preview.classList.remove("termref-preview--open");
    open = null;
  }

  function hideSoon() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, HIDE_DELAY);
  }

  function within(node) {
    return !!(open && node && (open.link.contains(node) || open.preview.contains(node)));
  }

  function onPointerDown(event) {
    var link = event.currentTarget;
    press = {
      link: link,
      touch: event.pointerType === "touch" || event.pointerType === "pen",
      wasOpen: !!(open && open.link === link),
    };
  }

  function onMouseEnter(event) {
    var link = event.currentTarget;
    clearTimeout(hideTimer);
    clearTimeout(showTimer);
    if (open && open.link === link) return;
    showTimer = setTimeout(function () { show(link); }, SHOW_DELAY);
  }

  function onClick(event) {
    var link = event.currentTarget;
    // A click from Enter has no pointer press (detail 0), whatever came before.
    var tap = event.detail && press && press.link === link ? press : null;
    press = null;
    // First tap on a touch screen previews; the second follows the link.
    if (tap && tap.touch && !tap.wasOpen) {
      event.preventDefault();
      show(link);
    }
  }

  function setUp() {
    var links = document.querySelectorAll("a.termref[href]");
    var labels = getComputedStyle(document.documentElement);
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var id = termOf(link);
      if (!id) continue;
      if (!(id in previews)) {
        var preview = (previews[id] = buildPreview(id, link, labels));
        if (!preview) continue;
        preview.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
        preview.addEventListener("mouseleave", hideSoon);
        preview.addEventListener("focusout", function (event) {
          if (!within(event.relatedTarget)) hideSoon();
        });
      }
      if (!previews[id]) continue;
      link.setAttribute("aria-describedby", previews[id].id);
      // The preview says what a title says; two tooltips at once would collide.
      if (link.hasAttribute("title")) {
        link.setAttribute("data-termref-title", link.getAttribute("title"));
        link.removeAttribute("title");
      }
      link.addEventListener("pointerdown", onPointerDown);
      link.addEventListener("mouseenter", onMouseEnter);
      link.addEventListener("mouseleave", hideSoon);
      link.addEventListener("focus", function (event) { show(event.currentTarget); });
      link.addEventListener("blur", function (event) {
        if (!within(event.relatedTarget)) hideSoon();
      });
      link.addEventListener("click", onClick);
    }
    document.addEventListener("keydown", function (event) {
      if ((event.key === "Escape" || event.key === "Esc") && open) {
        var link = open.link;
        var focusInside = open.preview.contains(document.activeElement);
        hide();
        if (focusInside) link.focus({ preventScroll: true });
        // Focusing the link again would reopen the preview.
        hide();
      }
    });
    document.addEventListener("pointerdown", function (event) {
      if (open && !within(event.target)) hide();
    });
    window.addEventListener("resize", function () {
      if (open) place(open.link, open.preview);
    });
    // The preview scrolls with the page, but not with a scrolling container.
    document.addEventListener("scroll", function (event) {
      if (open && event.target !== document) place(open.link, open.preview);
    }, true);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
