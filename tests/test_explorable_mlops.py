"""The MLOps chapter's explorable in a real browser: the mean-shift slider and the window-size
select move PSI, the KS statistic and the KS p-value, each as the snippet exported them
(snippets/mlops/drift_monitoring.py -> docs/assets/figures/mlops/drift_over_time.json)."""

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

NAME = "mlops/drift_over_time"
SUPERSCRIPT = str.maketrans(
    "-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
)


def pvalue(p: float) -> str:
    """A p-value as mlops.js writes it: 3 decimals, else "m × 10⁻ᵉ"; 0 is an underflow."""
    if p == 0:
        return "< 10" + "-300".translate(SUPERSCRIPT)
    if p >= 0.001:
        return f"{p:.3f}"
    mantissa, exponent = f"{p:.1e}".split("e")
    return f"{mantissa} \u00d7 10" + str(int(exponent)).translate(SUPERSCRIPT)


def band(psi: float) -> str:
    return "major (0.25+)" if psi >= 0.25 else "moderate (0.1+)" if psi >= 0.1 else "below 0.1"


def test_the_shift_and_size_controls_show_the_exported_psi_and_ks_test(browser, site_url):
    data = committed(NAME)
    shifts, sizes = data["shifts"], data["sizes"]
    context, page, root = open_explorable(browser, site_url, NAME)
    try:
        start = data["start"]
        assert output(root, "shift") == f"{shifts[start['shift']]:.3f} SD"
        assert root.locator('select[data-control="size"]').input_value() == str(start["size"])
        for j, n in enumerate(sizes):
            choose(root, "size", str(j))
            for i in (0, 1, start["shift"], len(shifts) // 2, len(shifts) - 1):
                move(root, "shift", i)
                assert output(root, "shift") == f"{shifts[i]:.3f} SD"
                psi, p = data["psi"][j][i], data["ks_p"][j][i]
                assert shown(root, "psi") == f"{psi:.4f}", (n, i)
                assert shown(root, "psi_band") == band(psi), (n, i)
                assert shown(root, "psi_null") == f"{data['null_psi'][j]:.4f}"
                assert shown(root, "ks_d") == f"{data['ks_d'][j][i]:.3f}", (n, i)
                assert shown(root, "ks_p") == pvalue(p), (n, i)
                assert shown(root, "ks_call") == ("significant" if p < 0.05 else "not significant")
        assert root.locator('select[data-control="size"] option').all_inner_texts() == [
            fmt(n) for n in sizes
        ]
        # The lesson on the page: the smallest shift is "significant" with the largest windows
        # and not with the smallest, while PSI calls it negligible; PSI barely depends on n.
        move(root, "shift", 1)
        choose(root, "size", str(len(sizes) - 1))
        assert shown(root, "ks_call") == "significant" and shown(root, "psi_band") == "below 0.1"
        choose(root, "size", "0")
        assert shown(root, "ks_call") == "not significant"
        assert abs(data["psi"][-1][-1] - data["psi"][-2][-1]) < 0.1 * data["psi"][-1][-1]
        keyboard_moves(page, root, "shift")
        size = root.locator('select[data-control="size"]')
        size.focus()
        page.keyboard.press("ArrowDown")  # a native select: the arrow keys pick the next size
        assert size.input_value() == "1" and size.evaluate("el => el.labels.length") == 1
        assert shown(root, "psi_null") == f"{data['null_psi'][1]:.4f}"
        assert axe_problems(page, NAME) == []
    finally:
        close(context, page)


def test_the_explorable_fits_a_phone(browser, site_url):
    context, page, root = open_explorable(
        browser, site_url, NAME, viewport={"width": 375, "height": 800}
    )
    try:
        move(root, "shift", len(committed(NAME)["shifts"]) - 1)
        assert no_overflow(page)
    finally:
        close(context, page)
