"""The training loop: loss goes down, the report is complete, LoRA trains only adapters on
unfrozen blocks, Ctrl-C saves a checkpoint that --resume continues."""

from __future__ import annotations

import json

import pytest
import torch

from spf.errors import SpfError
from spf.neural.finetune import FinetuneConfig, TrainingInterrupted, finetune

CONTRACT_FIELDS = {"freeze", "trainable_params", "steps", "seconds", "train_loss", "eval_loss",
                   "peak_memory_bytes", "tokens_per_second"}


def config(**options) -> FinetuneConfig:
    values = {"steps": 12, "lr": 3e-3, "batch_size": 4, "seq_len": 32, "threads": 1,
              "eval_chunks": 8}
    values.update(options)
    return FinetuneConfig(**values)


def test_short_run_lowers_the_loss_and_writes_a_complete_report(tmp_path, gpt2_dir,
                                                                 code_folder, eval_file, load):
    out = tmp_path / "out"
    report = finetune(gpt2_dir, code_folder, out, config(freeze="bottom:2"),
                      eval_data=eval_file)
    saved = json.loads((out / "report.json").read_text())
    assert CONTRACT_FIELDS <= set(saved)
    assert saved["freeze"]["policy"] == "bottom:2"
    assert saved["freeze"]["frozen_layers"] == [0, 1]
    assert saved["steps"] == 12 and report.steps == 12
    first_losses = [loss for _, loss in saved["loss_history"][:3]]
    assert saved["train_loss"] < min(first_losses)
    assert saved["eval_loss"]["after"] < saved["eval_loss"]["before"]
    assert saved["peak_memory_bytes"] > 10 * 2**20
    assert saved["tokens_per_second"] > 0 and saved["seconds"] > 0
    # trainable = blocks 2, 3 + final norm + (tied) head
    model, _ = load(gpt2_dir)
    blocks = model.transformer.h
    expected = sum(p.numel() for b in (blocks[2], blocks[3]) for p in b.parameters())
    expected += sum(p.numel() for p in model.transformer.ln_f.parameters())
    expected += model.lm_head.weight.numel()
    assert saved["trainable_params"] == expected
    # the frozen blocks are bit-identical in the saved model, the trained ones are not
    tuned, _ = load(out / "model")
    assert torch.equal(tuned.transformer.h[0].mlp.c_fc.weight, blocks[0].mlp.c_fc.weight)
    assert torch.equal(tuned.transformer.wpe.weight, model.transformer.wpe.weight)
    assert not torch.equal(tuned.transformer.h[3].mlp.c_fc.weight, blocks[3].mlp.c_fc.weight)


def test_semantic_run_reports_its_plan(tmp_path, llama_dir, code_folder):
    report = finetune(llama_dir, code_folder, tmp_path / "out",
                      config(freeze="semantic", steps=3, plan_samples=100))
    plan = report.freeze["plan"]
    assert report.freeze["frozen_layers"] == list(range(plan["cut"]))
    assert report.plan_seconds > 0


def test_lora_trains_only_adapters_on_unfrozen_blocks(tmp_path, gpt2_dir, code_folder, load):
    seen = {}

    def spy(step, loss):
        if step == 1:
            import gc

            from peft import PeftModel

            peft_model = next(o for o in gc.get_objects() if isinstance(o, PeftModel))
            seen["trainable"] = [n for n, p in peft_model.named_parameters() if p.requires_grad]

    out = tmp_path / "out"
    report = finetune(gpt2_dir, code_folder, out, config(freeze="top:1", lora=True, steps=4),
                      on_step=spy)
    names = seen["trainable"]
    assert names and all("lora_" in name for name in names)
    assert all(".h.3." in name for name in names), names
    base, _ = load(gpt2_dir)
    conv_shapes = [m.weight.shape for m in base.transformer.h[3].modules()
                   if type(m).__name__ == "Conv1D"]
    assert len(conv_shapes) == 4
    assert report.trainable_params == sum(8 * (rows + cols) for rows, cols in conv_shapes)
    assert (out / "adapter" / "adapter_config.json").is_file()
    adapter_config = json.loads((out / "adapter" / "adapter_config.json").read_text())
    assert adapter_config["layers_to_transform"] == [3]
    # the merged model differs from the base in block 3 only
    merged, _ = load(out / "model")
    assert torch.equal(merged.transformer.h[2].attn.c_attn.weight,
                       base.transformer.h[2].attn.c_attn.weight)
    assert not torch.equal(merged.transformer.h[3].attn.c_attn.weight,
                           base.transformer.h[3].attn.c_attn.weight)
    assert torch.equal(merged.lm_head.weight, base.lm_head.weight)


def test_ctrl_c_saves_a_checkpoint_and_resume_continues(tmp_path, gpt2_dir, code_folder):
    out = tmp_path / "out"

    def interrupt(step, loss):
        if step == 5:
            raise KeyboardInterrupt

    with pytest.raises(TrainingInterrupted) as caught:
        finetune(gpt2_dir, code_folder, out, config(freeze="random:2", redraw_every=3),
                 on_step=interrupt)
    assert caught.value.exit_code == 130
    assert "--resume" in caught.value.one_line()
    state = json.loads((out / "checkpoint" / "state.json").read_text())
    assert state["step"] == 5
    assert not (out / "report.json").exists()

    steps_seen = []
    report = finetune(gpt2_dir, code_folder, out, resume=True,
                      on_step=lambda step, loss: steps_seen.append(step))
    assert steps_seen == list(range(6, 13))
    assert report.steps == 12 and report.resumed_from_step == 5
    assert [step for step, _ in report.loss_history] == list(range(1, 13))
    assert not (out / "checkpoint").exists()

    # the resumed run reproduces an uninterrupted one (same batches, same optimizer state)
    straight = finetune(gpt2_dir, code_folder, tmp_path / "straight",
                        config(freeze="random:2", redraw_every=3))
    assert report.train_loss == pytest.approx(straight.train_loss, rel=1e-4)


def test_resume_without_checkpoint_is_bad_input(tmp_path, gpt2_dir, code_folder):
    with pytest.raises(SpfError) as caught:
        finetune(gpt2_dir, code_folder, tmp_path / "nothing", config(), resume=True)
    assert caught.value.exit_code == 2


def test_minutes_budget_stops_in_time(tmp_path, gpt2_dir, code_folder):
    report = finetune(gpt2_dir, code_folder, tmp_path / "out",
                      config(steps=None, minutes=0.05, freeze="bottom:3"))
    assert report.steps > 1
    assert 2.0 <= report.seconds + report.plan_seconds < 6.0


@pytest.mark.skipif(not __import__("pathlib").Path("/proc/self/status").is_file(),
                    reason="Linux: VmHWM")
def test_peak_memory_is_the_run_s_own_not_the_parent_s():
    """A run started by a big process (the benchmark) reports its own peak: ru_maxrss carries
    the parent's resident set over execve, which made every benchmark run look as big as
    the benchmark process."""
    import subprocess
    import sys

    big = bytearray(768 * 2**20)
    big[::4096] = b"\1" * len(big[::4096])  # resident, not just reserved
    code = ("from spf.neural.finetune import peak_memory_bytes; "
            "print(peak_memory_bytes('cpu'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert 10 * 2**20 < int(done.stdout) < len(big)
    del big
