"""Fixtures for the backend tests: a tiny real model and a real localhost server over it.

The model is a random GPT-2 (hidden size 32, 2 layers) with a byte-level BPE tokenizer
trained in about a second on three standard-library files. It is built once per test
session with engineer D's ``spf.neural.tiny`` helpers when they exist, and otherwise
with the few lines below; its output is gibberish, which is all these tests need:
they check plumbing (determinism, stop sequences, HTTP contracts), not code quality.
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


def build_tiny_gpt2(out_dir: Path, *, seed: int = 0, n_positions: int = 256) -> Path:
    """Save a random tiny GPT-2 and its tokenizer in Hugging Face format under ``out_dir``."""
    import torch
    from tokenizers import ByteLevelBPETokenizer
    from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast

    stdlib = Path(sysconfig.get_paths()["stdlib"])
    files = [str(stdlib / name) for name in STDLIB_SAMPLES if (stdlib / name).is_file()]
    trainer = ByteLevelBPETokenizer()
    trainer.train(
        files,
        vocab_size=512,
        min_frequency=2,
        special_tokens=["<|endoftext|>"],
        show_progress=False,
    )
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=trainer,
        bos_token="<|endoftext|>",
        eos_token="<|endoftext|>",
        unk_token="<|endoftext|>",
    )
    config = GPT2Config(
        vocab_size=len(tokenizer),
        n_embd=32,
        n_layer=2,
        n_head=2,
        n_positions=n_positions,
        bos_token_id=tokenizer.eos_token_id,
        eos_token_id=tokenizer.eos_token_id,
    )
    torch.manual_seed(seed)
    model = GPT2LMHeadModel(config)
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    return out_dir


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    """A tiny causal LM folder (random weights), built once per session."""
    _limit_threads()
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    return build_tiny_gpt2(tmp_path_factory.mktemp("tiny-gpt2"))


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
