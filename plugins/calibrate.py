"""Built-in plugin: ``spf calibrate`` and ``spf classify`` (VDS neural clustering as a classifier).

Written as a third party would write it: one ``register_commands`` hook; torch and
transformers are imported inside the commands only.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from spf import hookimpl
from spf.errors import SpfError


def _check_out(out: Path, force: bool) -> None:
    if out.exists() and (not out.is_dir() or any(out.iterdir())) and not force:
        raise SpfError("output folder exists and is not empty", location=str(out),
                       hint="choose a new folder or pass --force to replace it")


@click.command(name="calibrate")
@click.argument("model_dir", type=click.Path(path_type=Path))
@click.option("--data", required=True, type=click.Path(path_type=Path),
              help="LABELLED.jsonl: one {\"text\": ..., \"label\": ...} object a line.")
@click.option("--out", required=True, type=click.Path(path_type=Path),
              help="Folder to write (calibration.safetensors + calibration.json).")
@click.option("--steps", type=int, default=300, show_default=True)
@click.option("--learning-rate", type=float, default=2e-3, show_default=True)
@click.option("--batch-size", type=int, default=64, show_default=True)
@click.option("--layer", type=int, default=None,
              help="Latent space to read (0 = embeddings .. L) [default: the last].")
@click.option("--template", default="{text}", show_default=True,
              help="How a text is shown to the model; {text} is replaced by the text.")
@click.option("--label-prefix", default=" ", show_default=True,
              help="Put before each label word when it is tokenized.")
@click.option("--max-tokens", type=int, default=None,
              help="Keep at most this many (last) tokens of a text [default: the context].")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--force", is_flag=True, help="Replace a non-empty --out folder.")
@click.option("--json", "as_json", is_flag=True, help="Print the training report as JSON.")
def calibrate_command(model_dir, data, out, steps, learning_rate, batch_size, layer, template,
                      label_prefix, max_tokens, seed, force, as_json):
    """Train a neural clustering module on MODEL_DIR (frozen) to classify labelled texts.

    \b
    Each label is a word whose semantic basis vector is the class's anchor; the module
    pulls each text's last-token representation toward its label's anchor. The model
    is never changed. Classify with `spf classify OUT --data TEST.jsonl`.
    """
    from spf.neural.calibration import CalibrationConfig, calibrate, read_labelled

    config = CalibrationConfig(steps=steps, learning_rate=learning_rate, batch_size=batch_size,
                               layer=layer, template=template, label_prefix=label_prefix,
                               max_tokens=max_tokens, seed=seed).validate()
    _check_out(out, force)
    records = read_labelled(data)
    model, tokenizer = _load(model_dir)
    calibration = calibrate(model, tokenizer, [r.text for r in records],
                            [r.label for r in records], config,
                            model_name=str(Path(model_dir).resolve()))
    calibration.save(out)
    report = calibration.report | {"out": str(out), "labels": calibration.labels,
                                   "layer": calibration.layer}
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(f"calibrated {len(calibration.labels)} classes on {report['texts']} texts "
               f"({report['steps']} steps, {report['parameters']:,} parameters at inference, "
               f"{report['cpu_seconds']:.1f} CPU s): training accuracy "
               f"{report['train_accuracy_frozen']:.3f} (frozen) -> "
               f"{report['train_accuracy']:.3f}; written to {out}")


@click.command(name="classify")
@click.argument("calibration_dir", type=click.Path(path_type=Path))
@click.option("--data", required=True, type=click.Path(path_type=Path),
              help="TEST.jsonl: {\"text\": ...} objects, with \"label\" for an accuracy.")
@click.option("--model", "model_dir", type=click.Path(path_type=Path), default=None,
              help="The model folder [default: the one given to `spf calibrate`].")
@click.option("--frozen", is_flag=True,
              help="Skip the module: the frozen model's own similarity logits (a baseline).")
@click.option("--json", "as_json", is_flag=True, help="Print predictions and accuracy as JSON.")
def classify_command(calibration_dir, data, model_dir, frozen, as_json):
    """Classify the texts of --data with a calibration written by `spf calibrate`."""
    from spf.neural.calibration import Calibration, read_labelled

    calibration = Calibration.load(calibration_dir)
    records = read_labelled(data, need_labels=False)
    if model_dir is None:
        if not calibration.model:
            raise SpfError("the calibration names no model", location=str(calibration_dir),
                           hint="pass --model MODEL_DIR")
        model_dir = Path(calibration.model)
    model, tokenizer = _load(model_dir)
    result = calibration.classify(model, tokenizer, [r.text for r in records],
                                  [r.label for r in records], calibrated=not frozen)
    result = {"calibration": str(calibration_dir), "model": str(model_dir),
              "labels": calibration.labels, "calibrated": not frozen} | result
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    for entry in result["predictions"]:
        click.echo(f"{entry['index']}\t{entry['prediction']}")
    if "accuracy" in result:
        click.echo(f"accuracy {result['accuracy']:.3f} ({result['correct']}/{result['total']})")


def _load(model_dir: Path):
    from transformers.utils import logging

    from spf.neural.loading import load_model

    logging.disable_progress_bar()
    logging.set_verbosity_error()
    return load_model(model_dir)


@hookimpl
def register_commands(cli):
    cli.add_command(calibrate_command)
    cli.add_command(classify_command)
