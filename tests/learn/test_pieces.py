"""The learning plugin's pieces: targets, the case encoding, corrections, the patch chain."""

from __future__ import annotations

import json

import pytest
from spf_plugins import learn
from spf_plugins.learn import (
    CaseTokenizer,
    LearnConfig,
    correction_target,
    function_outcome,
    parse_method_options,
    select_patches,
)

from spf.errors import SpfError
from spf.loop import FunctionTask, ImplementResult
from spf.pipeline import GenerateOptions, PipelineState


def test_the_target_is_the_body_and_the_end_of_the_function_or_its_first_line():
    body = "total = x + x\n\nreturn total\n"
    assert correction_target(body, "body") == "    total = x + x\n\n    return total\n\n\n#"
    assert correction_target(body, "line") == "    total = x + x"


def test_cases_are_encoded_as_the_backend_sees_them(tiny_model_dir):
    from spf.hf_model import load_causal_lm
    from spf.neural.cases import RepairCase, encode_case

    loaded = load_causal_lm(tiny_model_dir, device="cpu")
    prompt = 'def double(x: int) -> int:\n    """Twice the number."""\n'
    target = "    return x + x"
    plain = encode_case(loaded.tokenizer, RepairCase("d", prompt, target))
    assert plain.straddles  # the newline and the indentation merge into one token
    wrapper = CaseTokenizer(loaded.tokenizer, learn.prompt_encoder(loaded, 32))
    _, target_ids = wrapper.register(prompt, target)
    encoded = encode_case(wrapper, RepairCase("d", prompt, target))
    assert not encoded.straddles
    assert encoded.input_ids[:encoded.target_start] == loaded._prompt_ids(prompt, 32)[0]
    assert encoded.target_ids == target_ids
    assert loaded.tokenizer.decode(target_ids) == target
    # Other texts (reference texts) go to the real tokenizer.
    assert wrapper("x = 1")["input_ids"] == loaded.tokenizer("x = 1")["input_ids"]


def _state(tmp_path, config: LearnConfig) -> PipelineState:
    state = PipelineState(project_dir=str(tmp_path), out_dir=str(tmp_path), spec_file="spec.md",
                          spec_hash="0", options=GenerateOptions())
    state.cache["learn"] = {"config": config, "corrections": [], "keep": [], "prompts": [],
                            "teacher": None, "report": {"corrections": []}}
    return state


class _Unit:
    id = "m/functions.py::double"
    path = "m/functions.py"  # not on disk: no user edit


class _Backend:
    model_id = "hf:model"
    prompt_style = "completion"


TASK = FunctionTask(name="double", params=[("x", "int")], returns="int",
                    signature="def double(x: int) -> int:", docstring="Twice the number.",
                    requirement="## Function: double(x: int) -> int\nTwice the number.",
                    examples=[], trace="spec.md:4")
SOURCE = 'def double(x: int) -> int:\n    """Twice the number."""\n    return x + x\n'


def _result(status, rejections, attempt=None, backend="hf:model"):
    return ImplementResult(status=status, source=SOURCE if status == "implemented" else None,
                           backend=backend, attempts=2, candidates=2, rejections=rejections,
                           reason=None, seconds=0.1, accepted_attempt=attempt)


def test_a_later_attempt_after_rejections_is_a_retry_correction(tmp_path):
    state = _state(tmp_path, LearnConfig(enabled=True))
    function_outcome(_Unit(), TASK, _Backend(), _result("implemented", ["syntax error"], 2),
                     None, state, None)
    [correction] = state.cache["learn"]["corrections"]
    assert correction.kind == "retry" and correction.body == "return x + x\n"
    from spf.loop import build_prompt

    assert correction.prompt == build_prompt(TASK, "completion").text  # the first attempt's


def test_a_first_time_success_is_kept_for_specificity_not_learned(tmp_path):
    state = _state(tmp_path, LearnConfig(enabled=True))
    function_outcome(_Unit(), TASK, _Backend(), _result("implemented", [], 1), None, state,
                     None)
    assert state.cache["learn"]["corrections"] == []
    [(_, continuation, unit)] = state.cache["learn"]["keep"]
    assert unit == _Unit().id
    assert continuation == "    return x + x\n\n\n#"  # protected as a whole body


def test_a_teacher_body_after_a_failure_is_a_fallback_correction(tmp_path):
    state = _state(tmp_path, LearnConfig(enabled=True, teacher="symbolic"))
    function_outcome(_Unit(), TASK, _Backend(), _result("unimplemented", ["empty completion"]),
                     _result("implemented", [], 1, backend="symbolic"), state, None)
    [correction] = state.cache["learn"]["corrections"]
    assert (correction.kind, correction.corrected_by, correction.model) == \
        ("fallback", "symbolic", "hf:model")
    assert correction.rejections == ["empty completion"]


def _write_patch(out, name, model, version, base_learned, base_user=()):
    folder = out / ".spf" / "patches"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(b"")
    info = {"learn": {"model": model, "model_version": version, "base_learned": base_learned,
                      "base_user_patches": list(base_user)}}
    (folder / name).with_suffix(".json").write_text(json.dumps({"info": info}))


def test_only_an_unbroken_chain_for_this_model_version_is_loaded(tmp_path, tiny_model_dir):
    from spf.backends import get_backend

    backend = get_backend(f"hf:{tiny_model_dir}", {"device": "cpu"})
    model, version = str(backend.folder), backend.cache_version
    _write_patch(tmp_path, "0001-star.safetensors", model, version, [])
    _write_patch(tmp_path, "0002-star.safetensors", "/elsewhere", version, [])
    _write_patch(tmp_path, "0003-star.safetensors", model, version, ["0001-star.safetensors"])
    _write_patch(tmp_path, "0004-star.safetensors", model, "1:old", ["0001-star.safetensors"])
    _write_patch(tmp_path, "0005-mint.safetensors", model, version, ["0002-star.safetensors"])
    (tmp_path / ".spf" / "patches" / "notes.txt").write_text("not a patch")
    chosen, notes = select_patches(tmp_path, backend, [])
    assert [path.name for path in chosen] == ["0001-star.safetensors", "0003-star.safetensors"]
    assert any("0004" in note and "earlier version" in note for note in notes)
    assert any("0005" in note and "other patches" in note for note in notes)
    # Made on a user patch that is not given now: not loaded.
    chosen, _ = select_patches(tmp_path, backend, ["/some/user.safetensors"])
    assert chosen == []
    assert learn.next_patch_path(tmp_path, "star").name == "0006-star.safetensors"
    assert learn.next_patch_path(tmp_path, "star", "ab" * 20).name == \
        "0006-star-ababababab.safetensors"


def test_method_options_parse_as_json_when_they_can():
    assert parse_method_options(["margin=1.5", "layers=[1]", "align=mask"]) == \
        {"margin": 1.5, "layers": [1], "align": "mask"}
    with pytest.raises(SpfError):
        parse_method_options(["margin"])
    with pytest.raises(SpfError):
        LearnConfig(min_target_tokens=5, max_target_tokens=2).validate()
