// The progress layer (docs/assets/javascripts/progress.js) in Node: the two localStorage stores,
// the Leitner schedule on local calendar days, and the progress file's export, strict import and
// merge. Run with `node --test tests/js/` (tests/test_plan_builder_js.py runs it under pytest).
// localStorage and document are fakes on the global object; the clock is passed in as `now`.
"use strict";

// Local dates are the point of these tests: pin a zone with a DST change (Node applies TZ when it
// is set, and each test file runs in its own process, so other files are not affected).
process.env.TZ = "Europe/Berlin";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const pg = require(path.join(__dirname, "..", "..", "docs", "assets", "javascripts", "progress.js"));

const QUIZ = "ml-interview-guide:quiz";
const PLANS = "ml-interview-guide:plans";

function fakeStorage(initial) {
  const data = new Map(Object.entries(initial || {}));
  return {
    data,
    getItem: (k) => (data.has(k) ? data.get(k) : null),
    setItem: (k, v) => { data.set(k, String(v)); },
    removeItem: (k) => { data.delete(k); },
  };
}

function useStorage(initial) {
  const storage = fakeStorage(initial);
  global.localStorage = storage;
  return storage;
}

const blocked = {
  getItem() { throw new Error("SecurityError"); },
  setItem() { throw new Error("SecurityError"); },
  removeItem() { throw new Error("SecurityError"); },
};

// A local time in the pinned zone (months from 1).
const at = (y, m, d, h = 12, min = 0) => new Date(y, m - 1, d, h, min);
const rec = (fields) => ({ answered: true, correct: true, attempts: 1, lastSeen: "2026-12-01T10:00:00.000Z", ...fields });
const quizStore = (questions) => JSON.stringify({ version: 1, questions });
const planStore = (done) => JSON.stringify({ version: 1, done });

// -- Dates ---------------------------------------------------------------------------------------
test("addDays works on calendar days: month and year ends, leap days, DST changes", () => {
  assert.equal(pg.addDays("2026-01-31", 1), "2026-02-01");
  assert.equal(pg.addDays("2026-12-31", 1), "2027-01-01");
  assert.equal(pg.addDays("2026-03-01", -1), "2026-02-28");
  assert.equal(pg.addDays("2028-02-28", 1), "2028-02-29"); // a leap day
  assert.equal(pg.addDays("2028-02-29", 1), "2028-03-01");
  assert.equal(pg.addDays("2028-03-01", -1), "2028-02-29");
  assert.equal(pg.addDays("2026-03-28", 1), "2026-03-29"); // Europe springs forward on the 29th
  assert.equal(pg.addDays("2026-03-29", 1), "2026-03-30");
  assert.equal(pg.addDays("2026-10-24", 2), "2026-10-26"); // and falls back on the 25th
  assert.equal(pg.addDays("2026-12-20", 16), "2027-01-05");
  assert.throws(() => pg.addDays("2026-02-30", 1));
});

test("localDate is the reader's calendar day, not UTC's", () => {
  assert.equal(pg.localDate(at(2026, 3, 29, 0, 30)), "2026-03-29"); // the night of the DST change
  assert.equal(pg.localDate(at(2026, 3, 29, 23, 59)), "2026-03-29"); // a 23-hour day
  assert.equal(pg.localDate(at(2028, 2, 29, 8)), "2028-02-29");
  assert.equal(pg.localDate(new Date("2026-12-31T23:30:00Z")), "2027-01-01"); // 00:30 in Berlin
  const zone = process.env.TZ;
  try {
    process.env.TZ = "Asia/Tokyo";
    const late = new Date("2026-12-06T15:30:00Z"); // 00:30 on the 7th in Tokyo
    assert.equal(pg.localDate(late), "2026-12-07");
    // A miss at 00:30 in Tokyo is due on the new day, which is "today" there.
    assert.deepEqual(pick(pg.schedule(undefined, false, late)), { box: 1, due: "2026-12-07" });
  } finally {
    process.env.TZ = zone;
  }
  assert.equal(pg.localDate(new Date("2026-12-06T15:30:00Z")), "2026-12-06");
});

// -- Leitner rules -------------------------------------------------------------------------------
const pick = (r) => ({ box: r.box, due: r.due });

test("INTERVALS are 1, 2, 4, 8 and 16 days", () => {
  assert.deepEqual(pg.INTERVALS, [1, 2, 4, 8, 16]);
});

test("a new card: right goes to box 1 due tomorrow, wrong to box 1 due today", () => {
  const now = at(2026, 12, 6, 9);
  const right = pg.schedule(undefined, true, now);
  assert.deepEqual(right, { answered: true, correct: true, attempts: 1, lastSeen: now.toISOString(), box: 1, due: "2026-12-07" });
  const wrong = pg.schedule(undefined, false, now);
  assert.deepEqual(wrong, { answered: true, correct: false, attempts: 1, lastSeen: now.toISOString(), box: 1, due: "2026-12-06" });
});

test("a wrong answer sends any card back to box 1, due today, even before it is due", () => {
  const card = rec({ box: 4, due: "2026-12-20", attempts: 5, lastSeen: at(2026, 12, 1).toISOString() });
  const r = pg.schedule(card, false, at(2026, 12, 6));
  assert.deepEqual(pick(r), { box: 1, due: "2026-12-06" });
  assert.equal(r.attempts, 6);
  assert.equal(r.correct, false);
  assert.equal(pg.cardState(r, "2026-12-06").isDue, true);
});

test("right on a due card moves it up one box and rests it that box's interval", () => {
  const card = rec({ box: 2, due: "2026-12-06", lastSeen: at(2026, 12, 4).toISOString() });
  assert.deepEqual(pick(pg.schedule(card, true, at(2026, 12, 6))), { box: 3, due: "2026-12-10" });
  // Overdue counts as due: the interval starts today, not from the old due date.
  assert.deepEqual(pick(pg.schedule(card, true, at(2026, 12, 20))), { box: 3, due: "2026-12-24" });
});

test("right again the same day after a miss is relearning: the box stays", () => {
  const t0 = at(2026, 12, 6, 10);
  const missed = pg.schedule(rec({ box: 3, due: "2026-12-06", lastSeen: at(2026, 12, 2).toISOString() }), false, t0);
  assert.deepEqual(pick(missed), { box: 1, due: "2026-12-06" });
  const again = pg.schedule(missed, true, at(2026, 12, 6, 10, 5));
  assert.deepEqual(pick(again), { box: 1, due: "2026-12-07" });
  // The next day it is recall again, and moves up.
  assert.deepEqual(pick(pg.schedule(again, true, at(2026, 12, 7, 8))), { box: 2, due: "2026-12-09" });
  // Missed late in the evening, right after midnight: a new day, so it moves up.
  const late = pg.schedule(undefined, false, at(2026, 12, 6, 23, 50));
  assert.deepEqual(pick(pg.schedule(late, true, at(2026, 12, 7, 0, 10))), { box: 2, due: "2026-12-09" });
});

test("right before a card is due changes neither its box nor its due date", () => {
  const card = rec({ box: 3, due: "2026-12-10", attempts: 3, lastSeen: at(2026, 12, 6).toISOString() });
  const r = pg.schedule(card, true, at(2026, 12, 8));
  assert.deepEqual(pick(r), { box: 3, due: "2026-12-10" });
  assert.equal(r.attempts, 4);
  assert.equal(r.lastSeen, at(2026, 12, 8).toISOString());
});

test("box 5 is the top: a due card there stays and rests 16 days", () => {
  const card = rec({ box: 5, due: "2026-12-06", lastSeen: at(2026, 11, 20).toISOString() });
  assert.deepEqual(pick(pg.schedule(card, true, at(2026, 12, 6))), { box: 5, due: "2026-12-22" });
});

test("legacy records (no box) are box 1, due the day of a miss or the day after a right answer", () => {
  const wrong = { answered: true, correct: false, attempts: 2, lastSeen: at(2026, 12, 3, 18).toISOString() };
  const right = { answered: true, correct: true, attempts: 1, lastSeen: at(2026, 12, 3, 18).toISOString() };
  assert.deepEqual(pg.cardState(wrong, "2026-12-06"), { box: 1, due: "2026-12-03", isDue: true, isNew: false });
  assert.deepEqual(pg.cardState(right, "2026-12-03"), { box: 1, due: "2026-12-04", isDue: false, isNew: false });
  assert.deepEqual(pg.cardState(right, "2026-12-04").isDue, true);
  // Dated by the local day: 23:30 UTC on the 3rd is the 4th in Berlin.
  const nightOwl = { answered: true, correct: false, attempts: 1, lastSeen: "2026-12-03T23:30:00.000Z" };
  assert.equal(pg.cardState(nightOwl, "2026-12-06").due, "2026-12-04");
  // A bare date (as the plan builder's tests write) is taken as that day.
  assert.equal(pg.cardState({ ...wrong, lastSeen: "2026-12-01" }, "2026-12-06").due, "2026-12-01");
  // Scheduling a legacy card fills in its box and due date.
  assert.deepEqual(pick(pg.schedule(right, true, at(2026, 12, 6))), { box: 2, due: "2026-12-08" });
  assert.deepEqual(pick(pg.schedule(right, true, at(2026, 12, 3, 20))), { box: 1, due: "2026-12-04" }); // not due yet
  assert.deepEqual(pick(pg.schedule(wrong, true, at(2026, 12, 3, 20))), { box: 1, due: "2026-12-04" }); // relearning
});

test("cardState of a card never answered: new, box 0, not due", () => {
  assert.deepEqual(pg.cardState(undefined, "2026-12-06"), { box: 0, due: null, isDue: false, isNew: true });
});

test("40 days of right answers on each due day: boxes 1 to 5, resting 1, 2, 4, 8, 16, 16 days", () => {
  let card;
  const start = "2026-12-20"; // runs over the year end
  const log = [];
  for (let day = 0; day <= 40; day++) {
    const today = pg.addDays(start, day);
    const [y, m, d] = today.split("-").map(Number);
    const state = pg.cardState(card, today);
    if (state.isNew || state.isDue) {
      card = pg.schedule(card, true, at(y, m, d, 9));
      log.push({ day, box: card.box, rest: dayDiff(today, card.due) });
    }
  }
  assert.deepEqual(log, [
    { day: 0, box: 1, rest: 1 },
    { day: 1, box: 2, rest: 2 },
    { day: 3, box: 3, rest: 4 },
    { day: 7, box: 4, rest: 8 },
    { day: 15, box: 5, rest: 16 },
    { day: 31, box: 5, rest: 16 },
  ]);
  assert.equal(card.attempts, 6);
});

function dayDiff(a, b) {
  return Math.round((Date.parse(b + "T00:00:00Z") - Date.parse(a + "T00:00:00Z")) / 86400000);
}

// -- Stores --------------------------------------------------------------------------------------
test("record() loads, schedules, saves, returns the record and tells the page", () => {
  const storage = useStorage();
  const events = [];
  global.document = new EventTarget();
  document.addEventListener("ml-guide:progress", (e) => events.push(e.detail));
  try {
    const first = pg.record("ensembles-forest-overfit", false, at(2026, 12, 6, 10));
    assert.deepEqual(pick(first), { box: 1, due: "2026-12-06" });
    const second = pg.record("ensembles-forest-overfit", true, at(2026, 12, 6, 10, 1));
    assert.equal(second.attempts, 2);
    const stored = JSON.parse(storage.getItem(QUIZ));
    assert.deepEqual(stored, { version: 1, questions: { "ensembles-forest-overfit": second } });
    assert.deepEqual(events, [
      { id: "ensembles-forest-overfit", record: first },
      { id: "ensembles-forest-overfit", record: second },
    ]);
  } finally {
    delete global.document;
  }
  const now = pg.record("metrics-auc", true); // the clock defaults to now
  assert.equal(now.due, pg.addDays(pg.localDate(new Date()), 1));
});

test("loading drops bad records, including bad box or due, and discards a store of unknown shape", () => {
  const good = rec({});
  const boxed = rec({ box: 3, due: "2026-12-10" });
  const storage = useStorage({
    [QUIZ]: quizStore({
      good, boxed,
      box0: rec({ box: 0, due: "2026-12-10" }),
      box6: rec({ box: 6, due: "2026-12-10" }),
      boxHalf: rec({ box: 2.5, due: "2026-12-10" }),
      dueBad: rec({ box: 2, due: "2026-02-30" }),
      dueTime: rec({ box: 2, due: "2026-12-10T00:00:00Z" }),
      boxAlone: rec({ box: 2 }),
      dueAlone: rec({ due: "2026-12-10" }),
      negative: rec({ attempts: -1 }),
      seen: rec({ lastSeen: "yesterday" }),
      answered: rec({ answered: "yes" }),
      notObject: 3,
    }),
  });
  assert.deepEqual(pg.loadQuestions(), { version: 1, questions: { good, boxed } });
  for (const bad of ["{not json", JSON.stringify({ version: 0, questions: {} }), "[]", JSON.stringify({ version: 1, questions: [] })]) {
    storage.setItem(QUIZ, bad);
    assert.deepEqual(pg.loadQuestions(), { version: 1, questions: {} });
    assert.equal(storage.getItem(QUIZ), null); // removed, as before
  }
});

test("forget() removes only the given ids", () => {
  const storage = useStorage({ [QUIZ]: quizStore({ a: rec({}), b: rec({}), c: rec({}) }) });
  pg.forget(["a", "c", "missing"]);
  assert.deepEqual(Object.keys(JSON.parse(storage.getItem(QUIZ)).questions), ["b"]);
});

test("plan ticks load and save in their own store", () => {
  const storage = useStorage({ [PLANS]: planStore({ "read:metrics#tldr": "2026-12-01T10:00:00.000Z", bad: 5, worse: "not a date" }) });
  assert.deepEqual(pg.loadPlans(), { "read:metrics#tldr": "2026-12-01T10:00:00.000Z" });
  assert.equal(pg.savePlans({ "quiz:metrics": "2026-12-02T10:00:00.000Z" }), true);
  assert.deepEqual(JSON.parse(storage.getItem(PLANS)), { version: 1, done: { "quiz:metrics": "2026-12-02T10:00:00.000Z" } });
  storage.setItem(PLANS, "{oops");
  assert.deepEqual(pg.loadPlans(), {});
});

test("blocked or full storage never throws", () => {
  global.localStorage = blocked;
  assert.deepEqual(pg.loadQuestions(), { version: 1, questions: {} });
  assert.deepEqual(pg.loadPlans(), {});
  assert.equal(pg.saveQuestions({ version: 1, questions: {} }), false);
  assert.equal(pg.savePlans({}), false);
  assert.equal(pg.record("x", true, at(2026, 12, 6)).box, 1);
  pg.forget(["x"]);
  assert.equal(pg.exportData(at(2026, 12, 6)).stores.quiz.questions.x, undefined);
  const file = JSON.stringify(exportOf({ x: rec({}) }, {}));
  const counts = pg.importData(pg.parseImport(file).data);
  assert.equal(counts.saved, false);
  assert.equal(pg.describeImport(counts), "The progress could not be saved: this browser's storage is blocked or full.");
});

// -- Export and import ---------------------------------------------------------------------------
function exportOf(questions, done, extra) {
  return {
    format: "ml-interview-guide-progress", version: 1, exported: "2026-12-06T10:00:00.000Z",
    stores: { quiz: { version: 1, questions }, plans: { version: 1, done } }, ...extra,
  };
}

test("export holds both stores; import into an empty browser restores them exactly", () => {
  const questions = { "ensembles-forest-overfit": rec({ box: 2, due: "2026-12-08" }), "metrics-auc": rec({ correct: false }) };
  const done = { "read:metrics#tldr": "2026-12-01T10:00:00.000Z" };
  useStorage({ [QUIZ]: quizStore(questions), [PLANS]: planStore(done) });
  const now = at(2026, 12, 6, 0, 30);
  const data = pg.exportData(now);
  assert.deepEqual(data, {
    format: "ml-interview-guide-progress", version: 1, exported: now.toISOString(),
    stores: { quiz: { version: 1, questions }, plans: { version: 1, done }, mock: { version: 1, questions: {}, sessions: [] } },
  });
  assert.equal(pg.exportFileName(now), "ml-interview-guide-progress-2026-12-06.json"); // local day
  const text = JSON.stringify(data, null, 2);

  const other = useStorage();
  const parsed = pg.parseImport(text);
  assert.equal(parsed.ok, true);
  const counts = pg.importData(parsed.data);
  assert.deepEqual(counts, { questionsAdded: 2, questionsUpdated: 0, questionsKept: 0, planTicksAdded: 1, planTicksKept: 0, mockSessionsAdded: 0, saved: true });
  assert.deepEqual(JSON.parse(other.getItem(QUIZ)), { version: 1, questions });
  assert.deepEqual(JSON.parse(other.getItem(PLANS)), { version: 1, done });
  assert.deepEqual(pg.exportData(now), data);
  assert.equal(pg.describeImport(counts), "Imported 2 questions and 1 plan tick.");
  // Importing the same file again changes nothing.
  const again = pg.importData(parsed.data);
  assert.deepEqual(again, { questionsAdded: 0, questionsUpdated: 0, questionsKept: 2, planTicksAdded: 0, planTicksKept: 1, mockSessionsAdded: 0, saved: true });
  assert.equal(pg.describeImport(again), "Nothing new to import: this browser already has everything in the file. " +
    "Kept this browser's answers to 2 questions, as recent as the file's or more.");
});

test("merge: the later lastSeen wins per question, a tie keeps this browser's; ticks united, earlier date wins", () => {
  const mine = {
    older: rec({ lastSeen: "2026-12-01T10:00:00.000Z", correct: false, box: 1, due: "2026-12-01" }),
    newer: rec({ lastSeen: "2026-12-05T10:00:00.000Z", box: 3, due: "2026-12-09" }),
    tie: rec({ lastSeen: "2026-12-03T10:00:00.000Z", attempts: 7 }),
    onlyHere: rec({}),
  };
  const theirs = {
    older: rec({ lastSeen: "2026-12-04T10:00:00.000Z", box: 2, due: "2026-12-06" }),
    newer: rec({ lastSeen: "2026-12-02T10:00:00.000Z", correct: false }),
    tie: rec({ lastSeen: "2026-12-03T11:00:00.000+01:00", attempts: 1 }), // the same instant
    onlyThere: rec({ box: 1, due: "2026-12-07" }),
  };
  const storage = useStorage({
    [QUIZ]: quizStore(mine),
    [PLANS]: planStore({ a: "2026-12-03T10:00:00.000Z", b: "2026-12-01T10:00:00.000Z", here: "2026-12-01T10:00:00.000Z" }),
  });
  const file = exportOf(theirs, { a: "2026-12-02T10:00:00.000Z", b: "2026-12-02T10:00:00.000Z", there: "2026-12-04T10:00:00.000Z" });
  const parsed = pg.parseImport(JSON.stringify(file));
  assert.equal(parsed.ok, true, parsed.error);
  const counts = pg.importData(parsed.data);
  assert.deepEqual(counts, { questionsAdded: 1, questionsUpdated: 1, questionsKept: 2, planTicksAdded: 1, planTicksKept: 2, mockSessionsAdded: 0, saved: true });
  assert.deepEqual(JSON.parse(storage.getItem(QUIZ)).questions, {
    older: theirs.older, newer: mine.newer, tie: mine.tie, onlyHere: mine.onlyHere, onlyThere: theirs.onlyThere,
  });
  assert.deepEqual(JSON.parse(storage.getItem(PLANS)).done, {
    a: "2026-12-02T10:00:00.000Z", b: "2026-12-01T10:00:00.000Z", here: "2026-12-01T10:00:00.000Z", there: "2026-12-04T10:00:00.000Z",
  });
  assert.equal(pg.describeImport(counts), "Imported 2 questions (1 newer than here) and 1 plan tick. " +
    "Kept this browser's answers to 2 questions, as recent as the file's or more.");
  assert.equal(pg.describeImport({ questionsAdded: 9, questionsUpdated: 3, questionsKept: 0, planTicksAdded: 4, planTicksKept: 0, saved: true }),
    "Imported 12 questions (3 newer than here) and 4 plan ticks.");
  assert.equal(pg.describeImport({ questionsAdded: 0, questionsUpdated: 0, questionsKept: 0, planTicksAdded: 1, planTicksKept: 0, saved: true }),
    "Imported no questions and 1 plan tick.");
});

test("import tells the page, like record()", () => {
  useStorage();
  const events = [];
  global.document = new EventTarget();
  document.addEventListener("ml-guide:progress", (e) => events.push(e.detail));
  try {
    const counts = pg.importData(pg.parseImport(JSON.stringify(exportOf({ a: rec({}) }, {}))).data);
    assert.deepEqual(events, [{ id: null, record: null, imported: counts }]);
  } finally {
    delete global.document;
  }
});

test("parseImport refuses bad files with one clear sentence, and a refused file changes nothing", () => {
  const questions = { "metrics-auc": rec({ box: 2, due: "2026-12-08" }) };
  const done = { "read:metrics#tldr": "2026-12-01T10:00:00.000Z" };
  const before = { [QUIZ]: quizStore(questions), [PLANS]: planStore(done) };
  const storage = useStorage(before);
  const good = exportOf({ "ensembles-forest-overfit": rec({}) }, { "quiz:metrics": "2026-12-02T10:00:00.000Z" });
  const withQuestion = (r) => exportOf({ "metrics-auc": rec({}), "ensembles-forest-overfit": r }, {});
  const cases = [
    ["", /^This file is not valid JSON \(.+\)\.$/],
    ["{not json", /^This file is not valid JSON \(.*JSON.*\)\.$/],
    ["[1, 2]", "This file does not hold a progress object, so it is not a progress file from this guide."],
    ["null", "This file does not hold a progress object, so it is not a progress file from this guide."],
    ['"text"', "This file does not hold a progress object, so it is not a progress file from this guide."],
    [{ ...good, format: "anki" }, "This is not a progress file from this guide."],
    [{ ...good, format: undefined }, "This is not a progress file from this guide."],
    [{ version: 1, questions: {} }, "This is not a progress file from this guide."], // the raw quiz store
    [{ ...good, version: 2 }, "This progress file was made by a newer version of the guide: reload the guide and try again."],
    [{ ...good, version: "1" }, 'This progress file has no valid "version".'],
    [{ ...good, stores: undefined }, 'The progress file has no "stores".'],
    [{ ...good, stores: { plans: good.stores.plans } }, 'The progress file has no quiz answers ("stores.quiz").'],
    [{ ...good, stores: { quiz: good.stores.quiz } }, 'The progress file has no plan ticks ("stores.plans").'],
    [{ ...good, stores: { ...good.stores, quiz: { version: 2, questions: {} } } },
      "This progress file was made by a newer version of the guide: reload the guide and try again."],
    [{ ...good, stores: { ...good.stores, quiz: { version: 1, questions: [] } } }, 'The quiz answers in the progress file have no "questions".'],
    [{ ...good, stores: { ...good.stores, plans: { version: 1 } } }, 'The plan ticks in the progress file have no "done".'],
    [withQuestion(rec({ attempts: -1 })), 'Question "ensembles-forest-overfit": "attempts" must be a whole number of 0 or more.'],
    [withQuestion(rec({ attempts: 1.5 })), 'Question "ensembles-forest-overfit": "attempts" must be a whole number of 0 or more.'],
    [withQuestion(rec({ attempts: "2" })), 'Question "ensembles-forest-overfit": "attempts" must be a whole number of 0 or more.'],
    [withQuestion(rec({ correct: 1 })), 'Question "ensembles-forest-overfit": "correct" must be true or false.'],
    [withQuestion(rec({ answered: null })), 'Question "ensembles-forest-overfit": "answered" must be true or false.'],
    [withQuestion(rec({ lastSeen: "2026-13-01T00:00:00Z" })), 'Question "ensembles-forest-overfit": "lastSeen" must be a valid date and time.'],
    [withQuestion(rec({ lastSeen: "1" })), 'Question "ensembles-forest-overfit": "lastSeen" must be a valid date and time.'],
    [withQuestion(rec({ box: 6, due: "2026-12-08" })), 'Question "ensembles-forest-overfit": "box" must be a whole number from 1 to 5.'],
    [withQuestion(rec({ box: 2, due: "2026-02-30" })), 'Question "ensembles-forest-overfit": "due" must be a valid date written as YYYY-MM-DD.'],
    [withQuestion(rec({ box: 2 })), 'Question "ensembles-forest-overfit": "box" and "due" must be given together.'],
    [withQuestion("right"), 'Question "ensembles-forest-overfit": the entry must be an object with the answer\'s fields.'],
    [exportOf({}, { "read:metrics#tldr": "2026-02-30T10:00:00Z" }), 'Plan item "read:metrics#tldr": the date is not a valid date.'],
    [exportOf({}, { "read:metrics#tldr": true }), 'Plan item "read:metrics#tldr": the date is not a valid date.'],
  ];
  for (const [input, expected] of cases) {
    const text = typeof input === "string" ? input : JSON.stringify(input);
    const result = pg.parseImport(text);
    assert.equal(result.ok, false, text);
    assert.equal(result.data, undefined);
    if (expected instanceof RegExp) assert.match(result.error, expected);
    else assert.equal(result.error, expected, text);
    // importData validates too, before writing anything.
    if (typeof input !== "string") assert.throws(() => pg.importData(input), { message: expected });
    assert.deepEqual(Object.fromEntries(storage.data), before, "a refused file changed the stores");
  }
  assert.match(pg.parseImport("{not json").error, /^This file is not valid JSON \(/);
  assert.equal(pg.parseImport(JSON.stringify(good)).ok, true);
  assert.deepEqual(Object.fromEntries(storage.data), before, "parsing alone must not write");
});

test("parseImport returns a clean copy: unknown fields are left out", () => {
  const file = exportOf({ a: { ...rec({}), extra: "x" } }, {}, { note: "hi" });
  const parsed = pg.parseImport(JSON.stringify(file));
  assert.deepEqual(parsed.data.stores.quiz.questions, { a: rec({}) });
  assert.equal(parsed.data.note, undefined);
});

// -- Mock interviews -----------------------------------------------------------------------------
const MOCK = "ml-interview-guide:mock";
const SLUGS = ["bias-variance", "metrics", "ensembles", "ab-testing"];

test("recordMock keeps each question's latest result and a per-chapter sum per session", () => {
  const storage = useStorage();
  const events = [];
  global.document = new EventTarget();
  document.addEventListener("ml-guide:progress", (e) => events.push(e.detail));
  const first = pg.recordMock([
    { id: "metrics-roc-vs-pr", chapter: "metrics", covered: 1, total: 3 },
    { id: "metrics-calibration", chapter: "metrics", covered: 3, total: 4 },
    { id: "ensembles-forest-overfit", chapter: "ensembles", covered: 0, total: 3 },
  ], 15, new Date("2026-12-06T10:00:00.000Z"));
  assert.equal(first.saved, true);
  assert.deepEqual(first.session, {
    finished: "2026-12-06T10:00:00.000Z", minutes: 15,
    concepts: { metrics: { covered: 4, total: 7 }, ensembles: { covered: 0, total: 3 } },
  });
  pg.recordMock([{ id: "metrics-roc-vs-pr", chapter: "metrics", covered: 3, total: 3 }], 15,
    new Date("2026-12-07T10:00:00.000Z"));
  const stored = JSON.parse(storage.getItem(MOCK));
  assert.equal(stored.version, 1);
  assert.deepEqual(stored.questions["metrics-roc-vs-pr"], { covered: 3, total: 3, lastSeen: "2026-12-07T10:00:00.000Z" });
  assert.equal(stored.sessions.length, 2);
  assert.deepEqual(events.map((e) => e.mock.finished), ["2026-12-06T10:00:00.000Z", "2026-12-07T10:00:00.000Z"]);
  assert.throws(() => pg.recordMock([{ id: "metrics-x", chapter: "metrics", covered: 4, total: 3 }], 15));
  delete global.document;
});

test("the mock store drops bad entries on load and keeps the most recent sessions", () => {
  const sessions = [];
  for (let i = 0; i < pg.MAX_SESSIONS + 5; i += 1) {
    sessions.push({ finished: new Date(Date.UTC(2026, 0, 1) + i * 3600e3).toISOString(), minutes: 15, concepts: { metrics: { covered: 1, total: 3 } } });
  }
  sessions.push({ finished: "not a date", minutes: 15, concepts: {} });
  useStorage({ [MOCK]: JSON.stringify({ version: 1, sessions, questions: {
    good: { covered: 2, total: 3, lastSeen: "2026-12-01T10:00:00.000Z" },
    tooMany: { covered: 4, total: 3, lastSeen: "2026-12-01T10:00:00.000Z" },
    noTotal: { covered: 0, total: 0, lastSeen: "2026-12-01T10:00:00.000Z" },
  } }) });
  const mock = pg.loadMock();
  assert.deepEqual(Object.keys(mock.questions), ["good"]);
  assert.equal(mock.sessions.length, pg.MAX_SESSIONS + 5);
  pg.recordMock([{ id: "metrics-x", chapter: "metrics", covered: 1, total: 3 }], 30, new Date("2027-06-01T00:00:00.000Z"));
  const saved = pg.loadMock().sessions;
  assert.equal(saved.length, pg.MAX_SESSIONS);
  assert.equal(saved[saved.length - 1].minutes, 30);
  useStorage({ [MOCK]: "{not json" });
  assert.deepEqual(pg.loadMock(), { version: 1, questions: {}, sessions: [] });
  global.localStorage = blocked;
  assert.deepEqual(pg.loadMock(), { version: 1, questions: {}, sessions: [] });
  assert.equal(pg.recordMock([{ id: "metrics-x", chapter: "metrics", covered: 1, total: 3 }], 15).saved, false);
});

test("conceptOf picks the longest slug that starts the id", () => {
  assert.equal(pg.conceptOf("ab-testing-peeking", ["ab", "ab-testing"]), "ab-testing");
  assert.equal(pg.conceptOf("bias-variance-bagging", SLUGS), "bias-variance");
  assert.equal(pg.conceptOf("metricsfoo-x", SLUGS), null);
});

test("concept scores average the quiz share right and the rubric share covered; weakest first", () => {
  useStorage({
    [QUIZ]: quizStore({
      "metrics-a": rec({ correct: true }), "metrics-b": rec({ correct: false }), // 1 of 2
      "ensembles-a": rec({ correct: true }), // 1 of 1
      "bias-variance-a": rec({ correct: false }), // 0 of 1
      "unknown-a": rec({ correct: false }),
    }),
    [MOCK]: JSON.stringify({ version: 1, sessions: [], questions: {
      "metrics-q": { covered: 3, total: 4, lastSeen: "2026-12-01T10:00:00.000Z" }, // 3 of 4
      "ab-testing-q": { covered: 1, total: 4, lastSeen: "2026-12-01T10:00:00.000Z" }, // 1 of 4
    } }),
  });
  const scores = pg.conceptScores(SLUGS);
  assert.deepEqual(scores.metrics, { answered: 2, correct: 1, covered: 3, points: 4, score: (0.5 + 0.75) / 2 });
  assert.equal(scores.ensembles.score, 1);
  assert.equal(scores["bias-variance"].score, 0);
  assert.equal(scores["ab-testing"].score, 0.25);
  assert.deepEqual(pg.weakestConcepts(SLUGS, 3), ["bias-variance", "ab-testing", "metrics"]);
  assert.deepEqual(pg.weakestConcepts(SLUGS, 9), ["bias-variance", "ab-testing", "metrics", "ensembles"]);
  useStorage();
  assert.deepEqual(pg.weakestConcepts(SLUGS, 3), []); // no evidence, no "weakest"
});

test("mock results travel in the progress file: validated, merged per question, sessions united", () => {
  const here = { questions: { q: { covered: 1, total: 3, lastSeen: "2026-12-01T10:00:00.000Z" } },
    sessions: [{ finished: "2026-12-01T10:00:00.000Z", minutes: 15, concepts: { metrics: { covered: 1, total: 3 } } }] };
  const storage = useStorage({ [MOCK]: JSON.stringify({ version: 1, ...here }) });
  const file = pg.exportData(new Date("2026-12-06T10:00:00.000Z"));
  assert.deepEqual(file.stores.mock, { version: 1, ...here });
  file.stores.mock.questions.q = { covered: 3, total: 3, lastSeen: "2026-12-02T10:00:00.000Z" };
  file.stores.mock.sessions.push({ finished: "2026-12-02T10:00:00.000Z", minutes: 30, concepts: { metrics: { covered: 3, total: 3 } } });
  const parsed = pg.parseImport(JSON.stringify(file));
  assert.equal(parsed.ok, true, parsed.error);
  const counts = pg.importData(parsed.data);
  assert.equal(counts.mockSessionsAdded, 1);
  const mock = JSON.parse(storage.getItem(MOCK));
  assert.deepEqual(mock.questions.q, { covered: 3, total: 3, lastSeen: "2026-12-02T10:00:00.000Z" });
  assert.deepEqual(mock.sessions.map((s) => s.minutes), [15, 30]);
  assert.equal(pg.describeImport(counts), "Imported no questions, no plan ticks and 1 mock interview.");
  assert.equal(pg.importData(parsed.data).mockSessionsAdded, 0); // the same file again
  // A file from before the mock page (no stores.mock) is still valid and changes no mock result.
  delete file.stores.mock;
  assert.equal(pg.parseImport(JSON.stringify(file)).ok, true);
  // A bad mock entry refuses the whole file with a sentence naming it.
  const bad = pg.exportData(new Date("2026-12-06T10:00:00.000Z"));
  bad.stores.mock.questions.q.covered = 9;
  assert.deepEqual(pg.parseImport(JSON.stringify(bad)), { ok: false, error: 'Mock question "q": "covered" must be a whole number from 0 to "total".' });
  bad.stores.mock.questions.q.covered = 1;
  bad.stores.mock.sessions[0].minutes = 0;
  assert.deepEqual(pg.parseImport(JSON.stringify(bad)), { ok: false, error: 'Mock interview 1: "minutes" must be a whole number of 1 or more.' });
});
