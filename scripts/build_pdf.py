"""Build the PDF book: the print site (mkdocs.print.yml), printed to PDF by Chromium.

Usage: .venv/bin/python scripts/build_pdf.py [--config mkdocs.print.yml] [--out build/pdf/...]

Why Chromium (through Playwright) and not WeasyPrint (mkdocs-to-pdf): it renders the pages
exactly as the site's own CSS draws them (KaTeX, the theme's code highlighting, our figures as
vectors), supports CSS paged media well enough for page numbers and keep-with-next headings, and
writes nested PDF bookmarks from the headings (``outline=True``) and working internal links. It is
already the browser our tests drive. WeasyPrint flattens content tabs and lays out the theme's CSS
less faithfully. The price: Chromium cannot put page numbers into the table of contents
(no ``target-counter()``), so the contents are links and the bookmarks carry the structure.

The build is strict (any warning fails it), uses no network, and prints what it made: time,
page count and size.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from guide_tools.book import PDF_NAME  # noqa: E402

MKDOCS = Path(sys.executable).parent / "mkdocs"
CHROME_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# print-site's contents list pages only; a book's contents also list each chapter's sections.
# Under every contents entry of a chapter page, list that page's H2s as links.
CHAPTER_SECTIONS_IN_CONTENTS = """() => {
  for (const link of document.querySelectorAll('#print-page-toc a[href^="#concepts-"]')) {
    const section = document.getElementById(link.getAttribute("href").slice(1));
    const headings = section ? section.querySelectorAll("h2[id]") : [];
    if (!headings.length) continue;
    const list = document.createElement("ul");
    list.className = "book-toc-sections";
    for (const h of headings) {
      const item = list.appendChild(document.createElement("li"));
      const a = item.appendChild(document.createElement("a"));
      a.href = "#" + h.id;
      a.textContent = h.textContent.replace(/\u00b6$/, "").trim();
    }
    link.closest("li").appendChild(list);
  }
}"""


def chrome_path() -> str:
    for candidate in (os.environ.get("CHROME_PATH"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    sys.exit("error: no Chromium found: run `make browser` or set CHROME_PATH")


def build_print_site(config: Path, site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [str(MKDOCS), "build", "--strict", "-f", str(config), "-d", str(site)]
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"error: the print site did not build:\n{result.stdout}{result.stderr}")


def print_to_pdf(print_page: Path, out: Path) -> None:
    """Open the print page from the file system, let its scripts finish, print it."""
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chrome_path(), args=CHROME_ARGS)
        try:
            page = browser.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.emulate_media(media="print")
            page.goto(print_page.as_uri(), wait_until="networkidle")
            # print-site.js writes the table of contents on load; fonts (KaTeX) must be in.
            page.wait_for_function("document.querySelector('#print-page-toc nav ul') !== null")
            page.evaluate(CHAPTER_SECTIONS_IN_CONTENTS)
            page.evaluate("document.fonts.ready.then(() => true)")
            out.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(
                path=str(out),
                prefer_css_page_size=True,  # A4 and margins from book.css
                print_background=True,
                outline=True,  # nested bookmarks from the headings
                tagged=True,  # an accessible, structured PDF
            )
        finally:
            browser.close()
    foreign = [url for url in requests if not url.startswith(("file:", "data:", "blob:"))]
    if foreign:
        sys.exit(f"error: printing the book asked the network for: {foreign}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.print.yml")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "pdf" / PDF_NAME)
    args = parser.parse_args()
    site = ROOT / "build" / "print-site"
    start = time.perf_counter()
    build_print_site(args.config.resolve(), site)
    built = time.perf_counter()
    print_to_pdf(site / "print_page" / "index.html", args.out)
    done = time.perf_counter()
    pages = len(PdfReader(args.out).pages)
    size_mb = args.out.stat().st_size / 1e6
    print(
        f"{args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}: "
        f"{pages} pages, {size_mb:.1f} MB; print site {built - start:.1f} s, "
        f"PDF {done - built:.1f} s, total {done - start:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
