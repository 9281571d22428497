/* The search engine of the web glossary: everything that finds things, no user interface.
 *
 * It answers as `glossary lookup` does: the query is analysed as glossary/search/query.py
 * does, and matched by a port of the tiers of glossary/search/tiers.py and spans.py, over
 * the command line's own index (the same keys, word forms, transliteration keys, compound
 * parts and trigrams), written in shards by glossary/site/searchindex.py. A query loads
 * only the shards it needs, as <script> tags that call GlossarySearch.register(): it
 * works from file:// and fetches nothing. Query words are stemmed by the Snowball
 * stemmers of assets/snowball.js (the release PyStemmer embeds, tools/snowball_js.py),
 * as the command line stems them, and every rule of the command line's tiers is here
 * (tests/test_site_search_engine_browser.py compares them on the whole evaluation set).
 * Where it differs from the command line: the browser has no Voikko, so a query word is
 * matched through the indexed word forms, stems, transliteration keys and beginnings,
 * not through Voikko's lemmas; of the
 * typo candidates (the variants that share most of the query's rarest trigrams) it
 * compares the 40 that share most (of as many, the nearest in length; none too much
 * longer or shorter to be alike enough), and at most 12 (over both spellings of the
 * query) whose text no trigram list read carries, where the command line compares up to
 * 300.
 *
 * window.GlossarySearch:
 *   search(query, {lang, subject, status, details, early}) -> Promise<Answer>
 *     early(Answer), when given, is called once with the answers found before the typo
 *     search, while it runs, if there are some and the whole answer is not ready first.
 *     Answer = {query, readAs: the keyboard-layout reading used (kind "layout") or null,
 *               matches: Result[] (the answers, ranked, all of them),
 *               nearest: Result[] (at most 10 guesses, for "not in the glossary; nearest:")}
 *     Result = {id, url, term, lang, status, kind, score,
 *               highlight: [[start, end], ...] (UTF-16 offsets of the matched words of term),
 *               conceptStatus, subjects: [code...],
 *               equivalents: [{lang, term, status}...] (preferred and admitted terms of the
 *                 concept's other languages, in the glossary's language order),
 *               definition: {lang: first sentence} (every language that has a definition,
 *                 in the glossary's language order; the interface shows its own language
 *                 first), detailed: whether those two are filled}
 *     url is "concepts/<id>.html", relative to an interface language's folder (fi/, ru/,
 *     en/): a page in fi/ links to it as it is.
 *     equivalents and definition are filled for the first options.details answers (20
 *     unless given; a common word can have hundreds), and for as many nearest guesses
 *     when there is no answer (the interface shows guesses only then):
 *   details(results) -> Promise<results>: fills them in for the others (for "show more").
 *   fold(text), compact(text), skeleton(text): the keys of glossary/search/keys.py.
 *   stem(lang, folded word) -> Promise<stem or null>: Language.stem of glossary.languages.
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
    return 100 * (2 * prev[b.length]) / (a.length + b.length);
  }

  /* Python's round(x, 1): the nearest tenth, an exact tie to the even one. */
  function round1(x) {
    var y = x * 10, f = Math.floor(y);
    if (y - f === 0.5 && Number.isInteger(x * 20)) return (f % 2 === 0 ? f : f + 1) / 10;
    return Number(x.toFixed(1));
  }

  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  /* Lists written by glossary/site/searchindex.py, sorted ones as differences ("5,2,33"). */
  function numbers(text, delta) {
    if (!text) return [];
    var out = text.split(","), previous = 0;
    for (var i = 0; i < out.length; i++) {
      var n = Number(out[i]);
      out[i] = delta ? (previous += n) : n;
    }
    return out;
  }

  /* Adds one to counts[n] for each n of a sorted list written as differences, and puts
   * the numbers counted the first time on seen: numbers() without its arrays. */
  function countList(text, counts, seen) {
    if (!text) return;
    var previous = 0, n = 0;
    for (var i = 0, end = text.length; i <= end; i++) {
      var c = i < end ? text.charCodeAt(i) : 44;
      if (c !== 44) { n = n * 10 + c - 48; continue; }
      previous += n;
      n = 0;
      if (counts[previous]++ === 0) seen.push(previous);
    }
  }

  // -- loading ---------------------------------------------------------------------------

  var script = document.currentScript;
  var base = (script ? script.src.replace(/[^\/]*$/, "") : "assets/") + "search/";
  var registered = new Map(), pending = new Map();

  /* Every file of the index calls this with its name and data. */
  function register(name, data) {
    registered.set(name, data);
    var waiting = pending.get(name);
    if (waiting) { pending.delete(name); waiting.resolve(data); }
  }

  function file(name, folder) {
    if (registered.has(name)) return Promise.resolve(registered.get(name));
    var waiting = pending.get(name);
    if (waiting) return waiting.promise;
    waiting = {};
    waiting.promise = new Promise(function (resolve, reject) {
      waiting.resolve = resolve;
      var tag = document.createElement("script");
      tag.src = (folder === undefined ? base : folder) + name + ".js";
      tag.charset = "utf-8";  /* whatever the page's encoding */
      tag.async = true;
      tag.onload = function () {
        if (!registered.has(name)) reject(new Error("the search index file " + tag.src + " is not one"));
      };
      tag.onerror = function () {
        pending.delete(name);
        reject(new Error("cannot load the search index file " + tag.src));
      };
      document.head.appendChild(tag);
    });
    pending.set(name, waiting);
    return waiting.promise;
  }

  /* The number of the range that holds key: starts[0] is "", the rest ascending. */
  function rangeOf(starts, key) {
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= key) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function Store(manifest) {
    this.m = manifest;
    this.keys = new Map();      // shard number -> {keys: Map, order: [key...], variants}
    this.terms = new Map();     // term id -> row
    this.concepts = new Map();  // concept number -> row
    this.grams = new Map();     // rare trigram shard number -> Map(gram -> [count, list])
    this.common = null;         // gram -> [count, list file number] (gc.js)
    this.details = new Map();
    this.variantFiles = new Map();  // variant file number -> [[term id, text]...]
    this.blocks = new Map();        // directory file number -> first keys of its shards
    this.functionWords = new Set(manifest.functionWords);
    /* Prepositions of several words, the longest first (query.function_phrases). */
    this.functionPhrases = (manifest.functionPhrases || []).map(function (p) { return p.split(" "); });
    this.frameWords = new Set(manifest.frameWords);
    this.countryWords = new Set(manifest.countryWords || []);
    this.lightWords = new Set(manifest.lightWords || []);
    this.classifierWords = new Set(manifest.classifierWords || []);
    this.institutions = manifest.institutions || {};
    this.endings = new Set(manifest.endings);
  }

  /* The key shard that holds key (the directory file of its block must be loaded:
   * locate() loads them). */
  Store.prototype.shardOf = function (key) {
    var block = rangeOf(this.m.keyBlocks, key), starts = this.blocks.get(block);
    if (!starts) throw new Error("search: directory of " + JSON.stringify(key) + " not loaded");
    return block * this.m.keyBlock + rangeOf(starts, key);
  };

  /* Loads the directory files (i<n>.js) of keys. */
  Store.prototype.locate = function (keys) {
    var self = this, wanted = new Set();
    keys.forEach(function (k) { wanted.add(rangeOf(self.m.keyBlocks, k)); });
    return Promise.all(Array.from(wanted, function (b) { return self.block(b); }));
  };

  Store.prototype.block = function (b) {
    var self = this;
    if (this.blocks.has(b)) return Promise.resolve(this.blocks.get(b));
    return file("i" + b).then(function (starts) { self.blocks.set(b, starts); return starts; });
  };

  /* The first key of shard n (its directory file loaded). */
  Store.prototype.startOf = async function (n) {
    var size = this.m.keyBlock, starts = await this.block(Math.floor(n / size));
    return starts[n % size];
  };

  /* The term and concept rows a file of keys or variants holds. */
  Store.prototype.rows = function (data) {
    var self = this;
    Object.keys(data.terms).forEach(function (t) { self.terms.set(Number(t), data.terms[t]); });
    Object.keys(data.concepts).forEach(function (c) { self.concepts.set(Number(c), data.concepts[c]); });
  };

  Store.prototype.loadShard = function (n) {
    var self = this;
    if (this.keys.has(n)) return Promise.resolve(this.keys.get(n));
    return file("k" + n).then(function (data) {
      if (self.keys.has(n)) return self.keys.get(n);
      var map = new Map(), order = [];
      data.keys.forEach(function (pair) { map.set(pair[0], pair[1]); order.push(pair[0]); });
      self.rows(data);
      var shard = { keys: map, order: order };
      self.keys.set(n, shard);
      return shard;
    });
  };

  /* Loads the shards that hold keys. */
  Store.prototype.need = async function (keys) {
    var self = this, wanted = new Set();
    keys = keys.filter(Boolean);
    await this.locate(keys);
    keys.forEach(function (k) { wanted.add(self.shardOf(k)); });
    return Promise.all(Array.from(wanted, function (n) { return self.loadShard(n); }));
  };

  Store.prototype.entry = function (key) {
    var shard = this.keys.get(this.shardOf(key));
    if (!shard) throw new Error("search: shard of " + JSON.stringify(key) + " not loaded");
    return shard.keys.get(key) || null;
  };

  Store.prototype.field = function (key, name) {
    var e = this.entry(key);
    if (!e || e[name] === undefined) return [];
    var value = e[name];
    if (typeof value === "string") {
      value = numbers(value, name === "f" || name === "c" || name === "s");
      e[name] = value;
    }
    return value;
  };

  Store.prototype.row = function (tid) {
    var r = this.terms.get(tid);
    return { tid: tid, cid: r[0], lang: this.m.languages[r[1]], text: r[2], status: r[3],
             words: r[4], content: r[5], abbr: !!r[6] };
  };

  Store.prototype.byKey = function (key, kind) {
    if (kind === "compact") return this.field(key, "c").concat(this.field(key, "f"));
    return this.field(key, kind === "fold" ? "f" : "s").slice();
  };

  /* Keys beginning with prefix, in order, from consecutive shards, while take() wants more. */
  Store.prototype.scan = async function (prefix, take) {
    await this.locate([prefix]);
    var n = this.shardOf(prefix), last = this.m.keyShards - 1;
    for (; n <= last; n++) {
      var shard = await this.loadShard(n), order = shard.order;
      var lo = 0, hi = order.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (order[mid] < prefix) lo = mid + 1; else hi = mid; }
      for (var i = lo; i < order.length; i++) {
        if (!order[i].startsWith(prefix)) return;
        if (!take(order[i])) return;
      }
      if (n < last && !(await this.startOf(n + 1)).startsWith(prefix)) return;
    }
  };

  Store.prototype.byKeyPrefix = async function (prefix, limit) {
    var self = this, out = [];
    await this.scan(prefix, function (key) {
      self.field(key, "f").forEach(function (t) { if (out.length < limit) out.push([key, t]); });
      return out.length < limit;
    });
    return out;
  };

  Store.prototype.wordsWithPrefix = async function (prefix, limit) {
    var self = this, out = [];
    await this.scan(prefix, function (key) {
      if (self.entry(key).w !== undefined) out.push(key);
      return out.length < limit;
    });
    return out;
  };

  /* [kind, term word] for an inflected form, stem or transliteration key. */
  Store.prototype.wordKeys = function (key) {
    var out = [];
    this.field(key, "m").forEach(function (w) { out.push(["form", w]); });
    this.field(key, "t").forEach(function (w) { out.push(["stem", w]); });
    this.field(key, "x").forEach(function (w) { out.push(["skeleton", w]); });
    return out;
  };

  Store.prototype.postings = function (word) {
    var list = this.field(word, "w"), out = [];
    for (var i = 0; i + 1 < list.length; i += 2) out.push([list[i], list[i + 1]]);
    return out;
  };

  /* Term words with one of words as a part, with their postings. */
  Store.prototype.compounds = function (words) {
    var self = this, out = new Map();
    words.forEach(function (w) {
      var e = self.entry(w);
      (e && e.h || []).forEach(function (pair) {
        if (out.size >= 500 || out.has(pair[0])) return;
        var list = numbers(pair[1], false), found = [];
        for (var i = 0; i + 1 < list.length; i += 2) found.push([list[i], list[i + 1]]);
        out.set(pair[0], found);
      });
    });
    return out;
  };

  Store.prototype.wordsOrForms = async function (keys) {
    await this.need(keys);
    var self = this, found = new Map();
    keys.forEach(function (k) {
      var words = new Set(self.field(k, "m"));
      var e = self.entry(k);
      if (e && e.w !== undefined) words.add(k);
      if (words.size) found.set(k, words);
    });
    return found;
  };

  /* The trigrams of more than GRAM_INLINE variants: gram -> [count, number of its list
   * file p<n>] (gc.js, read once). */
  Store.prototype.commonGrams = function () {
    var self = this;
    if (this.common) return Promise.resolve(this.common);
    return file("gc").then(function (data) {
      if (!self.common) {
        var map = new Map(), counts = numbers(data[1], false);
        data[0].forEach(function (g, i) { map.set(g, [counts[i], i]); });
        self.common = map;
      }
      return self.common;
    });
  };

  /* A trigram of few variants: [count, [numbers, texts]] from its shard, or null. */
  Store.prototype.rareGram = async function (gram) {
    var starts = this.m.rareShards;
    if (!starts.length) return null;
    var n = rangeOf(starts, gram), shard = this.grams.get(n);
    if (!shard) {
      var data = await file("g" + n);
      shard = this.grams.get(n);
      if (!shard) {
        shard = new Map();
        data.forEach(function (item) { shard.set(item[0], [item[2].length, [item[1], item[2]]]); });
        this.grams.set(n, shard);
      }
    }
    return shard.get(gram) || null;
  };

  /* [variant number, term id, text] of vids, from the files of VARIANT_BUCKET variants
   * that also hold the rows of their terms and concepts. */
  Store.prototype.variants = async function (vids) {
    var self = this, size = this.m.variantBucket, buckets = new Set();
    vids.forEach(function (v) { buckets.add(Math.floor(v / size)); });
    var loaded = await Promise.all(Array.from(buckets, function (n) { return self.variantFile(n); }));
    var byNumber = new Map();
    Array.from(buckets).forEach(function (n, i) { byNumber.set(n, loaded[i]); });
    return vids.slice().sort(function (a, b) { return a - b; }).map(function (v) {
      var item = byNumber.get(Math.floor(v / size))[v % size];
      return [v, item[0], item[1]];
    });
  };

  Store.prototype.variantFile = function (n) {
    var self = this;
    if (this.variantFiles.has(n)) return Promise.resolve(this.variantFiles.get(n));
    return file("v" + n).then(function (data) {
      if (self.variantFiles.has(n)) return self.variantFiles.get(n);
      var list = [];
      data.v.forEach(function (pair) {
        numbers(pair[1], true).forEach(function (tid) { list.push([tid, pair[0]]); });
      });
      self.rows(data);
      self.variantFiles.set(n, list);
      return list;
    });
  };

  var FUZZY_READ = 40, FUZZY_UNREAD = 12;

  /* The length of variant v: variants are numbered by length (manifest variantLengths,
   * [length, first number] pairs). */
  Store.prototype.lengthOf = function (v) {
    var runs = this.m.variantLengths, lo = 0, hi = runs.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (runs[mid][1] <= v) lo = mid; else hi = mid - 1;
    }
    return runs[lo][0];
  };

  /* The numbers [first, end) of the variants whose length is close enough to length
   * for a ratio of 70: 20 * min(length, other) >= 7 * (length + other). */
  Store.prototype.alikeRange = function (length) {
    var runs = this.m.variantLengths, first = this.m.variants, end = 0;
    runs.forEach(function (run, i) {
      var other = run[0];
      if (20 * Math.min(length, other) < 7 * (length + other)) return;
      first = Math.min(first, run[1]);
      end = Math.max(end, i + 1 < runs.length ? runs[i + 1][1] : this.m.variants);
    }, this);
    return [first, end];
  };

  /* glossary.search.index.Index.fuzzy_candidates: the variants that share most of the
   * rarest trigrams of text, as [variant number, text], in number order. The text is
   * null when no list read has it (only lists of at most 1,000 variants carry texts);
   * the term of a variant is in its variant file. */
  Store.prototype.fuzzyCandidates = async function (text, limit, rarest, budget) {
    var self = this;
    var grams = Array.from(trigrams(text)).sort(cmp);
    if (!grams.length) return [];
    var common = await this.commonGrams();
    var rare = grams.filter(function (g) { return !common.has(g); });
    /* The lists of the common trigrams that would be chosen if none of the others had a
     * list are asked for with the shards of the others: those chosen are among them
     * (the others come first, each of fewer variants), and the files load in one round. */
    var ahead = grams.filter(function (g) { return common.has(g); }).map(function (g) {
      return [common.get(g)[0], g, common.get(g)[1]];
    });
    ahead.sort(function (a, b) { return a[0] - b[0] || cmp(a[1], b[1]); });
    for (var j = 0, sum = 0; j < ahead.length && j < rarest && !(j >= 3 && sum + ahead[j][0] > budget); j++) {
      file("p" + ahead[j][2]).catch(function () {});
      sum += ahead[j][0];
    }
    var found = await Promise.all(rare.map(function (g) { return self.rareGram(g); }));
    var known = [];
    grams.forEach(function (g) { if (common.has(g)) known.push([common.get(g)[0], g, common.get(g)[1]]); });
    rare.forEach(function (g, i) { if (found[i]) known.push([found[i][0], g, found[i][1]]); });
    known.sort(function (a, b) { return a[0] - b[0] || cmp(a[1], b[1]); });
    var chosen = [], total = 0;
    for (var i = 0; i < known.length; i++) {
      if (chosen.length >= rarest || (chosen.length >= 3 && total + known[i][0] > budget)) break;
      chosen.push(known[i]);
      total += known[i][0];
    }
    if (!chosen.length) return [];
    chosen.sort(function (a, b) { return cmp(a[1], b[1]); });
    var lists = await Promise.all(chosen.map(function (c) {
      return typeof c[2] === "number" ? file("p" + c[2]) : Promise.resolve(c[2]);
    }));
    /* A list is its numbers, or [numbers, texts] (a text "" is the one before it).
     * The lists hold tens of thousands of numbers: they are counted as they are read,
     * in an array indexed by variant number, without building arrays of them. */
    var counts = new Uint8Array(this.m.variants), seen = [], texts = new Map();
    lists.forEach(function (list) {
      if (typeof list === "string") { countList(list, counts, seen); return; }
      var text = "";
      numbers(list[0], true).forEach(function (v, i) {
        if (counts[v]++ === 0) seen.push(v);
        text = list[1][i] || text;
        texts.set(v, text);
      });
    });
    /* Unlike the command line, a variant too much longer or shorter to be 70 alike
     * (ratio: twice the common letters over both lengths) is no candidate: variants are
     * numbered by length, so those alike enough are a range of numbers. */
    var length = text.length, range = this.alikeRange(length);
    function alikeEnough(v) { return range[0] <= v && v < range[1]; }
    var shared = Math.max(1, chosen.length - 4), best = [];
    seen.forEach(function (v) { if (counts[v] >= shared && alikeEnough(v)) best.push([counts[v], v]); });
    if (!best.length) {
      seen.forEach(function (v) { if (alikeEnough(v)) best.push([counts[v], v]); });
      best.sort(function (a, b) { return b[0] - a[0]; });
      best = best.slice(0, limit);
    }
    if (best.length > limit) {
      best.sort(function (a, b) { return b[0] - a[0] || b[1] - a[1]; });
      best = best.slice(0, limit);
    }
    /* Unlike the command line, only the FUZZY_READ that share most trigrams (of as many,
     * the nearest in length) are compared, and of those whose text no list read has (its
     * variant file must be read), only FUZZY_UNREAD, which fuzzy() cuts to FUZZY_UNREAD
     * over both spellings: the budget is per query. Each comes with [trigrams shared,
     * difference in length], by which fuzzy() ranks them. */
    best.forEach(function (b) { b.push(Math.abs(self.lengthOf(b[1]) - length)); });
    best.sort(function (a, b) { return b[0] - a[0] || a[2] - b[2] || a[1] - b[1]; });
    var taken = [], unread = 0;
    for (var k = 0; k < best.length && taken.length < FUZZY_READ; k++) {
      if (texts.has(best[k][1])) taken.push(best[k][1]);
      else if (unread < FUZZY_UNREAD) { unread++; taken.push(best[k][1]); }
    }
    var rank = new Map();
    best.forEach(function (b) { rank.set(b[1], [b[0], b[2]]); });
    return taken.sort(function (a, b) { return a - b; })
      .map(function (v) { return [v, texts.has(v) ? texts.get(v) : null, rank.get(v)]; });
  };

  Store.prototype.detail = function (cid) {
    var self = this, n = Math.floor(cid / this.m.detailBucket);
    if (this.details.has(n)) return Promise.resolve(this.details.get(n)[cid % this.m.detailBucket]);
    return file("d" + n).then(function (data) {
      self.details.set(n, data);
      return data[cid % self.m.detailBucket];
    });
  };

  // -- the query (glossary/search/query.py) ----------------------------------------------

  var HYPHENS = "-\u2010\u2011\u2012\u2013";
  var CONJUNCTIONS = ["ja", "tai", "sekä", "eli", "и", "или", "либо", "а", "and", "or"];
  var W = "[\\p{L}\\p{N}\\p{M}_]";
  var BROKEN = new RegExp("(" + W + ")[" + HYPHENS + "][ \\t]*(?:\\r?\\n)?[ \\t]+(?!(?:" +
                          CONJUNCTIONS.join("|") + ")(?!" + W + "))(" + W + ")", "giu");
  var BROKEN_AT_NEWLINE = new RegExp("(" + W + ")[" + HYPHENS + "]\\r?\\n[ \\t]*(" + W + ")", "gu");
  var VOWELS = "aeiouyäöå";
  var SHORT = 6;
  var CAPS = "A-ZÄÖÅА-ЯЁ";
  var ABBREVIATION = new RegExp("^([" + CAPS + "][" + CAPS + "0-9]+)(?::|-)?([a-zäöå]+)$", "u");
  var COLON_FORM = /^([\p{L}\p{N}]{2,}):([a-zäöå]+)$/iu;

  function join(match, left, right) {
    var same = left.toLowerCase() === right.toLowerCase() && VOWELS.indexOf(left.toLowerCase()) >= 0;
    return same ? left + "-" + right : left + right;
  }

  /* query._spelt_out: a parenthesis holding the initials of the words just before it
   * (``vocational education and training (VET)``) is those words; each stretch of the
   * text is read once. */
  var PARENTHESIS = /(?<!\s)\s*\(([A-ZÄÖÅА-ЯЁ]{2,8})\)/gu;
  function initials(before, letters) {
    var parts = before.slice(-400).trim().split(/[\s\-\u2010\u2011\u2012\u2013\/]+/);
    var wanted = Array.from(letters.toLowerCase()), given = 0;
    for (var i = parts.length - 1; i >= 0 && wanted.length; i--) {
      if (!parts[i]) continue;
      if (parts[i][0].toLowerCase() === wanted[wanted.length - 1]) { wanted.pop(); given++; }
      else if (Array.from(parts[i]).length > 3) return false;
    }
    return !wanted.length && given >= 2;
  }
  function speltOut(text) {
    var out = [], last = 0, found;
    PARENTHESIS.lastIndex = 0;
    while ((found = PARENTHESIS.exec(text)) !== null) {
      var before = text.slice(last, found.index);
      out.push(before);
      if (!(before.trim() && initials(before, found[1]))) out.push(found[0]);
      last = found.index + found[0].length;
    }
    out.push(text.slice(last));
    return out.join("");
  }

  /* query._WEB_ADDRESS: a web address joined by a hyphen is the name before its domain. */
  var WEB_ADDRESS = /(?<![\p{L}\p{N}_.])(?:www\.)?([A-Za-zÄÖÅäöå][\p{L}\p{N}_]*)\.(?:fi|eu|ru|com|org|net)(?=-[\p{L}\p{N}_])/gu;

  function clean(text) {
    text = text.replace(/\u00ad/g, "");
    if (text.indexOf(".") >= 0) text = text.replace(WEB_ADDRESS, "$1");
    if (text.indexOf("(") >= 0) text = speltOut(text);
    if (/[-\u2010\u2011\u2012\u2013]/.test(text)) {
      text = text.replace(BROKEN_AT_NEWLINE, join).replace(BROKEN, join);
    }
    return text.split(/\s+/).filter(Boolean).join(" ");
  }

  /* query.py: Russian case endings of an abbreviation declined as a masculine noun. */
  var RU_CASES = ["а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах"];
  var RU_ABBREVIATION = /^([А-ЯЁ]{2,})-?([а-яё]{1,3})$/u;
  var RU_WORD = /^[А-ЯЁа-яё][а-яё]{2,}$/u;

  /* query.declined_readings: ``вуза`` -> ``вуз``, for abbreviations written as a word. */
  function declinedReadings(word) {
    if (!RU_WORD.test(word)) return [];
    var lowered = word.toLowerCase(), out = [];
    RU_CASES.forEach(function (e) {
      if (lowered.endsWith(e) && lowered.length - e.length >= 3) out.push(fold(lowered.slice(0, lowered.length - e.length)));
    });
    return out;
  }

  function abbreviationReadings(store, word) {
    var russian = RU_ABBREVIATION.exec(word);
    if (russian) return RU_CASES.indexOf(russian[2]) >= 0 ? [fold(russian[1])] : [];
    var found = ABBREVIATION.exec(word) || COLON_FORM.exec(word);
    if (!found || !caseEnding(store, found[2].toLowerCase())) return [];
    return [fold(found[1])];
  }

  /* A case ending, with or without a possessive suffix after it, as query._case_ending:
   * HOKSiasi, HOKSissamme, HOKSisi (the -n of a case dropped), HOKSissaan. */
  function caseEnding(store, ending) {
    var endings = store.endings, possessives = store.m.possessives;
    if (endings.has(ending)) return true;
    var n = ending.length;
    for (var i = 0; i < possessives.length; i++) {
      var suffix = possessives[i], rest = ending.slice(0, n - suffix.length);
      if (ending.endsWith(suffix) && rest && (endings.has(rest) || endings.has(rest + "n"))) return true;
    }
    return n >= 3 && ending[n - 1] === "n" && ending[n - 2] === ending[n - 3] &&
      VOWELS.indexOf(ending[n - 2]) >= 0 && endings.has(ending.slice(0, n - 2));
  }

  /* Whether set (the manifest's forms of light or classifier words, folded) has word, or
   * word without a Finnish clitic particle or possessive suffix, which the command line's
   * Snowball stems drop: Opintopolku-palvelukin, -palvelussamme. */
  var PARTICLES = ["kaan", "kin", "han", "pa", "ko"], POSSESSIVES = ["nsa", "mme", "nne", "ni", "si"];
  function hasForm(set, word) {
    if (set.has(word)) return true;
    var w = word;
    for (var i = 0; i < PARTICLES.length; i++) {
      if (w.length > PARTICLES[i].length + 3 && w.endsWith(PARTICLES[i])) { w = w.slice(0, -PARTICLES[i].length); break; }
    }
    if (set.has(w)) return true;
    return POSSESSIVES.some(function (p) {
      return w.length > p.length + 3 && w.endsWith(p) && set.has(w.slice(0, -p.length));
    });
  }

  function isUpper(ch) { return ch !== ch.toLowerCase() && ch === ch.toUpperCase(); }

  /* query._in_phrases: the positions of words inside one of the phrases, each found
     where it stands. */
  function inPhrases(words, phrases) {
    var out = new Set();
    words.forEach(function (w, i) {
      for (var k = 0; k < phrases.length; k++) {
        var p = phrases[k];
        if (p[0] !== w || i + p.length > words.length) continue;
        if (p.every(function (pw, j) { return words[i + j] === pw; })) {
          for (var j = 0; j < p.length; j++) out.add(i + j);
          break;
        }
      }
    });
    return out;
  }

  function analyse(store, text) {
    var cleaned = clean(text), folded = fold(cleaned);
    var words = folded ? folded.split(" ") : [];
    var cyrillic = isCyrillic(cleaned);
    var abbreviations = [], at = [], endings = new Set(), position = 0;
    cleaned.split(" ").filter(Boolean).forEach(function (raw) {
      var parts = wordCount(raw);
      abbreviationReadings(store, raw.replace(/^[.,;()\[\]«»"']+|[.,;()\[\]«»"']+$/g, "")).forEach(function (r) {
        if (abbreviations.indexOf(r) < 0) abbreviations.push(r);
        if (parts) {
          at.push([position, r]);
          for (var p = position + 1; p < position + parts; p++) endings.add(p);
        }
      });
      position += parts;
    });
    if (position !== words.length) { at = []; endings = new Set(); }
    var small = store.functionWords, fixed = inPhrases(words, store.functionPhrases);
    var fn = words.map(function (w, i) {
      return Array.from(w).length <= 1 || small.has(w) || endings.has(i) || fixed.has(i) ||
        (!cyrillic && Array.from(w).length <= SHORT && small.has(skeleton(w)));
    });
    var tokens = cleaned.split(" ").filter(Boolean);
    var ellipses = suspended(tokens, words);
    var declined = tokens.length === 1 ? declinedReadings(tokens[0].replace(/^[.,;()\[\]«»"']+|[.,;()\[\]«»"']+$/g, "")) : [];
    var letters = Array.from(cleaned).filter(function (ch) { return /\p{L}/u.test(ch); });
    var capitals = letters.length >= 2 && letters.every(isUpper);
    var content = [], contentPositions = new Set(), functionPositions = new Set(), light = new Set();
    words.forEach(function (w, i) {
      if (fn[i]) functionPositions.add(i); else { content.push(w); contentPositions.add(i); }
      /* query.light_positions: modifiers of evaluation, time or sequence (the manifest
         lists the forms of the light words that have their stems). */
      if (!fn[i] && hasForm(store.lightWords, w)) light.add(i);
    });
    return {
      raw: text, text: cleaned, folded: folded, compact: compact(cleaned), words: words,
      fn: fn, skeleton: cyrillic ? "" : skeleton(cleaned), cyrillic: cyrillic,
      abbreviations: abbreviations, abbreviationAt: at, declined: declined, capitals: capitals,
      content: content, contentPositions: contentPositions, functionPositions: functionPositions,
      light: light, onlyFunctionWords: words.length > 0 && fn.every(Boolean) && !capitals,
      ellipses: ellipses, coordination: ellipses.length ? null : coordinated(words)
    };
  }

  var SUSPENDED = new RegExp("^(" + W + "+)[" + HYPHENS + "],?$", "u");

  function wordCount(token) { return fold(token).split(" ").filter(Boolean).length; }

  /* query.coordinated: the one run of conjunctions that joins a first conjunct of one to
   * three words to a second of at least two ([first, end]), or null. */
  function coordinated(words) {
    var runs = [];
    words.forEach(function (w, i) { if (CONJUNCTIONS.indexOf(w) >= 0) runs.push(i); });
    if (!runs.length || runs[runs.length - 1] - runs[0] + 1 !== runs.length) return null;
    var first = runs[0], end = runs[runs.length - 1] + 1;
    if (first < 1 || first > 3 || words.length - end < 2) return null;
    return [first, end];
  }

  /* query.suspended: coordinations with a hyphen ellipsis (perus-, ammatti- tai
   * erikoisammattitutkinto): [[positions of the first parts], position of the word]. */
  function suspended(tokens, words) {
    var places = [], position = 0;
    tokens.forEach(function (token) { places.push(position); position += wordCount(token); });
    if (position !== words.length) return [];
    var found = [], parts = [], conjunction = false;
    tokens.forEach(function (token, at) {
      if (SUSPENDED.test(token)) { parts.push(places[at]); conjunction = false; }
      else if (parts.length && CONJUNCTIONS.indexOf(fold(token)) >= 0) conjunction = true;
      else if (parts.length && conjunction && wordCount(token) === 1) {
        found.push([parts, places[at]]);
        parts = []; conjunction = false;
      } else { parts = []; conjunction = false; }
    });
    return found;
  }

  /* glossary/search/__init__.py _latin_capitals(): Latin capitals only, an abbreviation
   * as typed or a Russian one typed with Caps Lock on another layout (AJC for ФОС). */
  function latinCapitals(text) {
    /* The spaces of glossary.search._SPACES, not \s (which differs from Python's). */
    var letters = Array.from(text).filter(function (ch) { return " \t\n\r\f\v\u00a0".indexOf(ch) < 0; });
    return letters.length >= 2 && letters.every(function (ch) { return ch >= "A" && ch <= "Z"; });
  }

  /* glossary/search/layouts.py readings(): what text reads as on the other layouts. */
  function readings(store, text) {
    var chars = Array.from(text), letters = chars.filter(function (ch) { return /\p{L}/u.test(ch); });
    if (!letters.length) return [];
    var cyr = letters.filter(function (ch) { return ch >= "\u0400" && ch <= "\u04ff"; }).length;
    if (cyr && cyr !== letters.length) return [];
    var names = cyr ? ["ru>us", "ru>fi"] : ["us>ru", "fi>ru"], out = [];
    names.forEach(function (name) {
      var table = store.m.layouts[name];
      var reading = chars.map(function (ch) { return table.hasOwnProperty(ch) ? table[ch] : ch; })
        .join("").split(/\s+/).filter(Boolean).join(" ");
      if (reading && reading !== text && out.indexOf(reading) < 0) out.push(reading);
    });
    return out;
  }

  // -- the tiers (glossary/search/tiers.py) ----------------------------------------------

  var CONFIDENT = 78, UNACCOUNTED = 15, SLIP = 75, LONGEST_WORD = 60, LONGEST_PHRASE = 40;
  var GOOD = 90, FLOOR = 50, MIN_HEAD = 4, MIN_MODIFIER = 3;
  var WEIGHT = { same: 1, form: 0.98, lemma: 0.98, skeleton: 0.95, stem: 0.9, compound: 0.8, prefix: 0.8 };
  var SAME_WORD = new Set(["same", "form", "lemma", "skeleton", "stem"]);

  function Hit(score, kind, guess, places) {
    return { score: score, kind: kind, guess: !!guess, places: places || null };
  }

  function better(a, b) {  /* a.key() > b.key() */
    if (a.guess !== b.guess) return !a.guess;
    return a.score > b.score;
  }

  function offer(hits, tid, hit) {
    var current = hits.get(tid);
    if (!current || better(hit, current)) hits.set(tid, hit);
  }

  function confident(hit, line) { return !hit.guess && hit.score >= line; }

  async function wholeTerm(store, q, hits) {
    await store.need([q.folded, q.compact, q.skeleton].concat(q.abbreviations, q.declined));
    store.byKey(q.folded, "fold").forEach(function (tid) {
      var row = store.row(tid);
      if (row.text === q.text) offer(hits, tid, Hit(100, "exact"));
      else if (row.text.toLowerCase() === q.text.toLowerCase()) offer(hits, tid, Hit(98, "normalized"));
      else offer(hits, tid, Hit(96, "normalized"));
    });
    if (q.compact !== q.folded) {
      store.byKey(q.compact, "compact").forEach(function (tid) { offer(hits, tid, Hit(94, "normalized")); });
    }
    if (q.skeleton && q.skeleton.replace(/ /g, "").length >= 3) {
      store.byKey(q.skeleton, "skeleton").forEach(function (tid) { offer(hits, tid, Hit(90, "translit")); });
    }
    q.abbreviations.forEach(function (reading) {
      store.byKey(reading, "fold").forEach(function (tid) {
        if (store.row(tid).abbr) offer(hits, tid, Hit(91, "lemma"));
      });
    });
    q.declined.forEach(function (reading) {
      store.byKey(reading, "fold").forEach(function (tid) {
        var row = store.row(tid), rest = row.text.slice(1);
        if (row.abbr && row.text.indexOf(" ") < 0 && rest === rest.toLowerCase() && rest !== rest.toUpperCase()) {
          offer(hits, tid, Hit(91, "lemma"));
        }
      });
    });
    if (q.folded.length >= 3) {
      (await store.byKeyPrefix(q.folded, 50)).forEach(function (pair) {
        if (pair[0] !== q.folded) {
          offer(hits, pair[1], Hit(round1(60 + 25 * (q.folded.length / pair[0].length)), "prefix"));
        }
      });
    }
  }

  /* glossary.languages' Language.stem: Snowball's stem of each part of a hyphenated
   * word; Finnish made to agree on -nen and -us/-ys (koulutus, koulutuksen -> koulutuks),
   * English keeping an agent noun's ending (recruiters -> recruiter). null for a language
   * without a stemmer here. */
  var VOWELS_FI = "aeiouyäö";
  function stemOf(store, lang, word) {
    var stemmer = store.stemmers && store.stemmers[lang];
    if (!stemmer) return null;
    if (lang === "fi") {
      var cut = word.lastIndexOf("-"), prefix = word.slice(0, cut + 1), last = word.slice(cut + 1);
      var n = Array.from(last).length;
      if (n > 5 && last.endsWith("nen")) return prefix + last.slice(0, -3) + "s";
      if (n > 4 && ["us", "ys", "os", "ös", "as", "äs"].indexOf(last.slice(-2)) >= 0 &&
          VOWELS_FI.indexOf(last.slice(-3, -2)) < 0) return prefix + last.slice(0, -1) + "ks";
    }
    return word.split("-").map(function (part) {
      var stem = stemmer.stemWord(part);
      if (lang === "en") {
        var singular = part.endsWith("s") && !part.endsWith("ss") ? part.slice(0, -1) : part;
        var agent = function (w) { return w.endsWith("er") || w.endsWith("or") || w.endsWith("ist"); };
        if (Array.from(singular).length > 5 && agent(singular) && !agent(stem)) return singular;
      }
      return stem;
    }).join("-");
  }

  /* Term words a query word may stand for: term word -> [weight, route]. The browser has
   * no Voikko: the lemmas of query words are left out. */
  async function wordMatches(store, word, fn) {
    var found = new Map();
    function take(w, route) {
      var weight = WEIGHT[route], cur = found.get(w);
      if (!cur || cur[0] < weight) found.set(w, [weight, route]);
    }
    take(word, "same");
    if (fn) return found;
    var key = isCyrillic(word) ? "" : skeleton(word);
    var other = key.length >= 3 && key !== word;
    var stems = [];
    store.m.languages.forEach(function (lang) {
      var stem = stemOf(store, lang, word);
      if (stem && stem !== word && stems.indexOf(stem) < 0) stems.push(stem);
    });
    await store.need((other ? [word, key] : [word]).concat(stems));
    store.wordKeys(word).forEach(function (p) { take(p[1], p[0]); });
    if (other) {
      store.wordKeys(key).forEach(function (p) { if (p[0] === "skeleton") take(p[1], "skeleton"); });
    }
    stems.forEach(function (stem) {
      store.wordKeys(stem).forEach(function (p) { if (p[0] === "stem") take(p[1], "stem"); });
    });
    if (Array.from(word).length >= 4) {
      (await store.wordsWithPrefix(word, 30)).forEach(function (w) { if (w !== word) take(w, "prefix"); });
    }
    return found;
  }

  async function queryHeads(store, word) {
    var chars = Array.from(word), tails = [];
    for (var cut = MIN_MODIFIER; cut <= chars.length - MIN_HEAD; cut++) {
      var tail = chars.slice(cut).join("").replace(/^-+/, "");
      if (Array.from(tail).length >= MIN_HEAD) tails.push(tail);
    }
    if (!tails.length) return new Map();
    var known = await store.wordsOrForms(tails);
    for (var i = 0; i < tails.length; i++) {
      if (known.get(tails[i])) {
        var out = new Map();
        known.get(tails[i]).forEach(function (w) { out.set(w, [WEIGHT.compound, "compound"]); });
        return out;
      }
    }
    return new Map();
  }

  async function byWords(store, q, hits, extra, inside) {
    var known = new Set();
    if (!q.words.length) return known;
    var small = store.functionWords, single = q.content.length === 1;
    var covered = new Map(), heads = new Map(), spread = new Map();
    function get(map, key) { var v = map.get(key); if (!v) { v = new Map(); map.set(key, v); } return v; }
    var matches = await Promise.all(q.words.map(function (w, i) { return wordMatches(store, w, q.fn[i]); }));
    var all = [];
    matches.forEach(function (found, i) {
      if (extra && extra.has(i)) extra.get(i).forEach(function (v, w) { if (!found.has(w)) found.set(w, v); });
      found.forEach(function (_, w) { all.push(w); });
    });
    if (inside) q.abbreviationAt.forEach(function (a) { all.push(a[1]); });
    /* tiers._Context.compound_query: whether the one content word begins with a glossary
       word, a form of one or a stem in -s (tutkinto|koulutukseen, osaamis|tarpeisiin),
       and goes on long enough to be a word of its own. */
    var parts = [], letters = single ? Array.from(q.content[0]) : [];
    /* Not for a word longer than any compound (a pasted string of thousands of letters
       would ask for as many keys, of as many letters each). */
    if (single && !q.cyrillic && letters.length <= LONGEST_WORD) {
      for (var cut = 4; cut <= letters.length - 6; cut++) parts.push(letters.slice(0, cut).join(""));
    }
    var partWords = (await Promise.all([store.wordsOrForms(parts), store.need(all)]))[0];
    var compoundQuery = partWords.size > 0 || parts.some(function (part) {
      return part.endsWith("s") && store.field(part, "t").length > 0;
    });
    for (var qp = 0; qp < q.words.length; qp++) {
      var found = matches[qp];
      if (inside) {
        q.abbreviationAt.forEach(function (a) {
          if (a[0] === qp && !small.has(a[1])) {
            store.postings(a[1]).forEach(function (p) { get(get(spread, p[0]), qp).set(p[1], [1, "same"]); });
          }
        });
      }
      var same = [];
      found.forEach(function (value, w) {
        var weight = value[0], route = value[1], postings = store.postings(w);
        if (postings.length && SAME_WORD.has(route)) same.push(w);
        var contentWord = Array.from(w).length > 1 && !small.has(w);
        var cover = [weight, route, qp, contentWord];
        var runs = inside && contentWord && SAME_WORD.has(route);
        postings.forEach(function (p) {
          var tid = p[0], position = p[1], byPos = get(covered, tid), best = byPos.get(position);
          if (!best || best[0] < weight) byPos.set(position, cover);
          if (runs) {
            var here = get(get(spread, tid), qp), old = here.get(position);
            if (!old || old[0] < weight) here.set(position, [weight, route]);
          }
        });
      });
      if (same.length) known.add(qp);
      if (single && !q.fn[qp] && same.length) {
        var weight = Math.max.apply(null, same.map(function (w) { return found.get(w)[0]; }));
        store.compounds(same).forEach(function (postings) {
          postings.forEach(function (p) {
            var places = get(heads, p[0]);
            if (!places.has(p[1])) places.set(p[1], [weight, qp]);
          });
        });
      }
    }
    /* tiers.py by_words(): the query words that head another term of an abbreviation's
       concept (``VET education``, not ``ECTS credits``). */
    var conceptWords = new Map(), abbreviated = new Set();
    covered.forEach(function (_, tid) { var r = store.row(tid); if (r.abbr) abbreviated.add(r.cid); });
    if (abbreviated.size && q.content.length > 1) {
      covered.forEach(function (positions, tid) {
        var r = store.row(tid);
        if (r.abbr || !abbreviated.has(r.cid)) return;
        var heads = headPositions(store, r), set = conceptWords.get(r.cid) || new Set();
        positions.forEach(function (v, p) { if (v[3] && SAME_WORD.has(v[1]) && heads.has(p)) set.add(v[2]); });
        conceptWords.set(r.cid, set);
      });
    }
    /* tiers.py by_words(): the query words each term has, by concept; a word of another
       term of the same concept says the same thing again (``school pupils``). */
    var termWords = new Map();
    if (q.content.length > 1) {
      covered.forEach(function (positions, tid) {
        var r = store.row(tid);
        if (r.abbr) return;
        var set = new Set(), byTerm = termWords.get(r.cid) || new Map();
        positions.forEach(function (v) { if (v[3] && SAME_WORD.has(v[1])) set.add(v[2]); });
        byTerm.set(tid, set);
        termWords.set(r.cid, byTerm);
      });
    }
    /* tiers.py by_words(): a phrase that is a term without its first, classifying words
       answers when no other concept has all its words and no term is its head alone. */
    var shortened = new Map(), headTerm = false;
    var lastContent = Math.max.apply(null, [-1].concat(Array.from(q.contentPositions)));
    covered.forEach(function (positions, tid) {
      var shape = scoreWords(q, store.row(tid), positions, single, hits, conceptWords, store, termWords, compoundQuery);
      if (shape && shape.tail !== undefined) shortened.set(tid, shape.tail);
      else if (shape && shape.used.has(lastContent)) headTerm = true;
    });
    if (shortened.size && !headTerm && !Array.from(hits.values()).some(function (h) { return confident(h, CONFIDENT); })) {
      var shortCids = new Set();
      shortened.forEach(function (_, tid) { shortCids.add(store.row(tid).cid); });
      if (shortCids.size === 1) {
        shortened.forEach(function (score, tid) { if (score !== null) offer(hits, tid, Hit(score, "word")); });
      }
    }
    if (inside) spread.forEach(function (at, tid) { runs(q, store.row(tid), at, inside); });
    heads.forEach(function (places, tid) {
      var row = store.row(tid);
      if (row.abbr) return;
      var share = places.size / Math.max(row.content, 1), sum = 0;
      places.forEach(function (v) { sum += v[0]; });
      offer(hits, tid, Hit(round1(78 + 2 * Math.min(share, 1) * (sum / places.size)), "compound", false,
                           Array.from(places.keys())));
    });
    return known;
  }

  function asWritten(places) {
    var ok = true;
    places.forEach(function (v) { if (v[1] !== "same") ok = false; });
    return ok;
  }

  function runs(q, row, at, inside) {
    var need = row.content;
    if (need < 1) return;
    var content = q.contentPositions;
    var order = Array.from(at.keys()).sort(function (a, b) { return a - b; });
    order.forEach(function (first) {
      if (row.abbr && !asWritten(at.get(first))) return;
      var taken = new Map(), used = new Set(), position = first, end = first;
      /* runs.may_take: a content word, or a function word that is one of the term's
       * words not yet taken (обучение в течение всей жизни). */
      var mayTake = function (at_) {
        if (content.has(at_)) return true;
        var ok = false;
        (at.get(at_) || new Map()).forEach(function (v, p) { if (!taken.has(p)) ok = true; });
        return ok;
      };
      for (;;) {
        var free = [];
        (at.get(position) || new Map()).forEach(function (v, p) { if (!taken.has(p)) free.push([p, v]); });
        if (!free.length || (row.abbr && !asWritten(at.get(position)))) break;
        var pick = free[0];
        free.forEach(function (item) { if (item[1][0] > pick[1][0]) pick = item; });
        taken.set(pick[0], pick[1]);
        used.add(position);
        end = position + 1;
        if (taken.size === need) break;
        position = end;
        while (position < q.words.length && !mayTake(position)) position++;
      }
      if (taken.size < need) return;
      var spare = 0;
      for (var p = first; p < end; p++) if (!content.has(p) && !used.has(p)) spare++;
      var sum = 0, routes = new Set(), keys = Array.from(taken.keys());
      taken.forEach(function (v) { sum += v[0]; routes.add(v[1]); });
      var sorted = keys.slice().sort(function (a, b) { return a - b; });
      var inverted = keys.join() !== sorted.join() ? 1 : 0;
      var score = round1(92 * (sum / need) - 0.5 * spare - inverted);
      var kind = Array.from(routes).every(function (r) { return r === "same"; }) ? "normalized" : "lemma";
      /* Found through stems alone: a word derived from the term's (runs.Inside.stem_only). */
      var stemOnly = routes.size === 1 && routes.has("stem");
      inside.push({ start: first, end: end, tid: row.tid, score: score, kind: kind, stemOnly: stemOnly });
    });
  }

  /* tiers.py _head_positions(): the words that head a term or one of its conjuncts. */
  function headPositions(store, row) {
    var words = fold(row.text).split(" "), out = new Set();
    var last = (store.m.headLast || []).indexOf(row.lang) >= 0;
    out.add(last ? words.length - 1 : 0);
    words.forEach(function (w, i) { if (CONJUNCTIONS.indexOf(w) >= 0) out.add(last ? i - 1 : i + 1); });
    return out;
  }

  /* Whether the query words cover the last words of the term, in order, in a language
   * that puts the head last, and the words left out are content words (shapes.tail_of_term). */
  function tailOfTerm(store, row, positions) {
    if ((store.m.headLast || []).indexOf(row.lang) < 0) return false;
    var ordered = Array.from(positions.keys()).sort(function (a, b) { return a - b; });
    for (var i = 0; i < ordered.length; i++) {
      var v = positions.get(ordered[i]);
      if (ordered[i] !== row.words - ordered.length + i || !SAME_WORD.has(v[1])) return false;
      if (i && positions.get(ordered[i - 1])[2] > v[2]) return false;
    }
    return fold(row.text).split(" ").slice(0, ordered[0]).every(function (w) {
      return Array.from(w).length > 1 && !store.functionWords.has(w) && CONJUNCTIONS.indexOf(w) < 0;
    });
  }

  function scoreWords(q, row, positions, single, hits, conceptWords, store, termWords, compoundQuery) {
    if (row.abbr) {
      var kept = new Map();
      positions.forEach(function (v, p) {
        if (v[1] === "same" && (q.capitals || !q.fn[v[2]])) kept.set(p, v);
      });
      positions = kept;
    }
    var found = 0, total = 0, routes = new Set(), used = new Set(), places = [];
    positions.forEach(function (v, p) {
      used.add(v[2]);
      if (v[3]) { found++; total += v[0]; routes.add(v[1]); places.push(p); }
    });
    if (!found) return;
    var mean = total / found, unaccounted = 0, light = 0;
    /* tiers._score_words: the country named another way (``Минпросвещения РФ``): a
       query's country word stands for the term's country words it leaves out. */
    var frames = single || !store ? [] : countryPlaces(store, row).filter(function (p) { return !positions.has(p); });
    if (frames.length) {
      q.contentPositions.forEach(function (p) { if (!used.has(p) && store.countryWords.has(q.words[p])) used.add(p); });
    }
    var own = row.abbr && conceptWords && conceptWords.get(row.cid);
    var again = new Set(), rest = [];
    if (!row.abbr && found >= row.content && termWords && termWords.has(row.cid)) {
      termWords.get(row.cid).forEach(function (set, tid) {
        if (tid !== row.tid) set.forEach(function (p) { again.add(p); });
      });
    }
    q.contentPositions.forEach(function (p) {
      if (used.has(p)) return;
      /* A modifier of evaluation, time or sequence costs like a function word; an
         abbreviation followed by the head of its own full term says it twice, and so
         does a word of another term of the same concept. */
      if (q.light.has(p) || (own && own.has(p)) || again.has(p)) light++;
      else { unaccounted++; rest.push(p); }
    });
    if (unaccounted && !row.abbr && found >= row.content && row.content === 1 && store) {
      /* An adjective in front of a type of VET institution names one institution. */
      var modifiers = institutionModifiers(store, q, row, rest, used, termWords);
      light += modifiers; unaccounted -= modifiers;
    }
    var only = function (set) { return Array.from(routes).every(function (r) { return set.indexOf(r) >= 0; }); };
    var looksAlike = only(["prefix"]), all = Math.max(row.content, 1), hit;
    /* The term's country words that the query leaves out, when nothing else is. */
    var framed = found < all && !single && !unaccounted && only(Array.from(SAME_WORD)) &&
      frames.length >= all - found ? frames.length : 0;
    if (found + framed >= all) {
      var spare = light;
      q.functionPositions.forEach(function (p) { if (!used.has(p)) spare++; });
      var missing = Math.max(row.words - positions.size, 0);
      var order = Array.from(positions.keys()).sort(function (a, b) { return a - b; })
        .map(function (p) { return positions.get(p)[2]; });
      var inOrder = order.every(function (v, i) { return i === 0 || order[i - 1] <= v; });
      var score = 92 * mean - 1 * missing - 0.5 * spare - (inOrder ? 0 : 1);
      if (unaccounted) {
        hit = Hit(round1(score - UNACCOUNTED * unaccounted), "word");
        hit.places = places;
        if (hit.score >= FLOOR) offer(hits, row.tid, hit);
        return { used: used };
      }
      /* A query word stands for a term word only through its head: a compound that
       * names a narrower concept (ammatillista peruskoulutusta is not ammatillinen
       * koulutus), so a guess. */
      else if (routes.has("compound")) hit = Hit(round1(score), "compound", true);
      else if (only(["same"])) hit = Hit(round1(score), "normalized");
      else if (routes.has("skeleton")) hit = Hit(round1(score), "translit");
      else if (looksAlike || only(["same", "prefix"])) hit = Hit(round1(score), "prefix");
      else hit = Hit(round1(score), "lemma");
    } else {
      var share = found / all;
      if (routes.has("compound")) hit = Hit(round1(66 * mean * Math.sqrt(share)), "compound", true);
      else if (unaccounted) {
        var s = 74 * mean * Math.sqrt(share) - UNACCOUNTED * unaccounted;
        if (s < FLOOR) return;
        hit = Hit(round1(s), "word", true);
      } else if (looksAlike) hit = Hit(round1(70 * mean * Math.sqrt(share)), "prefix", true);
      else if (single) {
        /* A compound query that is a word of the term but not its head (the last word,
         * in a compounding language) names a concept the term only refers to
         * (tutkintokoulutukseen in tutkintokoulutukseen valmentava koulutus): a guess. */
        var modifier = Boolean(store) && !positions.has(row.words - 1) &&
          store.m.compounding.indexOf(row.lang) >= 0 && Boolean(compoundQuery);
        hit = Hit(round1(80 + 8 * share * mean), "word", modifier);
      }
      else {
        hit = Hit(round1(66 + 8 * share * mean), "word", true);
        hit.places = places;
        if (hit.score >= FLOOR) offer(hits, row.tid, hit);
        var tail = store && q.content.length >= 2 && tailOfTerm(store, row, positions);
        return { tail: tail ? round1(CONFIDENT + 8 * share * mean) : null };
      }
    }
    hit.places = places;
    if (hit.score >= FLOOR) offer(hits, row.tid, hit);
    return null;
  }

  /* tiers._Context.frame_positions: the positions of the words of row that name the
   * country (the index's term words are its folded text's words). */
  function countryPlaces(store, row) {
    if (!store.countryWords.size) return [];
    var out = [];
    fold(row.text).split(" ").forEach(function (w, i) { if (store.countryWords.has(w)) out.push(i); });
    return out;
  }

  /* tiers._Context.institution_modifiers: how many of the positions rest (content words
   * no term accounts for) are adjectives right in front of row, a one-word term naming a
   * type of institution, agreeing with it (ru.py adjective), and no term by themselves. */
  function institutionModifiers(store, q, row, rest, used, termWords) {
    var lang = store.institutions[row.lang];
    if (!lang || lang.words.indexOf(fold(row.text)) < 0 || !used.size) return 0;
    var first = Math.min.apply(null, Array.from(used)), noun = q.words[first], left = new Set(rest);
    var agree = function (word) {
      if (Array.from(word).length < 5) return false;
      for (var stem in lang.cases) {
        if (noun.indexOf(stem) === 0) {
          var endings = lang.cases[stem][noun.slice(stem.length)] || [];
          return endings.some(function (e) { return word.endsWith(e); });
        }
      }
      return false;
    };
    var alone = new Set();
    if (termWords) termWords.forEach(function (byTerm) {
      byTerm.forEach(function (set, tid) { if (store.row(tid).content === 1) set.forEach(function (p) { alone.add(p); }); });
    });
    var count = 0;
    for (var at = first - 1; left.has(at) && agree(q.words[at]); at--) if (!alone.has(at)) count++;
    return count;
  }

  /* rapidfuzz's OSA distance: letters inserted, left out or changed, and two
   * neighbours swapped. */
  function osa(a, b) {
    a = Array.from(a); b = Array.from(b);
    var before = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) {
        var d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
        cur.push(d);
      }
      before = prev; prev = cur;
    }
    return prev[b.length];
  }

  /* tiers.typo: whether each of words is some term word with at most a typo's edits:
   * one in a word of up to 4 letters, two up to 12, three in longer words. */
  function typo(words, termWords) {
    return words.every(function (w) {
      var n = Array.from(w).length, allowed = n <= 4 ? 1 : n <= 12 ? 2 : 3;
      return termWords.some(function (t) {
        return Math.abs(Array.from(t).length - n) <= allowed && osa(w, t) <= allowed;
      });
    });
  }

  async function fuzzy(store, q, hits, line, count) {
    var probes = [q.folded];
    if (q.skeleton && q.skeleton !== q.folded) probes.push(q.skeleton);
    /* Both probes' files are read at once; a term both find gets the same hit. */
    var found = await Promise.all(probes.map(function (probe) {
      return store.fuzzyCandidates(probe, 300, 8, 40000);
    }));
    /* Of the candidates whose text no list read carries (a variant file each), the
     * FUZZY_UNREAD that share most trigrams over both spellings (of as many, the nearest
     * in length) are compared: the budget is the query's, not each spelling's. The
     * others are compared from the texts of the trigram lists. */
    var unread = [], kept = new Set();
    found.forEach(function (list) { list.forEach(function (c) { if (c[1] === null) unread.push(c); }); });
    unread.sort(function (a, b) { return b[2][0] - a[2][0] || a[2][1] - b[2][1] || a[0] - b[0]; });
    unread.forEach(function (c) { if (kept.size < FUZZY_UNREAD) kept.add(c[0]); });
    /* [term id, hit] of a candidate of probe i once its variant v is read (r: the ratio,
     * when a list had its text). */
    function long(w) { return Array.from(w).length > 2 && !store.functionWords.has(w); }
    function typoHit(i, r, v) {
      if (r === null) r = ratio(probes[i], v[2]);
      if (r < 70) return null;
      // An abbreviation is not misspelt (cVET is not ECVET), but its English plural
      // is the same (NQFs), as tiers.fuzzy.
      var row = store.row(v[1]);
      var guess = row.abbr && q.folded.replace(/s$/, "") !== fold(row.text);
      /* Only a guess when some word of the query differs from every word of the term
       * by more than a typo, or the other way round (Министр is not a misspelt
       * Министерство), as tiers.fuzzy. */
      var text = v[2].split(" "), probe = probes[i].split(" ");
      /* A word of a preposition of several words (in addition to) is no typo of a
         term's word (additional), as a function word is none. */
      if (probe.length === q.fn.length) probe = probe.filter(function (w, k) { return !q.fn[k]; });
      if (!typo(probe.filter(long), text) || !typo(text.filter(long), probe)) guess = true;
      // A typo of a transliteration is a word of another language (technikum).
      if (!q.cyrillic && isCyrillic(row.text)) guess = true;
      return [v[1], Hit(round1(40 + 0.45 * r), "fuzzy", guess)];
    }
    /* The variant files are read only for the terms of those alike enough and the texts
     * the lists lack, all at once; the details of the concepts a typo answers are asked
     * for as each file comes (the answers are shown with them), not after the last. */
    var asked = new Set();
    var typos = await Promise.all(probes.map(function (probe, i) {
      return Promise.all(found[i].map(function (c) {
        var r = c[1] === null ? null : ratio(probe, c[1]);
        if (r === null ? !kept.has(c[0]) : r < 70) return null;
        return store.variants([c[0]]).then(function (got) {
          var hit = typoHit(i, r, got[0]);
          if (count && hit && !hit[1].guess && hit[1].score >= line) {
            var cid = store.row(hit[0]).cid;
            if (asked.size < count && !asked.has(cid)) { asked.add(cid); store.detail(cid).catch(function () {}); }
          }
          return hit;
        });
      }));
    }));
    /* A term that is an answer already is not read again as a typo (tiers.fuzzy). */
    var before = new Set();
    hits.forEach(function (h, tid) { if (confident(h, CONFIDENT)) before.add(tid); });
    typos.forEach(function (list) {
      list.forEach(function (hit) { if (hit && !before.has(hit[0])) offer(hits, hit[0], hit[1]); });
    });
  }

  function bestScore(hits, answersOnly) {
    var best = 0;
    hits.forEach(function (h) { if (!answersOnly || !h.guess) best = Math.max(best, h.score); });
    return best;
  }

  /* spans._frames: a frame word (в системе, РФ) or a number (2020 Council
   * Recommendation on VET). */
  function frames(store, word) { return store.frameWords.has(word) || /^\p{Nd}+$/u.test(word); }

  function answerParts(store, q, inside, hits) {
    var content = q.contentPositions;
    if (content.size < 2 || content.size > LONGEST_PHRASE || q.onlyFunctionWords) return;
    var positions = Array.from(content), first = Math.min.apply(null, positions), last = Math.max.apply(null, positions);
    var found = inside.filter(function (f) {
      return f.score >= CONFIDENT && !f.stemOnly && !(f.start <= first && last < f.end);
    });
    if (!found.length) return;
    var covered = new Set();
    found.forEach(function (f) { for (var p = f.start; p < f.end; p++) if (content.has(p)) covered.add(p); });
    if (positions.some(function (p) { return !covered.has(p) && !frames(store, q.words[p]); })) return;
    function words(run) { var n = 0; for (var p = run[0]; p < run[1]; p++) if (content.has(p)) n++; return n; }
    var runsByKey = new Map();
    found.forEach(function (f) { runsByKey.set(f.start + ":" + f.end, [f.start, f.end]); });
    var all = Array.from(runsByKey.values());
    var widest = all.filter(function (run) {
      return !all.some(function (o) { return (o[0] !== run[0] || o[1] !== run[1]) && o[0] <= run[0] && run[1] <= o[1]; });
    });
    // Terms of different concepts that overlap give way to the fewest terms that cover
    // the phrase without sharing a word, as spans._tiling.
    var cids = new Map();
    found.forEach(function (f) {
      var key = f.start + ":" + f.end;
      if (!cids.has(key)) cids.set(key, new Set());
      cids.get(key).add(store.row(f.tid).cid);
    });
    var clash = widest.some(function (a) {
      return widest.some(function (b) {
        var ca = cids.get(a[0] + ":" + a[1]), cb = cids.get(b[0] + ":" + b[1]);
        return a[0] < b[1] && b[0] < a[1] && !Array.from(ca).some(function (c) { return cb.has(c); });
      });
    });
    if (clash) {
      var best = new Array(q.words.length + 1).fill(null);
      best[q.words.length] = [];
      for (var i = q.words.length - 1; i >= 0; i--) {
        var options = [];
        if ((!content.has(i) || frames(store, q.words[i])) && best[i + 1]) options.push(best[i + 1]);
        all.forEach(function (run) { if (run[0] === i && best[run[1]]) options.push([run].concat(best[run[1]])); });
        options.sort(function (a, b) { return a.length - b.length; });
        best[i] = options.length ? options[0] : null;
      }
      if (best[0] && best[0].length) widest = best[0];
    }
    // Conjuncts: the longest first (of two as long, the last in a compounding language).
    // Terms that modify one another: the head first, with the longest one's share; a term
    // right after another is its head where the language puts heads last.
    var conjuncts = q.words.some(function (w) { return CONJUNCTIONS.indexOf(w) >= 0; });
    var langs = new Set(conjuncts ? store.m.compounding : (store.m.headLast || [])), lastFirst = new Set();
    found.forEach(function (f) { if (langs.has(store.row(f.tid).lang)) lastFirst.add(f.start + ":" + f.end); });
    var head = null, widestShare = Math.max.apply(null, widest.map(words)) / content.size;
    if (!conjuncts) {
      widest.slice().sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; }).forEach(function (run) {
        if (head === null || (lastFirst.has(run[0] + ":" + run[1]) && run[0] <= head[1])) head = run;
      });
    }
    function rank(run) {
      if (!conjuncts) return [run === head ? 0 : 1, run[0]];
      return [-words(run), lastFirst.has(run[0] + ":" + run[1]) ? -run[0] : run[0]];
    }
    widest.sort(function (a, b) { var x = rank(a), y = rank(b); return x[0] - y[0] || x[1] - y[1]; });
    widest.forEach(function (run, place) {
      var share = conjuncts ? words(run) / content.size : widestShare;
      var score = round1(CONFIDENT + 8 * share - 2 * place);
      found.forEach(function (f) {
        if (f.start === run[0] && f.end === run[1]) {
          offer(hits, f.tid, Hit(Math.max(Math.min(score, f.score), CONFIDENT), "part"));
        }
      });
    });
  }

  /* The term rows whose text is the first part (two letters or more, no function word)
   * of a query word joined by a hyphen, as shapes._hyphen_rows. */
  async function hyphenRows(store, q) {
    var firsts = new Set();
    q.words.forEach(function (w) {
      var first = w.split("-")[0];
      if (w.replace(/^-+|-+$/g, "").indexOf("-") >= 0 && Array.from(first).length >= 2 &&
          !store.functionWords.has(first)) firsts.add(first);
    });
    if (!firsts.size) return [];
    await store.need(Array.from(firsts));
    var rows = [];
    firsts.forEach(function (f) {
      store.byKey(f, "fold").forEach(function (tid) { rows.push(store.row(tid)); });
    });
    return rows;
  }

  /* A hyphen compound whose first part is an abbreviation (Valma-koulutuksissa) matched
   * as the abbreviation and the word after it; only its concepts offered, as
   * shapes.abbreviation_compound. */
  async function abbreviationCompound(store, q, hits) {
    var concepts = new Map();
    (await hyphenRows(store, q)).forEach(function (row) {
      if (row.abbr) concepts.set(fold(row.text), row.cid);
    });
    var wanted = new Set(), changed = false;
    var words = q.words.map(function (w) {
      var at = w.indexOf("-"), first = at < 0 ? w : w.slice(0, at), rest = at < 0 ? "" : w.slice(at + 1);
      if (rest && concepts.has(first)) { wanted.add(concepts.get(first)); changed = true; return first + " " + rest; }
      return w;
    });
    if (!changed) return;
    var found = new Map();
    await byWords(store, analyse(store, words.join(" ")), found, null, null);
    found.forEach(function (hit, tid) { if (wanted.has(store.row(tid).cid)) offer(hits, tid, hit); });
  }

  /* A term of a language that puts the head last joined to the next word by a hyphen
   * modifies it (``Europass-Diploma Supplement``, ``AMK-valintakokeessa``): the hyphen read
   * as a space, as shapes.term_compound. */
  async function termCompound(store, q, hits) {
    var headLast = store.m.headLast || [];
    if (!headLast.length) return;
    var terms = new Set(), names = new Set();
    (await hyphenRows(store, q)).forEach(function (row) {
      if (row.content === 1 && headLast.indexOf(row.lang) >= 0) terms.add(fold(row.text));
      if (!row.abbr) names.add(fold(row.text));
    });
    var changed = false, kinds = new Map();  /* position -> the compound without its hyphen */
    var words = q.words.map(function (w, i) {
      var at = w.indexOf("-"), first = at < 0 ? w : w.slice(0, at), rest = at < 0 ? "" : w.slice(at + 1);
      if (rest && rest.indexOf("-") < 0 && rest !== first && terms.has(first)) {
        changed = true;
        /* A word saying what kind of thing a name is (Opintopolku-järjestelmän) is left
         * out, unless the two make a term word (etäopiskelu-järjestelmässä). */
        if (names.has(first) && hasForm(store.classifierWords, rest)) { kinds.set(i, first + rest); return first; }
        return first + " " + rest;
      }
      return w;
    });
    if (!changed) return;
    if (kinds.size) {
      var joined = await store.wordsOrForms(Array.from(kinds.values()));
      kinds.forEach(function (whole, i) { if (joined.has(whole)) words[i] = whole; });
    }
    var whole = analyse(store, words.join(" ")), inside = [], found = new Map();
    await byWords(store, whole, found, null, inside);
    answerParts(store, whole, inside, found);
    found.forEach(function (hit, tid) { offer(hits, tid, hit); });
  }

  /* rewrites.completed: each suspended first part completed by the last part it shares
   * with the word after the conjunction (perus-, ammatti- tai erikoisammattitutkinto ->
   * perustutkinto ammattitutkinto tai erikoisammattitutkinto), or the first conjunct of
   * a coordination of phrases by the second's last word (formal and non-formal
   * learning -> formal learning and non-formal learning); null when nothing is. The
   * words of every cut are asked for at once (one round of files). */
  async function completed(store, q) {
    var w = q.words;
    if (q.coordination) {
      var first = q.coordination[0];
      return analyse(store, w.slice(0, first).concat([w[w.length - 1]], w.slice(first)).join(" "));
    }
    var plans = q.ellipses.map(function (e) {
      var letters = Array.from(w[e[1]]), firsts = e[0].map(function (p) { return w[p]; }), cuts = [];
      for (var cut = 1; cut < letters.length - 2; cut++) {
        var tail = letters.slice(cut).join("");
        cuts.push(firsts.map(function (f) { return tail.charAt(0) === "-" ? [f + tail] : [f + tail, f + "-" + tail]; }));
      }
      return cuts;
    });
    var keys = [];
    plans.forEach(function (cuts) { cuts.forEach(function (options) { options.forEach(function (o) { keys.push.apply(keys, o); }); }); });
    var known = await store.wordsOrForms(keys), words = w.slice(), changed = false;
    plans.forEach(function (cuts, e) {
      for (var c = 0; c < cuts.length; c++) {
        var chosen = cuts[c].map(function (o) { return o.find(function (x) { return known.has(x); }) || null; });
        if (chosen.every(Boolean)) {
          q.ellipses[e][0].forEach(function (p, k) { words[p] = chosen[k]; });
          changed = true;
          break;
        }
      }
    });
    return changed ? analyse(store, words.join(" ")) : null;
  }

  /* rewrites.split_compound: a one-word query that is a two-word term written as one
   * word, in any form (tutkinnonperusteiden for tutkinnon perusteet): the hits, by term. */
  async function splitCompound(store, q) {
    var word = q.content[0], letters = Array.from(word), hits = new Map();
    if (letters.length < 8 || letters.length > LONGEST_WORD || word.indexOf("-") >= 0) return hits;
    var cuts = [];
    for (var c = 3; c <= letters.length - 3; c++) cuts.push([letters.slice(0, c).join(""), letters.slice(c).join("")]);
    /* The beginnings first (they lie in the shards of the word itself), then the ends of
     * only those cuts whose beginning is a word: the ends of every cut would be as many
     * shards across the alphabet (a typo of 12 letters read 13 files more). */
    var firsts = await store.wordsOrForms(cuts.map(function (cut) { return cut[0]; }));
    cuts = cuts.filter(function (cut) { return firsts.has(cut[0]); });
    if (!cuts.length) return hits;
    var known = await store.wordsOrForms(cuts.map(function (cut) { return cut[1]; }));
    for (var i = 0; i < cuts.length; i++) {
      if (!known.has(cuts[i][1])) continue;
      var found = new Map();
      await byWords(store, analyse(store, cuts[i].join(" ")), found, null, null);
      found.forEach(function (hit, tid) {
        if ((hit.kind === "normalized" || hit.kind === "lemma") && !hit.guess && store.row(tid).content === 2) {
          offer(hits, tid, Hit(round1(hit.score - 2), "lemma"));
        }
      });
    }
    return hits;
  }

  /* The query with its first word repeated after its one run of conjunctions, or null. */
  function sharedHead(store, q) {
    var words = q.words, runs = [];
    words.forEach(function (w, i) { if (CONJUNCTIONS.indexOf(w) >= 0) runs.push(i); });
    if (!runs.length || runs[runs.length - 1] - runs[0] + 1 !== runs.length || words.length > 12) return null;
    var first = runs[0], end = runs[runs.length - 1] + 1;
    if (first < 2 || end >= words.length || q.fn[0] || words[end] === words[0]) return null;
    return analyse(store, words.slice(0, end).concat([words[0]], words.slice(end)).join(" "));
  }

  /* early: how many answers' details to read while typos are looked for; shown: called
   * with the hits found before the typo search when some of them answer. */
  async function collect(store, q, line, typos, early, shown) {
    var hits = new Map();
    if (!q.folded) return hits;
    /* The shards of the words, which the word search reads whatever the whole term finds,
     * are asked for with the whole term's. */
    if (q.words.length > 1) store.need(q.words).catch(function () {});
    await wholeTerm(store, q, hits);
    /* Typos may be looked for: the trigram counts load while words are looked up. */
    if (typos && bestScore(hits, true) < GOOD) store.commonGrams().catch(function () {});
    var phrase = q.contentPositions.size >= 2 && q.contentPositions.size <= LONGEST_PHRASE;
    var inside = null;
    if (phrase && !Array.from(hits.values()).some(function (h) { return confident(h, line); })) inside = [];
    var known = await byWords(store, q, hits, null, inside);
    var best = bestScore(hits, true);
    if (best < line && inside && inside.length) {
      answerParts(store, q, inside, hits);
      best = bestScore(hits, true);
    }
    if (best < line && (q.ellipses.length || q.coordination)) {
      // Each conjunct completed, as rewrites.completed.
      var done = await completed(store, q);
      if (done) {
        inside = [];
        await byWords(store, done, hits, null, inside);
        answerParts(store, done, inside, hits);
        best = bestScore(hits, true);
      }
    }
    if (best < line && inside) {
      // Conjuncts that share the first word (the head, in Russian), as rewrites.shared_head.
      var whole = sharedHead(store, q);
      if (whole) {
        var wholeInside = [];
        await byWords(store, whole, hits, null, wholeInside);
        answerParts(store, whole, wholeInside, hits);
        best = bestScore(hits, true);
      }
    }
    if (best < line && q.folded.indexOf("-") >= 0) {
      await abbreviationCompound(store, q, hits);
      best = bestScore(hits, true);
    }
    if (best < line && q.folded.indexOf("-") >= 0) {
      await termCompound(store, q, hits);
      best = bestScore(hits, true);
    }
    /* A compound split into a term's words is looked for while typos are, its hits
     * offered after theirs, as on the command line. */
    var split = best < line && q.content.length === 1 && store.m.compounding.length ?
      splitCompound(store, q) : null;
    if (split) split.catch(function () {});  /* its failure is awaited below, not unhandled */
    if (typos && best < GOOD) {
      /* The details of the answers found so far (early: as many as will be shown) are read
       * while typos are looked for: a typo seldom goes above them. */
      if (early) askDetails(store, hits, line, early);
      if (shown && best >= line) {
        var before = new Map();
        hits.forEach(function (h, tid) { before.set(tid, Hit(h.score, h.kind, h.guess, h.places)); });
        rules(q, before);
        shown(before);
      }
      await fuzzy(store, q, hits, line, early);
    }
    if (split) (await split).forEach(function (hit, tid) { offer(hits, tid, hit); });
    if (bestScore(hits, false) < SLIP && store.m.compounding.length) {
      var extra = new Map();
      for (var p = 0; p < q.words.length; p++) {
        var n = Array.from(q.words[p]).length;
        if (!q.fn[p] && !known.has(p) && n >= 7 && n <= LONGEST_WORD) {
          var heads = await queryHeads(store, q.words[p]);
          if (heads.size) extra.set(p, heads);
        }
      }
      if (extra.size) await byWords(store, q, hits, extra, null);
    }
    rules(q, hits);
    return hits;
  }

  function askDetails(store, hits, line, count) {
    var best = [];
    hits.forEach(function (h, tid) { if (confident(h, line)) best.push([h.score, store.row(tid).cid]); });
    best.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    var cids = new Set();
    best.forEach(function (b) { if (cids.size < count) cids.add(b[1]); });
    cids.forEach(function (cid) { store.detail(cid).catch(function () {}); });
  }

  function rules(q, hits) {
    if (q.onlyFunctionWords) { hits.forEach(function (h) { h.guess = true; }); return; }
    var wordAnswer = false;
    hits.forEach(function (h) { if ((h.kind === "word" || h.kind === "compound") && !h.guess) wordAnswer = true; });
    if (q.content.length === 1 && wordAnswer) {
      hits.forEach(function (h) { if (h.kind === "fuzzy" || h.kind === "prefix") h.guess = true; });
    }
  }

  // -- answers (glossary/search/__init__.py find) ----------------------------------------

  var NEAREST = 10, DETAILS = 20;
  var manifest = null, store = null;

  /* The Snowball stemmers (assets/snowball.js, beside this file), asked for with the
   * manifest: a store is ready when both are. Without them (a site copied without the
   * file) the search goes on without stems, as for a language that has no stemmer. */
  var assets = script ? script.src.replace(/[^\/]*$/, "") : "assets/";

  function open() {
    if (store) return Promise.resolve(store);
    var stemmers = file("snowball", assets).catch(function () { return null; });
    return Promise.all([file("manifest"), stemmers]).then(function (got) {
      if (!store) { manifest = got[0]; store = new Store(got[0]); store.stemmers = got[1]; }
      return store;
    });
  }

  function inLang(lang, wanted) { return !wanted || lang === wanted || lang.startsWith(wanted + "-"); }

  /* [start, end] (UTF-16) of each word of text, as fold() splits it; null when they differ. */
  var PIECE = /[\p{L}\p{N}\p{M}_'"`\u00b4\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u02b9\u02ba\-\u2010-\u2014\u2212\u00ad]+/gu;
  function wordSpans(text) {
    var out = [], m;
    PIECE.lastIndex = 0;
    while ((m = PIECE.exec(text)) !== null) {
      var piece = m[0], start = m.index, end = start + piece.length;
      while (start < end && /[-\u2010-\u2014\u2212\u00ad]/.test(text[start])) start++;
      while (end > start && /[-\u2010-\u2014\u2212\u00ad]/.test(text[end - 1])) end--;
      if (fold(text.slice(start, end))) out.push([start, end]);
    }
    return out.length === fold(text).split(" ").length ? out : null;
  }

  function highlight(text, hit) {
    if (!hit.places || !hit.places.length) return [[0, text.length]];
    var spans = wordSpans(text);
    if (!spans) return [[0, text.length]];
    var out = [];
    hit.places.slice().sort(function (a, b) { return a - b; }).forEach(function (p) { if (spans[p]) out.push(spans[p]); });
    return out.length ? out : [[0, text.length]];
  }

  function result(st, hit, row, readAs) {
    var c = st.concepts.get(row.cid), m = st.m;
    return {
      id: c[0], url: "concepts/" + c[0] + ".html", term: row.text, lang: row.lang,
      status: m.statuses[row.status], kind: hit.kind, score: hit.score,
      highlight: highlight(row.text, hit),
      conceptStatus: m.conceptStatuses[c[1]], subjects: c[2].map(function (s) { return m.subjects[s]; }),
      equivalents: [], definition: {}, detailed: false, readAs: hit.kind === "layout" ? readAs : null,
      cid: row.cid
    };
  }

  /* Fills equivalents and definition of results (those search() left out: it fills
   * the first options.details answers, 20 unless said, and the nearest guesses of a
   * query with no answer). */
  function details(results) {
    return open().then(function (st) {
      return Promise.all(results.map(function (r) {
        if (r.detailed) return r;
        return st.detail(r.cid).then(function (d) {
          var order = st.m.languages, preferredFirst = ["preferred", "admitted"];
          r.equivalents = d[0].filter(function (t) {
            return order[t[0]] !== r.lang && preferredFirst.indexOf(t[2]) >= 0;
          }).map(function (t) { return { lang: order[t[0]], term: t[1], status: t[2] }; })
            .sort(function (a, b) {
              return order.indexOf(a.lang) - order.indexOf(b.lang) ||
                preferredFirst.indexOf(a.status) - preferredFirst.indexOf(b.status);
            });
          var definition = {};
          order.forEach(function (l) { if (d[1][l] !== undefined) definition[l] = d[1][l]; });
          r.definition = definition;
          r.detailed = true;
          return r;
        });
      }));
    });
  }

  /* options.early, when given, is called with the answers found before the typo search
   * (which takes longest: at 100,000 concepts, half a second on a slow phone) while it
   * runs, unless the whole answer is ready first. On the real evaluation set the typo
   * search never moved the answers found before it (it may add some below). */
  async function answer(query, options) {
    options = options || {};
    var st = await open(), line = options.minScore || CONFIDENT;
    var q = analyse(st, query);
    var detailed = options.details === undefined ? DETAILS : options.details;
    var done = false, shown = null;
    if (options.early) {
      shown = function (hits) {
        present(st, query, hits, null, options, line, detailed).then(function (out) {
          if (!done && out.matches.length) options.early(out);
        }).catch(function () {});
      };
    }
    try {
      return await whole(st, q, query, options, line, detailed, shown);
    } finally {
      done = true;  /* an early answer never follows the whole one, nor a failure */
    }
  }

  async function whole(st, q, query, options, line, detailed, shown) {
    var hits = await collect(st, q, line, true, detailed, shown), readAs = null;
    if (bestScore(hits, false) < SLIP || (latinCapitals(q.raw) &&
        !Array.from(hits.values()).some(function (h) { return confident(h, line); }))) {
      var texts = readings(st, q.text);
      for (var i = 0; i < texts.length; i++) {
        var read = analyse(st, texts[i]);
        if (!read.words.length || !(await st.wordsOrForms(read.words)).size) continue;
        var found = await collect(st, read, line, false);
        if (Array.from(found.values()).some(function (h) { return confident(h, line); })) {
          hits = new Map();
          found.forEach(function (h, tid) {
            if (confident(h, line)) hits.set(tid, Hit(h.score, "layout", h.guess, h.places));
          });
          readAs = texts[i];
          break;
        }
      }
    }
    return present(st, query, hits, readAs, options, line, detailed);
  }

  /* The answer to show: one row per concept, answers and nearest guesses in order, the
   * first `detailed` of those shown with their details. */
  async function present(st, query, hits, readAs, options, line, detailed) {
    var statusCode = options.status ? st.m.statuses.indexOf(options.status) : -1;
    var subject = options.subject ? st.m.subjects.indexOf(options.subject) : -1;
    var perConcept = new Map();
    hits.forEach(function (hit, tid) {
      var row = st.row(tid);
      if (hit.score < FLOOR || !inLang(row.lang, options.lang)) return;
      if (options.status && row.status !== statusCode) return;
      if (options.subject && st.concepts.get(row.cid)[2].indexOf(subject) < 0) return;
      var cur = perConcept.get(row.cid);
      if (!cur || rankAbove(hit, row, cur[0], cur[1])) perConcept.set(row.cid, [hit, row]);
    });
    var answers = [], guesses = [];
    perConcept.forEach(function (v) { (confident(v[0], line) ? answers : guesses).push(v); });
    answers.sort(order); guesses.sort(order);
    var out = {
      query: query, readAs: readAs,
      matches: answers.map(function (v) { return result(st, v[0], v[1], readAs); }),
      nearest: guesses.slice(0, NEAREST).map(function (v) { return result(st, v[0], v[1], readAs); })
    };
    /* Nearest guesses are shown only when there is no answer (assets/search.js). */
    await details((out.matches.length ? out.matches : out.nearest).slice(0, detailed));
    return out;
  }

  function rankAbove(hit, row, curHit, curRow) {  /* _rank(hit, row) > _rank(*current) */
    if (hit.guess !== curHit.guess) return !hit.guess;
    if (hit.score !== curHit.score) return hit.score > curHit.score;
    if (row.status !== curRow.status) return row.status < curRow.status;
    return row.tid < curRow.tid;
  }

  function order(a, b) {
    return b[0].score - a[0].score || a[1].status - b[1].status ||
      a[1].text.length - b[1].text.length || a[1].cid - b[1].cid;
  }

  function search(query, options) { return answer(query, options); }

  window.GlossarySearch = {
    search: search, details: details, register: register,
    fold: fold, compact: compact, skeleton: skeleton,
    readings: function (text) { return open().then(function (st) { return readings(st, text); }); },
    analyse: function (text) { return open().then(function (st) { return analyse(st, text); }); },
    stem: function (lang, word) { return open().then(function (st) { return stemOf(st, lang, word); }); }
  };
})();
