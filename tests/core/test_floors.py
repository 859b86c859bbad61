"""The declared dependency floors work: a fresh venv with every core dependency at its floor.

``pyproject.toml`` says ``click>=8.2``, ``ruff>=0.5,<0.18``, ...; this test installs exactly
those lowest versions (a constraints file of ``name==floor``, fetched by pip from the
configured index) with spf's wheel, then plans and generates an example (its generated
tests run under the floor pytest and click) and runs a slice of the core tests there. No
extras: it is also the README's core-only install, so the model commands must answer with
the one-line "needs the neural extra" error. About 3 minutes on 2 cores.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from core_builders import REPO

from spf.settings import tomllib


def core_floors() -> dict[str, str]:
    """``{name: floor}`` of the core dependencies that apply to this Python."""
    from packaging.requirements import Requirement

    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    floors = {}
    for text in project["dependencies"]:
        requirement = Requirement(text)
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        lows = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        assert lows, f"{text!r} declares no floor"
        floors[requirement.name] = lows[0]
    return floors


def test_every_core_dependency_has_a_floor_and_ruff_a_ceiling():
    from packaging.requirements import Requirement

    floors = core_floors()
    assert {"click", "pluggy", "lark", "networkx", "jinja2", "rich", "ruff", "pytest"} <= set(floors)
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    ruff = next(Requirement(text) for text in project["dependencies"] if text.startswith("ruff"))
    assert any(spec.operator == "<" for spec in ruff.specifier)


def run(command: list, *, cwd: Path, env: dict | None = None, timeout: int = 600,
        expect: int = 0) -> subprocess.CompletedProcess:
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True,
                            cwd=cwd, env=env, timeout=timeout, check=False)
    assert result.returncode == expect, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.mark.slow
def test_the_declared_floors_install_and_pass_the_core_tests(tmp_path):
    floors = core_floors()
    constraints = tmp_path / "floors.txt"
    constraints.write_text("".join(f"{name}=={version}\n" for name, version in floors.items()))

    source = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist")
    for name in ("spf", "plugins", "taxonomy", "templates"):
        shutil.copytree(REPO / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "-q", "-w", tmp_path / "dist", source], cwd=tmp_path)
    wheel = next((tmp_path / "dist").glob("spf-*.whl"))

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv], cwd=tmp_path)
    python = venv / "bin" / "python"
    # hypothesis: the core tests use it (test tooling, not a dependency of spf).
    run([python, "-m", "pip", "install", "-q", "--disable-pip-version-check", "-c", constraints,
         wheel, "hypothesis"], cwd=tmp_path)
    installed = {line.split("==")[0].lower(): line.split("==")[1] for line in run(
        [python, "-m", "pip", "freeze", "--disable-pip-version-check"], cwd=tmp_path).stdout.split()
        if "==" in line}
    from packaging.version import Version

    for name, version in floors.items():
        assert Version(installed[name.lower()]) == Version(version), (name, installed[name.lower()])
    assert "torch" not in installed and "transformers" not in installed

    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["SPF_CACHE_DIR"] = str(tmp_path / "cache")
    spf = venv / "bin" / "spf"
    plan = json.loads(run([spf, "plan", REPO / "examples/todo", "--format", "json"],
                          cwd=tmp_path, env=env).stdout)
    assert plan["schema"] == "spf.pyramid/1" and plan["files"]
    project = tmp_path / "todo"
    project.mkdir()
    shutil.copy(REPO / "examples/todo/spec.md", project / "spec.md")
    generated = json.loads(run([spf, "generate", project, "--json"], cwd=tmp_path, env=env).stdout)
    assert generated["verify"]["ok"] and generated["verify"]["failed"] == 0, generated["verify"]
    manifest = json.loads((project / ".spf/manifest.json").read_text())
    assert Version(manifest["ruff_version"]) == Version(floors["ruff"])
    missing = run([spf, "inspect", "m", "--prompt", "x"], cwd=tmp_path, env=env, expect=2)
    assert missing.stderr.strip() == ("error: spf inspect: needs the neural extra (torch is not "
                                      "installed) (hint: pip install 'spf[neural]')")

    # A slice of the core tests, against the installed wheel (not this checkout's spf).
    tests = tmp_path / "tests"
    shutil.copytree(REPO / "tests" / "core", tests / "core", ignore=ignore)
    shutil.copy(REPO / "tests" / "conftest.py", tests / "conftest.py")
    (tmp_path / "examples").symlink_to(REPO / "examples")
    result = run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow",
                  "tests/core/test_plan_cli.py", "tests/core/test_errors_boundary.py",
                  "tests/core/test_pyramid.py", "tests/core/test_plugins.py",
                  # runs spf as another user, who cannot reach this private tmp_path's venv
                  "--deselect", ("tests/core/test_errors_boundary.py::"
                                 "test_read_only_outputs_are_refused_for_generate_and_plan")],
                 cwd=tmp_path, env=env)
    assert re.search(r"\d+ passed", result.stdout) and " failed" not in result.stdout
