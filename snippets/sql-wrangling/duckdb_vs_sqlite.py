"""One question, two SQL dialects: DuckDB and SQLite give the same answer with different SQL.

The question: for every customer who came back after cancelling, how many days were they away
before their latest return? It needs LAG, a filter on a window function and date arithmetic,
three places where dialects differ. We load the same table into an in-memory SQLite database
(Python's sqlite3), run both queries and assert the results are identical.
"""

import sqlite3

import duckdb
import pandas as pd

from churn_case_study import generate

data = generate(seed=0)
subscriptions = data.subscriptions

# --8<-- [start:duckdb]
DUCKDB_QUERY = """
    WITH ordered AS (
        SELECT customer_id, subscription_id, start_date,
               LAG(end_date) OVER (PARTITION BY customer_id
                                   ORDER BY start_date, subscription_id) AS prev_end
        FROM subscriptions
    )
    SELECT customer_id, subscription_id,
           date_diff('day', prev_end, start_date) AS days_away  -- typed date arithmetic
    FROM ordered
    WHERE prev_end IS NOT NULL                                  -- returns only
    QUALIFY ROW_NUMBER() OVER (PARTITION BY customer_id
                               ORDER BY start_date DESC, subscription_id DESC) = 1
    ORDER BY customer_id
"""
duck = duckdb.connect(config={"threads": 1})
duck.register("subscriptions", subscriptions)
in_duckdb = duck.sql(DUCKDB_QUERY).df()
# --8<-- [end:duckdb]

# --8<-- [start:sqlite]
SQLITE_QUERY = """
    WITH ordered AS (
        SELECT customer_id, subscription_id, start_date,
               LAG(end_date) OVER (PARTITION BY customer_id
                                   ORDER BY start_date, subscription_id) AS prev_end
        FROM subscriptions
    ),
    ranked AS (                                  -- no QUALIFY: rank in a CTE, filter outside
        SELECT customer_id, subscription_id,
               CAST(julianday(start_date) - julianday(prev_end) AS INTEGER) AS days_away,
               ROW_NUMBER() OVER (PARTITION BY customer_id
                                  ORDER BY start_date DESC, subscription_id DESC) AS rn
        FROM ordered
        WHERE prev_end IS NOT NULL
    )
    SELECT customer_id, subscription_id, days_away
    FROM ranked
    WHERE rn = 1
    ORDER BY customer_id
"""
lite = sqlite3.connect(":memory:")
subscriptions.to_sql("subscriptions", lite, index=False)  # timestamps become ISO-8601 TEXT
in_sqlite = pd.read_sql_query(SQLITE_QUERY, lite)
print(lite.execute("SELECT typeof(start_date), start_date FROM subscriptions LIMIT 1").fetchone())
# > ('text', '2024-01-01 00:00:00')
# --8<-- [end:sqlite]

# --8<-- [start:compare]
pd.testing.assert_frame_equal(in_duckdb, in_sqlite, check_dtype=False)
print(f"{len(in_duckdb)} returning customers, identical in both engines")
# > 235 returning customers, identical in both engines
away = in_duckdb["days_away"]
print(f"days away: min {away.min()}, median {away.median():.0f}, max {away.max()}")
# > days away: min 15, median 128, max 365
# --8<-- [end:compare]
assert len(in_duckdb) > 100 and (in_duckdb["days_away"] > 0).all()
# The pandas answer agrees too.
subs = subscriptions.sort_values(["customer_id", "start_date"])
subs = subs.assign(prev_end=subs.groupby("customer_id")["end_date"].shift())
returns = subs.dropna(subset=["prev_end"]).drop_duplicates("customer_id", keep="last")
assert (
    (returns["start_date"] - returns["prev_end"]).dt.days.to_numpy() == in_duckdb["days_away"]
).all()

# --8<-- [start:integer_division]
SHARE = "SELECT SUM(CASE WHEN end_date IS NOT NULL THEN 1 ELSE 0 END) / COUNT(*) FROM subscriptions"
FIXED = "SELECT AVG(CASE WHEN end_date IS NOT NULL THEN 1.0 ELSE 0.0 END) FROM subscriptions"
print(f"DuckDB {duck.sql(SHARE).fetchall()[0][0]:.3f}, SQLite {lite.execute(SHARE).fetchone()[0]}")
# > DuckDB 0.430, SQLite 0
print(f"with AVG over 1.0/0.0: SQLite {lite.execute(FIXED).fetchone()[0]:.3f}")
# > with AVG over 1.0/0.0: SQLite 0.430
# --8<-- [end:integer_division]
assert lite.execute(SHARE).fetchone()[0] == 0, "SQLite (like PostgreSQL) divides integers"
assert abs(duck.sql(SHARE).fetchall()[0][0] - lite.execute(FIXED).fetchone()[0]) < 1e-12
duck.close()
lite.close()
