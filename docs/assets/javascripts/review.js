/* The review page (docs/review/index.md): the cards due today, review sessions, and moving the
 * progress to another device.
 *
 * At build time hooks/review.py puts every chapter's questions on the page as a hidden deck:
 * `.review-deck > section.review-card[data-card-id][data-card-kind][data-chapter]`, in reading
 * order. This script counts the deck against the progress store (progress.js,
 * window.mlGuideProgress, which owns the Leitner schedule) in `[data-review-app]`, deals a session
 * one card at a time, and fills `[data-review-transfer]` with the export and import controls.
 *
 * A quiz card is graded by quiz.js, which records the answer through progress.js; this script
 * only listens for the "ml-guide:progress" event, so an answer is never recorded twice. A
 * follow-up card is a flashcard the reader grades: "I had it" / "I missed it" record it here.
 * Starts on load and on the theme's document$ (instant navigation); idempotent. No dependencies.
 */
(function () {
  "use strict";

  var DEFAULT_NEW = 10;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var session = null; // the running session, if any (one review page at a time)
  var view = null; // the current page's app: {app, deck, cards, chapters, els}

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
    var b = el("button", { type: "button", className: "md-button " + (className || "") }, text);
    return b;
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many || one + "s");
  }

  function connected(node) {
    return !!node && document.documentElement.contains(node);
  }

  // -- Days ------------------------------------------------------------------------------------
  function today() {
    return progress().localDate(new Date());
  }

  function dayNumber(day) {
    var p = day.split("-");
    return Date.UTC(+p[0], +p[1] - 1, +p[2]) / 86400000;
  }

  function longDay(day, from) {
    var p = day.split("-");
    var text = +p[2] + " " + MONTHS[+p[1] - 1];
    return p[0] === from.slice(0, 4) ? text : text + " " + p[0];
  }

  // "today", "tomorrow (7 December)", "on 9 December (in 3 days)"
  function whenDue(day, from) {
    var days = dayNumber(day) - dayNumber(from);
    if (days <= 0) return "today";
    if (days === 1) return "tomorrow (" + longDay(day, from) + ")";
    return "on " + longDay(day, from) + " (in " + days + " days)";
  }

  // -- The deck and its counts -----------------------------------------------------------------
  function readDeck(deck) {
    var cards = [], chapters = [], seen = {};
    each(deck.querySelectorAll("section.review-card[data-card-id]"), function (section, index) {
      var card = {
        id: section.getAttribute("data-card-id"),
        kind: section.getAttribute("data-card-kind") === "quiz" ? "quiz" : "follow-up",
        chapter: section.getAttribute("data-chapter") || "",
        title: section.getAttribute("data-chapter-title") || section.getAttribute("data-chapter") || "",
        section: section,
        index: index,
      };
      cards.push(card);
      if (!seen[card.chapter]) {
        seen[card.chapter] = true;
        chapters.push({ slug: card.chapter, title: card.title });
      }
    });
    return { cards: cards, chapters: chapters };
  }

  function states(cards, day) {
    var store = progress().loadQuestions().questions;
    var out = {};
    cards.forEach(function (card) {
      out[card.id] = progress().cardState(store[card.id], day);
    });
    return out;
  }

  function countByChapter(v, st) {
    var rows = {}, total = { cards: 0, due: 0, fresh: 0, learned: 0, next: null };
    v.chapters.forEach(function (c) {
      rows[c.slug] = { cards: 0, due: 0, fresh: 0, learned: 0, next: null };
    });
    v.cards.forEach(function (card) {
      var s = st[card.id];
      [rows[card.chapter], total].forEach(function (row) {
        row.cards += 1;
        if (s.isNew) row.fresh += 1;
        else if (s.isDue) row.due += 1;
        else if (!row.next || s.due < row.next) row.next = s.due;
        if (!s.isNew && s.box >= 2) row.learned += 1;
      });
    });
    return { rows: rows, total: total };
  }

  function selectedChapters(v) {
    var chosen = {};
    each(v.els.chapterBoxes, function (box) {
      if (box.checked) chosen[box.value] = true;
    });
    return chosen;
  }

  function newLimit(v) {
    var n = parseInt(v.els.newCount.value, 10);
    return isNaN(n) || n < 0 ? 0 : n;
  }

  // Due cards first (the longest overdue first, then reading order), then up to `limit` new ones:
  // from the concepts scored lowest first (progress.js: quiz answers and mock interview points),
  // then from those without a score, each in reading order.
  function dealOrder(v, st, chosen, limit) {
    var due = [], fresh = [];
    v.cards.forEach(function (card) {
      if (!chosen[card.chapter]) return;
      var s = st[card.id];
      if (s.isNew) fresh.push(card);
      else if (s.isDue) due.push(card);
    });
    due.sort(function (a, b) {
      var da = st[a.id].due, db = st[b.id].due;
      return da < db ? -1 : da > db ? 1 : a.index - b.index;
    });
    var slugs = v.chapters.map(function (c) { return c.slug; });
    var rank = {};
    progress().weakestConcepts(slugs, slugs.length).forEach(function (slug, i) { rank[slug] = i; });
    function rankOf(card) {
      return Object.prototype.hasOwnProperty.call(rank, card.chapter) ? rank[card.chapter] : slugs.length;
    }
    fresh.sort(function (a, b) { return rankOf(a) - rankOf(b) || a.index - b.index; });
    return due.concat(fresh.slice(0, limit));
  }

  // -- The overview: table, summary line, options ----------------------------------------------
  function cell(tag, text, attrs) {
    return el(tag, attrs || {}, String(text));
  }

  function renderTable(v, counts) {
    var body = v.els.tbody, foot = v.els.tfoot;
    body.textContent = "";
    foot.textContent = "";
    v.chapters.forEach(function (c) {
      var r = counts.rows[c.slug];
      var tr = el("tr");
      tr.appendChild(cell("th", c.title, { scope: "row" }));
      [r.due, r.fresh, r.learned, r.cards].forEach(function (n) { tr.appendChild(cell("td", n)); });
      body.appendChild(tr);
    });
    var t = counts.total, tr = el("tr");
    tr.appendChild(cell("th", "All chapters", { scope: "row" }));
    [t.due, t.fresh, t.learned, t.cards].forEach(function (n) { tr.appendChild(cell("td", n)); });
    foot.appendChild(tr);
  }

  function refresh(v) {
    if (!v || !connected(v.app)) return;
    var day = today();
    var st = states(v.cards, day);
    var counts = countByChapter(v, st);
    renderTable(v, counts);
    var t = counts.total;
    var line;
    if (t.due) {
      line = (t.due === 1 ? "1 card is" : t.due + " cards are") + " due today.";
    } else if (t.fresh) {
      line = "No cards are due today.";
    } else {
      line = "Nothing is due today, and you have answered every card.";
    }
    if (t.fresh) line += " " + (t.fresh === 1 ? "1 card is" : t.fresh + " cards are") + " new.";
    if (!t.due && t.next) line += " The next card is due " + whenDue(t.next, day) + ".";
    v.els.dueLine.textContent = line;
    updateStart(v, st);
  }

  function updateStart(v, st) {
    st = st || states(v.cards, today());
    var chosen = selectedChapters(v);
    var deal = dealOrder(v, st, chosen, newLimit(v));
    v.els.start.textContent = deal.length
      ? "Start review (" + plural(deal.length, "card") + ")"
      : "Start review (no cards)";
    v.els.start.disabled = deal.length === 0;
    var why = "";
    if (!deal.length) {
      why = Object.keys(chosen).length
        ? "Nothing to review in the chapters you ticked" +
          (newLimit(v) ? "." : ", and new cards are set to 0.")
        : "Tick at least one chapter to start.";
    }
    v.els.startNote.textContent = why;
  }

  // -- Cards -----------------------------------------------------------------------------------
  function resetQuiz(quiz) {
    // A quiz may have been answered before (here or in its chapter): it must look fresh.
    quiz.classList.remove("quiz--correct", "quiz--wrong");
    each(quiz.querySelectorAll(".quiz__feedback"), function (f) { f.hidden = true; });
    each(quiz.querySelectorAll(".quiz__option"), function (o) {
      o.classList.remove("quiz__option--correct", "quiz__option--wrong");
    });
    each(quiz.querySelectorAll("input"), function (input) {
      if (input.type === "radio" || input.type === "checkbox") input.checked = false;
      else input.value = "";
    });
    var status = quiz.querySelector(".quiz__status, [role=status]");
    if (status) status.textContent = "";
    var answer = quiz.querySelector("details.quiz__answer");
    if (answer) answer.open = false;
  }

  function questionText(card) {
    var front = card.section.querySelector(".review-card__front") ||
      card.section.querySelector(".quiz__stem");
    var text = (front ? front.textContent : card.id).replace(/\s+/g, " ").trim();
    return text.length > 120 ? text.slice(0, 117).replace(/\s+\S*$/, "") + "…" : text;
  }

  function sourceLink(card) {
    var a = card.section.querySelector(".review-card__source a");
    return a ? a.getAttribute("href") : null;
  }

  function describeRecord(rec, day) {
    if (rec.due <= day) return "It is in box 1 and due again today.";
    return "It is in box " + rec.box + " and comes back " + whenDue(rec.due, day) + ".";
  }

  // -- Sessions --------------------------------------------------------------------------------
  function startSession(v) {
    var day = today();
    var deal = dealOrder(v, states(v.cards, day), selectedChapters(v), newLimit(v));
    if (!deal.length) return;
    session = { view: v, cards: deal, at: -1, results: {}, order: [], answered: false };
    v.els.overview.hidden = true;
    v.els.summary.hidden = true;
    v.els.session.hidden = false;
    v.deck.hidden = false;
    next();
  }

  function current() {
    return session && session.cards[session.at];
  }

  function showCard(card) {
    var v = session.view, e = v.els;
    v.cards.forEach(function (c) { c.section.hidden = c !== card; });
    session.answered = false;
    e.result.textContent = "";
    e.result.className = "review-session__result";
    e.reveal.hidden = card.kind !== "follow-up";
    e.right.hidden = true;
    e.wrong.hidden = true;
    e.next.hidden = true;
    if (card.kind === "quiz") {
      var quiz = card.section.querySelector(".quiz");
      if (quiz) resetQuiz(quiz);
    } else {
      var back = card.section.querySelector(".review-card__back");
      if (back) back.hidden = true;
    }
    e.heading.textContent = "Card " + (session.at + 1) + " of " + session.cards.length + " · " +
      card.title + " · " + (card.kind === "quiz" ? "quiz question" : "follow-up question");
    e.heading.focus();
  }

  function next() {
    if (!session) return;
    session.at += 1;
    if (session.at >= session.cards.length) {
      endSession();
      return;
    }
    showCard(current());
  }

  function noteResult(card, correct) {
    if (Object.prototype.hasOwnProperty.call(session.results, card.id)) return;
    session.results[card.id] = correct; // the first answer of the session is the one that counts
    session.order.push(card);
  }

  function revealBack() {
    var card = current();
    if (!card || card.kind !== "follow-up") return;
    var e = session.view.els;
    var back = card.section.querySelector(".review-card__back");
    if (back) {
      back.hidden = false;
      back.setAttribute("tabindex", "-1");
    }
    e.reveal.hidden = true;
    e.right.hidden = false;
    e.wrong.hidden = false;
    if (back) back.focus();
    else e.right.focus();
  }

  function gradeFollowUp(correct) {
    var card = current();
    if (!card || card.kind !== "follow-up") return;
    noteResult(card, correct);
    progress().record(card.id, correct); // the event below ignores follow-up cards
    next();
  }

  function onProgress(event) {
    var detail = event && event.detail;
    if (!detail) return;
    if (session && !connected(session.view.app)) session = null; // left the page
    var card = current();
    if (card && detail.id && detail.id === card.id && card.kind === "quiz" && detail.record) {
      noteResult(card, detail.record.correct);
      var e = session.view.els;
      var first = session.results[card.id];
      var text = first
        ? "Recorded as right. "
        : detail.record.correct
          ? "Right this time; it counts as missed in this session. "
          : "Recorded as missed. ";
      e.result.textContent = text + describeRecord(detail.record, today());
      e.result.className = "review-session__result review-session__result--" + (first ? "right" : "missed");
      e.next.hidden = false;
      e.next.textContent = session.at + 1 < session.cards.length ? "Next card" : "Finish";
      return;
    }
    if (!session && view) refresh(view);
  }

  function endSession() {
    if (!session) return;
    var v = session.view, e = v.els, s = session;
    session = null;
    v.cards.forEach(function (c) {
      c.section.hidden = true;
      var back = c.section.querySelector(".review-card__back");
      if (back) back.hidden = false; // as built, for the next session
    });
    v.deck.hidden = true;
    e.session.hidden = true;
    e.overview.hidden = false;

    var day = today();
    var st = states(v.cards, day);
    var reviewed = s.order.length;
    var right = s.order.filter(function (c) { return s.results[c.id]; }).length;
    var missed = s.order.filter(function (c) { return !s.results[c.id]; });
    var dueAgain = s.order.filter(function (c) { return st[c.id].isDue; }).length;
    e.summaryText.textContent = reviewed
      ? "You reviewed " + plural(reviewed, "card") + ": " + right + " right, " + missed.length +
        " missed. " + (dueAgain === 1 ? "1 is" : (dueAgain || "None") + " are") + " due again today." +
        (reviewed < s.cards.length ? " You stopped with " +
          plural(s.cards.length - reviewed, "card") + " left." : "")
      : "You stopped before answering any card. Nothing was recorded.";
    e.missedList.textContent = "";
    e.missedIntro.hidden = missed.length === 0;
    e.missedList.hidden = missed.length === 0;
    missed.forEach(function (card) {
      var li = el("li");
      var href = sourceLink(card);
      var link = el(href ? "a" : "span", href ? { href: href } : {}, questionText(card));
      li.appendChild(link);
      li.appendChild(document.createTextNode(" (" + card.title + ")"));
      e.missedList.appendChild(li);
    });
    e.summary.hidden = false;
    refresh(v);
    e.summary.focus();
  }

  // -- Building the app ------------------------------------------------------------------------
  function buildApp(app, deck) {
    var data = readDeck(deck);
    var v = { app: app, deck: deck, cards: data.cards, chapters: data.chapters, els: {} };
    var e = v.els;

    // Summary of the last session (hidden until one ends).
    e.summary = el("div", { className: "review-summary", tabindex: "-1", id: "review-summary" });
    e.summary.hidden = true;
    e.summaryText = el("p", { className: "review-summary__text" });
    e.missedIntro = el("p", {}, "To read again in their chapters:");
    e.missedList = el("ul", { className: "review-summary__missed" });
    e.summary.appendChild(e.summaryText);
    e.summary.appendChild(e.missedIntro);
    e.summary.appendChild(e.missedList);

    // Overview: due line, table, options, start.
    e.overview = el("div", { className: "review-overview" });
    e.dueLine = el("p", { className: "review-overview__due", id: "review-due-line" });
    var wrap = el("div", {
      className: "review-table-wrap", tabindex: "0", role: "region",
      "aria-labelledby": "review-table-caption",
    });
    var table = el("table", { className: "review-table" });
    table.appendChild(el("caption", { id: "review-table-caption" }, "Cards by chapter"));
    var head = el("thead"), hr = el("tr");
    ["Chapter", "Due today", "New", "Learned", "Cards"].forEach(function (name) {
      hr.appendChild(el("th", { scope: "col" }, name));
    });
    head.appendChild(hr);
    e.tbody = el("tbody");
    e.tfoot = el("tfoot");
    table.appendChild(head);
    table.appendChild(e.tbody);
    table.appendChild(e.tfoot);
    wrap.appendChild(table);
    var note = el("p", { className: "review-table-note" },
      "New: never answered. Learned: in box 2 or higher, so answered right on two different days " +
      "at least. Cards: every question of the chapter.");

    var options = el("div", { className: "review-options" });
    var fieldset = el("fieldset", { className: "review-options__chapters" });
    fieldset.appendChild(el("legend", {}, "Chapters to review"));
    var list = el("ul", { className: "review-options__list" });
    v.chapters.forEach(function (c) {
      var li = el("li");
      var id = "review-chapter-" + c.slug;
      var box = el("input", { type: "checkbox", id: id, value: c.slug });
      box.checked = true;
      li.appendChild(box);
      li.appendChild(el("label", { "for": id }, c.title));
      list.appendChild(li);
    });
    fieldset.appendChild(list);
    e.chapterBoxes = fieldset.querySelectorAll("input[type=checkbox]");
    var count = el("p", { className: "review-options__new" });
    count.appendChild(el("label", { "for": "review-new-count" }, "New cards per session"));
    e.newCount = el("input", {
      type: "number", id: "review-new-count", min: "0", max: "999", step: "1",
      value: String(DEFAULT_NEW), inputmode: "numeric",
    });
    count.appendChild(e.newCount);
    var actions = el("p", { className: "review-actions" });
    e.start = button("Start review", "md-button--primary review-start");
    e.start.setAttribute("aria-describedby", "review-start-note");
    actions.appendChild(e.start);
    e.startNote = el("span", { className: "review-actions__note", id: "review-start-note" });
    actions.appendChild(e.startNote);
    options.appendChild(fieldset);
    options.appendChild(count);
    options.appendChild(actions);

    e.overview.appendChild(e.dueLine);
    e.overview.appendChild(wrap);
    e.overview.appendChild(note);
    e.overview.appendChild(options);

    // Session: heading (progress line), the deck (one card shown), the controls.
    e.session = el("div", { className: "review-session" });
    e.session.hidden = true;
    e.heading = el("h3", { className: "review-session__progress", tabindex: "-1", id: "review-progress" });
    e.stage = el("div", { className: "review-session__card" });
    var controls = el("div", { className: "review-session__controls" });
    e.result = el("p", { className: "review-session__result", role: "status", "aria-live": "polite" });
    var buttons = el("p", { className: "review-actions" });
    e.reveal = button("Show the answer", "review-reveal");
    e.right = button("I had it", "review-right");
    e.wrong = button("I missed it", "review-wrong");
    e.next = button("Next card", "md-button--primary review-next");
    e.stop = button("Stop", "review-stop");
    [e.reveal, e.right, e.wrong, e.next, e.stop].forEach(function (b) { buttons.appendChild(b); });
    controls.appendChild(e.result);
    controls.appendChild(buttons);
    e.session.appendChild(e.heading);
    e.session.appendChild(e.stage);
    e.session.appendChild(controls);

    app.appendChild(e.summary);
    app.appendChild(e.overview);
    app.appendChild(e.session);
    // The deck moves into the session, between its progress line and its buttons.
    deck.hidden = true;
    e.stage.appendChild(deck);

    each(e.chapterBoxes, function (box) {
      box.addEventListener("change", function () { updateStart(v); });
    });
    e.newCount.addEventListener("input", function () { updateStart(v); });
    e.start.addEventListener("click", function () { startSession(v); });
    e.reveal.addEventListener("click", revealBack);
    e.right.addEventListener("click", function () { gradeFollowUp(true); });
    e.wrong.addEventListener("click", function () { gradeFollowUp(false); });
    e.next.addEventListener("click", next);
    e.stop.addEventListener("click", endSession);
    return v;
  }

  // -- Export and import -----------------------------------------------------------------------
  function buildTransfer(box) {
    var status = el("p", {
      className: "review-transfer__status", role: "status", "aria-live": "polite",
      id: "review-transfer-status",
    });
    var down = el("p", { className: "review-actions" });
    var download = button("Download my progress", "review-download");
    down.appendChild(download);
    var up = el("p", { className: "review-transfer__import" });
    up.appendChild(el("label", { "for": "review-import-file" }, "Import a progress file"));
    var file = el("input", {
      type: "file", id: "review-import-file", accept: ".json,application/json",
      "aria-describedby": "review-transfer-status",
    });
    up.appendChild(file);
    box.appendChild(down);
    box.appendChild(up);
    box.appendChild(status);

    function say(text, ok) {
      status.textContent = text;
      status.className = "review-transfer__status review-transfer__status--" + (ok ? "ok" : "error");
    }

    download.addEventListener("click", function () {
      var p = progress();
      var now = new Date();
      var name = p.exportFileName(now);
      var blob = new Blob([JSON.stringify(p.exportData(now), null, 2)], { type: "application/json" });
      var url = URL.createObjectURL(blob);
      var a = el("a", { href: url, download: name });
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      document.body.removeChild(a);
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
      say("Saved " + name + " to your downloads. Open this page on the other device and import it there.", true);
    });

    file.addEventListener("change", function () {
      var chosen = file.files && file.files[0];
      if (!chosen) return;
      var reader = new FileReader();
      file.value = ""; // choosing the same file again must load it again
      reader.onload = function () {
        var parsed = progress().parseImport(reader.result);
        if (!parsed.ok) {
          say("Nothing was imported. " + parsed.error, false);
          return;
        }
        var counts;
        try {
          counts = progress().importData(parsed.data);
        } catch (err) {
          say("Nothing was imported. " + err.message, false);
          return;
        }
        say(progress().describeImport(counts), counts.saved);
        if (view && !session) refresh(view);
      };
      reader.onerror = function () {
        say("Nothing was imported: the file could not be read.", false);
      };
      reader.readAsText(chosen);
    });
  }

  // -- Wiring ----------------------------------------------------------------------------------
  var listening = false;

  function start() {
    if (!window.mlGuideProgress) return; // progress.js missing: the <noscript> text is all there is
    var app = document.querySelector("[data-review-app]");
    if (app && app.getAttribute("data-review-ready") !== "true") {
      var deck = document.querySelector(".review-deck");
      if (deck) {
        app.setAttribute("data-review-ready", "true");
        if (session && !connected(session.view.app)) session = null;
        view = buildApp(app, deck);
        refresh(view);
      }
    }
    var transfer = document.querySelector("[data-review-transfer]");
    if (transfer && transfer.getAttribute("data-review-ready") !== "true") {
      transfer.setAttribute("data-review-ready", "true");
      buildTransfer(transfer);
    }
    if (!listening && (app || transfer)) {
      listening = true;
      document.addEventListener(progress().EVENT || "ml-guide:progress", onProgress);
      window.addEventListener("storage", function (event) {
        // Answers given in another tab: recount, unless a session is running.
        if (!session && view && (!event.key || event.key === progress().QUIZ_KEY)) refresh(view);
      });
    }
  }

  if (window.mlGuideProgress) progress().onEveryPage(start); // else the <noscript> text stays
})();
