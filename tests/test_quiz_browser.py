"""Quizzes in a real browser (Playwright driving Debian's chromium, site served on 127.0.0.1).

A fixture site with one question of each type, built with the real configuration.
"""

from __future__ import annotations

import json
from urllib.parse import urlparse

import pytest

from support import build_site, serve

pytestmark = [pytest.mark.build, pytest.mark.xdist_group("quiz-browser")]
playwright_api = pytest.importorskip("playwright.sync_api")  # installed by requirements.txt

QUIZ_PAGE = """
---
title: Bias-variance fixture
description: A fixture chapter with one quiz of each type.
---
# Bias-variance fixture {#fixture}

See [the other page](../other.md).

## Self-check {#self-check}

/// quiz
    id: bias-variance-single
    type: single
Increasing model complexity usually...

- [ ] increases bias
    > No: bias falls as the model becomes more flexible.
- [x] increases variance
    > Right: a flexible model also fits the noise.
- [ ] leaves both unchanged
    > No: flexibility moves both.

Flexible models trade bias for variance.
///

/// quiz
    id: bias-variance-multiple
    type: multiple
Which reduce variance?

- [x] more training data
    > Right: the fit depends less on one sample.
- [x] a stronger L2 penalty
    > Right: it shrinks the fit towards a simpler one.
- [ ] a deeper tree
    > No: that adds flexibility.

Data and regularisation both reduce variance.
///

/// quiz
    id: bias-variance-short
    type: short
What is the error term no model can remove called?

= irreducible error
= noise

It is the variance of the label given the features.
///

/// quiz
    id: bias-variance-numeric
    type: numeric
    tolerance: 0.01
Bias squared is 0.10, variance 0.05 and noise 0.25. What is the expected test MSE?

= 0.40

The three terms add up.
///
"""
OTHER_PAGE = """
---
title: Other
description: A page to navigate to and back.
---
# Other {#other}

Back to [the quiz](concepts/bias-variance.md).
"""
STORE_KEY = "ml-interview-guide:quiz"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("quiz-site")
    result = build_site(root, {"concepts/bias-variance.md": QUIZ_PAGE, "other.md": OTHER_PAGE})
    assert result.returncode == 0, result.output
    with serve(result.site) as url:
        yield url


@pytest.fixture
def page(browser, site_url):
    """A fresh context (empty storage) that fails on any request to another host."""
    context = browser.new_context()
    page = context.new_page()
    foreign, errors = [], []
    page.on("request", lambda r: foreign.append(r.url) if _foreign(r.url, site_url) else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + "concepts/bias-variance/")
    yield page
    context.close()
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not errors, f"JavaScript errors: {errors}"


def _foreign(url: str, site_url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https") and parsed.netloc != urlparse(site_url).netloc


def quiz(page, name):
    return page.locator(f'.quiz[data-quiz-id="bias-variance-{name}"]')


def check(page, name):
    quiz(page, name).locator(".quiz__check").click()


def status_text(page, name) -> str:
    return quiz(page, name).locator("[role=status]").inner_text()


def score(page) -> str:
    return page.locator(".quiz-summary__score").inner_text()


def test_wrong_then_right_answer_shows_feedback_and_updates_the_score(page):
    single = quiz(page, "single")
    single.get_by_label("increases bias").check()
    check(page, "single")
    assert "Not quite" in status_text(page, "single")
    assert single.get_by_text("No: bias falls").is_visible()
    assert not single.get_by_text("Right: a flexible model").is_visible()
    assert score(page).startswith("Your score: 0 of 4 correct (1 answered)")

    single.get_by_label("increases variance").check()
    check(page, "single")
    assert "Correct" in status_text(page, "single")
    assert single.get_by_text("Right: a flexible model").is_visible()
    assert single.locator("details.quiz__answer").get_attribute("open") is not None
    assert score(page).startswith("Your score: 1 of 4 correct (1 answered)")


def test_multiple_choice_needs_every_correct_option(page):
    multiple = quiz(page, "multiple")
    multiple.get_by_label("more training data").check()
    check(page, "multiple")
    assert "Not quite" in status_text(page, "multiple")
    multiple.get_by_label("a stronger L2 penalty").check()
    check(page, "multiple")
    assert "Correct" in status_text(page, "multiple")


def test_short_answer_ignores_case_and_spacing(page):
    field = quiz(page, "short").locator("input")
    field.fill("  Irreducible   ERROR ")
    check(page, "short")
    assert "Correct" in status_text(page, "short")
    field.fill("bias")
    check(page, "short")
    assert "Not quite" in status_text(page, "short")


def test_numeric_answer_within_tolerance(page):
    field = quiz(page, "numeric").locator("input")
    field.fill("0.405")
    check(page, "numeric")
    assert "Correct" in status_text(page, "numeric")
    field.fill("0.5")
    check(page, "numeric")
    assert "Not quite" in status_text(page, "numeric")
    field.fill("zero point four")
    check(page, "numeric")
    assert "not a number" in status_text(page, "numeric")


def test_progress_survives_reload_and_instant_navigation(page, site_url):
    quiz(page, "single").get_by_label("increases variance").check()
    check(page, "single")
    page.reload()
    assert score(page).startswith("Your score: 1 of 4 correct (1 answered)")
    assert "Last time you answered this correctly" in status_text(page, "single")

    page.get_by_role("link", name="the other page").click()  # instant navigation (no reload)
    page.wait_for_url("**/other/")
    page.get_by_role("link", name="the quiz").click()
    page.wait_for_url("**/concepts/bias-variance/")
    assert score(page).startswith("Your score: 1 of 4 correct (1 answered)")
    quiz(page, "multiple").get_by_label("more training data").check()
    check(page, "multiple")  # handlers are wired again after navigation
    assert "Not quite" in status_text(page, "multiple")


def test_keyboard_only_never_submits_by_accident(page):
    first = quiz(page, "single").locator("input[type=radio]").first
    first.focus()
    page.keyboard.press("ArrowDown")  # arrow keys select the next option
    assert quiz(page, "single").get_by_label("increases variance").is_checked()
    page.keyboard.press("Enter")  # Enter on an option does not grade it
    assert status_text(page, "single") == ""
    field = quiz(page, "short").locator("input")
    field.focus()
    page.keyboard.type("noise")
    page.keyboard.press("Enter")  # nor in a text field
    assert status_text(page, "short") == ""
    quiz(page, "single").locator(".quiz__check").focus()
    page.keyboard.press("Enter")  # the explicit button does
    assert "Correct" in status_text(page, "single")


def test_retry_missed_then_reset(page):
    quiz(page, "single").get_by_label("increases bias").check()
    check(page, "single")
    quiz(page, "short").locator("input").fill("noise")
    check(page, "short")
    page.get_by_role("button", name="Retry the ones I missed").click()
    assert quiz(page, "single").is_visible()
    assert not quiz(page, "short").is_visible()
    assert not quiz(page, "single").locator("input:checked").count()
    page.get_by_role("button", name="Reset my answers").click()
    assert quiz(page, "short").is_visible()
    assert score(page).startswith("Your score: none of the 4 questions answered yet")
    assert json.loads(page.evaluate(f"localStorage.getItem({STORE_KEY!r})"))["questions"] == {}


def test_corrupt_or_old_storage_is_discarded(page):
    for bad in ("{not json", json.dumps({"version": 0, "questions": {}}), "[]"):
        page.evaluate(f"localStorage.setItem({STORE_KEY!r}, {json.dumps(bad)})")
        page.reload()
        quiz(page, "single").get_by_label("increases variance").check()
        check(page, "single")
        stored = json.loads(page.evaluate(f"localStorage.getItem({STORE_KEY!r})"))
        assert stored["version"] == 1
        assert stored["questions"]["bias-variance-single"]["correct"] is True


def test_without_javascript_the_answer_is_in_a_details_block(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "concepts/bias-variance/")
    answer = quiz(page, "single").locator("details.quiz__answer")
    assert not answer.get_by_text("Flexible models trade bias for variance").is_visible()
    answer.locator("summary").click()
    assert answer.get_by_text("Flexible models trade bias for variance").is_visible()
    assert not quiz(page, "single").locator(".quiz__check").is_visible()
    context.close()


def test_print_shows_the_form_and_the_answers_at_the_end(page):
    page.emulate_media(media="print")
    single = quiz(page, "single")
    assert single.get_by_label("increases bias").is_visible()
    assert not single.locator(".quiz__check").is_visible()
    assert not single.locator("details.quiz__answer").is_visible()
    answers = page.locator(".quiz-answers-print")
    assert answers.is_visible()
    assert answers.get_by_text("Flexible models trade bias for variance").is_visible()
    assert answers.get_by_text("The three terms add up").is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_quiz_page_has_no_accessibility_violations(browser, site_url, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + "concepts/bias-variance/")
    states = {"unanswered": None, "answered": None}
    for state in states:
        if state == "answered":  # feedback, status and colours after a wrong and a right answer
            quiz(page, "single").get_by_label("increases bias").check()
            check(page, "single")
            quiz(page, "short").locator("input").fill("noise")
            check(page, "short")
        result = Axe().run(page)
        states[state] = [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
            for v in result.response["violations"]
        ]
    context.close()
    assert states == {"unanswered": [], "answered": []}


@pytest.fixture(scope="module")
def real_site_url(real_site):
    """The real site (built once per test process, conftest.py), served."""
    with serve(real_site) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_chapter_quiz_page_has_no_accessibility_violations(browser, real_site_url, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(real_site_url + "concepts/bias-variance/")
    assert page.locator(".quiz").count() >= 10
    violations = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in Axe().run(page).response["violations"]
    ]
    context.close()
    assert violations == []
