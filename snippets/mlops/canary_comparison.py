"""A canary release of the churn service: is the new version's error rate worse than stable's?

5% of customers are routed to the canary by a stable hash of their id, so a customer always
meets the same version. Every hour the canary's errors are compared with the stable version's by
an exact one-sided test (conditional binomial: given the total number of errors, how many should
fall on the canary's share of traffic?), at a significance level split over the six looks.
Then: how large a regression can such a canary detect at all?
"""

import hashlib

import numpy as np
from scipy import stats

from churn_case_study import generate

# --8<-- [start:routing]
HOURLY_REQUESTS, HOURS, CANARY_PERCENT = 20_000, 6, 5
ALPHA = 0.01 / HOURS  # six looks: Bonferroni keeps the false-rollback rate under 1%
STABLE_ERROR_RATE = 0.002


def in_canary(customer_id: str) -> bool:
    """Sticky routing. Not Python's hash(): it is salted differently in every process."""
    digest = hashlib.sha256(f"canary-v2:{customer_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100 < CANARY_PERCENT


customers = generate(seed=0).customers["customer_id"].unique()
canary_customer = np.array([in_canary(c) for c in customers])
rng = np.random.default_rng(0)
requests = rng.integers(0, len(customers), size=(HOURS, HOURLY_REQUESTS))  # who calls, hourly
canary_requests = canary_customer[requests].sum(axis=1)
stable_requests = HOURLY_REQUESTS - canary_requests
# Sample-ratio check on the unit that was randomised (customers), not on requests.
srm_p = stats.binomtest(int(canary_customer.sum()), len(customers), CANARY_PERCENT / 100).pvalue
print(
    f"canary: {canary_customer.mean():.2%} of customers (sample-ratio check p = {srm_p:.2f}), "
    f"{canary_requests.sum():,} of {requests.size:,} requests in {HOURS} hours"
)
# > canary: 5.20% of customers (sample-ratio check p = 0.52), 6,192 of 120,000 requests in 6 hours
# --8<-- [end:routing]


# --8<-- [start:test]
def canary_p_values(canary_errors, stable_errors, canary_n, stable_n):
    """One-sided exact test of 'canary error rate > stable', on cumulative counts."""
    total = canary_errors + stable_errors
    return stats.binom.sf(canary_errors - 1, total, canary_n / (canary_n + stable_n))


def run_canaries(canary_error_rate, rng, releases=1):
    """Simulate releases; return cumulative counts and the hour of rollback (0: promoted)."""
    canary_n, stable_n = np.cumsum(canary_requests), np.cumsum(stable_requests)
    canary_errors = rng.binomial(canary_requests, canary_error_rate, (releases, HOURS)).cumsum(1)
    stable_errors = rng.binomial(stable_requests, STABLE_ERROR_RATE, (releases, HOURS)).cumsum(1)
    alarm = canary_p_values(canary_errors, stable_errors, canary_n, stable_n) < ALPHA
    rollback_hour = np.where(alarm.any(axis=1), alarm.argmax(axis=1) + 1, 0)
    return canary_errors[0], stable_errors[0], rollback_hour


print("A canary with a bug that triples the error rate:")
# > A canary with a bug that triples the error rate:
canary_errors, stable_errors, rollback = run_canaries(3 * STABLE_ERROR_RATE, rng)
canary_n, stable_n = np.cumsum(canary_requests), np.cumsum(stable_requests)
p = canary_p_values(canary_errors, stable_errors, canary_n, stable_n)
for hour in range(rollback[0] or HOURS):
    print(
        f"hour {hour + 1}: canary {canary_errors[hour]:>2} errors in {canary_n[hour]:,} "
        f"({canary_errors[hour] / canary_n[hour]:.2%}), stable "
        f"{stable_errors[hour] / stable_n[hour]:.2%}, p = {p[hour]:.1e}"
    )
    # > hour 1: canary  7 errors in 989 (0.71%), stable 0.23%, p = 1.1e-02
    # > hour 2: canary 11 errors in 2,050 (0.54%), stable 0.23%, p = 1.4e-02
    # > hour 3: canary 22 errors in 3,120 (0.71%), stable 0.24%, p = 2.6e-05
print(f"rolled back after hour {rollback[0]} (threshold p < {ALPHA:.4f})")
# > rolled back after hour 3 (threshold p < 0.0017)
# --8<-- [end:test]

# --8<-- [start:power]
# How often does this canary catch a regression of each size? 2,000 simulated releases each.
caught = {}
for factor in (1, 1.5, 2, 3):
    caught[factor] = (run_canaries(factor * STABLE_ERROR_RATE, rng, 2_000)[2] > 0).mean()
    print(f"canary error rate {factor:>3}x stable: rolled back in {caught[factor]:.1%} of releases")
    # > canary error rate   1x stable: rolled back in 0.2% of releases
    # > canary error rate 1.5x stable: rolled back in 11.5% of releases
    # > canary error rate   2x stable: rolled back in 50.8% of releases
    # > canary error rate   3x stable: rolled back in 98.2% of releases
# --8<-- [end:power]

# --8<-- [start:checks]
assert srm_p > 0.01, "traffic reached the canary in the planned proportion"
assert 0 < rollback[0] <= HOURS, "the tripled error rate is caught within the six hours"
assert caught[1] < 0.01, "a healthy canary is rolled back less than 1% of the time"
assert caught[1.5] < 0.25 and 0.3 < caught[2] < 0.7 and caught[3] > 0.95
# --8<-- [end:checks]
