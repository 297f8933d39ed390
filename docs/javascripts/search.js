/* duben library search: paragraphs found by exact phrase (Chinese or English), glossary terms
 * by their Chinese, English or toneless pinyin name.
 *
 * The index (src/duben/site/search.py) is small files under search/, each a script that hands
 * its data to window.dbSearch. They are loaded with <script> elements, which browsers allow
 * from file:// (fetch is refused there), and only the ones a query needs: one shard per
 * character of a Chinese query, one per word of an English one, then the text of the
 * paragraphs shown.
 *
 * A query runs when typing pauses and when an input method commits its text, never in the
 * middle of a composition; only the latest query's results are shown, so typing 碳达峰
 * character by character and committing it at once end with the same list.
 *
 * A result links to its paragraph (page.html?q=…#p12); arriving there, the paragraph is
 * highlighted and the query marked in it. */
(function () {
  "use strict";
  var HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
  var PAGE = 20;  // results shown at a time
  var self = document.currentScript ? document.currentScript.src : "";
  var base = self.replace(/javascripts\/search\.js(\?.*)?$/, "");
  var meta = null;
  var termRows = [];
  var shards = { zh: {}, en: {} };
  var texts = {};
  var loaded = {};
  var waiting = {};

  window.dbSearch = {
    meta: function (data) { meta = data; },
    terms: function (rows) { termRows = rows; },
    shard: function (kind, key, data) { shards[kind][key] = kind === "zh" ? unpack(data) : data; },
    text: function (chunk, rows) { texts[chunk] = rows; }
  };

  function load(path, ready) {
    if (loaded[path]) { ready(); return; }
    if (waiting[path]) { waiting[path].push(ready); return; }
    waiting[path] = [ready];
    var script = document.createElement("script");
    script.src = base + path;
    script.onload = script.onerror = function () {
      // A missing file is an empty shard: no paragraph has that character.
      loaded[path] = true;
      var callbacks = waiting[path];
      delete waiting[path];
      callbacks.forEach(function (callback) { callback(); });
    };
    document.head.appendChild(script);
  }

  function loadAll(paths, ready) {
    var left = paths.length;
    if (!left) { ready(); return; }
    paths.forEach(function (path) { load(path, function () { left -= 1; if (!left) ready(); }); });
  }

  /* A Chinese shard: first character → lines of second character + postings (search.py). */
  function unpack(data) {
    var grams = {};
    Object.keys(data).forEach(function (first) {
      data[first].split("\n").forEach(function (line) {
        var second = String.fromCodePoint(line.codePointAt(0));
        grams[first + second] = line.slice(second.length);
      });
    });
    return grams;
  }

  function decode(postings) {
    var out = [];
    var n = 0;
    postings.split(" ").forEach(function (gap) { n += parseInt(gap, 36); out.push(n); });
    return out;
  }

  function intersect(a, b) {
    var out = [];
    var i = 0;
    var j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i += 1; j += 1; } else if (a[i] < b[j]) i += 1; else j += 1;
    }
    return out;
  }

  function union(lists) {
    var seen = {};
    var out = [];
    lists.forEach(function (numbers) {
      numbers.forEach(function (n) { if (!seen[n]) { seen[n] = true; out.push(n); } });
    });
    return out.sort(function (x, y) { return x - y; });
  }

  function zhKey(text) { return text.replace(/\s+/g, "").toLowerCase(); }

  function enWords(text) { return text.toLowerCase().replace(/’/g, "'").match(/[0-9a-z]+(?:'[a-z]+)?/g) || []; }

  function toneless(text) {
    // ü (with or without a tone) is typed v: replaced before the accents are stripped.
    return text.toLowerCase().replace(/[üǖǘǚǜ]/g, "v").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z]/g, "");
  }

  /* Paragraphs holding every bigram of a Chinese query (for one character: any bigram it starts,
   * or the paragraph's end). Nearly all hold the phrase itself; the text decides. */
  function zhCandidates(query, ready) {
    var grams = query.length === 1 ? [query] : [];
    var i;
    for (i = 0; i + 1 < query.length; i += 1) if (grams.indexOf(query.slice(i, i + 2)) < 0) grams.push(query.slice(i, i + 2));
    var keys = [];
    grams.forEach(function (gram) {
      var key = String(gram.codePointAt(0) % meta.shards);
      if (keys.indexOf(key) < 0) keys.push(key);
    });
    loadAll(keys.map(function (key) { return "search/zh/" + key + ".js"; }), function () {
      var shard = shards.zh[String(query.codePointAt(0) % meta.shards)] || {};
      var found = null;
      if (query.length === 1) {
        ready(union(Object.keys(shard).filter(function (g) { return g[0] === query; })
          .map(function (g) { return decode(shard[g]); })));
        return;
      }
      grams.forEach(function (gram) {
        var postings = (shards.zh[String(gram.codePointAt(0) % meta.shards)] || {})[gram];
        var list = postings ? decode(postings) : [];
        found = found === null ? list : intersect(found, list);
      });
      ready(found || []);
    });
  }

  /* Paragraphs whose English holds every word of the query, the last one as a prefix (it may
   * still be being typed). */
  function enCandidates(words, ready) {
    var last = words[words.length - 1];
    var keys = [];
    words.forEach(function (word) {
      var key = word.slice(0, 2);
      if (keys.indexOf(key) < 0 && meta.en.indexOf(key) >= 0) keys.push(key);
    });
    loadAll(keys.map(function (key) { return "search/en/" + key + ".js"; }), function () {
      var found = null;
      words.forEach(function (word, n) {
        var shard = shards.en[word.slice(0, 2)] || {};
        var list;
        if (n === words.length - 1) {
          list = union(Object.keys(shard).filter(function (w) { return w.indexOf(last) === 0; })
            .map(function (w) { return decode(shard[w]); }));
        } else {
          list = shard[word] ? decode(shard[word]) : [];
        }
        found = found === null ? list : intersect(found, list);
      });
      ready(found || []);
    });
  }

  function withTexts(numbers, ready) {
    var chunks = [];
    numbers.forEach(function (n) {
      var chunk = Math.floor(n / meta.chunk);
      if (chunks.indexOf(chunk) < 0) chunks.push(chunk);
    });
    loadAll(chunks.map(function (c) { return "search/text/" + c + ".js"; }), ready);
  }

  function paragraph(n) {
    var row = (texts[Math.floor(n / meta.chunk)] || [])[n % meta.chunk];
    return row ? { page: row[0], id: row[1], zh: row[2], en: row[3] } : null;
  }

  function termHits(query) {
    var q = query.trim().toLowerCase();
    var tl = toneless(query);
    var hits = [];
    termRows.forEach(function (t) {
      var score = -1;
      if (t[1] === query.trim() || (tl.length >= 2 && t[4] === tl) || t[2].toLowerCase() === q) score = 0;
      else if (t[1].indexOf(query.trim()) >= 0 || (tl.length >= 4 && t[4].indexOf(tl) === 0)) score = 1;
      else if (q.length >= 3 && t[2].toLowerCase().indexOf(q) >= 0) score = 2;
      if (score >= 0) hits.push({ score: score, term: t });
    });
    return hits.sort(function (a, b) { return a.score - b.score; }).map(function (h) { return h.term; });
  }

  function ensureMeta(ready) {
    if (meta) { ready(); return; }
    loadAll(["search/index.js", "search/terms.js"], function () {
      if (!meta) meta = { docs: [], pages: [], shards: 1, chunk: 1, en: [] };
      ready();
    });
  }

  /* One query: glossary terms, then the paragraphs holding the phrase, confirmed against their
   * text a page of results at a time. */
  function Search(query) {
    this.query = query.trim();
    this.zh = HAN.test(this.query) || /^[0-9.%]+$/.test(this.query);
    this.key = this.zh ? zhKey(this.query) : this.query.toLowerCase();
    this.words = this.zh ? [] : enWords(this.query);
    this.candidates = [];
    this.next = 0;
    this.terms = [];
  }

  Search.prototype.start = function (ready) {
    var search = this;
    ensureMeta(function () {
      search.terms = termHits(search.query);
      var take = function (numbers) { search.candidates = numbers; ready(); };
      if (search.zh) zhCandidates(search.key, take);
      else if (search.words.length && search.key.length >= 2) enCandidates(search.words, take);
      else take([]);
    });
  };

  /* The next results: exact phrases first within each batch; a candidate whose text lacks the
   * phrase is shown only for English (all the words, not side by side), after the exact ones. */
  Search.prototype.more = function (ready) {
    var search = this;
    var batch = search.candidates.slice(search.next, search.next + PAGE);
    search.next += batch.length;
    withTexts(batch, function () {
      var exact = [];
      var loose = [];
      batch.forEach(function (n) {
        var p = paragraph(n);
        if (!p) return;
        if (search.zh) {
          if (zhKey(p.zh).indexOf(search.key) >= 0) exact.push(p);
        } else if (p.en.toLowerCase().indexOf(search.key) >= 0) {
          exact.push(p);
        } else {
          loose.push(p);
        }
      });
      ready(exact.concat(loose), search.next < search.candidates.length);
    });
  };

  /* The text around the query, the query marked: the phrase where the paragraph has it, else
   * (English) each of its words. Chinese keys have no whitespace: matched in the text without. */
  function snippet(text, needle, zh, words) {
    var compact = "";
    var map = [];
    var i;
    for (i = 0; i < text.length; i += 1) {
      if (!zh || !/\s/.test(text[i])) { compact += text[i].toLowerCase(); map.push(i); }
    }
    var spans = [];
    var at = compact.indexOf(needle);
    if (at >= 0) spans.push([map[at], map[at + needle.length - 1] + 1]);
    else {
      (words || []).forEach(function (word) {
        var from = 0;
        var found = compact.indexOf(word, from);
        while (found >= 0 && spans.length < 12) {
          spans.push([map[found], map[found + word.length - 1] + 1]);
          from = found + word.length;
          found = compact.indexOf(word, from);
        }
      });
      spans.sort(function (x, y) { return x[0] - y[0]; });
    }
    var width = zh ? 24 : 70;
    var first = spans.length ? spans[0][0] : 0;
    var left = Math.max(0, first - width);
    var right = Math.min(text.length, (spans.length ? spans[0][1] : 0) + width * 2);
    var frag = document.createDocumentFragment();
    var cursor = left;
    frag.appendChild(document.createTextNode(left ? "…" : ""));
    spans.forEach(function (span) {
      if (span[0] < cursor || span[1] > right) return;
      var mark = document.createElement("mark");
      mark.textContent = text.slice(span[0], span[1]);
      frag.appendChild(document.createTextNode(text.slice(cursor, span[0])));
      frag.appendChild(mark);
      cursor = span[1];
    });
    frag.appendChild(document.createTextNode(text.slice(cursor, right) + (right < text.length ? "…" : "")));
    return frag;
  }

  function place(id) {
    if (/^p\d+$/.test(id)) return "¶ " + id.slice(1);
    return id === "title" ? "title" : id.replace(/-/g, " ");
  }

  function href(p, query) {
    var page = meta.pages[p.page];
    var doc = meta.docs[page[0]];
    return base + "texts/" + doc[0] + "/" + page[1] + ".html?q=" + encodeURIComponent(query) + "#" + p.id;
  }

  /* ---- the search box, in the header ---- */
  var box = null;
  var input = null;
  var status = null;
  var list = null;
  var moreButton = null;
  var current = null;
  var timer = null;
  var composing = false;

  function icon() {
    var span = document.createElement("span");
    span.className = "md-icon";
    span.setAttribute("aria-hidden", "true");
    span.innerHTML = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M9.5 3A6.5 6.5 0 0 1 16 ' +
      "9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 " +
      '9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>';
    return span;
  }

  function build() {
    var header = document.querySelector(".md-header__inner");
    if (!header) return;
    box = document.createElement("div");
    box.className = "db-search";
    var open = document.createElement("button");
    open.type = "button";
    open.className = "md-header__button db-search-open";
    open.setAttribute("aria-label", "Search the library");
    open.setAttribute("aria-expanded", "false");
    open.setAttribute("aria-controls", "db-search-panel");
    open.appendChild(icon());
    var panel = document.createElement("div");
    panel.className = "db-search-panel";
    panel.id = "db-search-panel";
    panel.hidden = true;
    panel.setAttribute("role", "search");
    input = document.createElement("input");
    input.type = "search";
    input.className = "db-search-input";
    input.setAttribute("aria-label", "Search the library: Chinese, English or pinyin");
    input.placeholder = "搜索 · Search: 碳达峰, carbon peak, tan dafeng";
    input.autocomplete = "off";
    input.spellcheck = false;
    status = document.createElement("p");
    status.className = "db-search-status";
    status.setAttribute("aria-live", "polite");
    list = document.createElement("ol");
    list.className = "db-search-results";
    moreButton = document.createElement("button");
    moreButton.type = "button";
    moreButton.className = "db-search-more";
    moreButton.textContent = "More results";
    moreButton.hidden = true;
    panel.appendChild(input);
    panel.appendChild(status);
    panel.appendChild(list);
    panel.appendChild(moreButton);
    box.appendChild(open);
    box.appendChild(panel);
    var source = header.querySelector(".md-header__source");
    header.insertBefore(box, source);

    function show(on) {
      panel.hidden = !on;
      open.setAttribute("aria-expanded", on ? "true" : "false");
      if (on) input.focus();
    }
    open.addEventListener("click", function () { show(panel.hidden); });
    document.addEventListener("keydown", function (event) {
      var typing = event.target && /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        show(true);
      } else if (event.key === "Escape" && !panel.hidden) {
        show(false);
        open.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (!panel.hidden && !box.contains(event.target)) show(false);
    });
    input.addEventListener("compositionstart", function () { composing = true; });
    input.addEventListener("compositionend", function () { composing = false; schedule(0); });
    input.addEventListener("input", function (event) {
      if (composing || event.isComposing) return;
      schedule(120);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); schedule(0); }
    });
    moreButton.addEventListener("click", function () { if (current) showMore(current); });
    var params = new URLSearchParams(location.search);
    if (params.get("q") && !location.hash) { input.value = params.get("q"); show(true); schedule(0); }
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, delay);
  }

  function run(query) {
    if (current && current.query === query.trim()) return;
    var search = new Search(query);
    current = search;
    list.textContent = "";
    moreButton.hidden = true;
    if (!search.query) { status.textContent = ""; return; }
    status.textContent = "Searching…";
    search.start(function () {
      if (current !== search) return;
      search.terms.slice(0, 5).forEach(function (t) {
        var li = document.createElement("li");
        li.className = "db-search-term";
        var a = document.createElement("a");
        a.href = base + "glossary/" + t[0] + ".html";
        var zh = document.createElement("span");
        zh.lang = "zh-Hans";
        zh.className = "db-search-where";
        zh.textContent = t[1];
        a.appendChild(zh);
        a.appendChild(document.createTextNode(" " + t[3] + " — " + t[2]));
        li.appendChild(a);
        list.appendChild(li);
      });
      showMore(search);
    });
  }

  function showMore(search) {
    search.more(function (found, more) {
      if (current !== search) return;
      found.forEach(function (p) {
        var page = meta.pages[p.page];
        var doc = meta.docs[page[0]];
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = href(p, search.query);
        var where = document.createElement("span");
        where.className = "db-search-where";
        where.lang = "zh-Hans";
        // A one-article document's page has the document's title: named once.
        where.textContent = doc[1] + (page[2] && doc[1].indexOf(page[2]) !== 0 ? " · " + page[2] : "") + " · " +
          place(p.id);
        var text = document.createElement("span");
        text.className = "db-search-snippet";
        if (search.zh) { text.lang = "zh-Hans"; text.appendChild(snippet(p.zh, search.key, true)); }
        else { text.lang = "en"; text.appendChild(snippet(p.en, search.key, false, search.words)); }
        a.appendChild(where);
        a.appendChild(text);
        li.appendChild(a);
        list.appendChild(li);
      });
      var shown = list.querySelectorAll("li:not(.db-search-term)").length;
      var terms = list.querySelectorAll("li.db-search-term").length;
      if (more && shown < PAGE) { showMore(search); return; }
      moreButton.hidden = !more;
      status.textContent = (terms ? terms + " glossary term" + (terms > 1 ? "s" : "") + ", " : "") +
        (shown ? shown + (more ? " of about " + search.candidates.length : "") + " paragraph" +
          (shown === 1 && !more ? "" : "s") : "no paragraph") + " containing “" + search.query + "”";
    });
  }

  /* ---- arriving from a result: highlight the paragraph, mark the query in it ---- */
  function textNodes(container) {
    var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentNode.closest("rt, .db-anchor, [data-search-exclude]") ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT;
      }
    });
    var found = { nodes: [], starts: [], text: "" };
    while (walker.nextNode()) {
      found.nodes.push(walker.currentNode);
      found.starts.push(found.text.length);
      found.text += walker.currentNode.nodeValue.toLowerCase();
    }
    return found;
  }

  /* Wraps each occurrence of the query in <mark>, one text node at a time: in Chinese a phrase
   * spans several <ruby> bases, and each keeps its own <rt>. */
  function markPiece(node, start, end) {
    var range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    var mark = document.createElement("mark");
    mark.className = "db-found-mark";
    range.surroundContents(mark);
  }

  function markIn(container, query) {
    var from = 0;
    var marked = 0;
    var t, at, end, k, start, stop;
    while (query) {
      t = textNodes(container);  // afresh: marking splits text nodes, never changes the text
      at = t.text.indexOf(query, from);
      if (at < 0) break;
      end = at + query.length;
      for (k = t.nodes.length - 1; k >= 0; k -= 1) {
        start = t.starts[k];
        stop = start + t.nodes[k].nodeValue.length;
        if (stop > at && start < end) markPiece(t.nodes[k], Math.max(at, start) - start, Math.min(end, stop) - start);
      }
      marked += 1;
      from = end;
    }
    return marked;
  }

  function arrive() {
    var query = new URLSearchParams(location.search).get("q");
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!query || !target) return;
    target.classList.add("db-found");
    var zh = HAN.test(query) || /^[0-9.%]+$/.test(query);
    var part = target.querySelector(zh ? ".db-zh" : ".db-en");
    if (part) markIn(part, zh ? zhKey(query) : query.trim().toLowerCase());
  }

  /* ---- the library page: narrow the list by title and tags (all tags chosen must match) ---- */
  function library() {
    var shelf = document.querySelector(".db-library");
    if (!shelf) return;
    var filter = shelf.querySelector(".db-library-filter");
    var text = shelf.querySelector(".db-library-text");
    var shown = shelf.querySelector(".db-library-shown");
    var items = Array.prototype.slice.call(shelf.querySelectorAll(".db-library-list > li"));
    var buttons = Array.prototype.slice.call(shelf.querySelectorAll(".db-library-tags button"));
    filter.hidden = false;
    function apply() {
      var words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
      var chosen = buttons.filter(function (b) { return b.getAttribute("aria-pressed") === "true"; })
        .map(function (b) { return b.getAttribute("data-tag"); });
      var count = 0;
      items.forEach(function (li) {
        var tags = (li.getAttribute("data-tags") || "").split(" ");
        var hay = li.getAttribute("data-text") || "";
        var on = chosen.every(function (t) { return tags.indexOf(t) >= 0; }) &&
          words.every(function (w) { return hay.indexOf(w) >= 0; });
        li.hidden = !on;
        if (on) count += 1;
      });
      // Headings over nothing go too: a kind with no document left, a year with no kind.
      shelf.querySelectorAll(".db-library-list").forEach(function (ul) {
        var empty = !ul.querySelector(":scope > li:not([hidden])");
        ul.hidden = empty;
        ul.previousElementSibling.hidden = empty;
      });
      shelf.querySelectorAll(".db-library-year").forEach(function (year) {
        year.hidden = !year.querySelector(".db-library-list:not([hidden])");
      });
      shown.textContent = count === items.length ? items.length + " documents" : count + " of " + items.length +
        " documents";
    }
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        button.setAttribute("aria-pressed", button.getAttribute("aria-pressed") === "true" ? "false" : "true");
        apply();
      });
    });
    text.addEventListener("input", apply);
    apply();
  }

  function init() {
    build();
    arrive();
    library();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
