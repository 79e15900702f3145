"""Every page of the built site, in a real browser (Debian's chromium through Playwright), served
from 127.0.0.1 under the path GitHub Pages gives it: nothing fetched from another host, no
JavaScript error, zero axe violations in the light and dark palettes; search finds each chapter
for the queries a candidate would type; every internal link and anchor resolves; and two builds
of the same commit are identical. The checks live in site_checks.py (test_site_checks.py shows
each one failing on a planted fault)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from guide_tools import anchors
from guide_tools.paths import DOCS, ROOT
from site_checks import broken_links, build_differences, pages_of, palette_problems, search_page
from support import build_real_site, serve, site_prefix

# Not one xdist group: the site is built once per run (conftest.py) and each worker serves it,
# so the page and search checks, most of the suite's browser time, run on both cores.
pytestmark = pytest.mark.build
playwright_api = pytest.importorskip("playwright.sync_api")

QUERIES_FILE = ROOT / "tests" / "data" / "search_queries.yml"
QUERIES = yaml.safe_load(QUERIES_FILE.read_text("utf-8"))
CHAPTERS = sorted(p.stem for p in (DOCS / "concepts").glob("*.md"))
MIN_QUERIES = 5


def _page_of(source: Path) -> str:
    """The HTML page MkDocs writes for a Markdown source (directory URLs)."""
    rel = source.relative_to(DOCS).with_suffix("").as_posix()
    return "index.html" if rel == "index" else f"{rel.removesuffix('/index')}/index.html"


# Every page the build writes, known before it runs so each is its own test;
# test_the_checked_pages_are_every_built_page fails if the build writes one not listed here.
PAGES = sorted(
    [
        "404.html",
        *(_page_of(p) for p in DOCS.rglob("*.md")),
        # Study plans: pages rendered from docs/plans/*.yml (hooks/study_plans.py)
        *(_page_of(p.with_suffix(".md")) for p in (DOCS / "plans").glob("*.yml")),
        # Labs: pages rendered from docs/labs/*.ipynb (mkdocs-jupyter, hooks/labs.py)
        *(_page_of(p.with_suffix(".md")) for p in (DOCS / "labs").glob("*.ipynb")),
    ]
)


@pytest.fixture(scope="module")
def site(real_site) -> Path:
    return real_site


@pytest.fixture(scope="module")
def site_url(site):
    with serve(site, site_prefix()) as url:
        yield url


def test_the_checked_pages_are_every_built_page(site):
    built = pages_of(site)
    assert sorted(built) == PAGES, f"built {built}, checked {PAGES}"


@pytest.mark.parametrize("page_path", PAGES)
def test_page_is_offline_and_accessible_in_both_palettes(site_url, browser, page_path):
    problems = palette_problems(browser, site_url, page_path, ("light", "dark"))
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def searcher(site_url, browser):
    """The home page's search box, reused query after query (see site_checks.search_page)."""
    with search_page(browser, site_url) as searcher:
        yield searcher


def test_every_chapter_has_search_queries():
    short = [slug for slug in CHAPTERS if len(QUERIES.get(slug) or []) < MIN_QUERIES]
    unknown = sorted(set(QUERIES) - set(CHAPTERS))
    assert not short, f"{QUERIES_FILE.name}: give at least {MIN_QUERIES} queries for {short}"
    assert not unknown, f"{QUERIES_FILE.name}: no chapter has the slug(s) {unknown}"


@pytest.mark.parametrize(
    ("slug", "query"), [(s, q) for s in CHAPTERS for q in QUERIES.get(s) or []]
)
def test_search_finds_the_chapter_in_the_top_three(searcher, slug, query):
    top, foreign_requests = searcher(query)
    assert any(f"concepts/{slug}/" in href for href in top), f"{query!r}: top three were {top}"
    assert not foreign_requests, f"searching {query!r} asked another host: {foreign_requests}"


def test_every_internal_link_and_anchor_resolves(site, site_url):
    broken = broken_links(site, site_url)
    assert not broken, "\n".join(broken)


def test_every_published_anchor_is_kept_and_registered(site):
    """anchors/registry.yml (`make anchors`): no published page or anchor disappears unless it is
    renamed (anchors/renamed.yml) or its page redirected, and every new one is registered."""
    problems = anchors.check(
        anchors.collect_anchors(site),
        anchors.load_registry(),
        anchors.load_renames(),
        anchors.redirects_of(anchors.load_redirect_maps()),
    )
    assert not problems, "\n".join(str(p) for p in problems)


def test_two_builds_of_the_same_commit_are_identical(site, tmp_path):
    again = tmp_path / "again"
    proc = build_real_site(again)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    differ = build_differences(site, again)
    assert not differ, "\n".join(differ)
