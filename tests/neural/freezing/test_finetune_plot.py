"""``spf finetune --plot``: the loss history as a PNG; a bad --plot refused before training."""

from __future__ import annotations

import json

from click.testing import CliRunner

from spf.cli import cli


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_finetune_plot_draws_the_loss_history(tmp_path, gpt2_dir, code_folder, eval_file):
    png = tmp_path / "loss.png"
    result = run("finetune", gpt2_dir, "--data", code_folder, "--out", tmp_path / "out",
                 "--freeze", "top:2", "--steps", 3, "--batch-size", 2, "--seq-len", 32,
                 "--eval", eval_file, "--json", "--threads", 1, "--plot", png)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [point[0] for point in report["loss_history"]] == [1, 2, 3]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000


def test_finetune_bad_plot_is_refused_before_training(tmp_path, gpt2_dir, code_folder):
    for plot, message in ((tmp_path / "loss.jpg", "--plot must name a .png file"),
                          ("/proc/spf/loss.png", "not writable")):
        result = run("finetune", gpt2_dir, "--data", code_folder, "--out", tmp_path / "out",
                     "--steps", 3, "--plot", plot)
        assert result.exit_code == 2 and message in result.output, result.output
        assert not (tmp_path / "out").exists()
