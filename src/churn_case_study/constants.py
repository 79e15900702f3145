"""Named constants of the Lumen world: calendar, plans and prices, categories and key dates.

Everything a chapter might want to quote ("the price increase on 1 July 2025") lives here so
that prose, code and data agree. The values are part of the public API: changing one changes the
generated data for every seed.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

# --- Calendar ------------------------------------------------------------------------------------

START_DATE: Final = pd.Timestamp("2024-01-01")
"""First day of the simulated history (first possible signup)."""

END_DATE: Final = pd.Timestamp("2025-12-31")
"""Last day of the simulated history, inclusive."""

DATA_CUTOFF: Final = pd.Timestamp("2026-01-01")
"""Moment the data was extracted: nothing ingested at or after it is in the tables."""

N_DAYS: Final = (DATA_CUTOFF - START_DATE).days
"""Number of simulated days (731: 2024 is a leap year)."""

# --- Product and pricing -------------------------------------------------------------------------

PLANS: Final = ("basic", "standard", "premium")
"""Subscription plans, cheapest first."""

BASE_PRICES_USD: Final = {"basic": 7.99, "standard": 12.99, "premium": 19.99}
"""Monthly list prices in USD before the 2025 price change."""

REPRICED_PLAN: Final = "standard"
"""The plan whose price goes up partway through 2025."""

NEW_PRICE_USD: Final = 15.99
"""Monthly list price of [`REPRICED_PLAN`][churn_case_study.constants.REPRICED_PLAN] from
[`PRICE_INCREASE_DATE`][churn_case_study.constants.PRICE_INCREASE_DATE] on."""

PRICE_INCREASE_DATE: Final = pd.Timestamp("2025-07-01")
"""From this date every bill for the standard plan (new and existing subscribers) uses the
new price. Churn on that plan rises afterwards: a deliberate concept drift."""

PRODUCT_CHANGE_DATE: Final = pd.Timestamp("2025-03-15")
"""Release of the redesigned lesson player: usage goes up for everyone from this date (a
covariate shift), and bug tickets spike for the following weeks."""

DISCOUNT_MONTHS: Final = 3
"""Length of an introductory discount, in months."""

CURRENCIES: Final = {"GB": "GBP", "DE": "EUR", "FR": "EUR"}
"""Billing currency by country; every other country is billed in USD."""

FX_TO_LOCAL: Final = {"USD": 1.0, "GBP": 0.79, "EUR": 0.92}
"""Fixed exchange rates used to turn USD list prices into local amounts (local = USD × rate)."""

# --- Categories ----------------------------------------------------------------------------------

COUNTRIES: Final = ("US", "GB", "DE", "IN", "CA", "BR", "FR")
"""ISO country codes (clean spelling); the raw customers table also contains `"UK"`."""

CHANNELS: Final = ("organic", "paid_search", "social", "referral", "partner")
"""Acquisition channels (clean spelling); raw values have casing and whitespace variants."""

DEVICES: Final = ("ios", "android", "web")
"""Device used at signup."""

EVENT_TYPES: Final = (
    "app_open",
    "lesson_started",
    "lesson_completed",
    "quiz_attempt",
    "search",
    "download",
)
"""Kinds of usage events. `download` (offline lessons) only happens on mobile devices."""

PAYMENT_STATUSES: Final = ("paid", "failed", "refunded")
"""Values of `payments.status`."""

TICKET_CATEGORIES: Final = ("billing", "bug", "how_to", "cancellation")
"""Values of `support_tickets.category`."""

TICKET_PRIORITIES: Final = ("low", "medium", "high", "urgent")
"""Values of `support_tickets.priority`."""

CANCEL_REASONS: Final = (
    "too_expensive",
    "not_using",
    "technical_issues",
    "found_alternative",
    "personal",
    "payment_failed",
)
"""Values of `subscriptions.cancel_reason` (`payment_failed` = involuntary churn)."""

MAX_PLAUSIBLE_MINUTES: Final = 600.0
"""Event durations above this (or below zero) are client bugs, not behaviour."""


def list_price(plan: str, date: pd.Timestamp) -> float:
    """Monthly list price in USD of `plan` on `date`, before any discount or currency conversion.

    Args:
        plan: One of [`PLANS`][churn_case_study.constants.PLANS].
        date: Any timestamp; only whether it is on or after
            [`PRICE_INCREASE_DATE`][churn_case_study.constants.PRICE_INCREASE_DATE] matters.

    Returns:
        The price in USD: [`BASE_PRICES_USD`][churn_case_study.constants.BASE_PRICES_USD]`[plan]`,
        or [`NEW_PRICE_USD`][churn_case_study.constants.NEW_PRICE_USD] for the repriced plan
        from the price increase on.

    Raises:
        KeyError: If `plan` is not one of the plans.

    Examples:
        >>> import pandas as pd
        >>> from churn_case_study.constants import list_price
        >>> list_price("standard", pd.Timestamp("2025-06-30"))
        12.99
        >>> list_price("standard", pd.Timestamp("2025-07-01"))
        15.99
        >>> list_price("premium", pd.Timestamp("2025-07-01"))  # only the standard plan changes
        19.99
    """
    if plan == REPRICED_PLAN and date >= PRICE_INCREASE_DATE:
        return NEW_PRICE_USD
    return BASE_PRICES_USD[plan]
