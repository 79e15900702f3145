"""Tests of the running case study: determinism, schema, messiness, drift, point-in-time safety."""

from __future__ import annotations

import dataclasses
import filecmp

import numpy as np
import pandas as pd
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from threadpoolctl import threadpool_limits

from churn_case_study import (
    SCHEMA,
    TABLES,
    TRAINING_COLUMNS,
    CaseStudy,
    clean_customers,
    clean_usage_events,
    export,
    generate,
    training_table,
)
from churn_case_study import constants as C
from churn_case_study.__main__ import main
from churn_case_study.tables import _generate_cached

SMALL = 300  # customers, for tests that only need some data
SNAPSHOT = pd.Timestamp("2025-06-01")


@pytest.fixture(scope="module")
def data() -> CaseStudy:
    return generate()


@pytest.fixture(scope="module")
def table(data: CaseStudy) -> pd.DataFrame:
    return training_table(data)


def _frames(case: CaseStudy) -> dict[str, pd.DataFrame]:
    return {**case.as_dict(), "truth": case.truth}


# --- Determinism and API -------------------------------------------------------------------------


def test_same_seed_same_data_even_without_cache(data: CaseStudy) -> None:
    _generate_cached.cache_clear()
    again = generate()
    for name, frame in _frames(data).items():
        pd.testing.assert_frame_equal(frame, _frames(again)[name], obj=name)


def test_different_seed_different_data() -> None:
    a, b = generate(seed=1, n_customers=SMALL), generate(seed=2, n_customers=SMALL)
    for name in TABLES:
        assert not a.as_dict()[name].equals(b.as_dict()[name]), name


def test_callers_get_copies() -> None:
    first = generate(seed=3, n_customers=SMALL)
    first.customers.loc[:, "country"] = "XX"
    assert (generate(seed=3, n_customers=SMALL).customers["country"] != "XX").all()


def test_as_dict_order_and_repr(data: CaseStudy) -> None:
    assert tuple(data.as_dict()) == TABLES
    assert "n_customers=5,000" in repr(data)


def test_invalid_arguments(data: CaseStudy) -> None:
    with pytest.raises(ValueError, match="positive"):
        generate(n_customers=0)
    with pytest.raises(ValueError, match="not fully observed"):
        training_table(data, snapshot_dates=["2025-12-15"])
    with pytest.raises(ValueError, match="midnight"):
        training_table(data, snapshot_dates=["2025-06-01 12:00"])


# --- Schema --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [*TABLES, "truth"])
def test_schema_matches_documentation(data: CaseStudy, name: str) -> None:
    frame = _frames(data)[name]
    assert {col: str(dtype) for col, dtype in frame.dtypes.items()} == SCHEMA[name]
    assert isinstance(frame.index, pd.RangeIndex)


def test_training_table_schema(table: pd.DataFrame) -> None:
    assert {col: str(dtype) for col, dtype in table.dtypes.items()} == TRAINING_COLUMNS
    assert not table.duplicated(["customer_id", "snapshot_date"]).any()
    assert list(table["plan"].cat.categories) == list(C.PLANS)


def test_time_range_and_keys(data: CaseStudy) -> None:
    customers = clean_customers(data.customers)
    assert customers["customer_id"].is_unique
    assert len(customers) == data.n_customers
    assert customers["signup_date"].between(C.START_DATE, C.END_DATE).all()
    # Signups are spread over the whole range, not bunched at the start.
    assert (customers["signup_date"] >= "2025-01-01").mean() > 0.4
    assert data.usage_events["ingested_at"].max() < C.DATA_CUTOFF
    for name in ("subscriptions", "usage_events", "payments", "support_tickets"):
        assert _frames(data)[name]["customer_id"].isin(customers["customer_id"]).all(), name
    assert 150_000 <= len(data.usage_events) <= 400_000


def test_subscriptions_never_overlap(data: CaseStudy) -> None:
    subs = data.subscriptions.sort_values(["customer_id", "start_date"])
    previous_end = subs.groupby("customer_id")["end_date"].shift()
    returning = previous_end.notna() | subs["customer_id"].duplicated()
    assert returning.sum() > 50  # some customers come back
    assert (subs.loc[returning, "start_date"] > previous_end[returning]).all()


# --- Messiness -----------------------------------------------------------------------------------


def test_duplicates(data: CaseStudy) -> None:
    assert 0.002 < data.customers.duplicated().mean() < 0.02
    events = data.usage_events
    assert 0.01 < events["event_id"].duplicated().mean() < 0.03
    # Duplicate event ids are exact duplicate rows.
    assert events["event_id"].duplicated().sum() == events.duplicated().sum()


def test_missing_values(data: CaseStudy) -> None:
    assert 0.1 < data.customers["birth_year"].isna().mean() < 0.2
    assert (data.customers["birth_year"] == 1900).any()
    assert 0.01 < data.usage_events["duration_minutes"].isna().mean() < 0.06
    ended = data.subscriptions[data.subscriptions["end_date"].notna()]
    assert 0.05 < ended["cancel_reason"].isna().mean() < 0.25
    assert (
        data.subscriptions.loc[data.subscriptions["end_date"].isna(), "cancel_reason"].isna().all()
    )
    assert data.support_tickets["satisfaction"].isna().mean() > 0.5


def test_inconsistent_categories(data: CaseStudy) -> None:
    raw = data.customers["acquisition_channel"]
    messy = ~raw.isin(C.CHANNELS)
    assert 0.02 < messy.mean() < 0.08
    assert raw[messy].str.strip().str.lower().isin(C.CHANNELS).all()
    assert {"UK", "GB"} <= set(data.customers["country"])
    clean = clean_customers(data.customers)
    assert set(clean["acquisition_channel"]) == set(C.CHANNELS)
    assert set(clean["country"]) == set(C.COUNTRIES)


def test_late_events_and_outliers(data: CaseStudy) -> None:
    events = data.usage_events
    delay = events["ingested_at"] - events["event_time"]
    assert (delay > pd.Timedelta(0)).all()
    assert 0.02 < (delay > pd.Timedelta(hours=12)).mean() < 0.06
    minutes = events["duration_minutes"]
    assert (minutes < 0).any()
    assert (minutes > C.MAX_PLAUSIBLE_MINUTES).any()
    clean = clean_usage_events(events)
    assert clean["event_id"].is_unique
    assert clean["duration_minutes"].dropna().between(0, C.MAX_PLAUSIBLE_MINUTES).all()


def test_payments(data: CaseStudy) -> None:
    payments = data.payments
    assert set(payments["status"]) == set(C.PAYMENT_STATUSES)
    assert (payments["currency"] == "USD").mean() > 0.6
    assert set(payments["currency"]) == set(C.FX_TO_LOCAL)
    assert (data.subscriptions["cancel_reason"] == "payment_failed").sum() > 50


# --- Labels, imbalance, signal, drift ------------------------------------------------------------


def test_class_imbalance(table: pd.DataFrame) -> None:
    assert 0.04 <= table["churned"].mean() <= 0.08
    monthly = table.groupby("snapshot_date")["churned"].mean()
    assert len(monthly) == 22
    assert monthly.between(0.02, 0.12).all()


def test_labels_agree_with_subscriptions(data: CaseStudy, table: pd.DataFrame) -> None:
    subs = data.subscriptions
    pairs = table[["customer_id", "snapshot_date", "churned"]].merge(subs, on="customer_id")
    active = (pairs["start_date"] < pairs["snapshot_date"]) & (
        pairs["end_date"].isna() | (pairs["end_date"] >= pairs["snapshot_date"])
    )
    pairs = pairs[active]
    assert len(pairs) == len(table)  # exactly one active subscription per row
    ends_soon = pairs["end_date"] < pairs["snapshot_date"] + pd.Timedelta(days=30)
    assert (ends_soon.astype(int) == pairs["churned"]).all()
    # And every subscriber active at a snapshot has a row.
    snap = pd.Timestamp("2025-03-01")
    is_active = (subs["start_date"] < snap) & (subs["end_date"].isna() | (subs["end_date"] >= snap))
    assert is_active.sum() == (table["snapshot_date"] == snap).sum()


def test_model_finds_real_but_imperfect_signal(table: pd.DataFrame) -> None:
    features = [c for c in table.columns if c not in ("customer_id", "snapshot_date", "churned")]
    train = table[table["snapshot_date"] < C.PRICE_INCREASE_DATE]
    test = table[table["snapshot_date"] >= C.PRICE_INCREASE_DATE]
    model = HistGradientBoostingClassifier(
        categorical_features="from_dtype", max_iter=100, random_state=0
    )
    with threadpool_limits(1):  # OpenMP threads crawl on a busy machine
        model.fit(train[features], train["churned"])
    auc = roc_auc_score(test["churned"], model.predict_proba(test[features])[:, 1])
    assert 0.72 < auc < 0.9
    # Usage is lower, and falling, before a cancellation.
    by_label = table.groupby("churned")[["minutes_30d", "minutes_trend"]].median()
    assert by_label.loc[1, "minutes_30d"] < 0.75 * by_label.loc[0, "minutes_30d"]
    assert by_label.loc[1, "minutes_trend"] < by_label.loc[0, "minutes_trend"] - 0.15


def test_channel_mix_drifts(data: CaseStudy) -> None:
    customers = clean_customers(data.customers)
    year = customers["signup_date"].dt.year
    social = customers["acquisition_channel"] == "social"
    assert social[year == 2025].mean() > social[year == 2024].mean() + 0.1


def test_price_increase_raises_churn_on_repriced_plan(table: pd.DataFrame) -> None:
    repriced = table[table["plan"] == C.REPRICED_PLAN]
    before = repriced[repriced["snapshot_date"] < "2025-01-01"]["churned"].mean()
    after = repriced[repriced["snapshot_date"] >= C.PRICE_INCREASE_DATE]["churned"].mean()
    assert after > before * 1.2
    assert set(repriced["monthly_price"]) == {12.99, C.NEW_PRICE_USD}


def test_product_change_lifts_usage(table: pd.DataFrame) -> None:
    change = C.PRODUCT_CHANGE_DATE
    before = table[table["snapshot_date"].between(change - pd.DateOffset(months=6), change)]
    after = table[table["snapshot_date"].between(change + pd.DateOffset(months=1), "2025-12-31")]
    assert after["minutes_30d"].mean() > 1.15 * before["minutes_30d"].mean()


# --- Point-in-time correctness -------------------------------------------------------------------


def _without_future(data: CaseStudy, snapshot: pd.Timestamp, *, shift: bool) -> CaseStudy:
    """Delete (or push a year later) everything the warehouse only learned after ``snapshot``."""
    year = pd.Timedelta(days=365)
    events = data.usage_events.copy()
    late = events["ingested_at"] >= snapshot
    if shift:
        events.loc[late, ["event_time", "ingested_at"]] += year
    else:
        events = events[~late].reset_index(drop=True)
    payments = data.payments[data.payments["billed_at"] < snapshot].reset_index(drop=True)
    tickets = data.support_tickets.copy()
    tickets = tickets[tickets["created_at"] < snapshot].reset_index(drop=True)
    resolved_later = tickets["resolved_at"] >= snapshot
    tickets.loc[resolved_later, "resolved_at"] += year
    tickets.loc[resolved_later, "satisfaction"] = 5
    return dataclasses.replace(
        data, usage_events=events, payments=payments, support_tickets=tickets
    )


@pytest.mark.parametrize("shift", [False, True], ids=["deleted", "moved-later"])
def test_features_ignore_data_ingested_after_snapshot(data: CaseStudy, shift: bool) -> None:
    before = training_table(data, snapshot_dates=[SNAPSHOT])
    after = training_table(_without_future(data, SNAPSHOT, shift=shift), snapshot_dates=[SNAPSHOT])
    pd.testing.assert_frame_equal(before, after)


def test_late_events_are_invisible_until_ingested(data: CaseStudy) -> None:
    events = data.usage_events
    in_flight = (events["event_time"] < SNAPSHOT) & (events["ingested_at"] >= SNAPSHOT)
    assert in_flight.sum() > 20  # the test below would be vacuous otherwise
    eager = events.copy()
    eager.loc[in_flight, "ingested_at"] = eager.loc[in_flight, "event_time"]
    leaky = dataclasses.replace(data, usage_events=eager)
    honest = training_table(data, snapshot_dates=[SNAPSHOT])
    cheating = training_table(leaky, snapshot_dates=[SNAPSHOT])
    assert (cheating["events_30d"] >= honest["events_30d"]).all()
    assert (cheating["events_30d"] > honest["events_30d"]).sum() > 20


def test_snapshot_features_by_hand(data: CaseStudy, table: pd.DataFrame) -> None:
    row = table[table["snapshot_date"] == SNAPSHOT].iloc[7]
    events = clean_usage_events(data.usage_events)
    mine = events[
        (events["customer_id"] == row["customer_id"]) & (events["ingested_at"] < SNAPSHOT)
    ]
    window = mine[mine["event_time"] >= SNAPSHOT - pd.Timedelta(days=30)]
    assert row["events_30d"] == len(window)
    assert row["minutes_30d"] == pytest.approx(window["duration_minutes"].sum())
    tickets = data.support_tickets
    mine_t = tickets[(tickets["customer_id"] == row["customer_id"])]
    assert (
        row["open_tickets"]
        == (
            (mine_t["created_at"] < SNAPSHOT)
            & ~(mine_t["resolved_at"] < SNAPSHOT)  # NaT compares False: still open
        ).sum()
    )


# --- Export --------------------------------------------------------------------------------------


def test_export_is_byte_identical(tmp_path) -> None:
    case = generate(seed=5, n_customers=SMALL)
    first = export(case, tmp_path / "a")
    export(generate(seed=5, n_customers=SMALL), tmp_path / "b")
    names = {p.name for p in first}
    assert names == {f"{t}.{f}" for t in (*TABLES, "training_table") for f in ("csv", "parquet")}
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "a", tmp_path / "b", names, shallow=False)
    assert (mismatch, errors) == ([], [])
    roundtrip = pd.read_parquet(tmp_path / "a" / "customers.parquet")
    pd.testing.assert_frame_equal(roundtrip, case.customers, check_dtype=False)


def test_cli_export(tmp_path, capsys) -> None:
    argv = ["export", str(tmp_path), "--format", "csv", "--seed", "5", "--n-customers", str(SMALL)]
    assert main(argv) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{t}.csv" for t in (*TABLES, "training_table")
    )
    assert "usage_events.csv" in capsys.readouterr().out
    events = pd.read_csv(tmp_path / "usage_events.csv")
    assert len(events) == len(generate(seed=5, n_customers=SMALL).usage_events)
    assert np.isfinite(events["event_id"]).all()
