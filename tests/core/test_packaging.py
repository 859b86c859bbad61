"""Installing things for real: the example plugin package, and spf's own wheel in a fresh venv.

Nothing is downloaded: pip runs with ``--no-index --no-deps --no-build-isolation``,
and the fresh venv reaches the already-installed dependencies (click, pluggy, ...)
through a ``.pth`` line naming this environment's site-packages. That line adds the
folder only: the ``.pth`` files inside it (the editable install of spf) stay inactive,
so ``import spf`` in the fresh venv finds the wheel's copy, which the test checks.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest
from core_builders import REPO

BIN = Path(sys.executable).parent


def run(command: list[str], *, env: dict | None = None, cwd: Path | None = None,
        timeout: int = 300) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env,
                            cwd=cwd or REPO, check=False)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def pip(*args: str) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "pip", "--disable-pip-version-check", *args])


def export_project(tmp_path: Path) -> Path:
    """The to-do example plus an ``export`` command, which the example plugin categorizes."""
    project = tmp_path / "todo"
    shutil.copytree(REPO / "examples/todo", project)
    with (project / "spec.md").open("a") as spec:
        spec.write("\n## Command: export()\nWrite every task to standard output as JSON.\n")
    return project


@pytest.fixture(scope="module")
def example_plugin_site(tmp_path_factory) -> Path:
    """examples/plugin-example installed with pip into a folder of its own."""
    root = tmp_path_factory.mktemp("plugin-example")
    source = root / "plugin-example"
    shutil.copytree(REPO / "examples/plugin-example", source,
                    ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    site = root / "site"
    pip("install", "--no-deps", "--no-build-isolation", "--no-index", "--target", str(site),
        str(source))
    return site


def test_the_example_plugin_package_installs_and_adds_a_category_and_a_command(
        tmp_path, example_plugin_site):
    site = example_plugin_site
    env = {**os.environ, "PYTHONPATH": str(site)}
    spf = str(BIN / "spf")

    plugins = json.loads(run([spf, "plugins", "--json"], env=env).stdout)
    example = next(info for info in plugins if info["name"] == "example")
    assert example["source"] == "entry point (spf-example-plugin)"
    assert example["version"] == "0.2.0"
    assert example["hooks"] == ["register_commands", "register_taxonomy", "register_templates"]

    taxonomy = json.loads(run([spf, "taxonomy", "--format", "json"], env=env).stdout)
    export = next(c for c in taxonomy["categories"] if c["name"] == "command.export")
    assert export["is_a"] == "command" and export["source"].startswith(str(site))
    assert str(site / "spf_example_plugin" / "templates") in taxonomy["template_folders"]

    project = export_project(tmp_path)
    plan = json.loads(run([spf, "plan", str(project), "--format", "json"], env=env).stdout)
    design = {d["id"]: d for d in plan["design"]}
    assert design["command:export"]["categories"] == ["command.export", "command"]
    unit = next(u for u in plan["code_units"] if u["id"] == "todo/cli.py::export_command")
    assert unit["template"] == "command/export.py.j2"

    census = json.loads(run([spf, "census", str(project), "--json"], env=env).stdout)
    assert census["command.export"] == 1 and census["store.json"] == 1

    # Without the package on the path, neither the category nor the command exists.
    plain = subprocess.run([spf, "census", str(project)], capture_output=True, text=True,
                           cwd=REPO, check=False)
    assert plain.returncode == 2 and "No such command 'census'" in plain.stderr


def test_the_example_plugin_category_generates_working_code(tmp_path, example_plugin_site):
    """End to end: the plugin's category and template become a command that works."""
    env = {**os.environ, "PYTHONPATH": str(example_plugin_site)}
    project = export_project(tmp_path)
    out = tmp_path / "out"
    run([str(BIN / "spf"), "generate", str(project), "--out", str(out), "--quiet"], env=env)
    cli_source = (out / "todo" / "cli.py").read_text()
    export = cli_source[cli_source.index("def export_command"):]
    assert "json.dumps" in export and "NotImplementedError" not in export
    work = tmp_path / "work"
    work.mkdir()
    app = [sys.executable, "-c", "from todo.cli import cli; cli()"]
    app_env = {**os.environ, "PYTHONPATH": str(out)}
    run([*app, "add", "buy   milk"], env=app_env, cwd=work)
    exported = json.loads(run([*app, "export"], env=app_env, cwd=work).stdout)
    assert [task["title"] for task in exported] == ["buy milk"]


@pytest.mark.slow
def test_the_wheel_ships_plugins_taxonomy_and_templates(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist")
    for name in ("spf", "plugins", "taxonomy", "templates"):
        shutil.copytree(REPO / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    dist = tmp_path / "dist"
    pip("wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(dist), str(source))
    wheel = next(dist.glob("spf-*.whl"))

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    purelib = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
                   .stdout.strip())
    (purelib / "_spf_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    pip("--python", str(python), "install", "--no-deps", "--no-index", str(wheel))

    where = run([str(python), "-c", textwrap.dedent("""
        import spf, spf_plugins, spf_taxonomy, spf_templates
        for module in (spf, spf_plugins, spf_taxonomy, spf_templates):
            print(module.__file__)
        """)], cwd=tmp_path).stdout.split()
    assert all(path.startswith(str(purelib)) for path in where), where

    spf = str(venv / "bin" / "spf")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    taxonomy = json.loads(run([spf, "taxonomy", "--format", "json"], env=env, cwd=tmp_path).stdout)
    assert all(path.startswith(str(purelib)) for path in taxonomy["sources"])
    assert taxonomy["template_folders"] == [str(purelib / "spf_templates")]
    assert {"store.sqlite", "command.search", "runtime.cli"} <= {
        c["name"] for c in taxonomy["categories"]}
    for example in ("todo", "gradebook", "inventory"):
        plan = json.loads(run([spf, "plan", str(REPO / "examples" / example), "--format", "json"],
                              env=env, cwd=tmp_path).stdout)
        assert plan["schema"] == "spf.pyramid/1" and plan["files"]
    plugins = json.loads(run([spf, "plugins", "--json"], env=env, cwd=tmp_path).stdout)
    assert next(p for p in plugins if p["name"] == "core")["source"] == "entry point (spf)"
