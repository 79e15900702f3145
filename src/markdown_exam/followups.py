r"""Follow-up questions: the `/// details` blocks of a chapter's follow-ups section, as data.

A chapter's "Follow-up questions" section (the H2 with id `follow-ups`) holds questions an
interviewer asks next, each with a compact answer the reader opens after trying. Each one is a
pymdownx.blocks `details` block with the `question` type and a stable id, which is its anchor on
the page and its card id on the review page and in the flashcard exports:

```markdown
/// details | Can a random forest overfit?
    type: question
    attrs: {id: ensembles-forest-overfit}

Adding trees cannot: the error converges (Breiman, 2001). The trees can, ...
///
```

A follow-up may end with a rubric, the points a strong spoken answer covers (for practising
out loud): the paragraph `A strong answer covers:` and then only `- point` lines, at least three.
The chapter renders it as a list under the answer.

They are read with the quiz parser's block finder and option reader, so a fault is reported the
same way, as `file:line: message`. Ids share the quizzes' rules (`<page slug>-<short-name>`) and
their namespace: no follow-up may reuse a quiz's id, since both are cards in one progress store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from guide_tools.paths import DOCS, display
from guide_tools.problems import Problem
from markdown_exam.parse import GOOD_ID, HEADER_LINE, QuizError, find_blocks, read_options

__all__ = [
    "KEYS",
    "MIN_RUBRIC",
    "RUBRIC_INTRO",
    "SECTION_ID",
    "FollowUp",
    "duplicates",
    "read_docs",
    "read_page",
]

SECTION_ID = "follow-ups"
"""The id of the H2 whose `/// details` blocks are the page's follow-up questions."""

_SECTION = re.compile(r"^##[ ]+.*\{[^}]*#" + SECTION_ID + r"[\s}]")
_H2 = re.compile(r"^##[ ]")
_OLD_SYNTAX = re.compile(r"^[ ]{0,3}\?{3}")  # pymdownx.details, which carries no id
RUBRIC_INTRO = "A strong answer covers:"
"""The paragraph that starts a follow-up's rubric; `- point` lines follow it to the block's end."""

MIN_RUBRIC = 3
"""The fewest points a rubric may have."""

KEYS = ("type", "attrs")
"""The options a follow-up block takes: `type: question` and `attrs: {id: ...}`."""


@dataclass
class FollowUp:
    """One follow-up question with its compact answer.

    Attributes:
        id: The stable id, `<page slug>-<short-name>`: the HTML id of its `<details>` element.
        question: The question, the block's summary (one line of inline Markdown).
        answer: The compact answer, the block's body (Markdown, unrendered).
        path: The page's source file.
        line: Line of the `/// details` line in the file.
        id_line: Line of the `attrs:` option in the file.
        rubric: The points a strong answer covers (inline Markdown each), if the block has a
            rubric; empty otherwise.

    Examples:
        >>> from pathlib import Path
        >>> from markdown_exam.followups import FollowUp
        >>> item = FollowUp(
        ...     "ensembles-oob",
        ...     "When does OOB mislead?",
        ...     "When rows repeat.",
        ...     Path("docs/concepts/ensembles.md"),
        ...     40,
        ...     42,
        ... )
        >>> item.page
        'ensembles'
    """

    id: str
    question: str
    answer: str
    path: Path
    line: int
    id_line: int
    rubric: list[str] = field(default_factory=list)

    @property
    def answer_with_rubric(self) -> str:
        """The answer and, if any, the rubric, as Markdown: what the block shows when opened.

        Returns:
            The answer, followed by the rubric's intro paragraph and its list.

        Examples:
            >>> from pathlib import Path
            >>> from markdown_exam.followups import FollowUp
            >>> item = FollowUp("metrics-x", "Q?", "A.", Path("metrics.md"), 1, 3, ["a", "b", "c"])
            >>> print(item.answer_with_rubric)
            A.
            <BLANKLINE>
            A strong answer covers:
            <BLANKLINE>
            - a
            - b
            - c
        """
        if not self.rubric:
            return self.answer
        points = "\n".join(f"- {point}" for point in self.rubric)
        return f"{self.answer}\n\n{RUBRIC_INTRO}\n\n{points}"

    @property
    def page(self) -> str:
        """The page's slug, the stem of its file.

        Returns:
            The slug, e.g. `"ensembles"`.

        Examples:
            >>> from pathlib import Path
            >>> from markdown_exam.followups import FollowUp
            >>> FollowUp("metrics-x", "Q?", "A.", Path("docs/concepts/metrics.md"), 1, 3).page
            'metrics'
        """
        return self.path.stem


def _section(lines: list[str]) -> tuple[int, int] | None:
    """The 0-based line range of the follow-ups section, heading excluded, if the page has one."""
    for start, line in enumerate(lines):
        if _SECTION.match(line):
            end = next((j for j in range(start + 1, len(lines)) if _H2.match(lines[j])), len(lines))
            return start + 1, end
    return None


def read_page(path: Path, text: str | None = None) -> tuple[list[FollowUp], list[Problem]]:
    r"""Read the follow-up questions of one page, with the lines of the page's file.

    Args:
        path: The page's source file; its stem is the page's slug.
        text: The page's text, front matter included; read from `path` if not given.

    Returns:
        The follow-ups in page order, and the problems: a `???` block (it cannot carry an id), a
        block never closed, without a question, with an option other than `type: question` and
        `attrs: {id: ...}`, with an id that does not fit the page, or without an answer.

    Examples:
        >>> from pathlib import Path
        >>> from markdown_exam.followups import read_page
        >>> page = '''# Demo
        ...
        ... ## Follow-up questions {#follow-ups}
        ...
        ... /// details | Does adding trees overfit a random forest?
        ...     type: question
        ...     attrs: {id: demo-more-trees}
        ...
        ... No: the error converges as trees are added.
        ... ///
        ...
        ... /// details | Why small trees in boosting?
        ...     type: question
        ... ///
        ...
        ... ## Self-check {#self-check}
        ... '''
        >>> found, problems = read_page(Path("docs/demo.md"), page)
        >>> [(item.id, item.line, item.id_line) for item in found]
        [('demo-more-trees', 5, 7)]
        >>> print(found[0].question, found[0].answer, sep="\n")
        Does adding trees overfit a random forest?
        No: the error converges as trees are added.
        >>> [(problem.line, problem.message) for problem in problems]
        [(12, "follow-up needs an id: 'attrs: {id: demo-<short-name>}'")]
    """
    if text is None:
        text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    span = _section(lines)
    if span is None:
        return [], []
    first, end = span
    section = "\n".join([""] * first + lines[first:end])  # keep the file's line numbers
    problems = [
        Problem(
            path,
            number,
            "follow-ups are '/// details | question' blocks with an id; '???' cannot carry one",
        )
        for number, line in enumerate(lines[first:end], start=first + 1)
        if _OLD_SYNTAX.match(line)
    ]
    found = []
    for block in find_blocks(section, name="details"):
        try:
            found.append(_parse(path, block.line, block.text, block.argument, block.closed))
        except QuizError as error:
            problems.append(Problem(path, block.line + error.line, error.message))
    return found, problems


def _parse(path: Path, line: int, text: str, argument: str | None, closed: bool) -> FollowUp:
    if not closed:
        raise QuizError(0, "follow-up block is never closed by a '///' line")
    question = (argument or "").strip()
    if not question:
        raise QuizError(0, "follow-up needs its question after the bar: '/// details | Question?'")
    body = text.split("\n")
    count = 0
    while count < len(body) and HEADER_LINE.match(body[count]):
        count += 1
    options, where = read_options(body[:count])
    for key in options:
        if key not in KEYS:
            raise QuizError(
                where[key], f"unknown follow-up option '{key}' (the options are type, attrs)"
            )
    if options.get("type") != "question":
        raise QuizError(where.get("type", 0), "follow-up needs 'type: question'")
    slug = path.stem
    attrs = options.get("attrs")
    if not isinstance(attrs, dict) or set(attrs) != {"id"}:
        raise QuizError(
            where.get("attrs", 0), f"follow-up needs an id: 'attrs: {{id: {slug}-<short-name>}}'"
        )
    item_id = str(attrs["id"])
    if not GOOD_ID.match(item_id) or not item_id.startswith(f"{slug}-"):
        raise QuizError(
            where["attrs"],
            f"follow-up id '{item_id}' must be lowercase-hyphenated and start with this page's "
            f"slug: '{slug}-<short-name>'",
        )
    rest = body[count:]
    intro = next((n for n, text in enumerate(rest) if text.strip() == RUBRIC_INTRO), len(rest))
    answer = "\n".join(rest[:intro]).strip()
    if not answer:
        raise QuizError(count + 1, f"follow-up '{item_id}' has no answer")
    rubric = _rubric(rest[intro + 1 :], count + intro + 2) if intro < len(rest) else []
    if intro < len(rest) and len(rubric) < MIN_RUBRIC:
        raise QuizError(
            count + intro + 1,
            f"a rubric needs at least {MIN_RUBRIC} '- point' lines, found {len(rubric)}",
        )
    return FollowUp(item_id, question, answer, path, line, line + where["attrs"], rubric)


def _rubric(lines: list[str], first: int) -> list[str]:
    """The `- point` items after the rubric's intro; `first` is the block line of `lines[0]`."""
    points: list[str] = []
    for number, text in enumerate(lines, start=first):
        if not text.strip():
            continue
        if text.startswith("- ") and text[2:].strip():
            points.append(text[2:].strip())
        elif points and text.startswith("  "):  # a point wrapped onto the next line
            points[-1] += " " + text.strip()
        else:
            raise QuizError(
                number,
                f"after '{RUBRIC_INTRO}' only '- point' lines may follow, not {text.strip()!r}",
            )
    return points


def duplicates(followups: Iterable[FollowUp], seen: dict[str, tuple[Path, int]]) -> list[Problem]:
    """Report ids seen before (as a quiz or a follow-up), each where it is used again.

    Args:
        followups: Follow-ups read with [`read_page`][markdown_exam.followups.read_page].
        seen: Where each id was first used, `(path, line)`; updated with the new ids.

    Returns:
        One problem per reused id, at its `attrs:` line.

    Examples:
        >>> from pathlib import Path
        >>> from markdown_exam.followups import FollowUp, duplicates
        >>> page = Path("docs/concepts/metrics.md")
        >>> seen = {"metrics-auc": (page, 10)}  # a quiz's id and line
        >>> item = FollowUp("metrics-auc", "Q?", "A.", page, 50, 52)
        >>> [(problem.line, problem.message) for problem in duplicates([item], seen)]
        [(52, "id 'metrics-auc' is already used at docs/concepts/metrics.md:10")]
    """
    problems = []
    for item in followups:
        first = seen.setdefault(item.id, (item.path, item.id_line))
        if first != (item.path, item.id_line):
            problems.append(
                Problem(
                    item.path,
                    item.id_line,
                    f"id '{item.id}' is already used at {display(first[0])}:{first[1]}",
                )
            )
    return problems


def read_docs(docs_dir: Path = DOCS) -> tuple[list[FollowUp], list[Problem]]:
    r"""Read every follow-up question on the site, and every problem with them.

    Ids must be unique across the follow-ups and the quizzes of the whole site.

    Args:
        docs_dir: The docs folder; every `*.md` file under it is read, in sorted path order.

    Returns:
        The follow-ups that parse, page by page, and the problems.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> from markdown_exam.followups import read_docs
        >>> page = '''## Follow-up questions {#follow-ups}
        ...
        ... /// details | Unit of a learning rate?
        ...     type: question
        ...     attrs: {id: demo-unit}
        ...
        ... None.
        ... ///
        ...
        ... /// quiz
        ...     id: demo-unit
        ...     type: short
        ... Unit?
        ...
        ... = none
        ...
        ... Why.
        ... ///
        ... '''
        >>> with tempfile.TemporaryDirectory() as docs:
        ...     _ = Path(docs, "demo.md").write_text(page)
        ...     found, problems = read_docs(Path(docs))
        >>> [item.id for item in found], [(p.line, p.message[:30]) for p in problems]
        (['demo-unit'], [(5, "id 'demo-unit' is already used")])
    """
    from markdown_exam.check import read_docs as read_quizzes  # here: check imports us

    quizzes, _ = read_quizzes(docs_dir)  # their own problems are the quiz checker's to report
    seen = {quiz.id: (quiz.path, quiz.id_line) for quiz in quizzes if quiz.path is not None}
    found: list[FollowUp] = []
    problems: list[Problem] = []
    for path in sorted(Path(docs_dir).rglob("*.md")):
        page_found, page_problems = read_page(path)
        problems += page_problems + duplicates(page_found, seen)
        found += page_found
    return found, problems
