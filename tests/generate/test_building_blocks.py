"""The pure helpers behind the stages: body extraction, line formats, CLI arguments, literals."""

from __future__ import annotations

import pytest
from spf_plugins.stages.commands import (
    cli_arguments,
    format_line,
    formatter_expression,
    pattern_parts,
    plan_commands,
)
from spf_plugins.stages.views import function_body, module_imports

from spf.spec import parse_spec
from spf.templating import python_literal

from .conftest import EXAMPLES, TINY_SPEC


def test_function_body_keeps_comments_and_drops_the_docstring():
    source = 'import re\n\ndef f(x: int) -> int:\n    """doc"""\n    # why\n    return x + 1\n'
    assert function_body(source, "f") == "    # why\n    return x + 1"
    assert module_imports(source) == ["import re"]


def test_function_body_never_reindents_a_multiline_string():
    source = 'def f():\n  text = """a\n  b"""\n  return text\n'
    body = function_body(source, "f")
    namespace: dict = {}
    exec("def f():\n" + body, namespace)  # noqa: S102 - running the extracted body is the test
    assert namespace["f"]() == "a\n  b"
    assert function_body("def f(x): return x", "f") == "    return x"
    with pytest.raises(ValueError):
        function_body("def g(): pass", "f")


def test_line_format_from_the_todo_pattern():
    project = parse_spec((EXAMPLES / "todo" / "spec.md").read_text())
    task = project.entities[0]
    description = project.commands[2].description
    parts = pattern_parts("1. [x] title #tag", description, task)
    values = {"title": "buy milk", "done": True, "tags": ["home", "food"]}
    assert format_line(parts, 1, values) == "1. [x] buy milk #home #food"
    assert format_line(parts, 2, {**values, "done": False, "tags": []}) == "2. [ ] buy milk"
    expression = formatter_expression(parts)
    item = type("Task", (), values)()
    assert eval(expression, {"position": 1, "item": item}) == "1. [x] buy milk #home #food"


def test_cli_arguments_put_options_first_and_protect_negative_numbers():
    project = parse_spec(TINY_SPEC.replace("## Command: add(text: str)",
                                           "## Command: add(text: str, count: int = 0)"))
    add = next(command for command in project.commands if command.name == "add")
    assert cli_arguments(add, {"text": "-5", "count": 2}) == ["add", "--count", "2", "--", "-5"]
    assert cli_arguments(add, {"text": "hi"}) == ["add", "hi"]


def test_documented_errors_become_checks_or_are_reported():
    spec = TINY_SPEC.replace(
        "## Command: add(text: str)\nAdd a note.",
        "## Command: add(text: str, size: int = 1)\nAdd a note.\n"
        '- error: an empty text prints "text is empty" and exits with status 2\n'
        '- error: a size above 9 prints "too big" and exits with status 3\n'
        '- error: the moon is full prints "wait" and exits with status 5')
    project = parse_spec(spec)
    plans = plan_commands(project, {"add": "command.add", "list": "command.list",
                                    "remove": "command.remove"}, set())
    add = plans["add"]
    assert [(guard.kind, guard.condition, guard.message, guard.status)
            for guard in add.interpretation.guards] == [
        ("check", "(not text.strip())", "text is empty", 2),
        ("check", "(size > 9)", "too big", 3)]
    body = "\n".join(add.view["body"])
    assert body.index("if (size > 9):") < body.index("store = ")  # guards before any write
    assert add.status == "partial"
    assert "error not understood: 'the moon is full'" in add.reasons
    assert "parameter 'size' is not used" in add.reasons
    assert 'ignored_option("size", "add", "spec.md:' in body  # refused at run time when given
    remove = plans["remove"]
    assert [(guard.kind, guard.message, guard.status)
            for guard in remove.interpretation.guards] == [("lookup", "no such note", 1)]


def test_python_literals_are_double_quoted_and_valid():
    value = ["it's", 'say "hi"', "tab\there", "ünï", 3, 2.5, None, True, ("x",), {"k": [1]}]
    text = python_literal(value)
    assert text.startswith('["it\'s", ')
    assert eval(text) == value


def test_a_summary_line_names_no_record_field():
    """corpus16/raffle's totals: `tickets: 12, paid: 9.00, owed: 4.00, left: 188`, a count over
    `Sale(tickets, paid)`. Its lower-case words are the line's text: read as fields they were
    written `{item.tickets}`, and the command crashed with a NameError (there is no record)."""
    project = parse_spec("# Project: raffle\n\nRaffle.\n\n## Entity: Sale\n- buyer: str\n- tickets: int\n"
                         "- paid: bool = false\n\n## Store: sales\n- holds: Sale\n- format: json\n\n## Command: totals\nTotals.\n")
    parts = pattern_parts("tickets: 12, paid: 9.00", "Totals.", project.entities[0], number="count")
    assert all(part[0] != "field" for part in parts)
    assert eval(formatter_expression(parts), {"count": 3}) == "tickets: 12, paid: 9.00"
    record = pattern_parts("tickets: 12, paid: 9.00", "Totals.", project.entities[0])  # a record's line keeps them
    assert any(part[:2] == ("field", "tickets") for part in record)
