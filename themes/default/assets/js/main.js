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
})();
