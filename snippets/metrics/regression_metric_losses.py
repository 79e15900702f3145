"""Each regression metric rewards a different forecast: forecasting next month's minutes.

Lumen's content team wants each active customer's listening minutes next month. We train the
same model with two losses, add a deliberately low forecast, and score all three with MAE,
RMSE, R² and the mean absolute percentage error. Then we find the best *constant* forecast
under each metric: the statistic each metric secretly asks for.
"""

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import (
    mean_absolute_error,
    mean_absolute_percentage_error,
    r2_score,
    root_mean_squared_error,
)

from churn_case_study import generate, training_table

SEED = 0
table = training_table(generate(seed=SEED))
# Target: the same customer's minutes_30d at the next monthly snapshot (if still active).
following = table[["customer_id", "snapshot_date", "minutes_30d"]].rename(
    columns={"minutes_30d": "minutes_next"}
)
following["snapshot_date"] -= pd.DateOffset(months=1)
data = table.merge(following, on=["customer_id", "snapshot_date"])
month = data["snapshot_date"]
train, test = month < pd.Timestamp("2025-07-01"), month >= pd.Timestamp("2025-10-01")
X = data.drop(columns=["customer_id", "snapshot_date", "churned", "minutes_next"])
y = data["minutes_next"].to_numpy()
y_test = y[test]

# --8<-- [start:models]
forecasts = {}
for loss in ("squared_error", "absolute_error"):
    model = HistGradientBoostingRegressor(loss=loss, random_state=SEED).fit(X[train], y[train])
    forecasts[loss] = model.predict(X[test])
forecasts["absolute_error x 0.8"] = 0.8 * forecasts["absolute_error"]  # a low-balled forecast

positive = y_test > 0  # percentage errors divide by the actual value
metrics = pd.DataFrame(
    {
        name: {
            "MAE": mean_absolute_error(y_test, f),
            "RMSE": root_mean_squared_error(y_test, f),
            "R2": r2_score(y_test, f),
            "MAPE_all": mean_absolute_percentage_error(y_test, f),  # every row
            "MAPE_pos": mean_absolute_percentage_error(y_test[positive], f[positive]),  # y > 0
        }
        for name, f in forecasts.items()
    }
).T
print(f"{(~positive).sum()} of {len(y_test):,} test targets are exactly 0 minutes")
# > 82 of 5,141 test targets are exactly 0 minutes
print(metrics.to_string(float_format=lambda v: f"{v:.3g}"))
# >                       MAE  RMSE    R2  MAPE_all  MAPE_pos
# > squared_error        35.9  52.5 0.527  1.86e+15      2.04
# > absolute_error       35.3  54.1 0.497   1.4e+15      1.65
# > absolute_error x 0.8 37.2  59.6  0.39  1.12e+15      1.35
# --8<-- [end:models]

# --8<-- [start:checks]
best = metrics.idxmin()
# Each model wins the metric that matches its training loss...
assert best["RMSE"] == "squared_error" and best["MAE"] == "absolute_error"
# ...R² is 1 - MSE / Var(y) on the same rows, so it ranks models exactly as RMSE does...
assert list(metrics["R2"].rank(ascending=False)) == list(metrics["RMSE"].rank())
# ...and the percentage error prefers the forecast that is worse on MAE and RMSE: it punishes
# forecasting too high more than too low. With zeros in y it is astronomically large:
# scikit-learn divides by max(|y|, machine epsilon) instead of failing.
assert best["MAPE_pos"] == "absolute_error x 0.8"
low, fitted = metrics.loc["absolute_error x 0.8"], metrics.iloc[:2]
assert low["MAE"] > fitted["MAE"].max() and low["RMSE"] > fitted["RMSE"].max()
assert (metrics["MAPE_all"] > 1e10).all()
# --8<-- [end:checks]

# --8<-- [start:constants]
grid = np.linspace(0, 200, 4_001)  # candidate constant forecasts, 0.05 minutes apart
yp = y_test[positive]
mae = np.abs(yp[:, None] - grid).mean(axis=0)
rmse = np.sqrt(((yp[:, None] - grid) ** 2).mean(axis=0))
pct = (np.abs(yp[:, None] - grid) / yp[:, None]).mean(axis=0)
print(f"mean {yp.mean():.2f}, median {np.median(yp):.2f} (rows with y > 0)")
# > mean 72.83, median 50.20 (rows with y > 0)
for name, loss in {"RMSE": rmse, "MAE": mae, "MAPE_pos": pct}.items():
    print(f"best constant under {name}: {grid[np.argmin(loss)]:.2f} minutes")
    # > best constant under RMSE: 72.85 minutes
    # > best constant under MAE: 50.20 minutes
    # > best constant under MAPE_pos: 2.40 minutes
# --8<-- [end:constants]
assert abs(grid[np.argmin(rmse)] - yp.mean()) < 0.05
assert abs(grid[np.argmin(mae)] - np.median(yp)) < 0.5
# The percentage error's best constant is a median weighted by 1/y, far below the median.
assert grid[np.argmin(pct)] < 0.5 * np.median(yp)
