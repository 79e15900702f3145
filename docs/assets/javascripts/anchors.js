/* Stable links.
 *
 * 1. Renamed anchors: a page whose headings were renamed carries its old -> new id map in its
 *    head (<script type="application/json" id="anchor-renames">, written by hooks/anchors.py
 *    from anchors/renamed.yml). When the address names an old id the page no longer has, replace it
 *    with the new one (history.replaceState) and scroll there. Runs on load, on hashchange and
 *    after the theme's instant navigation (document$, which never fires from file://).
 * 2. Copy link: a click on a heading's permalink (a.headerlink) also copies the full URL with its
 *    anchor and says "Link copied" in a live region; the theme still moves to the anchor.
 * No request is made, so both work from file:// and when served. No dependencies.
 */
(function () {
  "use strict";

  // -- Renamed anchors -------------------------------------------------------------------------
  function renames() {
    var holder = document.getElementById("anchor-renames");
    if (!holder) return null;
    try {
      var map = JSON.parse(holder.textContent);
      return map && typeof map === "object" && !Array.isArray(map) ? map : null;
    } catch (e) {
      return null;
    }
  }

  function currentId() {
    var hash = window.location.hash.slice(1);
    try {
      return decodeURIComponent(hash);
    } catch (e) {
      return hash;
    }
  }

  function withoutHash() {
    return window.location.href.split("#")[0];
  }

  function followRename() {
    var id = currentId();
    if (!id || document.getElementById(id)) return;
    var map = renames();
    if (!map || !Object.prototype.hasOwnProperty.call(map, id)) return;
    var newId = String(map[id]);
    var target = document.getElementById(newId);
    if (!target) return;
    var url = withoutHash() + "#" + encodeURIComponent(newId);
    try {
      window.history.replaceState(window.history.state, "", url);
    } catch (e) {
      window.location.replace(url); // a fragment change: no reload, the browser scrolls
      return;
    }
    target.scrollIntoView();
    // The theme may still be settling the page after instant navigation: scroll once more.
    window.requestAnimationFrame(function () { target.scrollIntoView(); });
  }

  // -- Copy link -------------------------------------------------------------------------------
  var STATUS_ID = "anchor-copy-status";
  var clearTimer = null;

  function statusRegion() {
    var region = document.getElementById(STATUS_ID);
    if (!region) {
      region = document.createElement("div");
      region.id = STATUS_ID;
      region.className = "anchor-copy-status";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      // In <body>, outside the theme's container, which its instant navigation replaces (also
      // when a permalink is followed). A status region counts as a landmark for axe.
      document.body.appendChild(region);
    }
    return region;
  }

  function announce(text) {
    var region = statusRegion();
    region.textContent = "";
    window.clearTimeout(clearTimer);
    // A short pause between emptying and filling makes screen readers announce a repeat.
    window.setTimeout(function () {
      region.textContent = text;
      clearTimer = window.setTimeout(function () { region.textContent = ""; }, 2500);
    }, 50);
  }

  function copyWithTextarea(text) {
    var active = document.activeElement;
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.setAttribute("aria-hidden", "true");
    area.tabIndex = -1;
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (e) {
      copied = false;
    }
    document.body.removeChild(area);
    if (active && active.focus) active.focus();
    return copied;
  }

  function copy(text) {
    function fallback() {
      announce(copyWithTextarea(text) ? "Link copied" : "Could not copy the link");
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { announce("Link copied"); }, fallback);
    } else {
      fallback();
    }
  }

  function onClick(event) {
    var link = event.target && event.target.closest ? event.target.closest("a.headerlink") : null;
    // The theme's instant navigation makes every href absolute: compare the resolved URL.
    if (!link || link.hash.length < 2 || link.href.split("#")[0] !== withoutHash()) return;
    copy(withoutHash() + link.hash); // no preventDefault: the theme still moves to the anchor
  }

  // -- Start -----------------------------------------------------------------------------------
  var listening = false;
  function start() {
    followRename();
    statusRegion();
    if (!listening) {
      listening = true;
      window.addEventListener("hashchange", followRename);
      document.addEventListener("click", onClick);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(start);
  }
})();
