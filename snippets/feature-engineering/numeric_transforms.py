"""Which numeric transformations change which models, measured on Lumen's churn table.

Scaling matters to models that compare distances or penalise coefficients, and to gradient
solvers; trees only look at the order of values. A transformation of one feature's shape
(log, bins, splines) matters to a linear model, which can only draw a straight line in the
feature it is given.
"""

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import (
    FunctionTransformer,
    KBinsDiscretizer,
    SplineTransformer,
    StandardScaler,
)

from churn_case_study import generate, training_table
from guide_tools.figures import PALETTE, new_figure, save_figure

SEED = 0
table = training_table(generate(seed=SEED))
is_train = table["snapshot_date"] < "2025-07-01"
train, held_out = table[is_train], table[~is_train]
y_train, y_held_out = train["churned"].to_numpy(), held_out["churned"].to_numpy()

# --8<-- [start:scaling]
# Standard deviations in raw units: tenure and minutes dwarf the counts.
NUMERIC = [
    "tenure_days",
    "monthly_price",
    "events_30d",
    "minutes_30d",
    "minutes_prev_30d",
    "failed_payments_90d",
    "tickets_90d",
    "open_tickets",
]
print(train[NUMERIC].std().to_string(float_format="{:.1f}".format))
# > tenure_days           117.4
# > monthly_price           4.3
# > events_30d              6.9
# > minutes_30d            61.0
# > minutes_prev_30d       58.6
# > failed_payments_90d     0.4
# > tickets_90d             0.5
# > open_tickets            0.2
X_train, X_held_out = train[NUMERIC].to_numpy(float), held_out[NUMERIC].to_numpy(float)
rng = np.random.default_rng(SEED)
fit_rows = rng.choice(len(X_train), 8_000, replace=False)  # k-NN is slow: subsample
score_rows = rng.choice(len(X_held_out), 5_000, replace=False)


def held_out_auc(model, transform=None):
    A, B = X_train[fit_rows], X_held_out[score_rows]
    if transform is not None:
        A, B = transform(A), transform(B)
    model.fit(A, y_train[fit_rows])
    return roc_auc_score(y_held_out[score_rows], model.predict_proba(B)[:, 1])


def in_hours(X):  # the same data with usage in hours instead of minutes
    return X / np.where(np.isin(NUMERIC, ["minutes_30d", "minutes_prev_30d"]), 60.0, 1.0)


knn = KNeighborsClassifier(n_neighbors=100)
scaled_knn = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=100))
auc = {
    "raw, minutes": held_out_auc(knn),
    "raw, hours": held_out_auc(knn, in_hours),
    "standardised, minutes": held_out_auc(scaled_knn),
    "standardised, hours": held_out_auc(scaled_knn, in_hours),
}
for name, value in auc.items():
    print(f"k-NN AUC, {name:<21} {value:.3f}")
    # > k-NN AUC, raw, minutes          0.757
    # > k-NN AUC, raw, hours            0.713
    # > k-NN AUC, standardised, minutes 0.748
    # > k-NN AUC, standardised, hours   0.748
# An arbitrary choice of unit moves the raw model; standardising removes the dependence.
assert abs(auc["raw, minutes"] - auc["raw, hours"]) > 0.02
assert abs(auc["standardised, minutes"] - auc["standardised, hours"]) < 1e-9

# Trees split on thresholds, so any strictly increasing transformation leaves the fitted model
# unchanged. HistGradientBoosting bins each feature by quantiles: exactly invariant here.
boost = HistGradientBoostingClassifier(random_state=SEED)
p_raw = boost.fit(X_train, y_train).predict_proba(X_held_out)[:, 1]
p_log = boost.fit(np.log1p(X_train), y_train).predict_proba(np.log1p(X_held_out))[:, 1]
print(f"boosting, raw vs log1p inputs: largest prediction change {np.abs(p_raw - p_log).max()}")
# > boosting, raw vs log1p inputs: largest prediction change 0.0
assert np.array_equal(p_raw, p_log)

# Gradient solvers care too: unscaled features make the loss surface badly conditioned.
raw_fit = LogisticRegression(max_iter=5_000).fit(X_train, y_train)
scaled_fit = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5_000)).fit(
    X_train, y_train
)
iterations_raw, iterations_scaled = raw_fit.n_iter_[0], scaled_fit[-1].n_iter_[0]
print(f"lbfgs iterations: raw {iterations_raw}, standardised {iterations_scaled}")
# > lbfgs iterations: raw 97, standardised 15
assert iterations_raw > 3 * iterations_scaled
# --8<-- [end:scaling]

# --8<-- [start:shape]
# One skewed feature, four ways to let a logistic regression see its shape.
shapes = {
    "raw": StandardScaler(),
    "log1p": make_pipeline(FunctionTransformer(np.log1p), StandardScaler()),
    "6 quantile bins": KBinsDiscretizer(
        n_bins=6, strategy="quantile", quantile_method="averaged_inverted_cdf"
    ),
    "spline, 5 knots": SplineTransformer(n_knots=5, knots="quantile"),
}
x_train, x_held_out = train[["minutes_30d"]].to_numpy(), held_out[["minutes_30d"]].to_numpy()
curves, losses = {}, {}
grid = np.linspace(0, 400, 401).reshape(-1, 1)
for name, shape in shapes.items():
    fitted = make_pipeline(shape, LogisticRegression(max_iter=1_000)).fit(x_train, y_train)
    p = fitted.predict_proba(x_held_out)[:, 1]
    losses[name] = (log_loss(y_held_out, p), roc_auc_score(y_held_out, p))
    curves[name] = fitted.predict_proba(grid)[:, 1]
    print(f"{name:>16}: held-out log-loss {losses[name][0]:.4f}, AUC {losses[name][1]:.3f}")
    # >              raw: held-out log-loss 0.2142, AUC 0.760
    # >            log1p: held-out log-loss 0.2077, AUC 0.760
    # >  6 quantile bins: held-out log-loss 0.2094, AUC 0.751
    # >  spline, 5 knots: held-out log-loss 0.2078, AUC 0.760
raw_loss = losses["raw"][0]
assert losses["log1p"][0] < raw_loss - 0.004 and losses["spline, 5 knots"][0] < raw_loss - 0.004
assert losses["6 quantile bins"][0] > losses["log1p"][0], "bins lose the within-bin order"
assert losses["6 quantile bins"][1] < min(v[1] for k, v in losses.items() if "bins" not in k)
# A strictly increasing transformation of one feature cannot change that feature's own AUC:
assert abs(losses["log1p"][1] - losses["raw"][1]) < 1e-9
# --8<-- [end:shape]

# Figure: observed churn rate by usage, and what each encoding lets the model draw.
edges = np.array([0, 1, 5, 10, 20, 30, 45, 60, 80, 100, 130, 170, 220, 300, 400])
bin_of = np.digitize(train["minutes_30d"], edges[1:-1])
observed = [y_train[bin_of == b].mean() for b in range(len(edges) - 1)]
centres = [train["minutes_30d"][bin_of == b].median() for b in range(len(edges) - 1)]
fig, ax = new_figure(width=7.0, height=3.8)
ax.plot(centres, observed, "o", color=PALETTE["black"], label="observed churn rate (training)")
styles = {"raw": "-", "log1p": "--", "6 quantile bins": "-", "spline, 5 knots": ":"}
colours = [PALETTE["vermilion"], PALETTE["blue"], PALETTE["orange"], PALETTE["green"]]
for (name, curve), colour in zip(curves.items(), colours, strict=True):
    ax.plot(grid[:, 0], curve, styles[name], color=colour, label=name)
ax.set_xscale("symlog", linthresh=10)
ax.set_xticks([0, 5, 10, 30, 100, 300], labels=["0", "5", "10", "30", "100", "300"])
ax.set_xlabel("minutes used in the last 30 days (symmetric log scale)")
ax.set_ylabel("P(churn in next 30 days)")
ax.set_title("One feature, four encodings for a logistic regression")
ax.legend(loc="upper right")
save_figure(fig, "feature-engineering/numeric_shapes")
