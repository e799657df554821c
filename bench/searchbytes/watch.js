(selector) => {
  const text = () => Array.from(document.querySelectorAll(selector), (e) => e.textContent).join("\n");
  const w = { lastKey: 0, seen: text(), changes: [] };
  w.arm = () => { w.lastKey = 0; w.seen = text(); w.changes = []; };
  w.state = () => ({ lastKey: w.lastKey, changes: w.changes });
  document.addEventListener("keydown", () => { w.lastKey = performance.now(); }, true);
  new MutationObserver(() => {
    const t = text();
    if (t === w.seen) return;
    w.seen = t;
    if (t !== "") requestAnimationFrame(() => w.changes.push(performance.now()));
  }).observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
  window.__searchbytes = w;
  return true;
}
