"""When does a repair pay, and when a fine-tune? Lessons of 2, 8 and 20 corrections.

    python benchmarks/lessons.py                 # star and finetune, 2 / 8 / 20 corrections
    python benchmarks/lessons.py --quick         # 2 corrections only (a smoke run)
    python benchmarks/lessons.py --json          # the rows as JSON on stdout

1. The model: the tests' trained tiny code LM (``tests/neural/conftest.py``'s
   ``TRAINED_CONFIG``: GPT-2, 2 blocks, 64 wide, 400 steps on ~1.5 MB of the standard
   library; built once, cached under ``$SPF_CACHE_DIR/benchmarks`` or ``--cache``), or
   ``--model DIR``.
2. Corrections: the first N of 20 small functions (``FUNCTIONS``: a name, a signature, a
   one-line requirement and a verified one-line body), each prompt exactly as the
   generation loop asks (``spf.loop.build_prompt``), each target the body and the end of
   the function, as the ``learn`` plugin teaches it (``plan_cases``).
3. Each lesson is learned the way ``spf generate --learn`` learns it
   (``spf_plugins.learn.learn_from_corrections``, the plugin's defaults: the ``stdlib``
   reference sample as hold rows / replay), from the base model each time.
4. Measured: corrections fixed (every window top-1 under teacher forcing) and written by
   greedy generation (``greedy_starts_with_target``); the **damage**: teacher-forced
   next-token top-1 accuracy on held-out reference text (standard-library files after the
   training corpus, ``--eval-tokens`` tokens) before and after; and the lesson's CPU
   seconds (``time.process_time``, one torch thread).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from repair import default_cache  # benchmarks/repair.py: $SPF_CACHE_DIR/benchmarks

#: (name, parameters, return type, requirement, body): 20 small verified functions.
FUNCTIONS = [
    ("double", "x: int", "int", "Twice the number.", "return x + x"),
    ("is_even", "n: int", "bool", "Whether the number is even.", "return n % 2 == 0"),
    ("square", "x: int", "int", "The number times itself.", "return x * x"),
    ("first_item", "items: list", "object", "The first element of the list.", "return items[0]"),
    ("last_item", "items: list", "object", "The last element of the list.", "return items[-1]"),
    ("shout", "text: str", "str", "The text in capital letters.", "return text.upper()"),
    ("whisper", "text: str", "str", "The text in lower case.", "return text.lower()"),
    ("count_words", "text: str", "int", "How many words the text has.",
     "return len(text.split())"),
    ("reverse_text", "text: str", "str", "The text backwards.", "return text[::-1]"),
    ("total", "numbers: list", "int", "The sum of the numbers.", "return sum(numbers)"),
    ("largest", "numbers: list", "int", "The largest of the numbers.", "return max(numbers)"),
    ("smallest", "numbers: list", "int", "The smallest of the numbers.", "return min(numbers)"),
    ("halve", "x: float", "float", "Half of the number.", "return x / 2"),
    ("negate", "x: int", "int", "The number with the opposite sign.", "return -x"),
    ("is_empty", "items: list", "bool", "Whether the list has no elements.",
     "return len(items) == 0"),
    ("strip_spaces", "text: str", "str", "The text without leading and trailing spaces.",
     "return text.strip()"),
    ("join_words", "words: list", "str", "The words joined by single spaces.",
     "return ' '.join(words)"),
    ("triple", "x: int", "int", "Three times the number.", "return x * 3"),
    ("increment", "x: int", "int", "The number plus one.", "return x + 1"),
    ("sorted_copy", "items: list", "list", "A sorted copy of the list.", "return sorted(items)"),
]
COUNTS = (2, 8, 20)
METHODS = ("star", "finetune")
#: the tests' trained fixture (tests/neural/conftest.py TRAINED_CONFIG)
MODEL_CONFIG = {"arch": "gpt2", "seed": 0, "vocab_size": 1024, "layers": 2, "hidden": 64,
                "context": 128, "batch_size": 16, "learning_rate": 3e-3, "steps": 400,
                "minutes": 1.0, "max_corpus_bytes": 1_500_000, "time_limit_seconds": 3600.0}


def ensure_model(args) -> Path:
    """``--model``, or the tests' trained fixture built (once) in the benchmark cache."""
    if args.model:
        return Path(args.model)
    from spf.neural.tiny import build_tiny

    folder = Path(args.cache) / "lessons-gpt2-l{layers}-h{hidden}-s{steps}".format(**MODEL_CONFIG)
    if not (folder / "config.json").is_file():
        print(f"building the benchmark model in {folder} (once)...", file=sys.stderr)
        options = dict(MODEL_CONFIG)
        build_tiny(folder, options.pop("arch"), options.pop("minutes"), options.pop("seed"),
                   **options)
    return folder


def corrections(count: int):
    from spf_plugins.learn import Correction

    from spf.loop import FunctionTask, build_prompt

    found = []
    for number, (name, params, returns, requirement, body) in enumerate(FUNCTIONS[:count]):
        signature = f"def {name}({params}) -> {returns}:"
        task = FunctionTask(
            name=name, params=[tuple(part.strip() for part in params.split(":"))],
            returns=returns, signature=signature, docstring=requirement,
            requirement=f"## Function: {signature[4:-1]}\n{requirement}", examples=[],
            trace=f"spec.md:{4 + 6 * number}")
        found.append(Correction(unit=f"bench/functions.py::{name}", function=name,
                                trace=task.trace, kind="fallback", model="bench",
                                corrected_by="symbolic",
                                prompt=build_prompt(task, "completion").text, body=body + "\n"))
    return found


def held_out_texts(model_dir: Path, tokens: int) -> list[str]:
    """Standard-library files after the model's training corpus (never seen in training)."""
    from spf.neural.corpus import source_files, stdlib_folder

    metadata = json.loads((model_dir / "spf_tiny.json").read_text())
    seen, texts, size = 0, [], 0
    for path in source_files(stdlib_folder()):
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        if not text.strip():
            continue
        seen += 1
        if seen <= metadata["corpus_files"]:
            continue
        texts.append(text)
        size += len(text)
        if size > tokens * 6:
            break
    return texts


def run(method: str, count: int, model_dir: Path, held_out: list[str], eval_tokens: int,
        max_new_tokens: int) -> dict:
    import shutil

    from spf_plugins.learn import LearnConfig, learn_from_corrections, reference_texts

    from spf.hf_model import load_causal_lm
    from spf.neural.cases import next_token_accuracy

    loaded = load_causal_lm(model_dir, device="cpu", dtype="float32")
    config = LearnConfig(enabled=True, method=method)
    before = next_token_accuracy(loaded.model, loaded.tokenizer, held_out, max_tokens=eval_tokens)
    started = time.process_time()
    report, result = learn_from_corrections(
        loaded, corrections(count), config, max_new_tokens=max_new_tokens,
        reference=reference_texts(config, "."))
    seconds = time.process_time() - started
    after = next_token_accuracy(loaded.model, loaded.tokenizer, held_out, max_tokens=eval_tokens)
    if result is not None:
        if not result.patch.is_noop:
            result.patch.revert(loaded.model)
        if result.details.get("adapter_dir"):
            shutil.rmtree(result.details["adapter_dir"], ignore_errors=True)
    repair = report.get("repair") or {}
    return {"method": method, "corrections": count,
            "fixed": repair.get("corrections_fixed", 0),
            "greedy": sum(bool(case.get("greedy_starts_with_target"))
                          for case in report.get("cases", [])),
            "windows": repair.get("cases"), "windows_fixed": repair.get("fixed"),
            "params_changed": repair.get("params_changed"),
            "accuracy_before": before["accuracy"], "accuracy_after": after["accuracy"],
            "eval_tokens": before["total"], "cpu_seconds": round(seconds, 1),
            "details": repair.get("details", {}), "skipped": len(report.get("skipped", []))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", help="a model folder (default: build the tests' fixture)")
    parser.add_argument("--cache", default=str(default_cache()))
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--counts", default=",".join(map(str, COUNTS)))
    parser.add_argument("--quick", action="store_true", help="2 corrections only")
    parser.add_argument("--eval-tokens", type=int, default=4096)
    parser.add_argument("--max-new-tokens", type=int, default=64)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(1)
    model_dir = ensure_model(args)
    held_out = held_out_texts(model_dir, args.eval_tokens)
    counts = [2] if args.quick else [int(value) for value in args.counts.split(",")]
    rows = []
    for count in counts:
        for method in args.methods.split(","):
            row = run(method, count, model_dir, held_out, args.eval_tokens, args.max_new_tokens)
            rows.append(row)
            if not args.json:
                print(f"{row['method']:<9} {row['corrections']:>3} corrections: fixed "
                      f"{row['fixed']:>2}, greedy {row['greedy']:>2}, windows "
                      f"{row['windows_fixed']}/{row['windows']}, held-out top-1 "
                      f"{row['accuracy_before']:.3f} -> {row['accuracy_after']:.3f} "
                      f"({row['eval_tokens']} tokens), {row['cpu_seconds']} CPU s",
                      flush=True)
    if args.json:
        print(json.dumps({"model": str(model_dir), "rows": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
