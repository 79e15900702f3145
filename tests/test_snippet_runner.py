"""The printed-output check: each fault is reported with the snippet's file and line."""

from __future__ import annotations

import textwrap

import pytest

from guide_tools import snippet_runner


@pytest.fixture
def snippet(tmp_path):
    def write(code: str):
        path = tmp_path / "example.py"
        path.write_text(textwrap.dedent(code).lstrip(), encoding="utf-8")
        return path

    return write


def problems_of(path):
    outcome = snippet_runner.run(path)
    assert outcome.error is None, outcome.error
    return [str(p) for p in snippet_runner.output_problems(outcome)]


def test_matching_output_passes(snippet):
    path = snippet("""
        total = sum(range(4))
        print(f"total: {total}")
        # > total: 6
        for i in range(2):
            print("row", i)
            # > row 0
            # > row 1
    """)
    assert problems_of(path) == []


def test_wrong_output_names_the_print_line(snippet):
    path = snippet("""
        x = 2
        print(x * 3)
        # > 5
    """)
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:2: printed output differs")
    assert "-5" in problem and "+6" in problem


def test_missing_output_lines_are_reported(snippet):
    path = snippet("""
        print("hello")
    """)
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:1: printed output differs")


def test_output_lines_under_a_print_that_never_ran(snippet):
    path = snippet("""
        if False:
            print("never")
            # > never
    """)
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:2: printed output differs")


def test_stray_output_lines_are_reported(snippet):
    path = snippet("""
        x = 1
        # > 1
    """)
    [problem] = problems_of(path)
    assert problem == f"{path}:2: '# >' lines that do not follow a print statement"


def test_multiline_print_call_output_goes_under_its_last_line(snippet):
    path = snippet("""
        print(
            "a",
            "b",
        )
        # > a b
    """)
    assert problems_of(path) == []


def test_failing_assert_names_file_and_line(snippet):
    path = snippet("""
        value = 0.4
        assert value > 0.5, f"expected more than 0.5, got {value}"
    """)
    outcome = snippet_runner.run(path)
    assert str(outcome.error) == (
        f"{path}:2: snippet failed: AssertionError: expected more than 0.5, got 0.4"
    )


def test_print_inside_an_expression_is_rejected(snippet):
    path = snippet("""
        values = [print(i) for i in range(2)]
    """)
    outcome = snippet_runner.run(path)
    assert str(outcome.error).startswith(f"{path}:1: snippet failed: RuntimeError")
    assert "print must be a statement" in str(outcome.error)


def test_update_rewrites_blocks_then_the_check_passes(snippet):
    path = snippet("""
        import numpy as np

        rng = np.random.default_rng(0)
        print(f"{rng.normal():.3f}")
        # > stale
        print("two\\nlines")
        x = 1
        # > stray
    """)
    assert len(problems_of(path)) == 3
    assert snippet_runner.rewrite(snippet_runner.run(path)) is True
    assert problems_of(path) == []
    text = path.read_text()
    assert "stale" not in text and "stray" not in text
    assert "    # > two\n" not in text and "# > two\n# > lines\n" in text
    assert snippet_runner.rewrite(snippet_runner.run(path)) is False  # idempotent


def test_runs_are_seeded(snippet):
    path = snippet("""
        import random

        import numpy as np

        print(random.random(), np.random.rand())
    """)
    first = snippet_runner.run(path).sites[0].lines()
    second = snippet_runner.run(path).sites[0].lines()
    assert first == second


def test_the_makefile_pins_the_same_numeric_kernels_as_the_runners():
    import re

    from guide_tools.numerics import PINNED
    from guide_tools.paths import ROOT

    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    exported = dict(re.findall(r"^export (\w+) := (\S+)$", makefile, re.M))
    assert {name: exported.get(name) for name in PINNED} == PINNED
