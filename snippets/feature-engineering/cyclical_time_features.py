"""Hour of day as a feature: raw integer, one-hot, sine and cosine, or periodic splines.

Lumen's reminder team wants the expected number of lesson starts per hour, to time push
notifications. The case-study generator spreads events evenly between 06:00 and midnight, so
it has no daily rhythm to learn; we simulate ten weeks of hourly counts with one: an evening
peak, a flat morning shoulder, still busy at 23:00, and 30% more on weekends. A Poisson
regression (log link) learns it from four encodings of the hour.
"""

import numpy as np
import pandas as pd
from sklearn.compose import make_column_transformer
from sklearn.linear_model import PoissonRegressor
from sklearn.metrics import mean_poisson_deviance
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, SplineTransformer

from guide_tools.figures import PALETTE, new_figure, save_figure

SEED = 0
rng = np.random.default_rng(SEED)

# --8<-- [start:data]
hours = pd.DataFrame({"time": pd.date_range("2025-03-03", periods=10 * 7 * 24, freq="h")})
hours["hour"] = hours["time"].dt.hour  # a date part: 0..23
hours["weekend"] = (hours["time"].dt.day_of_week >= 5).astype(float)  # another: Sat, Sun


def true_rate(hour, weekend):
    angle = 2 * np.pi * hour / 24
    return 120 * np.exp(
        0.9 * np.cos(angle - 2 * np.pi * 20.5 / 24)  # evening peak near 20:30
        + 0.35 * np.cos(2 * (angle - 2 * np.pi * 8 / 24))  # a second harmonic: the morning shoulder
        + np.log(1.3) * weekend
    )


hours["starts"] = rng.poisson(true_rate(hours["hour"], hours["weekend"]))
fit = hours["time"] < "2025-04-28"  # eight weeks to fit, the last two to score
# --8<-- [end:data]


# --8<-- [start:encodings]
def sin_cos(hour):
    angle = 2 * np.pi * np.asarray(hour, dtype=float) / 24
    return np.column_stack([np.sin(angle), np.cos(angle)])


hour_encodings = {
    "raw integer": "passthrough",
    "one-hot (24)": OneHotEncoder(),
    "sine + cosine": FunctionTransformer(sin_cos),
    "periodic spline": SplineTransformer(
        n_knots=9, knots=np.linspace(0, 24, 9).reshape(-1, 1), extrapolation="periodic"
    ),
}
scores, curves = {}, {}
grid = pd.DataFrame({"hour": np.arange(24), "weekend": 0.0})  # a weekday, hour by hour
truth = true_rate(np.arange(24), 0.0)
for name, encoding in hour_encodings.items():
    model = make_pipeline(
        make_column_transformer((encoding, ["hour"]), ("passthrough", ["weekend"])),
        PoissonRegressor(alpha=1e-4, max_iter=1_000),
    ).fit(hours[fit], hours.loc[fit, "starts"])
    predicted = model.predict(hours[~fit])
    scores[name] = mean_poisson_deviance(hours.loc[~fit, "starts"], predicted)
    curves[name] = model.predict(grid)
    error = np.abs(curves[name] - truth)
    deviance, worst = scores[name], error.argmax()
    print(f"{name:>16}: deviance {deviance:5.2f}, worst {worst:02d}:00, off by {error[worst]:5.1f}")
    # >      raw integer: deviance 38.06, worst 20:00, off by 149.8
    # >     one-hot (24): deviance  1.04, worst 21:00, off by   5.5
    # >    sine + cosine: deviance  8.75, worst 20:00, off by  73.0
    # >  periodic spline: deviance  1.04, worst 21:00, off by   4.1
# --8<-- [end:encodings]

# --8<-- [start:checks]
# The raw integer puts 23:00 and 00:00 at opposite ends of a line: by far the worst fit.
assert scores["raw integer"] > 3 * max(scores[n] for n in hour_encodings if n != "raw integer")
# One sine/cosine pair is one harmonic: the morning shoulder needs a second one.
assert scores["sine + cosine"] > 2 * scores["periodic spline"]
# The periodic spline matches one-hot with a third of the columns.
n_basis = hour_encodings["periodic spline"].fit(hours[["hour"]]).n_features_out_
print(f"periodic spline: {n_basis} basis functions against 24 one-hot columns")
# > periodic spline: 8 basis functions against 24 one-hot columns
assert n_basis == 8
assert scores["periodic spline"] < scores["one-hot (24)"] * 1.05
# --8<-- [end:checks]

fig, ax = new_figure(width=7.0, height=3.8)
weekday_fit = hours[fit & (hours["weekend"] == 0)]
observed = weekday_fit.groupby("hour")["starts"].mean()
ax.plot(
    observed.index,
    observed.to_numpy(),
    "o",
    color=PALETTE["black"],
    ms=4,
    label="observed weekday mean",
)
ax.plot(np.arange(24), truth, color=PALETTE["black"], lw=1, label="true rate")
styles = {"raw integer": "-", "one-hot (24)": "-", "sine + cosine": "--", "periodic spline": ":"}
colours = [PALETTE["vermilion"], PALETTE["orange"], PALETTE["blue"], PALETTE["green"]]
for (name, curve), colour in zip(curves.items(), colours, strict=True):
    # draw 24 = the next midnight, so a discontinuity at midnight is visible as a jump
    ax.plot(np.arange(25), np.append(curve, np.nan), styles[name], color=colour, label=name)
    ax.plot([23, 24], [curve[23], curve[0]], styles[name], color=colour, alpha=0.5)
ax.set_xticks([0, 4, 8, 12, 16, 20, 24], labels=["00", "04", "08", "12", "16", "20", "00"])
ax.set_xlabel("hour of day (weekdays)")
ax.set_ylabel("lesson starts per hour")
ax.set_title("Hour-of-day encodings in a Poisson regression")
ax.legend(loc="upper left", ncols=2, fontsize=9)
save_figure(fig, "feature-engineering/cyclical_hour")
