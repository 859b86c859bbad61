"""The record-query synthesizer in the implement stage: commands no interpretation fits.

After the ranked and the wider candidates (``choose.py``), a command whose spec cases still
fail is searched for in the query language of ``spf.synthesis.query``. The example states
come from one sandboxed run of the project as chosen so far: every step of every case
that involves such a command runs, and the store's records are read before and after it
(the command's own steps are replaced by the program's effect in the search; the other
commands' steps are replayed from what they did). The programs the search keeps are
rendered as click command bodies and checked like every other candidate, by the real
harness in the sandbox; one is kept only when every case of its command passes.
"""

from __future__ import annotations

import re
from typing import Any

from spf.pipeline import PipelineState

SNAPSHOT = r'''
import importlib, json, os, sys, tempfile
from click.testing import CliRunner

spec = json.load(open(sys.argv[1], encoding="utf-8"))
sys.path.insert(0, os.getcwd())
namespace = vars(importlib.import_module(spec["package"] + ".cli"))
root = os.getcwd()
for command, sources in spec["sources"].items():
    exec(compile(sources[0], "<chosen>", "exec"), namespace)


def records():
    found = {}
    for store, name in spec["stores"].items():
        try:
            found[store] = [item.to_dict() for item in namespace[name]().all()]
        except Exception:
            found[store] = None
    return found


states = []
for case in spec["cases"]:
    runner = CliRunner()
    seen = []
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        try:
            for argv, expected, status in case["steps"]:
                before = records()
                try:
                    runner.invoke(namespace["cli"], argv)
                except Exception:
                    pass
                seen.append([before, records()])
        finally:
            os.chdir(root)
    states.append(seen)
print(json.dumps({"states": states}, default=str))
'''


def query_budget(state: PipelineState):
    """The search's bound: ``[spf.query]`` of spf.toml (``programs``, ``milliseconds``),
    else the defaults of ``spf.synthesis.query.Budget``."""
    from spf.synthesis.query import budget_from_settings

    return budget_from_settings(dict(getattr(state.options, "query", None) or {}))


def stated_checks(state: PipelineState, name: str) -> list[str]:
    """The checks on the arguments the command's words state ("a --night that fails valid_night
    prints `not a date: NIGHT`"), made first in any body the search finds: the examples may
    never refuse one, the words still do (an option left out is not checked)."""
    from spf_plugins.stages.commands import _check_lines, _may_be_left_out

    command = next(c for c in state.project.commands if c.name == name)
    interpretation = state.cache["interpretations"][name]
    left_out = _may_be_left_out(command)
    lines = []
    for guard in interpretation.guards:
        if guard.kind in ("check", "predicate") and not guard.condition.startswith("refuses(") \
                and "item." not in guard.condition:
            lines += _check_lines(guard, command, left_out)
    return lines


def synthesize_commands(state: PipelineState, failing: list[str], cases: list[dict],
                        units: dict, first_failures: dict[str, int] | None = None
                        ) -> dict[str, dict[str, Any]]:
    """Search the query language for each failing command; check what it finds in the
    sandbox. ``first_failures`` (case name -> the 0-based step that fails first as chosen)
    says where a case's states stop being trustworthy. Returns, per command searched, its report (``found`` programs, what was
    enumerated and kept, seconds, the program kept and its body, or why none)."""
    from spf_plugins.stages.choose import run_harness
    from spf_plugins.stages.commands import agreeing
    from spf_plugins.stages.render import render_code_unit
    from spf_plugins.stages.views import store_class_name

    from spf.interpretation import number_agreement
    from spf.synthesis.query import render, synthesize_query

    chosen = state.cache["interpretations"]
    stores = {store.name: store for store in state.project.stores}
    targets = [name for name in failing if _store_of(state, chosen[name], stores) is not None]
    if not targets:
        return {}
    involved = [case for case in cases if any(name in case["commands"] for name in targets)]
    current = {name: render_code_unit(state, unit, interface=False) for name, unit in units.items()
               if name in chosen}
    snapshot = run_harness(state, {name: [source] for name, source in current.items()}, involved,
                           script=SNAPSHOT, extra={"stores": {
                               store.name: store_class_name(store) for store in stores.values()}})
    reports: dict[str, dict[str, Any]] = {}
    if "error" in snapshot:
        return {name: {"found": 0, "reason": f"the example states could not be read: "
                                              f"{snapshot['error']}"} for name in targets}
    budget = query_budget(state)
    sources: dict[str, list[str]] = {}
    found: dict[str, list] = {}
    tasks = {}
    for name in targets:
        store = _store_of(state, chosen[name], stores)
        task = query_task(state, name, store, involved, snapshot["states"], ranked(state, name),
                          first_failures or {})
        tasks[name] = task
        try:
            result = synthesize_query(task, budget)
        except Exception as error:  # noqa: BLE001 - a failed search is reported, never fatal
            reports[name] = {"found": 0, "reason": f"the search failed: {type(error).__name__}: "
                                                   f"{error}"}
            continue
        reports[name] = result.report()
        if not result.programs:
            continue
        checks = stated_checks(state, name)
        agreement = number_agreement(state.project)  # "`forgot 1 find`, `forgot 3 finds`": the word agrees
        bodies = ["\n".join([*checks, *(agreeing(line, agreement) for line in render(program, task))])
                  for program in result.programs]
        found[name] = list(zip(result.programs, bodies))
        sources[name] = [current[name]] + [
            render_code_unit(state, units[name], interface=False, body=body) for body in bodies]
    if not sources:
        return reports
    outcome = run_harness(state, sources, cases, initial={name: 0 for name in sources})
    if "error" in outcome:
        for name in sources:
            reports[name]["reason"] = f"the programs found could not be checked: {outcome['error']}"
        return reports
    for name, index in outcome["chosen"].items():
        relevant = [case["name"] for case in cases if name in case["commands"]]
        passed = all(outcome["passed"].get(case["name"]) or _fails_after(case, name, outcome.get("failures", {}))
                     for case in cases if name in case["commands"])
        reports[name]["checked"] = len(found[name])
        if index == 0 or not passed:
            reports[name]["reason"] = (f"none of the {len(found[name])} programs found passes "
                                       f"every case of {name} in the sandbox")
            continue
        program, body = found[name][index - 1]
        reports[name].update(program=program.words(), body=body, reason=None,
                             passed=len(relevant), cases=len(relevant))
    return reports


def _fails_after(case: dict, name: str, failures: dict[str, str]) -> bool:
    """Whether a case fails only at another command's step after the last of ``name``'s own
    (a transcript that charges and then pays, where pay is still wrong): every step of the
    command ran and printed what it must."""
    found = re.match(r"step (\d+):", failures.get(case["name"], ""))
    if found is None:
        return False
    failed = int(found.group(1))
    own = [number for number, (argv, _, _) in enumerate(case["steps"], start=1) if argv and argv[0] == name]
    return bool(own) and failed > max(own) and case["steps"][failed - 1][0][:1] != [name]


def ranked(state: PipelineState, name: str) -> list:
    """The command's ranked interpretations (Layer 2's, not the wider search's)."""
    from spf.interpretation import Interpretation

    design = state.pyramid.design_units.get(f"command:{name}")
    return [Interpretation.from_dict(data) for data in
            (design.interface.get("candidates", []) if design is not None else [])]


def _store_of(state: PipelineState, interpretation, stores: dict):
    if interpretation.store and interpretation.store in stores:
        return stores[interpretation.store]
    return next(iter(stores.values())) if len(stores) == 1 else None


def query_task(state: PipelineState, name: str, store, cases: list[dict], states: list,
               ranked: list, first_failures: dict[str, int]):
    """The plain data the search needs: parameters, fields, words, example states. A case
    whose first failing step is another command's ends before that step: what the store
    holds after it is not what the spec means."""
    from spf_plugins.stages.views import python_name, store_class_name

    from spf.acceptance import match_output
    from spf.interpretation import (
        default_value,
        is_list_type,
        parse_command_line,
        strip_fences,
        type_name,
        words,
    )
    from spf.synthesis.query import Case, Event, Param, QueryTask, Step

    project = state.project
    command = next(command for command in project.commands if command.name == name)
    entity = next(entity for entity in project.entities if entity.name == store.entity)

    def kind(type_ref) -> str:
        if is_list_type(type_ref):
            return "list"
        text = type_name(type_ref)
        return text if text in ("str", "int", "float", "bool") else "other"

    params = [Param(param.name, python_name(param.name), kind(param.type),
                    default_value(param.default) if param.default is not None else None,
                    param.default is None) for param in command.params]
    defaults = {param.name: param.default for param in params if not param.positional}
    text = " ".join(strip_fences(command.description or "").split())
    conditions = " ".join(error.condition for error in command.errors)
    constants: list[Any] = []
    for number in re.findall(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])", text + " " + conditions):
        value = float(number) if "." in number else int(number)
        if value not in constants:
            constants.append(value)
    fields = {field.name: kind(field.type) for field in entity.fields}
    field_defaults = {field.name: default_value(field.default) for field in entity.fields
                      if field.default is not None}
    built = []
    for case, recorded in zip(cases, states):
        if name not in case["commands"]:
            continue
        events = []
        cut = first_failures.get(case["name"], len(case["steps"]))
        if cut < len(case["steps"]) and case["steps"][cut][0][:1] == [name]:
            cut = len(case["steps"])  # its own step fails: the program's effect replaces it
        for number, ((argv, expected, status), (before, after)) in enumerate(
                zip(case["steps"], recorded)):
            if number >= cut:
                break
            if argv and argv[0] == name:
                values = parse_command_line(command, argv[1:])
                args = {**defaults, **(values or {})}
                events.append(Event(step=Step(args, expected, status)))
            else:
                events.append(Event(before=(before or {}).get(store.name),
                                    after=(after or {}).get(store.name)))
        built.append(Case([], events))
    return QueryTask(
        name=name, params=[param for param in params if param.kind != "other"],
        fields={key: value for key, value in fields.items() if value != "other"},
        defaults=field_defaults, words=words(command.name) + words(text), text=text.lower(),
        constants=constants, errors=[(error.message, error.status) for error in command.errors],
        priors=_priors(ranked), cases=built, matches=match_output,
        formats=re.findall(r"`([^`]+)`", text),
        lookups=_lookups(command, ranked),
        empty_message=next((guard.message for candidate in ranked[:1] for guard in candidate.guards
                            if guard.kind == "empty" and guard.status == 0), None),
        store_class=store_class_name(store), entity_class=entity.name,
        functions=_function_programs(state, kind),
        seed=_seed(state.cache.get("interpretations", {}).get(name), params))


def _seed(interpretation, params: list) -> Any:
    """The chosen reading of a list or show as a program of the query language, where every
    piece of it has one: its filters, its order (and tie), its limit. None otherwise."""
    from spf_plugins.stages.views import literal_value

    from spf.synthesis.query import Atom, Program

    if interpretation is None or interpretation.operation not in ("list", "show") or interpretation.select != "all" \
            or interpretation.aggregate is not None or interpretation.best_of or interpretation.expand:
        return None
    flags = {param.name for param in params if param.kind == "bool"}
    atoms = []
    for flt in interpretation.filters:
        op = {"contains": "has", "is true": "true", "is false": "false"}.get(
            flt.op, "~=" if flt.ignore_case and flt.op == "==" else flt.op)
        if op not in ("has", "true", "false", "~=", "==", "!=", "<", "<=", ">", ">=") or flt.call or flt.unless \
                or getattr(flt, "fields", ()) or (flt.when and flt.when not in flags and not (flt.value or "").startswith("param:")):
            return None
        operand = None if op in ("true", "false") else ("param", flt.value[6:]) if (flt.value or "").startswith("param:") \
            else ("const", literal_value(flt.value))
        atoms.append(Atom(flt.field, op, operand, flt.when if flt.when in flags else None))
    order = []
    for sort in (interpretation.order, interpretation.then_by):
        if not sort:
            continue
        if sort[0] == "position":
            order.append(("position", bool(sort[1])))
        elif re.fullmatch(r"\w+", sort[0]):
            order.append((f"field:{sort[0]}", bool(sort[1])))
        else:
            return None
    limit = interpretation.limit
    take = None if not limit else ("param", limit[6:]) if limit.startswith("param:") else (
        ("const", int(limit)) if limit.isdigit() else "?")
    if take == "?":
        return None
    return Program(filters=tuple(atoms), order=tuple(order), take=take)


def _function_programs(state: PipelineState, kind) -> dict[str, tuple[str, str, Any]]:
    """The spec functions of one argument, each as the example-driven synthesizer finds it
    from its own examples (once per generation): what the search places in a step's line or
    an update's value. The body it finds calls the spec function itself."""
    from spf.synthesis.synthesizer import example_program

    found = state.cache.setdefault("function_programs", {})
    for function in state.project.functions:
        if function.name in found or len(function.params) != 1 or function.returns is None or not function.examples:
            continue
        takes, gives = kind(function.params[0].type), kind(function.returns)
        program = example_program(function) if {takes, gives} <= {"str", "int", "float"} else None
        found[function.name] = (takes, gives, program) if program is not None else None
    return {name: entry for name, entry in found.items() if entry is not None}


def _lookups(command, ranked: list) -> list[tuple[str, int]]:
    """Error clauses for "nothing selected": the best reading's lookup and empty guards, and
    clauses worded so ("no item with that name", "a player with no throws")."""
    found = [(guard.message, guard.status) for candidate in ranked[:1]
             for guard in candidate.guards if guard.kind in ("lookup", "empty") and guard.status]
    for error in command.errors:
        if error.status and re.search(r"\bno such\b|\bno \w+ (with|to|for|of|matches|named|called)\b"
                                      r"|\bwith no\b|\bnothing\b|\bnot found\b|\bempty\b"
                                      r"|does not exist|\bunknown\b", error.condition.lower()):
            found.append((error.message, error.status))
    return list(dict.fromkeys(found))


def _priors(ranked: list) -> dict[str, set]:
    """The pieces of the command's best-ranked interpretations, as the search's priors;
    and whether its readings read or write."""
    pieces: set = set()
    kinds = {"write" if candidate.operation in ("add", "update", "remove") else "read"
             for candidate in ranked}
    for candidate in ranked[:3]:  # the best readings only: the rest are far from the words
        for flt in candidate.filters:
            op = {"contains": "has", "any contains": "in", "is true": "true",
                  "is false": "false"}.get(flt.op, "~=" if flt.ignore_case else flt.op)
            pieces |= {("filter", flt.field), ("filter", flt.field, op)}
        if candidate.order:
            pieces.add(("order", candidate.order[0], candidate.order[1]))
            pieces.add(("order", candidate.order[0]))
        if candidate.limit and candidate.limit.startswith("param:"):
            pieces.add(("limit", candidate.limit[6:]))
        elif candidate.limit:
            pieces.add(("limit", candidate.limit))
        aggregate = candidate.aggregate
        if aggregate is not None:
            pieces |= {("aggregate", aggregate.function),
                       ("aggregate", aggregate.function, aggregate.field),
                       ("aggregate", aggregate.field)}
            if aggregate.group_by:
                pieces.add(("grouped", aggregate.group_by, aggregate.function,
                            aggregate.field if aggregate.function != "count" else None))
        for assignment in candidate.assignments:
            pieces |= {("set", assignment.field), ("set", assignment.field, assignment.op)}
    return {"pieces": pieces, "kind": {"both"} if len(kinds) != 1 else kinds}


__all__ = ["query_task", "synthesize_commands"]
