"""The quality gates a built site must pass, as functions that return problems (one line each,
naming the page and the reason). tests/test_site_pages.py runs them on the real site;
tests/test_site_checks.py runs them on a fixture site with each fault planted, to prove each one
fails when its rule is broken."""

from __future__ import annotations

import contextlib
import filecmp
import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

LOCAL_SCHEMES = {"data", "blob"}


def pages_of(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to it."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def url_of(site_url: str, page: str) -> str:
    """The URL a page is served at (directory URLs: ``a/index.html`` is ``a/``)."""
    return site_url + (page[: -len("index.html")] if page.endswith("index.html") else page)


def foreign(url: str, site_url: str) -> bool:
    """True for a request that leaves the site's own host."""
    parsed = urlparse(url)
    return parsed.scheme not in LOCAL_SCHEMES and parsed.netloc != urlparse(site_url).netloc


# The axe rules whose verdict depends on the palette; every other rule sees the same DOM in both.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
SCHEME_OF_PALETTE = {"light": "default", "dark": "slate"}  # the theme's data-md-color-scheme

# Code blocks hold thousands of highlighted tokens per page in a dozen colours on one background;
# axe's color-contrast weighs each token on its own, most of a chapter's or lab's axe time. It
# skips them, and code_contrast_problems computes the same WCAG ratio for every token of every
# block, once per distinct (colour, background) pair.
CODE_BLOCKS = ["pre > code", ".jupyter-wrapper .highlight-ipynb pre"]
MIN_CODE_CONTRAST = 4.5  # WCAG 2 AA for normal-size text (code here is never large text)
_CODE_CONTRAST = """([selectors, minimum]) => {
  const rgba = s => {
    const p = (s.match(/rgba?\\(([^)]*)\\)/) || [, ""])[1].split(/[\\s,\\/]+/).filter(Boolean);
    return p.length < 3 ? null : [+p[0], +p[1], +p[2], p.length > 3 ? +p[3] : 1];
  };
  const over = (fg, bg) => [0, 1, 2].map(i => fg[i] * fg[3] + bg[i] * (1 - fg[3]));
  const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    return layers.reverse().reduce((bg, c) => over(c, bg), [255, 255, 255]);
  };
  const linear = v => (v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  const lum = c => 0.2126 * linear(c[0]) + 0.7152 * linear(c[1]) + 0.0722 * linear(c[2]);
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const pairs = new Map();
  let tokens = 0;
  for (const block of document.querySelectorAll(selectors.join(","))) {
    if (!block.getClientRects().length) continue;  // not rendered: axe skips hidden content too
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (!t.data.trim()) continue;
      tokens++;
      const el = t.parentElement, style = getComputedStyle(el);
      const fg = rgba(style.color);
      let opacity = 1;
      for (let e = el; e && e !== block.parentElement; e = e.parentElement) {
        opacity *= +getComputedStyle(e).opacity;
      }
      fg[3] *= opacity;
      const bg = background(el);
      const key = `${style.color} x${opacity} on rgb(${bg.map(Math.round)})`;
      if (!pairs.has(key)) {
        pairs.set(key, { ratio: ratio(over(fg, bg), bg), sample: t.data.trim().slice(0, 40) });
      }
    }
  }
  const failing = [...pairs].filter(([, v]) => v.ratio < minimum)
    .map(([k, v]) => `${k}: ${v.ratio.toFixed(2)} (e.g. ${JSON.stringify(v.sample)})`);
  return { tokens, pairs: pairs.size, failing };
}"""


def code_contrast_problems(page, where: str) -> list[str]:
    """Code tokens whose colour on their background is below WCAG AA (see CODE_BLOCKS)."""
    found = page.evaluate(_CODE_CONTRAST, [CODE_BLOCKS, MIN_CODE_CONTRAST])
    return [
        f"{where}: code colour contrast below {MIN_CODE_CONTRAST}: {f}" for f in found["failing"]
    ]


def page_problems(browser, site_url: str, page_path: str, scheme: str) -> list[str]:
    """Load one page in one palette (the reader's system setting, which the site follows):
    requests to another host, JavaScript errors and axe-core violations."""
    return palette_problems(browser, site_url, page_path, (scheme,))


def palette_problems(browser, site_url: str, page_path: str, schemes) -> list[str]:
    """``page_problems`` for each palette in ``schemes``, from one page load: every axe rule in
    the first palette; then the system setting is switched (the theme follows it live) and the
    rules that depend on colours run again in each other palette. Code blocks' colour contrast
    is checked by code_contrast_problems instead of axe (see CODE_BLOCKS)."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=schemes[0])
    try:
        page = context.new_page()
        requests, errors = [], []
        context.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url_of(site_url, page_path), wait_until="networkidle")
        _wait_for_the_theme(page)
        problems = []
        for number, scheme in enumerate(schemes):
            where = f"{page_path} ({scheme})"
            everything_else = {"resultTypes": ["violations"]}
            if number:
                page.emulate_media(color_scheme=scheme)
                page.wait_for_function(
                    "s => document.body.getAttribute('data-md-color-scheme') === s",
                    arg=SCHEME_OF_PALETTE[scheme],
                )
                others = [rule for rule in COLOUR_RULES if rule != "color-contrast"]
                everything_else["runOnly"] = {"type": "rule", "values": others}
            else:
                everything_else["rules"] = {"color-contrast": {"enabled": False}}
            contrast = {"resultTypes": ["violations"], "runOnly": ["color-contrast"]}
            runs = [
                Axe().run(page, options=everything_else),
                Axe().run(page, {"exclude": [[s] for s in CODE_BLOCKS]}, contrast),
            ]
            for v in (v for run in runs for v in run.response["violations"]):
                targets = [n["target"] for n in v["nodes"]][:5]
                problems.append(f"{where}: axe {v['id']} ({v['impact']}): {v['help']}: {targets}")
            problems += code_contrast_problems(page, where)
        where = f"{page_path} ({', '.join(schemes)})"
        problems += [f"{where}: request to another host: {u}" for u in requests
                     if foreign(u, site_url)]  # fmt: skip
        problems += [f"{where}: JavaScript error: {e}" for e in errors]
        return problems
    finally:
        context.close()


# The theme makes each code block that overflows focusable (tabindex) from an observer that runs
# after load, as a11y.js does for wide formulas and the labs' code cells and outputs; on a busy
# machine axe can run first. Wait for that state (axe then reports any block still missing it as
# scrollable-region-focusable).
_SCROLLERS = (
    "pre > code, .katex-display, .jupyter-wrapper .highlight-ipynb, "
    ".jupyter-wrapper .jp-OutputArea-output pre"
)
_THEME_SETTLED = f"""() => [...document.querySelectorAll("{_SCROLLERS}")].every(
    c => c.scrollWidth <= c.clientWidth || c.hasAttribute("tabindex"))"""


def _wait_for_the_theme(page) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # On a timeout, axe names the blocks that stayed unreachable by keyboard.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(_THEME_SETTLED, timeout=10_000)


def search(browser, site_url: str, query: str, top: int = 3) -> tuple[list[str], list[str]]:
    """Type ``query`` into the real search box of the home page, character by character (the
    box ignores ``fill()``); return the first ``top`` results' links and any foreign requests."""
    with search_page(browser, site_url) as searcher:
        return searcher(query, top)


@contextlib.contextmanager
def search_page(browser, site_url: str):
    """One home page whose search box answers query after query (a page load and the search
    index's start-up are most of a search's time). Yields ``searcher(query, top=3)`` which
    returns the first ``top`` results' links and the foreign requests made since the last query.
    """
    from playwright.sync_api import expect

    context = browser.new_context()
    try:
        page = context.new_page()
        requests: list[str] = []
        context.on("request", lambda r: requests.append(r.url))
        page.goto(site_url, wait_until="networkidle")
        box = page.locator("input.md-search__input")
        meta = page.locator(".md-search-result__meta")

        def searcher(query: str, top: int = 3) -> tuple[list[str], list[str]]:
            seen = len(requests)
            box.click()
            if box.input_value():
                # Empty the box; the theme then stops showing a result count.
                box.press("Control+A")
                box.press("Backspace")
                expect(meta).not_to_have_text(re.compile("matching document", re.I))
            box.press_sequentially(query, delay=20)
            # The theme's count line ("3 matching documents", "No matching documents") says the
            # search has answered this query.
            expect(meta).to_have_text(re.compile("matching document", re.I), timeout=10_000)
            # Each keystroke re-runs the search in a worker, which lags behind the typing on a
            # busy machine. Read the results every quarter second until a second of reads agree
            # (four seconds if they are empty), so an answer to a prefix of the query is not
            # taken. One result item per page; its further links are that page's sections.
            links = page.locator(".md-search-result__item > a:first-child")
            reads: list[list[str]] = []
            for _ in range(80):
                reads.append(links.evaluate_all("as => as.map(a => a.getAttribute('href'))"))
                settled = 16 if not reads[-1] else 4
                if len(reads) >= settled and all(r == reads[-1] for r in reads[-settled:]):
                    break
                page.wait_for_timeout(250)
            return reads[-1][:top], [u for u in requests[seen:] if foreign(u, site_url)]

        yield searcher
    finally:
        context.close()


class _Links(HTMLParser):
    """Every href/src of a page, and every id it defines."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for key in ("href", "src"):
            if attrs.get(key) and not (tag == "link" and attrs.get("rel") == "canonical"):
                self.links.append(attrs[key])


def _parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def broken_links(site: Path, site_url: str) -> list[str]:
    """Crawl every page of the served site: each internal URL must answer 200 and each
    ``#anchor`` must name an element of its page. External links are not fetched."""
    broken: list[str] = []
    ids_of: dict[str, set[str] | None] = {}

    def fetch(url: str) -> str | None:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                kind = response.headers.get_content_type()
                return response.read().decode("utf-8") if kind == "text/html" else ""
        except urllib.error.HTTPError:
            return None

    for page_path in pages_of(site):
        page_url = url_of(site_url, page_path)
        for link in _parse((site / page_path).read_text("utf-8")).links:
            target = urljoin(page_url, link)
            if urlparse(target).scheme not in ("http", "https"):
                continue  # mailto:, data:, javascript:
            if urlparse(target).netloc != urlparse(site_url).netloc:
                continue  # external: not ours to check, and never fetched
            base, anchor = urldefrag(target)
            if base not in ids_of:
                body = fetch(base)
                ids_of[base] = None if body is None else _parse(body).ids
            ids = ids_of[base]
            if ids is None:
                broken.append(f"{page_path}: {link} -> {base} is not found")
            elif anchor and ids and anchor not in ids:
                broken.append(f"{page_path}: {link} -> no element with id '{anchor}'")
    return broken


def build_differences(one: Path, other: Path) -> list[str]:
    """Files that differ between two builds; the sitemap may differ only in its dates."""
    differ: list[str] = []

    def without_dates(path: Path) -> bytes:
        return re.sub(rb"<lastmod>[^<]*</lastmod>", b"", path.read_bytes())

    def compare(cmp: filecmp.dircmp, prefix: str = "") -> None:
        differ.extend(f"only in one build: {prefix}{n}" for n in cmp.left_only + cmp.right_only)
        for name in cmp.common_files:
            left, right = Path(cmp.left) / name, Path(cmp.right) / name
            if name == "sitemap.xml":
                same = without_dates(left) == without_dates(right)
            else:
                same = left.read_bytes() == right.read_bytes()
            if not same:
                differ.append(f"differs: {prefix}{name}")
        for name, sub in cmp.subdirs.items():
            compare(sub, f"{prefix}{name}/")

    compare(filecmp.dircmp(one, other))
    return differ


# -- Interactive pages (review, mock interview): shared browser helpers --------------------------
def watched_page(browser, site_url: str, **context_options):
    """A fresh context (empty storage, the UTC time zone) and a page in it that records requests
    to other hosts (``page.foreign``) and JavaScript errors (``page.errors``)."""
    context = browser.new_context(timezone_id="UTC", **context_options)
    page = context.new_page()
    page.foreign, page.errors = [], []
    page.on("request", lambda r: page.foreign.append(r.url) if foreign(r.url, site_url) else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return context, page


def close_watched(context, page) -> None:
    """Close a :func:`watched_page`'s context; fail on what it recorded."""
    context.close()
    assert not page.foreign, f"requests to other hosts: {page.foreign}"
    assert not page.errors, f"JavaScript errors: {page.errors}"


def no_overflow(page) -> bool:
    """True when the page does not scroll sideways (on a phone, nothing may be wider)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def tab_to(page, name: str, limit: int = 8, back: bool = False) -> None:
    """Press Tab (Shift+Tab with ``back``) until the focused element's text is ``name``."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def axe_in_both_palettes(page, state: str, first_scheme: str = "light") -> list[str]:
    """axe's violations on the page as it is now, in the light and the dark palette, and code
    tokens below AA contrast; each problem names ``state`` and the palette. The second palette
    runs only the colour rules: the DOM is the same."""
    from axe_playwright_python.sync_playwright import Axe

    problems = []
    for number, scheme in enumerate((first_scheme, "dark" if first_scheme == "light" else "light")):
        page.emulate_media(color_scheme=scheme)
        page.wait_for_function(
            "s => document.body.getAttribute('data-md-color-scheme') === s",
            arg=SCHEME_OF_PALETTE[scheme],
        )
        options = {"resultTypes": ["violations"]}
        if number:
            others = [r for r in COLOUR_RULES if r != "color-contrast"]
            options["runOnly"] = {"type": "rule", "values": others}
        else:
            options["rules"] = {"color-contrast": {"enabled": False}}
        contrast = {"resultTypes": ["violations"], "runOnly": ["color-contrast"]}
        runs = [
            Axe().run(page, options=options),
            Axe().run(page, {"exclude": [[s] for s in CODE_BLOCKS]}, contrast),
        ]
        problems.extend(
            f"{state} ({scheme}): {v['id']} ({v['impact']}): "
            f"{[n['target'] for n in v['nodes']][:5]}"
            for run in runs
            for v in run.response["violations"]
        )
        problems.extend(code_contrast_problems(page, f"{state} ({scheme})"))
    return problems
