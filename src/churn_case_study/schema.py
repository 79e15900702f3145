"""The [`CaseStudy`][churn_case_study.CaseStudy] container and the column reference.

[`SCHEMA`][churn_case_study.SCHEMA] maps every table (including `truth`) to its
columns and pandas dtypes, in column order. Dtype conventions:

* text columns use pandas' default string dtype (`str`; missing values are `NaN`);
* timestamps are `datetime64[us]`, naive, in UTC; dates are timestamps at midnight;
* nullable integers (`birth_year`, `satisfaction`) use `Int64` so that they stay
  integers in CSV files; missing values are `<NA>`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Final

import pandas as pd

TABLES: Final = ("customers", "subscriptions", "usage_events", "payments", "support_tickets")
"""Names of the five observable tables, in a fixed order.

It is the order of [`CaseStudy.as_dict`][churn_case_study.CaseStudy.as_dict] and the stem of each
file [`export`][churn_case_study.export] writes (`customers.csv`, ...). The sixth frame, `truth`,
is deliberately not in it.
"""

SCHEMA: Final[dict[str, dict[str, str]]] = {
    "customers": {
        "customer_id": "str",
        "signup_date": "datetime64[us]",
        "country": "str",
        "acquisition_channel": "str",
        "device": "str",
        "birth_year": "Int64",
    },
    "subscriptions": {
        "subscription_id": "str",
        "customer_id": "str",
        "plan": "str",
        "monthly_price": "float64",
        "start_date": "datetime64[us]",
        "end_date": "datetime64[us]",
        "cancel_reason": "str",
        "discount_pct": "int64",
        "discount_end_date": "datetime64[us]",
    },
    "usage_events": {
        "event_id": "int64",
        "customer_id": "str",
        "event_time": "datetime64[us]",
        "ingested_at": "datetime64[us]",
        "event_type": "str",
        "duration_minutes": "float64",
    },
    "payments": {
        "payment_id": "str",
        "customer_id": "str",
        "subscription_id": "str",
        "billed_at": "datetime64[us]",
        "amount": "float64",
        "currency": "str",
        "status": "str",
    },
    "support_tickets": {
        "ticket_id": "str",
        "customer_id": "str",
        "created_at": "datetime64[us]",
        "resolved_at": "datetime64[us]",
        "category": "str",
        "priority": "str",
        "satisfaction": "Int64",
    },
    "truth": {
        "customer_id": "str",
        "latent_engagement": "float64",
        "frailty": "float64",
        "payment_failure_prob": "float64",
        "monthly_risk": "float64",
        "first_at_risk_date": "datetime64[us]",
        "first_end_date": "datetime64[us]",
        "first_end_cause": "str",
        "n_subscriptions": "int64",
    },
}
"""Columns and pandas dtypes (as `str(dtype)`) of every table, `truth` included, in column order.

[`generate`][churn_case_study.generate] checks every table against it, so
`{column: str(dtype) for column, dtype in df.dtypes.items()} == SCHEMA[name]` always holds. The
meaning of each column is on [`CaseStudy`][churn_case_study.CaseStudy].
"""


@dataclass(frozen=True)
class CaseStudy:
    """One generated world of Lumen, the subscription learning app.

    Each attribute is a pandas DataFrame. [`generate`][churn_case_study.generate] hands out fresh
    copies, so mutating them is safe and does not affect other callers.

    Column types below are pandas dtypes (see [`SCHEMA`][churn_case_study.SCHEMA]).

    # customers: one row per signup (plus a few duplicates)

    - `customer_id` (str): `"C000001"`… in signup order. **Not unique**: ~0.6% of rows are
      exact duplicates (an ingestion bug).
    - `signup_date` (datetime): day of the first subscription, 2024-01-01 to 2025-12-31.
    - `country` (str): US, GB, DE, IN, CA, BR, FR, skewed towards US. About a fifth of GB
      customers are spelled `"UK"`.
    - `acquisition_channel` (str): organic, paid_search, social, referral, partner. ~4% of
      values have stray casing or whitespace (`" Paid_Search"`, `"SOCIAL"`, `"referral "`).
      The mix drifts: social grows from about 10% of signups in 2024 to about a third by late
      2025.
    - `device` (str): ios, android, web; the device used at signup.
    - `birth_year` (Int64): self-reported; ~14% missing, ~0.5% set to the form default `1900`.

    # subscriptions: one row per subscription

    - `subscription_id` (str): `"S000001"`… in start order.
    - `customer_id` (str): a few customers have a second (or third) subscription after
      cancelling (win-back). Subscriptions of one customer never overlap.
    - `plan` (str): basic, standard, premium.
    - `monthly_price` (float64): USD list price **at the start** of the subscription. The
      standard plan went from 12.99 to 15.99 on 2025-07-01 for everyone, but older rows keep
      12.99 (`payments` shows what was charged).
    - `start_date` (datetime): first day of access.
    - `end_date` (datetime): first day without access; `NaT` while active.
    - `cancel_reason` (str): `NaN` while active, and for ~15% of voluntary cancellations.
      `payment_failed` marks involuntary churn (the charge and two retries failed).
    - `discount_pct` (int64): introductory discount (0, 20 or 50), mostly for social, partner
      and referral signups.
    - `discount_end_date` (datetime): when the discount stops (start + 3 months); `NaT`
      without discount. Churn spikes right after it (the "promo cliff").

    # usage_events: one row per in-app event (plus duplicates)

    - `event_id` (int64): ~2% of rows are exact duplicates (same `event_id`, same values).
    - `customer_id` (str).
    - `event_time` (datetime): when it happened on the device.
    - `ingested_at` (datetime): when it reached the warehouse. Usually seconds later, but
      ~4% (mostly mobile, used offline) arrive days late. Events ingested after the
      extraction moment (2026-01-01) are absent. **Point-in-time features must filter on
      this column.**
    - `event_type` (str): app_open, lesson_started, lesson_completed, quiz_attempt, search,
      download (mobile only).
    - `duration_minutes` (float64): time spent. ~3% missing (more on web), ~0.3% negative (a
      clock bug) and ~0.1% absurd (thousands of minutes: the app was left open).

    # payments: one row per charge attempt

    - `payment_id` (str): `"P0000001"`… in billing order.
    - `customer_id`, `subscription_id` (str).
    - `billed_at` (datetime): nightly billing run on the monthly anniversary of `start_date`;
      a failed charge is retried 3 and then 4 days later.
    - `amount` (float64): in `currency`, after any discount (local = USD ×
      [`FX_TO_LOCAL`][churn_case_study.constants.FX_TO_LOCAL]`[currency]`).
    - `currency` (str): mostly USD; GBP for GB, EUR for DE and FR.
    - `status` (str): paid, failed, refunded. **Leaky**: `refunded` is the *current* status,
      set when the refund happened, typically days later and shortly before a cancellation.
      Never use it as a point-in-time feature.

    # support_tickets: one row per ticket

    - `ticket_id` (str): `"T000001"`… in creation order.
    - `customer_id` (str).
    - `created_at` (datetime).
    - `resolved_at` (datetime): `NaT` if still open at extraction (~3% are never resolved).
    - `category` (str): billing, bug, how_to, cancellation. Bug tickets spike after the
      2025-03-15 release; billing tickets follow failed payments.
    - `priority` (str): low, medium, high, urgent.
    - `satisfaction` (Int64): 1–5 survey answer given at resolution; missing for most tickets.

    # truth: for teaching only

    Latent quantities no real company could observe, one row per customer (deduplicated):

    - `latent_engagement` (float64): the customer's baseline log usage intensity.
    - `frailty` (float64): unobserved personal churn propensity, a logit offset.
    - `payment_failure_prob` (float64): chance that a regular charge fails.
    - `monthly_risk` (float64): chance of becoming *at risk* within 30 days, at the
      customer's average daily rate while subscribed and not yet at risk.
    - `first_at_risk_date` (datetime): first day the customer was at risk; `NaT` if never.
    - `first_end_date` (datetime): end of the first subscription; `NaT` if still running.
    - `first_end_cause` (str): `at_risk`, `unpredictable` (a random cancellation no feature
      can foresee) or `payment_failed`; `NaN` if the first subscription is still running.
    - `n_subscriptions` (int64): number of subscriptions, win-backs included.

    Use it to show what a model can and cannot recover; never as a feature.

    Attributes:
        customers: Customer master data (see above).
        subscriptions: Subscription history.
        usage_events: In-app events with ingestion times.
        payments: Charge attempts.
        support_tickets: Support tickets.
        truth: Ground truth per customer, for teaching only.
        seed: Seed the data was generated with.
        n_customers: Number of distinct customers.

    Examples:
        >>> from churn_case_study import generate
        >>> data = generate(seed=0, n_customers=200)
        >>> data.seed, data.n_customers
        (0, 200)
        >>> data.customers.columns.tolist()
        ['customer_id', 'signup_date', 'country', 'acquisition_channel', 'device', 'birth_year']
        >>> data.customers.head(3)
          customer_id signup_date country acquisition_channel   device  birth_year
        0     C000001  2024-01-03      US             organic      ios        1989
        1     C000002  2024-01-06      BR             organic  android        1980
        2     C000003  2024-01-08      US              social  android        <NA>
        >>> len(data.truth) == data.n_customers  # one row per customer, never exported
        True
    """

    customers: pd.DataFrame = field(repr=False)
    subscriptions: pd.DataFrame = field(repr=False)
    usage_events: pd.DataFrame = field(repr=False)
    payments: pd.DataFrame = field(repr=False)
    support_tickets: pd.DataFrame = field(repr=False)
    truth: pd.DataFrame = field(repr=False)
    seed: int = 0
    n_customers: int = 0

    def as_dict(self) -> dict[str, pd.DataFrame]:
        """The five observable tables by name, in the order of [`TABLES`][churn_case_study.TABLES].

        The ground truth (`truth`) is left out: it is not data a company would have.

        Returns:
            A new dict from table name to DataFrame. The values are this object's DataFrames
            themselves, not copies.

        Examples:
            >>> from churn_case_study import generate
            >>> tables = generate(seed=0, n_customers=200).as_dict()
            >>> for name, df in tables.items():
            ...     print(f"{name:16} {df.shape}")
            customers        (201, 6)
            subscriptions    (210, 9)
            usage_events     (13216, 6)
            payments         (1561, 7)
            support_tickets  (150, 7)
        """
        return {name: getattr(self, name) for name in TABLES}

    def copy(self) -> CaseStudy:
        """A copy whose DataFrames can be mutated without touching this one.

        [`generate`][churn_case_study.generate] already returns a copy; use this to keep an
        untouched version of data you are about to change.

        Returns:
            A new [`CaseStudy`][churn_case_study.CaseStudy] with deep copies of all six frames
            and the same `seed` and `n_customers`.

        Examples:
            >>> from churn_case_study import generate
            >>> data = generate(seed=0, n_customers=200)
            >>> scratch = data.copy()
            >>> scratch.customers["country"] = "XX"
            >>> data.customers["country"].iloc[0]
            'US'
        """
        frames = {
            f.name: getattr(self, f.name).copy()
            for f in fields(self)
            if isinstance(getattr(self, f.name), pd.DataFrame)
        }
        return CaseStudy(**frames, seed=self.seed, n_customers=self.n_customers)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}={len(df):,}" for name, df in self.as_dict().items())
        return f"CaseStudy(seed={self.seed}, n_customers={self.n_customers:,}, {sizes})"
