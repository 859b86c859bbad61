"""Bottom-up enumeration with observational-equivalence pruning.

Level ``n`` of a ``Bank`` holds every term of size ``n`` that is new: one whose
values on the example inputs differ from every smaller (or earlier) term's. A
term of size ``n`` is an operation applied to terms whose sizes sum to ``n - 1``,
so the search only ever combines already-distinct terms; this is what keeps
programs of size 7-9 within reach in well under a second.

Comprehensions (``[f(x) for x in xs if p(x)]``, ``sum(f(x) for x in xs)``,
``sorted(xs, key=lambda x: f(x))``, ``{k(x): v(x) for x in xs}``) get a bank of
their own whose inputs are the *elements* of ``xs`` on every example; their
bodies are enumerated there the same way, then regrouped per example.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable, Iterator
from typing import Any

from spf.synthesis import terms as kinds
from spf.synthesis.library import COMPARISONS, Operation

RANGES = frozenset({"range_to", "range_inclusive"})
FLATTENED = frozenset({"larger", "smaller"})
NEGATABLE = frozenset(COMPARISONS) | {"is_reversal", "not", "is_empty", "member", "contains",
                                      "has_key", "is_multiple"}
from spf.synthesis.terms import (
    ATOM,
    OR,
    TERNARY,
    Term,
    any_too_large,
    kind_of,
    signature_key,
    too_large,
)
from spf.synthesis.values import Raised


class BudgetExhausted(Exception):
    """The time or program-count budget ran out; ``str(error)`` says which."""


class SearchDone(Exception):
    """Enough solutions were found: stop enumerating."""


class Clock:
    """Counts candidate programs and watches the deadline."""

    def __init__(self, milliseconds: int, max_programs: int):
        self.started = time.perf_counter()
        self.deadline = self.started + milliseconds / 1000.0
        self.milliseconds = milliseconds
        self.max_programs = max_programs
        self.count = 0
        self.stop_at: int | None = None  # set once a solution is found

    def tick(self) -> None:
        self.count += 1
        if self.stop_at is not None and self.count >= self.stop_at:
            raise SearchDone()
        if self.count >= self.max_programs:
            raise BudgetExhausted(f"{self.max_programs} programs")
        if not self.count & 127 and time.perf_counter() > self.deadline:
            raise BudgetExhausted(f"{self.milliseconds} ms")

    def elapsed_ms(self) -> float:
        return (time.perf_counter() - self.started) * 1000.0


def compositions(total: int, parts: int) -> Iterator[tuple[int, ...]]:
    """Ordered ways to write ``total`` as a sum of ``parts`` positive sizes."""
    if parts == 1:
        if total >= 1:
            yield (total,)
        return
    for first in range(1, total - parts + 2):
        for rest in compositions(total - first, parts - 1):
            yield (first, *rest)


def render_constant(value: Any) -> str:
    """Python source for a constant, with double-quoted strings (ruff's style)."""
    text = repr(value)
    if isinstance(value, str) and text.startswith("'") and '"' not in value:
        text = '"' + text[1:-1].replace("\\'", "'") + '"'
    return text


_IDENTIFIER = re.compile(r"^[A-Za-z_]\w*$")


class Bank:
    """Distinct terms by size and kind over one fixed list of example inputs (contexts)."""

    def __init__(self, context_count: int, operations: list[Operation], clock: Clock):
        self.context_count = context_count
        self.operations = operations
        self.clock = clock
        self.levels: list[list[Term]] = [[]]
        self.by_kind: list[dict[str, list[Term]]] = [{}]
        self.seen: set = set()
        self.serial = 0
        self.listeners: list[Callable[[Term], None]] = []
        self.extra_generators: list[Callable[[int], Iterator[Term]]] = []
        self.grown = 0
        self.reserved: set[str] = set()  # parameter names: never reused for local variables

    # ---------------------------------------------------------------- adding terms

    def add(self, term: Term, key: tuple | None = None) -> bool:
        key = signature_key(term.values) if key is None else key
        if key in self.seen:
            return False
        self.seen.add(key)
        self.serial += 1
        term.serial = self.serial
        while len(self.levels) <= term.size:
            self.levels.append([])
            self.by_kind.append({})
        self.levels[term.size].append(term)
        self.by_kind[term.size].setdefault(term.kind, []).append(term)
        for listener in self.listeners:
            listener(term)
        return True

    def add_terminal(self, source: str, values: tuple, *, variables: frozenset = frozenset(),
                     trusted: bool = True, described: bool = False) -> Term | None:
        kind = kind_of(values)
        if kind is None:
            return None
        term = Term(source, 1, values, kind, variables=variables, trusted=trusted,
                    described=described,
                    precedence=ATOM if not source.startswith("-") else kinds.UNARY)
        return term if self.add(term) else None

    # ---------------------------------------------------------------- growing

    def level(self, size: int) -> list[Term]:
        """Terms of exactly ``size``, growing the bank up to there when needed."""
        while self.grown < size:
            self.grow(self.grown + 1)
        return self.levels[size] if size < len(self.levels) else []

    def grow(self, size: int) -> None:
        """Build every new term of ``size`` (terminals are added before growing level 1)."""
        while len(self.levels) <= size:
            self.levels.append([])
            self.by_kind.append({})
        if size > 1:
            for operation in self.operations:
                for sizes in compositions(size - operation.cost, operation.arity):
                    self._apply_all(operation, sizes)
            for generator in self.extra_generators:
                for term in generator(size):
                    self.add(term)
        self.grown = size

    def _candidates(self, size: int, accepts: Callable[[str], bool]) -> list[Term]:
        found: list[Term] = []
        for kind, terms in self.by_kind[size].items():
            if accepts(kind):
                # Terms that need statements (a local variable, a loop) are final
                # results only: they never feed another operation.
                # Ranges only serve as loop iterables or as the result itself.
                found.extend(term for term in terms
                             if not term.lets and term.operation not in RANGES)
        return found

    def _apply_all(self, operation: Operation, sizes: tuple[int, ...]) -> None:
        if operation.one_leaf_of and all(sizes[index] > 1 for index in operation.one_leaf_of):
            return
        argument_lists = []
        for index, size in enumerate(sizes):
            if size > 1 and index in operation.leaf_arguments:
                return
            if operation.max_argument_size is not None and size > operation.max_argument_size:
                return
            candidates = self._candidates(size, operation.accepts[index])
            if index in operation.constant_arguments:
                candidates = [term for term in candidates if not term.variables]
            elif index in operation.measured_arguments:
                # `7 <= len(digits) <= 15`, never `7 <= len(phone[:7]) <= 15`
                candidates = [term for term in candidates if not term.described]
            elif index == 0 and operation.receiver_variable:
                candidates = [term for term in candidates if term.variables]
            if not candidates:
                return
            argument_lists.append(candidates)
        if len(argument_lists) == 1:
            negation = operation.negation
            for argument in argument_lists[0]:
                if not argument.variables:
                    continue  # constant folding: nothing new to learn
                if negation and argument.operation in NEGATABLE:
                    continue  # `a != b`, never `not a == b`
                self._try(operation, (argument,), False)
            return
        variable_first = operation.variable_first
        # Orientation rules decide the order of a comparison's sides, not serial numbers.
        commutative = operation.commutative and not variable_first
        marks_described = operation.name in COMPARISONS or operation.name == "between"
        for arguments in itertools.product(*argument_lists):
            first, second = arguments[0], arguments[1]
            if commutative and (first.size, first.serial) > (second.size, second.serial):
                continue
            if variable_first and (not first.variables or first.size < second.size):
                continue  # `x > 0` and `len(word) > limit`, never `0 < x` or `limit < len(word)`
            if not first.variables and not any(argument.variables for argument in arguments):
                continue  # constant folding: nothing new to learn
            self._try(operation, arguments,
                      marks_described and any(argument.described for argument in arguments))

    def _try(self, operation: Operation, arguments: tuple[Term, ...], described: bool) -> None:
        """Evaluate one candidate; keep it when no smaller term behaves the same."""
        self.clock.tick()
        values = self.values_of(operation, arguments)
        if values is None:
            return
        key = signature_key(values)
        if described:
            # A threshold the description states is kept beside an equivalent one
            # that merely fits the examples (`whole == 0` beside `whole < part`).
            # A stated range (`7 <= n <= 15`) is kept beside a stated threshold (`n > 7`).
            key = (key, "described", operation.name == "between")
        if key in self.seen:  # observationally equivalent to a smaller term: skip early
            return
        term = self._make_term(operation, arguments, values)
        if term is not None:
            self.add(term, key)

    def apply(self, operation: Operation, arguments: tuple[Term, ...]) -> Term | None:
        """The term ``operation(*arguments)``, or None when it is useless."""
        values = self.values_of(operation, arguments)
        return None if values is None else self._make_term(operation, arguments, values)

    def values_of(self, operation: Operation, arguments: tuple[Term, ...]) -> tuple | None:
        function = operation.function
        if not (arguments[0].raises or any(argument.raises for argument in arguments)):
            try:  # fast path: nothing raises on any input
                values = tuple(map(function, *(argument.values for argument in arguments)))
            except Exception:  # noqa: BLE001, S110 - some input raises: the slow path says which
                pass
            else:
                return None if any_too_large(values) else values
        return self._apply_slowly(function, arguments)

    def _apply_slowly(self, function, arguments: tuple[Term, ...]) -> tuple | None:
        values = []
        for index in range(self.context_count):
            argument_values = [argument.values[index] for argument in arguments]
            raised = next((value for value in argument_values if isinstance(value, Raised)), None)
            if raised is not None:
                values.append(raised)
                continue
            try:
                result = function(*argument_values)
            except Exception as error:  # noqa: BLE001 - a candidate may raise anything: record it
                values.append(Raised(type(error)))
                continue
            if too_large(result):
                return None
            values.append(result)
        return tuple(values)

    def _make_term(self, operation: Operation, arguments: tuple[Term, ...],
                   values_tuple: tuple) -> Term | None:
        kind = kind_of(values_tuple)
        if kind is None:
            return None
        lets = _merge_lets(arguments)
        if lets is None:
            return None
        sources = []
        for index, argument in enumerate(arguments):
            if operation.generator_argument == index and argument.generator:
                sources.append(argument.generator)
            else:
                sources.append(argument.wrapped(operation.needed(index)))
        if operation.uses_argument_twice and not _IDENTIFIER.match(arguments[0].source):
            name = "cleaned"
            if any(existing == name for existing, _ in lets):
                return None
            lets = (*lets, (name, f"{name} = {arguments[0].source}"))
            sources[0] = name
        if operation.statement is not None:
            # An accumulation loop: the statements go before the return, the name is the value.
            element = kinds.element_kind(arguments[0].kind) or "item"
            variable = loop_variable(arguments[0].source, element,
                                     self.reserved | {name for name, _ in lets})
            name, block = operation.statement(sources[0], variable)
            if any(existing == name for existing, _ in lets) or name in self.reserved:
                return None
            lets = (*lets, (name, block))
            source = name
        else:
            if operation.name in FLATTENED:
                # max(a, max(b, c)) reads as max(a, b, c)
                call = "max(" if operation.name == "larger" else "min("
                sources = [argument.source[len(call):-1]
                           if argument.operation == operation.name else text
                           for argument, text in zip(arguments, sources)]
                source = call + ", ".join(sources) + ")"
            else:
                source = operation.template.format(*sources)
        generator = None
        if operation.generator_template is not None:
            generator = operation.generator_template.format(*sources)
        size = operation.cost + sum(argument.size for argument in arguments)
        variables = frozenset().union(*(argument.variables for argument in arguments))
        return Term(source, size, values_tuple, kind, precedence=operation.precedence,
                    variables=variables, lets=lets, operation=operation.name, generator=generator,
                    trusted=all(argument.trusted for argument in arguments),
                    described=any(argument.described for argument in arguments))


def _merge_lets(arguments: tuple[Term, ...]) -> tuple | None:
    merged: list[tuple[str, str]] = []
    for argument in arguments:
        for name, block in argument.lets:
            existing = next((item for item in merged if item[0] == name), None)
            if existing is None:
                merged.append((name, block))
            elif existing[1] != block:
                return None
    return tuple(merged)


# ---------------------------------------------------------------- comprehensions


def loop_variable(source: str, element_kind: str, taken: set[str]) -> str:
    """A readable name for the loop variable: ``items`` -> ``item``, a string -> ``char``."""
    name = None
    if element_kind == "str" and source.endswith(".split()"):
        name = "word"
    elif _IDENTIFIER.match(source):
        if source.endswith("ies") and len(source) > 4:
            name = source[:-3] + "y"
        elif source.endswith("s") and len(source) > 2 and not source.endswith("ss"):
            name = source[:-1]
    if name is None:
        name = {"str": "char", "int": "number", "float": "number"}.get(element_kind, "item")
    if element_kind == "str" and not source.endswith(".split()") and not name:
        name = "char"
    while name in taken:
        name += "_"
    return name


class ComprehensionGenerator:
    """Adds comprehension terms to a top-level bank, from a body bank per iterable."""

    def __init__(self, top: Bank, outer: dict[str, tuple], constants: list[tuple[str, Any, bool]],
                 operations: list[Operation], clock: Clock, *, body_size: int = 4,
                 iterable_size: int = 3):
        self.top = top
        self.outer = outer                  # parameter name -> values per top context
        self.constants = constants          # (source, value, trusted, described)
        self.operations = operations
        self.clock = clock
        self.body_size = body_size
        self.iterable_size = iterable_size
        self.char_body_size = min(3, body_size)
        self.bodies: dict[int, tuple[Bank, str, list[list[int]]]] = {}

    def _iterables(self, size: int) -> list[Term]:
        found = []
        for level in range(1, min(self.iterable_size, size - 2) + 1):
            for term in self.top.levels[level] if level < len(self.top.levels) else []:
                element = kinds.element_kind(term.kind)
                if element in (None, "empty", "mixed") or not term.variables or term.lets:
                    continue
                if term.kind == "str" and term.size > 2:
                    continue
                found.append(term)
        return found

    def _body_bank(self, iterable: Term) -> tuple[Bank, str, list[list[int]]]:
        cached = self.bodies.get(iterable.serial)
        if cached is not None:
            return cached
        element = kinds.element_kind(iterable.kind)
        variable = loop_variable(iterable.source, element, set(self.outer))
        owners: list[list[int]] = []     # top context -> indices of its element contexts
        elements: list[Any] = []
        origin: list[int] = []
        for index, value in enumerate(iterable.values):
            positions = []
            if not isinstance(value, Raised):
                for item in value:
                    positions.append(len(elements))
                    elements.append(item)
                    origin.append(index)
            owners.append(positions)
        # Bodies are expressions: no accumulation loops inside a comprehension.
        bank = Bank(len(elements), [operation for operation in self.operations
                                    if operation.statement is None], self.clock)
        bank.reserved = set(self.outer) | {variable}
        bank.add_terminal(variable, tuple(elements), variables=frozenset({variable}))
        for name, values in self.outer.items():
            bank.add_terminal(name, tuple(values[index] for index in origin),
                              variables=frozenset({name}))
        for source, value, trusted, described in self.constants:
            bank.add_terminal(source, (value,) * len(elements), trusted=trusted,
                              described=described)
        bank.grown = 1
        self.bodies[iterable.serial] = (bank, variable, owners)
        return bank, variable, owners

    def __call__(self, size: int) -> Iterator[Term]:
        for iterable in self._iterables(size):
            rest = size - 1 - iterable.size
            if rest < 1:
                continue
            bank, variable, owners = self._body_bank(iterable)
            if not bank.context_count:
                continue
            if iterable.kind == "str" and rest > self.char_body_size:
                continue  # bodies over characters stay small: there are many characters
            over = f"for {variable} in {iterable.generator or iterable.wrapped(OR)}"
            yield from self._maps(iterable, bank, variable, owners, over, rest)
            yield from self._filters(iterable, bank, variable, owners, over, rest)
            yield from self._keyed(iterable, bank, variable, owners, rest)
            yield from self._dicts(iterable, bank, variable, owners, over, rest)
            yield from self._groups(iterable, bank, variable, owners, rest)

    # each helper yields terms of total size 1 + iterable.size + body sizes

    def _uses(self, term: Term, variable: str) -> bool:
        return variable in term.variables and not term.lets

    def _regroup(self, owners, per_element) -> tuple | None:
        values = []
        for positions in owners:
            group = []
            for position in positions:
                value = per_element(position)
                if isinstance(value, Raised):
                    group = value
                    break
                if value is not _SKIP:
                    group.append(value)
            values.append(group)
        return tuple(values)

    def _term(self, source, size, values, iterable, bodies, generator=None) -> Term | None:
        for value in values:
            if not isinstance(value, Raised) and too_large(value):
                return None
        # Iterables that raised on an input raise the comprehension too.
        values = tuple(iterable.values[index] if isinstance(iterable.values[index], Raised)
                       else value for index, value in enumerate(values))
        kind = kind_of(values)
        if kind is None:
            return None
        self.clock.tick()
        variables = iterable.variables.union(*(body.variables for body in bodies))
        return Term(source, size, values, kind, variables=variables, generator=generator,
                    trusted=iterable.trusted and all(body.trusted for body in bodies),
                    described=iterable.described or any(body.described for body in bodies))

    def _maps(self, iterable, bank, variable, owners, over, rest):
        if rest <= self.body_size:
            for body in bank.level(rest):
                if not self._uses(body, variable) or body.source == variable:
                    continue
                values = self._regroup(owners, lambda position, body=body: body.values[position])
                inner = f"{body.wrapped(TERNARY + 1)} {over}"
                term = self._term(f"[{inner}]", 1 + iterable.size + rest, values, iterable,
                                  (body,), generator=inner)
                if term is not None:
                    yield term
        # map and filter together
        for body_size in range(2, min(rest - 1, self.body_size) + 1):
            predicate_size = rest - body_size
            if predicate_size > self.body_size:
                continue
            predicates = [term for term in bank.level(predicate_size)
                          if term.kind == "bool" and self._uses(term, variable)]
            if not predicates:
                continue
            for body in bank.level(body_size):
                if not self._uses(body, variable):
                    continue
                for predicate in predicates:
                    values = self._regroup(owners, lambda position, body=body, predicate=predicate:
                                           _keep(body.values[position], predicate.values[position]))
                    inner = (f"{body.wrapped(TERNARY + 1)} {over} "
                             f"if {predicate.wrapped(OR)}")
                    term = self._term(f"[{inner}]", 1 + iterable.size + rest, values, iterable,
                                      (body, predicate), generator=inner)
                    if term is not None:
                        yield term

    def _filters(self, iterable, bank, variable, owners, over, rest):
        if rest > self.body_size:
            return
        elements = bank.levels[1][0] if bank.levels[1] else None
        if elements is None or elements.source != variable:
            return
        for predicate in bank.level(rest):
            if predicate.kind != "bool" or not self._uses(predicate, variable):
                continue
            values = self._regroup(owners, lambda position, predicate=predicate: _keep(
                elements.values[position], predicate.values[position]))
            inner = f"{variable} {over} if {predicate.wrapped(OR)}"
            term = self._term(f"[{inner}]", 1 + iterable.size + rest, values, iterable,
                              (predicate,), generator=inner)
            if term is not None:
                yield term

    def _keyed(self, iterable, bank, variable, owners, rest):
        if rest > self.body_size or not kinds.is_list(iterable.kind):
            return
        for key in bank.level(rest):
            if not self._uses(key, variable) or key.kind not in ("int", "float", "str"):
                continue
            lambda_source = f"lambda {variable}: {key.source}"
            for name in ("sorted", "max", "min"):
                values = []
                for index, positions in enumerate(owners):
                    items = iterable.values[index]
                    if isinstance(items, Raised):
                        values.append(items)
                        continue
                    keys = [key.values[position] for position in positions]
                    raised = next((value for value in keys if isinstance(value, Raised)), None)
                    if raised is not None:
                        values.append(raised)
                        continue
                    order = sorted(range(len(items)), key=lambda i: keys[i])
                    if name == "sorted":
                        values.append([items[i] for i in order])
                    elif not items:
                        values.append(Raised(ValueError))
                    else:
                        chosen = max(range(len(items)), key=lambda i: keys[i]) if name == "max" \
                            else min(range(len(items)), key=lambda i: keys[i])
                        values.append(items[chosen])
                source = f"{name}({iterable.source}, key={lambda_source})"
                term = self._term(source, 1 + iterable.size + rest, tuple(values), iterable, (key,))
                if term is not None:
                    yield term

    def _dicts(self, iterable, bank, variable, owners, over, rest):
        for key_size in range(1, min(2, rest - 1) + 1):
            value_size = rest - key_size
            if value_size > self.body_size:
                continue
            keys = [term for term in bank.level(key_size)
                    if self._uses(term, variable) and term.kind in ("str", "int")]
            for key in keys:
                for value in bank.level(value_size):
                    if not self._uses(value, variable):
                        continue
                    values = []
                    for positions in owners:
                        entries = {}
                        for position in positions:
                            key_value, item_value = key.values[position], value.values[position]
                            if isinstance(key_value, Raised) or isinstance(item_value, Raised):
                                entries = key_value if isinstance(key_value, Raised) else item_value
                                break
                            entries[key_value] = item_value
                        values.append(entries)
                    source = f"{{{key.source}: {value.wrapped(TERNARY + 1)} {over}}}"
                    term = self._term(source, 1 + iterable.size + rest, tuple(values), iterable,
                                      (key, value))
                    if term is not None:
                        yield term


    def _groups(self, iterable, bank, variable, owners, rest):
        """``groups.setdefault(key, []).append(value)`` in a loop: an accumulation template."""
        if not kinds.is_list(iterable.kind) or "groups" in self.outer:
            return
        for key_size in range(1, min(2, rest - 1) + 1):
            value_size = rest - key_size
            if value_size > min(3, self.body_size):
                continue
            keys = [term for term in bank.level(key_size)
                    if self._uses(term, variable) and term.kind in ("str", "int", "bool")]
            for key in keys:
                for value in bank.level(value_size):
                    if not self._uses(value, variable):
                        continue
                    values = []
                    for positions in owners:
                        groups: Any = {}
                        for position in positions:
                            key_value, item_value = key.values[position], value.values[position]
                            if isinstance(key_value, Raised) or isinstance(item_value, Raised):
                                groups = key_value if isinstance(key_value, Raised) else item_value
                                break
                            groups.setdefault(key_value, []).append(item_value)
                        values.append(groups)
                    block = (f"groups = {{}}\nfor {variable} in {iterable.source}:\n"
                             f"    groups.setdefault({key.source}, []).append({value.source})")
                    term = self._term("groups", 1 + iterable.size + rest, tuple(values),
                                      iterable, (key, value))
                    if term is not None:
                        term.lets = (("groups", block),)
                        yield term


class _Skip:
    def __repr__(self) -> str:
        return "<skip>"


_SKIP = _Skip()


def _keep(value: Any, condition: Any) -> Any:
    if isinstance(condition, Raised):
        return condition
    if not isinstance(condition, bool):
        return Raised(TypeError)
    return value if condition else _SKIP
