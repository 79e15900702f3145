"""The metrics chapter's explorable in a real browser: the threshold slider moves the confusion
matrix, precision, recall and profit, each as the snippet exported them
(snippets/metrics/threshold_from_costs.py -> docs/assets/figures/metrics/profit_curve.json)."""

from __future__ import annotations

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
    pct,
    shown,
)
from site_checks import no_overflow

pytestmark = [pytest.mark.build, pytest.mark.xdist_group("explorables")]
pytest.importorskip("playwright.sync_api")

NAME = "metrics/profit_curve"


def test_the_threshold_slider_shows_the_exported_counts_and_profit(browser, site_url):
    data = committed(NAME)
    context, page, root = open_explorable(browser, site_url, NAME)
    try:
        start = data["start"]
        assert output(root, "threshold") == f"{data['thresholds'][start]:.4f}"
        best = max(range(len(data["profit"])), key=data["profit"].__getitem__)
        for index in (0, best, start, len(data["thresholds"]) - 1):
            move(root, "threshold", index)
            assert output(root, "threshold") == f"{data['thresholds'][index]:.4f}"
            for key in ("tp", "fp", "fn", "tn"):
                assert shown(root, key) == fmt(data[key][index]), (key, index)
            assert shown(root, "precision") == pct(data["precision"][index])
            assert shown(root, "recall") == pct(data["recall"][index])
            assert shown(root, "calls") == fmt(data["tp"][index] + data["fp"][index])
            assert shown(root, "profit") == fmt(data["profit"][index])
        # The lesson on the page: the best threshold earns far more than the default 0.5 does.
        assert data["profit"][best] > 5 * data["profit"][start]
        keyboard_moves(page, root, "threshold")
        assert axe_problems(page, NAME) == []
    finally:
        close(context, page)


def test_it_fits_a_phone(browser, site_url):
    context, page, root = open_explorable(
        browser, site_url, NAME, viewport={"width": 375, "height": 800}
    )
    try:
        move(root, "threshold", 0)
        assert no_overflow(page)
    finally:
        close(context, page)
