"""MINT's pieces: risk windows, the protected solve, the hold probe, its options."""

from __future__ import annotations

import pytest

from spf.errors import SpfError
from spf.neural.adapters import get_adapter
from spf.neural.cases import encode_case, score_cases
from spf.neural.repair import repair
from spf.neural.repair.common import find_failures, gap_gradients
from spf.neural.repair.mint import HoldProbe, MintConfig, RiskIndex, _protected_solve

torch = pytest.importorskip("torch")

TEXT = ("def read(path):\n    with open(path) as handle:\n        return handle.read()\n\n\n"
        "def write(path, data):\n    with open(path, 'w') as handle:\n        handle.write(data)\n")


def test_risk_windows_end_where_a_token_is_rightly_predicted(trained_model):
    model, tokenizer = trained_model
    sequence = tokenizer(TEXT * 3)["input_ids"][:120]
    index = RiskIndex(model, [sequence], budget=10_000)
    assert index.by_token, "the trained model predicts some of this text right"
    token, entries = max(index.by_token.items(), key=lambda item: len(item[1]))
    margins = [margin for margin, _, _ in entries]
    assert margins == sorted(margins)  # the most fragile first
    with torch.no_grad():
        top = model(input_ids=torch.tensor([sequence])).logits[0].argmax(dim=1).tolist()
    for _, _, position in entries:
        assert sequence[position + 1] == token and top[position] == token
    windows = index.windows({token}, count=3, length=16)
    assert 1 <= len(windows) <= 3
    for window in windows:
        assert len(window) <= 16 and window[-1] == token
        starts = [i for i in range(len(sequence)) if sequence[i: i + len(window)] == window]
        assert any(top[start + len(window) - 2] == token for start in starts)
    assert index.windows({-5}, count=3, length=16) == []
    assert RiskIndex(model, [sequence], budget=0).by_token == {}


def test_protected_direction_closes_the_gap_with_less_hold_change(trained_model, planting):
    """To first order the protected direction moves the failure's gap and, per unit of gap,
    moves the right hold margins less (in the weighted sense) than the plain -g direction."""
    model, tokenizer = trained_model
    adapter = get_adapter(model)
    case = planting.plant_failure(model, tokenizer, planting.PROMPTS[0], "c", rank=3)
    encoded = encode_case(tokenizer, case)
    (failure,) = find_failures(model, [encoded])
    layer = adapter.num_layers - 1
    (grads,) = gap_gradients(model, adapter, encoded, [failure], [layer])
    grad = grads[layer]
    hold = [tokenizer(TEXT)["input_ids"]]
    probe = HoldProbe(model, hold, skip=set())
    cache = {"searched": [layer]}
    neuron = int(grad.z.abs().argmax())
    direction, ease = _protected_solve(probe, adapter, layer, neuron, grad.g, 0.01, cache)
    assert ease > 0 and float(grad.g @ direction) < 0  # it lowers the gap
    big_g, z, margins = cache["protection"][1][layer]
    weights = (z[:, neuron] / margins.clamp_min(0.05)).pow(2)

    def weighted_change(vector):  # per unit of first-order gap change
        per_gap = vector / -float(grad.g @ vector)
        return float((weights * (big_g @ per_gap).pow(2)).sum())

    plain = -grad.g / grad.g.norm()
    assert weighted_change(direction) < weighted_change(plain)
    # the solves are cached per case and dropped when the probe (the case) changes
    assert cache["solves"][("solve", layer, neuron)][1] == ease
    other = HoldProbe(model, hold, skip=set())
    _protected_solve(other, adapter, layer, neuron, grad.g, 0.01, cache)
    assert cache["protection"][0] is other and len(cache["solves"]) == 2  # scale + one solve


@pytest.mark.parametrize("selection, direction", [("protected", "all"), ("mixed", "protected")])
def test_protected_choices_repair_a_case(trained_model, planting, selection, direction):
    model, tokenizer = trained_model
    case = planting.plant_failure(model, tokenizer, planting.PROMPTS[1], "c", rank=3)
    result = repair(model, tokenizer, [case], method="mint", selection=selection,
                    direction=direction, reference=[TEXT * 4])
    assert result.fixed == 1
    trace = result.details["trace"]
    allowed = {"protected"} if direction == "protected" else {"semantic", "gradient", "protected"}
    assert trace and {step["direction"] for step in trace} <= allowed
    encoded = encode_case(tokenizer, case)
    assert score_cases(model, [encoded])[0].fixed


@pytest.mark.parametrize("options, message", [
    ({"selection": "loudest"}, "selection"),
    ({"direction": "up"}, "direction"),
    ({"backoff": -1}, "backoff"),
    ({"max_change": 0}, "max_change"),
    ({"protect_ridge": 0}, "protect_ridge"),
    ({"risk_windows": -1}, "risk_windows"),
    ({"protect_tokens": -1}, "protect_tokens"),
])
def test_mint_options_are_validated(options, message):
    with pytest.raises(SpfError, match=message):
        MintConfig(**options).validate()


def test_max_change_bounds_every_edit(trained_model, planting):
    model, tokenizer = trained_model
    adapter = get_adapter(model)
    case = planting.plant_failure(model, tokenizer, planting.PROMPTS[0], "c", rank=6)
    base = {layer: adapter.down_weight(layer).clone() for layer in range(adapter.num_layers)}
    result = repair(model, tokenizer, [case], method="mint", max_change=0.5, max_neurons=3)
    for step in result.details["trace"]:
        assert step["ratio"] <= 0.5 + 1e-3
    if result.fixed:  # each kept neuron moved by at most half its norm per edit
        for layer, neurons in result.patch.neurons.items():
            for neuron in neurons:
                before = base[int(layer)][:, neuron]
                after = adapter.down_weight(int(layer))[:, neuron]
                edits = sum(1 for step in result.details["trace"]
                            if (step["layer"], step["neuron"]) == (int(layer), neuron))
                assert float((after - before).norm()) <= 0.5 * edits * float(before.norm()) + 1e-4
