"""Each chapter's central question: stated in its model-answers section with a rubric after the
2-minute answer, read as a mock question; every fault named by file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide_tools.chapters import SLUGS
from guide_tools.paths import DOCS
from markdown_exam import check, model_answers

SECTION = """\
## Say it in the interview {#model-answers}

The question: "Can a random forest overfit
as trees are added?"

### 30-second answer {#answer-30-seconds}

"No: the error converges."

### 2-minute answer {#answer-2-minutes}

"On our churn model, 500 trees scored the same as 2,000.

Leaf size was what mattered."

A strong answer covers:

- adding trees makes the error converge
- deep trees with tiny leaves still overfit
- tune the leaf size, not the tree count

## Follow-up questions {#follow-ups}
"""
PAGE = Path("docs/concepts/ensembles.md")


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


def test_every_chapter_states_its_central_question_with_a_rubric():
    for slug in SLUGS:
        item, problems = model_answers.read_page(DOCS / "concepts" / f"{slug}.md")
        assert problems == [], problems
        assert item is not None, f"{slug}: no 'The question:' paragraph"
        assert item.id == f"{slug}-model-answer"
        assert item.question.endswith("?") or item.question.endswith(".")
        assert 4 <= len(item.rubric) <= 6, (slug, item.rubric)
        assert "*In 30 seconds:*" in item.answer and "*In 2 minutes:*" in item.answer


def test_the_question_answers_and_rubric_are_read_with_their_lines():
    item, problems = model_answers.read_page(PAGE, SECTION)
    assert problems == []
    assert item.question == "Can a random forest overfit as trees are added?"
    assert item.line == 3
    assert item.answer.split("\n\n") == [
        "*In 30 seconds:*",
        '"No: the error converges."',
        "*In 2 minutes:*",
        '"On our churn model, 500 trees scored the same as 2,000.',
        'Leaf size was what mattered."',
    ]
    assert item.rubric[2] == "tune the leaf size, not the tree count"


def test_a_section_without_a_question_is_not_a_mock_question():
    text = SECTION.replace('The question: "Can a random forest overfit\nas trees are added?"\n', "")
    assert model_answers.read_page(PAGE, text) == (None, [])
    assert model_answers.read_page(PAGE, "# No such section\n") == (None, [])


@pytest.mark.parametrize(
    ("change", "needle", "message"),
    [
        (
            ("A strong answer covers:\n\n- adding trees makes the error converge\n", ""),
            "### 2-minute answer",
            "the central question needs a rubric after the 2-minute answer",
        ),
        (
            ("- tune the leaf size, not the tree count\n", ""),
            "A strong answer covers:",
            "a rubric needs at least 3 '- point' lines, found 2",
        ),
        (
            ("- tune the leaf", "Then tune the leaf"),
            "Then tune",
            "after 'A strong answer covers:' only '- point' lines may follow",
        ),
        (
            ("### 30-second answer {#answer-30-seconds}", "### In brief {#in-brief}"),
            "The question:",
            "the central question needs the '{#answer-30-seconds}' and then the",
        ),
        (
            ('"No: the error converges."\n', ""),
            "### 30-second answer",
            "this model answer is empty",
        ),
    ],
)
def test_a_fault_is_named_at_its_line(change, needle, message):
    text = SECTION.replace(*change)
    item, problems = model_answers.read_page(PAGE, text)
    assert item is None
    [problem] = problems
    assert (problem.line, problem.message[: len(message)]) == (line_of(text, needle), message)


def test_the_checker_reports_a_bad_central_question(tmp_path):
    docs = tmp_path / "docs"
    (docs / "concepts").mkdir(parents=True)
    text = "---\ntitle: Ensembles\ndescription: D.\n---\n\n# Ensembles\n\n" + SECTION.replace(
        "- tune the leaf size, not the tree count\n", ""
    )
    (docs / "concepts" / "ensembles.md").write_text(text, encoding="utf-8")
    problems = [str(p).replace(f"{docs}/", "") for p in check.check(docs)]
    line = line_of(text, "A strong answer covers:")
    assert f"concepts/ensembles.md:{line}: a rubric needs at least 3 '- point' lines, found 2" in (
        problems
    )
