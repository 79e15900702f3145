"""Run every snippet file once, in-process, and check what the pages show of it.

One parametrised test per snippet and per check: it runs without error, its printed output
matches the '# >' lines under each print, and the figures it draws match the committed ones.
Failures name the snippet file and line.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest

from guide_tools import figures, snippet_runner
from guide_tools.paths import FIGURES, ROOT, SNIPPETS, display

SNIPPET_FILES = sorted(SNIPPETS.rglob("*.py"))
IDS = [p.relative_to(SNIPPETS).as_posix() for p in SNIPPET_FILES]


def per_snippet(test):
    """Parametrise over snippet files; keep one file's tests on one xdist worker (one run)."""
    params = [
        pytest.param(path, id=name, marks=pytest.mark.xdist_group(name))
        for path, name in zip(SNIPPET_FILES, IDS, strict=True)
    ]
    return pytest.mark.parametrize("snippet", params)(test)


@cache
def run(snippet: Path, figures_dir: Path) -> snippet_runner.SnippetRun:
    """Run a snippet once per session from the repository root, drawing into ``figures_dir``."""
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


@pytest.fixture(scope="session")
def fresh_figures(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("figures")


def test_there_are_snippets():
    assert SNIPPET_FILES, "no snippet files found under snippets/"


@per_snippet
def test_snippet_runs(snippet, fresh_figures):
    outcome = run(snippet, fresh_figures)
    if outcome.error:
        pytest.fail(str(outcome.error), pytrace=False)


@per_snippet
def test_snippet_output_matches_page(snippet, fresh_figures):
    outcome = run(snippet, fresh_figures)
    if outcome.error:
        pytest.fail(f"{outcome.error} (so its output cannot be checked)", pytrace=False)
    problems = snippet_runner.output_problems(outcome)
    if problems:
        pytest.fail("\n".join(map(str, problems)), pytrace=False)


@per_snippet
def test_snippet_figures_are_fresh(snippet, fresh_figures):
    outcome = run(snippet, fresh_figures)
    if outcome.error:
        pytest.fail(f"{outcome.error} (so its figures cannot be checked)", pytrace=False)
    problems = figures.stale(outcome.figures, fresh_figures, FIGURES)
    if problems:
        pytest.fail(
            f"{display(snippet)}: " + "; ".join(problems) + " (run `make figures`)", pytrace=False
        )
