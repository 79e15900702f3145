"""CUPED: use pre-period data to shrink the variance of the retention experiment's estimates.

The customers of snippets/ab-testing/retention_experiment.py, with their usage from the
`usage_events` table: minutes in the 30 days before entering the experiment (the covariate,
point-in-time: only events the warehouse had at entry) and in the 30 days after (an outcome).
We re-randomise the same customers many times with no offer (A/A), so every spread we see is
pure noise, and compare plain difference-in-means with its CUPED-adjusted version.
"""

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier

from churn_case_study import clean_usage_events, generate, training_table
from guide_tools.figures import PALETTE, new_figure, save_figure

SEED = 0
START, N_COHORTS, FLAG_SHARE = pd.Timestamp("2025-07-01"), 4, 0.30

# The experiment's units, exactly as in retention_experiment.py, with the model's risk score.
data = generate(seed=SEED)
table = training_table(data)
X = table.drop(columns=["customer_id", "snapshot_date", "churned"])
closed = table["snapshot_date"] + pd.Timedelta(days=30) <= START
model = HistGradientBoostingClassifier(random_state=SEED).fit(X[closed], table["churned"][closed])
live = table["snapshot_date"].isin(pd.date_range(START, periods=N_COHORTS, freq="MS"))
scored = table[live].assign(risk=model.predict_proba(X[live])[:, 1])
rank = scored.groupby("snapshot_date")["risk"].rank(ascending=False, pct=True)
scored["flagged"] = rank <= FLAG_SHARE
first = scored[scored["flagged"]].sort_values("snapshot_date").drop_duplicates("customer_id")

# --8<-- [start:covariate]
events = clean_usage_events(data.usage_events)


def minutes(units: pd.DataFrame, start_days: int, end_days: int, known_at_entry: bool):
    """Minutes of use per unit in [entry + start_days, entry + end_days)."""
    e = units[["customer_id", "snapshot_date"]].merge(events, on="customer_id")
    since = (e["event_time"] - e["snapshot_date"]).dt.days
    keep = (since >= start_days) & (since < end_days)
    if known_at_entry:  # point in time: a late event the warehouse did not have yet is unknown
        keep &= e["ingested_at"] < e["snapshot_date"]
    per_unit = e[keep].groupby(["customer_id", "snapshot_date"])["duration_minutes"].sum()
    index = pd.MultiIndex.from_frame(units[["customer_id", "snapshot_date"]])
    return per_unit.reindex(index, fill_value=0.0).to_numpy()


pre = minutes(first, -30, 0, known_at_entry=True)  # the CUPED covariate
post = minutes(first, 0, 30, known_at_entry=False)  # an outcome: engagement after entry
kept = (first["churned"] == 0).to_numpy(float)  # the primary outcome: 30-day retention
risk = first["risk"].to_numpy()  # the model's score at entry: also fixed before assignment
# --8<-- [end:covariate]

# --8<-- [start:regression_to_mean]
# Why a pre/post comparison of flagged customers misleads: with no offer at all, usage rises.
others = scored[~scored["customer_id"].isin(first["customer_id"])].drop_duplicates("customer_id")
rise_flagged = post.mean() / pre.mean() - 1
rise_others = minutes(others, 0, 30, False).mean() / minutes(others, -30, 0, True).mean() - 1
print(f"minutes, 30 days after vs before: flagged {rise_flagged:+.0%}, others {rise_others:+.0%}")
# > minutes, 30 days after vs before: flagged +52%, others +4%
assert rise_flagged > 0.3 and rise_flagged > rise_others + 0.3, "regression to the mean"
# --8<-- [end:regression_to_mean]


# --8<-- [start:cuped]
def cuped(y: np.ndarray, x: np.ndarray) -> np.ndarray:
    """y − θ(x − mean x), θ = cov(y, x) / var(x): same mean as y, less variance."""
    theta = np.cov(y, x)[0, 1] / x.var(ddof=1)
    return y - theta * (x - x.mean())


rng = np.random.default_rng(SEED)
n, R = len(first), 4_000
draws = rng.random((R, n)).argsort(axis=1) < n // 2  # A/A: half the customers "treated"


def diff_in_means(y):
    return draws @ y / draws.sum(axis=1) - ~draws @ y / (~draws).sum(axis=1)


rows = []
for metric, y, covariate, x in [
    ("minutes after", post, "minutes before", pre),
    ("retention", kept, "minutes before", pre),
    ("retention", kept, "risk score", risk),
]:
    rho = np.corrcoef(y, x)[0, 1]
    ratio = diff_in_means(cuped(y, x)).var() / diff_in_means(y).var()
    rows.append((metric, covariate, rho, 1 - rho**2, ratio))
    assert abs(ratio - (1 - rho**2)) < 0.03, "CUPED's variance ratio is 1 − ρ²"
result = pd.DataFrame(rows, columns=["metric", "covariate", "rho", "1-rho^2", "var ratio"])
print(result.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
# >        metric      covariate    rho  1-rho^2  var ratio
# > minutes after minutes before  0.442    0.804      0.802
# >     retention minutes before  0.116    0.987      0.988
# >     retention     risk score -0.222    0.951      0.962
assert result["var ratio"].iloc[0] < 0.85, "engagement: a worthwhile saving"
assert (result["var ratio"].iloc[1:] > 0.9).all(), "retention: pre-period data barely helps"
assert result["var ratio"].iloc[2] < result["var ratio"].iloc[1], "the risk score helps more"
# --8<-- [end:cuped]

raw, adjusted = diff_in_means(post), diff_in_means(cuped(post, pre))
theta = np.cov(post, pre)[0, 1] / pre.var(ddof=1)
fig, (left, right) = new_figure(1, 2, width=9.5, height=3.8)
left.scatter(pre, post, s=6, alpha=0.35, color=PALETTE["blue"], linewidths=0)
line = np.array([0, 200])
left.plot(line, post.mean() + theta * (line - pre.mean()), color=PALETTE["vermilion"])
left.set(xlim=(0, 200), ylim=(0, 250), xlabel="minutes in the 30 days before entry")
left.set_ylabel("minutes in the 30 days after")
left.set_title(f"ρ = {np.corrcoef(post, pre)[0, 1]:.2f}; the line's slope is θ")
bins = np.linspace(-8, 8, 49)
right.hist(raw, bins=bins, color=PALETTE["sky"], alpha=0.8, label=f"plain: SD {raw.std():.2f}")
right.hist(adjusted, bins=bins, histtype="step", color=PALETTE["blue"], lw=2)
right.plot([], [], color=PALETTE["blue"], label=f"CUPED: SD {adjusted.std():.2f}")
right.axvline(0, color=PALETTE["black"], lw=1)
right.set_xlabel("estimated effect on minutes (A/A: truth 0)")
right.set_ylabel("re-randomisations")
right.set_title(f"{R:,} A/A splits, analysed two ways")
right.legend(loc="upper left", fontsize=9)
save_figure(fig, "ab-testing/cuped_variance")
