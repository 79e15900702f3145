/* Model interpretability: pick a customer, read the SHAP waterfall of the churn model's output for
 * them, from the base value to their own log-odds. Data: the SHAP values computed by
 * snippets/interpretability/shap_churn_model.py (interpretability/shap_waterfall).
 *
 * The chart is drawn here with core.js's SVG helper rather than ui.chart: a waterfall needs a
 * label column as wide as "feature = value", and the chart is drawn at the column's own width
 * (one SVG unit per CSS pixel) so its text stays legible on a phone.
 */
(window.mlExplorablesQueue = window.mlExplorablesQueue || []).push([
  "interpretability/shap_waterfall",
  function (root, data, ui) {
    "use strict";
    var h = ui.h, s = ui.s;
    var names = data.feature_names;
    var customers = data.customers;
    var UP = ui.PALETTE.vermilion, DOWN = ui.PALETTE.blue;
    var FONT = 11, CHAR = 6.7; // DejaVu Sans at 11 px: about 6.7 px a character, with room

    // One signed number, as the table and the bar labels show it: "+1.538", "−0.316", "0.000".
    function signed(value, digits) {
      var text = ui.fmt(Math.abs(value), digits);
      if (Number(text.replace(/,/g, "")) === 0) return text;
      return (value > 0 ? "+" : "\u2212") + text;
    }

    // Each customer's bars, top to bottom: the eight largest |SHAP| values, then the rest summed.
    function bars(c) {
      var list = c.features.map(function (j, k) {
        return { label: names[j] + " = " + c.values[k], value: c.shap[k] };
      });
      list.push({ label: data.other_count + " other features", value: c.other });
      var position = data.base;
      list.forEach(function (bar) {
        bar.from = position;
        position += bar.value;
        bar.to = position;
      });
      return list;
    }

    // One x axis for every customer, so the base value stays put as the reader switches.
    var low = data.base, high = data.base;
    customers.forEach(function (c) {
      bars(c).forEach(function (bar) {
        low = Math.min(low, bar.from, bar.to);
        high = Math.max(high, bar.from, bar.to);
      });
    });
    var xMin = Math.floor(low - 0.8), xMax = Math.ceil(high + 0.8);
    var longest = 0;
    customers.forEach(function (c) {
      bars(c).forEach(function (bar) { longest = Math.max(longest, bar.label.length); });
    });

    var start = 0;
    customers.forEach(function (c, i) { if (c.id === data.flagged) start = i; });
    var choice = ui.select({
      name: "customer", label: "Customer", value: customers[start].id,
      options: customers.map(function (c) {
        return [c.id, c.id + ", " + c.month + ": P(churn) " + ui.pct(c.probability) +
          (c.id === data.flagged ? " (figure above)" : "")];
      }),
      onChange: update
    });
    choice.input.style.maxWidth = "100%"; // long option texts: no sideways scroll on a phone

    var figure = h("figure", { class: "explorable-figure" });
    var numbers = ui.readout([
      ["base", "Base value (log-odds)"], ["push", "Sum of SHAP values"],
      ["output", "Model output (log-odds)"], ["probability", "P(churn) = sigmoid(output)"]
    ]);
    var caption = h("caption");
    var body = h("tbody");
    var table = h("div", { class: "explorable-table-wrap" }, [
      h("table", { class: "explorable-table" }, [
        caption,
        h("thead", {}, [h("tr", {}, [
          h("th", { scope: "col", text: "Feature" }), h("th", { scope: "col", text: "Value" }),
          h("th", { scope: "col", text: "SHAP" })
        ])]),
        body
      ])
    ]);
    var status = ui.announcer();
    var drawnWidth = 0;

    // A feature name that may wrap after its underscores on a phone.
    function breakable(name) {
      var parts = [];
      name.split("_").forEach(function (part, k, all) {
        parts.push(k + 1 < all.length ? part + "_" : part);
        if (k + 1 < all.length) parts.push(h("wbr"));
      });
      return parts;
    }

    function current() { return customers[choice.input.selectedIndex]; }

    function draw() {
      var c = current();
      var list = bars(c);
      var width = Math.max(300, Math.round(figure.clientWidth || 640));
      drawnWidth = width;
      var labelW = Math.ceil(longest * CHAR) + 14;
      var stacked = width - labelW < 340; // narrow: each label above its bar
      var left = stacked ? 12 : labelW, right = 16;
      var rowH = stacked ? 38 : 26, barH = stacked ? 14 : 17;
      var legendH = stacked ? 40 : 26, top = legendH + 10;
      var plotW = width - left - right, plotH = rowH * list.length;
      var height = top + plotH + 44;
      function X(v) { return left + plotW * (v - xMin) / (xMax - xMin); }
      function rowY(k) { return top + rowH * k + (stacked ? rowH - barH - 3 : (rowH - barH) / 2); }

      var base = data.base, output = c.output;
      var svg = s("svg", {
        class: "explorable-chart", viewBox: "0 0 " + width + " " + height, role: "img",
        "font-family": "DejaVu Sans, Verdana, sans-serif", "font-size": FONT, fill: ui.INK,
        "aria-label": "SHAP waterfall for customer " + c.id + ": from the base value " +
          ui.fmt(base, 2) + " to " + ui.fmt(output, 2) + " log-odds of churn; largest push " +
          list[0].label + ", " + signed(list[0].value, 2) + "."
      });
      svg.appendChild(s("rect", { width: width, height: height, fill: "white" }));
      var grid = s("g", { stroke: ui.GRID, "stroke-width": 0.6 });
      svg.appendChild(grid);
      var step = (xMax - xMin) > 6 && plotW < 420 ? 2 : 1;
      for (var t = xMin; t <= xMax; t += step) {
        grid.appendChild(s("line", { x1: X(t), x2: X(t), y1: top - 4, y2: top + plotH }));
        svg.appendChild(s("text", {
          x: X(t), y: top + plotH + 16, "text-anchor": "middle",
          text: t < 0 ? "\u2212" + Math.abs(t) : String(t)
        }));
      }
      svg.appendChild(s("line", {
        x1: left, x2: left + plotW, y1: top + plotH, y2: top + plotH, stroke: ui.INK
      }));
      svg.appendChild(s("text", {
        x: left + plotW / 2, y: top + plotH + 36, "text-anchor": "middle", "font-size": 12,
        text: "model output, log-odds of churn"
      }));

      // The base value and this customer's output, under the bars and their labels.
      var marks = [
        { x: base, dash: "2 3", text: "base value " + ui.fmt(base, 2) },
        { x: output, dash: "6 4",
          text: "this customer " + ui.fmt(output, 2) + " (p = " + ui.fmt(c.probability, 3) + ")" }
      ];
      var offset = left;
      marks.forEach(function (mark, k) {
        svg.appendChild(s("line", {
          x1: X(mark.x), x2: X(mark.x), y1: top - 4, y2: top + plotH, stroke: ui.INK,
          "stroke-width": 1.2, "stroke-dasharray": mark.dash
        }));
        var ly = stacked ? 14 + 18 * k : 16;
        var lx = stacked ? left : offset;
        svg.appendChild(s("line", {
          x1: lx, x2: lx + 22, y1: ly - 4, y2: ly - 4, stroke: ui.INK, "stroke-width": 1.5,
          "stroke-dasharray": mark.dash
        }));
        svg.appendChild(s("text", { x: lx + 28, y: ly, text: mark.text }));
        offset += 48 + CHAR * mark.text.length;
      });

      list.forEach(function (bar, k) {
        var y = rowY(k);
        var x0 = X(Math.min(bar.from, bar.to)), x1 = X(Math.max(bar.from, bar.to));
        svg.appendChild(s("rect", {
          x: x0, y: y, width: Math.max(x1 - x0, 1), height: barH,
          fill: bar.value > 0 ? UP : DOWN, "data-bar": k
        }));
        if (k + 1 < list.length) { // the connector to the next bar, as shap draws it
          svg.appendChild(s("line", {
            x1: X(bar.to), x2: X(bar.to), y1: y + barH, y2: rowY(k + 1), stroke: "#9a9a9a",
            "stroke-width": 0.8
          }));
        }
        if (stacked) { // "feature = value: +0.82" above the bar, with a halo over the lines
          svg.appendChild(s("text", {
            x: left, y: y - 5, text: bar.label + ": " + signed(bar.value, 2), stroke: "white",
            "stroke-width": 3, "paint-order": "stroke"
          }));
          return;
        }
        svg.appendChild(s("text", {
          x: bar.value > 0 ? x1 + 4 : x0 - 4, y: y + barH / 2 + 4,
          "text-anchor": bar.value > 0 ? "start" : "end", text: signed(bar.value, 2),
          stroke: "white", "stroke-width": 3, "paint-order": "stroke"
        }));
        svg.appendChild(s("text", {
          x: left - 8, y: y + barH / 2 + 4, "text-anchor": "end", text: bar.label
        }));
      });

      figure.replaceChildren(svg);
    }

    function update() {
      var c = current();
      draw();
      numbers.set({
        base: ui.fmt(data.base, 3), push: signed(c.push, 3),
        output: ui.fmt(c.output, 3), probability: ui.pct(c.probability)
      });
      caption.textContent = "SHAP values (log-odds) for " + c.id + ", " + c.month;
      var rows = c.features.map(function (j, k) {
        return [names[j], c.values[k], c.shap[k]];
      });
      rows.push([data.other_count + " other features", "", c.other]);
      body.replaceChildren.apply(body, rows.map(function (row, k) {
        return h("tr", {}, [
          h("th", { scope: "row", "data-value": "feature-" + k }, breakable(row[0])),
          h("td", { "data-value": "value-" + k, text: row[1] }),
          h("td", { "data-value": "shap-" + k, text: signed(row[2], 3) })
        ]);
      }));
      status.say("Customer " + c.id + ": " + ui.fmt(c.output, 3) + " log-odds, P(churn) " +
        ui.pct(c.probability) + "; largest push " + names[c.features[0]] + " " +
        signed(c.shap[0], 3) + ".");
    }

    ui.frame(root, "Try it: pick a customer",
      "Go from the least to the most risky customer: every waterfall starts at the same base " +
      "value and ends at that customer's log-odds. Watch events_30d push active customers down " +
      "(blue) and inactive ones up (vermilion), and the top reason change from one customer to " +
      "the next.",
      [choice.element, figure,
       h("p", { class: "explorable-hint" }, [
         "SHAP values here add up in log-odds (TreeSHAP, tree-path-dependent), not in " +
         "probability: a push of +0.7 multiplies the odds by about 2, whatever the starting risk."
       ]),
       h("div", { class: "explorable-columns" }, [numbers.element, table]), status.element]);
    root.hidden = false; // drawn at the column's width, which a hidden root does not have
    update();
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        if (Math.abs(Math.round(figure.clientWidth) - drawnWidth) > 2 &&
            figure.clientWidth > 0) draw();
      }).observe(figure);
    }
  }
]);
if (window.mlExplorables) window.mlExplorables.mountAll();
