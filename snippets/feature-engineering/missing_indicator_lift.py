"""Why a value is missing decides whether "it is missing" is a feature.

First we read the missingness in Lumen's training table: which gaps carry churn signal. Then,
because Lumen's generator blanks its survey answers at random, we simulate the survey we would
*expect* in production under each mechanism (MCAR, MAR, MNAR) and measure what a missing
indicator adds to a median-imputed logistic regression.
"""

import numpy as np
import pandas as pd
from scipy.special import expit
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline

from churn_case_study import clean_customers, generate, training_table

SEED = 0
data = generate(seed=SEED)
table = training_table(data)

# --8<-- [start:case_study]
rows = []
for column in ["age", "last_ticket_satisfaction", "days_since_last_event"]:
    missing = table[column].isna()
    rows.append(
        {
            "column": column,
            "missing": missing.mean(),
            "churn if missing": table.loc[missing, "churned"].mean(),
            "churn if present": table.loc[~missing, "churned"].mean(),
        }
    )
gaps = pd.DataFrame(rows).set_index("column")
print(gaps.to_string(float_format="{:.1%}".format))
# >                           missing  churn if missing  churn if present
# > column
# > age                         16.1%              5.1%              5.7%
# > last_ticket_satisfaction    86.7%              5.6%              6.0%
# > days_since_last_event        1.9%             16.4%              5.4%
# --8<-- [end:case_study]

# --8<-- [start:case_study_checks]
# age: birth years were blanked at random (MCAR): the gap says nothing about churn.
assert abs(gaps.loc["age", "churn if missing"] - gaps.loc["age", "churn if present"]) < 0.01
# days_since_last_event is missing when a customer has no event yet: informative, 3x the rate.
ratio = (
    gaps.loc["days_since_last_event", "churn if missing"]
    / gaps.loc["days_since_last_event", "churn if present"]
)
print(f"churn rate with no event yet: {ratio:.1f} times the rate with events")
# > churn rate with no event yet: 3.0 times the rate with events
assert 2.5 < ratio < 3.5, "no usage at all should be a strong churn signal"
# MAR in the raw events: durations go missing more often on web, an observed attribute.
events = data.usage_events.merge(clean_customers(data.customers)[["customer_id", "device"]])
by_device = events.groupby("device")["duration_minutes"].apply(lambda s: s.isna().mean())
print(by_device.to_string(float_format="{:.1%}".format))
# > device
# > android   2.0%
# > ios       1.9%
# > web       6.1%
assert by_device["web"] > 2 * by_device[["ios", "android"]].max()
# --8<-- [end:case_study_checks]

# --8<-- [start:mechanisms]
# A simulated satisfaction score s (low = unhappy), an observed attribute x correlated with it,
# and another churn driver z. Churn depends on s and z.
rng = np.random.default_rng(SEED)
n = 40_000
s = rng.normal(size=n)
x = 0.5 * s + np.sqrt(0.75) * rng.normal(size=n)
z = rng.normal(size=n)
churned = rng.random(n) < expit(-2.8 - 1.0 * s + 0.5 * z)
hidden = {  # about 35% of scores go missing, for three different reasons
    "MCAR": rng.random(n) < 0.35,  # a random outage drops answers
    "MAR": rng.random(n) < expit(-0.8 + 1.5 * x),  # depends on x, which we observe
    "MNAR": rng.random(n) < expit(-0.8 - 1.5 * s),  # unhappy customers skip the survey
}
fit, score = np.arange(n) < n // 2, np.arange(n) >= n // 2


def auc(model, X):
    model.fit(X[fit], churned[fit])
    return roc_auc_score(churned[score], model.predict_proba(X[score])[:, 1])


results = {}
for mechanism, gone in hidden.items():
    X = np.column_stack([np.where(gone, np.nan, s), x, z])
    imputer = SimpleImputer(strategy="median")
    results[mechanism] = {
        "hidden s, mean": s[gone].mean(),
        "imputed as": np.nanmedian(X[fit, 0]),
        "AUC imputed": auc(make_pipeline(imputer, LogisticRegression()), X),
        "AUC + indicator": auc(
            make_pipeline(
                SimpleImputer(strategy="median", add_indicator=True), LogisticRegression()
            ),
            X,
        ),
    }
summary = pd.DataFrame(results).T
summary["lift"] = summary["AUC + indicator"] - summary["AUC imputed"]
complete = auc(LogisticRegression(), np.column_stack([s, x, z]))
formats = {"hidden s, mean": "{:+.2f}", "imputed as": "{:+.2f}", "lift": "{:+.3f}"}
print(
    (summary.round(3) + 0.0).to_string(
        formatters={c: formats.get(c, "{:.3f}").format for c in summary.columns}
    )
)
# >      hidden s, mean imputed as AUC imputed AUC + indicator   lift
# > MCAR          +0.01      -0.01       0.737           0.740 +0.004
# > MAR           +0.35      -0.20       0.751           0.751 +0.000
# > MNAR          -0.68      +0.38       0.708           0.745 +0.036
print(f"no missing values at all: AUC {complete:.3f}")
# > no missing values at all: AUC 0.778
# --8<-- [end:mechanisms]

# --8<-- [start:mechanism_checks]
lift = summary["lift"]
assert lift["MNAR"] > 0.02, "under MNAR the gap itself says 'unhappy'"
assert lift["MNAR"] > 3 * max(lift["MCAR"], lift["MAR"], 0.0)
assert abs(lift["MCAR"]) < 0.01 and abs(lift["MAR"]) < 0.01
# Under MNAR the indicator wins back about half of the AUC that the gaps cost.
won_back = lift["MNAR"] / (complete - summary.loc["MNAR", "AUC imputed"])
print(f"MNAR: the indicator wins back {won_back:.0%} of the AUC lost to the gaps")
# > MNAR: the indicator wins back 52% of the AUC lost to the gaps
assert 0.35 < won_back < 0.65
# Median imputation is biased whenever the gaps are not MCAR: the hidden values differ.
assert summary.loc["MNAR", "hidden s, mean"] < summary.loc["MNAR", "imputed as"] - 0.5
assert summary.loc["MAR", "hidden s, mean"] > summary.loc["MAR", "imputed as"] + 0.3
assert abs(summary.loc["MCAR", "hidden s, mean"] - summary.loc["MCAR", "imputed as"]) < 0.05
# --8<-- [end:mechanism_checks]
