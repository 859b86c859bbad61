"""``spf plan`` on the example projects and on bad input, through click's CliRunner."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from core_builders import REPO

from spf.cli import cli

EXAMPLES = sorted(path.parent.name for path in (REPO / "examples").glob("*/spec.md"))
STORE_EXAMPLES = {"todo": "store.json", "gradebook": "store.csv", "inventory": "store.sqlite"}


def test_there_are_at_least_three_example_projects_with_all_store_formats():
    assert len(EXAMPLES) >= 3
    assert set(STORE_EXAMPLES) <= set(EXAMPLES)


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_example_plans_cleanly_with_exact_trace_links(runner, example):
    folder = REPO / "examples" / example
    result = runner.invoke(cli, ["plan", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    spec_lines = (folder / "spec.md").read_text(encoding="utf-8").splitlines()
    # Every trace link points at the requirement line it quotes.
    traces = [r["trace"] for r in data["requirements"]]
    traces += [d["trace"] for d in data["design"]]
    traces += [t["trace"] for d in data["design"] for t in d["tests"]]
    traces += [u["trace"] for u in data["code_units"]]
    for trace in traces:
        assert trace["link"] == f"spec.md:{trace['line']}"
        assert spec_lines[trace["line"] - 1].strip() == trace["text"].strip()
    design_ids = {d["id"] for d in data["design"]}
    assert all(u["design_unit"] in design_ids for u in data["code_units"])
    order = [d["id"] for d in data["design"]]
    for edge in data["edges"]:
        assert order.index(edge["to"]) < order.index(edge["from"])


@pytest.mark.parametrize("example, store_category", sorted(STORE_EXAMPLES.items()))
def test_store_examples_plan_their_store_and_commands(runner, example, store_category):
    result = runner.invoke(cli, ["plan", str(REPO / "examples" / example), "--format", "json"])
    data = json.loads(result.output)
    categories = {d["id"]: d["category"] for d in data["design"]}
    stores = [category for unit, category in categories.items() if unit.startswith("store:")]
    assert stores == [store_category]
    assert categories["runtime:cli"] == "runtime.cli"
    assert any(unit.startswith("function:") for unit in categories)
    assert "command.add" in categories.values() and "command.list" in categories.values()
    package = data["project"]["package"]
    paths = [f["path"] for f in data["files"]]
    for path in ("pyproject.toml", "README.md", f"{package}/__init__.py", f"{package}/models.py",
                 f"{package}/stores.py", f"{package}/functions.py", f"{package}/cli.py",
                 "tests/test_cli.py"):
        assert path in paths


def test_text_and_markdown_show_the_three_layers(runner):
    folder = str(REPO / "examples" / "todo")
    text = runner.invoke(cli, ["plan", folder])
    assert text.exit_code == 0, text.output
    for expected in ("Layer 1", "Layer 2", "Layer 3", "command:done", "command.update",
                     "todo/cli.py", "done_command", "spec.md:23", "list[str]"):
        assert expected in text.output
    markdown = runner.invoke(cli, ["plan", folder, "--format", "markdown"])
    assert markdown.exit_code == 0
    assert markdown.output.startswith("# Semantic pyramid: todo")
    assert "## Layer 2 · design (dependency order)" in markdown.output
    assert "| `command:done` | command.update |" in markdown.output


def test_a_spec_file_path_works_too_and_output_writes_a_file(runner, tmp_path):
    target = tmp_path / "plan.json"
    result = runner.invoke(cli, ["plan", str(REPO / "examples/todo/spec.md"), "--format", "json",
                                 "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text())["project"]["name"] == "todo"


def test_bad_spec_is_one_line_and_exit_2(runner, tmp_path):
    (tmp_path / "spec.md").write_text("# Project: broken\n\n## Entity: Task\n- title:\n")
    result = runner.invoke(cli, ["plan", str(tmp_path)])
    assert result.exit_code == 2
    first = result.output.strip().splitlines()[0]
    assert first.startswith("error: ") and "spec.md:4" in first
    assert "Traceback" not in result.output


def test_missing_project_is_exit_2(runner, tmp_path):
    result = runner.invoke(cli, ["plan", str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "does not exist" in result.output


# ---------------------------------------------------------------- project-local extensions

LOCAL_PLUGIN = '''
from spf import hookimpl

@hookimpl
def classify_item(item, taxonomy):
    if getattr(item, "kind", None) == "command" and item.name == "stats":
        return ["command.export"]
    return None
'''

EXPORT_CATEGORY = '''
[category."command.export"]
is_a = "command"
keywords = ["export"]

[[category."command.export".produces]]
role = "command"
kind = "function"
name = "{name}_command"
path = "{package}/cli.py"
template = "command/export.py.j2"
'''


def local_project(tmp_path: Path) -> Path:
    project = tmp_path / "todo"
    shutil.copytree(REPO / "examples/todo", project)
    with (project / "spec.md").open("a") as spec:
        spec.write(textwrap.dedent("""
            ## Command: export()
            Write every task to standard output as JSON.

            ## Command: stats()
            Print how many tasks there are.
            """))
    (project / "taxonomy").mkdir()
    (project / "taxonomy/export.toml").write_text(EXPORT_CATEGORY)
    (project / "templates/command").mkdir(parents=True)
    (project / "templates/command/export.py.j2").write_text("# export {{ command.name }}\n")
    (project / "local_plugin.py").write_text(LOCAL_PLUGIN)
    (project / "spf.toml").write_text('[spf]\ntaxonomy = ["taxonomy"]\ntemplates = ["templates"]\n'
                                      'plugins = ["local_plugin.py"]\n')
    return project


def test_a_project_extends_taxonomy_templates_and_plugins_through_spf_toml(runner, tmp_path):
    project = local_project(tmp_path)
    result = runner.invoke(cli, ["plan", str(project), "--format", "json"])
    assert result.exit_code == 0, result.output
    design = {d["id"]: d for d in json.loads(result.output)["design"]}
    assert design["command:export"]["category"] == "command.export"  # project taxonomy keyword
    assert design["command:export"]["evidence"] == "name: export"
    assert design["command:stats"]["category"] == "command.export"  # the local plugin's hook
    assert design["command:stats"]["evidence"] == "plugin"
    plugins = runner.invoke(cli, ["plugins", "--json", "--project", str(project)])
    names = {p["name"]: p for p in json.loads(plugins.output)}
    assert names["project:local_plugin"]["hooks"] == ["classify_item"]
    assert names["project:local_plugin"]["source"].startswith("file (")


def test_a_missing_project_plugin_file_is_exit_2(runner, tmp_path):
    project = local_project(tmp_path)
    (project / "local_plugin.py").unlink()
    result = runner.invoke(cli, ["plan", str(project)])
    assert result.exit_code == 2
    assert "project plugin file not found" in result.output and "local_plugin.py" in result.output


# ---------------------------------------------------------------- no torch at start

NO_TORCH = '''
import sys
from spf.cli import cli
for args in {args!r}:
    try:
        cli.main(args=args, prog_name="spf", standalone_mode=False)
    except SystemExit as stop:
        assert not stop.code, stop.code
heavy = sorted(name for name in ("torch", "transformers", "safetensors", "peft", "numpy")
               if name in sys.modules)
print("HEAVY:", ",".join(heavy))
'''


@pytest.mark.parametrize("args", [[["--help"]], [["plan", str(REPO / "examples/todo")]],
                                  [["plan", str(REPO / "examples/gradebook"), "--format", "json"],
                                   ["taxonomy"], ["plugins"]]])
def test_spf_help_and_plan_do_not_import_torch(args):
    result = subprocess.run([sys.executable, "-c", NO_TORCH.format(args=args)],
                            capture_output=True, text=True, timeout=120, cwd=REPO, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "HEAVY:"


def test_planning_two_projects_in_one_process_does_not_mix_their_plugins(tmp_path):
    import spf
    from spf.plugins import plugin_manager

    project = local_project(tmp_path)
    with_plugin = spf.build_pyramid(spf.load_spec(project), project_dir=project)
    assert with_plugin.unit("command:stats").category == "command.export"
    assert plugin_manager().has_plugin("project:local_plugin")
    plain = REPO / "examples/textkit"
    without = spf.build_pyramid(spf.load_spec(plain), project_dir=plain)
    assert without.unit("command:stats").category == "command"
    assert not plugin_manager().has_plugin("project:local_plugin")
