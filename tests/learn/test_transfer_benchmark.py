"""benchmarks/learning.py --quick end to end on the learn tests' wider random model."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch")

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "learning.py"


def _fraction(value) -> bool:
    return isinstance(value, float | int) and 0 <= value <= 1


def _check_half(part, functions):
    assert part["functions"] == functions == len(part["units"])
    assert _fraction(part["first"]) and _fraction(part["loop"])
    assert part["first"] <= part["loop"]  # a first-attempt success is a success of the loop


@pytest.mark.slow
def test_transfer_benchmark_quick_reports_before_and_after(wider_model_dir, tmp_path, capsys):
    command = [sys.executable, str(SCRIPT), "--model", str(wider_model_dir), "--quick",
               "--json", "--work", str(tmp_path / "work")]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(done.stdout)
    assert results["threads"] == 1 and results["methods"] == ["star"]
    before = results["before"]
    for half in ("teaching", "heldout"):
        _check_half(before[half], 3)
    assert _fraction(before["reference"]["accuracy"]) and before["reference"]["total"] > 900
    [row] = results["lessons"]
    assert row["method"] == "star" and row["corrections"] == 3
    assert row["patch"] and (tmp_path / "work" / "out" / "teaching-learn-star"
                             / row["patch"]).is_file()
    after = row["after"]
    for half in ("teaching", "heldout"):
        _check_half(after[half], 3)
    assert _fraction(after["reference"]["accuracy"])
    assert after["reference"]["total"] == before["reference"]["total"]
    # the lesson is loaded in the after runs: the random model now writes taught functions
    assert after["teaching"]["first"] > before["teaching"]["first"]
    # the measured runs have no teacher: every function counted was written by the model
    for unit in after["heldout"]["units"].values():
        assert unit["backend"].startswith(f"hf:{results['model']}")

    spec = importlib.util.spec_from_file_location("learning_benchmark", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.print_table(results)
    table = capsys.readouterr().out
    assert "none (before)" in table and "star" in table and "held-out 1st" in table

    bad = subprocess.run([sys.executable, str(SCRIPT), "--option", "margin=1"],
                         capture_output=True, text=True, timeout=120, check=False)
    assert bad.returncode == 2 and "METHOD.KEY=VALUE" in bad.stderr
