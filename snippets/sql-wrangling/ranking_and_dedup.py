"""Ranking window functions on the Lumen tables: ties, nth-highest, top-N per group, and
deduplication keeping the latest row, each checked against pandas and polars.

ROW_NUMBER, RANK and DENSE_RANK differ only on ties, and billing data is full of ties (every
month of a plan costs the same), so the choice decides the answer.
"""

import duckdb
import pandas as pd
import polars as pl

from churn_case_study import clean_customers, clean_usage_events, generate

data = generate(seed=0)
con = duckdb.connect(config={"threads": 1})
for name, frame in data.as_dict().items():
    con.register(name, frame)
con.register("customers_clean", clean_customers(data.customers))
con.register("events_clean", clean_usage_events(data.usage_events))


def sql(query: str) -> pd.DataFrame:
    return con.sql(query).df()


# --8<-- [start:rank_functions]
ranks = sql("""
    SELECT amount,
           ROW_NUMBER() OVER w AS row_number,  -- 1, 2, 3, ...: ties broken arbitrarily
           RANK()       OVER w AS rank,        -- ties share a rank, then a gap
           DENSE_RANK() OVER w AS dense_rank   -- ties share a rank, no gap
    FROM payments
    WHERE customer_id = 'C003349' AND status = 'paid'
    WINDOW w AS (ORDER BY amount DESC)
    ORDER BY amount DESC, row_number
""")
print(ranks.to_string(index=False))
# >  amount  row_number  rank  dense_rank
# >   15.99           1     1           1
# >   15.99           2     1           1
# >   12.79           3     3           2
# >   12.79           4     3           2
# >   10.39           5     5           3
# --8<-- [end:rank_functions]
assert ranks["rank"].tolist() == [1, 1, 3, 3, 5] and ranks["dense_rank"].tolist() == [1, 1, 2, 2, 3]

# --8<-- [start:nth_highest]
second = sql("""
    WITH ranked AS (
        SELECT customer_id, amount,
               ROW_NUMBER() OVER w AS rn,
               DENSE_RANK() OVER w AS dr
        FROM payments
        WHERE status = 'paid'
        WINDOW w AS (PARTITION BY customer_id ORDER BY amount DESC)
    )
    SELECT customer_id,
           MAX(amount) FILTER (WHERE dr = 1) AS highest,
           MAX(amount) FILTER (WHERE dr = 2) AS second_highest,  -- NULL if only one amount
           MAX(amount) FILTER (WHERE rn = 2) AS second_row       -- the tie trap
    FROM ranked
    GROUP BY customer_id
""")
n = len(second)
no_second = second["second_highest"].isna().sum()
tie_trap = (second["second_row"] == second["highest"]).sum()
print(f"{n:,} paying customers; {no_second:,} paid a single amount, so no second-highest")
# > 4,926 paying customers; 3,277 paid a single amount, so no second-highest
print(f"ROW_NUMBER() = 2 returns the highest amount again for {tie_trap:,} of them")
# > ROW_NUMBER() = 2 returns the highest amount again for 4,145 of them
# --8<-- [end:nth_highest]
# The same answer in pandas: dense rank within customer, kept where it is 2.
paid = data.payments[data.payments["status"] == "paid"]
distinct = paid.drop_duplicates(["customer_id", "amount"])
dense = distinct.groupby("customer_id")["amount"].rank(method="dense", ascending=False)
expected = distinct[dense == 2].set_index("customer_id")["amount"].sort_index()
got = second.set_index("customer_id")["second_highest"].dropna().sort_index()
assert got.index.equals(expected.index) and (got == expected).all(), "DENSE_RANK = 2"
assert tie_trap > n / 2, "with billing data, ties are the rule"

# --8<-- [start:top_n]
top3 = sql("""
    WITH minutes AS (
        SELECT customer_id, SUM(duration_minutes) AS minutes_2025
        FROM events_clean
        WHERE event_time >= TIMESTAMP '2025-01-01'
        GROUP BY customer_id
    )
    SELECT c.country, m.customer_id, ROUND(m.minutes_2025, 1) AS minutes_2025,
           ROW_NUMBER() OVER (PARTITION BY c.country
                              ORDER BY m.minutes_2025 DESC, m.customer_id) AS place
    FROM minutes AS m
    JOIN customers_clean AS c USING (customer_id)
    QUALIFY place <= 3                      -- DuckDB, Snowflake, BigQuery; not SQLite
    ORDER BY c.country, place
""")
print(top3.head(6).to_string(index=False))
# > country customer_id  minutes_2025  place
# >      BR     C002086        3645.6      1
# >      BR     C001479        3448.4      2
# >      BR     C002619        3122.0      3
# >      CA     C002947        5119.0      1
# >      CA     C001953        2704.8      2
# >      CA     C000427        2591.6      3
# --8<-- [end:top_n]

# --8<-- [start:top_n_dataframes]
events = clean_usage_events(data.usage_events)
customers = clean_customers(data.customers)
recent = events[events["event_time"] >= "2025-01-01"]
minutes = recent.groupby("customer_id", as_index=False)["duration_minutes"].sum()
pandas_top3 = (
    minutes.merge(customers[["customer_id", "country"]], on="customer_id")
    .sort_values(["country", "duration_minutes", "customer_id"], ascending=[True, False, True])
    .groupby("country")
    .head(3)  # keeps the first 3 rows of each group, in the sorted order
)
polars_top3 = (
    pl.from_pandas(recent)
    .group_by("customer_id")
    .agg(pl.col("duration_minutes").sum())
    .join(pl.from_pandas(customers).select("customer_id", "country"), on="customer_id")
    .sort(["country", "duration_minutes", "customer_id"], descending=[False, True, False])
    .group_by("country", maintain_order=True)
    .head(3)
)
same = (
    top3["customer_id"].tolist()
    == pandas_top3["customer_id"].tolist()
    == polars_top3["customer_id"].to_list()
)
print(f"DuckDB, pandas and polars pick the same {len(top3)} customers: {same}")
# > DuckDB, pandas and polars pick the same 21 customers: True
# --8<-- [end:top_n_dataframes]
assert same and len(top3) == 3 * customers["country"].nunique()

# --8<-- [start:latest_row]
latest = sql("""
    SELECT customer_id, subscription_id, plan, start_date, end_date
    FROM subscriptions
    QUALIFY ROW_NUMBER() OVER (PARTITION BY customer_id
                               ORDER BY start_date DESC, subscription_id DESC) = 1
""")
subs = data.subscriptions
pandas_latest = subs.sort_values(["start_date", "subscription_id"]).drop_duplicates(
    "customer_id", keep="last"
)
polars_latest = (
    pl.from_pandas(subs)
    .sort(["start_date", "subscription_id"])
    .unique(subset="customer_id", keep="last")
)
ids = set(latest["subscription_id"])
print(f"{len(subs):,} subscriptions -> {len(latest):,} customers, one row each")
# > 5,250 subscriptions -> 5,000 customers, one row each
print(ids == set(pandas_latest["subscription_id"]) == set(polars_latest["subscription_id"]))
# > True
# --8<-- [end:latest_row]
assert latest["customer_id"].is_unique and len(latest) == subs["customer_id"].nunique()
# The latest row really is the latest: no subscription of the customer starts later.
check = subs.merge(latest[["customer_id", "start_date"]], on="customer_id", suffixes=("", "_l"))
assert (check["start_date"] <= check["start_date_l"]).all()
con.close()
