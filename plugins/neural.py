"""Built-in plugin: ``spf inspect`` (logit lens) and ``spf model build-tiny`` (a test/demo model).

Written as a third party would write it: one ``register_commands`` hook. Nothing here
imports torch or transformers at module level; the commands import them when they run.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import click

from spf import hookimpl
from spf.errors import SpfError
from spf.extras import needs_extra


def _parse_size(ctx, param, value):
    if value is None:
        return None
    match = re.fullmatch(r"(\d+)x(\d+)", value.strip())
    if not match or int(match.group(1)) < 100 or int(match.group(2)) < 100:
        raise SpfError(f"invalid --plot-size {value!r}", location="--plot-size",
                       hint="WIDTHxHEIGHT in pixels, each at least 100, e.g. 1200x600")
    return int(match.group(1)), int(match.group(2))


def loading_options(device: str = "auto", dtype: str = "auto"):
    """``--device``, ``--dtype`` and ``--device-map``: the options of spf's one model loader
    (``spf.neural.loading``), shared by inspect, freeze-plan and repair."""

    def decorate(command):
        for option in reversed([
            click.option("--device", default=device, show_default=True,
                         help="auto, cpu, cuda, cuda:N or mps (auto: a GPU when torch sees "
                              "one; ignored with --device-map)."),
            click.option("--dtype", default=dtype, show_default=True,
                         type=click.Choice(["auto", "float32", "bfloat16", "float16"]),
                         help="Weights dtype (auto: bfloat16 on a GPU, float32 on cpu)."),
            click.option("--device-map", default=None,
                         help="Let accelerate place the blocks, e.g. 'auto' over every "
                              "visible GPU."),
        ]):
            command = option(command)
        return command

    return decorate


@click.command(name="inspect")
@click.argument("model_dir", type=click.Path(path_type=Path))
@click.option("--prompt", required=True, help="The text whose last position is inspected.")
@click.option("--target", default=None,
              help="A single token to follow through the layers (mind its leading space).")
@click.option("--top", default=5, show_default=True, type=int,
              help="How many top tokens to show per layer.")
@click.option("--method", type=click.Choice(["head", "similarity"]), default="head",
              show_default=True,
              help="Decode each layer by the final norm + head, or by cosine similarity "
                   "to the semantic basis.")
@click.option("--plot", "plot_path", type=click.Path(path_type=Path), default=None,
              help="Write a PNG heatmap of the target's probability (layers x positions).")
@click.option("--plot-size", callback=_parse_size, default=None, metavar="WxH",
              help="Pixel size of the plot (default: grows with the prompt and the layers).")
@loading_options(device="cpu", dtype="float32")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@needs_extra("neural")
def inspect_command(model_dir, prompt, target, top, method, plot_path, plot_size, device,
                    dtype, device_map, as_json):
    """Logit lens: what each layer of MODEL_DIR predicts after --prompt.

    \b
    For every latent space (0 = embeddings, l = after block l) the top tokens at the
    last position and, with --target, that token's rank and probability. --plot draws
    the target's probability at every layer and position (the final prediction's when
    no target is given).
    """
    from spf.neural.inspection import inspect_prompt, plot_heatmap
    from spf.neural.loading import load_model

    if not prompt.strip():
        raise SpfError("empty --prompt", hint="give the text to inspect, e.g. --prompt 'def '")
    from spf.neural.plots import check_plot_path

    check_plot_path(plot_path)
    _quiet_transformers()
    model, tokenizer = load_model(model_dir, device=device, dtype=dtype, device_map=device_map)
    report = inspect_prompt(model, tokenizer, prompt, target=target, top=top, method=method,
                            model_name=str(model_dir))
    plot_info = None
    if plot_path is not None:
        width, height = plot_heatmap(report, plot_path, plot_size)
        plot_info = {"path": str(plot_path), "width": width, "height": height}
    if as_json:
        click.echo(json.dumps(report.to_dict() | {"plot": plot_info}, indent=2))
        return
    _print_report(report, plot_info)


def _quiet_transformers() -> None:
    """No weight-loading progress bars or advisory warnings on a command's output."""
    from transformers.utils import logging

    logging.disable_progress_bar()
    logging.set_verbosity_error()


def _print_report(report, plot_info) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    title = f"logit lens ({report.method}) of {report.model} after {report.prompt[-40:]!r}"
    table = Table("layer", "top tokens", title=title)
    if report.target is not None:
        table.add_column(f"rank of {report.target['text']!r}")
    for layer in report.layers:
        tops = "  ".join(
            f"{entry.token!r} {entry.probability:.2f}" if entry.probability is not None
            else f"{entry.token!r} {entry.score:+.2f}" for entry in layer.top)
        row = [layer.name, tops]
        if report.target is not None:
            value = (f"{layer.target_probability:.3f}" if layer.target_probability is not None
                     else f"{layer.target_score:+.3f}")
            row.append(f"{layer.target_rank} ({value})")
        table.add_row(*row)
    console.print(table)
    if plot_info:
        console.print(f"plot: {plot_info['path']} ({plot_info['width']}x{plot_info['height']})")


@click.group(name="model")
def model_group():
    """Local models: build a tiny one for tests and demos."""


@model_group.command(name="build-tiny")
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--arch", type=click.Choice(["gpt2", "llama"]), default="gpt2", show_default=True)
@click.option("--minutes", type=float, default=3.0, show_default=True,
              help="Training budget; turned into a fixed step count (deterministic).")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--corpus", type=click.Path(path_type=Path), default=None,
              help="Folder of .py files, a text file or JSONL (default: the standard library).")
@click.option("--vocab-size", type=int, default=2048, show_default=True)
@click.option("--layers", type=int, default=4, show_default=True)
@click.option("--hidden", type=int, default=128, show_default=True)
@click.option("--context", type=int, default=128, show_default=True)
@click.option("--batch-size", type=int, default=16, show_default=True)
@click.option("--steps", type=int, default=None,
              help="Exact number of training steps (overrides the --minutes estimate).")
@click.option("--json", "as_json", is_flag=True, help="Print the build report as JSON.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@needs_extra("neural")
def build_tiny_command(out, arch, minutes, seed, corpus, vocab_size, layers, hidden, context,
                       batch_size, steps, as_json, quiet):
    """Train a tiny code LM on local Python sources and save it to OUT (Hugging Face format).

    \b
    A TEST AND DEMO FIXTURE, not a code assistant: it lets the neural commands
    (inspect, repair, fine-tune, the hf backend, serve) run on a real trained model
    where nothing can be downloaded. Deterministic for a seed on one machine.
    """
    from spf.files import check_writable_folder
    from spf.neural.tiny import build_tiny

    check_writable_folder(out, what="output folder")  # before minutes of training
    _quiet_transformers()
    report = build_tiny(out, arch=arch, minutes=minutes, seed=seed, corpus=corpus,
                        progress=not (quiet or as_json), vocab_size=vocab_size, layers=layers,
                        hidden=hidden, context=context, batch_size=batch_size, steps=steps)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
        return
    click.echo(f"built {out}: {arch}, {report.parameters:,} parameters, {report.steps} steps "
               f"in {report.seconds:.0f} s; loss {report.first_loss:.2f} -> "
               f"{report.final_loss:.2f} (validation {report.validation_loss:.2f})")
    click.echo(f"try: spf inspect {out} --prompt 'def __init__(self' --top 5")


@hookimpl
def register_commands(cli):
    cli.add_command(inspect_command)
    existing = cli.commands.get("model")
    if isinstance(existing, click.Group) and existing is not model_group:
        existing.add_command(build_tiny_command)  # another plugin owns `spf model`
    else:
        cli.add_command(model_group)
