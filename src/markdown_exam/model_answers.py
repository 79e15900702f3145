r"""A chapter's central question: the "Say it in the interview" section, as a mock question.

The section (the H2 with id `model-answers`) states the question its two model answers answer,
and ends with the rubric a strong spoken answer is graded against, in the follow-ups' syntax:

```markdown
## Say it in the interview {#model-answers}

The question: "Explain the bias-variance tradeoff and how you use it."

### 30-second answer {#answer-30-seconds}

"Expected squared error splits into ..."

### 2-minute answer {#answer-2-minutes}

"On Lumen's churn model ..."

A strong answer covers:

- the decomposition: bias squared, variance and noise
- ...
```

[`read_page`][markdown_exam.model_answers.read_page] reads it as a
[`FollowUp`][markdown_exam.followups.FollowUp] with the id `<slug>-model-answer` (its key in the
progress store) and both answers as its answer, so the mock interview page deals it like a
follow-up. Faults are reported as `file:line: message`.
"""

from __future__ import annotations

import re
from pathlib import Path

from guide_tools.problems import Problem
from markdown_exam.followups import MIN_RUBRIC, RUBRIC_INTRO, FollowUp, _rubric
from markdown_exam.parse import QuizError

__all__ = ["ID_SUFFIX", "LONG_ID", "QUESTION_INTRO", "SECTION_ID", "SHORT_ID", "read_page"]

SECTION_ID = "model-answers"
"""The id of the H2 that holds the chapter's model answers."""

QUESTION_INTRO = "The question:"
"""How the paragraph that states the central question starts."""

SHORT_ID, LONG_ID = "answer-30-seconds", "answer-2-minutes"
"""The ids of the H3s of the 30-second and the 2-minute answer."""

ID_SUFFIX = "model-answer"
"""The central question's id is `<slug>-model-answer`."""

_H2 = re.compile(r"^##[ ]")
_H3 = re.compile(r"^###[ ]")


def _heading_with(lines: list[str], start: int, end: int, anchor: str) -> int | None:
    pattern = re.compile(r"^#{2,3}[ ]+.*\{[^}]*#" + re.escape(anchor) + r"[\s}]")
    return next((n for n in range(start, end) if pattern.match(lines[n])), None)


def read_page(path: Path, text: str | None = None) -> tuple[FollowUp | None, list[Problem]]:
    r"""Read a chapter's central question, its two model answers and the rubric.

    Args:
        path: The page's source file; its stem is the page's slug.
        text: The page's text, front matter included; read from `path` if not given.

    Returns:
        The central question (`None` if the page has no model-answers section or states no
        question there), and the problems: a question without its two answers or its rubric, a
        rubric with fewer than three points or with other text after it.

    Examples:
        >>> from pathlib import Path
        >>> from markdown_exam.model_answers import read_page
        >>> page = '''## Say it in the interview {#model-answers}
        ...
        ... The question: "Does a random forest overfit
        ... as trees are added?"
        ...
        ... ### 30-second answer {#answer-30-seconds}
        ...
        ... "No."
        ...
        ... ### 2-minute answer {#answer-2-minutes}
        ...
        ... "No: the error converges."
        ...
        ... A strong answer covers:
        ...
        ... - the error converges
        ... - deep trees still overfit
        ... - tune leaf size
        ...
        ... ## Follow-up questions {#follow-ups}
        ... '''
        >>> item, problems = read_page(Path("docs/concepts/ensembles.md"), page)
        >>> item.id, item.question, item.line, item.rubric, problems
        ('ensembles-model-answer', 'Does a random forest overfit as trees are added?', 3, ['the error converges', 'deep trees still overfit', 'tune leaf size'], [])
        >>> print(item.answer)
        *In 30 seconds:*
        <BLANKLINE>
        "No."
        <BLANKLINE>
        *In 2 minutes:*
        <BLANKLINE>
        "No: the error converges."
    """  # noqa: E501
    if text is None:
        text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    head = _heading_with(lines, 0, len(lines), SECTION_ID)
    if head is None or not lines[head].startswith("## "):
        return None, []
    end = next((n for n in range(head + 1, len(lines)) if _H2.match(lines[n])), len(lines))
    at = next((n for n in range(head + 1, end) if lines[n].startswith(QUESTION_INTRO)), None)
    if at is None:
        return None, []
    stop = next((n for n in range(at, end) if not lines[n].strip()), end)
    question = " ".join(line.strip() for line in lines[at:stop])[len(QUESTION_INTRO) :].strip()
    question = question.strip('"“”').strip()
    if not question:
        return None, [Problem(path, at + 1, f"'{QUESTION_INTRO}' needs the question after it")]
    short, long = (_heading_with(lines, head + 1, end, a) for a in (SHORT_ID, LONG_ID))
    if short is None or long is None or not at < short < long:
        return None, [
            Problem(
                path,
                at + 1,
                f"the central question needs the '{{#{SHORT_ID}}}' and then the '{{#{LONG_ID}}}' "
                "H3 after it",
            )
        ]
    intro = next((n for n in range(long + 1, end) if lines[n].strip() == RUBRIC_INTRO), None)
    if intro is None:
        return None, [
            Problem(
                path,
                long + 1,
                f"the central question needs a rubric after the 2-minute answer: "
                f"'{RUBRIC_INTRO}' and at least {MIN_RUBRIC} '- point' lines",
            )
        ]
    short_end = next((n for n in range(short + 1, long) if _H3.match(lines[n])), long)
    short_text = "\n".join(lines[short + 1 : short_end]).strip()
    long_text = "\n".join(lines[long + 1 : intro]).strip()
    if not short_text or not long_text:
        which = short if not short_text else long
        return None, [Problem(path, which + 1, "this model answer is empty")]
    try:
        rubric = _rubric(lines[intro + 1 : end], intro + 2)
    except QuizError as error:
        return None, [Problem(path, error.line, error.message)]
    if len(rubric) < MIN_RUBRIC:
        return None, [
            Problem(
                path,
                intro + 1,
                f"a rubric needs at least {MIN_RUBRIC} '- point' lines, found {len(rubric)}",
            )
        ]
    answer = f"*In 30 seconds:*\n\n{short_text}\n\n*In 2 minutes:*\n\n{long_text}"
    item_id = f"{path.stem}-{ID_SUFFIX}"
    return FollowUp(item_id, question, answer, path, at + 1, at + 1, rubric), []
