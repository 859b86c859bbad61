"""CASES/EVAL loading, the prompt/target token boundary, teacher forcing and the metrics."""

from __future__ import annotations

import json

import pytest

from spf.errors import SpfError
from spf.neural.cases import (
    RepairCase,
    encode_case,
    evaluate,
    evaluation_baseline,
    load_cases,
    score_cases,
)


def write_lines(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_loads_cases_and_skips_blank_lines(tmp_path):
    path = write_lines(tmp_path / "cases.jsonl", [
        json.dumps({"id": "a", "prompt": "x = ", "target": "1"}), "",
        json.dumps({"id": 7, "prompt": "y", "target": " = 2"})])
    cases = load_cases(path)
    assert [case.id for case in cases] == ["a", "7"]
    assert cases[1].target == " = 2" and cases[0].kind is None


@pytest.mark.parametrize("line, message", [
    ('{"id": "a", "prompt": "x"', "invalid JSON"),
    ('{"id": "a", "prompt": "x"}', "missing field(s): target"),
    ('{"id": "a", "prompt": "x", "target": ""}', "empty target"),
    ('["a", "b"]', "JSON object"),
    ('{"id": "", "prompt": "x", "target": "y"}', "'id'"),
    ('{"id": "a", "prompt": 3, "target": "y"}', "'prompt' must be a string"),
])
def test_bad_lines_name_their_line_number(tmp_path, line, message):
    path = write_lines(tmp_path / "cases.jsonl",
                       [json.dumps({"id": "ok", "prompt": "p", "target": "t"}), line])
    with pytest.raises(SpfError) as caught:
        load_cases(path)
    assert f"{path}:2" in str(caught.value)
    assert message in str(caught.value)
    assert caught.value.exit_code == 2


def test_duplicate_ids_and_eval_kinds_are_checked(tmp_path):
    line = json.dumps({"id": "a", "prompt": "p", "target": "t"})
    with pytest.raises(SpfError, match=r":2: duplicate id 'a'"):
        load_cases(write_lines(tmp_path / "dup.jsonl", [line, line]))
    with pytest.raises(SpfError, match=r":1: missing field\(s\): kind"):
        load_cases(write_lines(tmp_path / "eval.jsonl", [line]), evaluation=True)
    bad_kind = json.dumps({"id": "a", "prompt": "p", "target": "t", "kind": "other"})
    with pytest.raises(SpfError, match="unknown kind"):
        load_cases(write_lines(tmp_path / "eval2.jsonl", [bad_kind]), evaluation=True)
    with pytest.raises(SpfError, match="no cases"):
        load_cases(write_lines(tmp_path / "empty.jsonl", ["", "  "]))


def test_target_tokens_follow_the_joint_tokenization(tiny_tokenizer):
    case = RepairCase("a", "def parse(self):\n    return", " self.value")
    encoded = encode_case(tiny_tokenizer, case)
    whole = tiny_tokenizer(case.prompt + case.target)["input_ids"]
    assert encoded.input_ids == whole
    decoded = tiny_tokenizer.decode(encoded.target_ids)
    assert decoded == case.target and not encoded.straddles
    assert tiny_tokenizer.decode(encoded.input_ids[: encoded.target_start]) == case.prompt
    assert encoded.predict_positions[0] == encoded.target_start - 1


def test_a_straddling_token_is_merged_into_the_target(tiny_tokenizer):
    # "return" is one token in this vocabulary; cutting inside it makes it straddle
    assert len(tiny_tokenizer(" return")["input_ids"]) == 1
    case = RepairCase("a", "def f(x):\n    ret", "urn x")
    encoded = encode_case(tiny_tokenizer, case)
    assert encoded.straddles
    assert tiny_tokenizer.decode(encoded.target_ids) == " return x"
    assert tiny_tokenizer.decode(encoded.input_ids[: encoded.target_start]) == "def f(x):\n   "


def test_empty_prompt_without_bos_is_refused(tiny_tokenizer):
    with pytest.raises(SpfError, match="no prompt token before the target"):
        encode_case(tiny_tokenizer, RepairCase("a", "", "import os"))


def test_long_sequences_keep_their_end(tiny_tokenizer):
    case = RepairCase("a", "x = 1\n" * 100, "y = 2")
    encoded = encode_case(tiny_tokenizer, case, max_length=32)
    assert len(encoded.input_ids) == 32 and encoded.truncated > 0
    assert tiny_tokenizer.decode(encoded.target_ids) == "y = 2"


def test_scores_match_a_plain_forward_pass(tiny_gpt2):
    import torch

    model, tokenizer, _ = tiny_gpt2
    encoded = encode_case(tokenizer, RepairCase("a", "import os\nimport", " sys\n"))
    (score,) = score_cases(model, [encoded])
    with torch.no_grad():
        logits = model(input_ids=torch.tensor([encoded.input_ids])).logits[0]
    for offset, position in enumerate(encoded.predict_positions):
        row = logits[position]
        target = encoded.target_ids[offset]
        assert score.predictions[offset] == int(row.argmax())
        assert score.ranks[offset] == int((row > row[target]).sum()) + 1
    assert score.fixed == all(rank == 1 for rank in score.ranks)
    assert score.rank == max(score.ranks)


def test_batched_scores_equal_single_ones(tiny_gpt2):
    model, tokenizer, _ = tiny_gpt2
    cases = [RepairCase(str(i), "x = 1\n" * (i + 1), " y") for i in range(5)]
    encoded = [encode_case(tokenizer, case) for case in cases]
    batched = score_cases(model, encoded, batch_size=4)
    single = score_cases(model, encoded, batch_size=1)
    assert [s.predictions for s in batched] == [s.predictions for s in single]


def test_specificity_and_generalization_as_defined(tiny_gpt2):
    import torch

    model, tokenizer, _ = tiny_gpt2
    eval_cases = [RepairCase("s1", "import os\nimport", " sys", "specificity"),
                  RepairCase("s2", "for i in range(", "10):", "specificity"),
                  RepairCase("g1", "def f(self):\n    return", " self", "generalization")]
    baseline = evaluation_baseline(model, tokenizer, eval_cases)
    unchanged = evaluate(model, baseline)
    assert unchanged.specificity == 1.0 and unchanged.specificity_token == 1.0
    assert unchanged.generalization == float(baseline.before[2].fixed)
    # make the model predict token 0 everywhere: every specificity sequence changes
    # unless it already predicted 0 everywhere
    with torch.no_grad():
        model.lm_head.weight.zero_()
        model.lm_head.weight[0].fill_(0.0)
        model.transformer.ln_f.bias.zero_()
    changed = evaluate(model, baseline)
    expected = [before.predictions == [0] * len(before.predictions)
                for before in baseline.before[:2]]
    assert changed.specificity == sum(expected) / 2
    assert changed.generalization is not None
    assert {entry["id"] for entry in changed.per_case} == {"s1", "s2", "g1"}
