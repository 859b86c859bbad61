"""``spf init``: a spec from a template or from prompts, checked, atomic, never overwritten."""

from __future__ import annotations

import pytest

from spf.cli import cli
from spf.spec import load_spec


def test_init_from_a_template_writes_a_spec_that_generates(runner, tmp_path):
    folder = tmp_path / "notes"
    result = runner.invoke(cli, ["init", str(folder), "--template", "cli", "--no-input",
                                 "--entity", "Note", "--fields", "text: str, pinned: bool"])
    assert result.exit_code == 0, result.output
    project = load_spec(folder)
    assert project.name == "notes"
    assert [entity.name for entity in project.entities] == ["Note"]
    assert [field.name for field in project.entities[0].fields] == ["text", "pinned"]
    assert [command.name for command in project.commands] == ["add", "list", "remove"]
    generated = runner.invoke(cli, ["generate", str(folder), "--quiet"])
    assert generated.exit_code == 0, generated.output  # tests generated from it pass


def test_init_asks_with_prompts(runner, tmp_path):
    folder = tmp_path / "shelf"
    answers = "books\nMy reading list.\ncli\nBook\ntitle: str, pages: int\n"
    result = runner.invoke(cli, ["init", str(folder)], input=answers)
    assert result.exit_code == 0, result.output
    assert "Project name [shelf]" in result.output and "Entity name [Item]" in result.output
    text = (folder / "spec.md").read_text()
    assert text.startswith("# Project: books\nMy reading list.\n")
    assert "- pages: int = 0 — the pages" in text and "Add a book with the given title." in text


def test_init_library_template(runner, tmp_path):
    result = runner.invoke(cli, ["init", str(tmp_path / "lib"), "--template", "library",
                                 "--no-input", "--name", "helpers"])
    assert result.exit_code == 0, result.output
    project = load_spec(tmp_path / "lib")
    assert project.name == "helpers" and [f.name for f in project.functions] == ["greet"]


def test_init_refuses_to_overwrite(runner, tmp_path):
    (tmp_path / "spec.md").write_text("# Project: mine\n")
    result = runner.invoke(cli, ["init", str(tmp_path), "--no-input"])
    assert result.exit_code == 2 and "never overwrites" in result.output
    assert (tmp_path / "spec.md").read_text() == "# Project: mine\n"


@pytest.mark.parametrize("options, message", [
    (["--fields", "title"], "field 'title' is not NAME: TYPE"),
    (["--fields", "title: datetime"], "is not NAME: TYPE"),
    (["--entity", "lower"], "is not CapWords"),
    (["--name", "has space"], "the answers do not make a valid spec"),
])
def test_init_bad_answers_write_nothing(runner, tmp_path, options, message):
    folder = tmp_path / "p"
    result = runner.invoke(cli, ["init", str(folder), "--template", "cli", "--no-input", *options])
    assert result.exit_code == 2 and message in result.output, result.output
    assert [line for line in result.output.splitlines() if line.startswith("error:")]
    assert not folder.exists()
