"""The feature-engineering chapter's explorable in a real browser: the postcode-levels slider and
the encoding select show training AUC, held-out AUC and their gap, each as the snippet exported
them (snippets/feature-engineering/target_encoding_leak.py ->
docs/assets/figures/feature-engineering/target_encoding_gap.json)."""

from __future__ import annotations

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

NAME = "feature-engineering/target_encoding_gap"
ENCODINGS = ("in-sample", "out-of-fold")


def signed(value: float) -> str:
    """A gap as the page writes it: three decimals, a plus sign when positive."""
    return ("+" if value > 0 else "") + fmt(value, 3)


def test_the_levels_slider_and_encoding_select_show_the_exported_aucs(browser, site_url):
    data = committed(NAME)
    levels = data["levels"]
    context, page, root = open_explorable(browser, site_url, NAME)
    try:
        start = data["start"]
        assert output(root, "levels") == fmt(levels[start])
        assert root.locator('select[data-control="encoding"]').input_value() == "in-sample"
        assert shown(root, "gap") == signed(data["curves"]["in-sample"]["gap"][start])
        for kind in ENCODINGS:
            choose(root, "encoding", kind)
            curve = data["curves"][kind]
            for index in (0, len(levels) - 1, start):
                move(root, "levels", index)
                assert output(root, "levels") == fmt(levels[index])
                assert shown(root, "train") == fmt(curve["train"][index], 3), (kind, index)
                assert shown(root, "held_out") == fmt(curve["held_out"][index], 3), (kind, index)
                assert shown(root, "gap") == signed(curve["gap"][index]), (kind, index)
                assert shown(root, "seen") == fmt(data["levels_seen"][index])
                assert shown(root, "rows") == fmt(data["median_rows"][index])
        assert f"a gap of {signed(data['none']['gap'])}" in root.inner_text()
        # The lesson on the page: in-sample, the gap grows as levels get rarer and ends far above
        # the no-postcode gap; out-of-fold, it stays the model's own.
        leak, fixed = data["curves"]["in-sample"]["gap"], data["curves"]["out-of-fold"]["gap"]
        assert leak == sorted(leak) and leak[-1] > data["none"]["gap"] + 0.3
        assert all(abs(g - data["none"]["gap"]) < 0.02 for g in fixed)
        keyboard_moves(page, root, "levels")
        assert (
            root.locator('select[data-control="encoding"]').evaluate("el => el.labels.length") == 1
        )
        assert axe_problems(page, NAME) == []
    finally:
        close(context, page)


def test_no_sideways_scrolling_on_a_phone(browser, site_url):
    context, page, root = open_explorable(
        browser, site_url, NAME, viewport={"width": 375, "height": 800}
    )
    try:
        choose(root, "encoding", "out-of-fold")
        move(root, "levels", len(committed(NAME)["levels"]) - 1)
        assert no_overflow(page)
    finally:
        close(context, page)
