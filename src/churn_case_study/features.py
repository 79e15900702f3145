"""Cleaning helpers and the point-in-time correct training table.

The training table answers one question per row: *standing at midnight on `snapshot_date`, with
only the data the warehouse had by then, will this active subscriber's subscription end in the
next `horizon_days` days?*

Point-in-time rules:

* usage events count only if `ingested_at < snapshot_date` (late events are invisible until
  they arrive, exactly as in production); windows are then placed on `event_time`;
* payments and tickets count only if `billed_at` / `created_at` is before the snapshot; a
  ticket is open if it was not resolved before the snapshot; satisfaction is known from the
  moment the ticket was resolved;
* `payments.status == "refunded"` is never used (it is set after the fact);
* static attributes (plan, country, channel, device, birth year) come from tables that do not
  change in this dataset.

The label uses the future on purpose: `churned` is 1 if the subscription active at the
snapshot has `end_date` in `[snapshot_date, snapshot_date + horizon_days)`. A customer who
cancels and later comes back still counts as churned for that snapshot.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import numpy as np
import pandas as pd

from churn_case_study import constants as C
from churn_case_study.schema import CaseStudy

DAY_US: Final = 86_400 * 10**6
HISTORY_MONTHS: Final = 2
"""Default snapshots skip the first two months so every snapshot has some history."""

CATEGORICAL_COLUMNS: Final = {
    "plan": C.PLANS,
    "country": C.COUNTRIES,
    "acquisition_channel": C.CHANNELS,
    "device": C.DEVICES,
}
"""Columns of the training table stored as pandas `category`, with their fixed categories.

The categories are the clean spellings of [`constants`][churn_case_study.constants] (`PLANS`,
`COUNTRIES`, `CHANNELS`, `DEVICES`), in that order. Fixing them means every split of the table,
and every seed, shares the same category codes, so an encoder fitted on one split works on
another.
"""

TRAINING_COLUMNS: Final = {
    "customer_id": "str",
    "snapshot_date": "datetime64[us]",
    "tenure_days": "int64",
    "plan": "category",
    "monthly_price": "float64",
    "discount_active": "bool",
    "is_returning": "bool",
    "country": "category",
    "acquisition_channel": "category",
    "device": "category",
    "age": "float64",
    "events_30d": "int64",
    "minutes_30d": "float64",
    "minutes_prev_30d": "float64",
    "minutes_trend": "float64",
    "days_since_last_event": "float64",
    "failed_payments_90d": "int64",
    "tickets_90d": "int64",
    "open_tickets": "int64",
    "last_ticket_satisfaction": "float64",
    "churned": "int64",
}
"""Columns and pandas dtypes (as `str(dtype)`) of the training table, in order.

[`training_table`][churn_case_study.training_table] describes each column; `churned` is the
label and `customer_id` and `snapshot_date` identify the row, so the features are the other 18.
"""


# --- Cleaning ------------------------------------------------------------------------------------


def clean_customers(customers: pd.DataFrame) -> pd.DataFrame:
    """Fix the known problems of the raw `customers` table.

    * drops exact duplicate rows (one row per `customer_id` remains);
    * normalises `acquisition_channel` (strip, lower case) and `country` (`"UK"` → `"GB"`);
    * turns the placeholder `birth_year == 1900` into `<NA>`.

    Args:
        customers: The raw table, e.g. `generate().customers`. Not modified.

    Returns:
        A cleaned copy with the same columns and a fresh `RangeIndex`: one row per customer.

    Examples:
        >>> from churn_case_study import clean_customers, generate
        >>> raw = generate(seed=0, n_customers=200).customers
        >>> len(raw), raw["customer_id"].nunique()  # one customer is in the table twice
        (201, 200)
        >>> sorted(raw["country"].unique())
        ['BR', 'CA', 'DE', 'FR', 'GB', 'IN', 'UK', 'US']
        >>> clean = clean_customers(raw)
        >>> len(clean), clean["customer_id"].is_unique
        (200, True)
        >>> sorted(clean["country"].unique())
        ['BR', 'CA', 'DE', 'FR', 'GB', 'IN', 'US']
        >>> sorted(clean["acquisition_channel"].unique())
        ['organic', 'paid_search', 'partner', 'referral', 'social']
        >>> int((raw["birth_year"] == 1900).sum()), int((clean["birth_year"] == 1900).sum())
        (2, 0)
    """
    out = customers.drop_duplicates(ignore_index=True)
    out["acquisition_channel"] = out["acquisition_channel"].str.strip().str.lower()
    out["country"] = out["country"].str.strip().str.upper().replace({"UK": "GB"})
    out["birth_year"] = out["birth_year"].mask(out["birth_year"] <= 1900)
    return out


def clean_usage_events(usage_events: pd.DataFrame) -> pd.DataFrame:
    """Fix the known problems of the raw `usage_events` table.

    * drops duplicate events (same `event_id`; the duplicates are exact copies);
    * sets impossible durations (negative, or above
      [`MAX_PLAUSIBLE_MINUTES`][churn_case_study.constants.MAX_PLAUSIBLE_MINUTES]) to `NaN`.

    Late-arriving events are *kept*: whether they may be used depends on the question, which is
    what `ingested_at` is for.

    Args:
        usage_events: The raw table, e.g. `generate().usage_events`. Not modified.

    Returns:
        A cleaned copy with the same columns and a fresh `RangeIndex`: one row per `event_id`.

    Examples:
        >>> from churn_case_study import clean_usage_events, generate
        >>> raw = generate(seed=0, n_customers=200).usage_events
        >>> raw["event_id"].is_unique
        False
        >>> int((raw["duration_minutes"] < 0).sum())  # a client clock bug
        34
        >>> events = clean_usage_events(raw)
        >>> events["event_id"].is_unique
        True
        >>> int((events["duration_minutes"] < 0).sum())
        0
    """
    out = usage_events.drop_duplicates("event_id", ignore_index=True)
    minutes = out["duration_minutes"]
    out["duration_minutes"] = minutes.where((minutes >= 0) & (minutes <= C.MAX_PLAUSIBLE_MINUTES))
    return out


# --- Snapshots -----------------------------------------------------------------------------------


def default_snapshot_dates(horizon_days: int = 30) -> pd.DatetimeIndex:
    """First of each month from March 2024 while the label window is fully observed.

    The first two months are skipped so that every snapshot has some history behind it; the last
    snapshot is the latest first-of-month whose label window ends by the data cutoff
    ([`DATA_CUTOFF`][churn_case_study.constants.DATA_CUTOFF], 2026-01-01).

    Args:
        horizon_days: Length of the label window in days; the last snapshot satisfies
            `snapshot + horizon_days <= DATA_CUTOFF`.

    Returns:
        The snapshot dates, midnight timestamps in microseconds, ascending (22 of them for the
        default 30-day horizon).

    Examples:
        >>> from churn_case_study import default_snapshot_dates
        >>> dates = default_snapshot_dates()
        >>> len(dates)
        22
        >>> print(dates[0].date(), dates[-1].date())
        2024-03-01 2025-12-01
        >>> print(default_snapshot_dates(horizon_days=60)[-1].date())
        2025-11-01
    """
    first = C.START_DATE + pd.DateOffset(months=HISTORY_MONTHS)
    last = C.DATA_CUTOFF - pd.Timedelta(days=horizon_days)
    return pd.date_range(first, last, freq="MS", unit="us")


def _validate_snapshots(snapshot_dates: Iterable, horizon_days: int) -> pd.DatetimeIndex:
    snaps = pd.DatetimeIndex(pd.to_datetime(list(snapshot_dates))).as_unit("us")
    snaps = snaps.sort_values().unique()
    if len(snaps) == 0:
        raise ValueError("snapshot_dates is empty")
    if (snaps != snaps.normalize()).any():
        raise ValueError("snapshot dates must be midnight timestamps (dates)")
    too_late = snaps + pd.Timedelta(days=horizon_days) > C.DATA_CUTOFF
    if too_late.any():
        raise ValueError(
            f"label window not fully observed for {list(snaps[too_late].strftime('%Y-%m-%d'))}: "
            f"snapshot + {horizon_days} days must be <= {C.DATA_CUTOFF.date()}"
        )
    return snaps


# --- Training table ------------------------------------------------------------------------------


def training_table(
    data: CaseStudy,
    snapshot_dates: Iterable | None = None,
    horizon_days: int = 30,
) -> pd.DataFrame:
    """One row per (active subscriber, snapshot) with point-in-time features and a churn label.

    A customer is *active* at a snapshot if a subscription started before it and had not ended
    (`start_date < snapshot_date <= end_date` or `end_date` is `NaT`). The raw tables are
    cleaned first with [`clean_customers`][churn_case_study.clean_customers] and
    [`clean_usage_events`][churn_case_study.clean_usage_events].

    Columns (pandas dtypes as in
    [`TRAINING_COLUMNS`][churn_case_study.TRAINING_COLUMNS]):

    - `customer_id` (str).
    - `snapshot_date` (datetime): midnight; features use only data known strictly before it.
    - `tenure_days` (int64): days since the *current* subscription started.
    - `plan` (category): basic, standard, premium.
    - `monthly_price` (float64): USD list price of the plan on the snapshot date (standard:
      12.99, then 15.99 from 2025-07-01).
    - `discount_active` (bool): the introductory discount has not ended yet.
    - `is_returning` (bool): the customer had an earlier, ended subscription (win-back).
    - `country` (category): cleaned (`UK` → `GB`).
    - `acquisition_channel` (category): cleaned (stripped, lower case).
    - `device` (category): device at signup.
    - `age` (float64): snapshot year minus birth year; `NaN` if unknown or placeholder.
    - `events_30d` (int64): events with `event_time` in the last 30 days, among those
      ingested before the snapshot.
    - `minutes_30d` (float64): sum of valid `duration_minutes` over those events (0 if none).
    - `minutes_prev_30d` (float64): the same for days 31–60 before the snapshot. For
      subscriptions younger than 60 days this window starts before the subscription, so it is
      small and the trend looks positive.
    - `minutes_trend` (float64): `log1p(minutes_30d) - log1p(minutes_prev_30d)`; negative
      means usage is falling.
    - `days_since_last_event` (float64): days (fractional) since the latest known event of
      the customer, earlier subscriptions included; `NaN` if none.
    - `failed_payments_90d` (int64): failed charges billed in the last 90 days.
    - `tickets_90d` (int64): tickets created in the last 90 days.
    - `open_tickets` (int64): tickets created before, and not resolved before, the snapshot.
    - `last_ticket_satisfaction` (float64): survey score (1–5) of the most recently resolved
      ticket; `NaN` if no ticket was resolved yet or the survey was not answered.
    - `churned` (int64): the label, 1 if the subscription ends within `horizon_days`.

    Categorical columns use pandas `category` with the fixed categories of
    [`CATEGORICAL_COLUMNS`][churn_case_study.CATEGORICAL_COLUMNS], so different
    splits share the same codes.

    Args:
        data: A generated case study.
        snapshot_dates: Midnight timestamps (anything `pd.to_datetime` accepts). Default:
            [`default_snapshot_dates`][churn_case_study.default_snapshot_dates].
        horizon_days: Length of the label window in days.

    Returns:
        The table, sorted by `snapshot_date` then `customer_id`, with a `RangeIndex`.

    Raises:
        ValueError: If `snapshot_dates` is empty, a snapshot is not a midnight timestamp, or a
            snapshot's label window extends past the end of the data.

    Examples:
        >>> from churn_case_study import TRAINING_COLUMNS, generate, training_table
        >>> data = generate(seed=0, n_customers=200)
        >>> table = training_table(data)
        >>> table.dtypes.astype(str).to_dict() == TRAINING_COLUMNS
        True
        >>> table["snapshot_date"].nunique()  # the 22 default snapshots
        22
        >>> table[["customer_id", "snapshot_date", "plan", "tenure_days", "churned"]].head(3)
          customer_id snapshot_date      plan  tenure_days  churned
        0     C000001    2024-03-01   premium           58        0
        1     C000002    2024-03-01  standard           55        0
        2     C000003    2024-03-01     basic           53        0
        >>> table["churned"].value_counts().to_dict()  # about one row in 20 churns
        {0: 1258, 1: 72}

        One snapshot, with a 60-day label window:

        >>> june = training_table(data, snapshot_dates=["2025-06-01"], horizon_days=60)
        >>> june.shape
        (82, 21)

        A label window must end by the data cutoff (2026-01-01):

        >>> training_table(data, snapshot_dates=["2025-12-15"])
        Traceback (most recent call last):
            ...
        ValueError: label window not fully observed for ['2025-12-15']:
        snapshot + 30 days must be <= 2026-01-01
    """
    if snapshot_dates is None:
        snaps = default_snapshot_dates(horizon_days)
    else:
        snaps = _validate_snapshots(snapshot_dates, horizon_days)
    customers = clean_customers(data.customers)
    customer_index = pd.Index(customers["customer_id"])

    rows = _active_rows(data.subscriptions, snaps)
    code = customer_index.get_indexer(rows["customer_id"])
    snap_pos = rows["snapshot_pos"].to_numpy()
    n_customers = len(customer_index)
    windows = [
        _usage_features(data.usage_events, customer_index, snaps),
        _payment_features(data.payments, customer_index, snaps),
        _ticket_features(data.support_tickets, customer_index, snaps),
    ]
    features: dict[str, np.ndarray] = {}
    for window in windows:
        for name, matrix in window.items():  # matrix: (n_snapshots, n_customers)
            features[name] = matrix.reshape(-1)[snap_pos * n_customers + code]

    snapshot = rows["snapshot_date"]
    static = customers.iloc[code].reset_index(drop=True)
    birth_year = static["birth_year"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    # Durations have one decimal; rounding removes float noise from the sums.
    minutes_30d = np.round(features["minutes_30d"], 1)
    minutes_prev = np.round(features["minutes_prev_30d"], 1)
    table = pd.DataFrame(
        {
            "customer_id": rows["customer_id"],
            "snapshot_date": snapshot,
            "tenure_days": (snapshot - rows["start_date"]).dt.days.astype(np.int64),
            "plan": rows["plan"],
            "monthly_price": _list_prices(rows["plan"], snapshot),
            "discount_active": (rows["discount_end_date"] > snapshot).to_numpy(),
            "is_returning": rows["is_returning"].to_numpy(),
            "country": static["country"],
            "acquisition_channel": static["acquisition_channel"],
            "device": static["device"],
            "age": snapshot.dt.year.to_numpy() - birth_year,
            "events_30d": features["events_30d"].astype(np.int64),
            "minutes_30d": minutes_30d,
            "minutes_prev_30d": minutes_prev,
            "minutes_trend": np.round(np.log1p(minutes_30d) - np.log1p(minutes_prev), 4),
            "days_since_last_event": np.round(features["days_since_last_event"], 4),
            "failed_payments_90d": features["failed_payments_90d"].astype(np.int64),
            "tickets_90d": features["tickets_90d"].astype(np.int64),
            "open_tickets": features["open_tickets"].astype(np.int64),
            "last_ticket_satisfaction": features["last_ticket_satisfaction"],
            "churned": (rows["end_date"] < snapshot + pd.Timedelta(days=horizon_days)).to_numpy(
                dtype=np.int64
            ),
        }
    )
    for column, categories in CATEGORICAL_COLUMNS.items():
        table[column] = pd.Categorical(table[column], categories=list(categories))
    return table


def _active_rows(subscriptions: pd.DataFrame, snaps: pd.DatetimeIndex) -> pd.DataFrame:
    """The subscription active at each snapshot, one row per (customer, snapshot)."""
    subs = subscriptions[
        ["customer_id", "plan", "start_date", "end_date", "discount_end_date"]
    ].reset_index(drop=True)
    first_start = subs.groupby("customer_id")["start_date"].transform("min")
    subs["is_returning"] = subs["start_date"] > first_start
    grid = pd.DataFrame({"snapshot_date": snaps, "snapshot_pos": np.arange(len(snaps))})
    rows = subs.merge(grid, how="cross")
    active = (rows["start_date"] < rows["snapshot_date"]) & (
        rows["end_date"].isna() | (rows["end_date"] >= rows["snapshot_date"])
    )
    rows = rows[active].sort_values(["snapshot_date", "customer_id"], kind="stable")
    return rows.reset_index(drop=True)


def _list_prices(plan: pd.Series, snapshot: pd.Series) -> np.ndarray:
    base = plan.map(C.BASE_PRICES_USD).to_numpy(dtype=float)
    repriced = (plan == C.REPRICED_PLAN) & (snapshot >= C.PRICE_INCREASE_DATE)
    return np.where(repriced.to_numpy(), C.NEW_PRICE_USD, base)


def _micros(values: pd.Series) -> np.ndarray:
    """Timestamps as int64 microseconds since the epoch (NaT becomes the int64 minimum)."""
    return values.to_numpy(dtype="datetime64[us]").astype(np.int64)


def _codes(customer_id: pd.Series, customer_index: pd.Index) -> np.ndarray:
    return customer_index.get_indexer(customer_id)


def _usage_features(
    usage_events: pd.DataFrame, customer_index: pd.Index, snaps: pd.DatetimeIndex
) -> dict[str, np.ndarray]:
    events = clean_usage_events(usage_events)
    code = _codes(events["customer_id"], customer_index)
    event_t = _micros(events["event_time"])
    ingested_t = _micros(events["ingested_at"])
    minutes = events["duration_minutes"].fillna(0.0).to_numpy()
    shape = (len(snaps), len(customer_index))
    out = {
        name: np.zeros(shape)
        for name in ("events_30d", "minutes_30d", "minutes_prev_30d", "days_since_last_event")
    }
    n = shape[1]
    for k, s in enumerate(snaps.asi8):
        known = ingested_t < s  # the point-in-time rule; implies event_time < s
        last30 = known & (event_t >= s - 30 * DAY_US)
        prev30 = known & (event_t >= s - 60 * DAY_US) & ~last30
        out["events_30d"][k] = np.bincount(code[last30], minlength=n)
        out["minutes_30d"][k] = np.bincount(code[last30], weights=minutes[last30], minlength=n)
        out["minutes_prev_30d"][k] = np.bincount(code[prev30], weights=minutes[prev30], minlength=n)
        latest = np.full(n, np.iinfo(np.int64).min)
        np.maximum.at(latest, code[known], event_t[known])
        out["days_since_last_event"][k] = np.where(
            latest > np.iinfo(np.int64).min, (s - latest) / DAY_US, np.nan
        )
    return out


def _payment_features(
    payments: pd.DataFrame, customer_index: pd.Index, snaps: pd.DatetimeIndex
) -> dict[str, np.ndarray]:
    failed = payments[payments["status"] == "failed"]
    code = _codes(failed["customer_id"], customer_index)
    billed_t = _micros(failed["billed_at"])
    n = len(customer_index)
    out = np.zeros((len(snaps), n))
    for k, s in enumerate(snaps.asi8):
        recent = (billed_t < s) & (billed_t >= s - 90 * DAY_US)
        out[k] = np.bincount(code[recent], minlength=n)
    return {"failed_payments_90d": out}


def _ticket_features(
    tickets: pd.DataFrame, customer_index: pd.Index, snaps: pd.DatetimeIndex
) -> dict[str, np.ndarray]:
    tickets = tickets.sort_values("resolved_at", kind="stable", na_position="last")
    code = _codes(tickets["customer_id"], customer_index)
    created_t = _micros(tickets["created_at"])
    resolved = tickets["resolved_at"].notna().to_numpy()
    resolved_t = np.where(resolved, _micros(tickets["resolved_at"]), np.iinfo(np.int64).max)
    satisfaction = tickets["satisfaction"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    position = np.arange(len(tickets))  # sorted by resolution time: larger = more recent
    n = len(customer_index)
    shape = (len(snaps), n)
    out = {
        "tickets_90d": np.zeros(shape),
        "open_tickets": np.zeros(shape),
        "last_ticket_satisfaction": np.full(shape, np.nan),
    }
    for k, s in enumerate(snaps.asi8):
        created = created_t < s
        done = resolved_t < s
        out["tickets_90d"][k] = np.bincount(
            code[created & (created_t >= s - 90 * DAY_US)], minlength=n
        )
        out["open_tickets"][k] = np.bincount(code[created & ~done], minlength=n)
        latest = np.full(n, -1)
        np.maximum.at(latest, code[done], position[done])
        has = latest >= 0
        out["last_ticket_satisfaction"][k, has] = satisfaction[latest[has]]
    return out
