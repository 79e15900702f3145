"""How to fine-tune: learning rate, head first, discriminative rates, gradual unfreezing, BN.

Same synthetic world as `transfer_vs_scratch.py`; each seed pretrains a backbone on the 16-tag
source task, then fine-tunes it on 50 labelled target examples four ways, with the same number
of full-batch Adam steps (150). Then the batch-norm trap: freezing a layer's parameters does
not freeze its running statistics.
"""

import pandas as pd
import torch
from torch import nn

torch.set_num_threads(1)  # one core per snippet: the test runner shares the machine

SEEDS, N_TARGET = range(3), 50
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
    }


def sample(world, n, task):
    z = torch.randn(n, D_LATENT, generator=world["rng"])
    x = torch.sin(z @ world["mix"] + world["phase"]) @ world["out"]
    x = x + 0.1 * torch.randn(n, D_INPUT, generator=world["rng"])
    if task == "source":
        return x, (z @ world["source_tags"] > 0).float()
    return x, (z @ world["target_tag"] > 0).long()


def backbone():
    return nn.Sequential(nn.Linear(D_INPUT, WIDTH), nn.ReLU(), nn.Linear(WIDTH, WIDTH), nn.ReLU())


def steps(model, opt, x, y, n_steps):
    for _ in range(n_steps):
        opt.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        opt.step()


def accuracy(model, x, y):
    with torch.no_grad():
        return (model(x).argmax(1) == y).float().mean().item()


# --8<-- [start:recipes]
def all_at_once(model, x, y):  # new random head, every layer trained from step one
    steps(model, torch.optim.Adam(model.parameters(), lr=1e-3), x, y, 150)


def head_first(model, x, y):  # linear probe, then fine-tune everything (LP-FT)
    steps(model, torch.optim.Adam(model[1].parameters(), lr=1e-2), x, y, 50)
    steps(model, torch.optim.Adam(model.parameters(), lr=1e-3), x, y, 100)


def discriminative(model, x, y):  # one optimizer, a learning rate per layer group
    body, head = model
    groups = [
        {"params": body[0].parameters(), "lr": 1e-4},  # first layer: most general, barely move
        {"params": body[2].parameters(), "lr": 3e-4},
        {"params": head.parameters(), "lr": 1e-2},  # new head: learns at the scratch rate
    ]
    steps(model, torch.optim.Adam(groups), x, y, 150)


def gradual_unfreezing(model, x, y):  # ULMFiT: unfreeze from the top, one layer per stage
    body = model[0]
    body.requires_grad_(False)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)  # frozen params get no grad: skipped
    for layer in [None, body[2], body[0]]:
        if layer is not None:
            layer.requires_grad_(True)
        steps(model, opt, x, y, 50)


recipes = {
    "all at once": all_at_once,
    "head first (LP-FT)": head_first,
    "discriminative rates": discriminative,
    "gradual unfreezing": gradual_unfreezing,
}
# --8<-- [end:recipes]

# --8<-- [start:compare]
rows = []
for seed in SEEDS:
    torch.manual_seed(seed)
    world = make_world(seed)
    x_src, y_src = sample(world, 3_000, "source")
    x_test, y_test = sample(world, 2_000, "target")
    x, y = sample(world, N_TARGET, "target")
    pretrained = backbone()
    source_model = nn.Sequential(pretrained, nn.Linear(WIDTH, N_TAGS))
    opt = torch.optim.Adam(source_model.parameters(), lr=1e-2)
    for _ in range(200):
        opt.zero_grad()
        nn.functional.binary_cross_entropy_with_logits(source_model(x_src), y_src).backward()
        opt.step()
    for name, recipe in recipes.items():
        model = nn.Sequential(backbone(), nn.Linear(WIDTH, 2))
        model[0].load_state_dict(pretrained.state_dict())
        recipe(model, x, y)
        rows.append({"seed": seed, "recipe": name, "accuracy": accuracy(model, x_test, y_test)})

acc = pd.DataFrame(rows).pivot_table(index="seed", columns="recipe", values="accuracy")
acc = acc[list(recipes)]
print(f"target accuracy with {N_TARGET} labels, mean (min) over {len(SEEDS)} seeds:")
# > target accuracy with 50 labels, mean (min) over 3 seeds:
for name in recipes:
    print(f"  {name:<22} {acc[name].mean():.3f} ({acc[name].min():.3f})")
    # >   all at once            0.816 (0.759)
    # >   head first (LP-FT)     0.868 (0.838)
    # >   discriminative rates   0.877 (0.861)
    # >   gradual unfreezing     0.867 (0.848)
# --8<-- [end:compare]

# --8<-- [start:checks]
gain = acc.drop(columns="all at once").sub(acc["all at once"], axis=0)
for name, value in gain.mean().items():
    print(f"{name} beats all at once by {value:+.3f} on average")
    # > head first (LP-FT) beats all at once by +0.052 on average
    # > discriminative rates beats all at once by +0.062 on average
    # > gradual unfreezing beats all at once by +0.051 on average
assert (gain > 0).all().all(), "each careful recipe beats all-at-once on every seed"
assert (gain.mean() > 0.015).all(), "by at least 1.5 points on average"
# --8<-- [end:checks]

# --8<-- [start:batchnorm]
bn_body = nn.Sequential(nn.Linear(D_INPUT, WIDTH), nn.BatchNorm1d(WIDTH), nn.ReLU())
bn_body.requires_grad_(False)  # "frozen": no parameter will change...
before = bn_body[1].running_mean.clone()
bn_body.train()  # ...but in train mode BN normalises with batch statistics and updates its
bn_body(x[:8])  # running mean and variance from every batch it sees
moved = (bn_body[1].running_mean - before).abs().max().item()
print(f"BatchNorm1d momentum (weight of the new batch): {bn_body[1].momentum}")
# > BatchNorm1d momentum (weight of the new batch): 0.1
print(f"train mode, frozen parameters: running mean moved by up to {moved:.3f}")
# > train mode, frozen parameters: running mean moved by up to 0.061
assert moved > 0.01

bn_body.eval()  # eval mode: use the stored statistics, update nothing
before = bn_body[1].running_mean.clone()
out_in_batch = bn_body(x[:8])
out_alone = bn_body(x[:1])
assert torch.equal(bn_body[1].running_mean, before)
assert torch.allclose(out_in_batch[:1], out_alone), "an example's output ignores its batch"
print("eval mode: statistics unchanged; each output independent of its batch")
# > eval mode: statistics unchanged; each output independent of its batch

bn_body.train()
try:
    bn_body(x[:1])  # train-mode BN cannot normalise a batch of one example
except ValueError as error:
    print(f"train mode, batch of 1: {type(error).__name__}")
    # > train mode, batch of 1: ValueError
    print(f"  {error}")
    # >   Expected more than 1 value per channel when training, got input size torch.Size([1, 32])


def train_keeping_bn_frozen(model):  # call this instead of model.train() when fine-tuning
    model.train()  # dropout etc. back in training mode...
    for module in model.modules():
        if isinstance(module, (nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d)):
            module.eval()  # ...but BN keeps using, and not updating, its stored statistics
    return model


before = bn_body[1].running_mean.clone()
train_keeping_bn_frozen(bn_body)(x[:8])
assert torch.equal(bn_body[1].running_mean, before) and bn_body.training
print("train mode with BN in eval: statistics unchanged")
# > train mode with BN in eval: statistics unchanged
# --8<-- [end:batchnorm]
