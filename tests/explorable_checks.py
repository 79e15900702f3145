"""Shared helpers for the explorables' browser tests (tests/test_explorable_<slug>.py).

Each chapter's test opens its page on the real site, moves the explorable's controls and checks
what it shows against the data file the snippet exported (docs/assets/figures/<name>.json): the
page carries that data, and the text it shows must be looked up in it, not recomputed. axe runs
on the explorable in both palettes.
"""

from __future__ import annotations

import json

from guide_tools import explorables
from guide_tools.paths import FIGURES
from site_checks import COLOUR_RULES, SCHEME_OF_PALETTE, close_watched, watched_page


def committed(name: str) -> dict:
    """The committed data of explorable ``name`` (``"<slug>/<figure>"``), without its note."""
    return explorables.load(FIGURES / f"{name}.json")


def open_explorable(browser, site_url: str, name: str, **context_options):
    """A fresh context on the chapter of explorable ``name``, scrolled to it once it is drawn.

    Returns (context, page, root); fails unless the page carries exactly the committed data.
    Close with :func:`close` (fails on JavaScript errors and requests to other hosts)."""
    slug = name.split("/", 1)[0]
    context, page = watched_page(browser, site_url, **context_options)
    page.goto(f"{site_url}concepts/{slug}/")
    root = page.locator(f'.explorable[data-explorable="{name}"]')
    assert root.count() == 1, f"{name}: no explorable container on concepts/{slug}/"
    root.locator("xpath=.").wait_for(state="visible")
    assert root.get_attribute("data-mounted") == "true"
    on_page = json.loads(root.get_attribute("data-explorable-data"))
    assert on_page == committed(name), f"{name}: the page's data is not the committed file's"
    root.scroll_into_view_if_needed()
    return context, page, root


def close(context, page) -> None:
    close_watched(context, page)


def move(root, control: str, index: int) -> None:
    """Set range control ``control`` to position ``index``, as a drag does (input event)."""
    root.locator(f'input[type="range"][data-control="{control}"]').fill(str(index))


def choose(root, control: str, value: str) -> None:
    root.locator(f'select[data-control="{control}"]').select_option(value)


def shown(root, key: str) -> str:
    """The text of the readout (or table cell) with ``data-value="<key>"``."""
    return root.locator(f'[data-value="{key}"]').inner_text().strip()


def output(root, control: str) -> str:
    return root.locator(f'output[data-output="{control}"]').inner_text().strip()


def fmt(value: float, digits: int = 0) -> str:
    """A number as core.js's ``fmt`` writes it: thousands separators, a true minus sign."""
    text = f"{value:,.{digits}f}"
    if text.startswith("-") and float(text.replace(",", "")) != 0:
        return "\u2212" + text[1:]
    return text.lstrip("-")


def pct(share: float, digits: int = 1) -> str:
    return fmt(100 * share, digits) + " %"


def keyboard_moves(page, root, control: str) -> None:
    """The control takes the keyboard: Tab reaches it, the arrow keys move it by one step."""
    slider = root.locator(f'input[type="range"][data-control="{control}"]')
    slider.focus()
    before = int(slider.input_value())
    page.keyboard.press("ArrowRight" if before < int(slider.get_attribute("max")) else "ArrowLeft")
    after = int(slider.input_value())
    assert abs(after - before) == 1, f"{control}: an arrow key moved it from {before} to {after}"
    assert slider.evaluate("el => el.labels.length") == 1, f"{control} has no label"


def axe_problems(page, name: str) -> list[str]:
    """axe on the explorable (every rule, in the light palette; the colour rules in the dark)."""
    from axe_playwright_python.sync_playwright import Axe

    scope = {"include": [[f'.explorable[data-explorable="{name}"]']]}
    problems = []
    for number, scheme in enumerate(("light", "dark")):
        page.emulate_media(color_scheme=scheme)
        page.wait_for_function(
            "s => document.body.getAttribute('data-md-color-scheme') === s",
            arg=SCHEME_OF_PALETTE[scheme],
        )
        options = {"resultTypes": ["violations"]}
        if number:
            options["runOnly"] = {"type": "rule", "values": COLOUR_RULES}
        result = Axe().run(page, scope, options)
        problems += [
            f"{name} ({scheme}): {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
            for v in result.response["violations"]
        ]
    return problems
