"""Classification: keyword and match rules, name before description, and the classify_item hook."""

from __future__ import annotations

import pytest
from core_builders import command, make_todo, param

from spf import hookimpl
from spf.errors import PluginError
from spf.plugins import add_plugin, remove_plugin
from spf.pyramid import build_pyramid, classify
from spf.taxonomy import load_taxonomy, words


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


@pytest.mark.parametrize("name, expected", [
    ("add", "command.add"), ("create", "command.add"), ("new", "command.add"),
    ("list", "command.list"), ("show", "command.list"), ("ls", "command.list"),
    ("done", "command.update"), ("update", "command.update"), ("mark", "command.update"),
    ("complete", "command.update"), ("set", "command.update"), ("edit", "command.update"),
    ("remove", "command.remove"), ("delete", "command.remove"), ("rm", "command.remove"),
    ("search", "command.search"), ("find", "command.search"), ("filter", "command.search"),
    ("mark_done", "command.update"), ("markDone", "command.update"),
    ("list_tags", "command.list"), ("stats", "command"), ("export", "command"),
])
def test_command_names(taxonomy, name, expected):
    item = command(name, [], "", 3)
    assert taxonomy.classify(item).categories[0] == expected
    assert taxonomy.classify(item).categories[-1] == "command"


def test_description_is_used_when_the_name_says_nothing(taxonomy):
    clear = command("clear", [], "Deletes every finished task, then lists the rest.", 3)
    result = taxonomy.classify(clear)
    assert result.categories == ["command.remove", "command"]  # first keyword in the text
    assert result.evidence == "description: deletes"


def test_the_name_wins_over_the_description(taxonomy):
    listing = command("list", [], "Show tasks, filtered by tag and sorted.", 3)
    result = taxonomy.classify(listing)
    assert result.categories[0] == "command.list" and result.evidence == "name: list"


def test_no_keyword_anywhere_gives_the_base_category(taxonomy):
    result = taxonomy.classify(command("stats", [], "Print how many tasks there are.", 3))
    assert result.categories == ["command"] and result.evidence == "default"


@pytest.mark.parametrize("store_format", ["json", "csv", "sqlite"])
def test_store_format_picks_the_child(taxonomy, store_format):
    store = make_todo(store_format=store_format).stores[0]
    result = taxonomy.classify(store)
    assert result.categories == [f"store.{store_format}", "store"]
    assert result.evidence == f"match: format={store_format}"


def test_other_kinds(taxonomy, todo_project):
    assert taxonomy.classify(todo_project).categories == ["project"]
    assert taxonomy.classify(todo_project.entities[0]).categories == ["entity"]
    assert taxonomy.classify(todo_project.functions[0]).categories == ["function"]


def test_words_split_names_and_sentences():
    assert words("markDone") == ["mark", "done"]
    assert words("list_all-tags") == ["list", "all", "tags"]
    assert words("Print the 1-based index.") == ["print", "the", "based", "index"]


# ---------------------------------------------------------------- the classify_item hook


class ReportsAreLists:
    """A plugin that classifies every command whose name starts with ``report`` as a listing."""

    @staticmethod
    @hookimpl
    def classify_item(item, taxonomy):
        if getattr(item, "kind", None) == "command" and item.name.startswith("report"):
            return ["command.list"]
        return None


@pytest.fixture
def reports_plugin():
    add_plugin(ReportsAreLists, "reports-test")
    yield
    remove_plugin("reports-test")


def test_a_plugin_classifies_first_and_defers_with_none(reports_plugin, taxonomy):
    report = command("report", [], "Delete nothing; print a summary.", 40)
    result = classify(report, taxonomy)
    assert result.categories == ["command.list", "command"] and result.evidence == "plugin"
    # For other items the plugin returns None and the built-in rules answer.
    assert classify(command("remove", [], "", 3), taxonomy).categories[0] == "command.remove"
    pyramid = build_pyramid(make_todo(extra_commands=[report]), taxonomy)
    assert pyramid.unit("command:report").category == "command.list"
    assert pyramid.code_units["todo/cli.py::report_command"].template == "command/list.py.j2"


def test_without_the_plugin_the_builtin_rules_answer(taxonomy):
    report = command("report", [], "Delete nothing; print a summary.", 40)
    assert classify(report, taxonomy).categories[0] == "command.remove"


@pytest.mark.parametrize("answer, message", [
    (["command.nothing"], "unknown category 'command.nothing'"),
    (["store.json"], "applies to store items"),
    ([], "classify_item returned []"),
])
def test_bad_plugin_answers_are_plugin_errors(taxonomy, answer, message):
    class Bad:
        @staticmethod
        @hookimpl
        def classify_item(item, taxonomy):
            return answer

    add_plugin(Bad, "bad-classifier")
    try:
        with pytest.raises(PluginError, match=message.replace("[", r"\[").replace("]", r"\]")):
            classify(command("add", [param("title", "str")], "", 3), taxonomy)
    finally:
        remove_plugin("bad-classifier")
