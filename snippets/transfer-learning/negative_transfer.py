"""Negative transfer: when the pretrained network makes the target task harder, not easier.

The same synthetic world as `transfer_vs_scratch.py` (inputs made from 4 hidden factors by a
fixed nonlinear map), with the same pretrain-then-transfer recipe, but two broken source tasks:

* unrelated source: the 16 source tags depend only on factors 1-2, the target only on 3-4;
* shifted inputs: the source data come through a different input map (another sensor, another
  market), so what the backbone learned to undo is not what the target inputs need.
"""

import pandas as pd
import torch
from torch import nn

from guide_tools.figures import PALETTE, new_figure, save_figure

torch.set_num_threads(1)  # one core per snippet: the test runner shares the machine

SEEDS = range(3)
SIZES = [50, 200, 1000]
D_LATENT, D_INPUT, N_TAGS, WIDTH = 4, 30, 16, 32


def make_world(seed):
    g = torch.Generator().manual_seed(seed)
    return {
        "mix": torch.randn(D_LATENT, 64, generator=g),
        "phase": 2 * torch.pi * torch.rand(64, generator=g),
        "out": torch.randn(64, D_INPUT, generator=g) / 6,
        "source_tags": torch.randn(D_LATENT, N_TAGS, generator=g),
        "target_tag": torch.randn(D_LATENT, generator=g),
        "rng": torch.Generator().manual_seed(1_000 + seed),
        # a second, different input map, used only by the shifted source
        "mix_b": torch.randn(D_LATENT, 64, generator=g),
        "phase_b": 2 * torch.pi * torch.rand(64, generator=g),
    }


# --8<-- [start:scenarios]
def sample(world, n, task, scenario):
    z = torch.randn(n, D_LATENT, generator=world["rng"])
    mix, phase = world["mix"], world["phase"]
    if task == "source" and scenario == "shifted inputs":
        mix, phase = world["mix_b"], world["phase_b"]  # same factors, another input map
    x = torch.sin(z @ mix + phase) @ world["out"]
    x = x + 0.1 * torch.randn(n, D_INPUT, generator=world["rng"])
    source_tags, target_tag = world["source_tags"].clone(), world["target_tag"].clone()
    if scenario == "unrelated source":
        source_tags[2:] = 0  # source tags read factors 1-2 only...
        target_tag[:2] = 0  # ...the target reads factors 3-4 only
    if task == "source":
        return x, (z @ source_tags > 0).float()
    return x, (z @ target_tag > 0).long()


# --8<-- [end:scenarios]


def backbone():
    return nn.Sequential(nn.Linear(D_INPUT, WIDTH), nn.ReLU(), nn.Linear(WIDTH, WIDTH), nn.ReLU())


def fit(model, params, x, y, steps, lr, loss=nn.functional.cross_entropy):
    opt = torch.optim.Adam(params, lr=lr)
    for _ in range(steps):
        opt.zero_grad()
        loss(model(x), y).backward()
        opt.step()
    return model


def accuracy(model, x, y):
    with torch.no_grad():
        return (model(x).argmax(1) == y).float().mean().item()


# --8<-- [start:compare]
rows = []
for scenario in ["unrelated source", "shifted inputs"]:
    for seed in SEEDS:
        torch.manual_seed(seed)
        world = make_world(seed)
        x_src, y_src = sample(world, 3_000, "source", scenario)
        x_test, y_test = sample(world, 2_000, "target", scenario)
        x_pool, y_pool = sample(world, max(SIZES), "target", scenario)
        pretrained = backbone()  # pretraining exactly as before; only the source changed
        source_model = nn.Sequential(pretrained, nn.Linear(WIDTH, N_TAGS))
        bce = nn.functional.binary_cross_entropy_with_logits
        fit(source_model, source_model.parameters(), x_src, y_src, 200, 1e-2, loss=bce)
        for n in SIZES:
            x, y = x_pool[:n], y_pool[:n]
            scratch = nn.Sequential(backbone(), nn.Linear(WIDTH, 2))
            fit(scratch, scratch.parameters(), x, y, 250, 1e-2)
            model = nn.Sequential(backbone(), nn.Linear(WIDTH, 2))
            model[0].load_state_dict(pretrained.state_dict())
            with torch.no_grad():
                features = model[0](x)
            fit(model[1], model[1].parameters(), features, y, 150, 1e-2)
            frozen_acc = accuracy(model, x_test, y_test)
            fit(model, model.parameters(), x, y, 100, 1e-3)
            rows.append(
                {
                    "scenario": scenario,
                    "seed": seed,
                    "n": n,
                    "scratch": accuracy(scratch, x_test, y_test),
                    "frozen": frozen_acc,
                    "fine-tuned": accuracy(model, x_test, y_test),
                }
            )

acc = pd.DataFrame(rows).set_index(["scenario", "seed", "n"])
summary = acc.groupby(["scenario", "n"], sort=False).mean()
print(summary.to_string(float_format=lambda v: f"{v:.3f}"))
# >                        scratch  frozen  fine-tuned
# > scenario         n
# > unrelated source 50      0.735   0.702       0.728
# >                  200     0.868   0.769       0.864
# >                  1000    0.926   0.797       0.914
# > shifted inputs   50      0.726   0.648       0.681
# >                  200     0.859   0.733       0.813
# >                  1000    0.923   0.746       0.886
# --8<-- [end:compare]

# --8<-- [start:checks]
gain = acc[["frozen", "fine-tuned"]].sub(acc["scratch"], axis=0)
losses = (gain < 0).groupby(["scenario", "n"], sort=False).sum()
print(f"seeds where transfer LOSES to scratch (of {len(SEEDS)}):")
# > seeds where transfer LOSES to scratch (of 3):
print(losses.to_string())
# >                        frozen  fine-tuned
# > scenario         n
# > unrelated source 50         3           2
# >                  200        3           2
# >                  1000       3           3
# > shifted inputs   50         3           3
# >                  200        3           3
# >                  1000       3           3
assert (losses["frozen"] == len(SEEDS)).all(), "frozen features lose on every seed and size"
# Fine-tuning at best ties with scratch on average (unrelated source: within half a point)...
assert (summary["fine-tuned"] < summary["scratch"] + 0.005).all(), "never ahead of scratch"
# ...and with shifted inputs it loses on every seed at every size, 1,000 labels included,
# by more than a point and a half each time.
assert (gain.xs("shifted inputs", level="scenario")["fine-tuned"] < -0.015).all()
# --8<-- [end:checks]

fig, axes = new_figure(1, 2, width=9, height=3.6, sharey=True)
styles = {
    "scratch": (PALETTE["vermilion"], "s--", "from scratch"),
    "frozen": (PALETTE["blue"], "o-", "frozen features + new head"),
    "fine-tuned": (PALETTE["green"], "^-", "full fine-tuning"),
}
for ax, scenario in zip(axes, ["unrelated source", "shifted inputs"], strict=True):
    by_n = acc.xs(scenario, level="scenario").groupby("n")
    for method, (colour, marker, label) in styles.items():
        ax.fill_between(SIZES, by_n[method].min(), by_n[method].max(), color=colour, alpha=0.15)
        ax.plot(SIZES, by_n[method].mean(), marker, color=colour, label=label)
    ax.set_xscale("log")
    ax.set_xticks(SIZES, labels=[f"{n:,}" for n in SIZES])
    ax.set_xlabel("labelled target examples (log scale)")
    ax.set_title(scenario)
axes[0].set_ylabel("target test accuracy")
axes[1].legend(loc="lower right")
save_figure(fig, "transfer-learning/negative_transfer")
