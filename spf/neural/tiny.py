"""Tiny language models for tests and demos: a BPE tokenizer plus a small transformers model.

No model can be downloaded where spf is developed and tested, so spf builds its own:
a byte-level BPE tokenizer (the ``tokenizers`` package) and a small GPT-2 or Llama model
trained for a few minutes on local Python sources (the standard library by default).
These are FIXTURES for tests and demos - they exercise the whole neural toolkit
(adapters, logit lens, repair, freezing, the hf backend) on a real trained model - and
not code assistants: expect plausible-looking Python fragments, not correct programs.

Determinism: for the same arguments and seed the result is bit-identical on one machine
(files read in sorted order, a seeded generator for batches, one torch thread while
training). ``minutes`` is turned into a step count by a fixed throughput estimate
(:func:`estimate_steps`), never by the clock, so the result does not depend on the
machine's speed; a hard wall-clock stop at three times the budget only guards against
runaway runs and is recorded in the metadata when it fires (the result is then not
reproducible).
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spf.errors import SpfError

if TYPE_CHECKING:  # pragma: no cover
    from transformers import PreTrainedModel, PreTrainedTokenizerFast

#: Every family :func:`tiny_config` can build (the adapters' supported families).
FAMILIES = ("gpt2", "llama", "qwen2", "mistral", "gpt_neox", "gptj", "codegen", "starcoder2",
            "gemma")
#: Further families the adapters support (same layouts as above), also tested.
EXTRA_FAMILIES = ("qwen3", "phi", "phi3", "gpt_bigcode")
ALL_FAMILIES = FAMILIES + EXTRA_FAMILIES
#: The families ``spf model build-tiny`` trains.
TRAINABLE = ("gpt2", "llama")
END_OF_TEXT = "<|endoftext|>"
PADDING = "<pad>"
METADATA_FILE = "spf_tiny.json"
#: Throughput assumed by :func:`estimate_steps` (training FLOP per second on one CPU
#: thread, measured on the development machine; see docs/neural.md).
REFERENCE_FLOPS_PER_SECOND = 30.0e9
#: Bytes of source text per BPE token, roughly, for sizing the corpus read.
BYTES_PER_TOKEN = 3.5


# ---------------------------------------------------------------- tokenizer


def train_tokenizer(files: Iterable[str | Path] | None = None, vocab_size: int = 1024, *,
                    texts: Iterable[str] | None = None,
                    model_max_length: int = 1024) -> PreTrainedTokenizerFast:
    """Train a byte-level BPE tokenizer on ``files`` (paths) or ``texts`` (strings).

    Every byte has a token, so any text encodes; ``<|endoftext|>`` is the BOS/EOS token
    and ``<pad>`` the padding token. Returns a transformers ``PreTrainedTokenizerFast``
    (``save_pretrained`` / ``AutoTokenizer.from_pretrained`` work as usual).
    """
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    minimum = len(pre_tokenizers.ByteLevel.alphabet()) + 2
    if vocab_size < minimum + 16:
        raise SpfError(f"vocabulary size {vocab_size} is too small",
                       hint=f"use at least {minimum + 16} (256 bytes + special tokens + merges)")
    if texts is None:
        if files is None:
            raise ValueError("give files or texts")
        texts = [Path(file).read_text(encoding="utf-8", errors="replace") for file in files]
    texts = list(texts)
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size, special_tokens=[END_OF_TEXT, PADDING],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tokenizer.train_from_iterator(texts, trainer=trainer, length=len(texts))
    return PreTrainedTokenizerFast(
        tokenizer_object=tokenizer, bos_token=END_OF_TEXT, eos_token=END_OF_TEXT,
        pad_token=PADDING, model_max_length=model_max_length)


# ---------------------------------------------------------------- configs and random models


@dataclass
class TinySizes:
    """Sizes of a tiny model; ``heads`` defaults to hidden // 16, ``ffn`` to 4 x hidden."""

    hidden: int = 32
    layers: int = 2
    heads: int | None = None
    ffn: int | None = None
    context: int = 128

    def resolved(self) -> TinySizes:
        heads = self.heads or max(1, self.hidden // 16)
        if self.hidden % heads:
            raise SpfError(f"hidden size {self.hidden} is not divisible by {heads} heads",
                           hint="use a multiple of 16 for --hidden")
        if self.hidden < 8 or self.layers < 1 or self.context < 8:
            raise SpfError("model sizes too small",
                           hint="hidden >= 8, layers >= 1, context >= 8")
        return TinySizes(self.hidden, self.layers, heads, self.ffn or 4 * self.hidden,
                         self.context)


def tiny_config(arch: str, vocab_size: int, *, bos_token_id: int | None = 0,
                eos_token_id: int | None = 0, pad_token_id: int | None = 1,
                **sizes: Any):
    """A transformers config for a tiny model of family ``arch`` (``config.model_type``).

    ``sizes`` are :class:`TinySizes` fields (hidden, layers, heads, ffn, context).
    Dropout is off so that training and inference are deterministic.
    """
    from transformers import AutoConfig

    if arch not in ALL_FAMILIES:
        raise SpfError(f"unknown architecture {arch!r}",
                       hint=f"one of: {', '.join(ALL_FAMILIES)}")
    size = TinySizes(**sizes).resolved()
    head_dim = size.hidden // size.heads
    special = {"vocab_size": vocab_size, "bos_token_id": bos_token_id,
                   "eos_token_id": eos_token_id, "pad_token_id": pad_token_id}
    if arch in ("gpt2", "gpt_bigcode"):
        options = {"n_embd": size.hidden, "n_layer": size.layers, "n_head": size.heads,
                       "n_inner": size.ffn, "n_positions": size.context, "resid_pdrop": 0.0,
                       "embd_pdrop": 0.0, "attn_pdrop": 0.0}
    elif arch in ("gptj", "codegen"):
        options = {"n_embd": size.hidden, "n_layer": size.layers, "n_head": size.heads,
                       "n_inner": size.ffn, "n_positions": size.context, "rotary_dim": head_dim // 2,
                       "resid_pdrop": 0.0, "embd_pdrop": 0.0, "attn_pdrop": 0.0}
        if arch == "codegen":
            options["n_ctx"] = size.context
    elif arch == "gpt_neox":
        options = {"hidden_size": size.hidden, "num_hidden_layers": size.layers,
                       "num_attention_heads": size.heads, "intermediate_size": size.ffn,
                       "max_position_embeddings": size.context, "hidden_dropout": 0.0,
                       "attention_dropout": 0.0}
    elif arch == "phi":
        options = {"hidden_size": size.hidden, "num_hidden_layers": size.layers,
                   "num_attention_heads": size.heads, "intermediate_size": size.ffn,
                   "max_position_embeddings": size.context, "resid_pdrop": 0.0,
                   "embd_pdrop": 0.0, "attention_dropout": 0.0}
    elif arch == "phi3":
        options = {"hidden_size": size.hidden, "num_hidden_layers": size.layers,
                   "num_attention_heads": size.heads, "num_key_value_heads": size.heads,
                   "intermediate_size": size.ffn, "max_position_embeddings": size.context,
                   "original_max_position_embeddings": size.context}
    else:  # llama-style: llama, qwen2, qwen3, mistral, starcoder2, gemma
        options = {"hidden_size": size.hidden, "num_hidden_layers": size.layers,
                       "num_attention_heads": size.heads, "num_key_value_heads": size.heads,
                       "intermediate_size": size.ffn, "max_position_embeddings": size.context,
                       "head_dim": head_dim}
        if arch == "starcoder2":
            options.update(residual_dropout=0.0, embedding_dropout=0.0, attention_dropout=0.0)
    return AutoConfig.for_model(arch, **special, **options)


def _special_ids(tokenizer) -> dict[str, int | None]:
    if tokenizer is None:
        return {}
    return {"bos_token_id": tokenizer.bos_token_id, "eos_token_id": tokenizer.eos_token_id,
                "pad_token_id": tokenizer.pad_token_id}


def random_model(arch: str, tokenizer=None, seed: int = 0, *, vocab_size: int | None = None,
                 **sizes: Any) -> PreTrainedModel:
    """A randomly initialised tiny model of family ``arch`` (eval mode, float32).

    The vocabulary follows ``tokenizer`` (``len(tokenizer)``) unless ``vocab_size`` is given.
    The same seed gives the same weights.
    """
    import torch
    from transformers import AutoModelForCausalLM

    if vocab_size is None:
        if tokenizer is None:
            raise ValueError("give a tokenizer or a vocab_size")
        vocab_size = len(tokenizer)
    config = tiny_config(arch, vocab_size, **_special_ids(tokenizer), **sizes)
    torch.manual_seed(seed)
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    return model.eval()


# ---------------------------------------------------------------- training a tiny code LM


@dataclass
class TinyBuildConfig:
    """Everything that determines a tiny model; validated by :meth:`validate`."""

    arch: str = "gpt2"
    minutes: float = 3.0
    seed: int = 0
    corpus: str | None = None  # None: the standard library's sources
    vocab_size: int = 2048
    layers: int = 4
    hidden: int = 128
    context: int = 128
    batch_size: int = 16
    learning_rate: float = 3e-3
    steps: int | None = None  # None: estimated from ``minutes``
    max_corpus_bytes: int | None = None  # None: sized from the step count
    time_limit_seconds: float | None = None  # None: 3 x minutes (a runaway guard only)

    def validate(self) -> TinyBuildConfig:
        if self.arch not in TRAINABLE:
            raise SpfError(f"build-tiny cannot train {self.arch!r}",
                           hint=f"--arch is one of: {', '.join(TRAINABLE)}")
        if not self.minutes > 0:
            raise SpfError("--minutes must be positive")
        if self.steps is not None and self.steps < 1:
            raise SpfError("--steps must be at least 1")
        if self.time_limit_seconds is not None and self.time_limit_seconds < 0:
            raise SpfError("the time limit must not be negative")
        if self.batch_size < 1 or self.learning_rate <= 0:
            raise SpfError("batch size and learning rate must be positive")
        TinySizes(self.hidden, self.layers, context=self.context).resolved()
        if self.vocab_size < 300:
            raise SpfError(f"vocabulary size {self.vocab_size} is too small",
                           hint="use --vocab-size 300 or more")
        if self.corpus is not None and not Path(self.corpus).exists():
            raise SpfError("corpus not found", location=str(self.corpus),
                           hint="--corpus takes a folder of .py files, a text file or JSONL")
        return self


@dataclass
class TinyBuildReport:
    """What :func:`build_tiny` did; also saved as ``spf_tiny.json`` beside the model."""

    out_dir: str
    config: dict
    parameters: int
    steps: int
    tokens_seen: int
    corpus_files: int
    corpus_tokens: int
    first_loss: float
    final_loss: float
    validation_loss: float
    seconds: float
    stopped_by_time_limit: bool = False
    note: str = ("test/demo fixture trained by `spf model build-tiny`: exercises the neural "
                 "toolkit on a real trained model; it is not a code assistant")
    versions: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def parameter_estimate(config: TinyBuildConfig) -> int:
    """Parameters of the model a config describes (embedding + blocks), roughly."""
    hidden, ffn = config.hidden, 4 * config.hidden
    per_block = 4 * hidden * hidden + (3 if config.arch == "llama" else 2) * hidden * ffn
    return config.vocab_size * hidden + config.layers * per_block


def estimate_steps(config: TinyBuildConfig) -> int:
    """Training steps that take about ``config.minutes`` on the reference machine.

    Training costs about 6 FLOP per parameter per token (plus attention, small here);
    the estimate depends only on the configuration, never on the clock.
    """
    tokens_per_step = config.batch_size * config.context
    flops_per_step = 6 * parameter_estimate(config) * tokens_per_step
    flops_per_step += 12 * config.layers * config.hidden * config.context * tokens_per_step
    return max(1, int(config.minutes * 60 * REFERENCE_FLOPS_PER_SECOND / flops_per_step))


def build_tiny(out_dir: str | Path, arch: str = "gpt2", minutes: float = 3.0, seed: int = 0,
               corpus: str | Path | None = None, *, progress: bool = False,
               **options: Any) -> TinyBuildReport:
    """Train a tiny code LM and save it (HF format + tokenizer + ``spf_tiny.json``).

    ``options`` are further :class:`TinyBuildConfig` fields (vocab_size, layers, hidden,
    context, batch_size, learning_rate, steps, max_corpus_bytes). The folder appears
    complete or not at all: the model is written to a temporary sibling and renamed.
    Refuses an existing non-empty ``out_dir``.
    """
    config = TinyBuildConfig(arch=arch, minutes=minutes, seed=seed,
                             corpus=None if corpus is None else str(corpus), **options).validate()
    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise SpfError("output folder exists and is not empty", location=str(out),
                       hint="choose a new folder or remove it first")
    import torch

    previous_threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        return _build(out, config, progress)
    finally:
        torch.set_num_threads(previous_threads)


def _build(out: Path, config: TinyBuildConfig, show_progress: bool) -> TinyBuildReport:
    import tokenizers
    import torch
    import transformers

    from spf.neural.corpus import read_texts, stdlib_folder

    started = time.perf_counter()
    steps = config.steps or estimate_steps(config)
    tokens_needed = steps * config.batch_size * (config.context + 1)
    max_bytes = config.max_corpus_bytes or int(
        min(max(tokens_needed * BYTES_PER_TOKEN * 1.2, 200_000), 40_000_000))
    source = Path(config.corpus) if config.corpus else stdlib_folder()
    _status(show_progress, f"reading {source} and training the tokenizer")
    texts = read_texts(source, max_bytes=max_bytes)

    # Documents are longer than the context; they are chunked below, so encode unbounded.
    tokenizer = train_tokenizer(texts=texts, vocab_size=config.vocab_size,
                                model_max_length=10**9)
    eos = tokenizer.eos_token_id
    ids: list[int] = []
    for encoded in tokenizer(texts, add_special_tokens=False)["input_ids"]:
        ids.extend(encoded)
        ids.append(eos)
    window = config.context
    chunk_count = len(ids) // window
    if chunk_count < 2:
        raise SpfError("corpus too small for one training batch", location=str(source),
                       hint=f"need at least {2 * window} tokens")
    chunks = torch.tensor(ids[: chunk_count * window], dtype=torch.long).view(chunk_count, window)
    validation_count = max(1, chunk_count // 20)
    train_chunks, validation_chunks = chunks[:-validation_count], chunks[-validation_count:]

    model = random_model(config.arch, tokenizer, seed=config.seed, hidden=config.hidden,
                         layers=config.layers, context=config.context)
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=config.learning_rate,
                                  weight_decay=0.01, betas=(0.9, 0.95))
    warmup = max(1, steps // 20)

    def learning_rate_factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        progress_fraction = (step - warmup) / max(1, steps - warmup)
        return 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress_fraction))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, learning_rate_factor)
    generator = torch.Generator().manual_seed(config.seed)
    limit = config.time_limit_seconds
    deadline = started + (config.minutes * 60 * 3 if limit is None else limit)
    first_loss = final_loss = float("nan")
    done = 0
    stopped = False
    with _progress_bar(show_progress, steps) as advance:
        for step in range(steps):
            batch_index = torch.randint(len(train_chunks), (config.batch_size,),
                                        generator=generator)
            batch = train_chunks[batch_index]
            loss = model(input_ids=batch, labels=batch).loss
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            final_loss = float(loss.detach())
            if step == 0:
                first_loss = final_loss
            done = step + 1
            advance(final_loss)
            if time.perf_counter() > deadline:
                stopped = True
                break

    model.eval()
    with torch.no_grad():
        validation_loss = float(model(input_ids=validation_chunks[:64],
                                      labels=validation_chunks[:64]).loss)
    report = TinyBuildReport(
        out_dir=str(out), config=asdict(config) | {"steps": steps},
        parameters=sum(p.numel() for p in model.parameters()), steps=done,
        tokens_seen=done * config.batch_size * window, corpus_files=len(texts),
        corpus_tokens=len(ids), first_loss=first_loss, final_loss=final_loss,
        validation_loss=validation_loss, seconds=round(time.perf_counter() - started, 2),
        stopped_by_time_limit=stopped,
        versions={"torch": torch.__version__, "transformers": transformers.__version__,
                  "tokenizers": tokenizers.__version__})
    tokenizer.model_max_length = config.context
    _save_atomically(out, model, tokenizer, report)
    return report


def _save_atomically(out: Path, model, tokenizer, report: TinyBuildReport) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.building-"))
    try:
        model.save_pretrained(staging)
        tokenizer.save_pretrained(staging)
        (staging / METADATA_FILE).write_text(json.dumps(report.to_dict(), indent=2) + "\n",
                                             encoding="utf-8")
        if out.exists():
            out.rmdir()  # empty (checked before training)
        os.replace(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _status(enabled: bool, message: str) -> None:
    if enabled:
        from rich.console import Console

        Console(stderr=True).print(f"[dim]{message}[/dim]")


class _progress_bar:
    """A rich progress bar on stderr (or nothing), advanced with the latest loss."""

    def __init__(self, enabled: bool, total: int):
        self.enabled, self.total = enabled, total
        self.progress = None

    def __enter__(self):
        if not self.enabled:
            return lambda loss: None
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(TextColumn("training"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("loss {task.fields[loss]}"), TimeElapsedColumn(),
                                 TimeRemainingColumn(), console=Console(stderr=True))
        self.progress.start()
        task = self.progress.add_task("train", total=self.total, loss="-")

        def advance(loss: float) -> None:
            self.progress.update(task, advance=1, loss=f"{loss:.3f}")

        return advance

    def __exit__(self, *exc_info):
        if self.progress is not None:
            self.progress.stop()
        return False


def load_tiny_metadata(model_dir: str | Path) -> dict | None:
    """The ``spf_tiny.json`` a build left beside the model, or None."""
    path = Path(model_dir) / METADATA_FILE
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))
