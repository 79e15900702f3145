"""A join fan-out bug in a revenue report, how to detect it, and the fix.

The question: paid revenue (in USD) and support tickets per acquisition channel. The naive query
joins customers to payments and to tickets in one go. Two things multiply rows: the raw
customers table has duplicate rows, and payments and tickets are both many-per-customer, so
every payment is repeated once per ticket of the same customer. The fix is to check the grain of
each table and aggregate every fact table to the join key before joining.
"""

import duckdb
import pandas as pd

from churn_case_study import generate
from churn_case_study.constants import FX_TO_LOCAL
from guide_tools.figures import PALETTE, new_figure, save_figure

data = generate(seed=0)
con = duckdb.connect(config={"threads": 1})
for name, frame in data.as_dict().items():
    con.register(name, frame)
# amount is in local currency: local = USD x rate, so USD = amount / rate
fx = pd.DataFrame({"currency": list(FX_TO_LOCAL), "usd_to_local": list(FX_TO_LOCAL.values())})
con.register("fx", fx)


def sql(query: str) -> pd.DataFrame:
    return con.sql(query).df()


# --8<-- [start:naive]
naive = sql("""
    SELECT lower(trim(c.acquisition_channel))  AS channel,
           SUM(p.amount / fx.usd_to_local)     AS revenue_usd,
           COUNT(t.ticket_id)                  AS tickets
    FROM customers AS c                                   -- raw: 34 ids appear twice
    JOIN payments AS p ON p.customer_id = c.customer_id AND p.status = 'paid'
    JOIN fx USING (currency)
    LEFT JOIN support_tickets AS t ON t.customer_id = c.customer_id  -- many x many
    GROUP BY channel
    ORDER BY channel
""")
# --8<-- [end:naive]

# --8<-- [start:detect]
checks = sql("""
    SELECT
        (SELECT COUNT(*) - COUNT(DISTINCT customer_id) FROM customers)    AS extra_customer_rows,
        (SELECT COUNT(*) FROM payments WHERE status = 'paid')             AS paid_rows_source,
        (SELECT COUNT(*)
         FROM customers AS c
         JOIN payments AS p ON p.customer_id = c.customer_id AND p.status = 'paid'
         LEFT JOIN support_tickets AS t ON t.customer_id = c.customer_id) AS paid_rows_joined
""")
print(checks.to_string(index=False))
# >  extra_customer_rows  paid_rows_source  paid_rows_joined
# >                   34             39998             60597
source_revenue = sql("""
    SELECT SUM(amount / usd_to_local) AS usd FROM payments JOIN fx USING (currency)
    WHERE status = 'paid'
""").iloc[0]["usd"]
joined_revenue = naive["revenue_usd"].sum()
print(f"revenue in payments: {source_revenue:,.0f} USD; after the join: {joined_revenue:,.0f}")
# > revenue in payments: 500,588 USD; after the join: 757,074
# --8<-- [end:detect]
assert checks.iloc[0]["extra_customer_rows"] > 0, "the raw customers table is not one row per id"
assert checks.iloc[0]["paid_rows_joined"] > 1.2 * checks.iloc[0]["paid_rows_source"]
assert naive.revenue_usd.sum() > 1.2 * source_revenue, "the fan-out inflates revenue"

# --8<-- [start:fixed]
fixed = sql("""
    WITH customer AS (            -- one row per customer: deduplicate, normalise the label
        SELECT DISTINCT customer_id, lower(trim(acquisition_channel)) AS channel
        FROM customers
    ),
    revenue AS (                  -- payments aggregated to the join key first
        SELECT customer_id, SUM(amount / usd_to_local) AS revenue_usd
        FROM payments JOIN fx USING (currency)
        WHERE status = 'paid'
        GROUP BY customer_id
    ),
    tickets AS (                  -- tickets aggregated to the join key first
        SELECT customer_id, COUNT(*) AS tickets
        FROM support_tickets
        GROUP BY customer_id
    )
    SELECT channel,
           COALESCE(SUM(revenue_usd), 0) AS revenue_usd,
           CAST(COALESCE(SUM(tickets), 0) AS BIGINT) AS tickets
    FROM customer
    LEFT JOIN revenue USING (customer_id)   -- 1 : 0..1, cannot multiply rows
    LEFT JOIN tickets USING (customer_id)   -- 1 : 0..1
    GROUP BY channel
    ORDER BY channel
""")
report = fixed.merge(naive, on="channel", suffixes=("", "_naive"))
report["inflation"] = report["revenue_usd_naive"] / report["revenue_usd"] - 1
shown = report.assign(inflation=report["inflation"].map("{:+.0%}".format))
print(shown.to_string(index=False, float_format="{:,.0f}".format))
# >     channel  revenue_usd  tickets  revenue_usd_naive  tickets_naive inflation
# >     organic      190,722     1321            290,180          17059      +52%
# > paid_search      127,203     1024            196,015          11913      +54%
# >     partner       50,340      452             76,556           4839      +52%
# >    referral       84,036      592            129,050           7674      +54%
# >      social       48,287      528             65,273           4164      +35%
# --8<-- [end:fixed]
n_tickets = len(data.support_tickets)
assert abs(fixed.revenue_usd.sum() - source_revenue) < 1e-6 * source_revenue, "reconciles"
assert fixed.tickets.sum() == n_tickets, "every ticket counted once"
# Each ticket was repeated once per paid payment of its customer.
assert (report["tickets_naive"] > 5 * report["tickets"]).all()
# The inflation is not a constant factor: it depends on tickets per customer, so it distorts
# the comparison between channels, not only the total.
assert report["inflation"].max() - report["inflation"].min() > 0.1
assert report["inflation"].between(0.3, 0.6).all(), "every channel overstated by a third or more"
con.close()

fig, ax = new_figure(height=3.4)
y = range(len(report))
ax.barh([i + 0.2 for i in y], report["revenue_usd_naive"] / 1e3, height=0.4,
        color=PALETTE["vermilion"], label="naive join (fanned out)")  # fmt: skip
ax.barh([i - 0.2 for i in y], report["revenue_usd"] / 1e3, height=0.4, color=PALETTE["blue"],
        label="aggregate first, then join (matches payments)")  # fmt: skip
for i, row in report.iterrows():
    ax.annotate(f"+{row['inflation']:.0%}", (row["revenue_usd_naive"] / 1e3, i + 0.2),
                xytext=(4, 0), textcoords="offset points", va="center")  # fmt: skip
ax.set_yticks(list(y), labels=report["channel"])
ax.invert_yaxis()
ax.set_xlabel("paid revenue, thousand USD (2024-2025)")
ax.set_title("Revenue by acquisition channel: fan-out inflates it unevenly")
ax.set_xlim(0, report["revenue_usd_naive"].max() / 1e3 * 1.15)
ax.legend(loc="lower right")
save_figure(fig, "sql-wrangling/fan_out_revenue")
