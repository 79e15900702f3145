/* Accessibility fix-ups:
   - The theme gives each code block a <nav class="md-code__nav"> (copy button) with no name, and
     several unnamed navigation landmarks on one page break axe's landmark-unique rule. Name each
     one after its position.
   - Display maths wider than the screen scrolls sideways (extra.css); like the theme does for
     code, make such a formula focusable so keyboard users can scroll it (WCAG 2.1.1). */
(function () {
  "use strict";
  var observer = null;
  function label() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-code__nav"), function (nav, i) {
      var name = "Code block " + (i + 1) + " actions";
      if (nav.getAttribute("aria-label") !== name) nav.setAttribute("aria-label", name);
    });
  }
  function focusableMaths() {
    Array.prototype.forEach.call(document.querySelectorAll(".katex-display"), function (el) {
      var scrolls = el.scrollWidth > el.clientWidth;
      if (scrolls && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "group");
        el.setAttribute("aria-label", "Formula (scrolls sideways)");
      } else if (!scrolls && el.getAttribute("tabindex") === "0") {
        el.removeAttribute("tabindex");
        el.removeAttribute("role");
        el.removeAttribute("aria-label");
      }
    });
  }
  function watch() {
    label();
    focusableMaths();
    window.addEventListener("resize", focusableMaths);
    // The theme adds the navs after rendering (and again after instant navigation).
    if (!observer) {
      observer = new MutationObserver(label);
      observer.observe(document.body, { childList: true, subtree: true });
    }
  }
  // On every page load, and after instant navigation (document$, which never fires from file://).
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(watch);
  }
})();
