"""Study plans: YAML data in ``docs/plans/<name>.yml``, checked and rendered into pages.

A plan is a list of sessions; a session lists what to do, one item per line::

    title: Three-day crash plan
    description: One sentence for search engines and link previews (at most 160 characters).
    intro: |
      Markdown shown under the title.
    sessions:
      - id: day-1-foundations            # the session's anchor: never change it once published
        title: "Day 1: foundations"
        note: Optional Markdown under the session heading.
        items:
          - read: metrics#roc-and-pr     # a chapter section, by its explicit heading id
          - run: metrics/threshold_from_costs.py   # a snippet the chapter includes
          - quiz: metrics                # the chapter's self-check
          - review: bias-variance        # retake what you missed there (spaced repetition)

Minutes are never typed: each item's come from its chapter's ``study_minutes``
(:mod:`guide_tools.study_time`), rounded to whole minutes, and sessions and plans add those up.
A plan that names a chapter, section or snippet that does not exist is reported with the plan
file and line (``python -m guide_tools.plans`` checks every plan; the build does the same).
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from guide_tools.chapters import GOOD_ID, MAX_DESCRIPTION, SLUGS
from guide_tools.paths import DOCS
from guide_tools.problems import Problem, report
from guide_tools.study_time import Chapter, chapter

PLANS = DOCS / "plans"
KINDS = ("read", "run", "quiz", "review")
PLAN_KEYS = {"title", "description", "intro", "sessions"}
SESSION_KEYS = {"id", "title", "note", "items"}
CORE_SECTIONS = ("tldr", "what-interviewers-probe", "decision-guide", "pitfalls", "model-answers")


class PlanError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in sorted(problems)))
        self.problems = sorted(problems)


# -- YAML with line numbers ---------------------------------------------------------------------
class _Mapping(dict):
    """A YAML mapping that remembers its own line and each key's line (1-based)."""

    line: int = 1
    lines: dict[str, int]


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Mapping:
    mapping = _Mapping(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.lines = {
        str(loader.construct_object(key)): key.start_mark.line + 1 for key, _ in node.value
    }
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


# -- The plan, checked ---------------------------------------------------------------------------
@dataclass
class Item:
    kind: str  # read | run | quiz | review
    slug: str
    target: str  # section id (read), snippet path (run), "" (quiz), session id (review)
    line: int
    chapter: Chapter = field(repr=False)

    @property
    def key(self) -> str:
        """The item's id in the reader's progress store: the same thing done once counts in every
        plan (``read:metrics#roc-and-pr``, ``run:snippets/metrics/x.py``, ``quiz:metrics``)."""
        if self.kind == "read":
            return f"read:{self.slug}#{self.target}"
        if self.kind == "run":
            return f"run:{self.target}"
        if self.kind == "review":  # one per session: a plan may review a chapter more than once
            return f"review:{self.slug}@{self.target}"
        return f"quiz:{self.slug}"

    @property
    def anchor(self) -> str:
        if self.kind == "read":
            return self.target
        if self.kind == "run":
            return self.chapter.snippets[self.target].section
        return "self-check"  # quiz and review

    @property
    def minutes(self) -> int:
        """Whole minutes, at least one, from the chapter's study time."""
        if self.kind == "read":
            exact = self.chapter.read_minutes(self.target)
        elif self.kind == "run":
            exact = self.chapter.run_minutes(self.target)
        else:  # a review retakes the self-check: at most its minutes (what you missed is less)
            exact = self.chapter.quiz_minutes()
        return max(1, round(exact))

    @property
    def label(self) -> str:
        title = self.chapter.title
        if self.kind == "read":
            return f"Read *{title}*: {self.chapter.sections[self.target].title}"
        if self.kind == "run":
            return f"Run `{Path(self.target).name}` and change it (*{title}*)"
        if self.kind == "review":
            return f"Review *{title}*: retake the self-check questions you missed"
        return f"Take the *{title}* self-check ({len(self.chapter.quiz_ids)} questions)"


@dataclass
class Session:
    id: str
    title: str
    note: str
    line: int
    items: list[Item]

    @property
    def minutes(self) -> int:
        return sum(item.minutes for item in self.items)


@dataclass
class Plan:
    name: str  # the file's stem: the page is plans/<name>.md
    path: Path
    title: str
    description: str
    intro: str
    sessions: list[Session]

    @property
    def minutes(self) -> int:
        return sum(session.minutes for session in self.sessions)


def _close(word: str, choices) -> str:
    near = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.5)
    return f" (did you mean {', '.join(near)}?)" if near else ""


def _item(
    path: Path, raw, line: int, docs: Path, session: str
) -> tuple[Item | None, list[Problem]]:
    if not isinstance(raw, _Mapping) or len(raw) != 1 or next(iter(raw)) not in KINDS:
        return None, [
            Problem(
                path,
                line,
                "an item is one of 'read: <chapter>#<heading id>', "
                "'run: <chapter>/<snippet>.py', 'quiz: <chapter>' or 'review: <chapter>'",
            )
        ]
    kind, value = next(iter(raw.items()))
    line = raw.line
    if not isinstance(value, str) or not value.strip():
        return None, [Problem(path, line, f"'{kind}:' needs a value")]
    value = value.strip()
    if kind == "read":
        slug, sep, target = value.partition("#")
        if not sep or not target:
            return None, [Problem(path, line, f"read: {value}: name a section, '<chapter>#<id>'")]
    elif kind == "run":
        slug, sep, name = value.partition("/")
        if not sep or not name.endswith(".py"):
            return None, [
                Problem(path, line, f"run: {value}: name a snippet, '<chapter>/<file>.py'")
            ]
        target = f"snippets/{slug}/{name}"
    else:
        slug, target = value, session if kind == "review" else ""
    if slug not in SLUGS or not (docs / "concepts" / f"{slug}.md").exists():
        return None, [
            Problem(path, line, f"{kind}: {value}: no chapter '{slug}'{_close(slug, SLUGS)}")
        ]
    ch = chapter(slug, docs)
    page = f"docs/concepts/{slug}.md"
    if kind == "read" and target not in ch.sections:
        return None, [
            Problem(
                path,
                line,
                f"read: {value}: {page} has no heading with id '{target}'"
                f"{_close(target, ch.sections)}",
            )
        ]
    if kind == "run" and target not in ch.snippets:
        shown = ", ".join(Path(p).name for p in ch.snippets)
        return None, [
            Problem(
                path, line, f"run: {value}: {page} does not include {target} (it shows {shown})"
            )
        ]
    if kind in ("quiz", "review") and not ch.quiz_ids:
        return None, [Problem(path, line, f"quiz: {value}: {page} has no self-check questions")]
    return Item(kind, slug, target, line, ch), []


def load_plan(path: Path, docs: Path = DOCS) -> Plan:
    """Read and check one plan file; raise :class:`PlanError` listing every problem found."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise PlanError(
            [Problem(path, mark.line + 1 if mark else 1, f"not valid YAML: {error}")]
        ) from None
    if not isinstance(data, _Mapping):
        raise PlanError([Problem(path, 1, "a plan is a mapping with title, description, sessions")])
    problems: list[Problem] = []
    for key in sorted(set(data) - PLAN_KEYS):
        problems.append(
            Problem(path, data.lines[key], f"unknown key '{key}' (a plan has {sorted(PLAN_KEYS)})")
        )
    for key in ("title", "description"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            problems.append(Problem(path, data.lines.get(key, 1), f"the plan needs a '{key}'"))
    description = data.get("description")
    if isinstance(description, str) and len(description) > MAX_DESCRIPTION:
        problems.append(
            Problem(
                path,
                data.lines["description"],
                f"description is {len(description)} characters (at most {MAX_DESCRIPTION})",
            )
        )
    raw_sessions = data.get("sessions")
    if not isinstance(raw_sessions, list) or not raw_sessions:
        problems.append(
            Problem(path, data.lines.get("sessions", 1), "the plan needs a list of 'sessions'")
        )
        raw_sessions = []
    sessions: list[Session] = []
    seen_ids: dict[str, int] = {}
    seen_items: dict[str, int] = {}
    for raw in raw_sessions:
        if not isinstance(raw, _Mapping):
            problems.append(Problem(path, data.lines.get("sessions", 1), "a session is a mapping"))
            continue
        for key in sorted(set(raw) - SESSION_KEYS):
            problems.append(
                Problem(
                    path,
                    raw.lines[key],
                    f"unknown key '{key}' (a session has {sorted(SESSION_KEYS)})",
                )
            )
        session_id = raw.get("id")
        if not isinstance(session_id, str) or not GOOD_ID.match(session_id):
            problems.append(
                Problem(
                    path,
                    raw.lines.get("id", raw.line),
                    "a session needs an 'id' of lowercase words joined by hyphens (its anchor)",
                )
            )
        elif session_id in seen_ids:
            problems.append(
                Problem(
                    path,
                    raw.lines["id"],
                    f"session id '{session_id}' is already used on line {seen_ids[session_id]}",
                )
            )
        else:
            seen_ids[session_id] = raw.lines["id"]
        if not isinstance(raw.get("title"), str) or not raw["title"].strip():
            problems.append(
                Problem(path, raw.lines.get("title", raw.line), "a session needs a 'title'")
            )
        raw_items = raw.get("items")
        if not isinstance(raw_items, list) or not raw_items:
            problems.append(
                Problem(path, raw.lines.get("items", raw.line), "a session needs a list of 'items'")
            )
            raw_items = []
        items = []
        for position, raw_item in enumerate(raw_items):
            line = (
                raw_item.line
                if isinstance(raw_item, _Mapping)
                else raw.lines["items"] + 1 + position
            )
            item, item_problems = _item(path, raw_item, line, docs, str(session_id))
            problems += item_problems
            if item is None:
                continue
            if item.key in seen_items:
                problems.append(
                    Problem(
                        path,
                        item.line,
                        f"{item.kind}: this item is already in the plan, "
                        f"on line {seen_items[item.key]}",
                    )
                )
                continue
            seen_items[item.key] = item.line
            items.append(item)
        sessions.append(
            Session(
                str(session_id),
                str(raw.get("title", "")).strip(),
                str(raw.get("note") or "").strip(),
                raw.line,
                items,
            )
        )
    if problems:
        raise PlanError(problems)
    return Plan(
        path.stem,
        path,
        data["title"].strip(),
        " ".join(data["description"].split()),
        str(data.get("intro") or "").strip(),
        sessions,
    )


def load_plans(folder: Path = PLANS, docs: Path = DOCS) -> list[Plan]:
    """Every plan in ``folder``; one :class:`PlanError` with the problems of all of them."""
    plans, problems = [], []
    for path in sorted(folder.glob("*.yml")):
        try:
            plans.append(load_plan(path, docs))
        except PlanError as error:
            problems += error.problems
    if problems:
        raise PlanError(problems)
    return plans


# -- Rendering -------------------------------------------------------------------------------------
def duration(minutes: int) -> str:
    """``95`` -> ``1 h 35 min``."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


def _item_markdown(item: Item, page_folder: str) -> str:
    href = f"{page_folder}concepts/{item.slug}.md#{item.anchor}"
    attrs = f'data-plan-item="{item.key}" data-plan-minutes="{item.minutes}"'
    if item.kind in ("quiz", "review"):
        attrs += f' data-plan-quiz="{" ".join(item.chapter.quiz_ids)}"'
    return f"- [ ] [{item.label}]({href}){{ {attrs} }} · {duration(item.minutes)}"


def _counts(plan: Plan) -> str:
    """ "63 sections to read, 9 self-checks and 9 reviews" (kinds it has none of are left out)."""
    words = {
        "read": ("section to read", "sections to read"),
        "run": ("snippet to run", "snippets to run"),
        "quiz": ("self-check", "self-checks"),
        "review": ("review", "reviews"),
    }
    parts = []
    for kind in KINDS:
        n = sum(item.kind == kind for session in plan.sessions for item in session.items)
        if n:
            parts.append(f"{n} {words[kind][n != 1]}")
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)


def render(plan: Plan) -> str:
    """The Markdown of a plan's page (``plans/<name>.md``; links are relative to it)."""
    up = "../"  # from docs/plans/ to docs/
    chapters = sorted({i.slug for s in plan.sessions for i in s.items}, key=SLUGS.index)
    lines = [
        "---",
        yaml.safe_dump(
            {
                "title": plan.title,
                "description": plan.description,
                # A plan names many sections: rank it below the chapters that teach them.
                "search": {"boost": 0.1},
            },
            sort_keys=False,
            allow_unicode=True,
            width=1000,
        ).strip(),
        "---",
        "",
        f"<!-- Generated from docs/plans/{plan.name}.yml by hooks/study_plans.py: edit that. -->",
        "",
        f"# {plan.title}",
        "",
        plan.intro,
        "",
        f'<div class="plan-summary" data-plan="{plan.name}" markdown>',
        "",
        f"**{duration(plan.minutes)}** in {len(plan.sessions)} sessions "
        f"({duration(round(plan.minutes / len(plan.sessions)))} each on average), over "
        f"{len(chapters)} chapters: {_counts(plan)}. Tick items as you go: your progress stays "
        "in this browser, shared with the quizzes and every other plan.",
        "",
        '<p class="plan-continue" hidden></p>',
        "",
        "</div>",
        "",
    ]
    for session in plan.sessions:
        lines += [f"## {session.title} {{#{session.id}}}", ""]
        lines += [f"*{duration(session.minutes)}*", ""]
        if session.note:
            lines += [session.note, ""]
        lines += [_item_markdown(item, up) for item in session.items]
        lines.append("")
    lines += [
        "## How the minutes are estimated {#how-minutes-are-estimated}",
        "",
        "Each chapter states its study time in minutes. A plan shares that time out by words: "
        "reading a section takes the share of the chapter's prose under it, running a snippet "
        "the share of the code and output the page shows from it, and the self-check the share "
        "of its questions. Items are rounded to whole minutes; sessions and the plan add up "
        "their items.",
        "",
    ]
    return "\n".join(lines)


def _plain(markdown: str) -> str:
    return re.sub(r"[*`]", "", markdown)


def builder_data(link) -> dict:
    """What the plan builder page schedules from: every chapter's items with their minutes.

    ``link(slug, anchor)`` returns the URL of a chapter section relative to the builder page.
    Reading items are the H2 sections (the self-check is the quiz item); ``core`` marks the
    contract sections a reader short of time reads in every chapter.
    """
    out = []
    for ch in _all_chapters():
        items = []
        for section in ch.sections.values():
            if section.level != 2 or section.id == "self-check":
                continue
            item = Item("read", ch.slug, section.id, 0, ch)
            items.append((item, section.id in CORE_SECTIONS))
            # Then the snippets this section shows, so reading and running go together.
            for path, snippet in ch.snippets.items():
                shown = ch.sections[snippet.section]
                if (shown.parent or shown.id) == section.id:
                    items.append((Item("run", ch.slug, path, 0, ch), False))
        items.append((Item("quiz", ch.slug, "", 0, ch), True))
        out.append(
            {
                "slug": ch.slug,
                "title": ch.title,
                "url": link(ch.slug, ""),
                "study_minutes": ch.study_minutes,
                "prerequisites": ch.prerequisites,
                "quiz_ids": ch.quiz_ids,
                "items": [
                    {
                        "key": item.key,
                        "kind": item.kind,
                        "label": _plain(item.label),
                        "url": link(ch.slug, item.anchor),
                        "minutes": item.minutes,
                        "core": core,
                    }
                    for item, core in items
                ],
            }
        )
    return {"version": 1, "chapters": out}


def _all_chapters() -> list[Chapter]:
    return [chapter(slug) for slug in SLUGS if (DOCS / "concepts" / f"{slug}.md").exists()]


def main() -> int:
    try:
        plans = load_plans()
    except PlanError as error:
        return report(error.problems, "study plan")
    for plan in plans:
        print(
            f"{plan.path.relative_to(DOCS.parent)}: {len(plan.sessions)} sessions, "
            f"{duration(plan.minutes)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
