/* The web glossary's search interface: a results panel under every search box as you
 * type, and the search page with its filters.
 *
 * Everything that finds things is in assets/search-engine.js (window.GlossarySearch):
 * this file only asks it, `search(query, {lang, subject, status})`, and shows its Answer.
 * The engine is loaded the first time a search box is used, so a page that is only read
 * costs nothing. The interface's words come from assets/search-ui.<ui>.js
 * (window.GLOSSARY_UI), written from the gettext catalogs.
 *
 * Every search box is an ARIA combobox: the results are options of a listbox, ↑/↓ move
 * through them (aria-activedescendant: the focus stays in the box), Enter opens one, Esc
 * goes back to what was typed and closes the panel. Glossary text is only ever set with
 * textContent, never parsed as HTML.
 */
(function () {
  "use strict";

  var PANEL_ROWS = 8;     /* matches shown in the panel under a box */
  var PAGE_ROWS = 20;     /* results shown at a time on the search page */
  var NEAREST_ROWS = 5;   /* guesses shown when nothing matches */
  var DELAY = 80;         /* ms after the last key before searching */
  var FILTERS = ["lang", "subject", "status"];

  var loading = null;

  /* The engine, loaded once (a script element, so that it works from file:// too). */
  function engine(root) {
    if (window.GlossarySearch && window.GlossarySearch.search) {
      return Promise.resolve(window.GlossarySearch);
    }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = root + "assets/search-engine.js";
        script.onload = function () {
          if (window.GlossarySearch && window.GlossarySearch.search) resolve(window.GlossarySearch);
          else reject(new Error("search-engine.js did not define GlossarySearch.search"));
        };
        script.onerror = function () { loading = null; reject(new Error("search-engine.js failed to load")); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function format(message, values) {
    return message.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  /* The term with its matched parts in <mark>: `highlight` holds [start, end) UTF-16
   * offsets; overlapping, unordered or out-of-range spans are tolerated. */
  function highlighted(term, highlight) {
    var span = el("span", "result-term");
    function number(x) { return typeof x === "number" && isFinite(x); }
    var spans = (Array.isArray(highlight) ? highlight : []).filter(function (h) {
      return Array.isArray(h) && h.length === 2 && number(h[0]) && number(h[1]);
    }).map(function (h) {
      return [Math.max(0, Math.min(term.length, Math.floor(h[0]))), Math.max(0, Math.min(term.length, Math.floor(h[1])))];
    }).filter(function (h) { return h[1] > h[0]; }).sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];  /* overlapping or touching spans make one mark */
    spans.forEach(function (h) {
      var last = merged[merged.length - 1];
      if (last && h[0] <= last[1]) last[1] = Math.max(last[1], h[1]);
      else merged.push([h[0], h[1]]);
    });
    var at = 0;
    merged.forEach(function (h) {
      if (h[0] > at) span.appendChild(document.createTextNode(term.slice(at, h[0])));
      span.appendChild(el("mark", "", term.slice(h[0], h[1])));
      at = h[1];
    });
    if (at < term.length) span.appendChild(document.createTextNode(term.slice(at)));
    return span;
  }

  /* A language code shown short ("RU"), read out in full ("venäjä"). */
  function langTag(ui, lang) {
    var tag = el("span", "lang-tag");
    var short = el("span", "", String(lang).toUpperCase());
    short.setAttribute("aria-hidden", "true");
    tag.appendChild(short);
    tag.appendChild(el("span", "visually-hidden", (ui.languages[lang] || lang) + ":"));
    return tag;
  }

  function statusWord(ui, status) { return ui.status[status] || status; }

  function firstDefinition(result, pageLang) {
    var defs = result.definition || {};
    var order = [pageLang, result.lang].concat(Object.keys(defs));
    for (var i = 0; i < order.length; i++) {
      var text = defs[order[i]];
      if (typeof text === "string" && text) return { lang: order[i], text: text.split("\n")[0] };
    }
    return null;
  }

  /* One result as the content of an option (no links inside: the option is the link). */
  function resultRow(ui, result, pageLang) {
    var frag = document.createDocumentFragment();
    var head = el("div", "result-head");
    var term = highlighted(String(result.term || ""), result.highlight);
    term.lang = result.lang;
    if (result.status === "deprecated" || result.status === "superseded") term.classList.add("result-retired");
    head.appendChild(term);
    var meta = el("span", "result-meta");
    meta.appendChild(langTag(ui, result.lang));
    meta.appendChild(el("span", "badge badge-" + result.status, statusWord(ui, result.status)));
    if (result.conceptStatus === "draft") {
      meta.appendChild(el("span", "badge badge-draft", ui.draftEntry));
    }
    head.appendChild(meta);
    frag.appendChild(head);
    /* The equivalents, one group per language: "RU term · term (admitted)". */
    var groups = [], byLang = {};
    (result.equivalents || []).forEach(function (e) {
      if (!e || !e.term) return;
      if (!byLang[e.lang]) { byLang[e.lang] = []; groups.push(e.lang); }
      byLang[e.lang].push(e);
    });
    if (groups.length) {
      var eq = el("div", "result-equivalents");
      groups.forEach(function (lang) {
        var group = el("span", "equivalent");
        group.appendChild(langTag(ui, lang));
        byLang[lang].forEach(function (e, i) {
          if (i) group.appendChild(document.createTextNode(" · "));
          var text = el("span", "equivalent-term", e.term);
          text.lang = e.lang;
          group.appendChild(text);
          if (e.status && e.status !== "preferred") {
            group.appendChild(document.createTextNode(" "));
            group.appendChild(el("span", "equivalent-status status-" + e.status, "(" + statusWord(ui, e.status) + ")"));
          }
        });
        eq.appendChild(group);
      });
      frag.appendChild(eq);
    }
    var subjects = (result.subjects || []).map(function (code) { return ui.subjects[code] || code; });
    if (subjects.length) frag.appendChild(el("div", "result-subjects", subjects.join(" · ")));
    var definition = firstDefinition(result, pageLang);
    if (definition) {
      var def = el("div", "result-definition", definition.text);
      def.lang = definition.lang;
      frag.appendChild(def);
    }
    return frag;
  }

  function countText(ui, count) {
    return count === 1 ? ui.countOne : format(ui.countMany, { count: count });
  }

  function readParams() {
    var params = new URLSearchParams(window.location.search), out = { q: params.get("q") || "" };
    FILTERS.forEach(function (name) { out[name] = params.get(name) || ""; });
    return out;
  }

  /* A search box with its results: `page` is true on the search page, where the results
   * are the page (all of them, a page at a time, with filters) rather than a panel. */
  function Box(form, ui) {
    var self = this;
    this.form = form;
    this.ui = ui;
    this.page = form.hasAttribute("data-search-page");
    this.input = form.querySelector("input[type=search]");
    this.root = form.getAttribute("data-root") || "";
    this.home = form.getAttribute("data-home") || "";
    this.pageLang = document.documentElement.lang;
    var id = this.input.id;
    this.panel = document.getElementById(id + "-panel");
    this.list = document.getElementById(id + "-list");
    this.live = document.getElementById(id + "-live");
    this.options = [];       /* {node, href} in the order of the listbox */
    this.active = -1;
    this.answer = null;
    this.shown = 0;
    this.query = null;       /* what the panel shows results for */
    this.timer = null;
    this.serial = 0;
    this.early = 0;  /* the serial of the search whose early answer is shown (run) */
    this.filters = {};
    FILTERS.forEach(function (name) { self.filters[name] = form.querySelector("select[name=" + name + "]"); });
    var input = this.input;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", this.list.id);
    input.setAttribute("aria-expanded", "false");
    input.addEventListener("focus", function () {
      engine(self.root).catch(function () {});
      if (!self.page && self.query !== null && self.query === self.input.value && self.options.length) self.open();
      self.keepInView();
    });
    input.addEventListener("input", function () {
      clearTimeout(self.timer);
      self.timer = setTimeout(function () { self.run(false); }, DELAY);
    });
    input.addEventListener("keydown", function (event) { self.key(event); });
    form.addEventListener("submit", function (event) {
      if (!self.page) return;  /* the header and home boxes open the search page */
      event.preventDefault();
      self.run(true);
    });
    FILTERS.forEach(function (name) {
      var select = self.filters[name];
      if (select) select.addEventListener("change", function () { self.run(true); });
    });
    this.list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (!option) return;
      var index = self.options.findIndex(function (o) { return o.node === option; });
      if (index < 0) return;
      if (event.ctrlKey || event.metaKey || event.shiftKey) window.open(self.options[index].href, "_blank");
      else self.go(index);
    });
    this.list.addEventListener("mousemove", function (event) {
      var option = event.target.closest("[role=option]");
      if (!option) return;
      var index = self.options.findIndex(function (o) { return o.node === option; });
      if (index >= 0 && index !== self.active) self.activate(index, false);
    });
    if (!this.page) {
      document.addEventListener("pointerdown", function (event) {
        if (!form.contains(event.target) && !self.panel.contains(event.target)) self.close();
      });
      form.addEventListener("focusout", function (event) {
        if (event.relatedTarget && !form.contains(event.relatedTarget) && !self.panel.contains(event.relatedTarget)) self.close();
      });
    }
    this.more = document.getElementById(id + "-more");
    if (this.more) {
      this.more.addEventListener("click", function () {
        var first = self.shown;
        self.showMore().then(function () {
          if (first < self.options.length) { self.input.focus(); self.activate(first, true); }
        });
      });
    }
  }

  Box.prototype.filterValues = function () {
    var options = {};
    var self = this;
    FILTERS.forEach(function (name) {
      var select = self.filters[name];
      if (select && select.value) options[name] = select.value;
    });
    return options;
  };

  /* Asks the engine and shows its answer; `commit` records the query in the history
   * (Enter, a filter changed) instead of replacing the current entry (typing). */
  Box.prototype.run = function (commit) {
    var self = this, query = this.input.value, serial = ++this.serial, options = this.filterValues();
    /* The rows shown first come with their details; the others are filled in later. */
    options.details = this.page ? PAGE_ROWS : PANEL_ROWS;
    if (this.page) this.remember(query, commit);
    if (!query.trim()) { this.show(null, query); return Promise.resolve(); }
    /* The answers found before the typo search are shown while it runs; it has never
     * changed the first rows on the real evaluation set, and it may add rows below. */
    var whole = false;
    options.early = function (answer) {
      if (serial === self.serial && !whole) self.show(answer, query, serial);
    };
    return engine(this.root).then(function (search) {
      return search.search(query, options);
    }).then(function (answer) {
      whole = true;
      if (serial === self.serial) self.show(answer, query, null, serial);
    }, function (error) {
      whole = true;
      if (serial !== self.serial) return;
      self.show(null, query);
      self.live.textContent = self.ui.failed;
      if (window.console) console.warn(error);
    });
  };

  /* The query and filters in the address, so that a result list can be linked to,
   * reloaded and gone back to. */
  Box.prototype.remember = function (query, commit) {
    try {
      var url = new URL(window.location.href), self = this;
      url.searchParams.delete("q");
      FILTERS.forEach(function (name) { url.searchParams.delete(name); });
      if (query) url.searchParams.set("q", query);
      FILTERS.forEach(function (name) {
        var select = self.filters[name];
        if (select && select.value) url.searchParams.set(name, select.value);
      });
      if (url.toString() === window.location.href) return;
      if (commit) window.history.pushState(null, "", url.toString());
      else window.history.replaceState(null, "", url.toString());
    } catch (e) { /* some file:// contexts refuse it; the search still works */ }
  };

  Box.prototype.restore = function () {
    var params = readParams(), self = this;
    this.input.value = params.q;
    FILTERS.forEach(function (name) {
      var select = self.filters[name];
      if (!select) return;
      select.value = params[name];
      if (select.value !== params[name]) select.value = "";  /* an unknown value: no filter */
    });
  };

  Box.prototype.allHref = function (query) {
    return this.home + "search.html?q=" + encodeURIComponent(query);
  };

  /* early: the serial of the search (run) whose answers found before the typo search
   * these are (its whole answer follows), not announced to screen readers; the row
   * chosen among them stays chosen when the whole answer of the same search (serial)
   * comes, and only then (not after the filters changed, say). */
  Box.prototype.show = function (answer, query, early, serial) {
    var ui = this.ui, self = this;
    var keep = this.early && answer && serial && this.early === serial ? this.active : -1;
    this.early = early || 0;
    this.answer = answer;
    this.pending = null;
    this.query = query;
    this.list.textContent = "";
    this.list.dataset.query = query;
    /* Early answers: more may come (assistive technologies wait for the whole list). */
    if (early) this.list.setAttribute("aria-busy", "true");
    else this.list.removeAttribute("aria-busy");
    this.options = [];
    this.active = -1;
    this.shown = 0;
    this.input.removeAttribute("aria-activedescendant");
    var readAs = this.panel.querySelector(".read-as"), status = this.panel.querySelector(".search-count");
    readAs.textContent = "";
    readAs.hidden = true;
    if (!answer) {
      status.textContent = "";
      this.live.textContent = "";
      if (this.more) this.more.hidden = true;
      if (this.page) this.panel.hidden = !query.trim(); else this.close();
      return;
    }
    if (answer.readAs) {
      readAs.appendChild(document.createTextNode(ui.readAs + " "));
      var reading = el("span", "", answer.readAs);
      var layout = (answer.matches || []).concat(answer.nearest || []).filter(function (r) { return r.kind === "layout"; })[0];
      if (layout) reading.lang = layout.lang;
      readAs.appendChild(reading);
      readAs.hidden = false;
    }
    var matches = answer.matches || [], nearest = matches.length ? [] : (answer.nearest || []).slice(0, NEAREST_ROWS);
    this.results = matches.length ? matches : nearest;
    this.nearest = !matches.length;
    if (matches.length) {
      status.textContent = countText(ui, matches.length);
      if (!early) this.live.textContent = status.textContent;
    } else {
      status.textContent = format(ui.none, { query: query });
      this.live.textContent = status.textContent + (nearest.length ? " " + format(ui.nearestCount, { count: nearest.length }) : "");
    }
    if (nearest.length) {
      var heading = el("li", "nearest-heading", ui.nearest);
      heading.setAttribute("role", "presentation");
      this.list.appendChild(heading);
    }
    this.showMore();  /* the first rows come with their details: at once */
    if (!this.page && matches.length > PANEL_ROWS) {
      var all = el("li", "all-results", format(ui.allResults, { count: matches.length }));
      all.setAttribute("role", "option");
      all.id = this.input.id + "-all";
      all.setAttribute("aria-selected", "false");
      this.list.appendChild(all);
      this.options.push({ node: all, href: this.allHref(query) });
    }
    if (this.page) this.panel.hidden = false;
    else if (this.results.length || query.trim()) this.open();
    if (keep >= 0 && keep < this.options.length) this.activate(keep, false);
  };

  /* Adds the next rows: the next page on the search page, the first few in a panel.
   * The engine fills in the equivalents and definitions of the first answers only; the
   * others are asked for (GlossarySearch.details) before they are shown. */
  Box.prototype.showMore = function () {
    var self = this, answer = this.answer, results = this.results || [];
    var start = this.shown, end = Math.min(results.length, start + (this.page ? PAGE_ROWS : PANEL_ROWS));
    var slice = results.slice(start, end);
    this.shown = end;
    function render(filled) {
      if (self.answer !== answer) return;  /* another query came meanwhile */
      for (var i = start; i < end; i++) {
        var r = filled[i - start] || results[i], li = el("li", "result" + (self.nearest ? " result-nearest" : ""));
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.id = self.input.id + "-opt-" + i;
        if (r.conceptStatus === "draft") li.classList.add("result-draft");
        li.appendChild(resultRow(self.ui, r, self.pageLang));
        self.list.appendChild(li);
        self.options.push({ node: li, href: self.home + r.url });
      }
      if (self.more) {
        var left = results.length - end;
        self.more.hidden = left <= 0;
        self.more.textContent = format(self.ui.showMore, { count: Math.min(left, PAGE_ROWS), left: left });
      }
    }
    var missing = slice.some(function (r) { return r.detailed === false; });
    var search = window.GlossarySearch;
    if (!this.pending && (!missing || !search || !search.details)) {
      render(slice);
      return Promise.resolve();
    }
    /* Pages asked for one after the other are shown in that order. */
    var filled = missing && search && search.details ? search.details(slice) : Promise.resolve(slice);
    var done = (this.pending || Promise.resolve()).then(function () { return filled; }).then(function (rows) {
      render(Array.isArray(rows) && rows.length === slice.length ? rows : slice);
    }, function () { render(slice); });
    var chain = this.pending = done.then(function () { if (self.pending === chain) self.pending = null; });
    return done;
  };

  Box.prototype.open = function () {
    this.panel.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
    this.keepInView();
  };

  Box.prototype.close = function () {
    if (this.page) return;
    this.panel.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.activate(-1, false);
  };

  /* On a small screen, the box goes to the top of the view when it has the focus, so
   * that its results show above the on-screen keyboard. */
  Box.prototype.keepInView = function () {
    if (!window.matchMedia("(max-width: 40rem)").matches) return;
    var top = this.input.getBoundingClientRect().top;
    if (top > 8 && document.activeElement === this.input) window.scrollBy(0, top - 8);
    if (this.page) return;
    var height = Math.min(window.innerHeight, document.documentElement.clientHeight);
    if (window.visualViewport) height = Math.min(height, window.visualViewport.height);
    height /= 2;
    var below = this.panel.hidden ? this.input.getBoundingClientRect().bottom + 8 : this.panel.getBoundingClientRect().top;
    this.panel.style.maxHeight = Math.max(160, Math.floor(height - below)) + "px";
  };

  Box.prototype.activate = function (index, scroll) {
    if (this.active >= 0 && this.options[this.active]) {
      this.options[this.active].node.setAttribute("aria-selected", "false");
    }
    this.active = index;
    if (index < 0) {
      this.input.removeAttribute("aria-activedescendant");
      return;
    }
    var node = this.options[index].node;
    node.setAttribute("aria-selected", "true");
    this.input.setAttribute("aria-activedescendant", node.id);
    if (scroll) node.scrollIntoView({ block: "nearest" });
  };

  Box.prototype.go = function (index) {
    var option = this.options[index];
    if (option) window.location.href = option.href;
  };

  Box.prototype.key = function (event) {
    var count = this.options.length, open = this.page || !this.panel.hidden;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!count) return;
      event.preventDefault();
      if (!open) { this.open(); if (this.active < 0) this.activate(0, true); return; }
      var down = event.key === "ArrowDown", self = this;
      var next = this.active + (down ? 1 : -1);
      if (down && this.page && next >= this.shown && this.shown < this.results.length) {
        this.showMore().then(function () { if (self.options[next]) self.activate(next, true); });
        return;
      }
      if (next >= count) next = -1;  /* past the last: back to the box */
      else if (next < -1) next = count - 1;
      this.activate(next, true);
    } else if (event.key === "Home" || event.key === "End") {
      if (this.active < 0) return;  /* the keys move in the text until a result is chosen */
      event.preventDefault();
      this.activate(event.key === "Home" ? 0 : count - 1, true);
    } else if (event.key === "Enter") {
      if (this.active >= 0) {
        event.preventDefault();
        this.go(this.active);
      } else if (!this.page && this.input.value.trim()) {
        event.preventDefault();
        window.location.href = this.allHref(this.input.value);
      }
    } else if (event.key === "Escape") {
      if (this.active >= 0 || open) {
        event.preventDefault();
        this.activate(-1, false);
        this.close();
      }
    }
  };

  function attach() {
    var ui = window.GLOSSARY_UI;
    if (!ui) return;
    var boxes = [];
    document.querySelectorAll("form[data-search]").forEach(function (form) {
      boxes.push(new Box(form, ui));
    });
    boxes.forEach(function (box) {
      if (!box.page) return;
      box.restore();
      if (box.input.value) box.run(false);
      box.input.focus();
      window.addEventListener("popstate", function () { box.restore(); box.run(false); });
    });
  }

  window.GlossarySearchUI = { highlighted: highlighted };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", attach);
  else attach();
})();
