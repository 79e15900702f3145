"""ROC versus precision-recall when positives are rare.

The same churn model is scored on the last three months twice: as they are (6.3 % churners),
and with every non-churner weighted 10 times, which is what the scores would look like if churn
were ten times rarer (0.7 %) and the model ranked just as well. ROC AUC does not move; precision
collapses. Weighting is exact where subsampling churners would add noise.
"""

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import (
    auc,
    average_precision_score,
    precision_recall_curve,
    roc_auc_score,
    roc_curve,
)

from churn_case_study import generate, training_table
from guide_tools.figures import PALETTE, new_figure, save_figure

SEED = 0
table = training_table(generate(seed=SEED))
month = table["snapshot_date"]
train, test = month < pd.Timestamp("2025-07-01"), month >= pd.Timestamp("2025-10-01")
X = table.drop(columns=["customer_id", "snapshot_date", "churned"])
y = table["churned"].to_numpy()
model = HistGradientBoostingClassifier(random_state=SEED).fit(X[train], y[train])
y_test, p_test = y[test], model.predict_proba(X[test])[:, 1]

# --8<-- [start:auc_meaning]
# ROC AUC is the probability that a random churner scores above a random non-churner (ties
# count one half): the Mann-Whitney U statistic, here over all 4.2 million pairs.
pos, neg = p_test[y_test == 1], p_test[y_test == 0]
pairs = (pos[:, None] > neg[None, :]).mean() + 0.5 * (pos[:, None] == neg[None, :]).mean()
print(f"ROC AUC {roc_auc_score(y_test, p_test):.4f}; P(churner ranked higher) {pairs:.4f}")
# > ROC AUC 0.7907; P(churner ranked higher) 0.7907
assert np.isclose(pairs, roc_auc_score(y_test, p_test), atol=1e-12)
# --8<-- [end:auc_meaning]

# --8<-- [start:imbalance]
RARER = 10  # weight on each non-churner: prevalence 6.3 % becomes 0.7 %
scenarios = {"as observed": np.ones_like(p_test), f"{RARER}x rarer": np.where(y_test, 1, RARER)}
rows, curves = [], {}
for name, w in scenarios.items():
    fpr, tpr, _ = roc_curve(y_test, p_test, sample_weight=w)
    precision, recall, _ = precision_recall_curve(y_test, p_test, sample_weight=w)
    curves[name] = (fpr, tpr, precision, recall)
    at_half = precision[recall >= 0.5].max()  # best precision while catching half the churners
    rows.append(
        {
            "scenario": name,
            "prevalence": np.average(y_test, weights=w),
            "roc_auc": roc_auc_score(y_test, p_test, sample_weight=w),
            "avg_precision": average_precision_score(y_test, p_test, sample_weight=w),
            "precision@recall=0.5": at_half,
            "false alarms per catch": (1 - at_half) / at_half,
        }
    )
summary = pd.DataFrame(rows).set_index("scenario")
print(summary.T.to_string(float_format=lambda v: f"{v:.3f}"))
# > scenario                as observed  10x rarer
# > prevalence                    0.063      0.007
# > roc_auc                       0.791      0.791
# > avg_precision                 0.272      0.042
# > precision@recall=0.5          0.230      0.029
# > false alarms per catch        3.351     33.507
# --8<-- [end:imbalance]

# --8<-- [start:checks]
observed, rare = summary.loc["as observed"], summary.loc[f"{RARER}x rarer"]
# ROC AUC only compares churners with non-churners, so the class ratio cannot move it...
assert np.isclose(observed["roc_auc"], rare["roc_auc"], atol=1e-12)
# ...while precision and average precision fall roughly tenfold with the prevalence.
assert rare["avg_precision"] < observed["avg_precision"] / 5
assert rare["precision@recall=0.5"] < observed["precision@recall=0.5"] / 5
# Average precision is measured against the prevalence: a random ranking scores about it.
assert observed["avg_precision"] > 4 * observed["prevalence"]
# The trapezoidal area under the PR curve interpolates linearly between points, which is
# wrong in PR space (Davis & Goadrich, 2006); with every threshold a point it stays close to
# average precision, which uses steps. Use average_precision_score.
precision, recall = curves["as observed"][2:]
trapezoid = auc(recall, precision)
print(f"trapezoidal PR AUC {trapezoid:.3f} vs average precision {observed['avg_precision']:.3f}")
# > trapezoidal PR AUC 0.270 vs average precision 0.272
assert abs(trapezoid - observed["avg_precision"]) < 0.01
# --8<-- [end:checks]

fig, (ax_roc, ax_pr) = new_figure(1, 2, width=9, height=3.8)
styles = {"as observed": ("-", PALETTE["blue"]), f"{RARER}x rarer": ("--", PALETTE["vermilion"])}
for name, (fpr, tpr, precision, recall) in curves.items():
    ls, colour = styles[name]
    precision, recall = precision[:-1], recall[:-1]  # drop the conventional (0, 1) end point
    prevalence = summary.loc[name, "prevalence"]
    label = f"{name}: {prevalence:.1%} churn"
    ax_roc.plot(
        fpr, tpr, ls, color=colour, label=f"{label}, AUC {summary.loc[name, 'roc_auc']:.2f}"
    )
    ax_pr.plot(
        recall,
        precision,
        ls,
        color=colour,
        lw=1.5,
        label=f"{label}, AP {summary.loc[name, 'avg_precision']:.2f}",
    )
    ax_pr.axhline(prevalence, color=colour, ls=":", lw=1)
ax_roc.plot([0, 1], [0, 1], ":", color=PALETTE["black"], lw=1, label="random ranking")
ax_roc.set_xlabel("false positive rate (non-churners flagged)")
ax_roc.set_ylabel("true positive rate (recall)")
ax_roc.set_title("ROC: the two curves coincide")
ax_roc.legend(loc="lower right")
ax_pr.set_xlabel("recall (churners caught)")
ax_pr.set_ylabel("precision (flagged who churn)")
ax_pr.set_title("Precision-recall: rarer churn, lower curve")
ax_pr.set_ylim(0, 1)
ax_pr.legend(loc="upper right")
save_figure(fig, "metrics/roc_vs_pr")
