"""Fixtures for the core tests: a hand-built to-do project, a temporary taxonomy, a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from core_builders import MINIMAL_TAXONOMY, make_todo

from spf.spec.model import Project


@pytest.fixture
def todo_project() -> Project:
    return make_todo()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def tiny_taxonomy(tmp_path) -> tuple[Path, Path]:
    """A temporary (taxonomy folder, templates folder) pair with two categories and their templates."""
    taxonomy = tmp_path / "taxonomy"
    templates = tmp_path / "templates"
    taxonomy.mkdir()
    templates.mkdir()
    (taxonomy / "base.toml").write_text(MINIMAL_TAXONOMY)
    (templates / "readme.j2").write_text("# {{ project.name }}\n")
    (templates / "function.j2").write_text("def {{ name }}(): ...\n")
    return taxonomy, templates
