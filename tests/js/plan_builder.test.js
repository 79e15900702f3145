// The plan builder's logic (docs/assets/javascripts/plan_builder.js) in Node: inputs and the
// shareable query string, study order, the weekly layout, the schedule (weak first, prerequisites,
// never split, reviews at expanding intervals, what did not fit), and the Markdown and iCalendar
// exports. Run with `node --test tests/js/` (tests/test_plan_builder_js.py runs it under pytest).
// The fixture is the builder data the build injects (hooks/study_plans.py), quiz ids trimmed.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const pb = require(path.join(__dirname, "..", "..", "docs", "assets", "javascripts", "plan_builder.js"));
const DATA = require("./plan_builder_data.json");

const START = "2026-12-07";
const BASE = "https://example.org/guide/plans/builder/";
const bySlug = Object.fromEntries(DATA.chapters.map((c) => [c.slug, c]));
const plan = (inputs, progress) => pb.buildPlan(DATA, { start: START, ...inputs }, progress || {}, "2000-01-01");
const items = (p) => p.sessions.flatMap((s) => s.items);
const studyItems = (p) => items(p).filter((i) => i.kind !== "review");
const sum = (list) => list.reduce((t, i) => t + i.minutes, 0);
const missedStore = (ids) => ({
  version: 1,
  questions: Object.fromEntries(ids.map((id) => [id, { answered: true, correct: false, attempts: 1, lastSeen: "2026-12-01T00:00:00Z" }])),
});

// -- Dates and inputs ---------------------------------------------------------------------------
test("dates: invalid days are refused; arithmetic crosses months, years and DST", () => {
  assert.equal(pb.parseDate("2026-02-30"), null);
  assert.equal(pb.parseDate("2026-2-3"), null);
  assert.equal(pb.parseDate("yesterday"), null);
  assert.equal(pb.addDays("2026-12-28", 7), "2027-01-04");
  assert.equal(pb.addDays("2028-02-28", 1), "2028-02-29");
  assert.equal(pb.addDays("2026-03-28", 2), "2026-03-30"); // a DST change in Europe
  assert.equal(pb.humanDate("2026-12-07"), "Mon 7 Dec 2026");
  assert.equal(pb.humanMinutes(125), "2 h 5 min");
  assert.equal(pb.humanMinutes(45), "45 min");
});

test("inputs are clamped, unknown concepts dropped, weak concepts put in study order", () => {
  const order = pb.studyOrder(DATA.chapters);
  const inputs = pb.normaliseInputs({ weeks: "40", hours: "0", weak: "ensembles,nope,metrics,metrics", start: "2026-13-01" }, order, "2026-01-05");
  assert.deepEqual(inputs, { weeks: 26, hours: 1, weak: ["metrics", "ensembles"], start: "2026-01-05" });
  assert.deepEqual(pb.normaliseInputs({ weeks: "3.5", hours: "abc" }, order, "2026-01-05"),
    { weeks: pb.DEFAULTS.weeks, hours: pb.DEFAULTS.hours, weak: [], start: "2026-01-05" });
});

test("the query string round-trips every input", () => {
  const order = pb.studyOrder(DATA.chapters);
  const inputs = { weeks: 4, hours: 6, weak: ["metrics", "ensembles"], start: "2026-12-07" };
  const query = pb.toQuery(inputs);
  assert.equal(query, "?weeks=4&hours=6&weak=metrics,ensembles&start=2026-12-07");
  assert.deepEqual(pb.parseQuery(query, order, "2000-01-01"), inputs);
  assert.deepEqual(pb.parseQuery("?weak=metrics%2Censembles&weeks=4&hours=6&start=2026-12-07&x=1", order, "2000-01-01"), inputs);
  assert.deepEqual(pb.parseQuery("", order, "2026-01-05"), { weeks: 4, hours: 6, weak: [], start: "2026-01-05" });
});

// -- Order and layout ---------------------------------------------------------------------------
test("study order follows the nav and respects prerequisites, even against the nav", () => {
  assert.deepEqual(pb.studyOrder(DATA.chapters), pb.NAV_ORDER);
  const shuffled = [...DATA.chapters].reverse();
  assert.deepEqual(pb.studyOrder(shuffled), pb.NAV_ORDER);
  const chapters = DATA.chapters.map((c) => (c.slug === "bias-variance" ? { ...c, prerequisites: ["ab-testing"] } : c));
  const order = pb.studyOrder(chapters);
  assert.ok(order.indexOf("ab-testing") < order.indexOf("bias-variance"));
  assert.ok(order.indexOf("bias-variance") < order.indexOf("metrics"));
  const cycle = DATA.chapters.map((c) => (c.slug === "bias-variance" ? { ...c, prerequisites: ["metrics"] } : c));
  assert.equal(pb.studyOrder(cycle).length, DATA.chapters.length); // a cycle never blocks
});

test("a week is cut into sessions of at most 90 minutes on distinct days", () => {
  for (let hours = 1; hours <= 40; hours++) {
    const layout = pb.weekLayout(hours);
    assert.equal(layout.capacities.reduce((a, b) => a + b, 0), hours * 60, `hours=${hours}`);
    assert.ok(Math.max(...layout.capacities) <= pb.SESSION_MAX, `hours=${hours}`);
    assert.equal(new Set(layout.offsets).size, layout.offsets.length);
    assert.ok(layout.offsets.every((d) => d >= 0 && d <= 6));
    assert.equal(layout.perDay.reduce((a, b) => a + b, 0), layout.sessions);
  }
  assert.deepEqual(pb.weekLayout(3).offsets, [0, 2, 4]); // spread, not three days in a row
});

// -- The schedule -------------------------------------------------------------------------------
test("weak concepts come first and in full, after their prerequisites' core items", () => {
  const p = plan({ weeks: 4, hours: 6, weak: ["metrics", "ensembles"] });
  const study = studyItems(p);
  const firstOther = study.findIndex((i) => !["metrics", "ensembles", "bias-variance"].includes(i.chapter));
  const chapterOrder = [...new Set(study.slice(0, firstOther).map((i) => i.chapter))];
  assert.deepEqual(chapterOrder, ["bias-variance", "metrics", "ensembles"]);
  assert.ok(study.slice(0, firstOther).filter((i) => i.chapter === "bias-variance").every((i) => i.core));
  for (const slug of ["metrics", "ensembles"]) {
    const keys = new Set(study.filter((i) => i.chapter === slug).map((i) => i.key));
    assert.deepEqual([...keys].sort(), bySlug[slug].items.map((i) => i.key).sort(), slug);
    assert.ok(study.slice(0, firstOther).filter((i) => i.chapter === slug).length === keys.size);
  }
  assert.equal(p.unplaced.required.length, 0);
  assert.equal(p.unplaced.optional.length, 0);
});

test("every other chapter gets its core items before anyone's deeper items", () => {
  const p = plan({ weeks: 2, hours: 4, weak: ["mlops"] });
  const study = studyItems(p);
  const lastCore = Math.max(...study.map((item, i) => (item.chapter !== "mlops" && item.core ? i : -1)));
  const firstDeeper = study.findIndex((i) => i.chapter !== "mlops" && !i.core);
  assert.ok(firstDeeper === -1 || lastCore < firstDeeper);
  for (const chapter of DATA.chapters) {
    const core = chapter.items.filter((i) => i.core).map((i) => i.key);
    assert.ok(core.every((key) => study.some((i) => i.key === key)), chapter.slug);
  }
});

test("sessions are never split or overfilled, nothing is scheduled twice, all inside the horizon", () => {
  for (const [weeks, hours] of [[1, 1], [1, 3], [2, 5], [4, 6], [6, 10], [3, 40], [26, 1]]) {
    const p = plan({ weeks, hours, weak: ["sql-wrangling", "transfer-learning"] });
    const keys = studyItems(p).map((i) => i.key);
    assert.equal(new Set(keys).size, keys.length);
    const capacities = pb.weekLayout(hours).capacities;
    for (const s of p.sessions) {
      assert.equal(s.minutes, sum(s.items));
      assert.ok(s.minutes <= capacities[s.number - 1] || s.items.length === 1, `${weeks}w ${hours}h ${s.date}`);
      assert.ok(s.date >= START && s.date < p.interview);
    }
    const all = DATA.chapters.flatMap((c) => c.items);
    assert.equal(keys.length + p.unplaced.required.length + p.unplaced.optional.length, all.length);
  }
});

test("the same inputs give the same plan", () => {
  const a = plan({ weeks: 3, hours: 5, weak: ["ab-testing"] }, { quiz: missedStore(["ab-testing-peeking"]) });
  const b = plan({ weeks: 3, hours: 5, weak: ["ab-testing"] }, { quiz: missedStore(["ab-testing-peeking"]) });
  assert.deepEqual(a, b);
  assert.equal(pb.toICS(a, BASE, "s", 0), pb.toICS(b, BASE, "s", 0));
});

test("each quiz taken comes back for review 2, 7 and 16 days later, inside the horizon", () => {
  const p = plan({ weeks: 4, hours: 6, weak: ["metrics"] });
  const day = (date) => (pb.parseDate(date) - pb.parseDate(START)) / 86400000;
  const quizDay = {};
  const reviews = {};
  for (const s of p.sessions) {
    for (const i of s.items) {
      if (i.kind === "quiz") quizDay[i.chapter] = day(s.date);
      if (i.kind === "review") (reviews[i.chapter] = reviews[i.chapter] || []).push([i.round, day(s.date)]);
    }
  }
  assert.equal(Object.keys(quizDay).length, 9);
  for (const [slug, taken] of Object.entries(quizDay)) {
    const expected = pb.REVIEW_DAYS.filter((gap) => taken + gap < 28);
    const got = reviews[slug] || [];
    assert.equal(got.length, expected.length, slug);
    got.forEach(([round, when], n) => {
      assert.equal(round, n + 1);
      assert.ok(when >= taken + pb.REVIEW_DAYS[n], `${slug} round ${round}`);
      assert.ok(when < taken + pb.REVIEW_DAYS[n] + 7, `${slug} round ${round} is late`);
    });
  }
});

test("missed questions are listed as links to their anchors in the reviews", () => {
  const id = bySlug.ensembles.quiz_ids[1];
  const p = plan({ weeks: 3, hours: 6, weak: ["ensembles"] }, { quiz: missedStore([id, "unknown-question"]) });
  assert.deepEqual(p.missed, [id, "unknown-question"].sort());
  const reviews = items(p).filter((i) => i.kind === "review" && i.chapter === "ensembles");
  assert.ok(reviews.length >= 2);
  for (const r of reviews) {
    assert.deepEqual(r.questions, [{ id, url: `../../concepts/ensembles/#quiz-${id}` }]);
    assert.match(r.label, /retry the 1 question you missed/);
  }
});

test("review minutes are the chapter's self-check estimate, or the missed questions' share of it", () => {
  const quizMinutes = (slug) => bySlug[slug].items.find((i) => i.kind === "quiz").minutes;
  const none = items(plan({ weeks: 3, hours: 6, weak: ["metrics"] })).filter((i) => i.kind === "review");
  assert.ok(none.length > 0);
  for (const r of none) assert.equal(r.minutes, quizMinutes(r.chapter));
  const id = bySlug.ensembles.quiz_ids[1];
  const share = Math.max(1, Math.ceil(quizMinutes("ensembles") / bySlug.ensembles.quiz_ids.length));
  const missed = items(plan({ weeks: 3, hours: 6, weak: ["ensembles"] }, { quiz: missedStore([id]) }))
    .filter((i) => i.kind === "review" && i.chapter === "ensembles");
  assert.ok(missed.length > 0);
  for (const r of missed) assert.equal(r.minutes, share);
});

test("a missed question whose quiz is already done is reviewed from the start day", () => {
  const id = bySlug.metrics.quiz_ids[0];
  const progress = { quiz: missedStore([id]), plans: { version: 1, done: { "quiz:metrics": "2026-12-01" } } };
  const p = plan({ weeks: 2, hours: 6, weak: [] }, progress);
  assert.ok(!studyItems(p).some((i) => i.key === "quiz:metrics"));
  const reviews = p.sessions.filter((s) => s.items.some((i) => i.kind === "review" && i.chapter === "metrics"));
  // Due on days 2 and 7 (16 is past the interview); 6 hours a week study on days 0, 1, 3 and 5
  // of each week, so the first review waits for day 3.
  assert.deepEqual(pb.weekLayout(6).offsets, [0, 1, 3, 5]);
  assert.deepEqual(reviews.map((s) => s.date), ["2026-12-10", "2026-12-14"]);
  assert.equal(reviews[0].items[0].kind, "review"); // reviews open their session
});

test("items ticked off on a plan page are left out and counted", () => {
  const done = { version: 1, done: { "read:metrics#tldr": "2026-12-01", "quiz:bias-variance": "2026-12-02" } };
  const p = plan({ weeks: 4, hours: 6, weak: ["metrics"] }, { plans: done });
  assert.deepEqual(p.skippedDone.map((i) => i.key).sort(), ["quiz:bias-variance", "read:metrics#tldr"]);
  assert.ok(!studyItems(p).some((i) => i.key in done.done));
  assert.match(pb.summarise(p), /2 items you already ticked off/);
});

test("when time is short the plan says what did not fit and how many more hours it needs", () => {
  const p = plan({ weeks: 1, hours: 2, weak: ["metrics"] });
  assert.ok(p.unplaced.required.length > 0);
  assert.equal(p.missingMinutes.required, sum(p.unplaced.required));
  assert.equal(p.moreHoursPerWeek, Math.ceil(p.missingMinutes.required / 60));
  assert.match(pb.summarise(p), /Not enough time: \d+ required items \(.+\) did not fit\. Add about 3 hours per week/);
  // The weak chapter was scheduled before the others' core items ran out of room.
  assert.ok(studyItems(p).filter((i) => i.chapter === "metrics").length > 15);
  // The hours it asks for are enough for everything required.
  const more = plan({ weeks: 1, hours: 2 + p.moreHoursPerWeek + 1, weak: ["metrics"] });
  assert.equal(more.unplaced.required.length, 0);
  const roomy = plan({ weeks: 2, hours: 5, weak: [] });
  assert.equal(roomy.unplaced.required.length, 0);
  assert.match(pb.summarise(roomy), /Everything (required )?fits/);
});

// -- Exports ------------------------------------------------------------------------------------
test("Markdown: a heading per week and session, checklist items with absolute links", () => {
  const id = bySlug.metrics.quiz_ids[0];
  const p = plan({ weeks: 2, hours: 3, weak: ["metrics"] }, { quiz: missedStore([id]) });
  const md = pb.toMarkdown(p, BASE + "?weeks=2", BASE + "?weeks=2&hours=3");
  const lines = md.split("\n");
  assert.equal(lines[0], "# Study plan: interview on Mon 21 Dec 2026");
  assert.equal(lines.filter((l) => l.startsWith("## Week ")).length, 2);
  assert.equal(lines.filter((l) => l.startsWith("### Session ")).length, p.sessions.length);
  assert.ok(md.includes("<https://example.org/guide/plans/builder/?weeks=2&hours=3>"));
  const checklist = lines.filter((l) => l.startsWith("- [ ] "));
  assert.ok(checklist.length >= studyItems(p).length);
  for (const line of checklist) assert.match(line, /^- \[ \] \[.+\]\(https:\/\/example\.org\/guide\/concepts\/[a-z-]+\/#[a-z0-9-]+\) \(\d+ min\)/);
  assert.ok(md.includes(`    - [ ] [${id}](https://example.org/guide/concepts/metrics/#quiz-${id})`));
  assert.ok(md.includes("## Did not fit"));
  assert.ok(md.endsWith("\n"));
  // From the offline site the links resolve against the file:// page.
  const offline = pb.toMarkdown(p, "file:///home/me/guide/plans/builder/index.html");
  assert.ok(offline.includes("(file:///home/me/guide/concepts/metrics/#tldr)"));
});

test("iCalendar text values escape backslash, semicolon, comma and newlines", () => {
  assert.equal(pb.icsEscape("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
  assert.equal(pb.icsEscape("plain: text"), "plain: text");
});

test("iCalendar lines fold at 75 octets without splitting a UTF-8 character", () => {
  const utf8 = (s) => Buffer.byteLength(s, "utf8");
  const ascii = "DESCRIPTION:" + "x".repeat(200);
  const folded = pb.icsFold(ascii);
  const parts = folded.split("\r\n");
  assert.ok(parts.length === 3);
  assert.equal(utf8(parts[0]), 75);
  assert.ok(parts.slice(1).every((p) => p.startsWith(" ") && utf8(p) <= 75));
  assert.equal(folded.replace(/\r\n /g, ""), ascii); // unfolding gives the line back
  const wide = "SUMMARY:" + "é€😀".repeat(30);
  const wideParts = pb.icsFold(wide).split("\r\n");
  for (const p of wideParts) {
    assert.ok(utf8(p) <= 75, `${utf8(p)} octets`);
    assert.ok(!/[\uD800-\uDBFF]$/.test(p), "a surrogate pair was split");
  }
  assert.equal(pb.icsFold(wide).replace(/\r\n /g, ""), wide);
  assert.equal(pb.icsFold("SHORT:line"), "SHORT:line");
});

test("iCalendar: one all-day event per session, CRLF, stable unique UIDs, DTSTAMP", () => {
  const id = bySlug.metrics.quiz_ids[0];
  const p = plan({ weeks: 2, hours: 3, weak: ["metrics"] }, { quiz: missedStore([id]) });
  const ics = pb.toICS(p, BASE, BASE + "?weeks=2&hours=3&weak=metrics&start=2026-12-07", Date.UTC(2026, 11, 1, 9, 30, 5));
  assert.ok(ics.endsWith("\r\n"));
  assert.ok(!/[^\r]\n/.test(ics), "a bare LF");
  const physical = ics.split("\r\n").slice(0, -1);
  assert.ok(physical.every((l) => Buffer.byteLength(l, "utf8") <= 75));
  const lines = ics.replace(/\r\n /g, "").split("\r\n").slice(0, -1); // unfolded
  assert.deepEqual(lines.slice(0, 2), ["BEGIN:VCALENDAR", "VERSION:2.0"]);
  assert.equal(lines.at(-1), "END:VCALENDAR");
  assert.ok(lines.some((l) => l.startsWith("PRODID:")));
  assert.equal(lines.filter((l) => l === "BEGIN:VEVENT").length, p.sessions.length);
  assert.equal(lines.filter((l) => l === "END:VEVENT").length, p.sessions.length);
  const uids = lines.filter((l) => l.startsWith("UID:"));
  assert.equal(new Set(uids).size, uids.length);
  assert.ok(uids.every((u) => u.endsWith("@ml-interview-guide")));
  assert.deepEqual(lines.filter((l) => l.startsWith("DTSTAMP:")), p.sessions.map(() => "DTSTAMP:20261201T093005Z"));
  assert.deepEqual(lines.filter((l) => l.startsWith("DTSTART")), p.sessions.map((s) => "DTSTART;VALUE=DATE:" + s.date.replace(/-/g, "")));
  assert.deepEqual(lines.filter((l) => l.startsWith("DTEND")), p.sessions.map((s) => "DTEND;VALUE=DATE:" + pb.addDays(s.date, 1).replace(/-/g, "")));
  const description = lines.find((l) => l.startsWith("DESCRIPTION:"));
  assert.match(description, /https:\/\/example\.org\/guide\/concepts\/bias-variance\/#tldr/);
  assert.match(description, /\\n- /); // items on their own lines, escaped
  assert.ok(ics.includes("SUMMARY:ML interview study: week 1\\, session 1"));
  const review = lines.find((l) => l.startsWith("DESCRIPTION:") && l.includes("#quiz-" + id));
  assert.ok(review, "the missed question's link is in a review session");
  // Stable: the same inputs later give the same UIDs; other inputs give others.
  const again = pb.toICS(p, BASE, "", Date.UTC(2027, 0, 1));
  assert.deepEqual(again.split("\r\n").filter((l) => l.startsWith("UID:")), uids);
  const other = pb.toICS(plan({ weeks: 2, hours: 4, weak: ["metrics"] }), BASE, "", 0);
  assert.ok(!other.split("\r\n").some((l) => uids.includes(l)));
  assert.equal(pb.fileName(p, "ics"), "ml-interview-study-plan-2026-12-07.ics");
});
