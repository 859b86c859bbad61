"""Benchmark: semantic-aware layer freezing against its baselines (issue 7).

A tiny GPT-2 is pre-trained on the standard library's sources (``build_tiny``), then
fine-tuned on a different body of Python code - the sources of an installed third-party
library (``click`` with ``--quick``, ``rich`` otherwise) - with every policy:

    semantic, none, bottom:K for every K, top:K and random:K (LISA) for K < L

at **equal steps** and at **equal time** (the CPU seconds full fine-tuning took for those
steps; the semantic plan's own time counts against its budget). Each run is a separate
``spf finetune`` process (so its peak RSS is its own) with one torch thread, and time is
measured as the process's CPU time (``--clock process``): 2 cores shared with other jobs
make wall time meaningless. Evaluation is on held-out files of the fine-tuning library.

Targets checked (printed, and saved in ``results.json``):
1. at equal time, semantic's eval loss is no worse than full fine-tuning's;
2. semantic's eval loss at equal time is within 1% of the best bottom:K found in hindsight;
3. the plan costs less than 5% of the fine-tuning time it guides.

    python benchmarks/finetune.py --quick          # ~4 minutes on one core
    python benchmarks/finetune.py                  # bigger model, more steps (~20 minutes)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

QUICK = {"layers": 4, "hidden": 64, "vocab_size": 1024, "pretrain_steps": 600,
         "library": "click", "steps": 120, "batch_size": 8, "seq_len": 128, "lr": 1e-3}
FULL = {"layers": 6, "hidden": 96, "vocab_size": 512, "pretrain_steps": 800,
        "library": "rich", "steps": 200, "batch_size": 8, "seq_len": 128, "lr": 1e-3}


def library_folder(name: str) -> Path:
    module = __import__(name)
    return Path(module.__file__).parent


def pretrained_model(out: Path, settings: dict, seed: int) -> Path:
    """Build (once, cached by its settings) the tiny model pre-trained on the stdlib."""
    from spf.neural.tiny import build_tiny

    key = f"gpt2-L{settings['layers']}-d{settings['hidden']}-v{settings['vocab_size']}" \
          f"-s{settings['pretrain_steps']}-seed{seed}"
    folder = out / "models" / key
    if (folder / "config.json").is_file():
        return folder
    print(f"pre-training {key} on the standard library ...", flush=True)
    started = time.perf_counter()
    report = build_tiny(folder, arch="gpt2", seed=seed, steps=settings["pretrain_steps"],
                        layers=settings["layers"], hidden=settings["hidden"],
                        vocab_size=settings["vocab_size"], context=settings["seq_len"])
    print(f"  done in {time.perf_counter() - started:.0f} s, validation loss "
          f"{report.validation_loss:.3f}", flush=True)
    return folder


def run_policy(model: Path, data: Path, out: Path, policy: str, settings: dict, *,
               steps: int | None = None, seconds: float | None = None, seed: int = 0) -> dict:
    """One ``spf finetune`` process; returns its report."""
    args = [sys.executable, "-c", "from spf.cli import main; main()", "finetune", str(model),
            "--data", str(data), "--out", str(out), "--freeze", policy,
            "--lr", str(settings["lr"]), "--batch-size", str(settings["batch_size"]),
            "--seq-len", str(settings["seq_len"]), "--seed", str(seed), "--threads", "1",
            "--clock", "process", "--json", "--no-progress"]
    args += ["--steps", str(steps)] if steps is not None else ["--minutes", f"{seconds / 60:.6f}"]
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
               TOKENIZERS_PARALLELISM="false", HF_HUB_OFFLINE="1")
    completed = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"{policy}: {completed.stderr.strip()[-2000:]}")
    return json.loads(completed.stdout)


def policies(layers: int) -> list[str]:
    names = ["semantic", "none"] + [f"bottom:{k}" for k in range(layers)]
    names += [f"top:{k}" for k in range(1, layers)]  # the same runs as bottom:(L-K)
    names += [f"random:{k}" for k in sorted({1, layers // 2})]
    return names


def summarize(row: dict) -> dict:
    return {"frozen": row["freeze"]["frozen_layers"], "steps": row["steps"],
            "seconds": row["seconds"], "plan_seconds": row["plan_seconds"],
            "eval_after": row["eval_loss"]["after"], "eval_before": row["eval_loss"]["before"],
            "peak_mib": row["peak_memory_bytes"] / 2**20,
            "trainable": row["trainable_params"], "tok_s": row["tokens_per_second"],
            "optimizer_mib": row["optimizer_state_bytes"] / 2**20}


def plan_variants(model: Path, data: Path, settings: dict, equal_time: dict) -> list[dict]:
    """The cut every (measure, beta) variant of the plan would choose, scored in hindsight.

    The transitions are measured once; each variant's cut is looked up in the equal-time
    results of bottom:K, so no extra training is needed.
    """
    from spf.neural.adapters import get_adapter
    from spf.neural.corpus import read_texts
    from spf.neural.finetune import load_model, token_chunks
    from spf.neural.freezing import (
        MEASURES,
        PlanConfig,
        measure_transitions,
        plan_from_transitions,
        step_costs,
    )

    loaded, tokenizer = load_model(model)
    chunks = token_chunks(tokenizer, read_texts(data), settings["seq_len"], location=str(data))
    transitions = measure_transitions(loaded, chunks[: len(chunks) - max(1, len(chunks) // 10)],
                                      PlanConfig())
    adapter = get_adapter(loaded)
    costs = step_costs(adapter.num_layers, adapter.hidden_size, adapter.ffn_size,
                       adapter.vocab_size, settings["seq_len"])
    bottoms = {int(n.split(":")[1]): r["eval_after"] for n, r in equal_time.items()
               if n.startswith("bottom:")}
    best = min(bottoms.values())
    variants = []
    for measure in MEASURES:
        for beta in (0.0, 0.5, 1.0):
            plan = plan_from_transitions(transitions, costs, measure=measure,
                                         compute_exponent=beta)
            loss = bottoms.get(plan.cut)
            variants.append({"measure": measure, "beta": beta, "cut": plan.cut,
                             "eval_at_equal_time": loss,
                             "regret": None if loss is None else (loss - best) / best})
    return variants


def markdown_table(results: dict, order: list[str]) -> str:
    header = ("| policy | frozen blocks | trainable params | eval loss @ equal steps | CPU s | "
              "tok/s | peak RSS MiB | steps @ equal time | eval loss @ equal time |")
    lines = [header, "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name in order:
        steps_row = results["equal_steps"][name]
        time_row = results["equal_time"][name]
        label = f"{name} (= {steps_row['same_as']})" if "same_as" in steps_row else name
        lines.append(
            f"| {label} | {steps_row['frozen'] if steps_row['frozen'] else '-'} | "
            f"{steps_row['trainable']:,} | {steps_row['eval_after']:.4f} | "
            f"{steps_row['seconds'] + steps_row['plan_seconds']:.1f} | "
            f"{steps_row['tok_s']:,.0f} | {steps_row['peak_mib']:.0f} | {time_row['steps']} | "
            f"{time_row['eval_after']:.4f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small model, few steps")
    parser.add_argument("--out", type=Path,
                        default=Path(tempfile.gettempdir()) / "spf-benchmarks" / "finetune")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--steps", type=int, default=None, help="override the step count")
    parser.add_argument("--policies", default=None,
                        help="comma-separated subset (default: all of them)")
    options = parser.parse_args(argv)

    import torch

    torch.set_num_threads(1)
    settings = dict(QUICK if options.quick else FULL)
    if options.steps:
        settings["steps"] = options.steps
    out = options.out / ("quick" if options.quick else "full")
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    model = pretrained_model(options.out, settings, options.seed)
    data = library_folder(settings["library"])
    names = options.policies.split(",") if options.policies else policies(settings["layers"])
    if "none" not in names:
        names.insert(0, "none")
    print(f"fine-tuning on {data} ({settings['steps']} steps per run at equal steps)", flush=True)

    results: dict = {"settings": settings, "model": str(model), "data": str(data),
                     "equal_steps": {}, "equal_time": {}}
    reports = {}
    layers = settings["layers"]

    def same_as(name: str) -> str | None:
        """top:K trains exactly the parameters bottom:(L-K) trains: reuse that run."""
        if name.startswith("top:"):
            twin = f"bottom:{layers - int(name.split(':')[1])}"
            return twin if twin in names else None
        return None

    for name in ["none"] + [n for n in names if n != "none"]:
        twin = same_as(name)
        if twin is not None:
            reports[name] = reports[twin]
            results["equal_steps"][name] = dict(results["equal_steps"][twin], same_as=twin)
            continue
        report = run_policy(model, data, out / "runs" / f"steps-{name}", name, settings,
                            steps=settings["steps"], seed=options.seed)
        reports[name] = report
        results["equal_steps"][name] = summarize(report)
        row = results["equal_steps"][name]
        print(f"  [steps] {name:10s} eval {row['eval_before']:.4f} -> {row['eval_after']:.4f} "
              f"in {row['seconds'] + row['plan_seconds']:.1f} CPU s, frozen {row['frozen']}",
              flush=True)
    budget = results["equal_steps"]["none"]["seconds"]
    results["time_budget_seconds"] = budget
    for name in names:
        if name == "none":
            results["equal_time"][name] = results["equal_steps"][name]
            continue
        twin = same_as(name)
        if twin is not None:
            results["equal_time"][name] = dict(results["equal_time"][twin], same_as=twin)
            continue
        report = run_policy(model, data, out / "runs" / f"time-{name}", name, settings,
                            seconds=budget, seed=options.seed)
        results["equal_time"][name] = summarize(report)
        row = results["equal_time"][name]
        print(f"  [time]  {name:10s} {row['steps']:4d} steps, eval {row['eval_after']:.4f}",
              flush=True)

    order = names
    semantic = results["equal_time"].get("semantic")
    bottoms = {n: r for n, r in results["equal_time"].items() if n.startswith("bottom:")}
    checks = {}
    if semantic is not None:
        best_name = min(bottoms, key=lambda n: bottoms[n]["eval_after"]) if bottoms else None
        none_loss = results["equal_time"]["none"]["eval_after"]
        checks["semantic_cut"] = len(semantic["frozen"])
        checks["semantic_vs_full_at_equal_time"] = {
            "semantic": semantic["eval_after"], "none": none_loss,
            "passed": semantic["eval_after"] <= none_loss}
        if best_name is not None:
            best = bottoms[best_name]["eval_after"]
            gap = (semantic["eval_after"] - best) / best
            checks["semantic_vs_best_bottom_at_equal_time"] = {
                "best": best_name, "best_loss": best, "semantic": semantic["eval_after"],
                "relative_gap": gap, "passed": gap <= 0.01}
        steps_row = results["equal_steps"]["semantic"]
        share = steps_row["plan_seconds"] / max(steps_row["seconds"], 1e-9)
        checks["plan_cost_share"] = {"plan_seconds": steps_row["plan_seconds"],
                                     "finetune_seconds": steps_row["seconds"],
                                     "share": share, "passed": share < 0.05}
        checks["plan"] = reports["semantic"]["freeze"].get("plan")
        checks["variants"] = plan_variants(model, data, settings, results["equal_time"])
    results["checks"] = checks
    results["table"] = markdown_table(results, order)
    results["benchmark_seconds"] = time.perf_counter() - started
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print()
    print(results["table"])
    print()
    for name, check in checks.items():
        if name not in ("plan", "variants"):
            print(f"{name}: {json.dumps(check)}")
    for variant in checks.get("variants", []):
        print(f"  plan variant {variant}")
    print(f"\nresults: {out / 'results.json'} ({results['benchmark_seconds']:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
