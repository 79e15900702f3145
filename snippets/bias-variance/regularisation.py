"""Regularisation: L2 shrinks, L1 zeroes, early stopping stops before the noise is learnt.

Part 1 fits Ridge (L2) and Lasso (L1) along a path of penalty strengths on data where only 5 of
30 features matter. Part 2 trains gradient boosting with and without early stopping.
"""

import numpy as np
import pandas as pd
from sklearn.datasets import make_friedman1, make_regression
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.linear_model import Lasso, LassoCV, Ridge, RidgeCV
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split

from guide_tools.figures import PALETTE, new_figure, save_figure

RED = PALETTE["vermilion"]

SEED = 0

# --8<-- [start:paths]
X, y, true_coef = make_regression(
    n_samples=600, n_features=30, n_informative=5, noise=20, coef=True, random_state=SEED
)
X_train, X_test, y_train, y_test = train_test_split(X, y, train_size=100, random_state=SEED)
informative = np.flatnonzero(true_coef)

rows = []
for alpha in np.logspace(-2, 2, 5):
    # The two penalties are scaled differently in sklearn, so give each its own grid:
    # Ridge minimises ||y - Xw||² + alpha·||w||²; Lasso (1/2n)||y - Xw||² + alpha·||w||₁.
    ridge = Ridge(alpha=alpha * 100).fit(X_train, y_train)
    lasso = Lasso(alpha=alpha).fit(X_train, y_train)
    rows.append(
        {
            "ridge_alpha": alpha * 100,
            "ridge_nonzero": np.sum(ridge.coef_ != 0),
            "ridge_norm": np.linalg.norm(ridge.coef_),
            "lasso_alpha": alpha,
            "lasso_nonzero": np.sum(lasso.coef_ != 0),
            "lasso_norm": np.linalg.norm(lasso.coef_),
        }
    )
path = pd.DataFrame(rows)
print(path.to_string(index=False, float_format=lambda v: f"{v:.2f}"))
# >  ridge_alpha  ridge_nonzero  ridge_norm  lasso_alpha  lasso_nonzero  lasso_norm
# >         1.00             30      142.37         0.01             30      144.86
# >        10.00             30      124.10         0.10             29      144.48
# >       100.00             30       60.96         1.00             20      141.72
# >      1000.00             30       11.51        10.00              4      121.08
# >     10000.00             30        1.29       100.00              0        0.00
# --8<-- [end:paths]

# --8<-- [start:path_checks]
# L2 shrinks every coefficient but sets none of them exactly to zero...
assert (path["ridge_nonzero"] == X.shape[1]).all(), "ridge should keep all 30 coefficients"
assert path["ridge_norm"].is_monotonic_decreasing, "ridge should shrink as alpha grows"
# ...L1 drops features one by one until none is left.
assert path["lasso_nonzero"].is_monotonic_decreasing, "lasso should drop features as alpha grows"
assert path["lasso_nonzero"].iloc[0] > 25 and path["lasso_nonzero"].iloc[-1] == 0
# --8<-- [end:path_checks]

# --8<-- [start:cv_penalty]
lasso_cv = LassoCV(cv=5, random_state=SEED).fit(X_train, y_train)
ridge_cv = RidgeCV(alphas=np.logspace(-2, 4, 50)).fit(X_train, y_train)  # efficient LOO CV
kept = np.flatnonzero(lasso_cv.coef_)
mse_lasso = mean_squared_error(y_test, lasso_cv.predict(X_test))
mse_ridge = mean_squared_error(y_test, ridge_cv.predict(X_test))
print(
    f"lasso keeps {kept.size} of 30 features; all {informative.size} informative ones: "
    f"{set(informative) <= set(kept)}"
)
# > lasso keeps 14 of 30 features; all 5 informative ones: True
print(f"test MSE: lasso {mse_lasso:.0f}, ridge {mse_ridge:.0f}")
# > test MSE: lasso 430, ridge 573
# With a sparse truth, the L1 penalty wins on held-out error...
assert mse_lasso < mse_ridge, "lasso should beat ridge when only a few features matter"
# ...and keeps every informative feature, but the alpha that is best for prediction also
# lets some pure-noise features in: prediction-optimal is not selection-optimal.
assert set(informative) <= set(kept) and kept.size > informative.size
# --8<-- [end:cv_penalty]

# Figure 1: the full coefficient paths, informative features in colour, noise features in grey.
fig, axes = new_figure(1, 2, width=9, height=3.6)
grid = np.logspace(-2, 2.5, 60)
for ax, name, model, scale in [
    (axes[0], "Ridge (L2): shrinks, never zero", Ridge(), 100),
    (axes[1], "Lasso (L1): zeroes features one by one", Lasso(), 1),
]:
    coef_path = np.array(
        [model.set_params(alpha=a * scale).fit(X_train, y_train).coef_ for a in grid]
    )
    noise_cols = np.setdiff1d(np.arange(X.shape[1]), informative)
    ax.plot(grid * scale, coef_path[:, noise_cols], color="#9a9a9a", lw=0.8)
    ax.plot(grid * scale, coef_path[:, informative], lw=1.8)
    ax.axhline(0, color=PALETTE["black"], lw=0.8)
    ax.set_xscale("log")
    ax.set_title(name)
axes[0].set_xlabel("Ridge alpha (log scale)")
axes[1].set_xlabel("Lasso alpha (log scale)")
axes[0].set_ylabel("coefficient")
axes[0].plot([], [], color="#9a9a9a", lw=0.8, label="25 noise features")
axes[0].plot([], [], color=PALETTE["blue"], label="5 informative features\n(one colour each)")
axes[0].legend(loc="upper right")
save_figure(fig, "bias-variance/regularisation_paths")

# --8<-- [start:early_stopping]
X, y = make_friedman1(n_samples=6_000, noise=3.0, random_state=SEED)
X_train, X_test, y_train, y_test = train_test_split(X, y, train_size=1_000, random_state=SEED)
settings = {"max_iter": 500, "learning_rate": 0.1, "random_state": SEED}
no_stop = HistGradientBoostingRegressor(early_stopping=False, **settings).fit(X_train, y_train)
stopped = HistGradientBoostingRegressor(
    early_stopping=True, validation_fraction=0.2, n_iter_no_change=20, **settings
).fit(X_train, y_train)  # holds out 20% of the training set and watches its loss
test_curve = [mean_squared_error(y_test, p) for p in no_stop.staged_predict(X_test)]
mse_no_stop, mse_stopped = test_curve[-1], mean_squared_error(y_test, stopped.predict(X_test))
print(f"no early stopping: {no_stop.n_iter_} trees, test MSE {mse_no_stop:.2f}")
# > no early stopping: 500 trees, test MSE 12.22
print(f"early stopping:    {stopped.n_iter_} trees, test MSE {mse_stopped:.2f}")
# > early stopping:    93 trees, test MSE 11.97
print(f"(test error was lowest after {np.argmin(test_curve) + 1} trees: {min(test_curve):.2f})")
# > (test error was lowest after 54 trees: 11.75)
assert stopped.n_iter_ < no_stop.n_iter_ / 3, "early stopping should stop long before 500"
assert mse_stopped < mse_no_stop, "early stopping should beat training to the end"
assert min(test_curve) < mse_no_stop, "test error should rise after its minimum (overfitting)"
# --8<-- [end:early_stopping]

# Figure 2: test error of boosting as trees are added, and where early stopping stopped.
fig, ax = new_figure(height=3.4)
iters = np.arange(1, len(test_curve) + 1)
train_curve = [mean_squared_error(y_train, p) for p in no_stop.staged_predict(X_train)]
best_iter = int(np.argmin(test_curve))
assert train_curve[-1] < train_curve[best_iter] / 2, "training error should keep falling"
ax.plot(iters, train_curve, color=PALETTE["blue"], label="training MSE")
ax.plot(iters, test_curve, color=RED, label="test MSE")  # codespell:ignore
ax.axvline(stopped.n_iter_, color=PALETTE["black"], ls="--", lw=1, label="early stopping stopped")
ax.axhline(9.0, color=PALETTE["black"], ls=":", lw=1, label="noise floor σ² = 9")
ax.set_xscale("log")
ax.set_xlabel("number of boosting iterations (trees), log scale")
ax.set_ylabel("mean squared error")
ax.set_title("Boosting: training error keeps falling, test error does not")
ax.legend(loc="upper right", frameon=True, framealpha=1, edgecolor="white")
save_figure(fig, "bias-variance/early_stopping")
