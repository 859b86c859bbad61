"""Fixtures for the synthesizer and the generate-and-test loop.

``canned_backend`` registers a throwaway plugin whose backend is a real
``spf.backends.Backend`` subclass answering with prepared texts: the loop's
logic (rejections, retries, the cache) is tested against it exactly as it runs
against a model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import pytest

from spf import hookimpl
from spf.backends import Backend, get_backend


class CannedBackend(Backend):
    """Answers attempt ``seed`` with ``script[seed]`` (the last entry repeats); counts calls."""

    name = "canned"
    prompt_style = "completion"
    script: ClassVar[list[list[str]]] = []
    calls: ClassVar[list[tuple]] = []

    @dataclass
    class Options:
        """Options exist so the cache key includes them."""

        temperature: float = field(default=0.0, metadata={"help": "ignored"})

    def generate(self, prompt, n=1, seed=0):
        type(self).calls.append((prompt, n, seed))
        answers = self.script[min(seed, len(self.script) - 1)] if self.script else []
        return list(answers[:n])


class CannedChatBackend(CannedBackend):
    name = "canned-chat"
    prompt_style = "chat"


class CannedPlugin:
    @hookimpl
    def register_backends(self, register):
        register(CannedBackend)
        register(CannedChatBackend)


@pytest.fixture
def canned_backend():
    """``make(script, chat=False)`` -> a registered canned backend instance with fresh counters."""
    from spf.plugins import plugin_manager

    manager = plugin_manager()
    plugin = CannedPlugin()
    manager.register(plugin, name="canned-test-plugin")

    def make(script, *, chat=False, options=None):
        backend_class = CannedChatBackend if chat else CannedBackend
        backend_class.script = script
        backend_class.calls = []
        return get_backend(backend_class.name, options or {})

    yield make
    manager.unregister(plugin)
    CannedBackend.calls, CannedChatBackend.calls = [], []
