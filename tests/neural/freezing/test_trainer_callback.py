"""The Hugging Face Trainer gets semantic freezing in one line, and peft the unfrozen blocks."""

from __future__ import annotations

import torch

from spf.neural.adapters import get_adapter
from spf.neural.finetune import SemanticFreezeCallback, lora_config_for
from spf.neural.freezing import FreezeDecision


def test_callback_freezes_before_the_optimizer_and_trains_the_rest(tmp_path, load, chunks, chunk_dataset,
                                                                   gpt2_dir, code_folder):
    from transformers import Trainer, TrainingArguments

    model, tokenizer = load(gpt2_dir)
    data = chunks(tokenizer, code_folder)
    adapter = get_adapter(model)
    before = [b.mlp.c_fc.weight.detach().clone() for b in adapter.blocks]
    callback = SemanticFreezeCallback("bottom:3", data=data)
    args = TrainingArguments(output_dir=str(tmp_path / "trainer"), max_steps=2,
                             per_device_train_batch_size=2, learning_rate=1e-2,
                             report_to=[], save_strategy="no", use_cpu=True,
                             disable_tqdm=True, logging_strategy="no")
    trainer = Trainer(model=model, args=args, train_dataset=chunk_dataset(data),
                      callbacks=[callback])
    assert callback.decision.frozen_blocks == [0, 1, 2]
    trainer.train()
    in_optimizer = {id(p) for g in trainer.optimizer.param_groups for p in g["params"]}
    frozen_ids = {id(p) for b in (0, 1, 2) for p in adapter.blocks[b].parameters()}
    assert not in_optimizer & frozen_ids
    for block, weight in enumerate(before):
        changed = not torch.equal(weight, adapter.blocks[block].mlp.c_fc.weight)
        assert changed == (block == 3), block
    assert callback.layers_to_transform == [3]


def test_semantic_callback_plans_from_the_trainers_data(tmp_path, load, chunks, chunk_dataset, llama_dir,
                                                        code_folder):
    from transformers import Trainer, TrainingArguments

    model, tokenizer = load(llama_dir)
    data = chunks(tokenizer, code_folder)
    callback = SemanticFreezeCallback()  # no data: plans from the dataloader's first batches
    args = TrainingArguments(output_dir=str(tmp_path / "trainer"), max_steps=1,
                             per_device_train_batch_size=2, report_to=[], save_strategy="no",
                             use_cpu=True, disable_tqdm=True, logging_strategy="no")
    Trainer(model=model, args=args, train_dataset=chunk_dataset(data), callbacks=[callback]).train()
    assert callback.decision is not None and callback.decision.plan is not None
    assert callback.decision.frozen_blocks == list(range(callback.decision.plan.cut))


def test_lora_config_targets_the_unfrozen_blocks(load, gpt2_dir):
    model, _ = load(gpt2_dir)
    config = lora_config_for(model, FreezeDecision("bottom:1", [0], False))
    assert config.layers_to_transform == [1, 2, 3]
    assert set(config.target_modules) == {"c_attn", "c_proj", "c_fc"}
    assert config.fan_in_fan_out is True
