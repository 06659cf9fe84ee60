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

  function previewOf(link) {
    var match = /(?:^|\s)termref--([a-z0-9-]+)(?:\s|$)/.exec(link.className);
    return match && document.getElementById("termref-preview-" + match[1]);
  }

  function place(link, preview) {
    var box = link.getBoundingClientRect();
    var width = Math.min(preview.offsetWidth, document.documentElement.clientWidth - 2 * MARGIN);
    var left = Math.min(
      Math.max(box.left, MARGIN),
      document.documentElement.clientWidth - width - MARGIN
    );
    var below = box.bottom + MARGIN;
    var fitsBelow = below + preview.offsetHeight <= window.innerHeight - MARGIN;
    var top = fitsBelow || box.top - MARGIN - preview.offsetHeight < MARGIN
      ? below
      : box.top - MARGIN - preview.offsetHeight;
    preview.style.left = left + window.scrollX + "px";
    preview.style.top = top + window.scrollY + "px";
  }

  function show(link) {
    clearTimeout(hideTimer);
    if (open && open.link === link) return;
    hide();
    var preview = previewOf(link);
    if (!preview) return;
    preview.hidden = false;
    preview.classList.add("termref-preview--open");
    place(link, preview);
    open = { link: link, preview: preview };
  }

  function hide() {
    clearTimeout(showTimer);
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
    return open && (open.link.contains(node) || open.preview.contains(node));
  }

  function setUp() {
    var links = document.querySelectorAll("a.termref");
    var lastPointer = "mouse";
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var preview = previewOf(link);
      if (!preview) continue;
      if (preview.parentNode !== document.body) document.body.appendChild(preview);
      link.setAttribute("aria-describedby", preview.id);
      // The preview says what the title said; two tooltips at once would collide.
      link.setAttribute("data-termref-title", link.getAttribute("title") || "");
      link.removeAttribute("title");
      link.addEventListener("pointerdown", function (event) {
        lastPointer = event.pointerType;
      });
      link.addEventListener("mouseenter", function (event) {
        var target = event.currentTarget;
        clearTimeout(hideTimer);
        clearTimeout(showTimer);
        showTimer = setTimeout(function () { show(target); }, SHOW_DELAY);
      });
      link.addEventListener("mouseleave", hideSoon);
      link.addEventListener("focus", function (event) { show(event.currentTarget); });
      link.addEventListener("blur", function (event) {
        if (!within(event.relatedTarget)) hideSoon();
      });
      link.addEventListener("click", function (event) {
        // First tap on a touch screen previews; the second follows the link.
        if (lastPointer === "touch" && !(open && open.link === event.currentTarget)) {
          event.preventDefault();
          show(event.currentTarget);
        }
      });
      preview.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
      preview.addEventListener("mouseleave", hideSoon);
      preview.addEventListener("focusout", function (event) {
        if (!within(event.relatedTarget)) hideSoon();
      });
    }
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && open) {
        var link = open.link;
        hide();
        if (document.activeElement && open === null && within(document.activeElement)) link.focus();
      }
    });
    document.addEventListener("pointerdown", function (event) {
      if (open && !within(event.target)) hide();
    });
    window.addEventListener("resize", function () { if (open) place(open.link, open.preview); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
