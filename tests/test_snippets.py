"""Run every snippet file once, in-process, and check what the pages show of it.

One parametrised test per snippet: it runs without error, its printed output matches the '# >'
lines under each print, and the figures it draws match the committed ones. Failures name the
snippet file and line.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from guide_tools import figures, snippet_runner
from guide_tools.paths import FIGURES, ROOT, SNIPPETS, display

SNIPPET_FILES = sorted(SNIPPETS.rglob("*.py"))
IDS = [p.relative_to(SNIPPETS).as_posix() for p in SNIPPET_FILES]


def run(snippet: Path, figures_dir: Path) -> snippet_runner.SnippetRun:
    """Run a snippet from the repository root, drawing into ``figures_dir``."""
    saved_cwd, saved_env = Path.cwd(), os.environ.get("GUIDE_FIGURES_DIR")
    os.environ["GUIDE_FIGURES_DIR"] = str(figures_dir)
    os.chdir(ROOT)
    try:
        return snippet_runner.run(snippet)
    finally:
        os.chdir(saved_cwd)
        if saved_env is None:
            del os.environ["GUIDE_FIGURES_DIR"]
        else:
            os.environ["GUIDE_FIGURES_DIR"] = saved_env


def test_there_are_snippets():
    assert SNIPPET_FILES, "no snippet files found under snippets/"


# One test per file, not one per check: the file runs once (xdist does not keep a parametrised
# test's cases on one worker, so separate tests each ran the file again).
@pytest.mark.parametrize("snippet", SNIPPET_FILES, ids=IDS)
def test_snippet_runs_prints_what_the_page_shows_and_draws_its_figures(snippet, tmp_path):
    outcome = run(snippet, tmp_path)
    if outcome.error:
        pytest.fail(str(outcome.error), pytrace=False)
    problems = [str(p) for p in snippet_runner.output_problems(outcome)]
    stale = figures.stale(outcome.figures, tmp_path, FIGURES)
    if stale:
        problems.append(f"{display(snippet)}: " + "; ".join(stale) + " (run `make figures`)")
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
