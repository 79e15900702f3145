"""The chapter contract checker: the real pages pass, and each fault names file and line."""

from __future__ import annotations

import textwrap

import pytest

from guide_tools import chapters


def test_every_page_meets_the_contract():
    problems = chapters.check()
    assert not problems, "\n".join(map(str, problems))


FRONT = """\
---
title: Bias-variance tradeoff
description: A short description.
tags: [fundamentals]
prerequisites: []
study_minutes: 60
---
"""
RUBRIC = "\n\nA strong answer covers:\n\n- one point\n- another point\n- a third point"
FOLLOW_UPS = "".join(
    f"/// details | Q{i}?\n    type: question\n    attrs: {{id: bias-variance-q{i}}}\n\n"
    f"Answer {i}.{RUBRIC if i < 5 else ''}\n///\n\n"
    for i in range(8)
)
WORDS = " ".join(["word"] * 2600)
ANSWERS = (
    '## Say it {#model-answers}\n\nThe question: "Why?"\n\n'
    '### 30-second answer {#answer-30-seconds}\n\n"Because."\n\n'
    '### 2-minute answer {#answer-2-minutes}\n\n"Because, at length."' + RUBRIC + "\n"
)


def quiz(n: int, kind: str = "single", stem: str = "A question?") -> str:
    if kind in ("single", "multiple"):
        body = "- [x] yes\n    > Right.\n- [x] also\n    > Right.\n" if kind == "multiple" else ""
        body = body or "- [x] yes\n    > Right.\n- [ ] no\n    > Wrong.\n"
    else:
        body = "= an answer\n"
    return (
        f"/// quiz\n    id: bias-variance-q{n}\n    type: {kind}\n{stem}\n\n{body}\n"
        "Because.\n///\n\n"
    )


CODE_STEM = "What is wrong?\n\n```python\nx = 1\n```"
QUIZZES = (
    quiz(0, stem=CODE_STEM)
    + quiz(
        1,
        stem="What does it show?\n\n![A figure of the validation error against tree depth](f.svg)",
    )
    + quiz(2, "multiple")
    + quiz(3, "short")
    + "".join(quiz(n) for n in range(4, 10))
)


def chapter_text(**replace: str) -> str:
    sections = {
        "tldr": "## In one minute {#tldr}\n\n" + WORDS + "\n",
        "probe": "## What interviewers probe {#what-interviewers-probe}\n\nText.\n",
        "one": '## Idea one {#idea-one}\n\n```python\n--8<-- "snippets/bias-variance/a.py:x"\n```',
        "two": '## Idea two {#idea-two}\n\n```python\n--8<-- "snippets/bias-variance/b.py:y"\n```\n'
        + "\n![A figure that shows the error falling as data grows](f.svg)\n",
        "guide": "## Decision guide {#decision-guide}\n\nTable.\n",
        "pitfalls": "## Pitfalls {#pitfalls}\n\nText.\n",
        "answers": ANSWERS,
        "follow": "## Follow-up questions {#follow-ups}\n\n" + FOLLOW_UPS,
        "quiz": "## Self-check {#self-check}\n\n" + QUIZZES,
        "reading": "## Further reading {#further-reading}\n\n- A book.\n",
    }
    sections.update(replace)
    return FRONT + "\n# Bias-variance tradeoff\n\n" + "\n".join(sections.values())


@pytest.fixture
def check(tmp_path):
    def run(text: str, name: str = "bias-variance.md") -> list[str]:
        page = tmp_path / "concepts" / name
        page.parent.mkdir(exist_ok=True)
        page.write_text(textwrap.dedent(text), encoding="utf-8")
        return [str(p).replace(f"{tmp_path}/", "") for p in chapters.check(tmp_path)]

    return run


def test_a_complete_chapter_passes(check):
    assert check(chapter_text()) == []


def test_heading_without_id_names_its_line(check):
    text = chapter_text(pitfalls="## Pitfalls\n\nText.\n")
    [problem] = [p for p in check(text) if "needs an explicit id" in p]
    path, line, _ = problem.split(":", 2)
    assert path == "concepts/bias-variance.md"
    assert text.splitlines()[int(line) - 1] == "## Pitfalls"


def test_duplicate_id_names_both_lines(check):
    problems = check(chapter_text(pitfalls="## Pitfalls {#idea-one}\n\nText.\n"))
    assert any("id 'idea-one' is already used on line" in p for p in problems)


def test_uppercase_id(check):
    problems = check(chapter_text(pitfalls="## Pitfalls {#Pitfalls}\n\nText.\n"))
    assert any("id 'Pitfalls' must be lowercase-hyphenated" in p for p in problems)


def test_missing_contract_section(check):
    problems = check(chapter_text(guide=""))
    assert "concepts/bias-variance.md:1: chapter lacks the '## ... {#decision-guide}' section" in (
        problems
    )


def test_description_too_long_names_its_line(check):
    text = chapter_text().replace("A short description.", "x" * 161)
    assert "concepts/bias-variance.md:3: description is 161 characters (at most 160)" in check(text)


def test_unknown_prerequisite(check):
    text = chapter_text().replace("prerequisites: []", "prerequisites: [statistics]")
    assert any(":5: prerequisite 'statistics' is not another written chapter" in p
               for p in check(text))  # fmt: skip


def test_image_without_alt_text_names_its_line(check):
    text = chapter_text(quiz="").replace(
        "A figure that shows the error falling as data grows", "plot"
    )
    [problem] = [p for p in check(text) if "alt text" in p]
    line = int(problem.split(":")[1])
    assert text.splitlines()[line - 1].startswith("![plot]")


def test_teaching_section_without_snippet(check):
    problems = check(chapter_text(one="## Idea one {#idea-one}\n\nOnly words.\n"))
    assert any("teaching section 'idea-one' shows no snippet" in p for p in problems)


def test_too_few_follow_ups(check):
    follow = "## Follow-up questions {#follow-ups}\n\n" + FOLLOW_UPS.split("\n\n/// ")[0] + "\n"
    assert any("1 collapsible follow-ups" in p for p in check(chapter_text(follow=follow)))


def test_too_few_mock_questions(check):
    follow = "## Follow-up questions {#follow-ups}\n\n" + FOLLOW_UPS.replace(RUBRIC, "", 2)
    text = chapter_text(follow=follow)
    [problem] = [p for p in check(text) if "with a rubric" in p]
    assert "3 follow-ups with a rubric" in problem and "(want at least 5)" in problem
    line = int(problem.split(":")[1])
    assert text.splitlines()[line - 1].startswith("## Follow-up questions")


def test_model_answers_without_the_central_question(check):
    answers = ANSWERS.replace('The question: "Why?"\n\n', "")
    text = chapter_text(answers=answers)
    [problem] = [p for p in check(text) if "central question" in p]
    line = int(problem.split(":")[1])
    assert text.splitlines()[line - 1].startswith("## Say it {#model-answers}")


def test_word_count(check):
    problems = check(chapter_text(tldr="## In one minute {#tldr}\n\nShort.\n"))
    assert any("words of prose (want 2500-5000)" in p for p in problems)


def test_quizzes_are_not_counted_as_prose(check):
    quiz = (
        "/// quiz\n    id: bias-variance-x\n" + " ".join(["question"] * 3000) + "\n\n"
        "- [x] yes\n    > Right.\n- [ ] no\n    > Wrong.\n\nExplanation.\n///\n"
    )
    text = chapter_text(answers="## Say it {#model-answers}\n\n" + quiz)
    assert not [p for p in check(text) if "words of prose" in p]
    prose = chapter_text(answers="## Say it {#model-answers}\n\n" + " ".join(["w"] * 3000))
    assert any("words of prose" in p for p in check(prose))


def test_unknown_slug(check):
    problems = check(chapter_text(), name="statistics.md")
    assert any("'statistics' is not one of the chapter slugs" in p for p in problems)


def test_page_without_front_matter(check, tmp_path):
    (tmp_path / "about.md").write_text("# About\n", encoding="utf-8")
    assert "about.md:1: page has no front matter (--- block with title, description)" in check(
        chapter_text()
    )


def test_invalid_front_matter_yaml_names_its_line(check):
    text = chapter_text().replace("tags: [fundamentals]", "tags: [fundamentals")
    assert any(p.startswith("concepts/bias-variance.md:") and "not valid YAML" in p
               for p in check(text))  # fmt: skip


def test_image_without_alt_text_on_any_page(check, tmp_path):
    (tmp_path / "about.md").write_text(
        "---\ntitle: About\ndescription: About the guide.\n---\n# About\n\n![](x.svg)\n",
        encoding="utf-8",
    )
    assert any(
        p.startswith("about.md:7: image x.svg needs alt text") for p in check(chapter_text())
    )


def test_too_few_quiz_questions(check):
    problems = check(chapter_text(quiz="## Self-check {#self-check}\n\n" + quiz(1) + quiz(2)))
    assert any(":" in p and "2 quiz questions (want at least 10)" in p for p in problems)


def test_quiz_lacks_a_type_and_code_questions(check):
    plain = "".join(quiz(n) for n in range(10))
    problems = check(chapter_text(quiz="## Self-check {#self-check}\n\n" + plain))
    assert any("no 'multiple' question in the quiz" in p for p in problems)
    assert any("no 'short' question in the quiz" in p for p in problems)
    assert any("0 questions show code or a figure (want at least 2)" in p for p in problems)


def test_missing_self_check_section(check):
    problems = check(chapter_text(quiz=""))
    assert "concepts/bias-variance.md:1: chapter lacks the '## ... {#self-check}' section" in (
        problems
    )
