"""The jinja2 environment that renders generated projects.

Template folders come from plugins through the ``register_templates`` hook, plus the
``templates`` folders a project's ``spf.toml`` names. A folder registered later takes
precedence for the same template name, so a plugin (or a project) overrides a built-in
template by shipping a file of the same relative name, e.g. ``store/json.py.j2``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2

from spf.errors import SpfError


def builtin_template_folder() -> Path:
    """The folder of the built-in templates (the ``spf_templates`` package)."""
    import spf_templates

    return Path(spf_templates.__file__).parent


def registered_template_folders(manager=None) -> list[Path]:
    """Template folders from the ``register_templates`` hook, in registration order.

    pluggy calls the most recently registered plugin first, so the collected list is
    reversed: the built-in plugin's folder comes first and a later plugin overrides it.
    """
    from spf.plugins import collect

    return [Path(args[0]) for args in reversed(collect("register_templates", manager))]


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process (jinja2's bytecode cache, in
    memory): every run builds its own environment, but a template is compiled once. The
    key is the template's file and the checksum of its source, so an edited file is
    compiled again."""

    def __init__(self) -> None:
        self.code: dict[tuple[str, str], Any] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.code.get((bucket.key, bucket.checksum))
        if code is not None:
            bucket.code = code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[(bucket.key, bucket.checksum)] = bucket.code


COMPILED = CompiledTemplates()
_DICT_ATTRIBUTES = frozenset(dir(dict))


class Environment(jinja2.Environment):
    """jinja2's environment, with ``view.name`` on the plain dicts the templates get looked up
    directly: jinja2 tries the attribute first, and on a dict that fails with an exception
    for every key (most of what rendering a large project costs). The answer is the same."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


def template_environment(extra_folders: Iterable[str | Path] = (), manager=None) -> jinja2.Environment:
    """An environment over built-in, plugin and ``extra_folders`` templates (later wins)."""
    folders = [builtin_template_folder(), *registered_template_folders(manager),
               *(Path(folder) for folder in extra_folders)]
    unique: list[Path] = []
    for folder in folders:
        if not folder.is_dir():
            raise SpfError(f"template folder not found: {folder}",
                           hint="register_templates(path) needs an existing folder")
        resolved = folder.resolve()
        if resolved not in unique:
            unique.append(resolved)
        else:  # registering a folder again moves it to the front of the precedence order
            unique.remove(resolved)
            unique.append(resolved)
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(folder))
                                  for folder in reversed(unique)])
    environment = Environment(
        loader=loader, undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
        trim_blocks=True, lstrip_blocks=True, autoescape=False,
        auto_reload=False,  # one environment per run: no stat of the template per render
        bytecode_cache=COMPILED)
    environment.filters["pyrepr"] = python_literal
    environment.filters["toml_string"] = json.dumps  # a JSON string is a valid TOML basic string
    environment.filters["docline"] = docstring_text
    environment.filters["doc"] = docstring_escape
    return environment


def render(environment: jinja2.Environment, name: str, **context: Any) -> str:
    """Render one template; a missing or broken template is a user-fixable ``SpfError``."""
    try:
        template = environment.get_template(name)
    except jinja2.TemplateNotFound:
        raise SpfError(f"template {name!r} not found", hint="is the templates plugin loaded?") from None
    except jinja2.TemplateSyntaxError as error:
        raise SpfError(f"template syntax error: {error.message}",
                       location=f"{error.filename or name}:{error.lineno}") from None
    try:
        return template.render(**context)
    except jinja2.UndefinedError as error:
        raise SpfError(f"template {name!r} used an undefined value: {error.message}",
                       hint="a template override may expect a newer context") from None


def python_literal(value: Any) -> str:
    """Python source for a literal (strings, numbers, lists, dicts, None), strings double-quoted.

    Double quotes match what ruff format writes, so state and files read alike.
    """
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(python_literal(element) for element in value) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(python_literal(element) for element in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{python_literal(key)}: {python_literal(element)}"
                               for key, element in value.items()) + "}"
    return repr(value)


def docstring_text(text: str) -> str:
    """Text safe inside a triple-quoted docstring: no closing quotes, no stray backslashes."""
    cleaned = " ".join(str(text).split()) or "No description."
    return cleaned.replace("\\", "\\\\").replace('"', '\\"')


def docstring_escape(text: str) -> str:
    """Text as written, made safe inside a double-quoted docstring (quotes, backslashes)."""
    return str(text).replace("\\", "\\\\").replace('"', '\\"')
