"""The review page in a real browser: the due table, review sessions, the Leitner schedule over
simulated days, export and import of the progress, keyboard use, a phone's width, and axe.

The real site (built once per run, conftest.py), served on 127.0.0.1 and driven by Playwright with
our Chromium. The clock is Playwright's (page.clock) in UTC, so "today" is a known day; axe runs
without it (a fake clock stops axe's timers).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from site_checks import (
    axe_in_both_palettes,
    close_watched,
    no_overflow,
    tab_to,
    watched_page,
)

pytestmark = [pytest.mark.build, pytest.mark.xdist_group("review-browser")]
playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

PAGE = "review/"
STORE = "ml-interview-guide:quiz"
PLANS = "ml-interview-guide:plans"
DAY0 = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)  # a Monday; the context runs in UTC


def day(n: int) -> str:
    """Day ``n`` of the tests' calendar, as progress.js writes days (YYYY-MM-DD)."""
    return (DAY0.date() + timedelta(days=n)).isoformat()


def long_day(n: int) -> str:
    d = date.fromisoformat(day(n))
    return f"{d.day} {d.strftime('%B')}"


def rec(correct: bool, seen: str, box: int, due: str, attempts: int = 1) -> dict:
    return {
        "answered": True,
        "correct": correct,
        "attempts": attempts,
        "lastSeen": f"{seen}T09:00:00.000Z",
        "box": box,
        "due": due,
    }


def _open(browser, site_url, clock=True, **context_options):
    """A fresh context (empty storage) on the review page, with the clock at DAY0 unless
    ``clock`` is false; records requests to other hosts and JavaScript errors."""
    context, page = watched_page(browser, site_url, **context_options)
    if clock:
        page.clock.set_fixed_time(DAY0)
    page.goto(site_url + PAGE)
    assert page.locator(".review-table").count() == 1, (
        "review.js did not run on the review page: is it in mkdocs.yml's extra_javascript?"
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
def deck(page) -> list[dict]:
    return page.locator("section.review-card").evaluate_all(
        "cards => cards.map(c => ({id: c.dataset.cardId, kind: c.dataset.cardKind, "
        "chapter: c.dataset.chapter, title: c.dataset.chapterTitle}))"
    )


def seed(page, questions: dict, done: dict | None = None) -> None:
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [STORE, json.dumps({"version": 1, "questions": questions})],
    )
    if done is not None:
        page.evaluate(
            "([key, value]) => localStorage.setItem(key, value)",
            [PLANS, json.dumps({"version": 1, "done": done})],
        )
    page.reload()


def raw(page, key: str = STORE) -> str | None:
    return page.evaluate("key => localStorage.getItem(key)", key)


def stored(page) -> dict:
    return json.loads(raw(page) or '{"questions": {}}')["questions"]


def row(page, title: str) -> list[int]:
    """Due today, New, Learned, Cards of a chapter's row in the due table."""
    header = page.get_by_role("rowheader", name=title, exact=True)
    cells = page.locator(".review-table tr").filter(has=header).locator("td")
    return [int(t) for t in cells.all_inner_texts()]


def due_line(page) -> str:
    return page.locator(".review-overview__due").inner_text()


def start(page, new: int, chapters: list[str] | None = None) -> str:
    """Set the options, start a session; return the start button's label."""
    if chapters is not None:
        for box in page.locator(".review-options__chapters input[type=checkbox]").all():
            box.set_checked(box.get_attribute("value") in chapters)
    page.get_by_label("New cards per session").fill(str(new))
    button = page.locator(".review-start")
    label = button.inner_text()
    button.click()
    return label


def shown(page) -> str:
    cards = page.locator("section.review-card:visible")
    expect(cards).to_have_count(1)
    return cards.get_attribute("data-card-id")


def heading(page) -> str:
    return page.locator(".review-session__progress").inner_text()


def answer(page, card_id: str, right: bool) -> None:
    """Answer a quiz card the way a reader does (the real inputs), then press Check."""
    quiz = page.locator(f'section[data-card-id="{card_id}"] .quiz')
    kind = quiz.get_attribute("data-quiz-type")
    if kind in ("single", "multiple"):
        flag = "true" if right else "false"
        options = quiz.locator(f'.quiz__option[data-correct="{flag}"] input')
        for option in options.all() if right else [options.first]:
            option.check()
    else:
        if right:
            value = (
                quiz.get_attribute("data-answer")
                if kind == "numeric"
                else json.loads(quiz.get_attribute("data-answers"))[0]
            )
        else:
            value = "-987654321" if kind == "numeric" else "certainly not this"
        quiz.locator("input").fill(value)
    quiz.locator(".quiz__check").click()


def grade_follow_up(page, right: bool) -> None:
    page.get_by_role("button", name="Show the answer").click()
    page.get_by_role("button", name="I had it" if right else "I missed it").click()


# -- Reviewing --------------------------------------------------------------------------------
def test_the_due_table_counts_and_a_session_deals_the_oldest_due_card_first(page):
    cards = deck(page)
    quizzes = lambda slug: [c for c in cards if c["chapter"] == slug and c["kind"] == "quiz"]  # noqa: E731
    q1, q2 = (c["id"] for c in quizzes("ensembles")[:2])
    q3, q4 = (c["id"] for c in quizzes("metrics")[:2])
    first = cards[0]
    assert first["kind"] == "follow-up"  # a chapter's follow-ups come before its quizzes
    title = {c["chapter"]: c["title"] for c in cards}
    size = {slug: sum(c["chapter"] == slug for c in cards) for slug in title}
    seed(
        page,
        {
            q1: rec(False, day(-1), 1, day(-1)),  # missed yesterday: due since yesterday
            q2: rec(True, day(-1), 2, day(1)),  # learned, not due
            q3: rec(True, day(-2), 2, day(0)),  # due today
            q4: rec(True, day(-1), 1, day(1)),  # box 1, due tomorrow
        },
    )
    assert row(page, title["ensembles"]) == [1, size["ensembles"] - 2, 1, size["ensembles"]]
    assert row(page, title["metrics"]) == [1, size["metrics"] - 2, 1, size["metrics"]]
    assert row(page, title["bias-variance"]) == [0, size["bias-variance"], 0, size["bias-variance"]]
    assert row(page, "All chapters") == [2, len(cards) - 4, 2, len(cards)]
    assert due_line(page).startswith("2 cards are due today.")

    # A quiz answered before must look fresh when it is dealt.
    page.evaluate(
        "id => document.querySelector(`section[data-card-id='${id}'] .quiz input`).click()", q1
    )
    assert start(page, new=1) == "Start review (3 cards)"
    # The oldest due card first, though its chapter comes after the other due card's.
    assert shown(page) == q1
    assert heading(page) == f"Card 1 of 3 · {title['ensembles']} · quiz question"
    assert page.evaluate("document.activeElement.id") == "review-progress"
    quiz = page.locator(f'section[data-card-id="{q1}"] .quiz')
    assert quiz.locator("input:checked").count() == 0
    assert quiz.locator(".quiz__status").inner_text() == ""  # not "Last time you answered..."
    assert not page.get_by_role("button", name="Next card").is_visible()

    answer(page, q1, right=False)  # a miss: box 1, due again today
    result = page.locator(".review-session__result")
    expect(result).to_have_text("Recorded as missed. It is in box 1 and due again today.")
    assert stored(page)[q1] | {"lastSeen": None} == {
        "answered": True, "correct": False, "attempts": 2, "lastSeen": None,
        "box": 1, "due": day(0),
    }  # fmt: skip
    answer(page, q1, right=True)  # right on the day of a miss: stays in box 1, back tomorrow
    expect(result).to_contain_text("counts as missed in this session")
    expect(result).to_contain_text(f"box 1 and comes back tomorrow ({long_day(1)})")
    assert (stored(page)[q1]["box"], stored(page)[q1]["due"]) == (1, day(1))
    page.get_by_role("button", name="Next card").click()

    assert shown(page) == q3
    assert heading(page) == f"Card 2 of 3 · {title['metrics']} · quiz question"
    answer(page, q3, right=True)  # right on a due card: up one box, rests that box's time
    expect(result).to_contain_text("Recorded as right.")
    assert (stored(page)[q3]["box"], stored(page)[q3]["due"]) == (3, day(4))
    page.get_by_role("button", name="Next card").click()

    # Then the new cards: from the weakest concept first (ensembles, 1 of 2 right, before metrics
    # with 2 of 2 and the chapters never answered), in reading order within it.
    weak_first = next(c for c in cards if c["chapter"] == "ensembles")
    assert weak_first["kind"] == "follow-up" and weak_first["id"] not in (q1, q2)
    assert shown(page) == weak_first["id"]
    assert heading(page) == f"Card 3 of 3 · {title['ensembles']} · follow-up question"
    back = page.locator(f'section[data-card-id="{weak_first["id"]}"] .review-card__back')
    assert not back.is_visible()
    assert not page.get_by_role("button", name="I had it").is_visible()
    page.get_by_role("button", name="Show the answer").click()
    assert back.is_visible()
    page.get_by_role("button", name="I had it").click()  # a new card, right: box 1, tomorrow
    assert stored(page)[weak_first["id"]] | {"lastSeen": None} == {
        "answered": True, "correct": True, "attempts": 1, "lastSeen": None,
        "box": 1, "due": day(1),
    }  # fmt: skip

    summary = page.locator(".review-summary")
    expect(summary).to_be_focused()
    assert page.locator(".review-summary__text").inner_text() == (
        "You reviewed 3 cards: 2 right, 1 missed. None are due again today."
    )
    missed = summary.locator(".review-summary__missed a")
    assert missed.count() == 1
    assert missed.get_attribute("href") == page.locator(
        f'section[data-card-id="{q1}"] .review-card__source a'
    ).get_attribute("href")
    assert "concepts/ensembles/#" in missed.get_attribute("href")
    stem = page.locator(f'section[data-card-id="{q1}"] .quiz__stem').text_content()
    assert missed.inner_text()[:30] == " ".join(stem.split())[:30]  # the question, to recognise
    assert row(page, title["ensembles"])[0] == 0  # the table is counted again
    assert row(page, "All chapters")[:2] == [0, len(cards) - 5]
    assert due_line(page).startswith("No cards are due today.")
    assert page.locator("section.review-card:visible").count() == 0
    assert not page.locator(".review-session").is_visible()


def test_a_card_comes_back_on_the_days_the_leitner_boxes_say(page):
    card = deck(page)[0]
    start(page, new=1, chapters=[card["chapter"]])
    grade_follow_up(page, right=True)  # day 0, a new card: box 1, due tomorrow
    # (day, due that day?, answer when due, then box and due)
    visits = [
        (1, True, True, 2, 3),
        (2, False, None, None, None),
        (3, True, True, 3, 7),
        (4, False, None, None, None),
        (6, False, None, None, None),
        (7, True, True, 4, 15),
        (14, False, None, None, None),
        (15, True, False, 1, 15),  # a miss: back to box 1, due again today
    ]
    expected_due = 1
    for n, due, right, box, due_on in visits:
        page.clock.set_fixed_time(DAY0 + timedelta(days=n))
        page.reload()
        assert row(page, card["title"])[0] == int(due), f"day {n}"
        if not due:
            when = (
                f"tomorrow ({long_day(n + 1)})"
                if expected_due == n + 1
                else f"on {long_day(expected_due)} (in {expected_due - n} days)"
            )
            assert f"The next card is due {when}." in due_line(page), f"day {n}"
            assert page.locator(".review-start").inner_text().startswith("Start review (10 ")
            continue
        assert start(page, new=0) == "Start review (1 card)", f"day {n}"
        assert shown(page) == card["id"]
        grade_follow_up(page, right)
        record = stored(page)[card["id"]]
        assert (record["box"], record["due"]) == (box, day(due_on)), f"day {n}"
        expected_due = due_on
    assert page.locator(".review-summary__text").inner_text() == (
        "You reviewed 1 card: 0 right, 1 missed. 1 is due again today."
    )
    assert row(page, card["title"])[0] == 1


# -- Export and import ------------------------------------------------------------------------
def test_export_import_round_trip_merge_and_refusals(page, tmp_path):
    ids = [c["id"] for c in deck(page) if c["kind"] == "quiz"][:3]
    questions = {
        ids[0]: rec(False, day(-1), 1, day(-1), attempts=2),
        ids[1]: rec(True, day(-3), 2, day(5)),
        ids[2]: {  # a legacy record, from before the boxes: box 1, due the day after
            "answered": True, "correct": True, "attempts": 1, "lastSeen": f"{day(-9)}T08:00:00Z",
        },
    }  # fmt: skip
    done = {"read:bias-variance#tldr": f"{day(-2)}T12:00:00.000Z"}
    seed(page, questions, done)
    status = page.locator(".review-transfer__status")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download my progress").click()
    assert download.value.suggested_filename == f"ml-interview-guide-progress-{day(0)}.json"
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    data = json.loads(exported.read_text("utf-8"))
    assert data["stores"] == {
        "quiz": {"version": 1, "questions": questions},
        "plans": {"version": 1, "done": done},
        "mock": {"version": 1, "questions": {}, "sessions": []},
    }
    expect(status).to_contain_text(download.value.suggested_filename)

    page.evaluate("localStorage.clear()")
    page.reload()
    assert due_line(page).startswith("No cards are due today.")
    file_input = page.get_by_label("Import a progress file")
    assert file_input.get_attribute("accept") == ".json,application/json"
    file_input.set_input_files(exported)
    expect(status).to_have_text("Imported 3 questions and 1 plan tick.")
    assert stored(page) == questions
    assert json.loads(raw(page, PLANS))["done"] == done
    # Counted again: the missed one, and the legacy record (no box) a day after its right answer.
    assert due_line(page).startswith("2 cards are due today.")

    # Merging: per question the later answer wins; this browser's newer one is kept.
    newer = rec(True, day(0), 2, day(2), attempts=3)
    older = rec(False, day(-5), 1, day(-5))
    page.get_by_label("Import a progress file").set_input_files(
        files=[_file("merge.json", _progress_file({ids[0]: newer, ids[1]: older}))]
    )
    expect(status).to_have_text(
        "Imported 1 question (1 newer than here) and no plan ticks. Kept this browser's "
        "answers to 1 question, as recent as the file's or more."
    )
    assert stored(page) == {**questions, ids[0]: newer}
    assert due_line(page).startswith("1 card is due today.")

    # A file that is not a progress file changes nothing, byte for byte.
    before = (raw(page), raw(page, PLANS))
    bad_record = {ids[0]: {**newer, "attempts": -1, "lastSeen": f"{day(1)}T09:00:00.000Z"}}
    for name, text, message in [
        ("notes.json", "{not json", "This file is not valid JSON"),
        ("other.json", json.dumps({"version": 1, "questions": {}}), "not a progress file from"),
        ("bad.json", _progress_file(bad_record), f'"{ids[0]}": "attempts" must be a whole number'),
    ]:
        page.get_by_label("Import a progress file").set_input_files(files=[_file(name, text)])
        expect(status).to_contain_text(message)
        assert status.inner_text().startswith("Nothing was imported.")
        assert (raw(page), raw(page, PLANS)) == before, name


def _progress_file(questions: dict) -> str:
    return json.dumps(
        {
            "format": "ml-interview-guide-progress",
            "version": 1,
            "exported": f"{day(0)}T10:00:00.000Z",
            "stores": {
                "quiz": {"version": 1, "questions": questions},
                "plans": {"version": 1, "done": {}},
            },
        }
    )


def _file(name: str, text: str) -> dict:
    return {"name": name, "mimeType": "application/json", "buffer": text.encode("utf-8")}


# -- Keyboard, phone, accessibility ------------------------------------------------------------
def test_keyboard_only_reveal_grade_and_stop(page):
    first, second = deck(page)[:2]
    page.get_by_label("New cards per session").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    tab_to(page, "Start review (2 cards)", limit=1)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "review-progress"
    assert shown(page) == first["id"]

    tab_to(page, "Show the answer")
    page.keyboard.press("Enter")
    back = page.locator(f'section[data-card-id="{first["id"]}"] .review-card__back')
    expect(back).to_be_visible()
    expect(back).to_be_focused()  # a screen reader reads the model answer next
    tab_to(page, "I had it")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    assert stored(page)[first["id"]]["correct"] is True

    assert shown(page) == second["id"]
    assert page.evaluate("document.activeElement.id") == "review-progress"
    tab_to(page, "Stop")
    page.keyboard.press("Enter")
    expect(page.locator(".review-summary")).to_be_focused()
    assert page.locator(".review-summary__text").inner_text() == (
        "You reviewed 1 card: 1 right, 0 missed. None are due again today. "
        "You stopped with 1 card left."
    )
    assert second["id"] not in stored(page)


def test_a_phone_never_scrolls_sideways_during_a_session(phone):
    page = phone
    cards = deck(page)
    slug = cards[0]["chapter"]
    chapter = [c for c in cards if c["chapter"] == slug]
    assert no_overflow(page)
    start(page, new=len(chapter), chapters=[slug])
    for number, card in enumerate(chapter, 1):
        assert shown(page) == card["id"]
        assert no_overflow(page), card["id"]
        if card["kind"] == "follow-up":
            page.get_by_role("button", name="Show the answer").click()
            assert no_overflow(page), card["id"]
            page.get_by_role("button", name="I missed it").click()
        else:
            answer(page, card["id"], right=number % 2 == 0)
            page.locator("details.quiz__answer:visible").evaluate("d => d.open = true")
            assert no_overflow(page), card["id"]
            last = number == len(chapter)
            page.get_by_role("button", name="Finish" if last else "Next card").click()
    assert page.locator(".review-summary").is_visible()
    assert no_overflow(page)
    # Every other card of the deck, each shown alone with its answer open, in one sweep.
    wide = page.evaluate(
        """() => {
          const deck = document.querySelector('.review-deck'), wide = [];
          const root = document.documentElement;
          deck.hidden = false;
          for (const card of deck.querySelectorAll('section.review-card')) {
            card.hidden = false;
            card.querySelectorAll('details').forEach(d => { d.open = true; });
            if (root.scrollWidth > root.clientWidth) wide.push(card.dataset.cardId);
            card.hidden = true;
          }
          deck.hidden = true;
          return wide;
        }"""
    )
    assert wide == []


def test_a_session_and_its_summary_have_no_accessibility_violations(browser, site_url):
    first_scheme = "light"
    context, page = _open(browser, site_url, clock=False, color_scheme=first_scheme)
    problems = []

    def check(state: str) -> None:
        problems.extend(axe_in_both_palettes(page, state))

    start(page, new=2)
    page.get_by_role("button", name="Show the answer").click()
    page.get_by_label("Import a progress file").set_input_files(
        files=[_file("notes.json", "{not json")]
    )
    expect(page.locator(".review-transfer__status")).to_contain_text("not valid JSON")
    check("a revealed follow-up card")
    page.get_by_role("button", name="I missed it").click()
    page.get_by_role("button", name="Stop").click()
    expect(page.locator(".review-summary__missed a")).to_have_count(1)
    check("the summary")
    _close(context, page)
    assert problems == []
