"""What a command means: Layer 2's interpretation of a ``## Command:`` as data.

A command's prose is read as a *search*, not a single guess. ``interpret_command``
enumerates candidate interpretations from a small space (an operation over the store,
how records are selected, filters, an order, a limit, field assignments, an aggregate,
guards from the error clauses, functions of the spec composed in) and ranks them by the
words of the name and description, with the taxonomy's keywords as priors. The
implement stage checks the ranked candidates against the command's acceptance tests
(the spec's examples and transcripts) and keeps the first that passes; with nothing to
check, the best-ranked one is used and reported ``unchecked`` with its words.

Users can pin what the words leave open, one bullet per aspect under the command
(``- operation: update``, ``- select: by name``, ``- filter: done is false when
--pending``, ``- order: price descending``, ``- limit: count``, ``- set: title to
new_title``); pins are constraints on the search. Everything here is plain data
(``to_dict``) so ``spf plan`` can show it and the pyramid JSON can carry it; templates
only render it, nothing downstream re-reads the prose.
"""

from __future__ import annotations

import functools
import operator
import re
from dataclasses import dataclass, field, fields, replace
from typing import Any

from spf.errors import SpecError

OPERATIONS = ("add", "list", "show", "update", "remove", "count", "aggregate", "custom")
AGGREGATES = ("sum", "mean", "min", "max")
PIN_KEYS = ("operation", "select", "filter", "order", "limit", "set", "output")
INDEX_NAMES = {"index", "position", "number", "id", "n", "num", "pos", "no", "nr"}
LIMIT_NAMES = {"count", "limit", "n", "top", "most", "max", "at_most", "first", "last", "size"}

# Priors: the words that suggest each operation (the taxonomy's keywords are added to these).
OPERATION_WORDS: dict[str, tuple[str, ...]] = {
    "add": ("add", "create", "new", "record", "log", "register", "insert", "enter", "save", "open",
            "track", "put", "append", "note", "book", "plant", "stock"),
    "list": ("list", "show", "print", "display", "ls", "view", "see", "report", "search",
             "find", "filter", "browse", "all", "every", "each"),
    "show": ("show", "print", "display", "get", "lookup", "look", "view", "details", "info",
             "describe", "latest", "newest", "last", "oldest", "recent"),
    "update": ("update", "set", "change", "edit", "rename", "mark", "done", "complete", "finish",
               "give", "modify", "toggle", "move", "bump", "increase", "decrease", "raise",
               "lower", "undo", "reopen", "restore", "bring", "check", "tick", "archive",
               "unarchive", "pay", "settle", "return", "borrow", "lend", "rate", "tag", "untag",
               "assign", "adjust", "correct", "replace", "promote", "demote", "close", "resolve"),
    "remove": ("remove", "delete", "rm", "drop", "clear", "forget", "erase", "purge", "discard",
               "cancel", "wipe", "prune", "clean"),
    "count": ("count", "number", "tally"),
    "aggregate": ("total", "sum", "average", "mean", "min", "max", "minimum", "maximum",
                  "highest", "lowest", "spent", "balance", "best", "worst", "streak", "longest",
                  "median", "overall", "stats", "summary", "sum"),
}
AGGREGATE_WORDS: dict[str, tuple[str, ...]] = {
    "sum": ("total", "sum", "spent", "balance", "altogether", "overall"),
    "mean": ("average", "mean", "avg"),
    "min": ("min", "minimum", "lowest", "smallest", "cheapest", "least", "worst", "shortest",
            "earliest", "fewest"),
    "max": ("max", "maximum", "highest", "largest", "biggest", "most", "best", "longest",
            "latest", "top", "record"),
}
NEGATED_FLAGS: dict[str, tuple[str, ...]] = {
    # a flag named for the negation of a field: --pending over done, --unpaid over paid
    "pending": ("done", "complete", "completed", "finished", "closed", "resolved", "paid"),
    "open": ("done", "closed", "complete", "completed", "finished", "resolved"),
    "todo": ("done", "complete", "completed", "finished"),
    "remaining": ("done", "complete", "completed", "finished", "read", "watched"),
    "active": ("done", "archived", "finished", "completed", "closed", "deleted"),
    "outstanding": ("paid", "done", "returned", "settled"),
    "due": ("paid", "done", "returned"),
    "available": ("borrowed", "lent", "sold", "taken", "reserved"),
    "current": ("archived", "done", "finished", "deleted"),
    "new": ("read", "seen", "watched", "done"),
    "waiting": ("done", "shipped", "sent"),
    "unfinished": ("done", "finished"),
}
ORDER_WORDS: list[tuple[str, tuple[str, ...], bool]] = [
    # (phrase regex, field hints, descending)
    (r"cheapest first|least expensive first|lowest price first|by price ascending", ("price", "cost", "amount"), False),
    (r"most expensive first|priciest first|highest price first|dearest first", ("price", "cost", "amount"), True),
    (r"(most recent|newest|latest|recently added|last added)( \w+)? first", ("created", "date", "added", "when", "day", "time", "timestamp"), True),
    (r"(oldest|earliest|least recent)( \w+)? first", ("created", "date", "added", "when", "day", "time", "timestamp"), False),
    (r"\ba to z\b|alphabetical|alphabetically", ("name", "title", "label", "word", "text"), False),
    (r"\bz to a\b|reverse alphabetical", ("name", "title", "label", "word", "text"), True),
    (r"(highest|largest|biggest|most|best|top) (\w+ )?first", ("score", "points", "rating", "amount", "count", "priority", "value", "quantity", "total", "rank"), True),
    (r"(lowest|smallest|fewest|least|worst) (\w+ )?first", ("score", "points", "rating", "amount", "count", "priority", "value", "quantity", "total", "rank"), False),
]
COMPARISONS: list[tuple[str, str]] = [
    (r"at least|no less than|not less than|minimum of|or more\b", ">="),
    (r"at most|no more than|not more than|maximum of|or less\b|or fewer\b", "<="),
    (r"more than|greater than|over|above|larger than|bigger than|higher than|exceeding|costing more than|longer than|after", ">"),
    (r"less than|fewer than|under|below|smaller than|lower than|cheaper than|shorter than|before", "<"),
]
NUMBER_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "hundred": 100}


# ---------------------------------------------------------------- the data


@dataclass(frozen=True)
class Filter:
    """Keep a record when ``item.FIELD OP value``; ``when`` names the option that enables it."""

    field: str
    op: str  # "==" "!=" "<" "<=" ">" ">=" "contains" "is true" "is false" "any contains"
    value: str | None = None  # "param:NAME", a Python literal, or None for "is true/false"
    ignore_case: bool = False
    when: str | None = None  # an option: the filter applies only when it is given
    unless: str | None = None  # a flag: the filter applies unless it is given (``--all``)
    fields: tuple[str, ...] = ()  # several text fields for a query over "any of them"

    def words(self) -> str:
        target = " or ".join(self.fields) if self.fields else self.field
        value = _value_words(self.value)
        text = {"is true": f"{target} is true", "is false": f"{target} is false"}.get(
            self.op, f"{target} {'contains' if self.op == 'contains' else self.op} {value}")
        if self.ignore_case:
            text += " (ignoring case)"
        if self.when:
            text += f" when {_option(self.when)} is given"
        if self.unless:
            text += f" unless {_option(self.unless)} is given"
        return text


@dataclass(frozen=True)
class Assignment:
    """Change one field of each selected record: ``set``, ``append``, ``discard``, ``add``."""

    field: str
    op: str  # "set" | "append" | "discard" | "add" | "subtract" | "toggle"
    value: str  # "param:NAME" or a Python literal

    def words(self) -> str:
        value = _value_words(self.value)
        return {"set": f"set {self.field} to {value}", "append": f"add {value} to {self.field}",
                "discard": f"remove {value} from {self.field}",
                "add": f"increase {self.field} by {value}",
                "subtract": f"decrease {self.field} by {value}",
                "toggle": f"flip {self.field}"}[self.op]


@dataclass(frozen=True)
class Guard:
    """A documented error made a check: placed before any write, so a refusal changes nothing."""

    kind: str  # "check" (on arguments) | "predicate" (a spec function) | "lookup" | "duplicate" | "empty"
    message: str
    status: int
    condition: str = ""  # Python over the parameters, for "check" and "predicate"
    trigger: dict[str, Any] | None = None  # argument values that make a "check" fire
    trace: str = ""
    function: str | None = None  # the spec function a "predicate" calls

    def words(self) -> str:
        what = {"lookup": "no record matches", "duplicate": "a record with that key exists",
                "empty": "there is nothing to show"}.get(self.kind, self.condition)
        return f"if {what}: print {self.message!r} and exit {self.status}"


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_LEAVES = frozenset({str, int, float, bool, type(None)})


def plain(value: Any) -> Any:
    """What ``dataclasses.asdict`` makes of a value, without its deep copies (every leaf
    here is immutable): every candidate of every command is serialised, so it is hot."""
    kind = type(value)
    if kind in _LEAVES:
        return value
    if hasattr(kind, "__dataclass_fields__"):
        names = _FIELD_NAMES.get(kind)
        if names is None:
            names = _FIELD_NAMES[kind] = tuple(item.name for item in fields(kind))
        data = {}
        for name in names:
            item = getattr(value, name)
            data[name] = item if type(item) in _LEAVES else plain(item)
        return data
    if kind is list:
        return [item if type(item) in _LEAVES else plain(item) for item in value]
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a namedtuple, as asdict does
        return kind(*[plain(item) for item in value])
    if isinstance(value, (list, tuple)):
        return kind(plain(item) for item in value)
    if isinstance(value, dict):
        return kind((plain(key), plain(item)) for key, item in value.items())
    return value


@dataclass(frozen=True)
class Aggregate:
    function: str  # "sum" | "mean" | "min" | "max" | a spec function's name
    field: str | None  # the field aggregated (None: count)
    group_by: str | None = None
    spec_function: bool = False  # True: ``function`` is a spec function over the field's values

    def words(self) -> str:
        what = f"{self.function} of {self.field}" if self.field else self.function
        if self.spec_function:
            what = f"{self.function}(the {self.field} values)"
        return what + (f" per {self.group_by}" if self.group_by else "")


@dataclass
class Interpretation:
    """One candidate meaning of a command."""

    operation: str
    store: str | None = None
    entity: str | None = None
    select: str = "all"  # "all" | "position" | "key" | "matching" | "latest" | "first" | "none"
    locate_param: str | None = None
    locate_field: str | None = None
    locate_ignore_case: bool = False  # "the title may be typed in any case"
    filters: list[Filter] = field(default_factory=list)
    order: tuple[str, bool] | None = None  # (field or "position", descending)
    limit: str | None = None  # "param:NAME" or an int literal
    assignments: list[Assignment] = field(default_factory=list)
    constructor: dict[str, str] = field(default_factory=dict)  # add: field -> "param:NAME"/literal
    auto_fields: list[str] = field(default_factory=list)  # add: fields numbered automatically
    transforms: list[tuple[str, str]] = field(default_factory=list)  # (param, spec function)
    aggregate: Aggregate | None = None
    call: str | None = None  # custom: Python calling spec functions, printed
    output: str | None = None  # a line template over {position}, {item.FIELD}, {value}, {count}
    message: str | None = None  # the confirmation/summary line, learned from an example
    message_pattern: str | None = None  # the line the description says it prints (`added N: TITLE`)
    output_template: str | None = None  # a record line learned from the spec's examples
    formatter: str | None = None  # a spec function that writes a record as a line (``describe``)
    quiet: bool = False  # "prints nothing"
    guards: list[Guard] = field(default_factory=list)
    uses: list[str] = field(default_factory=list)  # spec functions it calls
    ignored: list[str] = field(default_factory=list)  # what the spec says that this does not do
    unused_params: list[str] = field(default_factory=list)
    score: float = 0.0
    evidence: list[str] = field(default_factory=list)
    pinned: list[str] = field(default_factory=list)

    @property
    def category(self) -> str:
        if self.operation == "custom":
            return "command"
        if self.operation == "list" and any(f.op == "contains" and not f.when for f in self.filters):
            return "command.search"
        return f"command.{self.operation}"

    def to_dict(self) -> dict[str, Any]:
        data = plain(self)
        data["words"] = self.words()
        data["category"] = self.category
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Interpretation:
        data = {key: value for key, value in data.items() if key not in ("words", "category")}
        data["filters"] = [Filter(**{**f, "fields": tuple(f.get("fields", ()))})
                           for f in data.get("filters", [])]
        data["assignments"] = [Assignment(**a) for a in data.get("assignments", [])]
        data["guards"] = [Guard(**g) for g in data.get("guards", [])]
        data["transforms"] = [tuple(t) for t in data.get("transforms", [])]
        data["order"] = tuple(data["order"]) if data.get("order") else None
        data["aggregate"] = Aggregate(**data["aggregate"]) if data.get("aggregate") else None
        return cls(**data)

    def signature_key(self) -> str:
        """What makes two candidates behave differently (duplicates are dropped): every
        field but the ranking's, as ``repr`` writes it (the same keys as ``repr(plain(...))``
        would be equal, without building the dicts: every candidate is keyed)."""
        return repr(_signature_values(self))

    # ------------------------------------------------------------ words

    def words(self) -> str:
        """The interpretation in plain words, as ``spf plan`` prints it."""
        entity = self.entity or "record"
        parts: list[str] = []
        for param, function in self.transforms:
            parts.append(f"{param} = {function}({param})")
        selection = self._selection_words(entity)
        if self.operation == "add":
            fields = ", ".join(f"{name}={_value_words(value)}"
                               for name, value in self.constructor.items())
            text = f"add a {entity}({fields})"
            if self.auto_fields:
                text += f", {', '.join(self.auto_fields)} numbered automatically"
        elif self.operation in ("list", "show"):
            text = f"print {selection}"
        elif self.operation == "update":
            changes = "; ".join(a.words() for a in self.assignments) or "change nothing"
            text = f"for {selection}: {changes}"
        elif self.operation == "remove":
            text = f"delete {selection}"
        elif self.operation == "count":
            text = f"print how many of {selection} there are"
        elif self.operation == "aggregate" and self.aggregate is not None:
            text = f"print the {self.aggregate.words()} over {selection}"
        elif self.operation == "custom":
            text = f"print {self.call}" if self.call else "not implemented (no interpretation)"
        else:
            text = self.operation
        parts.append(text)
        if self.output:
            parts.append(f"format {self.output!r}")
        if self.message:
            parts.append(f"confirm {self.message!r}")
        parts.extend(guard.words() for guard in self.guards)
        if self.ignored:
            parts.append("IGNORED: " + "; ".join(self.ignored))
        return "; ".join(parts)

    def _selection_words(self, entity: str) -> str:
        if self.select == "position":
            base = f"the {entity} at position {_option(self.locate_param)}"
        elif self.select == "key":
            base = f"the {entity} whose {self.locate_field} is {_option(self.locate_param)}"
        elif self.select == "latest":
            base = f"the most recently added {entity}"
        elif self.select == "first":
            base = f"the first {entity}"
        else:
            base = f"each {entity}"
        if self.filters:
            base += " where " + " and ".join(f.words() for f in self.filters)
        if self.order:
            base += f", ordered by {self.order[0]}{' descending' if self.order[1] else ''}"
        if self.limit:
            base += f", at most {_value_words(self.limit)}"
        return base


_signature_values = operator.attrgetter(*(item.name for item in fields(Interpretation) if item.name not in (
    "score", "evidence", "pinned", "ignored", "unused_params")))


def _value_words(value: str | None) -> str:
    if value is None:
        return ""
    return _option(value[6:]) if value.startswith("param:") else value


def _option(name: str | None) -> str:
    return name.upper() if name else "?"


# ---------------------------------------------------------------- words and types


def words(text: str) -> list[str]:
    return list(_words(text or ""))


@functools.lru_cache(maxsize=1 << 14)  # the same names and descriptions, asked for again
def _words(text: str) -> tuple[str, ...]:
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text)
    return tuple(word.lower() for word in re.findall(r"[A-Za-z][A-Za-z0-9]*|\d+", text))


def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "ches", "shes")) and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        return word[:-1]
    return word


def same(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or singular(a) == singular(b)


@functools.lru_cache(maxsize=1 << 16)  # the same few words, asked for by every candidate
def stem(word: str) -> str:
    word = word.lower()
    if word.endswith(("ied", "ies")) and len(word) > 4:
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s", "d"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def mentions(text_words: list[str], word: str) -> bool:
    target = stem(word)
    return any(stem(candidate) == target for candidate in text_words)


def type_name(type_ref) -> str:
    name = type_ref.name
    if name in ("Optional",) and type_ref.args:
        return type_ref.args[0].name
    if name == "Union":
        rest = [arg for arg in type_ref.args if arg.name not in ("None", "NoneType")]
        if len(rest) == 1:
            return rest[0].name
    return name


def is_list_type(type_ref) -> bool:
    return type_name(type_ref) in ("list", "List", "tuple", "Tuple", "set", "Set")


def is_number(type_ref) -> bool:
    return type_name(type_ref) in ("int", "float")


def field_by_name(entity, name: str):
    name_words = words(name)
    for candidate in entity.fields:
        if same(candidate.name, name):
            return candidate
    for candidate in entity.fields:  # new_title -> title, min_price -> price
        if name_words and same(candidate.name, name_words[-1]):
            return candidate
    return None


def literal(value: Any) -> str:
    return repr(value)


def default_value(source: str | None) -> Any:
    import ast

    if source is None:
        return None
    text = {"true": "True", "false": "False", "none": "None", "null": "None"}.get(source.strip(), source)
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None


# ---------------------------------------------------------------- the project, indexed once


class ProjectIndex:
    """The project's functions and entities indexed by the words of their names.

    Every command asks which spec functions its prose names or its parameters fit; a
    scan of all functions per command is quadratic in the spec. The index answers with
    a small superset (in the project's order) on which the exact test is still run, so
    the result is the same as the scan's. Build it once per pass over the commands (a
    project changed later needs a new one).
    """

    def __init__(self, project):
        self.functions = {function.name: function for function in project.functions}
        self.entities: dict[str, Any] = {}
        for entity in project.entities:
            self.entities.setdefault(entity.name, entity)
        self.order = {name: number for number, name in enumerate(self.functions)}
        self.by_word_stem: dict[str, list[str]] = {}  # stem of a word of the name
        self.by_word_singular: dict[str, list[str]] = {}
        self.by_name_stem: dict[str, list[str]] = {}  # stem of the whole name
        self.by_param: dict[str, list[str]] = {}
        self.no_params: list[str] = []
        self.by_single_param_type: dict[str, list[str]] = {}  # one parameter, of this type
        self.by_param_type: dict[str, list[str]] = {}  # a parameter of this type
        self.simulation: tuple | None = None  # what _simulated needs, the same for every command
        self.no_long_words: list[str] = []  # no word longer than 2 letters in the name
        self.odd_names: list[str] = []  # names a \w+ run cannot hold (checked one by one)
        self.longest = max(map(len, self.functions), default=0)  # no longer piece is a name
        for name, function in self.functions.items():
            name_words = words(name)
            for word in set(name_words):
                self.by_word_stem.setdefault(stem(word), []).append(name)
                self.by_word_singular.setdefault(singular(word), []).append(name)
            self.by_name_stem.setdefault(stem(name), []).append(name)
            if not any(len(word) > 2 for word in name_words):
                self.no_long_words.append(name)
            for param in {param.name for param in function.params}:
                self.by_param.setdefault(param, []).append(name)
            if not function.params:
                self.no_params.append(name)
            for kind in {type_name(param.type) for param in function.params}:
                self.by_param_type.setdefault(kind, []).append(name)
            if len(function.params) == 1:
                self.by_single_param_type.setdefault(
                    type_name(function.params[0].type), []).append(name)
            if not re.fullmatch(r"\w+", name):
                self.odd_names.append(name)

    def ordered(self, names) -> list:
        return [self.functions[name] for name in sorted(set(names), key=self.order.__getitem__)]

    def with_word_stems(self, text_words: list[str]) -> list[str]:
        """Names with a word whose stem is the stem of one of ``text_words``."""
        found: list[str] = []
        for stemmed in {stem(word) for word in text_words}:
            found += self.by_word_stem.get(stemmed, ())
        return found

    def in_text(self, text: str) -> list[str]:
        """Names written somewhere in ``text`` (as substrings, like ``name in text``)."""
        found = [name for name in self.odd_names if name in text]
        for run in set(re.findall(r"\w+", text)):
            for start in range(len(run)):
                for end in range(start + 1, min(len(run), start + self.longest) + 1):
                    if run[start:end] in self.functions:
                        found.append(run[start:end])
        return found

    def named_in(self, context: Context) -> list:
        """Functions ``_transforms`` may find named: in the text, or by their name's words."""
        return self.ordered(self.in_text(context.text)
                            + self.with_word_stems(context.description_words))

    def mentioned_in(self, text_words: list[str], *, wordless: bool = False) -> list:
        """Functions whose name (or a word of it) ``text_words`` mention; with ``wordless``
        also those without a word of three letters (``all()`` of nothing holds)."""
        found = self.with_word_stems(text_words)
        for stemmed in {stem(word) for word in text_words}:
            found += self.by_name_stem.get(stemmed, ())
        return self.ordered(found + (self.no_long_words if wordless else []))

    def taking(self, params) -> list:
        """Functions ``_call_with(function, params)`` may call: none of their parameters, or
        one of them among ``params``."""
        found = list(self.no_params)
        for param in params:
            found += self.by_param.get(param, ())
        return self.ordered(found)

    def taking_one(self, type_name_: str) -> list:
        """Functions with exactly one parameter, of this type (``type_name``)."""
        return self.ordered(self.by_single_param_type.get(type_name_, ()))

    def labelled(self, label: str) -> list:
        """Functions with a word of the name the same as ``label`` or of the same stem."""
        return self.ordered([*self.by_word_singular.get(singular(label.lower()), ()),
                             *self.by_word_stem.get(stem(label), ())])


# ---------------------------------------------------------------- the context of one command


class Context:
    """What one command's interpretation can use: its words, store, entity, functions."""

    def __init__(self, command, project, store, priors: dict[str, tuple[str, ...]] | None = None,
                 index: ProjectIndex | None = None):
        self.command = command
        self.project = project
        self.store = store
        self.index = index or ProjectIndex(project)
        self.entity = self.index.entities.get(store.entity) if store else None
        self.functions = self.index.functions
        self.name_words = words(command.name)
        self.text = " ".join(strip_fences(command.description or "").split())
        # the words without backticked formats (`[ ]` for open ones is a format, not a filter)
        self.lower = re.sub(r"`[^`]*`", " ", self.text).lower()
        self.description_words = words(self.text)
        self.all_words = self.name_words + self.description_words
        self.params = list(command.params)
        self.priors = {op: tuple(OPERATION_WORDS.get(op, ())) + tuple((priors or {}).get(op, ()))
                       for op in OPERATIONS}
        self.memo: dict[Any, Any] = {}  # what depends on the command alone, not the candidate

    def field(self, name: str):
        return field_by_name(self.entity, name) if self.entity else None

    def fields_of(self, *kinds: str) -> list:
        return [f for f in (self.entity.fields if self.entity else []) if type_name(f.type) in kinds]

    def key_field(self):
        """``- key: NAME`` on the store, else a field described as unique."""
        if self.entity is None:
            return None
        wanted = (self.store.attributes or {}).get("key") if self.store else None
        for candidate in self.entity.fields:
            if wanted and candidate.name == wanted:
                return candidate
        for candidate in self.entity.fields:
            if "unique" in words(candidate.description) and type_name(candidate.type) in ("str", "int"):
                return candidate
        return None

    def named_fields(self) -> list:
        """Fields the description names, in the order it names them."""
        if self.entity is None:
            return []
        if "named_fields" not in self.memo:  # asked by several builders
            found = []
            for word in self.description_words:
                for candidate in self.entity.fields:
                    if same(candidate.name, word) and candidate not in found:
                        found.append(candidate)
            self.memo["named_fields"] = found
        return list(self.memo["named_fields"])


def _per_command(function):
    """``function(context)`` computed once per command: every candidate asks for it."""
    @functools.wraps(function)
    def once(context: Context):
        key = function.__name__
        if key not in context.memo:
            context.memo[key] = function(context)
        return context.memo[key]
    return once


# ---------------------------------------------------------------- operations ranked


def operation_scores(context: Context) -> dict[str, float]:
    """Each operation's prior from the words: the name counts most, then early description words."""
    scores = {op: 0.0 for op in OPERATIONS}
    for op in OPERATIONS:
        keywords = context.priors[op]
        stems = {stem(k) for k in keywords}
        if any(word in keywords or stem(word) in stems for word in context.name_words):
            scores[op] += 3.0
        for position, word in enumerate(context.description_words[:12]):
            if word in keywords:
                scores[op] += 1.5 / (1 + position)
                break
    lower = context.lower
    name = " ".join(context.name_words)
    if re.search(r"\bprints? nothing\b", lower):  # "Prints nothing." says what it does not print
        scores["list"] = max(0.0, scores["list"] - 1.5)
        scores["show"] = max(0.0, scores["show"] - 1.5)
    for bool_field in context.fields_of("bool"):  # "so it is no longer thirsty": a state change
        forms = "|".join(_bool_forms(bool_field.name))
        if re.search(rf"\bso (?:that )?(?:it|they) (?:is|are) (?:no longer |not |now )?(?:{forms})\b",
                     lower):
            scores["update"] += 3
    # phrasings whose first word misleads a keyword match
    if re.search(r"\b(give|assign)s? (a|an|the|each)? ?\w* ?(a )?new\b", lower) or \
            re.search(r"\brename\b", lower + " " + name):
        scores["update"] += 4
        scores["add"] -= 3
    if re.search(r"\b(add|attach|put)s? (a |an |one |another )?\w+ (to|onto) (an? |the )?(existing|\w+)", lower) \
            and context.entity is not None and any(is_list_type(f.type) for f in context.entity.fields):
        scores["update"] += 4
        scores["add"] -= 3
    if re.search(r"\b(remove|delete|drop|take)s? (a |an |one |the )?\w+ from (an? |the )?\w+", lower) \
            and context.entity is not None and any(is_list_type(f.type) for f in context.entity.fields):
        scores["update"] += 4
        scores["remove"] -= 2
    if re.search(r"\b(bring back|restore|undelete|unarchive|recover)\b", lower + " " + name):
        scores["update"] += 5
        scores["remove"] -= 4
    if re.search(r"\b(most recent(ly)?|newest|latest|last)\b", lower) and not context.params:
        scores["show"] += 3
    if re.search(r"\bhow many\b|\bnumber of\b|\bcount of\b", lower):
        scores["count"] += 3
    if re.search(r"\b(the|a) (\w+ )?(called|named|titled|with the (name|title))\b", lower):
        scores["show"] += 1.5
    if re.search(r"\b(change|set|update|edit|adjust|modify)s? (the |its |a )?\w+", lower):
        scores["update"] += 2
    if re.search(r"\b(clear|wipe|purge)\b", lower + " " + name):
        scores["remove"] += 2
    if re.search(r"\b(mark|flag|check off|tick off)s?\b", lower + " " + name):
        scores["update"] += 2
    if re.search(r"\bper\b|\bfor each\b|\bgrouped by\b|\bby category\b", lower) and scores["aggregate"] > 0:
        scores["aggregate"] += 1
    if scores["aggregate"] > 0 and scores["list"] > 0 and re.search(
            r"\b(total|sum|average|mean)\b", lower):
        scores["aggregate"] += 1.5
    return scores


# ---------------------------------------------------------------- the candidate space


def interpret_command(command, project, store=None, *, priors=None,
                      operation: str | None = None, limit: int = 12,
                      wide: bool = False,
                      index: ProjectIndex | None = None) -> list[Interpretation]:
    """Ranked candidate interpretations of ``command``, best first (never empty).

    ``store`` is the store it works on (None: none); ``priors`` adds taxonomy keywords
    per operation; ``operation`` (a reclassification) or the ``- operation:`` pin
    restricts the search to one operation. ``index`` (``ProjectIndex(project)``, built
    once for a loop over every command) keeps that loop linear in the spec.
    """
    context = Context(command, project, store, priors, index)
    pins = read_pins(command, context)
    scores = operation_scores(context)
    wanted = pins.get("operation") or operation
    candidates: list[Interpretation] = []
    ops = [wanted] if wanted else [op for op in OPERATIONS if op != "custom"]
    for op in ops:
        if op != "custom" and context.entity is None:
            continue
        builder = _BUILDERS.get(op)
        if builder is None:
            continue
        for candidate in builder(context):
            candidate.operation = op
            candidate.score += scores.get(op, 0.0)
            candidates.append(candidate)
    if not wanted or wanted == "custom":
        candidates.extend(_custom(context, scores))
    candidates = [_finish(candidate, context, pins) for candidate in candidates]
    candidates = [c for c in candidates if c is not None]
    unique: dict[str, Interpretation] = {}
    for candidate in sorted(candidates, key=lambda c: (-round(c.score, 6), OPERATIONS.index(c.operation))):
        unique.setdefault(candidate.signature_key(), candidate)
    ranked = list(unique.values())
    if wide:  # the synthesizer's search: every candidate of the space, best-ranked first
        return ranked[:limit] or [Interpretation(operation="custom", ignored=["no candidate"])]
    if ranked:  # readings far from the words are not offered, however well they fit an example;
        # nor are writes the words give no hint of (a list must never turn into a delete)
        best = ranked[0]
        ranked = [c for c in ranked if c is best or (
            c.score >= best.score - 2.5
            and (c.operation not in ("add", "update", "remove") or scores.get(c.operation, 0) > 0
                 or wanted))][:limit]
    if not ranked:
        ranked = [Interpretation(operation="custom", store=store.name if store else None,
                                 entity=context.entity.name if context.entity else None,
                                 ignored=["nothing in the spec says what this command does"],
                                 evidence=["no candidate"])]
    return ranked


def _base(context: Context, score: float = 0.0, *evidence: str) -> Interpretation:
    return Interpretation(operation="", store=context.store.name if context.store else None,
                          entity=context.entity.name if context.entity else None, score=score,
                          evidence=list(evidence))


# -- add ------------------------------------------------------------------------------


def _add(context: Context) -> list[Interpretation]:
    candidate = _base(context)
    entity = context.entity
    used: set[str] = set()
    for param in context.params:
        target = context.field(param.name)
        if target is None or target.name in candidate.constructor:
            continue
        candidate.constructor[target.name] = f"param:{param.name}"
        used.add(param.name)
    for entity_field in entity.fields:
        if entity_field.name in candidate.constructor:
            continue
        if entity_field.default is None:
            if type_name(entity_field.type) == "int" and entity_field.name.lower() in INDEX_NAMES | {"id", "number"}:
                candidate.auto_fields.append(entity_field.name)
            else:
                candidate.ignored.append(f"required field {entity_field.name!r} has no parameter")
                candidate.score -= 2
    candidate.transforms = _transforms(context, used)
    candidate.unused_params = [p.name for p in context.params if p.name not in used]
    return [candidate]


def _transforms(context: Context, params: set[str]) -> list[tuple[str, str]]:
    """Spec functions applied to a parameter on the way in: ``the normalized title``."""
    found = []
    for function in context.index.named_in(context):
        if len(function.params) != 1 or function.returns is None:
            continue
        if type_name(function.returns) == "bool":
            continue
        name_words = [w for w in words(function.name) if len(w) > 2]
        named = function.name in context.text or (
            name_words and all(mentions(context.description_words, w) for w in name_words))
        if not named:
            continue
        for param in context.params:
            fits = (param.name in params or not params) and \
                type_name(param.type) == type_name(function.params[0].type) == type_name(function.returns)
            if fits and (same(param.name, function.params[0].name) or len(context.params) == 1
                         or mentions(words(function.name) + words(function.description), param.name)):
                found.append((param.name, function.name))
                break
    return found


# -- selection shared by list/show/update/remove/count/aggregate -------------------------


def _filters(context: Context, exclude: set[str]) -> tuple[list[list[Filter]], set[str]]:
    """Alternative filter sets from the parameters and the words; the parameters used."""
    options: list[list[Filter]] = [[]]
    used: set[str] = set()
    lower = context.lower
    for param in context.params:
        if param.name in exclude:
            continue
        kind = type_name(param.type)
        alternatives: list[Filter] = []
        target = context.field(param.name)
        optional = param.default is not None
        when = param.name if optional and kind != "bool" else None
        if kind == "bool":
            alternatives = _flag_filters(context, param)
        elif param.name.lower() in LIMIT_NAMES and kind == "int":
            continue  # a limit, not a filter
        elif target is not None and kind == "str" and type_name(target.type) == "str":
            insensitive = bool(re.search(r"ignor\w* case|case.insensitive|any case|regardless of case", lower))
            contains = bool(re.search(r"\bcontain|\binclud|\bmatch|\bsearch|\bpart of|\bsubstring|\bmention", lower))
            eq = Filter(target.name, "==", f"param:{param.name}", insensitive, when)
            sub = Filter(target.name, "contains", f"param:{param.name}", insensitive or contains, when)
            alternatives = [sub, eq] if contains else [eq, replace(eq, ignore_case=True), sub]
        elif target is not None and is_list_type(target.type) and kind == "str":
            alternatives = [Filter(target.name, "any contains", f"param:{param.name}", False, when),
                            Filter(target.name, "any contains", f"param:{param.name}", True, when)]
        elif kind in ("int", "float"):
            alternatives = _number_filters(context, param, when)
        elif kind == "str":
            text_fields = [f for f in context.fields_of("str")]
            named = [f for f in context.named_fields() if type_name(f.type) == "str"]
            chosen = named or text_fields
            if chosen:
                insensitive = not re.search(r"case.sensitive|exact case|matching case", lower)
                alternatives = [Filter(chosen[0].name, "contains", f"param:{param.name}", insensitive,
                                       when, fields=tuple(f.name for f in chosen))]
                if len(chosen) > 1:
                    alternatives.append(Filter(chosen[0].name, "contains", f"param:{param.name}",
                                               insensitive, when))
        if not alternatives:
            continue
        used.add(param.name)
        options = [[*current, alternative] for current in options for alternative in alternatives][:24]
    # filters from the words alone: "every completed task", "unpaid bills"
    word_filters = _word_filters(context, used)
    if word_filters:
        options = [[*current, *[w for w in word_filters if w.field not in {f.field for f in current}]]
                   for current in options] + options
        options = options[:24]
    return options, used


def _flag_filters(context: Context, param) -> list[Filter]:
    name = param.name.lower()
    bools = context.fields_of("bool")
    target = context.field(param.name)
    if name in ("all", "everything", "include_all", "show_all"):
        return []  # handled with the word filters: a default filter the flag lifts
    if target is not None and type_name(target.type) == "bool":
        return [Filter(target.name, "is true", None, when=param.name),
                Filter(target.name, "is false", None, when=param.name)]
    negated = None
    stripped = re.sub(r"^(un|in|not_|non_?|no_)", "", name)
    if stripped != name:
        negated = context.field(stripped)
    if negated is None:
        for antonym in NEGATED_FLAGS.get(name, ()):
            negated = context.field(antonym)
            if negated is not None:
                break
    alternatives = []
    if negated is not None and type_name(negated.type) == "bool":
        alternatives.append(Filter(negated.name, "is false", None, when=param.name))
        alternatives.append(Filter(negated.name, "is true", None, when=param.name))
    for candidate in bools:
        for op in ("is false", "is true"):
            option = Filter(candidate.name, op, None, when=param.name)
            if option not in alternatives:
                alternatives.append(option)
    return alternatives


def _number_filters(context: Context, param, when: str | None) -> list[Filter]:
    lower = context.lower
    name_words = words(param.name)
    target = context.field(param.name)
    numeric = [f for f in context.fields_of("int", "float")]
    fields = [target] if target is not None and is_number(target.type) else \
        [f for f in context.named_fields() if is_number(f.type)] or numeric
    if not fields:
        return []
    ops: list[str] = []
    if name_words[:1] == ["min"] or "minimum" in name_words or "least" in name_words:
        ops.append(">=")
    if name_words[:1] == ["max"] or "maximum" in name_words:
        ops.append("<=")
    spoken = re.escape(param.name.lower().replace("_", " "))
    for pattern, op in COMPARISONS:
        named = re.search(rf"({pattern})\s+(the\s+)?(given\s+)?{spoken}\b", lower) or re.search(
            rf"({pattern})\s+(a|an|the|some|that|this)?\s*(given|chosen)?\s*"
            r"(amount|value|number|price|limit|threshold|\w+)?\b", lower)
        if named and op not in ops:
            ops.append(op)
    if target is not None and not ops:
        ops.append("==")
    if not ops:
        ops = [">", ">=", "<", "<=", "=="]
    return [Filter(f.name, op, f"param:{param.name}", when=when) for op in ops for f in fields[:2]]


def _word_filters(context: Context, used: set[str]) -> list[Filter]:
    """Filters the words state with no parameter: "every completed task", "unpaid bills"."""
    found: list[Filter] = []
    lower = context.lower
    all_flag = next((p for p in context.params if type_name(p.type) == "bool"
                     and p.name.lower() in ("all", "everything", "include_all", "show_all")), None)
    for bool_field in context.fields_of("bool"):
        forms = _bool_forms(bool_field.name)
        quantifier = r"\b(?:every|all|each|only|just|the)\s+(?:of (?:the|their|its|his|her)\s+)?(?:\w+\s+)?"
        antonyms = [word for word, fields in NEGATED_FLAGS.items()
                    if bool_field.name in fields and word not in ("new", "current", "due")]
        negative = re.search(rf"{quantifier}(?:un|non-?|in|not yet |not )(?:{'|'.join(forms)})\b", lower) \
            or re.search(rf"\b(?:that|which) (?:are|is) (?:not|not yet|still not) (?:{'|'.join(forms)})\b", lower) \
            or (antonyms and re.search(rf"{quantifier}(?:{'|'.join(antonyms)})\b", lower))
        positive = re.search(rf"{quantifier}(?:{'|'.join(forms)})\b", lower) \
            or re.search(rf"\b(?:that|which) (?:are|is|were|have been) (?:already )?(?:{'|'.join(forms)})\b", lower)
        if negative and positive:
            continue
        unless = all_flag.name if all_flag is not None else None
        if negative:
            found.append(Filter(bool_field.name, "is false", None, unless=unless))
            if unless:
                used.add(unless)
        elif positive:
            found.append(Filter(bool_field.name, "is true", None, unless=unless))
            if unless:
                used.add(unless)
    if not found and context.command.params == [] and any(
            same(word, bool_field.name) for bool_field in context.fields_of("bool")
            for word in context.name_words):  # `## Command: thirsty` lists the thirsty ones
        for bool_field in context.fields_of("bool"):
            if any(same(word, bool_field.name) for word in context.name_words):
                found.append(Filter(bool_field.name, "is true", None))
                break
    if all_flag is not None and not found:
        # "`--all` shows the ones I have seen as well": by default those are hidden
        for bool_field in context.fields_of("bool"):
            if any(re.search(rf"\b{form}\b", lower) for form in _bool_forms(bool_field.name)):
                found.append(Filter(bool_field.name, "is false", None, unless=all_flag.name))
                used.add(all_flag.name)
                break
    return found


def _bool_forms(name: str) -> list[str]:
    base = name.lower()
    forms = {base, base + "d", base + "ed", base + "s"}
    if base.endswith("e"):
        forms.add(base + "d")
    if base == "done":
        forms |= {"completed", "complete", "finished"}
    return sorted(forms)


def _order(context: Context) -> list[tuple[str, bool] | None]:
    lower = context.lower
    entity = context.entity
    options: list[tuple[str, bool] | None] = []
    sorted_by = re.search(r"\b(?:sorted|ordered|order|sort|ranked|grouped)\s+by\s+(?:their\s+|its\s+|the\s+)?(\w+)(\s+descending|\s+in reverse|\s+from highest|\s+from largest|,? highest first|,? largest first)?", lower)
    if sorted_by:
        target = field_by_name(entity, sorted_by.group(1))
        if target is not None:
            options.append((target.name, bool(sorted_by.group(2))))
    by_rank = re.search(r"\bby (\w+)\b", lower)
    if by_rank and not sorted_by:
        target = field_by_name(entity, by_rank.group(1))
        if target is not None and (is_number(target.type) or type_name(target.type) == "str"):
            options.append((target.name, False))
            options.append((target.name, True))
    for pattern, hints, descending in ORDER_WORDS:
        match = re.search(pattern, lower)
        if not match:
            continue
        named = None
        if match.lastindex and match.lastindex >= 2 and match.group(2):
            named = field_by_name(entity, match.group(2).strip())
        candidates = [named] if named is not None else [
            f for hint in hints for f in entity.fields if same(f.name, hint) or hint in words(f.name)]
        if candidates:
            options.append((candidates[0].name, descending))
        elif "recent" in pattern or "oldest" in pattern:
            options.append(("position", descending))
    if not options:
        options.append(None)
    return list(dict.fromkeys(options))


def _limit(context: Context) -> list[str | None]:
    for param in context.params:
        if type_name(param.type) == "int" and param.name.lower() in LIMIT_NAMES:
            return [f"param:{param.name}"]
    at_most = re.search(r"\b(?:at most|up to|only the|the top|top|first|last)\s+(\d+|" +
                        "|".join(NUMBER_WORDS) + r")\b", context.lower)
    if at_most:
        value = at_most.group(1)
        return [str(NUMBER_WORDS.get(value, value))]
    return [None]


def _locators(context: Context, exclude: set[str] = frozenset()) -> list[tuple[str, str | None, str | None]]:
    """How one record is found: (select, parameter, field)."""
    found = []
    for param in context.params:
        if param.name in exclude:
            continue
        kind = type_name(param.type)
        target = context.field(param.name)
        if kind == "int" and param.default is None and param.name.lower() in INDEX_NAMES and (
                target is None or target.name.lower() not in ("id", "number")):
            found.append(("position", param.name, None))
        elif target is not None and param.default is None and kind == type_name(target.type) \
                and kind in ("str", "int"):
            found.append(("key", param.name, target.name))
    key = context.key_field()
    if key is not None:
        found.sort(key=lambda option: option[2] != key.name)
    if not found:
        positional_int = next((p for p in context.params if type_name(p.type) == "int"
                               and p.default is None and p.name not in exclude), None)
        if positional_int is not None:
            found.append(("position", positional_int.name, None))
    return found


@_per_command
def _selection_space(context: Context) -> tuple:
    """The filters, orders and limits the words allow (read only: shared by every call)."""
    filter_options, used = _filters(context, set())
    return filter_options, used, _order(context), _limit(context)


def _selected(context: Context) -> list[Interpretation]:
    """list/show-like candidates: filters x order x limit."""
    filter_options, used, orders, limits = _selection_space(context)
    candidates = []
    for rank, filters in enumerate(filter_options[:12]):
        for order_rank, order in enumerate(orders):
            for limit in limits:
                candidate = _base(context, -0.05 * rank - 0.02 * order_rank)
                candidate.filters = list(filters)
                candidate.order = order
                candidate.limit = limit
                params_used = set(used) | ({limit[6:]} if limit and limit.startswith("param:") else set())
                params_used |= {f.unless for f in filters if f.unless}
                candidate.unused_params = [p.name for p in context.params if p.name not in params_used]
                candidates.append(candidate)
    return candidates


def _list(context: Context) -> list[Interpretation]:
    return _selected(context)


def _show(context: Context) -> list[Interpretation]:
    candidates = []
    for select, param, target in _locators(context):
        candidate = _base(context, 0.5)
        candidate.select, candidate.locate_param, candidate.locate_field = select, param, target
        candidate.unused_params = [p.name for p in context.params if p.name != param]
        candidates.append(candidate)
    many = context.entity is not None and context.entity.name.lower() + "s" in context.lower \
        and re.search(
        rf"\b(latest|newest|last|most recent|recent)\s+(\w+\s+)?{re.escape(context.entity.name.lower())}s\b",
        context.lower)  # "the latest sessions": several records, a list
    if re.search(r"\b(most recent(ly)?|newest|latest|last)\b", context.lower) and not many:
        candidate = _base(context, 0.5)
        candidate.select = "latest"
        candidate.unused_params = [p.name for p in context.params]
        candidates.append(candidate)
    for candidate in _selected(context):
        candidate.limit = candidate.limit or "1"
        candidate.score -= 0.5
        candidates.append(candidate)
    # "the longest session (the most minutes)": the one record with the most of a field
    superlative = re.search(r"\bthe (longest|highest|largest|biggest|most expensive|best|heaviest|"
                            r"cheapest|shortest|lowest|smallest|worst|lightest)\s+(\w+)", context.lower)
    if superlative and context.entity is not None and same(superlative.group(2), context.entity.name):
        descending = superlative.group(1) in ("longest", "highest", "largest", "biggest",
                                              "most expensive", "best", "heaviest")
        numbers = [f for f in context.named_fields() if is_number(f.type)] or \
            context.fields_of("int", "float")
        for select in _selected(context)[:4]:
            for rank, target in enumerate(numbers[:2]):
                candidate = replace(select, filters=list(select.filters))
                candidate.order, candidate.limit = (target.name, descending), "1"
                candidate.score += 3.5 - 0.3 * rank
                candidates.append(candidate)
    return candidates


def _count(context: Context) -> list[Interpretation]:
    candidates = _selected(context)
    for candidate in candidates:
        candidate.limit = None
    return candidates


def _aggregate(context: Context) -> list[Interpretation]:
    lower = context.lower
    numeric = context.fields_of("int", "float")
    named = [f for f in context.named_fields() if is_number(f.type)]
    runs = set(re.findall(r"\w+", lower + " " + " ".join(context.name_words)))  # \bWORD\b, at once
    functions = [name for name, words_ in AGGREGATE_WORDS.items() if not runs.isdisjoint(words_)]
    group = re.search(r"\b(?:per|for each|for every|grouped by|by|broken down by)\s+(\w+)", lower)
    group_field = field_by_name(context.entity, group.group(1)) if group else None
    candidates = []
    # "the longest session": a record, not a value (see _show)
    record_wanted = re.search(r"\bthe (longest|highest|largest|biggest|most expensive|best|heaviest|"
                              r"cheapest|shortest|lowest|smallest|worst|lightest)\s+(\w+)", lower)
    penalty = 2.5 if record_wanted and context.entity is not None and \
        same(record_wanted.group(2), context.entity.name) else 0.0
    counting = re.search(r"\bhow many\b|\bcount\b|\bnumber of\b|\bcounts\b", lower + " " + " ".join(context.name_words))
    if counting and group_field is not None:
        for select in _selected(context)[:4]:
            candidate = replace(select, filters=list(select.filters), limit=None)
            candidate.aggregate = Aggregate("count", group_field.name, group_field.name)
            candidate.score += 1.0
            candidates.append(candidate)
    for rank, (select) in enumerate(_selected(context)[:6]):
        for f_rank, function in enumerate(functions or ["sum"]):
            for field_rank, target in enumerate((named or numeric)[:2]):
                for group_by in ([group_field.name, None] if group_field is not None else [None]):
                    candidate = replace(select, filters=list(select.filters))
                    candidate.aggregate = Aggregate(function, target.name, group_by)
                    candidate.limit = None
                    candidate.score += -0.1 * f_rank - 0.2 * field_rank - penalty - (
                        0.3 if group_by is None and group_field else 0)
                    candidates.append(candidate)
    # a spec function computing over the values of one field: streak(days) for one habit
    for function in context.index.mentioned_in(context.all_words, wordless=True):
        if len(function.params) != 1 or not is_list_type(function.params[0].type):
            continue
        if not (mentions(context.all_words, function.name) or all(
                mentions(context.all_words, w) for w in words(function.name) if len(w) > 2)):
            continue
        element = function.params[0].type.args[0] if function.params[0].type.args else None
        for target in context.entity.fields:
            if element is not None and type_name(target.type) != type_name(element):
                continue
            for select in _selected(context)[:4]:
                candidate = replace(select, filters=list(select.filters))
                candidate.aggregate = Aggregate(function.name, target.name, None, spec_function=True)
                candidate.uses = [function.name]
                candidate.order = None
                candidate.limit = None
                candidate.score += 2.0 + (0.5 if same(target.name, function.params[0].name) else 0)
                candidates.append(candidate)
    return candidates


def _update(context: Context) -> list[Interpretation]:
    lower = context.lower + " " + " ".join(context.name_words)
    candidates = []
    locators = _locators(context) or [("matching", None, None)]
    for loc_rank, (select, param, target) in enumerate(locators + [("matching", None, None)]):
        exclude = {param} if param else set()
        assignment_options = _assignments(context, exclude, lower)
        for a_rank, assignments in enumerate(assignment_options):
            used = exclude | {a.value[6:] for a in assignments if a.value.startswith("param:")}
            if select == "matching":
                filter_options, filter_used = _filters(context, used)
                filter_options = [f for f in filter_options if f] or [[]]
            elif select == "key":  # "all of their unpaid invoices": a key may match several
                word_filters = _word_filters(context, used)
                filter_options, filter_used = ([word_filters, []] if word_filters else [[]]), set()
            else:
                filter_options, filter_used = [[]], set()
            for f_rank, filters in enumerate(filter_options[:4]):
                candidate = _base(context, -0.3 * loc_rank - 0.2 * a_rank - 0.05 * f_rank)
                candidate.select, candidate.locate_param, candidate.locate_field = select, param, target
                candidate.assignments = list(assignments)
                candidate.filters = list(filters)
                if select == "matching" and not filters and not re.search(r"\b(all|every|each)\b", lower):
                    candidate.score -= 2
                all_used = used | filter_used | {f.unless for f in filters if f.unless}
                candidate.transforms = _transforms(context, {a.value[6:] for a in assignments
                                                             if a.value.startswith("param:")})
                candidate.unused_params = [p.name for p in context.params if p.name not in all_used]
                if not assignments:
                    candidate.ignored.append("nothing to change: no parameter or flag field matches")
                    candidate.score -= 3
                candidates.append(candidate)
    return candidates


def _assignments(context: Context, exclude: set[str], lower: str) -> list[list[Assignment]]:
    entity = context.entity
    direct: list[Assignment] = []
    for param in context.params:
        if param.name in exclude:
            continue
        target = context.field(param.name)
        if target is None:
            continue
        if is_list_type(target.type) and not is_list_type(param.type):
            if re.search(r"\b(remove|delete|drop|take|untag)\w*\b", lower):
                direct.append(Assignment(target.name, "discard", f"param:{param.name}"))
            else:
                direct.append(Assignment(target.name, "append", f"param:{param.name}"))
        elif is_number(target.type) and re.search(r"\b(increase|add|raise|bump|increment)\w*\b.*\bby\b", lower):
            direct.append(Assignment(target.name, "add", f"param:{param.name}"))
        elif is_number(target.type) and re.search(r"\b(decrease|subtract|lower|reduce|decrement)\w*\b.*\bby\b", lower):
            direct.append(Assignment(target.name, "subtract", f"param:{param.name}"))
        else:
            direct.append(Assignment(target.name, "set", f"param:{param.name}"))
    options: list[list[Assignment]] = []
    flags = _flag_assignments(context, lower)
    if direct:
        options.append(direct)
        if flags:
            options.append(direct + flags[:1])
    options.extend([flag] for flag in flags)
    # a parameter that names no field: "give a task a new title" where the param is `text`
    leftovers = [p for p in context.params if p.name not in exclude and context.field(p.name) is None]
    for param in leftovers:
        for target in entity.fields:
            if type_name(target.type) == type_name(param.type) and mentions(context.description_words, target.name):
                options.append([*direct, Assignment(target.name, "set", f"param:{param.name}")])
    if not options:
        options.append([])
    return options


def _flag_assignments(context: Context, lower: str) -> list[Assignment]:
    """Bool fields the words set: "mark ... as done" -> done = True; "reopen" -> done = False."""
    found = []
    bools = context.fields_of("bool")
    named_bools = [f for f in bools if any(re.search(rf"\b{form}\b", lower) for form in _bool_forms(f.name))]
    for bool_field in named_bools or bools:
        forms = _bool_forms(bool_field.name)
        named = any(re.search(rf"\b{form}\b", lower) for form in forms)
        antonym_named = [word for word, antonyms in NEGATED_FLAGS.items()
                         if bool_field.name in antonyms and re.search(rf"\b{word}\b", lower)]
        if not named and not antonym_named and not re.search(
                r"\b(restore|bring back|undelete|recover|archive|unarchive)\b", lower):
            continue
        negations = len(re.findall(r"\b(not|no longer|never|undo|un\w+|reopen|restore|bring back|"
                                   r"recover|revert|back to|clear the|unmark)\b", lower))
        if antonym_named and not named:
            negations += 1
        value = negations % 2 == 0
        if re.search(r"\b(restore|bring back|undelete|recover)\b", lower) and bool_field.name.lower() in (
                "deleted", "archived", "removed", "trashed", "hidden"):
            value = False
        if re.search(r"\btoggle|flip|switch\b", lower):
            found.append(Assignment(bool_field.name, "toggle", "None"))
        found.append(Assignment(bool_field.name, "set", repr(value)))
        found.append(Assignment(bool_field.name, "set", repr(not value)))
    return found


def _remove(context: Context) -> list[Interpretation]:
    lower = context.lower + " " + " ".join(context.name_words)
    candidates = []
    for loc_rank, (select, param, target) in enumerate(_locators(context)):
        candidate = _base(context, -0.3 * loc_rank)
        candidate.select, candidate.locate_param, candidate.locate_field = select, param, target
        candidate.unused_params = [p.name for p in context.params if p.name != param]
        candidates.append(candidate)
    everything = bool(re.search(r"\b(all|every|each|everything|clear|wipe|purge|empty)\b", lower))
    for f_rank, select in enumerate(_selected(context)[:8]):
        candidate = replace(select, filters=list(select.filters), select="matching", limit=None, order=None)
        candidate.score += -0.1 * f_rank + (1.0 if everything else -1.5)
        if not candidate.filters and not everything:
            candidate.score -= 2
        candidates.append(candidate)
    return candidates


def _custom(context: Context, scores: dict[str, float]) -> list[Interpretation]:
    """Print what spec functions compute from the parameters (``words: N, vowels: M``)."""
    candidates = []
    params = {param.name: param for param in context.params}
    for pattern in re.findall(r"`([^`]+)`", context.text):
        pieces = re.split(r"\b([A-Z])\b", pattern)
        if len(pieces) < 3:
            continue
        expression, calls, ok = "", [], True
        for index, piece in enumerate(pieces):
            if index % 2 == 0:
                expression += piece.replace("{", "{{").replace("}", "}}")
                continue
            label = words(pieces[index - 1])
            call = _function_call(context, label[-1] if label else "", params)
            if call is None:
                ok = False
                break
            expression += "{" + call + "}"
            calls.append(call)
        if ok and calls:
            candidate = _base(context, 2.0, f"pattern `{pattern}`")
            candidate.operation = "custom"
            candidate.call = "f" + repr(expression)
            candidate.uses = sorted({call.split("(")[0] for call in calls})
            candidates.append(candidate)
    for function in context.index.taking(params):
        call = _call_with(function, params)
        if call is None:
            continue
        named = function.name in context.text or all(
            mentions(context.all_words, w) for w in words(function.name) if len(w) > 2)
        candidate = _base(context, 1.0 if named else -1.0, f"calls {function.name}")
        candidate.operation = "custom"
        candidate.call = call
        candidate.uses = [function.name]
        candidate.unused_params = [p for p in params if p not in call]
        candidates.append(candidate)
    return candidates


def _function_call(context: Context, label: str, params: dict[str, Any]) -> str | None:
    if not label:
        return None
    for function in context.index.labelled(label):
        if not any(same(word, label) or stem(word) == stem(label) for word in words(function.name)):
            continue
        call = _call_with(function, params)
        if call is not None:
            return call
    return None


def _call_with(function, params: dict[str, Any]) -> str | None:
    arguments = []
    for param in function.params:
        if param.name in params:
            arguments.append(param.name)
        elif param.default is None:
            return None
    if not arguments and function.params:
        return None
    return f"{function.name}({', '.join(arguments)})"


_BUILDERS = {"add": _add, "list": _list, "show": _show, "update": _update, "remove": _remove,
             "count": _count, "aggregate": _aggregate}


# ---------------------------------------------------------------- guards, outputs, pins


def _finish(candidate: Interpretation, context: Context, pins: dict[str, Any]) -> Interpretation | None:
    """Guards from the error clauses, output formats, pins, what stays ignored."""
    if not _agrees_with_pins(candidate, pins):
        return None
    candidate = _apply_pins(candidate, pins, context)
    guards, not_understood, uses = _guards(context, candidate)
    candidate.guards = guards
    candidate.uses = list(dict.fromkeys([*candidate.uses, *uses,
                                         *(function for _, function in candidate.transforms)]))
    if candidate.operation == "custom" and candidate.call is None:
        return None
    candidate.output = pins.get("output") or _output_pattern(context)
    formatter = _formatter_function(context)
    if formatter and candidate.operation in ("list", "show", "add", "update", "remove"):
        candidate.formatter = formatter
        candidate.uses = list(dict.fromkeys([*candidate.uses, formatter]))
    if candidate.operation in ("list", "show") and not candidate.output:
        candidate.output_template = _learned_output(context)
        named = re.search(r"\b(?:print|show|list)s? (?:only )?(?:the |their )?(\w+) of (?:the|all|every|each)\b",
                          context.lower)  # "Print the names of the plants": one field per line
        field = context.field(named.group(1)) if named and context.entity is not None else None
        if field is not None and not candidate.output_template and not candidate.formatter:
            candidate.output_template = f"{{item.{field.name}}}"
    candidate.message = _learned_message(context, candidate)
    candidate.message_pattern = _message_pattern(context, candidate)
    if candidate.select == "key" and re.search(
            r"any case|ignoring case|case.insensitive|upper or lower|regardless of case|whatever the capitali",
            context.lower):
        candidate.locate_ignore_case = True
    if candidate.operation in ("count", "aggregate") and candidate.output and not candidate.message_pattern:
        candidate.message_pattern, candidate.output = candidate.output, None
    if candidate.operation == "count" and candidate.message_pattern and context.entity is not None:
        named = [f for f in context.entity.fields if type_name(f.type) in ("str", "bool")
                 and re.search(rf"\b{re.escape(f.name.upper())}\b", candidate.message_pattern)]
        if named:  # "HABIT: N": a count per habit
            candidate.operation = "aggregate"
            candidate.aggregate = Aggregate("count", named[0].name, named[0].name)
    if candidate.message_pattern and candidate.operation in ("add", "update", "remove") \
            and candidate.output == candidate.message_pattern:
        candidate.output = None
    candidate.quiet = bool(re.search(r"\b(prints|print|says|shows|outputs) nothing\b|\bno output\b|\bsilently\b",
                                     context.lower)) and candidate.operation in ("add", "update", "remove")
    empty = _empty_message(context)
    if empty and candidate.operation in ("list", "show", "count", "aggregate") and \
            not any(guard.kind == "empty" for guard in candidate.guards):
        candidate.guards.append(Guard("empty", empty, 0))
    for reason in not_understood:
        candidate.ignored.append(f"error not understood: {reason!r}")
    for name in candidate.unused_params:
        candidate.ignored.append(f"parameter {name!r} is not used")
        candidate.score -= 1.0
    candidate.score -= 0.5 * len(not_understood)
    return candidate


def spec_sequences(project) -> list[list[tuple[list[str], list[str] | None, int]]]:
    """The command-line examples of the spec as step sequences (argv without the program,
    expected lines or None, exit status): each command's examples in order, then every
    transcript (``console`` blocks, under a command or the project)."""
    import shlex

    sequences = []
    for command in project.commands:
        steps = []
        for example in command.examples:
            try:
                argv = shlex.split(example.call)
                expected = default_value(example.expected) if example.expected else None
            except ValueError:
                continue
            if argv and isinstance(expected, (str, type(None))):
                steps.append((argv, expected.splitlines() if isinstance(expected, str) else None,
                              example.status))
        if steps:
            sequences.append(steps)
    transcripts = list(getattr(project, "transcripts", None) or [])
    for command in project.commands:
        transcripts.extend(getattr(command, "transcripts", None) or [])
    for transcript in transcripts:
        sequences.append([(list(step.argv), list(step.expected) if step.expected is not None else None,
                           step.status) for step in transcript.steps])
    return sequences


def _adds(project, index: ProjectIndex | None = None) -> dict[str, dict[str, str]]:
    """Commands that read as adds, each with parameter -> field (to simulate the store)."""
    found = {}
    index = index or ProjectIndex(project)  # once for every command
    stores: dict[str, Any] = {}
    for candidate_store in project.stores:
        stores.setdefault(candidate_store.name, candidate_store)
    for command in project.commands:
        store = stores.get(command.store) or (
            project.stores[0] if len(project.stores) == 1 else None)
        context = Context(command, project, store, index=index)
        scores = operation_scores(context)
        if context.entity is None or scores["add"] <= 0 or scores["add"] < max(scores.values()):
            continue
        found[command.name] = {p.name: context.field(p.name).name for p in command.params
                               if context.field(p.name) is not None}
    return found


@_per_command
def _simulated(context: Context) -> list:
    """``(step, records before it, values of its arguments)`` for this command's steps
    (read only: every candidate shares the list)."""
    return list(_simulate(context))


def _simulate(context: Context):
    """Walk the spec's sequences, keeping the records the add steps create; yields
    ``(step, records before it, values of its arguments)`` for this command's steps."""
    if context.index.simulation is None:  # once per pass over the commands, not per command
        project = context.project
        sequences = spec_sequences(project)
        containing: dict[str, list[int]] = {}  # command name -> the sequences with a step of it
        for number, steps in enumerate(sequences):
            for name in dict.fromkeys(argv[0] for argv, _, _ in steps if argv):
                containing.setdefault(name, []).append(number)
        context.index.simulation = (_adds(project, context.index),
                                    {command.name: command for command in project.commands},
                                    sequences, containing)
    adds, commands, sequences, containing = context.index.simulation
    entity = context.entity
    for steps in (sequences[number] for number in containing.get(context.command.name, ())):
        records: list[dict[str, Any]] = []
        for argv, expected, status in steps:
            if not argv or argv[0] not in commands:
                continue
            values = parse_command_line(commands[argv[0]], argv[1:]) or {}
            if argv[0] == context.command.name:
                yield (argv, expected, status), list(records), values
            if argv[0] in adds and status == 0 and entity is not None:
                record = {f.name: default_value(f.default) for f in entity.fields}
                record.update({field_name: values[param] for param, field_name in adds[argv[0]].items()
                               if param in values})
                records.append(record)


def _learned_message(context: Context, candidate: Interpretation) -> str | None:
    """The confirmation line of add/update/remove, learned from the spec's own examples."""
    if candidate.operation not in ("add", "update", "remove"):
        return None
    for (argv, expected, status), records, values in _simulated(context):
        if status or not expected:
            continue
        record = {}
        if candidate.select in ("position", "key") and records:
            index = None
            if candidate.select == "position" and isinstance(values.get(candidate.locate_param), int):
                index = values[candidate.locate_param] - 1
            elif candidate.select == "key":
                index = next((i for i, r in enumerate(records)
                              if r.get(candidate.locate_field) == values.get(candidate.locate_param)), None)
            if index is not None and 0 <= index < len(records):
                record = dict(records[index])
        for field_name, source in candidate.constructor.items():
            if source.startswith("param:") and source[6:] in values:
                record[field_name] = values[source[6:]]
        for assignment in candidate.assignments:
            if assignment.op == "set" and assignment.value.startswith("param:") \
                    and assignment.value[6:] in values:
                record[assignment.field] = values[assignment.value[6:]]
        position = len(records) + 1 if candidate.operation == "add" else (
            values.get(candidate.locate_param) if candidate.select == "position" else None)
        learned = learn_message("\n".join(expected), record, position)
        if learned is not None:
            return learned
    return None


def _learned_output(context: Context) -> str | None:
    """A record line learned from what the spec shows a list printing after some adds."""
    votes: dict[str, int] = {}
    for (argv, expected, status), records, values in _simulated(context):
        if status or not expected or not records:
            continue
        for line in expected:
            best = None
            for position, record in enumerate(records, start=1):
                template = learn_message(line, record, position)
                if template is not None and (best is None or template.count("{") > best.count("{")):
                    best = template
            if best is not None:
                votes[best] = votes.get(best, 0) + 1
    if not votes:
        return None
    return max(sorted(votes), key=lambda template: (votes[template], template.count("{")))


def strip_fences(text: str) -> str:
    """Prose without its fenced blocks (transcripts are examples, not descriptions)."""
    kept, fence = [], None
    for line in text.splitlines():
        opening = re.match(r"^\s{0,3}(`{3,}|~{3,})", line)
        if fence is None and opening:
            fence = opening.group(1)
        elif fence is not None and line.strip().startswith(fence) and not line.strip().strip(fence[0]):
            fence = None
        elif fence is None:
            kept.append(line)
    return "\n".join(kept)


PRINTS = r"(?:prints?|shows?|says|outputs?|displays?|echoes|reports?|answers?|replies|confirms? with)"


def _message_pattern(context: Context, candidate: Interpretation) -> str | None:
    """The line an add/update/remove/count/aggregate says it prints: "Prints `added N: TITLE`"."""
    if candidate.operation in ("list", "show", "custom"):
        return None
    empty = _empty_message(context)
    for match in re.finditer(rf"\b{PRINTS}\s+(?:a line\s+|the line\s+|just\s+|only\s+)?`([^`]+)`",
                             context.text, flags=re.IGNORECASE):
        before = context.text[max(0, match.start() - 60):match.start()].lower()
        if re.search(r"\b(when|if) (there is|there are|there's|nothing|no)\b[^.]*$", before) \
                or match.group(1) == empty:
            continue  # the empty case, not the normal line
        return match.group(1)
    return None


@_per_command
def _formatter_function(context: Context) -> str | None:
    """A spec function from the stored entity to ``str`` that the words point to
    ("one description per line", "prints its description (see describe)")."""
    if context.entity is None:
        return None
    index = context.index
    for function in index.ordered(index.by_param_type.get(context.entity.name, ())):
        if function.returns is None or type_name(function.returns) != "str":
            continue
        kinds = [type_name(param.type) for param in function.params]
        if kinds not in ([context.entity.name], ["int", context.entity.name],
                         [context.entity.name, "int"]):
            continue  # the record, and maybe its position: render(number, ticket)
        names = [w for w in words(function.name) if len(w) > 3]
        if function.name in context.text or any(
                any(word[:5] == name[:5] for word in context.description_words) for name in names):
            return function.name
    return None


@_per_command
def _empty_message(context: Context) -> str | None:
    """ "When there is nothing to show it prints `nothing to do`", "An empty result prints
    `no books`": the line printed (exit status 0) when no record is selected."""
    for sentence in re.split(r"(?<=[.;])\s+", context.text):
        quoted = re.search(rf"{PRINTS}\s+[`\"]([^`\"]+)[`\"]", sentence, flags=re.IGNORECASE)
        if quoted is None or re.search(r"\b[A-Z]{2,}\b|\bN\b", quoted.group(1)):
            continue
        rest = (sentence[:quoted.start()] + " " + sentence[quoted.end():]).lower()
        if re.search(r"\b(empty|nothing|none|nobody|no one|zero|no \w+)\b", rest):
            return quoted.group(1)
    return None


@_per_command
def _output_pattern(context: Context) -> str | None:
    """A backticked line format naming fields (``TITLE by AUTHOR``) or a count (``N books``)."""
    if context.entity is None:
        return None
    names = {f.name.lower() for f in context.entity.fields}
    for text in re.findall(r"`([^`]+)`", context.text):
        tokens = re.findall(r"[A-Za-z_]\w*", text)
        if text.startswith(("--", context.command.name + " ")):
            continue  # an option or a command line, not a format
        if any(token.lower() in names or any(same(token, n) for n in names) for token in tokens) \
                or any(token in ("N", "COUNT", "TOTAL", "SUM", "X", "AVERAGE", "VALUE") for token in tokens):
            return text
    return None


def _guards(context: Context, candidate: Interpretation):
    guards, not_understood, uses = [], [], []
    for error in context.command.errors:
        condition = error.condition.lower()
        trace = f"{error.span.file}:{error.span.line}" if error.span else ""
        key = ("guard", id(error))  # the same for every candidate: made once per command
        if key not in context.memo:
            context.memo[key] = _check_guard(context, error, condition, trace)
        made = context.memo[key]
        if made is not None:
            guards.append(made)
            if made.function:
                uses.append(made.function)
            continue
        if re.search(r"out of range|not in|no such|not found|does not exist|doesn't exist|unknown|nobody|no one|"
                     r"missing|not exist|nonexistent|no (\w+ )?(with|called|named|at)|isn't|is not there|"
                     r"invalid (index|position|number)", condition) and candidate.select in ("position", "key", "latest"):
            guards.append(Guard("lookup", error.message, error.status, trace=trace))
            continue
        if re.search(r"already|duplicate|exists|taken|in use|same|twice|again", condition) \
                and candidate.operation == "add":
            named = [(context.field(p.name), p.name) for p in context.params
                     if context.field(p.name) is not None and (
                         mentions(words(condition), p.name)
                         or mentions(words(condition), context.field(p.name).name))]
            key_field = context.key_field()
            if key_field is not None and any(f is key_field for f, _ in named):
                named = [(f, p) for f, p in named if f is key_field]  # the unique field decides
            if not named:
                key = key_field or next((context.field(p.name) for p in context.params
                                                  if context.field(p.name) is not None
                                                  and type_name(p.type) == "str"), None)
                named = [(key, p.name) for p in context.params if key is not None
                         and context.field(p.name) is key][:1]
            if named:
                guards.append(Guard("duplicate", error.message, error.status,
                                    condition=",".join(f"{f.name}:{p}" for f, p in named),
                                    trace=trace, trigger={"ignore_case": bool(
                                        re.search(r"case|capital|upper|lower", condition))}))
                continue
        if re.search(r"\b(no|nothing|empty|none|zero)\b|there are no|is empty|no (\w+ )?(match|found|yet)", condition) \
                and candidate.operation in ("list", "show", "count", "aggregate", "update", "remove"):
            kind = "lookup" if candidate.operation in ("update", "remove") and candidate.select != "matching" else "empty"
            guards.append(Guard(kind, error.message, error.status, trace=trace))
            continue
        not_understood.append(error.condition)
    return guards, not_understood, uses


def _check_guard(context: Context, error, condition: str, trace: str):
    """Conditions on argument values, or a spec predicate that is false."""
    params = context.params
    mentioned = [p for p in params if re.search(rf"\b{re.escape(p.name.lower())}s?\b", condition)
                 or re.search(rf"\b{re.escape(p.name.lower().replace('_', ' '))}\b", condition)]
    numeric = [p for p in params if is_number(p.type)]
    if not mentioned and len(numeric) == 1 and re.search(
            r"below|above|under|over|less|more|greater|outside|between|negative|zero|positive|\d", condition):
        mentioned = numeric
    # a spec function returning bool that the condition names: "a date that is not valid"
    for function in context.index.mentioned_in(words(condition)):
        if function.returns is None or type_name(function.returns) != "bool":
            continue
        fwords = [w for w in words(function.name) if len(w) > 2 and w not in ("is", "has")]
        if not fwords or not all(mentions(words(condition), w) for w in fwords):
            continue
        def related(param, fwords=fwords) -> int:
            target = context.field(param.name)
            text = words(param.name) + (words(target.description) if target is not None else [])
            return -sum(mentions(text, w) or any(w[:3] == t[:3] for t in text) for w in fwords)

        arguments = []
        for fparam in function.params:
            typed = sorted((p for p in (mentioned or params) if type_name(p.type) == type_name(fparam.type)),
                           key=related)
            match = next((p for p in params if same(p.name, fparam.name)), None) or next(iter(typed), None)
            if match is None:
                break
            arguments.append(match.name)
        else:
            negated = bool(re.search(r"\bnot\b|\bin\w+|\bun\w+|\bbad\b|\bwrong\b|\bfalse\b|"
                                     r"\bfails?\b|\brejects?\b|\bno\b", condition))
            call = f"{function.name}({', '.join(arguments)})"
            return Guard("predicate", error.message, error.status,
                         condition=f"not {call}" if negated else call, trace=trace,
                         function=function.name)
    if len(mentioned) != 1:
        return None
    param = mentioned[0]
    name = param.name
    kind = type_name(param.type)
    number = r"(-?\d+(?:\.\d+)?|" + "|".join(NUMBER_WORDS) + ")"

    def value(text: str):
        text = str(NUMBER_WORDS.get(text, text))
        return float(text) if "." in text else int(text)

    clauses, bad = [], None
    if kind in ("int", "float"):
        outside = re.search(rf"\b(?:outside|not (?:in|between|within))\s+(?:the range\s+)?(?:of\s+)?{number}\s*(?:\.\.|-|to|and|–)\s*{number}", condition)
        if outside:
            low, high = value(outside.group(1)), value(outside.group(2))
            clauses.append(f"{name} < {low} or {name} > {high}")
            bad = high + 1
        for pattern, op in (("below|under|less than|smaller than|lower than|fewer than", "<"),
                            ("above|over|greater than|more than|larger than|higher than|exceeds|bigger than", ">"),
                            ("at least|no less than", ">="), ("at most|no more than", "<=")):
            found = re.search(rf"\b(?:{pattern})\s+{number}", condition)
            if found and not outside:
                limit = value(found.group(1))
                clauses.append(f"{name} {op} {limit!r}")
                step = 1 if kind == "int" else 0.5
                if bad is None:
                    bad = {"<": limit - step, ">": limit + step, ">=": limit, "<=": limit}[op]
        if re.search(r"\b(zero or negative|not positive|non-positive|zero or less|less than one)\b", condition):
            clauses, bad = [f"{name} <= 0"], 0
        elif re.search(r"\bnegative\b", condition) and not clauses:
            clauses.append(f"{name} < 0")
            bad = -1
        elif re.search(r"\bzero\b", condition) and not clauses:
            clauses.append(f"{name} == 0")
            bad = 0
    elif kind == "str" and re.search(r"\b(empty|blank)\b", condition):
        clauses.append(f"not {name}.strip()")
        bad = " "
    elif kind == "str":
        longer = re.search(rf"\b(?:longer than|more than|over)\s+{number}\s+(?:characters|chars|letters)", condition)
        if longer:
            limit = value(longer.group(1))
            clauses.append(f"len({name}) > {limit}")
            bad = "x" * (limit + 1)
    elif is_list_type(param.type) and re.search(r"\b(empty|no|none)\b", condition):
        clauses.append(f"not {name}")
        bad = []
    if not clauses:
        return None
    return Guard("check", error.message, error.status, condition=" or ".join(f"({c})" for c in clauses),
                 trigger={name: bad}, trace=trace)


# -- pins ---------------------------------------------------------------------------


def read_pins(command, context: Context) -> dict[str, Any]:
    """The ``- operation: ...``-style bullets under a command: constraints on the search."""
    attributes = command.attributes or {}
    pins: dict[str, Any] = {}
    def fail(key: str, message: str, hint: str) -> SpecError:
        span = command.span
        return SpecError(f"command {command.name!r}: pin '- {key}:' {message}",
                         file=span.file if span else "spec.md", line=span.line if span else 1,
                         column=1, source_line=span.text if span else None, hint=hint)

    params = {p.name for p in command.params}
    for key, raw in attributes.items():
        if key not in PIN_KEYS:
            continue
        text = raw.strip().strip("`").strip()
        if key == "operation":
            op = text.lower()
            op = {"search": "list", "print": "list", "delete": "remove", "create": "add",
                  "lookup": "show", "total": "aggregate", "sum": "aggregate", "mean": "aggregate",
                  "average": "aggregate", "min": "aggregate", "max": "aggregate"}.get(op, op)
            if op not in OPERATIONS:
                raise fail(key, f"names unknown operation {text!r}",
                           f"one of: {', '.join(OPERATIONS)}")
            pins["operation"] = op
            if text.lower() in AGGREGATES or text.lower() in ("total", "average"):
                pins["aggregate"] = {"total": "sum", "average": "mean"}.get(text.lower(), text.lower())
        elif key == "select":
            match = re.fullmatch(r"(?:by\s+)?(position|index|key|all|latest|first|matching)(?:\s+(\w+))?", text.lower()) \
                or re.fullmatch(r"by\s+(\w+)", text.lower())
            if not match:
                raise fail(key, f"is not understood: {text!r}",
                           "write 'by position', 'by FIELD', 'all', 'matching', 'latest' or 'first'")
            word = match.group(1)
            if word in ("position", "index"):
                pins["select"] = ("position", None)
            elif word in ("all", "latest", "first", "matching"):
                pins["select"] = (word, None)
            else:
                target = context.field(word if word != "key" else (match.group(2) or ""))
                if target is None:
                    raise fail(key, f"names no field of {context.entity.name if context.entity else 'the entity'}: {text!r}",
                               "write 'by FIELD' with a field of the stored entity")
                pins["select"] = ("key", target.name)
        elif key == "filter":
            pins.setdefault("filters", []).extend(_parse_filter_pin(text, context, params, fail))
        elif key == "order":
            match = re.fullmatch(r"(?:by\s+)?(\w+)(?:\s+(ascending|descending|asc|desc|reversed))?", text.lower())
            target = context.field(match.group(1)) if match else None
            if match and match.group(1) == "position":
                pins["order"] = ("position", bool(match.group(2) and match.group(2).startswith("desc")))
            elif target is None:
                raise fail(key, f"names no field: {text!r}", "write 'FIELD ascending' or 'FIELD descending'")
            else:
                pins["order"] = (target.name, bool(match.group(2) and match.group(2)[0] in "dr"))
        elif key == "limit":
            name = text.lstrip("-").replace("-", "_")
            if text.isdigit():
                pins["limit"] = text
            elif name in params:
                pins["limit"] = f"param:{name}"
            else:
                raise fail(key, f"is neither a number nor a parameter: {text!r}",
                           f"parameters: {', '.join(sorted(params)) or 'none'}")
        elif key == "set":
            match = re.fullmatch(r"(\w+)\s*(?:to|=|:=)\s*(.+)", text)
            target = context.field(match.group(1)) if match else None
            if target is None:
                raise fail(key, f"is not understood: {text!r}", "write 'FIELD to PARAMETER' or 'FIELD to VALUE'")
            value = match.group(2).strip().lstrip("-").replace("-", "_")
            source = f"param:{value}" if value in params else _pin_literal(value)
            if source is None:
                raise fail(key, f"value {match.group(2)!r} is neither a parameter nor a literal",
                           f"parameters: {', '.join(sorted(params)) or 'none'}")
            pins.setdefault("set", []).append(Assignment(target.name, "set", source))
        elif key == "output":
            pins["output"] = text
    return pins


def _pin_literal(text: str) -> str | None:
    value = default_value(text)
    if value is None and text.strip().lower() not in ("none", "null"):
        return None
    return repr(value)


def _parse_filter_pin(text: str, context: Context, params: set[str], fail) -> list[Filter]:
    filters = []
    for part in re.split(r"\s*(?:,|\band\b)\s*", text):
        match = re.fullmatch(
            r"(\w+)\s+(is true|is false|is not|is|==|!=|<=|>=|<|>|contains|equals)\s*(.*?)"
            r"(\s+ignoring case)?(?:\s+when\s+--?([\w-]+)(?:\s+is given)?)?(?:\s+unless\s+--?([\w-]+)(?:\s+is given)?)?",
            part.strip(), flags=re.IGNORECASE)
        if not match or context.field(match.group(1)) is None:
            raise fail("filter", f"is not understood: {part!r}",
                       "write 'FIELD is false when --FLAG', 'FIELD contains PARAM ignoring case', "
                       "'FIELD > PARAM', separated by commas")
        target = context.field(match.group(1))
        op = match.group(2).lower()
        value_text = match.group(3).strip()
        if op in ("is", "equals") and value_text.lower() in ("true", "false"):
            op, value_text = f"is {value_text.lower()}", ""
        op = {"is": "==", "equals": "==", "is not": "!="}.get(op, op)
        value = None
        if value_text:
            name = value_text.lstrip("-").replace("-", "_")
            value = f"param:{name}" if name in params else _pin_literal(value_text)
            if value is None:
                raise fail("filter", f"value {value_text!r} is neither a parameter nor a literal",
                           f"parameters: {', '.join(sorted(params)) or 'none'}")
        for flag in (match.group(5), match.group(6)):
            if flag and flag.replace("-", "_") not in params:
                raise fail("filter", f"names unknown option --{flag}",
                           f"parameters: {', '.join(sorted(params)) or 'none'}")
        filters.append(Filter(target.name, op, value, bool(match.group(4)),
                              when=match.group(5).replace("-", "_") if match.group(5) else None,
                              unless=match.group(6).replace("-", "_") if match.group(6) else None))
    return filters


def _agrees_with_pins(candidate: Interpretation, pins: dict[str, Any]) -> bool:
    select = pins.get("select")
    if select is not None and candidate.operation in ("update", "remove", "show"):
        kind, target = select
        if kind == "key" and (candidate.select != "key" or candidate.locate_field != target):
            return False
        if kind != "key" and candidate.select != kind and not (kind == "all" and candidate.select == "matching"):
            return False
    aggregate = pins.get("aggregate")
    return not (aggregate and candidate.aggregate is not None
                and candidate.aggregate.function != aggregate)


def _apply_pins(candidate: Interpretation, pins: dict[str, Any], context: Context) -> Interpretation:
    pinned = []
    if "filters" in pins:
        candidate.filters = list(pins["filters"])
        pinned.append("filter")
    if "order" in pins:
        candidate.order = pins["order"]
        pinned.append("order")
    if "limit" in pins:
        candidate.limit = pins["limit"]
        pinned.append("limit")
    if "set" in pins and candidate.operation == "update":
        candidate.assignments = list(pins["set"])
        candidate.ignored = [reason for reason in candidate.ignored if not reason.startswith("nothing to change")]
        pinned.append("set")
    if pinned:
        used = {f.value[6:] for f in candidate.filters if f.value and f.value.startswith("param:")}
        used |= {f.when for f in candidate.filters if f.when} | {f.unless for f in candidate.filters if f.unless}
        used |= {a.value[6:] for a in candidate.assignments if a.value.startswith("param:")}
        if candidate.limit and candidate.limit.startswith("param:"):
            used.add(candidate.limit[6:])
        if candidate.locate_param:
            used.add(candidate.locate_param)
        used |= {candidate.constructor.get(k, "")[6:] for k in candidate.constructor}
        candidate.unused_params = [p.name for p in context.params if p.name not in used]
    candidate.pinned = pinned + [key for key in ("operation", "select", "output") if key in pins]
    return candidate


# ---------------------------------------------------------------- learning a line from an example


def learn_message(expected: str, values: dict[str, Any], position: int | None) -> str | None:
    """A line template from an example's expected text: record values become placeholders.

    ``added 1: Dune by Frank`` with ``{"title": "Dune", "author": "Frank"}`` and position 1
    gives ``added {position}: {item.title} by {item.author}``; None when no value shows.
    """
    line = expected.splitlines()[0] if expected else ""
    if not line:
        return None
    texts = [str(value) for value in values.values()
             if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value)]
    if position is not None:
        texts.append(str(position))
    if len(texts) != len(set(texts)) and any(texts.count(text) > 1 and text in line for text in texts):
        return None  # two values read the same: which placeholder is which cannot be told
    marks: list[tuple[int, int, str]] = []
    ordered = sorted(((name, value) for name, value in values.items()
                      if isinstance(value, (str, int, float)) and not isinstance(value, bool)
                      and str(value) != ""), key=lambda pair: -len(str(pair[1])))
    taken = [False] * len(line)
    for name, value in ordered:
        forms = [(str(value), "")]
        if isinstance(value, str):  # as a cleaner on the way in may have written it
            tidy = " ".join(value.split())
            forms += [(variant, "") for variant in (tidy, tidy.lower(), tidy.title(), tidy.upper())
                      if variant and variant != value]
        if isinstance(value, (int, float)):
            forms = [(str(value), ""), (format(value, ",.2f"), ":,.2f"), (format(value, ".2f"), ":.2f"),
                     (format(value, ",d") if isinstance(value, int) else format(value, ","), ":,")]
            unique: dict[str, str] = {}
            for text, spec in forms:  # the plainest spelling of each text
                unique.setdefault(text, spec)
            forms = list(unique.items())
        found = False
        for text, spec in forms:
            for match in re.finditer(rf"(?<![\w.,]){re.escape(text)}(?![\w]|[.,]\d)", line):
                if not any(taken[match.start():match.end()]):
                    marks.append((match.start(), match.end(), f"{{item.{name}{spec}}}"))
                    for index in range(match.start(), match.end()):
                        taken[index] = True
                    found = True
                    break
            if found:
                break
    if position is not None:
        for match in re.finditer(rf"(?<![\w.]){position}(?![\w]|[.,]\d)", line):
            if not any(taken[match.start():match.end()]):
                marks.append((match.start(), match.end(), "{position}"))
                break
    if not marks:
        return None
    template, cursor, literal_text = "", 0, []
    for start, end, placeholder in sorted(marks):
        template += _fstring_text(line[cursor:start]) + placeholder
        literal_text.append(line[cursor:start])
        cursor = end
    literal_text.append(line[cursor:])
    literals = " ".join(literal_text).lower()
    for value in values.values():  # a value left as text (a list's element) would be frozen in
        elements = value if isinstance(value, (list, tuple)) else [value]
        if any(isinstance(element, str) and len(element) > 1 and element.lower() in literals
               for element in elements):
            return None
    return template + _fstring_text(line[cursor:])


def _fstring_text(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def parse_command_line(command, argv: list[str]) -> dict[str, Any] | None:
    """The parameter values a command line gives (click's rules, simplified); None if it fails."""
    values: dict[str, Any] = {}
    positional = [param for param in command.params if param.default is None]
    options = {"--" + param.name.replace("_", "-"): param for param in command.params
               if param.default is not None}
    words, index, rest = list(argv), 0, []
    while index < len(words):
        word = words[index]
        if word == "--":
            rest.extend(words[index + 1:])
            break
        name = word.split("=", 1)[0]
        param = options.get(name) or options.get(name.replace("--no-", "--"))
        if param is not None:
            if type_name(param.type) == "bool":
                values[param.name] = not name.startswith("--no-")
            else:
                value = word.split("=", 1)[1] if "=" in word else (
                    words[index + 1] if index + 1 < len(words) else None)
                index += 0 if "=" in word else 1
                converted = _convert(param, value)
                if is_list_type(param.type):
                    values.setdefault(param.name, []).append(converted)
                else:
                    values[param.name] = converted
        else:
            rest.append(word)
        index += 1
    for param in positional:
        if not rest:
            return None
        if is_list_type(param.type):
            values[param.name] = [_convert(param, word) for word in rest]
            rest = []
        else:
            values[param.name] = _convert(param, rest.pop(0))
    return values


def _convert(param, text: str | None) -> Any:
    kind = param.type.args[0].name if is_list_type(param.type) and param.type.args \
        else type_name(param.type)
    try:
        return {"int": int, "float": float}.get(kind, str)(text)
    except (TypeError, ValueError):
        return text


