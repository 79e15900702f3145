"""The mock interview page's questions: each chapter's central question and rubric follow-ups.

A chapter's central question (stated in its model-answers section, with a rubric after the
2-minute answer, read by [`markdown_exam.model_answers`][markdown_exam.model_answers]) and each
follow-up question with a rubric (the paragraph `A strong answer covers:` and at least three
`- point` lines, read by [`markdown_exam.followups`][markdown_exam.followups]) is a mock interview
question: the reader answers it out loud against a countdown, then reads the model answer and
ticks the rubric points they covered. The chapter stays the one source: it shows the same question,
answer and rubric in its follow-ups section.

The mock interview page (`docs/mock-interview/index.md`) marks where the questions go with the line
[`MARKER`][guide_tools.mock_page.MARKER]; `hooks/mock_interview.py` replaces it with
[`questions_markdown`][guide_tools.mock_page.questions_markdown], so the page's own Markdown
renders them with the chapters' extensions (math, code, links). mock.js deals them. Relative links
in an answer are rewritten to stay right from the page's folder.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from guide_tools.chapters import SLUGS
from guide_tools.paths import DOCS, display
from guide_tools.review_page import chapter_titles, relink, replace_marker
from markdown_exam import model_answers
from markdown_exam.followups import read_page as read_followups

__all__ = ["MARKER", "MockError", "MockQuestion", "fill", "questions_markdown", "read_questions"]

MARKER = "<!-- mock-questions -->"
"""The line of the mock interview page that the questions replace."""


class MockError(Exception):
    """A page without its marker line, or a chapter whose follow-ups cannot be read."""


@dataclass
class MockQuestion:
    """One mock interview question.

    Attributes:
        id: The question's key in the progress store: the follow-up's id, or
            `<slug>-model-answer` for the central question.
        chapter: The chapter's slug.
        anchor: Where the question is on its chapter page: the follow-up's id, or
            `model-answers`.
        question: The question, inline Markdown.
        answer: The model answer, Markdown.
        rubric: The points a strong answer covers, each inline Markdown (at least three).
    """

    id: str
    chapter: str
    anchor: str
    question: str
    answer: str
    rubric: list[str]


def read_questions(
    docs_dir: Path = DOCS, page: Path | None = None, order: tuple[str, ...] = SLUGS
) -> list[MockQuestion]:
    """Every mock question, chapter by chapter in `order`: the central question, then the
    follow-ups with a rubric in page order.

    Args:
        docs_dir: The docs folder.
        page: The page the questions are shown on, which relative links are rewritten for
            (`docs_dir/mock-interview/index.md` by default).
        order: The chapters' slugs in reading order (the site's nav).

    Returns:
        The questions; follow-ups without a rubric are not mock questions and are left out, and
        so is a central question the chapter does not state (the chapter check reports it).

    Raises:
        MockError: If a chapter's follow-ups or central question do not parse (the message names
            the file and line; `make check-sources` reports the same).
    """
    page = page or docs_dir / "mock-interview" / "index.md"
    questions = []
    for slug in order:
        path = docs_dir / "concepts" / f"{slug}.md"
        text = path.read_text(encoding="utf-8")
        found, problems = read_followups(path, text)
        central, central_problems = model_answers.read_page(path, text)
        if problems or central_problems:
            faults = sorted(problems + central_problems)
            raise MockError("\n".join(str(problem) for problem in faults))
        anchors = {item.id: item.id for item in found}
        if central is not None:
            found.insert(0, central)
            anchors[central.id] = model_answers.SECTION_ID
        for item in found:
            if not item.rubric:
                continue
            questions.append(
                MockQuestion(
                    item.id,
                    slug,
                    anchors[item.id],
                    item.question,
                    relink(item.answer, path, page, docs_dir),
                    [relink(point, path, page, docs_dir) for point in item.rubric],
                )
            )
    return questions


def questions_markdown(questions: list[MockQuestion], titles: dict[str, str]) -> str:
    """The questions as Markdown for the page: one hidden `<section>` per question.

    Each section holds the question (`.mock-question__prompt`), the model answer
    (`.mock-question__answer`), the rubric as a list (`.mock-question__rubric`) and a link to
    the question in its chapter (`.mock-question__source`).

    Args:
        questions: From [`read_questions`][guide_tools.mock_page.read_questions].
        titles: Each chapter's title, by slug.

    Returns:
        Markdown (with md_in_html blocks) that replaces the page's marker line.
    """
    parts = ['<div class="mock-bank" data-mock-bank hidden markdown="block">\n']
    for item in questions:
        title = html.escape(titles[item.chapter], quote=True)
        points = "\n".join(f"- {point}" for point in item.rubric)
        parts.append(
            f'<section class="mock-question" data-question-id="{item.id}" '
            f'data-chapter="{item.chapter}" data-chapter-title="{title}" hidden '
            'markdown="block">\n\n'
            f'<div class="mock-question__prompt" markdown="block">\n\n{item.question}\n\n</div>\n\n'
            f'<div class="mock-question__answer" markdown="block">\n\n{item.answer}\n\n</div>\n\n'
            f'<div class="mock-question__rubric" markdown="block">\n\n{points}\n\n</div>\n\n'
            f'<p class="mock-question__source" markdown="span">[In the chapter: {title}]'
            f"(../concepts/{item.chapter}.md#{item.anchor})</p>\n\n"
            "</section>\n"
        )
    parts.append("</div>")
    return "\n".join(parts)


def fill(
    markdown: str, src_path: Path, docs_dir: Path = DOCS, order: tuple[str, ...] = SLUGS
) -> str:
    """The mock interview page's Markdown with its marker line replaced by the questions.

    Args:
        markdown: The page's Markdown.
        src_path: The page's source file (for messages and relative links).
        docs_dir: The docs folder.
        order: The chapters' slugs in reading order (the site's nav).

    Returns:
        The page's Markdown with the questions in place of the marker.

    Raises:
        MockError: If the marker is missing or appears more than once, a chapter's follow-ups
            do not parse, or a chapter has no mock question.
    """

    def build(line: int) -> str:
        questions = read_questions(docs_dir, src_path, order)
        empty = [slug for slug in order if not any(q.chapter == slug for q in questions)]
        if empty:
            raise MockError(
                f"{display(src_path)}:{line}: no mock questions (follow-ups with a rubric) in "
                + ", ".join(f"concepts/{slug}.md" for slug in empty)
            )
        return questions_markdown(questions, chapter_titles(docs_dir, order))

    return replace_marker(
        markdown,
        MARKER,
        build,
        lambda found: MockError(
            f"{display(src_path)}: the mock interview page needs the line {MARKER} exactly once "
            f"(found {found})"
        ),
    )
