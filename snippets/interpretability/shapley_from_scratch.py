"""Shapley values from their definition, against TreeSHAP and KernelSHAP.

Part 1 computes exact Shapley values for a five-feature churn model by enumerating every
coalition, and checks that TreeSHAP (interventional) returns the same numbers. Part 2 estimates
the full model's values with KernelSHAP, the model-agnostic sampler, and measures its error.
"""

from contextlib import contextmanager
from itertools import combinations
from math import factorial

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


def churn_model():
    return xgb.XGBClassifier(
        n_estimators=300,
        max_depth=4,
        learning_rate=0.05,
        subsample=0.8,
        colsample_bytree=0.8,
        n_jobs=1,
        random_state=SEED,
    )


X, y = churn_features(table), table["churned"]
train = (table["snapshot_date"] < "2025-07-01").to_numpy()
X_train, y_train = X[train], y[train]
model = churn_model().fit(X_train, y_train)
december = X[table["snapshot_date"] == "2025-12-01"]
customer = december.iloc[[np.argmax(model.predict_proba(december)[:, 1])]]  # C004637 again
background = X_train.sample(50, random_state=SEED)

# --8<-- [start:exact]
SMALL = ["events_30d", "failed_payments_90d", "tickets_90d", "tenure_days", "minutes_prev_30d"]
small = churn_model().fit(X_train[SMALL], y_train)
FEATURES = [*SMALL, "age"]  # the model never sees age: a dummy player


def f(rows):  # the game's payoff: the small model's log-odds
    return small.predict(rows[SMALL], output_margin=True)


def value(coalition):
    """v(S): features in S take the customer's values, the rest come from the background."""
    rows = background[FEATURES].copy()
    for name in coalition:
        rows[name] = customer[name].iloc[0]
    return f(rows).mean()  # "interventional": other features drawn from their marginal


M = len(FEATURES)
v = {frozenset(S): value(S) for k in range(M + 1) for S in combinations(FEATURES, k)}  # 64


def shapley(i):
    """phi_i = sum over S not containing i of |S|! (M - |S| - 1)! / M! * (v(S + i) - v(S))."""
    others = [name for name in FEATURES if name != i]
    total = 0.0
    for k in range(M):
        weight = factorial(k) * factorial(M - k - 1) / factorial(M)
        for S in map(frozenset, combinations(others, k)):
            total += weight * (v[S | {i}] - v[S])
    return total


exact = pd.Series({i: shapley(i) for i in FEATURES})
tree = shap.TreeExplainer(small, data=background[SMALL])(customer[SMALL])
tree_phi = pd.Series(tree.values[0], SMALL)  # noqa: PD011
comparison = pd.DataFrame({"exact": exact, "TreeSHAP": tree_phi}, index=FEATURES)
print(comparison.to_string(float_format=lambda x: f"{x:.4f}", na_rep="(not a feature)"))
# >                       exact        TreeSHAP
# > events_30d           2.0387          2.0387
# > failed_payments_90d  1.1956          1.1956
# > tickets_90d         -0.1519         -0.1519
# > tenure_days         -0.6451         -0.6451
# > minutes_prev_30d     0.4211          0.4211
# > age                  0.0000 (not a feature)
# --8<-- [end:exact]

# --8<-- [start:properties]
full_output, empty = f(customer)[0], v[frozenset()]
assert np.allclose(comparison["exact"][SMALL], comparison["TreeSHAP"][SMALL], atol=1e-5)
assert np.isclose(exact.sum(), full_output - empty, atol=1e-5), "efficiency"
assert np.isclose(tree.base_values[0], empty, atol=1e-5), "base value = v(empty set) = E[f]"
assert exact["age"] == 0.0, "dummy: a feature the model ignores gets exactly zero"
print(f"f(x) - v(empty) = {full_output:.4f} - ({empty:.4f}) = {exact.sum():.4f} = sum of phi")
# > f(x) - v(empty) = -0.5912 - (-3.4496) = 2.8583 = sum of phi
# --8<-- [end:properties]


# --8<-- [start:kernel]
@contextmanager
def numpy_global_seed(seed):
    """KernelExplainer draws from NumPy's global generator: seed it, then restore it."""
    state = np.random.get_state()  # noqa: NPY002
    np.random.seed(seed)  # noqa: NPY002
    try:
        yield
    finally:
        np.random.set_state(state)  # noqa: NPY002


def full_log_odds(rows):
    return model.predict(pd.DataFrame(rows, columns=X.columns), output_margin=True)


reference = shap.TreeExplainer(model, data=background)(customer).values[0]  # noqa: PD011
runs = []
for l1_reg in ("num_features(10)", False):  # the first is KernelExplainer's default
    for nsamples in (200, 2_000):
        for seed in (0, 1):
            with numpy_global_seed(seed):
                kernel = shap.KernelExplainer(full_log_odds, background.to_numpy())
                estimate = kernel.shap_values(
                    customer.to_numpy(), nsamples=nsamples, l1_reg=l1_reg, silent=True
                )[0]
            runs.append(
                {
                    "l1_reg": str(l1_reg),
                    "nsamples": nsamples,
                    "seed": seed,
                    "model_calls": nsamples * len(background),
                    "nonzero": int((estimate != 0).sum()),
                    "max_error": np.abs(estimate - reference).max(),
                }
            )
runs = pd.DataFrame(runs)
print(runs.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
# >           l1_reg  nsamples  seed  model_calls  nonzero  max_error
# > num_features(10)       200     0        10000       10      0.130
# > num_features(10)       200     1        10000       10      0.273
# > num_features(10)      2000     0       100000       10      0.130
# > num_features(10)      2000     1       100000       10      0.130
# >            False       200     0        10000       17      0.039
# >            False       200     1        10000       17      0.066
# >            False      2000     0       100000       17      0.013
# >            False      2000     1       100000       17      0.009
# --8<-- [end:kernel]

# --8<-- [start:kernel_checks]
default, unpenalised = runs[runs["l1_reg"] != "False"], runs[runs["l1_reg"] == "False"]
# The default keeps at most 10 features and the error does not shrink with more samples.
assert (default["nonzero"] <= 10).all() and (default["max_error"] > 0.1).all()
# Without it, KernelSHAP converges to the exact values as samples grow...
by_size = unpenalised.groupby("nsamples")["max_error"].max()
assert by_size[2_000] < by_size[200] / 2 and by_size[2_000] < 0.02
# ...and with few samples the answer depends on the seed.
few = unpenalised[unpenalised["nsamples"] == 200]["max_error"]
assert abs(few.iloc[0] - few.iloc[1]) > 0.01, "different seeds, different estimates"
# --8<-- [end:kernel_checks]
