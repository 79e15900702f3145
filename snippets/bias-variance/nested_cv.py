"""Nested vs non-nested cross-validation: is the score of the tuned model honest?

The best score of a grid search is the maximum of many noisy estimates, so it is biased upwards
(Cawley & Talbot 2010). Nested CV wraps the whole search in an outer loop and scores it on
folds the search never saw. We know the truth here: each small training set is drawn from a
large pool, and the tuned model is scored on 5,000 rows it never saw.
"""

import numpy as np
import pandas as pd
from sklearn.datasets import make_classification
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score
from sklearn.neighbors import KNeighborsClassifier

SEED = 0
N_TRAIN, N_DATASETS = 60, 10
rng = np.random.default_rng(SEED)
X_pool, y_pool = make_classification(
    n_samples=20_000,
    n_features=20,
    n_informative=4,
    n_redundant=0,
    flip_y=0.1,
    class_sep=0.6,
    random_state=SEED,
)

# --8<-- [start:nested]
grid = {"n_neighbors": list(range(1, 30, 2))}  # 15 candidate models
rows = []
for i in range(N_DATASETS):
    idx = rng.choice(len(y_pool), size=N_TRAIN + 5_000, replace=False)
    X, y = X_pool[idx[:N_TRAIN]], y_pool[idx[:N_TRAIN]]
    X_new, y_new = X_pool[idx[N_TRAIN:]], y_pool[idx[N_TRAIN:]]  # stands in for the future
    inner = StratifiedKFold(n_splits=5, shuffle=True, random_state=i)
    outer = StratifiedKFold(n_splits=5, shuffle=True, random_state=1_000 + i)

    search = GridSearchCV(KNeighborsClassifier(), grid, cv=inner).fit(X, y)
    # Nested: the outer loop refits the *whole search* on each outer training fold.
    nested = cross_val_score(GridSearchCV(KNeighborsClassifier(), grid, cv=inner), X, y, cv=outer)
    rows.append(
        {
            "non_nested": search.best_score_,  # the number people report, wrongly
            "nested": nested.mean(),
            "truth": search.score(X_new, y_new),  # accuracy of the tuned model on new data
        }
    )
results = pd.DataFrame(rows)
print(results.mean().to_string(float_format=lambda v: f"{v:.3f}"))
# > non_nested   0.658
# > nested       0.572
# > truth        0.573
# --8<-- [end:nested]

# --8<-- [start:checks]
optimism = results["non_nested"] - results["truth"]
nested_error = results["nested"] - results["truth"]
se = optimism.std(ddof=1) / np.sqrt(N_DATASETS)
print(f"non-nested minus truth: {optimism.mean():+.3f} (SE {se:.3f})")
# > non-nested minus truth: +0.086 (SE 0.018)
print(f"nested minus truth:     {nested_error.mean():+.3f}")
# > nested minus truth:     -0.001
assert optimism.mean() > 3 * se, "the best grid-search score should be optimistic"
assert abs(nested_error.mean()) < optimism.mean(), "nested CV should be closer to the truth"
# --8<-- [end:checks]
