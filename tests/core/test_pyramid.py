"""The pyramid: design units, the dependency DAG, planned tests, Layer 3 and the JSON contract."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from core_builders import command, make_todo, param, span, type_ref

from spf.errors import SpfError
from spf.pyramid import PlannedTest, build_pyramid
from spf.spec.model import Entity, Example, Field, Function, Project, Store
from spf.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


@pytest.fixture
def pyramid(todo_project, taxonomy):
    return build_pyramid(todo_project, taxonomy)


def test_design_unit_ids_follow_the_contract(pyramid):
    assert set(pyramid.design_units) == {
        "project:todo", "entity:Task", "store:tasks", "function:normalize_title", "runtime:cli",
        "command:add", "command:done", "command:list", "command:remove", "command:search",
        "command:stats"}


def test_dependencies(pyramid):
    depends = {unit.id: set(unit.depends_on) for unit in pyramid.design_units.values()}
    assert depends["project:todo"] == set()
    assert depends["entity:Task"] == {"project:todo"}
    assert depends["store:tasks"] == {"project:todo", "entity:Task"}
    assert depends["runtime:cli"] == {"project:todo"}
    for name in ("done", "list", "remove", "search", "stats"):
        assert depends[f"command:{name}"] == {"project:todo", "runtime:cli", "store:tasks"}
    # "Add a task with the normalized title": the interpretation composes the function in
    assert depends["command:add"] == {"project:todo", "runtime:cli", "store:tasks",
                                      "function:normalize_title"}


def test_the_order_puts_every_unit_after_its_dependencies(pyramid):
    order = pyramid.order
    assert order[0] == "project:todo"
    assert nx.is_directed_acyclic_graph(pyramid.graph)
    for unit, dependency in pyramid.graph.edges():
        assert order.index(dependency) < order.index(unit)
    # Ties follow the spec: commands in source order.
    commands = [unit for unit in order if unit.startswith("command:")]
    assert commands == ["command:add", "command:done", "command:list", "command:remove",
                        "command:search", "command:stats"]


def test_functions_depend_on_entities_in_their_signature_and_named_functions(taxonomy):
    entity = make_todo().entities[0]
    first = Function(name="first_task", params=[param("tasks", "list[Task]")],
                     returns=type_ref("Task | None"), description="The first of the tasks.",
                     examples=[], span=span(40))
    summary = Function(name="summary", params=[param("tasks", "list[Task]")], returns=type_ref("str"),
                       description="Like `first_task(tasks)` but as text; not `missing`.",
                       examples=[], span=span(44))
    project = make_todo(extra_functions=[first, summary])
    pyramid = build_pyramid(project, taxonomy)
    assert set(pyramid.unit("function:first_task").depends_on) == {"project:todo", f"entity:{entity.name}"}
    assert set(pyramid.unit("function:summary").depends_on) == {
        "project:todo", "entity:Task", "function:first_task"}
    assert pyramid.order.index("function:first_task") < pyramid.order.index("function:summary")


def test_a_dependency_cycle_is_an_spf_error_with_the_cycle(taxonomy):
    ping = Function(name="ping", params=[], returns=None, description="Calls `pong`.",
                    examples=[], span=span(40, "## Function: ping()"))
    pong = Function(name="pong", params=[], returns=None, description="Calls `ping()`.",
                    examples=[], span=span(43, "## Function: pong()"))
    with pytest.raises(SpfError) as caught:
        build_pyramid(make_todo(extra_functions=[ping, pong]), taxonomy)
    message = caught.value.message
    assert message.startswith("dependency cycle: ")
    assert "function:ping" in message and "function:pong" in message
    assert caught.value.location in ("spec.md:40", "spec.md:43")


def test_commands_depend_on_functions_their_description_names(taxonomy):
    add = command("add_clean", [param("title", "str")],
                  "Add a task whose title went through normalize_title first.", 40)
    pyramid = build_pyramid(make_todo(extra_commands=[add]), taxonomy)
    unit = pyramid.unit("command:add_clean")
    assert "function:normalize_title" in unit.depends_on
    assert unit.interface["uses"] == ["normalize_title"]


def test_planned_tests(pyramid):
    normalize = pyramid.unit("function:normalize_title")
    assert [(t.name, t.kind, t.trace.line) for t in normalize.tests] == [
        ("test_normalize_title_1", "example", 17), ("test_normalize_title_2", "example", 18),
        ("test_normalize_title_3", "raises", 19)]
    assert normalize.tests[0].source == 'normalize_title("  buy   milk ") == "buy milk"'
    assert normalize.tests[2].source == "normalize_title(None) raises TypeError"
    done = pyramid.unit("command:done")
    assert [(t.name, t.kind) for t in done.tests] == [("test_done_command", "command"),
                                                      ("test_done_error_1", "error")]
    assert done.tests[1].trace.line == 26 and "no such task" in done.tests[1].source
    assert [t.name for t in pyramid.unit("store:tasks").tests] == ["test_tasks_store_roundtrip"]
    assert [t.name for t in pyramid.unit("entity:Task").tests] == ["test_task_roundtrip"]


def test_interfaces(pyramid):
    task = pyramid.unit("entity:Task").interface
    assert task["class_name"] == "Task"
    assert task["fields"][1] == {"name": "done", "type": "bool", "default": "False",
                                 "required": False, "description": "whether it is finished"}
    store = pyramid.unit("store:tasks").interface
    assert store["class_name"] == "TasksStore" and store["entity"] == "Task"
    assert store["format"] == "json" and store["path"] == "tasks.json"
    assert store["operations"] == ["add", "all", "get", "update", "remove", "search"]
    function = pyramid.unit("function:normalize_title").interface
    assert function["signature"] == "def normalize_title(title: str) -> str:"
    add = pyramid.unit("command:add").interface
    assert add["function_name"] == "add_command" and add["store"] == "tasks"
    assert [(p["name"], p["cli"]) for p in add["params"]] == [("title", "argument"),
                                                              ("tag", "multiple")]
    assert add["operations"] == ["add"]
    assert pyramid.unit("command:stats").interface["params"][0]["cli"] == "flag"
    assert pyramid.unit("command:done").interface["errors"] == [
        {"condition": "an index out of range", "message": "no such task", "status": 1}]
    assert pyramid.unit("runtime:cli").interface["commands"][0] == "add"
    json.dumps([unit.interface for unit in pyramid.design_units.values()])


# ---------------------------------------------------------------- Layer 3


def test_files_follow_the_layout_contract_in_dependency_order(pyramid):
    assert [planned.path for planned in pyramid.files] == [
        "pyproject.toml", "README.md", "todo/__init__.py", "todo/models.py", "todo/stores.py",
        "todo/functions.py", "todo/cli.py", "tests/test_models.py", "tests/test_stores.py",
        "tests/test_functions.py", "tests/test_cli.py"]
    kinds = {planned.path: planned.kind for planned in pyramid.files}
    assert kinds["pyproject.toml"] == "toml" and kinds["README.md"] == "markdown"
    assert kinds["todo/cli.py"] == "python" and kinds["tests/test_cli.py"] == "test"


def test_code_units_link_to_design_units_and_requirement_lines(pyramid):
    cli = pyramid.file("todo/cli.py")
    assert cli.units[0] == "todo/cli.py::cli"  # the group before the commands on it
    assert cli.units[1:] == [f"todo/cli.py::{name}_command"
                             for name in ("add", "done", "list", "remove", "search", "stats")]
    done = pyramid.code_units["todo/cli.py::done_command"]
    assert (done.kind, done.design_unit, done.template) == (
        "function", "command:done", "command/update.py.j2")
    # "Print how many tasks there are." is read as a count
    assert pyramid.code_units["todo/cli.py::stats_command"].template == "command/count.py.j2"
    assert pyramid.code_units["todo/stores.py::TasksStore"].template == "store/json.py.j2"
    assert pyramid.trace("todo/cli.py::done_command") == [
        "todo/cli.py::done_command", "command:done (command.update)", "spec.md:24"]
    example = pyramid.code_units["tests/test_functions.py::test_normalize_title_2"]
    assert example.trace.line == 18 and example.template == "function/test_examples.py.j2"
    for unit in pyramid.code_units.values():
        assert unit.design_unit in pyramid.design_units
        assert unit.id in pyramid.file(unit.path).units


@pytest.mark.parametrize("store_format", ["csv", "sqlite"])
def test_store_format_picks_the_store_template(taxonomy, store_format):
    pyramid = build_pyramid(make_todo(store_format=store_format), taxonomy)
    assert pyramid.code_units["todo/stores.py::TasksStore"].template == f"store/{store_format}.py.j2"


def test_a_project_without_commands_has_no_cli(taxonomy):
    project = make_todo()
    project.commands = []
    pyramid = build_pyramid(project, taxonomy)
    assert "runtime:cli" not in pyramid.design_units
    assert not any(planned.path.endswith("cli.py") for planned in pyramid.files)
    assert pyramid.unit("project:todo").interface["console_script"] is None


def test_store_resolution_with_several_stores(taxonomy):
    project = make_todo()
    project.entities.append(Entity(name="Note", description="", fields=[
        Field("text", type_ref("str"), None, "", span(50))], span=span(49)))
    project.stores.append(Store(name="notes", entity="Note", format="csv", path="notes.csv",
                                description="", span=span(52)))
    project.commands = [
        command("add_note", [param("text", "str")], "Add a note.", 60),           # mentions note
        command("add", [param("title", "str")], "Add something.", 62, store="tasks"),
        command("add_any", [param("text", "str")], "Add it somewhere.", 64),       # ambiguous
    ]
    pyramid = build_pyramid(project, taxonomy)
    assert pyramid.unit("command:add_note").interface["store"] == "notes"
    assert pyramid.unit("command:add").interface["store"] == "tasks"
    ambiguous = pyramid.unit("command:add_any")
    assert ambiguous.interface["store"] is None
    assert ambiguous.category == "command"  # a store operation with no store: custom
    assert "no store" in ambiguous.evidence
    project.commands.append(command("wipe", [], "", 66, store="nowhere"))
    with pytest.raises(SpfError, match="unknown store 'nowhere'") as caught:
        build_pyramid(project, taxonomy)
    assert caught.value.location == "spec.md:66"


def test_a_tiny_taxonomy_plans_only_what_it_knows(tiny_taxonomy):
    taxonomy = load_taxonomy([tiny_taxonomy[0]], template_folders=[tiny_taxonomy[1]],
                             include_registered=False)
    function = Function(name="double", params=[param("x", "int")], returns=type_ref("int"),
                        description="Twice x.", examples=[Example("double(2)", "4", None, span(5))],
                        span=span(3))
    project = Project(name="maths-kit", description="", entities=[], stores=[],
                      functions=[function], commands=[], span=span(1))
    pyramid = build_pyramid(project, taxonomy)
    assert [planned.path for planned in pyramid.files] == ["README.md", "maths_kit/functions.py"]
    assert pyramid.code_units["maths_kit/functions.py::double"].template == "function.j2"
    assert pyramid.unit("function:double").tests == []  # this taxonomy plans no tests


# ---------------------------------------------------------------- changing Layer 2


def test_reclassify_and_add_tests_then_replan(pyramid):
    stats = pyramid.reclassify("command:stats", "command.list")
    assert stats.categories == ["command.list", "command"] and stats.evidence == "reclassified"
    assert pyramid.code_units["todo/cli.py::stats_command"].template == "command/list.py.j2"
    assert stats.interface["operations"] == ["all"]
    unit = pyramid.unit("function:normalize_title")
    unit.tests.append(PlannedTest(name="test_normalize_title_unicode", kind="example",
                                  source='normalize_title("ü ") == "ü"', trace=span(99)))
    pyramid.replan()
    added = pyramid.code_units["tests/test_functions.py::test_normalize_title_unicode"]
    assert added.design_unit == "function:normalize_title" and added.trace.line == 99
    with pytest.raises(SpfError, match="unknown taxonomy category"):
        pyramid.reclassify("command:stats", "command.nothing")


def test_a_dependency_added_by_hand_reorders_and_a_cycle_is_refused(pyramid):
    pyramid.unit("function:normalize_title").depends_on.append("store:tasks")
    pyramid.replan()
    assert pyramid.order.index("store:tasks") < pyramid.order.index("function:normalize_title")
    pyramid.unit("store:tasks").depends_on.append("function:normalize_title")
    with pytest.raises(SpfError, match="dependency cycle"):
        pyramid.replan()
    pyramid.unit("store:tasks").depends_on.remove("function:normalize_title")
    pyramid.unit("entity:Task").depends_on.append("entity:Nobody")
    with pytest.raises(SpfError, match="unknown unit 'entity:Nobody'"):
        pyramid.replan()


# ---------------------------------------------------------------- the JSON contract


def test_to_dict_is_the_documented_contract(pyramid):
    data = json.loads(pyramid.to_json())
    assert data["schema"] == "spf.pyramid/1"
    assert set(data) == {"schema", "project", "requirements", "design", "edges", "files",
                         "code_units"}
    assert data["project"] == {"name": "todo", "package": "todo",
                               "description": "A command-line to-do list.",
                               "source_file": "spec.md", "spec_hash": ""}
    assert [r["id"] for r in data["requirements"]][:3] == ["project:todo", "entity:Task",
                                                           "store:tasks"]
    assert [d["id"] for d in data["design"]] == pyramid.order
    done = next(d for d in data["design"] if d["id"] == "command:done")
    assert done["category"] == "command.update" and done["requirement"] == "command:done"
    assert done["trace"]["link"] == "spec.md:24" and done["trace"]["line"] == 24
    assert done["tests"][1]["trace"]["link"] == "spec.md:26"
    runtime = next(d for d in data["design"] if d["id"] == "runtime:cli")
    assert runtime["requirement"] is None
    assert {"from": "command:done", "to": "runtime:cli"} in data["edges"]
    assert [f["path"] for f in data["files"]] == [planned.path for planned in pyramid.files]
    unit = next(u for u in data["code_units"] if u["id"] == "todo/cli.py::done_command")
    assert unit == {"id": "todo/cli.py::done_command", "kind": "function", "name": "done_command",
                    "path": "todo/cli.py", "design_unit": "command:done",
                    "template": "command/update.py.j2", "role": "command",
                    "trace": {"file": "spec.md", "line": 24, "column": 1, "end_line": None,
                              "text": "## Command: done(...)", "link": "spec.md:24"}}


def test_building_is_deterministic(todo_project, taxonomy):
    first = build_pyramid(make_todo(), taxonomy).to_json()
    assert build_pyramid(make_todo(), taxonomy).to_json() == first
