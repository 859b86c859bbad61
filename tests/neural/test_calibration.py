"""VDS calibration (`spf calibrate` / `spf classify`, spf.neural.calibration) on tiny real models:
trained on a frozen model, saved, reloaded bit for bit, applied from the CLI and from Python."""

from __future__ import annotations

import json

import pytest
import torch
from click.testing import CliRunner

from spf.cli import cli
from spf.errors import SpfError
from spf.neural.calibration import (
    CONFIG_FILE,
    WEIGHTS_FILE,
    Calibration,
    CalibrationConfig,
    calibrate,
    label_anchors,
    read_labelled,
    text_representations,
)
from spf.neural.loading import load_model

# Two kinds of text a small stdlib-trained model tells apart by their words.
JSON_TEXTS = ["Serialize obj to a JSON formatted str.", "Deserialize s to a Python object.",
              "Decode a JSON document from s.", "Return a JSON string representation.",
              "Encode the given object to JSON.", "Parse the JSON text into a dict."]
PATH_TEXTS = ["Join two or more pathname components.", "Return the directory name of a path.",
              "Test whether a path exists.", "Split a pathname into a pair (head, tail).",
              "Return the final component of a pathname.", "Normalize a pathname."]


def records(pairs):
    return "".join(json.dumps({"text": text, "label": label}) + "\n" for text, label in pairs)


@pytest.fixture
def labelled(tmp_path):
    train = [(text, "json") for text in JSON_TEXTS[:4]] + [(text, "path")
                                                           for text in PATH_TEXTS[:4]]
    test = [(text, "json") for text in JSON_TEXTS[4:]] + [(text, "path")
                                                          for text in PATH_TEXTS[4:]]
    (tmp_path / "train.jsonl").write_text(records(train))
    (tmp_path / "test.jsonl").write_text(records(test))
    return tmp_path


def run(*args):
    return CliRunner().invoke(cli, [str(arg) for arg in args])


def test_calibration_learns_and_leaves_the_model_unchanged(tiny_gpt2):
    model, tokenizer, _ = tiny_gpt2
    before = {name: p.detach().clone() for name, p in model.named_parameters()}
    texts = JSON_TEXTS + PATH_TEXTS
    labels = ["json"] * 6 + ["path"] * 6
    calibration = calibrate(model, tokenizer, texts, labels, CalibrationConfig(steps=150))
    assert calibration.labels == ["json", "path"]
    report = calibration.report
    # a random model: every text ends in "."; the frozen model is at chance (7/12 measured)
    assert report["train_accuracy"] >= report["train_accuracy_frozen"] + 0.2
    assert report["final_loss"] < report["first_loss"] / 2
    assert all(torch.equal(p.detach(), before[name]) for name, p in model.named_parameters())
    # step 0 of a fresh module is exactly the frozen model's own similarity prediction
    representation = text_representations(model, tokenizer, texts)
    fresh = Calibration(module=type(calibration.module)(representation.shape[1]),
                        labels=calibration.labels, anchors=calibration.anchors,
                        layer=calibration.layer, config=calibration.config,
                        fingerprint=calibration.fingerprint)
    torch.testing.assert_close(fresh.scores(representation),
                               calibration.scores(representation, calibrated=False),
                               rtol=0, atol=0)
    result = calibration.classify(model, tokenizer, texts, labels)
    assert result["accuracy"] == pytest.approx(report["train_accuracy"]) and result["total"] == 12


def test_a_saved_calibration_reproduces_its_predictions_bit_for_bit(tiny_gpt2, tmp_path):
    model, tokenizer, _ = tiny_gpt2
    calibration = calibrate(model, tokenizer, JSON_TEXTS + PATH_TEXTS,
                            ["json"] * 6 + ["path"] * 6,
                            CalibrationConfig(steps=40, template="# {text}\nimport"))
    folder = calibration.save(tmp_path / "calibrated")
    assert sorted(p.name for p in folder.iterdir()) == [CONFIG_FILE, WEIGHTS_FILE]
    loaded = Calibration.load(folder)
    assert loaded.labels == calibration.labels and loaded.config == calibration.config
    representation = loaded.representations(model, tokenizer, JSON_TEXTS + PATH_TEXTS)
    assert torch.equal(loaded.scores(representation), calibration.scores(representation))
    assert loaded.classify(model, tokenizer, PATH_TEXTS) == calibration.classify(
        model, tokenizer, PATH_TEXTS)


def test_anchors_are_the_label_words_semantic_basis(tiny_gpt2):
    from spf.neural.semantics import semantic_basis

    model, tokenizer, _ = tiny_gpt2
    anchors = label_anchors(model, tokenizer, ["json", "os.path"])
    basis = semantic_basis(model)
    ids = tokenizer(" json", add_special_tokens=False)["input_ids"]
    rows = basis[ids] / basis[ids].norm(dim=-1, keepdim=True)
    torch.testing.assert_close(anchors[0], rows.mean(0))
    with pytest.raises(SpfError, match="same tokens"):
        label_anchors(model, tokenizer, ["json", "json"])


def test_cli_round_trip(tiny_gpt2_dir, labelled):
    out = labelled / "calibration"
    result = run("calibrate", tiny_gpt2_dir, "--data", labelled / "train.jsonl", "--out", out,
                 "--steps", "60", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["labels"] == ["json", "path"] and report["texts"] == 8
    assert report["train_accuracy"] >= report["train_accuracy_frozen"]
    result = run("classify", out, "--data", labelled / "test.jsonl", "--json")
    assert result.exit_code == 0, result.output
    classified = json.loads(result.output)
    assert classified["total"] == 4 and len(classified["predictions"]) == 4
    # the same from Python
    model, tokenizer = load_model(tiny_gpt2_dir)
    test = read_labelled(labelled / "test.jsonl")
    direct = Calibration.load(out).classify(model, tokenizer, [r.text for r in test],
                                            [r.label for r in test])
    assert direct["predictions"] == classified["predictions"]
    assert direct["accuracy"] == classified["accuracy"]
    # texts without labels: predictions, no accuracy; plain output
    (labelled / "unlabelled.jsonl").write_text('{"text": "Join paths."}\n')
    result = run("classify", out, "--data", labelled / "unlabelled.jsonl")
    assert result.exit_code == 0 and result.output.split() in (["0", "json"], ["0", "path"])
    frozen = json.loads(run("classify", out, "--data", labelled / "test.jsonl", "--frozen",
                            "--json").output)
    assert frozen["calibrated"] is False and frozen["total"] == 4


@pytest.mark.parametrize("content, extra, message", [
    ('{"text": "a"}\n{"text": "b", "label": "x"}\n', [], "train.jsonl:1: record has no 'label'"),
    ('{"text": "a", "label": "x"\n', [], "invalid JSON"),
    ('{"label": "x"}\n', [], "no string field 'text'"),
    ('{"text": "a", "label": "x"}\n{"text": "b", "label": "x"}\n', [], "two distinct labels"),
    ('{"text": "a", "label": "x"}\n{"text": "b", "label": "y"}\n', ["--template", "{txt}"],
     "no {text} placeholder"),
    ('{"text": "a", "label": "x"}\n{"text": "b", "label": "y"}\n', ["--steps", "0"],
     "at least 1"),
])
def test_calibrate_bad_input_is_one_line_and_exit_2(tiny_gpt2_dir, tmp_path, content, extra,
                                                    message):
    (tmp_path / "train.jsonl").write_text(content)
    out = tmp_path / "out"
    result = run("calibrate", tiny_gpt2_dir, "--data", tmp_path / "train.jsonl", "--out", out,
                 *extra)
    assert result.exit_code == 2, result.output
    error_lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 1 and message in error_lines[0], result.output
    assert "Traceback" not in result.output
    assert not out.exists()  # nothing half-written


def test_classify_bad_input_is_one_line_and_exit_2(tiny_gpt2_dir, labelled, tmp_path):
    result = run("classify", tmp_path, "--data", labelled / "test.jsonl")
    assert result.exit_code == 2 and "not a calibration folder" in result.output
    out = labelled / "calibration"
    assert run("calibrate", tiny_gpt2_dir, "--data", labelled / "train.jsonl", "--out", out,
               "--steps", "5").exit_code == 0
    result = run("calibrate", tiny_gpt2_dir, "--data", labelled / "train.jsonl", "--out", out)
    assert result.exit_code == 2 and "not empty" in result.output
    result = run("classify", out, "--data", labelled / "missing.jsonl")
    assert result.exit_code == 2 and "data file not found" in result.output
    (out / CONFIG_FILE).write_text("{not json")
    result = run("classify", out, "--data", labelled / "test.jsonl")
    assert result.exit_code == 2 and "cannot read the calibration" in result.output
    assert "Traceback" not in result.output


def test_classify_refuses_another_model(tiny_gpt2, tiny_llama, tmp_path):
    model, tokenizer, _ = tiny_gpt2
    calibration = calibrate(model, tokenizer, JSON_TEXTS[:2] + PATH_TEXTS[:2],
                            ["json", "json", "path", "path"], CalibrationConfig(steps=3))
    other, other_tokenizer, _ = tiny_llama
    with pytest.raises(SpfError, match="head differs"):
        calibration.classify(other, other_tokenizer, ["x"])
