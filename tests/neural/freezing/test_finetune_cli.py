"""`spf freeze-plan` and `spf finetune` through the real command line: JSON, the plot, and
bad input as one-line errors with exit status 2."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from spf.cli import cli


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result


def test_freeze_plan_prints_json_and_draws_a_png(tmp_path, gpt2_dir, code_folder):
    png = tmp_path / "plan.png"
    result = run("freeze-plan", gpt2_dir, "--data", code_folder, "--samples", 200, "--json",
                 "--plot", png, "--seq-len", 32, "--threads", 1, "--reference", "stdlib")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["virtual"] == "reference"
    assert len(plan["deviation"]) == 5 and len(plan["gain"]) == 5
    assert 0 <= plan["cut"] < 4
    assert plan["frozen_blocks"] == list(range(plan["cut"]))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 5000


def test_freeze_plan_table(gpt2_dir, code_folder):
    result = run("freeze-plan", gpt2_dir, "--data", code_folder, "--samples", 100,
                 "--seq-len", 32)
    assert result.exit_code == 0, result.output
    assert "<- cut" in result.output and "deviation" in result.output


def test_finetune_json_report(tmp_path, gpt2_dir, code_folder, eval_file):
    report_path = tmp_path / "copy.json"
    result = run("finetune", gpt2_dir, "--data", code_folder, "--out", tmp_path / "out",
                 "--freeze", "top:2", "--steps", 3, "--batch-size", 2, "--seq-len", 32,
                 "--eval", eval_file, "--seed", 1, "--report", report_path, "--json",
                 "--threads", 1)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["freeze"] == {"policy": "top:2", "frozen_layers": [0, 1],
                                "embeddings_frozen": True}
    assert report["steps"] == 3
    assert json.loads(report_path.read_text()) == report
    assert json.loads((tmp_path / "out" / "report.json").read_text()) == report


def test_finetune_by_default_trains_everything(tmp_path, gpt2_dir, code_folder):
    """No --freeze: full fine-tuning (no freezing policy beat it at equal time on any
    measured setting, docs/finetuning.md); no plan is made."""
    result = run("finetune", gpt2_dir, "--data", code_folder, "--out", tmp_path / "out",
                 "--steps", 1, "--batch-size", 2, "--seq-len", 32, "--json", "--threads", 1)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["freeze"]["policy"] == "none" and report["freeze"]["frozen_layers"] == []
    assert not report["freeze"]["embeddings_frozen"] and "plan" not in report["freeze"]


@pytest.mark.parametrize("extra, message", [
    (["--freeze", "bottom:9"], "out of range"),
    (["--freeze", "random:0"], "out of range"),
    (["--seq-len", "65"], "larger than the model's context"),
    (["--steps", "3", "--minutes", "1"], "not both"),
    (["--lr", "0"], "--lr must be positive"),
    (["--freeze", "bottom:4", "--lora", "--seq-len", "32"], "leaves no block to adapt"),
    (["--freeze", "semantic", "--measure", "cosine", "--compute-exponent", "-1"],
     "compute exponent must be >= 0"),
    # the default is full fine-tuning, which makes no plan: the plan's options are refused
    (["--variant", "paper"], "--variant only apply to --freeze semantic"),
    (["--freeze", "bottom:1", "--samples", "10", "--measure", "lens"],
     "--samples, --measure only apply to --freeze semantic"),
])
def test_finetune_bad_input_exits_2_with_one_line(tmp_path, gpt2_dir, code_folder, extra,
                                                  message):
    out = tmp_path / "out"
    result = run("finetune", gpt2_dir, "--data", code_folder, "--out", out, *extra)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and message in lines[0]
    assert not out.exists(), "nothing written for bad input"


def test_empty_and_too_small_data_exit_2(tmp_path, gpt2_dir):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("finetune", gpt2_dir, "--data", empty, "--out", tmp_path / "out")
    assert result.exit_code == 2 and "corpus is empty" in result.output
    tiny_text = tmp_path / "tiny.txt"
    tiny_text.write_text("x = 1\n")
    result = run("finetune", gpt2_dir, "--data", tiny_text, "--out", tmp_path / "out")
    assert result.exit_code == 2 and "not enough text" in result.output
    result = run("freeze-plan", gpt2_dir, "--data", empty)
    assert result.exit_code == 2 and "corpus is empty" in result.output


def test_not_a_model_folder_exits_2(tmp_path, code_folder):
    result = run("freeze-plan", tmp_path, "--data", code_folder)
    assert result.exit_code == 2 and "not a model folder" in result.output


def test_help_does_not_import_torch():
    import subprocess
    import sys

    code = ("import sys; from spf.cli import cli\n"
            "try:\n    cli.main(['finetune', '--help'])\nexcept SystemExit: pass\n"
            "assert 'torch' not in sys.modules, 'torch imported by --help'\n")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                               check=False)
    assert completed.returncode == 0, completed.stderr
    assert "--freeze" in completed.stdout


def test_ctrl_c_through_the_cli_exits_130_and_resume_finishes(tmp_path, monkeypatch, gpt2_dir,
                                                              code_folder):
    import torch

    calls = {"count": 0}
    original_step = torch.optim.AdamW.step

    def step_then_interrupt(self, *args, **kwargs):
        calls["count"] += 1
        if calls["count"] == 3:
            raise KeyboardInterrupt  # what Ctrl-C raises in the main thread
        return original_step(self, *args, **kwargs)

    out = tmp_path / "out"
    common = ["finetune", gpt2_dir, "--data", code_folder, "--out", out, "--steps", 5,
              "--batch-size", 2, "--seq-len", 32, "--freeze", "bottom:1", "--threads", 1]
    monkeypatch.setattr(torch.optim.AdamW, "step", step_then_interrupt)
    result = run(*common)
    assert result.exit_code == 130, result.output
    assert "interrupted at step 2" in result.stderr and "--resume" in result.stderr
    assert (out / "checkpoint" / "state.json").is_file()
    monkeypatch.setattr(torch.optim.AdamW, "step", original_step)
    result = run(*common, "--resume", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["steps"] == 5 and report["resumed_from_step"] == 2
