"""Property-based: for any well-formed Layer-1 project, the pyramid keeps its invariants.

Random projects (entities, stores of any format, functions that may name each other
in backticks, commands with random names and descriptions) either plan, with every
invariant of the contract holding, or raise ``SpfError`` for a dependency cycle.
"""

from __future__ import annotations

import networkx as nx
from core_builders import command, param, span, type_ref
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spf.errors import SpfError
from spf.pyramid import build_pyramid
from spf.spec.model import Entity, Example, Field, Function, Project, Store
from spf.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy()
VERBS = ["add", "list", "show", "done", "remove", "search", "find", "export", "stats", "clear",
         "mark", "report", "sync", "new", "purge", "tidy"]
WORDS = ["the", "task", "every", "delete", "print", "filter", "record", "a", "create", "show",
         "quietly", "count", "update"]
identifier = st.from_regex(r"[a-z][a-z0-9]{0,6}", fullmatch=True)


@st.composite
def projects(draw):
    line = iter(range(2, 10_000))
    entity_names = draw(st.lists(st.sampled_from(["Task", "Note", "Book", "User"]), min_size=0,
                                 max_size=3, unique=True))
    entities = [Entity(name=name, description="", fields=[
        Field("title", type_ref("str"), None, "", span(next(line)))], span=span(next(line)))
        for name in entity_names]
    stores = [Store(name=name.lower() + "s", entity=name,
                    format=draw(st.sampled_from(["json", "csv", "sqlite"])),
                    path=f"{name.lower()}s.db", description="", span=span(next(line)))
              for name in entity_names if draw(st.booleans())]
    function_names = draw(st.lists(identifier.map(lambda name: "f_" + name), max_size=5,
                                   unique=True))
    functions = []
    for name in function_names:
        mentioned = draw(st.lists(st.sampled_from(function_names), max_size=2)) if function_names else []
        types = [f"list[{entity}]" for entity in entity_names] + ["int", "str"]
        functions.append(Function(
            name=name, params=[param("x", draw(st.sampled_from(types)))], returns=type_ref("int"),
            description=" ".join(f"uses `{other}`" for other in mentioned),
            examples=[Example(f"{name}(1)", "1", None, span(next(line)))
                      for _ in range(draw(st.integers(0, 2)))],
            span=span(next(line))))
    command_names = draw(st.lists(st.tuples(st.sampled_from(VERBS), identifier), max_size=6,
                                  unique_by=lambda pair: pair))
    commands = [command(f"{verb}_{suffix}", [param("value", "str", draw(st.sampled_from([None, '""'])))],
                        " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=6))), next(line))
                for verb, suffix in command_names]
    return Project(name="proj", description="", entities=entities, stores=stores,
                   functions=functions, commands=commands, span=span(1))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_random_projects_plan_with_every_invariant_or_report_a_cycle(project):
    try:
        pyramid = build_pyramid(project, TAXONOMY)
    except SpfError as error:
        assert error.message.startswith("dependency cycle: function:")
        return
    order = pyramid.order
    assert nx.is_directed_acyclic_graph(pyramid.graph)
    for design in pyramid.design_units.values():
        assert design.categories and design.categories == TAXONOMY.lineage(design.category)
        for dependency in design.depends_on:
            assert order.index(dependency) < order.index(design.id)
        if design.kind == "command":
            assert "runtime:cli" in design.depends_on
            if TAXONOMY.operations(design.category):
                assert design.interface["store"] is not None
    items = {f"{item.kind}:{item.name}" for item in project.items()}
    assert items <= set(pyramid.design_units)
    paths = [planned.path for planned in pyramid.files]
    assert len(paths) == len(set(paths))
    for unit in pyramid.code_units.values():
        assert unit.id in pyramid.file(unit.path).units
        assert unit.design_unit in pyramid.design_units
        assert unit.template is None or TAXONOMY.template_path(unit.template) is not None
    # Every file comes after the files holding what its units depend on.
    position = {path: index for index, path in enumerate(paths)}
    for unit in pyramid.code_units.values():
        for dependency in pyramid.unit(unit.design_unit).depends_on:
            for other in pyramid.code_units.values():
                if other.design_unit == dependency and other.kind != "test":
                    assert position[other.path] <= position[unit.path]
    assert (project.commands != []) == ("runtime:cli" in pyramid.design_units)
