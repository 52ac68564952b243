// The charts of rating results, drawn with the vendored Chart.js (static/vendor/chartjs/).
// A <canvas data-rating-chart="ID"> is drawn from the JSON of <script type="application/json"
// id="ID"> (Django's json_script, built by ratings.results.bars_data / trend_data): the
// distribution of levels per body as stacked bars, the trend of each level's share across the
// years as lines. Each chart sits in a <figure class="chart"> with a table of the same figures
// (kept for screen readers and printing). Levels are told apart by pattern and point shape as
// well as colour. Nothing here writes an inline style attribute or uses eval: the CSP holds.
(function () {
  "use strict";
  if (window.ctctRatingCharts) return;
  window.ctctRatingCharts = true;

  // Best level first: green, blue, amber, red; further levels grey.
  var COLOURS = ["#2e7d32", "#1f5fa8", "#e08e0b", "#c62828"];
  var SHAPES = ["rect", "circle", "triangle", "crossRot"];
  var GREY = "#98a2b3";

  function colour(i) { return COLOURS[i] || GREY; }

  var patterns = {};
  function pattern(i) {
    if (patterns[i]) return patterns[i];
    var size = 8;
    var tile = document.createElement("canvas");
    tile.width = tile.height = size;
    var g = tile.getContext("2d");
    g.fillStyle = colour(i);
    g.fillRect(0, 0, size, size);
    g.strokeStyle = "rgba(255,255,255,0.75)";
    g.fillStyle = "rgba(255,255,255,0.8)";
    g.lineWidth = 1.5;
    if (i === 1) {
      g.beginPath(); g.moveTo(0, size); g.lineTo(size, 0); g.stroke();
    } else if (i === 2) {
      g.beginPath(); g.arc(size / 2, size / 2, 1.6, 0, 2 * Math.PI); g.fill();
    } else if (i >= 3) {
      g.beginPath(); g.moveTo(0, 0); g.lineTo(size, size); g.moveTo(0, size); g.lineTo(size, 0); g.stroke();
    }
    patterns[i] = g.createPattern(tile, "repeat") || colour(i);
    return patterns[i];
  }

  function number(lang) {
    var f = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
    return function (v) { return f.format(v); };
  }

  function tooltip(fmt) {
    return {
      callbacks: {
        label: function (item) {
          var d = item.dataset;
          return d.name + ": " + fmt(item.parsed[item.chart.options.indexAxis === "y" ? "x" : "y"]) + "% (" + d.counts[item.dataIndex] + ")";
        },
      },
    };
  }

  function bars(canvas, data) {
    var fmt = number(data.lang);
    canvas.parentNode.style.height = (data.labels.length * 34 + 90) + "px";
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels.map(function (l) { return l.length > 48 ? l.slice(0, 47) + "…" : l; }),
        datasets: data.datasets.map(function (d, i) {
          return {
            label: d.label, name: d.name, counts: d.counts, data: d.data,
            backgroundColor: pattern(i), borderColor: colour(i), borderWidth: 1,
          };
        }),
      },
      options: {
        indexAxis: "y",
        animation: false,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: true, min: 0, max: 100, title: { display: true, text: data.axis },
               ticks: { callback: function (v) { return fmt(v) + "%"; } } },
          y: { stacked: true },
        },
        plugins: { tooltip: tooltip(fmt) },
      },
    });
  }

  function trend(canvas, data) {
    var fmt = number(data.lang);
    return new window.Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: data.datasets.map(function (d, i) {
          return {
            label: d.label, name: d.name, counts: d.counts, data: d.data,
            borderColor: colour(i), backgroundColor: colour(i), pointStyle: SHAPES[i] || "circle",
            pointRadius: 5, borderDash: i % 2 ? [6, 4] : [],
          };
        }),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          y: { min: 0, max: 100, title: { display: true, text: data.axis },
               ticks: { callback: function (v) { return fmt(v) + "%"; } } },
        },
        plugins: { legend: { labels: { usePointStyle: true } }, tooltip: tooltip(fmt) },
      },
    });
  }

  var KINDS = { rating_bars: bars, rating_trend: trend };

  function draw(root) {
    if (!window.Chart) return;
    root.querySelectorAll("canvas[data-rating-chart]").forEach(function (canvas) {
      if (canvas.dataset.drawn) return;
      var source = document.getElementById(canvas.dataset.ratingChart);
      if (!source) return;
      var data;
      try { data = JSON.parse(source.textContent); } catch (e) { return; }
      var kind = KINDS[data.kind];
      if (!kind) return;
      kind(canvas, data);
      canvas.dataset.drawn = "true";
      var figure = canvas.closest("figure.chart");
      if (figure) figure.classList.add("drawn");
    });
  }

  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:load", function (event) { draw(event.detail.elt); });
})();
