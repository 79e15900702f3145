/* Plan builder: a study schedule from the weeks until the interview, the hours per week and the
 * concepts the reader feels weakest in (docs/plans/builder.md).
 *
 * How the schedule is made (buildPlan, pure and deterministic for the same inputs):
 *  1. Chapters are put in study order: topological by prerequisites, ties broken by the nav order.
 *  2. The items (sections to read, snippets to run, the chapter quiz) are queued in tiers. First
 *     each weak chapter in full, preceded by the core items of any prerequisite not studied yet;
 *     then the core items of every other chapter; then, if time allows, their deeper items.
 *     Items already ticked off on a plan page are left out (and counted).
 *  3. Each week holds hours x 60 minutes, cut into sessions of at most 90 minutes spread over the
 *     week (offsets floor(i * 7 / days) from the start date). Sessions are filled in order and an
 *     item is never split: one that does not fit the rest of a session opens the next.
 *  4. Taking a chapter's quiz schedules reviews 2, 7 and 16 days later (expanding intervals),
 *     inside the time until the interview; questions already missed (the quizzes' store) are
 *     reviewed from the start day and listed as links. Reviews go first in their session.
 *  5. What does not fit is reported with the hours it needs: the weak chapters and everyone's
 *     core items are required; the other chapters' deeper items are optional.
 *
 * The Markdown and iCalendar (RFC 5545) exports are pure functions too. The iCalendar writer is
 * hand-written on purpose: the site works offline, so it loads no library from anywhere.
 * Everything before the UI section runs in Node (tests/js/plan_builder.test.js); the UI starts
 * only on a page that has the builder form.
 */
(function (root) {
  "use strict";

  // -- Constants -------------------------------------------------------------------------------
  var NAV_ORDER = [
    "bias-variance", "metrics", "sql-wrangling", "feature-engineering", "ensembles",
    "interpretability", "transfer-learning", "mlops", "ab-testing",
  ];
  var LIMITS = { weeks: [1, 26], hours: [1, 40] };
  var DEFAULTS = { weeks: 4, hours: 6 };
  var SESSION_MAX = 90; // minutes
  var SESSION_MIN = 30; // sessions are not cut smaller than this when spreading the week
  var REVIEW_DAYS = [2, 7, 16]; // after the quiz (or the start day, for questions already missed)
  var WEAKEST = 3; // concepts "Tick my weakest" ticks, as the mock interview's "My weakest"
  var DAY_MS = 86400000;
  var QUIZ_STORE = "ml-interview-guide:quiz";
  var PLANS_STORE = "ml-interview-guide:plans";

  // -- Dates (UTC calendar days as "YYYY-MM-DD"; no time zone surprises) ------------------------
  function parseDate(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text || ""));
    if (!m) return null;
    var t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
    var d = new Date(t);
    if (d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) {
      return null; // 2026-02-30 and the like
    }
    return t;
  }

  function formatDate(t) {
    return new Date(t).toISOString().slice(0, 10);
  }

  function addDays(date, days) {
    return formatDate(parseDate(date) + days * DAY_MS);
  }

  var WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function humanDate(date) {
    var d = new Date(parseDate(date));
    return WEEKDAYS[d.getUTCDay()] + " " + d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] +
      " " + d.getUTCFullYear();
  }

  function humanMinutes(minutes) {
    var h = Math.floor(minutes / 60);
    var m = minutes % 60;
    if (!h) return m + " min";
    return m ? h + " h " + m + " min" : h + " h";
  }

  // -- Inputs and the shareable query string ------------------------------------------------------
  function clampInt(value, limits, fallback) {
    var n = parseInt(value, 10);
    if (!/^\s*\d+\s*$/.test(String(value)) || isNaN(n)) return fallback;
    return Math.min(limits[1], Math.max(limits[0], n));
  }

  /** Inputs made valid: whole numbers within limits, known weak slugs in study order, a real
   * start date (else `today`). */
  function normaliseInputs(raw, order, today) {
    raw = raw || {};
    var known = order || NAV_ORDER;
    var weak = raw.weak;
    if (typeof weak === "string") weak = weak.split(",");
    weak = Array.isArray(weak) ? weak.map(function (s) { return String(s).trim(); }) : [];
    return {
      weeks: clampInt(raw.weeks, LIMITS.weeks, DEFAULTS.weeks),
      hours: clampInt(raw.hours, LIMITS.hours, DEFAULTS.hours),
      weak: known.filter(function (slug) { return weak.indexOf(slug) >= 0; }),
      start: parseDate(raw.start) !== null ? String(raw.start) : today,
    };
  }

  function parseQuery(search, order, today) {
    var raw = {};
    String(search || "").replace(/^\?/, "").split("&").forEach(function (pair) {
      if (!pair) return;
      var i = pair.indexOf("=");
      var key = decodeURIComponent((i < 0 ? pair : pair.slice(0, i)).replace(/\+/g, " "));
      var value = i < 0 ? "" : decodeURIComponent(pair.slice(i + 1).replace(/\+/g, " "));
      if (["weeks", "hours", "weak", "start"].indexOf(key) >= 0) raw[key] = value;
    });
    return normaliseInputs(raw, order, today);
  }

  /** The canonical query string for inputs (slugs and dates need no escaping). */
  function toQuery(inputs) {
    return "?weeks=" + inputs.weeks + "&hours=" + inputs.hours + "&weak=" + inputs.weak.join(",") +
      "&start=" + inputs.start;
  }

  // -- Study order ----------------------------------------------------------------------------
  /** Chapter slugs in an order that respects prerequisites; ties by the nav's order, then by
   * slug. A prerequisite cycle or an unknown prerequisite never blocks: it is ignored. */
  function studyOrder(chapters) {
    var bySlug = {};
    chapters.forEach(function (c) { bySlug[c.slug] = c; });
    function rank(slug) {
      var i = NAV_ORDER.indexOf(slug);
      return i < 0 ? NAV_ORDER.length : i;
    }
    var pending = Object.keys(bySlug).sort(function (a, b) {
      return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
    });
    var order = [];
    while (pending.length) {
      var next = pending.filter(function (slug) {
        return (bySlug[slug].prerequisites || []).every(function (p) {
          return !bySlug[p] || order.indexOf(p) >= 0;
        });
      })[0];
      if (next === undefined) next = pending[0]; // a cycle: take the first in nav order
      order.push(next);
      pending.splice(pending.indexOf(next), 1);
    }
    return order;
  }

  function prerequisitesOf(slug, bySlug, order) {
    var seen = {};
    (function visit(s) {
      ((bySlug[s] && bySlug[s].prerequisites) || []).forEach(function (p) {
        if (bySlug[p] && !seen[p]) {
          seen[p] = true;
          visit(p);
        }
      });
    })(slug);
    return order.filter(function (s) { return seen[s]; });
  }

  // -- Progress stores ------------------------------------------------------------------------
  /** Question ids answered and not correct, from the quizzes' store (any shape tolerated). */
  function missedQuestions(quizStore) {
    var questions = quizStore && quizStore.version === 1 && quizStore.questions;
    if (!questions || typeof questions !== "object") return [];
    return Object.keys(questions).filter(function (id) {
      var r = questions[id];
      return r && r.answered === true && r.correct === false;
    }).sort();
  }

  /** Item keys ticked off on plan pages (the plans' store). */
  function doneItems(plansStore) {
    var done = plansStore && plansStore.version === 1 && plansStore.done;
    if (!done || typeof done !== "object") return [];
    return Object.keys(done).sort();
  }

  // -- The calendar of sessions ---------------------------------------------------------------
  /** How a week is cut: sessions of at most SESSION_MAX minutes, at least three when the hours
   * allow, on as many days as sessions (up to seven), offsets floor(i * 7 / days). */
  function weekLayout(hours) {
    var minutes = hours * 60;
    var sessions = Math.max(Math.ceil(minutes / SESSION_MAX), Math.min(3, Math.floor(minutes / SESSION_MIN)), 1);
    var days = Math.min(7, sessions);
    var offsets = [];
    for (var i = 0; i < days; i++) offsets.push(Math.floor((i * 7) / days));
    // Sessions per day, as even as possible, earlier days first; capacities sum to the week.
    var perDay = offsets.map(function (_, i) {
      return Math.floor(sessions / days) + (i < sessions % days ? 1 : 0);
    });
    var capacities = [];
    for (var s = 0; s < sessions; s++) {
      capacities.push(Math.floor(minutes / sessions) + (s < minutes % sessions ? 1 : 0));
    }
    return { minutes: minutes, sessions: sessions, offsets: offsets, perDay: perDay, capacities: capacities };
  }

  function slotsFor(inputs) {
    var layout = weekLayout(inputs.hours);
    var slots = [];
    for (var w = 0; w < inputs.weeks; w++) {
      var n = 0;
      layout.offsets.forEach(function (offset, d) {
        for (var k = 0; k < layout.perDay[d]; k++) {
          var day = w * 7 + offset;
          slots.push({
            week: w + 1, day: day, date: addDays(inputs.start, day), number: n + 1,
            capacity: layout.capacities[n], ofDay: k + 1, perDay: layout.perDay[d],
          });
          n++;
        }
      });
    }
    return { layout: layout, slots: slots };
  }

  // -- The plan -------------------------------------------------------------------------------
  function copyItem(item, chapter, weak, tier) {
    return {
      key: item.key, kind: item.kind, label: item.label, url: item.url,
      minutes: Math.max(1, Math.round(Number(item.minutes) || 1)), core: !!item.core,
      chapter: chapter.slug, chapterTitle: chapter.title, weak: weak, tier: tier,
    };
  }

  function reviewItem(chapter, questions, round) {
    var links = questions.map(function (id) {
      return { id: id, url: chapter.url.split("#")[0] + "#quiz-" + id };
    });
    // Minutes come from the chapter's own estimate for its self-check (never typed here): the
    // whole quiz when no miss is known, else the missed questions' share of it.
    var quiz = chapter.items.filter(function (item) { return item.kind === "quiz"; })[0];
    var quizMinutes = quiz ? Number(quiz.minutes) || 1 : 1;
    var total = (chapter.quiz_ids || []).length;
    var minutes = links.length && total ?
      Math.max(1, Math.ceil(quizMinutes * Math.min(1, links.length / total))) : quizMinutes;
    var what = links.length ?
      "retry the " + links.length + " question" + (links.length === 1 ? "" : "s") + " you missed" :
      "retry the questions you missed or guessed";
    return {
      key: "review:" + chapter.slug + ":" + round, kind: "review",
      label: "Review " + chapter.title + " (round " + round + "): " + what,
      url: chapter.url.split("#")[0] + "#self-check", minutes: minutes, core: true,
      chapter: chapter.slug, chapterTitle: chapter.title, questions: links, round: round,
    };
  }

  /**
   * The schedule for `rawInputs` ({weeks, hours, weak, start}) from the builder `data`
   * ({chapters: [...]}) and the reader's progress ({quiz: quiz store, plans: plans store}).
   * `today` ("YYYY-MM-DD") is the start date when the inputs carry none.
   */
  function buildPlan(data, rawInputs, progress, today) {
    var chapters = (data && data.chapters) || [];
    var bySlug = {};
    chapters.forEach(function (c) { bySlug[c.slug] = c; });
    var order = studyOrder(chapters);
    var inputs = normaliseInputs(rawInputs, order, today || formatDate(Date.now()));
    progress = progress || {};
    var done = doneItems(progress.plans);
    var missed = missedQuestions(progress.quiz);
    var isWeak = {};
    inputs.weak.forEach(function (s) { isWeak[s] = true; });

    // 1-2. The queue, in tiers.
    var queue = [];
    var queued = {};
    var skipped = [];
    function enqueue(chapter, filter, tier) {
      chapter.items.forEach(function (item) {
        if (queued[item.key] || !filter(item)) return;
        queued[item.key] = true;
        if (done.indexOf(item.key) >= 0) {
          skipped.push(copyItem(item, chapter, !!isWeak[chapter.slug], tier));
          return;
        }
        queue.push(copyItem(item, chapter, !!isWeak[chapter.slug], tier));
      });
    }
    function core(item) { return !!item.core; }
    function all() { return true; }
    inputs.weak.forEach(function (slug) {
      prerequisitesOf(slug, bySlug, order).forEach(function (p) {
        if (!isWeak[p]) enqueue(bySlug[p], core, "required");
      });
      enqueue(bySlug[slug], all, "required");
    });
    order.forEach(function (slug) { enqueue(bySlug[slug], core, "required"); });
    order.forEach(function (slug) { enqueue(bySlug[slug], all, "optional"); });

    // 3-4. Fill the sessions; quizzes schedule their reviews.
    var horizon = inputs.weeks * 7;
    var calendar = slotsFor(inputs);
    var reviews = []; // {due, item}, kept sorted by due day then insertion
    var missedBy = {};
    missed.forEach(function (id) {
      var slug = order.filter(function (s) { return (bySlug[s].quiz_ids || []).indexOf(id) >= 0; })[0];
      if (slug) (missedBy[slug] = missedBy[slug] || []).push(id);
    });
    var reviewed = {};
    function scheduleReviews(slug, fromDay) {
      if (reviewed[slug]) return;
      reviewed[slug] = true;
      REVIEW_DAYS.forEach(function (gap, i) {
        var due = fromDay + gap;
        if (due < horizon) {
          reviews.push({ due: due, seq: reviews.length, item: reviewItem(bySlug[slug], missedBy[slug] || [], i + 1) });
        }
      });
      reviews.sort(function (a, b) { return a.due - b.due || a.seq - b.seq; });
    }
    var quizQueued = {};
    queue.forEach(function (item) { if (item.kind === "quiz") quizQueued[item.chapter] = true; });
    order.forEach(function (slug) {
      // Questions already missed whose quiz is not (or no longer) in the plan: review from day 0.
      if (missedBy[slug] && !quizQueued[slug]) scheduleReviews(slug, 0);
    });

    var sessions = [];
    calendar.slots.forEach(function (slot) {
      var session = {
        week: slot.week, number: slot.number, date: slot.date, day: slot.day, capacity: slot.capacity,
        ofDay: slot.ofDay, perDay: slot.perDay, minutes: 0, items: [],
      };
      // Reviews due by today go first (one may overfill a session: they are short and due).
      while (reviews.length && reviews[0].due <= slot.day &&
             (session.minutes + reviews[0].item.minutes <= slot.capacity || !session.items.length)) {
        var r = reviews.shift();
        session.items.push(r.item);
        session.minutes += r.item.minutes;
      }
      while (queue.length && session.minutes + queue[0].minutes <= slot.capacity) {
        var item = queue.shift();
        session.items.push(item);
        session.minutes += item.minutes;
        if (item.kind === "quiz") scheduleReviews(item.chapter, slot.day);
      }
      // An item longer than a whole session gets an empty session to itself.
      if (!session.items.length && queue.length && queue[0].minutes > slot.capacity) {
        var long = queue.shift();
        session.items.push(long);
        session.minutes += long.minutes;
        if (long.kind === "quiz") scheduleReviews(long.chapter, slot.day);
      }
      if (session.items.length) sessions.push(session);
    });

    // 5. What did not fit.
    var required = queue.filter(function (i) { return i.tier === "required"; });
    var optional = queue.filter(function (i) { return i.tier === "optional"; });
    function sum(items) { return items.reduce(function (t, i) { return t + i.minutes; }, 0); }
    var weeks = [];
    for (var w = 1; w <= inputs.weeks; w++) {
      weeks.push({
        number: w, start: addDays(inputs.start, (w - 1) * 7), end: addDays(inputs.start, w * 7 - 1),
        sessions: sessions.filter(function (s) { return s.week === w; }),
      });
    }
    var planned = sessions.reduce(function (t, s) { return t + s.minutes; }, 0);
    var requiredMissing = sum(required);
    return {
      inputs: inputs,
      order: order,
      interview: addDays(inputs.start, horizon),
      layout: calendar.layout,
      weeks: weeks,
      sessions: sessions,
      plannedMinutes: planned,
      capacityMinutes: calendar.layout.minutes * inputs.weeks,
      skippedDone: skipped,
      missed: missed,
      unplaced: { required: required, optional: optional, reviews: reviews.map(function (r) { return r.item; }) },
      missingMinutes: { required: requiredMissing, optional: sum(optional) },
      // Whole hours to add per week for everything required to fit (sessions are not split finely,
      // so this is a floor; the UI says "about").
      moreHoursPerWeek: requiredMissing ? Math.ceil(requiredMissing / 60 / inputs.weeks) : 0,
    };
  }

  /** One sentence or three that say what the plan holds and what did not fit. */
  function summarise(plan) {
    var titles = plan.inputs.weak.length ? plan.inputs.weak.length + " weak concept" +
      (plan.inputs.weak.length === 1 ? "" : "s") + " first" : "no weak concepts chosen, so chapters in study order";
    var lines = [
      plan.sessions.length + " session" + (plan.sessions.length === 1 ? "" : "s") + " (" +
        humanMinutes(plan.plannedMinutes) + ") from " + humanDate(plan.inputs.start) +
        " to your interview on " + humanDate(plan.interview) + ", " + titles + ".",
    ];
    var req = plan.unplaced.required;
    if (req.length) {
      lines.push("Not enough time: " + req.length + " required item" + (req.length === 1 ? "" : "s") +
        " (" + humanMinutes(plan.missingMinutes.required) + ") did not fit. Add about " +
        plan.moreHoursPerWeek + " hour" + (plan.moreHoursPerWeek === 1 ? "" : "s") +
        " per week, or start earlier.");
    } else if (plan.unplaced.optional.length) {
      lines.push("Everything required fits; " + plan.unplaced.optional.length + " deeper item" +
        (plan.unplaced.optional.length === 1 ? "" : "s") + " (" +
        humanMinutes(plan.missingMinutes.optional) + ") did not.");
    } else {
      lines.push("Everything fits.");
    }
    if (plan.skippedDone.length) {
      lines.push(plan.skippedDone.length + " item" + (plan.skippedDone.length === 1 ? "" : "s") +
        " you already ticked off on a plan page left out.");
    }
    return lines.join(" ");
  }

  // -- Markdown export ------------------------------------------------------------------------
  function resolveUrl(url, base) {
    if (!base) return url;
    try {
      return new URL(url, base).href;
    } catch (e) {
      return url;
    }
  }

  function mdText(text) {
    return String(text).replace(/([\\`*_[\]<>])/g, "\\$1");
  }

  function sessionTitle(session) {
    var title = "Session " + session.number + ": " + humanDate(session.date);
    if (session.perDay > 1) title += " (" + session.ofDay + " of " + session.perDay + " that day)";
    return title;
  }

  function itemLines(item, base) {
    var line = "- [ ] [" + mdText(item.label) + "](" + resolveUrl(item.url, base) + ") (" +
      item.minutes + " min)";
    var lines = [line];
    (item.questions || []).forEach(function (q) {
      lines.push("    - [ ] [" + mdText(q.id) + "](" + resolveUrl(q.url, base) + ")");
    });
    return lines;
  }

  /** The plan as Markdown: a heading per week and per session, a checklist of linked items.
   * Relative links are resolved against `base` (the page's own URL). */
  function toMarkdown(plan, base, shareUrl) {
    var i = plan.inputs;
    var out = [
      "# Study plan: interview on " + humanDate(plan.interview),
      "",
      i.weeks + " week" + (i.weeks === 1 ? "" : "s") + " from " + humanDate(i.start) + ", " + i.hours +
        " hour" + (i.hours === 1 ? "" : "s") + " a week; weakest concepts: " +
        (i.weak.length ? i.weak.join(", ") : "none") + ".",
    ];
    if (shareUrl) out.push("", "Rebuild or change this plan: <" + shareUrl + ">");
    out.push("", mdText(summarise(plan)));
    plan.weeks.forEach(function (week) {
      out.push("", "## Week " + week.number + ": " + humanDate(week.start) + " to " + humanDate(week.end));
      if (!week.sessions.length) out.push("", "No sessions this week.");
      week.sessions.forEach(function (session) {
        out.push("", "### " + sessionTitle(session) + " (" + humanMinutes(session.minutes) + ")", "");
        session.items.forEach(function (item) { out.push.apply(out, itemLines(item, base)); });
      });
    });
    var left = plan.unplaced.required.concat(plan.unplaced.optional);
    if (left.length) {
      out.push("", "## Did not fit", "");
      left.forEach(function (item) {
        out.push.apply(out, itemLines(item, base).map(function (l, n) {
          return n === 0 && item.tier === "optional" ? l + " (optional)" : l;
        }));
      });
    }
    return out.join("\n") + "\n";
  }

  // -- iCalendar export (RFC 5545) ------------------------------------------------------------
  /** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline. */
  function icsEscape(text) {
    return String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n");
  }

  function utf8Length(ch) {
    var c = ch.codePointAt(0);
    return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }

  /** Fold a content line at 75 octets (RFC 5545 3.1): CRLF then one space, never inside a
   * UTF-8 sequence. Continuation lines hold 74 octets after their leading space. */
  function icsFold(line) {
    var parts = [];
    var current = "";
    var octets = 0;
    var limit = 75;
    Array.from(line).forEach(function (ch) {
      var n = utf8Length(ch);
      if (octets + n > limit) {
        parts.push(current);
        current = "";
        octets = 0;
        limit = 74;
      }
      current += ch;
      octets += n;
    });
    parts.push(current);
    return parts.join("\r\n ");
  }

  function icsDate(date) {
    return date.replace(/-/g, "");
  }

  function icsStamp(time) {
    return new Date(time).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  }

  /** A short stable hash (FNV-1a, 32 bits, hex) for UIDs. */
  function hash(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return ("0000000" + h.toString(16)).slice(-8);
  }

  /** The plan as an iCalendar file: one all-day VEVENT per session, UIDs stable for the same
   * inputs (re-importing updates rather than duplicates), DTSTAMP = `now` (ms or Date). */
  function toICS(plan, base, shareUrl, now) {
    var id = hash(toQuery(plan.inputs));
    var lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//ML Interview Study Guide//Plan builder//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:" + icsEscape("ML interview study plan"),
    ];
    var stamp = icsStamp(now === undefined ? Date.now() : now);
    plan.sessions.forEach(function (session) {
      var description = session.items.map(function (item) {
        var text = "- " + item.label + " (" + item.minutes + " min): " + resolveUrl(item.url, base);
        (item.questions || []).forEach(function (q) {
          text += "\n  - " + q.id + ": " + resolveUrl(q.url, base);
        });
        return text;
      });
      if (shareUrl) description.push("", "The whole plan: " + shareUrl);
      lines.push(
        "BEGIN:VEVENT",
        "UID:" + icsDate(session.date) + "-" + session.number + "-w" + session.week + "-" + id + "@ml-interview-guide",
        "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + icsDate(session.date),
        "DTEND;VALUE=DATE:" + icsDate(addDays(session.date, 1)),
        "SUMMARY:" + icsEscape("ML interview study: week " + session.week + ", session " + session.number +
          " (" + humanMinutes(session.minutes) + ")"),
        "DESCRIPTION:" + icsEscape(description.join("\n")),
        "TRANSP:TRANSPARENT",
        "END:VEVENT"
      );
    });
    lines.push("END:VCALENDAR");
    return lines.map(icsFold).join("\r\n") + "\r\n";
  }

  function fileName(plan, extension) {
    return "ml-interview-study-plan-" + plan.inputs.start + "." + extension;
  }

  var api = {
    NAV_ORDER: NAV_ORDER, LIMITS: LIMITS, DEFAULTS: DEFAULTS, SESSION_MAX: SESSION_MAX,
    REVIEW_DAYS: REVIEW_DAYS, QUIZ_STORE: QUIZ_STORE, PLANS_STORE: PLANS_STORE,
    parseDate: parseDate, formatDate: formatDate, addDays: addDays, humanDate: humanDate,
    humanMinutes: humanMinutes, normaliseInputs: normaliseInputs, parseQuery: parseQuery,
    toQuery: toQuery, studyOrder: studyOrder, missedQuestions: missedQuestions,
    doneItems: doneItems, weekLayout: weekLayout, buildPlan: buildPlan, summarise: summarise,
    toMarkdown: toMarkdown, icsEscape: icsEscape, icsFold: icsFold, toICS: toICS,
    fileName: fileName, hash: hash,
  };

  if (typeof module === "object" && module.exports) {
    module.exports = api;
    return;
  }
  root.mlGuidePlanBuilder = api;

  // -- Page UI (only on the page with the builder form) ---------------------------------------
  function readJson(key) {
    try {
      var raw = root.localStorage.getItem(key);
      return raw ? JSON.parse(raw) : null;
    } catch (e) {
      return null; // blocked or corrupt: plan without progress
    }
  }

  function readProgress() {
    var quiz = root.mlGuideQuiz && root.mlGuideQuiz.loadStore ? root.mlGuideQuiz.loadStore() : readJson(QUIZ_STORE);
    return { quiz: quiz, plans: readJson(PLANS_STORE) };
  }

  function todayLocal() {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function renderItem(item) {
    var li = el("li", { class: "plan-builder__item plan-builder__item--" + item.kind + (item.weak ? " plan-builder__item--weak" : ""), "data-key": item.key });
    li.appendChild(el("a", { href: item.url, text: item.label }));
    li.appendChild(document.createTextNode(" (" + item.minutes + " min)"));
    if (item.questions && item.questions.length) {
      var ul = el("ul", { class: "plan-builder__questions" });
      item.questions.forEach(function (q) {
        ul.appendChild(el("li", {}, [el("a", { href: q.url, text: q.id })]));
      });
      li.appendChild(ul);
    }
    return li;
  }

  function renderSchedule(container, plan) {
    container.textContent = "";
    plan.weeks.forEach(function (week) {
      var section = el("section", { class: "plan-builder__week", "data-week": String(week.number) });
      section.appendChild(el("h3", { text: "Week " + week.number + ": " + humanDate(week.start) + " to " + humanDate(week.end) }));
      if (!week.sessions.length) section.appendChild(el("p", { text: "No sessions this week: the reviews are done or not yet due." }));
      week.sessions.forEach(function (session) {
        var s = el("div", { class: "plan-builder__session", "data-date": session.date });
        s.appendChild(el("h4", { text: sessionTitle(session) + " (" + humanMinutes(session.minutes) + ")" }));
        var ol = el("ul", { class: "plan-builder__items" });
        session.items.forEach(function (item) { ol.appendChild(renderItem(item)); });
        s.appendChild(ol);
        section.appendChild(s);
      });
      container.appendChild(section);
    });
    var left = plan.unplaced.required.concat(plan.unplaced.optional);
    if (left.length) {
      var missing = el("section", { class: "plan-builder__missing" });
      missing.appendChild(el("h3", { text: "Did not fit" }));
      missing.appendChild(el("p", {
        text: plan.unplaced.required.length ?
          "Required items that need " + humanMinutes(plan.missingMinutes.required) + " more (about " + plan.moreHoursPerWeek + " more hours per week):" :
          "Only deeper, optional items are left out:",
      }));
      var ul = el("ul", { class: "plan-builder__items" });
      left.forEach(function (item) {
        var li = renderItem(item);
        if (item.tier === "optional") li.appendChild(document.createTextNode(" (optional)"));
        ul.appendChild(li);
      });
      missing.appendChild(ul);
      container.appendChild(missing);
    }
  }

  function download(name, type, text) {
    var blob = new Blob([text], { type: type });
    var url = URL.createObjectURL(blob);
    var a = el("a", { href: url, download: name, hidden: "" });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () {
      URL.revokeObjectURL(url);
      a.remove();
    }, 1000);
  }

  function init() {
    var form = document.getElementById("plan-builder");
    var dataNode = document.getElementById("plan-builder-data");
    if (!form || form.getAttribute("data-ready") === "true") return;
    var data;
    try {
      data = JSON.parse(dataNode ? dataNode.textContent : "");
    } catch (e) {
      return; // no data: the noscript-like note stays, the form stays hidden
    }
    form.setAttribute("data-ready", "true");
    var order = studyOrder(data.chapters);
    var bySlug = {};
    data.chapters.forEach(function (c) { bySlug[c.slug] = c; });
    var weeks = form.querySelector("#plan-weeks");
    var hours = form.querySelector("#plan-hours");
    var start = form.querySelector("#plan-start");
    var concepts = form.querySelector("#plan-concepts");
    var summary = document.getElementById("plan-builder-summary");
    var schedule = document.getElementById("plan-builder-schedule");
    var share = document.getElementById("plan-builder-link");
    order.forEach(function (slug) {
      var id = "plan-weak-" + slug;
      var input = el("input", { type: "checkbox", id: id, name: "weak", value: slug });
      concepts.appendChild(el("div", { class: "plan-builder__concept" }, [input, el("label", { for: id, text: bySlug[slug].title })]));
    });
    // "My weakest": the concepts scored lowest from this browser's quiz answers and mock
    // interviews (progress.js), ticked in place of the current choice.
    var weakestButton = el("button", { type: "button", class: "md-button plan-builder__weakest", text: "Tick my weakest" });
    var weakestNote = el("p", { class: "plan-builder__weakest-note", id: "plan-weakest-note", role: "status" });
    weakestButton.setAttribute("aria-describedby", "plan-weakest-note");
    concepts.appendChild(el("div", { class: "plan-builder__weakest-row" }, [weakestButton, weakestNote]));

    var today = todayLocal();
    var inputs = parseQuery(root.location.search, order, today);
    function show(values) {
      weeks.value = values.weeks;
      hours.value = values.hours;
      start.value = values.start;
      Array.prototype.forEach.call(concepts.querySelectorAll("input"), function (box) {
        box.checked = values.weak.indexOf(box.value) >= 0;
      });
    }
    function read() {
      return normaliseInputs({
        weeks: weeks.value, hours: hours.value, start: start.value,
        weak: Array.prototype.filter.call(concepts.querySelectorAll("input"), function (b) { return b.checked; })
          .map(function (b) { return b.value; }),
      }, order, today);
    }
    var plan;
    function shareUrl() {
      return root.location.href.split(/[?#]/)[0] + toQuery(plan.inputs);
    }
    function update(fromUser) {
      plan = buildPlan(data, inputs, readProgress(), today);
      summary.textContent = summarise(plan);
      renderSchedule(schedule, plan);
      share.href = shareUrl();
      if (fromUser) {
        try {
          root.history.replaceState(root.history.state, "", toQuery(plan.inputs) + root.location.hash);
        } catch (e) { /* some file:// setups refuse: the link above still carries the inputs */ }
      }
    }
    function changed(event) {
      inputs = read();
      // Keep what the reader is typing; fix the fields only once they leave them.
      if (event && event.type === "change") show(inputs);
      update(true);
    }
    show(inputs);
    update(false);
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      changed({ type: "change" });
    });
    weakestButton.addEventListener("click", function () {
      var progress = root.mlGuideProgress;
      var weakest = progress ? progress.weakestConcepts(order, WEAKEST) : [];
      if (!weakest.length) {
        weakestNote.textContent = "No results yet to find your weakest concepts: answer some " +
          "quiz questions or finish a mock interview first. The choice is unchanged.";
        return;
      }
      var scores = progress.conceptScores(order);
      Array.prototype.forEach.call(concepts.querySelectorAll("input[name=weak]"), function (box) {
        box.checked = weakest.indexOf(box.value) >= 0;
      });
      weakestNote.textContent = "Ticked, lowest score first: " + weakest.map(function (slug) {
        return bySlug[slug].title + " (" + Math.round(100 * scores[slug].score) + " %)";
      }).join(", ") + ".";
      changed({ type: "change" });
    });
    form.querySelector("#plan-download-md").addEventListener("click", function () {
      download(fileName(plan, "md"), "text/markdown;charset=utf-8", toMarkdown(plan, root.location.href, shareUrl()));
    });
    form.querySelector("#plan-download-ics").addEventListener("click", function () {
      download(fileName(plan, "ics"), "text/calendar;charset=utf-8", toICS(plan, root.location.href, shareUrl(), Date.now()));
    });
    form.hidden = false;
    var results = document.getElementById("plan-builder-results");
    if (results) results.hidden = false;
  }

  // Start on every page load and after the theme's instant navigation (document$), which never
  // fires from file:// (the offline site). init() does nothing on other pages or twice.
  function start() { init(); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  if (typeof root.document$ !== "undefined" && root.document$.subscribe) {
    root.document$.subscribe(start);
  }
})(typeof window !== "undefined" ? window : this);
