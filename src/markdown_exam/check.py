"""Check every quiz in the docs and name the file and line of each fault.

Run it as ``python -m markdown_exam.check docs/`` (``make check-sources`` does). It finds the
``/// quiz`` blocks of every page (not those shown inside code fences), parses each with the
parser the site build uses, and also rejects an unclosed block, an id that does not start with
its page's slug, and an id used twice anywhere on the site.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from guide_tools.paths import DOCS, display
from guide_tools.problems import Problem, report
from markdown_exam.model import Quiz
from markdown_exam.parse import QuizError, find_blocks, parse


def read_page(path: Path, text: str | None = None) -> tuple[list[Quiz], list[Problem]]:
    """The page's quizzes (with file lines) and the problems of those that do not parse."""
    if text is None:
        text = path.read_text(encoding="utf-8")
    quizzes, problems = [], []
    for block in find_blocks(text):
        if not block.closed:
            problems.append(Problem(path, block.line, "quiz block is never closed by a '///' line"))
            continue
        try:
            quiz = parse(block.text, block.argument, page=path.stem)
        except QuizError as error:
            problems.append(Problem(path, block.line + error.line, error.message))
            continue
        quiz.path, quiz.line = path, block.line
        quiz.id_line += block.line
        for item in [*quiz.options, *quiz.answers]:
            item.line += block.line
        quizzes.append(quiz)
    return quizzes, problems


def duplicates(quizzes: Iterable[Quiz], seen: dict[str, Quiz]) -> list[Problem]:
    """Ids already in ``seen`` (which is updated), each reported where it is used again."""
    problems = []
    for quiz in quizzes:
        first = seen.setdefault(quiz.id, quiz)
        if first is not quiz:
            assert first.path is not None and quiz.path is not None
            problems.append(
                Problem(
                    quiz.path,
                    quiz.id_line,
                    f"quiz id '{quiz.id}' is already used at {display(first.path)}:{first.id_line}",
                )
            )
    return problems


def read_docs(docs_dir: Path = DOCS) -> tuple[list[Quiz], list[Problem]]:
    """Every quiz on the site, in page order, and every problem with them."""
    quizzes: list[Quiz] = []
    problems: list[Problem] = []
    seen: dict[str, Quiz] = {}
    for path in sorted(Path(docs_dir).rglob("*.md")):
        found, page_problems = read_page(path)
        problems += page_problems + duplicates(found, seen)
        quizzes += found
    return quizzes, problems


def check(docs_dir: Path = DOCS) -> list[Problem]:
    return read_docs(docs_dir)[1]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    return report(check(Path(args[0]) if args else DOCS), "quiz")


if __name__ == "__main__":
    sys.exit(main())
