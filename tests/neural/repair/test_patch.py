"""Patches: bit-for-bit revert, refusal of another base, files, composition."""

from __future__ import annotations

import pytest

from spf.errors import SpfError
from spf.neural.adapters import get_adapter
from spf.neural.patch import (
    Patch,
    WeightRecorder,
    apply_patches,
    combined_report,
    compose,
    load_patch,
    revert_patches,
)

torch = pytest.importorskip("torch")


def snapshot(model):
    return {name: tensor.detach().clone() for name, tensor in model.state_dict().items()}


def assert_same(model, state):
    for name, tensor in model.state_dict().items():
        assert torch.equal(tensor, state[name]), name


def edit_neurons(model, layer, neurons, scale=0.37, seed=0):
    """Change some value vectors through a recorder and return the patch."""
    adapter = get_adapter(model)
    recorder = WeightRecorder(model)
    parameter, transposed = adapter.down_weight_parameter(layer)
    name = next(n for n, p in model.named_parameters() if p is parameter)
    axis = 0 if transposed else 1
    recorder.capture(name, axis, neurons, layer=layer)
    generator = torch.Generator().manual_seed(seed)
    for neuron in neurons:
        vector = adapter.value_vector(layer, neuron)
        adapter.set_value_vector(layer, neuron, vector + scale * torch.randn(
            vector.shape, generator=generator))
    return recorder.build(method="test", options={"scale": scale})


@pytest.mark.parametrize("fixture", ["tiny_gpt2", "tiny_llama"])
def test_revert_restores_bit_for_bit(request, fixture):
    model = request.getfixturevalue(fixture).model
    base = snapshot(model)
    patch = edit_neurons(model, 1, [3, 17, 40])
    patched = snapshot(model)
    assert patch.neurons == {"1": [3, 17, 40]} and patch.layers == [1]
    assert patch.neurons_changed == 3
    assert patch.params_changed == 3 * get_adapter(model).hidden_size
    assert patch.state(model) == "patched"
    patch.revert(model)
    assert_same(model, base)
    assert patch.state(model) == "base"
    patch.apply(model)
    assert_same(model, patched)


def test_unchanged_captures_are_left_out(tiny_gpt2):
    model = tiny_gpt2.model
    recorder = WeightRecorder(model)
    parameter, _ = get_adapter(model).down_weight_parameter(0)
    name = next(n for n, p in model.named_parameters() if p is parameter)
    recorder.capture(name, 0, [1, 2], layer=0)
    with torch.no_grad():
        parameter[2] += 1.0
    patch = recorder.build()
    assert patch.neurons == {"0": [2]}


def test_save_load_round_trip_and_metadata(tmp_path, tiny_gpt2):
    model = tiny_gpt2.model
    base = snapshot(model)
    patch = edit_neurons(model, 0, [5, 6])
    path = patch.save(tmp_path / "out")
    assert path.name == "patch.safetensors" and (tmp_path / "out" / "patch.json").is_file()
    loaded = load_patch(tmp_path / "out")
    metadata = loaded.metadata()
    assert metadata["method"] == "test" and metadata["options"] == {"scale": 0.37}
    assert metadata["base_hash"] == patch.base_hash and metadata["layers"] == [0]
    loaded.revert(model)
    assert_same(model, base)


def test_a_different_base_is_refused(tiny_gpt2, tiny_llama):
    model = tiny_gpt2.model
    patch = edit_neurons(model, 1, [3])
    patch.revert(model)
    with torch.no_grad():  # the base itself changed at a touched neuron
        get_adapter(model).down_weight_parameter(1)[0][3] += 0.5
    with pytest.raises(SpfError, match="differ from the patch's base"):
        patch.apply(model)
    with pytest.raises(SpfError, match="another model"):
        patch.apply(tiny_llama.model)
    with pytest.raises(SpfError, match="match neither"):
        patch.revert(model)


def test_double_apply_and_revert_of_base_are_refused(tiny_gpt2):
    model = tiny_gpt2.model
    patch = edit_neurons(model, 1, [3])
    with pytest.raises(SpfError, match="already applied"):
        patch.apply(model)
    patch.revert(model)
    with pytest.raises(SpfError, match="not applied"):
        patch.revert(model)


def test_patches_compose_in_sequence(tiny_gpt2, tmp_path):
    model = tiny_gpt2.model
    base = snapshot(model)
    first = edit_neurons(model, 1, [3, 4], seed=1)
    second = edit_neurons(model, 1, [4, 9], seed=2)  # neuron 4 edited twice
    third = edit_neurons(model, 0, [1], seed=3)
    final = snapshot(model)
    patches = [first, second, third]
    revert_patches(model, patches)
    assert_same(model, base)
    with pytest.raises(SpfError, match="patch 1"):  # out of order: second needs first
        apply_patches(model, [second])
    apply_patches(model, patches)
    assert_same(model, final)
    combined = compose(patches)
    assert combined.neurons == {"1": [3, 4, 9], "0": [1]}
    report = combined_report(patches)
    assert report["neurons_changed"] == 4 and report["patches"] == 3
    assert report["layers"] == [0, 1]
    combined.revert(model)
    assert_same(model, base)
    combined.save(tmp_path / "combined.safetensors")
    load_patch(tmp_path / "combined.safetensors").apply(model)
    assert_same(model, final)
    with pytest.raises(SpfError, match="order"):
        compose([second, first])


def test_load_patch_rejects_other_files(tmp_path):
    with pytest.raises(SpfError, match="not found"):
        load_patch(tmp_path / "missing.safetensors")
    from safetensors.torch import save_file

    save_file({"x": torch.zeros(2)}, str(tmp_path / "plain.safetensors"))
    with pytest.raises(SpfError, match="not an spf patch"):
        load_patch(tmp_path / "plain.safetensors")
    (tmp_path / "junk.safetensors").write_bytes(b"junk")
    with pytest.raises(SpfError, match="cannot read patch"):
        load_patch(tmp_path / "junk.safetensors")


def test_empty_patch_is_harmless(tiny_gpt2):
    model = tiny_gpt2.model
    patch = Patch(tensors=[])
    assert patch.neurons_changed == 0 and patch.params_changed == 0
    assert patch.state(model) == "base" and patch.is_noop
    patch.apply(model)  # a no-op patch applies and reverts without complaint
    patch.revert(model) and patch.is_noop
    patch.apply(model)  # a no-op patch applies and reverts without complaint
    patch.revert(model)
