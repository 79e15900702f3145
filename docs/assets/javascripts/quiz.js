/* Self-check quizzes: grading, feedback and progress, for the HTML rendered by markdown_exam.
 *
 * Progress is one site-wide store in localStorage, keyed by question id (ids are stable, so
 * reordering or moving questions keeps progress), kept by progress.js (window.mlGuideProgress),
 * which also schedules each question's spaced review. Corrupt or old data is discarded, never
 * fatal. Works across mkdocs-material's instant navigation (document$) and degrades to the
 * <details> answer when JavaScript is off. No dependencies besides progress.js.
 */
(function () {
  "use strict";

  // The progress store (answers, Leitner boxes) lives in progress.js, loaded before this script.
  var progress = window.mlGuideProgress;
  var loadStore = progress.loadQuestions;
  var forget = progress.forget;

  function record(id, correct) {
    progress.record(id, correct); // schedules the card's next review too, and tells the page
  }

  // -- Grading -------------------------------------------------------------------------------
  function normalise(text) {
    return String(text).trim().replace(/\s+/g, " ").toLowerCase();
  }

  function parseNumber(text) {
    // What Python's float() accepts for a plain decimal, so grading matches markdown_exam.
    var cleaned = String(text).trim();
    if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return NaN;
    return parseFloat(cleaned);
  }

  function isCorrectOption(input) {
    if (input.hasAttribute("data-correct")) return input.getAttribute("data-correct") === "true";
    var option = input.closest(".quiz__option");
    var flag = option && option.querySelector("[data-correct]");
    return !!flag && flag.getAttribute("data-correct") === "true";
  }

  function grade(quiz) {
    var type = quiz.getAttribute("data-quiz-type") || "single";
    if (type === "single" || type === "multiple") {
      var inputs = Array.prototype.slice.call(quiz.querySelectorAll("input[type=radio], input[type=checkbox]"));
      var chosen = inputs.filter(function (i) { return i.checked; });
      if (!chosen.length) return null;
      var right = inputs.every(function (i) { return i.checked === isCorrectOption(i); });
      return { correct: right, chosen: chosen, inputs: inputs };
    }
    var field = quiz.querySelector("input[type=text], input:not([type])");
    if (!field || !field.value.trim()) return null;
    if (type === "numeric") {
      var value = parseNumber(field.value);
      var target = parseFloat(quiz.getAttribute("data-answer"));
      var tolerance = parseFloat(quiz.getAttribute("data-tolerance") || "0");
      if (isNaN(value)) return { correct: false, invalid: true, field: field };
      // The same rule as markdown_exam.model.Quiz.is_correct (ROUNDING absorbs float error).
      var rounding = 1e-9 * Math.max(1, Math.abs(target));
      return { correct: Math.abs(value - target) <= tolerance + rounding, field: field };
    }
    var answers = [];
    try { answers = JSON.parse(quiz.getAttribute("data-answers") || "[]"); } catch (e) { answers = []; }
    var given = normalise(field.value);
    return {
      correct: answers.some(function (a) { return normalise(a) === given; }),
      field: field,
    };
  }

  // -- Rendering state -------------------------------------------------------------------------
  function status(quiz) {
    return quiz.querySelector(".quiz__status, [role=status]");
  }

  function clearFeedback(quiz) {
    quiz.classList.remove("quiz--correct", "quiz--wrong");
    Array.prototype.forEach.call(quiz.querySelectorAll(".quiz__feedback"), function (f) {
      f.hidden = true;
    });
    Array.prototype.forEach.call(quiz.querySelectorAll(".quiz__option"), function (o) {
      o.classList.remove("quiz__option--correct", "quiz__option--wrong");
    });
    var s = status(quiz);
    if (s) s.textContent = "";
  }

  function showResult(quiz, result) {
    clearFeedback(quiz);
    var s = status(quiz);
    if (result === null) {
      if (s) s.textContent = "Choose or type an answer first, then press Check.";
      return;
    }
    if (result.invalid) {
      if (s) s.textContent = "That is not a number. Type a number such as 0.25.";
      return;
    }
    quiz.classList.add(result.correct ? "quiz--correct" : "quiz--wrong");
    if (result.field) {
      // Feedback written for a specific accepted answer (short questions), when it was given.
      var given = normalise(result.field.value);
      Array.prototype.forEach.call(quiz.querySelectorAll(".quiz__response .quiz__feedback"), function (f) {
        if (normalise(f.getAttribute("data-answer") || "") === given) f.hidden = false;
      });
    }
    if (result.inputs) {
      result.inputs.forEach(function (input) {
        var option = input.closest(".quiz__option");
        if (!option) return;
        var feedback = option.querySelector(".quiz__feedback");
        var right = isCorrectOption(input);
        // Only the chosen options get feedback: marking the right one after a wrong answer
        // would give it away before the reader tries again (the answer block has it).
        if (input.checked) {
          option.classList.add(right ? "quiz__option--correct" : "quiz__option--wrong");
          if (feedback) feedback.hidden = false;
        }
      });
    }
    if (s) {
      s.textContent = result.correct
        ? "Correct. The explanation is below."
        : "Not quite. Read the feedback, then try again or open the answer.";
    }
    var answer = quiz.querySelector("details.quiz__answer");
    if (answer && result.correct) answer.open = true;
  }

  function resetQuiz(quiz) {
    clearFeedback(quiz);
    Array.prototype.forEach.call(quiz.querySelectorAll("input"), function (input) {
      if (input.type === "radio" || input.type === "checkbox") input.checked = false;
      else input.value = "";
    });
    var answer = quiz.querySelector("details.quiz__answer");
    if (answer) answer.open = false;
  }

  // -- Page summary ----------------------------------------------------------------------------
  function summaryIds(summary) {
    return (summary.getAttribute("data-quiz-ids") || "").split(/\s+/).filter(Boolean);
  }

  function updateSummaries(root) {
    var store = loadStore();
    Array.prototype.forEach.call(root.querySelectorAll(".quiz-summary"), function (summary) {
      var ids = summaryIds(summary);
      var answered = ids.filter(function (id) { return store.questions[id]; });
      var correct = answered.filter(function (id) { return store.questions[id].correct; });
      var score = summary.querySelector(".quiz-summary__score");
      if (score) {
        score.textContent = answered.length
          ? "Your score: " + correct.length + " of " + ids.length + " correct (" +
            answered.length + " answered)."
          : "Your score: none of the " + ids.length + " questions answered yet.";
      }
      var retry = summary.querySelector(".quiz-summary__retry");
      if (retry) retry.disabled = answered.length === correct.length;
      var reset = summary.querySelector(".quiz-summary__reset");
      if (reset) reset.disabled = answered.length === 0;
    });
  }

  function buildSummary(summary, root) {
    if (summary.querySelector(".quiz-summary__score")) return;
    var score = document.createElement("p");
    score.className = "quiz-summary__score";
    score.setAttribute("role", "status");
    var retry = document.createElement("button");
    retry.type = "button";
    retry.className = "md-button quiz-summary__retry";
    retry.textContent = "Retry the ones I missed";
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "md-button quiz-summary__reset";
    reset.textContent = "Reset my answers";
    summary.appendChild(score);
    summary.appendChild(retry);
    summary.appendChild(reset);

    retry.addEventListener("click", function () {
      var store = loadStore();
      var first = null;
      summaryIds(summary).forEach(function (id) {
        var entry = store.questions[id];
        var quiz = root.querySelector('.quiz[data-quiz-id="' + id + '"]');
        if (!quiz) return;
        if (entry && !entry.correct) {
          resetQuiz(quiz);
          quiz.hidden = false;
          first = first || quiz;
        } else {
          quiz.hidden = true; // show only the missed ones until reset
        }
      });
      summary.setAttribute("data-retrying", "true");
      if (first) {
        first.scrollIntoView({ block: "start" });
        var input = first.querySelector("input");
        if (input) input.focus();
      }
    });

    reset.addEventListener("click", function () {
      var ids = summaryIds(summary);
      forget(ids);
      ids.forEach(function (id) {
        var quiz = root.querySelector('.quiz[data-quiz-id="' + id + '"]');
        if (quiz) { resetQuiz(quiz); quiz.hidden = false; }
      });
      summary.removeAttribute("data-retrying");
      updateSummaries(root);
    });
  }

  // -- Wiring ----------------------------------------------------------------------------------
  function init(root) {
    root = root || document;
    var store = loadStore();
    Array.prototype.forEach.call(root.querySelectorAll(".quiz[data-quiz-id]"), function (quiz) {
      if (quiz.getAttribute("data-quiz-ready") === "true") return;
      quiz.setAttribute("data-quiz-ready", "true");
      var id = quiz.getAttribute("data-quiz-id");
      var button = quiz.querySelector(".quiz__check");
      if (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
          var result = grade(quiz);
          showResult(quiz, result);
          if (result && !result.invalid) {
            record(id, result.correct);
            updateSummaries(document);
          }
        });
      }
      var previous = store.questions[id];
      var s = status(quiz);
      if (previous && s) {
        s.textContent = "Last time you answered this " + (previous.correct ? "correctly" : "incorrectly") + ".";
      }
    });
    Array.prototype.forEach.call(root.querySelectorAll(".quiz-summary"), function (summary) {
      buildSummary(summary, document);
    });
    updateSummaries(document);
  }

  window.mlGuideQuiz = { init: init, loadStore: loadStore, STORE_KEY: progress.QUIZ_KEY };
  // init() skips what it has already wired, so starting on every page (and twice) is safe.
  progress.onEveryPage(function () { init(document); });
})();
