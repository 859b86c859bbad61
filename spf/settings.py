"""A project's settings file: ``spf.toml`` beside ``spec.md`` (optional).

```toml
[spf]
backend = "symbolic"          # or "hf:path/to/model", "openai:model-name"
plugins = ["local_plugin.py"] # project-local plugin files, relative to the project
out = "."                     # where `spf generate` writes, relative to the project
verify_timeout = 120          # seconds the generated tests may run (> 0)

[spf.backend_options]         # options passed to the backend, validated by it
temperature = 0.0

[spf.sandbox]                 # how generated code runs (spf.sandbox; defaults shown)
mode = "auto"                 # auto | strict (bubblewrap or fail) | basic
cpu_seconds = 120             # CPU time per process
memory_mb = 1024              # address space per process
file_size_mb = 64             # largest file written
open_files = 256              # file descriptors per process
processes = 64                # processes beyond the user's own (not enforced for root)
disk_mb = 256                 # all it writes to its folder
output_mb = 8                 # stdout and stderr, each

[spf.query]                   # the record-query synthesizer, per command (spf.synthesis.query)
programs = 20000              # candidate programs at most (deterministic bound)
milliseconds = 4000           # wall-clock safety net (hitting it is reported)
```

Settings are checked against the typed ``Settings`` dataclass when read: a wrong type
or value is an ``SpfError`` naming the file and the key (``spf.toml [spf] verify_timeout:
must be a number > 0, not str 'soon'``), before any stage runs.

An optional user config, ``~/.config/spf/config.toml`` (``$XDG_CONFIG_HOME/spf/config.toml``,
see ``spf.locations``), holds the same ``[spf]`` table for the settings that are not
paths (``backend``, ``backend_options``, ``verify_timeout``); a project's ``spf.toml``
wins key by key.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

from spf.errors import SpfError

SETTINGS_FILE = "spf.toml"
TABLE = "spf"


def _positive(value: float) -> str | None:
    return None if value > 0 else "must be > 0"


@dataclass
class Settings:
    backend: str = "symbolic"
    plugins: list[str] = field(default_factory=list)
    out: str | None = None
    backend_options: dict[str, Any] = field(default_factory=dict)
    taxonomy: list[str] = field(default_factory=list)  # extra taxonomy files/folders
    templates: list[str] = field(default_factory=list)  # extra template folders
    verify_timeout: float = field(default=120.0, metadata={"check": _positive})
    sandbox: dict[str, Any] = field(default_factory=dict)  # [spf.sandbox], see spf.sandbox
    query: dict[str, Any] = field(default_factory=dict)  # [spf.query], see spf.synthesis.query

    def sandbox_policy(self, mode: str | None = None, location: str | None = None):
        """The ``SandboxPolicy`` of [spf.sandbox], with ``mode`` (--sandbox) winning."""
        from spf.sandbox import check_mode, limits_from_settings

        policy = limits_from_settings(self.sandbox, location)
        if mode is not None:
            from dataclasses import replace

            policy = replace(policy, mode=check_mode(mode))
        return policy


KNOWN_KEYS = {item.name for item in dataclasses.fields(Settings)}
USER_KEYS = {"backend", "backend_options", "verify_timeout"}  # no paths in the user config


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file as a dict; an unreadable or invalid file is an ``SpfError`` at ``path``."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise SpfError(f"invalid TOML: {error}", location=str(path)) from None
    except UnicodeDecodeError as error:
        raise SpfError(f"not UTF-8 text ({error.reason})", location=str(path)) from None
    except OSError as error:
        raise SpfError(f"cannot read: {error.strerror}", location=str(path)) from None


def _describe(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_describe(arg) for arg in typing.get_args(annotation))
    if annotation is type(None):
        return "absent"
    if origin is list:
        item = _describe(typing.get_args(annotation)[0]).removeprefix("a ").removeprefix("an ")
        return f"a list of {item}s"
    if origin is dict or annotation is dict:
        return "a table"
    return {str: "a string", float: "a number", int: "an integer", bool: "true or false"}.get(
        annotation, getattr(annotation, "__name__", str(annotation)))


def conforms(value: Any, annotation: Any) -> bool:
    """Whether a TOML value fits a (simple) type annotation: str, float, list[str], dict, unions."""
    origin = typing.get_origin(annotation)
    if annotation is Any:
        return True
    if origin in (typing.Union, types.UnionType):
        return any(conforms(value, arg) for arg in typing.get_args(annotation))
    if annotation is type(None):
        return value is None
    if origin is list:
        (item,) = typing.get_args(annotation)
        return isinstance(value, list) and all(conforms(element, item) for element in value)
    if origin is dict or annotation is dict:
        return isinstance(value, dict)
    if annotation is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if annotation is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, annotation)


def validate_table(table: Any, schema: type, *, location: str, allowed: set[str] | None = None
                   ) -> dict[str, Any]:
    """Check a settings table against a dataclass's typed fields; returns the table.

    ``location`` is ``file [table]``; each error names the key after it.
    """
    if not isinstance(table, dict):
        raise SpfError("must be a table", location=location)
    hints = typing.get_type_hints(schema)
    fields = {item.name: item for item in dataclasses.fields(schema)}
    allowed = set(fields) if allowed is None else allowed
    for key, value in table.items():
        if key not in allowed:
            hint = f"known settings: {', '.join(sorted(allowed))}"
            if key in fields:
                hint = f"{key!r} is a path: set it in the project's spf.toml"
            raise SpfError(f"unknown setting {key!r}", location=location, hint=hint)
        annotation = hints[key]
        if not conforms(value, annotation):
            raise SpfError(f"must be {_describe(annotation)}, not {type(value).__name__} "
                           f"{value!r}", location=f"{location} {key}")
        check = fields[key].metadata.get("check")
        problem = check(value) if check else None
        if problem:
            raise SpfError(f"{problem}, not {value!r}", location=f"{location} {key}")
    return table


def _table(path: Path, allowed: set[str]) -> dict[str, Any]:
    data = read_toml(path)
    return validate_table(data.get(TABLE, {}), Settings, location=f"{path} [{TABLE}]",
                          allowed=allowed)


def user_settings() -> dict[str, Any]:
    """The ``[spf]`` table of the user config (empty when there is none), checked."""
    from spf.locations import user_config_file

    path = user_config_file()
    try:
        exists = path.exists()
    except PermissionError:  # a home folder this user cannot look into: no user config
        return {}
    if exists and not path.is_file():
        raise SpfError("the user config is not a file", location=str(path))
    return _table(path, USER_KEYS) if exists else {}


def load_settings(project_dir: str | Path) -> Settings:
    """Read ``spf.toml`` from a project folder over the user config; defaults for the rest."""
    values = user_settings()
    path = Path(project_dir) / SETTINGS_FILE
    if path.is_dir():
        raise SpfError(f"{SETTINGS_FILE} is a folder, not a file", location=str(path))
    if path.is_file():
        values.update(_table(path, KNOWN_KEYS))
    settings = Settings(**values)
    settings.sandbox_policy(location=str(path))  # checked now: bad values fail before any work
    return settings
