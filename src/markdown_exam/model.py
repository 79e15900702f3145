"""What a quiz is, once parsed: one data model for the checker, the renderer, the index and export.

Text fields (stem, option text, feedback, explanation) hold the author's Markdown, unrendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

TYPES = ("single", "multiple", "short", "numeric")
CHOICE_TYPES = ("single", "multiple")
ROUNDING = 1e-9  # numeric answers: slack for binary floating point (0.335 is 0.005 from 0.34)


def normalize_answer(text: str) -> str:
    """How a short answer is compared: case- and whitespace-insensitive.

    Leading and trailing whitespace is dropped, inner runs become one space, and the rest is
    lowercased, so "  Ridge   REGRESSION " matches "ridge regression". The JavaScript does the
    same: ``text.trim().replace(/\\s+/g, " ").toLowerCase()``.
    """
    return " ".join(text.split()).lower()


@dataclass
class Option:
    """One choice of a single- or multiple-choice question."""

    text: str  # one paragraph of inline Markdown
    correct: bool
    feedback: str  # Markdown, shown when the reader checks their answer
    line: int = 0  # in the page's source file (relative to the block while parsing)


@dataclass
class Answer:
    """One accepted answer of a short or numeric question (``= text``)."""

    text: str
    feedback: str = ""  # optional Markdown
    line: int = 0

    @property
    def value(self) -> float:
        """The number, for a numeric question (the parser has checked that it is one)."""
        return float(self.text)


@dataclass
class Quiz:
    id: str
    type: str
    stem: str
    options: list[Option] = field(default_factory=list)  # single / multiple
    answers: list[Answer] = field(default_factory=list)  # short / numeric
    tolerance: float = 0.0  # numeric only: absolute
    explanation: str = ""
    path: Path | None = None  # the page's source file, when read from one
    line: int = 0  # of the '/// quiz' line in that file
    id_line: int = 0  # of its 'id:' option line

    @property
    def anchor(self) -> str:
        """The HTML id of the rendered question: link to it as ``page/#quiz-<id>``."""
        return f"quiz-{self.id}"

    def is_correct(self, given: str | list[int]) -> bool:
        """Grade a response the way the JavaScript must.

        Choice questions take the 0-based indexes of the chosen options (right only when they are
        exactly the correct ones); short and numeric questions take the typed text.
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
