"""Repair cases: loading, tokenization at the prompt/target boundary, teacher forcing, metrics.

A *case* asks the model to continue ``prompt`` with ``target``. It is **fixed** when, under
teacher forcing (the model reads prompt + target), every target token is the model's top-1
prediction at the position before it.

Token boundary rule (documented in docs/repair.md)
--------------------------------------------------
The prompt and the target are tokenized *together* (``prompt + target``), exactly as the model
would see the text, never separately. With a fast tokenizer the character offsets decide:
the target tokens are the tokens whose character span ends after ``len(prompt)``. A token that
starts inside the prompt and ends inside the target (it *straddles* the boundary, e.g. the
prompt ends with ``"re"`` and the target starts with ``"turn x"``, and the tokenizer makes
``"return"`` one token) is merged into the target: the model must then predict the whole
straddling token, and ``EncodedCase.straddles`` is set. Special tokens the tokenizer adds
(a BOS) belong to the prompt; anything it appends after the target (an EOS) is dropped. For a
slow tokenizer (no offsets) the prompt is encoded alone and the longest common token prefix of
the two encodings is the prompt part; the rest is the target.

The prompt must leave at least one token before the target (otherwise nothing predicts the
first target token). Sequences longer than the model's context keep their last
``max_length`` tokens (the start of the prompt is cut, the target never is).

Ranks are 1-based (1 = the model's top-1 choice); a case's rank is its *worst* target token's
rank.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spf.errors import SpfError

EVAL_KINDS = ("generalization", "specificity")


@dataclass(frozen=True)
class RepairCase:
    """One line of CASES.jsonl (or EVAL.jsonl, which adds ``kind``)."""

    id: str
    prompt: str
    target: str
    kind: str | None = None  # "generalization" | "specificity" for evaluation cases

    def to_dict(self) -> dict[str, Any]:
        data = {"id": self.id, "prompt": self.prompt, "target": self.target}
        if self.kind is not None:
            data["kind"] = self.kind
        return data


def _validate_case(data: Any, location: str, *, evaluation: bool) -> RepairCase:
    if not isinstance(data, dict):
        raise SpfError("a case must be a JSON object", location=location,
                       hint='write {"id": ..., "prompt": ..., "target": ...}')
    required = ("id", "prompt", "target") + (("kind",) if evaluation else ())
    missing = [name for name in required if name not in data]
    if missing:
        raise SpfError(f"missing field(s): {', '.join(missing)}", location=location,
                       hint=f"every line needs {', '.join(required)}")
    case_id = data["id"]
    if isinstance(case_id, int) and not isinstance(case_id, bool):
        case_id = str(case_id)
    if not isinstance(case_id, str) or not case_id:
        raise SpfError("'id' must be a non-empty string", location=location)
    for name in ("prompt", "target"):
        if not isinstance(data[name], str):
            raise SpfError(f"{name!r} must be a string", location=location)
    if data["target"] == "":
        raise SpfError("empty target", location=location,
                       hint="the target is the text the model should produce after the prompt")
    kind = None
    if evaluation:
        kind = data["kind"]
        if kind not in EVAL_KINDS:
            raise SpfError(f"unknown kind {kind!r}", location=location,
                           hint="kind is 'generalization' or 'specificity'")
    return RepairCase(id=case_id, prompt=data["prompt"], target=data["target"], kind=kind)


def parse_cases(lines: Iterable[str], *, source: str = "<cases>",
                evaluation: bool = False) -> list[RepairCase]:
    """Parse JSONL text lines into cases; blank lines are skipped, ids must be unique."""
    cases: list[RepairCase] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        location = f"{source}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise SpfError(f"invalid JSON: {error.msg} (column {error.colno})", location=location,
                           hint="one JSON object per line") from error
        case = _validate_case(data, location, evaluation=evaluation)
        if case.id in seen:
            raise SpfError(f"duplicate id {case.id!r} (first on line {seen[case.id]})",
                           location=location)
        seen[case.id] = number
        cases.append(case)
    if not cases:
        raise SpfError("no cases", location=source, hint="the file has no JSON lines")
    return cases


def load_cases(path: str | Path, *, evaluation: bool = False) -> list[RepairCase]:
    """Read CASES.jsonl (or EVAL.jsonl with ``evaluation=True``); errors name the line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise SpfError("file not found", location=str(path)) from error
    except (OSError, UnicodeDecodeError) as error:
        raise SpfError(f"cannot read: {error}", location=str(path)) from error
    return parse_cases(text.splitlines(), source=str(path), evaluation=evaluation)


def as_cases(items: Sequence[Any], *, evaluation: bool = False) -> list[RepairCase]:
    """Accept RepairCase objects or plain dicts (the Python API's convenience)."""
    cases = []
    for index, item in enumerate(items, start=1):
        if isinstance(item, RepairCase):
            if evaluation and item.kind not in EVAL_KINDS:
                raise SpfError(f"case {item.id!r} has no valid kind", location=f"case {index}")
            cases.append(item)
        else:
            cases.append(_validate_case(item, f"case {index}", evaluation=evaluation))
    return cases


# ---------------------------------------------------------------- tokenization


@dataclass
class EncodedCase:
    """A case as token ids: ``input_ids[target_start:]`` are the target tokens.

    The logits at position ``p`` predict token ``p + 1``, so target token ``i`` (absolute index
    ``target_start + i``) is predicted at position ``target_start + i - 1``.
    """

    case: RepairCase
    input_ids: list[int]
    target_start: int
    straddles: bool = False
    truncated: int = 0  # tokens cut from the start to fit the context

    @property
    def target_ids(self) -> list[int]:
        return self.input_ids[self.target_start:]

    @property
    def predict_positions(self) -> list[int]:
        """Positions whose logits predict the target tokens."""
        return list(range(self.target_start - 1, len(self.input_ids) - 1))


def context_length(model: Any) -> int | None:
    """The model's maximum sequence length, when its config says."""
    config = getattr(model, "config", None)
    for name in ("max_position_embeddings", "n_positions", "n_ctx", "seq_length"):
        value = getattr(config, name, None)
        if isinstance(value, int) and value > 0:
            return value
    return None


def encode_case(tokenizer: Any, case: RepairCase, *, max_length: int | None = None,
                location: str | None = None) -> EncodedCase:
    """Tokenize prompt + target together and find the target tokens (module docstring rule)."""
    text = case.prompt + case.target
    boundary = len(case.prompt)
    where = location or f"case {case.id!r}"
    straddles = False
    if getattr(tokenizer, "is_fast", False):
        encoding = tokenizer(text, return_offsets_mapping=True, add_special_tokens=True)
        ids = list(encoding["input_ids"])
        offsets = encoding["offset_mapping"]
        special = set(getattr(tokenizer, "all_special_ids", []) or [])
        target_indices = [index for index, (start, end) in enumerate(offsets)
                          if end > boundary and end > start and ids[index] not in special]
        if not target_indices:
            raise SpfError("the target produced no tokens", location=where)
        target_start, last = target_indices[0], target_indices[-1]
        straddles = offsets[target_start][0] < boundary
        ids = ids[: last + 1]
    else:
        prompt_ids = list(tokenizer(case.prompt, add_special_tokens=True)["input_ids"])
        ids = list(tokenizer(text, add_special_tokens=True)["input_ids"])
        eos = getattr(tokenizer, "eos_token_id", None)
        if ids and eos is not None and ids[-1] == eos and not text.endswith(
                getattr(tokenizer, "eos_token", "") or "\0"):
            ids = ids[:-1]
        if prompt_ids and eos is not None and prompt_ids[-1] == eos:
            prompt_ids = prompt_ids[:-1]
        common = 0
        while common < min(len(ids), len(prompt_ids)) and ids[common] == prompt_ids[common]:
            common += 1
        straddles = common < len(prompt_ids)
        target_start = common
        if target_start >= len(ids):
            raise SpfError("the target produced no tokens", location=where)
    if target_start < 1:
        raise SpfError("no prompt token before the target", location=where,
                       hint="give a non-empty prompt (this tokenizer adds no BOS token)")
    truncated = 0
    if max_length is not None and len(ids) > max_length:
        target_length = len(ids) - target_start
        if target_length + 1 > max_length:
            raise SpfError(f"target of {target_length} tokens does not fit the model's "
                           f"context of {max_length}", location=where)
        truncated = len(ids) - max_length
        ids = ids[truncated:]
        target_start -= truncated
    return EncodedCase(case=case, input_ids=ids, target_start=target_start,
                       straddles=straddles, truncated=truncated)


def encode_cases(tokenizer: Any, cases: Sequence[RepairCase], *, model: Any = None,
                 max_length: int | None = None) -> list[EncodedCase]:
    """``encode_case`` for every case, truncating to the model's context when known."""
    if max_length is None and model is not None:
        max_length = context_length(model)
    return [encode_case(tokenizer, case, max_length=max_length) for case in cases]


# ---------------------------------------------------------------- teacher forcing


@dataclass
class CaseScore:
    """Teacher-forced result for one case: top-1 tokens and ranks of the target tokens."""

    predictions: list[int]  # the model's top-1 token at each target position
    ranks: list[int]  # 1-based rank of each target token
    margins: list[float]  # logit(target) - best other logit (> 0 when the target is top-1)

    @property
    def fixed(self) -> bool:
        return all(rank == 1 for rank in self.ranks)

    @property
    def rank(self) -> int:
        """The worst target token's rank (1 when the case is fixed)."""
        return max(self.ranks)


def _device_of(model: Any):
    try:
        return model.get_input_embeddings().weight.device
    except Exception:  # noqa: BLE001 - any model without embeddings falls back to its params
        return next(model.parameters()).device


def padded_batches(sequences: Sequence[Sequence[int]], batch_size: int = 16) -> list[tuple]:
    """``(indices, ids, mask)`` batches of the sequences, shortest first, right-padded."""
    import torch

    batches = []
    order = sorted(range(len(sequences)), key=lambda index: len(sequences[index]))
    for start in range(0, len(order), batch_size):
        chunk = order[start: start + batch_size]
        width = max(len(sequences[index]) for index in chunk)
        ids = torch.zeros((len(chunk), width), dtype=torch.long)
        mask = torch.zeros((len(chunk), width), dtype=torch.long)
        for row, index in enumerate(chunk):
            sequence = sequences[index]
            ids[row, : len(sequence)] = torch.tensor(sequence, dtype=torch.long)
            mask[row, : len(sequence)] = 1
        batches.append((chunk, ids, mask))
    return batches


def forward_logits(model: Any, sequences: Sequence[Sequence[int]], *, batch_size: int = 16):
    """Yield ``(index, logits)`` (seq x V, float32) for each sequence, batched with right padding."""
    import torch

    device = _device_of(model)
    for chunk, ids, mask in padded_batches(sequences, batch_size):
        with torch.no_grad():
            if len(chunk) == 1:
                logits = model(input_ids=ids.to(device)).logits
            else:
                logits = model(input_ids=ids.to(device), attention_mask=mask.to(device)).logits
        for row, index in enumerate(chunk):
            yield index, logits[row, : len(sequences[index])].float()


def next_token_accuracy(model: Any, tokenizer: Any, texts: Sequence[str], *,
                        max_tokens: int = 4096, window: int | None = None) -> dict[str, Any]:
    """Teacher-forced next-token top-1 accuracy on ``texts`` (the damage measure of a lesson).

    The texts are tokenized, cut into windows of the model's context (or ``window``) and
    read up to ``max_tokens`` tokens; every position but a window's first is a prediction.
    Returns ``{"correct", "total", "accuracy"}``.
    """
    window = window or context_length(model) or 128
    sequences, budget = [], max_tokens
    for text in texts:
        ids = tokenizer(text, add_special_tokens=False)["input_ids"]
        for start in range(0, len(ids), window):
            piece = ids[start:start + window][:budget]
            if len(piece) > 1:
                sequences.append(piece)
                budget -= len(piece)
            if budget <= 1:
                break
        if budget <= 1:
            break
    correct = total = 0
    for index, logits in forward_logits(model, sequences):
        predicted = logits[:-1].argmax(dim=-1).tolist()
        targets = sequences[index][1:]
        correct += sum(int(p == t) for p, t in zip(predicted, targets))
        total += len(targets)
    return {"correct": correct, "total": total, "accuracy": correct / total if total else None}


def score_logits(encoded: EncodedCase, logits) -> CaseScore:
    """Teacher-forced predictions, ranks and margins of one case from its logits (seq x V)."""
    import torch

    positions = torch.tensor(encoded.predict_positions, device=logits.device)
    targets = torch.tensor(encoded.target_ids, device=logits.device)
    rows = logits.index_select(0, positions)
    target_logits = rows.gather(1, targets[:, None]).squeeze(1)
    ranks = (rows > target_logits[:, None]).sum(dim=1) + 1
    others = rows.clone()
    others.scatter_(1, targets[:, None], float("-inf"))
    margins = target_logits - others.max(dim=1).values
    return CaseScore(predictions=rows.argmax(dim=1).tolist(), ranks=ranks.tolist(),
                     margins=margins.tolist())


def score_cases(model: Any, encoded: Sequence[EncodedCase], *, batch_size: int = 16
                ) -> list[CaseScore]:
    """Teacher-force every case and score it (no gradients)."""
    scores: list[CaseScore | None] = [None] * len(encoded)
    for index, logits in forward_logits(model, [item.input_ids for item in encoded],
                                        batch_size=batch_size):
        scores[index] = score_logits(encoded[index], logits)
    return scores  # type: ignore[return-value]


# ---------------------------------------------------------------- evaluation


@dataclass
class EvaluationBaseline:
    """What the evaluation cases look like before a repair (specificity compares to it)."""

    encoded: list[EncodedCase]
    before: list[CaseScore]


@dataclass
class EvaluationResult:
    """Generalization and specificity over EVAL cases; None for a kind with no cases."""

    generalization: float | None
    generalization_before: float | None
    specificity: float | None  # sequence level: the whole top-1 sequence unchanged
    specificity_token: float | None  # token level: fraction of top-1 tokens unchanged
    per_case: list[dict[str, Any]] = field(default_factory=list)
    # generalization counted only on the cases the model failed before the repair
    generalization_failing: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"generalization": self.generalization,
                "generalization_before": self.generalization_before,
                "generalization_failing": self.generalization_failing,
                "specificity": self.specificity, "specificity_token": self.specificity_token,
                "eval_cases": self.per_case}


def evaluation_baseline(model: Any, tokenizer: Any, eval_cases: Sequence[RepairCase]
                        ) -> EvaluationBaseline:
    """Encode and score the evaluation cases on the model before it is repaired."""
    encoded = encode_cases(tokenizer, eval_cases, model=model)
    return EvaluationBaseline(encoded=encoded, before=score_cases(model, encoded))


def evaluate(model: Any, baseline: EvaluationBaseline) -> EvaluationResult:
    """Score the evaluation cases again and compare them with the baseline.

    generalization = fraction of generalization cases fixed after the repair
    (``generalization_failing``: among those the model failed before it);
    specificity = fraction of specificity cases whose teacher-forced top-1 token sequence is
    exactly the one before the repair (token-level: fraction of such tokens unchanged).
    """
    after = score_cases(model, baseline.encoded)
    general_after, general_before, same_sequences, same_tokens, total_tokens = [], [], [], 0, 0
    per_case = []
    for encoded, before, now in zip(baseline.encoded, baseline.before, after):
        kind = encoded.case.kind
        entry: dict[str, Any] = {"id": encoded.case.id, "kind": kind}
        if kind == "generalization":
            general_before.append(before.fixed)
            general_after.append(now.fixed)
            entry.update(fixed_before=before.fixed, fixed=now.fixed, rank_before=before.rank,
                         rank_after=now.rank)
        else:
            unchanged = before.predictions == now.predictions
            same_sequences.append(unchanged)
            same_tokens += sum(a == b for a, b in zip(before.predictions, now.predictions))
            total_tokens += len(now.predictions)
            entry.update(unchanged=unchanged)
        per_case.append(entry)

    def fraction(values: list[bool]) -> float | None:
        return sum(values) / len(values) if values else None

    return EvaluationResult(
        generalization=fraction(general_after), generalization_before=fraction(general_before),
        specificity=fraction(same_sequences),
        specificity_token=(same_tokens / total_tokens) if total_tokens else None,
        per_case=per_case,
        generalization_failing=fraction([after for before, after
                                         in zip(general_before, general_after) if not before]))
