"""``finetune``: a semantic-frozen fine-tune as a repair method (a *lesson* that is a peft adapter).

The repair methods edit a few FFN rows; this method trains instead, on the same cases, with
the tools of ``spf finetune`` (docs/finetuning.md):

1. **Blocks.** The freeze plan decides which blocks train (``freeze``, default ``semantic``:
   :func:`spf.neural.freezing.decide` on the cases' own token sequences, with the reference
   text as familiar data for the plan's virtual path). A plan that freezes every block
   leaves the top block trainable (a lesson needs somewhere to go).
2. **LoRA** (``lora = true``, the default): peft adapters on the linear layers of the
   unfrozen blocks only (:func:`spf.neural.finetune.lora_config_for`); with ``lora = false``
   the unfrozen blocks' own weights train.
3. **Data.** Every case is a row whose labels are its target tokens only (the prompt is
   context); keep cases (``repair(..., keep=...)``, the learn plugin's guards) are rows too,
   so what the model already writes right is trained to stay right. **Replay**: windows of
   the reference texts (``repair(..., reference=...)``: the learn plugin passes the
   standard-library sample the repair methods use as hold rows) are rows with every token
   labelled, ``replay`` of each batch, so the adapter keeps predicting familiar text.
4. **Training** on ``transformers.Trainer`` (AdamW, constant rate), checked every
   ``check_every`` steps: it stops as soon as every case (keep cases included) is fixed under
   teacher forcing, or after ``max_steps``.
5. **The result** is merged into the model in place and recorded by the repair's
   ``WeightRecorder``, so ``repair`` returns an exact ``Patch`` like every method
   (``patch.revert(model)`` restores the base bit for bit). With LoRA the adapter is also
   saved, as peft writes it, to a temporary folder named in ``details["adapter_dir"]``
   (the caller moves it where lessons live, or deletes it).

:func:`adapter_patch` is the way back: it merges a saved adapter into a model and returns
the same kind of exact, revertible ``Patch`` (the hf backend loads lesson adapters with it).
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spf.errors import SpfError
from spf.neural.repair.common import CaseSet, MethodOutcome, device_of, find_failures

ADAPTER_CONFIG = "adapter_config.json"


@dataclass
class FinetuneMethodConfig:
    """Options of ``--method finetune`` / ``--learn-method finetune`` (all optional)."""

    freeze: str = "semantic"  # any freeze policy (docs/finetuning.md)
    lora: bool = True
    lora_rank: int = 8
    lora_alpha: int = 16
    learning_rate: float = 2e-3
    max_steps: int = 200
    batch_size: int = 8
    replay: float = 0.25  # the share of each batch drawn from the reference text
    replay_tokens: int = 8192  # reference tokens replayed at most
    replay_len: int = 64  # tokens per replay row
    check_every: int = 5  # steps between the teacher-forced checks
    weight_decay: float = 0.0
    plan_samples: int = 256  # target tokens the semantic plan analyses
    seed: int = 0

    def validate(self) -> FinetuneMethodConfig:
        from spf.neural.freezing import parse_policy

        parse_policy(self.freeze)
        if self.learning_rate <= 0 or self.max_steps < 1 or self.batch_size < 1:
            raise SpfError("learning_rate > 0, max_steps >= 1 and batch_size >= 1 required")
        if not 0 <= self.replay < 1:
            raise SpfError(f"replay must be in [0, 1), not {self.replay}")
        if self.lora_rank < 1 or self.check_every < 1 or self.replay_len < 2:
            raise SpfError("lora_rank >= 1, check_every >= 1 and replay_len >= 2 required")
        if self.replay_tokens < 0 or self.plan_samples < 1:
            raise SpfError("replay_tokens >= 0 and plan_samples >= 1 required")
        return self


# ---------------------------------------------------------------- the freeze decision


def _plan_ids(cases: CaseSet, width: int):
    """The cases' token sequences joined and cut into (n, width) chunks for the plan."""
    import torch

    ids = [token for item in cases.encoded for token in item.input_ids]
    width = max(2, min(width, len(ids)))
    count = max(1, len(ids) // width)
    ids = (ids * (1 + (count * width) // max(1, len(ids))))[: count * width]
    return torch.tensor(ids, dtype=torch.long).view(count, width)


def _decide(model: Any, cases: CaseSet, config: FinetuneMethodConfig):
    """The freeze decision (and the trained blocks) for these cases."""
    import torch

    from spf.neural.freezing import FreezeContext, FreezeDecision, PlanConfig, decide

    adapter = cases.adapter
    width = 64
    context = FreezeContext(num_layers=adapter.num_layers, input_ids=_plan_ids(cases, width),
                            seed=config.seed,
                            plan_config=PlanConfig(samples=config.plan_samples, seed=config.seed))
    reference = [sequence for sequence in cases.reference if len(sequence) >= width]
    if reference:
        context.reference_ids = torch.tensor([sequence[:width] for sequence in reference[:32]],
                                             dtype=torch.long)
    decision = decide(model, config.freeze, context)
    trained = [block for block in range(adapter.num_layers)
               if block not in set(decision.frozen_blocks)]
    if not trained:  # the plan froze everything: the lesson still needs a block
        trained = [adapter.num_layers - 1]
        decision = FreezeDecision(decision.policy, list(range(adapter.num_layers - 1)),
                                  train_embeddings=False, plan=decision.plan)
    return decision, trained


# ---------------------------------------------------------------- data


def _rows(cases: CaseSet, config: FinetuneMethodConfig) -> tuple[list[dict], list[dict]]:
    """(case rows with their target tokens labelled, replay rows with every token labelled)."""
    case_rows = []
    for item in cases.encoded:
        labels = [-100] * item.target_start + list(item.target_ids)
        case_rows.append({"input_ids": list(item.input_ids), "labels": labels})
    replay_rows, budget = [], config.replay_tokens
    for sequence in cases.reference:
        for start in range(0, len(sequence), config.replay_len):
            piece = list(sequence[start:start + config.replay_len])
            if len(piece) < 2 or budget <= 0:
                continue
            replay_rows.append({"input_ids": piece, "labels": list(piece)})
            budget -= len(piece)
    return case_rows, replay_rows


class _Draws:
    """Row ``i`` of the training set: seeded by ``seed`` and ``i`` only (resumable, ordered)."""

    def __init__(self, case_rows, replay_rows, config: FinetuneMethodConfig, length: int):
        self.case_rows, self.replay_rows = case_rows, replay_rows
        self.config, self.length = config, length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: int) -> dict:
        chooser = random.Random(f"{self.config.seed}:{index}")
        if self.replay_rows and chooser.random() < self.config.replay:
            return self.replay_rows[chooser.randrange(len(self.replay_rows))]
        return self.case_rows[chooser.randrange(len(self.case_rows))]


def _collate(pad_id: int):
    def collate(rows: list[dict]) -> dict:
        import torch

        width = max(len(row["input_ids"]) for row in rows)
        ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
        labels = torch.full((len(rows), width), -100, dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for number, row in enumerate(rows):
            length = len(row["input_ids"])
            ids[number, :length] = torch.tensor(row["input_ids"])
            labels[number, :length] = torch.tensor(row["labels"])
            mask[number, :length] = 1
        return {"input_ids": ids, "labels": labels, "attention_mask": mask}

    return collate


# ---------------------------------------------------------------- the method


def _block_parameter_names(model: Any, adapter: Any, blocks: list[int]) -> list[str]:
    """Names (as in ``model.named_parameters()``) of every parameter in ``blocks``."""
    names = {id(parameter): name for name, parameter in model.named_parameters()}
    return [names[id(parameter)] for block in blocks
            for parameter in adapter.blocks[block].parameters() if id(parameter) in names]


def _lora_base_names(peft_model: Any, parameters: dict[str, Any]) -> list[tuple[str, int]]:
    """(name in the unwrapped model, block) of every weight a LoRA layer of ``peft_model`` wraps."""
    from peft.tuners.lora import LoraLayer

    by_id = {id(parameter): name for name, parameter in parameters.items()}
    found = []
    for module_name, module in peft_model.named_modules():
        if isinstance(module, LoraLayer):
            weight = module.get_base_layer().weight
            if id(weight) in by_id:
                found.append((by_id[id(weight)], _block_of(module_name)))
    return found


def _block_of(name: str) -> int | None:
    for part in name.split("."):
        if part.isdigit():
            return int(part)
    return None


def finetune_method(model: Any, tokenizer: Any, cases: CaseSet,
                    config: FinetuneMethodConfig) -> MethodOutcome:
    """Fine-tune the plan's blocks (LoRA by default) on the cases and the replayed reference."""
    import torch

    from spf.neural.finetune import lora_config_for

    adapter, recorder = cases.adapter, cases.edits.recorder
    decision, trained = _decide(model, cases, config)
    details: dict[str, Any] = {"freeze": decision.to_dict(), "trained_blocks": trained,
                               "steps": 0, "lora": config.lora}
    if decision.plan is not None:
        details["freeze"]["plan"] = None  # the plan is large; the decision is what matters
    if not find_failures(model, cases.encoded):
        return MethodOutcome(layers=trained, details=details)
    case_rows, replay_rows = _rows(cases, config)
    details.update(case_rows=len(case_rows), replay_rows=len(replay_rows),
                   replay_tokens=sum(len(row["input_ids"]) for row in replay_rows))
    was_grad = {name: parameter.requires_grad for name, parameter in model.named_parameters()}
    torch.manual_seed(config.seed)
    if config.lora:
        from peft import get_peft_model

        trained_model = get_peft_model(model, lora_config_for(
            model, decision, rank=config.lora_rank, alpha=config.lora_alpha))
        # peft wraps the model's own modules: record the weights a merge will change
        touched = _lora_base_names(trained_model, recorder.parameters)
        for name, parameter in trained_model.named_parameters():
            parameter.requires_grad_("lora_" in name)
    else:
        trained_model = model
        touched = [(name, _block_of(name))
                   for name in _block_parameter_names(model, adapter, trained)]
        keep = set(dict(touched))
        for name, parameter in model.named_parameters():
            parameter.requires_grad_(name in keep)
    for name, block in touched:
        recorder.capture(name, 0, layer=block)
    merged = not config.lora
    try:
        steps = _train(trained_model, tokenizer, cases, case_rows, replay_rows, config)
        details["steps"] = steps
        if config.lora:
            folder = Path(tempfile.mkdtemp(prefix="spf-lesson-adapter-"))
            trained_model.save_pretrained(folder)
            details["adapter_dir"] = str(folder)
            result = trained_model.merge_and_unload()
            merged = True
            if result is not model:  # peft returns the model it wrapped
                raise SpfError("peft returned another model than the one it wrapped")
    finally:
        if not merged:  # training failed: take the LoRA layers out again (repair restores)
            trained_model.unload()
        for name, parameter in model.named_parameters():
            parameter.requires_grad_(was_grad.get(name, True))
            parameter.grad = None
    details["failures_after"] = len(find_failures(model, cases.encoded))
    return MethodOutcome(layers=trained, details=details)


def _train(model: Any, tokenizer: Any, cases: CaseSet, case_rows, replay_rows,
           config: FinetuneMethodConfig) -> int:
    """The Trainer run; returns the optimizer steps taken."""
    import os

    from transformers import PrinterCallback, TrainerCallback, TrainingArguments

    device = str(device_of(model))
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else (
        tokenizer.eos_token_id or 0)

    class StopWhenFixed(TrainerCallback):
        def on_step_end(self, args, state, control, model=None, **kwargs):
            cases.report_progress("finetune", state.global_step, config.max_steps)
            if state.global_step % config.check_every == 0:
                training = model.training
                model.eval()
                if not find_failures(model, cases.encoded, min_margin=1e-4):
                    control.should_training_stop = True
                model.train(training)

    with tempfile.TemporaryDirectory(prefix="spf-lesson-trainer-") as scratch:
        args = TrainingArguments(
            output_dir=os.path.join(scratch, "trainer"), max_steps=config.max_steps,
            per_device_train_batch_size=config.batch_size, learning_rate=config.learning_rate,
            weight_decay=config.weight_decay, lr_scheduler_type="constant", warmup_steps=0,
            optim="adamw_torch", use_cpu=device == "cpu", seed=config.seed,
            logging_strategy="no", save_strategy="no", eval_strategy="no", report_to=[],
            disable_tqdm=True, dataloader_pin_memory=False, remove_unused_columns=False,
            log_level="error")
        draws = _Draws(case_rows, replay_rows, config, config.max_steps * config.batch_size)
        trainer = _sequential_trainer()(model=model, args=args, train_dataset=draws,
                                        data_collator=_collate(pad), callbacks=[StopWhenFixed()])
        trainer.remove_callback(PrinterCallback)
        trainer.train()
        steps = trainer.state.global_step
    model.eval()
    return steps


def _sequential_trainer():
    from spf.neural.finetune import _trainer_class

    return _trainer_class()


# ---------------------------------------------------------------- saved adapters


def is_adapter(path: str | Path) -> bool:
    return (Path(path) / ADAPTER_CONFIG).is_file()


def adapter_patch(model: Any, folder: str | Path, *, method: str = "finetune"):
    """Merge the peft adapter saved in ``folder`` into ``model`` (in place); its exact ``Patch``.

    The returned patch holds the base and merged values of every weight the adapter touches,
    so ``patch.revert(model)`` restores the base bit for bit, and ``patch.apply`` on the
    same base gives the same merged weights.
    """
    from peft import PeftModel

    from spf.neural.patch import WeightRecorder

    folder = Path(folder)
    if not is_adapter(folder):
        raise SpfError("not a peft adapter folder (no adapter_config.json)", location=str(folder))
    recorder = WeightRecorder(model)
    was_training = model.training
    wrapped = PeftModel.from_pretrained(model, str(folder), is_trainable=False)
    for name, block in _lora_base_names(wrapped, recorder.parameters):
        recorder.capture(name, 0, layer=block)
    merged = wrapped.merge_and_unload()
    if merged is not model:
        raise SpfError("peft returned another model than the one it wrapped",
                       location=str(folder))
    model.train(was_training)
    return recorder.build(method=method, info={"adapter": str(folder)})
