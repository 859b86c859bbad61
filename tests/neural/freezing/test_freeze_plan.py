"""The semantic freeze plan has the documented shape and properties, and is deterministic."""

from __future__ import annotations

import itertools
import math

import pytest
import torch

from spf.neural.freezing import (
    FreezeContext,
    PlanConfig,
    decide,
    freeze_plan,
    step_costs,
)


@pytest.mark.parametrize("arch_dir", ["gpt2_dir", "llama_dir"])
def test_plan_numbers_have_the_documented_properties(request, load, chunks, code_folder,
                                                     arch_dir):
    model, tokenizer = load(request.getfixturevalue(arch_dir))
    before = {name: p.detach().clone() for name, p in model.state_dict().items()}
    data = chunks(tokenizer, code_folder)
    plan = freeze_plan(model, data, PlanConfig(samples=300, seed=3))
    layers = 4
    for values in (plan.alignment, plan.virtual_alignment, plan.deviation, plan.lag,
                   plan.recoverable, plan.speedup, plan.gain, plan.lens_loss):
        assert len(values) == layers + 1
        assert all(math.isfinite(v) for v in values)
    assert plan.tokens == 300
    assert plan.measure == "rank" and plan.alignment == plan.alignment_by_measure["rank"]
    assert set(plan.alignment_by_measure) == {"rank", "cosine", "lens", "loss"}
    assert plan.alignment_by_measure["loss"] == pytest.approx([-x for x in plan.lens_loss])
    assert all(0.0 <= a <= 1.0 for m in ("rank", "lens") for a in plan.alignment_by_measure[m])
    assert all(-1.0 <= a <= 1.0 for a in plan.alignment_by_measure["cosine"])
    assert 0 <= plan.cut < layers
    assert plan.frozen_blocks == list(range(plan.cut))
    assert plan.trainable_blocks == list(range(plan.cut, layers))
    # the virtual path runs straight from a_0 to 1
    assert plan.virtual_alignment[0] == pytest.approx(plan.alignment[0])
    assert plan.virtual_alignment[-1] == pytest.approx(1.0)
    assert plan.deviation[0] == pytest.approx(0.0)
    assert plan.deviation[-1] == pytest.approx(1.0 - plan.alignment[-1])
    # the lags partition the final deviation
    assert plan.virtual == "straight"
    assert sum(plan.lag) == pytest.approx(plan.deviation[-1] - plan.deviation[0])
    # deeper cuts recover less and run faster
    assert all(a >= b for a, b in zip(plan.recoverable, plan.recoverable[1:]))
    assert plan.recoverable[-1] == 0.0
    assert plan.speedup[0] == 1.0
    assert all(a < b for a, b in zip(plan.speedup, plan.speedup[1:]))
    for r, m, g in zip(plan.recoverable, plan.speedup, plan.gain):
        assert g == pytest.approx(r * m ** 0.5)
    assert plan.gain[plan.cut] == max(plan.gain[:layers])
    # the lens reads the last latent space exactly as the model does
    with torch.no_grad():
        logits = model(input_ids=data[:1]).logits[0, :-1]
    assert 0 < plan.lens_loss[-1] < 2 * math.log(len(tokenizer))
    assert logits.shape[-1] == len(tokenizer)
    # nothing in the model changed
    assert all(torch.equal(before[name], p) for name, p in model.state_dict().items())


def test_plan_is_deterministic_and_seeded(load, chunks, gpt2_dir, code_folder):
    model, tokenizer = load(gpt2_dir)
    data = chunks(tokenizer, code_folder)
    first = freeze_plan(model, data, PlanConfig(samples=200, seed=0)).to_dict()
    second = freeze_plan(model, data, PlanConfig(samples=200, seed=0)).to_dict()
    other = freeze_plan(model, data, PlanConfig(samples=200, seed=1)).to_dict()
    for key in ("seconds",):
        first.pop(key), second.pop(key), other.pop(key)
    assert first == second
    assert first["alignment"] != other["alignment"]  # another sample of tokens


def test_rank_measure_matches_a_direct_computation(load, chunks, gpt2_dir, code_folder):
    from spf.neural.adapters import get_adapter
    from spf.neural.freezing import measure_transitions
    from spf.neural.semantics import normalized_residual, semantic_basis, similarity_logits

    model, tokenizer = load(gpt2_dir)
    data = chunks(tokenizer, code_folder)[:1]
    transitions = measure_transitions(model, data, PlanConfig(samples=31))
    adapter = get_adapter(model)
    with torch.no_grad(), adapter.record_residuals() as residuals:
        model(input_ids=data)
    basis = semantic_basis(model)
    targets = data[0, 1:]
    hidden = residuals[2][0, :-1]
    similarity = similarity_logits(normalized_residual(model, hidden), basis)
    own = similarity[torch.arange(31), targets]
    expected = ((similarity < own[:, None]).sum(-1).float() / (similarity.shape[-1] - 1)).mean()
    assert transitions.alignment["rank"][2] == pytest.approx(expected.item(), abs=1e-5)
    assert transitions.alignment["cosine"][2] == pytest.approx(own.mean().item(), abs=1e-5)


def test_reference_data_is_the_virtual_transition(load, chunks, gpt2_dir, code_folder,
                                                  tmp_path):
    from spf.neural.corpus import stdlib_folder
    from spf.neural.freezing import measure_transitions

    model, tokenizer = load(gpt2_dir)
    data = chunks(tokenizer, code_folder)
    config = PlanConfig(samples=200)
    # the model on its own data: no deviation anywhere, nothing to recover, no cut
    same = freeze_plan(model, data, config, reference_ids=data)
    assert same.virtual == "reference"
    assert same.deviation == pytest.approx([0.0] * 5)
    assert same.gain == pytest.approx([0.0] * 5) and same.cut == 0
    # other reference data: the virtual path is the model's transition on it
    other = tmp_path / "other.py"
    other.write_text((stdlib_folder() / "textwrap.py").read_text(encoding="utf-8"))
    reference = chunks(tokenizer, other)
    plan = freeze_plan(model, data, config, reference_ids=reference)
    expected = measure_transitions(model, reference, config).alignment["rank"]
    assert plan.virtual_alignment == pytest.approx(expected)
    assert plan.deviation == pytest.approx([v - a for v, a in zip(expected, plan.alignment)])


def test_loss_measure_heads_for_zero_cross_entropy(load, chunks, gpt2_dir, code_folder):
    model, tokenizer = load(gpt2_dir)
    plan = freeze_plan(model, chunks(tokenizer, code_folder),
                       PlanConfig(samples=100, measure="loss"))
    assert plan.virtual_alignment[0] == pytest.approx(-plan.lens_loss[0])
    assert plan.virtual_alignment[-1] == pytest.approx(0.0)


def test_compute_exponent_zero_ignores_speed(load, chunks, gpt2_dir, code_folder):
    model, tokenizer = load(gpt2_dir)
    plan = freeze_plan(model, chunks(tokenizer, code_folder), PlanConfig(samples=100,
                                                                         compute_exponent=0))
    assert plan.gain == pytest.approx(plan.recoverable)


def test_semantic_policy_freezes_the_plans_cut(load, chunks, gpt2_dir, code_folder):
    model, tokenizer = load(gpt2_dir)
    data = chunks(tokenizer, code_folder)
    decision = decide(model, "semantic", FreezeContext(num_layers=4, input_ids=data,
                                                       plan_config=PlanConfig(samples=100)))
    assert decision.plan is not None
    assert decision.frozen_blocks == list(range(decision.plan.cut))
    assert decision.train_embeddings is False
    assert decision.to_dict()["plan"]["cut"] == decision.plan.cut


def test_step_costs_fall_with_the_cut():
    costs = step_costs(num_layers=6, hidden_size=64, ffn_size=256, vocab_size=1000, seq_len=64)
    assert len(costs) == 7
    assert all(a > b for a, b in itertools.pairwise(costs))
    # freezing everything still pays the forward pass and the head's backward
    forward = costs[-1] - 2 * 2 * 64 * 1000
    assert forward > 0 and costs[0] / costs[-1] < 3
