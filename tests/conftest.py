"""Shared test fixtures: isolate each test from the user's environment and plugins."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
if os.environ.get("PYTEST_XDIST_WORKER"):  # `-n auto`: one worker per core, so one torch thread per worker
    for variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):  # (oversubscribed threads slow a forward pass)
        os.environ.setdefault(variable, "1")


@pytest.fixture(autouse=True)
def _isolated_plugins(monkeypatch, tmp_path_factory):
    """Every test starts with the default plugins, no SPF_LOAD_PLUGINS from outside, and its own
    cache folder and lesson store."""
    from spf.plugins import reset_plugin_manager

    monkeypatch.delenv("SPF_LOAD_PLUGINS", raising=False)
    monkeypatch.setenv("SPF_CACHE_DIR", str(tmp_path_factory.mktemp("spf-cache")))
    monkeypatch.setenv("SPF_LESSONS_DIR", str(tmp_path_factory.mktemp("spf-lessons")))
    reset_plugin_manager()
    yield
    reset_plugin_manager()
