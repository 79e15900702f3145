"""What the lab notebooks cost: executing each on a fresh kernel, and rendering them in the site.

Usage: python scripts/bench_labs.py [--jobs 2] [--skip-execute]

1. Executes every lab (guide_tools.labs.execute_notebook) into a scratch folder, one at a time
   (seconds per lab) and then N at a time, as `make -j2 labs` does (wall time).
2. Builds the site three ways: without the labs (a scratch config with the Labs nav, the
   mkdocs-jupyter plugin and hooks/labs.py taken out), with them and mkdocs-jupyter's HTML cache
   empty (a fresh clone), and with them and the cache warm (every later build).

Timings go in closing notes and the README, never into tests (machines are noisy).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "DISABLE_MKDOCS_2_WARNING": "true",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONHASHSEED": "0",
}


def _execute(args: tuple[str, str]) -> tuple[str, float]:
    from guide_tools import labs

    slug, out = args
    start = time.perf_counter()
    labs.execute_notebook(labs.lab_path(slug), Path(out) / f"{slug}.ipynb")
    return slug, time.perf_counter() - start


def execute_all(jobs: int) -> tuple[list[tuple[str, float]], float, float]:
    from guide_tools.chapters import TITLES

    with tempfile.TemporaryDirectory() as out:
        one_by_one = [_execute((slug, out)) for slug in TITLES]
        start = time.perf_counter()
        # Fresh interpreters (spawn), as `make -j2 labs` starts them: a forked child inherits
        # this process's ZeroMQ and event-loop state and its kernels never start.
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
            list(pool.map(_execute, [(slug, out) for slug in TITLES]))
        parallel = time.perf_counter() - start
    return one_by_one, sum(s for _, s in one_by_one), parallel


def config_without_labs() -> Path:
    """mkdocs.yml with the Labs nav, the mkdocs-jupyter plugin and hooks/labs.py taken out.

    Written next to mkdocs.yml (relative paths in a config are read from its folder) under a
    name .gitignore ignores; the caller deletes it."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"\n  - Labs:\n(?:      - .*\n)+", "\n", text)
    text = re.sub(r"\n  - mkdocs-jupyter:\n(?:      .*\n)+", "\n", text)
    text = re.sub(r"\n  - hooks/labs\.py.*", "", text)
    text += "\nexclude_docs: |\n  labs/\n"
    path = ROOT / "mkdocs.nolabs.local.yml"
    path.write_text(text, encoding="utf-8")
    return path


def timed_build(config: Path, site: Path) -> float:
    start = time.perf_counter()
    command = [str(BIN / "mkdocs"), "build", "--strict", "--clean", "-q"]
    subprocess.run(
        [*command, "-f", str(config), "-d", str(site)],
        cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-execute", action="store_true")
    args = parser.parse_args()
    os.environ.update(ENV)
    print(f"{'what':<50} {'seconds':>8}", flush=True)

    def row(what: str, seconds: float) -> None:
        print(f"{what:<50} {seconds:>8.1f}", flush=True)  # as it comes: a later failure keeps it

    if not args.skip_execute:
        each, total, parallel = execute_all(args.jobs)
        for slug, seconds in each:
            row(f"execute {slug}", seconds)
        row("execute all, one at a time (sum)", total)
        row(f"execute all, {args.jobs} at a time (wall)", parallel)
    config = config_without_labs()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tmp_path = Path(tmp)
            row("site build without the labs", timed_build(config, tmp_path / "a"))
            shutil.rmtree(ROOT / ".cache" / "mkdocs-jupyter", ignore_errors=True)
            cold = timed_build(ROOT / "mkdocs.yml", tmp_path / "b")
            row("site build with the labs, HTML cache empty", cold)
            warm = timed_build(ROOT / "mkdocs.yml", tmp_path / "c")
            row("site build with the labs, HTML cache warm", warm)
            lab_pages = sorted((tmp_path / "c" / "labs").glob("*/index.html"))
            size = sum(p.stat().st_size for p in lab_pages)
    finally:
        config.unlink()
    print(f"{len(lab_pages)} lab pages, {size / 1e6:.1f} MB of HTML; {os.cpu_count()} CPU cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
