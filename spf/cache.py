"""The on-disk completion cache: reruns of the generate-and-test loop are free and deterministic.

Entries live under ``spf.locations.cache_dir()`` (``$SPF_CACHE_DIR``, else
``$XDG_CACHE_HOME/spf``, else ``~/.cache/spf``):

- ``completions/ab/abcdef....json``: what a backend answered to one prompt, keyed by
  the sha256 of backend name, model id, the prompt (text, chat messages, stop
  sequences, and for structured backends the task), the backend's options,
  the number of candidates and the seed;
- ``verdicts/ab/abcdef....json``: the sandbox's verdict on one candidate module
  against one set of examples (keyed by both texts and the Python version).

Every write is atomic (temporary file + rename), so a killed run never leaves a
half-written entry; an unreadable entry counts as a miss. Delete the folder to
clear the cache, or pass ``cache=False`` to ``implement_function``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from spf.files import atomic_write_text

CACHE_VERSION = 1


def default_cache_dir() -> Path:
    """The cache folder: ``$SPF_CACHE_DIR``, else ``$XDG_CACHE_HOME/spf``, else ``~/.cache/spf``."""
    from spf.locations import cache_dir

    return cache_dir()


def _jsonable(value: Any) -> Any:
    """A JSON-friendly, order-stable form of prompts, tasks and options."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: _jsonable(getattr(value, field.name))
                for field in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in sorted(value.items(), key=str)}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return repr(value)


def _digest(payload: Any) -> str:
    text = json.dumps(_jsonable(payload), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _task_key(task: Any) -> Any:
    """The parts of a FunctionTask that can change a structured backend's answer."""
    if task is None:
        return None
    fields = ("name", "params", "returns", "signature", "docstring", "requirement",
              "context_source", "allowed_imports")
    key = {name: _jsonable(getattr(task, name, None)) for name in fields}
    key["examples"] = [[getattr(example, "call", None), getattr(example, "expected", None),
                        getattr(example, "raises", None)]
                       for example in getattr(task, "examples", [])]
    return key


class CompletionCache:
    """Backend answers and sandbox verdicts on disk, one small JSON file per entry."""

    def __init__(self, directory: str | Path | None = None):
        self.directory = Path(directory) if directory is not None else default_cache_dir()
        self.hits = 0
        self.misses = 0

    # ---------------------------------------------------------------- keys

    def completion_key(self, backend: Any, prompt: Any, *, n: int, seed: int) -> str:
        options = getattr(backend, "options", None)
        payload = {
            "cache_version": CACHE_VERSION,
            "backend": getattr(backend, "name", type(backend).__name__),
            "backend_version": getattr(backend, "cache_version", None),
            "model": getattr(backend, "model_id", None),
            "options": options,
            "prompt": {"text": getattr(prompt, "text", None),
                       "system": getattr(prompt, "system", None),
                       "messages": getattr(prompt, "messages", None),
                       "stop": getattr(prompt, "stop", None),
                       "task": _task_key(getattr(prompt, "task", None))},
            "n": n,
            "seed": seed,
        }
        return _digest(payload)

    def verdict_key(self, module_source: str, examples: Any, timeout: float,
                    sandbox: Any = None) -> str:
        """``sandbox``: the containment the verdict was reached under (mode and limits)."""
        return _digest({"cache_version": CACHE_VERSION, "module": module_source,
                        "examples": examples, "timeout": timeout,
                        "python": sys.version, "sandbox": repr(sandbox)})

    # ---------------------------------------------------------------- storage

    def _path(self, namespace: str, key: str) -> Path:
        return self.directory / namespace / key[:2] / f"{key}.json"

    def get(self, namespace: str, key: str) -> dict | None:
        path = self._path(namespace, key)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.misses += 1
            return None
        if not isinstance(entry, dict):
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def put(self, namespace: str, key: str, entry: dict) -> None:
        try:
            atomic_write_text(self._path(namespace, key),
                              json.dumps(entry, ensure_ascii=False, indent=1, sort_keys=True))
        except OSError:
            pass  # a read-only cache must not break generation; it only costs time

    # ---------------------------------------------------------------- conveniences

    def get_completion(self, key: str) -> dict | None:
        return self.get("completions", key)

    def put_completion(self, key: str, candidates: list[str], *, reason: str | None = None,
                       final: bool = False, backend: str = "", seconds: float = 0.0) -> None:
        self.put("completions", key, {"candidates": list(candidates), "reason": reason,
                                      "final": final, "backend": backend,
                                      "seconds": round(seconds, 4)})

    def clear(self) -> int:
        """Delete every entry; returns how many files were removed."""
        removed = 0
        for namespace in ("completions", "verdicts"):
            folder = self.directory / namespace
            if not folder.is_dir():
                continue
            for path in folder.rglob("*.json"):
                path.unlink(missing_ok=True)
                removed += 1
        return removed
