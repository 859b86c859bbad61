"""Terms: candidate expressions with their values on every example, and their types ("kinds").

A ``Term`` is the unit of bottom-up search: Python source, its size (number of
operations and leaves), and the tuple of values it takes on the example inputs.
Two terms with the same values are observationally equivalent on the examples;
the search keeps only the first (smallest) one.

Kinds are computed from values, not declared: ``"str"``, ``"int"``, ``"float"``,
``"bool"``, ``"none"``, ``"dict"``, ``"set"``, ``"tuple"``, ``"obj:Item"`` for a
dataclass, and ``"list:<element kind>"`` (``"list:empty"`` when every list is empty).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from spf.synthesis.values import Raised

# Python operator precedence, low to high (for parenthesizing rendered source).
TERNARY, OR, AND, NOT, COMPARE, ADD, MULTIPLY, UNARY, ATOM = 1, 2, 3, 4, 5, 10, 11, 12, 20

# Values larger than this are dropped: they only slow the search down.
MAX_LENGTH = 2000
MAX_INTEGER = 10**15


class Term:
    """One candidate expression and what it evaluates to on every example input."""

    __slots__ = (
        "described",
        "generator",
        "kind",
        "lets",
        "operation",
        "precedence",
        "raises",
        "serial",
        "size",
        "source",
        "trusted",
        "values",
        "variables",
    )

    def __init__(self, source: str, size: int, values: tuple, kind: str, *,
                 precedence: int = ATOM, variables: frozenset = frozenset(),
                 lets: tuple = (), generator: str | None = None, trusted: bool = True,
                 serial: int = 0, operation: str = "", described: bool = False):
        self.source = source
        self.size = size
        self.values = values
        self.kind = kind
        self.precedence = precedence
        self.variables = variables       # parameter / loop-variable names it reads
        self.lets = lets                 # ((name, source), ...) local variables it needs
        self.generator = generator       # "x for x in xs" when it is a list comprehension
        self.trusted = trusted           # constants from the description, defaults or 0 only
        self.serial = serial             # creation order, for deterministic tie-breaking
        self.raises = any(isinstance(value, Raised) for value in values)
        self.operation = operation       # the library operation at the root ("" for leaves)
        self.described = described       # uses a constant the description states

    def __repr__(self) -> str:
        return f"Term({self.source!r}, size={self.size})"

    def wrapped(self, needed: int) -> str:
        """The source, parenthesized when its operator binds looser than ``needed``."""
        return self.source if self.precedence >= needed else f"({self.source})"


def value_kind(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list):
        return "list"
    if isinstance(value, tuple):
        return "tuple"
    if isinstance(value, dict):
        return "dict"
    if isinstance(value, (set, frozenset)):
        return "set"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return "obj:" + type(value).__name__
    return "other"


def _merge(kinds: set[str]) -> str | None:
    if not kinds:
        return None
    if kinds == {"int", "float"}:
        return "float"
    if len(kinds) > 1:
        return "mixed"
    return next(iter(kinds))


_SIMPLE_KINDS = {str: "str", int: "int", float: "float", bool: "bool", type(None): "none",
                 dict: "dict", tuple: "tuple"}


def kind_of(values: tuple) -> str | None:
    """The common kind of ``values`` (ignoring ``Raised``); None when every one raised."""
    first = type(values[0]) if values else None
    if first in _SIMPLE_KINDS:
        for value in values:
            if type(value) is not first:
                break
        else:
            return _SIMPLE_KINDS[first]
    kinds = {value_kind(value) for value in values if not isinstance(value, Raised)}
    kind = _merge(kinds)
    if kind == "list":
        elements = {value_kind(item) for value in values if isinstance(value, list)
                    for item in value}
        return "list:" + (_merge(elements) or "empty")
    return kind


def any_too_large(values) -> bool:
    for value in values:
        kind = type(value)
        if kind is str or kind is list:
            if len(value) > MAX_LENGTH:
                return True
        elif kind is int:
            if abs(value) > MAX_INTEGER:
                return True
        elif (kind is tuple or kind is dict or kind is set) and len(value) > MAX_LENGTH:
            return True
    return False


def too_large(value: Any) -> bool:
    if isinstance(value, (str, list, tuple, dict, set)):
        return len(value) > MAX_LENGTH
    if isinstance(value, int) and not isinstance(value, bool):
        return abs(value) > MAX_INTEGER
    return False


_FLAT_TYPES = (str, int, bool, float)


def signature_key(values: tuple) -> tuple:
    """A hashable key equal for observationally equivalent terms."""
    first = type(values[0]) if values else None
    if first in _FLAT_TYPES:
        for value in values:
            if type(value) is not first:
                break
        else:
            return (first, values)
    key = []
    for value in values:
        if isinstance(value, (str, int, float, bool)) or value is None:
            key.append((type(value), value))
        elif isinstance(value, Raised):
            key.append((Raised, value.error))
        else:
            key.append((type(value), repr(value)))
    return tuple(key)


# ---------------------------------------------------------------- kind predicates


def is_number(kind: str) -> bool:
    return kind in ("int", "float")


def is_int(kind: str) -> bool:
    return kind == "int"


def is_str(kind: str) -> bool:
    return kind == "str"


def is_bool(kind: str) -> bool:
    return kind == "bool"


def is_list(kind: str) -> bool:
    return kind.startswith("list:")


def is_str_list(kind: str) -> bool:
    return kind in ("list:str", "list:empty")


def is_number_list(kind: str) -> bool:
    return kind in ("list:int", "list:float", "list:empty")


def is_sortable_list(kind: str) -> bool:
    return kind in ("list:int", "list:float", "list:str", "list:empty")


def is_bool_list(kind: str) -> bool:
    return kind in ("list:bool", "list:empty")


def is_sized(kind: str) -> bool:
    return kind in ("str", "dict", "set", "tuple") or is_list(kind)


def is_dict(kind: str) -> bool:
    return kind == "dict"


def is_scalar(kind: str) -> bool:
    return kind in ("str", "int", "float", "bool")


def is_any(kind: str) -> bool:
    return kind != "mixed"


def element_kind(kind: str) -> str | None:
    """The kind of the items a ``for`` loop over a value of ``kind`` yields."""
    if kind == "str":
        return "str"
    if is_list(kind):
        return kind[len("list:"):]
    return None
