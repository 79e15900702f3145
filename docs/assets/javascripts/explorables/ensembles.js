/* Ensembles: pick a learning rate and a number of trees, read the training and validation log
 * loss of the boosted churn model there and at the rate's best number of trees.
 * Data: snippets/ensembles/early_stopping_churn.py (ensembles/early_stopping): the loss after
 * each tree, recorded during one LightGBM fit per rate, on a grid of tree counts that holds
 * each rate's best.
 */
(window.mlExplorablesQueue = window.mlExplorablesQueue || []).push([
  "ensembles/early_stopping",
  function (root, data, ui) {
    "use strict";
    var h = ui.h, P = ui.PALETTE;
    var trees = data.trees;
    var last = trees[trees.length - 1];
    // One scale for every rate, so switching rates compares like with like. At the largest rate
    // the validation loss runs off the top late on (the readout still gives it): a taller scale
    // would flatten the other rates' curves around their optimum.
    var TOP = 0.25;
    function loss(v) { return v.toFixed(4); }
    function treesText(n) { return n === 1 ? "1 tree" : ui.fmt(n) + " trees"; }

    var chart = ui.chart({
      title: "Training and validation log loss against the number of trees (log scale) at the " +
        "chosen learning rate, with its lowest validation loss and your number of trees marked",
      x: { min: 1, max: last, log: true, label: "number of trees (log scale)" },
      y: { min: 0, max: TOP, label: "log loss" },
      height: 300,
      legend: [
        { label: "training (to May)", color: P.blue },
        { label: "validation (Jun\u2013Aug)", color: P.vermilion },
        { label: "lowest validation loss", color: P.black, dash: "dotted", width: 1.5 },
        { label: "your number of trees", color: P.black, width: 1 }
      ]
    });

    // A curve in the pieces that stay on the chart, each cut where it crosses the top (on the
    // log scale the chart draws; for the look only, every number shown is an exported one).
    function curve(ys, color) {
      var xs = [], part = [];
      function flush() {
        if (xs.length > 1) chart.line("curves", xs, part, { color: color });
        xs = [];
        part = [];
      }
      for (var i = 0; i < trees.length; i++) {
        var inside = ys[i] <= TOP;
        if (i > 0 && inside !== (ys[i - 1] <= TOP)) {
          var a = Math.log(trees[i - 1]), b = Math.log(trees[i]);
          var f = (TOP - ys[i - 1]) / (ys[i] - ys[i - 1]);
          xs.push(Math.exp(a + f * (b - a)));
          part.push(TOP);
          if (!inside) flush();
        }
        if (inside) {
          xs.push(trees[i]);
          part.push(ys[i]);
        }
      }
      flush();
    }
    function mark(x, y, color) {
      if (y <= TOP) chart.point("you", x, y, { color: color });
      else chart.text("you", x, TOP, "\u25B2", { anchor: "middle", dy: 5, color: color });
    }

    var rows = data.rates.map(function (rate, r) {
      return h("tr", {}, [
        h("th", { scope: "row", text: String(rate) }),
        h("td", { "data-value": "table-trees-" + r, text: ui.fmt(data.best_trees[r]) }),
        h("td", { "data-value": "table-loss-" + r, text: loss(data.best_valid[r]) })
      ]);
    });
    var table = h("div", { class: "explorable-table-wrap" }, [
      h("table", { class: "explorable-table" }, [
        h("caption", { text: "Each rate's best number of trees" }),
        h("thead", {}, [h("tr", {}, [
          h("th", { scope: "col", text: "learning rate" }),
          h("th", { scope: "col", text: "trees" }),
          h("th", { scope: "col", text: "validation log loss" })
        ])]),
        h("tbody", {}, rows)
      ])
    ]);
    var numbers = ui.readout([
      ["train", "Training log loss"], ["valid", "Validation log loss"],
      ["best_trees", "Best number of trees"], ["best_valid", "Validation log loss there"]
    ]);
    var status = ui.announcer();
    var rate = ui.select({
      name: "rate", label: "Learning rate",
      options: data.rates.map(function (v, r) { return [String(r), String(v)]; }),
      value: data.start_rate, onChange: update
    });
    var count = ui.slider({
      name: "trees", label: "Number of trees", values: trees, index: data.start,
      format: function (n) { return ui.fmt(n); }, onChange: update
    });
    count.element.style.flex = "1 1 20em";

    function update() {
      var r = Number(rate.value()), i = count.index();
      var train = data.train[r], valid = data.valid[r];
      var best = data.best_trees[r], bestLoss = data.best_valid[r];
      ["curves", "best", "you"].forEach(chart.clear);
      curve(train, P.blue);
      curve(valid, P.vermilion);
      chart.vline("best", best, { dash: "dotted", color: P.black, width: 1.5 });
      chart.vline("you", trees[i], { color: P.black, width: 1 });
      mark(trees[i], train[i], P.blue);
      mark(trees[i], valid[i], P.vermilion);
      rows.forEach(function (row, k) { row.classList.toggle("explorable-current", k === r); });
      numbers.set({
        train: loss(train[i]), valid: loss(valid[i]),
        best_trees: treesText(best), best_valid: loss(bestLoss)
      });
      status.say("Learning rate " + data.rates[r] + ", " + treesText(trees[i]) +
        ": training log loss " + loss(train[i]) + ", validation " + loss(valid[i]) +
        "; the lowest validation log loss, " + loss(bestLoss) + ", is after " +
        treesText(best) + ".");
    }

    ui.frame(root, "Try it: learning rate and number of trees",
      "Move the trees past the dotted optimum: training loss keeps falling while validation " +
      "loss rises. Then lower the rate: the optimum needs more trees and sits slightly lower.",
      [h("div", { class: "explorable-controls" }, [rate.element, count.element]),
       chart.element,
       h("div", { class: "explorable-columns" }, [numbers.element, table]), status.element]);
    update();
  }
]);
if (window.mlExplorables) window.mlExplorables.mountAll();
