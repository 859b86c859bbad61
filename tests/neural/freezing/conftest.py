"""Fixtures for the freezing tests: 4-block random models saved to disk, and small corpora.

Four blocks (rather than the shared fixtures' two) so that bottom, top and random cuts
differ from one another. Built once per session from engineer D's tiny tokenizer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

from spf.neural import tiny
from spf.neural.corpus import stdlib_folder

torch.set_num_threads(1)

SIZES = {"hidden": 32, "layers": 4, "context": 64}


def _save(tmp_path_factory, tokenizer, arch: str) -> Path:
    folder = tmp_path_factory.mktemp(f"freeze-{arch}")
    model = tiny.random_model(arch, tokenizer, seed=0, **SIZES)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="session")
def gpt2_dir(tmp_path_factory, tiny_tokenizer) -> Path:
    """A random 4-block GPT-2 (tied head) saved in Hugging Face format; read-only."""
    return _save(tmp_path_factory, tiny_tokenizer, "gpt2")


@pytest.fixture(scope="session")
def llama_dir(tmp_path_factory, tiny_tokenizer) -> Path:
    """A random 4-block Llama (untied head, RMSNorm) saved in Hugging Face format; read-only."""
    return _save(tmp_path_factory, tiny_tokenizer, "llama")


@pytest.fixture(scope="session")
def code_folder(tmp_path_factory) -> Path:
    """A folder of a few standard-library sources (~60 kB): training data."""
    folder = tmp_path_factory.mktemp("code")
    source = stdlib_folder() / "json"
    for path in sorted(source.glob("*.py")):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def eval_file(tmp_path_factory) -> Path:
    """A JSONL evaluation corpus with a ``text`` field."""
    import json

    path = tmp_path_factory.mktemp("eval") / "eval.jsonl"
    text = (stdlib_folder() / "textwrap.py").read_text(encoding="utf-8")
    lines = [json.dumps({"text": text[i:i + 4000]}) for i in range(0, 16000, 4000)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def load():
    """``load(folder) -> (model, tokenizer)``: a fresh, writable copy of a saved model."""
    return _load


class ChunkDataset(torch.utils.data.Dataset):
    """Token chunks as a Trainer dataset (each chunk its own labels)."""

    def __init__(self, ids):
        self.ids = ids

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        return {"input_ids": self.ids[index], "labels": self.ids[index]}


@pytest.fixture
def chunk_dataset():
    """``chunk_dataset(ids)``: a Trainer dataset over (n, seq) token chunks."""
    return ChunkDataset


@pytest.fixture
def chunks():
    """``chunks(tokenizer, folder, seq_len=32)``: token chunks of a corpus."""
    return _chunks


def _load(folder: Path):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    return (AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32),
            AutoTokenizer.from_pretrained(folder))


def _chunks(tokenizer, folder: Path, seq_len: int = 32):
    from spf.neural.corpus import read_texts
    from spf.neural.finetune import token_chunks

    return token_chunks(tokenizer, read_texts(folder), seq_len, location=str(folder))
