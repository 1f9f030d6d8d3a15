// Comforts for readers; every page works without this file. Loaded with
// defer from every page. No third-party code, nothing sent anywhere.
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "loa-text-size";
  var MIN = -2, MAX = 3;

  function load() {
    try { return parseInt(localStorage.getItem(KEY), 10) || 0; } catch (e) { return 0; }
  }
  function save(n) {
    try { if (n) { localStorage.setItem(KEY, String(n)); } else { localStorage.removeItem(KEY); } } catch (e) {}
  }
  // The size lives on <html>, so the whole site follows it.
  function apply(n) {
    n = Math.max(MIN, Math.min(MAX, n));
    if (n) { root.setAttribute("data-text-size", String(n)); } else if (root.hasAttribute("data-text-size")) { root.removeAttribute("data-text-size"); }
    var buttons = document.querySelectorAll("[data-size]");
    for (var i = 0; i < buttons.length; i++) {
      var step = parseInt(buttons[i].getAttribute("data-size"), 10);
      buttons[i].disabled = (step < 0 && n <= MIN) || (step > 0 && n >= MAX);
      if (step === 0) { buttons[i].setAttribute("aria-pressed", n === 0 ? "true" : "false"); }
    }
    return n;
  }
  var size = apply(load());

  // The controls need this script, so they show only when it runs; their
  // place is kept meanwhile, so nothing moves.
  var tools = document.querySelectorAll(".tools");
  for (var k = 0; k < tools.length; k++) { tools[k].classList.add("on"); }

  // Abbreviations the site's glossary explains (the first use of each in a
  // page is <abbr title="…">): phones show no tooltip, so a tap, or Enter,
  // writes the meaning after the abbreviation, and another takes it away.
  // The handler is on each element: iOS sends no click to the document
  // from text that is not a link.
  var abbrs = document.querySelectorAll("abbr[title]");
  function toggleAbbr(ev) {
    if (ev.type === "keydown" && ev.key !== "Enter" && ev.key !== " ") { return; }
    ev.preventDefault();
    this.classList.toggle("open");
  }
  for (var n = 0; n < abbrs.length; n++) {
    abbrs[n].tabIndex = 0;
    abbrs[n].addEventListener("click", toggleAbbr);
    abbrs[n].addEventListener("keydown", toggleAbbr);
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target.closest ? ev.target.closest("[data-size],[data-print],[data-copy]") : null;
    if (!t) { return; }
    if (t.hasAttribute("data-size")) {
      var step = parseInt(t.getAttribute("data-size"), 10);
      size = apply(step === 0 ? 0 : size + step);
      save(size);
    } else if (t.hasAttribute("data-print")) {
      window.print();
    } else if (t.hasAttribute("data-copy") && navigator.clipboard && window.isSecureContext) {
      ev.preventDefault();
      var status = document.querySelector(".share-status");
      navigator.clipboard.writeText(t.href).then(function () {
        if (status) { status.textContent = t.getAttribute("data-done"); }
      }, function () {
        if (status) { status.textContent = t.href; }
      });
    }
  });

  // Albums: a link to a large picture opens it over the page, with buttons
  // for the previous and next picture of the same album; Escape, the close
  // button or a click beside the picture closes it and gives the focus back
  // to the thumbnail. Without this script the link opens the picture itself.
  var box, boxImg, boxCap, album = [], at = 0, opener = null;
  function words() {
    var c = document.querySelector(".content[data-close]");
    return {
      close: c ? c.getAttribute("data-close") : "Đóng",
      prev: c ? c.getAttribute("data-prev") : "Ảnh trước",
      next: c ? c.getAttribute("data-next") : "Ảnh sau"
    };
  }
  function button(label, fn) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", fn);
    return b;
  }
  function makeBox() {
    var w = words();
    box = document.createElement("dialog");
    box.className = "lightbox";
    box.tabIndex = -1;
    box.setAttribute("aria-label", w.close);
    var bar = document.createElement("div");
    bar.className = "lightbox-bar";
    bar.appendChild(button("‹ " + w.prev, function () { show(at - 1); }));
    bar.appendChild(button(w.next + " ›", function () { show(at + 1); }));
    bar.appendChild(button("✕ " + w.close, function () { box.close(); }));
    var pic = document.createElement("div");
    pic.className = "lightbox-pic";
    boxImg = document.createElement("img");
    pic.appendChild(boxImg);
    boxCap = document.createElement("p");
    boxCap.className = "lightbox-caption";
    box.appendChild(bar);
    box.appendChild(pic);
    box.appendChild(boxCap);
    pic.addEventListener("click", function (ev) { if (ev.target === pic) { box.close(); } });
    box.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowLeft") { show(at - 1); } else if (ev.key === "ArrowRight") { show(at + 1); }
    });
    box.addEventListener("close", function () { if (opener) { opener.focus(); } });
    document.body.appendChild(box);
  }
  function show(i) {
    at = (i + album.length) % album.length;
    var link = album[at], thumb = link.querySelector("img"), cap = link.parentNode.querySelector("figcaption");
    boxImg.src = link.href;
    boxImg.alt = thumb ? thumb.alt : "";
    boxCap.textContent = cap ? cap.textContent : (thumb ? thumb.alt : "");
  }
  document.addEventListener("click", function (ev) {
    var link = ev.target.closest ? ev.target.closest(".album-link") : null;
    if (!link || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button > 0) { return; }
    if (!box) { makeBox(); }
    if (typeof box.showModal !== "function") { return; }
    ev.preventDefault();
    opener = link;
    album = Array.prototype.slice.call(link.closest(".album").querySelectorAll(".album-link"));
    show(album.indexOf(link));
    box.showModal();
    // The focus goes to the dialog, not its first button: the Enter that
    // opened it would otherwise press that button too.
    box.focus();
  });
})();

// Videos from YouTube and Vimeo: the page shows a link with a play button
// drawn by the theme, and nothing is asked of those sites until the reader
// presses it; then the link gives way to the player (YouTube's without
// cookies, Vimeo's without tracking). Without this script the link leads
// to the video on its site.
(function () {
  "use strict";
  var players = {
    youtube: { id: /^[A-Za-z0-9_-]{6,20}$/, src: function (id, t) { return "https://www.youtube-nocookie.com/embed/" + id + "?autoplay=1" + (t ? "&start=" + t : ""); } },
    vimeo: { id: /^[0-9]{1,12}$/, src: function (id, t) { return "https://player.vimeo.com/video/" + id + "?dnt=1&autoplay=1" + (t ? "#t=" + t + "s" : ""); } }
  };
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a[data-video]") : null;
    if (!a || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button > 0) { return; }
    var p = players[a.getAttribute("data-video")], id = a.getAttribute("data-id") || "";
    if (!p || !p.id.test(id)) { return; }
    ev.preventDefault();
    var t = parseInt(a.getAttribute("data-start"), 10) || 0;
    var f = document.createElement("iframe");
    f.className = "video-player";
    f.src = p.src(id, t);
    f.title = (a.querySelector(".video-title") || a).textContent;
    f.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    f.setAttribute("allowfullscreen", "");
    f.referrerPolicy = "strict-origin-when-cross-origin";
    a.parentNode.replaceChild(f, a);
    f.focus();
  });
})();
