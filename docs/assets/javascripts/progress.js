/* Reader progress: the two localStorage stores, spaced review (Leitner boxes), export and import.
 *
 * Stores (this script owns both; quiz.js, plans.js and the review page go through it):
 *  - "ml-interview-guide:quiz" = {version: 1, questions: {<id>: {answered, correct, attempts,
 *    lastSeen: ISO date-time, box?: 1..5, due?: "YYYY-MM-DD" (local calendar day)}}}. Quiz
 *    questions and follow-up questions (self-graded flashcards) share the id space. A record
 *    without box/due is a legacy one, written before the review page existed.
 *  - "ml-interview-guide:plans" = {version: 1, done: {<plan item key>: ISO date-time}}.
 *  Bad records are dropped on load (a store of unknown shape is discarded); storage that is
 *  blocked or full never throws: the pages keep working without persistence.
 *
 * Leitner rule (schedule): box n rests INTERVALS[n-1] days. Wrong: box 1, due today. Right on a
 * new card: box 1, due tomorrow. Right on a due card: up one box (at most 5), unless it was last
 * answered today (relearning after a miss: same box); due = today + the box's interval. Right
 * before it is due: nothing moves. Days are the reader's local calendar days.
 *
 * Why Leitner and not SM-2: our answers are binary (an auto-graded quiz, an honest self-grade),
 * while SM-2 wants a 0-5 quality grade and keeps an ease factor per card that takes many reviews
 * to settle. Leitner keeps one small integer per card: easy to explain, to export and to merge.
 *
 * Export/import: one JSON file holding both stores; import validates everything before writing
 * anything, then merges (per question the later lastSeen wins, plan ticks are united). No
 * dependencies; in Node (tests/js/progress.test.js) it is a module using global localStorage.
 */
(function (root) {
  "use strict";

  var QUIZ_KEY = "ml-interview-guide:quiz";
  var PLANS_KEY = "ml-interview-guide:plans";
  var STORE_VERSION = 1;
  var FORMAT = "ml-interview-guide-progress";
  var FORMAT_VERSION = 1;
  var INTERVALS = [1, 2, 4, 8, 16]; // days a card rests in boxes 1..5
  var MAX_BOX = INTERVALS.length;
  var EVENT = "ml-guide:progress";

  function storage() {
    // Looked up on every call: blocked storage throws on access, and tests swap it.
    var scope = typeof window !== "undefined" ? window : root;
    return scope.localStorage;
  }

  function own(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  }

  function isPlainObject(x) {
    return x !== null && typeof x === "object" && !Array.isArray(x);
  }

  // -- Local calendar days ("YYYY-MM-DD") ------------------------------------------------------
  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function localDate(date) {
    date = date || new Date();
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  function parseDay(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof text === "string" ? text : "");
    if (!m) return null;
    var y = +m[1], mo = +m[2], d = +m[3];
    var check = new Date(Date.UTC(y, mo - 1, d));
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
      return null; // 2026-02-30 and the like
    }
    return { y: y, m: mo, d: d };
  }

  function isDay(text) {
    return parseDay(text) !== null;
  }

  function addDays(day, n) {
    // Calendar arithmetic on y/m/d (UTC has no DST): a day is always a day.
    var p = parseDay(day);
    if (!p) throw new Error("not a date: " + day);
    var t = new Date(Date.UTC(p.y, p.m - 1, p.d + n));
    return t.getUTCFullYear() + "-" + pad(t.getUTCMonth() + 1) + "-" + pad(t.getUTCDate());
  }

  // An ISO 8601 date or date-time ("2026-12-01", "2026-12-01T09:30:00.000Z"), a real day.
  var TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

  function isTimestamp(text) {
    var m = typeof text === "string" ? TIMESTAMP.exec(text) : null;
    return !!m && isDay(m[1]) && !isNaN(Date.parse(text));
  }

  function seenDay(lastSeen) {
    // The local day of an answer; a bare date (older stores, hand-made files) is taken as is.
    return isDay(lastSeen) ? lastSeen : localDate(new Date(lastSeen));
  }

  // -- Records ---------------------------------------------------------------------------------
  // Why a record is invalid, as the end of a sentence naming it, or "" when it is valid.
  function recordProblem(r) {
    if (!isPlainObject(r)) return "the entry must be an object with the answer's fields.";
    if (typeof r.answered !== "boolean") return '"answered" must be true or false.';
    if (typeof r.correct !== "boolean") return '"correct" must be true or false.';
    if (typeof r.attempts !== "number" || !isFinite(r.attempts) || r.attempts < 0 ||
        Math.floor(r.attempts) !== r.attempts) {
      return '"attempts" must be a whole number of 0 or more.';
    }
    if (!isTimestamp(r.lastSeen)) return '"lastSeen" must be a valid date and time.';
    var hasBox = own(r, "box"), hasDue = own(r, "due");
    if (hasBox !== hasDue) return '"box" and "due" must be given together.';
    if (hasBox) {
      if (typeof r.box !== "number" || Math.floor(r.box) !== r.box || r.box < 1 || r.box > MAX_BOX) {
        return '"box" must be a whole number from 1 to ' + MAX_BOX + ".";
      }
      if (!isDay(r.due)) return '"due" must be a valid date written as YYYY-MM-DD.';
    }
    return "";
  }

  function copyRecord(r) {
    var out = { answered: r.answered, correct: r.correct, attempts: r.attempts, lastSeen: r.lastSeen };
    if (own(r, "box")) { out.box = r.box; out.due = r.due; }
    return out;
  }

  function emptyQuestions() {
    return { version: STORE_VERSION, questions: {} };
  }

  // -- Quiz store ------------------------------------------------------------------------------
  function loadQuestions() {
    var raw;
    try {
      raw = storage().getItem(QUIZ_KEY);
    } catch (e) {
      return emptyQuestions(); // storage blocked: quizzes still work, progress is not kept
    }
    if (!raw) return emptyQuestions();
    try {
      var data = JSON.parse(raw);
      if (!isPlainObject(data) || data.version !== STORE_VERSION || !isPlainObject(data.questions)) {
        throw new Error("unknown shape");
      }
      var clean = emptyQuestions();
      Object.keys(data.questions).forEach(function (id) {
        if (id !== "__proto__" && !recordProblem(data.questions[id])) {
          clean.questions[id] = copyRecord(data.questions[id]);
        }
      });
      return clean;
    } catch (e) {
      try { storage().removeItem(QUIZ_KEY); } catch (ignored) { /* blocked */ }
      return emptyQuestions();
    }
  }

  function saveQuestions(store) {
    try {
      storage().setItem(QUIZ_KEY, JSON.stringify({ version: STORE_VERSION, questions: store.questions }));
      return true;
    } catch (e) {
      return false; // full or blocked: keep going without persistence
    }
  }

  function forget(ids) {
    var store = loadQuestions();
    ids.forEach(function (id) { delete store.questions[id]; });
    saveQuestions(store);
  }

  // -- Plans store -----------------------------------------------------------------------------
  function loadPlans() {
    try {
      var raw = storage().getItem(PLANS_KEY);
      if (!raw) return {};
      var data = JSON.parse(raw);
      if (!isPlainObject(data) || data.version !== STORE_VERSION || !isPlainObject(data.done)) {
        throw new Error("unknown plan store");
      }
      var done = {};
      Object.keys(data.done).forEach(function (key) {
        if (key !== "__proto__" && isTimestamp(data.done[key])) done[key] = data.done[key];
      });
      return done;
    } catch (e) {
      return {}; // blocked storage or corrupt data: plans still read, progress is not kept
    }
  }

  function savePlans(done) {
    try {
      storage().setItem(PLANS_KEY, JSON.stringify({ version: STORE_VERSION, done: done }));
      return true;
    } catch (e) {
      return false; // full or blocked: keep going without persistence
    }
  }

  // -- Leitner scheduling ----------------------------------------------------------------------
  // {box, due, isDue, isNew}: a card never answered is new (box 0, due null, not due); a legacy
  // record (no box) is box 1, due the day of a wrong answer or the day after a right one.
  function cardState(record, today) {
    today = today || localDate(new Date());
    if (!record) return { box: 0, due: null, isDue: false, isNew: true };
    var box = record.box, due = record.due;
    if (typeof box !== "number" || !isDay(due)) {
      box = 1;
      due = record.correct ? addDays(seenDay(record.lastSeen), 1) : seenDay(record.lastSeen);
    }
    return { box: box, due: due, isDue: due <= today, isNew: false };
  }

  function schedule(record, correct, now) {
    now = now || new Date();
    var today = localDate(now);
    var box, due;
    if (!correct) {
      box = 1;
      due = today; // a miss is due again today
    } else if (!record) {
      box = 1;
      due = addDays(today, 1);
    } else {
      var state = cardState(record, today);
      if (state.isDue) {
        // Right again on the day it was last answered (after a miss) is relearning, not recall.
        box = seenDay(record.lastSeen) === today ? state.box : Math.min(state.box + 1, MAX_BOX);
        due = addDays(today, INTERVALS[box - 1]);
      } else {
        box = state.box; // reviewing early does not count
        due = state.due;
      }
    }
    return {
      answered: true,
      correct: !!correct,
      attempts: (record && typeof record.attempts === "number" ? record.attempts : 0) + 1,
      lastSeen: now.toISOString(),
      box: box,
      due: due,
    };
  }

  function notify(detail) {
    try {
      if (typeof document !== "undefined" && typeof CustomEvent === "function") {
        document.dispatchEvent(new CustomEvent(EVENT, { detail: detail }));
      }
    } catch (e) { /* a listener's error must not stop the answer being recorded */ }
  }

  function record(id, correct, now) {
    var store = loadQuestions();
    var rec = schedule(store.questions[id], correct, now || new Date());
    store.questions[id] = rec;
    saveQuestions(store);
    notify({ id: id, record: rec });
    return rec;
  }

  // -- Export ----------------------------------------------------------------------------------
  function exportData(now) {
    now = now || new Date();
    return {
      format: FORMAT,
      version: FORMAT_VERSION,
      exported: now.toISOString(),
      stores: {
        quiz: loadQuestions(),
        plans: { version: STORE_VERSION, done: loadPlans() },
      },
    };
  }

  function exportFileName(now) {
    return FORMAT + "-" + localDate(now || new Date()) + ".json";
  }

  // -- Import ----------------------------------------------------------------------------------
  function storeProblem(store, name, field) {
    if (!isPlainObject(store)) return "The progress file has no " + name + ' ("stores.' + field + '").';
    if (typeof store.version === "number" && store.version > STORE_VERSION) {
      return "This progress file was made by a newer version of the guide: reload the guide and try again.";
    }
    if (store.version !== STORE_VERSION) {
      return "The " + name + ' in the progress file have an unknown "version".';
    }
    return "";
  }

  // The first problem with an object meant to be a progress file, or "" when it is valid.
  function dataProblem(data) {
    if (!isPlainObject(data)) return "This file does not hold a progress object, so it is not a progress file from this guide.";
    if (data.format !== FORMAT) return "This is not a progress file from this guide.";
    if (typeof data.version !== "number" || Math.floor(data.version) !== data.version || data.version < 1) {
      return 'This progress file has no valid "version".';
    }
    if (data.version > FORMAT_VERSION) {
      return "This progress file was made by a newer version of the guide: reload the guide and try again.";
    }
    if (!isPlainObject(data.stores)) return 'The progress file has no "stores".';
    var problem = storeProblem(data.stores.quiz, "quiz answers", "quiz") ||
      storeProblem(data.stores.plans, "plan ticks", "plans");
    if (problem) return problem;
    if (!isPlainObject(data.stores.quiz.questions)) return 'The quiz answers in the progress file have no "questions".';
    if (!isPlainObject(data.stores.plans.done)) return 'The plan ticks in the progress file have no "done".';
    var ids = Object.keys(data.stores.quiz.questions);
    for (var i = 0; i < ids.length; i++) {
      var why = ids[i] === "__proto__" ? "this name is not allowed." : recordProblem(data.stores.quiz.questions[ids[i]]);
      if (why) return "Question " + JSON.stringify(ids[i]) + ": " + why;
    }
    var keys = Object.keys(data.stores.plans.done);
    for (var k = 0; k < keys.length; k++) {
      if (keys[k] === "__proto__") return "Plan item " + JSON.stringify(keys[k]) + ": this name is not allowed.";
      if (!isTimestamp(data.stores.plans.done[keys[k]])) {
        return "Plan item " + JSON.stringify(keys[k]) + ": the date is not a valid date.";
      }
    }
    return "";
  }

  function cleanData(data) {
    var questions = {}, done = {};
    Object.keys(data.stores.quiz.questions).forEach(function (id) {
      questions[id] = copyRecord(data.stores.quiz.questions[id]);
    });
    Object.keys(data.stores.plans.done).forEach(function (key) {
      done[key] = data.stores.plans.done[key];
    });
    return {
      format: FORMAT,
      version: data.version,
      exported: data.exported,
      stores: {
        quiz: { version: STORE_VERSION, questions: questions },
        plans: { version: STORE_VERSION, done: done },
      },
    };
  }

  function parseImport(text) {
    var data;
    try {
      data = JSON.parse(String(text));
    } catch (e) {
      return { ok: false, error: "This file is not valid JSON (" + String(e.message).replace(/\.$/, "") + ")." };
    }
    var problem = dataProblem(data);
    if (problem) return { ok: false, error: problem };
    return { ok: true, data: cleanData(data) };
  }

  // Merge a parsed progress file into this browser's stores. Nothing is written when the data
  // is invalid (it throws the same message parseImport gives: call parseImport first). Merging
  // does not depend on the clock, so a second argument (now) is ignored.
  function importData(data) {
    var problem = dataProblem(data);
    if (problem) throw new Error(problem);
    data = cleanData(data);
    var counts = {
      questionsAdded: 0, questionsUpdated: 0, questionsKept: 0,
      planTicksAdded: 0, planTicksKept: 0, saved: true,
    };
    var store = loadQuestions();
    var incoming = data.stores.quiz.questions;
    Object.keys(incoming).forEach(function (id) {
      var mine = store.questions[id];
      if (!mine) {
        store.questions[id] = incoming[id];
        counts.questionsAdded += 1;
      } else if (Date.parse(incoming[id].lastSeen) > Date.parse(mine.lastSeen)) {
        store.questions[id] = incoming[id]; // the later answer wins; a tie keeps this browser's
        counts.questionsUpdated += 1;
      } else {
        counts.questionsKept += 1;
      }
    });
    var done = loadPlans();
    var ticks = data.stores.plans.done;
    var earlier = 0;
    Object.keys(ticks).forEach(function (key) {
      if (!own(done, key)) {
        done[key] = ticks[key];
        counts.planTicksAdded += 1;
      } else {
        if (Date.parse(ticks[key]) < Date.parse(done[key])) {
          done[key] = ticks[key]; // ticked on both: the earlier date wins
          earlier += 1;
        }
        counts.planTicksKept += 1;
      }
    });
    if (counts.questionsAdded + counts.questionsUpdated > 0) counts.saved = saveQuestions(store);
    if (counts.planTicksAdded + earlier > 0) counts.saved = savePlans(done) && counts.saved;
    notify({ id: null, record: null, imported: counts });
    return counts;
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function describeImport(counts) {
    if (!counts.saved) {
      return "The progress could not be saved: this browser's storage is blocked or full.";
    }
    var questions = counts.questionsAdded + counts.questionsUpdated;
    var kept = counts.questionsKept
      ? " Kept this browser's answers to " + plural(counts.questionsKept, "question") +
        ", as recent as the file's or more."
      : "";
    if (!questions && !counts.planTicksAdded) {
      return "Nothing new to import: this browser already has everything in the file." + kept;
    }
    var q = questions ? plural(questions, "question") : "no questions";
    if (counts.questionsUpdated) q += " (" + counts.questionsUpdated + " newer than here)";
    var t = counts.planTicksAdded ? plural(counts.planTicksAdded, "plan tick") : "no plan ticks";
    return "Imported " + q + " and " + t + "." + kept;
  }

  // -- Start-up, shared by the page scripts ----------------------------------------------------
  // Run `start` on every page: on load, and again when the theme's document$ fires after instant
  // navigation swaps the page content. document$ alone is not enough: opened from file:// (the
  // offline site) it never fires. The page scripts' start functions are idempotent, so running
  // twice is safe.
  function onEveryPage(start) {
    if (typeof document === "undefined") return;
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
    if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
      window.document$.subscribe(start);
    }
  }

  var api = {
    onEveryPage: onEveryPage,
    QUIZ_KEY: QUIZ_KEY, PLANS_KEY: PLANS_KEY, STORE_VERSION: STORE_VERSION, FORMAT: FORMAT,
    FORMAT_VERSION: FORMAT_VERSION, INTERVALS: INTERVALS, EVENT: EVENT,
    localDate: localDate, addDays: addDays, isDay: isDay,
    loadQuestions: loadQuestions, saveQuestions: saveQuestions, forget: forget,
    loadPlans: loadPlans, savePlans: savePlans,
    cardState: cardState, schedule: schedule, record: record,
    exportData: exportData, exportFileName: exportFileName,
    parseImport: parseImport, importData: importData, describeImport: describeImport,
  };

  if (typeof window !== "undefined") window.mlGuideProgress = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : typeof globalThis !== "undefined" ? globalThis : this);
