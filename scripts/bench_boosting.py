"""Time XGBoost, LightGBM and scikit-learn's HistGradientBoosting on the churn table.

Usage: python scripts/bench_boosting.py [--customers N] [--trees N] [--repeats N] [--exact]

Same data (the case study's training table, snapshots up to May 2025), same budget (a fixed
number of trees, learning rate 0.05, 31 leaves grown leaf-wise, L2 penalty 1, no early
stopping), one thread and then every core. Prints the median fit and predict time of each.
Timings go in closing notes and reports, never into tests or pages: machines are noisy. The
ensembles chapter compares the libraries' scores in snippets/ensembles/boosting_libraries.py.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import lightgbm as lgb
import xgboost as xgb
from sklearn.ensemble import GradientBoostingClassifier, HistGradientBoostingClassifier
from threadpoolctl import threadpool_limits

from churn_case_study import CATEGORICAL_COLUMNS, generate, training_table


def models(trees: int, threads: int, exact: bool) -> dict:
    """The three libraries with the same budget; optionally the exact (non-histogram) sklearn."""
    found = {
        "XGBoost (hist, lossguide)": xgb.XGBClassifier(
            n_estimators=trees, learning_rate=0.05, grow_policy="lossguide", max_leaves=31,
            max_depth=0, reg_lambda=1.0, tree_method="hist", enable_categorical=True,
            n_jobs=threads, random_state=0,
        ),
        "LightGBM": lgb.LGBMClassifier(
            n_estimators=trees, learning_rate=0.05, num_leaves=31, reg_lambda=1.0,
            n_jobs=threads, verbose=-1, random_state=0,
        ),
        "HistGradientBoosting": HistGradientBoostingClassifier(
            max_iter=trees, learning_rate=0.05, max_leaf_nodes=31, l2_regularization=1.0,
            early_stopping=False, random_state=0,
        ),
    }  # fmt: skip
    if exact:  # pre-histogram gradient boosting: sorts every feature, single-threaded
        found["GradientBoosting (exact)"] = GradientBoostingClassifier(
            n_estimators=trees, learning_rate=0.05, max_leaf_nodes=31, random_state=0
        )
    return found


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=5_000, help="customers to generate")
    parser.add_argument("--trees", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--exact", action="store_true", help="also time GradientBoosting")
    args = parser.parse_args()

    table = training_table(generate(seed=0, n_customers=args.customers))
    table = table[table["snapshot_date"] <= "2025-05-01"]
    X = table.drop(columns=["customer_id", "snapshot_date", "churned"])
    y = table["churned"].to_numpy()
    # The exact GradientBoosting takes numbers without gaps: category codes, NaN as -1.
    X_codes = X.assign(**{c: X[c].cat.codes for c in CATEGORICAL_COLUMNS}).fillna(-1)
    print(f"{len(X):,} rows, {X.shape[1]} features, {args.trees} trees, "
          f"median of {args.repeats} runs, {os.cpu_count()} cores")  # fmt: skip
    print(f"{'library':28s} {'threads':>7s} {'fit s':>8s} {'predict s':>10s}")
    for threads in sorted({1, os.cpu_count() or 1}):
        # XGBoost and LightGBM take n_jobs; HistGradientBoosting uses OpenMP's thread count,
        # which threadpoolctl (a scikit-learn dependency) limits for the duration.
        with threadpool_limits(limits=threads, user_api="openmp"):
            for name, model in models(args.trees, threads, args.exact).items():
                if "exact" in name and threads > 1:
                    continue  # single-threaded by design
                data = X_codes if "exact" in name else X
                fits = [timed(lambda m=model, d=data: m.fit(d, y)) for _ in range(args.repeats)]
                preds = [timed(lambda m=model, d=data: m.predict_proba(d)) for _ in range(3)]
                print(f"{name:28s} {threads:7d} {statistics.median(fits):8.2f} "
                      f"{statistics.median(preds):10.3f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
