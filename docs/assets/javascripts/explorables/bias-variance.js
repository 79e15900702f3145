/* Bias-variance tradeoff: move the polynomial degree, read bias², variance, noise, their sum, the
 * measured test error and the training error at that degree, on the curves across all degrees.
 * Data: snippets/bias-variance/decomposition_simulation.py (bias-variance/decomposition).
 */
(window.mlExplorablesQueue = window.mlExplorablesQueue || []).push([
  "bias-variance/decomposition",
  function (root, data, ui) {
    "use strict";
    var h = ui.h, P = ui.PALETTE;
    var d = data.degrees, best = data.best;
    var last = d[d.length - 1];
    function f4(v) { return v.toFixed(4); }
    var top = Math.ceil(10 * Math.max.apply(null, data.test_mse.concat(data.sum))) / 10;
    // Narrow columns (phones) get a narrower drawing, so its text is not scaled down to nothing.
    var room = root.parentElement ? root.parentElement.clientWidth : 640;
    var chart = ui.chart({
      title: "Bias², variance, noise, their sum, the measured test error and the training " +
        "error against polynomial degree, from " + ui.fmt(data.n_sets) + " refits per degree",
      x: { min: 0, max: last, label: "polynomial degree (model complexity)", ticks: d },
      y: { min: 0, max: top, label: "squared error, mean over x" },
      width: Math.round(Math.max(380, Math.min(640, room || 640))),
      height: 300
    });
    // The legend in HTML on the chart's white plate, so it wraps on a narrow screen.
    var DASH = { dotted: "2 3", dashed: "6 4" };
    var legend = h("div", {
      class: "explorable-legend", "aria-hidden": "true",
      style: "display:flex;flex-wrap:wrap;gap:0.1em 1.2em;padding:0.4em 0.8em 0;" +
        "background:#fff;color:" + ui.INK + ";font-size:0.75em;line-height:1.6"
    }, [
      ["bias²", P.blue], ["variance", P.vermilion], ["noise σ²", P.black, "dotted"],
      ["sum of the three", P.green, null, 5], ["measured test MSE", P.black, "marker"],
      ["training MSE", P.orange, "dashed"], ["your degree", P.purple]
    ].map(function (entry) {
      var mark = entry[2] === "marker"
        ? ui.s("circle", { cx: 11, cy: 6, r: 3.5, fill: entry[1] })
        : ui.s("line", {
          x1: 1, x2: 21, y1: 6, y2: 6, stroke: entry[1], "stroke-width": entry[3] || 2.5,
          "stroke-opacity": entry[3] ? 0.5 : null, "stroke-dasharray": DASH[entry[2]] || null
        });
      return h("span", { style: "white-space:nowrap" }, [
        ui.s("svg", { width: 22, height: 12, style: "vertical-align:middle;margin-right:0.3em" },
          [mark]),
        entry[0]
      ]);
    }));
    chart.element.insertBefore(legend, chart.svg);
    chart.vline("best", best, { dash: "dashed" });
    chart.text("best", best, top, "lowest test error", { dx: 5, dy: 12 });
    chart.line("curves", d, data.sum, { color: P.green, width: 5 })
      .setAttribute("stroke-opacity", "0.5");
    chart.line("curves", d, data.noise, { color: P.black, dash: "dotted", width: 1.5 });
    chart.line("curves", d, data.bias2, { color: P.blue });
    chart.line("curves", d, data.variance, { color: P.vermilion });
    chart.line("curves", d, data.train_mse, { color: P.orange, dash: "dashed" });
    d.forEach(function (x, i) {
      chart.point("curves", x, data.test_mse[i], { color: P.black, r: 3 });
    });

    var numbers = ui.readout([
      ["bias2", "Bias²"], ["variance", "Variance"], ["noise", "Noise σ²"],
      ["sum", "Sum of the three"], ["test", "Measured test MSE"],
      ["se", "Its standard error"], ["train", "Training MSE"]
    ]);
    var verdict = h("p", { class: "explorable-hint", "data-value": "verdict" });
    var status = ui.announcer();
    var control = ui.slider({
      name: "degree", label: "Polynomial degree", values: d, index: data.start,
      format: String, onChange: update
    });

    function verdictText(i) {
      if (d[i] < best) {
        return "Underfitting: going up to degree " + best + " removes more bias² than it " +
          "adds variance.";
      }
      if (d[i] > best) {
        return "Overfitting: going back to degree " + best + " removes more variance than it " +
          "adds bias²; training error keeps falling all the same.";
      }
      return "The lowest expected test error: one degree less adds more bias² than it saves " +
        "variance, one more adds more variance than it saves bias².";
    }

    function update() {
      var i = control.index();
      chart.clear("you");
      chart.vline("you", d[i], { color: P.purple, width: 2 });
      [["bias2", P.blue], ["variance", P.vermilion], ["train_mse", P.orange],
       ["sum", P.green]].forEach(function (pair) {
        chart.point("you", d[i], data[pair[0]][i], { color: pair[1] });
      });
      numbers.set({
        bias2: f4(data.bias2[i]),
        variance: f4(data.variance[i]),
        noise: f4(data.noise[i]),
        sum: f4(data.sum[i]),
        test: f4(data.test_mse[i]),
        se: f4(data.se[i]),
        train: f4(data.train_mse[i])
      });
      verdict.textContent = verdictText(i);
      status.say("Degree " + d[i] + ": bias² " + f4(data.bias2[i]) + ", variance " +
        f4(data.variance[i]) + ", test MSE " + f4(data.test_mse[i]) + ", training MSE " +
        f4(data.train_mse[i]) + ".");
    }

    ui.frame(root, "Try it: change the polynomial degree",
      "Slide the degree: bias² falls (only at odd degrees: the sine is odd about x = 0.5), " +
      "variance rises at every step, so their sum with the noise is U-shaped, lowest at degree " +
      best + "; training error just keeps falling.",
      [control.element, chart.element, verdict, numbers.element, status.element]);
    update();
  }
]);
if (window.mlExplorables) window.mlExplorables.mountAll();
