"""The architecture adapters: one view of every supported family, checked against HF itself."""

from __future__ import annotations

import types

import pytest
import torch

from spf import hookimpl
from spf.errors import SpfError
from spf.neural.adapters import ArchitectureSpec, get_adapter, supported_architectures
from spf.neural.tiny import ALL_FAMILIES, FAMILIES

IDS = torch.tensor([[5, 17, 42, 99, 7, 300, 12], [1, 2, 3, 4, 5, 6, 7]])


def test_every_family_is_supported():
    assert set(FAMILIES) <= set(ALL_FAMILIES)  # the nine are among those tested
    assert set(ALL_FAMILIES) <= set(supported_architectures())


def test_sizes_match_the_config(tiny_models):
    adapter = get_adapter(tiny_models.model)
    assert adapter.model_type == tiny_models.arch
    assert adapter.num_layers == 2 == len(adapter.blocks)
    assert adapter.hidden_size == 32
    assert adapter.ffn_size == 128
    assert adapter.vocab_size == len(tiny_models.tokenizer)
    assert tuple(adapter.down_weight(1).shape) == (32, 128)


def test_logits_through_the_adapter_equal_hugging_face_logits(tiny_models):
    model = tiny_models.model
    adapter = get_adapter(model)
    with torch.no_grad():
        reference = model(IDS).logits
        with adapter.record_residuals() as residuals:
            model(IDS)
        assert len(residuals) == adapter.num_layers + 1
        assert all(tuple(h.shape) == (2, 7, 32) for h in residuals)
        logits = adapter.logits_from_hidden(residuals[-1])
    torch.testing.assert_close(logits, reference, rtol=1e-5, atol=1e-5)
    # h_0 is not h_L: the residual stream really changes through the blocks.
    assert not torch.allclose(residuals[0], residuals[-1])


def test_activations_through_the_down_projection_reproduce_the_ffn_output(tiny_models):
    model = tiny_models.model
    adapter = get_adapter(model)
    with torch.no_grad(), adapter.record_activations() as acts, \
            adapter.record_ffn_outputs() as outputs:
        model(IDS)
    for layer in range(adapter.num_layers):
        z = acts[layer]
        assert tuple(z.shape) == (2, 7, adapter.ffn_size)
        bias = adapter.down_bias(layer)
        rebuilt = z @ adapter.down_weight(layer).T + (0 if bias is None else bias)
        torch.testing.assert_close(rebuilt, outputs[layer], rtol=1e-5, atol=1e-5)


def test_gated_activations_are_gate_times_up_not_the_activation_output(tiny_llama):
    model = tiny_llama.model
    adapter = get_adapter(model)
    mlp = adapter.ffn_module(0)
    with torch.no_grad(), adapter.record_activations(0) as acts, adapter.record_residuals():
        captured = {}
        handle = mlp.register_forward_pre_hook(
            lambda module, args: captured.setdefault("x", args[0]))
        try:
            model(IDS)
        finally:
            handle.remove()
    x = captured["x"]
    expected = mlp.act_fn(mlp.gate_proj(x)) * mlp.up_proj(x)
    torch.testing.assert_close(acts[0], expected)


def test_value_vector_edit_moves_the_ffn_output_along_that_vector(tiny_models):
    """Changing neuron j's value vector by delta changes the FFN output by z_j * delta."""
    model = tiny_models.model
    adapter = get_adapter(model)
    layer, neuron = 1, 5
    with torch.no_grad(), adapter.record_activations(layer) as acts, \
            adapter.record_ffn_outputs(layer) as outputs:
        model(IDS)
        before, z = outputs[layer].clone(), acts[layer].clone()
        delta = torch.randn(adapter.hidden_size, generator=torch.Generator().manual_seed(1))
        original = adapter.value_vector(layer, neuron)
        adapter.set_value_vector(layer, neuron, original + delta)
        torch.testing.assert_close(adapter.value_vector(layer, neuron), original + delta)
        model(IDS)
        after = outputs[layer]
    torch.testing.assert_close(after - before, z[..., neuron:neuron + 1] * delta,
                               rtol=1e-4, atol=1e-5)


def test_down_weight_round_trips_in_the_module_orientation(tiny_models):
    adapter = get_adapter(tiny_models.model)
    parameter, transposed = adapter.down_weight_parameter(0)
    assert transposed == (tiny_models.arch == "gpt2")
    stored = (adapter.ffn_size, adapter.hidden_size) if transposed else \
        (adapter.hidden_size, adapter.ffn_size)
    assert tuple(parameter.shape) == stored
    new_weight = torch.randn(adapter.hidden_size, adapter.ffn_size)
    adapter.set_down_weight(0, new_weight)
    torch.testing.assert_close(adapter.down_weight(0), new_weight)
    torch.testing.assert_close(parameter.detach(), new_weight.T if transposed else new_weight)
    with pytest.raises(ValueError, match="must be"):
        adapter.set_down_weight(0, new_weight.T)


def test_ablating_an_ffn_equals_zeroing_its_down_projection(tiny_models):
    model = tiny_models.model
    adapter = get_adapter(model)
    with torch.no_grad():
        normal = model(IDS).logits
        with adapter.ablate_ffn(0):
            ablated = model(IDS).logits
        torch.testing.assert_close(model(IDS).logits, normal)  # the hook is gone
        parameter, _ = adapter.down_weight_parameter(0)
        parameter.zero_()
        bias = adapter.down_projection(0).bias
        if bias is not None:
            bias.zero_()
        zeroed = model(IDS).logits
    assert not torch.allclose(ablated, normal)
    torch.testing.assert_close(ablated, zeroed, rtol=1e-5, atol=1e-5)


def test_keep_grad_gives_activation_gradients(tiny_gpt2):
    model = tiny_gpt2.model
    adapter = get_adapter(model)

    def target_log_probability():
        logits = model(IDS).logits
        return logits[0, -1].log_softmax(-1)[42]

    with adapter.record_activations([0, 1], keep_grad=True) as acts:
        score = target_log_probability()
    expected = torch.autograd.grad(score, acts[1])[0]
    with adapter.record_activations([0, 1], keep_grad=True) as acts:
        score = target_log_probability()
    score.backward()
    assert acts[1].grad is not None and acts[0].grad is not None
    torch.testing.assert_close(acts[1].grad, expected)
    assert acts[1].grad[0, -1].abs().sum() > 0
    assert acts[1].grad[1].abs().sum() == 0  # the other sequence does not influence it


def _hook_counts(model):
    return sum(len(module._forward_hooks) + len(module._forward_pre_hooks)
               for module in model.modules())


def test_hooks_are_removed_when_the_forward_pass_raises(tiny_models):
    model = tiny_models.model
    adapter = get_adapter(model)
    assert _hook_counts(model) == 0

    def explode(module, args, output):
        raise RuntimeError("boom in block 1")

    handle = adapter.blocks[1].register_forward_hook(explode)
    try:
        with (pytest.raises(RuntimeError, match="boom"), adapter.record_activations(),
              adapter.record_residuals(), adapter.record_ffn_outputs(),
              adapter.ablate_ffn([0, 1])):
            assert _hook_counts(model) > 1
            model(IDS)
    finally:
        handle.remove()
    assert _hook_counts(model) == 0


def test_unknown_architecture_names_the_supported_ones_and_the_hook():
    class Mystery(torch.nn.Module):
        config = types.SimpleNamespace(model_type="mystery")

    with pytest.raises(SpfError) as caught:
        get_adapter(Mystery())
    message = caught.value.one_line()
    assert "'mystery'" in message and "register_architectures" in message
    assert "gpt2" in message and "llama" in message and "\n" not in message


def test_layer_out_of_range_is_rejected(tiny_gpt2):
    adapter = get_adapter(tiny_gpt2.model)
    with pytest.raises(ValueError, match="out of range"), adapter.record_activations([2]):
        pass


def test_a_plugin_adds_an_architecture(tiny_llama):
    from spf.plugins import plugin_manager

    model = tiny_llama.model
    model.config.model_type = "house_llama"

    class HouseArchitecture:
        @hookimpl
        def register_architectures(self, register):
            register("house_llama", ArchitectureSpec(
                "house_llama", "model.layers", "mlp", "down_proj", "model.norm",
                "model.embed_tokens", "rmsnorm"))

    plugin_manager().register(HouseArchitecture(), name="house-architecture")
    adapter = get_adapter(model)
    assert adapter.model_type == "house_llama"
    assert "house_llama" in supported_architectures()
    with torch.no_grad(), adapter.record_residuals() as residuals:
        reference = model(IDS).logits
    torch.testing.assert_close(adapter.logits_from_hidden(residuals[-1]), reference)


def test_a_plugin_factory_must_return_an_adapter(tiny_llama):
    from spf.errors import PluginError
    from spf.neural.adapters import Adapter
    from spf.plugins import plugin_manager

    model = tiny_llama.model
    model.config.model_type = "odd_llama"

    class Factories:
        @hookimpl
        def register_architectures(self, register):
            register("odd_llama", lambda model: "not an adapter")
            register("good_llama", lambda model: Adapter(model, ArchitectureSpec(
                "good_llama", "model.layers", "mlp", "down_proj", "model.norm",
                "model.embed_tokens", "rmsnorm")))

    plugin_manager().register(Factories(), name="factories")
    with pytest.raises(PluginError, match="not an Adapter"):
        get_adapter(model)
    model.config.model_type = "good_llama"
    assert get_adapter(model).model_type == "good_llama"


def test_a_peft_wrapped_model_is_unwrapped(tiny_llama):
    peft = pytest.importorskip("peft")
    model = tiny_llama.model
    base_weight = get_adapter(model).down_weight(0).clone()
    wrapped = peft.get_peft_model(model, peft.LoraConfig(r=2, target_modules=["down_proj"]))
    adapter = get_adapter(wrapped)
    torch.testing.assert_close(adapter.down_weight(0), base_weight)
    with torch.no_grad(), adapter.record_activations(0) as acts:
        wrapped(input_ids=IDS)
    assert tuple(acts[0].shape) == (2, 7, 128)


def test_prefix_replay_is_exact_and_skips_the_lower_blocks(tiny_models):
    """Replayed lower blocks + an edited upper block give the full forward pass's logits."""
    model = tiny_models.model
    adapter = get_adapter(model)
    lower = adapter.num_layers - 1
    replay = adapter.prefix_replay(lower)
    mask = torch.ones_like(IDS)
    with torch.no_grad():
        with replay.recording("batch"):
            before = model(input_ids=IDS, attention_mask=mask).logits
        neuron = 3
        original = adapter.value_vector(lower, neuron)
        adapter.set_value_vector(lower, neuron, original + 5.0)
        expected = model(input_ids=IDS, attention_mask=mask).logits
        calls = []
        handle = adapter.ffn_module(0).register_forward_hook(lambda *args: calls.append(1))
        try:
            with replay.replaying("batch"):
                replayed = model(input_ids=IDS, attention_mask=mask).logits
            model(input_ids=IDS, attention_mask=mask)  # the blocks' own forward is back
        finally:
            handle.remove()
    assert not torch.equal(before, expected)  # the edit matters
    assert torch.equal(replayed, expected)
    assert calls == [1]  # block 0's FFN ran once, after the replay, never during it
    assert all("forward" not in vars(block) for block in adapter.blocks)
    with pytest.raises(ValueError, match="out of range"):
        adapter.prefix_replay(adapter.num_layers + 1)
