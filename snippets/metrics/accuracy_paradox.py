"""The accuracy paradox on Lumen's churn table: 94 % accuracy that finds no churners.

About 6 % of monthly snapshots churn, so predicting "nobody churns" is already about 94 %
accurate. We fit a gradient-boosted model on earlier months, score the last three months, and
compare it with that do-nothing baseline at several thresholds, using the confusion matrix and
the metrics built from it.
"""

import numpy as np
import pandas as pd
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import (
    accuracy_score,
    balanced_accuracy_score,
    confusion_matrix,
    f1_score,
    fbeta_score,
    precision_score,
    recall_score,
)

from churn_case_study import generate, training_table

SEED = 0

# --8<-- [start:split]
table = training_table(generate(seed=SEED))  # one row per active customer and month
month = table["snapshot_date"]
train = month < pd.Timestamp("2025-07-01")  # fit on 16 months
valid = (month >= pd.Timestamp("2025-07-01")) & (month < pd.Timestamp("2025-10-01"))
test = month >= pd.Timestamp("2025-10-01")  # report on the last 3 months
X = table.drop(columns=["customer_id", "snapshot_date", "churned"])
y = table["churned"].to_numpy()
for name, rows in {"train": train, "valid": valid, "test": test}.items():
    size = f"{month[rows].nunique():2} months, {rows.sum():6,} rows"
    print(f"{name:5s} {size}, {y[rows].sum():5,} churners ({y[rows].mean():.1%})")
    # > train 16 months, 20,449 rows, 1,066 churners (5.2%)
    # > valid  3 months,  7,516 rows,   448 churners (6.0%)
    # > test   3 months,  8,398 rows,   531 churners (6.3%)
model = HistGradientBoostingClassifier(random_state=SEED).fit(X[train], y[train])
p_test = model.predict_proba(X[test])[:, 1]  # estimated P(churn in the next 30 days)
# --8<-- [end:split]

# --8<-- [start:paradox]
y_test = y[test]
baseline = DummyClassifier(strategy="most_frequent").fit(X[train], y[train])
predictions = {"nobody churns": baseline.predict(X[test])}
for threshold in (0.5, 0.2, 0.1):
    predictions[f"model, p >= {threshold}"] = (p_test >= threshold).astype(int)

rows = []
for name, y_pred in predictions.items():
    tn, fp, fn, tp = confusion_matrix(y_test, y_pred, labels=[0, 1]).ravel()
    rows.append(
        {
            "rule": name,
            "TP": tp,
            "FP": fp,
            "FN": fn,
            "accuracy": accuracy_score(y_test, y_pred),
            "precision": precision_score(y_test, y_pred, zero_division=0.0),
            "recall": recall_score(y_test, y_pred),
            "F1": f1_score(y_test, y_pred),
            "F2": fbeta_score(y_test, y_pred, beta=2),
            "balanced_acc": balanced_accuracy_score(y_test, y_pred),
        }
    )
report = pd.DataFrame(rows).set_index("rule")
print(report.to_string(float_format=lambda v: f"{v:.3f}"))
# >                   TP   FP   FN  accuracy  precision  recall    F1    F2  balanced_acc
# > rule
# > nobody churns      0    0  531     0.937      0.000   0.000 0.000 0.000         0.500
# > model, p >= 0.5    8    4  523     0.937      0.667   0.015 0.029 0.019         0.507
# > model, p >= 0.2  113  164  418     0.931      0.408   0.213 0.280 0.235         0.596
# > model, p >= 0.1  212  529  319     0.899      0.286   0.399 0.333 0.370         0.666
# --8<-- [end:paradox]

# --8<-- [start:checks]
acc, recall = report["accuracy"], report["recall"]
# The do-nothing rule is as accurate as the model at the default threshold...
assert acc["nobody churns"] > 0.93, "predicting the majority class is already > 93 % accurate"
assert abs(acc["model, p >= 0.5"] - acc["nobody churns"]) < 0.001, "0.5 adds no accuracy"
assert recall["model, p >= 0.5"] < 0.02, "at 0.5 the model finds under 2 % of churners"
# ...and accuracy *falls* exactly where the model becomes useful: lower thresholds find far
# more churners, and F1, F2 and balanced accuracy all rise.
assert acc.iloc[1:].is_monotonic_decreasing and recall.iloc[1:].is_monotonic_increasing
for metric in ("F1", "F2", "balanced_acc"):
    assert report[metric].iloc[1:].is_monotonic_increasing, metric
assert recall["model, p >= 0.1"] > 20 * recall["model, p >= 0.5"]
# Precision falls as recall rises: the trade-off a threshold sets.
assert report["precision"].iloc[1:].is_monotonic_decreasing
print(f"share of churners the 0.5 rule misses: {1 - recall['model, p >= 0.5']:.1%}")
# > share of churners the 0.5 rule misses: 98.5%
# --8<-- [end:checks]
assert np.isclose(y_test.mean(), 531 / 8_398)
# Churn rose after the training months (the prose relies on it when it explains calibration).
assert y[test].mean() > 1.15 * y[train].mean()
assert (month[train].nunique(), month[valid].nunique(), month[test].nunique()) == (16, 3, 3)
