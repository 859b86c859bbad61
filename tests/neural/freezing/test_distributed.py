"""`spf finetune` past one process: a real 2-process data-parallel run on CPU (torchrun, gloo),
and the Trainer callback's redraws (random:K) training exactly the drawn blocks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from spf.neural.adapters import get_adapter
from spf.neural.finetune import SemanticFreezeCallback


def spf_command() -> str:
    found = Path(sys.executable).with_name("spf")
    return str(found) if found.is_file() else shutil.which("spf")


@pytest.mark.slow  # two fresh processes importing torch: ~30 s of CPU
def test_two_processes_train_one_model_with_the_same_frozen_blocks(tmp_path, llama_dir,
                                                                    code_folder, load):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "torch.distributed.run", "--standalone",
               "--nproc_per_node", "2", "--no-python", spf_command(), "finetune",
               str(llama_dir), "--data", str(code_folder), "--out", str(out),
               "--freeze", "semantic", "--compute-exponent", "3", "--samples", "100",
               "--steps", "8", "--batch-size", "2", "--seq-len", "32", "--lr", "3e-3",
               "--device", "cpu", "--threads", "1", "--json", "--no-progress"]
    env = dict(os.environ, OMP_NUM_THREADS="1", TOKENIZERS_PARALLELISM="false")
    completed = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env,
                               check=False)
    assert completed.returncode == 0, completed.stderr[-3000:]
    report = json.loads((out / "report.json").read_text())
    assert json.loads(completed.stdout) == report, "rank 0 alone prints the report"
    assert report["world_size"] == 2
    assert report["global_batch_size"] == 4  # 2 per process x 2 processes
    assert report["tokens"] == 8 * 4 * 32
    frozen = report["freeze"]["frozen_layers"]
    assert frozen == list(range(report["freeze"]["plan"]["cut"])) and frozen, frozen
    # each rank planned on its own, from the same sample, and found the same cut
    assert report["freeze"]["frozen_layers_by_rank"] == [frozen, frozen]
    losses = [loss for _, loss in report["loss_history"]]
    assert len(losses) == 8 and sum(losses[-2:]) / 2 < sum(losses[:2]) / 2
    assert report["eval_loss"]["after"] < report["eval_loss"]["before"]
    # one model, written once: frozen blocks and embeddings bit-identical to the base
    assert sorted(p.name for p in out.iterdir()) == ["model", "report.json"]
    base, _ = load(llama_dir)
    tuned, _ = load(out / "model")
    base_blocks, tuned_blocks = get_adapter(base).blocks, get_adapter(tuned).blocks
    for block in range(len(base_blocks)):
        same = all(torch.equal(a, b) for a, b in zip(base_blocks[block].parameters(),
                                                      tuned_blocks[block].parameters()))
        assert same == (block in frozen), block
    assert torch.equal(base.model.embed_tokens.weight, tuned.model.embed_tokens.weight)
    assert not torch.equal(base.lm_head.weight, tuned.lm_head.weight)


def test_random_redraws_train_every_drawn_block_and_only_those(tmp_path, load, chunks, chunk_dataset,
                                                                gpt2_dir, code_folder):
    from transformers import Trainer, TrainerCallback, TrainingArguments

    model, tokenizer = load(gpt2_dir)
    blocks = get_adapter(model).blocks
    snapshots = {}

    class Snapshot(TrainerCallback):
        """The blocks' weights at the start of every step."""

        def on_step_begin(self, args, state, control, **kwargs):
            snapshots[state.global_step] = [
                [p.detach().clone() for p in block.parameters()] for block in blocks]

        def on_train_end(self, args, state, control, **kwargs):
            self.on_step_begin(args, state, control)

    freeze = SemanticFreezeCallback("random:1", data=chunks(tokenizer, code_folder),
                                    redraw_every=2, seed=3)
    args = TrainingArguments(output_dir=str(tmp_path / "trainer"), max_steps=8,
                             per_device_train_batch_size=2, learning_rate=1e-2,
                             lr_scheduler_type="constant", report_to=[], save_strategy="no",
                             use_cpu=True, disable_tqdm=True, logging_strategy="no")
    trainer = Trainer(model=model, args=args, callbacks=[freeze, Snapshot()],
                      train_dataset=chunk_dataset(chunks(tokenizer, code_folder)))
    trainer.train()
    draws = dict(freeze.draws)
    assert sorted(draws) == [0, 2, 4, 6]
    trained = {step: draws[max(s for s in draws if s <= step)] for step in range(8)}
    assert len({tuple(blocks) for blocks in draws.values()}) > 1, "the draws differ"
    assert {b for blocks in draws.values() for b in blocks} != {0}, "not only block 0"
    for step in range(8):
        for block in range(len(blocks)):
            changed = any(not torch.equal(a, b) for a, b in zip(snapshots[step][block],
                                                                 snapshots[step + 1][block]))
            assert changed == (block in trained[step]), (step, block, trained[step])
    # LISA: each draw starts with a fresh optimizer state holding only the drawn blocks
    state_ids = {id(p) for p in trainer.optimizer.optimizer.state}
    last = [id(p) for b in draws[6] for p in blocks[b].parameters()]
    others = [id(p) for b in range(len(blocks)) if b not in draws[6]
              for p in blocks[b].parameters()]
    assert set(last) <= state_ids and not set(others) & state_ids


@pytest.mark.parametrize("extra, message", [
    (["--fp16", "--device", "cpu"], "--fp16 needs a GPU"),
    (["--bf16", "--fp16"], "not both"),
    (["--grad-accum", "0"], "--grad-accum"),
])
def test_precision_and_accumulation_bad_input(tmp_path, gpt2_dir, code_folder, extra, message):
    from click.testing import CliRunner

    from spf.cli import cli

    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["finetune", str(gpt2_dir), "--data", str(code_folder),
                                      "--out", str(out), *extra])
    assert result.exit_code == 2, result.output
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_bf16_and_grad_accum_run_and_are_reported(tmp_path, gpt2_dir, code_folder):
    from spf.neural.finetune import FinetuneConfig, finetune

    report = finetune(gpt2_dir, code_folder, tmp_path / "out", FinetuneConfig(
        freeze="bottom:2", steps=3, batch_size=2, grad_accum=2, bf16=True, seq_len=32,
        threads=1, eval_chunks=4, gradient_checkpointing=True, device="cpu"))
    assert report.precision == "bf16" and report.grad_accum == 2
    assert report.global_batch_size == 4 and report.world_size == 1
    assert report.tokens == 3 * 4 * 32 and len(report.loss_history) == 3
