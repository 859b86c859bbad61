"""The published variants (STAR and MINT ``variant="paper"``), spf's switchable components,
the Adam baseline with STAR's hold rows, and generalization counted on failing cases only."""

from __future__ import annotations

import pytest

from spf.errors import SpfError
from spf.neural.adapters import get_adapter
from spf.neural.cases import RepairCase, encode_case, evaluate, evaluation_baseline, score_cases
from spf.neural.repair import repair
from spf.neural.repair.mint import PAPER_OPTIONS, MintConfig
from spf.neural.repair.sgd import SgdConfig
from spf.neural.repair.star import PAPER_LEARNING_RATE, PAPER_STEPS, StarConfig

torch = pytest.importorskip("torch")

REFERENCE = ["def add(a, b):\n    return a + b\n\n\nclass Point:\n    def __init__(self, x, y):\n"
             "        self.x = x\n        self.y = y\n" * 2]


def state(model):
    return {name: tensor.detach().clone() for name, tensor in model.state_dict().items()}


def test_paper_variants_take_the_published_settings_unless_set():
    star = StarConfig(variant="paper").validate()
    assert (star.learning_rate, star.max_epochs) == (PAPER_LEARNING_RATE, PAPER_STEPS)
    assert StarConfig(variant="paper", learning_rate=0.5).validate().learning_rate == 0.5
    mint = MintConfig(variant="paper").validate()
    assert all(getattr(mint, name) == value for name, value in PAPER_OPTIONS.items())
    assert MintConfig(variant="paper", risk_windows=3).validate().risk_windows == 3
    assert MintConfig().validate().selection == "protected"  # spf's default is untouched
    for bad in (StarConfig(variant="ment"), StarConfig(prior="ridge"),
                StarConfig(direction="up"), MintConfig(variant="x"), SgdConfig(preserve="l2"),
                SgdConfig(hold_batch=-1)):
        with pytest.raises(SpfError):
            bad.validate()


def test_star_paper_edits_every_block_with_flipped_minimum_norm_steps(trained_model, planting):
    model, tokenizer = trained_model
    case = planting.plant_failure(model, tokenizer, planting.PROMPTS[0], "a", rank=2)
    base = state(model)
    result = repair(model, tokenizer, [case], method="star", variant="paper")
    adapter = get_adapter(model)
    assert result.layers == list(range(adapter.num_layers))  # the reference default: all
    assert result.details["variant"] == "paper" and result.details["reference_tokens"] == 0
    assert result.details["epochs"] == PAPER_STEPS * result.details["failures_before"]
    assert result.options["learning_rate"] == PAPER_LEARNING_RATE
    # every column of the edited blocks may move (no neuron localisation by default)
    assert result.neurons_changed > adapter.ffn_size
    result.patch.revert(model)
    assert all(torch.equal(t, base[n]) for n, t in model.state_dict().items())


@pytest.mark.parametrize("options", [{"prior": "pinv"}, {"direction": "gradient"}])
def test_star_components_switch_off_and_still_repair(trained_model, planting, options):
    model, tokenizer = trained_model
    case = planting.plant_failure(model, tokenizer, planting.PROMPTS[1], "b", rank=2)
    result = repair(model, tokenizer, [case], method="star", reference=REFERENCE, **options)
    assert result.fixed == 1
    if options.get("prior") == "pinv":  # no hold protection: no reference text used
        assert result.details["reference_tokens"] == 0
    else:
        assert result.details["reference_tokens"] > 0


def test_adam_with_hold_rows_keeps_more_of_the_reference(trained_model, planting):
    model, tokenizer = trained_model
    case = planting.plant_failure(model, tokenizer, planting.PROMPTS[2], "c", rank=4)
    ids = tokenizer(REFERENCE[0])["input_ids"]

    def reference_predictions():
        with torch.no_grad():
            return model(input_ids=torch.tensor([ids])).logits[0].argmax(-1)

    before = reference_predictions()
    moved = {}
    for preserve in ("none", "kl", "ce"):
        result = repair(model, tokenizer, [case], method="sgd", reference=REFERENCE,
                        preserve=preserve, preserve_weight=10.0, layers=[0, 1])
        assert result.fixed == 1
        moved[preserve] = int((reference_predictions() != before).sum())
        if preserve == "none":
            assert result.details["reference_tokens"] == 0
        else:
            assert result.details["reference_tokens"] == len(ids)
            assert result.details["hold_rows"] >= len(ids)
        result.patch.revert(model)
    assert moved["kl"] <= moved["none"] and moved["ce"] <= moved["none"]


def test_generalization_is_also_counted_on_failing_cases_only(trained_model, planting):
    model, tokenizer = trained_model
    failing = planting.plant_failure(model, tokenizer, planting.PROMPTS[0], "f", rank=3)
    right = planting.keep_case(model, tokenizer, planting.PROMPTS[1], "r")
    cases = [RepairCase("f~g", failing.prompt, failing.target, "generalization"),
             RepairCase("r~g", right.prompt, right.target, "generalization")]
    baseline = evaluation_baseline(model, tokenizer, cases)
    assert [score.fixed for score in baseline.before] == [False, True]
    result = evaluate(model, baseline)
    assert result.generalization == 0.5 and result.generalization_failing == 0.0
    assert score_cases(model, [encode_case(tokenizer, failing)])[0].fixed is False
