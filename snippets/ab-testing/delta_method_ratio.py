"""A ratio metric randomised by user: minutes per session, with the delta method.

Lumen tests a new lesson player, randomising customers. The metric is minutes per session
(a session here is a customer's active day), a ratio of two sums over customers. Sessions of one
customer are alike, so treating sessions as independent rows understates the variance. The delta
method gives the right standard error; a bootstrap over customers checks it, and A/A splits of
the real November 2025 usage show what the wrong one does to the false-positive rate.
"""

import numpy as np
from scipy.stats import norm

from churn_case_study import clean_usage_events, generate

SEED = 0
data = generate(seed=SEED)
events = clean_usage_events(data.usage_events)

# --8<-- [start:sessions]
november = events[(events["event_time"] >= "2025-11-01") & (events["event_time"] < "2025-12-01")]
sessions = (
    november.assign(day=november["event_time"].dt.floor("D"))
    .groupby(["customer_id", "day"])["duration_minutes"]
    .sum()  # NaN durations count as 0 minutes
)
per_user = sessions.groupby("customer_id").agg(
    minutes="sum", sessions="size", sq=lambda m: (m**2).sum()
)
S, N = per_user["minutes"].to_numpy(), per_user["sessions"].to_numpy(float)
print(
    f"{len(S):,} customers, {len(sessions):,} sessions, {S.sum() / N.sum():.2f} minutes per session"
)
# > 2,902 customers, 23,287 sessions, 8.52 minutes per session
# --8<-- [end:sessions]


# --8<-- [start:delta]
def ratio_se_delta(S, N):
    """SE of sum(S)/sum(N) over n i.i.d. users: first-order Taylor (delta method)."""
    n, r = len(S), S.sum() / N.sum()
    cov = np.cov(S, N)  # the user is the unit: variances and covariance across users
    return np.sqrt((cov[0, 0] - 2 * r * cov[0, 1] + r**2 * cov[1, 1]) / (n * N.mean() ** 2))


def ratio_se_naive(sessions):
    """The mistake: every session an independent observation."""
    return sessions.std(ddof=1) / np.sqrt(len(sessions))


rng = np.random.default_rng(SEED)
boot = rng.integers(0, len(S), (2_000, len(S)))  # resample customers, not sessions
se_boot = (S[boot].sum(axis=1) / N[boot].sum(axis=1)).std(ddof=1)
se_delta, se_naive = ratio_se_delta(S, N), ratio_se_naive(sessions)
print(f"SE: delta {se_delta:.4f}, bootstrap over customers {se_boot:.4f}, naive {se_naive:.4f}")
# > SE: delta 0.1034, bootstrap over customers 0.1046, naive 0.0750
assert abs(se_delta / se_boot - 1) < 0.1, "delta method matches the bootstrap"
assert se_naive < 0.8 * se_delta, "sessions-as-rows understates the SE"
# --8<-- [end:delta]

# --8<-- [start:aa]
# 4,000 A/A splits of the customers: the true effect is 0, so p < 0.05 should happen 5% of the time.
arms = rng.random((4_000, len(S))) < 0.5
by_arm = {}
for name, a in [("B", arms), ("A", ~arms)]:
    n, s, m, q = a.sum(axis=1), a @ S, a @ N, a @ per_user["sq"].to_numpy()
    s2, m2, sm = a @ S**2, a @ N**2, a @ (S * N)
    r = s / m
    var_s, var_m = (s2 - s**2 / n) / (n - 1), (m2 - m**2 / n) / (n - 1)
    cov_sm = (sm - s * m / n) / (n - 1)
    delta_var = (var_s - 2 * r * cov_sm + r**2 * var_m) / (n * (m / n) ** 2)
    naive_var = (q - s**2 / m) / (m - 1) / m  # session-level variance / number of sessions
    by_arm[name] = r, delta_var, naive_var
(rb, db, nb), (ra, da, na) = by_arm["B"], by_arm["A"]
fpr_delta = (2 * norm.sf(np.abs(rb - ra) / np.sqrt(db + da)) < 0.05).mean()
fpr_naive = (2 * norm.sf(np.abs(rb - ra) / np.sqrt(nb + na)) < 0.05).mean()
print(f"A/A false-positive rate: delta method {fpr_delta:.1%}, sessions as rows {fpr_naive:.1%}")
# > A/A false-positive rate: delta method 4.9%, sessions as rows 16.0%
assert 0.035 < fpr_delta < 0.065 and fpr_naive > 3 * 0.05, "naive: more than triple the 5%"
# --8<-- [end:aa]
