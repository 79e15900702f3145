"""Stacking done right and wrong, voting, and distilling the ensemble into one small tree.

Three base models (a logistic regression, extra trees, LightGBM) feed a logistic-regression
meta-model. The right way trains the meta-model on out-of-fold predictions, grouped by
customer; the leaky way trains it on the base models' predictions for their own training rows.
Training months run to August 2025; September to December is the untouched test period.
"""

import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.compose import make_column_transformer
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold, cross_val_predict, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from churn_case_study import CATEGORICAL_COLUMNS, generate, training_table

SEED = 0
table = training_table(generate(seed=SEED))
features = table.drop(columns=["customer_id", "snapshot_date", "churned"])
categorical = list(CATEGORICAL_COLUMNS)
X = features.assign(**{c: features[c].cat.codes for c in categorical}).astype(float)
numeric = [c for c in X.columns if c not in categorical]
y, customer = table["churned"].to_numpy(), table["customer_id"].to_numpy()
is_train = (table["snapshot_date"] <= "2025-08-01").to_numpy()
X_train, y_train, X_test, y_test = X[is_train], y[is_train], X[~is_train], y[~is_train]

# --8<-- [start:level_one]
prepare = make_column_transformer(
    (make_pipeline(SimpleImputer(add_indicator=True), StandardScaler()), numeric),
    (OneHotEncoder(handle_unknown="ignore"), categorical),
)
base_models = {
    "logistic": make_pipeline(prepare, LogisticRegression(max_iter=1_000)),
    "extra_trees": ExtraTreesClassifier(
        n_estimators=20, min_samples_leaf=5, random_state=SEED, n_jobs=1
    ),
    "lightgbm": lgb.LGBMClassifier(
        n_estimators=100, learning_rate=0.05, deterministic=True, force_col_wise=True,
        n_jobs=1, verbose=-1, random_state=SEED,
    ),
}  # fmt: skip
# Out-of-fold: each training row is predicted by a model that never saw its customer.
folds = list(
    GroupKFold(n_splits=3, shuffle=True, random_state=SEED).split(
        X_train, y_train, groups=customer[is_train]
    )
)
in_sample, out_of_fold, test = {}, {}, {}
for name, model in base_models.items():
    fitted = clone(model).fit(X_train, y_train)  # the base model we would ship
    in_sample[name] = fitted.predict_proba(X_train)[:, 1]
    test[name] = fitted.predict_proba(X_test)[:, 1]
    out_of_fold[name] = cross_val_predict(
        model, X_train, y_train, cv=folds, method="predict_proba"
    )[:, 1]
level_one = pd.DataFrame(
    {
        "in_sample_auc": [roc_auc_score(y_train, in_sample[n]) for n in base_models],
        "out_of_fold_auc": [roc_auc_score(y_train, out_of_fold[n]) for n in base_models],
        "test_auc": [roc_auc_score(y_test, test[n]) for n in base_models],
    },
    index=list(base_models),
)
print(level_one.to_string(float_format=lambda v: f"{v:.3f}"))
# >              in_sample_auc  out_of_fold_auc  test_auc
# > logistic             0.784            0.777     0.801
# > extra_trees          0.977            0.764     0.781
# > lightgbm             0.920            0.769     0.792
# The tree models look far better on their own training rows than anywhere else.
assert (level_one["in_sample_auc"] - level_one["out_of_fold_auc"])[1:].min() > 0.15
# Every model scores higher on the later test months than out of fold: an easier period.
assert (level_one["test_auc"] > level_one["out_of_fold_auc"]).all()
# --8<-- [end:level_one]


# --8<-- [start:meta]
def stack(train_predictions):
    """Fit the meta-model on level-one features; return its CV estimate, test AUC, weights."""
    Z_train = np.column_stack([train_predictions[n] for n in base_models])
    Z_test = np.column_stack([test[n] for n in base_models])
    meta = LogisticRegression()
    estimate = cross_val_score(meta, Z_train, y_train, cv=folds, scoring="roc_auc").mean()
    meta.fit(Z_train, y_train)
    stacked = meta.predict_proba(Z_test)[:, 1]
    return estimate, roc_auc_score(y_test, stacked), meta.coef_[0], stacked


results = {"leaky (in-sample)": stack(in_sample), "out-of-fold": stack(out_of_fold)}
summary = pd.DataFrame(
    [[estimate, held_out, *weights] for estimate, held_out, weights, _ in results.values()],
    index=list(results),
    columns=["cv_estimate", "test_auc", *(f"w_{n}" for n in base_models)],
)
print(summary.to_string(float_format=lambda v: f"{v:.3f}"))
# >                    cv_estimate  test_auc  w_logistic  w_extra_trees  w_lightgbm
# > leaky (in-sample)        0.985     0.701     -13.031         24.321       3.775
# > out-of-fold              0.782     0.805       3.334          3.223       4.210
(leaky_estimate, leaky_test), (oof_estimate, oof_test) = summary[
    ["cv_estimate", "test_auc"]
].to_numpy()
# Trained on in-sample predictions, the meta-model trusts the most overfit model and
# gives the logistic regression a negative weight; out of fold, every weight is positive.
assert summary.loc["leaky (in-sample)", "w_logistic"] < 0
assert (summary.loc["out-of-fold"].filter(like="w_") > 0).all()
# The leaky stack's own validation promises far more than it delivers...
assert leaky_estimate - leaky_test > 0.2
# ...and it is worse on the test months than every one of its base models.
assert leaky_test < level_one["test_auc"].min() - 0.05
# The out-of-fold stack's estimate is honest to within 0.03, and it beats the leaky one.
assert abs(oof_estimate - oof_test) < 0.03 and oof_test > leaky_test + 0.05
# --8<-- [end:meta]

# --8<-- [start:voting]
soft = np.mean([test[n] for n in base_models], axis=0)  # average the probabilities
hard = np.mean([test[n] >= 0.5 for n in base_models], axis=0)  # share of 0/1 votes
soft_auc, hard_auc = roc_auc_score(y_test, soft), roc_auc_score(y_test, hard)
print(f"soft vote AUC {soft_auc:.3f}, hard vote AUC {hard_auc:.3f}")
# > soft vote AUC 0.805, hard vote AUC 0.530
print(f"hard vote flags {(hard > 0.5).sum()} of {len(y_test):,} rows; {y_test.sum()} churned")
# > hard vote flags 12 of 10,998 rows; 701 churned
best_single = level_one["test_auc"].max()
assert level_one["test_auc"].idxmax() == "logistic"
print(f"best single model {best_single:.3f}; stacking gains {oof_test - best_single:+.3f}")
# > best single model 0.801; stacking gains +0.004
# Is that gain more than noise? Resample the test customers, each with all of its rows, and
# recompute the gain on each resample: a paired, customer-level bootstrap.
test_customer = pd.factorize(customer[~is_train])[0]  # 0, 1, ... for each test row
n_customers, stacked = test_customer.max() + 1, results["out-of-fold"][3]
rng = np.random.default_rng(SEED)
gains = []
for _ in range(300):
    draws = np.bincount(rng.integers(0, n_customers, n_customers), minlength=n_customers)
    weight = draws[test_customer]  # a customer drawn twice counts twice, all its rows together
    gains.append(
        roc_auc_score(y_test, stacked, sample_weight=weight)
        - roc_auc_score(y_test, test["logistic"], sample_weight=weight)
    )
low, high = np.percentile(gains, [2.5, 97.5])
print(f"95% bootstrap interval of the gain: {low:+.3f} to {high:+.3f}")
# > 95% bootstrap interval of the gain: -0.003 to +0.010
assert soft_auc > hard_auc + 0.2
assert (hard > 0.5).sum() < 0.05 * y_test.sum()  # at 6% churn, 0.5 is the wrong threshold
# Combining helps little here: soft voting and stacking are within 0.01 AUC of the best model,
# and the interval of the stacking gain includes zero.
assert abs(oof_test - best_single) < 0.01 and abs(soft_auc - best_single) < 0.01
assert low < 0 < high
# --8<-- [end:voting]

# --8<-- [start:distil]
# One tree of 64 leaves, trained on the labels or on the ensemble's out-of-fold soft vote.
teacher = np.mean([out_of_fold[n] for n in base_models], axis=0)
on_labels = DecisionTreeClassifier(max_leaf_nodes=64, random_state=SEED).fit(X_train, y_train)
distilled = DecisionTreeRegressor(max_leaf_nodes=64, random_state=SEED).fit(X_train, teacher)
label_auc = roc_auc_score(y_test, on_labels.predict_proba(X_test)[:, 1])
student_auc = roc_auc_score(y_test, distilled.predict(X_test))
print(f"64-leaf tree on labels {label_auc:.3f}; on the ensemble's soft vote {student_auc:.3f}")
# > 64-leaf tree on labels 0.753; on the ensemble's soft vote 0.789
assert student_auc > label_auc + 0.02, "soft targets carry more information than 0/1 labels"
# --8<-- [end:distil]
