"""Fine-tuning with layer freezing: the training loop, its report, checkpoints, and the bridges
to the Hugging Face Trainer and to peft.

Why a loop of our own rather than the Trainer: the point of freezing is what it saves, so
the loop has to show it. Frozen parameters never enter the optimizer (no Adam state: that
is where the memory goes) and a frozen bottom produces no autograd graph (its blocks run
forward only). The report says what that bought: steps, seconds, tokens per second, peak
memory, and the eval loss before and after. For Trainer users,
:class:`SemanticFreezeCallback` applies the same policies in one line, and
:func:`lora_config_for` hands peft the unfrozen blocks as ``layers_to_transform``.

Data: DATA and EVAL are read with :func:`spf.neural.corpus.read_texts`; documents are
tokenized, joined with the end-of-text token and cut into chunks of ``seq_len`` tokens.
Without ``--eval`` the last 10% of the chunks (at least one) are held out for evaluation.
Batches are drawn at random (seeded) from the training chunks.

Budget: ``steps`` or ``minutes`` (wall time from the start of the freeze decision, so a
semantic plan's cost counts against its own budget). The learning rate is constant
(AdamW, gradients clipped at 1.0): with a time budget the number of steps is not known in
advance, and every policy is treated alike.

Ctrl-C: the loop saves ``OUT/checkpoint`` (model weights, optimizer state, step, elapsed
time, sampler state, the freeze decision) and raises :class:`TrainingInterrupted` (exit
status 130); ``resume=True`` (``--resume``) continues from it up to the same budget.
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

    freeze: str = "semantic"
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
    grad_clip: float = 1.0
    weight_decay: float = 0.0
    device: str = "auto"
    threads: int | None = None
    clock: str = "wall"  # "wall" or "process" (CPU time: fair budgets on a shared machine)

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
        if self.device not in ("auto", "cpu", "cuda"):
            raise SpfError(f"unknown device {self.device!r}", hint="auto, cpu or cuda")
        self.plan_config()  # validates the plan options
        parse_policy(self.freeze)  # the name (the range is checked once the model is known)
        return self

    @property
    def step_budget(self) -> int | None:
        if self.minutes is not None:
            return None
        return self.steps if self.steps is not None else self.DEFAULT_STEPS

    def plan_config(self) -> PlanConfig:
        return PlanConfig(samples=self.plan_samples, compute_exponent=self.compute_exponent,
                          measure=self.plan_measure, seed=self.seed)


# ---------------------------------------------------------------- models and data


def load_model(model_dir: str | Path, device: str = "cpu"):
    """Load a causal LM and its tokenizer from a local folder (never the network)."""
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # our own progress bar is the only one
    path = Path(model_dir)
    if not (path / "config.json").is_file():
        raise SpfError("not a model folder (no config.json)", location=str(path),
                       hint="give a folder saved with save_pretrained, e.g. from "
                            "`spf model build-tiny`")
    try:
        import torch

        tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        model = AutoModelForCausalLM.from_pretrained(path, local_files_only=True,
                                                     dtype=torch.float32)
    except (OSError, ValueError) as error:
        raise SpfError(f"cannot load the model: {str(error).splitlines()[0]}",
                       location=str(path)) from error
    return model.to(device), tokenizer


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
    """CUDA peak allocation on a GPU; else the process's peak resident set size."""
    if device == "cuda":
        import torch

        return int(torch.cuda.max_memory_allocated())
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

    def to_dict(self) -> dict:
        return asdict(self)


# ---------------------------------------------------------------- the loop


def _device(config: FinetuneConfig) -> str:
    import torch

    if config.device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if config.device == "cuda" and not torch.cuda.is_available():
        raise SpfError("--device cuda but torch sees no GPU", hint="use --device cpu")
    return config.device


def _optimizer(model: Any, config: FinetuneConfig):
    import torch

    parameters = [p for p in model.parameters() if p.requires_grad]
    return torch.optim.AdamW(parameters, lr=config.lr, weight_decay=config.weight_decay)


def _optimizer_state_bytes(optimizer) -> int:
    total = 0
    for state in optimizer.state.values():
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


def finetune(model_dir: str | Path, data: str | Path, out_dir: str | Path,
             config: FinetuneConfig | None = None, *, eval_data: str | Path | None = None,
             resume: bool = False, progress: bool = False,
             on_step: Callable[[int, float], None] | None = None) -> FinetuneReport:
    """Fine-tune the model in ``model_dir`` on ``data`` with the configured freezing.

    Writes ``OUT/model`` (and ``OUT/adapter`` with LoRA) and ``OUT/report.json``; returns
    the report. ``on_step(step, loss)`` is called after every optimizer step (tests,
    benchmarks). All input is validated before anything is written.
    """
    import torch

    config = (config or FinetuneConfig()).validate()
    if config.threads:
        torch.set_num_threads(config.threads)
    out = Path(out_dir)
    checkpoint = out / CHECKPOINT_DIR
    saved_state = None
    if resume:
        if not (checkpoint / "state.json").is_file():
            raise SpfError("no checkpoint to resume from", location=str(checkpoint),
                           hint="run without --resume first (Ctrl-C saves a checkpoint)")
        saved_state = json.loads((checkpoint / "state.json").read_text(encoding="utf-8"))
        config = FinetuneConfig(**saved_state["config"]).validate()
    device = _device(config)
    model, tokenizer = load_model(model_dir, device)
    from spf.neural.adapters import get_adapter

    adapter = get_adapter(model)
    policy = parse_policy(config.freeze, adapter.num_layers)
    config.seq_len = check_seq_len(model, config.seq_len)
    train_chunks, eval_chunks = prepare_data(tokenizer, model, data, eval_data, config.seq_len)
    eval_chunks = eval_chunks[: config.eval_chunks]
    torch.manual_seed(config.seed)

    now = time.perf_counter if config.clock == "wall" else time.process_time
    started = now()
    redraws = bool(getattr(policy_registry()[policy.name], "redraws", False))
    context = FreezeContext(num_layers=adapter.num_layers, input_ids=train_chunks,
                            seed=config.seed, step=0, plan_config=config.plan_config())
    if policy.name == "semantic" and saved_state is None:
        context.reference_ids = reference_chunks(tokenizer, config.plan_reference,
                                                 config.seq_len)
    if saved_state is not None:
        decision = FreezeDecision(**{k: v for k, v in saved_state["decision"].items()
                                     if k != "plan"})
        plan_seconds = saved_state["plan_seconds"]
    else:
        decision = decide(model, policy, context)
        plan_seconds = now() - started
    plan_dict = decision.plan.to_dict() if decision.plan is not None else (
        saved_state or {}).get("plan")

    if saved_state is not None:
        eval_before = saved_state["eval_before"]
    else:
        eval_before = evaluate(model, eval_chunks, config.batch_size, device)

    frozen_model = None
    if config.lora:
        from peft import get_peft_model

        model = get_peft_model(model, lora_config_for(
            model, decision, rank=config.lora_rank, alpha=config.lora_alpha,
            seed_all_layers=redraws))
        _set_lora_trainable(model, decision)
    else:
        frozen_model = FrozenModel(model)
        frozen_model.apply(decision)

    def apply(new_decision: FreezeDecision) -> None:
        if config.lora:
            _set_lora_trainable(model, new_decision)
        else:
            frozen_model.apply(new_decision)

    optimizer = _optimizer(model, config)
    generator = torch.Generator().manual_seed(config.seed)
    step, elapsed_before, losses = 0, 0.0, []
    if saved_state is not None:
        from safetensors.torch import load_model as load_weights

        load_weights(model, str(checkpoint / "model.safetensors"), device=device)
        optimizer.load_state_dict(torch.load(checkpoint / "optimizer.pt", map_location=device))
        generator.set_state(torch.load(checkpoint / "generator.pt"))
        step = saved_state["step"]
        elapsed_before = saved_state["seconds"]
        losses = saved_state["loss_history"]
    resumed_from = step if saved_state is not None else None

    budget_steps = config.step_budget
    budget_seconds = None if config.minutes is None else config.minutes * 60.0
    tokens_per_step = config.batch_size * config.seq_len
    model.train()
    train_seconds = elapsed_before
    clock = now()
    if saved_state is None:
        # the plan's time counts against a time budget
        train_seconds_offset = plan_seconds
    else:
        train_seconds_offset = 0.0
    last_loss = losses[-1][1] if losses else None

    def elapsed() -> float:
        return train_seconds + (now() - clock)

    def budget_left() -> bool:
        if budget_steps is not None:
            return step < budget_steps
        return elapsed() + train_seconds_offset < budget_seconds

    total = budget_seconds if budget_steps is None else budget_steps
    try:
        with _Progress(progress, total, by_time=budget_steps is None) as bar:
            while budget_left():
                if redraws and step > 0 and step % config.redraw_every == 0:
                    context.step = step
                    decision = decide(model, policy, context)
                    apply(decision)
                    optimizer = _optimizer(model, config)  # LISA: fresh state per draw
                rows = torch.randint(len(train_chunks), (config.batch_size,),
                                     generator=generator)
                batch = train_chunks[rows].to(device)
                loss = model(input_ids=batch, labels=batch).loss
                loss.backward()
                if config.grad_clip:
                    torch.nn.utils.clip_grad_norm_(
                        [p for p in model.parameters() if p.requires_grad], config.grad_clip)
                optimizer.step()
                optimizer.zero_grad(set_to_none=True)
                step += 1
                last_loss = float(loss.item())
                losses.append([step, last_loss])
                seconds = elapsed()
                bar.update(step, seconds + train_seconds_offset, last_loss,
                           (step - (resumed_from or 0)) * tokens_per_step
                           / max(seconds - elapsed_before, 1e-9))
                if on_step is not None:
                    on_step(step, last_loss)
    except KeyboardInterrupt:
        train_seconds = elapsed()
        _save_checkpoint(checkpoint, model, optimizer, generator, config, decision, plan_dict,
                         step=step, seconds=train_seconds, plan_seconds=plan_seconds,
                         eval_before=eval_before, losses=losses)
        raise TrainingInterrupted(
            f"interrupted at step {step}; checkpoint saved", location=str(checkpoint),
            hint="continue with the same command and --resume") from None
    train_seconds = elapsed()
    optimizer_bytes = _optimizer_state_bytes(optimizer)
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    total_params = sum(p.numel() for p in model.parameters())
    eval_after = evaluate(model, eval_chunks, config.batch_size, device)
    peak = peak_memory_bytes(device)
    new_steps = step - (resumed_from or 0)
    new_seconds = train_seconds - elapsed_before
    freeze = decision.to_dict()
    freeze["policy"] = policy.text
    if plan_dict is not None:
        freeze["plan"] = plan_dict
    report = FinetuneReport(
        freeze=freeze, trainable_params=trainable, steps=step,
        seconds=round(train_seconds, 4), train_loss=last_loss,
        eval_loss={"before": eval_before, "after": eval_after}, peak_memory_bytes=peak,
        tokens_per_second=round(new_steps * tokens_per_step / max(new_seconds, 1e-9), 2),
        plan_seconds=round(plan_seconds, 4), total_params=total_params,
        optimizer_state_bytes=optimizer_bytes, tokens=step * tokens_per_step,
        lora=config.lora, config=asdict(config), model=str(model_dir), out=str(out),
        device=device, resumed_from_step=resumed_from, loss_history=losses)
    _save_result(out, model, tokenizer, config, report, frozen_model)
    if checkpoint.exists():
        shutil.rmtree(checkpoint)
    return report


def _save_checkpoint(folder: Path, model, optimizer, generator, config: FinetuneConfig,
                     decision: FreezeDecision, plan: dict | None, *, step: int, seconds: float,
                     plan_seconds: float, eval_before: float, losses: list) -> None:
    """Everything ``--resume`` needs, written to a temporary folder and renamed."""
    import torch
    from safetensors.torch import save_model

    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.with_name(folder.name + ".partial")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    save_model(model, str(staging / "model.safetensors"))
    torch.save(optimizer.state_dict(), staging / "optimizer.pt")
    torch.save(generator.get_state(), staging / "generator.pt")
    decision_dict = {"policy": decision.policy, "frozen_blocks": decision.frozen_blocks,
                     "train_embeddings": decision.train_embeddings}
    state = {"step": step, "seconds": seconds, "plan_seconds": plan_seconds,
             "eval_before": eval_before, "config": asdict(config), "decision": decision_dict,
             "plan": plan, "loss_history": losses}
    atomic_write_text(staging / "state.json", json.dumps(state, indent=2))
    if folder.exists():
        shutil.rmtree(folder)
    staging.rename(folder)


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


# ---------------------------------------------------------------- Hugging Face Trainer


def _chunks_from_dataloader(dataloader, limit: int = 16) -> torch.Tensor | None:
    import torch

    rows = []
    for batch in dataloader:
        ids = batch["input_ids"] if isinstance(batch, dict) else batch[0]
        rows.append(ids.detach().cpu())
        if sum(len(r) for r in rows) >= limit:
            break
    if not rows:
        return None
    width = min(r.shape[1] for r in rows)
    return torch.cat([r[:, :width] for r in rows])[:limit]


def _make_callback_class():
    from transformers import TrainerCallback

    class SemanticFreezeCallback(TrainerCallback):
        """Layer freezing for the Hugging Face ``Trainer`` in one line::

            Trainer(model=model, args=args, train_dataset=ds,
                    callbacks=[SemanticFreezeCallback(data=token_ids)])

        ``policy`` is any ``--freeze`` value (default ``semantic``); ``data`` is a
        (n, seq) tensor of token ids, a list of texts, or a corpus path for the plan (if
        omitted, the first batches of the Trainer's dataloader are used at train start).
        With data given, freezing happens when the Trainer is built, before it creates
        its optimizer, so frozen parameters never enter it. ``decision`` holds the
        result; ``layers_to_transform`` the unfrozen blocks for peft.
        """

        def __init__(self, policy: str = "semantic", data: Any = None, *, tokenizer=None,
                     seq_len: int = 128, seed: int = 0, plan_config: PlanConfig | None = None,
                     redraw_every: int = 20, reference: str | None = "stdlib"):
            self.policy = policy
            self.data = data
            self.tokenizer = tokenizer
            self.seq_len = seq_len
            self.seed = seed
            self.plan_config = plan_config
            self.redraw_every = redraw_every
            self.reference = reference
            self.decision: FreezeDecision | None = None
            self._frozen: FrozenModel | None = None
            self._context: FreezeContext | None = None

        def _input_ids(self, model, tokenizer):
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

        def _freeze(self, model, input_ids, tokenizer=None) -> None:
            from spf.neural.adapters import get_adapter

            adapter = get_adapter(model)
            self._context = FreezeContext(num_layers=adapter.num_layers, input_ids=input_ids,
                                          seed=self.seed, plan_config=self.plan_config or
                                          PlanConfig(seed=self.seed))
            tokenizer = self.tokenizer or tokenizer
            if self.policy.startswith("semantic") and tokenizer is not None:
                width = input_ids.shape[1] if input_ids is not None else self.seq_len
                self._context.reference_ids = reference_chunks(tokenizer, self.reference,
                                                               width)
            self.decision = decide(model, self.policy, self._context)
            self._frozen = FrozenModel(model)
            self._frozen.apply(self.decision)

        @property
        def layers_to_transform(self) -> list[int]:
            if self.decision is None:
                raise SpfError("no freeze decision yet: the Trainer has not started")
            return layers_to_transform(self.decision, self._context.num_layers)

        def on_init_end(self, args, state, control, model=None, processing_class=None,
                        **kwargs):
            if model is not None and self.decision is None and (
                    self.data is not None or not self.policy.startswith("semantic")):
                self._freeze(model, self._input_ids(model, self.tokenizer or processing_class),
                             processing_class)

        def on_train_begin(self, args, state, control, model=None, train_dataloader=None,
                           processing_class=None, **kwargs):
            if model is not None and self.decision is None:
                input_ids = self._input_ids(model, self.tokenizer or processing_class)
                if input_ids is None and train_dataloader is not None:
                    input_ids = _chunks_from_dataloader(train_dataloader)
                self._freeze(model, input_ids, processing_class)

        def on_step_begin(self, args, state, control, model=None, **kwargs):
            name = self.policy.partition(":")[0]
            redraws = getattr(policy_registry().get(name), "redraws", False)
            if (redraws and model is not None and state.global_step
                    and state.global_step % self.redraw_every == 0):
                self._context.step = state.global_step
                self.decision = decide(model, self.policy, self._context)
                self._frozen.apply(self.decision)

    return SemanticFreezeCallback


def __getattr__(name: str):
    """``SemanticFreezeCallback`` is built lazily: importing this module must not import
    transformers."""
    if name == "SemanticFreezeCallback":
        cls = _make_callback_class()
        globals()[name] = cls
        return cls
    raise AttributeError(name)
