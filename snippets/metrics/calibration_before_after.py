"""Calibration: class weights wreck the churn model's probabilities; Platt and isotonic fix them.

A common reflex on imbalanced data is `class_weight="balanced"`. It barely changes the ranking
(ROC AUC), but the model now says "30 % churn risk" on average for customers of whom 6 % churn.
We recalibrate the frozen model on the validation months with a sigmoid (Platt) and an isotonic
map, and score everything on the test months.
"""

import numpy as np
import pandas as pd
from sklearn.calibration import CalibratedClassifierCV, calibration_curve
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.frozen import FrozenEstimator
from sklearn.metrics import brier_score_loss, d2_brier_score, log_loss, roc_auc_score

from churn_case_study import generate, training_table
from guide_tools.figures import PALETTE, new_figure, save_figure

SEED = 0
table = training_table(generate(seed=SEED))
month = table["snapshot_date"]
train = month < pd.Timestamp("2025-07-01")
valid = (month >= pd.Timestamp("2025-07-01")) & (month < pd.Timestamp("2025-10-01"))
test = month >= pd.Timestamp("2025-10-01")
X = table.drop(columns=["customer_id", "snapshot_date", "churned"])
y = table["churned"].to_numpy()
y_test = y[test]

# --8<-- [start:calibrate]
plain = HistGradientBoostingClassifier(random_state=SEED).fit(X[train], y[train])
weighted = HistGradientBoostingClassifier(class_weight="balanced", random_state=SEED)
weighted.fit(X[train], y[train])
models = {"plain": plain, "balanced weights": weighted}
for method in ("sigmoid", "isotonic"):
    # FrozenEstimator: keep the fitted model, learn only the map from its scores to
    # probabilities, on months it was not trained on (cv="prefit" is gone since 1.8).
    calibrator = CalibratedClassifierCV(FrozenEstimator(weighted), method=method)
    models[f"balanced + {method}"] = calibrator.fit(X[valid], y[valid])

proba = {name: m.predict_proba(X[test])[:, 1] for name, m in models.items()}
scores = pd.DataFrame(
    {
        "mean p": [p.mean() for p in proba.values()],
        "roc_auc": [roc_auc_score(y_test, p) for p in proba.values()],
        "log_loss": [log_loss(y_test, p) for p in proba.values()],
        "brier": [brier_score_loss(y_test, p) for p in proba.values()],
        "brier_skill": [d2_brier_score(y_test, p) for p in proba.values()],
    },
    index=list(proba),
)
print(f"observed churn rate in the test months: {y_test.mean():.3f}")
# > observed churn rate in the test months: 0.063
print(scores.to_string(float_format=lambda v: f"{v:.3f}"))
# >                      mean p  roc_auc  log_loss  brier  brier_skill
# > plain                 0.043    0.791     0.202  0.053        0.102
# > balanced weights      0.303    0.788     0.406  0.123       -1.070
# > balanced + sigmoid    0.060    0.788     0.196  0.052        0.123
# > balanced + isotonic   0.060    0.786     0.197  0.052        0.125
# --8<-- [end:calibrate]

# --8<-- [start:checks]
# Reweighting moves every probability up but hardly changes the ranking...
assert scores.loc["balanced weights", "mean p"] > 4 * y_test.mean()
assert abs(scores.loc["balanced weights", "roc_auc"] - scores.loc["plain", "roc_auc"]) < 0.01
# ...so both proper scores get far worse, worse than predicting the base rate (skill < 0).
assert scores.loc["balanced weights", "brier_skill"] < 0
assert scores.loc["balanced weights", "log_loss"] > 1.5 * scores.loc["plain", "log_loss"]
# Platt scaling is a strictly increasing map of the score: the ranking, hence ROC AUC, is
# unchanged. Isotonic is only non-decreasing: it creates ties, and AUC can move a little.
assert np.isclose(
    scores.loc["balanced + sigmoid", "roc_auc"], scores.loc["balanced weights", "roc_auc"]
)
assert (
    abs(scores.loc["balanced + isotonic", "roc_auc"] - scores.loc["balanced weights", "roc_auc"])
    < 0.01
)
# Both calibrators restore the mean and beat even the unweighted model on both proper scores:
# they were fitted on recent months, after churn had risen.
for method in ("sigmoid", "isotonic"):
    calibrated = scores.loc[f"balanced + {method}"]
    assert abs(calibrated["mean p"] - y_test.mean()) < 0.01
    assert calibrated["brier"] < scores.loc["plain", "brier"]
    assert calibrated["log_loss"] < scores.loc["plain", "log_loss"]
    assert calibrated["brier_skill"] > 0
# --8<-- [end:checks]

# --8<-- [start:reliability]
# The reliability diagram: bin the predictions, compare each bin's mean prediction with its
# observed churn rate. Quantile bins put the same number of rows in each bin.
curves = {
    name: calibration_curve(y_test, proba[name], n_bins=10, strategy="quantile")
    for name in ("balanced weights", "balanced + sigmoid", "balanced + isotonic")
}
observed, predicted = curves["balanced weights"]
print(f"top decile, balanced weights: predicted {predicted[-1]:.2f}, observed {observed[-1]:.2f}")
# > top decile, balanced weights: predicted 0.72, observed 0.28
assert (observed < predicted).all(), "over-predicts churn in every bin"
# --8<-- [end:reliability]
assert predicted[-1] > 2 * observed[-1]
for name in ("balanced + sigmoid", "balanced + isotonic"):
    observed_cal, predicted_cal = curves[name]
    assert np.abs(observed_cal - predicted_cal).max() < 0.1, name

fig, (ax, ax_hist) = new_figure(
    2, 1, width=6.5, height=5.6, sharex=True, gridspec_kw={"height_ratios": [3, 1]}
)
styles = {
    "balanced weights": ("o-", PALETTE["vermilion"]),
    "balanced + sigmoid": ("s-", PALETTE["blue"]),
    "balanced + isotonic": ("^--", PALETTE["green"]),
}
for name, (observed, predicted) in curves.items():
    marker, colour = styles[name]
    ax.plot(predicted, observed, marker, color=colour, label=name, ms=5)
ax.plot([0, 1], [0, 1], ":", color=PALETTE["black"], lw=1, label="perfectly calibrated")
ax.set_ylabel("observed churn rate in the bin")
ax.set_title("Reliability diagram, test months (10 quantile bins)")
ax.set_xlim(0, 1)
ax.set_ylim(0, 0.6)
ax.legend(loc="upper left")
bins = np.linspace(0, 1, 41)
for name in ("balanced weights", "balanced + sigmoid"):
    ax_hist.hist(proba[name], bins=bins, color=styles[name][1], alpha=0.6, label=name)
ax_hist.set_yscale("log")
ax_hist.set_xlabel("predicted probability of churn")
ax_hist.set_ylabel("rows (log)")
ax_hist.legend(loc="upper right")
save_figure(fig, "metrics/reliability")
