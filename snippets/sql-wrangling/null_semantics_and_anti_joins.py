"""NULL semantics, anti-joins and semi-joins, run on the Lumen tables with DuckDB.

SQL uses three-valued logic: a comparison with NULL is neither true nor false but NULL, and
WHERE keeps only rows where the condition is true. Each query below shows a consequence that
interviewers probe and that silently corrupts real reports: COUNT(*) against COUNT(col), a
filter on "not equal" that drops NULLs, NOT IN against a list holding a NULL, and a LEFT JOIN
undone by its WHERE clause.
"""

import io

# --8<-- [start:setup]
import duckdb
import pandas as pd

from churn_case_study import clean_customers, generate

data = generate(seed=0)
con = duckdb.connect(config={"threads": 1})  # in memory; one thread, so timings are honest
for name, frame in data.as_dict().items():
    con.register(name, frame)  # DuckDB scans the DataFrame in place
con.register("customers_clean", clean_customers(data.customers))  # one row per customer


def sql(query: str) -> pd.DataFrame:
    return con.sql(query).df()


# --8<-- [end:setup]

# --8<-- [start:null_comparisons]
print(sql("SELECT NULL = NULL AS eq, NULL <> NULL AS ne, NULL IS NOT DISTINCT FROM NULL AS same"))
# >      eq    ne  same
# > 0  <NA>  <NA>  True
ended = sql("""
    SELECT
        COUNT(*)                   AS ended,
        COUNT(cancel_reason)       AS with_reason,      -- COUNT(col) skips NULLs
        COUNT(*) FILTER (WHERE cancel_reason <> 'payment_failed')
                                   AS voluntary_wrong,  -- NULL <> 'x' is NULL: row dropped
        COUNT(*) FILTER (WHERE cancel_reason IS DISTINCT FROM 'payment_failed')
                                   AS voluntary_right
    FROM subscriptions
    WHERE end_date IS NOT NULL
""")
print(ended.to_string(index=False))
# >  ended  with_reason  voluntary_wrong  voluntary_right
# >   2255         1988             1627             1894
# --8<-- [end:null_comparisons]
row = ended.iloc[0]
assert row["with_reason"] < row["ended"], "some ended subscriptions have no reason"
missing = row["ended"] - row["with_reason"]
assert row["voluntary_right"] - row["voluntary_wrong"] == missing, "<> drops exactly the NULLs"

# --8<-- [start:not_in_trap]
# A do-not-contact list exported from a spreadsheet: the blank line becomes a NULL.
csv = "customer_id\nC000002\nC000005\n\nC000009\n"
con.register("do_not_contact", pd.read_csv(io.StringIO(csv), skip_blank_lines=False))
contactable = sql("""
    SELECT
        (SELECT COUNT(*) FROM customers_clean
         WHERE customer_id NOT IN (SELECT customer_id FROM do_not_contact)) AS not_in,
        (SELECT COUNT(*) FROM customers_clean AS c
         WHERE NOT EXISTS (SELECT 1 FROM do_not_contact AS d
                           WHERE d.customer_id = c.customer_id))       AS not_exists,
        (SELECT COUNT(*) FROM customers_clean AS c
         LEFT JOIN do_not_contact AS d USING (customer_id)
         WHERE d.customer_id IS NULL)                                  AS left_join_is_null,
        (SELECT COUNT(*) FROM customers_clean
         ANTI JOIN do_not_contact USING (customer_id))                 AS anti_join
""")
print(contactable.to_string(index=False))
# >  not_in  not_exists  left_join_is_null  anti_join
# >       0        4997               4997       4997
# --8<-- [end:not_in_trap]
counts = contactable.iloc[0]
assert counts["not_in"] == 0, "x NOT IN (..., NULL) is never true, so NOT IN returns no rows"
n_customers = len(clean_customers(data.customers))
assert counts["not_exists"] == counts["anti_join"] == counts["left_join_is_null"]
assert counts["not_exists"] == n_customers - 3, "three real ids on the list"

# --8<-- [start:left_join_filter]
failed = sql("""
    SELECT
        -- WHERE on the right table throws away the unmatched (NULL) rows: an inner join
        (SELECT COUNT(DISTINCT c.customer_id)
         FROM customers_clean AS c LEFT JOIN payments AS p USING (customer_id)
         WHERE p.status = 'failed')                                     AS where_filter,
        -- the condition in ON keeps every customer, with NULLs where nothing matched
        (SELECT COUNT(DISTINCT c.customer_id)
         FROM customers_clean AS c
         LEFT JOIN payments AS p ON p.customer_id = c.customer_id AND p.status = 'failed')
                                                                        AS on_filter
""")
print(failed.to_string(index=False))
# >  where_filter  on_filter
# >           909       5000
per_customer = sql("""
    SELECT c.customer_id,
           COUNT(*)           AS count_star,  -- an unmatched customer still has one row
           COUNT(p.payment_id) AS n_failed    -- counts non-NULL matches only
    FROM customers_clean AS c
    LEFT JOIN payments AS p ON p.customer_id = c.customer_id AND p.status = 'failed'
    GROUP BY c.customer_id
""")
none = per_customer[per_customer["n_failed"] == 0]
n_star, n_col = none["count_star"].max(), none["n_failed"].max()
print(f"never failed: {len(none):,} customers; COUNT(*) = {n_star}, COUNT(p.payment_id) = {n_col}")
# > never failed: 4,091 customers; COUNT(*) = 1, COUNT(p.payment_id) = 0
# --8<-- [end:left_join_filter]
assert len(none) == failed.iloc[0]["on_filter"] - failed.iloc[0]["where_filter"]
assert (none["count_star"] == 1).all() and (none["n_failed"] == 0).all()

# --8<-- [start:semi_join]
# Semi-join: customers with at least one failed payment. A plain JOIN repeats a customer once
# per failed payment; EXISTS (or DuckDB's SEMI JOIN) returns each customer once.
semi = sql("""
    SELECT
        (SELECT COUNT(*) FROM customers_clean AS c
         JOIN payments AS p
           ON p.customer_id = c.customer_id AND p.status = 'failed')       AS join_rows,
        (SELECT COUNT(*) FROM customers_clean AS c
         WHERE EXISTS (SELECT 1 FROM payments AS p
                       WHERE p.customer_id = c.customer_id
                         AND p.status = 'failed'))                          AS exists_rows,
        (SELECT COUNT(*) FROM customers_clean
         SEMI JOIN (SELECT customer_id FROM payments WHERE status = 'failed')
         USING (customer_id))                                               AS semi_rows
""")
print(semi.to_string(index=False))
# >  join_rows  exists_rows  semi_rows
# >       2284          909        909
# --8<-- [end:semi_join]
assert semi.iloc[0]["exists_rows"] == semi.iloc[0]["semi_rows"] == failed.iloc[0]["where_filter"]
assert semi.iloc[0]["join_rows"] > 2 * semi.iloc[0]["exists_rows"], "the join fans out"
con.close()
