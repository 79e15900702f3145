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
    var chart = ui.chart({
      title: "Bias², variance, noise, their sum, the measured test error and the training " +
        "error against polynomial degree, from " + ui.fmt(data.n_sets) + " refits per degree",
      x: { min: 0, max: last, label: "polynomial degree (model complexity)", ticks: d },
      y: { min: 0, max: top, label: "squared error, mean over x" },
      height: 300,
      legend: [
        { label: "bias²", color: P.blue }, { label: "variance", color: P.vermilion },
        { label: "noise σ²", color: P.black, dash: "dotted" },
        { label: "sum of the three", color: P.green, width: 5, opacity: 0.5 },
        { label: "measured test MSE", color: P.black, marker: true },
        { label: "training MSE", color: P.orange, dash: "dashed" },
        { label: "your degree", color: P.purple }
      ]
    });
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
