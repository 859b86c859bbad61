"""What every repair method shares: failures, gap gradients, hold statistics, layer location.

Vocabulary used in all three methods:

- a **failure** is one target position of one case where the model's top-1 token ``wrong``
  differs from the ``target`` token (teacher forcing); its **gap** is
  ``logit[wrong] - logit[target]`` (> 0 while it fails);
- the **ffn output** of layer ``l`` at position ``p`` is ``W_l @ z_{l,p}`` (``W_l`` the down
  projection, hidden x d_ff, ``z`` the neuron activations); changing ``W_l`` by ``dW`` moves it
  by ``dW @ z``;
- ``g_{l,p} = d gap / d ffn_out_{l,p}`` is measured with autograd through a zero *probe*
  added to the down projection's output, so it includes the later blocks and the final norm
  (the exact first-order factor, where methods.md's ``(W_U·drift)_t − (W_U·drift)_a`` is the
  direct-path estimate of the same quantity);
- **hold rows** are positions whose predictions must not move: every non-failing position of
  the cases' own sequences and every position of the reference texts. Methods protect them
  through their activation second moment ``C = Σ z zᵀ`` (covariance-weighted solves).

Everything numeric runs in float32, whatever the model's dtype; each tensor is moved to the
device of the weight it touches, so ``device_map="auto"`` sharded models work unchanged.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from spf.errors import SpfError
from spf.neural.cases import EncodedCase, RepairCase, score_cases
from spf.neural.patch import WeightRecorder

ProgressCallback = Callable[[str, float, float], None]  # (description, completed, total)


class CaseSet(list):
    """The cases handed to a repair method: a list of ``RepairCase`` plus what they need.

    ``encoded`` are the tokenized cases (same order), ``reference`` token sequences of
    reference texts whose predictions the repair should keep (hold rows), and ``progress``
    a callback ``(description, completed, total)`` for progress bars (may be None).
    The cases from index ``keep_from`` on are *keep* cases: already right, to stay right
    (``repair(..., keep=...)``); a method enforces them like any case but has nothing to
    fix there, and layer location looks at the repair cases only (``repair_encoded``).
    """

    def __init__(self, cases: Sequence[RepairCase], encoded: Sequence[EncodedCase],
                 reference: Sequence[Sequence[int]] = (), progress: ProgressCallback | None = None,
                 keep_from: int | None = None):
        super().__init__(cases)
        self.encoded = list(encoded)
        self.reference = [list(sequence) for sequence in reference]
        self.progress = progress
        self.keep_from = len(self.encoded) if keep_from is None else keep_from

    @property
    def repair_encoded(self) -> list[EncodedCase]:
        """The encoded cases to fix (without the keep cases)."""
        return self.encoded[: self.keep_from]

    def report_progress(self, description: str, completed: float, total: float) -> None:
        if self.progress is not None:
            self.progress(description, completed, total)


@dataclass
class Failure:
    """One wrong teacher-forced prediction."""

    case: int  # index into CaseSet.encoded
    position: int  # sequence position whose logits should predict ``target``
    target: int
    wrong: int
    gap: float  # logit[wrong] - logit[target]


@dataclass
class MethodOutcome:
    """What a method returns to ``repair``: the patch is built from the recorder."""

    layers: list[int]
    details: dict[str, Any] = field(default_factory=dict)
    gave_up: list[str] = field(default_factory=list)  # ids of cases a method restored


def find_failures(model: Any, encoded: Sequence[EncodedCase], *, min_margin: float = 0.0,
                  indices: Sequence[int] | None = None) -> list[Failure]:
    """Teacher-force the cases; every target position whose margin is <= ``min_margin`` fails."""
    indices = list(range(len(encoded))) if indices is None else list(indices)
    scores = score_cases(model, [encoded[index] for index in indices])
    failures = []
    for index, score in zip(indices, scores):
        item = encoded[index]
        for offset, (prediction, margin) in enumerate(zip(score.predictions, score.margins)):
            if margin <= min_margin:
                target = item.target_ids[offset]
                wrong = prediction
                if wrong == target:  # fixed but within the safety margin: the runner-up
                    wrong = -1
                failures.append(Failure(case=index, position=item.target_start - 1 + offset,
                                        target=target, wrong=wrong, gap=-margin))
    return failures


def device_of(model: Any):
    return model.get_input_embeddings().weight.device


@contextlib.contextmanager
def frozen_parameters(model: Any, trainable: Sequence[Any] = ()) -> Iterator[None]:
    """Turn gradients off everywhere except ``trainable`` parameters; restore afterwards."""
    previous = [(parameter, parameter.requires_grad) for parameter in model.parameters()]
    keep = {id(parameter) for parameter in trainable}
    try:
        for parameter, _ in previous:
            parameter.requires_grad_(id(parameter) in keep)
        yield
    finally:
        for parameter, flag in previous:
            parameter.requires_grad_(flag)


@contextlib.contextmanager
def ffn_probes(adapter: Any, layers: Sequence[int], *, with_probe: bool = True
               ) -> Iterator[dict[int, dict[str, Any]]]:
    """Record ``z`` (detached) and add a zero probe (requires grad) to each down projection.

    After ``backward()``, ``records[l]["probe"].grad`` is ``d loss / d ffn_out_l``.
    """
    import torch

    records: dict[int, dict[str, Any]] = {}

    def make_hook(layer: int):
        def hook(module, args, output):
            z = args[0] if args else None
            entry = records.setdefault(layer, {})
            entry["z"] = z.detach() if z is not None else None
            if not with_probe:
                return None
            tensor = output[0] if isinstance(output, tuple) else output
            probe = torch.zeros_like(tensor, requires_grad=True)
            entry["probe"] = probe
            shifted = tensor + probe
            return (shifted, *output[1:]) if isinstance(output, tuple) else shifted

        return hook

    handles = []
    try:
        for layer in layers:
            handles.append(adapter.down_projection(layer).register_forward_hook(make_hook(layer)))
        yield records
    finally:
        for handle in handles:
            handle.remove()


@dataclass
class FailureGradient:
    """For one failure and one layer: ``z`` at the failing position and ``g = d gap / d ffn_out``."""

    z: Any  # (d_ff,) float32
    g: Any  # (hidden,) float32
    gap: float
    wrong: int


def gap_gradients(model: Any, adapter: Any, encoded: EncodedCase, failures: Sequence[Failure],
                  layers: Sequence[int]) -> list[dict[int, FailureGradient]]:
    """``z`` and ``g`` per layer for each failure of one case (one forward, one backward each).

    The wrong token is re-read from this forward pass (a failure whose ``wrong`` is -1, fixed
    but inside the safety margin, uses the runner-up).
    """
    import torch

    ids = torch.tensor([encoded.input_ids], device=device_of(model))
    results: list[dict[int, FailureGradient]] = []
    with ffn_probes(adapter, layers) as records, torch.enable_grad():
        logits = model(input_ids=ids).logits[0].float()
        for number, failure in enumerate(failures):
            row = logits[failure.position]
            masked = row.detach().clone()
            masked[failure.target] = float("-inf")
            wrong = int(masked.argmax())
            gap = row[wrong] - row[failure.target]
            probes = [records[layer]["probe"] for layer in layers]
            grads = torch.autograd.grad(gap, probes, retain_graph=number < len(failures) - 1)
            entry = {}
            for layer, grad in zip(layers, grads):
                entry[layer] = FailureGradient(
                    z=records[layer]["z"][0, failure.position].float(),
                    g=grad[0, failure.position].float(), gap=float(gap.detach()), wrong=wrong)
            results.append(entry)
    return results


def semantic_directions(model: Any, adapter: Any, pairs: Sequence[tuple[int, int]], *,
                        cache: dict | None = None) -> list[Any]:
    """``s_target - s_wrong`` for each (target, wrong) pair, from the semantic basis.

    Uses ``spf.neural.semantics.semantic_basis`` (post-norm space, cached per model); the
    direction only fixes *where* a shift points, its size comes from the measured gradient.
    """
    cache = {} if cache is None else cache
    basis = cache.get("basis")
    if basis is None:
        basis = _semantic_basis(model, adapter)
        cache["basis"] = basis
    return [(basis[target] - basis[wrong]).float() for target, wrong in pairs]


def _semantic_basis(model: Any, adapter: Any):
    try:
        from spf.neural.semantics import semantic_basis
    except ImportError:  # the semantics module is engineer D's; fall back to the formula
        semantic_basis = None
    if semantic_basis is not None:
        return semantic_basis(model).float()
    import torch

    head = adapter.lm_head_weight.float()  # on the head's device
    gain, _ = adapter.final_norm_affine()
    if gain is not None:
        head = head * gain.float().to(head.device)[None, :]
    gram = head.T @ head
    return torch.linalg.solve(gram, head.T).T  # s_i = (W^T W)^-1 w_i


def desired_shift(gradient: FailureGradient, direction: Any, target_gap_change: float):
    """The ffn-output shift along ``direction`` that changes the gap by ``target_gap_change``.

    First order: ``gap(shift) ≈ gap + g·shift``. When the semantic direction does not reduce
    the gap to first order (``g·direction >= 0`` or tiny), the steepest direction ``-g`` is used.
    """
    g = gradient.g
    direction = direction.to(g.device)
    slope = float(g @ direction)
    g_norm = float(g.norm())
    if slope < -1e-3 * g_norm * float(direction.norm()):
        return direction * (target_gap_change / slope)
    return g * (target_gap_change / max(g_norm ** 2, 1e-12))


# ---------------------------------------------------------------- holds and layers


def first_tokens(sequences: Sequence[Sequence[int]], budget: int) -> list[list[int]]:
    """The sequences in order until ``budget`` tokens are taken (the last one cut to fit)."""
    taken = []
    for sequence in sequences:
        if budget <= 0:
            break
        taken.append(list(sequence[:budget]))
        budget -= len(sequence)
    return taken


def hold_sequences(cases: CaseSet, *, max_reference_tokens: int = 4096) -> list[list[int]]:
    """The token sequences whose positions are hold rows: the cases' and the reference texts'."""
    return ([list(item.input_ids) for item in cases.encoded]
            + first_tokens(cases.reference, max_reference_tokens))


def hold_second_moments(model: Any, adapter: Any, sequences: Sequence[Sequence[int]],
                        layers: Sequence[int], *, exclude: dict[int, set[int]] | None = None,
                        ) -> dict[int, tuple[Any, int]]:
    """``C_l = Σ z zᵀ`` over every hold position (float32), and the number of rows, per layer.

    ``exclude`` maps a sequence index to positions that are not hold rows (the failures).
    """
    import torch

    moments: dict[int, Any] = {}
    rows = 0
    exclude = exclude or {}
    with torch.no_grad(), ffn_probes(adapter, layers, with_probe=False) as records:
        for index, sequence in enumerate(sequences):
            ids = torch.tensor([list(sequence)], device=device_of(model))
            model(input_ids=ids)
            skip = exclude.get(index, set())
            keep = [position for position in range(len(sequence)) if position not in skip]
            rows += len(keep)
            for layer in layers:
                z = records[layer]["z"][0, keep].float()
                moment = z.T @ z
                moments[layer] = moment if layer not in moments else moments[layer] + moment
    return {layer: (moments[layer], rows) for layer in layers}


def target_cross_entropy(model: Any, encoded: Sequence[EncodedCase], *, grad: bool = False):
    """Summed cross-entropy of every target token of every case (teacher forcing)."""
    import torch

    total = None
    context = torch.enable_grad() if grad else torch.no_grad()
    with context:
        for item in encoded:
            ids = torch.tensor([item.input_ids], device=device_of(model))
            logits = model(input_ids=ids).logits[0].float()
            positions = torch.tensor(item.predict_positions, device=logits.device)
            targets = torch.tensor(item.target_ids, device=logits.device)
            loss = torch.nn.functional.cross_entropy(logits[positions], targets, reduction="sum")
            total = loss if total is None else total + loss
    return total


def locate_layers(model: Any, adapter: Any, encoded: Sequence[EncodedCase], *,
                  count: int, candidates: Sequence[int] | None = None) -> tuple[list[int], dict]:
    """Rank layers by how much ablating their FFN raises the targets' cross-entropy.

    Returns the top ``count`` layers (sorted) and the increase per candidate layer.
    """
    candidates = list(range(adapter.num_layers)) if candidates is None else list(candidates)
    baseline = float(target_cross_entropy(model, encoded))
    increase = {}
    for layer in candidates:
        with adapter.ablate_ffn(layer):
            increase[layer] = float(target_cross_entropy(model, encoded)) - baseline
    ranked = sorted(candidates, key=lambda layer: increase[layer], reverse=True)
    return sorted(ranked[:count]), {str(layer): round(value, 4)
                                    for layer, value in increase.items()}


def upper_half(num_layers: int) -> list[int]:
    """The upper half of the blocks (methods.md: where MINT searches for neurons)."""
    return list(range(num_layers // 2, num_layers))


# ---------------------------------------------------------------- weights


class DownWeights:
    """Reads and writes down-projection weights as float32 (hidden x d_ff), recording bases.

    Every write goes through the ``WeightRecorder`` first, so the patch and the restore on
    give-up know the original values.
    """

    def __init__(self, model: Any, adapter: Any, recorder: WeightRecorder):
        self.model, self.adapter, self.recorder = model, adapter, recorder
        names = {id(parameter): name for name, parameter in model.named_parameters()}
        self._names: dict[int, tuple[str, int]] = {}
        for layer in range(adapter.num_layers):
            parameter, transposed = adapter.down_weight_parameter(layer)
            if id(parameter) not in names:
                raise SpfError(f"down projection of layer {layer} is not a model parameter")
            self._names[layer] = (names[id(parameter)], 0 if transposed else 1)

    def parameter(self, layer: int):
        return self.adapter.down_weight_parameter(layer)[0]

    def capture(self, layer: int, neurons: Sequence[int] | None = None) -> None:
        name, axis = self._names[layer]
        self.recorder.capture(name, axis, neurons, layer=layer)

    def read(self, layer: int):
        """A float32 copy of ``W_l`` (hidden x d_ff)."""
        return self.adapter.down_weight(layer).float().clone()

    def write(self, layer: int, weight) -> None:
        """``W_l = weight`` (hidden x d_ff), recording the base first."""
        parameter, _ = self.adapter.down_weight_parameter(layer)
        self.capture(layer)
        self.adapter.set_down_weight(layer, weight.to(device=parameter.device,
                                                      dtype=parameter.dtype))

    def add(self, layer: int, delta) -> None:
        """``W_l += delta`` (hidden x d_ff, any device/dtype), recording the base first."""
        import torch

        self.capture(layer)
        parameter, transposed = self.adapter.down_weight_parameter(layer)
        delta = delta.to(device=parameter.device, dtype=torch.float32)
        with torch.no_grad():
            updated = parameter.float() + (delta.T if transposed else delta)
            parameter.copy_(updated.to(parameter.dtype))

    def add_to_neuron(self, layer: int, neuron: int, vector) -> None:
        """Add ``vector`` (hidden,) to neuron ``neuron``'s value vector."""
        import torch

        self.capture(layer, [neuron])
        parameter, transposed = self.adapter.down_weight_parameter(layer)
        vector = vector.to(device=parameter.device, dtype=torch.float32)
        with torch.no_grad():
            if transposed:
                parameter[neuron, :] = (parameter[neuron, :].float() + vector).to(parameter.dtype)
            else:
                parameter[:, neuron] = (parameter[:, neuron].float() + vector).to(parameter.dtype)

    def neuron_values(self, layer: int, neuron: int):
        return self.adapter.down_weight(layer)[:, neuron].float().clone()

    def set_neuron(self, layer: int, neuron: int, vector) -> None:
        import torch

        self.capture(layer, [neuron])
        parameter, transposed = self.adapter.down_weight_parameter(layer)
        with torch.no_grad():
            if transposed:
                parameter[neuron, :] = vector.to(device=parameter.device, dtype=parameter.dtype)
            else:
                parameter[:, neuron] = vector.to(device=parameter.device, dtype=parameter.dtype)


class Stopwatch:
    """Wall time of the repair itself (model loading and evaluation excluded)."""

    def __init__(self) -> None:
        self.started = time.perf_counter()

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started
