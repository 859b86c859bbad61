"""Peak memory of STAR, MINT, SGD repair and fine-tuning, measured on tiny Llama models.

    python benchmarks/memory.py                       # three sizes, every job (30+ min, 2 cores)
    python benchmarks/memory.py --sizes 128x344x4 --jobs star,mint --json
    python benchmarks/memory.py --paper               # the 7B Llama table of the docs

Each job runs in a fresh process on the CPU (one torch thread). The process loads the
model (repairs) or only imports (fine-tuning, which loads the model itself), resets the
kernel's peak-RSS counter (``/proc/self/clear_refs``, Linux; glibc's free memory trimmed
first and its mmap threshold fixed, so resident memory is live memory), runs the job, and
reports the peak resident memory above that baseline (``VmHWM - VmRSS``). That is what the
job adds on
top of the loaded model: statistics, optimizer state, gradients, activations, and (for
fine-tuning) the model itself. Beside each measurement the script prints what the formulas
of docs/repair.md and docs/finetuning.md predict for the same sizes, so the formulas used
for the 7B table can be checked against the tiny models.

Sizes are ``HIDDENxFFNxLAYERS`` (Llama blocks, 4 heads, vocabulary 512, random weights: the
memory does not depend on the training). Jobs: ``star``, ``mint``, ``sgd`` (4 cases, 1024
reference tokens, the located blocks), ``finetune-full``, ``finetune-semantic`` and
``finetune-lora`` (2 steps, batch 8, 128 tokens, mixed precision off: float32). Each job
runs once unmeasured first (imports, caches, the allocator's first arenas), then again
measured: a repair on the same model after reverting the first patch, a fine-tune into a
second folder.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

JOBS = ("star", "mint", "sgd", "finetune-full", "finetune-semantic", "finetune-lora")
CASES = [
    {"id": "ret", "prompt": "def add(a, b):\n    return", "target": " a + b"},
    {"id": "loop", "prompt": "for item in items:\n    ", "target": "print(item)"},
    {"id": "imp", "prompt": "import os\nimport ", "target": "sys"},
    {"id": "self", "prompt": "class Stack:\n    def push(self, item):\n        ", "target": "self"},
]
REFERENCE_TOKENS = 1024
BATCH, SEQ = 8, 128
FLOAT = 4  # bytes: every statistic and optimizer state is float32


def stdlib_text(limit: int = 400_000) -> str:
    import sysconfig

    root = Path(sysconfig.get_paths()["stdlib"])
    parts, size = [], 0
    for path in sorted((root / "json").glob("*.py")) + sorted((root / "email").glob("*.py")):
        text = path.read_text(encoding="utf-8", errors="replace")
        parts.append(text)
        size += len(text)
        if size > limit:
            break
    return "\n".join(parts)


def build(folder: Path, hidden: int, ffn: int, layers: int, text: str) -> None:
    from spf.neural.tiny import random_model, train_tokenizer

    tokenizer = train_tokenizer(texts=[text], vocab_size=512)
    model = random_model("llama", tokenizer, hidden=hidden, ffn=ffn, layers=layers, heads=4,
                         context=256)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)


def _trim() -> None:
    """Give the allocator's free memory back to the kernel (glibc), so that RSS is live memory."""
    import ctypes

    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def child(job: str, model_dir: str, data: str, out: str) -> dict:
    """Run one job in this process; the peak memory it adds."""
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(0)
    from spf.neural.loading import load_model

    if job.startswith("finetune"):
        from spf.neural.finetune import FinetuneConfig, finetune

        freeze = {"finetune-full": "none", "finetune-semantic": "semantic",
                  "finetune-lora": "semantic"}[job]
        config = FinetuneConfig(freeze=freeze, lora=job == "finetune-lora", steps=2,
                                batch_size=BATCH, seq_len=SEQ, device="cpu", eval_chunks=2,
                                plan_samples=256, plan_reference=None)
        finetune(model_dir, data, out + "-warm-up", config)  # imports, caches, first allocations
        _trim()
        Path("/proc/self/clear_refs").write_text("5")
        baseline = _status("VmRSS")
        report = finetune(model_dir, data, out, config).to_dict()
        extra = {"frozen_layers": list(report.get("freeze", {}).get("frozen_layers", []))}
    else:
        from spf.neural.repair import repair

        model, tokenizer = load_model(model_dir, dtype="float32", device="cpu")
        options = {"star": {"max_epochs": 1, "max_reference_tokens": REFERENCE_TOKENS},
                   "mint": {"candidates": 2, "max_neurons": 1, "refinements": 0,
                            "max_reference_tokens": REFERENCE_TOKENS, "risk_windows": 0,
                            "protect_tokens": REFERENCE_TOKENS, "max_relax": 0},
                   "sgd": {"max_steps": 2, "preserve": "kl",
                           "max_reference_tokens": REFERENCE_TOKENS}}[job]
        reference = [Path(data).read_text(encoding="utf-8")]
        warm = repair(model, tokenizer, CASES[:1], job, reference=reference, **options)
        warm.patch.revert(model)  # imports, caches and first allocations, then the same model
        del warm
        _trim()
        Path("/proc/self/clear_refs").write_text("5")
        baseline = _status("VmRSS")
        result = repair(model, tokenizer, CASES, job, reference=reference, **options)
        extra = {"layers": result.layers}
    peak = _status("VmHWM")
    return {"job": job, "added_bytes": max(peak - baseline, 0), **extra}


# ---------------------------------------------------------------- the formulas (bytes)


def predicted(job: str, h: int, f: int, layers: int, vocab: int, params: int,
              touched: int, rows: int, tokens: int, weight_bytes: int = FLOAT, *,
              frozen: int = 0, heads: int = 4, seq: int = SEQ) -> dict:
    """The dominant terms of each job's added memory (see docs/repair.md)."""
    if job == "star":  # per touched block: hold covariance + Cholesky factor (+1 temporary),
        # the float32 copy of W for the patch and the step; activations of one case
        stats = FLOAT * (touched * 2 * f * f + f * f)
        state = FLOAT * touched * 2 * h * f
        return {"statistics": stats, "weights_state": state, "total": stats + state}
    if job == "mint":  # per searched block (the upper half): G, Z, m of the right hold rows;
        # base log-probabilities of the hold rows over the vocabulary (kept + one measured)
        searched = layers - layers // 2
        stats = FLOAT * (searched * rows * (h + f + 1) + 2 * rows * vocab)
        return {"statistics": stats, "weights_state": FLOAT * h * f, "total": stats + FLOAT * h * f}
    if job == "sgd":  # per touched block: float32 master, its gradient, Adam's two moments,
        # the parameter's gradient; hold rows' base log-probabilities (preserve=kl)
        state = touched * h * f * (4 * FLOAT + weight_bytes)
        stats = FLOAT * rows * vocab
        return {"statistics": stats, "weights_state": state, "total": stats + state}
    block = 4 * h * h + 3 * h * f + 2 * h
    if job == "finetune-lora":  # rank-8 adapters on the attention and FFN projections
        trainable = (layers - frozen) * 8 * (8 * h + 3 * (h + f))
    else:
        trainable = params - frozen * block
    # weights (the job loads the model) + gradient + Adam's two moments per trainable
    # parameter, and the activations kept for the backward pass (float32: twice the
    # 16-bit estimate s*b*h*(34 + 5*a*s/h) bytes per layer of Korthikanti et al., 2022)
    state = FLOAT * params + 3 * FLOAT * trainable
    activations = 2 * tokens * layers * (34 * h + 5 * heads * seq)
    return {"statistics": 0, "weights_state": state, "activations": activations,
            "total": state + activations}


def llama_parameters(h: int, f: int, layers: int, vocab: int, tied: bool = False) -> int:
    block = 4 * h * h + 3 * h * f + 2 * h
    return layers * block + vocab * h * (1 if tied else 2) + h


# ---------------------------------------------------------------- a 7B Llama on paper

LLAMA_7B = {"h": 4096, "f": 11008, "layers": 32, "vocab": 32000, "heads": 32}


def paper_table(h: int = 4096, f: int = 11008, layers: int = 32, vocab: int = 32000,
                heads: int = 32, seq: int = 128, batch: int = 8) -> list[tuple]:
    """(job, component, formula, bytes) for a Llama of these sizes, repair in bfloat16,
    fine-tuning as ``spf finetune --bf16`` runs it (float32 weights, bfloat16 autocast).

    Activations use the 16-bit estimate ``s*b*h*(34 + 5*a*s/h)`` bytes per block (Korthikanti
    et al., 2022) for every block from the lowest one that needs gradients up: an upper
    bound for the repairs, whose backward passes reach only probes.
    """
    params = llama_parameters(h, f, layers, vocab)
    block = 4 * h * h + 3 * h * f + 2 * h
    touched = max(2, layers // 4)  # STAR's and SGD's located blocks (layer_count default)
    searched = layers - layers // 2  # MINT's upper half
    hold = 4096  # STAR/SGD max_reference_tokens (+ the cases' own positions)
    protect = 8192 + 1024  # MINT protect_tokens + max_reference_tokens: the right rows, at most
    probe_rows = 1024 + 32 * 64  # MINT's hold probe: reference + risk windows
    act = lambda tokens, blocks: tokens * blocks * (34 * h + 5 * heads * seq)
    trainable_semantic = params - (layers // 2) * block  # e.g. the plan freezes 16 blocks
    lora = layers * 8 * (8 * h + 3 * (h + f))
    rows = [
        ("all", "weights, bfloat16", "2 P", 2 * params),
        ("star", "hold covariance + Cholesky factor per touched block", "n * 2 * d_ff^2 * 4",
         touched * 2 * f * f * FLOAT),
        ("star", "one temporary while factorising", "d_ff^2 * 4", f * f * FLOAT),
        ("star", "float32 down projections (best epoch, step)", "n * 2 * h * d_ff * 4",
         touched * 2 * h * f * FLOAT),
        ("star", "activations, one case (s=128), blocks from the first touched", "s*L/2*(34h+5as)",
         act(seq, layers // 2)),
        ("mint", "protection G, Z, m per searched block (right hold rows Q)",
         "L/2 * Q * (h + d_ff + 1) * 4", searched * protect * (h + f + 1) * FLOAT),
        ("mint", "base log-probabilities of the hold rows (kept + measured, statistics probe)",
         "(2 * Q_probe + Q) * V * 4", (2 * probe_rows + protect) * vocab * FLOAT),
        ("mint", "activations, 16 hold sequences (s=128) with probes", "16*s*L/2*(34h+5as)",
         act(16 * seq, layers // 2)),
        ("sgd", "float32 master + its gradient + Adam's 2 moments, touched blocks",
         "n * h * d_ff * 4 * 4", touched * h * f * 4 * FLOAT),
        ("sgd", "gradients of the touched weights (bfloat16)", "n * h * d_ff * 2",
         touched * h * f * 2),
        ("sgd", "hold rows' base log-probabilities (preserve=kl; none by default)",
         "rows * V * 4", hold * vocab * FLOAT),
        ("sgd", "activations, one case (s=128), blocks from the first touched",
         "s*L/2*(34h+5as)", act(seq, layers // 2)),
        ("finetune", "weights, float32 (mixed precision keeps float32 masters)", "4 P",
         FLOAT * params),
        ("finetune-full", "gradients + Adam's 2 moments", "12 P", 3 * FLOAT * params),
        ("finetune-full", "activations (batch 8 x 128 tokens, every block)",
         "b*s*L*(34h+5as)", act(batch * seq, layers)),
        ("finetune-semantic", "gradients + Adam, 16 of 32 blocks frozen (example)",
         "12 P_trainable", 3 * FLOAT * trainable_semantic),
        ("finetune-semantic", "activations, blocks above the frozen ones", "b*s*L/2*(34h+5as)",
         act(batch * seq, layers // 2)),
        ("finetune-lora", "LoRA rank 8 on 7 projections per block: weights + grads + Adam",
         "16 * L * r * (8h + 3(h + d_ff))", 4 * FLOAT * lora),
        ("finetune-lora", "activations (every block with adapters)", "b*s*L*(34h+5as)",
         act(batch * seq, layers)),
        ("finetune-*", "with --gradient-checkpointing instead: block inputs + one block",
         "b*s*h*2*L + b*s*(34h+5as)", batch * seq * h * 2 * layers + act(batch * seq, 1)),
    ]
    return rows


def print_paper_table() -> None:
    print("| job | component | formula | 7B Llama |\n|---|---|---|---:|")
    for job, component, formula, size in paper_table(**LLAMA_7B):
        print(f"| {job} | {component} | `{formula}` | {size / 2**30:.2f} GiB |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="128x344x4,256x688x4,512x1376x4")
    parser.add_argument("--jobs", default=",".join(JOBS))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--paper", action="store_true",
                        help="print the 7B Llama table (formulas only) and exit")
    parser.add_argument("--child", nargs=4, metavar=("JOB", "MODEL", "DATA", "OUT"),
                        help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        print(json.dumps(child(*arguments.child)))
        return
    if arguments.paper:
        print_paper_table()
        return
    work = Path(tempfile.mkdtemp(prefix="spf-memory-"))
    text = stdlib_text()
    data = work / "data.txt"
    data.write_text(text, encoding="utf-8")
    # a fixed mmap threshold: every tensor over 128 KiB is its own mapping, returned to the
    # kernel when freed (glibc's adaptive threshold would keep freed tensors' memory resident
    # and reuse it, hiding the second run's peak)
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
               TOKENIZERS_PARALLELISM="false", MALLOC_MMAP_THRESHOLD_="131072")
    rows = []
    for size in arguments.sizes.split(","):
        h, f, layers = (int(part) for part in size.split("x"))
        folder = work / size
        build(folder, h, f, layers, text)
        params = llama_parameters(h, f, layers, 512)
        for job in arguments.jobs.split(","):
            completed = subprocess.run(
                [sys.executable, __file__, "--child", job, str(folder), str(data),
                 str(work / f"out-{size}-{job}")],
                capture_output=True, text=True, env=env, check=False)
            if completed.returncode != 0:
                raise RuntimeError(f"{job} on {size} failed:\n{completed.stderr[-3000:]}")
            measured = json.loads(completed.stdout.strip().splitlines()[-1])
            touched = len(measured.get("layers", [])) or max(2, layers // 4)
            formula = predicted(job, h, f, layers, 512, params, touched, REFERENCE_TOKENS,
                                BATCH * SEQ, frozen=len(measured.get("frozen_layers", [])))
            row = {"size": size, "hidden": h, "ffn": f, "layers": layers, "parameters": params,
                   "job": job, "measured_mb": round(measured["added_bytes"] / 2**20, 1),
                   "formula_mb": round(formula["total"] / 2**20, 1),
                   **{key: value for key, value in measured.items()
                      if key not in ("job", "added_bytes")}}
            rows.append(row)
            if not arguments.json:
                print(f"{size:>12} {params:>10,} params  {job:<18} measured "
                      f"{row['measured_mb']:8.1f} MB   formula {row['formula_mb']:8.1f} MB",
                      flush=True)
    if arguments.json:
        print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
