"""The plan builder page (docs/plans/builder.md) in a real browser: the real site, built once
strictly and served on 127.0.0.1 under the published prefix, driven by Playwright (Debian's
chromium).

Filling the form gives a schedule with the weak concepts first whose links land on existing
anchors; the URL carries the inputs and opening it reproduces the schedule; the Markdown and
.ics downloads hold that schedule; a missed question in the quizzes' store becomes a review
link; the page starts after instant navigation and from file://, explains itself without
JavaScript, and passes axe in both palettes with a full schedule on screen.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from support import serve, site_prefix

pytestmark = [pytest.mark.build, pytest.mark.xdist_group("plan-builder-browser")]
playwright_api = pytest.importorskip("playwright.sync_api")

PAGE = "plans/builder/"
QUERY = "?weeks=3&hours=5&weak=metrics,ensembles&start=2026-12-07"
QUIZ_STORE = "ml-interview-guide:quiz"
MOCK_STORE = "ml-interview-guide:mock"


@pytest.fixture(scope="module")
def site(real_site) -> Path:
    return real_site


@pytest.fixture(scope="module")
def site_url(site):
    with serve(site, site_prefix()) as url:
        yield url


@pytest.fixture
def context(browser, site_url):
    """A fresh context (empty storage) that fails on any request to another host or JS error."""
    context = browser.new_context(accept_downloads=True)
    foreign, errors = [], []
    host = urlparse(site_url).netloc

    def watch(page):
        page.on(
            "request",
            lambda r: (
                foreign.append(r.url)
                if urlparse(r.url).scheme in ("http", "https") and urlparse(r.url).netloc != host
                else None
            ),
        )
        page.on("pageerror", lambda e: errors.append(str(e)))

    context.on("page", watch)
    yield context
    context.close()
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not errors, f"JavaScript errors: {errors}"


def schedule(page) -> list[dict]:
    """The schedule on screen: one dict per item, in order."""
    return page.locator("#plan-builder-schedule .plan-builder__session li[data-key]").evaluate_all(
        """items => items.map(li => ({
            key: li.dataset.key,
            href: li.querySelector('a').href,
            questions: Array.from(li.querySelectorAll(':scope ul a'), a => a.href),
        }))"""
    )


def chapter_of(key: str) -> str:
    """read:<slug>#<id>, quiz:<slug>, review:<slug>:<round>, run:snippets/<slug>/<file>.py"""
    return re.match(r"^(?:read:|quiz:|review:|run:snippets/)([a-z-]+)", key).group(1)


def resolves(site: Path, site_url: str, href: str) -> bool:
    """Does an absolute link land on a built page that has the anchor?"""
    assert href.startswith(site_url), href
    path, _, anchor = href[len(site_url) :].partition("#")
    html = site / path / "index.html"
    if not html.is_file():
        return False
    return not anchor or f'id="{anchor}"' in html.read_text("utf-8")


def fill(page, weeks: int, hours: int, weak: list[str], start: str) -> None:
    page.get_by_label("Weeks until the interview").fill(str(weeks))
    page.get_by_label("Hours per week").fill(str(hours))
    page.get_by_label("Start date").fill(start)
    for box in page.locator("#plan-concepts input").all():
        box.set_checked(box.get_attribute("value") in weak)


def test_filling_the_form_schedules_weak_concepts_first_and_the_url_reproduces_it(
    context, site, site_url
):
    page = context.new_page()
    page.goto(site_url + PAGE)
    assert page.locator("#plan-concepts input").count() == 9
    fill(page, 3, 5, ["ensembles", "metrics"], "2026-12-07")
    page.keyboard.press("Tab")
    assert urlparse(page.url).query == QUERY[1:]
    assert page.locator("#plan-builder-link").get_attribute("href").endswith(QUERY)

    items = schedule(page)
    chapters = [chapter_of(i["key"]) for i in items if not i["key"].startswith("review:")]
    first = list(dict.fromkeys(chapters))[:3]
    assert first == ["bias-variance", "metrics", "ensembles"], first  # prerequisite, then weak
    assert "Mon 7 Dec 2026" in page.locator("#plan-builder-summary").inner_text()
    assert page.locator("#plan-builder-summary").get_attribute("aria-live") == "polite"
    broken = [i["href"] for i in items if not resolves(site, site_url, i["href"])]
    assert not broken, broken

    text = page.locator("#plan-builder-schedule").inner_text()
    again = context.new_page()
    again.goto(site_url + PAGE + QUERY)
    assert again.locator("#plan-builder-schedule").inner_text() == text
    assert again.get_by_label("Weeks until the interview").input_value() == "3"
    assert again.get_by_label("Start date").input_value() == "2026-12-07"
    checked = again.locator("#plan-concepts input:checked").evaluate_all(
        "bs => bs.map(b => b.value)"
    )
    assert checked == ["metrics", "ensembles"]


def test_too_little_time_says_what_did_not_fit(context, site_url):
    page = context.new_page()
    page.goto(site_url + PAGE + "?weeks=1&hours=1&weak=sql-wrangling&start=2026-12-07")
    summary = page.locator("#plan-builder-summary").inner_text()
    assert re.search(
        r"Not enough time: \d+ required items .* Add about \d+ hours per week", summary
    )
    assert page.locator(".plan-builder__missing li").count() > 0


def test_markdown_and_calendar_downloads(context, site_url):
    page = context.new_page()
    page.goto(site_url + PAGE + QUERY)
    sessions = page.locator(".plan-builder__session").count()
    assert sessions > 0

    with page.expect_download() as info:
        page.get_by_role("button", name="Download as Markdown").click()
    assert info.value.suggested_filename == "ml-interview-study-plan-2026-12-07.md"
    markdown = Path(info.value.path()).read_text("utf-8")
    assert markdown.startswith("# Study plan: interview on Mon 28 Dec 2026\n")
    assert markdown.count("\n## Week ") == 3
    assert markdown.count("\n### Session ") == sessions
    assert f"]({site_url}concepts/bias-variance/#tldr) (" in markdown
    assert f"<{site_url}{PAGE}{QUERY}>" in markdown

    with page.expect_download() as info:
        page.get_by_role("button", name="Download calendar (.ics)").click()
    assert info.value.suggested_filename == "ml-interview-study-plan-2026-12-07.ics"
    ics = Path(info.value.path()).read_bytes().decode("utf-8")
    assert ics.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert ics.endswith("END:VCALENDAR\r\n")
    assert "\n" not in ics.replace("\r\n", "")
    assert ics.count("BEGIN:VEVENT\r\n") == sessions
    assert "DTSTART;VALUE=DATE:20261207\r\n" in ics
    unfolded = ics.replace("\r\n ", "")
    assert f"{site_url}concepts/metrics/#tldr" in unfolded


def test_a_missed_question_becomes_a_review_link(context, site, site_url):
    quiz_id = "ensembles-variance-floor"
    store = {
        "version": 1,
        "questions": {
            quiz_id: {"answered": True, "correct": False, "attempts": 1, "lastSeen": "2026-12-01"}
        },
    }
    page = context.new_page()
    page.goto(site_url + PAGE + QUERY)
    assert not any(i["questions"] for i in schedule(page))
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [QUIZ_STORE, json.dumps(store)])
    page.reload()
    reviews = [i for i in schedule(page) if i["key"].startswith("review:ensembles:")]
    assert reviews, "no review of the ensembles self-check"
    link = f"{site_url}concepts/ensembles/#quiz-{quiz_id}"
    assert all(r["questions"] == [link] for r in reviews)
    assert resolves(site, site_url, link)


def test_tick_my_weakest_uses_the_quiz_answers_and_mock_interviews(context, site_url):
    page = context.new_page()
    page.goto(site_url + PAGE + QUERY)
    button = page.get_by_role("button", name="Tick my weakest")
    button.click()
    note = page.locator("#plan-weakest-note")
    assert note.inner_text().startswith("No results yet")
    checked = "bs => bs.map(b => b.value)"
    assert page.locator("#plan-concepts input:checked").evaluate_all(checked) == [
        "metrics",
        "ensembles",
    ]  # unchanged

    seen = "2026-12-01T10:00:00.000Z"
    quiz = {
        "version": 1,
        "questions": {
            "ab-testing-a": {"answered": True, "correct": False, "attempts": 1, "lastSeen": seen},
            "metrics-a": {"answered": True, "correct": True, "attempts": 1, "lastSeen": seen},
        },
    }
    mock = {
        "version": 1,
        "questions": {"mlops-model-answer": {"covered": 2, "total": 5, "lastSeen": seen}},
        "sessions": [],
    }
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [QUIZ_STORE, json.dumps(quiz)])
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [MOCK_STORE, json.dumps(mock)])
    button.click()
    assert note.inner_text() == (
        "Ticked, lowest score first: A/B testing for ML (0 %), Model deployment and MLOps (40 %), "
        "Evaluation metrics tradeoffs (100 %)."
    )
    ticked = page.locator("#plan-concepts input:checked").evaluate_all(checked)
    assert sorted(ticked) == ["ab-testing", "metrics", "mlops"]
    assert "weak=" in page.url and "ab-testing" in page.url  # the schedule and its link follow
    keys = [i["key"] for i in schedule(page) if not i["key"].startswith("review:")]
    assert chapter_of(keys[0]) in ("metrics", "mlops", "ab-testing", "bias-variance")


def test_starts_after_instant_navigation_and_from_file(context, browser, site, site_url):
    page = context.new_page()
    page.goto(site_url)
    page.wait_for_function("() => window.document$ !== undefined")
    # A link in the page's content: the theme's instant navigation swaps the page in place.
    page.evaluate(
        """href => { const a = document.createElement("a"); a.href = href; a.id = "to-builder";
                     a.textContent = "builder"; document.querySelector("article").append(a); }""",
        PAGE,
    )
    page.locator("#to-builder").click()
    page.wait_for_url(re.compile(re.escape(PAGE) + "$"))
    assert page.locator("#plan-builder").is_visible()
    assert page.locator(".plan-builder__session").count() > 0

    offline = browser.new_context()
    local = offline.new_page()
    errors = []
    local.on("pageerror", lambda e: errors.append(str(e)))
    local.goto((site / PAGE / "index.html").as_uri() + QUERY)
    assert local.locator(".plan-builder__session").count() > 0
    local.get_by_label("Hours per week").fill("7")
    local.keyboard.press("Tab")
    assert (
        local.locator("#plan-builder-link")
        .get_attribute("href")
        .endswith("?weeks=3&hours=7&weak=metrics,ensembles&start=2026-12-07")
    )
    offline.close()
    assert not errors, errors


def test_without_javascript_the_page_explains_itself(browser, site_url):
    # Playwright turns script execution off but Chromium still parses <noscript> as raw text, so
    # the check is on what the element holds; the form itself must stay hidden.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PAGE)
    assert "The plan builder needs JavaScript" in page.locator("noscript").text_content()
    assert not page.locator("#plan-builder").is_visible()
    assert not page.locator("#plan-builder-results").is_visible()
    assert page.locator("#how-it-works").is_visible()
    context.close()


def test_a_full_schedule_has_no_accessibility_violations(browser, site_url):
    """The whole page passes axe in test_site_pages.py; here the parts only a filled form shows
    (reviews with question links, the "did not fit" list, a focused control), in both palettes."""
    from axe_playwright_python.sync_playwright import Axe

    store = {
        "version": 1,
        "questions": {
            "metrics-fraud-auc": {
                "answered": True,
                "correct": False,
                "attempts": 2,
                "lastSeen": "2026-12-01",
            }
        },
    }
    context = browser.new_context()
    context.add_init_script(
        f"localStorage.setItem({QUIZ_STORE!r}, {json.dumps(json.dumps(store))})"
    )
    page = context.new_page()
    page.goto(site_url + PAGE + "?weeks=1&hours=3&weak=metrics&start=2026-12-07")
    assert page.locator(".plan-builder__missing").count() == 1
    assert page.locator(".plan-builder__questions a").count() > 0
    page.get_by_label("Evaluation metrics").focus()
    found = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        palette = "slate" if scheme == "dark" else "default"
        page.wait_for_function(f"document.body.dataset.mdColorScheme === {palette!r}")
        result = Axe().run(page, context={"include": [[".md-content"]]})
        found[scheme] = [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
            for v in result.response["violations"]
        ]
    context.close()
    assert found == {"light": [], "dark": []}
