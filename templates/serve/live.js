// kb serve's live reload, added to served pages only (never to kb build's
// output). It listens to /_kb/events: a "gen" message on connect names the
// server's build, and a page built by another reloads; a "reload" message
// reloads the page, keeping its scroll position, or swaps the stylesheets
// when only they changed. It also links the findings panel to the body.
(function () {
  "use strict";

  var scrollKey = "kb-preview-scroll:" + location.pathname;

  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute("content") : "";
  }
  var page = { gen: meta("kb-gen"), server: meta("kb-server") };

  function reload() {
    try {
      sessionStorage.setItem(scrollKey, String(window.scrollY));
    } catch (e) { /* storage refused: reload without the scroll */ }
    location.reload();
  }

  function restoreScroll() {
    var y = null;
    try {
      y = sessionStorage.getItem(scrollKey);
      sessionStorage.removeItem(scrollKey);
    } catch (e) { /* storage refused */ }
    if (y !== null && isFinite(+y)) window.scrollTo(0, +y);
  }

  // swapStyles loads each stylesheet again under a new query and drops the
  // old link once the new one has loaded, so the page never shows unstyled.
  function swapStyles() {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (old) {
      var url = new URL(old.href, location.href);
      url.searchParams.set("kb-reload", String(Date.now()));
      var fresh = old.cloneNode(false);
      fresh.href = url.href;
      fresh.onload = fresh.onerror = function () { old.remove(); };
      old.after(fresh);
    });
  }

  function listen() {
    if (!window.EventSource) return;
    var events = new EventSource("/_kb/events");
    events.addEventListener("gen", function (e) {
      var d = JSON.parse(e.data);
      if (String(d.gen) !== page.gen || d.server !== page.server) reload();
    });
    events.addEventListener("reload", function (e) {
      var d = JSON.parse(e.data);
      if (d.css) {
        page.gen = String(d.gen);
        swapStyles();
      } else {
        reload();
      }
    });
    // EventSource reconnects by itself when the server comes back.
  }

  // lineTargets returns the body's elements that carry a source line,
  // outside the preview's own markup, with their lines.
  function lineTargets() {
    var out = [];
    var els = document.querySelectorAll("[data-kb-line]");
    Array.prototype.forEach.call(els, function (el) {
      var n = parseInt(el.getAttribute("data-kb-line"), 10);
      if (!isNaN(n) && !el.closest(".kb-preview")) out.push({ el: el, line: n });
    });
    return out;
  }

  // targetOf returns the element with the largest line at or before line;
  // of several, the last in document order (the innermost).
  function targetOf(targets, line) {
    var best = null;
    targets.forEach(function (t) {
      if (t.line <= line && (best === null || t.line >= best.line)) best = t;
    });
    return best && best.el;
  }

  var rank = { error: 0, warning: 1, info: 2 };

  function severityOf(item) {
    var s = "info";
    ["error", "warning", "info"].some(function (name) {
      if (item.classList.contains("kb-preview-sev-" + name)) { s = name; return true; }
      return false;
    });
    return s;
  }

  function flag(el, severity) {
    var was = el.getAttribute("data-kb-preview-flag");
    if (was && rank[was] <= rank[severity]) return;
    el.setAttribute("data-kb-preview-flag", severity);
    el.classList.remove("kb-preview-flag-error", "kb-preview-flag-warning", "kb-preview-flag-info");
    el.classList.add("kb-preview-flagged", "kb-preview-flag-" + severity);
  }

  function placeFindings() {
    var targets = lineTargets();
    var items = document.querySelectorAll(".kb-preview [data-kb-finding-line]");
    Array.prototype.forEach.call(items, function (item) {
      var link = item.querySelector("a.kb-preview-goto");
      var el = targetOf(targets, parseInt(item.getAttribute("data-kb-finding-line"), 10));
      if (!link || !el) return; // the link keeps "#": the top of the page
      if (!el.id) el.id = "kb-preview-line-" + el.getAttribute("data-kb-line");
      link.setAttribute("href", "#" + el.id);
      flag(el, severityOf(item));
    });
  }

  function closeButtons() {
    var buttons = document.querySelectorAll(".kb-preview [data-kb-preview-close]");
    Array.prototype.forEach.call(buttons, function (b) {
      b.addEventListener("click", function () {
        var overlay = b.closest(".kb-preview-overlay");
        if (overlay) overlay.classList.add("kb-preview-hidden");
      });
    });
  }

  function ready() {
    placeFindings();
    closeButtons();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
  if (document.readyState === "complete") {
    restoreScroll();
  } else {
    window.addEventListener("load", restoreScroll, { once: true });
  }
  listen();
})();
