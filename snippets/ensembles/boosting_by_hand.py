"""Boosting by hand: gradient boosting fits residuals; AdaBoost reweights the mistakes.

Part 1 writes gradient boosting for squared loss in a few lines (each tree fits the current
residuals, the negative gradient) and checks it reproduces scikit-learn's
GradientBoostingRegressor. Part 2 writes binary AdaBoost (SAMME) by hand, checks it against
AdaBoostClassifier, and follows where the sample weight goes when some labels are wrong.
"""

import numpy as np
from sklearn.datasets import make_classification, make_friedman1
from sklearn.ensemble import AdaBoostClassifier, GradientBoostingRegressor
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

SEED = 0

# --8<-- [start:gradient_boosting]
X, y = make_friedman1(n_samples=2_000, noise=1.0, random_state=SEED)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, random_state=SEED)
N_TREES, LEARNING_RATE, DEPTH = 100, 0.1, 3

prediction = np.full(len(y_train), y_train.mean())  # F_0: the best constant
test_prediction = np.full(len(y_test), y_train.mean())
train_mse = [mean_squared_error(y_train, prediction)]
random_state = np.random.RandomState(SEED)  # one stream for all trees, as the library uses
for _ in range(N_TREES):
    residual = y_train - prediction  # negative gradient of ½(y - F)² with respect to F
    tree = DecisionTreeRegressor(max_depth=DEPTH, random_state=random_state)
    tree.fit(X_train, residual)
    prediction += LEARNING_RATE * tree.predict(X_train)  # a small step in function space
    test_prediction += LEARNING_RATE * tree.predict(X_test)
    train_mse.append(mean_squared_error(y_train, prediction))

library = GradientBoostingRegressor(
    n_estimators=N_TREES, learning_rate=LEARNING_RATE, max_depth=DEPTH, random_state=SEED
).fit(X_train, y_train)
gap = np.abs(test_prediction - library.predict(X_test)).max()
print(f"by hand: test MSE {mean_squared_error(y_test, test_prediction):.3f}")
# > by hand: test MSE 2.156
print(f"sklearn: test MSE {mean_squared_error(y_test, library.predict(X_test)):.3f}")
# > sklearn: test MSE 2.156
print(f"largest difference between the two models' predictions: {gap:.1e}")
# > largest difference between the two models' predictions: 0.0e+00
assert gap < 1e-6, "a dozen lines of residual fitting are gradient boosting"
# Every round is a descent step: training loss never goes up.
assert np.all(np.diff(train_mse) <= 1e-12)
# --8<-- [end:gradient_boosting]

# --8<-- [start:adaboost]
X, y = make_classification(
    n_samples=2_000, n_features=10, n_informative=4, flip_y=0, class_sep=2.0, random_state=SEED
)
rng = np.random.default_rng(SEED)
flipped = rng.random(len(y)) < 0.10  # 10% of labels are wrong, as in real data
y_noisy = np.where(flipped, 1 - y, y)

weights = np.full(len(y), 1 / len(y))
alphas, share_on_flipped = [], [weights[flipped].sum()]
for m in range(50):
    stump = DecisionTreeClassifier(max_depth=1, random_state=m)
    stump.fit(X, y_noisy, sample_weight=weights)
    wrong = stump.predict(X) != y_noisy
    error = weights[wrong].sum() / weights.sum()
    alpha = np.log((1 - error) / error)  # the member's say in the vote
    weights = weights * np.exp(alpha * wrong)  # up-weight this round's mistakes
    weights /= weights.sum()
    alphas.append(alpha)
    share_on_flipped.append(weights[flipped].sum())

ada = AdaBoostClassifier(
    DecisionTreeClassifier(max_depth=1), n_estimators=50, random_state=SEED
).fit(X, y_noisy)
print(f"member weights match AdaBoostClassifier: {np.allclose(alphas, ada.estimator_weights_)}")
# > member weights match AdaBoostClassifier: True
for m in (0, 5, 20, 50):
    print(f"after {m:2d} rounds, the mislabelled rows hold {share_on_flipped[m]:.0%} of the weight")
    # > after  0 rounds, the mislabelled rows hold 11% of the weight
    # > after  5 rounds, the mislabelled rows hold 24% of the weight
    # > after 20 rounds, the mislabelled rows hold 28% of the weight
    # > after 50 rounds, the mislabelled rows hold 31% of the weight
assert np.allclose(alphas, ada.estimator_weights_)
# Exponential loss chases the rows it cannot fit: the wrong labels soak up the weight.
assert share_on_flipped[50] > 2.5 * share_on_flipped[0]
# --8<-- [end:adaboost]
