"""Study plans: the committed plans check out, minutes come from the chapters, bad plans name
their file and line (in the checker and in the build)."""

from __future__ import annotations

import re

import pytest

from guide_tools.chapters import SLUGS
from guide_tools.plans import PLANS, PlanError, duration, load_plan, load_plans, render
from guide_tools.study_time import chapter, chapters

PLAN_NAMES = ("three-day-crash", "two-week", "six-week")


@pytest.fixture(scope="module")
def plans():
    return {plan.name: plan for plan in load_plans()}


def test_the_three_plans_exist_and_check_out(plans):
    assert set(PLAN_NAMES) <= set(plans)


@pytest.mark.parametrize("slug", SLUGS)
def test_a_chapters_items_add_up_to_its_study_minutes(slug):
    ch = chapter(slug)
    read = sum(ch.read_minutes(s.id) for s in ch.sections.values() if s.level == 2)
    run = sum(ch.run_minutes(path) for path in ch.snippets)
    assert read + run + ch.quiz_minutes() == pytest.approx(ch.study_minutes)
    assert ch.snippets, "every chapter shows snippets"
    assert ch.quiz_ids and ch.quiz_words > 0


def test_an_h3s_words_are_part_of_its_h2s():
    for ch in chapters():
        for section in ch.sections.values():
            if section.level == 3:
                assert section.words <= ch.sections[section.parent].words


def test_totals_are_the_sums_of_the_items(plans):
    for plan in plans.values():
        assert plan.minutes == sum(s.minutes for s in plan.sessions)
        for session in plan.sessions:
            assert session.minutes == sum(i.minutes for i in session.items) > 0


def test_plans_grow_with_the_time_they_take(plans):
    crash, two, six = (plans[name] for name in PLAN_NAMES)
    assert crash.minutes < two.minutes < six.minutes
    # The thorough plan reads every section and runs every snippet of every chapter.
    keys = {item.key for session in six.sessions for item in session.items}
    for ch in chapters():
        assert {f"read:{ch.slug}#{s.id}" for s in ch.sections.values() if s.level == 2} - {
            f"read:{ch.slug}#self-check"
        } <= keys
        assert {f"run:{path}" for path in ch.snippets} <= keys
        assert f"quiz:{ch.slug}" in keys


def test_the_plans_keep_the_promises_of_their_intros(plans):
    crash, two, six = (plans[name] for name in PLAN_NAMES)
    # "in two sessions a day" over three days; "one session a study day" over two weeks.
    assert len(crash.sessions) == 6
    assert len(two.sessions) <= 14
    # Two weeks: "the three snippets behind its key claims" per chapter, every self-check.
    for slug in SLUGS:
        runs = [i for s in two.sessions for i in s.items if i.kind == "run" and i.slug == slug]
        assert len(runs) == 3, slug
    # Six weeks: "three or four sessions a week"; every chapter reviewed at least once.
    weeks = {}
    for session in six.sessions:
        week = re.match(r"week-(\d+)-", session.id).group(1)
        weeks[week] = weeks.get(week, 0) + 1
    assert len(weeks) == 6 and set(weeks.values()) <= {3, 4}
    reviewed = {i.slug for s in six.sessions for i in s.items if i.kind == "review"}
    assert reviewed == set(SLUGS)
    # Every plan takes each chapter's self-check.
    for plan in plans.values():
        assert {i.slug for s in plan.sessions for i in s.items if i.kind == "quiz"} == set(SLUGS)


def test_review_comes_after_the_quiz_it_reviews(plans):
    for plan in plans.values():
        taken = set()
        for session in plan.sessions:
            for item in session.items:
                if item.kind == "quiz":
                    taken.add(item.slug)
                elif item.kind == "review":
                    assert item.slug in taken, f"{plan.name}: {session.id} reviews {item.slug}"


def test_the_rendered_page_links_every_item_with_its_minutes(plans):
    plan = plans["three-day-crash"]
    page = render(plan)
    assert page.startswith("---\ntitle: Three-day crash plan\n")
    for session in plan.sessions:
        assert f"## {session.title} {{#{session.id}}}" in page
        assert f"*{duration(session.minutes)}*" in page
    for item in (i for s in plan.sessions for i in s.items):
        assert f'](../concepts/{item.slug}.md#{item.anchor}){{ data-plan-item="{item.key}"' in page
    assert f"**{duration(plan.minutes)}** in 6 sessions" in page


def test_duration_reads_like_a_person_wrote_it():
    assert [duration(m) for m in (1, 59, 60, 61, 125)] == [
        "1 min",
        "59 min",
        "1 h",
        "1 h 01 min",
        "2 h 05 min",
    ]


# -- Bad plans name the file and the line ---------------------------------------------------------
GOOD_HEAD = """\
title: A plan
description: A fixture plan.
sessions:
  - id: day-1
    title: Day 1
    items:
"""

BAD_PLANS = {
    "unknown anchor": (
        GOOD_HEAD + "      - read: metrics#roc-and-pr\n      - read: metrics#roc-curves\n",
        8,
        "read: metrics#roc-curves: docs/concepts/metrics.md has no heading with id 'roc-curves'",
    ),
    "unknown chapter": (
        GOOD_HEAD + "      - quiz: metric\n",
        7,
        "quiz: metric: no chapter 'metric' (did you mean metrics",
    ),
    "snippet not on the page": (
        GOOD_HEAD + "      - run: metrics/learning_curves.py\n",
        7,
        "does not include snippets/metrics/learning_curves.py",
    ),
    "unknown kind": (
        GOOD_HEAD + "      - watch: metrics\n",
        7,
        "an item is one of 'read:",
    ),
    "item twice": (
        GOOD_HEAD + "      - quiz: metrics\n      - quiz: metrics\n",
        8,
        "this item is already in the plan, on line 7",
    ),
    "session id twice": (
        GOOD_HEAD
        + "      - quiz: metrics\n  - id: day-1\n    title: Again\n    items:\n"
        + "      - quiz: ensembles\n",
        8,
        "session id 'day-1' is already used on line 4",
    ),
    "session id not an anchor": (
        GOOD_HEAD.replace("id: day-1", "id: Day One") + "      - quiz: metrics\n",
        4,
        "a session needs an 'id' of lowercase words joined by hyphens",
    ),
    "typo in a key": (
        GOOD_HEAD.replace("    title: Day 1", "    heading: Day 1") + "      - quiz: metrics\n",
        5,
        "unknown key 'heading'",
    ),
    "no items": (
        GOOD_HEAD.replace("    items:\n", "    items: []\n"),
        6,
        "needs a list of 'items'",
    ),
    "not YAML": (GOOD_HEAD + "      - read: [metrics\n", 8, "not valid YAML"),
    "description too long": (
        GOOD_HEAD.replace("A fixture plan.", "x" * 161) + "      - quiz: metrics\n",
        2,
        "description is 161 characters",
    ),
}


@pytest.mark.parametrize("case", BAD_PLANS)
def test_a_bad_plan_names_its_file_and_line(tmp_path, case):
    text, line, message = BAD_PLANS[case]
    path = tmp_path / "bad.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as raised:
        load_plan(path)
    assert f"{path}:{line}: " in str(raised.value)
    assert message in str(raised.value)


def test_the_build_fails_on_a_bad_plan_with_file_and_line(build_fixture_site):
    plan = GOOD_HEAD + "      - read: metrics#tldr\n"
    result = build_fixture_site(
        {"index.md": "---\ntitle: Home\ndescription: Home.\n---\n# Home\n", "plans/p.yml": plan}
    )
    assert result.returncode != 0
    # The fixture has no chapters: the plan's item is reported where it is written.
    assert re.search(r"plans/p\.yml:7: read: metrics#tldr: no chapter 'metrics'", result.output)


def test_the_checker_command_reports_the_committed_plans(capsys):
    from guide_tools.plans import main

    assert main() == 0
    out = capsys.readouterr().out
    for name in PLAN_NAMES:
        assert f"docs/plans/{name}.yml: " in out
    assert PLANS.is_dir()


def test_plan_files_start_with_a_comment_naming_what_renders_them():
    for path in sorted(PLANS.glob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# A study plan: rendered into the page"), path
        assert "hooks/study_plans.py" in first
