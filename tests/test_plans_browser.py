"""Study plan pages in a real browser: ticks persist, quiz scores show, "continue" moves on.

The real site, built strictly and served on 127.0.0.1, driven by Playwright with our Chromium.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from guide_tools.paths import DOCS
from markdown_exam.check import read_page

pytestmark = [pytest.mark.build, pytest.mark.xdist_group("plans-browser")]
playwright_api = pytest.importorskip("playwright.sync_api")  # installed by requirements.txt

PLAN = "plans/three-day-crash/"
FIRST = "read:bias-variance#tldr"  # the first item of the three-day plan, in every plan


@pytest.fixture
def page(browser, site_url):
    """A fresh context (empty storage) that fails on any request to another host or JS error."""
    context = browser.new_context()
    page = context.new_page()
    foreign, errors = [], []
    host = urlparse(site_url).netloc
    page.on(
        "request",
        lambda r: (
            foreign.append(r.url)
            if urlparse(r.url).scheme in ("http", "https") and urlparse(r.url).netloc != host
            else None
        ),
    )
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + PLAN)
    yield page
    context.close()
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not errors, f"JavaScript errors: {errors}"


def box(page, key):
    return page.locator(f'li:has(> a[data-plan-item="{key}"]) input[type=checkbox]')


def tick(page, key):
    """Tick an item the way a keyboard user does (the theme draws the box over the input)."""
    box(page, key).focus()
    page.keyboard.press("Space")


def test_a_tick_survives_a_reload_and_shows_in_every_plan_that_lists_the_item(page, site_url):
    first = box(page, FIRST)
    assert first.is_enabled() and not first.is_checked()
    assert first.get_attribute("aria-label").startswith("Done: Read Bias-variance tradeoff")
    tick(page, FIRST)
    assert first.is_checked()
    stored = page.evaluate("JSON.parse(localStorage.getItem('ml-interview-guide:plans'))")
    assert stored["version"] == 1 and list(stored["done"]) == [FIRST]
    page.reload()
    assert box(page, FIRST).is_checked()
    # Instant navigation (no reload) to another plan: the same item is ticked there.
    page.get_by_role("navigation", name="Navigation").get_by_role(
        "link", name="Two-week plan"
    ).click()
    page.wait_for_url("**/plans/two-week/")
    assert box(page, FIRST).is_checked()
    assert box(page, "read:bias-variance#decomposition").is_checked() is False
    tick(page, FIRST)  # unticking removes it everywhere
    page.goto(site_url + PLAN)
    assert not box(page, FIRST).is_checked()


def test_continue_where_you_left_off_links_the_first_item_not_done(page, site_url):
    links = page.locator("a[data-plan-item]")
    status = page.locator(".plan-continue")
    assert status.is_visible()
    assert "Start here:" in status.inner_text()
    assert status.locator(".plan-continue__link").get_attribute("href") == links.nth(
        0
    ).get_attribute("href")
    for i in range(2):
        tick(page, links.nth(i).get_attribute("data-plan-item"))
    page.reload()
    assert "2 of 81 items done" in status.inner_text()
    assert "Continue where you left off:" in status.inner_text()
    target = links.nth(2).get_attribute("href")
    assert status.locator(".plan-continue__link").get_attribute("href") == target
    status.locator(".plan-continue__link").click()
    page.wait_for_url("**/concepts/bias-variance/#diagnosing")


def test_quiz_scores_from_the_chapter_show_next_to_their_items(page, site_url):
    score = page.locator('li:has(> a[data-plan-item="quiz:metrics"]) .plan-quiz-score')
    review = page.locator('li:has(> a[data-plan-item^="review:metrics@"]) .plan-quiz-score')
    assert score.inner_text() == "not started"
    assert review.inner_text() == "no answers yet"
    quizzes, _ = read_page(DOCS / "concepts" / "metrics.md")
    single = [q for q in quizzes if q.type == "single"][:2]
    page.goto(site_url + "concepts/metrics/")
    right = next(i for i, o in enumerate(single[0].options) if o.correct)
    wrong = next(i for i, o in enumerate(single[1].options) if not o.correct)
    for quiz, choice in ((single[0], right), (single[1], wrong)):
        block = page.locator(f'.quiz[data-quiz-id="{quiz.id}"]')
        block.locator("input[type=radio]").nth(choice).check(force=True)
        block.locator(".quiz__check").click()
    page.goto(site_url + PLAN)
    assert score.inner_text() == f"1 of {len(quizzes)} correct (2 answered)"
    assert review.inner_text() == "1 question to retake"
