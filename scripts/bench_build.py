"""Time a full strict site build and a whole `make test`, and print a small table.

Usage: python scripts/bench_build.py [--builds N] [--skip-test]
Timings go in closing notes and the README, never into tests (machines are noisy).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builds", type=int, default=3)
    parser.add_argument("--skip-test", action="store_true")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build = [str(BIN / "mkdocs"), "build", "--strict", "--clean", "-d", str(site)]
        shutil.rmtree(ROOT / ".cache", ignore_errors=True)
        cold = timed(build)
        rows.append(("site build, cold (case-study downloads regenerated)", cold))
        warm = [timed(build) for _ in range(args.builds)]
        rows.append((f"site build, warm (median of {args.builds})", statistics.median(warm)))
        pages = sum(1 for _ in site.rglob("*.html"))
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    if not args.skip_test:
        rows.append(("make test (everything installed)", timed(["make", "test"])))
    print(f"{'what':<55} {'seconds':>8}")
    for what, seconds in rows:
        print(f"{what:<55} {seconds:>8.1f}")
    print(f"site: {pages} HTML files, {size / 1e6:.1f} MB on disk; {os.cpu_count()} CPU cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
