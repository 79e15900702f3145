"""Run every snippet file no lab runs, in-process, and check what the pages show of it.

One parametrised test per snippet: it runs without error, its printed output matches the '# >'
lines under each print, and the figures it draws match the committed ones. Failures name the
snippet file and line.

The chapters' snippets are run once, by their lab notebooks: `make labs` (part of `make test`)
executes each lab on a fresh kernel and makes the same checks through the same code
(guide_tools.labs.output_problems calls guide_tools.snippet_runner.output_problems), so running
them here again would double the suite's longest part for nothing. Which file is checked where is
itself tested below.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from guide_tools import figures, labs, snippet_runner
from guide_tools.chapters import TITLES
from guide_tools.paths import FIGURES, ROOT, SNIPPETS, display

ALL_SNIPPETS = sorted(SNIPPETS.rglob("*.py"))
IN_LABS = {path for slug in TITLES for path in labs.chapter_uses(slug)[0]}
SNIPPET_FILES = [p for p in ALL_SNIPPETS if p.resolve() not in IN_LABS]
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


def test_every_snippet_is_checked_by_this_module_or_by_a_lab():
    """A chapter's snippets run in its lab (make labs); every other one runs here."""
    assert IN_LABS, "no lab runs any snippet"
    assert {p.resolve() for p in ALL_SNIPPETS} == IN_LABS | {p.resolve() for p in SNIPPET_FILES}
    for slug in TITLES:
        ran = labs.executed_for(slug)  # fails unless `make labs` ran it since anything changed
        assert ran.exists()


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
