"""Check every page against the chapter contract (shared CHAPTER-SPEC) and name file and line.

All pages need a title and a description of at most 160 characters (search engines and link
previews use it). Concept chapters (``docs/concepts/<slug>.md``) also need: the slug to be one of
the nine, the contract's front matter, explicit lowercase-hyphenated unique ids on every H2 and
H3, the contract's sections in order, two to six teaching sections each with a worked snippet,
alt text on every image, the central question with a rubric in the model answers, at least eight
collapsible follow-ups of which at least five carry a rubric (the mock interview's questions), and
2,500-5,000 words of prose.
Run it as ``python -m guide_tools.chapters``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from guide_tools.paths import DOCS
from guide_tools.problems import Problem, report
from markdown_exam import followups, model_answers
from markdown_exam.parse import QuizError, find_blocks, parse

TITLES = {
    "interpretability": "Model interpretability",
    "bias-variance": "Bias-variance tradeoff",
    "transfer-learning": "Transfer learning",
    "mlops": "Model deployment and MLOps",
    "sql-wrangling": "SQL and data wrangling",
    "metrics": "Evaluation metrics tradeoffs",
    "ensembles": "Ensemble methods",
    "feature-engineering": "Feature engineering",
    "ab-testing": "A/B testing for ML",
}
SLUGS = tuple(TITLES)
BEFORE = ("tldr", "what-interviewers-probe")  # contract sections before the teaching sections
AFTER = (
    "decision-guide",
    "pitfalls",
    "model-answers",
    "follow-ups",
    "self-check",
    "further-reading",
)
MIN_QUIZZES = 10
QUIZ_TYPES_REQUIRED = ("single", "multiple", "short")  # the contract's mix
MIN_QUIZZES_SHOWING = 2  # questions whose stem shows code or a figure
FRONT_MATTER = ("title", "description", "tags", "prerequisites", "study_minutes")
MAX_DESCRIPTION = 160
WORDS = (2500, 5000)
MIN_FOLLOW_UPS = 8
MIN_MOCK_QUESTIONS = 5  # follow-ups with a rubric: the mock interview page deals them
MIN_ALT_CHARS = 40

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*$")
HEADING_ID = re.compile(r"\{[^}]*#(?P<id>[^\s}]+)[^}]*\}\s*$")
GOOD_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)")
INCLUDE = re.compile(r"--8<--\s+[\"'](?P<target>[^\"']+)[\"']")
IMG_TAG = re.compile(r"<img\b")
IMG_WITH_ALT = re.compile(rf'<img\b[^>]*\balt="[^"]{{{MIN_ALT_CHARS},}}"')


@dataclass
class Heading:
    level: int
    text: str
    id: str | None
    line: int


@dataclass
class Page:
    path: Path
    meta: dict
    meta_lines: dict[str, int]
    body: list[tuple[int, str]]  # (line number, text) after the front matter

    def headings(self) -> list[Heading]:
        found = []
        for number, line, in_fence in _walk(self.body):
            if in_fence or not (m := HEADING.match(line)):
                continue
            id_match = HEADING_ID.search(m["text"])
            found.append(
                Heading(len(m["hashes"]), m["text"], id_match["id"] if id_match else None, number)
            )
        return found


def _walk(body):
    """Yield (line number, text, inside a code fence) for a page body."""
    fence = None
    for number, line in body:
        m = FENCE.match(line)
        if m:
            if fence is None:
                fence = m.group(1)[0]
                yield number, line, True
                continue
            if m.group(1)[0] == fence:
                fence = None
                yield number, line, True
                continue
        yield number, line, fence is not None


def load(path: Path) -> tuple[Page | None, list[Problem]]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    if not lines or lines[0] != "---":
        return None, [
            Problem(path, 1, "page has no front matter (--- block with title, description)")
        ]
    try:
        end = lines.index("---", 1)
    except ValueError:
        return None, [Problem(path, 1, "front matter is never closed by a '---' line")]
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        return None, [Problem(path, line, f"front matter is not valid YAML: {error}")]
    meta_lines = {}
    for number, line in enumerate(lines[1:end], start=2):
        if m := re.match(r"^([A-Za-z_]+)\s*:", line):
            meta_lines[m.group(1)] = number
    body = list(enumerate(lines, start=1))[end + 1 :]
    return Page(path, meta, meta_lines, body), []


def check_page(page: Page) -> list[Problem]:
    """What every page needs: a title, a short description, alt text on every image."""
    problems = []
    for key in ("title", "description"):
        if not isinstance(page.meta.get(key), str) or not page.meta[key].strip():
            problems.append(Problem(page.path, 1, f"front matter needs a '{key}'"))
    description = page.meta.get("description")
    if isinstance(description, str) and len(description) > MAX_DESCRIPTION:
        problems.append(
            Problem(
                page.path,
                page.meta_lines.get("description", 1),
                f"description is {len(description)} characters (at most {MAX_DESCRIPTION})",
            )
        )
    for number, line, in_fence in _walk(page.body):
        if in_fence:
            continue
        for m in IMAGE.finditer(line):
            if len(m["alt"].strip()) < MIN_ALT_CHARS:
                problems.append(
                    Problem(
                        page.path,
                        number,
                        f"image {m['src']} needs alt text that says "
                        f"what it shows (at least {MIN_ALT_CHARS} characters)",
                    )
                )
        if IMG_TAG.search(line) and not IMG_WITH_ALT.search(line):
            problems.append(
                Problem(page.path, number, "<img> needs alt text that says what it shows")
            )

    return problems


def prose_words(page: Page) -> int:
    """Words of prose: not code, not snippet includes, not tables' rules, not self-check quizzes
    (the contract asks for the quiz separately, so its questions do not eat the prose budget)."""
    words = 0
    quiz_lines = _quiz_lines(page.body)
    for number, line, in_fence in _walk(page.body):
        if in_fence or number in quiz_lines:
            continue
        if "--8<--" in line or line.strip().startswith(("///", "|---", "*[")):
            continue
        words += len(re.findall(r"[A-Za-z][A-Za-z'’-]*", line))
    return words


def _quiz_lines(body: list[tuple[int, str]]) -> set[int]:
    """The line numbers of ``/// quiz`` blocks in a page body, from opening to closing line."""
    if not body:
        return set()
    first = body[0][0] - 1
    lines: set[int] = set()
    for block in find_blocks("\n".join(text for _number, text in body)):
        closing = block.line + block.text.count("\n") + 2
        lines.update(range(first + block.line, first + closing + 1))
    return lines


def check_chapter(page: Page) -> list[Problem]:
    """The chapter contract, for docs/concepts/<slug>.md."""
    path, problems = page.path, []
    slug = path.stem
    if slug not in SLUGS:
        problems.append(Problem(path, 1, f"'{slug}' is not one of the chapter slugs {SLUGS}"))
    for key in FRONT_MATTER:
        if key not in page.meta:
            problems.append(Problem(path, 1, f"chapter front matter needs '{key}'"))
    if not isinstance(page.meta.get("tags", []), list) or not page.meta.get("tags"):
        problems.append(
            Problem(path, page.meta_lines.get("tags", 1), "tags must be a non-empty list")
        )
    prerequisites = page.meta.get("prerequisites", [])
    if not isinstance(prerequisites, list):
        problems.append(
            Problem(
                path,
                page.meta_lines.get("prerequisites", 1),
                "prerequisites must be a list of chapter slugs",
            )
        )
    else:
        for slug_needed in prerequisites:
            if (
                slug_needed not in SLUGS
                or slug_needed == slug
                or not (path.parent / f"{slug_needed}.md").exists()
            ):
                problems.append(
                    Problem(
                        path,
                        page.meta_lines.get("prerequisites", 1),
                        f"prerequisite {slug_needed!r} is not another written chapter",
                    )
                )
    minutes = page.meta.get("study_minutes")
    if "study_minutes" in page.meta and (not isinstance(minutes, int) or not 5 <= minutes <= 240):
        problems.append(
            Problem(
                path,
                page.meta_lines.get("study_minutes", 1),
                "study_minutes must be a whole number of minutes (5-240)",
            )
        )

    headings = page.headings()
    seen: dict[str, int] = {}
    for h in headings:
        if h.level in (2, 3):
            if h.id is None:
                problems.append(
                    Problem(
                        path,
                        h.line,
                        f"heading '{h.text}' needs an explicit id "
                        "like {#short-name}, so links to it never break",
                    )
                )
            elif not GOOD_ID.match(h.id):
                problems.append(Problem(path, h.line, f"id '{h.id}' must be lowercase-hyphenated"))
        if h.id is not None:
            if h.id in seen:
                problems.append(
                    Problem(path, h.line, f"id '{h.id}' is already used on line {seen[h.id]}")
                )
            seen.setdefault(h.id, h.line)

    h2 = [h for h in headings if h.level == 2]
    ids = [h.id for h in h2]
    for section in BEFORE + AFTER:
        if section not in ids:
            problems.append(Problem(path, 1, f"chapter lacks the '## ... {{#{section}}}' section"))
    order = [i for i in ids if i in BEFORE + AFTER]
    expected = [s for s in BEFORE + AFTER if s in order]
    if order != expected:
        problems.append(
            Problem(path, 1, f"contract sections out of order: {order}, want {expected}")
        )
    if ids[: len(BEFORE)] == list(BEFORE) and "decision-guide" in ids:
        teaching = h2[len(BEFORE) : ids.index("decision-guide")]
        if not 2 <= len(teaching) <= 6:
            problems.append(
                Problem(
                    path,
                    h2[1].line,
                    f"{len(teaching)} teaching sections between "
                    "'what-interviewers-probe' and 'decision-guide' (want 2-6)",
                )
            )
        for h in teaching:
            if not _section_has_include(page, h, h2):
                problems.append(
                    Problem(path, h.line, f"teaching section '{h.id}' shows no snippet")
                )
        problems += check_self_check(page, h2)
        # Their syntax and ids are markdown_exam.check's to report (make check-sources); here
        # only the ones that parse count.
        text = (
            "\n".join([""] * (page.body[0][0] - 1) + [line for _n, line in page.body])
            if page.body
            else ""
        )
        found = followups.read_page(path, text)[0]
        section_line = next(h.line for h in h2 if h.id == "follow-ups")
        if len(found) < MIN_FOLLOW_UPS:
            problems.append(
                Problem(
                    path,
                    section_line,
                    f"{len(found)} collapsible follow-ups (want at least {MIN_FOLLOW_UPS})",
                )
            )
        central, _ = model_answers.read_page(path, text)  # its faults: markdown_exam.check
        if central is None and any(h.id == model_answers.SECTION_ID for h in h2):
            problems.append(
                Problem(
                    path,
                    next(h.line for h in h2 if h.id == model_answers.SECTION_ID),
                    "the model answers need the central question (a paragraph starting "
                    f"'{model_answers.QUESTION_INTRO}') and a rubric after the 2-minute answer",
                )
            )
        mock = sum(1 for item in found if item.rubric)
        if mock < MIN_MOCK_QUESTIONS:
            problems.append(
                Problem(
                    path,
                    section_line,
                    f"{mock} follow-ups with a rubric ('{followups.RUBRIC_INTRO}'), the mock "
                    f"interview's questions (want at least {MIN_MOCK_QUESTIONS})",
                )
            )

    words = prose_words(page)
    if not WORDS[0] <= words <= WORDS[1]:
        problems.append(Problem(path, 1, f"{words} words of prose (want {WORDS[0]}-{WORDS[1]})"))
    return problems


def check_self_check(page: Page, h2: list[Heading]) -> list[Problem]:
    """At least ten questions in the self-check section, with the contract's mix of types."""
    heading = next((h for h in h2 if h.id == "self-check"), None)
    if heading is None:
        return []  # reported as a missing section
    lines = _section_lines(page, "self-check", h2)
    quizzes = []
    for block in find_blocks("\n".join(text for _n, text in lines)):
        try:
            quizzes.append(parse(block.text, block.argument))
        except QuizError:
            continue  # markdown_exam.check reports it with its line
    problems = []
    if len(quizzes) < MIN_QUIZZES:
        problems.append(
            Problem(
                page.path,
                heading.line,
                f"{len(quizzes)} quiz questions (want at least {MIN_QUIZZES})",
            )
        )
    for kind in QUIZ_TYPES_REQUIRED:
        if not any(q.type == kind for q in quizzes):
            problems.append(Problem(page.path, heading.line, f"no {kind!r} question in the quiz"))
    showing = [q for q in quizzes if "```" in q.stem or "![" in q.stem]
    if len(showing) < MIN_QUIZZES_SHOWING:
        problems.append(
            Problem(
                page.path,
                heading.line,
                f"{len(showing)} questions show code or a figure "
                f"(want at least {MIN_QUIZZES_SHOWING})",
            )
        )
    return problems


def _section_lines(page: Page, section_id: str, h2: list[Heading]) -> list[tuple[int, str]]:
    starts = [h.line for h in h2]
    for i, h in enumerate(h2):
        if h.id == section_id:
            end = starts[i + 1] if i + 1 < len(starts) else 10**9
            return [(n, t) for n, t in page.body if h.line < n < end]
    return []


def _section_has_include(page: Page, heading: Heading, h2: list[Heading]) -> bool:
    return (
        any(INCLUDE.search(t) for _n, t in _section_lines(page, heading.id or "", h2))
        if heading.id
        else False
    )


def meta_html(meta: dict, relative_url) -> str:
    """The study-time and prerequisites line shown under a chapter's title.

    ``relative_url(slug)`` returns the link to another chapter from the current page.
    """
    parts = []
    if isinstance(meta.get("study_minutes"), int):
        parts.append(f"Study time: about {meta['study_minutes']} minutes")
    prerequisites = [p for p in meta.get("prerequisites") or [] if p in TITLES]
    if prerequisites:
        links = ", ".join(f'<a href="{relative_url(p)}">{TITLES[p]}</a>' for p in prerequisites)
        parts.append(f"Read first: {links}")
    return f'<p class="guide-meta">{" · ".join(parts)}</p>' if parts else ""


def check(docs_root: Path = DOCS) -> list[Problem]:
    problems: list[Problem] = []
    for path in sorted(docs_root.rglob("*.md")):
        page, found = load(path)
        problems += found
        if page is None:
            continue
        problems += check_page(page)
        if path.parent == docs_root / "concepts":
            problems += check_chapter(page)
    return problems


def main() -> int:
    return report(check(), "page")


if __name__ == "__main__":
    sys.exit(main())
