"""Fixtures for the learning tests: a tiny random causal LM that fails, and a one-function spec.

The model is a random GPT-2 (hidden 32, 2 layers, context 256) with a byte-level BPE
tokenizer trained in about a second on four standard-library files (``spf.neural.tiny``),
saved in Hugging Face format once per session. Its greedy output is gibberish, so the
generate-and-test loop rejects it and the symbolic teacher's body becomes the correction.
"""

from __future__ import annotations

import sysconfig
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

STDLIB_SAMPLES = ("textwrap.py", "string.py", "bisect.py", "keyword.py")

SPEC = """# Project: mathy
Small math helpers.

## Function: double(x: int) -> int
Twice the number.
- double(2) == 4
- double(5) == 10
"""

#: Prompts no correction is about: their greedy continuations must survive a repair.
HELD_OUT = (
    "import os\n\n\ndef read_lines(path):\n    with open(path) as handle:\n        return handle.",
    ("class Stack:\n    def __init__(self):\n        self.items = []\n\n    def push(self, item):\n"
    "        self."),
)

#: hf options the tests use: cpu, short completions (the body is one line).
HF_OPTIONS = {"device": "cpu", "max_new_tokens": 32}


TRIPLE = """
## Function: triple(x: int) -> int
Three times the number.
- triple(2) == 6
- triple(5) == 15
"""


def _save_random_gpt2(folder: Path, *, hidden: int, layers: int, context: int) -> Path:
    import torch

    from spf.neural.tiny import random_model, train_tokenizer

    torch.set_num_threads(1)
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    files = [stdlib / name for name in STDLIB_SAMPLES if (stdlib / name).is_file()]
    tokenizer = train_tokenizer(files, vocab_size=512)
    model = random_model("gpt2", tokenizer, seed=0, hidden=hidden, layers=layers, context=context)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    """Hidden 32, 2 layers (FFN 128), context 256: one lesson fits, two similar ones do not."""
    return _save_random_gpt2(tmp_path_factory.mktemp("learn-tiny-gpt2"), hidden=32, layers=2,
                             context=256)


@pytest.fixture(scope="session")
def wider_model_dir(tmp_path_factory) -> Path:
    """Hidden 128, 4 layers (FFN 512), context 512: room for several lessons."""
    return _save_random_gpt2(tmp_path_factory.mktemp("learn-wider-gpt2"), hidden=128, layers=4,
                             context=512)


@pytest.fixture
def project(tmp_path) -> Path:
    folder = tmp_path / "mathy"
    folder.mkdir()
    (folder / "spec.md").write_text(SPEC, encoding="utf-8")
    return folder


def generate_with_learning(project: Path, model_dir: Path, **learn_options):
    """``spf.pipeline.generate`` with learning options: (the learning report, function units
    by function name)."""
    from spf_plugins.learn import learning

    from spf.pipeline import generate

    with learning(**learn_options) as session:
        report = generate(project, out=project / "out", backend=f"hf:{model_dir}",
                          backend_options=HF_OPTIONS, verify=False)
    units = {unit["id"].split("::")[1]: unit for unit in report.units
             if unit["kind"] == "function" and unit["design_unit"].startswith("function:")}
    return session.report, units
