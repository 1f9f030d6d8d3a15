// Keeps the campaign banner and statuses right on a site built once and left
// on its host: the build wrote the status for its own date, this recomputes
// it from the start and end the page carries, by the browser's clock, or by
// the day the site was built as of (loa build --now), which the script tag
// carries in data-now. The Go side (site.Campaign.StatusAt, DaysLeftAt,
// BannerAt) counts the same way.
//
// The reader may hide a campaign's banner: the choice is kept in
// localStorage for that campaign only (no cookie), and the banner of another
// campaign still shows.
(function () {
  "use strict";
  var DAY = 864e5, LEAD = 14 * DAY, KEY = "loa-campaign-hidden:";
  var me = document.currentScript;
  var fixed = me ? Date.parse(me.getAttribute("data-now") || "") : NaN;
  function now() { return isNaN(fixed) ? Date.now() : fixed; }
  function dismissed(el) {
    var slug = el.getAttribute("data-campaign-slug");
    try { return !!slug && localStorage.getItem(KEY + slug) === "1"; } catch (e) { return false; }
  }
  function update() {
    var t = now();
    var els = document.querySelectorAll("[data-campaign-start][data-campaign-end]");
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      var start = Date.parse(el.getAttribute("data-campaign-start"));
      var end = Date.parse(el.getAttribute("data-campaign-end"));
      if (isNaN(start) || isNaN(end)) continue;
      var status = t < start ? "upcoming" : t < end ? "running" : "ended";
      var days = status === "upcoming" ? Math.ceil((start - t) / DAY) :
        status === "running" ? Math.ceil((end - t) / DAY) : 0;
      el.setAttribute("data-status", status);
      if (el.hasAttribute("data-campaign-banner")) {
        el.hidden = dismissed(el) || !(status === "running" || (status === "upcoming" && start - t <= LEAD));
      }
      var s = el.querySelector("[data-campaign-status]");
      if (s) s.textContent = el.getAttribute("data-label-" + status) || s.textContent;
      var d = el.querySelector("[data-campaign-days]");
      if (d) {
        var words = el.getAttribute("data-days-" + status);
        d.textContent = words ? words.replace("%d", days) : "";
      }
    }
  }
  // The close buttons need this script, so they show only when it runs.
  var buttons = document.querySelectorAll("[data-campaign-dismiss]");
  for (var k = 0; k < buttons.length; k++) {
    buttons[k].hidden = false;
    buttons[k].addEventListener("click", function (ev) {
      var banner = ev.currentTarget.closest("[data-campaign-slug]");
      if (!banner) return;
      try { localStorage.setItem(KEY + banner.getAttribute("data-campaign-slug"), "1"); } catch (e) {}
      banner.hidden = true;
      var main = document.getElementById("noi-dung");
      if (main) main.focus();
    });
  }
  update();
  setInterval(update, 36e5);
})();
