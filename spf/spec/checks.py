"""Semantic checks on a parsed spec: what the grammar alone cannot see.

Names (identifiers, not Python keywords, no duplicates), types (known names,
entity names, the right number of type arguments), stores (a known entity and
format), defaults (a Python literal of the field's type), examples (calling a
function that exists, with arguments it accepts, raising a built-in exception)
and command stores. Each problem is a ``SpecError`` at the exact line and column
of the offending name or value; the earliest one in the file is raised.
"""

from __future__ import annotations

import ast
import builtins
import difflib
import keyword
from typing import TYPE_CHECKING, Any

from spf.errors import SpecError
from spf.spec.model import Command, Function, Param, Project, TypeRef

if TYPE_CHECKING:
    from spf.spec.parser import Context

# Type names a spec may use, besides its own entities.
BUILTIN_TYPES = {"str", "int", "float", "bool", "bytes", "list", "dict", "set", "tuple",
                 "Optional", "Union", "None", "Any"}
# How many type arguments each generic takes (min, max); the rest take none.
TYPE_ARITY = {"list": (0, 1), "set": (0, 1), "dict": (0, 2), "tuple": (0, 99),
              "Optional": (1, 1), "Union": (2, 99)}
# Parameter types a command line can carry.
COMMAND_PARAM_TYPES = {"str", "int", "float", "bool", "list", "Optional"}
STORE_FORMATS = ("json", "csv", "sqlite")
# Built-in constructors an example value may call besides entities and functions: set().
VALUE_CONSTRUCTORS = {"set", "frozenset", "tuple", "list", "dict", "float", "int", "str",
                      "bytes", "bool", "range"}
EXAMPLE_DEFAULTS = {"str": '""', "int": "0", "float": "0.0", "bool": "false", "list": "[]",
                    "dict": "{}", "set": "{1, 2}", "tuple": "()", "bytes": 'b""'}


class Checker:
    def __init__(self, project: Project, where: dict[object, tuple[int, int]],
                 context: Context):
        self.project = project
        self.where = where
        self.context = context
        self.errors: list[SpecError] = []
        self.entity_names = {entity.name for entity in project.entities}
        # Looked up once per type, example and command: built once, so checks stay linear.
        self.known_types = BUILTIN_TYPES | self.entity_names
        self.functions = {function.name: function for function in project.functions}
        self.store_names = {store.name for store in project.stores}
        self.example_names = set(self.functions) | self.entity_names | VALUE_CONSTRUCTORS

    def error(self, message: str, position: tuple[int, int], hint: str | None = None) -> None:
        self.errors.append(self.context.error(message, position[0], position[1], hint))

    def at(self, key: object, fallback: tuple[int, int] = (1, 1)) -> tuple[int, int]:
        return self.where.get(key, fallback)

    # -- all checks

    def run(self) -> None:
        self.check_project_name()
        for kind, items in (("entity", self.project.entities), ("store", self.project.stores),
                            ("function", self.project.functions),
                            ("command", self.project.commands)):
            self.check_names(kind, items)
        self.check_namespace()
        for entity in self.project.entities:
            self.check_names("field", entity.fields, owner=f"entity {entity.name}")
            for item in entity.fields:
                self.check_type(item.type)
                self.check_default(item, item.type, item.default)
        for store in self.project.stores:
            self.check_store(store)
        for function in self.project.functions:
            self.check_signature(function)
            if function.returns is not None:
                self.check_type(function.returns)
            for example in function.examples:
                self.check_example(function, example)
        for command in self.project.commands:
            self.check_signature(command)
            self.check_command(command)

    # -- names

    def check_project_name(self) -> None:
        package = self.project.package
        if not package.isidentifier() or keyword.iskeyword(package):
            self.error(f"project name {self.project.name!r} does not make a Python package name",
                       self.at(id(self.project)),
                       "use letters, digits, '_' or '-', not a Python keyword")

    def check_names(self, kind: str, items: list, owner: str | None = None) -> None:
        seen: dict[str, Any] = {}
        for item in items:
            position = self.at(id(item), (item.span.line, item.span.column))
            if keyword.iskeyword(item.name) and kind != "command":  # `try` is a fine command line word:
                # its code is `try_command`
                self.error(f"{kind} name {item.name!r} is a Python keyword", position,
                           f"rename it, e.g. {item.name}_")
            elif not item.name.isidentifier():
                self.error(f"{kind} name {item.name!r} is not a valid Python identifier",
                           position, "use letters, digits and '_', starting with a letter")
            if item.name in seen:
                where = f" in {owner}" if owner else ""
                self.error(f"duplicate {kind} name {item.name!r}{where}", position,
                           f"it was first defined on line {seen[item.name].span.line}")
            else:
                seen[item.name] = item

    def check_namespace(self) -> None:
        """Entities and functions share the generated package's namespace (and examples')."""
        for entity in self.project.entities:
            if entity.name in BUILTIN_TYPES:
                self.error(f"entity name {entity.name!r} is a built-in type name",
                           self.at(id(entity)), f"choose another name, e.g. {entity.name.title()}"
                           "Item")
        for function in self.project.functions:
            if function.name in self.entity_names:
                self.error(f"function name {function.name!r} is also an entity name",
                           self.at(id(function)),
                           "entities and functions live in one package; rename one of them")

    def check_signature(self, item: Function | Command) -> None:
        kind = "function" if isinstance(item, Function) else "command"
        self.check_names("parameter", item.params, owner=f"{kind} {item.name}")
        defaulted = False
        for param in item.params:
            self.check_type(param.type)
            if param.default is not None:
                defaulted = True
                self.check_default(param, param.type, param.default)
            elif defaulted and isinstance(item, Function):
                self.error(f"parameter {param.name!r} without a default follows one with a "
                           "default", self.at(id(param)),
                           "put the parameters with defaults last")

    # -- types

    def check_type(self, ref: TypeRef) -> None:
        position = self.at(id(ref))
        if ref.name == "...":
            return
        known = self.known_types
        if ref.name not in known:
            close = difflib.get_close_matches(ref.name, sorted(known), n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}? " if close else ""
            self.error(f"unknown type {ref.name!r}", position,
                       hint + "types are str, int, float, bool, list[...], dict[...], "
                       "X | None, or an entity of this spec")
            return
        low, high = TYPE_ARITY.get(ref.name, (0, 0))
        if ref.args and not low <= len(ref.args) <= high or not ref.args and low > 0:
            if high == 0:
                self.error(f"type {ref.name!r} takes no type arguments", position,
                           f"write just {ref.name}")
            else:
                count = str(low) if low == high else f"at most {high}" if low == 0 else (
                    f"{low} to {high}")
                self.error(f"type {ref.name!r} takes {count} type argument"
                           f"{'s' if high > 1 else ''}, not {len(ref.args)}",
                           position, "for example list[str], dict[str, int], Optional[str]")
            return
        for index, arg in enumerate(ref.args):
            if arg.name == "...":
                if not (ref.name == "tuple" and index == 1 and len(ref.args) == 2):
                    self.error("'...' is only allowed as tuple[X, ...]", position,
                               "write tuple[int, ...] for a tuple of any length")
                continue
            self.check_type(arg)

    # -- defaults

    def check_default(self, owner: object, ref: TypeRef, default: str | None) -> None:
        if default is None:
            return
        position = self.at((id(owner), "default"), self.at(id(owner)))
        try:
            value = ast.literal_eval(default)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            self.error(f"default {default} is not a Python literal", position,
                       "use a number, a string, true/false, none, [] or {}")
            return
        if not self.value_fits(value, ref):
            example = EXAMPLE_DEFAULTS.get(ref.name)
            hint = f"a {ref.text} default looks like {example}" if example else (
                f"a field of type {ref.text} can only default to none" if ref.name in
                self.entity_names else f"give a default of type {ref.text}")
            self.error(f"default {default} is not a valid {ref.text}", position, hint)

    def value_fits(self, value: Any, ref: TypeRef) -> bool:
        """Whether a literal value is an instance of the written type."""
        name, args = ref.name, ref.args
        if name == "Any":
            return True
        if name == "None":
            return value is None
        if name == "Optional":
            return value is None or self.value_fits(value, args[0])
        if name == "Union":
            return any(self.value_fits(value, arg) for arg in args)
        if name == "bool":
            return isinstance(value, bool)
        if name == "int":
            return isinstance(value, int) and not isinstance(value, bool)
        if name == "float":
            return isinstance(value, (int, float)) and not isinstance(value, bool)
        if name == "str":
            return isinstance(value, str)
        if name == "bytes":
            return isinstance(value, bytes)
        if name in ("list", "set"):
            container = list if name == "list" else set
            if not isinstance(value, container):
                return False
            return not args or all(self.value_fits(element, args[0]) for element in value)
        if name == "tuple":
            if not isinstance(value, tuple):
                return False
            if len(args) == 2 and args[1].name == "...":
                return all(self.value_fits(element, args[0]) for element in value)
            return not args or (len(args) == len(value) and all(
                self.value_fits(element, arg) for element, arg in zip(value, args)))
        if name == "dict":
            if not isinstance(value, dict):
                return False
            return not args or all(self.value_fits(key, args[0])
                                   and self.value_fits(item, args[1])
                                   for key, item in value.items())
        return value is None  # an entity: only "none"

    # -- stores

    def check_store(self, store) -> None:
        if store.entity not in self.entity_names:
            close = difflib.get_close_matches(store.entity, sorted(self.entity_names), n=1)
            hint = f"did you mean {close[0]!r}?" if close else (
                "declare it with `## Entity: " + store.entity + "`")
            self.error(f"store {store.name!r} holds unknown entity {store.entity!r}",
                       self.at((id(store), "holds"), self.at(id(store))), hint)
        if store.format not in STORE_FORMATS:
            close = difflib.get_close_matches(store.format, STORE_FORMATS, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            self.error(f"unknown store format {store.format!r}",
                       self.at((id(store), "format"), self.at(id(store))),
                       hint + "formats are json, csv and sqlite")
        if not store.path.strip() or "\0" in store.path:
            self.error(f"store {store.name!r} has an empty path",
                       self.at((id(store), "path"), self.at(id(store))),
                       "write `- path: data.json`")

    # -- examples

    def check_example(self, function: Function, example) -> None:
        name, positional, keywords = self.where.get((id(example), "call"),
                                                    (function.name, 0, []))
        position = self.at(id(example))
        functions = self.functions
        if name not in functions:
            close = difflib.get_close_matches(name, sorted(functions), n=1)
            self.error(f"example calls unknown function {name!r}", position,
                       f"did you mean {close[0]!r}?" if close else
                       f"examples of {function.name} call {function.name}(...)")
            return
        if name != function.name:
            self.error(f"an example of {function.name!r} calls {name!r}", position,
                       f"examples under `## Function: {function.name}` call {function.name}")
            return
        problem = arity_problem(function.params, positional, keywords)
        if problem:
            self.error(f"example calls {name} with {problem}", position,
                       f"the signature is {function.signature}")
            return
        self.check_example_types(function, example, position)
        known = self.example_names
        for nested, nested_position in self.where.get((id(example), "nested"), []):
            if nested not in known:
                close = difflib.get_close_matches(nested, sorted(known), n=1)
                self.error(f"example calls unknown name {nested!r}", nested_position,
                           (f"did you mean {close[0]!r}? " if close else "")
                           + "calls inside examples build entities (Task(title=\"x\")) or "
                           "call functions of this spec")
        if example.raises is not None:
            exception = getattr(builtins, example.raises, None)
            if not (isinstance(exception, type) and issubclass(exception, BaseException)):
                self.error(f"unknown exception {example.raises!r}",
                           self.at((id(example), "raises"), position),
                           "examples raise built-in exceptions such as ValueError, KeyError, "
                           "TypeError or IndexError")

    def check_example_types(self, function: Function, example, position) -> None:
        """Literal arguments must fit their parameters, a literal result the return type."""
        by_name = {param.name: param for param in function.params}
        arguments = self.where.get((id(example), "arguments"), [])
        for index, (keyword_name, source, argument_position) in enumerate(arguments):
            param = by_name[keyword_name] if keyword_name else function.params[index]
            value = _literal_value(source)
            if value is not _NOT_LITERAL and not self.value_fits(value, param.type):
                self.error(f"argument {source} is not a valid {param.type.text} for parameter "
                           f"{param.name!r}", argument_position,
                           f"the signature is {function.signature}")
        if example.expected is not None:
            value = _literal_value(example.expected)
            returns = function.returns or TypeRef(text="None", name="None")
            if value is not _NOT_LITERAL and not self.value_fits(value, returns):
                self.error(f"expected value {example.expected} is not a valid {returns.text}",
                           self.at((id(example), "expected"), position),
                           f"{function.name} returns {returns.text}")

    # -- commands

    def check_command(self, command: Command) -> None:
        store_names = self.store_names
        if command.store is not None and command.store not in store_names:
            close = difflib.get_close_matches(command.store, sorted(store_names), n=1)
            self.error(f"command {command.name!r} uses unknown store {command.store!r}",
                       self.at((id(command), "store"), self.at(id(command))),
                       f"did you mean {close[0]!r}?" if close else
                       "declare it with `## Store: " + command.store + "`")
        for param in command.params:
            outer = param.type
            inner = outer.args[0] if outer.name in ("list", "Optional") and outer.args else None
            if outer.name not in COMMAND_PARAM_TYPES or (
                    inner is not None and inner.name not in {"str", "int", "float", "bool"}):
                self.error(f"a command parameter cannot have type {outer.text}",
                           self.at(id(outer), self.at(id(param))),
                           "command-line values are str, int, float, bool, list[str] or "
                           "X | None")


_NOT_LITERAL = object()


def _literal_value(source: str):
    """The value of a pure literal, or ``_NOT_LITERAL`` (calls such as ``Task(...)``)."""
    try:
        return ast.literal_eval(source)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return _NOT_LITERAL


def arity_problem(params: list[Param], positional: int, keywords: list[str]) -> str | None:
    """Why a call with these arguments does not fit the parameters (None when it does)."""
    names = [param.name for param in params]
    if positional > len(params):
        return f"{positional} positional arguments; it takes at most {len(params)}"
    for keyword_name in keywords:
        if keyword_name not in names:
            return f"an unknown keyword argument {keyword_name!r}"
        if names.index(keyword_name) < positional:
            return f"argument {keyword_name!r} given twice"
    if len(set(keywords)) != len(keywords):
        return "a keyword argument given twice"
    given = set(names[:positional]) | set(keywords)
    missing = [param.name for param in params if param.default is None and param.name not in given]
    if missing:
        return f"missing argument {missing[0]!r}"
    return None


def check_project(project: Project, where: dict[object, tuple[int, int]],
                  context: Context) -> None:
    """Raise the earliest semantic error of the project, if any."""
    checker = Checker(project, where, context)
    checker.run()
    if checker.errors:
        first = min(checker.errors, key=lambda error: (error.line, error.column))
        raise first
