"""Interpretation as search: check each command's candidates against the spec's own examples.

Layer 2 ranks candidate interpretations of every command by its words; here the ranked
candidates are rendered and run against the command-line cases written in spec.md (a
command's examples, in order, in one fresh folder; transcripts), and each command keeps
the best-ranked candidate that passes the most of them. All candidates run in one
sandboxed subprocess (spf.sandbox): the project is written to a temporary folder, each
candidate's function is swapped into the click group, and every case runs through
click's test runner in a fresh working folder. Commands are tried one at a time with the
others fixed (coordinate descent, two rounds), so a transcript that adds then lists
checks both. Nothing here reads the prose again: candidates come from the pyramid.
"""

from __future__ import annotations

import contextlib
import json
import re
import shlex
import sys
import tempfile
from pathlib import Path
from typing import Any

from spf.pipeline import PipelineState

HARNESS = r'''
import importlib, json, os, sys, tempfile, traceback
from click.testing import CliRunner

spec = json.load(open(sys.argv[1], encoding="utf-8"))
sys.path.insert(0, os.getcwd())
cli_module = importlib.import_module(spec["package"] + ".cli")
namespace = vars(cli_module)
root = os.getcwd()


MATCHER


FAILURES = {}


def run_case(case, command=None):
    """Whether every step of the case passes; with ``command``, (that, how many of the
    command's own steps pass when the case runs on past a failing step): a command whose
    steps come after another's failure is still told its candidates apart."""
    runner = CliRunner()
    passed, own = True, 0
    last = max((number for number, (argv, _, _) in enumerate(case["steps"], start=1)
                if argv and argv[0] == command), default=0)  # nothing of its own to count after it
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        try:
            for number, (argv, expected, status) in enumerate(case["steps"], start=1):
                result = runner.invoke(namespace["cli"], argv)
                code = result.exit_code
                output = result.output
                if result.exception is not None and not isinstance(result.exception, SystemExit):
                    code, output = 1, output + repr(result.exception)
                if code != status or (expected is not None and not match_output(expected, output)):
                    if passed:
                        FAILURES[case["name"]] = (
                            f"step {number}: $ {' '.join(argv)}: expected exit {status} and "
                            f"{expected!r}, got exit {code} and {output.splitlines()[-5:]!r}")
                    passed = False
                    if command is None:
                        return False
                elif command is not None and argv and argv[0] == command:
                    own += 1
                if not passed and number >= last:
                    break
            return passed if command is None else (passed, own)
        finally:
            os.chdir(root)


def install(command, index):
    exec(compile(spec["sources"][command][index], "<candidate>", "exec"), namespace)


chosen = dict(spec["initial"])
for command, index in chosen.items():
    install(command, index)
tried = 0
for _round in range(2):
    changed = False
    for command, sources in spec["sources"].items():
        relevant = [case for case in spec["cases"] if command in case["commands"]]
        if not relevant or len(sources) < 2:
            continue
        best = None
        for index in range(len(sources)):
            try:
                install(command, index)
                runs = [run_case(case, command) for case in relevant]
                score = (sum(whole for whole, _ in runs), sum(own for _, own in runs))
            except Exception:
                score = (-1, -1)
            tried += 1
            if best is None or score > best[0]:
                best = (score, index)
            if score[0] == len(relevant):
                break
        changed |= best[1] != chosen[command]
        chosen[command] = best[1]
        install(command, best[1])
    if not changed:
        break
FAILURES.clear()
passed = {case["name"]: run_case(case) for case in spec["cases"]}
print(json.dumps({"chosen": chosen, "passed": passed, "tried": tried, "failures": FAILURES}))
'''


def harness_source() -> str:
    """The harness, with the transcript matcher of ``spf.acceptance`` copied in (the child
    does not import spf: one set of matching rules, the generated tests' own)."""
    import inspect

    from spf.acceptance import _line_pattern, match_output

    return HARNESS.replace("MATCHER", inspect.getsource(_line_pattern) + "\n\n"
                           + inspect.getsource(match_output))


def run_harness(state: PipelineState, sources: dict[str, list[str]], cases: list[dict],
                initial: dict[str, int] | None = None, script: str | None = None,
                extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Write the project as it stands, swap candidates in, run the cases: one sandboxed run
    (of ``script``, the harness by default, which reads ``extra`` too)."""
    from spf.files import safe_join
    from spf.sandbox import run, scrubbed_environment

    files = state.unit_sources()
    with tempfile.TemporaryDirectory(prefix="spf-choose-") as folder:
        for relative, text in files.items():
            target = safe_join(folder, relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        spec = {"package": state.project.package, "sources": sources, "cases": cases,
                "initial": initial or {name: 0 for name in sources}, **(extra or {})}
        (Path(folder) / "_spf_choose.json").write_text(json.dumps(spec), encoding="utf-8")
        (Path(folder) / "_spf_choose.py").write_text(script or harness_source(), encoding="utf-8")
        result = run([sys.executable, "_spf_choose.py", "_spf_choose.json"], cwd=folder,
                     timeout=max(30.0, float(state.options.verify_timeout)),
                     env=scrubbed_environment({"PYTHONPATH": folder}))
    try:
        return json.loads(result.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"error": (result.stderr or result.stdout)[-500:] or "the check did not run"}


def command_cases(project) -> list[dict[str, Any]]:
    """Command-line cases from spec.md alone: each command's examples, then transcripts."""
    from spf.interpretation import spec_sequences

    cases = []
    for index, sequence in enumerate(spec_sequences(project), start=1):
        steps = [[list(argv), expected, status] for argv, expected, status in sequence]
        cases.append({"name": f"case_{index}", "steps": steps,
                      "commands": sorted({argv[0] for argv, _, _ in steps if argv})})
    return cases


@contextlib.contextmanager
def _lines_of(state: PipelineState, program: dict):
    """Render candidates with the record lines (``format_task``) of ``program``, the readings the
    harness's module is made of: a candidate whose own line would become the store's line
    (a `best` that shows one record) writes that line itself, as it will run there."""
    state.cache["formatters from"] = (tuple(sorted((name, c.signature_key()) for name, c in program.items())),
                                      dict(program))
    try:
        yield
    finally:
        state.cache.pop("formatters from", None)


def choose_interpretations(state: PipelineState, render_unit) -> dict[str, Any]:
    """Check every command's ranked candidates against the spec's cases; keep the best.

    ``render_unit(unit)`` renders a command unit with the interpretations in
    ``state.cache["interpretations"]``. Returns a report: per command, the candidates
    tried, the one kept and whether the spec's cases pass.
    """
    from spf_plugins.stages.render import interpretations

    from spf.interpretation import Interpretation

    cases = command_cases(state.project)
    report: dict[str, Any] = {"cases": len(cases), "commands": {}}
    if not cases:
        return report
    current = interpretations(state)
    units = {unit.design_unit.split(":", 1)[1]: unit for unit in state.units.values()
             if unit.design_unit.startswith("command:") and unit.kind == "function"}
    sources: dict[str, list[str]] = {}
    candidates: dict[str, list[Interpretation]] = {}
    covered = {name for case in cases for name in case["commands"]}
    chosen = state.cache.setdefault("interpretations", {})
    for design in state.pyramid.design_units.values():
        name = design.id.split(":", 1)[1]
        if not design.id.startswith("command:") or name not in units or name not in covered:
            continue
        ranked = [Interpretation.from_dict(data) for data in design.interface.get("candidates", [])]
        if not ranked:
            continue
        rendered = []
        with _lines_of(state, current):  # each candidate against the program it is tried in
            for candidate in ranked:
                chosen[name] = candidate
                rendered.append(render_unit(units[name]))
        chosen[name] = current[name]
        sources[name] = rendered
        candidates[name] = ranked
    if not sources:
        return report
    outcome = run_harness(state, sources, cases)
    if "error" in outcome:
        report["error"] = outcome["error"]
        return report
    for name, index in outcome["chosen"].items():
        chosen[name] = candidates[name][index]
    failing = [name for name in outcome["chosen"]
               if not all(outcome["passed"].get(case["name"]) for case in cases
                          if name in case["commands"])]
    tried = outcome.get("tried", 0)
    if failing:
        outcome, tried = _search_wider(state, failing, candidates, cases, units, render_unit,
                                       outcome, tried)
        outcome = _search_queries(state, failing, cases, units, outcome, report)
    _borrow_from_chosen(state, cases, chosen)
    for name, ranked in candidates.items():
        index = ranked.index(chosen[name]) if chosen[name] in ranked else 0
        relevant = [case["name"] for case in cases if name in case["commands"]]
        report["commands"][name] = {
            "candidates": len(ranked), "chosen": index,
            "interpretation": chosen[name].words(),
            "cases": len(relevant), "widened": name in failing,
            "passed": sum(bool(outcome["passed"].get(case)) for case in relevant)}
        if name in report.get("query", {}):
            report["commands"][name]["query"] = report["query"][name]
    report["tried"] = tried
    report["passed"] = outcome["passed"]
    return report


def _borrow_from_chosen(state: PipelineState, cases: list[dict], chosen) -> None:
    """A command no spec case covers takes what its words borrow ("same format as list")
    from the reading the lender keeps after the check, not from its best-ranked one."""
    from spf_plugins.stages.render import interpretations

    from spf.interpretation import ProjectIndex, borrow_from_chosen

    covered = {name for case in cases for name in case["commands"]}
    in_use = interpretations(state)
    index = ProjectIndex(state.project)  # one for the whole pass
    for command in state.project.commands:
        if command.name in covered or command.name not in in_use:
            continue
        borrowed = borrow_from_chosen(command, state.project, in_use[command.name], in_use, index)
        if borrowed is not in_use[command.name]:
            chosen[command.name] = borrowed


WIDE_LIMIT = 150  # candidates per command in the wider search (a deterministic time bound)


def _search_wider(state, failing, candidates, cases, units, render_unit, outcome, tried):
    """No ranked reading passes: search the whole candidate space of those commands (all
    operations, filters, orders, limits, outputs), best-ranked first, the others fixed at
    their choice; the harness keeps the first candidate that passes the most cases."""
    from spf.interpretation import interpret_command

    chosen = state.cache["interpretations"]
    for name, unit in units.items():  # the project as chosen so far
        if name in chosen:
            unit.source = render_unit(unit)
    stores = {store.name: store for store in state.project.stores}
    sources: dict[str, list[str]] = {}
    wide: dict[str, list] = {}
    for name in failing:
        command = next(c for c in state.project.commands if c.name == name)
        current = chosen[name]
        store = stores.get(current.store) if current.store else None
        seen = {candidate.signature_key() for candidate in candidates[name]}
        more = [c for c in interpret_command(command, state.project, store, wide=True,
                                             limit=WIDE_LIMIT) if c.signature_key() not in seen]
        if not more:
            continue
        wide[name] = [current, *more]
        rendered = []
        with _lines_of(state, {**chosen}):
            for candidate in wide[name]:
                chosen[name] = candidate
                rendered.append(render_unit(units[name]))
        chosen[name] = current
        sources[name] = rendered
    if not sources:
        return outcome, tried
    second = run_harness(state, sources, cases)
    if "error" in second:
        return outcome, tried
    for name, index in second["chosen"].items():
        chosen[name] = wide[name][index]
        candidates[name] = candidates[name] + wide[name][1:]
    return second, tried + second.get("tried", 0)


def _search_queries(state, failing, cases, units, outcome, report):
    """Commands whose cases still fail: the record-query synthesizer (``query.py``); a
    program it finds replaces the command's body once the sandbox passes every case."""
    from spf_plugins.stages.query import synthesize_commands

    blamed = set()  # the command of the first step that fails, per failing case
    first: dict[str, int] = {}
    for case in cases:
        found = re.match(r"step (\d+):", outcome.get("failures", {}).get(case["name"], ""))
        if found and int(found.group(1)) <= len(case["steps"]):
            first[case["name"]] = int(found.group(1)) - 1
            argv = case["steps"][first[case["name"]]][0]
            blamed.add(argv[0] if argv else "")
    still = [name for name in failing if name in blamed and not all(  # (the wider search may have found one
        outcome["passed"].get(case["name"]) for case in cases if name in case["commands"])]  # that passes: kept)
    if not still:
        return outcome
    report["query"] = synthesize_commands(state, still, cases, units, first)
    state.cache["query"] = report["query"]
    passed = dict(outcome["passed"])
    for name, searched in report["query"].items():
        if searched.get("body"):  # every case of it passed in the sandbox with this body
            passed.update({case["name"]: True for case in cases if name in case["commands"]})
    return {**outcome, "passed": passed}


# ---------------------------------------------------------------- a backend writes the body


def command_task(state: PipelineState, plan, unit):
    """The ``FunctionTask`` a backend gets for a command: the spec item, the interface,
    the store's API and the command-line cases its body must pass."""
    from spf_plugins.stages.commands import param_annotation
    from spf_plugins.stages.views import store_class_name, trace_location

    from spf.interpretation import strip_fences
    from spf.loop import FunctionTask

    command = plan.command
    project = state.project
    lines = [command.span.text or f"## Command: {command.name}", strip_fences(command.description)]
    lines += [f"- error: {error.condition} prints {error.message!r} and exits with status "
              f"{error.status}" for error in command.errors]
    lines.append("")
    lines.append("It is a click command of the program; its parameters arrive as arguments. "
                 "Print with click.echo(text); for an error call fail(message, status), "
                 "which prints to stderr and exits.")
    for store in project.stores:
        entity = next(e for e in project.entities if e.name == store.entity)
        fields = ", ".join(f"{f.name}: {f.type.text}" + (f" = {f.default}" if f.default else "")
                           for f in entity.fields)
        lines.append(f"Records: {entity.name}({fields}). Store: {store_class_name(store)}() "
                     f"with all() -> list[{entity.name}], add(item) -> int (0-based position), "
                     f"get(index), update(index, item), remove(index) (0-based indexes).")
    if project.functions:
        lines.append("Functions it may call: " + "; ".join(
            f"{function.signature}" for function in project.functions))
    cases = [case for case in command_cases(project) if command.name in case["commands"]]
    for case in cases:
        lines.append("Must pass, in a fresh folder:")
        for argv, expected, status in case["steps"]:
            lines.append(f"$ {project.name} {shlex.join(argv)}")
            lines.extend(expected or [])
            if status:
                lines.append(f"[{status}]")
    signature = (f"def {plan.view['function_name']}("
                 + ", ".join(f"{python}: {param_annotation(param)}" for python, param in
                             ((param.name, param) for param in command.params)) + ") -> None:")
    return FunctionTask(
        name=plan.view["function_name"],
        params=[(param.name, param_annotation(param)) for param in command.params],
        returns="None", signature=signature,
        docstring=" ".join(strip_fences(command.description or command.name).split()),
        requirement="\n".join(lines), examples=[], context_source="",
        allowed_imports=("json", "datetime", "re", "math"),
        trace=trace_location(command.span)), cases


def implement_with_backend(state: PipelineState, backend, plan, unit, render_body) -> Any:
    """The generate-and-test loop for one command: the backend's candidates are checked
    by the spec's command-line cases in the sandbox; None when the loop is not usable.
    Asked through ``spf.pipeline.ask_backend``, so a teacher may answer and the correction
    reaches the learning hooks like a function's."""
    from spf_plugins.stages.views import function_body

    from spf.pipeline import ask_backend

    task, cases = command_task(state, plan, unit)

    def check(source: str) -> str | None:
        if not cases:
            return None  # nothing to check it against: kept, and reported unchecked
        body = function_body(source, task.name)
        candidate = render_body(body)
        outcome = run_harness(state, {plan.command.name: [candidate]}, cases)
        if "error" in outcome:
            return f"the cases did not run: {outcome['error']}"
        failed = [name for name, ok in outcome["passed"].items() if not ok]
        return outcome["failures"].get(failed[0], failed[0]) if failed else None

    return ask_backend(state, unit, task, backend, check=check)  # learning hooks included
