// Keeps the campaign banner and statuses right on a site built once and left
// on its host: the build wrote the status for its own date, this recomputes
// it from the start and end the page carries, by the browser's clock. The
// Go side (site.Campaign.StatusAt, DaysLeftAt, BannerAt) counts the same way.
(function () {
  "use strict";
  var DAY = 864e5, LEAD = 14 * DAY;
  function update() {
    var now = Date.now();
    var els = document.querySelectorAll("[data-campaign-start][data-campaign-end]");
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      var start = Date.parse(el.getAttribute("data-campaign-start"));
      var end = Date.parse(el.getAttribute("data-campaign-end"));
      if (isNaN(start) || isNaN(end)) continue;
      var status = now < start ? "upcoming" : now < end ? "running" : "ended";
      var days = status === "upcoming" ? Math.ceil((start - now) / DAY) :
        status === "running" ? Math.ceil((end - now) / DAY) : 0;
      el.setAttribute("data-status", status);
      if (el.hasAttribute("data-campaign-banner")) {
        el.hidden = !(status === "running" || (status === "upcoming" && start - now <= LEAD));
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
  update();
  setInterval(update, 36e5);
})();
