"""Built-in plugin: ``spf freeze-plan`` and ``spf finetune`` (semantic-aware layer freezing).

Registers the built-in freezing policies (none, bottom, top, random, semantic) through the
``register_freeze_policies`` hook, exactly as a third-party plugin would add its own.
torch is imported inside the commands only.
"""

from __future__ import annotations

import json

import click
from spf_plugins.neural import loading_options

from spf import hookimpl
from spf.extras import needs_extra


@hookimpl
def register_freeze_policies(register):
    from spf.neural.freezing import builtin_policies

    for name, function in builtin_policies().items():
        register(name, function)


def _threads(threads: int | None) -> None:
    if threads:
        import torch

        torch.set_num_threads(threads)


@hookimpl
def register_commands(cli):
    @cli.command(name="freeze-plan")
    @click.argument("model_dir", type=click.Path(file_okay=False))
    @click.option("--data", required=True, type=click.Path(),
                  help="Training data: a text file, a folder of sources, or JSONL with 'text'.")
    @click.option("--samples", default=1024, show_default=True, type=int,
                  help="Target tokens to analyse.")
    @click.option("--seq-len", default=None, type=int,
                  help="Tokens per analysed chunk [default: min(128, context)].")
    @click.option("--compute-exponent", default=0.5, show_default=True, type=float,
                  help="beta in gain = recoverable deviation x speedup ** beta.")
    @click.option("--measure", default="rank", show_default=True,
                  type=click.Choice(["rank", "cosine", "lens", "loss"]),
                  help="Alignment of a latent space with the target (see docs/finetuning.md).")
    @click.option("--reference", default="stdlib", show_default=True,
                  help="Familiar data for the plan's virtual transition: 'stdlib', a corpus "
                       "path, or 'none' for the straight path to the ideal.")
    @click.option("--variant", default="spf", show_default=True,
                  type=click.Choice(["spf", "paper"]),
                  help="paper: the plan as published (straight virtual path, logit-lens "
                       "measure; docs/finetuning.md); spf: the reference path, rank measure.")
    @click.option("--seed", default=0, show_default=True, type=int)
    @click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON.")
    @click.option("--plot", type=click.Path(dir_okay=False), default=None,
                  help="Draw the plan into this PNG file.")
    @click.option("--threads", type=int, default=None, help="torch CPU threads.")
    @needs_extra("neural")
    @loading_options(device="auto", dtype="auto")
    def freeze_plan_command(model_dir, data, samples, seq_len, compute_exponent, measure,
                            reference, variant, seed, as_json, plot, threads, device, dtype,
                            device_map):
        """Per latent space: the deviation between the virtual and the factual transition,
        the estimated gain of fine-tuning above it, and the chosen cut."""
        from spf.neural.corpus import read_texts
        from spf.neural.finetune import check_seq_len, reference_chunks, token_chunks
        from spf.neural.freezing import PlanConfig, freeze_plan, plot_plan
        from spf.neural.loading import load_model
        from spf.neural.plots import check_plot_path

        check_plot_path(plot)
        config = PlanConfig(samples=samples, compute_exponent=compute_exponent, measure=measure,
                            seed=seed, variant=variant,
                            virtual="straight" if reference == "none" else "reference")
        _threads(threads)
        model, tokenizer = load_model(model_dir, device=device, dtype=dtype,
                                      device_map=device_map)
        seq_len = check_seq_len(model, seq_len)
        train = token_chunks(tokenizer, read_texts(data), seq_len, location=str(data))
        reference_ids = None
        if config.virtual == "reference":
            reference_ids = reference_chunks(tokenizer, reference, seq_len)
        plan = freeze_plan(model, train, config, reference_ids=reference_ids)
        if plot is not None:
            plot_plan(plan, plot)
        if as_json:
            click.echo(json.dumps(plan.to_dict(), indent=2))
            return
        _print_plan(plan, plot)

    @cli.command(name="finetune")
    @click.argument("model_dir", type=click.Path(file_okay=False))
    @click.option("--data", required=True, type=click.Path(),
                  help="Training data: a text file, a folder of sources, or JSONL with 'text'.")
    @click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
                  help="Output folder: model/, adapter/ (with --lora), report.json.")
    @click.option("--freeze", default="none", show_default=True,
                  help="none (full fine-tuning) | semantic | bottom:K | top:K | random:K")
    @click.option("--steps", type=int, default=None,
                  help="Optimizer steps (default 100 unless --minutes).")
    @click.option("--minutes", type=float, default=None,
                  help="Wall-time budget instead of --steps (the plan's time counts).")
    @click.option("--lr", default=5e-4, show_default=True, type=float)
    @click.option("--batch-size", default=8, show_default=True, type=int)
    @click.option("--seq-len", default=None, type=int,
                  help="Tokens per training chunk [default: min(128, context)].")
    @click.option("--eval", "eval_data", type=click.Path(), default=None,
                  help="Evaluation data (default: the last 10% of DATA's chunks).")
    @click.option("--lora", is_flag=True, help="Train LoRA adapters on the unfrozen blocks.")
    @click.option("--seed", default=0, show_default=True, type=int)
    @click.option("--report", "report_path", type=click.Path(dir_okay=False), default=None,
                  help="Also write the report here (always written to OUT/report.json).")
    @click.option("--resume", is_flag=True, help="Continue from OUT/checkpoint.")
    @click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
    @click.option("--redraw-every", default=20, show_default=True, type=int,
                  help="random:K re-draws its blocks every this many steps.")
    @click.option("--samples", default=1024, show_default=True, type=int,
                  help="Target tokens the semantic plan analyses.")
    @click.option("--measure", default="rank", show_default=True,
                  type=click.Choice(["rank", "cosine", "lens", "loss"]),
                  help="The semantic plan's alignment measure.")
    @click.option("--compute-exponent", default=0.5, show_default=True, type=float,
                  help="The semantic plan's beta.")
    @click.option("--reference", default="stdlib", show_default=True,
                  help="Familiar data for the plan's virtual transition: 'stdlib', a corpus "
                       "path, or 'none' for the straight path to the ideal.")
    @click.option("--variant", default="spf", show_default=True,
                  type=click.Choice(["spf", "paper"]),
                  help="paper: the plan as published (straight virtual path, logit-lens "
                       "measure; docs/finetuning.md); spf: the reference path, rank measure.")
    @click.option("--device", default="auto", show_default=True,
                  type=click.Choice(["auto", "cpu", "cuda", "mps"]),
                  help="auto: a GPU when torch sees one (under torchrun: this rank's GPU).")
    @click.option("--bf16", is_flag=True,
                  help="Mixed precision: bfloat16 autocast, float32 master weights.")
    @click.option("--fp16", is_flag=True,
                  help="Mixed precision: float16 autocast with loss scaling (GPU only).")
    @click.option("--grad-accum", default=1, show_default=True, type=int,
                  help="Micro-batches per optimizer step (global batch = batch size x "
                       "processes x this).")
    @click.option("--gradient-checkpointing", is_flag=True,
                  help="Recompute activations in backward: less memory, more time.")
    @click.option("--threads", type=int, default=None, help="torch CPU threads.")
    @click.option("--clock", default="wall", show_default=True,
                  type=click.Choice(["wall", "process"]),
                  help="What --minutes and the reported seconds measure: wall time, or this "
                       "process's CPU time (fair budgets on a shared machine).")
    @click.option("--no-progress", is_flag=True, help="No progress bar.")
    @click.option("--plot", "plot_path", type=click.Path(dir_okay=False), default=None,
                  help="Draw the loss history (and the eval loss) into this PNG file.")
    @needs_extra("neural")
    def finetune_command(model_dir, data, out_dir, freeze, steps, minutes, lr, batch_size,
                         seq_len, eval_data, lora, seed, report_path, resume, as_json,
                         redraw_every, samples, measure, compute_exponent, reference, variant,
                         device, bf16,
                         fp16, grad_accum, gradient_checkpointing, threads, clock, no_progress,
                         plot_path):
        """Fine-tune MODEL_DIR on DATA, freezing what --freeze says."""
        from spf.files import atomic_write_text
        from spf.neural.finetune import FinetuneConfig, finetune

        _check_plan_options_need_the_plan(freeze)
        config = FinetuneConfig(freeze=freeze, steps=steps, minutes=minutes, lr=lr,
                                batch_size=batch_size, seq_len=seq_len, seed=seed, lora=lora,
                                redraw_every=redraw_every, plan_samples=samples, plan_measure=measure,
                                compute_exponent=compute_exponent, plan_reference=reference,
                                plan_variant=variant,
                                device=device, bf16=bf16, fp16=fp16, grad_accum=grad_accum,
                                gradient_checkpointing=gradient_checkpointing,
                                threads=threads, clock=clock).validate()
        from spf.files import check_writable_folder
        from spf.neural.plots import check_plot_path, plot_loss

        check_plot_path(plot_path)
        check_writable_folder(out_dir, what="output folder")  # before the training
        report = finetune(model_dir, data, out_dir, config, eval_data=eval_data, resume=resume,
                          progress=not no_progress and not as_json)
        if not _is_main_process():
            return  # under torchrun / accelerate launch rank 0 speaks for the run
        text = json.dumps(report.to_dict(), indent=2) + "\n"
        if report_path:
            atomic_write_text(report_path, text)
        if plot_path:
            plot_loss(report.to_dict(), plot_path)
        if as_json:
            click.echo(text, nl=False)
            return
        _print_report(report)


PLAN_OPTIONS = {"samples": "--samples", "measure": "--measure",
                "compute_exponent": "--compute-exponent", "reference": "--reference",
                "variant": "--variant"}


def _check_plan_options_need_the_plan(freeze: str) -> None:
    """The plan's options with a policy that makes no plan would be silently ignored."""
    from spf.errors import SpfError
    from spf.neural.freezing import parse_policy

    if parse_policy(freeze).name == "semantic":
        return
    context = click.get_current_context()
    given = [flag for name, flag in PLAN_OPTIONS.items()
             if context.get_parameter_source(name) == click.core.ParameterSource.COMMANDLINE]
    if given:
        raise SpfError(f"{', '.join(given)} only apply to --freeze semantic (got --freeze {freeze})",
                       location=given[0], hint="add --freeze semantic, or drop the plan's options")


def _is_main_process() -> bool:
    import os

    return os.environ.get("RANK", "0") == "0"


def _print_plan(plan, plot) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("latent space", f"a_l ({plan.measure})", "v_l", "D_l", "g_l", "m_k", "G_k", "lens CE", "",
                  title=f"semantic freeze plan ({plan.tokens} target tokens, "
                        f"{plan.seconds:.2f} s)",
                  caption=f"a: factual alignment with the target; v: virtual ({plan.virtual}); "
                          "D = v - a: deviation; g: lag of the block; m: step-rate "
                          "multiplier of a cut here; G = R * m^beta: gain")
    for layer in range(plan.num_layers + 1):
        name = "0 embeddings" if layer == 0 else f"{layer} block {layer - 1}"
        table.add_row(name, f"{plan.alignment[layer]:.3f}",
                      f"{plan.virtual_alignment[layer]:.3f}", f"{plan.deviation[layer]:+.3f}",
                      f"{plan.lag[layer]:+.3f}", f"{plan.speedup[layer]:.2f}",
                      f"{plan.gain[layer]:.3f}", f"{plan.lens_loss[layer]:.2f}",
                      "<- cut" if layer == plan.cut else "")
    console = Console()
    console.print(table)
    frozen = ", ".join(map(str, plan.frozen_blocks)) or "none"
    trained = ", ".join(map(str, plan.trainable_blocks)) or "none"
    console.print(f"cut: latent space {plan.cut}: freeze the embeddings and blocks {frozen}; "
                  f"train blocks {trained} and the head", markup=False)
    if plot:
        console.print(f"plot: {plot}", markup=False)


def _print_report(report) -> None:
    from rich.console import Console

    console = Console()
    eval_loss = report.eval_loss
    console.print(
        f"{report.freeze['policy']}: frozen blocks {report.freeze['frozen_layers']}, "
        f"{report.trainable_params:,} trainable parameters\n"
        f"{report.steps} steps of {report.global_batch_size} sequences"
        f"{f' on {report.world_size} processes' if report.world_size > 1 else ''} in "
        f"{report.seconds:.1f} s ({report.tokens_per_second:,.0f} tok/s), "
        f"train loss {report.train_loss:.4f}\n"
        f"eval loss {eval_loss['before']:.4f} -> {eval_loss['after']:.4f}, "
        f"peak memory {report.peak_memory_bytes / 2**20:.0f} MiB\n"
        f"saved to {report.out}", markup=False)
