// kb's text analysis for the search page: the terms of kb's Go analyzer
// kb_en (the spec: index/analysis.go, words.go, identifier.go, lower.go).
// A plain script, to load from file:// too; index's TestJSAnalysis* tests
// hold it to the Go analysis.
//
// Unicode: Go 1.26 has Unicode 15.0, browsers newer (Chromium 156: 17.0).
// Characters added since (about 9,800 by 17.0: CJK extensions I and J, new
// scripts, a few Latin letters) are separators to Go but may be letters,
// digits or marks, with case mappings, here: their words get terms that the
// index lacks. Characters of 15.0 whose properties changed since are made
// to match below (only ʕ by 17.0). TestJSAnalysisCodePoints tries them all.
(function () {
  "use strict";

  // MAX_WORD_RUNES is index.MaxWordRunes: longer words are dropped.
  var MAX_WORD_RUNES = 64;

  // Classes of a code point, as words.go sees it.
  var OTHER = 0, LETTER = 1, DIGIT = 2, UNDERSCORE = 3, MARK = 4, IDEOGRAPH = 5;
  var isL = /\p{L}/u, isNd = /\p{Nd}/u, isM = /\p{M}/u, isLu = /\p{Lu}/u, isLl = /\p{Ll}/u;
  var isIdeo = /[\p{Script=Han}\p{Script=Hiragana}]/u;

  function classOf(c) {
    if (c < 0x80) {
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) return LETTER;
      if (c >= 0x30 && c <= 0x39) return DIGIT;
      return c === 0x5f ? UNDERSCORE : OTHER;
    }
    var ch = String.fromCodePoint(c);
    // Han characters below U+3040 (々, 〇, …) are not words of their own.
    if (c >= 0x3040 && isIdeo.test(ch)) return IDEOGRAPH;
    if (isL.test(ch)) return LETTER;
    if (isNd.test(ch)) return DIGIT;
    return isM.test(ch) ? MARK : OTHER;
  }

  function isUpper(c) { return c < 0x80 ? c >= 0x41 && c <= 0x5a : isLu.test(String.fromCodePoint(c)); }
  // ʕ (U+0295) is Ll in Go's Unicode 15.0, Lo since.
  function isLower(c) { return c < 0x80 ? c >= 0x61 && c <= 0x7a : c === 0x295 || isLl.test(String.fromCodePoint(c)); }
  function width(c) { return c > 0xffff ? 2 : 1; }

  // words is the WordTokenizer: tokens {term, start, end, type}, type "a"
  // (has a letter), "n" (number) or "i" (ideograph).
  function words(text) {
    var out = [], start = -1, runes = 0, letters = false, prev = OTHER;
    function emit(end, type) {
      if (runes <= MAX_WORD_RUNES) out.push({ term: text.slice(start, end), start: start, end: end, type: type });
      start = -1;
      runes = 0;
      letters = false;
    }
    for (var i = 0; i < text.length; ) {
      var c = text.codePointAt(i), w = width(c), k = classOf(c);
      if (k === IDEOGRAPH) {
        if (start >= 0) emit(i, letters ? "a" : "n");
        start = i;
        runes = 1;
        emit(i + w, "i");
      } else if (k === LETTER || k === DIGIT || k === UNDERSCORE || (start >= 0 && k === MARK)) {
        if (start < 0) start = i;
        runes++;
        letters = letters || k === LETTER;
      } else if (start >= 0 && joins(prev, c, text, i + w)) {
        runes++;
      } else if (start >= 0) {
        emit(i, letters ? "a" : "n");
      }
      prev = k;
      i += w;
    }
    if (start >= 0) emit(text.length, letters ? "a" : "n");
    return out;
  }

  // joins: does the punctuation c, after class prev, stay inside the word?
  function joins(prev, c, text, next) {
    if (next >= text.length || (prev !== LETTER && prev !== DIGIT)) return false;
    var n = classOf(text.codePointAt(next));
    if (n !== LETTER && n !== DIGIT) return false;
    if (c === 0x27 || c === 0x2019 || c === 0x2e) return true;
    return c === 0x2c && prev === DIGIT && n === DIGIT;
  }

  // identifierParts is the IdentifierFilter's split of one word: its parts
  // {term, start, end}, or null when the word stays as it is.
  function identifierParts(t) {
    if (t.type !== "a") return null;
    var term = t.term, parts = [], start = -1, prev = 0;
    function cut(end) {
      if (start >= 0 && end > start) parts.push({ term: term.slice(start, end), start: t.start + start, end: t.start + end });
      start = -1;
    }
    for (var i = 0; i < term.length; ) {
      var c = term.codePointAt(i), w = width(c);
      if (c === 0x5f || c === 0x2e) cut(i);
      else if (start >= 0 && caseBoundary(prev, c, term.codePointAt(i + w))) { cut(i); start = i; }
      else if (start < 0) start = i;
      prev = c;
      i += w;
    }
    cut(term.length);
    return parts.length === 1 && parts[0].term.length === term.length ? null : parts;
  }

  // caseBoundary: does a part start at c, after prev, before next?
  function caseBoundary(prev, c, next) {
    if (!isUpper(c)) return false;
    if (isLower(prev) || classOf(prev) === DIGIT) return true;
    return isUpper(prev) && next !== undefined && isLower(next);
  }

  // identifiers is the IdentifierFilter: it also numbers the positions.
  function identifiers(tokens) {
    var out = [], pos = 0;
    tokens.forEach(function (t) {
      var parts = identifierParts(t) || [{ term: t.term, start: t.start, end: t.end }];
      // The whole name shares its position with the first part.
      if (parts.length > 1) out.push({ term: parts.map(function (p) { return p.term; }).join(""), start: t.start, end: t.end, position: pos + 1 });
      parts.forEach(function (p) {
        p.position = ++pos;
        out.push(p);
      });
    });
    return out;
  }

  // possessive is bleve's possessive_en (three apostrophes).
  function possessive(term) {
    return /['\u2019\uff07][sS]$/.test(term) ? term.slice(0, -2) : term;
  }

  // lower is the LowerFilter, Go's unicode.ToLower rune by rune. JS's
  // toLowerCase differs only for İ (two code points in JS) and Σ (by its
  // neighbours in JS; ς only at the very end of the term in Go).
  function lower(term) {
    if (term.indexOf("\u0130") < 0 && term.indexOf("\u03a3") < 0) return term.toLowerCase();
    var l = term.replace(/\u0130/g, "i").replace(/\u03a3/g, "\u03c3").toLowerCase();
    return term.endsWith("\u03a3") ? l.slice(0, -1) + "\u03c2" : l;
  }

  // STOP_WORDS are bleve's stop_en (TestStopWordsAreBleves checks them).
  var STOP_WORDS = "a about above after again against all am an and any are aren't as at be because been before being below between both but by can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor not of off on once only or other ought our ours ourselves out over own same shan't she she'd she'll she's should shouldn't so some such than that that's the their theirs them themselves then there there's these they they'd they'll they're they've this those through to too under until up very was wasn't we we'd we'll we're we've were weren't what what's when when's where where's which while who who's whom why why's with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves";
  var stopWords = new Set(STOP_WORDS.split(" "));

  // The Porter stemmer as go-porterstemmer's StemWithoutLowerCasing: on
  // code points (a word with astral ones is an array; s[i], s.length,
  // s.slice and s.concat(..."e") work on both), vowels are a e i o u and y
  // after a consonant, and a suffix matches only a longer word.
  function consonant(s, i) {
    var c = s[i];
    if (c === "a" || c === "e" || c === "i" || c === "o" || c === "u") return false;
    return c === "y" && i > 0 ? !consonant(s, i - 1) : true;
  }

  // measure counts the vowel-consonant sequences of s.
  function measure(s) {
    var m = 0, i = 0;
    while (i < s.length && consonant(s, i)) i++;
    while (i < s.length) {
      while (i < s.length && !consonant(s, i)) i++;
      if (i >= s.length) break;
      while (i < s.length && consonant(s, i)) i++;
      m++;
    }
    return m;
  }

  function hasSuffix(s, suffix) {
    if (s.length <= suffix.length) return false;
    for (var i = 1; i <= suffix.length; i++) if (s[s.length - i] !== suffix[suffix.length - i]) return false;
    return true;
  }

  function hasVowel(s) {
    for (var i = 0; i < s.length; i++) if (!consonant(s, i)) return true;
    return false;
  }

  function doubleConsonant(s) {
    return s.length >= 2 && s[s.length - 1] === s[s.length - 2] && consonant(s, s.length - 1);
  }

  // cvc: consonant, vowel, consonant at the end, the last not w, x or y.
  function cvc(s) {
    var n = s.length, c = s[n - 1];
    return n >= 3 && consonant(s, n - 3) && !consonant(s, n - 2) && consonant(s, n - 1) && c !== "w" && c !== "x" && c !== "y";
  }

  function step1a(s) {
    if (hasSuffix(s, "sses") || hasSuffix(s, "ies")) return s.slice(0, -2);
    if (hasSuffix(s, "ss")) return s;
    return hasSuffix(s, "s") ? s.slice(0, -1) : s;
  }

  function step1b(s) {
    if (hasSuffix(s, "eed")) return measure(s.slice(0, -3)) > 0 ? s.slice(0, -1) : s;
    var suffix = hasSuffix(s, "ed") ? "ed" : hasSuffix(s, "ing") ? "ing" : "";
    var stem = s.slice(0, s.length - suffix.length);
    if (suffix === "" || !hasVowel(stem)) return s;
    var c = stem[stem.length - 1];
    if (hasSuffix(stem, "at") || hasSuffix(stem, "bl") || hasSuffix(stem, "iz")) return stem.concat("e");
    if (c !== "l" && c !== "s" && c !== "z" && doubleConsonant(stem)) return stem.slice(0, -1);
    return measure(stem) === 1 && cvc(stem) ? stem.concat("e") : stem;
  }

  function step1c(s) {
    var c = s[s.length - 1];
    if (s.length < 2 || (c !== "y" && c !== "Y") || !hasVowel(s.slice(0, -1))) return s;
    return s.slice(0, -1).concat(c === "y" ? "i" : "I");
  }

  // Steps 2 to 4, "suffix:replacement": the first suffix that matches
  // decides; it is replaced when the measure of the rest is above min.
  var STEP2 = rules("ational:ate tional:tion enci:ence anci:ance izer:ize bli:ble alli:al entli:ent eli:e ousli:ous ization:ize ation:ate ator:ate alism:al iveness:ive fulness:ful ousness:ous aliti:al iviti:ive biliti:ble logi:log");
  var STEP3 = rules("icate:ic ative: alize:al iciti:ic ical:ic ful: ness:");
  var STEP4 = rules("al: ance: ence: er: ic: able: ible: ant: ement: ment: ent: ion: ou: ism: ate: iti: ous: ive: ize:");

  function rules(list) {
    return list.split(" ").map(function (r) { return r.split(":"); });
  }

  function applyRules(s, list, min) {
    for (var i = 0; i < list.length; i++) {
      var suffix = list[i][0];
      if (!hasSuffix(s, suffix)) continue;
      var stem = s.slice(0, s.length - suffix.length), c = stem[stem.length - 1];
      // -ion goes only after s or t.
      var ok = measure(stem) > min && (suffix !== "ion" || c === "s" || c === "t");
      return ok ? stem.concat(...list[i][1]) : s;
    }
    return s;
  }

  function step5(s) {
    if (s[s.length - 1] === "e") {
      var stem = s.slice(0, -1), m = measure(stem);
      if (m > 1 || (m === 1 && !cvc(stem))) s = stem;
    }
    var n = s.length;
    return n > 2 && s[n - 1] === "l" && s[n - 2] === "l" && measure(s.slice(0, -1)) > 1 ? s.slice(0, -1) : s;
  }

  function stem(word) {
    var s = /[\ud800-\udfff]/.test(word) ? Array.from(word) : word;
    if (s.length <= 2) return word;
    s = step1c(step1b(step1a(s)));
    s = step5(applyRules(applyRules(applyRules(s, STEP2, 0), STEP3, 0), STEP4, 1));
    return typeof s === "string" ? s : s.join("");
  }

  // tokens: {term, start, end, position}, start and end the indices in text
  // of the word the term comes from.
  function tokens(text) {
    var out = [];
    identifiers(words(String(text == null ? "" : text))).forEach(function (t) {
      t.term = lower(possessive(t.term));
      if (stopWords.has(t.term)) return;
      t.term = stem(t.term);
      out.push(t);
    });
    return out;
  }

  globalThis.kbAnalysis = {
    terms: function (text) { return tokens(text).map(function (t) { return t.term; }); },
    tokens: tokens,
    stem: stem,
    // version changes whenever the analysis does (index.AnalysisVersion).
    version: "kb_en-1",
  };
})();
