"""Stage 3, implement: bodies from templates where a category knows how, a backend otherwise.

- entities: dataclasses with ``to_dict``/``from_dict``; stores: JSON/CSV/SQLite CRUD;
  the CLI runtime; commands mapped to store operations by their category and
  description (``spf_plugins.stages.commands``): all from templates, backend "template".
- functions: the generate-and-test loop (``spf.loop.implement_function``) with the
  configured backend (``--backend``, default ``symbolic``). A function the loop cannot
  implement, or any function while the loop or the backend is unavailable, keeps an
  explicit ``raise NotImplementedError(...)`` body and is reported as unimplemented.
- commands no store operation or function fits keep a stub and are reported as such.
"""

from __future__ import annotations

import re

from spf import hookimpl
from spf.errors import SpfError
from spf.pipeline import PipelineState, Stage, UnitRecord


class ImplementStage(Stage):
    name = "implement"
    after = ("interfaces",)
    description = "bodies from templates (entities, stores, commands) and the backend (functions)"

    def run(self, state: PipelineState) -> None:
        from spf_plugins.stages.render import command_plans, module_header, render_code_unit

        pending = [unit for unit in state.units.values()
                   if unit.kind in ("class", "function") and unit.status in ("interface", "planned")]
        functions = [unit for unit in pending if unit.design_unit.startswith("function:")]
        self.implement_functions(state, functions)
        commands = [unit for unit in pending if unit.design_unit.startswith("command:")]
        for unit in pending:
            if not unit.design_unit.startswith("function:"):
                unit.source = render_code_unit(state, unit, interface=False)
        rendered_with = command_plans(state)
        if commands:
            self.choose_interpretations(state, render_code_unit)
        plans = command_plans(state)  # after functions: tests of commands using them need to know
        # rendered again only when the choice may have changed something (it ran candidates
        # against the spec's cases): otherwise the sources above are already the final ones
        again = plans is not rendered_with or bool(state.cache.get("choice", {}).get("commands"))
        guesses = guessed_functions(state)  # (once: every command asks about the functions it calls)
        if state.acceptance is not None:  # error clauses made concrete join the contract
            for plan in plans.values():
                for case in plan.error_cases():
                    state.acceptance.add(case)
        for unit in pending:
            if unit.design_unit.startswith("function:"):
                continue
            if again:
                unit.source = render_code_unit(state, unit, interface=False)
            unit.stage = self.name
            unit.backend = "template"
            unit.status, unit.reason = "implemented", None
            if unit.design_unit.startswith("command:"):
                plan = plans[unit.design_unit.split(":", 1)[1]]
                unit.interface["interpretation"] = plan.interpretation.words()
                checked = state.cache.get("choice", {}).get("commands", {}).get(plan.command.name)
                if checked:
                    unit.interface["checked"] = checked
                if self.query_body(state, unit, plan, render_code_unit):
                    continue
                if plan.status != "implemented":
                    unit.status = plan.status
                    reasons = plan.reasons + [f"calls {name}, which is not implemented"
                                              for name in plan.missing_functions] + plan.doubts
                    unit.reason = "; ".join(reasons) or plan.view["stub_message"]
                guessed = {name: guesses[name] for name in plan.uses_functions if name in guesses}
                if unit.status == "implemented" and guessed:  # it can be no surer than what it calls
                    unit.status = "partial"
                    unit.reason = "; ".join(f"calls {name}, a guess ({why})" for name, why in guessed.items())
                failing = checked and checked["passed"] < checked["cases"]
                if plan.unimplemented or failing:
                    self.command_from_backend(state, unit, plan, render_code_unit)
        self.update_function_imports(state, module_header)

    def query_body(self, state: PipelineState, unit: UnitRecord, plan, render_code_unit) -> bool:
        """The body the record-query synthesizer found for the command (checked in the
        sandbox against every spec case of it), if any; what it tried goes in the report."""
        searched = state.cache.get("query", {}).get(plan.command.name)
        if searched is None:
            return False
        unit.interface["query"] = {key: value for key, value in searched.items() if key != "body"}
        if not searched.get("body"):
            return False
        unit.source = render_code_unit(state, unit, interface=False, body=searched["body"])
        unit.backend, unit.status, unit.reason = "query", "implemented", None
        unit.interface["interpretation"] = f"query program: {searched['program']}"
        left = [error.message for error in plan.command.errors if error.message and not _made(error.message, searched["body"])]
        unread = re.findall(r"ignored_option\(['\"](\w+)['\"]", searched["body"])
        reasons = ([f"the query program leaves out the refusals {', '.join(repr(message) for message in left)}"]
                   if left else []) + ([f"the query program does not read {', '.join('--' + name for name in unread)}"]
                                       if unread else [])
        if reasons:  # what the examples never show, the words still ask for
            unit.status, unit.reason = "partial", "; ".join(reasons)
        return True

    def command_from_backend(self, state: PipelineState, unit: UnitRecord, plan,
                             render_code_unit) -> None:
        """A command no interpretation implements (or whose spec cases fail with every
        candidate) goes to the configured backend through the generate-and-test loop,
        exactly like a function; the symbolic backend's synthesizer writes functions only."""
        from spf_plugins.stages.choose import implement_with_backend

        backend, _ = self.backend(state)
        if backend is None or getattr(backend, "prompt_style", "completion") == "structured":
            return
        result = implement_with_backend(
            state, backend, plan, unit,
            lambda body: render_code_unit(state, unit, interface=False, body=body))
        if result.status == "implemented" and result.backend != backend.model_id:
            unit.interface["fallback_from"] = backend.model_id  # a teacher wrote it
        unit.backend, unit.attempts = result.backend, result.attempts
        if result.status == "implemented" and result.source:
            from spf_plugins.stages.views import function_body

            unit.source = render_code_unit(state, unit, interface=False,
                                           body=function_body(result.source, plan.view["function_name"]))
            unit.status, unit.reason = "implemented", None
            unit.interface["interpretation"] = f"written by {result.backend}"
        else:
            unit.reason = "; ".join(part for part in (unit.reason, f"{result.backend}: {result.reason}")
                                    if part)

    def choose_interpretations(self, state: PipelineState, render_code_unit) -> None:
        """Keep, per command, the ranked candidate that passes the spec's own cases."""
        from spf_plugins.stages.choose import choose_interpretations

        state.cache["choice"] = choose_interpretations(
            state, lambda unit: render_code_unit(state, unit, interface=False))

    # -- functions ------------------------------------------------------------

    def implement_functions(self, state: PipelineState, units: list[UnitRecord]) -> None:
        from spf_plugins.stages.render import item_of, render_code_unit

        from spf.synthesis.synthesizer import copied_values, unread_parameters

        if not units:
            return
        backend, reason = self.backend(state)
        looped = self.call_loops(state, units, backend)
        for unit in units:
            function = item_of(state, unit.design_unit)
            result = None
            if backend is not None:
                result, reason_now = (looped[unit.id] if looped is not None
                                      else self.call_loop(state, unit, function, backend))
            else:
                reason_now = reason
            result, reason_now = self.settle(state, unit, function, backend, result, reason_now)
            unit.stage = self.name
            if result is not None and result.status == "implemented" and result.source:
                try:
                    from spf_plugins.stages.views import function_body

                    body = function_body(result.source, function.name)
                except (SyntaxError, ValueError) as error:
                    body, reason_now = None, f"backend output unusable: {error}"
                if body is not None:
                    from spf_plugins.stages.views import module_imports

                    unit.interface["imports"] = module_imports(result.source)
                    unit.source = render_code_unit(state, unit, interface=False, body=body)
                    unit.status, unit.reason = "implemented", None
                    blind = unread_parameters(result.source)
                    copied = copied_values(result.source, [example.call for example in function.examples])
                    if blind:  # it passes the examples without reading an argument: a guess, said so
                        unit.status = "partial"
                        unit.reason = (f"ignores {', '.join(blind)}: the examples pass without "
                                       f"{'it' if len(blind) == 1 else 'them'}, the words may ask for more")
                    elif copied:  # it names an example's value to fit it: a guess too
                        unit.status = "partial"
                        unit.reason = (f"writes the example value {copied[0]!r} as a constant: it fits "
                                       f"that example by naming it, other values are a guess")
                    unit.backend, unit.attempts = result.backend, result.attempts
                    unit.interface["candidates"] = result.candidates
                    continue
            if result is not None:
                unit.backend, unit.attempts = result.backend, result.attempts
                reason_now = reason_now or result.reason or "the backend found no implementation"
            else:
                unit.backend = backend.model_id if backend is not None else state.options.backend
            unit.source = render_code_unit(state, unit, interface=False, body=None, unimplemented=True)
            unit.status, unit.reason = "unimplemented", reason_now

    def call_loops(self, state: PipelineState, units: list[UnitRecord], backend):
        """With ``jobs`` > 1: every unit's loop at once, ``jobs`` at a time (so a server can
        batch them); ``{unit id: (result, reason)}``. None when units go one by one.

        The loops are independent (each unit's prompts, seeds and cache entries are its
        own), and everything after them - fallbacks, outcome hooks, rendering - runs in
        unit order, so the output does not depend on ``jobs``. The first error, in unit
        order, is raised as a sequential run would raise it.
        """
        from concurrent.futures import ThreadPoolExecutor

        from spf_plugins.stages.render import item_of

        jobs = state.options.jobs or getattr(backend, "default_jobs", 1)
        if backend is None or jobs < 2 or len(units) < 2:
            return None
        functions = [item_of(state, unit.design_unit) for unit in units]
        pool = ThreadPoolExecutor(max_workers=min(jobs, len(units)),
                                  thread_name_prefix="spf-implement")
        try:
            futures = [pool.submit(self.call_loop, state, unit, function, backend)
                       for unit, function in zip(units, functions)]
            return {unit.id: future.result() for unit, future in zip(units, futures)}
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def settle(self, state: PipelineState, unit: UnitRecord, function, backend, result,
               reason: str | None):
        """Ask the ``implement_fallback`` hook when the backend failed; tell ``function_outcome``.

        Returns the result to use (the fallback's when it implemented the function) and the
        reason so far. Without plugins implementing these hooks nothing changes.
        """
        if backend is None:
            return result, reason
        from spf.pipeline import settle_with_hooks

        task = state.cache.get("tasks", {}).get(unit.id)
        if task is None:
            return result, reason
        _, fallback = settle_with_hooks(state, unit, task, backend, result)
        if fallback is None:
            return result, reason
        if fallback.status == "implemented":
            unit.interface["fallback_from"] = backend.model_id
            return fallback, None
        why = f"{fallback.backend} (fallback): {fallback.reason}"
        return result, "; ".join(part for part in (reason or (result.reason if result else None),
                                                   why) if part)

    def backend(self, state: PipelineState):
        """The configured backend, or (None, why) when it cannot be used here."""
        from spf.backends import available_backends, get_backend, parse_backend_spec

        manager = state.cache.get("manager")
        name, _ = parse_backend_spec(state.options.backend)
        backends = available_backends(manager)
        if name not in backends:
            if name == "symbolic":  # the built-in default: its absence is reported, not fatal
                return None, "the symbolic backend is not available (plugin not loaded)"
            raise SpfError(f"unknown backend {name!r}",
                           hint=f"available: {', '.join(sorted(backends)) or 'none'}")
        return get_backend(state.options.backend, state.options.backend_options, manager), None

    def call_loop(self, state: PipelineState, unit: UnitRecord, function, backend):
        """Ask the generate-and-test loop for a body; (result, reason-if-none)."""
        try:
            from spf.loop import FunctionTask, implement_function
        except ImportError:
            return None, "the generate-and-test loop (spf.loop) is not available yet"
        from spf_plugins.stages.render import FUNCTION_MODULES
        from spf_plugins.stages.views import trace_location

        referenced = state.project.referenced(function.description) if state.project is not None else ""
        # "as in Pricing above": the project's paragraph the words point to travels with them
        task = FunctionTask(
            name=function.name,
            params=[(param.name, param.type.text) for param in function.params],
            returns=function.returns.text if function.returns else None,
            signature=unit.interface.get("signature") or _signature(function),
            docstring=" ".join(f"{function.description or ''} {referenced}".split()),
            requirement=f"{function.span.text}\n{function.description}\n\n{referenced}".strip(),
            examples=list(function.examples),
            context_source=self.context_source(state),
            allowed_imports=FUNCTION_MODULES,
            trace=trace_location(function.span))
        state.cache.setdefault("tasks", {})[unit.id] = task  # for the fallback and outcome hooks
        try:
            result = implement_function(task, backend)
        except NotImplementedError as error:
            return None, f"not implemented: {error}"
        return result, None

    def context_source(self, state: PipelineState) -> str:
        """The entity classes, so a function body may use them (importable as given), and the
        spec functions the symbolic backend implemented already, so a body may call them ("the
        split is `clock(seconds * 500 / metres)`"). A model's bodies are never among them: the
        synthesizer runs what this holds in-process."""
        units = [unit for unit in state.units.values() if unit.design_unit.startswith("entity:")
                 and unit.kind == "class"]
        units += [unit for unit in state.units.values() if unit.design_unit.startswith("function:")
                  and unit.kind == "function" and unit.status == "implemented" and unit.backend == "symbolic"]
        if not units:
            return ""
        header = ("from __future__ import annotations\n\nfrom dataclasses import dataclass, field\n"
                  "from typing import Any\n\n\n")
        return header + "\n\n\n".join(unit.source for unit in units)

    def update_function_imports(self, state: PipelineState, module_header) -> None:
        """functions.py imports the standard-library modules its bodies use."""
        from spf_plugins.stages.render import FUNCTION_MODULES
        from spf_plugins.stages.views import referenced_modules

        path = f"{state.project.package}/functions.py"
        record = state.files.get(path)
        if record is None:
            return
        used: set[str] = set()
        statements: set[str] = set()
        for unit_id in record.units:
            unit = state.units[unit_id]
            used |= set(referenced_modules(unit.source, FUNCTION_MODULES))
            statements |= set(unit.interface.get("imports", []))
        record.header = module_header(state, path, imports=sorted(used),
                                      statements=sorted(statements))

    def summary(self, state: PipelineState) -> str:
        done = sum(unit.status == "implemented" for unit in state.units.values())
        missing = sum(unit.status in ("unimplemented", "partial") for unit in state.units.values())
        return f"{done} implemented, {missing} unimplemented"


def _signature(function) -> str:
    from spf_plugins.stages.views import function_signature

    return function_signature(function)


@hookimpl
def register_stages(register):
    register(ImplementStage())


def guessed_functions(state: PipelineState) -> dict[str, str]:
    """The spec functions implemented as a guess (``partial``: their examples pass, but the body
    ignores an argument or copies an example's value), by name, with why."""
    return {unit.design_unit.split(":", 1)[1]: unit.reason or "partial" for unit in state.units.values()
            if unit.design_unit.startswith("function:") and unit.kind == "function" and unit.status == "partial"}


def _made(message: str, body: str) -> bool:
    """Whether a body prints a refusal: every literal piece of its message (around its
    placeholders, `no pallet N`, `{name} is taken`) is in the body's text."""
    pieces = [piece.strip() for piece in re.split(r"\b[A-Z][A-Z_]*\b|\{[^{}]*\}", message) if piece.strip()]
    return all(piece in body or piece.replace("'", "\\'") in body or piece.replace('"', '\\"') in body
               for piece in pieces)
