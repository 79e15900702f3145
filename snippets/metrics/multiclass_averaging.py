"""Macro, micro and weighted averages on an imbalanced multi-class problem.

Lumen routes support tickets to four queues. The features here are synthetic (seeded
`make_classification`) with the queues' skewed shares: bugs and billing are common, legal
requests rare. Two routers: a plain logistic regression and one trained with balanced class
weights. Which is "better" depends on the average you report.
"""

import numpy as np
import pandas as pd
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    balanced_accuracy_score,
    f1_score,
    precision_recall_fscore_support,
    recall_score,
)
from sklearn.model_selection import train_test_split

SEED = 0
QUEUES = ["bug", "billing", "how_to", "legal"]

# --8<-- [start:averages]
X, y = make_classification(
    n_samples=20_000,
    n_features=20,
    n_informative=8,
    n_classes=4,
    weights=[0.55, 0.30, 0.12, 0.03],
    class_sep=1.0,
    random_state=SEED,
)
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=SEED)
routers = {
    "plain": LogisticRegression(max_iter=1_000),
    "balanced": LogisticRegression(max_iter=1_000, class_weight="balanced"),
}
per_class, averages = {}, {}
for name, router in routers.items():
    y_pred = router.fit(X_train, y_train).predict(X_test)
    precision, recall, f1, support = precision_recall_fscore_support(
        y_test, y_pred, zero_division=0.0
    )
    per_class[name] = pd.DataFrame(
        {"precision": precision, "recall": recall, "F1": f1, "support": support}, index=QUEUES
    )
    averages[name] = {
        "accuracy": accuracy_score(y_test, y_pred),
        "F1 micro": f1_score(y_test, y_pred, average="micro"),
        "recall weighted": recall_score(y_test, y_pred, average="weighted"),
        "F1 weighted": f1_score(y_test, y_pred, average="weighted"),
        "F1 macro": f1_score(y_test, y_pred, average="macro"),
        "recall macro": recall_score(y_test, y_pred, average="macro"),
        "balanced accuracy": balanced_accuracy_score(y_test, y_pred),
    }
print(per_class["plain"].to_string(float_format=lambda v: f"{v:.3f}"))
# >          precision  recall    F1  support
# > bug          0.839   0.895 0.866     2736
# > billing      0.733   0.783 0.757     1495
# > how_to       0.664   0.464 0.546      606
# > legal        0.381   0.147 0.212      163
print(pd.DataFrame(averages).to_string(float_format=lambda v: f"{v:.3f}"))
# >                    plain  balanced
# > accuracy           0.785     0.709
# > F1 micro           0.785     0.709
# > recall weighted    0.785     0.709
# > F1 weighted        0.774     0.735
# > F1 macro           0.595     0.594
# > recall macro       0.572     0.682
# > balanced accuracy  0.572     0.682
# --8<-- [end:averages]

# --8<-- [start:checks]
plain, balanced = averages["plain"], averages["balanced"]
# Single-label multi-class: micro-averaged F1 (and micro precision and recall) is accuracy,
# and so is recall weighted by support; macro recall is balanced accuracy.
for router in (plain, balanced):
    assert np.isclose(router["F1 micro"], router["accuracy"])
    assert np.isclose(router["recall weighted"], router["accuracy"])
    assert np.isclose(router["recall macro"], router["balanced accuracy"])
# Weighted averages follow the big queues; macro gives the rare legal queue a quarter of the
# vote, so the plain router's poor legal recall pulls macro far below weighted.
assert per_class["plain"].loc["legal", "recall"] < 0.2
assert plain["F1 weighted"] - plain["F1 macro"] > 0.1
# Balanced class weights trade the common queues for the rare ones: accuracy falls while
# macro recall rises. The average you report picks the winner.
assert balanced["recall macro"] > plain["recall macro"] + 0.08
assert balanced["accuracy"] < plain["accuracy"] - 0.05
# Macro F1 hardly moves: the rare queues gain recall but lose as much in precision.
assert abs(balanced["F1 macro"] - plain["F1 macro"]) < 0.01
legal = pd.DataFrame({name: table.loc["legal"] for name, table in per_class.items()}).T
print(legal[["precision", "recall"]].to_string(float_format=lambda v: f"{v:.2f}"))
# >           precision  recall
# > plain          0.38    0.15
# > balanced       0.18    0.64
assert legal.loc["balanced", "recall"] > 4 * legal.loc["plain", "recall"]
assert legal.loc["balanced", "precision"] < legal.loc["plain", "precision"] / 2
# --8<-- [end:checks]
