"""What each chapter's explorable adds to its page: script and data, raw and gzip-compressed.

Usage: python scripts/bench_explorables.py [--site site]

For every chapter: the explorable's shared script (explorables/core.js), its own script
(explorables/<slug>.js) and its data as the page carries it (an HTML-escaped attribute), each
compressed on its own as a server sends it (gzip, level 9). The budget (issue 18) is 60 KB
compressed per page; tests/test_explorables.py enforces it. With a built site (--site), also the
chapter page's whole HTML, compressed, for scale.

Sizes go in closing notes; the budget test is the only assertion.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from guide_tools import explorables  # noqa: E402
from guide_tools.chapters import TITLES  # noqa: E402


def gz(raw: bytes) -> int:
    return len(gzip.compress(raw, compresslevel=9, mtime=0))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site")
    args = parser.parse_args()
    header = (
        f"{'chapter':<20} {'explorable':<34} {'core.js':>8} {'own .js':>8} {'data':>8} "
        f"{'added':>8} {'raw':>8} {'page':>8}"
    )
    print("KB, gzip-compressed (raw: uncompressed added bytes; page: the chapter's HTML)")
    print(header)
    print("-" * len(header))
    worst = 0
    for slug in TITLES:
        for data in explorables.explorables_for(slug):
            placement = explorables.Placement(f"{slug}/{data.stem}", data, 1)
            sizes = explorables.page_weight(placement)
            raw = (
                len((ROOT / "docs" / explorables.SCRIPTS / "core.js").read_bytes())
                + len((ROOT / "docs" / explorables.SCRIPTS / f"{slug}.js").read_bytes())
                + len(explorables.html.escape(explorables.compact(data), quote=True).encode())
            )
            page = args.site / "concepts" / slug / "index.html"
            page_kb = f"{gz(page.read_bytes()) / 1024:8.1f}" if page.exists() else f"{'-':>8}"
            worst = max(worst, sizes["total"])
            print(
                f"{slug:<20} {data.stem:<34} {sizes['core.js'] / 1024:8.1f} "
                f"{sizes[f'{slug}.js'] / 1024:8.1f} {sizes['data'] / 1024:8.1f} "
                f"{sizes['total'] / 1024:8.1f} {raw / 1024:8.1f} {page_kb}"
            )
    print(
        f"largest addition {worst / 1024:.1f} KB "
        f"of the {explorables.BUDGET_BYTES // 1024} KB budget"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
