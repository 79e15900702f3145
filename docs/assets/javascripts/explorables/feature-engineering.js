/* Feature engineering: target encoding a signal-free postcode, in-sample or out-of-fold, as the
 * postcode gets rarer. Data: snippets/feature-engineering/target_encoding_leak.py
 * (feature-engineering/target_encoding_gap).
 */
(window.mlExplorablesQueue = window.mlExplorablesQueue || []).push([
  "feature-engineering/target_encoding_gap",
  function (root, data, ui) {
    "use strict";
    var h = ui.h;
    var P = ui.PALETTE;
    var levels = data.levels;
    var NAMES = {
      "in-sample": "in-sample, fit().transform()",
      "out-of-fold": "out-of-fold, fit_transform()"
    };
    var DASH = { "in-sample": "solid", "out-of-fold": "dashed" };

    function auc(v) { return ui.fmt(v, 3); }
    function signed(v) { return (v > 0 ? "+" : "") + ui.fmt(v, 3); }
    function rows(i) { return ui.fmt(data.median_rows[i]); }

    var chart = ui.chart({
      title: "Logistic regression's ROC AUC on training rows and held-out months against the " +
        "number of postcode levels, for in-sample and out-of-fold target encoding",
      // A little room past the last level, so its tick label is not cut at the plate's edge.
      x: { min: levels[0], max: 1.25 * levels[levels.length - 1], log: true, ticks: levels,
           format: function (v) { return ui.fmt(v); },
           label: "postcode levels drawn (log scale): fewer rows per level to the right" },
      y: { min: 0.5, max: 1, label: "ROC AUC, logistic" },
      legend: [
        { label: "training rows", color: P.blue },
        { label: "held-out months", color: P.orange },
        { label: "in-sample", color: ui.INK },
        { label: "out-of-fold", color: ui.INK, dash: "dashed" },
        { label: "no postcode", color: ui.INK, dash: "dotted" }
      ]
    });
    chart.hline("base", data.none.held_out, { dash: "dotted", width: 1.2 });

    var numbers = ui.readout([
      ["train", "Training AUC"], ["held_out", "Held-out AUC"],
      ["gap", "Train − held-out"], ["seen", "Levels in training rows"],
      ["rows", "Median rows per level"]
    ]);
    var baseline = h("p", { class: "explorable-hint" }, [
      "Without the postcode: training AUC " + auc(data.none.train) + ", held-out " +
      auc(data.none.held_out) + " (dotted line), a gap of " +
      signed(data.none.gap) + "."
    ]);
    var status = ui.announcer();
    var encoding = ui.select({
      name: "encoding", label: "Target encoding",
      options: [["in-sample", "In-sample (naive)"], ["out-of-fold", "Out-of-fold (cross-fitted)"]],
      value: "in-sample", onChange: update
    });
    var slider = ui.slider({
      name: "levels", label: "Postcode levels", values: levels, index: data.start,
      format: function (v) { return ui.fmt(v); }, onChange: update
    });

    function draw(kind, chosen) {
      var c = data.curves[kind];
      var style = { dash: DASH[kind], width: chosen ? 2.5 : 1.2 };
      [["train", P.blue], ["held_out", P.orange]].forEach(function (part) {
        var path = chart.line("curves", levels, c[part[0]],
          { color: part[1], dash: style.dash, width: style.width });
        if (!chosen) path.setAttribute("opacity", "0.45");
      });
    }

    function update() {
      var i = slider.index();
      var kind = encoding.value();
      var c = data.curves[kind];
      chart.clear("curves");
      chart.clear("you");
      Object.keys(data.curves).forEach(function (k) { if (k !== kind) draw(k, false); });
      draw(kind, true);
      chart.vline("you", levels[i], { color: ui.INK, dash: "dotted", width: 1 });
      chart.point("you", levels[i], c.train[i], { color: P.blue });
      chart.point("you", levels[i], c.held_out[i], { color: P.orange });
      numbers.set({
        train: auc(c.train[i]),
        held_out: auc(c.held_out[i]),
        gap: signed(c.gap[i]),
        seen: ui.fmt(data.levels_seen[i]),
        rows: rows(i)
      });
      status.say(ui.fmt(levels[i]) + " postcode levels, median " + rows(i) + " rows each, " +
        NAMES[kind] + ": training AUC " + auc(c.train[i]) + ", held-out " +
        auc(c.held_out[i]) + ", gap " + signed(c.gap[i]) + ".");
    }

    ui.frame(root, "Try it: make the postcode rarer",
      "The postcode is pure noise. Slide right (more levels, fewer rows each): in-sample, each " +
      "row's own label leaks into its encoding, so training AUC climbs while held-out AUC sinks " +
      "below the no-postcode line; switch to out-of-fold and the gap stays the model's own.",
      [h("div", { class: "explorable-controls" }, [slider.element, encoding.element]),
       chart.element,
       h("div", { class: "explorable-columns" }, [numbers.element, baseline]),
       status.element]);
    update();
  }
]);
if (window.mlExplorables) window.mlExplorables.mountAll();
