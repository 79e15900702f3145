/* Accessibility fix-up for markup the theme's JavaScript creates: each code block gets a
   <nav class="md-code__nav"> (copy button) with no name, and several unnamed navigation landmarks
   on one page break axe's landmark-unique rule. Name each one after its position. */
(function () {
  "use strict";
  var observer = null;
  function label() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-code__nav"), function (nav, i) {
      var name = "Code block " + (i + 1) + " actions";
      if (nav.getAttribute("aria-label") !== name) nav.setAttribute("aria-label", name);
    });
  }
  function watch() {
    label();
    // The theme adds the navs after rendering (and again after instant navigation).
    if (!observer) {
      observer = new MutationObserver(label);
      observer.observe(document.body, { childList: true, subtree: true });
    }
  }
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(watch);
  } else {
    document.addEventListener("DOMContentLoaded", watch);
  }
})();
