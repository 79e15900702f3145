"""Ten interview-style SQL exercises on the Lumen tables, each solved in DuckDB SQL and checked
against an independent pandas computation of the same answer.

The page shows each solution inside a follow-up question; the pandas checks after each section
are what make the solutions trustworthy.
"""

import duckdb
import numpy as np
import pandas as pd

from churn_case_study import clean_customers, clean_usage_events, generate
from churn_case_study.constants import DATA_CUTOFF, FX_TO_LOCAL

data = generate(seed=0)
customers = clean_customers(data.customers)
events = clean_usage_events(data.usage_events)
subs, payments, tickets = data.subscriptions, data.payments, data.support_tickets
con = duckdb.connect(config={"threads": 1})
for name, frame in data.as_dict().items():
    con.register(name, frame)
con.register("customers_clean", customers)
con.register("events_clean", events)
fx = pd.DataFrame({"currency": list(FX_TO_LOCAL), "usd_to_local": list(FX_TO_LOCAL.values())})
con.register("fx", fx)


def sql(query: str) -> pd.DataFrame:
    return con.sql(query).df()


# --8<-- [start:churn_by_group]
churn = sql("""
    SELECT s.plan, c.acquisition_channel AS channel,
           COUNT(*) AS subscriptions,
           AVG(CASE WHEN s.end_date < s.start_date + INTERVAL 180 DAY
                    THEN 1.0 ELSE 0.0 END) AS churn_180d  -- NULL end_date falls to ELSE
    FROM subscriptions AS s
    JOIN customers_clean AS c USING (customer_id)
    WHERE s.start_date < TIMESTAMP '2025-01-01'
    GROUP BY s.plan, c.acquisition_channel
    HAVING COUNT(*) >= 100                                -- filters groups, after GROUP BY
    ORDER BY churn_180d DESC
""")
print(churn.head(3).to_string(index=False, float_format="{:.1%}".format))
# >  plan     channel  subscriptions  churn_180d
# > basic      social            127       54.3%
# > basic     partner            122       49.2%
# > basic paid_search            235       34.9%
# --8<-- [end:churn_by_group]
s24 = subs[subs["start_date"] < "2025-01-01"].merge(customers, on="customer_id")
s24 = s24.assign(churned=s24["end_date"] < s24["start_date"] + pd.Timedelta(days=180))
grouped = s24.groupby(["plan", "acquisition_channel"])["churned"].agg(["size", "mean"])
grouped = grouped[grouped["size"] >= 100].sort_values("mean", ascending=False)
assert np.allclose(grouped["mean"], churn["churn_180d"]) and len(grouped) == len(churn)
# An open subscription counts as "not churned within 180 days" only because every 2024 start
# has been observed for more than a year (the data runs up to DATA_CUTOFF, 2026-01-01).
assert (DATA_CUTOFF - s24["start_date"]).dt.days.min() > 365

# --8<-- [start:active_by_month]
active = sql("""
    WITH months AS (
        SELECT month
        FROM generate_series(TIMESTAMP '2025-01-01', TIMESTAMP '2025-12-01', INTERVAL 1 MONTH)
             AS t(month)
    ),
    counts AS (
        SELECT m.month, COUNT(s.subscription_id) AS active   -- 0, not 1, for an empty month
        FROM months AS m
        LEFT JOIN subscriptions AS s
          ON s.start_date <= m.month
         AND (s.end_date IS NULL OR s.end_date > m.month)    -- end_date: first day without
        GROUP BY m.month
    )
    SELECT strftime(month, '%Y-%m') AS month, active,
           active - LAG(active) OVER (ORDER BY month) AS change
    FROM counts
    ORDER BY month
""")
print(active.tail(3).to_string(index=False))
# >   month  active  change
# > 2025-10    2725     127
# > 2025-11    2795      70
# > 2025-12    2900     105
# --8<-- [end:active_by_month]
for _, row in active.iterrows():
    day = pd.Timestamp(row["month"] + "-01")
    live = (subs["start_date"] <= day) & (subs["end_date"].isna() | (subs["end_date"] > day))
    assert live.sum() == row["active"]
assert (active["change"].iloc[1:].to_numpy() == active["active"].diff().iloc[1:].to_numpy()).all()

# --8<-- [start:three_failures]
involuntary = sql("""
    WITH attempts AS (
        SELECT subscription_id, status,
               COUNT(*) FILTER (WHERE status = 'failed') OVER (
                   PARTITION BY subscription_id ORDER BY billed_at, payment_id
                   ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS failed_of_last_3,
               ROW_NUMBER() OVER (PARTITION BY subscription_id
                                  ORDER BY billed_at DESC, payment_id DESC) AS from_the_end
        FROM payments
    )
    SELECT subscription_id
    FROM attempts
    WHERE from_the_end = 1 AND failed_of_last_3 = 3
""")
labelled = set(subs.loc[subs["cancel_reason"] == "payment_failed", "subscription_id"])
print(f"{len(involuntary)} subscriptions; same set as cancel_reason = 'payment_failed':", end=" ")
# > 361 subscriptions; same set as cancel_reason = 'payment_failed':
print(set(involuntary["subscription_id"]) == labelled)
# > True
# --8<-- [end:three_failures]
last3 = (
    payments.sort_values("billed_at")
    .groupby("subscription_id")["status"]
    .apply(lambda s: list(s.iloc[-3:]) == ["failed"] * 3)
)
assert set(last3[last3].index) == labelled == set(involuntary["subscription_id"])

# --8<-- [start:longest_streak]
streaks = sql("""
    WITH days AS (
        SELECT DISTINCT customer_id, CAST(event_time AS DATE) AS day
        FROM events_clean
    ),
    islands AS (        -- consecutive days minus their row number give a constant per run
        SELECT customer_id, day,
               day - CAST(ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY day) AS INTEGER)
                   AS island
        FROM days
    )
    SELECT customer_id, COUNT(*) AS streak_days, MIN(day) AS first_day
    FROM islands
    GROUP BY customer_id, island
    QUALIFY ROW_NUMBER() OVER (PARTITION BY customer_id
                               ORDER BY streak_days DESC, first_day) = 1
    ORDER BY streak_days DESC, customer_id
""")
print(streaks.head(3).to_string(index=False))
# > customer_id  streak_days  first_day
# >     C002329           43 2025-11-08
# >     C003959           34 2025-10-30
# >     C003178           29 2025-09-20
# --8<-- [end:longest_streak]
days = events.assign(day=events["event_time"].dt.normalize())[["customer_id", "day"]]
days = days.drop_duplicates().sort_values(["customer_id", "day"])
step = days.groupby("customer_id")["day"].diff() != pd.Timedelta(days=1)
run = step.astype(int).groupby(days["customer_id"]).cumsum()
longest = days.groupby([days["customer_id"], run]).size().groupby(level=0).max()
got = streaks.set_index("customer_id")["streak_days"]
assert longest.sort_index().equals(got.sort_index().rename(None).astype(longest.dtype))

# --8<-- [start:funnel]
funnel = sql("""
    WITH first_week AS (
        SELECT e.customer_id, e.event_type, e.event_time
        FROM customers_clean AS c
        JOIN events_clean AS e USING (customer_id)
        WHERE c.signup_date >= TIMESTAMP '2025-01-01'
          AND e.event_time < c.signup_date + INTERVAL 7 DAY
    ),
    started AS (
        SELECT customer_id, MIN(event_time) AS at
        FROM first_week WHERE event_type = 'lesson_started'
        GROUP BY customer_id
    ),
    completed AS (      -- a completion after the first start
        SELECT w.customer_id, MIN(w.event_time) AS at
        FROM first_week AS w JOIN started AS s USING (customer_id)
        WHERE w.event_type = 'lesson_completed' AND w.event_time > s.at
        GROUP BY w.customer_id
    ),
    quizzed AS (        -- a quiz after that completion
        SELECT w.customer_id
        FROM first_week AS w JOIN completed AS c USING (customer_id)
        WHERE w.event_type = 'quiz_attempt' AND w.event_time > c.at
        GROUP BY w.customer_id
    )
    SELECT (SELECT COUNT(*) FROM customers_clean
            WHERE signup_date >= TIMESTAMP '2025-01-01') AS signed_up,
           (SELECT COUNT(*) FROM started)               AS started_lesson,
           (SELECT COUNT(*) FROM completed)             AS completed_lesson,
           (SELECT COUNT(*) FROM quizzed)               AS took_quiz
""")
print(funnel.to_string(index=False))
# >  signed_up  started_lesson  completed_lesson  took_quiz
# >       2902            1204               302         50
# --8<-- [end:funnel]
new = customers[customers["signup_date"] >= "2025-01-01"]
week = events.merge(new[["customer_id", "signup_date"]], on="customer_id")
week = week[week["event_time"] < week["signup_date"] + pd.Timedelta(days=7)]


def first_after(kind: str, after: pd.Series) -> pd.Series:
    rows = week[week["event_type"] == kind].join(after.rename("after"), on="customer_id")
    return rows[rows["event_time"] > rows["after"]].groupby("customer_id")["event_time"].min()


t1 = week[week["event_type"] == "lesson_started"].groupby("customer_id")["event_time"].min()
t2 = first_after("lesson_completed", t1)
t3 = first_after("quiz_attempt", t2)
assert funnel.iloc[0].tolist() == [len(new), len(t1), len(t2), len(t3)]

# --8<-- [start:pivot]
pivot = sql("""
    PIVOT (SELECT c.device, e.event_type
           FROM events_clean AS e JOIN customers_clean AS c USING (customer_id))
    ON event_type IN ('app_open', 'lesson_started', 'quiz_attempt', 'download')
    USING COUNT(*)
    GROUP BY device
    ORDER BY device
""")
portable = sql("""
    SELECT c.device,
           COUNT(*) FILTER (WHERE e.event_type = 'app_open')       AS app_open,
           COUNT(*) FILTER (WHERE e.event_type = 'lesson_started') AS lesson_started,
           SUM(CASE WHEN e.event_type = 'quiz_attempt' THEN 1 ELSE 0 END) AS quiz_attempt,
           SUM(CASE WHEN e.event_type = 'download' THEN 1 ELSE 0 END)     AS download
    FROM events_clean AS e JOIN customers_clean AS c USING (customer_id)
    GROUP BY c.device
    ORDER BY c.device
""")
print(pivot.to_string(index=False))
# >  device  app_open  lesson_started  quiz_attempt  download
# > android     37427           32001         12611      8914
# >     ios     44457           37217         14845     10333
# >     web     26629           22260          8894         0
# --8<-- [end:pivot]
pd.testing.assert_frame_equal(pivot, portable, check_dtype=False)
with_device = events.merge(customers[["customer_id", "device"]], on="customer_id")
crosstab = pd.crosstab(with_device["device"], with_device["event_type"])[pivot.columns[1:]]
assert (crosstab.to_numpy() == pivot.iloc[:, 1:].to_numpy()).all()

# --8<-- [start:resolution_time]
resolution = sql("""
    SELECT category,
           COUNT(*) AS tickets,
           PERCENTILE_CONT(0.5) WITHIN GROUP (
               ORDER BY date_diff('second', created_at, resolved_at) / 3600.0
           ) AS median_hours,                          -- open tickets (NULL) are skipped
           AVG(CASE WHEN resolved_at IS NULL THEN 1.0 ELSE 0.0 END) AS still_open
    FROM support_tickets
    GROUP BY category
    ORDER BY median_hours
""")
shown = {"median_hours": "{:.1f}".format, "still_open": "{:.1%}".format}
print(resolution.to_string(index=False, formatters=shown))
# >     category  tickets median_hours still_open
# > cancellation      353          4.0       4.2%
# >       how_to      632          6.4       4.0%
# >      billing     1056         12.3       2.9%
# >          bug     1876         46.7       4.6%
# --8<-- [end:resolution_time]
hours = (tickets["resolved_at"] - tickets["created_at"]).dt.total_seconds() / 3600
expected = hours.groupby(tickets["category"]).median().sort_values()
assert np.allclose(expected.to_numpy(), resolution["median_hours"].to_numpy())
assert list(expected.index) == resolution["category"].tolist()

# --8<-- [start:winback_plans]
winback = sql("""
    WITH numbered AS (
        SELECT customer_id, plan, start_date,
               ROW_NUMBER() OVER (PARTITION BY customer_id
                                  ORDER BY start_date, subscription_id) AS n
        FROM subscriptions
    )
    SELECT prev.plan AS left_plan, nxt.plan AS came_back_on, COUNT(*) AS returns
    FROM numbered AS prev
    JOIN numbered AS nxt                 -- self-join: each subscription to the next one
      ON nxt.customer_id = prev.customer_id AND nxt.n = prev.n + 1
    GROUP BY ALL
    ORDER BY returns DESC, left_plan, came_back_on
""")
print(winback.head(4).to_string(index=False))
# > left_plan came_back_on  returns
# >     basic        basic       44
# >     basic     standard       42
# >     basic      premium       38
# >  standard     standard       37
# --8<-- [end:winback_plans]
ordered = subs.sort_values(["customer_id", "start_date"])
ordered = ordered.assign(next_plan=ordered.groupby("customer_id")["plan"].shift(-1))
pairs = ordered.dropna(subset=["next_plan"]).groupby(["plan", "next_plan"]).size()
assert pairs.sum() == winback["returns"].sum() == len(subs) - subs["customer_id"].nunique()
assert all(
    pairs[(r.left_plan, r.came_back_on)] == r.returns for r in winback.itertuples(index=False)
)
with_lead = sql("""
    SELECT plan AS left_plan, next_plan AS came_back_on, COUNT(*) AS returns
    FROM (SELECT plan, LEAD(plan) OVER (PARTITION BY customer_id
                                        ORDER BY start_date, subscription_id) AS next_plan
          FROM subscriptions)
    WHERE next_plan IS NOT NULL
    GROUP BY ALL
    ORDER BY returns DESC, left_plan, came_back_on
""")
pd.testing.assert_frame_equal(with_lead, winback)  # LEAD gives the same pairs

# --8<-- [start:running_total]
reached = sql("""
    WITH paid AS (
        SELECT p.customer_id, p.billed_at, p.payment_id,
               SUM(p.amount / fx.usd_to_local) OVER (
                   PARTITION BY p.customer_id ORDER BY p.billed_at, p.payment_id
                   ROWS UNBOUNDED PRECEDING) AS cumulative_usd
        FROM payments AS p JOIN fx USING (currency)
        WHERE p.status = 'paid'
    )
    SELECT customer_id, billed_at AS reached_100_usd
    FROM paid
    WHERE cumulative_usd >= 100
    QUALIFY ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY billed_at, payment_id) = 1
""")
print(f"{len(reached):,} customers have paid 100 USD or more in total")
# > 1,872 customers have paid 100 USD or more in total
# --8<-- [end:running_total]
paid = payments[payments["status"] == "paid"].merge(fx, on="currency")
paid = paid.sort_values(["customer_id", "billed_at", "payment_id"])
paid["cumulative"] = (paid["amount"] / paid["usd_to_local"]).groupby(paid["customer_id"]).cumsum()
first = paid[paid["cumulative"] >= 100].groupby("customer_id")["billed_at"].min()
got = reached.set_index("customer_id")["reached_100_usd"].sort_index()
assert first.sort_index().equals(got.rename("billed_at"))

# --8<-- [start:ticket_before_cancel]
before = sql("""
    SELECT CASE WHEN s.cancel_reason = 'payment_failed' THEN 'involuntary'
                ELSE 'voluntary' END AS kind,                -- NULL reason: voluntary
           COUNT(*) AS cancellations,
           AVG(CASE WHEN EXISTS (
                        SELECT 1 FROM support_tickets AS t
                        WHERE t.customer_id = s.customer_id
                          AND t.created_at >= s.end_date - INTERVAL 30 DAY
                          AND t.created_at < s.end_date)
                    THEN 1.0 ELSE 0.0 END) AS with_ticket_in_last_30d
    FROM subscriptions AS s
    WHERE s.end_date IS NOT NULL
    GROUP BY kind
    ORDER BY kind
""")
print(before.to_string(index=False, float_format="{:.1%}".format))
# >        kind  cancellations  with_ticket_in_last_30d
# > involuntary            361                    60.4%
# >   voluntary           1894                    18.8%
# --8<-- [end:ticket_before_cancel]
ended = subs[subs["end_date"].notna()].reset_index(drop=True)
pairs = ended.reset_index().merge(tickets, on="customer_id")
window = (pairs["created_at"] >= pairs["end_date"] - pd.Timedelta(days=30)) & (
    pairs["created_at"] < pairs["end_date"]
)
has_ticket = ended.index.isin(pairs.loc[window, "index"])
kind = np.where(ended["cancel_reason"] == "payment_failed", "involuntary", "voluntary")
expected = pd.Series(has_ticket).groupby(kind).mean()
assert np.allclose(expected.to_numpy(), before["with_ticket_in_last_30d"].to_numpy())
con.close()
