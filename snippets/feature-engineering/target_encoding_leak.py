"""Target encoding a high-cardinality column: the leak, and the cross-fitted fix.

Lumen's tables have no column with thousands of levels, so we add one that real data often
has: a postcode-like code, one of 2,000 values per customer, drawn at random. It carries no
churn signal at all, so any score it adds is a leak. We encode it four ways, fit the same
models, and compare training AUC with held-out AUC on later months.
"""

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction import FeatureHasher
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler, TargetEncoder

from churn_case_study import generate, training_table
from guide_tools.explorables import save_explorable
from guide_tools.figures import PALETTE, new_figure, save_figure

SEED = 0
N_CODES = 2_000
data = generate(seed=SEED)
table = training_table(data)

# --8<-- [start:setup]
rng = np.random.default_rng(SEED)
customers = np.sort(table["customer_id"].unique())
codes = [f"Z{k:04d}" for k in rng.integers(N_CODES, size=len(customers))]
table["postcode"] = table["customer_id"].map(dict(zip(customers, codes, strict=True)))

NUMERIC = list(table.select_dtypes("number").columns.drop("churned"))  # 12 numeric columns
is_train = table["snapshot_date"] < "2025-07-01"  # train on the past, hold out the last 6 months
train, held_out = table[is_train], table[~is_train]
y_train, y_held_out = train["churned"].to_numpy(), held_out["churned"].to_numpy()
postcode_train, postcode_held_out = train[["postcode"]], held_out[["postcode"]]
print(
    f"{train['postcode'].nunique():,} postcodes in training, median "
    f"{train.groupby('postcode').size().median():.0f} rows each"
)
# > 1,574 postcodes in training, median 11 rows each
# --8<-- [end:setup]

# --8<-- [start:four_ways]
models = {
    "logistic": make_pipeline(
        SimpleImputer(strategy="median"), StandardScaler(), LogisticRegression(max_iter=2_000)
    ),
    "boosting": HistGradientBoostingClassifier(random_state=SEED),
}


def train_and_held_out_auc(code_train, code_held_out):
    """Fit each model on the numeric features plus an encoded postcode; AUC on both sides."""
    scores = {}
    for name, model in models.items():
        X_train, X_held_out = train[NUMERIC].to_numpy(), held_out[NUMERIC].to_numpy()
        if code_train is not None:
            X_train = np.column_stack([X_train, code_train])
            X_held_out = np.column_stack([X_held_out, code_held_out])
        model.fit(X_train, y_train)
        scores[f"{name} train"] = roc_auc_score(y_train, model.predict_proba(X_train)[:, 1])
        scores[f"{name} held-out"] = roc_auc_score(
            y_held_out, model.predict_proba(X_held_out)[:, 1]
        )
    return scores


results = {"none": train_and_held_out_auc(None, None)}

# WRONG 1: each postcode's churn rate on the training rows, fed back to those same rows.
rate = train.groupby("postcode")["churned"].mean()
results["in-sample means"] = train_and_held_out_auc(
    train["postcode"].map(rate), held_out["postcode"].map(rate).fillna(y_train.mean())
)

# WRONG 2: scikit-learn's encoder, but fit(X, y).transform(X): shrunk, still in-sample.
encoder = TargetEncoder().fit(postcode_train, y_train)
results["fit().transform()"] = train_and_held_out_auc(
    encoder.transform(postcode_train), encoder.transform(postcode_held_out)
)

# RIGHT: fit_transform cross-fits. Each training row is encoded by an encoder fitted on the
# other four folds, so its own label never reaches its own feature. Held-out rows use the
# encoder refitted on all training rows. (A Pipeline calls fit_transform for you.)
encoder = TargetEncoder(cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED))
results["fit_transform()"] = train_and_held_out_auc(
    encoder.fit_transform(postcode_train, y_train), encoder.transform(postcode_held_out)
)
summary = pd.DataFrame(results).T
print(summary.to_string(float_format="{:.3f}".format))
# >                    logistic train  logistic held-out  boosting train  boosting held-out
# > none                        0.774              0.786           0.903              0.774
# > in-sample means             0.879              0.717           0.971              0.566
# > fit().transform()           0.890              0.682           0.966              0.568
# > fit_transform()             0.774              0.786           0.925              0.769
# --8<-- [end:four_ways]

# --8<-- [start:checks]
gap = summary["logistic train"] - summary["logistic held-out"]
base, crossfit = summary.loc["none"], summary.loc["fit_transform()"]
for wrong in ["in-sample means", "fit().transform()"]:
    # The leak: training AUC jumps, held-out AUC falls below the model without the column.
    assert gap[wrong] > gap["none"] + 0.10, wrong
    for model in models:
        assert summary.loc[wrong, f"{model} held-out"] < base[f"{model} held-out"] - 0.05, wrong
    # Boosting splits finely on the leaky column, so it loses far more held-out AUC.
    drop = base - summary.loc[wrong]
    assert drop["boosting held-out"] > drop["logistic held-out"] + 0.05, wrong
# The fix: cross-fitting closes the gap; the noise column costs (almost) nothing held out.
assert abs(gap["fit_transform()"] - gap["none"]) < 0.01
for model in models:
    assert abs(crossfit[f"{model} held-out"] - base[f"{model} held-out"]) < 0.01, model
print(
    f"logistic train minus held-out AUC: {gap['in-sample means']:+.3f} in-sample, "
    f"{gap['fit_transform()']:+.3f} cross-fitted"
)
# > logistic train minus held-out AUC: +0.161 in-sample, -0.011 cross-fitted
# --8<-- [end:checks]

# --8<-- [start:auto_smoothing]
# smooth="auto" shrinks a category's mean towards the global mean by a weight that depends on
# the spread of y *within* the category. A postcode whose training rows all have y = 0 has no
# spread, so it is not shrunk at all: it is encoded as exactly 0.
encoder = TargetEncoder().fit(postcode_train, y_train)
pure = train.groupby("postcode")["churned"].max().eq(0)  # no churner among its rows
encoding = pd.Series(encoder.encodings_[0], index=encoder.categories_[0])
fixed = pd.Series(
    TargetEncoder(smooth=20.0).fit(postcode_train, y_train).encodings_[0],
    index=encoder.categories_[0],
)
print(
    f"postcodes with no churner in training: {pure.mean():.1%}; global mean "
    f"{encoder.target_mean_:.3f}"
)
# > postcodes with no churner in training: 49.6%; global mean 0.052
print(
    f"their encoding: smooth='auto' {encoding[pure].max():.3f}, "
    f"smooth=20 between {fixed[pure].min():.3f} and {fixed[pure].max():.3f}"
)
# > their encoding: smooth='auto' 0.000, smooth=20 between 0.015 and 0.050
assert (encoding[pure] == 0).all(), "auto smoothing leaves pure categories unshrunk"
assert (fixed[pure] > 0).all(), "a fixed smooth pulls every category towards the mean"
# --8<-- [end:auto_smoothing]

# --8<-- [start:other_encodings]
# The unsupervised alternatives for the same column: width, and what an unseen code becomes.
unseen = pd.DataFrame({"postcode": ["Z9999"]})  # a code no training row had
one_hot = OneHotEncoder(handle_unknown="ignore").fit(postcode_train)
grouped = OneHotEncoder(min_frequency=20, handle_unknown="infrequent_if_exist").fit(postcode_train)
ordinal = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1).fit(postcode_train)
counts = train["postcode"].value_counts()
target = TargetEncoder().fit(postcode_train, y_train)  # fit() is enough to encode new rows
N_BUCKETS = 4_096  # more buckets than codes, still collisions (the birthday problem)
hasher = FeatureHasher(n_features=N_BUCKETS, input_type="string")
hashed_codes = hasher.transform([[c] for c in counts.index]).toarray()
bucket = np.abs(hashed_codes).argmax(axis=1)
shared = pd.Series(bucket).duplicated(keep=False).mean()
unseen_bucket = np.abs(hasher.transform([["Z9999"]]).toarray()).argmax()
same_bucket = int((bucket == unseen_bucket).sum())  # known codes it would be confused with
other = pd.DataFrame(
    {
        "width": [
            len(one_hot.get_feature_names_out()),
            len(grouped.get_feature_names_out()),
            1,
            1,
            N_BUCKETS,
            1,
        ],
        "unseen code becomes": [
            f"all {one_hot.transform(unseen).sum():.0f}s",
            "the shared 'infrequent' column",
            f"{ordinal.transform(unseen)[0, 0]:.0f}",
            f"{counts.get('Z9999', 0)} (its training count)",
            f"bucket {unseen_bucket}, shared with {same_bucket} known codes",
            f"{target.transform(unseen)[0, 0]:.3f} (the global mean)",
        ],
    },
    index=[
        "one-hot",
        "one-hot, min_frequency=20",
        "ordinal",
        "frequency",
        "hashing (4,096)",
        "target",
    ],
)
print(other.to_string())
# >                            width                     unseen code becomes
# > one-hot                     1574                                  all 0s
# > one-hot, min_frequency=20    336          the shared 'infrequent' column
# > ordinal                        1                                      -1
# > frequency                      1                  0 (its training count)
# > hashing (4,096)             4096  bucket 3819, shared with 2 known codes
# > target                         1                 0.052 (the global mean)
expected = 1 - (1 - 1 / N_BUCKETS) ** (len(counts) - 1)  # P(another code hits my bucket)
print(f"hashing: {shared:.0%} of training codes share a bucket (expected {expected:.0%})")
# > hashing: 34% of training codes share a bucket (expected 32%)
assert abs(shared - expected) < 0.05, "collisions as the birthday calculation predicts"
infrequent = grouped.transform(unseen).toarray()[0]
assert infrequent[-1] == 1 and infrequent.sum() == 1, "unseen codes join the infrequent column"
# --8<-- [end:other_encodings]

fig, axes = new_figure(1, 2, width=9.0, height=3.8, sharey=True)
variants = list(summary.index)
x = np.arange(len(variants))
for ax, model in zip(axes, models, strict=True):
    ax.bar(x - 0.2, summary[f"{model} train"], 0.4, color=PALETTE["blue"], label="training rows")
    ax.bar(
        x + 0.2, summary[f"{model} held-out"], 0.4, color=PALETTE["orange"], label="held-out months"
    )
    ax.axhline(
        base[f"{model} held-out"], color=PALETTE["black"], ls=":", lw=1.2, label="held-out, none"
    )
    ax.set_xticks(
        x, ["none", "in-sample\nmeans", "fit()\n.transform()", "fit_transform()\ncross-fit"]
    )
    ax.set_ylim(0.5, 1.0)
    ax.set_title(f"{model}: postcode encoding")
axes[0].set_ylabel("ROC AUC")
axes[0].legend(loc="upper left")
save_figure(fig, "feature-engineering/target_encoding_gap")

# Explorable: the logistic model with the same two target encoders, in-sample fit().transform()
# and cross-fitted fit_transform(), as the code gets rarer (more levels, fewer rows each). The
# 2,000-level point is the draw above, so its results are reused; the page only looks these up.
LEVELS = [10, 30, 100, 300, 1_000, N_CODES, 5_000, 20_000]
ENCODINGS = {"in-sample": "fit().transform()", "out-of-fold": "fit_transform()"}
curves = {kind: {"train": [], "held_out": []} for kind in ENCODINGS}
median_rows, levels_seen = [], []
X_numeric_train, X_numeric_held_out = train[NUMERIC].to_numpy(), held_out[NUMERIC].to_numpy()
for n_levels in LEVELS:
    drawn = np.random.default_rng(SEED).integers(n_levels, size=len(customers))  # as in setup
    code = table["customer_id"].map(dict(zip(customers, drawn, strict=True)))
    code_train, code_held_out = code[is_train].to_frame(), code[~is_train].to_frame()
    rows_per_level = code_train.value_counts()
    median_rows.append(rows_per_level.median())
    levels_seen.append(len(rows_per_level))
    if n_levels == N_CODES:
        assert (code_train.iloc[:, 0] == train["postcode"].str[1:].astype(int)).all()
        for kind, row in ENCODINGS.items():
            curves[kind]["train"].append(summary.loc[row, "logistic train"])
            curves[kind]["held_out"].append(summary.loc[row, "logistic held-out"])
        continue
    in_sample = TargetEncoder().fit(code_train, y_train)
    cross = TargetEncoder(cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED))
    encoded = {
        "in-sample": (in_sample.transform(code_train), in_sample.transform(code_held_out)),
        "out-of-fold": (cross.fit_transform(code_train, y_train), cross.transform(code_held_out)),
    }
    for kind, (enc_train, enc_held_out) in encoded.items():
        model = models["logistic"].fit(np.column_stack([X_numeric_train, enc_train]), y_train)
        p_train = model.predict_proba(np.column_stack([X_numeric_train, enc_train]))[:, 1]
        p_held_out = model.predict_proba(np.column_stack([X_numeric_held_out, enc_held_out]))[:, 1]
        curves[kind]["train"].append(roc_auc_score(y_train, p_train))
        curves[kind]["held_out"].append(roc_auc_score(y_held_out, p_held_out))
for kind in curves:
    curves[kind] = {k: np.array(v) for k, v in curves[kind].items()}
    curves[kind]["gap"] = curves[kind]["train"] - curves[kind]["held_out"]
leak, fixed_gap = curves["in-sample"]["gap"], curves["out-of-fold"]["gap"]
# In-sample, the rarer the level, the bigger the leak: no gap with hundreds of rows per level,
# a train-minus-held-out gap of more than 0.3 AUC when most levels have a handful of rows, and
# held-out AUC far below the model without the column.
assert np.all(np.diff(leak) > 0) and np.all(np.diff(median_rows) < 0)
assert leak[0] < gap["none"] + 0.02 and leak[-1] > gap["none"] + 0.3
assert curves["in-sample"]["held_out"][-1] < base["logistic held-out"] - 0.2
# Out-of-fold, the gap stays the model's own at every rarity; the noise column costs nothing.
assert np.all(np.abs(fixed_gap - gap["none"]) < 0.02)
assert np.all(np.abs(curves["out-of-fold"]["held_out"] - base["logistic held-out"]) < 0.01)
save_explorable(
    "feature-engineering/target_encoding_gap",
    {
        "levels": LEVELS,
        "levels_seen": levels_seen,
        "median_rows": median_rows,
        "curves": curves,
        "none": {
            "train": base["logistic train"],
            "held_out": base["logistic held-out"],
            "gap": gap["none"],
        },
        "start": LEVELS.index(N_CODES),
    },
)
