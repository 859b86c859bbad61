"""Benchmark of transfer: do lessons learned on one spec help the model on related specs it never saw?

    python benchmarks/learning.py                 # full: star, finetune, sgd, mint (long)
    python benchmarks/learning.py --quick         # star, 3 functions per half (the slow test)
    python benchmarks/learning.py --json          # the results as JSON on stdout
    python benchmarks/learning.py --methods star,sgd --option sgd.max_steps=100

1. The model: a 4-block, 128-wide GPT-2 with a 1024-token BPE and a 256-token context,
   trained by ``spf.neural.tiny.build_tiny`` on the first part of the standard library
   (cached under ``$SPF_CACHE_DIR/benchmarks`` or ``--cache``; built once, 11 minutes on
   the loaded 2-core machine),
   or ``--model DIR``.
2. The corpus (``benchmarks/learning/``, written and committed before anything was
   measured): a *teaching* spec of 10 functions and a *held-out* spec of 10 related
   functions with other names, parameter names and phrasings.
3. Before: ``spf generate`` on each half with ``--backend hf:MODEL`` and no teacher, so
   no other backend can write a function: a function counts as *written by the model*
   when the implement stage's generate-and-test loop accepted one of the model's
   candidates (it passed the spec's examples for that function); *first attempt* when
   that was the loop's first prompt (greedy decoding: one candidate per prompt), *within
   the loop's attempts* when any of its 3 prompts (the later ones carry the previous
   rejection) gave it. The generated test suite is not run (``verify=False``): the
   examples are the functions' contract.
4. Lessons, per method (``--methods``; the learn plugin's ``--learn-method``): ``spf
   generate`` on the teaching half with ``--teacher symbolic --learn``: the synthesizer's
   verified bodies become corrections, the model is repaired on them and the lesson is
   saved under that output folder's ``.spf/patches/``.
5. After: both halves generated again with the lesson loaded (the hf backend's
   ``patches`` option: the teaching half shows what was memorised, the held-out half what
   transferred), still without a teacher.
6. Damage: next-token (top-1, teacher-forced) accuracy on held-out reference text:
   windows of standard-library files the model was not trained on (those after its
   training corpus in the build's reading order), before and after loading the lesson.

One table is printed (rich); ``--json`` prints the results instead.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from repair import default_cache, note, reference_texts, split_corpus

CORPUS = Path(__file__).resolve().parent / "learning"
HALVES = ("teaching", "heldout")
MODEL_CONFIG = {"arch": "gpt2", "seed": 0, "vocab_size": 1024, "layers": 4, "hidden": 128,
                "context": 256, "batch_size": 8, "learning_rate": 3e-3, "steps": 150,
                "minutes": 6.0}
DEFAULT_METHODS = "star,finetune,sgd,mint"  # finetune: the learn plugin's LoRA lessons


def ensure_model(args) -> Path:
    if args.model:
        return Path(args.model)
    from spf.neural.tiny import build_tiny

    folder = Path(args.cache) / "learning-gpt2-l{layers}-h{hidden}-c{context}-v{vocab_size}-s{steps}" \
        .format(**MODEL_CONFIG)
    if not (folder / "config.json").is_file():
        note(f"building the benchmark model in {folder} (once, ~10 minutes)")
        options = dict(MODEL_CONFIG)
        build_tiny(folder, options.pop("arch"), options.pop("minutes"), options.pop("seed"),
                   progress=True, time_limit_seconds=4 * 3600.0, **options)
    return folder


def held_out_reference(model_dir: Path, tokenizer, tokens: int, seed: int) -> list[str]:
    """Windows of standard-library files the model was not trained on."""
    from spf.neural.corpus import source_files, stdlib_folder

    if (model_dir / "spf_tiny.json").is_file():
        _, unseen = split_corpus(model_dir)
    else:  # a model from elsewhere: the end of the stdlib's reading order
        unseen = list(source_files(stdlib_folder()))[-200:]
    return reference_texts(unseen, tokenizer, tokens=tokens, seed=seed)


# ---------------------------------------------------------------- measuring


def backend_options(args, patches: list[str]) -> dict[str, Any]:
    return {"device": "cpu", "max_new_tokens": args.max_new_tokens, "patches": list(patches)}


def model_written(report, model_dir: Path) -> dict[str, Any]:
    """Per function of the spec: did the model write it (first attempt / within the loop)?"""
    rows = {}
    for unit in report.units:
        if unit["kind"] != "function" or not unit["design_unit"].startswith("function:"):
            continue
        by_model = unit["status"] == "implemented" and str(unit["backend"]).startswith(
            f"hf:{model_dir}")
        rows[unit["design_unit"].split(":", 1)[1]] = {
            "backend": unit["backend"], "status": unit["status"], "attempts": unit["attempts"],
            "first": by_model and unit["attempts"] == 1, "loop": by_model}
    total = len(rows)
    return {"functions": total,
            "first": sum(row["first"] for row in rows.values()) / total,
            "loop": sum(row["loop"] for row in rows.values()) / total,
            "units": rows}


def generate_half(args, work: Path, half: str, label: str, patches: list[str],
                  **learn: Any):
    """``spf generate`` on one half of the corpus into a fresh folder; (report, session, out).

    Lessons are kept in that output folder (``store = "project"``, not the user-level
    store): no run loads a lesson it is not given explicitly.
    """
    from spf_plugins.learn import learning

    from spf.pipeline import generate

    learn.setdefault("store", "project")
    project = work / "projects" / half
    out = work / "out" / f"{half}-{label}"
    with learning(**learn) as session:
        report = generate(project, out=out, backend=f"hf:{args.model_dir}",
                          backend_options=backend_options(args, patches), verify=False)
    return report, session, out


def reference_accuracy(loaded, texts: list[str], tokens: int) -> dict[str, Any]:
    """Top-1 teacher-forced next-token accuracy of the loaded model on the reference text."""
    from spf.neural.cases import next_token_accuracy

    return next_token_accuracy(loaded.model, loaded.tokenizer, texts, max_tokens=tokens)


def loaded_with(args, patches: list[str]):
    from spf.backends import get_backend

    return get_backend(f"hf:{args.model_dir}", backend_options(args, patches)).loaded


def measure_lesson(args, work: Path, method: str, options: dict[str, Any],
                   reference: list[str], before: dict[str, Any]) -> dict[str, Any]:
    started, cpu = time.perf_counter(), time.process_time()
    note(f"{method}: learning on the teaching half")
    report, session, out = generate_half(args, work, "teaching", f"learn-{method}", [],
                                         enabled=True, teacher="symbolic", method=method,
                                         method_options=options)
    learned = session.report or {}
    row: dict[str, Any] = {
        "method": method, "options": options,
        "corrections": len(learned.get("corrections") or []),
        "repair": learned.get("repair"), "notes": learned.get("notes") or [],
        "skipped": learned.get("skipped") or [], "patch": None,
        "teaching_during": model_written(report, args.model_dir)}
    if not learned.get("patch"):
        # nothing saved: the model after this method is the model before it
        row["learn_seconds"] = round(time.perf_counter() - started, 1)
        row["learn_cpu_seconds"] = round(time.process_time() - cpu, 1)
        row["after"] = dict(before)
        note(f"{method}: no lesson saved ({'; '.join(row['notes']) or 'no corrections'})")
        return row
    patch = str((out / learned["patch"]).resolve())  # out / an absolute path is that path
    row["patch"] = learned["patch"]
    row["learn_seconds"] = round(time.perf_counter() - started, 1)
    row["learn_cpu_seconds"] = round(time.process_time() - cpu, 1)
    row["after"] = {}
    for half in HALVES:
        note(f"{method}: the {half} half with the lesson loaded")
        after, _, _ = generate_half(args, work, half, f"after-{method}", [patch],
                                    use_patches=False)
        row["after"][half] = model_written(after, args.model_dir)
    row["after"]["reference"] = reference_accuracy(loaded_with(args, [patch]), reference,
                                                  args.reference_tokens)
    return row


def first_functions(spec: str, count: int | None) -> str:
    """The spec with only its first ``count`` ``## Function:`` sections (all with None)."""
    if count is None:
        return spec
    head, *sections = spec.split("\n## Function:")
    return "\n## Function:".join([head, *sections[:count]]).rstrip("\n") + "\n"


def save(args, results: dict[str, Any]) -> None:
    """With ``--save``: the results so far, written after each step (a long run keeps them)."""
    if args.save:
        from spf.files import atomic_write_text

        atomic_write_text(Path(args.save), json.dumps(results, indent=2, default=str) + "\n")


def parse_options(values: list[str]) -> dict[str, dict[str, Any]]:
    options: dict[str, dict[str, Any]] = {}
    for text in values:
        key, separator, value = text.partition("=")
        method, dot, name = key.partition(".")
        if not separator or not dot:
            raise ValueError(f"--option {text!r}: expected METHOD.KEY=VALUE")
        try:
            options.setdefault(method, {})[name] = json.loads(value)
        except json.JSONDecodeError:
            options.setdefault(method, {})[name] = value
    return options


# ---------------------------------------------------------------- table


def print_table(results: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    def share(part: dict[str, Any] | None, key: str) -> str:
        if not part:
            return "-"
        return f"{round(part[key] * part['functions'])}/{part['functions']}"

    def accuracy(part: dict[str, Any] | None) -> str:
        return "-" if not part or part["accuracy"] is None else f"{part['accuracy']:.3f}"

    base = results["before"]
    table = Table(title="functions the model writes itself, before and after a lesson learned "
                        "on the teaching half")
    for column in ("lesson", "corrections", "fixed", "saved", "held-out 1st", "held-out loop",
                   "teaching 1st", "teaching loop", "ref. next-token acc.", "learn s (wall)"):
        table.add_column(column, justify="left" if column == "lesson" else "right")
    table.add_row("none (before)", "-", "-", "-", share(base["heldout"], "first"),
                  share(base["heldout"], "loop"), share(base["teaching"], "first"),
                  share(base["teaching"], "loop"), accuracy(base["reference"]), "-")
    for row in results["lessons"]:
        repair = row.get("repair") or {}
        fixed = (f"{repair['corrections_fixed']}/{repair['corrections']}" if repair else "-")
        after = row["after"]
        label = row["method"] + "".join(f" {key}={value}" for key, value in
                                        (row.get("options") or {}).items())
        table.add_row(label, str(row["corrections"]), fixed, "yes" if row.get("patch") else "no",
                      share(after["heldout"], "first"), share(after["heldout"], "loop"),
                      share(after["teaching"], "first"), share(after["teaching"], "loop"),
                      accuracy(after["reference"]), str(row["learn_seconds"]))
    console = Console()
    console.width = max(console.width, 150)
    console.print(table)
    for row in results["lessons"]:
        if not row.get("patch"):
            print(f"{row['method']}: no lesson saved: {'; '.join(row['notes'])}")


def combine(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Several runs' lesson rows under one "before" (runs on one model measure the same one)."""
    first = runs[0]
    for run in runs[1:]:
        if run["model"] != first["model"]:
            raise ValueError(f"results of two models: {first['model']} and {run['model']}")
        for part in HALVES + ("reference",):
            mine = {key: value for key, value in run["before"][part].items() if key != "units"}
            theirs = {key: value for key, value in first["before"][part].items()
                      if key != "units"}
            if mine != theirs:
                raise ValueError(f"the runs measured different 'before' {part} figures")
    combined = dict(first, lessons=[row for run in runs for row in run["lessons"]])
    combined["methods"] = [row["method"] for row in combined["lessons"]]
    return combined


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", help="a model folder (default: build the tiny one)")
    parser.add_argument("--cache", default=str(default_cache()))
    parser.add_argument("--methods", default=None,
                        help=f"lesson methods (--learn-method), default {DEFAULT_METHODS} "
                             "(star with --quick)")
    parser.add_argument("--option", action="append", default=[], metavar="METHOD.KEY=VALUE",
                        help="a method option, e.g. sgd.max_steps=100")
    parser.add_argument("--quick", action="store_true",
                        help="star only, 3 functions per half, 1024 reference tokens")
    parser.add_argument("--functions", type=int, default=None,
                        help="only the first N functions of each half (default all; 3 quick)")
    parser.add_argument("--max-new-tokens", type=int, default=64)
    parser.add_argument("--reference-tokens", type=int, default=None,
                        help="held-out reference text, in tokens (default 8192; 1024 quick)")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (default 1)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", help="keep the generated projects here (default: a "
                                       "temporary folder, removed)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--save", metavar="FILE",
                        help="also write the results as JSON to FILE, after every step")
    parser.add_argument("--show", nargs="+", metavar="FILE",
                        help="print one table from results saved by runs on the same model "
                             "(--save), measuring nothing")
    args = parser.parse_args(argv)
    if args.show:
        try:
            results = combine([json.loads(Path(path).read_text(encoding="utf-8"))
                               for path in args.show])
        except (OSError, ValueError) as error:
            parser.error(f"--show: {error}")
        print(json.dumps(results, indent=2) if args.json else "", end="\n" if args.json else "")
        if not args.json:
            print_table(results)
        return 0
    methods = [name for name in (args.methods or ("star" if args.quick else DEFAULT_METHODS))
               .split(",") if name]
    try:
        options = parse_options(args.option)
    except ValueError as error:
        parser.error(str(error))
    tokens = args.reference_tokens = args.reference_tokens or (1024 if args.quick else 8192)
    functions = args.functions or (3 if args.quick else None)

    import torch
    from transformers import set_seed

    torch.set_num_threads(args.threads)
    set_seed(args.seed)
    started = time.perf_counter()
    from spf.errors import SpfError

    try:
        return run(args, methods, options, tokens, functions, started)
    except SpfError as error:  # bad input (a model folder, a method): one line, status 2
        print(f"error: {error}", file=sys.stderr)
        return 2


def run(args, methods: list[str], options: dict[str, dict[str, Any]], tokens: int,
        functions: int | None, started: float) -> int:
    import torch

    args.model_dir = ensure_model(args).resolve()
    work = Path(args.work).resolve() if args.work else Path(tempfile.mkdtemp(prefix="spf-learning-"))
    try:
        # a fresh completion cache: every candidate counted was asked of the model in this
        # run; and an empty user-level lesson store, should the learn plugin look there
        os.environ["SPF_CACHE_DIR"] = str(work / "spf-cache")
        os.environ["SPF_LESSONS_DIR"] = str(work / "lessons")
        for half in HALVES:
            target = work / "projects" / half
            target.mkdir(parents=True, exist_ok=True)
            text = (CORPUS / half / "spec.md").read_text(encoding="utf-8")
            (target / "spec.md").write_text(first_functions(text, functions), encoding="utf-8")
        loaded = loaded_with(args, [])
        reference = held_out_reference(args.model_dir, loaded.tokenizer, tokens, args.seed)
        results: dict[str, Any] = {
            "model": str(args.model_dir), "quick": args.quick,
            "threads": torch.get_num_threads(), "max_new_tokens": args.max_new_tokens,
            "reference_tokens": tokens, "methods": methods, "functions_per_half": functions,
            "counted": "a function is written by the model when the implement stage's "
                       "generate-and-test loop accepted a candidate of the hf backend (no "
                       "teacher on the measured runs, so no other backend writes any); first: "
                       "at the loop's first prompt; loop: within its 3 prompts",
            "before": {}, "lessons": []}
        for half in HALVES:
            note(f"before: the {half} half")
            report, _, _ = generate_half(args, work, half, "before", [], use_patches=False)
            results["before"][half] = model_written(report, args.model_dir)
        results["before"]["reference"] = reference_accuracy(loaded, reference, tokens)
        save(args, results)
        for method in methods:
            results["lessons"].append(measure_lesson(args, work, method,
                                                     options.get(method, {}), reference,
                                                     results["before"]))
            save(args, results)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    results["seconds"] = round(time.perf_counter() - started, 1)
    results["cpu_seconds"] = round(time.process_time(), 1)
    save(args, results)
    if args.json:
        print(json.dumps(results, indent=2, default=str))
    else:
        print_table(results)
        print(f"total {results['seconds']} s wall, {results['cpu_seconds']} s CPU; "
              f"{results['counted']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
