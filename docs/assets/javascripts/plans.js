/* Study plans: tick items as done, see quiz scores next to their items, continue where you left off.
 *
 * The plan pages (rendered from docs/plans/*.yml by hooks/study_plans.py) list items as task-list
 * entries whose link carries data-plan-item="<key>" (read:<chapter>#<id>, run:<snippet path>,
 * quiz:<chapter>, review:<chapter>@<session>) and data-plan-minutes. Done items live in one
 * site-wide store next to the quizzes' ("ml-interview-guide:quiz"), in the same key space:
 * "ml-interview-guide:plans" = {version: 1, done: {<key>: <ISO date>}}, kept by progress.js.
 * Keys name the thing done, not the plan, so an item ticked in one plan is ticked in every plan
 * that lists it.
 * Without JavaScript the list still reads (its boxes stay disabled). No dependencies.
 */
(function () {
  "use strict";

  // Both stores live in progress.js (window.mlGuideProgress), loaded before this script.
  var progress = window.mlGuideProgress;
  var STORE_KEY = progress.PLANS_KEY;
  var loadDone = progress.loadPlans;
  var saveDone = progress.savePlans;

  function quizQuestions() {
    return progress.loadQuestions().questions;
  }

  // -- Page ------------------------------------------------------------------------------------
  function itemsOf(root) {
    return Array.prototype.map.call(root.querySelectorAll("a[data-plan-item]"), function (link) {
      var li = link.closest("li");
      var input = li && li.querySelector("input[type=checkbox]");
      return input ? { key: link.getAttribute("data-plan-item"), link: link, li: li, input: input }
        : null;
    }).filter(Boolean);
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function duration(minutes) {
    var hours = Math.floor(minutes / 60), rest = minutes % 60;
    if (!hours) return rest + " min";
    return rest ? hours + " h " + (rest < 10 ? "0" : "") + rest + " min" : hours + " h";
  }

  function quizNote(item, questions) {
    var ids = (item.link.getAttribute("data-plan-quiz") || "").split(/\s+/).filter(Boolean);
    var answered = ids.filter(function (id) { return questions[id] && questions[id].answered; });
    var correct = answered.filter(function (id) { return questions[id].correct; });
    var review = item.key.indexOf("review:") === 0;
    if (!answered.length) return review ? "no answers yet" : "not started";
    if (review) {
      var missed = answered.length - correct.length;
      return missed ? plural(missed, "question") + " to retake" : "nothing missed";
    }
    return correct.length + " of " + ids.length + " correct" +
      (answered.length < ids.length ? " (" + answered.length + " answered)" : "");
  }

  function sessionOf(li) {
    var node = li.closest("ul, ol");
    while (node && (node = node.previousElementSibling)) {
      if (node.tagName === "H2") return node;
    }
    return null;
  }

  function render(root) {
    var items = itemsOf(root);
    if (!items.length) return;
    var done = loadDone();
    var questions = quizQuestions();
    items.forEach(function (item) {
      item.input.checked = Boolean(done[item.key]);
      item.li.classList.toggle("plan-item--done", item.input.checked);
      if (item.link.hasAttribute("data-plan-quiz")) {
        var note = item.li.querySelector(".plan-quiz-score");
        if (!note) {
          note = document.createElement("span");
          note.className = "plan-quiz-score";
          item.li.appendChild(note);
        }
        note.textContent = quizNote(item, questions);
      }
    });
    var summary = root.querySelector(".plan-continue");
    if (summary) renderContinue(summary, items);
  }

  function renderContinue(summary, items) {
    var total = 0, finished = 0, doneCount = 0, next = null;
    items.forEach(function (item) {
      var minutes = parseInt(item.link.getAttribute("data-plan-minutes"), 10) || 0;
      total += minutes;
      if (item.input.checked) { finished += minutes; doneCount += 1; } else if (!next) next = item;
    });
    summary.textContent = "";
    var status = document.createElement("span");
    status.textContent = doneCount + " of " + plural(items.length, "item") + " done (" +
      duration(finished) + " of " + duration(total) + "). ";
    summary.appendChild(status);
    if (next) {
      summary.appendChild(document.createTextNode(doneCount ? "Continue where you left off: "
        : "Start here: "));
      var link = document.createElement("a");
      link.href = next.link.getAttribute("href");
      link.textContent = next.link.textContent;
      link.className = "plan-continue__link";
      summary.appendChild(link);
      var session = sessionOf(next.li);
      if (session && session.id) {
        summary.appendChild(document.createTextNode(" ("));
        var where = document.createElement("a");
        where.href = "#" + session.id;
        where.textContent = session.firstChild ? session.firstChild.textContent.trim() : session.id;
        summary.appendChild(where);
        summary.appendChild(document.createTextNode(")"));
      }
    } else {
      summary.appendChild(document.createTextNode("Every item is done: retake the questions you " +
        "missed, and say each chapter's answers out loud once more."));
    }
    summary.hidden = false;
  }

  function init(root) {
    var items = itemsOf(root);
    if (!items.length) return;
    items.forEach(function (item) {
      if (item.input.getAttribute("data-plan-wired")) return;
      item.input.setAttribute("data-plan-wired", "1");
      item.input.disabled = false;
      item.input.setAttribute("aria-label", "Done: " + item.link.textContent.trim());
      item.input.addEventListener("change", function () {
        var done = loadDone();
        if (item.input.checked) done[item.key] = new Date().toISOString();
        else delete done[item.key];
        saveDone(done);
        render(root);
      });
    });
    render(root);
  }

  window.mlGuidePlans = { init: init, loadDone: loadDone, STORE_KEY: STORE_KEY };
  // init() skips what it has already wired, so starting on every page (and twice) is safe.
  // Another tab's ticks show up too.
  progress.onEveryPage(function () { init(document); });
  window.addEventListener("storage", function (event) {
    if (event.key === STORE_KEY || event.key === progress.QUIZ_KEY) render(document);
  });
  window.addEventListener("pageshow", function () { render(document); }); // back/forward cache
})();
