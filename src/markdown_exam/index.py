"""The build-time quiz index, `quiz-index.json`: every question of the site, page by page.

```text
{"version": 1, "pages": {"concepts/bias-variance/": [{"id", "type", "anchor", "line"}, ...]}}
```

The key is the page's URL (relative to the site root), `anchor` the question's HTML id on that
page and `line` the line of its `/// quiz` in the page's source file. The hook
`hooks/quiz_index.py` feeds it each page as MkDocs reads it, fails the build on any problem, and
writes the file into the site.
"""

from __future__ import annotations

import json
from pathlib import Path

from guide_tools.paths import display
from guide_tools.problems import Problem
from markdown_exam import followups
from markdown_exam.check import duplicates, read_page
from markdown_exam.model import Quiz

__all__ = ["FILE_NAME", "VERSION", "QuizIndex"]

VERSION = 1
"""Version of the index's format, its `"version"` field, bumped when the format changes."""

FILE_NAME = "quiz-index.json"
"""Name of the index file, written at the root of the built site."""


class QuizIndex:
    r"""The quizzes of the site, collected page by page during a build.

    `hooks/quiz_index.py` makes one per build, calls
    [`add_page`][markdown_exam.index.QuizIndex.add_page] for every page and
    [`write`][markdown_exam.index.QuizIndex.write] at the end.

    Attributes:
        pages: The quizzes of each page with any, by URL.
        seen: The first quiz of each id, to report an id used again.

    Examples:
        >>> from pathlib import Path
        >>> from markdown_exam.index import QuizIndex
        >>> page = "/// quiz\n    id: demo-unit\n    type: short\nUnit?\n\n= none\n\nWhy.\n///\n"
        >>> index = QuizIndex()
        >>> index.add_page("concepts/demo/", Path("docs/concepts/demo.md"), page)
        []
        >>> index.data()["pages"]["concepts/demo/"]
        [{'id': 'demo-unit', 'type': 'short', 'anchor': 'quiz-demo-unit', 'line': 1}]
    """

    def __init__(self) -> None:
        self.pages: dict[str, list[Quiz]] = {}
        self.seen: dict[str, Quiz] = {}
        self.followups: dict[str, list[followups.FollowUp]] = {}
        self.ids: dict[str, tuple[Path, int]] = {}  # every quiz and follow-up id so far

    def add_page(self, url: str, path: Path, text: str) -> list[Problem]:
        r"""Read a page's quizzes (and check its follow-up questions) into the index.

        Args:
            url: The page's URL relative to the site root, e.g. `concepts/metrics/`.
            path: The page's source file (its stem is the page's slug).
            text: The page's text, front matter included, so problems name the file's lines.

        Returns:
            The page's problems, ids already used on earlier pages included (by a quiz or a
            follow-up question); empty if none. Quizzes that parse are indexed either way.

        Examples:
            >>> from pathlib import Path
            >>> from markdown_exam.index import QuizIndex
            >>> page = (
            ...     "/// quiz\n    id: demo-unit\n    type: short\nUnit?\n\n= none\n\nWhy.\n///\n"
            ... )
            >>> index = QuizIndex()
            >>> index.add_page("demo/", Path("docs/demo.md"), page)
            []
            >>> problems = index.add_page("old/", Path("old/demo.md"), page)
            >>> [(problem.line, problem.message) for problem in problems]  # doctest: +ELLIPSIS
            [(2, "quiz id 'demo-unit' is already used at ...demo.md:2")]
        """
        quizzes, problems = read_page(path, text)
        problems += duplicates(quizzes, self.seen)
        items, more = followups.read_page(path, text)
        problems += more
        followup_ids = {item.id for page in self.followups.values() for item in page}
        for quiz in quizzes:  # quiz against quiz is reported above
            if quiz.id in followup_ids:
                first = self.ids[quiz.id]
                problems.append(
                    Problem(
                        path,
                        quiz.id_line,
                        f"id '{quiz.id}' is already used at {display(first[0])}:{first[1]}",
                    )
                )
            self.ids.setdefault(quiz.id, (path, quiz.id_line))
        problems += followups.duplicates(items, self.ids)
        if quizzes:
            self.pages[url] = quizzes
        if items:
            self.followups[url] = items
        return problems

    def data(self) -> dict:
        """The index as JSON-ready data.

        Returns:
            `{"version": VERSION, "pages": {url: [{"id", "type", "anchor", "line"}, ...]}}`,
            pages sorted by URL, only pages with quizzes, questions in page order.

        Examples:
            >>> from markdown_exam.index import QuizIndex
            >>> QuizIndex().data()
            {'version': 1, 'pages': {}}
        """
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
        """Write the index into the built site as [`FILE_NAME`][markdown_exam.index.FILE_NAME].

        Args:
            site_dir: The built site's folder.

        Returns:
            The written file: indented JSON, UTF-8, ending with a newline.

        Examples:
            >>> import json, tempfile
            >>> from pathlib import Path
            >>> from markdown_exam.index import QuizIndex
            >>> with tempfile.TemporaryDirectory() as site:
            ...     path = QuizIndex().write(Path(site))
            ...     print(path.name, json.loads(path.read_text()))
            quiz-index.json {'version': 1, 'pages': {}}
        """
        path = Path(site_dir) / FILE_NAME
        path.write_text(json.dumps(self.data(), indent=2) + "\n", encoding="utf-8")
        return path
