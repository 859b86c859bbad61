"""Hand-built Layer-1 objects for the core tests (imported as ``core_builders``).

Built by hand, not parsed, so that the taxonomy and pyramid tests do not depend on
the parser; the tests of the example projects use ``load_spec``.
"""

from __future__ import annotations

from pathlib import Path

from spf.spec.model import (
    Command,
    Entity,
    ErrorCase,
    Example,
    Field,
    Function,
    Param,
    Project,
    Span,
    Store,
    TypeRef,
)

REPO = Path(__file__).resolve().parents[2]


def type_ref(text: str) -> TypeRef:
    """A TypeRef for simple types: ``str``, ``list[str]``, ``Task``."""
    if "[" in text:
        name, inner = text.split("[", 1)
        return TypeRef(text=text, name=name, args=(type_ref(inner.rstrip("]")),))
    return TypeRef(text=text, name=text)


def span(line: int, text: str = "") -> Span:
    return Span(file="spec.md", line=line, column=1, text=text)


def param(name: str, type_text: str, default: str | None = None, line: int = 1) -> Param:
    return Param(name=name, type=type_ref(type_text), default=default, span=span(line))


def command(name: str, params, description: str, line: int, *, errors=(), store=None,
            examples=()) -> Command:
    return Command(name=name, params=list(params), description=description,
                   errors=list(errors), examples=list(examples), store=store,
                   span=span(line, f"## Command: {name}(...)"))


def make_todo(*, store_format: str = "json", extra_functions=(), extra_commands=()) -> Project:
    """The to-do project of examples/todo, by hand, with line numbers as in a spec."""
    task = Entity(name="Task", description="A unit of work the user wants to track.",
                  fields=[Field("title", type_ref("str"), None, "what to do", span(6)),
                          Field("done", type_ref("bool"), "False", "whether it is finished", span(7)),
                          Field("tags", type_ref("list[str]"), "[]", "free labels", span(8))],
                  span=span(4, "## Entity: Task"))
    tasks = Store(name="tasks", entity="Task", format=store_format, path=f"tasks.{store_format}",
                  description="Tasks live in a file.", span=span(10, "## Store: tasks"))
    normalize = Function(
        name="normalize_title", params=[param("title", "str")], returns=type_ref("str"),
        description="Trim the title and collapse inner runs of whitespace to one space.",
        examples=[Example('normalize_title("  buy   milk ")', '"buy milk"', None, span(17)),
                  Example('normalize_title("x")', '"x"', None, span(18)),
                  Example("normalize_title(None)", None, "TypeError", span(19))],
        span=span(15, "## Function: normalize_title(title: str) -> str"))
    commands = [
        command("add", [param("title", "str"), param("tag", "list[str]", "[]")],
                "Add a task with the normalized title and the given tags.", 21),
        command("done", [param("index", "int")],
                "Mark the task at the given 1-based position as done.", 24,
                errors=[ErrorCase("an index out of range", "no such task", 1, span(26))]),
        command("list", [], "Print every task on its own line.", 28),
        command("remove", [param("index", "int")], "Delete the task at the given position.", 31),
        command("search", [param("text", "str")], "Print the tasks whose title contains the text.", 34),
        command("stats", [param("verbose", "bool", "False")], "Print how many tasks there are.", 37),
        *extra_commands,
    ]
    return Project(name="todo", description="A command-line to-do list.", entities=[task],
                   stores=[tasks], functions=[normalize, *extra_functions], commands=commands,
                   span=span(1, "# Project: todo"), source_file="spec.md")


MINIMAL_TAXONOMY = '''
[category.unit]
description = "root"

[category.project]
is_a = "unit"
applies_to = "project"
singleton = true

[[category.project.produces]]
role = "readme"
kind = "doc"
name = "readme"
path = "README.md"
template = "readme.j2"

[category.function]
is_a = "unit"
applies_to = "function"
requires = ["project"]

[[category.function.produces]]
role = "function"
kind = "function"
name = "{name}"
path = "{package}/functions.py"
template = "function.j2"
'''
