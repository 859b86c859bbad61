"""The baseline: Adam on the same FFN output weights, same cases, same stopping rule.

For a fair comparison with STAR the baseline trains exactly the parameters STAR edits (the
down projections of the located blocks, located the same way, or ``layers``), on the same
loss signal (the summed cross-entropy of every target token of every case), and stops by
the same rule (as soon as every target token is the top-1 prediction under teacher
forcing), checked after every step. Only those weights require gradients; everything else
stays inference-only. The optimizer works on a float32 copy of each weight (a bfloat16 model
gets float32 Adam states) and writes the result back after each step.
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
)
from spf.neural.repair.star import SEARCH_CHOICES, choose_layers


@dataclass
class SgdConfig:
    """Options of ``--method sgd`` (all optional)."""

    layers: list[int] | None = None  # train exactly these blocks' down projections
    layer_count: int | None = None  # otherwise located like STAR (a quarter, at least one)
    search: str = "upper"
    learning_rate: float = 1e-3
    max_steps: int = 300
    weight_decay: float = 0.0

    def validate(self) -> SgdConfig:
        if self.search not in SEARCH_CHOICES:
            raise SpfError(f"search must be one of {', '.join(SEARCH_CHOICES)}")
        if self.learning_rate <= 0 or self.max_steps < 1 or self.weight_decay < 0:
            raise SpfError("learning_rate > 0, max_steps >= 1 and weight_decay >= 0 required")
        return self


def sgd(model: Any, tokenizer: Any, cases: CaseSet, config: SgdConfig) -> MethodOutcome:
    """Fine-tune the located down projections with Adam until every case is fixed."""
    import torch

    adapter, edits = cases.adapter, cases.edits
    layers, ablation = choose_layers(model, adapter, cases, config.layers, config.layer_count,
                                     config.search)
    details: dict[str, Any] = {"layers_ablation": ablation, "steps": 0}
    if not find_failures(model, cases.encoded):
        return MethodOutcome(layers=layers, details=details)
    parameters = []
    for layer in layers:
        edits.capture(layer)
        parameters.append(adapter.down_weight_parameter(layer)[0])
    masters = [parameter.detach().float().clone().requires_grad_(True)
               for parameter in parameters]
    optimizer = torch.optim.Adam(masters, lr=config.learning_rate,
                                 weight_decay=config.weight_decay)
    sequences = [(torch.tensor([item.input_ids]), item) for item in cases.encoded]
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
                logits = model(input_ids=ids.to(device_of(model))).logits[0].float()
                positions = torch.tensor(item.predict_positions, device=logits.device)
                targets = torch.tensor(item.target_ids, device=logits.device)
                loss = torch.nn.functional.cross_entropy(
                    logits[positions], targets, reduction="sum") / total_tokens
                loss.backward()
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
