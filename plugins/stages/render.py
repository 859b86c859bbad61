"""Rendering helpers the stages share: the template environment, contexts, module headers.

Everything a template receives is built here or in ``views``/``commands``; the stages
decide *when* a unit is rendered and record *who* produced it.
"""

from __future__ import annotations

import pickle
from typing import Any

from spf_plugins.stages.views import store_path, trace_of

from spf.pipeline import PipelineState
from spf.templating import render, template_environment

VERSION = "0.1.0"
# Standard-library modules a backend's function body may use (imported in functions.py).
FUNCTION_MODULES = ("collections", "datetime", "decimal", "functools", "itertools", "json", "math", "re",
                    "statistics", "string", "textwrap")


def environment(state: PipelineState):
    if "environment" not in state.cache:
        state.cache["environment"] = template_environment(state.options.templates,
                                                          manager=state.cache.get("manager"))
    return state.cache["environment"]


def render_template(state: PipelineState, name: str, **context: Any) -> str:
    return render(environment(state), name, **context)


def categories(state: PipelineState) -> dict[str, str]:
    """Command name -> its most specific category (``command.add``, ..., ``command``)."""
    return {design.id.split(":", 1)[1]: design.category
            for design in state.pyramid.design_units.values() if design.id.startswith("command:")}


def function_status(state: PipelineState) -> set[str]:
    """Names of functions with no body yet (one that ignores an argument, partial, has one)."""
    record = state.files.get(f"{state.project.package}/functions.py")
    units = [state.units[unit_id] for unit_id in record.units] if record else []
    return {unit.design_unit.split(":", 1)[1] for unit in units
            if unit.kind == "function" and unit.status not in ("implemented", "partial")}


class ChosenInterpretations(dict):
    """``state.cache["interpretations"]`` (command name -> the interpretation chosen): a dict
    that counts its changes, so the plans are rebuilt when a choice changes, without
    comparing every command's interpretation for every rendered unit."""

    version = 0

    def __setitem__(self, key, value) -> None:
        self.version += 1
        super().__setitem__(key, value)

    def __delitem__(self, key) -> None:
        self.version += 1
        super().__delitem__(key)

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    def pop(self, *args):
        self.version += 1
        return super().pop(*args)

    def update(self, *args, **kwargs) -> None:
        self.version += 1
        super().update(*args, **kwargs)

    def clear(self) -> None:
        self.version += 1
        super().clear()


def interpretations(state: PipelineState) -> dict:
    """Command name -> the interpretation in use: the one the implement stage checked
    against the spec's examples, else Layer 2's best-ranked candidate.

    Asked for every rendered unit: the answer is kept until a choice changes, a stage
    ends (a pause between stages may edit Layer 2) or the pyramid is replaced.
    """
    chosen = state.cache.setdefault("interpretations", ChosenInterpretations())
    token = (id(state.pyramid), len(state.completed), id(chosen), getattr(chosen, "version", None))
    cached = state.cache.get("interpretations in use")
    if cached is not None and cached[0] == token and isinstance(chosen, ChosenInterpretations):
        return cached[1]
    result = {}
    read = state.cache.get("interpretations read")
    if read is None or read[0] is not state.pyramid:  # the pyramid is kept alive with its id
        read = state.cache["interpretations read"] = (state.pyramid, {})
    for design in state.pyramid.design_units.values():
        if design.id.startswith("command:") and "interpretation" in design.interface:
            name = design.id.split(":", 1)[1]
            result[name] = chosen.get(name) or _read(read[1], name, design.interface["interpretation"])
    if isinstance(chosen, ChosenInterpretations):
        version = state.cache.get("interpretations in use", (None, None, 0))[2] + 1
        # the pyramid and the dict are kept alive with the token, so their ids stay theirs
        state.cache["interpretations in use"] = (token, result, version, state.pyramid, chosen)
    return result


def _read(read: dict, name: str, data: dict):
    """Layer 2's interpretation of a command as an object, read again only when its dict
    changed since the last read (a pause may edit Layer 2 between stages): what pickle
    writes of the dict is compared, far cheaper than ``from_dict`` and its ``repr``."""
    from spf.interpretation import Interpretation

    snapshot = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    known = read.get(name)
    if known is None or known[1] != snapshot:
        interpretation = Interpretation.from_dict(data)
        known = read[name] = (data, snapshot, interpretation, repr(interpretation))
    return known[2]


def _repr(state: PipelineState, name: str, interpretation) -> str:
    """``repr(interpretation)``, kept for those read from Layer 2 (never changed in place:
    an edit of Layer 2 makes a new object)."""
    read = state.cache.get("interpretations read")
    known = read[1].get(name) if read is not None else None
    if known is not None and known[2] is interpretation:
        return known[3]
    return repr(interpretation)


def command_plans(state: PipelineState):
    from spf_plugins.stages.commands import plan_commands

    unimplemented = function_status(state)
    chosen = interpretations(state)
    cached = state.cache.get("interpretations in use")
    if cached is not None and cached[1] is chosen:  # the kept answer: its version says it all
        version: object = cached[2]
    else:  # a plain dict of choices: compare what the interpretations say
        version = tuple(sorted((name, c.signature_key()) for name, c in chosen.items()))
    formatting = state.cache.get("formatters from")  # while candidates are tried: (its key, the program's readings)
    key = ("plans", frozenset(unimplemented), version, formatting[0] if formatting else None)
    if state.cache.get("plans_key") != key:
        # a new version (a stage ended) seldom says anything new: rebuilt when it does
        found = categories(state)
        content = (frozenset(unimplemented), tuple(sorted(found.items())),
                   choices_content(state, chosen), formatting[0] if formatting else None)
        if state.cache.get("plans_content") != content:
            state.cache["plans"] = plan_commands(state.project, found, unimplemented, chosen,
                                                 formatting[1] if formatting else None)
            state.cache["plans_content"] = content
        state.cache["plans_key"] = key
    return state.cache["plans"]


def choices_content(state: PipelineState, chosen: dict) -> tuple:
    """All that the interpretations in use say (``repr`` of each), and the project's
    identity: what the plans and formatters are built from, compared when a version changes."""
    cached = state.cache.get("choices content")
    if cached is not None and cached[0] is chosen:
        return cached[1]
    content = (id(state.project), tuple(sorted((name, _repr(state, name, interpretation))
                                                for name, interpretation in chosen.items())))
    state.cache["choices content"] = (chosen, content, state.project)  # the ids stay theirs
    return content


def formatter_views(state: PipelineState) -> list[dict[str, Any]]:
    """The record formatters of the runtime module, rebuilt only when the choices change."""
    from spf_plugins.stages.commands import formatters

    chosen = interpretations(state)
    content = choices_content(state, chosen)
    cached = state.cache.get("formatters")
    if cached is None or cached[0] != content:
        cached = state.cache["formatters"] = (content, formatters(state.project, chosen))
    return cached[1]


def project_context(state: PipelineState) -> dict[str, Any]:
    project = state.project
    plans = command_plans(state)
    return {
        "project": project, "package": project.package, "version": VERSION,
        "description": " ".join((project.description or project.name).split()),
        "spec_file": state.spec_file,
        "commands": [{"name": command.name, "usage": plans[command.name].usage(),
                      "summary": " ".join((command.description or "").split()),
                      "errors": [{"message": error.message, "status": error.status}
                                 for error in command.errors]}
                     for command in project.commands],
        "stores": [{"name": store.name, "path": store_path(store), "format": store.format,
                    "entity": store.entity} for store in project.stores],
    }


def module_header(state: PipelineState, path: str, imports: list[str] | None = None,
                  statements: list[str] | None = None) -> str:
    project = state.project
    package = project.package
    trace = trace_of(project.span)
    entity_classes = [entity.name for entity in project.entities]
    module = path.rsplit("/", 1)[-1]
    if module == "models.py":
        from spf_plugins.stages.views import record_helpers

        return render_template(state, "module/models.py.j2", project=project, trace=trace,
                               extra_imports=[], helpers=record_helpers(project))
    if module == "stores.py":
        formats = {store.format for store in project.stores}
        modules = {"json", "os", "tempfile"}
        if "csv" in formats:
            modules |= {"csv", "io"}
        if "sqlite" in formats:
            modules.add("sqlite3")
        used = sorted({store.entity for store in project.stores})
        return render_template(state, "module/stores.py.j2", project=project, trace=trace,
                               imports=sorted(modules), entity_classes=used)
    if module == "functions.py":
        plain = {f"import {module}" for module in imports or []}
        return render_template(state, "module/functions.py.j2", project=project, trace=trace,
                               imports=sorted(plain | set(statements or [])),
                               entity_classes=entity_classes)
    if module == "cli.py":
        return render_template(
            state, "module/cli.py.j2", project=project, trace=trace, package=package,
            function_names=[function.name for function in project.functions],
            entity_classes=entity_classes, dates=_counts_days(state) or _checks_real_days(state),
            store_classes=[_store_class(state, store) for store in project.stores])
    raise ValueError(f"no header for {path}")


def _readings(state: PipelineState) -> list[dict[str, Any]]:
    """Every design unit's interpretation, as the pyramid keeps it (empty for non-commands)."""
    return [(design.interface or {}).get("interpretation") or {} for design in state.pyramid.design_units.values()]


def _counts_days(state: PipelineState) -> bool:
    """Whether a command's reading counts days (``date``, ``timedelta``): a window of days, a
    day moved by a number of days."""
    readings = _readings(state)
    return any(flt.get("op", "").endswith(" days from") for reading in readings for flt in reading.get("filters", [])) \
        or any(change.get("op") == "add days" for reading in readings for change in reading.get("assignments", []))


def _checks_real_days(state: PipelineState) -> bool:
    """Whether a command's guard asks for a real calendar day ("a day that isn't a real
    YYYY-MM-DD date"): the runtime then has ``real_day``."""
    return any("real_day(" in guard.get("condition", "") for reading in _readings(state)
               for guard in reading.get("guards", []))


def _store_class(state: PipelineState, store) -> str:
    from spf_plugins.stages.views import store_class_name

    design = state.pyramid.design_units.get(f"store:{store.name}")
    return (design.interface.get("class_name") if design else None) or store_class_name(store)


def test_header(state: PipelineState, path: str) -> str:
    project = state.project
    package = project.package
    entity_classes = ", ".join(entity.name for entity in project.entities)
    module = path.rsplit("/", 1)[-1]
    imports: list[str]
    runner = False
    if module == "test_models.py":
        subject = "the entities"
        imports = ["import json", "", "import pytest", "",
                   f"from {package}.models import RecordError, {entity_classes}"]
    elif module == "test_stores.py":
        subject = "the stores"
        stores = ", ".join(_store_class(state, store) for store in project.stores)
        formats = {store.format for store in project.stores}
        imports = [*(["import csv"] if "csv" in formats else []),
                   *(["import json"] if "json" in formats else []),
                   *(["import sqlite3"] if "sqlite" in formats else []),
                   *(["from contextlib import closing"] if "sqlite" in formats else []), "",
                   "import pytest", "", f"from {package}.models import {entity_classes}",
                   f"from {package}.stores import StoreError, {stores}"]
    elif module == "test_functions.py":
        subject = "the functions"
        names = ", ".join(function.name for function in project.functions)
        imports = ["import pytest", "", f"from {package}.functions import {names}"]
        if entity_classes:
            imports.append(f"from {package}.models import {entity_classes}")
    else:
        subject = "the command line"
        imports = ["import re", "", "import pytest", "from click.testing import CliRunner", "",
                   f"from {package}.cli import cli"]
        runner = True
    return render_template(state, "module/tests.py.j2", subject=subject, trace=trace_of(project.span),
                           imports=imports, fixtures_runner=runner)


# ---------------------------------------------------------------- code units


COMMAND_TEMPLATES = {"command.add": "command/add.py.j2", "command.list": "command/list.py.j2",
                     "command.update": "command/update.py.j2",
                     "command.remove": "command/remove.py.j2",
                     "command.search": "command/search.py.j2",
                     "command.show": "command/show.py.j2", "command.count": "command/count.py.j2",
                     "command.aggregate": "command/aggregate.py.j2"}


def item_of(state: PipelineState, design_unit: str):
    """The Layer-1 item behind a design-unit id (``entity:Task`` -> the Entity)."""
    project = state.project
    cached = state.cache.get("items by design unit")
    if cached is None or cached[0] is not project or cached[1] != _item_count(project):
        index: dict[str, object] = {}
        for kind, items in (("entity", project.entities), ("store", project.stores),
                            ("function", project.functions), ("command", project.commands)):
            for item in items:
                index.setdefault(f"{kind}:{item.name}", item)  # the first of a name, as before
        # Built once per project, not searched per unit: one lookup per code unit stays O(1).
        cached = state.cache["items by design unit"] = (project, _item_count(project), index)
    return cached[2].get(design_unit)


def _item_count(project) -> int:
    return (len(project.entities) + len(project.stores) + len(project.functions)
            + len(project.commands))


def template_for(unit, pyramid=None) -> str:
    """The template the pyramid planned for this unit (a plugin's category may name its
    own); the built-in choice by category otherwise."""
    planned = getattr(pyramid, "code_units", {}).get(unit.id) if pyramid is not None else None
    if planned is not None and planned.template:
        return planned.template
    kind = unit.design_unit.split(":", 1)[0]
    if kind == "entity":
        return "entity/dataclass.py.j2"
    if kind == "store":
        return f"store/{unit.category.split('.', 1)[1] if '.' in unit.category else 'json'}.py.j2"
    if kind == "function":
        return "function/function.py.j2"
    if kind == "runtime":
        return "cli/runtime.py.j2"
    return COMMAND_TEMPLATES.get(unit.category, "command/custom.py.j2")


def _counted_stores(state: PipelineState) -> set[str]:
    """The stores an add of the interpretations in use numbers past every number given out
    (``counted``), read once per version of the interpretations (every store is rendered many
    times in a pass)."""
    chosen = interpretations(state)
    cached = state.cache.get("counted stores")
    if cached is None or cached[0] is not chosen:
        cached = state.cache["counted stores"] = (chosen, {reading.store for reading in chosen.values()
                                                           if reading.counted and reading.store})
    return cached[1]


def render_code_unit(state: PipelineState, unit, *, interface: bool, body: str | None = None,
                     unimplemented: bool = False) -> str:
    """A class or function unit, as an interface (stub bodies) or fully implemented."""
    from spf_plugins.stages.views import entity_view, function_view, store_view

    template = template_for(unit, state.pyramid)
    unit.template = template
    kind = unit.design_unit.split(":", 1)[0]
    project = state.project
    if kind == "runtime":
        return render_template(
            state, template, project=project, trace=unit.trace,
            formatters=formatter_views(state), real_days=_checks_real_days(state),
            store_classes=[_store_class(state, store) for store in project.stores])
    item = item_of(state, unit.design_unit)
    if kind == "entity":
        view = entity_view(item, project)
        view["class_name"] = unit.interface.get("class_name", view["class_name"])
        return render_template(state, template, entity=view, interface=interface)
    if kind == "store":
        view = store_view(item, project)
        view["class_name"] = unit.interface.get("class_name", view["class_name"])
        view["counted"] = item.name in _counted_stores(state)  # numbers never given out again
        return render_template(state, template, store=view, interface=interface)
    if kind == "function":
        view = function_view(item, body=body, interface=unit.interface, unimplemented=unimplemented)
        return render_template(state, template, function=view, interface=interface)
    plan = command_plans(state)[item.name]
    view = dict(plan.view)
    view["function_name"] = unit.interface.get("function_name") or view["function_name"]
    if body is not None:  # written by a backend: rendered as it is, under the interface
        import textwrap

        view["body"] = textwrap.dedent(body).splitlines()
        template = unit.template = "command/custom.py.j2"
    elif plan.unimplemented:  # no store to act on: an honest stub, whatever the category
        template = unit.template = "command/custom.py.j2"
    return render_template(state, template, command=view, interface=interface)
