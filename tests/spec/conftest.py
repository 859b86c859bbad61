"""Fixtures for the requirements-language tests: the example specs and a parse helper."""

from __future__ import annotations

from pathlib import Path

import pytest

from spf.errors import SpecError
from spf.spec import parse_spec

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE_NAMES = ("todo", "gradebook", "inventory", "textkit")


def example_text(name: str) -> str:
    return (EXAMPLES / name / "spec.md").read_text(encoding="utf-8")


def _spec_error(text: str) -> SpecError:
    with pytest.raises(SpecError) as caught:
        parse_spec(text)
    return caught.value


@pytest.fixture
def spec_error():
    """``spec_error(text)``: parse text that must fail and return the SpecError."""
    return _spec_error


# A small valid spec that the error tests append broken lines to.
BASE = """# Project: todo
A list.

## Entity: Task
- title: str — what to do
"""


@pytest.fixture
def base_spec() -> str:
    return BASE
