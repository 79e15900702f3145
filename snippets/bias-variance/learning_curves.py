"""Learning curves: training and validation error as the training set grows.

Two models on the same data: a linear model (too simple for this target: high bias) and an
unpruned decision tree (memorises its training set: high variance). The shapes of their curves
say which fix will help before you spend money on it.
"""

import numpy as np
import pandas as pd
from sklearn.datasets import make_friedman1
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import ShuffleSplit, learning_curve
from sklearn.tree import DecisionTreeRegressor

from guide_tools.figures import PALETTE, new_figure, save_figure

RED = PALETTE["vermilion"]

SEED = 0
NOISE_VAR = 1.0  # make_friedman1(noise=1.0) adds N(0, 1) noise: the floor no model can beat

# --8<-- [start:fit_curves]
X, y = make_friedman1(n_samples=4_000, noise=np.sqrt(NOISE_VAR), random_state=SEED)
cv = ShuffleSplit(n_splits=5, test_size=1_000, random_state=SEED)  # validation sets of 1,000
sizes = np.geomspace(50, 3_000, 8).astype(int)  # absolute training-set sizes
models = {
    "linear": LinearRegression(),
    "deep tree": DecisionTreeRegressor(random_state=SEED),  # no depth limit
}
curves = {}
for name, model in models.items():
    n, train, val = learning_curve(
        model, X, y, train_sizes=sizes, cv=cv, scoring="neg_mean_squared_error"
    )
    curves[name] = pd.DataFrame(
        # sklearn maximises scores, so it reports MSE negated; "0.0 -" also avoids printing -0.00
        {"train_mse": 0.0 - train.mean(axis=1), "val_mse": 0.0 - val.mean(axis=1)},
        index=n,
    ).rename_axis("n_train")
    curves[name]["gap"] = curves[name]["val_mse"] - curves[name]["train_mse"]
    print(f"--- {name}")
    # > --- linear
    # > --- deep tree
    print(curves[name].to_string(float_format=lambda v: f"{v:.2f}"))
    # >          train_mse  val_mse  gap
    # > n_train
    # > 50            5.10     9.31 4.22
    # > 89            6.57     7.90 1.33
    # > 161           6.49     7.41 0.91
    # > 289           6.91     7.17 0.26
    # > 518           6.68     7.11 0.42
    # > 931           6.53     7.05 0.52
    # > 1671          6.67     7.06 0.39
    # > 3000          6.79     7.06 0.27
    # >          train_mse  val_mse   gap
    # > n_train
    # > 50            0.00    23.66 23.66
    # > 89            0.00    17.08 17.08
    # > 161           0.00    14.97 14.97
    # > 289           0.00    12.15 12.15
    # > 518           0.00    11.31 11.31
    # > 931           0.00     9.14  9.14
    # > 1671          0.00     7.63  7.63
    # > 3000          0.00     7.13  7.13
# --8<-- [end:fit_curves]

# --8<-- [start:diagnose]
lin, tree = curves["linear"], curves["deep tree"]
# High bias: the curves meet, the gap is small next to the error itself...
assert lin["gap"].iloc[-1] < 0.1 * lin["val_mse"].iloc[-1], "linear: gap should be small"
# ...the validation error has stopped improving (less than 2% gain over the last 4x of data)...
assert lin["val_mse"].iloc[-1] > 0.98 * lin["val_mse"].iloc[-4], "linear: should plateau"
# ...and the plateau sits far above the noise floor: more data will not help, capacity will.
assert lin["val_mse"].iloc[-1] > 3 * NOISE_VAR, "linear: plateau should be well above noise"
# High variance: zero training error, a large gap that shrinks as data grows...
assert (tree["train_mse"] < 1e-9).all(), "deep tree: should fit its training set exactly"
assert tree["gap"].iloc[-1] < 0.5 * tree["gap"].iloc[0], "deep tree: gap should shrink"
# ...and validation error still falling at the largest size: more data would still help.
assert tree["val_mse"].iloc[-1] < 0.9 * tree["val_mse"].iloc[-3], "deep tree: still improving"
print("linear: converged high (high bias); deep tree: big gap, still closing (high variance)")
# > linear: converged high (high bias); deep tree: big gap, still closing (high variance)
# --8<-- [end:diagnose]

fig, axes = new_figure(1, 2, width=9, height=3.6, sharey=True)
for ax, (name, curve) in zip(axes, curves.items(), strict=True):
    ax.plot(curve.index, curve["train_mse"], "o-", color=PALETTE["blue"], label="training")
    ax.plot(curve.index, curve["val_mse"], "s-", color=RED, label="validation")  # codespell:ignore
    ax.axhline(NOISE_VAR, color=PALETTE["black"], ls=":", label="noise floor σ²")
    ax.set_xscale("log")
    ax.set_xticks([50, 100, 300, 1_000, 3_000], labels=["50", "100", "300", "1,000", "3,000"])
    ax.set_xlabel("training-set size (log scale)")
    ax.set_title(
        "linear regression: high bias" if name == "linear" else "unpruned tree: high variance"
    )
axes[0].set_ylabel("mean squared error")
axes[0].legend(loc="upper right")
save_figure(fig, "bias-variance/learning_curves")
