"""Transcripts (```console blocks) in the spec model: placement, steps, spec errors.

The round trip through render_spec is in tests/spec/test_spec_roundtrip.py.
"""

from __future__ import annotations

import pytest

from spf.errors import SpecError
from spf.spec import parse_spec

HEAD = """# Project: todo
A to-do list.

## Entity: Task
- title: str — what to do

## Store: tasks
- holds: Task
- format: json

## Command: add(title: str)
Add a task.

## Command: done(index: int)
Mark a task done.
"""


def spec_with(block: str, where: str = "end") -> str:
    if where == "end":
        return HEAD + "\n" + block
    return HEAD.replace("## Entity: Task", "## Usage\n\n" + block + "\n## Entity: Task")


def console(*lines: str) -> str:
    return "```console\n" + "\n".join(lines) + "\n```\n"


def test_a_transcript_under_a_command_belongs_to_it_and_leaves_its_description():
    block = console('$ todo add "buy milk"', "added 1: buy milk", "$ todo done 9",
                    "no such task", "[1]")
    project = parse_spec(spec_with(block))
    done = project.commands[1]
    assert done.description == "Mark a task done."  # the block is an example, not prose
    assert project.transcripts == []
    (transcript,) = done.transcripts
    assert transcript.command == "done" and transcript.span.line == 17
    first, second = transcript.steps
    assert first.argv == ("add", "buy milk") and first.expected == ("added 1: buy milk",)
    assert first.status == 0 and first.span.line == 18 and first.command == "add"
    assert second.argv == ("done", "9") and second.expected == ("no such task",)
    assert second.status == 1 and second.span.line == 20


def test_a_transcript_outside_commands_belongs_to_the_project():
    block = console("$ todo add x", "...", "$ todo done 1")
    project = parse_spec(spec_with(block, where="usage"))
    (transcript,) = project.transcripts
    assert transcript.command is None
    assert [step.argv for step in transcript.steps] == [("add", "x"), ("done", "1")]
    assert transcript.steps[0].expected == ("...",)
    assert transcript.steps[1].expected == () and transcript.steps[1].status == 0
    assert "```" not in project.description and "## Usage" in project.description
    assert project.all_transcripts() == [transcript]


def test_other_fenced_blocks_are_prose_and_blank_output_lines_at_the_end_are_dropped():
    block = "```text\n$ todo add x\n```\n\n" + console("$ todo add x", "", "added", "", "")
    project = parse_spec(spec_with(block))
    assert "```text" in project.commands[1].description
    (transcript,) = project.commands[1].transcripts
    assert transcript.steps[0].expected == ("", "added")


@pytest.mark.parametrize("block, line, column, message", [
    (console("$ tdo add x"), 18, 3, "runs 'tdo', not the program 'todo'"),
    (console('$ todo add "buy milk'), 18, 12, "unbalanced quote"),
    (console("$ todo add x", "added", "[0]"), 20, 1, "exit status 0 is out of range 1..255"),
    (console("$ todo add x", "[256]"), 19, 1, "exit status 256 is out of range 1..255"),
    (console("added 1", "$ todo add x"), 18, 1, "output before the first `$` step"),
    (console("$ todo ad x"), 18, 8, "unknown command 'ad'"),
    (console("$"), 18, 1, "without a command line"),
])
def test_bad_transcripts_are_spec_errors_with_a_location_and_a_hint(block, line, column, message):
    with pytest.raises(SpecError) as caught:
        parse_spec(spec_with(block), display_path="spec.md")
    error = caught.value
    assert message in error.message
    assert (error.line, error.column) == (line, column), error.one_line()
    assert error.hint and error.exit_code == 2
    assert "\n" not in error.one_line()


def test_unknown_command_error_suggests_the_close_one():
    with pytest.raises(SpecError) as caught:
        parse_spec(spec_with(console("$ todo dne 1")))
    assert "did you mean 'done'?" in caught.value.hint
