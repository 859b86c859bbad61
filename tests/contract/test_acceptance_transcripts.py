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


STORY = """# Project: bins
A log of compost bins.

## Entity: Bin
- label: str — unique
- litres: int — how much is in it

## Store: bins
- holds: Bin
- format: json

## Command: add(label: str)
As a gardener, I want to register a bin.

- Given no bins, when I run `add b3`, then the bin is captured and the output is `added B3`.
- Given the log is empty, when I run `bins add b3`, then it prints `added B3` and exits with
  status 0.
- Given B3 exists, when I run `add b3`, then it is refused with `already there` (exit 1).
- Given B3 has no litres, when I run `add b4`, then the output is `added B4`.
- Given no bins, when I run `add b5`, then it is refused with `no room`.
"""


def test_a_story_sentence_from_an_empty_store_is_a_one_step_transcript():
    project = parse_spec(STORY)
    add = project.commands[0]
    told = add.transcripts
    # the first two start from an empty store; "B3 exists" and "B3 has no litres" are a record's
    # state (not replayable from the words), and a refusal without its status is not a check
    assert [(t.steps[0].argv, t.steps[0].expected, t.steps[0].status) for t in told] == [
        (("add", "b3"), ("added B3",), 0), (("add", "b3"), ("added B3",), 0)]
    assert all(t.told and t.command == "add" for t in told)
    assert [t.span.line for t in told] == [15, 16]
    assert "when I run `add b3`" in add.description  # the sentence stays prose too


def test_a_told_transcript_is_not_rendered_as_a_console_block():
    from spf.spec.render import render_spec

    again = parse_spec(render_spec(parse_spec(STORY)))
    assert "```console" not in render_spec(parse_spec(STORY))
    assert len(again.commands[0].transcripts) == 2  # read again from the sentences, not doubled
