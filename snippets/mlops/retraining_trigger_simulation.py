"""Replay 2025 month by month: when does a retraining trigger fire, and is the new model promoted?

On the first of each month the deployed model scores the active customers. The churn label of a
snapshot is known only 30 days later, so on a decision date `d` the newest labelled snapshot is
the latest one with `snapshot + 30 days <= d` (on 1 March, February's labels are still three days
short). Three policies: never retrain; retrain when the champion's log loss on the newest
labelled month rises 10% above its baseline (triggered); retrain every month (scheduled). A
challenger replaces the champion only if it beats it on that held-out month, by a paired
bootstrap.
"""

from functools import cache

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score

from churn_case_study import generate, training_table
from guide_tools.figures import PALETTE, new_figure, save_figure

table = training_table(generate(seed=0))
X = table.drop(columns=["customer_id", "snapshot_date", "churned"])
y = table["churned"].to_numpy()
snapshot = table["snapshot_date"]

# --8<-- [start:setup]
LABEL_DELAY = pd.Timedelta(days=30)
TOLERANCE = 1.10  # trigger: log loss 10% above the baseline
rng = np.random.default_rng(0)


def labelled_by(day):
    """Rows whose label window has closed by `day`."""
    return (snapshot + LABEL_DELAY <= day).to_numpy()


@cache
def scores(model):
    """Every row's churn probability under `model`, computed once."""
    return model.predict_proba(X)[:, 1]


def row_log_loss(model, rows):
    p = np.clip(scores(model)[rows], 1e-6, 1 - 1e-6)
    return -(y[rows] * np.log(p) + (1 - y[rows]) * np.log(1 - p))


def observed_over_expected(model, rows):
    """Calibration in the large: churners seen / churners the model predicted."""
    return y[rows].sum() / scores(model)[rows].sum()


@cache
def train_and_hold_out(day):
    """Train on every labelled month but the newest, which is held out for the gate."""
    labelled = labelled_by(day)
    newest = snapshot[labelled].max()
    holdout = (snapshot == newest).to_numpy()
    model = HistGradientBoostingClassifier(max_iter=60, max_depth=3, random_state=0)
    return model.fit(X[labelled & ~holdout], y[labelled & ~holdout]), holdout


def challenger_wins(champion, challenger, holdout):
    """Paired bootstrap over held-out customers: is the log loss improvement above zero?"""
    gain = row_log_loss(champion, holdout) - row_log_loss(challenger, holdout)
    resamples = rng.integers(0, len(gain), size=(1000, len(gain)))
    return np.quantile(gain[resamples].mean(axis=1), 0.025) > 0, gain.mean()


# --8<-- [end:setup]


# --8<-- [start:replay]
def replay(policy):
    champion, holdout = train_and_hold_out(pd.Timestamp("2025-01-01"))
    baseline = row_log_loss(champion, holdout).mean()
    served, log, trainings = [], [], 0
    for day in pd.date_range("2025-01-01", "2025-12-01", freq="MS"):
        newest = snapshot[labelled_by(day)].max()
        watched = (snapshot == newest).to_numpy()
        monitored = row_log_loss(champion, watched).mean()
        fire = policy == "scheduled" or (policy == "triggered" and monitored > TOLERANCE * baseline)
        if fire and day > pd.Timestamp("2025-01-01"):
            challenger, holdout = train_and_hold_out(day)
            trainings += 1
            wins, gain = challenger_wins(champion, challenger, holdout)
            log.append(
                f"{day:%Y-%m-%d} labels to {newest:%Y-%m}: log loss {monitored:.4f}, "
                f"O/E {observed_over_expected(champion, watched):.2f}, "
                f"challenger gain {gain:+.4f} -> {'PROMOTE' if wins else 'keep champion'}"
            )
            if wins:
                champion, baseline = challenger, row_log_loss(challenger, holdout).mean()
        served.append(row_log_loss(champion, (snapshot == day).to_numpy()).mean())  # known later
    return np.array(served), log, trainings


results = {policy: replay(policy) for policy in ("never", "triggered", "scheduled")}
for line in results["triggered"][1]:
    print(line)
    # > 2025-09-01 labels to 2025-08: log loss 0.1980, O/E 1.50, challenger gain +0.0051 -> PROMOTE
    # > 2025-10-01 labels to 2025-09: log loss 0.2182, O/E 1.47, challenger gain +0.0084 -> PROMOTE
for policy, (served, log, trainings) in results.items():
    promotions = sum("PROMOTE" in line for line in log)
    print(
        f"{policy:<10} log loss Jan-Jun {served[:6].mean():.4f}, Jul-Dec {served[6:].mean():.4f};"
        f" {trainings:>2} trainings, {promotions} promotions"
    )
    # > never      log loss Jan-Jun 0.1672, Jul-Dec 0.1992;  0 trainings, 0 promotions
    # > triggered  log loss Jan-Jun 0.1672, Jul-Dec 0.1947;  2 trainings, 2 promotions
    # > scheduled  log loss Jan-Jun 0.1672, Jul-Dec 0.1947; 11 trainings, 2 promotions
# --8<-- [end:replay]

# --8<-- [start:checks]
never, triggered, scheduled = (results[p][0] for p in ("never", "triggered", "scheduled"))
fired = [line[:10] for line in results["triggered"][1]]
promoted = [line[:10] for line in results["scheduled"][1] if "PROMOTE" in line]
# The price rises on 2025-07-01 and July's labels are complete on 31 July, but July's loss is
# still within the tolerance: the trigger first fires two months after the change. The April
# usage shift (PSI about 0.1) never fired it.
assert fired[0] == "2025-09-01", fired
assert never[6:].mean() > 1.1 * never[:6].mean(), "the never-retrained model decays"
assert triggered[6:].mean() < never[6:].mean(), "triggered retraining recovers part of it"
# Monthly retraining trained 11 challengers; the gate promoted the same two.
assert promoted == fired and np.allclose(scheduled, triggered)

# What broke: calibration, not ranking. AUC alone would never have fired.
v1 = train_and_hold_out(pd.Timestamp("2025-01-01"))[0]
health = {}
for half, (start, end) in {
    "Jan-Jun": ("2025-01", "2025-06"),
    "Jul-Dec": ("2025-07", "2025-12"),
}.items():
    rows = snapshot.between(f"{start}-01", f"{end}-01").to_numpy()
    auc = roc_auc_score(y[rows], scores(v1)[rows])
    health[half] = auc, observed_over_expected(v1, rows)
    print(f"v1 {half}: AUC {auc:.3f}, observed/expected churners {health[half][1]:.2f}")
    # > v1 Jan-Jun: AUC 0.780, observed/expected churners 1.06
    # > v1 Jul-Dec: AUC 0.789, observed/expected churners 1.51
assert abs(health["Jul-Dec"][0] - health["Jan-Jun"][0]) < 0.03, "ranking held up"
assert health["Jul-Dec"][1] > 1.3 and health["Jan-Jun"][1] < 1.1, "churn under-predicted"
# --8<-- [end:checks]

# --8<-- [start:figure]
months = pd.date_range("2025-01-01", "2025-12-01", freq="MS")
fig, ax = new_figure(width=7.0, height=3.8)
ax.plot(months, never, marker="o", color=PALETTE["vermilion"], label="never retrain")
ax.plot(months, triggered, marker="s", color=PALETTE["blue"], label="triggered (same as scheduled)")
for line in results["triggered"][1]:
    day = pd.Timestamp(line[:10])
    promoted = "PROMOTE" in line
    ax.plot(
        day,
        triggered[months.get_loc(day)],
        marker="*" if promoted else "x",
        markersize=14,
        color=PALETTE["green"] if promoted else PALETTE["black"],
        linestyle="none",
        label="challenger promoted" if promoted else "trigger fired",
    )
ax.axvline(pd.Timestamp("2025-07-01"), color="#777777", linestyle="--", linewidth=1)
ax.text(pd.Timestamp("2025-07-01"), 0.147, " price increase", fontsize=9)
handles, labels = ax.get_legend_handles_labels()
unique = dict(zip(labels, handles, strict=True))
ax.legend(unique.values(), unique.keys(), loc="upper left", fontsize=9)
ax.set_ylabel("log loss of the deployed model")
ax.set_xlabel("snapshot month scored (labels arrive 30 days later)")
save_figure(fig, "mlops/retraining_simulation")
# --8<-- [end:figure]
