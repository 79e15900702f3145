"""Ranking metrics by hand, checked against scikit-learn: which lesson ranker should ship?

Lumen's home screen shows each user K = 3 lessons from a list of candidates. Relevance is graded
from what users later did: 0 ignored, 1 opened, 3 finished a whole course. Ranker A puts the
one course-finisher first and misses the rest; ranker B fills the top three with everything
relevant but buries the course-finisher at rank 3. We compute precision@K, recall@K, average
precision and NDCG@K with both gain functions by hand, and check each against scikit-learn.
"""

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, ndcg_score

K = 3
# --8<-- [start:data]
# One row per user, one column per candidate lesson: graded relevance, and each ranker's scores.
relevance = np.array(
    [
        [3, 1, 1, 0, 0, 0],  # user 1
        [0, 1, 0, 3, 0, 1],  # user 2
    ]
)
scores = {
    "A": np.array([[0.9, 0.4, 0.3, 0.8, 0.7, 0.1], [0.2, 0.5, 0.6, 0.9, 0.8, 0.1]]),
    "B": np.array([[0.7, 0.9, 0.8, 0.3, 0.2, 0.1], [0.1, 0.9, 0.2, 0.6, 0.3, 0.8]]),
}
# --8<-- [end:data]


# --8<-- [start:by_hand]
def dcg(gains_in_rank_order, k):
    """Discounted cumulative gain: the gain at rank i (from 1) is divided by log2(i + 1)."""
    g = np.asarray(gains_in_rank_order, dtype=float)[:k]
    return np.sum(g / np.log2(np.arange(2, g.size + 2)))


def metrics_for_user(rel, score, k):
    order = np.argsort(-score)  # best first (no ties here)
    ranked = rel[order]
    hit = ranked > 0  # binary relevance for precision, recall and AP
    n_relevant = hit.sum()  # relevant candidates *in this list*
    precision_at_rank = np.cumsum(hit) / np.arange(1, hit.size + 1)
    return {
        f"P@{k}": hit[:k].mean(),
        f"R@{k}": hit[:k].sum() / n_relevant,
        "AP": np.sum(precision_at_rank * hit) / n_relevant,
        f"NDCG@{k} linear": dcg(ranked, k) / dcg(np.sort(rel)[::-1], k),
        f"NDCG@{k} exp": dcg(2.0**ranked - 1, k) / dcg(2.0 ** np.sort(rel)[::-1] - 1, k),
    }


rows = {
    (name, user + 1): metrics_for_user(relevance[user], s[user], K)
    for name, s in scores.items()
    for user in range(len(relevance))
}
per_user = pd.DataFrame(rows).T
print(per_user.to_string(float_format=lambda v: f"{v:.3f}"))
# >       P@3   R@3    AP  NDCG@3 linear  NDCG@3 exp
# > A 1 0.333 0.333 0.700          0.726       0.861
# >   2 0.333 0.333 0.667          0.726       0.861
# > B 1 1.000 1.000 1.000          0.758       0.631
# >   2 1.000 1.000 1.000          0.758       0.631
means = per_user.groupby(level=0).mean()  # AP averaged over users: mean average precision
print(means.to_string(float_format=lambda v: f"{v:.3f}"))
# >     P@3   R@3    AP  NDCG@3 linear  NDCG@3 exp
# > A 0.333 0.333 0.683          0.726       0.861
# > B 1.000 1.000 1.000          0.758       0.631
# --8<-- [end:by_hand]

# --8<-- [start:sklearn]
for name, s in scores.items():
    # ndcg_score uses y_true itself as the gain (linear); pass 2**rel - 1 for exponential gain.
    linear = ndcg_score(relevance, s, k=K)
    exponential = ndcg_score(2**relevance - 1, s, k=K)
    # average_precision_score on one user's binary labels is that user's AP.
    mean_ap = np.mean(
        [average_precision_score(r > 0, u) for r, u in zip(relevance, s, strict=True)]
    )
    assert np.isclose(linear, means.loc[name, f"NDCG@{K} linear"])
    assert np.isclose(exponential, means.loc[name, f"NDCG@{K} exp"])
    assert np.isclose(mean_ap, means.loc[name, "AP"])
    print(
        f"{name}: sklearn NDCG@{K} {linear:.3f} (linear), {exponential:.3f} (2^rel - 1); "
        f"mean AP {mean_ap:.3f}"
    )
    # > A: sklearn NDCG@3 0.726 (linear), 0.861 (2^rel - 1); mean AP 0.683
    # > B: sklearn NDCG@3 0.758 (linear), 0.631 (2^rel - 1); mean AP 1.000
# --8<-- [end:sklearn]

# --8<-- [start:checks]
a, b = means.loc["A"], means.loc["B"]
# Every binary metric and linear-gain NDCG prefer B; exponential gain prefers A, because a
# finished course (gain 7) outweighs two opened lessons (gain 1 each) by more than 3 to 2.
for metric in (f"P@{K}", f"R@{K}", "AP", f"NDCG@{K} linear"):
    assert b[metric] > a[metric], metric
assert a[f"NDCG@{K} exp"] > b[f"NDCG@{K} exp"]
# Two scikit-learn conventions to know. A user with no relevant candidate scores 0, not
# "undefined", so such users drag the mean down (filter them first)...
nobody = np.zeros((1, 6))
assert ndcg_score(
    np.vstack([relevance, nobody]), np.vstack([scores["A"], scores["A"][:1]]), k=K
) < (ndcg_score(relevance, scores["A"], k=K))
# ...and tied scores are averaged over their possible orders, not broken by position.
tied = np.array([[1.0, 1.0, 0, 0, 0, 0]])  # lessons 1 and 2 tied at the top
assert np.isclose(ndcg_score(relevance[:1], tied, k=1), (3 + 1) / 2 / 3)
# --8<-- [end:checks]
