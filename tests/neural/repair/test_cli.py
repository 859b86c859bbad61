"""`spf repair` and `spf patch` through click's CliRunner, on real tiny model folders."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from spf.cli import cli

torch = pytest.importorskip("torch")


def write_jsonl(path, rows):
    path.write_text("".join((row if isinstance(row, str) else json.dumps(row)) + "\n"
                            for row in rows), encoding="utf-8")
    return path


def run(*args):
    result = CliRunner().invoke(cli, [str(arg) for arg in args], catch_exceptions=False)
    return result


@pytest.fixture
def planted_files(tmp_path, trained_model, planting):
    model, tokenizer = trained_model
    cases = [planting.plant_failure(model, tokenizer, prompt, f"c{i}")
             for i, prompt in enumerate(planting.PROMPTS[:2])]
    keep = planting.keep_case(model, tokenizer, planting.PROMPTS[2], "k")
    cases_path = write_jsonl(tmp_path / "cases.jsonl", [case.to_dict() for case in cases])
    eval_path = write_jsonl(tmp_path / "eval.jsonl", [
        keep.to_dict(), dict(cases[0].to_dict(), id="g", kind="generalization")])
    return cases_path, eval_path


def test_repair_writes_model_patch_and_report(tmp_path, trained_tiny_model_dir, planted_files):
    from transformers import AutoModelForCausalLM

    cases_path, eval_path = planted_files
    out = tmp_path / "out"
    result = run("repair", trained_tiny_model_dir, "--cases", cases_path, "--method", "star",
                 "--out", out, "--eval", eval_path, "--report", tmp_path / "r.json", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    for key in ("method", "cases", "fixed", "effectiveness", "generalization", "specificity",
                "seconds", "params_changed", "neurons_changed", "layers", "per_case"):
        assert key in report
    assert report["method"] == "star" and report["cases"] == 2
    assert report["effectiveness"] == report["fixed"] / 2
    assert report["generalization"] in (0.0, 1.0) and report["specificity"] in (0.0, 1.0)
    assert {"id", "fixed", "rank_before", "rank_after"} <= set(report["per_case"][0])
    assert json.loads((out / "report.json").read_text()) == report
    assert json.loads((tmp_path / "r.json").read_text()) == report
    for name in ("config.json", "model.safetensors", "tokenizer.json", "patch.safetensors",
                 "patch.json"):
        assert (out / name).is_file(), name

    # the saved model is base + patch, exactly; revert gives the base back, exactly
    base = AutoModelForCausalLM.from_pretrained(str(trained_tiny_model_dir))
    repaired = AutoModelForCausalLM.from_pretrained(str(out))
    from spf.neural.patch import load_patch

    patch = load_patch(out)
    patch.apply(base)
    for name, tensor in repaired.state_dict().items():
        assert torch.equal(tensor, base.state_dict()[name]), name

    shown = run("patch", "show", out / "patch.safetensors", "--json")
    assert shown.exit_code == 0
    assert json.loads(shown.stdout)["neurons_changed"] == report["neurons_changed"]

    reverted = tmp_path / "reverted"
    result = run("patch", "revert", out, out / "patch.safetensors", "--out", reverted, "--json")
    assert result.exit_code == 0, result.output
    original = AutoModelForCausalLM.from_pretrained(str(trained_tiny_model_dir))
    back = AutoModelForCausalLM.from_pretrained(str(reverted))
    for name, tensor in original.state_dict().items():
        assert torch.equal(tensor, back.state_dict()[name]), name

    applied = tmp_path / "applied"
    result = run("patch", "apply", trained_tiny_model_dir, out, "--out", applied)
    assert result.exit_code == 0, result.output
    again = AutoModelForCausalLM.from_pretrained(str(applied))
    for name, tensor in repaired.state_dict().items():
        assert torch.equal(tensor, again.state_dict()[name]), name

    # applying to a model that is not its base is refused, nothing written
    refused = run("patch", "apply", out, out / "patch.safetensors", "--out", tmp_path / "no")
    assert refused.exit_code == 2 and "already applied" in refused.stderr
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("rows, message", [
    (['{"id": "a", "prompt": "x", "target": "y"}', '{"id": "b", "prompt": '], ":2: invalid JSON"),
    ([{"id": "a", "prompt": "x"}], ":1: missing field(s): target"),
    ([{"id": "a", "prompt": "x", "target": ""}], ":1: empty target"),
])
def test_bad_cases_exit_2_and_write_nothing(tmp_path, tiny_gpt2_dir, rows, message):
    cases_path = write_jsonl(tmp_path / "cases.jsonl", rows)
    out = tmp_path / "out"
    result = run("repair", tiny_gpt2_dir, "--cases", cases_path, "--method", "mint",
                 "--out", out)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output
    assert not out.exists()


def test_bad_eval_file_and_options_exit_2(tmp_path, tiny_gpt2_dir):
    cases_path = write_jsonl(tmp_path / "c.jsonl", [{"id": "a", "prompt": "x", "target": "y"}])
    eval_path = write_jsonl(tmp_path / "e.jsonl", [{"id": "a", "prompt": "x", "target": "y"}])
    out = tmp_path / "out"
    result = run("repair", tiny_gpt2_dir, "--cases", cases_path, "--out", out,
                 "--eval", eval_path)
    assert result.exit_code == 2 and "e.jsonl:1: missing field(s): kind" in result.stderr
    result = run("repair", tiny_gpt2_dir, "--cases", cases_path, "--out", out,
                 "-o", "nonsense=1")
    assert result.exit_code == 2 and "unknown option" in result.stderr
    result = run("repair", tiny_gpt2_dir, "--cases", cases_path, "--out", out,
                 "--method", "magic")
    assert result.exit_code == 2 and "unknown repair method" in result.stderr
    assert not out.exists()


def test_model_folder_must_be_a_causal_lm(tmp_path):
    cases_path = write_jsonl(tmp_path / "c.jsonl", [{"id": "a", "prompt": "x", "target": "y"}])
    out = tmp_path / "out"
    result = run("repair", tmp_path / "missing", "--cases", cases_path, "--out", out)
    assert result.exit_code == 2 and "model folder not found" in result.stderr
    encoder = tmp_path / "bert"
    encoder.mkdir()
    (encoder / "config.json").write_text(json.dumps({"model_type": "bert",
                                                     "architectures": ["BertForMaskedLM"]}))
    result = run("repair", encoder, "--cases", cases_path, "--out", out)
    assert result.exit_code == 2 and "not a causal language model" in result.stderr
    (encoder / "config.json").write_text(json.dumps({"model_type": "vit"}))
    result = run("repair", encoder, "--cases", cases_path, "--out", out)
    assert result.exit_code == 2 and "not a causal language model" in result.stderr
    assert not out.exists()


def test_non_empty_out_dir_is_refused(tmp_path, tiny_gpt2_dir):
    cases_path = write_jsonl(tmp_path / "c.jsonl", [{"id": "a", "prompt": "x", "target": "y"}])
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    result = run("repair", tiny_gpt2_dir, "--cases", cases_path, "--out", out)
    assert result.exit_code == 2 and "--force" in result.stderr
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_keep_file_is_enforced_and_reported(tmp_path, trained_tiny_model_dir, trained_model,
                                            planting):
    model, tokenizer = trained_model
    case = planting.plant_failure(model, tokenizer, planting.PROMPTS[0], "fix")
    keep = [planting.keep_case(model, tokenizer, prompt, f"k{i}")
            for i, prompt in enumerate(planting.PROMPTS[1:])]
    cases_path = write_jsonl(tmp_path / "cases.jsonl", [case.to_dict()])
    keep_path = write_jsonl(tmp_path / "keep.jsonl",
                            [{"id": k.id, "prompt": k.prompt, "target": k.target} for k in keep])
    result = run("repair", trained_tiny_model_dir, "--cases", cases_path, "--keep", keep_path,
                 "--method", "mint", "--out", tmp_path / "out", "--json", "--quiet")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["cases"] == 1 and report["fixed"] == 1
    assert report["keep"] == {"cases": 2, "right_before": 2, "kept": 2, "broken": []}

    bad = write_jsonl(tmp_path / "bad.jsonl", [{"id": "k", "prompt": "x"}])
    refused = run("repair", trained_tiny_model_dir, "--cases", cases_path, "--keep", bad,
                  "--out", tmp_path / "no")
    assert refused.exit_code == 2 and "bad.jsonl:1: missing field(s): target" in refused.stderr
    assert not (tmp_path / "no").exists()
