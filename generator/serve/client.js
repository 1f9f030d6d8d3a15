// Loa's live reload, added only by `loa serve`, never by `loa build`.
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

  var es = new EventSource("/__loa/events");
  es.onmessage = function (m) {
    var d = JSON.parse(m.data);
    overlay(d.errors || []);
    if (d.errors && d.errors.length) return;
    var pages = d.pages || [], files = d.files || [];
    if (has(pages, here) || shows(files)) { location.reload(); return; }
    restyle(d.styles || {}, files);
  };
  window.__loa = { ready: true };
})();
