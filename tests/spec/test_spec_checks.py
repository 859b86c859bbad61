"""Every semantic check: the spec parses, but what it says is wrong; exact positions."""

from __future__ import annotations

import pytest

from spf.errors import SpecError
from spf.spec import parse_spec

HEAD = "# Project: shop\n\n"  # items start on line 3

# (spec body after HEAD, "line:column", exact message)
SEMANTIC_ERRORS = [
    # unknown types, anywhere a type is written
    ("## Entity: Item\n- name: strr", "4:9", "unknown type 'strr'"),
    ("## Entity: Item\n- tags: list[Tag]", "4:14", "unknown type 'Tag'"),
    ("## Function: f(x: Thing) -> int\n", "3:19", "unknown type 'Thing'"),
    ("## Function: f(x: int) -> Result\n", "3:27", "unknown type 'Result'"),
    ("## Entity: Item\n- name: str[int]", "4:9", "type 'str' takes no type arguments"),
    ("## Entity: Item\n- m: dict[str, int, int]", "4:6", "type 'dict' takes at most 2 type arguments, not 3"),
    ("## Entity: Item\n- m: Optional", "4:6", "type 'Optional' takes 1 type argument, not 0"),
    ("## Entity: Item\n- m: tuple[..., int]", "4:6", "'...' is only allowed as tuple[X, ...]"),
    ("## Entity: Item\n- m: list[int, str]", "4:6", "type 'list' takes at most 1 type argument, not 2"),
    # stores
    ("## Entity: Item\n- a: int\n\n## Store: items\n- holds: Itme\n- format: json",
     "7:10", "store 'items' holds unknown entity 'Itme'"),
    ("## Entity: Item\n- a: int\n\n## Store: items\n- holds: Item\n- format: xml",
     "8:11", "unknown store format 'xml'"),
    ("## Entity: A\n- a: int\n\n## Entity: B\n- b: int\n\n## Store: things\n- format: json",
     "9:1", "store 'things' does not say which entity it holds"),
    ("## Entity: Item\n- a: int\n\n## Store: items\n- holds: Item",
     "6:1", "store 'items' does not say its format"),
    # duplicates
    ("## Entity: Item\n- a: int\n\n## Entity: Item\n- b: int", "6:12", "duplicate entity name 'Item'"),
    ("## Entity: Item\n- a: int\n- a: str", "5:3", "duplicate field name 'a' in entity Item"),
    ("## Function: f(x: int, x: int) -> int\n", "3:24",
     "duplicate parameter name 'x' in function f"),
    ("## Function: f() -> int\n\n## Function: f() -> str\n", "5:14", "duplicate function name 'f'"),
    ("## Command: go()\n\n## Command: go(n: int)\n", "5:13", "duplicate command name 'go'"),
    (("## Entity: Item\n- a: int\n\n## Store: items\n- holds: Item\n- format: json\n\n"
     "## Store: items\n- holds: Item\n- format: csv"), "10:11", "duplicate store name 'items'"),
    # names
    ("## Entity: class\n- a: int", "3:12", "entity name 'class' is a Python keyword"),
    ("## Entity: Item\n- def: int", "4:3", "field name 'def' is a Python keyword"),
    ("## Function: f(lambda: int) -> int\n", "3:16", "parameter name 'lambda' is a Python keyword"),
    ("## Store: 2items\n- holds: Item", "3:11", "store name '2items' is not a valid Python identifier"),
    ("## Entity: list\n- a: int", "3:12", "entity name 'list' is a built-in type name"),
    ("## Entity: Task\n- a: int\n\n## Function: Task() -> int", "6:14",
     "function name 'Task' is also an entity name"),
    # defaults
    ("## Entity: Item\n- a: bool = 3", "4:13", "default 3 is not a valid bool"),
    ("## Entity: Item\n- a: int = 1.5", "4:12", "default 1.5 is not a valid int"),
    ("## Entity: Item\n- a: int = true", "4:12", "default True is not a valid int"),
    ("## Entity: Item\n- a: str = 1", "4:12", "default 1 is not a valid str"),
    ('## Entity: Item\n- a: list[int] = ["x"]', "4:18", 'default ["x"] is not a valid list[int]'),
    ('## Entity: Item\n- a: int | None = "x"', "4:19", 'default "x" is not a valid int | None'),
    ("## Entity: Item\n- a: int\n\n## Entity: Box\n- item: Item = 1", "7:16",
     "default 1 is not a valid Item"),
    ("## Function: f(x: int = 1, y: int) -> int\n", "3:28",
     "parameter 'y' without a default follows one with a default"),
    # examples
    ("## Function: f(x: int) -> int\n- g(1) == 2", "4:3", "example calls unknown function 'g'"),
    ("## Function: f(x: int) -> int\n- h(1) == 2\n\n## Function: h(x: int) -> int\n- h(1) == 1",
     "4:3", "an example of 'f' calls 'h'"),
    ("## Function: f(x: int) -> int\n- f(1, 2) == 2", "4:3",
     "example calls f with 2 positional arguments; it takes at most 1"),
    ("## Function: f(x: int, y: int = 0) -> int\n- f() == 2", "4:3",
     "example calls f with missing argument 'x'"),
    ("## Function: f(x: int) -> int\n- f(z=1) == 2", "4:3",
     "example calls f with an unknown keyword argument 'z'"),
    ("## Function: f(x: int) -> int\n- f(1, x=1) == 2", "4:3",
     "example calls f with argument 'x' given twice"),
    ("## Function: f(x: int) -> int\n- f(1) raises Oops", "4:15", "unknown exception 'Oops'"),
    ("## Entity: Task\n- a: int\n\n## Function: f(x: int) -> Task\n- f(Tsk(1)) == Task(a=1)",
     "7:5", "example calls unknown name 'Tsk'"),
    ('## Function: f(x: int) -> int\n- f("1") == 2', "4:5",
     "argument \"1\" is not a valid int for parameter 'x'"),
    ('## Function: f(x: int, s: str = "") -> int\n- f(1, s=2) == 2', "4:10",
     "argument 2 is not a valid str for parameter 's'"),
    ('## Function: f(x: int) -> str\n- f(1) == 2', "4:11", "expected value 2 is not a valid str"),
    ("## Function: f(x: int)\n- f(1) == 2", "4:11", "expected value 2 is not a valid None"),
    # commands
    (("## Entity: Item\n- a: int\n\n## Store: items\n- holds: Item\n- format: json\n\n"
     "## Command: go()\n- store: itemz"), "11:10", "command 'go' uses unknown store 'itemz'"),
    ("## Entity: Item\n- a: int\n\n## Command: go(item: Item)", "6:22",
     "a command parameter cannot have type Item"),
    ("## Command: go(m: dict[str, int])", "3:19", "a command parameter cannot have type dict[str, int]"),
    ("## Command: go(m: list[list[str]])", "3:19",
     "a command parameter cannot have type list[list[str]]"),
]


@pytest.mark.parametrize(("body", "position", "message"), SEMANTIC_ERRORS,
                         ids=[case[2][:45] for case in SEMANTIC_ERRORS])
def test_semantic_errors_have_exact_positions_and_messages(body, position, message):
    text = HEAD + body + "\n"
    with pytest.raises(SpecError) as caught:
        parse_spec(text)
    error = caught.value
    assert (f"{error.line}:{error.column}", error.message) == (position, message), \
        error.one_line()
    assert error.hint
    assert error.source_line == text.split("\n")[error.line - 1]


def test_a_project_name_that_is_a_keyword_is_refused():
    with pytest.raises(SpecError) as caught:
        parse_spec("# Project: class\n")
    assert caught.value.message == "project name 'class' does not make a Python package name"
    assert (caught.value.line, caught.value.column) == (1, 12)


def test_the_earliest_of_several_errors_is_reported():
    text = HEAD + "## Entity: Item\n- b: Nope\n- a: int = 'x'\n"
    with pytest.raises(SpecError) as caught:
        parse_spec(text)
    assert caught.value.line == 4 and caught.value.message == "unknown type 'Nope'"


def test_unknown_type_hint_suggests_a_close_name():
    with pytest.raises(SpecError) as caught:
        parse_spec(HEAD + "## Entity: Task\n- a: int\n\n## Entity: Box\n- t: Tsk\n")
    assert caught.value.hint.startswith("did you mean 'Task'?")


@pytest.mark.parametrize(("type_text", "default"), [
    ("float", "1"), ("float", "-2.5"), ("list[str]", '["a", "b"]'), ("dict[str, int]", '{"a": 1}'),
    ("tuple[int, ...]", "(1, 2, 3)"), ("tuple[int, str]", '(1, "a")'), ("set[int]", "{1, 2}"),
    ("str | None", "none"), ("Optional[int]", "null"), ("Any", "[1, 'x']"), ("bytes", 'b"x"'),
    ("int | str", '"a"'), ("bool", "True"),
])
def test_valid_defaults_are_accepted(type_text, default):
    project = parse_spec(HEAD + f"## Entity: Item\n- a: {type_text} = {default}\n")
    assert project.entities[0].fields[0].type.text == type_text


def test_a_command_may_be_named_like_a_python_keyword_and_errors_read_in_the_plural():
    """`## Command: try` is a command line word (its code is `try_command`); "stars outside
    1..5 print ... and exit with status 2" reads like "prints ... exits"."""
    project = parse_spec("# Project: t\n\n## Command: try(stars: int)\nRate.\n"
                             '- error: stars outside 1..5 print "no" and exit with status 2\n', file="spec.md")
    error = project.commands[0].errors[0]
    assert (project.commands[0].name, error.condition, error.message, error.status) == \
        ("try", "stars outside 1..5", "no", 2)
