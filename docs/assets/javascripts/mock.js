/* The mock interview page (docs/mock-interview/index.md): choose concepts and a length, answer
 * questions out loud against a countdown, reveal the model answer, tick the rubric points covered,
 * and see (and keep) a summary per concept.
 *
 * At build time hooks/mock_interview.py puts every chapter follow-up that has a rubric on the page
 * as a hidden bank: `.mock-bank > section.mock-question[data-question-id][data-chapter]
 * [data-chapter-title]`, each with `.mock-question__prompt`, `__answer`, `__rubric` (a list) and
 * `__source` (a link to the question in its chapter), in reading order. This script builds the
 * app in `[data-mock-app]` and clones the question's parts into it as they are dealt.
 *
 * Dealing: the number of questions is the length divided by (answer time + REVIEW_MINUTES), at most
 * the questions available; the chosen concepts take turns (in a random order), and within a concept
 * the questions never practised come first, then the longest ago (random among equals).
 * The countdown reads Date.now() on each tick (so a paused tab or a fake clock stays exact); when
 * it reaches zero it keeps counting the time over. Results go to progress.js (recordMock), which
 * keeps each question's latest result and a per-concept summary per session; "My weakest" asks
 * progress.js for the concepts scored lowest. No network, no microphone, no upload.
 * Starts on load and on the theme's document$ (instant navigation); idempotent. No dependencies.
 */
(function () {
  "use strict";

  var LENGTHS = [15, 30, 45]; // minutes
  var ANSWER_MINUTES = [1, 2, 3];
  var DEFAULT_LENGTH = 15;
  var DEFAULT_ANSWER = 2;
  var REVIEW_MINUTES = 1; // reading the model answer and ticking the rubric, per question
  var WEAKEST = 3; // concepts "My weakest" selects
  var TICK_MS = 250;
  var session = null; // the running session, if any
  var view = null; // the current page's app

  function progress() {
    return window.mlGuideProgress;
  }

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "className") node.className = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(text, className) {
    return el("button", { type: "button", className: "md-button " + (className || "") }, text);
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many || one + "s");
  }

  function connected(node) {
    return !!node && document.documentElement.contains(node);
  }

  function percent(x) {
    return Math.round(100 * x) + " %";
  }

  // m:ss of a whole number of seconds.
  function clock(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  function shuffle(list) {
    for (var i = list.length - 1; i > 0; i -= 1) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = list[i]; list[i] = list[j]; list[j] = t;
    }
    return list;
  }

  // -- The bank --------------------------------------------------------------------------------
  function readBank(bank) {
    var questions = [], chapters = [], seen = {};
    each(bank.querySelectorAll("section.mock-question[data-question-id]"), function (section, index) {
      var slug = section.getAttribute("data-chapter");
      var q = {
        id: section.getAttribute("data-question-id"),
        chapter: slug,
        title: section.getAttribute("data-chapter-title"),
        section: section,
        index: index,
        rubric: section.querySelectorAll(".mock-question__rubric li").length,
      };
      questions.push(q);
      if (!seen[slug]) {
        seen[slug] = { slug: slug, title: q.title, count: 0 };
        chapters.push(seen[slug]);
      }
      seen[slug].count += 1;
    });
    return { questions: questions, chapters: chapters };
  }

  function part(q, name) {
    return q.section.querySelector(".mock-question__" + name);
  }

  // A copy of a part of the question, without ids (the bank keeps the originals).
  function copy(node) {
    var clone = node.cloneNode(true);
    each(clone.querySelectorAll("[id]"), function (n) { n.removeAttribute("id"); });
    clone.removeAttribute("id");
    return clone;
  }

  // The inline content of a block (a paragraph's children), copied, to put inside a link or a
  // list item: math and code stay as rendered, not flattened to text.
  function inline(node) {
    var source = copy(node);
    var only = source.children.length === 1 && source.children[0].tagName === "P" ? source.children[0] : source;
    var out = document.createDocumentFragment();
    each(Array.prototype.slice.call(only.childNodes), function (n) { out.appendChild(n); });
    return out;
  }

  // -- Choosing --------------------------------------------------------------------------------
  function chosenSlugs(v) {
    var out = [];
    each(v.els.conceptBoxes, function (box) { if (box.checked) out.push(box.value); });
    return out;
  }

  function radioValue(group) {
    var value = null;
    each(group, function (r) { if (r.checked) value = parseInt(r.value, 10); });
    return value;
  }

  function plan(v) {
    var slugs = chosenSlugs(v);
    var length = radioValue(v.els.lengthRadios) || DEFAULT_LENGTH;
    var answer = radioValue(v.els.answerRadios) || DEFAULT_ANSWER;
    var available = v.questions.filter(function (q) { return slugs.indexOf(q.chapter) >= 0; }).length;
    var count = Math.min(available, Math.floor(length / (answer + REVIEW_MINUTES)));
    return { slugs: slugs, length: length, answer: answer, count: count, available: available };
  }

  function updatePlan(v) {
    var p = plan(v);
    if (!p.slugs.length) {
      v.els.planLine.textContent = "Choose at least one concept.";
    } else {
      v.els.planLine.textContent = plural(p.count, "question") + " from " +
        plural(p.slugs.length, "concept") + ", " + plural(p.answer, "minute") +
        " to answer each: about " + plural(p.count * (p.answer + REVIEW_MINUTES), "minute") + ".";
    }
    v.els.start.disabled = p.count < 1;
  }

  function chooseAll(v) {
    each(v.els.conceptBoxes, function (box) { box.checked = true; });
    v.els.weakNote.textContent = "";
    updatePlan(v);
  }

  function chooseWeakest(v) {
    var slugs = v.chapters.map(function (c) { return c.slug; });
    var weakest = progress().weakestConcepts(slugs, WEAKEST);
    if (!weakest.length) {
      v.els.weakNote.textContent = "No results yet to find your weakest concepts: answer some " +
        "quiz questions or finish a mock interview first. The choice is unchanged.";
      return;
    }
    var scores = progress().conceptScores(slugs);
    each(v.els.conceptBoxes, function (box) { box.checked = weakest.indexOf(box.value) >= 0; });
    v.els.weakNote.textContent = "Chosen, lowest score first: " + weakest.map(function (slug) {
      var c = v.chapters.filter(function (x) { return x.slug === slug; })[0];
      return c.title + " (" + percent(scores[slug].score) + ")";
    }).join(", ") + ".";
    updatePlan(v);
  }

  // The concepts take turns; in each, never practised first, then the longest ago.
  function deal(v, p) {
    var results = progress().loadMock().questions;
    var pools = {};
    shuffle(v.questions.slice()).forEach(function (q) {
      if (p.slugs.indexOf(q.chapter) < 0) return;
      (pools[q.chapter] = pools[q.chapter] || []).push(q);
    });
    Object.keys(pools).forEach(function (slug) {
      pools[slug].sort(function (a, b) { // stable on the shuffled order: random among equals
        var ra = results[a.id], rb = results[b.id];
        if (!ra || !rb) return (ra ? 1 : 0) - (rb ? 1 : 0);
        return Date.parse(ra.lastSeen) - Date.parse(rb.lastSeen);
      });
    });
    var order = shuffle(Object.keys(pools)), dealt = [];
    while (dealt.length < p.count) {
      var before = dealt.length;
      for (var i = 0; i < order.length && dealt.length < p.count; i += 1) {
        if (pools[order[i]].length) dealt.push(pools[order[i]].shift());
      }
      if (dealt.length === before) break;
    }
    return dealt;
  }

  // -- The countdown ---------------------------------------------------------------------------
  function elapsed(t) {
    return t.used + (t.startedAt === null ? 0 : Date.now() - t.startedAt);
  }

  function say(text) {
    var live = view && view.els.live;
    if (!live) return;
    live.textContent = "";
    live.textContent = text;
  }

  function tick() {
    if (!session || !session.timer || !connected(session.view.app)) {
      stopTicking();
      return;
    }
    var t = session.timer, e = session.view.els;
    var leftMs = t.limit - elapsed(t);
    var over = leftMs <= 0;
    var seconds = over ? Math.floor(-leftMs / 1000) : Math.ceil(leftMs / 1000);
    e.time.textContent = over ? clock(seconds) + " over" : clock(seconds);
    e.timerLabel.textContent = t.startedAt === null ? "Paused" : over ? "Time is up" : "Time left";
    e.timerBox.classList.toggle("mock-timer--over", over);
    e.timerBox.classList.toggle("mock-timer--paused", t.startedAt === null);
    e.bar.style.width = Math.max(0, Math.min(100, 100 * leftMs / t.limit)) + "%";
    // Spoken warnings, each once, for screen readers (the clock itself is not announced).
    if (!over && leftMs <= 30000 && !t.said30 && t.limit > 30000) {
      t.said30 = true;
      say("30 seconds left.");
    }
    if (over && !t.saidUp) {
      t.saidUp = true;
      say("Time is up. Finish your sentence, then show the model answer.");
    }
  }

  function startTicking() {
    stopTicking();
    session.interval = window.setInterval(tick, TICK_MS);
  }

  function stopTicking() {
    if (session && session.interval !== null) {
      window.clearInterval(session.interval);
      session.interval = null;
    }
  }

  function togglePause() {
    var t = session && session.timer;
    if (!t || t.done) return;
    if (t.startedAt === null) {
      t.startedAt = Date.now();
      session.view.els.pause.textContent = "Pause";
      say("Resumed.");
    } else {
      t.used = elapsed(t);
      t.startedAt = null;
      session.view.els.pause.textContent = "Resume";
      say("Paused.");
    }
    tick();
  }

  // -- A session -------------------------------------------------------------------------------
  function startSession(v) {
    var p = plan(v);
    if (p.count < 1) return;
    session = {
      view: v, plan: p, order: deal(v, p), at: -1, results: [], interval: null, timer: null,
    };
    v.els.setup.hidden = true;
    v.els.summary.hidden = true;
    v.els.stage.hidden = false;
    next();
  }

  function showQuestion(q) {
    var s = session, e = s.view.els;
    e.count.textContent = "Question " + (s.at + 1) + " of " + s.order.length;
    e.concept.textContent = q.title;
    e.prompt.innerHTML = "";
    e.prompt.appendChild(copy(part(q, "prompt")));
    e.reveal.hidden = true;
    e.controls.hidden = false;
    e.pause.textContent = "Pause";
    e.answer.innerHTML = "";
    e.rubricList.innerHTML = "";
    e.live.textContent = "";
    s.timer = {
      limit: s.plan.answer * 60000, used: 0, startedAt: Date.now(),
      said30: false, saidUp: false, done: false,
    };
    tick();
    startTicking();
    e.heading.focus();
  }

  function reveal() {
    var s = session, e = s.view.els, q = s.order[s.at], t = s.timer;
    if (!t || t.done) return;
    t.used = elapsed(t);
    t.startedAt = null;
    t.done = true;
    stopTicking();
    tick();
    var seconds = Math.round(t.used / 1000);
    var limit = s.plan.answer * 60;
    e.timerLabel.textContent = "You answered in";
    e.time.textContent = clock(seconds) + (seconds > limit ? " (" + clock(seconds - limit) + " over)" : "");
    e.controls.hidden = true;
    e.live.textContent = "";
    e.answer.appendChild(copy(part(q, "answer")));
    each(part(q, "rubric").querySelectorAll("li"), function (li, i) {
      var item = el("li", { className: "mock-rubric__point" });
      var id = "mock-point-" + (i + 1);
      var box = el("input", { type: "checkbox", id: id });
      var label = el("label", { "for": id });
      each(copy(li).childNodes, function (n) { label.appendChild(n.cloneNode(true)); });
      item.appendChild(box);
      item.appendChild(label);
      e.rubricList.appendChild(item);
    });
    e.source.innerHTML = "";
    e.source.appendChild(copy(part(q, "source")));
    e.next.textContent = s.at + 1 < s.order.length ? "Next question" : "See the summary";
    e.reveal.hidden = false;
    e.answerHeading.focus();
  }

  function grade() {
    var s = session, e = s.view.els, q = s.order[s.at];
    var missed = [];
    var boxes = e.rubricList.querySelectorAll("input[type=checkbox]");
    var covered = 0;
    each(boxes, function (box) {
      if (box.checked) covered += 1;
      else missed.push(inline(box.parentNode.querySelector("label")));
    });
    s.results.push({
      id: q.id, chapter: q.chapter, covered: covered, total: boxes.length,
      seconds: Math.round(s.timer.used / 1000), missed: missed, question: q,
    });
  }

  function next() {
    var s = session;
    if (s.at >= 0) grade();
    s.at += 1;
    if (s.at < s.order.length) showQuestion(s.order[s.at]);
    else finish();
  }

  // End early: the questions graded so far make the summary (none: back to the choices).
  function endEarly() {
    var s = session;
    if (s.timer && s.timer.done && s.results.length === s.at) grade();
    stopTicking();
    if (!s.results.length) {
      var v = s.view;
      session = null;
      v.els.stage.hidden = true;
      v.els.setup.hidden = false;
      v.els.setupHeading.focus();
      return;
    }
    finish();
  }

  function finish() {
    var s = session, v = s.view, e = v.els;
    stopTicking();
    s.timer = null;
    var stored = progress().recordMock(s.results.map(function (r) {
      return { id: r.id, chapter: r.chapter, covered: r.covered, total: r.total };
    }), s.plan.length, new Date());
    renderSummary(v, s.results, stored.saved);
    session = null;
    e.stage.hidden = true;
    e.summary.hidden = false;
    e.summaryHeading.focus();
  }

  function renderSummary(v, results, saved) {
    var e = v.els;
    var covered = 0, total = 0, seconds = 0, rows = {};
    results.forEach(function (r) {
      covered += r.covered;
      total += r.total;
      seconds += r.seconds;
      var row = rows[r.chapter] || (rows[r.chapter] = { questions: 0, covered: 0, total: 0 });
      row.questions += 1;
      row.covered += r.covered;
      row.total += r.total;
    });
    e.summaryText.textContent = "You covered " + covered + " of " + plural(total, "rubric point") +
      " (" + percent(covered / total) + ") in " + plural(results.length, "question") + ", speaking for " +
      clock(seconds) + ".";
    e.tbody.innerHTML = "";
    v.chapters.forEach(function (c) {
      var row = rows[c.slug];
      if (!row) return;
      var tr = el("tr", { "data-chapter": c.slug });
      tr.appendChild(el("th", { scope: "row" }, c.title));
      tr.appendChild(el("td", {}, String(row.questions)));
      tr.appendChild(el("td", {}, row.covered + " of " + row.total));
      tr.appendChild(el("td", {}, percent(row.covered / row.total)));
      e.tbody.appendChild(tr);
    });
    e.tfoot.innerHTML = "";
    var foot = el("tr");
    foot.appendChild(el("th", { scope: "row" }, "All"));
    foot.appendChild(el("td", {}, String(results.length)));
    foot.appendChild(el("td", {}, covered + " of " + total));
    foot.appendChild(el("td", {}, percent(covered / total)));
    e.tfoot.appendChild(foot);
    e.questionList.innerHTML = "";
    results.forEach(function (r) {
      var li = el("li", { className: "mock-summary__question", "data-question-id": r.id });
      var link = el("a", { href: part(r.question, "source").querySelector("a").getAttribute("href") });
      link.appendChild(inline(part(r.question, "prompt")));
      li.appendChild(link);
      li.appendChild(el("span", { className: "mock-summary__score" },
        " " + r.covered + " of " + plural(r.total, "point") + ", " + clock(r.seconds) + "."));
      if (r.missed.length) {
        var missed = el("ul", { className: "mock-summary__missed", "aria-label": "Missed points" });
        r.missed.forEach(function (point) {
          var item = el("li", {}, "Missed: ");
          item.appendChild(point);
          missed.appendChild(item);
        });
        li.appendChild(missed);
      }
      e.questionList.appendChild(li);
    });
    e.savedNote.textContent = saved
      ? "Saved in this browser's progress: \"My weakest\" and the review page use it."
      : "This result could not be saved: this browser's storage is blocked or full.";
  }

  // -- Building the app ------------------------------------------------------------------------
  function radios(name, legend, values, unit, checked) {
    var fieldset = el("fieldset", { className: "mock-setup__group" });
    fieldset.appendChild(el("legend", {}, legend));
    values.forEach(function (value) {
      var id = "mock-" + name + "-" + value;
      var wrap = el("span", { className: "mock-setup__choice" });
      var input = el("input", { type: "radio", name: "mock-" + name, id: id, value: String(value) });
      input.checked = value === checked;
      wrap.appendChild(input);
      wrap.appendChild(el("label", { "for": id }, plural(value, unit)));
      fieldset.appendChild(wrap);
    });
    return fieldset;
  }

  function buildSetup(v) {
    var e = v.els;
    e.setup = el("div", { className: "mock-setup" });
    e.setupHeading = el("p", { className: "mock-setup__intro", tabindex: "-1" },
      "Choose the concepts and the length, then start. Questions come one at a time.");
    e.setup.appendChild(e.setupHeading);

    var concepts = el("fieldset", { className: "mock-setup__group mock-setup__concepts" });
    concepts.appendChild(el("legend", {}, "Concepts"));
    var list = el("ul", { className: "mock-setup__list" });
    v.chapters.forEach(function (c) {
      var li = el("li");
      var id = "mock-concept-" + c.slug;
      var box = el("input", { type: "checkbox", id: id, value: c.slug });
      box.checked = true;
      li.appendChild(box);
      li.appendChild(el("label", { "for": id }, c.title + " (" + plural(c.count, "question") + ")"));
      list.appendChild(li);
    });
    concepts.appendChild(list);
    var quick = el("p", { className: "mock-setup__quick" });
    e.all = button("All concepts", "mock-all");
    e.weakest = button("My weakest", "mock-weakest");
    e.weakest.setAttribute("aria-describedby", "mock-weak-note");
    quick.appendChild(e.all);
    quick.appendChild(e.weakest);
    concepts.appendChild(quick);
    e.weakNote = el("p", { className: "mock-setup__note", id: "mock-weak-note", role: "status" });
    concepts.appendChild(e.weakNote);
    e.setup.appendChild(concepts);
    e.conceptBoxes = concepts.querySelectorAll("input[type=checkbox]");

    var lengths = radios("length", "Length of the interview", LENGTHS, "minute", DEFAULT_LENGTH);
    var answers = radios("answer", "Time to answer each question", ANSWER_MINUTES, "minute", DEFAULT_ANSWER);
    e.setup.appendChild(lengths);
    e.setup.appendChild(answers);
    e.lengthRadios = lengths.querySelectorAll("input");
    e.answerRadios = answers.querySelectorAll("input");

    var actions = el("p", { className: "mock-actions" });
    e.start = button("Start the interview", "md-button--primary mock-start");
    e.start.setAttribute("aria-describedby", "mock-plan");
    actions.appendChild(e.start);
    e.planLine = el("span", { className: "mock-actions__note", id: "mock-plan" });
    actions.appendChild(e.planLine);
    e.setup.appendChild(actions);

    e.all.addEventListener("click", function () { chooseAll(v); });
    e.weakest.addEventListener("click", function () { chooseWeakest(v); });
    each(e.setup.querySelectorAll("input"), function (input) {
      input.addEventListener("change", function () { updatePlan(v); });
    });
    e.start.addEventListener("click", function () { startSession(v); });
  }

  function buildStage(v) {
    var e = v.els;
    e.stage = el("div", { className: "mock-stage" });
    e.stage.hidden = true;
    e.heading = el("h3", { className: "mock-stage__heading", tabindex: "-1", id: "mock-stage-heading" });
    e.count = el("span", { className: "mock-stage__count" });
    e.concept = el("span", { className: "mock-stage__concept" });
    e.heading.appendChild(e.count);
    e.heading.appendChild(document.createTextNode(": "));
    e.heading.appendChild(e.concept);
    e.prompt = el("div", { className: "mock-stage__prompt" });

    e.timerBox = el("div", { className: "mock-timer" });
    e.timerLabel = el("span", { className: "mock-timer__label", id: "mock-timer-label" }, "Time left");
    e.time = el("span", { className: "mock-timer__time", role: "timer", "aria-labelledby": "mock-timer-label" });
    var track = el("span", { className: "mock-timer__track", "aria-hidden": "true" });
    e.bar = el("span", { className: "mock-timer__bar" });
    track.appendChild(e.bar);
    e.timerBox.appendChild(e.timerLabel);
    e.timerBox.appendChild(e.time);
    e.timerBox.appendChild(track);
    e.live = el("p", { className: "mock-live", role: "status" });

    e.controls = el("p", { className: "mock-actions mock-stage__controls" });
    e.show = button("Show the model answer", "md-button--primary mock-show");
    e.pause = button("Pause", "mock-pause");
    e.controls.appendChild(e.show);
    e.controls.appendChild(e.pause);

    e.reveal = el("div", { className: "mock-reveal" });
    e.reveal.hidden = true;
    e.answerHeading = el("h4", { className: "mock-reveal__heading", tabindex: "-1" }, "Model answer");
    e.answer = el("div", { className: "mock-reveal__answer" });
    var fieldset = el("fieldset", { className: "mock-rubric" });
    fieldset.appendChild(el("legend", {}, "A strong answer covers: tick each point you said"));
    e.rubricList = el("ul", { className: "mock-rubric__list" });
    fieldset.appendChild(e.rubricList);
    e.source = el("p", { className: "mock-reveal__source" });
    var after = el("p", { className: "mock-actions" });
    e.next = button("Next question", "md-button--primary mock-next");
    after.appendChild(e.next);
    e.reveal.appendChild(e.answerHeading);
    e.reveal.appendChild(e.answer);
    e.reveal.appendChild(fieldset);
    e.reveal.appendChild(e.source);
    e.reveal.appendChild(after);

    var end = el("p", { className: "mock-actions mock-stage__end" });
    e.end = button("End the interview now", "mock-end");
    end.appendChild(e.end);

    [e.heading, e.prompt, e.timerBox, e.live, e.controls, e.reveal, end].forEach(function (n) {
      e.stage.appendChild(n);
    });
    e.show.addEventListener("click", reveal);
    e.pause.addEventListener("click", togglePause);
    e.next.addEventListener("click", next);
    e.end.addEventListener("click", endEarly);
  }

  function buildSummary(v) {
    var e = v.els;
    e.summary = el("div", { className: "mock-summary" });
    e.summary.hidden = true;
    e.summaryHeading = el("h3", { className: "mock-summary__heading", tabindex: "-1" }, "Your mock interview");
    e.summaryText = el("p", { className: "mock-summary__text" });
    var wrap = el("div", {
      className: "mock-table-wrap", tabindex: "0", role: "region", "aria-labelledby": "mock-table-caption",
    });
    var table = el("table", { className: "mock-table" });
    table.appendChild(el("caption", { id: "mock-table-caption" }, "Rubric points covered, by concept"));
    var head = el("thead"), hr = el("tr");
    ["Concept", "Questions", "Points covered", "Share"].forEach(function (name) {
      hr.appendChild(el("th", { scope: "col" }, name));
    });
    head.appendChild(hr);
    e.tbody = el("tbody");
    e.tfoot = el("tfoot");
    table.appendChild(head);
    table.appendChild(e.tbody);
    table.appendChild(e.tfoot);
    wrap.appendChild(table);
    var listHeading = el("h4", {}, "Question by question, with links to read again");
    e.questionList = el("ol", { className: "mock-summary__questions" });
    e.savedNote = el("p", { className: "mock-summary__saved" });
    var again = el("p", { className: "mock-actions" });
    e.again = button("Start another mock interview", "md-button--primary mock-again");
    again.appendChild(e.again);
    [e.summaryHeading, e.summaryText, wrap, listHeading, e.questionList, e.savedNote, again]
      .forEach(function (n) { e.summary.appendChild(n); });
    e.again.addEventListener("click", function () {
      e.summary.hidden = true;
      e.setup.hidden = false;
      updatePlan(v);
      e.setupHeading.focus();
    });
  }

  function start() {
    var app = document.querySelector("[data-mock-app]");
    var bank = document.querySelector("[data-mock-bank]");
    if (!app || !bank || !progress()) return;
    if (view && view.app === app) return; // already built for this page
    if (session) { stopTicking(); session = null; } // instant navigation left a session behind
    var data = readBank(bank);
    var v = { app: app, questions: data.questions, chapters: data.chapters, els: {} };
    buildSetup(v);
    buildStage(v);
    buildSummary(v);
    app.appendChild(v.els.setup);
    app.appendChild(v.els.stage);
    app.appendChild(v.els.summary);
    app.classList.add("mock-app--ready");
    view = v;
    updatePlan(v);
  }

  if (window.mlGuideProgress) window.mlGuideProgress.onEveryPage(start);
})();
