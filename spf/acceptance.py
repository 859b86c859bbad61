"""Acceptance cases: the spec's own examples as tests, independent of the implementation.

The generated tests in ``test_cli.py`` and friends come from the same interpretation
as the generated code, so they can only confirm the guess. The cases here come from
Layer 1 alone (``spec.md``), never from the pyramid or a plan:

- every function example (``f(x) == y``, ``f(x) raises E``) calls the function;
- every command example (``- `add "milk"` prints "added 1: milk"``) runs the program;
  the examples of one command run in order in one fresh folder, so example *k* replays
  examples 1..k-1 as setup (their exit statuses checked, their output not);
- every transcript (```` ```console ```` block) runs its steps in one fresh folder.

Each case has a test name after what it checks (``test_add_example_2``,
``test_transcript_spec_41``), the design units it covers (``command:add``,
``function:normalize_title``) and its trace (``spec.md:41``). Stages may add cases of
their own through ``PipelineState.acceptance`` (``AcceptanceSuite.add``), e.g. the
command planner's ``error_clause`` cases for error clauses whose trigger it makes
concrete. The tests stage renders the suite into ``tests/test_acceptance.py``; the
verify stage runs it first and reads per-test results back (``spf.acceptance`` also
holds the JUnit reader and the per-unit status rules).

The runner functions at the end (``match_output`` and ``run_steps``) are copied
verbatim into the generated test module, which must not import spf: they use the
standard library only.
"""

from __future__ import annotations

import ast
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spf.errors import SpfError

FUNCTION_EXAMPLE = "function_example"
COMMAND_EXAMPLE = "command_example"
TRANSCRIPT = "transcript"
ERROR_CLAUSE = "error_clause"
KINDS = (FUNCTION_EXAMPLE, COMMAND_EXAMPLE, TRANSCRIPT, ERROR_CLAUSE)
TEST_MODULE = "tests/test_acceptance.py"
STEP_TIMEOUT = 60.0  # seconds one step of the generated program may run
# The generated module's settings, rendered there with the project's values; here they
# let spf's own tests call ``run_steps`` on a generated project (set them first).
PROGRAM = "program"
PACKAGE = "package"
ROOT = Path.cwd()
STUBS: list[str] = []

_TEST_NAME = re.compile(r"test_[A-Za-z0-9_]*\Z")


@dataclass(frozen=True)
class Step:
    """One run of the generated program in a case's working folder.

    ``argv``: the command line without the program; ``expected``: the expected output
    lines (``None``: not checked, as for replayed setup steps); ``status``: the expected
    exit status (``None``: any); ``stream``: ``"output"`` (stdout and stderr merged, as a
    terminal shows them) or ``"stderr"`` (stderr alone, for an error message);
    ``unit``: the design unit the step exercises (``command:done``), to which a failure
    of this step is attributed; ``trace``: where the step is written (``spec.md:41``).
    """

    argv: tuple[str, ...]
    expected: tuple[str, ...] | None = ()
    status: int | None = 0
    stream: str = "output"
    unit: str | None = None
    trace: str = ""
    setup: bool = False

    def __post_init__(self):
        if self.stream not in ("output", "stderr"):
            raise ValueError(f"a step's stream is 'output' or 'stderr', not {self.stream!r}")
        object.__setattr__(self, "argv", tuple(str(word) for word in self.argv))
        if self.expected is not None:
            object.__setattr__(self, "expected", tuple(self.expected))


@dataclass
class AcceptanceCase:
    """One acceptance test: ``AcceptanceCase(name, kind, units, trace, steps)``.

    ``kind`` is one of ``KINDS``; ``units`` the design units it covers; ``trace``
    ``spec.md:LINE``. A command-line case has ``steps``; a function example has
    ``call`` (Python source) and ``expected`` (Python source) or ``raises`` (an
    exception name) instead.
    """

    name: str
    kind: str
    units: tuple[str, ...]
    trace: str
    steps: tuple[Step, ...] = ()
    call: str | None = None
    expected: str | None = None
    raises: str | None = None
    description: str = ""  # what the spec line says, for the test's docstring

    def __post_init__(self):
        if not _TEST_NAME.match(self.name or ""):
            raise SpfError(f"acceptance case name {self.name!r} is not a test function name",
                           location=self.trace or None, hint="names look like test_add_example_2")
        if self.kind not in KINDS:
            raise SpfError(f"unknown acceptance case kind {self.kind!r}",
                           location=self.trace or None, hint=f"kinds: {', '.join(KINDS)}")
        self.units = tuple(self.units)
        self.steps = tuple(self.steps)
        if self.kind == FUNCTION_EXAMPLE:
            if not self.call or (self.expected is None) == (self.raises is None):
                raise SpfError(f"function example case {self.name} needs a call and exactly one "
                               "of expected and raises", location=self.trace or None)
        elif not self.steps:
            raise SpfError(f"acceptance case {self.name} has no steps", location=self.trace or None)

    def unit_of_step(self, number: int) -> str | None:
        """The design unit a failure of step ``number`` (1-based) is attributed to."""
        if 1 <= number <= len(self.steps):
            return self.steps[number - 1].unit or (self.units[0] if self.units else None)
        return None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "units": list(self.units),
                "trace": self.trace, "steps": [
                    {"argv": list(step.argv), "expected": None if step.expected is None
                     else list(step.expected), "status": step.status, "stream": step.stream,
                     "unit": step.unit, "trace": step.trace, "setup": step.setup}
                    for step in self.steps],
                "call": self.call, "expected": self.expected, "raises": self.raises}


@dataclass
class AcceptanceSuite:
    """The registry of acceptance cases a pipeline run renders (``state.acceptance``)."""

    cases: list[AcceptanceCase] = field(default_factory=list)

    def add(self, case: AcceptanceCase) -> AcceptanceCase:
        """Add a case; a case of the same name is replaced (stages may run again)."""
        positions = self._positions()
        index = positions.get(case.name)
        if index is not None:
            self.cases[index] = case
        else:
            positions[case.name] = len(self.cases)
            self.cases.append(case)
            self._indexed = (self.cases, len(self.cases))
        return case

    def _positions(self) -> dict[str, int]:
        """Name -> position of the first case of that name, kept beside the list (a large
        spec adds thousands of cases: a scan per add is quadratic); built again when the
        list was replaced or grown by hand."""
        indexed = getattr(self, "_indexed", None)
        if indexed is None or indexed[0] is not self.cases or indexed[1] != len(self.cases):
            self._by_name: dict[str, int] = {}
            for index, existing in enumerate(self.cases):
                self._by_name.setdefault(existing.name, index)
            self._indexed = (self.cases, len(self.cases))
        return self._by_name

    def extend(self, cases) -> None:
        for case in cases:
            self.add(case)

    def get(self, name: str) -> AcceptanceCase | None:
        return next((case for case in self.cases if case.name == name), None)

    def for_unit(self, unit: str) -> list[AcceptanceCase]:
        return [case for case in self.cases if unit in case.units]

    def units(self) -> set[str]:
        return {unit for case in self.cases for unit in case.units}

    def __iter__(self):
        return iter(self.cases)

    def __len__(self) -> int:
        return len(self.cases)


# ---------------------------------------------------------------- cases from Layer 1


def cases_from_project(project) -> list[AcceptanceCase]:
    """Every example and transcript of the spec as a case (Layer 1 only)."""
    cases: list[AcceptanceCase] = []
    for function in project.functions:
        for number, example in enumerate(function.examples, start=1):
            cases.append(AcceptanceCase(
                name=f"test_{function.name}_example_{number}", kind=FUNCTION_EXAMPLE,
                units=(f"function:{function.name}",), trace=_where(example.span),
                call=example.call, expected=example.expected, raises=example.raises,
                description=example.span.text))
    commands = {command.name for command in project.commands}
    taken = {case.name for case in cases}
    for command in project.commands:
        unit = f"command:{command.name}"
        replayed: list[Step] = []
        for number, example in enumerate(command.examples, start=1):
            trace = _where(example.span)
            argv = _example_argv(example, project, commands)
            step = Step(argv=argv, expected=expected_lines(example.expected), status=example.status,
                        unit=unit, trace=trace)
            name = f"test_{command.name}_example_{number}"
            if name in taken:  # a function of the same name has examples too
                name = f"test_{command.name}_command_example_{number}"
            cases.append(AcceptanceCase(
                name=name, kind=COMMAND_EXAMPLE,
                units=(unit,), trace=trace, steps=(*replayed, step),
                description=example.span.text))
            replayed.append(Step(argv=argv, expected=None, status=example.status, unit=unit,
                                 trace=trace, setup=True))
    for transcript in project.all_transcripts():
        steps = tuple(Step(argv=step.argv, expected=step.expected, status=step.status,
                           unit=_step_unit(step.argv, commands, transcript.command),
                           trace=_where(step.span)) for step in transcript.steps)
        units = tuple(dict.fromkeys(step.unit for step in steps if step.unit))
        if not units and transcript.command:
            units = (f"command:{transcript.command}",)
        cases.append(AcceptanceCase(
            name=f"test_transcript_spec_{transcript.span.line}", kind=TRANSCRIPT, units=units,
            trace=_where(transcript.span), steps=steps,
            description=f"the transcript at {_where(transcript.span)}"))
    return cases


def expected_lines(literal: str | None) -> tuple[str, ...]:
    """A command example's quoted text (a Python string literal) as expected lines."""
    if literal is None:
        return ()
    try:
        value = ast.literal_eval(literal)
    except (ValueError, SyntaxError):
        value = literal
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    lines = str(value).split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return tuple(line.rstrip() for line in lines)


def _example_argv(example, project, commands: set[str]) -> tuple[str, ...]:
    try:
        words = shlex.split(example.call)
    except ValueError:
        raise SpfError(f"command example {example.call!r} has an unbalanced quote",
                       location=_where(example.span),
                       hint="quotes group words as in a POSIX shell") from None
    if len(words) > 1 and words[0] == project.name and words[0] not in commands:
        words = words[1:]  # `todo add x` written with the program
    return tuple(words)


def _step_unit(argv, commands: set[str], fallback: str | None) -> str | None:
    if argv and argv[0] in commands:
        return f"command:{argv[0]}"
    return f"command:{fallback}" if fallback else None


def _where(span) -> str:
    return f"{Path(span.file).name}:{span.line}" if span is not None else "spec.md"


# ---------------------------------------------------------------- rendering


def render_module(cases: list[AcceptanceCase], *, program: str, package: str,
                  functions: list[str], entities: list[str], stubs: set[str],
                  spec_file: str = "spec.md") -> str:
    """The source of ``tests/test_acceptance.py`` (one test function per case)."""
    import inspect

    needs_pytest = any(case.kind == FUNCTION_EXAMPLE and (case.raises or set(case.units) & stubs)
                       for case in cases)
    imports = ["from pathlib import Path"] + (["", "import pytest"] if needs_pytest else [])
    parts = [
        f'"""Acceptance tests written from {spec_file} alone: its examples and transcripts.\n\n'
        "Each test is one example (or one transcript) of the spec, named after it and traced\n"
        "to its line. The program runs as `python -m " + package + "` in a fresh folder per\n"
        "test, stdout and stderr together, as a terminal shows them. Generated by spf; edits\n"
        'are kept when spf regenerates (three-way merge).\n"""',
        "\n".join(imports),
        "\n".join([f"PROGRAM = {program!r}", f"PACKAGE = {package!r}",
                   "ROOT = Path(__file__).resolve().parents[1]",
                   f"STEP_TIMEOUT = {STEP_TIMEOUT!r}",
                   "# design units that are stubs: a failing step of theirs is an expected failure",
                   f"STUBS = {sorted(stubs)!r}"]),
        inspect.getsource(_line_pattern).rstrip(),
        inspect.getsource(match_output).rstrip(),
        inspect.getsource(run_steps).rstrip(),
    ]
    for case in cases:
        parts.append(_render_case(case, stubs, package, functions, entities))
    return "\n\n\n".join(parts) + "\n"


def _render_case(case: AcceptanceCase, stubs: set[str], package: str, functions: list[str],
                 entities: list[str]) -> str:
    lines = [f"# {case.trace}"]
    if case.kind == FUNCTION_EXAMPLE:
        unit = case.units[0] if case.units else ""
        if unit in stubs:
            lines.append(f"@pytest.mark.xfail(raises=NotImplementedError, reason="
                         f"{(unit + ' is not implemented yet')!r})")
        lines.append(f"def {case.name}():")
        lines.append(f"    {_docstring(case)}")
        # Imported here, not at the top: a broken module fails its own examples only.
        name = unit.split(":", 1)[1] if ":" in unit else ""
        if name in functions:
            lines.append(f"    from {package}.functions import {name}")
        used = [entity for entity in entities if re.search(rf"\b{entity}\(", case.call or "")
                or re.search(rf"\b{entity}\(", case.expected or "")]
        if used:
            lines.append(f"    from {package}.models import {', '.join(used)}")
        lines.append("")
        if case.raises:
            lines.append(f"    with pytest.raises({case.raises}):")
            lines.append(f"        {case.call}")
        else:
            lines.append(f"    assert {case.call} == {case.expected}")
        return "\n".join(lines)
    lines.append(f"def {case.name}(tmp_path):")
    lines.append(f"    {_docstring(case)}")
    lines.append("    run_steps(tmp_path, [")
    for step in case.steps:
        expected = None if step.expected is None else list(step.expected)
        lines.append(f"        ({list(step.argv)!r}, {expected!r}, {step.status!r}, "
                     f"{step.stream!r}, {step.unit!r}),")
    lines.append("    ])")
    return "\n".join(lines)


def _docstring(case: AcceptanceCase) -> str:
    text = " ".join(f"{case.trace}: {case.description}".splitlines()).strip().rstrip(":")
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"""{text}"""'


# ---------------------------------------------------------------- results and statuses

OUTCOMES = ("passed", "failed", "error", "xfailed", "xpassed", "skipped")
STATUSES = ("verified", "unchecked", "partial", "unimplemented", "failing")
PROBLEMS = ("failing", "partial", "unimplemented")  # statuses that make the exit status 3
UNCHECKED_HINT = "add an example to spec.md to check it"
UNREACHED_HINT = "its example runs once the step before it passes"
UNREACHED = "unreached"  # a case's steps after the one that failed: their units were not checked
UNREACHED_WHY = "its spec example did not run"
REFUSALS = "refusals"  # a unit whose steps in a case all expect a refusal (a non-zero exit)
REFUSALS_WHY = "only its refusals have examples; what it prints otherwise is not checked"
REFUSALS_HINT = "add an example of it succeeding to spec.md to check it"
BLANK = "blank"  # a reading command whose steps in a case all ran before anything was stored
BLANK_WHY = "only what it prints with nothing stored has examples; what it prints otherwise is not checked"
BLANK_HINT = "add an example that runs it after something is stored to check it"
_XPASS = "[XPASS(strict)]"
_STEP = re.compile(r"\bstep (\d+): ")


@dataclass
class TestResult:
    """One test's outcome as pytest's JUnit XML reports it."""

    id: str  # "tests/test_acceptance.py::test_add_example_2"
    path: str  # "tests/test_acceptance.py" (for a collection error: the module that failed)
    name: str  # "test_add_example_2" (parameters stripped); "" for a collection error
    outcome: str  # one of OUTCOMES
    message: str = ""

    @property
    def step(self) -> int | None:
        """The failing step a command-line acceptance test names (``step 3: $ todo list``)."""
        match = _STEP.search(self.message or "")
        return int(match.group(1)) if match else None


TestResult.__test__ = False  # not a pytest class despite its name


def read_junit(path: str | Path) -> list[TestResult]:
    """Per-test outcomes from pytest's ``--junit-xml`` file.

    Run pytest with ``-o xfail_strict=true``: an unexpectedly passing xfail test then
    appears as a failure whose message starts with ``[XPASS(strict)]`` and is read back
    as ``xpassed`` (a non-strict XPASS is indistinguishable from a pass in JUnit XML).
    """
    from xml.etree import ElementTree

    root = ElementTree.parse(path).getroot()
    results = []
    for case in root.iter("testcase"):
        classname = case.get("classname", "") or ""
        name = case.get("name", "") or ""
        if classname:
            parts = classname.split(".")
            # "tests.test_cli" or "tests.test_cli.TestClass": a class name is capitalised
            module_end = next((i for i, part in enumerate(parts) if part[:1].isupper()),
                              len(parts))
            path_text = "/".join(parts[:module_end]) + ".py"
            test = name.split("[", 1)[0]
            test_id = f"{path_text}::{name}"
        else:  # a collection error: the name is the module ("tests.test_cli")
            path_text, test, test_id = name.replace(".", "/") + ".py", "", name
        outcome, message = "passed", ""
        for child in case:
            tag = child.tag
            text = child.get("message") or (child.text or "")
            if tag == "failure":
                outcome = "xpassed" if text.startswith(_XPASS) else "failed"
                message = text
            elif tag == "error":
                outcome, message = "error", text or (child.text or "")
            elif tag == "skipped":
                outcome = "xfailed" if child.get("type") == "pytest.xfail" else "skipped"
                message = text
            else:
                continue
            break
        results.append(TestResult(id=test_id, path=path_text, name=test, outcome=outcome,
                                  message=" ".join(message.split())[:500]))
    return results


def attribute(results: list[TestResult], suite: AcceptanceSuite | None,
              derived: dict[tuple[str, str], str], modules: dict[str, list[str]],
              acceptance_path: str = TEST_MODULE, readers: frozenset[str] | set[str] = frozenset()
              ) -> list[tuple[str, str, TestResult]]:
    """(design unit, "acceptance" | "error_clause" | "derived", result) for every result
    that names a unit ("refusals" for a unit a passing case only refuses, "blank" for a
    command of ``readers`` (lists, counts: they store nothing) it only runs before anything
    is stored).

    A command-line acceptance test that fails (or xfails) at step N is attributed to the
    unit of step N; the units of the steps before it passed. ``derived`` maps
    (test file, test name) to the design unit whose tests it is; ``modules`` maps a test
    file to the design units tested there (for collection errors).
    """
    attributed = []
    for result in results:
        if not result.name:  # the module did not import: every unit tested there fails
            units = modules.get(result.path, [])
            if result.path == acceptance_path and suite is not None:
                units = sorted(suite.units())
            source = "acceptance" if result.path == acceptance_path else "derived"
            attributed += [(unit, source, result) for unit in units]
            continue
        case = suite.get(result.name) if suite is not None and result.path == acceptance_path \
            else None
        if case is not None:
            # an error clause checks a refusal only: it can make a unit failing, never verified
            source = ERROR_CLAUSE if case.kind == ERROR_CLAUSE else "acceptance"
            step = result.step if result.outcome in ("failed", "xfailed", "error") else None
            blamed = case.unit_of_step(step) if step else None
            if blamed is None:
                refusing = _refusals_only(case) if source == "acceptance" else set()
                blank = (_before_anything_stored(case) & set(readers)) - refusing if source == "acceptance" \
                    else set()
                ran_through = result.outcome in ("passed", "xpassed")
                attributed += [(unit, REFUSALS if unit in refusing and ran_through else BLANK if unit in blank
                                and ran_through else source, result) for unit in case.units]
                continue
            before = {case.unit_of_step(number) for number in range(1, step)} - {blamed, None}
            passed = TestResult(result.id, result.path, result.name, "passed")
            attributed += [(unit, source, passed) for unit in sorted(before)]
            attributed.append((blamed, source, result))
            after = {case.unit_of_step(number) for number in range(step + 1, len(case.steps) + 1)} \
                - before - {blamed, None}  # their steps never ran: not checked, and not by this case
            unreached = TestResult(result.id, result.path, result.name, "skipped",
                                   f"{result.id} stops at step {step} ({blamed.split(':', 1)[-1]}) before its step")
            attributed += [(unit, UNREACHED, unreached) for unit in sorted(after)]
            continue
        unit = derived.get((result.path, result.name))
        if unit is not None:
            attributed.append((unit, "derived", result))
    return attributed


def _before_anything_stored(case: AcceptanceCase) -> set[str]:
    """The units whose checked steps in ``case`` all ran before any step succeeded: a list
    run first (`stale 2026` prints "nothing past its sow-by year in 2026") shows only what it
    prints with nothing stored."""
    later: dict[str, bool] = {}
    stored = False
    for number, step in enumerate(case.steps, start=1):
        unit = case.unit_of_step(number)
        if unit is not None and not step.setup and step.expected is not None:
            later[unit] = later.get(unit, False) or (stored and step.status in (0, None))
        stored = stored or step.status in (0, None)  # (a step run to success may have stored something)
    return {unit for unit, ran_later in later.items() if not ran_later}


def _refusals_only(case: AcceptanceCase) -> set[str]:
    """The units whose checked steps in ``case`` all expect a non-zero exit: passing
    them checks what the unit refuses, not what it does."""
    checked: dict[str, bool] = {}
    for number, step in enumerate(case.steps, start=1):
        unit = case.unit_of_step(number)
        if unit is None or step.setup or step.expected is None:
            continue
        checked[unit] = checked.get(unit, False) or step.status in (0, None)
    return {unit for unit, normal in checked.items() if not normal}


def unit_status(implementation: str, results: list[tuple[str, TestResult]],
                has_cases: bool) -> tuple[str, str | None]:
    """(status, why) of a function or command unit from its implementation status and tests.

    ``implementation`` is what the stages reported (implemented, partial, unimplemented);
    ``results`` the (source, result) pairs attributed to the unit. A unit with a failing
    test is ``failing`` whatever else is true; a stub whose tests pass (the user wrote
    it) counts as implemented.
    """
    failed = [result for _, result in results if result.outcome in ("failed", "error")]
    if failed:
        return "failing", f"{failed[0].id} failed: {failed[0].message}".strip()
    acceptance = [result for source, result in results if source == "acceptance"]
    accepted = [result for result in acceptance if result.outcome in ("passed", "xpassed")]
    if implementation == "unimplemented":
        ran = [result for _, result in results if result.outcome != "skipped"]
        if ran and all(result.outcome in ("passed", "xpassed") for result in ran):
            if accepted and len(accepted) == len([r for r in acceptance if r.outcome != "skipped"]):
                return "verified", "implemented by hand: its acceptance tests pass"
            return "unchecked", "implemented by hand: its tests pass"
        return "unimplemented", None
    if implementation == "partial":
        return "partial", None
    if has_cases and accepted and all(result.outcome in ("passed", "xpassed", "skipped")
                                      for result in acceptance):
        return "verified", None
    unreached = [result for source, result in results if source == UNREACHED]
    if unreached and not accepted:  # its example exists but an earlier step of it fails
        return "unchecked", f"{UNREACHED_WHY}: {unreached[0].message}"
    if not accepted and any(source == BLANK for source, _ in results):
        return "unchecked", BLANK_WHY
    if not accepted and any(source == REFUSALS for source, _ in results):
        return "unchecked", REFUSALS_WHY
    return "unchecked", None


# ---------------------------------------------------------------- the runner (copied verbatim)


def _line_pattern(expected):
    """A regex for one expected line: `...` inside a line matches any text."""
    import re

    return re.compile(".*".join(re.escape(part) for part in expected.split("...")))


def match_output(expected_lines, actual_text):
    """Whether the actual output matches the expected lines (the transcript rules).

    Trailing white space on each line is ignored, and so are blank lines at the end;
    a line that is exactly `...` matches any number of whole lines (none included);
    `...` inside a line matches any text within that line. No expected lines: the
    output must be empty.
    """
    expected = [line.rstrip() for line in expected_lines]
    actual = [line.rstrip() for line in actual_text.splitlines()]
    while expected and not expected[-1]:
        expected.pop()
    while actual and not actual[-1]:
        actual.pop()
    patterns = [None if line == "..." else _line_pattern(line) for line in expected]
    memo = {}

    def matches(i, j):
        if (i, j) not in memo:
            if i == len(patterns):
                result = j == len(actual)
            elif patterns[i] is None:
                result = any(matches(i + 1, k) for k in range(j, len(actual) + 1))
            else:
                result = j < len(actual) and patterns[i].fullmatch(actual[j]) is not None \
                    and matches(i + 1, j + 1)
            memo[i, j] = result
        return memo[i, j]

    return matches(0, 0)


def run_steps(folder, steps):
    """Run each (argv, expected, status, stream, unit) step as `python -m PACKAGE` in folder.

    The first step whose exit status or output differs fails the test with a message that
    names it (`step 3: $ todo list`) and shows what was expected and what came; when that
    step exercises a stub, the failure is an expected one (xfail).
    """
    import os
    import shlex
    import subprocess
    import sys

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env.update({"PYTHONUNBUFFERED": "1", "NO_COLOR": "1", "COLUMNS": "80"})
    for number, (argv, expected, status, stream, unit) in enumerate(steps, start=1):
        shown = "$ " + shlex.join([PROGRAM, *argv])
        separate = stream == "stderr"
        try:
            completed = subprocess.run(
                [sys.executable, "-m", PACKAGE, *argv], check=False, cwd=folder, env=env,
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE if separate else subprocess.STDOUT,
                text=True, timeout=STEP_TIMEOUT)
        except subprocess.TimeoutExpired:
            problems, output, code = [f"timed out after {STEP_TIMEOUT} s"], "", None
        else:
            output = completed.stderr if separate else completed.stdout
            code = completed.returncode
            problems = []
            if status is not None and code != status:
                problems.append(f"exit status {code}, expected {status}")
            if expected is not None and not match_output(expected, output):
                problems.append("stderr differs" if separate else "output differs")
        if problems:
            message = (f"step {number}: {shown}: {'; '.join(problems)}\n"
                       + (f"--- expected{' on stderr' if separate else ''}:\n"
                          + "".join(line + "\n" for line in expected)
                          if expected is not None else "")
                       + f"--- actual (exit status {code}):\n{output}")
            if unit in STUBS:
                import pytest

                pytest.xfail(f"{unit} is not implemented yet; " + message)
            raise AssertionError(message)


__all__ = [
    "BLANK",
    "BLANK_HINT",
    "BLANK_WHY",
    "COMMAND_EXAMPLE",
    "ERROR_CLAUSE",
    "FUNCTION_EXAMPLE",
    "KINDS",
    "OUTCOMES",
    "PROBLEMS",
    "REFUSALS",
    "REFUSALS_HINT",
    "REFUSALS_WHY",
    "STATUSES",
    "TEST_MODULE",
    "TRANSCRIPT",
    "AcceptanceCase",
    "AcceptanceSuite",
    "Step",
    "TestResult",
    "attribute",
    "cases_from_project",
    "expected_lines",
    "match_output",
    "read_junit",
    "render_module",
    "run_steps",
    "unit_status",
]
