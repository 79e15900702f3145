"""Every question of the site as data, for other uses (flashcards, study plans)."""

from __future__ import annotations

from pathlib import Path

from guide_tools.paths import DOCS
from markdown_exam.check import read_docs
from markdown_exam.model import Quiz


def questions(docs_dir: Path = DOCS) -> list[Quiz]:
    """All quizzes under ``docs_dir``, in page order; ValueError listing problems if any."""
    quizzes, problems = read_docs(docs_dir)
    if problems:
        raise ValueError("\n".join(str(p) for p in sorted(problems)))
    return quizzes
