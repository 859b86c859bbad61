"""The code taxonomy: the built-in data, inheritance, the graph, validation, extension, output."""

from __future__ import annotations

import json

import pytest

from spf.cli import cli
from spf.errors import TaxonomyError
from spf.plugins import add_plugin, remove_plugin
from spf.taxonomy import load_taxonomy

# The contract (docs/taxonomy.md): category -> templates of the code units it produces.
CONTRACT = {
    "project": {"project/pyproject.toml.j2", "project/README.md.j2", "project/__init__.py.j2"},
    "entity": {"entity/dataclass.py.j2", "entity/test_entity.py.j2"},
    "store.json": {"store/json.py.j2", "store/test_store.py.j2"},
    "store.csv": {"store/csv.py.j2", "store/test_store.py.j2"},
    "store.sqlite": {"store/sqlite.py.j2", "store/test_store.py.j2"},
    "function": {"function/function.py.j2", "function/test_examples.py.j2"},
    "runtime.cli": {"cli/runtime.py.j2"},
    "command": {"command/custom.py.j2", "command/test_command.py.j2"},
    "command.add": {"command/add.py.j2", "command/test_command.py.j2"},
    "command.list": {"command/list.py.j2", "command/test_command.py.j2"},
    "command.update": {"command/update.py.j2", "command/test_command.py.j2"},
    "command.remove": {"command/remove.py.j2", "command/test_command.py.j2"},
    "command.search": {"command/search.py.j2", "command/test_command.py.j2"},
}


@pytest.fixture(scope="module")
def builtin():
    return load_taxonomy()


@pytest.mark.parametrize("category, templates", sorted(CONTRACT.items()))
def test_builtin_categories_produce_the_contract_templates(builtin, category, templates):
    produced = {produced.template for produced in builtin.produces(category)}
    assert produced == templates
    for template in templates:
        assert builtin.template_path(template).is_file()


def test_hierarchy_and_inheritance(builtin):
    assert builtin.lineage("store.json") == ["store.json", "store"]
    assert builtin.ancestors("command.update") == ["command.update", "command", "unit"]
    assert builtin.children("store") == ["store.csv", "store.json", "store.sqlite"]
    assert builtin.applies_to("command.search") == "command"  # inherited from command
    assert builtin.singleton("runtime.cli") and not builtin.singleton("command.add")
    assert {"runtime.cli", "store"} <= set(builtin.requires("command.remove"))
    assert builtin.operations("command.remove") == ["remove"]
    assert builtin.operations("store.csv") == builtin.operations("store")
    # The child's implementation replaces the parent's; the parent's tests are kept.
    roles = {p.role: p.template for p in builtin.produces("command.add")}
    assert roles["command"] == "command/add.py.j2"
    assert roles["tests"] == "command/test_command.py.j2"


def test_graph_has_is_a_and_requires_edges(builtin):
    graph = builtin.graph
    assert graph.edges["store.json", "store"]["relation"] == "is_a"
    assert graph.edges["command", "runtime.cli"]["relation"] == "requires"
    assert graph.edges["store", "entity"]["relation"] == "requires"
    assert set(graph.nodes) == set(builtin.categories)


def test_output_forms(builtin):
    data = builtin.to_dict()
    json.dumps(data)
    names = [category["name"] for category in data["categories"]]
    assert names[0] == "unit" and set(names) == set(builtin.categories)
    store_json = next(c for c in data["categories"] if c["name"] == "store.json")
    assert store_json["match"] == {"format": "json"} and store_json["applies_to"] == "store"
    dot = builtin.to_dot()
    assert dot.startswith("digraph taxonomy {")
    assert '"store.json" -> "store" [style=solid, label="is_a"];' in dot
    assert '"command" -> "runtime.cli" [style=dashed, label="requires"];' in dot


# ---------------------------------------------------------------- validation


def write(folder, name, text):
    path = folder / name
    path.write_text(text)
    return path


def load(taxonomy, templates, **kwargs):
    return load_taxonomy([taxonomy], template_folders=[templates], include_registered=False,
                         **kwargs)


def test_tiny_taxonomy_loads(tiny_taxonomy):
    taxonomy = load(*tiny_taxonomy)
    assert set(taxonomy.categories) == {"unit", "project", "function"}
    assert taxonomy.base_category("function") == "function"


@pytest.mark.parametrize("text, message", [
    ('[category.widget]\nis_a = "gadget"\n', "unknown parent 'gadget'"),
    ('[category.a]\nis_a = "b"\n[category.b]\nis_a = "a"\n', "is_a cycle"),
    ('[category.widget]\nis_a = "unit"\ncolour = "red"\n', "unknown key 'colour'"),
    ('[category.widget]\nis_a = "unit"\nrequires = ["nothing"]\n',
     "requires unknown category 'nothing'"),
    ('[category.widget]\nis_a = "unit"\napplies_to = "table"\n', "is not an item kind"),
    ('[category.widget]\n', "has no parent"),
    ('[category.Widget]\nis_a = "unit"\n', "lower-case words"),
    ('[category.widget\n', "invalid TOML"),
    ('[widgets]\nx = 1\n', "unknown top-level table 'widgets'"),
    (('[category.widget]\nis_a = "unit"\n[[category.widget.produces]]\nrole = "x"\nkind = "class"\n'
     'name = "{nme}"\npath = "a.py"\n'), "unknown placeholder {nme}"),
    (('[category.widget]\nis_a = "unit"\n[[category.widget.produces]]\nrole = "x"\n'
     'kind = "gizmo"\nname = "a"\npath = "a.py"\n'), "kind 'gizmo'"),
    (('[category.widget]\nis_a = "unit"\n[[category.widget.produces]]\nrole = "x"\n'
     'kind = "test"\nname = "t_{index}"\npath = "a.py"\n'), "{index} needs for_each"),
    (('[category.widget]\nis_a = "unit"\n[[category.widget.produces]]\nrole = "x"\n'
     'kind = "class"\nname = "A"\npath = "a.py"\n[[category.widget.produces]]\nrole = "x"\n'
     'kind = "class"\nname = "B"\npath = "a.py"\n'), "role 'x' produced twice"),
    (('[category.widget]\nis_a = "unit"\n[[category.widget.produces]]\nrole = "x"\n'
     'kind = "class"\nname = "A"\npath = "../outside.py"\n'), "must stay inside the output folder"),
    (('[category.widget]\nis_a = "unit"\n[[category.widget.produces]]\nrole = "x"\n'
     'kind = "class"\nname = "A"\npath = "/etc/passwd"\n'), "must stay inside the output folder"),
])
def test_invalid_data_is_reported_with_the_file(tiny_taxonomy, text, message):
    taxonomy, templates = tiny_taxonomy
    bad = write(taxonomy, "zz_bad.toml", text)
    with pytest.raises(TaxonomyError) as caught:
        load(taxonomy, templates)
    assert message in caught.value.message
    assert caught.value.location == str(bad)
    assert "\n" not in caught.value.one_line()


def test_missing_template_names_the_file_and_the_folders(tiny_taxonomy):
    taxonomy, templates = tiny_taxonomy
    (templates / "function.j2").unlink()
    with pytest.raises(TaxonomyError) as caught:
        load(taxonomy, templates)
    assert "template 'function.j2' not found" in caught.value.message
    assert caught.value.location == str(taxonomy / "base.toml")
    assert str(templates) in caught.value.hint
    # Checking can be turned off (e.g. to inspect a taxonomy whose templates come later).
    assert "function" in load(taxonomy, templates, check_templates=False)


def test_duplicate_category_names_both_files(tiny_taxonomy):
    taxonomy, templates = tiny_taxonomy
    other = write(taxonomy, "zz_other.toml", '[category.function]\nis_a = "unit"\n')
    with pytest.raises(TaxonomyError) as caught:
        load(taxonomy, templates)
    assert caught.value.location == str(other)
    assert str(taxonomy / "base.toml") in caught.value.message


def test_missing_paths_and_nothing_registered(tmp_path, monkeypatch):
    with pytest.raises(TaxonomyError, match="taxonomy path not found"):
        load_taxonomy([tmp_path / "nope"], include_registered=False)
    with pytest.raises(TaxonomyError, match="no taxonomy data registered"):
        load_taxonomy(include_registered=False)
    monkeypatch.setenv("SPF_LOAD_PLUGINS", "")
    from spf.plugins import reset_plugin_manager

    reset_plugin_manager()
    with pytest.raises(TaxonomyError, match="no taxonomy data registered") as caught:
        load_taxonomy()
    assert "core" in caught.value.hint


# ---------------------------------------------------------------- extension

EXPORT = '''
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


def test_project_extends_the_taxonomy_through_spf_toml(tmp_path):
    (tmp_path / "taxonomy").mkdir()
    (tmp_path / "taxonomy" / "export.toml").write_text(EXPORT)
    (tmp_path / "templates" / "command").mkdir(parents=True)
    (tmp_path / "templates" / "command" / "export.py.j2").write_text("# export\n")
    (tmp_path / "spf.toml").write_text('[spf]\ntaxonomy = ["taxonomy"]\ntemplates = ["templates"]\n')
    taxonomy = load_taxonomy(project_dir=tmp_path)
    assert taxonomy.lineage("command.export") == ["command.export", "command"]
    assert taxonomy.template_path("command/export.py.j2") == tmp_path / "templates/command/export.py.j2"
    # The built-in templates are still found.
    assert taxonomy.template_path("command/add.py.j2").is_file()


def test_a_plugin_extends_the_taxonomy_and_overrides_a_template(tmp_path):
    (tmp_path / "export.toml").write_text(EXPORT)
    (tmp_path / "templates" / "command").mkdir(parents=True)
    (tmp_path / "templates" / "command" / "export.py.j2").write_text("# export\n")
    (tmp_path / "templates" / "command" / "add.py.j2").write_text("# my add\n")

    class ExportPlugin:
        @staticmethod
        @__import__("spf").hookimpl
        def register_taxonomy(register):
            register(tmp_path / "export.toml")

        @staticmethod
        @__import__("spf").hookimpl
        def register_templates(register):
            register(tmp_path / "templates")

    add_plugin(ExportPlugin, "export-test")
    try:
        taxonomy = load_taxonomy()
        assert "command.export" in taxonomy
        # Folders registered later win for the same template name.
        assert taxonomy.template_path("command/add.py.j2") == tmp_path / "templates/command/add.py.j2"
    finally:
        remove_plugin("export-test")
    assert "command.export" not in load_taxonomy()


# ---------------------------------------------------------------- spf taxonomy


def test_spf_taxonomy_formats(runner):
    result = runner.invoke(cli, ["taxonomy", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {c["name"] for c in data["categories"]} >= set(CONTRACT)
    result = runner.invoke(cli, ["taxonomy", "--format", "dot"])
    assert result.exit_code == 0 and result.output.startswith("digraph taxonomy {")
    result = runner.invoke(cli, ["taxonomy"])
    assert result.exit_code == 0
    for name in ("command.search", "store.sqlite", "runtime.cli", "keywords: search, find, filter"):
        assert name in result.output


def test_spf_taxonomy_bad_project_data_is_one_line_exit_2(runner, tmp_path):
    (tmp_path / "bad.toml").write_text('[category.widget]\nis_a = "gadget"\n')
    (tmp_path / "spf.toml").write_text('[spf]\ntaxonomy = ["bad.toml"]\n')
    result = runner.invoke(cli, ["taxonomy", "--project", str(tmp_path)])
    assert result.exit_code == 2
    assert "unknown parent 'gadget'" in result.output
    assert "Traceback" not in result.output
