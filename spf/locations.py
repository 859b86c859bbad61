"""Where spf keeps things outside a project: the cache folder and the user's config file.

One implementation for every cache (completions and verdicts in ``spf.cache``, semantic
bases in ``spf.neural.semantics``) and for the optional user config:

- cache: ``$SPF_CACHE_DIR``, else ``$XDG_CACHE_HOME/spf``, else (Windows, macOS) platformdirs'
  user cache folder when platformdirs is installed, else ``~/.cache/spf``;
- data (what spf keeps for the user, e.g. the lesson store): ``$XDG_DATA_HOME/spf``, else
  (Windows, macOS) platformdirs' user data folder, else ``~/.local/share/spf``;
- the lesson store (``spf.lessons``): ``$SPF_LESSONS_DIR``, else ``lessons/`` in the data folder;
- user config: ``$XDG_CONFIG_HOME/spf/config.toml``, else (Windows, macOS) platformdirs'
  user config folder, else ``~/.config/spf/config.toml`` (optional; see ``spf.settings``).

A configured location that exists but is not a folder is refused with an ``SpfError``
naming the variable, instead of every cache write failing silently.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from spf.errors import SpfError

APP = "spf"
CONFIG_FILE = "config.toml"


def _platform_dir(kind: str) -> Path | None:
    """platformdirs' folder on Windows and macOS when installed (Linux: XDG, by hand)."""
    if not sys.platform.startswith(("win", "darwin")):
        return None
    try:
        import platformdirs
    except ImportError:
        return None
    function = {"cache": platformdirs.user_cache_dir, "data": platformdirs.user_data_dir}.get(
        kind, platformdirs.user_config_dir)
    return Path(function(APP, appauthor=False))


def _from_environment(variable: str) -> Path | None:
    value = os.environ.get(variable)
    if not value:
        return None
    path = Path(value).expanduser()
    if not path.is_absolute():  # the XDG spec: relative values are invalid and ignored
        return None if variable.startswith("XDG_") else path.resolve()
    return path


def _checked_folder(path: Path, variable: str, what: str = "cache") -> Path:
    if path.exists() and not path.is_dir():
        raise SpfError(f"the {what} location is a file, not a folder",
                       location=f"{variable}={path}",
                       hint=f"set {variable} to a folder (or unset it)")
    return path


def cache_dir() -> Path:
    """The cache folder (not created here): see the module docstring for the order."""
    configured = _from_environment("SPF_CACHE_DIR")
    if configured is not None:
        return _checked_folder(configured, "SPF_CACHE_DIR")
    xdg = _from_environment("XDG_CACHE_HOME")
    if xdg is not None:
        return _checked_folder(xdg / APP, "XDG_CACHE_HOME")
    return _platform_dir("cache") or Path.home() / ".cache" / APP


def data_dir() -> Path:
    """The user's spf data folder (not created here): see the module docstring for the order."""
    xdg = _from_environment("XDG_DATA_HOME")
    if xdg is not None:
        return _checked_folder(xdg / APP, "XDG_DATA_HOME", "data")
    return _platform_dir("data") or Path.home() / ".local" / "share" / APP


def lessons_dir() -> Path:
    """The user-level lesson store (not created here): ``$SPF_LESSONS_DIR`` or data/lessons."""
    configured = _from_environment("SPF_LESSONS_DIR")
    if configured is not None:
        return _checked_folder(configured, "SPF_LESSONS_DIR", "lesson store")
    return data_dir() / "lessons"


def user_config_file() -> Path:
    """The user's config file (it need not exist)."""
    xdg = _from_environment("XDG_CONFIG_HOME")
    if xdg is not None:
        return xdg / APP / CONFIG_FILE
    folder = _platform_dir("config") or Path.home() / ".config" / APP
    return folder / CONFIG_FILE


__all__ = ["cache_dir", "data_dir", "lessons_dir", "user_config_file"]
