"""Choose the churn model's operating threshold from the retention campaign's economics.

A retention call costs money whether or not the customer would have churned; it keeps only some
of the churners it reaches. That cost matrix gives a threshold on *calibrated* probabilities.
We compare it with the default 0.5, with a threshold tuned on recent months, and with the rule
the retention team actually faces: a fixed number of calls per month.
"""

import numpy as np
import pandas as pd
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.frozen import FrozenEstimator
from sklearn.metrics import confusion_matrix_at_thresholds

from churn_case_study import generate, training_table
from guide_tools.explorables import save_explorable
from guide_tools.figures import PALETTE, new_figure, save_figure

SEED = 0
table = training_table(generate(seed=SEED))
month = table["snapshot_date"]
train = month < pd.Timestamp("2025-07-01")
valid = (month >= pd.Timestamp("2025-07-01")) & (month < pd.Timestamp("2025-10-01"))
test = month >= pd.Timestamp("2025-10-01")
X = table.drop(columns=["customer_id", "snapshot_date", "churned"])
y = table["churned"].to_numpy()
model = HistGradientBoostingClassifier(random_state=SEED).fit(X[train], y[train])

# --8<-- [start:costs]
CALL_COST = 6.0  # agent time plus the offer, paid for every customer called (USD)
SAVE_RATE = 0.25  # share of called churners who stay because of the call
VALUE = 180.0  # margin from a customer who stays (about a year)
GAIN_TP = SAVE_RATE * VALUE - CALL_COST  # a churner called: +39 on average
LOSS_FP = CALL_COST  # a loyal customer called: -6
# Call when the expected gain is positive: p * SAVE_RATE * VALUE - CALL_COST > 0.
P_STAR = CALL_COST / (SAVE_RATE * VALUE)
print(f"call if P(churn) > {P_STAR:.3f}, i.e. {LOSS_FP:.0f} / ({GAIN_TP:.0f} + {LOSS_FP:.0f})")
# > call if P(churn) > 0.133, i.e. 6 / (39 + 6)
assert np.isclose(P_STAR, LOSS_FP / (GAIN_TP + LOSS_FP))
# --8<-- [end:costs]


# --8<-- [start:compare]
def profit(y_true, call):
    tp, fp = np.sum(call & (y_true == 1)), np.sum(call & (y_true == 0))
    return GAIN_TP * tp - LOSS_FP * fp, tp, fp


def profit_curve(y_true, scores):
    """Profit at every distinct threshold, from one sort (scikit-learn >= 1.8)."""
    _, fps, _, tps, thresholds = confusion_matrix_at_thresholds(y_true, scores)
    return GAIN_TP * tps - LOSS_FP * fps, thresholds


p_valid = model.predict_proba(X[valid])[:, 1]
y_test, p_test = y[test], model.predict_proba(X[test])[:, 1]
# Recalibrate on the three most recent labelled months; the model itself stays frozen.
recalibrated = CalibratedClassifierCV(FrozenEstimator(model), method="sigmoid")
p_test_cal = recalibrated.fit(X[valid], y[valid]).predict_proba(X[test])[:, 1]
valid_profit, valid_thresholds = profit_curve(y[valid], p_valid)
tuned = valid_thresholds[np.argmax(valid_profit)]  # best threshold on the validation months

CALLS_PER_MONTH = 100  # the retention team's capacity
rank_in_month = pd.Series(p_test).groupby(month[test].to_numpy()).rank(ascending=False)
rules = {
    "default 0.5": p_test >= 0.5,
    "cost rule, raw p": p_test >= P_STAR,
    "cost rule, recalibrated p": p_test_cal >= P_STAR,
    f"tuned on valid ({tuned:.3f})": p_test >= tuned,
    f"top {CALLS_PER_MONTH} a month": (rank_in_month <= CALLS_PER_MONTH).to_numpy(),
    "call everyone": np.ones_like(y_test, dtype=bool),
}
results = pd.DataFrame(
    [(name, *profit(y_test, call)) for name, call in rules.items()],
    columns=["rule", "profit", "churners", "others"],
).set_index("rule")
results.insert(0, "calls", results.pop("churners") + results.pop("others"))
results.insert(1, "precision", [np.mean(y_test[call]) for call in rules.values()])
best_possible = profit_curve(y_test, p_test)[0].max()  # hindsight: only to compare with
results["share of best"] = results["profit"] / best_possible
print(
    f"mean P(churn), test months: raw {p_test.mean():.3f}, "
    f"recalibrated {p_test_cal.mean():.3f}, observed {y_test.mean():.3f}"
)
# > mean P(churn), test months: raw 0.043, recalibrated 0.060, observed 0.063
print(
    results.to_string(
        formatters={
            "precision": "{:.2f}".format,
            "profit": "{:,.0f}".format,
            "share of best": "{:.2f}".format,
        }
    )
)
# >                            calls precision  profit share of best
# > rule
# > default 0.5                   12      0.67     288          0.06
# > cost rule, raw p             474      0.34   4,446          0.86
# > cost rule, recalibrated p    765      0.28   4,950          0.96
# > tuned on valid (0.068)      1244      0.22   4,911          0.95
# > top 100 a month              300      0.40   3,555          0.69
# > call everyone               8398      0.06 -26,493         -5.11
# --8<-- [end:compare]

# --8<-- [start:checks]
share = results["share of best"]
# The default threshold leaves almost all the value on the table; calling everyone loses money.
assert share["default 0.5"] < 0.1 and results.loc["call everyone", "profit"] < 0
# Churn rose after the model's training months, so its raw probabilities are too low and the
# cost rule calls too few; on recalibrated probabilities it gets within 10 % of hindsight.
assert p_test.mean() < 0.75 * y_test.mean() < p_test_cal.mean()
assert share["cost rule, raw p"] < share["cost rule, recalibrated p"]
assert share["cost rule, recalibrated p"] > 0.9 and share[f"tuned on valid ({tuned:.3f})"] > 0.9
# At 100 calls a month capacity binds: fewer calls than the cost rule wants, at higher
# precision, and less profit than the team could make with more callers.
capped, cost_rule = results.iloc[4], results.loc["cost rule, recalibrated p"]
assert capped["calls"] < cost_rule["calls"] and capped["precision"] > cost_rule["precision"]
assert capped["profit"] < cost_rule["profit"]
# In hindsight the best threshold on the raw scores lies well below P_STAR: on raw p the cost
# rule calls too few. Platt's map is increasing, so the recalibrated rule is a threshold on raw
# p too, and it lands between the two.
test_profit, test_thresholds = profit_curve(y_test, p_test)
hindsight = test_thresholds[np.argmax(test_profit)]
recalibrated_on_raw = p_test[p_test_cal >= P_STAR].min()
assert (p_test >= recalibrated_on_raw).sum() == results.loc["cost rule, recalibrated p", "calls"]
print(
    f"best raw threshold in hindsight {hindsight:.3f}; recalibrated rule = raw p >= "
    f"{recalibrated_on_raw:.3f}"
)
# > best raw threshold in hindsight 0.083; recalibrated rule = raw p >= 0.098
assert hindsight < 0.75 * P_STAR and hindsight < recalibrated_on_raw < P_STAR
# --8<-- [end:checks]

# Figure: profit on the test months against the threshold, with the rules marked.
fig, ax = new_figure(width=9, height=3.6)
ax.plot(test_thresholds, test_profit / 1_000, color=PALETTE["blue"], label="profit, test months")
ax.axvline(
    P_STAR, color=PALETTE["vermilion"], ls="--", lw=1.2, label=f"cost rule on raw p ({P_STAR:.3f})"
)
ax.axvline(
    recalibrated_on_raw,
    color=PALETTE["purple"],
    ls=(0, (5, 1, 1, 1, 1, 1)),
    lw=1.2,
    label=f"cost rule on recalibrated p (raw {recalibrated_on_raw:.3f})",
)
ax.axvline(tuned, color=PALETTE["green"], ls="-.", lw=1.2, label=f"tuned on valid ({tuned:.3f})")
ax.axvline(0.5, color=PALETTE["black"], ls=":", lw=1.2, label="default 0.5")
ax.plot(
    hindsight,
    test_profit.max() / 1_000,
    "o",
    color=PALETTE["black"],
    ms=6,
    label="best in hindsight",
)
ax.axhline(0, color=PALETTE["black"], lw=0.8)
ax.set_xscale("log")
ax.set_xlabel("threshold on the model's raw P(churn), log scale")
ax.set_ylabel("profit over 3 months (thousand USD)")
ax.set_title("Campaign profit against the threshold")
fig.legend(loc="outside right center")
save_figure(fig, "metrics/profit_curve")

# Explorable: the confusion matrix, precision, recall and profit at each threshold of a grid, for
# the page's threshold slider (guide_tools.explorables; the page only looks these up).
grid = np.unique(np.round(np.geomspace(0.01, 0.9, 121), 4))
calls = p_test[None, :] >= grid[:, None]
tp = (calls & (y_test == 1)).sum(axis=1)
fp = (calls & (y_test == 0)).sum(axis=1)
fn, tn = (y_test == 1).sum() - tp, (y_test == 0).sum() - fp
# The grid's counts agree with profit() above, and its best is within 2 % of hindsight's.
assert all(profit(y_test, p_test >= t)[1:] == (a, b) for t, a, b in zip(grid, tp, fp, strict=True))
assert (GAIN_TP * tp - LOSS_FP * fp).max() > 0.98 * test_profit.max()
save_explorable(
    "metrics/profit_curve",
    {
        "thresholds": grid,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), 0.0),
        "recall": tp / (tp + fn),
        "profit": GAIN_TP * tp - LOSS_FP * fp,
        "gain_tp": GAIN_TP,
        "loss_fp": LOSS_FP,
        "rules": [
            {"label": "cost rule on raw p", "threshold": P_STAR},
            {"label": "cost rule on recalibrated p", "threshold": recalibrated_on_raw},
            {"label": "tuned on valid", "threshold": tuned},
            {"label": "default 0.5", "threshold": 0.5},
        ],
        "start": int(np.argmin(np.abs(grid - 0.5))),
    },
)
