"""The synthesizer's view of a function's examples: concrete input values and expected outputs.

Examples are Python source (``slugify("Hello World") == "hello-world"``). The
synthesizer evaluates candidate programs in-process, so it needs the example
values in-process too, but it never ``exec``s text it did not write: example
arguments go through ``safe_eval``, a small interpreter for literals, containers
and calls of the project's dataclasses. Those dataclasses are *rebuilt* from the
context source's AST (field names and literal defaults only), not executed.

Candidate programs that raise on some input are represented by a ``Raised``
value instead of an exception, so a guard (``if not scores: raise ValueError``)
can be searched for like any other expression.
"""

from __future__ import annotations

import ast
import builtins
import dataclasses
from dataclasses import dataclass
from typing import Any


class ExampleError(Exception):
    """An example the synthesizer cannot evaluate in-process (reported, never fatal)."""


class Raised:
    """The outcome 'this expression raised ``error``' on one input."""

    __slots__ = ("error",)

    def __init__(self, error: type[BaseException]):
        self.error = error

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Raised) and other.error is self.error

    def __hash__(self) -> int:
        return hash(self.error)

    def __repr__(self) -> str:
        return f"<raises {self.error.__name__}>"


@dataclass
class Case:
    """One example: the argument values by parameter name and what must come out."""

    index: int                      # 1-based, as the user counts examples
    arguments: dict[str, Any]
    expected: Any = None
    raises: str | None = None       # exception name, e.g. "ValueError"
    call: str = ""

    @property
    def is_error(self) -> bool:
        return self.raises is not None


# ---------------------------------------------------------------- safe evaluation

_SAFE_CONSTRUCTORS = {"list": list, "tuple": tuple, "set": set, "frozenset": frozenset,
                      "dict": dict}


def safe_eval(source: str | ast.AST, classes: dict[str, type] | None = None) -> Any:
    """Evaluate literal-like Python source: constants, containers, negation, dataclass calls."""
    node = ast.parse(source, mode="eval").body if isinstance(source, str) else source
    return _evaluate(node, classes or {})


def _evaluate(node: ast.AST, classes: dict[str, type]) -> Any:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.List):
        return [_evaluate(item, classes) for item in node.elts]
    if isinstance(node, ast.Tuple):
        return tuple(_evaluate(item, classes) for item in node.elts)
    if isinstance(node, ast.Set):
        return {_evaluate(item, classes) for item in node.elts}
    if isinstance(node, ast.Dict):
        if any(key is None for key in node.keys):
            raise ExampleError("dict unpacking (**) is not supported in examples")
        return {_evaluate(key, classes): _evaluate(value, classes)
                for key, value in zip(node.keys, node.values)}
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd, ast.Not)):
        operand = _evaluate(node.operand, classes)
        if isinstance(node.op, ast.Not):
            return not operand
        if not isinstance(operand, (int, float, complex)):
            raise ExampleError("unary sign on a non-number")
        return -operand if isinstance(node.op, ast.USub) else +operand
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult)):
        left, right = _evaluate(node.left, classes), _evaluate(node.right, classes)
        if isinstance(node.op, ast.Mult) and isinstance(left, (str, list)) and \
                isinstance(right, int) and right > 10_000:
            raise ExampleError("repetition too large")
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        return left * right
    if isinstance(node, ast.Name) and node.id in ("True", "False", "None"):
        return {"True": True, "False": False, "None": None}[node.id]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        name = node.func.id
        arguments = [_evaluate(item, classes) for item in node.args]
        keywords = {item.arg: _evaluate(item.value, classes) for item in node.keywords
                    if item.arg is not None}
        if name in classes:
            return classes[name](*arguments, **keywords)
        if name in _SAFE_CONSTRUCTORS and not keywords:
            return _SAFE_CONSTRUCTORS[name](*arguments)
        raise ExampleError(f"call of {name!r} cannot be evaluated safely")
    raise ExampleError(f"unsupported expression {ast.unparse(node)!r}")


# ---------------------------------------------------------------- dataclasses from the context


def context_classes(context_source: str) -> dict[str, type]:
    """Rebuild the context's dataclasses (fields and literal defaults) without executing it."""
    if not context_source.strip():
        return {}
    try:
        tree = ast.parse(context_source)
    except SyntaxError:
        return {}
    classes: dict[str, type] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and any(_is_dataclass_decorator(item)
                                                  for item in node.decorator_list):
            fields = []
            for statement in node.body:
                if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
                    fields.append(_field_spec(statement, classes))
            try:
                classes[node.name] = dataclasses.make_dataclass(node.name, fields)
            except (TypeError, ValueError):
                continue
    return classes


def _is_dataclass_decorator(node: ast.AST) -> bool:
    target = node.func if isinstance(node, ast.Call) else node
    return (isinstance(target, ast.Name) and target.id == "dataclass") or \
        (isinstance(target, ast.Attribute) and target.attr == "dataclass")


def _field_spec(statement: ast.AnnAssign, classes: dict[str, type]) -> tuple:
    name = statement.target.id
    if statement.value is None:
        return (name, Any)
    value = statement.value
    if isinstance(value, ast.Call) and getattr(value.func, "id", getattr(value.func, "attr", "")) \
            == "field":
        for keyword in value.keywords:
            if keyword.arg == "default_factory" and isinstance(keyword.value, ast.Name) and \
                    keyword.value.id in _SAFE_CONSTRUCTORS:
                return (name, Any, dataclasses.field(
                    default_factory=_SAFE_CONSTRUCTORS[keyword.value.id]))
            if keyword.arg == "default":
                try:
                    return (name, Any, dataclasses.field(default=safe_eval(keyword.value, classes)))
                except ExampleError:
                    break
        return (name, Any)
    try:
        return (name, Any, dataclasses.field(default=safe_eval(value, classes)))
    except (ExampleError, ValueError):
        return (name, Any)


# ---------------------------------------------------------------- examples -> cases


def parse_signature(signature: str) -> ast.FunctionDef:
    """The ``def`` node of a signature line such as ``def f(x: int = 1) -> int:``."""
    text = signature.strip()
    if not text.startswith("def "):
        text = "def " + text
    if not text.endswith(":"):
        text += ":"
    module = ast.parse(text + "\n    pass\n")
    function = module.body[0]
    assert isinstance(function, ast.FunctionDef)
    return function


def parameter_defaults(function: ast.FunctionDef, classes: dict[str, type]) -> dict[str, Any]:
    """Default values of the parameters that have one (literal defaults only)."""
    positional = function.args.args
    defaults: dict[str, Any] = {}
    for argument, default in zip(positional[len(positional) - len(function.args.defaults):],
                                 function.args.defaults):
        try:
            defaults[argument.arg] = safe_eval(default, classes)
        except ExampleError:
            pass
    for argument, default in zip(function.args.kwonlyargs, function.args.kw_defaults):
        if default is not None:
            try:
                defaults[argument.arg] = safe_eval(default, classes)
            except ExampleError:
                pass
    return defaults


def build_cases(name: str, signature: str, examples: list, classes: dict[str, type]) -> list[Case]:
    """Turn the spec's examples into ``Case`` objects; ``ExampleError`` names the bad one."""
    function = parse_signature(signature)
    parameters = [argument.arg for argument in function.args.args + function.args.kwonlyargs]
    defaults = parameter_defaults(function, classes)
    floats = {argument.arg for argument in function.args.args + function.args.kwonlyargs
              if isinstance(argument.annotation, ast.Name) and argument.annotation.id == "float"}
    cases = []
    for index, example in enumerate(examples, start=1):
        try:
            call = ast.parse(example.call, mode="eval").body
        except SyntaxError as error:
            raise ExampleError(f"example {index} is not valid Python: {error.msg}") from None
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                and call.func.id == name):
            raise ExampleError(f"example {index} does not call {name}()")
        arguments: dict[str, Any] = {}
        try:
            if len(call.args) > len(parameters):
                raise ExampleError(f"example {index} passes too many arguments")
            for parameter, node in zip(parameters, call.args):
                arguments[parameter] = safe_eval(node, classes)
            for keyword in call.keywords:
                if keyword.arg not in parameters:
                    raise ExampleError(f"example {index} passes unknown argument {keyword.arg!r}")
                arguments[keyword.arg] = safe_eval(keyword.value, classes)
            for parameter in parameters:
                if parameter not in arguments:
                    if parameter not in defaults:
                        raise ExampleError(f"example {index} leaves {parameter!r} without a value")
                    arguments[parameter] = defaults[parameter]
            for parameter in floats:  # `length_text(2)` over `m: float`: the program passes 2.0
                if type(arguments.get(parameter)) is int:
                    arguments[parameter] = float(arguments[parameter])
            expected = None
            if example.raises is None:
                expected = safe_eval(example.expected, classes)
        except ExampleError as error:
            raise ExampleError(f"example {index}: {error}") from None
        except Exception as error:  # noqa: BLE001 - a dataclass called wrongly, a bad literal
            raise ExampleError(f"example {index} cannot be evaluated: {error}") from None
        cases.append(Case(index=index, arguments=arguments, expected=expected,
                          raises=example.raises, call=example.call))
    return cases


def exception_class(name: str) -> type[BaseException] | None:
    """The built-in exception named ``name`` (``None`` for project-defined ones)."""
    candidate = getattr(builtins, name.split(".")[-1], None)
    if isinstance(candidate, type) and issubclass(candidate, BaseException):
        return candidate
    return None


def same_value(actual: Any, expected: Any) -> bool:
    """Equality as a test would check it, but ``True`` is not ``1`` and ``"1"`` is not ``1``."""
    if isinstance(actual, Raised):
        return False
    if isinstance(expected, bool) != isinstance(actual, bool):
        return False
    if isinstance(expected, (int, float)) and not isinstance(expected, bool) and \
            not isinstance(actual, (int, float)):
        return False
    try:
        return bool(actual == expected)
    except Exception:  # noqa: BLE001 - a value whose __eq__ raises is simply not equal
        return False


def satisfies(value: Any, case: Case) -> bool:
    """Whether a candidate's outcome on ``case`` is what the example asks."""
    if case.raises is None:
        return same_value(value, case.expected)
    if not isinstance(value, Raised):
        return False
    wanted = exception_class(case.raises)
    return wanted is not None and issubclass(value.error, wanted)
