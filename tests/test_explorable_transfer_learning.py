"""The transfer-learning chapter's explorable in a real browser: the labels slider moves the three
methods' accuracies (mean and seed range), their lead over scratch and the winner, each as the
snippet exported them (snippets/transfer-learning/transfer_vs_scratch.py ->
docs/assets/figures/transfer-learning/accuracy_vs_labels.json)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from explorable_checks import (
    axe_problems,
    close,
    committed,
    fmt,
    keyboard_moves,
    move,
    open_explorable,
    output,
    shown,
)
from site_checks import no_overflow

pytestmark = [pytest.mark.build, pytest.mark.xdist_group("explorables")]
pytest.importorskip("playwright.sync_api")

NAME = "transfer-learning/accuracy_vs_labels"
LABELS = {
    "scratch": "from scratch",
    "frozen": "frozen + new head",
    "fine-tuned": "full fine-tuning",
}


def acc(value: float) -> str:
    """As JavaScript's toFixed(3) writes it: the float's exact value, halves rounded up."""
    return str(Decimal(value).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP))


def signed(value: float) -> str:
    text = acc(abs(value))
    if float(text) == 0:
        return text
    return ("\u2212" if value < 0 else "+") + text


def test_the_labels_slider_shows_the_exported_accuracies(browser, site_url):
    data = committed(NAME)
    sizes, seeds = data["sizes"], data["seeds"]
    context, page, root = open_explorable(browser, site_url, NAME)
    try:
        assert output(root, "labels") == fmt(sizes[0])
        for index in (len(sizes) - 1, *range(len(sizes))):
            move(root, "labels", index)
            assert output(root, "labels") == fmt(sizes[index])
            for key in LABELS:
                assert shown(root, f"mean-{key}") == acc(data["mean"][key][index])
                low, high = data["min"][key][index], data["max"][key][index]
                assert shown(root, f"range-{key}") == f"{acc(low)}\u2013{acc(high)}"
            for key in ("frozen", "fine-tuned"):
                assert shown(root, f"gain-{key}") == signed(data["gain"][key][index])
                assert shown(root, f"wins-{key}") == f"{data['wins'][key][index]} of {seeds}"
            best = data["winner"][index]
            assert shown(root, "winner") == LABELS[best]
            assert shown(root, "lead") == signed(data["lead"][index])
            current = root.locator("tr.explorable-current th")
            assert current.count() == 1 and current.inner_text().strip() == LABELS[best]
        # The hint's lesson, on the exported grid: over 0.10 ahead at 20 and 50 labels, under 0.01
        # by 1,000, where frozen features fall below scratch and fine-tuning wins.
        lead, gain = data["lead"], data["gain"]
        assert min(lead[:2]) > 0.10 and lead[1] > lead[2] > lead[3]
        assert abs(gain["frozen"][-1]) < 0.01 and abs(gain["fine-tuned"][-1]) < 0.01
        assert gain["frozen"][-1] < 0 < gain["fine-tuned"][-1]
        assert data["winner"][-1] == "fine-tuned"
        keyboard_moves(page, root, "labels")
        assert axe_problems(page, NAME) == []
    finally:
        close(context, page)


def test_the_explorable_fits_a_phone(browser, site_url):
    context, page, root = open_explorable(
        browser, site_url, NAME, viewport={"width": 375, "height": 800}
    )
    try:
        move(root, "labels", len(committed(NAME)["sizes"]) - 1)
        assert no_overflow(page)
        assert axe_problems(page, NAME) == []  # the table scrolls in its wrap here
    finally:
        close(context, page)
