"""How many boosting rounds? Early stopping on a later month, and the learning-rate trade-off.

The churn model is retrained monthly and scores next month's customers, so the split is by
time: train on snapshots up to May 2025, stop on June to August, report on September to
December. Each period's 30-day label windows close before the next period starts.
"""

import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.metrics import log_loss, roc_auc_score

from churn_case_study import generate, training_table
from guide_tools.explorables import save_explorable
from guide_tools.figures import PALETTE, new_figure, save_figure

SEED = 0
table = training_table(generate(seed=SEED))

# --8<-- [start:split]
snapshot = table["snapshot_date"]
period = np.select([snapshot <= "2025-05-01", snapshot <= "2025-08-01"], ["train", "valid"], "test")
X = table.drop(columns=["customer_id", "snapshot_date", "churned"])  # categories stay pandas
y = table["churned"]
parts = {name: (X[period == name], y[period == name]) for name in ("train", "valid", "test")}
for name, (_, labels) in parts.items():
    print(f"{name:5s}: {len(labels):6,} rows, {labels.mean():.1%} churn")
    # > train: 18,185 rows, 5.3% churn
    # > valid:  7,180 rows, 5.4% churn
    # > test : 10,998 rows, 6.4% churn


def booster(**params):
    """LightGBM, deterministic and single-threaded; categorical columns from the pandas dtype."""
    settings = {"num_leaves": 31, "random_state": SEED, "n_jobs": 1, "deterministic": True,
                "force_col_wise": True, "verbose": -1}  # fmt: skip
    return lgb.LGBMClassifier(**(settings | params))


# --8<-- [end:split]


# --8<-- [start:curves]
# 200 rounds, no stopping: record the log loss on every period after every round.
model = booster(n_estimators=200, learning_rate=0.1)
model.fit(
    *parts["train"],
    eval_X=tuple(X for X, _ in parts.values()),
    eval_y=tuple(y for _, y in parts.values()),
    eval_names=list(parts),
)
curve = pd.DataFrame({name: model.evals_result_[name]["binary_logloss"] for name in parts})
curve.index += 1  # number of trees
best = int(curve["valid"].idxmin())
print(f"validation loss is lowest after {best} trees: {curve['valid'].min():.4f}")
# > validation loss is lowest after 30 trees: 0.1794
print(f"test loss after {best} trees {curve['test'][best]:.4f}, after 200 {curve['test'][200]:.4f}")
# > test loss after 30 trees 0.2062, after 200 0.2370
assert curve["train"].is_monotonic_decreasing, "training loss falls with every tree"
assert curve["test"][200] > 1.1 * curve["test"][best], "200 trees overfit"
# The month-based stopping point is also close to the best point for the later test months.
assert abs(int(curve["test"].idxmin()) - best) <= 10
# --8<-- [end:curves]

# --8<-- [start:learning_rate]
rows, curves = [], {}
for rate in (0.3, 0.1, 0.03):
    stopped = booster(n_estimators=5_000, learning_rate=rate)
    stopped.fit(
        *parts["train"],
        eval_X=parts["valid"][0],
        eval_y=parts["valid"][1],
        callbacks=[lgb.early_stopping(stopping_rounds=50, verbose=False)],
    )
    score = stopped.predict_proba(parts["test"][0])[:, 1]  # uses the best iteration
    curves[rate] = stopped.evals_result_["valid_0"]["binary_logloss"]  # up to best + 50 trees
    rows.append(
        {"learning_rate": rate, "trees": stopped.best_iteration_,
         "valid_loss": stopped.best_score_["valid_0"]["binary_logloss"],
         "test_loss": log_loss(parts["test"][1], score),
         "test_auc": roc_auc_score(parts["test"][1], score)}
    )  # fmt: skip
rates = pd.DataFrame(rows).set_index("learning_rate")
print(rates.to_string(float_format=lambda v: f"{v:.4f}"))
# >                trees  valid_loss  test_loss  test_auc
# > learning_rate
# > 0.30               6      0.1830     0.2093    0.7833
# > 0.10              30      0.1794     0.2062    0.7842
# > 0.03             100      0.1784     0.2055    0.7877
# Smaller steps need more trees, roughly in inverse proportion (rate x trees within 2x)...
assert rates["trees"].is_monotonic_increasing
steps = rates.index * rates["trees"]
assert steps.max() < 2 * steps.min()
# ...and land a little lower on both the validation months and the untouched test months.
assert rates["valid_loss"].is_monotonic_decreasing and rates["test_loss"].is_monotonic_decreasing
# The gain shrinks as the rate falls: 0.1 -> 0.03 gains less than 0.3 -> 0.1.
gains = -rates["valid_loss"].diff().dropna()
assert gains.iloc[1] < gains.iloc[0]
# The row at learning rate 0.1 reproduces the curve above: same model, same stopping point.
assert rates.loc[0.1, "trees"] == best
# --8<-- [end:learning_rate]

# Figure: left, the three loss curves at learning rate 0.1; right, validation loss by rate.
fig, (left, right) = new_figure(1, 2, width=10, height=3.8)
styles = {"train": ("-", PALETTE["blue"]), "valid": ("-", PALETTE["vermilion"]),
          "test": ("--", PALETTE["green"])}  # fmt: skip
labels = {"train": "training (to May)", "valid": "validation (Jun–Aug)", "test": "test (Sep–Dec)"}
for name, (style, colour) in styles.items():
    left.plot(curve.index, curve[name], style, color=colour, label=labels[name])
left.axvline(best, color=PALETTE["black"], ls=":", lw=1.2, label=f"early stop: {best} trees")
left.set_xscale("log")
left.set_xlabel("number of trees (log scale)")
left.set_ylabel("log loss")
left.set_title("Learning rate 0.1: training loss keeps falling")
left.legend(loc="lower left")
for rate, colour in zip((0.3, 0.1, 0.03), ("orange", "vermilion", "purple"), strict=True):
    loss = curves[rate]
    right.plot(np.arange(1, len(loss) + 1), loss, color=PALETTE[colour], label=f"rate {rate}")
    right.plot(rates.loc[rate, "trees"], min(loss), "o", color=PALETTE[colour])
right.set_xscale("log")
for ax in (left, right):
    ax.set_xticks([1, 10, 100], ["1", "10", "100"])
right.set_ylim(0.17, 0.21)
right.set_xlabel("number of trees (log scale)")
right.set_ylabel("validation log loss")
right.set_title("Smaller steps: more trees, lower minimum")
right.legend(loc="lower left")
save_figure(fig, "ensembles/early_stopping")

# Explorable: training and validation loss after every tree, for each learning rate. LightGBM
# records each round's loss as it fits (its staged predictions), so one fit per rate gives the
# whole curve; 300 trees go well past every rate's lowest validation loss.
TREES, RATES = 300, (0.3, 0.1, 0.03)
losses = {}
for rate in RATES:
    fitted = booster(n_estimators=TREES, learning_rate=rate)
    # Scoring the training set itself costs little: LightGBM keeps its running scores.
    fitted.fit(
        *parts["train"],
        eval_X=(parts["train"][0], parts["valid"][0]),
        eval_y=(parts["train"][1], parts["valid"][1]),
        eval_names=["train", "valid"],
    )
    recorded = fitted.evals_result_
    losses[rate] = {name: np.array(recorded[name]["binary_logloss"]) for name in ("train", "valid")}
best_trees = [int(losses[rate]["valid"].argmin()) + 1 for rate in RATES]
best_valid = [losses[rate]["valid"].min() for rate in RATES]
# The same optima as early stopping found above, and the lesson the explorable's hint states:
# smaller rates need more trees and reach a slightly lower validation loss; past the optimum
# the training loss keeps falling while the validation loss rises.
assert best_trees == rates["trees"].tolist()
assert np.allclose(best_valid, rates["valid_loss"])
assert best_trees == sorted(best_trees) and best_valid == sorted(best_valid, reverse=True)
for name in ("train", "valid"):  # at 0.1, the first 200 trees are the figure's left panel
    assert np.allclose(losses[0.1][name][:200], curve[name])
for rate, best_n in zip(RATES, best_trees, strict=True):
    train, valid = losses[rate]["train"], losses[rate]["valid"]
    assert np.all(np.diff(train) < 0), "training loss falls with every tree"
    assert valid[-1] > valid[best_n - 1] + 0.005, "validation loss rises past the optimum"
# The slider's steps: every tree up to 20, then about evenly on the log scale, plus each optimum
# and the figure's 200 trees, where the explorable starts.
grid = np.unique(np.geomspace(1, TREES, 60).round().astype(int))
grid = np.union1d(grid, [*range(1, 21), *best_trees, 200])
save_explorable(
    "ensembles/early_stopping",
    {
        "rates": RATES,
        "trees": grid,
        "train": [losses[rate]["train"][grid - 1] for rate in RATES],
        "valid": [losses[rate]["valid"][grid - 1] for rate in RATES],
        "best_trees": best_trees,
        "best_valid": best_valid,
        "start_rate": 1,  # index of 0.1, the figure's rate
        "start": int(np.searchsorted(grid, 200)),  # the figure's 200 trees, well past the best
    },
)
