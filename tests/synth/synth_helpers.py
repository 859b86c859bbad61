"""Helpers shared by the synthesis tests: the example projects' functions as tasks."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_PROJECTS = ("todo", "textkit", "gradebook", "inventory")

# The source of an ``Item`` entity (name, quantity, price, tags) for tasks that take items.
SHOP_CONTEXT = '''from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Item:
    name: str
    quantity: int = 0
    price: float = 0.0
    tags: list[str] = field(default_factory=list)
'''


def load_example(name: str):
    from spf.spec import load_spec

    return load_spec(REPO / "examples" / name)


def example_functions():
    """(project, function name) for every function of every example project."""
    pairs = []
    for project_name in EXAMPLE_PROJECTS:
        project = load_example(project_name)
        pairs.extend((project_name, function.name) for function in project.functions)
    return pairs


def function_task(project_name: str, function_name: str):
    from spf.loop import task_from_function

    project = load_example(project_name)
    function = next(item for item in project.functions if item.name == function_name)
    return task_from_function(function)
