"""Peeking: check an A/A test every day and stop at the first p < 0.05. How often do you "win"?

A daily product experiment at Lumen (say, a new lesson recommender; metric: did the user
complete a lesson that day, baseline 30%), 28 days, 200 new users per arm per day. Every
experiment here is an A/A test, so every "significant" result is a false positive. We compare
three ways of reading the same data: peeking with a fixed-horizon z-test, the fixed-horizon test
read once at the end, and an always-valid mSPRT p-value (Johari et al., 2017) read every day.
"""

import numpy as np
from scipy.stats import norm

from guide_tools.figures import PALETTE, new_figure, save_figure

SEED = 0
rng = np.random.default_rng(SEED)


# --8<-- [start:peeking]
P0, DAYS, PER_DAY, N_SIMS, ALPHA = 0.30, 28, 200, 20_000, 0.05  # baseline 30%, 200/arm/day


def cumulative_counts(p_treatment: float):
    """Conversions so far in each arm after each day, for every simulated experiment."""
    a = rng.binomial(PER_DAY, P0, (N_SIMS, DAYS)).cumsum(axis=1)
    b = rng.binomial(PER_DAY, p_treatment, (N_SIMS, DAYS)).cumsum(axis=1)
    return a, b, PER_DAY * np.arange(1, DAYS + 1)  # and users per arm so far


def z_test_p(a, b, n):
    """Two-sided pooled two-proportion z-test, as if each day were the planned end."""
    pooled = (a + b) / (2 * n)
    return 2 * norm.sf(np.abs((b - a) / n) / np.sqrt(pooled * (1 - pooled) * 2 / n))


aa = cumulative_counts(P0)  # A/A: no effect anywhere
p_daily = z_test_p(*aa)
peeking = np.logical_or.accumulate(p_daily < ALPHA, axis=1)  # stopped at a p < 0.05 so far?
one_look = p_daily[:, -1] < ALPHA  # the same test, read once on the planned day
print(f"false positives: peek daily {peeking[:, -1].mean():.1%}, one look {one_look.mean():.1%}")
# > false positives: peek daily 27.8%, one look 5.0%
mc_se = np.sqrt(ALPHA * (1 - ALPHA) / N_SIMS)  # Monte Carlo standard error at 5%: 0.15 points
assert peeking[:, -1].mean() > 3 * ALPHA, "daily peeking more than triples the error rate"
assert peeking[:, 6].mean() > 2 * ALPHA, "a week of daily looks already doubles it"
assert abs(one_look.mean() - ALPHA) < 3 * mc_se, "one planned look holds 5%"
# --8<-- [end:peeking]


# --8<-- [start:msprt]
TAU = 0.02  # mixture scale: the size of effect we expect (here, a couple of points)


def msprt_p(a, b, n, tau=TAU):
    """Always-valid p-values: mSPRT with a N(0, tau²) mixture over the effect (Johari et al.).

    For an estimated difference d with variance v: Λ = sqrt(v/(v+τ²)) exp(τ²d² / (2v(v+τ²))),
    and p after each look is min(1, 1 / the largest Λ so far), so it can only go down."""
    pa, pb = a / n, b / n
    v, d = (pa * (1 - pa) + pb * (1 - pb)) / n, pb - pa
    log_lr = 0.5 * np.log(v / (v + tau**2)) + tau**2 * d**2 / (2 * v * (v + tau**2))
    return np.minimum(1, np.exp(-np.maximum.accumulate(log_lr, axis=1)))


p_always = msprt_p(*aa)
print(f"false positives, mSPRT peeked daily: {(p_always[:, -1] < ALPHA).mean():.1%}")
# > false positives, mSPRT peeked daily: 0.9%
assert (p_always[:, -1] < ALPHA).mean() < ALPHA / 2, "holds 5% with room to spare, daily looks"

# The price: with a real effect of +2.5 points (about this design's MDE at 80% power), it
# rejects less often by day 28 than the one planned look, though it may stop early.
ab = cumulative_counts(P0 + 0.025)
power_one_look, p_always_ab = (z_test_p(*ab)[:, -1] < ALPHA).mean(), msprt_p(*ab)
power_msprt = (p_always_ab[:, -1] < ALPHA).mean()
stop_day = np.argmax(p_always_ab < ALPHA, axis=1)[p_always_ab[:, -1] < ALPHA] + 1
msg = f"power at +2.5 points: one look {power_one_look:.0%}, mSPRT {power_msprt:.0%}"
print(f"{msg}; mSPRT's median day of rejection {np.median(stop_day):.0f}")
# > power at +2.5 points: one look 82%, mSPRT 52%; mSPRT's median day of rejection 18
assert 0.75 < power_one_look < 0.9, "the planned test has about 80% power at this effect"
assert power_msprt < power_one_look, "always-valid inference costs power at the planned horizon"
assert np.median(stop_day) < 0.75 * DAYS, "but when it rejects, it usually stops well before day 28"
# --8<-- [end:msprt]

fig, ax = new_figure(width=7, height=3.8)
days = np.arange(1, DAYS + 1)
ax.plot(days, peeking.mean(axis=0), color=PALETTE["vermilion"], label="z-test, peek daily")
ax.plot(days, (p_always < ALPHA).mean(axis=0), color=PALETTE["blue"], label="mSPRT, peek daily")
ax.plot([DAYS], [one_look.mean()], "D", color=PALETTE["green"], ms=8)
ax.annotate(
    "z-test, one look on day 28",
    (DAYS, one_look.mean()),
    xytext=(-10, 18),
    textcoords="offset points",
    ha="right",
)
ax.axhline(ALPHA, color=PALETTE["black"], ls=":", lw=1, label="the promised 5%")
ax.set_xlabel("day of the experiment")
ax.set_ylabel("A/A tests declared significant")
ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
ax.set_ylim(0, None)
ax.set_title(f"{N_SIMS:,} A/A tests: share declared significant so far")
ax.legend(loc="upper left")
save_figure(fig, "ab-testing/peeking")
