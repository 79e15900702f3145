r"""Self-check quizzes for the guide: `/// quiz` blocks in Markdown, one parser for every use.

A quiz is written once, in the page's Markdown. One parser reads it into one data model, and
every use reads that data: the checker, the site build (the Python-Markdown extension), the
build's question index and the exports. The modules:

- [`model`][markdown_exam.model]: the [`Quiz`][markdown_exam.model.Quiz] dataclasses and the
  grading rule.
- [`parse`][markdown_exam.parse]: find the blocks of a page and parse one
  ([`QuizError`][markdown_exam.parse.QuizError] on a fault).
- [`check`][markdown_exam.check]: `python -m markdown_exam.check docs` names the file and line
  of every fault.
- [`followups`][markdown_exam.followups]: the follow-up questions of a chapter, `/// details`
  blocks with ids, read and checked the same way.
- `extension` and `render`: the Python-Markdown extension, registered as `markdown_exam` (see
  `markdown_extensions` in `mkdocs.yml`), which turns each block into the HTML below.
- [`index`][markdown_exam.index]: `quiz-index.json`, written by `hooks/quiz_index.py`.
- [`export`][markdown_exam.export]: [`questions(docs_dir)`][markdown_exam.export.questions],
  every question of the site as data.

# Authoring syntax

```markdown
/// quiz
    id: bias-variance-complexity
    type: single
Increasing model complexity usually...

- [ ] increases bias
    > No: bias falls as the model becomes more flexible.
- [x] increases variance
    > Right: a flexible model also fits the noise in its training sample.

Explanation shown after answering (Markdown).
///
```

Options: `id` (required, `<page slug>-<short-name>`, unique on the site), `type` (single,
multiple, short, numeric; default single), `tolerance` (numeric only, absolute, default 0).
Short and numeric questions give `= answer` lines instead of options (short: one or more,
compared case- and whitespace-insensitively; numeric: one number), each optionally followed by an
indented `> feedback` line.

# HTML contract

What quiz.js and quiz.css rely on; it works without JavaScript. Per question, in page order:

```text
<div class="quiz" id="quiz-ID" data-quiz-id="ID" data-quiz-type="single|multiple|short|numeric"
     data-answers="JSON"                 choice: values of the correct options, ["2"]
                                         short: accepted answers, normalised, ["noise"]
                                         numeric: [0.34]
     data-answer="0.34" data-tolerance="0.005">          numeric only
  <fieldset class="quiz__fieldset" aria-describedby="quiz-ID-stem">
    <legend class="quiz__legend">Question N</legend>    N counts the page's questions
    <div class="quiz__stem" id="quiz-ID-stem">...stem HTML...</div>

    single / multiple:
    <ul class="quiz__options">
      <li class="quiz__option" data-correct="true|false">
        <input class="quiz__input" type="radio|checkbox" id="quiz-ID-K" name="quiz-ID"
               value="K">                                K = 1, 2, ... in source order
        <label class="quiz__label" for="quiz-ID-K">option text (phrasing content)</label>
        <div class="quiz__feedback" id="quiz-ID-K-feedback" data-correct="true|false"
             hidden>feedback HTML</div>
      </li>
    </ul>

    short / numeric:
    <div class="quiz__response">
      <label class="quiz__label" for="quiz-ID-answer">Your answer</label>
      <input class="quiz__input" type="text" id="quiz-ID-answer" name="quiz-ID"
             autocomplete="off" spellcheck="false" [inputmode="decimal": numeric]>
      <div class="quiz__feedback" id="quiz-ID-answer-K-feedback" data-correct="true"
           data-answer="normalised accepted answer" hidden>...</div>  only where written
    </div>

    <button type="button" class="quiz__check" hidden>Check</button>   JS un-hides it
    <p class="quiz__status" role="status" aria-live="polite"></p>      JS writes the result
  </fieldset>
  <details class="quiz__answer">
    <summary>Show the answer</summary>
    <p class="quiz__key-label">Answer:</p>             or "Answers (all of them):" etc.
    <ul class="quiz__key"><li>correct option text / accepted answer</li>...</ul>
    <div class="quiz__explanation">explanation HTML</div>
  </details>
</div>
```

Per page: `<div class="quiz-summary" data-quiz-ids="ID1 ID2 ..."></div>` right before the
first question (empty: the JS fills in the score, "retry the ones I missed" and "reset"), and at
the end of the page, for print only (`hidden`; the CSS shows it in `@media print`):

```text
<section class="quiz-answers-print" hidden data-search-exclude>
  <h2 class="quiz-answers-print__title">Answers to the self-check questions</h2>
  <ol class="quiz-answers-print__list">
    <li class="quiz-answers-print__item" data-quiz-id="ID">
      <p class="quiz-answers-print__question">Question N</p>
      ...copies of the details' key and explanation, without their ids...
    </li>
  </ol>
</section>
```

Grading rules ([`Quiz.is_correct`][markdown_exam.model.Quiz.is_correct] is the reference):
single and multiple are right when the checked options are exactly the correct ones; short when
the typed text, normalised with `text.trim().replace(/\s+/g, " ").toLowerCase()`, equals one of
`data-answers`; numeric when `|number - data-answer| <= data-tolerance` (plus
`1e-9 * max(1, |data-answer|)`, so binary rounding never turns a boundary answer wrong). Every
input of a question shares the name `quiz-ID`; every id on the page is unique (question ids are
unique on the site). In print the real inputs are the empty boxes to answer on paper; the CSS
hides `.quiz__check`, `.quiz__status`, `.quiz__feedback`, `details.quiz__answer` and
`.quiz-summary`.
"""

from __future__ import annotations

from typing import Any


def makeExtension(**kwargs: Any):
    """Let `markdown_extensions: [markdown_exam]` load the quiz extension.

    Args:
        **kwargs: The extension's configuration (it takes none).

    Returns:
        A new `markdown_exam.extension.QuizExtension`.
    """
    from markdown_exam.extension import QuizExtension

    return QuizExtension(**kwargs)
