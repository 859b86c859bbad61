"""Benchmark of VDS calibration (`spf calibrate`) against the frozen model, kNN and LoRA.

    python benchmarks/calibrate.py                 # the table in docs/neural.md
    python benchmarks/calibrate.py --quick         # fewer texts and steps, one seed
    python benchmarks/calibrate.py --json          # results as JSON on stdout
    python benchmarks/calibrate.py --write-data DIR   # also write train.jsonl / test.jsonl

The task, built from data on disk: which standard-library package a function or class
comes from, given the first paragraph of its docstring (the package's own name masked as
``X``). Twelve packages with many documented definitions; up to ``--per-class`` training
and a quarter as many test texts each, split by a hash of ``file:qualified name``; texts
found in two packages are dropped. The model is the repair benchmark's 4-layer, 128-wide
GPT-2 trained on the first part of the standard library (``benchmarks/repair.py`` builds it
once; ``--model DIR`` for another), frozen throughout.

Methods, all reading the normalized residual at the last token of
``# {docstring}\\nimport`` and the same label words (the package names, with a space):

- ``frozen``: the model's own similarity logits: cosine to each label word's semantic
  basis vector (step 0 of calibration);
- ``knn-k``: majority of the k nearest training representations (cosine), k = 1 and 10;
- ``centroid``: the nearest class mean of training representations;
- ``vds``: the neural clustering module trained by :func:`spf.neural.calibration.calibrate`;
- ``lora``: peft LoRA on every attention and FFN matrix, with a rank chosen so its trainable
  parameters match the clustering encoder's (what runs at inference), trained with the same
  loss (cross-entropy over cosines to the label anchors, temperature 0.05), steps, batch and
  learning rate.

Accuracy on the test texts (mean and range over ``--seeds``) and cost: trainable parameters
and training CPU seconds (``time.process_time``, one torch thread).
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

LABELS = ("asyncio", "email", "http", "importlib", "logging", "mailbox", "multiprocessing",
          "tarfile", "tkinter", "unittest", "urllib", "xml")
TEMPLATE = "# {text}\nimport"


def build_task(per_class: int, test_share: float = 0.25) -> tuple[list[dict], list[dict]]:
    """(train, test) records ``{"text", "label"}`` from stdlib docstrings."""
    from spf.neural.corpus import source_files, stdlib_folder

    root = stdlib_folder()
    found: dict[str, list[tuple[str, str]]] = {label: [] for label in LABELS}
    for path in source_files(root):
        label = path.relative_to(root).parts[0].removesuffix(".py")
        if label not in found:
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError, OSError):
            continue
        for node in ast.walk(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            docstring = ast.get_docstring(node)
            if not docstring:
                continue
            text = " ".join(docstring.strip().split("\n\n")[0].split())[:300]
            text = re.sub(re.escape(label), "X", text, flags=re.IGNORECASE)
            if len(text) >= 12:
                key = f"{path.relative_to(root)}:{node.name}:{node.lineno}"
                found[label].append((key, text))
    owners: dict[str, set[str]] = {}
    for label, items in found.items():
        for _, text in items:
            owners.setdefault(text, set()).add(label)
    train, test = [], []
    for label, items in found.items():
        seen: set[str] = set()
        kept_train, kept_test = [], []
        for key, text in items:
            if len(owners[text]) > 1 or text in seen:
                continue
            seen.add(text)
            bucket = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) / 16 ** 8
            (kept_test if bucket < test_share else kept_train).append(
                {"text": text, "label": label})
        train += kept_train[:per_class]
        test += kept_test[:max(1, per_class // 3)]
    return train, test


def knn(train_rep, train_targets, test_rep, k: int, classes: int):
    import torch

    unit = torch.nn.functional.normalize
    similarity = unit(test_rep, dim=-1) @ unit(train_rep, dim=-1).T
    nearest = similarity.topk(k, dim=-1).indices
    votes = torch.zeros(len(test_rep), classes)
    votes.scatter_add_(1, train_targets[nearest], torch.ones(nearest.shape))
    # ties: the class of the nearest neighbour among the tied ones wins
    votes += 1e-3 * torch.nn.functional.one_hot(train_targets[nearest[:, 0]], classes)
    return votes.argmax(-1)


def lora_rank(model, budget: int) -> tuple[int, list[str]]:
    """The LoRA rank whose parameter count on every linear layer of the blocks is nearest
    ``budget``, and those layers' names."""
    from transformers.pytorch_utils import Conv1D

    from spf.neural.adapters import get_adapter

    adapter = get_adapter(model)
    per_rank, names = 0, set()
    for block in adapter.blocks:
        for name, module in block.named_modules():
            if isinstance(module, Conv1D):
                fan_in, fan_out = module.weight.shape
            elif type(module).__name__ == "Linear":
                fan_out, fan_in = module.weight.shape
            else:
                continue
            per_rank += fan_in + fan_out
            names.add(name.rsplit(".", 1)[-1])
    return max(1, round(budget / per_rank)), sorted(names)


def train_lora(model, tokenizer, texts, targets, anchors, *, rank, modules, steps, batch_size,
               learning_rate, temperature, seed):
    """LoRA trained on the anchor-cosine cross-entropy; returns (peft model, params, CPU s)."""
    import copy

    import torch
    from peft import LoraConfig, get_peft_model

    from spf.neural.adapters import get_adapter
    from spf.neural.semantics import normalized_residual, similarity_logits

    torch.manual_seed(seed)
    peft_model = get_peft_model(copy.deepcopy(model), LoraConfig(
        r=rank, lora_alpha=2 * rank, target_modules=modules, lora_dropout=0.0,
        fan_in_fan_out=model.config.model_type == "gpt2"))
    trainable = [p for p in peft_model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=learning_rate)
    adapter = get_adapter(peft_model)
    encoded = [tokenizer(TEMPLATE.replace("{text}", text))["input_ids"][-128:] for text in texts]
    generator = torch.Generator().manual_seed(seed)
    started = time.process_time()
    peft_model.train()
    for _ in range(steps):
        batch = torch.randint(len(encoded), (min(batch_size, len(encoded)),),
                              generator=generator).tolist()
        width = max(len(encoded[i]) for i in batch)
        ids = torch.zeros(len(batch), width, dtype=torch.long)
        mask = torch.zeros(len(batch), width, dtype=torch.long)
        for row, index in enumerate(batch):
            ids[row, :len(encoded[index])] = torch.tensor(encoded[index])
            mask[row, :len(encoded[index])] = 1
        last = mask.sum(-1) - 1
        with adapter.record_residuals(keep_grad=True) as states:
            peft_model(input_ids=ids, attention_mask=mask)
        hidden = states[-1][torch.arange(len(batch)), last]
        logits = similarity_logits(normalized_residual(adapter, hidden), anchors) / temperature
        loss = torch.nn.functional.cross_entropy(logits, targets[batch])
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
    peft_model.eval()
    return peft_model, sum(p.numel() for p in trainable), time.process_time() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", help="a model folder (default: the repair benchmark's model)")
    parser.add_argument("--cache", default=None, help="the repair benchmark's model cache")
    parser.add_argument("--quick", action="store_true", help="fewer texts and steps, one seed")
    parser.add_argument("--per-class", type=int, default=None)
    parser.add_argument("--steps", type=int, default=None)
    parser.add_argument("--seeds", default=None, help="comma-separated (default 0,1,2)")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--write-data", type=Path, default=None,
                        help="write train.jsonl and test.jsonl to this folder")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    per_class = args.per_class or (30 if args.quick else 80)
    steps = args.steps or (150 if args.quick else 300)
    seeds = [int(s) for s in (args.seeds or ("0" if args.quick else "0,1,2")).split(",")]

    import repair as repair_benchmark
    import torch

    from spf.neural.calibration import CalibrationConfig, calibrate, text_representations
    from spf.neural.loading import load_model

    torch.set_num_threads(args.threads)
    model_dir = repair_benchmark.ensure_model(argparse.Namespace(
        model=args.model, cache=args.cache or str(repair_benchmark.default_cache())))
    train, test = build_task(per_class)
    if args.write_data:
        args.write_data.mkdir(parents=True, exist_ok=True)
        for name, records in (("train", train), ("test", test)):
            (args.write_data / f"{name}.jsonl").write_text(
                "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    model, tokenizer = load_model(model_dir)
    texts = [r["text"] for r in train]
    labels = [r["label"] for r in train]
    rows: dict[str, list[dict]] = {}

    def add(name, accuracy, **cost):
        rows.setdefault(name, []).append({"accuracy": accuracy, **cost})

    test_labels = [r["label"] for r in test]
    started = time.process_time()
    train_rep = text_representations(model, tokenizer, texts, template=TEMPLATE)
    test_rep = text_representations(model, tokenizer, [r["text"] for r in test],
                                    template=TEMPLATE)
    represent_seconds = time.process_time() - started
    for seed in seeds:
        config = CalibrationConfig(steps=steps, template=TEMPLATE, seed=seed)
        calibration = calibrate(model, tokenizer, texts, labels, config)
        classes = calibration.labels
        targets = torch.tensor([classes.index(label) for label in labels])
        test_targets = torch.tensor([classes.index(label) for label in test_labels])

        def accuracy(predicted, test_targets=test_targets):
            return (predicted == test_targets).float().mean().item()

        if seed == seeds[0]:
            add("frozen similarity logits",
                accuracy(calibration.scores(test_rep, calibrated=False).argmax(-1)),
                parameters=0, cpu_seconds=0.0)
            for k in (1, 10):
                add(f"kNN, k={k}", accuracy(knn(train_rep, targets, test_rep, k, len(classes))),
                    parameters=0, stored_vectors=len(texts), cpu_seconds=0.0)
            centroids = torch.stack([train_rep[targets == c].mean(0)
                                     for c in range(len(classes))])
            unit = torch.nn.functional.normalize
            add("nearest class mean",
                accuracy((unit(test_rep, dim=-1) @ unit(centroids, dim=-1).T).argmax(-1)),
                parameters=centroids.numel(), cpu_seconds=0.0)
        add("VDS calibration (neural clustering)",
            accuracy(calibration.scores(test_rep).argmax(-1)),
            parameters=calibration.report["parameters"],
            training_parameters=calibration.report["training_parameters"],
            cpu_seconds=calibration.report["cpu_seconds"])
        rank, modules = lora_rank(model, calibration.report["parameters"])
        lora_model, lora_parameters, lora_seconds = train_lora(
            model, tokenizer, texts, targets, calibration.anchors, rank=rank, modules=modules,
            steps=steps, batch_size=config.batch_size, learning_rate=config.learning_rate,
            temperature=config.temperature, seed=seed)
        lora_test = text_representations(lora_model, tokenizer, [r["text"] for r in test],
                                         template=TEMPLATE)
        lora_scores = calibration.scores(lora_test, calibrated=False)
        add(f"LoRA r={rank} ({'+'.join(modules)})", accuracy(lora_scores.argmax(-1)),
            parameters=lora_parameters, cpu_seconds=round(lora_seconds, 3))

    summary = []
    for name, entries in rows.items():
        values = [entry["accuracy"] for entry in entries]
        summary.append({"method": name, "accuracy_mean": statistics.mean(values),
                        "accuracy_min": min(values), "accuracy_max": max(values),
                        "runs": len(values), "parameters": entries[0]["parameters"],
                        "cpu_seconds_mean": statistics.mean(e["cpu_seconds"] for e in entries)})
    result = {"model": str(model_dir), "classes": len(LABELS), "train_texts": len(train),
              "test_texts": len(test), "steps": steps, "seeds": seeds, "template": TEMPLATE,
              "representation_cpu_seconds": round(represent_seconds, 3),
              "chance": max(test_labels.count(label) for label in set(test_labels)) / len(test),
              "rows": summary}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table("method", "test accuracy", "trainable parameters", "training CPU s",
                  title=f"{len(LABELS)}-way stdlib package from docstring: {len(train)} train, "
                        f"{len(test)} test texts, {steps} steps, seeds {seeds}")
    for row in summary:
        spread = (f" ({row['accuracy_min']:.3f}-{row['accuracy_max']:.3f})"
                  if row["runs"] > 1 else "")
        table.add_row(row["method"], f"{row['accuracy_mean']:.3f}{spread}",
                      f"{row['parameters']:,}", f"{row['cpu_seconds_mean']:.1f}")
    Console().print(table)
    print(f"majority class: {result['chance']:.3f}; representations of all texts: "
          f"{represent_seconds:.1f} CPU s (shared by frozen, kNN, class mean and VDS)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
