"""Monitor the churn model's inputs and outputs for drift, month by month, through 2025.

The reference is what the model was trained on (snapshots from March to December 2024). Each
2025 month is compared with it: PSI and the Kolmogorov-Smirnov test for numeric features, PSI and
the chi-square test for a categorical one, and PSI of the model's scores (prediction drift).
The case study drifts on purpose: usage rises after the product change of 2025-03-15, the social
channel keeps growing, and the standard plan's price goes up on 2025-07-01.
"""

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.ensemble import HistGradientBoostingClassifier

from churn_case_study import generate, training_table
from guide_tools.explorables import save_explorable
from guide_tools.figures import PALETTE, new_figure, save_figure


# --8<-- [start:psi]
def psi(reference, current, bins=10, eps=1e-4):
    """Population stability index of `current` against `reference` (numeric values).

    Bin edges are the reference's deciles, with open outer bins, so every new value lands
    in a bin; an empty bin's share is raised to `eps` so that the logarithm stays finite.
    """
    edges = np.unique(np.quantile(reference, np.linspace(0, 1, bins + 1)[1:-1]))  # ties merge
    e = np.bincount(np.searchsorted(edges, reference, side="right"), minlength=len(edges) + 1)
    a = np.bincount(np.searchsorted(edges, current, side="right"), minlength=len(edges) + 1)
    e, a = np.maximum(e / e.sum(), eps), np.maximum(a / a.sum(), eps)
    return float(np.sum((a - e) * np.log(a / e)))


def category_shares(values, categories):
    return pd.Series(values).value_counts().reindex(categories, fill_value=0).to_numpy()


def psi_categorical(reference, current, eps=1e-4):
    """PSI with one bin per category (categories seen in either sample)."""
    categories = sorted(set(reference) | set(current))
    e, a = category_shares(reference, categories), category_shares(current, categories)
    e, a = np.maximum(e / e.sum(), eps), np.maximum(a / a.sum(), eps)
    return float(np.sum((a - e) * np.log(a / e)))


# --8<-- [end:psi]


# --8<-- [start:monthly]
table = training_table(generate(seed=0))
features = table.drop(columns=["customer_id", "snapshot_date", "churned"])
reference = (table["snapshot_date"] < "2025-01-01").to_numpy()  # the training window
model = HistGradientBoostingClassifier(max_iter=60, max_depth=3, random_state=0)
model.fit(features[reference], table["churned"][reference])
score = model.predict_proba(features)[:, 1]  # available on scoring day: no labels needed

ref = table[reference]
rows = []
for month, cur in table[table["snapshot_date"] >= "2025-01-01"].groupby("snapshot_date"):
    now = (table["snapshot_date"] == month).to_numpy()
    channels = ref["acquisition_channel"].cat.categories
    counts = [category_shares(d["acquisition_channel"], channels) for d in (ref, cur)]
    ks = stats.ks_2samp(ref["minutes_30d"], cur["minutes_30d"])
    rows.append(
        {
            "month": month.strftime("%Y-%m"),
            "rows": len(cur),
            "psi_minutes": psi(ref["minutes_30d"], cur["minutes_30d"]),
            "ks_minutes": ks.statistic,
            "ks_p": ks.pvalue,
            "psi_channel": psi_categorical(ref["acquisition_channel"], cur["acquisition_channel"]),
            "chi2_p": stats.chi2_contingency(np.vstack(counts)).pvalue,
            "psi_price": psi(ref["monthly_price"], cur["monthly_price"]),
            "psi_price_cat": psi_categorical(ref["monthly_price"], cur["monthly_price"]),
            "psi_score": psi(score[reference], score[now]),
        }
    )
drift = pd.DataFrame(rows).set_index("month")
print(
    drift.to_string(
        formatters={
            "rows": "{:,}".format,
            **{c: "{:.3f}".format for c in drift if c.startswith(("psi", "ks_minutes"))},
            **{c: "{:.0e}".format for c in ("ks_p", "chi2_p")},
        }
    )
)
# >          rows psi_minutes ks_minutes  ks_p psi_channel chi2_p psi_price psi_price_cat psi_score
# > month
# > 2025-01 1,576       0.008      0.021 6e-01       0.001  8e-01     0.000         0.000     0.014
# > 2025-02 1,794       0.007      0.026 3e-01       0.005  1e-01     0.000         0.000     0.010
# > 2025-03 1,880       0.010      0.040 1e-02       0.003  4e-01     0.000         0.000     0.015
# > 2025-04 2,013       0.064      0.099 1e-14       0.007  2e-02     0.000         0.000     0.063
# > 2025-05 2,154       0.095      0.127 7e-25       0.013  4e-05     0.000         0.000     0.088
# > 2025-06 2,264       0.098      0.128 3e-26       0.019  2e-07     0.000         0.000     0.088
# > 2025-07 2,404       0.099      0.129 1e-27       0.024  3e-10     0.000         6.991     0.111
# > 2025-08 2,512       0.113      0.138 1e-32       0.029  4e-13     0.001         6.917     0.101
# > 2025-09 2,600       0.092      0.128 3e-29       0.036  9e-17     0.002         6.828     0.091
# > 2025-10 2,717       0.111      0.140 6e-36       0.051  1e-24     0.005         6.721     0.100
# > 2025-11 2,787       0.115      0.146 5e-40       0.050  1e-24     0.006         6.691     0.096
# > 2025-12 2,894       0.120      0.140 1e-37       0.063  1e-32     0.009         6.606     0.096
# --8<-- [end:monthly]

# --8<-- [start:checks]
before, after = drift.loc[:"2025-03"], drift.loc["2025-05":]
# Usage: stable until the product change, then a moderate shift that never reaches 0.25.
assert (before["psi_minutes"] < 0.02).all() and (after["psi_minutes"] > 0.08).all()
assert drift["psi_minutes"].max() < 0.25, "by the rule of thumb, never a 'major' shift"
# The channel mix: the chi-square test is overwhelming long before PSI reaches 0.1.
assert (drift.loc["2025-05":, "chi2_p"] < 1e-4).all() and drift["psi_channel"].max() < 0.1
# The price increase moves one plan's price from 12.99 to 15.99, inside one decile bin:
# binned PSI cannot see it, KS and a per-value PSI can.
july = drift.loc["2025-07"]
july_prices = table.loc[table["snapshot_date"] == "2025-07-01", "monthly_price"]
assert july["psi_price"] < 0.01 and july["psi_price_cat"] > 1, "binning hides the price change"
ks_price = stats.ks_2samp(ref["monthly_price"], july_prices)
print(
    f"July price: binned PSI {july['psi_price']:.4f}, "
    f"per-value PSI {july['psi_price_cat']:.2f}, KS {ks_price.statistic:.2f}"
)
# > July price: binned PSI 0.0004, per-value PSI 6.99, KS 0.41
# A category that vanishes or appears makes PSI depend on the epsilon alone:
by_eps = {e: psi_categorical(ref["monthly_price"], july_prices, eps=e) for e in (1e-3, 1e-4, 1e-6)}
print("per-value PSI by epsilon:", {k: round(v, 2) for k, v in by_eps.items()})
# > per-value PSI by epsilon: {0.001: 5.05, 0.0001: 6.99, 1e-06: 10.85}
assert by_eps[1e-6] > 1.5 * by_eps[1e-3], "with an empty bin, PSI measures the epsilon"
# A feature that drifts by design: the active base ages with the young business.
months_2025 = table[table["snapshot_date"] >= "2025-01-01"].groupby("snapshot_date")
tenure = [psi(ref["tenure_days"], month["tenure_days"]) for _, month in months_2025]
print(f"tenure_days PSI, 2025 months: {min(tenure):.2f} to {max(tenure):.2f}")
# > tenure_days PSI, 2025 months: 0.29 to 0.94
assert min(tenure) > 0.25, "above the 'major' line every month: an alert that never clears"
# --8<-- [end:checks]

# --8<-- [start:sample_size]
# A shift nobody should act on: every customer uses the app 2% more. Equal-sized samples.
rng = np.random.default_rng(0)
tests = {}
for n in (100, 500, 5_000, 50_000, 500_000):
    base = rng.lognormal(mean=3.4, sigma=1.0, size=n)
    shifted = 1.02 * rng.lognormal(mean=3.4, sigma=1.0, size=n)
    ks, shift_psi = stats.ks_2samp(base, shifted), psi(base, shifted)
    null_psi = (10 - 1) * (1 / n + 1 / n)  # PSI's average when nothing changed (10 bins)
    print(
        f"n={n:>7,}  KS D={ks.statistic:.4f}  p={ks.pvalue:.1e}  "
        f"PSI={shift_psi:.5f}  PSI if no change≈{null_psi:.5f}"
    )
    # > n=    100  KS D=0.1000  p=7.0e-01  PSI=0.19520  PSI if no change≈0.18000
    # > n=    500  KS D=0.0480  p=6.1e-01  PSI=0.02222  PSI if no change≈0.03600
    # > n=  5,000  KS D=0.0258  p=7.2e-02  PSI=0.00615  PSI if no change≈0.00360
    # > n= 50,000  KS D=0.0089  p=3.9e-02  PSI=0.00044  PSI if no change≈0.00036
    # > n=500,000  KS D=0.0076  p=6.1e-13  PSI=0.00031  PSI if no change≈0.00004
    tests[n] = (ks.statistic, ks.pvalue, shift_psi)
assert tests[500][1] > 0.05, "small samples: not significant"
assert tests[500_000][1] < 1e-6, "huge samples: the same negligible shift is 'significant'"
assert tests[500_000][0] < 0.01 and tests[500_000][2] < 0.001, "the shift itself is tiny"
# --8<-- [end:sample_size]

# --8<-- [start:figure]
fig, ax = new_figure(width=7.0, height=3.8)
months = pd.to_datetime(drift.index)
ax.plot(
    months, drift["psi_minutes"], marker="o", label="minutes_30d (usage)", color=PALETTE["blue"]
)
ax.plot(months, drift["psi_score"], marker="s", label="model score", color=PALETTE["vermilion"])
ax.plot(
    months, drift["psi_channel"], marker="^", label="acquisition_channel", color=PALETTE["green"]
)
ax.plot(
    months,
    drift["psi_price"],
    marker="v",
    label="monthly_price (decile bins)",
    color=PALETTE["purple"],
)
for level, text in [(0.1, "0.1: 'moderate'"), (0.25, "0.25: 'major'")]:
    ax.axhline(level, color=PALETTE["black"], linestyle=":", linewidth=1)
    ax.text(months[0], level + 0.004, text, fontsize=9)
for date, text in [("2025-03-15", "product change"), ("2025-07-01", "price increase")]:
    ax.axvline(pd.Timestamp(date), color="#777777", linestyle="--", linewidth=1)
    ax.text(pd.Timestamp(date), 0.27, f" {text}", fontsize=9)
ax.set_ylim(0, 0.3)
ax.set_ylabel("PSI against the 2024 training window")
ax.set_xlabel("snapshot month")
ax.legend(loc="upper left", bbox_to_anchor=(0.0, 0.81), fontsize=9)
save_figure(fig, "mlops/drift_over_time")
# --8<-- [end:figure]

# Explorable: PSI and the KS test of a reference window against a current one, for a normal
# feature whose mean shifts by 0 to 0.6 of its standard deviation, at three window sizes; the
# page's slider and select only look these up (guide_tools.explorables). One seeded draw per
# window size, the current window shifted by each amount (the same draw, so the curves are smooth).
shifts = np.round(np.linspace(0, 0.6, 25), 3)
sizes = [500, 5_000, 50_000]
rng = np.random.default_rng(0)
grid = {"psi": [], "ks_d": [], "ks_p": []}
for n in sizes:
    base, current = rng.normal(size=n), rng.normal(size=n)
    runs = [(psi(base, current + s), stats.ks_2samp(base, current + s)) for s in shifts]
    grid["psi"].append([value for value, _ in runs])
    grid["ks_d"].append([ks.statistic for _, ks in runs])
    grid["ks_p"].append([ks.pvalue for _, ks in runs])
psi_grid, p_grid = np.array(grid["psi"]), np.array(grid["ks_p"])
# The lesson on the page: the smallest shift (0.025 SD, negligible by PSI's rule of thumb) is
# "significant" with 50,000 rows a window and not with 500; PSI, an effect size, barely moves
# between 5,000 and 50,000 rows, and the largest shift is 'major' (above 0.25) at every size.
assert p_grid[-1, 1] < 0.05 < p_grid[0, 1] and psi_grid[-1, 1] < 0.01
assert np.abs(psi_grid[2] - psi_grid[1]).max() < 0.02
assert (psi_grid[:, -1] > 0.25).all() and (psi_grid[1:, :5] < 0.02).all()
save_explorable(
    "mlops/drift_over_time",
    {
        "shifts": shifts,
        "sizes": sizes,
        **grid,
        "null_psi": [(10 - 1) * 2 / n for n in sizes],  # PSI's average with no change (10 bins)
        "rules": [0.1, 0.25],
        "alpha": 0.05,
        "start": {"shift": 2, "size": 2},
    },
)
