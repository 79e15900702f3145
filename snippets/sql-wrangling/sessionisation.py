"""Sessionisation: group each customer's events into sessions split by inactivity gaps.

The pattern: LAG gives the previous event's time, a gap above a threshold flags a new session,
and a running SUM of the flags numbers the sessions. We first run it with the web-analytics
threshold of 30 minutes on a small clickstream that has real sessions, and check the sessions it
finds. Then on Lumen: the simulator spreads a customer's events across the day with no session
structure, so 30-minute sessions are nearly all single events. We look at the gap distribution,
reuse the same query with a 7-day threshold to find usage spells, and check them against pandas.
"""

import duckdb
import numpy as np
import pandas as pd

from churn_case_study import clean_usage_events, generate
from guide_tools.figures import PALETTE, new_figure, save_figure

data = generate(seed=0)
events = clean_usage_events(data.usage_events)  # duplicates removed first
con = duckdb.connect(config={"threads": 1})
con.register("events_clean", events)

# --8<-- [start:sessionise]
SESSIONS = """
    WITH ordered AS (
        SELECT customer_id, event_id, event_time,
               LAG(event_time) OVER (PARTITION BY customer_id
                                     ORDER BY event_time, event_id) AS prev_time
        FROM events_clean
    ),
    flagged AS (
        SELECT *,
               CASE WHEN prev_time IS NULL
                      OR event_time - prev_time > to_minutes($gap_minutes)
                    THEN 1 ELSE 0 END AS is_new_session
        FROM ordered
    ),
    numbered AS (
        SELECT *,
               CAST(SUM(is_new_session) OVER (PARTITION BY customer_id
                                              ORDER BY event_time, event_id  -- unique order
                                              ROWS UNBOUNDED PRECEDING) AS INTEGER) AS session_no
        FROM flagged
    )
    SELECT customer_id, session_no,
           MIN(event_time) AS started,
           MAX(event_time) AS ended,
           COUNT(*)        AS events
    FROM numbered
    GROUP BY customer_id, session_no
"""


def sessionise(db: duckdb.DuckDBPyConnection, gap_minutes: int) -> pd.DataFrame:
    result = db.sql(SESSIONS, params={"gap_minutes": gap_minutes}).df()
    return result.sort_values(["customer_id", "session_no"], ignore_index=True)


# A web clickstream with real sessions. A: gaps of 12, 23, 85 and 5 minutes; B: one of 50.
clicks = pd.DataFrame(
    {
        "customer_id": ["A", "A", "A", "A", "A", "B", "B"],
        "event_id": range(1, 8),
        "event_time": pd.to_datetime("2025-03-01")
        + pd.to_timedelta([540, 552, 575, 660, 665, 540, 590], unit="min"),  # 09:00, 09:12, ...
    }
)
web = duckdb.connect(config={"threads": 1})
web.register("events_clean", clicks)  # same table name, so the same query runs unchanged
toy = sessionise(web, 30)
print(toy.to_string(index=False))
# > customer_id  session_no             started               ended  events
# >           A           1 2025-03-01 09:00:00 2025-03-01 09:35:00       3
# >           A           2 2025-03-01 11:00:00 2025-03-01 11:05:00       2
# >           B           1 2025-03-01 09:00:00 2025-03-01 09:00:00       1
# >           B           2 2025-03-01 09:50:00 2025-03-01 09:50:00       1
web.close()
web_style = sessionise(con, 30)  # con holds the cleaned Lumen events
print(f"30-minute sessions: {len(web_style):,}, single-event: {(web_style.events == 1).mean():.1%}")
# > 30-minute sessions: 358,866, single-event: 98.7%
# --8<-- [end:sessionise]
assert toy["events"].tolist() == [3, 2, 1, 1], "a gap over 30 minutes starts a new session"
assert (web_style["events"] == 1).mean() > 0.95, "Lumen's log is too sparse for web sessions"

# --8<-- [start:gaps]
gaps = (
    con.sql("""
    SELECT date_diff('second',
                     LAG(event_time) OVER (PARTITION BY customer_id ORDER BY event_time, event_id),
                     event_time) / 3600.0 AS gap_hours
    FROM events_clean
""")
    .df()["gap_hours"]
    .dropna()
)
short = (gaps < 0.5).mean()
print(f"gap between a customer's events: median {gaps.median():.0f} h, {short:.1%} under 30 min")
# > gap between a customer's events: median 40 h, 1.3% under 30 min
spells = sessionise(con, 7 * 24 * 60)  # a new spell after 7 days without any event
spells["days"] = (spells["ended"].dt.normalize() - spells["started"].dt.normalize()).dt.days + 1
n_customers, median_days = spells["customer_id"].nunique(), spells["days"].median()
print(f"7-day spells: {len(spells):,}, {n_customers:,} customers, median {median_days:.0f} days")
# > 7-day spells: 43,670, 4,854 customers, median 7 days
# --8<-- [end:gaps]

# --8<-- [start:pandas_check]
ordered = events.sort_values(["customer_id", "event_time", "event_id"])
gap = ordered["event_time"] - ordered.groupby("customer_id")["event_time"].shift()
is_new = gap.isna() | (gap > pd.Timedelta(days=7))  # NaT: first event of a customer
ordered["session_no"] = is_new.astype(int).groupby(ordered["customer_id"]).cumsum()
pandas_spells = ordered.groupby(["customer_id", "session_no"]).size().rename("events")
sql_spells = spells.set_index(["customer_id", "session_no"])["events"].sort_index()
print(pandas_spells.index.equals(sql_spells.index) and (pandas_spells == sql_spells).all())
# > True
# --8<-- [end:pandas_check]
assert len(spells) < len(web_style) / 5
con.close()

fig, (left, right) = new_figure(1, 2, width=9.5, height=3.8)
bins = np.logspace(np.log10(1 / 60), np.log10(gaps.max()), 60)
left.hist(gaps, bins=bins, color=PALETTE["blue"])
left.set_xscale("log")
for hours, label in ((0.5, "30 min"), (7 * 24, "7 days")):
    left.axvline(hours, color=PALETTE["vermilion"], ls="--", lw=1.2)
    left.annotate(label, (hours, left.get_ylim()[1] * 0.92), xytext=(4, 0),
                  textcoords="offset points", color=PALETTE["vermilion"])  # fmt: skip
left.set_xticks([1 / 60, 1, 24, 24 * 7, 24 * 60], labels=["1 min", "1 h", "1 day", "1 wk", "60 d"])
left.set_xlabel("gap to the customer's previous event (log scale)")
left.set_ylabel("events")
left.set_title("Gaps between events")
right.hist(spells["days"].clip(upper=90), bins=np.arange(1, 92, 3), color=PALETTE["green"])
right.set_xlabel("spell length, days (90+ in the last bar)")
right.set_ylabel("spells")
right.set_title("Usage spells (split at 7 idle days)")
save_figure(fig, "sql-wrangling/session_gaps")
