"""The build-time quiz index, ``quiz-index.json``: every question of the site, page by page.

``{"version": 1, "pages": {"concepts/bias-variance/": [{"id", "type", "anchor", "line"}, ...]}}``
where the key is the page's URL (relative to the site root), ``anchor`` the question's HTML id
on that page and ``line`` the line of its ``/// quiz`` in the page's source file. The hook
``hooks/quiz_index.py`` feeds it each page as MkDocs reads it.
"""

from __future__ import annotations

import json
from pathlib import Path

from guide_tools.problems import Problem
from markdown_exam.check import duplicates, read_page
from markdown_exam.model import Quiz

VERSION = 1
FILE_NAME = "quiz-index.json"


class QuizIndex:
    def __init__(self) -> None:
        self.pages: dict[str, list[Quiz]] = {}
        self.seen: dict[str, Quiz] = {}

    def add_page(self, url: str, path: Path, text: str) -> list[Problem]:
        """Read a page's quizzes; return its problems (ids used on earlier pages included)."""
        quizzes, problems = read_page(path, text)
        problems += duplicates(quizzes, self.seen)
        if quizzes:
            self.pages[url] = quizzes
        return problems

    def data(self) -> dict:
        return {
            "version": VERSION,
            "pages": {
                url: [
                    {"id": q.id, "type": q.type, "anchor": q.anchor, "line": q.line}
                    for q in quizzes
                ]
                for url, quizzes in sorted(self.pages.items())
            },
        }

    def write(self, site_dir: Path) -> Path:
        path = Path(site_dir) / FILE_NAME
        path.write_text(json.dumps(self.data(), indent=2) + "\n", encoding="utf-8")
        return path
