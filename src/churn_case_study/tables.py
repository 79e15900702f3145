"""Turn the latent simulation into the messy observable tables; home of `generate`.

The simulation (`churn_case_study.simulation`) decides *what happened*; this module
decides *what the warehouse recorded*: identifiers, timestamps with times of day, local
currencies, late ingestion, duplicate rows, inconsistent spellings, missing answers and client
bugs. Every quirk is drawn from the same seeded generator, so the mess is reproducible.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

import numpy as np
import pandas as pd

from churn_case_study import constants as C
from churn_case_study import simulation as sim
from churn_case_study.schema import SCHEMA, CaseStudy

SECONDS_PER_DAY: Final = 86_400

# --- Messiness rates -----------------------------------------------------------------------------

CUSTOMER_DUPLICATE_RATE: Final = 0.006
CHANNEL_MISSPELLING_RATE: Final = 0.04
UK_SPELLING_RATE: Final = 0.2
BIRTH_YEAR_MISSING_RATE: Final = 0.14
BIRTH_YEAR_PLACEHOLDER_RATE: Final = 0.005
BIRTH_YEAR_PLACEHOLDER: Final = 1900
CANCEL_REASON_MISSING_RATE: Final = 0.15
REFUND_BEFORE_CANCEL_P: Final = 0.35
REFUND_BEFORE_CANCEL_DAYS: Final = 14
REFUND_BASE_P: Final = 0.004
TICKET_NEVER_RESOLVED_RATE: Final = 0.03
SURVEY_RESPONSE_RATE: Final = 0.4
EVENT_DUPLICATE_RATE: Final = 0.02
DURATION_MISSING_RATE: Final = {"mobile": 0.02, "web": 0.06}
DURATION_NEGATIVE_RATE: Final = 0.003
DURATION_ABSURD_RATE: Final = 0.001
LATE_EVENT_RATE: Final = {"mobile": 0.05, "web": 0.015}
LATE_DELAY_MEDIAN_DAYS: Final = 2.0

# --- Event shape ---------------------------------------------------------------------------------

EVENT_TYPE_P: Final = np.array([0.30, 0.25, 0.18, 0.10, 0.10, 0.07])
EVENT_MEDIAN_MINUTES: Final = np.array([1.0, 12.0, 3.0, 6.0, 1.5, 0.5])
EVENT_MINUTES_SIGMA: Final = 0.6
TICKET_MEDIAN_HOURS: Final = np.array([12.0, 48.0, 6.0, 4.0])  # billing, bug, how_to, cancellation
TICKET_PRIORITY_P: Final = np.array(
    [
        [0.20, 0.50, 0.25, 0.05],
        [0.15, 0.40, 0.35, 0.10],
        [0.60, 0.35, 0.05, 0.00],
        [0.30, 0.50, 0.15, 0.05],
    ]
)
CANCEL_REASON_WEIGHTS: Final = np.array([0.25, 0.30, 0.10, 0.25, 0.10])  # voluntary reasons
UNPREDICTABLE_REASON_WEIGHTS: Final = np.array([0.10, 0.10, 0.02, 0.18, 0.60])


def generate(seed: int = 0, n_customers: int = 5000) -> CaseStudy:
    """Generate (or fetch from the cache) the Lumen case-study data.

    The result is cached per `(seed, n_customers)` (up to eight of them); every call returns
    fresh copies of the cached frames, so callers may mutate what they get. The default world,
    5,000 customers, takes about a second to simulate the first time.

    Args:
        seed: Seed of the random generator: same seed, same data (byte for byte).
        n_customers: Number of distinct customers who sign up over 2024–2025. The raw
            `customers` table has a few more rows, because of duplicates.

    Returns:
        The five observable tables plus the ground truth (`truth`), as a
        [`CaseStudy`][churn_case_study.CaseStudy].

    Raises:
        ValueError: If `n_customers` is not positive.

    Examples:
        >>> from churn_case_study import generate
        >>> data = generate(seed=0, n_customers=200)
        >>> list(data.as_dict())
        ['customers', 'subscriptions', 'usage_events', 'payments', 'support_tickets']
        >>> data.customers["customer_id"].nunique()
        200
        >>> generate(seed=0, n_customers=200).usage_events.equals(data.usage_events)
        True
        >>> generate(seed=1, n_customers=200).usage_events.equals(data.usage_events)
        False
        >>> generate(n_customers=0)
        Traceback (most recent call last):
            ...
        ValueError: n_customers must be positive, got 0
    """
    if n_customers < 1:
        raise ValueError(f"n_customers must be positive, got {n_customers}")
    return _generate_cached(int(seed), int(n_customers)).copy()


@lru_cache(maxsize=8)
def _generate_cached(seed: int, n_customers: int) -> CaseStudy:
    rng = np.random.default_rng(seed)
    result = sim.simulate(rng, n_customers)
    ids = _prefixed_ids("C", n_customers, 6)
    frames = {
        "customers": _customers(rng, result, ids),
        "subscriptions": _subscriptions(rng, result, ids),
        "usage_events": _usage_events(rng, result, ids),
        "payments": _payments(rng, result, ids),
        "support_tickets": _support_tickets(rng, result, ids),
        "truth": _truth(result, ids),
    }
    for name, df in frames.items():
        _check_schema(name, df)
    return CaseStudy(**frames, seed=seed, n_customers=n_customers)


# --- Helpers -------------------------------------------------------------------------------------


def _prefixed_ids(prefix: str, n: int, width: int) -> np.ndarray:
    """`prefix` plus a zero-padded 1-based counter, e.g. `"S000001"`."""
    return np.array([f"{prefix}{i:0{width}d}" for i in range(1, n + 1)], dtype=object)


def _timestamps(day: np.ndarray | int, seconds: np.ndarray | int = 0) -> np.ndarray:
    """Day offsets plus seconds into the day, as `datetime64[us]`."""
    total = np.asarray(day, dtype=np.int64) * SECONDS_PER_DAY + np.asarray(seconds, dtype=np.int64)
    return (np.datetime64(C.START_DATE.date(), "s") + total.astype("timedelta64[s]")).astype(
        "datetime64[us]"
    )


def _dates_or_nat(day: np.ndarray) -> np.ndarray:
    out = _timestamps(np.where(day >= 0, day, 0))
    out[day < 0] = np.datetime64("NaT")
    return out


def _text(values: np.ndarray | pd.Series) -> pd.Series:
    return pd.Series(values, dtype="str")


def _labels(codes: np.ndarray, names: tuple[str, ...]) -> np.ndarray:
    return np.asarray(names, dtype=object)[codes]


def _check_schema(name: str, df: pd.DataFrame) -> None:
    actual = {col: str(dtype) for col, dtype in df.dtypes.items()}
    if actual != SCHEMA[name]:
        raise RuntimeError(f"{name}: columns or dtypes differ from SCHEMA: {actual}")


def _with_duplicates(rng: np.random.Generator, df: pd.DataFrame, rate: float) -> pd.DataFrame:
    """Append exact copies of a random `rate` share of rows (an at-least-once pipeline)."""
    picked = rng.random(len(df)) < rate
    return pd.concat([df, df[picked]], ignore_index=True)


# --- Tables --------------------------------------------------------------------------------------


def _customers(rng: np.random.Generator, result: sim.Simulation, ids: np.ndarray) -> pd.DataFrame:
    cust = result.customers
    n = len(ids)
    country = _labels(cust["country"], C.COUNTRIES)
    country[(country == "GB") & (rng.random(n) < UK_SPELLING_RATE)] = "UK"

    channel = _labels(cust["channel"], C.CHANNELS)
    messy = rng.random(n) < CHANNEL_MISSPELLING_RATE
    variants = [
        str.upper,
        str.title,
        lambda s: " " + s,
        lambda s: s + " ",
        lambda s: " " + s.title(),
    ]
    which = rng.integers(len(variants), size=n)
    channel[messy] = [variants[k](c) for k, c in zip(which[messy], channel[messy], strict=True)]

    birth_year = pd.array(cust["birth_year"].astype(np.int64), dtype="Int64")
    u = rng.random(n)
    birth_year[u < BIRTH_YEAR_PLACEHOLDER_RATE] = BIRTH_YEAR_PLACEHOLDER
    birth_year[
        (u >= BIRTH_YEAR_PLACEHOLDER_RATE)
        & (u < BIRTH_YEAR_PLACEHOLDER_RATE + BIRTH_YEAR_MISSING_RATE)
    ] = pd.NA

    df = pd.DataFrame(
        {
            "customer_id": _text(ids),
            "signup_date": _timestamps(cust["signup_day"]),
            "country": _text(country),
            "acquisition_channel": _text(channel),
            "device": _text(_labels(cust["device"], C.DEVICES)),
            "birth_year": birth_year,
        }
    )
    df = _with_duplicates(rng, df, CUSTOMER_DUPLICATE_RATE)
    return df.sort_values("customer_id", kind="stable", ignore_index=True)


def _subscriptions(
    rng: np.random.Generator, result: sim.Simulation, ids: np.ndarray
) -> pd.DataFrame:
    subs = result.subscriptions
    n = len(subs["customer"])
    plan = _labels(subs["plan"], C.PLANS)
    start = _timestamps(subs["start_day"])
    price = np.array([C.list_price(p, pd.Timestamp(s)) for p, s in zip(plan, start, strict=True)])
    return pd.DataFrame(
        {
            "subscription_id": _text(_prefixed_ids("S", n, 6)),
            "customer_id": _text(ids[subs["customer"]]),
            "plan": _text(plan),
            "monthly_price": price,
            "start_date": start,
            "end_date": _dates_or_nat(subs["end_day"]),
            "cancel_reason": _text(_cancel_reasons(rng, subs)),
            "discount_pct": subs["discount_pct"].astype(np.int64),
            "discount_end_date": _dates_or_nat(subs["discount_end_day"]),
        }
    )


def _cancel_reasons(rng: np.random.Generator, subs: dict[str, np.ndarray]) -> np.ndarray:
    """Reasons follow the simulated cause; some voluntary ones are left blank."""
    kind = subs["end_kind"]
    flags = subs["end_flags"].astype(float)
    # Voluntary weights: too_expensive, not_using, technical_issues, found_alternative, personal.
    weights = np.where(
        (kind == sim.END_RANDOM)[:, None], UNPREDICTABLE_REASON_WEIGHTS, CANCEL_REASON_WEIGHTS
    ).copy()
    # Nudge each reason towards the driver active at cancellation (price, bugs, low usage).
    weights[:, 0] += 1.0 * flags[:, 0]
    weights[:, 2] += 0.8 * flags[:, 1]
    weights[:, 1] += 0.6 * flags[:, 2]
    codes = sim.choice_rows(rng, weights / weights.sum(axis=1, keepdims=True))
    reasons = _labels(codes, C.CANCEL_REASONS).astype(object)
    reasons[kind == sim.END_INVOLUNTARY] = "payment_failed"
    voluntary = (kind == sim.END_AT_RISK) | (kind == sim.END_RANDOM)
    reasons[voluntary & (rng.random(len(kind)) < CANCEL_REASON_MISSING_RATE)] = None
    reasons[kind == sim.END_NONE] = None
    return reasons


def _payments(rng: np.random.Generator, result: sim.Simulation, ids: np.ndarray) -> pd.DataFrame:
    pay, subs = result.payments, result.subscriptions
    n = len(pay["day"])
    sub = pay["subscription"].astype(np.int64)
    day = pay["day"].astype(np.int64)
    plan = pay["plan"].astype(np.int64)

    price = np.asarray([C.BASE_PRICES_USD[p] for p in C.PLANS])[plan]
    repriced = (plan == C.PLANS.index(C.REPRICED_PLAN)) & (
        day >= (C.PRICE_INCREASE_DATE - C.START_DATE).days
    )
    price = np.where(repriced, C.NEW_PRICE_USD, price)
    discount = np.where(pay["discount"] == 1, subs["discount_pct"][sub], 0) / 100
    country = result.customers["country"][pay["customer"].astype(np.int64)]
    currency_by_country = [C.CURRENCIES.get(c, "USD") for c in C.COUNTRIES]
    currency = np.array(currency_by_country, dtype=object)[country]
    fx = np.array([C.FX_TO_LOCAL[c] for c in currency_by_country])[country]
    amount = np.round(price * (1 - discount) * fx, 2)

    status = np.where(pay["failed"].astype(bool), "failed", "paid").astype(object)
    end_day = subs["end_day"][sub]
    voluntary = np.isin(subs["end_kind"][sub], [sim.END_AT_RISK, sim.END_RANDOM])
    soon_cancelled = voluntary & (end_day - day >= 0) & (end_day - day < REFUND_BEFORE_CANCEL_DAYS)
    refund_p = np.where(soon_cancelled, REFUND_BEFORE_CANCEL_P, REFUND_BASE_P)
    status[(status == "paid") & (rng.random(n) < refund_p)] = "refunded"

    seconds = 2 * 3600 + rng.integers(0, 3 * 3600, size=n)  # nightly billing run
    df = pd.DataFrame(
        {
            "customer_id": _text(ids[pay["customer"].astype(np.int64)]),
            "subscription_id": _text(_prefixed_ids("S", len(subs["customer"]), 6)[sub]),
            "billed_at": _timestamps(day, seconds),
            "amount": amount,
            "currency": _text(currency),
            "status": _text(status),
        }
    )
    df = df.sort_values(["billed_at", "customer_id"], kind="stable", ignore_index=True)
    df.insert(0, "payment_id", _text(_prefixed_ids("P", n, 7)))
    return df


def _support_tickets(
    rng: np.random.Generator, result: sim.Simulation, ids: np.ndarray
) -> pd.DataFrame:
    tk = result.tickets
    n = len(tk["day"])
    category = tk["category"].astype(np.int64)
    at_risk = tk["at_risk"].astype(bool)
    created_s = tk["day"].astype(np.int64) * SECONDS_PER_DAY + rng.integers(
        8 * 3600, 22 * 3600, size=n
    )
    hours = TICKET_MEDIAN_HOURS[category] * np.exp(rng.normal(0, 1.0, size=n))
    resolved_s = created_s + (hours * 3600).astype(np.int64)
    cutoff_s = (C.DATA_CUTOFF - C.START_DATE).days * SECONDS_PER_DAY
    resolved = (rng.random(n) >= TICKET_NEVER_RESOLVED_RATE) & (resolved_s < cutoff_s)

    # Unhappy (at-risk) customers, slow resolutions and bugs earn lower scores.
    days_open = hours / 24
    score = (
        4.3
        - 1.3 * at_risk
        - 0.35 * np.log1p(days_open)
        - 0.5 * (category == C.TICKET_CATEGORIES.index("bug"))
        + rng.normal(0, 0.8, size=n)
    )
    satisfaction = pd.array(np.clip(np.round(score), 1, 5).astype(np.int64), dtype="Int64")
    satisfaction[~(resolved & (rng.random(n) < SURVEY_RESPONSE_RATE))] = pd.NA

    resolved_at = _timestamps(0, resolved_s)
    resolved_at[~resolved] = np.datetime64("NaT")
    df = pd.DataFrame(
        {
            "customer_id": _text(ids[tk["customer"].astype(np.int64)]),
            "created_at": _timestamps(0, created_s),
            "resolved_at": resolved_at,
            "category": _text(_labels(category, C.TICKET_CATEGORIES)),
            "priority": _text(
                _labels(sim.choice_rows(rng, TICKET_PRIORITY_P[category]), C.TICKET_PRIORITIES)
            ),
            "satisfaction": satisfaction,
        }
    )
    df = df.sort_values(["created_at", "customer_id"], kind="stable", ignore_index=True)
    df.insert(0, "ticket_id", _text(_prefixed_ids("T", n, 6)))
    return df


def _usage_events(
    rng: np.random.Generator, result: sim.Simulation, ids: np.ndarray
) -> pd.DataFrame:
    ev = result.events
    count = ev["count"].astype(np.int64)
    customer = np.repeat(ev["customer"].astype(np.int64), count)
    day = np.repeat(ev["day"].astype(np.int64), count)
    log_eng = np.repeat(ev["log_engagement"], count)
    n = len(customer)
    web = result.customers["device"][customer] == C.DEVICES.index("web")

    etype = rng.choice(len(C.EVENT_TYPES), size=n, p=EVENT_TYPE_P)
    web_download = web & (etype == C.EVENT_TYPES.index("download"))
    etype[web_download] = C.EVENT_TYPES.index("search")  # no offline downloads on the web
    minutes = _event_minutes(rng, etype, log_eng, web)
    event_s = day * SECONDS_PER_DAY + rng.integers(6 * 3600, SECONDS_PER_DAY, size=n)
    ingested_s = event_s + _ingestion_delays(rng, web)
    keep = ingested_s < (C.DATA_CUTOFF - C.START_DATE).days * SECONDS_PER_DAY
    order = np.flatnonzero(keep)[np.argsort(event_s[keep], kind="stable")]

    df = pd.DataFrame(
        {
            "event_id": np.arange(1, len(order) + 1, dtype=np.int64),
            "customer_id": _text(ids[customer[order]]),
            "event_time": _timestamps(0, event_s[order]),
            "ingested_at": _timestamps(0, ingested_s[order]),
            "event_type": _text(_labels(etype[order], C.EVENT_TYPES)),
            "duration_minutes": minutes[order],
        }
    )
    df = _with_duplicates(rng, df, EVENT_DUPLICATE_RATE)
    return df.sort_values(["ingested_at", "event_id"], kind="stable", ignore_index=True)


def _event_minutes(
    rng: np.random.Generator, etype: np.ndarray, log_eng: np.ndarray, web: np.ndarray
) -> np.ndarray:
    """Durations by event type, longer for engaged users, with missing values and client bugs."""
    n = len(etype)
    noise = rng.normal(0, EVENT_MINUTES_SIGMA, size=n)
    minutes = np.round(EVENT_MEDIAN_MINUTES[etype] * np.exp(0.25 * log_eng + noise), 1)
    u = rng.random(n)
    negative = u < DURATION_NEGATIVE_RATE
    absurd = ~negative & (u < DURATION_NEGATIVE_RATE + DURATION_ABSURD_RATE)
    minutes[negative] = -rng.integers(1, 120, size=n)[negative]
    minutes[absurd] = rng.integers(1_000, 50_000, size=n)[absurd]
    missing_rate = np.where(web, DURATION_MISSING_RATE["web"], DURATION_MISSING_RATE["mobile"])
    minutes[rng.random(n) < missing_rate] = np.nan
    return minutes


def _ingestion_delays(rng: np.random.Generator, web: np.ndarray) -> np.ndarray:
    """Seconds from event to warehouse: usually under a minute, days for offline mobile use."""
    n = len(web)
    late = rng.random(n) < np.where(web, LATE_EVENT_RATE["web"], LATE_EVENT_RATE["mobile"])
    late_days = np.clip(LATE_DELAY_MEDIAN_DAYS * np.exp(rng.normal(0, 0.9, size=n)), 0.5, 30)
    prompt_s = 1 + rng.exponential(40, size=n).astype(np.int64)
    return np.where(late, (late_days * SECONDS_PER_DAY).astype(np.int64), prompt_s)


def _truth(result: sim.Simulation, ids: np.ndarray) -> pd.DataFrame:
    cust, subs = result.customers, result.subscriptions
    n = len(ids)
    # Subscriptions are in start order, so the first row per customer is the first subscription.
    customer = subs["customer"].astype(np.int64)
    first = np.full(n, -1)
    seen = np.unique(customer, return_index=True)
    first[seen[0]] = seen[1]
    first_end = np.where(first >= 0, subs["end_day"][first], -1)
    causes = np.array([None, "at_risk", "unpredictable", "payment_failed"], dtype=object)
    first_cause = np.where(first >= 0, causes[subs["end_kind"][np.maximum(first, 0)]], None)
    return pd.DataFrame(
        {
            "customer_id": _text(ids),
            "latent_engagement": cust["latent_engagement"],
            "frailty": cust["frailty"],
            "payment_failure_prob": cust["payment_fail_p"],
            "monthly_risk": 1 - (1 - cust["mean_daily_risk"]) ** 30,
            "first_at_risk_date": _dates_or_nat(cust["first_risk_day"]),
            "first_end_date": _dates_or_nat(first_end),
            "first_end_cause": _text(first_cause),
            "n_subscriptions": np.bincount(customer, minlength=n).astype(np.int64),
        }
    )
