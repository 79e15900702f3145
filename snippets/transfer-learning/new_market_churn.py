"""Case study: a churn model for a market with few labels, from the markets we already have.

Lumen treats each country in turn as the "new market": its model may use only 300 labelled
customer-months from that country (about 17 churners), drawn from 2024, plus every 2024 row of
the other six countries. All models are scored on the new market's 2025 snapshots (ROC AUC).
Three choices: train on the 300 local rows only; apply the model trained on the other markets
as it is; or continue boosting that model on the local rows (LightGBM's `init_model`), the
tree-ensemble form of fine-tuning.
"""

import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

from churn_case_study import generate, training_table

SEED, N_LOCAL, REPEATS = 0, 300, 3
CUTOFF = pd.Timestamp("2025-01-01")  # train on 2024 snapshots, score 2025 ones

# --8<-- [start:setup]
table = training_table(generate(seed=SEED))
features = [
    c for c in table.columns if c not in ("customer_id", "snapshot_date", "churned", "country")
]
X = table[features].apply(lambda s: s.cat.codes if s.dtype == "category" else s.astype(float))
y = table["churned"].to_numpy()
train_period = (table["snapshot_date"] < CUTOFF).to_numpy()
params = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 15,
    "min_child_samples": 50,
    "num_threads": 1,
    "deterministic": True,
    "force_row_wise": True,
    "seed": SEED,
    "verbose": -1,
}
# --8<-- [end:setup]

# --8<-- [start:compare]
rng = np.random.default_rng(SEED)
rows = []
for country in ["GB", "DE", "IN", "CA", "BR", "FR"]:
    here = (table["country"] == country).to_numpy()
    source = train_period & ~here  # every 2024 row of the other six markets
    test = ~train_period & here  # the new market's 2025 snapshots
    other_markets = lgb.train(params, lgb.Dataset(X[source], y[source]), num_boost_round=200)
    for _ in range(REPEATS):
        local = rng.choice(np.flatnonzero(train_period & here), size=N_LOCAL, replace=False)
        X_local, y_local = X.iloc[local], y[local]
        local_only = lgb.train(
            {**params, "num_leaves": 7, "min_child_samples": 20},  # smaller: 300 rows
            lgb.Dataset(X_local, y_local),
            num_boost_round=100,
        )
        continued = lgb.train(  # 50 more trees, fitted to the local rows' residuals
            {**params, "learning_rate": 0.02, "min_child_samples": 20},
            lgb.Dataset(X_local, y_local),
            num_boost_round=50,
            init_model=other_markets,
        )
        rows.append(
            {
                "market": country,
                "local churners": y_local.sum(),
                "local only": roc_auc_score(y[test], local_only.predict(X[test])),
                "other markets": roc_auc_score(y[test], other_markets.predict(X[test])),
                "continued": roc_auc_score(y[test], continued.predict(X[test])),
            }
        )

auc = pd.DataFrame(rows).groupby("market", sort=False).mean()
churners = auc.pop("local churners").mean()
print(f"churners among the {N_LOCAL} local rows: {churners:.0f} on average")
# > churners among the 300 local rows: 17 on average
print(auc.to_string(float_format=lambda v: f"{v:.3f}"))
# >         local only  other markets  continued
# > market
# > GB           0.695          0.774      0.754
# > DE           0.674          0.771      0.751
# > IN           0.648          0.721      0.705
# > CA           0.713          0.782      0.771
# > BR           0.682          0.758      0.750
# > FR           0.743          0.759      0.756
print("mean:", ", ".join(f"{k} {v:.3f}" for k, v in auc.mean().items()))
# > mean: local only 0.692, other markets 0.761, continued 0.748
# --8<-- [end:compare]

# --8<-- [start:checks]
assert (auc["other markets"] > auc["local only"]).all(), "other markets win in every market"
assert (auc["other markets"] - auc["local only"]).mean() > 0.04, "by a clear margin"
assert (auc["continued"] < auc["other markets"]).all(), "boosting on ~17 churners overfits"
# --8<-- [end:checks]
