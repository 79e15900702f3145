"""Validation curves: training and cross-validated error as one complexity knob turns.

Two knobs that run in opposite directions: k in k-NN (small k = complex, high variance) and
max_depth of a decision tree (deep = complex, high variance). Then the one-standard-error rule
picks the simplest setting whose error is statistically indistinguishable from the best.
"""

import numpy as np
import pandas as pd
from sklearn.datasets import make_moons
from sklearn.model_selection import RepeatedStratifiedKFold, validation_curve
from sklearn.neighbors import KNeighborsClassifier
from sklearn.tree import DecisionTreeClassifier

from guide_tools.figures import PALETTE, new_figure, save_figure

RED = PALETTE["vermilion"]

SEED = 0

# --8<-- [start:curves]
X, y = make_moons(n_samples=1_000, noise=0.35, random_state=SEED)  # overlapping classes
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=3, random_state=SEED)  # 15 folds


def error_curve(model, param, values):
    train, val = validation_curve(model, X, y, param_name=param, param_range=values, cv=cv)
    err = 1 - val  # accuracy -> error rate, one column per fold
    return pd.DataFrame(
        {
            "train_err": 1 - train.mean(axis=1),
            "val_err": err.mean(axis=1),
            # The usual rough standard error. It treats folds as independent, which they are
            # not (they share training data), so it understates the real uncertainty.
            "val_se": err.std(axis=1, ddof=1) / np.sqrt(err.shape[1]),
        },
        index=pd.Index(values, name=param),
    )


def one_se_choice(curve, simpler_is_larger):
    """Simplest setting whose validation error is within one SE of the minimum (ESL §7.10)."""
    best = curve["val_err"].idxmin()
    limit = curve.loc[best, "val_err"] + curve.loc[best, "val_se"]
    ok = curve.index[curve["val_err"] <= limit]
    return best, (ok.max() if simpler_is_larger else ok.min())


odd_ks = [1, 3, 5, 9, 15, 25, 41, 71, 121, 201, 351]  # odd k: no tied votes between 2 classes
knn = error_curve(KNeighborsClassifier(), "n_neighbors", odd_ks)
tree = error_curve(DecisionTreeClassifier(random_state=SEED), "max_depth", list(range(1, 16)))
fmt = {"float_format": lambda v: f"{v:.3f}"}
print(knn.to_string(**fmt))
# >              train_err  val_err  val_se
# > n_neighbors
# > 1                0.000    0.164   0.004
# > 3                0.088    0.130   0.006
# > 5                0.099    0.122   0.006
# > 9                0.102    0.117   0.006
# > 15               0.102    0.110   0.006
# > 25               0.102    0.109   0.006
# > 41               0.109    0.112   0.005
# > 71               0.112    0.113   0.004
# > 121              0.110    0.114   0.005
# > 201              0.122    0.122   0.006
# > 351              0.167    0.166   0.007
print(tree.to_string(**fmt))
# >            train_err  val_err  val_se
# > max_depth
# > 1              0.197    0.202   0.009
# > 2              0.114    0.124   0.006
# > 3              0.114    0.125   0.006
# > 4              0.108    0.123   0.006
# > 5              0.092    0.128   0.007
# > 6              0.078    0.126   0.006
# > 7              0.065    0.126   0.005
# > 8              0.051    0.137   0.005
# > 9              0.042    0.146   0.006
# > 10             0.032    0.144   0.006
# > 11             0.023    0.148   0.006
# > 12             0.017    0.153   0.005
# > 13             0.012    0.158   0.006
# > 14             0.008    0.163   0.006
# > 15             0.004    0.162   0.005
# --8<-- [end:curves]

# --8<-- [start:choose]
best_k, k_1se = one_se_choice(knn, simpler_is_larger=True)  # larger k = smoother
best_depth, depth_1se = one_se_choice(tree, simpler_is_larger=False)  # shallower = simpler
print(f"k-NN: lowest CV error at k={best_k}; one-SE rule picks k={k_1se}")
# > k-NN: lowest CV error at k=25; one-SE rule picks k=121
print(f"tree: lowest CV error at depth={best_depth}; one-SE rule picks depth={depth_1se}")
# > tree: lowest CV error at depth=4; one-SE rule picks depth=2
# Both optima are interior: the extremes underfit or overfit.
assert best_k not in (knn.index.min(), knn.index.max()), f"best k={best_k} at the edge"
assert best_depth not in (tree.index.min(), tree.index.max()), f"best depth={best_depth} at edge"
# At the most complex end, training error is far below validation error (overfitting)...
assert knn["train_err"].iloc[0] == 0 and knn["val_err"].iloc[0] > knn["val_err"].min() + 0.03
assert tree["val_err"].iloc[-1] - tree["train_err"].iloc[-1] > 0.1, "deep tree should overfit"
# ...at the simplest end, both errors are high and close together (underfitting).
assert abs(knn["val_err"].iloc[-1] - knn["train_err"].iloc[-1]) < 0.01
assert tree["val_err"].iloc[0] > tree["val_err"].min() + 0.05, "a stump should underfit"
# The one-SE rule never picks a more complex model than the minimum, here strictly simpler.
assert k_1se > best_k and depth_1se < best_depth, "one-SE rule should pick a simpler model"
# --8<-- [end:choose]

fig, axes = new_figure(1, 2, width=9, height=3.6, sharey=True)
panels = [(knn, "k in k-NN (log scale, reversed)"), (tree, "tree max_depth")]
for ax, (curve, label) in zip(axes, panels, strict=True):
    x = curve.index.to_numpy()
    ax.plot(x, curve["train_err"], "o-", color=PALETTE["blue"], label="training error")
    ax.plot(x, curve["val_err"], "s-", color=RED, label="CV error ± 1 SE")  # codespell:ignore
    ax.fill_between(
        x,
        curve["val_err"] - curve["val_se"],
        curve["val_err"] + curve["val_se"],
        color=RED,  # codespell:ignore
        alpha=0.2,
        lw=0,
    )
    ax.set_xlabel(f"{label}  →  more complex")
axes[0].set_xscale("log")
axes[0].invert_xaxis()  # complexity grows to the right in both panels
axes[0].set_xticks([300, 100, 30, 10, 3, 1], labels=["300", "100", "30", "10", "3", "1"])
axes[0].axvline(best_k, color=PALETTE["black"], ls="--", lw=1)
axes[1].axvline(best_depth, color=PALETTE["black"], ls="--", lw=1, label="lowest CV error")
axes[0].set_ylabel("error rate")
axes[0].set_title("k-NN: small k overfits")
axes[1].set_title("decision tree: deep trees overfit")
axes[1].legend(loc="upper right")
save_figure(fig, "bias-variance/validation_curves")
