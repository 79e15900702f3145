"""Point-in-time usage features from Lumen's raw event log, and two ways to get them wrong.

Standing at midnight on a snapshot date, a feature may use only the events the warehouse had
*ingested* by then. About 4% of usage events arrive days late (offline mobile use), so a filter
on `event_time` alone hands training rows data that production did not have at scoring time.
We build rolling (7 and 30 days), lagged (days 31 to 60) and recency features with polars,
check them against the case study's own point-in-time table, then measure two leaks.
"""

import numpy as np
import polars as pl
from sklearn.metrics import roc_auc_score

from churn_case_study import clean_usage_events, generate, training_table
from guide_tools.figures import PALETTE, new_figure, save_figure

SEED = 0
data = generate(seed=SEED)
table = training_table(data)  # one row per (active customer, monthly snapshot), label `churned`

# --8<-- [start:features]
events = pl.from_pandas(
    clean_usage_events(data.usage_events)[
        ["customer_id", "event_time", "ingested_at", "duration_minutes"]
    ]
)
snapshots = pl.from_pandas(table[["customer_id", "snapshot_date"]])
DAY_US = 86_400e6  # microseconds per day
late_share = events.select(
    (pl.col("ingested_at") - pl.col("event_time") > pl.duration(hours=1)).mean()
).item()
print(f"events ingested more than an hour after they happened: {late_share:.1%}")
# > events ingested more than an hour after they happened: 4.1%
assert 0.02 < late_share < 0.08


def usage_features(snapshots: pl.DataFrame, events: pl.DataFrame, known_by: str) -> pl.DataFrame:
    """Rolling, lagged and recency features of each (customer, snapshot), in snapshot order.

    `known_by` names the timestamp that decides whether an event counts as known at the
    snapshot: `ingested_at` is what production sees; `event_time` is the backfilled view.
    """
    age = pl.col("snapshot_date") - pl.col("event_time")  # how long before the snapshot
    minutes = pl.col("duration_minutes").fill_null(0.0)  # a missing duration counts as 0
    pairs = snapshots.join(events, on="customer_id").filter(
        pl.col(known_by) < pl.col("snapshot_date")
    )
    # The guard a feature pipeline should run on every build: nothing from the future.
    late = pairs.filter(pl.col("event_time") >= pl.col("snapshot_date"))
    assert late.height == 0, "an event after the snapshot reached a feature"
    per_row = pairs.group_by("customer_id", "snapshot_date").agg(
        events_7d=(age <= pl.duration(days=7)).sum().cast(pl.Int64),
        events_30d=(age <= pl.duration(days=30)).sum().cast(pl.Int64),
        minutes_30d=minutes.filter(age <= pl.duration(days=30)).sum(),
        # lag: the previous 30-day window, so a model can see usage falling
        minutes_prev_30d=minutes.filter(
            (age > pl.duration(days=30)) & (age <= pl.duration(days=60))
        ).sum(),
        last_event=pl.col("event_time").max(),
    )
    return snapshots.join(
        per_row, on=["customer_id", "snapshot_date"], how="left", maintain_order="left"
    ).with_columns(
        pl.col("events_7d", "events_30d").fill_null(0),
        pl.col("minutes_30d", "minutes_prev_30d").fill_null(0.0).round(1),
        days_since_last_event=(
            (pl.col("snapshot_date") - pl.col("last_event")).dt.total_microseconds() / DAY_US
        ),
    )


honest = usage_features(snapshots, events, known_by="ingested_at")
columns = ["customer_id", "snapshot_date", "events_7d", "events_30d", "minutes_prev_30d"]
print(
    honest.select(*columns, "days_since_last_event")
    .head(3)
    .to_pandas()
    .to_string(float_format="{:.2f}".format)
)
# >   customer_id snapshot_date  events_7d  events_30d  minutes_prev_30d  days_since_last_event
# > 0     C000001    2024-03-01          2           8              8.50                   1.74
# > 1     C000002    2024-03-01          3          17             86.80                   2.13
# > 2     C000004    2024-03-01          0           2              0.90                  18.68
# --8<-- [end:features]

# --8<-- [start:check_against_table]
# The case study's training table applies the same rule; our features must agree with it.
for column in ["events_30d", "minutes_30d", "minutes_prev_30d"]:
    assert np.array_equal(honest[column].to_numpy(), table[column].to_numpy()), column
assert np.allclose(
    honest["days_since_last_event"].to_numpy(),
    table["days_since_last_event"].to_numpy(),
    atol=1e-3,
    equal_nan=True,
)
print(f"{honest.height:,} rows agree with training_table(); no event after its snapshot")
# > 36,363 rows agree with training_table(); no event after its snapshot
# --8<-- [end:check_against_table]

# --8<-- [start:backfilled]
# Leak 1: the backfilled view. Every event that *happened* before the snapshot counts,
# including the ones that only reached the warehouse after it.
backfilled = usage_features(snapshots, events, known_by="event_time")
extra = backfilled["events_30d"].to_numpy() - honest["events_30d"].to_numpy()
print(f"rows whose events_30d changes: {np.mean(extra != 0):.1%} (max +{extra.max()} events)")
# > rows whose events_30d changes: 3.9% (max +3 events)
assert (extra >= 0).all(), "the backfilled view can only add events"
assert 0.01 < np.mean(extra != 0) < 0.10, "a few percent of rows see late events"
# --8<-- [end:backfilled]

# --8<-- [start:calendar_month]
# Leak 2: aggregate by calendar month, then join on the snapshot's month. A snapshot is the
# first of a month, so "its month" is the 30 days *after* it: the label window itself.
monthly = events.group_by("customer_id", month=pl.col("event_time").dt.truncate("1mo")).agg(
    minutes_month=pl.col("duration_minutes").fill_null(0.0).sum()
)
leaky = snapshots.join(
    monthly,
    left_on=["customer_id", "snapshot_date"],
    right_on=["customer_id", "month"],
    how="left",
    maintain_order="left",
).with_columns(pl.col("minutes_month").fill_null(0.0))
y = table["churned"].to_numpy()
auc_honest = roc_auc_score(y, -honest["minutes_30d"].to_numpy())  # less usage, more churn
auc_leaky = roc_auc_score(y, -leaky["minutes_month"].to_numpy())
print(f"AUC of minutes alone: last 30 days {auc_honest:.3f}, snapshot's month {auc_leaky:.3f}")
# > AUC of minutes alone: last 30 days 0.741, snapshot's month 0.890
assert auc_leaky > auc_honest + 0.10, "the calendar-month feature should look far better"
# --8<-- [end:calendar_month]

# Figure: events around one snapshot, by when they happened and when they arrived.
snapshot = np.datetime64("2025-06-01")
near = events.filter(
    (pl.col("event_time") >= snapshot - np.timedelta64(7, "D"))
    & (pl.col("event_time") < snapshot + np.timedelta64(2, "D"))
).with_columns(
    happened=(pl.col("event_time") - snapshot).dt.total_microseconds() / DAY_US,
    arrived=(pl.col("ingested_at") - snapshot).dt.total_microseconds() / DAY_US,
)
on_time = near.filter(pl.col("arrived") - pl.col("happened") < 1 / 24)
late_arrivals = near.filter(pl.col("arrived") - pl.col("happened") >= 1 / 24)
on_time = on_time.sample(n=400, seed=SEED)  # a sample keeps the SVG small; all late ones shown
fig, ax = new_figure(width=7.0, height=4.2)
groups = [
    (on_time.filter(pl.col("arrived") < 0), PALETTE["blue"], "o", "known at the snapshot: used"),
    (
        late_arrivals.filter(pl.col("arrived") < 0),
        PALETTE["blue"],
        "^",
        "arrived late, before the snapshot: used",
    ),
    (
        late_arrivals.filter((pl.col("happened") < 0) & (pl.col("arrived") >= 0)),
        PALETTE["vermilion"],
        "^",
        "happened before, arrived after: excluded",
    ),
    (near.filter(pl.col("happened") >= 0), PALETTE["sky"], "x", "after the snapshot: excluded"),
]
for frame, colour, marker, label in groups:
    if frame.height > 400:
        frame = frame.sample(n=400, seed=SEED)
    ax.scatter(frame["happened"], frame["arrived"], s=14, color=colour, marker=marker, label=label)
ax.axhline(0, color=PALETTE["black"], lw=1.5)
ax.axvline(0, color=PALETTE["black"], lw=0.8, ls=":")
box = {"facecolor": "white", "edgecolor": "none", "alpha": 0.9, "pad": 1.5}
ax.text(-6.9, 0.5, "above: not yet ingested, invisible at the snapshot", fontsize=9.5, bbox=box)
ax.text(-6.9, -1.2, "below: ingested_at < snapshot, usable", fontsize=9.5, bbox=box)
ax.set_ylim(-8, 15)
ax.set_xlabel("event_time − snapshot (days)")
ax.set_ylabel("ingested_at − snapshot (days)")
ax.set_title("Usage events around the 2025-06-01 snapshot")
ax.legend(loc="lower right", fontsize=9)
save_figure(fig, "feature-engineering/point_in_time_events")
