"""Fine-tuning with layer freezing on the Hugging Face ``Trainer``: the freeze callback, the
budget / report / Ctrl-C callbacks, checkpoints, and the bridge to peft.

``spf finetune`` is a thin layer over ``transformers.Trainer``: everything spf adds is a
callback, so the same run scales from one CPU to DDP, FSDP or DeepSpeed by launching the
unchanged command with ``accelerate launch`` or ``torchrun`` (docs/finetuning.md has a
config for each). What spf adds:

- :class:`SemanticFreezeCallback`: the freeze policies. Frozen parameters never enter the
  optimizer (no Adam state: that is where the memory goes) and a frozen bottom produces no
  autograd graph. The semantic plan runs on the model's device, from the same sample of
  the training data on every rank, and rank 0's decision is broadcast, so every rank
  freezes the same blocks. Redrawing policies (``random:K``, LISA) put every block in the
  optimizer once and re-mask it at each draw (undrawn blocks get no gradient, so AdamW
  skips them) with a fresh optimizer state per draw.
- the budget (``steps`` or ``minutes``, the plan's time counting against a time budget),
  the progress bar, the per-step loss history and the report (``report.json``: steps,
  seconds, tokens per second, peak memory, eval loss before and after, ``world_size`` and
  the global batch).
- Ctrl-C: the Trainer's own checkpoint (weights, optimizer, RNG, step) plus spf's state
  (decision, plan, eval before, loss history) in ``OUT/checkpoint``, then
  :class:`TrainingInterrupted` (exit status 130); ``resume=True`` continues from it.

Data: DATA and EVAL are read with :func:`spf.neural.corpus.read_texts`; documents are
tokenized, joined with the end-of-text token and cut into chunks of ``seq_len`` tokens.
Without ``--eval`` the last 10% of the chunks (at least one) are held out for evaluation.
Batches are drawn at random (seeded, with replacement) from the training chunks; draw ``i``
depends only on the seed and ``i``, so a resumed or multi-process run sees the same
global batches as a single uninterrupted one. ``batch_size`` is per device; the global
batch is ``batch_size x world_size x grad_accum``.

The learning rate is constant (AdamW, gradients clipped at 1.0): with a time budget the
number of steps is not known in advance, and every policy is treated alike.
"""

from __future__ import annotations

import json
import resource
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spf.errors import SpfError
from spf.files import atomic_write_text
from spf.neural.freezing import (
    FreezeContext,
    FreezeDecision,
    FrozenModel,
    PlanConfig,
    decide,
    layers_to_transform,
    parse_policy,
    policy_registry,
)

if TYPE_CHECKING:  # pragma: no cover
    import torch
    from typing_extensions import Self

CHECKPOINT_DIR = "checkpoint"
EXIT_INTERRUPTED = 130


class TrainingInterrupted(SpfError):
    """Ctrl-C during training: a checkpoint was saved; ``--resume`` continues."""

    exit_code = EXIT_INTERRUPTED


@dataclass
class FinetuneConfig:
    """Options of one fine-tuning run (the ``spf finetune`` flags); validated at the edge."""

    freeze: str = "none"  # full fine-tuning: no freezing policy beat it (docs/finetuning.md)
    steps: int | None = None  # None and minutes None: DEFAULT_STEPS
    minutes: float | None = None
    lr: float = 5e-4
    batch_size: int = 8
    seq_len: int | None = None  # None: min(128, the model's context)
    seed: int = 0
    lora: bool = False
    lora_rank: int = 8
    lora_alpha: int = 16
    redraw_every: int = 20  # random:K re-draws its blocks this often (LISA's period)
    eval_chunks: int = 64  # evaluate on at most this many chunks
    plan_samples: int = 1024  # target tokens the semantic plan analyses
    compute_exponent: float = 0.5
    plan_measure: str = "rank"
    plan_reference: str | None = "stdlib"  # familiar data for the virtual path: "stdlib",
    # a corpus path, or None/"none" for the straight path
    plan_variant: str = "spf"  # "paper": the plan as published (freezing.PAPER_PLAN): the
    # straight virtual path (no reference read) and the lens measure, unless given explicitly
    grad_clip: float = 1.0
    weight_decay: float = 0.0
    device: str = "auto"
    threads: int | None = None
    clock: str = "wall"  # "wall" or "process" (CPU time: fair budgets on a shared machine)
    bf16: bool = False  # mixed precision (float32 master weights, bfloat16 autocast)
    fp16: bool = False  # mixed precision with float16 autocast and loss scaling (GPU only)
    grad_accum: int = 1  # micro-batches per optimizer step
    gradient_checkpointing: bool = False

    DEFAULT_STEPS = 100

    def validate(self) -> FinetuneConfig:
        if self.steps is not None and self.minutes is not None:
            raise SpfError("give --steps or --minutes, not both", location="--steps/--minutes")
        if self.steps is not None and self.steps < 1:
            raise SpfError(f"--steps must be at least 1, got {self.steps}", location="--steps")
        if self.minutes is not None and not self.minutes > 0:
            raise SpfError(f"--minutes must be positive, got {self.minutes}",
                           location="--minutes")
        if not self.lr > 0:
            raise SpfError(f"--lr must be positive, got {self.lr}", location="--lr")
        if self.batch_size < 1:
            raise SpfError(f"--batch-size must be at least 1, got {self.batch_size}",
                           location="--batch-size")
        if self.seq_len is not None and self.seq_len < 2:
            raise SpfError(f"--seq-len must be at least 2, got {self.seq_len}",
                           location="--seq-len")
        if self.redraw_every < 1 or self.eval_chunks < 1 or self.lora_rank < 1:
            raise SpfError("redraw period, eval chunks and LoRA rank must be positive")
        if self.clock not in ("wall", "process"):
            raise SpfError(f"unknown clock {self.clock!r}", hint="wall or process")
        if self.device not in ("auto", "cpu", "cuda", "mps"):
            raise SpfError(f"unknown device {self.device!r}", location="--device",
                           hint="auto, cpu, cuda or mps")
        if self.grad_accum < 1:
            raise SpfError(f"--grad-accum must be at least 1, got {self.grad_accum}",
                           location="--grad-accum")
        if self.bf16 and self.fp16:
            raise SpfError("give --bf16 or --fp16, not both", location="--bf16/--fp16")
        plan = self.plan_config()  # validates the plan options
        if plan.virtual == "straight" and self.plan_reference == "stdlib":
            self.plan_reference = None  # the paper variant reads no reference data
        parse_policy(self.freeze)  # the name (the range is checked once the model is known)
        return self

    @property
    def step_budget(self) -> int | None:
        if self.minutes is not None:
            return None
        return self.steps if self.steps is not None else self.DEFAULT_STEPS

    def plan_config(self) -> PlanConfig:
        return PlanConfig(samples=self.plan_samples, compute_exponent=self.compute_exponent,
                          measure=self.plan_measure, seed=self.seed, variant=self.plan_variant,
                          virtual="straight" if self.plan_reference in (None, "none")
                          else PlanConfig.virtual)


# ---------------------------------------------------------------- models and data


def context_length(model: Any) -> int | None:
    config = model.config
    for name in ("n_positions", "max_position_embeddings", "n_ctx", "seq_length"):
        value = getattr(config, name, None)
        if isinstance(value, int) and value > 0:
            return value
    return None


def token_chunks(tokenizer: Any, texts: list[str], seq_len: int, *, location: str
                 ) -> torch.Tensor:
    """Documents joined by the end-of-text token, cut into (n, seq_len) chunks."""
    import torch

    separator = tokenizer.eos_token_id
    ids: list[int] = []
    for text in texts:
        ids.extend(tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"])
        if separator is not None:
            ids.append(separator)
    count = len(ids) // seq_len
    if count < 1:
        raise SpfError(f"not enough text: {len(ids)} tokens, one chunk needs {seq_len}",
                       location=location, hint="give more data or a smaller --seq-len")
    return torch.tensor(ids[: count * seq_len], dtype=torch.long).view(count, seq_len)


DEFAULT_SEQ_LEN = 128


def check_seq_len(model: Any, seq_len: int | None) -> int:
    """The sequence length to use: ``seq_len``, or min(128, context) when None.

    Refuses a length the model's position embeddings cannot cover.
    """
    context = context_length(model)
    if seq_len is None:
        return min(DEFAULT_SEQ_LEN, context or DEFAULT_SEQ_LEN)
    if seq_len < 2:
        raise SpfError(f"--seq-len must be at least 2, got {seq_len}", location="--seq-len")
    if context is not None and seq_len > context:
        raise SpfError(f"--seq-len {seq_len} is larger than the model's context ({context})",
                       location="--seq-len", hint=f"use --seq-len {context} or less")
    return seq_len


REFERENCE_BYTES = 100_000


def reference_chunks(tokenizer: Any, reference: str | None, seq_len: int
                     ) -> torch.Tensor | None:
    """Chunks of familiar data for the semantic plan's virtual transition.

    ``"stdlib"``: ~100 kB of the local standard library (the pre-training domain of
    spf's tiny models, and familiar ground for any Python code LM); a path: that corpus;
    None or ``"none"``: no reference (the plan uses the straight path).
    """
    from spf.neural.corpus import read_texts, stdlib_folder

    if reference is None or reference == "none":
        return None
    if reference == "stdlib":
        texts = read_texts(stdlib_folder(), max_bytes=REFERENCE_BYTES)
    else:
        texts = read_texts(reference, max_bytes=REFERENCE_BYTES)
    return token_chunks(tokenizer, texts, seq_len, location=str(reference))


def prepare_data(tokenizer: Any, model: Any, data: str | Path, eval_data: str | Path | None,
                 seq_len: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Training and evaluation chunks (check ``seq_len`` first with :func:`check_seq_len`)."""
    from spf.neural.corpus import read_texts

    train = token_chunks(tokenizer, read_texts(data), seq_len, location=str(data))
    if eval_data is not None:
        evaluation = token_chunks(tokenizer, read_texts(eval_data), seq_len,
                                  location=str(eval_data))
        return train, evaluation
    if len(train) < 2:
        raise SpfError("not enough text to hold out an evaluation chunk", location=str(data),
                       hint="give more data, a smaller --seq-len, or --eval")
    held_out = max(1, len(train) // 10)
    return train[:-held_out], train[-held_out:]


def evaluate(model: Any, chunks: torch.Tensor, batch_size: int, device: str) -> float:
    """Mean next-token cross-entropy over ``chunks`` (model in eval mode, no gradients)."""
    import torch

    was_training = model.training
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(chunks), batch_size):
            batch = chunks[start:start + batch_size].to(device)
            logits = model(input_ids=batch).logits[:, :-1, :].float()
            targets = batch[:, 1:]
            total += torch.nn.functional.cross_entropy(
                logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), reduction="sum").item()
            count += targets.numel()
    model.train(was_training)
    return total / count


def peak_memory_bytes(device: str) -> int:
    """CUDA peak allocation on a GPU; else the process's peak resident set size.

    On Linux this is ``VmHWM`` (this process's own high-water mark): ``ru_maxrss`` also
    counts the parent's resident set at the moment it started this process (Linux carries
    it over ``execve``), so a run started by a big process would report that process's size.
    """
    if device.startswith("cuda"):
        import torch

        return int(torch.cuda.max_memory_allocated(device))
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak if sys.platform == "darwin" else peak * 1024)


# ---------------------------------------------------------------- LoRA


def lora_target_modules(model: Any) -> list[str]:
    """Names of the linear layers inside a block (Linear or GPT-2 Conv1D), for LoRA."""
    from spf.neural.adapters import get_adapter

    adapter = get_adapter(model)
    names = set()
    for name, module in adapter.blocks[0].named_modules():
        if type(module).__name__ in ("Linear", "Conv1D") and name:
            names.add(name.split(".")[-1])
    return sorted(names)


def lora_config_for(model: Any, decision: FreezeDecision, *, rank: int = 8, alpha: int = 16,
                    seed_all_layers: bool = False):
    """A peft ``LoraConfig`` putting adapters on the unfrozen blocks only.

    ``layers_to_transform`` is the list of unfrozen block indices; with
    ``seed_all_layers`` (re-drawing policies) every block gets an adapter and the loop
    switches them on and off.
    """
    from peft import LoraConfig

    from spf.neural.adapters import get_adapter

    adapter = get_adapter(model)
    layers = (list(range(adapter.num_layers)) if seed_all_layers
              else layers_to_transform(decision, adapter.num_layers))
    if not layers:
        raise SpfError(f"--lora with {decision.policy!r} leaves no block to adapt",
                       location="--freeze", hint="freeze fewer blocks")
    conv1d = any(type(module).__name__ == "Conv1D" for module in adapter.blocks[0].modules())
    return LoraConfig(r=rank, lora_alpha=alpha, lora_dropout=0.0,
                      target_modules=lora_target_modules(model), layers_to_transform=layers,
                      fan_in_fan_out=conv1d, task_type="CAUSAL_LM")


def _set_lora_trainable(model: Any, decision: FreezeDecision) -> None:
    """Only the LoRA parameters of unfrozen blocks train (base weights stay frozen)."""
    from spf.neural.adapters import get_adapter

    adapter = get_adapter(model)
    frozen = set(decision.frozen_blocks)
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    for block_index, block in enumerate(adapter.blocks):
        for name, parameter in block.named_parameters():
            if "lora_" in name:
                parameter.requires_grad_(block_index not in frozen)


# ---------------------------------------------------------------- the report


@dataclass
class FinetuneReport:
    """``report.json``; the first fields are the contract of issue 7."""

    freeze: dict
    trainable_params: int
    steps: int
    seconds: float
    train_loss: float | None
    eval_loss: dict
    peak_memory_bytes: int
    tokens_per_second: float
    # added fields
    plan_seconds: float = 0.0
    total_params: int = 0
    optimizer_state_bytes: int = 0
    tokens: int = 0
    lora: bool = False
    config: dict = field(default_factory=dict)
    model: str = ""
    out: str = ""
    device: str = "cpu"
    resumed_from_step: int | None = None
    loss_history: list = field(default_factory=list)
    world_size: int = 1
    global_batch_size: int = 0  # sequences per optimizer step, all ranks together
    grad_accum: int = 1
    precision: str = "float32"  # float32, bf16 or fp16 (mixed)

    def to_dict(self) -> dict:
        return asdict(self)


# ---------------------------------------------------------------- the run


def _optimizer_state_bytes(optimizer) -> int:
    inner = getattr(optimizer, "optimizer", optimizer)  # accelerate wraps the torch optimizer
    total = 0
    for state in inner.state.values():
        for value in state.values():
            if hasattr(value, "numel"):
                total += value.numel() * value.element_size()
    return total


class _Progress:
    """A rich progress bar on stderr with step, loss and tokens per second."""

    def __init__(self, enabled: bool, total: float, by_time: bool):
        self.enabled = enabled
        self.by_time = by_time
        self.total = total
        self._progress = None

    def __enter__(self) -> Self:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("[bold]fine-tune[/]"), BarColumn(),
                TextColumn("step {task.fields[step]}"), TextColumn("loss {task.fields[loss]}"),
                TextColumn("{task.fields[speed]} tok/s"), TimeElapsedColumn(),
                TimeRemainingColumn(), console=Console(stderr=True), transient=False)
            self._progress.__enter__()
            self._task = self._progress.add_task("train", total=self.total, step=0, loss="-",
                                                 speed="-")
        return self

    def update(self, step: int, elapsed: float, loss: float, speed: float) -> None:
        if self._progress is not None:
            self._progress.update(self._task, completed=min(elapsed if self.by_time else step,
                                                            self.total),
                                  step=step, loss=f"{loss:.3f}", speed=f"{speed:,.0f}")

    def __exit__(self, *exc_info) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc_info)


class _Draws:
    """The training batches' rows: draw ``i`` is a chunk chosen by ``(seed, i)`` alone.

    A map-style dataset read in order (``SequentialSampler``): the Trainer's dataloader
    then gives rank ``r`` of ``W`` every ``W``-th batch, so step ``s`` uses the same global
    batch whatever the number of processes, and a resumed run skips exactly the draws
    already used.
    """

    BLOCK = 4096

    def __init__(self, chunks, seed: int, length: int):
        self.chunks = chunks
        self.seed = seed
        self.length = length
        self._block = -1
        self._rows = None

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: int) -> dict:
        import torch

        block, offset = divmod(int(index), self.BLOCK)
        if block != self._block:
            generator = torch.Generator().manual_seed(self.seed * 1_000_003 + block)
            self._rows = torch.randint(len(self.chunks), (self.BLOCK,), generator=generator)
            self._block = block
        ids = self.chunks[self._rows[offset]]
        return {"input_ids": ids, "labels": ids}


def _trainer_class():
    from transformers import Trainer

    class SpfTrainer(Trainer):
        """The Trainer reading :class:`_Draws` in order (its rows are already random)."""

        def _get_train_sampler(self, train_dataset=None):
            import torch

            return torch.utils.data.SequentialSampler(train_dataset or self.train_dataset)

    return SpfTrainer


def _training_arguments(config: FinetuneConfig, output_dir: Path, device: str, *,
                        redraws: bool, max_steps: int):
    from transformers import TrainingArguments

    return TrainingArguments(
        output_dir=str(output_dir), max_steps=max_steps,
        per_device_train_batch_size=config.batch_size,
        gradient_accumulation_steps=config.grad_accum, learning_rate=config.lr,
        weight_decay=config.weight_decay, max_grad_norm=config.grad_clip or 0.0,
        lr_scheduler_type="constant", warmup_steps=0, optim="adamw_torch",
        bf16=config.bf16, fp16=config.fp16, activation_checkpointing=config.gradient_checkpointing,
        activation_checkpointing_kwargs={"use_reentrant": False},
        use_cpu=device == "cpu", seed=config.seed, logging_strategy="steps", logging_steps=1,
        save_strategy="no", eval_strategy="no", report_to=[], disable_tqdm=True,
        dataloader_pin_memory=False, remove_unused_columns=False, log_level="error",
        # a redrawing policy masks blocks that DDP saw as trainable when it wrapped the model
        ddp_find_unused_parameters=redraws)


class _Run:
    """spf's part of a Trainer run as a callback: budget, clock, loss history, progress."""

    def __init__(self, *, now, budget_seconds: float | None, offset: float, elapsed_before: float,
                 losses: list, on_step, tokens_per_step: int, resumed_from: int | None):
        self.now = now
        self.budget_seconds = budget_seconds
        self.offset = offset
        self.elapsed_before = elapsed_before
        self.losses = losses
        self.on_step = on_step
        self.tokens_per_step = tokens_per_step
        self.resumed_from = resumed_from or 0
        self.clock: float | None = None
        self.bar: _Progress | None = None
        self.last_loss = losses[-1][1] if losses else None

    def elapsed(self) -> float:
        if self.clock is None:
            return self.elapsed_before
        return self.elapsed_before + (self.now() - self.clock)

    def callback(self):
        from transformers import TrainerCallback

        run = self

        class SpfRunCallback(TrainerCallback):
            def on_train_begin(self, args, state, control, **kwargs):
                run.clock = run.now()

            def on_step_end(self, args, state, control, **kwargs):
                if (run.budget_seconds is not None
                        and run.elapsed() + run.offset >= run.budget_seconds):
                    control.should_training_stop = True

            def on_log(self, args, state, control, logs=None, **kwargs):
                if not logs or "loss" not in logs:
                    return
                step, loss = state.global_step, float(logs["loss"])
                run.last_loss = loss
                run.losses.append([step, loss])
                if run.bar is not None:
                    seconds = run.elapsed()
                    run.bar.update(step, seconds + run.offset, loss,
                                   (step - run.resumed_from) * run.tokens_per_step
                                   / max(seconds - run.elapsed_before, 1e-9))
                if run.on_step is not None:
                    run.on_step(step, loss)

        return SpfRunCallback()


def finetune(model_dir: str | Path, data: str | Path, out_dir: str | Path,
             config: FinetuneConfig | None = None, *, eval_data: str | Path | None = None,
             resume: bool = False, progress: bool = False,
             on_step: Callable[[int, float], None] | None = None) -> FinetuneReport:
    """Fine-tune the model in ``model_dir`` on ``data`` with the configured freezing.

    Writes ``OUT/model`` (and ``OUT/adapter`` with LoRA) and ``OUT/report.json`` (rank 0
    only under ``torchrun`` / ``accelerate launch``); returns the report. ``on_step(step,
    loss)`` is called after every optimizer step (tests, benchmarks). All input is
    validated before anything is written.
    """
    import torch

    from spf.neural.adapters import get_adapter
    from spf.neural.loading import check_model_folder, load_model, resolve_device

    config = (config or FinetuneConfig()).validate()
    if config.threads:
        torch.set_num_threads(config.threads)
    out = Path(out_dir)
    checkpoint = out / CHECKPOINT_DIR
    staging = out / (CHECKPOINT_DIR + ".partial")
    saved_state, trainer_checkpoint = None, None
    if resume:
        if not (checkpoint / "state.json").is_file():
            raise SpfError("no checkpoint to resume from", location=str(checkpoint),
                           hint="run without --resume first (Ctrl-C saves a checkpoint)")
        saved_state = json.loads((checkpoint / "state.json").read_text(encoding="utf-8"))
        config = FinetuneConfig(**saved_state["config"]).validate()
        trainer_checkpoint = checkpoint / saved_state["trainer_checkpoint"]
    check_model_folder(model_dir)
    device = resolve_device(config.device)
    if config.fp16 and not device.startswith("cuda"):
        raise SpfError("--fp16 needs a GPU", location="--fp16", hint="use --bf16 on cpu")
    redraws = bool(getattr(policy_registry().get(parse_policy(config.freeze).name), "redraws",
                           False))
    budget_steps = config.step_budget
    max_steps = budget_steps if budget_steps is not None else 10**9
    args = _training_arguments(config, staging / "trainer", device, redraws=redraws,
                               max_steps=max_steps)
    # under torchrun: this rank's device (cuda:N; gloo on CPU says cpu:N)
    rank_device = str(args.device) if args.device.type == "cuda" else args.device.type
    model, tokenizer = load_model(model_dir, dtype="float32", device=rank_device)
    adapter = get_adapter(model)
    policy = parse_policy(config.freeze, adapter.num_layers)
    config.seq_len = check_seq_len(model, config.seq_len)
    train_chunks, eval_chunks = prepare_data(tokenizer, model, data, eval_data, config.seq_len)
    eval_chunks = eval_chunks[: config.eval_chunks]
    torch.manual_seed(config.seed)

    now = time.perf_counter if config.clock == "wall" else time.process_time
    started = now()
    saved_decision = None
    if saved_state is not None:
        saved_decision = FreezeDecision(**{k: v for k, v in saved_state["decision"].items()
                                           if k != "plan"})
    callback = _make_callback_class()(
        policy.text, data=train_chunks, tokenizer=tokenizer, seq_len=config.seq_len,
        seed=config.seed, plan_config=config.plan_config(), redraw_every=config.redraw_every,
        reference=config.plan_reference, decision=saved_decision)
    decision = callback.decide(model)
    plan_seconds = saved_state["plan_seconds"] if saved_state else now() - started
    plan_dict = decision.plan.to_dict() if decision.plan is not None else (
        saved_state or {}).get("plan")
    eval_before = (saved_state["eval_before"] if saved_state is not None
                   else evaluate(model, eval_chunks, config.batch_size, rank_device))
    if config.lora:
        from peft import get_peft_model

        model = get_peft_model(model, lora_config_for(
            model, decision, rank=config.lora_rank, alpha=config.lora_alpha,
            seed_all_layers=redraws))
    callback.apply(model)  # before the Trainer builds its optimizer

    world_size = max(1, args.world_size)
    global_batch = config.batch_size * world_size * config.grad_accum
    tokens_per_step = global_batch * config.seq_len
    losses = list(saved_state["loss_history"]) if saved_state else []
    resumed_from = saved_state["step"] if saved_state else None
    run = _Run(now=now, budget_seconds=None if config.minutes is None else config.minutes * 60,
               offset=plan_seconds if saved_state is None else 0.0,
               elapsed_before=saved_state["seconds"] if saved_state else 0.0, losses=losses,
               on_step=on_step, tokens_per_step=tokens_per_step, resumed_from=resumed_from)
    trainer = _trainer_class()(
        model=model, args=args, train_dataset=_Draws(train_chunks, config.seed,
                                                     max_steps * global_batch),
        data_collator=_collate, callbacks=[callback, run.callback()])
    from transformers import PrinterCallback

    trainer.remove_callback(PrinterCallback)  # logs go to the report, not to stdout
    main = trainer.is_world_process_zero()
    total = config.minutes * 60 if budget_steps is None else budget_steps
    try:
        with _Progress(progress and main, total, by_time=budget_steps is None) as bar:
            run.bar = bar
            trainer.train(resume_from_checkpoint=str(trainer_checkpoint)
                          if trainer_checkpoint is not None else None)
    except KeyboardInterrupt:
        step = trainer.state.global_step
        _save_checkpoint(trainer, staging, checkpoint, {
            "step": step, "seconds": run.elapsed(), "plan_seconds": plan_seconds,
            "eval_before": eval_before, "config": asdict(config),
            "decision": {"policy": callback.decision.policy,
                         "frozen_blocks": callback.decision.frozen_blocks,
                         "train_embeddings": callback.decision.train_embeddings},
            "plan": plan_dict, "loss_history": losses,
            "trainer_checkpoint": f"trainer/checkpoint-{step}"})
        raise TrainingInterrupted(
            f"interrupted at step {step}; checkpoint saved", location=str(checkpoint),
            hint="continue with the same command and --resume") from None
    train_seconds = run.elapsed()
    step = trainer.state.global_step
    optimizer_bytes = _optimizer_state_bytes(trainer.optimizer)
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    total_params = sum(p.numel() for p in model.parameters())
    eval_after = evaluate(model, eval_chunks, config.batch_size, rank_device)
    new_steps = step - (resumed_from or 0)
    new_seconds = train_seconds - run.elapsed_before
    freeze = callback.decision.to_dict()
    freeze["policy"] = policy.text
    if plan_dict is not None:
        freeze["plan"] = plan_dict
    if callback.frozen_by_rank is not None:
        freeze["frozen_layers_by_rank"] = callback.frozen_by_rank
    precision = "bf16" if config.bf16 else "fp16" if config.fp16 else "float32"
    report = FinetuneReport(
        freeze=freeze, trainable_params=trainable, steps=step,
        seconds=round(train_seconds, 4), train_loss=run.last_loss,
        eval_loss={"before": eval_before, "after": eval_after},
        peak_memory_bytes=peak_memory_bytes(rank_device),
        tokens_per_second=round(new_steps * tokens_per_step / max(new_seconds, 1e-9), 2),
        plan_seconds=round(plan_seconds, 4), total_params=total_params,
        optimizer_state_bytes=optimizer_bytes, tokens=step * tokens_per_step,
        lora=config.lora, config=asdict(config), model=str(model_dir), out=str(out),
        device=rank_device, resumed_from_step=resumed_from, loss_history=losses,
        world_size=world_size, global_batch_size=global_batch, grad_accum=config.grad_accum,
        precision=precision)
    if main:
        _save_result(out, model, tokenizer, config, report, callback.frozen_model)
        for folder in (checkpoint, staging):
            if folder.exists():
                shutil.rmtree(folder)
    trainer.accelerator.wait_for_everyone()
    return report


def _collate(rows: list[dict]) -> dict:
    import torch

    ids = torch.stack([row["input_ids"] for row in rows])
    return {"input_ids": ids, "labels": ids}


def _save_checkpoint(trainer, staging: Path, folder: Path, state: dict) -> None:
    """The Trainer's checkpoint plus spf's state, written to ``staging`` and renamed."""
    if trainer.is_world_process_zero() and staging.exists():
        shutil.rmtree(staging)
    trainer.accelerator.wait_for_everyone()
    trainer._save_checkpoint(trainer.model, trial=None)  # the format resume_from_checkpoint reads
    if trainer.is_world_process_zero():
        atomic_write_text(staging / "state.json", json.dumps(state, indent=2))
        if folder.exists():
            shutil.rmtree(folder)
        staging.rename(folder)
    trainer.accelerator.wait_for_everyone()


def _save_result(out: Path, model, tokenizer, config: FinetuneConfig, report: FinetuneReport,
                 frozen_model: FrozenModel | None) -> None:
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    if frozen_model is not None:
        frozen_model.remove_hooks()
    out.mkdir(parents=True, exist_ok=True)
    if config.lora:
        model.save_pretrained(out / "adapter")
        merged = model.merge_and_unload()
        merged.save_pretrained(out / "model")
    else:
        model.save_pretrained(out / "model")
    tokenizer.save_pretrained(out / "model")
    atomic_write_text(out / "report.json", json.dumps(report.to_dict(), indent=2) + "\n")



# ---------------------------------------------------------------- the freeze callback


def _chunks_from_dataset(dataset, limit: int = 16) -> torch.Tensor | None:
    """The first ``limit`` rows of the training set itself (not of a rank's shard), so every
    rank plans from the same sample."""
    import torch

    rows = []
    for index in range(min(limit, len(dataset))):
        item = dataset[index]
        ids = item["input_ids"] if isinstance(item, dict) else item[0]
        rows.append(torch.as_tensor(ids).detach().cpu().reshape(-1))
    if not rows:
        return None
    width = min(len(r) for r in rows)
    return torch.stack([r[:width] for r in rows])


def _same_on_every_rank(decision: FreezeDecision) -> tuple[FreezeDecision, list | None]:
    """Rank 0's decision on every rank, and what each rank had decided on its own (None
    outside a multi-process run)."""
    try:
        import torch.distributed as dist
    except ImportError:  # pragma: no cover
        return decision, None
    if not (dist.is_available() and dist.is_initialized()) or dist.get_world_size() < 2:
        return decision, None
    own = [list(decision.frozen_blocks), bool(decision.train_embeddings)]
    everyone: list = [None] * dist.get_world_size()
    dist.all_gather_object(everyone, own)
    frozen, train_embeddings = everyone[0]
    if (frozen, train_embeddings) != tuple(own):
        decision = FreezeDecision(decision.policy, list(frozen), train_embeddings,
                                  plan=decision.plan)
    return decision, [entry[0] for entry in everyone]


def _is_peft(model: Any) -> bool:
    return hasattr(model, "peft_config")


def _make_callback_class():
    from transformers import TrainerCallback

    class SemanticFreezeCallback(TrainerCallback):
        """Layer freezing for the Hugging Face ``Trainer`` in one line::

            Trainer(model=model, args=args, train_dataset=ds,
                    callbacks=[SemanticFreezeCallback(data=token_ids)])

        ``policy`` is any ``--freeze`` value (default ``semantic``); ``data`` is a
        (n, seq) tensor of token ids, a list of texts, or a corpus path for the plan (if
        omitted, the first rows of the Trainer's training set are used at train start).
        With data given, freezing happens when the Trainer is built, before it creates
        its optimizer, so frozen parameters never enter it. The plan runs on the model's
        device; under DDP every rank plans from the same sample and rank 0's decision is
        used everywhere (``frozen_by_rank`` says what each rank had found).

        Redrawing policies (``random:K``): every block enters the optimizer when it is
        built; at each draw (every ``redraw_every`` steps) the blocks not drawn stop
        getting gradients (AdamW skips them) and the optimizer state is cleared, so each
        draw starts fresh as in LISA. ``decision`` holds the current decision;
        ``layers_to_transform`` the unfrozen blocks for peft.
        """

        def __init__(self, policy: str = "semantic", data: Any = None, *, tokenizer=None,
                     seq_len: int = 128, seed: int = 0, plan_config: PlanConfig | None = None,
                     redraw_every: int = 20, reference: str | None = "stdlib",
                     decision: FreezeDecision | None = None):
            self.policy = policy
            self.data = data
            self.tokenizer = tokenizer
            self.seq_len = seq_len
            self.seed = seed
            self.plan_config = plan_config
            self.redraw_every = redraw_every
            self.reference = reference
            self.decision: FreezeDecision | None = decision
            self.frozen_by_rank: list | None = None
            self.draws: list[tuple[int, list[int]]] = []  # (step, trained blocks) per draw
            self.frozen_model: FrozenModel | None = None
            self._context: FreezeContext | None = None
            self._num_layers: int | None = None

        @property
        def redraws(self) -> bool:
            name = parse_policy(self.policy).name
            return bool(getattr(policy_registry().get(name), "redraws", False))

        def _input_ids(self, tokenizer):
            import torch

            data = self.data
            if data is None or isinstance(data, torch.Tensor):
                return data
            if tokenizer is None:
                raise SpfError("SemanticFreezeCallback needs a tokenizer for text data",
                               hint="pass tokenizer= or token ids")
            if isinstance(data, (str, Path)):
                from spf.neural.corpus import read_texts

                data = read_texts(data)
            return token_chunks(tokenizer, list(data), self.seq_len, location="callback data")

        def _make_context(self, model, input_ids=None, tokenizer=None) -> FreezeContext:
            from spf.neural.adapters import get_adapter

            self._num_layers = get_adapter(model).num_layers
            context = FreezeContext(num_layers=self._num_layers, input_ids=input_ids,
                                    seed=self.seed, plan_config=self.plan_config or
                                    PlanConfig(seed=self.seed))
            tokenizer = self.tokenizer or tokenizer
            if (parse_policy(self.policy).name == "semantic" and tokenizer is not None
                    and context.plan_config.virtual == "reference"):
                width = input_ids.shape[1] if input_ids is not None else self.seq_len
                context.reference_ids = reference_chunks(tokenizer, self.reference, width)
            return context

        def decide(self, model, tokenizer=None, input_ids=None) -> FreezeDecision:
            """The decision for ``model`` (kept when already made, e.g. when resuming)."""
            if self.decision is not None:
                return self.decision
            if input_ids is None:
                input_ids = self._input_ids(self.tokenizer or tokenizer)
            self._context = self._make_context(model, input_ids, tokenizer)
            decision = decide(model, self.policy, self._context)
            self.decision, self.frozen_by_rank = _same_on_every_rank(decision)
            self._record_draw(0)
            return self.decision

        def apply(self, model) -> None:
            """Freeze ``model`` (or a peft model's LoRA parameters) as ``decision`` says."""
            if _is_peft(model):
                _set_lora_trainable(model, self.decision)
                return
            if self.frozen_model is None or self.frozen_model.model is not model:
                self.frozen_model = FrozenModel(model)
            self.frozen_model.apply(self.decision)

        def _enable_all(self, model) -> None:
            """Every parameter a draw could train requires grad (so the optimizer holds it)."""
            if self.frozen_model is not None:
                self.frozen_model.remove_hooks()
            for name, parameter in model.named_parameters():
                parameter.requires_grad_(not _is_peft(model) or "lora_" in name)

        def _record_draw(self, step: int) -> None:
            frozen = set(self.decision.frozen_blocks)
            self.draws.append((step, [b for b in range(self._num_layers or 0)
                                      if b not in frozen]))

        @property
        def layers_to_transform(self) -> list[int]:
            if self.decision is None:
                raise SpfError("no freeze decision yet: the Trainer has not started")
            return layers_to_transform(self.decision, self._num_layers)

        def on_init_end(self, args, state, control, model=None, processing_class=None,
                        **kwargs):
            if model is None:
                return
            if self.decision is None and (self.data is not None
                                          or parse_policy(self.policy).name != "semantic"):
                self.decide(model, processing_class)
            if self.redraws:
                self._enable_all(model)  # re-masked at train begin and at each draw
            elif self.decision is not None:
                self.apply(model)

        def on_train_begin(self, args, state, control, model=None, train_dataloader=None,
                           processing_class=None, **kwargs):
            if model is None:
                return
            if self.decision is None:  # planned late: from the training set itself
                input_ids = self._input_ids(self.tokenizer or processing_class)
                if input_ids is None and train_dataloader is not None:
                    input_ids = _chunks_from_dataset(train_dataloader.dataset)
                self.decide(model, processing_class, input_ids)
            if self._num_layers is None:
                from spf.neural.adapters import get_adapter

                self._num_layers = get_adapter(model).num_layers
            self.apply(model)

        def on_step_begin(self, args, state, control, model=None, optimizer=None, **kwargs):
            step = state.global_step
            if not (self.redraws and model is not None and step
                    and step % self.redraw_every == 0):
                return
            if self._context is None:  # resumed: the context is cheap to rebuild
                self._context = self._make_context(model)
            self._context.step = step
            self.decision = decide(model, self.policy, self._context)
            self.apply(model)
            if optimizer is not None:  # LISA: a fresh optimizer state per draw
                getattr(optimizer, "optimizer", optimizer).state.clear()
            self._record_draw(step)

    return SemanticFreezeCallback


def __getattr__(name: str):
    """``SemanticFreezeCallback`` is built lazily: importing this module must not import
    transformers."""
    if name == "SemanticFreezeCallback":
        cls = _make_callback_class()
        globals()[name] = cls
        return cls
    raise AttributeError(name)
