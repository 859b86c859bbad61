"""Each policy freezes exactly the documented blocks; frozen parameters get no gradient,
stay out of the optimizer, and no autograd graph is built below the cut."""

from __future__ import annotations

import pytest
import torch

from spf.errors import SpfError
from spf.neural.adapters import get_adapter
from spf.neural.freezing import (
    FreezeContext,
    apply_freeze,
    decide,
    layers_to_transform,
    parse_policy,
    policy_names,
)

LAYERS = 4


def trainer_optimizer(model, tmp_path):
    """The optimizer the Hugging Face Trainer (what `spf finetune` runs on) builds."""
    from transformers import Trainer, TrainingArguments

    args = TrainingArguments(output_dir=str(tmp_path / "trainer"), use_cpu=True, report_to=[],
                             save_strategy="no")
    return Trainer(model=model, args=args).create_optimizer()


def context(**options) -> FreezeContext:
    return FreezeContext(num_layers=LAYERS, **options)


@pytest.mark.parametrize("policy, frozen, embeddings_train", [
    ("none", [], True),
    ("bottom:0", [], False),
    ("bottom:1", [0], False),
    ("bottom:3", [0, 1, 2], False),
    ("bottom:4", [0, 1, 2, 3], False),
    ("top:1", [0, 1, 2], False),
    ("top:3", [0], False),
    ("top:4", [], False),
])
def test_static_policies_freeze_the_documented_blocks(policy, frozen, embeddings_train):
    decision = decide(None, policy, context())
    assert decision.frozen_blocks == frozen
    assert decision.train_embeddings is embeddings_train
    assert decision.policy == policy
    assert layers_to_transform(decision, LAYERS) == [b for b in range(LAYERS) if b not in frozen]


def test_random_policy_trains_k_blocks_and_redraws_deterministically():
    draws = [decide(None, "random:2", context(seed=7, step=step)) for step in range(0, 200, 20)]
    for draw in draws:
        assert len(draw.frozen_blocks) == LAYERS - 2
        assert draw.train_embeddings  # LISA keeps embeddings and head trained
    again = decide(None, "random:2", context(seed=7, step=40))
    assert again.frozen_blocks == draws[2].frozen_blocks
    assert len({tuple(d.frozen_blocks) for d in draws}) > 1, "never re-drawn"


@pytest.mark.parametrize("text, message", [
    ("bottom:5", "out of range"),
    ("top:-1", "out of range"),
    ("random:0", "out of range"),
    ("bottom", "needs a block count"),
    ("bottom:x", "not an integer"),
    ("sideways:2", "unknown freeze policy"),
    ("none:2", "takes no argument"),
])
def test_bad_policies_are_one_line_errors(text, message):
    with pytest.raises(SpfError) as caught:
        parse_policy(text, LAYERS)
    assert message in str(caught.value)
    assert "\n" not in caught.value.one_line()
    assert caught.value.exit_code == 2


def test_a_plugin_registers_a_policy_through_the_hook():
    from spf import hookimpl
    from spf.plugins import plugin_manager

    class OddBlocks:
        @hookimpl
        def register_freeze_policies(self, register):
            register("odd", lambda model, argument, ctx: [1, 3])

    manager = plugin_manager()
    manager.register(OddBlocks(), name="odd-blocks")
    assert {"none", "bottom", "top", "random", "semantic", "odd"} <= set(policy_names())
    decision = decide(None, "odd", context())
    assert decision.frozen_blocks == [1, 3]
    assert decision.train_embeddings is False  # some block frozen -> embeddings frozen


@pytest.mark.parametrize("arch_dir", ["gpt2_dir", "llama_dir"])
@pytest.mark.parametrize("policy", ["bottom:2", "top:1", "random:1", "none"])
def test_frozen_parameters_get_no_gradient_and_stay_out_of_the_optimizer(
        request, load, arch_dir, policy, tmp_path):
    model, _ = load(request.getfixturevalue(arch_dir))
    adapter = get_adapter(model)
    decision = decide(model, policy, context(seed=1))
    apply_freeze(model, decision)
    frozen_ids = {id(p) for b in decision.frozen_blocks for p in adapter.blocks[b].parameters()}
    trained_ids = {id(p) for b in range(LAYERS) if b not in decision.frozen_blocks
                   for p in adapter.blocks[b].parameters()}
    head = adapter.head_module.weight
    assert all(not p.requires_grad for p in model.parameters() if id(p) in frozen_ids)
    assert all(p.requires_grad for p in model.parameters() if id(p) in trained_ids)
    assert head.requires_grad, "the head is trained by every policy"

    optimizer = trainer_optimizer(model, tmp_path)
    in_optimizer = {id(p) for group in optimizer.param_groups for p in group["params"]}
    assert not in_optimizer & frozen_ids
    assert trained_ids <= in_optimizer

    ids = torch.randint(0, 500, (2, 16))
    model(input_ids=ids, labels=ids).loss.backward()
    for parameter in model.parameters():
        if id(parameter) in frozen_ids:
            assert parameter.grad is None
        if id(parameter) in trained_ids:
            assert parameter.grad is not None
    embedding = adapter.embedding_module.weight
    if not decision.train_embeddings and embedding is not head:
        assert embedding.grad is None


@pytest.mark.parametrize("arch_dir", ["gpt2_dir", "llama_dir"])
def test_no_autograd_graph_below_a_bottom_cut(request, load, arch_dir):
    model, _ = load(request.getfixturevalue(arch_dir))
    apply_freeze(model, decide(model, "bottom:2", context()))
    adapter = get_adapter(model)
    with adapter.record_residuals(keep_grad=True) as residuals:
        model(input_ids=torch.randint(0, 500, (1, 8)))
    # h_0 (embeddings), h_1, h_2 come from frozen modules: no graph at all
    assert [h.requires_grad for h in residuals] == [False, False, False, True, True]


def test_tied_head_trains_but_the_frozen_lookup_is_detached(load, gpt2_dir):
    model, _ = load(gpt2_dir)
    adapter = get_adapter(model)
    assert adapter.embedding_module.weight is adapter.head_module.weight  # GPT-2 ties them
    frozen = apply_freeze(model, decide(model, "bottom:1", context()))
    with adapter.record_residuals(keep_grad=True) as residuals:
        model(input_ids=torch.randint(0, 500, (1, 8)))
    assert not residuals[0].requires_grad
    frozen.remove_hooks()
    with adapter.record_residuals(keep_grad=True) as residuals:
        model(input_ids=torch.randint(0, 500, (1, 8)))
    assert residuals[0].requires_grad  # without the hook the tied weight would leak a graph
