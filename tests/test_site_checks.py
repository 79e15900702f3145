"""Each site quality gate of test_site_pages.py fails, naming the page and the reason, when its
rule is broken: a fixture site is built with the real configuration, then faults are planted in
its HTML (the strict build would refuse most of them in Markdown)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_checks import broken_links, build_differences, page_problems, palette_problems, search
from support import build_site, serve, site_prefix

pytestmark = [pytest.mark.build, pytest.mark.xdist_group("site-checks")]
playwright_api = pytest.importorskip("playwright.sync_api")

PAGES = {
    "index.md": """
        ---
        title: Home
        description: The fixture's home page.
        ---
        # Home {#home}

        See [the quokka page](quokka.md#habitat).
        """,
    "quokka.md": """
        ---
        title: Quokkas
        description: A page with a word no other page has.
        ---
        # Quokkas {#quokkas}

        ## Habitat {#habitat}

        Quokkas live on Rottnest Island.
        """,
}


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    result = build_site(tmp_path_factory.mktemp("checks"), PAGES)
    assert result.returncode == 0, result.output
    return result.site


def plant(site: Path, page: str, html: str) -> None:
    """Insert raw HTML at the start of a built page's article."""
    path = site / page
    text = path.read_text("utf-8")
    marker = '<article class="md-content__inner md-typeset">'
    assert marker in text, f"{page}: the theme's article tag changed"
    path.write_text(text.replace(marker, marker + html, 1), "utf-8")


@pytest.fixture(scope="module")
def faulty_site(fixture_site, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("faulty") / "site"
    shutil.copytree(fixture_site, site)
    plant(site, "index.html", '<img src="https://cdn.example.com/logo.png" alt="A logo">')
    plant(site, "quokka/index.html", '<img src="../assets/images/favicon.svg">')  # no alt
    plant(site, "quokka/index.html", '<script>throw new Error("planted")</script>')
    plant(site, "quokka/index.html", '<p><a href="../#no-such-id">x</a> <a href="../gone/">y</a>')
    # Readable on the light palette's white, not on the dark palette's slate.
    plant(site, "quokka/index.html", '<p style="color:#333">Dark grey words on a dark page.</p>')
    # The same in a code block and in a lab's code cell, which axe leaves to code_contrast_problems.
    plant(
        site,
        "quokka/index.html",
        '<pre><code><span style="color:#333">grey code</span></code></pre>',
    )
    plant(
        site,
        "quokka/index.html",
        '<div class="jupyter-wrapper"><div class="highlight-ipynb"><pre>'
        '<span style="color:#333">grey lab code</span></pre></div></div>',
    )
    return site


def test_the_clean_fixture_passes_every_check(fixture_site, browser):
    with serve(fixture_site, site_prefix()) as url:
        for page in ("index.html", "quokka/index.html"):
            assert page_problems(browser, url, page, "dark") == []
        assert broken_links(fixture_site, url) == []


def test_a_request_to_another_host_is_reported_with_its_page(faulty_site, browser):
    with serve(faulty_site, site_prefix()) as url:
        problems = page_problems(browser, url, "index.html", "light")
    assert problems == [
        "index.html (light): request to another host: https://cdn.example.com/logo.png"
    ]


def test_an_accessibility_violation_and_a_script_error_are_reported(faulty_site, browser):
    with serve(faulty_site, site_prefix()) as url:
        problems = page_problems(browser, url, "quokka/index.html", "dark")
    assert "quokka/index.html (dark): JavaScript error: planted" in problems
    assert any(p.startswith("quokka/index.html (dark): axe image-alt (critical)") for p in problems)


def test_both_palettes_from_one_load_catch_a_contrast_fault_of_the_dark_one_only(
    faulty_site, browser
):
    with serve(faulty_site, site_prefix()) as url:
        problems = palette_problems(browser, url, "quokka/index.html", ("light", "dark"))
    contrast = [p for p in problems if "axe color-contrast" in p]
    assert contrast and all(p.startswith("quokka/index.html (dark): ") for p in contrast), problems
    # The rules that do not depend on colour ran once, in the first palette.
    alt = [p for p in problems if "axe image-alt" in p]
    assert len(alt) == 1 and alt[0].startswith("quokka/index.html (light): "), problems


def test_a_broken_link_and_a_missing_anchor_are_reported(faulty_site):
    with serve(faulty_site, site_prefix()) as url:
        broken = broken_links(faulty_site, url)
    assert sorted(broken) == [
        "quokka/index.html: ../#no-such-id -> no element with id 'no-such-id'",
        f"quokka/index.html: ../gone/ -> {url}gone/ is not found",
    ]


def test_search_ranks_the_page_that_has_the_words(fixture_site, browser):
    with serve(fixture_site, site_prefix()) as url:
        top, foreign_requests = search(browser, url, "quokka")
        nothing, _ = search(browser, url, "zebrafish")
    assert top and "quokka/" in top[0], top
    assert not foreign_requests
    assert nothing == []  # so a chapter missing from the top three fails its query


def test_a_changed_file_differs_but_sitemap_dates_do_not(fixture_site, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(fixture_site, other)
    sitemap = other / "sitemap.xml"
    sitemap.write_text(
        sitemap.read_text("utf-8").replace("<lastmod>", "<lastmod>1999-01-01 "), "utf-8"
    )
    assert build_differences(fixture_site, other) == []
    (other / "quokka" / "index.html").write_text("changed", "utf-8")
    assert build_differences(fixture_site, other) == ["differs: quokka/index.html"]


def test_code_token_contrast_is_checked_in_each_palette_without_axe(faulty_site, browser):
    with serve(faulty_site, site_prefix()) as url:
        problems = palette_problems(browser, url, "quokka/index.html", ("light", "dark"))
    code = [p for p in problems if "code colour contrast" in p]
    assert code and all(p.startswith("quokka/index.html (dark): ") for p in code), problems
    assert any('"grey code"' in p for p in code) and any('"grey lab code"' in p for p in code)
    axe = " ".join(p for p in problems if "axe color-contrast" in p)
    assert "grey" not in axe  # axe skipped the code blocks (CODE_BLOCKS)
