"""The example projects parse into exactly the Layer-1 items they describe."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from spf.spec import Project, load_spec, parse_spec

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@pytest.mark.parametrize("name", ["todo", "gradebook", "inventory", "textkit"])
def test_every_example_parses_with_consistent_spans(name):
    project = load_spec(EXAMPLES / name)
    lines = (EXAMPLES / name / "spec.md").read_text(encoding="utf-8").split("\n")
    assert isinstance(project, Project)
    assert project.name == name
    assert project.functions, "every example has functions with examples"
    for item in project.items():
        # the span's text is the heading line it names
        assert item.span.file == "spec.md"
        assert lines[item.span.line - 1].strip() == item.span.text
        assert item.span.text.startswith("## ")
        assert item.span.end_line >= item.span.line
    for function in project.functions:
        assert function.examples
        for example in function.examples:
            assert example.call.startswith(f"{function.name}(")
            ast.parse(example.call, mode="eval")  # canonical Python source
            assert (example.expected is None) != (example.raises is None)
            # the example span points at the call inside its bullet line
            line = lines[example.span.line - 1]
            assert line[example.span.column - 1:].startswith(function.name + "(")


def test_todo_matches_the_issue_example():
    project = load_spec(EXAMPLES / "todo")
    (task,) = project.entities
    assert [(f.name, f.type.text, f.default, f.description) for f in task.fields] == [
        ("title", "str", None, "what to do"),
        ("done", "bool", "False", "whether it is finished"),
        ("tags", "list[str]", "[]", "free labels"),
    ]
    assert task.fields[2].type.name == "list"
    assert task.fields[2].type.args[0].name == "str"
    assert (task.span.line, task.span.end_line) == (4, 8)
    assert (task.fields[1].span.line, task.fields[1].span.column) == (7, 3)
    (store,) = project.stores
    assert (store.name, store.entity, store.format, store.path) == (
        "tasks", "Task", "json", "tasks.json")
    (function,) = project.functions
    assert function.signature == "normalize_title(title: str) -> str"
    assert function.description == (
        "Trim the title and collapse inner runs of whitespace to one space.")
    assert [(e.call, e.expected) for e in function.examples] == [
        ('normalize_title("  buy   milk ")', '"buy milk"'), ('normalize_title("x")', '"x"')]
    assert [command.name for command in project.commands] == [
        "add", "done", "list", "remove", "search"]
    assert all(command.store == "tasks" for command in project.commands)
    add = project.commands[0]
    assert [(p.name, p.type.text, p.default) for p in add.params] == [
        ("title", "str", None), ("tag", "list[str]", "[]")]
    assert (add.params[1].span.line, add.params[1].span.column) == (20, 29)
    done = project.commands[1]
    (error,) = done.errors
    assert (error.condition, error.message, error.status) == (
        "an index out of range", "no such task", 1)
    assert (error.span.line, error.span.column) == (25, 10)
    assert project.description == "A command-line to-do list that keeps tasks in a JSON file."
    assert len(project.spec_hash) == 64


def test_gradebook_is_a_csv_project_with_raising_examples_and_notes():
    project = load_spec(EXAMPLES / "gradebook")
    assert project.stores[0].format == "csv"
    assert project.stores[0].path == "students.csv"
    letter = project.functions[0]
    assert "90 or above is A" in letter.description
    assert {ast.literal_eval(e.expected) for e in letter.examples} == {"A", "B", "C", "F"}
    average = next(f for f in project.functions if f.name == "average")
    assert [(e.call, e.raises) for e in average.examples if e.raises] == [
        ("average([])", "ValueError")]
    assert average.returns.text == "float"
    assert project.description.endswith(
        "## Notes\nScores are whole numbers. The letter thresholds follow the course handbook.")
    add = project.commands[0]
    assert [e.message for e in add.errors] == [
        "grade must be between 0 and 100", "student already exists"]


def test_inventory_is_a_sqlite_project_with_an_explicit_path():
    project = load_spec(EXAMPLES / "inventory")
    (store,) = project.stores
    assert (store.format, store.path, store.entity) == ("sqlite", "inventory.db", "Item")
    item = project.entities[0]
    assert [(f.name, f.default) for f in item.fields] == [
        ("name", None), ("quantity", "0"), ("price", "0.0"), ("category", '"general"')]
    low = next(f for f in project.functions if f.name == "is_low_stock")
    assert low.params[1].default == "5"
    assert low.examples[2].call == "is_low_stock(7, 10)"
    assert {command.name for command in project.commands} == {
        "add", "list", "update", "remove", "find"}


def test_textkit_has_functions_only_and_a_storeless_command():
    project = load_spec(EXAMPLES / "textkit")
    assert project.entities == [] and project.stores == []
    assert len(project.functions) >= 7
    (stats,) = project.commands
    assert stats.store is None
    raising = {f.name for f in project.functions if any(e.raises for e in f.examples)}
    assert {"clamp", "repeat_text"} <= raising


def test_the_documented_full_example_parses():
    doc = (ROOT / "docs" / "spec-language.md").read_text(encoding="utf-8")
    block = re.search(r"````markdown\n(.*?)````", doc, re.DOTALL).group(1)
    project = parse_spec(block)
    assert [f.name for f in project.functions] == ["normalize_title", "parse_index"]
    assert project.functions[1].attributes == {"imports": "re"}
    assert project.attributes == {"version": "0.1.0"}
    assert project.commands[0].examples[0].call == 'add "buy milk" --tag home'
    assert "NotAnItem" in project.description  # fenced, so prose
    assert [e.name for e in project.entities] == ["Task"]


def test_load_spec_accepts_a_file_and_reports_a_missing_one(tmp_path):
    from spf.errors import SpfError

    assert load_spec(EXAMPLES / "todo" / "spec.md").name == "todo"
    with pytest.raises(SpfError) as caught:
        load_spec(tmp_path)
    assert "no spec file" in caught.value.message
    assert caught.value.exit_code == 2


def test_load_spec_errors_name_the_path_but_spans_stay_relative(tmp_path):
    from spf.errors import SpecError

    (tmp_path / "spec.md").write_text("# Project: p\n\n## Entity: E\n- x: nope\n",
                                      encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_spec(tmp_path)
    assert caught.value.location == f"{tmp_path / 'spec.md'}:4:6"
    (tmp_path / "spec.md").write_text("# Project: p\n\n## Entity: E\n- x: int\n",
                                      encoding="utf-8")
    assert load_spec(tmp_path).entities[0].span.file == "spec.md"
