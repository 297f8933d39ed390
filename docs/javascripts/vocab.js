/* duben vocabulary export: one control on each article page makes a flashcard
 * file for Anki or Pleco, in the browser, from what the page already holds.
 *
 * Why here and not at build time: four CSV files per article (all words,
 * above HSK 2, 4, 6) were 60 MB of a 91 MB site at 20 documents, and the page
 * has every piece a card needs:
 * - the word and its pinyin as printed: each <ruby> and its <rt>s;
 * - its HSK level and CC-CEDICT senses: <article>.words.js (window.dbWords,
 *   loaded by a <script> element as the word pop-up loads it, so it also works
 *   from file://, where fetch() of a local file is refused);
 * - a glossary term's English: #db-terms;
 * - the sentence it stands in: the paragraph's text (and, where the translation
 *   is aligned by sentence, the English of the aligned parts it overlaps);
 * - the names: #db-data (document slug and label, article title, file name).
 * The file is handed over with a Blob and a[download], which works over
 * file:// and http alike.
 *
 * Formats (docs/how-to-read.md#vocabulary says what a learner clicks):
 * - Anki: tab-separated text with Anki's file headers (Anki 2.1.55+), so that
 *   the import Anki proposes needs no choices: notetype Basic, columns mapped by
 *   position (Front = the word, Back = pinyin, English, the sentence with the
 *   word in bold, HSK level, source), one tags column, one deck column (Anki's
 *   #deck: header only picks a deck that exists; a deck column creates it) and
 *   one GUID column: "duben:<word>:<pinyin>", so that importing again, or the
 *   same word from another article, updates the note instead of adding one, and
 *   a note the learner made for the same word is never touched.
 *   Why not .apkg: that is an SQLite database in a zip, which the browser would
 *   have to write; the text format is Anki's own too, and tests/test_vocab.py
 *   imports what this file makes with Anki's own engine.
 * - Pleco: Pleco's flashcard text format: a "//" category line, then one card a
 *   line, headword TAB pinyin TAB definition.
 * Rows: each word once, in order of first appearance, as the build's old CSV
 * had them: words with a Han character; "above HSK N" keeps words above level
 * N and words outside the HSK lists; "skip words I know" leaves out the words
 * in localStorage["duben-known"] (a JSON array of simplified words). */
(function () {
  "use strict";

  var SETTINGS_KEY = "duben.vocab";
  var KNOWN_KEY = "duben-known";
  /* Han characters as duben.language.han counts them (the supplementary planes by
     their UTF-16 high surrogates D840–D884: U+20000–U+3134F). */
  var HAN = /[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[\ud840-\ud884][\udc00-\udfff]/;
  /* A sentence: up to and including its closing stops, as duben.language.han.sentences. */
  var SENTENCE = /[^。！？；!?;\n]*[。！？；!?;\n]*/g;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  /* One field of a line: tabs and line breaks would start a new field or card. */
  function flat(text) {
    return text.replace(/[\t\r\n]+/g, " ").trim();
  }

  function levelName(level) {
    return level === 7 ? "7-9" : String(level);
  }

  /* ---- Reading the page ---- */

  /* The paragraph's text without pinyin, each <ruby> with its offset in that text, and
     each aligned sentence (.db-s) with its extent. */
  function readParagraph(zh) {
    var out = { text: "", rubies: [], sentences: {} };
    function walk(node) {
      node.childNodes.forEach(function (child) {
        if (child.nodeType === 3) { out.text += child.data; return; }
        if (child.nodeType !== 1 || child.tagName === "RT") return;
        var start = out.text.length;
        if (child.tagName === "RUBY") out.rubies.push({ node: child, start: start });
        walk(child);
        if (child.tagName === "RUBY") out.rubies[out.rubies.length - 1].end = out.text.length;
        if (child.classList.contains("db-s")) {
          out.sentences[child.getAttribute("data-s")] = { start: start, end: out.text.length };
        }
      });
    }
    walk(zh);
    return out;
  }

  /* [start, end) of the sentence of ``text`` holding offset ``at`` (han.sentences' split). */
  function sentenceAround(text, at) {
    SENTENCE.lastIndex = 0;
    var match = SENTENCE.exec(text);
    while (match && match[0]) {
      if (at < match.index + match[0].length) return [match.index, match.index + match[0].length];
      match = SENTENCE.exec(text);
    }
    return [0, text.length];
  }

  /* The Chinese of an element without its pinyin. */
  function baseText(node) {
    return readParagraph(node).text;
  }

  /* terms[id] is [Chinese, English, one-line gloss] when the word is a glossary term
     (its link holds the word and nothing else): the glossary's English beats CC-CEDICT,
     which has none of the political formulations. */
  function termOf(ruby, word, terms) {
    var link = ruby.closest("a.db-term");
    var id = link ? /([^/]+)\.html$/.exec(link.getAttribute("href") || "") : null;
    return id && terms[id[1]] && baseText(link) === word ? terms[id[1]] : null;
  }

  /* The senses for the reading printed in the text; all of them when none matches it. */
  function senses(entry, pinyin) {
    var all = entry ? entry[1] : [];
    var key = pinyin.replace(/\s+/g, "").toLowerCase();
    var matching = all.filter(function (s) { return s[0].toLowerCase() === key; });
    return matching.length ? matching : all;
  }

  /* The English of the aligned sentences (.db-s) that overlap [start, end) of the paragraph. */
  function alignedEnglish(pair, para, start, end) {
    var parts = [];
    Object.keys(para.sentences).forEach(function (key) {
      var s = para.sentences[key];
      var en = pair.querySelector('.db-en .db-s[data-s="' + key + '"]');
      if (en && s.start < end && start < s.end) parts.push({ at: s.start, text: en.textContent.trim() });
    });
    parts.sort(function (a, b) { return a.at - b.at; });
    return parts.map(function (p) { return p.text; }).join(" ");
  }

  /* The pinyin as printed over the word: its <ruby>'s syllables, and those of the rubies
     that continue it up to offset ``end``. */
  function pinyinOf(rubies, first, end) {
    var syllables = [];
    var k;
    for (k = first; k < rubies.length && (k === first || rubies[k].start < end); k++) {
      rubies[k].node.querySelectorAll("rt").forEach(function (rt) { syllables.push(rt.textContent); });
    }
    return syllables.join(" ");
  }

  /* Every word of the article once, in order of first appearance. A word is one <ruby>,
     unless the build named it in data-w (the word has plain text inside, 互联网+, or a
     note or term boundary cuts it): then it runs over that many characters, and a
     <ruby> with an empty data-w continues the word before it. */
  function collectWords(words, terms) {
    var rows = [];
    var seen = {};
    document.querySelectorAll("[data-duben-article] .db-pair").forEach(function (pair) {
      var zh = pair.querySelector(".db-zh");
      if (!zh) return;
      var para = readParagraph(zh);
      para.rubies.forEach(function (r, i) {
        var named = r.node.getAttribute("data-w");
        if (named === "") return;
        var word = named || para.text.slice(r.start, r.end);
        var start = named ? para.text.lastIndexOf(named, r.start) : r.start;
        if (start < 0 || start + word.length < r.end) start = r.start;  // not where expected: keep the ruby's place
        var end = start + word.length;
        if (seen[word] || !HAN.test(word)) return;
        seen[word] = true;
        var pinyin = pinyinOf(para.rubies, i, end);
        var entry = words[word];
        var classLevel = /(?:^|\s)h([1-7])(?:\s|$)/.exec(r.node.className);  // the page's own, if words.js failed
        var span = sentenceAround(para.text, start);
        rows.push({
          word: word,
          pinyin: pinyin,
          level: entry ? entry[0] : (classLevel ? Number(classLevel[1]) : 0),
          senses: senses(entry, pinyin),
          term: termOf(r.node, word, terms),
          before: para.text.slice(span[0], start).replace(/^\s+/, ""),
          after: para.text.slice(end, span[1]).replace(/\s+$/, ""),
          sentenceEn: alignedEnglish(pair, para, span[0], span[1]),
          block: pair.id
        });
      });
    });
    return rows;
  }

  function readJson(id) {
    var node = document.getElementById(id);
    try { return node ? JSON.parse(node.textContent) : {}; } catch (_e) { return {}; }
  }

  function knownWords() {
    var list = [];
    try { list = JSON.parse(localStorage.getItem(KNOWN_KEY) || "[]"); } catch (_e) { /* unreadable: none known */ }
    return Array.isArray(list) ? list.filter(function (w) { return typeof w === "string"; }) : [];
  }

  /* window.dbWords, from the files #db-data names (the page's words and the site's shared HSK
     words; each adds to it). They are loaded again here, whatever the pop-up did: the files
     are idempotent and the browser has them cached. A failed load leaves those words out:
     the file is still made, without their glosses. */
  function withWords(srcs, done) {
    var list = srcs.split(/\s+/).filter(Boolean);
    var left = list.length;
    var finish = function () {
      left -= 1;
      if (left <= 0) done(window.dbWords || {});
    };
    if (!left) { done(window.dbWords || {}); return; }
    list.forEach(function (src) {
      var script = document.createElement("script");
      script.src = src;
      script.addEventListener("load", finish);
      script.addEventListener("error", finish);
      document.head.appendChild(script);
    });
  }

  /* ---- The two formats ---- */

  function englishLines(row) {
    if (row.term) return [row.term[1]].concat(row.term[2] ? [row.term[2]] : []);
    var key = row.pinyin.replace(/\s+/g, "").toLowerCase();
    return row.senses.map(function (s) {
      return s[0].toLowerCase() === key ? s[1] : s[0] + ": " + s[1];
    });
  }

  function ankiBack(row, meta) {
    var parts = ['<div style="font-size:1.2em">' + escapeHtml(row.pinyin) + "</div>"];
    var english = englishLines(row);
    if (english.length) parts.push("<div>" + english.map(escapeHtml).join("<br>") + "</div>");
    parts.push('<div lang="zh-Hans" style="margin-top:0.8em">' + escapeHtml(row.before) + "<b>" +
               escapeHtml(row.word) + "</b>" + escapeHtml(row.after) + "</div>");
    if (row.sentenceEn) parts.push("<div><i>" + escapeHtml(row.sentenceEn) + "</i></div>");
    var source = escapeHtml(meta.title + " ¶" + row.block);
    if (/^https?:$/.test(location.protocol)) {
      // Over http the page has an address a card can link to; from disk it has none worth keeping.
      source = '<a href="' + escapeHtml(location.origin + location.pathname + "#" + row.block) + '">' + source + "</a>";
    }
    var level = row.level ? "HSK " + levelName(row.level) + " · " : "";
    parts.push('<div style="margin-top:0.8em;font-size:0.8em">' + level + source + "</div>");
    return parts.join("");
  }

  function ankiFile(rows, meta) {
    var deck = "duben::" + meta.label.replace(/::/g, ":");
    var lines = [
      "#separator:Tab",
      "#html:true",
      "#notetype:Basic",
      "#tags:duben " + meta.doc,
      "#tags column:3",
      "#deck column:4",
      "#guid column:5"
    ];
    rows.forEach(function (row) {
      var tags = (row.level ? "HSK" + levelName(row.level) : "") + (row.term ? " duben-term" : "");
      var guid = "duben:" + row.word + ":" + row.pinyin.replace(/\s+/g, "");
      lines.push([row.word, ankiBack(row, meta), tags.trim(), deck, guid].map(flat).join("\t"));
    });
    return lines.join("\n") + "\n";
  }

  function plecoFile(rows, meta) {
    var category = "duben/" + meta.label.replace(/\//g, "／");
    if (meta.single !== "yes") category += "/" + meta.title.replace(/\//g, "／");
    var lines = ["//" + category];
    rows.forEach(function (row) {
      lines.push([row.word, row.pinyin, englishLines(row).join("; ")].map(flat).join("\t"));
    });
    return lines.join("\n") + "\n";
  }

  /* ---- The control ---- */

  function loadSettings() {
    try { return JSON.parse(localStorage.getItem(SETTINGS_KEY) || "{}") || {}; } catch (_e) { return {}; }
  }

  function download(text, name) {
    var url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    var link = el("a", "");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);  // the download has started by then
  }

  function build(article, data) {
    var settings = loadSettings();
    var form = el("form", "db-vocab");
    form.setAttribute("aria-label", "Vocabulary export");
    form.lang = "en";
    // Fixed markup, no page data in it: the choices, then what the last click made.
    form.innerHTML =
      '<label>Vocabulary for <select name="format"><option value="anki">Anki</option>' +
      '<option value="pleco">Pleco</option></select></label>' +
      '<label>words <select name="level"><option value="0">all</option><option value="2">above HSK 2</option>' +
      '<option value="4">above HSK 4</option><option value="6">above HSK 6</option></select></label>' +
      '<label><input type="checkbox" name="skip">skip words I know</label>' +
      '<button type="submit" class="md-button db-vocab-go">Download</button>' +
      '<a href="../../how-to-read.html#vocabulary">how to import</a>' +
      '<span class="db-vocab-status" role="status"></span>';  // read out: how many words went in
    form.elements.format.value = settings.format === "pleco" ? "pleco" : "anki";
    form.elements.level.value = /^[246]$/.test(String(settings.level)) ? String(settings.level) : "0";
    form.elements.skip.checked = !!settings.skip;
    var status = form.querySelector(".db-vocab-status");

    var meta = {
      doc: data.getAttribute("data-doc") || "",
      label: data.getAttribute("data-label") || document.title,
      title: data.getAttribute("data-title") || document.title,
      file: data.getAttribute("data-file") || "vocabulary",
      single: data.getAttribute("data-file") === data.getAttribute("data-doc") ? "yes" : "no"
    };
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var choice = { format: form.elements.format.value, level: Number(form.elements.level.value),
                     skip: form.elements.skip.checked };
      try { localStorage.setItem(SETTINGS_KEY, JSON.stringify(choice)); } catch (_e) { /* private mode */ }
      status.textContent = "Preparing…";
      withWords(data.getAttribute("data-words"), function (words) {
        var known = {};
        var skipped = 0;
        if (choice.skip) knownWords().forEach(function (w) { known[w] = true; });
        var rows = collectWords(words, readJson("db-terms")).filter(function (row) {
          if (choice.level && row.level && row.level <= choice.level) return false;
          if (known[row.word]) { skipped++; return false; }
          return true;
        });
        var note = skipped ? " (" + skipped + " you know left out)" : "";
        if (!rows.length) { status.textContent = "No words to export" + note + "."; return; }
        var name = meta.file + (choice.level ? "-above-hsk" + choice.level : "") + (skipped ? "-new" : "") +
                   "." + choice.format + ".txt";
        download(choice.format === "pleco" ? plecoFile(rows, meta) : ankiFile(rows, meta), name);
        status.textContent = rows.length + " words" + note + " → " + name;
      });
    });
    // After the reading settings (duben.js puts them after the facts line).
    var after = article.querySelector("form.db-controls") || article.querySelector(".db-credit") ||
                article.querySelector(".db-facts");
    article.insertBefore(form, after ? after.nextSibling : article.firstChild);
  }

  function init() {
    var article = document.querySelector("[data-duben-article]");
    var data = document.getElementById("db-data");
    if (article && data) build(article, data);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
