"""End to end: the spec's examples decide each unit's status, on the files as written."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from .acceptance_fixtures import NOTES_SPEC, unit_of

# No stub, one add example: what the tests below check does not depend on how add numbers.
SIMPLE = re.sub(r"## Function: mystery.*?\n\n", "", NOTES_SPEC, flags=re.DOTALL).replace(
    '- `add "call mom"` prints "added: 2. call mom"\n', "")
WITHOUT_TRANSCRIPT = re.sub(r"```console.*?```\n", "", SIMPLE, flags=re.DOTALL)


@pytest.fixture
def notes(tmp_path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "spec.md").write_text(NOTES_SPEC, encoding="utf-8")
    return folder


@pytest.fixture
def generate():
    """``generate(folder, *options) -> (exit status, report dict)``, in-process."""
    from spf.cli import cli

    def run(folder: Path, *options: str):
        result = CliRunner().invoke(
            cli, ["generate", str(folder), "--json", "--option", "milliseconds=300", *options],
            catch_exceptions=False)
        return result.exit_code, json.loads(result.stdout)

    return run


def statuses(report: dict) -> dict[str, str]:
    return {unit["design_unit"]: unit["status"] for unit in report["units"] if unit.get("checked")}


def run_pytest(folder, *arguments):
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           *arguments], cwd=folder, capture_output=True, text=True, timeout=300,
                          check=False)


def test_examples_and_transcripts_become_tests_that_verify_their_units(notes, generate):
    code, report = generate(notes)
    # the transcript only refuses `remove 7`: what remove does to a note it finds is not checked
    assert statuses(report) == {"function:shout": "verified", "function:mystery": "unimplemented",
                                "command:add": "verified", "command:list": "verified",
                                "command:remove": "unchecked"}
    assert unit_of(report, "command:remove")["reason"] == (
        "only its refusals have examples; what it prints otherwise is not checked")
    assert code == 3  # mystery is a stub
    assert report["statuses"]["verified"] == ["function:shout", "command:add", "command:list"]
    # the spec's six examples and transcripts, and remove's error clause made concrete
    assert report["verify"]["acceptance"] == {"cases": 7, "passed": 5, "xfailed": 2}
    add = unit_of(report, "command:add")
    assert add["acceptance_cases"] == ["test_add_example_1", "test_add_example_2",
                                       "test_transcript_spec_30"]
    assert add["implementation"] == "implemented"
    source = (notes / "tests" / "test_acceptance.py").read_text()
    assert "# spec.md:24\ndef test_add_example_1(tmp_path):" in source
    assert "# spec.md:30\ndef test_transcript_spec_30(tmp_path):" in source
    assert (notes / "notes" / "__main__.py").is_file()
    # The user's own pytest run sees the same: no spf needed, the program runs as python -m.
    run = run_pytest(notes, "tests/test_acceptance.py")
    assert run.returncode == 0, run.stdout[-2000:]
    assert "5 passed, 2 xfailed" in run.stdout


def test_a_changed_expected_text_fails_its_test_and_the_run(notes, generate):
    # The example now contradicts the transcript: whatever add prints, one of them fails.
    spec = notes / "spec.md"
    spec.write_text(SIMPLE.replace('- `add "buy milk"` prints "added: 1. buy milk"',
                                   '- `add "buy milk"` prints "added 1: buy milk"'))
    code, report = generate(notes)
    assert code == 3
    add = unit_of(report, "command:add")
    assert add["status"] == "failing"
    assert "step 1: $ notes add 'buy milk': output differs" in add["reason"]
    assert report["failing"] == [add["id"]]
    assert set(report["verify"]["failures"]) & {"tests/test_acceptance.py::test_add_example_1",
                                                "tests/test_acceptance.py::test_transcript_spec_24"}
    assert statuses(report)["function:shout"] == "verified"  # the others are unaffected
    run = run_pytest(notes, "tests/test_acceptance.py")
    assert run.returncode == 1
    assert "step 1: $ notes add 'buy milk': output differs" in run.stdout
    shown = re.sub(r"^E\s+", "", run.stdout, flags=re.MULTILINE)  # pytest's "E   " prefixes
    assert re.search(r"--- expected:\nadded.*buy milk\n--- actual \(exit status 0\):\nadded.*buy "
                     r"milk", shown), shown[-2000:]


def test_a_failing_transcript_is_blamed_on_the_command_of_the_failing_step(notes, generate):
    (notes / "spec.md").write_text(SIMPLE.replace("$ notes list\n1. buy milk",
                                                           "$ notes list\n1. buy bread"))
    code, report = generate(notes)
    assert code == 3
    assert statuses(report) == {"function:shout": "verified", "command:add": "verified",
                                "command:list": "failing", "command:remove": "unchecked"}
    assert "step 2: $ notes list" in unit_of(report, "command:list")["reason"]


def test_strict_makes_unchecked_units_count(notes, generate):
    (notes / "spec.md").write_text(WITHOUT_TRANSCRIPT)
    code, report = generate(notes)
    assert code == 0
    remove = unit_of(report, "command:remove")
    assert remove["status"] == "unchecked"
    assert remove["hint"] == "add an example to spec.md to check it"
    # the planner's words when it records them, else the spec's: "Delete the note at ..."
    assert remove["interpretation"].lower().startswith("delete the note")
    code, report = generate(notes, "--strict")
    assert code == 3 and report["strict"]
    assert statuses(report)["command:list"] == "unchecked"


def test_what_is_verified_is_the_merged_project_with_the_users_edits(notes, generate):
    generate(notes)
    functions = notes / "notes" / "functions.py"
    text = functions.read_text()
    broken = text.replace("return text.upper()", "return text.lower()")
    implemented = re.sub(r'raise NotImplementedError\(\s*".*?"\s*\)',
                         "return {2: 1337, 5: 4242}[n]", broken, flags=re.DOTALL)
    assert implemented.count("return") == 2
    functions.write_text(implemented)
    for options in (("--pretend",), ()):
        code, report = generate(notes, *options)
        assert code == 3
        assert report["verify"]["merged"] == ["notes/functions.py"]
        shout = unit_of(report, "function:shout")
        assert shout["status"] == "failing" and "test_shout_example_1" in shout["reason"]
        mystery = unit_of(report, "function:mystery")
        assert mystery["status"] == "verified", mystery  # the stub the user wrote by hand
        assert mystery["implementation"] == "unimplemented"
        assert mystery["reason"] == "implemented by hand: its acceptance tests pass"
        assert report["verify"]["xpassed"] >= 2
        assert functions.read_text() == implemented  # the user's file, as they left it


STUB_SPEC = """# Project: dice
Rolls nothing in particular.

## Command: zap(word: str)
Transmogrify the word through the ether.
- `zap hello` prints "ZAP hello"
"""


def test_a_stub_command_is_an_expected_failure_until_the_user_writes_it(tmp_path, generate):
    folder = tmp_path / "dice"
    folder.mkdir()
    (folder / "spec.md").write_text(STUB_SPEC)
    code, report = generate(folder)
    zap = unit_of(report, "command:zap")
    assert (code, zap["status"], zap["tests"]["acceptance"]) == (3, "unimplemented",
                                                                 {"xfailed": 1})
    cli = folder / "dice" / "cli.py"
    cli.write_text(re.sub(r'raise NotImplementedError\(\s*".*?"\s*\)', 'click.echo(f"ZAP {word}")',
                          cli.read_text(), flags=re.DOTALL))
    code, report = generate(folder)
    zap = unit_of(report, "command:zap")
    assert (code, zap["status"], zap["implementation"]) == (0, "verified", "unimplemented")
    assert zap["tests"]["acceptance"] == {"passed": 1}
