"""Tiny models shared by the neural tests (adapters, semantics, inspect, repair, freezing).

- ``tiny_tokenizer``: a byte-level BPE tokenizer (512 tokens) trained on a slice of the stdlib.
- ``tiny_gpt2`` / ``tiny_llama``: random tiny models with that tokenizer, as
  ``TinyModel(model, tokenizer, arch)`` (a named tuple: ``model, tokenizer, _ = tiny_gpt2``).
  Each test gets its OWN copy (built once per session, deep-copied per test), so a test
  may edit weights freely.
- ``tiny_models``: the same, parametrized over every supported family (``tiny.ALL_FAMILIES``).
- ``tiny_gpt2_dir``: the random GPT-2 saved in Hugging Face format (read-only, session).
- ``trained_tiny_model_dir``: a small GPT-2 code LM trained on stdlib sources (~20-40 s
  the first time), cached across test runs in pytest's cache folder
  (``.pytest_cache/d/spf-tiny-models/<hash of the build config and of spf/neural/tiny.py>``).
  Treat it as read-only; load it with ``AutoModelForCausalLM.from_pretrained``.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, NamedTuple

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from spf.neural import tiny
from spf.neural.corpus import read_texts, stdlib_folder

torch.set_num_threads(1)

#: Sizes of the random tiny models (hidden 32, 2 layers, FFN 128).
RANDOM_SIZES = {"hidden": 32, "layers": 2, "context": 128}
#: The trained fixture: ~400 steps of a 2-layer, 64-wide GPT-2 on ~1.5 MB of stdlib.
TRAINED_CONFIG = {"arch": "gpt2", "seed": 0, "vocab_size": 1024, "layers": 2, "hidden": 64, "context": 128,
                      "batch_size": 16, "learning_rate": 3e-3, "steps": 400, "minutes": 1.0,
                      "max_corpus_bytes": 1_500_000,
                      # the steps are fixed; the build's runaway guard (3 x minutes) must not
                      # cut them short on a loaded machine (it did: 163 of 400 steps)
                      "time_limit_seconds": 3600.0}


class TinyModel(NamedTuple):
    model: Any
    tokenizer: Any
    arch: str


@pytest.fixture(scope="session")
def tiny_tokenizer():
    """A 512-token byte-level BPE tokenizer trained on ~300 kB of the standard library."""
    texts = read_texts(stdlib_folder(), max_bytes=300_000)
    return tiny.train_tokenizer(texts=texts, vocab_size=512)


@pytest.fixture(scope="session")
def _random_prototypes(tiny_tokenizer):
    return {}


def _random(prototypes, tokenizer, arch: str) -> TinyModel:
    if arch not in prototypes:
        prototypes[arch] = tiny.random_model(arch, tokenizer, seed=0, **RANDOM_SIZES)
    return TinyModel(copy.deepcopy(prototypes[arch]), tokenizer, arch)


@pytest.fixture
def tiny_gpt2(_random_prototypes, tiny_tokenizer) -> TinyModel:
    """A random tiny GPT-2 (Conv1D weights) with a tokenizer; a fresh copy per test."""
    return _random(_random_prototypes, tiny_tokenizer, "gpt2")


@pytest.fixture
def tiny_llama(_random_prototypes, tiny_tokenizer) -> TinyModel:
    """A random tiny Llama (gated SwiGLU FFN, RMSNorm) with a tokenizer; a fresh copy per test."""
    return _random(_random_prototypes, tiny_tokenizer, "llama")


@pytest.fixture(params=tiny.ALL_FAMILIES)
def tiny_models(request, _random_prototypes, tiny_tokenizer) -> TinyModel:
    """A random tiny model of every supported family (the issue's nine and the extras)."""
    return _random(_random_prototypes, tiny_tokenizer, request.param)


@pytest.fixture(scope="session")
def tiny_gpt2_dir(tmp_path_factory, _random_prototypes, tiny_tokenizer) -> Path:
    """The random tiny GPT-2 and its tokenizer saved in Hugging Face format."""
    folder = tmp_path_factory.mktemp("tiny-gpt2")
    prototype = _random(_random_prototypes, tiny_tokenizer, "gpt2")
    prototype.model.save_pretrained(folder)
    tiny_tokenizer.save_pretrained(folder)
    return folder


def _trained_key() -> str:
    source = Path(tiny.__file__).read_bytes()
    payload = json.dumps({"config": TRAINED_CONFIG, "torch": torch.__version__},
                         sort_keys=True).encode() + source
    return hashlib.sha256(payload).hexdigest()[:16]


@pytest.fixture(scope="session")
def trained_tiny_model_dir(request) -> Path:
    """A tiny GPT-2 code LM trained on stdlib sources, cached across runs (read-only)."""
    if getattr(request.config, "cache", None) is not None:
        cache = Path(request.config.cache.mkdir("spf-tiny-models"))
    else:  # pytest -p no:cacheprovider: build once for this session only
        cache = request.getfixturevalue("tmp_path_factory").mktemp("spf-tiny-models")
    final = cache / f"gpt2-{_trained_key()}"
    if (final / tiny.METADATA_FILE).is_file():
        if not json.loads((final / tiny.METADATA_FILE).read_text()).get("stopped_by_time_limit"):
            return final
        shutil.rmtree(final, ignore_errors=True)  # a cut-short build is not the fixture
    staging = Path(tempfile.mkdtemp(dir=cache, prefix=".staging-"))
    try:
        config = dict(TRAINED_CONFIG)
        tiny.build_tiny(staging / "model", config.pop("arch"), config.pop("minutes"),
                        config.pop("seed"), **config)
        try:
            os.replace(staging / "model", final)
        except OSError:
            if not (final / tiny.METADATA_FILE).is_file():  # not a concurrent winner
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return final


@pytest.fixture(scope="session")
def benchmark_script():
    """``load(name)``: the module of ``benchmarks/NAME.py`` (the script the docs' figures come
    from), imported from its folder as the script itself runs."""
    import importlib
    import sys

    folder = str(Path(__file__).resolve().parents[2] / "benchmarks")

    def load(name: str):
        sys.path.insert(0, folder)
        try:
            return importlib.import_module(name)
        finally:
            sys.path.remove(folder)

    return load
