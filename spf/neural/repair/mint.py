"""MINT: fix each failure by patching the value vectors of one or two FFN neurons.

Following methods.md section 2, case by case and failure by failure:

1. Teacher-force the case; take its first failing target position (model says ``a``,
   should say ``t``).
2. **Candidates**: every neuron ``j`` of the searched layers (the upper half by default) is
   scored by ``|z_j · ∂gap/∂z_j|`` at the failing position (activation times gradient of the
   logit gap ``logit_a − logit_t``); the top ``candidates`` are tried.
3. **Analytical coefficient**: neuron ``j``'s value vector moves by ``δ = c·(s_t − s_a)``
   (semantic basis). To first order the gap changes by ``c · z_j · (g·drift)`` where
   ``g = ∂gap/∂ffn_out`` is measured by autograd: the exact factor that methods.md's
   ``(W_U·drift)_t − (W_U·drift)_a`` estimates along the direct path. ``c`` closes the gap
   plus ``margin``; a trial that falls short gets ``refinements`` secant corrections.
4. **Trial and keep**: each candidate is applied alone and measured on the *hold* positions
   (every other position of the case, plus reference texts): the kept neuron is one that
   fixes the failure with the fewest changed top-1 predictions on the hold positions (ties:
   the smallest mean absolute change of the log-probabilities); the others are undone exactly.
   When no candidate fixes it, the one that shrank the gap most is kept and the loop goes on.
5. Repeat until every target token of the case is top-1, at most ``max_neurons`` neurons
   per case; on giving up, every neuron of that case is restored bit for bit.

Cases are repaired one after another on the same model (each sees the earlier patches).
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
    gap_gradients,
    semantic_directions,
    upper_half,
)

SEARCH_CHOICES = ("upper", "all")


@dataclass
class MintConfig:
    """Options of ``--method mint`` (all optional)."""

    layers: list[int] | None = None  # search neurons in exactly these blocks
    search: str = "upper"  # otherwise: "upper" half of the blocks or "all"
    candidates: int = 10  # neurons tried per failure
    margin: float = 0.5  # logits by which the target must beat the runner-up (first order)
    refinements: int = 2  # secant corrections of c when a trial falls short
    max_neurons: int = 10  # per case, then give up and restore
    max_reference_tokens: int = 1024  # hold positions from the reference texts

    def validate(self) -> "MintConfig":
        if self.search not in SEARCH_CHOICES:
            raise SpfError(f"search must be one of {', '.join(SEARCH_CHOICES)}")
        if self.candidates < 1 or self.max_neurons < 1 or self.refinements < 0:
            raise SpfError("candidates and max_neurons must be >= 1, refinements >= 0")
        if self.margin < 0:
            raise SpfError("margin must be >= 0")
        return self


class HoldProbe:
    """Top-1 predictions and log-probabilities on the hold positions of one case."""

    def __init__(self, model: Any, sequences: list[list[int]], skip: set[tuple[int, int]]):
        self.model, self.sequences, self.skip = model, sequences, skip
        self.base_top, self.base_logprobs = self.measure()

    def measure(self):
        import torch

        tops, logprobs = [], []
        with torch.no_grad():
            for index, sequence in enumerate(self.sequences):
                ids = torch.tensor([sequence], device=device_of(self.model))
                logits = self.model(input_ids=ids).logits[0].float()
                keep = [position for position in range(len(sequence))
                        if (index, position) not in self.skip]
                rows = logits[keep]
                tops.append(rows.argmax(dim=1))
                logprobs.append(rows.log_softmax(dim=1))
        return torch.cat(tops), torch.cat(logprobs)

    def collateral(self) -> tuple[int, float]:
        """(changed top-1 predictions, mean |Δ log-prob|) against the state at creation."""
        top, logprobs = self.measure()
        changed = int((top != self.base_top).sum())
        drift = float((logprobs - self.base_logprobs).abs().mean())
        return changed, drift


def _candidates(grad_by_layer: dict, edits: Any, count: int) -> list[tuple[float, int, int]]:
    """Top neurons by |z · ∂gap/∂z| over the searched layers: (score, layer, neuron)."""
    import torch

    scored = []
    for layer, grad in grad_by_layer.items():
        weight = edits.adapter.down_weight(layer).float()  # hidden x d_ff
        dz = grad.g.to(weight.device) @ weight  # ∂gap/∂z = Wᵀ g
        score = (grad.z.to(weight.device) * dz).abs()
        top = torch.topk(score, min(count, score.numel()))
        scored.extend((float(value), layer, int(index))
                      for value, index in zip(top.values, top.indices))
    scored.sort(reverse=True)
    return scored[:count]


def _case_gap(model: Any, ids: list[int], position: int, target: int) -> float:
    """``max other logit − logit[target]`` at ``position`` (> 0 while failing)."""
    import torch

    with torch.no_grad():
        logits = model(input_ids=torch.tensor([ids], device=device_of(model))).logits[0, position]
    logits = logits.float()
    target_logit = float(logits[target])
    logits[target] = float("-inf")
    return float(logits.max()) - target_logit


def repair_one_failure(model: Any, cases: CaseSet, case_index: int, failure: Any,
                       searched: list[int], config: MintConfig, probe: HoldProbe,
                       cache: dict) -> tuple[int, int, float, bool] | None:
    """Try candidates for one failure; keep the best. Returns (layer, neuron, c, fixed)."""
    edits = cases.edits
    encoded = cases.encoded[case_index]
    (grads,) = gap_gradients(model, cases.adapter, encoded, [failure], searched)
    any_layer = next(iter(grads.values()))
    (direction,) = semantic_directions(model, cases.adapter, [(failure.target, any_layer.wrong)],
                                       cache=cache)
    best = None  # (key, layer, neuron, coefficient, fixed, gap)
    for _, layer, neuron in _candidates(grads, edits, config.candidates):
        grad = grads[layer]
        z_value = float(grad.z[neuron])
        slope = z_value * float(grad.g @ direction.to(grad.g.device))
        if abs(slope) < 1e-8:
            continue
        original = edits.neuron_values(layer, neuron)
        coefficient = -(grad.gap + config.margin) / slope
        gap = None
        previous: tuple[float, float] | None = (0.0, grad.gap)
        for attempt in range(config.refinements + 1):
            edits.set_neuron(layer, neuron, original + coefficient * direction.to(original.device))
            gap = _case_gap(model, encoded.input_ids, failure.position, failure.target)
            if gap < 0 or attempt == config.refinements:
                break
            # secant step on the measured gap(c), aiming at -margin
            last_c, last_gap = previous
            if abs(gap - last_gap) < 1e-9:
                break
            previous = (coefficient, gap)
            coefficient = coefficient + (-config.margin - gap) * (coefficient - last_c) / (
                gap - last_gap)
        fixed = gap is not None and gap < 0
        if fixed:
            changed, drift = probe.collateral()
            key = (0, changed, drift)
        else:
            key = (1, gap, 0.0)
        if best is None or key < best[0]:
            best = (key, layer, neuron, coefficient, fixed, gap)
        edits.set_neuron(layer, neuron, original)  # undo the trial exactly
    if best is None:
        return None
    _, layer, neuron, coefficient, fixed, gap = best
    if not fixed and gap >= failure.gap:  # nothing helped
        return None
    original = edits.neuron_values(layer, neuron)
    edits.set_neuron(layer, neuron, original + coefficient * direction.to(original.device))
    return layer, neuron, coefficient, fixed


def mint(model: Any, tokenizer: Any, cases: CaseSet, config: MintConfig) -> MethodOutcome:
    """Repair each case with as few neurons as it takes (see the module docstring)."""
    from spf.neural.patch import WeightRecorder

    adapter = cases.adapter
    if config.layers:
        for layer in config.layers:
            if not 0 <= layer < adapter.num_layers:
                raise SpfError(f"layer {layer} out of range",
                               hint=f"the model has {adapter.num_layers} blocks")
        searched = sorted(set(config.layers))
    else:
        searched = (upper_half(adapter.num_layers) if config.search == "upper"
                    else list(range(adapter.num_layers)))
    reference = []
    budget = config.max_reference_tokens
    for sequence in cases.reference:
        if budget <= 0:
            break
        reference.append(list(sequence[:budget]))
        budget -= len(sequence)
    cache: dict = {}
    neurons_per_case: dict[str, int] = {}
    gave_up: list[str] = []
    touched_layers: set[int] = set()
    for case_index, encoded in enumerate(cases.encoded):
        cases.report_progress("mint", case_index, len(cases.encoded))
        failures = find_failures(model, cases.encoded, indices=[case_index], min_margin=1e-4)
        if not failures:
            neurons_per_case[encoded.case.id] = 0
            continue
        # a private recorder of this case's edits, so giving up restores exactly them
        case_recorder = WeightRecorder(model)
        case_edits = _CaseEdits(cases.edits, case_recorder)
        skip = {(0, failure.position) for failure in failures}
        probe = HoldProbe(model, [list(encoded.input_ids)] + reference, skip)
        used: list[tuple[int, int]] = []
        while failures and len(used) < config.max_neurons:
            kept = repair_one_failure(model, _with_edits(cases, case_edits), case_index,
                                      failures[0], searched, config, probe, cache)
            if kept is None:
                break
            layer, neuron, _, _ = kept
            if (layer, neuron) not in used:
                used.append((layer, neuron))
            failures = find_failures(model, cases.encoded, indices=[case_index],
                                     min_margin=1e-4)
        if failures:
            case_recorder.restore()
            gave_up.append(encoded.case.id)
            neurons_per_case[encoded.case.id] = 0
        else:
            neurons_per_case[encoded.case.id] = len(used)
            touched_layers.update(layer for layer, _ in used)
    cases.report_progress("mint", len(cases.encoded), len(cases.encoded))
    fixed_counts = sorted(count for case_id, count in neurons_per_case.items()
                          if case_id not in gave_up and count > 0)
    median = fixed_counts[len(fixed_counts) // 2] if fixed_counts else None
    if fixed_counts and len(fixed_counts) % 2 == 0:
        median = (fixed_counts[len(fixed_counts) // 2 - 1] + fixed_counts[len(fixed_counts) // 2]) / 2
    return MethodOutcome(layers=sorted(touched_layers), gave_up=gave_up,
                         details={"searched_layers": searched,
                                  "neurons_per_case": neurons_per_case,
                                  "median_neurons_per_repaired_case": median})


class _CaseEdits:
    """The run's ``DownWeights``, also recording into a per-case recorder (for give-up)."""

    def __init__(self, edits: Any, case_recorder: Any):
        self._edits, self._case_recorder = edits, case_recorder
        self.adapter = edits.adapter

    def neuron_values(self, layer: int, neuron: int):
        return self._edits.neuron_values(layer, neuron)

    def set_neuron(self, layer: int, neuron: int, vector) -> None:
        name, axis = self._edits._names[layer]
        self._case_recorder.capture(name, axis, [neuron], layer=layer)
        self._edits.set_neuron(layer, neuron, vector)


def _with_edits(cases: CaseSet, edits: Any) -> CaseSet:
    view = CaseSet(cases, cases.encoded, cases.reference, cases.progress)
    view.adapter, view.edits = cases.adapter, edits
    return view
