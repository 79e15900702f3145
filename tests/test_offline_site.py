"""The offline site a reader downloads (build/ml-interview-guide-offline.zip, made by `make
offline` from mkdocs.offline.yml; `make test` builds it first): unzipped, every page, a link,
search and a quiz work from file://.

Opened from the file system in Debian's chromium through Playwright. Any request that leaves the
file system fails, naming page and URL.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest
import yaml

from support import ROOT

pytestmark = [pytest.mark.build]
playwright_api = pytest.importorskip("playwright.sync_api")  # installed by requirements.txt

OFFLINE_CONFIG = ROOT / "mkdocs.offline.yml"
OFFLINE_ZIP = ROOT / "build" / "ml-interview-guide-offline.zip"
SHIM = "assets/javascripts/iframe-worker/shim.js"
LOCAL_SCHEMES = {"file", "data", "blob"}
# The server's 404 page links its assets from the site_url's path ("/ml-interview-guide/..."),
# as MkDocs renders it for any site; no server, no 404 page, so from file:// it is never shown.
SERVER_ONLY_PAGES = {"404.html"}


def _pages_in_archive() -> list[str]:
    """The archive's pages, known before the tests run so each is its own test (and the two
    pytest workers share them); none if the archive is missing, which the site fixture reports."""
    if not OFFLINE_ZIP.is_file():
        return []
    with zipfile.ZipFile(OFFLINE_ZIP) as archive:
        names = [n.split("/", 1)[1] for n in archive.namelist() if n.endswith(".html")]
    return sorted(names)


PAGES = _pages_in_archive()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The shipped archive, unzipped as a reader would: one folder with the whole site (once per
    pytest worker)."""
    assert OFFLINE_ZIP.is_file(), f"{OFFLINE_ZIP.relative_to(ROOT)} is missing: run `make offline`"
    folder = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(OFFLINE_ZIP) as archive:
        assert {n.split("/", 1)[0] for n in archive.namelist()} == {"ml-interview-guide"}
        archive.extractall(folder)
    return folder / "ml-interview-guide"


class Recorder:
    """Every request of a browser context (pages, frames, the search worker), and every error."""

    def __init__(self, context, where: str):
        self.where = where
        self.foreign: list[str] = []
        self.missing: list[str] = []
        self.errors: list[str] = []
        context.on("request", self._request)
        context.on("requestfailed", lambda r: self.missing.append(r.url))

    def _request(self, request):
        if urlparse(request.url).scheme not in LOCAL_SCHEMES:
            self.foreign.append(request.url)

    def watch(self, page):
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        return page

    def check(self, *, missing_ok: bool = False):
        assert not self.foreign, f"{self.where} requests from off the file system: {self.foreign}"
        assert missing_ok or not self.missing, f"{self.where}: files not found: {self.missing}"
        assert not self.errors, f"{self.where}: JavaScript errors: {self.errors}"


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_archive_has_every_page_the_tests_open(site):
    assert len(PAGES) >= 5, PAGES
    assert [p.relative_to(site).as_posix() for p in _pages(site)] == PAGES


@pytest.mark.parametrize("name", PAGES)
def test_every_page_stays_on_the_file_system(site, browser, name):
    path = site / name
    context = browser.new_context()
    recorder = Recorder(context, name)
    page = recorder.watch(context.new_page())
    page.goto(path.as_uri(), wait_until="networkidle")
    styled = name in SERVER_ONLY_PAGES or page.locator(".md-header").is_visible()
    context.close()
    recorder.check(missing_ok=name in SERVER_ONLY_PAGES)
    assert styled, f"{name}: the theme's stylesheet did not apply"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("learning curve", "concepts/bias-variance.html"),
        ("case study", "case-study.html"),
    ],
)
def test_search_works_from_the_file_system(site, browser, query, expected):
    context = browser.new_context()
    context.set_default_timeout(10_000)
    recorder = Recorder(context, f"index.html, searching {query!r},")
    page = recorder.watch(context.new_page())
    try:
        page.goto((site / "index.html").as_uri(), wait_until="networkidle")
        # Without a working worker shim the theme hides the search box altogether.
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(query, delay=20)  # Material's search box ignores fill()
        results = page.locator(".md-search-result__item")
        results.first.wait_for()
        hrefs = results.locator("a").evaluate_all("links => links.map(a => a.href)")
    finally:  # a request off the file system is the likelier cause of a failure above: say so
        context.close()
        recorder.check()
    paths = [urlparse(href).path for href in hrefs]
    assert any(path.endswith("/" + expected) for path in paths), paths


def test_a_reader_follows_a_link_and_answers_a_quiz_from_the_file_system(site, browser):
    context = browser.new_context()
    context.set_default_timeout(10_000)
    recorder = Recorder(context, "index.html -> a chapter's quiz")
    page = recorder.watch(context.new_page())
    try:
        page.goto((site / "index.html").as_uri(), wait_until="networkidle")
        page.locator(".md-content a[href$='concepts/bias-variance.html']").first.click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith("/concepts/bias-variance.html"), page.url
        quiz = page.locator(".quiz[data-quiz-type=single]").first
        right = quiz.locator("input[type=radio]").nth(_correct_index(quiz))
        right.check()
        quiz.get_by_role("button", name="Check").click()
        status = quiz.locator(".quiz__status").inner_text()
    finally:
        context.close()
        recorder.check()
    assert status.startswith("Correct"), status


def test_a_reader_ticks_a_study_plan_item_and_it_stays_ticked_from_the_file_system(site, browser):
    context = browser.new_context()
    context.set_default_timeout(10_000)
    recorder = Recorder(context, "plans/three-day-crash.html")
    page = recorder.watch(context.new_page())
    try:
        page.goto((site / "plans" / "three-day-crash.html").as_uri(), wait_until="networkidle")
        first = page.locator("li:has(> a[data-plan-item]) input[type=checkbox]").first
        first.focus()
        page.keyboard.press("Space")  # the theme draws its box over the input, as a reader sees
        page.reload(wait_until="networkidle")
        ticked = first.is_checked()
        status = page.locator(".plan-continue").inner_text()
        target = page.locator(".plan-continue__link").get_attribute("href")
    finally:
        context.close()
        recorder.check()
    assert ticked
    assert status.startswith("1 of ") and "Continue where you left off" in status, status
    assert target.startswith("../concepts/") and ".html#" in target, target


def test_a_reader_practises_a_mock_interview_from_the_file_system(site, browser):
    context = browser.new_context()
    context.set_default_timeout(10_000)
    recorder = Recorder(context, "mock-interview/index.html")
    page = recorder.watch(context.new_page())
    try:
        page.goto((site / "mock-interview" / "index.html").as_uri(), wait_until="networkidle")
        page.get_by_role("button", name="Start the interview").click()
        page.get_by_role("button", name="Show the model answer").click()
        page.locator(".mock-rubric__point input").first.check()
        page.get_by_role("button", name="End the interview now").click()
        summary = page.locator(".mock-summary__text").inner_text()
        saved = page.locator(".mock-summary__saved").inner_text()
        target = page.locator(".mock-summary__question a").get_attribute("href")
    finally:
        context.close()
        recorder.check()
    assert summary.startswith("You covered 1 of "), summary
    assert saved.startswith("Saved in this browser"), saved
    assert target.startswith("../concepts/") and ".html#" in target, target


def test_every_chapter_explorable_draws_and_responds_from_the_file_system(site, browser):
    """Its data travels in the page and its scripts beside it: nothing to fetch."""
    chapters = sorted((site / "concepts").glob("*.html"))
    context = browser.new_context()
    context.set_default_timeout(10_000)
    recorder = Recorder(context, "concepts/*.html")
    page = recorder.watch(context.new_page())
    drawn = {}
    try:
        for chapter in chapters:
            page.goto(chapter.as_uri(), wait_until="networkidle")
            root = page.locator(".explorable")
            root.wait_for(state="visible")
            control = root.locator("input, select").first
            control.focus()
            before = root.inner_html()
            # A slider goes to its other end; a select or a number input moves one step.
            key = control.evaluate(
                "e => e.type === 'range' ? (e.value === e.max ? 'Home' : 'End')"
                " : e.tagName === 'SELECT' && e.selectedIndex === e.options.length - 1"
                " ? 'ArrowUp' : 'ArrowDown'"
            )
            page.keyboard.press(key)
            drawn[chapter.stem] = root.inner_html() != before
    finally:
        context.close()
        recorder.check()
    assert len(drawn) == 9, sorted(drawn)
    assert all(drawn.values()), f"nothing changed when a control moved: {drawn}"


def _correct_index(quiz) -> int:
    """Which option is right, as the page marks it (data-correct, what the script grades by)."""
    flags = quiz.locator(".quiz__option").evaluate_all("els => els.map(e => e.dataset.correct)")
    assert flags.count("true") == 1, flags
    return flags.index("true")


def test_the_search_shim_is_served_from_the_site(site):
    """The trap: unless a polyfill names iframe-worker, the offline plugin adds one from a CDN."""
    assert (site / SHIM).read_bytes() == (
        ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
    ).read_bytes()
    for path in _pages(site):
        name = path.relative_to(site).as_posix()
        scripts = re.findall(r'<script src="([^"]+)"', path.read_text(encoding="utf-8"))
        shims = [src for src in scripts if "iframe-worker" in src]
        assert len(shims) == 1, (name, scripts)
        assert not any(urlparse(src).netloc for src in scripts), (name, scripts)
        if name not in SERVER_ONLY_PAGES:
            assert not shims[0].startswith("/"), (name, shims)
            assert (path.parent / shims[0]).resolve() == (site / SHIM).resolve(), (name, shims)


def test_without_our_polyfill_the_offline_plugin_would_ask_a_cdn():
    from material.plugins.offline.plugin import OfflinePlugin

    plugin = OfflinePlugin()
    plugin.load_config({})
    config = SimpleNamespace(use_directory_urls=True, extra={})
    plugin.on_config(config)
    assert [urlparse(url).netloc for url in config.extra["polyfills"]] == ["unpkg.com"]
    config = SimpleNamespace(use_directory_urls=True, extra={"polyfills": [SHIM]})
    plugin.on_config(config)
    assert config.extra["polyfills"] == [SHIM]


def _config(path: Path) -> dict:
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda loader, tag, node: None)  # !ENV, !!python/name
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def _name(entry) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def test_the_offline_config_keeps_every_plugin_and_hook_of_the_site():
    """INHERIT replaces lists: mkdocs.offline.yml repeats them, so they must not drift apart."""
    main, offline = _config(ROOT / "mkdocs.yml"), _config(OFFLINE_CONFIG)
    assert offline["INHERIT"] == "mkdocs.yml"
    assert [p for p in offline["plugins"] if _name(p) != "offline"] == main["plugins"]
    assert _name(offline["plugins"][-1]) == "htmlproofer"
    assert offline["hooks"] == [*main["hooks"], "hooks/offline_polyfill.py"]
