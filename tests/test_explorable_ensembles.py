"""The ensembles chapter's explorable in a real browser: the learning-rate select and the
number-of-trees slider show the training and validation log loss there, and the rate's best
number of trees and its validation loss, each as the snippet exported them
(snippets/ensembles/early_stopping_churn.py ->
docs/assets/figures/ensembles/early_stopping.json)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from explorable_checks import (
    axe_problems,
    choose,
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

NAME = "ensembles/early_stopping"


def trees_text(n: int) -> str:
    return "1 tree" if n == 1 else f"{fmt(n)} trees"


def test_the_rate_and_trees_show_the_exported_losses(browser, site_url):
    data = committed(NAME)
    trees, rates = data["trees"], data["rates"]
    context, page, root = open_explorable(browser, site_url, NAME)
    try:
        start_rate = data["start_rate"]
        assert root.locator('select[data-control="rate"]').input_value() == str(start_rate)
        assert output(root, "trees") == fmt(trees[data["start"]])
        assert shown(root, "train") == f"{data['train'][start_rate][data['start']]:.4f}"
        for r, rate in enumerate(rates):
            choose(root, "rate", str(r))
            best = data["best_trees"][r]
            assert shown(root, "best_trees") == trees_text(best)
            assert shown(root, "best_valid") == f"{data['best_valid'][r]:.4f}"
            assert shown(root, f"table-trees-{r}") == fmt(best)
            assert shown(root, f"table-loss-{r}") == f"{data['best_valid'][r]:.4f}"
            row = root.locator(".explorable-current")
            assert row.count() == 1 and row.locator("th").inner_text().strip() == str(rate)
            at_best = trees.index(best)
            for index in (0, at_best, data["start"], len(trees) - 1):
                move(root, "trees", index)
                assert output(root, "trees") == fmt(trees[index])
                assert shown(root, "train") == f"{data['train'][r][index]:.4f}", (rate, index)
                assert shown(root, "valid") == f"{data['valid'][r][index]:.4f}", (rate, index)
            # The rate's best is the lowest validation loss on its curve.
            assert data["valid"][r][at_best] == data["best_valid"][r]
            assert min(data["valid"][r]) == data["best_valid"][r]
            # The hint's first lesson: past the optimum training loss keeps falling while
            # validation loss rises.
            train = data["train"][r]
            assert all(a > b for a, b in pairwise(train))
            assert data["valid"][r][-1] > data["best_valid"][r]
        # Its second: smaller rates need more trees and reach a slightly lower optimum.
        assert rates == sorted(rates, reverse=True)
        assert data["best_trees"] == sorted(data["best_trees"])
        assert data["best_valid"] == sorted(data["best_valid"], reverse=True)
        hint = root.locator(".explorable-hint").first.inner_text()
        assert "training loss keeps falling while validation loss rises" in hint
        assert "the optimum needs more trees and sits slightly lower" in hint
        keyboard_moves(page, root, "trees")
        assert axe_problems(page, NAME) == []
    finally:
        close(context, page)


def test_the_explorable_fits_a_phone_without_sideways_scrolling(browser, site_url):
    context, page, root = open_explorable(
        browser, site_url, NAME, viewport={"width": 375, "height": 800}
    )
    try:
        assert no_overflow(page)
        choose(root, "rate", "0")
        move(root, "trees", len(committed(NAME)["trees"]) - 1)
        assert no_overflow(page)
    finally:
        close(context, page)
