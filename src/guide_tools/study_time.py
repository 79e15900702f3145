"""How long each part of a chapter takes to study, shared out from its ``study_minutes``.

A chapter's front matter gives one number, ``study_minutes``: reading it, running its snippets and
taking its quiz. Study plans need minutes per item (one section to read, one snippet to run, the
quiz), and their totals must add up from the chapters' own metadata, never be typed. So the
chapter's minutes are shared out in proportion to words:

* reading a section (H2 with its H3s, or one H3): the prose of that section, plus code typed into
  the page there (fenced blocks that include no snippet);
* running a snippet file: the code and printed output the page includes from that file;
* the quiz: the words of the self-check questions (stems, choices and feedback).

Reading every H2, running every snippet and taking the quiz adds up to the chapter's
``study_minutes`` (before each item is rounded to whole minutes). Everything is read from the
sources (``docs/concepts/<slug>.md`` and the snippet files), so the numbers do not depend on the
order MkDocs renders pages in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from guide_tools.chapters import FENCE, HEADING, HEADING_ID, SLUGS, TITLES, _quiz_lines, load
from guide_tools.paths import DOCS, ROOT, display
from guide_tools.snippet_sections import INCLUDE, parse_sections
from markdown_exam.check import read_page

PROSE_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
CODE_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?")
HEADING_MARKUP = re.compile(r"\{[^}]*\}\s*$")  # an attribute list at the end of a heading


@dataclass
class Section:
    """A heading with an explicit id, and the words under it (H2s include their H3s)."""

    id: str
    title: str
    level: int
    line: int
    parent: str | None  # the H2 an H3 belongs to
    words: int = 0  # prose plus code typed into the page under this heading
    snippets: list[str] = field(default_factory=list)  # files included under it, first use


@dataclass
class Snippet:
    path: str  # "snippets/<slug>/<file>.py", as pages name it
    section: str  # the id of the first H2 or H3 that includes it (where a plan links to)
    words: int = 0


@dataclass
class Chapter:
    slug: str
    title: str
    path: Path
    study_minutes: float
    prerequisites: list[str]
    sections: dict[str, Section]  # by id, in page order
    snippets: dict[str, Snippet]  # by path, in order of first use
    quiz_ids: list[str]
    quiz_words: int

    @property
    def total_words(self) -> int:
        h2 = sum(s.words for s in self.sections.values() if s.level == 2)
        return h2 + sum(s.words for s in self.snippets.values()) + self.quiz_words

    def _minutes(self, words: int) -> float:
        return self.study_minutes * words / self.total_words

    def read_minutes(self, section_id: str) -> float:
        return self._minutes(self.sections[section_id].words)

    def run_minutes(self, snippet: str) -> float:
        return self._minutes(self.snippets[snippet].words)

    def quiz_minutes(self) -> float:
        return self._minutes(self.quiz_words)


def _included_words(target: str) -> int:
    """Words of code in an include target ``path`` or ``path:section``."""
    name, _, section = target.partition(":")
    path = ROOT / name
    lines = path.read_text(encoding="utf-8").splitlines()
    if section:
        snippet, _ = parse_sections(path)
        start, end = snippet.sections[section]
        lines = lines[start : end - 1]
    return sum(len(CODE_WORD.findall(line)) for line in lines if "--8<--" not in line)


@cache
def chapter(slug: str, docs: Path = DOCS) -> Chapter:
    """Read ``docs/concepts/<slug>.md`` and its snippets into a :class:`Chapter`."""
    path = docs / "concepts" / f"{slug}.md"
    page, problems = load(path)
    if page is None:
        raise ValueError("; ".join(str(p) for p in problems))
    quiz_lines = _quiz_lines(page.body)
    sections: dict[str, Section] = {}
    snippets: dict[str, Snippet] = {}
    h2: Section | None = None
    h3: Section | None = None
    quiz_words = 0
    fence: str | None = None
    fence_words = 0
    fence_includes: list[str] = []

    def add(words: int) -> None:
        for section in (h2, h3):
            if section is not None:
                section.words += words

    for number, line in page.body:
        if number in quiz_lines:
            quiz_words += len(PROSE_WORD.findall(line))
            continue
        opener = FENCE.match(line)
        if fence is None and opener:
            fence, fence_words, fence_includes = opener.group(1)[0], 0, []
            continue
        if fence is not None:
            if opener and opener.group(1)[0] == fence:
                if not fence_includes:  # code typed into the page: part of reading it
                    add(fence_words)
                fence = None
                continue
            includes = [m["target"] for m in INCLUDE.finditer(line)]
            if includes:
                for target in includes:
                    file = target.partition(":")[0]
                    where = (h3 or h2).id if (h3 or h2) else "tldr"
                    snippets.setdefault(file, Snippet(file, where)).words += _included_words(target)
                    for section in (h2, h3):
                        if section is not None and file not in section.snippets:
                            section.snippets.append(file)
                fence_includes += includes
            else:
                fence_words += len(CODE_WORD.findall(line))
            continue
        heading = HEADING.match(line)
        if heading and len(heading["hashes"]) in (2, 3):
            level = len(heading["hashes"])
            id_match = HEADING_ID.search(heading["text"])
            if id_match:
                title = HEADING_MARKUP.sub("", heading["text"]).strip()
                section = Section(
                    id_match["id"], title, level, number, h2.id if level == 3 and h2 else None
                )
                sections[section.id] = section
                if level == 2:
                    h2, h3 = section, None
                else:
                    h3 = section
            continue
        # Any other heading (the H1 title, H4s) counts like prose.
        if "--8<--" in line or line.strip().startswith(("///", "|---", "*[")):
            continue
        add(len(PROSE_WORD.findall(line)))
    quizzes, quiz_problems = read_page(path)
    if quiz_problems:
        raise ValueError("; ".join(str(p) for p in quiz_problems))
    meta = page.meta
    return Chapter(
        slug=slug,
        title=TITLES.get(slug, str(meta.get("title", slug))),
        path=path,
        study_minutes=float(meta["study_minutes"]),
        prerequisites=list(meta.get("prerequisites") or []),
        sections=sections,
        snippets=snippets,
        quiz_ids=[q.id for q in quizzes],
        quiz_words=quiz_words,
    )


def chapters(docs: Path = DOCS) -> list[Chapter]:
    """Every concept chapter that exists under ``docs``, in the contract's slug order."""
    return [chapter(slug, docs) for slug in SLUGS if (docs / "concepts" / f"{slug}.md").exists()]


def summary() -> str:
    """A table of each chapter's shares, for a developer checking the estimates."""
    rows = []
    for ch in chapters():
        read = sum(ch.read_minutes(s.id) for s in ch.sections.values() if s.level == 2)
        run = sum(ch.run_minutes(p) for p in ch.snippets)
        rows.append(
            f"{display(ch.path):40} {ch.study_minutes:5.0f} min = read {read:5.1f}"
            f" + run {run:5.1f} + quiz {ch.quiz_minutes():4.1f}"
        )
    return "\n".join(rows)


if __name__ == "__main__":
    print(summary())
