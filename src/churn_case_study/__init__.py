"""The running case study: predicting which Lumen subscribers will cancel.

**Lumen** is a fictional subscription app for learning languages and skills, sold in three
monthly plans (basic, standard, premium) in seven countries. The data team wants to predict,
on the first of each month, which active subscribers will cancel in the next 30 days, so that
the retention team can reach out in time. Every chapter of this guide works on the same data:

```python
from churn_case_study import generate, training_table

data = generate(seed=0)  # 5,000 customers, 2024-01-01 to 2025-12-31; cached
data.customers.head()  # raw, messy tables: see CaseStudy
table = training_table(data)  # one row per (active customer, month), label `churned`
```

# The tables

Five observable tables, exactly as a warehouse would hold them
([`TABLES`][churn_case_study.TABLES]): `customers`, `subscriptions`, `usage_events`,
`payments` and `support_tickets`; every column is documented on
[`CaseStudy`][churn_case_study.CaseStudy]. A sixth frame, `truth`, holds latent quantities
(baseline engagement, unobserved frailty, the first real cancellation) that no company could
observe. It is there for teaching only: to show what a model recovers, never as a feature.

# How churn happens (the generative story)

A day-by-day simulation (module `churn_case_study.simulation`) drives everything:
customers sign up throughout the two years; their usage wobbles around a personal baseline;
each day they may become *at risk*, more likely with low usage, a recent failed payment, a
recent bug or billing ticket, a young subscription, a cheap plan, a paid-social signup, an
introductory discount that just ended, or the 2025 price increase; at-risk customers use the
app visibly less and most of them cancel within weeks. Failed charges are retried twice before
the subscription ends (involuntary churn). A little churn is unpredictable by design. A
gradient-boosted model on the training table reaches a ROC AUC near 0.8 on a time-ordered
split: real signal, far from perfect.

# Messiness to clean (on purpose)

* **Duplicates**: ~0.6% of `customers` rows and ~2% of `usage_events` rows are exact copies.
* **Inconsistent categories**: `acquisition_channel` has variants like `" Paid_Search"`,
  `"SOCIAL"`, `"referral "`; `country` has both `"GB"` and `"UK"`.
* **Missing values**: `birth_year` (~14%, plus a `1900` placeholder), `duration_minutes`
  (~3%), `cancel_reason` (~15% of voluntary cancellations), `satisfaction` (most tickets).
* **Outliers**: a client bug logs negative durations and durations of thousands of minutes.
* **Late-arriving events**: ~4% of usage events are ingested days after they happened
  (offline mobile use). Point-in-time features must filter on `ingested_at`.
* **A leaky column**: `payments.status == "refunded"` is set after the fact, typically just
  before a cancellation.
* **Mixed currencies**: GB pays in GBP, DE and FR in EUR.

[`clean_customers`][churn_case_study.clean_customers] and
[`clean_usage_events`][churn_case_study.clean_usage_events] apply the standard fixes.

# Drift (on purpose)

* **Channel mix**: social grows from about 10% of signups in 2024 to about a third by late
  2025; those customers engage less and churn about twice as often.
* **Product change** on 2025-03-15
  ([`PRODUCT_CHANGE_DATE`][churn_case_study.constants.PRODUCT_CHANGE_DATE]): usage rises
  for everyone (covariate shift) and bug tickets spike for six weeks.
* **Price increase** on 2025-07-01
  ([`PRICE_INCREASE_DATE`][churn_case_study.constants.PRICE_INCREASE_DATE]): the standard
  plan goes from 12.99 to 15.99 USD and its churn rate rises (concept drift:
  same usage, more churn).

Every date, plan, price and category of this world is a named constant in
[`churn_case_study.constants`][churn_case_study.constants].

# Command line

`python -m churn_case_study export OUT_DIR [--format csv|parquet|both] [--seed 0]
[--n-customers 5000]` writes every table (and `training_table`) with deterministic bytes; see
[`export`][churn_case_study.export].
"""

from churn_case_study.exporting import export
from churn_case_study.features import (
    CATEGORICAL_COLUMNS,
    TRAINING_COLUMNS,
    clean_customers,
    clean_usage_events,
    default_snapshot_dates,
    training_table,
)
from churn_case_study.schema import SCHEMA, TABLES, CaseStudy
from churn_case_study.tables import generate

__all__ = [
    "CATEGORICAL_COLUMNS",
    "SCHEMA",
    "TABLES",
    "TRAINING_COLUMNS",
    "CaseStudy",
    "clean_customers",
    "clean_usage_events",
    "default_snapshot_dates",
    "export",
    "generate",
    "training_table",
]
