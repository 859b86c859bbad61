"""`spf inspect` through click's CliRunner on tiny saved models; its plot checked as a PNG."""

from __future__ import annotations

import json
import struct

import pytest
import torch
from click.testing import CliRunner
from transformers import AutoModelForCausalLM, AutoTokenizer, ViTConfig

from spf.cli import cli
from spf.neural.inspection import default_plot_size
from spf.neural.semantics import logit_lens

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PROMPT = "    def __init__(self"


def png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def run(*args):
    result = CliRunner().invoke(cli, list(map(str, args)))
    return result


def test_inspect_json_reports_every_layer_and_the_target_rank(trained_tiny_model_dir):
    result = run("inspect", trained_tiny_model_dir, "--prompt", PROMPT, "--target", ",",
                 "--top", "3", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["model_type"] == "gpt2" and report["method"] == "head"
    assert [layer["name"] for layer in report["layers"]] == ["embeddings", "block 1", "block 2"]
    assert all(len(layer["top"]) == 3 for layer in report["layers"])

    # Cross-check against the logit lens computed directly.
    model = AutoModelForCausalLM.from_pretrained(trained_tiny_model_dir)
    tokenizer = AutoTokenizer.from_pretrained(trained_tiny_model_dir)
    ids = tokenizer(PROMPT, add_special_tokens=False)["input_ids"]
    assert report["tokens"] == [tokenizer.decode([i]) for i in ids]
    target_id = tokenizer(",", add_special_tokens=False)["input_ids"][0]
    assert report["target"] == {"text": ",", "id": target_id}
    lens = logit_lens(model, torch.tensor(ids))[:, -1]
    probabilities = lens.softmax(-1)
    for layer, entry in enumerate(report["layers"]):
        expected_rank = int((lens[layer] > lens[layer, target_id]).sum()) + 1
        assert entry["target_rank"] == expected_rank
        assert entry["target_probability"] == pytest.approx(
            float(probabilities[layer, target_id]), rel=1e-4, abs=1e-7)
        assert entry["top"][0]["id"] == int(lens[layer].argmax())
        scores = [token["score"] for token in entry["top"]]
        assert scores == sorted(scores, reverse=True)
    # the final layer is the model's own prediction
    with torch.no_grad():
        final = model(torch.tensor([ids])).logits[0, -1]
    assert report["layers"][-1]["top"][0]["id"] == int(final.argmax())
    assert len(report["heatmap"]) == 3 and len(report["heatmap"][0]) == len(ids)
    assert report["heatmap"][-1][-1] == pytest.approx(report["layers"][-1]["target_probability"],
                                                      rel=1e-5)


def test_inspect_plot_is_a_png_of_the_expected_size(trained_tiny_model_dir, tmp_path):
    plot = tmp_path / "lens.png"
    result = run("inspect", trained_tiny_model_dir, "--prompt", PROMPT, "--target", ",",
                 "--plot", plot, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    expected = default_plot_size(len(report["tokens"]), len(report["layers"]))
    assert png_size(plot) == expected
    assert report["plot"] == {"path": str(plot), "width": expected[0], "height": expected[1]}

    sized = tmp_path / "sized.png"
    result = run("inspect", trained_tiny_model_dir, "--prompt", PROMPT + ", name", "--plot",
                 sized, "--plot-size", "900x500")
    assert result.exit_code == 0, result.output
    assert png_size(sized) == (900, 500)
    assert "plot:" in result.output


def test_inspect_table_output_names_layers_and_target(tiny_gpt2_dir):
    result = run("inspect", tiny_gpt2_dir, "--prompt", "import os", "--target", " ")
    assert result.exit_code == 0, result.output
    for name in ("embeddings", "block 1", "block 2", "rank of"):
        assert name in result.output


def test_inspect_by_similarity_reports_cosines(tiny_gpt2_dir):
    result = run("inspect", tiny_gpt2_dir, "--prompt", "import os", "--method", "similarity",
                 "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["method"] == "similarity"
    model = AutoModelForCausalLM.from_pretrained(tiny_gpt2_dir)
    tokenizer = AutoTokenizer.from_pretrained(tiny_gpt2_dir)
    ids = tokenizer("import os", add_special_tokens=False)["input_ids"]
    lens = logit_lens(model, torch.tensor(ids), method="similarity")[:, -1]
    assert [layer["top"][0]["id"] for layer in report["layers"]] == \
        lens.argmax(-1).tolist()
    for layer in report["layers"]:
        assert all(-1.0 - 1e-5 <= token["score"] <= 1.0 + 1e-5 for token in layer["top"])
        assert all(token["probability"] is None for token in layer["top"])


@pytest.mark.parametrize("arguments, message", [
    (["--prompt", ""], "empty --prompt"),
    (["--prompt", "   "], "empty --prompt"),
    (["--prompt", "x = 1", "--target", "hello world"], "not one"),
    (["--prompt", "x = 1", "--target", ""], "empty --target"),
    (["--prompt", "x = 1", "--top", "0"], "--top"),
    (["--prompt", "x = 1", "--plot", "lens.jpg"], ".png"),
    (["--prompt", "x = 1", "--plot", "a.png", "--plot-size", "big"], "--plot-size"),
    (["--prompt", "x = 1", "--device", "toaster"], "--device"),
])
def test_inspect_bad_input_is_one_line_and_exit_2(tiny_gpt2_dir, arguments, message):
    result = run("inspect", tiny_gpt2_dir, *arguments)
    assert result.exit_code == 2
    error_lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 1 and message in error_lines[0]
    assert "Traceback" not in result.output


def test_inspect_missing_folder_and_non_causal_model(tmp_path):
    result = run("inspect", tmp_path / "nowhere", "--prompt", "x")
    assert result.exit_code == 2 and "model folder not found" in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("inspect", empty, "--prompt", "x")
    assert result.exit_code == 2 and "no config.json" in result.output
    vision = tmp_path / "vit"
    ViTConfig(hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
              intermediate_size=64).save_pretrained(vision)
    result = run("inspect", vision, "--prompt", "x")
    assert result.exit_code == 2 and "not a causal language model" in result.output
    assert "Traceback" not in result.output


def test_a_multi_token_target_suggests_a_single_token_variant(trained_tiny_model_dir):
    from spf.neural.inspection import resolve_target

    tokenizer = AutoTokenizer.from_pretrained(trained_tiny_model_dir)
    # words that are one token only with their leading space (' self' but not 'self')
    candidates = []
    for token_id in range(len(tokenizer)):
        text = tokenizer.decode([token_id])
        if text.startswith(" ") and text[1:].isalpha() and \
                len(tokenizer(text[1:], add_special_tokens=False)["input_ids"]) > 1:
            candidates.append(text[1:])
    assert candidates
    result = run("inspect", trained_tiny_model_dir, "--prompt", "x", "--target", candidates[0])
    assert result.exit_code == 2
    assert f"' {candidates[0]}' is a single token" in result.output
    assert resolve_target(tokenizer, " " + candidates[0]) >= 0


def test_inspect_prompt_longer_than_the_context(tiny_gpt2_dir):
    result = run("inspect", tiny_gpt2_dir, "--prompt", "x = 1\n" * 200)
    assert result.exit_code == 2 and "context" in result.output
