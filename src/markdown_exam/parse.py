"""Read quiz blocks: find them in a page (fence-aware) and parse one into a `Quiz`.

The checker, the Markdown extension, the build index and the export all use these functions, so a
quiz means the same thing everywhere. A problem raises [`QuizError`][markdown_exam.parse.QuizError]
with a line number relative to the block: 0 is the `/// quiz` line, 1 the line after it. The
caller adds the line of `/// quiz` in the file to name the exact line, as
[`read_page`][markdown_exam.check.read_page] does.
"""

from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass
from typing import Any

import yaml

from markdown_exam.model import CHOICE_TYPES, TYPES, Answer, Option, Quiz

__all__ = ["QuizError", "RawBlock", "find_blocks", "parse"]

KEYS = ("id", "type", "tolerance")
GOOD_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")  # <slug>-<short-name>, lowercase-hyphenated


# Like pymdownx.blocks: "/// name" with three or more slashes, "| argument" optional; the closing
# line has the same number of slashes. We also find blocks nested in indented Markdown.
def opener(name: str) -> re.Pattern[str]:
    """The pattern of a `/// name` opening line, as pymdownx.blocks reads it.

    Args:
        name: The block's name, e.g. `quiz` or `details`.

    Returns:
        A pattern with the groups `indent`, `slashes` and `argument` (the text after `|`).

    Examples:
        >>> from markdown_exam.parse import opener
        >>> found = opener("details").match("/// details | Why bag?")
        >>> found["slashes"], found["argument"]
        ('///', 'Why bag?')
    """
    return re.compile(
        rf"^(?P<indent>[ ]*)(?P<slashes>/{{3,}})[ ]*{re.escape(name)}[ ]*"
        r"(?:\|[ ]*(?P<argument>.*?))?[ ]*$",
        re.I,
    )


OPENER = opener("quiz")
CLOSER = re.compile(r"^(?P<indent>[ ]*)(?P<slashes>/{3,})[ ]*$")
HEADER_LINE = re.compile(r"^[ ]{4,}\S")  # the block's option lines, as pymdownx finds them
OPTION_LINE = re.compile(r"^\s+(?P<key>[^\s:#][^\s:]*)\s*:(?:\s+(?P<value>.*?))?\s*$")
FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})(?P<rest>.*)$")
ITEM = re.compile(r"^- \[(?P<mark>[ xX])\](?:\s+(?P<text>.*?))?\s*$")
ANSWER = re.compile(r"^=(?:\s+(?P<text>.*?))?\s*$")
# Text Markdown would read as a list, heading, quote, rule, table or code: not for a <label>.
BLOCK_START = re.compile(r"^(?:\d{1,9}[.)](?:\s|$)|#{1,6}(?:\s|$)|>|[-*+](?:\s|$)|\||\$\$|```|~~~)")
NEAR_ITEM = re.compile(r"^\s{0,3}[-*+]\s*\[\s*[xX]?\s*\]")  # "-[x]", "* [ ]", "- [] ": mistakes


class QuizError(Exception):
    r"""A malformed quiz, with the line of the fault and a message saying how to fix it.

    From [`parse`][markdown_exam.parse.parse], `line` is relative to the block (0: the
    `/// quiz` line); the checker adds the block's line in the file, and the Markdown extension
    its line in the converted text. `str(error)` is `"line N: message"`.

    Args:
        line: Line of the fault (relative to the block when raised by the parser).
        message: What is wrong, in words an author can act on.

    Attributes:
        line (int): Line of the fault.
        message (str): What is wrong.

    Examples:
        >>> from markdown_exam.parse import QuizError, parse
        >>> try:
        ...     parse("    id: demo-kind\n    type: choice\nWhich one?")
        ... except QuizError as error:
        ...     print(error.line, error.message, sep="\n")
        2
        quiz type 'choice' is not one of single, multiple, short, numeric
    """

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class RawBlock:
    r"""A `/// quiz` block as found in a page by [`find_blocks`][markdown_exam.parse.find_blocks].

    Attributes:
        line: 1-based line of the `/// quiz` line in the page.
        text: The lines between the opener and the closer (to the end of the page if there is
            none), with the opener's indentation removed: what [`parse`][markdown_exam.parse.parse]
            takes.
        argument: Text after `/// quiz |`, if any (an error: quizzes take none).
        closed: Whether a closing `///` line was found.

    Examples:
        >>> from markdown_exam.parse import find_blocks
        >>> find_blocks("/// quiz\n    id: demo-open\nNo closing line")
        [RawBlock(line=1, text='    id: demo-open\nNo closing line', argument=None, closed=False)]
    """

    line: int
    text: str
    argument: str | None
    closed: bool


class _Skipper:
    """Tracks code fences and $$ display math, where quiz syntax means nothing."""

    def __init__(self) -> None:
        self.fence: str | None = None
        self.math = False

    def inside(self, line: str) -> bool:
        """Feed the next line; True if it is part of a fence or display math (delimiters too)."""
        stripped = line.strip()
        if self.fence is not None:
            m = FENCE.match(line)
            if (
                m
                and m["fence"][0] == self.fence[0]
                and len(m["fence"]) >= len(self.fence)
                and not m["rest"].strip()
            ):
                self.fence = None
            return True
        if self.math:
            self.math = not stripped.endswith("$$")
            return True
        if m := FENCE.match(line):
            self.fence = m["fence"]
            return True
        if stripped.startswith("$$") and (stripped == "$$" or not stripped.endswith("$$")):
            self.math = True
            return True
        return False


def find_blocks(text: str, name: str = "quiz") -> list[RawBlock]:
    """Every quiz block in a page, skipping code fences (a quiz shown as an example is no quiz).

    Blocks are found as pymdownx finds them: `/// quiz` with three or more slashes, closed by a
    line with the same number of slashes; blocks nested in indented Markdown (a list item, an
    admonition) count too. Fenced code and `$$` display math are skipped.

    Args:
        text: The page's Markdown, front matter included if line numbers should be the file's.
        name: The block's name; other blocks are read the same way (`details` for the
            follow-up questions, see [`followups`][markdown_exam.followups]).

    Returns:
        The blocks in page order, unclosed ones included (`closed=False`).

    Examples:
        >>> from markdown_exam.parse import find_blocks
        >>> page = '''# Self-check
        ...
        ... /// quiz
        ...     id: demo-unit
        ...     type: short
        ... What is the unit of a learning rate?
        ...
        ... = none
        ...
        ... It only scales the gradient.
        ... ///
        ...
        ... ```markdown
        ... /// quiz
        ... An example in a code fence is not a quiz.
        ... ///
        ... ```'''
        >>> blocks = find_blocks(page)
        >>> [(block.line, block.closed) for block in blocks]
        [(3, True)]
        >>> print(blocks[0].text)
            id: demo-unit
            type: short
        What is the unit of a learning rate?
        <BLANKLINE>
        = none
        <BLANKLINE>
        It only scales the gradient.
    """
    lines = text.split("\n")
    pattern = OPENER if name == "quiz" else opener(name)
    blocks, skipper, i = [], _Skipper(), 0
    while i < len(lines):
        if skipper.inside(lines[i]) or not (found := pattern.match(lines[i])):
            i += 1
            continue
        indent, slashes = len(found["indent"]), len(found["slashes"])
        inner, j = _Skipper(), i + 1
        while j < len(lines):
            closer = CLOSER.match(lines[j])
            if (
                not inner.inside(lines[j])
                and closer
                and len(closer["slashes"]) == slashes
                and len(closer["indent"]) <= indent + 3
            ):
                break
            j += 1
        body = [_dedent(line, indent) for line in lines[i + 1 : j]]
        blocks.append(RawBlock(i + 1, "\n".join(body), found["argument"], j < len(lines)))
        i = j + 1
    return blocks


def _dedent(line: str, width: int) -> str:
    return line[min(width, len(line) - len(line.lstrip(" "))) :]


def parse(text: str, argument: str | None = None, page: str | None = None) -> Quiz:
    r"""Parse the text between `/// quiz` and `///`: option lines, then the body.

    The option lines (`id:`, `type:`, `tolerance:`) are the indented lines at the top; then come
    the question, the options (`- [ ]` / `- [x]`, each with an indented `> feedback`) or answers
    (`= text`), and the explanation.

    Args:
        text: The block's text, e.g. [`RawBlock.text`][markdown_exam.parse.RawBlock].
        argument: Text after `/// quiz |`, if any; quizzes take none, so any is an error.
        page: The page's slug (its file stem); if given, the id must start with `<page>-`.

    Returns:
        The quiz, with line numbers relative to the block (0 is the `/// quiz` line).

    Raises:
        QuizError: If the quiz is malformed; its `line` is relative to the block.

    Examples:
        >>> from markdown_exam.parse import parse
        >>> quiz = parse('''    id: demo-complexity
        ... Increasing model complexity usually...
        ...
        ... - [ ] increases bias
        ...     > No: bias falls as the model becomes more flexible.
        ... - [x] increases variance
        ...     > Right: a flexible model also fits the noise in its sample.
        ...
        ... A flexible model fits the noise as well as the signal.''')
        >>> quiz.type, quiz.anchor
        ('single', 'quiz-demo-complexity')
        >>> [(option.line, option.text) for option in quiz.options if option.correct]
        [(6, 'increases variance')]
        >>> parse("    id: demo-complexity\nA question?\n\n= yes\n\nWhy.", page="metrics")
        Traceback (most recent call last):
            ...
        markdown_exam.parse.QuizError: line 1: quiz id 'demo-complexity' must start with this
        page's slug: 'metrics-<short-name>'
    """
    lines = text.split("\n") if text else []
    count = 0
    while count < len(lines) and HEADER_LINE.match(lines[count]):
        count += 1
    options, where = read_options(lines[:count])
    return build(options, lines[count:], where=where, first=count + 1, argument=argument, page=page)


def read_options(lines: list[str]) -> tuple[dict[str, Any], dict[str, int]]:
    """Read the `key: value` option lines at the top of a block.

    Args:
        lines: The indented option lines (YAML comments allowed).

    Returns:
        The values (read as YAML) by key, and each key's line relative to the block.

    Raises:
        QuizError: If a line is not `key: value`, a key is given twice, a value is not YAML, or
            the lines together are not a YAML mapping (pymdownx would then show the block as
            text).
    """
    options: dict[str, Any] = {}
    where: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if line.strip().startswith("#"):
            continue  # a YAML comment
        m = OPTION_LINE.match(line)
        if not m:
            raise QuizError(number, f"option lines are 'key: value', not {line.strip()!r}")
        key = m["key"]
        if key in options:
            raise QuizError(number, f"option '{key}' is given twice (first on line {where[key]})")
        try:
            options[key] = yaml.safe_load(m["value"] or "")
        except yaml.YAMLError:
            raise QuizError(number, f"option '{key}' has a value YAML cannot read") from None
        where[key] = number
    # pymdownx reads the same lines as one YAML mapping; if it could not, it would show the
    # block as plain text, so refuse what it would refuse.
    if lines:
        try:
            mapping = yaml.safe_load(textwrap.dedent("\n".join(lines)))
        except yaml.YAMLError:
            mapping = None
        if not isinstance(mapping, dict):
            raise QuizError(1, "option lines must read as a YAML mapping of 'key: value' lines")
    return options, where


def build(
    options: dict[str, Any],
    body: list[str],
    *,
    where: dict[str, int] | None = None,
    first: int = 1,
    argument: str | None = None,
    page: str | None = None,
) -> Quiz:
    """Make a Quiz from option values and the body lines, checking every rule.

    Args:
        options: The option values by key (from `read_options`, or from pymdownx in the
            Markdown extension).
        body: The lines after the option lines.
        where: Each option's line; without it (the Markdown extension, which gets options
            already read by pymdownx) problems with options are reported on line 0.
        first: Line of the first body line, relative to the block.
        argument: Text after `/// quiz |`, if any (an error).
        page: The page's slug; if given, the id must start with `<page>-`.

    Returns:
        The quiz, with the body's line numbers relative to the block.

    Raises:
        QuizError: If an option or the body breaks a rule.
    """
    where = where or {}
    if argument:
        raise QuizError(0, f"'/// quiz' takes no '| {argument}': give options on indented lines")
    for key in options:
        if key not in KEYS:
            raise QuizError(
                where.get(key, 0),
                f"unknown quiz option '{key}' (the options are {', '.join(KEYS)})",
            )
    quiz_id = options.get("id")
    if quiz_id is None:
        raise QuizError(
            where.get("id", 0),
            "quiz needs an 'id: <page>-<short-name>' option line, indented 4 spaces right "
            "after '/// quiz' (no blank line between)",
        )
    if not isinstance(quiz_id, str) or not GOOD_ID.match(quiz_id):
        raise QuizError(
            where.get("id", 0),
            f"quiz id {quiz_id!r} must be '<page>-<short-name>', lowercase-hyphenated",
        )
    if page is not None and not quiz_id.startswith(f"{page}-"):
        raise QuizError(
            where.get("id", 0),
            f"quiz id {quiz_id!r} must start with this page's slug: '{page}-<short-name>'",
        )
    kind = options.get("type", "single")
    if kind not in TYPES:
        raise QuizError(
            where.get("type", 0), f"quiz type {kind!r} is not one of {', '.join(TYPES)}"
        )
    tolerance = 0.0
    if "tolerance" in options:
        line = where.get("tolerance", 0)
        if kind != "numeric":
            raise QuizError(line, "'tolerance' is only for 'type: numeric' questions")
        tolerance = _number(options["tolerance"])
        if tolerance is None or tolerance < 0:
            raise QuizError(line, f"tolerance {options['tolerance']!r} must be a number >= 0")

    stem, items, explanation = _split_body(body, first)
    quiz = Quiz(
        id=quiz_id,
        type=kind,
        stem="\n".join(stem).strip("\n"),
        tolerance=tolerance,
        explanation="\n".join(explanation).strip("\n"),
        id_line=where.get("id", 0),
    )
    if not quiz.stem.strip():
        raise QuizError(0, "quiz has no question: write it before the options")
    type_line = where.get("type", 0)
    if kind in CHOICE_TYPES:
        _choices(quiz, items, type_line)
    else:
        _answers(quiz, items, type_line)
    if not quiz.explanation.strip():
        raise QuizError(
            first + len(body),
            "quiz has no explanation: write it after the options, before the closing '///'",
        )
    return quiz


@dataclass
class _Item:
    line: int
    answer: bool  # '= text' rather than '- [ ] text'
    correct: bool
    text: list[tuple[int, str]]  # the item's text: first line, then continuation lines
    feedback: str


def _split_body(body: list[str], first: int) -> tuple[list[str], list[_Item], list[str]]:
    """Split the body into the stem, the options or answers, and the explanation."""
    skipper, i, n = _Skipper(), 0, len(body)
    stem: list[str] = []
    while i < n and (skipper.inside(body[i]) or not _item_start(body[i], first + i)):
        stem.append(body[i])
        i += 1
    items: list[_Item] = []
    while i < n:
        if not body[i].strip():
            i += 1
            continue
        if not _item_start(body[i], first + i):
            break
        end = i + 1
        while end < n:
            following = end
            while following < n and not body[following].strip():
                following += 1
            if following < n and body[following][:1] in (" ", "\t"):
                end = following + 1
            else:
                break
        items.append(_item(body, i, end, first))
        i = end
    explanation = body[i:]
    skipper = _Skipper()
    for offset, line in enumerate(explanation):
        if not skipper.inside(line) and _item_start(line, first + i + offset):
            raise QuizError(
                first + i + offset, "option or answer after the explanation: put it before"
            )
    return stem, items, explanation


def _item_start(line: str, number: int) -> bool:
    if ITEM.match(line) or ANSWER.match(line):
        return True
    if NEAR_ITEM.match(line):
        raise QuizError(number, f"write options as '- [ ] text' or '- [x] text', not {line!r}")
    return False


def _item(body: list[str], start: int, end: int, first: int) -> _Item:
    """One option or answer: its first line and the indented lines under it."""
    head = body[start]
    line = first + start
    option = ITEM.match(head)
    answer = ANSWER.match(head)
    text = (option or answer)["text"] or ""  # type: ignore[index]
    rest = textwrap.dedent("\n".join(body[start + 1 : end])).split("\n") if end > start + 1 else []
    lines = [(line, text)]
    feedback: list[str] = []
    for offset, content in enumerate(rest, start=1):
        if feedback or content.startswith(">"):
            feedback.append(re.sub(r"^> ?", "", content))
        else:
            lines.append((line + offset, content))
    while len(lines) > 1 and not lines[-1][1].strip():
        lines.pop()  # blank lines between the text and its feedback
    return _Item(
        line=line,
        answer=option is None,
        correct=bool(option and option["mark"] in "xX"),
        text=lines,
        feedback="\n".join(feedback).strip("\n"),
    )


def _choices(quiz: Quiz, items: list[_Item], type_line: int) -> None:
    for item in items:
        if item.answer:
            raise QuizError(
                item.line,
                f"'= answer' lines are for short and numeric questions; a {quiz.type}-choice "
                "question lists options as '- [ ] text' / '- [x] text'",
            )
        blank = False
        for number, content in item.text[1:]:
            if FENCE.match(content) or (blank and content.strip()):
                raise QuizError(
                    number,
                    "option text must be one paragraph of inline Markdown (put code blocks "
                    "in the question); its feedback starts with '>'",
                )
            blank = not content.strip()
        text = "\n".join(content for _n, content in item.text).strip()
        if not text:
            raise QuizError(item.line, "option has no text")
        for number, content in item.text:
            if BLOCK_START.match(content.strip()):
                raise QuizError(
                    number,
                    f"option text must be one paragraph of inline Markdown: {content.strip()!r} "
                    "would start a list, heading, quote, table or code block (escape it: '\\')",
                )
        if not item.feedback.strip():
            raise QuizError(
                item.line, "option has no feedback: add an indented '> why' line under it"
            )
        quiz.options.append(Option(text, item.correct, item.feedback, item.line))
    if not quiz.options:
        raise QuizError(
            type_line, f"{quiz.type}-choice question has no options: add '- [ ] text' lines"
        )
    if len(quiz.options) < 2:
        raise QuizError(
            quiz.options[0].line, f"a {quiz.type}-choice question needs at least two options"
        )
    correct = [o for o in quiz.options if o.correct]
    if not correct:
        raise QuizError(quiz.options[0].line, "no correct option: mark the right one '- [x]'")
    if quiz.type == "single" and len(correct) > 1:
        raise QuizError(
            correct[1].line,
            f"single-choice question has {len(correct)} correct options (lines "
            f"{', '.join(str(o.line) for o in correct)} of the block): mark one, "
            "or use 'type: multiple'",
        )


def _answers(quiz: Quiz, items: list[_Item], type_line: int) -> None:
    for item in items:
        if not item.answer:
            raise QuizError(
                item.line,
                f"a {quiz.type} question takes '= answer' lines, not options '- [ ] text'",
            )
        for number, _content in item.text[1:]:
            raise QuizError(number, "only '> feedback' lines may follow an '= answer' line")
        text = item.text[0][1].strip()
        if not text:
            raise QuizError(item.line, "answer line has no answer after '='")
        quiz.answers.append(Answer(text, item.feedback, item.line))
    if not quiz.answers:
        raise QuizError(
            type_line, f"{quiz.type} question has no accepted answer: add a line '= answer'"
        )
    if quiz.type == "numeric":
        if len(quiz.answers) > 1:
            raise QuizError(
                quiz.answers[1].line,
                "a numeric question has one '= number' (use 'tolerance' to accept a range)",
            )
        answer = quiz.answers[0]
        if _number(answer.text) is None:
            raise QuizError(answer.line, f"numeric answer {answer.text!r} is not a number")


def _number(value: Any) -> float | None:
    """A finite number from YAML or text ("0.5", "1e-3", 2), else None."""
    if isinstance(value, bool):
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None
