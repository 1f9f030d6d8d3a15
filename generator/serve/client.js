// Loa's live reload, injected only by `loa serve`, never into `loa build`.
(function () {
  "use strict";
  var here = norm(location.pathname);
  var id = "__loa-overlay";

  function norm(p) {
    try { p = decodeURI(p); } catch (e) {}
    return p.replace(/\/index\.html?$/, "/");
  }
  function pathOf(url) {
    try { var u = new URL(url, location.href); return u.origin === location.origin ? norm(u.pathname) : ""; }
    catch (e) { return ""; }
  }
  function has(list, p) { return p !== "" && list.indexOf(p) >= 0; }

  function overlay(errors) {
    var old = document.getElementById(id);
    if (old) old.parentNode.removeChild(old);
    if (!errors.length) return;
    var box = document.createElement("div");
    box.id = id;
    box.setAttribute("role", "alert");
    box.setAttribute("style", "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.92);color:#fff;font:16px/1.5 system-ui,sans-serif;padding:2rem");
    var h = document.createElement("h2");
    h.textContent = "Lỗi khi dựng trang (" + errors.length + " lỗi)";
    h.setAttribute("style", "margin:0 0 .5rem;color:#ff8a80;font-size:1.4rem");
    box.appendChild(h);
    var p = document.createElement("p");
    p.textContent = "Trang đang hiện là bản dựng tốt gần nhất. Sửa tệp và lưu lại: trang sẽ tự cập nhật.";
    box.appendChild(p);
    var ul = document.createElement("ul");
    ul.setAttribute("style", "list-style:none;padding:0");
    errors.forEach(function (e) {
      var li = document.createElement("li");
      li.setAttribute("style", "margin:1rem 0;padding:.75rem 1rem;background:#2b2b2b;border-left:4px solid #ff8a80");
      var pos = document.createElement("code");
      pos.className = "__loa-pos";
      pos.textContent = e.pos;
      pos.setAttribute("style", "display:block;color:#ffd180;font-family:monospace");
      li.appendChild(pos);
      var m = document.createElement("div");
      m.className = "__loa-msg";
      m.textContent = e.message;
      li.appendChild(m);
      if (e.hint) {
        var hint = document.createElement("div");
        hint.textContent = "Gợi ý: " + e.hint;
        hint.setAttribute("style", "color:#b9f6ca");
        li.appendChild(hint);
      }
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
