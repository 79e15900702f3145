"""Clean the raw Lumen tables in SQL, check the result matches the pandas cleaning, and write
the assumptions down as checks: queries that return the rows breaking a rule (a check passes
when it returns none), run on the raw and on the cleaned tables.
"""

import duckdb
import pandas as pd

from churn_case_study import clean_customers, clean_usage_events, generate
from churn_case_study.constants import CHANNELS, COUNTRIES

data = generate(seed=0)
con = duckdb.connect(config={"threads": 1})
for name, frame in data.as_dict().items():
    con.register(name, frame)


def sql(query: str) -> pd.DataFrame:
    return con.sql(query).df()


# --8<-- [start:clean_in_sql]
con.sql("""
    CREATE VIEW customers_clean AS
    SELECT DISTINCT                                       -- exact duplicate rows
           customer_id, signup_date,
           CASE WHEN upper(trim(country)) = 'UK' THEN 'GB'
                ELSE upper(trim(country)) END             AS country,
           lower(trim(acquisition_channel))               AS acquisition_channel,
           device,
           CASE WHEN birth_year > 1900 THEN birth_year END AS birth_year  -- 1900: form default
    FROM customers
""")
con.sql("""
    CREATE VIEW events_clean AS
    SELECT DISTINCT event_id, customer_id, event_time, ingested_at, event_type,
           CASE WHEN duration_minutes BETWEEN 0 AND 600
                THEN duration_minutes END                 AS duration_minutes
    FROM usage_events
""")
# --8<-- [end:clean_in_sql]


def same_rows(view: str, expected: pd.DataFrame, key: str) -> bool:
    got = sql(f"SELECT * FROM {view}").sort_values(key, ignore_index=True)
    pd.testing.assert_frame_equal(
        got, expected.sort_values(key, ignore_index=True), check_dtype=False
    )
    return True


assert same_rows("customers_clean", clean_customers(data.customers), "customer_id")
assert same_rows("events_clean", clean_usage_events(data.usage_events), "event_id")

# --8<-- [start:outliers]
fences = sql("""
    WITH events AS (SELECT DISTINCT * FROM usage_events),
    q AS (
        SELECT quantile_cont(duration_minutes, 0.25) AS q1,
               quantile_cont(duration_minutes, 0.75) AS q3
        FROM events
    ),
    flagged AS (
        SELECT duration_minutes AS minutes,
               minutes NOT BETWEEN q1 - 1.5 * (q3 - q1) AND q3 + 1.5 * (q3 - q1) AS tukey,
               minutes < 0 OR minutes > 600                                   AS impossible
        FROM events, q
    )
    SELECT COUNT(*) FILTER (WHERE tukey)                    AS tukey_flags,
           COUNT(*) FILTER (WHERE tukey AND NOT impossible) AS of_them_plausible,
           COUNT(*) FILTER (WHERE impossible)               AS impossible,
           COUNT(*) FILTER (WHERE impossible AND NOT tukey) AS missed_by_tukey
    FROM flagged
""")
print(fences.to_string(index=False))
# >  tukey_flags  of_them_plausible  impossible  missed_by_tukey
# >        29569              28240        1398               69
# --8<-- [end:outliers]
f = fences.iloc[0]
assert f["of_them_plausible"] > 0.9 * f["tukey_flags"], "the IQR rule mostly flags long lessons"
assert f["missed_by_tukey"] > 0, "and misses some impossible durations"
fence = sql("""
    WITH q AS (
        SELECT quantile_cont(duration_minutes, 0.25) AS q1,
               quantile_cont(duration_minutes, 0.75) AS q3
        FROM (SELECT DISTINCT * FROM usage_events)
    )
    SELECT q1 - 1.5 * (q3 - q1) AS lower, q3 + 1.5 * (q3 - q1) AS upper FROM q
""").iloc[0]
# Every value above 600 is beyond the upper fence, so the missed ones are all negative.
assert fence["lower"] < 0 and fence["upper"] < 600

# --8<-- [start:checks]
CHECKS = {  # name -> query returning the rows that break the rule; {...} are filled in below
    "customer_id is unique": """
        SELECT customer_id FROM {customers} GROUP BY customer_id HAVING COUNT(*) > 1""",
    "channel in the accepted set": """
        SELECT * FROM {customers} WHERE acquisition_channel NOT IN {channels}""",
    "country in the accepted set": """
        SELECT * FROM {customers} WHERE country NOT IN {countries}""",
    "birth_year plausible or NULL": """
        SELECT * FROM {customers} WHERE birth_year NOT BETWEEN 1920 AND 2012""",
    "event_id is unique": """
        SELECT event_id FROM {events} GROUP BY event_id HAVING COUNT(*) > 1""",
    "duration in [0, 600] or NULL": """
        SELECT * FROM {events} WHERE duration_minutes NOT BETWEEN 0 AND 600""",
    "ingested no earlier than it happened": """
        SELECT * FROM {events} WHERE ingested_at < event_time""",
    "every event has a known customer": """
        SELECT * FROM {events} AS e
        WHERE NOT EXISTS (SELECT 1 FROM {customers} AS c WHERE c.customer_id = e.customer_id)""",
    "subscriptions never overlap": """
        SELECT a.subscription_id, b.subscription_id
        FROM subscriptions AS a JOIN subscriptions AS b            -- a self-join
          ON a.customer_id = b.customer_id AND a.subscription_id < b.subscription_id
         AND a.start_date < COALESCE(b.end_date, 'infinity'::TIMESTAMP)
         AND b.start_date < COALESCE(a.end_date, 'infinity'::TIMESTAMP)""",
}
accepted = {"channels": str(CHANNELS), "countries": str(COUNTRIES)}  # "('organic', ...)"
tables = {
    "raw": {"customers": "customers", "events": "usage_events"},
    "clean": {"customers": "customers_clean", "events": "events_clean"},
}
results = pd.DataFrame(
    {
        stage: {name: len(sql(query.format(**names, **accepted))) for name, query in CHECKS.items()}
        for stage, names in tables.items()
    }
).rename_axis("rows breaking the rule")
print(results.to_string())
# >                                        raw  clean
# > rows breaking the rule
# > customer_id is unique                   34      0
# > channel in the accepted set            212      0
# > country in the accepted set            148      0
# > birth_year plausible or NULL            24      0
# > event_id is unique                    7205      0
# > duration in [0, 600] or NULL          1430      0
# > ingested no earlier than it happened     0      0
# > every event has a known customer         0      0
# > subscriptions never overlap              0      0
# --8<-- [end:checks]
assert (results["clean"] == 0).all(), "every check passes on the cleaned tables"
assert (results["raw"] > 0).sum() >= 5, "and most of them catch a real problem in the raw ones"
con.close()
