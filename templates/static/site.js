// kb's page scripts, loaded by every page from the site itself (a strict
// Content-Security-Policy holds). Each page reads and works without them.

/* A Copy button on each code block of the page; without script the
   blocks read and select as they are. */
document.querySelectorAll("main pre").forEach(function (pre) {
  var button = document.createElement("button");
  button.type = "button";
  button.className = "copy";
  button.textContent = "Copy";
  function say(text) {
    button.textContent = text;
    setTimeout(function () { button.textContent = "Copy"; }, 1500);
  }
  button.addEventListener("click", function () {
    var text = pre.innerText.replace(/\n$/, "");
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { say("Copied"); }, function () { say("Copy failed"); });
      return;
    }
    var range = document.createRange();
    range.selectNodeContents(pre);
    var sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    say(document.execCommand("copy") ? "Copied" : "Press Ctrl+C");
  });
  var box = document.createElement("div");
  box.className = "codeblock";
  pre.parentNode.insertBefore(box, pre);
  box.appendChild(pre);
  box.appendChild(button);
});

/* The filters of the board: rows of other owners, services or statuses
   are hidden and the counts say how many are shown; the filters are kept
   in the address, so that a filtered board can be shared. Without script
   the form stays hidden and the board shows every row. */
(function () {
  var form = document.querySelector("form.board-filters");
  if (!form) return;
  var rows = document.querySelectorAll("section.group tbody tr");
  var keys = ["status", "owner", "service"];
  var params = new URLSearchParams(location.search);
  keys.forEach(function (k) { if (params.get(k)) form[k].value = params.get(k); });
  function apply() {
    var want = {}, any = false, shown = 0;
    keys.forEach(function (k) { want[k] = form[k].value; any = any || want[k] !== ""; });
    rows.forEach(function (tr) {
      var ok = (!want.status || tr.dataset.status === want.status) &&
        (!want.owner || tr.dataset.owner === want.owner) &&
        (!want.service || (" " + tr.dataset.services + " ").indexOf(" " + want.service + " ") >= 0);
      tr.hidden = !ok;
      if (ok) shown++;
    });
    document.querySelectorAll("section.group").forEach(function (sec) {
      var count = sec.querySelector("h2 .count");
      if (!count.dataset.total) count.dataset.total = count.textContent;
      var n = sec.querySelectorAll("tbody tr:not([hidden])").length;
      count.textContent = any ? n + " of " + count.dataset.total : count.dataset.total;
      sec.hidden = any && n === 0;
      var fold = sec.querySelector("details");
      if (fold && want.status) fold.open = n > 0;
      var entry = document.querySelector('nav.contents a[href="#' + sec.id + '"]');
      if (entry) {
        entry.parentNode.hidden = sec.hidden;
        entry.parentNode.querySelector(".count").textContent = count.textContent;
      }
    });
    form.querySelector(".shown").textContent = any ? shown + " of " + rows.length + " items on this page match." : "";
    keys.forEach(function (k) { if (want[k]) params.set(k, want[k]); else params.delete(k); });
    var q = params.toString();
    history.replaceState(null, "", (q ? "?" + q : location.pathname) + location.hash);
  }
  form.hidden = false;
  form.addEventListener("change", apply);
  apply();
  /* A link to a folded group (#done) opens it. */
  function unfold() {
    var sec = location.hash && document.getElementById(location.hash.slice(1));
    var fold = sec && sec.querySelector("details");
    if (fold) fold.open = true;
  }
  window.addEventListener("hashchange", unfold);
  unfold();
})();
