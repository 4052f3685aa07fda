// factbeat pages: draw the embedded Vega-Lite specs, and open a claim's evidence when its mark is clicked.
// Everything here is progressive: the pages are readable without it.
(function () {
  "use strict";

  function drawCharts() {
    document.querySelectorAll('script[type="application/json"][data-chart]').forEach(function (el) {
      var target = document.getElementById(el.dataset.chart);
      if (!target) { return; }
      if (typeof window.vegaEmbed !== "function") {
        target.textContent = "The chart script did not load.";
        target.dataset.rendered = "error";
        return;
      }
      var spec = JSON.parse(el.textContent);
      window.vegaEmbed(target, spec, { actions: false, renderer: "svg" })
        .then(function () { target.dataset.rendered = "true"; })
        .catch(function (err) { target.textContent = "The chart could not be drawn: " + err; target.dataset.rendered = "error"; });
    });
  }

  function openClaim(index, scroll) {
    document.querySelectorAll(".claim.active, .claim-mark.active").forEach(function (el) { el.classList.remove("active"); });
    var item = document.querySelector('[data-claim-detail="' + index + '"]');
    if (!item) { return; }
    item.classList.add("active");
    var details = item.querySelector(":scope > details");
    if (details) { details.open = true; }
    document.querySelectorAll('.claim-mark[data-claim="' + index + '"]').forEach(function (el) { el.classList.add("active"); });
    if (scroll) { item.scrollIntoView({ block: "nearest", behavior: "smooth" }); }
  }

  function wireClaims() {
    document.querySelectorAll(".claim-mark[data-claim]").forEach(function (mark) {
      mark.addEventListener("click", function (event) {
        event.preventDefault();
        openClaim(mark.dataset.claim, true);
        history.replaceState(null, "", "#claim-" + mark.dataset.claim);
      });
    });
    var match = /^#claim-(\d+)$/.exec(location.hash);
    if (match) { openClaim(match[1], false); }
  }

  drawCharts();
  wireClaims();
})();
