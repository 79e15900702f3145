"""Reason codes and counterfactuals for one customer the churn model flags.

The retention team calls the riskiest 5% of customers each month and wants two things for each
call: the main reasons for the score, in words an agent can use, and what would have to change
for the customer to drop out of the call list. Reason codes come from grouped SHAP values;
counterfactuals from a search over changes the company can actually make.
"""

from itertools import product

import numpy as np
import pandas as pd
import shap
import xgboost as xgb

from churn_case_study import generate, training_table

SEED = 0
table = training_table(generate(seed=SEED))
CATEGORICAL = ["plan", "country", "acquisition_channel", "device"]


def churn_features(table):
    """Numeric feature matrix: category codes, booleans as 0/1, missing values kept as NaN."""
    X = table.drop(columns=["customer_id", "snapshot_date", "churned"])
    X[CATEGORICAL] = X[CATEGORICAL].apply(lambda column: column.cat.codes)
    return X.astype({"discount_active": int, "is_returning": int})


X, y = churn_features(table), table["churned"]
train = (table["snapshot_date"] < "2025-07-01").to_numpy()
X_train, y_train = X[train], y[train]
model = xgb.XGBClassifier(
    n_estimators=300,
    max_depth=4,
    learning_rate=0.05,
    subsample=0.8,
    colsample_bytree=0.8,
    n_jobs=1,
    random_state=SEED,
).fit(X_train, y_train)
december = X[table["snapshot_date"] == "2025-12-01"]
risk = pd.Series(model.predict_proba(december)[:, 1], december.index)
threshold = risk.quantile(0.95)  # the call list: the riskiest 5% this month
customer = december.loc[[risk.idxmax()]]  # C004637, as in the SHAP section

# --8<-- [start:reason_codes]
GROUPS = {  # correlated or related features explain together; SHAP values add up
    "usage": [
        "events_30d",
        "minutes_30d",
        "minutes_prev_30d",
        "minutes_trend",
        "days_since_last_event",
    ],
    "billing": ["failed_payments_90d"],
    "support": ["tickets_90d", "open_tickets", "last_ticket_satisfaction"],
    "lifecycle": ["tenure_days", "discount_active", "is_returning"],
    "plan": ["plan", "monthly_price"],
    "profile": ["age", "country", "device", "acquisition_channel"],  # never shown as a reason
}
TEXT = {
    "usage": "Little or no use of the app in the last 30 days",
    "billing": "Recent failed payments",
    "support": "Recent support tickets",
    "lifecycle": "Early in the subscription or a discount ending",
    "plan": "Plan and price",
}
phi = pd.Series(shap.TreeExplainer(model)(customer).values[0], X.columns)  # noqa: PD011
grouped = pd.Series({group: phi[members].sum() for group, members in GROUPS.items()})
assert np.isclose(grouped.sum(), phi.sum()), "grouping keeps additivity"
reasons = grouped.drop("profile")
reasons = reasons[reasons > 0].sort_values(ascending=False).head(3)
print(f"risk {risk.max():.2f}, call-list threshold {threshold:.2f}")
# > risk 0.75, call-list threshold 0.15
for rank, (group, value) in enumerate(reasons.items(), start=1):
    print(f"{rank}. {TEXT[group]:<50} (SHAP {value:+.2f} log-odds)")
    # > 1. Little or no use of the app in the last 30 days    (SHAP +2.07 log-odds)
    # > 2. Recent failed payments                             (SHAP +1.54 log-odds)
    # > 3. Recent support tickets                             (SHAP +0.57 log-odds)
# --8<-- [end:reason_codes]

# --8<-- [start:counterfactual]
# Changes the company can make; tenure, country, device, age and channel stay as they are.
minutes_per_event = (
    X_train["minutes_30d"] / X_train["events_30d"].where(X_train["events_30d"] > 0)
).median()


def apply(row, fix_payment, events, discount):
    row = row.copy()
    if fix_payment:  # card updated, failed charges recovered
        row["failed_payments_90d"] = 0
    if events:  # onboarding works: usage features change together, coherently
        row["events_30d"] = events
        row["minutes_30d"] = round(events * minutes_per_event, 1)
        row["days_since_last_event"] = 2.0
        row["minutes_trend"] = np.log1p(row["minutes_30d"]) - np.log1p(row["minutes_prev_30d"])
    if discount:  # a retention discount
        row["discount_active"] = 1
    return row


candidates = []
for fix_payment, events, discount in product((False, True), (0, 1, 2, 4, 8), (False, True)):
    changed = apply(customer, fix_payment, events, discount)
    candidates.append(
        {
            "fix_payment": fix_payment,
            "events_30d": events,
            "discount": discount,
            "levers": int(fix_payment) + int(events > 0) + int(discount),
            "risk": model.predict_proba(changed)[0, 1],
        }
    )
candidates = pd.DataFrame(candidates)
off_list = candidates[candidates["risk"] < threshold].sort_values(["levers", "events_30d"])
print(off_list.head(4).to_string(index=False, float_format=lambda v: f"{v:.3f}"))
# >  fix_payment  events_30d  discount  levers  risk
# >         True           4     False       2 0.100
# >         True           8     False       2 0.049
# >         True           1      True       3 0.129
# >         True           2      True       3 0.133
# --8<-- [end:counterfactual]

# --8<-- [start:checks]
# Grouping changes the story: feature by feature, failed payments push hardest; as a group,
# the five usage features push harder.
assert phi.idxmax() == "failed_payments_90d" and reasons.index[0] == "usage"
# No single lever is enough. Payment plus enough usage is; adding a discount needs less usage.
single = candidates[candidates["levers"] == 1]
assert (single["risk"] >= threshold).all(), "one change does not take this customer off the list"
pairs = off_list[off_list["levers"] == 2]
assert pairs["fix_payment"].all() and pairs["events_30d"].min() == 4
triples = off_list[off_list["levers"] == 3]
assert triples["events_30d"].min() < pairs["events_30d"].min(), "a trade-off, not one answer"
# --8<-- [end:checks]

# --8<-- [start:monotone]
fixed = candidates[candidates["fix_payment"] & ~candidates["discount"]].set_index("events_30d")
print(
    f"payment fixed, 1 event: {fixed.loc[1, 'risk']:.3f}; 2 events: {fixed.loc[2, 'risk']:.3f}; "
    f"4 events: {fixed.loc[4, 'risk']:.3f}"
)
# > payment fixed, 1 event: 0.149; 2 events: 0.160; 4 events: 0.100
assert fixed.loc[2, "risk"] > fixed.loc[1, "risk"], "more use, higher risk: not monotone"
# --8<-- [end:monotone]
