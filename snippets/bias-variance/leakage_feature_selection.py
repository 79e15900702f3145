"""Selection leakage (Hastie, Tibshirani & Friedman, ESL §7.10.2): choose features on all the
data, then cross-validate, and pure noise looks like a perfect classifier.

50 samples, 5,000 features, labels independent of the features: the true accuracy of any
classifier is 50%. We repeat the experiment on 20 independent data sets so the comparison does
not hinge on one lucky draw.
"""

import numpy as np
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline

SEED = 0
N_SAMPLES, N_FEATURES, N_KEEP, N_DATASETS = 50, 5_000, 100, 20

rng = np.random.default_rng(SEED)
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)

# --8<-- [start:leak]
leaky_scores, honest_scores = [], []
for _ in range(N_DATASETS):
    X = rng.normal(size=(N_SAMPLES, N_FEATURES))
    y = rng.permutation(np.repeat([0, 1], N_SAMPLES // 2))  # balanced, unrelated to X

    # WRONG: the 100 features most correlated with y are picked using every row, including
    # the rows that will later be validation folds. CV only sees the classifier step.
    X_selected = SelectKBest(f_classif, k=N_KEEP).fit_transform(X, y)
    leaky = cross_val_score(KNeighborsClassifier(n_neighbors=1), X_selected, y, cv=cv)

    # RIGHT: selection is part of the model, so it is refit inside every training fold.
    model = make_pipeline(SelectKBest(f_classif, k=N_KEEP), KNeighborsClassifier(n_neighbors=1))
    honest = cross_val_score(model, X, y, cv=cv)

    leaky_scores.append(leaky.mean())
    honest_scores.append(honest.mean())

leaky_acc, honest_acc = np.mean(leaky_scores), np.mean(honest_scores)
print(f"select, then CV:       mean accuracy {leaky_acc:.3f} over {N_DATASETS} data sets")
# > select, then CV:       mean accuracy 0.989 over 20 data sets
print(f"CV of the pipeline:    mean accuracy {honest_acc:.3f} (the truth is 0.500)")
# > CV of the pipeline:    mean accuracy 0.515 (the truth is 0.500)
assert leaky_acc > 0.9, "selection on all rows should make noise look highly predictive"
# Coin-flip predictions on 20 x 50 rows: standard error 0.5 / sqrt(1000) ≈ 0.016; allow 3 SE.
chance_se = 0.5 / np.sqrt(N_SAMPLES * N_DATASETS)
assert abs(honest_acc - 0.5) < 3 * chance_se, "the pipeline should score about chance"
# --8<-- [end:leak]
