"""The baseline: Adam on the same FFN output weights, same cases, same stopping rule.

For a fair comparison with STAR the baseline trains exactly the parameters STAR edits (the
down projections of the located blocks, located the same way, or ``layers``), on the same
loss signal (the summed cross-entropy of every target token of every case), and stops by
the same rule (as soon as every target token is the top-1 prediction under teacher
forcing), checked after every step. Only those weights require gradients; everything else
stays inference-only. The optimizer works on a float32 copy of each weight (a bfloat16 model
gets float32 Adam states) and writes the result back after each step.

``preserve`` gives the baseline the information STAR gets: the same hold rows (every
non-failing position of the cases' own sequences and ``max_reference_tokens`` of the
reference texts), as a preservation loss added to the cross-entropy: ``"kl"``, the KL
divergence of each hold position's next-token distribution from the base model's, or
``"ce"``, the cross-entropy of the base model's top-1 token there (a memory-light form:
``"kl"`` keeps hold positions x vocabulary float32 log-probabilities). Each step uses
``hold_batch`` of the hold sequences in turn (0: all), weighted by ``preserve_weight``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spf.errors import SpfError
from spf.neural.repair.common import (
    CaseSet,
    MethodOutcome,
    device_of,
    find_failures,
    frozen_parameters,
    hold_sequences,
)
from spf.neural.repair.star import SEARCH_CHOICES, choose_layers

PRESERVE_CHOICES = ("none", "kl", "ce")


@dataclass
class SgdConfig:
    """Options of ``--method sgd`` (all optional)."""

    layers: list[int] | None = None  # train exactly these blocks' down projections
    layer_count: int | None = None  # otherwise located like STAR (a quarter, at least one)
    search: str = "upper"
    learning_rate: float = 1e-3
    max_steps: int = 300
    weight_decay: float = 0.0
    preserve: str = "none"  # "none", "kl" or "ce": a loss keeping the hold rows' predictions
    preserve_weight: float = 1.0
    max_reference_tokens: int = 4096  # hold rows from the reference texts (as STAR's)
    hold_batch: int = 8  # hold sequences per step, taken in turn (0: all of them)

    def validate(self) -> SgdConfig:
        if self.search not in SEARCH_CHOICES:
            raise SpfError(f"search must be one of {', '.join(SEARCH_CHOICES)}")
        if self.preserve not in PRESERVE_CHOICES:
            raise SpfError(f"preserve must be one of {', '.join(PRESERVE_CHOICES)}")
        if self.preserve_weight < 0 or self.max_reference_tokens < 0 or self.hold_batch < 0:
            raise SpfError("preserve_weight, max_reference_tokens and hold_batch must be >= 0")
        if self.learning_rate <= 0 or self.max_steps < 1 or self.weight_decay < 0:
            raise SpfError("learning_rate > 0, max_steps >= 1 and weight_decay >= 0 required")
        return self


def sgd(model: Any, tokenizer: Any, cases: CaseSet, config: SgdConfig) -> MethodOutcome:
    """Fine-tune the located down projections with Adam until every case is fixed."""
    import torch

    adapter, edits = cases.adapter, cases.edits
    layers, ablation = choose_layers(model, adapter, cases, config.layers, config.layer_count,
                                     config.search)
    details: dict[str, Any] = {"layers_ablation": ablation, "steps": 0, "reference_tokens": 0}
    failures = find_failures(model, cases.encoded)
    if not failures:
        return MethodOutcome(layers=layers, details=details)
    holds = _hold_rows(model, cases, failures, config) if config.preserve != "none" else []
    if holds:
        details["reference_tokens"] = sum(len(ids[0]) for ids, _, _ in holds) - sum(
            len(item.input_ids) for item in cases.encoded)
        details["hold_rows"] = sum(len(positions) for _, positions, _ in holds)
    parameters = []
    for layer in layers:
        edits.capture(layer)
        parameters.append(adapter.down_weight_parameter(layer)[0])
    masters = [parameter.detach().float().clone().requires_grad_(True)
               for parameter in parameters]
    optimizer = torch.optim.Adam(masters, lr=config.learning_rate,
                                 weight_decay=config.weight_decay)
    sequences = [(torch.tensor([item.input_ids], device=device_of(model)), item)
                 for item in cases.encoded]
    steps = 0
    with frozen_parameters(model, parameters):
        for step in range(config.max_steps):
            cases.report_progress("sgd", step, config.max_steps)
            optimizer.zero_grad(set_to_none=True)
            for parameter, master in zip(parameters, masters):
                with torch.no_grad():
                    parameter.copy_(master.to(parameter.dtype))
                parameter.grad = None
            total_tokens = sum(len(item.target_ids) for _, item in sequences)
            for ids, item in sequences:
                logits = model(input_ids=ids).logits[0].float()
                positions = torch.tensor(item.predict_positions, device=logits.device)
                targets = torch.tensor(item.target_ids, device=logits.device)
                loss = torch.nn.functional.cross_entropy(
                    logits[positions], targets, reduction="sum") / total_tokens
                loss.backward()
            if holds:
                count = len(holds) if not config.hold_batch else min(config.hold_batch,
                                                                       len(holds))
                chosen = [holds[(step * count + k) % len(holds)] for k in range(count)]
                rows = sum(len(positions) for _, positions, _ in chosen)
                for ids, positions, base in chosen:
                    logits = model(input_ids=ids).logits[0].float()
                    now = logits[positions].log_softmax(-1)
                    if config.preserve == "kl":  # KL(base || now), summed over the vocabulary
                        term = (base.exp() * (base - now)).sum()
                    else:
                        term = torch.nn.functional.nll_loss(now, base, reduction="sum")
                    (config.preserve_weight * term / rows).backward()
            for parameter, master in zip(parameters, masters):
                master.grad = parameter.grad.float().to(master.device)
            optimizer.step()
            steps += 1
            with torch.no_grad():
                for parameter, master in zip(parameters, masters):
                    parameter.copy_(master.to(parameter.dtype))
            if not find_failures(model, cases.encoded, min_margin=1e-4):
                break
    for parameter in parameters:
        parameter.grad = None
    cases.report_progress("sgd", config.max_steps, config.max_steps)
    details.update(steps=steps, failures_after=len(find_failures(model, cases.encoded)))
    return MethodOutcome(layers=layers, details=details)


def _hold_rows(model: Any, cases: CaseSet, failures, config: SgdConfig) -> list[tuple]:
    """``(ids, positions, base)`` per hold sequence: the base model's log-probabilities
    (``kl``) or top-1 tokens (``ce``) at every position except the failing ones."""
    import torch

    failing: dict[int, set[int]] = {}
    for failure in failures:
        failing.setdefault(failure.case, set()).add(failure.position)
    rows = []
    with torch.no_grad():
        for index, sequence in enumerate(
                hold_sequences(cases, max_reference_tokens=config.max_reference_tokens)):
            keep = [p for p in range(len(sequence)) if p not in failing.get(index, set())]
            if not keep:
                continue
            ids = torch.tensor([list(sequence)], device=device_of(model))
            logits = model(input_ids=ids).logits[0].float()
            positions = torch.tensor(keep, device=logits.device)
            chosen = logits[positions]
            base = chosen.log_softmax(-1) if config.preserve == "kl" else chosen.argmax(-1)
            rows.append((ids, positions, base))  # on the devices that use them, not the CPU
    return rows
