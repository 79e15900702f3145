"""SHAP values for the churn model: additivity in log-odds, the two TreeSHAP modes, two plots.

We explain the gradient-boosted churn model (XGBoost) for the customer it is most worried about
in the December 2025 snapshot, check that the base value plus the SHAP values reproduces the
model's output exactly, compare TreeSHAP's tree-path-dependent and interventional modes, and
draw a waterfall (one customer) and a beeswarm (1,000 held-out rows).
"""

import matplotlib as mpl
import numpy as np
import pandas as pd
import shap
import xgboost as xgb
from scipy.special import expit

from churn_case_study import generate, training_table
from guide_tools.explorables import save_explorable
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

# --8<-- [start:model]
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
customer = december.loc[[risk.idxmax()]]  # the customer the model is most worried about
print(f"{table.loc[customer.index[0], 'customer_id']}: churn probability {risk.max():.2f}")
# > C004637: churn probability 0.75
# --8<-- [end:model]

# --8<-- [start:additivity]
explainer = shap.TreeExplainer(model)  # no background data: "tree_path_dependent" in shap 0.51
rows = pd.concat([customer, X_test.sample(1_000, random_state=SEED)])
explanation = explainer(rows)
shap_values = explanation.values  # noqa: PD011 (a shap Explanation, not a DataFrame)
margin = model.predict(rows, output_margin=True)  # the model's raw output: log-odds
reconstructed = explanation.base_values + shap_values.sum(axis=1)
assert np.allclose(reconstructed, margin, atol=1e-4), "local accuracy: base + SHAP = output"
assert np.allclose(expit(margin), model.predict_proba(rows)[:, 1], atol=1e-6)
base, phi = explanation.base_values[0], shap_values[0]
print(
    f"base value {base:.3f} + SHAP values {phi.sum():+.3f} = {base + phi.sum():.3f} log-odds"
    f" = probability {expit(base + phi.sum()):.3f}"
)
# > base value -2.925 + SHAP values +4.029 = 1.104 log-odds = probability 0.751
# --8<-- [end:additivity]

# --8<-- [start:modes]
interventional = shap.TreeExplainer(model, data=X_train.sample(500, random_state=SEED))
assert interventional.feature_perturbation == "interventional"  # "auto" chose it: data given
background = interventional.data  # shap kept only 100 of the 500 rows (the masker's default)
assert background.shape[0] == 100
ex_int = interventional(customer)
phi_int = ex_int.values[0]  # noqa: PD011
assert np.isclose(ex_int.base_values[0] + phi_int.sum(), margin[0], atol=1e-4)
mean_output = model.predict(pd.DataFrame(background, columns=X.columns), output_margin=True)
assert np.isclose(ex_int.base_values[0], mean_output.mean(), atol=1e-4), "base = E[f(X)]"
both = pd.DataFrame(
    {"feature value": customer.iloc[0], "path_dependent": phi, "interventional": phi_int}
)
top = both.reindex(both["path_dependent"].abs().sort_values(ascending=False).index).head(6)
print(f"base values: path-dependent {base:.3f}, interventional {ex_int.base_values[0]:.3f}")
# > base values: path-dependent -2.925, interventional -3.474
print(top.to_string(float_format=lambda v: f"{v:.3f}"))
# >                        feature value  path_dependent  interventional
# > failed_payments_90d            2.000           1.538           1.496
# > events_30d                     0.000           0.817           1.024
# > tickets_90d                    2.000           0.584           0.537
# > minutes_30d                    0.000           0.451           0.568
# > days_since_last_event            NaN           0.395           0.502
# > tenure_days                   11.000          -0.316          -0.255
# --8<-- [end:modes]

# --8<-- [start:mode_checks]
# Both modes are exact Shapley values of the same model, for different value functions, so
# both add up to the same output from different baselines, and individual credits differ.
difference = (both["path_dependent"] - both["interventional"]).abs()
assert difference.max() > 0.1, "the two modes should disagree on some feature"
assert top.index[0] == both["interventional"].idxmax(), "but agree on the biggest push here"
# The base values differ too. Interventional: the mean output over the background rows.
# Path-dependent: a cover-weighted average, and XGBoost's cover is a sum of Hessians p(1 - p),
# not a row count, so it sits well above the plain average output over the training rows.
train_mean = model.predict(X_train, output_margin=True).mean()
print(f"mean log-odds over all training rows: {train_mean:.3f}")
# > mean log-odds over all training rows: -3.521
assert abs(ex_int.base_values[0] - train_mean) < 0.15, "100 rows estimate the mean well"
assert base - train_mean > 0.3, "the path-dependent base is not the average output"
# Explaining the probability instead: additive in probability, interventional mode only.
in_probability = shap.TreeExplainer(model, data=background, model_output="probability")
ex_p = in_probability(customer)
assert np.isclose(ex_p.base_values[0] + ex_p.values[0].sum(), risk.max(), atol=1e-4)  # noqa: PD011
# --8<-- [end:mode_checks]

# --8<-- [start:global]
mean_abs = pd.Series(np.abs(shap_values[1:]).mean(axis=0), X.columns)
print(mean_abs.sort_values(ascending=False).head(5).to_string(float_format=lambda v: f"{v:.3f}"))
# > events_30d              0.489
# > minutes_prev_30d        0.280
# > days_since_last_event   0.233
# > tenure_days             0.193
# > minutes_30d             0.172
# Reading the beeswarm: the fewer the events, the higher the SHAP value (inactivity adds risk).
events_shap = pd.Series(shap_values[1:, X.columns.get_loc("events_30d")])
assert events_shap.corr(pd.Series(rows["events_30d"].to_numpy()[1:]), method="spearman") < -0.5
# --8<-- [end:global]

# Figure 1: waterfall for the flagged customer, drawn in the house style.
order = np.argsort(-np.abs(phi))
shown, rest = order[:8], order[8:]
labels = [f"{X.columns[j]} = {customer.iloc[0, j]:g}".replace("nan", "missing") for j in shown]
labels.append(f"{len(rest)} other features")
values = np.append(phi[shown], phi[rest].sum())
fig, ax = new_figure(width=8, height=4.8)
position = base
for k, value in enumerate(values):
    colour = PALETTE["vermilion"] if value > 0 else PALETTE["blue"]
    ax.barh(k, value, left=position, color=colour, height=0.7)
    ax.text(
        position + value + (0.03 if value > 0 else -0.03),
        k,
        f"{value:+.2f}",
        va="center",
        ha="left" if value > 0 else "right",
        fontsize=9,
    )
    position += value
ax.set_yticks(range(len(labels)), labels=labels)
ax.invert_yaxis()
ax.axvline(base, color=PALETTE["black"], ls=":", lw=1, label=f"base value {base:.2f}")
ax.axvline(
    position,
    color=PALETTE["black"],
    ls="--",
    lw=1,
    label=f"this customer: {position:.2f} (p = {expit(position):.2f})",
)
ax.set_xlim(base - 0.3, position + 0.5)
ax.legend(loc="lower left")
ax.set_xlabel("model output, log-odds of churn")
customer_id = table.loc[customer.index[0], "customer_id"]
ax.set_title(f"SHAP waterfall for customer {customer_id}")
ax.set_axisbelow(True)
ax.grid(axis="y", visible=False)
save_figure(fig, "interpretability/shap_waterfall")

# Figure 2: beeswarm over the 1,000 held-out rows, top 10 features by mean |SHAP|.
held = shap_values[1:]
top10 = mean_abs.sort_values(ascending=False).index[:10]
cmap = mpl.colors.LinearSegmentedColormap.from_list("lh", [PALETTE["blue"], PALETTE["orange"]])
rng = np.random.default_rng(SEED)
fig, ax = new_figure(width=8, height=5.2)
for k, name in enumerate(top10):
    j = X.columns.get_loc(name)
    values_j = rows.iloc[1:, j].to_numpy(dtype=float)
    colour_rank = pd.Series(values_j).rank(pct=True).to_numpy()  # NaN stays NaN: grey
    jitter = k + rng.uniform(-0.3, 0.3, len(values_j))
    missing = np.isnan(values_j)
    ax.scatter(held[missing, j], jitter[missing], s=6, color="#9a9a9a")
    points = ax.scatter(
        held[~missing, j], jitter[~missing], s=6, c=colour_rank[~missing], cmap=cmap, vmin=0, vmax=1
    )
ax.set_yticks(range(10), labels=list(top10))
ax.invert_yaxis()
ax.axvline(0, color=PALETTE["black"], lw=0.8)
ax.set_xlabel("SHAP value (log-odds of churn)")
ax.set_title("SHAP beeswarm: 1,000 held-out rows (grey = missing)")
bar = fig.colorbar(points, ax=ax, ticks=[0, 1])
bar.ax.set_yticklabels(["low", "high"])
bar.set_label("feature value (percentile)")
ax.grid(axis="y", visible=False)
save_figure(fig, "interpretability/shap_beeswarm")

# Explorable: the waterfall of ten customers from low to high risk (the flagged one and nine
# held-out rows at quantiles of predicted risk), reusing the SHAP values computed above.
risk_rows = expit(margin)
held_order = 1 + np.argsort(risk_rows[1:], kind="stable")
picks = [0] + [held_order[round(q * 999)] for q in (0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1)]
picks = sorted(picks, key=lambda i: risk_rows[i])


def shown_value(row, name):
    """A feature's value as the page shows it: category names, yes/no, "missing" for NaN."""
    value = table.loc[row, name]
    if pd.isna(value):
        return "missing"
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if name in CATEGORICAL:
        return str(value)
    text = f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 1_000 else f"{value:.4g}"
    return text.replace("-", "\u2212")


customers = []
for i in picks:
    row, phi_i = rows.index[i], shap_values[i]
    by_size = np.argsort(-np.abs(phi_i), kind="stable")
    top8, others = by_size[:8], by_size[8:]
    customers.append(
        {
            "id": table.loc[row, "customer_id"],
            "month": table.loc[row, "snapshot_date"].strftime("%b %Y"),
            "output": margin[i],
            "probability": risk_rows[i],
            "push": phi_i.sum(),
            "features": top8,
            "values": [shown_value(row, X.columns[j]) for j in top8],
            "shap": phi_i[top8],
            "other": phi_i[others].sum(),
        }
    )
    # Additivity, for every exported customer: base + shown bars + the rest = the model's output.
    assert np.isclose(base + phi_i[top8].sum() + phi_i[others].sum(), margin[i], atol=1e-4)
assert len({c["id"] for c in customers}) == len(picks) == 10, "ten different customers"
assert customers[-1]["id"] == customer_id and np.ptp(explanation.base_values) == 0  # one base
assert list(customers[-1]["features"]) == list(shown), "the static figure's bars, in its order"
assert customers[0]["probability"] < 0.005 and customers[-1]["probability"] > 0.7
# The lesson the hint states: one feature, both directions. Many events push the three least
# risky customers down; few push the three riskiest up. And the top reason differs between them.
events = X.columns.get_loc("events_30d")
assert all(shap_values[i, events] < -0.3 for i in picks[:3])
assert all(shap_values[i, events] > 0.3 for i in picks[-3:])
assert len({X.columns[c["features"][0]] for c in customers}) >= 4, "different top reasons"
save_explorable(
    "interpretability/shap_waterfall",
    {
        "base": base,
        "feature_names": list(X.columns),
        "other_count": len(X.columns) - 8,
        "flagged": customer_id,
        "customers": customers,
    },
)
