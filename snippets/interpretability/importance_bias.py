"""Which features does the churn model rely on? Built-in importances against permutation importance.

We plant two columns of pure noise in the churn table: `random_id`, a random integer per row
with tens of thousands of distinct values (like an ID or hash nobody dropped), and
`random_flag`, a coin flip. Then we rank features four ways: a random forest's impurity
importance (MDI) and XGBoost's split count and gain, all computed from the training data while
the trees were grown, against permutation importance on training and held-out rows.
"""

import numpy as np
import pandas as pd
import xgboost as xgb
from matplotlib.patches import Patch
from sklearn.ensemble import RandomForestClassifier
from sklearn.inspection import permutation_importance

from churn_case_study import generate, training_table
from guide_tools.figures import PALETTE, new_figure, save_figure

SEED = 0

# --8<-- [start:data]
table = training_table(generate(seed=SEED))  # one row per active customer and month
CATEGORICAL = ["plan", "country", "acquisition_channel", "device"]


def churn_features(table):
    """Numeric feature matrix: category codes, booleans as 0/1, missing values kept as NaN."""
    X = table.drop(columns=["customer_id", "snapshot_date", "churned"])
    X[CATEGORICAL] = X[CATEGORICAL].apply(lambda column: column.cat.codes)
    return X.astype({"discount_active": int, "is_returning": int})


X, y = churn_features(table), table["churned"]
rng = np.random.default_rng(SEED)
X["random_id"] = rng.integers(0, 100_000, len(X))  # pure noise, ~30,000 distinct values
X["random_flag"] = rng.integers(0, 2, len(X))  # pure noise, 2 distinct values
train = (table["snapshot_date"] < "2025-07-01").to_numpy()  # hold out the last six months
X_train, y_train, X_test, y_test = X[train], y[train], X[~train], y[~train]
print(f"{train.sum():,} training rows, {(~train).sum():,} held-out rows, {X.shape[1]} features")
# > 20,449 training rows, 15,914 held-out rows, 20 features
# --8<-- [end:data]

# --8<-- [start:importances]
forest = RandomForestClassifier(n_estimators=50, n_jobs=1, random_state=SEED)  # fully grown trees
forest.fit(X_train, y_train)
# Permutation importance: the drop in held-out ROC AUC when one column is shuffled.
held_out = X_test.sample(3_000, random_state=SEED)  # a subsample keeps this fast


def permutation_auc_drop(model, X_part, y_part):
    result = permutation_importance(
        model, X_part, y_part, scoring="roc_auc", n_repeats=5, random_state=SEED, n_jobs=1
    )
    mean, sd = result.importances_mean, result.importances_std  # over the 5 shuffles
    return pd.Series(mean, X.columns), pd.Series(sd, X.columns)


perm_test, perm_test_sd = permutation_auc_drop(forest, held_out, y_test[held_out.index])
ranks = pd.DataFrame(
    {
        "mdi": forest.feature_importances_,  # impurity decrease, summed over training-data splits
        "perm_test": perm_test,
        "perm_test_sd": perm_test_sd,
    },
    index=X.columns,
)
ranks.insert(1, "mdi_rank", ranks["mdi"].rank(ascending=False).astype(int))
ranks.insert(3, "test_rank", ranks["perm_test"].rank(ascending=False).astype(int))
shown = [
    "events_30d",
    "days_since_last_event",
    "failed_payments_90d",
    "tenure_days",
    "random_id",
    "random_flag",
]
print(ranks.loc[shown].to_string(float_format=lambda v: f"{v:.3f}"))
# >                         mdi  mdi_rank  perm_test  test_rank  perm_test_sd
# > events_30d            0.053         8      0.061          1         0.002
# > days_since_last_event 0.131         1      0.027          2         0.005
# > failed_payments_90d   0.020        13      0.023          3         0.003
# > tenure_days           0.106         2     -0.002         12         0.009
# > random_id             0.106         3     -0.006         18         0.007
# > random_flag           0.016        16     -0.002         13         0.003
# --8<-- [end:importances]

# --8<-- [start:checks]
noise_id = ranks.loc["random_id"]
# 1. Impurity importance ranks the high-cardinality noise column near the top, far above the
#    equally useless coin flip: many distinct values offer many candidate splits to overfit.
assert noise_id["mdi_rank"] <= 3, "MDI should rank random_id among the top three"
assert noise_id["mdi"] > 5 * ranks.loc["random_flag", "mdi"], "cardinality bias"
# 2. On held-out rows, shuffling it costs nothing: within two standard deviations of zero.
assert abs(noise_id["perm_test"]) < 2 * noise_id["perm_test_sd"], "random_id is useless"
top_real = ranks.drop(["random_id", "random_flag"]).nlargest(3, "perm_test")
assert (top_real["perm_test"] > 2 * top_real["perm_test_sd"]).all(), "real signal stands out"
assert (top_real["perm_test"] > noise_id["perm_test"] + 3 * noise_id["perm_test_sd"]).all()
# 3. The same bias favours real continuous features: tenure_days has hundreds of distinct
#    values and a top-3 MDI, yet shuffling it does not lower held-out AUC.
tenure = ranks.loc["tenure_days"]
assert tenure["mdi_rank"] <= 3 and tenure["perm_test"] < 2 * tenure["perm_test_sd"]
# --8<-- [end:checks]

# --8<-- [start:boosting]
booster = xgb.XGBClassifier(
    n_estimators=300,
    max_depth=4,
    learning_rate=0.05,
    subsample=0.8,
    colsample_bytree=0.8,
    n_jobs=1,
    random_state=SEED,
).fit(X_train, y_train)
builtin = pd.DataFrame(
    {kind: booster.get_booster().get_score(importance_type=kind) for kind in ("weight", "gain")}
).reindex(X.columns, fill_value=0.0)  # weight = number of splits; gain = mean gain per split
builtin_rank = builtin.rank(ascending=False).astype(int)
print(builtin_rank.loc[shown].rename(columns={"weight": "split_count_rank", "gain": "gain_rank"}))
# >                        split_count_rank  gain_rank
# > events_30d                            8          1
# > days_since_last_event                 1          5
# > failed_payments_90d                  10          2
# > tenure_days                           3          7
# > random_id                             2         14
# > random_flag                          16         19
assert builtin_rank.loc["random_id", "weight"] <= 3, "split count rewards many-valued columns"
assert builtin_rank.loc["random_id", "gain"] > 10, "but each split on noise gains little"
# --8<-- [end:boosting]

# The figure: MDI against held-out permutation importance, noise columns in vermilion.
order = ranks.sort_values("perm_test").index
colours = [PALETTE["vermilion"] if name.startswith("random") else PALETTE["blue"] for name in order]
fig, axes = new_figure(1, 2, width=9, height=5.2, sharey=True)
axes[0].barh(order, ranks.loc[order, "mdi"], color=colours)
axes[0].set_title("Impurity importance (training data)")
axes[0].set_xlabel("mean decrease in impurity (sums to 1)")
axes[1].barh(
    order, ranks.loc[order, "perm_test"], xerr=ranks.loc[order, "perm_test_sd"], color=colours
)
axes[1].axvline(0, color=PALETTE["black"], lw=0.8)
axes[1].set_title("Permutation importance (held-out rows)")
axes[1].set_xlabel("drop in ROC AUC when shuffled")
for ax in axes:
    ax.grid(axis="y", visible=False)
    ax.set_axisbelow(True)
legend = [
    Patch(color=PALETTE["blue"], label="churn feature"),
    Patch(color=PALETTE["vermilion"], label="planted pure noise"),
]
axes[1].legend(handles=legend, loc="lower right")
save_figure(fig, "interpretability/importance_bias")
