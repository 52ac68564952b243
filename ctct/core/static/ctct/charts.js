// Charts of the pages, drawn with the vendored Chart.js (static/vendor/chartjs/).
// A <canvas data-chart="ID"> is drawn from the JSON of <script type="application/json" id="ID">
// (Django's json_script); the server gives the labels in the page's language. Each chart sits
// in a <figure class="chart"> with a table of the same figures: while the chart is not drawn
// (no script) the table shows; once it is, the table is kept for screen readers and printing.
// Standings are told apart by pattern and label as well as colour, so they read in greyscale.
// Nothing here writes an inline style attribute or uses eval: the CSP holds.
(function () {
  "use strict";
  if (window.ctctCharts) return;
  window.ctctCharts = true;

  var COLOURS = {
    met: "#2e7d32",
    on_track: "#1f5fa8",
    at_risk: "#e08e0b",
    missed: "#c62828",
    no_data: "#98a2b3",
  };
  // A point's shape by standing, for the line (greyscale and colour blindness).
  var SHAPES = {
    met: "rect",
    on_track: "circle",
    at_risk: "triangle",
    missed: "crossRot",
    no_data: "line",
  };

  // A fill for each standing: solid for met, stripes, dots and cross-hatching for the others.
  var patterns = {};
  function pattern(code) {
    if (patterns[code]) return patterns[code];
    var size = 8;
    var tile = document.createElement("canvas");
    tile.width = tile.height = size;
    var g = tile.getContext("2d");
    g.fillStyle = COLOURS[code] || COLOURS.no_data;
    g.fillRect(0, 0, size, size);
    g.strokeStyle = "rgba(255,255,255,0.75)";
    g.fillStyle = "rgba(255,255,255,0.8)";
    g.lineWidth = 1.5;
    if (code === "on_track") {
      g.beginPath(); g.moveTo(0, size); g.lineTo(size, 0); g.stroke();
    } else if (code === "at_risk") {
      g.beginPath(); g.arc(size / 2, size / 2, 1.6, 0, 2 * Math.PI); g.fill();
    } else if (code === "missed") {
      g.beginPath(); g.moveTo(0, 0); g.lineTo(size, size); g.moveTo(0, size); g.lineTo(size, 0); g.stroke();
    }
    patterns[code] = g.createPattern(tile, "repeat") || COLOURS[code];
    return patterns[code];
  }

  function number(lang) {
    var f = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
    return function (v) { return f.format(v); };
  }

  function day(lang) {
    return function (ms) {
      return new Date(ms).toLocaleDateString(lang, { timeZone: "UTC", day: "2-digit", month: "2-digit", year: "numeric" });
    };
  }

  function ms(iso) { return Date.parse(iso + "T00:00:00Z"); }

  // A dashed upright line at 100% of the target on the bars' value axis.
  var hundredLine = {
    id: "ctctHundred",
    afterDatasetsDraw: function (chart, args, opts) {
      if (!opts || !opts.text) return;
      var x = chart.scales.x.getPixelForValue(100);
      var area = chart.chartArea;
      var g = chart.ctx;
      g.save();
      g.strokeStyle = "#1d2430";
      g.setLineDash([5, 4]);
      g.lineWidth = 1.5;
      g.beginPath(); g.moveTo(x, area.top); g.lineTo(x, area.bottom); g.stroke();
      g.setLineDash([]);
      g.fillStyle = "#1d2430";
      g.font = "12px sans-serif";
      g.textAlign = "center";
      g.fillText(opts.text, x, area.top - 4);
      g.restore();
    },
  };

  function bars(canvas, data) {
    var fmt = number(data.lang);
    var rows = data.bars;
    var top = Math.max(120, Math.ceil(Math.max.apply(null, rows.map(function (b) { return b.percent || 0; })) / 10) * 10 + 10);
    canvas.parentNode.style.height = (rows.length * 46 + 70) + "px";
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: rows.map(function (b) {
          var title = b.label.length > 48 ? b.label.slice(0, 47) + "…" : b.label;
          return [title, b.standing_label];
        }),
        datasets: [{
          data: rows.map(function (b) { return b.percent; }),
          backgroundColor: rows.map(function (b) { return pattern(b.standing); }),
          borderColor: rows.map(function (b) { return COLOURS[b.standing] || COLOURS.no_data; }),
          borderWidth: 1,
          barPercentage: 0.8,
        }],
      },
      options: {
        indexAxis: "y",
        animation: false,
        maintainAspectRatio: false,
        layout: { padding: { top: 18 } },
        scales: {
          x: {
            min: 0,
            max: Math.min(top, 300),
            title: { display: true, text: data.axis },
            ticks: { callback: function (v) { return fmt(v) + "%"; } },
          },
        },
        plugins: {
          legend: { display: false },
          ctctHundred: { text: data.line },
          tooltip: {
            callbacks: {
              label: function (item) {
                var b = rows[item.dataIndex];
                var pct = b.percent === null ? data.no_data : fmt(b.percent) + "%";
                return b.figure + " (" + pct + ") · " + b.standing_label;
              },
            },
          },
        },
      },
      plugins: [hundredLine],
    });
  }

  function line(canvas, data) {
    var fmt = number(data.lang);
    var date = day(data.lang);
    var start = ms(data.start), end = ms(data.end);
    var pts = data.points.filter(function (p) { return p.y !== null; });
    var sets = [{
      label: data.names.figure,
      data: pts.map(function (p) { return { x: ms(p.x), y: p.y }; }),
      borderColor: COLOURS.on_track,
      backgroundColor: pts.map(function (p) { return COLOURS[p.standing] || COLOURS.no_data; }),
      pointStyle: pts.map(function (p) { return SHAPES[p.standing] || "circle"; }),
      pointRadius: 6,
      pointBorderColor: "#1d2430",
      borderWidth: 2,
      tension: 0,
    }];
    if (data.target !== null) {
      sets.push({
        label: data.names.target,
        data: [{ x: start, y: data.target }, { x: end, y: data.target }],
        borderColor: COLOURS.met,
        borderDash: [8, 4],
        borderWidth: 2,
        pointRadius: 0,
      });
    }
    if (data.path.length) {
      sets.push({
        label: data.names.path,
        data: data.path.map(function (p) { return { x: ms(p.x), y: p.y }; }),
        borderColor: "#667085",
        borderDash: [2, 3],
        borderWidth: 1.5,
        pointRadius: 0,
      });
    }
    return new window.Chart(canvas, {
      type: "line",
      data: { datasets: sets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: true,
        scales: {
          x: {
            type: "linear",
            min: start,
            max: end,
            ticks: { callback: function (v) { return date(v); }, maxTicksLimit: 7 },
          },
          y: {
            beginAtZero: true,
            title: { display: !!data.names.unit, text: data.names.unit },
            ticks: { callback: function (v) { return fmt(v); } },
          },
        },
        plugins: {
          legend: { labels: { usePointStyle: true } },
          tooltip: {
            callbacks: {
              title: function (items) { return items.length ? date(items[0].parsed.x) : ""; },
              label: function (item) {
                var text = item.dataset.label + ": " + fmt(item.parsed.y);
                if (item.datasetIndex === 0) text += " · " + pts[item.dataIndex].standing_label;
                return text;
              },
            },
          },
        },
      },
    });
  }

  var KINDS = { bars: bars, line: line };

  function draw(root) {
    if (!window.Chart) return;
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.drawn) return;
      var source = document.getElementById(canvas.dataset.chart);
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
