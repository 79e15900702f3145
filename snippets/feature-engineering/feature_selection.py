"""Filter, wrapper and embedded feature selection on the churn table, with planted noise.

We add ten pure-noise columns to Lumen's features, then let three methods choose a subset:
mutual information (a filter), recursive feature elimination (a wrapper) and an L1 penalty
(embedded). Each chooses its size on validation months inside the training period; the
held-out months score the result once.
"""

import numpy as np
import pandas as pd
from sklearn.compose import make_column_transformer
from sklearn.feature_selection import RFE, mutual_info_classif
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from churn_case_study import generate, training_table
from guide_tools.figures import PALETTE, new_figure, save_figure

SEED = 0
table = training_table(generate(seed=SEED))

# --8<-- [start:setup]
rng = np.random.default_rng(SEED)
NOISE = [f"noise_{i}" for i in range(10)]
for column in NOISE:
    table[column] = rng.normal(size=len(table))
NUMERIC = list(table.select_dtypes("number").columns.drop("churned"))  # 12 + the noise
features = make_column_transformer(
    (
        make_pipeline(SimpleImputer(strategy="median", add_indicator=True), StandardScaler()),
        NUMERIC,
    ),
    (OneHotEncoder(drop="first"), ["plan", "country", "acquisition_channel", "device"]),
    ("passthrough", ["discount_active", "is_returning"]),
    verbose_feature_names_out=False,
    sparse_threshold=0,
)
when = table["snapshot_date"]
choose = when < "2025-04-01"  # fit candidates here...
validate = (when >= "2025-04-01") & (when < "2025-07-01")  # ...pick the size here...
train, held_out = when < "2025-07-01", when >= "2025-07-01"  # ...refit, then score once
X = features.fit(table[choose]).transform(table)  # learnt on the fitting rows only
names = features.get_feature_names_out()
y = table["churned"].to_numpy()
is_noise = np.isin(names, NOISE)
print(f"{X.shape[1]} candidate features, {is_noise.sum()} of them pure noise")
# > 41 candidate features, 10 of them pure noise
# --8<-- [end:setup]


# --8<-- [start:select]
def auc_of(keep, rows_fit, rows_score):
    model = LogisticRegression(max_iter=2_000).fit(X[rows_fit][:, keep], y[rows_fit])
    return roc_auc_score(y[rows_score], model.predict_proba(X[rows_score][:, keep])[:, 1])


def best_top_k(ranking, sizes=(5, 10, 15, 20, 30)):
    """Keep the k best-ranked features, k chosen on the validation months."""
    tops = [np.isin(np.arange(X.shape[1]), ranking[:k]) for k in sizes]
    return max(tops, key=lambda keep: auc_of(keep, choose, validate))


# Filter: mutual information of each feature with the label, one feature at a time.
binary = np.array([len(np.unique(column)) <= 2 for column in X.T])  # dummies and flags
sample = rng.choice(np.flatnonzero(choose), 8_000, replace=False)  # the k-NN estimator is slow
X_mi = X[sample]
X_mi[:, binary] = X_mi[:, binary] > X_mi[:, binary].min(axis=0)  # scaled flags back to 0/1
mi = mutual_info_classif(X_mi, y[sample], discrete_features=binary, random_state=SEED)
keep_filter = best_top_k(np.argsort(-mi))

# Wrapper: refit the model, drop the two features with the smallest |coefficient|, repeat.
rfe = RFE(LogisticRegression(max_iter=2_000), n_features_to_select=1, step=2)
rfe.fit(X[choose], y[choose])
keep_wrapper = best_top_k(np.argsort(rfe.ranking_))

# Embedded: the L1 penalty zeroes coefficients while fitting; C sets how many survive.
# (liblinear also penalises the intercept; "saga" does not, but is slower here.)
C_GRID = np.geomspace(0.002, 0.3, 10)
path = []
for C in C_GRID:
    l1 = LogisticRegression(C=C, l1_ratio=1.0, solver="liblinear").fit(X[choose], y[choose])
    nonzero = l1.coef_[0] != 0
    val_auc = roc_auc_score(y[validate], l1.predict_proba(X[validate])[:, 1])
    path.append((C, nonzero, val_auc))
best = max(range(len(path)), key=lambda i: path[i][2])


def auc_standard_error(auc, n_pos, n_neg):
    """Hanley & McNeil (1982); treats rows as independent, so it is, if anything, too small."""
    q1, q2 = auc / (2 - auc), 2 * auc**2 / (1 + auc)
    var = auc * (1 - auc) + (n_pos - 1) * (q1 - auc**2) + (n_neg - 1) * (q2 - auc**2)
    return np.sqrt(var / (n_pos * n_neg))


n_pos = int(y[validate].sum())
se = auc_standard_error(path[best][2], n_pos, int(validate.sum()) - n_pos)
# One-standard-error rule: the sparsest model whose validation AUC is within one SE of the best.
sparse = min(i for i in range(len(path)) if path[i][2] >= path[best][2] - se)
keep_l1_best, keep_l1_sparse = path[best][1], path[sparse][1]

candidates = {
    "all features": np.ones(X.shape[1], bool),
    "filter: mutual info": keep_filter,
    "wrapper: RFE": keep_wrapper,
    "L1, best validation AUC": keep_l1_best,
    "L1, one-SE rule": keep_l1_sparse,
}
rows = {}
for name, keep in candidates.items():
    rows[name] = {
        "kept": keep.sum(),
        "noise kept": (keep & is_noise).sum(),
        "held-out AUC": auc_of(keep, train, held_out),
    }
summary = pd.DataFrame(rows).T.astype({"kept": int, "noise kept": int})
print(summary.to_string(float_format="{:.3f}".format))
# >                          kept  noise kept  held-out AUC
# > all features               41          10         0.792
# > filter: mutual info        15           1         0.794
# > wrapper: RFE               20           0         0.791
# > L1, best validation AUC    20           4         0.789
# > L1, one-SE rule             4           0         0.784
print(f"one-SE rule: C = {C_GRID[sparse]:.4f} (best {C_GRID[best]:.4f}), SE {se:.3f}")
# > one-SE rule: C = 0.0061 (best 0.0565), SE 0.016
print(f"it keeps: {', '.join(names[keep_l1_sparse])}")
# > it keeps: events_30d, days_since_last_event, failed_payments_90d, tickets_90d
# --8<-- [end:select]

# --8<-- [start:checks]
full = summary.loc["all features", "held-out AUC"]
for method in summary.index.drop("all features"):
    # Every smaller model scores within 0.015 of the full one on the held-out months.
    assert summary.loc[method, "held-out AUC"] > full - 0.015, method
    assert summary.loc[method, "kept"] <= 20, method
# The prediction-optimal penalty keeps some noise; the one-SE choice keeps none.
assert summary.loc["L1, best validation AUC", "noise kept"] > 0
assert summary.loc["L1, one-SE rule", "noise kept"] == 0
assert summary.loc["L1, one-SE rule", "kept"] <= 10
# --8<-- [end:checks]

fig, ax = new_figure(width=7.0, height=3.8)
counts = [step[1].sum() for step in path]
noise_counts = [(step[1] & is_noise).sum() for step in path]
ax.plot(C_GRID, counts, "o-", color=PALETTE["blue"], label="features kept")
ax.plot(C_GRID, noise_counts, "s--", color=PALETTE["vermilion"], label="noise features kept")
ax.set_xscale("log")
ax.set_xlabel("C, the inverse L1 penalty (log scale)")
ax.set_ylabel("non-zero coefficients")
twin = ax.twinx()
twin.plot(C_GRID, [step[2] for step in path], "^:", color=PALETTE["green"], label="validation AUC")
twin.set_ylabel("validation ROC AUC")
twin.grid(False)
twin.spines["right"].set_visible(True)
ax.axvline(C_GRID[best], color=PALETTE["black"], ls=":", lw=1)
ax.axvline(C_GRID[sparse], color=PALETTE["black"], ls="-", lw=1)
ax.text(C_GRID[sparse] * 1.08, 30, "one-SE\nchoice", fontsize=9)
ax.text(C_GRID[best] * 1.08, 30, "best\nvalidation", fontsize=9)
lines = ax.get_lines()[:2] + twin.get_lines()
ax.legend(lines, [line.get_label() for line in lines], loc="center right")
ax.set_title("L1-regularised logistic regression: features kept as the penalty weakens")
save_figure(fig, "feature-engineering/l1_path")
