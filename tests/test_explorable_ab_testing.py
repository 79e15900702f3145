"""The A/B testing chapter's explorable in a real browser: a sample-size calculator whose numbers
the page computes in closed form (explorables/ab-testing.js). Typed into its inputs, each row of
the snippet's table (snippets/ab-testing/sample_size.py -> docs/assets/figures/ab-testing/
power_curve.json) must show the Python answers: n per arm exactly, power to the shown digit. The
page's normal CDF and quantile must match SciPy's to 1e-9; bad inputs show a message, not NaN."""

from __future__ import annotations

import pytest

from explorable_checks import axe_problems, close, committed, fmt, open_explorable, pct, shown
from site_checks import no_overflow

pytestmark = [pytest.mark.build, pytest.mark.xdist_group("explorables")]
pytest.importorskip("playwright.sync_api")

NAME = "ab-testing/power_curve"
KEYS = ("h", "n_arcsine", "n_textbook", "n", "total", "power_mde", "power_half")


def number(root, control: str):
    return root.locator(f'input[type="number"][data-control="{control}"]')


def select(root, control: str):
    return root.locator(f'select[data-control="{control}"]')


def enter(root, row: dict) -> None:
    """Type a row's inputs as a reader would (input and change events)."""
    number(root, "baseline").fill(str(row["baseline_pct"]))
    number(root, "mde").fill(str(row["mde_points"]))
    select(root, "alpha").select_option(str(row["alpha"]))
    select(root, "power").select_option(str(row["power"]))


def expected(row: dict) -> dict[str, str]:
    """What the page must show for a row, formatted as core.js formats it."""
    return {
        "h": f"{row['h']:.4f}",
        "n_arcsine": fmt(row["n_arcsine"]),
        "n_textbook": fmt(row["n_textbook"]),
        "n": fmt(row["n"]),
        "total": fmt(2 * row["n"]),
        "power_mde": pct(row["power_mde"]),
        "power_half": pct(row["power_half"]),
    }


def readout(root) -> dict[str, str]:
    return {key: shown(root, key) for key in KEYS}


def test_each_row_typed_in_shows_the_snippets_sample_size_and_power(browser, site_url):
    data = committed(NAME)
    rows = data["rows"]
    context, page, root = open_explorable(browser, site_url, NAME)
    try:
        # Opened on the chapter's inputs: the static figure's 851 per arm.
        start = data["defaults"]
        assert rows[0] == {**rows[0], **start}
        assert number(root, "baseline").input_value() == f"{start['baseline_pct']:g}"
        assert readout(root) == expected(rows[0])
        assert shown(root, "n") == "851"
        assert root.locator("svg.explorable-chart path").count() >= 1
        assert "851 per arm" in root.locator("svg.explorable-chart").get_attribute("aria-label")
        for row in rows[1:] + rows[:1]:
            enter(root, row)
            assert readout(root) == expected(row), row
        # The hint's lesson: halving the MDE about quadruples n; half the MDE is mostly missed.
        assert 3.5 < rows[1]["n"] / rows[0]["n"] < 4.5
        assert rows[0]["power_half"] < 1 / 3
        assert axe_problems(page, NAME) == []
    finally:
        close(context, page)


def test_the_pages_normal_cdf_and_quantile_match_scipy(browser, site_url):
    normal = committed(NAME)["normal"]
    context, page, _ = open_explorable(browser, site_url, NAME)
    try:
        for name in ("cdf", "ppf"):
            args = [arg for arg, _ in normal[name]]
            got = page.evaluate(f"xs => xs.map(window.mlAbTesting.{name})", args)
            for arg, value, want in zip(
                args, got, (float(v) for _, v in normal[name]), strict=True
            ):
                # SciPy's value is kept to 12 digits; 1e-9 relative (absolute at zero).
                assert abs(value - want) <= 1e-9 * max(abs(want), 1e-3), (name, arg, value, want)
    finally:
        close(context, page)


BAD_INPUTS = [  # (baseline %, MDE points, what the message says)
    ("0", "4", "between 0.1 % and 99.9 %"),
    ("", "4", "Enter the baseline rate"),
    ("88.3652", "0", "at least 0.01 points"),
    ("88.3652", "", "Enter the MDE"),
    ("97", "3", "at most 3.00 points"),
]


def test_inputs_out_of_range_show_a_message_instead_of_numbers(browser, site_url):
    context, page, root = open_explorable(browser, site_url, NAME)
    try:
        message = root.locator('[data-value="message"]')
        assert message.is_hidden()
        for baseline, mde, says in BAD_INPUTS:
            number(root, "baseline").fill(baseline)
            number(root, "mde").fill(mde)
            assert message.is_visible() and says in message.inner_text(), (baseline, mde)
            assert set(readout(root).values()) == {"\u2014"}
            assert root.locator("svg.explorable-chart").count() == 0
            assert "NaN" not in root.inner_text() and "Infinity" not in root.inner_text()
            enter(root, committed(NAME)["rows"][0])  # valid inputs again: the numbers return
            assert message.is_hidden() and shown(root, "n") == "851"
    finally:
        close(context, page)


def test_every_control_is_labelled_and_takes_the_keyboard(browser, site_url):
    context, page, root = open_explorable(browser, site_url, NAME)
    try:
        controls = root.locator("[data-control]")
        assert controls.count() == 4
        for i in range(4):
            assert controls.nth(i).evaluate("el => el.labels.length") == 1
        mde = number(root, "mde")
        mde.focus()
        page.keyboard.press("ArrowDown")  # 4 -> 3 points: a smaller MDE needs more customers
        assert mde.input_value() == "3"
        assert int(shown(root, "n").replace(",", "")) > 851
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.dataset.control") == "alpha"
    finally:
        close(context, page)


def test_on_a_phone_nothing_scrolls_sideways(browser, site_url):
    context, page, root = open_explorable(
        browser, site_url, NAME, viewport={"width": 375, "height": 800}
    )
    try:
        assert shown(root, "n") == "851"
        assert no_overflow(page)
    finally:
        close(context, page)
