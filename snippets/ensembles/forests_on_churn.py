"""Which tree ensemble should model churn? One tree, bagging, forests and boosting, compared.

Every model is scored by the same cross-validation, grouped by customer: a customer's monthly
rows are correlated, and a split that put some of them in training and others in validation
would let a model score by recognising the customer. A logistic regression is the baseline
every ensemble has to beat.
"""

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.compose import make_column_transformer
from sklearn.ensemble import (
    BaggingClassifier,
    ExtraTreesClassifier,
    HistGradientBoostingClassifier,
    RandomForestClassifier,
)
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.tree import DecisionTreeClassifier

from churn_case_study import CATEGORICAL_COLUMNS, generate, training_table

SEED = 0
table = training_table(generate(seed=SEED))
# A random 40% of customers, with all their rows, keeps this under a few seconds per model.
customers = table["customer_id"].unique()
keep = np.random.default_rng(SEED).choice(customers, size=int(0.4 * len(customers)), replace=False)
table = table[table["customer_id"].isin(keep)].reset_index(drop=True)

# --8<-- [start:setup]
features = table.drop(columns=["customer_id", "snapshot_date", "churned"])
y, customer = table["churned"].to_numpy(), table["customer_id"].to_numpy()
# scikit-learn's trees need numbers: categories become integer codes; NaN is allowed (>= 1.4).
categorical = list(CATEGORICAL_COLUMNS)
X = features.assign(**{c: features[c].cat.codes for c in categorical}).astype(float)
numeric = [c for c in X.columns if c not in categorical]
prepare = make_column_transformer(
    (make_pipeline(SimpleImputer(add_indicator=True), StandardScaler()), numeric),
    (OneHotEncoder(handle_unknown="ignore"), categorical),
)
B = 30  # members per ensemble
ens = {"n_estimators": B, "random_state": SEED, "n_jobs": 1}
models = {
    "logistic regression": make_pipeline(prepare, LogisticRegression(max_iter=1_000)),
    "one tree, fully grown": DecisionTreeClassifier(random_state=SEED),
    "one tree, min_samples_leaf=100": DecisionTreeClassifier(min_samples_leaf=100, random_state=0),
    "bagging, fully grown trees": BaggingClassifier(DecisionTreeClassifier(), **ens),
    "random forest, fully grown": RandomForestClassifier(**ens),
    "random forest, min_samples_leaf=20": RandomForestClassifier(min_samples_leaf=20, **ens),
    "extra trees, min_samples_leaf=20": ExtraTreesClassifier(min_samples_leaf=20, **ens),
    "gradient boosting, 100 trees": HistGradientBoostingClassifier(
        categorical_features=categorical, early_stopping=False, random_state=SEED
    ),
}
# Grouped by customer: each customer's rows all land in one fold.
cv = StratifiedGroupKFold(n_splits=3, shuffle=True, random_state=SEED)
folds = list(cv.split(X, y, groups=customer))
print(f"{len(table):,} rows, {len(keep):,} customers, {y.mean():.1%} positive, 3 grouped folds")
# > 14,420 rows, 1,837 customers, 5.6% positive, 3 grouped folds
# --8<-- [end:setup]


# --8<-- [start:compare]
def n_leaves(model):
    """Leaves across all trees: a serving-cost measure that, unlike a timing, is deterministic."""
    if isinstance(model, HistGradientBoostingClassifier):
        return sum(p.get_n_leaf_nodes() for trees in model._predictors for p in trees)
    trees = getattr(model, "estimators_", [model])
    return sum(t.get_n_leaves() for t in trees) if hasattr(trees[0], "get_n_leaves") else 0


rows, fits = [], {}  # fits[name]: the model fitted on each fold
for name, model in models.items():
    fits[name], auc, ap = [], [], []
    for train, valid in folds:
        fits[name].append(clone(model).fit(X.iloc[train], y[train]))
        score = fits[name][-1].predict_proba(X.iloc[valid])[:, 1]
        auc.append(roc_auc_score(y[valid], score))
        ap.append(average_precision_score(y[valid], score))
    rows.append(
        {"model": name, "auc": np.mean(auc), "auc_sd": np.std(auc), "ap": np.mean(ap),
         "ap_sd": np.std(ap), "leaves": n_leaves(fits[name][0])}
    )  # fmt: skip
scores = pd.DataFrame(rows).set_index("model")
print(scores.to_string(float_format=lambda v: f"{v:.3f}"))
# >                                      auc  auc_sd    ap  ap_sd  leaves
# > model
# > logistic regression                0.789   0.006 0.226  0.006       0
# > one tree, fully grown              0.566   0.007 0.075  0.004     690
# > one tree, min_samples_leaf=100     0.745   0.010 0.185  0.004      63
# > bagging, fully grown trees         0.715   0.009 0.172  0.008   13831
# > random forest, fully grown         0.722   0.016 0.175  0.005   18724
# > random forest, min_samples_leaf=20 0.768   0.015 0.222  0.011    4272
# > extra trees, min_samples_leaf=20   0.785   0.006 0.229  0.005    5586
# > gradient boosting, 100 trees       0.773   0.009 0.227  0.013    3100
# --8<-- [end:compare]

# --8<-- [start:checks]
auc = scores["auc"]
ensembles = ["random forest, min_samples_leaf=20", "extra trees, min_samples_leaf=20",
             "gradient boosting, 100 trees"]  # fmt: skip
# Averaging 30 fully grown trees lifts one fully grown tree from near chance...
assert auc["bagging, fully grown trees"] > auc["one tree, fully grown"] + 0.10
# ...yet stays below a single pruned tree: every member still votes 0 or 1 from a leaf of one
# or two rows. Members with bigger leaves average into a far better forest.
assert auc["bagging, fully grown trees"] < auc["one tree, min_samples_leaf=100"]
assert auc["random forest, min_samples_leaf=20"] > auc["random forest, fully grown"] + 0.03
# Feature subsampling on top of bagging: a small gain here, within twice the fold spread.
gain = auc["random forest, fully grown"] - auc["bagging, fully grown trees"]
assert 0 < gain < 2 * scores.loc["random forest, fully grown", "auc_sd"]
# The good ensembles beat the best single tree clearly...
assert auc[ensembles].min() > auc["one tree, min_samples_leaf=100"] + 0.02
# ...but not the logistic regression: none of them beats it on this table.
assert (auc[ensembles] <= auc["logistic regression"]).all()
# --8<-- [end:checks]

# --8<-- [start:averaging]
# Why bigger leaves help: for squared error (the Brier score), the average's error is exactly
# the members' mean error minus their mean disagreement with the average (Krogh & Vedelsby).
rows = []
for name in ["bagging, fully grown trees", "random forest, fully grown", *ensembles[:2]]:
    parts = []
    for model, (_, valid) in zip(fits[name], folds, strict=True):
        X_valid = X.iloc[valid].to_numpy()
        members = np.array([tree.predict_proba(X_valid)[:, 1] for tree in model.estimators_])
        average = members.mean(axis=0)  # what the forest's predict_proba returns
        assert np.allclose(average, model.predict_proba(X.iloc[valid])[:, 1])
        member_error = ((members - y[valid]) ** 2).mean()
        disagreement = ((members - average) ** 2).mean()
        ensemble_error = ((average - y[valid]) ** 2).mean()
        assert abs(member_error - disagreement - ensemble_error) < 1e-12, "the identity is exact"
        parts.append([member_error, disagreement, ensemble_error])
    member_error, disagreement, ensemble_error = np.mean(parts, axis=0)
    rows.append(
        {"members": name, "member_brier": member_error, "disagreement": disagreement,
         "ensemble_brier": ensemble_error}
    )  # fmt: skip
brier = pd.DataFrame(rows).set_index("members")
brier["removed"] = brier["disagreement"] / brier["member_brier"]
print(brier.to_string(float_format=lambda v: f"{v:.4f}"))
# >                                     member_brier  disagreement  ensemble_brier  removed
# > members
# > bagging, fully grown trees                0.1068        0.0544          0.0525   0.5089
# > random forest, fully grown                0.1026        0.0515          0.0510   0.5024
# > random forest, min_samples_leaf=20        0.0541        0.0059          0.0482   0.1097
# > extra trees, min_samples_leaf=20          0.0512        0.0025          0.0487   0.0492
# Fully grown trees disagree a lot, so averaging removes about half their error; trees with
# 20-row leaves disagree little, so averaging removes far less, from a much lower start.
assert brier.loc["bagging, fully grown trees", "removed"] > 0.4
assert (brier.loc[ensembles[:2], "removed"] < 0.2).all()
assert (brier.loc[ensembles[:2], "member_brier"] < brier["member_brier"].iloc[0] / 1.8).all()
# --8<-- [end:averaging]

# --8<-- [start:oob]
# Out-of-bag: each tree skips about 37% of rows; score each row with the trees that skipped it.
forest = RandomForestClassifier(min_samples_leaf=20, oob_score=True, **ens).fit(X, y)
oob_auc = roc_auc_score(y, forest.oob_decision_function_[:, 1])
cv_auc = auc["random forest, min_samples_leaf=20"]
print(f"out-of-bag AUC {oob_auc:.3f} from one fit; grouped 3-fold CV AUC {cv_auc:.3f} from three")
# > out-of-bag AUC 0.762 from one fit; grouped 3-fold CV AUC 0.768 from three
assert abs(oob_auc - cv_auc) < 0.01, "OOB should agree with grouped CV on this table"
# Each row's OOB score comes from the trees whose bootstrap sample missed it: about B/e of them.
skipped = sum(np.bincount(rows, minlength=len(X)) == 0 for rows in forest.estimators_samples_)
print(f"trees scoring each row out of bag: {skipped.mean():.1f} of {B} (B/e = {B / np.e:.1f})")
# > trees scoring each row out of bag: 11.0 of 30 (B/e = 11.0)
assert abs(skipped.mean() - B / np.e) < 0.5
# --8<-- [end:oob]
