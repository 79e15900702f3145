"""Partial dependence and ICE curves for the churn model, and where the PDP stops being true.

We ask the model how churn risk moves with `days_since_last_event`. ICE curves show it per
customer, the PDP is their average. Past 30 days the PDP is averaging impossible customers: it
sets "last event 45 days ago" while keeping each customer's events in the last 30 days.
"""

from itertools import pairwise

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.inspection import partial_dependence

from churn_case_study import generate, training_table
from guide_tools.figures import PALETTE, new_figure, save_figure

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
X_train, y_train, X_test = X[train], y[train], X[~train]
model = xgb.XGBClassifier(
    n_estimators=300,
    max_depth=4,
    learning_rate=0.05,
    subsample=0.8,
    colsample_bytree=0.8,
    n_jobs=1,
    random_state=SEED,
).fit(X_train, y_train)

# --8<-- [start:pdp_ice]
FEATURE = "days_since_last_event"
rows = X_test.sample(400, random_state=SEED).astype(float)  # sklearn refuses integer columns here
grid = np.arange(0.0, 61.0, 2.0)  # the default grid would stop at the 95th percentile (~17 days)
result = partial_dependence(
    model, rows, [FEATURE], kind="both", custom_values={FEATURE: grid}
)  # probability of churn, from predict_proba
ice, pdp = result["individual"][0], result["average"][0]  # (400, 31) curves and their mean
centred = ice - ice[:, [0]]  # c-ICE: each curve's change from 0 days
rise = centred[:, grid == 28].ravel()  # change in risk from 0 to 28 days, per customer
print(f"PDP: {pdp[grid == 0][0]:.3f} at 0 days, {pdp[grid == 28][0]:.3f} at 28 days")
# > PDP: 0.047 at 0 days, 0.066 at 28 days
median, top_tenth = np.median(rise), np.quantile(rise, 0.9)
print(f"rise from 0 to 28 days: median {median:+.3f}, 90th percentile {top_tenth:+.3f}")
# > rise from 0 to 28 days: median +0.016, 90th percentile +0.056
# --8<-- [end:pdp_ice]

# --8<-- [start:off_support]
# Past 30 days, a real customer cannot have events in the last 30 days. The PDP's synthetic
# rows keep each customer's own events_30d, so almost all of them are impossible.
impossible = (rows["events_30d"] > 0).mean()
far = grid > 30
# What the model predicts for the real customers who have been away that long.
scored = X_test.assign(risk=model.predict_proba(X_test)[:, 1])
away = scored[scored[FEATURE].between(30, 60, inclusive="neither")]
print(f"synthetic rows past 30 days that are impossible: {impossible:.0%}")
# > synthetic rows past 30 days that are impossible: 96%
print(
    f"past 30 days: PDP {pdp[far].mean():.3f}; the model on the {len(away)} real customers "
    f"{away['risk'].mean():.3f}"
)
# > past 30 days: PDP 0.073; the model on the 174 real customers 0.310
# --8<-- [end:off_support]

# --8<-- [start:checks]
assert pdp[grid == 28][0] > pdp[grid == 0][0], "on average, risk rises with days away"
assert top_tenth > 3 * median > 0, "the average hides customers whose risk rises far more"
assert impossible > 0.9, "past 30 days the PDP averages mostly impossible rows"
assert away["risk"].mean() > 3 * pdp[far].mean(), "and understates the real customers' risk"
# --8<-- [end:checks]

# The figure: ICE curves, their average (the PDP), the impossible region, and real customers.
fig, ax = new_figure(width=8, height=4.4)
ax.axvspan(30, 60, color="#e6e6e6", lw=0)
ax.text(45, 0.33, f"impossible for {impossible:.0%}\nof these synthetic rows", ha="center")
for curve in ice[:120]:
    ax.plot(grid, curve, color=PALETTE["sky"], lw=0.6, alpha=0.5)
ax.plot([], [], color=PALETTE["sky"], lw=0.6, label="ICE: one customer each (120 of 400)")
ax.plot(grid, pdp, color=PALETTE["black"], lw=2.5, label="PDP: the average of the ICE curves")
edges = [0, 2, 5, 10, 15, 20, 25, 30, 40, 60]
binned = scored.groupby(pd.cut(scored[FEATURE], edges), observed=True)["risk"].mean()
middles = [(a + b) / 2 for a, b in pairwise(edges)]
ax.plot(middles, binned, "o", color=PALETTE["vermilion"], label="model's mean, real customers")
ax.set_xlim(0, 60)
ax.set_ylim(0, 0.45)
ax.set_xlabel("days since last event")
ax.set_ylabel("predicted probability of churn")
ax.set_title("Partial dependence and ICE for days_since_last_event")
ax.legend(loc="upper left")
save_figure(fig, "interpretability/pdp_ice")
