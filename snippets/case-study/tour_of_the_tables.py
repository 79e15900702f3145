"""A tour of the running case study: what the tables hold, how messy they are, how they drift."""

# --8<-- [start:load]
import pandas as pd

from churn_case_study import TABLES, generate, training_table

data = generate(seed=0)  # 5,000 customers, 2024-01-01 to 2025-12-31, cached per process
for name in TABLES:
    frame = data.as_dict()[name]
    print(f"{name:<16} {len(frame):>8,} rows  {frame.shape[1]:>2} columns")
    # > customers           5,034 rows   6 columns
    # > subscriptions       5,250 rows   9 columns
    # > usage_events      370,821 rows   6 columns
    # > payments           42,710 rows   7 columns
    # > support_tickets     3,917 rows   7 columns
# --8<-- [end:load]
assert len(data.usage_events) > 100_000

from guide_tools.figures import PALETTE, new_figure, save_figure  # for the figure at the end

# --8<-- [start:messiness]
customers, events = data.customers, data.usage_events
duplicate_customers = customers.duplicated().mean()
duplicate_events = events["event_id"].duplicated().mean()
channel_spellings = customers["acquisition_channel"].nunique()
canonical_channels = customers["acquisition_channel"].str.strip().str.lower().nunique()
late = (events["ingested_at"] - events["event_time"]) > pd.Timedelta(days=1)
print(f"duplicate customer rows:     {duplicate_customers:.1%}")
# > duplicate customer rows:     0.7%
print(f"duplicate usage events:      {duplicate_events:.1%}")
# > duplicate usage events:      1.9%
print(f"channel spellings:           {channel_spellings} for {canonical_channels} channels")
# > channel spellings:           30 for 5 channels
print(f"events ingested a day late:  {late.mean():.1%}")
# > events ingested a day late:  3.2%
print(f"birth_year missing:          {customers['birth_year'].isna().mean():.1%}")
# > birth_year missing:          14.7%
# --8<-- [end:messiness]
assert duplicate_customers > 0 and duplicate_events > 0
assert channel_spellings > canonical_channels
assert 0.01 < late.mean() < 0.1

# --8<-- [start:training_table]
table = training_table(data)  # one row per active customer per month, features as of that day
print(f"{len(table):,} snapshot rows, {table['customer_id'].nunique():,} customers")
# > 36,363 snapshot rows, 4,594 customers
print(f"churned within 30 days: {table['churned'].mean():.1%} of rows")
# > churned within 30 days: 5.6% of rows
monthly = table.groupby("snapshot_date")["churned"].mean()
print(f"monthly churn rate ranges from {monthly.min():.1%} to {monthly.max():.1%}")
# > monthly churn rate ranges from 4.1% to 8.5%
# --8<-- [end:training_table]
assert 0.04 < table["churned"].mean() < 0.08, "churn is the minority class"
assert table["customer_id"].nunique() < len(table) / 3, "customers repeat across snapshots"

# --8<-- [start:drift]
is_standard = table["plan"] == "standard"
by_plan = table.assign(
    group=is_standard.map({True: "standard", False: "basic + premium"})
).pivot_table(index="snapshot_date", columns="group", values="churned", aggfunc="mean")
signups = data.customers.drop_duplicates("customer_id")
channel = signups["acquisition_channel"].str.strip().str.lower()
social_share = (channel == "social").groupby(signups["signup_date"].dt.to_period("Q")).mean()
before = by_plan.loc[:"2025-06-30", "standard"].mean()
after = by_plan.loc["2025-07-01":, "standard"].mean()
print(f"standard plan churn: {before:.1%} before the July 2025 price rise, {after:.1%} after")
# > standard plan churn: 5.1% before the July 2025 price rise, 7.8% after
print(f"social share of signups: {social_share.iloc[0]:.0%} -> {social_share.iloc[-1]:.0%}")
# > social share of signups: 9% -> 34%
# --8<-- [end:drift]
assert after > before * 1.2, "the price increase raises churn on the repriced plan"
assert social_share.iloc[-1] > 2 * social_share.iloc[0], "the channel mix drifts"

fig, (left, right) = new_figure(1, 2, width=9.5, height=4.0)
for group, color in (("standard", PALETTE["vermilion"]), ("basic + premium", PALETTE["blue"])):
    left.plot(by_plan.index, by_plan[group], label=group, color=color)
left.axvline(pd.Timestamp("2025-07-01"), color=PALETTE["black"], linestyle="--", linewidth=1)
left.annotate("price rise", (pd.Timestamp("2025-07-01"), left.get_ylim()[1] * 0.95),
              xytext=(-70, 0), textcoords="offset points")  # fmt: skip
left.set(title="30-day churn rate by snapshot", ylabel="share of active customers")
left.yaxis.set_major_formatter("{x:.0%}")
left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.28), ncols=2)
left.tick_params(axis="x", rotation=30)
right.bar([str(q) for q in social_share.index], social_share.to_numpy(), color=PALETTE["green"])
right.set(title="Social share of new signups", ylabel="share of signups")
right.yaxis.set_major_formatter("{x:.0%}")
right.tick_params(axis="x", rotation=45)
save_figure(fig, "case-study/drift")
