"""The latent day-by-day simulation behind the observable tables (internal).

This module holds the *true* generative story; `churn_case_study.tables` turns its
arrays into the messy tables a data team would actually see. Everything is vectorised over
customers; the only Python loop is over the 731 simulated days.

The story, per customer and day:

1. **Signup.** Customers arrive throughout 2024–2025 (more over time, with a January bump).
   Their acquisition channel mix drifts towards paid social in 2025.
2. **Engagement.** Log usage intensity is `latent_engagement + x + novelty + product_lift`,
   where `x` is a mean-reverting AR(1) wobble, `novelty` fades over the first weeks and
   `product_lift` switches on at the 2025 product change.
3. **Risk.** Each day an active customer may become *at risk* with probability
   `sigmoid(logit)`, where the logit adds up low engagement, a recent failed payment, a
   recent bug or billing ticket, early tenure, plan, channel, the end of an introductory
   discount, the 2025 price increase (standard plan) and an unobserved personal frailty.
4. **Fade and cancel.** At-risk customers use the product less and less, and cancel at a
   daily rate (or recover). A small unpredictable daily cancel rate ("life happens") adds
   irreducible noise.
5. **Billing.** Monthly on the start-date anniversary. Failures are retried twice; if both
   retries fail the subscription ends (involuntary churn).
6. **Support.** Tickets arrive at category-specific rates (bug tickets spike after the product
   change, billing tickets follow failed payments, at-risk customers ask how to cancel).
7. **Win-back.** A few churned customers come back with a new subscription.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from churn_case_study import constants as C

# --- Signup and mix ------------------------------------------------------------------------------

COUNTRY_P: Final = np.array([0.46, 0.14, 0.10, 0.10, 0.08, 0.07, 0.05])
DEVICE_P: Final = np.array([0.42, 0.33, 0.25])
# Channel mix at the start of 2024 and at the end of 2025 (organic, paid_search, social,
# referral, partner); the mix moves between them from mid-2024 on, mostly in 2025.
CHANNEL_P_START: Final = np.array([0.36, 0.28, 0.08, 0.15, 0.13])
CHANNEL_P_END: Final = np.array([0.24, 0.20, 0.36, 0.10, 0.10])
CHANNEL_DRIFT_START_DAY: Final = 240
# Plan mix per channel (basic, standard, premium).
PLAN_P_BY_CHANNEL: Final = np.array(
    [
        [0.38, 0.42, 0.20],
        [0.42, 0.40, 0.18],
        [0.58, 0.34, 0.08],
        [0.34, 0.42, 0.24],
        [0.45, 0.40, 0.15],
    ]
)
DISCOUNT_P_BY_CHANNEL: Final = np.array([0.05, 0.15, 0.45, 0.30, 0.55])
DISCOUNT_PCTS: Final = np.array([20, 50])

# --- Engagement ----------------------------------------------------------------------------------

ENGAGEMENT_SD: Final = 0.6
ENGAGEMENT_BY_CHANNEL: Final = np.array([0.15, 0.0, -0.3, 0.2, -0.1])
ENGAGEMENT_BY_PLAN: Final = np.array([-0.1, 0.0, 0.2])
AR_PHI: Final = 0.97
AR_SD: Final = 0.07
NOVELTY_BOOST: Final = 0.35
NOVELTY_DAYS: Final = 30.0
PRODUCT_LIFT: Final = 0.2
AT_RISK_FADE_PER_DAY: Final = 0.05
AT_RISK_DROP: Final = 0.8
EVENT_RATE_PER_DAY: Final = 0.18

# --- Risk and cancellation -----------------------------------------------------------------------

RISK_INTERCEPT: Final = -7.5
RISK_PER_LOW_ENGAGEMENT: Final = 2.5
RISK_FAILED_PAYMENT: Final = 1.2
RISK_FAILED_PAYMENT_DAYS: Final = 30
RISK_TICKET: Final = 0.8
RISK_TICKET_DAYS: Final = 21
RISK_EARLY_TENURE: Final = 0.5
RISK_EARLY_TENURE_DAYS: Final = 60
RISK_BY_PLAN: Final = np.array([0.25, 0.0, -0.2])
RISK_BY_CHANNEL: Final = np.array([0.0, 0.15, 0.45, -0.35, 0.2])
RISK_DISCOUNT_ENDED: Final = 1.3
RISK_DISCOUNT_ENDED_DAYS: Final = 30
RISK_PRICE_INCREASE: Final = 1.2
FRAILTY_SD: Final = 0.3
AT_RISK_CANCEL_PER_DAY: Final = 0.03
AT_RISK_RECOVER_PER_DAY: Final = 0.008
RANDOM_CANCEL_PER_DAY: Final = 0.0001

# --- Billing -------------------------------------------------------------------------------------

PAYMENT_FAIL_LEVELS: Final = np.array([0.01, 0.06, 0.25])
PAYMENT_FAIL_LEVEL_P: Final = np.array([0.80, 0.15, 0.05])
PAYMENT_FAIL_COUNTRY_MULT: Final = np.array([1.0, 1.0, 1.0, 2.0, 1.0, 2.0, 1.0])
RETRY_FAIL_P: Final = 0.55
RETRY_GAPS_DAYS: Final = (3, 4)

# --- Support -------------------------------------------------------------------------------------

TICKET_BUG_PER_DAY: Final = 0.0012
TICKET_BUG_ANDROID_MULT: Final = 1.6
TICKET_BUG_RELEASE_MULT: Final = 3.0
TICKET_BUG_RELEASE_DAYS: Final = 45
TICKET_HOWTO_PER_DAY: Final = 0.0003
TICKET_HOWTO_NEW_PER_DAY: Final = 0.004
TICKET_BILLING_PER_DAY: Final = 0.0003
TICKET_BILLING_AFTER_FAIL_P: Final = 0.35
TICKET_CANCEL_AT_RISK_PER_DAY: Final = 0.006

# --- Win-back ------------------------------------------------------------------------------------

RESUBSCRIBE_PER_DAY: Final = 0.0006
RESUBSCRIBE_MIN_GAP_DAYS: Final = 14
RESUBSCRIBE_MAX_GAP_DAYS: Final = 365
WINBACK_DISCOUNT_P: Final = 0.3

# End kinds recorded per subscription.
END_NONE: Final = 0
END_AT_RISK: Final = 1
END_RANDOM: Final = 2
END_INVOLUNTARY: Final = 3

TICKET_CODES: Final = {name: i for i, name in enumerate(C.TICKET_CATEGORIES)}


def _day_index(date: pd.Timestamp) -> int:
    return int((date - C.START_DATE).days)


@dataclass
class _Log:
    """Growable column store: append arrays per day, concatenate once at the end."""

    columns: tuple[str, ...]

    def __post_init__(self) -> None:
        self.parts: dict[str, list[np.ndarray]] = {c: [] for c in self.columns}

    def add(self, **arrays: np.ndarray) -> None:
        for name, values in arrays.items():
            self.parts[name].append(np.asarray(values))

    def finish(self) -> dict[str, np.ndarray]:
        return {c: np.concatenate(v) if v else np.empty(0) for c, v in self.parts.items()}


@dataclass(frozen=True)
class Simulation:
    """Raw arrays produced by `simulate`, one dict of equally long columns per kind of record.

    Days are integer offsets from `constants.START_DATE`; categories are integer codes into the
    tuples in `constants`.

    Attributes:
        customers: One entry per customer: signup day, country, channel, device, first plan,
            birth year and the latent traits (engagement, frailty, payment failure probability,
            first at-risk day, mean daily risk).
        subscriptions: One entry per subscription: customer, plan, start and end day, how it
            ended and the discount.
        payments: One entry per charge attempt: day, customer, subscription, plan, whether a
            discount applied and whether it failed.
        tickets: One entry per support ticket: day, customer, category, whether at risk.
        events: One entry per customer and day with usage: the number of events and the log
            engagement that day.
    """

    customers: dict[str, np.ndarray]
    subscriptions: dict[str, np.ndarray]
    payments: dict[str, np.ndarray]
    tickets: dict[str, np.ndarray]
    events: dict[str, np.ndarray]


def _calendar() -> dict[str, np.ndarray]:
    dates = pd.date_range(C.START_DATE, periods=C.N_DAYS, freq="D")
    plus_months = dates + pd.DateOffset(months=C.DISCOUNT_MONTHS)
    return {
        "dom": dates.day.to_numpy(),
        "days_in_month": dates.days_in_month.to_numpy(),
        "discount_end": ((plus_months - C.START_DATE).days).to_numpy(),
    }


def _draw_customers(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    days = np.arange(C.N_DAYS)
    month = pd.date_range(C.START_DATE, periods=C.N_DAYS, freq="D").month.to_numpy()
    density = (1.0 + days / C.N_DAYS) * np.where(month == 1, 1.4, 1.0)
    signup_day = np.sort(rng.choice(C.N_DAYS, size=n, p=density / density.sum()))

    drift = np.clip(
        (signup_day - CHANNEL_DRIFT_START_DAY) / (C.N_DAYS - CHANNEL_DRIFT_START_DAY), 0, 1
    )
    channel_p = (1 - drift)[:, None] * CHANNEL_P_START + drift[:, None] * CHANNEL_P_END
    channel = choice_rows(rng, channel_p)
    country = rng.choice(len(C.COUNTRIES), size=n, p=COUNTRY_P)
    device = rng.choice(len(C.DEVICES), size=n, p=DEVICE_P)
    plan = choice_rows(rng, PLAN_P_BY_CHANNEL[channel])
    age = np.clip(rng.normal(34, 11, size=n), 16, 80)
    birth_year = np.round(2024 - age)

    engagement = (
        rng.normal(0, ENGAGEMENT_SD, size=n)
        + ENGAGEMENT_BY_CHANNEL[channel]
        + ENGAGEMENT_BY_PLAN[plan]
    )
    fail_level = rng.choice(len(PAYMENT_FAIL_LEVELS), size=n, p=PAYMENT_FAIL_LEVEL_P)
    payment_fail_p = np.minimum(
        PAYMENT_FAIL_LEVELS[fail_level] * PAYMENT_FAIL_COUNTRY_MULT[country], 0.5
    )
    return {
        "signup_day": signup_day,
        "country": country,
        "channel": channel,
        "device": device,
        "first_plan": plan,
        "birth_year": birth_year,
        "latent_engagement": engagement,
        "frailty": rng.normal(0, FRAILTY_SD, size=n),
        "payment_fail_p": payment_fail_p,
    }


def choice_rows(rng: np.random.Generator, p: np.ndarray) -> np.ndarray:
    """One categorical draw per row of the probability matrix `p`.

    Args:
        rng: Random generator; one uniform number is drawn per row.
        p: Probabilities, shape `(n_rows, n_categories)`, each row summing to 1.

    Returns:
        The drawn category index of each row, shape `(n_rows,)`.
    """
    u = rng.random(p.shape[0])[:, None]
    return np.minimum((u > np.cumsum(p, axis=1)).sum(axis=1), p.shape[1] - 1)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def simulate(rng: np.random.Generator, n_customers: int) -> Simulation:
    """Run the day-by-day simulation.

    Args:
        rng: Random generator; consumed, so later draws continue its stream.
        n_customers: Number of customers who sign up over the two years.

    Returns:
        The raw arrays; see `churn_case_study.tables` for their meaning.
    """
    cal = _calendar()
    cust = _draw_customers(rng, n_customers)
    n = n_customers
    idx = np.arange(n)
    price_increase_day = _day_index(C.PRICE_INCREASE_DATE)
    product_change_day = _day_index(C.PRODUCT_CHANGE_DATE)
    repriced = C.PLANS.index(C.REPRICED_PLAN)
    never = -(10**6)

    # Per-customer state.
    active = np.zeros(n, dtype=bool)
    at_risk = np.zeros(n, dtype=bool)
    x = np.zeros(n)
    sub_id = np.full(n, -1)
    sub_start = np.zeros(n, dtype=np.int64)
    plan = cust["first_plan"].copy()
    discount_end = np.full(n, never)
    retry_day = np.full(n, -1)
    retry_count = np.zeros(n, dtype=np.int64)
    last_fail = np.full(n, never)
    last_ticket = np.full(n, never)
    last_end = np.full(n, never)
    first_risk = np.full(n, -1)
    risk_sum = np.zeros(n)
    exposed_days = np.zeros(n)

    subs = _Log(("customer", "plan", "start_day", "discount_pct", "discount_end_day"))
    sub_end = np.full(4 * n + 16, -1)
    sub_end_kind = np.zeros(4 * n + 16, dtype=np.int64)
    sub_end_flags = np.zeros((4 * n + 16, 3), dtype=bool)  # price, technical, low usage
    n_subs = 0
    payments = _Log(("day", "customer", "subscription", "plan", "discount", "failed"))
    tickets = _Log(("day", "customer", "category", "at_risk"))
    events = _Log(("day", "customer", "count", "log_engagement"))

    for d in range(C.N_DAYS):
        # 1. New subscriptions: first signups and win-backs.
        gap = d - last_end
        winback = (
            ~active
            & (sub_id >= 0)
            & (gap >= RESUBSCRIBE_MIN_GAP_DAYS)
            & (gap <= RESUBSCRIBE_MAX_GAP_DAYS)
            & (rng.random(n) < RESUBSCRIBE_PER_DAY)
        )
        starting = (cust["signup_day"] == d) | winback
        if starting.any():
            who = idx[starting]
            k = len(who)
            is_winback = winback[who]
            plan[who] = np.where(is_winback, rng.choice(3, size=k), plan[who])
            disc_p = np.where(
                is_winback, WINBACK_DISCOUNT_P, DISCOUNT_P_BY_CHANNEL[cust["channel"][who]]
            )
            pct = np.where(rng.random(k) < disc_p, rng.choice(DISCOUNT_PCTS, size=k), 0)
            end = np.where(pct > 0, cal["discount_end"][d], never)
            new_ids = np.arange(n_subs, n_subs + k)
            n_subs += k
            subs.add(
                customer=who,
                plan=plan[who],
                start_day=np.full(k, d),
                discount_pct=pct,
                discount_end_day=end,
            )
            active[who] = True
            at_risk[who] = False
            x[who] = np.where(is_winback, rng.normal(0, 0.3, size=k), 0.0)
            sub_id[who] = new_ids
            sub_start[who] = d
            discount_end[who] = end
            retry_day[who] = -1
            retry_count[who] = 0

        tenure = d - sub_start
        engagement = cust["latent_engagement"] + x
        log_eng = (
            engagement
            + NOVELTY_BOOST * np.exp(-tenure / NOVELTY_DAYS)
            + (PRODUCT_LIFT if d >= product_change_day else 0.0)
        )

        # 2. Becoming at risk, recovering, cancelling.
        price_hit = (plan == repriced) & (d >= price_increase_day)
        discount_cliff = (d >= discount_end) & (d - discount_end < RISK_DISCOUNT_ENDED_DAYS)
        recent_ticket = d - last_ticket < RISK_TICKET_DAYS
        low_usage = engagement < -0.5
        logit = (
            RISK_INTERCEPT
            - RISK_PER_LOW_ENGAGEMENT * engagement
            + RISK_FAILED_PAYMENT * (d - last_fail < RISK_FAILED_PAYMENT_DAYS)
            + RISK_TICKET * recent_ticket
            + RISK_EARLY_TENURE * (tenure < RISK_EARLY_TENURE_DAYS)
            + RISK_BY_PLAN[plan]
            + RISK_BY_CHANNEL[cust["channel"]]
            + RISK_DISCOUNT_ENDED * discount_cliff
            + RISK_PRICE_INCREASE * price_hit
            + cust["frailty"]
        )
        p_risk = _sigmoid(logit)
        exposed = active & ~at_risk
        risk_sum += np.where(exposed, p_risk, 0.0)
        exposed_days += exposed
        becomes = active & ~at_risk & (rng.random(n) < p_risk)
        first_risk[becomes & (first_risk < 0)] = d
        recovers = at_risk & (rng.random(n) < AT_RISK_RECOVER_PER_DAY)
        at_risk = (at_risk | becomes) & ~recovers
        x[becomes] -= AT_RISK_DROP
        u = rng.random(n)
        cancel_risk = active & ~starting & at_risk & (u < AT_RISK_CANCEL_PER_DAY)
        cancel_random = active & ~starting & ~cancel_risk & (rng.random(n) < RANDOM_CANCEL_PER_DAY)
        for mask, kind in ((cancel_risk, END_AT_RISK), (cancel_random, END_RANDOM)):
            ids = sub_id[mask]
            sub_end[ids] = d
            sub_end_kind[ids] = kind
            sub_end_flags[ids] = np.column_stack(
                [price_hit[mask] | discount_cliff[mask], recent_ticket[mask], low_usage[mask]]
            )
        ended = cancel_risk | cancel_random
        active &= ~ended
        last_end[ended] = d

        # 3. Billing: regular charges and dunning retries.
        bill_day = np.minimum(cal["dom"][sub_start], cal["days_in_month"][d])
        regular = active & (retry_day < 0) & (cal["dom"][d] == bill_day)
        retry = active & (retry_day == d)
        attempt = regular | retry
        if attempt.any():
            fail_p = np.where(retry, RETRY_FAIL_P, cust["payment_fail_p"])
            failed = attempt & (rng.random(n) < fail_p)
            payments.add(
                day=np.full(attempt.sum(), d),
                customer=idx[attempt],
                subscription=sub_id[attempt],
                plan=plan[attempt],
                discount=np.where(d < discount_end[attempt], 1, 0),
                failed=failed[attempt],
            )
            last_fail[failed] = d
            # Successful retries clear dunning; first failures start it; the last retry ends it.
            retry_day[retry & ~failed] = -1
            first_fail = failed & regular
            retry_day[first_fail] = d + RETRY_GAPS_DAYS[0]
            retry_count[first_fail] = 1
            second = failed & retry & (retry_count == 1)
            retry_day[second] = d + RETRY_GAPS_DAYS[1]
            retry_count[second] = 2
            involuntary = failed & retry & (retry_count == 2) & ~second
            if involuntary.any():
                ids = sub_id[involuntary]
                sub_end[ids] = d
                sub_end_kind[ids] = END_INVOLUNTARY
                active &= ~involuntary
                last_end[involuntary] = d
                retry_day[involuntary] = -1
        else:
            failed = np.zeros(n, dtype=bool)

        # 4. Support tickets.
        bug_rate = TICKET_BUG_PER_DAY * np.where(
            cust["device"] == C.DEVICES.index("android"), TICKET_BUG_ANDROID_MULT, 1.0
        )
        if 0 <= d - product_change_day < TICKET_BUG_RELEASE_DAYS:
            bug_rate = bug_rate * TICKET_BUG_RELEASE_MULT
        rates = {
            "bug": bug_rate,
            "how_to": TICKET_HOWTO_PER_DAY + TICKET_HOWTO_NEW_PER_DAY * np.exp(-tenure / 14),
            "billing": np.where(failed, TICKET_BILLING_AFTER_FAIL_P, TICKET_BILLING_PER_DAY),
            "cancellation": np.where(at_risk, TICKET_CANCEL_AT_RISK_PER_DAY, 0.0),
        }
        for category, rate in rates.items():
            opened = active & (rng.random(n) < rate)
            if opened.any():
                tickets.add(
                    day=np.full(opened.sum(), d),
                    customer=idx[opened],
                    category=np.full(opened.sum(), TICKET_CODES[category]),
                    at_risk=at_risk[opened],
                )
                if category in ("bug", "billing"):
                    last_ticket[opened] = d

        # 5. Usage today, then tomorrow's engagement.
        if active.any():
            count = rng.poisson(EVENT_RATE_PER_DAY * np.exp(log_eng[active]))
            has = count > 0
            events.add(
                day=np.full(has.sum(), d),
                customer=idx[active][has],
                count=count[has],
                log_engagement=log_eng[active][has],
            )
        x = AR_PHI * x + AR_SD * rng.standard_normal(n) - AT_RISK_FADE_PER_DAY * at_risk

    sub_cols = subs.finish()
    sub_cols["end_day"] = sub_end[:n_subs]
    sub_cols["end_kind"] = sub_end_kind[:n_subs]
    sub_cols["end_flags"] = sub_end_flags[:n_subs]
    cust["first_risk_day"] = first_risk
    cust["mean_daily_risk"] = risk_sum / np.maximum(exposed_days, 1)
    return Simulation(
        customers=cust,
        subscriptions=sub_cols,
        payments=payments.finish(),
        tickets=tickets.finish(),
        events=events.finish(),
    )
