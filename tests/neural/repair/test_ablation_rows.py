"""benchmarks/repair.py --ablate: every row is a valid configuration of its method, one row per
component is printed, and bad row selections exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch")

from spf.neural.repair.mint import DIRECTION_CHOICES, DIRECTION_SETS, MintConfig
from spf.neural.repair.star import StarConfig

SCRIPT = Path(__file__).resolve().parents[3] / "benchmarks" / "repair.py"


def test_every_ablation_row_is_a_valid_configuration(benchmark_script):
    ablations = benchmark_script("repair").ABLATIONS
    configs = {"star": StarConfig, "mint": MintConfig}
    for method, rows in ablations.items():
        assert rows[0] == ("default", {})
        labels = [label for label, _ in rows]
        assert len(set(labels)) == len(labels)
        default = configs[method]().validate()
        for label, switch in rows[1:]:
            # every row changes the default: a row equal to it would measure nothing
            assert configs[method](**switch).validate() != default, label
    mint_switches = [switch for _, switch in ablations["mint"]]
    for component in ({"direction": "gradient+protected"}, {"selection": "attribution"},
                      {"protect_tokens": 0}, {"risk_windows": 32}, {"backoff": 2},
                      {"max_relax": 2}, {"search": "upper"}):
        assert component in mint_switches
    assert set(DIRECTION_SETS) == set(DIRECTION_CHOICES)
    # "- semantic direction" keeps the other two directions
    assert DIRECTION_SETS["gradient+protected"] == DIRECTION_SETS["all"] - {"semantic"}


@pytest.mark.parametrize("extra, message", [
    (["--ablate-rows", "0,x"], "not a list of row indices"),
    (["--ablate-rows", "0,42", "--ablate-methods", "mint"], "mint has rows 0..10"),
    (["--ablate-methods", "sgd"], "no ablations for 'sgd'"),
])
def test_bad_ablation_selection_exits_2(tmp_path, extra, message):
    done = subprocess.run([sys.executable, str(SCRIPT), "--ablate", "--model",
                           str(tmp_path / "unused"), *extra],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 2 and message in done.stderr, done.stderr[-2000:]


@pytest.mark.slow
def test_star_ablation_prints_one_row_per_component(trained_tiny_model_dir, tmp_path,
                                                    benchmark_script):
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--model", str(trained_tiny_model_dir), "--cache",
         str(tmp_path / "cache"), "--quick", "--ablate", "--ablate-methods", "star",
         "--cases", "1", "--reference-tokens", "1024", "--json"],
        capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    rows = json.loads(done.stdout)["ablate"]
    labels = [f"star {label}" for label, _ in benchmark_script("repair").ABLATIONS["star"]]
    assert list(rows) == labels
    for row in rows.values():
        assert row["cases"] == 1 and 0 <= row["specificity"] <= 1
