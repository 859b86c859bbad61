"""Tiny models (`spf model build-tiny`), corpus reading and model loading."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import torch
from click.testing import CliRunner
from safetensors.torch import load_file
from transformers import AutoModelForCausalLM, AutoTokenizer

from spf.cli import cli
from spf.errors import SpfError
from spf.neural import tiny
from spf.neural.corpus import read_texts, source_files, stdlib_folder
from spf.neural.loading import load_model

#: Seconds, not minutes: a 1-layer, 32-wide model for a handful of steps.
SMALL = dict(vocab_size=300, layers=1, hidden=32, context=32, batch_size=4, steps=6,  # noqa: C408
             max_corpus_bytes=60_000)


def weights(folder):
    return load_file(str(folder / "model.safetensors"))


def test_build_tiny_is_deterministic_and_loadable(tmp_path):
    first = tiny.build_tiny(tmp_path / "a", "gpt2", 1.0, 7, **SMALL)
    second = tiny.build_tiny(tmp_path / "b", "gpt2", 1.0, 7, **SMALL)
    other_seed = tiny.build_tiny(tmp_path / "c", "gpt2", 1.0, 8, **SMALL)
    a, b, c = (weights(tmp_path / name) for name in "abc")
    assert a.keys() == b.keys()
    assert all(torch.equal(a[key], b[key]) for key in a)
    assert not all(torch.equal(a[key], c[key]) for key in a)
    assert (tmp_path / "a" / "tokenizer.json").read_bytes() == \
        (tmp_path / "b" / "tokenizer.json").read_bytes()
    assert first.steps == second.steps == 6 and first.final_loss == second.final_loss
    assert other_seed.final_loss != first.final_loss

    model = AutoModelForCausalLM.from_pretrained(tmp_path / "a", local_files_only=True)
    tokenizer = AutoTokenizer.from_pretrained(tmp_path / "a", local_files_only=True)
    assert model.config.model_type == "gpt2" and model.config.n_layer == 1
    assert len(tokenizer) == model.config.vocab_size == 300
    assert tokenizer.eos_token == tiny.END_OF_TEXT and tokenizer.pad_token == tiny.PADDING
    text = "def f(x):\n    return x + 1  # é\n"
    assert tokenizer.decode(tokenizer(text)["input_ids"]) == text
    metadata = tiny.load_tiny_metadata(tmp_path / "a")
    assert metadata["steps"] == 6 and metadata["config"]["seed"] == 7
    assert "not a code assistant" in metadata["note"]
    assert not list(tmp_path.glob(".*building*"))  # no staging folder left behind


def test_build_tiny_llama_from_a_corpus_folder(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for index in range(3):
        (corpus / f"m{index}.py").write_text(
            "def add(a, b):\n    return a + b\n\n" * 40 + f"VALUE = {index}\n")
    report = tiny.build_tiny(tmp_path / "llama", "llama", 1.0, 0, corpus=corpus,
                             **(SMALL | {"max_corpus_bytes": None}))
    assert report.corpus_files == 3
    assert report.final_loss < report.first_loss  # a repetitive corpus is learnt quickly
    model, tokenizer = load_model(tmp_path / "llama")
    assert model.config.model_type == "llama"
    assert tokenizer is not None and not model.training


def test_the_time_limit_stops_a_runaway_build_and_says_so(tmp_path):
    report = tiny.build_tiny(tmp_path / "m", **(SMALL | {"time_limit_seconds": 0.0}))
    assert report.steps == 1 and report.stopped_by_time_limit
    assert tiny.load_tiny_metadata(tmp_path / "m")["stopped_by_time_limit"] is True


def test_a_corpus_too_small_for_one_batch_is_refused(tmp_path):
    (tmp_path / "small.txt").write_text("x = 1\n")
    with pytest.raises(SpfError, match="too small"):
        tiny.build_tiny(tmp_path / "m", corpus=tmp_path / "small.txt", **SMALL)
    assert not (tmp_path / "m").exists()


def test_minutes_become_a_fixed_step_count():
    short = tiny.TinyBuildConfig(minutes=1.0)
    longer = tiny.TinyBuildConfig(minutes=3.0)
    assert tiny.estimate_steps(short) == tiny.estimate_steps(tiny.TinyBuildConfig(minutes=1.0))
    assert tiny.estimate_steps(longer) >= 2.9 * tiny.estimate_steps(short)
    bigger = tiny.TinyBuildConfig(minutes=1.0, hidden=256)
    assert tiny.estimate_steps(bigger) < tiny.estimate_steps(short)


def test_build_tiny_command_json(tmp_path):
    out = tmp_path / "cli-model"
    result = CliRunner().invoke(cli, [
        "model", "build-tiny", str(out), "--steps", "3", "--vocab-size", "300", "--layers", "1",
        "--hidden", "32", "--context", "32", "--batch-size", "2", "--seed", "3", "--corpus",
        str(stdlib_folder() / "json"), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output[result.output.index("{"):])
    assert report["steps"] == 3 and report["config"]["seed"] == 3
    assert report["out_dir"] == str(out)
    assert (out / "config.json").is_file() and (out / "model.safetensors").is_file()


def test_a_separate_process_builds_the_same_weights(tmp_path):
    """Determinism across processes, not just within one: the CLI in a subprocess."""
    arguments = ["--steps", "4", "--vocab-size", "300", "--layers", "1", "--hidden", "32",
                 "--context", "32", "--batch-size", "2", "--seed", "5", "--quiet"]
    corpus = ["--corpus", str(stdlib_folder() / "json")]
    code = "import sys; from spf.cli import main; sys.argv[0] = 'spf'; main()"
    completed = subprocess.run(
        [sys.executable, "-c", code, "model", "build-tiny", str(tmp_path / "sub"),
         *arguments, *corpus], check=False, capture_output=True, text=True, timeout=120,
        env={"SPF_LOAD_PLUGINS": "neural", "PATH": "", "TOKENIZERS_PARALLELISM": "false"})
    assert completed.returncode == 0, completed.stderr
    local = CliRunner().invoke(cli, ["model", "build-tiny", str(tmp_path / "here"), *arguments,
                                     *corpus])
    assert local.exit_code == 0, local.output
    sub, here = weights(tmp_path / "sub"), weights(tmp_path / "here")
    assert sub.keys() == here.keys()
    assert all(torch.equal(sub[key], here[key]) for key in sub)


@pytest.mark.parametrize("arguments, message", [
    (["--arch", "bert"], "--arch"),
    (["--minutes", "0"], "--minutes"),
    (["--vocab-size", "100"], "vocabulary size"),
    (["--hidden", "50"], "divisible"),
    (["--corpus", "/nonexistent/corpus"], "corpus not found"),
])
def test_build_tiny_bad_input_exits_2(tmp_path, arguments, message):
    result = CliRunner().invoke(cli, ["model", "build-tiny", str(tmp_path / "m"), *arguments])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "m").exists()


def test_build_tiny_refuses_a_non_empty_folder(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(SpfError, match="not empty"):
        tiny.build_tiny(tmp_path, **SMALL)
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_random_models_are_seeded(tiny_tokenizer):
    for arch in tiny.FAMILIES:
        first = tiny.random_model(arch, tiny_tokenizer, seed=3, hidden=32, layers=1)
        again = tiny.random_model(arch, tiny_tokenizer, seed=3, hidden=32, layers=1)
        other = tiny.random_model(arch, tiny_tokenizer, seed=4, hidden=32, layers=1)
        assert first.config.model_type == arch
        assert first.config.eos_token_id == tiny_tokenizer.eos_token_id
        state, same, different = first.state_dict(), again.state_dict(), other.state_dict()
        assert all(torch.equal(state[key], same[key]) for key in state)
        assert not all(torch.equal(state[key], different[key]) for key in state)


def test_trained_fixture_learnt_something(trained_tiny_model_dir):
    metadata = tiny.load_tiny_metadata(trained_tiny_model_dir)
    assert metadata["validation_loss"] < metadata["first_loss"] - 2.0
    model, tokenizer = load_model(trained_tiny_model_dir)
    ids = tokenizer("def __init__(self, name):\n        self.name = name\n",
                    return_tensors="pt")["input_ids"]
    with torch.no_grad():
        predictions = model(ids).logits[0, :-1].argmax(-1)
    accuracy = (predictions == ids[0, 1:]).float().mean().item()
    assert accuracy > 0.3


# ---------------------------------------------------------------- corpus


def test_read_texts_from_folder_file_and_jsonl(tmp_path):
    folder = tmp_path / "src"
    (folder / "pkg").mkdir(parents=True)
    (folder / "b.py").write_text("B = 2\n")
    (folder / "pkg" / "a.py").write_text("A = 1\n")
    (folder / "notes.txt").write_text("ignored")
    (folder / "__pycache__").mkdir()
    (folder / "__pycache__" / "c.py").write_text("C = 3\n")
    assert read_texts(folder) == ["B = 2\n", "A = 1\n"]  # sorted paths: b.py < pkg/a.py
    assert read_texts(folder, max_bytes=3) == ["B = 2\n"]
    assert read_texts(folder / "notes.txt") == ["ignored"]
    records = tmp_path / "data.jsonl"
    records.write_text('{"text": "one"}\n\n{"text": "two", "id": 2}\n')
    assert read_texts(records) == ["one", "two"]


@pytest.mark.parametrize("content, message", [
    ('{"text": "ok"}\n{not json}\n', "data.jsonl:2"),
    ('{"body": "no text"}\n', "no string field 'text'"),
])
def test_read_texts_rejects_bad_jsonl(tmp_path, content, message):
    records = tmp_path / "data.jsonl"
    records.write_text(content)
    with pytest.raises(SpfError) as caught:
        read_texts(records)
    assert message in caught.value.one_line()


def test_read_texts_missing_and_empty(tmp_path):
    with pytest.raises(SpfError, match="not found"):
        read_texts(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(SpfError, match="empty"):
        read_texts(tmp_path / "empty")


def test_stdlib_sources_skip_tests():
    files = source_files(stdlib_folder())
    assert len(files) > 100
    assert files == sorted(files)
    assert not any("test" in path.relative_to(stdlib_folder()).parts[:-1] for path in files)


# ---------------------------------------------------------------- loading and import hygiene


def test_load_model_errors(tmp_path, tiny_gpt2_dir):
    with pytest.raises(SpfError, match="not found"):
        load_model(tmp_path / "missing")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "config.json").write_text("{oops")
    with pytest.raises(SpfError, match="not valid JSON"):
        load_model(tmp_path / "bad")
    no_weights = tmp_path / "no-weights"
    no_weights.mkdir()
    (no_weights / "config.json").write_text((tiny_gpt2_dir / "config.json").read_text())
    with pytest.raises(SpfError, match="cannot load the model"):
        load_model(no_weights)
    model, tokenizer = load_model(tiny_gpt2_dir)
    assert model.config.model_type == "gpt2" and len(tokenizer) == 512


def test_cli_start_and_neural_modules_import_no_torch_and_no_pipeline():
    code = (
        "import sys\n"
        "from spf.cli import cli\n"
        "try:\n    cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
        "import spf.neural.adapters, spf.neural.semantics, spf.neural.tiny, spf.neural.corpus\n"
        "import spf.neural.loading, spf.neural.inspection, spf_plugins.neural\n"
        "heavy = [m for m in ('torch', 'transformers', 'matplotlib', 'tokenizers')"
        " if m in sys.modules]\n"
        "upward = [m for m in ('spf.spec', 'spf.pyramid', 'spf.pipeline') if m in sys.modules]\n"
        "print(heavy, upward)\n"
        "assert not heavy and not upward\n")
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True,
                            text=True, env={"SPF_LOAD_PLUGINS": "neural", "PATH": ""},
                            timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "inspect" in result.stdout and "model" in result.stdout
