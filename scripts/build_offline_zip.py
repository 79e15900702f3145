"""Build the offline site (mkdocs.offline.yml) and pack it into one ZIP a reader can download.

Usage: .venv/bin/python scripts/build_offline_zip.py [--out build/ml-interview-guide-offline.zip]

Unzipped, the folder opens from the file system (``ml-interview-guide/index.html``), search
included. The archive is deterministic for the same site: entries in sorted order with a fixed
timestamp, so it changes only when the site does.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).parent / "mkdocs"
FOLDER = "ml-interview-guide"  # the one top-level folder inside the archive
EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a ZIP can store


def build_site(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [str(MKDOCS), "build", "--strict", "-f", "mkdocs.offline.yml", "-d", str(site)]
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"error: the offline site did not build:\n{result.stdout}{result.stderr}")


def pack(site: Path, out: Path) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".zip.part")
    files = sorted(p for p in site.rglob("*") if p.is_file())
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(site).as_posix()}", EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    tmp.replace(out)
    return len(files)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / f"{FOLDER}-offline.zip")
    args = parser.parse_args()
    site = ROOT / "build" / "offline-site"
    start = time.perf_counter()
    shutil.rmtree(site, ignore_errors=True)
    build_site(site)
    count = pack(site, args.out)
    seconds = time.perf_counter() - start
    size_mb = args.out.stat().st_size / 1e6
    print(f"{args.out.name}: {count} files, {size_mb:.1f} MB, {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
