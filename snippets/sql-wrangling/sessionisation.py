"""Sessionisation: group each customer's events into sessions split by inactivity gaps.

The pattern: LAG gives the previous event's time, a gap above a threshold flags a new session,
and a running SUM of the flags numbers the sessions. We first run it with the web-analytics
threshold of 30 minutes on a small clickstream that has real sessions, and check the sessions it
finds. Then on Lumen: the simulator spreads a customer's events across the day with no session
structure, so 30-minute sessions are nearly all single events. We look at the gap distribution,
reuse the same query with a 7-day threshold to find usage spells, and check them against pandas.
"""

import textwrap

import duckdb
import numpy as np
import pandas as pd

from churn_case_study import clean_usage_events, generate
from guide_tools.explorables import save_explorable
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

# Explorable: one customer's rows of the `numbered` step, as the query really returns them, for
# each timeout the page offers (guide_tools.explorables; the page only looks these up). The rows
# query is SESSIONS's CTEs, only dedented, with a row-level SELECT in place of the GROUP BY.
TIMEOUTS = {30: "30 minutes (web default)", 24 * 60: "1 day", 7 * 24 * 60: "7 days (spells)"}
cte = textwrap.dedent(SESSIONS[: SESSIONS.rindex("SELECT customer_id, session_no")]).lstrip()
ROWS = cte + textwrap.dedent("""\
    SELECT event_id, event_time, prev_time,
           ROUND(date_diff('second', prev_time, event_time) / 60.0, 1) AS gap_minutes,
           is_new_session, session_no
    FROM numbered
    WHERE customer_id = $customer
    ORDER BY event_time, event_id
""")
# The customer: the first whose whole history is 12-18 events, with a gap under 30 minutes, and
# whose session count differs at every timeout (pandas `gap` from the check above picks it).
per_customer = gap.groupby(ordered["customer_id"])
flags = {t: gap.isna() | (gap > pd.Timedelta(minutes=t)) for t in TIMEOUTS}
counts = pd.DataFrame(flags).groupby(ordered["customer_id"]).sum()  # sessions per timeout
fits = (
    per_customer.size().between(12, 18)
    & (per_customer.min() < pd.Timedelta(minutes=30))
    & (counts.nunique(axis=1) == len(TIMEOUTS))
)
customer = fits[fits].index[0]
db = duckdb.connect(config={"threads": 1})
db.register("events_clean", events)
one = duckdb.connect(config={"threads": 1})
one.register("events_clean", events[events["customer_id"] == customer])  # SESSIONS unchanged
tables, sessions = [], []
for minutes in TIMEOUTS:
    rows = db.sql(ROWS, params={"gap_minutes": minutes, "customer": customer}).df()
    grouped = sessionise(one, minutes)  # the chapter's query: one row per session
    assert len(rows) == (events["customer_id"] == customer).sum(), "the customer's whole history"
    assert rows["session_no"].tolist() == rows["is_new_session"].cumsum().tolist()
    assert rows.groupby("session_no").size().tolist() == grouped["events"].tolist()
    assert not rows["gap_minutes"].isin(list(TIMEOUTS)).any(), "no gap shown equal to a timeout"
    tables.append(rows)
    sessions.append(len(grouped))
for minutes, found in ((30, web_style), (7 * 24 * 60, spells)):  # the full-table runs above agree
    assert found.loc[found["customer_id"] == customer, "events"].tolist() == (
        tables[list(TIMEOUTS).index(minutes)].groupby("session_no").size().tolist()
    )
assert sessions == sorted(sessions, reverse=True) and len(set(sessions)) == len(sessions)
assert sessions[0] >= len(tables[0]) - 2, "at 30 minutes nearly every event is its own session"
first, shared = tables[0], ["event_id", "event_time", "prev_time", "gap_minutes"]
assert all(t[shared].equals(first[shared]) for t in tables), "LAG does not depend on the timeout"


def stamps(column: pd.Series) -> list[str | None]:
    return [None if pd.isna(v) else f"{v:%Y-%m-%d %H:%M:%S}" for v in column]


save_explorable(
    "sql-wrangling/session_gaps",
    {
        "sql": ROWS,
        "customer": customer,
        "timeouts": list(TIMEOUTS),
        "labels": list(TIMEOUTS.values()),
        "event_id": first["event_id"],
        "event_time": stamps(first["event_time"]),
        "prev_time": stamps(first["prev_time"]),
        "gap_minutes": [None if pd.isna(v) else float(v) for v in first["gap_minutes"]],
        "is_new_session": [t["is_new_session"].tolist() for t in tables],
        "session_no": [t["session_no"].tolist() for t in tables],
        "sessions": sessions,
    },
)
db.close()
one.close()
