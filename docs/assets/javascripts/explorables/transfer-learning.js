/* Transfer learning: move the number of labelled target examples, compare training from scratch,
 * frozen pretrained features with a new head, and full fine-tuning (mean and range over seeds).
 * Data: snippets/transfer-learning/transfer_vs_scratch.py (transfer-learning/accuracy_vs_labels).
 */
(window.mlExplorablesQueue = window.mlExplorablesQueue || []).push([
  "transfer-learning/accuracy_vs_labels",
  function (root, data, ui) {
    "use strict";
    var h = ui.h;
    var sizes = data.sizes;
    var methods = data.methods;
    var look = {
      scratch: { color: ui.PALETTE.vermilion, dash: "dashed" },
      frozen: { color: ui.PALETTE.blue, dash: "solid" },
      "fine-tuned": { color: ui.PALETTE.green, dash: "solid" }
    };
    // Shorter names than the static figure's legend, so the table and readout fit a phone.
    var label = {
      scratch: "from scratch", frozen: "frozen + new head", "fine-tuned": "full fine-tuning"
    };
    var narrow = window.matchMedia("(max-width: 600px)").matches;

    function acc(v) { return v.toFixed(3); }
    function signed(v) {
      var text = Math.abs(v).toFixed(3);
      if (Number(text) === 0) return text;
      return (v < 0 ? "\u2212" : "+") + text;
    }

    var low = Infinity, high = -Infinity;
    methods.forEach(function (m) {
      low = Math.min(low, Math.min.apply(null, data.min[m.key]));
      high = Math.max(high, Math.max.apply(null, data.max[m.key]));
    });
    var chart = ui.chart({
      width: narrow ? 460 : 640, height: narrow ? 340 : 300,
      title: "Target test accuracy against labelled target examples (log scale), three ways " +
        "to learn the target; bands span the " + data.seeds + " seeds",
      x: { min: sizes[0] * 0.75, max: sizes[sizes.length - 1] * 1.35, log: true,
           ticks: sizes, format: function (v) { return ui.fmt(v); },
           label: "labelled target examples (log scale)" },
      y: { min: Math.floor(low * 10) / 10, max: Math.ceil(high * 10) / 10,
           format: function (v) { return v.toFixed(1); }, label: "target test accuracy" },
      legend: methods.map(function (m) {
        return { label: label[m.key], color: look[m.key].color, dash: look[m.key].dash };
      })
    });

    // Bands (seed range), then mean lines and their markers, as in the static figure.
    methods.forEach(function (m) {
      var lo = data.min[m.key], hi = data.max[m.key];
      var d = "";
      sizes.forEach(function (n, i) {
        d += (i ? "L" : "M") + chart.x(n).toFixed(1) + "," + chart.y(hi[i]).toFixed(1);
      });
      for (var i = sizes.length - 1; i >= 0; i--) {
        d += "L" + chart.x(sizes[i]).toFixed(1) + "," + chart.y(lo[i]).toFixed(1);
      }
      chart.layer("bands").appendChild(ui.s("path", {
        d: d + "Z", fill: look[m.key].color, "fill-opacity": 0.15, stroke: "none"
      }));
    });
    methods.forEach(function (m) {
      chart.line("means", sizes, data.mean[m.key], look[m.key]);
      sizes.forEach(function (n, i) {
        chart.point("means", n, data.mean[m.key][i], { color: look[m.key].color, r: 3 });
      });
    });

    var cells = {};
    function cell(key) {
      cells[key] = h("td", { "data-value": key, style: "white-space: nowrap" });
      return cells[key];
    }
    var rows = {};
    var table = h("table", { class: "explorable-table" }, [
      h("caption", { text: "Target test accuracy over " + data.seeds + " seeds" }),
      h("thead", {}, [h("tr", {}, [
        h("th", { scope: "col", text: "method", style: "text-align: left" }),
        h("th", { scope: "col", text: "mean" }),
        h("th", { scope: "col", text: "seed range" }),
        h("th", { scope: "col", text: "vs scratch" }),
        h("th", { scope: "col", text: "seeds ahead" })
      ])]),
      h("tbody", {}, methods.map(function (m) {
        var k = m.key;
        rows[k] = h("tr", {}, [
          h("th", { scope: "row", text: label[k] }), cell("mean-" + k), cell("range-" + k),
          data.gain[k] ? cell("gain-" + k) : h("td", { text: "\u2014" }),
          data.wins[k] ? cell("wins-" + k) : h("td", { text: "\u2014" })
        ]);
        return rows[k];
      }))
    ]);
    var numbers = ui.readout([
      ["winner", "Best mean"], ["lead", "Transfer \u2212 scratch"]
    ]);
    var status = ui.announcer();
    var control = ui.slider({
      name: "labels", label: "Labelled target examples", values: sizes, index: 0,
      format: function (v) { return ui.fmt(v); }, onChange: update
    });
    var note = h("p", { class: "explorable-hint" }, [
      "Lines are means, bands the range across the " + data.seeds + " seeds (each a new world " +
      "and backbone). Transfer \u2212 scratch: the better transfer method's mean minus " +
      "scratch's; seeds ahead: seeds on which the method beats scratch."
    ]);

    function update() {
      var i = control.index();
      var n = sizes[i];
      chart.clear("you");
      chart.vline("you", n, { color: ui.PALETTE.black, dash: "dotted", width: 1.5 });
      methods.forEach(function (m) {
        chart.point("you", n, data.mean[m.key][i], { color: look[m.key].color, r: 6 });
      });
      methods.forEach(function (m) {
        var k = m.key;
        cells["mean-" + k].textContent = acc(data.mean[k][i]);
        cells["range-" + k].textContent = acc(data.min[k][i]) + "\u2013" + acc(data.max[k][i]);
        if (data.gain[k]) cells["gain-" + k].textContent = signed(data.gain[k][i]);
        if (data.wins[k]) cells["wins-" + k].textContent = data.wins[k][i] + " of " + data.seeds;
        rows[k].classList.toggle("explorable-current", data.winner[i] === k);
      });
      var best = data.winner[i];
      numbers.set({
        winner: label[best],
        lead: signed(data.lead[i])
      });
      status.say(ui.fmt(n) + " labels: " + methods.map(function (m) {
        return label[m.key] + " " + acc(data.mean[m.key][i]);
      }).join(", ") + ". Best: " + label[best] + "; transfer minus scratch " +
        signed(data.lead[i]) + ".");
    }

    ui.frame(root, "Try it: change the number of target labels",
      "Slide from 20 to 1,000 labels: transfer leads scratch by over 0.10 at 20 and 50 labels, " +
      "the lead shrinks to under 0.01 by 1,000, and there frozen features fall below scratch " +
      "while fine-tuning, which adapts the features, stays just ahead.",
      [control.element, chart.element, note,
       h("div", { class: "explorable-columns" }, [
         // On a phone the table scrolls sideways inside its wrap, which the keyboard can reach.
         h("div", { class: "explorable-table-wrap", tabindex: 0, role: "region",
                    "aria-label": "Accuracy table" }, [table]),
         numbers.element
       ]), status.element]);
    update();
  }
]);
if (window.mlExplorables) window.mlExplorables.mountAll();
