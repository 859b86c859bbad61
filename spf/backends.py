"""Language-model backends: the interface every backend plugin implements.

In the style of simonw/llm's ``Model``: a small class with a unique ``name``, typed
and validated ``Options`` (a dataclass whose field metadata ``help`` doubles as
documentation), the prompt style it prefers, and one method that returns text
candidates. Backends are registered by plugins through ``register_backends`` and
chosen with ``--backend NAME[:ARG]`` (``ARG`` is backend-specific: a model folder
for ``hf``, a model name for ``openai``).
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from spf.errors import SpfError


@dataclass
class Prompt:
    """What a backend is asked: a completion text or chat messages, built by the loop."""

    text: str                                  # the completion-style prompt
    system: str | None = None                  # for chat-style backends
    messages: list[dict[str, str]] | None = None  # chat messages, when built for chat
    stop: list[str] = field(default_factory=list)
    # Structured context for backends that do not read text (the symbolic synthesizer).
    task: Any = None


class Backend:
    """Base class of every backend. Subclasses set ``name`` and implement ``generate``."""

    name: ClassVar[str] = ""
    prompt_style: ClassVar[Literal["completion", "chat", "structured"]] = "completion"
    needs_argument: ClassVar[bool] = False  # e.g. hf needs a model folder
    extra: ClassVar[str | None] = None  # the optional extra it needs (spf.extras), e.g. "neural"
    # units the implement stage sends at once by default: 1 for a model in this process,
    # more for a server that batches concurrent requests (vLLM, TGI, spf serve)
    default_jobs: ClassVar[int] = 1

    @dataclass
    class Options:
        """No options."""

    def __init__(self, argument: str | None = None, options: dict[str, Any] | None = None):
        from spf.extras import require_extra

        require_extra(self.extra, f"--backend {self.name}")
        if self.needs_argument and not argument:
            raise SpfError(f"backend {self.name!r} needs an argument",
                           hint=f"use --backend {self.name}:ARG")
        self.argument = argument
        self.options = validate_options(self.Options, options or {}, self.name)

    @property
    def model_id(self) -> str:
        """Identifies the model for the completion cache (name plus argument)."""
        return f"{self.name}:{self.argument}" if self.argument else self.name

    def generate(self, prompt: Prompt, n: int = 1, seed: int = 0) -> list[str]:
        """Return up to ``n`` text candidates for ``prompt``."""
        raise NotImplementedError(f"backend {self.name!r} does not implement generate()")


def validate_options(options_class: type, values: dict[str, Any], backend: str) -> Any:
    """Build an ``Options`` dataclass from user values, converting and checking types."""
    known = {item.name: item for item in dataclasses.fields(options_class)}
    hints = typing.get_type_hints(options_class)
    converted = {}
    for key, value in values.items():
        if key not in known:
            raise SpfError(f"unknown option {key!r} for backend {backend!r}",
                           hint=f"options: {', '.join(known) or 'none'}")
        converted[key] = _convert(value, hints[key], key, backend)
    return options_class(**converted)


def _convert(value: Any, annotation: Any, key: str, backend: str) -> Any:
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        if value is None and type(None) in arguments:
            return None
        annotation = next(argument for argument in arguments if argument is not type(None))
        origin = typing.get_origin(annotation)
    try:
        if annotation is bool:
            if isinstance(value, str):
                if value.lower() in ("1", "true", "yes", "on"):
                    return True
                if value.lower() in ("0", "false", "no", "off"):
                    return False
                raise ValueError(value)
            return bool(value)
        if annotation in (int, float, str):
            return annotation(value)
        if origin is list and isinstance(value, str):
            return [part for part in value.split(",") if part]
        if origin is Literal:
            if value not in typing.get_args(annotation):
                raise ValueError(value)
            return value
    except (TypeError, ValueError):
        raise SpfError(f"option {key!r} of backend {backend!r} cannot be {value!r}",
                       hint=f"expected {getattr(annotation, '__name__', annotation)}") from None
    return value


def parse_backend_spec(spec: str) -> tuple[str, str | None]:
    """``"hf:models/tiny"`` -> ``("hf", "models/tiny")``; ``"symbolic"`` -> ``("symbolic", None)``."""
    name, _, argument = spec.partition(":")
    return name, (argument or None)


def available_backends(manager=None) -> dict[str, type[Backend]]:
    """Every backend class registered by a plugin, by name."""
    from spf.plugins import collect

    backends: dict[str, type[Backend]] = {}
    for (backend_class,) in collect("register_backends", manager):
        backends[backend_class.name] = backend_class
    return backends


def get_backend(spec: str, options: dict[str, Any] | None = None, manager=None) -> Backend:
    """Instantiate the backend named by ``spec`` (``NAME[:ARG]``)."""
    name, argument = parse_backend_spec(spec)
    backends = available_backends(manager)
    if name not in backends:
        raise SpfError(f"unknown backend {name!r}",
                       hint=f"available: {', '.join(sorted(backends)) or 'none (no plugins loaded?)'}")
    return backends[name](argument, options)
