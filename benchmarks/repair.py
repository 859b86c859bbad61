"""Benchmark of model repair: MINT, STAR and the Adam baseline on a tiny trained code model.

    python benchmarks/repair.py            # full: ~ a few minutes on one CPU thread
    python benchmarks/repair.py --quick    # smaller settings, for a smoke run
    python benchmarks/repair.py --json     # the results as JSON on stdout

1. The model: a 4-layer, 128-wide GPT-2 trained by ``spf.neural.tiny.build_tiny`` on the first
   part of the standard library (cached under ``$SPF_CACHE_DIR/benchmarks`` or ``--cache``;
   built once, about 8 minutes) or ``--model DIR``.
2. Cases are mined from standard-library files the model was NOT trained on (those after the
   training corpus in its fixed order). Line-level completion: the prompt is the file up to a
   natural cut point inside a line (after a space, bracket, dot, comma, colon or ``=``), the
   target the rest of that line, 2-10 tokens. A *failure* is a line the model does not
   complete exactly under teacher forcing.
3. Generalization cases rephrase a failure's context: identifiers that are not in the target
   renamed, comments removed. Specificity cases are other lines of the same files that the
   model completes exactly; they must keep their teacher-forced top-1 sequence.
4. Hold rows for STAR (and MINT's collateral check) come from a reference corpus: texts of
   the training part of the standard library.

Settings: ``single`` (each case repaired alone from the base model, the paper's setting),
``joint`` (all cases at once) and ``sequential`` (repairs applied one after another, with
specificity tracked as they accumulate). One table is printed (rich).
"""

from __future__ import annotations

import argparse
import builtins
import json
import keyword
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

#: benchmark rows: name -> (registered method, options). ``-paper``: the published method
#: (docs/repair.md, "Paper variants"); ``sgd-hold``: Adam with STAR's hold rows as a KL loss.
VARIANTS = {
    "star": ("star", {}),
    "star-paper": ("star", {"variant": "paper"}),
    "mint": ("mint", {}),
    "mint-paper": ("mint", {"variant": "paper"}),
    "sgd": ("sgd", {}),
    "sgd-hold": ("sgd", {"preserve": "kl"}),
}
#: ``--ablate``: spf's default with one component switched off (or, for sign alignment and
#: the MINT components measured to add nothing, switched on), per method
ABLATIONS = {
    "star": [("default", {}),
             ("- semantic direction (gradient)", {"direction": "gradient"}),
             ("- covariance prior (pinv)", {"prior": "pinv"}),
             ("- localisation (all blocks)", {"search": "all", "layer_count": 99}),
             ("+ sign alignment (flip)", {"align": "flip"}),
             ("+ sign alignment (mask)", {"align": "mask"})],
    "mint": [("default", {}),
             ("- semantic direction (gradient + protected)", {"direction": "gradient+protected"}),
             ("- protected direction (semantic + gradient)", {"direction": "both"}),
             ("- protected selection (attribution candidates)", {"selection": "attribution"}),
             ("- covariance statistics (hold positions only)", {"protect_tokens": 0}),
             ("+ risk windows (32 per case)", {"risk_windows": 32}),
             ("+ backoff (2 halvings)", {"backoff": 2}),
             ("+ relaxation (2 retries)", {"max_relax": 2}),
             ("- collateral limit (max_collateral=1)", {"max_collateral": 1.0}),
             ("+ layer localisation (upper half, the reference code's)", {"search": "upper"}),
             ("paper variant (semantic direction only, upper half)", {"variant": "paper"})],
}
MODEL_CONFIG = {"arch": "gpt2", "minutes": 8.0, "seed": 0, "layers": 4, "hidden": 128,
                "context": 128}
CUT_AFTER = set(" (.,=:[")
IDENTIFIER = re.compile(r"\b[A-Za-z_][A-Za-z0-9_]*\b")
BUILTIN_NAMES = set(dir(builtins))


# ---------------------------------------------------------------- the model


def default_cache() -> Path:
    root = os.environ.get("SPF_CACHE_DIR")
    return (Path(root) / "benchmarks") if root else Path(__file__).parent / ".cache"


def ensure_model(args) -> Path:
    if args.model:
        return Path(args.model)
    from spf.neural.tiny import build_tiny

    folder = Path(args.cache) / "repair-gpt2-l{layers}-h{hidden}-c{context}".format(
        **MODEL_CONFIG)
    if not (folder / "config.json").is_file():
        print(f"building the benchmark model in {folder} (once, ~8 minutes)...", file=sys.stderr)
        options = dict(MODEL_CONFIG)
        # the step count comes from the minutes; the runaway guard must not cut it short
        build_tiny(folder, options.pop("arch"), options.pop("minutes"), options.pop("seed"),
                   progress=True, time_limit_seconds=4 * 3600.0, **options)
    metadata = folder / "spf_tiny.json"
    if metadata.is_file() and json.loads(metadata.read_text()).get("stopped_by_time_limit"):
        print(f"warning: the cached benchmark model in {folder} was cut short by the build's "
              "time guard; delete it to rebuild", file=sys.stderr)
    return folder


def split_corpus(model_dir: Path) -> tuple[list[Path], list[Path]]:
    """(training files, unseen files) of the stdlib, replaying the build's reading order."""
    from spf.neural.corpus import source_files, stdlib_folder

    metadata = json.loads((model_dir / "spf_tiny.json").read_text())
    wanted = metadata["corpus_files"]
    seen, unseen = [], []
    for path in source_files(stdlib_folder()):
        if len(seen) < wanted:
            try:
                text = path.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue
            if text.strip():
                seen.append(path)
            continue
        unseen.append(path)
    return seen, unseen


# ---------------------------------------------------------------- mining


def rephrase(prompt: str, target: str, rng: random.Random) -> str | None:
    """The prompt with comments removed and identifiers absent from the target renamed."""
    lines = []
    for line in prompt.split("\n"):
        stripped = line.lstrip()
        if stripped.startswith("#"):
            continue
        if " #" in line and "'" not in line and '"' not in line:
            line = line.split(" #", 1)[0].rstrip()
        lines.append(line)
    text = "\n".join(lines)
    if prompt.endswith("\n") and not text.endswith("\n"):
        text += "\n"
    protected = set(IDENTIFIER.findall(target)) | set(keyword.kwlist) | BUILTIN_NAMES | {
        "self", "cls"}
    last_line = prompt.rsplit("\n", 1)[-1]
    protected |= set(IDENTIFIER.findall(last_line[-12:]))  # keep the cut point's own word
    names = sorted({name for name in IDENTIFIER.findall(text)
                    if name not in protected and len(name) > 2})
    if not names:
        return text if text != prompt else None
    chosen = rng.sample(names, min(len(names), 3))
    for name in chosen:
        text = re.sub(rf"\b{re.escape(name)}\b", f"{name}_v2", text)
    return text if text != prompt else None


def line_cases(model, tokenizer, text: str, line_start: int, line: str, *, prompt_chars: int,
               max_length: int):
    """Every cut of one line at a token start as (case, target tokens, wrong tokens, natural).

    The prompt window starts at the same place for every cut, so prompt + target is the same
    text (the same tokens, by the joint-tokenization rule of spf.neural.cases) and one
    teacher-forced forward pass scores all the cuts of the line. ``natural`` cuts follow a
    space, bracket, dot, comma, colon or ``=``.
    """
    import torch

    from spf.neural.cases import RepairCase

    content = line.rstrip()
    indent = len(content) - len(content.lstrip())
    window_start = max(0, line_start - prompt_chars)
    window = text[window_start: line_start + len(content)]
    encoding = tokenizer(window, return_offsets_mapping=True)
    ids, offsets = encoding["input_ids"], encoding["offset_mapping"]
    if len(ids) > max_length:
        cut_tokens = len(ids) - max_length
        ids, offsets = ids[cut_tokens:], offsets[cut_tokens:]
    first_cut = line_start - window_start + indent + 2
    candidates = [index for index, (start, _) in enumerate(offsets)
                  if start >= first_cut and 2 <= len(ids) - index <= 10 and index > 0]
    if not candidates:
        return []
    with torch.no_grad():
        logits = model(input_ids=torch.tensor([ids])).logits[0]
    predictions = logits.argmax(dim=1).tolist()
    correct = [predictions[index - 1] == ids[index] for index in range(1, len(ids))]
    results = []
    for index in candidates:
        cut = offsets[index][0]  # in window coordinates
        prompt, target = window[:cut], window[cut:]
        wrong = sum(not flag for flag in correct[index - 1:])
        natural = cut > 0 and window[cut - 1] in CUT_AFTER
        results.append((RepairCase("", text[window_start: window_start + cut], target),
                        len(ids) - index, wrong, natural))
        del prompt
    return results


def candidate_lines(files: list[Path], rng: random.Random, exclude: set[str] = frozenset()):
    """For each readable file in a shuffled order: (path, text, its lines, each line's start
    offset, the indices of lines worth a case: past the header, over 10 characters, and not
    in ``exclude`` as ``stem:line``)."""
    files = list(files)
    rng.shuffle(files)
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        lines = text.split("\n")
        starts, offset = [], 0
        for line in lines:
            starts.append(offset)
            offset += len(line) + 1
        picks = [index for index, line in enumerate(lines)
                 if index > 3 and len(line.strip()) > 10
                 and f"{path.stem}:{index + 1}" not in exclude]
        yield path, text, lines, starts, picks


def mine(model, tokenizer, files: list[Path], *, failures_wanted: int, specificity_wanted: int,
         seed: int, prompt_chars: int = 600, max_wrong: int = 3) -> dict[str, list]:
    """Failing lines, their rephrasings, and correctly completed lines from ``files``.

    Per line: a failure is a random natural cut whose rest of line has 1..``max_wrong`` wrong
    tokens (lines the model nearly completes, the realistic repair target; the distribution
    over all failing natural cuts is reported); a specificity case is the earliest token
    boundary whose rest of line (2-10 tokens) the model completes exactly.
    """
    from spf.neural.cases import RepairCase

    rng = random.Random(seed)
    failing, right, histogram = [], [], {}
    max_length = model.config.n_positions
    for path, text, lines, starts, picks in candidate_lines(files, rng):
        rng.shuffle(picks)
        for index in picks[:40]:
            scored = line_cases(model, tokenizer, text, starts[index], lines[index],
                                prompt_chars=prompt_chars, max_length=max_length)
            if not scored:
                continue
            line_id = f"{path.stem}:{index + 1}"
            exact = [item for item in scored if item[2] == 0]
            wrong = [item for item in scored if item[2] > 0 and item[3]]
            for item in wrong:
                histogram[item[2]] = histogram.get(item[2], 0) + 1
            if exact and (not wrong or rng.random() < 0.5):
                case = exact[0][0]
                right.append(RepairCase(line_id, case.prompt, case.target))
            elif wrong:
                nearly = [item for item in wrong if item[2] <= max_wrong]
                if nearly:
                    case = rng.choice(nearly)[0]
                    failing.append(RepairCase(line_id, case.prompt, case.target))
        if len(failing) >= failures_wanted * 2 and len(right) >= specificity_wanted:
            break
    rng.shuffle(failing)
    rng.shuffle(right)
    chosen = failing[:failures_wanted]
    generalization = []
    for case in chosen:
        rephrased = rephrase(case.prompt, case.target, rng)
        if rephrased:
            generalization.append(RepairCase(f"{case.id}~g", rephrased, case.target,
                                             "generalization"))
    specificity = [RepairCase(f"{case.id}~s", case.prompt, case.target, "specificity")
                   for case in right[:specificity_wanted]]
    return {"failures": chosen, "generalization": generalization, "specificity": specificity,
            "mined_failures": len(failing), "mined_right": len(right),
            "wrong_tokens_histogram": {str(k): histogram[k] for k in sorted(histogram)}}


def cached_mining(cache: Path, model_dir: Path, model, tokenizer, unseen, **options):
    """``mine`` once per model, seed and sizes; later runs read the cases from a JSON file."""
    import hashlib

    from spf.neural.cases import RepairCase

    weights = (model_dir / "model.safetensors")
    stamp = weights.stat().st_mtime_ns if weights.exists() else 0
    key = hashlib.sha256(json.dumps([str(model_dir.resolve()), stamp, options],
                                    sort_keys=True).encode()).hexdigest()[:16]
    path = cache / f"mined-{key}.json"
    if path.is_file():
        data = json.loads(path.read_text())
        for name in ("failures", "generalization", "specificity"):
            data[name] = [RepairCase(**item) for item in data[name]]
        return data
    mined = mine(model, tokenizer, unseen, **options)
    serial = dict(mined)
    for name in ("failures", "generalization", "specificity"):
        serial[name] = [case.to_dict() for case in mined[name]]
    from spf.files import atomic_write_text

    atomic_write_text(path, json.dumps(serial))
    return mined


def reference_texts(files: list[Path], tokenizer, *, tokens: int, seed: int) -> list[str]:
    """Windows of training files: the reference corpus whose predictions are protected."""
    rng = random.Random(seed + 1)
    chosen = rng.sample(files, min(len(files), 64))
    rest = [path for path in files if path not in set(chosen)]
    rng.shuffle(rest)  # more files only when 64 windows are not enough tokens
    texts, total = [], 0
    for path in chosen + rest:
        text = path.read_text(encoding="utf-8", errors="replace")
        if len(text) < 400:
            continue
        start = rng.randrange(0, max(1, len(text) - 400))
        window = text[start: start + 400]
        texts.append(window)
        total += len(tokenizer(window)["input_ids"])
        if total >= tokens:
            break
    return texts


# ---------------------------------------------------------------- settings


def note(text: str) -> None:
    """One progress line on stderr (stdout stays clean for --json)."""
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def variant_options(name: str, options: dict[str, dict[str, Any]]) -> tuple[str, dict]:
    """(registered method, options) of a row: the variant's options, then ``--option``s
    given for the method and for the row's own name."""
    method, preset = VARIANTS.get(name, (name, {}))
    return method, {**preset, **options.get(method, {}), **options.get(name, {})}


def run_method(model, tokenizer, cases, method, *, eval_cases, baseline, reference, options):
    from spf.neural.repair import repair

    result = repair(model, tokenizer, cases, method=method, eval_cases=eval_cases,
                    evaluation_baseline=baseline, reference=reference, **options)
    result.patch.revert(model)  # back to the base model, bit for bit
    return result


def row_metrics(results, generalization, generalization_cases) -> dict[str, Any]:
    """One table row from the per-case results of a setting (one result in ``joint``)."""
    fixed_neurons = [r.neurons_changed for r in results if r.fixed]
    right, every = [], []
    for r in results:  # the two specificity populations, by the eval case's id
        entries = r.eval_cases
        right.append(fraction([e["unchanged"] for e in entries if e["id"].endswith("~s")]))
        every.append(fraction([e["unchanged"] for e in entries if e["id"].endswith("~u")]))
    right = [value for value in right if value is not None]
    every = [value for value in every if value is not None]
    return {
        "cases": sum(r.cases for r in results),
        "effectiveness": statistics.mean(r.effectiveness for r in results),
        "generalization": generalization, "generalization_cases": generalization_cases,
        "specificity": statistics.mean(right) if right else None,
        "specificity_min": min(right) if right else None,
        "specificity_all": statistics.mean(every) if every else None,
        "specificity_all_min": min(every) if every else None,
        "specificity_token": statistics.mean(r.specificity_token for r in results
                                             if r.specificity_token is not None),
        "seconds": statistics.mean(r.seconds for r in results),
        "neurons": statistics.median(fixed_neurons) if fixed_neurons else None,
        "params": statistics.median(r.params_changed for r in results),
        "reference_tokens": max(r.details.get("reference_tokens", 0) for r in results),
    }


def fraction(values: list[bool]) -> float | None:
    return sum(values) / len(values) if values else None


def single_setting(model, tokenizer, mined, rows_spec, reference, baseline, base_fixed):
    """Each case repaired alone from the base model; metrics averaged over cases.

    ``rows_spec``: (row name, registered method, options). Specificity is measured on two
    populations (``mined["specificity"]``, lines the model gets right, and
    ``mined["unrelated"]``, lines whatever it predicts); generalization only on the
    rephrasings the base model fails (``base_fixed``)."""
    rows = {}
    eval_cases = mined["specificity"] + mined["unrelated"]
    for name, method, method_options in rows_spec:
        note(f"single setting: {name} on {len(mined['failures'])} cases")
        results = []
        for number, case in enumerate(mined["failures"], start=1):
            results.append(run_method(model, tokenizer, [case], method, eval_cases=eval_cases,
                                      baseline=baseline, reference=reference,
                                      options=method_options))
            last = results[-1]
            note(f"  {name} {number}/{len(mined['failures'])}: fixed {last.fixed}, "
                 f"specificity {last.specificity:.3f}, {last.neurons_changed} neurons, "
                 f"{last.seconds:.1f} s")
        generalization, counted = generalization_for(model, tokenizer, mined, results,
                                                     base_fixed)
        rows[name] = row_metrics(results, generalization, counted)
    return rows


def base_generalization(model, tokenizer, mined) -> dict[str, bool]:
    """Whether the base model already completes each rephrasing (those are not counted)."""
    from spf.neural.cases import encode_cases, score_cases

    encoded = encode_cases(tokenizer, mined["generalization"], model=model)
    return {case.id: score.fixed
            for case, score in zip(mined["generalization"], score_cases(model, encoded))}


def generalization_for(model, tokenizer, mined, results, base_fixed):
    """Generalization in the single setting: the rephrasing of each case, after its repair,
    counted only where the base model fails the rephrasing. Returns (fraction, count).

    Measured by re-applying each case's patch (patches apply to the base exactly)."""
    from spf.neural.cases import encode_case, score_cases

    by_id = {case.id[:-2]: case for case in mined["generalization"]}
    outcomes = []
    for case, result in zip(mined["failures"], results):
        rephrased = by_id.get(case.id)
        if rephrased is None or base_fixed.get(rephrased.id):
            continue
        if not result.fixed:
            outcomes.append(False)
            continue
        encoded = encode_case(tokenizer, rephrased, max_length=model.config.n_positions)
        result.patch.apply(model)
        (score,) = score_cases(model, [encoded])
        result.patch.revert(model)
        outcomes.append(score.fixed)
    return fraction(outcomes), len(outcomes)


def joint_setting(model, tokenizer, mined, rows_spec, reference, baseline_all):
    rows = {}
    cases = mined["failures"]
    for name, method, method_options in rows_spec:
        note(f"joint setting: {name} on {len(cases)} cases")
        result = run_method(model, tokenizer, cases, method,
                            eval_cases=(mined["specificity"] + mined["unrelated"]
                                        + mined["generalization"]),
                            baseline=baseline_all, reference=reference, options=method_options)
        counted = sum(1 for e in result.eval_cases
                      if e["kind"] == "generalization" and not e["fixed_before"])
        rows[name] = row_metrics([result], result.generalization_failing, counted)
        rows[name]["details"] = {key: value for key, value in result.details.items()
                                 if key in ("epochs", "steps", "failures_before",
                                            "failures_after", "final_ridge", "hold_rows")}
    return rows


def mine_unrelated(tokenizer, files: list[Path], *, count: int, seed: int, exclude: set[str],
                   prompt_chars: int = 600) -> list:
    """Lines of ``files`` whatever the model predicts there (the usual locality population):
    a random natural cut of a random line, the target the rest of the line (2-10 tokens);
    lines already used as cases (``exclude``: ``stem:line``) are skipped."""
    from spf.neural.cases import RepairCase

    rng = random.Random(seed + 7)
    found = []
    for path, text, lines, starts, picks in candidate_lines(files, rng, exclude):
        for index in rng.sample(picks, min(len(picks), 4)):
            line = lines[index].rstrip()
            indent = len(line) - len(line.lstrip())
            cuts = [position + 1 for position in range(indent + 2, len(line) - 1)
                    if line[position] in CUT_AFTER]
            cuts = [cut for cut in cuts
                    if 2 <= len(tokenizer(line[cut:], add_special_tokens=False)["input_ids"])
                    <= 10]
            if not cuts:
                continue
            cut = starts[index] + rng.choice(cuts)
            prompt = text[max(0, starts[index] - prompt_chars): cut]
            found.append(RepairCase(f"{path.stem}:{index + 1}~u", prompt,
                                    text[cut: starts[index] + len(line)], "specificity"))
            if len(found) >= count:
                return found
    return found


def sequential_setting(model, tokenizer, mined, method, reference, options, baseline, count,
                       *, keep: bool = False):
    """``count`` repairs one after another on the same model; specificity as they pile up.

    With ``keep``, each repair gets the cases fixed so far as ``keep`` cases (the API's
    ``repair(..., keep=...)``), so it must not undo them."""
    from spf.neural.cases import encode_cases, evaluate, score_cases
    from spf.neural.patch import combined_report, revert_patches
    from spf.neural.repair import repair

    note(f"sequential setting: {count} {method} repairs" + (" (keep earlier)" if keep else ""))
    patches, track, fixed, done, seconds = [], [], 0, [], 0.0
    cases = (mined["failures"] * ((count // max(1, len(mined["failures"]))) + 1))[:count]
    seen_ids: set[str] = set()
    for number, case in enumerate(cases, start=1):
        if case.id in seen_ids:
            break  # fewer distinct cases than requested
        seen_ids.add(case.id)
        result = repair(model, tokenizer, [case], method=method, reference=reference,
                        keep=list(done) if keep else None, **options.get(method, {}))
        patches.append(result.patch)
        seconds += result.seconds
        fixed += result.fixed
        if result.fixed:
            done.append(case)
        if number % 5 == 0 or number == len(cases):
            now = evaluate(model, baseline)
            track.append({"repairs": number, "fixed": fixed, "specificity": now.specificity,
                          "specificity_token": now.specificity_token})
    # every earlier fix still holding at the end?
    encoded = encode_cases(tokenizer, [c for c in cases if c.id in seen_ids], model=model)
    still = sum(score.fixed for score in score_cases(model, encoded))
    report = combined_report(patches) if any(p.tensors for p in patches) else {
        "neurons_changed": 0, "params_changed": 0}
    revert_patches(model, patches)
    return {"method": method, "keep": keep, "repairs": len(patches), "fixed_when_made": fixed,
            "still_fixed_at_end": still, "seconds": round(seconds, 2), "track": track,
            "neurons_changed": report["neurons_changed"],
            "params_changed": report["params_changed"]}


# ---------------------------------------------------------------- output


def print_table(results: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    def show(value, digits=3):
        if value is None:
            return "-"
        if isinstance(value, float):
            return f"{value:.{digits}f}"
        return str(value)

    console = Console(width=200)
    table = Table(title=f"spf repair benchmark (torch threads: {results['threads']})")
    for column in ("setting", "method", "cases", "effectiveness", "generalization (n)",
                   "specificity right (min)", "specificity all (min)", "specificity (token)",
                   "seconds", "neurons", "params", "reference tokens"):
        table.add_column(column)
    for setting in ("single", "joint", "ablate"):
        for method, row in results.get(setting, {}).items():
            table.add_row(setting, method, show(row["cases"]), show(row["effectiveness"]),
                          f"{show(row['generalization'])} ({row['generalization_cases']})",
                          f"{show(row['specificity'])} ({show(row['specificity_min'], 2)})",
                          f"{show(row['specificity_all'])} "
                          f"({show(row['specificity_all_min'], 2)})",
                          show(row["specificity_token"]), show(row["seconds"], 2),
                          show(row["neurons"]), show(row["params"]),
                          show(row["reference_tokens"]))
    console.print(table)
    for name in ("sequential", "sequential_keep"):
        sequential = results.get(name)
        if not sequential:
            continue
        console.print(f"{name} ({sequential['method']}): {sequential['repairs']} repairs, "
                      f"{sequential['fixed_when_made']} fixed when made, "
                      f"{sequential['still_fixed_at_end']} still fixed at the end, "
                      f"{sequential['neurons_changed']} neurons / "
                      f"{sequential['params_changed']} parameters changed in all, "
                      f"{sequential['seconds']} s of repairs")
        for point in sequential["track"]:
            console.print(f"  after {point['repairs']:3d} repairs: specificity "
                          f"{point['specificity']:.3f} (token {point['specificity_token']:.3f})")
    mining = results["mining"]
    console.print(f"mined {mining['mined_failures']} failing and {mining['mined_right']} right "
                  f"lines from {mining['unseen_files']} unseen files; wrong tokens per failing "
                  f"line: {mining['wrong_tokens_histogram']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", help="a trained model folder (default: build the tiny one)")
    parser.add_argument("--cache", default=str(default_cache()))
    parser.add_argument("--quick", action="store_true", help="smaller settings")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (default 1)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--settings", default="single,joint,sequential")
    parser.add_argument("--methods", default="star,star-paper,mint,mint-paper,sgd,sgd-hold",
                        help=f"rows of the single setting: {', '.join(VARIANTS)}")
    parser.add_argument("--joint-methods", default="star,star-paper,sgd,sgd-hold",
                        help="rows of the joint setting (mint is slow there: it repairs "
                             "case after case, checking every trial on all cases' sequences)")
    parser.add_argument("--ablate", action="store_true",
                        help="the single setting only, each component of --ablate-methods "
                             "switched off in turn (one table)")
    parser.add_argument("--ablate-methods", default="star,mint")
    parser.add_argument("--ablate-rows", default=None,
                        help="only these rows of each method's ablation list (0-based "
                             "indices, comma-separated; 0 is the default): to split a long "
                             "run over processes")
    parser.add_argument("--cases", type=int, default=None,
                        help="cases of the single setting (default 8 quick, 20 full)")
    parser.add_argument("--unrelated", type=int, default=None,
                        help="unrelated lines for the second specificity population "
                             "(default: as many as the specificity lines)")
    parser.add_argument("--sequential-method", default="star")
    parser.add_argument("--sequential-modes", default="plain,keep",
                        help="plain: each repair alone; keep: earlier fixes as keep cases")
    parser.add_argument("--reference-tokens", type=int,
                        help="reference text for hold rows, in tokens (default 8192 quick, "
                             "16384 full)")
    parser.add_argument("--reference-from", choices=("train", "unseen"), default="train",
                        help="hold-row text: windows of training files (default), or of "
                             "unseen files that no mined case comes from")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--option", action="append", default=[], metavar="METHOD.KEY=VALUE",
                        help="a method option, e.g. star.ridge=0.1")
    args = parser.parse_args(argv)
    modes = [mode for mode in args.sequential_modes.split(",") if mode]
    for mode in modes:
        if mode not in ("plain", "keep"):
            parser.error(f"--sequential-modes: unknown mode {mode!r} (plain, keep)")

    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer, set_seed

    torch.set_num_threads(args.threads)
    set_seed(args.seed)
    settings = set(args.settings.split(","))
    methods = [m for m in args.methods.split(",") if m]
    sizes = ({"single": 8, "joint": 10, "sequential": 10, "specificity": 40, "reference": 8192}
             if args.quick else
             {"single": 20, "joint": 20, "sequential": 50, "specificity": 100,
              "reference": 16384})
    if args.reference_tokens is not None:
        sizes["reference"] = args.reference_tokens
    if args.cases is not None:
        sizes["single"] = args.cases
    for name in methods + [m for m in args.joint_methods.split(",") if m]:
        if VARIANTS.get(name, (name,))[0] not in ("star", "mint", "sgd"):
            parser.error(f"unknown method {name!r} ({', '.join(VARIANTS)})")
    if args.ablate:
        settings = {"ablate"}
    ablate_rows = None
    if args.ablate_rows is not None:
        try:
            ablate_rows = {int(part) for part in args.ablate_rows.split(",") if part.strip()}
        except ValueError:
            parser.error(f"--ablate-rows: {args.ablate_rows!r} is not a list of row indices")
    for method in [m for m in args.ablate_methods.split(",") if m]:
        if method not in ABLATIONS:
            parser.error(f"--ablate-methods: no ablations for {method!r} "
                         f"({', '.join(ABLATIONS)})")
        if ablate_rows and not ablate_rows <= set(range(len(ABLATIONS[method]))):
            parser.error(f"--ablate-rows: {method} has rows 0..{len(ABLATIONS[method]) - 1}")
    options: dict[str, dict[str, Any]] = {}
    for text in args.option:
        key, value = text.split("=", 1)
        method, name = key.split(".", 1)
        try:
            parsed = json.loads(value)
        except json.JSONDecodeError:
            parsed = value
        options.setdefault(method, {})[name] = parsed

    model_dir = ensure_model(args)
    model = AutoModelForCausalLM.from_pretrained(str(model_dir)).eval()
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    seen, unseen = split_corpus(model_dir)
    started = time.perf_counter()
    wanted = max(sizes["single"], sizes["joint"], sizes["sequential"])
    note("mining cases (cached after the first run)")
    mined = cached_mining(Path(args.cache), model_dir, model, tokenizer, unseen,
                          failures_wanted=wanted, specificity_wanted=sizes["specificity"],
                          seed=args.seed)
    if args.reference_from == "train":
        pool = seen
    else:  # text like the cases' (never trained on), from files no case or eval line uses
        used = {case.id.split(":")[0] for name in ("failures", "specificity")
                for case in mined[name]}
        pool = [path for path in unseen if path.stem not in used]
    reference = reference_texts(pool, tokenizer, tokens=sizes["reference"], seed=args.seed)
    results: dict[str, Any] = {
        "threads": torch.get_num_threads(), "model": str(model_dir), "quick": args.quick,
        "model_steps": json.loads((model_dir / "spf_tiny.json").read_text()).get("steps")
        if (model_dir / "spf_tiny.json").is_file() else None,
        "mining": {"unseen_files": len(unseen), "mined_failures": mined["mined_failures"],
                   "mined_right": mined["mined_right"],
                   "wrong_tokens_histogram": mined["wrong_tokens_histogram"],
                   "failures": len(mined["failures"]),
                   "generalization": len(mined["generalization"]),
                   "specificity": len(mined["specificity"]),
                   "seconds": round(time.perf_counter() - started, 1)},
        "options": options, "reference_tokens": sizes["reference"],
        "reference_from": args.reference_from}
    from spf.neural.cases import evaluation_baseline

    used_lines = {case.id.split("~")[0] for name in ("failures", "specificity")
                  for case in mined[name]}
    mined["unrelated"] = mine_unrelated(tokenizer, unseen, count=args.unrelated or len(
        mined["specificity"]), seed=args.seed, exclude=used_lines)
    results["mining"]["unrelated"] = len(mined["unrelated"])
    baseline_spec = evaluation_baseline(model, tokenizer, mined["specificity"])
    baseline_both = evaluation_baseline(model, tokenizer,
                                        mined["specificity"] + mined["unrelated"])
    base_fixed = base_generalization(model, tokenizer, mined)
    results["mining"]["rephrasings_base_fails"] = sum(not v for v in base_fixed.values())
    if "single" in settings:
        subset = dict(mined, failures=mined["failures"][: sizes["single"]])
        rows_spec = [(name, *variant_options(name, options)) for name in methods]
        results["single"] = single_setting(model, tokenizer, subset, rows_spec, reference,
                                           baseline_both, base_fixed)
    if "ablate" in settings:
        subset = dict(mined, failures=mined["failures"][: sizes["single"]])
        rows_spec = []
        for method in [m for m in args.ablate_methods.split(",") if m]:
            for index, (label, switch) in enumerate(ABLATIONS[method]):
                if ablate_rows is not None and index not in ablate_rows:
                    continue
                rows_spec.append((f"{method} {label}", method,
                                  {**options.get(method, {}), **switch}))
        results["ablate"] = single_setting(model, tokenizer, subset, rows_spec, reference,
                                           baseline_both, base_fixed)
    if "joint" in settings:
        subset = dict(mined, failures=mined["failures"][: sizes["joint"]])
        ids = {case.id for case in subset["failures"]}
        subset["generalization"] = [case for case in mined["generalization"]
                                    if case.id[:-2] in ids]
        baseline_all = evaluation_baseline(
            model, tokenizer, subset["specificity"] + subset["unrelated"]
            + subset["generalization"])
        rows_spec = [(name, *variant_options(name, options))
                     for name in args.joint_methods.split(",") if name]
        results["joint"] = joint_setting(model, tokenizer, subset, rows_spec, reference,
                                         baseline_all)
    if "sequential" in settings:
        method = args.sequential_method
        for mode in modes:
            name = "sequential" if mode == "plain" else "sequential_keep"
            base_method, method_options = variant_options(method, options)
            results[name] = sequential_setting(model, tokenizer, mined, base_method, reference,
                                               {base_method: method_options}, baseline_spec,
                                               sizes["sequential"], keep=mode == "keep")
    results["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps(results, indent=2, default=str))
    else:
        print_table(results)
        print(f"total {results['seconds']} s (mining {results['mining']['seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
