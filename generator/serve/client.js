// Loa's live reload, added only by `loa serve`, never by `loa build`, with
// the error overlay and the panel of warnings (the proofreader's findings).
//
// Served as /__loa/client.js and loaded with <script src defer>, not
// inlined, and the overlay is styled by /__loa/overlay.css and class names,
// never style attributes: the default theme's pages carry a
// Content-Security-Policy (script-src 'self'; style-src 'self') under which
// the browser runs no inline script and applies no inline style. The event
// stream is same-origin, which connect-src 'self' allows. The page's
// address comes from location, so the script needs no data from the page.
(function () {
  "use strict";
  var here = norm(location.pathname);
  var id = "__loa-overlay";
  var cssId = "__loa-overlay-css";

  function norm(p) {
    try { p = decodeURI(p); } catch (e) {}
    return p.replace(/\/index\.html?$/, "/");
  }
  function pathOf(url) {
    try { var u = new URL(url, location.href); return u.origin === location.origin ? norm(u.pathname) : ""; }
    catch (e) { return ""; }
  }
  function has(list, p) { return p !== "" && list.indexOf(p) >= 0; }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // styles links the overlay's stylesheet once; the server links it too
  // when it serves a page during an error.
  function styles() {
    if (document.getElementById(cssId)) return;
    var l = document.createElement("link");
    l.id = cssId;
    l.rel = "stylesheet";
    l.href = "/__loa/overlay.css";
    (document.head || document.documentElement).appendChild(l);
  }

  function overlay(errors) {
    var old = document.getElementById(id);
    if (old) old.parentNode.removeChild(old);
    if (!errors.length) return;
    styles();
    var box = el("div");
    box.id = id;
    box.setAttribute("role", "alert");
    box.appendChild(el("h2", "", "Lỗi khi dựng trang (" + errors.length + " lỗi)"));
    box.appendChild(el("p", "", "Trang đang hiện là bản dựng tốt gần nhất. Sửa tệp và lưu lại: trang sẽ tự cập nhật."));
    var ul = el("ul");
    errors.forEach(function (e) {
      var li = el("li");
      li.appendChild(el("code", "__loa-pos", e.pos));
      li.appendChild(el("div", "__loa-msg", e.message));
      if (e.hint) li.appendChild(el("div", "__loa-hint", "Gợi ý: " + e.hint));
      ul.appendChild(li);
    });
    box.appendChild(ul);
    document.body.appendChild(box);
  }

  // panel lists the warnings of the build and the proofreader (loa check)
  // in a small box in the corner that never covers the page: collapsed to
  // its button, it stays so across reloads of this tab.
  var panelId = "__loa-check", openKey = "__loa-check-open";
  function isOpen() {
    try { return sessionStorage.getItem(openKey) !== "0"; } catch (e) { return true; }
  }
  // A message without warnings leaves the panel as it is: they did not
  // change. The panel lists the first of them and counts them all.
  function panel(warnings, total) {
    var old = document.getElementById(panelId);
    if (old) old.parentNode.removeChild(old);
    if (!warnings.length) return;
    total = Math.max(total || 0, warnings.length);
    styles();
    var box = el("aside");
    box.id = panelId;
    box.setAttribute("aria-label", "Soát lỗi");
    var toggle = el("button", "__loa-toggle", "Soát lỗi: " + total.toLocaleString("vi-VN") + " cảnh báo");
    toggle.type = "button";
    var list = el("ul");
    list.id = panelId + "-list";
    toggle.setAttribute("aria-controls", list.id);
    function show(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      list.hidden = !open;
      box.className = open ? "__loa-open" : "";
    }
    toggle.addEventListener("click", function () {
      var open = list.hidden;
      try { sessionStorage.setItem(openKey, open ? "1" : "0"); } catch (e) {}
      show(open);
    });
    warnings.forEach(function (w) {
      var li = el("li");
      li.appendChild(el("code", "__loa-pos", w.pos));
      li.appendChild(el("div", "__loa-msg", w.message));
      if (w.hint) li.appendChild(el("div", "__loa-hint", "Gợi ý: " + w.hint));
      list.appendChild(li);
    });
    if (total > warnings.length) {
      list.appendChild(el("li", "__loa-hint", "… và " + (total - warnings.length).toLocaleString("vi-VN") + " cảnh báo khác: gõ loa check để xem hết."));
    }
    box.appendChild(toggle);
    box.appendChild(list);
    show(isOpen());
    // Unstyled, the panel would sit at the end of the page for a moment:
    // it shows once its stylesheet has loaded.
    var css = document.getElementById(cssId);
    if (css && !css.sheet) {
      box.hidden = true;
      css.addEventListener("load", function () { box.hidden = false; });
    }
    document.body.appendChild(box);
  }

  // restyle swaps the stylesheets that changed, keeping the scroll position.
  function restyle(styles, changed) {
    var links = document.querySelectorAll('link[rel~="stylesheet"][href]');
    for (var i = 0; i < links.length; i++) {
      var l = links[i], p = pathOf(l.href);
      if (styles[p]) {
        l.setAttribute("href", l.getAttribute("href").replace(p.replace(/^\//, ""), styles[p].replace(/^\//, "")));
      } else if (has(changed, p)) {
        var u = new URL(l.href);
        u.searchParams.set("loa", Date.now());
        l.href = u.href;
      }
    }
  }

  // shows reports whether the page shows one of the changed files.
  function shows(changed) {
    var els = document.querySelectorAll("img[src],script[src],source[src],video[src],audio[src],iframe[src],embed[src],object[data]");
    for (var i = 0; i < els.length; i++) {
      if (has(changed, pathOf(els[i].src || els[i].data))) return true;
    }
    return false;
  }

  // The page's address tells the server which pages to render first after
  // a change of layout.
  var es = new EventSource("/__loa/events?page=" + encodeURIComponent(here));
  es.onmessage = function (m) {
    var d = JSON.parse(m.data);
    overlay(d.errors || []);
    if (d.warnings) panel(d.warnings, d.warningsTotal);
    if (d.errors && d.errors.length) return;
    var pages = d.pages || [], files = d.files || [];
    if (has(pages, here) || shows(files)) { location.reload(); return; }
    restyle(d.styles || {}, files);
  };
  window.__loa = { ready: true };
})();
