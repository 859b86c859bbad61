"""Built-in plugin: the repair methods (mint, star, sgd) and the ``spf repair`` / ``spf patch`` commands.

Written exactly as a third-party plugin would be: methods arrive through
``register_repair_methods``, commands through ``register_commands``. Nothing here imports
torch at module level.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from spf_plugins.neural import loading_options

from spf import hookimpl
from spf.errors import SpfError
from spf.extras import needs_extra


@hookimpl
def register_repair_methods(register):
    from spf.neural.repair.finetune import FinetuneMethodConfig, finetune_method
    from spf.neural.repair.mint import MintConfig, mint
    from spf.neural.repair.sgd import SgdConfig, sgd
    from spf.neural.repair.star import StarConfig, star

    register("mint", mint, MintConfig)
    register("star", star, StarConfig)
    register("sgd", sgd, SgdConfig)
    register("finetune", finetune_method, FinetuneMethodConfig)


# ---------------------------------------------------------------- helpers


def parse_option(text: str) -> tuple[str, Any]:
    """``KEY=VALUE`` with VALUE read as JSON when it parses (numbers, lists, booleans)."""
    if "=" not in text:
        raise SpfError(f"option {text!r} is not KEY=VALUE", location="--option",
                       hint="e.g. --option margin=0.5 --option layers=[2,3]")
    key, value = text.split("=", 1)
    key = key.strip().replace("-", "_")
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError:
        parsed = value
    return key, parsed


def parse_layers(text: str | None) -> list[int] | None:
    if text is None:
        return None
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise SpfError(f"invalid layer list {text!r}", location="--layers",
                       hint="comma-separated block indices, e.g. 2,3") from error


def check_out_dir(out: Path, force: bool) -> None:
    if out.exists() and (not out.is_dir() or any(out.iterdir())) and not force:
        raise SpfError("output folder exists and is not empty", location=str(out),
                       hint="choose a new folder or pass --force to replace it")
    from spf.files import check_writable_folder

    check_writable_folder(out.parent, what="folder of the output")  # the staging sibling


def write_out_dir(out: Path, write) -> None:
    """Build the folder in a temporary sibling, then move it into place (all or nothing)."""
    from spf.files import write_folder_atomically

    write_folder_atomically(out, write)


class ProgressBars:
    """A rich progress bar on stderr per phase, fed by the repair's progress callback."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.progress = None
        self.tasks: dict[str, Any] = {}

    def __enter__(self):
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self.progress = Progress(TextColumn("{task.description}"), BarColumn(),
                                     MofNCompleteColumn(), TimeElapsedColumn(),
                                     console=Console(stderr=True), transient=True)
            self.progress.start()
        return self

    def __call__(self, description: str, completed: float, total: float) -> None:
        if self.progress is None:
            return
        if description not in self.tasks:
            self.tasks[description] = self.progress.add_task(description, total=total)
        self.progress.update(self.tasks[description], completed=completed, total=total)

    def __exit__(self, *exc_info):
        if self.progress is not None:
            self.progress.stop()


def print_report(report: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    def show(value):
        if value is None:
            return "-"
        return f"{value:.3f}" if isinstance(value, float) else str(value)

    table = Table("metric", "value", title=f"spf repair ({report['method']})")
    for key in ("cases", "fixed", "effectiveness", "generalization", "specificity",
                "specificity_token", "seconds", "neurons_changed", "params_changed", "layers"):
        table.add_row(key, show(report.get(key)))
    if report.get("keep"):
        keep = report["keep"]
        table.add_row("keep (kept/right before)", f"{keep['kept']}/{keep['right_before']}")
    Console().print(table)


# ---------------------------------------------------------------- commands


@hookimpl
def register_commands(cli):
    cli.add_command(repair_command)
    cli.add_command(patch_group)


@click.command(name="repair")
@click.argument("model_dir", type=click.Path(path_type=Path))
@click.option("--cases", "cases_path", required=True, type=click.Path(path_type=Path),
              help="CASES.jsonl: one {id, prompt, target} object a line.")
@click.option("--method", default="star", show_default=True,
              help="Repair method: mint, star, sgd, or one a plugin registers.")
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path),
              help="Folder for the repaired model, patch.safetensors and report.json.")
@click.option("--eval", "eval_path", type=click.Path(path_type=Path),
              help="EVAL.jsonl: cases with kind generalization|specificity.")
@click.option("--keep", "keep_path", type=click.Path(path_type=Path),
              help="KEEP.jsonl: {id, prompt, target} cases the model gets right and must "
                   "keep right (e.g. earlier repairs); enforced, reported under 'keep'.")
@click.option("--report", "report_path", type=click.Path(path_type=Path),
              help="Also write report.json here.")
@click.option("--seed", default=0, show_default=True, type=int, help="Random seed.")
@click.option("--layers", "layers_text", help="Repair only these blocks (comma-separated).")
@click.option("--margin", type=float, help="Logit margin a fixed target must reach (star, mint).")
@click.option("--reference", "reference_path", type=click.Path(path_type=Path),
              help="Reference text (file, folder of sources, or JSONL with 'text') whose "
                   "predictions are protected (hold rows).")
@click.option("-o", "--option", "options", multiple=True, metavar="KEY=VALUE",
              help="Any method option (JSON values), e.g. -o max_epochs=20 -o ridge=0.1.")
@loading_options(device="cpu", dtype="float32")
@click.option("--threads", type=int, help="torch threads (default: torch's choice).")
@click.option("--force", is_flag=True, help="Replace a non-empty --out folder.")
@click.option("--json", "as_json", is_flag=True, help="Print report.json to stdout.")
@click.option("--quiet", is_flag=True, help="No progress bars.")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Draw each case's target rank before and after into this PNG file.")
@needs_extra("neural")
def repair_command(model_dir, cases_path, method, out_dir, eval_path, keep_path, report_path,
                   seed, layers_text, margin, reference_path, options, device, device_map, dtype,
                   threads, force, as_json, quiet, plot_path):
    """Repair MODEL_DIR so it continues each case's prompt with its target.

    Exit status 0 when the repair ran (whatever it fixed), 2 on bad input (nothing is
    written then). OUT_DIR receives the repaired model (save_pretrained, with its
    tokenizer), patch.safetensors (+ patch.json) and report.json.
    """
    from spf.neural.cases import encode_cases, load_cases
    from spf.neural.loading import check_causal_lm, load_model, resolve_device
    from spf.neural.repair import get_method, make_config

    # ---- validate everything before loading the model or writing anything
    cases = load_cases(cases_path)
    eval_cases = load_cases(eval_path, evaluation=True) if eval_path else []
    keep_cases = load_cases(keep_path) if keep_path else []
    chosen = get_method(method)
    method_options = dict(parse_option(text) for text in options)
    layers = parse_layers(layers_text)
    if layers is not None:
        method_options["layers"] = layers
    if margin is not None:
        method_options["margin"] = margin
    make_config(chosen, method_options)
    check_out_dir(out_dir, force)
    from spf.neural.plots import check_plot_path

    check_plot_path(plot_path)
    check_causal_lm(model_dir)
    resolve_device(device)
    reference: list[str] = []
    if reference_path is not None:
        from spf.neural.corpus import read_texts

        reference = read_texts(reference_path)

    import torch
    from transformers import set_seed

    if threads:
        torch.set_num_threads(threads)
    set_seed(seed)
    model, tokenizer = load_model(model_dir, device=device, device_map=device_map, dtype=dtype)
    encode_cases(tokenizer, cases, model=model)  # token-level problems are bad input too
    encode_cases(tokenizer, eval_cases, model=model)
    encode_cases(tokenizer, keep_cases, model=model)

    from spf.neural.repair import repair

    with ProgressBars(enabled=not quiet and not as_json) as bars:
        result = repair(model, tokenizer, cases, method=method, eval_cases=eval_cases or None,
                        reference=reference, progress=bars, keep=keep_cases or None,
                        **method_options)
    report = result.to_report()
    report.update(model=str(model_dir), seed=seed, threads=torch.get_num_threads(),
                  out=str(out_dir))
    text = json.dumps(report, indent=2) + "\n"

    def write(folder: Path) -> None:
        model.save_pretrained(folder)
        tokenizer.save_pretrained(folder)
        result.patch.save(folder / "patch.safetensors")
        (folder / "report.json").write_text(text, encoding="utf-8")

    write_out_dir(out_dir, write)
    if report_path is not None:
        from spf.files import atomic_write_text

        atomic_write_text(report_path, text)
    if plot_path is not None:
        from spf.neural.plots import plot_repair

        plot_repair(report, plot_path)
    if as_json:
        click.echo(text, nl=False)
    else:
        print_report(report)
        click.echo(f"wrote {out_dir}" + (f" and {plot_path}" if plot_path else ""), err=True)


@click.group(name="patch")
def patch_group():
    """Inspect, apply and revert repair patches (patch.safetensors)."""


@patch_group.command(name="show")
@click.argument("patch_path", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the metadata as JSON.")
@needs_extra("neural")
def patch_show(patch_path, as_json):
    """Show a patch's method, options, layers, neurons and hashes."""
    from spf.neural.patch import load_patch

    patch = load_patch(patch_path)
    metadata = patch.metadata()
    if as_json:
        click.echo(json.dumps(metadata, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("field", "value", title=f"patch {patch_path}")
    for key in ("method", "layers", "neurons_changed", "params_changed", "base_hash",
                "patched_hash"):
        table.add_row(key, str(metadata[key]))
    table.add_row("options", json.dumps(metadata["options"]))
    table.add_row("neurons", json.dumps(metadata["neurons"])[:500])
    Console().print(table)


def _apply_or_revert(model_dir: Path, patch_paths: tuple[Path, ...], out_dir: Path,
                     force: bool, as_json: bool, revert: bool) -> None:
    from spf.neural.patch import apply_patches, combined_report, load_patch, revert_patches

    if not patch_paths:
        raise SpfError("no patch given", hint="spf patch apply MODEL_DIR PATCH... --out DIR")
    from spf.neural.loading import load_model

    patches = [load_patch(path) for path in patch_paths]
    check_out_dir(out_dir, force)
    model, tokenizer = load_model(model_dir, device="cpu", dtype="float32")
    if revert:
        revert_patches(model, patches)
    else:
        apply_patches(model, patches)
    report = combined_report(patches) | {"action": "revert" if revert else "apply",
                                         "model": str(model_dir), "out": str(out_dir)}

    def write(folder: Path) -> None:
        model.save_pretrained(folder)
        tokenizer.save_pretrained(folder)
        (folder / "patches.json").write_text(json.dumps(report, indent=2) + "\n",
                                             encoding="utf-8")

    write_out_dir(out_dir, write)
    if as_json:
        click.echo(json.dumps(report, indent=2))
    else:
        click.echo(f"{report['action']}: {len(patches)} patch(es), layers {report['layers']}, "
                   f"{report['neurons_changed']} neurons, {report['params_changed']} parameters "
                   f"-> {out_dir}")


@patch_group.command(name="apply")
@click.argument("model_dir", type=click.Path(path_type=Path))
@click.argument("patch_paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Replace a non-empty --out folder.")
@click.option("--json", "as_json", is_flag=True, help="Print the combined report as JSON.")
@needs_extra("neural")
def patch_apply(model_dir, patch_paths, out_dir, force, as_json):
    """Apply patches in order to MODEL_DIR and save the result to --out.

    Each patch must find the model in its base state (refused otherwise); the combined
    effect of all of them is reported.
    """
    _apply_or_revert(model_dir, patch_paths, out_dir, force, as_json, revert=False)


@patch_group.command(name="revert")
@click.argument("model_dir", type=click.Path(path_type=Path))
@click.argument("patch_paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Replace a non-empty --out folder.")
@click.option("--json", "as_json", is_flag=True, help="Print the combined report as JSON.")
@needs_extra("neural")
def patch_revert(model_dir, patch_paths, out_dir, force, as_json):
    """Revert patches (given in the order they were applied) from a patched MODEL_DIR."""
    _apply_or_revert(model_dir, patch_paths, out_dir, force, as_json, revert=True)
