"""The plugin manager: a throwaway plugin, SPF_LOAD_PLUGINS, --plugin/--no-plugin, ``spf plugins``."""

from __future__ import annotations

import json
import sys

import click
import pytest

from spf import hookimpl
from spf.cli import cli
from spf.errors import PluginError
from spf.plugins import add_plugin, collect, load_plugins, plugin_manager, remove_plugin

BUILTIN_ENTRY_POINTS = {"core"}  # at least; the others come with other issues


class HelloPlugin:
    """A throwaway plugin: one command and one template folder."""

    __version__ = "9.9"

    @staticmethod
    @hookimpl
    def register_commands(cli):
        @cli.command(name="hello")
        @click.argument("who", default="world")
        def hello(who):
            """Say hello."""
            click.echo(f"hello, {who}")

    @staticmethod
    @hookimpl
    def register_templates(register):
        register("/tmp/hello-templates")


@pytest.fixture
def hello_plugin():
    add_plugin(HelloPlugin, "hello")
    yield HelloPlugin
    remove_plugin("hello")


def plugin_names(runner, *args) -> list[str]:
    result = runner.invoke(cli, [*args, "plugins", "--json"])
    assert result.exit_code == 0, result.output
    return [info["name"] for info in json.loads(result.output)]


def test_a_registered_plugin_adds_a_command_and_is_listed(runner, hello_plugin):
    result = runner.invoke(cli, ["hello", "spf"])
    assert result.exit_code == 0 and result.output == "hello, spf\n"
    infos = {info["name"]: info for info in
             json.loads(runner.invoke(cli, ["plugins", "--json"]).output)}
    assert infos["hello"] == {"name": "hello", "version": "9.9", "source": "added (Python)",
                              "hooks": ["register_commands", "register_templates"]}
    assert ("/tmp/hello-templates",) in collect("register_templates")


def test_the_plugin_is_gone_after_removal(runner):
    add_plugin(HelloPlugin, "hello")
    remove_plugin("hello")
    assert "hello" not in plugin_names(runner)
    result = runner.invoke(cli, ["hello"])
    assert result.exit_code == 2 and "No such command 'hello'" in result.output
    assert not plugin_manager().has_plugin("hello")


def test_adding_the_same_name_twice_is_refused(hello_plugin):
    with pytest.raises(PluginError, match="already added"):
        add_plugin(HelloPlugin, "hello")


def test_entry_points_are_listed_with_versions_and_hooks(runner):
    infos = {info["name"]: info for info in
             json.loads(runner.invoke(cli, ["plugins", "--json"]).output)}
    assert BUILTIN_ENTRY_POINTS <= set(infos)
    core = infos["core"]
    assert core["source"] == "entry point (spf)" and core["version"] == "0.1.0"
    assert core["hooks"] == ["classify_item", "register_commands", "register_taxonomy",
                             "register_templates"]
    text = runner.invoke(cli, ["plugins"])
    assert text.exit_code == 0
    assert "core" in text.output and "register_taxonomy" in text.output


def test_spf_load_plugins_empty_loads_none(runner, monkeypatch):
    monkeypatch.setenv("SPF_LOAD_PLUGINS", "")
    assert plugin_names(runner) == []
    result = runner.invoke(cli, ["plan", "examples/todo"])
    assert result.exit_code == 2 and "No such command 'plan'" in result.output
    assert "no plugins loaded" in runner.invoke(cli, ["plugins"]).output


def test_spf_load_plugins_list_loads_only_those(runner, monkeypatch):
    monkeypatch.setenv("SPF_LOAD_PLUGINS", "core, nonexistent")
    assert plugin_names(runner) == ["core"]
    assert runner.invoke(cli, ["taxonomy", "--format", "json"]).exit_code == 0


def test_no_plugin_blocks_by_name(runner):
    assert "core" not in plugin_names(runner, "--no-plugin", "core")
    result = runner.invoke(cli, ["--no-plugin", "core", "plan", "examples/todo"])
    assert result.exit_code == 2 and "No such command 'plan'" in result.output


PLUGIN_MODULE = '''
import click
from spf import hookimpl

__version__ = "1.2.3"

@hookimpl
def register_commands(cli):
    @cli.command(name="greet")
    def greet():
        click.echo("greetings from {origin}")
'''


def test_plugin_option_loads_a_module_by_name(runner, tmp_path, monkeypatch):
    (tmp_path / "spf_greeting_module.py").write_text(PLUGIN_MODULE.format(origin="a module"))
    monkeypatch.syspath_prepend(str(tmp_path))
    result = runner.invoke(cli, ["--plugin", "spf_greeting_module", "greet"])
    assert result.exit_code == 0, result.output
    assert result.output == "greetings from a module\n"
    infos = json.loads(runner.invoke(cli, ["--plugin", "spf_greeting_module", "plugins",
                                           "--json"]).output)
    mine = next(info for info in infos if info["name"] == "spf_greeting_module")
    assert mine["source"] == "module" and mine["version"] == "1.2.3"
    sys.modules.pop("spf_greeting_module", None)


def test_plugin_option_loads_a_file_and_no_plugin_blocks_it(runner, tmp_path):
    path = tmp_path / "greeting.py"
    path.write_text(PLUGIN_MODULE.format(origin="a file"))
    result = runner.invoke(cli, [f"--plugin={path}", "greet"])
    assert result.exit_code == 0 and result.output == "greetings from a file\n"
    blocked = runner.invoke(cli, ["--plugin", str(path), "--no-plugin", "greeting", "greet"])
    assert blocked.exit_code == 2 and "No such command 'greet'" in blocked.output


@pytest.mark.parametrize("spec, message", [
    ("no_such_spf_plugin_module", "cannot import plugin module 'no_such_spf_plugin_module'"),
    ("/nowhere/plugin.py", "plugin file not found"),
])
def test_a_bad_plugin_option_is_one_line_and_exit_2(runner, spec, message):
    result = runner.invoke(cli, ["--plugin", spec, "plugins"])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_a_plugin_file_that_raises_is_a_plugin_error(runner, tmp_path):
    path = tmp_path / "broken.py"
    path.write_text("raise RuntimeError('boom')\n")
    result = runner.invoke(cli, ["--plugin", str(path), "plugins"])
    assert result.exit_code == 2
    assert "cannot load plugin file: boom" in result.output


def test_later_plugins_answer_firstresult_hooks_first(tmp_path):
    """A --plugin classifier is asked before the built-in one (pluggy calls the latest first)."""
    path = tmp_path / "everything_lists.py"
    path.write_text("from spf import hookimpl\n\n@hookimpl\ndef classify_item(item, taxonomy):\n"
                    "    return ['command.list'] if getattr(item, 'kind', '') == 'command' else None\n")
    manager = load_plugins(extra=[str(path)])
    from core_builders import command

    from spf.pyramid import classify
    from spf.taxonomy import load_taxonomy

    taxonomy = load_taxonomy(manager=manager)
    assert classify(command("remove", [], "", 3), taxonomy, manager).categories[0] == "command.list"
