"""Where things live in the repository (one place, so scripts, hooks and tests agree)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
FIGURES = DOCS / "assets" / "figures"


def figures_dir() -> Path:
    """Where figures go: ``$GUIDE_FIGURES_DIR`` if set (tests), else the committed folder."""
    override = os.environ.get("GUIDE_FIGURES_DIR")
    return Path(override) if override else FIGURES


def display(path: Path) -> str:
    """A path as a reader wants it in an error: relative to the repository when it is inside it."""
    path = Path(path).resolve()
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)
