"""How much does averaging M models cut variance? It depends on how correlated they are.

We simulate M ensemble members whose predictions at a point each have variance sigma² and
pairwise correlation rho, average them, and compare the variance of the average with the
formula rho·sigma² + (1 - rho)·sigma²/M. Then the voting version of the same question: the
accuracy of a majority vote of independent classifiers (Condorcet's jury theorem).
"""

import numpy as np
import pandas as pd
from scipy.stats import binom

from guide_tools.figures import PALETTE, new_figure, save_figure

SEED = 0
rng = np.random.default_rng(SEED)


# --8<-- [start:simulate]
def simulate_members(n_draws, n_members, rho, sigma, rng):
    """Member predictions with variance sigma² and pairwise correlation rho.

    Each member is a shared part (what every member gets wrong the same way) plus its own
    independent part: z_m = sqrt(rho)·S + sqrt(1 - rho)·E_m, scaled by sigma.
    """
    shared = rng.standard_normal((n_draws, 1))
    own = rng.standard_normal((n_draws, n_members))
    return sigma * (np.sqrt(rho) * shared + np.sqrt(1 - rho) * own)


def variance_of_mean(rho, sigma, m):
    return rho * sigma**2 + (1 - rho) * sigma**2 / m


SIGMA, N_DRAWS = 1.0, 20_000
RHOS, SIZES = [0.0, 0.2, 0.5, 0.8], [1, 2, 5, 10, 25, 100]
rows = []
for rho in RHOS:
    for m in SIZES:
        members = simulate_members(N_DRAWS, m, rho, SIGMA, rng)
        rows.append({"rho": rho, "M": m, "simulated": members.mean(axis=1).var(),
                     "formula": variance_of_mean(rho, SIGMA, m)})  # fmt: skip
result = pd.DataFrame(rows)
table = result.pivot_table(index="M", columns="rho", values="simulated")
table.columns = [f"rho={rho}" for rho in table.columns]
print("variance of the average of M members (sigma² = 1), simulated:")
# > variance of the average of M members (sigma² = 1), simulated:
print(table.to_string(float_format=lambda v: f"{v:.3f}"))
# >      rho=0.0  rho=0.2  rho=0.5  rho=0.8
# > M
# > 1      1.015    0.984    1.007    0.989
# > 2      0.500    0.597    0.744    0.903
# > 5      0.199    0.353    0.594    0.844
# > 10     0.099    0.281    0.540    0.810
# > 25     0.040    0.231    0.524    0.806
# > 100    0.010    0.208    0.514    0.813
# --8<-- [end:simulate]

# --8<-- [start:checks]
# The formula holds: every simulated value is within 5% of it (the Monte Carlo error of a
# variance estimated from 20,000 draws is about 1%).
relative_error = (result["simulated"] / result["formula"] - 1).abs()
assert relative_error.max() < 0.05, f"simulation disagrees with the formula: {relative_error.max()}"
# Independent members: variance falls like 1/M, a hundredfold cut at M = 100...
assert table.loc[100, "rho=0.0"] < 0.012
# ...correlated members: it stalls at the floor rho·sigma², however many members you add.
for rho in RHOS[1:]:
    assert abs(table.loc[100, f"rho={rho}"] - rho) < 0.05 * rho + 0.01, f"floor at rho={rho}"
# Most of the gain comes early: with rho = 0.5, ten members already get within 10% of the floor.
assert table.loc[10, "rho=0.5"] < 1.1 * 0.5
# --8<-- [end:checks]

# --8<-- [start:majority_vote]
# The voting version: M independent classifiers, each right with probability p. The majority
# (M odd) is right when more than half are: a binomial tail.
votes = pd.DataFrame(
    {f"p={p}": [binom.sf(m // 2, m, p) for m in (1, 3, 11, 101)] for p in (0.45, 0.6, 0.7)},
    index=pd.Index([1, 3, 11, 101], name="M"),
)
print("accuracy of a majority vote of M independent classifiers:")
# > accuracy of a majority vote of M independent classifiers:
print(votes.to_string(float_format=lambda v: f"{v:.3f}"))
# >      p=0.45  p=0.6  p=0.7
# > M
# > 1     0.450  0.600  0.700
# > 3     0.425  0.648  0.784
# > 11    0.367  0.753  0.922
# > 101   0.156  0.979  1.000
# Better than chance and independent: the vote gets better with M. Worse than chance: worse.
assert votes["p=0.6"].is_monotonic_increasing and votes["p=0.45"].is_monotonic_decreasing
assert abs(votes.loc[3, "p=0.7"] - (0.7**3 + 3 * 0.7**2 * 0.3)) < 1e-12
# --8<-- [end:majority_vote]

# Figure: variance of the average against M, for each rho; dotted floors at rho·sigma².
fig, ax = new_figure(width=8.0, height=3.8)
grid = np.unique(np.geomspace(1, 100, 60).round().astype(int))
colours = [PALETTE[c] for c in ("blue", "green", "orange", "vermilion")]
for rho, colour in zip(RHOS, colours, strict=True):
    sim = result[result["rho"] == rho]
    ax.plot(grid, variance_of_mean(rho, SIGMA, grid), color=colour, label=f"ρ = {rho}")
    ax.plot(sim["M"], sim["simulated"], "o", color=colour, ms=5)
    if rho > 0:
        ax.axhline(rho, color=colour, ls=":", lw=1)
ax.plot([], [], color=PALETTE["black"], label="formula")
ax.plot([], [], "o", color=PALETTE["black"], ms=5, label="simulated")
ax.plot([], [], ":", color=PALETTE["black"], lw=1, label="floor ρσ²")
ax.set_xscale("log")
ax.set_xticks(SIZES, [str(m) for m in SIZES])
ax.set_xlabel("number of members M (log scale)")
ax.set_ylabel("variance of the average (σ² = 1)")
ax.set_title("Averaging helps until the shared error is all that is left")
ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
save_figure(fig, "ensembles/variance_vs_correlation")
