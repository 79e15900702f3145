"""The mock interview page in a real browser: a full short session with an injected clock
(dealing, countdown with pause and overtime, reveal, self-grading, summary, the stored result),
"My weakest", keyboard only, a phone's width, and axe in both palettes.

The real site (built once per run, conftest.py), served on 127.0.0.1 and driven by Playwright with
our Chromium. The clock is Playwright's (page.clock), installed before the page loads and paused,
so the countdown moves only when a test runs it forward; Math.random is seeded, so a run deals
the same questions every time (the tests still read the order from the page, not from a list).
axe runs without the fake clock (it stops axe's timers).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urljoin

import pytest

from site_checks import (
    axe_in_both_palettes,
    close_watched,
    no_overflow,
    tab_to,
    watched_page,
)

pytestmark = [pytest.mark.build, pytest.mark.xdist_group("mock-browser")]
playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

PAGE = "mock-interview/"
MOCK = "ml-interview-guide:mock"
QUIZ = "ml-interview-guide:quiz"
DAY0 = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
START = DAY0 + timedelta(hours=1)  # where the clock is paused once the page has loaded
# mulberry32, a small seeded generator, in place of Math.random before any script runs.
SEEDED_RANDOM = """
(() => {
  let a = 20261207;
  Math.random = () => {
    a |= 0; a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();
"""


def _open(browser, site_url, clock=True, **context_options):
    """A fresh context (empty storage) on the mock page; with ``clock``, Playwright's clock is
    installed at DAY0 before the page loads and paused at START once it has. Records requests to
    other hosts and JavaScript errors."""
    context, page = watched_page(browser, site_url, **context_options)
    page.add_init_script(SEEDED_RANDOM)
    if clock:
        page.clock.install(time=DAY0)
    page.goto(site_url + PAGE)
    if clock:
        page.clock.pause_at(START)
    assert page.locator(".mock-setup").count() == 1, (
        "mock.js did not run on the mock page: is it in mkdocs.yml's extra_javascript?"
    )
    return context, page


def _close(context, page):
    close_watched(context, page)


@pytest.fixture
def page(browser, site_url):
    context, page = _open(browser, site_url)
    yield page
    _close(context, page)


@pytest.fixture
def phone(browser, site_url):
    context, page = _open(browser, site_url, viewport={"width": 375, "height": 740})
    yield page
    _close(context, page)


# -- Helpers ----------------------------------------------------------------------------------
def bank(page) -> dict[str, dict]:
    """Every question on the page (the hidden bank the build wrote), by id."""
    items = page.locator("section.mock-question").evaluate_all(
        r"""sections => {
          const flat = t => t.replace(/\s+/g, ' ').trim();
          const text = (s, part) => flat(s.querySelector('.mock-question__' + part).textContent);
          return sections.map(s => ({
            id: s.dataset.questionId, chapter: s.dataset.chapter, title: s.dataset.chapterTitle,
            prompt: text(s, 'prompt'), answer: text(s, 'answer'),
            rubric: [...s.querySelectorAll('.mock-question__rubric li')]
              .map(li => flat(li.textContent)),
            href: s.querySelector('.mock-question__source a').getAttribute('href'),
          }));
        }"""
    )
    return {item["id"]: item for item in items}


def choose(page, titles: list[str], length: int = 15, answer: int = 2) -> None:
    for box in page.locator(".mock-setup__concepts input[type=checkbox]").all():
        label = page.locator(f'label[for="{box.get_attribute("id")}"]').inner_text()
        box.set_checked(label.rsplit(" (", 1)[0] in titles)
    lengths = page.get_by_role("group", name="Length of the interview")
    lengths.get_by_label(f"{length} minutes").check()
    minutes = f"{answer} minute" + ("s" if answer != 1 else "")
    answers = page.get_by_role("group", name="Time to answer each question")
    answers.get_by_label(minutes, exact=True).check()


def flat(text: str) -> str:
    return " ".join(text.split())


def current(page, questions: dict[str, dict]) -> dict:
    """The question on screen, found in the bank by its text."""
    prompt = flat(page.locator(".mock-stage__prompt").text_content())
    [item] = [q for q in questions.values() if q["prompt"] == prompt]
    return item


def timer(page) -> tuple[str, str]:
    label, time = page.locator(".mock-timer__label"), page.locator(".mock-timer__time")
    return label.inner_text(), time.inner_text()


def stored(page) -> dict:
    return json.loads(page.evaluate("key => localStorage.getItem(key)", MOCK))


# -- A full session ---------------------------------------------------------------------------
def test_a_full_short_session_deals_counts_down_reveals_grades_and_stores_it(page):
    questions = bank(page)
    titles = {q["chapter"]: q["title"] for q in questions.values()}
    chosen = ["metrics", "ensembles"]
    choose(page, [titles[s] for s in chosen], length=15, answer=2)
    assert page.locator("#mock-plan").inner_text() == (
        "5 questions from 2 concepts, 2 minutes to answer each: about 15 minutes."
    )
    page.get_by_role("button", name="Start the interview").click()

    # Question 1: the countdown, a pause that stops it, and time over.
    expect(page.locator(".mock-stage__heading")).to_be_focused()
    first = current(page, questions)
    assert page.locator(".mock-stage__heading").inner_text() == f"Question 1 of 5: {first['title']}"
    assert timer(page) == ("Time left", "2:00")
    page.clock.run_for(30_000)
    assert timer(page) == ("Time left", "1:30")
    page.get_by_role("button", name="Pause").click()
    page.clock.run_for(60_000)
    assert timer(page) == ("Paused", "1:30")
    page.get_by_role("button", name="Resume").click()
    page.clock.run_for(65_000)
    assert timer(page) == ("Time left", "0:25")
    expect(page.locator(".mock-live")).to_have_text("30 seconds left.")
    page.clock.run_for(30_000)
    assert timer(page) == ("Time is up", "0:05 over")
    expect(page.locator(".mock-live")).to_have_text(
        "Time is up. Finish your sentence, then show the model answer."
    )
    assert page.locator(".mock-reveal").is_hidden()  # the answer waits for the reader

    dealt, ticked, seconds = [], [], [125]
    for number in range(1, 6):
        item = current(page, questions)
        dealt.append(item)
        if number > 1:
            assert page.locator(".mock-stage__heading").inner_text() == (
                f"Question {number} of 5: {item['title']}"
            )
            page.clock.run_for(40_000)
            seconds.append(40)
        page.get_by_role("button", name="Show the model answer").click()
        expect(page.locator(".mock-reveal__heading")).to_be_focused()
        assert flat(page.locator(".mock-reveal__answer").text_content()) == item["answer"]
        expected_time = "2:05 (0:05 over)" if number == 1 else "0:40"
        assert timer(page) == ("You answered in", expected_time)
        page.clock.run_for(90_000)  # reading the answer does not count as speaking
        assert timer(page) == ("You answered in", expected_time)
        points = page.locator(".mock-rubric__point")
        assert [flat(t) for t in points.all_text_contents()] == item["rubric"]
        tick = number % (len(item["rubric"]) + 1)  # 1, 2, 3, ... points ticked
        for n in range(tick):
            points.nth(n).get_by_role("checkbox").check()
        ticked.append(tick)
        assert page.locator(".mock-reveal__source a").get_attribute("href") == item["href"]
        name = "See the summary" if number == 5 else "Next question"
        page.get_by_role("button", name=name).click()

    # Dealing: five different questions from the chosen concepts, which take turns.
    assert len({q["id"] for q in dealt}) == 5
    order = [q["chapter"] for q in dealt]
    assert set(order) == set(chosen)
    assert order[0::2] == [order[0]] * 3 and order[1::2] == [order[1]] * 2

    # The summary: per concept, in total, and question by question with the missed points.
    expect(page.locator(".mock-summary__heading")).to_be_focused()
    covered, total = sum(ticked), sum(len(q["rubric"]) for q in dealt)
    assert page.locator(".mock-summary__text").inner_text() == (
        f"You covered {covered} of {total} rubric points ({round(100 * covered / total)} %) "
        f"in 5 questions, speaking for {sum(seconds) // 60}:{sum(seconds) % 60:02d}."
    )
    concepts = {}
    for q, t in zip(dealt, ticked, strict=True):
        c = concepts.setdefault(q["chapter"], [0, 0, 0])
        c[0], c[1], c[2] = c[0] + 1, c[1] + t, c[2] + len(q["rubric"])
    for slug, (n, got, out_of) in concepts.items():
        cells = page.locator(f'.mock-table tr[data-chapter="{slug}"] td').all_inner_texts()
        assert cells == [str(n), f"{got} of {out_of}", f"{round(100 * got / out_of)} %"]
    items = page.locator(".mock-summary__question")
    for n, (q, t) in enumerate(zip(dealt, ticked, strict=True)):
        link = items.nth(n).locator("a")
        assert flat(link.text_content()) == q["prompt"] and link.get_attribute("href") == q["href"]
        missed = [
            flat(t) for t in items.nth(n).locator(".mock-summary__missed li").all_text_contents()
        ]
        assert missed == [f"Missed: {p}" for p in q["rubric"][t:]]
    expect(page.locator(".mock-summary__saved")).to_contain_text("Saved in this browser")

    # The stored result: each question's latest points, and the session's sum per concept.
    store = stored(page)
    clock_seconds = sum(seconds) + 60 + 5 * 90  # speaking, the pause, reading the answers
    finished = (START + timedelta(seconds=clock_seconds)).isoformat().replace("+00:00", ".000Z")
    assert store["sessions"] == [
        {
            "finished": finished,
            "minutes": 15,
            "concepts": {s: {"covered": c[1], "total": c[2]} for s, c in concepts.items()},
        }
    ]
    assert store["questions"] == {
        q["id"]: {"covered": t, "total": len(q["rubric"]), "lastSeen": finished}
        for q, t in zip(dealt, ticked, strict=True)
    }
    # Each summary link leads to the question in its chapter (a follow-up's own id, or the model
    # answers' section for a chapter's central question).
    for q in dealt:
        target, fragment = urljoin(page.url, q["href"]).split("#")
        expected = "model-answers" if q["id"].endswith("-model-answer") else q["id"]
        assert fragment == expected and f'id="{fragment}"' in page.request.get(target).text()

    # "My weakest" now picks the two concepts with results, the lowest share first.
    page.get_by_role("button", name="Start another mock interview").click()
    page.get_by_role("button", name="My weakest").click()
    checked = page.locator(".mock-setup__concepts input:checked").evaluate_all(
        "boxes => boxes.map(b => b.value)"
    )
    assert sorted(checked) == sorted(chosen)
    share = {s: c[1] / c[2] for s, c in concepts.items()}
    weakest = sorted(share, key=lambda s: (share[s], chosen.index(s)))
    note = page.locator("#mock-weak-note").inner_text()
    assert (
        note
        == "Chosen, lowest score first: "
        + ", ".join(f"{titles[s]} ({round(100 * share[s])} %)" for s in weakest)
        + "."
    )


def test_my_weakest_uses_quiz_answers_and_says_so_when_there_are_none(page):
    questions = bank(page)
    titles = {q["chapter"]: q["title"] for q in questions.values()}
    page.get_by_role("button", name="My weakest").click()
    expect(page.locator("#mock-weak-note")).to_contain_text("No results yet")
    assert page.locator(".mock-setup__concepts input:checked").count() == len(titles)

    def rec(correct: bool) -> dict:
        seen = "2026-12-06T09:00:00.000Z"
        return {"answered": True, "correct": correct, "attempts": 1, "lastSeen": seen}

    seeded = {
        "metrics-a": rec(False),
        "metrics-b": rec(False),  # 0 %
        "ab-testing-a": rec(True),
        "ab-testing-b": rec(False),  # 50 %
        "ensembles-a": rec(True),  # 100 %
        "sql-wrangling-a": rec(True),
        "sql-wrangling-b": rec(True),
        "sql-wrangling-c": rec(False),
    }
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [QUIZ, json.dumps({"version": 1, "questions": seeded})],
    )
    page.get_by_role("button", name="My weakest").click()
    checked = page.locator(".mock-setup__concepts input:checked").evaluate_all(
        "boxes => boxes.map(b => b.value)"
    )
    assert sorted(checked) == ["ab-testing", "metrics", "sql-wrangling"]
    assert page.locator("#mock-weak-note").inner_text() == (
        f"Chosen, lowest score first: {titles['metrics']} (0 %), {titles['ab-testing']} (50 %), "
        f"{titles['sql-wrangling']} (67 %)."
    )
    assert re.match(r"^\d+ questions from 3 concepts", page.locator("#mock-plan").inner_text())
    page.get_by_role("button", name="All concepts").click()
    assert page.locator(".mock-setup__concepts input:checked").count() == len(titles)


def test_the_number_of_questions_follows_the_length_and_the_answer_time(page):
    titles = sorted({q["title"] for q in bank(page).values()})
    cases = [(15, 1, 7), (15, 3, 3), (30, 2, 10), (45, 2, 15)]
    for length, answer, count in cases:
        choose(page, titles, length=length, answer=answer)
        plan = page.locator("#mock-plan").inner_text()
        assert plan.startswith(f"{count} questions from 9 concepts"), (length, answer, plan)
    choose(page, [])
    assert page.locator("#mock-plan").inner_text() == "Choose at least one concept."
    expect(page.get_by_role("button", name="Start the interview")).to_be_disabled()


def test_ending_early_keeps_the_graded_questions(page):
    titles = sorted({q["title"] for q in bank(page).values()})
    choose(page, titles, length=30, answer=2)
    page.get_by_role("button", name="Start the interview").click()
    page.get_by_role("button", name="End the interview now").click()  # nothing graded yet
    expect(page.locator(".mock-setup__intro")).to_be_focused()
    assert page.evaluate("key => localStorage.getItem(key)", MOCK) is None
    page.get_by_role("button", name="Start the interview").click()
    page.clock.run_for(50_000)
    page.get_by_role("button", name="Show the model answer").click()
    page.locator(".mock-rubric__point input").first.check()
    page.get_by_role("button", name="End the interview now").click()
    expect(page.locator(".mock-summary__heading")).to_be_focused()
    assert page.locator(".mock-summary__question").count() == 1
    [session] = stored(page)["sessions"]
    assert session["minutes"] == 30 and sum(c["covered"] for c in session["concepts"].values()) == 1


# -- Keyboard, phone, accessibility ------------------------------------------------------------
def test_keyboard_only_choose_answer_reveal_tick_and_finish(page):
    page.locator(".mock-setup__intro").focus()
    page.keyboard.press("Tab")  # the first concept's checkbox
    assert page.evaluate("document.activeElement.type") == "checkbox"
    page.keyboard.press("Space")  # untick it
    assert not page.locator(".mock-setup__concepts input").first.is_checked()
    # The length radios: arrows move the choice inside the group.
    page.get_by_label("15 minutes").focus()
    page.keyboard.press("ArrowRight")
    assert page.get_by_label("30 minutes").is_checked()
    page.get_by_label("30 minutes").focus()
    page.keyboard.press("ArrowLeft")
    assert page.get_by_label("15 minutes").is_checked()
    tab_to(page, "Start the interview", limit=40)
    page.keyboard.press("Enter")
    expect(page.locator(".mock-stage__heading")).to_be_focused()
    tab_to(page, "Pause", limit=40)
    page.keyboard.press("Enter")
    page.clock.run_for(10_000)
    assert timer(page)[0] == "Paused"
    page.keyboard.press("Enter")  # the same button now says Resume
    assert timer(page)[0] == "Time left"
    tab_to(page, "Show the model answer", back=True)
    page.keyboard.press("Enter")
    expect(page.locator(".mock-reveal__heading")).to_be_focused()
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.type") != "checkbox":
        page.keyboard.press("Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Space")
    assert page.locator(".mock-rubric__point input").first.is_checked()
    tab_to(page, "Next question", limit=40)
    page.keyboard.press("Enter")
    expect(page.locator(".mock-stage__heading")).to_be_focused()
    tab_to(page, "End the interview now", limit=40)
    page.keyboard.press("Enter")
    expect(page.locator(".mock-summary__heading")).to_be_focused()
    assert page.locator(".mock-summary__question").count() == 1


def test_a_phone_never_scrolls_sideways(phone):
    page = phone
    titles = sorted({q["title"] for q in bank(page).values()})
    assert no_overflow(page)
    choose(page, titles, length=15, answer=3)
    page.get_by_role("button", name="Start the interview").click()
    for number in range(1, 4):
        assert no_overflow(page), f"question {number}"
        page.clock.run_for(200_000)  # over time: the longest timer text
        assert no_overflow(page), f"question {number}, over time"
        page.get_by_role("button", name="Show the model answer").click()
        assert no_overflow(page), f"answer {number}"
        name = "See the summary" if number == 3 else "Next question"
        page.get_by_role("button", name=name).click()
    assert page.locator(".mock-summary").is_visible()
    assert no_overflow(page)
    # Every question of the bank, shown alone as a revealed question, in one sweep.
    wide = page.evaluate(
        """() => {
          const bank = document.querySelector('.mock-bank'), wide = [];
          const root = document.documentElement;
          bank.hidden = false;
          for (const q of bank.querySelectorAll('section.mock-question')) {
            q.hidden = false;
            if (root.scrollWidth > root.clientWidth) wide.push(q.dataset.questionId);
            q.hidden = true;
          }
          bank.hidden = true;
          return wide;
        }"""
    )
    assert wide == []


def test_each_step_has_no_accessibility_violations(browser, site_url):
    context, page = _open(browser, site_url, clock=False, color_scheme="light")
    problems = []

    def check(state: str) -> None:
        problems.extend(axe_in_both_palettes(page, state))

    page.get_by_role("button", name="My weakest").click()
    check("the choices")
    page.get_by_role("button", name="Start the interview").click()
    page.get_by_role("button", name="Pause").click()
    check("a paused question")
    page.get_by_role("button", name="Show the model answer").click()
    page.locator(".mock-rubric__point input").first.check()
    check("a revealed answer with its rubric")
    page.get_by_role("button", name="End the interview now").click()
    check("the summary")
    _close(context, page)
    assert problems == []
