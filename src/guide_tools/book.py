"""The PDF book: its answer appendix, its cover facts and its print-only rewrites of the HTML.

The book is the whole site on one print page (mkdocs-print-site-plugin, configured in
mkdocs.print.yml) printed by Chromium (scripts/build_pdf.py). In the chapters the quizzes show
their questions and options as a paper form; the answers live in one appendix, generated here from
the quiz data model (markdown_exam), so a reader can test themselves first.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import subprocess
import tomllib
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from guide_tools.paths import DOCS, ROOT
from markdown_exam.check import read_page
from markdown_exam.model import Quiz

APPENDIX_PATH = "appendix/self-check-answers.md"
APPENDIX_TITLE = "Appendix: answers to the self-checks"
PDF_NAME = "ml-interview-guide.pdf"
# Files the site serves for download; the book links them on the published site instead.
DOWNLOAD_SUFFIXES = (".csv", ".parquet", ".zip", ".pdf", ".json", ".ipynb")


def nav_pages(nav: Iterable) -> list[str]:
    """The Markdown files a MkDocs nav lists, in order (nested sections flattened)."""
    found: list[str] = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            found += nav_pages(value)
        elif isinstance(value, str) and value.endswith(".md"):
            found.append(value)
    return found


def _front_matter_title(path: Path) -> str:
    match = re.search(r"^title:\s*(.+)$", path.read_text(encoding="utf-8"), re.M)
    return match.group(1).strip().strip("\"'") if match else path.stem


def _from_the_appendix(markdown: str, page: str) -> str:
    """Make a chapter's Markdown work on the appendix page: same-page anchors name the chapter.

    The appendix sits at the same depth as the chapters (``appendix/`` vs ``concepts/``), so other
    relative links and images resolve unchanged.
    """
    target = "../" + page
    return re.sub(r"\]\(#", f"]({target}#", markdown)


def _answer_lines(quiz: Quiz, page: str) -> list[str]:
    if quiz.type in ("single", "multiple"):
        lines = []
        for option in quiz.options:
            mark = "**Correct:**" if option.correct else "Wrong:"
            lines.append(f"- {mark} {_from_the_appendix(option.text, page)}")
            lines.append("")
            lines.append(f"    {_from_the_appendix(option.feedback, page)}")
            lines.append("")
        return lines
    if quiz.type == "numeric":
        value = quiz.answers[0].text
        tolerance = f" (within ±{quiz.tolerance:g})" if quiz.tolerance else ""
        return [f"**Answer:** {value}{tolerance}"]
    accepted = "; ".join(f"`{a.text}`" for a in quiz.answers)
    return [f"**Accepted answers:** {accepted}"]


def appendix_markdown(pages: Iterable[str], docs_dir: Path = DOCS) -> str:
    """The answer appendix for the chapters among ``pages`` (paths under docs/, nav order).

    Questions are numbered per chapter as the chapter numbers them. A malformed quiz raises
    ValueError naming file and line (the build's checks report it first in practice).
    """
    out = [
        "---",
        f"title: {APPENDIX_TITLE}",
        "description: The answer, the feedback on every option and the explanation for each "
        "self-check question of the guide.",
        "---",
        "",
        f"# {APPENDIX_TITLE} {{#self-check-answers}}",
        "",
        "Each chapter's self-check shows its questions as a form. Answer them first; then check",
        "yourself here. Every option has the reason it is right or wrong.",
        "",
    ]
    for page in pages:
        path = docs_dir / page
        quizzes, problems = read_page(path)
        if problems:
            raise ValueError("\n".join(str(p) for p in sorted(problems)))
        if not quizzes:
            continue
        slug = Path(page).with_suffix("").as_posix().replace("/", "-")
        out += [f"## {_front_matter_title(path)} {{#answers-{slug}}}", ""]
        for number, quiz in enumerate(quizzes, start=1):
            out += [
                f'<div class="book-answer" id="answer-{quiz.id}" markdown>',
                "",
                f"**Question {number}** <small>(`{quiz.id}`)</small>",
                "",
                *_answer_lines(quiz, page),
                "",
                _from_the_appendix(quiz.explanation, page),
                "",
                "</div>",
                "",
            ]
    return "\n".join(out)


def cover_facts(root: Path = ROOT, today: dt.date | None = None) -> dict[str, str]:
    """Version (the project's, plus the commit it is built from) and build date for the cover."""
    version = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    commit = subprocess.run(
        ["git", "rev-parse", "--short=10", "HEAD"],
        cwd=root, capture_output=True, text=True, check=False,
    ).stdout.strip()  # fmt: skip
    if commit:
        version += f" (commit {commit})"
    return {"version": version, "date": (today or dt.date.today()).isoformat()}


def absolute_download_links(markdown: str, src_uri: str, site_url: str) -> str:
    """Point a page's Markdown links to downloadable files (CSV, Parquet, the PDF, the offline
    ZIP) at the published site: the files are not inside the PDF. ``src_uri`` is the page's path
    under docs/; MkDocs then treats the links as external and leaves them alone.
    """

    def absolute(match: re.Match) -> str:
        target = match.group("target")
        if "://" in target or target.startswith(("#", "/", "mailto:")):
            return match.group(0)
        if not target.split("#", 1)[0].lower().endswith(DOWNLOAD_SUFFIXES):
            return match.group(0)
        path = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), target))
        return f"]({urljoin(site_url, path)})"

    return re.sub(r"\]\((?P<target>[^)\s]+)\)", absolute, markdown)


def label_tabs(html: str) -> str:
    """Write each content tab's label above its own content: on paper the tab strip is hidden
    and every tab's content is shown (book.css)."""
    if "tabbed-set" not in html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    for tabbed in soup.select("div.tabbed-set"):
        labels = tabbed.select(":scope > div.tabbed-labels > label")
        blocks = tabbed.select(":scope > div.tabbed-content > div.tabbed-block")
        for label, block in zip(labels, blocks, strict=False):
            title = soup.new_tag("p", attrs={"class": "book-tab-label"})
            title.string = label.get_text(" ", strip=True)
            block.insert(0, title)
    return str(soup)
