"""The one shape every checker reports in: ``file:line: message``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from guide_tools.paths import display


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{display(self.path)}:{self.line}: {self.message}"


def report(problems: list[Problem], what: str) -> int:
    """Print problems one per line and return a process exit code."""
    for problem in sorted(problems):
        print(problem)
    if problems:
        print(f"{len(problems)} {what} problem(s)")
        return 1
    return 0
