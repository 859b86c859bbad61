"""Each repair method fixes planted failures and reports honest metrics."""

from __future__ import annotations

import dataclasses

import pytest

from spf import hookimpl
from spf.errors import SpfError
from spf.neural.adapters import get_adapter
from spf.neural.cases import encode_case, score_cases
from spf.neural.repair import REPORT_FIELDS, repair

torch = pytest.importorskip("torch")


def state(model):
    return {name: tensor.detach().clone() for name, tensor in model.state_dict().items()}


def changed_columns(model, base):
    """(neurons, parameters) that differ from ``base`` in the down projections."""
    adapter = get_adapter(model)
    neurons = params = 0
    names = {id(p): n for n, p in model.named_parameters()}
    for layer in range(adapter.num_layers):
        parameter, transposed = adapter.down_weight_parameter(layer)
        difference = parameter.detach() != base[names[id(parameter)]]
        params += int(difference.sum())
        neurons += int(difference.any(dim=1 if transposed else 0).sum())
    return neurons, params


@pytest.mark.parametrize("method", ["mint", "star", "sgd"])
def test_method_fixes_planted_failures_honestly(trained_model, method, planting):
    model, tokenizer = trained_model
    cases = [planting.plant_failure(model, tokenizer, prompt, f"case{i}") for i, prompt in
             enumerate(planting.PROMPTS[:2])]
    keep = [planting.keep_case(model, tokenizer, planting.PROMPTS[2], "keep")]
    encoded = [encode_case(tokenizer, case) for case in cases]
    ranks_before = [score.rank for score in score_cases(model, encoded)]
    keep_before = score_cases(model, [encode_case(tokenizer, keep[0])])[0].predictions
    base = state(model)

    result = repair(model, tokenizer, cases, method=method, eval_cases=keep)
    report = result.to_report()

    assert set(REPORT_FIELDS) <= set(report)
    assert report["method"] == method and report["cases"] == 2
    assert [case["rank_before"] for case in report["per_case"]] == ranks_before
    assert all(rank > 1 for rank in ranks_before)
    after = score_cases(model, encoded)
    assert [case["rank_after"] for case in report["per_case"]] == [s.rank for s in after]
    assert [case["fixed"] for case in report["per_case"]] == [s.fixed for s in after]
    assert report["fixed"] == 2 and report["effectiveness"] == 1.0
    keep_after = score_cases(model, [encode_case(tokenizer, keep[0])])[0].predictions
    assert report["specificity"] == float(keep_after == keep_before)
    assert report["generalization"] is None  # no generalization cases given
    neurons, params = changed_columns(model, base)
    assert (report["neurons_changed"], report["params_changed"]) == (neurons, params)
    assert neurons > 0 and report["layers"]
    assert report["seconds"] > 0
    result.patch.revert(model)
    for name, tensor in model.state_dict().items():
        assert torch.equal(tensor, base[name]), name


def test_mint_uses_few_neurons_and_upper_layers(trained_model, planting):
    model, tokenizer = trained_model
    case = planting.plant_failure(model, tokenizer, planting.PROMPTS[0], "one", rank=2)
    result = repair(model, tokenizer, [case], method="mint")
    assert result.fixed == 1
    assert 1 <= result.neurons_changed <= 2
    adapter = get_adapter(model)
    assert all(layer >= adapter.num_layers // 2 for layer in result.layers)
    assert result.details["neurons_per_case"] == {"one": result.neurons_changed}


def test_mint_gives_up_and_restores(trained_model, planting):
    model, tokenizer = trained_model
    case = planting.plant_failure(model, tokenizer, planting.PROMPTS[1], "hard", rank=200)
    base = state(model)
    result = repair(model, tokenizer, [case], method="mint", max_neurons=1, candidates=1,
                    refinements=0, margin=0.0)
    if result.fixed:  # one neuron was enough after all: nothing to check
        pytest.skip("fixed with one neuron")
    assert result.gave_up == ["hard"] and result.neurons_changed == 0
    for name, tensor in model.state_dict().items():
        assert torch.equal(tensor, base[name]), name


@pytest.mark.parametrize("fixture", ["tiny_llama", "tiny_gpt2"])
def test_star_on_random_architectures(request, fixture, planting):
    model, tokenizer, _ = request.getfixturevalue(fixture)
    case = planting.plant_failure(model, tokenizer, planting.PROMPTS[1], "x", rank=3)
    result = repair(model, tokenizer, [case], method="star", layers=[1])
    assert result.fixed == 1 and result.layers == [1]


def test_star_explicit_layers_and_epoch_details(trained_model, planting):
    model, tokenizer = trained_model
    cases = [planting.plant_failure(model, tokenizer, prompt, f"c{i}") for i, prompt in
             enumerate(planting.PROMPTS)]
    result = repair(model, tokenizer, cases, method="star", layers=[0, 1])
    assert result.effectiveness == 1.0
    assert set(result.layers) <= {0, 1}
    assert result.details["epochs"] >= 1 and result.details["failures_before"] >= 3


def test_sgd_trains_only_the_chosen_weights(trained_model, planting):
    model, tokenizer = trained_model
    case = planting.plant_failure(model, tokenizer, planting.PROMPTS[0], "s")
    flags = {name: p.requires_grad for name, p in model.named_parameters()}
    base = state(model)
    result = repair(model, tokenizer, [case], method="sgd", layers=[1])
    assert result.fixed == 1 and result.layers == [1]
    changed = [name for name, tensor in model.state_dict().items()
               if not torch.equal(tensor, base[name])]
    assert changed == ["transformer.h.1.mlp.c_proj.weight"]
    assert {name: p.requires_grad for name, p in model.named_parameters()} == flags
    assert all(p.grad is None for p in model.parameters())


def test_options_and_methods_are_validated(tiny_gpt2):
    model, tokenizer, _ = tiny_gpt2
    cases = [{"id": "a", "prompt": "import", "target": " os"}]
    with pytest.raises(SpfError, match="unknown repair method 'nope'"):
        repair(model, tokenizer, cases, method="nope")
    with pytest.raises(SpfError, match="unknown option"):
        repair(model, tokenizer, cases, method="star", learning_rat=1.0)
    with pytest.raises(SpfError, match="align"):
        repair(model, tokenizer, cases, method="star", align="sideways")
    with pytest.raises(SpfError, match="out of range"):
        repair(model, tokenizer, cases, method="star", layers=[7])
    with pytest.raises(SpfError, match="missing field"):
        repair(model, tokenizer, [{"id": "a", "prompt": "x"}], method="star")


class ScaleNeuronPlugin:
    """A third-party repair method: adds to one neuron's value vector (tests the hook)."""

    @dataclasses.dataclass
    class Config:
        neuron: int = 0

    @staticmethod
    def method(model, tokenizer, cases, config):
        from spf.neural.repair import MethodOutcome

        vector = cases.edits.neuron_values(1, config.neuron)
        cases.edits.set_neuron(1, config.neuron, vector + 1.0)
        return MethodOutcome(layers=[1], details={"plugin": True})

    @hookimpl
    def register_repair_methods(self, register):
        register("scale-neuron", self.method, self.Config)


def test_a_plugin_adds_a_repair_method(tiny_gpt2):
    from spf.plugins import plugin_manager

    model, tokenizer, _ = tiny_gpt2
    plugin_manager().register(ScaleNeuronPlugin(), name="scale-neuron-test")
    result = repair(model, tokenizer, [{"id": "a", "prompt": "import", "target": " os"}],
                    method="scale-neuron", neuron=5)
    assert result.patch.neurons == {"1": [5]} and result.details["plugin"] is True
    assert result.patch.method == "scale-neuron"


@pytest.mark.parametrize("method", ["mint", "star", "sgd"])
def test_keep_cases_stay_right_and_are_reported_apart(trained_model, method, planting):
    model, tokenizer = trained_model
    case = planting.plant_failure(model, tokenizer, planting.PROMPTS[0], "fix")
    keep = [planting.keep_case(model, tokenizer, prompt, f"keep{i}")
            for i, prompt in enumerate(planting.PROMPTS[1:])]
    wrong = planting.plant_failure(model, tokenizer, planting.PROMPTS[2], "already-wrong")

    result = repair(model, tokenizer, [case], method=method, keep=keep + [wrong])
    report = result.to_report()

    assert report["cases"] == 1 and [c["id"] for c in report["per_case"]] == ["fix"]
    assert report["fixed"] == 1
    now = [score.fixed for score in score_cases(
        model, [encode_case(tokenizer, item) for item in keep + [wrong]])]
    assert report["keep"] == {"cases": 3, "right_before": 2, "kept": sum(now[:2]),
                              "broken": [k.id for k, ok in zip(keep, now) if not ok]}
    assert report["keep"]["kept"] == 2  # enforced: every keep case still right


SEQUENTIAL_PROMPTS = [
    "def area(width, height):\n    return width * ",
    "for index, value in enumerate(items):\n    if value is None:\n        ",
    "import json\n\ndata = json.",
    "class Node:\n    def __init__(self, value):\n        self.value = value\n        self.",
    "try:\n    import numpy\nexcept ImportError:\n    ",
    "with open(filename, 'r') as f:\n    lines = f.",
]


def test_keep_protects_earlier_repairs_in_a_sequence(trained_model, planting):
    """Repairs made one after another: with the earlier cases as ``keep``, none is undone."""
    model, tokenizer = trained_model
    prompts = planting.PROMPTS + SEQUENTIAL_PROMPTS
    cases = [planting.plant_failure(model, tokenizer, prompt, f"c{number}", rank=3)
             for number, prompt in enumerate(prompts)]
    done = []
    for case in cases:
        result = repair(model, tokenizer, [case], method="star", keep=done)
        assert result.keep is None if not done else result.keep["kept"] == len(done)
        if result.fixed:
            done.append(case)
    assert len(done) >= len(cases) - 1
    scores = score_cases(model, [encode_case(tokenizer, case) for case in done])
    assert all(score.fixed for score in scores)  # without keep, 2 of 9 are undone here
