"""Run a snippet file in-process and check (or rewrite) the printed output it documents.

A snippet shows what it prints as ``# >`` comment lines directly under the ``print`` call::

    print(f"test MSE: {mse:.3f}")
    # > test MSE: 0.412

(``# >`` survives ``ruff format``, which rewrites ``#>``). Every ``print`` that runs must be
followed by exactly the lines it printed, in order, across all the times it ran (a print in a loop
shows every iteration). ``python -m guide_tools.snippet_runner --update`` rewrites the blocks.

We wrote this rather than use pytest-examples: that tool crashes on a failing assert on our
Python (see DEPENDENCY-NOTES), and we need the failure to name the snippet file and line.
"""

from __future__ import annotations

import argparse
import ast
import random
import re
import runpy
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from guide_tools.numerics import pin
from guide_tools.paths import SNIPPETS, display
from guide_tools.problems import Problem, report

EXPECTED = re.compile(r"^(?P<indent>\s*)# >(?: (?P<text>.*))?$")
SEED = 0


@dataclass
class PrintSite:
    """One ``print(...)`` expression statement in the source."""

    first_line: int
    last_line: int
    indent: str
    printed: list[str] = field(default_factory=list)  # text chunks, concatenated on read
    ran: bool = False

    def lines(self) -> list[str]:
        text = "".join(self.printed)
        if text.endswith("\n"):
            text = text[:-1]
        return [line.rstrip() for line in text.split("\n")] if self.ran else []


@dataclass
class SnippetRun:
    path: Path
    sites: list[PrintSite]
    error: Problem | None = None
    figures: list[Path] = field(default_factory=list)


def print_sites(source: str) -> list[PrintSite]:
    lines = source.splitlines()
    sites = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name)
            and node.value.func.id == "print"
        ):
            indent = re.match(r"\s*", lines[node.lineno - 1]).group(0)
            sites.append(PrintSite(node.lineno, node.end_lineno or node.lineno, indent))
    return sorted(sites, key=lambda s: s.first_line)


def expected_blocks(source: str) -> dict[int, tuple[int, list[str]]]:
    """Map the line after which a ``# >`` block starts to (block length, expected lines)."""
    lines = source.splitlines()
    blocks: dict[int, tuple[int, list[str]]] = {}
    i = 0
    while i < len(lines):
        if EXPECTED.match(lines[i]):
            start = i
            texts = []
            while i < len(lines) and (m := EXPECTED.match(lines[i])):
                texts.append((m["text"] or "").rstrip())
                i += 1
            blocks[start] = (i - start, texts)  # key: 0-based index of the line before = start
        else:
            i += 1
    return blocks


def _error_from(path: Path, exc: BaseException) -> Problem:
    """Name the deepest frame of the snippet file in the traceback."""
    line = 1
    for frame in traceback.extract_tb(exc.__traceback__):
        if Path(frame.filename).resolve() == path.resolve():
            line = frame.lineno or line
    detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return Problem(path, line, f"snippet failed: {detail}")


def run(path: Path) -> SnippetRun:
    """Execute one snippet as ``__main__`` with seeded randomness, recording its prints."""
    import numpy as np  # imported here so `--help` stays fast

    from guide_tools import figures

    path = path.resolve()
    source = path.read_text(encoding="utf-8")
    sites = print_sites(source)
    by_line = {n: s for s in sites for n in range(s.first_line, s.last_line + 1)}
    outcome = SnippetRun(path, sites)
    real_print = print

    def recording_print(*args, sep=" ", end="\n", file=None, flush=False):
        if file not in (None, sys.stdout):
            return real_print(*args, sep=sep, end=end, file=file, flush=flush)
        frame = sys._getframe(1)
        site = by_line.get(frame.f_lineno) if frame.f_code.co_filename == str(path) else None
        if site is None:
            raise RuntimeError(
                f"{display(path)}:{frame.f_lineno}: print must be a statement of its own "
                "in the snippet file, so its output can be shown under it"
            )
        site.ran = True
        site.printed.append(
            (sep or " ").join(str(a) for a in args) + ("\n" if end is None else end)
        )

    random.seed(SEED)
    np.random.seed(SEED)  # noqa: NPY002 - seeds legacy global-state code a snippet might call
    figures.written.clear()
    saved_argv = sys.argv
    sys.argv = [str(path)]
    try:
        runpy.run_path(str(path), init_globals={"print": recording_print}, run_name="__main__")
    except Exception as exc:
        outcome.error = _error_from(path, exc)
    finally:
        sys.argv = saved_argv
        import matplotlib.pyplot as plt

        plt.close("all")
    outcome.figures = list(figures.written)
    return outcome


def output_problems(outcome: SnippetRun) -> list[Problem]:
    """Differences between what each print printed and the ``# >`` lines under it."""
    source = outcome.path.read_text(encoding="utf-8")
    blocks = expected_blocks(source)
    problems = []
    claimed = set()
    for site in outcome.sites:
        length, expected = blocks.get(site.last_line, (0, []))
        if length:
            claimed.add(site.last_line)
        actual = site.lines()
        if actual != expected:
            diff = _short_diff(expected, actual)
            problems.append(
                Problem(
                    outcome.path,
                    site.first_line,
                    f"printed output differs from the '# >' lines under this print "
                    f"(run `make snippets-update` if the change is intended)\n{diff}",
                )
            )
    for start in blocks:
        if start not in claimed:
            problems.append(
                Problem(outcome.path, start + 1, "'# >' lines that do not follow a print statement")
            )
    return problems


def _short_diff(expected: list[str], actual: list[str]) -> str:
    import difflib

    diff = difflib.unified_diff(
        expected, actual, "expected (# > lines)", "printed", lineterm="", n=1
    )
    return "\n".join("    " + line for line in list(diff)[:40])


def rewrite(outcome: SnippetRun) -> bool:
    """Rewrite the ``# >`` blocks of a snippet from a run. Returns True if the file changed."""
    source = outcome.path.read_text(encoding="utf-8")
    lines = source.splitlines()
    blocks = expected_blocks(source)
    by_last = {s.last_line: s for s in outcome.sites}
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i in blocks and i not in by_last:  # a stray block: drop it
            i += blocks[i][0]
            continue
        out.append(lines[i])
        i += 1
        site = by_last.get(i)
        if site is not None:
            if i in blocks:
                i += blocks[i][0]
            out += [f"{site.indent}# > {text}".rstrip() for text in site.lines()]
    new = "\n".join(out) + "\n"
    if new != source:
        outcome.path.write_text(new, encoding="utf-8")
        return True
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="snippet files (default: all)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--update", action="store_true", help="rewrite the '# >' lines")
    mode.add_argument(
        "--figures-only", action="store_true", help="only regenerate figures; skip output checks"
    )
    args = parser.parse_args(argv)
    pin()  # the kernels and thread counts the printed numbers were made with
    paths = args.paths or sorted(SNIPPETS.rglob("*.py"))
    problems: list[Problem] = []
    for path in paths:
        outcome = run(path)
        if outcome.error:
            problems.append(outcome.error)
            continue
        if args.update:
            if rewrite(outcome):
                print(f"updated {display(path)}")
        elif not args.figures_only:
            problems += output_problems(outcome)
    return report(problems, "snippet")


if __name__ == "__main__":
    sys.exit(main())
