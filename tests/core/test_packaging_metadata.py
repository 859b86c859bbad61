"""Packaging facts: one version, ``python -m spf``, ``py.typed``, the tomllib fallback."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from pathlib import Path

import pytest
from core_builders import REPO

import spf
from spf.settings import tomllib


def test_the_version_has_one_source():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "spf.__version__"}
    assert importlib.metadata.version("spf") == spf.__version__


def test_python_dash_m_spf_is_the_cli():
    done = subprocess.run([sys.executable, "-m", "spf", "--version"], capture_output=True,
                          text=True, timeout=60, check=True)
    assert done.stdout.strip() == f"spf, version {spf.__version__}"
    done = subprocess.run([sys.executable, "-m", "spf", "nosuch"], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 2 and "Usage: spf" in done.stderr


def test_the_package_is_marked_typed():
    assert (Path(spf.__file__).parent / "py.typed").is_file()
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert "py.typed" in project["tool"]["setuptools"]["package-data"]["spf"]


def test_settings_fall_back_to_tomli_where_tomllib_is_missing(tmp_path):
    """Python 3.10 has no tomllib: spf then reads TOML with tomli (a dependency there)."""
    pytest.importorskip("tomli")
    code = ("import sys; sys.modules['tomllib'] = None\n"
            "from spf.settings import tomllib, load_settings\n"
            "assert tomllib.__name__ == 'tomli', tomllib\n"
            f"print(load_settings({str(tmp_path)!r}).verify_timeout)\n")
    (tmp_path / "spf.toml").write_text("[spf]\nverify_timeout = 7\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == "7"


def test_tomli_is_declared_for_python_310():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.10"
    assert "tomli>=1.1; python_version < '3.11'" in project["dependencies"]
