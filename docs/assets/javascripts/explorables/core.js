/* Explorables: the shared part. Labelled native controls, a text readout and plain-SVG charts in
 * the static figures' house style (guide_tools/figures.py: a white plate, dark ink, light grid,
 * the Okabe-Ito palette), so a chart reads the same in both palettes, as the figures do.
 *
 * Plain SVG rather than a charting library: the charts are a few lines, bars and markers over
 * precomputed data, and this file is about 4 KB compressed, less than any library that draws them.
 *
 * hooks/explorables.py puts on a chapter page, after the figure an explorable extends:
 *   <div class="explorable" data-explorable="<slug>/<figure>" data-explorable-data="{...}" hidden>
 *   <script src=".../explorables/core.js"></script> <script src=".../explorables/<slug>.js">
 * The data sits in an attribute, not in a <script type="application/json">: the theme's instant
 * navigation re-creates inline scripts without their type and would run the JSON as code.
 * A chapter script queues its mount function, in either order with this file:
 *   (window.mlExplorablesQueue = window.mlExplorablesQueue || []).push(["<slug>/<figure>", mount]);
 *   if (window.mlExplorables) window.mlExplorables.mountAll();
 * and mount(root, data, ui) builds the explorable into root. Instant navigation re-runs a page's
 * scripts, so this file may run more than once: it defines itself once and mounts what is new.
 */
(function () {
  "use strict";
  if (window.mlExplorables) {
    window.mlExplorables.mountAll();
    return;
  }

  var SVG_NS = "http://www.w3.org/2000/svg";
  // guide_tools.figures.PALETTE, INK and GRID: the static figures' colours.
  var PALETTE = {
    blue: "#0072B2", orange: "#E69F00", green: "#009E73", vermilion: "#D55E00",
    purple: "#CC79A7", sky: "#56B4E9", yellow: "#F0E442", black: "#000000"
  };
  var INK = "#1a1a1a";
  var GRID = "#d9d9d9";
  var DASHES = { solid: null, dashed: "6 4", dotted: "2 3", dashdot: "7 3 2 3" };
  var registry = {};
  var counter = 0;

  function h(tag, attrs, children) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function s(tag, attrs, children) {
    var node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function setAttrs(node, attrs) {
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    });
  }

  function append(node, children) {
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
  }

  function uid(prefix) {
    counter += 1;
    return "explorable-" + prefix + "-" + counter;
  }

  // -- Numbers as text --------------------------------------------------------------------------
  // Thousands separators and a true minus sign, as the chapters print numbers.
  function fmt(value, digits) {
    if (value === null || value === undefined || Number.isNaN(value)) return "n/a";
    var text = Number(value).toLocaleString("en-US", {
      minimumFractionDigits: digits || 0,
      maximumFractionDigits: digits || 0
    });
    return text.charAt(0) === "-" ? "\u2212" + text.slice(1) : text;
  }

  function pct(value, digits) {
    return fmt(100 * value, digits === undefined ? 1 : digits) + " %";
  }

  // -- Controls ---------------------------------------------------------------------------------
  // A labelled <input type="range"> over the indices of `values`; the <output> shows the value.
  function slider(opts) {
    var id = uid("slider");
    var values = opts.values;
    var format = opts.format || String;
    var start = opts.index !== undefined ? opts.index : 0;
    var input = h("input", {
      type: "range", id: id, min: 0, max: values.length - 1, step: 1, value: start,
      "data-control": opts.name
    });
    var output = h("output", { for: id, "data-output": opts.name });
    var wrap = h("div", { class: "explorable-control" }, [
      h("label", { for: id, text: opts.label }), input, output
    ]);
    function sync() {
      var text = format(values[Number(input.value)]);
      output.textContent = text;
      input.setAttribute("aria-valuetext", text);
    }
    input.addEventListener("input", function () {
      sync();
      if (opts.onChange) opts.onChange(Number(input.value));
    });
    sync();
    return {
      element: wrap, input: input,
      index: function () { return Number(input.value); },
      value: function () { return values[Number(input.value)]; }
    };
  }

  // A labelled <select>; options are [value, text] pairs.
  function select(opts) {
    var id = uid("select");
    var input = h("select", { id: id, "data-control": opts.name },
      opts.options.map(function (option) {
        return h("option", { value: option[0], text: option[1] });
      }));
    if (opts.value !== undefined) input.value = String(opts.value);
    input.addEventListener("change", function () {
      if (opts.onChange) opts.onChange(input.value);
    });
    var wrap = h("div", { class: "explorable-control" }, [
      h("label", { for: id, text: opts.label }), input
    ]);
    return { element: wrap, input: input, value: function () { return input.value; } };
  }

  // A labelled <input type="number">, for calculators.
  function number(opts) {
    var id = uid("number");
    var input = h("input", {
      type: "number", id: id, min: opts.min, max: opts.max, step: opts.step, value: opts.value,
      "data-control": opts.name, inputmode: "decimal"
    });
    input.addEventListener("input", function () {
      if (opts.onChange) opts.onChange(input.valueAsNumber);
    });
    var wrap = h("div", { class: "explorable-control" }, [
      h("label", { for: id, text: opts.label }), input
    ]);
    return { element: wrap, input: input, value: function () { return input.valueAsNumber; } };
  }

  // The key numbers as text: a <dl> whose values carry data-value="<key>" for the tests.
  function readout(items) {
    var list = h("dl", { class: "explorable-readout" });
    var cells = {};
    items.forEach(function (item) {
      cells[item[0]] = h("dd", { "data-value": item[0] });
      list.appendChild(h("div", {}, [h("dt", { text: item[1] }), cells[item[0]]]));
    });
    return {
      element: list,
      set: function (values) {
        Object.keys(values).forEach(function (key) { cells[key].textContent = values[key]; });
      }
    };
  }

  // A polite live region that says what changed, once the reader stops moving the control.
  function announcer() {
    var node = h("p", { class: "explorable-status", role: "status", "aria-live": "polite" });
    var timer = null;
    return {
      element: node,
      say: function (text) {
        clearTimeout(timer);
        timer = setTimeout(function () { node.textContent = text; }, 400);
      }
    };
  }

  // -- Charts -----------------------------------------------------------------------------------
  function niceStep(span, count) {
    var raw = span / Math.max(count, 1);
    var power = Math.pow(10, Math.floor(Math.log10(raw)));
    var unit = [1, 2, 2.5, 5, 10].find(function (m) { return m * power >= raw; });
    return unit * power;
  }

  function linearTicks(min, max, count) {
    var step = niceStep(max - min, count || 5);
    var ticks = [];
    for (var t = Math.ceil(min / step - 1e-9) * step; t <= max + step * 1e-9; t += step) {
      ticks.push(Math.abs(t) < step * 1e-9 ? 0 : Number(t.toPrecision(12)));
    }
    return ticks;
  }

  function logTicks(min, max) {
    var ticks = [];
    for (var e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
      [1, 2, 5].forEach(function (m) {
        var t = m * Math.pow(10, e);
        if (t >= min * (1 - 1e-9) && t <= max * (1 + 1e-9)) ticks.push(Number(t.toPrecision(12)));
      });
    }
    return ticks;
  }

  function tickText(t) {
    var text = Math.abs(t) >= 1000 ? fmt(t) : String(Number(t.toPrecision(6)));
    return text.charAt(0) === "-" ? "\u2212" + text.slice(1) : text;
  }

  /* chart({title, x: {min, max, log, label, ticks, format}, y: {...}, width, height, legend})
   * legend: [{label, color, dash ("dashed", "dotted", "dashdot"), marker, width, opacity}],
   * laid out in as many rows as the width needs; width defaults to the text column's.
   * returns {element, svg, x(v), y(v), layer(name)} and drawing helpers in data coordinates.
   * Layers are <g> groups a mount redraws on every change (clear(name) empties one). */
  // The width a chart is drawn at when its explorable does not say: the text column's, between
  // 380 and 640 user units, so on a phone its text is not scaled down to nothing.
  function roomWidth() {
    var column = document.querySelector(".md-content__inner");
    var room = column ? column.clientWidth : 640;
    return Math.round(Math.max(380, Math.min(640, room || 640)));
  }

  // Text is measured by estimate (about 0.6 em a character at 11 px): the SVG is drawn before it
  // is on screen, and DejaVu Sans' average advance is close to that.
  var CHAR = 6.4;

  // Words of `text` in lines of at most `chars` characters.
  function wrap(text, chars) {
    var lines = [""];
    String(text || "").split(" ").forEach(function (word) {
      var last = lines[lines.length - 1];
      if (last && (last + " " + word).length > chars) lines.push(word);
      else lines[lines.length - 1] = last ? last + " " + word : word;
    });
    return lines;
  }

  // Legend entries in rows that fit `room`: [{entry, x, row}].
  function legendLayout(entries, room) {
    var x = 0, row = 0;
    return entries.map(function (entry) {
      var w = 30 + CHAR * entry.label.length;
      if (x > 0 && x + w > room) { x = 0; row += 1; }
      var placed = { entry: entry, x: x, row: row };
      x += w + 12;
      return placed;
    });
  }

  function chart(opts) {
    var width = opts.width || roomWidth();
    var margin = { top: 14, right: 16, bottom: 46, left: 62 };
    var room = width - margin.left - margin.right;
    var legendItems = opts.legend ? legendLayout(opts.legend, room) : [];
    var legendRows = legendItems.length ? legendItems[legendItems.length - 1].row + 1 : 0;
    var xLabel = wrap(opts.x.label, Math.floor(room / (CHAR * 1.1)));
    margin.top += 18 * legendRows + (legendRows ? 2 : 0);
    margin.bottom = 32 + 15 * xLabel.length;
    // The plot keeps the height asked for; extra legend rows and label lines add to the plate.
    var height = (opts.height || 300) + 18 * Math.max(0, legendRows - 1) + 15 * (xLabel.length - 1);
    var plotW = room;
    var plotH = height - margin.top - margin.bottom;
    var xo = opts.x, yo = opts.y;
    function scale(axis, size, flip) {
      if (axis.log) {
        var lo = Math.log10(axis.min), hi = Math.log10(axis.max);
        return function (v) {
          var f = (Math.log10(v) - lo) / (hi - lo);
          return flip ? size * (1 - f) : size * f;
        };
      }
      return function (v) {
        var f = (v - axis.min) / (axis.max - axis.min);
        return flip ? size * (1 - f) : size * f;
      };
    }
    var X = scale(xo, plotW, false);
    var Y = scale(yo, plotH, true);
    var svg = s("svg", {
      class: "explorable-chart", viewBox: "0 0 " + width + " " + height, role: "img",
      "aria-label": opts.title, "font-family": "DejaVu Sans, Verdana, sans-serif"
    });
    svg.appendChild(s("rect", { width: width, height: height, fill: "white" }));
    var plot = s("g", { transform: "translate(" + margin.left + "," + margin.top + ")" });
    svg.appendChild(plot);
    var grid = s("g", { stroke: GRID, "stroke-width": 0.6 });
    var axes = s("g", { fill: INK, "font-size": 11 });
    plot.appendChild(grid);
    var xTicks = xo.ticks || (xo.log ? logTicks(xo.min, xo.max) : linearTicks(xo.min, xo.max, 6));
    var yTicks = yo.ticks || (yo.log ? logTicks(yo.min, yo.max) : linearTicks(yo.min, yo.max, 5));
    var lastEnd = -Infinity;
    xTicks.forEach(function (t) {
      grid.appendChild(s("line", { x1: X(t), x2: X(t), y1: 0, y2: plotH }));
      var text = (xo.format || tickText)(t);
      var half = CHAR * text.length / 2;
      if (X(t) - half < lastEnd + 4) return; // a label that would overlap the last one: gridline only
      lastEnd = X(t) + half;
      axes.appendChild(s("text", { x: X(t), y: plotH + 16, "text-anchor": "middle", text: text }));
    });
    yTicks.forEach(function (t) {
      grid.appendChild(s("line", { x1: 0, x2: plotW, y1: Y(t), y2: Y(t) }));
      axes.appendChild(s("text", {
        x: -6, y: Y(t) + 4, "text-anchor": "end", text: (yo.format || tickText)(t)
      }));
    });
    axes.appendChild(s("line", { x1: 0, x2: plotW, y1: plotH, y2: plotH, stroke: INK }));
    axes.appendChild(s("line", { x1: 0, x2: 0, y1: 0, y2: plotH, stroke: INK }));
    var label = s("text", { x: plotW / 2, y: plotH + 36, "text-anchor": "middle", "font-size": 12 });
    xLabel.forEach(function (line, i) {
      label.appendChild(s("tspan", { x: plotW / 2, dy: i ? 15 : 0, text: line }));
    });
    axes.appendChild(label);
    axes.appendChild(s("text", {
      transform: "translate(-48," + plotH / 2 + ") rotate(-90)", "text-anchor": "middle",
      "font-size": 12, text: yo.label
    }));
    var layers = {};
    var data = s("g", { "clip-path": null });
    plot.appendChild(data);
    plot.appendChild(axes);
    if (legendItems.length) {
      var legend = s("g", {
        "font-size": 11, fill: INK, transform: "translate(" + margin.left + ",14)"
      });
      legendItems.forEach(function (placed) {
        var entry = placed.entry;
        var item = s("g", { transform: "translate(" + placed.x + "," + 18 * placed.row + ")" });
        if (entry.marker) {
          item.appendChild(s("circle", { cx: 9, cy: 0, r: 4, fill: entry.color }));
        } else {
          item.appendChild(s("line", {
            x1: 0, x2: 18, y1: 0, y2: 0, stroke: entry.color, "stroke-width": entry.width || 2.5,
            "stroke-opacity": entry.opacity, "stroke-dasharray": DASHES[entry.dash || "solid"]
          }));
        }
        item.appendChild(s("text", { x: 24, y: 4, text: entry.label }));
        legend.appendChild(item);
      });
      svg.appendChild(legend);
    }
    function layer(name) {
      if (!layers[name]) {
        layers[name] = s("g", { "data-layer": name });
        data.appendChild(layers[name]);
      }
      return layers[name];
    }
    function clamp(v, lo, hi) { return Math.max(lo, Math.min(hi, v)); }
    var api = {
      element: h("figure", { class: "explorable-figure" }, [svg]),
      svg: svg, x: X, y: Y, width: plotW, height: plotH,
      layer: layer,
      clear: function (name) { var g = layer(name); while (g.firstChild) g.removeChild(g.firstChild); },
      line: function (name, xs, ys, style) {
        style = style || {};
        var d = "";
        for (var i = 0; i < xs.length; i++) {
          if (ys[i] === null || ys[i] === undefined) continue;
          var px = X(xs[i]), py = clamp(Y(ys[i]), -2, plotH + 2);
          d += (d ? "L" : "M") + px.toFixed(1) + "," + py.toFixed(1);
        }
        return layer(name).appendChild(s("path", {
          d: d, fill: "none", stroke: style.color || PALETTE.blue,
          "stroke-width": style.width || 2, "stroke-dasharray": DASHES[style.dash || "solid"],
          "stroke-linejoin": "round"
        }));
      },
      vline: function (name, x, style) {
        style = style || {};
        return layer(name).appendChild(s("line", {
          x1: X(x), x2: X(x), y1: 0, y2: plotH, stroke: style.color || INK,
          "stroke-width": style.width || 1.2, "stroke-dasharray": DASHES[style.dash || "solid"]
        }));
      },
      hline: function (name, y, style) {
        style = style || {};
        return layer(name).appendChild(s("line", {
          x1: 0, x2: plotW, y1: Y(y), y2: Y(y), stroke: style.color || INK,
          "stroke-width": style.width || 0.8, "stroke-dasharray": DASHES[style.dash || "solid"]
        }));
      },
      point: function (name, x, y, style) {
        style = style || {};
        return layer(name).appendChild(s("circle", {
          cx: X(x), cy: Y(y), r: style.r || 4.5, fill: style.color || INK,
          stroke: "white", "stroke-width": 1.5
        }));
      },
      rect: function (name, x0, y0, x1, y1, style) {
        style = style || {};
        var left = Math.min(X(x0), X(x1)), top = Math.min(Y(y0), Y(y1));
        return layer(name).appendChild(s("rect", {
          x: left, y: top, width: Math.abs(X(x1) - X(x0)), height: Math.abs(Y(y1) - Y(y0)),
          fill: style.color || PALETTE.blue, opacity: style.opacity
        }));
      },
      text: function (name, x, y, text, style) {
        style = style || {};
        return layer(name).appendChild(s("text", {
          x: X(x) + (style.dx || 0), y: Y(y) + (style.dy || 0), fill: style.color || INK,
          "font-size": style.size || 11, "text-anchor": style.anchor || "start", text: text
        }));
      }
    };
    return api;
  }

  // -- Mounting ---------------------------------------------------------------------------------
  function mountAll() {
    var queue = window.mlExplorablesQueue || [];
    while (queue.length) {
      var entry = queue.shift();
      registry[entry[0]] = entry[1];
    }
    Object.keys(registry).forEach(function (name) {
      document.querySelectorAll('.explorable[data-explorable="' + name + '"]').forEach(
        function (root) {
          if (root.getAttribute("data-mounted") === "true") return;
          root.setAttribute("data-mounted", "true");
          root.hidden = false; // shown first, so a mount can measure the room it has
          try {
            registry[name](root, JSON.parse(root.getAttribute("data-explorable-data")), api);
          } catch (error) {
            root.hidden = true; // the static figure above still says it all
            throw error;
          }
        });
    });
  }

  var api = {
    PALETTE: PALETTE, INK: INK, GRID: GRID,
    h: h, s: s, fmt: fmt, pct: pct, uid: uid,
    slider: slider, select: select, number: number, readout: readout, announcer: announcer,
    chart: chart, roomWidth: roomWidth, linearTicks: linearTicks, logTicks: logTicks,
    mountAll: mountAll,
    // The frame every explorable shares: a heading, a one-line "what to do", then its parts.
    frame: function (root, title, hint, parts) {
      var id = uid("title");
      root.setAttribute("role", "group");
      root.setAttribute("aria-labelledby", id);
      root.appendChild(h("p", { class: "explorable-title", id: id, text: title }));
      if (hint) root.appendChild(h("p", { class: "explorable-hint", text: hint }));
      append(root, parts);
    }
  };
  window.mlExplorables = api;
  mountAll();
})();
