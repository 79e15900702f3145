"""Estimate bias², variance and noise by refitting polynomials on many training sets.

We know the true function, so we can do what is impossible on real data: draw thousands of
training sets from the same distribution, refit the model on each, and measure how the average
fit misses the truth (bias) and how much the fits scatter around their average (variance).
"""

import numpy as np
import pandas as pd

from guide_tools.explorables import save_explorable
from guide_tools.figures import PALETTE, new_figure, save_figure

RED = PALETTE["vermilion"]

# --8<-- [start:simulate]
SEED = 0
SIGMA = 0.5  # noise standard deviation: the irreducible error is SIGMA**2 = 0.25
N_TRAIN = 20  # points per training set
N_SETS = 2_000  # training sets drawn per degree
DEGREES = range(13)

rng = np.random.default_rng(SEED)


def true_f(x):
    return np.sin(2 * np.pi * x)


def design(x, degree):
    """Legendre polynomial features on [0, 1] (better conditioned than raw powers)."""
    return np.polynomial.legendre.legvander(2 * x - 1, degree)


x_train = np.linspace(0, 1, N_TRAIN)  # fixed inputs; each training set redraws the noise
x_test = np.linspace(0, 1, 101)
rows = []
for degree in DEGREES:
    # One column of Y per training set: lstsq fits all of them in one call.
    Y = true_f(x_train)[:, None] + rng.normal(0, SIGMA, (N_TRAIN, N_SETS))
    coef, *_ = np.linalg.lstsq(design(x_train, degree), Y, rcond=None)
    preds = (design(x_test, degree) @ coef).T  # shape (N_SETS, len(x_test))

    avg_fit = preds.mean(axis=0)  # E_D[f_hat(x)], estimated
    bias2 = np.mean((avg_fit - true_f(x_test)) ** 2)
    variance = np.mean(preds.var(axis=0))
    # A fresh noisy test label for every (training set, test point): the measured error.
    y_test = true_f(x_test) + rng.normal(0, SIGMA, preds.shape)
    noise = np.mean((y_test - true_f(x_test)) ** 2)
    mse_per_set = np.mean((y_test - preds) ** 2, axis=1)
    rows.append(
        {
            "degree": degree,
            "bias2": bias2,
            "variance": variance,
            "noise": noise,
            "sum": bias2 + variance + noise,
            "test_mse": mse_per_set.mean(),
            "se": mse_per_set.std(ddof=1) / np.sqrt(N_SETS),  # Monte Carlo standard error
        }
    )
table = pd.DataFrame(rows).set_index("degree")
print(table.to_string(float_format=lambda v: f"{v:.4f}"))
# >         bias2  variance  noise    sum  test_mse     se
# > degree
# > 0      0.4951    0.0121 0.2505 0.7577    0.7530 0.0018
# > 1      0.2078    0.0243 0.2505 0.4827    0.4828 0.0015
# > 2      0.2069    0.0349 0.2495 0.4913    0.4904 0.0015
# > 3      0.0052    0.0447 0.2507 0.3006    0.3007 0.0012
# > 4      0.0051    0.0549 0.2485 0.3085    0.3082 0.0012
# > 5      0.0001    0.0657 0.2492 0.3150    0.3146 0.0013
# > 6      0.0001    0.0773 0.2496 0.3269    0.3270 0.0014
# > 7      0.0000    0.0912 0.2496 0.3408    0.3404 0.0015
# > 8      0.0000    0.1027 0.2500 0.3527    0.3531 0.0015
# > 9      0.0000    0.1178 0.2490 0.3669    0.3657 0.0016
# > 10     0.0001    0.1353 0.2506 0.3860    0.3848 0.0018
# > 11     0.0001    0.1624 0.2496 0.4122    0.4110 0.0020
# > 12     0.0001    0.2070 0.2495 0.4566    0.4581 0.0027
# --8<-- [end:simulate]

# --8<-- [start:checks]
# 1. The three parts add up to the measured error. The identity is exact in expectation; what
#    is left is the cross term 2·mean(noise × (f_hat - f)), which has mean zero and shrinks like
#    1/sqrt(N_SETS). Four Monte Carlo standard errors bound it with room to spare.
gap = (table["sum"] - table["test_mse"]).abs()
assert (gap < 4 * table["se"]).all(), f"decomposition off by more than 4 SE:\n{gap / table['se']}"
# 2. The noise term is the irreducible error we put in, whatever the degree.
assert np.allclose(table["noise"], SIGMA**2, rtol=0.02), "noise estimate should be ~SIGMA**2"
# 3. Bias² never rises with degree (up to Monte Carlo slack); variance rises at every step.
assert (table["bias2"].diff().dropna() < 0.005).all(), "bias² should not rise with degree"
assert (table["variance"].diff().dropna() > 0).all(), "variance should rise with degree"
# sin(2πx) is odd about x = 0.5, so even-degree terms add nothing: bias² falls in steps.
b2 = table["bias2"]
assert abs(b2[2] - b2[1]) < 0.01 and b2[3] < b2[2] / 10, "bias² should drop at odd degrees"
# 4. So the test error is U-shaped: its minimum is at an interior degree.
best = table["test_mse"].idxmin()
assert 0 < best < max(DEGREES), f"best degree {best} should be interior"
print(f"lowest test MSE at degree {best}: bias² and variance balance there")
# > lowest test MSE at degree 3: bias² and variance balance there
# --8<-- [end:checks]

# The figure: the three parts, their sum and the measured error, by degree.
fig, ax = new_figure()
ax.plot(table.index, table["bias2"], "o-", color=PALETTE["blue"], label="bias²")
ax.plot(table.index, table["variance"], "s-", color=RED, label="variance")  # codespell:ignore
ax.plot(table.index, table["noise"], ":", color=PALETTE["black"], label="noise σ²")
ax.plot(
    table.index,
    table["sum"],
    "-",
    color=PALETTE["green"],
    lw=5,
    alpha=0.45,
    label="bias² + variance + noise",
)
ax.plot(table.index, table["test_mse"], "kx", ms=7, label="measured test MSE")
ax.axvline(best, color=PALETTE["black"], lw=1, ls="--")
ax.annotate(
    "lowest test error",
    (best, 0.15),
    xytext=(6, 0),
    textcoords="offset points",
    color=PALETTE["black"],
    va="center",
)
ax.set_xlabel("polynomial degree (model complexity)")
ax.set_ylabel("squared error, averaged over x")
ax.set_title(f"Bias-variance decomposition from {N_SETS:,} refits per degree")
ax.set_xticks(list(DEGREES))
ax.legend(loc="upper center", ncols=2)
save_figure(fig, "bias-variance/decomposition")

# The intuition figure: 25 refits at three degrees against the truth.
fig, axes = new_figure(1, 3, width=9, height=3.2, sharey=True)
grid = np.linspace(0, 1, 200)
for ax, degree in zip(axes, (1, 3, 12), strict=True):
    Y = true_f(x_train)[:, None] + rng.normal(0, SIGMA, (N_TRAIN, 25))
    coef, *_ = np.linalg.lstsq(design(x_train, degree), Y, rcond=None)
    fits = design(grid, degree) @ coef
    ax.plot(grid, fits, color=PALETTE["sky"], lw=0.8, alpha=0.6)
    ax.plot([], [], color=PALETTE["sky"], lw=0.8, label="25 refits")
    ax.plot(grid, fits.mean(axis=1), "--", color=RED, label="average of fits")  # codespell:ignore
    ax.plot(grid, true_f(grid), color=PALETTE["black"], label="true f(x)")
    ax.set_title(f"degree {degree}")
    ax.set_xlabel("x")
    ax.set_ylim(-2.2, 2.2)
axes[0].set_ylabel("prediction")
axes[0].legend(loc="lower left")
save_figure(fig, "bias-variance/refits")

# Explorable: the decomposition at each degree, plus the training error, for the page's degree
# slider (guide_tools.explorables; the page only looks these up). The simulation above did not
# keep its training sets, so replay its random stream: the same seed and the same draws in the
# same order give back exactly those training sets (about 0.3 s).
replay = np.random.default_rng(SEED)
train_mse = []
for degree in DEGREES:
    Y = true_f(x_train)[:, None] + replay.normal(0, SIGMA, (N_TRAIN, N_SETS))
    coef, *_ = np.linalg.lstsq(design(x_train, degree), Y, rcond=None)
    preds = (design(x_test, degree) @ coef).T
    replay.normal(0, SIGMA, preds.shape)  # the test labels' draw, to stay in step
    assert np.isclose(np.mean(preds.var(axis=0)), table.loc[degree, "variance"], rtol=1e-12)
    train_mse.append(np.mean((Y - design(x_train, degree) @ coef) ** 2))
train_mse = np.array(train_mse)
test_mse, parts = table["test_mse"].to_numpy(), table["sum"].to_numpy()
# The parts add up to the measured error at every degree, within Monte Carlo error, and their sum
# is U-shaped with the same interior minimum as the measured error.
assert (np.abs(parts - test_mse) < 4 * table["se"].to_numpy()).all()
assert table["sum"].idxmin() == best and 0 < best < max(DEGREES)
# Below the best degree, going up to it removes more bias² than it adds variance (underfitting);
# above it, going down removes more variance than it adds bias² (overfitting).
b2, var = table["bias2"], table["variance"]
assert all(b2[d] - b2[best] > var[best] - var[d] for d in DEGREES if d < best)
assert all(var[d] - var[best] > b2[best] - b2[d] for d in DEGREES if d > best)
# Nested least-squares fits on the same data: training error never rises with degree and sits
# below the test error, by more at every degree past the best. Once bias² is gone it is the noise
# left after fitting p = degree + 1 coefficients to n points: E[train MSE] = SIGMA² (1 - p / n).
assert (np.diff(train_mse) <= 1e-12).all() and (train_mse < test_mse).all()
assert np.diff(test_mse - train_mse)[best:].min() > 0
unbiased = np.array([d for d in DEGREES if b2[d] < 1e-3])
assert np.allclose(train_mse[unbiased], SIGMA**2 * (1 - (unbiased + 1) / N_TRAIN), rtol=0.03)
save_explorable(
    "bias-variance/decomposition",
    {
        "degrees": list(DEGREES),
        "bias2": table["bias2"].to_numpy(),
        "variance": table["variance"].to_numpy(),
        "noise": table["noise"].to_numpy(),
        "sum": parts,
        "test_mse": test_mse,
        "se": table["se"].to_numpy(),
        "train_mse": train_mse,
        "best": int(best),
        "n_sets": N_SETS,
        "start": 1,
    },
)
