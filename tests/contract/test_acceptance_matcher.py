"""The output matcher's `...` rules, the JUnit reader on a real pytest run, the status rules."""

from __future__ import annotations

import subprocess
import sys

import pytest

from spf.acceptance import (
    REFUSALS_WHY,
    AcceptanceCase,
    AcceptanceSuite,
    Step,
    TestResult,
    attribute,
    match_output,
    read_junit,
    unit_status,
)


@pytest.mark.parametrize("expected, actual, ok", [
    (["added 1: buy milk"], "added 1: buy milk\n", True),
    (["added 1: buy milk"], "added 1: buy milk   \n\n\n", True),  # trailing space, blank end
    (["added 1: buy milk  "], "added 1: buy milk", True),
    (["added 1: buy milk"], "added 2: buy milk\n", False),
    (["added 1: buy milk"], "added 1: buy milk\nmore\n", False),  # extra lines are output too
    ([], "", True),
    ([], "\n  \n", True),
    ([], "something\n", False),  # no expected lines: the step prints nothing
    (["..."], "", True),  # `...` matches no lines
    (["..."], "a\nb\nc\n", True),
    (["first", "...", "last"], "first\nlast\n", True),
    (["first", "...", "last"], "first\n1\n2\nlast\n", True),
    (["first", "...", "last"], "first\n1\n2\n", False),
    (["...", "x"], "a\nx\nb\nx\n", True),  # backtracks to the last x
    (["added ...: buy milk"], "added 17: buy milk\n", True),  # `...` inside a line
    (["added ...: buy milk"], "added 17: buy bread\n", False),
    (["... milk"], "buy milk\n", True),
    (["... milk"], "buy milk\nand more milk\n", False),  # within one line only
    (["a.b (c)*"], "a.b (c)*\n", True),  # other characters are literal
    (["a.b (c)*"], "axb (c)\n", False),
    (["  indented"], "  indented\n", True),
    (["  indented"], "indented\n", False),  # leading space matters
])
def test_match_output_rules(expected, actual, ok):
    assert match_output(expected, actual) is ok


JUNIT_TESTS = '''
import pytest

def test_passes():
    assert True

def test_fails():
    raise AssertionError("step 2: $ todo list: output differs")

@pytest.fixture
def broken():
    raise RuntimeError("setup broke")

def test_errors(broken):
    pass

@pytest.mark.xfail(raises=NotImplementedError, reason="stub")
def test_xfails():
    raise NotImplementedError

@pytest.mark.xfail(reason="stub")
def test_xpasses():
    assert True

def test_skips():
    pytest.skip("not here")

@pytest.mark.parametrize("n", [1, 2])
def test_param(n):
    assert n == 1

class TestGroup:
    def test_in_class(self):
        assert True
'''


def test_read_junit_gives_each_outcome_from_a_real_pytest_run(tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_sample.py").write_text(JUNIT_TESTS)
    (tmp_path / "tests" / "test_broken.py").write_text("import no_such_module_here\n")
    junit = tmp_path / "junit.xml"
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                    "-o", "xfail_strict=true", "--continue-on-collection-errors",
                    f"--junit-xml={junit}", "tests"],
                   cwd=tmp_path, capture_output=True, check=False, timeout=120)
    results = {result.id: result for result in read_junit(junit)}
    outcome = {key: result.outcome for key, result in results.items()}
    path = "tests/test_sample.py"
    assert outcome[f"{path}::test_passes"] == "passed"
    assert outcome[f"{path}::test_fails"] == "failed"
    assert outcome[f"{path}::test_errors"] == "error"
    assert outcome[f"{path}::test_xfails"] == "xfailed"
    assert outcome[f"{path}::test_xpasses"] == "xpassed"
    assert outcome[f"{path}::test_skips"] == "skipped"
    assert outcome[f"{path}::test_param[1]"] == "passed"
    assert outcome[f"{path}::test_param[2]"] == "failed"
    assert results[f"{path}::test_param[2]"].name == "test_param"
    assert outcome[f"{path}::test_in_class"] == "passed"
    assert results[f"{path}::test_in_class"].path == path
    failed = results[f"{path}::test_fails"]
    assert failed.step == 2 and "output differs" in failed.message
    assert "setup broke" in results[f"{path}::test_errors"].message
    broken = [result for result in results.values() if result.path == "tests/test_broken.py"]
    assert [(result.name, result.outcome) for result in broken] == [("", "error")]


def _case(name, *units):
    return AcceptanceCase(name, "transcript", units, "spec.md:40",
                          [Step(("add", "x"), unit="command:add"),
                           Step(("done", "1"), unit="command:done"),
                           Step(("list",), unit="command:list")])


def test_a_failing_transcript_is_attributed_to_the_command_of_the_failing_step():
    suite = AcceptanceSuite([_case("test_transcript_spec_40", "command:add", "command:done",
                                   "command:list")])
    failed = TestResult("tests/test_acceptance.py::test_transcript_spec_40",
                        "tests/test_acceptance.py", "test_transcript_spec_40", "failed",
                        "AssertionError: step 2: $ todo done 1: exit status 1, expected 0")
    attributed = attribute([failed], suite, {}, {})
    pairs = {(unit, result.outcome) for unit, _, result in attributed}
    assert pairs == {("command:add", "passed"), ("command:done", "failed"), ("command:list", "skipped")}
    # the steps after the failing one never ran: their unit is unchecked, and says why
    unreached = [(source, result) for unit, source, result in attributed if unit == "command:list"]
    assert unit_status("implemented", unreached, True) == (
        "unchecked", ("its spec example did not run: tests/test_acceptance.py::test_transcript_spec_40 "
                      "stops at step 2 (done) before its step"))
    passed = TestResult(failed.id, failed.path, failed.name, "passed")
    pairs = {(unit, result.outcome) for unit, _, result in attribute([passed], suite, {}, {})}
    assert pairs == {("command:add", "passed"), ("command:done", "passed"),
                     ("command:list", "passed")}


def test_a_command_whose_passing_steps_are_all_refusals_is_unchecked_not_verified():
    # `show` appears only as `show 9` refused with status 1: that checks the refusal,
    # never what `show` prints for a record it finds
    case = AcceptanceCase("test_transcript_spec_40", "transcript", ("command:add", "command:show"),
                          "spec.md:40", [Step(("add", "x"), unit="command:add"),
                                         Step(("show", "9"), ("no item 9",), 1, unit="command:show")])
    passed = TestResult("tests/test_acceptance.py::test_transcript_spec_40",
                        "tests/test_acceptance.py", "test_transcript_spec_40", "passed")
    attributed = attribute([passed], AcceptanceSuite([case]), {}, {})
    found = {unit: [(source, result) for u, source, result in attributed if u == unit]
             for unit in ("command:add", "command:show")}
    assert unit_status("implemented", found["command:add"], True) == ("verified", None)
    assert unit_status("implemented", found["command:show"], True) == ("unchecked", REFUSALS_WHY)
    # a refusal that fails still makes the command failing
    failed = TestResult(passed.id, passed.path, passed.name, "failed",
                        "AssertionError: step 2: $ shop show 9: exit status 0, expected 1")
    blamed = [(source, result) for unit, source, result in attribute([failed], AcceptanceSuite([case]), {}, {})
              if unit == "command:show"]
    assert unit_status("implemented", blamed, True)[0] == "failing"


def test_derived_tests_and_collection_errors_are_attributed_by_file():
    derived = {("tests/test_cli.py", "test_add_succeeds"): "command:add"}
    modules = {"tests/test_cli.py": ["command:add", "command:list"]}
    results = [TestResult("tests/test_cli.py::test_add_succeeds", "tests/test_cli.py",
                          "test_add_succeeds", "passed"),
               TestResult("tests.test_functions", "tests/test_functions.py", "", "error"),
               TestResult("tests.test_cli", "tests/test_cli.py", "", "error")]
    pairs = {(unit, source, result.outcome)
             for unit, source, result in attribute(results, None, derived, modules)}
    assert pairs == {("command:add", "derived", "passed"), ("command:add", "derived", "error"),
                     ("command:list", "derived", "error")}


def _r(outcome, name="test_x"):
    return TestResult(f"tests/test_acceptance.py::{name}", "tests/test_acceptance.py", name,
                      outcome, "boom" if outcome == "failed" else "")


@pytest.mark.parametrize("implementation, results, has_cases, status", [
    ("implemented", [("acceptance", _r("passed"))], True, "verified"),
    ("implemented", [("acceptance", _r("passed")), ("derived", _r("passed"))], True, "verified"),
    ("implemented", [("derived", _r("passed"))], False, "unchecked"),
    ("implemented", [], False, "unchecked"),
    ("implemented", [("acceptance", _r("failed"))], True, "failing"),
    ("implemented", [("acceptance", _r("passed")), ("derived", _r("failed"))], True, "failing"),
    ("implemented", [("acceptance", _r("error"))], True, "failing"),
    ("partial", [("acceptance", _r("passed"))], True, "partial"),
    ("partial", [("acceptance", _r("failed"))], True, "failing"),
    ("unimplemented", [("acceptance", _r("xfailed"))], True, "unimplemented"),
    ("unimplemented", [], False, "unimplemented"),
    ("unimplemented", [("acceptance", _r("xpassed")), ("derived", _r("xpassed"))], True,
     "verified"),  # a stub the user implemented by hand
    ("unimplemented", [("derived", _r("xpassed"))], False, "unchecked"),
    ("unimplemented", [("acceptance", _r("xpassed")), ("acceptance", _r("xfailed", "t2"))],
     True, "unimplemented"),
])
def test_unit_status_rules(implementation, results, has_cases, status):
    assert unit_status(implementation, results, has_cases)[0] == status


def test_a_failing_unit_says_which_test_failed_and_why():
    status, why = unit_status("implemented", [("acceptance", _r("failed", "test_add_example_1"))],
                              True)
    assert status == "failing"
    assert why == "tests/test_acceptance.py::test_add_example_1 failed: boom"
