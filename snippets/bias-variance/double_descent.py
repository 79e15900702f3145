"""Double descent: the test error of minimum-norm least squares on random ReLU features, as the
number of features p sweeps through the number of training points n.

Classical U-curve while p < n, a spike at the interpolation threshold p = n, and a second
descent once p > n. A small ridge penalty removes the spike. Averaged over 10 seeds.
"""

import numpy as np
import pandas as pd

from guide_tools.figures import PALETTE, new_figure, save_figure

RED = PALETTE["vermilion"]

N_TRAIN, DIM, NOISE_SD, N_SEEDS, RIDGE = 100, 10, 0.2, 10, 0.1
P_GRID = np.array(
    [10, 20, 40, 60, 70, 80, 90, 95, 100, 105, 110, 125, 150, 200, 300, 500, 1_000, 2_000, 4_000]
)


# --8<-- [start:simulate]
def target(X, direction):
    z = X @ direction
    return np.sin(z) + 0.5 * z


def test_errors(seed):
    """Test MSE of min-norm and ridge fits on the first p random features, for every p."""
    rng = np.random.default_rng(seed)
    direction = rng.normal(size=DIM)
    direction /= np.linalg.norm(direction)
    X, X_test = rng.normal(size=(N_TRAIN, DIM)), rng.normal(size=(2_000, DIM))
    y = target(X, direction) + rng.normal(0, NOISE_SD, N_TRAIN)
    y_test = target(X_test, direction)  # noiseless: we measure error against f itself
    W = rng.normal(size=(DIM, P_GRID.max())) / np.sqrt(DIM)  # random, never trained
    rows = []
    for p in P_GRID:
        F, F_test = (np.maximum(Z @ W[:, :p], 0) / np.sqrt(p) for Z in (X, X_test))
        # lstsq returns the least-squares solution with the smallest norm; once p >= n it
        # interpolates the training data exactly.
        w_min_norm = np.linalg.lstsq(F, y, rcond=None)[0]
        w_ridge = F.T @ np.linalg.solve(F @ F.T + RIDGE * np.eye(N_TRAIN), y)  # dual ridge
        rows.append(
            {
                "p": p,
                "min_norm": np.mean((F_test @ w_min_norm - y_test) ** 2),
                "ridge": np.mean((F_test @ w_ridge - y_test) ** 2),
            }
        )
    return pd.DataFrame(rows)


curve = pd.concat([test_errors(seed) for seed in range(N_SEEDS)]).groupby("p").mean()
print(curve.to_string(float_format=lambda v: f"{v:.3f}"))
# >       min_norm  ridge
# > p
# > 10       0.645  0.639
# > 20       0.407  0.381
# > 40       0.315  0.234
# > 60       0.353  0.179
# > 70       0.494  0.161
# > 80       0.685  0.154
# > 90       1.348  0.149
# > 95       3.804  0.147
# > 100    386.929  0.144
# > 105      2.374  0.141
# > 110      1.707  0.137
# > 125      0.783  0.130
# > 150      0.467  0.126
# > 200      0.343  0.117
# > 300      0.274  0.113
# > 500      0.255  0.109
# > 1000     0.227  0.107
# > 2000     0.219  0.106
# > 4000     0.213  0.107
# --8<-- [end:simulate]

# --8<-- [start:checks]
peak = curve["min_norm"].idxmax()
first_dip = curve.loc[curve.index < N_TRAIN, "min_norm"].min()  # classical sweet spot
widest = curve["min_norm"].iloc[-1]  # p = 4,000 = 40 n
print(f"min-norm: peak at p={peak}; best p<n {first_dip:.3f}; at p={P_GRID[-1]} {widest:.3f}")
# > min-norm: peak at p=100; best p<n 0.315; at p=4000 0.213
assert 0.9 * N_TRAIN <= peak <= 1.1 * N_TRAIN, f"peak at p={peak}, expected near p=n"
assert widest < curve.loc[peak, "min_norm"] / 10, "error should fall far below the peak"
# In this setting the second descent ends below the classical sweet spot. Not a law: with
# more noise or worse features it can end above it.
assert widest < first_dip, "the over-parameterised fit should beat the best under-parameterised"
# A small ridge penalty removes the spike: no bump at p = n.
assert curve.loc[N_TRAIN, "ridge"] < curve.loc[curve.index < N_TRAIN, "ridge"].min()
assert curve.loc[N_TRAIN, "ridge"] < curve.loc[N_TRAIN, "min_norm"] / 10
# --8<-- [end:checks]

fig, ax = new_figure()
ax.plot(
    curve.index,
    curve["min_norm"],
    "o-",
    ms=4,
    color=RED,  # codespell:ignore
    label="min-norm least squares",
)
ax.plot(
    curve.index, curve["ridge"], "s-", ms=4, color=PALETTE["blue"], label=f"ridge (penalty {RIDGE})"
)
ax.axvline(N_TRAIN, color=PALETTE["black"], ls="--", lw=1)
ax.annotate(
    "p = n: interpolation threshold",
    (N_TRAIN, 30),
    xytext=(8, 0),
    textcoords="offset points",
    va="center",
)
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_xticks([10, 30, 100, 300, 1_000, 4_000], labels=["10", "30", "100", "300", "1,000", "4,000"])
ax.set_xlabel(f"number of random features p (n = {N_TRAIN} training points), log scale")
ax.set_ylabel("test MSE (log scale)")
ax.set_title(f"Double descent, mean of {N_SEEDS} seeds")
ax.legend(loc="upper left")
save_figure(fig, "bias-variance/double_descent")
