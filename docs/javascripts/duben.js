/* duben reader behaviour. Progressive enhancement only: without JavaScript
 * every annotation is visible, term links lead to the glossary and note
 * markers to the notes at the end of the article.
 *
 * One pop-up serves three things:
 * - a glossary term (hover, keyboard focus, click/tap/Enter): the English
 *   rendering, a one-line gloss and a link to the entry;
 * - a translator's note marker (hover, focus, tap): the note;
 * - any word (click/tap, or Enter/Space on a word reached by keyboard): its
 *   pinyin as printed, HSK level and CC-CEDICT glosses. Word data is shared
 *   per page in <article>.words.js, loaded on first use (a <script> element,
 *   so it also works from file://).
 * Opened by hover or focus it is a tooltip (role=tooltip, the opener points at
 * it with aria-describedby); opened by click, tap or Enter it is pinned and
 * interactive (role=dialog, the opener has aria-expanded=true).
 * Escape or a click elsewhere closes it; a pinned one gives focus back to
 * its opener.
 *
 * Keyboard users reach words through one Tab stop per Chinese paragraph (its
 * first word, then the word last visited there): Left/Right/Home/End move
 * between the paragraph's words and term links, Enter or Space opens the
 * word's gloss.
 *
 * Also here, each with its own section below: the reader's known words
 * (localStorage "duben-known"), reading aloud (the browser's speech synthesis),
 * the 简/繁 script switch and the reading settings. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("db-js");

  // Material's search dialog has no accessible name (axe-core: aria-dialog-name).
  var searchDialog = document.querySelector(".md-search[role=dialog]");
  if (searchDialog && !searchDialog.hasAttribute("aria-label")) searchDialog.setAttribute("aria-label", "Search");

  var HOVERABLE = ".db-zh a.db-term, a.db-note-ref";  // hover and focus show these as a tooltip

  var terms = null;
  var pop = null;
  var opener = null;     // what the pop-up belongs to: a term, a note marker or a word button
  var pinned = false;    // a dialog (click, tap, Enter) rather than a tooltip (hover, focus)
  var restoring = false;

  function readJson(id) {
    var node = document.getElementById(id);
    if (!node) return {};
    try { return JSON.parse(node.textContent); } catch (_e) { return {}; }
  }

  /* Per-page data beside the page, loaded on first use: a <script> element, so that it
     also works from file:// (name: the global it sets; attr: where #db-data names its file). */
  function onDemand(name, attr) {
    var state = "idle";
    var waiting = [];
    function flush() {
      state = "done";
      var callbacks = waiting;
      waiting = [];
      callbacks.forEach(function (cb) { cb(window[name] || {}); });
    }
    // The attribute may name several files (the page's words and the site's shared HSK words):
    // each adds to the global, and the callbacks run once all have loaded.
    return function (callback) {
      if (state === "done") { callback(window[name] || {}); return; }
      waiting.push(callback);
      if (state !== "idle") return;
      var data = document.getElementById("db-data");
      var srcs = ((data && data.getAttribute(attr)) || "").split(/\s+/).filter(Boolean);
      if (!srcs.length) { window[name] = {}; flush(); return; }
      state = "loading";
      var left = srcs.length;
      srcs.forEach(function (src) {
        var script = document.createElement("script");
        script.src = src;
        script.onload = script.onerror = function () {
          left -= 1;
          if (!left) flush();
        };
        document.head.appendChild(script);
      });
    };
  }
  var withWords = onDemand("dbWords", "data-words");  // word → [HSK level, senses]
  var withHant = onDemand("dbHant", "data-hant");     // simplified word → traditional, where they differ

  /* The Chinese of an element without its pinyin, as shown; with hans, in simplified
     characters even while the page shows traditional ones (a word's own form is kept
     on its <ruby> as dbHans while it is swapped). */
  function baseText(node, hans) {
    var text = "";
    node.childNodes.forEach(function (child) {
      if (child.nodeType === 3) text += child.data;
      else if (hans && child.dbHans) text += child.dbHans;
      else if (child.tagName !== "RT") text += baseText(child, hans);
    });
    return text;
  }

  /* A word as the dictionary, the known-word list and the speech voice know it. */
  function hansOf(ruby) {
    return ruby.dbHans || baseText(ruby);
  }

  function rubyPinyin(ruby) {
    return Array.prototype.map.call(ruby.querySelectorAll("rt"), function (rt) {
      return rt.textContent;
    }).join(" ");
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function termId(link) {
    var match = /([^/]+)\.html$/.exec(link.getAttribute("href") || "");
    return match ? match[1] : "";
  }

  /* The opener no longer owns the pop-up: drop the ARIA that pointed at it. */
  function release() {
    if (!opener) return;
    if (opener.getAttribute("aria-describedby") === "db-pop") opener.removeAttribute("aria-describedby");
    if (opener.hasAttribute("aria-haspopup")) opener.setAttribute("aria-expanded", "false");
    else opener.removeAttribute("aria-expanded");
  }

  function hide(returnFocus) {
    if (!pop || pop.hidden) return;
    pop.hidden = true;
    release();
    pinned = false;
    var back = opener;
    opener = null;
    if (returnFocus && back) {
      restoring = true;  // focus comes back to the term: do not reopen on that focus
      back.focus();
      restoring = false;
    }
  }

  /* Empty the pop-up and give it the role that fits how it was opened. */
  function open(pin) {
    if (!pop) {
      pop = el("div", "db-pop md-typeset");
      pop.id = "db-pop";
      pop.tabIndex = -1;
      pop.addEventListener("mouseleave", function () { if (!pinned) hide(false); });
      document.body.appendChild(pop);
    }
    release();
    pop.textContent = "";
    pop.hidden = false;
    pop.dataset.for = "";
    if (pin) {
      pop.setAttribute("role", "dialog");
      pop.setAttribute("aria-labelledby", "db-pop-title");
    } else {
      pop.setAttribute("role", "tooltip");  // named by its content
      pop.removeAttribute("aria-labelledby");
    }
  }

  /* The pop-up's first line names the dialog. */
  function title(node) {
    if (!document.getElementById("db-pop-title")) node.id = "db-pop-title";
    return node;
  }

  function place(anchor) {
    var box = anchor.getBoundingClientRect();
    var width = Math.min(340, window.innerWidth - 16);
    pop.style.width = width + "px";
    var left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + window.innerWidth - width - 8));
    pop.style.left = left + "px";
    pop.style.top = (box.bottom + window.scrollY + 6) + "px";
  }

  /* terms[id] is [Chinese, English, one-line gloss] (written by duben.site.generate). */
  function fillTerm(term, ruby) {
    if (terms === null) terms = readJson("db-terms");
    var info = terms[termId(term)] || [baseText(term), "", ""];
    var head = title(el("div", "db-pop-term"));
    head.appendChild(el("span", "db-pop-zh", info[0])).lang = "zh-Hans";
    head.appendChild(el("strong", "db-pop-en", info[1]));
    pop.appendChild(head);
    if (info[2]) pop.appendChild(el("p", "db-pop-gloss", info[2]));
    var link = el("a", "db-pop-link", "Glossary entry →");
    link.href = term.getAttribute("href");
    pop.appendChild(link);
    if (ruby && baseText(ruby) === baseText(term)) {
      head.appendChild(el("span", "db-pop-pinyin", rubyPinyin(ruby)));
      wordActions(ruby);
      return null;  // the word is the term itself: its entry says more than a dictionary would
    }
    return ruby;
  }

  /* The word and its pinyin come from the page; the rest waits for words.js. */
  function fillWordHead(ruby) {
    var line = title(el("div", "db-pop-word"));
    var shown = baseText(ruby);
    line.appendChild(el("span", "db-pop-zh", shown)).lang = ruby.dbHans ? "zh-Hant" : "zh-Hans";
    if (ruby.dbHans) line.appendChild(el("span", "db-pop-zh db-pop-hans", hansOf(ruby))).lang = "zh-Hans";
    line.appendChild(el("span", "db-pop-pinyin", rubyPinyin(ruby)));
    pop.appendChild(line);
    return line;
  }

  /* words[word] is [HSK level or 0, [[pinyin, glosses], ...]] (written by duben.site.generate). */
  function fillWord(line, ruby, words) {
    var entry = words[hansOf(ruby)];
    if (entry && entry[0]) line.appendChild(el("span", "db-pop-hsk", "HSK " + (entry[0] === 7 ? "7–9" : entry[0])));
    var senses = entry ? entry[1] : [];
    var key = rubyPinyin(ruby).replace(/\s+/g, "").toLowerCase();
    /* The reading used in the text first, as its head shows; then the dictionary's other
       readings, each labelled, so the pop-up never contradicts the ruby above the word. */
    senses.forEach(function (s) {
      if (s[0].toLowerCase() === key) pop.appendChild(el("p", "db-pop-def", s[1]));
    });
    senses.forEach(function (s) {
      if (s[0].toLowerCase() === key) return;
      var other = el("p", "db-pop-def db-pop-other");
      other.appendChild(el("span", "db-pop-alt", s[0]));
      other.appendChild(document.createTextNode(" " + s[1]));
      pop.appendChild(other);
    });
    if (!senses.length) pop.appendChild(el("p", "db-pop-def db-pop-none", "Not in CC-CEDICT."));
  }

  function fillWordSoon(ruby, anchor) {
    var line = fillWordHead(ruby);
    withWords(function (words) {
      if (pop.hidden || !pop.contains(line)) return;  // closed, or showing something else by now
      fillWord(line, ruby, words);
      wordActions(ruby);
      place(anchor);
    });
  }

  function fillNote(marker) {
    var note = document.getElementById((marker.getAttribute("href") || "").slice(1));
    if (!note) return;
    var copy = note.cloneNode(true);
    copy.removeAttribute("id");
    var back = copy.querySelector(".db-backref");
    if (back) back.remove();
    var box = el("div", "db-pop-note");
    box.lang = "en";
    box.appendChild(title(el("strong", "", "Note " + marker.textContent + " ")));
    while (copy.firstChild) box.appendChild(copy.firstChild);
    pop.appendChild(box);
    var link = el("a", "db-pop-link", "All notes ↓");
    link.href = "#" + note.id;
    pop.appendChild(link);
  }

  function isWordButton(node) {
    return !!node && node.tagName === "RUBY" && node.getAttribute("role") === "button";
  }

  /* Show the pop-up for what was pointed at; pin it (click, Enter) or not (hover, focus). */
  function show(target, pin) {
    var term = target.closest(".db-zh a.db-term");
    var note = target.closest("a.db-note-ref");
    var ruby = pin ? target.closest(".db-zh ruby") : null;
    var anchor = note || ruby || term;
    if (!anchor) return false;
    open(pin);
    pinned = pin;
    opener = term || note || (isWordButton(ruby) ? ruby : null);
    if (note) fillNote(note);
    if (term) ruby = fillTerm(term, ruby);
    if (ruby) fillWordSoon(ruby, anchor);
    place(anchor);
    if (opener && pin) {
      opener.setAttribute("aria-expanded", "true");
      pop.focus({ preventScroll: true });
    } else if (opener) {
      opener.setAttribute("aria-describedby", "db-pop");
    }
    return true;
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    if (pop && pop.contains(target)) return;
    var touch = matchMedia("(hover: none)").matches;
    if (target.closest("a.db-note-ref") && !touch) return;  // mouse and keyboard: go to the note
    if (target.closest(".db-zh a.db-term, a.db-note-ref, .db-zh ruby")) {
      if (target.closest("a.db-term, a.db-note-ref")) event.preventDefault();
      show(target, true);
    } else {
      hide(false);
    }
  });

  document.addEventListener("mouseover", function (event) {
    var target = event.target;
    if (pinned || !(target instanceof Element) || !matchMedia("(hover: hover)").matches) return;
    var hoverable = target.closest(HOVERABLE);
    if (hoverable && (!pop || pop.hidden || pop.dataset.for !== hoverable.getAttribute("href"))) {
      show(hoverable, false);
      pop.dataset.for = hoverable.getAttribute("href");
    }
  });

  document.addEventListener("mouseout", function (event) {
    var target = event.target;
    if (pinned || !pop || pop.hidden || !(target instanceof Element)) return;
    var related = event.relatedTarget;
    if (target.closest(HOVERABLE) && !(related instanceof Element && pop.contains(related))) {
      hide(false);
    }
  });

  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (pinned || restoring || !(target instanceof Element)) return;
    if (target.matches(HOVERABLE)) show(target, false);
  });

  document.addEventListener("focusout", function (event) {
    var target = event.target;
    if (!pinned && target instanceof Element && target.matches(HOVERABLE)) hide(false);
  });

  /* Words by keyboard: a roving tabindex per Chinese paragraph. Its stops are the
   * words outside term links and the term links themselves; one word per
   * paragraph at a time is focusable (a button that opens the word's gloss). */
  function stopsIn(container) {
    return Array.prototype.filter.call(container.querySelectorAll("ruby, a.db-term"), function (node) {
      return node.tagName === "A" || !node.closest("a");
    });
  }

  function makeWordButton(ruby) {
    ruby.tabIndex = 0;
    ruby.setAttribute("role", "button");
    ruby.setAttribute("aria-haspopup", "dialog");
    ruby.setAttribute("aria-expanded", "false");
  }

  function unmakeWordButton(ruby) {
    ruby.removeAttribute("tabindex");
    ruby.removeAttribute("role");
    ruby.removeAttribute("aria-haspopup");
    ruby.removeAttribute("aria-expanded");
  }

  function moveTo(zh, stop) {
    var current = zh.querySelector("ruby[role=button]");
    if (stop.tagName === "RUBY") makeWordButton(stop);
    if (current && current !== stop) unmakeWordButton(current);
    stop.focus();
  }

  function initWordStops() {
    document.querySelectorAll(".db-zh").forEach(function (zh) {
      var first = zh.querySelector("ruby, a.db-term");  // a term link is a Tab stop already
      if (first && first.tagName === "RUBY") makeWordButton(first);
    });
    document.querySelectorAll(".db-zh a.db-term").forEach(function (link) {
      link.setAttribute("aria-haspopup", "dialog");  // Enter opens its pop-up rather than the entry
      link.setAttribute("aria-expanded", "false");
    });
  }

  function stepOf(key) {
    switch (key) {
      case "ArrowLeft": return -1;
      case "ArrowRight": return 1;
      case "Home": return -Infinity;
      case "End": return Infinity;
      default: return 0;
    }
  }

  /* The pop-up reads as if it followed its opener: Tab out of its end closes it and
   * moves on from the opener; Shift+Tab out of its start closes it onto the opener. */
  function tabOut(event) {
    var links = pop.querySelectorAll("a[href], button");
    var active = document.activeElement;
    if (event.shiftKey ? active === pop || active === links[0]
                       : (active === pop && !links.length) || active === links[links.length - 1]) {
      if (event.shiftKey) event.preventDefault();
      hide(true);
    }
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var key = event.key;
    if (key === "Escape") {
      if (reading && (!pop || pop.hidden)) stopReading();
      hide(pinned);
      return;
    }
    if (!(target instanceof Element) || event.altKey || event.ctrlKey || event.metaKey) return;
    if (key === "Tab") {
      if (pinned && opener && pop.contains(target)) tabOut(event);
      return;
    }
    var zh = target.closest(".db-zh");
    if (!zh) return;
    if ((key === "Enter" || key === " ") && isWordButton(target)) {
      event.preventDefault();
      show(target, true);
      return;
    }
    var step = stepOf(key);
    if (!step || event.shiftKey) return;
    var inSentence = target.matches(".db-s");  // a focused sentence: step into its words
    var stops = stopsIn(inSentence ? target : zh);
    var at = inSentence ? (step > 0 ? -1 : stops.length) : stops.indexOf(target);
    if (!stops.length || (at < 0 && !inSentence)) return;
    var next = stops[Math.max(0, Math.min(stops.length - 1, at + step))];
    if (next === target) return;
    event.preventDefault();
    moveTo(zh, next);
  });

  /* Reading controls: built here, so a reader without JavaScript sees none. */
  var KEY = "duben.settings";
  /* The classes the settings put on <html>, as one string: the inline script in
   * overrides/main.html adds it before the first paint. This file is the only
   * place that maps settings to classes; duben.css styles the classes. */
  var CLASSES_KEY = "duben.classes";
  var DEFAULTS = { pinyin: "on", known: "show", tones: "off", english: "beside", size: "m", script: "hans", rate: "1" };

  function load() {
    try { return Object.assign({}, DEFAULTS, JSON.parse(localStorage.getItem(KEY) || "{}")); }
    catch (_e) { return Object.assign({}, DEFAULTS); }
  }

  function classesOf(settings) {
    var out = [];
    if (settings.pinyin === "off") out.push("db-pinyin-off");
    else if (/^hsk[1-7]$/.test(settings.pinyin)) out.push("db-" + settings.pinyin);
    if (settings.known === "hide") out.push("db-known-hide");
    if (settings.tones === "on") out.push("db-tones");
    if (settings.english === "below" || settings.english === "hidden") out.push("db-en-" + settings.english);
    if (/^(s|l|xl)$/.test(settings.size)) out.push("db-size-" + settings.size);
    if (settings.script === "hant") out.push("db-hant");
    return out.join(" ");
  }

  function storedClasses() {
    try { return localStorage.getItem(CLASSES_KEY) || ""; } catch (_e) { return ""; }
  }

  var TONE_MARKS = [/[āēīōūǖ]/, /[áéíóúǘ]/, /[ǎěǐǒǔǚ]/, /[àèìòùǜ]/];

  function toneOf(syllable) {
    var i;
    for (i = 0; i < TONE_MARKS.length; i++) if (TONE_MARKS[i].test(syllable)) return i + 1;
    return 5;
  }

  /* A word's <rt> holds its syllables separated by spaces: tone colours wrap each in a span
     (t1…t5), made once, the first time the reader turns colours on. A number's reading
     (qī shí wǔ) is one unit and stays uncoloured. */
  var tonesMarked = false;
  function markTones() {
    if (tonesMarked) return;
    tonesMarked = true;
    document.querySelectorAll(".db-zh rt").forEach(function (rt) {
      var ruby = rt.parentNode;
      if (/^[0-9０-９]/.test(baseText(ruby))) return;
      var syllables = rt.textContent.split(" ");
      rt.textContent = "";
      syllables.forEach(function (syllable, i) {
        if (i) rt.appendChild(document.createTextNode(" "));
        rt.appendChild(el("span", "t" + toneOf(syllable), syllable));
      });
    });
  }

  var applied = storedClasses();  // what the inline script put on <html>
  var rate = 1;
  function apply(settings) {
    var next = classesOf(settings);
    if (settings.tones === "on") markTones();
    showScript(settings.script === "hant");
    rate = parseFloat(settings.rate) || 1;
    applied.split(" ").forEach(function (c) { if (c) root.classList.remove(c); });
    next.split(" ").forEach(function (c) { if (c) root.classList.add(c); });
    applied = next;
    try { if (storedClasses() !== next) localStorage.setItem(CLASSES_KEY, next); }
    catch (_e) { /* private mode: this page only */ }
  }

  function select(name, label, options, value) {
    var wrap = el("label", "");
    wrap.appendChild(document.createTextNode(label));
    var box = el("select", "");
    box.name = name;
    options.forEach(function (o) {
      var option = el("option", "", o[1]);
      option.value = o[0];
      option.selected = o[0] === value;
      box.appendChild(option);
    });
    wrap.appendChild(box);
    return wrap;
  }

  function checkbox(name, label, checked) {
    var wrap = el("label", "");
    var box = el("input", "");
    box.type = "checkbox";
    box.name = name;
    box.checked = checked;
    wrap.appendChild(box);
    wrap.appendChild(document.createTextNode(label));
    return wrap;
  }

  function button(cls, label) {
    var node = el("button", cls, label);
    node.type = "button";
    return node;
  }

  function buildControls() {
    var article = document.querySelector("[data-duben-article]");
    if (!article) return;
    var settings = load();
    var form = el("form", "db-controls");
    form.setAttribute("aria-label", "Reading settings");
    form.lang = "en";
    var levels = [["on", "on"], ["off", "off"]];
    var n;
    for (n = 1; n <= 7; n++) levels.push(["hsk" + n, "only above HSK " + (n === 7 ? "7–9" : n)]);
    form.appendChild(select("pinyin", "Pinyin", levels, settings.pinyin));
    form.appendChild(checkbox("known", "not for words I know", settings.known === "hide"));
    form.appendChild(checkbox("tones", "Tone colours", settings.tones === "on"));
    form.appendChild(select("script", "Characters", [["hans", "简 simplified"], ["hant", "繁 traditional"]],
                            settings.script));
    form.appendChild(select("english", "English", [["beside", "beside"], ["below", "below"], ["hidden", "hidden"]],
                            settings.english));
    form.appendChild(select("size", "Text size", [["s", "small"], ["m", "medium"], ["l", "large"], ["xl", "extra large"]],
                            settings.size));
    form.appendChild(select("rate", "Reading aloud", [["0.6", "slow"], ["0.8", "slower"], ["1", "normal"],
                                                      ["1.25", "faster"]], settings.rate));
    form.appendChild(knownTools());
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", function (event) {
      if (event.target.type === "file") return;  // the known-word import, handled on its own
      var next = {
        pinyin: form.elements.pinyin.value,
        known: form.elements.known.checked ? "hide" : "show",
        tones: form.elements.tones.checked ? "on" : "off",
        english: form.elements.english.value,
        size: form.elements.size.value,
        script: form.elements.script.value,
        rate: form.elements.rate.value
      };
      try { localStorage.setItem(KEY, JSON.stringify(next)); } catch (_e) { /* private mode: this page only */ }
      apply(next);
    });
    var facts = article.querySelector(".db-facts");
    article.insertBefore(form, facts ? facts.nextSibling : article.firstChild);
    apply(settings);
  }

  /* Known words: the reader's own vocabulary, kept in this browser as localStorage
   * "duben-known", a JSON array of words in simplified characters (the vocabulary
   * export reads it too: keep the key and the format). A known word's <ruby> gets
   * the class k; with "not for words I know" (db-known-hide) its pinyin is hidden,
   * whatever the HSK setting says. */
  var KNOWN_KEY = "duben-known";
  var known = loadKnown();

  function loadKnown() {
    var out = {};
    var list;
    try {
      list = JSON.parse(localStorage.getItem(KNOWN_KEY) || "[]");
      if (Array.isArray(list)) list.forEach(function (w) { if (typeof w === "string" && w) out[w] = true; });
    } catch (_e) { /* unreadable: start empty, and overwrite it only when the reader marks a word */ }
    return out;
  }

  function knownList() {
    return Object.keys(known);
  }

  function saveKnown() {
    try { localStorage.setItem(KNOWN_KEY, JSON.stringify(knownList())); } catch (_e) { /* private mode: this page only */ }
    var count = document.getElementById("db-known-count");
    if (count) count.textContent = String(knownList().length);
  }

  function markKnown() {
    document.querySelectorAll(".db-zh ruby").forEach(function (ruby) {
      ruby.classList.toggle("k", known[hansOf(ruby)] === true);
    });
  }

  function setKnown(word, yes) {
    if (yes) known[word] = true;
    else delete known[word];
    saveKnown();
    markKnown();
  }

  /* A word list → words: the first field of each line that is not a comment (#, //: Anki's
     header lines, Pleco's category lines), fields separated by tabs or commas, a Pleco
     headword 简[繁] taken as its simplified form; only fields with Han characters count.
     Traditional forms become simplified where this page knows the word. */
  function wordsOf(text, toHans) {
    var out = [];
    text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/).forEach(function (line) {
      if (!line.trim() || /^\s*(#|\/\/)/.test(line)) return;
      var field = line.split(/[\t,]/)[0].trim().replace(/^"(.*)"$/, "$1").replace(/\[[^\]]*\]$/, "").trim();
      if (/[\u3400-\u9fff\uf900-\ufaff]/.test(field)) out.push(toHans[field] || field);
    });
    return out;
  }

  function knownStatus(text) {
    var status = document.getElementById("db-known-status");
    if (status) status.textContent = text;
  }

  function exportKnown() {
    var list = knownList().sort();
    var blob = new Blob([list.join("\n") + (list.length ? "\n" : "")], { type: "text/plain;charset=utf-8" });
    var link = el("a", "");
    link.href = URL.createObjectURL(blob);
    link.download = "duben-known-words.txt";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    knownStatus("Exported " + list.length + " words.");
  }

  function importKnown(file) {
    var reader = new FileReader();
    reader.onload = function () {
      withHant(function (hant) {
        var toHans = {};
        document.querySelectorAll(".db-zh ruby").forEach(function (ruby) {
          var base = ruby.dbHans || (ruby.firstChild && ruby.firstChild.nodeType === 3 ? ruby.firstChild.data : "");
          if (base) toHans[hantOf(hant, base)] = base;
        });
        Object.keys(hant).forEach(function (w) { toHans[hant[w]] = w; });
        var words = wordsOf(String(reader.result), toHans);
        var added = 0;
        words.forEach(function (w) { if (!known[w]) { known[w] = true; added++; } });
        saveKnown();
        markKnown();
        knownStatus("Imported " + words.length + " words, " + added + " new.");
      });
    };
    reader.onerror = function () { knownStatus("Could not read that file."); };
    reader.readAsText(file);
  }

  function knownTools() {
    var group = el("span", "db-known-tools");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Words I know");
    group.appendChild(document.createTextNode("Words I know: "));
    group.appendChild(el("span", "", String(knownList().length))).id = "db-known-count";
    var out = button("db-known-export", "Export");
    out.setAttribute("aria-label", "Export the words I know as a word list");
    out.addEventListener("click", exportKnown);
    var file = el("input", "");
    file.type = "file";
    file.accept = ".txt,.csv,.tsv,text/plain,text/csv";
    file.hidden = true;
    file.setAttribute("aria-label", "Word list to import");
    file.addEventListener("change", function () {
      if (file.files && file.files[0]) importKnown(file.files[0]);
      file.value = "";
    });
    var into = button("db-known-import", "Import…");
    into.setAttribute("aria-label", "Import a word list (one word a line, or an Anki or Pleco export)");
    into.addEventListener("click", function () { file.click(); });
    group.appendChild(out);
    group.appendChild(into);
    group.appendChild(file);
    var status = el("span", "db-known-status");
    status.id = "db-known-status";
    status.setAttribute("role", "status");
    group.appendChild(status);
    return group;
  }

  /* The pop-up's actions for a word: say it, and mark it known or not. */
  function wordActions(ruby) {
    var row = el("div", "db-pop-actions");
    var say = button("db-pop-say", "Say it");
    say.setAttribute("aria-label", "Say it: " + hansOf(ruby));  // the visible text first (WCAG 2.5.3)
    say.addEventListener("click", function () {
      speak([hansOf(ruby)], null, function (problem) { note.textContent = problem; });
    });
    var word = hansOf(ruby);
    var mark = button("db-pop-known", "I know this word");
    mark.setAttribute("aria-pressed", known[word] ? "true" : "false");
    mark.addEventListener("click", function () {
      var yes = !known[word];
      setKnown(word, yes);
      mark.setAttribute("aria-pressed", yes ? "true" : "false");
    });
    var note = el("p", "db-pop-say-note");
    note.setAttribute("role", "status");
    row.appendChild(say);
    row.appendChild(mark);
    pop.appendChild(row);
    pop.appendChild(note);
  }

  /* Reading aloud with the browser's own speech synthesis (Web Speech API): no request
   * leaves the page except what the browser's voice itself does. A voice for zh-CN is
   * preferred, one installed on the device before a network one; any Chinese voice will
   * do after that. Without one, the control says so. */
  var NO_SPEECH = "This browser cannot read aloud.";
  var NO_VOICE = "No Chinese voice is installed for reading aloud in this browser (add one in the system's speech settings).";
  var reading = null;  // {utterance, pair, button} while a paragraph is read

  function voiceFor() {
    var voices = window.speechSynthesis.getVoices() || [];
    function langOf(v) { return String(v.lang || "").replace("_", "-").toLowerCase(); }
    function pick(test) {
      var found = voices.filter(function (v) { return test(langOf(v)); });
      return found.filter(function (v) { return v.localService; })[0] || found[0] || null;
    }
    return pick(function (l) { return l === "zh-cn" || l === "cmn-hans-cn"; }) ||
           pick(function (l) { return l.indexOf("zh") === 0 || l.indexOf("cmn") === 0; });
  }

  /* Voices load asynchronously: ask once more after they have (or after a second). */
  function withVoice(callback) {
    if (!window.speechSynthesis || !window.SpeechSynthesisUtterance) { callback(null, NO_SPEECH); return; }
    var voice = voiceFor();
    if (voice) { callback(voice, ""); return; }
    var done = false;
    function retry() {
      if (done) return;
      done = true;
      var again = voiceFor();
      callback(again, again ? "" : NO_VOICE);
    }
    window.speechSynthesis.addEventListener("voiceschanged", retry, { once: true });
    setTimeout(retry, 1000);
  }

  /* Say texts one after the other; each(i) is told when text i begins, done() at the end. */
  function speak(texts, each, fail, done) {
    withVoice(function (voice, problem) {
      if (!voice) { fail(problem); return; }
      window.speechSynthesis.cancel();
      texts.forEach(function (text, i) {
        var utterance = new window.SpeechSynthesisUtterance(text);
        utterance.lang = "zh-CN";
        utterance.voice = voice;
        utterance.rate = rate;
        if (each) utterance.onstart = function () { each(i); };
        if (done && i === texts.length - 1) utterance.onend = done;
        window.speechSynthesis.speak(utterance);
      });
    });
  }

  function stopReading() {
    if (!reading) return;
    reading.pair.classList.remove("db-speaking");
    reading.button.setAttribute("aria-pressed", "false");
    reading = null;
    if (window.speechSynthesis) window.speechSynthesis.cancel();
  }

  /* A paragraph's play button reads it and the paragraphs after it, lighting up the one
     being read; pressed again (or Escape), it stops. */
  function readFrom(pair, control) {
    var pairs = Array.prototype.slice.call(document.querySelectorAll(".db-pair"));
    pairs = pairs.slice(pairs.indexOf(pair)).filter(function (p) { return p.querySelector(".db-zh"); });
    var texts = pairs.map(function (p) { return baseText(p.querySelector(".db-zh"), true).trim(); });
    var mine = { pair: pair, button: control };
    stopReading();
    reading = mine;
    control.setAttribute("aria-pressed", "true");
    speak(texts, function (i) {
      if (reading !== mine) return;
      mine.pair.classList.remove("db-speaking");
      mine.pair = pairs[i];
      mine.pair.classList.add("db-speaking");
      var box = mine.pair.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) mine.pair.scrollIntoView({ block: "center", behavior: "smooth" });
    }, function (problem) {
      stopReading();
      sayStatus(control, problem);
    }, function () {
      if (reading === mine) stopReading();
    });
  }

  function sayStatus(control, text) {
    var status = document.getElementById("db-say-status");
    if (!status) {
      status = el("p", "db-say-status");
      status.id = "db-say-status";
      status.setAttribute("role", "status");
      status.lang = "en";
    }
    control.parentNode.appendChild(status);
    status.textContent = text;
  }

  function initReadAloud() {
    document.querySelectorAll(".db-pair").forEach(function (pair) {
      if (!pair.querySelector(".db-zh")) return;
      var control = button("db-say", "");
      var anchor = pair.querySelector(".db-anchor");
      control.setAttribute("aria-label", "Read aloud from " + (anchor ? anchor.getAttribute("aria-label").replace(/^Link to /, "") : "here"));
      control.setAttribute("aria-pressed", "false");
      control.lang = "en";
      control.addEventListener("click", function () {
        if (reading && reading.button === control) stopReading();
        else readFrom(pair, control);
      });
      pair.appendChild(control);
    });
  }

  /* 简/繁: the page's words whose traditional form differs come from <article>.hant.js (made
   * at build time with OpenCC, phrase-aware); each <ruby>'s characters are swapped in place,
   * its <rt> untouched, its simplified form kept as dbHans. Until the forms are in, the
   * text stays hidden (db-hant without db-hant-ready) rather than flashing simplified. */
  var hantShown = false;
  function showScript(hant) {
    if (hant === hantShown) return;
    hantShown = hant;
    if (!hant) {
      swapScript(null);
      root.classList.remove("db-hant-ready");
      return;
    }
    withHant(function (forms) {
      if (hantShown) swapScript(forms);
      root.classList.add("db-hant-ready");
    });
  }

  /* A word's traditional form: the page's own list where the phrase decides it (头发 → 頭髮),
     else its characters' forms from the site's one table (发展 → 發展). */
  function hantOf(forms, word) {
    var chars = window.dbHantChars || {};
    return forms[word] || word.split("").map(function (ch) { return chars[ch] || ch; }).join("");
  }

  function swapScript(forms) {
    document.querySelectorAll(".db-zh ruby").forEach(function (ruby) {
      var text = ruby.firstChild;
      if (!text || text.nodeType !== 3) return;
      var form = forms && !ruby.dbHans ? hantOf(forms, text.data) : text.data;
      if (forms && !ruby.dbHans && form !== text.data) {
        ruby.dbHans = text.data;
        text.data = form;
      } else if (!forms && ruby.dbHans) {
        text.data = ruby.dbHans;
        ruby.dbHans = undefined;
      }
    });
    document.querySelectorAll(".db-zh").forEach(function (zh) { zh.lang = forms ? "zh-Hant" : "zh-Hans"; });
  }

  /* Sentence alignment: a Chinese sentence and its English share data-s. Hovering,
   * focusing (keyboard: Tab) or tapping either lights up both. */
  function pairOf(node) {
    var s = node && node.closest ? node.closest(".db-s") : null;
    return s ? s.getAttribute("data-s") : null;
  }
  var lit = null;
  function light(key) {
    if (key === lit) return;
    document.querySelectorAll(".db-s.db-lit").forEach(function (n) { n.classList.remove("db-lit"); });
    lit = key;
    if (key) document.querySelectorAll('.db-s[data-s="' + key + '"]').forEach(function (n) { n.classList.add("db-lit"); });
  }
  /* The pointer off any sentence falls back to the focused one: focusing a sentence may scroll
     the page under a resting mouse, and that mouseover must not undo the keyboard's highlight. */
  document.addEventListener("mouseover", function (e) { light(pairOf(e.target) || pairOf(document.activeElement)); });
  document.addEventListener("focusin", function (e) { light(pairOf(e.target)); });
  document.addEventListener("touchstart", function (e) { light(pairOf(e.target)); }, { passive: true });

  function init() {
    initWordStops();
    if (knownList().length) markKnown();
    initReadAloud();
    buildControls();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
