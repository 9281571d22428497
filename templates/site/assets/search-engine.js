/* The search engine of the web glossary: everything that finds things, no user interface.
 *
 * window.GlossarySearch:
 *   search(query, {lang, subject, status}) -> Promise<Answer>
 *     Answer = {query, readAs, matches: Result[] (confident, ranked, all), nearest: Result[]}
 *     Result = {id, url, term, lang, status, kind, score, highlight: [[start, end]...],
 *               conceptStatus, subjects, equivalents: [{lang, term, status}...],
 *               definition: {lang: first sentence}}
 *     url is "concepts/<id>.html", relative to an interface language's folder
 *     (fi/, ru/, en/): a page in fi/ links to it as is.
 *   fold(text), compact(text), skeleton(text): the keys of glossary/search/keys.py.
 *
 * This first version answers from the whole index in assets/search-index.js, loaded with
 * a <script> tag on the first search (so that it works from file://).
 */
(function () {
  "use strict";


  var DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2212\u00ad]/g;
  var QUOTES = /['"`\u00b4\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u02b9\u02ba]/g;
  var NON_WORD = /[^\p{L}\p{N}_-]+/gu;
  var NON_ALNUM = /[^\p{L}\p{N}]+/gu;
  var MARKS = /\p{M}/gu;
  var CYRILLIC = /[\u0400-\u04ff]/;
  var TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "і": "i", "ї": "i", "є": "e", "ґ": "g", "ў": "u"
  };
  var RULES = [
    ["shch", "s"], ["chtch", "s"], ["shh", "s"], ["sch", "s"], ["sc", "s"], ["tch", "c"],
    ["ch", "c"], ["sh", "s"], ["zh", "z"], ["kh", "h"], ["x", "h"], ["ts", "c"], ["tc", "c"],
    ["cz", "c"], ["tz", "c"], ["ou", "u"], ["eh", "e"], ["j", "i"], ["y", "i"], ["w", "v"],
    ["q", "k"]
  ];
  var VOWEL_PAIRS = [["ia", "a"], ["iu", "u"], ["ie", "e"], ["io", "e"], ["ei", "e"]];

  function replaceAll(text, from, to) { return text.split(from).join(to); }

  function fold(text) {
    var t = text.replace(DASHES, "-").replace(QUOTES, "").toLowerCase();
    t = t.normalize("NFKD").replace(MARKS, "").normalize("NFC").replace(NON_WORD, " ");
    return t.split(/\s+/).map(function (p) { return p.replace(/^-+|-+$/g, ""); })
      .filter(Boolean).join(" ");
  }

  function compact(text) { return fold(text).replace(NON_ALNUM, ""); }

  function isCyrillic(text) { return CYRILLIC.test(text); }

  function skeleton(text) {
    var t = text.toLowerCase().replace(/ё/g, "е");
    if (isCyrillic(t)) {
      t = Array.from(t).map(function (c) { return TO_LATIN.hasOwnProperty(c) ? TO_LATIN[c] : c; }).join("");
    }
    t = t.normalize("NFKD").replace(MARKS, "").replace(/-/g, " ").replace(/[^a-z ]/g, "");
    RULES.forEach(function (r) { t = replaceAll(t, r[0], r[1]); });
    t = t.replace(/(.)\1+/g, "$1");
    VOWEL_PAIRS.forEach(function (r) { t = replaceAll(t, r[0], r[1]); });
    return t.replace(/(.)\1+/g, "$1").split(/\s+/).filter(Boolean).join(" ");
  }

  function trigrams(text) {
    var padded = "  " + text + " ", out = new Set();
    for (var i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
    return out;
  }

  /* rapidfuzz's fuzz.ratio: 100 * (1 - indel distance / total length). */
  function ratio(a, b) {
    if (!a.length && !b.length) return 100;
    var prev = new Array(b.length + 1).fill(0), cur = new Array(b.length + 1).fill(0);
    for (var i = 1; i <= a.length; i++) {
      for (var j = 1; j <= b.length; j++) {
        cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      var swap = prev; prev = cur; cur = swap;
    }
    var lcs = prev[b.length];
    return 100 * (2 * lcs) / (a.length + b.length);
  }

  function push(map, key, value) {
    var list = map.get(key);
    if (list) list.push(value); else map.set(key, [value]);
  }

  function Index(data) {
    var self = this;
    this.data = data;
    this.terms = data.terms;
    this.foldMap = new Map(); this.compactMap = new Map(); this.skelMap = new Map();
    this.sortedKeys = [];
    this.terms.forEach(function (term, t) {
      var key = fold(term[2]);
      push(self.foldMap, key, t);
      push(self.compactMap, compact(term[2]), t);
      if (isCyrillic(term[2])) push(self.skelMap, skeleton(term[2]), t);
      self.sortedKeys.push([key, t]);
    });
    this.sortedKeys.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]; });
    this.wordIndex = new Map();
    data.words.forEach(function (w, i) { self.wordIndex.set(w, i); });
    this.sortedWords = data.words.map(function (w, i) { return [w, i]; })
      .sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
    this.formMap = new Map();
    Object.keys(data.forms).forEach(function (key) {
      var w = Number(key), word = data.words[w];
      data.forms[key].split(" ").forEach(function (code) {
        var m = /^(\d+)(.*)$/.exec(code);
        if (!m) return;
        push(self.formMap, word.slice(0, word.length - Number(m[1])) + m[2], w);
      });
    });
    this.postings = new Map();
    data.termWords.forEach(function (words, t) {
      words.forEach(function (w, position) { push(self.postings, w, [t, position]); });
    });
    this.wordSkel = null;
    this.grams = null;
  }

  Index.prototype.wordSkeletons = function () {
    if (this.wordSkel) return this.wordSkel;
    var self = this, map = new Map();
    this.data.words.forEach(function (w, i) { if (isCyrillic(w)) push(map, skeleton(w), i); });
    this.formMap.forEach(function (ids, form) {
      if (isCyrillic(form)) ids.forEach(function (i) { push(map, skeleton(form), i); });
    });
    this.wordSkel = map;
    return map;
  };

  Index.prototype.trigramIndex = function () {
    if (this.grams) return this.grams;
    var grams = new Map(), variants = [];
    this.terms.forEach(function (term, t) {
      variants.push([t, fold(term[2])]);
      if (isCyrillic(term[2])) variants.push([t, skeleton(term[2])]);
    });
    variants.forEach(function (v, i) { trigrams(v[1]).forEach(function (g) { push(grams, g, i); }); });
    this.grams = { map: grams, variants: variants };
    return this.grams;
  };

  function prefixRange(sorted, prefix) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (sorted[mid][0] < prefix) lo = mid + 1; else hi = mid; }
    var out = [];
    for (var i = lo; i < sorted.length && out.length < 50 && sorted[i][0].startsWith(prefix); i++) out.push(sorted[i]);
    return out;
  }

  Index.prototype.search = function (query, limit) {
    var self = this, hits = new Map();
    query = query.trim().split(/\s+/).join(" ");
    var folded = fold(query);
    if (!folded) return [];
    function offer(t, score, kind) {
      var h = hits.get(t);
      if (!h || h.score < score) hits.set(t, { score: score, kind: kind });
    }
    (this.foldMap.get(folded) || []).forEach(function (t) {
      var text = self.terms[t][2];
      if (text === query) offer(t, 100, "exact");
      else if (text.toLowerCase() === query.toLowerCase()) offer(t, 98, "normalized");
      else offer(t, 96, "normalized");
    });
    (this.compactMap.get(compact(query)) || []).forEach(function (t) { offer(t, 94, "normalized"); });
    if (!isCyrillic(query)) {
      var skel = skeleton(query);
      if (skel.replace(/ /g, "").length >= 3) {
        (this.skelMap.get(skel) || []).forEach(function (t) { offer(t, 90, "translit"); });
      }
    }
    if (folded.length >= 3) {
      prefixRange(this.sortedKeys, folded).forEach(function (pair) {
        if (pair[0] !== folded) offer(pair[1], 82 - Math.min(12, (pair[0].length - folded.length) / 2), "prefix");
      });
    }
    this.byWords(folded.split(" "), offer);
    var best = 0;
    hits.forEach(function (h) { best = Math.max(best, h.score); });
    if (best < 90) this.fuzzy(query, offer);
    return this.collect(hits, limit || 20);
  };

  Index.prototype.wordMatches = function (word) {
    var self = this, found = new Map();
    function offer(w, weight, route) {
      var cur = found.get(w);
      if (!cur || cur[0] < weight) found.set(w, [weight, route]);
    }
    if (this.wordIndex.has(word)) offer(this.wordIndex.get(word), 1, "same");
    (this.formMap.get(word) || []).forEach(function (w) { offer(w, 0.98, "form"); });
    if (!isCyrillic(word)) {
      var key = skeleton(word);
      if (key.length >= 3) (this.wordSkeletons().get(key) || []).forEach(function (w) { offer(w, 0.95, "skeleton"); });
    }
    if (word.length >= 4) {
      prefixRange(this.sortedWords, word).slice(0, 30).forEach(function (pair) {
        if (pair[0] !== word) offer(pair[1], 0.8, "prefix");
      });
    }
    return found;
  };

  Index.prototype.byWords = function (queryWords, offer) {
    var self = this, covered = new Map();
    queryWords.forEach(function (word, q) {
      self.wordMatches(word).forEach(function (value, w) {
        (self.postings.get(w) || []).forEach(function (pair) {
          var t = pair[0], position = pair[1];
          var cover = covered.get(t);
          if (!cover) { cover = new Map(); covered.set(t, cover); }
          var prev = cover.get(position);
          if (!prev || prev[0] < value[0]) cover.set(position, [value[0], value[1], q]);
        });
      });
    });
    covered.forEach(function (positions, t) {
      var total = self.data.termWords[t].length;
      if (!total) return;
      var sum = 0, routes = new Set(), used = new Set(), order = [];
      Array.from(positions.keys()).sort(function (a, b) { return a - b; }).forEach(function (p) {
        var v = positions.get(p); sum += v[0]; routes.add(v[1]); used.add(v[2]); order.push(v[2]);
      });
      var extra = 0;
      queryWords.forEach(function (w, q) { if (!used.has(q)) extra += w.length <= 2 ? 1 : 12; });
      var score, kind;
      if (positions.size === total) {
        score = 92 * sum / total - extra;
        var sorted = order.slice().sort(function (a, b) { return a - b; });
        if (order.join() !== sorted.join()) score -= 1;
        var onlySame = Array.from(routes).every(function (r) { return r === "same"; });
        if (onlySame) kind = extra ? "word" : "normalized";
        else if (routes.has("skeleton")) kind = "translit";
        else if (Array.from(routes).every(function (r) { return r === "same" || r === "prefix"; })) kind = "prefix";
        else kind = "lemma";
      } else {
        score = 74 * (sum / total) * Math.sqrt(positions.size / total) - extra;
        kind = "word";
      }
      offer(t, Math.round(score * 10) / 10, kind);
    });
  };

  Index.prototype.fuzzy = function (query, offer) {
    var index = this.trigramIndex(), probes = [fold(query)];
    if (!isCyrillic(query)) { var s = skeleton(query); if (s && s !== probes[0]) probes.push(s); }
    probes.forEach(function (probe) {
      var counts = new Map();
      trigrams(probe).forEach(function (g) {
        (index.map.get(g) || []).forEach(function (v) { counts.set(v, (counts.get(v) || 0) + 1); });
      });
      Array.from(counts.entries()).sort(function (a, b) { return b[1] - a[1]; }).slice(0, 300)
        .forEach(function (entry) {
          var variant = index.variants[entry[0]], r = ratio(probe, variant[1]);
          if (r >= 70) offer(variant[0], Math.round((40 + 0.45 * r) * 10) / 10, "fuzzy");
        });
    });
  };

  /* Terms close to a query that found nothing: the fuzzy step with a lower bar. */
  Index.prototype.suggest = function (query, limit) {
    var self = this, best = new Map(), probe = fold(query);
    if (probe.length < 3) return [];
    var index = this.trigramIndex(), counts = new Map();
    trigrams(probe).forEach(function (g) {
      (index.map.get(g) || []).forEach(function (v) { counts.set(v, (counts.get(v) || 0) + 1); });
    });
    counts.forEach(function (_, v) {
      var variant = index.variants[v], t = variant[0], r = ratio(probe, variant[1]);
      if (r >= 45 && (!best.has(t) || best.get(t) < r)) best.set(t, r);
    });
    var seen = new Set();
    return Array.from(best.entries()).sort(function (a, b) {
      return b[1] - a[1] || self.terms[a[0]][3] - self.terms[b[0]][3] || a[0] - b[0];
    }).map(function (e) { return self.terms[e[0]][2]; }).filter(function (text) {
      if (seen.has(text)) return false;
      seen.add(text);
      return true;
    }).slice(0, limit);
  };

  Index.prototype.collect = function (hits, limit) {
    var self = this, perConcept = new Map();
    hits.forEach(function (hit, t) {
      if (hit.score < 50) return;
      var term = self.terms[t], cid = term[0];
      var cur = perConcept.get(cid);
      if (!cur || hit.score > cur.score || (hit.score === cur.score && term[3] < self.terms[cur.t][3])) {
        perConcept.set(cid, { t: t, score: hit.score, kind: hit.kind });
      }
    });
    return Array.from(perConcept.entries()).map(function (e) {
      var term = self.terms[e[1].t];
      return { concept: self.data.concepts[e[0]], term: term[2], lang: self.data.languages[term[1]],
               status: term[3], score: e[1].score, kind: e[1].kind, cid: e[0], t: e[1].t };
    }).sort(function (a, b) {
      return b.score - a.score || a.status - b.status || a.term.length - b.term.length || a.cid - b.cid;
    }).slice(0, limit);
  };

  var STATUS = ["preferred", "admitted", "deprecated", "superseded"];
  /* Answers score at least this (glossary/search/tiers.py CONFIDENT). */
  var CONFIDENT = 78;
  var NEAREST = 10;

  var script = document.currentScript;
  var base = script ? script.src.replace(/[^\/]*$/, "") : "";
  var loading = null;
  var index = null;

  function load() {
    if (index) return Promise.resolve(index);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        function ready() { index = new Index(window.GLOSSARY_SEARCH); resolve(index); }
        if (window.GLOSSARY_SEARCH) { ready(); return; }
        var tag = document.createElement("script");
        tag.src = base + "search-index.js";
        tag.onload = ready;
        tag.onerror = function () { loading = null; reject(new Error("cannot load " + tag.src)); };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  /* [start, end] of the words of term whose folded form is one of words (or begins with
   * one, for a beginning typed), else the whole term. */
  function highlight(term, kind, queryWords) {
    if (kind === "exact" || kind === "normalized" || kind === "translit" || kind === "fuzzy") {
      return [[0, term.length]];
    }
    var out = [], re = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-]*/gu, m;
    while ((m = re.exec(term)) !== null) {
      var w = fold(m[0]);
      var hit = queryWords.some(function (q) {
        var stem = q.slice(0, Math.max(3, Math.min(q.length, w.length) - 2));
        return w === q || w.indexOf(stem) === 0 || w.endsWith(q);
      });
      if (hit) out.push([m.index, m.index + m[0].length]);
    }
    return out.length ? out : [[0, term.length]];
  }

  function result(idx, hit, queryWords) {
    var c = idx.data.concepts[hit.cid], term = idx.terms[hit.t];
    var equivalents = [];
    (idx.byConcept.get(hit.cid) || []).forEach(function (t) {
      var other = idx.terms[t], lang = idx.data.languages[other[1]];
      if (lang !== hit.lang && other[3] <= 1) {
        equivalents.push({ lang: lang, term: other[2], status: STATUS[other[3]] });
      }
    });
    var order = idx.data.languages;
    equivalents.sort(function (a, b) {
      return order.indexOf(a.lang) - order.indexOf(b.lang) || STATUS.indexOf(a.status) - STATUS.indexOf(b.status);
    });
    return {
      id: c[0], url: "concepts/" + c[0] + ".html", term: term[2], lang: hit.lang,
      status: STATUS[term[3]], kind: hit.kind, score: hit.score,
      highlight: highlight(term[2], hit.kind, fold(queryWords).split(" ")),
      conceptStatus: c[2], subjects: c[3].slice(), equivalents: equivalents,
      definition: c[4][hit.lang] !== undefined ? (function () { var d = {}; d[hit.lang] = c[4][hit.lang]; return d; })()
        : (function () { var d = {}; Object.keys(c[4]).slice(0, 1).forEach(function (l) { d[l] = c[4][l]; }); return d; })()
    };
  }

  function search(query, options) {
    options = options || {};
    return load().then(function (idx) {
      if (!idx.byConcept) {
        idx.byConcept = new Map();
        idx.terms.forEach(function (term, t) { push(idx.byConcept, term[0], t); });
      }
      var answer = { query: query, readAs: null, matches: [], nearest: [] };
      if (!fold(query)) return answer;
      var found = idx.search(query, Infinity).filter(function (r) {
        var c = r.concept;
        if (options.lang && r.lang !== options.lang) return false;
        if (options.subject && c[3].indexOf(options.subject) < 0) return false;
        if (options.status && STATUS[r.status] !== options.status) return false;
        return true;
      });
      found.forEach(function (r) {
        var hit = { cid: r.cid, t: r.t, lang: r.lang, kind: r.kind, score: r.score };
        var item = result(idx, hit, query);
        if (r.score >= CONFIDENT) answer.matches.push(item);
        else if (answer.nearest.length < NEAREST) answer.nearest.push(item);
      });
      return answer;
    });
  }

  window.GlossarySearch = { search: search, fold: fold, compact: compact, skeleton: skeleton };
})();
