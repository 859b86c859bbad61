"""The plugin manager: entry points, ``SPF_LOAD_PLUGINS``, ``--plugin``, project-local plugins.

Every feature of spf, the built-in ones included, arrives through a plugin in the
entry-point group ``spf`` (see ``pyproject.toml``). Loading rules:

- ``SPF_LOAD_PLUGINS`` unset: every entry point in the group is loaded.
- ``SPF_LOAD_PLUGINS="a,b"``: only the entry points named ``a`` and ``b``;
  ``SPF_LOAD_PLUGINS=""``: none at all (only the core commands remain).
- ``spf --plugin MODULE_OR_FILE``: also load a module by dotted name or a ``.py`` file.
- ``spf --no-plugin NAME``: block one plugin by name.
- a project's settings file (``spf.toml``, key ``plugins``) names local plugin files,
  loaded by the commands that take a project (``use_project``).
- ``add_plugin(object, name)``: a plugin registered from Python (a script, a test
  fixture) that stays registered when the CLI rebuilds the manager, until
  ``remove_plugin(name)``.

Blocking (``--no-plugin NAME``) applies to every source. Plugins load in this order:
entry points, ``add_plugin`` ones, ``--plugin`` ones, project-local files; pluggy
calls later-registered implementations first, so a ``--plugin`` overrides a built-in.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pluggy

from spf import hookspecs
from spf.errors import PluginError

GROUP = "spf"
ENV_VAR = "SPF_LOAD_PLUGINS"


@dataclass
class PluginInfo:
    """What ``spf plugins`` shows about one registered plugin."""

    name: str
    version: str | None
    source: str  # "entry point (dist)", "module", "file", "test", ...
    hooks: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "version": self.version, "source": self.source,
                "hooks": self.hooks}


class PluginManager(pluggy.PluginManager):
    """A pluggy manager that remembers where each plugin came from."""

    def __init__(self) -> None:
        super().__init__(GROUP)
        self.add_hookspecs(hookspecs)
        self.origins: dict[str, tuple[str | None, str]] = {}
        self.project_dir: Path | None = None  # whose local plugins are registered
        self.project_plugins: list[str] = []

    def register_plugin(self, plugin: object, name: str, *, source: str,
                        version: str | None = None) -> None:
        if self.is_blocked(name) or self.has_plugin(name):
            return
        self.register(plugin, name=name)
        self.origins[name] = (version, source)

    def describe(self) -> list[PluginInfo]:
        """Every registered plugin with its version, source and implemented hooks."""
        infos = []
        for name, plugin in sorted(self.list_name_plugin(), key=lambda pair: pair[0]):
            if plugin is None:  # pluggy keeps blocked names with no plugin
                continue
            version, source = self.origins.get(name, (None, "registered"))
            hooks = sorted(caller.name for caller in self.get_hookcallers(plugin) or [])
            infos.append(PluginInfo(name=name, version=version, source=source, hooks=hooks))
        return infos


_manager: PluginManager | None = None
_added: dict[str, object] = {}  # add_plugin(): survives reset_plugin_manager and CLI reloads


def plugin_manager() -> PluginManager:
    """The process-wide plugin manager, loading plugins on first use."""
    global _manager
    if _manager is None:
        _manager = load_plugins()
    return _manager


def reset_plugin_manager() -> None:
    """Forget the loaded plugins (tests; the CLI before re-loading with new options)."""
    global _manager
    _manager = None


def load_plugins(*, extra: list[str] = (), blocked: list[str] = (),
                 project_dir: str | Path | None = None) -> PluginManager:
    """Build the process-wide manager: entry points, then ``extra`` modules, then project plugins."""
    global _manager
    manager = PluginManager()
    for name in blocked:
        manager.set_blocked(name)
    wanted = _wanted_entry_points()
    for entry_point in importlib.metadata.entry_points(group=GROUP):
        if wanted is not None and entry_point.name not in wanted:
            continue
        if manager.is_blocked(entry_point.name):
            continue
        try:
            module = entry_point.load()
        except Exception as error:  # a broken third-party plugin must not break spf
            raise PluginError(f"cannot load plugin {entry_point.name!r}: {error}",
                              location=entry_point.value,
                              hint=f"block it with --no-plugin {entry_point.name}") from error
        dist = entry_point.dist
        manager.register_plugin(
            module, entry_point.name,
            source=f"entry point ({dist.name if dist else 'unknown'})",
            version=dist.version if dist else None)
    for name, plugin in _added.items():
        manager.register_plugin(plugin, name, source="added (Python)",
                                version=getattr(plugin, "__version__", None))
    for spec in extra:
        load_module_plugin(manager, spec)
    if project_dir is not None:
        load_project_plugins(manager, project_dir)
    check_blocked(blocked, extra)
    _manager = manager
    return manager


def check_blocked(blocked: list[str], extra: list[str]) -> None:
    """Refuse ``--no-plugin NAME`` for a name no plugin has (a typo would silently block nothing).

    Known names: the entry points (loaded or not), ``add_plugin`` names, ``--plugin``
    modules and files; ``project:NAME`` names a project's local plugin file.
    """
    known = {entry_point.name for entry_point in importlib.metadata.entry_points(group=GROUP)}
    known |= set(_added)
    known |= {Path(spec).stem if spec.endswith(".py") or os.sep in spec else spec for spec in extra}
    for name in blocked:
        if name not in known and not name.startswith("project:"):
            raise PluginError(f"no plugin is named {name!r}", location=f"--no-plugin {name}",
                              hint=f"plugins: {', '.join(sorted(known))} (spf plugins lists them)")


def add_plugin(plugin: object, name: str | None = None) -> str:
    """Register a plugin object or module from Python, now and on every later reload.

    For scripts and tests: the CLI rebuilds the manager on each invocation, and this
    plugin is part of every rebuild until ``remove_plugin(name)``.
    """
    name = name or getattr(plugin, "__name__", None) or type(plugin).__name__
    if name in _added:
        raise PluginError(f"a plugin named {name!r} is already added",
                          hint="remove_plugin(name) first or choose another name")
    _added[name] = plugin
    if _manager is not None:
        _manager.register_plugin(plugin, name, source="added (Python)",
                                 version=getattr(plugin, "__version__", None))
    return name


def remove_plugin(name: str) -> None:
    """Undo ``add_plugin``: unregister it now and stop registering it on reloads."""
    plugin = _added.pop(name, None)
    if plugin is not None and _manager is not None and _manager.has_plugin(name):
        _manager.unregister(name=name)
        _manager.origins.pop(name, None)


def use_project(project_dir: str | Path) -> PluginManager:
    """The process-wide manager with a project's local plugin files (``spf.toml``) loaded.

    Commands that take a project call this before using hooks; loading twice is harmless.
    """
    manager = plugin_manager()
    project_path = Path(project_dir)
    load_project_plugins(manager, project_path if project_path.is_dir() else project_path.parent)
    return manager


def _wanted_entry_points() -> set[str] | None:
    value = os.environ.get(ENV_VAR)
    if value is None:
        return None
    return {name.strip() for name in value.split(",") if name.strip()}


def load_module_plugin(manager: PluginManager, spec: str, *, name: str | None = None) -> object:
    """Register a plugin given as a dotted module name or a path to a ``.py`` file."""
    if spec.endswith(".py") or os.sep in spec:
        path = Path(spec)
        if not path.is_file():
            raise PluginError(f"plugin file not found: {spec}", location=spec,
                              hint="give a dotted module name or an existing .py file")
        module_name = name or f"spf_local_plugin_{path.stem}"
        module_spec = importlib.util.spec_from_file_location(module_name, path)
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[module_name] = module
        try:
            module_spec.loader.exec_module(module)
        except Exception as error:
            raise PluginError(f"cannot load plugin file: {error}", location=str(path)) from error
        manager.register_plugin(module, name or path.stem, source=f"file ({path})",
                                version=getattr(module, "__version__", None))
        return module
    try:
        module = importlib.import_module(spec)
    except ImportError as error:
        raise PluginError(f"cannot import plugin module {spec!r}: {error}",
                          hint="is it installed in this environment?") from error
    manager.register_plugin(module, name or spec, source="module",
                            version=getattr(module, "__version__", None))
    return module


def load_project_plugins(manager: PluginManager, project_dir: str | Path) -> None:
    """Load the local plugin files a project names in its ``spf.toml`` (key ``plugins``).

    One project's plugins at a time: switching to another project unregisters the
    previous project's plugins, so planning two projects in one process never mixes
    their classifiers. Loading the same project again changes nothing.
    """
    from spf.settings import load_settings

    project_path = Path(project_dir).resolve()
    if manager.project_dir == project_path:
        return
    for name in manager.project_plugins:
        if manager.has_plugin(name) and manager.get_plugin(name) is not None:
            manager.unregister(name=name)
        manager.origins.pop(name, None)
    manager.project_plugins = []
    manager.project_dir = None
    settings = load_settings(project_path)
    for relative in settings.plugins:
        path = (project_path / relative).resolve()
        name = f"project:{Path(relative).stem}"
        if manager.has_plugin(name) or manager.is_blocked(name):
            continue
        if not path.is_file():
            raise PluginError("project plugin file not found",
                              location=str(Path(project_dir) / "spf.toml"),
                              hint=f"'plugins' names {relative!r}, which does not exist")
        load_module_plugin(manager, str(path), name=name)
        manager.project_plugins.append(name)
    manager.project_dir = project_path


def collect(hook_name: str, manager: PluginManager | None = None, **kwargs) -> list[tuple]:
    """Call a ``register_*`` hook and return what plugins registered, in call order.

    Each entry is the tuple of arguments one ``register(...)`` call received.
    """
    manager = manager or plugin_manager()
    registered: list[tuple] = []

    def register(*args: Any) -> None:
        registered.append(args)

    getattr(manager.hook, hook_name)(register=register, **kwargs)
    return registered


def registry(hook_name: str, manager: PluginManager | None = None) -> dict[str, tuple]:
    """``collect`` keyed by the first argument of each registration (a name)."""
    return {args[0]: args for args in collect(hook_name, manager)}


def call(hook_name: str, manager: PluginManager | None = None, **kwargs) -> Callable:
    """Call a plain hook (``before_stage``, ``classify_item``, ...) and return its result."""
    manager = manager or plugin_manager()
    return getattr(manager.hook, hook_name)(**kwargs)
