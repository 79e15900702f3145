"""Every question of the site as data, for other uses (flashcards, study plans)."""

from __future__ import annotations

from pathlib import Path

from guide_tools.paths import DOCS
from markdown_exam.check import read_docs
from markdown_exam.model import Quiz

__all__ = ["questions"]


def questions(docs_dir: Path = DOCS) -> list[Quiz]:
    r"""Every quiz under `docs_dir`, in page order, refusing a site with any quiz problem.

    Args:
        docs_dir: The docs folder; the repository's `docs/` by default.

    Returns:
        The quizzes, page by page (pages in sorted path order), each with its page's `path`
        and the file's line numbers.

    Raises:
        ValueError: If any quiz has a problem; the message lists them all, one
            `file:line: message` per line.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> from markdown_exam.export import questions
        >>> page = "/// quiz\n    id: demo-unit\n    type: short\nUnit?\n\n= none\n\nWhy.\n///\n"
        >>> with tempfile.TemporaryDirectory() as docs:
        ...     _ = Path(docs, "demo.md").write_text(page)
        ...     found = questions(Path(docs))
        >>> [(quiz.id, quiz.type, quiz.line, quiz.answers[0].text) for quiz in found]
        [('demo-unit', 'short', 1, 'none')]
        >>> with tempfile.TemporaryDirectory() as docs:
        ...     _ = Path(docs, "other.md").write_text(page)  # the id does not fit the page
        ...     questions(Path(docs))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
            ...
        ValueError: /.../other.md:2: quiz id 'demo-unit' must start with this page's slug: ...
    """
    quizzes, problems = read_docs(docs_dir)
    if problems:
        raise ValueError("\n".join(str(p) for p in sorted(problems)))
    return quizzes
