"""examples/scripted/scaffold.py runs, changes Layer 2 as it says, and writes the JSON contract."""

from __future__ import annotations

import json
import subprocess
import sys

from core_builders import REPO


def test_the_scripted_example_runs_and_hands_on_the_reviewed_pyramid(tmp_path):
    result = subprocess.run([sys.executable, str(REPO / "examples/scripted/scaffold.py"),
                             "--out", str(tmp_path)], capture_output=True, text=True,
                            timeout=120, cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stderr
    assert "before: command:lend is command.update (interpretation: update" in result.stdout
    assert "after:  command:lend is command.update, template command/update.py.j2" in result.stdout
    assert "bookshelf/cli.py::lend_command  <-  command:lend (command.update)  <-  spec.md:23" \
        in result.stdout
    data = json.loads((tmp_path / "pyramid.json").read_text())
    design = {unit["id"]: unit for unit in data["design"]}
    assert design["command:lend"]["category"] == "command.update"
    assert design["command:lend"]["evidence"] == "reclassified"
    assert design["command:shelf"]["category"] == "command.list"
    tests = [test["name"] for test in design["function:normalize_isbn"]["tests"]]
    assert tests == ["test_normalize_isbn_1", "test_normalize_isbn_2",
                     "test_normalize_isbn_already_plain"]
    units = {unit["id"]: unit for unit in data["code_units"]}
    assert units["bookshelf/cli.py::lend_command"]["template"] == "command/update.py.j2"
    planned = units["tests/test_functions.py::test_normalize_isbn_already_plain"]
    assert planned["trace"]["link"] == "spec.md:15"


def test_the_reviewed_pyramid_is_handed_to_generation(tmp_path):
    """--generate: the reclassified `lend` becomes an update command in the generated code."""
    folder = tmp_path / "shelf"
    result = subprocess.run([sys.executable, str(REPO / "examples/scripted/scaffold.py"),
                             "--generate", str(folder)], capture_output=True, text=True,
                            timeout=300, cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"generated {folder}: exit status 0" in result.stdout
    cli = (folder / "bookshelf" / "cli.py").read_text()
    lend = cli[cli.index("def lend_command"):cli.index("def shelf_command")]
    assert "store.update(" in lend and "item.borrower = borrower" in lend
    assert "raise NotImplementedError" not in lend
    tests = (folder / "tests" / "test_functions.py").read_text()
    assert "def test_normalize_isbn_already_plain():" in tests  # the reviewer's test, generated
