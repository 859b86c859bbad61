"""A local Hugging Face causal LM, loaded offline and shared by the ``hf`` backend and ``spf serve``.

Why one module: the backend (candidates for the generate-and-test loop) and the
OpenAI-compatible server (``spf serve``) need exactly the same things — load a model
folder without touching the network, pick a device and dtype, apply saved repair
patches, sample deterministically with a seed, cut the text at stop sequences — and
must behave identically, so that a model tested through the server gives the same
candidates as the backend in process.

Choices (documented in docs/serving.md):

- Loading (folder checks, ``device`` and ``dtype``, their ``auto`` rules) is
  :func:`spf.neural.loading.load_model`, the one loader every command shares.
- ``temperature=0`` is greedy decoding: every candidate would be the same, so only one is
  generated. With sampling, batch ``i`` of a request is seeded with ``seed + i``, so a
  (prompt, settings, seed, batch size) always gives the same candidates.
- A prompt longer than the model's context keeps its *end* (the part next to the code to
  write) and ``Completion.prompt_truncated`` says so.
- Text is cut at the first stop sequence; generation also stops early there (transformers'
  ``stop_strings``), and at the end-of-text token.

torch and transformers are imported inside the functions: importing this module is cheap.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spf.errors import SpfError, UnimplementedError


@dataclass
class GenerationSettings:
    """How to decode: the options shared by the hf backend and the server's request body."""

    temperature: float = 0.0
    top_p: float = 1.0
    max_new_tokens: int = 128
    stop: list[str] = field(default_factory=list)
    seed: int = 0

    def __post_init__(self) -> None:
        if self.temperature < 0:
            raise SpfError(
                f"temperature must be >= 0, not {self.temperature}", hint="0 means greedy decoding"
            )
        if not 0 < self.top_p <= 1:
            raise SpfError(f"top_p must be in (0, 1], not {self.top_p}")
        if self.max_new_tokens < 1:
            raise SpfError(f"max_new_tokens must be >= 1, not {self.max_new_tokens}")
        if any(not isinstance(stop, str) or not stop for stop in self.stop):
            raise SpfError("stop sequences must be non-empty strings")

    @property
    def greedy(self) -> bool:
        return self.temperature == 0


@dataclass
class Completion:
    """One generated candidate and what an OpenAI-style response needs to report about it."""

    text: str
    finish_reason: str  # "stop" (end-of-text token or a stop sequence) or "length"
    prompt_tokens: int
    completion_tokens: int
    prompt_truncated: bool = False


def cut_at_stop(text: str, stops: list[str]) -> tuple[str, bool]:
    """``text`` up to the earliest stop sequence, and whether one was found."""
    positions = [text.find(stop) for stop in stops if stop and stop in text]
    if not positions:
        return text, False
    return text[: min(positions)], True


class LoadedModel:
    """A causal LM and its tokenizer on one device, safe to call from several threads.

    Every generation holds the model's lock: one ``generate`` call at a time. ``spf serve``
    puts concurrent greedy requests into one call (:class:`DynamicBatcher`).
    """

    def __init__(
        self,
        model,
        tokenizer,
        *,
        path: Path,
        device: str,
        dtype: Any,
        patches: tuple[str, ...] = (),
    ):
        self.model = model
        self.tokenizer = tokenizer
        self.path = path
        self.device = device
        self.dtype = dtype
        self.patches = patches
        self.lock = threading.Lock()
        config = model.config
        self.context_length = (
            getattr(config, "max_position_embeddings", None)
            or getattr(config, "n_positions", None)
            or 2048
        )
        self.eos_token_ids = _eos_token_ids(model, tokenizer)
        self.pad_token_id = (
            tokenizer.pad_token_id
            if tokenizer.pad_token_id is not None
            else self.eos_token_ids[0]
            if self.eos_token_ids
            else 0
        )

    @property
    def has_chat_template(self) -> bool:
        return bool(getattr(self.tokenizer, "chat_template", None))

    def chat_prompt(self, messages: list[dict[str, str]]) -> tuple[str, list[str]]:
        """The completion text for chat ``messages``, plus stop sequences that end the turn.

        Uses the tokenizer's chat template when it has one; otherwise a plain
        ``role: content`` transcript ending in ``assistant:`` that stops at the next
        ``\\nuser:`` (small code models, like spf's tiny ones, have no template).
        """
        if self.has_chat_template:
            text = self.tokenizer.apply_chat_template(
                messages, tokenize=False, add_generation_prompt=True
            )
            return text, []
        lines = [f"{message['role']}: {message['content']}" for message in messages]
        return "\n".join(lines) + "\nassistant:", ["\nuser:"]

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=False)["input_ids"])

    def complete(
        self,
        prompt: str,
        n: int = 1,
        settings: GenerationSettings | None = None,
        *,
        batch_size: int = 4,
        special_tokens: bool = True,
    ) -> list[Completion]:
        """``n`` completions of ``prompt`` (one when greedy: they would all be equal).

        ``special_tokens``: let the tokenizer add its own (a BOS for Llama-style models);
        off for text rendered by a chat template, which already holds them.
        """
        import torch

        settings = settings or GenerationSettings()
        if n < 1:
            raise SpfError(f"n must be >= 1, not {n}")
        if batch_size < 1:
            raise SpfError(f"batch_size must be >= 1, not {batch_size}")
        prompt_ids, max_new_tokens, truncated = self._prompt_ids(
            prompt, settings.max_new_tokens, special_tokens
        )
        wanted = 1 if settings.greedy else n
        completions: list[Completion] = []
        with self.lock, torch.inference_mode():
            batch_index = 0
            while len(completions) < wanted:
                size = min(batch_size, wanted - len(completions))
                sequences = self._generate_batch(
                    prompt_ids, size, max_new_tokens, settings, seed=settings.seed + batch_index
                )
                for generated in sequences:
                    completions.append(
                        self._completion(
                            generated, len(prompt_ids), max_new_tokens, settings, truncated
                        )
                    )
                batch_index += 1
        return completions

    def complete_greedy_batch(
        self, prompts: list[str], settings: GenerationSettings, *, special_tokens: bool = True
    ) -> list[Completion]:
        """One greedy completion per prompt, all in one padded ``generate`` call.

        Prompts are padded on the left (the attention mask hides the padding and position
        ids follow it), so each row continues its own prompt as ``complete`` would.
        """
        import torch

        if not settings.greedy:
            raise SpfError("batched completion is greedy only", hint="temperature=0")
        rows = [
            self._prompt_ids(prompt, settings.max_new_tokens, special_tokens)
            for prompt in prompts
        ]
        max_new_tokens = rows[0][1]
        width = max(len(ids) for ids, _, _ in rows)
        input_ids = torch.full((len(rows), width), self.pad_token_id, dtype=torch.long)
        attention_mask = torch.zeros((len(rows), width), dtype=torch.long)
        for index, (ids, _, _) in enumerate(rows):
            input_ids[index, width - len(ids) :] = torch.tensor(ids)
            attention_mask[index, width - len(ids) :] = 1
        arguments: dict[str, Any] = {
            "input_ids": input_ids.to(self.model.device),
            "attention_mask": attention_mask.to(self.model.device),
            "max_new_tokens": max_new_tokens,
            "pad_token_id": self.pad_token_id,
            "eos_token_id": self.eos_token_ids or None,
            "do_sample": False,
            "temperature": None,
            "top_p": None,
            "top_k": None,
        }
        if settings.stop:
            arguments.update(stop_strings=list(settings.stop), tokenizer=self.tokenizer)
        with self.lock, torch.inference_mode():
            output = self.model.generate(**arguments)
        return [
            self._completion(
                output[index, width:].tolist(), len(ids), max_new_tokens, settings, truncated
            )
            for index, (ids, _, truncated) in enumerate(rows)
        ]

    # ------------------------------------------------------------ internals

    def _prompt_ids(
        self, prompt: str, max_new_tokens: int, special_tokens: bool = True
    ) -> tuple[list[int], int, bool]:
        ids = self.tokenizer(prompt, add_special_tokens=special_tokens)["input_ids"]
        start = self.tokenizer.bos_token_id
        if not ids:  # an empty prompt: start from the beginning-of-text token
            ids = [start if start is not None else self.pad_token_id]
        limit = int(self.context_length)
        max_new_tokens = min(max_new_tokens, max(limit // 2, 1))
        keep = limit - max_new_tokens
        truncated = len(ids) > keep
        if truncated:  # keep the end, and a leading BOS the tokenizer added
            lead = ids[:1] if special_tokens and start is not None and ids[0] == start else []
            ids = lead + ids[len(ids) - (keep - len(lead)) :]
        return ids, max_new_tokens, truncated

    def stream(
        self,
        prompt: str,
        settings: GenerationSettings | None = None,
        *,
        special_tokens: bool = True,
    ) -> Iterator[str | Completion]:
        """Yield the text of one completion piece by piece, then its ``Completion``.

        Text that could be the start of a stop sequence is held back until it is clear
        that it is not, so a streamed answer never shows what a stop sequence cuts.
        The model lock is held until the generator is exhausted or closed: close it
        (``generator.close()``) when the reader goes away.
        """
        import torch
        from transformers import TextIteratorStreamer

        settings = settings or GenerationSettings()
        prompt_ids, max_new_tokens, truncated = self._prompt_ids(
            prompt, settings.max_new_tokens, special_tokens
        )
        streamer = TextIteratorStreamer(self.tokenizer, skip_prompt=True, skip_special_tokens=True)
        result: dict[str, Any] = {}

        def run() -> None:
            try:
                with torch.inference_mode():
                    result["sequences"] = self._generate_batch(
                        prompt_ids,
                        1,
                        max_new_tokens,
                        settings,
                        seed=settings.seed,
                        streamer=streamer,
                    )
            except BaseException as error:  # noqa: BLE001 - re-raised in the reading thread
                result["error"] = error
                streamer.end()

        hold_back = max((len(stop) for stop in settings.stop), default=1) - 1
        with self.lock:
            worker = threading.Thread(target=run, name="spf-stream", daemon=True)
            worker.start()
            exhausted = False
            try:
                text, sent = "", 0
                for piece in streamer:
                    text += piece
                    cut, stopped = cut_at_stop(text, settings.stop)
                    if stopped:
                        if len(cut) > sent:
                            yield cut[sent:]
                        sent = len(cut)
                        break
                    safe = len(text) - hold_back
                    if safe > sent:
                        yield text[sent:safe]
                        sent = safe
                else:
                    exhausted = True
                    cut, _ = cut_at_stop(text, settings.stop)
                    if len(cut) > sent:
                        yield cut[sent:]
            finally:
                if not exhausted:  # drain, so that the generating thread can finish
                    for _ in streamer:
                        pass
                worker.join()
        if "error" in result:
            raise result["error"]
        yield self._completion(
            result["sequences"][0], len(prompt_ids), max_new_tokens, settings, truncated
        )

    def _generate_batch(
        self,
        prompt_ids: list[int],
        size: int,
        max_new_tokens: int,
        settings: GenerationSettings,
        seed: int,
        streamer: Any = None,
    ) -> list[list[int]]:
        import torch

        input_ids = torch.tensor([prompt_ids], device=self.model.device)
        arguments: dict[str, Any] = {
            "input_ids": input_ids,
            "attention_mask": torch.ones_like(input_ids),
            "max_new_tokens": max_new_tokens,
            "pad_token_id": self.pad_token_id,
            "eos_token_id": self.eos_token_ids or None,
            "num_return_sequences": size,
            "streamer": streamer,
        }
        if settings.greedy:
            arguments.update(do_sample=False, temperature=None, top_p=None, top_k=None)
        else:
            arguments.update(
                do_sample=True, temperature=settings.temperature, top_p=settings.top_p, top_k=0
            )
        if settings.stop:
            arguments.update(stop_strings=list(settings.stop), tokenizer=self.tokenizer)
        devices = [torch.device(self.device).index or 0] if self.device.startswith("cuda") else []
        with torch.random.fork_rng(devices=devices):
            torch.manual_seed(seed)
            output = self.model.generate(**arguments)
        return [row[len(prompt_ids) :].tolist() for row in output]

    def _completion(
        self,
        generated: list[int],
        prompt_length: int,
        max_new_tokens: int,
        settings: GenerationSettings,
        truncated: bool,
    ) -> Completion:
        ended = False
        for position, token in enumerate(generated):
            if token in self.eos_token_ids:
                generated, ended = generated[:position], True
                break
        text = self.tokenizer.decode(generated, skip_special_tokens=True)
        text, stopped = cut_at_stop(text, settings.stop)
        if stopped:
            completion_tokens = self.count_tokens(text)
        else:
            completion_tokens = len(generated)
        finish = "stop" if ended or stopped or len(generated) < max_new_tokens else "length"
        return Completion(
            text=text,
            finish_reason=finish,
            prompt_tokens=prompt_length,
            completion_tokens=completion_tokens,
            prompt_truncated=truncated,
        )


@dataclass
class _Pending:
    prompt: str
    settings: GenerationSettings
    special_tokens: bool
    arrived: float
    done: threading.Event = field(default_factory=threading.Event)
    result: Completion | None = None
    error: BaseException | None = None

    @property
    def key(self) -> tuple:
        """Requests that may share a batch: the same length limit, stops and specials."""
        return (self.settings.max_new_tokens, tuple(self.settings.stop), self.special_tokens)


class DynamicBatcher:
    """Greedy completions from concurrent callers, run together in padded batches.

    A caller's prompt waits at most ``window`` seconds for others to arrive; then every
    waiting prompt with the same settings (up to ``max_batch``) goes into one ``generate``
    call on a single worker thread. While a batch runs, new prompts queue up and form the
    next one. Greedy decoding only: sampled requests keep their own seeded ``complete``
    call, so their answers stay reproducible.
    """

    def __init__(self, loaded: LoadedModel, *, window: float = 0.01, max_batch: int = 16):
        if window < 0 or max_batch < 1:
            raise SpfError("the batching window must be >= 0 and the batch size >= 1")
        self.loaded = loaded
        self.window = window
        self.max_batch = max_batch
        self.batches: list[int] = []  # the size of every batch run (for tests and benchmarks)
        self._pending: list[_Pending] = []
        self._condition = threading.Condition()
        self._worker: threading.Thread | None = None

    def complete(
        self, prompts: list[str], settings: GenerationSettings, *, special_tokens: bool = True
    ) -> list[Completion]:
        """One greedy completion per prompt (blocks until they are all done)."""
        import time

        items = [_Pending(prompt, settings, special_tokens, time.monotonic()) for prompt in prompts]
        with self._condition:
            self._pending.extend(items)
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(
                    target=self._run, name="spf-batcher", daemon=True
                )
                self._worker.start()
            self._condition.notify()
        for item in items:
            item.done.wait()
        for item in items:
            if item.error is not None:
                raise item.error
        return [item.result for item in items]

    def _run(self) -> None:
        import time

        while True:
            with self._condition:
                while not self._pending:
                    self._condition.wait()
                first = self._pending[0]
            time.sleep(max(0.0, first.arrived + self.window - time.monotonic()))
            with self._condition:
                batch = [item for item in self._pending if item.key == first.key]
                batch = batch[: self.max_batch]
                for item in batch:
                    self._pending.remove(item)
            self.batches.append(len(batch))
            try:
                results = self.loaded.complete_greedy_batch(
                    [item.prompt for item in batch],
                    first.settings,
                    special_tokens=first.special_tokens,
                )
                for item, result in zip(batch, results):
                    item.result = result
            except BaseException as error:  # noqa: BLE001 - handed to every waiting caller
                for item in batch:
                    item.error = error
            for item in batch:
                item.done.set()


def _eos_token_ids(model, tokenizer) -> list[int]:
    candidates = getattr(model.generation_config, "eos_token_id", None)
    if candidates is None:
        candidates = model.config.eos_token_id
    if candidates is None:
        candidates = tokenizer.eos_token_id
    if candidates is None:
        return []
    return list(candidates) if isinstance(candidates, (list, tuple)) else [int(candidates)]


_loaded: dict[tuple, LoadedModel] = {}
_loading_lock = threading.Lock()


def load_causal_lm(
    path: str | Path,
    *,
    dtype: str = "auto",
    device: str = "auto",
    patches: list[str] | tuple[str, ...] = (),
) -> LoadedModel:
    """Load (once per process and settings) a local causal LM folder, offline.

    Raises ``SpfError`` for a missing folder, a folder that is not a causal LM, or a
    missing tokenizer; ``UnimplementedError`` when patches are asked for but the patch
    module (``spf.neural.patch``) is not available.
    """
    from spf.neural.loading import check_model_folder, resolve_device, resolve_dtype

    folder = check_model_folder(path)
    resolved_device = resolve_device(device)
    torch_dtype = resolve_dtype(dtype, resolved_device)
    patch_paths = tuple(str(Path(patch).expanduser().resolve()) for patch in patches)
    for patch, original in zip(patch_paths, patches):
        if not Path(patch).exists():
            raise SpfError(
                f"patch not found: {original}",
                location=str(original),
                hint="give a patch saved by `spf repair`",
            )
    key = (str(folder), str(torch_dtype), resolved_device, patch_paths)
    with _loading_lock:
        if key not in _loaded:
            from spf.neural.loading import load_model

            model, tokenizer = load_model(folder, dtype=torch_dtype, device=resolved_device)
            if patch_paths:
                _apply_patches(model, patch_paths)
            _loaded[key] = LoadedModel(
                model,
                tokenizer,
                path=folder,
                device=resolved_device,
                dtype=torch_dtype,
                patches=patch_paths,
            )
        return _loaded[key]


def _apply_patches(model, patch_paths: tuple[str, ...]) -> None:
    try:
        from spf.neural.patch import load_patch
    except ImportError:
        raise UnimplementedError(
            "applying repair patches is not available yet: spf.neural.patch is missing",
            hint="run without the 'patches' option",
        ) from None
    for path in patch_paths:
        if Path(path).is_dir() and (Path(path) / "adapter_config.json").is_file():
            from spf.neural.repair.finetune import adapter_patch

            adapter_patch(model, path)  # a fine-tune lesson: the peft adapter, merged exactly
        else:
            load_patch(path).apply(model)
