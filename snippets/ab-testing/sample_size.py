"""Size Lumen's retention-offer experiment before launching it, and check the answer by simulation.

Inputs: the baseline 30-day retention of flagged customers (measured on history, out of sample),
the smallest lift worth detecting (the business's break-even: +4 points), a 5% two-sided
significance level and 80% power. Outputs: customers per arm from statsmodels and from the
textbook formula, the simulated power of that design, and how many monthly cohorts it takes.
"""

import numpy as np
import pandas as pd
from scipy.stats import norm
from sklearn.ensemble import HistGradientBoostingClassifier
from statsmodels.stats.power import NormalIndPower, TTestIndPower
from statsmodels.stats.proportion import proportion_effectsize, proportions_ztest

from churn_case_study import generate, training_table
from guide_tools.explorables import save_explorable
from guide_tools.figures import PALETTE, new_figure, save_figure

SEED = 0
START = pd.Timestamp("2025-07-01")
FLAG_SHARE = 0.30

data = generate(seed=SEED)
table = training_table(data)
X = table.drop(columns=["customer_id", "snapshot_date", "churned"])
snapshot, churned = table["snapshot_date"], table["churned"]


def flagged(model, dates):
    """The riskiest FLAG_SHARE of active customers on each snapshot in `dates`."""
    rows = snapshot.isin(dates)
    risk = pd.Series(model.predict_proba(X[rows])[:, 1], index=X.index[rows])
    return risk.groupby(snapshot[rows]).rank(ascending=False, pct=True) <= FLAG_SHARE


# --8<-- [start:baseline]
# Baseline from history, out of sample: a model trained on labels closed by 1 June 2025 flags
# customers on the June snapshot; their 30-day retention is what the control arm should show.
june = pd.Timestamp("2025-06-01")
closed = snapshot + pd.Timedelta(days=30) <= june
backtest = HistGradientBoostingClassifier(random_state=SEED).fit(X[closed], churned[closed])
june_flags = flagged(backtest, [june])
baseline = 1 - churned[june_flags.index[june_flags]].mean()
print(f"baseline 30-day retention of flagged customers: {baseline:.1%} (n = {june_flags.sum():,})")
# > baseline 30-day retention of flagged customers: 88.4% (n = 679)
# --8<-- [end:baseline]

# --8<-- [start:solve]
MDE = 0.04  # +4 points of 30-day retention: below this the offer does not pay for itself
ALPHA, POWER = 0.05, 0.80  # two-sided
p_c, p_t = baseline, baseline + MDE
h = proportion_effectsize(p_t, p_c)  # Cohen's h = 2·asin(√p_t) − 2·asin(√p_c), not p_t − p_c
n_h = NormalIndPower().solve_power(effect_size=h, alpha=ALPHA, power=POWER, ratio=1.0)
z_a, z_b = norm.ppf(1 - ALPHA / 2), norm.ppf(POWER)
n_textbook = (z_a + z_b) ** 2 * (p_c * (1 - p_c) + p_t * (1 - p_t)) / MDE**2
n_wrong = NormalIndPower().solve_power(effect_size=MDE, alpha=ALPHA, power=POWER)  # raw lift: bug
print(f"Cohen's h = {h:.4f} (the raw lift is {MDE})")
# > Cohen's h = 0.1363 (the raw lift is 0.04)
print(
    f"per arm: statsmodels {n_h:,.0f}, textbook {n_textbook:,.0f}, raw lift passed {n_wrong:,.0f}"
)
# > per arm: statsmodels 845, textbook 850, raw lift passed 9,811
assert abs(n_h / n_textbook - 1) < 0.01, "arcsine and textbook formulas agree within 1% here"
assert n_wrong > 10 * n_h, "passing an unstandardised lift overstates n by an order of magnitude"
# --8<-- [end:solve]

# --8<-- [start:simulate]
rng = np.random.default_rng(SEED)
n = int(np.ceil(max(n_h, n_textbook)))
n_sims = 10_000
x_c, x_t = rng.binomial(n, p_c, n_sims), rng.binomial(n, p_t, n_sims)
pooled = (x_c + x_t) / (2 * n)
z = (x_t - x_c) / n / np.sqrt(pooled * (1 - pooled) * 2 / n)  # the pooled z-test, vectorised
assert np.isclose(z[0], proportions_ztest([x_t[0], x_c[0]], [n, n])[0]), "same as statsmodels"
simulated_power = (np.abs(z) > z_a).mean()
print(f"simulated power at n = {n:,} per arm: {simulated_power:.1%} (nominal {POWER:.0%})")
# > simulated power at n = 851 per arm: 80.1% (nominal 80%)
assert abs(simulated_power - POWER) < 0.03, "the design delivers the power it promises"
# --8<-- [end:simulate]

# --8<-- [start:duration]
# Enrolment: every month the live model flags customers; a customer enters once. We keep
# enrolling whole monthly cohorts until the target is met (a rule on counts, not on results).
closed = snapshot + pd.Timedelta(days=30) <= START
live = HistGradientBoostingClassifier(random_state=SEED).fit(X[closed], churned[closed])
months = pd.date_range(START, "2025-12-01", freq="MS")
flags = flagged(live, months)
entries = (
    table.loc[flags.index[flags], ["customer_id", "snapshot_date"]]
    .sort_values(["snapshot_date", "customer_id"])
    .drop_duplicates("customer_id")
)
per_month = entries.groupby("snapshot_date").size()
n_cohorts = int(np.argmax(per_month.cumsum().to_numpy() >= 2 * n)) + 1
print(per_month.rename(lambda d: f"{d:%b}").to_dict())
# > {'Jul': 721, 'Aug': 373, 'Sep': 331, 'Oct': 334, 'Nov': 283, 'Dec': 284}
print(f"need {2 * n:,} customers: {n_cohorts} monthly cohorts, results 30 days after the last")
# > need 1,702 customers: 4 monthly cohorts, results 30 days after the last
assert per_month.iloc[:n_cohorts].sum() >= 2 * n > per_month.iloc[: n_cohorts - 1].sum()
assert n_cohorts == 4, "retention_experiment.py enrols July to October"
# --8<-- [end:duration]

# --8<-- [start:means]
# A mean metric: minutes of use in 30 days. Effect size for a t-test is Cohen's d = lift / SD.
minutes = table.loc[june_flags.index[june_flags], "minutes_30d"]  # history, as for the baseline
lift = 0.10 * minutes.mean()  # detect a 10% rise
n_minutes = TTestIndPower().solve_power(effect_size=lift / minutes.std(), alpha=ALPHA, power=POWER)
print(f"minutes: mean {minutes.mean():.1f}, SD {minutes.std():.1f}; n per arm {n_minutes:,.0f}")
# > minutes: mean 21.4, SD 27.6; n per arm 2,621
assert minutes.std() > minutes.mean(), "a skewed metric: SD above the mean"
assert 2.5 < n_minutes / n_h < 3.5, "about three times the customers the retention test needs"
assert abs(n_minutes / (2 * (z_a + z_b) ** 2 * minutes.var() / lift**2) - 1) < 0.01  # t ≈ z
# --8<-- [end:means]

fig, ax = new_figure(width=7, height=3.6)
grid = np.linspace(100, 2_000, 80)
ax.plot(grid, NormalIndPower().power(h, grid, ALPHA), color=PALETTE["blue"], label="statsmodels")
check = np.array([200, 400, 600, 800, 1_000, 1_400])
sim = []
for m in check:
    a, b = rng.binomial(m, p_c, 4_000), rng.binomial(m, p_t, 4_000)
    pool = (a + b) / (2 * m)
    sim.append((np.abs((b - a) / m / np.sqrt(pool * (1 - pool) * 2 / m)) > z_a).mean())
ax.plot(check, sim, "o", color=PALETTE["vermilion"], label="simulated (4,000 experiments)")
ax.axhline(POWER, color=PALETTE["black"], ls=":", lw=1)
ax.axvline(n, color=PALETTE["black"], ls="--", lw=1)
ax.annotate(f"n = {n:,} per arm", (n, 0.3), xytext=(8, 0), textcoords="offset points")
ax.set_xlabel("customers per arm")
ax.set_ylabel("power")
ax.set_title(f"Power to detect +{MDE * 100:.0f} points on a {baseline:.0%} baseline, α = {ALPHA}")
ax.legend(loc="lower right")
save_figure(fig, "ab-testing/power_curve")

# Explorable: a sample-size calculator the page computes itself (explorables/ab-testing.js), and
# the browser test checks it against these Python answers for a table of inputs. The inputs are in
# the page's units: baseline in %, MDE in points of absolute lift; the first row is the chapter's.
ALPHAS, POWERS = [0.01, 0.05, 0.1], [0.8, 0.9, 0.95]
# The chapter's inputs as the page's inputs show them, then with the MDE halved, then stricter.
start = {"baseline_pct": round(100 * baseline, 4), "mde_points": 100 * MDE, "alpha": ALPHA}
start["power"] = POWER
b0, m0 = start["baseline_pct"], start["mde_points"]
rows = [(b0, m0, ALPHA, POWER), (b0, m0 / 2, ALPHA, POWER), (b0, m0, 0.01, 0.9)]
rows += [(50, 1, 0.05, 0.8), (10, 1, 0.05, 0.9), (5, 0.5, 0.1, 0.8)]
rows += [(2, 0.2, 0.05, 0.95), (30, 3, 0.01, 0.8), (70, 5, 0.1, 0.95), (95, 2, 0.05, 0.9)]
rows += [(20, 10, 0.05, 0.8), (60, 0.5, 0.01, 0.95), (99, 0.5, 0.05, 0.8)]
assert all(float(f"{v:.6g}") == v for row in rows for v in row), "the file keeps them exactly"
table_rows = []
for b_pct, mde_pts, a, pw in rows:
    pc, mde = b_pct / 100, mde_pts / 100  # the same float operations as the page's
    pt = pc + mde
    zz = (norm.ppf(1 - a / 2) + norm.ppf(pw)) ** 2
    h_row = proportion_effectsize(pt, pc)
    arcsine = NormalIndPower().solve_power(effect_size=h_row, alpha=a, power=pw, ratio=1.0)
    textbook = zz * (pc * (1 - pc) + pt * (1 - pt)) / mde**2
    n_row = int(np.ceil(max(arcsine, textbook)))
    at = [
        NormalIndPower().power(proportion_effectsize(pc + e, pc), n_row, a) for e in (mde, mde / 2)
    ]
    for v in (arcsine, textbook):  # not on an integer: float noise cannot move the ceiling
        assert 1e-6 < v % 1 < 1 - 1e-6, (b_pct, mde_pts, v)
    for v in (1000 * at[0], 1000 * at[1], 10_000 * h_row):  # not on a display rounding boundary
        assert abs(v % 1 - 0.5) > 0.01, (b_pct, mde_pts, v)
    assert at[0] >= pw, "the design n delivers the power asked for at the MDE"
    table_rows.append(
        {
            "baseline_pct": b_pct,
            "mde_points": mde_pts,
            "alpha": a,
            "power": pw,
            "h": h_row,
            "n_arcsine": int(np.ceil(arcsine)),
            "n_textbook": int(np.ceil(textbook)),
            "n": n_row,
            "power_mde": at[0],
            "power_half": at[1],
        }
    )
chapter, halved = table_rows[0], table_rows[1]
# The page's defaults give the figure's design, and the hint's two claims hold there.
assert chapter["n"] == n and chapter["n_arcsine"] == np.ceil(n_h), "the figure's 851 per arm"
assert 3.5 < halved["n"] / chapter["n"] < 4.5, "halving the MDE about quadruples n"
assert chapter["power_half"] < 1 / 3, "half the MDE is detected less than a third of the time"
xs = [-8, -5, -3, -1.95996, -1, -0.3, 0, 0.5, 1.64485, 2.5, 4, 7]
ps = [1e-10, 1e-6, 0.001, 0.02, 0.025, 0.2, 0.5, 0.8, 0.9, 0.95, 0.975, 0.999999]
save_explorable(
    "ab-testing/power_curve",
    {
        "defaults": start,
        "alphas": ALPHAS,
        "powers": POWERS,
        "rows": table_rows,
        # SciPy's Φ and Φ⁻¹ to 12 digits, as text: the file keeps numbers to 6 digits only.
        "normal": {
            "cdf": [[x, f"{norm.cdf(x):.12g}"] for x in xs],
            "ppf": [[p, f"{norm.ppf(p):.12g}"] for p in ps],
        },
    },
)
