"""Fixtures for the backend tests: a tiny real model and a real localhost server over it.

The model is a random GPT-2 (hidden size 32, 2 layers, context 256) with a byte-level
BPE tokenizer trained in about a second on four standard-library files, built once per
test session with ``spf.neural.tiny``. Its output is gibberish, which is all these tests
need: they check plumbing (determinism, stop sequences, HTTP contracts, honest failure
reports), not code quality.
"""

from __future__ import annotations

import os
import sysconfig
from pathlib import Path

import pytest

STDLIB_SAMPLES = ("textwrap.py", "string.py", "bisect.py", "keyword.py")


def _limit_threads() -> None:
    import torch

    torch.set_num_threads(1)


def build_tiny(out_dir: Path, *, arch: str = "gpt2", seed: int = 0, context: int = 256) -> Path:
    """Save a random tiny model of family ``arch`` and its tokenizer under ``out_dir``.

    Uses engineer D's ``spf.neural.tiny`` helpers (the same tokenizer and configs as
    ``spf model build-tiny``), without training: random weights are enough here.
    """
    from spf.neural.tiny import random_model, train_tokenizer

    stdlib = Path(sysconfig.get_paths()["stdlib"])
    files = [stdlib / name for name in STDLIB_SAMPLES if (stdlib / name).is_file()]
    tokenizer = train_tokenizer(files, vocab_size=512)
    model = random_model(arch, tokenizer, seed=seed, hidden=32, layers=2, context=context)
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    return out_dir


@pytest.fixture(scope="session")
def build_tiny_model():
    """``build_tiny`` for tests that need another family or seed."""
    return build_tiny


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    """A tiny causal LM folder (random weights), built once per session."""
    _limit_threads()
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    return build_tiny(tmp_path_factory.mktemp("tiny-gpt2"))


@pytest.fixture(scope="session")
def tiny_loaded(tiny_model_dir):
    """The tiny model loaded on cpu (shared with every backend that loads the same folder)."""
    from spf.hf_model import load_causal_lm

    return load_causal_lm(tiny_model_dir, device="cpu")


@pytest.fixture(scope="session")
def served_model(tiny_loaded):
    """``(base_url, model_name)`` of a real uvicorn server over the tiny model, in a thread."""
    from spf.serving import create_app, serve_in_thread

    with serve_in_thread(create_app(tiny_loaded, "tiny")) as base_url:
        yield base_url, "tiny"
