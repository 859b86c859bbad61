"""A project's settings file: ``spf.toml`` beside ``spec.md`` (optional).

```toml
[spf]
backend = "symbolic"          # or "hf:path/to/model", "openai:model-name"
plugins = ["local_plugin.py"] # project-local plugin files, relative to the project
out = "."                     # where `spf generate` writes, relative to the project

[spf.backend_options]         # options passed to the backend, validated by it
temperature = 0.0
```
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomllib

from spf.errors import SpfError

SETTINGS_FILE = "spf.toml"
KNOWN_KEYS = {"backend", "plugins", "out", "backend_options", "taxonomy", "templates",
              "verify_timeout"}


@dataclass
class Settings:
    backend: str = "symbolic"
    plugins: list[str] = field(default_factory=list)
    out: str | None = None
    backend_options: dict[str, Any] = field(default_factory=dict)
    taxonomy: list[str] = field(default_factory=list)  # extra taxonomy files/folders
    templates: list[str] = field(default_factory=list)  # extra template folders
    verify_timeout: float = 120.0


def load_settings(project_dir: str | Path) -> Settings:
    """Read ``spf.toml`` from a project folder; defaults when there is none."""
    path = Path(project_dir) / SETTINGS_FILE
    if not path.is_file():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise SpfError(f"invalid TOML: {error}", location=str(path)) from error
    table = data.get("spf", {})
    unknown = set(table) - KNOWN_KEYS
    if unknown:
        raise SpfError(f"unknown setting {min(unknown)!r}", location=str(path),
                       hint=f"known settings: {', '.join(sorted(KNOWN_KEYS))}")
    settings = Settings(**table)
    if not isinstance(settings.plugins, list):
        raise SpfError("'plugins' must be a list of file names", location=str(path))
    return settings
