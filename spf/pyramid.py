"""Layers 2 and 3 of the semantic pyramid: design units and planned code units.

Layer 2 (specification): every Layer-1 item classified into taxonomy categories,
turned into a ``DesignUnit`` with an interface, dependencies (a networkx DAG) and
the tests its examples imply. Layer 3 (executables): ``PlannedFile`` and
``CodeUnit`` objects in dependency order, each linked to its design unit and,
through it, to the requirement text.

The JSON form (``Pyramid.to_dict``) is the stable contract that ``spf plan
--format json``, the generation stages and plugins consume; see docs/pyramid.md.

Design-unit ids: ``project:<name>``, ``entity:<Name>``, ``store:<name>``,
``function:<name>``, ``command:<name>``, ``runtime:cli``.

How the pieces are derived (all of it driven by the taxonomy data):

- categories: the ``classify_item`` hook (first non-None answer), else the
  taxonomy's keyword and match rules;
- dependencies: a unit depends on the units it *references* whose category is one
  its category ``requires`` (a store references its entity; a function the entities
  in its signature and the functions named in backticks in its description; a
  command its store and the functions its description names), plus every
  *singleton* category it requires (``project``, ``runtime.cli``), created on demand;
- tests: one per example (and per documented command error), plus the category's
  own tests, all from the taxonomy's ``produces`` entries of kind ``test``;
- Layer 3: one code unit per ``produces`` entry, placed in the file its path pattern
  names, files ordered so that every file comes after the files it needs.

Scripts may change Layer 2 (``reclassify``, edit ``interface``, ``depends_on`` or
``tests``) and call ``replan()`` to re-derive the DAG and Layer 3.
"""

from __future__ import annotations

import functools
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from spf import regex as re
from spf.errors import PluginError, SpfError
from spf.spec.model import Item, Project, Span

SCHEMA = "spf.pyramid/1"

# Tie-break for the dependency order: units that nothing orders come in this order.
_KIND_RANK = {"project": 0, "entity": 1, "store": 2, "function": 3, "runtime": 4, "command": 5}


@dataclass
class PlannedTest:
    """A test that a design unit implies (from a spec example or a category template)."""

    name: str  # test function name, e.g. test_normalize_title_1
    kind: str  # "example", "raises", "roundtrip", "command", ...
    source: str | None  # for examples: the example source text
    trace: Span
    role: str | None = None  # the taxonomy ``produces`` role that plans its code unit
    index: int | None = None  # 1-based position of the example / error it comes from


@dataclass
class DesignUnit:
    """Layer 2: one unit of the design."""

    id: str
    categories: list[str]  # taxonomy categories, most specific first (e.g. ["store.json", "store"])
    item: Item | Project  # the Layer-1 item it came from
    interface: dict[str, Any]  # JSON-able: signature / fields / params, as the category defines
    depends_on: list[str]  # ids of design units it needs
    tests: list[PlannedTest]
    trace: Span
    evidence: str = ""  # why it got its category: "name: add", "match: format=json", "plugin"...

    @property
    def category(self) -> str:
        return self.categories[0]

    @property
    def kind(self) -> str:
        """The Layer-1 kind (the part of the id before the colon)."""
        return self.id.split(":", 1)[0]

    @property
    def name(self) -> str:
        return self.id.split(":", 1)[1]


@dataclass
class CodeUnit:
    """Layer 3: a module, class, function, test or config unit inside a planned file."""

    id: str  # "<path>::<name>", e.g. "todo/models.py::Task"
    kind: str  # "module" | "class" | "function" | "test" | "config" | "doc"
    name: str
    path: str  # the file it lives in, relative to the output folder
    design_unit: str  # DesignUnit.id
    template: str | None  # template name (relative to a template folder), None = needs a backend
    trace: Span
    role: str | None = None  # the taxonomy ``produces`` role it was planned from


@dataclass
class PlannedFile:
    """Layer 3: one file of the generated project and the code units in it, in order."""

    path: str
    kind: str  # "python" | "test" | "toml" | "markdown"
    units: list[str]  # CodeUnit ids
    design_units: list[str]


@dataclass
class Pyramid:
    """The three layers together, with trace links and the design DAG."""

    project: Project  # Layer 1
    design_units: dict[str, DesignUnit]  # Layer 2, keyed by id, in dependency order
    graph: Any  # networkx.DiGraph over design-unit ids; edge a -> b means a depends on b
    files: list[PlannedFile]  # Layer 3, in dependency order
    code_units: dict[str, CodeUnit] = field(default_factory=dict)
    taxonomy: Any = None  # the spf.taxonomy.Taxonomy it was planned with

    # ------------------------------------------------------------ inspecting

    def unit(self, unit_id: str) -> DesignUnit:
        try:
            return self.design_units[unit_id]
        except KeyError:
            raise SpfError(f"no design unit {unit_id!r}",
                           hint=f"units: {', '.join(self.design_units)}") from None

    @property
    def order(self) -> list[str]:
        """Design-unit ids, every unit after the units it depends on."""
        return list(self.design_units)

    def file(self, path: str) -> PlannedFile:
        for planned in self.files:
            if planned.path == path:
                return planned
        raise SpfError(f"no planned file {path!r}",
                       hint=f"files: {', '.join(planned.path for planned in self.files)}")

    def trace(self, code_unit_id: str) -> list[str]:
        """The trace links of a code unit: itself, its design unit, the requirement line."""
        code_unit = self.code_units[code_unit_id]
        design = self.design_units[code_unit.design_unit]
        return [code_unit.id, f"{design.id} ({design.category})", trace_link(code_unit.trace)]

    # ------------------------------------------------------------ changing Layer 2

    def reclassify(self, unit_id: str, category: str) -> DesignUnit:
        """Put a unit into another category (and its parents), then re-plan Layer 3."""
        taxonomy = self._require_taxonomy()
        design = self.unit(unit_id)
        if category not in taxonomy:
            raise SpfError(f"unknown taxonomy category {category!r}",
                           hint=f"known: {', '.join(taxonomy.ordered())}")
        design.categories = taxonomy.lineage(category)
        design.evidence = "reclassified"
        if design.kind == "command" and "interpretation" in design.interface:
            from spf.interpretation import OPERATIONS, interpret_command

            operation = category.split(".", 1)[1] if category.startswith("command.") else "custom"
            operation = "list" if operation == "search" else operation
            if operation in OPERATIONS:
                store = next((s for s in self.project.stores
                              if s.name == design.interface.get("store")), None)
                ranked = interpret_command(design.item, self.project, store, operation=operation)
                design.interface["interpretation"] = ranked[0].to_dict()
                design.interface["candidates"] = [candidate.to_dict() for candidate in ranked]
        if "operations" in design.interface:
            design.interface["operations"] = taxonomy.operations(category)
        design.tests = _keep_custom_tests(design, taxonomy, self.project)
        self.replan()
        return design

    def replan(self) -> None:
        """Re-derive the DAG, the dependency order and Layer 3 from Layer 2 as it stands."""
        taxonomy = self._require_taxonomy()
        self.graph = _dependency_graph(self.design_units)
        ordered = _dependency_order(self.graph, self.design_units)
        self.design_units = {unit_id: self.design_units[unit_id] for unit_id in ordered}
        position = {unit_id: index for index, unit_id in enumerate(ordered)}
        for design in self.design_units.values():
            design.depends_on = sorted(dict.fromkeys(design.depends_on), key=position.__getitem__)
        self.code_units, self.files = _plan_files(self.project, self.design_units, taxonomy)

    def _require_taxonomy(self):
        if self.taxonomy is None:
            raise SpfError("this pyramid has no taxonomy to plan with",
                           hint="build it with spf.build_pyramid(project)")
        return self.taxonomy

    # ------------------------------------------------------------ output

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON contract (documented in docs/pyramid.md)."""
        project = self.project
        return {
            "schema": SCHEMA,
            "project": {
                "name": project.name, "package": project.package,
                "description": project.description, "source_file": project.source_file,
                "spec_hash": project.spec_hash,
            },
            "requirements": [
                {"id": requirement_id(item, project), "kind": _item_kind(item),
                 "name": getattr(item, "name", project.name),
                 "description": getattr(item, "description", ""),
                 "trace": trace_dict(item.span), "item": _item_dict(item)}
                for item in [project, *project.items()]
            ],
            "design": [
                {"id": design.id, "category": design.category,
                 "categories": list(design.categories), "evidence": design.evidence,
                 "requirement": (requirement_id(design.item, project)
                                 if design.kind != "runtime" else None),
                 "interface": design.interface, "depends_on": list(design.depends_on),
                 "tests": [{"name": test.name, "kind": test.kind, "source": test.source,
                            "role": test.role, "index": test.index,
                            "trace": trace_dict(test.trace)} for test in design.tests],
                 "trace": trace_dict(design.trace)}
                for design in self.design_units.values()
            ],
            "edges": [{"from": source, "to": target}
                      for source, target in sorted(self.graph.edges())],
            "files": [{"path": planned.path, "kind": planned.kind, "units": list(planned.units),
                       "design_units": list(planned.design_units)} for planned in self.files],
            "code_units": [
                {"id": unit.id, "kind": unit.kind, "name": unit.name, "path": unit.path,
                 "design_unit": unit.design_unit, "template": unit.template,
                 "role": unit.role, "trace": trace_dict(unit.trace)}
                for unit in self.code_units.values()
            ],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


# ---------------------------------------------------------------- building


def build_pyramid(project: Project, taxonomy=None, *, manager=None,
                  project_dir: str | Path | None = None) -> Pyramid:
    """Build Layers 2 and 3 for a parsed project.

    ``taxonomy`` defaults to ``load_taxonomy`` over the registered taxonomy paths plus
    the project's ``spf.toml`` extensions. Give ``project_dir`` (the folder holding
    ``spec.md``) so that those extensions and the project's local plugins are used;
    without it, the spec file's folder is used when ``project.source_file`` exists on
    disk. Classification goes through the ``classify_item`` hook of ``manager``
    (default: the process-wide plugin manager), falling back to the taxonomy's rules.
    """
    from spf.taxonomy import load_taxonomy

    if project_dir is None:
        spec_file = Path(project.source_file)
        project_dir = spec_file.parent if spec_file.is_file() else None
    elif Path(project_dir).is_file():
        project_dir = Path(project_dir).parent
    if project_dir is not None and manager is None:
        from spf.plugins import use_project

        manager = use_project(project_dir)
    if taxonomy is None:
        taxonomy = load_taxonomy(project_dir=project_dir, manager=manager)
    from spf.collect import fewer_collections

    with fewer_collections():
        designer = _Designer(project, taxonomy, manager)
        pyramid = Pyramid(project=project, design_units=designer.design_units(), graph=None,
                          files=[], taxonomy=taxonomy)
        pyramid.replan()
    return pyramid


class _Designer:
    """Layer 1 -> Layer 2: classification, references, interfaces and planned tests."""

    def __init__(self, project: Project, taxonomy, manager):
        self.project = project
        self.taxonomy = taxonomy
        self.manager = manager
        self.entities = {entity.name: entity for entity in project.entities}
        self.stores = {store.name: store for store in project.stores}
        self.functions = {function.name: function for function in project.functions}
        # name -> position: a description's names are looked up, not every name searched for
        self.function_order = {name: index for index, name in enumerate(self.functions)}
        self._classifications: dict[str, Any] = {}
        self._singletons: dict[str, str] = {}  # singleton category -> the unit id that fills it
        self._candidates: dict[str, list[dict[str, Any]]] = {}
        self._index = None  # spf.interpretation.ProjectIndex, built for the first command

    def classification(self, item):
        """Classify each item once (the hook may be slow, e.g. a model-based classifier)."""
        key = requirement_id(item, self.project)
        if key not in self._classifications:
            self._classifications[key] = classify(item, self.taxonomy, self.manager)
        return self._classifications[key]

    def design_units(self) -> dict[str, DesignUnit]:
        units: dict[str, DesignUnit] = {}
        for item in [self.project, *self.project.items()]:
            design = self._design_unit(item)
            if design.id in units:
                raise SpfError(f"two requirement items share the design-unit id {design.id!r}",
                               location=str(design.trace), hint="give every item its own name")
            units[design.id] = design
        # Singleton units that some unit requires but no requirement item gave (runtime:cli).
        for design in list(units.values()):
            for required in self.taxonomy.requires(design.category):
                if not self.taxonomy.singleton(required):
                    continue
                singleton = self._singleton_unit(required, units)
                if singleton.id not in design.depends_on and singleton.id != design.id:
                    design.depends_on.append(singleton.id)
        return units

    def _design_unit(self, item: Item | Project) -> DesignUnit:
        classification = self.classification(item)
        categories = list(classification.categories)
        store = self._store_of(item) if _item_kind(item) == "command" else None
        if (_item_kind(item) == "command" and store is None
                and self.taxonomy.operations(categories[0])
                and "store" in self.taxonomy.requires(categories[0])):
            # A store operation with no store to operate on: a custom command after all.
            base = self.taxonomy.base_category("command")
            categories = self.taxonomy.lineage(base)
            evidence = f"{classification.evidence}; no store to work on, so {base}"
        else:
            evidence = classification.evidence
        unit_id = requirement_id(item, self.project)
        interpretation = None
        if _item_kind(item) == "command":
            categories, evidence, interpretation = self._interpret(item, store, categories, evidence)
        references = self._references(item, store)
        if interpretation is not None:
            references += [f"function:{name}" for name in interpretation["uses"]
                           if f"function:{name}" not in references]
        depends_on = [reference for reference in references
                      if self._reference_category(reference) is not None
                      and any(self.taxonomy.is_a(self._reference_category(reference), required)
                              for required in self.taxonomy.requires(categories[0]))]
        interface = self._interface(item, categories[0], store)
        if interpretation is not None:
            interface["interpretation"] = interpretation
            interface["uses"] = list(dict.fromkeys([*interface["uses"], *interpretation["uses"]]))
            interface["candidates"] = self._candidates.pop(unit_id, [])
            depends_on += [f"function:{name}" for name in interpretation["uses"]
                           if f"function:{name}" not in depends_on and name in self.functions]
        design = DesignUnit(id=unit_id, categories=categories, item=item,
                            interface=interface, depends_on=depends_on, tests=[],
                            trace=item.span, evidence=evidence)
        design.tests = plan_tests(design, self.taxonomy, self.project)
        return design

    def _interpret(self, command, store, categories: list[str], evidence: str):
        """Layer 2's reading of a command: ranked candidate interpretations, the best kept.

        The taxonomy's keywords are priors; a category from a plugin (``command.export``)
        or a reclassification stays, and restricts the search to its operation.
        """
        from spf.interpretation import OPERATIONS, ProjectIndex, interpret_command

        if self._index is None:  # one index for every command: interpreting stays linear
            self._index = ProjectIndex(self.project)
        priors = {}
        for operation in OPERATIONS:
            name = "command.search" if operation == "list" else f"command.{operation}"
            if name in self.taxonomy:
                priors[operation] = tuple(self.taxonomy[name].keywords)
        built_in = {"command", *(f"command.{operation}" for operation in OPERATIONS),
                    "command.search"}
        by_plugin = evidence == "plugin" or categories[0] not in built_in
        operation = None
        if by_plugin and categories[0].startswith("command."):
            operation = categories[0].split(".", 1)[1].replace("search", "list")
            operation = operation if operation in OPERATIONS else None
        ranked = interpret_command(command, self.project, store, priors=priors, operation=operation,
                                   index=self._index)
        best = ranked[0]
        self._candidates[requirement_id(command, self.project)] = [c.to_dict() for c in ranked]
        if not by_plugin and best.category in self.taxonomy and best.category != categories[0]:
            categories = self.taxonomy.lineage(best.category)
            evidence = (f"interpretation: {best.operation} (score {best.score:.2f}; "
                        f"{len(ranked)} candidates)")
        return categories, evidence, best.to_dict()

    def _reference_category(self, reference: str) -> str | None:
        kind, name = reference.split(":", 1)
        item = {"entity": self.entities, "store": self.stores,
                "function": self.functions}[kind].get(name)
        if item is None:
            return None
        return self.classification(item).categories[0]

    def _singleton_unit(self, category: str, units: dict[str, DesignUnit]) -> DesignUnit:
        known = self._singletons.get(category)
        if known is not None:
            return units[known]
        for design in units.values():
            if self.taxonomy.is_a(design.category, category):
                self._singletons[category] = design.id
                return design
        # Created on demand: "runtime.cli" -> "runtime:cli".
        kind, _, name = category.partition(".")
        unit_id = f"{kind}:{name or kind}"
        categories = self.taxonomy.lineage(category)
        design = DesignUnit(id=unit_id, categories=categories, item=self.project,
                            interface=self._runtime_interface(category), depends_on=[],
                            tests=[], trace=self.project.span, evidence="required")
        for required in self.taxonomy.requires(category):
            if self.taxonomy.singleton(required) and required != category:
                dependency = self._singleton_unit(required, units)
                design.depends_on.append(dependency.id)
        design.tests = plan_tests(design, self.taxonomy, self.project)
        units[unit_id] = design
        self._singletons[category] = unit_id
        return design

    # ------------------------------------------------------------ references

    def _references(self, item, store) -> list[str]:
        kind = _item_kind(item)
        found: list[str] = []
        if kind == "store":
            found.append(f"entity:{item.entity}")
        elif kind == "function":
            types = [param.type for param in item.params] + ([item.returns] if item.returns else [])
            found.extend(f"entity:{name}" for name in _entity_names(types, self.entities))
            found.extend(f"function:{name}"
                         for name in _named_in_backticks(item.description, self.function_order)
                         if name != item.name)
        elif kind == "command":
            if store is not None:
                found.append(f"store:{store.name}")
            found.extend(f"function:{name}"
                         for name in _named_in_text(item.description, self.function_order))
        return list(dict.fromkeys(found))

    def _store_of(self, command):
        """The store a command works on: stated, the only one, or the one it mentions."""
        stated = command.store or (command.attributes or {}).get("store")
        if stated:
            if stated not in self.stores:
                raise SpfError(f"command {command.name!r} names unknown store {stated!r}",
                               location=str(command.span),
                               hint=f"stores: {', '.join(self.stores) or 'none'}")
            return self.stores[stated]
        if len(self.stores) == 1:
            return next(iter(self.stores.values()))
        text = set(_words(command.name) + _words(command.description)
                   + [param.name.lower() for param in command.params])
        mentioned = [store for store in self.stores.values()
                     if store.name.lower() in text or store.entity.lower() in text
                     or store.entity.lower() + "s" in text]
        return mentioned[0] if len(mentioned) == 1 else None

    # ------------------------------------------------------------ interfaces

    def _interface(self, item, category: str, store) -> dict[str, Any]:
        kind = _item_kind(item)
        operations = self.taxonomy.operations(category)
        if kind == "project":
            return {
                "name": item.name, "package": item.package, "description": item.description,
                "console_script": item.name if item.commands else None,
                "commands": [command.name for command in item.commands],
                "attributes": dict(item.attributes),
            }
        if kind == "entity":
            return {
                "class_name": item.name,
                "fields": [{"name": f.name, "type": f.type.text, "default": f.default,
                            "required": f.default is None, "description": f.description}
                           for f in item.fields],
                "operations": operations,
            }
        if kind == "store":
            return {
                "class_name": class_name_of(item),
                "entity": item.entity, "format": item.format, "path": item.path,
                "operations": operations, "attributes": dict(item.attributes),
            }
        if kind == "function":
            return {
                "name": item.name,
                "signature": f"def {item.signature}:",
                "params": [_param_dict(param) for param in item.params],
                "returns": item.returns.text if item.returns else None,
                "description": item.description,
            }
        if kind == "command":
            return {
                "name": item.name, "function_name": f"{item.name}_command",
                "params": [{**_param_dict(param), "cli": cli_role(param)}
                           for param in item.params],
                "store": store.name if store else None,
                "entity": store.entity if store else None,
                "operations": operations,
                "errors": [{"condition": error.condition, "message": error.message,
                            "status": error.status} for error in item.errors],
                "uses": _named_in_text(item.description, self.function_order),
                "description": item.description,
                "attributes": dict(item.attributes),
            }
        return {"name": getattr(item, "name", ""), "operations": operations}

    def _runtime_interface(self, category: str) -> dict[str, Any]:
        if category == "runtime.cli":
            return {"group": "cli", "console_script": self.project.name,
                    "commands": [command.name for command in self.project.commands]}
        return {"name": category.partition(".")[2] or category}


def classify(item, taxonomy, manager=None):
    """Classify through the ``classify_item`` hook, else the taxonomy's keyword rules."""
    from spf.plugins import plugin_manager
    from spf.taxonomy import Classification, item_kind

    manager = manager or plugin_manager()
    answer = manager.hook.classify_item(item=item, taxonomy=taxonomy)
    if answer is None:
        return taxonomy.classify(item)
    evidence = "plugin"
    if isinstance(answer, Classification):
        answer, evidence = answer.categories, answer.evidence
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, (list, tuple)) or not answer:
        raise PluginError(f"classify_item returned {answer!r}",
                          hint="return a list of category names, most specific first, or None")
    kind = item_kind(item)
    categories: list[str] = []
    for name in answer:
        if name not in taxonomy:
            raise PluginError(f"classify_item returned unknown category {name!r}",
                              location=str(item.span),
                              hint=f"known: {', '.join(taxonomy.ordered())}")
        if taxonomy.applies_to(name) != kind:
            raise PluginError(f"classify_item put a {kind} into {name!r}, which applies to "
                              f"{taxonomy.applies_to(name)} items", location=str(item.span))
        categories.extend(category for category in taxonomy.lineage(name)
                          if category not in categories)
    return Classification(categories, evidence)


def plan_tests(design: DesignUnit, taxonomy, project: Project) -> list[PlannedTest]:
    """The tests a design unit implies: its category's test entries, per example/error."""
    item = design.item
    tests: list[PlannedTest] = []
    for produced in taxonomy.produces(design.category):
        if produced.kind != "test":
            continue
        if produced.for_each == "example":
            for index, example in enumerate(getattr(item, "examples", None) or [], 1):
                tests.append(PlannedTest(
                    name=_fill(produced.name, design, project, index), role=produced.role, index=index,
                    kind="raises" if example.raises else "example",
                    source=example_source(example), trace=example.span))
        elif produced.for_each == "error":
            for index, error in enumerate(getattr(item, "errors", None) or [], 1):
                tests.append(PlannedTest(
                    name=_fill(produced.name, design, project, index), role=produced.role, index=index,
                    kind="error", trace=error.span,
                    source=f"{error.condition} -> {error.message!r}, exit {error.status}"))
        else:
            tests.append(PlannedTest(name=_fill(produced.name, design, project), role=produced.role,
                                     kind=produced.test_kind or "unit", source=None,
                                     trace=design.trace))
    return tests


def _keep_custom_tests(design: DesignUnit, taxonomy, project: Project) -> list[PlannedTest]:
    """Re-plan a reclassified unit's tests, keeping the tests a script added by hand."""
    added_by_hand = [test for test in design.tests if test.role is None]
    return plan_tests(design, taxonomy, project) + added_by_hand


# ---------------------------------------------------------------- the DAG


def _dependency_graph(units: dict[str, DesignUnit]) -> nx.DiGraph:
    graph = nx.DiGraph()
    for unit_id, design in units.items():
        graph.add_node(unit_id, category=design.category)
    for unit_id, design in units.items():
        for dependency in design.depends_on:
            if dependency not in units:
                raise SpfError(f"design unit {unit_id!r} depends on unknown unit {dependency!r}",
                               location=str(design.trace))
            graph.add_edge(unit_id, dependency)
    if nx.is_directed_acyclic_graph(graph):  # cheaper than find_cycle's search, asked first
        return graph
    cycle = nx.find_cycle(graph)
    path = [edge[0] for edge in cycle] + [cycle[0][0]]
    first = units[cycle[0][0]]
    raise SpfError(f"dependency cycle: {' -> '.join(path)}", location=str(first.trace),
                   hint="units may not need each other; remove one of the references "
                        "(a function named in backticks in another's description)")


def _dependency_order(graph: nx.DiGraph, units: dict[str, DesignUnit]) -> list[str]:
    def key(unit_id: str):
        design = units[unit_id]
        return (_KIND_RANK.get(design.kind, len(_KIND_RANK)), design.trace.line, unit_id)

    # Edges point from a unit to what it needs: reversed, dependencies come first.
    return list(nx.lexicographical_topological_sort(graph.reverse(copy=False), key=key))


# ---------------------------------------------------------------- Layer 3


def _plan_files(project: Project, units: dict[str, DesignUnit], taxonomy):
    code_units: dict[str, CodeUnit] = {}
    files: dict[str, PlannedFile] = {}
    unit_files: dict[str, set[str]] = {}  # design unit -> paths of its non-test code
    listed: set[tuple[str, str]] = set()  # (path, design unit) already in the file's list
    for design in units.values():
        if not design.categories or design.category not in taxonomy:
            raise SpfError(f"design unit {design.id!r} has unknown category "
                           f"{design.categories[:1]}", location=str(design.trace))
        tests_by_role: dict[str, list[PlannedTest]] = {}
        for test in design.tests:
            tests_by_role.setdefault(test.role or "", []).append(test)
        for produced in taxonomy.produces(design.category):
            path = _fill(produced.path, design, project)
            if produced.kind == "test":
                entries = [(test.name, test.trace) for test in tests_by_role.pop(produced.role, [])]
            elif produced.for_each:
                source = getattr(design.item, produced.for_each + "s", None) or []
                entries = [(_fill(produced.name, design, project, index), entry.span)
                           for index, entry in enumerate(source, 1)]
            else:
                entries = [(_fill(produced.name, design, project), design.trace)]
            for name, trace in entries:
                _add_code_unit(code_units, files, listed, CodeUnit(
                    id=f"{path}::{name}", kind=produced.kind, name=name, path=path,
                    design_unit=design.id, template=produced.template, trace=trace,
                    role=produced.role))
                if produced.kind != "test":
                    unit_files.setdefault(design.id, set()).add(path)
        # Tests a script added by hand with no produced role: next to the category's tests.
        leftovers = [test for tests in tests_by_role.values() for test in tests]
        if leftovers:
            default = next((p for p in taxonomy.produces(design.category) if p.kind == "test"),
                           None)
            if default is None:
                raise SpfError(f"design unit {design.id!r} has tests but its category "
                               f"{design.category!r} plans no test file",
                               location=str(design.trace))
            for test in leftovers:
                path = _fill(default.path, design, project)
                _add_code_unit(code_units, files, listed, CodeUnit(
                    id=f"{path}::{test.name}", kind="test", name=test.name, path=path,
                    design_unit=design.id, template=default.template, trace=test.trace,
                    role=test.role))
    ordered = _file_order(files, code_units, units, unit_files)
    return code_units, ordered


def _add_code_unit(code_units: dict[str, CodeUnit], files: dict[str, PlannedFile],
                   listed: set[tuple[str, str]], unit: CodeUnit) -> None:
    if unit.id in code_units:
        other = code_units[unit.id]
        raise SpfError(f"two design units plan the same code unit {unit.id!r} "
                       f"({other.design_unit} and {unit.design_unit})", location=str(unit.trace),
                       hint="rename one of the requirement items")
    code_units[unit.id] = unit
    planned = files.get(unit.path)
    if planned is None:
        planned = files[unit.path] = PlannedFile(path=unit.path, kind=file_kind(unit.path),
                                                 units=[], design_units=[])
    planned.units.append(unit.id)
    if (unit.path, unit.design_unit) not in listed:  # a set: one file may hold thousands
        listed.add((unit.path, unit.design_unit))
        planned.design_units.append(unit.design_unit)


def _file_order(files: dict[str, PlannedFile], code_units: dict[str, CodeUnit],
                units: dict[str, DesignUnit], unit_files: dict[str, set[str]]) -> list[PlannedFile]:
    """Every file after the files it needs; tests after the code they test."""
    graph = nx.DiGraph()
    graph.add_nodes_from(files)
    for code_unit in code_units.values():
        needed: set[str] = set()
        for dependency in units[code_unit.design_unit].depends_on:
            needed |= unit_files.get(dependency, set())
        if code_unit.kind == "test":
            needed |= unit_files.get(code_unit.design_unit, set())
        for path in needed - {code_unit.path}:
            graph.add_edge(path, code_unit.path)  # needed file -> file that needs it
    first_seen = {path: index for index, path in enumerate(files)}

    def key(path: str):
        return (files[path].kind == "test", first_seen[path])

    try:
        order = list(nx.lexicographical_topological_sort(graph, key=key))
    except nx.NetworkXUnfeasible:  # files that need each other: keep the planning order
        order = sorted(files, key=key)
    return [files[path] for path in order]


# ---------------------------------------------------------------- helpers


def requirement_id(item, project: Project) -> str:
    """The id a Layer-1 item (and the design unit made from it) carries."""
    kind = _item_kind(item)
    return f"{kind}:{project.name if kind == 'project' else item.name}"


def trace_link(span: Span) -> str:
    """``spec.md:14``: the link from any unit back to its requirement line."""
    return f"{span.file}:{span.line}"


def trace_dict(span: Span) -> dict[str, Any]:
    return {"file": span.file, "line": span.line, "column": span.column,
            "end_line": span.end_line, "text": span.text, "link": trace_link(span)}


def example_source(example) -> str:
    if example.raises:
        return f"{example.call} raises {example.raises}"
    return f"{example.call} == {example.expected}"


def class_name_of(item) -> str:
    """The class a store becomes: ``tasks`` -> ``TasksStore``; entities keep their name."""
    if _item_kind(item) == "store":
        return _camel(item.name) + "Store"
    return _camel(item.name)


def cli_role(param) -> str:
    """How a command parameter appears on the command line.

    No default: a positional ``argument`` (``arguments`` for a list); a ``bool``
    default: a ``flag``; a list with a default: a repeatable option (``multiple``);
    any other default: an ``option``.
    """
    type_name = param.type.name
    if param.default is None:
        return "arguments" if type_name == "list" else "argument"
    if type_name == "bool":
        return "flag"
    if type_name == "list":
        return "multiple"
    return "option"


def file_kind(path: str) -> str:
    if path.endswith(".py"):
        return "test" if path.startswith("tests/") or "/tests/" in path else "python"
    suffix = Path(path).suffix
    return {".toml": "toml", ".md": "markdown", ".cfg": "ini", ".txt": "text",
            ".json": "json"}.get(suffix, "text")


def _item_kind(item) -> str:
    return getattr(item, "kind", None) or "project"


def _item_dict(item) -> dict[str, Any]:
    if isinstance(item, Project):
        return {"name": item.name, "description": item.description,
                "attributes": dict(item.attributes), "span": asdict(item.span)}
    data = asdict(item)
    if hasattr(item, "signature"):
        data["signature"] = item.signature
    return data


def _param_dict(param) -> dict[str, Any]:
    return {"name": param.name, "type": param.type.text, "default": param.default,
            "required": param.default is None}


def _fill(pattern: str, design: DesignUnit, project: Project, index: int | None = None) -> str:
    """Fill a taxonomy path/name pattern (``{package}/stores.py``, ``test_{name}_{index}``)."""
    name = design.name if design.kind in ("runtime", "project") else design.item.name
    values = {
        "name": name, "package": project.package, "project": project.name,
        "class_name": design.interface.get("class_name") or _camel(name),
        "snake": _snake(name), "index": "" if index is None else index,
    }
    return pattern.format_map(values)


@functools.lru_cache(maxsize=1 << 16)  # every unit's file names ask, at each replan
def _camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[_\-\s]+", name) if part)


@functools.lru_cache(maxsize=1 << 16)
def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).replace("-", "_").lower()


def _words(text: str) -> list[str]:
    return [word.lower() for word in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text or "")]


def _named_in_text(text: str, order: dict[str, int]) -> list[str]:
    """Names of ``order`` (name -> position) that appear as whole words in a text, in order."""
    present = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text or ""))
    return sorted((name for name in present if name in order), key=order.__getitem__)


def _named_in_backticks(text: str, order: dict[str, int]) -> list[str]:
    """Names written as code (`` `name` `` or `` `name(...)` ``) in a description."""
    quoted = set(re.findall(r"`([A-Za-z_][A-Za-z0-9_]*)(?:\([^`]*\))?`", text or ""))
    return sorted((name for name in quoted if name in order), key=order.__getitem__)


def _entity_names(types, entities) -> list[str]:
    found: list[str] = []

    def walk(type_ref) -> None:
        if type_ref.name in entities and type_ref.name not in found:
            found.append(type_ref.name)
        for argument in type_ref.args:
            walk(argument)
        for word in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", type_ref.text):
            if word in entities and word not in found:
                found.append(word)

    for type_ref in types:
        walk(type_ref)
    return found
