"""XGBoost, LightGBM and scikit-learn's HistGradientBoosting on the same data and budget.

Same time split as early_stopping_churn.py (train to May 2025, stop on June to August, report
on September to December), same learning rate, tree size, L2 penalty, round limit and patience.
We compare scores and deterministic costs (trees, leaves), never wall-clock time, which is
noisy: scripts/bench_boosting.py times the three on this data instead.
"""

import lightgbm as lgb
import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import average_precision_score, log_loss, roc_auc_score

from churn_case_study import generate, training_table

SEED = 0
table = training_table(generate(seed=SEED))
snapshot = table["snapshot_date"]
period = np.select([snapshot <= "2025-05-01", snapshot <= "2025-08-01"], ["train", "valid"], "test")
X = table.drop(columns=["customer_id", "snapshot_date", "churned"])
y = table["churned"]
(X_train, y_train), (X_valid, y_valid), (X_test, y_test) = (
    (X[period == name], y[period == name]) for name in ("train", "valid", "test")
)

# --8<-- [start:budget]
RATE, MAX_TREES, LEAVES, L2, PATIENCE = 0.05, 2_000, 31, 1.0, 50
print(f"missing values the libraries handle natively: {X.isna().sum().sum():,}")
# > missing values the libraries handle natively: 38,054
print("categorical columns (pandas dtype):", ", ".join(X.select_dtypes("category")))
# > categorical columns (pandas dtype): plan, country, acquisition_channel, device

models = {
    "XGBoost (leaf-wise)": xgb.XGBClassifier(
        n_estimators=MAX_TREES, learning_rate=RATE, grow_policy="lossguide", max_leaves=LEAVES,
        max_depth=0, reg_lambda=L2, tree_method="hist", enable_categorical=True,
        early_stopping_rounds=PATIENCE, eval_metric="logloss", n_jobs=1, random_state=SEED,
    ),
    "XGBoost (depth 6, default)": xgb.XGBClassifier(
        n_estimators=MAX_TREES, learning_rate=RATE, max_depth=6, reg_lambda=L2,
        tree_method="hist", enable_categorical=True, early_stopping_rounds=PATIENCE,
        eval_metric="logloss", n_jobs=1, random_state=SEED,
    ),
    "LightGBM": lgb.LGBMClassifier(
        n_estimators=MAX_TREES, learning_rate=RATE, num_leaves=LEAVES, reg_lambda=L2,
        deterministic=True, force_col_wise=True, n_jobs=1, verbose=-1, random_state=SEED,
    ),
    "HistGradientBoosting": HistGradientBoostingClassifier(
        max_iter=MAX_TREES, learning_rate=RATE, max_leaf_nodes=LEAVES, l2_regularization=L2,
        early_stopping=True, n_iter_no_change=PATIENCE, random_state=SEED,
    ),
}  # fmt: skip
# --8<-- [end:budget]


# --8<-- [start:compare]
def fit_and_describe(name, model):
    """Fit, stopping early on the validation months; count the trees and leaves kept."""
    if name.startswith("XGBoost"):
        model.fit(X_train, y_train, eval_set=[(X_valid, y_valid)], verbose=False)
        best, dump = model.best_iteration + 1, model.get_booster().get_dump()
        kept, leaves = len(dump), sum(tree.count("leaf=") for tree in dump[:best])
    elif name == "LightGBM":
        stop = lgb.early_stopping(PATIENCE, verbose=False)
        model.fit(X_train, y_train, eval_X=X_valid, eval_y=y_valid, callbacks=[stop])
        trees = model.booster_.dump_model()["tree_info"]
        best, kept = model.best_iteration_, len(trees)
        leaves = sum(tree["num_leaves"] for tree in trees[:best])
    else:
        model.fit(X_train, y_train, X_val=X_valid, y_val=y_valid)
        best = int(np.argmax(model.validation_score_))  # entry 0 is before the first tree
        kept = model.n_iter_
        leaves = sum(p.get_n_leaf_nodes() for trees in model._predictors[:kept] for p in trees)
    score = model.predict_proba(X_test)[:, 1]  # XGBoost and LightGBM use the best iteration
    return {"library": name, "best_trees": best, "trees_kept": kept, "leaves": leaves,
            "test_auc": roc_auc_score(y_test, score),
            "test_ap": average_precision_score(y_test, score),
            "test_loss": log_loss(y_test, score)}  # fmt: skip


result = pd.DataFrame([fit_and_describe(n, m) for n, m in models.items()]).set_index("library")
print(result.to_string(float_format=lambda v: f"{v:.3f}"))
# >                             best_trees  trees_kept  leaves  test_auc  test_ap  test_loss
# > library
# > XGBoost (leaf-wise)                 62         112    1922     0.788    0.264      0.206
# > XGBoost (depth 6, default)          54         104    2705     0.781    0.260      0.207
# > LightGBM                            59          59    1829     0.790    0.269      0.205
# > HistGradientBoosting                59         109    3379     0.785    0.257      0.207
# --8<-- [end:compare]

# --8<-- [start:checks]
# Same budget, same data: the scores are within 0.01 AUC and 0.015 AP of each other.
assert result["test_auc"].max() - result["test_auc"].min() < 0.01
assert result["test_ap"].max() - result["test_ap"].min() < 0.015
# What each keeps after early stopping differs: LightGBM keeps the best iteration only, XGBoost
# keeps the patience window too but predicts with the best iteration, and HistGradientBoosting
# keeps the patience window and predicts with all of it.
lgbm, xgb_leaf, hgb = (
    result.loc[n] for n in ["LightGBM", "XGBoost (leaf-wise)", "HistGradientBoosting"]
)
assert lgbm["trees_kept"] == lgbm["best_trees"]
assert xgb_leaf["trees_kept"] == xgb_leaf["best_trees"] + PATIENCE
assert hgb["trees_kept"] == hgb["best_trees"] + PATIENCE
# Depth-wise trees spend more leaves for a similar score.
assert result.loc["XGBoost (depth 6, default)", "leaves"] > 1.2 * xgb_leaf["leaves"]
# --8<-- [end:checks]

# --8<-- [start:defaults]
# Trap 1: LightGBM's `subsample` does nothing unless `subsample_freq` is set too.
plain = lgb.LGBMClassifier(n_estimators=50, verbose=-1, n_jobs=1, deterministic=True)
ignored = lgb.LGBMClassifier(
    n_estimators=50, subsample=0.5, verbose=-1, n_jobs=1, deterministic=True
)
bagged = lgb.LGBMClassifier(n_estimators=50, subsample=0.5, subsample_freq=1, verbose=-1, n_jobs=1,
                            deterministic=True)  # fmt: skip
p_plain, p_ignored, p_bagged = (
    m.fit(X_train, y_train).predict_proba(X_test)[:, 1] for m in (plain, ignored, bagged)
)
print(f"subsample=0.5 alone changes predictions: {not np.array_equal(p_plain, p_ignored)}")
# > subsample=0.5 alone changes predictions: False
print(f"with subsample_freq=1 it does: {not np.array_equal(p_plain, p_bagged)}")
# > with subsample_freq=1 it does: True
assert np.array_equal(p_plain, p_ignored) and not np.array_equal(p_plain, p_bagged)

# Trap 2: HistGradientBoosting turns early stopping on by itself above 10,000 rows, scoring on
# a random 10% of the training rows (not grouped, not by time) and stopping at max_iter=100.
default = HistGradientBoostingClassifier(random_state=SEED).fit(X_train, y_train)
print(f"defaults on {len(X_train):,} rows: early stopping on? {default.do_early_stopping_}, "
      f"{default.n_iter_} trees")  # fmt: skip
# > defaults on 18,185 rows: early stopping on? True, 29 trees
assert default.do_early_stopping_ and len(X_train) > 10_000
# --8<-- [end:defaults]
