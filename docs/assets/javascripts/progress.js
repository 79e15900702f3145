/* Reader progress: the two localStorage stores, spaced review (Leitner boxes), export and import.
 *
 * Stores (this script owns both; quiz.js, plans.js and the review page go through it):
 *  - "ml-interview-guide:quiz" = {version: 1, questions: {<id>: {answered, correct, attempts,
 *    lastSeen: ISO date-time, box?: 1..5, due?: "YYYY-MM-DD" (local calendar day)}}}. Quiz
 *    questions and follow-up questions (self-graded flashcards) share the id space. A record
 *    without box/due is a legacy one, written before the review page existed.
 *  - "ml-interview-guide:plans" = {version: 1, done: {<plan item key>: ISO date-time}}.
 *  - "ml-interview-guide:mock" = {version: 1, questions: {<follow-up id>: {covered, total,
 *    lastSeen}}, sessions: [{finished: ISO date-time, minutes, concepts: {<slug>: {covered,
 *    total}}}]}: the mock interview page's self-graded rubric points, the latest per question
 *    and a summary per session (the most recent MAX_SESSIONS are kept).
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
 * Concept scores (conceptScores, weakestConcepts): per chapter, the share of its answered quiz and
 * follow-up questions that were right and the share of its mock rubric points covered (each
 * question's latest result), averaged when both exist; a chapter with neither has no score. The
 * mock interview's "My weakest" and the review page's order of new cards use them.
 *
 * Export/import: one JSON file holding the three stores; import validates everything before
 * writing anything, then merges (per question the later lastSeen wins, plan ticks are united,
 * mock sessions are united by their finishing time). A file without a mock store (made before
 * the mock interview page existed) is still a valid file. No
 * dependencies; in Node (tests/js/progress.test.js) it is a module using global localStorage.
 */
(function (root) {
  "use strict";

  var QUIZ_KEY = "ml-interview-guide:quiz";
  var PLANS_KEY = "ml-interview-guide:plans";
  var MOCK_KEY = "ml-interview-guide:mock";
  var MAX_SESSIONS = 200; // mock sessions kept; per-question results are kept for every question
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

  // -- Mock interview store --------------------------------------------------------------------
  function isCount(n) {
    return typeof n === "number" && isFinite(n) && Math.floor(n) === n && n >= 0;
  }

  // Why a {covered, total} pair is invalid, or "".
  function pointsProblem(r) {
    if (!isPlainObject(r)) return "the entry must be an object with \"covered\" and \"total\".";
    if (!isCount(r.total) || r.total < 1) return '"total" must be a whole number of 1 or more.';
    if (!isCount(r.covered) || r.covered > r.total) {
      return '"covered" must be a whole number from 0 to "total".';
    }
    return "";
  }

  function mockQuestionProblem(r) {
    return pointsProblem(r) || (isTimestamp(r.lastSeen) ? "" : '"lastSeen" must be a valid date and time.');
  }

  function mockSessionProblem(s) {
    if (!isPlainObject(s)) return "the session must be an object.";
    if (!isTimestamp(s.finished)) return '"finished" must be a valid date and time.';
    if (!isCount(s.minutes) || s.minutes < 1) return '"minutes" must be a whole number of 1 or more.';
    if (!isPlainObject(s.concepts)) return '"concepts" must be an object.';
    var slugs = Object.keys(s.concepts);
    for (var i = 0; i < slugs.length; i++) {
      var why = slugs[i] === "__proto__" ? "this name is not allowed." : pointsProblem(s.concepts[slugs[i]]);
      if (why) return "concept " + JSON.stringify(slugs[i]) + ": " + why;
    }
    return "";
  }

  function copyMockSession(s) {
    var concepts = {};
    Object.keys(s.concepts).forEach(function (slug) {
      concepts[slug] = { covered: s.concepts[slug].covered, total: s.concepts[slug].total };
    });
    return { finished: s.finished, minutes: s.minutes, concepts: concepts };
  }

  function emptyMock() {
    return { version: STORE_VERSION, questions: {}, sessions: [] };
  }

  function bySessionTime(a, b) {
    return Date.parse(a.finished) - Date.parse(b.finished);
  }

  function loadMock() {
    try {
      var raw = storage().getItem(MOCK_KEY);
      if (!raw) return emptyMock();
      var data = JSON.parse(raw);
      if (!isPlainObject(data) || data.version !== STORE_VERSION || !isPlainObject(data.questions) ||
          !Array.isArray(data.sessions)) {
        throw new Error("unknown mock store");
      }
      var clean = emptyMock();
      Object.keys(data.questions).forEach(function (id) {
        var r = data.questions[id];
        if (id !== "__proto__" && !mockQuestionProblem(r)) {
          clean.questions[id] = { covered: r.covered, total: r.total, lastSeen: r.lastSeen };
        }
      });
      clean.sessions = data.sessions.filter(function (s) { return !mockSessionProblem(s); })
        .map(copyMockSession).sort(bySessionTime);
      return clean;
    } catch (e) {
      return emptyMock(); // blocked storage or corrupt data: the page works, nothing is kept
    }
  }

  function saveMock(store) {
    try {
      storage().setItem(MOCK_KEY, JSON.stringify({
        version: STORE_VERSION, questions: store.questions,
        sessions: store.sessions.slice(-MAX_SESSIONS),
      }));
      return true;
    } catch (e) {
      return false; // full or blocked: keep going without persistence
    }
  }

  // Store a finished mock interview: `results` is [{id, chapter, covered, total}], one per
  // question dealt. Each question keeps its latest result; the session keeps a sum per chapter.
  // Returns {session, saved}.
  function recordMock(results, minutes, now) {
    now = now || new Date();
    var when = now.toISOString();
    var store = loadMock();
    var concepts = {};
    results.forEach(function (r) {
      if (!r || typeof r.id !== "string" || typeof r.chapter !== "string" || pointsProblem(r)) {
        throw new Error("recordMock: a result needs an id, a chapter, covered and total");
      }
      store.questions[r.id] = { covered: r.covered, total: r.total, lastSeen: when };
      var sum = concepts[r.chapter] || (concepts[r.chapter] = { covered: 0, total: 0 });
      sum.covered += r.covered;
      sum.total += r.total;
    });
    var session = { finished: when, minutes: minutes, concepts: concepts };
    if (mockSessionProblem(session)) throw new Error("recordMock: " + mockSessionProblem(session));
    store.sessions.push(session);
    var saved = saveMock(store);
    notify({ id: null, record: null, mock: session });
    return { session: session, saved: saved };
  }

  // -- Concept scores --------------------------------------------------------------------------
  // The chapter of a question id: the longest slug that, with a hyphen, starts it.
  function conceptOf(id, slugs) {
    var best = null;
    slugs.forEach(function (slug) {
      if (id.indexOf(slug + "-") === 0 && (!best || slug.length > best.length)) best = slug;
    });
    return best;
  }

  function conceptScores(slugs) {
    var out = {};
    slugs.forEach(function (slug) {
      out[slug] = { answered: 0, correct: 0, covered: 0, points: 0, score: null };
    });
    var questions = loadQuestions().questions;
    Object.keys(questions).forEach(function (id) {
      var slug = conceptOf(id, slugs);
      if (!slug || !questions[id].answered) return;
      out[slug].answered += 1;
      if (questions[id].correct) out[slug].correct += 1;
    });
    var mock = loadMock().questions;
    Object.keys(mock).forEach(function (id) {
      var slug = conceptOf(id, slugs);
      if (!slug) return;
      out[slug].covered += mock[id].covered;
      out[slug].points += mock[id].total;
    });
    slugs.forEach(function (slug) {
      var c = out[slug], shares = [];
      if (c.answered) shares.push(c.correct / c.answered);
      if (c.points) shares.push(c.covered / c.points);
      if (shares.length) c.score = shares.reduce(function (a, b) { return a + b; }, 0) / shares.length;
    });
    return out;
  }

  // Up to `n` chapters with a score, the lowest first (ties in the order of `slugs`).
  function weakestConcepts(slugs, n) {
    var scores = conceptScores(slugs);
    return slugs.filter(function (slug) { return scores[slug].score !== null; })
      .map(function (slug, i) { return { slug: slug, score: scores[slug].score, i: i }; })
      .sort(function (a, b) { return a.score - b.score || a.i - b.i; })
      .slice(0, n)
      .map(function (x) { return x.slug; });
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
        mock: loadMock(),
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
    if (own(data.stores, "mock")) {
      var mock = data.stores.mock;
      problem = storeProblem(mock, "mock interview results", "mock");
      if (problem) return problem;
      if (!isPlainObject(mock.questions)) return 'The mock interview results in the progress file have no "questions".';
      if (!Array.isArray(mock.sessions)) return 'The mock interview results in the progress file have no "sessions" list.';
      var mockIds = Object.keys(mock.questions);
      for (var j = 0; j < mockIds.length; j++) {
        var whyMock = mockIds[j] === "__proto__" ? "this name is not allowed." : mockQuestionProblem(mock.questions[mockIds[j]]);
        if (whyMock) return "Mock question " + JSON.stringify(mockIds[j]) + ": " + whyMock;
      }
      for (var m = 0; m < mock.sessions.length; m++) {
        var whySession = mockSessionProblem(mock.sessions[m]);
        if (whySession) return "Mock interview " + (m + 1) + ": " + whySession;
      }
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
    var mock = emptyMock();
    if (own(data.stores, "mock")) {
      Object.keys(data.stores.mock.questions).forEach(function (id) {
        var r = data.stores.mock.questions[id];
        mock.questions[id] = { covered: r.covered, total: r.total, lastSeen: r.lastSeen };
      });
      mock.sessions = data.stores.mock.sessions.map(copyMockSession).sort(bySessionTime);
    }
    return {
      format: FORMAT,
      version: data.version,
      exported: data.exported,
      stores: {
        quiz: { version: STORE_VERSION, questions: questions },
        plans: { version: STORE_VERSION, done: done },
        mock: mock,
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
      planTicksAdded: 0, planTicksKept: 0, mockSessionsAdded: 0, saved: true,
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
    // Mock results: per question the later lastSeen wins; sessions are united by finishing time.
    var mine = loadMock(), theirs = data.stores.mock, mockChanged = false;
    Object.keys(theirs.questions).forEach(function (id) {
      var here = mine.questions[id];
      if (!here || Date.parse(theirs.questions[id].lastSeen) > Date.parse(here.lastSeen)) {
        mine.questions[id] = theirs.questions[id];
        mockChanged = true;
      }
    });
    var finished = {};
    mine.sessions.forEach(function (s) { finished[Date.parse(s.finished)] = true; });
    theirs.sessions.forEach(function (s) {
      if (!finished[Date.parse(s.finished)]) {
        finished[Date.parse(s.finished)] = true;
        mine.sessions.push(s);
        counts.mockSessionsAdded += 1;
        mockChanged = true;
      }
    });
    mine.sessions.sort(bySessionTime);
    if (counts.questionsAdded + counts.questionsUpdated > 0) counts.saved = saveQuestions(store);
    if (mockChanged) counts.saved = saveMock(mine) && counts.saved;
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
    var mocks = counts.mockSessionsAdded
      ? " and " + plural(counts.mockSessionsAdded, "mock interview") : "";
    if (!questions && !counts.planTicksAdded && !counts.mockSessionsAdded) {
      return "Nothing new to import: this browser already has everything in the file." + kept;
    }
    var q = questions ? plural(questions, "question") : "no questions";
    if (counts.questionsUpdated) q += " (" + counts.questionsUpdated + " newer than here)";
    var t = counts.planTicksAdded ? plural(counts.planTicksAdded, "plan tick") : "no plan ticks";
    return "Imported " + q + (mocks ? ", " : " and ") + t + mocks + "." + kept;
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
    QUIZ_KEY: QUIZ_KEY, PLANS_KEY: PLANS_KEY, MOCK_KEY: MOCK_KEY, STORE_VERSION: STORE_VERSION, FORMAT: FORMAT,
    FORMAT_VERSION: FORMAT_VERSION, INTERVALS: INTERVALS, EVENT: EVENT,
    localDate: localDate, addDays: addDays, isDay: isDay,
    loadQuestions: loadQuestions, saveQuestions: saveQuestions, forget: forget,
    loadPlans: loadPlans, savePlans: savePlans,
    loadMock: loadMock, recordMock: recordMock, MAX_SESSIONS: MAX_SESSIONS,
    conceptOf: conceptOf, conceptScores: conceptScores, weakestConcepts: weakestConcepts,
    cardState: cardState, schedule: schedule, record: record,
    exportData: exportData, exportFileName: exportFileName,
    parseImport: parseImport, importData: importData, describeImport: describeImport,
  };

  if (typeof window !== "undefined") window.mlGuideProgress = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : typeof globalThis !== "undefined" ? globalThis : this);
