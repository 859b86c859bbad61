"""Which blocks to freeze when fine-tuning: the semantic freeze plan and the baseline policies.

An L-block causal LM has L+1 *latent spaces*: ``h_0`` (the embeddings, the input of the
first block) and ``h_l``, the residual stream after block ``l-1``. Freezing "up to and
including latent space k" freezes the modules that produce ``h_0 .. h_k``: the embeddings
and blocks ``0 .. k-1``. Fine-tuning then trains blocks ``k .. L-1`` plus the final norm and
the LM head, and backpropagation stops at ``h_k``: the frozen blocks run forward only.

The semantic plan (the paper's exact formulas are not public; these are ours)
-----------------------------------------------------------------------------
For a sample of training positions with next token ``t``, read every latent space through
the final norm's normalization, ``r_l = n(h_l)`` (:func:`spf.neural.semantics.normalized_residual`),
and compare it with the *semantic basis* ``s_i`` (``W_U diag(g) s_i ~ e_i``,
:func:`spf.neural.semantics.semantic_basis` with the norm's gain folded in):

1. **Factual transition**: the alignment ``a_l`` of each latent space ``l = 0 .. L`` with
   the target, averaged over the sampled tokens. By default (``measure="rank"``) it is
   the fraction of the vocabulary the target outranks in the similarity logits
   ``cos(r_l, s_i)``: 1 when the target's basis is the closest of all, 0.5 for chance.
   Alternatives: ``cosine`` (``cos(r_l, s_t)`` itself), ``lens`` (the target's
   probability under the logit lens) and ``loss`` (minus the lens cross-entropy; its
   ideal is 0). Why rank: it is bounded and its ideal (1) is
   reachable; the raw cosine of a good prediction with the minimum-norm basis vector
   stays small (~0.1 on tiny models), so a straight path to 1 makes every block lag
   about equally and the plan degenerates to the compute model alone.
2. **Virtual transition** ``v_l``: where the latent spaces *should* be: the model's own
   transition on data it already knows (``reference``: a sample of its pre-training
   domain; ``--reference stdlib``, the default, reads ~100 kB of the local standard
   library, familiar ground for any Python code LM and the pre-training corpus of spf's
   tiny models): the path it takes where it needs no fine-tuning. Without reference data
   (``--reference none``), the straight path from ``h_0`` to the ideal, every block doing
   an equal share: ``v_l = a_0 + (l / L) (ideal - a_0)`` (ideal 1; 0 for ``loss``). The
   reference path is the default because the straight one chose a worse cut in both
   benchmark settings (docs/finetuning.md): it takes the bottom block's large first step
   as "ahead of schedule", while that block is the one the new data moves most.
   ``PlanConfig(variant="paper")`` (``--variant paper``) takes the straight path with the
   ``lens`` measure, the plan as the paper describes it (``PAPER_PLAN``).
3. **Deviation** per latent space: ``D_l = v_l - a_l``: positive where the factual path on
   the fine-tuning data lags the virtual one.
4. **Lag** of each block: ``g_l = D_l - D_{l-1}`` (``l >= 1``): how much the block widens
   the gap - how much worse it handles the new data than the virtual path says it
   should. The lags sum to ``D_L - D_0``. A block that lags has room to improve; one that
   closes the gap (``g_l < 0``) already does the task's work on this data.
5. **Recoverable deviation** of a cut ``k``: ``R_k = sum_{l > k} max(g_l, 0)``, the lag of
   the blocks that stay trainable.
6. **Compute**: a FLOP model of one training step with the cut at ``k`` (forward through
   everything, backward - twice the forward - through blocks ``k ..`` and the head only)
   gives the step-rate multiplier ``m_k = cost(nothing frozen) / cost(k)``: at equal wall
   time a deeper cut takes ``m_k`` times as many steps.
7. **Gain** (the scaling-law-style estimate): ``G_k = R_k * m_k ** beta``: the loss a
   fixed budget can remove grows like a power of the steps taken (``beta`` = 0.5 by
   default, ``PlanConfig.compute_exponent``), scaled by what the trainable blocks can fix.
8. **Cut**: the latent space of maximum gain, ``k* = argmax_{k < L} G_k``; freeze it and
   everything below (embeddings included).

Also recorded, for inspection: the lens cross-entropy of the target per latent space.

Baseline policies (``--freeze``)
--------------------------------
- ``none``: full fine-tuning, embeddings included.
- ``bottom:K``: freeze the embeddings and the first K blocks (``0 <= K <= L``; ``bottom:0``
  freezes the embeddings only, ``bottom:L`` trains the head only).
- ``top:K``: train only the last K blocks (and the head); everything below is frozen.
- ``random:K``: LISA-style: embeddings and head always trained, K blocks drawn at random,
  re-drawn every ``redraw_every`` steps (the optimizer is rebuilt for the new draw).
- ``semantic``: the cut of the plan above (a bottom cut chosen without trying them all).

The final norm and the LM head are trained by every policy. When the head shares its
weight with the input embeddings (tied, GPT-2), the shared matrix is trained as the head,
and a frozen embedding lookup is detached so no gradient flows below the cut.

Policies come from a registry fed by the ``register_freeze_policies`` hook:
``register(name, policy_function)`` with ``policy_function(model, argument, context)``
returning the frozen block indices (or a :class:`FreezeDecision`).
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from spf.errors import SpfError

if TYPE_CHECKING:  # pragma: no cover
    import torch

BUILTIN_POLICIES = ("none", "bottom", "top", "random", "semantic")


# ---------------------------------------------------------------- decisions


@dataclass
class FreezeDecision:
    """What a policy decided: which blocks are frozen and whether the embeddings train."""

    policy: str
    frozen_blocks: list[int]
    train_embeddings: bool
    plan: FreezePlan | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"policy": self.policy, "frozen_layers": list(self.frozen_blocks),
                                "embeddings_frozen": not self.train_embeddings}
        if self.plan is not None:
            data["plan"] = self.plan.to_dict()
        return data


@dataclass
class FreezeContext:
    """What a policy may look at: training token ids, the seed, the current step."""

    num_layers: int
    input_ids: torch.Tensor | None = None  # (n, seq) training chunks for the semantic plan
    reference_ids: torch.Tensor | None = None  # chunks of familiar data: the virtual path
    seed: int = 0
    step: int = 0
    plan_config: PlanConfig | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PolicySpec:
    """A parsed ``--freeze`` value: ``name`` and its optional integer ``argument``."""

    name: str
    argument: int | None = None

    @property
    def text(self) -> str:
        return self.name if self.argument is None else f"{self.name}:{self.argument}"


def parse_policy(text: str, num_layers: int | None = None) -> PolicySpec:
    """Parse ``none|semantic|bottom:K|top:K|random:K`` (or a plugin's ``name[:K]``).

    With ``num_layers`` the argument's range is checked: ``bottom`` and ``top`` accept
    ``0 .. L``, ``random`` ``1 .. L``.
    """
    name, _, argument_text = text.strip().partition(":")
    name = name.strip().lower()
    known = policy_names()
    if name not in known:
        raise SpfError(f"unknown freeze policy {text!r}", location="--freeze",
                       hint=f"choose one of: {', '.join(_policy_usage(known))}")
    argument = None
    if name in ("bottom", "top", "random"):
        if not argument_text:
            raise SpfError(f"freeze policy {name!r} needs a block count", location="--freeze",
                           hint=f"write {name}:K, for example {name}:2")
        try:
            argument = int(argument_text)
        except ValueError:
            raise SpfError(f"block count {argument_text!r} is not an integer",
                           location="--freeze", hint=f"write {name}:K, for example {name}:2")
        if num_layers is not None:
            low = 1 if name == "random" else 0
            if not low <= argument <= num_layers:
                raise SpfError(f"{name}:{argument} is out of range: the model has {num_layers} "
                               "blocks", location="--freeze",
                               hint=f"K must be between {low} and {num_layers}")
    elif argument_text:
        if name in ("none", "semantic"):
            raise SpfError(f"freeze policy {name!r} takes no argument", location="--freeze",
                           hint=f"write just {name}")
        try:
            argument = int(argument_text)
        except ValueError:
            raise SpfError(f"argument {argument_text!r} is not an integer", location="--freeze")
    return PolicySpec(name, argument)


def _policy_usage(names: Sequence[str]) -> list[str]:
    usage = {"bottom": "bottom:K", "top": "top:K", "random": "random:K"}
    return [usage.get(name, name) for name in names]


# ---------------------------------------------------------------- the registry


def builtin_policies() -> dict[str, Callable]:
    """The built-in policy functions by name (registered by ``plugins/finetune.py``)."""
    return {"none": none_policy, "bottom": bottom_policy, "top": top_policy,
            "random": random_policy, "semantic": semantic_policy}


def policy_registry() -> dict[str, Callable]:
    """Policy functions from the ``register_freeze_policies`` hook; built-ins when none."""
    from spf.plugins import collect

    policies: dict[str, Callable] = {}
    try:
        for args in collect("register_freeze_policies"):
            policies[str(args[0])] = args[1]
    except SpfError:
        policies = {}
    for name, function in builtin_policies().items():
        policies.setdefault(name, function)
    return policies


def policy_names() -> list[str]:
    return sorted(policy_registry())


def decide(model: Any, policy: str | PolicySpec, context: FreezeContext) -> FreezeDecision:
    """Run a policy and normalize its answer to a :class:`FreezeDecision`."""
    spec = policy if isinstance(policy, PolicySpec) else parse_policy(policy, context.num_layers)
    function = policy_registry().get(spec.name)
    if function is None:
        raise SpfError(f"unknown freeze policy {spec.text!r}", location="--freeze")
    result = function(model, spec.argument, context)
    if isinstance(result, FreezeDecision):
        result.policy = spec.text
        decision = result
    else:
        blocks = sorted({int(block) for block in result})
        decision = FreezeDecision(spec.text, blocks, train_embeddings=not blocks)
    for block in decision.frozen_blocks:
        if not 0 <= block < context.num_layers:
            raise SpfError(f"policy {spec.text!r} froze block {block}, which does not exist",
                           hint=f"the model has blocks 0..{context.num_layers - 1}")
    return decision


def none_policy(model: Any, argument: int | None, context: FreezeContext) -> FreezeDecision:
    """Full fine-tuning: nothing frozen."""
    return FreezeDecision("none", [], train_embeddings=True)


def bottom_policy(model: Any, argument: int | None, context: FreezeContext) -> FreezeDecision:
    """Freeze the embeddings and the first K blocks."""
    return FreezeDecision(f"bottom:{argument}", list(range(int(argument or 0))),
                          train_embeddings=False)


def top_policy(model: Any, argument: int | None, context: FreezeContext) -> FreezeDecision:
    """Train only the last K blocks: freeze the embeddings and blocks 0 .. L-K-1."""
    return FreezeDecision(f"top:{argument}", list(range(context.num_layers - int(argument or 0))),
                          train_embeddings=False)


def random_policy(model: Any, argument: int | None, context: FreezeContext) -> FreezeDecision:
    """LISA: train K blocks drawn at random (seeded by seed and step), embeddings and head."""
    count = int(argument or 1)
    generator = random.Random(f"{context.seed}:{context.step}")
    trained = set(generator.sample(range(context.num_layers), count))
    frozen = [block for block in range(context.num_layers) if block not in trained]
    return FreezeDecision(f"random:{count}", frozen, train_embeddings=True)


random_policy.redraws = True  # the training loop calls it again every ``redraw_every`` steps


def semantic_policy(model: Any, argument: int | None, context: FreezeContext) -> FreezeDecision:
    """Freeze up to the cut of :func:`freeze_plan` on the training data."""
    if context.input_ids is None:
        raise SpfError("the semantic policy needs training data for its plan",
                       hint="pass token chunks in FreezeContext.input_ids")
    plan = freeze_plan(model, context.input_ids,
                       context.plan_config or PlanConfig(seed=context.seed),
                       reference_ids=context.reference_ids)
    return FreezeDecision("semantic", plan.frozen_blocks, train_embeddings=False, plan=plan)


# ---------------------------------------------------------------- the semantic plan


MEASURES = ("rank", "cosine", "lens", "loss")
IDEAL = {"rank": 1.0, "cosine": 1.0, "lens": 1.0, "loss": 0.0}  # where a perfect path ends
VIRTUAL_CHOICES = ("reference", "straight")
VARIANT_CHOICES = ("spf", "paper")
#: ``variant="paper"``: the plan as the paper describes it (methods.md section 4 and the
#: layer-freezing abstract): the virtual transition is the straight path from ``h_0`` toward
#: the target's semantic basis ("the ideal path from h_0 toward it"), the factual transition
#: is read through the logit lens (``lens``: the target's probability). The gain keeps
#: spf's scaling-law-style form (the paper's is not public). Applied to the options left at
#: spf's defaults, so an explicit option still wins.
PAPER_PLAN = {"measure": "lens", "virtual": "straight"}


@dataclass
class PlanConfig:
    """Options of the semantic freeze plan."""

    samples: int = 1024  # target tokens analysed (sampled from the chunks given)
    compute_exponent: float = 0.5  # beta in G_k = R_k * m_k ** beta
    measure: str = "rank"  # the alignment a_l: rank, cosine, lens or loss (see the module)
    batch_size: int = 8
    seed: int = 0
    virtual: str = "reference"  # the virtual path: the transition on reference data when
    # given ("reference"; the straight path without it) or always the straight path
    variant: str = "spf"  # "paper": PAPER_PLAN for the options left at their defaults

    def __post_init__(self) -> None:
        if self.variant not in VARIANT_CHOICES:
            raise SpfError(f"unknown plan variant {self.variant!r}", location="--variant",
                           hint=f"one of: {', '.join(VARIANT_CHOICES)}")
        if self.variant == "paper":
            for name, value in PAPER_PLAN.items():
                if getattr(self, name) == getattr(PlanConfig, name):
                    setattr(self, name, value)
        if self.virtual not in VIRTUAL_CHOICES:
            raise SpfError(f"unknown virtual path {self.virtual!r}", location="--virtual",
                           hint=f"one of: {', '.join(VIRTUAL_CHOICES)}")
        if self.samples < 1:
            raise SpfError(f"--samples must be positive, got {self.samples}", location="--samples")
        if self.compute_exponent < 0:
            raise SpfError("the compute exponent must be >= 0", location="--compute-exponent")
        if self.measure not in MEASURES:
            raise SpfError(f"unknown alignment measure {self.measure!r}", location="--measure",
                           hint=f"one of: {', '.join(MEASURES)}")


@dataclass
class Transitions:
    """The factual transition of a sample of tokens, per latent space, in every measure."""

    num_layers: int
    alignment: dict[str, list[float]]  # measure -> a_0 .. a_L
    lens_loss: list[float]  # mean cross-entropy of the target read through the lens
    tokens: int
    seq_len: int
    seconds: float


@dataclass
class FreezePlan:
    """Per latent space (index 0 = embeddings, l = after block l-1) the plan's numbers."""

    num_layers: int
    measure: str  # which alignment the plan used
    virtual: str  # "reference" (the transition on familiar data) or "straight"
    alignment: list[float]  # a_l: the factual transition
    virtual_alignment: list[float]  # v_l: the virtual transition
    deviation: list[float]  # D_l = v_l - a_l
    lag: list[float]  # g_l = D_l - D_{l-1}; lag[0] = 0
    recoverable: list[float]  # R_k for a cut at k (k = 0 .. L)
    speedup: list[float]  # m_k: step-rate multiplier of a cut at k
    gain: list[float]  # G_k = R_k * m_k ** beta
    lens_loss: list[float]  # cross-entropy of the target read through the lens
    cut: int  # freeze latent spaces 0..cut: embeddings and blocks 0..cut-1
    tokens: int
    seconds: float
    compute_exponent: float
    alignment_by_measure: dict[str, list[float]] = field(default_factory=dict)

    @property
    def frozen_blocks(self) -> list[int]:
        return list(range(self.cut))

    @property
    def trainable_blocks(self) -> list[int]:
        return list(range(self.cut, self.num_layers))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["frozen_blocks"] = self.frozen_blocks
        data["trainable_blocks"] = self.trainable_blocks
        return data


def step_costs(num_layers: int, hidden_size: int, ffn_size: int, vocab_size: int,
               seq_len: int) -> list[float]:
    """FLOPs per token of one training step for each cut ``k = 0 .. L`` (a model, not a timing).

    Forward: every block (``2 * params`` plus attention ``2 * seq_len * hidden``) and the
    head (``2 * hidden * vocab``). Backward, twice the forward, only through the head and
    the trainable blocks ``k .. L-1``; the embeddings' update is a sparse row update and
    ignored. ``cost[0]`` is full fine-tuning's (the embeddings train too, at no extra FLOPs).
    """
    block = 2.0 * (4 * hidden_size * hidden_size + 2 * hidden_size * ffn_size) \
        + 2.0 * seq_len * hidden_size
    head = 2.0 * hidden_size * vocab_size
    forward = num_layers * block + head
    return [forward + 2.0 * ((num_layers - cut) * block + head) for cut in range(num_layers + 1)]


def measure_transitions(model: Any, input_ids: torch.Tensor, config: PlanConfig | None = None
                        ) -> Transitions:
    """Read a sample of target tokens' latent spaces through the lens, in every measure.

    - ``cosine``: ``cos(norm_f(h_l), s_t)`` with the target's semantic basis;
    - ``rank``: the fraction of the vocabulary the target outranks in the similarity
      logits ``cos(norm_f(h_l), s_i)`` (1 = the target's basis is the closest);
    - ``lens``: the probability of the target under the logit lens;
    - ``loss``: minus the cross-entropy of the target under the logit lens.
    """
    import torch

    from spf.neural.adapters import get_adapter
    from spf.neural.semantics import normalized_residual, semantic_basis

    config = config or PlanConfig()
    started = time.perf_counter()
    adapter = get_adapter(model)
    num_layers = adapter.num_layers
    if input_ids.dim() != 2 or input_ids.shape[1] < 2 or input_ids.shape[0] < 1:
        raise SpfError("the freeze plan needs at least one chunk of two or more tokens",
                       hint="give more data or a longer --seq-len")
    # the normalized residual space (the final norm's gain folded into the basis)
    from spf.neural.loading import model_device

    device = model_device(model)  # token ids go where the embeddings live
    basis = semantic_basis(model, dtype=torch.float32, fold_norm=True)
    basis = torch.nn.functional.normalize(basis.float(), dim=-1)
    vocab = basis.shape[0]

    chunks, seq_len = input_ids.shape
    generator = torch.Generator().manual_seed(config.seed)
    wanted_chunks = min(chunks, max(1, math.ceil(config.samples / (seq_len - 1))))
    chosen = torch.randperm(chunks, generator=generator)[:wanted_chunks].sort().values

    sums = {measure: torch.zeros(num_layers + 1, dtype=torch.float64) for measure in MEASURES}
    lens_sums = torch.zeros(num_layers + 1, dtype=torch.float64)
    counted = 0
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            for start in range(0, len(chosen), config.batch_size):
                remaining = config.samples - counted
                if remaining <= 0:
                    break
                batch = input_ids[chosen[start:start + config.batch_size]].to(device)
                with adapter.record_residuals() as residuals:
                    model(input_ids=batch)
                all_targets = batch[:, 1:].reshape(-1)
                keep = min(remaining, all_targets.numel())
                for layer, hidden in enumerate(residuals):
                    # each latent space is read where it lives (device_map may spread them)
                    targets = all_targets[:keep].to(hidden.device)
                    rows = torch.arange(keep, device=hidden.device)
                    hidden = hidden[:, :-1, :].reshape(-1, hidden.shape[-1])[:keep]
                    direction = normalized_residual(adapter, hidden.float())
                    layer_basis = basis.to(hidden.device)
                    similarity = torch.nn.functional.normalize(direction, dim=-1) @ layer_basis.T
                    target_similarity = similarity[rows, targets]
                    sums["cosine"][layer] += target_similarity.double().sum().item()
                    outranked = (similarity < target_similarity[:, None]).sum(-1)
                    sums["rank"][layer] += (outranked.double() / (vocab - 1)).sum().item()
                    logits = adapter.logits_from_hidden(hidden).float()
                    log_probs = torch.log_softmax(logits, dim=-1)[
                        rows.to(logits.device), targets.to(logits.device)].double()
                    sums["lens"][layer] += log_probs.exp().sum().item()
                    lens_sums[layer] -= log_probs.sum().item()
                counted += keep
    finally:
        model.train(was_training)
    sums["loss"] = -lens_sums
    return Transitions(num_layers=num_layers,
                       alignment={m: (sums[m] / counted).tolist() for m in MEASURES},
                       lens_loss=(lens_sums / counted).tolist(), tokens=counted,
                       seq_len=seq_len, seconds=time.perf_counter() - started)


def plan_from_transitions(transitions: Transitions, costs: list[float], *,
                          measure: str = "rank", compute_exponent: float = 0.5,
                          reference: Transitions | None = None) -> FreezePlan:
    """Steps 2-8 of the module docstring: virtual path, deviation, lag, gain, cut.

    ``reference``: the transitions on familiar data, used as the virtual path; None for
    the straight path from ``a_0`` to the ideal 1.
    """
    started = time.perf_counter()
    num_layers = transitions.num_layers
    alignment = transitions.alignment[measure]
    if reference is not None:
        virtual = list(reference.alignment[measure])
    else:
        start_alignment, ideal = alignment[0], IDEAL[measure]
        virtual = [start_alignment + (layer / num_layers) * (ideal - start_alignment)
                   for layer in range(num_layers + 1)]
    deviation = [v - a for v, a in zip(virtual, alignment)]
    lag = [0.0] + [deviation[layer] - deviation[layer - 1] for layer in range(1, num_layers + 1)]
    recoverable = [sum(max(g, 0.0) for g in lag[cut + 1:]) for cut in range(num_layers + 1)]
    speedup = [costs[0] / cost for cost in costs]
    gain = [r * m ** compute_exponent for r, m in zip(recoverable, speedup)]
    candidates = range(num_layers)  # cutting at L would train the head only
    cut = max(candidates, key=lambda k: (round(gain[k], 12), -k))
    return FreezePlan(num_layers=num_layers, measure=measure,
                      virtual="reference" if reference is not None else "straight",
                      alignment=alignment,
                      virtual_alignment=virtual, deviation=deviation, lag=lag,
                      recoverable=recoverable, speedup=speedup, gain=gain,
                      lens_loss=transitions.lens_loss, cut=cut, tokens=transitions.tokens,
                      seconds=transitions.seconds + time.perf_counter() - started,
                      compute_exponent=compute_exponent,
                      alignment_by_measure=transitions.alignment)


def freeze_plan(model: Any, input_ids: torch.Tensor, config: PlanConfig | None = None, *,
                reference_ids: torch.Tensor | None = None) -> FreezePlan:
    """Analyse the model's transitions on ``input_ids`` (n x seq) and choose the cut.

    With ``reference_ids`` (chunks of data the model already knows, e.g. a sample of its
    pre-training corpus) the virtual transition is the model's own transition on them;
    without, or with ``config.virtual == "straight"`` (the paper variant), the straight
    path to the ideal. Deterministic for the same model, data and
    config; the model is left in the mode it was in, and nothing in it changes.
    """
    from spf.neural.adapters import get_adapter

    config = config or PlanConfig()
    started = time.perf_counter()
    transitions = measure_transitions(model, input_ids, config)
    reference = None
    if reference_ids is not None and config.virtual == "reference":
        reference = measure_transitions(model, reference_ids, config)
    adapter = get_adapter(model)
    costs = step_costs(adapter.num_layers, adapter.hidden_size, adapter.ffn_size,
                       adapter.vocab_size, transitions.seq_len)
    plan = plan_from_transitions(transitions, costs, measure=config.measure,
                                 compute_exponent=config.compute_exponent, reference=reference)
    plan.seconds = time.perf_counter() - started
    return plan


def plot_plan(plan: FreezePlan, path: str) -> None:
    """Draw the plan (alignment, virtual path, deviation, gain, cut) into a PNG."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from spf.files import atomic_write_bytes

    layers = list(range(plan.num_layers + 1))
    figure, (top, bottom) = plt.subplots(2, 1, figsize=(7, 6), sharex=True)
    top.plot(layers, plan.alignment, "o-", label=f"factual a_l ({plan.measure})")
    top.plot(layers, plan.virtual_alignment, "--", label="virtual v_l")
    top.bar(layers, plan.deviation, alpha=0.3, label="deviation D_l")
    top.set_ylabel("alignment with the target")
    top.legend(fontsize=8)
    bottom.bar(layers, plan.gain, color="tab:green", label="gain G_k")
    bottom.axvline(plan.cut, color="tab:red", linestyle=":",
                   label=f"cut k={plan.cut} (freeze embeddings + blocks < {plan.cut})")
    bottom.set_xlabel("latent space (0 = embeddings, l = after block l-1)")
    bottom.set_ylabel("estimated gain")
    bottom.legend(fontsize=8)
    figure.suptitle("semantic freeze plan")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    plt.close(figure)
    atomic_write_bytes(path, buffer.getvalue())


# ---------------------------------------------------------------- applying a decision


def _ids(parameters) -> set[int]:
    return {id(parameter) for parameter in parameters}


class FrozenModel:
    """Applies a :class:`FreezeDecision` to a model and can undo it.

    Sets ``requires_grad`` so frozen parameters get no gradient; detaches the output of a
    frozen embedding lookup (needed when the head ties its weight to it) so backward stops
    at the cut.
    """

    def __init__(self, model: Any):
        from spf.neural.adapters import get_adapter

        self.model = model
        self.adapter = get_adapter(model)
        self._detach_handles: list = []

    def block_parameters(self, block: int) -> list:
        return list(self.adapter.blocks[block].parameters())

    def head_parameters(self) -> list:
        return list(self.adapter.final_norm.parameters()) + list(
            self.adapter.head_module.parameters())

    def embedding_parameters(self) -> list:
        """Every parameter outside the blocks, the final norm and the head (embeddings)."""
        inside = _ids(self.head_parameters())
        for block in range(self.adapter.num_layers):
            inside |= _ids(self.block_parameters(block))
        return [p for p in self.adapter.model.parameters() if id(p) not in inside]

    def apply(self, decision: FreezeDecision, *, train_head: bool = True) -> None:
        self.remove_hooks()
        model = self.adapter.model
        for parameter in model.parameters():
            parameter.requires_grad_(False)
        frozen = set(decision.frozen_blocks)
        for block in range(self.adapter.num_layers):
            if block not in frozen:
                for parameter in self.block_parameters(block):
                    parameter.requires_grad_(True)
        if decision.train_embeddings:
            for parameter in self.embedding_parameters():
                parameter.requires_grad_(True)
            self.adapter.embedding_module.weight.requires_grad_(True)
        if train_head:
            for parameter in self.head_parameters():
                parameter.requires_grad_(True)
        if not decision.train_embeddings:
            self._detach_handles.append(self.adapter.embedding_module.register_forward_hook(
                lambda module, args, output: output.detach()))

    def remove_hooks(self) -> None:
        for handle in self._detach_handles:
            handle.remove()
        self._detach_handles = []


def apply_freeze(model: Any, decision: FreezeDecision) -> FrozenModel:
    """Freeze ``model`` as ``decision`` says; returns the handle that can undo the hooks."""
    frozen = FrozenModel(model)
    frozen.apply(decision)
    return frozen


def layers_to_transform(decision: FreezeDecision, num_layers: int) -> list[int]:
    """The unfrozen block indices, as peft's ``LoraConfig(layers_to_transform=...)`` takes."""
    frozen = set(decision.frozen_blocks)
    return [block for block in range(num_layers) if block not in frozen]
