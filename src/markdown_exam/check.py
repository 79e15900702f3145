"""Check every quiz in the docs and name the file and line of each fault.

Run it as `python -m markdown_exam.check docs` (`make check-sources` does). It finds the
`/// quiz` blocks of every page (not those shown inside code fences), parses each with the
parser the site build uses, and also rejects an unclosed block, an id that does not start with
its page's slug, and an id used twice anywhere on the site. Each problem is a
`guide_tools.problems.Problem` (`path`, `line`, `message`), printed as `file:line: message`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from guide_tools.paths import DOCS, display
from guide_tools.problems import Problem, report
from markdown_exam.model import Quiz
from markdown_exam.parse import QuizError, find_blocks, parse

__all__ = ["check", "main", "read_docs", "read_page"]


def read_page(path: Path, text: str | None = None) -> tuple[list[Quiz], list[Problem]]:
    """Read the quizzes of one page, with the lines of the page's file.

    Every line number of a returned quiz (its `line`, `id_line`, and each option's and
    answer's) is a line of the file. Ids must start with the page's slug, the file's stem.
    Ids used twice are found by [`read_docs`][markdown_exam.check.read_docs], not here.

    Args:
        path: The page's source file; its stem is the page's slug.
        text: The page's text, front matter included; read from `path` if not given.

    Returns:
        The page's quizzes in page order, and the problems of the blocks that are never closed
        or do not parse (each with `path` and the file's line).

    Examples:
        >>> from pathlib import Path
        >>> from markdown_exam.check import read_page
        >>> page = '''---
        ... title: Demo
        ... ---
        ...
        ... /// quiz
        ...     id: demo-units
        ...     type: short
        ... What is the unit of ROC AUC?
        ...
        ... = none
        ...     > Right: it is a probability.
        ... = dimensionless
        ...
        ... The area under a curve of two rates has no unit.
        ... ///
        ...
        ... /// quiz
        ...     id: demo-typo
        ...     kind: short
        ... What went wrong?
        ... ///
        ... '''
        >>> quizzes, problems = read_page(Path("docs/demo.md"), page)
        >>> [(quiz.id, quiz.line, [answer.line for answer in quiz.answers]) for quiz in quizzes]
        [('demo-units', 5, [10, 12])]
        >>> [(problem.line, problem.message) for problem in problems]
        [(19, "unknown quiz option 'kind' (the options are id, type, tolerance)")]
    """
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
    """Report quiz ids seen before, each where it is used again.

    Args:
        quizzes: Quizzes read with [`read_page`][markdown_exam.check.read_page] (with paths).
        seen: The first quiz of each id so far; updated with the new ids.

    Returns:
        One problem per reused id, at its `id:` line, naming where the id was first used.
    """
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
    r"""Read every quiz on the site, and every problem with them.

    Args:
        docs_dir: The docs folder; every `*.md` file under it is read, in sorted path order.

    Returns:
        The quizzes that parse, page by page in page order, and the problems: blocks that are
        never closed or do not parse, and ids used more than once on the site.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> from markdown_exam.check import read_docs
        >>> page = "/// quiz\n    id: demo-unit\n    type: short\nUnit?\n\n= none\n\nWhy.\n///\n"
        >>> with tempfile.TemporaryDirectory() as docs:
        ...     _ = Path(docs, "demo.md").write_text(page)
        ...     Path(docs, "old").mkdir()
        ...     _ = Path(docs, "old", "demo.md").write_text(page)  # the same quiz again
        ...     quizzes, problems = read_docs(Path(docs))
        >>> [(quiz.path.name, quiz.id) for quiz in quizzes]
        [('demo.md', 'demo-unit'), ('demo.md', 'demo-unit')]
        >>> for problem in problems:
        ...     print(problem.path.parent.name, problem.line, problem.message)  # doctest: +ELLIPSIS
        old 2 quiz id 'demo-unit' is already used at .../demo.md:2
    """
    quizzes: list[Quiz] = []
    problems: list[Problem] = []
    seen: dict[str, Quiz] = {}
    for path in sorted(Path(docs_dir).rglob("*.md")):
        found, page_problems = read_page(path)
        problems += page_problems + duplicates(found, seen)
        quizzes += found
    return quizzes, problems


def check(docs_dir: Path = DOCS) -> list[Problem]:
    r"""Every problem with the quizzes and follow-up questions under `docs_dir`.

    Args:
        docs_dir: The docs folder; the repository's `docs/` by default.

    Returns:
        The problems, as [`read_docs`][markdown_exam.check.read_docs],
        [`followups.read_docs`][markdown_exam.followups.read_docs] and
        [`model_answers.read_page`][markdown_exam.model_answers.read_page] find them; empty when
        every question is fine.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> from markdown_exam.check import check
        >>> with tempfile.TemporaryDirectory() as docs:
        ...     _ = Path(docs, "demo.md").write_text("# Demo\n\n/// quiz\n    id: demo-unit\n")
        ...     problems = check(Path(docs))
        >>> [(problem.path.name, problem.line, problem.message) for problem in problems]
        [('demo.md', 3, "quiz block is never closed by a '///' line")]
    """
    from markdown_exam import followups, model_answers  # imported here: they import this module

    problems = read_docs(docs_dir)[1] + followups.read_docs(docs_dir)[1]
    for path in sorted(Path(docs_dir).rglob("*.md")):
        problems += model_answers.read_page(path)[1]
    return problems


def main(argv: list[str] | None = None) -> int:
    r"""The command line: `python -m markdown_exam.check [DOCS_DIR]`.

    Prints each problem as `file:line: message` (the file relative to the repository when it
    is inside it), sorted, then their count; prints nothing when every quiz is fine.

    Args:
        argv: The arguments after the program name: an optional docs folder (default: the
            repository's `docs/`). `None` reads `sys.argv`.

    Returns:
        The exit status: 0 if every quiz is fine, 1 if there is a problem.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> from markdown_exam.check import main
        >>> page = "/// quiz\n    id: demo-unit\n    kind: short\n///\n"
        >>> with tempfile.TemporaryDirectory() as docs:
        ...     _ = Path(docs, "demo.md").write_text(page)
        ...     status = main([docs])  # doctest: +ELLIPSIS
        /.../demo.md:3: unknown quiz option 'kind' (the options are id, type, tolerance)
        1 quiz problem(s)
        >>> status
        1
    """
    args = sys.argv[1:] if argv is None else argv
    return report(check(Path(args[0]) if args else DOCS), "quiz")


if __name__ == "__main__":
    sys.exit(main())
