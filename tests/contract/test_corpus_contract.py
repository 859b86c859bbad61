"""The corpus of user specs against what spf generates from them (slow: 16 generations).

Every transcript (those in spec.md and the hidden ones beside it) runs against the
generated program installed into a virtual environment, through its console script.
The contract: a transcript written in spec.md that fails is never the work of a unit
reported verified, unchecked or implemented; every command example and transcript, its
output mutated, fails against the generated program (none is parsed and dropped); and a
mutated example, regenerated, is noticed (the unit becomes failing, or the program follows
the new example). The hidden transcripts are
measured here and in benchmarks/contract.py (the README has the figures); they are not
spf's to pass or fail, so their pass rate is reported, not asserted.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

import spf

REPO = Path(__file__).resolve().parents[2]


def _benchmark():
    """benchmarks/contract.py: the same runner the README's figures come from."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("contract_benchmark",
                                                  REPO / "benchmarks" / "contract.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


contract = _benchmark()

SPECS = sorted([*(REPO / "tests/contract/corpus").iterdir(),
                *(REPO / "tests/contract/holdout").iterdir()])
SPECS = [path for path in SPECS if (path / "spec.md").is_file()]
PROBLEMS = ("failing", "partial", "unimplemented")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    return contract.make_venv(tmp_path_factory.mktemp("contract-venv"))


def _mutated(steps):
    """The steps with the first checked output changed: what a wrong program would print."""
    from types import SimpleNamespace

    changed, done = [], False
    for step in steps:
        expected = list(step.expected) if step.expected is not None else None
        if not done and step.status == 0 and expected:
            expected[-1] += " (mutated)"
            done = True
        changed.append(SimpleNamespace(argv=step.argv, expected=expected, status=step.status))
    return SimpleNamespace(steps=changed) if done else None


def _every_example_is_enforced(program, project):
    """Each command example and transcript of spec.md, its output mutated, fails against the
    generated program: no example is parsed and then dropped."""
    from spf.acceptance import COMMAND_EXAMPLE, TRANSCRIPT, cases_from_project

    unnoticed = []
    for case in cases_from_project(project):
        if case.kind not in (COMMAND_EXAMPLE, TRANSCRIPT):
            continue
        mutated = _mutated(case.steps)
        if mutated is not None and contract.run_transcript(program, mutated)[0]:
            unnoticed.append(case.name)
    assert not unnoticed, f"mutated examples that still pass: {unnoticed}"


@pytest.mark.parametrize("folder", SPECS, ids=[path.name for path in SPECS])
def test_every_transcript_runs_against_the_installed_cli_and_failures_are_reported(folder, venv):
    row = contract.measure(folder, venv, on_generated=_every_example_is_enforced)
    assert row["transcripts"]["spec"] and row["transcripts"]["hidden"]  # all of them ran
    for result in row["transcripts"]["spec"]:
        if not result["passed"] and result["failed_at"]:
            status = row["units"].get(f"command:{result['failed_at']}")
            assert status in PROBLEMS, (folder.name, result["why"], status)


def _first_checked_step(project):
    for transcript in project.all_transcripts():
        for step in transcript.steps:
            if step.status == 0 and step.expected:
                return transcript, step
    return None, None


@pytest.mark.parametrize("folder", SPECS, ids=[path.name for path in SPECS])
def test_a_mutated_example_is_noticed(folder, tmp_path):
    copy = tmp_path / folder.name
    shutil.copytree(folder, copy)
    project = spf.load_spec(copy)
    transcript, step = _first_checked_step(project)
    assert step is not None, "every corpus spec has a transcript step with output"
    text = (copy / "spec.md").read_text(encoding="utf-8").splitlines()
    line = step.span.line  # the `$ ...` line; its output follows
    target = next(number for number in range(line, len(text))
                  if text[number].rstrip() == step.expected[0].rstrip())
    text[target] = text[target] + " (mutated)"
    (copy / "spec.md").write_text("\n".join(text) + "\n", encoding="utf-8")
    report = spf.generate(copy, out=tmp_path / "out", verify=True).to_dict()
    unit = next((u for u in report["units"] if u.get("design_unit") == f"command:{step.argv[0]}"
                 and u.get("kind") == "function"), None)
    assert unit is not None
    name = f"test_transcript_spec_{transcript.span.line}"
    mutated = next(test for test in report["verify"]["tests"] if test.get("name") == name)
    # noticed: the unit is reported as a problem, or its program now prints the new text
    assert unit["status"] in PROBLEMS or mutated["outcome"] == "passed", (unit, mutated)
    assert report["exit_code"] == 3 or mutated["outcome"] == "passed"
