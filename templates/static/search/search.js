// kb's static search: the search box of every page and the search page,
// reading the compact index that kb build writes under search/data/ (see
// index/static*.go for the format). A plain script with no dependency,
// loaded with defer on every page; the search page also loads
// analysis.js (globalThis.kbAnalysis), kb's text analysis.
//
// A query costs at most two rounds of requests: the postings chunks of its
// terms (and, the first time, the facet lists shown), then the result
// shards of the hits shown. Scores follow bleve's BM25 as kb search uses
// it: (F/3) * sum over fields f of (m_f/n) * sum over terms of w(q,f,d).
(function () {
  "use strict";

  var SHOWN = 6; // hits shown at first, and MORE more at each request
  var MORE = 10;
  var EXPANSIONS = 5; // terms a prefix stands for, the most frequent
  var FACET_LABELS = { kind: "Kind", severity: "Severity", service: "Service", tag: "Tag", owner: "Owner" };

  var script = document.currentScript;
  var base = new URL(".", script ? script.src : location.href); // .../search/
  var dataURL = new URL("data/", base);
  var siteRoot = new URL("../", base);

  // ---------------------------------------------------------------------
  // Reading the index.

  var manifestPromise = null;
  var files = new Map(); // path → Promise of its bytes

  function SearchError(kind, message) {
    this.kind = kind;
    this.message = message;
  }

  // inflate reads a DEFLATE file (the index's files are compressed, so
  // that they are small on any host).
  function inflate(response) {
    if (!response.ok) throw new SearchError("missing", response.url + ": " + response.status);
    if (typeof DecompressionStream === "undefined") {
      throw new SearchError("browser", "This browser cannot read the search index (it has no DecompressionStream); a current Chrome, Edge, Firefox or Safari can.");
    }
    return new Response(response.body.pipeThrough(new DecompressionStream("deflate-raw"))).arrayBuffer()
      .then(function (b) { return new Uint8Array(b); });
  }

  function fetchFailed(err) {
    if (err instanceof SearchError) throw err;
    if (location.protocol === "file:") throw fileError();
    throw new SearchError("network", "The search index could not be loaded (" + err + ").");
  }

  function fileError() {
    return new SearchError("file", "Search cannot run on a page opened from a file: browsers do not let it read the search index from disk. " +
      "Put the site on any static host, or serve its folder with any static web server (python3 -m http.server in the site's folder), and open it there.");
  }

  function loadManifest() {
    if (!manifestPromise) {
      manifestPromise = (location.protocol === "file:" ? Promise.reject(fileError()) :
        fetch(new URL("manifest.bin", dataURL), { cache: "no-cache" }).then(inflate, fetchFailed).then(function (bytes) {
          var m = JSON.parse(new TextDecoder().decode(bytes));
          if (m.version !== 1) throw new SearchError("version", "The search index is of another version of kb; rebuild the site.");
          prepareManifest(m);
          return m;
        }));
      manifestPromise.catch(function () {});
    }
    return manifestPromise;
  }

  function prepareManifest(m) {
    m.facetByName = {};
    m.facets.forEach(function (f) {
      m.facetByName[f.name] = f;
      f.groupOf = [];
      f.lists = []; // value index → Int32Array of documents, once loaded
      f.groups.forEach(function (n, g) { for (var i = 0; i < n; i++) f.groupOf.push(g); });
      f.index = new Map();
      f.values.forEach(function (v, i) { f.index.set(v.toLowerCase(), i); });
    });
    var levels = [];
    m.weightOf = function (level) {
      var w = levels[level];
      if (w === undefined) {
        w = level === 0 ? m.weights.knee * (Math.sqrt(m.weights.ratio) - 1) / 2 : m.weights.knee * (Math.pow(m.weights.ratio, level) - 1);
        levels[level] = w;
      }
      return w;
    };
  }

  function fetchFile(m, path, decode) {
    var p = files.get(path);
    if (!p) {
      p = fetch(new URL(path + "?v=" + m.stamp, dataURL)).then(inflate, fetchFailed).then(decode);
      files.set(path, p);
      p.catch(function () { files.delete(path); });
    }
    return p;
  }

  // Varints reads LEB128 numbers.
  function Varints(bytes) {
    this.b = bytes;
    this.i = 0;
  }
  Varints.prototype.next = function () {
    var x = 0, scale = 1, c;
    do {
      c = this.b[this.i++];
      x += (c & 0x7f) * scale;
      scale *= 128;
    } while (c & 0x80);
    return x;
  };

  // decodeChunk returns the terms of a postings chunk: term → [per field
  // {docs: Int32Array, levels: Int32Array}].
  function decodeChunk(bytes) {
    var v = new Varints(bytes), n = v.next(), utf8 = new TextDecoder();
    var names = [], prev = new Uint8Array(0);
    for (var k = 0; k < n; k++) {
      var shared = v.next(), len = v.next();
      var t = new Uint8Array(shared + len);
      t.set(prev.subarray(0, shared));
      t.set(bytes.subarray(v.i, v.i + len), shared);
      v.i += len;
      names.push(utf8.decode(t));
      prev = t;
    }
    var terms = names.map(function () { return []; }), lows = [];
    terms.forEach(function (fields, k) {
      var low = [];
      for (var f = 0; f < 3; f++) fields.push({ docs: new Int32Array(v.next()), levels: null });
      for (f = 0; f < 3; f++) low.push(fields[f].docs.length ? v.next() : 0);
      lows.push(low);
    });
    terms.forEach(function (fields) {
      fields.forEach(function (p) {
        for (var i = 0, d = -1; i < p.docs.length; i++) p.docs[i] = d += v.next() + 1;
      });
    });
    terms.forEach(function (fields, k) {
      fields.forEach(function (p, f) {
        p.levels = new Int32Array(p.docs.length);
        for (var i = 0; i < p.docs.length; i++) p.levels[i] = lows[k][f] + v.next();
      });
    });
    var map = new Map();
    names.forEach(function (t, k) { map.set(t, terms[k]); });
    return { names: names, terms: map };
  }

  function decodeFacetGroup(bytes) {
    var v = new Varints(bytes), lists = [];
    while (v.i < bytes.length) {
      var runs = v.next(), docs = [], end = 0;
      for (var r = 0; r < runs; r++) {
        var first = end + v.next(), last = first + v.next();
        for (var d = first; d <= last; d++) docs.push(d);
        end = last + 1;
      }
      lists.push(Int32Array.from(docs));
    }
    return lists;
  }

  function decodeJSON(bytes) { return JSON.parse(new TextDecoder().decode(bytes)); }

  // compare orders strings by code point, as Go and the manifest do.
  function compare(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      var x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x !== y) return fixup(x) - fixup(y);
    }
    return a.length - b.length;
  }
  function fixup(c) { return c >= 0xe000 ? c - 0x800 : c >= 0xd800 ? c + 0x2000 : c; }

  // chunkOf is the chunk whose range holds term.
  function chunkOf(m, term) {
    var lo = 0, hi = m.chunks.length;
    while (hi - lo > 1) {
      var mid = (lo + hi) >> 1;
      if (compare(m.chunks[mid], term) <= 0) lo = mid; else hi = mid;
    }
    return lo;
  }

  function loadChunk(m, i) { return fetchFile(m, "terms/" + i + ".bin", decodeChunk); }

  function loadFacetGroup(m, f, g) {
    return fetchFile(m, "facets/" + f.name + "-" + g + ".bin", decodeFacetGroup).then(function (lists) {
      var first = 0;
      for (var k = 0; k < g; k++) first += f.groups[k];
      lists.forEach(function (l, i) { f.lists[first + i] = l; });
    });
  }

  function loadShard(m, s) { return fetchFile(m, "docs/" + s + ".bin", decodeJSON); }

  // ---------------------------------------------------------------------
  // Queries.

  function analysis() {
    var a = globalThis.kbAnalysis;
    if (!a) throw new SearchError("analysis", "The search page's analysis.js did not load.");
    return a;
  }

  // parseQuery analyses the query text. With prefix, a last word typed up
  // to the end of the text stands for the terms that start with it.
  function parseQuery(text, prefix) {
    var tokens = analysis().tokens(text), q = { text: text, terms: [], prefix: null };
    tokens.forEach(function (t) { q.terms.push(t.term); });
    var last = tokens[tokens.length - 1];
    if (prefix && last && last.end === text.length && /[^\s]$/.test(text) && last.term.length >= 2) {
      q.prefix = { term: last.term, slot: q.terms.length - 1 };
    }
    return q;
  }

  // slots are the query's terms as scored: each the list of terms that
  // match it (one, or a prefix's expansions) with their postings.
  function buildSlots(m, q, chunks) {
    function postingsOf(term) {
      var c = chunks.get(chunkOf(m, term));
      return c && c.terms.get(term);
    }
    return q.terms.map(function (term, i) {
      if (q.prefix && q.prefix.slot === i) {
        return expand(m, q.prefix.term, chunks).map(function (t) { return { term: t, fields: postingsOf(t) }; });
      }
      var p = postingsOf(term);
      return p ? [{ term: term, fields: p }] : [];
    });
  }

  // expand lists the most frequent terms that start with prefix, at most
  // EXPANSIONS of them, among the terms of the prefix's chunk.
  function expand(m, prefix, chunks) {
    var found = [];
    prefixChunks(m, prefix).forEach(function (i) {
      var c = chunks.get(i);
      if (!c) return;
      c.names.forEach(function (t) {
        if (t.startsWith(prefix)) {
          var fields = c.terms.get(t);
          found.push({ term: t, df: fields[0].docs.length + fields[1].docs.length + fields[2].docs.length });
        }
      });
    });
    found.sort(function (a, b) { return b.df - a.df || compare(a.term, b.term); });
    return found.slice(0, EXPANSIONS).map(function (x) { return x.term; });
  }

  // prefixChunks are the chunks a prefix's terms are looked for in: the
  // one the prefix falls in, and no other, so that typing costs no more
  // than the words typed.
  function prefixChunks(m, prefix) { return [chunkOf(m, prefix)]; }

  function chunksFor(m, q) {
    var need = new Set();
    q.terms.forEach(function (t, i) {
      if (q.prefix && q.prefix.slot === i) prefixChunks(m, q.prefix.term).forEach(function (c) { need.add(c); });
      else need.add(chunkOf(m, t));
    });
    return Array.from(need);
  }

  // score computes each document's score and which fields matched.
  function score(m, slots, n) {
    var N = m.docs, sums = new Float64Array(N * 3), matched = new Uint16Array(N * 3), slotW = new Float64Array(N * 3);
    var touched = new Uint8Array(N), hits = [];
    slots.forEach(function (slot) {
      if (!slot.length) return;
      var mark = [];
      slot.forEach(function (e) {
        e.fields.forEach(function (p, f) {
          for (var i = 0; i < p.docs.length; i++) {
            var d = p.docs[i], k = d * 3 + f, w = m.weightOf(p.levels[i]);
            if (slotW[k] === 0) mark.push(k);
            if (w > slotW[k]) slotW[k] = w;
          }
        });
      });
      mark.forEach(function (k) {
        sums[k] += slotW[k];
        matched[k]++;
        slotW[k] = 0;
        var d = (k / 3) | 0;
        if (!touched[d]) {
          touched[d] = 1;
          hits.push(d);
        }
      });
    });
    var scores = new Float64Array(N);
    hits.forEach(function (d) {
      var fields = 0, s = 0;
      for (var f = 0; f < 3; f++) {
        var k = d * 3 + f;
        if (matched[k]) {
          fields++;
          s += matched[k] / n * sums[k];
        }
      }
      scores[d] = s * fields / 3;
    });
    return { hits: hits, scores: scores };
  }

  // selection is the filters: facet name → Set of lower-cased values.
  function normalizeFilters(m, filters) {
    var out = {};
    Object.keys(filters || {}).forEach(function (name) {
      var f = m.facetByName[name], vals = [].concat(filters[name] || []);
      if (!f || !vals.length) return;
      var idx = [];
      vals.forEach(function (v) {
        var i = f.index.get(String(v).toLowerCase());
        idx.push(i === undefined ? -1 : i);
      });
      out[name] = idx;
    });
    return out;
  }

  // facetGroupsNeeded are the group files to load: the first of each facet,
  // and those of selected values.
  function facetGroupsNeeded(m, sel, more) {
    var need = [];
    m.facets.forEach(function (f) {
      var gs = new Set(f.groups.length ? [0] : []);
      (sel[f.name] || []).forEach(function (i) { if (i >= 0) gs.add(f.groupOf[i]); });
      if (more && more[f.name]) f.groups.forEach(function (_, g) { gs.add(g); });
      gs.forEach(function (g) { need.push([f, g]); });
    });
    return need;
  }

  // filterHits applies the filters (OR within a facet, AND across) and
  // counts each loaded facet value among the hits that pass every other
  // facet's filter.
  function filterHits(m, hits, sel) {
    var N = m.docs, names = Object.keys(sel), allowed = {};
    names.forEach(function (name) {
      var f = m.facetByName[name], a = new Uint8Array(N);
      sel[name].forEach(function (i) {
        var l = i >= 0 && f.lists[i];
        if (l) for (var j = 0; j < l.length; j++) a[l[j]] = 1;
      });
      allowed[name] = a;
    });
    // fails[d]: how many facets d fails; failed[d]: the last one.
    var pass = [], isHit = new Uint8Array(N), fails = new Uint8Array(N), failed = new Int8Array(N);
    hits.forEach(function (d) {
      isHit[d] = 1;
      names.forEach(function (name, k) {
        if (!allowed[name][d]) {
          fails[d]++;
          failed[d] = k;
        }
      });
      if (!fails[d]) pass.push(d);
    });
    var counts = {};
    m.facets.forEach(function (f) {
      var k = names.indexOf(f.name), c = [];
      f.values.forEach(function (_, i) {
        var l = f.lists[i];
        if (!l) {
          c.push(null);
          return;
        }
        var n = 0;
        for (var j = 0; j < l.length; j++) {
          var d = l[j];
          if (isHit[d] && (fails[d] === 0 || (fails[d] === 1 && failed[d] === k))) n++;
        }
        c.push(n);
      });
      counts[f.name] = c;
    });
    return { pass: pass, counts: counts };
  }

  function topHits(pass, scores, k) {
    pass.sort(function (a, b) { return scores[b] - scores[a] || a - b; });
    return pass.slice(0, k);
  }

  // correct replaces each term not in the index by the most frequent term
  // of the fetched chunks within the edit distance its length allows.
  function correct(m, q, chunks) {
    var changed = false, terms = q.terms.map(function (term) {
      var c = chunks.get(chunkOf(m, term));
      if (!c || c.terms.has(term)) return term;
      // As kb search: none up to 3 letters, 1 up to 7, 2 beyond; none
      // for a term with a digit.
      var most = /\d/.test(term) ? 0 : term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0, best = null;
      if (!most) return term;
      c.names.forEach(function (t) {
        if (Math.abs(t.length - term.length) > most) return;
        var dist = editDistance(term, t, most);
        if (dist > most) return;
        var f = c.terms.get(t), df = f[0].docs.length + f[1].docs.length + f[2].docs.length;
        if (!best || dist < best.dist || (dist === best.dist && df > best.df)) best = { term: t, dist: dist, df: df };
      });
      if (!best) return term;
      changed = true;
      return best.term;
    });
    return changed ? { text: q.text, terms: terms, prefix: null, corrected: terms } : null;
  }

  // editDistance is the Levenshtein distance of a and b, or more than
  // limit when it exceeds it.
  function editDistance(a, b, limit) {
    a = Array.from(a);
    b = Array.from(b);
    var prev = [], cur = [];
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var low = i;
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        low = Math.min(low, cur[j]);
      }
      if (low > limit) return limit + 1;
      prev = cur;
    }
    return prev[b.length];
  }

  // search runs a query: round 1 fetches its chunks and the facet lists
  // it needs, round 2 the result shards of the top hits.
  function search(text, filters, opts) {
    opts = opts || {};
    return loadManifest().then(function (m) {
      var a = analysis();
      if (a.version !== m.analysis) {
        throw new SearchError("version", "The search index was made with analysis " + m.analysis + ", this page has " + a.version + "; rebuild the site.");
      }
      var q = parseQuery(text, opts.prefix), sel = normalizeFilters(m, filters);
      var chunkIDs = chunksFor(m, q), chunks = new Map();
      var round1 = chunkIDs.map(function (i) { return loadChunk(m, i).then(function (c) { chunks.set(i, c); }); });
      if (opts.facets !== false) {
        facetGroupsNeeded(m, sel, opts.more).forEach(function (fg) { round1.push(loadFacetGroup(m, fg[0], fg[1])); });
      }
      return Promise.all(round1).then(function () {
        var result = rank(m, q, chunks, sel);
        if (result.total === 0 && q.terms.length) {
          var fixed = correct(m, q, chunks);
          if (fixed) {
            result = rank(m, fixed, chunks, sel);
            result.corrected = fixed.corrected;
          }
        }
        result.query = q;
        var limit = opts.limit || SHOWN, top = result.top.slice(0, limit);
        var shards = new Map();
        return Promise.all(Array.from(new Set(top.map(function (d) { return Math.floor(d / m.shardDocs); }))).map(function (s) {
          return loadShard(m, s).then(function (recs) { shards.set(s, recs); });
        })).then(function () {
          result.hits = top.map(function (d) {
            var r = shards.get(Math.floor(d / m.shardDocs))[d % m.shardDocs];
            return {
              doc: d, id: r[0] || lastSegment(r[3]), kind: r[1], title: r[2], url: "/" + r[3], href: new URL(r[3], siteRoot).href,
              date: r[4], severity: r[5], text: r[6], score: result.scores[d],
            };
          });
          result.manifest = m;
          return result;
        });
      });
    });
  }

  function rank(m, q, chunks, sel) {
    var slots = buildSlots(m, q, chunks), s = score(m, slots, q.terms.length);
    var f = filterHits(m, s.hits, sel);
    var matchedTerms = new Set();
    slots.forEach(function (slot) { slot.forEach(function (e) { matchedTerms.add(e.term); }); });
    return { total: f.pass.length, top: topHits(f.pass, s.scores, 1e9), scores: s.scores, counts: f.counts, marks: matchedTerms };
  }

  function lastSegment(url) {
    var parts = url.split("/").filter(Boolean);
    return parts[parts.length - 1] || "";
  }

  // ---------------------------------------------------------------------
  // The page.

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // marked appends text to parent with the tokens whose terms are in
  // terms wrapped in <mark>; text is never parsed as HTML.
  function marked(parent, text, terms) {
    var ranges = [];
    if (terms.size && globalThis.kbAnalysis) {
      globalThis.kbAnalysis.tokens(text).forEach(function (t) {
        if (terms.has(t.term)) ranges.push([t.start, t.end]);
      });
    }
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var at = 0;
    ranges.forEach(function (r) {
      if (r[1] <= at) return;
      var start = Math.max(r[0], at);
      if (start > at) parent.appendChild(document.createTextNode(text.slice(at, start)));
      parent.appendChild(el("mark", null, text.slice(start, r[1])));
      at = r[1];
    });
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
    return parent;
  }

  // wordsOf writes terms (stems) as words: each as a word of the hits'
  // titles or texts that has it, else as the term itself.
  function wordsOf(terms, hits) {
    var seen = new Map();
    hits.forEach(function (h) {
      [h.title, h.text].forEach(function (text) {
        if (!text) return;
        globalThis.kbAnalysis.tokens(text).forEach(function (t) {
          if (!seen.has(t.term)) seen.set(t.term, text.slice(t.start, t.end).toLowerCase());
        });
      });
    });
    return terms.map(function (t) { return seen.get(t) || t; });
  }

  function isTyping(e) {
    var t = e.target;
    return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  }

  // headerBox wires the search box of every page: / focuses it, and focus
  // starts loading the manifest so the search page finds it cached.
  function headerBox() {
    var page = document.getElementById("kb-q");
    var box = page || document.querySelector("header.site form.search input[name=q]");
    document.addEventListener("keydown", function (e) {
      if (e.key === "/" && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e) && box) {
        e.preventDefault();
        box.focus();
        box.select();
      }
    });
    if (box && !page) box.addEventListener("focus", function () { loadManifest(); }, { once: true });
  }

  function SearchPage() {
    this.box = document.getElementById("kb-q");
    this.status = document.getElementById("kb-status");
    this.facetsEl = document.getElementById("kb-facets");
    this.list = document.getElementById("kb-results");
    this.sel = {};
    this.more = {};
    this.seq = 0;
    this.timer = 0;
    this.limit = SHOWN;
    // rendered counts the results shown so far and inflight the searches
    // under way, for tests and tools that wait for the page.
    this.rendered = 0;
    this.inflight = 0;
  }

  // busy reports a search typed but not yet shown.
  SearchPage.prototype.busy = function () { return this.inflight > 0 || this.timer !== 0; };

  SearchPage.prototype.start = function () {
    var self = this, params = new URLSearchParams(location.search);
    this.box.value = params.get("q") || "";
    Object.keys(FACET_LABELS).forEach(function (name) {
      var vals = params.getAll(name);
      if (vals.length) self.sel[name] = vals;
    });
    this.box.form.addEventListener("submit", function (e) {
      e.preventDefault();
      self.limit = SHOWN;
      self.run(false);
    });
    this.box.addEventListener("input", function () {
      self.limit = SHOWN;
      clearTimeout(self.timer);
      self.timer = setTimeout(function () {
        self.timer = 0;
        self.run(true);
      }, 60);
    });
    this.box.addEventListener("keydown", function (e) {
      var first = self.list.querySelector("a");
      if (e.key === "ArrowDown" && first) {
        e.preventDefault();
        first.focus();
      }
    });
    this.list.addEventListener("keydown", function (e) { self.move(e); });
    // Filters take the side on a wide screen; on a phone they fold.
    var filters = document.getElementById("kb-filters");
    if (filters && window.matchMedia) filters.open = window.matchMedia("(min-width: 40rem)").matches;
    loadManifest().then(function (m) {
      self.status.textContent = m.docs + " documents. Type a few words: an alert name, a service, a symptom.";
      if (self.box.value || Object.keys(self.sel).length) self.run(false);
    }, function (err) { self.fail(err); });
  };

  // move steps through the results with the arrow keys; Enter on a
  // focused result opens it, as on any link.
  SearchPage.prototype.move = function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var links = Array.from(this.list.querySelectorAll("a")), i = links.indexOf(document.activeElement);
    if (i < 0) return;
    e.preventDefault();
    if (e.key === "ArrowDown" && i + 1 < links.length) links[i + 1].focus();
    else if (e.key === "ArrowUp") (i > 0 ? links[i - 1] : this.box).focus();
  };

  SearchPage.prototype.fail = function (err) {
    this.rendered++;
    this.status.textContent = err && err.message ? err.message : String(err);
    this.status.className = "status error";
  };

  SearchPage.prototype.keepURL = function () {
    var params = new URLSearchParams();
    if (this.box.value) params.set("q", this.box.value);
    var self = this;
    Object.keys(FACET_LABELS).forEach(function (name) {
      (self.sel[name] || []).forEach(function (v) { params.append(name, v); });
    });
    var qs = params.toString();
    history.replaceState(null, "", location.pathname + (qs ? "?" + qs : "") + location.hash);
  };

  SearchPage.prototype.run = function (typing) {
    var self = this, seq = ++this.seq, text = this.box.value, started = performance.now();
    this.keepURL();
    if (!text.trim()) {
      this.rendered++;
      this.list.textContent = "";
      this.facetsEl.textContent = "";
      loadManifest().then(function (m) { self.status.textContent = m.docs + " documents."; }, function () {});
      return Promise.resolve(null);
    }
    this.inflight++;
    return search(text, this.sel, { prefix: typing, more: this.more, limit: this.limit }).then(function (r) {
      self.inflight--;
      if (seq !== self.seq) return r;
      self.render(r, text);
      self.lastTime = performance.now() - started;
      return r;
    }, function (err) {
      self.inflight--;
      if (seq === self.seq) self.fail(err);
    });
  };

  SearchPage.prototype.render = function (r, text) {
    this.rendered++;
    this.status.className = "status";
    this.status.textContent = "";
    if (r.corrected) {
      this.status.appendChild(document.createTextNode("No results for " + text + "; showing results for "));
      this.status.appendChild(el("em", null, wordsOf(r.corrected, r.hits).join(" ")));
      this.status.appendChild(document.createTextNode(". "));
    }
    this.status.appendChild(document.createTextNode(r.total === 1 ? "1 result" : r.total + " results"));
    this.list.textContent = "";
    var self = this;
    r.hits.forEach(function (h) { self.list.appendChild(self.hit(h, r.marks)); });
    if (r.total > r.hits.length) {
      var li = el("li", "more"), more = el("button", "more", "More results");
      more.type = "button";
      more.addEventListener("click", function () {
        self.limit += MORE;
        self.run(false);
      });
      li.appendChild(more);
      this.list.appendChild(li);
    }
    this.renderFacets(r);
  };

  SearchPage.prototype.hit = function (h, marks) {
    var li = el("li", "hit"), a = el("a", "title");
    a.href = h.href;
    marked(a, h.title, marks);
    li.appendChild(a);
    var meta = el("div", "meta");
    meta.appendChild(el("span", "kind", h.kind));
    if (h.date) {
      var t = el("time", null, h.date);
      t.dateTime = h.date;
      meta.appendChild(t);
    }
    if (h.severity) meta.appendChild(el("span", "badge sev-" + h.severity.toLowerCase(), h.severity));
    li.appendChild(meta);
    if (h.text) li.appendChild(marked(el("p", "snippet"), h.text, marks));
    return li;
  };

  SearchPage.prototype.renderFacets = function (r) {
    var self = this, m = r.manifest, chosen = 0;
    Object.keys(this.sel).forEach(function (name) { chosen += self.sel[name].length; });
    var summary = document.querySelector("#kb-filters summary");
    if (summary) summary.textContent = chosen ? "Filters (" + chosen + ")" : "Filters";
    this.facetsEl.textContent = "";
    m.facets.forEach(function (f) {
      if (!f.values.length) return;
      var box = el("fieldset", "facet"), selected = new Set((self.sel[f.name] || []).map(function (v) { return v.toLowerCase(); }));
      box.appendChild(el("legend", null, FACET_LABELS[f.name] || f.name));
      var hidden = 0;
      f.values.forEach(function (v, i) {
        var n = r.counts[f.name][i], on = selected.has(v.toLowerCase());
        if (n === null || n === undefined) {
          hidden++;
          return;
        }
        var label = el("label", n ? null : "none"), input = el("input");
        input.type = "checkbox";
        input.name = f.name;
        input.value = v;
        input.checked = on;
        input.addEventListener("change", function () { self.toggle(f.name, v, input.checked); });
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + v + " "));
        label.appendChild(el("span", "count", String(n)));
        box.appendChild(label);
      });
      if (hidden) {
        var more = el("button", "more", "more (" + hidden + ")");
        more.type = "button";
        more.addEventListener("click", function () {
          self.more[f.name] = true;
          self.run(false);
        });
        box.appendChild(more);
      }
      self.facetsEl.appendChild(box);
    });
  };

  SearchPage.prototype.toggle = function (name, value, on) {
    this.limit = SHOWN;
    var vals = (this.sel[name] || []).filter(function (v) { return v.toLowerCase() !== value.toLowerCase(); });
    if (on) vals.push(value);
    if (vals.length) this.sel[name] = vals;
    else delete this.sel[name];
    this.run(false);
  };

  // The API, for tests and for pages of one's own: run(query, filters,
  // options) resolves to {total, hits: [{id, url, score, ...}], counts,
  // corrected}. filters maps a facet (kind, severity, service, tag, owner)
  // to a value or a list of values.
  globalThis.kbSearch = {
    ready: function () { return loadManifest().then(function () { return true; }); },
    run: function (query, filters, options) {
      return search(String(query || ""), filters, options).then(function (r) {
        return {
          total: r.total, corrected: r.corrected || null, counts: r.counts,
          hits: r.hits.map(function (h) { return { id: h.id, url: h.url, score: h.score, title: h.title, kind: h.kind }; }),
        };
      });
    },
  };

  function init() {
    headerBox();
    if (document.getElementById("kb-q") && document.getElementById("kb-results")) {
      var page = new SearchPage();
      globalThis.kbSearch.page = page;
      page.start();
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
