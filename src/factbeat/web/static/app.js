// factbeat pages: draw the embedded Vega-Lite specs (with PNG, SVG and CSV downloads), show the
// check page's length and progress, and open a claim's evidence when its mark is clicked.
// Everything here is progressive: the pages are readable without it.
(function () {
  "use strict";
  var views = {};

  function save(name, href) {
    var a = document.createElement("a");
    a.href = href; a.download = name;
    document.body.appendChild(a); a.click(); a.remove();
  }

  function csvOf(values) {
    if (!values || !values.length) { return ""; }
    var keys = Object.keys(values[0]);
    var cell = function (v) {
      var text = v === null || v === undefined ? "" : String(v);
      if (/^[=+\-@]/.test(text) && isNaN(Number(text))) { text = "'" + text; }
      return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    };
    return [keys.join(",")].concat(values.map(function (row) {
      return keys.map(function (k) { return cell(row[k]); }).join(",");
    })).join("\n") + "\n";
  }

  function chartValues(spec) {
    if (spec.data && spec.data.values) { return spec.data.values; }
    var layers = spec.layer || [];
    for (var i = 0; i < layers.length; i++) {
      if (layers[i].data && layers[i].data.values) { return layers[i].data.values; }
    }
    return [];
  }

  function wireDownloads() {
    document.querySelectorAll("[data-download]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var id = link.dataset.for, kind = link.dataset.download;
        var base = (document.title.split(" · ")[0] || "chart").replace(/[^\w-]+/g, "-").toLowerCase();
        if (kind === "csv") {
          var spec = JSON.parse(document.querySelector('script[data-chart="' + id + '"]').textContent);
          save(base + ".csv", URL.createObjectURL(new Blob([csvOf(chartValues(spec))], { type: "text/csv" })));
          return;
        }
        var view = views[id];
        if (!view) { return; }
        view.toImageURL(kind, kind === "png" ? 2 : 1).then(function (url) { save(base + "." + kind, url); });
      });
    });
    document.querySelectorAll("table.data").forEach(function (table, index) {
      if (table.dataset.noDownload !== undefined || table.closest(".check-result")) { return; }
      var link = document.createElement("a");
      link.href = "#"; link.textContent = "Download this table (CSV)"; link.className = "table-csv";
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var rows = Array.prototype.map.call(table.rows, function (tr) {
          return Array.prototype.map.call(tr.cells, function (td) { return td.innerText.replace(/\s+/g, " ").trim(); });
        });
        var text = rows.map(function (r) { return r.map(function (c) { return /[",]/.test(c) ? '"' + c.replace(/"/g, '""') + '"' : c; }).join(","); }).join("\n") + "\n";
        save("table-" + (index + 1) + ".csv", URL.createObjectURL(new Blob([text], { type: "text/csv" })));
      });
      var holder = table.closest(".table-wrap") || table;
      var p = document.createElement("p"); p.className = "muted"; p.appendChild(link);
      holder.insertAdjacentElement("afterend", p);
    });
  }

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
        .then(function (result) { views[el.dataset.chart] = result.view; target.dataset.rendered = "true"; })
        .catch(function (err) { target.textContent = "The chart could not be drawn: " + err; target.dataset.rendered = "error"; });
    });
  }

  function embedMode() {
    var wanted = document.body.dataset.embed;
    if (!wanted) { return; }
    var figure = document.getElementById("figure-" + wanted);
    if (!figure) { return; }
    document.querySelector("main").appendChild(figure);
    figure.classList.add("embed-target");
  }

  function wireEmbedLinks() {
    document.querySelectorAll("a.embed-link").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var url = new URL(link.getAttribute("href"), location.href).href;
        var code = '<iframe src="' + url + '" width="640" height="420" style="border:0" title="' + document.title + '"></iframe>';
        var box = link.parentNode.querySelector("textarea.embed-code");
        if (!box) {
          box = document.createElement("textarea");
          box.className = "embed-code"; box.rows = 3; box.readOnly = true; box.style.width = "100%";
          link.parentNode.appendChild(box);
        }
        box.value = code; box.select();
      });
    });
  }

  function wireCheckForm() {
    var form = document.querySelector("form.check-form");
    if (!form) { return; }
    var text = form.querySelector("textarea"), limit = Number(form.dataset.limit || 0);
    var counter = form.querySelector(".char-count"), button = form.querySelector("button[type=submit]");
    function count() {
      if (!counter || !limit) { return; }
      var n = text.value.length, over = n - limit;
      counter.textContent = over > 0
        ? n.toLocaleString("en-GB") + " characters: " + over.toLocaleString("en-GB") + " over the limit of " + limit.toLocaleString("en-GB") + "; cut " + over.toLocaleString("en-GB") + " characters"
        : n.toLocaleString("en-GB") + " of " + limit.toLocaleString("en-GB") + " characters";
      counter.classList.toggle("over", over > 0);
    }
    text.addEventListener("input", count); count();
    form.addEventListener("submit", function () {
      var status = form.querySelector(".check-status");
      var n = text.value.length, expected = Math.max(2, Math.round(n / 6000));
      var started = Date.now();
      button.disabled = true;
      status.hidden = false;
      var bar = status.querySelector("progress"), words = status.querySelector(".words");
      function tick() {
        var seconds = Math.round((Date.now() - started) / 1000);
        bar.value = Math.min(0.95, seconds / expected);
        words.textContent = "Checking " + n.toLocaleString("en-GB") + " characters: " + seconds + " s so far, about " + expected + " s in all.";
      }
      tick(); setInterval(tick, 500);
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

  embedMode();
  drawCharts();
  wireDownloads();
  wireEmbedLinks();
  wireCheckForm();
  wireClaims();
})();
