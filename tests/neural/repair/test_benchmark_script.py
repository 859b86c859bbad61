"""benchmarks/repair.py end to end on the tiny trained fixture: it runs and its keep rows hold."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch")

SCRIPT = Path(__file__).resolve().parents[3] / "benchmarks" / "repair.py"


@pytest.mark.slow
def test_repair_benchmark_runs_and_keep_protects_earlier_repairs(trained_tiny_model_dir,
                                                                  tmp_path):
    command = [sys.executable, str(SCRIPT), "--model", str(trained_tiny_model_dir),
               "--cache", str(tmp_path / "cache"), "--quick", "--settings",
               "single,joint,sequential", "--methods", "star", "--joint-methods", "star",
               "--reference-tokens", "1024", "--json"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(done.stdout)
    assert results["threads"] == 1 and results["reference_tokens"] == 1024
    single = results["single"]["star"]
    assert single["cases"] == 8 and 0 <= single["specificity"] <= 1
    # the second specificity population, generalization on failing rephrasings only, and
    # the reference text STAR actually read (its 4096-token budget, less when less is given)
    assert 0 <= single["specificity_all"] <= 1 and results["mining"]["unrelated"] > 0
    assert single["generalization_cases"] <= results["mining"]["rephrasings_base_fails"]
    assert 0 < single["reference_tokens"] <= 4096
    assert results["joint"]["star"]["cases"] == 10
    plain, keep = results["sequential"], results["sequential_keep"]
    assert plain["repairs"] == keep["repairs"] == 10
    assert keep["keep"] and not plain["keep"]
    # the keep run's promise: whatever was fixed when made is still fixed at the end
    assert keep["still_fixed_at_end"] == keep["fixed_when_made"]
    assert [point["repairs"] for point in keep["track"]] == [5, 10]
    assert list((tmp_path / "cache").glob("mined-*.json"))  # mining is cached

    bad = subprocess.run([sys.executable, str(SCRIPT), "--model", str(trained_tiny_model_dir),
                          "--cache", str(tmp_path / "cache"), "--quick", "--settings",
                          "sequential", "--sequential-modes", "sideways"],
                         capture_output=True, text=True, timeout=600, check=False)
    assert bad.returncode == 2 and "unknown mode 'sideways'" in bad.stderr
