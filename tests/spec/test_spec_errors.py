"""Bad input gets a precise SpecError: exact line, column, message and hint, never a traceback."""

from __future__ import annotations

import pytest

from spf.errors import SpecError
from spf.spec import parse_spec

BASE = """# Project: todo
A list.

## Entity: Task
- title: str — what to do
"""  # the next line is line 6

# (lines appended to BASE, "line:column", exact message)
SYNTAX_ERRORS = [
    ("- done: — x", "6:9", "expected a type after ':'"),
    ("- done:", "6:8", "expected a type after ':'"),
    ("- done bool", "6:8", "expected ':' and a type after 'done'"),
    ("- tags: list[str = []", "6:18", "expected ',' or ']' after 'str'"),
    ("- tags: list[] = []", "6:14", "expected a type after '['"),
    ("- due: str | = none", "6:14", "expected a type after '|'"),
    ("- done: bool =", "6:15", "expected a default value after '='"),
    ("- done: bool = maybe", "6:16", "expected a Python literal, found the name 'maybe'"),
    ('- s: str = "\\N"', "6:12", ("invalid string literal: (unicode error) 'unicodeescape' codec "
     "can't decode bytes in position 0-1: malformed \\N character escape")),
    ("- n: int = 0x", "6:12", "invalid number '0x'"),
    ("- n: list[int] = [1, 2", "6:23", "expected ',' or ']' after '2'"),
    ("- t: str = make()", "6:12", "a default must be a Python literal, not a call of make"),
    ("\n## Function: f(x: int -> int", "7:23", "expected ')' or ',' or '=' or '[' after 'int'"),
    ("\n## Function: f(x) -> int", "7:17", "expected ':' and a type after 'x'"),
    ("\n## Function: f(x: int) ->", "7:26", "expected a return type after '->'"),
    ("\n## Function: f", "7:15", "expected '(' after 'f'"),
    ("\n## Function:", "7:14", "expected a signature after 'Function:'"),
    ("\n## Function: f(x: int) -> int\n- f(1) 2", "8:8",
     "expected '== <expected value>' or 'raises <Error>' after ')'"),
    ("\n## Function: f(x: int) -> int\n- f(1) ==", "8:10", "expected a value after '=='"),
    ("\n## Function: f(x: int) -> int\n- f(1 == 2", "8:7", "expected ')' or ',' after '1'"),
    ("\n## Function: f(x: int) -> int\n- f(1) == 'abc", "8:11", "unterminated string"),
    ('\n## Function: f(x: str) -> int\n- f("a) == 1', "8:5", "unterminated string"),
    ("\n## Function: f(x: int) -> int\n- f(1) raises", "8:14",
     "expected an exception name such as ValueError after 'raises'"),
    ("\n## Command: add(a: str,, b: str)", "7:24", "expected a parameter name or ')' after ','"),
    ("\n## Command: done(index: int)\n- error: bad and exits with status 1", "8:37",
     "expected 'prints \"<message>\"' after '1'"),
    ("\n## Command: done(index: int)\n- error: bad prints nothing", "8:21",
     "expected a quoted string after 'prints'"),
    ("\n## Command: done(index: int)\n- error: bad prints \"x\" and exits with status 300", "8:47",
     "exit status 300 is out of range 1..255"),
    ("\n## Command: done(index: int)\n- error: bad prints \"x\" and exits with status 0", "8:47",
     "exit status 0 is out of range 1..255"),
    ("\n## Command: done(index: int) -> int", "7:30", "a command has no return type"),
    ("\n## Functon: f(x: int) -> int", "7:4", "unknown item kind 'Functon'"),
    ("\n## Entity: my task", "7:12", "entity name 'my task' is not a valid Python identifier"),
    ("\n## Entity:", "7:12", "expected a name after 'Entity:'"),
    ("\n# Project: again", "7:1", "a second '# Project:' heading"),
    ("\n## Project: again", "7:1", "the project heading must be a level-1 heading"),
    ("\n# Entity: Thing", "7:1", "'Entity:' must be a level-2 heading"),
]


@pytest.mark.parametrize(("appended", "position", "message"), SYNTAX_ERRORS,
                         ids=[case[2][:40] for case in SYNTAX_ERRORS])
def test_syntax_errors_have_exact_positions_and_messages(appended, position, message):
    text = BASE + appended + "\n"
    with pytest.raises(SpecError) as caught:
        parse_spec(text)
    error = caught.value
    assert f"{error.line}:{error.column}" == position, error.one_line()
    assert error.message == message
    assert error.location == f"spec.md:{position}"
    assert error.hint  # every error says how to fix it
    assert error.source_line == text.split("\n")[error.line - 1]
    assert error.exit_code == 2


def test_the_excerpt_puts_a_caret_under_the_column():
    with pytest.raises(SpecError) as caught:
        parse_spec(BASE + "- done: — x\n")
    assert caught.value.excerpt() == "    - done: — x\n            ^"
    assert caught.value.one_line() == (
        "spec.md:6:9: expected a type after ':' (hint: found '— x'; write a field as "
        "`- name: type = default — description`)")


def test_a_spec_without_a_project_heading():
    for text in ("", "Just prose.\n", "## Entity: Task\n- a: int\n"):
        with pytest.raises(SpecError) as caught:
            parse_spec(text)
        assert (caught.value.line, caught.value.column) == (1, 1)
        assert caught.value.message == "expected a '# Project: <name>' heading"


def test_an_item_heading_before_the_project_heading():
    with pytest.raises(SpecError) as caught:
        parse_spec("## Entity: Task\n- a: int\n\n# Project: p\n")
    assert caught.value.location == "spec.md:1:1"
    assert caught.value.message == "'Entity:' heading before the '# Project:' heading"


def test_positions_on_continuation_lines_are_exact():
    text = BASE + "- done: bool = false — whether it is\n  finished\n- due: str |\n  = none\n"
    with pytest.raises(SpecError) as caught:
        parse_spec(text)
    # the '=' on the continuation line (line 9, column 3) is where a type was expected
    assert (caught.value.line, caught.value.column) == (9, 3)
    assert caught.value.message == "expected a type after '|'"


def test_error_file_name_is_the_display_path():
    with pytest.raises(SpecError) as caught:
        parse_spec(BASE + "- done:\n", file="spec.md", display_path="examples/todo/spec.md")
    assert caught.value.location == "examples/todo/spec.md:6:8"


def test_windows_line_endings_keep_positions():
    text = (BASE + "- done: — x\n").replace("\n", "\r\n")
    with pytest.raises(SpecError) as caught:
        parse_spec(text)
    assert (caught.value.line, caught.value.column) == (6, 9)


def test_an_error_bullet_in_words_is_read_as_prose_not_refused():
    """A newcomer's `- error:` bullet outside the bullet grammar (a message in backticks, asides,
    the status at the end) was refused with "expected 'prints ...'": it is the command's prose
    now, read by the prose readers; one with no message and no status is still refused."""
    text = ("# Project: dues\n\n## Entity: Member\n- name: str\n\n## Store: members\n- holds: Member\n"
            "- format: json\n\n## Command: pay(name: str)\nRecord a payment.\n"
            "- error: if no member has that name (ignoring capitals), print\n"
            "  `no member called Bob Ray` (the name as it was typed), record nothing, and exit\n"
            "  with status 2.\n")
    command = parse_spec(text).commands[0]
    assert command.errors == []
    assert "If no member has that name (ignoring capitals), print `no member called Bob Ray`" in command.description
    from spf.interpretation import prose_errors
    assert [(e.message, e.status) for e in prose_errors(command)] == [("no member called NAME", 2)]
    with pytest.raises(SpecError, match="expected 'prints"):
        parse_spec(text.replace("print\n  `no member called Bob Ray` (the name as it was typed), record nothing, and exit\n"
                                "  with status 2.", "say no"))
