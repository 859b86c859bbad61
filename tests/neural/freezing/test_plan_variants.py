"""The semantic plan's paper variant (straight virtual path, logit-lens measure) beside spf's
default (reference path, rank), from Python, `spf freeze-plan` and `spf finetune`; and
`benchmarks/finetune.py --ablate` on the tiny fixture (one row per component)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from spf.cli import cli
from spf.errors import SpfError
from spf.neural.finetune import FinetuneConfig
from spf.neural.freezing import PlanConfig, freeze_plan

SCRIPT = Path(__file__).resolve().parents[3] / "benchmarks" / "finetune.py"


def test_paper_variant_config_and_explicit_options_win():
    paper = PlanConfig(variant="paper")
    assert (paper.measure, paper.virtual) == ("lens", "straight")
    assert (PlanConfig().measure, PlanConfig().virtual) == ("rank", "reference")
    assert PlanConfig(variant="paper", measure="cosine").measure == "cosine"
    # spf finetune's config: the paper variant reads no reference data
    assert FinetuneConfig(plan_variant="paper").validate().plan_reference is None
    assert FinetuneConfig().validate().plan_reference == "stdlib"
    with pytest.raises(SpfError, match="unknown plan variant"):
        PlanConfig(variant="published")
    with pytest.raises(SpfError, match="unknown virtual path"):
        PlanConfig(virtual="curved")


def test_paper_plan_takes_the_straight_path_even_with_reference_data(load, chunks, gpt2_dir,
                                                                    code_folder):
    from spf.neural.corpus import stdlib_folder

    model, tokenizer = load(gpt2_dir)
    data = chunks(tokenizer, code_folder)
    reference = chunks(tokenizer, stdlib_folder() / "textwrap.py")
    spf_plan = freeze_plan(model, data, PlanConfig(samples=200), reference_ids=reference)
    paper = freeze_plan(model, data, PlanConfig(samples=200, variant="paper"),
                        reference_ids=reference)
    assert spf_plan.virtual == "reference" and spf_plan.measure == "rank"
    assert paper.virtual == "straight" and paper.measure == "lens"
    # the paper's virtual path: a_0 to the ideal 1 in equal steps, in the lens measure
    lens = paper.alignment_by_measure["lens"]
    assert paper.alignment == pytest.approx(lens)
    assert paper.virtual_alignment == pytest.approx(
        [lens[0] + (layer / 4) * (1.0 - lens[0]) for layer in range(5)])
    assert paper.virtual_alignment != pytest.approx(spf_plan.virtual_alignment)
    # the same factual transitions underneath (same sample)
    for measure, values in spf_plan.alignment_by_measure.items():
        assert paper.alignment_by_measure[measure] == pytest.approx(values)


def test_freeze_plan_and_finetune_take_the_variant(tmp_path, gpt2_dir, code_folder):
    runner = CliRunner()
    result = runner.invoke(cli, ["freeze-plan", str(gpt2_dir), "--data", str(code_folder),
                                 "--samples", "100", "--seq-len", "32", "--json",
                                 "--variant", "paper"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert (plan["virtual"], plan["measure"]) == ("straight", "lens")
    result = runner.invoke(cli, ["finetune", str(gpt2_dir), "--data", str(code_folder),
                                 "--out", str(tmp_path / "out"), "--steps", "1",
                                 "--batch-size", "2", "--seq-len", "32", "--json",
                                 "--freeze", "semantic", "--variant", "paper",
                                 "--samples", "100"],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["freeze"]["plan"]["virtual"] == "straight"
    assert report["config"]["plan_variant"] == "paper"
    assert report["config"]["plan_reference"] is None
    bad = runner.invoke(cli, ["finetune", str(gpt2_dir), "--data", str(code_folder),
                              "--out", str(tmp_path / "bad"), "--variant", "published"])
    assert bad.exit_code == 2 and "published" in bad.output
    assert not (tmp_path / "bad").exists()


@pytest.mark.slow
def test_finetune_benchmark_ablate_prints_one_row_per_component(tmp_path, gpt2_dir,
                                                                 code_folder):
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import finetune as benchmark
    finally:
        sys.path.remove(str(SCRIPT.parent))
    command = [sys.executable, str(SCRIPT), "--ablate", "--model", str(gpt2_dir), "--data",
               str(code_folder), "--steps", "2", "--seq-len", "32", "--plan-seeds", "1",
               "--out", str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    labels = [label for label, _ in benchmark.FREEZE_ABLATIONS]
    assert [row.split(" | ")[0][2:] for row in rows[1:]] == labels
    results = json.loads((tmp_path / "full" / "ablate.json").read_text())
    assert set(results["bottoms"]) == {"0", "1", "2", "3"}
    for row in results["rows"]:
        assert len(row["cuts"]) == 1 and 0 <= row["cuts"][0] < 4
        # a row's loss is the equal-time loss of the cut it chose
        assert row["eval_at_equal_time"] == results["bottoms"][str(row["cuts"][0])]
    straight = next(row for row in results["rows"] if row["options"] == {"virtual": "straight"})
    paper = next(row for row in results["rows"] if row["options"] == {"variant": "paper"})
    assert straight["plan_cpu_seconds"] >= 0 and paper["plan_cpu_seconds"] >= 0


@pytest.mark.parametrize("extra, message", [
    (["--steps", "0"], "--steps must be at least 1"),
    (["--plan-seeds", "0"], "--plan-seeds must be at least 1"),
    (["--seq-len", "1"], "--seq-len must be at least 2"),
    (["--model", "/nonexistent/model"], "no such file or folder"),
])
def test_finetune_benchmark_bad_values_exit_2(tmp_path, extra, message):
    done = subprocess.run([sys.executable, str(SCRIPT), "--ablate", "--out", str(tmp_path),
                           *extra], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 2, done.stderr[-2000:]
    assert message in done.stderr
