"""Window frames: a 7-day moving average over days with no rows, and the default frame's ties.

The question: the 7-day moving average of daily partner-channel signups in 2025. Days without a
signup have no row after GROUP BY, so a frame of "the 6 previous rows" reaches back more than 7
days and skips the zeros. A date spine (one row per calendar day) fixes it; a RANGE frame over
an interval gets the window right but still averages over the wrong denominator.
"""

import duckdb
import pandas as pd

from churn_case_study import clean_customers, clean_usage_events, generate

data = generate(seed=0)
customers = clean_customers(data.customers)
con = duckdb.connect(config={"threads": 1})
con.register("customers_clean", customers)
con.register("events_clean", clean_usage_events(data.usage_events))


def sql(query: str) -> pd.DataFrame:
    return con.sql(query).df()


# --8<-- [start:moving_average]
ma = sql("""
    WITH daily AS (                -- only days with at least one signup get a row
        SELECT signup_date AS day, COUNT(*) AS signups
        FROM customers_clean
        WHERE acquisition_channel = 'partner' AND signup_date >= TIMESTAMP '2025-01-01'
        GROUP BY day
    ),
    spine AS (                     -- one row per calendar day
        SELECT day
        FROM generate_series(TIMESTAMP '2025-01-01', TIMESTAMP '2025-12-31', INTERVAL 1 DAY)
             AS t(day)
    ),
    filled AS (
        SELECT day, COALESCE(daily.signups, 0) AS signups
        FROM spine LEFT JOIN daily USING (day)
    )
    SELECT filled.day,
           -- right: 7 calendar days, zeros included; NULL until a full week exists
           CASE WHEN COUNT(*) OVER last_7_rows = 7
                THEN AVG(filled.signups) OVER last_7_rows END         AS ma7_spine,
           -- wrong: the 7 previous *rows* of the gappy table, zeros missing
           naive.ma7                                                  AS ma7_rows_no_spine,
           -- wrong denominator: a 7-day RANGE, but AVG over the days that had a row
           naive.ma7_range                                            AS ma7_range_no_spine
    FROM filled
    LEFT JOIN (
        SELECT day,
               AVG(signups) OVER (ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW)
                   AS ma7,
               AVG(signups) OVER (ORDER BY day
                                  RANGE BETWEEN INTERVAL 6 DAYS PRECEDING AND CURRENT ROW)
                   AS ma7_range
        FROM daily
    ) AS naive USING (day)
    WINDOW last_7_rows AS (ORDER BY filled.day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW)
    ORDER BY filled.day
""")
print(f"{len(ma)} days; {(ma['ma7_rows_no_spine'].isna()).sum()} of them had no partner signup")
# > 365 days; 155 of them had no partner signup
both = ma.dropna()  # days with a signup and a full week: compare like with like
print(both[["ma7_spine", "ma7_rows_no_spine", "ma7_range_no_spine"]].mean().round(2).to_dict())
# > {'ma7_spine': 0.98, 'ma7_rows_no_spine': 1.57, 'ma7_range_no_spine': 1.56}
# --8<-- [end:moving_average]

# --8<-- [start:pandas_check]
partner = customers[
    (customers["acquisition_channel"] == "partner") & (customers["signup_date"] >= "2025-01-01")
]
daily = partner.groupby("signup_date").size()
# reindex to every calendar day (a date spine, zeros filled): then 7 rows are 7 days
spine = daily.reindex(pd.date_range("2025-01-01", "2025-12-31", freq="D", unit="us"), fill_value=0)
pandas_ma7 = spine.rolling(7).mean()  # NaN until 7 values exist, like the CASE above
assert ma["ma7_spine"].isna().sum() == 6 == pandas_ma7.isna().sum()
assert abs(ma["ma7_spine"].to_numpy() - pandas_ma7.to_numpy())[6:].max() < 1e-12
# rolling("7D") on the gappy series is a RANGE frame: the right window, the wrong denominator
gappy_range = daily.rolling("7D").mean()
print(abs(gappy_range.to_numpy() - ma["ma7_range_no_spine"].dropna().to_numpy()).max() < 1e-12)
# > True
# --8<-- [end:pandas_check]
assert both["ma7_rows_no_spine"].mean() > 1.3 * both["ma7_spine"].mean(), "skipping zeros inflates"
assert both["ma7_range_no_spine"].mean() > 1.3 * both["ma7_spine"].mean()

# --8<-- [start:default_frame]
frames = sql("""
    SELECT event_time,
           -- ORDER BY with no frame means RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW:
           -- every peer of the current row (same day) is in its frame
           COUNT(*) OVER (ORDER BY CAST(event_time AS DATE))                       AS default_frame,
           -- ROWS over a unique order: a true row-by-row running count
           COUNT(*) OVER (ORDER BY event_time, event_id ROWS UNBOUNDED PRECEDING)  AS unique_order,
           -- ROWS over a non-unique order: same-day rows get 1, 2, 3, ... in an order the
           -- engine picks, so this column is not printed
           COUNT(*) OVER (ORDER BY CAST(event_time AS DATE) ROWS UNBOUNDED PRECEDING)
                                                                                  AS ties_rows
    FROM events_clean
    WHERE customer_id = 'C000646'
    ORDER BY event_time, event_id
    LIMIT 6
""")
print(frames[["event_time", "default_frame", "unique_order"]].to_string(index=False))
# >          event_time  default_frame  unique_order
# > 2024-04-29 07:57:50              4             1
# > 2024-04-29 12:20:25              4             2
# > 2024-04-29 17:54:21              4             3
# > 2024-04-29 20:09:51              4             4
# > 2024-04-30 07:12:35              6             5
# > 2024-04-30 22:26:00              6             6
day = frames["event_time"].dt.date
same_counts = all(
    sorted(group["ties_rows"]) == sorted(group["unique_order"]) for _, group in frames.groupby(day)
)
print(f"ROWS ordered by day alone: same counts per day, in no guaranteed order: {same_counts}")
# > ROWS ordered by day alone: same counts per day, in no guaranteed order: True
# --8<-- [end:default_frame]
assert same_counts, "ROWS over peers hands out the same numbers, in no guaranteed order"
assert (frames["default_frame"] >= frames["unique_order"]).all()
assert frames["unique_order"].tolist() == [1, 2, 3, 4, 5, 6]
assert frames["default_frame"].iloc[0] == 4, "four events on the first day share one count"
con.close()
