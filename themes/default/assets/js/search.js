// Search in the reader's browser, over the index the build writes (see
// generator/search). Only the files a query needs are fetched, all from this
// site; no request leaves it. Index text is put in the page with textContent
// only, so a hostile title stays text.
(function () {
  "use strict";
  var root = document.getElementById("tim-kiem");
  if (!root || !window.fetch || !window.TextEncoder || !String.prototype.normalize) { return; }
  var base = root.getAttribute("data-index");
  var input = document.getElementById("q");
  var secSel = document.getElementById("search-section");
  var yearSel = document.getElementById("search-year");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var PAGE = 10, MAX_PREFIX_SHARDS = 3;
  var END = "0123456789abcdefghijklmnopqrstuv", MORE = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-";
  var DIGIT = {};
  for (var i = 0; i < 32; i++) { DIGIT[END[i]] = i; DIGIT[MORE[i]] = 32 + i; }
  var TITLE = 1, LEAD = 2, BODY = 4, TAGS = 8;
  var SYL = /[\p{L}\p{N}][\p{L}\p{N}\p{Mn}]*/gu;

  var manifest = null, files = {}, seq = 0, results = [], shown = 0, query = null, timer = 0;

  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/[\p{Mn}\p{Me}]/gu, "").replace(/đ/g, "d").normalize("NFC");
  }
  function words(key, arg, n) {
    var s = root.getAttribute("data-" + key) || "";
    return s.replace("%s", n === undefined ? arg : String(n)).replace("%s", arg);
  }
  function get(path) {
    if (!files[path]) {
      files[path] = fetch(base + path + "?v=" + manifest.v, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) { throw new Error(r.status); }
        return r.json();
      });
    }
    return files[path];
  }
  // The shard of sorted heads that holds key: the last head not after it.
  function shardOf(heads, key) {
    var lo = 0, hi = heads.length - 1, at = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (heads[mid] <= key) { at = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return at;
  }
  // The file of the shard whose first key is head: the FNV-1a hash (32 bits)
  // of its UTF-8 bytes, in hex, as the build names it (search.ShardName).
  function shardFile(dir, head) {
    var b = new TextEncoder().encode(head), h = 0x811c9dc5;
    for (var i = 0; i < b.length; i++) { h = Math.imul(h ^ b[i], 0x01000193); }
    return dir + ("0000000" + (h >>> 0).toString(16)).slice(-8) + ".json";
  }
  function shards(dir, heads, key, prefix) {
    if (!heads.length) { return []; }
    var from = shardOf(heads, key), to = prefix ? shardOf(heads, key + "\uffff") : from;
    var out = [];
    for (var s = from; s <= Math.min(to, from + MAX_PREFIX_SHARDS - 1); s++) { out.push(get(shardFile(dir, heads[s]))); }
    return out;
  }
  function decode(s, f) {
    var prev = -1, v = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIGIT[s[i]];
      if (d >= 32) { v = v * 32 + d - 32; continue; }
      v = v * 32 + d;
      var id = prev + Math.floor(v / 16);
      f(id, v % 16);
      prev = id; v = 0;
    }
  }
  function weight(bits) {
    return (bits & TITLE ? 8 : 0) + (bits & LEAD ? 4 : 0) + (bits & TAGS ? 2 : 0) + (bits & BODY ? 1 : 0);
  }

  // parse splits a query into syllables; the last is a prefix while the
  // reader is still typing it.
  function parse(q) {
    var syl = q.normalize("NFC").match(SYL) || [];
    var typing = !/[\s\p{P}]$/u.test(q);
    return syl.map(function (s, i) {
      var typed = s.toLowerCase(), key = fold(s);
      return { typed: typed, key: key, marked: typed !== key, prefix: typing && i === syl.length - 1 };
    });
  }

  // match collects, for one syllable, each document's fields: any spelling
  // (b), the spelling as typed (x), and whether the whole syllable matched.
  function match(term, loaded) {
    var docs = new Map();
    loaded.forEach(function (shard) {
      var keys = term.prefix ? Object.keys(shard).filter(function (k) { return k.indexOf(term.key) === 0; }) : (shard[term.key] ? [term.key] : []);
      keys.forEach(function (k) {
        var spellings = shard[k];
        Object.keys(spellings).forEach(function (as) {
          var exact = term.marked && (term.prefix ? as.indexOf(term.typed) === 0 : as === term.typed);
          decode(spellings[as], function (id, bits) {
            var e = docs.get(id);
            if (!e) { e = { b: 0, x: 0, whole: false }; docs.set(id, e); }
            e.b |= bits;
            if (exact) { e.x |= bits; }
            if (k === term.key) { e.whole = true; }
          });
        });
      });
    });
    return docs;
  }
  function pairMatch(a, b, loaded) {
    var key = a.key + " " + b.key, docs = new Map();
    loaded.forEach(function (shard) {
      Object.keys(shard).forEach(function (k) {
        if (k === key || (b.prefix && k.indexOf(key) === 0)) {
          decode(shard[k], function (id, bits) { docs.set(id, (docs.get(id) || 0) | bits); });
        }
      });
    });
    return docs;
  }

  // rank: every syllable must match. Pages with the marks as typed come
  // first, then by fields (title, lead, tags, body) and syllables adjacent
  // in the query's order, then newest (the larger number: the index numbers
  // pages oldest first).
  function rank(terms, termDocs, pairDocs) {
    var smallest = termDocs.reduce(function (a, b) { return a.size <= b.size ? a : b; });
    var out = [];
    smallest.forEach(function (_, id) {
      var exact = 0, score = 0;
      for (var t = 0; t < terms.length; t++) {
        var e = termDocs[t].get(id);
        if (!e) { return; }
        if (terms[t].marked && e.x) { exact++; }
        score += weight(e.b) + (e.whole ? 0.5 : 0);
      }
      pairDocs.forEach(function (p) {
        var bits = p.get(id);
        if (bits) { score += 3 + 2 * weight(bits); }
      });
      out.push({ id: id, exact: exact, score: score });
    });
    out.sort(function (a, b) { return b.exact - a.exact || b.score - a.score || b.id - a.id; });
    return out;
  }

  // yearOf reads the manifest's years, [year, first page] in the pages'
  // order (oldest first): a page is in the last year starting at or before it.
  function yearOf(id) {
    var y = 0;
    manifest.years.forEach(function (r) { if (r[1] <= id) { y = r[0]; } });
    return y;
  }
  function filtered(rs) {
    var sec = secSel.value, year = yearSel.value;
    return rs.filter(function (r) {
      return (sec === "" || manifest.sections[manifest.sec[r.id]] === sec) && (year === "" || String(yearOf(r.id)) === year);
    });
  }

  // highlight appends text to el, each syllable that matches the query in
  // a <mark>.
  function highlight(el, text, terms) {
    var last = 0, m;
    SYL.lastIndex = 0;
    while ((m = SYL.exec(text)) !== null) {
      var k = fold(m[0]);
      var hit = terms.some(function (t) { return t.prefix ? k.indexOf(t.key) === 0 : k === t.key; });
      if (!hit) { continue; }
      el.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      el.appendChild(mark);
      last = m.index + m[0].length;
    }
    el.appendChild(document.createTextNode(text.slice(last)));
  }
  function item(doc, terms) {
    var li = document.createElement("li");
    var h = document.createElement("h2");
    var a = document.createElement("a");
    // Only addresses of this site, as the build wrote them.
    a.href = /^\/(?!\/)/.test(doc[1]) ? doc[1] : "#";
    highlight(a, doc[0], terms);
    h.appendChild(a);
    li.appendChild(h);
    var meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = [manifest.sections[doc[3]], doc[2]].filter(Boolean).join(" · ");
    li.appendChild(meta);
    var p = document.createElement("p");
    highlight(p, doc[4], terms);
    li.appendChild(p);
    return li;
  }

  function showMore(mine, terms) {
    var page = results.slice(shown, shown + PAGE);
    shown += page.length;
    return Promise.all(page.map(function (r) { return get("d/" + Math.floor(r.id / manifest.per) + ".json"); })).then(function (ds) {
      if (mine !== seq) { return; }
      page.forEach(function (r, i) { list.appendChild(item(ds[i][r.id % manifest.per], terms)); });
      more.hidden = shown >= results.length;
    });
  }

  function run(q) {
    var mine = ++seq;
    var terms = parse(q);
    query = { q: q, terms: terms };
    if (!terms.length) {
      list.textContent = ""; status.textContent = ""; more.hidden = true;
      return Promise.resolve();
    }
    var tl = terms.map(function (t) { return Promise.all(shards("t/", manifest.t, t.key, t.prefix)); });
    var pl = [];
    for (var i = 0; i + 1 < terms.length; i++) { pl.push(Promise.all(shards("p/", manifest.p, terms[i].key + " " + terms[i + 1].key, terms[i + 1].prefix))); }
    return Promise.all([Promise.all(tl), Promise.all(pl)]).then(function (loaded) {
      if (mine !== seq) { return; }
      var termDocs = terms.map(function (t, i) { return match(t, loaded[0][i]); });
      var pairDocs = loaded[1].map(function (l, i) { return pairMatch(terms[i], terms[i + 1], l); });
      results = filtered(rank(terms, termDocs, pairDocs));
      shown = 0;
      list.textContent = "";
      return showMore(mine, terms).then(function () {
        if (mine !== seq) { return; }
        status.textContent = results.length ? words("results", q.trim(), results.length.toLocaleString(document.documentElement.lang || "vi")) : words("none", q.trim());
      });
    }).catch(function () {
      if (mine === seq) { status.textContent = words("failed", ""); }
    });
  }

  // remember puts the query and the filters in the address, so that the
  // search as the reader sees it can be shared or reloaded. Sections are
  // named, not numbered: the numbers change when the site does.
  function remember(q) {
    var u = new URL(location.href);
    [["q", q], ["cm", secSel.value], ["nam", yearSel.value]].forEach(function (kv) {
      if (kv[1]) { u.searchParams.set(kv[0], kv[1]); } else { u.searchParams.delete(kv[0]); }
    });
    history.replaceState(null, "", u.pathname + u.search);
  }
  function later() {
    clearTimeout(timer);
    timer = setTimeout(function () { remember(input.value); run(input.value); }, 200);
  }
  function option(sel, value, text) {
    var o = document.createElement("option");
    o.value = String(value);
    o.textContent = text;
    sel.appendChild(o);
  }

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  status.textContent = words("searching", "");
  fetch(base + "manifest.json", { cache: "no-cache", credentials: "same-origin" }).then(function (r) {
    if (!r.ok) { throw new Error(r.status); }
    return r.json();
  }).then(function (m) {
    manifest = m;
    m.sections.forEach(function (s) { if (s) { option(secSel, s, s); } });
    // Newest year first; the manifest lists them oldest first.
    m.years.slice().reverse().forEach(function (y) { if (y[0]) { option(yearSel, y[0], String(y[0])); } });
    secSel.value = params.get("cm") || "";
    yearSel.value = params.get("nam") || "";
    secSel.parentNode.hidden = false;
    status.textContent = "";
    input.addEventListener("input", later);
    [secSel, yearSel].forEach(function (sel) {
      sel.addEventListener("change", function () { remember(input.value); run(input.value); });
    });
    input.form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      remember(input.value);
      run(input.value);
    });
    more.addEventListener("click", function () {
      var first = list.children.length;
      showMore(seq, query.terms).then(function () {
        var a = list.children[first] && list.children[first].querySelector("a");
        if (a) { a.focus(); }
      });
    });
    // Down from the box goes to the first result.
    input.addEventListener("keydown", function (e) {
      var a = list.querySelector("a");
      if (e.key === "ArrowDown" && a) { e.preventDefault(); a.focus(); }
    });
    return run(input.value);
  }).catch(function () { status.textContent = words("failed", ""); });
}());
