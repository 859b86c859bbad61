"""``spf repair --plot``: each case's target rank before and after, as a PNG."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from spf.cli import cli

pytest.importorskip("torch")


def run(*args):
    return CliRunner().invoke(cli, [str(arg) for arg in args], catch_exceptions=False)


def test_repair_plot_draws_ranks_before_and_after(tmp_path, trained_tiny_model_dir,
                                                  trained_model, planting):
    model, tokenizer = trained_model
    cases = [planting.plant_failure(model, tokenizer, prompt, f"c{i}")
             for i, prompt in enumerate(planting.PROMPTS[:2])]
    cases_path = tmp_path / "cases.jsonl"
    cases_path.write_text("".join(json.dumps(case.to_dict()) + "\n" for case in cases))
    png = tmp_path / "repair.png"
    result = run("repair", trained_tiny_model_dir, "--cases", cases_path, "--out",
                 tmp_path / "out", "--plot", png, "--quiet")
    assert result.exit_code == 0, result.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
    assert f"and {png}" in result.output


def test_repair_bad_plot_is_refused_before_loading(tmp_path, trained_tiny_model_dir):
    cases_path = tmp_path / "cases.jsonl"
    cases_path.write_text(json.dumps({"id": "a", "prompt": "def f(", "target": "x)"}) + "\n")
    result = run("repair", trained_tiny_model_dir, "--cases", cases_path, "--out",
                 tmp_path / "out", "--plot", tmp_path / "r.svg")
    assert result.exit_code == 2 and "--plot must name a .png file" in result.output
    assert not (tmp_path / "out").exists()


def test_plot_repair_needs_per_case_results(tmp_path):
    from spf.errors import SpfError
    from spf.neural.plots import plot_repair

    with pytest.raises(SpfError, match="no per-case results"):
        plot_repair({"method": "star", "per_case": []}, tmp_path / "x.png")
    plot_repair({"method": "star", "cases": 2, "fixed": 1, "specificity": 1.0, "per_case": [
        {"id": "a", "fixed": True, "rank_before": 40, "rank_after": 1},
        {"id": "b", "fixed": False, "rank_before": 7, "rank_after": 3}]}, tmp_path / "x.png")
    assert (tmp_path / "x.png").read_bytes()[:4] == b"\x89PNG"
