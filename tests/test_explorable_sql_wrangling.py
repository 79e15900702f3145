"""The SQL chapter's explorable in a real browser: the row slider steps through one customer's
rows of the sessionisation query, and the timeout select switches between the result tables the
snippet got by running that query at each timeout
(snippets/sql-wrangling/sessionisation.py -> docs/assets/figures/sql-wrangling/session_gaps.json).
"""

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

NAME = "sql-wrangling/session_gaps"


def expected_readout(data: dict, k: int, i: int) -> dict[str, str]:
    """What the readout says for timeout ``k`` and row ``i``, looked up in the exported rows."""
    gap, limit, flag = data["gap_minutes"][i], data["timeouts"][k], data["is_new_session"][k][i]
    if gap is None:
        exceeds = "no previous event: prev_time IS NULL"
    elif flag == 1:
        exceeds = f"yes: {fmt(gap, 1)} > {fmt(limit)}"
    else:
        exceeds = f"no: {fmt(gap, 1)} \u2264 {fmt(limit)}"
    return {
        "event_time": data["event_time"][i],
        "prev_time": data["prev_time"][i] or "NULL",
        "gap": "NULL" if gap is None else fmt(gap, 1),
        "exceeds": exceeds,
        "flag": str(flag),
        "session": f"{fmt(data['session_no'][k][i])} (sum over rows 1\u2013{i + 1})",
        "sessions": f"{fmt(data['sessions'][k])} of {len(data['event_time'])} events",
    }


def table_rows(root) -> list[list[str]]:
    return root.locator("table.explorable-table tbody").evaluate(
        "body => [...body.rows].map(row => [...row.cells].map(cell => cell.innerText.trim()))"
    )


def test_the_row_slider_and_timeout_show_the_rows_the_query_returned(browser, site_url):
    data = committed(NAME)
    n = len(data["event_time"])
    context, page, root = open_explorable(browser, site_url, NAME)
    try:
        # The query on the page is the one the snippet ran, character for character.
        assert root.locator("pre code").text_content() == data["sql"]
        assert "ROWS UNBOUNDED PRECEDING" in data["sql"] and "LAG(event_time)" in data["sql"]
        for k, minutes in enumerate(data["timeouts"]):
            choose(root, "timeout", str(minutes))
            flags, numbers = data["is_new_session"][k], data["session_no"][k]
            assert table_rows(root) == [
                [
                    data["event_time"][j],
                    data["prev_time"][j] or "NULL",
                    "NULL" if data["gap_minutes"][j] is None else fmt(data["gap_minutes"][j], 1),
                    str(flags[j]),
                    str(numbers[j]),
                ]
                for j in range(n)
            ]
            starts = [j for j in range(1, n) if flags[j] == 1]
            stays = [j for j in range(n) if flags[j] == 0]
            for i in sorted({0, n - 1, *starts[:1], *stays[:2]}):
                move(root, "row", i)
                assert output(root, "row") == f"{i + 1} of {n}"
                for key, text in expected_readout(data, k, i).items():
                    assert shown(root, key) == text, (minutes, i, key)
                current = root.locator("tbody tr.explorable-current")
                assert current.count() == 1
                assert current.locator("th").inner_text().strip() == data["event_time"][i]
        # The lesson on the page: the timeout decides the sessions; at 30 minutes almost every
        # event of Lumen's log is a session of its own, at 7 days they merge into a few spells.
        assert data["timeouts"][0] == 30 and data["timeouts"][-1] == 7 * 24 * 60
        assert len(set(data["sessions"])) == len(data["sessions"])
        assert data["sessions"][0] >= n - 2 and data["sessions"][-1] <= n // 2
        keyboard_moves(page, root, "row")
        assert root.locator('select[data-control="timeout"]').evaluate("el => el.labels.length")
        assert axe_problems(page, NAME) == []
    finally:
        close(context, page)


def test_the_table_scrolls_inside_itself_on_a_phone(browser, site_url):
    context, page, root = open_explorable(
        browser, site_url, NAME, viewport={"width": 375, "height": 800}
    )
    try:
        move(root, "row", 5)
        assert no_overflow(page)
        wrap = root.locator(".explorable-table-wrap")
        assert wrap.evaluate("el => el.scrollWidth > el.clientWidth")  # it scrolls, the page not
    finally:
        close(context, page)
