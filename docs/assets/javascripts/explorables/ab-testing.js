/* A/B testing: a sample-size calculator for a two-proportion test, with its power curve.
 * Data: snippets/ab-testing/sample_size.py (ab-testing/power_curve): the chapter's inputs as
 * defaults, and a table of inputs with the Python answers the browser test compares against.
 *
 * The numbers are computed here, as the snippet computes them:
 *   Cohen's h    h = 2·asin(√p_t) − 2·asin(√p_c)  (statsmodels' proportion_effectsize)
 *   power(n)     Φ(h·√(n/2) − z) + Φ(−h·√(n/2) − z), z = z_{1−α/2}: NormalIndPower.power, the
 *                two-sided z-test on the arcsine scale with both tails, the static figure's line
 *   arcsine n    the n where power(n) equals the target, as NormalIndPower.solve_power finds it:
 *                start from the closed form 2·(z_{1−α/2} + z_{1−β})²/h² (far tail ignored),
 *                then Newton steps on h·√(n/2) with the far tail counted (at α = 0.1 the closed
 *                form alone overshoots statsmodels by about one customer per arm)
 *   textbook n   (z_{1−α/2} + z_{1−β})² · (p_c(1−p_c) + p_t(1−p_t)) / δ²  (unpooled z-test)
 *   design n     ceil(max(arcsine n, textbook n)) per arm, the n the snippet simulates.
 * The standard normal CDF and quantile are written out below rather than taken from a stats
 * library: such a library is about 100 KB for these two functions.
 */
(function () {
  "use strict";

  var SQRT2 = Math.SQRT2;
  var SQRT_PI = Math.sqrt(Math.PI);
  var SQRT_2PI = Math.sqrt(2 * Math.PI);

  /* erfc(z) for z >= 0, to better than 1e-12 relative (Abramowitz & Stegun; the test checks Φ
   * and Φ⁻¹ against SciPy): below z = 2, 1 − erf(z) with erf from the series 7.1.6,
   *   erf z = (2/√π) e^{−z²} Σ 2ⁿ z^{2n+1} / (1·3···(2n+1)), all terms positive (no cancellation);
   * above, the continued fraction 7.1.14, evaluated from its 60th term back,
   *   erfc z = (e^{−z²}/√π) / (z + ½/(z + 1/(z + (3/2)/(z + 2/(z + ...))))). */
  function erfcPositive(z) {
    if (z < 2) {
      var term = z, sum = z;
      for (var n = 1; term > sum * 1e-17; n++) {
        term *= (2 * z * z) / (2 * n + 1);
        sum += term;
      }
      return 1 - (2 / SQRT_PI) * Math.exp(-z * z) * sum;
    }
    var f = z;
    for (var k = 60; k >= 1; k--) f = z + k / 2 / f;
    return Math.exp(-z * z) / SQRT_PI / f;
  }

  // Φ(x), the standard normal CDF; the tail it returns is accurate relative to its size.
  function cdf(x) {
    if (Number.isNaN(x)) return NaN;
    if (x < 0) return 0.5 * erfcPositive(-x / SQRT2);
    return 1 - 0.5 * erfcPositive(x / SQRT2);
  }

  /* Φ⁻¹(p): P. J. Acklam's rational approximation (relative error below 1.15e-9), then one
   * Halley step on Φ above, which brings it to about machine precision. For p > 0.5 it uses
   * Φ⁻¹(p) = −Φ⁻¹(1 − p), exact in floating point, so both tails keep their accuracy. */
  var A = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
    1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
  var B = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
    6.680131188771972e+01, -1.328068155288572e+01];
  var C = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
    -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
  var D = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
    3.754408661907416e+00];

  function ppf(p) {
    if (!(p > 0 && p < 1)) return NaN;
    if (p > 0.5) return -ppf(1 - p);
    var x, q, r;
    if (p < 0.02425) {
      q = Math.sqrt(-2 * Math.log(p));
      x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
        ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
    } else {
      q = p - 0.5;
      r = q * q;
      x = (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q /
        (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
    }
    var u = (cdf(x) - p) * SQRT_2PI * Math.exp(x * x / 2);
    return x - u / (1 + x * u / 2);
  }

  // Cohen's h between two proportions (statsmodels' proportion_effectsize(p_t, p_c)).
  function cohenH(pt, pc) {
    return 2 * Math.asin(Math.sqrt(pt)) - 2 * Math.asin(Math.sqrt(pc));
  }

  function density(x) {
    return Math.exp(-x * x / 2) / SQRT_2PI;
  }

  // Power of the two-sided test at n per arm for true proportions pc and pt.
  function power(pc, pt, n, alpha) {
    var z = ppf(1 - alpha / 2);
    var shift = cohenH(pt, pc) * Math.sqrt(n / 2);
    return cdf(shift - z) + cdf(-z - shift);
  }

  // n per arm at which the two-sided test on Cohen's h has power `target` (solve_power's root).
  function arcsineN(h, alpha, target) {
    var z = ppf(1 - alpha / 2);
    var shift = z + ppf(target); // h·√(n/2) when the far tail is ignored
    for (var i = 0; i < 20; i++) {
      var gap = cdf(shift - z) + cdf(-z - shift) - target;
      var step = gap / (density(shift - z) - density(shift + z));
      shift -= step;
      if (Math.abs(step) < 1e-15 * shift) break;
    }
    return 2 * shift * shift / (h * h);
  }

  /* The calculator on proportions: baseline pc, absolute lift mde, two-sided alpha, power.
   * Returns what the page shows, before formatting. */
  function design(pc, mde, alpha, target) {
    var pt = pc + mde;
    var zsum = ppf(1 - alpha / 2) + ppf(target);
    var h = cohenH(pt, pc);
    var arcsine = arcsineN(h, alpha, target);
    var textbook = zsum * zsum * (pc * (1 - pc) + pt * (1 - pt)) / (mde * mde);
    var n = Math.ceil(Math.max(arcsine, textbook));
    return {
      h: h, arcsine: arcsine, textbook: textbook,
      nArcsine: Math.ceil(arcsine), nTextbook: Math.ceil(textbook), n: n, total: 2 * n,
      powerMde: power(pc, pt, n, alpha), powerHalf: power(pc, pc + mde / 2, n, alpha)
    };
  }

  // For the browser test (page.evaluate) and the curious reader's console.
  window.mlAbTesting = {
    cdf: cdf, ppf: ppf, cohenH: cohenH, power: power, arcsineN: arcsineN, design: design
  };

  (window.mlExplorablesQueue = window.mlExplorablesQueue || []).push([
    "ab-testing/power_curve",
    function (root, data, ui) {
      var h = ui.h;
      var start = data.defaults;

      var baseline = ui.number({
        name: "baseline", label: "Baseline rate (%)", min: 0.1, max: 99.9, step: "any",
        value: start.baseline_pct, onChange: update
      });
      var mde = ui.number({
        name: "mde", label: "MDE (points)", min: 0.01, max: 99,
        step: "any", value: start.mde_points, onChange: update
      });
      var alpha = ui.select({
        name: "alpha", label: "α (two-sided)",
        options: data.alphas.map(function (a) { return [String(a), String(a)]; }),
        value: String(start.alpha), onChange: update
      });
      var target = ui.select({
        name: "power", label: "Power",
        options: data.powers.map(function (p) { return [String(p), ui.pct(p, 0)]; }),
        value: String(start.power), onChange: update
      });
      var numbers = ui.readout([
        ["h", "Cohen's h"],
        ["n_arcsine", "Per arm, arcsine (statsmodels)"],
        ["n_textbook", "Per arm, textbook formula"],
        ["n", "Per arm, design (the larger)"],
        ["total", "Total, both arms"],
        ["power_mde", "Power at the MDE"],
        ["power_half", "Power at half the MDE"]
      ]);
      var message = h("p", {
        class: "explorable-hint", "data-value": "message", hidden: true
      });
      var status = ui.announcer();
      var holder = h("div", {}, []);
      var note = h("p", { class: "explorable-hint", text:
        "Blue: power at the design n per arm against the true lift, in percentage points " +
        "as the MDE. Dashed: your MDE; dotted: the target power. At zero lift the curve starts " +
        "at α, the false-positive rate. Sample sizes are rounded up to whole customers." });

      // The reason the inputs cannot be used, or null.
      function problem(b, m) {
        if (!Number.isFinite(b)) return "Enter the baseline rate, in percent.";
        if (b < 0.1 || b > 99.9) return "The baseline rate must be between 0.1 % and 99.9 %.";
        if (!Number.isFinite(m)) return "Enter the MDE, in percentage points.";
        if (m < 0.01) return "The MDE must be at least 0.01 points: a positive lift.";
        if (b + m >= 100) {
          return "Baseline plus MDE must stay below 100 %: at most " +
            ui.fmt(100 - b, 2) + " points on this baseline.";
        }
        return null;
      }

      function draw(b, m, a, d) {
        var pc = b / 100, top = Math.min(2.5 * m, 100 - b);
        var lifts = [], powers = [];
        for (var i = 0; i <= 120; i++) {
          var lift = (top * i) / 120;
          lifts.push(lift);
          powers.push(power(pc, Math.min(pc + lift / 100, 1), d.n, a));
        }
        // On a phone a narrower drawing keeps the labels readable once scaled to the column.
        var narrow = (root.parentNode ? root.parentNode.clientWidth : 640) < 520;
        var chart = ui.chart({
          width: narrow ? 440 : 640, height: narrow ? 320 : 300,
          title: "Power against the true lift at " + ui.fmt(d.n) + " per arm; MDE " +
            ui.fmt(m, 2) + " points",
          x: { min: 0, max: top, label: "true lift (percentage points)" },
          y: { min: 0, max: 1, label: "power" },
          legend: [
            { label: "power at the design n", color: ui.PALETTE.blue },
            { label: "your MDE", color: ui.PALETTE.black, dash: "dashed" },
            { label: "target power", color: ui.PALETTE.black, dash: "dotted" }
          ]
        });
        chart.hline("target", Number(target.value()), { dash: "dotted", width: 1 });
        chart.vline("mde", m, { dash: "dashed", width: 1 });
        chart.line("curve", lifts, powers, { color: ui.PALETTE.blue });
        chart.point("you", m, d.powerMde, { color: ui.PALETTE.vermilion });
        chart.text("you", m, d.powerMde, "n = " + ui.fmt(d.n) + " per arm",
          { dx: 8, dy: 16 });
        holder.replaceChildren(chart.element);
      }

      function update() {
        var b = baseline.value(), m = mde.value();
        var why = problem(b, m);
        message.hidden = !why;
        note.hidden = !!why;
        message.replaceChildren(why ? h("strong", { text: why }) : "");
        if (why) {
          var blank = {};
          ["h", "n_arcsine", "n_textbook", "n", "total", "power_mde", "power_half"].forEach(
            function (k) { blank[k] = "\u2014"; });
          numbers.set(blank);
          holder.replaceChildren();
          status.say(why);
          return;
        }
        var pc = b / 100, a = Number(alpha.value());
        var d = design(pc, m / 100, a, Number(target.value()));
        numbers.set({
          h: d.h.toFixed(4),
          n_arcsine: ui.fmt(d.nArcsine),
          n_textbook: ui.fmt(d.nTextbook),
          n: ui.fmt(d.n),
          total: ui.fmt(d.total),
          power_mde: ui.pct(d.powerMde),
          power_half: ui.pct(d.powerHalf)
        });
        draw(b, m, a, d);
        status.say(ui.fmt(d.n) + " per arm, " + ui.fmt(d.total) + " in total; power " +
          ui.pct(d.powerMde) + " at the MDE, " + ui.pct(d.powerHalf) + " at half of it.");
      }

      ui.frame(root, "Try it: size the experiment",
        "Halve the MDE and n per arm roughly quadruples; at the design n, a true lift of half " +
        "the MDE is detected less than a third of the time.",
        [h("div", { class: "explorable-controls" },
          [baseline.element, mde.element, alpha.element, target.element]),
         message, holder, note,
         h("div", { class: "explorable-columns" }, [numbers.element]), status.element]);
      update();
    }
  ]);
  if (window.mlExplorables) window.mlExplorables.mountAll();
})();
