"""A record-query synthesizer: command bodies as typed pipelines over a store's records.

Where no ranked interpretation of a command passes its spec cases, this searches a small
language for a body that does::

    records | filter(FIELD OP param|constant) ... | group(FIELD, AGG of FIELD)
            | sort(KEY, desc) | take(param|constant) | format(TEMPLATE)
    records | filter ... | aggregate(sum/count/min/max/mean of FIELD) | format(TEMPLATE)
    records | filter ... | update(FIELD := param | constant | FIELD +/- param | not FIELD)
    records | filter ... | delete
    insert(FIELDS from params)
    guard(CONDITION) -> fail(MESSAGE, STATUS)     (before any write)

Programs are enumerated by size; the words of the command order pieces of the same size
(a field the description names, a filter, order, limit or aggregate one of its ranked
interpretations has, come first). Every stage is evaluated on the *example states*: the
records the store held before each step of the command in the spec's cases. Two pipelines
that agree on every example state are observationally equivalent and only the first
(smallest, best-ranked) is kept, as in ``spf.synthesis.search``. Output lines are not
enumerated: their template is learned from the expected lines (literal text around
field values, the rank, the position, aggregates and parameters, with number formats
such as ``{:.2f}``), by ``spf.interpretation.learn_message`` as the learned formats of
interpretations are. Guards are learned from the failing steps: a condition true on every
step that fails with that message and on no step that succeeds.

A found program is a candidate only: the caller renders it (``Program.body``) and runs
it against the real cases in the sandbox. The search is bounded by a node count (which
makes it deterministic) and a wall-clock limit as a safety net (``Budget``). Pure Python:
no pipeline, no spec objects, only the plain data of ``QueryTask``.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spf.synthesis.idioms import same_word
from spf.synthesis.search import BudgetExhausted, Clock, render_constant

NUMBER_KINDS = ("int", "float")
AGGREGATES = ("sum", "count", "min", "max", "mean")
COMPARE = ("==", "!=", "<", "<=", ">", ">=")
SUMMARY = ("total", "count", "lowest", "highest", "mean")  # the names of a summary's values
FUNCTION_WORDS: dict[str, tuple[str, ...]] = {"sum": ("total", "totals", "sum", "spent", "altogether", "overall", "balance"),
                                                   "mean": ("average", "mean", "avg"),
                                                   "count": ("count", "number of", "how many", "times"),
                                                   "max": ("highest", "best", "max", "maximum", "most", "longest", "largest"),
                                                   "min": ("lowest", "worst", "min", "minimum", "least", "shortest", "smallest")}
LOCALS = ("rank", "position", "item", "key", "value", "values", "rows", "groups", "table",
          "store", "found", "total", "count", "lowest", "highest", "mean", "removed", "shared", "ranks")


# ---------------------------------------------------------------- the task (plain data)


@dataclass(frozen=True)
class Param:
    name: str  # as the spec writes it
    python: str  # the Python name the body sees
    kind: str  # "str" "int" "float" "bool" "list"
    default: Any = None  # the option's default (None for an option without one)
    positional: bool = True


@dataclass
class Step:
    """One step of the command: its arguments (by spec name), what it must print, status."""

    args: dict[str, Any]
    expected: list[str] | None
    status: int


@dataclass
class Event:
    """A step of a case: the command's own (``step``), or another command's, seen as the
    store's records before and after it (replayed as a delta)."""

    step: Step | None = None
    before: list[dict] | None = None
    after: list[dict] | None = None


@dataclass
class Case:
    initial: list[dict]
    events: list[Event]


@dataclass
class QueryTask:
    name: str
    params: list[Param]
    fields: dict[str, str]  # field -> kind ("str" "int" "float" "bool" "list")
    defaults: dict[str, Any] = field(default_factory=dict)  # field -> default (insert)
    words: list[str] = field(default_factory=list)  # the name's and description's words
    text: str = ""  # the description, lower case (for phrases: "a to z", "highest first")
    constants: list[Any] = field(default_factory=list)  # numbers the words or errors state
    errors: list[tuple[str, int]] = field(default_factory=list)  # (message, status) documented
    empty_message: str | None = None  # what the words say it prints when nothing is selected
    formats: list[str] = field(default_factory=list)  # the backticked texts of the description
    lookups: list[tuple[str, int]] = field(default_factory=list)  # errors the words give for
    #                                          "nothing selected" ("no item with that name")
    priors: dict[str, set] = field(default_factory=dict)  # pieces of the ranked interpretations
    cases: list[Case] = field(default_factory=list)
    matches: Callable[[list[str], str], bool] | None = None  # the transcript matcher
    store_class: str = "Store"
    entity_class: str = "Record"
    seed: Program | None = None  # the best-ranked reading as a program (its selection, order and limit),
    #   tried first: the words decide what one example cannot, the steps teach its line and guards
    functions: dict[str, tuple[str, str, Callable]] = field(default_factory=dict)  # a spec function of one
    #   argument -> (its argument's kind, its result's kind, its program from its own examples): a text
    #   argument read into a number (``parse_money(amount)``), a number written as text (``show_money(owed)``)

    def param(self, name: str) -> Param | None:
        return next((param for param in self.params if param.name == name), None)


@dataclass
class Budget:
    programs: int = 20000  # candidate programs built (deterministic bound)
    milliseconds: int = 30000  # a safety net far above what 20,000 programs take (about 2 s on
    # a loaded machine), so the program count binds and the result does not depend on load
    keep: int = 6  # passing programs handed to the caller's real check

    def settings(self) -> dict[str, int]:
        return {"programs": self.programs, "milliseconds": self.milliseconds}


def budget_from_settings(table: dict[str, Any], location: str | None = None) -> Budget:
    """The ``[spf.query]`` table of spf.toml (``programs``, ``milliseconds``), checked."""
    from spf.errors import SpfError

    known = {"programs", "milliseconds"}
    unknown = set(table) - known
    if unknown:
        raise SpfError(f"unknown query setting {min(unknown)!r}", location=location,
                       hint=f"known: {', '.join(sorted(known))}")
    for name, value in table.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise SpfError(f"query setting {name!r} must be a whole number of at least 1, "
                           f"not {value!r}", location=location)
    return Budget(**table)


# ---------------------------------------------------------------- the language


@dataclass(frozen=True)
class Atom:
    """``item.FIELD OP operand``; an option's filter applies only when the option is given."""

    field: str
    op: str  # COMPARE, "~=" (ignoring case), "has" (substring, ignoring case), "in" (list
    #          element), "true", "false"
    operand: tuple | None  # ("param", name) | ("const", value) | None
    when: str | None = None  # a bool flag that switches it on

    def words(self) -> str:
        if self.op in ("true", "false"):
            text = f"{self.field} is {self.op}"
        else:
            text = f"{self.field} {self.op} {_operand_words(self.operand)}"
        return text + (f" when --{self.when}" if self.when else "")


@dataclass(frozen=True)
class Guard:
    condition: tuple  # ("empty",) ("found",) ("param", name, op, const) ("record", field, op,
    #                   param|None) ("blank", name)
    message: str
    status: int

    def words(self) -> str:
        return f"guard({_condition_words(self.condition)}) -> fail({self.message!r}, {self.status})"


@dataclass(frozen=True)
class Program:
    filters: tuple[Atom, ...] = ()
    group: tuple[str, str, str | None] | None = None  # (key field, aggregate, value field)
    order: tuple[tuple[str, bool], ...] = ()  # ("field:NAME" | "position" | "key" | "value", desc)
    take: tuple | None = None  # ("param", name) | ("const", n)
    terminal: tuple = ("lines",)  # ("lines",) ("summary", field|None) ("delete",)
    #                               ("update", ((field, op, operand), ...)) ("insert",)
    template: str | None = None  # the output line, over the locals of the terminal
    per_record: bool = True  # writes: one line per record (else one summary line)
    empty: tuple[str, int] | None = None  # nothing selected: (message, status)
    guards: tuple[Guard, ...] = ()
    size: int = 0

    def words(self) -> str:
        parts = ["insert(fields from params)"] if self.terminal[0] == "insert" else ["records"]
        parts += [f"filter({atom.words()})" for atom in self.filters]
        if self.group:
            key, function, value = self.group
            parts.append(f"group({key}, {function}" + (f" of {value})" if value else ")"))
        if self.order:
            parts.append("sort(" + ", ".join(f"{name.split(':')[-1]}{' desc' if desc else ''}"
                                             for name, desc in self.order) + ")")
        if self.take:
            parts.append(f"take({_operand_words(self.take)})")
        kind = self.terminal[0]
        if kind == "summary":
            parts.append("aggregate(" + (self.terminal[1] or "count") + ")")
        elif kind == "delete":
            parts.append("delete")
        elif kind == "update":
            parts.append("update(" + ", ".join(f"{name} := {_assignment_words(name, op, operand)}"
                                               for name, op, operand in self.terminal[1]) + ")")
        if self.template is not None:
            parts.append(f"format({self.template!r})")
        if self.empty:
            parts.append(f"if none: {self.empty[0]!r}" + (f" (exit {self.empty[1]})" if self.empty[1] else ""))
        text = " | ".join(parts)
        return "; ".join([*(guard.words() for guard in self.guards), text])


def _operand_words(operand: tuple | None) -> str:
    if operand is None:
        return ""
    if operand[0] == "call":
        return f"{operand[1]}(--{operand[2]})"
    return f"--{operand[1]}" if operand[0] == "param" else repr(operand[1])


def _assignment_words(name: str, op: str, operand: tuple | None) -> str:
    value = _operand_words(operand)
    return {"set": value, "add": f"{name} + {value}", "subtract": f"{name} - {value}",
            "toggle": f"not {name}"}[op]


def _condition_words(condition: tuple) -> str:
    kind = condition[0]
    if kind == "empty":
        return "nothing selected"
    if kind == "found":
        return "a record is selected"
    if kind == "blank":
        return f"--{condition[1]} is empty"
    if kind == "param":
        return f"--{condition[1]} {condition[2]} {condition[3]!r}"
    _, name, op, param = condition
    if op in ("true", "false"):
        return f"the record's {name} is {op}"
    if op == "in":
        return f"--{param} in the record's {name}"
    if op == "not in":
        return f"--{param} not in the record's {name}"
    return f"--{param} {op} the record's {name}"


@dataclass
class QueryResult:
    programs: list[Program]
    enumerated: int
    kept: int
    seconds: float
    reason: str | None = None  # why nothing (or the budget that ran out)
    exhausted: bool = False  # the whole space within the size bound was searched

    def report(self) -> dict[str, Any]:
        return {"enumerated": self.enumerated, "kept": self.kept, "found": len(self.programs),
                "seconds": round(self.seconds, 3), "exhausted": self.exhausted,
                "reason": self.reason,
                "programs": [program.words() for program in self.programs]}


# ---------------------------------------------------------------- evaluation


def _text(value: Any) -> str:
    return str(value).casefold()


def _holds(atom: Atom, record: dict, args: dict) -> bool:
    if atom.when is not None and not args.get(atom.when):
        return True
    if atom.operand is not None and atom.operand[0] == "param":
        value = args.get(atom.operand[1])
        if value is None:
            return True  # an option not given filters nothing
    else:
        value = atom.operand[1] if atom.operand is not None else None
    item = record.get(atom.field)
    try:
        if atom.op == "true":
            return bool(item)
        if atom.op == "false":
            return not item
        if atom.op == "~=":
            return _text(item) == _text(value)
        if atom.op == "has":
            return _text(value) in _text(item)
        if atom.op == "in":
            return any(_text(element) == _text(value) for element in item or ())
        return _COMPARE[atom.op](item, value)
    except TypeError:
        return False


_COMPARE = {"==": lambda a, b: a == b, "!=": lambda a, b: a != b, "<": lambda a, b: a < b,
            "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}


def _aggregate(function: str, values: list) -> Any:
    if function == "count":
        return len(values)
    if function == "sum":
        return sum(values)
    if function == "mean":
        return sum(values) / len(values) if values else 0.0
    if not values:
        return None
    return min(values) if function == "min" else max(values)


def _option_value(task: QueryTask, args: dict, name: str) -> Any:
    """An option left at its default does not filter: None, as ``_holds`` reads it."""
    param = task.param(name)
    value = args.get(name)
    if param is not None and not param.positional and value == param.default:
        return None
    return value


def _summary(values: list) -> dict[str, Any]:
    return {"total": sum(values), "count": len(values),
            "lowest": min(values) if values else None, "highest": max(values) if values else None,
            "mean": sum(values) / len(values) if values else 0.0}


@dataclass
class Run:
    """One step of the command under a program body: what it selected and printed."""

    step: Step
    records: list[dict]  # the store before it
    selected: list[tuple[int, dict]]  # (position, record), after filters
    rows: list[dict] | None = None  # values of each printed line (None: one summary line)
    summary: dict | None = None


# ---------------------------------------------------------------- learning output lines


def learn_lines(line: str, values: dict[str, Any], rank: int | None,
                written: dict[str, str] | None = None) -> list[str]:
    """Templates of ``line`` over ``values`` (and ``rank`` as ``{position}``): the learned
    formats of ``spf.interpretation``, then the same with floats rounded to one place (the
    caller keeps the first that reproduces every step)."""
    from spf.interpretation import learn_message

    plain = {name: value for name, value in values.items()
             if isinstance(value, (str, int, float)) and not isinstance(value, bool)}
    found = []
    template = learn_message(line, plain, rank, computed=written or None)
    if template is not None:
        found.append(template)
    floats = [name for name, value in plain.items() if isinstance(value, float)]
    if floats:
        rounded = {name: round(value, 1) if name in floats else value
                   for name, value in plain.items()}
        template = learn_message(line, rounded, rank)
        if template is not None:
            for name in floats:
                template = template.replace(f"{{item.{name}}}", f"{{item.{name}:.1f}}")
            found.append(template)
    return list(dict.fromkeys(found))


def _local_template(template: str) -> str:
    """``{item.NAME...}`` placeholders of learn_message as the terminal's own names (also as a
    spec function's argument: ``{show_money(owed)}``)."""
    template = re.sub(r"\{(\w+)\(item\.(\w+)\)", lambda match: "{" + match.group(1) + "(" + match.group(2) + ")", template)
    return re.sub(r"\{item\.(\w+)", lambda match: "{" + match.group(1), template)


def fill(template: str, values: dict[str, Any], functions: dict[str, Callable] | None = None) -> str | None:
    """The line a template writes for one row; a template calling a spec function
    (``{show_money(owed)}``) is evaluated with that function's program from its examples."""
    try:
        if functions and re.search(r"\{\w+\(", template):
            return eval("f" + repr(template), {"__builtins__": {}}, {**values, **functions})  # our own learned template
        return template.format(**values)
    except Exception:  # noqa: BLE001 - a row the template cannot write: no line
        return None


# ---------------------------------------------------------------- the search


class Search:
    def __init__(self, task: QueryTask, budget: Budget):
        self.task = task
        self.budget = budget
        self.clock = Clock(budget.milliseconds, budget.programs)
        self.seen: set = set()
        self.kept = 0
        self.found: list[Program] = []
        self.match = task.matches or (lambda expected, text: [line.rstrip() for line in expected]
                                      == [line.rstrip() for line in text.splitlines()])
        self.steps = [event.step for case in task.cases for event in case.events if event.step]

    # -- pieces, ordered by the words ------------------------------------------------------

    def prior(self, *pieces) -> int:
        """How strongly the words point to these pieces (higher first)."""
        score = 0
        words = set(self.task.words)
        for piece in pieces:
            if piece in self.task.priors.get("pieces", ()):
                score += 2
            if isinstance(piece, str) and piece in words:
                score += 1
        return score

    def said(self, *phrases: str) -> bool:
        return any(re.search(rf"\b{phrase}\b", self.task.text) for phrase in phrases)

    def atoms(self) -> list[tuple[int, Atom]]:
        """Every filter atom with its prior, best first."""
        task = self.task
        found: list[tuple[int, int, Atom]] = []
        for name, kind in task.fields.items():
            options: list[tuple[str, tuple | None]] = []
            if kind == "bool":
                found.append((self.prior(name, ("filter", name)), len(found), Atom(name, "true", None)))
                found.append((self.prior(name, ("filter", name)), len(found), Atom(name, "false", None)))
                for param in task.params:
                    if param.kind == "bool":
                        for op in ("true", "false"):
                            found.append((self.prior(name, param.name, ("filter", name)) + 1,
                                          len(found), Atom(name, op, None, when=param.name)))
                continue
            for param in task.params:
                if kind == "list" and param.kind == "str":
                    options.append(("in", ("param", param.name)))
                elif kind == "str" and param.kind == "str":
                    options += [(op, ("param", param.name)) for op in ("==", "~=", "has")]
                elif kind in NUMBER_KINDS and param.kind in NUMBER_KINDS:
                    options += [(op, ("param", param.name)) for op in COMPARE]
            if kind in NUMBER_KINDS:
                for constant in task.constants:
                    if isinstance(constant, (int, float)) and not isinstance(constant, bool):
                        options += [(op, ("const", constant)) for op in COMPARE]
            for op, operand in options:
                names = [name, ("filter", name), ("filter", name, op)]
                bonus = 3 if operand[0] == "const" and self.compares(op, operand[1]) else 0
                if operand[0] == "param":
                    names.append(operand[1])
                    if same_word(name, operand[1]) or operand[1].endswith("_" + name):
                        bonus += 2  # --player filters player, --min-price price
                    if op == "~=" and self.said("any case", "ignoring case", "case.insensitive"):
                        bonus += 1
                    if op == "has" and self.said("contains?", "containing", "substring", "part of"):
                        bonus += 1
                found.append((self.prior(*names) + bonus, len(found), Atom(name, op, operand)))
        found.sort(key=lambda entry: (-entry[0], entry[1]))
        return [(prior, atom) for prior, _, atom in found]

    def compares(self, op: str, constant: Any) -> bool:
        """Whether the words compare with ``constant`` this way ("over 50", "at most 3")."""
        phrases = {">": "over|above|more than|greater than|exceeding|higher than|larger than",
                   ">=": "at least|no less than|not less than|or more|minimum of",
                   "<": "under|below|less than|fewer than|smaller than|lower than|cheaper than",
                   "<=": "at most|no more than|not more than|or less|or fewer|maximum of",
                   "==": "exactly|equal to", "!=": "other than|except|not equal to"}[op]
        number = re.escape(str(constant))
        if op in (">=", "<=") and re.search(rf"\b{number} ({phrases})\b", self.task.text):
            return True
        return re.search(rf"\b({phrases}) (?:\w+ )?{number}\b", self.task.text) is not None

    def orders(self, grouped: bool) -> list[tuple[int, tuple[tuple[str, bool], ...]]]:
        """Orders with their priors: the words' "highest first", "A to Z", "by rank"."""
        task = self.task
        down = self.said("highest", "largest", "biggest", "top", "best", "descending", "latest",
                         "newest", "most recent", "warmest", "longest", r"most \w+ first", "by rank")
        up = self.said("lowest", "smallest", "cheapest", "fewest", "ascending", "oldest",
                       "earliest", "coldest", "shortest", "quickest")
        alphabetical = self.said("a to z", "alphabetical", "alphabetically", "name order",
                                 "by name", "sorted by name")
        orders: list[tuple[int, tuple]] = [(0, ())]
        if grouped:
            for desc in (True, False):
                hint = 2 * (down if desc else up) + self.prior(("order", "value", desc))
                orders.append((hint, (("value", desc),)))
                orders.append((hint + 2 * alphabetical, (("value", desc), ("key", False))))
            orders += [(2 * alphabetical, (("key", False),)), (0, (("key", True),))]
        else:
            sortable = [name for name, kind in task.fields.items() if kind in ("str", "int", "float")]
            for name in sortable:
                for desc in (False, True):
                    direction = (down if desc else up) if task.fields[name] != "str" else (
                        alphabetical and not desc)
                    orders.append((self.prior(name, ("order", name), ("order", name, desc))
                                   + 2 * direction, ((f"field:{name}", desc),)))
            orders.append((self.prior(("order", "position", True)) + 2 * self.said(
                "most recent", "newest", "latest", "last added", "recently"),
                (("position", True),)))
            for name, other in itertools.permutations(sortable, 2):
                if task.fields[other] == "str":
                    for desc in (False, True):
                        direction = (down if desc else up) if task.fields[name] != "str" else False
                        orders.append((self.prior(name, ("order", name, desc)) + 2 * direction
                                       + 2 * alphabetical,
                                       ((f"field:{name}", desc), (f"field:{other}", False))))
        return orders

    def takes(self) -> list[tuple[int, tuple | None]]:
        task = self.task
        takes: list[tuple[int, tuple | None]] = [(0, None)]
        takes += [(self.prior(("limit", param.name)) + 2, ("param", param.name))
                  for param in task.params if param.kind == "int"
                  and self.prior(("limit", param.name)) + (param.name.lower() in (
                      "limit", "count", "n", "top", "first", "last", "most", "max", "size",
                      "number")) > 0]
        takes += [(self.prior(("limit", constant)), ("const", constant)) for constant in task.constants
                  if isinstance(constant, int) and not isinstance(constant, bool) and 0 < constant < 100]
        return takes

    def numeric_fields(self) -> list[str]:
        return [name for name, kind in self.task.fields.items() if kind in NUMBER_KINDS]

    def group_keys(self) -> list[str]:
        return [name for name, kind in self.task.fields.items() if kind in ("str", "bool", "int")]

    def function_prior(self, function: str, value: str | None) -> int:
        return 2 * self.said(*FUNCTION_WORDS[function]) + self.prior(
            ("aggregate", function), ("aggregate", function, value))

    # -- the walk over the example states ----------------------------------------------------

    def runs(self, program: Program) -> list[Run] | None:
        """Every step of the command under ``program``'s selection and effect; the states
        chain through the other commands' steps (replayed as deltas)."""
        task = self.task
        runs: list[Run] = []
        for case in task.cases:
            state = [dict(record) for record in case.initial]
            for event in case.events:
                if event.step is None:
                    state = _replay(state, event)
                    if state is None:
                        break  # what the other command did cannot be replayed: stop here
                    continue
                step = event.step
                run = self.select(program, state, step)
                runs.append(run)
                if step.status == 0:
                    state = self.effect(program, state, run)
        return runs

    def select(self, program: Program, state: list[dict], step: Step) -> Run:
        args = {name: _option_value(self.task, step.args, name) for name in step.args}
        selected = [(position, record) for position, record in enumerate(state, start=1)
                    if all(_holds(atom, record, args) for atom in program.filters)]
        return Run(step, state, selected)

    def effect(self, program: Program, state: list[dict], run: Run) -> list[dict]:
        kind = program.terminal[0]
        if kind == "delete":
            gone = {position for position, _ in run.selected}
            return [record for position, record in enumerate(state, start=1) if position not in gone]
        if kind == "update":
            changed = {position: self.updated(program, record, run.step.args)
                       for position, record in run.selected}
            return [changed.get(position, record) for position, record in enumerate(state, start=1)]
        if kind == "insert":
            return [*state, self.inserted(run.step.args)]
        return state

    def updated(self, program: Program, record: dict, args: dict) -> dict:
        record = dict(record)
        for name, op, operand in program.terminal[1]:
            value = args.get(operand[1]) if operand and operand[0] == "param" else (
                self.called(operand[1], args.get(operand[2])) if operand and operand[0] == "call" else
                operand[1] if operand else None)
            try:
                if op == "set":
                    record[name] = value
                elif op == "add":
                    record[name] = record[name] + value
                elif op == "subtract":
                    record[name] = record[name] - value
                else:
                    record[name] = not record[name]
            except (TypeError, KeyError):
                pass
        return record

    def called(self, function: str, argument: Any) -> Any:
        """A spec function's value on an argument, by its program from its own examples; None
        when it refuses the argument."""
        try:
            return self.task.functions[function][2](argument)
        except Exception:  # noqa: BLE001 - a refused argument changes nothing
            return None

    def inserted(self, args: dict) -> dict:
        task = self.task
        record = dict(task.defaults)
        for name in task.fields:
            param = self.param_for(name)
            if param is not None and param.name in args:
                record[name] = args[param.name]
        return record

    def param_for(self, name: str) -> Param | None:
        return next((param for param in self.task.params if param.name == name), None) or next(
            (param for param in self.task.params if same_word(param.name.split("_")[-1], name)), None)

    # -- what a run prints ---------------------------------------------------------------------

    def shaped(self, program: Program, run: Run) -> None:
        """Fill ``run.rows`` (one dict per line) or ``run.summary`` (one line)."""
        kind = program.terminal[0]
        args = run.step.args
        params = {f"p_{param.python}": args.get(param.name) for param in self.task.params
                  if param.kind != "list"}
        if kind == "summary":
            name = program.terminal[1]
            values = [record.get(name) for _, record in run.selected] if name else \
                [0] * len(run.selected)
            summary = _summary(values) if name else {"count": len(values)}
            run.summary = {**summary, **params}
            return
        if kind in ("delete", "update") and not program.per_record:
            run.summary = {"count": len(run.selected), **params}
            return
        if kind == "insert":
            record = self.inserted(args)
            run.rows = [{**record, "position": len(run.records) + 1, "rank": 1}]
            return
        if program.group:
            key, function, value_field = program.group
            groups: dict[Any, list] = {}
            for _, record in run.selected:
                groups.setdefault(record.get(key), []).append(
                    record.get(value_field) if value_field else 1)
            table = [{"key": group_key, "value": _aggregate(function, values)}
                     for group_key, values in groups.items()]
            for name, desc in reversed(program.order):
                try:
                    table.sort(key=lambda row, name=name: row[name], reverse=desc)
                except TypeError:
                    pass
            rows = table
        else:
            rows = []
            for position, record in run.selected:
                if kind == "update":
                    record = self.updated(program, record, args)
                rows.append({**record, "position": position})
            for name, desc in reversed(program.order):
                key = name.split(":", 1)[1] if name.startswith("field:") else name
                try:
                    rows.sort(key=lambda row, key=key: row[key], reverse=desc)
                except TypeError:
                    pass
        if program.order:  # "teams with equal points share the same rank": 1, 2, 2, 4
            name, desc = program.order[0]
            by = name.split(":", 1)[1] if name.startswith("field:") else name
            for row in rows:
                try:
                    row["shared"] = 1 + sum(1 for other in rows
                                            if (other[by] > row[by] if desc else other[by] < row[by]))
                except (TypeError, KeyError):
                    break
        if program.take is not None:
            count = args.get(program.take[1]) if program.take[0] == "param" else program.take[1]
            if count is not None and isinstance(count, int) and count >= 0:
                rows = rows[:count]
        for rank, row in enumerate(rows, start=1):
            row["rank"] = rank
        run.rows = rows

    # -- fitting templates and guards ------------------------------------------------------------

    def fit(self, program: Program) -> Program | None:
        """The program with its output template, empty message and guards learned from the
        steps, or None when no template and guards make every step print what it must."""
        runs = self.runs(program)
        if not runs:
            return None
        passing = [run for run in runs if run.step.status == 0]
        failing = [run for run in runs if run.step.status != 0]
        for run in passing:
            self.shaped(program, run)
        empty = None
        silent = False  # a step shows nothing printed when nothing is selected
        for run in passing:  # nothing selected: the body's own output, or one message
            if run.step.expected is None or not self.is_empty(program, run):
                continue
            if run.step.expected in ([], [""]) and empty is None:
                silent = True
                continue
            message = tuple(run.step.expected)
            if len(message) != 1 or (empty is not None and empty != (message[0], 0)) \
                    or program.terminal[0] not in ("lines", "summary") or _shows_data(message[0], run):
                return None
            empty = (message[0], 0)
        if empty is None and not silent and task_empty(self.task, program):  # no step shows it: the words
            empty = (self.task.empty_message, 0)
        template = self.template(program, [run for run in passing if not (
            empty and self.is_empty(program, run))])
        if template is False:
            return None
        quiet = template is None
        if quiet and program.terminal[0] in ("lines", "summary"):
            return None  # a query that prints nothing is never what a step shows
        program = _replace(program, template=template, empty=empty)
        for run in passing:
            if run.step.expected is None:
                continue
            if empty and self.is_empty(program, run):
                continue
            if not self.match(run.step.expected, "\n".join(self.lines(program, run))):
                return None
        guards = self.guards(program, failing, passing)
        if guards is None:
            return None
        said = [Guard(("empty",), self.worded(message), status) for message, status in self.task.lookups
                if (self.worded(message), status) not in {(g.message, g.status) for g in guards}
                and program.terminal[0] != "insert" and empty is None
                and not any(self.fires(("empty",), run) for run in passing)]
        return _replace(program, guards=tuple(said[:1] + guards))

    def is_empty(self, program: Program, run: Run) -> bool:
        if program.terminal[0] == "insert":
            return False
        return not run.selected

    def lines(self, program: Program, run: Run) -> list[str]:
        if program.template is None:
            return []
        functions = {name: program for name, (_, _, program) in self.task.functions.items()}
        if run.summary is not None:
            text = fill(program.template, run.summary, functions)
            return [] if text is None else [text]
        return [text for text in (fill(program.template, row, functions) for row in run.rows or [])
                if text is not None]

    def template(self, program: Program, runs: list[Run]) -> str | None | bool:
        """The line template that fits every step (None: the steps print nothing; False: no
        template fits)."""
        checked = [run for run in runs if run.step.expected is not None]
        if not checked:
            return None if program.terminal[0] not in ("lines", "summary") else False
        if all(not [line for line in run.step.expected if line.strip()] for run in checked):
            return None if program.terminal[0] in ("delete", "update", "insert") else False
        tried: set[str] = set()
        for run in checked:
            candidates = [(run.summary, line) for line in run.step.expected[:1]] \
                if run.summary is not None else list(zip(run.rows or [], run.step.expected))
            for values, line in candidates[:3]:
                for template in self.templates(line, values):
                    if template in tried or not self.agrees(template):
                        continue
                    tried.add(template)
                    trial = _replace(program, template=template)
                    if all(self.match(other.step.expected, "\n".join(self.lines(trial, other)))
                           for other in checked):
                        return template
        return False

    def agrees(self, template: str) -> bool:
        """Whether a learned line keeps to the format the words state (`1. text`): its
        punctuation is the format's and its words are the description's. An example that
        contradicts the stated format is not fitted by text frozen into the program."""
        if not self.task.formats:
            return True
        literal = re.sub(r"\{\w+(?:\(\w+\))?(?::[^}]*)?\}", " ", template).replace("{{", "{").replace("}}", "}")
        stated = " ".join(self.task.formats)
        if any(not char.isalnum() and not char.isspace() and char not in stated for char in literal):
            return False
        words = set(self.task.words) | set(re.findall(r"[a-z0-9]+", stated.lower()))
        return all(word in words for word in re.findall(r"[a-z0-9]+", literal.lower()))

    def templates(self, line: str, values: dict) -> list[str]:
        """Templates of one line over a row's values, each placeholder a local name."""
        written = self.written(values)
        if "rank" in values:  # the rank and the position may read the same: one at a time
            rest = {name: value for name, value in values.items() if name not in ("rank", "position", "shared")}
            found = []
            for number in ("rank", "position", "shared"):  # shared: a tie's rank (1, 2, 2, 4)
                if number in values:
                    found += [_local_template(learned.replace("{position", "{" + number))
                              for learned in learn_lines(line, rest, values[number], written)]
            found += [_local_template(learned) for learned in learn_lines(line, rest, None, written)]
            return found
        return [_local_template(learned) for learned in learn_lines(line, values, None, written)]

    def written(self, values: dict) -> dict[str, str]:
        """What each spec function from a number writes for each number of a row (`7.50` is
        ``show_money(owed)`` of 750), for the line learner to place."""
        found: dict[str, str] = {}
        for function, (takes, gives, _) in self.task.functions.items():
            if takes not in NUMBER_KINDS or gives not in ("str", *NUMBER_KINDS):
                continue
            for name, value in values.items():
                if isinstance(value, (int, float)) and not isinstance(value, bool) and name not in ("rank", "position"):
                    text = self.called(function, value)
                    if text is not None and not isinstance(text, bool) and str(text) != str(value):
                        found.setdefault(f"{function}(item.{name})", str(text))
        return found

    def conditions(self, program: Program) -> list[tuple]:
        task = self.task
        found: list[tuple] = [("empty",), ("found",)]
        constants = [value for value in task.constants
                     if isinstance(value, (int, float)) and not isinstance(value, bool)]
        for param in task.params:
            if param.kind in NUMBER_KINDS:
                for constant in dict.fromkeys([0, *constants]):
                    found += [("param", param.name, op, constant) for op in ("<", "<=", ">", ">=")]
                for name, kind in task.fields.items():
                    if kind in NUMBER_KINDS:
                        found += [("record", name, op, param.name) for op in (">", "<", ">=", "<=")]
            if param.kind == "str":
                found.append(("blank", param.name))
                for name, kind in task.fields.items():
                    if kind == "list":
                        found += [("record", name, "in", param.name), ("record", name, "not in", param.name)]
        for name, kind in task.fields.items():
            if kind == "bool":
                found += [("record", name, "true", None), ("record", name, "false", None)]
        return found

    def fires(self, condition: tuple, run: Run) -> bool:
        kind = condition[0]
        if kind == "empty":
            return not run.selected
        if kind == "found":
            return bool(run.selected)
        args = run.step.args
        if kind == "blank":
            return not str(args.get(condition[1]) or "").strip()
        if kind == "param":
            value = args.get(condition[1])
            try:
                return value is not None and _COMPARE[condition[2]](value, condition[3])
            except TypeError:
                return False
        if not run.selected:
            return False
        _, name, op, param = condition
        record = run.selected[0][1]
        if op == "true":
            return bool(record.get(name))
        if op == "false":
            return not record.get(name)
        value = args.get(param)
        if op in ("in", "not in"):
            items = record.get(name)
            element = isinstance(items, (list, tuple)) and any(
                _text(item) == _text(value) for item in items)
            return element if op == "in" else not element
        try:
            return _COMPARE[op](value, record.get(name))
        except TypeError:
            return False

    def guards(self, program: Program, failing: list[Run], passing: list[Run]) -> list[Guard] | None:
        """Guards that refuse every failing step with its message and no passing one."""
        failing = [run for run in failing if not _usage_error(run.step)]
        if not failing:
            return []
        wanted: dict[tuple[str, int], list[Run]] = {}
        for run in failing:
            wanted.setdefault(self.refusal(run), []).append(run)
        guards = []
        candidates = self.conditions(program)
        if any(self.hard_coded(*refusal) for refusal in wanted):
            return None
        for refusal, runs in wanted.items():
            others = [run for other, group in wanted.items() if other != refusal for run in group]
            fitting = [condition for condition in candidates
                       if all(self.fires(condition, run) for run in runs)
                       and not any(self.fires(condition, run) for run in passing)]
            exclusive = [condition for condition in fitting
                         if not any(self.fires(condition, run) for run in others)]
            condition = (exclusive or fitting or [None])[0]
            if condition is None:
                return None
            guards.append(Guard(condition, *refusal))
        # the first guard that fires decides: check every failing step against the list
        for run in failing:
            first = next((guard for guard in guards if self.fires(guard.condition, run)), None)
            if first is None or (first.message, first.status) != self.refusal(run):
                return None
        return guards

    def refusal(self, run: Run) -> tuple[str, int]:
        expected = [line for line in run.step.expected or [] if line.strip()]
        if len(expected) == 1:
            return self.worded(expected[0], run.step.args), run.step.status
        documented = next((message for message, status in self.task.errors
                           if status == run.step.status), "")
        return self.worded(documented), run.step.status

    def hard_coded(self, message: str, status: int) -> bool:
        """Whether a refusal's message is one example's text of a documented message whose
        placeholders no argument fills: "ticket N already went to NAME" seen once as `ticket 2
        already went to Joan` (NAME the record's taker) is not the literal `ticket 2 ...`."""
        given = {param.name.upper(): "{p_" + param.python + "}" for param in self.task.params}
        for documented, documented_status in self.task.errors:
            slots = [slot for slot in re.findall(r"\b[A-Z][A-Z_]*\b", documented)
                     if slot not in message.split() and slot not in given]  # HAVE of "only HAVE CODE on van"
            if documented_status != status or not slots:
                continue
            pattern = "".join("(.+?)" if piece in slots else re.escape(given.get(piece, piece))
                              for piece in re.split(r"(\b[A-Z][A-Z_]*\b)", documented))
            if re.fullmatch(pattern, message):
                return True
        return False

    def worded(self, message: str, args: dict | None = None) -> str:
        """A refusal's message as a template over the arguments: the value a step gave
        (`no results for 2024-10-17`) or the argument's name in capitals the words use (`no
        results for NIGHT`) becomes ``{p_night}``; a message naming neither stays as it is."""
        escaped = message.replace("{", "{{").replace("}", "}}")
        templated = escaped
        for param in self.task.params:
            if param.kind == "list":
                continue
            value = (args or {}).get(param.name)
            if value is not None and not isinstance(value, bool) and len(str(value)) > 1:
                templated = re.sub(rf"(?<![\w-]){re.escape(str(value))}(?![\w-])", "{p_" + param.python + "}", templated)
            templated = re.sub(rf"\b{re.escape(param.name.upper())}\b", "{p_" + param.python + "}", templated)
        return templated if templated != escaped else message

    # -- enumeration -------------------------------------------------------------------------------

    def consider(self, program: Program) -> None:
        """One candidate program: counted, kept when it behaves unlike every earlier one on
        the example states, fitted, and remembered when it passes. A program that cannot
        run on a state (a sum over text, a field a record lacks) is not a candidate."""
        self.clock.tick()
        try:
            key = self.behaviour(program)
        except (TypeError, ValueError, KeyError, AttributeError, ZeroDivisionError):
            return
        if key is None or key in self.seen:
            return
        self.seen.add(key)
        self.kept += 1
        try:
            fitted = self.fit(program)
        except (TypeError, ValueError, KeyError, AttributeError, ZeroDivisionError):
            return
        if fitted is not None:
            self.found.append(fitted)
            if len(self.found) >= self.budget.keep:
                raise _Enough()

    def behaviour(self, program: Program) -> tuple | None:
        """What ``program`` does on every example state, before its output is formatted."""
        runs = self.runs(program)
        if runs is None:
            return None
        passing = [run for run in runs if run.step.status == 0]
        for run in passing:
            self.shaped(program, run)
        shape = []
        for run in runs:
            if run.step.status != 0:
                shape.append(("refused", tuple(position for position, _ in run.selected)))
                continue
            rows = tuple(tuple(sorted((name, repr(value)) for name, value in row.items()))
                         for row in run.rows) if run.rows is not None else None
            summary = tuple(sorted((name, repr(value)) for name, value in run.summary.items())) \
                if run.summary is not None else None
            after = tuple(repr(sorted(record.items())) for record in self.effect(program, run.records, run))
            shape.append((rows, summary, after, tuple(position for position, _ in run.selected)))
        return (program.terminal[0], program.per_record, tuple(shape))

    def filter_sets(self, atoms: list[tuple[int, Atom]]) -> list[tuple[tuple[Atom, ...], int, int]]:
        """Filters of up to two atoms, each distinct by what it selects on every example
        state (observational equivalence: of two that select alike, the first is kept)."""
        states = [(run.records, run.step.args) for run in self.runs(Program())]
        kept: list[tuple[tuple[Atom, ...], int, int]] = []
        seen: set = set()
        priors = {atom: prior for prior, atom in atoms}
        singles = [((atom,), 1, prior) for prior, atom in atoms]
        pairs = [((a, b), 2, pa + pb) for (pa, a), (pb, b) in itertools.combinations(atoms, 2)
                 if a.field != b.field or a.op in ("true", "false")]
        for chosen, cost, prior in sorted([((), 0, 0), *singles, *pairs],
                                          key=lambda entry: (_filter_cost(entry[0], priors),
                                                             entry[1])):
            self.clock.tick()
            key = tuple(tuple(position for position, record in enumerate(records, start=1)
                              if all(_holds(atom, record, {name: _option_value(self.task, args, name)
                                                           for name in args}) for atom in chosen))
                        for records, args in states)
            # which parameters it reads: a filter by --name is not "no filter", even where
            # the examples cannot tell them apart (an ignored argument is never equivalent)
            key = (key, frozenset(atom.operand[1] for atom in chosen
                                  if atom.operand and atom.operand[0] == "param"))
            if key in seen:
                continue
            seen.add(key)
            kept.append((chosen, cost, prior))
        return kept

    def run(self) -> QueryResult:
        started = time.perf_counter()
        reason = None
        exhausted = False
        try:
            if self.task.seed is not None:  # "the highest flight ..., the lower launch number wins": taken as the
                self.consider(self.task.seed)  # words read it, the line learned from the steps
            self.enumerate()
            exhausted = True
            if not self.found:
                reason = (f"no program of the query language passes the command's cases "
                          f"({self.kept} distinct of {self.clock.count} tried)")
        except _Enough:
            pass
        except BudgetExhausted as error:
            reason = f"the search stopped at its bound ({error}); " + (
                f"{len(self.found)} found" if self.found else "nothing found")
        return QueryResult(self.found, self.clock.count, self.kept,
                           time.perf_counter() - started, reason, exhausted)

    MAX_SIZE = 8

    def enumerate(self) -> None:
        """Every program up to ``MAX_SIZE`` pieces, cheapest first: a program's cost is its
        size less what the words say for its pieces (so "highest total first, ties A to Z"
        reaches the two-key sort before a shorter one the examples cannot tell apart)."""
        atoms = self.atoms()
        filters = self.filter_sets(atoms)
        programs: list[tuple[int, int, int, Program]] = []
        shapes = []
        if self.wants_read():
            shapes += self.read_shapes()
        if self.wants_write():
            shapes += self.write_shapes()
        priors = {atom: prior for prior, atom in atoms}
        for chosen, cost, _ in filters:
            for size, hint, shape in shapes:
                if cost + size > self.MAX_SIZE or (shape.terminal[0] == "insert" and chosen):
                    continue
                unused = self.unused(chosen, shape)
                programs.append((_filter_cost(chosen, priors) + size - hint + 2 * unused,
                                 cost + size, len(programs),
                                 _replace(shape, filters=chosen, size=cost + size)))
        programs.sort(key=lambda entry: entry[:3])
        for _, _, _, program in programs:
            self.consider(program)

    def unused(self, filters: tuple[Atom, ...], shape: Program) -> int:
        """Positional parameters the program does not use (each costs, as an ignored
        parameter lowers an interpretation's rank)."""
        used = {atom.operand[1] for atom in filters if atom.operand and atom.operand[0] == "param"}
        used |= {atom.when for atom in filters if atom.when}
        if shape.take and shape.take[0] == "param":
            used.add(shape.take[1])
        if shape.terminal[0] == "update":
            used |= {operand[1] for _, _, operand in shape.terminal[1]
                     if operand and operand[0] == "param"}
        if shape.terminal[0] == "insert":
            used |= {param.name for name in self.task.fields
                     for param in [self.param_for(name)] if param is not None}
        return sum(1 for param in self.task.params if param.positional and param.name not in used)

    def read_shapes(self) -> list[tuple[int, int, Program]]:
        """(size, prior, program without filters) of every read."""
        shapes = [(1, self.said("how many", "number of", "count"), Program(terminal=("summary", None)))]
        for name in self.numeric_fields():
            hint = max(self.function_prior(function, name) for function in ("sum", "mean", "min", "max"))
            shapes.append((1, hint + self.prior(name), Program(terminal=("summary", name))))
        for order_prior, order in self.orders(grouped=False):
            for take_prior, take in self.takes():
                shapes.append((len(order) + (take is not None), order_prior + take_prior,
                               Program(order=order, take=take)))
        for key in self.group_keys():
            functions = [("count", None)] + [(function, name) for name in self.numeric_fields()
                                             for function in ("sum", "max", "min", "mean")]
            said = 2 * self.said(f"per {key}", f"for each {key}", f"by {key}", f"each {key}",
                                 f"every {key}", f"one line per {key}")
            for function, value in functions:
                if value == key:
                    continue
                read = self.prior(("grouped", key, function, value))  # one reading's group
                hint = said + read + (self.function_prior(function, value) + (
                    self.prior(value) if value else 0) if said or read else 0)
                if not said and not read:  # the words say nothing of groups: a group costs more
                    hint = -3
                for order_prior, order in self.orders(grouped=True):
                    for take_prior, take in self.takes():
                        shapes.append((2 + len(order) + (take is not None),
                                       hint + order_prior + take_prior,
                                       Program(group=(key, function, value), order=order, take=take)))
        return shapes

    def write_shapes(self) -> list[tuple[int, int, Program]]:
        removes = 2 * self.said("remove", "delete", "clear", "forget", "drop", "erase", "purge",
                                "wipe", "discard")
        shapes = [(1, removes + per_record, Program(terminal=("delete",), per_record=bool(per_record)))
                  for per_record in (0, 1)]
        for prior, assignment in self.assignments():
            for per_record in (1, 0):
                shapes.append((2, prior + per_record, Program(terminal=("update", (assignment,)),
                                                              per_record=bool(per_record))))
        if self.insertable():
            shapes.append((1, 2 * self.said("add", "new", "record", "create", "log"),
                           Program(terminal=("insert",))))
        return shapes

    def wants_read(self) -> bool:
        """The words' hint: a command whose readings all write is not searched as a query."""
        return self.task.priors.get("kind", {"both"}) & {"read", "both"} != set()

    def wants_write(self) -> bool:
        """Nor one whose readings all read, unless its words say it changes the records
        ("take AMOUNT away from the quantity"): a list must never turn into a delete."""
        return self.task.priors.get("kind", {"both"}) & {"write", "both"} != set() or self.said(
            r"take \w+ away", "away from", "subtract", "increase", "decrease", "mark", "marks",
            "rename", "remove", "removes", "delete", "deletes", "change", "changes", "set to")

    def insertable(self) -> bool:
        """Every field without a default has a parameter to come from."""
        return all(name in self.task.defaults or self.param_for(name) is not None
                   for name in self.task.fields)

    def assignments(self) -> list[tuple[int, tuple]]:
        """Assignments with their priors: a flag the words name ("mark as read", "no longer
        done"), a field a parameter is named for (``new_title``), "add"/"take away"."""
        task = self.task
        found: list[tuple[int, tuple]] = []
        adding = self.said("add", "adds", "increase", "increases", "raise", "raises", "more",
                           "plus", "top up", "bump")
        taking = self.said("take", "takes", "subtract", "subtracts", "decrease", "decreases",
                           "use", "uses", "less", "minus", "away", "lower", "lowers")
        for name, kind in task.fields.items():
            named = self.prior(name, ("set", name))
            if kind == "bool":
                negated = self.said(f"un{name}", f"not {name}", f"no longer {name}",
                                    f"no longer \\w+ {name}")
                found.append((2 * named - 2 * negated, (name, "set", ("const", True))))
                found.append((2 * named - 2 * (not negated), (name, "set", ("const", False))))
                found.append((named - 2, (name, "toggle", None)))
            for function, (takes, gives, _) in task.functions.items() if kind in NUMBER_KINDS else ():
                for param in task.params:  # "The amount is read with parse_money": the number it reads
                    if param.kind == takes == "str" and gives in NUMBER_KINDS:
                        for op, hinted in (("set", False), ("add", adding), ("subtract", taking)):
                            found.append((named + 2 * hinted + self.prior(("set", name, op)) + self.said(function) - 1,
                                          (name, op, ("call", function, param.name))))
            for param in task.params:
                if kind == param.kind or (kind == "float" and param.kind == "int"):
                    found.append((2 * same_word(name, param.name.split("_")[-1])
                                  + self.prior(("set", name)) - 1,
                                  (name, "set", ("param", param.name))))
                if kind in NUMBER_KINDS and param.kind in NUMBER_KINDS:
                    for op, hinted in (("add", adding), ("subtract", taking)):
                        found.append((named + 2 * hinted + self.prior(("set", name, op)),
                                      (name, op, ("param", param.name))))
        return found


class _Enough(Exception):
    pass


def _shows_data(message: str, run: Run) -> bool:
    """Whether a line shows a value of a record or an argument (then it is no fixed message)."""
    values = [value for record in run.records for value in record.values()]
    values += list(run.step.args.values())
    return any(isinstance(value, (str, int, float)) and not isinstance(value, bool)
               and len(str(value)) > 1 and str(value) in message for value in values)


def task_empty(task: QueryTask, program: Program) -> bool:
    return bool(task.empty_message) and program.terminal[0] in ("lines", "summary")


def _filter_cost(chosen: tuple[Atom, ...], priors: dict[Atom, int]) -> float:
    """What filters add to a program's cost: an atom the words point to costs less, but
    never nothing, so a second atom is never cheaper than leaving it out."""
    return sum(1.0 if priors.get(atom, 0) <= 0 else 0.5 if priors[atom] < 3 else 0.25
               for atom in chosen)


def _replace(program: Program, **changes) -> Program:
    from dataclasses import replace

    return replace(program, **changes)


def _usage_error(step: Step) -> bool:
    """A step click refuses before the body runs (a usage error): no guard's business."""
    return step.status == 2 and (step.expected is None or any(
        line.startswith(("Usage:", "Error:")) or "Error: " in line for line in step.expected))


def _replay(state: list[dict], event: Event) -> list[dict] | None:
    """Another command's step applied to ``state``: what it did in the recorded run when
    the state is the one it saw, else the records it appended, else unknown (None)."""
    before, after = event.before or [], event.after or []
    if state == before:
        return [dict(record) for record in after]
    if after == before:
        return state
    if after[:len(before)] == before:
        return state + [dict(record) for record in after[len(before):]]
    return None


def synthesize_query(task: QueryTask, budget: Budget | None = None) -> QueryResult:
    """Search the query language for bodies that pass the task's steps (best first)."""
    return Search(task, budget or Budget()).run()


# ---------------------------------------------------------------- rendering a program


def render(program: Program, task: QueryTask) -> list[str]:
    """The command's body (statements, no indentation) for a found program."""
    params = {param.name: param for param in task.params}
    taken = {param.python for param in task.params}
    names = {name: (name if name not in taken else name + "_") for name in LOCALS}

    def local(name: str) -> str:
        return names[name]

    def operand(value: tuple | None) -> str:
        if value is None:
            return "None"
        if value[0] == "call":
            return f"{value[1]}({params[value[2]].python})"
        return params[value[1]].python if value[0] == "param" else render_constant(value[1])

    item = local("item")
    position = local("position")
    rows = local("rows")
    lines = [f"{local('store')} = {task.store_class}()"]
    kind = program.terminal[0]
    used = {atom.operand[1] for atom in program.filters if atom.operand and atom.operand[0] == "param"}
    used |= {atom.when for atom in program.filters if atom.when}
    if kind != "insert":
        lines.append(f"{rows} = list(enumerate({local('store')}.all(), start=1))")
    for atom in program.filters:
        lines.append(f"{rows} = [({position}, {item}) for {position}, {item} in {rows} "
                     f"if {_condition_source(atom, params, item)}]")
    for guard in program.guards:
        lines += [f"if {_guard_source(guard.condition, params, rows)}:",
                  f"    fail({_message_source(guard.message, names, params)}, {guard.status})"]
        if guard.condition[0] in ("param", "blank"):
            used.add(guard.condition[1])
        elif guard.condition[0] == "record" and guard.condition[3]:
            used.add(guard.condition[3])
    if program.empty is not None and kind != "insert":
        message, status = program.empty
        lines += [f"if not {rows}:"]
        lines += [f"    click.echo({render_constant(message)})", "    return"] if status == 0 else \
            [f"    fail({render_constant(message)}, {status})"]
    template = program.template
    echo = f"click.echo(f{render_constant(_rename(template, names, params))})" if template else None
    placeholders = set(re.findall(r"\{(\w+)", template or ""))
    used |= {param.name for param in task.params if f"p_{param.python}" in placeholders}
    if kind == "insert":
        arguments = []
        search = Search(task, Budget())
        for name in task.fields:
            param = search.param_for(name)
            if param is not None:
                arguments.append(f"{name}={param.python}")
                used.add(param.name)
        lines.append(f"{item} = {task.entity_class}({', '.join(arguments)})")
        lines.append(f"{position} = {local('store')}.add({item}) + 1")
        lines.append(f"{local('rank')} = 1")
        if echo:
            lines.append(echo)
    elif kind == "summary":
        name = program.terminal[1]
        values = local("values")
        lines.append(f"{values} = [{item}.{name} for {position}, {item} in {rows}]" if name else
                     f"{values} = [{item} for {position}, {item} in {rows}]")
        computed = {"total": f"sum({values})", "count": f"len({values})",
                    "lowest": f"min({values}, default=None)", "highest": f"max({values}, default=None)",
                    "mean": f"sum({values}) / len({values}) if {values} else 0.0"}
        for local_name, expression in computed.items():
            if local_name in placeholders:
                lines.append(f"{local(local_name)} = {expression}")
        if echo:
            lines.append(echo)
    elif program.group is not None:
        key, function, value_field = program.group
        groups, table = local("groups"), local("table")
        lines.append(f"{groups}: dict = {{}}")
        lines.append(f"for {position}, {item} in {rows}:")
        lines.append(f"    {groups}.setdefault({item}.{key}, []).append("
                     f"{item}.{value_field if value_field else key})")
        aggregate = {"count": "len(members)", "sum": "sum(members)", "min": "min(members)",
                     "max": "max(members)", "mean": "sum(members) / len(members)"}[function]
        lines.append(f"{table} = [({local('key')}, {aggregate}) for {local('key')}, members in "
                     f"{groups}.items()]")
        for name, desc in reversed(program.order):
            index = 0 if name == "key" else 1
            lines.append(f"{table}.sort(key=lambda row: row[{index}]{', reverse=True' if desc else ''})")
        shared = "shared" in placeholders and program.order  # the ranks before any are left out
        if shared:
            name, desc = program.order[0]
            index = 0 if name == "key" else 1
            lines.append(f"{local('ranks')} = [1 + sum(1 for other in {table} if other[{index}] {'>' if desc else '<'} "
                         f"row[{index}]) for row in {table}]")
        lines += _take_lines(program, table, params)
        lines.append(f"for {local('rank')}, ({local('key')}, {local('value')}) in "
                     f"enumerate({table}, start=1):")
        if shared:
            lines.append(f"    {local('shared')} = {local('ranks')}[{local('rank')} - 1]")
        lines.append(f"    {echo}" if echo else "    pass")
    else:
        for name, desc in reversed(program.order):
            key = f"row[1].{name.split(':', 1)[1]}" if name.startswith("field:") else "row[0]"
            lines.append(f"{rows}.sort(key=lambda row: {key}{', reverse=True' if desc else ''})")
        shared = "shared" in placeholders and program.order and program.order[0][0].startswith("field:")
        if shared:  # "the rank of any team is one more than the number of teams that scored more"
            name, desc = program.order[0]
            by = name.split(":", 1)[1]
            lines.append(f"{local('ranks')} = [1 + sum(1 for other in {rows} if other[1].{by} {'>' if desc else '<'} "
                         f"row[1].{by}) for row in {rows}]")
        lines += _take_lines(program, rows, params)
        if kind == "delete":
            lines += [f"for {position}, {item} in reversed({rows}):",
                      f"    {local('store')}.remove({position} - 1)"]
        if kind == "update":
            lines.append(f"for {position}, {item} in {rows}:")
            for name, op, value in program.terminal[1]:
                if value and value[0] == "param":
                    used.add(value[1])
                elif value and value[0] == "call":
                    used.add(value[2])
                target = f"{item}.{name}"
                lines.append("    " + {"set": f"{target} = {operand(value)}",
                                       "add": f"{target} = {target} + {operand(value)}",
                                       "subtract": f"{target} = {target} - {operand(value)}",
                                       "toggle": f"{target} = not {target}"}[op])
            lines.append(f"    {local('store')}.update({position} - 1, {item})")
        if echo and program.per_record:
            lines.append(f"for {local('rank')}, ({position}, {item}) in enumerate({rows}, start=1):")
            if shared:
                lines.append(f"    {local('shared')} = {local('ranks')}[{local('rank')} - 1]")
            lines.append(f"    {echo}")
        elif echo:
            lines.append(f"{local('count')} = len({rows})")
            lines.append(echo)
    if program.take and program.take[0] == "param":
        used.add(program.take[1])
    ignored = [f"ignored_option({render_constant(param.python)}, {render_constant(task.name)})"
               for param in task.params if not param.positional and param.name not in used]
    return ignored + lines


def _message_source(message: str, names: dict[str, str], params: dict[str, Param]) -> str:
    """A refusal's Python: the message, or an f-string where it names an argument (``{p_night}``)."""
    if not any("{p_" + param.python + "}" in message for param in params.values()):
        return render_constant(message)
    return "f" + render_constant(_rename(message, names, params))


def _rename(template: str, names: dict[str, str], params: dict[str, Param]) -> str:
    """The template's placeholders as the body's names: ``{p_NAME}`` is the parameter,
    a field is ``item.FIELD``, the others are locals."""
    pythons = {f"p_{param.python}": param.python for param in params.values()}
    item = names["item"]

    def one(match: re.Match) -> str:
        name = match.group(1)
        if name in pythons:
            return "{" + pythons[name]
        if name in names:
            return "{" + names[name]
        return "{" + f"{item}.{name}"

    def called(match: re.Match) -> str:  # `{show_money(owed)}`: the function of the renamed argument
        return "{" + match.group(1) + "(" + one(re.match(r"\{(\w+)", "{" + match.group(2)))[1:] + ")"

    template = re.sub(r"(?<!\{)\{(\w+)\((\w+)\)", called, template)
    return re.sub(r"(?<!\{)\{(\w+)(?!\w*\()", one, template)


def _take_lines(program: Program, rows: str, params: dict[str, Param]) -> list[str]:
    if program.take is None:
        return []
    if program.take[0] == "const":
        return [f"{rows} = {rows}[:{program.take[1]}]"]
    name = params[program.take[1]].python
    return [f"{rows} = {rows}[:{name}] if {name} is not None and {name} >= 0 else {rows}"]


def _condition_source(atom: Atom, params: dict[str, Param], item: str) -> str:
    target = f"{item}.{atom.field}"
    if atom.operand is not None and atom.operand[0] == "param":
        param = params[atom.operand[1]]
        value = param.python
    else:
        param = None
        value = render_constant(atom.operand[1]) if atom.operand is not None else ""
    condition = {"true": target, "false": f"not {target}",
                 "~=": f"str({target}).casefold() == str({value}).casefold()",
                 "has": f"str({value}).casefold() in str({target}).casefold()",
                 "in": f"any(str(element).casefold() == str({value}).casefold() for element in {target})",
                 }.get(atom.op) or f"{target} {atom.op} {value}"
    if atom.when:
        condition = f"(not {params[atom.when].python} or {condition})"
    if param is not None and not param.positional:
        condition = f"({value} is None or {value} == {render_constant(param.default)} or {condition})" \
            if param.default is not None else f"({value} is None or {condition})"
    return condition


def _guard_source(condition: tuple, params: dict[str, Param], rows: str) -> str:
    kind = condition[0]
    if kind == "empty":
        return f"not {rows}"
    if kind == "found":
        return rows
    if kind == "blank":
        return f"not str({params[condition[1]].python} or '').strip()"
    if kind == "param":
        name = params[condition[1]].python
        return f"{name} is not None and {name} {condition[2]} {render_constant(condition[3])}"
    _, name, op, param = condition
    record = f"{rows}[0][1].{name}"
    if op == "true":
        return f"{rows} and {record}"
    if op == "false":
        return f"{rows} and not {record}"
    value = params[param].python
    element = f"any(str(element).casefold() == str({value}).casefold() for element in {record})"
    if op == "in":
        return f"{rows} and {element}"
    if op == "not in":
        return f"{rows} and not {element}"
    return f"{rows} and {value} {op} {record}"
