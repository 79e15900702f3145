"""Trust checks before reading a result: a sample ratio mismatch, and A/A tests of the pipeline.

Same experiment as snippets/ab-testing/retention_experiment.py, but here the offer does nothing
(an A/A-like truth), and the analysis table is built from a buggy exposure log: control
customers are logged when they are assigned, offer customers only when the in-app offer banner
renders, that is when they open the app. Customers who never come back are missing from one arm
only. The chi-square test on the arm counts catches it; the "lift" it manufactures is pure bias.
"""

import hashlib

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.ensemble import HistGradientBoostingClassifier

from churn_case_study import clean_usage_events, generate, training_table

SEED = 0
START, N_COHORTS, FLAG_SHARE = pd.Timestamp("2025-07-01"), 4, 0.30
SRM_ALPHA = 0.01  # a sanity check, so stricter than 0.05; platforms often use 0.001

# The experiment's units, exactly as in retention_experiment.py.
data = generate(seed=SEED)
table = training_table(data)
X = table.drop(columns=["customer_id", "snapshot_date", "churned"])
closed = table["snapshot_date"] + pd.Timedelta(days=30) <= START
model = HistGradientBoostingClassifier(random_state=SEED).fit(X[closed], table["churned"][closed])
live = table["snapshot_date"].isin(pd.date_range(START, periods=N_COHORTS, freq="MS"))
scored = table[live].assign(risk=model.predict_proba(X[live])[:, 1])
rank = scored.groupby("snapshot_date")["risk"].rank(ascending=False, pct=True)
units = (
    scored[rank <= FLAG_SHARE]
    .sort_values(["snapshot_date", "customer_id"])
    .drop_duplicates("customer_id", ignore_index=True)
)


def arm(customer_id: str, salt: str = "retention-offer-2025-07") -> int:
    digest = hashlib.sha256(f"{salt}:{customer_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % 2


treated = units["customer_id"].map(arm).to_numpy()
kept = (units["churned"] == 0).to_numpy()  # the offer does nothing: retention as it happened

# Did the customer open the app in the 30 days after entering? (The banner needs a visit.)
events = clean_usage_events(data.usage_events)[["customer_id", "event_time"]]
visits = units[["customer_id", "snapshot_date"]].merge(events, on="customer_id")
since = visits["event_time"] - visits["snapshot_date"]
visits = visits[(since >= pd.Timedelta(0)) & (since < pd.Timedelta(days=30))]
came_back = units["customer_id"].isin(visits["customer_id"]).to_numpy()

# --8<-- [start:srm]
logged = (treated == 0) | came_back  # the bug: offer-arm rows exist only after a visit
t, c = logged & (treated == 1), logged & (treated == 0)
counts = np.array([t.sum(), c.sum()])
chi2, p_srm = stats.chisquare(counts)  # expected: equal counts under the designed 50/50 split
lift = kept[t].mean() - kept[c].mean()
print(f"analysis table: {counts[0]:,} offer vs {counts[1]:,} control; SRM p = {p_srm:.4f}")
# > analysis table: 782 offer vs 893 control; SRM p = 0.0067
print(f"apparent retention lift {100 * lift:+.1f} points from an offer that does nothing")
# > apparent retention lift +6.5 points from an offer that does nothing
assert p_srm < SRM_ALPHA and lift > 0.04, "SRM flagged; the bias is larger than our MDE"
dropped = (treated == 1) & ~came_back
assert (~kept[dropped]).mean() > 0.5, "the missing customers are mostly churners"
assert p_srm > 0.001, "a strict platform threshold would miss it at this sample size"

# The fix: analyse everyone as assigned (intent to treat), from the assignment log.
t_itt, c_itt = treated == 1, treated == 0
p_itt = stats.chisquare([t_itt.sum(), c_itt.sum()]).pvalue
itt = kept[t_itt].mean() - kept[c_itt].mean()
print(f"as assigned: {t_itt.sum():,} vs {c_itt.sum():,}; SRM p = {p_itt:.2f}")
# > as assigned: 866 vs 893; SRM p = 0.52
print(f"lift {100 * itt:+.1f} points")
# > lift +1.1 points
assert p_itt > 0.1 and abs(itt) < 0.02, "no SRM and no lift when analysed as assigned"
# --8<-- [end:srm]

# --8<-- [start:aa]
# A/A tests of the whole pipeline: 500 fresh salts, no offer, the same z-test and SRM check.
salts = [f"aa-{i}" for i in range(500)]
arms = np.array([[arm(cid, s) for cid in units["customer_id"]] for s in salts], dtype=bool)
n1, n0 = arms.sum(axis=1), (~arms).sum(axis=1)
k1, k0 = arms @ kept.astype(float), ~arms @ kept.astype(float)
pooled = (k1 + k0) / (n1 + n0)
z = (k1 / n1 - k0 / n0) / np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0))
p_metric = 2 * stats.norm.sf(np.abs(z))
p_ratio = stats.chisquare(np.stack([n1, n0]), axis=0).pvalue
aa_rates = (p_metric < 0.05).mean(), (p_ratio < SRM_ALPHA).mean()
print("A/A runs: lift p < 0.05 in {:.1%}, SRM p < 0.01 in {:.1%}".format(*aa_rates))
# > A/A runs: lift p < 0.05 in 6.2%, SRM p < 0.01 in 1.0%
assert 0.025 < (p_metric < 0.05).mean() < 0.08, "about 5% false positives, as designed"
assert stats.kstest(p_metric, "uniform").pvalue > 0.01, "A/A p-values look uniform"
assert (p_ratio < SRM_ALPHA).mean() < 0.03, "the hash splits 50/50 up to chance"
# --8<-- [end:aa]
