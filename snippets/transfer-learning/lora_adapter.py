"""A LoRA adapter in a few lines, its parameter count, and what it does to forgetting.

Same synthetic world as `transfer_vs_scratch.py`. We pretrain a backbone with its 16-tag source
head, then adapt to the target task (200 labels) by full fine-tuning or with low-rank adapters
(Hu et al., 2021), and check two things: how many parameters each trains, and how much of the
source task the shared backbone still does afterwards (catastrophic forgetting).
"""

import math

import torch
from torch import nn

torch.set_num_threads(1)  # one core per snippet: the test runner shares the machine

SEEDS, N_TARGET, RANK = range(3), 200, 2
METHODS = ["frozen", "full, lr 1e-3", "full, lr 1e-2", "LoRA"]
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


def fit(model, params, x, y, steps, lr, loss=nn.functional.cross_entropy):
    opt = torch.optim.Adam(params, lr=lr)
    for _ in range(steps):
        opt.zero_grad()
        loss(model(x), y).backward()
        opt.step()


# --8<-- [start:lora]
class LoRALinear(nn.Module):
    """W x + b + (alpha / r) B A x, with the pretrained W and b frozen."""

    def __init__(self, base: nn.Linear, r: int, alpha: float = 1.0):
        super().__init__()
        self.base = base.requires_grad_(False)
        self.A = nn.Parameter(torch.empty(r, base.in_features))  # down-projection
        nn.init.kaiming_uniform_(self.A, a=math.sqrt(5))  # as in the reference implementation
        self.B = nn.Parameter(torch.zeros(base.out_features, r))  # zero: starts as the base
        self.scale = alpha / r
        self.enabled = True

    def forward(self, x):
        out = self.base(x)
        return out + self.scale * (x @ self.A.T @ self.B.T) if self.enabled else out

    def merged(self) -> nn.Linear:  # fold B A into W: no extra cost at inference
        layer = nn.Linear(self.base.in_features, self.base.out_features)
        with torch.no_grad():
            layer.weight.copy_(self.base.weight + self.scale * self.B @ self.A)
            layer.bias.copy_(self.base.bias)
        return layer


def add_lora(body: nn.Sequential, r: int) -> nn.Sequential:
    return nn.Sequential(*[LoRALinear(m, r) if isinstance(m, nn.Linear) else m for m in body])


# --8<-- [end:lora]


def trainable(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def target_accuracy(model, x, y):
    with torch.no_grad():
        return (model(x).argmax(1) == y).float().mean().item()


def source_accuracy(body, source_head, x, y):  # mean accuracy over the 16 source tags
    with torch.no_grad():
        return ((source_head(body(x)) > 0).float() == y).float().mean().item()


# --8<-- [start:compare]
results = []
for seed in SEEDS:
    torch.manual_seed(seed)
    world = make_world(seed)
    x_src, y_src = sample(world, 3_000, "source")
    x_src_test, y_src_test = sample(world, 2_000, "source")
    x_test, y_test = sample(world, 2_000, "target")
    x, y = sample(world, N_TARGET, "target")
    pretrained, source_head = backbone(), nn.Linear(WIDTH, N_TAGS)
    source_model = nn.Sequential(pretrained, source_head)
    bce = nn.functional.binary_cross_entropy_with_logits
    fit(source_model, source_model.parameters(), x_src, y_src, 200, 1e-2, loss=bce)
    source_head.requires_grad_(False)
    before = source_accuracy(pretrained, source_head, x_src_test, y_src_test)

    row = {"source before": before}
    for method in METHODS:
        body = backbone()
        body.load_state_dict(pretrained.state_dict())
        if method == "frozen":
            body.requires_grad_(False)
        if method == "LoRA":
            body = add_lora(body, RANK)
            with torch.no_grad():  # B = 0: the adapted network starts as the pretrained one
                assert torch.equal(body(x), pretrained(x))
        model = nn.Sequential(body, nn.Linear(WIDTH, 2))
        fit(model[1], model[1].parameters(), body(x).detach(), y, 50, 1e-2)  # head first
        lr = 1e-2 if method == "full, lr 1e-2" else 1e-3
        fit(model, [p for p in model.parameters() if p.requires_grad], x, y, 100, lr)
        row[f"{method}: target"] = target_accuracy(model, x_test, y_test)
        row[f"{method}: source after"] = source_accuracy(body, source_head, x_src_test, y_src_test)
        row[f"{method}: trainable"] = trainable(model)
    for layer in body:  # the LoRA body: switch the adapters off...
        if isinstance(layer, LoRALinear):
            layer.enabled = False
    row["LoRA off: source"] = source_accuracy(body, source_head, x_src_test, y_src_test)
    merged = nn.Sequential(*[m.merged() if isinstance(m, LoRALinear) else m for m in body])
    for layer in body:  # ...and back on, to check that merging changes no prediction
        if isinstance(layer, LoRALinear):
            layer.enabled = True
    with torch.no_grad():
        row["merge error"] = (merged(x_test) - body(x_test)).abs().max().item()
    results.append(row)

mean = {k: sum(r[k] for r in results) / len(results) for k in results[0]}
print(f"{N_TARGET} target labels; source accuracy before adapting: {mean['source before']:.3f}")
# > 200 target labels; source accuracy before adapting: 0.940
for method in METHODS:
    trains, target = mean[f"{method}: trainable"], mean[f"{method}: target"]
    source_after = mean[f"{method}: source after"]
    print(
        f"{method:<14} trains {trains:>5,.0f}: target {target:.3f}, source after {source_after:.3f}"
    )
    # > frozen         trains    66: target 0.912, source after 0.940
    # > full, lr 1e-3  trains 2,114: target 0.911, source after 0.914
    # > full, lr 1e-2  trains 2,114: target 0.904, source after 0.871
    # > LoRA           trains   318: target 0.912, source after 0.936
print(f"LoRA switched off: source {mean['LoRA off: source']:.3f}")
# > LoRA switched off: source 0.940
print(f"largest |merged - adapter| output: {max(r['merge error'] for r in results):.1e}")
# > largest |merged - adapter| output: 6.7e-06
# --8<-- [end:compare]

# --8<-- [start:checks]
for r in results:
    assert r["LoRA: trainable"] == RANK * (D_INPUT + WIDTH) + RANK * (WIDTH + WIDTH) + WIDTH * 2 + 2
    assert r["LoRA: trainable"] < 0.2 * r["full, lr 1e-3: trainable"], "under a fifth"
    assert r["LoRA: target"] > r["full, lr 1e-3: target"] - 0.02, "LoRA learns the target..."
    assert r["full, lr 1e-2: source after"] < r["full, lr 1e-3: source after"], "more lr, more loss"
    assert r["full, lr 1e-3: source after"] < r["source before"] - 0.01, "full fine-tuning forgets"
    assert r["LoRA off: source"] == r["source before"], "the base model is untouched"
    assert r["merge error"] < 1e-4, "merged weights give the same outputs"
assert mean["LoRA: target"] > mean["full, lr 1e-3: target"] - 0.005, "...as well as full FT"
targets = [mean[f"{m}: target"] for m in METHODS]
assert max(targets) - min(targets) < 0.015, "on the target all four tie within about a point"
# With the adapter on, the source task degrades a little: less than full fine-tuning.
assert mean["full, lr 1e-3: source after"] < mean["LoRA: source after"] < mean["source before"]

d = k = 4_096  # one attention projection of a 7B-parameter language model
lora = 8 * (d + k)
print(f"a {d:,} x {k:,} layer: full {d * k:,} weights, LoRA r=8 {lora:,} ({lora / (d * k):.2%})")
# > a 4,096 x 4,096 layer: full 16,777,216 weights, LoRA r=8 65,536 (0.39%)
# --8<-- [end:checks]
