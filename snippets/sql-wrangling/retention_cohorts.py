"""Monthly retention cohorts: the share of each signup month's customers active k months later.

A customer counts as active in a calendar month if they logged at least one usage event in it.
Three details decide whether the table is right: deduplicate customers before counting cohort
sizes, keep cells that could not be observed yet (after the end of the data) as NULL rather
than 0, and pivot with conditional aggregation, which every SQL dialect supports.
"""

import duckdb
import numpy as np
import pandas as pd

from churn_case_study import clean_customers, clean_usage_events, generate
from guide_tools.figures import new_figure, save_figure

data = generate(seed=0)
customers = clean_customers(data.customers)
events = clean_usage_events(data.usage_events)
con = duckdb.connect(config={"threads": 1})
con.register("customers_clean", customers)
con.register("events_clean", events)

# --8<-- [start:cohort_long]
retention = con.sql("""
    WITH cohort AS (
        SELECT customer_id, date_trunc('month', signup_date) AS cohort_month
        FROM customers_clean                     -- one row per customer
    ),
    cohort_size AS (
        SELECT cohort_month, COUNT(*) AS customers
        FROM cohort
        GROUP BY cohort_month
    ),
    activity AS (                                -- one row per customer and active month
        SELECT DISTINCT customer_id, date_trunc('month', event_time) AS active_month
        FROM events_clean
    ),
    grid AS (                                    -- every observable (cohort, month) cell
        SELECT cohort_month, month_no
        FROM cohort_size,
             range(0, 24) AS t(month_no)
        WHERE cohort_month + to_months(month_no) <= TIMESTAMP '2025-12-01'
    ),
    active AS (
        SELECT c.cohort_month,
               date_diff('month', c.cohort_month, a.active_month) AS month_no,
               COUNT(*) AS active
        FROM cohort AS c
        JOIN activity AS a USING (customer_id)
        GROUP BY ALL
    )
    SELECT g.cohort_month, g.month_no, s.customers,
           COALESCE(a.active, 0)                      AS active,  -- observed, nobody active
           COALESCE(a.active, 0) * 1.0 / s.customers  AS retention  -- no integer division
    FROM grid AS g
    JOIN cohort_size AS s USING (cohort_month)
    LEFT JOIN active AS a USING (cohort_month, month_no)
    ORDER BY g.cohort_month, g.month_no
""").df()
print(f"{retention.cohort_month.nunique()} cohorts, {len(retention)} observable cells")
# > 24 cohorts, 300 observable cells
# --8<-- [end:cohort_long]
con.register("retention", retention)

# --8<-- [start:pivot]
wide = con.sql("""
    SELECT strftime(cohort_month, '%Y-%m')              AS cohort,
           MAX(customers)                               AS customers,
           MAX(retention) FILTER (WHERE month_no = 0)   AS m0,
           MAX(retention) FILTER (WHERE month_no = 1)   AS m1,
           MAX(retention) FILTER (WHERE month_no = 3)   AS m3,
           MAX(retention) FILTER (WHERE month_no = 6)   AS m6,
           MAX(retention) FILTER (WHERE month_no = 12)  AS m12   -- NULL: not observed yet
    FROM retention
    WHERE month(cohort_month) IN (1, 4, 7, 10)          -- one cohort per quarter, to print
    GROUP BY cohort
    ORDER BY cohort
""").df()
print(wide.to_string(index=False, float_format="{:.0%}".format, na_rep="NULL"))
# >  cohort  customers  m0  m1   m3   m6  m12
# > 2024-01        198 83% 91%  78%  69%  57%
# > 2024-04        145 84% 91%  81%  71%  62%
# > 2024-07        165 84% 95%  83%  75%  67%
# > 2024-10        198 79% 90%  76%  64%  51%
# > 2025-01        301 86% 92%  78%  70% NULL
# > 2025-04        237 86% 91%  78%  62% NULL
# > 2025-07        232 89% 92%  74% NULL NULL
# > 2025-10        261 84% 89% NULL NULL NULL
# --8<-- [end:pivot]

# The same table in pandas: crosstab of active customers over cohort sizes.
activity = events.assign(active_month=events["event_time"].dt.to_period("M"))
activity = activity[["customer_id", "active_month"]].drop_duplicates()
cohorts = customers.assign(cohort=customers["signup_date"].dt.to_period("M"))
joined = activity.merge(cohorts[["customer_id", "cohort"]], on="customer_id")
joined["month_no"] = (joined["active_month"] - joined["cohort"]).apply(lambda offset: offset.n)
counts = pd.crosstab(joined["cohort"], joined["month_no"])
pandas_rate = counts.div(cohorts.groupby("cohort").size(), axis=0)
sql_rate = retention.assign(cohort=retention["cohort_month"].dt.to_period("M")).pivot_table(
    index="cohort", columns="month_no", values="retention", aggfunc="first"
)
observed = sql_rate.notna()
diff = (sql_rate - pandas_rate.reindex_like(sql_rate).fillna(0))[observed].abs().max().max()
assert diff < 1e-12, f"SQL and pandas retention differ by {diff}"
# Unobservable cells are NULL, never 0: exactly the triangle after the end of the data.
n_cohorts = len(sql_rate)
assert observed.sum().sum() == n_cohorts * (n_cohorts + 1) // 2
assert (wide["m12"].isna() == (wide["cohort"] > "2024-12")).all()
# Calendar month 0 is partial (a customer who signs up on the 25th has 6 days to be active),
# so month 1 beats month 0; from month 1 on, average retention only falls.
mean_by_month = sql_rate.mean()
assert (sql_rate[1] > sql_rate[0]).mean() > 0.9, "month 0 is a partial month"
assert (mean_by_month.loc[1:].diff().dropna() < 0).all()
# With 30-day periods since signup instead of calendar months, period 0 is complete and beats
# period 1: the month-0 dip is an artefact of calendar months, as the caption says.
periods = con.sql("""
    SELECT date_diff('day', c.signup_date, e.event_time) // 30 AS period,
           COUNT(DISTINCT customer_id) AS active
    FROM customers_clean AS c JOIN events_clean AS e USING (customer_id)
    WHERE c.signup_date < TIMESTAMP '2025-11-01'        -- both periods fully observed
    GROUP BY period
    HAVING period IN (0, 1)
    ORDER BY period
""").df()["active"]
assert periods.iloc[0] > 1.05 * periods.iloc[1]
con.close()

fig, ax = new_figure(width=9.5, height=6.2)
grid = sql_rate.to_numpy(dtype=float)
image = ax.imshow(np.ma.masked_invalid(grid), cmap="cividis", vmin=0.3, vmax=1, aspect="auto")
for (i, j), value in np.ndenumerate(grid):
    if not np.isnan(value):
        ink = "black" if value > 0.65 else "white"
        ax.text(j, i, f"{value * 100:.0f}", ha="center", va="center", fontsize=6.5, color=ink)
ax.set_xticks(range(0, grid.shape[1], 3))
ax.set_yticks(range(grid.shape[0]), labels=[str(p) for p in sql_rate.index], fontsize=8)
ax.set_xlabel("months since signup")
ax.set_ylabel("signup cohort")
ax.set_title("Share of each signup cohort active k months later (%); blank = not yet observed")
ax.grid(False)
fig.colorbar(image, ax=ax, label="retention", fraction=0.04)
save_figure(fig, "sql-wrangling/retention_heatmap")
