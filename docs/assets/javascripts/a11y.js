/* Accessibility fix-ups:
   - The theme gives each code block a <nav class="md-code__nav"> (copy button) with no name, and
     several unnamed navigation landmarks on one page break axe's landmark-unique rule. Name each
     one after its position.
   - Display maths wider than the screen scrolls sideways (extra.css), and so do the code cells
     and outputs of the lab notebooks; like the theme does for its code blocks, make each one that
     scrolls focusable so keyboard users can scroll it (WCAG 2.1.1). */
(function () {
  "use strict";
  var observer = null;
  function label() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-code__nav"), function (nav, i) {
      var name = "Code block " + (i + 1) + " actions";
      if (nav.getAttribute("aria-label") !== name) nav.setAttribute("aria-label", name);
    });
  }
  var SCROLLERS = [
    [".katex-display", "Formula (scrolls sideways)"],
    [".jupyter-wrapper .highlight-ipynb", "Code (scrolls sideways)"],
    [".jupyter-wrapper .jp-OutputArea-output pre", "Output (scrolls sideways)"],
  ];
  function focusableScrollers() {
    SCROLLERS.forEach(function (pair) {
      Array.prototype.forEach.call(document.querySelectorAll(pair[0]), function (el) {
        focusableIfScrolling(el, pair[1]);
      });
    });
  }
  function focusableIfScrolling(el, name) {
    var scrolls = el.scrollWidth > el.clientWidth;
    if (scrolls && !el.hasAttribute("tabindex")) {
      el.setAttribute("tabindex", "0");
      el.setAttribute("role", "group");
      el.setAttribute("aria-label", name);
    } else if (!scrolls && el.getAttribute("tabindex") === "0") {
      el.removeAttribute("tabindex");
      el.removeAttribute("role");
      el.removeAttribute("aria-label");
    }
  }
  function watch() {
    label();
    focusableScrollers();
    window.addEventListener("resize", focusableScrollers);
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
