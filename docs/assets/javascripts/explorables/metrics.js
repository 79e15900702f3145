/* Evaluation metrics: move the decision threshold, watch the confusion matrix, precision, recall
 * and the campaign's profit. Data: snippets/metrics/threshold_from_costs.py (metrics/profit_curve).
 */
(window.mlExplorablesQueue = window.mlExplorablesQueue || []).push([
  "metrics/profit_curve",
  function (root, data, ui) {
    "use strict";
    var h = ui.h;
    var t = data.thresholds;
    var kusd = data.profit.map(function (p) { return p / 1000; });
    var low = Math.min.apply(null, kusd), high = Math.max.apply(null, kusd);
    var chart = ui.chart({
      title: "Campaign profit against the threshold on the model's raw P(churn), log scale",
      x: { min: t[0], max: t[t.length - 1], log: true,
           label: "threshold on the model's raw P(churn), log scale" },
      y: { min: Math.floor(low), max: Math.ceil(high), label: "profit, 3 months (k USD)" },
      legend: [
        { label: "profit, test months", color: ui.PALETTE.blue },
        { label: "rules in the text", color: ui.PALETTE.black, dash: "dotted" },
        { label: "your threshold", color: ui.PALETTE.vermilion }
      ]
    });
    chart.hline("zero", 0);
    chart.line("curve", t, kusd, { color: ui.PALETTE.blue });
    data.rules.forEach(function (rule) {
      chart.vline("rules", rule.threshold, { dash: "dotted", color: ui.PALETTE.black });
    });

    var cells = {};
    function cell(key) {
      cells[key] = h("td", { "data-value": key });
      return cells[key];
    }
    var matrix = h("table", { class: "explorable-table" }, [
      h("caption", { text: "Confusion matrix, test months" }),
      h("thead", {}, [h("tr", {}, [
        h("td", {}), h("th", { scope: "col", text: "called" }),
        h("th", { scope: "col", text: "not called" })
      ])]),
      h("tbody", {}, [
        h("tr", {}, [h("th", { scope: "row", text: "churned" }), cell("tp"), cell("fn")]),
        h("tr", {}, [h("th", { scope: "row", text: "stayed" }), cell("fp"), cell("tn")])
      ])
    ]);
    var numbers = ui.readout([
      ["precision", "Precision"], ["recall", "Recall"], ["calls", "Calls"],
      ["profit", "Profit (USD)"]
    ]);
    var status = ui.announcer();
    var control = ui.slider({
      name: "threshold", label: "Threshold on P(churn)", values: t, index: data.start,
      format: function (v) { return v.toFixed(4); }, onChange: update
    });
    var rules = h("p", { class: "explorable-hint" }, [
      "Dotted lines: " + data.rules.map(function (r) {
        return r.label + " (" + r.threshold.toFixed(3) + ")";
      }).join("; ") + "."
    ]);

    function update() {
      var i = control.index();
      chart.clear("you");
      chart.vline("you", t[i], { color: ui.PALETTE.vermilion, width: 2 });
      chart.point("you", t[i], kusd[i], { color: ui.PALETTE.vermilion });
      ["tp", "fn", "fp", "tn"].forEach(function (k) { cells[k].textContent = ui.fmt(data[k][i]); });
      numbers.set({
        precision: ui.pct(data.precision[i]),
        recall: ui.pct(data.recall[i]),
        calls: ui.fmt(data.tp[i] + data.fp[i]),
        profit: ui.fmt(data.profit[i])
      });
      status.say("Threshold " + t[i].toFixed(4) + ": profit " + ui.fmt(data.profit[i]) +
        " USD, precision " + ui.pct(data.precision[i]) + ", recall " + ui.pct(data.recall[i]));
    }

    ui.frame(root, "Try it: move the threshold",
      "Each churner called earns " + ui.fmt(data.gain_tp) + " USD on average; each loyal " +
      "customer called costs " + ui.fmt(data.loss_fp) + " USD.",
      [control.element, chart.element, rules,
       h("div", { class: "explorable-columns" }, [matrix, numbers.element]), status.element]);
    update();
  }
]);
if (window.mlExplorables) window.mlExplorables.mountAll();
