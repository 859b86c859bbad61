"""Acceptance cases come from the spec's examples and transcripts alone, one test each."""

from __future__ import annotations

import ast

import pytest

from spf.acceptance import (
    COMMAND_EXAMPLE,
    ERROR_CLAUSE,
    FUNCTION_EXAMPLE,
    TRANSCRIPT,
    AcceptanceCase,
    AcceptanceSuite,
    Step,
    cases_from_project,
    expected_lines,
    render_module,
)
from spf.errors import SpfError
from spf.spec import parse_spec

from .acceptance_fixtures import NOTES_SPEC


@pytest.fixture(scope="module")
def cases():
    return {case.name: case for case in cases_from_project(parse_spec(NOTES_SPEC))}


def test_every_example_and_transcript_is_one_named_traced_case(cases):
    assert list(cases) == ["test_shout_example_1", "test_mystery_example_1",
                           "test_mystery_example_2", "test_add_example_1", "test_add_example_2",
                           "test_transcript_spec_30"]
    shout = cases["test_shout_example_1"]
    assert shout.kind == FUNCTION_EXAMPLE and shout.units == ("function:shout",)
    assert (shout.call, shout.expected, shout.trace) == ('shout("abc")', '"ABC"', "spec.md:15")
    transcript = cases["test_transcript_spec_30"]
    assert transcript.kind == TRANSCRIPT and transcript.trace == "spec.md:30"
    assert transcript.units == ("command:add", "command:list", "command:remove")
    assert [step.unit for step in transcript.steps] == ["command:add", "command:list",
                                                        "command:remove"]
    assert transcript.steps[2].expected == ("no such ...",) and transcript.steps[2].status == 1
    assert [step.trace for step in transcript.steps] == ["spec.md:31", "spec.md:33", "spec.md:35"]


def test_command_examples_run_in_order_with_earlier_ones_replayed_as_setup(cases):
    first, second = cases["test_add_example_1"], cases["test_add_example_2"]
    assert first.kind == COMMAND_EXAMPLE and first.units == ("command:add",)
    assert first.steps == (Step(("add", "buy milk"), ("added: 1. buy milk",), 0,
                                unit="command:add", trace="spec.md:24"),)
    setup, step = second.steps
    assert setup.setup and setup.argv == ("add", "buy milk") and setup.expected is None
    assert setup.status == 0  # the replayed example must still succeed
    assert step.expected == ("added: 2. call mom",) and step.trace == "spec.md:25"


def test_cases_depend_on_the_examples_only():
    changed = NOTES_SPEC.replace('prints "added: 2. call mom"', 'prints "added 2: call mom"')
    before = {case.name: case for case in cases_from_project(parse_spec(NOTES_SPEC))}
    after = {case.name: case for case in cases_from_project(parse_spec(changed))}
    assert after["test_add_example_2"].steps[-1].expected == ("added 2: call mom",)
    assert {name for name in before if before[name] != after[name]} == {"test_add_example_2"}
    # Descriptions are not examples: rewording one changes no case.
    reworded = NOTES_SPEC.replace("Add a note.", "Append a note at the end.")
    assert cases_from_project(parse_spec(reworded)) == list(before.values())


def test_expected_lines_of_a_quoted_text():
    assert expected_lines('"a\\nb\\n"') == ("a", "b")
    assert expected_lines('""') == ()
    assert expected_lines("'x  '") == ("x",)


def test_a_stage_can_add_an_error_clause_case_and_replace_it_by_name():
    suite = AcceptanceSuite(cases_from_project(parse_spec(NOTES_SPEC)))
    case = AcceptanceCase("test_remove_error_1", ERROR_CLAUSE, ("command:remove",),
                          "spec.md:50", [Step(("add", "x"), None, 0, unit="command:add"),
                                         Step(("remove", "9"), ("no such note",), 1,
                                              stream="stderr", unit="command:remove")])
    suite.add(case)
    suite.add(case)
    assert [c.name for c in suite.for_unit("command:remove")] == ["test_transcript_spec_30",
                                                                 "test_remove_error_1"]
    assert case.unit_of_step(1) == "command:add" and case.unit_of_step(2) == "command:remove"
    assert len(suite) == 7 and suite.get("test_remove_error_1") is case


@pytest.mark.parametrize("arguments, message", [
    (("remove error", ERROR_CLAUSE, ("command:remove",), "spec.md:1", [Step(("remove",))]),
     "not a test function name"),
    (("test_x", "guess", ("command:remove",), "spec.md:1", [Step(("remove",))]), "unknown"),
    (("test_x", ERROR_CLAUSE, ("command:remove",), "spec.md:1", []), "no steps"),
])
def test_bad_cases_are_refused(arguments, message):
    with pytest.raises(SpfError, match=message):
        AcceptanceCase(*arguments)
    with pytest.raises(ValueError):
        Step(("x",), stream="stdout")


def test_the_rendered_module_is_python_with_a_trace_above_each_test(cases):
    source = render_module(list(cases.values()), program="notes", package="notes",
                           functions=["shout", "mystery"], entities=["Note"],
                           stubs={"function:mystery"})
    tree = ast.parse(source)
    tests = [node.name for node in tree.body if isinstance(node, ast.FunctionDef)
             and node.name.startswith("test_")]
    assert tests == list(cases)
    lines = source.splitlines()
    for name, case in cases.items():
        at = lines.index(next(line for line in lines if line.startswith(f"def {name}(")))
        above = [line for line in lines[at - 3:at] if line.startswith("# ")]
        assert above == [f"# {case.trace}"]
    assert source.count("@pytest.mark.xfail(raises=NotImplementedError") == 2  # mystery's two
    assert "import spf" not in source and "from spf" not in source
    assert "STUBS = ['function:mystery']" in source


def test_a_command_named_like_a_function_gets_test_names_of_its_own():
    text = NOTES_SPEC.replace("## Function: shout(text: str) -> str", "## Function: add(text: str) -> str"
                              ).replace('- shout("abc") == "ABC"', '- add("abc") == "ABC"')
    names = [case.name for case in cases_from_project(parse_spec(text))]
    assert "test_add_example_1" in names and "test_add_command_example_1" in names
    assert len(names) == len(set(names))
