"""The bias-variance chapter's explorable in a real browser: the degree slider moves bias²,
variance, noise, their sum, the measured test error and the training error, each as the snippet
exported them (snippets/bias-variance/decomposition_simulation.py ->
docs/assets/figures/bias-variance/decomposition.json)."""

from __future__ import annotations

import pytest

from explorable_checks import (
    axe_problems,
    close,
    committed,
    keyboard_moves,
    move,
    open_explorable,
    output,
    shown,
)
from site_checks import no_overflow

pytestmark = [pytest.mark.build, pytest.mark.xdist_group("explorables")]
pytest.importorskip("playwright.sync_api")

NAME = "bias-variance/decomposition"


def test_the_degree_slider_shows_the_exported_decomposition(browser, site_url):
    data = committed(NAME)
    degrees, best = data["degrees"], data["best"]
    context, page, root = open_explorable(browser, site_url, NAME)
    try:
        assert output(root, "degree") == str(degrees[data["start"]])
        for index in (0, best - 1, best, best + 1, len(degrees) - 1, data["start"]):
            move(root, "degree", index)
            assert output(root, "degree") == str(degrees[index])
            for key in ("bias2", "variance", "noise", "sum"):
                assert shown(root, key) == f"{data[key][index]:.4f}", (key, index)
            assert shown(root, "test") == f"{data['test_mse'][index]:.4f}"
            assert shown(root, "se") == f"{data['se'][index]:.4f}"
            assert shown(root, "train") == f"{data['train_mse'][index]:.4f}"
            verdict = shown(root, "verdict")
            if index < best:
                assert verdict.startswith("Underfitting"), verdict
            elif index > best:
                assert verdict.startswith("Overfitting"), verdict
            else:
                assert verdict.startswith("The lowest expected test error"), verdict
        # The lesson on the page: bias² falls and variance rises with degree, their sum is
        # U-shaped with an interior minimum at the degree the hint names, and training error
        # keeps falling.
        assert data["bias2"][-1] < data["bias2"][0] / 100
        assert all(a < b for a, b in zip(data["variance"], data["variance"][1:], strict=False))
        assert min(range(len(degrees)), key=data["sum"].__getitem__) == best
        assert 0 < best < len(degrees) - 1
        assert all(a >= b for a, b in zip(data["train_mse"], data["train_mse"][1:], strict=False))
        hint = root.locator(".explorable-hint").first.inner_text()
        assert f"lowest at degree {best}" in hint
        keyboard_moves(page, root, "degree")
        assert axe_problems(page, NAME) == []
    finally:
        close(context, page)


def test_the_explorable_fits_a_phone_without_sideways_scrolling(browser, site_url):
    context, page, root = open_explorable(
        browser, site_url, NAME, viewport={"width": 375, "height": 800}
    )
    try:
        assert no_overflow(page)
        move(root, "degree", len(committed(NAME)["degrees"]) - 1)
        assert no_overflow(page)
    finally:
        close(context, page)
