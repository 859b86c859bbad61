"""Benchmark: semantic-aware layer freezing against its baselines (issue 7).

A tiny GPT-2 is pre-trained on the standard library's sources (``build_tiny``), then
fine-tuned on a different body of Python code - the sources of an installed third-party
library (``click`` with ``--quick``, ``rich`` otherwise) - with every policy:

    semantic, none, bottom:K for every K, top:K and random:K (LISA) for K < L

at **equal steps** and at **equal time**. Equal time: every policy gets the CPU time full
fine-tuning needs for the step budget, i.e. ``budget / (its seconds per step)`` steps (the
semantic plan's own time is taken out of its budget). Seconds per step are measured in
this process, round-robin over the policies, one torch thread, as the median of a few
rounds: on 2 cores shared with other jobs, a single run's time varies by 10-20%, which
would drown the differences being measured. Each fine-tuning run is then a separate
``spf finetune --steps N`` process (so its peak RSS is its own, and its result is
deterministic). Evaluation is on held-out files of the fine-tuning library.

Targets checked (printed, and saved in ``results.json``):
1. at equal time, semantic's eval loss is no worse than full fine-tuning's;
2. semantic's eval loss at equal time is within 1% of the best bottom:K found in hindsight;
3. the plan costs less than 5% of the fine-tuning time it guides.

    python benchmarks/finetune.py --quick          # ~10 minutes on one busy core
    python benchmarks/finetune.py                  # bigger model, more steps (~30 minutes)
    python benchmarks/finetune.py --rescore        # re-score the plan variants of a run
    python benchmarks/finetune.py --quick --compare-loops  # old hand loop vs the Trainer
    python benchmarks/finetune.py --probe-registered  # step costs of the registered deep setting
    python benchmarks/finetune.py --registered --jobs 2  # that setting, run (hours on a CPU)

Pre-trained models, finished runs and step timings (``--reuse-timing``) are cached under
``--out`` (default ``$TMPDIR/spf-benchmarks/finetune``); results go to ``results.json``
there, with the markdown table docs/finetuning.md shows.
"""

from __future__ import annotations

import argparse
import itertools
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
#: ``--deep`` (issue 16, item 4): the scaled-down deeper setting docs/finetuning.md registers
#: before it was run (12 blocks whose blocks are ~95% of the FLOPs; context 64 and hidden 64
#: so that it fits ~40 minutes of a shared 2-core machine). Budget: the CPU time of
#: ``steps`` full fine-tuning steps.
DEEP = {"layers": 12, "hidden": 64, "vocab_size": 512, "pretrain_steps": 400,
        "library": "rich", "steps": 100, "batch_size": 8, "seq_len": 64, "lr": 1e-3}
#: the deeper setting as first registered in docs/finetuning.md, before any run:
#: ``--registered`` runs it (the same code path as ``--deep``), ``--probe-registered`` times
#: its steps. Its two semantic runs: spf's plan (reference path, rank) and the paper's
#: straight virtual path (``--reference none``, rank), beta 0.5, plan sampling seeds 0-2.
REGISTERED = {"layers": 12, "hidden": 128, "vocab_size": 512, "pretrain_steps": 2000,
              "pretrain_batch": 16, "library": "rich", "steps": 300, "batch_size": 8,
              "seq_len": 128, "lr": 1e-3,
              "semantic_runs": ["semantic", "semantic-straight"], "plan_seeds": [0, 1, 2]}


def probe_steps(settings: dict, *, steps: int = 6, seed: int = 0) -> dict[str, list[float]]:
    """CPU seconds of ``steps`` AdamW steps (forward, backward, update) of the setting's model,
    built by ``tiny_config`` untrained, on random ids (the cost does not depend on the text):
    {"pretrain": [...], "finetune": [...]} at the pre-training and fine-tuning batch sizes."""
    import torch
    from transformers import AutoModelForCausalLM

    from spf.neural.tiny import tiny_config

    torch.manual_seed(seed)
    config = tiny_config("gpt2", settings["vocab_size"], layers=settings["layers"],
                         hidden=settings["hidden"], context=settings["seq_len"])
    model = AutoModelForCausalLM.from_config(config).train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=settings["lr"])
    timings = {}
    for phase, batch in (("pretrain", settings["pretrain_batch"]),
                         ("finetune", settings["batch_size"])):
        ids = torch.randint(0, settings["vocab_size"], (batch, settings["seq_len"]))
        timings[phase] = []
        for _ in range(steps):
            started = time.process_time()
            model(input_ids=ids, labels=ids).loss.backward()
            optimizer.step()
            optimizer.zero_grad()
            timings[phase].append(time.process_time() - started)
    return timings


def registered_estimate(settings: dict, timings: dict[str, list[float]], runs: int = 18
                        ) -> dict[str, float]:
    """CPU seconds the registered run would take: pre-training, and ``runs`` equal-time
    fine-tuning runs of the budget of ``steps`` full steps (medians after the first step)."""
    import statistics

    pretrain = statistics.median(timings["pretrain"][1:] or timings["pretrain"])
    finetune = statistics.median(timings["finetune"][1:] or timings["finetune"])
    return {"pretrain_step": pretrain, "finetune_step": finetune,
            "pretrain_seconds": pretrain * settings["pretrain_steps"],
            "run_seconds": finetune * settings["steps"],
            "equal_time_seconds": finetune * settings["steps"] * runs}


def library_folder(name: str) -> Path:
    module = __import__(name)
    return Path(module.__file__).parent


def pretrained_model(out: Path, settings: dict, seed: int) -> Path:
    """Build (once, cached by its settings) the tiny model pre-trained on the stdlib."""
    from spf.neural.tiny import build_tiny

    key = f"gpt2-L{settings['layers']}-d{settings['hidden']}-v{settings['vocab_size']}" \
          f"-s{settings['pretrain_steps']}-seed{seed}"
    if settings["seq_len"] != 128:
        key += f"-ctx{settings['seq_len']}"
    batch = settings.get("pretrain_batch", 16)  # 16: build_tiny's default
    if batch != 16:
        key += f"-b{batch}"
    folder = out / "models" / key
    if (folder / "config.json").is_file():
        return folder
    print(f"pre-training {key} on the standard library ...", flush=True)
    started = time.perf_counter()
    report = build_tiny(folder, arch="gpt2", seed=seed, steps=settings["pretrain_steps"],
                        layers=settings["layers"], hidden=settings["hidden"],
                        vocab_size=settings["vocab_size"], context=settings["seq_len"],
                        batch_size=batch, time_limit_seconds=1e9)  # a fixed step count: no runaway guard
    print(f"  done in {time.perf_counter() - started:.0f} s, validation loss "
          f"{report.validation_loss:.3f}", flush=True)
    return folder


def run_policy(model: Path, data: Path, out: Path, policy: str, settings: dict, *,
               steps: int | None = None, seconds: float | None = None, seed: int = 0,
               extra: tuple[str, ...] = ()) -> dict:
    """One ``spf finetune`` process; returns its report (reused when already there).

    ``extra``: more ``spf finetune`` options (``--variant paper``, ``--lora``)."""
    previous = out / "report.json"
    if steps is not None and previous.is_file():
        report = json.loads(previous.read_text())
        config = report.get("config", {})
        if (report.get("model") == str(model) and config.get("steps") == steps
                and config.get("lora", False) == ("--lora" in extra)
                and config.get("plan_variant", "spf") == (
                    "paper" if "paper" in extra else "spf")
                and (policy != "semantic" or (config.get("plan_reference") in (None, "none"))
                     == ("paper" in extra or "none" in extra))
                and config.get("freeze") == policy and config.get("lr") == settings["lr"]
                and config.get("batch_size") == settings["batch_size"]
                and config.get("seq_len") == settings["seq_len"] and config.get("seed") == seed):
            return report
    args = [sys.executable, "-c", "from spf.cli import main; main()", "finetune", str(model),
            "--data", str(data), "--out", str(out), "--freeze", policy,
            "--lr", str(settings["lr"]), "--batch-size", str(settings["batch_size"]),
            "--seq-len", str(settings["seq_len"]), "--seed", str(seed), "--threads", "1",
            "--clock", "process", "--json", "--no-progress", *extra]
    args += ["--steps", str(steps)] if steps is not None else ["--minutes", f"{seconds / 60:.6f}"]
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
               TOKENIZERS_PARALLELISM="false", HF_HUB_OFFLINE="1")
    completed = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"{policy}: {completed.stderr.strip()[-2000:]}")
    return json.loads(completed.stdout)


def hand_optimizer(model, lr: float):
    """AdamW over the trainable parameters: the optimizer of spf's hand-written loop."""
    import torch

    return torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr)


def hand_loop(model_dir: Path, data: Path, settings: dict, policy: str, steps: int, seed: int
              ) -> dict:
    """The hand-written loop ``spf finetune`` ran before the Trainer (kept as the reference):
    the same data, freeze decision, AdamW, clipping and evaluation; CPU seconds per step."""
    import torch

    from spf.neural.adapters import get_adapter
    from spf.neural.finetune import FinetuneConfig, evaluate, prepare_data, reference_chunks
    from spf.neural.freezing import FreezeContext, FrozenModel, decide
    from spf.neural.loading import load_model

    config = FinetuneConfig(freeze=policy, seed=seed, seq_len=settings["seq_len"])
    model, tokenizer = load_model(model_dir, device="cpu", dtype="float32")
    train, held_out = prepare_data(tokenizer, model, data, None, settings["seq_len"])
    held_out = held_out[: config.eval_chunks]
    torch.manual_seed(seed)
    context = FreezeContext(num_layers=get_adapter(model).num_layers, input_ids=train,
                            seed=seed, plan_config=config.plan_config())
    if policy == "semantic":
        context.reference_ids = reference_chunks(tokenizer, "stdlib", settings["seq_len"])
    decision = decide(model, policy, context)
    FrozenModel(model).apply(decision)
    before = evaluate(model, held_out, settings["batch_size"], "cpu")
    optimizer = hand_optimizer(model, settings["lr"])
    generator = torch.Generator().manual_seed(seed)
    model.train()
    stamps = [time.process_time()]
    for _ in range(steps):
        rows = torch.randint(len(train), (settings["batch_size"],), generator=generator)
        batch = train[rows]
        model(input_ids=batch, labels=batch).loss.backward()
        torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        stamps.append(time.process_time())
    return {"frozen": decision.frozen_blocks, "eval_before": before,
            "eval_after": evaluate(model, held_out, settings["batch_size"], "cpu"),
            "step_seconds": [b - a for a, b in itertools.pairwise(stamps)]}


def trainer_loop(model_dir: Path, data: Path, settings: dict, policy: str, steps: int,
                 seed: int, out: Path) -> dict:
    """``spf finetune`` as it runs now (the Trainer and spf's callbacks), in this process."""
    from spf.neural.finetune import FinetuneConfig, finetune

    stamps = []
    report = finetune(model_dir, data, out, FinetuneConfig(
        freeze=policy, steps=steps, lr=settings["lr"], batch_size=settings["batch_size"],
        seq_len=settings["seq_len"], seed=seed, threads=1, device="cpu", clock="process"),
        on_step=lambda step, loss: stamps.append(time.process_time()))
    return {"frozen": report.freeze["frozen_layers"], "eval_before": report.eval_loss["before"],
            "eval_after": report.eval_loss["after"],
            "step_seconds": [b - a for a, b in itertools.pairwise(stamps)]}


def compare_loops(model: Path, data: Path, settings: dict, out: Path, *,
                  seeds: tuple[int, ...] = (0, 1, 2), policy: str = "semantic") -> dict:
    """Old hand-written loop vs the Trainer, interleaved run by run (old, new, old, new ...),
    each for ``settings['steps']`` steps with the same policy: median CPU seconds per step
    (the first two steps of each run left out: warm-up) and the eval loss after, per seed."""
    import statistics

    rows = []
    for seed in seeds:
        for name in ("old", "new"):
            print(f"  {name} loop, seed {seed} ...", flush=True)
            if name == "old":
                result = hand_loop(model, data, settings, policy, settings["steps"], seed)
            else:
                result = trainer_loop(model, data, settings, policy, settings["steps"], seed,
                                      out / "loops" / f"seed{seed}")
            result.update(loop=name, seed=seed,
                          median_step=statistics.median(result["step_seconds"][2:]))
            rows.append(result)

    def summary(name: str) -> dict:
        mine = [row for row in rows if row["loop"] == name]
        evals = [row["eval_after"] for row in mine]
        return {"median_step_seconds": statistics.median(
                    [t for row in mine for t in row["step_seconds"][2:]]),
                "eval_after_mean": statistics.mean(evals),
                "eval_after_stdev": statistics.stdev(evals) if len(evals) > 1 else 0.0,
                "eval_after": evals, "frozen": mine[0]["frozen"]}

    old, new = summary("old"), summary("new")
    return {"policy": policy, "steps": settings["steps"], "seeds": list(seeds),
            "old": old, "new": new,
            "step_ratio_new_over_old": new["median_step_seconds"] / old["median_step_seconds"],
            "eval_difference": new["eval_after_mean"] - old["eval_after_mean"],
            "runs": [{k: v for k, v in row.items() if k != "step_seconds"} for row in rows]}


def measure_step_times(model_dir: Path, data: Path, settings: dict, decisions: dict[str, str],
                       *, rounds: int = 3, steps_per_round: int = 6,
                       batches: dict[str, int] | None = None) -> dict[str, float]:
    """Median CPU seconds per training step of each freeze configuration (at the batch size
    ``batches`` gives its label, else the setting's).

    Timed in this process, round-robin over the configurations (so a burst of load on the
    shared machine hits them all alike), one torch thread, after two warm-up steps.
    ``decisions`` maps a label to the ``--freeze`` value whose step is timed.
    """
    import statistics

    import torch

    from spf.neural.adapters import get_adapter
    from spf.neural.corpus import read_texts
    from spf.neural.finetune import token_chunks
    from spf.neural.freezing import FreezeContext, apply_freeze, decide
    from spf.neural.loading import load_model

    _, tokenizer = load_model(model_dir, device="cpu")
    chunks = token_chunks(tokenizer, read_texts(data), settings["seq_len"], location=str(data))
    generator = torch.Generator().manual_seed(0)
    runs = {}
    for label, policy in decisions.items():
        model, _ = load_model(model_dir, device="cpu")
        layers = get_adapter(model).num_layers
        decision = decide(model, policy, FreezeContext(num_layers=layers))
        if label == "lora":  # LoRA r=8 on every linear layer of the unfrozen blocks
            from peft import get_peft_model

            from spf.neural.finetune import lora_config_for

            model = get_peft_model(model, lora_config_for(model, decision))
        else:
            apply_freeze(model, decision)
        model.train()
        runs[label] = (model, hand_optimizer(model, settings["lr"]))

    def train_steps(label: str, count: int) -> float:
        model, optimizer = runs[label]
        started = time.process_time()
        for _ in range(count):
            size = (batches or {}).get(label, settings["batch_size"])
            rows = torch.randint(len(chunks), (size,), generator=generator)
            batch = chunks[rows]
            model(input_ids=batch, labels=batch).loss.backward()
            torch.nn.utils.clip_grad_norm_(
                [p for p in model.parameters() if p.requires_grad], 1.0)
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
        return (time.process_time() - started) / count

    for label in runs:
        train_steps(label, 2)
    samples: dict[str, list[float]] = {label: [] for label in runs}
    for _ in range(rounds):
        for label in runs:
            samples[label].append(train_steps(label, steps_per_round))
    return {label: statistics.median(values) for label, values in samples.items()}


def policies(layers: int) -> list[str]:
    names = ["semantic", "none"] + [f"bottom:{k}" for k in range(layers)]
    names += [f"top:{k}" for k in range(1, layers)]  # the same runs as bottom:(L-K)
    names += [f"random:{k}" for k in sorted({1, layers // 2})]
    return names


def summarize(row: dict) -> dict:
    return {"frozen": row["freeze"]["frozen_layers"],
            "embeddings_frozen": row["freeze"].get("embeddings_frozen", False),
            "steps": row["steps"],
            "seconds": row["seconds"], "plan_seconds": row["plan_seconds"],
            "eval_after": row["eval_loss"]["after"], "eval_before": row["eval_loss"]["before"],
            "peak_mib": row["peak_memory_bytes"] / 2**20,
            "trainable": row["trainable_params"], "tok_s": row["tokens_per_second"],
            "optimizer_mib": row["optimizer_state_bytes"] / 2**20}


def plan_variants(model: Path, data: Path, settings: dict, equal_time: dict,
                  seeds: tuple[int, ...] = (0, 1, 2)) -> list[dict]:
    """The cut every variant of the plan would choose, scored in hindsight.

    Variants: alignment measure x beta x virtual path (straight, or the model's transition
    on a stdlib sample), each for a few sampling seeds (does the cut depend on which 1024
    tokens were read?), plus a first-order gradient baseline. Each variant's cut is
    looked up in the equal-time results of bottom:K, so no extra training is needed.
    """
    from spf.neural.adapters import get_adapter
    from spf.neural.corpus import read_texts
    from spf.neural.finetune import reference_chunks, token_chunks
    from spf.neural.freezing import (
        MEASURES,
        PlanConfig,
        measure_transitions,
        plan_from_transitions,
        step_costs,
    )
    from spf.neural.loading import load_model

    loaded, tokenizer = load_model(model, device="cpu")
    chunks = token_chunks(tokenizer, read_texts(data), settings["seq_len"], location=str(data))
    chunks = chunks[: len(chunks) - max(1, len(chunks) // 10)]  # the training part
    reference_ids = reference_chunks(tokenizer, "stdlib", settings["seq_len"])
    transitions = {seed: measure_transitions(loaded, chunks, PlanConfig(seed=seed))
                   for seed in seeds}
    references = {seed: measure_transitions(loaded, reference_ids, PlanConfig(seed=seed))
                  for seed in seeds}
    adapter = get_adapter(loaded)
    costs = step_costs(adapter.num_layers, adapter.hidden_size, adapter.ffn_size,
                       adapter.vocab_size, settings["seq_len"])
    bottoms = {int(n.split(":")[1]): r["eval_after"] for n, r in equal_time.items()
               if n.startswith("bottom:")}
    best = min(bottoms.values())

    def score(name: str, beta: float, virtual: str, cuts: list[int]) -> dict:
        regrets = [(bottoms[cut] - best) / best for cut in cuts if cut in bottoms]
        return {"measure": name, "beta": beta, "virtual": virtual, "cuts": cuts,
                "cut": cuts[0], "eval_at_equal_time": bottoms.get(cuts[0]),
                "regret": regrets[0] if regrets else None,
                "mean_regret": sum(regrets) / len(regrets) if regrets else None}

    variants = []
    gradient_share = block_gradient_share(loaded, chunks, settings)
    for beta in (0.0, 0.5, 1.0):
        # first-order baseline (not semantic): what an SGD step on the blocks above the cut
        # would remove, ~ their squared gradient norm, times the same speed-up model
        gains = [sum(gradient_share[k:]) * (costs[0] / costs[k]) ** beta
                 for k in range(adapter.num_layers)]
        cut = max(range(adapter.num_layers), key=lambda k: (round(gains[k], 12), -k))
        variants.append(score("gradient (baseline)", beta, "-", [cut]))
    for virtual in ("straight", "reference"):
        for measure in MEASURES:
            for beta in (0.0, 0.5, 1.0):
                cuts = [plan_from_transitions(
                    transitions[seed], costs, measure=measure, compute_exponent=beta,
                    reference=references[seed] if virtual == "reference" else None).cut
                    for seed in seeds]
                variants.append(score(measure, beta, virtual, cuts))
    return variants


def block_gradient_share(model, chunks, settings: dict, batches: int = 4) -> list[float]:
    """Each block's share of the squared gradient norm of the fine-tuning loss."""
    import torch

    from spf.neural.adapters import get_adapter

    adapter = get_adapter(model)
    generator = torch.Generator().manual_seed(1)
    totals = [0.0] * adapter.num_layers
    model.train()
    for _ in range(batches):
        rows = torch.randint(len(chunks), (settings["batch_size"],), generator=generator)
        batch = chunks[rows]
        model.zero_grad(set_to_none=True)
        model(input_ids=batch, labels=batch).loss.backward()
        for index, block in enumerate(adapter.blocks):
            totals[index] += sum(float((p.grad ** 2).sum()) for p in block.parameters()
                                 if p.grad is not None)
    model.zero_grad(set_to_none=True)
    total = sum(totals) or 1.0
    return [value / total for value in totals]


#: run name -> (``--freeze`` policy, more ``spf finetune`` options, the FinetuneConfig fields
#: those options set: the semantic plans are also made in process, see ``deep_plan``)
DEEP_RUNS = {"semantic": ("semantic", (), {}),
             "semantic-paper": ("semantic", ("--variant", "paper"), {"plan_variant": "paper"}),
             "semantic-straight": ("semantic", ("--reference", "none"), {"plan_reference": None}),
             "lora": ("none", ("--lora",), {})}


def deep_names(settings: dict) -> list[str]:
    """The pre-registered runs of ``--deep`` / ``--registered``: full fine-tuning, the
    setting's semantic plans (``semantic_runs``; ``--deep``: spf's and the paper variant),
    every bottom:K (top:K is the same run as bottom:(L-K)), LISA-style random:K for K in
    {1, L/2}, and LoRA on every block."""
    layers = settings["layers"]
    semantic = settings.get("semantic_runs", ["semantic", "semantic-paper"])
    return (["none", *semantic] + [f"bottom:{k}" for k in range(layers)]
            + [f"random:{k}" for k in sorted({1, layers // 2})] + ["lora"])


def deep_plan(model_dir: Path, data: Path, settings: dict, name: str, seed: int) -> dict:
    """The plan the semantic run ``name`` (a ``DEEP_RUNS`` key) will make with this sampling
    seed (same data and config), in this process: its cut and its CPU seconds (taken out of
    the semantic run's budget)."""
    from spf.neural.finetune import FinetuneConfig, _make_callback_class, prepare_data
    from spf.neural.loading import load_model

    config = FinetuneConfig(freeze="semantic", seed=seed, seq_len=settings["seq_len"],
                            **DEEP_RUNS[name][2]).validate()
    model, tokenizer = load_model(model_dir, device="cpu", dtype="float32")
    train, _ = prepare_data(tokenizer, model, data, None, settings["seq_len"])
    started = time.process_time()
    callback = _make_callback_class()(
        "semantic", data=train, tokenizer=tokenizer, seq_len=settings["seq_len"], seed=seed,
        plan_config=config.plan_config(), reference=config.plan_reference)
    decision = callback.decide(model)
    return {"cut": len(decision.frozen_blocks), "cpu_seconds": time.process_time() - started,
            "measure": decision.plan.measure, "virtual": decision.plan.virtual}


def run_deep(out: Path, settings: dict, seed: int, names: list[str], *, jobs: int = 2,
             reuse_timing: bool = False) -> dict:
    """Item 4 of issue 16: every policy at equal CPU time on the deeper model (see DEEP)."""
    from concurrent.futures import ThreadPoolExecutor

    started = time.perf_counter()
    cpu_started = time.process_time()
    model = pretrained_model(out.parent, settings, seed)
    data = library_folder(settings["library"])
    plans_file = out / "plans.json"  # the plans' cuts and CPU times, reused with the timing
    cached_plans = json.loads(plans_file.read_text()) if plans_file.is_file() else {}
    plans, seed_plans = {}, {}  # the runs' plans (seed ``seed``); every plan seed's
    for name in names:
        if not name.startswith("semantic"):
            continue
        for plan_seed in [seed] + [s for s in settings.get("plan_seeds", []) if s != seed]:
            key = name if plan_seed == seed else f"{name}@seed{plan_seed}"
            if reuse_timing and key in cached_plans:
                plan = cached_plans[key]
            else:
                plan = deep_plan(model, data, settings, name, plan_seed)
                plans_file.write_text(json.dumps(cached_plans | seed_plans | {key: plan},
                                                 indent=2) + "\n")
            seed_plans[key] = plan
            print(f"  plan {name}, seed {plan_seed}: cut {plan['cut']} ({plan['virtual']} "
                  f"path, {plan['measure']}), {plan['cpu_seconds']:.2f} CPU s", flush=True)
        plans[name] = seed_plans[name]
    plans_file.write_text(json.dumps(cached_plans | seed_plans, indent=2) + "\n")
    timed = {name: name for name in names if not name.startswith("semantic") and name != "lora"}
    if "lora" in names:
        timed["lora"] = "none"
    for plan in plans.values():
        timed.setdefault(f"bottom:{plan['cut']}", f"bottom:{plan['cut']}")
    timing_file = out / "step_seconds.json"
    cached = json.loads(timing_file.read_text()) if timing_file.is_file() else {}
    if reuse_timing and set(timed) <= set(cached):
        step_seconds = cached
    else:
        print(f"timing one step of {len(timed)} configurations (round-robin) ...", flush=True)
        step_seconds = measure_step_times(model, data, settings, timed, rounds=3,
                                          steps_per_round=4)
        timing_file.write_text(json.dumps(step_seconds, indent=2) + "\n")
    budget = settings["steps"] * step_seconds["none"]
    print(f"budget: {budget:.1f} CPU s (= {settings['steps']} steps of full fine-tuning)",
          flush=True)

    def one(name: str) -> tuple[str, dict, float, int]:
        policy, extra, _ = DEEP_RUNS.get(name, (name, (), {}))
        if name in plans:
            per_step = step_seconds[f"bottom:{plans[name]['cut']}"]
            spend = budget - plans[name]["cpu_seconds"]
        else:
            per_step, spend = step_seconds[name], budget
        steps = max(1, int(spend / per_step + 1e-9))
        report = run_policy(model, data, out / "runs" / f"time-{name}-{steps}", policy,
                            settings, steps=steps, seed=seed, extra=extra)
        return name, report, per_step, steps

    rows = {}
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for name, report, per_step, steps in pool.map(one, names):
            rows[name] = dict(summarize(report), step_seconds=per_step,
                              cpu_seconds_estimate=steps * per_step)
            if name in plans:
                rows[name]["plan_cpu_seconds"] = plans[name]["cpu_seconds"]
            print(f"  [time] {name:15s} {steps:4d} steps ({per_step * 1000:.0f} ms/step), "
                  f"eval {rows[name]['eval_after']:.4f}, peak {rows[name]['peak_mib']:.0f} MiB",
                  flush=True)
    bottoms = {n: r["eval_after"] for n, r in rows.items() if n.startswith("bottom:")}
    best = min(bottoms, key=bottoms.get) if bottoms else None
    checks = {}
    for name in plans:
        if name not in rows:
            continue
        loss = rows[name]["eval_after"]
        share = plans[name]["cpu_seconds"] / budget
        checks[name] = {
            "cut": plans[name]["cut"], "eval": loss, "full": rows["none"]["eval_after"],
            "no_worse_than_full": loss <= rows["none"]["eval_after"],
            "best_bottom": best, "best_bottom_eval": bottoms.get(best),
            "gap_to_best_bottom": (loss - bottoms[best]) / bottoms[best] if best else None,
            "within_1pct_of_best_bottom": bool(best) and loss <= bottoms[best] * 1.01,
            "plan_share_of_budget": share, "plan_under_5pct": share < 0.05}
        # every plan sampling seed's cut, scored in hindsight by that cut's bottom:K loss
        cuts = {key.partition("@seed")[2] or str(seed): plan["cut"]
                for key, plan in seed_plans.items() if key.partition("@seed")[0] == name}
        scored = [bottoms[f"bottom:{cut}"] for cut in cuts.values() if f"bottom:{cut}" in bottoms]
        checks[name]["cuts_by_plan_seed"] = cuts
        checks[name]["mean_bottom_eval_of_seed_cuts"] = (sum(scored) / len(scored)
                                                         if scored else None)
    results = {"settings": settings, "model": str(model), "data": str(data), "seed": seed,
               "step_seconds": step_seconds, "time_budget_seconds": budget,
               "plans": plans, "plans_by_seed": seed_plans,
               "equal_time": rows, "checks": checks,
               "benchmark_seconds": time.perf_counter() - started,
               "benchmark_cpu_seconds_main_process": time.process_time() - cpu_started}
    results["table"] = deep_table(results, names)
    return results


def largest_batch(fits, start: int, *, most: int = 256) -> int:
    """The largest batch size in 1..``most`` for which ``fits(batch)`` holds, ``fits`` taken
    as monotone (true up to some size, false above): doubling from ``start`` while it fits,
    then bisection between the last size that fits and the first that does not. 0 when not
    even 1 fits. Each size is asked once."""
    answers: dict[int, bool] = {}

    def ask(batch: int) -> bool:
        if batch not in answers:
            answers[batch] = fits(batch)
        return answers[batch]

    low, high = 0, None  # ``low`` fits (0 trivially), ``high`` does not
    batch = max(1, min(start, most))
    while high is None:
        if not ask(batch):
            high = batch
        elif batch >= most:
            return batch
        else:
            low, batch = batch, min(2 * batch, most)
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if ask(middle) else (low, middle)
    return low


def memory_probe(model: Path, data: Path, out: Path, name: str, settings: dict, batch: int,
                 seed: int, steps: int = 4) -> float:
    """Peak RSS (MiB) of a short ``spf finetune`` process of the run ``name`` at this batch
    size: the same process as the real run (model, data, plan, evaluation), ``steps`` steps.
    Reused when already measured (``out/memory-probes``)."""
    policy, extra, _ = DEEP_RUNS.get(name, (name, (), {}))
    report = run_policy(model, data, out / "memory-probes" / f"{name}-b{batch}", policy,
                        dict(settings, batch_size=batch), steps=steps, seed=seed, extra=extra)
    return report["peak_memory_bytes"] / 2**20


def run_equal_memory(out: Path, settings: dict, seed: int, names: list[str], results: dict, *,
                     jobs: int = 2, reference: str = "semantic", reuse_timing: bool = False
                     ) -> dict:
    """The registered equal-peak-memory comparison, after ``run_deep``'s equal-time runs
    (``results``): every run but ``reference`` gets the largest batch whose peak RSS (a short
    probe process, ``memory_probe``) fits under the peak RSS of the reference's equal-time
    run, then trains for the same CPU-time budget at that batch (step times measured
    round-robin at each run's batch)."""
    from concurrent.futures import ThreadPoolExecutor

    model, data = Path(results["model"]), Path(results["data"])
    limit = results["equal_time"][reference]["peak_mib"]
    plans, budget = results["plans"], results["time_budget_seconds"]
    batches = {}
    for name in names:
        if name == reference:
            continue
        batches[name] = largest_batch(
            lambda batch, name=name: memory_probe(model, data, out, name, settings, batch,
                                                  seed) <= limit,
            settings["batch_size"])
        print(f"  [memory] {name:17s} batch {batches[name]} fits under {limit:.0f} MiB",
              flush=True)
    batches = {name: batch for name, batch in batches.items() if batch > 0}
    decisions = {name: f"bottom:{plans[name]['cut']}" if name in plans
                 else "none" if name == "lora" else name for name in batches}
    timing_file = out / "memory_step_seconds.json"
    cached = json.loads(timing_file.read_text()) if timing_file.is_file() else {}
    if reuse_timing and cached.get("batches") == batches:
        step_seconds = cached["step_seconds"]
    else:
        print(f"timing one step of {len(batches)} runs at their batch sizes ...", flush=True)
        step_seconds = measure_step_times(model, data, settings, decisions, rounds=3,
                                          steps_per_round=4, batches=batches)
        timing_file.write_text(json.dumps({"batches": batches, "step_seconds": step_seconds},
                                          indent=2) + "\n")

    def one(name: str) -> tuple[str, dict, int]:
        policy, extra, _ = DEEP_RUNS.get(name, (name, (), {}))
        spend = budget - (plans[name]["cpu_seconds"] if name in plans else 0.0)
        steps = max(1, int(spend / step_seconds[name] + 1e-9))
        report = run_policy(model, data, out / "runs" / f"memory-{name}-b{batches[name]}-{steps}",
                            policy, dict(settings, batch_size=batches[name]), steps=steps,
                            seed=seed, extra=extra)
        return name, report, steps

    rows = {reference: dict(results["equal_time"][reference], batch=settings["batch_size"])}
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for name, report, steps in pool.map(one, list(batches)):
            rows[name] = dict(summarize(report), batch=batches[name],
                              step_seconds=step_seconds[name])
            print(f"  [memory] {name:17s} batch {batches[name]}, {steps} steps, eval "
                  f"{rows[name]['eval_after']:.4f}, peak {rows[name]['peak_mib']:.0f} MiB",
                  flush=True)
    return {"limit_mib": limit, "reference": reference, "batches": batches,
            "step_seconds": step_seconds, "rows": rows,
            "unfit": [name for name in names if name != reference and name not in rows]}


def memory_table(memory: dict) -> str:
    lines = [(f"| policy (peak RSS limit {memory['limit_mib']:.0f} MiB: {memory['reference']}"
              "'s equal-time run) | batch | steps @ equal CPU time | eval loss | peak RSS MiB |"),
             "|---|---:|---:|---:|---:|"]
    for name, row in memory["rows"].items():
        lines.append(f"| {name} | {row['batch']} | {row['steps']} | {row['eval_after']:.4f} | "
                     f"{row['peak_mib']:.0f} |")
    for name in memory["unfit"]:
        lines.append(f"| {name} | - (batch 1 does not fit) | - | - | - |")
    return "\n".join(lines)


def deep_table(results: dict, names: list[str]) -> str:
    layers = results["settings"]["layers"]
    rows = results["equal_time"]
    lines = [("| policy | frozen | trainable params | CPU ms/step | steps @ equal CPU time | "
              "eval loss @ equal CPU time | peak RSS MiB | optimizer state MiB |"),
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for name in names:
        row = rows[name]
        label = name
        if name.startswith("bottom:") and int(name.split(":")[1]) > 0:
            label += f" (= top:{layers - int(name.split(':')[1])})"
        if name.startswith("semantic"):
            label += f" (cut {len(row['frozen'])})"
        frozen = row["frozen"]
        contiguous = frozen == list(range(frozen[0], frozen[0] + len(frozen))) if frozen else False
        text = (f"{frozen[0]}-{frozen[-1]}" if len(frozen) > 2 and contiguous else
                ", ".join(map(str, frozen)))
        if name.startswith("random:"):
            text += " (last draw)"
        if name == "lora":
            text = "all base weights (adapters on every block)"
        elif row.get("embeddings_frozen", bool(frozen)):
            text = "emb" + (f" + {text}" if text else "")
        lines.append(f"| {label} | {text or '-'} | {row['trainable']:,} | "
                     f"{row['step_seconds'] * 1000:.0f} | {row['steps']} | "
                     f"{row['eval_after']:.4f} | {row['peak_mib']:.0f} | "
                     f"{row['optimizer_mib']:.2f} |")
    return "\n".join(lines)


#: ``--ablate``: the semantic plan with one component switched off (or swapped) in turn.
#: ``None`` options: the first-order gradient baseline (no semantic analysis at all).
FREEZE_ABLATIONS = [
    ("default (spf: reference path, rank, G = R * m^0.5)", {}),
    ("- reference path (straight virtual path, the paper's)", {"virtual": "straight"}),
    ("- rank measure (lens: the target's logit-lens probability)", {"measure": "lens"}),
    ("- rank measure (cosine with the target's basis)", {"measure": "cosine"}),
    ("- compute model in the gain (beta 0: G = R)", {"compute_exponent": 0.0}),
    ("- semantic analysis (first-order baseline: G = squared-gradient share above the cut * m^0.5)", None),
    ("paper variant (straight path, lens measure)", {"variant": "paper"}),
]


def equal_time_bottoms(model: Path, data: Path, settings: dict, out: Path, seed: int
                       ) -> tuple[dict[int, float], float, dict[str, float]]:
    """Eval loss of full fine-tuning and of every bottom:K at equal CPU time (in process).

    Returns ({K: eval loss}, full fine-tuning's eval loss, CPU seconds per step)."""
    from spf.neural.adapters import get_adapter
    from spf.neural.finetune import FinetuneConfig, finetune
    from spf.neural.loading import load_model

    layers = get_adapter(load_model(model, device="cpu")[0]).num_layers
    names = ["none"] + [f"bottom:{k}" for k in range(layers)]
    # 5 rounds of 4 steps (was 2 of 3: two --quick runs then gave bottom:0 112 and 103
    # steps and bottom:2 158 and 203, and different best cuts; a few CPU seconds more)
    step_seconds = measure_step_times(model, data, settings, {name: name for name in names},
                                      rounds=5, steps_per_round=4)
    budget = settings["steps"] * step_seconds["none"]
    losses = {}
    for name in names:
        steps = max(1, int(budget / step_seconds[name] + 1e-9))
        report = finetune(model, data, out / "ablate-runs" / f"{name.replace(':', '-')}-{steps}",
                          FinetuneConfig(freeze=name, steps=steps, lr=settings["lr"],
                                         batch_size=settings["batch_size"],
                                         seq_len=settings["seq_len"], seed=seed, threads=1,
                                         device="cpu", clock="process"))
        losses[name] = report.eval_loss["after"]
        print(f"  [time] {name:10s} {steps:4d} steps, eval {losses[name]:.4f}", flush=True)
    return ({k: losses[f"bottom:{k}"] for k in range(layers)}, losses["none"], step_seconds)


def run_ablate(model: Path, data: Path, settings: dict, out: Path, seed: int, *,
               seeds: tuple[int, ...] = (0, 1, 2), reuse: Path | None = None,
               wait: float = 0.0) -> dict:
    """Each component of the semantic plan off in turn; every row's cut scored at equal
    CPU time against every bottom:K (from ``reuse``, a results.json of the same setting
    with ``equal_time`` bottom:K rows, or trained here; ``wait`` seconds for it to appear)."""
    import torch

    from spf.neural.adapters import get_adapter
    from spf.neural.corpus import read_texts
    from spf.neural.finetune import reference_chunks, token_chunks
    from spf.neural.freezing import PlanConfig, freeze_plan, step_costs
    from spf.neural.loading import load_model

    loaded, tokenizer = load_model(model, device="cpu")
    adapter = get_adapter(loaded)
    layers = adapter.num_layers
    chunks = token_chunks(tokenizer, read_texts(data), settings["seq_len"], location=str(data))
    chunks = chunks[: len(chunks) - max(1, len(chunks) // 10)]  # the training part
    started = time.process_time()
    reference_ids = reference_chunks(tokenizer, "stdlib", settings["seq_len"])
    reference_seconds = time.process_time() - started
    costs = step_costs(layers, adapter.hidden_size, adapter.ffn_size, adapter.vocab_size,
                       settings["seq_len"])
    rows = []
    for label, options in FREEZE_ABLATIONS:
        cuts, seconds = [], []
        for plan_seed in seeds:
            started = time.process_time()
            if options is None:
                torch.manual_seed(plan_seed)
                share = block_gradient_share(loaded, chunks, settings)
                gains = [sum(share[k:]) * (costs[0] / costs[k]) ** 0.5 for k in range(layers)]
                cut = max(range(layers), key=lambda k: (round(gains[k], 12), -k))
            else:
                config = PlanConfig(seed=plan_seed, **options)
                plan = freeze_plan(loaded, chunks, config, reference_ids=reference_ids
                                   if config.virtual == "reference" else None)
                cut = plan.cut
            seconds.append(time.process_time() - started
                           + (reference_seconds if options is not None
                              and PlanConfig(**options).virtual == "reference" else 0.0))
            cuts.append(cut)
        rows.append({"row": label, "options": options, "cuts": cuts,
                     "plan_cpu_seconds": sum(seconds) / len(seconds)})
        print(f"  {label}: cuts {cuts}", flush=True)
    deadline = time.monotonic() + wait
    while reuse is not None and not reuse.is_file() and time.monotonic() < deadline:
        time.sleep(10)  # the setting's own run is still going (--wait)
    previous = json.loads(reuse.read_text()) if reuse is not None and reuse.is_file() else None
    bottoms = {}
    if previous is not None:
        bottoms = {int(n.split(":")[1]): r["eval_after"]
                   for n, r in previous["equal_time"].items() if n.startswith("bottom:")}
    if previous is not None and set(bottoms) == set(range(layers)):
        full = previous["equal_time"]["none"]["eval_after"]
        source = str(reuse)
    else:
        print("training none and every bottom:K at equal CPU time ...", flush=True)
        bottoms, full, _ = equal_time_bottoms(model, data, settings, out, seed)
        source = "trained by --ablate"
    best_cut = min(bottoms, key=bottoms.get)
    score_rows(rows, bottoms, full)
    return {"settings": settings, "model": str(model), "data": str(data), "seeds": list(seeds),
            "bottoms": bottoms, "full": full, "best_cut": best_cut, "source": source,
            "rows": rows, "table": ablate_table(rows, best_cut, full)}


def score_rows(rows: list[dict], bottoms: dict[int, float], full: float) -> None:
    """Each row's eval loss at equal time (the mean over its seeds' cuts of that cut's
    ``bottoms`` loss), its regret against the best cut and its difference to ``full``.

    The regret is never negative: a mean of cut losses cannot beat the best of them, so a
    value below 0 is float rounding (three equal losses averaged) and is reported as 0."""
    best = min(bottoms.values())
    for row in rows:
        losses = [bottoms[cut] for cut in row["cuts"]]
        row["eval_at_equal_time"] = sum(losses) / len(losses)
        row["regret"] = max(0.0, (row["eval_at_equal_time"] - best) / best)
        row["vs_full"] = (row["eval_at_equal_time"] - full) / full


def ablate_table(rows: list[dict], best_cut: int, full: float) -> str:
    lines = [(f"| plan (best bottom:K in hindsight: K={best_cut}; full fine-tuning "
             f"{full:.4f}) | cuts (seeds) | eval loss @ equal CPU time | regret vs best K | "
             "vs full fine-tuning | plan CPU s |"), "|---|---|---:|---:|---:|---:|"]
    for row in rows:
        lines.append(f"| {row['row']} | {row['cuts']} | {row['eval_at_equal_time']:.4f} | "
                     f"{row['regret']:+.2%} | {row['vs_full']:+.2%} | "
                     f"{row['plan_cpu_seconds']:.2f} |")
    return "\n".join(lines)


def markdown_table(results: dict, order: list[str]) -> str:
    header = ("| policy | frozen | trainable params | eval loss @ equal steps | "
              "CPU ms/step | peak RSS MiB | optimizer state MiB | steps @ equal time | "
              "eval loss @ equal time |")
    lines = [header, "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name in order:
        steps_row = results["equal_steps"][name]
        time_row = results["equal_time"][name]
        label = f"{name} (= {steps_row['same_as']})" if "same_as" in steps_row else name
        frozen = ", ".join(map(str, steps_row["frozen"]))
        if steps_row.get("embeddings_frozen", bool(steps_row["frozen"])):
            frozen = "emb" + (f" + {frozen}" if frozen else "")
        lines.append(
            f"| {label} | {frozen or '-'} | "
            f"{steps_row['trainable']:,} | {steps_row['eval_after']:.4f} | "
            f"{time_row['step_seconds'] * 1000:.0f} | {steps_row['peak_mib']:.0f} | "
            f"{steps_row['optimizer_mib']:.2f} | {time_row['steps']} | "
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
    parser.add_argument("--reuse-timing", action="store_true",
                        help="reuse the step times (and, with --deep, the plans' cuts and "
                             "CPU times) measured by the previous run")
    parser.add_argument("--rescore", action="store_true",
                        help="recompute the plan variants of an existing results.json only")
    parser.add_argument("--deep", action="store_true",
                        help="the deeper pre-registered setting of issue 16 (12 blocks): "
                             "every policy at equal CPU time; results in deep/results.json")
    parser.add_argument("--registered", action="store_true",
                        help="the deeper setting as first registered (12 blocks, hidden 128, "
                             "2000 pre-training steps, 300-step budget): --deep's code path "
                             "with REGISTERED; results in registered/results.json")
    parser.add_argument("--equal-memory", action="store_true",
                        help="--deep/--registered: then also the equal-peak-memory runs (a "
                             "batch-size search per run; results.json's 'equal_memory')")
    parser.add_argument("--jobs", type=int, default=4,
                        help="--deep: fine-tuning processes run side by side (one thread "
                             "each; budgets are CPU time, so this does not change results)")
    parser.add_argument("--ablate", action="store_true",
                        help="each component of the semantic plan off in turn, every cut "
                             "scored at equal CPU time against every bottom:K (one table)")
    parser.add_argument("--model", type=Path, default=None,
                        help="--ablate: this model folder instead of the setting's pre-trained "
                             "one")
    parser.add_argument("--data", type=Path, default=None,
                        help="--ablate: this fine-tuning data instead of the setting's library")
    parser.add_argument("--seq-len", type=int, default=None, help="override the sequence length")
    parser.add_argument("--plan-seeds", type=int, default=3,
                        help="--ablate: plan sampling seeds per row")
    parser.add_argument("--wait", type=float, default=0.0,
                        help="--ablate: wait up to this many seconds for the setting's "
                             "results.json (its benchmark run still going) before training")
    parser.add_argument("--probe-registered", action="store_true",
                        help="only time the steps of the deeper setting as first registered "
                             "(12 blocks, hidden 128; not run) and print what a run would take")
    parser.add_argument("--compare-loops", action="store_true",
                        help="only compare the old hand-written loop with the Trainer "
                             "(CPU seconds per step, eval loss; saved in loops.json)")
    options = parser.parse_args(argv)

    import torch

    torch.set_num_threads(1)
    if options.probe_registered:
        started = time.process_time()
        timings = probe_steps(REGISTERED)
        estimate = registered_estimate(REGISTERED, timings)
        for phase in ("pretrain", "finetune"):
            values = sorted(timings[phase][1:])
            print(f"{phase} step: median {estimate[phase + '_step']:.3f} CPU s "
                  f"(min {values[0]:.3f}, max {values[-1]:.3f}; {len(values)} steps after one "
                  "warm-up)")
        print(f"pre-training {REGISTERED['pretrain_steps']} steps: "
              f"{estimate['pretrain_seconds'] / 60:.1f} CPU min; 18 equal-time runs of "
              f"{REGISTERED['steps']} full steps ({estimate['run_seconds']:.0f} CPU s each): "
              f"{estimate['equal_time_seconds'] / 60:.1f} CPU min; probe "
              f"{time.process_time() - started:.1f} CPU s")
        return 0
    if options.registered and (options.deep or options.quick):
        parser.error("--registered is a setting of its own: not with --deep or --quick")
    deep = options.deep or options.registered  # one code path, two registered settings
    settings = dict(REGISTERED if options.registered else DEEP if options.deep
                    else QUICK if options.quick else FULL)
    if options.steps is not None:
        if options.steps < 1:
            parser.error("--steps must be at least 1")
        settings["steps"] = options.steps
    if options.seq_len is not None:
        if options.seq_len < 2:
            parser.error("--seq-len must be at least 2")
        settings["seq_len"] = options.seq_len
    if options.plan_seeds < 1:
        parser.error("--plan-seeds must be at least 1")
    if options.jobs < 1:
        parser.error("--jobs must be at least 1")
    if (options.model or options.data) and not options.ablate:
        parser.error("--model and --data go with --ablate")
    out = options.out / ("registered" if options.registered else "deep" if options.deep
                         else "quick" if options.quick else "full")
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    if options.ablate:
        model = options.model or pretrained_model(options.out, settings, options.seed)
        data = options.data or library_folder(settings["library"])
        for path, flag in ((model, "--model"), (data, "--data")):
            if not path.exists():
                parser.error(f"{flag} {path}: no such file or folder")
        reuse = None if options.model or options.data else out / "results.json"
        results = run_ablate(model, data, settings, out, options.seed,
                             seeds=tuple(range(options.plan_seeds)), reuse=reuse,
                             wait=options.wait)
        (out / "ablate.json").write_text(json.dumps(results, indent=2) + "\n")
        print()
        print(results["table"])
        print(f"\nequal-time losses: {results['source']}; results: {out / 'ablate.json'}")
        return 0
    if deep:
        names = options.policies.split(",") if options.policies else deep_names(settings)
        if "none" not in names:
            names.insert(0, "none")
        results = run_deep(out, settings, options.seed, names, jobs=options.jobs,
                           reuse_timing=options.reuse_timing)
        (out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
        print()
        print(results["table"])
        if options.equal_memory:
            results["equal_memory"] = run_equal_memory(
                out, settings, options.seed, names, results, jobs=options.jobs,
                reuse_timing=options.reuse_timing)
            results["memory_table"] = memory_table(results["equal_memory"])
            (out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
            print()
            print(results["memory_table"])
        print()
        for name, check in results["checks"].items():
            print(f"{name}: {json.dumps(check)}")
        print(f"\nresults: {out / 'results.json'} ({results['benchmark_seconds']:.0f} s wall)")
        return 0
    if options.rescore:
        results = json.loads((out / "results.json").read_text())
        results["checks"]["variants"] = plan_variants(Path(results["model"]),
                                                      Path(results["data"]),
                                                      results["settings"],
                                                      results["equal_time"])
        for phase in ("equal_steps", "equal_time"):  # the table from the saved reports
            for name, row in results[phase].items():
                if "embeddings_frozen" not in row:
                    row["embeddings_frozen"] = name != "none" and not name.startswith("random")
        results["table"] = markdown_table(results, list(results["equal_steps"]))
        (out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
        print_results(results, out)
        return 0
    model = pretrained_model(options.out, settings, options.seed)
    data = library_folder(settings["library"])
    if options.compare_loops:
        loops = compare_loops(model, data, settings, out)
        (out / "loops.json").write_text(json.dumps(loops, indent=2) + "\n")
        print(f"{loops['policy']}, {loops['steps']} steps x {len(loops['seeds'])} seeds, "
              f"frozen blocks {loops['new']['frozen']} (old loop: {loops['old']['frozen']})")
        for name in ("old", "new"):
            row = loops[name]
            print(f"  {name} loop: {row['median_step_seconds'] * 1000:.1f} ms CPU per step, "
                  f"eval loss after {row['eval_after_mean']:.4f} +- "
                  f"{row['eval_after_stdev']:.4f} {[round(v, 4) for v in row['eval_after']]}")
        print(f"  ratio new/old per step: {loops['step_ratio_new_over_old']:.3f}; eval loss "
              f"difference new - old: {loops['eval_difference']:+.4f}")
        print(f"saved {out / 'loops.json'}")
        return 0
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
    # Equal time: each policy gets the CPU time full fine-tuning needs for the step budget.
    # Step times are measured together, round-robin, so machine load hits all alike; the
    # semantic plan's own time is taken out of its budget.
    timed = {name: name for name in names if name != "semantic" and same_as(name) is None}
    semantic_cut = None
    if "semantic" in reports:
        semantic_cut = len(reports["semantic"]["freeze"]["frozen_layers"])
        timed.setdefault(f"bottom:{semantic_cut}", f"bottom:{semantic_cut}")
    timing_file = out / "step_seconds.json"
    cached = json.loads(timing_file.read_text()) if timing_file.is_file() else {}
    if options.reuse_timing and set(timed) <= set(cached):
        step_seconds = cached
    else:
        print("timing one step of each policy (round-robin) ...", flush=True)
        step_seconds = measure_step_times(model, data, settings, timed)
        timing_file.write_text(json.dumps(step_seconds, indent=2) + "\n")
    budget = settings["steps"] * step_seconds["none"]
    results["step_seconds"] = step_seconds
    results["time_budget_seconds"] = budget
    for name in names:
        twin = same_as(name)
        if twin is not None:
            results["equal_time"][name] = dict(results["equal_time"][twin], same_as=twin)
            continue
        if name == "none":
            results["equal_time"][name] = dict(results["equal_steps"][name],
                                               step_seconds=step_seconds[name])
            continue
        if name == "semantic":
            per_step = step_seconds[f"bottom:{semantic_cut}"]
            plan_seconds = reports["semantic"]["plan_seconds"]
        else:
            per_step, plan_seconds = step_seconds[name], 0.0
        steps = max(1, int((budget - plan_seconds) / per_step + 1e-9))
        report = run_policy(model, data, out / "runs" / f"time-{name}-{steps}", name, settings,
                            steps=steps, seed=options.seed)
        results["equal_time"][name] = dict(summarize(report), step_seconds=per_step)
        row = results["equal_time"][name]
        print(f"  [time]  {name:10s} {row['steps']:4d} steps ({per_step * 1000:.0f} ms/step), "
              f"eval {row['eval_after']:.4f}", flush=True)

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
    print_results(results, out)
    return 0


def print_results(results: dict, out: Path) -> None:
    print()
    print(results["table"])
    print()
    checks = results["checks"]
    for name, check in checks.items():
        if name not in ("plan", "variants"):
            print(f"{name}: {json.dumps(check)}")
    print("plan variants scored in hindsight (cut -> eval loss of bottom:cut at equal time):")
    for variant in checks.get("variants", []):
        regret, mean = variant["regret"], variant.get("mean_regret")
        print(f"  {variant['measure']:20s} beta={variant['beta']:.1f} "
              f"virtual={variant.get('virtual', '-'):9s} cuts {variant.get('cuts')}  "
              f"regret {'n/a' if regret is None else f'{regret:+.2%}'}"
              f" (mean over seeds {'n/a' if mean is None else f'{mean:+.2%}'})")
    print(f"\nresults: {out / 'results.json'} ({results['benchmark_seconds']:.0f} s)")


if __name__ == "__main__":
    sys.exit(main())
