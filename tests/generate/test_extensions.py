"""Plugins and projects extend generation: their categories' templates and template overrides."""

from __future__ import annotations

import json

from .conftest import REPO, TINY_SPEC

PLUGIN = REPO / "examples" / "plugin-example" / "spf_example_plugin" / "__init__.py"


def test_a_plugin_category_is_rendered_with_the_plugin_template(spf_cli, tiny):
    spec = tiny / "spec.md"
    spec.write_text(TINY_SPEC + "\n## Command: export()\nPrint every note as JSON.\n")
    result = spf_cli("--plugin", PLUGIN, "generate", tiny, "--json")
    report = json.loads(result.stdout)
    unit = next(unit for unit in report["units"] if unit["id"] == "notes/cli.py::export_command")
    assert unit["category"] == "command.export" and unit["implementation"] == "implemented"
    assert unit["status"] == "unchecked"  # no example in the spec checks it
    source = (tiny / "notes" / "cli.py").read_text()
    assert "click.echo(json.dumps([item.to_dict() for item in store.all()], indent=2))" in source
    assert report["verify"]["ok"] and "tests/test_cli.py::test_export_runs" not in \
        report["verify"]["failures"]
    assert "def test_export_runs(runner):" in (tiny / "tests" / "test_cli.py").read_text()


def test_a_project_template_folder_overrides_a_built_in_template(spf_cli, tiny):
    override = tiny / "my_templates" / "project"
    override.mkdir(parents=True)
    (override / "README.md.j2").write_text("# {{ project.name }}, our way\n")
    (tiny / "spf.toml").write_text('[spf]\ntemplates = ["my_templates"]\n')
    result = spf_cli("generate", tiny, "--no-verify")
    assert result.exit_code in (0, 3), result.output
    assert (tiny / "README.md").read_text() == "# notes, our way\n"
    assert "class NotesStore:" in (tiny / "notes" / "stores.py").read_text()  # others built in


LOCAL_STAGE = '''
"""A project-local plugin: a review stage between implement and tests."""
from spf import hookimpl
from spf.pipeline import Stage


class Review(Stage):
    name = "review"
    after = ("implement",)

    def run(self, state):
        for unit in state.units.values():
            if unit.kind == "class":
                unit.source = "# reviewed\\n" + unit.source


@hookimpl
def register_stages(register):
    register(Review())
'''


def test_a_project_plugin_adds_a_stage_in_dependency_order(spf_cli, tiny):
    (tiny / "review.py").write_text(LOCAL_STAGE)
    (tiny / "spf.toml").write_text('[spf]\nplugins = ["review.py"]\n')
    result = spf_cli("generate", tiny, "--no-verify", "--json")
    report = json.loads(result.stdout)
    assert report["stages_run"] == ["scaffold", "interfaces", "implement", "review", "tests",
                                    "write"]
    assert "# reviewed\nclass NotesStore:" in (tiny / "notes" / "stores.py").read_text()


def test_a_plugin_template_folder_overrides_a_built_in_template(spf_cli, tiny):
    plugin = tiny / "readme_override.py"
    (tiny / "override" / "project").mkdir(parents=True)
    (tiny / "override" / "project" / "README.md.j2").write_text("# {{ project.name }}, by plugin\n")
    plugin.write_text(
        "from pathlib import Path\nfrom spf import hookimpl\n\n\n@hookimpl\n"
        "def register_templates(register):\n"
        "    register(Path(__file__).parent / 'override')\n")
    result = spf_cli("--plugin", plugin, "generate", tiny, "--no-verify")
    assert result.exit_code in (0, 3), result.output
    assert (tiny / "README.md").read_text() == "# notes, by plugin\n"
