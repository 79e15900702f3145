/* Deployment and MLOps: shift a feature's mean and change the window size, watch PSI (an effect
 * size) against the two-sample KS test's p-value. Data: snippets/mlops/drift_monitoring.py
 * (mlops/drift_over_time), one seeded reference and current window per size, scipy's ks_2samp.
 */
(window.mlExplorablesQueue = window.mlExplorablesQueue || []).push([
  "mlops/drift_over_time",
  function (root, data, ui) {
    "use strict";
    var h = ui.h, P = ui.PALETTE;
    var shifts = data.shifts, sizes = data.sizes;
    var FLOOR = 1e-20; // the p-value chart's bottom: smaller p-values sit on it
    var OTHER = "#8c8c8c";
    var SUP = { "-": "\u207b", 0: "\u2070", 1: "\u00b9", 2: "\u00b2", 3: "\u00b3", 4: "\u2074",
                5: "\u2075", 6: "\u2076", 7: "\u2077", 8: "\u2078", 9: "\u2079" };

    function power(exponent) {
      return "10" + String(exponent).split("").map(function (c) { return SUP[c]; }).join("");
    }
    // p-values as text: three decimals, or m × 10^e below 0.001 (0 is an underflow).
    function pvalue(p) {
      if (p === 0) return "< " + power(-300);
      if (p >= 0.001) return p.toFixed(3);
      var parts = p.toExponential(1).split("e");
      return parts[0] + " \u00d7 " + power(Number(parts[1]));
    }
    function band(v) {
      if (v >= data.rules[1]) return "major (0.25+)";
      if (v >= data.rules[0]) return "moderate (0.1+)";
      return "below 0.1";
    }

    // A narrower drawing on a phone, so that its text stays readable once scaled to the column.
    var width = (root.parentNode && root.parentNode.clientWidth < 520) ? 400 : 640;
    var xAxis = { min: 0, max: shifts[shifts.length - 1],
                  label: "mean shift (standard deviations of the feature)" };
    var legend = [
      { label: "chosen size", color: P.blue },
      { label: "other sizes", color: OTHER },
      { label: "your shift", color: P.vermilion, marker: true }
    ];
    var psiChart = ui.chart({
      title: "PSI against the mean shift, for each window size",
      x: xAxis, y: { min: 0, max: 0.4, label: "PSI (10 decile bins)" },
      legend: legend, width: width, height: 250
    });
    var pChart = ui.chart({
      title: "KS test p-value against the mean shift, log scale, for each window size",
      x: xAxis,
      y: { min: FLOOR, max: 1, log: true, label: "KS p-value (log)",
           ticks: [1e-20, 1e-15, 1e-10, 1e-5, 1],
           format: function (t) { return t === 1 ? "1" : power(Math.round(Math.log10(t))); } },
      legend: legend, width: width, height: 250
    });
    data.rules.forEach(function (level, k) {
      psiChart.hline("rules", level, { dash: "dotted", width: 1.2 });
      psiChart.text("rules", 0, level, k ? "0.25: 'major'" : "0.1: 'moderate'", { dx: 4, dy: -4 });
    });
    pChart.hline("rules", data.alpha, { dash: "dotted", width: 1.2 });
    pChart.text("rules", shifts[shifts.length - 1], data.alpha, "0.05", { anchor: "end", dx: -4, dy: 13 });
    // Which curve is which: each size's label where its p-value first falls below a level, one
    // level per size (10^-8, 10^-12, 10^-16), so that the labels stay apart.
    sizes.forEach(function (n, k) {
      var level = Math.pow(10, -8 - 4 * k);
      var i = data.ks_p[k].findIndex(function (p) { return p < level; });
      if (i > 0) pChart.text("rules", shifts[i], level, ui.fmt(n), { dx: 6, dy: -5 });
    });

    var psiText = ui.readout([
      ["psi", "PSI"], ["psi_band", "Rule of thumb"], ["psi_null", "PSI of noise (18/n)"]
    ]);
    var ksText = ui.readout([
      ["ks_d", "KS statistic D"], ["ks_p", "KS p-value"], ["ks_call", "At the 0.05 level"]
    ]);
    var status = ui.announcer();
    var shift = ui.slider({
      name: "shift", label: "Mean shift", values: shifts, index: data.start.shift,
      format: function (v) { return v.toFixed(3) + " SD"; }, onChange: update
    });
    var size = ui.select({
      name: "size", label: "Rows per window",
      options: sizes.map(function (n, j) { return [String(j), ui.fmt(n)]; }),
      value: data.start.size, onChange: update
    });

    function draw(chart, key, j, floor) {
      chart.clear("curves");
      sizes.forEach(function (n, k) {
        if (k === j) return;
        chart.line("curves", shifts, data[key][k].map(floor), { color: OTHER, width: 1.2 });
      });
      chart.line("curves", shifts, data[key][j].map(floor), { color: P.blue, width: 2.5 });
    }
    function lift(p) { return Math.max(p, FLOOR); }
    function same(v) { return v; }

    function update() {
      var i = shift.index(), j = Number(size.value());
      var psi = data.psi[j][i], p = data.ks_p[j][i];
      draw(psiChart, "psi", j, same);
      draw(pChart, "ks_p", j, lift);
      psiChart.clear("you");
      psiChart.point("you", shifts[i], psi, { color: P.vermilion, r: 5 });
      pChart.clear("you");
      pChart.point("you", shifts[i], lift(p), { color: P.vermilion, r: 5 });
      if (p < FLOOR) {
        pChart.text("you", shifts[i], FLOOR, "p below " + power(-20), {
          anchor: i > shifts.length / 2 ? "end" : "start", dx: i > shifts.length / 2 ? -8 : 8, dy: -6
        });
      }
      psiText.set({
        psi: psi.toFixed(4), psi_band: band(psi), psi_null: data.null_psi[j].toFixed(4)
      });
      ksText.set({
        ks_d: data.ks_d[j][i].toFixed(3), ks_p: pvalue(p),
        ks_call: p < data.alpha ? "significant" : "not significant"
      });
      status.say("Shift " + shifts[i].toFixed(3) + " SD, " + ui.fmt(sizes[j]) +
        " rows per window: PSI " + psi.toFixed(4) + ", KS p-value " + pvalue(p) + ".");
    }

    ui.frame(root, "Try it: drift size against sample size",
      "A normal feature's mean shifts between the reference and the current window. Pick a " +
      "tiny shift (0.025 SD) and raise the rows per window: the KS p-value drops below 0.05 " +
      "while PSI stays near zero. A p-value says how sure, not how much: alert on an effect " +
      "size (PSI, or KS D), not on p < 0.05.",
      [h("div", { class: "explorable-controls" }, [shift.element, size.element]),
       psiChart.element, pChart.element,
       h("div", { class: "explorable-columns" }, [psiText.element, ksText.element]),
       status.element]);
    update();
  }
]);
if (window.mlExplorables) window.mlExplorables.mountAll();
