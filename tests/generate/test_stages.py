"""Each stage on its own: stop after it, read the saved state, check what it produced."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest

from spf.errors import SpfError
from spf.pipeline import Stage, load_state, order_stages, state_path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def stop_after(spf_cli, folder, stage):
    result = spf_cli("generate", folder, "--stop-after", stage, "--json")
    assert result.exit_code == 0, result.output
    return load_state(folder)


def test_scaffold_plans_the_layout_and_writes_nothing(spf_cli, example):
    folder = example("todo")
    state = stop_after(spf_cli, folder, "scaffold")
    assert state.completed == ["scaffold"]
    assert list(state.files) == [
        "pyproject.toml", "README.md", "todo/__init__.py", "todo/__main__.py", "todo/models.py",
        "todo/stores.py", "todo/functions.py", "todo/cli.py", "tests/test_acceptance.py",
        "tests/test_models.py", "tests/test_stores.py", "tests/test_functions.py",
        "tests/test_cli.py"]
    pyproject = state.units["pyproject.toml::pyproject"]
    assert pyproject.status == "generated" and pyproject.stage == "scaffold"
    assert 'todo = "todo.cli:main"' in pyproject.source
    assert 'dependencies = ["click>=8.2"]' in pyproject.source
    # Code units are planned, each traced to its requirement line.
    done = state.units["todo/cli.py::done_command"]
    assert done.status == "planned" and done.category == "command.update"
    assert done.trace == "spec.md:23: ## Command: done(index: int)"
    assert not (folder / "todo").exists()  # nothing is written before the write stage
    assert state_path(folder).is_file()


def test_interfaces_gives_every_unit_a_stub_body_that_compiles(spf_cli, example):
    folder = example("gradebook")
    state = stop_after(spf_cli, folder, "interfaces")
    store = state.units["gradebook/stores.py::StudentsStore"]
    assert store.status == "interface"
    for method in ("def add(self, item: Student) -> int:", "def get(self, index: int) -> Student:",
                   "def index_of(self, name: str) -> int:", "def search(self, text: str)"):
        assert method in store.source
    assert 'raise NotImplementedError("StudentsStore.add: interface only")' in store.source
    function = state.units["gradebook/functions.py::letter_grade"]
    assert function.source.startswith("def letter_grade(score: int) -> str:")
    for path, text in state.unit_sources().items():
        if path.endswith(".py"):
            ast.parse(text, filename=path)  # interfaces already form valid modules


def test_implement_fills_template_bodies_and_reports_functions_honestly(spf_cli, example):
    folder = example("inventory")
    state = stop_after(spf_cli, folder, "implement")
    store = state.units["inventory/stores.py::ItemsStore"]
    assert store.status == "implemented" and store.backend == "template"
    assert "INSERT INTO" in store.source and "interface only" not in store.source
    update = state.units["inventory/cli.py::update_command"]
    assert update.status == "implemented"
    assert "item.quantity = quantity" in update.source
    assert 'fail("quantity must not be negative", 1)' in update.source
    listing = state.units["inventory/cli.py::list_command"]
    assert "rows.sort(key=lambda row: row[1].name)" in listing.source  # "sorted by name"
    for name in ("total_value", "is_low_stock", "restock_amount"):
        unit = state.units[f"inventory/functions.py::{name}"]
        if unit.status == "implemented":
            assert "NotImplementedError" not in unit.source
        else:  # never a stub called done
            assert unit.status == "unimplemented" and unit.reason
            assert "raise NotImplementedError(" in unit.source


def test_tests_stage_turns_examples_and_errors_into_tests(spf_cli, example):
    folder = example("gradebook")
    state = stop_after(spf_cli, folder, "tests")
    functions = state.units["tests/test_functions.py::tests_of_letter_grade"].source
    assert functions.count("def test_letter_grade_") == 8
    assert 'assert letter_grade(95) == "A"' in functions
    average = state.units["tests/test_functions.py::tests_of_average"].source
    assert "with pytest.raises(ValueError):\n        average([])" in average
    # the error clause, made concrete, is an acceptance case (the spec's contract)
    acceptance = state.units["tests/test_acceptance.py::acceptance"].source
    assert "def test_add_error_1(tmp_path):" in acceptance
    assert "grade must be between 0 and 100" in acceptance
    assert "['add', '--', 'alpha', '-1']" in acceptance  # below the range the clause states
    add = state.units["tests/test_cli.py::tests_of_add"].source
    assert "grade must be between" not in add  # not repeated among the derived tests
    listing = state.units["tests/test_cli.py::tests_of_list"].source
    assert '["alpha: 3", "beta: 7"]' in listing  # the spec's `name: grade` format
    stores = state.units["tests/test_stores.py::tests_of_students"].source
    assert "def test_students_round_trips(tmp_path):" in stores


def test_verify_runs_the_generated_suite_in_a_sandbox(spf_cli, example):
    folder = example("todo")
    state = stop_after(spf_cli, folder, "verify")
    verify = state.verify
    assert verify["ok"] is True, verify.get("output")
    assert verify["passed"] >= 8 and verify["failed"] == 0 and verify["errors"] == 0
    assert not (folder / "todo").exists()  # verify ran on a temporary copy


class BreakOneTest:
    """A throwaway plugin: after the tests stage, makes one generated test wrong."""

    from spf import hookimpl

    @hookimpl
    def after_stage(self, stage, state):
        if stage.name == "tests":
            unit = state.units["tests/test_models.py::tests_of_Note"]
            unit.source += "\n\ndef test_planted_failure():\n    assert Note(text='a').text == 'b'\n"


def test_verify_reports_failures_with_exit_status_3(tiny):
    from spf.pipeline import generate
    from spf.plugins import plugin_manager

    manager = plugin_manager()
    manager.register(BreakOneTest(), name="break-one-test")
    try:
        report = generate(tiny, manager=manager)
    finally:
        manager.unregister(name="break-one-test")
    assert report.exit_code == 3
    assert report.verify["ok"] is False and report.verify["failed"] == 1
    assert report.verify["failures"] == ["tests/test_models.py::test_planted_failure"]
    assert report.verify["passed"] > 0


class HangingTest:
    """A throwaway plugin: plants a test that never ends."""

    from spf import hookimpl

    @hookimpl
    def after_stage(self, stage, state):
        if stage.name == "tests":
            unit = state.units["tests/test_models.py::tests_of_Note"]
            unit.source += "\n\ndef test_forever():\n    while True:\n        pass\n"


def test_verify_times_out_instead_of_hanging(tiny):
    from spf.pipeline import generate
    from spf.plugins import plugin_manager

    manager = plugin_manager()
    manager.register(HangingTest(), name="hanging-test")
    try:
        report = generate(tiny, manager=manager, verify_timeout=4)
    finally:
        manager.unregister(name="hanging-test")
    assert report.verify["timed_out"] is True and report.verify["ok"] is False
    assert report.exit_code == 3
    assert (tiny / "notes" / "models.py").exists()  # files are still written


def test_write_creates_files_manifest_and_traces(spf_cli, example):
    folder = example("todo")
    result = spf_cli("generate", folder, "--no-verify", "--json")
    report = json.loads(result.stdout)
    assert {entry["action"] for entry in report["files"]} == {"created"}
    manifest = json.loads((folder / ".spf" / "manifest.json").read_text())
    assert manifest["spec_hash"] == report["spec_hash"]
    assert set(manifest["files"]) == {entry["path"] for entry in report["files"]}
    unit = manifest["units"]["todo/stores.py::TasksStore"]
    assert unit["stage"] == "implement" and unit["backend"] == "template"
    assert unit["trace"] == "spec.md:10: ## Store: tasks"
    import hashlib

    for path, entry in manifest["files"].items():
        assert hashlib.sha256((folder / path).read_bytes()).hexdigest() == entry["sha256"]
    cli_source = (folder / "todo" / "cli.py").read_text()
    assert "spec.md:23: ## Command: done(index: int)" in cli_source
    assert not state_path(folder).exists()  # a finished run leaves no resumable state


def test_resume_uses_the_edited_state(spf_cli, example):
    folder = example("textkit")
    stop_after(spf_cli, folder, "interfaces")
    path = state_path(folder)
    data = json.loads(path.read_text())
    unit = data["units"]["textkit/functions.py::slugify"]
    unit["interface"]["signature"] = "def slugify(text: str, separator: str = '-') -> str:"
    path.write_text(json.dumps(data))
    result = spf_cli("generate", folder, "--resume", "--no-verify", "--json")
    assert result.exit_code in (0, 3), result.output
    report = json.loads(result.stdout)
    assert report["stages_run"] == ["implement", "tests", "write"]
    source = (folder / "textkit" / "functions.py").read_text()
    assert 'def slugify(text: str, separator: str = "-") -> str:' in source


def test_resume_without_state_or_after_a_spec_change_is_bad_input(spf_cli, tiny):
    result = spf_cli("generate", tiny, "--resume")
    assert result.exit_code == 2 and "no saved pipeline state" in result.stderr
    stop_after(spf_cli, tiny, "scaffold")
    (tiny / "spec.md").write_text((tiny / "spec.md").read_text() + "\n## Notes\nchanged\n")
    result = spf_cli("generate", tiny, "--resume")
    assert result.exit_code == 2 and "spec changed" in result.stderr


def test_broken_state_edit_is_reported_in_one_line(spf_cli, tiny):
    stop_after(spf_cli, tiny, "scaffold")
    state_path(tiny).write_text("{not json")
    result = spf_cli("generate", tiny, "--resume")
    assert result.exit_code == 2
    assert "state.json:1:2" in result.stderr and "Traceback" not in result.stderr


def test_interactive_pauses_after_each_stage(spf_cli, tiny):
    result = spf_cli("generate", tiny, "--interactive", input="y\nn\n")
    assert result.exit_code == 0
    assert "after scaffold" in result.stderr and "after interfaces" in result.stderr
    state = load_state(tiny)
    assert state.completed == ["scaffold", "interfaces"]
    result = spf_cli("generate", tiny, "--resume", "--no-verify", "--json")
    assert json.loads(result.stdout)["stages_run"] == ["implement", "tests", "write"]


def test_unknown_stage_and_backend_are_bad_input(spf_cli, tiny):
    result = spf_cli("generate", tiny, "--stop-after", "polish")
    assert result.exit_code == 2 and "unknown stage 'polish'" in result.stderr
    result = spf_cli("generate", tiny, "--backend", "nonesuch", "--no-verify")
    assert result.exit_code == 2 and "unknown backend 'nonesuch'" in result.stderr
    assert not (tiny / "notes").exists()


class Recorder:
    """A throwaway plugin: records the hooks and changes a unit before write."""

    def __init__(self):
        self.events = []

    from spf import hookimpl

    @hookimpl
    def before_stage(self, stage, state):
        self.events.append(("before", stage.name))

    @hookimpl
    def after_stage(self, stage, state):
        self.events.append(("after", stage.name))
        if stage.name == "implement":
            unit = state.units["notes/stores.py::NotesStore"]
            unit.source = unit.source.replace('"""', '"""Reviewed by a plugin. ', 1)


def test_before_and_after_hooks_wrap_every_stage_and_can_change_it(tiny):
    from spf.pipeline import generate
    from spf.plugins import plugin_manager

    manager = plugin_manager()
    recorder = Recorder()
    manager.register(recorder, name="recorder")
    try:
        report = generate(tiny, verify=False, manager=manager)
    finally:
        manager.unregister(name="recorder")
    stages = ["scaffold", "interfaces", "implement", "tests", "write"]
    assert recorder.events == [(when, name) for name in stages for when in ("before", "after")]
    assert report.stages_run == stages
    assert "Reviewed by a plugin." in (tiny / "notes" / "stores.py").read_text()


def test_stage_order_follows_dependencies():
    class Named(Stage):
        def __init__(self, name, after=()):
            self.name, self.after = name, tuple(after)

    stages = [Named("write", ["review"]), Named("review", ["implement"]), Named("implement")]
    assert [stage.name for stage in order_stages(stages)] == ["implement", "review", "write"]
    with pytest.raises(SpfError, match="unknown stage"):
        order_stages([Named("a", ["missing"])])
    with pytest.raises(SpfError, match="cycle"):
        order_stages([Named("a", ["b"]), Named("b", ["a"])])
    # A plugin stage runs right after what it depends on, or where ``before`` puts it.
    built_in = [Named("scaffold"), Named("implement", ["scaffold"]), Named("tests", ["implement"])]
    assert [stage.name for stage in order_stages([*built_in, Named("review", ["implement"])])] == \
        ["scaffold", "implement", "review", "tests"]
    early = Named("lint", ["scaffold"])
    early.before = ("tests",)
    assert [stage.name for stage in order_stages([*built_in, early])] == \
        ["scaffold", "lint", "implement", "tests"]


def test_state_keeps_code_as_lines_and_an_edited_body_survives_resume(spf_cli, tiny):
    stop_after(spf_cli, tiny, "implement")
    path = state_path(tiny)
    data = json.loads(path.read_text())
    unit = data["units"]["notes/cli.py::add_command"]
    assert isinstance(unit["source"], list) and unit["source"][1] == '@cli.command(name="add")'
    assert unit["source"][0] == "# spec.md:18: ## Command: add(text: str)"  # the trace, not in --help
    index = next(number for number, line in enumerate(unit["source"]) if "store.add(item)" in line)
    unit["source"].insert(index, "    # reviewed by a person")
    path.write_text(json.dumps(data, indent=2))
    result = spf_cli("generate", tiny, "--resume", "--json")
    report = json.loads(result.stdout)
    assert report["stages_run"] == ["tests", "verify", "write"]
    assert report["verify"]["ok"]
    assert "    # reviewed by a person\n    position = store.add(item)" in \
        (tiny / "notes" / "cli.py").read_text()


def test_tests_stage_generates_a_test_the_design_gained_before_it(tmp_path):
    """A test added to a design unit (by a person or a plugin) is generated under its planned name."""
    import spf
    from spf.pyramid import PlannedTest

    folder = tmp_path / "gradebook"
    shutil.copytree(EXAMPLES / "gradebook", folder)

    class AddTest:
        @spf.hookimpl
        def before_stage(self, stage, state):
            if stage.name == "tests":
                unit = state.pyramid.design_units["function:letter_grade"]
                unit.tests.append(PlannedTest(name="test_letter_grade_boundary", kind="example",
                                              source="letter_grade(90) == 'A'", trace=unit.trace))

    from spf.plugins import add_plugin, remove_plugin

    add_plugin(AddTest(), "add-test")
    try:
        spf.generate(folder, verify=False)
    finally:
        remove_plugin("add-test")
    functions = (folder / "tests" / "test_functions.py").read_text()
    assert "def test_letter_grade_boundary():" in functions
    assert "assert letter_grade(90) == \"A\"" in functions


def test_verify_without_pytest_is_one_clear_line_and_writes_nothing(tmp_path):
    """A Python without pytest (simulated by an import blocker) gets a hint, not 0 tests passed."""
    import subprocess
    import sys

    folder = tmp_path / "todo"
    shutil.copytree(EXAMPLES / "todo", folder)
    out = tmp_path / "out"
    code = (
        "import sys, importlib.abc\n"
        "class Block(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'pytest' or name.startswith('pytest.') or name == '_pytest':\n"
        "            raise ModuleNotFoundError(name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from spf.cli import main\n"
        f"sys.argv = ['spf', 'generate', {str(folder)!r}, '--out', {str(out)!r}]\n"
        "main()\n")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                               timeout=300, check=False)
    assert completed.returncode == 2, completed.stdout + completed.stderr
    assert "pytest is not installed" in completed.stderr and "--no-verify" in completed.stderr
    assert not (out / "todo" / "cli.py").exists()
