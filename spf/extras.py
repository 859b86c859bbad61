"""Optional dependencies (the ``neural``, ``serve`` and ``openai`` extras) and their errors.

A core-only install (``pip install spf``) plans and generates with the symbolic backend;
the model commands need ``pip install 'spf[neural]'``. Commands that need an extra say so
up front (``needs_extra``), before reading or writing anything, and the CLI turns any
``ModuleNotFoundError`` for a module of an extra into the same one-line error (exit 2):

    error: spf inspect: needs the neural extra (torch is not installed) (hint: pip install 'spf[neural]')
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Callable
from typing import Any

from spf.errors import SpfError

# extra -> the top-level modules it installs (pyproject.toml [project.optional-dependencies])
EXTRAS: dict[str, tuple[str, ...]] = {
    "neural": ("torch", "transformers", "tokenizers", "safetensors", "peft", "accelerate",
               "matplotlib", "numpy"),
    "serve": ("starlette", "uvicorn"),
    "openai": ("httpx",),
}
MODULE_EXTRA = {module: extra for extra, modules in EXTRAS.items() for module in modules}


def missing_modules(extra: str) -> list[str]:
    """The modules of ``extra`` that cannot be imported here (found without importing them)."""
    missing = []
    for module in EXTRAS[extra]:
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):  # e.g. sys.modules[module] is None
            found = False
        if not found:
            missing.append(module)
    return missing


def extra_error(extra: str, module: str, what: str) -> SpfError:
    return SpfError(f"needs the {extra} extra ({module} is not installed)", location=what,
                    hint=f"pip install 'spf[{extra}]'")


def require_extra(extra: str | None, what: str) -> None:
    """Raise the one-line error when a module of ``extra`` is missing (``what``: who needs it)."""
    if not extra:
        return
    missing = missing_modules(extra)
    if missing:
        raise extra_error(extra, missing[0], what)


def error_for_missing_module(error: ModuleNotFoundError, what: str) -> SpfError | None:
    """The user error for an import of an extra's module that failed; None for anything else."""
    top = (error.name or "").split(".")[0]
    extra = MODULE_EXTRA.get(top)
    return extra_error(extra, top, what) if extra else None


def needs_extra(*extras: str) -> Callable:
    """Decorate a click command callback: check the extras before the command runs."""

    def decorate(callback: Callable) -> Callable:
        @functools.wraps(callback)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            import click

            what = click.get_current_context().command_path
            for extra in extras:
                require_extra(extra, what)
            return callback(*args, **kwargs)

        return wrapper

    return decorate


__all__ = ["EXTRAS", "error_for_missing_module", "missing_modules", "needs_extra",
           "require_extra"]
