"""A fine-tune as a lesson: saved as a peft adapter, loaded by the next run, reverted bit for bit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from .conftest import generate_with_learning

torch = pytest.importorskip("torch")
pytest.importorskip("peft")


def _weights(model):
    return {name: tensor.detach().clone() for name, tensor in model.state_dict().items()}


def _same(model, weights) -> bool:
    return all(torch.equal(tensor, weights[name]) for name, tensor in model.state_dict().items())


def test_a_finetune_lesson_is_an_adapter_loaded_next_time_and_reverted_bit_for_bit(
        wider_model_dir, project):
    from transformers import AutoModelForCausalLM

    from spf.cli import cli
    from spf.hf_model import load_causal_lm
    from spf.neural.repair.finetune import adapter_patch

    first, units = generate_with_learning(project, wider_model_dir, enabled=True, teacher="symbolic",
                        method="finetune")
    assert units["double"]["backend"] == "symbolic"
    repair = first["repair"]
    assert repair["method"] == "finetune" and repair["corrections_fixed"] == 1, first
    assert repair["details"]["lora"] is True and repair["details"]["trained_blocks"]
    assert repair["details"]["replay_rows"] > 0  # reference text was replayed
    adapter = Path(first["patch"])
    assert adapter.name.startswith("0001-finetune-") and adapter.suffix == ".adapter"
    assert (adapter / "adapter_config.json").is_file()
    assert (adapter / "adapter_model.safetensors").is_file()
    config = json.loads((adapter / "adapter_config.json").read_text())
    assert config["peft_type"] == "LORA"
    assert sorted(config["layers_to_transform"]) == sorted(repair["details"]["trained_blocks"])
    metadata = json.loads(adapter.with_suffix(".json").read_text())
    assert metadata["method"] == "finetune"
    assert metadata["info"]["learn"]["units"] == ["mathy/functions.py::double"]

    # The process's cached base model is the base again, bit for bit.
    base = AutoModelForCausalLM.from_pretrained(str(wider_model_dir)).eval()
    weights = _weights(base)
    assert _same(load_causal_lm(wider_model_dir, device="cpu").model, weights)

    # The adapter merges into the base as an exact patch: applied it changes the blocks it
    # names, reverted the base comes back bit for bit.
    patch = adapter_patch(base, adapter)
    assert not _same(base, weights) and patch.state(base) == "patched"
    assert sorted(patch.layers) == sorted(repair["details"]["trained_blocks"])
    patch.revert(base)
    assert _same(base, weights)

    # The next run loads the adapter: the model writes the body itself.
    second, units = generate_with_learning(project, wider_model_dir)
    assert second["loaded_patches"] == [str(adapter)]
    assert units["double"]["backend"] == f"hf:{wider_model_dir}+{adapter}"
    assert units["double"]["status"] == "implemented" and units["double"]["attempts"] == 1

    # Reverted from the store: the next run is the base model again, which fails.
    identifier = json.loads(CliRunner().invoke(cli, ["lessons", "list", "--json"]).stdout)[
        "models"][0]["lessons"][0]["id"]
    result = CliRunner().invoke(cli, ["lessons", "revert", identifier])
    assert result.exit_code == 0 and adapter.name in result.output
    assert not adapter.exists() and not adapter.with_suffix(".json").exists()
    third, units = generate_with_learning(project, wider_model_dir)
    assert third["loaded_patches"] == [] and units["double"]["status"] == "unimplemented"
    assert units["double"]["backend"] == f"hf:{wider_model_dir}"


def test_the_finetune_method_is_a_repair_method_with_an_exact_patch(tiny_gpt2_copy):
    from spf.neural.repair import repair

    model, tokenizer = tiny_gpt2_copy
    weights = _weights(model)
    cases = [{"id": "a", "prompt": "def add(a, b):\n    return", "target": " a + b\n"}]
    result = repair(model, tokenizer, cases, method="finetune", max_steps=120,
                    reference=["import os\nimport sys\n\n\ndef main():\n    pass\n" * 8],
                    replay=0.25, check_every=5)
    assert result.fixed == 1 and result.details["steps"] <= 120
    assert result.details["adapter_dir"] and Path(result.details["adapter_dir"], "adapter_config.json").is_file()
    assert not _same(model, weights)
    result.patch.revert(model)
    assert _same(model, weights)
    import shutil

    shutil.rmtree(result.details["adapter_dir"])


@pytest.fixture
def tiny_gpt2_copy(wider_model_dir):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    return (AutoModelForCausalLM.from_pretrained(str(wider_model_dir)).eval(),
            AutoTokenizer.from_pretrained(str(wider_model_dir)))
