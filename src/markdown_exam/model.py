"""What a quiz is, once parsed: one data model for the checker, the renderer, the index and export.

[`parse`][markdown_exam.parse.parse] turns a `/// quiz` block into a
[`Quiz`][markdown_exam.model.Quiz]. Text fields (stem, option text, feedback, explanation) hold
the author's Markdown, unrendered; the site renders them with the page's own Markdown. Line
numbers are those of the page's source file when the quiz was read from a page
([`read_page`][markdown_exam.check.read_page]), and relative to the block when it was parsed on
its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["CHOICE_TYPES", "ROUNDING", "TYPES", "Answer", "Option", "Quiz", "normalize_answer"]

TYPES = ("single", "multiple", "short", "numeric")
"""The question types, the values of a quiz's `type:` option (`single` is the default)."""

CHOICE_TYPES = ("single", "multiple")
"""The types answered by ticking options (`- [ ]` / `- [x]` lines); the others by typing."""

ROUNDING = 1e-9
"""Relative slack for numeric answers, so binary floating point never turns a boundary answer
wrong (in floating point, 0.335 is not quite 0.005 away from 0.34)."""


def normalize_answer(text: str) -> str:
    r"""How a short answer is compared: case- and whitespace-insensitive.

    Leading and trailing whitespace is dropped, inner runs become one space, and the rest is
    lowercased, so `"  Ridge   REGRESSION "` matches `"ridge regression"`. The JavaScript does
    the same: `text.trim().replace(/\s+/g, " ").toLowerCase()`.

    Args:
        text: An accepted answer as written, or a reader's response.

    Returns:
        The normalised text.

    Examples:
        >>> from markdown_exam.model import normalize_answer
        >>> normalize_answer("  Ridge   REGRESSION ")
        'ridge regression'
        >>> normalize_answer("L1\tpenalty") == normalize_answer("l1 Penalty")
        True
    """
    return " ".join(text.split()).lower()


@dataclass
class Option:
    """One choice of a single- or multiple-choice question: a `- [ ] text` or `- [x] text` line.

    Attributes:
        text: The option, one paragraph of inline Markdown.
        correct: Whether it is marked `[x]`.
        feedback: Markdown from the indented `> ...` lines under it, shown when the reader checks
            their answer.
        line: Line of the option in the page's source file (relative to the block while
            parsing).

    Examples:
        >>> from markdown_exam.model import Option
        >>> Option("increases variance", correct=True, feedback="Right.")
        Option(text='increases variance', correct=True, feedback='Right.', line=0)
    """

    text: str
    correct: bool
    feedback: str
    line: int = 0


@dataclass
class Answer:
    """One accepted answer of a short or numeric question: an `= text` line.

    Attributes:
        text: The answer as written after `=`, stripped.
        feedback: Markdown from the optional indented `> ...` lines under it; empty if none.
        line: Line of the answer in the page's source file (relative to the block while
            parsing).

    Examples:
        >>> from markdown_exam.model import Answer
        >>> Answer("0.34", feedback="Right: 34% of the variance.")
        Answer(text='0.34', feedback='Right: 34% of the variance.', line=0)
        >>> Answer("0.34").value
        0.34
    """

    text: str
    feedback: str = ""
    line: int = 0

    @property
    def value(self) -> float:
        """The number, for a numeric question (the parser has checked that it is one).

        Raises:
            ValueError: If `text` is not a number (only possible for a short question's answer).
        """
        return float(self.text)


@dataclass
class Quiz:
    """One question, as written in a `/// quiz` block.

    Usually made by [`parse`][markdown_exam.parse.parse] (or, with file lines, by
    [`read_page`][markdown_exam.check.read_page]), which checks everything the attributes below
    promise: a valid id and type, at least two options with exactly one correct (single) or at
    least one (multiple), at least one answer (short) or exactly one number (numeric), a
    non-empty stem and explanation.

    Attributes:
        id: The `id:` option, `<page slug>-<short-name>`, unique on the site. Readers' progress
            is stored by it, so it never changes once published.
        type: One of [`TYPES`][markdown_exam.model.TYPES].
        stem: The question, Markdown (may hold code blocks, images and `$math$`).
        options: The options of a single- or multiple-choice question, in source order.
        answers: The accepted answers of a short or numeric question (one for numeric).
        tolerance: For numeric questions, the absolute tolerance (`tolerance:` option).
        explanation: The Markdown after the options or answers, shown with the answer.
        path: The page's source file, when read from one.
        line: Line of the `/// quiz` line in that file (0 when parsed on its own).
        id_line: Line of the `id:` option line (in the file, or relative to the block).

    Examples:
        >>> from markdown_exam.model import Answer, Quiz
        >>> quiz = Quiz(
        ...     id="metrics-auc-unit",
        ...     type="short",
        ...     stem="What is the unit of ROC AUC?",
        ...     answers=[Answer("none"), Answer("dimensionless")],
        ...     explanation="It is a probability.",
        ... )
        >>> quiz.anchor
        'quiz-metrics-auc-unit'
        >>> quiz.is_correct("  Dimensionless ")
        True
    """

    id: str
    type: str
    stem: str
    options: list[Option] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    tolerance: float = 0.0
    explanation: str = ""
    path: Path | None = None
    line: int = 0
    id_line: int = 0

    @property
    def anchor(self) -> str:
        """The HTML id of the rendered question, `quiz-<id>`: link to it as `page/#quiz-<id>`."""
        return f"quiz-{self.id}"

    def is_correct(self, given: str | list[int]) -> bool:
        """Grade a response the way the JavaScript must (quiz.js follows this method).

        Single and multiple choice are right when the chosen options are exactly the correct
        ones; short when the text equals an accepted answer once both are normalised
        ([`normalize_answer`][markdown_exam.model.normalize_answer]); numeric when the number is
        within `tolerance` of the answer, plus [`ROUNDING`][markdown_exam.model.ROUNDING] slack.

        Args:
            given: For choice questions, the 0-based indexes of the chosen options; for short and
                numeric questions, the text typed.

        Returns:
            Whether the response is right. Text that is not a number is wrong for a numeric
            question.

        Examples:
            >>> from markdown_exam.model import Answer, Option, Quiz
            >>> choice = Quiz(
            ...     id="demo-pick",
            ...     type="multiple",
            ...     stem="Which are ensembles?",
            ...     options=[
            ...         Option("random forest", correct=True, feedback="Yes: bagged trees."),
            ...         Option("ridge", correct=False, feedback="No: one linear model."),
            ...         Option("gradient boosting", correct=True, feedback="Yes: boosted trees."),
            ...     ],
            ... )
            >>> choice.is_correct([0, 2]), choice.is_correct([0])
            (True, False)
            >>> number = Quiz(
            ...     id="demo-r2",
            ...     type="numeric",
            ...     stem="R²?",
            ...     answers=[Answer("0.34")],
            ...     tolerance=0.005,
            ... )
            >>> number.is_correct("0.345"), number.is_correct("0.346"), number.is_correct("a third")
            (True, False, False)
        """
        if self.type in CHOICE_TYPES:
            assert not isinstance(given, str)
            return set(given) == {i for i, o in enumerate(self.options) if o.correct}
        assert isinstance(given, str)
        if self.type == "short":
            return normalize_answer(given) in {normalize_answer(a.text) for a in self.answers}
        try:
            number = float(given.strip())
        except ValueError:
            return False
        value = self.answers[0].value
        return abs(number - value) <= self.tolerance + ROUNDING * max(1.0, abs(value))
