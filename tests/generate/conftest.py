"""Fixtures for the generation tests: example specs in temporary folders, the CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
EXAMPLE_NAMES = ("todo", "gradebook", "inventory", "textkit")

# A small spec that exercises every category quickly (JSON store, one function).
TINY_SPEC = """# Project: notes
Short notes kept in a JSON file.

## Entity: Note
A short note.
- text: str — what the note says
- pinned: bool = false — whether it stays on top

## Store: notes
Notes live in `notes.json` in the working directory.
- holds: Note
- format: json

## Function: shorten(text: str) -> str
The text cut to its first ten characters.
- shorten("abc") == "abc"

## Command: add(text: str)
Add a note.

## Command: list()
Print every note on its own line as `1. text`, numbered from 1.

## Command: remove(index: int)
Delete the note at the given 1-based position.
- error: an index out of range prints "no such note" and exits with status 1
"""


@pytest.fixture
def example(tmp_path):
    """Copy an example's spec.md into a fresh folder: ``example("todo") -> Path``."""

    def copy(name: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        shutil.copy(EXAMPLES / name / "spec.md", folder / "spec.md")
        return folder

    return copy


@pytest.fixture
def tiny(tmp_path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "spec.md").write_text(TINY_SPEC, encoding="utf-8")
    return folder


@pytest.fixture
def spf_cli():
    """Run ``spf ARGS...`` in-process; returns click's Result (stdout and stderr apart)."""
    from spf.cli import cli

    def run(*args: str, input: str | None = None):
        return CliRunner().invoke(cli, [str(arg) for arg in args], input=input,
                                  catch_exceptions=False)

    return run


def files_of(folder: Path) -> dict[str, bytes]:
    """Every generated file under ``folder`` (not the spec, not spf's own state)."""
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file() and ".spf" not in path.parts and path.name != "spec.md"
            and "__pycache__" not in path.parts}
