"""The interpretability chapter's explorable in a real browser: the customer picker shows that
customer's SHAP waterfall, base value, output and table of contributions, each as the snippet
exported them (snippets/interpretability/shap_churn_model.py ->
docs/assets/figures/interpretability/shap_waterfall.json)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from explorable_checks import axe_problems, choose, close, committed, fmt, open_explorable, shown
from site_checks import no_overflow

pytestmark = [pytest.mark.build, pytest.mark.xdist_group("explorables")]
pytest.importorskip("playwright.sync_api")

NAME = "interpretability/shap_waterfall"
VERMILION, BLUE = "#D55E00", "#0072B2"


def signed(value: float, digits: int) -> str:
    """A SHAP value as the page shows it: "+1.538", "\u22120.316", "0.000" (halves round up)."""
    text = f"{Decimal(abs(value)).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP):,}"
    if float(text.replace(",", "")) == 0:
        return text
    return ("+" if value > 0 else "\u2212") + text


def everything_shown(root) -> dict[str, str]:
    """Every readout and table cell (``data-value="<key>"``) at once, as ``shown`` reads one."""
    return root.locator("[data-value]").evaluate_all(
        "cells => Object.fromEntries(cells.map(c => [c.dataset.value, c.innerText.trim()]))"
    )


def percent(share: float) -> str:
    return fmt(float(Decimal(100 * share).quantize(Decimal("0.1"), ROUND_HALF_UP)), 1) + " %"


def test_each_customer_shows_the_exported_waterfall(browser, site_url):
    data = committed(NAME)
    names, customers = data["feature_names"], data["customers"]
    context, page, root = open_explorable(browser, site_url, NAME)
    try:
        select = root.locator('select[data-control="customer"]')
        assert select.input_value() == data["flagged"], "starts on the static figure's customer"
        options = select.locator("option").all_inner_texts()
        assert len(options) == len(customers) == 10
        for customer in customers:
            choose(root, "customer", customer["id"])
            on_page = everything_shown(root)  # one read rather than 31
            assert on_page["base"] == fmt(data["base"], 3)
            assert on_page["push"] == signed(customer["push"], 3)
            assert shown(root, "output") == fmt(customer["output"], 3)
            assert on_page["probability"] == percent(customer["probability"])
            for k, (j, value, phi) in enumerate(
                zip(customer["features"], customer["values"], customer["shap"], strict=True)
            ):
                assert on_page[f"feature-{k}"] == names[j], (customer["id"], k)
                assert on_page[f"value-{k}"] == value, (customer["id"], k)
                assert on_page[f"shap-{k}"] == signed(phi, 3), (customer["id"], k)
            assert on_page["feature-8"] == f"{data['other_count']} other features"
            assert on_page["shap-8"] == signed(customer["other"], 3)
            # The chart: one bar per row, vermilion where the push is up, blue where it is down.
            bars = root.locator("svg.explorable-chart rect[data-bar]")
            fills = bars.evaluate_all("rects => rects.map(r => r.getAttribute('fill'))")
            pushes = [*customer["shap"], customer["other"]]
            assert fills == [VERMILION if v > 0 else BLUE for v in pushes], customer["id"]
            label = root.locator("svg.explorable-chart").get_attribute("aria-label")
            assert customer["id"] in label and fmt(customer["output"], 2) in label
        # Additivity, on the exported numbers: base + the bars = the output, for every customer.
        for customer in customers:
            total = data["base"] + sum(customer["shap"]) + customer["other"]
            assert abs(total - customer["output"]) < 1e-4, customer["id"]
            assert abs(customer["push"] - (customer["output"] - data["base"])) < 1e-4
        # The lesson the hint states: from low to high risk, events_30d flips from pushing the
        # least risky customers down to pushing the riskiest up, and the top reason changes.
        events = names.index("events_30d")
        probabilities = [c["probability"] for c in customers]
        assert probabilities == sorted(probabilities)
        assert probabilities[0] < 0.01 and probabilities[-1] > 0.7
        for customer in customers[:3] + customers[-3:]:
            push = customer["shap"][customer["features"].index(events)]
            assert (push < 0) == (customer in customers[:3]), customer["id"]
        assert len({c["features"][0] for c in customers}) >= 4
        hint = root.locator(".explorable-hint").first.inner_text()
        assert "events_30d" in hint and "same base value" in hint
        assert "log-odds" in root.locator(".explorable-hint").nth(1).inner_text()
        # The picker takes the keyboard and has its label.
        select.focus()
        before = select.input_value()
        page.keyboard.press("ArrowUp" if before == customers[-1]["id"] else "ArrowDown")
        after = select.input_value()
        assert after != before, "an arrow key should pick the next customer"
        assert shown(root, "output") == fmt(
            next(c for c in customers if c["id"] == after)["output"], 3
        )
        assert select.evaluate("el => el.labels.length") == 1
        assert axe_problems(page, NAME) == []
    finally:
        close(context, page)


def test_the_explorable_fits_a_phone_without_sideways_scrolling(browser, site_url):
    context, page, root = open_explorable(
        browser, site_url, NAME, viewport={"width": 375, "height": 800}
    )
    try:
        assert no_overflow(page)
        for customer in committed(NAME)["customers"]:
            choose(root, "customer", customer["id"])
            assert no_overflow(page), customer["id"]
        width = root.locator("svg.explorable-chart").evaluate("el => el.viewBox.baseVal.width")
        assert width <= 375, "drawn at the phone's width, so its text stays legible"
    finally:
        close(context, page)
