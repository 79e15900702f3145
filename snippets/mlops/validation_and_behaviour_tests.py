"""Tests an ML pipeline needs beyond unit tests: validate the data, then test the model's behaviour.

First a training-serving skew the case study invites: an online feature path that reads the raw
`customers` table and skips `clean_customers`, so "UK", "SOCIAL" or " Paid_Search" reach the
model. Nothing crashes; a validation step learned from the training data catches it. Then
behaviour tests on the model itself: directional expectations, an invariance, and a minimum
performance on every slice.
"""

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score

from churn_case_study import CATEGORICAL_COLUMNS, generate, training_table

data = generate(seed=0)
table = training_table(data)
X = table.drop(columns=["customer_id", "snapshot_date", "churned"])
y = table["churned"].to_numpy()
train = (table["snapshot_date"] < "2025-01-01").to_numpy()
model = HistGradientBoostingClassifier(max_iter=60, max_depth=3, random_state=0)
model.fit(X[train], y[train])


# --8<-- [start:validate]
def expectations(frame):
    """What the training data looked like: columns, category domains, ranges, null rates."""
    return {
        column: {"domain": set(values.dropna().astype(str))}
        if not pd.api.types.is_numeric_dtype(values) or values.dtype == bool
        else {"min": values.min(), "null_rate": values.isna().mean()}
        for column, values in frame.items()
    }


def validate(batch, expected, null_slack=0.05):
    problems = [f"missing column {c}" for c in expected if c not in batch]
    for column, rule in expected.items():
        if column not in batch:
            continue
        values = batch[column]
        if "domain" in rule:
            unseen = values.dropna().astype(str)
            unseen = unseen[~unseen.isin(rule["domain"])]
            if len(unseen):
                problems.append(
                    f"{column}: {len(unseen) / len(values):.1%} unseen values, "
                    f"e.g. {sorted(unseen.unique())[:2]}"
                )
        else:
            if values.isna().mean() > rule["null_rate"] + null_slack:
                problems.append(f"{column}: null rate {values.isna().mean():.1%}")
            if rule["min"] >= 0 and (values < 0).any():  # impossible, not merely new
                problems.append(f"{column}: negative values")
    return problems


expected = expectations(X[train])
june = (table["snapshot_date"] == "2025-06-01").to_numpy()
batch_path = X[june].astype({c: str for c in CATEGORICAL_COLUMNS})  # what the warehouse sends

raw = data.customers.drop_duplicates("customer_id").set_index("customer_id")
online_path = batch_path.copy()  # the same customers, categories read from the raw table
for column in ("country", "acquisition_channel"):
    online_path[column] = raw.loc[table.loc[june, "customer_id"], column].to_numpy()

print("batch path: ", validate(batch_path, expected) or "OK")
# > batch path:  OK
for problem in validate(online_path, expected):
    print("online path:", problem)
    # > online path: country: 2.9% unseen values, e.g. ['UK']
    # > online path: acquisition_channel: 4.3% unseen values, e.g. [' Organic', ' Paid_Search']
# --8<-- [end:validate]


# --8<-- [start:skew]
def as_model_input(frame):
    """Cast categories as in training; an unseen value becomes missing, silently."""
    out = frame.copy()
    for column, categories in CATEGORICAL_COLUMNS.items():
        out[column] = pd.Categorical(out[column].where(out[column].isin(categories)), categories)
    return out


batch_score = model.predict_proba(as_model_input(batch_path))[:, 1]
online_score = model.predict_proba(as_model_input(online_path))[:, 1]
change = np.abs(online_score - batch_score)
k = len(batch_score) // 10  # the retention team calls the top decile
top_overlap = len(set(np.argsort(-batch_score)[:k]) & set(np.argsort(-online_score)[:k])) / k
print(
    f"scores changed for {(change > 0).mean():.1%} of customers, by up to {change.max():.3f}; "
    f"top-decile overlap {top_overlap:.1%}; no error raised"
)
# > scores changed for 6.1% of customers, by up to 0.048; top-decile overlap 97.8%; no error raised
# --8<-- [end:skew]

# --8<-- [start:behaviour]
june_X = X[june]
p = model.predict_proba(june_X)[:, 1]


def risk_not_lower(**changes):
    """Directional expectation: share of customers whose risk does not fall after the change."""
    return (model.predict_proba(june_X.assign(**changes))[:, 1] >= p).mean()


payments = risk_not_lower(failed_payments_90d=2)
no_usage = risk_not_lower(events_30d=0, minutes_30d=0.0, days_since_last_event=30.0)
print(f"two failed payments: risk not lower for {payments:.1%}; no usage: {no_usage:.1%}")
# > two failed payments: risk not lower for 99.6%; no usage: 99.3%

# Invariance: the product has no reason to treat countries differently.
countries = june_X["country"].cat.categories
shift = max(
    np.quantile(np.abs(model.predict_proba(june_X.assign(country=c))[:, 1] - p), 0.95)
    for c in countries
)
print(f"every customer moved to one country: 95th-percentile score change ≤ {shift:.3f}")
# > every customer moved to one country: 95th-percentile score change ≤ 0.015

# Minimum functionality on every slice, over the six months after training.
h1 = table["snapshot_date"].between("2025-01-01", "2025-06-01").to_numpy()
p_h1 = model.predict_proba(X[h1])[:, 1]
auc = {
    f"{column}={value}": roc_auc_score(y[h1][rows], p_h1[rows])
    for column in ("plan", "acquisition_channel")
    for value in CATEGORICAL_COLUMNS[column]
    if (rows := (table.loc[h1, column] == value).to_numpy()).any()
}
worst, overall = min(auc, key=auc.get), roc_auc_score(y[h1], p_h1)
print(f"AUC Jan-Jun 2025: all customers {overall:.3f}, worst slice {worst} {auc[worst]:.3f}")
# > AUC Jan-Jun 2025: all customers 0.783, worst slice acquisition_channel=organic 0.750
# --8<-- [end:behaviour]

# --8<-- [start:checks]
assert validate(batch_path, expected) == [], "the clean path passes"
assert len(validate(online_path, expected)) == 2, "both raw categorical columns are flagged"
assert change.max() > 0.02 and top_overlap < 1, "the skew changes decisions, without an error"
assert payments >= 0.99 and no_usage >= 0.99, "directional expectations hold"
assert shift < 0.02, "country moves scores only slightly"
assert auc[worst] > overall - 0.05, "no slice is far below the whole"
# --8<-- [end:checks]
