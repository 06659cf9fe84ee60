/* sphinx-termref: preview cards for term links.
 *
 * Each page carries a hidden preview (div.termref-preview) per term it links to.
 * Hovering or focusing a link shows it next to the link; Escape, leaving the link
 * and the preview, or moving focus away closes it. On touch screens the first tap
 * shows the preview and a second tap follows the link. Without this script the
 * links still work and their title says what the term means.
 */
(function () {
  "use strict";

  var SHOW_DELAY = 120;
  var HIDE_DELAY = 250;
  var MARGIN = 8;
  var open = null; // {link, preview}
  var showTimer = 0;
  var hideTimer = 0;
  var press = null; // {link, touch, wasOpen}: the pointer press that the next click ends

  function previewOf(link) {
    var match = /(?:^|\s)termref--([a-z0-9-]+)(?:\s|$)/.exec(link.className);
    return match && document.getElementById("termref-preview-" + match[1]);
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
    var links = document.querySelectorAll("a.termref");
    var moved = {};
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var preview = previewOf(link);
      if (!preview) continue;
      if (!moved[preview.id]) {
        moved[preview.id] = true;
        if (preview.parentNode !== document.body) document.body.appendChild(preview);
        preview.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
        preview.addEventListener("mouseleave", hideSoon);
        preview.addEventListener("focusout", function (event) {
          if (!within(event.relatedTarget)) hideSoon();
        });
      }
      link.setAttribute("aria-describedby", preview.id);
      // The preview says what the title said; two tooltips at once would collide.
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
