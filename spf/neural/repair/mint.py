"""MINT: fix each failure by patching the value vectors of one or two FFN neurons.

Following methods.md section 2, case by case and failure by failure:

1. Teacher-force the case; take its first failing target position (model says ``a``,
   should say ``t``).
2. **Candidates** (``selection``): methods.md's attribution, every neuron ``j`` of the searched
   layers (every block by default; the reference code's upper half with
   ``search="upper"``) scored by ``|z_j · ∂gap/∂z_j|`` at the failing position
   (activation times gradient of the logit gap ``logit_a − logit_t``), and the most
   *selective* neurons, ``z_p² |g|² / mean_hold(z²)`` (the gap a change closes at the failure
   per unit of change it causes on the hold positions). ``mixed`` tries half of each;
   ``protected`` (the default) ranks a four times wider pool of both by the closed-form cost
   of the least-disturbance fix through that neuron (``_protected_solve``) and tries the
   ``candidates`` cheapest.
3. **Analytical coefficient**: neuron ``j``'s value vector moves by ``δ = c·d``, ``d`` the
   semantic direction ``s_t − s_a`` (semantic basis), the steepest direction ``−g/|g|``, or
   the *protected* direction ``−A_j⁻¹g`` (``direction``: one of them, ``both`` = the first
   two, ``all`` = the three, ``gradient+protected`` = all but the semantic one, each
   tried). To first order the gap changes by ``c · z_j · (g·d)`` where
   ``g = ∂gap/∂ffn_out`` is measured by autograd: the exact factor
   that methods.md's ``(W_U·drift)_t − (W_U·drift)_a`` estimates along the direct path. ``c``
   closes the gap plus ``margin`` (at most ``max_change`` times the value vector's norm); a
   trial that falls short gets ``refinements`` secant corrections on the measured gap.
4. **Trial and keep**: each candidate is applied alone and measured on the *hold* positions:
   every case's sequence (minus the positions failing at the start), the reference texts
   (``max_reference_tokens``) and, per case, ``risk_windows`` windows (none by default) of the
   reference where
   the model rightly predicts the failures' tokens ``a`` or ``t``, the predictions such an
   edit threatens most (``RiskIndex``). Collateral = hold positions whose top-1 was the
   actual next token and no longer is. A trial is never kept when it breaks another target
   token of the case that is right (that would make the case oscillate), a keep case's
   token, or more than ``max_collateral`` of the right hold predictions (then it is retried
   ``backoff`` times at half the change, a partial fix; none by default). Among the rest, a fixing candidate
   with the least collateral wins (ties: the smallest mean change of the log-probabilities),
   else the one that shrank the gap most; the others are undone exactly. When every
   candidate breaks too much, the failure is retried with more candidates and twice the
   allowance (``max_relax`` times; off by default, it changed nothing measured).
5. Repeat until every target token of the case is top-1, at most ``max_neurons`` distinct
   neurons and twice as many edits per case; on giving up, every neuron of that case is
   restored bit for bit.

The protected solves use statistics over the right predictions of the hold positions plus
``protect_tokens`` more reference tokens. Cases are repaired one after another on the same
model (each sees the earlier patches). Hold measurements skip the blocks below the searched
ones by replaying their recorded outputs (``Adapter.prefix_replay``), which is exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spf.errors import SpfError
from spf.neural.cases import padded_batches, score_cases
from spf.neural.repair.common import (
    CaseSet,
    MethodOutcome,
    device_of,
    find_failures,
    first_tokens,
    gap_gradients,
    semantic_directions,
    upper_half,
)

SEARCH_CHOICES = ("upper", "all")
DIRECTION_CHOICES = ("semantic", "gradient", "protected", "both", "all", "gradient+protected")
#: the directions each ``direction`` choice tries (``gradient+protected``: ``all`` without the
#: semantic one, for the ablation)
DIRECTION_SETS = {"semantic": {"semantic"}, "gradient": {"gradient"}, "protected": {"protected"},
                  "both": {"semantic", "gradient"}, "all": {"semantic", "gradient", "protected"},
                  "gradient+protected": {"gradient", "protected"}}
SELECTION_CHOICES = ("attribution", "selective", "mixed", "protected")
VARIANT_CHOICES = ("spf", "paper")
#: ``variant="paper"``: the published method (methods.md section 2, the MENT abstract, the
#: authors' reference code jianguda/toolkit: attribution candidates in the upper half, the
#: semantic direction s_t − s_a with an adaptive coefficient, candidates re-ranked by a
#: trial edit), i.e. spf's protections off. Applied to the options left at spf's defaults.
PAPER_OPTIONS = {"selection": "attribution", "direction": "semantic", "search": "upper",
                 "protect_tokens": 0, "max_collateral": 1.0, "backoff": 0}


@dataclass
class MintConfig:
    """Options of ``--method mint`` (all optional)."""

    layers: list[int] | None = None  # search neurons in exactly these blocks
    search: str = "all"  # every block, or the "upper" half (the reference code's choice)
    candidates: int = 10  # neurons tried per failure
    margin: float = 0.25  # logits by which the target must beat the runner-up (first order)
    refinements: int = 2  # secant corrections of c when a trial falls short
    max_neurons: int = 10  # per case, then give up and restore
    max_reference_tokens: int = 1024  # hold positions from the reference texts
    selection: str = "protected"  # "attribution", "selective", "mixed" (half each) or
    # "protected" (a wider pool of both ranked by the least-disturbance cost)
    direction: str = "all"  # "semantic" (s_t − s_a), "gradient", "protected", "both" (the first
    # two) or "all" (the three)
    protect_ridge: float = 0.01  # ridge of the protected direction's solve, relative
    protect_tokens: int = 8192  # more reference tokens for the protected solves' statistics
    max_collateral: float = 0.05  # reject a neuron breaking more right hold predictions than this
    max_relax: int = 0  # when every candidate breaks too much: retry with 2x, 4x... the allowance
    backoff: int = 0  # a trial over the allowance is retried this many times at half the change
    max_change: float | None = None  # |δ| at most this times the value vector's norm
    risk_windows: int = 0  # extra hold windows per case where a failure's tokens are right
    risk_window_tokens: int = 64  # length of each such window
    scan_reference_tokens: int = 32768  # reference tokens scanned for those windows
    variant: str = "spf"  # "paper": PAPER_OPTIONS for the options left at their defaults

    def validate(self) -> MintConfig:
        if self.variant not in VARIANT_CHOICES:
            raise SpfError(f"variant must be one of {', '.join(VARIANT_CHOICES)}")
        if self.variant == "paper":
            for name, value in PAPER_OPTIONS.items():
                if getattr(self, name) == getattr(MintConfig, name):
                    setattr(self, name, value)
        if self.search not in SEARCH_CHOICES:
            raise SpfError(f"search must be one of {', '.join(SEARCH_CHOICES)}")
        if self.candidates < 1 or self.max_neurons < 1 or self.refinements < 0:
            raise SpfError("candidates and max_neurons must be >= 1, refinements >= 0")
        if self.margin < 0:
            raise SpfError("margin must be >= 0")
        if self.direction not in DIRECTION_CHOICES:
            raise SpfError(f"direction must be one of {', '.join(DIRECTION_CHOICES)}")
        if self.selection not in SELECTION_CHOICES:
            raise SpfError(f"selection must be one of {', '.join(SELECTION_CHOICES)}")
        if not 0 <= self.max_collateral <= 1:
            raise SpfError("max_collateral is a fraction between 0 and 1")
        if self.max_change is not None and self.max_change <= 0:
            raise SpfError("max_change must be > 0")
        if self.backoff < 0 or self.max_relax < 0:
            raise SpfError("backoff and max_relax must be >= 0")
        if self.protect_tokens < 0:
            raise SpfError("protect_tokens must be >= 0")
        if self.protect_ridge <= 0:
            raise SpfError("protect_ridge must be > 0")
        if self.risk_windows < 0 or self.scan_reference_tokens < 0 or self.risk_window_tokens < 2:
            raise SpfError("risk_windows and scan_reference_tokens must be >= 0, "
                           "risk_window_tokens >= 2")
        return self


class HoldProbe:
    """Top-1 predictions and log-probabilities on the hold positions of one case.

    Collateral counts the hold positions whose top-1 was the text's actual next token and no
    longer is: the predictions the model gets right are what specificity protects; a flip
    between two wrong, low-confidence guesses is not counted (it still enters the tie-break,
    the mean change of the log-probabilities over every hold position).
    """

    def __init__(self, model: Any, sequences: list[list[int]], skip: set[tuple[int, int]],
                 strict: set[tuple[int, int]] = frozenset(), *, replay: Any = None,
                 batch_size: int = 16):
        import torch

        self.model, self.sequences = model, sequences
        self.replay = replay  # adapter.prefix_replay(n): the blocks no trial touches
        self.statistics: HoldProbe | None = None  # a larger hold set for protection()
        # (sequence indices, ids, mask), fixed so that the replay keys stay valid
        self.batches = padded_batches(sequences, batch_size)
        # the hold positions of each sequence (the skipped ones left out), in measure's order
        self.kept = [[position for position in range(len(sequence)) if (index, position) not in skip]
                     for index, sequence in enumerate(sequences)]
        self.base_top, self.base_logprobs = self.measure(record=True)
        following, strict_mask = [], []
        for index, sequence in enumerate(sequences):
            for position in self.kept[index]:
                following.append(sequence[position + 1] if position + 1 < len(sequence) else -1)
                strict_mask.append((index, position) in strict)
        device = self.base_top.device
        self.right = self.base_top == torch.tensor(following, device=device)
        self.strict = torch.tensor(strict_mask, dtype=torch.bool, device=device) & self.right
        self.positions = int(self.right.sum())

    def _replay(self, number: int, record: bool = False):
        """The replay context of batch ``number``: record (the first pass) or replay."""
        import contextlib

        if self.replay is None:
            return contextlib.nullcontext()
        return self.replay.recording(number) if record else self.replay.replaying(number)

    def measure(self, record: bool = False):
        import torch

        device = device_of(self.model)
        tops: list = [None] * len(self.sequences)
        logprobs: list = [None] * len(self.sequences)
        for number, (chunk, ids, mask) in enumerate(self.batches):
            with torch.no_grad(), self._replay(number, record):
                logits = self.model(input_ids=ids.to(device),
                                    attention_mask=mask.to(device)).logits
            for row, index in enumerate(chunk):
                rows = logits[row, self.kept[index]].float()
                tops[index] = rows.argmax(dim=1)
                logprobs[index] = rows.log_softmax(dim=1)
        return torch.cat(tops), torch.cat(logprobs)

    def protection(self, adapter: Any, layers: list[int]) -> dict[int, tuple[Any, Any, Any]]:
        """Per layer ``(G, Z, m)`` over the right hold positions, for protected directions.

        ``m_q`` is the top-1 margin at right position ``q`` (logit of the right token minus
        the runner-up), ``G_q = ∂m_q/∂ffn_out_q`` at that layer (one backward pass of
        ``Σ m_q``; exact in the last block, where a position's FFN output reaches no other
        position) and ``Z_q`` the layer's neuron activations there. A value-vector change
        ``δ`` of neuron ``j`` moves ``m_q`` by about ``Z_qj · G_q·δ``.
        """
        import torch

        from spf.neural.repair.common import ffn_probes

        device = device_of(self.model)
        parts: dict[int, dict[int, tuple]] = {layer: {} for layer in layers}
        for number, (chunk, ids, mask) in enumerate(self.batches):
            with self._replay(number), ffn_probes(adapter, layers) as records, \
                    torch.enable_grad():
                logits = self.model(input_ids=ids.to(device),
                                    attention_mask=mask.to(device)).logits.float()
                top2 = torch.topk(logits, 2, dim=-1).values
                margins = top2[..., 0] - top2[..., 1]
                select = torch.zeros_like(margins, dtype=torch.bool)
                for row, index in enumerate(chunk):
                    select[row, : len(self.sequences[index])] = True
                total = (margins * select).sum()
                grads = torch.autograd.grad(total, [records[layer]["probe"] for layer in layers])
            for layer, grad in zip(layers, grads):
                z = records[layer]["z"].float()
                for row, index in enumerate(chunk):
                    keep = self.kept[index]
                    parts[layer][index] = (grad[row, keep].float(), z[row, keep],
                                           margins[row, keep].detach())
        result = {}
        for layer in layers:  # each layer's statistics stay on the device of its block
            ordered = [parts[layer][index] for index in range(len(self.sequences))]
            g = torch.cat([item[0] for item in ordered])
            right = self.right.to(g.device)
            z = torch.cat([item[1] for item in ordered])
            m = torch.cat([item[2].to(g.device) for item in ordered])
            result[layer] = (g[right], z[right], m[right])
        return result

    def collateral(self) -> tuple[int, float, bool]:
        """(changed top-1 predictions, mean |Δ log-prob|, a strict position broken), against
        the state at creation. Strict positions are the keep cases' target tokens."""
        top, logprobs = self.measure()
        flipped = (top != self.base_top) & self.right
        changed = int(flipped.sum())
        drift = float((logprobs - self.base_logprobs).abs().mean())
        return changed, drift, bool((flipped & self.strict).any())


class RiskIndex:
    """Where the reference texts hold the predictions a failure's repair is likely to break.

    A value-vector change along ``s_t − s_a`` moves mostly the logits of the failure's target
    ``t`` and wrong token ``a``, at every position where the neuron fires: the predictions at
    risk are the right ones of ``a`` (pushed down) and the ones ``t`` could overtake. The
    general hold texts rarely contain enough of them, so the reference is scanned once
    (``scan_reference_tokens``) for positions whose right top-1 is each token, and each case's
    collateral check adds up to ``risk_windows`` windows ending at the most fragile of them
    (smallest top-1 margin first).
    """

    def __init__(self, model: Any, reference: list[list[int]], budget: int):
        import torch

        from spf.neural.cases import forward_logits

        self.sequences = first_tokens(reference, budget)
        self.by_token: dict[int, list[tuple[float, int, int]]] = {}
        for index, logits in forward_logits(model, self.sequences, batch_size=16):
            sequence = self.sequences[index]
            if len(sequence) < 2:
                continue
            top2 = torch.topk(logits[:-1], 2, dim=1)
            following = torch.tensor(sequence[1:], device=logits.device)
            right = (top2.indices[:, 0] == following).nonzero().flatten().tolist()
            margins = (top2.values[:, 0] - top2.values[:, 1]).tolist()
            for position in right:
                token = sequence[position + 1]
                self.by_token.setdefault(token, []).append((margins[position], index, position))
        for entries in self.by_token.values():
            entries.sort()

    def windows(self, tokens: set[int], count: int, length: int) -> list[list[int]]:
        """Up to ``count`` windows of ``length`` tokens, each ending where one of ``tokens``
        is rightly predicted (the most fragile first, alternating between the tokens)."""
        queues = [list(self.by_token.get(token, ())) for token in sorted(tokens)]
        chosen: list[list[int]] = []
        seen: set[tuple[int, int]] = set()
        while len(chosen) < count and any(queues):
            for queue in queues:
                if not queue or len(chosen) >= count:
                    continue
                _, index, position = queue.pop(0)
                start = max(0, position + 2 - length)
                if (index, start // max(1, length // 2)) in seen:
                    continue  # overlaps a window already taken
                seen.add((index, start // max(1, length // 2)))
                chosen.append(self.sequences[index][start: position + 2])
        return chosen


def _protection_of(probe: HoldProbe, adapter: Any, cache: dict) -> dict:
    owner, protection = cache.get("protection", (None, None))
    if owner is not probe:  # computed once per case (per probe), on the case's start state
        source = probe.statistics or probe
        protection = source.protection(adapter, sorted(cache["searched"]))
        cache["protection"] = (probe, protection)
        cache["solves"] = {}  # the solves of the previous case no longer apply
    return protection


def _protected_solve(probe: HoldProbe, adapter: Any, layer: int, neuron: int, g: Any,
                     ridge: float, cache: dict) -> tuple[Any, float]:
    """(direction, gᵀA_j⁻¹g): the value-vector change that closes the gap with the least
    risk to the right hold predictions, and how cheaply it does so.

    To first order, changing neuron ``j``'s value vector by ``δ`` moves the failure's gap by
    ``z_pj · g·δ`` and the margin of right hold position ``q`` by ``Z_qj · G_q·δ`` (see
    ``HoldProbe.protection``). Minimizing ``Σ_q (Z_qj/m_q)² (G_q·δ)² + λ|δ|²`` (each position's
    change relative to its own margin: a flip is a change larger than the margin; the ridge
    stands for the positions not in the hold set) for a given gap change gives
    ``δ ∝ −A_j⁻¹ g`` with ``A_j = Σ_q (Z_qj/m_q)² G_q G_qᵀ + λI``: a covariance-weighted solve
    per neuron. Closing a gap ``c`` then costs ``c² / (z_pj² · gᵀA_j⁻¹g)``, which ranks the
    neurons for ``selection="protected"``. ``λ`` is ``ridge`` times the mean diagonal of
    ``A`` over the layer's neurons, the same for every neuron of the layer.
    """
    import torch

    big_g, z, margins = _protection_of(probe, adapter, cache)[layer]
    solves = cache["solves"]
    key = ("solve", layer, neuron)
    if key in solves:
        return solves[key]
    big_g, z = big_g.to(g.device), z.to(g.device)
    inverse_margin = margins.to(g.device).clamp_min(0.05).pow(-2)
    scale_key = ("scale", layer)
    if scale_key not in solves:  # mean diagonal of A over all neurons, cheaply
        solves[scale_key] = float(
            (big_g.pow(2).sum(dim=1) * inverse_margin * z.pow(2).mean(dim=1)).sum()
            / big_g.shape[1])
    weights = z[:, neuron].pow(2) * inverse_margin
    matrix = big_g.T @ (big_g * weights[:, None])
    matrix = matrix + ridge * max(solves[scale_key], 1e-12) * torch.eye(
        matrix.shape[0], device=g.device)
    solved = torch.linalg.solve(matrix, g)
    result = (-solved / max(float(solved.norm()), 1e-12), float(g @ solved))
    solves[key] = result
    return result


def _candidates(grad_by_layer: dict, edits: Any, count: int, selection: str,
                hold_energy: dict | None) -> list[tuple[float, int, int]]:
    """Neurons to try: (score, layer, neuron).

    ``attribution``: top ``count`` by ``|z · ∂gap/∂z|`` (methods.md). ``selective``: top by the
    gap an edit of unit size closes at the failure per unit of collateral it causes on the hold
    positions, ``z_p² · |g|² / mean_hold(z²)``: to first order a value-vector change ``δ`` moves
    every position ``q`` by ``z_q·δ``, so a neuron that fires at the failure and rarely
    elsewhere needs the smallest, most local change. ``mixed``: half of each (no repeats).
    """
    import torch

    attribution, selective = [], []
    for layer, grad in grad_by_layer.items():
        weight = edits.adapter.down_weight(layer).float()  # hidden x d_ff
        z = grad.z.to(weight.device)
        dz = grad.g.to(weight.device) @ weight  # ∂gap/∂z = Wᵀ g
        score = (z * dz).abs()
        top = torch.topk(score, min(count, score.numel()))
        attribution.extend((float(value), layer, int(index))
                           for value, index in zip(top.values, top.indices))
        if hold_energy is not None:
            energy = hold_energy[layer].to(weight.device)
            local = z.pow(2) * float(grad.g.norm()) ** 2 / (energy + 1e-6 * float(energy.mean()))
            top = torch.topk(local, min(count, local.numel()))
            selective.extend((float(value), layer, int(index))
                             for value, index in zip(top.values, top.indices))
    attribution.sort(reverse=True)
    selective.sort(reverse=True)
    if selection == "attribution" or not selective:
        return attribution[:count]
    if selection == "selective":
        return selective[:count]
    chosen, seen = [], set()
    for first, second in zip(attribution, selective):
        for item in (first, second):
            if (item[1], item[2]) not in seen and len(chosen) < count:
                seen.add((item[1], item[2]))
                chosen.append(item)
    return chosen


def hold_energy(model: Any, adapter: Any, sequences: list[list[int]], layers: list[int]) -> dict:
    """Mean ``z²`` per neuron over every position of ``sequences``, per layer."""
    import torch

    from spf.neural.repair.common import ffn_probes

    totals: dict = {}
    count = 0
    with torch.no_grad(), ffn_probes(adapter, layers, with_probe=False) as records:
        for sequence in sequences:
            model(input_ids=torch.tensor([sequence], device=device_of(model)))
            count += len(sequence)
            for layer in layers:
                energy = records[layer]["z"][0].float().pow(2).sum(dim=0)
                totals[layer] = energy if layer not in totals else totals[layer] + energy
    return {layer: total / max(count, 1) for layer, total in totals.items()}


def _case_gaps(model: Any, encoded: Any) -> list[float]:
    """``max other logit − logit[target]`` at every target position of one case (> 0: fails)."""
    (score,) = score_cases(model, [encoded])
    return [-margin for margin in score.margins]


def _judge(probe: HoldProbe, gaps: list[float], right_now: list[int], allowed: float,
           cache: dict) -> tuple[int, float] | None:
    """(changed, drift) of the trial in place, or None when it must never be kept: it breaks
    another target token of the case, a keep case's token, or more than ``allowed`` right
    hold predictions."""
    if any(gaps[index] >= 0 for index in right_now):
        cache["rejected_case"] = cache.get("rejected_case", 0) + 1
        return None
    changed, drift, broke_keep = probe.collateral()
    if broke_keep:
        cache["rejected_keep"] = cache.get("rejected_keep", 0) + 1
        return None
    if changed > allowed:
        cache["rejected_collateral"] = cache.get("rejected_collateral", 0) + 1
        return None
    return changed, drift


def repair_one_failure(model: Any, cases: CaseSet, case_index: int, failure: Any,
                       searched: list[int], config: MintConfig, probe: HoldProbe,
                       cache: dict, relax: int = 0) -> tuple[int, int, float, bool] | None:
    """Try candidates for one failure; keep the best. Returns (layer, neuron, |δ|, fixed).

    ``relax`` > 0 retries a failure every candidate of which broke too much: twice the
    candidates and twice the allowed collateral per step.
    """
    edits = cases.edits
    encoded = cases.encoded[case_index]
    offset = failure.position - (encoded.target_start - 1)
    # the case's other target tokens that are right now must stay right: a trial that fixes
    # this failure by breaking another would make the case oscillate between its failures
    right_now = [index for index, gap in enumerate(_case_gaps(model, encoded))
                 if gap < 0 and index != offset]
    (grads,) = gap_gradients(model, cases.adapter, encoded, [failure], searched)
    any_layer = next(iter(grads.values()))
    (semantic,) = semantic_directions(model, cases.adapter, [(failure.target, any_layer.wrong)],
                                      cache=cache)
    allowed = config.max_collateral * (2 ** relax) * probe.positions
    best = None  # (key, layer, neuron, vector, fixed, gap, trace)
    count = config.candidates * (1 + relax)
    if config.selection == "protected":
        # rank a wider pool (attribution and selectivity) by the closed-form protected cost
        pool = _candidates(grads, edits, 4 * count, "mixed", cache.get("hold_energy"))
        scored = []
        for _, layer, neuron in pool:
            z_p = float(grads[layer].z[neuron])
            _, ease = _protected_solve(probe, cases.adapter, layer, neuron, grads[layer].g,
                                       config.protect_ridge, cache)
            scored.append((1.0 / max(z_p * z_p * ease, 1e-30), layer, neuron))
        chosen = sorted(scored)[:count]
    else:
        chosen = _candidates(grads, edits, count, config.selection, cache.get("hold_energy"))
    for _, layer, neuron in chosen:
        grad = grads[layer]
        z_value = float(grad.z[neuron])
        directions = []
        if "semantic" in DIRECTION_SETS[config.direction]:
            directions.append(("semantic", semantic.to(grad.g.device)))
        if "gradient" in DIRECTION_SETS[config.direction]:
            directions.append(("gradient", -grad.g / max(float(grad.g.norm()), 1e-12)))
        if "protected" in DIRECTION_SETS[config.direction]:
            directions.append(("protected", _protected_solve(
                probe, cases.adapter, layer, neuron, grad.g, config.protect_ridge, cache)[0]))
        original = edits.neuron_values(layer, neuron)
        for name, direction in directions:
            slope = z_value * float(grad.g @ direction)
            if abs(slope) < 1e-8:
                continue
            direction = direction.to(original.device)
            coefficient = -(grad.gap + config.margin) / slope
            # at most max_change times the value vector's own norm (then a partial fix)
            limit = float("inf") if config.max_change is None else (
                config.max_change * max(float(original.norm()), 1e-9)
                / max(float(direction.norm()), 1e-12))
            gap = None
            previous = (0.0, grad.gap)
            for attempt in range(config.refinements + 1):
                coefficient = max(-limit, min(limit, coefficient))
                edits.set_neuron(layer, neuron, original + coefficient * direction)
                gaps = _case_gaps(model, encoded)
                gap = gaps[offset]
                if gap < 0 or attempt == config.refinements:
                    break
                # secant step on the measured gap(c), aiming at -margin
                last_c, last_gap = previous
                if abs(gap - last_gap) < 1e-9:
                    break
                previous = (coefficient, gap)
                coefficient = coefficient + (-config.margin - gap) * (coefficient - last_c) / (
                    gap - last_gap)
            for shrink in range(config.backoff + 1):
                if shrink:  # too much collateral: try half the change (a partial fix)
                    coefficient *= 0.5
                    edits.set_neuron(layer, neuron, original + coefficient * direction)
                    gaps = _case_gaps(model, encoded)
                    gap = gaps[offset]
                verdict = _judge(probe, gaps, right_now, allowed, cache)
                if verdict is None:
                    continue
                changed, drift = verdict
                fixed = gap < 0
                key = (0, changed, drift) if fixed else (1, gap, drift)
                if best is None or key < best[0]:
                    trace = {"layer": layer, "neuron": neuron, "direction": name,
                             "c": round(coefficient, 4), "z": round(z_value, 4),
                             "changed": changed, "drift": round(drift, 5), "fixed": fixed,
                             "gap": round(gap, 3), "shrink": shrink,
                             "ratio": round(abs(coefficient) * float(direction.norm())
                                            / max(float(original.norm()), 1e-9), 3)}
                    best = (key, layer, neuron, coefficient * direction, fixed, gap, trace)
                break
            edits.set_neuron(layer, neuron, original)  # undo the trial exactly
    if best is None:
        cache["last_stop"] = "collateral"
        cache.setdefault("stops", []).append("every candidate over max_collateral")
        return None
    _, layer, neuron, vector, fixed, gap, trace = best
    if not fixed and gap >= failure.gap:  # nothing helped
        cache["last_stop"] = "gap"
        cache.setdefault("stops", []).append(f"no candidate closed the gap {failure.gap:.3f}")
        return None
    cache.setdefault("trace", []).append(trace)
    original = edits.neuron_values(layer, neuron)
    edits.set_neuron(layer, neuron, original + vector)
    return layer, neuron, float(vector.norm()), fixed


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
    reference = first_tokens(cases.reference, config.max_reference_tokens)
    cache: dict = {"searched": searched}
    # hold positions: every case's sequence (minus the positions failing at the start, and
    # the current case's failures) and the reference texts, so a later case's neuron does
    # not undo an earlier case's fix
    sequences = [list(item.input_ids) for item in cases.encoded] + reference
    failing_at_start = {(failure.case, failure.position)
                        for failure in find_failures(model, cases.encoded, min_margin=1e-4)}
    if config.selection != "attribution":
        cache["hold_energy"] = hold_energy(model, adapter, sequences, searched)
    risk = (RiskIndex(model, cases.reference, config.scan_reference_tokens)
            if config.risk_windows and cases.reference else None)
    protects = (config.selection == "protected"
                or "protected" in DIRECTION_SETS[config.direction])
    # after the probe's own reference
    protect_extra = first_tokens(cases.reference[len(reference):], config.protect_tokens)
    neurons_per_case: dict[str, int] = {}
    gave_up: list[str] = []
    touched_layers: set[int] = set()
    keep_targets = {(index, position)
                    for index in range(cases.keep_from, len(cases.encoded))
                    for position in cases.encoded[index].predict_positions}
    for case_index, encoded in enumerate(cases.repair_encoded):
        cases.report_progress("mint", case_index, cases.keep_from)
        failures = find_failures(model, cases.encoded, indices=[case_index], min_margin=1e-4)
        if not failures:
            neurons_per_case[encoded.case.id] = 0
            continue
        # a private recorder of this case's edits, so giving up restores exactly them
        case_recorder = WeightRecorder(model)
        case_edits = _CaseEdits(cases.edits, case_recorder)
        skip = failing_at_start | {(case_index, failure.position) for failure in failures}
        at_risk = sequences
        if risk is not None:
            tokens = {token for failure in failures for token in (failure.target, failure.wrong)
                      if token >= 0}
            at_risk = sequences + risk.windows(tokens, config.risk_windows,
                                               config.risk_window_tokens)
        # the blocks below the searched ones never change here: their outputs are replayed
        probe = HoldProbe(model, at_risk, skip, strict=keep_targets,
                          replay=adapter.prefix_replay(min(searched)))
        if protects and protect_extra:  # the protected solves see more of the reference
            probe.statistics = HoldProbe(model, at_risk + protect_extra, skip,
                                         replay=adapter.prefix_replay(min(searched)))
        used: list[tuple[int, int]] = []
        relax = edits_made = 0
        # bounded by edits, not only by distinct neurons: the same neuron may be edited again
        while failures and len(used) < config.max_neurons and edits_made < 2 * config.max_neurons:
            kept = repair_one_failure(model, _with_edits(cases, case_edits), case_index,
                                      failures[0], searched, config, probe, cache, relax)
            if kept is None:
                if cache.get("last_stop") == "collateral" and relax < config.max_relax:
                    relax += 1
                    continue
                break
            relax = 0
            edits_made += 1
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
    cases.report_progress("mint", cases.keep_from, cases.keep_from)
    fixed_counts = sorted(count for case_id, count in neurons_per_case.items()
                          if case_id not in gave_up and count > 0)
    median = fixed_counts[len(fixed_counts) // 2] if fixed_counts else None
    if fixed_counts and len(fixed_counts) % 2 == 0:
        median = (fixed_counts[len(fixed_counts) // 2 - 1] + fixed_counts[len(fixed_counts) // 2]) / 2
    # distinct reference tokens read (each budget takes the reference from its start)
    read = sum(map(len, reference)) + (sum(map(len, protect_extra)) if protects else 0)
    if risk is not None:
        read = max(read, sum(map(len, risk.sequences)))
    return MethodOutcome(layers=sorted(touched_layers), gave_up=gave_up,
                         details={"searched_layers": searched, "trace": cache.get("trace", []),
                                  "reference_tokens": read,
                                  "stops": cache.get("stops", []),
                                  "rejected_collateral": cache.get("rejected_collateral", 0),
                                  "rejected_keep": cache.get("rejected_keep", 0),
                                  "rejected_case": cache.get("rejected_case", 0),
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
    view = CaseSet(cases, cases.encoded, cases.reference, cases.progress, cases.keep_from)
    view.adapter, view.edits = cases.adapter, edits
    return view
