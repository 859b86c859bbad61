"""Fixtures for the repair tests: planted failures on tiny models."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from spf.neural.cases import RepairCase, encode_case, score_cases

PROMPTS = [
    "import os\nimport sys\n\n\ndef main(argv):\n    for name in argv:\n        print(",
    "class Stack:\n    def __init__(self):\n        self.items = []\n\n    def push(self, item):\n        self.",
    "def read_lines(path):\n    with open(path) as handle:\n        return handle.",
]


def plant_failure(model, tokenizer, prompt: str, case_id: str, *, rank: int = 4) -> RepairCase:
    """A case whose single target token is one the model ranks ``rank``-th or lower (not top-1)."""
    ids = tokenizer(prompt)["input_ids"]
    with torch.no_grad():
        logits = model(input_ids=torch.tensor([ids])).logits[0, -1]
    order = logits.argsort(descending=True).tolist()
    for token in order[rank - 1:]:
        text = tokenizer.decode([token])
        if not text.strip() or "\n" in text or "\ufffd" in text:
            continue
        case = RepairCase(case_id, prompt, text)
        encoded = encode_case(tokenizer, case)
        if encoded.target_ids == [token] and not score_cases(model, [encoded])[0].fixed:
            return case
    raise AssertionError("no plantable token")


def keep_case(model, tokenizer, prompt: str, case_id: str, length: int = 3) -> RepairCase:
    """A specificity case: the model's own greedy continuation of ``prompt`` (so it is right)."""
    ids = tokenizer(prompt)["input_ids"]
    with torch.no_grad():
        for _ in range(length):
            logits = model(input_ids=torch.tensor([ids])).logits[0, -1]
            ids = ids + [int(logits.argmax())]
    prompt_length = len(tokenizer(prompt)["input_ids"])
    target = tokenizer.decode(ids[prompt_length:])
    return RepairCase(case_id, prompt, target, "specificity")


@pytest.fixture
def trained_model(trained_tiny_model_dir):
    """The trained tiny GPT-2 code model and its tokenizer (a fresh copy per test)."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    model = AutoModelForCausalLM.from_pretrained(str(trained_tiny_model_dir)).eval()
    tokenizer = AutoTokenizer.from_pretrained(str(trained_tiny_model_dir))
    return model, tokenizer


@pytest.fixture
def planting():
    """The helpers, for tests: ``planting.PROMPTS``, ``planting.plant_failure``, ``planting.keep_case``."""
    import types

    return types.SimpleNamespace(PROMPTS=PROMPTS, plant_failure=plant_failure,
                                 keep_case=keep_case)
