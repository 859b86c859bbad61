"""A failing model plus a teacher: the correction is learned, saved, and used by the next run."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from spf import hookimpl
from spf.loop import build_prompt

from .conftest import HELD_OUT, HF_OPTIONS

torch = pytest.importorskip("torch")


def _function_units(report):
    return {unit["id"]: unit for unit in report.units if unit["kind"] == "function"
            and unit["design_unit"].startswith("function:")}


class PromptRecorder:
    """A throwaway plugin: the completion prompt the backend was given for each function."""

    def __init__(self):
        self.prompts = {}

    @hookimpl
    def function_outcome(self, unit, task, backend):
        self.prompts[task.name] = build_prompt(task, backend.prompt_style).text


@pytest.fixture
def recorder():
    from spf.plugins import add_plugin, remove_plugin

    plugin = PromptRecorder()
    add_plugin(plugin, "test-prompt-recorder")
    yield plugin
    remove_plugin("test-prompt-recorder")


def _fresh_model(folder):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    model = AutoModelForCausalLM.from_pretrained(str(folder)).eval()
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    return model, tokenizer


def _top1(model, ids):
    with torch.no_grad():
        return model(input_ids=torch.tensor([ids])).logits[0].argmax(dim=-1).tolist()


def _greedy(model, ids, count):
    """The model's next ``count`` top-1 tokens after ``ids``."""
    with torch.no_grad():
        output = model.generate(torch.tensor([ids]), max_new_tokens=count, do_sample=False,
                                pad_token_id=0)
    return output[0, len(ids):].tolist()


def test_a_correction_becomes_a_patch_and_the_next_run_stops_repeating_the_mistake(
        tiny_model_dir, project, recorder):
    from spf_plugins.learn import learning

    from spf.hf_model import load_causal_lm
    from spf.neural.patch import load_patch
    from spf.pipeline import generate

    backend = f"hf:{tiny_model_dir}"
    out = project / "out"
    with learning(enabled=True, teacher="symbolic", store="project") as session:
        first = generate(project, out=out, backend=backend, backend_options=HF_OPTIONS,
                         verify=False)
    unit = _function_units(first)["mathy/functions.py::double"]
    # The model failed; the teacher's verified body was used and recorded as a correction.
    assert unit["status"] == "implemented" and unit["backend"] == "symbolic"
    learned = session.report
    [correction] = learned["corrections"]
    assert correction["kind"] == "fallback" and correction["corrected_by"] == "symbolic"
    assert correction["model"] == f"hf:{tiny_model_dir}" and correction["trace"] == "spec.md:4"
    assert correction["rejections"]  # why the model's candidates were refused
    [case] = learned["cases"]
    body = (out / "mathy" / "functions.py").read_text().rstrip().splitlines()[-1]
    assert case["target"].startswith(body)  # the accepted body, as the model should write it
    assert case["fixed"] and case["rank_before"] > 1 and case["rank_after"] == 1
    assert case["greedy_starts_with_target"] is True
    assert learned["repair"]["method"] == "star" and learned["repair"]["fixed"] == 1
    assert learned["repair"]["neurons_changed"] > 0
    assert learned["patch"] == \
        f".spf/patches/0001-star-{load_patch(out / learned['patch']).patched_hash[:10]}.safetensors"
    assert any("learned 1 of 1" in note for note in first.notes)

    # The patch on disk, with metadata saying which unit and spec line it learned.
    path = out / learned["patch"]
    metadata = json.loads(path.with_suffix(".json").read_text())
    assert metadata["info"]["learn"]["units"] == ["mathy/functions.py::double"]
    assert metadata["info"]["learn"]["spec_lines"] == ["spec.md:4"]
    assert metadata["info"]["learn"]["model"] == str(tiny_model_dir.resolve())
    patch = load_patch(path)
    assert patch.neurons_changed == learned["repair"]["neurons_changed"]

    # The process's cached model is back to its base weights (the patch was reverted).
    shared = load_causal_lm(tiny_model_dir, device="cpu")
    assert patch.state(shared.model) == "base"

    # A fresh model with the patch: every target token is the top-1 prediction after the
    # prompt exactly as the backend encodes it, and greedy generation writes the target.
    model, tokenizer = _fresh_model(tiny_model_dir)
    prompt = recorder.prompts["double"]
    prompt_ids = shared._prompt_ids(prompt, HF_OPTIONS["max_new_tokens"])[0]
    target_ids = tokenizer(case["target"], add_special_tokens=False)["input_ids"]
    ids = prompt_ids + target_ids
    held_before = [_greedy(model, tokenizer(text)["input_ids"], 3) for text in HELD_OUT]
    before = _top1(model, ids)
    assert before[len(prompt_ids) - 1: -1] != target_ids  # the mistake
    patch.apply(model)
    after = _top1(model, ids)
    assert after[len(prompt_ids) - 1: -1] == target_ids  # teacher-forced top-1 on every token
    generated = _greedy(model, prompt_ids, len(target_ids))
    assert tokenizer.decode(generated) == case["target"]
    # Specificity: held-out prompts' top-1 predictions (greedy continuations) are unchanged.
    assert [_greedy(model, tokenizer(text)["input_ids"], 3) for text in HELD_OUT] == held_before

    # The next run, learning off, loads the patch and the model writes the body itself.
    with learning(store="project") as session:
        second = generate(project, out=out, backend=backend, backend_options=HF_OPTIONS,
                          verify=False)
    unit = _function_units(second)["mathy/functions.py::double"]
    assert session.report["loaded_patches"] == [learned["patch"]]
    assert unit["backend"] == f"hf:{tiny_model_dir}+{path.resolve()}"
    assert unit["status"] == "implemented" and unit["attempts"] == 1
    assert session.report["corrections"] == [] and session.report["patch"] is None
    assert (out / "mathy" / "functions.py").read_text().rstrip().splitlines()[-1] == body


def test_without_learning_the_correction_is_reported_and_no_patch_is_written(
        tiny_model_dir, project):
    from spf_plugins.learn import learning

    from spf.pipeline import generate

    out = project / "out"
    with learning(teacher="symbolic") as session:
        report = generate(project, out=out, backend=f"hf:{tiny_model_dir}",
                          backend_options=HF_OPTIONS, verify=False)
    assert _function_units(report)["mathy/functions.py::double"]["backend"] == "symbolic"
    assert len(session.report["corrections"]) == 1
    assert session.report["repair"] is None and session.report["patch"] is None
    assert any("learning is off" in note for note in session.report["notes"])
    assert not (out / ".spf" / "patches").exists()


def test_without_a_teacher_the_function_stays_unimplemented_and_nothing_is_learned(
        tiny_model_dir, project):
    from spf_plugins.learn import learning

    from spf.pipeline import generate

    out = project / "out"
    with learning(enabled=True) as session:
        report = generate(project, out=out, backend=f"hf:{tiny_model_dir}",
                          backend_options=HF_OPTIONS, verify=False)
    unit = _function_units(report)["mathy/functions.py::double"]
    assert unit["status"] == "unimplemented" and unit["backend"] == f"hf:{tiny_model_dir}"
    assert session.report["corrections"] == [] and not (out / ".spf" / "patches").exists()


def test_the_cli_learns_from_spf_toml_and_reports_json(tiny_model_dir, project):
    from spf.cli import cli

    (project / "spf.toml").write_text(
        f'[spf]\nbackend = "hf:{tiny_model_dir}"\n\n[spf.backend_options]\ndevice = "cpu"\n'
        'max_new_tokens = 32\n\n[learn]\nenabled = true\nteacher = "symbolic"\n'
        'store = "project"\n')
    result = CliRunner().invoke(cli, ["generate", str(project), "--no-verify", "--json",
                                      "--learn-option", "max_epochs=6"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout[result.stdout.index("{"):])
    learned = data["learning"]
    assert learned["enabled"] and learned["teacher"] == "symbolic"
    assert learned["repair"]["fixed"] == 1
    assert learned["patch"].startswith(".spf/patches/0001-star-")
    assert (project / learned["patch"]).is_file()

    # --pretend writes nothing, learned patches included; --no-learned-patches ignores them.
    again = CliRunner().invoke(cli, ["generate", str(project), "--no-verify", "--json",
                                     "--no-learned-patches", "--pretend"])
    assert again.exit_code == 0, again.output
    data = json.loads(again.stdout[again.stdout.index("{"):])
    assert data["learning"]["loaded_patches"] == []
    assert "--pretend" in " ".join(data["learning"]["notes"])
    patch = project / learned["patch"]
    assert sorted((project / ".spf" / "patches").iterdir()) == [patch.with_suffix(".json"), patch]


def test_bad_learn_settings_are_one_line_errors(project):
    from spf.cli import cli

    (project / "spf.toml").write_text('[learn]\nenabled = true\nteacher = "symbolic"\nmethd = "x"\n')
    result = CliRunner().invoke(cli, ["generate", str(project), "--no-verify"])
    assert result.exit_code == 2
    assert "unknown learn setting 'methd'" in result.output and "Traceback" not in result.output
    (project / "spf.toml").write_text('[learn]\ntarget = "everything"\n')
    result = CliRunner().invoke(cli, ["generate", str(project), "--no-verify"])
    assert result.exit_code == 2 and "target must be 'body' or 'line'" in result.output
    (project / "spf.toml").unlink()
    result = CliRunner().invoke(cli, ["generate", str(project), "--no-verify",
                                      "--learn-option", "margin"])
    assert result.exit_code == 2 and "not KEY=VALUE" in result.output


def test_an_unknown_teacher_is_bad_input(project):
    from spf.cli import cli

    result = CliRunner().invoke(cli, ["generate", str(project), "--no-verify",
                                      "--teacher", "nosuch"])
    assert result.exit_code == 2 and "unknown backend 'nosuch'" in result.output
    assert not (project / "mathy").exists()  # nothing written
