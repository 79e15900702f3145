"""Lighthouse every chapter page, mobile and desktop, and time the full build and `make test`.

Usage: .venv/bin/python scripts/bench_site.py [--skip-make-test] [--reports DIR]

Builds the site strictly into a temporary folder (timed: the full build time), serves it on
127.0.0.1 with gzip like GitHub Pages, runs Lighthouse 12.2.3 (pinned in scripts/lighthouse/, kept
out of the main package.json; `npm ci` there on first use) with the default mobile config and
`--preset=desktop` on the home page, every page under docs/concepts/ and the case-study page, then
prints a Markdown table (four category scores, requests, KB transferred, largest contentful paint),
the failing audits that cost each page points, the build time and the `make test` time.

Target: mobile 100 in all four categories on every chapter page, first load at most 300 KB.
It is a benchmark, not a test: it reports where we stand and exits 0 whatever the scores.
The browser is $CHROME_PATH, else /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
MKDOCS = ROOT / ".venv" / "bin" / "mkdocs"
LIGHTHOUSE_DIR = ROOT / "scripts" / "lighthouse"
LIGHTHOUSE_CLI = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
    " --disable-component-update --no-first-run"
)
CATEGORIES = {
    "performance": "perf",
    "accessibility": "a11y",
    "best-practices": "best practices",
    "seo": "SEO",
}
FORM_FACTORS = {"mobile": [], "desktop": ["--preset=desktop"]}
TARGET_KB = 300
LIGHTHOUSE_TIMEOUT_S = 300
COMPRESSIBLE_TYPES = (
    "text/",  # html, css, javascript (text/javascript), plain, csv, xml (text/xml)
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "application/xml",
    "image/svg+xml",
)


@dataclass
class Run:
    """One Lighthouse run: a page in one form factor, and what it measured (or why it failed)."""

    page: str
    form_factor: str
    scores: dict[str, int | None] = field(default_factory=dict)
    requests: int | None = None
    transferred: float | None = None  # bytes on the wire, compressed as served
    lcp_ms: float | None = None
    holdbacks: list[str] = field(default_factory=list)
    error: str | None = None


# -- Serving ---------------------------------------------------------------------------------------
class GzipHandler(SimpleHTTPRequestHandler):
    """Static files the way GitHub Pages serves them: text responses gzipped.

    Python's plain http.server sends every file uncompressed, which overstates the bytes a reader
    downloads (and Lighthouse's transferred size and timings) several times over for HTML, CSS and
    JavaScript; GitHub Pages gzips text when the browser accepts it. So gzip text types when the
    request says `Accept-Encoding: gzip`, with the compressed Content-Length, and send Pages'
    `Cache-Control: max-age=600` on everything.
    """

    def do_GET(self) -> None:
        path = self._file_path()
        ctype = self.guess_type(str(path)) if path else ""
        if path is None or not _accepts_gzip(self.headers) or not _compressible(ctype):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def _file_path(self) -> Path | None:
        """The file a GET names, or None (missing, or a folder URL without its slash: let the
        parent class answer 404 or redirect)."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].split("#", 1)[0].endswith("/"):
                return None
            path = path / "index.html"
        return path if path.is_file() else None

    def log_message(self, format: str, *args: object) -> None:
        pass


def _accepts_gzip(headers) -> bool:
    return "gzip" in headers.get("Accept-Encoding", "").lower()


def _compressible(ctype: str) -> bool:
    return ctype.split(";", 1)[0].strip().startswith(COMPRESSIBLE_TYPES)


def bind_server(site: Path) -> ThreadingHTTPServer:
    """Bind a threaded gzip server on a free port of 127.0.0.1 (serving starts later)."""
    handler = partial(GzipHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    return server


# -- Build and pages -------------------------------------------------------------------------------
def build_site(site: Path, site_url: str) -> float:
    """Strict build into `site`; return seconds. SITE_URL is the served address, as on Pages,
    so canonical links and the sitemap point where the page really is."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    start = time.perf_counter()
    result = subprocess.run(
        [str(MKDOCS), "build", "--strict", "-d", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"error: the strict build failed:\n{result.stderr[-4000:]}")
    return seconds


def page_urls(site: Path) -> list[str]:
    """Site-relative URLs: home page, every page under docs/concepts/, case-study page."""
    sources = [DOCS / "index.md", *sorted((DOCS / "concepts").rglob("*.md"))]
    sources.append(DOCS / "case-study.md")
    urls = []
    for source in sources:
        rel = source.relative_to(DOCS).with_suffix("")
        folder = rel.parent if rel.name == "index" else rel  # MkDocs' directory URLs
        url = "" if folder == Path() else folder.as_posix() + "/"
        if (site / url / "index.html").is_file():
            urls.append(url)
        else:
            print(f"warning: {source.relative_to(ROOT)} built no {url}index.html; skipped")
    return urls


# -- Lighthouse ------------------------------------------------------------------------------------
def ensure_lighthouse() -> None:
    """`npm ci` in scripts/lighthouse/ when its node_modules is missing."""
    if LIGHTHOUSE_CLI.is_file():
        return
    if shutil.which("npm") is None:
        sys.exit("error: npm is needed to install Lighthouse (scripts/lighthouse/package.json)")
    print("Installing Lighthouse (npm ci in scripts/lighthouse/) ...", flush=True)
    cmd = ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"]
    subprocess.run(cmd, cwd=LIGHTHOUSE_DIR, check=True)


def chrome_path() -> str:
    path = os.environ.get("CHROME_PATH") or "/usr/bin/chromium"
    if not os.access(path, os.X_OK):
        sys.exit(f"error: no browser at {path} (set CHROME_PATH)")
    return path


def run_lighthouse(url: str, form_factor: str, report: Path, chrome: str) -> dict | str:
    """Run Lighthouse once; return its JSON report, or an error message."""
    cmd = [
        "node", str(LIGHTHOUSE_CLI), url, *FORM_FACTORS[form_factor],
        "--output=json", f"--output-path={report}", "--quiet", f"--chrome-flags={CHROME_FLAGS}",
    ]  # fmt: skip
    env = {**os.environ, "CHROME_PATH": chrome}
    try:
        result = subprocess.run(
            cmd, env=env, capture_output=True, text=True, timeout=LIGHTHOUSE_TIMEOUT_S
        )
    except subprocess.TimeoutExpired:
        return f"timed out after {LIGHTHOUSE_TIMEOUT_S} s"
    if result.returncode != 0 or not report.is_file():
        lines = (result.stderr or result.stdout).strip().splitlines()
        return f"exit {result.returncode}: {lines[-1] if lines else 'no output'}"
    lhr = json.loads(report.read_text(encoding="utf-8"))
    if lhr.get("runtimeError"):
        return f"{lhr['runtimeError'].get('code')}: {lhr['runtimeError'].get('message')}"
    return lhr


def holdbacks(lhr: dict) -> list[str]:
    """Failing audits that cost points (score < 1, weight > 0), biggest cost first."""
    found = []
    for cat_id, short in CATEGORIES.items():
        refs = lhr["categories"][cat_id]["auditRefs"]
        total = sum(ref["weight"] for ref in refs) or 1
        for ref in refs:
            audit = lhr["audits"][ref["id"]]
            score = audit.get("score")
            if ref["weight"] <= 0:
                continue
            if score is None:
                if audit.get("scoreDisplayMode") == "error":
                    found.append((0.0, f"{short}: {audit['title']} (audit errored)"))
                continue
            if score < 1:
                cost = 100 * ref["weight"] * (1 - score) / total
                shown = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                found.append((cost, f"{short} −{cost:.1f}: {audit['title']}{shown}"))
    return [text for _, text in sorted(found, key=lambda item: -item[0])]


def measure(run: Run, lhr: dict) -> None:
    """Fill a Run from a Lighthouse JSON report."""
    for cat_id in CATEGORIES:
        score = lhr["categories"][cat_id]["score"]
        run.scores[cat_id] = None if score is None else round(score * 100)
    audits = lhr["audits"]
    run.requests = len((audits["network-requests"].get("details") or {}).get("items", []))
    run.transferred = audits["total-byte-weight"].get("numericValue")
    run.lcp_ms = audits["largest-contentful-paint"].get("numericValue")
    run.holdbacks = holdbacks(lhr)


def lighthouse_all(base: str, urls: list[str], reports: Path) -> list[Run]:
    chrome = chrome_path()
    runs = []
    for url in urls:
        for form_factor in FORM_FACTORS:
            run = Run(page="/" + url, form_factor=form_factor)
            print(f"Lighthouse {form_factor:<7} {run.page} ...", flush=True)
            name = (url.strip("/").replace("/", "_") or "home") + f".{form_factor}.json"
            result = run_lighthouse(base + url, form_factor, reports / name, chrome)
            if isinstance(result, str):
                run.error = result
            else:
                measure(run, result)
            runs.append(run)
    return runs


# -- make test -------------------------------------------------------------------------------------
def time_make_test() -> str:
    start = time.perf_counter()
    result = subprocess.run(["make", "test"], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        return f"{seconds:.1f} s (FAILED, exit {result.returncode}; last lines:)\n{tail}"
    return f"{seconds:.1f} s"


# -- Report ----------------------------------------------------------------------------------------
def _cell(value: float | None, fmt: str = "{:.0f}") -> str:
    return "–" if value is None else fmt.format(value)


def table(runs: list[Run]) -> str:
    head = ["page", "form factor", *CATEGORIES.values(), "requests", "KB transferred", "LCP ms"]
    rows = [head, ["---"] * 2 + ["---:"] * (len(head) - 2)]
    for run in runs:
        if run.error:
            rows.append([run.page, run.form_factor, f"error: {run.error}"] + [""] * 6)
            continue
        scores = [_cell(run.scores.get(cat_id)) for cat_id in CATEGORIES]
        kb = None if run.transferred is None else run.transferred / 1000
        rows.append([
            run.page, run.form_factor, *scores, _cell(run.requests), _cell(kb, "{:.1f}"),
            _cell(run.lcp_ms),
        ])  # fmt: skip
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def holdback_report(runs: list[Run]) -> str:
    lines = ["What holds each page back (failing audits with weight; −points off the category):"]
    for run in runs:
        lines.append(f"- {run.page} ({run.form_factor}):")
        if run.error:
            lines.append(f"    - not measured: {run.error}")
        for text in run.holdbacks:
            lines.append(f"    - {text}")
        if not run.error and not run.holdbacks:
            lines.append("    - nothing: every weighted audit passes")
    return "\n".join(lines)


def target_report(runs: list[Run]) -> str:
    """Mobile target: 100 in all four categories, first load at most TARGET_KB."""
    lines = [f"Target (mobile: 100 in all four categories, first load ≤ {TARGET_KB} KB):"]
    for run in (r for r in runs if r.form_factor == "mobile"):
        if run.error:
            lines.append(f"- {run.page}: not measured")
            continue
        missed = [CATEGORIES[c] for c, s in run.scores.items() if s != 100]
        if run.transferred is None or run.transferred > TARGET_KB * 1000:
            missed.append(f"{_cell((run.transferred or 0) / 1000, '{:.1f}')} KB")
        lines.append(f"- {run.page}: {'met' if not missed else 'missed: ' + ', '.join(missed)}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-make-test", action="store_true", help="do not time `make test`")
    parser.add_argument("--reports", type=Path, help="keep the Lighthouse JSON reports here")
    args = parser.parse_args()
    ensure_lighthouse()
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        site = Path(tmp) / "site"
        reports = args.reports or Path(tmp) / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        server = bind_server(site)
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        warm = (ROOT / ".cache").exists()
        build_seconds = build_site(site, base)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            runs = lighthouse_all(base, page_urls(site), reports)
        finally:
            server.shutdown()
            server.server_close()
    make_test = "skipped (--skip-make-test)" if args.skip_make_test else time_make_test()
    print()
    print(table(runs))
    print()
    print(holdback_report(runs))
    print()
    print(target_report(runs))
    print()
    print(f"Full strict build: {build_seconds:.1f} s ({'warm' if warm else 'cold'} .cache)")
    print(f"make test: {make_test}")
    print(f"Lighthouse 12.2.3, {chrome_path()}, {os.cpu_count()} CPU cores; KB = 1,000 bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
