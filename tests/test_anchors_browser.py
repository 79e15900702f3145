"""Stable links in a real browser (Playwright driving Debian's chromium): a fixture site, built with
the real configuration and hooks, where a page moved (redirect_maps) and a heading was renamed
twice (anchors/renamed.yml: old-id -> middle-id -> new-id).

- old-page#old-id, served, ends on the new page at #new-id, scrolled to it; so does instant
  navigation to new-page#old-id, and the same page opened from file://;
- a heading's permalink copies the full URL with its anchor and says "Link copied" (accessibly,
  in both palettes), with the clipboard API and with the textarea fallback;
- a rename to an id the page lacks fails the build, naming anchors/renamed.yml and its line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from guide_tools.anchors import load_config, load_redirect_maps
from guide_tools.paths import ROOT
from support import build_site, serve

pytestmark = [pytest.mark.build, pytest.mark.xdist_group("anchors-browser")]
playwright_api = pytest.importorskip("playwright.sync_api")  # installed by requirements.txt

FILLER = "\n\n".join(
    f"Filler paragraph {i}, so the heading is far below the fold." for i in range(80)
)
NEW_PAGE = f"""
---
title: New page
description: A page that moved here, with a renamed heading far down.
---
# New page {{#new-page}}

## First section {{#first}}

{FILLER}

## The renamed section {{#new-id}}

The section a reader's old bookmark points at.

{FILLER}
"""
OTHER_PAGE = """
---
title: Other
description: A page to navigate from.
---
# Other {#other}

Go to [the new page](new/page.md).
"""
RENAMES = """\
# A fixture: old-id became middle-id, then new-id.
new/page/:
  old-id: middle-id
  middle-id: new-id
"""


def _plugins_with_redirects(redirect_maps: dict[str, str]) -> list:
    """The real plugin list, with the redirects plugin's map replaced."""
    config = load_config(ROOT / "mkdocs.yml")
    plugins = [
        {"redirects": {"redirect_maps": redirect_maps}}
        if isinstance(p, dict) and "redirects" in p
        else p
        for p in config["plugins"]
    ]
    assert {"redirects": {"redirect_maps": redirect_maps}} in plugins, "mkdocs.yml: no redirects"
    return plugins


def _build(root: Path, renames: str, site_url: str | None = None):
    (root / "anchors").mkdir(parents=True)
    (root / "anchors" / "renamed.yml").write_text(renames, encoding="utf-8")
    config = {"plugins": _plugins_with_redirects({"old/page.md": "new/page.md"})}
    if site_url:
        config["site_url"] = site_url
    return build_site(root, {"new/page.md": NEW_PAGE, "other.md": OTHER_PAGE}, config=config)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("anchors-site")
    # Served before it is built: the theme's instant navigation follows only the links its
    # sitemap lists, which it reads from site_url, so site_url must be the served URL.
    with serve(root / "site") as url:
        result = _build(root, RENAMES, site_url=url)
        assert result.returncode == 0, result.output
        yield result.site, url


@pytest.fixture(scope="module")
def site(served) -> Path:
    return served[0]


@pytest.fixture(scope="module")
def site_url(served) -> str:
    return served[1]


def test_the_real_site_moves_no_page_yet():
    """The fixture's redirect_maps stands in for the real one; revisit it when pages move."""
    assert load_redirect_maps() == {}


@pytest.fixture
def context(browser):
    context = browser.new_context()
    errors: list[str] = []
    context.on("weberror", lambda e: errors.append(str(e.error)))
    yield context
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def _assert_scrolled_to(page, anchor_id: str) -> None:
    # (The theme's navigation.tracking may later set the hash to the section it deems active.)
    page.wait_for_function(f"location.hash === '#{anchor_id}'", timeout=10_000)
    # The heading sits at the top of the viewport (below the theme's header), far down the page.
    page.wait_for_function(
        f"""() => {{
            const top = document.getElementById('{anchor_id}').getBoundingClientRect().top;
            return window.scrollY > 1000 && top >= 0 && top < 200;
        }}""",
        timeout=10_000,
    )


def test_the_hook_embeds_the_resolved_map_only_where_renames_apply(site):
    new_page = (site / "new" / "page" / "index.html").read_text(encoding="utf-8")
    assert (
        '<script type="application/json" id="anchor-renames">'
        '{"middle-id": "new-id", "old-id": "new-id"}</script>'
    ) in new_page
    assert "anchor-renames" not in (site / "other" / "index.html").read_text(encoding="utf-8")
    assert "Redirecting" in (site / "old" / "page" / "index.html").read_text(encoding="utf-8")


def test_an_old_page_and_old_anchor_end_on_the_new_page_at_the_new_anchor(context, site_url):
    page = context.new_page()
    page.goto(site_url + "old/page/#old-id")
    page.wait_for_url(site_url + "new/page/#new-id", timeout=10_000)
    _assert_scrolled_to(page, "new-id")
    assert page.evaluate("history.length") <= 2  # the renamed hash replaced the entry


def test_instant_navigation_to_an_old_anchor_ends_at_the_new_one(context, site_url):
    page = context.new_page()
    page.goto(site_url + "other/")
    page.evaluate("window.stillTheSameDocument = true")
    # A link to the old anchor, as a reader's notes would have it; the theme's instant navigation
    # follows it without reloading (so the script starts from document$).
    page.evaluate(
        """() => {
            const a = document.createElement('a');
            a.href = '../new/page/#old-id';
            a.id = 'old-link';
            a.textContent = 'old link';
            document.querySelector('article').appendChild(a);
        }"""
    )
    page.click("#old-link")
    page.wait_for_url(site_url + "new/page/#new-id", timeout=10_000)
    _assert_scrolled_to(page, "new-id")
    assert page.evaluate("window.stillTheSameDocument === true"), "not an instant navigation"


def test_a_hash_changed_to_an_old_anchor_on_the_page_goes_to_the_new_one(context, site_url):
    page = context.new_page()
    page.goto(site_url + "new/page/")
    page.evaluate("location.hash = 'middle-id'")
    _assert_scrolled_to(page, "new-id")


def test_the_old_anchor_also_works_from_the_file_system(context, site):
    page = context.new_page()
    page.goto((site / "new" / "page" / "index.html").as_uri() + "#old-id")
    _assert_scrolled_to(page, "new-id")
    assert page.url.endswith("/new/page/index.html#new-id")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_copy_link_copies_the_full_url_with_the_anchor(browser, site_url, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    try:
        page = context.new_page()
        page.goto(site_url + "new/page/", wait_until="networkidle")
        heading = page.locator("h2#new-id")
        heading.scroll_into_view_if_needed()
        heading.hover()
        # Keep the note up while axe checks the page: its clear-after-a-while timer never fires
        # (a fake clock would also stop axe's own timers).
        # And record who cancels a click: the theme does (its instant navigation moves to the
        # anchor itself); our script must not.
        page.evaluate(
            """() => {
                const later = window.setTimeout;
                window.setTimeout = (f, ms, ...a) => (ms >= 1000 ? 0 : later(f, ms, ...a));
                const cancel = Event.prototype.preventDefault;
                window.cancelledBy = [];
                Event.prototype.preventDefault = function () {
                    window.cancelledBy.push(new Error().stack);
                    return cancel.call(this);
                };
            }"""
        )
        entries = page.evaluate("history.length")
        heading.locator("a.headerlink").click()
        status = page.locator("#anchor-copy-status[role=status]")
        playwright_api.expect(status).to_have_text("Link copied")
        assert page.evaluate("navigator.clipboard.readText()") == site_url + "new/page/#new-id"
        # The theme's behaviour is kept: it still takes the reader to the anchor (a new history
        # entry), and our script never cancels the click.
        assert page.evaluate("history.length") == entries + 1
        assert not [s for s in page.evaluate("window.cancelledBy") if "anchors.js" in s]
        assert status.is_visible()
        page.mouse.move(0, 0)  # away from the permalink, so the theme's own tooltip closes
        page.wait_for_timeout(500)
        violations = Axe().run(page).response["violations"]
        assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    finally:
        context.close()


def test_copy_link_falls_back_to_a_textarea_without_the_clipboard_api(context, site_url):
    page = context.new_page()
    page.add_init_script(
        """
        Object.defineProperty(navigator, 'clipboard', { value: undefined });
        document.addEventListener('copy', (e) => {
            const t = e.target;
            window.copiedText = t.value.substring(t.selectionStart, t.selectionEnd);
        });
        """
    )
    page.goto(site_url + "new/page/")
    heading = page.locator("h2#first")
    heading.hover()
    heading.locator("a.headerlink").click()
    status = page.locator("#anchor-copy-status")
    playwright_api.expect(status).to_have_text("Link copied")
    assert page.evaluate("window.copiedText") == site_url + "new/page/#first"
    assert page.locator("textarea").count() == 0
    playwright_api.expect(status).to_have_text("", timeout=10_000)  # the note goes away


def test_a_rename_to_a_missing_id_fails_the_build_naming_file_and_line(tmp_path):
    result = _build(tmp_path, "new/page/:\n  old-id: new-id\n  other-old: no-such-id\n")
    assert result.returncode != 0
    assert "anchors/renamed.yml:3: 'other-old' is renamed to 'no-such-id'" in result.output
