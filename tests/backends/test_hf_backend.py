"""The ``hf`` backend on real tiny transformers models: loading, decoding, stops, patches."""

from __future__ import annotations

import json

import pytest

from spf.backends import Prompt, available_backends, get_backend
from spf.errors import SpfError

PROMPT = "def add(a, b):\n    return"


def reference_greedy(loaded, prompt: str, max_new_tokens: int) -> str:
    """Greedy decoding written directly against transformers, as an independent check."""
    import torch

    ids = loaded.tokenizer(prompt, add_special_tokens=False, return_tensors="pt")["input_ids"]
    with torch.inference_mode():
        output = loaded.model.generate(
            ids,
            attention_mask=torch.ones_like(ids),
            do_sample=False,
            max_new_tokens=max_new_tokens,
            pad_token_id=loaded.pad_token_id,
        )
    generated = output[0, ids.shape[1] :].tolist()
    if loaded.eos_token_ids and any(token in loaded.eos_token_ids for token in generated):
        generated = generated[
            : min(generated.index(t) for t in loaded.eos_token_ids if t in generated)
        ]
    return loaded.tokenizer.decode(generated, skip_special_tokens=True)


def test_hf_is_registered_and_validates_options(tiny_model_dir):
    assert "hf" in available_backends()
    backend = get_backend(f"hf:{tiny_model_dir}", {"temperature": "0.5", "stop": "a,b"})
    assert backend.options.temperature == 0.5
    assert backend.options.stop == ["a", "b"]
    assert backend.prompt_style == "completion"
    assert str(tiny_model_dir.resolve()) in backend.model_id
    for bad in (
        {"dtype": "int8"},
        {"temperature": -1},
        {"top_p": 0},
        {"batch_size": 0},
        {"max_new_tokens": 0},
        {"device": "tpu"},
        {"colour": "blue"},
    ):
        with pytest.raises(SpfError):
            get_backend(f"hf:{tiny_model_dir}", bad)


def test_hf_needs_a_model_folder(tmp_path):
    with pytest.raises(SpfError, match="needs an argument"):
        get_backend("hf")
    with pytest.raises(SpfError, match="model folder not found") as missing:
        get_backend(f"hf:{tmp_path / 'nowhere'}")
    assert "build-tiny" in missing.value.one_line()
    with pytest.raises(SpfError, match="no config.json"):
        get_backend(f"hf:{tmp_path}")


def test_a_model_that_is_not_a_causal_lm_is_a_clear_error(tmp_path):
    from transformers import DistilBertConfig

    DistilBertConfig(vocab_size=64, dim=32, n_layers=1, n_heads=2, hidden_dim=64).save_pretrained(
        tmp_path
    )
    backend = get_backend(f"hf:{tmp_path}")  # cheap: nothing is loaded yet
    with pytest.raises(SpfError, match="not a causal language model.*distilbert") as error:
        backend.generate(Prompt(text="x"), n=1)
    assert "\n" not in error.value.one_line()


def test_greedy_matches_plain_transformers_and_is_one_candidate(tiny_model_dir, tiny_loaded):
    backend = get_backend(f"hf:{tiny_model_dir}", {"device": "cpu", "max_new_tokens": 12})
    first = backend.generate(Prompt(text=PROMPT), n=4, seed=0)
    assert first == [reference_greedy(tiny_loaded, PROMPT, 12)]
    assert backend.generate(Prompt(text=PROMPT), n=4, seed=7) == first  # greedy ignores seeds
    assert backend.loaded is tiny_loaded  # one load per process and settings


def test_sampling_is_deterministic_per_seed_and_batched(tiny_model_dir):
    options = {"device": "cpu", "temperature": 1.0, "max_new_tokens": 8, "batch_size": 2}
    backend = get_backend(f"hf:{tiny_model_dir}", options)
    five = backend.generate(Prompt(text=PROMPT), n=5, seed=3)
    assert len(five) == 5
    assert backend.generate(Prompt(text=PROMPT), n=5, seed=3) == five
    assert backend.generate(Prompt(text=PROMPT), n=5, seed=4) != five
    assert len(set(five)) > 1  # a random model sampled at temperature 1 does vary
    fixed = get_backend(f"hf:{tiny_model_dir}", {**options, "seed": 11})
    assert fixed.generate(Prompt(text=PROMPT), n=2, seed=0) == fixed.generate(
        Prompt(text=PROMPT), n=2, seed=99
    )


def test_stop_sequences_cut_the_text(tiny_model_dir, tiny_loaded):
    full = reference_greedy(tiny_loaded, PROMPT, 24)
    assert len(full) > 6
    stop = full[3:6]
    expected = full[: full.index(stop)]
    from_option = get_backend(
        f"hf:{tiny_model_dir}", {"device": "cpu", "max_new_tokens": 24, "stop": [stop]}
    )
    assert from_option.generate(Prompt(text=PROMPT)) == [expected]
    from_prompt = get_backend(f"hf:{tiny_model_dir}", {"device": "cpu", "max_new_tokens": 24})
    assert from_prompt.generate(Prompt(text=PROMPT, stop=[stop])) == [expected]


def test_max_new_tokens_and_overlong_prompts(tiny_model_dir, tiny_loaded):
    from spf.hf_model import GenerationSettings

    short = tiny_loaded.complete(PROMPT, 1, GenerationSettings(max_new_tokens=5))[0]
    assert short.completion_tokens <= 5
    assert short.finish_reason in ("length", "stop")
    # far longer than the 256-token context: the prompt's end is kept, nothing crashes
    long_prompt = "x = 1\n" * 400 + PROMPT
    completion = tiny_loaded.complete(long_prompt, 1, GenerationSettings(max_new_tokens=300))[0]
    assert completion.prompt_truncated
    assert completion.prompt_tokens + completion.completion_tokens <= tiny_loaded.context_length


def test_llama_family_works_too(tmp_path, build_tiny_model):
    folder = build_tiny_model(tmp_path / "llama", arch="llama")
    assert json.loads((folder / "config.json").read_text())["model_type"] == "llama"
    backend = get_backend(f"hf:{folder}", {"device": "cpu", "max_new_tokens": 6})
    [text] = backend.generate(Prompt(text=PROMPT))
    assert isinstance(text, str)
    assert backend.loaded.model.config.model_type == "llama"


def _boost_patch(model_dir, tokenizer, path):
    """A real spf patch that makes the model say one token: the embedding row of that token
    (GPT-2 ties it to the head) becomes a long unit vector u, and the final norm's bias 100 u."""
    import torch
    from transformers import AutoModelForCausalLM

    from spf.neural.patch import WeightRecorder

    target = next(
        index
        for index in range(2, len(tokenizer))
        if tokenizer.decode([index]).strip().isalpha() and len(tokenizer.decode([index])) > 2
    )
    model = AutoModelForCausalLM.from_pretrained(model_dir, local_files_only=True)
    parameters = dict(model.named_parameters())
    recorder = WeightRecorder(model)
    recorder.capture("transformer.wte.weight", axis=0, neurons=[target])
    recorder.capture("transformer.ln_f.bias", axis=0)
    with torch.no_grad():
        row = parameters["transformer.wte.weight"][target]
        unit = row / row.norm()
        row.copy_(100.0 * unit)
        parameters["transformer.ln_f.bias"].copy_(100.0 * unit)
    recorder.build(method="manual").save(path)
    return tokenizer.decode([target])


def test_patches_are_applied_after_loading(tiny_model_dir, tiny_loaded, tmp_path):
    word = _boost_patch(tiny_model_dir, tiny_loaded.tokenizer, tmp_path / "boost.safetensors")
    options = {"device": "cpu", "max_new_tokens": 4}
    patched = get_backend(
        f"hf:{tiny_model_dir}", {**options, "patches": [str(tmp_path / "boost.safetensors")]}
    )
    plain = get_backend(f"hf:{tiny_model_dir}", options)
    assert patched.model_id != plain.model_id  # the completion cache keeps them apart
    assert patched.generate(Prompt(text=PROMPT)) == [word * 4]
    assert plain.generate(Prompt(text=PROMPT)) == [reference_greedy(tiny_loaded, PROMPT, 4)]
    assert plain.generate(Prompt(text=PROMPT)) != [word * 4]
    assert patched.loaded is not tiny_loaded  # the shared unpatched model stays unpatched

    missing = get_backend(f"hf:{tiny_model_dir}", {"patches": [str(tmp_path / "none")]})
    with pytest.raises(SpfError, match="patch not found"):
        missing.generate(Prompt(text=PROMPT))


def test_importing_the_plugins_does_not_import_torch():
    import subprocess
    import sys

    code = (
        "import sys, spf_plugins.hf, spf_plugins.openai_compat, spf_plugins.serve\n"
        "from spf.backends import get_backend\n"
        "assert 'torch' not in sys.modules and 'transformers' not in sys.modules, 'heavy import'\n"
        "assert 'httpx' not in sys.modules and 'starlette' not in sys.modules, 'http import'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_the_cache_tells_a_rebuilt_model_apart(tmp_path, build_tiny_model):
    import os

    folder = build_tiny_model(tmp_path / "model")
    backend = get_backend(f"hf:{folder}")
    before = backend.cache_version
    assert get_backend(f"hf:{folder}").cache_version == before  # stable for the same files
    weights = folder / "model.safetensors"
    stat = weights.stat()
    os.utime(weights, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert get_backend(f"hf:{folder}").cache_version != before


def test_the_cache_tells_two_patches_under_one_path_apart(tmp_path, tiny_model_dir):
    patch = tmp_path / "learned.safetensors"
    patch.write_bytes(b"first patch")
    first = get_backend(f"hf:{tiny_model_dir}", {"patches": [str(patch)]}).cache_version
    patch.write_bytes(b"second patch")
    second = get_backend(f"hf:{tiny_model_dir}", {"patches": [str(patch)]}).cache_version
    assert first != second
    assert get_backend(f"hf:{tiny_model_dir}", {"patches": [str(patch)]}).cache_version == second


def test_cuda_without_a_gpu_is_a_clear_error(tiny_model_dir):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    backend = get_backend(f"hf:{tiny_model_dir}", {"device": "cuda"})
    with pytest.raises(SpfError, match="device 'cuda' requested but torch sees no GPU"):
        backend.generate(Prompt(text=PROMPT))
