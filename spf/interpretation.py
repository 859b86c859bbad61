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
import itertools
import keyword
import operator
import os
import re
import shlex
from collections import Counter
from dataclasses import dataclass, field, fields, replace
from typing import Any

from spf.errors import SpecError
from spf.spec.transcripts import STORY_STEP, given_empty, story_status

OPERATIONS = ("add", "list", "show", "update", "remove", "count", "aggregate", "custom")
AGGREGATES = ("sum", "mean", "min", "max", "change")  # change: the last value minus the first
PIN_KEYS = ("operation", "select", "filter", "order", "limit", "set", "output")
INDEX_NAMES = {"index", "position", "number", "id", "n", "num", "pos", "no", "nr"}
KEPT_NUMBERS = ("id", "number", "num", "no", "nr")  # a field keeping a record's own number, not its place
LIMIT_NAMES = {"count", "limit", "n", "top", "most", "max", "at_most", "first", "last", "size"}

# Priors: the words that suggest each operation (the taxonomy's keywords are added to these).
OPERATION_WORDS: dict[str, tuple[str, ...]] = {
    "add": ("add", "create", "new", "record", "log", "register", "insert", "enter", "save", "open",
            "track", "put", "append", "note", "book", "plant", "stock", "buy", "bring"),  # ("bring back": update)
    "list": ("list", "show", "print", "display", "ls", "view", "see", "report", "search",
             "find", "filter", "browse", "all", "every", "each"),
    "show": ("show", "print", "display", "get", "lookup", "look", "view", "details", "info",
             "describe", "latest", "newest", "last", "oldest", "recent"),
    "update": ("update", "set", "change", "edit", "rename", "mark", "done", "complete", "finish", "flip",
               "give", "modify", "toggle", "move", "bump", "increase", "decrease", "raise",
               "lower", "undo", "reopen", "restore", "check", "tick", "archive",
               "unarchive", "pay", "settle", "return", "borrow", "lend", "rate", "tag", "untag",
               "assign", "adjust", "correct", "replace", "promote", "demote", "close", "resolve",
               "use", "consume", "subtract", "deduct", "withdraw", "refill", "restock", "deposit",
               "extend", "renew", "prolong", "postpone"),
    "remove": ("remove", "delete", "rm", "drop", "clear", "forget", "erase", "purge", "discard",
               "cancel", "wipe", "prune", "clean", "toss", "trash", "bin", "ditch", "evict", "throw", "sell",
               "strike", "struck", "scratch", "expunge", "rub"),
    "count": ("count", "number", "tally"),
    "aggregate": ("total", "sum", "summed", "average", "mean", "min", "max", "minimum", "maximum",
                  "highest", "lowest", "spent", "balance", "best", "worst", "streak", "longest",
                  "median", "overall", "stats", "summary", "sum", "earned", "earnings", "received", "income",
                  "revenue", "takings"),
}
STORY_VERBS = {  # the verb after "As a ..., I want to": what the user story asks for ("I want to retire a rower")
    "add": ("add", "capture", "register", "enter", "create", "enrol", "enroll", "catalogue", "catalog"),
    # (not "record" nor "log": "I want to record a sale" counts one up, "I want to log a ride" changes a scooter)
    "update": ("correct", "fix", "amend", "change", "update", "edit", "adjust", "rename", "mark", "move", "set"),
    "remove": ("retire", "remove", "delete", "scratch", "drop", "erase", "purge", "clear", "withdraw", "discard"),
    "list": ("review", "browse", "list", "see", "view", "display", "scan"),
    "show": ("surface", "look", "find", "check", "fetch"),
    "aggregate": ("tally", "total", "sum", "roll"),
}
IMPERATIVES = {  # a sentence's first word that says which write a command is ("Erase all collected items")
    "add": ("add", "create", "insert", "register", "append", "enter"),
    "update": ("update", "change", "edit", "rename", "increase", "decrease", "replace", "set", "reset"),
    "remove": ("remove", "delete", "erase", "drop", "forget", "purge", "discard", "wipe", "cancel"),
}
AGGREGATE_WORDS: dict[str, tuple[str, ...]] = {
    "sum": ("total", "sum", "spent", "balance", "altogether", "overall", "earned", "earnings", "received",
            "income", "revenue", "takings", "summed", "totalled", "totaled"),
    "mean": ("average", "mean", "avg"),
    "min": ("min", "minimum", "lowest", "smallest", "cheapest", "least", "worst", "shortest",
            "earliest", "fewest"),
    "max": ("max", "maximum", "highest", "largest", "biggest", "most", "best", "longest",
            "latest", "top", "record"),
}
DECIMALS = [(r"\b(?:two|2) decimal|decimal places|\bcents\b", ".2f"),
            (r"\b(?:one|1|a single) decimal\b", ".1f"),
            (r"\b(?:three|3) decimal", ".3f"),
            ((r"\brounded (?:to (?:the )?(?:nearest |a )?(?:whole|integer|unit)|off)|\bno decimals?\b|"
              r"\bwithout decimals\b|\bin whole (?:numbers?|\w+)\b|\bwhole numbers?\b"), ".0f")]


def stated_decimals(description: str) -> str:
    """The number format the words state: "with two decimals" -> ``.2f``, "rounded to whole
    km", "each rounded to the nearest whole number" -> ``.0f``; "" when they state none."""
    return next((spec for pattern, spec in DECIMALS if re.search(pattern, description or "", flags=re.IGNORECASE)), "")


LENGTHS = ("km", "kms", "miles", "distance", "length", "metres", "meters", "m")
RECORD_NOUNS = ("entry", "record", "one", "item", "row")  # words for "a record" whatever the entity ("line" is text)
RECORD_NOUNS_RE = "|".join(RECORD_NOUNS)
ORDERING = r"\b(?:\w+est|most \w+|least \w+) (?:\w+ )?(?:(?:comes?|goes?|is|are|shown|listed) )?first\b"
# "biggest debt first", "the largest margin comes first": an order, not a pick
MONEY_FIELDS = ("price", "cost", "amount", "fee", "fare", "charge", "euros", "dollars", "pounds", "eur", "usd")
NEGATED_FLAGS: dict[str, tuple[str, ...]] = {
    # a flag named for the negation of a field: --pending over done, --unpaid over paid
    "pending": ("done", "complete", "completed", "finished", "closed", "resolved", "paid"),
    "open": ("done", "closed", "complete", "completed", "finished", "resolved", "settled", "paid", "returned"),
    "todo": ("done", "complete", "completed", "finished"),
    "remaining": ("done", "complete", "completed", "finished", "read", "watched"),
    "active": ("done", "archived", "finished", "completed", "closed", "deleted", "retired", "inactive", "paused"),
    "outstanding": ("paid", "done", "returned", "back", "settled"),
    "due": ("paid", "done", "returned", "back"),
    "out": ("back", "returned", "home", "in"),  # a book that is out is not back
    "in use": ("retired", "archived", "deleted", "sold", "closed", "removed", "broken"),
    "in service": ("retired", "archived", "sold", "broken"),
    "away": ("back", "returned", "home"),
    "back": ("out", "away", "lent", "borrowed"),  # a bike that comes back is no longer out
    "failed": ("passed", "ok", "working", "succeeded"),  # `--failed` over `passed`
    "failing": ("passed", "ok", "working", "succeeded"),
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
    (r"(most recent|newest|latest|recently added|last added)( \w+)?(?: (?:comes?|goes?|is|are|shown|listed))? first", ("created", "date", "added", "when", "day", "time", "timestamp", "year"), True),
    (r"(newest|latest|most recent) to (?:the )?(?:oldest|earliest)", ("created", "date", "added", "when", "day", "time", "timestamp", "year"), True),
    (r"(oldest|earliest) to (?:the )?(?:newest|latest|most recent)", ("created", "date", "added", "when", "day", "time", "timestamp", "year"), False),
    (r"(oldest|earliest|soonest|least recent)( \w+)?(?: (?:comes?|goes?|is|are|shown|listed))? first", ("created", "date", "added", "when", "day", "time", "timestamp", "year"), False),
    (r"(?:goes off|go off|expires?|runs? out|is due|are due) first", ("expires", "expiry", "due", "until", "date", "day"), False),
    # "the one that goes off first at the top"
    (r"(\b(\w+),? (?:from )?)?\ba to z\b|alphabetical|alphabetically", ("name", "title", "label", "word", "text"), False),
    (r"(\b(\w+),? (?:from )?)?\bz to a\b|reverse alphabetical", ("name", "title", "label", "word", "text"), True),
    (r"(highest|largest|biggest|most|best|top|the big|the high) (\w+ ){0,2}?first", ("score", "points", "rating", "amount", "count", "priority", "value", "quantity", "total", "rank"), True),
    (r"(lowest|smallest|fewest|least|worst|the small|the low) (\w+ ){0,2}?first", ("score", "points", "rating", "amount", "count", "priority", "value", "quantity", "total", "rank"), False),
]
ENTRY_VERBS = r"written|added|entered|logged|recorded|noted|made|created|saved|typed"
ENTERED = rf"\b(?:most recently|last|later) (?:{ENTRY_VERBS})(?: (?:one|ones|entry|entries))? (?:comes? |goes? |is )?first\b|" \
          rf"\b(?:{ENTRY_VERBS}) (?:most recently|later|last) (?:comes? |goes? |is )?first\b"
COMPARISONS: list[tuple[str, str]] = [
    (r"at least|no less than|not less than|minimum of|or more\b|or later\b|and later\b|or after\b|or newer\b", ">="),
    ((r"at most|no more than|not more than|maximum of|or less\b|or fewer\b|or earlier\b|and earlier\b|or before\b|"
      r"or older\b"), "<="),
    ((r"more than|greater than|over|above|larger than|bigger than|higher than|exceeding|costing more than|longer than|"
     r"deeper than|heavier than|taller than|wider than|further than|farther than|after"), ">"),
    ((r"less than|fewer than|under|below|smaller than|lower than|cheaper than|shorter than|shallower than|"
     r"lighter than|narrower than|before"), "<"),
]
NUMBER_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "hundred": 100}


# ---------------------------------------------------------------- the data


@dataclass(frozen=True)
class Filter:
    """Keep a record when ``item.FIELD OP value``; ``when`` names the option that enables it."""

    field: str
    op: str  # "==" "!=" "<" "<=" ">" ">=" "contains" "starts with" "is true" "is false" "any contains"
    # "N days from" (ISO days from the value on, N of them)
    value: str | None = None  # "param:NAME", a Python literal, or None for "is true/false"
    ignore_case: bool = False
    when: str | None = None  # an option: the filter applies only when it is given
    unless: str | None = None  # a flag: the filter applies unless it is given (``--all``)
    fields: tuple[str, ...] = ()  # several text fields for a query over "any of them"
    call: str | None = None  # a spec function of the record compared instead of the field

    def words(self) -> str:
        target = self.call.replace("item.", "") if self.call else \
            " or ".join(self.fields) if self.fields else self.field
        value = _value_words(self.value)
        text = {"is true": f"{target} is true", "is false": f"{target} is false"}.get(
            self.op, f"{target} {self.op} {value}")
        if self.op.endswith(" days from"):
            text = f"{target} within the {self.op} {value}"
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
    op: str  # "set" | "append" | "discard" | "add" | "subtract" | "toggle" | "add days" (to an ISO day)
    value: str  # "param:NAME" or a Python literal
    bound: str | None = None  # a literal the field stops at: its stated range ("1 to 5")

    def words(self) -> str:
        value = _value_words(self.value)
        return {"set": f"set {self.field} to {value}", "append": f"add {value} to {self.field}",
                "discard": f"remove {value} from {self.field}",
                "add": f"increase {self.field} by {value}",
                "subtract": f"decrease {self.field} by {value}",
                "toggle": f"flip {self.field}",
                "add days": f"move {self.field} by {value} days"}[self.op] + (
                    f" (stopping at {self.bound})" if self.bound is not None else "")

    def applied(self, current: Any, value: Any) -> Any:
        """``current`` after adding or taking away ``value``, stopped at the bound."""
        if self.op == "add days":  # an ISO day moved by a number of days
            import datetime

            return (datetime.date.fromisoformat(current) + datetime.timedelta(days=value)).isoformat()
        changed = current + value if self.op == "add" else current - value
        if self.bound is None:
            return changed
        bound = default_value(self.bound)
        return min(changed, bound) if self.op == "add" else max(changed, bound)


@dataclass(frozen=True)
class Guard:
    """A documented error made a check: placed before any write, so a refusal changes nothing."""

    kind: str  # "check" (on arguments) | "predicate" (a spec function) | "lookup" | "duplicate" | "empty"
    # | "state" (on the record found: ``item.done``) | "stored" (the argument against the stored
    # records: a ledger's sum, the highest km logged for the same car)
    message: str
    status: int
    condition: str = ""  # Python over the parameters, for "check" and "predicate"
    trigger: dict[str, Any] | None = None  # argument values that make a "check" fire
    trace: str = ""
    function: str | None = None  # the spec function a "predicate" calls
    shown: tuple[str, ...] = ()  # a "state" message's placeholders written from the record found, as stored;
    # a consent "check"'s ("N",): N is how many records the command would remove

    def words(self) -> str:
        keys = " and ".join(pair.split(":", 1)[0] for pair in self.condition.split(",") if pair)
        what = {"lookup": "no record matches",
                "duplicate": f"a record with the same {keys} exists" if keys else "a record with that key exists",
                "empty": "the store is empty" if (self.trigger or {}).get("store") else "there is nothing to show"
                }.get(self.kind, self.condition)
        if self.kind == "duplicate" and (self.trigger or {}).get("among"):
            among = self.trigger["among"]
            flag = among.removeprefix("not ").removeprefix("item.")
            what = f"a record with that key and {flag} {'false' if among.startswith('not ') else 'true'} exists" \
                if re.fullmatch(r"(?:not )?item\.\w+", among) else f"a record with that key and {flag} exists"
        if self.kind == "state":
            what = f"the record found has {self.condition.replace('item.', '')}"
        if self.kind == "stored":
            what = self.condition.replace(" for item in store.all()", " over the records")
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
        if kind is Assignment and data["bound"] is None:
            del data["bound"]  # written only where a range stops the change
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
    where: str | None = None  # only the records with this bool field ("packed"), or "not packed"
    having: str | None = None  # only the groups whose value passes: ">= param:min" ("at least MIN visits")
    scale: str | None = None  # the value in another unit: "// 60" ("in whole hours" of minutes), "/ 1000"

    def words(self) -> str:
        if self.function == "distinct":
            return f"number of different {self.field}" + (f" per {self.group_by}" if self.group_by else "")
        what = f"{self.function} of {_called(self.field)}" if self.field and self.function != "count" \
            or self.field and not self.field.startswith("call:") else self.function
        if self.spec_function:
            what = f"{self.function}(the {self.field} values)"
        if self.where:
            what += f" where {_called(self.where)}"
        if self.scale:
            what = f"{what} rounded half up" if self.scale == "half up" else f"{what} rounded {self.scale}" \
                if self.scale.startswith("half up to ") else f"({what}) {self.scale}"
        group = re.sub(r"^(\w+)\[:(\d+)\]$", r"the first \2 characters of \1", _called(self.group_by or ""))
        having = ""
        if self.having:  # "OP VALUE"
            op, value = self.having.split(" ", 1)
            having = f", only the groups where it is {op} {_value_words(value)}"
        return what + (f" per {group}" if group else "") + having


def _called(name: str) -> str:
    """``call:category(sys,dia)`` in words: ``category(sys, dia)``."""
    return name[5:].replace(",", ", ") if name.startswith("call:") else name


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
    then_by: tuple[str, bool] | None = None  # ties in ``order`` broken by (field, descending)
    last_by: tuple[str, bool] | None = None  # ties left after ``then_by`` ("by day, then by time; at
    # the same moment by label"); only with a ``then_by``
    limit: str | None = None  # "param:NAME" or an int literal
    assignments: list[Assignment] = field(default_factory=list)
    constructor: dict[str, str] = field(default_factory=dict)  # add: field -> "param:NAME"/literal
    auto_fields: list[str] = field(default_factory=list)  # add: fields numbered automatically
    counted: bool = False  # add: those numbers are never given out again (a counter the store keeps)
    merge: list[str] = field(default_factory=list)  # add: key fields of a record the new one joins
    vanish: str | None = None  # update: a record taken down to zero is removed; what it prints then
    every_group: str | None = None  # aggregate: "1..5", every key of the group field's range, empty ones too
    expand: str | None = None  # list/show: a list field whose elements get a line each (``TIME`` of ``times``)
    best_of: tuple[str, str, bool] | None = None  # list: per group the one record with the most of a field
    best_ties_last: bool = False  # best_of: of two with as much, the one added later ("the one noted last")
    # (group field, measured field, whether more wins): "per species, the visit with the most chicks"
    transforms: list[tuple[str, str]] = field(default_factory=list)  # (param, spec function)
    # (param, spec function, flag): "`--vat`: the amount gets VAT added (with_vat) before it's saved"
    flagged_transforms: list[tuple[str, str, str]] = field(default_factory=list)
    cleaned_first: bool = False  # the checks read the cleaned arguments ("refuses the cleaned code")
    aggregate: Aggregate | None = None
    values: list[Aggregate] = field(default_factory=list)  # a summary of several numbers, in order
    total: str | None = None  # a grouped aggregate's last line over every group (`all: DURATION`)
    call: str | None = None  # custom: Python calling spec functions, printed
    output: str | None = None  # a line template over {position}, {item.FIELD}, {value}, {count}
    message: str | None = None  # the confirmation/summary line, learned from an example
    message_pattern: str | None = None  # the line the description says it prints (`added N: TITLE`)
    output_template: str | None = None  # a record line learned from the spec's examples
    formatter: str | None = None  # a spec function that writes a record as a line (``describe``)
    quiet: bool = False  # "prints nothing"
    bare_line: bool = False  # "Prints the corrected entry line": the record's own line, no "updated: "
    prefix: str | None = None  # "Each line is `RATE/h ` followed by the stay": a template before the record's line
    key_order: list[str] | None = None  # groups in the order the words list ("in the order high, elevated, ...")
    numbered: bool = False  # list lines numbered from 1 as shown, not by store position
    fold_case: bool = False  # text orders ignore case ("by name A to Z, ignoring case")
    group_fold: bool = False  # groups ignore case, shown as first spelled ("counted together whatever their case")
    # an order an argument picks: (parameter, {value: [field, descending]}), "`--sort age` puts
    # the oldest first"; ``order`` is then the default value's
    order_choices: tuple[str, dict[str, list]] | None = None
    order_flip: str | None = None  # a flag that turns the order around ("--desc to flip")
    # placeholders the words define over the record's fields: "(OK = jars - unsealed)" ->
    # {"OK": "item.jars - item.unsealed"}
    definitions: dict[str, str] = field(default_factory=dict)
    # text added to a line when a condition holds: (" [heard]", "item.heard") for "with ` [heard]`
    # added at the end of their line", (" ok", "value >= 2000") for "`ok` after it when the total
    # reached 2000"
    suffix: tuple[str, str] | None = None
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
        data["guards"] = [Guard(**{**g, "shown": tuple(g.get("shown", ()))}) for g in data.get("guards", [])]
        data["transforms"] = [tuple(t) for t in data.get("transforms", [])]
        data["order"] = tuple(data["order"]) if data.get("order") else None
        data["then_by"] = tuple(data["then_by"]) if data.get("then_by") else None
        data["last_by"] = tuple(data["last_by"]) if data.get("last_by") else None
        data["order_choices"] = tuple(data["order_choices"]) if data.get("order_choices") else None
        data["suffix"] = tuple(data["suffix"]) if data.get("suffix") else None
        data["aggregate"] = Aggregate(**data["aggregate"]) if data.get("aggregate") else None
        data["values"] = [Aggregate(**value) for value in data.get("values", [])]
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
        for param, function, flag in self.flagged_transforms:
            parts.append(f"with --{flag}: {param} = {function}({param})")
        selection = self._selection_words(entity)
        if self.operation == "add":
            fields = ", ".join(f"{name}={_value_words(value)}"
                               for name, value in self.constructor.items())
            text = f"add a {entity}({fields})"
            if self.auto_fields:
                text += f", {', '.join(self.auto_fields)} numbered automatically" + (
                    " (never reused)" if self.counted else "")
            if self.merge:
                text += (f", unless one with the same {' and '.join(self.merge)} exists: then "
                         + "; ".join(a.words() for a in self.assignments))
        elif self.operation in ("list", "show"):
            text = f"print {selection}"
            if self.expand:
                text = f"print {selection.replace(entity, f'{entity} once per element of {self.expand}', 1)}"
            if self.best_of:
                group, measured, more = self.best_of
                text += f", only the one with the {'most' if more else 'least'} {measured} per {group} ({group} A to Z)"
        elif self.operation == "update":
            changes = "; ".join(a.words() for a in self.assignments) or "change nothing"
            text = f"for {selection}: {changes}"
            if self.vanish is not None:
                text += ", removing it when that leaves nothing" + (
                    f" (printing {self.vanish!r})" if self.vanish else "")
        elif self.operation == "remove":
            text = f"delete {selection}"
        elif self.operation == "count":
            text = f"print how many of {selection} there are"
        elif self.operation == "aggregate" and self.values:
            text = f"print the {', '.join(value.words() for value in self.values)} over {selection}"
            if self.every_group:
                text += f", for every {self.values[0].group_by} in {self.every_group} (empty ones too)"
            if self.key_order:
                text += f", groups in the order {', '.join(self.key_order)}"
        elif self.operation == "aggregate" and self.aggregate is not None:
            text = f"print the {self.aggregate.words()} over {selection}"
            if self.every_group:
                text += f", for every {self.aggregate.group_by} in {self.every_group} (empty ones too)"
            if self.key_order:
                text += f", groups in the order {', '.join(self.key_order)}"
        elif self.operation == "custom":
            text = f"print {self.call}" if self.call else "not implemented (no interpretation)"
        else:
            text = self.operation
        parts.append(text)
        if self.output:
            parts.append(f"format {self.output!r}")
        if self.message:
            parts.append(f"confirm {self.message!r}")
        if self.total:
            parts.append(f"then the same over all of them as {self.total!r}")
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
        if self.order and (not self.order_choices or list(self.order_choices[1]) == ["True"]):
            base += f", ordered by {self.order[0]}{' descending' if self.order[1] else ''}"
            if self.then_by and self.then_by[0].startswith("rank:"):  # "rank:size:small|medium|large"
                _, ranked, listed = self.then_by[0].split(":", 2)
                base += f" then {ranked} in the order {', '.join(listed.split('|'))}"
            elif self.then_by:
                base += f" then {self.then_by[0]}{' descending' if self.then_by[1] else ''}"
            if self.then_by and self.last_by:
                base += f" then {self.last_by[0]}{' descending' if self.last_by[1] else ''}"
        if self.order_choices and list(self.order_choices[1]) == ["True"]:
            target, descending = self.order_choices[1]["True"]
            base += f", by {target}{' descending' if descending else ''} with {_option(self.order_choices[0])}"
        elif self.order_choices:
            param, choices = self.order_choices
            base += f", in the order {_option(param)} picks (" + ", ".join(
                f"{value}: by {target}{' descending' if descending else ''}"
                for value, (target, descending) in choices.items()) + ")"
        if self.order_flip:
            base += f", the other way round with {_option(self.order_flip)}"
        if self.limit:
            base += f", at most {_value_words(self.limit)}"
        if self.suffix:
            base += f", {self.suffix[0].strip()!r} added where {self.suffix[1].replace('item.', '')}"
            if len(self.suffix) > 2 and self.suffix[2].strip():
                base += f" (else {self.suffix[2].strip()!r})"
        if self.fold_case and self.order:
            base += " (text ignoring case)"
        if self.numbered:
            base += ", numbered from 1 as shown"
        return base


_signature_values = operator.attrgetter(*(item.name for item in fields(Interpretation) if item.name not in (
    "score", "evidence", "pinned", "ignored", "unused_params")))


def _value_words(value: str | None) -> str:
    if value is None:
        return ""
    if value.startswith("-param:"):  # the last N, counted from the end
        return f"the last {_option(value[7:])}"
    if value.startswith("not param:"):
        return f"not {_option(value[10:])}"
    if value.startswith("call:"):  # a field a spec function works out: price(MINUTES)
        return re.sub(r"param:(\w+)", lambda m: _option(m.group(1)), value[5:])
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


IRREGULAR_PLURALS = {"child": "children", "person": "people", "man": "men", "woman": "women", "foot": "feet",
                     "tooth": "teeth", "mouse": "mice", "goose": "geese", "knife": "knives", "leaf": "leaves",
                     "loaf": "loaves", "shelf": "shelves", "half": "halves", "wife": "wives", "life": "lives"}
IRREGULAR_SINGULAR = {many: one for one, many in IRREGULAR_PLURALS.items()}


def singular(word: str) -> str:
    if word.lower() in IRREGULAR_SINGULAR:  # "children", "people"
        return IRREGULAR_SINGULAR[word.lower()]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "ches", "shes")) and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        return word[:-1]
    return word


def plural(word: str) -> str:
    """``entry`` -> ``entries``, ``box`` -> ``boxes``, ``set`` -> ``sets``, ``child`` -> ``children``."""
    if word.lower() in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word.lower()]
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def same(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or singular(a) == singular(b)


@functools.lru_cache(maxsize=1 << 16)  # the same few words, asked for by every candidate
def stem(word: str) -> str:
    word = word.lower()
    if word.endswith(("ied", "ies")) and len(word) > 4:
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s"):  # not a bare "d": "record" and "records" share a stem
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    else:
        if word.endswith("ed") and len(word) >= 4:
            word = word[:-1]  # "used": "use"
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


@functools.lru_cache(maxsize=256)  # an operation's keywords: the same tuple for every command
def _stems(keywords: tuple[str, ...]) -> frozenset[str]:
    return frozenset(stem(keyword) for keyword in keywords)


def kin(word: str, name: str) -> bool:
    """Whether ``word`` names ``name`` as the same word or another form of it: "owes" for
    `owed`, "cleaned" for `cleans` (stems of three letters or more)."""
    return same(word, name) or (len(stem(word)) >= 3 and stem(word) == stem(name))


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


def _all_fields(entity, placeholders: list[str], written: set[str] = frozenset()) -> bool:
    """Every placeholder of a line (``DAY``, ``WORD``) names a field of the record, or a
    spec function of its fields writes it (``written``: `LABEL` for ``label(country, year)``)."""
    return all(word in written or any(same(word.lower(), f.name) for f in entity.fields)
               or field_named_loosely(entity, word.lower()) is not None for word in placeholders)


UNIT_SUFFIXES = frozenset({"m", "cm", "mm", "km", "g", "kg", "mg", "l", "ml", "cl", "gb", "mb", "kb", "tb", "s", "sec",
                           "secs", "min", "mins", "h", "hrs", "hours", "days", "p", "pence", "eur", "usd", "gbp", "pct",
                           "w", "kw", "kwh", "v", "c", "f", "ft", "lb", "lbs", "oz"})  # (not "in": `time_in`)


def unit_head(name: str) -> str | None:
    """The name before its unit: ``length`` of `length_m`, ``size`` of `size_gb`; else None."""
    head, _, unit = name.lower().partition("_")
    return head if unit in UNIT_SUFFIXES and head else None


def field_named_loosely(entity, name: str, described: bool = True):
    """The one field whose name ends in ``_NAME`` (`GROUP` for `age_group`), else (for a line's
    placeholder, ``described``) the one whose description starts with the word (`CARD` for
    `household: str — the card reference`), or None."""
    if len(name) <= 3:
        return None
    ending = [candidate for candidate in entity.fields if "_" in candidate.name
              and same(candidate.name.rsplit("_", 1)[1], name)]
    if not ending:  # "length" for `length_m`, "size" for `size_gb`: a name with its unit after it
        ending = [candidate for candidate in entity.fields if unit_head(candidate.name) and same(unit_head(candidate.name), name)]
    if len(ending) == 1 or not described:
        return ending[0] if len(ending) == 1 else None
    described = [candidate for candidate in entity.fields
                 if (said := [word for word in words(candidate.description)[:3] if word not in ("the", "a", "an")])
                 and same(said[0], name)]
    if not described and name.lower() == "name":  # `NAME` over `member: str — the person's name`
        described = [candidate for candidate in entity.fields if type_name(candidate.type) == "str" and re.match(
            r"\s*(?:the |their |its |his |her |a )?(?:\w+'s )?(?:full |first |given )?name\b", candidate.description or "",
            flags=re.IGNORECASE)]
    return described[0] if len(described) == 1 else None


def _one_number(context: Context, line: str | None) -> bool:
    """`LITRES l` under "Total litres brewed": the line's one placeholder is a number field,
    the value a summary of it prints (not a record's line)."""
    capitals = re.findall(r"\b[A-Z][A-Z_]*[A-Z]\b", line or "")
    target = context.field(capitals[0].lower()) if len(capitals) == 1 and context.entity is not None else None
    return target is not None and is_number(target.type)


def _record_line(context: Context, line: str | None) -> bool:
    """Whether a line format writes one record: each placeholder a field (`DAY`), a spec
    function of the record (`HM`, `LABEL`), or a letter the word before it names
    (`quality Q`); with at least one whole word in capitals."""
    if not line or context.entity is None or not re.search(r"\b[A-Z][A-Z_]*[A-Z]\b", line):
        return False
    written = _record_placeholders(context)
    for match in re.finditer(r"\b[A-Z](?:[A-Z_]*[A-Z])?\b", line):
        token = match.group(0)
        if _all_fields(context.entity, [token], written):
            continue
        before = re.findall(r"([a-z]+)\s*$", line[:match.start()])  # the word right before it
        if len(token) == 1 and before and any(same(before[-1], f.name) for f in context.entity.fields):
            continue  # `quality Q` (not `freezer F: N`: N's word is no field)
        if token in ("N", "NR", "NO", "NUM", "POS", "ID") and match.start() == 0 and re.match(r"[.):]\s", line[match.end():]):
            continue  # `N. WHAT (due DUE)`: the record's number in front of its fields
        if token in ("ID", "NR", "NO", "NUM", "POS") and line[max(0, match.start() - 1):match.start()] == "#":
            continue  # `#ID DAY ...`: the record's number
        if token in _definitions(context):
            continue  # "(OK = jars - unsealed)": worked out from the record's fields
        return False
    return True


def _record_placeholders(context: Context) -> set[str]:
    """The placeholders a spec function writes from this command's record alone."""
    fields = {f.name for f in context.entity.fields} if context.entity is not None else set()
    return {name for name, (_, written) in placeholder_writers(context.project, context.index).items()
            if set(written.split(",")) <= fields}


def _written_sum(context: Context, line: str | None) -> bool:
    """`volume: WEIGHT` where the words add numbers up ("weight times reps added up"): its
    one kind of placeholder a spec function writes is a number worked out, not a record's."""
    placeholders = re.findall(r"\b[A-Z]{2,}\b", line or "")
    return bool(placeholders) and not any(any(same(word.lower(), f.name) for f in context.entity.fields)
                                          for word in placeholders) \
        and bool(re.search(r"\b(?:added up|altogether|in total|all together|total|sum|summed|how much)\b", context.plain))


def field_by_name(entity, name: str):
    name_words = words(name)
    for candidate in entity.fields:
        if same(candidate.name, name):
            return candidate
    for candidate in entity.fields:  # new_title -> title, min_price -> price, min_length -> length_m
        if name_words and (same(candidate.name, name_words[-1]) or (len(name_words) > 1 and unit_head(candidate.name)
                                                                   and same(unit_head(candidate.name), name_words[-1]))):
            return candidate
    short = [candidate for candidate in entity.fields if _abbreviates(candidate.name, name)]
    if len(short) == 1:
        return short[0]  # "priority" for `prio`
    return field_named_loosely(entity, name, described=False)  # `GROUP` for `age_group`


def _abbreviates(short: str, word: str) -> bool:
    """`prio` for "priority", `temp` for "temperature": a name of 4 letters or more that
    begins a word at least 3 letters longer (not `name` for "named")."""
    short, word = short.lower(), word.lower()
    if word in ABBREVIATIONS.get(short, ()):  # `qty` for "quantity"
        return True
    return len(short) >= 4 and len(word) >= len(short) + 3 and word.startswith(short) and short.isalpha()


ABBREVIATIONS = {"qty": ("quantity", "quantities", "stock", "units"), "quantity": ("stock", "units"),
                 "count": ("stock",), "amt": ("amount",), "pcs": ("pieces",), "num": ("number",),
                 "mins": ("minutes",), "hrs": ("hours",), "secs": ("seconds",), "pct": ("percent", "percentage"),
                 "desc": ("description",), "dist": ("distance",), "cnt": ("count",), "yr": ("year",),
                 "kms": ("kilometres", "kilometers"), "kgs": ("kilos", "kilograms")}


def literal(value: Any) -> str:
    return repr(value)


def _none_until_set(entity_field) -> bool:
    """A field whose stated default is none (`score: int | None = none`), not one with no default."""
    return entity_field.default is not None and str(entity_field.default).strip().lower() in ("none", "null")


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
        self.negated: dict[str, set[str]] = {}  # an add's arguments stored negative ("-abs")
        self.cleaned: dict[str, dict[str, Any]] = {}  # an add's arguments through a plain cleaner
        self.numbered: dict[str, list[str]] = {}  # an add's fields numbered one more than the highest
        self.known_records: list[dict[str, Any]] | None = None  # what the spec's adds create
        self.openers: set[str] | None = None  # commands an example runs first, successfully
        self.effects: dict[str, Any] = {}  # an update command's best reading, replayed on records
        self.backticked: dict[str, list] | None = None  # `text` -> the commands whose words hold it
        self.refused_twice: dict[str, Any] = {}  # entity -> the field no two records share (``refused_twice``)
        self.flag_words: dict[str, str] | None = None  # "HOW = `card` w/ `--card`, `cash` w/o", anywhere
        self.project_lines: dict[str, tuple[str, str] | None] = {}  # an entity's line stated in `## Notes`
        self.terms_defined: dict[str, str] | None = None  # "A *day* is an existing calendar date ...": its words
        self.glossary: dict[str, str] | None = None  # "| rower | the rower's name, ... |": a glossary table's rows
        self.function_definitions: list[tuple] | None = None  # "DATE being expiry() of ...", in every command's words
        self.function_sources: list[tuple[str, str]] | None = None  # "with H from hydration", in any command
        self.terms: dict[str, dict[str, tuple[str, bool]]] = {}  # an entity's nouns a predicate defines
        self.shown: set[str] | None = None  # commands the spec's examples run
        self.command_names: set[str] | None = None
        self.lenders: dict[str, list] = {}  # a pattern -> the commands with examples stating it
        self.example_pairs: dict[str, list] = {}  # a function's examples as (arguments, value)
        self.number_writers: dict[str, list[tuple[Any, str]]] | None = None  # see _number_writers
        self.project_any_case: bool | None = None  # the project's words say names ignore case
        self.same_in_any_case: dict[str, bool] = {}  # field -> a refusal holds two values the same in any case
        self.thousands: bool | None = None  # the spec writes numbers with a thousands comma anywhere
        self.writers: dict[str, tuple[str, str]] | None = None  # see placeholder_writers
        self.texts: dict[str, Any] = {}  # the project's words read once per pass: see _project_words
        self.replaying = False
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

    def stating(self, project, text: str) -> list:
        """The commands whose description has ``text`` in backticks (indexed once)."""
        if self.backticked is None:
            self.backticked = {}
            for command in project.commands:
                for quoted in dict.fromkeys(re.findall(r"`([^`]+)`", command.description or "")):
                    self.backticked.setdefault(quoted, []).append(command)
        return self.backticked.get(text, [])

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


PROSE_ERROR = re.compile(
    r"(?P<cond>(?:[^.;()]|\([^()]*\))*?)[;,]?\s*(?P<otherwise>otherwise|else|if not)?,?\s*(?:(?:the (?:command|system|program|tool)|it) )?"
    r"(?:shall|must|will|should|has to)?\s*(?:print|prints|write|writes|show|shows|say|says|answer|answers)\s+"
    r"[\"`](?P<msg>[^\"`]+)[\"`]\s*(?:like this\s*|as shown\s*)?(?:\((?P<note>[^)]*)\)\s*)?(?:,[^.;,\"`]{1,60},\s*)?(?:and\s+|,\s*)"
    r"(?:shall |must |will )?"
    r"(?:stop|stops|exit|exits|end|ends|quit|quits|terminate|terminates)"
    r"\s+(?:with\s+)?(?:the\s+)?(?:(?:exit\s+)?(?:status|code)\s+)?(?P<status>\d+)\b", re.IGNORECASE)  # ("stop with 2",
# "prints `already have NAME` and exits 1")
PROSE_REFUSAL = re.compile(  # "a D that is not a day MUST be refused with `invalid day` and exit status 2"
    r"(?P<cond>[^.;:]*?)\s+(?:must|shall|will|should|is to) be (?:refused|rejected)(?: with| by printing| printing)?\s+"
    r"[\"`](?P<msg>[^\"`]+)[\"`],?\s+(?:and\s+)?(?:with\s+)?(?:an?\s+)?(?:exit\s+)?(?:status|code)\s+(?P<status>\d+)",
    re.IGNORECASE)
ASKED_REFUSAL = re.compile(  # "Please refuse a day that isn't a real date with `not a real day` (status 2), and refuse a
    # player playing themselves (`a player can't play themselves`, status 2)"
    r"\b(?:refuse|reject)s?\s+(?P<cond>[^.;:()`]*?)\s*(?:,?\s*(?:with|by printing|printing|saying)\s+|\()\s*"
    r"[\"`](?P<msg>[^\"`]+)[\"`],?\s*\(?(?:and\s+)?(?:with\s+)?(?:an?\s+)?(?:exit\s+)?(?:status|code)\s+(?P<status>\d+)\)?",
    re.IGNORECASE)
GIVEN_ERROR = re.compile(  # "(a D that valid_day refuses gives `bad day, use YYYY-MM-DD`, status 2)"; a case
    # of a numbered list: "1. DAY is not a valid day: `bad day, use YYYY-MM-DD`, status 2."
    r"(?P<cond>[^.;:()`]*?)(?:\s+(?:gives|yields|produces|prints|means|(?:(?:you|we|I)(?:'d|'ll| will| would)? )?"
    r"(?:gets?|sees?)|(?:it )?says)|:)\s+`(?P<msg>[^`]+)`(?:\s*\((?:[^()`]|`\w+`)*\))?,?\s*\(?(?:and\s+)?(?:with\s+)?"  # "... you get
    # `no lot N`, status 1", "`CASTLE is already out on DAY` (day through short_day), status 1", "Unknown name: `...`, exit 1"
    r"(?:an?\s+)?(?:(?:exit\s+)?(?:status|code)|exits?)\s+(?P<status>\d+)", re.IGNORECASE)
OTHERWISE_ERROR = re.compile(  # "grams has to be at least 1, otherwise `grams must be at least 1`, status 2"; "The kind
    # has to pass `valid_kind`; if it doesn't you get `unknown kind KIND` (the kind just as you typed it), status 2"
    r"(?P<req>(?:[^.;:()`]|`\w+`)*?\b(?:has to|have to|must|mustn't|needs? to)\b(?:[^.;:()`]|`\w+`)*?)(?:[;,]\s*|\s*\(\s*)"
    r"(?:otherwise|or else|else|if not|if (?:it|they) (?:doesn't|don't|does not|do not|isn't|aren't)(?: \w+)?)\b,?\s*"
    r"(?:(?:you|we)(?:'d|'ll| will| would)? (?:get|see)s?\s+|it says\s+|say\s+|"
    r"(?:the|its) (?:message|answer|output|line) is\s+|it prints\s+)?`(?P<msg>[^`]+)`(?:\s*\([^)]*\))?"
    r"(?P<told>\s+(?:followed by|and then|then|and) (?:the |its )?[\w ]{1,30}?(?=,|\s*\())?(?:\s*\([^)]*\))?"
    # "`not a date: ` followed by the day"; "`bad date ` and the first bad one (the arrive day when both are bad)"
    r"(?:,[^.;,`]{1,60}(?=,))?,?\s*(?:and\s+)?(?:with\s+)?(?:exit\s+)?(?:status|code)\s+(?P<status>\d+)", re.IGNORECASE)
IF_COMMA_ERROR = re.compile(  # "3. if the room already has an alarm, `<room> already has one`, status 1"
    r"(?:^|[.;:]\s+|\d[.)]\s+)(?P<cond>(?:if|when)\s[^.;:()`]*?),\s*`(?P<msg>[^`]+)`,?\s*(?:exit\s+)?(?:status|code)\s+"
    r"(?P<status>\d+)", re.IGNORECASE)
AT_LEAST_ERROR = re.compile(  # "then that there's at least one bale (`bales must be at least 1`, status 2)"
    r"\bthere(?:'s| is| are| has to be| must be) at least (?P<count>one|two|\d+) (?P<noun>\w+)\s*\(\s*`(?P<msg>[^`]+)`,?\s*"
    r"(?:exit\s+)?(?:status|code)\s+(?P<status>\d+)\s*\)", re.IGNORECASE)
TOLD_ERROR = re.compile(  # "2. a count below 1: prints `count must be 1 or more`, exit status 2"; "3. a catch ...
    # already in the notebook: prints `already logged: ` and the tidied species, then ` on ` and the night, exit status 1"
    r"(?:^|[.;:]\s+|\d[.)]\s+)(?P<cond>(?:if |when )?[^.;:()`]*?)(?::\s*(?:(?:it |this |that )?(?:prints?|says?|shows?|gives?|gets?|"
    r"answers?)\s+)?|,?\s+(?:it |this |that |the (?:tool|program|command|app|script) )?(?:prints?|says?|shows?|gives?|gets?|"
    r"answers?|refuses? with|(?:is|are) (?:refused|rejected|"
    r"turned down|answered) with)\s+)"
    r"(?:the same (?:message|line|error|answer)(?: as (?:in |for |with )?\w+)?,?\s+)?"
    r"(?P<lead>(?:the|its) [\w ]{1,30}?,? (?:then|and|followed by) )?`(?P<msg>[^`]*)`(?P<told>(?:(?:,?\s+(?:followed by|and then|"
    r"then|and|plus)\s+|,\s+(?=(?:the|its) ))(?!exits?\b)(?:`[^`]*`|[^.;,`(])+?)*),?\s*\(?(?:and\s+)?(?:it\s+)?"
    r"(?:(?:exits?|stops?)\s+(?:with\s+)?)?(?:exit\s+)?"
    r"(?:(?:status|code)\s+|(?<=with )|(?<=exits )|(?<=exit ))(?P<status>\d+)\b",
    re.IGNORECASE)
CANNOT_ERROR = re.compile(  # "Retired rackets can't be restrung (`NAME is retired`, status 1)"
    r"(?:^|[.;:]\s+)(?P<subject>[A-Za-z][\w' -]*?) (?:can't|cannot|can not|won't|may not|mustn't) be \w+(?: \w+)?\s*"
    r"\(\s*`(?P<msg>[^`]+)`,?\s*(?:exit\s+)?(?:status|code)\s+(?P<status>\d+)\s*\)", re.IGNORECASE)
STATED_REQUIREMENT = re.compile(  # "Bottles must be at least 1 (`need at least one bottle`, status 2)"
    r"(?P<cond>[^.;:()`]*?\bmust\b[^.;:()`]*?)\s*\(\s*[\"`](?P<msg>[^\"`]+)[\"`],?\s*(?:exit\s+)?(?:status|code)\s+"
    r"(?P<status>\d+)\s*\)", re.IGNORECASE)
BOUND_NEGATIONS = {"above": "{} or less", "over": "{} or less", "more than": "{} or less", "greater than": "{} or less",
                   "at least": "below {}", "below": "{} or more", "under": "{} or more", "less than": "{} or more",
                   "at most": "more than {}"}
_BOUND = r"(above|over|more than|greater than|at least|below|under|less than|at most) (-?\d+(?:\.\d+)?)"


def _negated_bounds(match: re.Match) -> str:
    """"must be above 0 and at most 500" -> "0 or less, or more than 500": each bound turned around."""
    pairs = [(match.group(i), match.group(i + 1)) for i in (1, 3) if match.group(i)]
    return ", or ".join(BOUND_NEGATIONS[word].format(number) for word, number in pairs)


REQUIREMENT_NEGATIONS = [  # "X must be from 1 to 120; otherwise ..." -> the condition that refuses
    (rf"\bmust (?:be|stay|obey [^:]{{0,60}}:)\s*{_BOUND}(?:,? and {_BOUND})?\b", _negated_bounds),
    (r"\bmust (?:be|lie) (?:from|between) (-?\d+(?:\.\d+)?) (?:to|and) (-?\d+(?:\.\d+)?)\b", r"outside \1 to \2"),
    (r"\bmust be (?:one of |any of |a number from )?(-?\d+) to (-?\d+)\b", r"outside \1 to \2"),  # "heat has to be 0
    # to 5", "the locker must be one of 1 to 80"
    (r"\bmust be at least (-?\d+(?:\.\d+)?)\b", r"below \1"),
    (r"\bmust be at most (-?\d+(?:\.\d+)?)\b", r"above \1"),
    (r"\bmust be (?:positive|above zero|more than zero|greater than zero)\b", "0 or less"),
    (r"\bmust (?:satisfy|pass|match|be accepted by) (\w+)\b", r"that \1 rejects"),
    (r"\bmust be (?:something|anything|a \w+|one) (\w+) (?:reads|can read|understands|accepts|takes)\b",
     r"that \1 cannot read"),  # "the length has to be something parse_length reads"
    (r"\bmust come out of (\w+) (?:non-empty|not empty|with something)\b", r"that \1 makes empty"),
    # "the kind has to come out of `clean_kind` non-empty"
    (r"\bmust be (?:a )?valid\b", "that is not valid"),
    (r"\bmust be an? (?:real|valid|proper|existing|actual) (?:calendar )?(date|day)\b(?: written [\w-]+)?",
     r"that is not a real \1"),  # "the day must be a real date written YYYY-MM-DD"
    (r"\bmust (?:exist|be there|be known)\b", "that does not exist"),
    (r"\bmust not (?:exist|be there) (?:already|yet)\b", "that exists already"),
    (r"\bmust not be (?:taken|used|in use)\b", "that is already taken"),  # "the nickname mustn't be taken"
    (r"\bmust not (?:be|have been) (\w+) (?:already|yet)\b|\bmust not already be (\w+)\b", r"that is already \1\2"),
    # "the locker must not be rented already"
]


def prose_errors(command, entity=None) -> list:
    """Error clauses a command's prose states outside the `- error:` bullets: "When the
    locker is already rented, the command shall print "locker taken" and stop with status
    1"; a requirement followed by "otherwise" is turned into the condition that breaks it."""
    from spf.spec.model import ErrorCase  # the same record the bullets give

    text = " ".join(strip_fences(command.description or "").split())
    text = re.sub(r"`--([\w-]+)`", lambda m: m.group(1).replace("-", "_").upper(), text)  # "If `--grams` is below 1"
    text = re.sub(r"\s\((?:\w+ ?){1,3}\)(?= \w)", "", text)  # "a jar with that (tidied) name: `already got NAME`"
    text = _status_for_the_list(text)
    found, where = [], {}  # each error, and where its message is: they are checked in the order written
    options = {letter: name for name, letter in re.findall(r"`--([\w-]+) ([A-Z])`", text)}  # `--since D`: D is SINCE
    for match in [*PROSE_REFUSAL.finditer(text), *ASKED_REFUSAL.finditer(text), *GIVEN_ERROR.finditer(text)]:
        condition = re.sub(r"^\s*(?:\d+[.)]\s*|-\s+)?(?:and |but |so |then )?", "", match.group("cond").strip()).strip(" ,")
        condition = re.sub(r",? so (?:fewer|more|less|that|one|it|any \w+)$", "", condition)  # "nobody finishes 501 in
        # fewer than 9 darts, so fewer prints `...`": the clause before says when
        condition = re.sub(r"\b([A-Z])\b", lambda m: options[m.group(1)].upper() if m.group(1) in options else m.group(1),
                           condition)
        if re.fullmatch(r"(?:(?:if|when|and|but) )?(?:(?:it|they) (?:doesn't|don't|does not|do not|isn't|aren't|is not|are not|"
                        r"won't|can't)\b[\w' ]{0,20}|not|otherwise|else)", condition, flags=re.IGNORECASE):
            continue  # "...; if it doesn't you get `unknown kind KIND`": the requirement before says what (OTHERWISE_ERROR)
        if condition and match.group("status") != "0":  # "When there is no poster to show: `the board is empty`, status 0"
            found.append(ErrorCase(condition, match.group("msg"), int(match.group("status")), command.span))
            where[id(found[-1])] = match.start("msg")
    for match in PROSE_ERROR.finditer(text):
        condition = re.sub(r"^\s*(?:\d+[.)]\s*)?(?:when|if|in case|whenever|should)\s+", "", match.group("cond").strip(),
                           flags=re.IGNORECASE).strip(" ,")
        condition = re.sub(r"\s*\([^)]*\)", "", condition)  # "The rate (35 dollars a night unless ...) must be"
        pointer = re.match(r"(?:that|it|this|this function|that function) (raises|fails|rejects|refuses|"
                           r"does not accept|doesn't accept)\b", condition)
        before = re.split(r"(?<=[.;])\s+(?=\d+[.)]\s)|\.\s+", text[:match.start("cond")].rstrip(" ;,"))[-1]
        named = re.findall(r"\b(?:with|by|through|using|via) (\w+)\b|\b(\w+)\(", before) if pointer else []
        if named:  # "The material is written with material_of; when that raises ValueError": material_of
            function = next(a or b for a, b in reversed(named))
            condition = f"{before.strip()}; {function} {condition[pointer.end(1) - len(pointer.group(1)):]}"
        if match.group("otherwise"):
            condition = _broken(condition)
            if condition is None:
                continue  # a requirement spf cannot turn around: left to the bullets
        condition = re.sub(r"[:,]\s*(?:then|so)$", "", condition).strip()  # "... can't come back finished: then it says"
        if condition:
            message = _letters_named(match.group("msg"), match.group("note") or "", condition, command.params)
            note = match.group("note") or ""
            parts = _told_error_message("", " then " + note, command.params, condition, entity=entity) \
                if re.fullmatch(r"(?:the|its) [\w ]+?,? (?:then|and|followed by) `[^`]*`", note) else None
            literal = re.sub(r"\b[A-Z][A-Z_]*[A-Z]\b", "", parts or "")
            if parts and literal.strip() and literal.strip() in message:  # "`star-4 has no maker` (the tidied label,
                message = parts  # then ` has no maker`)": the message told by its parts
            found.append(ErrorCase(condition, _argument_shown(message, command.params, note),
                                   int(match.group("status")), command.span))
            where[id(found[-1])] = match.start("msg")
    for match in OTHERWISE_ERROR.finditer(text):  # a requirement, then its refusal: the condition that breaks it
        requirement = re.sub(r"\b(?:has to|have to|needs? to)\b", "must", match.group("req").replace("`", ""))
        requirement = re.sub(r"\bmustn't\b", "must not", requirement)
        requirement = re.sub(r"^\s*(?:\d+[.)]\s*|-\s+)?(?:and |but |so |then )?(?:the |a |an )?", "a ", requirement.strip(),
                             flags=re.IGNORECASE)
        condition = _broken(requirement.strip(" ,"))
        subject = re.match(r"a (\w+)\b", condition or "")
        if subject and any(p.name == subject.group(1) for p in command.params):  # "a kind that valid_kind rejects":
            condition = f"a {subject.group(1).upper()}{condition[subject.end():]}"  # the argument KIND
        both = re.match(r"\s*(?:-\s+)?both (\w+) must be (?:real |valid |proper )?(?:calendar )?(?:dates|days)\b",
                        match.group("req"), flags=re.IGNORECASE)
        told = match.group("told") or ""
        if both and re.search(r"\b(?:first )?(?:bad|wrong|invalid) one\b", told):  # "both days must be real dates,
            days = [p for p in command.params if type_name(p.type) == "str" and p.default is None and (  # otherwise it
                re.search(r"\b(?:day|date)s?\b", p.name.lower()) or p.name.lower() in _day_params(command))]
            for param in days:  # prints `bad date ` and the first bad one": each day checked in turn, in order
                found.append(ErrorCase(f"a {param.name.upper()} that is not a real date",
                                       match.group("msg") + param.name.upper(), int(match.group("status")), command.span))
                where[id(found[-1])] = match.start("msg") + len(found) / 1000
            continue
        message = _told_error_message(match.group("msg"), told, command.params, condition or "") \
            if told else match.group("msg")
        if condition and message and not any(error.message in (match.group("msg"), message) for error in found):
            found.append(ErrorCase(condition, message, int(match.group("status")), command.span))
            where[id(found[-1])] = match.start("msg")
    for match in TOLD_ERROR.finditer(text):  # a message told in parts: "`not a date: ` followed by the night"
        message = _told_error_message(match.group("msg"), match.group("told"), command.params, match.group("cond"),
                                      match.group("lead"), entity)
        condition = re.sub(r"^(?:-\s+)?(?:(?:if|when)\s+)?", "", match.group("cond").strip(), flags=re.IGNORECASE).strip(" ,-")
        condition = re.sub(r",? so (?:fewer|more|less|that|one|it|any \w+)$", "", condition)  # "nobody finishes 501 in
        # fewer than 9 darts, so fewer prints `...`": the clause before says when
        required = re.fullmatch(r"(.*?\b(?:must|has to|have to|needs? to)\b.*?),? (?:otherwise|else|or else)", condition)
        if required:  # "the checkout must pass valid_checkout, otherwise it prints ..."
            requirement = re.sub(r"\b(?:has to|have to|needs? to)\b", "must", required.group(1).replace("`", ""))
            condition = _broken(re.sub(r"^(?:the |a |an )?", "a ", requirement)) or ""
        if message and condition and match.group("status") != "0" \
                and not any(error.message == message or error.message == match.group("msg") for error in found):
            found.append(ErrorCase(condition, message, int(match.group("status")), command.span))
            where[id(found[-1])] = match.start("msg")
        either = re.match(r"(?:[Aa]n? |[Tt]he )?([A-Z][A-Z_]*) or (?:an? |the )?([A-Z][A-Z_]*)\b(.*)$", condition)
        if message is None and either and match.group("status") != "0" and re.fullmatch(  # "A `--since` or `--until`
                r",?\s*(?:and|then|followed by) (?:the )?(?:value|date|day|text|argument) (?:given|typed|as given|as typed)",
                match.group("told") or ""):  # that fails valid_day is refused ...: `not a date: ` and the value given"
            for name in either.group(1, 2):  # each option, refused with its own value
                if any(p.name.upper() == name for p in command.params):
                    found.append(ErrorCase(f"a {name}{either.group(3)}", match.group("msg") + name,
                                           int(match.group("status")), command.span))
                    where[id(found[-1])] = match.start("msg") + len(found) / 1000
    for match in CANNOT_ERROR.finditer(text):  # the records it is refused for, as "a retired racket"
        subject = match.group("subject").lower()
        noun = subject.rsplit(" ", 1)
        condition = f"a {' '.join([*noun[:-1], singular(noun[-1])])}" if len(noun) == 2 else None
        if condition and not any(error.message == match.group("msg") for error in found):
            found.append(ErrorCase(condition, match.group("msg"), int(match.group("status")), command.span))
            where[id(found[-1])] = match.start("msg")
    for match in IF_COMMA_ERROR.finditer(text):
        if not any(error.message == match.group("msg") for error in found):
            found.append(ErrorCase(match.group("cond").strip(), match.group("msg"), int(match.group("status")),
                                   command.span))
            where[id(found[-1])] = match.start("msg")
    for match in AT_LEAST_ERROR.finditer(text):
        param = next((p for p in command.params if same(p.name, match.group("noun")) and is_number(p.type)), None)
        if param is not None and not any(error.message == match.group("msg") for error in found):
            least = {"one": 1, "two": 2}.get(match.group("count").lower()) or int(match.group("count"))
            found.append(ErrorCase(f"a {param.name} below {least}", match.group("msg"), int(match.group("status")),
                                   command.span))
            where[id(found[-1])] = match.start("msg")
    for match in STATED_REQUIREMENT.finditer(text):  # "Bottles must be at least 1 (`need at least one bottle`, status 2)"
        condition = _broken(match.group("cond").strip(" ,"))
        if condition:
            found.append(ErrorCase(condition, match.group("msg"), int(match.group("status")), command.span))
            where[id(found[-1])] = match.start("msg")
    for match in re.finditer(r"\b(?:plus|and also|also|and) `([^`]+)` for (?:a |an |any )?((?:[A-Z][A-Z_]*|[a-z]+) "
                             r"(?:below|above|under|over|less than|more than|outside) [^;.,]+)", text):
        # "Same refusals as return (...), plus `months must be 1 or more` for a `--months` below 1; exit status 1 each time"
        status = re.search(r"\b(?:exit )?status (\d+)(?: each time| every time| for all| for each)?\b", text[match.end():])
        if any(p.name.upper() == match.group(2).split()[0] for p in command.params):
            found.append(ErrorCase(f"a {match.group(2)}", match.group(1), int(status.group(1)) if status else 1,
                                   command.span))
            where[id(found[-1])] = match.start(1)
    kept = {}  # one error per message and condition ("prints `X` and exits 1" read by two patterns)
    for error in sorted(found, key=lambda error: where[id(error)]):
        reason = re.match(r"(?:[^,]|,(?! so ))+, so (.+)$", error.condition)  # "none of my tanks holds more than 5000
        if reason and re.search(r"\b(?:below|above|under|over|more than|less than|outside|at least|at most)\s+-?\d",
                                reason.group(1)) and any(  # litres, so litres below 0 or above 5000": the clause
                re.search(rf"\b{re.escape(p.name.lower())}s?\b", reason.group(1).lower())  # after "so" says when (not
                for p in command.params):  # "a castle can only go out once a day, so if it's already booked")
            error = replace(error, condition=reason.group(1))
        pointing = re.match(r"(?:without|unless given) (?:it|that|this)\b", error.condition, flags=re.IGNORECASE)
        flags = [name for name in re.findall(r"\b([A-Z][A-Z_]*[A-Z])\b|--([\w-]+)", text[:where[id(error)]])[-1:]
                 for name in name if name] if pointing else []  # "... it wants `--yes`. Without it, it removes
        flag = next((p for p in command.params if flags and type_name(p.type) == "bool"  # nothing, prints ..."
                     and p.name.upper() == flags[0].replace("-", "_").upper()), None)
        if flag is not None:
            error = replace(error, condition=f"without --{flag.name.replace('_', '-')}{error.condition[pointing.end():]}")
        kept.setdefault((error.message, error.condition), error)
    return list(kept.values())


def _day_params(command) -> set[str]:
    """The text arguments the command's words call days: "the arrive day, `to`, the leave day"."""
    text = (command.description or "").lower()
    return {p.name.lower() for p in command.params
            if re.search(rf"\b(?:the |an? ){re.escape(p.name.lower())} (?:day|date)\b", text)}


def _status_for_the_list(text: str) -> str:
    """A list of checks under one exit status ("the tool checks, in this order, and stops with
    exit status 2 at the first problem: - the day must ...; - ..."): each item given the
    status, so that it reads as any refusal does."""
    said = re.search(r"\b(?:(?:stops?|exits?|ends?|fails?|quits?|turns? (?:it |them )?down|refuses?|rejects?)(?: it)?"
                     r"(?: at the first [\w ]{0,30}?)?,? with|, with) "
                     r"(?:the )?(?:exit )?(?:status|code) (\d+)\b[^.:`]*:\s*(?=-\s|1[.)]\s)", text)
    # "refuses at the first that fails, with exit status 1 ...:", "stops at the first problem with exit status 1:"
    if said is None:
        return text
    rest = text[said.end():]
    items = re.split(r"(?<=[;.])\s+(?=-\s+(?!`)|\d[.)]\s)", rest)  # "- the day ... valid_day; if it isn't, ...; - none
    if not re.match(r"- |1[.)] ", items[0]):  # of ...", "1. the locker must be one of 1 to 80, otherwise ...; 2. ..."
        return text
    last = re.search(r"(?:[^`]|`[^`]*`)*?\.(?=\s+[A-Z]|$)", items[-1])  # the list ends with a sentence of its own
    after = items[-1][last.end():] if last else ""
    items[-1] = items[-1][:last.end()] if last else items[-1]
    stated = [re.sub(r"(?<![,.;])([;.]?)\s*$", lambda m: f", status {said.group(1)}{m.group(1)}", item)
              for item in items]
    return text[:said.end()] + " ".join(stated) + after


def _told_error_message(start: str, told: str, params, condition: str = "", lead: str | None = None,
                        entity=None) -> str | None:
    """A refusal's message from its opening words and the parts told after it: "`already
    logged: ` and the tidied species, then ` on ` and the night" -> `already logged: SPECIES on
    NIGHT`; each part a backticked text or an argument named by its name ("the night as I typed
    it"). None when a part names no argument."""
    def named(words_: str) -> list:  # the arguments a part names ("the tidied species": species)
        return [p for p in params if re.search(rf"\b{re.escape(p.name.lower().replace('_', ' '))}\b", words_.lower())]

    def described(words_: str) -> list:  # the record's field a part names: "whoever took it" over `taker: str —
        said = {{"whoever": "who", "whatever": "what"}.get(word, word) for word in words(words_)} - {"the", "its"}  # who
        return [f for f in (entity.fields if entity is not None else []) if said and (  # took it`
            said <= set(words(f.description or "")) or {f.name.lower()} == said)]

    numbers = [p for p in params if p.default is None and type_name(p.type) == "int"]
    message = re.sub(r"(?<![\w#])#\d+\b", f"#{numbers[0].name.upper()}", start) if len(numbers) == 1 else start
    # "`#4 already went to `" over `take(number: int, ...)`: the number given
    if lead:  # "the family as typed, then ` is already down for ` and the day"
        first = named(re.sub(r",? (?:then|and|followed by) $", "", lead))
        if len(first) != 1:
            return None
        message = first[0].name.upper() + start
    for part in re.split(r",?\s+(?:followed by|and then|then|and|plus)\s+|,\s+(?=(?:the|its) )", " " + told.strip())[1:]:
        part = part.strip()
        quoted = re.fullmatch(r"`([^`]*)`", part)
        if quoted:
            message += quoted.group(1)
            continue
        said = named(part) or [p for p in params if re.search(rf"\b{re.escape(p.name.upper())}\b", condition)] \
            or described(part)
        # ("If the day given to `--since` is not a date, it prints `not a date: ` and the day": SINCE)
        if len(said) != 1 or len(part.split()) > 8:
            return None
        message += said[0].name.upper()
    return message if message.strip() else None


def _argument_shown(message: str, params, note: str = "") -> str:
    """A refusal written as one example of itself: its number right after the name of the
    number argument it shows ("say `no ticket 7`" over `where(ticket: int)` is `no ticket
    TICKET`), or a code like `B12` standing for the one text argument, or the one the note
    names ("say `pair B12 is here already` (with the clean label)"); a message with
    placeholders already is kept as written."""
    if re.search(r"\b[A-Z][A-Z_]*[A-Z]\b", message):
        return message
    numbers = {p.name.lower(): p.name.upper() for p in params if is_number(p.type)}
    message = re.sub(r"\b([a-z]+)(\s+#?)\d+(?:\.\d+)?\b", lambda m: m.group(1) + m.group(2) + numbers[m.group(1)]
                     if m.group(1) in numbers else m.group(0), message)
    texts = [p for p in params if type_name(p.type) == "str" and p.default is None]
    named = [p for p in texts if re.search(rf"\b{re.escape(p.name.lower())}\b", note.lower())]
    codes = re.findall(r"\b[A-Z]{1,3}\d{1,4}\b", message)
    if len(set(codes)) == 1 and len(named or texts) == 1:
        message = re.sub(rf"\b{codes[0]}\b", (named or texts)[0].name.upper(), message)
    for param in params:  # "say `no free hockey pair in size 38` like this (the kind word ..., then the size)": the
        default = str(param.default or "").strip("\"'")  # default `kind = "hockey"` stands for the kind
        if type_name(param.type) == "str" and re.fullmatch(r"[a-z][\w-]*", default) \
                and re.search(rf"\b{re.escape(param.name.lower())}\b", note.lower()) \
                and len(re.findall(rf"\b{re.escape(default)}\b", message)) == 1:
            message = re.sub(rf"\b{re.escape(default)}\b", param.name.upper(), message)
    return message


def _sample_named(message: str, params, entity) -> str:
    """A refusal that shows the sample value a field's words give, written as the argument
    it stands for: "already have plum" where ``flavour`` is "what's in it, e.g. plum" is
    `already have FLAVOUR`; a message with placeholders already is kept as written."""
    if entity is None or re.search(r"\b[A-Z][A-Z_]*[A-Z]\b", message):
        return message
    for param in params:
        target = field_by_name(entity, param.name)
        if param.default is not None or type_name(param.type) != "str" or target is None:
            continue
        for sample in re.findall(r"\b(?:e\.g\.|eg|for example|for instance|such as|like)[,:]?\s+`?([\w'-]+)`?",
                                 target.description or "", flags=re.IGNORECASE):
            if len(re.findall(rf"(?<![\w-]){re.escape(sample)}(?![\w-])", message)) == 1 and not sample.isdigit():
                return re.sub(rf"(?<![\w-]){re.escape(sample)}(?![\w-])", param.name.upper(), message)
    return message


def _letters_named(message: str, note: str, condition: str, params) -> str:
    """A message's lone capital named by the words in brackets after it, written as the
    argument it stands for: "`bad day X` (X is the day as I wrote it)" -> `bad day DAY`;
    "`unknown program X` (X as I wrote it)" -> the one argument the condition names."""
    for letter in dict.fromkeys(re.findall(r"\b([A-Z])\b", message)):
        said = re.match(rf"\s*(?:with |where )?{letter}\b(?: (?:is|=|being|means) (?:the |its |my )?(\w+))?", note)
        if said is None or any(p.name.upper() == letter for p in params):
            continue
        param = next((p for p in params if said.group(1) and same(p.name, said.group(1))), None)
        named = [p for p in params if re.search(rf"\b{re.escape(p.name.lower())}\b", condition.lower())]
        param = param or (named[0] if len(named) == 1 and not said.group(1) else None)
        if param is not None and param.name.upper() not in message:
            message = re.sub(rf"\b{letter}\b", param.name.upper(), message)
    return message


def _broken(requirement: str) -> str | None:
    """The condition that breaks a stated requirement ("X must be at least 1" -> "X below 1"), or
    None when spf cannot turn it around."""
    negated = requirement
    for pattern, replacement in REQUIREMENT_NEGATIONS:
        negated = re.sub(pattern, replacement, negated, flags=re.IGNORECASE)
    return negated if negated != requirement else None


def project_errors(project, command, entity) -> list:
    """Error clauses the project's words state for every command taking a kind of argument:
    "Every command that takes a month MUST reject one that valid_month does not accept,
    printing `month must be YYYY-MM` and exiting with status 2" -> "an EXPIRES that
    valid_month rejects" for `stock(..., expires: str)` (`expires — the expiry month`)."""
    from spf.spec.model import ErrorCase

    text = " ".join(strip_fences(project.description or "").split())
    found = []
    for said in re.finditer(r"\bevery command that (?:takes|accepts|has|is given) an? (\w+)(?: argument)? (?:must|shall|should|will) "
                            r"(?:reject|refuse) (?:one|it|any|those|them) (?:that|which) (\w+) (?:does not|doesn't|do not|don't) "
                            r"accept,? (?:by )?printing `([^`]+)` and (?:exiting|exit|stopping) with (?:exit )?(?:status|code) (\d+)",
                            text, flags=re.IGNORECASE):
        noun, function, message, status = said.groups()
        for param in command.params:
            target = field_by_name(entity, param.name) if entity is not None else None
            if same(param.name, noun) or (target is not None and noun.lower() in words(target.description)):
                found.append(ErrorCase(f"a {param.name.upper()} that {function} rejects", message, int(status),
                                       command.span))
    functions = {function.name for function in project.functions}
    for sentence in _sentences(text):  # "If tag_code can't make sense of it, the command prints `TAG is not a tag
        said = re.search(r"\bprints? `([^`]+)`[^.;]*?\bstatus (\d+)", sentence)  # number` (TAG as typed) and stops
        placeholders = re.findall(r"\b[A-Z][A-Z_]*[A-Z]\b", said.group(1)) if said else []  # with status 2"
        param = next((p for p in command.params if p.default is None and [p.name.upper()] == placeholders), None)
        if param is None or any(error.message == said.group(1) for error in found):
            continue
        refused = re.search(r"\b(?:if|when|where) (\w+) (?:can't|cannot|can not|does not|doesn't|won't|fails to|is unable to)"
                            r" (?:make sense of|read|accept|understand|recogni[sz]e)\b|\b(?:if|when) (\w+) "
                            r"(?:rejects|refuses|raises)\b|\b(?:that|which) (\w+) (?:does not|doesn't|will not|won't|"
                            r"cannot|can't|do not|don't) (?:accept|read|understand|recogni[sz]e|make sense of)\b",
                            sentence, flags=re.IGNORECASE)  # "given a day that valid_day does not accept"
        function = next((name for name in (refused.groups() if refused else ()) if name in functions), None)
        clause = re.match(rf"\s*(?:-\s*)?(an? {re.escape(param.name.lower())}\b[^,;]*?) (?:makes|make|will make|gets|means)\b",
                          sentence, flags=re.IGNORECASE)  # "A day that isn't a real date written that way makes ..."
        if function is not None:
            condition = f"a {param.name.upper()} that {function} rejects"
        elif clause is not None:
            condition = re.sub(rf"\b{re.escape(param.name)}\b", param.name.upper(), clause.group(1), count=1,
                               flags=re.IGNORECASE)
        else:
            continue
        found.append(ErrorCase(condition, said.group(1), int(said.group(2)), command.span))
    for function in project.functions:  # the same rule stated with the function that refuses
        found += [error for error in _function_refusals(function, command)
                  if not any(known.message == error.message for known in found)]
    found += [error for error in _shared_refusals(project, command, entity, text)
              if not any(known.message == error.message for known in found)]
    return found


def _shared_refusals(project, command, entity, text: str) -> list:
    """Refusals the project states once for every command, each with the value it shows:
    "Days ... have to pass `valid_day`; a bad one gets `bad day DAY` and exit status 2" -> "a
    DELIVERED that valid_day rejects" for `deliver(..., delivered: str)` (the field is "the day
    it came"); "Bays go from 1 to 4. Any bay number you give outside that gets `no bay BAY` and
    exit status 2" -> "a BAY outside 1..4"; "If there's no alarm in the room you name, you get
    `no alarm in ROOM` and exit status 1" -> "a ROOM not found", for a command that finds one
    record (``shared``: the guards leave it out of an add or a list)."""
    from spf.spec.model import ErrorCase

    functions = {function.name for function in project.functions}
    sentences = _sentences(text)
    found = []
    for number, sentence in enumerate(sentences):
        said = re.search(r"`([^`]+)`[^`.;]*?\b(?:exit )?(?:status|code) (\d+)", sentence)
        shown = re.findall(r"\b[A-Z][A-Z_]*[A-Z]\b", said.group(1)) if said else []
        if not said or len(set(shown)) != 1 or said.group(2) == "0":
            continue
        noun = shown[0].lower()
        before = sentences[number - 1] if number and re.search(
            r"\b(?:a bad one|one that|outside (?:that|those|this)|otherwise|if not|anything else)\b",
            sentence, flags=re.IGNORECASE) else ""
        both = f"{before} {sentence[:said.start()]}"
        passed = re.search(r"\b(?:have|has|must|need|needs) to (?:pass|get past|satisfy) `?(\w+)`?|"
                           r"\b(?:checked|validated) (?:by|with) `?(\w+)`?", both)
        function = next((name for name in (passed.groups() if passed else ()) if name in functions), None)
        ranged = re.search(r"\b(?:from|between) (-?\d+) (?:to|and) (-?\d+)\b", both)
        if function is not None:
            condition = "a {} that " + function + " rejects"
        elif ranged and re.search(r"\b(?:outside|out of range|not (?:in|within|between))\b", both):
            condition = "a {} outside " + f"{ranged.group(1)}..{ranged.group(2)}"
        elif re.search(LOOKUP_WORDS + r"|\bno \w+ (?:in|with|of|called|named|for)\b|\bwe (?:don't|do not) have\b",
                       sentence[:said.start()].lower()):
            condition = "a {} not found"
        else:
            continue
        for param in command.params:
            target = field_by_name(entity, param.name) if entity is not None else None
            if not (same(param.name, noun) or condition.endswith("not found") and entity is not None
                    and same(param.name, entity.name) or target is not None and noun in words(target.description)
                    or re.search(rf"`--{re.escape(param.name)}[ =]{noun.upper()}`|\b{re.escape(param.name)} {noun.upper()}\b",
                                 command.description or "")):
                continue  # `delivered` is "the day it came"; `--racket NAME` names a racket; "a day before DAY"
            message = re.sub(rf"\b{noun.upper()}\b", param.name.upper(), said.group(1))
            found.append(ErrorCase(condition.format(param.name.upper()), message, int(said.group(2)), command.span,
                                   shared=True))
    return found


def _function_refusals(function, command) -> list:
    """The refusal a spec function's own words give every command: "Every command that takes
    a tag passes it through tent_tag before using it; when tent_tag refuses it, the command
    prints `tent tags look like T7` and exits with status 2" -> "a TAG that tent_tag rejects"
    for each argument the words name (the noun after "takes a", or "Every room given to a
    command"), else one named by a word of the function's name (``tag`` of tent_tag)."""
    from spf.spec.model import ErrorCase

    text = " ".join(strip_fences(function.description or "").split())
    said = re.search(rf"\bwhen (?:{re.escape(function.name)}|it) (?:refuses|rejects|raises)\b[^.`]*?\b(?:prints?|says?|shows?)"
                     r" `([^`]+)`,? (?:and )?(?:exits?|stops?) with (?:exit )?(?:status|code) (\d+)", text, flags=re.IGNORECASE)
    if said is None:
        return []
    nouns = set(re.findall(r"\bevery (?:command|\w+) that (?:takes|accepts|is given|gets) an? (\w+)\b|"
                           r"\bevery (\w+) (?:given|passed|typed) to a command\b", text, flags=re.IGNORECASE))
    nouns = {word.lower() for pair in nouns for word in pair if word}
    nouns = nouns or {word for word in words(function.name) if len(word) > 2 and word not in (
        "check", "valid", "clean", "parse", "read", "tidy", "normal", "normalize", "fix")}
    return [ErrorCase(f"a {param.name.upper()} that {function.name} rejects", said.group(1), int(said.group(2)),
                      command.span)
            for param in command.params if type_name(param.type) == "str" and any(same(param.name, noun) for noun in nouns)]


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
        noted = [f"{key}: {value}." for key, value in (getattr(command, "attributes", None) or {}).items()
                 if key not in PIN_KEYS and isinstance(value, str)]  # "- none: prints `nothing waiting`": words too
        self.text = " ".join(" ".join([strip_fences(command.description or ""), *noted]).split())
        # the words without backticked formats (`[ ]` for open ones is a format, not a filter)
        self.lower = re.sub(r"(?<![\w*])\*{1,2}([a-z][\w' -]*?)\*{1,2}(?![\w*])", r"\1",  # "has *not* been tested":
                            re.sub(r"`[^`]*`", " ", self.text).lower())  # an emphasis is no part of the words
        # ... and without the ARGUMENTS in capitals ("reading NUMBER" is not a count)
        self.plain = re.sub(r"\b[A-Z]{2,}\b", " ", re.sub(r"`[^`]*`", " ", self.text)).lower()
        self.description_words = words(self.text)
        self.all_words = self.name_words + self.description_words
        self.params = list(command.params)
        self.priors = {op: tuple(OPERATION_WORDS.get(op, ())) + tuple((priors or {}).get(op, ()))
                       for op in OPERATIONS}
        self.memo: dict[Any, Any] = {}  # what depends on the command alone, not the candidate

    @property
    def any_case(self) -> bool:
        """Whether the words say typed text is matched in any case: of this command, or of
        every NAME a command takes (the project's description)."""
        if self.index.project_any_case is None:
            self.index.project_any_case = bool(re.search(ANY_CASE, " ".join(strip_fences(
                self.project.description or "").split()).lower()))
        return self.index.project_any_case or bool(re.search(ANY_CASE, self.lower))

    @property
    def errors(self) -> list:
        """The command's error clauses: its `- error:` bullets, then those its prose states
        ("1. The locker number must be from 1 to 120; otherwise the command shall print "no
        such locker" and stop with status 2.")."""
        if "errors" not in self.memo:
            found = list(self.command.errors)
            for error in table_errors(self.command) + prose_errors(self.command, self.entity):  # a `| situation | message |
                if error.message not in {e.message for e in found}:                # status |` table, then prose
                    found.append(error)
            everywhere = [error for error in project_errors(self.project, self.command, self.entity)
                          if error.message not in {e.message for e in found}]
            found = [replace(error, message=_sample_named(error.message, self.command.params, self.entity))
                     for error in found]  # "a flavour already on the shelf prints "already have plum"" (e.g. plum)
            self.memo["errors"] = everywhere + found  # "before doing anything else"
        return self.memo["errors"]

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
        for candidate in self.entity.fields:  # `room — where it hangs; one alarm per room`
            if type_name(candidate.type) in ("str", "int") and re.search(
                    rf"\bone (?:\w+ )?(?:per|for each|to a|to each) {re.escape(candidate.name.lower())}\b",
                    (candidate.description or "").lower()):
                return candidate
        if self.entity.name not in self.index.refused_twice:
            self.index.refused_twice[self.entity.name] = refused_twice(self.project, self.entity)
        return self.index.refused_twice[self.entity.name]

    def named_fields(self) -> list:
        """Fields the description names, in the order it names them."""
        if self.entity is None:
            return []
        if "named_fields" not in self.memo:  # asked by several builders
            found = []
            for word in self.description_words:
                for candidate in self.entity.fields:
                    if (same(candidate.name, word) or word in ABBREVIATIONS.get(candidate.name.lower(), ())
                            or (len(candidate.name) >= 4 and len(word) > len(candidate.name) + 2
                                and word.startswith(candidate.name.lower())
                                and not any(same(other.name, word) for other in self.entity.fields))) \
                            and candidate not in found:  # "the biggest stock" names `qty`; "temperatures", `temp`
                        found.append(candidate)
            self.memo["named_fields"] = found
        return list(self.memo["named_fields"])


def refused_twice(project, entity):
    """The one field the spec's words refuse twice, where no field is said to be unique: "a tag
    that is already on a tree" (`plant TAG ...` over `tag`), "that name is already on the list":
    an argument of the command named like the field and said in a clause of "already",
    "exists", "taken" or "in use". Two such fields, or none: no key."""
    found = set()
    for command in project.commands:
        required = [p for p in command.params if p.default is None]
        for error in command.errors:
            condition = error.condition.lower()
            if not re.search(r"\balready\b|\bexists?\b|\btaken\b|\bin use\b|\bduplicate\b", condition):
                continue
            subject = re.match(r"\s*(?:an? |the |that |this )?(\w+)\b(?: (?:with|of|by) (?:that|this|the same|the) (\w+)\b)?",
                               condition)  # "a bike with that name already": the name is refused
            said = {f.name for f in entity.fields if mentions(words(condition), f.name)}
            named = {name for name in said if type_name(field_by_name(entity, name).type) in ("str", "int") and any(
                same(p.name, name) for p in required) and subject and (same(subject.group(1), name) or (
                    subject.group(2) and same(subject.group(2), name)
                    and same(subject.group(1), entity.name)))}
            if len(named) == 1 and len(said) == 1 and not re.search(  # the field is what is refused: "a tag that
                    r"\bsame\b|\b(?:on|for|in|at) (?:that|this|the given|the said) \w+", condition):  # is already on a tree"
                found |= named  # not "a child already signed in for that night": no one field decides
    return field_by_name(entity, found.pop()) if len(found) == 1 else None


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
    placeholders = {p.name.lower() for p in context.params if re.search(
        rf"\b{re.escape(p.name.upper())}\b", context.text)}  # "reading NUMBER" names an argument
    story = re.match(r"\s*(?:\**\s*(?:user )?story\s*:?\s*\**\s*:?\s*)?as (?:an? |the )?[\w' -]+?,? (?:i|we) "
                     r"(?:want|need|would like)\b[^.]*\.\s*", context.lower)  # also "**User story:** As ..."
    early = words(re.sub(r"\b(?:adds?|adding|sums?|totals?) up\b", "summed",  # "Adds up each volunteer's minutes"
                         context.lower[story.end():] if story else context.lower))[:12]  # not in `formats` or `--options`
    # "As the office manager I want an overview, so ... . Lists the keys ...": the user story is the why,
    wanted = re.search(r"\bi (?:want|need|would like) to (\w+)\b", story.group(0)) if story else None
    asked_for = next((op for op, verbs in STORY_VERBS.items() if wanted and wanted.group(1) in verbs), None)
    if wanted and wanted.group(1) == "archive" and not any(f.name.lower() == "archived" for f in context.fields_of("bool")):
        asked_for = "remove"  # "I want to archive the show by emptying the book": no `archived` flag to set
    if asked_for is not None:  # but its verb says what ("I want to retire a rower who has left the club")
        scores[asked_for] += 2.0
    if re.search(r"\b(?:every|each|all)\b[^.;]{0,40}\b(?:is|are) (?:then )?(?:removed|deleted|erased)\b", context.lower):
        scores["remove"] += 2.0  # "Given `--yes`, every entry is removed and the output is ..."
    if re.search(r"\b(?:take|takes|taking|put|puts|get|gets) (?:the |a |an |this |that |it |them )?(?:\w+ )?"
                 r"(?:away|out) (?:for ever|forever|for good|permanently)\b|"
                 r"\b(?:gone|goes|leaves|left) for (?:good|ever)\b", context.lower):  # "boat gone for good"
        scores["remove"] += 3.0  # "Take the pair away for ever"
    if re.search(r"\b(?:takes?|taking) back (?:my |the |our )?(?:last|latest|newest|most recent)\b", context.lower):
        scores["remove"] += 3.0  # "Takes back my last entry, the cut with the highest number"
    ordering = {word for match in re.finditer(ORDERING, context.lower) for word in words(match.group(0))}
    asked = bool(re.match(r"\s*(?:what|who|which|how)\b[^.?]*\?", context.lower))  # a question opens the words
    for op in OPERATIONS:
        keywords = context.priors[op]
        stems = _stems(keywords)
        if any(word in keywords or (stem(word) in stems and not (  # `bringing NAME` ("What is NAME bringing?"):
                word.endswith("ing") and op in ("add", "update", "remove"))) for word in context.name_words
               if not (context.entity is not None and word == plural(context.entity.name.lower()))):
            scores[op] += 3.0  # a state asked about, not a verb done (a command named `bins` over `Bin` lists them)
        for position, word in enumerate(early):
            if op == "aggregate" and word in ordering:
                continue  # "best rated first" orders the lines, it does not pick the best
            if position and early[position - 1] == "by" and op in ("count", "aggregate"):
                continue  # "What is still on the table, by number": an order, not a count
            if (word in keywords or (stem(word) in stems and not (word.endswith("ing") and asked and op in (
                    "add", "update", "remove")))) and word not in placeholders:  # "What is NAME bringing?"
                scores[op] += 1.5 / (1 + position)
                break
    clauses = [clause for sentence in _sentences(re.sub(r"`[^`]*`", "X", context.text))[:4]
               for clause in re.split(r":\s+(?=[a-z])", sentence)]  # "The pair was on the machine: put its ... back to 0"
    for sentence in clauses:  # "The evening is over. Erase all collected items": the words' own imperative outweighs a
        verb = next(iter(words(sentence)), "")  # name (`close`)
        third = re.match(r"\s*(?:this|it) (?:just |simply |only )?(\w+?)(?:es|s)\b", sentence.lower())
        if third and verb in ("this", "it"):  # "This changes the count of one catch"
            verb = next((base for base in (third.group(1), third.group(1) + "e")
                         if any(base in verbs for verbs in IMPERATIVES.values())), verb)
        said = next((op for op, verbs in IMPERATIVES.items() if verb in verbs), None)
        if verb == "put" and re.search(r"\bback (?:to|at) \w+|\b(?:to|at) (?:0|zero)\b", sentence):
            said = "update"  # "put its since_sharpening back to 0"
        if verb == "top" and re.match(r"\s*top (?:it |them )?up\b", sentence.lower()):
            said = "update"  # "Top up a feeder: the grams go on what is already in it"
        if said is not None and (sentence[:1].isupper() or verb == "put") and verb not in context.name_words \
                and not re.search(r"\bnothing\b", sentence.lower()):  # (not "Add nothing when a check fails")
            scores[said] += 3.0
            break
    lower = context.lower
    name = " ".join(context.name_words)
    required = [f for f in (context.entity.fields if context.entity else []) if f.default is None]
    given = [f for f in required if any((p.default is None or default_value(p.default) is not None)
                                        and (same(p.name, f.name) or _field_for_param(context, p) is f)
                                        for p in context.params)]  # `season = "winter"` too; `day` for `arrive`
    required = [f for f in required if f in given or _computing_call(context, f, {}) is None]  # price() works it out
    required = [f for f in required if f in given or not (type_name(f.type) == "int" and (
        f.name.lower() in INDEX_NAMES or _numbered_by_words(context, f)))]
    # `number: int`: numbered on add, no argument gives it
    if required and all(f in given for f in required) and (
            len(required) > 1 or context.command.name in _openers(context)):  # `join NAME` run first: a card
        scores["add"] += 1.5  # its arguments are exactly what a new record needs
        if context.command.name in _openers(context):
            scores["add"] += 4  # and an example runs it first on an empty store: nothing to update
    shown = re.findall(r"\b[A-Z]{2,}\b", _output_pattern(context) or "")
    own_fields = bool(shown) and context.entity is not None and _group_field(context) is None \
        and _all_fields(context.entity, shown, _record_placeholders(context))  # `NAME VINTAGE PRICE`: one record's fields
    if _several_values(context, learn=False) is not None and not own_fields:
        scores["aggregate"] += 4  # `bags: N` and `grams: G`: a summary of several numbers
    texts = {f.name for f in context.fields_of("str") if any(same(word.lower(), f.name) for word in shown)}
    grouped = _group_field(context) if context.entity is not None else None
    if grouped is not None and not isinstance(grouped, str) and re.search(
            rf"\b{re.escape(grouped.name.upper())}\b[^`]*\b[A-Z]\b (?:{re.escape(plural(context.entity.name.lower()))})\b",
            _output_pattern(context) or ""):  # "Everyone with at least one jab: `PERSON: N jabs`": how many each has
        scores["aggregate"] += 3
    picked = re.match(r"\s*(?:\w+\s+){0,2}?the (?:single |one |very )?(\w+est|most \w+|first|last|latest) (\w+)\b", lower)
    if scores["aggregate"] > 0 and len(texts) >= 2 and _group_field(context) is None and not context.params \
            and picked and singular(picked.group(2)) == picked.group(2) and picked.group(1) not in ordering:
        scores["show"] += scores["aggregate"] + 0.5  # "The highest hill I've been up, with the first day I got there:
        # `highest: PEAK, HEIGHT m (FEET ft), first on DAY`": a record's own text fields, one record picked
    key = context.key_field() if context.entity is not None else None
    keyed = key is not None and any(p.default is None and context.field(p.name) is key for p in context.params)
    model = _model_command(context)
    ranked = re.search(ORDERING, re.sub(r"\s*\([^()]*\)", "", lower)) and any(  # "the largest margin (our shots
        p.name.lower() in LIMIT_NAMES for p in context.params)  # minus theirs) comes first"
    if model is not None and (_modelled_line(context) is not None or ranked):
        # "in list's line format", "printed like log"; "the most minutes first ... the first N with
        # `--top N`, in the same lines as list": records
        scores["show" if keyed and re.search(r"\blook(?:s|ing)? up\b|\bone \w+\b", lower) else "list"] += 3
    def renamed(param) -> bool:  # "a renewed certificate's new expiry day" over `expires`
        target = context.field(param.name)
        if target is None or target is key or param.default is not None:
            return False
        said = "|".join(re.escape(stem(word)) for word in words(param.name) + words(target.description)[:2]
                        if len(word) > 2)
        return bool(said) and bool(re.search(rf"\b(?:new|corrected|changed|updated) (?:\w+ )?(?:{said})\w*", lower))
    if keyed and any(renamed(p) for p in context.params):
        scores["update"] += 3  # a field of a record found by its key, given anew
    if re.search(r"\b(?:is|are) found by (?:its|their|the) \w+|\bthe said (?:record|entry|one)'s\b", lower) \
            and _becomes(context):
        scores["update"] += 3  # "The clock is found by its name ... The said record's wound date becomes DAY"
    if any(p.default is None and is_number(p.type) and (target := context.field(p.name)) is not None
           and is_number(target.type) for p in context.params) and re.search(
            r"\b(?:go|goes|are put|is put|get added|gets added) (?:on|onto|to) (?:that|this|its|their|the \w+ that's) \w+|"
            r"\b(?:go|goes|are put|is put|get added|gets added) (?:on|onto|to) (?:top of )?what(?:'s| is) (?:already )?(?:in|there)\b",
            lower):  # "the grams go on what is already in it"
        scores["update"] += 3  # "the hours go on that racket": an amount added to a record found
    if re.search(r"\b(?:it |each |that )?(?:gets?|is given|receives?) (?:the|a) next (?:free )?(?:\w+ )?(?:number|id|code|no)\b",
                 lower):  # "Somebody hands something in. It gets the next sticker number": a new record, numbered
        scores["add"] += 3
    if _reset_to(context) is not None:
        scores["update"] += 4  # "erase a tape for reuse: used goes back to 0; the tape stays where it is"
        if re.search(r"\b(?:stays|remains|is kept|keeps its place)\b", lower):
            scores["remove"] -= 6  # it is not removed
    if _transition(context) is not None or ((_stepping_function(context) or _stepping_by_argument(context)) and re.search(
            r"\b(?:moves?|advances?|steps?|bumps?|promotes?|goes|go|turns?)\b", lower)):
        scores["update"] += 4  # "loaded -> shot", "moves it on one stage": the record's state moves on
    if context.entity is not None and len(context.name_words) == 1 and any(
            context.name_words[0] in _bool_forms(flag.name) for flag in context.fields_of("bool")) and any(
            re.search(r"\balready\b", error.condition.lower()) for error in context.errors):
        scores["update"] += 3  # `paid NAME` over `paid: bool`, refused for "a player who has already paid"
    if _number_per_group(context):
        scores["aggregate"] += 3.5  # "Weight per shelf", "the minutes of each member": a sum per group
    if _count_bound(context) is not None:
        scores["aggregate"] += 4  # "shelves with at least LEAST items": a count per shelf
    if any(re.search(r"\b(?:that|which|who) (?:is|are|was|were) not (?:yet )?(?:tracked|registered|on file|stored|"
                     r"logged|listed|enrolled|in the \w+)\b", error.condition.lower()) for error in context.errors):
        scores["add"] -= 3  # "a domain that is not tracked": the record must exist already, no add
    if context.entity is not None and re.search(rf"\b(?:the )?(?:single |one )?(?:\w+est|most \w+) "
                                                rf"(?:{re.escape(context.entity.name.lower())}|one)\b[^.;]*\b(?:as|in) "
                                                rf"(?:its|their) (?:\w+ )?line\b", lower):
        scores["show"] += 4  # "report the single longest flight, as its log line": a record, not a number
        scores["aggregate"] -= 3
    counted = re.match(r"([A-Z][A-Z_]*):? (?:N|COUNT)\b", _output_pattern(context) or "")
    if counted and context.field(counted.group(1).lower()) is not None and re.search(
            rf"\b(?:for each|for every|per|each) {re.escape(counted.group(1).lower())}\b", lower):
        scores["aggregate"] += 3.5  # "one line `BAND: N` for each band that has contacts": a count per band
    opening = re.match(r"\s*(?:all |my |the |every )?(\w+)", context.plain)
    if context.entity is not None and opening and opening.group(1) == plural(context.entity.name.lower()) \
            and _group_field(context) is None:
        scores["list"] += 1.0  # "Orders for that pickup day ...": the records, one per line
    if re.search(r"\b(?:free|empty|available|vacant) again\b|\bis (?:now )?free\b|\bfor good\b", lower) \
            and not context.fields_of("bool"):
        scores["remove"] += 3.0  # "the bed is free again": the record that held it goes
    stored = re.search(r"\b(?:the|a|this|its) (?:new )?(\w+) (?:shall|will|must|is to) be (?:stored|saved|recorded|added|"
                       r"registered|kept)\b|\b(?:shall|will|must) (?:store|save|record|add|register) (?:the|a) (?:new )?(\w+)\b",
                       lower)  # "Otherwise the stay shall be stored as not paid", "the system shall store the rental"
    if stored and context.entity is not None and same(next(g for g in stored.groups() if g), context.entity.name):
        scores["add"] += 3.0
    if re.search(r"\b(?:is|are|gets?|shall be|will be|must be) (?:erased|removed|deleted|struck|taken) (?:from|off|out of)\b|"
                 r"\b(?:shall|will|must) be (?:erased|removed|deleted)\b|"  # "The batch with that name shall be removed"
                 r"\btakes? (?:it|them) out of the \w+\b|"  # "The food is finished: take it out of the fridge"
                 r"\btakes? (?:it|them|(?:a|an|the|that|this) \w+) back out\b|"  # "Take a payment back out."
                 r"\b(?:goes|go) out of the (?:file|list|store|book|register|records)\b|"  # "the ready bags go out of the file"
                 r"\btakes? (?:the |a |an |it |them )?(?:\w+ ){0,2}off the (?:register|list|board|rack|shelf|sheet|books|"
                 r"log|rota|roster|catalogue|catalog|inventory)\b", re.sub(r"\s*\([^)]*\)", "", lower)):
        scores["remove"] += 3.0  # "is erased from the list", "Takes the key (found by its tag) off the register"
    if re.search(r"\b(?:is|are) leaving the \w+\b|"
                 r"\b(?:she|he|it|they) (?:leaves?|comes? off|goes? off|is taken off|are taken off)\b|"
                 r"\b(?:retire|retires|retired) (?:her|him|it|them)\b|\bleaves? the (?:flock|list|club|team|rack|shelf|sheet)\b",
                 lower) and not context.fields_of("bool") and not any(
                     re.search(r"\bretired\b|\bgone\b|\bleft\b", (f.description or "").lower())
                     for f in context.fields_of("str")):
        scores["remove"] += 3.0  # "we retire her: she leaves the flock": the record goes
    if (re.search(r"\b(?:undo|take back|takes back|revert)\b", name + " " + lower)
            or re.match(r"\s*(?:delete|deletes|remove|removes|drop|drops|erase|erases|forget|forgets)\b", lower)) and re.search(
            r"\b(?:logged|added|entered|written|recorded|made) last\b|\blast (?:one|entry|thing|record)\b|"
            r"\b(?:most recently|last) (?:logged|added|entered|written|recorded|made)\b|\bhighest (?:id|number)\b|"
            r"\b(?:latest|newest|last|most recent) (?:\w+ )?(?:entry|record|one)\b", lower):
        scores["remove"] += 3.5  # "Take back the entry logged last": the newest record goes
    for done in context.fields_of("str"):  # "I watered the plant on DAY" over `watered — the day it was last
        if done.name.lower().endswith("ed") and re.search(  # watered`: the day goes into that field
                rf"\b(?:i|we|you)?\s?{re.escape(done.name.lower())} (?:the|a|an|it|this|that|my|our)\b[^.;]*\bon [A-Z]+\b",
                context.text, flags=re.IGNORECASE):
            scores["update"] += 3
    if re.search(r"\bprints? nothing\b", lower):  # "Prints nothing." says what it does not print
        scores["list"] = max(0.0, scores["list"] - 1.5)
        scores["show"] = max(0.0, scores["show"] - 1.5)
    for bool_field in context.fields_of("bool"):  # "so it is no longer thirsty": a state change
        forms = "|".join(_bool_forms(bool_field.name))
        if re.search(rf"\bso (?:that )?(?:it|they) (?:is|are) (?:no longer |not |now )?(?:un)?(?:{forms})\b",
                     lower) or re.search(rf"\b(?:is|are|becomes?|gets?) (?:no longer|now|not any more|not anymore)"
                                         rf" (?:un)?(?:{forms})\b", lower) \
                or re.search(rf"\b(?:becomes?|turns?|goes|go) (?:not |un)(?:{forms})\b", lower):
            scores["update"] += 3  # "it stays in the file but is no longer alive"
        elif re.search(rf"\b(?:came|comes|come|got|gets|went|goes|is now|was just|has now been) (?:{forms})\b", lower) \
                or (context.params and _names_flag(context, bool_field)
                    and bool_field.name.lower() not in context.name_words  # `billable` reads them
                    and any(context.field(p.name) is not None or p.name.lower() in INDEX_NAMES
                            for p in context.params)):
            scores["update"] += 3  # `## Command: back(item)`: "the item came back" sets `returned`; `hand_in(n)`
    key = context.key_field() or _found_by(context)
    if key is not None and context.entity is not None and any(
            context.field(p.name) is key and p.default is None for p in context.params):
        others = [p for p in context.params if context.field(p.name) is not key and p.default is None]
        required = [f for f in context.entity.fields if f.default is None and f is not key]
        filled = [_field_for_param(context, p) for p in others]
        if others and all(filled) and (len(others) < len(required) or all(
                f.default is not None and context.field(p.name) is None for f, p in zip(filled, others))):
            scores["update"] += 2.5  # the record's key and a new value: "water NAME DAY" sets a field,
            # "reply NAME ANSWER" sets `rsvp` ("waiting until they answer")
    arguments = [p for p in context.params if p.default is None]
    if context.entity is not None and len(arguments) == 1 and context.field(arguments[0].name) is not None and (
            key is None or context.field(arguments[0].name) is key) and any(  # no key known: the field it names finds it
            _counts_up(p) and context.field(p.name) is None and _field_for_param(context, p) is not None
            and is_number(_field_for_param(context, p).type) for p in context.params):
        scores["update"] += 3  # "charge LABEL --times N (default 1)": that record's count goes up
        if any(same(context.command.name, f.name) for f in context.fields_of("int", "float")):
            scores["update"] += 3  # `stamp NAME --cups N` over `stamps`: the verb is the count's own
    # phrasings whose first word misleads a keyword match
    if re.search(r"\b(?:its|the|their|that) (?:record|entry|line|row|\w+'s record) (?:is|gets|will be) (?:deleted|removed|"
                 r"dropped|erased|taken out|struck off)\b", lower):
        scores["remove"] += 3  # "has gone to the tip: its record is deleted"
    if re.search(r"\b(give|assign)s? (?:\w+ ){0,3}(?:a |an )?new\b", lower) or \
            re.search(r"\b(?:rename|retitle|relabel)\b", lower + " " + name):
        scores["update"] += 4
        scores["add"] -= 3
    if re.search(r"\b(add|attach|put)s? (a |an |one |another )?\w+ (to|onto|on) (an? |the )?(existing|\w+)", lower) \
            and context.entity is not None and any(is_list_type(f.type) for f in context.entity.fields):
        scores["update"] += 4
        scores["add"] -= 3
    if _count_line(context) is not None and re.search(r"\b(?:one|each) (?:\w+ )?(?:per|a|on its own) line\b|"
                                                     r"\bone per line\b|\bone line each\b", lower):
        scores["list"] += 3  # "one name per line ..., and then a last line `total: N` with the number of people"
    if re.search(r"\b(?:shown|printed|listed|written) (?:in )?the usual way\b|\b(?:their|the) \w+ in \w+ order\b", lower) \
            and not any(scores[op] > 0 for op in ("add", "update", "remove")):
        scores["list"] += 2  # "Their dishes in number order, shown the usual way": record lines
    taken = re.search(r"\btakes? (?:a|an|one|the|that|this) ([\w-]+) (?:out|off)\b", lower)
    if taken and context.entity is not None and context.field(taken.group(1)) is None \
            and not any(is_number(p.type) and p.name.lower() not in INDEX_NAMES for p in context.params):
        scores["remove"] += 4  # "Takes one sign-in out again": a record, not an amount, comes out
    if re.search(r"^(?:\w+ )?(?:writes?|jots?|notes?|puts?|takes?) down\b|^(?:keeps? a )?(?:notes?|records?) (?:that|of)\b|"
                 r"\b(?:i|we) (?:write|jot|note|put) (?:it|them|that) down\b", lower):
        scores["add"] += 2  # "Write down that I lent TITLE to NEIGHBOUR": a new record
    if re.search(r"\b(remove|delete|drop|take)s? (a |an |one |the )?\w+ from (an? |the )?\w+", lower) \
            and context.entity is not None and any(is_list_type(f.type) for f in context.entity.fields):
        scores["update"] += 4
        scores["remove"] -= 2
    numbers = [f.name.lower() for f in context.fields_of("int", "float") if mentions(context.description_words, f.name)]
    numbers += [word for f in context.fields_of("int", "float") for word in words(f.description)[:2]
                if len(word) > 3 and word in context.description_words]  # `km` is "distance run so far"
    if numbers and re.search(r"\b(take|takes|took|taken|subtract|subtracts|deduct|deducts|ate|eats|burns?|burned|burnt|chews?|chewed)"
                             r"\b[^.]*\b((?<!straight )(?<!right )away|from(?! (?:the )?(?:[a-z]+ )?(?:day|date)\b| [A-Z]{2,}\b)|"
                             r"off|out of)\b|"  # (not "takes a locker from the START day": a start)
                             r"\b(add|adds|put|puts)\b[^.]*\bto (the |its |their |an? )?(\w+'s )?"
                             rf"(?:{'|'.join(re.escape(name) for name in numbers)})\b", lower):
        scores["update"] += 4  # "take AMOUNT away from the item's quantity": a change, not a new record
        scores["add"] -= 3
    elif context.entity is not None and re.search(r"\b(?:goes|go|comes?|drops?|falls?|rises?|grows?|shrinks?|increases?|"
                                                  r"decreases?) (?:down |up )?by\b|"
                                                  r"\b(?:took|takes?|taken) (?:some|\w+) out\b", lower) \
            and (any(is_number(p.type) and context.field(p.name) is not None for p in context.params) or any(
                (f := context.field(said.group(1))) is not None and is_number(f.type) for said in re.finditer(
                    r"\b(\w+)(?: count| total| number)? (?:goes|go|rises?|grows?|increases?|drops?|falls?|decreases?) "
                    r"(?:down |up )?by\b", lower))):  # "its sold count goes up by Q" over `sold: int`
        scores["update"] += 4  # "its stock goes down by QTY": a change of the record's number
        scores["remove"] -= 2
    if re.search(r"\b(?:clears?|wipes?|empties) (?:out )?(?:the |my |our )?(?:whole |entire )?(?:\w+ )?"  # (not "an empty
        # collection")
                 r"(?:tab|sheet|list|log|file|table|book|register|box|store|collection)\b|"
                 r"\b(?:clears?|wipes?|deletes?|removes?) (?:out )?(?:everything|every row|all (?:the )?rows|all entries)\b",
                 lower) and context.entity is not None:
        scores["remove"] += 4  # "Clears the whole tab for next year"
    filled = re.search(r"\b(?:fills?|filled|puts?|writes?|enters?|sets?) (?:in |into )?(?:the )?(?:column|field) (\w+)"
                       r"(?: (?:with|to) (\w+))?", lower)
    if filled and context.entity is not None and context.field(filled.group(1)) is not None \
            and any(context.field(p.name) is context.field(filled.group(1)) or p.name.lower() == filled.group(2)
                    for p in context.params):  # "Fills column counted with CASH"
        scores["update"] += 3  # "Fills in column place for the row with that pick"
    if re.search(r"\b(?:is|are|gets?|get) replaced (?:by|with)\b", lower) and context.entity is not None:
        scores["update"] += 3  # "The due date of loan N is replaced by the given date"
    marked = re.search(r"\b(?:is|are|gets?|be|been) (?:marked|flagged|recorded|set) (?:as )?(\w+)\b", lower)
    if marked and context.entity is not None and any(marked.group(1) in _bool_forms(f.name)
                                                      for f in context.fields_of("bool")):
        scores["update"] += 3  # "The open loan of the given accession is marked as returned"
    if context.entity is not None and (_word_assignments(context, lower) or _fields_going_up_or_down(context)):
        scores["update"] += 3  # "the card moves up a box", "its visits go up by one": a stated change of a number field
        scores["remove"] -= 2  # "Sell one of an item: one fewer in stock" changes a count, keeps the record
    if re.search(r"\b(throw|throws|toss|tosses|bin|trash|ditch)\b[^.]*\b(out|away)\b|\bget rid of\b",
                 lower + " " + name):
        scores["remove"] += 4
    if re.search(r"(?:^|[:;.,]\s*)(?:remove|delete|erase|discard|drop)s? (?:it|them)\b|"
                 r"\b(?:goes|go|went|put|puts) (?:it |them )?in(?:to)? the (?:bin|trash|rubbish|garbage)\b", lower):
        scores["remove"] += 4  # "the bag is empty and goes in the bin: remove it" (not `finish` as done)
        scores["update"] -= 2
    elif context.entity is not None and re.search(
            rf"\((?:and )?(?:delete|remove|erase|drop)s? (?:the|its|that) (?:{RECORD_NOUNS_RE}|"
            rf"{re.escape(context.entity.name.lower())})\)", lower):
        scores["remove"] += 4  # "Pull out of a contest (and delete the entry)"
        scores["update"] -= 2
    if re.search(r"\btakes? (?:it |them |\w+ )?off (?:the |my |his |her |our )?list\b|\bcross(?:es)? (?:it |them )?off\b|"
                 r"\btakes? back (?:the |my )?(?:\w+ )?(?:i|we|you) (?:logged|added|entered|noted|recorded|made)\b",
                 lower):
        scores["remove"] += 4  # "take it off the list", "takes back the job I logged last"
        scores["update"] -= 2
    if re.search(r"\b(bring back|restore|undelete|unarchive|recover)\b", lower + " " + name):
        scores["update"] += 5
        scores["remove"] -= 4
    if re.search(r"^(?:remove|delete|erase|drop|forget|discard|cancel|take back)s? (?:the |my )?(?:most recent|latest|last|newest)\b",
                 lower):
        scores["remove"] += 3  # "Delete the most recent practice I logged" (`undo`)
    elif re.search(r"\b(most recent(ly)?|newest|latest|last)\b(?! first)(?! \w+ first)(?! lines?\b)", lower) \
            and not context.params:  # "the latest entry", not "newest first" (an order)
        scores["show"] += 3
    plain = context.plain
    line = _output_pattern(context)
    if _group_field(context) is None and _record_line(context, line) and not _written_sum(context, line) \
            and not _one_number(context, line):
        scores["aggregate"] -= 2  # `DAY WORD`: a record's own fields, not a computed number
        if _order(context) != [None]:
            scores["list"] += 2  # "the most expensive wines, dearest first, as `NAME PRICE`": records in an order
    if context.entity is not None and _subject_group(context) is not None:
        scores["aggregate"] += 3  # "the friends who owe me the most": a number per friend
    capitals = re.findall(r"\b[A-Z]{2,}\b", line or "")
    group = _group_field(context) if capitals and context.entity is not None else None
    if group is not None and capitals[0] == group.name.upper() and not _all_fields(context.entity, capitals) \
            and any(capital in placeholder_writers(context.project, context.index)
                    or capital in ("TOTAL", "SUM", "AVERAGE", "MEAN") for capital in capitals):
        scores["aggregate"] += 3  # `PROJECT: DURATION` per project: a number a spec function writes, per group;
        # "one line per day: `DAY TOTAL ml`": a total per group
    if re.search(r"\bper line\b|\bone line (?:per|for) each\b", lower) and _group_field(context) is None:
        scores["list"] += 1.5  # "one `DAY WORD` per line": records listed
    if any(param.default is not None and _is_limit(context, param) for param in context.params) and scores["show"]:
        scores["show"] = max(0.0, scores["show"] - 3)  # "Given `--count N`, at most the first N rows are displayed":
        scores["list"] += 1.5  # one record has no limit (`recent` names no single one)
    unlisted = re.sub(r"\b(?:a|one) (?:last|final|closing|total) line\b[^.;]*", " ", plain)  # "and then a last line
    # `total: N` with the number of people": what a listing's last line counts
    if re.search(r"(?<!says )(?<!say )(?<!sets )(?<!being )(?<!same )"  # "the same number of stamps": a tie
                 r"(?:\bhow many\b|\bnumber of\b(?! (?:the )?(?:lines|rows) (?:printed|shown|listed|above)\b)|"
                 r"\bcount of\b|\bhow often\b)", unlisted):  # not "(number of lines printed, ...)": a listing's last line
        # not "`--qty` says how many": an option's own description
        scores["count"] += 3
        if context.entity is not None and _group_field(context) is not None:
            scores["aggregate"] += 3  # "how many jobs are still open, per priority": a count per group
    counted = re.search(r"(?<!same )\b(?:how many|number of|count of)\s+(?:the\s+)?(\w+)", unlisted)
    if counted and context.entity is not None and any(
            same(counted.group(1), f.name) for f in context.fields_of("int", "float")):
        scores["aggregate"] += 3  # "the number of portions": a number field counted up is its sum
    if re.search(r"\bhow much\b|\baltogether\b|\badded up\b|\bin total\b|\ball together\b", plain) and not re.search(
            r"\b(?:[Rr]ub|[Cc]ross|[Ss]trike|[Ww]ipe|[Dd]elete|[Rr]emove|[Ee]rase|[Ss]crap|[Tt]ake)s? (?:\w+ ){0,4}?(?:#?[A-Z]+ )?"
            r"altogether\b", context.text):  # "Rub out mark #NUMBER altogether": all of it, not a sum
        scores["aggregate"] += 3  # "how much each person has paid altogether": a sum
    elif re.search(r"^\s*who (?:still )?owes?\b", plain) and _group_field(context) is not None:
        scores["aggregate"] += 3  # "Who still owes money. A line per person ...": a sum per person
    if re.search(r"\b(the|a) (\w+ )?(called|named|titled|with the (name|title))\b", lower):
        scores["show"] += 1.5
        fields = [p for p in context.params if context.field(p.name) is not None and p.default is None]
        if len(fields) >= 2 and re.search(r"\b(put|puts|move|moves|place|places|file|files|set|sets)\b",
                                          lower + " " + name):
            scores["update"] += 3  # "put the record called ALBUM on a shelf": it exists already
            scores["add"] -= 2
    if re.search(r"(?<!\ba )(?<!\bthe )(?<!\bone )(?<!\bother )(?<!\bthis )(?<!\bthat )(?<!\beach )"
                 r"\b(change|set|update|edit|adjust|modify)s? (?!of\b)(the |its |a )?\w+", plain):  # not "Put a set on the rack"
        scores["update"] += 2
    if re.search(r"\b(clear|wipe|purge)\b", lower + " " + name):
        scores["remove"] += 2
    if re.search(r"\b(mark|flag|check off|tick off)s?\b", lower + " " + name) and not (
            context.entity is not None and context.entity.name.lower() in ("mark", "flag")):
        scores["update"] += 2  # (not "mark #NUMBER" where a Mark is the record)
    per = re.search(r"\b(\w+) (?:per|for each|by) (\w+)\b", plain)
    if per and context.entity is not None and any(same(per.group(1), f.name) for f in context.fields_of("int", "float")) \
            and field_by_name(context.entity, per.group(2)) is not None:
        scores["aggregate"] += 3  # "minutes per topic": a number field summed for each value of another
    if re.search(r"\bper\b|\bfor each\b|\bgrouped by\b|\bby category\b", lower) and scores["aggregate"] > 0:
        scores["aggregate"] += 1
    if scores["aggregate"] > 0 and scores["list"] > 0 and re.search(
            r"\b(total|sum|average|mean)\b", lower):
        scores["aggregate"] += 1.5
    if _best_per_group(context) is not None:
        scores["list"] += 4  # "One line per house, each taken from that house's most recent reading": a record a group
    entity_words = {context.entity.name.lower(), plural(context.entity.name.lower())} if context.entity is not None else set()
    if any(word in entity_words for word in re.findall(r"\bone line (?:per|for each|for every|a) (\w+)\b", lower)):
        scores["list"] += 5  # "One line per stay, e.g. `...`": the records themselves, whatever total comes after them
    named = [f for f in (context.field(p.name) for p in context.params) if f is not None]
    emptied = [f for f in named if type_name(f.type) == "str" and _empty_state(f)]
    keyed = [f for f in named if f.name.lower() in KEPT_NUMBERS]
    if emptied and keyed and scores["update"] <= 0 and scores["add"] <= 0:
        scores["update"] += 1.5  # `take(number, taker)` over `taker: str = "" — "" while it is on the table`
    if context.entity is not None and max(scores.values()) < 1 and re.match(
            rf"\s*(?:all |every |the )?(?:{re.escape(plural(context.entity.name.lower()))})\b(?! (?:count|total)\b)", lower):
        scores["list"] += 1  # "Pieces not in any issue yet, by number.": the records, named first
    return scores


# ---------------------------------------------------------------- the candidate space


def interpret_command(command, project, store=None, *, priors=None,
                      operation: str | None = None, limit: int = 12,
                      wide: bool = False,
                      index: ProjectIndex | None = None,
                      referring: tuple[str, ...] = ()) -> list[Interpretation]:
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
            if op in ("add", "update", "remove") and scores.get(op, 0.0) <= 0 and not wanted:
                candidate.score -= 2  # a write the words give no hint of ranks below any read
            candidates.append(candidate)
    if not wanted or wanted == "custom":
        candidates.extend(_custom(context, scores))
    candidates = _finish_all(candidates, context, pins, prune=not wide)
    for what, name in ([] if len(referring) > 1 else _same_as(context, referring)):  # two levels at most
        other = next(c for c in project.commands if c.name == name)
        model = interpret_command(other, project, store, priors=priors, index=context.index,
                                  referring=(*referring, command.name))[0]
        for candidate in candidates:
            _borrow(candidate, model, what, pins, {p.name for p in command.params}, context.text)
    if not referring:  # a borrowed reading does not borrow in turn (no chains through a spec)
        _same_pattern(context, candidates, referring)
    for candidate in candidates:  # the spec functions a learned or borrowed format calls
        for template in (candidate.message, candidate.output_template):
            candidate.uses = list(dict.fromkeys([*candidate.uses, *(
                name for name in re.findall(r"\{(\w+)\(item\.", template or "") if name in context.functions)]))
    unique: dict[str, Interpretation] = {}
    for candidate in sorted(candidates, key=lambda c: (-round(c.score, 6), OPERATIONS.index(c.operation))):
        unique.setdefault(candidate.signature_key(), candidate)
    ranked = list(unique.values())
    if wide:  # the synthesizer's search: every candidate of the space, best-ranked first, but never a removal
        ranked = [c for c in ranked if c.operation != "remove"  # the words give no hint of: an example run on an
                  or scores.get(c.operation, 0) > 0 or wanted]  # empty store cannot tell ("Who came on DAY" deleted it)
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


def _finish_all(candidates: list[Interpretation], context: Context, pins: dict[str, Any], *,
                prune: bool) -> list[Interpretation]:
    """``_finish`` each candidate (None: dropped), in order; with ``prune``, not those that
    cannot be offered: finishing only lowers a score, and a reading more than 2.5 below
    the best is not offered (``interpret_command``), so the candidates are finished best
    first and the rest skipped once they rank that far below the best finished.

    Builders copy candidates with ``dataclasses.replace``, so siblings may share their
    ``ignored`` list, which ``_finish`` appends to: those are all finished, in order."""
    if not prune:
        return [c for c in (_finish(candidate, context, pins) for candidate in candidates)
                if c is not None]
    holders = Counter(id(candidate.ignored) for candidate in candidates)
    finished: dict[int, Interpretation | None] = {}
    best = None
    for number, candidate in enumerate(candidates):
        if holders[id(candidate.ignored)] > 1:
            finished[number] = done = _finish(candidate, context, pins)
            if done is not None and (best is None or done.score > best):
                best = done.score
    alone = [number for number, candidate in enumerate(candidates)
             if holders[id(candidate.ignored)] == 1]
    for number in sorted(alone, key=lambda number: -candidates[number].score):
        if best is not None and candidates[number].score < best - 2.5:
            break  # sorted: every later one ranks lower still
        finished[number] = done = _finish(candidates[number], context, pins)
        if done is not None and (best is None or done.score > best):
            best = done.score
    return [finished[number] for number in sorted(finished) if finished[number] is not None]


def _same_as(context: Context, referring: tuple[str, ...]) -> list[tuple[set[str], str]]:
    """What the words say works as in another command: "Same line format and order as
    list", "matched the same way as in list" -> ({"format", "order"}, "list")."""
    if not re.search(r"\b(?:same|like|order)\b|`", context.text.lower()):
        return []
    others = _command_names(context)
    names = _Excluding(others, {context.command.name, *referring})  # no copy of every name
    found = []
    for match in re.finditer(r"\b(?:same|like)\b([^.;]*?)\b(?:as|in|that)\s+(?:in\s+)?(?:the\s+)?"
                             r"`?(\w+)`?|\blike()\s+`(\w+)`\s+(?:does|do|did)\b", context.text.lower()):
        other = match.group(2) or match.group(4)  # also "(checked with check_kind like `list` does)"
        if other not in names:
            continue
        before = context.text.lower()[max(0, match.start() - 40):match.start()] + (match.group(1) or "")
        what = {kind for kind, pattern in (("format", r"format|line|look|print|output|written"),
                                           ("order", r"order|sort"),
                                           ("match", r"match|filter|compar|select|found"),
                                           ("checks", r"\bcheck(?:s|ed|ing)?\b|\brules?\b|validat|\brefus"))
                if re.search(pattern, before)}
        named = sorted(p.name for p in context.params if re.search(rf"\b{re.escape(p.name.lower())}s?\b", before))
        if "checks" in what and named:  # "The pints are checked first, against the same range as `deliver`": those only
            what.add("checks:" + ",".join(named))
        found.append((what or {"format", "order", "match"}, other))
    for match in re.finditer(r"\bsame checks as (?:when |for |in |with )?(?:the )?(\w+?)ing\b", context.text.lower()):
        verb = match.group(1)  # "with the same checks as when logging": log; "as for booking": book
        name = next((name for name in (verb, verb[:-1] if len(verb) > 2 and verb[-1] == verb[-2] else verb, verb + "e")
                     if name in names), None)
        if name is not None:
            found.append(({"checks"}, name))
    for match in re.finditer(r"`[^`]+` (?:and|followed by|then)(?: then)? (?:the|its) \w+ (?:the same way|just as|as|like) `?(\w+)`? "
                             r"(?:shows?|prints?|writes?|gives?|says?) (?:it|them)\b", context.text.lower()):
        if match.group(1) in names:  # "It prints `removed ` and then the reading the same way dip shows it"
            found.append(({"message"}, match.group(1)))
    for match in re.finditer(r"\bthe order (?:that )?`?(\w+)`? (?:would )?(?:shows?|prints?|lists?|gives?)\b",
                             context.text.lower()):  # "equal ones come in the order list would show them"
        if match.group(1) in names:
            found.append(({"order"}, match.group(1)))
    for match in re.finditer(r"\b(?:its|their|the) (?:place|position|line|number|spot) in (?:plain |the |a plain )?`(\w+)`",
                             context.text.lower()):  # "Removes one solve by its place in plain `list` (no options)"
        if match.group(1) in names and context.command.params and any(
                p.name.lower() in INDEX_NAMES | {"place", "line"} for p in context.command.params):
            found.append(({"order"}, match.group(1)))
    for match in re.finditer(r"`(\w+)\b([^`]*)`", context.text):  # "the line `history --bike B` prints"
        if not re.fullmatch(r"(?:\s+(?:--[\w-]+|[\w.:/-]+|\"[^\"]*\"))*\s*", match.group(2)):
            continue  # `rise ?`, `rise P%`: a piece of a line that starts with a command's name, not a command line
        if match.group(1) in names and all(name != match.group(1) for _, name in found) and re.search(
                r"\b(?:line|lines|print|prints|show|shows|would)\b",
                context.text[max(0, match.start() - 40):match.end() + 40].lower()):
            found.append(({"format"}, match.group(1)))
    return found


def borrow_from_chosen(command, project, interpretation: Interpretation,
                       in_use: dict[str, Interpretation], index: ProjectIndex | None = None) -> Interpretation:
    """``interpretation`` with what the words borrow from another command ("same line format
    as list", "the line `history --bike B` prints") taken from the reading that command
    keeps in the end (``in_use``: checked against the spec's examples), not from its
    best-ranked one. Returns a copy when something changed."""
    store = next((s for s in project.stores if s.name == interpretation.store), None)
    context = Context(command, project, store, index=index)
    lenders = _same_as(context, ())
    if not lenders:
        return interpretation
    pins = read_pins(command, context)
    borrowed = Interpretation.from_dict(interpretation.to_dict())
    for what, name in lenders:
        if name in in_use:
            _borrow(borrowed, in_use[name], what, pins, {p.name for p in command.params})
    return borrowed if borrowed != interpretation else interpretation


class _Excluding:
    """``names - excluded`` for membership tests, without copying ``names``."""

    def __init__(self, names: set[str], excluded: set[str]):
        self.names, self.excluded = names, excluded

    def __contains__(self, name: str) -> bool:
        return name in self.names and name not in self.excluded


@_per_command
def _model_command(context: Context):
    """The command whose lines the words say this one prints: "All routes ... in the same form
    as `new` prints them", "One line each, as log prints it", "Printed like log", "in the same
    lines as list"."""
    lower = context.text.lower()  # the command's name is often in backticks
    names = [next(name for name in said.groups() if name) for said in re.finditer(
        r"\b(?:in )?the same (?:form|way|format|shape|lines?) (?:as|that) `?(\w+)`? (?:prints|shows|writes)|"
        r"\bas `?(\w+)`? (?:prints|shows|writes) (?:it|them|one|each)\b|"
        r"\bthe (?:same )?way `?(\w+)`? (?:prints|shows|writes) (?:it|them)\b|"  # "the match the way matches shows it"
        r"\b(?:printed|shown|written|formatted|displayed) (?:just |exactly )?(?:like|as)(?: by)? `?(\w+)`?(?: does)?(?:[.,;)]|$)|"
        r"\bin `?(\w+)`?'s (?:form|format|line)|\bas an? `?(\w+)`? line\b|"
        r"\bin the (?:line )?(?:format|form) of `?(\w+)`?|\b(?:one )?lines? as in `?(\w+)`?|"
        r"\bin the (?:same )?(?:form|format|shape|way) (?:that )?`?(\w+)`? (?:prints|shows|writes|uses)\b|"
        r"\bthe same (?:like|as) (?:the )?(?:command )?`?(\w+)`? (?:is )?(?:printing|prints|showing|shows|writing|writes)\b|"
        r"\b(?:lines?|records?) (?:are |is )?(?:just )?like in `?(\w+)`?|"
        r"\bin the `?(\w+)`? (?:format|form|line format)\b|"  # "its line in the track format"
        r"\bin the same (?:lines?|form|format|way) as `?(\w+)`?(?=[.,;)]|$)|"  # "in the same lines as list."
        r"\bas (?:described|explained|given|set out) (?:under|in|for|at) (?:the )?`?(\w+)`?", lower)]
        # "Each card is shown as described under join"
        # "The lines are the same like the command order is printing them", "The lines are like in list"
        # "each in the form enter prints", "one per line in the form book prints"
    found = next((c for name in names for c in context.project.commands
                  if c.name == name and c is not context.command), None)
    if found is not None:
        return found
    generic = {"one", "a", "an", "each", "per", "the", "last", "first", "new", "second", "2nd", "same", "own", "its",
               "their", "every", "this", "that", "single", "extra", "summary", "total"}
    for word in dict.fromkeys(re.findall(r"\b(\w+) lines?\b", lower)):  # "one progress line each"
        if word in generic or len(word) < 3:
            continue
        for other in context.project.commands:  # knit: "prints the progress line `NAME DONE/ROWS BAR PCT%`"
            if other is not context.command and re.search(
                    rf"\bthe {re.escape(word)} line\b[^`.]{{0,20}}`", " ".join((other.description or "").lower().split())):
                return other
    return None


def _modelled_line(context: Context, seen: tuple[str, ...] = ()) -> tuple[str, tuple[str, str] | None] | None:
    """The line the command named by ``_model_command`` says it prints (its `Prints `...``
    pattern) and the marker it adds where a condition holds. A model that prints in a third
    command's form lends that one's line with its own marker ("in the form history uses",
    history "in the form fire prints, followed by ` - in kiln` ...")."""
    model = _model_command(context)
    if model is None or model.name in seen:
        return None
    other = Context(model, context.project, context.store, index=context.index)
    probe = _base(other)
    probe.operation = "add"
    pattern = _message_pattern(other, probe) or _output_pattern(other)  # `Prints ...`, else its `Line: ...`
    if pattern is None or not pattern.startswith(" "):  # its own line first (a ` - in kiln` is only a marker)
        return (pattern, _suffix(other, "add")) if pattern else None
    chained = _modelled_line(other, (*seen, context.command.name))  # a marker alone: the line is a third's
    if chained is not None:  # its marker, one condition's or two tails' (`- in kiln` or `- CRACKED cracked`)
        tails = _two_tails(other)
        return ((tails[0] or chained[0]), tails[1]) if tails else (chained[0], _suffix(other, "list") or chained[1])
    return pattern, _suffix(other, "add")


def _command_names(context: Context) -> set[str]:
    if context.index.command_names is None:  # once per pass over the commands, not per command
        context.index.command_names = {c.name for c in context.project.commands}
    return context.index.command_names


def _same_pattern(context: Context, candidates: list[Interpretation], referring: tuple[str, ...]) -> None:
    """A list whose line is the pattern another command prints, with an example there
    (`PLACE DAY: T°C` after a record): it writes the line as that example shows."""
    models: dict[str, Interpretation | None] = {}
    for candidate in candidates:
        pattern = candidate.output
        if candidate.operation not in ("list", "show") or not pattern or candidate.output_template:
            continue
        if pattern not in models:
            models[pattern] = None
            lenders = context.index.lenders.get(pattern)
            if lenders is None:  # only a command whose example shows the pattern can lend it
                shown = _commands_with_examples(context)
                lenders = context.index.lenders[pattern] = [
                    other for other in context.index.stating(context.project, pattern) if other.name in shown]
            for other in lenders:
                if other.name in (context.command.name, *referring):
                    continue
                model = interpret_command(other, context.project, context.store, index=context.index,
                                          referring=(*referring, context.command.name))[0]
                if model.message and model.message_pattern == pattern and "{item." in model.message:
                    models[pattern] = model
                    break
        if models[pattern] is not None:
            candidate.output_template = models[pattern].message


def commands_run_by_examples(project) -> set[str]:
    """The commands a step of the spec's examples or transcripts runs."""
    return {argv[0] for steps in spec_sequences(project) for argv, _, _ in steps if argv}


def _commands_with_examples(context: Context) -> set[str]:
    """``commands_run_by_examples``, worked out once per pass over the commands."""
    index = context.index
    if index.shown is None:
        index.shown = commands_run_by_examples(context.project)
    return index.shown


def _reads_only(condition: str, params: set[str]) -> bool:
    """Whether a check's Python reads some of ``params`` and no other name (calls and words in
    quotes aside): `(cm < 30) or (cm > 200)` for a command that has `cm` too."""
    names = set(re.findall(r"(?<![.\w'\"])([a-z_]\w*)\b(?!\()", re.sub(r"'[^']*'|\"[^\"]*\"", "", condition)))
    return bool(names & params) and names <= params | {"and", "or", "not", "is", "in", "item"}


def _borrow(candidate: Interpretation, model: Interpretation, what: set[str], pins, params=frozenset(),
            text: str = "") -> None:
    """Take the other command's format, order, matching or checks where the words say so
    (``params``: this command's arguments, the ones a borrowed check may read; ``text``: this
    command's words, which may say which argument a refusing function checks here)."""
    if "checks" in what:  # "the new values get the same checks as in measure ... with the same messages"
        have = {guard.message for guard in candidate.guards}
        only = next((set(kind[7:].split(",")) for kind in what if kind.startswith("checks:")), None)
        taken = [guard for guard in model.guards if guard.kind in ("check", "predicate") and guard.message not in have
                 and _reads_only(guard.condition, set(params))
                 and (only is None or any(re.search(rf"\b{re.escape(name)}\b", guard.condition) for name in only))]
        if candidate.select == model.select == "key" and candidate.locate_field == model.locate_field \
                and candidate.locate_param == model.locate_param:  # "Same refusals as return": the record found
            taken += [guard for guard in model.guards if guard.kind == "lookup" and guard.message not in have]  # the same way
        for guard in model.guards:  # "`--since DAY` keeps ... (checked with check_day, same message and status as
            refused = re.fullmatch(r"refuses\((\w+)\((\w+)\)\)", guard.condition)  # `sell`)": check_day of since
            if refused is None or guard in taken or guard.message in have:
                continue
            here = [name for name in params for sentence in re.split(r"(?<=[.;])\s+", text)
                    if re.search(rf"--{re.escape(name)}\b", sentence)
                    and re.search(rf"\b(?:checked|refused|validated|read) (?:with|by|through|like) {refused.group(1)}\b",
                                  sentence)]
            if len(set(here)) == 1:
                taken.append(replace(guard, condition=f"refuses({refused.group(1)}({here[0]}))"))
        candidate.guards = [*taken, *candidate.guards]
    if "format" in what and not pins.get("output") and candidate.operation in ("list", "show") \
            and (model.output_template or model.output or model.formatter):
        candidate.output_template = model.output_template
        candidate.output = model.output
        candidate.formatter = model.formatter
        if model.formatter:
            candidate.uses = list(dict.fromkeys([*candidate.uses, model.formatter]))
    prefix = candidate.message_pattern or ""
    if "message" in what and candidate.operation in ("add", "update", "remove") and not re.search(r"[A-Z]{2,}", prefix) \
            and (model.message or model.message_pattern):  # "`removed ` and then the reading the same way dip shows it"
        if model.message:
            candidate.message = prefix.replace("{", "{{").replace("}", "}}") + model.message
        candidate.message_pattern = prefix + (model.message_pattern or "") if model.message_pattern else None
        candidate.definitions = {**model.definitions, **candidate.definitions}
    if "order" in what and candidate.order is None and not pins.get("order"):
        candidate.order = model.order
        candidate.then_by, candidate.last_by = model.then_by, model.last_by  # its ties too
    elif "order" in what and model.order and candidate.order and candidate.then_by is None \
            and model.order[0] != candidate.order[0]:
        candidate.then_by = model.order  # its own order first; ties as the other command orders
    if "match" in what:
        matched = {flt.field: flt for flt in model.filters if flt.value and flt.value.startswith("param:")}
        candidate.filters = [replace(flt, op=matched[flt.field].op, ignore_case=matched[flt.field].ignore_case)
                             if flt.field in matched and flt.value and flt.value.startswith("param:") else flt
                             for flt in candidate.filters]
        folded = {name for name, flt in matched.items() if flt.ignore_case}
        if candidate.locate_field in folded:
            candidate.locate_ignore_case = True
        by_option = {flt.value[6:]: flt for flt in model.filters  # "Same `--agency` and `--month` filters as
                     if flt.value and flt.value.startswith("param:") and flt.value[6:] in params}  # sales": the
        if by_option:  # lender's filter of each option both commands take, field and all
            candidate.filters = [flt for flt in candidate.filters
                                 if not (flt.value and flt.value.startswith("param:") and flt.value[6:] in by_option)]
            candidate.filters = [*candidate.filters, *by_option.values()]
            candidate.transforms = [(name, function) for name, function in candidate.transforms
                                    if name not in by_option] + [(name, function) for name, function in model.transforms
                                                                 if name in by_option]


def _base(context: Context, score: float = 0.0, *evidence: str) -> Interpretation:
    return Interpretation(operation="", store=context.store.name if context.store else None,
                          entity=context.entity.name if context.entity else None, score=score,
                          evidence=list(evidence))


# -- add ------------------------------------------------------------------------------


def _filled_alike(context: Context, target, constructor: dict[str, str]) -> str | None:
    """What a new record's field with no argument of its own starts as when the words give it
    the value another field takes: "WEIGHT in both column first and column weight", "first and
    weight both start at the weight", "first starts as the weight" -> that field's source."""
    column = r"(?:(?:the )?(?:column|field) )?"
    name = re.escape(target.name.lower())
    for said in re.finditer(rf"\b(\w+) (?:in|into|as|for) both {column}(\w+) and {column}(\w+)\b|"
                            rf"\b{column}(\w+) and {column}(\w+) both (?:start|begin)(?: out)? (?:as|at|with) (?:the )?(\w+)\b|"
                            rf"\b{column}{name} (?:starts|begins)(?: out)? (?:as|at|equal to|the same as) (?:the )?(\w+)\b",
                            context.lower):
        fields = [word for word in said.groups()[1:3] + said.groups()[3:5] if word]
        source = said.group(1) or said.group(6) or said.group(7)
        if said.group(7) is None and target.name.lower() not in fields:
            continue
        param = next((p for p in context.params if p.name.lower() == source), None)
        if param is not None:
            return f"param:{param.name}"
        other = context.field(source)
        if other is not None and other.name != target.name and other.name in constructor:
            return constructor[other.name]
    return None


def _flag_negates(context: Context, param, target) -> bool:
    """Whether a flag of an add sets a yes/no field to false, the words say so:
    `ok: bool = true — false for a failed run` with `--failed`, "ok unless --failed"."""
    if type_name(param.type) != "bool" or type_name(target.type) != "bool" or target.name == param.name:
        return False
    flag = re.escape(param.name.lower())
    return bool(re.search(rf"\bfalse (?:for|when|if|on|while) (?:an? |the )?(?:\w+ (?:is|was) )?{flag}\b",
                          (target.description or "").lower())  # "false while the rocket is lost"
                or re.search(rf"\b{re.escape(target.name.lower())} unless (?:\w+ ){{0,3}}`?--{flag}\b", context.lower))


def _add(context: Context) -> list[Interpretation]:
    candidate = _base(context)
    entity = context.entity
    used: set[str] = set()
    for param in context.params:
        read = _read_in(context, param)
        target = context.field(param.name) or (_read_target(context, param) if read else None) \
            or _option_field(context, param)  # "`--by NAME` notes which leader signed it off"
        if target is None or target.name in candidate.constructor:
            continue
        negating = type_name(param.type) == "bool" and type_name(target.type) == "bool" and re.fullmatch(
            rf"(?:un|non_?|not_?|no_?){re.escape(target.name.lower())}", param.name.lower()) or _flag_negates(
            context, param, target)
        candidate.constructor[target.name] = read or (f"not param:{param.name}" if negating else f"param:{param.name}")
        used.add(param.name)  # `--notout` over `out: bool = true`: out is not notout
    for param in context.params:  # `--unbilled` over `billable`, `--private` over `public`
        negated = re.fullmatch(r"(?:un|non_?|not_|no_)(\w+)", param.name.lower())
        if param.name in used or type_name(param.type) != "bool" or negated is None:
            continue
        flag = next((f for f in context.fields_of("bool") if f.name not in candidate.constructor
                     and f.name.lower()[:4] == negated.group(1)[:4]), None)
        if flag is not None:
            candidate.constructor[flag.name] = f"not param:{param.name}"
            used.add(param.name)
    for param in context.params:  # `--at 08:00 --at 19:00` fills the one list[str] field left
        if param.name in used or type_name(param.type) not in ("list", "bool"):
            continue
        left = [f for f in entity.fields if f.name not in candidate.constructor
                and f.type.text.replace(" ", "") == param.type.text.replace(" ", "")]
        if len(left) == 1 and (type_name(param.type) == "list" or mentions(
                words(left[0].description) + words(left[0].name), param.name)):
            negating = type_name(param.type) == "bool" and _flag_negates(context, param, left[0])
            candidate.constructor[left[0].name] = f"{'not ' if negating else ''}param:{param.name}"
            used.add(param.name)
    for param in context.params:  # `count` fills `stock: int — how many are on the shelf`
        described = _field_for_param(context, param) if param.name not in used and param.default is None else None
        if described is not None and described.name not in candidate.constructor:
            candidate.constructor[described.name] = f"param:{param.name}"
            used.add(param.name)
    left = [f for f in entity.fields if f.name not in candidate.constructor and f.default is None
            and is_number(f.type) and _computing_call(context, f, candidate.constructor) is None
            and f.name.lower() not in INDEX_NAMES | {"id", "number"} and not _numbered_by_words(context, f)]
    loose = [p for p in context.params if p.name not in used and p.default is None and is_number(p.type)
             and context.field(p.name) is None]
    if len(left) == 1 and len(loose) == 1 and type_name(left[0].type) == type_name(loose[0].type):
        candidate.constructor[left[0].name] = f"param:{loose[0].name}"  # `quantity` fills `made: int — how
        used.add(loose[0].name)  # many pieces were brought`: the one number left and the one number given
    left = [f for f in entity.fields if f.name not in candidate.constructor and f.default is None
            and type_name(f.type) == "str" and _computing_call(context, f, candidate.constructor) is None]
    loose = [p for p in context.params if p.name not in used and p.default is None and type_name(p.type) == "str"
             and context.field(p.name) is None]
    if len(left) == 1 and len(loose) == 1 and not any(type_name(f.type) == "str" and f.default is not None
                                                      and f.name not in candidate.constructor for f in entity.fields
                                                      if mentions(words(f.description) + words(f.name), loose[0].name)):
        candidate.constructor[left[0].name] = f"param:{loose[0].name}"  # `bring(title, person)` over `brought_by:
        used.add(loose[0].name)  # str — who brought it`: the one text a new record needs, and the one text given
    for name, value in list(candidate.constructor.items()):  # "LEFT is SIZE unless `--left L` says ..."
        param = next((p for p in context.params if value == f"param:{p.name}"), None)
        if param is None or default_value(param.default) is not None or param.default is None:
            continue
        said = re.search(rf"\b{re.escape(name.lower())} (?:is|starts as|starts at|defaults to|is set to) (?:the )?(\w+) "
                         rf"(?:unless|when (?:`?--{re.escape(param.name)}`? is )?not given|if (?:`?--{re.escape(param.name)}`? "
                         rf"is )?not given|when left out)\b", context.lower)
        other = said and next((p for p in context.params if p.name.lower() == said.group(1) and p is not param), None)
        if other:
            candidate.constructor[name] = f"call:(param:{param.name} if param:{param.name} is not None else param:{other.name})"
    optional = [p for p in context.params if p.default is not None and context.field(p.name) is not None
                and context.field(p.name).default is None]
    candidate.score -= 1.5 * len(optional)  # `log(project: str = "")`: a filter, not a new record's field
    for entity_field in entity.fields:
        if entity_field.name in candidate.constructor:
            continue
        computed = _computing_call(context, entity_field, candidate.constructor)
        if computed is not None:  # "price: float — worked out from the minutes" by price()
            candidate.constructor[entity_field.name] = computed
            candidate.uses = list(dict.fromkeys([*candidate.uses, computed[5:].split("(")[0]]))
            continue
        also = _filled_alike(context, entity_field, candidate.constructor)
        if also is not None:  # "WEIGHT in both column first and column weight"
            candidate.constructor[entity_field.name] = also
            continue
        if entity_field.default is None:
            if type_name(entity_field.type) == "int" and (
                    entity_field.name.lower() in INDEX_NAMES | {"id", "number"} or _numbered_by_words(context, entity_field)):
                candidate.auto_fields.append(entity_field.name)
            else:
                candidate.ignored.append(f"required field {entity_field.name!r} has no parameter")
                candidate.score -= 2
    never = r"\b(?:never|not|aren't|are not|isn't|is not) (?:be )?(?:re-?used|given (?:out )?again|" \
            r"(?:handed|given) out twice|used twice|given twice)\b|\bever (?:been )?(?:given|handed|issued|used)\b"
    never_again = re.search(never, context.lower) or any(
        re.search(never, (f.description or "").lower()) for f in entity.fields if f.name in candidate.auto_fields) or (
        candidate.auto_fields and any(re.search(never, sentence.lower()) and re.search(
            rf"\b(?:{'|'.join(re.escape(name.lower()) for name in candidate.auto_fields)}|numbers?|ids?)\b", sentence.lower())
            for sentence in _sentences(" ".join((context.project.description or "").split()))))
    # "A number that was used once is never given out again" said once for the project
    if not candidate.auto_fields and never_again:
        candidate.ignored.append("numbers that are never reused need a field to keep them: the records are "
                                 "numbered by their place in the store (add an `id: int` field to the entity)")
    elif never_again:  # "IDs are never reused, not even after undo": the store keeps the highest given out
        candidate.counted = True
    candidate.transforms = _transforms(context, used)
    candidate.flagged_transforms = _flagged_transforms(context)
    used |= {flag for _, _, flag in candidate.flagged_transforms}
    candidate.uses = list(dict.fromkeys([*candidate.uses, *(function for _, function, _ in candidate.flagged_transforms)]))
    candidate.unused_params = [p.name for p in context.params if p.name not in used]
    merged = _merge_clause(context.command, entity, candidate.constructor, context.key_field())
    if merged is None:
        return [candidate]
    keys, summed, replaced = merged  # the words say so: the record joins one it matches, first
    joining = replace(candidate, constructor=dict(candidate.constructor), merge=keys,
                      assignments=[Assignment(name, "add", candidate.constructor.get(name, "1")) for name in summed]
                      + [Assignment(name, "set", candidate.constructor[name]) for name in replaced],
                      score=candidate.score + 1.0)  # "that stamp gets one more copy": + 1
    return [joining, candidate]


def _numbered_by_words(context: Context, entity_field) -> bool:
    """Whether the words number a field on add: "Each runner gets the next bib: one more than the
    highest bib", "give the job the next ticket number"."""
    name = re.escape(entity_field.name.lower())
    said = " ".join(f"{context.lower} {context.project.description or ''} {entity_field.description or ''}".lower().split())
    return type_name(entity_field.type) == "int" and bool(re.search(  # "Ticket numbers: the first ticket is 1, every
        rf"\b(?:gets?|give|gives|given|takes?|receives?|assigned)(?: (?:it|the \w+|an? \w+))? (?:the |a )?next (?:free )?"
        rf"{name}\b|\bone more than the (?:highest|largest|biggest|last) {name}\b|"  # new one is one more than the
        rf"\b{name}s? (?:are|is) (?:given|numbered|assigned|handed out) (?:automatically|in order)\b", said))  # highest


def _read_in(context: Context, param) -> str | None:
    """How an argument's value becomes its field's when the two differ: read by a spec function
    ("The fee is read with fee_cents": `85.50` is stored as 8550), or pounds kept in pence; the
    ``call:`` value, or None when the argument is stored as typed."""
    reader = _reader(context, param)
    return f"call:{reader.name}(param:{param.name})" if reader is not None else _in_cents(context, param)


def _in_cents(context: Context, param) -> str | None:
    """An amount typed in pounds or euros that its field keeps in pence or cents: `price: float`
    filling `price: int — the agreed price, in pence` ("store the price in pence, rounded to the
    nearest penny") -> ``call:round(param:price * 100)``; None otherwise."""
    target = _read_target(context, param)
    if target is None or type_name(param.type) != "float" or type_name(target.type) != "int" \
            or not re.search(r"\b(?:in )?(?:pence|pennies|cents?)\b", (target.description or "").lower()):
        return None
    return f"call:round(param:{param.name} * 100)"


def _read_target(context: Context, param):
    """The field an argument fills, of whatever type: named like it, or described by its name
    (`price: str` read into `pence: int — the price, in pence`)."""
    target = context.field(param.name) or _field_for_param(context, param)
    if target is None and context.entity is not None:
        described = [f for f in context.fields_of("int", "float") if any(
            same(word, param.name) for word in words(f.description))]
        if not described and type_name(param.type) == "str":  # "AMOUNT is read with to_cents" ("Returns it in
            readers = _named_readers(context)  # cents")
            described = [f for f in context.fields_of("int", "float") if len(readers) == 1 and re.search(
                rf"\b{re.escape(f.name.lower())}\b", (readers[0].description or "").lower())
                and not any(context.field(p.name) is f for p in context.params) and not _numbered_by_words(context, f)]
            # ("turns them into minutes ... a whole number of hours": not the lesson's own `number`)
        target = described[0] if len(described) == 1 else None
    return target


def _named_readers(context: Context) -> list:
    """The spec functions the command's words name that read one text into a number."""
    said = " ".join([context.text, *(error.condition for error in context.command.errors),
                     *(sentence for sentence in _sentences(context.project.description or "")
                       if re.search(r"\b(?:read|parsed|converted|turned)\b", sentence))])
    # (also "a price that to_pence cannot read", and "Prices are typed in pounds and read with to_pence")
    return [f for f in context.functions.values() if len(f.params) == 1 and f.returns is not None
            and type_name(f.params[0].type) == "str" and is_number(f.returns)
            and re.search(rf"\b{re.escape(f.name)}\b", said)]


def _reader(context: Context, param):
    """The spec function that reads a text argument into the number field it fills: "The fee is
    read with fee_cents" over `fee: str` and `fee: int — in euro cents`, ``fee_cents(text: str) ->
    int``; named in the command's words, one text in, the field's type out. None otherwise."""
    target = _read_target(context, param)
    if type_name(param.type) != "str" or target is None or not is_number(target.type):
        return None
    readers = [f for f in _named_readers(context) if type_name(f.returns) == type_name(target.type)]
    named = [f for f in readers if any(same(word, param.name) or same(word, target.name) for word in words(f.name))]
    chosen = named or readers
    return chosen[0] if len(chosen) == 1 else None


def _computing_call(context: Context, entity_field, constructor: dict[str, str]) -> str | None:
    """A field no argument gives that a spec function works out from the ones given
    ("price: float — worked out from the minutes", ``price(minutes) -> float``): the
    function is named like the field, or the field's description or the command's words
    name it, returns the field's type, and every parameter of it is an argument of the
    command or a field the arguments give. Returns ``"call:price(param:minutes)"``."""
    given = {name: value[6:] for name, value in constructor.items() if value.startswith("param:")}
    text = " ".join((entity_field.description or "", context.text))
    over = _call_over_records(context, entity_field, text)
    if over is not None:
        return over
    for function in context.project.functions:  # "Returns (smallest, largest)": one part of what it gives
        said = re.search(r"\breturns? (?:the pair |a pair |the tuple )?\(([\w, ]+)\)", function.description or "",
                         flags=re.IGNORECASE)
        parts = [part.strip() for part in said.group(1).split(",")] if said else []
        if entity_field.name not in parts or len(function.params) != 1 or function.returns is None \
                or type_name(function.returns) != "tuple" or f"{function.name}" not in context.text:
            continue
        loose = [p for p in context.params if context.field(p.name) is None
                 and type_name(p.type) == type_name(function.params[0].type)]
        if len(loose) == 1:  # `add(name, maker, sizes)` with "when parse_sizes refuses them"
            return f"call:{function.name}(param:{loose[0].name})[{parts.index(entity_field.name)}]"
    for function in context.project.functions:
        if function.returns is None or type_name(function.returns) != type_name(entity_field.type):
            continue
        if not (same(function.name, entity_field.name) or (entity_field.name in words(function.name)
                                                           and entity_field.default is None)
                or f"{function.name}(" in text
                or re.search(rf"\b(?:with|from|by|through|via|using) {re.escape(function.name)}\b",
                             entity_field.description or "")):  # "worked out from the age with age_group_for"
            continue
        written = re.search(rf"\b{re.escape(function.name)}\(([\w, ]+)\)", text)
        named = [next((p.name for p in context.params if p.name == word.strip()), None)
                 for word in written.group(1).split(",")] if written else []
        if named and len(named) == len(function.params) and all(named):  # "The rental runs until add_months(start,
            return f"call:{function.name}({', '.join(f'param:{name}' for name in named)})"  # months)": as written
        arguments = []
        for param in function.params:
            source = next((p.name for p in context.params if same(p.name, param.name)), None) or \
                next((given[name] for name in given if same(name, param.name)), None)
            read = [p.name for p in context.params if len(function.params) == 1
                    and type_name(p.type) == type_name(param.type) and re.search(
                        rf"\b{re.escape(p.name)}\b(?: \w+){{0,3}} (?:with|through|by|via|using|into) "
                        rf"{re.escape(function.name)}\b|\b{re.escape(function.name)}\(\s*{re.escape(p.name)}\b",
                        context.text, flags=re.IGNORECASE)]
            source = source or (read[0] if len(read) == 1 else None)  # "Read TIME with to_seconds"
            if source is None:
                break
            arguments.append(f"param:{source}")
        else:
            if arguments:
                return f"call:{function.name}({', '.join(arguments)})"
    return None


def _call_over_records(context: Context, entity_field, text: str) -> str | None:
    """A field a spec function works out from one field of the records already kept: "The hook
    is first_free of the hooks of all hanging items" (``first_free(used: list[int])``, *hanging*
    defined as "not collected") -> ``call:first_free([item.hook for item in store.all() if not
    item.collected])``."""
    for function in context.project.functions:
        listed = [p for p in function.params if type_name(p.type) == "list"]
        if not listed or function.returns is None or type_name(function.returns) != type_name(entity_field.type):
            continue
        said = re.search(rf"\b(?:the |its )?{re.escape(entity_field.name)} is {re.escape(function.name)} of (?:the )?(\w+) "
                         rf"of (?:all|every|each|the)(?: the)? (?:(\w+) )?(?:\w+)\b", text, flags=re.IGNORECASE)
        source = context.field(said.group(1)) if said else None
        if source is None:
            continue
        among = ""
        if said.group(2):
            state = next((flt for flt in _term_states(context, f"the {said.group(2).lower()}")), None)
            if state is None:
                continue  # an adjective the project does not define
            among = f" if {'not ' if state.op == 'is false' else ''}item.{state.field}"
        return f"call:{function.name}([item.{source.name} for item in store.all(){among}])"
    return None


def _merge_clause(command, entity, constructor: dict[str, str], key=None
                  ) -> tuple[list[str], list[str], list[str]] | None:
    """"If I already have that wine from that vintage, the new bottles are added to the ones
    I have": an add that finds a record with the same key fields ("that vintage", "that
    wine": the entity's key or first text field) adds its numbers to it instead of storing
    a new one. ``constructor`` is field -> "param:NAME"; returns (key fields, added fields, fields the new
    value replaces: "that becomes its new price")."""
    text = " ".join(strip_fences(command.description or "").split()).lower()
    clause = re.search(r"\b(?:if|when)\b[^.]*\balready\b[^.]*", text)
    subject = re.search(r"\b(?:an?|the|each) (\w+) (?:that is |which is |that's |i have |(?:we|i|you) )?already (?:recorded|there|"
                        r"logged|noted|stored|known|listed|entered|in|have|had)\b[^.]*", text)
    if clause is None and subject is not None:  # "A day already recorded gets MM added to what it has"
        clause = subject
    if clause is None:  # "Same country + year + value already there: its qty goes up by --qty instead"
        clause = re.search(r"\bsame [\w ,+&-]+? (?:already|is already|exists?)\b[^.]*", text)
    if clause is None or not re.search(r"\badded (?:to|on)\b|\badds? (?:up|on)\b|\bon top of\b|"
                                       r"\bincreases?\b|\bjoin|\b(?:gets?|has|takes?) (?:one|1) more\b|"
                                       r"\b(?:goes|go|rises?) up\b", clause.group(0)):
        return None
    sentence = clause.group(0)
    listed = re.search(r"\bthe same ((?:[\w-]+ ?){1,3}(?:, (?:[\w-]+ ?){1,3})*,? and (?:[\w-]+ ?){1,3})", sentence) \
        or re.search(r"\bsame ((?:[\w-]+ ?){1,3}(?: ?[+&] ?(?:[\w-]+ ?){1,3})+)", sentence)
    given_names = {f.name for f in entity.fields if str(constructor.get(f.name, "")).startswith("param:")}
    if listed:  # "the same country, year, face value and mint-ness": every field it lists
        items = re.split(r",? and |, | ?[+&] ?", listed.group(1))
        named = [next((f.name for f in entity.fields for word in re.findall(r"[a-z]+", item)
                       if same(word, f.name)), None) for item in items]
        if all(named) and set(named) <= given_names:
            one_more = re.search(r"\b(?:one|1) more (\w+)", sentence)
            counted = [f.name for f in entity.fields if one_more and same(one_more.group(1), f.name)
                       and is_number(f.type) and f.name not in given_names]
            growing = [f.name for f in entity.fields if f.name in given_names and is_number(f.type)
                       and f.name not in named and re.search(rf"\b{re.escape(f.name.lower())}\b", sentence)]
            if counted or growing:
                return list(dict.fromkeys(named)), growing + counted, []
    given = [f for f in entity.fields if str(constructor.get(f.name, "")).startswith("param:")]
    keys = [f.name for f in given
            if re.search(rf"\b(?:that|the same|this) {re.escape(f.name.lower())}s?\b", sentence)]
    named_subject = field_by_name(entity, subject.group(1)) if subject is not None and clause is subject else None
    if named_subject is not None and named_subject in given and named_subject.name not in keys:
        keys.insert(0, named_subject.name)  # "a day already recorded": the day is the key
    if re.search(rf"\b(?:that|the same|this) {re.escape(entity.name.lower())}\b", sentence):
        named = key if key is not None and key in given else next(
            (f for f in given if type_name(f.type) == "str"), None)
        if named is not None and named.name not in keys:
            keys.insert(0, named.name)
    growing = " ".join(part for part in re.split(r"[(),;]", sentence)  # "(its price stays as it was)"
                       if not re.search(r"\b(?:stays?|remains?|unchanged|as (?:it|they) (?:was|were)|kept|keeps?|"
                                        r"becomes?|replaces?)\b", part))  # "that becomes its new price": set, not added
    growing = re.sub(r"`[^`]*`|--[\w-]+", " ", growing)  # "if I give `--price`" names an option, not a change
    givers = {f.name: str(constructor.get(f.name, ""))[6:] for f in given}  # `stock` given by `count`
    summed = [f.name for f in given if is_number(f.type) and f.name not in keys
              and re.search(rf"\b{re.escape(f.name.lower())}\b", growing)]
    if not summed:  # "the count is added to what's there": the argument names the field it fills
        summed = [f.name for f in given if is_number(f.type) and f.name not in keys and givers[f.name]
                  and re.search(rf"\b{re.escape(givers[f.name].lower())}\b[^.;]*\badded\b", growing)]
    replaced = [f.name for f in given if f.name not in keys and f.name not in summed and re.search(
        rf"\b(?:becomes?|replaces?|is) (?:its |the )?new {re.escape(f.name.lower())}\b|"
        rf"\b{re.escape(f.name.lower())} (?:becomes?|is replaced|is overwritten)\b", sentence)]
    # "(and if I give `--price`, that becomes its new price)": the joined record takes it
    return (keys, summed, replaced) if keys and summed else None


@_per_command
def _project_cleaners(context: Context) -> list[tuple[list[str], Any]]:
    """Cleaners the project's words apply everywhere: "Bin labels are always passed through
    bin_label before they are stored or compared" -> (["bin", "labels"], bin_label)."""
    found = []
    items = re.split(r"\n\s*[-*]\s+", context.project.description or "")  # a list's items are sentences of their own
    for sentence in [sentence for item in items for sentence in _sentences(" ".join(item.split()))]:
        sentence = re.sub(r"`(\w+)`", r"\1", sentence)  # "Names go through `tidy` before we store them"
        said = re.search(r"^(.*?)\b(?:are|is|get|gets)?\s*(?:always |first )?(?:passed|go|goes|run|put|sent|cleaned|"
                         r"normali[sz]ed|tidied)\s+(?:through|with|by|via)\s+(\w+)\b", sentence) or re.search(
            r"^(.*?)\b(?:are|is)\s+(?:always )?(?:stored|kept|saved)\s+(?:cleaned|tidied|normali[sz]ed)\s*\((\w+)\)",
            sentence)  # "Postcodes are stored cleaned (clean_postcode)"
        function = context.functions.get(said.group(2)) if said else None
        if function is not None and len(function.params) == 1 and function.returns is not None:
            found.append((words(said.group(1)), function))
        for more in re.finditer(r"(?:,|;| and)\s+([a-z][\w ]{0,30}?)\s+(?:through|via)\s+(\w+)\b",
                                sentence[said.end():] if said else ""):  # "..., customer names through tidy"
            function = context.functions.get(more.group(2))
            if function is not None and len(function.params) == 1 and function.returns is not None:
                found.append((words(more.group(1)), function))
    return found


CLEANED = r"(?:cleaned|tidied|normali[sz]ed|trimmed)"
CLEANED_FIRST = (rf"\b(?:refuses?|rejects?|accepts?|checks?|judges?|tests?|validates?) (?:the|a) {CLEANED}\b|"
                 rf"\bonce {CLEANED}\b|\b{CLEANED} first\b|\bafter (?:being {CLEANED}|cleaning|tidying)\b|"
                 rf"\b{CLEANED} (?:with|by|through|via) \w+[^.;]*;? then\b|"
                 rf"\bthe {CLEANED} \w+ (?:fails|is refused|is rejected|does not pass|doesn't pass)\b|"  # "the cleaned code
                 rf"\b(?:put|passed|run) through \w+ before (?:it is |they are )?(?:checked|validated)\b")  # fails valid_code"


def _checks_cleaned(context: Context, candidate: Interpretation) -> bool:
    """Whether a command's checks read its arguments after a spec function cleaned them: "The
    code is cleaned with clean_code ...; then: 1. If code_ok refuses the cleaned code", or a
    predicate that judges "a cleaned label". Otherwise a check reads the argument as typed."""
    cased_first = re.search(r"\(after (?:the )?(?:small|lower ?case|capital|upper ?case|big) letters\)|\(after (?:cleaning|"
                            r"trimming|lower-?casing)\)", context.lower)  # "If price does not know the program (after small letters)"
    cleaned = {param for param, function in candidate.transforms if cased_first or not function.startswith(("str.", "-"))}
    checked = [guard for guard in candidate.guards if guard.kind in ("check", "predicate")
               and any(re.search(rf"\b{re.escape(param)}\b", guard.condition) for param in cleaned)]
    if not checked:
        return False
    return bool(cased_first or re.search(CLEANED_FIRST, context.lower)) or any(
        re.search(rf"^(?:whether|if|true when|true if) (?:an?|the) {CLEANED}\b",
                  (context.functions[guard.function].description or "").lower())
        for guard in checked if guard.function in context.functions)


def _option_sentence(context: Context, param) -> str:
    """The sentence of the words about one option (`--family F`: ...), or ""."""
    return next((sentence for sentence in _sentences(context.text) if f"--{param.name}" in sentence), "")


def _cleaned_as_said(context: Context, param) -> bool:
    """Whether an option's own sentence says an unknown value matches nothing (or takes it as
    typed): "`--family F`: rows whose family equals F trimmed and lower-cased (an unknown family
    just matches nothing)" -- then the field's own cleaner (which refuses an unknown family) is
    not the one; the cleaning its words state is."""
    said = _option_sentence(context, param).lower()
    return param.default is not None and bool(re.search(
        r"\bas typed\b|\bunknown \w+ (?:just |simply )?(?:matches|finds|shows) (?:nothing|no \w+)\b", said))


def _transforms_once(context: Context) -> list[tuple[str, str]]:
    return _transforms(context, set())


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
            name_words and all(mentions(context.description_words, w) for w in name_words)) or (
            re.search(r"\b(?:cleaned|tidied|normali[sz]ed|cleaned up|tidied up)\b", context.lower)
            and any(same(word, param.name) for word in name_words for param in context.params))
        # "--country C narrows it down (C cleaned as in list)" over `country_name()`
        if not named:
            continue
        mentions_of = list(re.finditer(rf"\b{re.escape(function.name)}\b", context.text))
        if mentions_of and all(re.search(r"\b[A-Z][A-Z_]*,?\s*(?:=|is|being|from)\s*$", context.text[:m.start()])
                               or re.search(r"`\s*\([^()`]*`?$", context.text[:m.start()])  # "`... DAY` (day through
                               # `short_day`)": how a message shows a value
                               or re.match(r"\s+(?:won't|will not|doesn't|does not|can't|cannot|can not) (?:take|accept|read)",
                                           context.text[m.end():]) for m in mentions_of):
            continue  # "Prints `#N -> MONTH`, MONTH = issue_name(month)": it writes a placeholder, the month is kept
        calls = re.findall(rf"\b{re.escape(function.name)}\(([^)]*)\)", context.text)
        listed = "|".join(re.escape(p.name) for p in context.params)
        several = re.search(rf"\b((?:(?:{listed})s?\s*(?:,|,? and|,? or|\+|&|/)\s*(?:the |its |their )?)+(?:{listed})s?) "
                            rf"(?:both |all )?"
                            rf"(?:go|goes|are passed|pass|run|are run|get|gets) (?:\w+ )?through {re.escape(function.name)}\b",
                            context.text, flags=re.IGNORECASE)  # "NAME and RACK go through", "name + glaze go through"
        named_params = [p for p in context.params if several
                        and re.search(rf"\b{re.escape(p.name)}s?\b", several.group(1), flags=re.IGNORECASE)
                        and (p.name in params or not params)
                        and type_name(p.type) == type_name(function.params[0].type) == type_name(function.returns)]
        if len(named_params) > 1:  # "NAME and RACK go through clean_host before they are stored": each of them
            found += [(p.name, function.name) for p in named_params]
            continue
        ranked = []
        for param in context.params:
            if calls and not any(re.search(rf"\b{re.escape(param.name)}\b", call, flags=re.IGNORECASE) for call in calls):
                continue  # "step(current highest bid)": called on something else, not on LOT
            if function.name not in _option_sentence(context, param) and _cleaned_as_said(context, param):
                continue  # "`--family F`: rows whose family equals F trimmed and lower-cased": not family_of
            fits = (param.name in params or not params) and \
                type_name(param.type) == type_name(function.params[0].type) == type_name(function.returns)
            target = _field_for_param(context, param) if fits else None
            rank = None if not fits else \
                0 if any(not re.search(r"`\s*\(\s*$", context.lower[:said.start()]) for said in re.finditer(
                    rf"\b{re.escape(param.name.lower())}\b(?: \w+){{0,2}} (?:via|through|by|with|using|after|from) "
                    rf"`?{re.escape(function.name.lower())}\b", context.lower)) else \
                1 if target is not None and re.search(rf"\b{re.escape(function.name)}\b", target.description or "") else \
                1 if re.search(rf"\b{re.escape(param.name.lower())}s? (?:is |are |gets? )?(?:first )?(?:tidied|cleaned|"
                               rf"normali[sz]ed)\b(?! (?:up )?(?:by|with|through|via|using) (?!{re.escape(function.name.lower())}\b)\w)",
                               context.lower) else \
                2 if same(param.name, function.params[0].name) or (len(context.params) == 1 and param.name.lower()
                                                                    not in NAMED_BOUNDS) \
                or mentions(words(function.name), param.name) or re.search(  # "the make", not "makes the word";
                    rf"\b(?:a|an|the|its|their|every|each|any) {re.escape(param.name.lower())}s?\b",  # not "Agencies
                    (function.description or "").lower()) else None  # write the code ..." for `--agency`
            if rank == 2 and is_number(param.type):
                rank = None  # free_coffees(stamps) counts what stamps are worth: numbers change only when said
            if rank == 2 and same(function.name, param.name) and context.field(param.name) is None \
                    and _record_arguments(context, function):
                rank = None  # `--area A` over area(postcode): the argument is what area() gives, not what it reads
            if rank is not None:  # "Label via tag", "label matched after tag": the argument named next to the
                # (not "`CASTLE is already out on DAY` (day through `short_day`)": how a message shows it)
                ranked.append((rank, param.name))  # function first, then the one whose field names it
        if ranked:  # (`street: str — put through street_name`, not `name`)
            found.append((min(ranked, key=lambda pair: pair[0])[1], function.name))
    for param in context.params:  # `species: str — saved as species_name() writes it`
        target = _field_for_param(context, param)
        if target is None or any(p == param.name for p, _ in found) or (params and param.name not in params) \
                or _cleaned_as_said(context, param):
            continue
        for called in re.findall(r"\b(\w+)\(\)|\b(?:by|via|through|with|using) (\w+)|\bw/\s?(\w+)|"
                                 r"\bas (\w+) (?:writes|makes|gives) it\b",
                                 target.description or ""):  # "the card reference, as card_ref writes it"
            called = next(name for name in called if name) if isinstance(called, tuple) else called
            function = context.functions.get(called)
            if function is not None and len(function.params) == 1 and function.returns is not None \
                    and type_name(param.type) == type_name(function.params[0].type) == type_name(function.returns):
                found.append((param.name, function.name))
                break
    for subject, function in _project_cleaners(context):  # "Bin labels are always passed through bin_label
        for param in context.params:                        # before they are stored or compared", said once
            if any(p == param.name for p, _ in found) or (params and param.name not in params):
                continue
            if any(same(word, param.name) for word in subject) and \
                    type_name(param.type) == type_name(function.params[0].type) == type_name(function.returns):
                found.append((param.name, function.name))
    negative = re.search(r"\b(?:stored|saved|kept|written|recorded|booked|entered|goes in)\s+(?:as\s+)?(?:an?\s+)?"
                         r"(?:negative|minus)\b(?:\s+(\w+))?", context.lower)
    numbers = [p for p in context.params if is_number(p.type) and (not params or p.name in params)]
    if negative:  # "Stored as a negative amount": what is spent is taken off
        named = [p for p in numbers if negative.group(1) and same(p.name, negative.group(1))]
        if named or len(numbers) == 1:
            found.append(((named or numbers)[0].name, "-abs"))
    case = (r"\b(?:stored|saved|kept|written|recorded|made|put|turned|converted|changed|taken)\s+(?:\w+\s+)?"
            r"(?:in(?:to)?\s+|to\s+)?(lower|upper)[ -]?case\b|\b(lower|upper)[ -]?cased\b|"
            r"\b(?:stored|saved|kept|written|made|put) in (small|big|capital) letters\b|"  # "kept in small letters"
            r"\b(?:stored|saved|kept|written|made|put|turned|converted) (?:in|into) (capital)s\b|"  # "put into capitals"
            r"(?:^|[—-]\s*|\b(?:stored|kept|saved) )(case)-?folded\b|"  # `species: str — case-folded`
            r"\bwith an? (?:capital|upper-?case|big) (first) letter\b|\b(capitali[sz]ed)\b")  # "stored with a capital first letter"
    texts = [str(p.name) for p in context.params]
    cased: dict[str, str] = {}
    stated = re.search(r"lower|upper|letter|folded|capital", f"{context.text} {context.project.description or ''}",
                       flags=re.IGNORECASE) or any(
        re.search(r"lower|upper|letter|folded|capital", f.description or "", flags=re.IGNORECASE)
        for f in (context.entity.fields if context.entity is not None else []))
    for sentence in re.split(r"(?<=[.])\s+", context.text) if stated else ():  # the argument named last
        for match in re.finditer(case, sentence, flags=re.IGNORECASE):
            before = sentence[:match.start()]
            named = [(m.start(), name) for name in texts for m in re.finditer(
                rf"--{re.escape(name)}\b|\b{re.escape(name)}\b|\b{re.escape(name.upper())}\b", before,
                flags=re.IGNORECASE)]
            if not named:  # "Names are saved in lower case" over `pet: str — the pet's name`
                said = {singular(word) for word in words(before)}
                named = [(0, p.name) for p in context.params if type_name(p.type) == "str"
                         and _field_for_param(context, p) is not None
                         and said & {singular(word) for word in words(_field_for_param(context, p).description)}]
                named = named if len(named) == 1 else []
            if named:
                cased.setdefault(max(named)[1], _case_word(match))
    for sentence in _sentences(" ".join((context.project.description or "").split())) if stated else ():
        said = re.search(case, sentence, flags=re.IGNORECASE)  # "Kind of job: repair, service or install (taken
        subject = re.match(r"\s*(?:\d+\.\s*)?(?:the )?(\w+)", sentence)  # lower case)", said once for the project
        named = [p.name for p in context.params if subject and same(subject.group(1), p.name)
                 and type_name(p.type) == "str"]
        if said and len(named) == 1:
            cased.setdefault(named[0], _case_word(said))
    for param in context.params if stated else ():  # "any case, stored in lower case": str.lower on the way in
        target = _field_for_param(context, param)
        if (target is None and param.name not in cased) or type_name(param.type) != "str" \
                or any(p == param.name for p, _ in found) or (params and param.name not in params):
            continue  # (an argument no field holds is cased where its own words say: "A upper-cased first")
        said_of = " ".join(((target.description or ""), _glossed(context, target.name))) if target is not None else ""
        described = re.search(case, said_of, flags=re.IGNORECASE) or re.search(
            r"\b(lower|upper)[ -]?case(?:d)?\b",  # `kind: str — brake, chain, tube...; lower case`
            re.sub(ANY_CASE, "", said_of, flags=re.IGNORECASE), flags=re.IGNORECASE)
        how = cased.get(param.name) or (described and _case_word(described))
        if how:
            found.append((param.name, f"str.{how}"))
    trimmed = _trim_words(context.lower)
    for param in context.params:  # "with the name trimmed", `name — without the blanks around the name`
        target = _field_for_param(context, param)
        if type_name(param.type) != "str" or any(p == param.name and f == "str.strip" for p, f in found) \
                or (params and param.name not in params):
            continue
        said = re.search(rf"\b(?:the |its )?{re.escape(param.name.lower())}(?:'s \w+)?(?: and (?:the |its )?\w+)? (?:is |are )?"
                         rf"(?:trimmed|stripped)\b(?: and (?:in |made )?(lower|upper) ?case)?", trimmed) or re.search(
            rf"\b(?:the |its )?\w+ and (?:the |its )?{re.escape(param.name.lower())} (?:are )?(?:trimmed|stripped)\b"
            rf"(?: and (?:in |made )?(lower|upper) ?case)?", trimmed) or re.search(  # "store the name and the kind trimmed and ..."
            rf"\b(?:trim|strip)s? (?:the |its )?{re.escape(param.name.lower())}(?:'s \w+)?\b(?: and (?:write|put|make|store|"
            rf"keep|turn)s? (?:it|them) (?:in|into|to) (lower|upper) ?case)?", trimmed) or re.search(  # "trim the client's name
            rf"\b(?:the |its )?{re.escape(param.name.lower())}(?:'s \w+)? (?:is |are )?(?:kept|stored|saved|written) "  # and ..."
            rf"(?:in (?:lower|upper) ?case |in (?:small|capital) letters )?trimmed\b()", trimmed) or re.search(
            rf"\b(?:the |its )?{re.escape(param.name.lower())}(?:'s \w+)? \((?:trimmed|stripped)(?: and (?:in |made )?"
            rf"(lower|upper) ?case)?\)", context.lower)  # "the area (trimmed and lower case) in brackets"
        said = said or re.search(rf"`--{re.escape(param.name.replace('_', '-'))}` (?:is |gets )?(?:trimmed|stripped)\b()",
                                 context.text.lower())  # "Method through method_name, `--conductor` trimmed"
        letter = re.search(rf"`--{re.escape(param.name.replace('_', '-'))} ([A-Z][A-Z_]*)`", context.text)
        said = said or (letter and re.search(rf"\b{letter.group(1)} (?:is |gets )?(?:trimmed|stripped)\b()",
                                             context.text))  # "`--family F`: rows whose family equals F trimmed"
        pronoun = None if said else re.search(r"\b(?:store|keep|save|record|write)s? it (?:trimmed|stripped)\b"
                                              r"(?: and (?:in |made )?(lower|upper) ?case)?", trimmed)
        if pronoun:  # "The tag must satisfy valid_tag ... The system shall store it trimmed": the last named
            named = [(m.start(), p.name) for p in context.params if type_name(p.type) == "str"
                     for m in re.finditer(rf"\b{re.escape(p.name.lower())}\b", trimmed[:pronoun.start()])]
            said = pronoun if named and max(named)[1] == param.name else None
        if said and said.group(1) and not any(p == param.name for p, _ in found):
            found.append((param.name, f"str.{said.group(1)}"))  # "the variety trimmed and in lower case"
        described = target is not None and re.search(r"\bwithout (?:the )?(?:blanks|spaces|whitespace) around\b|\bwithout (?:the )?surrounding "
                                                      r"(?:blanks|spaces|whitespace)\b|"
                                                      r"\b(?:trimmed|stripped)\b", _trim_words(" ".join(
                                                          (target.description or "", _glossed(context, target.name))).lower()))
        project = _trim_words(" ".join((context.project.description or "").lower().split()))
        everywhere = re.search(rf"\b{re.escape(param.name.lower())}(?:s| names?| labels?| codes?)? (?:are |is )?(?:always )?"
                               rf"(?:trimmed|stripped)\b", project) or any(  # "driver names trimmed + lower case"
            re.match(rf"(?:- )?(?:the |an? |\w+'s )?(?:\w+s?,? and (?:the )?)?{re.escape(param.name.lower())}s?"
                     rf"(?: (?:names?|titles?|labels?|codes?|words?))?(?:,? and (?:the )?\w+s?)? (?:is|are) "
                     rf"(?:stored|kept|saved)\b", sentence)  # "Song titles are stored trimmed ..."
            and re.search(r"\btrimmed\b", sentence) for sentence in _sentences(project)) or any(
            re.search(rf"\b{re.escape(param.name.lower())}s?\b", before + sentence) and re.search(
                r"\b(?:only|just|but) trimmed\b", sentence)  # (or the sentence before names it)
            for before, sentence in zip(["", *_sentences(project)], _sentences(project)))
        # "The name is stored and printed the way I typed it ... (without spaces at the ends)"; "Holders
        # are compared without regard to case ...; each locker keeps the name as typed, only trimmed"
        if said or described or everywhere:  # "Jar names are trimmed and kept in lower case", said once
            found.append((param.name, "str.strip"))
    return found


def _flagged_transforms(context: Context) -> list[tuple[str, str, str]]:
    """A spec function a flag applies to an argument on the way in: "`--vat`: the amount gets
    VAT added (with_vat) before it's saved" -> ``("amount", "with_vat", "vat")``. The function
    is named in the flag's own words, takes one value of the argument's type and gives one back;
    the argument is the one those words name (or the only one of that type)."""
    found = []
    for flag in context.params:
        own = _option_words(context.text, flag.name) if type_name(flag.type) == "bool" else None
        for function in context.functions.values() if own else ():
            if not re.search(rf"\b{re.escape(function.name)}\b", own) or len(function.params) != 1 \
                    or function.returns is None or type_name(function.returns) != type_name(function.params[0].type):
                continue
            kind = type_name(function.returns)
            typed = [p for p in context.params if p is not flag and type_name(p.type) == kind]
            named = [p for p in typed if re.search(rf"\b{re.escape(p.name.lower())}\b", own.lower().replace(
                f"--{flag.name.lower()}", ""))]
            chosen = named if len(named) == 1 else typed if len(typed) == 1 else []
            if chosen:
                found.append((chosen[0].name, function.name, flag.name))
                break
    return found


def _trim_words(text: str) -> str:
    """``text`` with the ways of saying "trimmed" written "trimmed": "with surrounding blanks
    removed", "with any blanks around it dropped", "(without spaces at the ends)"."""
    text = re.sub(r"\b(?:with )?(?:the |its |their )?(?:surrounding|leading and trailing) (?:blanks|spaces|whitespace) removed\b|"
                  r"\bwith (?:the |any )?(?:blanks|spaces|whitespace) (?:around (?:it|them)|at (?:both|either) ends?) removed\b|"
                  r"\bwithout (?:the |any )?(?:surrounding|leading and trailing) (?:blanks|spaces|whitespace)\b|"
                  r"\bwithout (?:the |any )?(?:blanks|spaces|whitespace) (?:at|on) (?:the|both|either) ends?\b",
                  "trimmed", text)  # "NAME SHALL be stored with surrounding blanks removed and in lower case"
    return re.sub(r"\b(?:with )?(?:any |the )?(?:blanks|spaces|whitespace) (?:around (?:it|them)|at (?:either|both) "
                  r"ends?|on either side) (?:dropped|removed|taken off|stripped|trimmed|cut off)\b", "trimmed", text)


def _case_word(match: re.Match) -> str:
    """"lower", "upper" or "capitalize" for "kept in lower case", "upper-cased", "kept in small letters",
    "stored with a capital first letter"."""
    said = next(group for group in match.groups() if group).lower()
    return {"small": "lower", "big": "upper", "capital": "upper", "case": "lower", "first": "capitalize",
            "capitalised": "capitalize", "capitalized": "capitalize"}.get(said, said)


# -- selection shared by list/show/update/remove/count/aggregate -------------------------


ANY_CASE = (r"ignor\w* (?:upper[ /-]?(?:or |and )?lower |letter )?case|case.insensitive|any case|case-?folded|"
            r"without caring (?:for|about) (?:big (?:or|and) small|upper (?:or|and) lower|capital) (?:letters|case)|"
            r"(?:big or small|upper or lower|capital or small) letters (?:do not|don't) matter|"
            r"(?:upper|big|capital) and (?:lower|small) (?:case|letters) (?:do not|don't) matter|"
            r"regardless of (?:upper[ /-]?(?:or |and )?lower |letter )?case|upper or lower|upper/lower|"
            r"whatever (?:the|their|its) (?:capitali|case)|(?:capitali[sz]ation|case) (?:does not|doesn't|not) matter(?:ing)?|"
            r"(?:in|of) (?:any|either) case|same letters|without regard (?:to|for) (?:the )?case|"
            r"whatever the case|(?:no matter|not minding) (?:the )?case|capitals not minding|"
            r"(?:without regard to|regardless of|not minding|ignoring) (?:the )?capitals|capitals (?:do not|don't) matter|"
            r"(?:type|write|typed|written) (?:it |them )?in (?:capitals|caps|upper ?case)\b[^.;]{0,30}\b(?:still )?works?\b")
# ("I might type it in capitals, it should still work")


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
        if when and kind in ("int", "float") and re.fullmatch(r"-?\d+(\.\d+)?", str(param.default).strip()) \
                and float(param.default) != 0:
            when = None  # `under: int = 5`, "5 unless given": the default is a real threshold
        between = _stated_between(context, param) if kind in ("int", "float") else []
        if between:  # "(smallest <= SIZE <= largest)": both bounds, together
            used.add(param.name)
            options = [[*current, *between] for current in options]
            continue
        if kind == "bool":
            alternatives = _flag_filters(context, param)
        elif _is_limit(context, param):
            continue  # a limit, not a filter
        elif kind == "str" and (compared := _read_compared(context, param, when)):
            alternatives = compared  # "quicker than the given time" over a time read with parse_time into `seconds`
        elif kind == "str" and (bounds := _text_bounds(context, param)):
            alternatives = bounds  # "on or after `--day`", "days of that month"
        elif kind == "str" and target is None and (valued := _function_value(context, param, when)):
            alternatives = valued  # `--level hard` over ``level(km, climb)``: "routes of that level"
        elif target is not None and kind == "str" and type_name(target.type) == "str":
            insensitive = bool(re.search(ANY_CASE, lower) or re.search(ANY_CASE, (target.description or "").lower())) \
                or _named_in_any_case(context, target)  # "wherever I name a paper (a filter, ...) the case does not matter"
            own = (_option_words(context.text, param.name) or "").lower()  # "--maker M  ... (whole maker, not a part)"
            contains = bool(re.search(r"\bcontain|\binclud|\bmatch(?!es nothing|es no\b)|\bsearch|\bpart of|\bsubstring|\bmention|"
                                      r"\b(?:has|have|having) \w+ in (?:it|them)\b|\banywhere in\b",
                                      own or lower)) and not re.search(  # "whose name has TEXT in it"
                r"\bwhole \w+|\bnot (?:just )?(?:a )?part\b|\bexact(?:ly)?\b|\bthe full \w+|\b(?:be )?equal to\b|"
                r"\bwhose \w+ equals\b", own)  # "rows whose family equals F"
            insensitive = insensitive or bool(own and re.search(ANY_CASE, own))
            eq = Filter(target.name, "==", f"param:{param.name}", insensitive, when)
            sub = Filter(target.name, "contains", f"param:{param.name}", insensitive or contains, when)
            alternatives = [sub, eq] if contains else [eq, replace(eq, ignore_case=True), sub]
        elif target is not None and is_list_type(target.type) and kind == "str":
            alternatives = [Filter(target.name, "any contains", f"param:{param.name}", False, when),
                            Filter(target.name, "any contains", f"param:{param.name}", True, when)]
        elif kind == "int" and target is None and param.name.lower() in ("year", "yr", "yyyy") \
                and any(iso_day(f) for f in context.fields_of("str")):  # `--year 2025`: days of that year
            dated = next(f for f in context.fields_of("str") if iso_day(f))
            alternatives = [Filter(dated.name, "starts with", f"call:str(param:{param.name})", when=when)]
        elif kind in ("int", "float"):
            alternatives = _number_filters(context, param, when)
        elif kind == "str" and (described := _field_for_param(context, param)) is not None \
                and type_name(described.type) == "str":  # `bringing NAME` over `who: str — ... (a name, or ...)`
            insensitive = bool(re.search(ANY_CASE, lower) or re.search(ANY_CASE, (described.description or "").lower()))
            alternatives = [Filter(described.name, "==", f"param:{param.name}", insensitive, when),
                            Filter(described.name, "contains", f"param:{param.name}", True, when)]
        elif kind == "str" and len(verbed := _done_by(context, param)) >= 2:  # "`--person NAME` shows only what that
            alternatives = [Filter(verbed[0].name, "==", f"param:{param.name}", context.any_case, when,  # person brought
                                   fields=tuple(f.name for f in verbed))]  # or took" over `brought_by`, `taker`
        elif kind == "str":
            text_fields = [f for f in context.fields_of("str")]
            named = [f for f in context.named_fields() if type_name(f.type) == "str"]
            plain_words = words(context.plain)
            said = [f for f in named if mentions(plain_words, f.name)]  # not the `#N PLANT (VARIETY)` format
            chosen = said or named or text_fields
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
        options = [[*current, *[w for w in word_filters if w.field not in {f.field for f in current} or (
            w.op == "!=" and all(f.when for f in current if f.field == w.field))]]  # "not collected", and `--ready`
                   for current in options] + options
        options = options[:24]
    return options, used


FLIPPED = {"<=": ">=", "<": ">", ">=": "<=", ">": "<"}


COMPARED_WORDS = {"quicker": "<", "faster": "<", "sooner": "<", "earlier": "<", "slower": ">", "later": ">",
                  "less": "<", "fewer": "<", "lower": "<", "shorter": "<", "more": ">", "higher": ">", "longer": ">"}


def _done_by(context: Context, param) -> list:
    """The text fields holding who did what an option's words name: "`--person NAME` shows only
    what that person brought or took" over `brought_by: str — who brought it` and `taker: str —
    who took it`."""
    said = set(words(_option_sentence(context, param).lower()))
    return [f for f in context.fields_of("str") if (doer := re.match(r"(?:who|whoever|the one who|the person who) (\w+)\b",
                                                                      (f.description or "").lower())) and doer.group(1) in said]


def _read_compared(context: Context, param, when: str | None) -> list[Filter]:
    """A text argument read into a number field (`time` read with parse_time into `seconds`)
    compared with the field: "How many ... were quicker than the given time (strictly quicker:
    the same time does not count)" -> ``seconds < parse_time(time)`` ("or the same": ``<=``)."""
    read = _read_in(context, param)
    target = _read_target(context, param) if read else None
    if target is None or not is_number(target.type):
        return []
    said = re.search(rf"\b({'|'.join(COMPARED_WORDS)}) than (?:the |that |this )?(?:given |typed )?"
                     rf"{re.escape(param.name.lower())}\b", context.lower)
    if said is None:
        return []
    op = COMPARED_WORDS[said.group(1)]
    if re.search(r"\b(?:or (?:the same|equal)|or as (?:quick|fast|slow|long))\b", context.lower[said.end():said.end() + 40]):
        op += "="
    return [Filter(target.name, op, read, False, when)]


def _same_in_any_case(context: Context, target) -> bool:
    """Whether a command of the project refuses a second record whose ``target`` differs
    only in case ("a feeder with the same name (any case)"): the project holds two such
    names the same, so a command finding a record by that field finds it in any case."""
    known = context.index.same_in_any_case
    if target.name not in known:
        name = re.escape(target.name.lower())
        known[target.name] = any(
            re.search(ANY_CASE, condition) and re.search(rf"\b{name}s?\b", condition)
            and re.search(r"\b(?:same|already|duplicates?|exists?|taken|twice)\b", condition)
            for command in context.project.commands for condition in (e.condition.lower() for e in command.errors))
    return known[target.name]


@_per_command
def _key_picks(context: Context) -> tuple[str, bool] | None:
    """Which of the records a name finds a change goes to, where the words say: "a command that
    takes a dog's name works on its stay that arrives last"; "(the one that arrives last, if it
    has several)" -> ``("arrive", True)``."""
    text = " ".join(strip_fences(context.project.description or "").split()).lower() + " " + context.lower
    for said in re.finditer(r"\b(?:works on|takes|uses|changes|cancels|means) (?:its|their|the) (\w+) (?:that|which) (\w+) "
                            r"(last|first|latest|earliest)\b|\bthe one (?:that|which) (\w+) (last|first|latest|earliest)\b",
                            text):
        noun, verb, which = said.group(1) or "", said.group(2) or said.group(4), said.group(3) or said.group(5)
        if noun and not (same(noun, context.entity.name) or singular(noun) in RECORD_NOUNS):
            continue
        named = [f for f in context.entity.fields if stem(f.name.lower()) == stem(verb) or f.name.lower() == verb.rstrip("s")]
        if len(named) == 1:
            return named[0].name, which in ("last", "latest")
    return None


def _same_in_project_case(context: Context, target) -> bool:
    """Whether the project's words hold two values of ``target`` the same when they differ only in
    case ("House names are whatever I type. Two names that only differ in upper and lower case
    are the same house")."""
    name = re.escape(target.name.lower())
    return any((re.search(ANY_CASE, sentence) or re.search(r"\bdiffer only in (?:their )?case\b|\bonly differ in\b",
                                                            sentence))
               and re.search(rf"\b(?:the )?same {name}\b", sentence)
               for sentence in _sentences(" ".join(strip_fences(context.project.description or "").split()).lower()))


def _named_in_any_case(context: Context, target) -> bool:
    """Whether a sentence of the project's words says the field is matched in any case
    ("Papers are kept as I typed them, but wherever I name a paper ... the case does not matter")."""
    text = " ".join(strip_fences(context.project.description or "").split()).lower()
    name = re.escape(target.name.lower())
    return any(re.search(ANY_CASE, sentence) and re.search(rf"\b{name}s?\b", sentence)
               for sentence in re.split(r"(?<=[.;])\s+|\s-\s", text))


def _stated_between(context: Context, param) -> list[Filter]:
    """A number argument the words put between two fields, written as a comparison: "the
    patterns that come in this size (smallest <= SIZE <= largest)" -> ``smallest <= size`` and
    ``largest >= size``; [] when they write none."""
    said = re.search(rf"\b(\w+) (<=|<|>=|>) (?:{re.escape(param.name.upper())}|{re.escape(param.name)}) (<=|<|>=|>) (\w+)\b",
                     context.text)
    if said is None:
        return []
    low, high = context.field(said.group(1)), context.field(said.group(4))
    if low is None or high is None or not (is_number(low.type) and is_number(high.type)):
        return []
    when = param.name if param.default is not None else None
    return [Filter(low.name, said.group(2), f"param:{param.name}", when=when),
            Filter(high.name, FLIPPED[said.group(3)], f"param:{param.name}", when=when)]


def _flag_filters(context: Context, param) -> list[Filter]:
    name = param.name.lower()
    bools = context.fields_of("bool")
    target = context.field(param.name)
    if name in ("all", "everything", "include_all", "show_all"):
        return []  # handled with the word filters: a default filter the flag lifts
    if name in ("yes", "force", "confirm", "sure", "really") and context.field(name) is None:
        return []  # `--yes`: the command's consent ("Given `--yes` is not given, ... the command refuses"), no filter
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
    alternatives = _flag_values(context, param) + _flag_classes(context, param)
    own = (_option_words(context.text, param.name) or "").lower()
    excluded = re.search(rf"\b(?:isn't|is not|aren't|are not|doesn't count as|does not count as) {re.escape(name)}\b", own)
    # ("`--failing` keeps only alarms whose last test failed (one that's never been tested isn't failing)")
    for text_field in [] if excluded else context.fields_of("str"):  # `actor: str = "" — empty when it is hanging
        state = _empty_state(text_field)  # in the store`
        if own and default_value(text_field.default) == "" and re.search(
                rf"\b(?:not|never|not yet) (?:been )?{re.escape(text_field.name.lower())}\b", own):
            alternatives.insert(0, Filter(text_field.name, "is false", None, when=param.name))
            continue  # "`--todo`, only lights not visited yet" over `visited: str = "" — ..., empty when still to do`
        if not own or not state:
            continue
        said = {word for word in words(own) if len(word) > 3}
        if state & said:  # "--free only the costumes that are in the store"
            alternatives.insert(0, Filter(text_field.name, "is false", None, when=param.name))
        elif re.search(r"\b(?:given out|out|taken|lent|borrowed|in use)\b", own) and not re.search(r"\bnot\b", own):
            alternatives.insert(0, Filter(text_field.name, "is true", None, when=param.name))  # "--out ... given out"
    term = _terms(context).get(singular(name))
    if term is not None:  # `--excursions` where "` !` is appended when the reading is an excursion (cf. in_spec)"
        call, holds = term
        alternatives.insert(0, Filter(call.split("(item.", 1)[1].rstrip(")"), "is true" if holds else "is false",
                                      None, when=param.name, call=call))
    says = re.search(r"\b(?:where|when|that|which|whose|if) (\w+) (?:says|gives|returns|is|calls (?:it|them)) \"([^\"]+)\"",
                     own or "")  # "With `--worn` only the sets where tread_word says "replace\""
    function = context.functions.get(says.group(1)) if says else None
    fields = _record_arguments(context, function) if function is not None else None
    if function is not None and not fields and len(function.params) == 1:  # `tread_word(mm)` over `tread — in mm`
        unit = [f for f in context.fields_of("int", "float") if re.search(
            rf"\bin {re.escape(function.params[0].name.lower())}\b", (f.description or "").lower())]
        fields = unit if len(unit) == 1 else None
    if fields:
        call = call_on_item(f"{function.name}({','.join(f.name for f in fields)})")
        alternatives.insert(0, Filter(fields[0].name, "==", repr(says.group(2)), when=param.name, call=call))
    stated = _constant_comparison(context, own)
    if stated is not None:  # "`--low` -> only spools w/ under 200 g left"
        alternatives.insert(0, replace(stated, when=param.name))
    for number in context.fields_of("int", "float"):  # `stars: int = 0 — 0 while the batch is not rated`: --unrated
        unset = re.search(r"\b0 (?:while|when|until|if|as long as) (?:the \w+ |it )?(?:is|has|was|has been) "
                          r"(?:not|never) (?:yet )?(\w+)", (number.description or "").lower())
        if unset and name in (f"un{unset.group(1)}", f"not_{unset.group(1)}", f"no_{unset.group(1)}"):
            alternatives.insert(0, Filter(number.name, "<=", "0", when=param.name))
        elif unset and name == unset.group(1):
            alternatives.insert(0, Filter(number.name, ">", "0", when=param.name))
    for text_field in context.fields_of("str"):  # `--waiting` over `rsvp: str = "waiting"`
        if default_value(text_field.default) == name or (
                re.search(rf"\b{re.escape(name)}\b", (text_field.description or "").lower())
                and re.search(r"\b(?:or|then|either|one of)\b", (text_field.description or "").lower())):
            alternatives.append(Filter(text_field.name, "==", repr(name), when=param.name))
    if negated is not None and type_name(negated.type) == "bool":
        alternatives.append(Filter(negated.name, "is false", None, when=param.name))
        alternatives.append(Filter(negated.name, "is true", None, when=param.name))
    elif negated is not None and type_name(negated.type) == "int" and default_value(negated.default) == 0:
        # `--unsewn` over `sewn: int = 0 — how many times I've made it`: "the ones I have never made"
        alternatives.insert(0, Filter(negated.name, "<=", "0", when=param.name))
    for candidate in bools:
        for op in ("is false", "is true"):
            option = Filter(candidate.name, op, None, when=param.name)
            if option not in alternatives:
                alternatives.append(option)
    for number in context.fields_of("int", "float"):  # `score: int | None = none`: "--unjudged, only the
        if default_value(number.default) is None and number.default is not None and re.search(  # entries that have
                rf"\b(?:no|without an?|not yet an?) {re.escape(number.name.lower())}\b", own):  # no score yet"
            alternatives.insert(0, Filter(number.name, "is", "None", when=param.name))
        elif default_value(number.default) is None and number.default is not None and any(
                stem(word) == stem(number.name.lower()) and len(word) > 3 for word in re.findall(
                    r"\b(?:not|never) (?:yet )?(?:been )?(\w+)", own) + re.findall(r"^un(\w+)$", name)):
            alternatives.insert(0, Filter(number.name, "is", "None", when=param.name))  # `--unrated` over `rating:
            # int | None`: "only sauces the user has not rated yet"
    said = _flag_state_said(own, bools) if negated is None else None
    if said is not None:  # "`--waiting` shows only the bags that are not ready": that state first
        alternatives.remove(said := replace(said, when=param.name))
        alternatives.insert(0, said)
    return alternatives


def _flag_state_said(own: str, bools: list) -> Filter | None:
    """The one yes/no field a flag's own words keep a state of: "`--waiting` shows only the
    bags that are not ready" -> ``ready is false``; None when they name none or several."""
    said = []
    for bool_field in bools:
        forms = "|".join(re.escape(form) for form in _bool_forms(bool_field.name))
        match = re.search(rf"\bonly (?:the )?(?:\w+ )?(?:that|which|who) (?:are|is) (not (?:yet )?)?(?:{forms})\b", own)
        if match:
            said.append(Filter(bool_field.name, "is false" if match.group(1) else "is true", None))
    return said[0] if len(said) == 1 else None


COMPARED = {"under": "<", "below": "<", "less than": "<", "fewer than": "<", "over": ">", "above": ">",
            "more than": ">", "at least": ">=", "at most": "<=", "no more than": "<=", "equal to": "==", "at": "=="}


def _constant_comparison(context: Context, text: str) -> Filter | None:
    """A number field compared with a number the words state: "under 200 g left" over `grams —
    filament left on it` (the field named by its name, its unit's first letters, or a word of
    its description)."""
    match = re.search(rf"\b({'|'.join(COMPARED)})\s+(\d+(?:\.\d+)?)\s*([a-z%]*)((?:\s+[a-z]+){{0,3}})", text or "")
    if match is None:
        return None
    said = [word for word in words(f"{match.group(3)} {match.group(4)}") if word not in ("w", "with", "of", "the")]
    fields = context.fields_of("int", "float")
    named = [f for f in fields if any(same(word, f.name) or (len(word) <= 2 and f.name.lower().startswith(word))
                                      for word in said)]
    named = named or [f for f in [_number_field_said(context, said, names=False)] if f is not None]
    named = named or (_count_fields(context) if not said and match.group(1) == "at" else [])  # "only parts at 0"
    before = [word for word in reversed(words(text[:match.start()])) if len(word) > 2]
    named = named or ([] if said else next(([f] for word in before for f in fields  # "houses that owe me
                                            if kin(word, f.name)), []))  # something, more than 0"
    if len(named) != 1:
        return None
    return Filter(named[0].name, COMPARED[match.group(1)], match.group(2))


def _number_field_said(context: Context, said: list[str], names: bool = True):
    """The one number field a few words name, by a word of its description (or of its name):
    "on the shelf" over `qty — how many are on the shelf`; None when none or several do."""
    said_words = {singular(word) for word in said if len(word) > 2}
    fields = [f for f in context.fields_of("int", "float") if said_words & (
        {singular(word) for word in words(f.description)} | ({singular(f.name.lower())} if names else set()))]
    return fields[0] if len(fields) == 1 else None


def _hidden_at(context: Context, all_flag) -> Filter | None:
    """A number a flag like `--all` shows the records with, hidden by default: "sold-out pots (0
    on the shelf) are hidden unless `--all`" keeps `qty != 0` unless it is given."""
    sentence = next((s for s in _sentences(context.text) if f"--{all_flag.name}" in s), "")
    match = re.search(r"\((\d+) ((?:[a-z]+ ?){1,4})\)[^.;]*\b(?:hidden|left out|not shown|skipped|not listed)\b",
                      sentence.lower())
    field = _number_field_said(context, words(match.group(2))) if match else None
    return Filter(field.name, "!=", match.group(1), unless=all_flag.name) if field is not None else None


COUNT_NAMES = ("qty", "quantity", "stock", "left", "count", "units", "pieces")


def _count_fields(context: Context) -> list:
    """The int fields named like a count of units (`qty`, `stock`, `left`): what "no stock
    left", "one fewer" and "fewer than 3 left" are about."""
    named = [f for f in context.fields_of("int") if f.name.lower() in COUNT_NAMES]
    return named or [f for f in context.fields_of("int") if re.search(  # `jars: int — how many jars are left`
        r"\bhow many\b[^.;]*\b(?:left|remain|remaining|in stock|on hand|at present)\b|"
        r"^\w+ (?:left|remaining) in (?:it|them)\b", (f.description or "").lower())]  # `grams: int — seed left in it`


def _record_arguments(context: Context, function) -> list | None:
    """The record's fields a spec function's parameters name, in order (``category(sys,
    dia)`` -> the fields `sys` and `dia`); None when one names no field."""
    if context.entity is None or not function.params:
        return None
    fields = [next((f for f in context.entity.fields if same(f.name, p.name)), None) for p in function.params]
    return fields if all(fields) else None


def call_on_item(spec: str, owner: str = "item") -> str:
    """The Python of a call a reading stores as ``call:category(sys,dia)`` (or
    ``category(sys,dia)``): ``category(item.sys, item.dia)``, the fields read off ``owner``."""
    function, arguments = spec.removeprefix("call:").split("(", 1)
    return f"{function}({', '.join(f'{owner}.{a.strip()}' for a in arguments.rstrip(')').split(','))})"


def _function_value(context: Context, param, when: str | None) -> list[Filter]:
    """A text argument named like a spec function of the record's fields: `--level hard` over
    ``level(km, climb) -> str`` keeps the records whose value is the argument."""
    function = context.functions.get(param.name) or next(  # `--kind K` over ``peal_kind(changes)``
        (f for name, f in context.functions.items() if name.endswith(f"_{param.name}") and f.returns is not None
         and param.name.lower() not in ("text", "value", "string", "word", "name", "query", "term", "s")
         and type_name(f.returns) == "str" and f.params),
        None) if context.entity is not None else None
    if function is None or function.returns is None or type_name(function.returns) != "str":
        return []
    fields = _record_arguments(context, function)
    if fields is None:
        return []
    call = call_on_item(f"{function.name}({','.join(f.name for f in fields)})")
    both = [Filter(fields[0].name, "==", f"param:{param.name}", False, when, call=call),
            Filter(fields[0].name, "==", f"param:{param.name}", True, when, call=call)]
    own = _option_words(context.text, param.name) or ""  # "`--level L`: ... equals L ignoring case"
    return both[::-1] if re.search(ANY_CASE, own.lower()) else both


def _flag_classes(context: Context, param) -> list[Filter]:
    """A flag named for a value a spec function of the record returns: `--high` "only the
    high ones" where ``category(sys, dia)`` has an example ``== "high"``."""
    import ast

    found = []
    for function in context.functions.values():
        if function.returns is None or type_name(function.returns) != "str":
            continue
        fields = _record_arguments(context, function)
        if fields is None:
            continue
        for example in function.examples:
            try:
                value = ast.literal_eval(example.expected)
            except (SyntaxError, ValueError):
                continue
            if isinstance(value, str) and value.lower() == param.name.lower():
                call = call_on_item(f"{function.name}({','.join(f.name for f in fields)})")
                found.append(Filter(fields[0].name, "==", repr(value), when=param.name, call=call))
                return found
    return found


def _empty_state(text_field) -> set[str]:
    """The words of the state in which a text field (empty by default) is empty: `holder: str =
    "" — empty while it hangs on the board` -> {"hangs", "board"}; empty when it says none."""
    empty = re.search(r"\bempty (?:while|when|as long as|if|until) (?:it's|they're|it|they|the \w+|somebody|someone|anybody) "
                      r"(?:is |are )?([^.;]+)",
                      (text_field.description or "").lower()) or re.search(  # `issue: str = "" — ..., "" while waiting`
        r"(?:\"\"|'') (?:while|when|as long as|until) (?:it is |it's |they are )?([^.;,]+)", (text_field.description or "").lower())
    if empty is None or default_value(text_field.default) != "":
        return set()
    return {word for word in words(empty.group(1)) if len(word) > 3}


def _flag_values(context: Context, param) -> list[Filter]:
    """A flag the words tie to values of a number field: "`--poor` keeps only the nights with
    quality 1 or 2" -> ``quality in (1, 2)``; "with 3 stars or more" -> ``stars >= 3``."""
    found = []
    spelled = {param.name, param.name.replace("_", "-")}  # `sold_out` is given as `--sold-out`
    for mention in re.finditer(rf"--(?:{'|'.join(re.escape(name) for name in spelled)})\b", context.text):
        sentence = re.split(r"(?<=[.;])\s|`--", context.text[mention.end():], maxsplit=1)[0]  # up to the next option
        text = sentence.lower()
        excluding = bool(re.search(r"\b(?:leaves? out|hides?|skips?|excludes?|without)\b", text))
        counts = _count_fields(context)
        if len(counts) == 1 and re.search(r"\bno (?:\w+ )?left\b|\bnone left\b|\bout of stock\b|\bno stock\b", text):
            found.append(Filter(counts[0].name, ">" if excluding else "<=", "0", when=param.name))  # "no stock left"
            continue
        emptied = [f for f in context.fields_of("int", "float")
                   if re.search(rf"\b(?:0|no|zero) {re.escape(f.name.lower())}s?\b", text)]
        if len(emptied) == 1:  # "`--dry` restrict to bottles with 0 ml left"
            found.append(Filter(emptied[0].name, ">" if excluding else "<=", "0", when=param.name))
            continue
        compared = re.search(r"\b(under|below|less than|cheaper than|over|above|more than|at least|at most)\s+"
                             r"(-?\d+(?:\.\d+)?)\b", text)
        named = [f for f in context.fields_of("int", "float") if re.search(rf"\b{re.escape(f.name.lower())}s?\b", text)]
        measured = _measured_field(context, param.name.split("_")[0]) if compared and not named else None
        if compared and (named or measured):  # "`--cheap` lists only items under 5.00": the price
            op = {"under": "<", "below": "<", "less than": "<", "cheaper than": "<", "over": ">", "above": ">",
                  "more than": ">", "at least": ">=", "at most": "<="}[compared.group(1)]
            found.append(Filter((named[0].name if named else measured[0]), op, compared.group(2), when=param.name))
            continue
        for target in context.fields_of("int", "float"):
            name = re.escape(target.name.lower())
            text = sentence.lower()
            listed = re.search(rf"\b{name}s? (?:of )?(-?\d+(?:, -?\d+)*) or (-?\d+)\b(?! or)", text) or \
                re.search(rf"\b(-?\d+(?:, -?\d+)*) or (-?\d+) {name}s?\b", text)
            bound = re.search(rf"\b{name}s? (?:of )?(-?\d+) or (less|lower|below|under|fewer|more|higher|above|over)\b",
                              text) or re.search(rf"\b(-?\d+) {name}s? or (less|lower|below|under|fewer|more|"
                                                 rf"higher|above|over)\b", text)
            equal = re.search(rf"\bwith (?:a |an )?{name}s? (?:of |is |= )?(-?\d+)\b(?! or)|\({name} (?:of |is |= )?(-?\d+)\)",
                              text)  # "`--empty`: only used-up entries (qty 0)"
            if bound:
                op = "<=" if bound.group(2) in ("less", "lower", "below", "under", "fewer") else ">="
                found.append(Filter(target.name, op, bound.group(1), when=param.name))
            elif listed:
                values = [int(v) for v in re.findall(r"-?\d+", listed.group(1))] + [int(listed.group(2))]
                found.append(Filter(target.name, "in", repr(tuple(values)), when=param.name))
            elif equal:  # "`--sold-out` shows only items with qty 0"
                found.append(Filter(target.name, "==", equal.group(1) or equal.group(2), when=param.name))
    return found


def _number_filters(context: Context, param, when: str | None) -> list[Filter]:
    lower = context.lower
    name_words = words(param.name)
    target = context.field(param.name)
    if target is None and param.default is None and param.name.lower() in INDEX_NAMES:
        return []  # "delete sale #NUMBER": a record's place, never compared with an amount
    numeric = [f for f in context.fields_of("int", "float")]
    fields = [target] if target is not None and is_number(target.type) else \
        _option_fields(context, param) or [f for f in context.named_fields() if is_number(f.type)] or numeric
    if not fields:
        return []
    own = _option_words(context.text, param.name) or ""
    if re.search(r"\bpercent\b|%", own.lower()):  # "--over P  restrict to tapes at least P percent full": pct()
        for function in context.functions.values():
            arguments = _record_arguments(context, function)
            if arguments and function.returns is not None and is_number(function.returns) \
                    and re.search(r"\bpercent\b|%", (function.description or "").lower()):
                call = call_on_item(f"{function.name}({','.join(f.name for f in arguments)})")
                ops = [op for pattern, op in COMPARISONS if re.search(rf"\b(?:{pattern})\b", own.lower())][:1] or [">="]
                return [Filter(arguments[0].name, ops[0], f"param:{param.name}", when=when, call=call)]
    held = _count_fields(context) or [f for f in numeric if re.match(r"how many\b", (f.description or "").lower())]
    if target is None and held and re.search(r"\b(?:left(?! out)|remaining|in stock|on hand|still there)\b", own.lower()):
        fields = held + [f for f in fields if f not in held]  # "--low N: the candles with N or fewer left"
    symbolic = re.search(r"\b([a-z_]+)(?:\s+(?:numerically|strictly|is))?\s*(<=|>=|<|>|=|≤|≥)\s*[A-Z]\b", own)
    # "--before Y (year < Y)", "--sev N  restrict to severity N or worse, i.e. sev numerically <= N"
    compared = context.field(symbolic.group(1)) if symbolic else None
    if compared is not None and is_number(compared.type):
        op = {"=": "==", "≤": "<=", "≥": ">="}.get(symbolic.group(2), symbolic.group(2))
        return [Filter(compared.name, op, f"param:{param.name}", when=when)]
    ops: list[str] = []
    if name_words[:1] == ["min"] or "minimum" in name_words or "least" in name_words:
        ops.append(">=")
    if name_words[:1] == ["max"] or "maximum" in name_words:
        ops.append("<=")
    spoken = re.escape(param.name.lower().replace("_", " "))
    said = [op for pattern, op in COMPARISONS  # "at least LOW grams and at most HIGH": each its own
            if re.search(rf"({pattern})\s+(the\s+)?(given\s+)?{spoken}\b", lower)]
    own_ops = [op for pattern, op in COMPARISONS if re.search(rf"\b(?:{pattern})\b", own.lower())] if own else []
    if not said and own_ops:  # "--taller N  restrict to trees strictly taller than N cm": its own words
        ops.extend(op for op in own_ops[:1] if op not in ops)
    plain_equal = (own or re.search(rf"\b(?:of|in|for|from|with|at) (?:that|this|the same|the given) {spoken}\b", lower)) \
        and target is not None and not said  # "Given `--row N`, only the trees of row N", "the entries of that year"
    for pattern, op in COMPARISONS if not own_ops and not plain_equal else ():
        if said:
            ops.extend(op for op in said if op not in ops)
            break
        named = re.search(rf"({pattern})\s+(the\s+)?(given\s+)?{spoken}\b", lower) or re.search(
            rf"({pattern})(?!\s+(?:them|it|they|those|these|which|all|him|her|us)\b)(?:\s+|(?=[.,;)]|$))"
            r"(a|an|the|some|that|this)?\s*(given|chosen)?\s*"
            r"(amount|value|number|price|limit|threshold|\w+)?\b", lower)
        if named and op not in ops:
            ops.append(op)
    if said and own_ops:
        ops.extend(op for op in said if op not in ops)
    if target is not None and not ops:
        ops.append("==")
    if not ops:
        ops = [">", ">=", "<", "<=", "=="]
    return [Filter(f.name, op, f"param:{param.name}", when=when) for op in ops for f in fields[:2]]


TEXT_BOUNDS = [  # words for a text argument compared with a field: days, months, names
    (r"\bon or after\b|\bfrom \w+ on\b|\bsince\b|\bstarting (?:on|from|at)\b|\bor later\b", ">="),
    ((r"\bon or before\b|(?<!-)\buntil\b|\bup to\b|\bor earlier\b|"
      r"(?<!put )(?<!goes )(?<!go )(?<!passed )(?<!run )(?<!sent )\bthrough\b"), "<="),  # not "paid-until month", not "put
    # through tidy_name"
    (r"\bafter\b(?!(?: the| its| their)? (?:name|names|title|word|line|number|text|label)\b)", ">"),  # not "` (guest)`
    (r"\bbefore\b(?!(?: the| its| their)? (?:name|names|title|word|line|number|text|label)\b)", "<"),  # after the name"
    ((r"\b(?:of|in|within|during) (?:that|this|the given|the) (?:month|year|week|prefix)\b|\bthat (?:month|year)'s\b|"
      r"\bstarts? with\b|\bbegins? with\b|\bin an? (?:given )?(?:month|year)\b|"
      r"\b(?:given|written) as yyyy(?:-mm)?\b(?!-dd)"), "starts with"),
    (r"\bon (?:that|this|the given|the same) (?:day|date)\b", "=="),  # "the groups that must leave on that day"
]


def _text_bounds(context: Context, param) -> list[Filter]:
    """A text argument compared with a text field the words name, as a bound or a prefix:
    "`--since DAY` only the nights on or after that day", "`--month YYYY-MM`: only days of
    that month" (ISO days and months compare as text)."""
    spoken = re.escape(param.name.lower().replace("_", " "))
    sentences = [s for s in re.split(r"(?<=[.;])(?<!i\.e\.)(?<!e\.g\.)\s+", context.text) if re.search(
        rf"--{re.escape(param.name)}\b|\b{re.escape(param.name.upper())}\b", s)]  # (not after "i.e.")
    if not sentences and context.field(param.name) is None:  # a field's name is said for the field
        sentences = [s for s in re.split(r"(?<=[.;])\s+", context.text) if re.search(rf"\b{spoken}\b", s.lower())]
    dated = [f for f in context.fields_of("str") if f.name.lower() in ("day", "date", "when", "month", "time")
             or re.search(r"\bYYYY\b|\bdate\b|\bday\b", f.description or "", flags=re.IGNORECASE)]
    named_field = context.field(param.name) or (_field_for_param(context, param) if param.default is None else None)
    if not sentences or not dated or (named_field is not None and type_name(named_field.type) == "str"
                                      and named_field not in dated):  # (`person NAME` over `member`: a name)
        return []  # `--place NAME` over a `place` field: a place is no bound on the days
    own = _option_words(" ".join(sentences), param.name)  # "--tank T (cleaned), --since DAY": each its own
    if own is not None and own.count("`") % 2:  # "--year YYYY`: only trips in that year": the option's own span
        own = own.split("`", 1)[1]
    text = re.sub(r"`[^`]*`", " ", own if own is not None else " ".join(sentences)).lower()
    shown = re.search(rf"--{re.escape(param.name)}\s+([A-Z][A-Z_]*)\b", " ".join(sentences))  # `--due DAY`
    placeholder = "|".join(dict.fromkeys([re.escape(param.name.upper()), *([shown.group(1)] if shown else [])]))
    symbolic = re.search(rf"\b(\w+)\(([a-z ]+)\)\s*(<=|>=|<|>|==?)\s*(?:{placeholder})\b",
                         own if own is not None else " ".join(sentences))  # "i.e. next_due(last service) <= DAY"
    function = context.functions.get(symbolic.group(1)) if symbolic and context.entity is not None else None
    described = [f for f in context.fields_of("str") if symbolic and (field_by_name(context.entity, symbolic.group(2))
                 is f or symbolic.group(2) in (f.description or "").lower())] if function is not None else []
    if function is not None and len(function.params) == 1 and len(described) == 1:
        target = described[0]
        call = f"{function.name}(item.{target.name})"
        if _empty_state(target) or default_value(target.default) == "":  # "never serviced ones always count as due"
            always = re.search(r"\bnever \w+ ones? (?:always )?(?:count|counts|are|is)\b", context.lower)
            call = f"({call} if item.{target.name} else '')" if always else call
        op = symbolic.group(3).replace("=", "==") if symbolic.group(3) == "=" else symbolic.group(3)
        return [Filter(target.name, op, f"param:{param.name}", False, param.name if param.default is not None else None,
                       call=call)]
    computed = _computed_day(context, text) if context.entity is not None else None
    if computed is not None:  # "ready on or before DAY": the day a spec function works out
        target, call = computed
        when = param.name if param.default is not None else None
        unset = next((f for f in context.fields_of("str") if f"item.{f.name}" in call and (
            _empty_state(f) or default_value(f.default) == "") and re.search(
                rf"\bnever (?:been )?{re.escape(f.name.lower())}\b", context.lower)), None)
        if unset is not None:  # "never watered, or their due day is DAY or earlier": no day yet counts, and
            call = f"({call} if item.{unset.name} else '')"  # due_day() is never asked of an empty one
        return [Filter(target.name, op, f"param:{param.name}", False, when, call=call)
                for pattern, op in TEXT_BOUNDS if re.search(pattern, text)][:1]
    when = param.name if param.default is not None else None
    window = re.search(rf"\b(?:the |for the |in the )?(\d+|{'|'.join(NUMBER_WORDS)}) days (?:from|starting|beginning|after)\b|"
                       r"\b(?:the|a) week (?:from|starting|beginning)\b", text)
    if window and iso_day(dated[0]):
        days = int(NUMBER_WORDS.get(window.group(1), window.group(1))) if window.group(1) else 7
        return [Filter(dated[0].name, f"{days} days from", f"param:{param.name}", False, when)]  # "the seven days from START"
    named = NAMED_BOUNDS.get(param.name.lower())
    if named is not None and context.field(param.name) is None:  # `--since DAY`, `--until DAY`
        inclusive = re.search(r"\binclusive\b|\bincluded\b|\bincluding\b", text)
        exclusive = re.search(r"\bexclusive\b|\bstrict(?:ly)?\b|\bexcluded\b", text)
        op = named[0] if inclusive else named[1] if exclusive else named[2]
        return [Filter(dated[0].name, op, f"param:{param.name}", False, when)]
    for pattern, op in TEXT_BOUNDS:
        bound = re.search(pattern, text)
        if bound is None:
            continue
        negated = re.search(r"(?:\b(?:not|never)\b|n't\b)((?: [\w']+){0,5}) ?$",
                            re.split(r"[.;,]", text[:bound.start()].replace("*", ""))[-1])  # ("has *not* been")
        if op in NEGATED_BOUNDS and negated and not re.search(r"\b(?:whose|which|that|who|and|but|with)\b", negated.group(1)):
            op = NEGATED_BOUNDS[op]  # "Every alarm that has *not* been tested on DAY or later": before DAY (not "Jobs
            # not done whose due date is before TODAY": the "not" is another clause's)
        before = text[:bound.end()]
        named = sorted((f for f in dated if re.search(rf"\b{re.escape(f.name.lower())}\b", before)),
                       key=lambda f: before.rfind(f.name.lower()))  # "whose until day is DAY or earlier": `until`,
        return [Filter((named[-1] if named else dated[0]).name, op, f"param:{param.name}", False, when)]  # not `start`
    return []


NEGATED_BOUNDS = {">=": "<", "<=": ">", ">": "<=", "<": ">="}


#: options whose name says the bound: (inclusive, exclusive, what the word alone means)
NAMED_BOUNDS = {"since": (">=", ">", ">="), "from": (">=", ">", ">="), "after": (">=", ">", ">"),
                "until": ("<=", "<", "<="), "till": ("<=", "<", "<="), "through": ("<=", "<", "<="),
                "to": ("<=", "<", "<="), "before": ("<=", "<", "<"), "start": (">=", ">", ">="),
                "end": ("<=", "<", "<=")}


def _in_place_of(context: Context, line: str | None) -> tuple[str, str] | None:
    """"`n/a` in place of STARS/5 while unrated" over `stars: int = 0 — ...; 0 = not rated
    yet`: the line with ALTWORD for that part, and its Python (the text while the field holds
    the value that means "not", else the part written from the field)."""
    stated = _stated_alternative(context)
    if stated is None or not line or stated[0] not in line:
        return None
    return line.replace(stated[0], "ALTWORD", 1), stated[1]


@_per_command
def _stated_alternative(context: Context) -> tuple[str, str] | None:
    """The part of a line the words replace while a number field holds its "not" value, and
    the Python of the replacement (see ``_in_place_of``): read once per command."""
    if context.entity is None:
        return None
    said = re.search(r"`([^`]+)` (?:in place of|instead of) `?([A-Z][^`,;]*?)`? (?:while|when|if|for) "
                     r"(?:it is |it's |the \w+ is |they are |it has no |it has not been |there is no )?(?:still )?(?:not )?"
                     r"(\w+)", context.text)  # "`unrated` in place of `RATING/5` when it has no rating yet"
    unmeasured = re.search(r"\bwhose (\w+) (?:was|is|has) (?:not (?:yet |been )?\w+|never been \w+|empty|unknown|"
                           r"not set)\b[^`.]*?`([^`]+)` (?:in place of|instead of) `([^`]+)`", context.text)
    optional = context.field(unmeasured.group(1)) if unmeasured else None
    if said is None and optional is not None and (optional.default or "").strip().lower() in ("none", "null"):
        part = unmeasured.group(3)  # "a feeding whose rise was not measured shows `rise ?` instead of `rise P%`"
        pieces = []
        for token in re.split(r"\b([A-Z][A-Z_]*)\b", part):
            named = context.field(token.lower()) if token.isupper() else None
            named = named or (optional if token.isupper() and len(token) == 1 else None)  # P: the field said
            pieces.append(f"str(item.{named.name})" if named is not None else repr(token) if token else "")
        written = " + ".join(piece for piece in pieces if piece)
        return part, f"{unmeasured.group(2)!r} if item.{optional.name} is None else {written}"
    if said is None:
        return None
    alternative, part, state = said.group(1), said.group(2).strip(), said.group(3).lower()
    for target in context.fields_of("int", "float"):
        unset = re.search(r"\b(-?\d+)\s*(?:=|means|is)\s*(?:not |no |un|nobody has |no one has |never )(\w+)",
                          (target.description or "").lower())  # `rating: int = 0 — ...; 0 means nobody has rated it yet`
        if unset is None or not (stem(state.removeprefix("un")) == stem(unset.group(2)) or state == "unset"):
            continue
        pieces = []
        for token in re.split(r"([A-Z][A-Z_]*)", part):
            named = context.field(token.lower()) if token.isupper() else None
            pieces.append(f"str(item.{named.name})" if named is not None else repr(token) if token else "")
        written = " + ".join(piece for piece in pieces if piece)
        return part, f"{alternative!r} if item.{target.name} == {unset.group(1)} else {written}"
    return None


def _only_with_marker(context: Context, flag: str) -> bool:
    """Whether every sentence that names the flag also shows a marker in backticks ("then
    ` [r]` if the receipt is on file"), so the flag's words are the marker's condition, not a
    filter ("only climbs that are sent" is one)."""
    forms = "|".join(re.escape(form) for form in _bool_forms(flag))
    naming = [sentence for sentence in re.split(r"(?<=[.;])\s+", context.text)
              if re.search(rf"\b(?:{forms})\b", sentence.lower())]
    return bool(naming) and all("`" in sentence for sentence in naming)


@_per_command
def _two_forms(context: Context) -> tuple[str, str, str, str] | None:
    """Two line formats that differ in one word, the second under a flag's condition: "`N.
    DAY STUDENT, TIME, paid` or, while it's still unpaid, `N. DAY STUDENT, TIME, owed`" ->
    (the line with FLAGWORD for that word, the first, the second, its Python)."""
    if context.entity is None:
        return None
    if not context.fields_of("bool"):
        return _empty_or_words(context) or _forms_by_comparison(context)
    for match in re.finditer(r"`([^`]+)`([^`]{1,80})`([^`]+)`", context.text):
        first, between, second = match.group(1), match.group(2).lower(), match.group(3)
        a, b = first.split(" "), second.split(" ")
        if len(b) == 1 and len(a) > 1 and re.fullmatch(r"[a-z]+", b[0]) and re.fullmatch(r"[a-z]+", a[-1]) \
                and re.search(r"\bat the end\b|\binstead\b", context.text[match.end():match.end() + 40]):
            # "`#NUMBER ... COST paid` (or `unpaid` at the end for a job not yet paid)": the last word swapped
            b = [*a[:-1], b[0]]
            second = " ".join(b)
            between += " " + re.split(r"[).]", context.text[match.end():])[0].lower()
        differ = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        if len(a) != len(b) or len(differ) != 1 or not re.fullmatch(r"[a-z]+[,.;:]?", a[differ[0]]) \
                or not re.search(r"\bor\b", between):
            continue
        for flag in context.fields_of("bool"):
            forms = "|".join(re.escape(form) for form in _bool_forms(flag.name))
            negated = re.search(rf"\b(?:un|not |not yet |non-?)(?:{forms})\b", between)
            said = negated or re.search(rf"\b(?:{forms})\b", between)
            if not said:
                continue
            condition = f"not item.{flag.name}" if negated else f"item.{flag.name}"
            word, other = re.match(r"[a-z]+", b[differ[0]]).group(0), re.match(r"[a-z]+", a[differ[0]]).group(0)
            merged = a[:differ[0]] + [a[differ[0]].replace(other, "FLAGWORD")] + a[differ[0] + 1:]
            return " ".join(merged), first, second, f"{word!r} if {condition} else {other!r}"
    return _field_or_words(context) or _empty_or_words(context) or _forms_by_state(context) \
        or _forms_by_comparison(context)


COMPARED_DAYS = ((r"\bon (?:that day|the day|[A-Z]+)(?: itself)?\b|\bitself\b|\bthe same day\b", "=="),
                 (r"\bbefore\b|\bearlier\b", "<"), (r"\bafter\b|\blater\b", ">"))


def _forms_by_comparison(context: Context) -> tuple[str, str, str, str] | None:
    """Two line formats whose ends differ, each picked by a day field compared with the day given:
    "A rental that runs out on DAY itself shows as `locker 12 (Ann Lee): due today`; one that ran
    out before shows as `locker 4 (Bo Park): overdue since 2025-04-15`, with its until day" ->
    (`locker LOCKER (RENTER): FLAGWORD`, the two lines, ``('due today' if item.until == day else
    'overdue since ' + str(item.until))``). The field is the one the condition names or whose
    words it uses ("runs out" of `until — the day the rental runs out`)."""
    said = list(re.finditer(r"(?:^|[.;]\s+)([^.;`]*?)\b(?:shows?|appears?|is shown|is printed|is listed|prints?|reads?) "
                            r"(?:as|like)\s+`([^`]+)`([^.;`]*)", context.text))
    days = [p for p in context.params if type_name(p.type) == "str" and re.search(
        rf"\b{re.escape(p.name.upper())}\b", context.text) and context.field(p.name) is None]
    if len(said) != 2 or len(days) != 1 or context.entity is None:
        return None
    lines = [_numbers_as_fields(context, _example_named(context, match.group(2))) for match in said]
    first = lines[0].split(" ")
    head = next((count for count in range(len(first) - 1, 0, -1) if re.match(
        re.sub(r"\b[A-Z][A-Z_]*[A-Z]\b", "(.+?)", " ".join(map(re.escape, first[:count]))) + " ",
        said[1].group(2))), 0)
    if not head:
        return None
    shape = "".join("(.+?)" if re.fullmatch(r"[A-Z][A-Z_]*[A-Z]", part) else re.escape(part)
                    for part in re.split(r"(\b[A-Z][A-Z_]*[A-Z]\b)", " ".join(first[:head]) + " ") if part)
    cut = re.match(shape, said[1].group(2))
    ends = [" ".join(first[head:]), said[1].group(2)[cut.end():]]
    pythons, tests = [], []
    for match, end in zip(said, ends):
        named = re.search(r"\bwith (?:its|the|their) (\w+)(?: day| date)?\b", match.group(3))
        dated = context.field(named.group(1)) if named else None
        pieces = []
        for part in re.split(r"(\b[A-Z][A-Z_]*[A-Z]\b|\d{4}-\d{2}-\d{2})", end):
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", part) and dated is not None:
                pieces.append(f"str(item.{dated.name})")
            elif re.fullmatch(r"[A-Z][A-Z_]*[A-Z]", part) and context.field(part.lower()) is not None:
                pieces.append(f"str(item.{context.field(part.lower()).name})")
            elif re.search(r"\d", part):
                return None  # a number the words do not name
            elif part:
                pieces.append(repr(part))
        pythons.append(" + ".join(pieces) or "''")
        tests.append(_day_compared(context, match.group(1).lower(), days[0].name))
    if tests[0] is None:
        return None
    merged = " ".join(first[:head]) + " FLAGWORD"
    shown = [_numbers_as_fields(context, match.group(2)) for match in said]  # as the caller reads its own line
    return merged, shown[0], shown[1], f"{pythons[0]} if {tests[0]} else {pythons[1]}"


def _day_compared(context: Context, condition: str, day: str) -> str | None:
    """`item.until == day` for "a rental that runs out on DAY itself" (`until` the day it "runs
    out"), the day field named by its name or by the words of its description; None unread."""
    op = next((op for pattern, op in COMPARED_DAYS if re.search(pattern, condition, flags=re.IGNORECASE)), None)
    spoken = {re.sub(r"(?:s|ed)$", "", {"ran": "run", "went": "go", "came": "come"}.get(word, word))
              for word in words(condition)} - {"a", "an", "the", "that", "one", "which", "on", "it", "its"}
    fields_ = [f for f in context.fields_of("str") if iso_day(f) and (
        f.name.lower() in words(condition) or len(spoken & {re.sub(r"(?:s|ed)$", "", word)
                                                             for word in words(f.description)} - {"day", "date"}) >= 2)]
    return f"item.{fields_[0].name} {op} {day}" if op and len(fields_) == 1 else None


def _forms_by_state(context: Context) -> tuple[str, str, str, str] | None:
    """"The line is `N. TEXT [not debated]` for an open motion and `N. TEXT [RESULT A-B]` for a
    debated one, with RESULT from the function result, A the ayes and B the noes": two line
    formats whose ends differ, picked by a yes/no field the words name for one of them ->
    (the line with FLAGWORD, the first, the second, its Python). Each placeholder of an end must
    be a field, "X the FIELD", or "X from the function F" of the record's fields."""
    match = re.search(r"`([^`]+)` for an? (\w+) \w+,? (?:and|or) `([^`]+)` for an? (\w+) (?:one|\w+)\b", context.text)
    if match is None and context.entity is not None:  # "If it is hanging, say `...`. If it was collected, say `...`."
        match = re.search(r"\b[Ii]f (?:it|the \w+) (?:is|was) (\w+), (?:say|print|show|write)s? `([^`]+)`[.;]? "
                          r"[Ii]f (?:it|the \w+) (?:is|was) (\w+), (?:say|print|show|write)s? `([^`]+)`", context.text)
        first_state, first, second_state, second = match.groups() if match else (None,) * 4
    elif match is not None:
        first, first_state, second, second_state = match.groups()
    if match is None or context.entity is None:
        return None
    first, second = _numbers_as_fields(context, first), _numbers_as_fields(context, second)
    flag = next((f for f in context.fields_of("bool") for state in (first_state, second_state)
                 if re.fullmatch("|".join(_bool_forms(f.name)), state.lower())), None)
    if flag is None:
        return None
    flagged_second = re.fullmatch("|".join(_bool_forms(flag.name)), second_state.lower()) is not None
    a, b = first.split(" "), second.split(" ")
    head = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    rest = context.text[match.end():match.end() + 200]

    def python(words_: list[str]) -> str | None:
        pieces = []
        for token in re.split(r"(\b[A-Z][A-Z_]*\b)", " ".join(words_)):
            if not token:
                continue
            if not re.fullmatch(r"[A-Z][A-Z_]*", token):
                pieces.append(repr(token))
                continue
            called = re.search(rf"\b{token} from the function (\w+)", rest)
            function = context.functions.get(called.group(1)) if called else None
            arguments = _record_arguments(context, function) if function is not None else None
            named = re.search(rf"\b{token},? (?:is )?the (\w+)", rest)
            target = context.field(token.lower()) or (field_by_name(context.entity, named.group(1)) if named else None)
            if arguments:
                call = f"{function.name}({', '.join(f'item.{f.name}' for f in arguments)})"
                pieces.append(call if function.returns is not None and type_name(function.returns) == "str" else f"str({call})")
            elif target is not None:
                pieces.append(f"str(item.{target.name})")
            else:
                return None
        return " + ".join(pieces)
    own, other = python(a[head:]), python(b[head:])
    if own is None or other is None:
        return None
    shown, hidden = (other, own) if flagged_second else (own, other)
    return " ".join(a[:head] + ["FLAGWORD"]), first, second, f"({shown}) if item.{flag.name} else ({hidden})"


@_per_command
def _project_terms(context: Context) -> dict[str, str]:
    """``project_terms`` for the command's entity."""
    return project_terms(context.project, context.entity) if context.entity is not None else {}


def project_terms(project, entity) -> dict[str, str]:
    """Words the project defines once for a record and a line then names in capitals: "The
    *result* of an entry is `not judged` when it has no score yet, and otherwise `SCORE/30
    PRIZE` with PRIZE from the function prize" -> ``{"RESULT": "'not judged' if item.score is
    None else str(item.score) + '/30 ' + prize(item.score)"}``; also "RESULT is `not marked`
    when there is no mark yet, and otherwise `MARK% (grade G)` with G from the function
    grade"."""
    found = {}
    fields = {f.name.lower(): f for f in entity.fields}
    functions = {f.name: f for f in project.functions}
    text = " ".join((project.description or "").split())
    for said in re.finditer(r"(?:\b[Tt]he \*?(\w+)\*? of an? \w+|\b([A-Z][A-Z_]*)) is `([^`]+)` (?:when|if) (?:it|the \w+|there)"
                            r" (?:has|have|is) no (\w+)(?: yet)?,? and otherwise `([^`]+)`"
                            r"(?:,? with ([A-Z][A-Z_]*) from the function (\w+))?", text):
        term, placeholder, empty, missing, other, named, function = said.groups()
        target = fields.get(missing.lower())
        if target is None:
            continue
        pieces = []
        for token in re.split(r"(\b[A-Z][A-Z_]*\b)", other):
            if not token:
                continue
            if token == named and function in functions:
                call = f"{function}(item.{target.name})"
                returns = functions[function].returns
                pieces.append(call if returns is not None and type_name(returns) == "str" else f"str({call})")
            elif re.fullmatch(r"[A-Z][A-Z_]*", token) and token.lower() in fields:
                pieces.append(f"str(item.{fields[token.lower()].name})")
            elif re.fullmatch(r"[A-Z][A-Z_]*", token):
                break  # a placeholder the words do not tie to a field or function
            else:
                pieces.append(repr(token))
        else:
            unset = f"item.{target.name} is None" if default_value(target.default) is None else f"not item.{target.name}"
            found[(term or placeholder).upper()] = f"{empty!r} if {unset} else {' + '.join(pieces)}"
    return found


def _empty_or_words(context: Context) -> tuple[str, str, str, str] | None:
    """"`REF: MAKE (YEAR), last service DAY`, or `REF: MAKE (YEAR), never serviced` when there's
    no service logged": two line formats whose ends differ, the first writing the one text
    field that is empty until set (`serviced: str = "" — ...; empty = not serviced yet`), the
    second fixed words for the records where it is empty -> (the line with FLAGWORD, the first,
    the second, its Python). The two may be given as a table's rows (`| yes | `...` |` and
    `| never | `...` |`, read as "yes: `...`. never: `...`")."""
    empty = [f for f in context.fields_of("str") if _empty_state(f) or default_value(f.default) == ""]
    pairs = [match.groups() for match in re.finditer(
        r"`([^`]+)`,? or `([^`]+)`,? (?:when|if|for|while) (?:there's|there is|it has|they have) "
        r"(?:no|not yet (?:a|an))\b", context.text)]
    pairs += [match.groups() for match in re.finditer(  # "Lines are `ROOM: never tested` or `ROOM: last tested
        r"\b(?:[Ll]ines|[Ee]ach line|[Tt]he line|[Ii]ts line) (?:are|is|reads?|looks? like):?\s+`([^`]+)`,? or `([^`]+)`(?=\s*[.;]|\s*$)",
        context.text)]  # TESTED`": either way round, the one that writes the field and the fixed words
    rows = re.findall(r"(?:^|[.:;]\s+)([\w' -]+?):\s+`([^`]+)`", context.text)  # a table's rows, as the spec reads them
    negative = [line for word, line in rows if re.fullmatch(r"never|no|none|not(?: yet)?(?: \w+)?|empty|unset|-", word.lower())]
    if len(rows) == 2 and len(negative) == 1:  # | yes | `..., wound WOUND` |, | never | `..., never wound` |
        pairs.append((next(line for _, line in rows if line != negative[0]), negative[0]))
    for first, second in pairs:
        a, b = first.split(" "), second.split(" ")
        head = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        if not any(re.fullmatch(r"[A-Z][A-Z_]*", word) for word in a[head:]):
            first, second, a, b = second, first, b, a  # the fixed words said first
        own, other = a[head:], b[head:]
        placeholders = [word for word in own if re.fullmatch(r"[A-Z][A-Z_]*", word)]
        if len(empty) != 1 or len(placeholders) != 1 or not other or any(re.search(r"[A-Z]{2,}", w) for w in other):
            continue
        field = empty[0].name
        before, after = " ".join(own).split(placeholders[0], 1)
        shown = f"{before!r} + item.{field} + {after!r}"
        merged = a[:head] + ["FLAGWORD"]
        return " ".join(merged), first, second, f"({shown}) if item.{field} else {' '.join(other)!r}"
    return None


def _field_or_words(context: Context) -> tuple[str, str, str, str] | None:
    """"`TAG DOOR - HOLDER` for a key that is out, `TAG DOOR - on board` for the others": two
    line formats that differ where one writes a field and the other fixed words, the first
    under a flag's condition -> (the line with FLAGWORD, the first, the second, its Python)."""
    for match in re.finditer(r"`([^`]+)`,? (?:for|when|if|while) (?:a|an|the|each)? ?\w* ?(?:that|which|who)? ?"
                             r"(?:is|are|has been)? ?(not )?(\w+)[^`]{0,30}?,? `([^`]+)`,? (?:for|otherwise|else)\b",
                             context.text):
        first, negated, state, second = match.group(1), match.group(2), match.group(3).lower(), match.group(4)
        a, b = first.split(" "), second.split(" ")
        head = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        tail = next((i for i, (x, y) in enumerate(zip(reversed(a), reversed(b))) if x != y), 0)
        own, other = a[head:len(a) - tail], b[head:len(b) - tail]
        placeholder = own[0] if len(own) == 1 and re.fullmatch(r"[A-Z][A-Z_]*", own[0]) else None
        target = context.field(placeholder.lower()) if placeholder and context.entity is not None else None
        if target is None or not other or any(re.search(r"[A-Z]{2,}", word) for word in other):
            continue
        flag = next((f for f in context.fields_of("bool") if re.fullmatch("|".join(_bool_forms(f.name)), state)), None)
        if flag is None:
            continue
        condition = f"{'not ' if negated else ''}item.{flag.name}"
        merged = a[:head] + ["FLAGWORD"] + a[len(a) - tail:]
        return " ".join(merged), first, second, f"item.{target.name} if {condition} else {' '.join(other)!r}"
    return None


def _arithmetic_defined(context: Context, text: str) -> dict[str, str]:
    """Placeholders ``text`` defines as arithmetic over the record's fields (and the command's
    amounts): "(OK = jars - unsealed)", "`N` being jars minus unsealed", "LEFT = stock - sold"."""
    found = {}
    operators = {"-": "-", "+": "+", "*": "*", "x": "*", "×": "*", "minus": "-", "plus": "+", "times": "*"}
    given = {p.name: p.name for p in context.params  # an amount the command is given, not a filter
             if is_number(p.type) and str(p.default).lower() not in ("none", "null")}

    def operand(name: str) -> str | None:  # "TOTAL = qty x price": the argument qty, the record's price
        if name in given:
            return given[name]
        target = context.field(name)
        return f"item.{target.name}" if target is not None and is_number(target.type) else None
    for match in re.finditer(r"\b([A-Z][A-Z_]*)\s*(?:=|is|being|means)\s*(?:the )?([a-z_]+)\s*(-|\+|\*|x|×|minus|plus|times)"
                             r"\s*(?:the )?([a-z_]+)\b(?:\s*\((?:via|with|through|by|written (?:with|by)) (\w+)\)|"
                             r"\s+(?:via|through|written (?:with|by)) (\w+))?", text):
        placeholder, left, op, right = match.groups()[:4]
        first, second = operand(left), operand(right)
        if first is None or second is None or context.field(placeholder.lower()) is not None:
            continue
        expression = f"{first} {operators[op]} {second}"
        writer = context.functions.get(match.group(5) or match.group(6) or "")
        found[placeholder] = f"{writer.name}({expression})" if writer is not None and len(writer.params) == 1 else expression
    for match in re.finditer(r"\b([A-Z][A-Z_]*),? (?:being|is|=|means) (?:the |its |their )?(\w+) (minus|plus|times) (?:the |its |their )?"
                             r"(?:what (?:was|is|has been|were|had been) )?(\w+)", text):  # "LEFT being the portions
        first = context.field(match.group(2)) or next(  # minus what was taken"
            (f for f in context.fields_of("int", "float") if kin(match.group(2), f.name)), None)
        second = context.field(match.group(4)) or next(
            (f for f in context.fields_of("int", "float") if kin(match.group(4), f.name)), None)
        if match.group(1) not in found and first is not None and second is not None and first is not second \
                and is_number(first.type) and is_number(second.type) and context.field(match.group(1).lower()) is None:
            operator_ = {"minus": "-", "plus": "+", "times": "*"}[match.group(3)]
            found[match.group(1)] = f"item.{first.name} {operator_} item.{second.name}"
    return found


def _arithmetic_elsewhere(context: Context) -> dict[str, str]:
    """A placeholder another command (or the project) defines as arithmetic over the record's
    fields, used here before the same word: give's "`gave PLANT, N left` where N is pots minus
    given" for list's `PLANT: N left` (the same placeholder, the same word after it)."""
    found = {}
    here = {match.group(1): match.group(2).lower() for match in re.finditer(r"\b([A-Z][A-Z_]*) ([a-z]+)\b", context.text)}
    for text in [context.project.description, *(c.description for c in context.project.commands if c is not context.command)]:
        text = " ".join((text or "").split())
        for name, expression in _arithmetic_defined(context, text).items():
            there = re.search(rf"\b{name} ([a-z]+)\b", text)
            if name in here and name not in found and there is not None and there.group(1) == here[name] \
                    and re.fullmatch(r"item\.\w+ [-+*] item\.\w+", expression):
                found[name] = expression
    return found


@_per_command
def _definitions(context: Context) -> dict[str, str]:
    """Placeholders of a printed line the words define as arithmetic over the record's
    fields: "(OK = jars - unsealed)", "`N` being jars minus unsealed", "LEFT = stock - sold"."""
    if context.entity is None:
        return {}
    found = _arithmetic_defined(context, context.text)
    for match in re.finditer(r"\b([A-Z][A-Z_]*)\s*(?:=|being|means)\s*(what(?:'s| is| are)\b[^,.;)|]*)",
                             f"{context.text} {_error_notes(context.command)}"):
        told = match.group(2)
        written = re.search(r"\s(?:in|as) (\w+) (?:form|format)\s*$|\s(?:written )?(?:with|by|through) (\w+)\s*$", told)
        writer = context.functions.get((written.group(1) or written.group(2)) if written else "")
        told = told[:written.start()] if writer is not None else told  # "LEFT being what is left in ml_text form"
        said = [word for word in words(told) if word not in ("what", "still", "now", "the", "left", "there", "is", "are")]
        described = _number_field_said(context, said, names=False)
        remaining = [f for f in context.fields_of("int", "float")
                     if re.search(r"\b(?:left|remaining|remains)\b", (f.description or "").lower())]
        if described is None and not said and re.search(r"\b(?:left|remaining)\b", told) and len(remaining) == 1:
            described = remaining[0]  # "what is left" over `ml: float — how much is left, in ml`
        if match.group(1) not in found and described is not None and context.field(match.group(1).lower()) is None:
            value = f"item.{described.name}"  # "LEFT = what's still on the shelf"
            found[match.group(1)] = f"{writer.name}({value})" if writer is not None and len(writer.params) == 1 else value
    found.update({name: words for name, words in _flag_chosen_words(context, context.text).items() if name not in found})
    found.update(_worded_states(context))
    for name, expression in _products_defined(context).items():
        found.setdefault(name, expression)  # "A job's total is its nights times its rate"
    for name, expression in _function_of_fields(context).items():
        found.setdefault(name, expression)  # "DATE being expiry() of the purchase date and the months"
    for name, expression in _called_on_fields(context).items():
        found.setdefault(name, expression)  # "Wherever an output shows P%, P is percent_left(LEFT, SIZE)"
    for name, expression in _defined_calls(context).items():
        found.setdefault(name, expression)  # "N is the card's travel time", a *travel time* being days_between(SENT, ARRIVED)
    for name, expression in _told_definitions(context).items():
        found.setdefault(name, expression)  # "then metres(length) in round brackets"
    stated = _entity_line(context)
    for name, expression in (_line_definitions(context, stated[1]) if stated else {}).items():
        found.setdefault(name, expression)  # "where ERROR is error_pct of the entry written with pct"
    writers = placeholder_writers(context.project, context.index)
    for name, expression in _written_calls(context).items():
        if name not in writers:  # (a writer of the project's already writes it)
            found.setdefault(name, expression)  # "FEET from feet(HEIGHT)"
        elif re.search(rf"\w\({re.escape(writers[name][0])}\(", expression):
            found[name] = expression  # "COST from cost and money": that writer's value, written by another
    for said in re.finditer(r"\b([A-Z][A-Z_]*(?:(?:,| and|, and) [A-Z][A-Z_]*)*),? (?:are |is )?in (\w+) (?:format|form)\b",
                            context.text):  # "CASH and TAKINGS are in money format", "OPENING in money format"
        function = context.functions.get(said.group(2))
        if function is None or len(function.params) != 1:
            continue
        for name in re.findall(r"[A-Z][A-Z_]*", said.group(1)):
            param = next((p for p in context.params if p.name.upper() == name), None)
            value = found.get(name) or (param.name if param is not None else None) or (
                f"item.{context.field(name.lower()).name}" if context.field(name.lower()) is not None else None)
            if value is not None and not value.startswith(f"{function.name}("):
                found[name] = f"{function.name}({value})"
    for name, expression in _arithmetic_elsewhere(context).items():
        found.setdefault(name, expression)  # `PLANT: N left`, N defined by give as pots minus given
    for name, expression in _listed_placeholders(context).items():
        found.setdefault(name, expression)  # "`logged #N: S wpm, A%` with its number, its speed and its accuracy"
    for name, expression in _words_in_its_place(context).items():
        found.setdefault(name, expression)  # "has no maker to show, so its line ends with `(no maker yet)` in that place"
    return found


@_per_command
def _words_in_its_place(context: Context) -> dict[str, str]:
    """A text field empty until set, written as fixed words where it is empty: "A square nobody has
    taken yet has no maker to show, so its line ends with `(no maker yet)` in that place" over
    `maker: str = ""` -> ``{"MAKER": "(item.maker or '(no maker yet)')"}``."""
    found = {}
    for sentence in _sentences(context.text):
        said = re.search(r"`([^`]+)` (?:in (?:that|its|their|the same) place|in place of (?:it|the \w+)|instead(?: of it)?)\b",
                         sentence)
        if said is None or re.search(r"[A-Z]{2,}", said.group(1)):
            continue
        lower = sentence[:said.start()].lower()
        empty = [f for f in context.fields_of("str") if default_value(f.default) == "" and re.search(
            rf"\b(?:no|without an?|without any|an empty|nothing (?:in|for) (?:its|the)) {re.escape(f.name.lower())}\b", lower)]
        if len(empty) == 1:
            found[empty[0].name.upper()] = f"(item.{empty[0].name} or {said.group(1)!r})"
    return found


def _listed_placeholders(context: Context) -> dict[str, str]:
    """A line's placeholders named in order by the words after it: "say `logged #N: S wpm, A%`
    with its number, its speed and its accuracy" -> S the speed, A the accuracy, each a field
    of the record or a term the project defines by a spec function of its fields ("the speed
    (wpm of the words and the seconds)" -> ``wpm(item.words, item.seconds)``)."""
    found = {}
    listed = re.finditer(r"`([^`]+)`,? with ((?:(?:its|the|their) )?\w+(?:(?:,| and|, and) (?!like\b|e\.g\b|for\b|so\b)"
                         r"(?:(?:its|the|their) )?\w+)+)",
                         context.text)
    for said in listed:
        placeholders = list(dict.fromkeys(re.findall(r"(?<![\w-])[A-Z][A-Z_]*(?![\w-])", said.group(1))))
        nouns = re.split(r",? and |, ", re.sub(r"\b(?:its|the|their) ", "", said.group(2)))
        if len(placeholders) != len(nouns):
            continue
        for placeholder, noun in zip(placeholders, nouns):
            value = _term_value(context, noun)
            if value is not None and context.field(placeholder.lower()) is None:
                found[placeholder] = value
    return found


def _term_value(context: Context, noun: str) -> str | None:
    """What a noun names over the record: a field (`speed`), or a term the project's words
    define by a spec function of the record's fields ("the speed (wpm of the words and the
    seconds)")."""
    target = context.field(noun)
    if target is not None:
        return f"item.{target.name}"
    text = " ".join((context.project.description or "").split())
    defined = re.search(rf"\bthe {re.escape(noun)} \((\w+) of ([^()]*)\)", text)
    if defined is None or context.entity is None:
        return None
    said = ", ".join(re.split(r",? and |, ", defined.group(2)))  # "the words and the seconds": one field each
    return _spoken_call(f"{defined.group(1)}({said})", context.entity, context.functions)


@_per_command
def _composed_writers(context: Context) -> dict[str, str]:
    """Placeholders the words make from a spec function of the record's fields written by another:
    "Prints `job NUMBER: ..., COST`, with COST from cost and money" -> ``{"COST":
    "money(cost(item.material, item.minutes))"}`` (the fields by the parameters' names), said in
    any command or the project."""
    found = {}
    if context.entity is None:
        return found
    texts = [" ".join((command.description or "").split()) for command in context.project.commands]
    for said in (match for text in [*texts, " ".join((context.project.description or "").split())]
                 for match in re.finditer(r"\b([A-Z][A-Z_]*)\b,? (?:comes )?(?:from|by|using|via|through|worked out "
                                          r"(?:by|with)) `?(\w+)`? and `?(\w+)`?", text)):
        name, inner, outer = said.group(1), context.functions.get(said.group(2)), context.functions.get(said.group(3))
        if name in found or inner is None or outer is None or len(outer.params) != 1 \
                or outer.returns is None or type_name(outer.returns) != "str":
            continue
        fields = [context.field(param.name) for param in inner.params]
        if fields and all(f is not None for f in fields):
            found[name] = f"{outer.name}({inner.name}({', '.join(f'item.{f.name}' for f in fields)}))"
    return found


def _written_calls(context: Context) -> dict[str, str]:
    """Placeholders the words define as a call written out over other placeholders: "Prints
    `bagged PEAK, HEIGHT m (FEET ft) on DAY`, FEET from feet(HEIGHT)" -> ``{"FEET":
    "feet(item.height)"}``; each argument a field in capitals or an argument's name. Said once,
    it holds in every command's line that shows the placeholder."""
    found = {}
    shown = _line_capitals(context)
    texts = [context.text, *(" ".join((command.description or "").split()) for command in context.project.commands
                             if command is not context.command), " ".join((context.project.description or "").split())]
    for said in (match for text in texts for match in re.finditer(  # the command's own words first
            r"\b([A-Z][A-Z_]*)\b,? (?:is |being |=\s*|comes from |from |means |by )?(\w+)\(([A-Za-z_, ]+)\)", text)):
        # (a field may be written by its own name: "DUE is due_day(DAY, every)")
        if said.group(1) in found:
            continue
        name, function = said.group(1), context.functions.get(said.group(2))
        if name not in shown or function is None or context.field(name.lower()) is not None:
            continue
        arguments = []
        for argument in (part.strip() for part in said.group(3).split(",")):
            given = next((p for p in context.params if p.name.upper() == argument or re.search(  # `--every M`: M
                rf"`--{re.escape(p.name.replace('_', '-'))} {re.escape(argument)}`", context.text)), None)
            if given is not None and context.field(given.name) is not None:
                argument = given.name.upper()
            metavar = re.search(rf"`--([\w-]+) {re.escape(argument)}`", said.string)  # said in another command
            if given is None and metavar and context.field(metavar.group(1).replace("-", "_")) is not None:
                argument = metavar.group(1).replace("-", "_").upper()
            target = context.field(argument.lower())
            if given is not None and target is not None and target.name != given.name \
                    and not any(f.name == given.name for f in context.entity.fields):
                target = None  # `DAY` of wind(name, day) is the argument, however like the field `days` it reads
            arguments.append(f"item.{target.name}" if target is not None else given.name if given is not None else None)
        if len(arguments) == len(function.params) and all(arguments):
            found[name] = f"{function.name}({', '.join(arguments)})"
    for name, call in _composed_writers(context).items():
        if name not in found and name in shown:
            found[name] = call
    for text in texts:  # "CLAIM = pounds(claim_pence(miles))"
        for name, call in stated_calls(text, context.entity, context.functions).items():
            if name not in found and name in shown:
                found[name] = call
    for name in sorted(shown - set(found)):  # `NAME: LEVEL% left (WORD)` "with ... level_word of it": the spec
        if context.field(name.lower()) is not None or any(same(p.name, name.lower()) for p in context.params):
            continue  # function named for the placeholder, of the record's fields
        named = [function for function in context.functions.values() if function.name in context.text
                 and any(same(word, name.lower()) for word in function.name.split("_")[1:])
                 and function.params and all(context.field(fparam.name) is not None for fparam in function.params)]
        if len(named) == 1:
            found[name] = f"{named[0].name}({', '.join(f'item.{context.field(p.name).name}' for p in named[0].params)})"
    return found


def stated_calls(text: str, entity, functions) -> dict[str, str]:
    """Placeholders the words define as calls of spec functions on the record's fields, written
    in lower case: "CLAIM = pounds(claim_pence(miles))" -> ``{"CLAIM":
    "pounds(claim_pence(item.miles))"}``; "TITLE = short_title(title)" too (a field's own
    placeholder, written by a function)."""
    found = {}
    if entity is None:
        return found
    fields = {f.name: f for f in entity.fields}
    text = " ".join((text or "").split())
    named = {said.group(1): said.group(2) for said in re.finditer(  # "where Q is the quantity"
        r"\b([A-Z][A-Z_]*)\s+(?:is|=|being)\s+(?:the |its |their )?(?:\w+'s )?([a-z_]+)\b", text or "")
        if said.group(2) in fields}
    for said in re.finditer(r"\b([A-Z][A-Z_]*)\s*(?:=|is|being)\s*(?:[^.;()`]{0,40}?\b(?:written|given|worked out|made) "
                            r"(?:by|with|as|from|through) )?((?:\w+\()+[A-Za-z_]+(?:, ?[A-Za-z_]+)*\)+)", text or ""):
        name, call = said.group(1), said.group(2)  # "PRICE is the order's price written by money(price(Q))"
        call = re.sub(r"(?<=[(, ])([A-Z][A-Z_]*)(?=[,)])", lambda m: named.get(m.group(1), m.group(1)), call)
        if call.count("(") != call.count(")") or re.search(r"(?<=[(, ])[A-Z]", call):
            continue  # (a placeholder the words do not tie to a field)
        if not all(function in functions for function in re.findall(r"(\w+)\(", call)) or not all(
                field in fields for field in re.findall(r"(?<=[(, ])([a-z_]+)(?=[,)])", call)):
            continue
        found.setdefault(name, re.sub(r"(?<=[(, ])([a-z_]+)(?=[,)])", lambda m: f"item.{m.group(1)}", call))
    for said in re.finditer(r"\b(?:the|its) (\w+) (?:is |are )?(?:through|via|written by|shown by|shown through) `?(\w+)`?",
                            text or ""):  # "with the day through `short_day` and the price through `money`"
        field, function = fields.get(said.group(1)), functions.get(said.group(2))
        if field is not None and function is not None and len(function.params) == 1:
            found.setdefault(field.name.upper(), f"{function.name}(item.{field.name})")
    for said in re.finditer(r"\b([A-Z][A-Z_]*)\s+(?:is|=|being)\s+`(\w+)` or `(\w+)`", text or ""):
        flag = next((f for f in entity.fields if type_name(f.type) == "bool"
                     and said.group(2) in _bool_forms(f.name)), None)  # "STATE is `paid` or `unpaid`"
        if flag is not None:
            found.setdefault(said.group(1), f"{said.group(2)!r} if item.{flag.name} else {said.group(3)!r}")
    return found


def _line_capitals(context: Context) -> set[str]:
    """The words in capitals of the lines a command's words show in backticks (`N cards worth
    TOTAL`): the placeholders its words may define."""
    return {token for line in re.findall(r"`([^`]+)`", context.text) for token in re.findall(r"\b[A-Z]{2,}\b", line)}


COUNT_LINE = re.compile(r"(?:\b(?:(?:and )?then|after (?:the|them|it|all|those)(?: \w+)?,? (?:comes?|there is)|followed by|"
                        r"(?:and )?(?:at the end|below them))?,? (?:a|one) (?:last |final |closing )?line,?|"
                        r"\bafter (?:them|those|all of them),?|(?:^|[.;]\s*)(?:[Tt]he )?[Ll]ast line(?: is)?:?) `([^`]+)`")
# "..., and after them `to pay: PRICE`", "Last line: `total held: AMOUNT`."


@_per_command
def _count_line(context: Context) -> str | None:
    """A last line after a listing that counts what it showed: "one name per line ..., and then
    a last line `total: N` with the number of people", "After the dates comes a line `N walks`",
    "and then a line `N children`": the line, its one number placeholder standing for the count
    (``{count}``); None otherwise."""
    for match in COUNT_LINE.finditer(context.text):
        line = match.group(1)
        capitals = list(dict.fromkeys(re.findall(r"\b[A-Z][A-Z_]*\b", line)))
        counted = [name for name in capitals if name in ("N", "COUNT", "TOTAL", "NUMBER")]
        after = context.text[match.end():match.end() + 60].lower()
        summed = re.match(r"\s*\((?:all|the|every) (?:the )?(\w+)\b", after)  # "`total: N` (all runs that day)"
        field = context.field(summed.group(1)) if summed and context.entity is not None else None
        if len(counted) == 1 and field is not None and is_number(field.type) and same(summed.group(1), field.name):
            return re.sub(rf"\b{counted[0]}\b", "{sum(item." + field.name + " for _, item in rows)}",
                          line.replace("{", "{{").replace("}", "}}"))
        summed_line = _summed_line(context, line, capitals, after)
        if summed_line is not None:
            return summed_line
        if len(counted) != 1 or re.search(r"\b(?:adds?|added|sum|summed|total of)\b", after):
            continue
        template = re.sub(rf"\b{counted[0]}\b", "{count}", line.replace("{", "{{").replace("}", "}}"))
        for name in capitals:  # "`N badges - RANK`, ... where RANK is rank_for(N)"
            if name == counted[0]:
                continue
            said = re.search(rf"\b{name},? (?:is|being|=) (\w+)\({counted[0]}\)", context.text)
            if said is None or said.group(1) not in context.functions:
                break
            template = re.sub(rf"\b{name}\b", "{" + said.group(1) + "(count)}", template)
        else:
            return template
    return _sample_total_line(context) or _counted_sample_line(context)


@_per_command
def _counted_sample_line(context: Context) -> str | None:
    """A last line told as what its numbers count, then a sample of it: "After the squares comes
    one more line that counts only the squares just listed, and how many of those have no maker:
    `3 squares, 1 with no maker`" -> ``{count} squares, {sum(...)} with no maker``, the second
    number counting the lines shown whose state the words name (a text field empty, a yes/no
    field true or not)."""
    said = re.search(r"\b[Aa]fter (?:the|them|those|all)(?: \w+)?,? (?:comes?|there is|it prints) (?:one more|a|one|a last|"
                     r"a final) line (?:that |which )?counts? ([^`]*?):\s*`([^`]+)`", " ".join(context.text.split()))
    if said is None or context.entity is None:
        return None
    told, sample = said.group(1).lower(), said.group(2)
    numbers = list(re.finditer(r"(?<![\w.])\d+(?![\w.])", sample))
    those = re.search(r"\bhow many of (?:those|them|these) (?:have|has|are|is|were) (not |no |un)?(\w+)\b", told)
    if len(numbers) != 2 or those is None:
        return None
    word = those.group(2)
    emptied = context.field(word) if those.group(1) == "no " else None
    flag = next((f for f in context.fields_of("bool") if word in _bool_forms(f.name)), None)
    if emptied is not None and type_name(emptied.type) == "str":
        condition = f"not item.{emptied.name}"  # "have no maker"
    elif flag is not None and those.group(1) != "no ":
        condition = f"{'not ' if those.group(1) else ''}item.{flag.name}"  # "are finished", "are not paid"
    else:
        return None
    text = sample.replace("{", "{{").replace("}", "}}")
    first, second = numbers
    return (text[:first.start()] + "{count}" + text[first.end():second.start()]
            + f"{{sum(1 for _, item in rows if {condition})}}" + text[second.end():])


SAMPLE_PARTS = r"\s*\(((?:`[^`]*`|[^()`])+)\)"  # "`C7: Sea Breeze, ...` (berth, boat, ...)": a sample's parts after it
PART_SEPARATOR = re.compile(r",\s*(?:then\s+|and\s+)?|\s+then\s+")  # "(number of lines printed, then ...)"
SAMPLE_TOTAL = re.compile(rf"\b(?:total|last|final|closing|summary|count) line\b[^`.]{{0,20}}?`([^`]+)`{SAMPLE_PARTS}|"
                          rf"\b[Aa]fter the (?:lines|rows|list)\b[^`.]{{0,30}}?`([^`]+)`{SAMPLE_PARTS}")


def _sample_total_line(context: Context) -> str | None:
    """A last line after a listing given as a sample and the parts that vary in it: "After the
    lines, one total line: `3 runs, 4.5 GB` (number of lines printed, then size_text of the sum
    of their sizes)" -> ``{count} runs, {size_text(sum(item.size_gb for _, item in rows))}``;
    "`3 boats, 1 unpaid` (lines printed, how many of them unpaid)" counts the lines whose
    `paid` is false. None unless every part is one of those."""
    said = SAMPLE_TOTAL.search(context.text)
    if said is None or context.entity is None:
        return _told_total_line(context)
    sample, parts = (said.group(1), said.group(2)) if said.group(1) else (said.group(3), said.group(4))
    return _total_from_parts(context, sample, parts)


TOLD_TOTAL = re.compile(r"\b(?:after|below|under) (?:the|them|those|all the) ?(?:lines|rows|list|records|entries|\w+)?,? "
                        r"(?:comes?|there is|there's|is|goes|follows) (?:one more|a last|a final|another|one|a) (?:\w+ )?line,? "
                        r"(?:with|showing|giving|of|that gives|that shows) ((?:[^`.]|`[^`]*`)+?),? "
                        r"(?:like|e\.g\.|as in|for example),? `([^`]+)`", re.IGNORECASE)


def _told_total_line(context: Context) -> str | None:
    """A last line told in words, then a sample: "After the lines comes one more line with how
    many lines there were and how many moths they add up to, like `3 catches, 12 moths`" ->
    ``{count} catches, {sum(item.count for _, item in rows)} moths`` (the one number field
    that holds how many, or the one number field)."""
    said = TOLD_TOTAL.search(context.text)
    if said is None or context.entity is None:
        return None
    numbers = context.fields_of("int", "float")
    held = [f for f in numbers if re.match(r"how many\b", (f.description or "").lower())]
    target = (held or numbers)[0] if len(held or numbers) == 1 else None
    parts = []
    for part in re.split(r",?\s+and\s+|,\s+", said.group(1).strip()):
        if re.fullmatch(r"how many (?:lines|rows|entries|records|of them|\w+) (?:there (?:were|are)|(?:were |are )?(?:shown|printed|listed))",
                        part.strip(), flags=re.IGNORECASE):
            parts.append("number of lines printed")
        elif target is not None and re.fullmatch(r"(?:how many \w+|what) (?:they|those|these|the lines|it all) (?:add up to|come to|"
                                                 r"make together|total)|how many \w+ (?:in all|altogether|in total)",
                                                 part.strip(), flags=re.IGNORECASE):
            parts.append(f"sum of {target.name}")
        else:
            return None
    return _total_from_parts(context, said.group(2), ", ".join(parts))


def _total_from_parts(context: Context, sample: str, parts: str) -> str | None:
    """``_sample_total_line`` of one sample and its parts' words."""
    pieces, expressions, patterns = [], {}, {}
    for part in PART_SEPARATOR.split(parts.strip()):
        part = re.sub(r"^(?:the|its)\s+", "", part.strip().lower())
        name = f"PART{len(pieces)}"
        counted = re.fullmatch(r"(?:(?:number|count) of )?(?:lines|rows|\w+) (?:printed|shown|listed)|(?:number|count) of "
                               r"(?:lines|rows|them|\w+)", part)
        flagged = re.fullmatch(r"how many of (?:them|those|these) (?:are |were )?(?:on |set to )?(not |un)?(\w+)", part)
        summed = re.fullmatch(r"(?:(\w+) of )?(?:the )?(?:sum|total) of (?:their |the |all |all the |those )?(\w+)"
                              r"(?: over (?:the |all )?(?:lines|rows|\w+)(?: printed| shown| listed)?)?|"
                              r"()(?:summed|total) (\w+)", part)  # "summed stock"
        if counted:
            expressions[name], patterns[name] = "count", [NUMBER_VALUE]
        elif flagged:
            flag = context.field(flagged.group(2))
            if flag is None or type_name(flag.type) != "bool":
                return None
            negated = "not " if flagged.group(1) else ""
            expressions[name], patterns[name] = f"sum(1 for _, item in rows if {negated}item.{flag.name})", [NUMBER_VALUE]
        elif summed:
            noun = summed.group(2) or summed.group(4)
            target = context.field(singular(noun)) or next(
                (f for f in context.fields_of("int", "float") if f.name.split("_")[0] == singular(noun)), None)
            writer = context.functions.get(summed.group(1)) if summed.group(1) else None
            if target is None or not is_number(target.type) or (summed.group(1) and writer is None):
                return None
            total = f"sum(item.{target.name} for _, item in rows)"
            expressions[name] = f"{writer.name}({total})" if writer else total
            patterns[name] = _value_patterns(name, {name: expressions[name]}, context.entity, context.functions) \
                if writer else [NUMBER_VALUE]
        else:
            return None
        pieces.append(("placeholder", name))
    if len(pieces) < 1:
        return None
    placed = _aligned_to_sample(pieces, sample, {}, context.entity, context.functions, frozenset(), patterns)
    if placed is None:
        return None
    line, decimals = placed
    line = line.replace("{", "{{").replace("}", "}}").replace("\u2060", "")
    for name, expression in expressions.items():
        written = decimals.get(f"{name}_TEXT")
        expression = written.replace(f"item.{name.lower()}", expression) if written else expression
        line = re.sub(rf"\b{name}(?:_TEXT)?\b", lambda _, e=expression: "{" + e + "}", line)
    return line


def _summed_line(context: Context, line: str, capitals: list[str], after: str) -> str | None:
    """A last line whose one placeholder the words after it say is what the listed records add
    up to: "Then a last line `total: AMOUNT` with all of that term's payments added up" ->
    ``total: {pounds(sum(item.pence for _, item in rows))}``, the placeholder's field and
    writer read where the project writes it (``placeholder_writers``), or the number field
    of its name."""
    said = re.match(r"\s*[,(—-]?\s*(?:with|being|is|=|for)? ?(?:(?:all (?:of )?)?(?:the |those |these |their |its |"
                    r"that \w+'s |this \w+'s )?(\w+) (?:added up|added together|summed(?: up)?|together)\b|"
                    r"the (?:sum|total) of (?:all )?(?:the |their |its |those )?(\w+))", after)
    totalled = said is None and re.search(r"\btotal\b", re.sub(r"\b[A-Z][A-Z_]*\b", " ", line).lower())
    shown = list(re.finditer(r"[£$€]?\d[\d,]*(?:\.\d+)?", line))
    if said is not None and not capitals and len(shown) == 1 and context.entity is not None:
        target = context.field(singular(said.group(1) or said.group(2)))  # "`owed: £90.00` with the sum of those prices"
        if target is None or not is_number(target.type):
            return None
        token = shown[0].group(0)
        shape = re.escape(token[0]) + r"\d[\d,]*" + (rf"\.\d{{{len(token.split('.')[1])}}}" if "." in token else "")
        function = next((function for function, written in placeholder_writers(context.project, context.index).values()
                         if written == target.name), None) or next(
            (name for name, pairs in _number_writers(context.index).items()
             if pairs and all(re.fullmatch(shape, str(text)) for _, text in pairs)), None)
        # the field's project-wide writer, else the one that writes every amount like `£90.00` (`money(3.5) == "£3.50"`)
        total = f"sum(item.{target.name} for _, item in rows)"
        value = f"{function}({total})" if function and not token[0].isdigit() else total
        before, after = (part.replace("{", "{{").replace("}", "}}") for part in (line[:shown[0].start()], line[shown[0].end():]))
        return before + "{" + value + "}" + after
    if (said is None and not totalled) or len(capitals) != 1 or context.entity is None:
        return None  # (`total held: AMOUNT` says it in its own words)
    noun = said.group(1) or said.group(2) if said else context.entity.name
    placeholder = capitals[0]
    writer, written = placeholder_writers(context.project, context.index).get(placeholder, (None, None))
    target = context.field(written) if written else context.field(placeholder.lower())
    if target is None or not is_number(target.type) or not (
            same(noun, context.entity.name) or same(noun, target.name) or noun in RECORD_NOUNS):
        return None
    total = f"sum(item.{target.name} for _, item in rows)"
    return re.sub(rf"\b{placeholder}\b", "{" + (f"{writer}({total})" if writer else total) + "}",
                  line.replace("{", "{{").replace("}", "}}"))


def _summed_placeholder(context: Context, candidate: Interpretation) -> tuple[str, str] | None:
    """A placeholder of an update's line that the words define as what the records it changes
    add up to: "`PERSON paid AMOUNT`, the amount being what those orders add up to (written by
    pounds)" -> ``("AMOUNT", "pounds(sum(row[1].pence for row in rows))")``, over the one
    number field kept in money (or the one number field)."""
    said = re.search(r"\bthe (\w+) being what (?:those|these|the|they|its|their) (?:\w+ )?(?:adds?|come) (?:up )?to\b|"
                     r"\b([A-Z][A-Z_]*),? (?:being|=|is) what (?:those|these|the|they) (?:\w+ )?(?:adds?|come) (?:up )?to\b",
                     context.text)
    placeholder = (said.group(1) or said.group(2)).upper() if said else None
    if placeholder is None or not re.search(rf"\b{placeholder}\b", candidate.message_pattern or "") \
            or context.field(placeholder.lower()) is not None:
        return None
    other = re.match(r"\s*\((?:as|like|the same as) (?:in |for |with )?`?(\w+)`?\)", context.text[said.end():])
    model = next((c for c in context.project.commands if other and c.name == other.group(1) and c is not context.command),
                 None)
    borrowed = _summed_calls_defined(Context(model, context.project, context.store, None, context.index)).get(
        placeholder) if model is not None else None
    if borrowed is not None:  # "AMOUNT = what those trips add up to (as in owed)", owed saying how
        writer, inner = re.fullmatch(r"(\w+)\((.*)\)", borrowed).groups()
        return placeholder, f"{writer}(sum({inner.replace('item.', 'row[1].')} for row in rows))"
    numbers = context.fields_of("int", "float")
    money = [f for f in numbers if f.name.lower() in MONEY_FIELDS or re.search(
        r"\b(?:pence|cents?|price|cost|amount)\b", (f.description or "").lower())]
    chosen = money if len(money) == 1 else numbers if len(numbers) == 1 else []
    if not chosen:
        return None
    total = f"sum(row[1].{chosen[0].name} for row in rows)"
    written = re.search(r"\b(?:written|shown|formatted) (?:by|with|through|using) (\w+)", context.text[said.end():][:80])
    writer = context.functions.get(written.group(1)) if written else None
    return placeholder, f"{writer.name}({total})" if writer is not None else total


def _both_written(context: Context, field_name: str) -> str | None:
    """The spec function that writes a changed field's value before and after: "both amounts
    written by euros", "both through money()", "both heights shown with height_text"; else the
    project's writer of that field (``placeholder_writers``)."""
    said = re.search(r"\bboth (?:\w+ ){0,2}(?:(?:are |is )?(?:written|shown|formatted|printed) )?(?:by|with|through|via|"
                     r"using) (\w+)", context.text)
    function = context.functions.get(said.group(1)) if said else None
    if function is not None and len(function.params) == 1 and function.returns is not None \
            and type_name(function.returns) == "str":
        return function.name
    cased = re.search(r"\bboth (?:\w+ ){0,2}(?:in )?(upper|lower) ?case\b", context.lower)
    if cased:  # "Prints `#ID OLD -> NEW` (both grades upper case)"
        return f"str.{cased.group(1)}"
    written = next((name for name, field in placeholder_writers(context.project, context.index).values()
                    if field == field_name), None)
    return written or _said_writer(context, field_name)


def _said_writer(context: Context, field_name: str) -> str | None:
    """The spec function the project says writes a kind of value, for a field of that kind:
    "Money is always shown with money() and times with duration()" over `price: float — what I
    charged, in pounds` -> ``money``."""
    target = context.field(field_name)
    if target is None:
        return None
    text = " ".join(strip_fences(context.project.description or "").split()).lower()
    for said in re.finditer(r"\b(\w+) (?:is |are )?(?:always )?(?:shown|written|printed|formatted)? ?(?:with|by|through|via|"
                            r"using) (\w+)\(\)", text):
        noun, name = said.groups()
        function = context.functions.get(name)
        if function is None or len(function.params) != 1 or not is_number(function.params[0].type):
            continue
        money = noun in ("money", "amounts", "prices", "sums") and (target.name.lower() in MONEY_FIELDS or re.search(
            r"\b(?:pounds|euros?|dollars|pence|cents?|price|cost)\b", (target.description or "").lower()))
        if money or same(noun, target.name):
            return function.name
    return None


def _in_minor_units(context: Context, field: str | None) -> bool:
    """Whether an aggregated field holds pence or cents: a field described "in pence", or a spec
    function of the record (``call:cost(...)``) whose words say it gives pence."""
    if not field:
        return False
    if field.startswith("call:"):
        function = context.functions.get(field[5:].split("(")[0])
        said = function.description if function is not None else ""
    else:
        target = context.field(field)
        said = target.description if target is not None else ""
    return bool(re.search(r"\bin (?:whole )?(?:pence|cents|pennies)\b", (said or "").lower()))


def _money_writer(context: Context):
    """The one-number spec function the project's words say writes every amount of money: "every
    amount of money is shown with dollars()", "Values are always typed in cents ... and always
    shown with money()"."""
    text = " ".join((context.project.description or "").split())
    said = re.search(r"\b(?:amounts?|sums?|totals?|prices?|values?|money)\b[^.]*?\b(?:is|are) (?:always )?(?:written|shown|"
                     r"formatted|printed) (?:with|by|through|using|via) (\w+)|\band always (?:written|shown|formatted|printed) "
                     r"(?:with|by|through|using|via) (\w+)", text)
    function = context.functions.get(said.group(1) or said.group(2)) if said else None
    if function is None:  # money's own words: "An amount of pence written as pounds ... Every amount the program
        function = next((f for f in context.functions.values() if re.search(  # prints is written this way."
            r"\bevery (?:amount|sum|price|total)\b[^.]*\b(?:is|are) (?:written|shown|printed|formatted) (?:this|that) way\b|"
            r"\ball (?:amounts|money|prices|sums)\b[^.]*\b(?:are )?(?:written|shown|printed) (?:this|that) way\b",
            " ".join((f.description or "").split()), flags=re.IGNORECASE)), None)
    if function is None:  # "Money is printed with two decimals and no currency sign (see `money`)"
        pointed = re.search(r"\b(?:money|amounts?|prices?|sums?|totals?)\b[^.]*?\b(?:is|are) (?:always )?(?:written|shown|"
                            r"formatted|printed)\b[^.]*?\((?:see|via|by|with|using) `?(\w+)`?(?:\(\))?\)", text,
                            flags=re.IGNORECASE)
        function = context.functions.get(pointed.group(1)) if pointed else None
    return function if function is not None and len(function.params) == 1 and function.returns is not None \
        and type_name(function.returns) == "str" else None


def _products_defined(context: Context) -> dict[str, str]:
    """Placeholders the project's or the command's words define in lower case as arithmetic over
    two number fields of the record: "A job's total is its nights times its rate" makes `TOTAL`
    ``item.nights * item.rate``, written by the writer "every amount of money is shown with
    dollars()" names (when the word is one for money)."""
    if context.entity is None:
        return {}
    text = " ".join(f"{context.project.description or ''} {context.text}".split())
    shown = _line_capitals(context)
    operators = {"times": "*", "multiplied by": "*", "plus": "+", "minus": "-"}
    money = _money_writer(context)
    found = {}
    for match in re.finditer(r"\b(?:an? |the )?(?:\w+'s )?([a-z]+)(?: of (?:an? |the )?\w+)? is (?:its |the |their )?([a-z_]+) "
                             r"(times|multiplied by|plus|minus) (?:its |the |their )?(?:([a-z_]+) of (?:its |the |their )?)?"
                             r"([a-z_]+)\b", text):
        name, left, op, function_name, right = match.groups()
        first, second = context.field(left), context.field(right)
        function = context.functions.get(function_name) if function_name else None
        if name.upper() not in shown or context.field(name) is not None or first is None or second is None \
                or not (is_number(first.type) and is_number(second.type)) or (function_name and function is None):
            continue
        operand = f"{function.name}(item.{second.name})" if function else f"item.{second.name}"
        expression = f"item.{first.name} {operators[op]} {operand}"  # "its nights times nightly of its people"
        found[name.upper()] = f"{money.name}({expression})" if money is not None and (
            name in (*MONEY_FIELDS, "total", "sum", "bill", "due", "owed")) else expression
    return found


def _summed_calls_defined(context: Context) -> dict[str, str]:
    """Placeholders the words define as a writer of a spec function's values added up over the
    records: "AMOUNT = pounds() of the claims of the unpaid trips added up (each trip's
    claim_pence, not the miles added up first)" -> ``{"AMOUNT": "pounds(claim_pence(item.miles))"}``
    (the writer of the sum of ``claim_pence(item.miles)``, as a summary reads it). The spec
    function is the one named ("each trip's claim_pence"), or the one inside the line the project
    defines for the noun (`CLAIM = pounds(claim_pence(miles))` for "the claims")."""
    if context.entity is None:
        return {}
    project = " ".join((context.project.description or "").split())
    found = {}
    for match in re.finditer(r"\b([A-Z][A-Z_]*),? (?:=|is|being) (\w+)\(\) of (?:the |all )?(\w+)\b([^.;]*?\badded up\b[^.;]*)",
                             context.text):
        name, writer_name, noun, rest = match.groups()
        writer = context.functions.get(writer_name)
        if writer is None or writer.returns is None or type_name(writer.returns) != "str":
            continue
        named = re.search(r"\beach \w+'s (\w+)\b", rest)
        inner = None
        if named and named.group(1) in context.functions:
            function = context.functions[named.group(1)]
            fields = [context.field(param.name) for param in function.params]
            if fields and all(f is not None for f in fields):
                inner = f"{function.name}({', '.join(f'item.{f.name}' for f in fields)})"
        defined = re.search(rf"\b{re.escape(singular(noun).upper())} = {re.escape(writer_name)}\((\w+)\(([\w, ]+)\)\)", project)
        if inner is None and defined and defined.group(1) in context.functions:
            fields = [context.field(argument.strip()) for argument in defined.group(2).split(",")]
            if all(f is not None for f in fields):
                inner = f"{defined.group(1)}({', '.join(f'item.{f.name}' for f in fields)})"
        if inner is not None:
            found[name] = f"{writer.name}({inner})"
    return found


#: a command's words that send it to the record's line the project states once
AS_ABOVE = (r"\b(?:printed|shown|written|listed|given|displayed) (?:just |exactly )?(?:(?:as|like) (?:above|before|usual)|"
            r"(?:in )?the usual way)\b")  # "One dish per line, shown the usual way"


def _entity_line(context: Context) -> tuple[str, str] | None:
    """``project_line`` of the command's entity, read once per entity (every candidate of every
    command asks)."""
    if context.entity is None:
        return None
    if context.entity.name not in context.index.project_lines:
        context.index.project_lines[context.entity.name] = project_line(context.project, context.entity)
    return context.index.project_lines[context.entity.name]


def _defined_calls(context: Context) -> dict[str, str]:
    """Placeholders the command names by a term the project defines as a spec function of the
    record's fields: "where N is the card's travel time" with "The *travel time* of an arrived
    card is `days_between(SENT, ARRIVED)`" -> ``{"N": "days_between(item.sent, item.arrived)"}``."""
    found = {}
    for term, meaning in _terms_defined(context).items():
        call = re.fullmatch(r"(\w+)\(([^()]*)\)", meaning.strip())
        function = context.functions.get(call.group(1)) if call else None
        if function is None:
            continue
        fields = [context.field(argument.strip()) for argument in call.group(2).split(",")]
        if not fields or any(f is None for f in fields):
            continue
        for said in re.finditer(rf"\b([A-Z][A-Z_]*),? (?:is|being|=) (?:the \w+'s |its |their |the )?{re.escape(term)}\b",
                                context.text):
            found[said.group(1)] = f"{function.name}({', '.join(f'item.{f.name}' for f in fields)})"
    return found


def typed_arguments(command, project) -> list[str]:
    """The arguments a refusal shows as they were typed, before any cleaning: "In that message
    BOWLER is the name exactly as the user typed it", "`nobody drew PICK` (PICK as typed)",
    "`already have a hog called NAME` (as typed)", the project's "in a refusal about a name that
    is not on the sheet, NAME is the argument as typed"."""
    said = set()
    for text in (command.description or "", project.description or ""):
        text = " ".join(text.split())
        said |= set(re.findall(r"\b([A-Z][A-Z_]*),? is the \w+ (?:exactly )?as (?:the user |you |I )?typed\b", text))
        said |= set(re.findall(r"\(([A-Z][A-Z_]*) as typed\)", text))
        for match in PROSE_ERROR.finditer(text):  # "say `bad day X` (X is the day as I wrote it)"
            if re.search(r"\bas (?:I|you|the user) (?:wrote|typed|gave) it\b|\bas typed\b", match.group("note") or ""):
                shown = _letters_named(match.group("msg"), match.group("note"), match.group("cond"), command.params)
                said |= set(re.findall(r"\b[A-Z][A-Z_]*\b", shown))
        for message in re.findall(r"`([^`]*)`\s*\(as typed\)", text):
            said |= set(re.findall(r"\b[A-Z][A-Z_]*\b", message))
    return [param.name for param in command.params if param.name.upper() in said]


def _called_on_fields(context: Context) -> dict[str, str]:
    """A placeholder the words (the command's or the project's) write as a spec function called
    on the record's fields: "Wherever an output shows P%, P is percent_left(LEFT, SIZE) of that
    perfume" -> ``{"P": "percent_left(item.left, item.size)"}``."""
    found = {}
    text = " ".join([context.text, *(" ".join((text or "").split()) for text in [  # the command's words first, then
        context.project.description, *(c.description for c in context.project.commands if c is not context.command)])])
    for said in re.finditer(r"\b([A-Z][A-Z_]*),? (?:is|=|being|means) (\w+)\(([^()]*)\)", text):  # the others' ("where
        # LEVEL is heat_level(HEAT)" in add, for list's `NAME (BRAND): HEAT SHU, LEVEL, B bottles`)
        function = context.functions.get(said.group(2))
        named = [argument.strip() for argument in said.group(3).split(",")]
        arguments = [next((f for f in context.entity.fields if f.name.upper() == argument), None) for argument in named]
        if function is None or said.group(1) in found or context.field(said.group(1).lower()) is not None \
                or len(arguments) != len(function.params) or any(a is None for a in arguments) \
                or any(p.name.upper() in named for p in context.params):  # `DAY` an argument: see _written_calls
            continue
        found[said.group(1)] = f"{function.name}({', '.join(f'item.{a.name}' for a in arguments)})"
    return found


FUNCTION_DEFINITION = r"\b([A-Z][A-Z_]*),? (?:being|is|=|means) (?:the )?(\w+)(?:\(\))? (?:of|for|from) ([^.;)]+)"


def _function_of_fields(context: Context) -> dict[str, str]:
    """A placeholder the words define as a spec function of the record's fields, named in
    words: "`ITEM: covered until DATE`, DATE being expiry() of the purchase date and the months"
    -> ``{"DATE": "expiry(item.bought, item.months)"}`` (`bought: str — the purchase date`);
    the command's own words first, then the other commands' and the project's."""
    found = {}
    if context.index.function_definitions is None:  # said once, for every line of the project: read once
        context.index.function_definitions = [
            (command, *match.groups()) for command in [*context.project.commands, None]
            for match in re.finditer(FUNCTION_DEFINITION, " ".join(
                ((command.description if command is not None else context.project.description) or "").split()))
            if match.group(2) in context.functions]
    said_here = [(context.command, *match.groups()) for match in re.finditer(FUNCTION_DEFINITION, context.text)]
    for _, name, function_name, rest in [*said_here, *(definition for definition in context.index.function_definitions
                                                       if definition[0] is not context.command)]:
        if name in found:
            continue
        function = context.functions.get(function_name)
        if function is None or context.field(name.lower()) is not None \
                or name in placeholder_writers(context.project, context.index):
            continue  # `HM = hm of its minutes`: a writer of the project's, placed as such
        rest = rest.split(" (", 1)[0]  # "... to DAY (and it says `1 day` instead of `1 days`)"
        phrases = [phrase for phrase in re.split(r",\s*(?:and\s+)?|\s+and\s+", rest) if phrase.strip()]
        if len(phrases) != len(function.params):  # "D is days_open from the day it was reported to DAY"
            phrases = [phrase for phrase in re.split(r"\s+(?:to|until|till)\s+", rest) if phrase.strip()]
        if len(phrases) != len(function.params):
            continue
        fields_ = []
        for phrase in phrases:
            given = next((p for p in context.params if phrase.strip() == p.name.upper()), None)
            if given is not None:  # an argument in capitals: `DAY`
                fields_.append(given.name)
                continue
            said = [word for word in words(phrase) if word not in ("the", "a", "an", "its", "their", "of")]
            named = [f for f in context.entity.fields if any(same(word, f.name) for word in said)]
            described = [f for f in context.entity.fields if said and set(said) <= set(words(f.description))]
            chosen = named if len(named) == 1 and (len(said) == 1 or not described) else described
            # "its start day" is the field described so (`started`), not `days`
            if len(chosen) != 1:
                break
            fields_.append(f"item.{chosen[0].name}")
        else:
            found[name] = f"{function.name}({', '.join(fields_)})"
    said_from = r"\b([A-Z][A-Z_]*) (?:from|by|via|using|as worked out by|as given by) (\w+)\b(?! of\b)"
    if context.index.function_sources is None:  # said in any command: read once for the project
        context.index.function_sources = [
            said.groups() for command in context.project.commands
            for said in re.finditer(said_from, " ".join((command.description or "").split()))
            if said.group(2) in context.functions]
    for name, function_name in [said.groups() for said in re.finditer(said_from, context.text)] + \
            context.index.function_sources:  # "`... H% hydration`, with H from hydration": its parameters
        function = context.functions.get(function_name)  # are fields of the same names
        fields_ = [context.field(param.name) for param in function.params] if function is not None else []
        if name not in found and fields_ and all(f is not None and same(f.name, param.name)
                                                 for f, param in zip(fields_, function.params)) \
                and context.field(name.lower()) is None:
            found[name] = f"{function.name}({', '.join(f'item.{f.name}' for f in fields_)})"
    return found


def _line_definitions(context: Context, sentence: str) -> dict[str, str]:
    """Placeholders the sentence of a project-wide line defines: "PERCENT being the CO2
    concentration" (the field its description names), "ERROR is error_pct of the entry written
    with pct" (a spec function of the record's fields, through a writer), "VERDICT is verdict of
    that (rounded) error with the entry's tolerance" (a function of another placeholder's number
    and a field)."""
    found: dict[str, str] = {}
    inner: dict[str, str] = {}  # a placeholder's number before its writer
    record = rf"(?:the |each |every |an? )?(?:{RECORD_NOUNS_RE}|{re.escape(context.entity.name.lower())})"
    sentence = re.sub(r"`([A-Z][A-Z_0-9]*|\w+)`", r"\1", sentence)  # "where `FLOOR` is `floor_name` of its floor"
    clauses = re.split(r",\s*(?:and\s+)?|;\s*|\s+and\s+(?=[A-Z]{2,}\b)", " ".join(sentence.split()))
    for clause in clauses:
        named = re.match(r"\s*(?:where\s+)?([A-Z][A-Z_0-9]*)\s+(?:is|being|=|means)\s+(.+)", clause) or re.search(
            r"\bwhere\s+([A-Z][A-Z_0-9]*)\s+(?:is|being|=|means)\s+(.+)", clause)  # "..., heat HEAT where HEAT is ..."
        if named is None:
            continue
        placeholder, rest = named.group(1), re.split(r"\.\s", named.group(2))[0].strip().rstrip(".")
        own = re.fullmatch(rf"(?:what )?(\w+)(?: gives for| of) (?:its|their|the \w+'s|{record}'s) (\w+)", rest, flags=re.IGNORECASE)
        given = context.functions.get(own.group(1)) if own else None  # "`floor_name` of its floor", "what
        if given is not None and len(given.params) == 1 and context.field(own.group(2)) is not None:  # `heat_text`
            found[placeholder] = inner[placeholder] = f"{given.name}(item.{context.field(own.group(2)).name})"  # gives for
            continue  # the jar's heat" (a field's own placeholder too: FLOOR is floor_name of the floor)
        if context.field(placeholder.lower()) is not None:
            continue
        whole = re.fullmatch(r"(?:written|shown|formatted|made|given) (?:with|by|through|using) `?(\w+)`?(?:\(\))?", rest)
        writing = context.functions.get(whole.group(1)) if whole else None
        fields = [context.field(param.name) for param in writing.params] if writing is not None else []
        if len(fields) > 1 and all(f is not None for f in fields):  # "SIZES is written by `sizes_text`" over
            found[placeholder] = f"{writing.name}({', '.join(f'item.{f.name}' for f in fields)})"  # (smallest, largest)
            continue
        writer = re.search(r"\s+(?:written|shown|formatted) (?:with|by|through|using) (\w+)$", rest)
        if writer:
            rest = rest[:writer.start()]
        call = re.fullmatch(rf"(\w+) of {record}", rest, flags=re.IGNORECASE)
        of_that = re.fullmatch(r"(\w+) of that (?:\([^)]*\) )?(\w+) with " + record + r"'s (\w+)", rest,
                               flags=re.IGNORECASE)
        expression = None
        function = context.functions.get((call or of_that).group(1)) if call or of_that else None
        if call and function is not None:
            fields = [context.field(param.name) for param in function.params]
            if all(f is not None for f in fields):
                expression = f"{function.name}({', '.join(f'item.{f.name}' for f in fields)})"
        elif of_that and function is not None:
            earlier = inner.get(of_that.group(2).upper())
            field = context.field(of_that.group(3))
            if earlier and field is not None:
                expression = f"{function.name}({earlier}, item.{field.name})"
        else:
            said = {w for w in words(rest) if w not in ("the", "a", "an", "of", "its")}
            described = [f for f in context.fields_of("int", "float") if said and said <= set(words(f.description))]
            expression = f"item.{described[0].name}" if len(described) == 1 else None
        if expression is None:
            continue
        inner[placeholder] = expression
        used = context.functions.get(writer.group(1)) if writer else None
        found[placeholder] = f"{used.name}({expression})" if used is not None else expression
    return found


def _flag_chosen_words(context: Context, text: str) -> dict[str, str]:
    """A placeholder the words define as one of two words by a flag the record keeps: "HOW =
    `card` w/ `--card`, `cash` w/o" -> ``('card' if item.card else 'cash')``."""
    found = {}
    for match in re.finditer(r"\b([A-Z][A-Z_]*)\s*(?:=|is)\s*`([^`]+)`\s*(?:w/|with|when given|if given)\s*`?--([\w-]+)`?"
                             r",?\s*(?:and |or |else |otherwise )?`([^`]+)`", text):
        flag = context.field(match.group(3).replace("-", "_"))
        if flag is not None and type_name(flag.type) == "bool":
            found.setdefault(match.group(1), f"({match.group(2)!r} if item.{flag.name} else {match.group(4)!r})")
    return found


def _worded_states(context: Context) -> dict[str, str]:
    """A placeholder the words define as words chosen by flags: "STATE is `open` for a job
    that is not closed, `fixed` for a closed job that was fixed, and `beyond repair` for a
    closed job that was not" -> ``('open' if not item.closed else 'fixed' if item.closed and
    item.fixed else 'beyond repair')`` (the last case is what is left)."""
    found = {}
    bools = context.fields_of("bool")
    line = _entity_line(context)
    text = re.sub(r"`([A-Z][A-Z_]*)` is\b", r"\1 is", " ".join([context.text, " ".join((line[1] if line else "").split())]))
    emptied = {f.name: _empty_state(f) for f in context.fields_of("str") if _empty_state(f)}  # `tested: str = "" —
    for match in re.finditer(r"\b([A-Z][A-Z_]*) is ((?:`[^`]+` (?:for|when|if) [^`]+?){2,})(?:\.|$)", text):  # ...,
        cases = re.findall(r"`([^`]+)` (?:for|when|if) (.+?)(?=,? (?:and |or )?`|$)", match.group(2).rstrip(" ."))
        conditions, last = [], None  # or empty if it's never been tested`: "`never tested` if it's never been tested"
        for _, phrase in cases:
            said = []
            for flag in bools:
                forms = "|".join(re.escape(form) for form in _bool_forms(flag.name))
                for mention in re.finditer(rf"\b(?:(not |no longer |never |un))?(?:{forms})\b", phrase.lower()):
                    said.append(f"{'not ' if mention.group(1) else ''}item.{flag.name}")
                    last = flag.name
            for name, state in emptied.items():
                if not said and state <= set(words(phrase.lower())):
                    said.append(f"not item.{name}")
            if not said and last and re.search(r"\b(?:was|is|were|are|did|does) not\s*$|\bnot\s*$|"
                                               r"\b(?:wasn't|isn't|weren't|aren't|didn't|doesn't)\s*$", phrase.lower()):
                said = [f"not item.{last}"]  # "a closed job that was not" (fixed), "or `FAILED ...` if it didn't"
            elif said and last and re.search(r"\b(?:was|is|were|are|did|does) not\s*$", phrase.lower()):
                said.append(f"not item.{last}")
            conditions.append(" and ".join(dict.fromkeys(said)) if said else None)
        if len(cases) < 2 or any(condition is None for condition in conditions[:-1]) \
                or context.field(match.group(1).lower()) is not None:
            continue
        expression = _worded(context, cases[-1][0])
        for (word, _), condition in reversed(list(zip(cases[:-1], conditions[:-1]))):
            expression = f"{_worded(context, word)} if {condition} else {expression}"
        found[match.group(1)] = f"({expression})"
    return found


def _worded(context: Context, word: str) -> str:
    """A state's words as Python: `ok TESTED` -> ``'ok ' + str(item.tested)`` (a field's
    placeholder is its value), `never tested` -> ``'never tested'``."""
    names = [f.name.upper() for f in context.entity.fields] if context.entity is not None else []
    parts = re.split(rf"\b({'|'.join(map(re.escape, names))})\b", word) if names else [word]
    if len(parts) == 1:
        return repr(word)  # (`FAILED TESTED`: FAILED is a word, TESTED the field)
    pieces = [repr(text) if index % 2 == 0 else f"str(item.{text.lower()})" for index, text in enumerate(parts) if text]
    return "(" + " + ".join(pieces) + ")"


def _option_fields(context: Context, param) -> list:
    """The number field the words after `--NAME` name in its sentence: "--min N / --max N on
    cycles, inclusive" (both bound `cycles`)."""
    option = "--" + param.name.replace("_", "-")
    for sentence in re.split(r"(?<=[.;])\s+", context.text):
        found = re.search(rf"{re.escape(option)}(?![\w-])", sentence)
        if found is None:
            continue
        for word in re.findall(r"[a-z]+", sentence[found.end():].lower()):
            named = context.field(word) or next((f for f in context.fields_of("int", "float") if len(word) > 3
                                                 and kin(word, f.name)), None)  # "spots rated 4 stars": `rating`
            if named is not None and is_number(named.type) and named.name != param.name:
                return [named]
    return []


def _option_words(text: str, name: str) -> str | None:
    """The words about one option where a sentence names several: from its `--name` to the
    next option's, or None when it is not named so. A sentence that names the option later
    (`only the nights on or after --since`) keeps the words before it too."""
    option = "--" + name.replace("_", "-")
    bullet = re.search(rf"(?:^|\s)[*-]\s+`?{re.escape(option)}(?![\w-])((?:(?!\s[*-]\s).)*?)(?=\s[*-]\s)", text)
    if bullet:  # "* `--student NAME` keeps only that student's lessons. The whole name has to match ... * `--unpaid`"
        return option + bullet.group(1)  # a list item about one option, up to the next item
    text = next((sentence for sentence in re.split(r"(?<=[.;:])(?<!i\.e\.)(?<!e\.g\.)\s+(?=[*-]\s)|"
                                                   r"(?<=[.;])(?<!i\.e\.)(?<!e\.g\.)\s+", text)
                 if re.search(rf"{re.escape(option)}(?![\w-])", sentence)), "")  # not after "i.e."
    found = re.search(rf"{re.escape(option)}(?![\w-])", text)
    if found is None:
        return None
    before = text[:found.start()]
    if not re.search(r"--[\w-]+", before) and len(re.findall(r"\w+", before)) > 3:
        return None  # the option comes late in its sentence: the whole sentence is about it
    after = text[found.end():]
    following = re.search(r"--[\w-]+", after)
    return option + (after[:following.start()] if following else after)


REAL_DATE = re.compile(r"\b(?:isn't|is not|aren't|are not|not)\s+(?:a |an )?(?:real|valid|proper|correct|existing|"
                       r"actual|possible|genuine)\s+(?:iso |yyyy-mm-dd |calendar )?(?:date|day)\b|"
                       r"\b(?:invalid|impossible|malformed|badly written) (?:iso |yyyy-mm-dd )?(?:date|day)\b|"
                       r"\b(?:date|day) that (?:doesn't|does not|can't|cannot) exist\b|"
                       r"\bnot\s+(?:a |an )?(?:calendar )?(?:date|day)\b[^.;]{0,40}?\b(?:that |which )?"
                       r"(?:actually |really )?(?:exists|is real)\b")  # "not a calendar date ... that exists"


def real_day(text: Any) -> bool:
    """Whether ``text`` is a real calendar date written YYYY-MM-DD (the generated runtime has
    the same helper, for "a day that isn't a real YYYY-MM-DD date")."""
    import datetime

    if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def iso_day(target) -> bool:
    """Whether a text field (or an argument) holds ISO days: its description says
    `YYYY-MM-DD`, or it is called day or date."""
    return bool(re.search(r"\bYYYY-MM-DD\b", getattr(target, "description", "") or "")) \
        or target.name.lower() in ("day", "date")


def _word_filters(context: Context, used: set[str]) -> list[Filter]:
    """Filters the words state with no parameter: "every completed task", "unpaid bills"."""
    found: list[Filter] = []
    lower = re.sub(GIVEN_WHEN, " then", context.lower)  # the state before a worked example is no filter
    all_flag = next((p for p in context.params if type_name(p.type) == "bool"
                     and p.name.lower() in ("all", "everything", "include_all", "show_all")), None)
    unoptioned = " ".join(sentence for sentence in _sentences(context.text) if "--" not in sentence).lower()
    # ("how many things have not been taken yet", not "with `--waiting` only those that have not been delivered")
    for bool_field in context.fields_of("bool"):
        forms = _bool_forms(bool_field.name)
        described = re.search(r"\btrue (?:after|when|if|once|while) (?:it|they|the \w+) (?:was|were|is|are|has been|"
                              r"have been|got) ((?:\w+ )?\w+)", (bool_field.description or "").lower())
        if described and described.group(1) not in forms:  # `returned` "true after it was given out to the owner"
            forms = (*forms, re.escape(described.group(1)))
        forms = (*forms, *(re.escape(said) for said in _described_state(bool_field) if said not in forms))
        # `returned — whether the material has been received back`: "loans that have been received back"
        quantifier = r"\b(?:every|all|each|only|just|the|much|many|of|their|its|his|her|my|our|your)\s+(?:of (?:the|their|its|his|her)\s+)?(?:\w+\s+)?"
        counted = quantifier.replace(r"(?:\w+\s+)?", r"(\w+\s+)?")  # the word between, kept
        antonyms = [word for word, fields in NEGATED_FLAGS.items()
                    if bool_field.name in fields and word not in ("new", "current", "due")]
        negative = re.search(rf"{quantifier}(?:un|non-?|in|not yet |not )(?:{'|'.join(forms)})\b", lower) \
            or re.search(rf"\b(?:that|which) (?:are|is) (?:not|not yet|still not) (?:{'|'.join(forms)})\b", lower) \
            or re.search(rf"\bnot (?:yet )?marked (?:as )?(?:an? )?(?:{'|'.join(forms)})\b", lower) \
            or re.search(rf"\b(?:is|are|still|remains?) (?:still )?(?:un|not yet |not )(?:{'|'.join(forms)})\b", lower) \
            or re.search(rf"\b(?:has not been|have not been) (?:yet )?(?:{'|'.join(forms)})\b", unoptioned) \
            or re.search(rf"\b(?:isn't|aren't|hasn't been|haven't been|wasn't|weren't|is never|was never|"
                         rf"haven't|hasn't|have not|has not|didn't|did not) (?:yet )?(?:{'|'.join(forms)})\b", lower) \
            or (antonyms and re.search(rf"{quantifier}(?:still |currently )?(?:{'|'.join(antonyms)})\b", lower)) \
            or re.search(rf"^(?:the |my |our |all |any )?(?:\w+ )?(?:ones? |that are |which are )?(?:still )?"
                         rf"(?:not yet|not|never) (?:{'|'.join(forms)})\b", lower) \
            or re.search(rf"\b(?:nobody|no one|none of them) (?:has |have |had )?(?:yet )?(?:{'|'.join(forms)})\b",
                         lower) \
            or any(re.fullmatch(rf"(?:un|non)(?:{'|'.join(forms)})", word) for word in context.name_words) \
            or re.search(rf"\b(?:free|available|spare|unused) \w+ \((?:not|not yet) (?:{'|'.join(forms)})\)", lower) \
            or (bool_field.name.lower().endswith("ed") and re.search(  # "the solves without help" over `helped`
                rf"\b\w+ without (?:any )?{re.escape(bool_field.name.lower()[:-2])}\b", lower)) \
            or re.search(rf"(?<!not )(?<!un)\b(?:{'|'.join(forms)}) (?:\w+ )?(?:are |is )?(?:not counted|left out|ignored|"
                         rf"excluded|skipped|not included|not shown|don't count|do not count)\b", lower)
        # `unpaid`; "Retired cells not counted"
        field_names = {f.name.lower() for f in context.entity.fields}
        counted_before = re.search(rf"\bhow many (?:\w+ )?(?:were|are|was|is) (?:already )?(?:{'|'.join(forms)})\b",
                                   lower)  # "N being how many things were packed before"
        positive = counted_before or any(  # "the client paid everything" is a sentence, not "the paid ones"
            not (match.group(1) and match.group(1).strip() in field_names)
            for match in re.finditer(rf"{counted}(?:{'|'.join(forms)})\b", lower)) \
            or re.search(rf"\b(?:that|which) (?:are|is|were|have been) (?:already )?(?:{'|'.join(forms)})\b", lower) \
            or re.search(rf"(?<!not )(?<!un)\b(?:{'|'.join(forms)}) (?:\w+ )?only\b", lower)  # "(paid walks only)"
        if re.search(rf"\b(?:{'|'.join(forms)}) (?:\w+ )?(?:are|is) (?:also )?(?:counted|counting|included|in it|listed|shown)"
                     rf"(?: too| as well| also)?\b|\b(?:{'|'.join(forms)}) (?:\w+ )?(?:count|counts) (?:too|as well|also)\b",
                     lower) and not negative:  # "The failed jobs are counting also"
            continue  # "the paused members are counted too", "Paused members are in it too": no filter
        if negative and positive and re.search(rf"\b(?:every|all|each) (?:\w+ )?(?:{'|'.join(forms)})\b", lower) \
                and re.search(r"\b(?:keep|keeps|stay|stays|remain|remains)\b", lower):
            negative = None  # "Removes every closed job, fixed or not; the open jobs keep their numbers"
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
    found += [flt for flt in _term_states(context, lower) if not any(f.field == flt.field for f in found)]
    for text_field in context.fields_of("str") if not found else ():  # `fixed: str = "" — ...; empty while it is
        state = [word for word in _empty_state(text_field) if word not in ("still", "there", "being")]  # still open`
        if state and re.search(rf"\b(?:that|which|who) (?:are|is) (?:still )?(?:{'|'.join(map(re.escape, state))})\b|"
                               rf"\b(?:the|every|all|each) (?:still )?(?:{'|'.join(map(re.escape, state))}) \w+", lower):
            found.append(Filter(text_field.name, "is false", None))  # "The reports that are still open"
        elif state and context.command.name.lower() in state and not any(same(p.name, text_field.name) for p in context.params) \
                and re.search(r"\bnot (?:in|on|at) (?:any|an?|the) \w+ yet\b|\bnot yet\b|\bstill\b", lower):
            found.append(Filter(text_field.name, "is false", None))  # `waiting`: "Pieces not in any issue yet"
        elif (state or default_value(text_field.default) == "") and context.entity is not None and re.search(
                rf"\b(?:the|every|all|each|only) {re.escape(text_field.name.lower())} (?:{re.escape(context.entity.name.lower())}|"
                rf"{re.escape(plural(context.entity.name.lower()))}|records?|entries|entry|ones?)\b", lower):
            found.append(Filter(text_field.name, "is true", None))  # "removes every fixed report" (not "the tenant gives")
    for optional in [f for f in context.entity.fields if _none_until_set(f)] \
            if context.entity is not None else []:  # `score: int | None = none` set by `rate NAME SCORE`
        setters = [command.name.lower() for command in context.project.commands
                   if any(same(p.name, optional.name) for p in command.params) and command is not context.command]
        done = "|".join(re.escape(name + ("d" if name.endswith("e") else "ed")) for name in setters)
        if not done or any(f.field == optional.name for f in found):
            continue
        opening = re.split(r"(?<=[.;])\s", lower, maxsplit=1)[0]  # the subject is said first, not "the unrated
        later = r"(?! (?:\w+ )?(?:last|first|too|as well|also)\b)"  # trips last" in an order
        if re.search(rf"\b(?:un(?:{done})|not (?:yet )?(?:{done})|never (?:been )?(?:{done}))\b{later}", opening):
            found.append(Filter(optional.name, "is", "None"))  # "the bottles not rated yet"
        elif re.search(rf"\b(?:the|only|all|every|just) (?:\w+ )?(?:{done}) \w+{later}|\b(?:that|which) (?:are|have been|were|got) "
                       rf"(?:{done})\b{later}", opening):
            found.append(Filter(optional.name, "is not", "None"))  # "My favourites: the rated bottles"
    compared = {None: "==", "under": "<", "below": "<", "less than": "<", "over": ">", "above": ">", "more than": ">",
                "at least": ">=", "at most": "<="}
    for said in re.finditer(r"\((\w+) (?:of |at |is |= )?(under |below |less than |over |above |more than |at least |"
                            r"at most )?(-?\d+(?:\.\d+)?)\)", lower):  # "Get rid of the empty bottles (level 0)"
        target = context.field(said.group(1))
        sentence = lower[:said.start()].rsplit(".", 1)[-1]
        typed = context.text.lower().find(said.group(0))  # the option is in backticks: "`--empty`: only the
        sentence += context.text.lower()[:typed].rsplit(".", 1)[-1] if typed >= 0 else ""  # used-up ones (qty 0)"
        if target is None or not is_number(target.type) or "--" in sentence or any(f.field == target.name for f in found):
            continue  # "`--opened` only the bottles I've poured from (level under 100)": the option's own filter
        op = compared[said.group(2).strip() if said.group(2) else None]
        found.append(Filter(target.name, op, said.group(3)))
    states = _states(context) if not found else None
    if states is not None:  # `state: str — waiting, ready or collected`
        target, values = states
        names = "|".join(re.escape(value) for value in values)
        but = re.search(rf"\b(?:{names})(?:,| or)\s*(?:(?:{names})(?:,| or)\s*)?(?:but )?not ({names})\b", lower)
        only = re.search(rf"\b(?:that|which|who) (?:are|is) (?:still |only |just )?({names})\b(?! or\b)", lower)
        if but:  # "the knives that are still with me (waiting or ready, not collected)"
            found.append(Filter(target.name, "!=", repr(but.group(1))))
        elif only:  # "the knives that are ready"
            found.append(Filter(target.name, "==", repr(only.group(1))))
    flags = context.fields_of("bool")
    if not found and len(flags) == 1 and flags[0].name.lower() in NEGATED_FLAGS["outstanding"] and re.search(
            r"\bstill (?:has|have|holds?|keeps?|owes?|owing|borrows?|out|open|due|outstanding)\b", lower):
        found.append(Filter(flags[0].name, "is false", None))  # "how many books each neighbour still has"
    for flag in flags if not found else ():  # "If every boat is back on the trailer it prints `all boats are in`"
        forms = "|".join(_bool_forms(flag.name))
        if re.search(rf"\b(?:if|when|once) (?:every|all(?: the)?|each) (?:\w+ )?(?:is|are|has|have)(?: been| come)? "
                     rf"(?:already |all )?(?:{forms})\b[^.;]*\b(?:prints?|says?|shows?)\b", lower):
            found.append(Filter(flag.name, "is false", None))  # the empty case names what the lines are not
            break
    for said in re.finditer(r"\b(?:empty|used up|run dry),? (?:that is|i\.e\.|meaning) (?:with|at|having) (?:0|zero|no) (\w+)\b|"
                            r"\bhow many\b[^.;]*\b(?:with|having|at) (?:0|zero) (\w+)\b", lower):
        # "how many of the readings found a tank empty, that is with 0 litres"
        target = _number_field_said(context, [said.group(1) or said.group(2)])
        if target is not None and not any(f.field == target.name for f in found):
            found.append(Filter(target.name, "==", "0"))
    counts = _count_fields(context)
    left = re.search(r"\b(fewer|less|more) than (\d+) left\b|\b(\d+) or (fewer|less|more) left\b|"
                     r"\b(?:with|having|that have|that has|have|has) (none|nothing|no \w+) (?:left|in (?:them|it))\b",
                     lower)  # not "when nothing is left"; "How many feeders have nothing in them"
    hiding = re.match(r"[^.;]*?\b(?:are|is) (?:not (?:shown|listed|printed|included)|left out|hidden|skipped|excluded|"
                      r"ignored|passed over)\b", lower[left.end():]) if left else None
    lifted = re.search(r"\b(?:with|having|that have|that has) (?:none|nothing|no \w+) left\b[^.;]*?\bunless `?--([\w-]+)",
                       context.text, flags=re.IGNORECASE) if hiding else None  # the option is in backticks
    flag = next((p for p in context.params if lifted and type_name(p.type) == "bool"
                 and p.name == lifted.group(1).replace("-", "_")), None)
    if len(counts) == 1 and left and left.group(5) and hiding:  # "Batches with no jars left are not shown",
        found.append(Filter(counts[0].name, ">", "0", unless=flag.name if flag else None))  # "... unless `--empty`"
        if flag is not None:
            used.add(flag.name)
    elif len(counts) == 1 and left and not any(p for p in context.params if is_number(p.type)):
        if left.group(1):  # "Items running low (fewer than 3 left)"
            found.append(Filter(counts[0].name, "<" if left.group(1) != "more" else ">", left.group(2)))
        elif left.group(3):
            found.append(Filter(counts[0].name, "<=" if left.group(4) != "more" else ">=", left.group(3)))
        elif not re.search(r"\b(?:leaves? out|hides?|skips?|without|except)\b", lower):
            found.append(Filter(counts[0].name, "<=", "0"))  # "Items with none left"
    for number_field in context.fields_of("int", "float"):  # `times` "how many times ... was given out"
        done = re.search(r"\bhow many times\b[^.;]*?\b(?:was|were|is|are|has been|got) ((?:\w+ )?\w+)",
                         (number_field.description or "").lower())
        if done and re.search(rf"\bnever (?:been )?{re.escape(done.group(1))}\b[^.;]*?\b(?:are|is)? ?(?:not shown|left out|"
                              rf"skipped|hidden|ignored|excluded)\b", lower) and not any(
                                  f.field == number_field.name for f in found):
            found.append(Filter(number_field.name, ">", "0"))  # "never given out are not shown"
    for number_field in context.fields_of("int", "float"):  # "the keys that were lent at least once" over `lent`
        if re.search(rf"\b(?:that|which|who) (?:were|was|have been|has been|got) {re.escape(number_field.name.lower())} "
                     rf"at least once\b", lower) and not any(f.field == number_field.name for f in found):
            found.append(Filter(number_field.name, ">=", "1"))
    for number_field in context.fields_of("int", "float"):  # "The batches that still have bottles" over `bottles`
        name = re.escape(number_field.name.lower().rstrip("s"))
        if not any(f.field == number_field.name for f in found) and re.search(
                rf"\b(?:(?:that|which|who) still (?:have|has|holds?|contains?) (?:some |any )?{name}s?\b(?! (?:at|of|in)\b)"
                rf"|\b(?:with|having|that have|that has) (?:some|any) {name}s? (?:still )?left\b)", lower):
            found.append(Filter(number_field.name, ">", "0"))
    if len(counts) == 1 and not any(f.field == counts[0].name for f in found) and re.search(
            r"\b(?:that|which|who) still (?:have|has) (?:some|any) left\b|\bwith (?:some|any) (?:still )?left\b", lower):
        found.append(Filter(counts[0].name, ">", "0"))  # "The packets that still have some left" over `count`
    for number_field in context.fields_of("int", "float"):  # "Records never played are left out" over `plays`
        unset = re.search(r"\b0\s*(?:=|means|is)\s*(?:not |no |un)(?:yet )?(\w+)", (number_field.description or "").lower())
        for match in re.finditer(r"\b(?:never|not yet|not|un)\s*(\w+ed)\b[^.;]*?\b(?:left out|not shown|skipped|"
                                 r"ignored|hidden|excluded|don't count|do not count|never show|never shown|"
                                 r"don't show|do not show|never appear)\b", lower):
            named = stem(match.group(1)) == stem(number_field.name) or (  # "Unrated gigs" over "0 = not rated yet"
                unset is not None and stem(match.group(1)) == stem(unset.group(1)))
            if named and not any(f.field == number_field.name for f in found):  # (none until set: "is not None")
                unset_is_none = default_value(number_field.default) is None and number_field.default is not None
                found.append(Filter(number_field.name, "is not", "None") if unset_is_none
                             else Filter(number_field.name, ">", "0"))
    for number_field in context.fields_of("int", "float"):  # "0 means not rated yet": "unrated ones left out"
        meaning = re.search(r"\b(-?\d+) means (?:not|no|un)\s*(?:yet )?(\w+)", (number_field.description or "").lower())
        if meaning is None:
            continue
        state = re.escape(meaning.group(2))
        if re.search(rf"\b(?:un{state}|not {state}|not yet {state})\b(?: \w+)?,? (?:are |is |get |gets )?(?:left out|"
                     rf"skipped|not (?:shown|listed|counted|included)|excluded|ignored|hidden|dropped)\b|"
                     rf"\bonly (?:the )?(?:ones? )?{state}\b", lower):
            found.append(Filter(number_field.name, "!=", meaning.group(1)))
    for number_field in context.fields_of("int", "float"):  # "the days with the top score (5)"
        stated = re.search(rf"\bwith (?:a |an |the )?(?:\w+ )?{re.escape(number_field.name.lower())}s?"
                           rf"(?: of)? \(?(-?\d+(?:\.\d+)?)\)?", lower) \
            or re.search(rf"\b(?:in|at|on) (?:the )?{re.escape(number_field.name.lower())} (-?\d+)\b"
                         rf"(?! (?:are |is )?(?:included|too|as well|also)\b)", lower)  # not "entries at qty 0 included"
        if stated and not any(same(p.name, number_field.name) for p in context.params):
            found.append(Filter(number_field.name, "==", stated.group(1)))
    for number_field in context.fields_of("int", "float"):  # "that has qty >= 1": the field compared in symbols
        name = re.escape(number_field.name.lower())
        stated = re.search(rf"\b(?:that has|that have|which has|with|having|where|whose) {name} ?(>=|<=|>|<|==|!=) ?"
                           rf"(-?\d+(?:\.\d+)?)\b", lower)
        if stated and not any(f.field == number_field.name for f in found):
            found.append(Filter(number_field.name, stated.group(1), stated.group(2)))
    for number_field in context.fields_of("int", "float"):  # "Trees with nothing picked shall be left out" over `picked`
        name = re.escape(number_field.name.lower())
        if re.search(rf"\b(?:with|having) (?:nothing|no|zero|0|none) (?:\w+ )?{name}\b[^.;]*?\b(?:left out|skipped|not (?:shown|"
                     rf"listed|counted|included|printed)|excluded|ignored|hidden|dropped)\b|\bfrom which (?:something|anything) "
                     rf"(?:was|has been|got) {name}\b", lower) and not any(f.field == number_field.name for f in found):
            found.append(Filter(number_field.name, ">", "0"))
    for valued in context.entity.fields:  # `time: int | None`: "only runners with a time", "runners without a time"
        name = re.escape(valued.name.lower())
        if type_name(valued.type) == "bool" or "none" not in valued.type.text.lower().replace(" ", "") \
                or any(f.field == valued.name for f in found) or context.field(valued.name) is None \
                or any(p.name == valued.name for p in context.params):
            continue
        if re.search(rf"\bonly (?:the )?(?:\w+ )?(?:with|having|that have|who have) (?:a |an |their )?{name}s?\b", lower):
            found.append(Filter(valued.name, "is true", None))
        elif re.search(rf"^(?:[^.;]*: )?(?:the )?(?:\w+ )?without (?:a |an )?{name}s?\b", lower):
            found.append(Filter(valued.name, "is false", None))  # "Who is still out: runners without a time"
    for valued in context.entity.fields:  # "wines without a price are left out": those with one
        if type_name(valued.type) != "bool" and re.search(
                rf"\bwithout (?:a |an |any )?{re.escape(valued.name.lower())}s? (?:are|is|get|gets) (?:left out|"
                rf"skipped|not (?:shown|listed|counted|included)|excluded|ignored|hidden|dropped)\b", lower):
            found.append(Filter(valued.name, "is true", None))
    if not found and context.command.params == [] and any(
            same(word, bool_field.name) for bool_field in context.fields_of("bool")
            for word in context.name_words):  # `## Command: thirsty` lists the thirsty ones
        for bool_field in context.fields_of("bool"):
            if any(same(word, bool_field.name) for word in context.name_words):
                found.append(Filter(bool_field.name, "is true", None))
                break
    hidden = _hidden_at(context, all_flag) if all_flag is not None and not found else None
    if hidden is not None:  # "sold-out pots (0 on the shelf) are hidden unless `--all`"
        found.append(hidden)
        used.add(all_flag.name)
    if all_flag is not None and not found:
        # "`--all` shows the ones I have seen as well": by default those are hidden
        for bool_field in context.fields_of("bool"):
            if any(re.search(rf"\b{form}\b", lower) for form in _bool_forms(bool_field.name)):
                found.append(Filter(bool_field.name, "is false", None, unless=all_flag.name))
                used.add(all_flag.name)
                break
    every = re.search(r"\b(?:every|all|each|any)\s+(?:\w+\s+){0,2}\((\d+(?:\.\d+)?\s*[a-z%]*(?:\s+[a-z]+){0,3})\)", lower)
    stated = _constant_comparison(context, f"equal to {every.group(1)}") if every and not found else None
    if stated is not None:  # "bin every empty spool (0 g left)": the records with that number
        found.append(stated)
    states = _states(context)
    names = "|".join(re.escape(value) for value in states[1]) if states else ""
    grouped = re.search(rf"\b(?:the|those|all) (?:\w+ )?(?:\w+ )?\(((?:{names})(?:\s*(?:\+|,|or|and)\s*(?:{names}))+)\)",
                        lower) if states else None
    named = set(re.findall(rf"\b(?:{names})\b", grouped.group(1))) if grouped else set()
    left = [value for value in states[1] if value not in named] if states else []
    if grouped and len(named) >= 2 and len(left) == 1:  # "Out of the closed quotes (won + lost)": all but open
        found.append(Filter(states[0].name, "!=", repr(left[0])))
    noun = re.escape(plural(context.entity.name.lower())) if context.entity is not None else None
    only = re.search(rf"(?:^|[.;:]\s*)({names}) {noun} only\b|\bonly (?:the )?({names}) {noun}\b", lower) \
        if states and noun and not any(f.field == states[0].name for f in found) else None
    if only:  # "Held deposits only, oldest day first": the records in that state
        found.append(Filter(states[0].name, "==", repr(only.group(1) or only.group(2))))
    return found


@functools.lru_cache(maxsize=4096)  # the same few flags, asked by every command and candidate
def _term_states(context: Context, lower: str) -> list[Filter]:
    """Records a term the project defines by a yes/no field ("An item is *hanging* while it is not
    collected") picks out: "Show the hanging items", "How many hanging items of each kind",
    "items that are hanging" (not "If it is hanging, say ...": one record's state, no filter)."""
    found = []
    said = re.sub(r"`[^`]*`", " ", lower)
    for term, meaning in _terms_defined(context).items():
        meaning = re.sub(r"^(?:has|have) (?:an? |one )?\w+ (?:whose|where its|with its) \w+ (?:hasn't|has not|haven't|have not|"
                         r"isn't|is not) (?:been |yet )*(\w+)$", r"not \1", meaning.strip())  # "while it has a rental
        # whose key hasn't been returned": not returned
        state = re.fullmatch(r"(not |no longer |still not |not yet )?(\w+)", meaning.strip())
        flag = next((f for f in context.fields_of("bool") if state and state.group(2) in _bool_forms(f.name)), None)
        if flag is None or not re.search(rf"\b(?:the|every|all|each|only|many|any|of|a|an) (?:still )?{re.escape(term)}\b|"
                                         rf"\b(?:that|which|who) (?:are|is) (?:still |already )?{re.escape(term)}\b|"
                                         rf"\b(?:the|every|all|each|only) \w+s {re.escape(term)} (?:right now|now|at the moment|"
                                         rf"currently|today)\b|"  # "The lockers rented right now"
                                         rf"\bhow many (?:\w+ )?are (?:still )?{re.escape(term)}\b", said):
            continue
        found.append(Filter(flag.name, "is false" if state.group(1) else "is true", None))
    return found


def _bool_forms(name: str) -> tuple[str, ...]:
    base = name.lower()
    forms = {base, base + "d", base + "ed", base + "s"}
    if base.endswith("ed") and len(base) > 4:  # `opened`: "a bag that's already open"
        forms.add(base[:-1] if base[:-2].endswith(("s", "c", "v", "z", "u")) else base[:-2])
    if base.endswith("e"):
        forms.add(base + "d")
    if base == "done":
        forms |= {"completed", "complete", "finished", "finish"}
    if base.startswith("no") and len(base) > 5 and "_" not in base:  # `noshow`: "marked as no-shows"
        forms |= {f"no-{base[2:]}", f"no-{base[2:]}s", f"no {base[2:]}"}
    forms |= set(BOOL_SYNONYMS.get(base, ()))
    forms |= {verb for verb, participle in IRREGULAR.items() if participle == base}  # `lent`: "lend"
    if "_" in base:  # `handed_in`: "handed in", and the verb a command is named by, "hand in"
        first, _, rest = base.partition("_")
        spoken = rest.replace("_", " ")
        forms |= {f"{first} {spoken}"} | ({f"{first[:-2]} {spoken}"} if first.endswith("ed") and len(first) > 4 else set())
    return tuple(sorted(forms))


IRREGULAR = {  # a verb -> its past participle, the state a flag named by it holds (`lend` sets `lent`)
    "lend": "lent", "send": "sent", "sell": "sold", "buy": "bought", "give": "given", "take": "taken",
    "write": "written", "see": "seen", "do": "done", "eat": "eaten", "hide": "hidden", "freeze": "frozen",
    "steal": "stolen", "lose": "lost", "find": "found", "keep": "kept", "hold": "held", "pay": "paid",
    "build": "built", "spend": "spent", "leave": "left", "catch": "caught", "teach": "taught", "throw": "thrown",
    "wear": "worn", "break": "broken", "choose": "chosen", "forget": "forgotten", "drive": "driven",
    "ride": "ridden", "fly": "flown", "grow": "grown", "sing": "sung", "swim": "swum", "win": "won",
    "get": "got", "read": "read", "bring": "brought", "fix": "fixed", "hear": "heard", "sit": "sat",
}
BOOL_SYNONYMS: dict[str, tuple[str, ...]] = {  # a flag's name -> words for the same state
    "alive": ("living", "live"), "active": ("current", "live"), "archived": ("archive",),
    "completed": ("done", "finished", "complete"), "finished": ("done", "completed", "complete"),
    "read": ("finished",), "watched": ("seen",), "seen": ("watched",), "paid": ("settled",),
    "returned": ("back",), "favorite": ("favourite", "starred"), "favourite": ("favorite", "starred"),
    "starred": ("favorite", "favourite"), "visible": ("shown",), "hidden": ("invisible",),
    "open": ("unresolved",), "closed": ("resolved",), "resolved": ("closed", "fixed"),
    "billable": ("billed",), "enabled": ("on",), "disabled": ("off",),
}


TIE = (r"\(([^)]*\b(?:same|equal|tie[sd]?)\b[^)]*)\)|(?:[,;.]|\s-)\s*((?:with |and |on |in |between \w+ (?:of|with) )?"
       r"(?:(?:\w+ ){0,2}(?:of|with|at|in|on|for|from) (?:\w+ \w+ (?=the same))?)?(?:a |any )?(?:ties?|tied \w+|(?:the )?same \w+|"
       r"equal \w+)\b[^.;]*?)"  # ", and for lots delivered the same day the higher number first"
       r"(?=[.;]|\s-\s|$)|"  # also a bullet: "- two visits with the same top count -> the earlier day"
       r"\b(?:and )?((?:within|inside|in each) (?:a |an |each |one |the same )?\w+[^.;]*)|"
       r"\b((?:if|when|where) (?:several|two|more than one|some|they|both|there are several|more) [^.;]*"
       r"\b(?:same|equal|tied?|ties|level|even)\b[^.;]*)|"
       r"\b((?:if|when|where) (?:[\w']+ ){0,3}(?:equally|level|tied|even)\b[^.;]*)|"  # "If I've been equally deep"
       r"\b((?:in|on|for|within|\w+ed) the same \w+,? (?:by|sorted by|ordered by|then by) [^.;]*)|"  # "in the same month
       # by flat", "lights visited the same day by name, A to Z"
       r"\b(\w+ (?:a to z|z to a|alphabetically|[\w-]+est first) (?:on|in|at|for|within|with) the same \w+)|"
       r"\b((?:in|on|for|within|at) the same \w+,? (?:the )?\w+ (?:go|goes|come|comes|are|is|run|runs) (?:by \w+,? )?"
       r"(?:a to z|z to a|alphabetically|[\w-]+est first))|"  # "On the same night the species go A to Z"
       r"\b((?:two|several|more|some) \w+ (?:on|in|at|for|with) the same \w+:? [^.;]*)|"  # "Two solves on the same day:
       # the one added later comes first"
       r"\b(the same \w+ (?:on|in|at|for) the same \w+ (?:goes|go|comes|come|is|are) (?:by \w+,? )?"
       r"(?:a to z|z to a|alphabetically|[\w-]+est first))")  # "and the same species on the same night goes by trap, A to Z"
# ("lowest floor first ..., and rooms A to Z on the same floor")


def _defined_order(context: Context) -> tuple[str, str] | None:
    """An order the command names and the project defines once: "Bookings in diary order" over
    "Diary order = by day, then am before pm" -> ("day", "then am before pm")."""
    named = re.search(r"\bin (\w+) order\b", context.lower)
    if named is None or context.entity is None or context.field(named.group(1)) is not None:
        return None
    defined = re.search(rf"\b{re.escape(named.group(1))} order\s*(?:=|is|means|:)\s*(?:by )?(?:the )?(\w+)([^.;]*)",
                        " ".join((context.project.description or "").split()), flags=re.IGNORECASE)
    target = context.field(defined.group(1)) if defined else None
    return (target.name, defined.group(2).lower()) if target is not None else None


def _then_by(context: Context, order: tuple[str, bool] | None) -> tuple[str, bool] | None:
    """How ties are broken: "(bags with the same amount A to Z by name)", "ties by date"."""
    if order is None:
        return None
    defined = _defined_order(context)
    if defined is not None and defined[0] == order[0]:  # "Diary order = by day, then am before pm"
        before = re.search(r"\bthen (\w+) before (\w+)\b", defined[1])
        ranked = next((f for f in context.fields_of("str") if before and {before.group(1), before.group(2)}
                       <= set(stated_values(f.description))), None)
        if ranked is not None:
            listed = [before.group(1), before.group(2)] + [value for value in stated_values(ranked.description)
                                                         if value not in before.groups()]
            return f"rank:{ranked.name}:{'|'.join(listed)}", False
    then = next((match for match in re.finditer(
        r"\bthen (?:by |on )?(?:the |its |their )?(\w+)(?:\s*\(([^)]*)\)|,? ([\w ]{0,20}?\bfirst\b)|"
        r" (asc|desc|ascending|descending)\b)?", context.lower)  # "sorted by country from A to Z, then by year
        if re.search(SORTING_WORDS, _sentence_at(context.lower, match.start()))), None)  # (oldest first)", "then year asc"
    # (not "the size and ` cm`; then the maker": a line told part by part)
    named = context.field(then.group(1)) if then and context.entity is not None else None
    ranked = re.search(r"\bthe (\w+) (?:go|goes|come|comes|run|runs|are listed|are)\s+(?:in the order\s+)?"
                       r"([\w-]+(?:,\s*[\w-]+)+(?:,? (?:and|then) [\w-]+)?)", context.lower)
    field = context.field(ranked.group(1)) if ranked and context.entity is not None else None
    if field is not None and field.name != order[0] and type_name(field.type) == "str":
        listed = re.findall(r"[\w-]+", re.sub(r",? (?:and|then) ", ", ", ranked.group(2)))
        stated = stated_values(field.description)
        if not stated or set(listed) <= set(stated):  # "within one scent the sizes go small, medium, large"
            return f"rank:{field.name}:{'|'.join(listed)}", False
    sentence = context.lower[:then.start()].split(".")[-1] if then else ""
    before = [context.field(word) for word in re.findall(r"\bby (?:the |its |their )?(\w+)", sentence)]
    before = [f for f in before if f is not None and f.name != order[0] and (named is None or f.name != named.name)]
    if named is not None and before:  # "equal temperatures MUST be ordered by day, earlier first, then by number"
        how = sentence[sentence.rfind("by "):]
        return before[-1].name, bool(re.search(r"\b(newest|latest|most recent|later|highest|largest|biggest|most|"
                                                r"descending|desc|z to a)\b", how))
    phrased = re.match(r"\bthen ([\w ]{0,30}?\bfirst)\b", context.lower[then.start():]) if then and named is None else None
    worded = _order(context, phrased.group(1)) if phrased else []  # "kind A to Z, then shortest first"
    if worded and worded[0] is not None and worded[0][0] != order[0]:
        return worded[0]
    if named is not None and named.name != order[0]:
        how = then.group(2) or then.group(3) or then.group(4) or ""
        return named.name, bool(re.search(r"\b(newest|latest|most recent|highest|largest|biggest|most|"
                                          r"descending|desc|z to a|longest|heaviest)\b", how))
    return _tie(context, {order[0]})


SORTING_WORDS = (r"\b(?:sort\w*|order\w*|rank\w*|first|last|a to z|z to a|a-z|z-a|asc\w*|desc\w*|alphabetical\w*|"
                 r"newest|oldest|earliest|latest|highest|lowest|by \w+)\b")  # a sentence about an order


def _sentence_at(text: str, at: int) -> str:
    """The sentence of ``text`` around position ``at``."""
    end = text.find(". ", at)
    return text[text.rfind(". ", 0, at) + 1:end if end >= 0 else len(text)]


def _last_by(context: Context, order: tuple[str, bool] | None, then_by: tuple[str, bool] | None) -> tuple[str, bool] | None:
    """Ties left after a second key the words state: "in chronological order (by day, then by
    time); readings taken at the same moment are ordered by incubator label" -> the label."""
    then = re.search(r"\bthen (?:by |on )?(?:the |its |their )?(\w+)", context.lower)
    if order is not None and then_by is not None and (then is None or context.field(then.group(1)) is None):
        return _tie(context, {order[0], then_by[0]}) if re.search(  # "..., and the same species on the same night
            r"\bthe same \w+ (?:on|in|at|for) the same\b", context.lower) else None  # goes by trap"
    if order is None or then_by is None or then is None or context.field(then.group(1)) is None:
        return None
    named = context.field(then.group(1))
    if named.name not in (order[0], then_by[0]):  # "ordered by day, earlier first, then by number": the number
        return named.name, False
    return _tie(context, {order[0], then_by[0]})


def _tie(context: Context, taken: set[str]) -> tuple[str, bool] | None:
    """The key a tie phrase states ("(bags with the same amount A to Z by name)", "same day:
    higher ID first"), other than the keys ``taken`` already."""
    for tie in re.finditer(TIE, context.lower):  # "in the same line format as `list`" is no tie: the next one
        said = next(group for group in tie.groups() if group)
        for part in re.split(r",? and (?=the same \w+ (?:on|in|at|for) the same\b)", said):  # "On the same night the
            found = _tie_key(context, part, taken)  # species go A to Z, and the same species on the same night goes by
            if found is not None:  # trap": a tie, then a tie of the tie
                return found
    return None


def _tie_key(context: Context, text: str, taken: set[str]) -> tuple[str, bool] | None:
    """The key one tie phrase states (see ``_tie``)."""
    text = re.sub(r"\b(?:wins?|comes? first|goes? first|is shown first|is picked|is chosen)\b", "first", text)
    first = re.split(r",? and (?:if|when|where)\b|;", text)[0]  # "the one that has been in the pond longest (the
    dated = re.search(r"\b(earliest|oldest|latest|newest|most recent) (?:day|date)\b", first)  # earliest day), and if ..."
    days = [f for f in context.fields_of("str") if iso_day(f) and f.name not in taken]
    if dated and len(days) == 1:
        return days[0].name, dated.group(1) in ("latest", "newest", "most recent")
    found = [option for option in _order(context, text) if option and option[0] not in taken]
    if not found:
        named = sorted((f for f in context.entity.fields if re.search(rf"\b{re.escape(f.name)}s?\b", text)
                        and f.name not in taken),  # the one said first: "the earliest day, ... the lower number"
                       key=lambda f: re.search(rf"\b{re.escape(f.name)}s?\b", text).start())
        said = re.search(rf"((?:\w+ ){{0,2}}){re.escape(named[0].name)}s?\b", text) if named else None
        found = [(named[0].name, bool(re.search(r"\b(?:higher|highest|bigger|biggest|larger|largest|later|latest|"
                                               r"newer|newest|more|most)\b", said.group(1))))] if named else []
        # "same day: higher number first", "the earliest day"; not "equally deep more than once"
    for quality in re.findall(r"\b(?:the )?(most \w+|least \w+|\w{3,}est)\b", text) if not found else ():
        measured = _measured_field(context, quality)  # "if several are equally short, the narrowest of those"
        if measured is not None and measured[0] not in taken:
            found = [measured]
            break
    if not found and re.search(r"\b(?:id|ids|number|numbers|#)\b", text):  # "same day: higher ID first"
        found = [("position", bool(re.search(r"\b(?:higher|highest|bigger|larger|later|last|newest|latest|desc|"
                                             r"descending|decreasing)\b", text)))]  # "in descending piece number"
    return found[0] if found else None


def _stated_direction(text: str) -> bool | None:
    """The direction words right after an order ("by price, from high to low", "(highest
    first)", "descending"): True for more first, False for less first, None when unsaid."""
    if re.match(r"[\s,(]*(?:from )?(?:high(?:est)? to low(?:est)?|descending|in reverse|z to a|"
                r"(?:the )?(?:highest|largest|biggest|most|newest|latest|longest|heaviest)\b)", text):
        return True
    if re.match(r"[\s,(]*(?:from )?(?:low(?:est)? to high(?:est)?|ascending|a to z|"
                r"(?:the )?(?:lowest|smallest|fewest|least|oldest|earliest|shortest|lightest|cheapest)\b)", text):
        return False
    return None


def _order(context: Context, text: str | None = None) -> list[tuple[str, bool] | None]:
    lower = re.sub(TIE, " ", context.lower) if text is None else text  # ties aside: _then_by
    lower = re.sub(r"\b(?:at|on) (?:the )?top\b", "first", lower)  # "newest at the top": first
    entity = context.entity
    options: list[tuple[str, bool] | None] = []
    if re.search(r"\bin reverse order of (?:entry|entering|adding|logging)\b|\breverse (?:entry|insertion) order\b", lower):
        options.append(("position", True))  # "in reverse order of entry"
    numbered = _numbered_text(context) if text is None else None
    if numbered is not None and re.search(r"\border of (?:their|its|the) numbers?\b", lower):
        options.append((numbered, False))  # "in the order of their numbers (T2 comes before T10)": by the tag's number
    for descending in re.finditer(r"\b(\w+) descending\b|\bdescending by (\w+)\b", lower):
        target = field_by_name(entity, descending.group(1) or descending.group(2))
        if target is not None:
            options.append((target.name, True))  # "price descending"
    for stated in re.finditer(r"\b(ascending|descending|increasing|decreasing|in)(?: (?:lexicographic(?:al)?|alphabetical|"
                              r"numeric(?:al)?|chronological))? order of (?:the |their |its )?(?:case-?folded |"
                              r"lower-?cased |folded )?(\w+)|\bascending by (?:the |their |its )?(\w+)", lower):
        # also "in order of code (A to Z, as text)"
        said = stated.group(2) or stated.group(3)
        target = field_by_name(entity, said)  # "in ascending lexicographic order of the name"
        dated = [f for f in entity.fields if iso_day(f)]
        if target is None and said in ("date", "day", "dates", "days") and len(dated) == 1:
            target = dated[0]  # "in ascending order of date" over `day: str — the date ..., YYYY-MM-DD`
        if target is not None:
            options.append((target.name, stated.group(1) in ("descending", "decreasing") or (
                stated.group(1) == "in" and bool(_stated_direction(lower[stated.end():stated.end() + 30])))))
    terse = re.search(r"(?<!then )\b(\w+),? (asc|ascending|desc|a-z|z-a|a–z|z–a|low-high|high-low)\b", lower) or re.search(
        r"(?:^|[.;:]\s+)(\w+),? (a to z|z to a)\b", lower)  # "Kind A to Z, then ...", opening its sentence (not
    # "lights visited the same day by name, A to Z": a tie)
    terse = field_by_name(entity, terse.group(1)) and (  # "country A-Z, then year asc", "day asc", "kind A to Z"
        field_by_name(entity, terse.group(1)).name, terse.group(2) in ("desc", "z-a", "z–a", "z to a", "high-low")) \
        if terse else None
    if terse and any(same(p.name, terse[0]) and p.default is None for p in context.params):
        terse = None  # "Everyone who paid for one term, A to Z": the term is the argument, the names are sorted
    sorted_by = re.search(r"\b(?:sorted|ordered|order|sort|ranked|grouped)\s+by\s+(?:their\s+|its\s+|the\s+)?"
                          r"(?:column\s+|field\s+)?(\w+)", lower)  # "Sorted by column pen"
    if sorted_by:
        target = field_by_name(entity, sorted_by.group(1)) if sorted_by.group(1) not in context.functions else None
        described = [f for f in entity.fields if re.search(rf"\b{re.escape(sorted_by.group(1))}\b",
                                                           " ".join(words(f.description)[:4]))]
        target = target or (described[0] if len(described) == 1 and sorted_by.group(1) not in context.functions
                            else None)  # "sorted by round" over `area — the delivery round`
        if target is not None:  # "ordered by visited day, descending": the field's kind of value may follow it
            after = re.sub(r"^\s+(?:day|date|time|year|number|name)\b", "", lower[sorted_by.end():sorted_by.end() + 40])
            options.append((target.name, bool(_stated_direction(after))))
        ranked = context.functions.get(sorted_by.group(1))
        of = re.match(r"\s+of (?:the |their |its )?(\w+)", lower[sorted_by.end():])
        argument = field_by_name(entity, of.group(1)) if of and ranked is not None and len(ranked.params) == 1 else None
        if argument is not None:  # "ordered by period_rank of their period, ascending"
            after = lower[of.end() + sorted_by.end():of.end() + sorted_by.end() + 30]
            options.append((f"call:{ranked.name}({argument.name})", bool(_stated_direction(after))))
    by_rank = re.search(r"(?<!then )\bby (\w+)\b(?: (\w+)\b)?", lower)
    if by_rank and not sorted_by:
        target = field_by_name(entity, by_rank.group(1))
        if target is None and by_rank.group(2) and by_rank.group(1) in ("date", "day", "time", "number", "count"):
            target = field_by_name(entity, by_rank.group(2))  # "by date taken" over `taken`
        if target is not None and (is_number(target.type) or type_name(target.type) == "str"):
            stated = _stated_direction(lower[by_rank.end(1):by_rank.end(1) + 30])
            if stated is None:
                options.append((target.name, False))
                options.append((target.name, True))
            else:
                options.append((target.name, stated))  # "by price, from high to low"
    entered = re.search(ENTERED + r"|\b(?:later|last) (?:one )?(?:" + ENTRY_VERBS + r") first\b|"
                        r"\b(?:in )?(?:the )?order (?:they were |it was )?(?:" + ENTRY_VERBS + r")\b|"
                        r"\b(?:entry|logged|recorded) order\b|\b(?:first|earliest) (?:" + ENTRY_VERBS + r") first\b", lower)
    if entered:  # "the most recently written one first": the file's own order, backwards
        options.append(("position", bool(re.search(r"recently|later|last", entered.group(0)))))
    alphabet = re.search(r"\b(\w+),? (?:are |go |come |listed |sorted )?(?:in alphabetical order|alphabetically|"
                         r"in (?:a-z|a–z) order)\b", lower)  # "scents in alphabetical order"
    named = field_by_name(entity, alphabet.group(1)) if alphabet else None
    if alphabet and named is None and re.search(r"\bnames?\b", lower):  # "one name per line in alphabetical order"
        named = field_named_loosely(entity, "name")  # over `member: str — the person's name`
    if named is not None and type_name(named.type) == "str":
        options.append((named.name, False))
    defined = _defined_order(context) if text is None else None
    if defined is not None:  # "in diary order", the project saying "Diary order = by day, then ..."
        options.append((defined[0], False))
    for said in re.finditer(r"\bin (\w+) order\b|(?:^|[,;:.]\s*)(\w+) order\b(?! of\b)", lower):  # "All the trees in tag
        # order", "every boat, berth order"
        tie = re.search(r"\b(?:equal|same|tied?|ties)\b[^.;,]*$", lower[max(0, said.start() - 50):said.start()])
        named = said.group(1) or said.group(2)
        target = field_by_name(entity, named) if named not in (  # not "cards of equal value in
            "alphabetical", "reverse", "the", "that", "this", "their", "its", "any", "entry", "date") and not tie \
            else None  # code order": a tie's order
        if target is not None and (target.name, False) not in options:
            options.append((target.name, False))
    for pattern, hints, descending in ORDER_WORDS:
        match = re.search(pattern, lower)
        if not match:
            continue
        named = None
        if match.re.groups >= 2 and match.group(2):
            named = field_by_name(entity, match.group(2).strip()) or next(  # "lowest stand number first": the stand
                (f for word in match.group(0).split()[1:-1] if (f := field_by_name(entity, word)) is not None), None)
        by = re.match(r",?\s*by (?:the |their |its )?(\w+)", lower[match.end():]) if named is None else None
        if by is not None and "a to z" in pattern:  # "A to Z by name (ignoring case)" over `scout — the scout's name`
            named = field_by_name(entity, by.group(1)) or field_named_loosely(entity, by.group(1))
        if named is not None and "a to z" in pattern and len(entity.fields) > 1 and any(
                same(p.name, named.name) and p.default is None for p in context.params):
            named = None  # "Everyone who paid for one term, A to Z": the term is the argument, the names are sorted
        candidates = [named] if named is not None else [
            f for hint in hints for f in entity.fields if same(f.name, hint) or hint in words(f.name)] or [
            f for hint in hints for f in entity.fields  # "oldest first" over `taken: str — date taken`
            if type_name(f.type) != "bool" and hint in words(f.description)[:3]] or [
            f for f in entity.fields if "date" in hints and type_name(f.type) == "str"
            and iso_day(f)]  # `frozen: str — YYYY-MM-DD, ...`
        if not candidates and re.match(r"\((?:highest|lowest)", pattern):  # "the most pieces. Biggest
            candidates = [f for said in re.finditer(  # first": the number the words measure by
                r"\b(?:most|highest|largest|biggest|fewest|least|lowest|smallest) (\w+)", lower)
                if (f := field_by_name(entity, said.group(1))) is not None and is_number(f.type)][:1]
        if candidates:
            options.append((candidates[0].name, descending))
        elif "recent" in pattern or "oldest" in pattern:
            options.append(("position", descending))
    superlative = re.search(r"\b(?:the )?(most \w+|least \w+|\w+est) (?:\w+ )?first\b", lower)
    known = superlative and any(re.search(pattern, superlative.group(0)) for pattern, _, _ in ORDER_WORDS)
    if superlative and (not options or not known):  # "warmest first": the field the quality is measured by
        measured = _measured_field(context, superlative.group(1))
        if measured is not None and measured not in options:  # "tallest first; equal heights in ... order"
            options.insert(0, measured) if options and superlative.start() < 40 else options.append(measured)
    computed = _computed_order(context, lower, options)
    if computed is not None:
        options.insert(0, computed)
    if terse:  # the field and its direction, said in so many words
        options.insert(0, terse)
    called = {(re.search(r"\((\w+)\)$", option[0]).group(1), option[1]) for option in options
              if option and option[0].startswith("call:") and re.search(r"\((\w+)\)$", option[0])}
    options = [option for option in options if option not in called]  # "by period_rank of their period": not the
    if not options:  # period's own letters ("(oldest period first)" says the same order in words)
        options.append(None)
    return list(dict.fromkeys(options))


def _line_prefix(context: Context, candidate: Interpretation) -> str | None:
    """"Each line is `RATE/h ` followed by the stay, RATE written with two decimals": text
    before the record's own line; a placeholder in it that is no field is the value the
    lines are ordered by (a spec function of the record), written as the words say."""
    said = re.search(r"`([^`]+)`,? (?:followed by|then|and then|before) (?:the|its|that) (\w+)", context.text)
    if said is None or context.entity is None or not (
            same(said.group(2), context.entity.name) or said.group(2) in RECORD_NOUNS):
        return None
    text = said.group(1)
    computed = candidate.order[0][5:] if candidate.order and candidate.order[0].startswith("call:") else None
    def bound(match: re.Match) -> str:
        name = match.group(0)
        target = context.field(name.lower())
        if target is not None:
            return "{item." + target.name + "}"
        if computed is None:
            raise LookupError(name)
        call = call_on_item(computed)
        decimals = re.search(rf"\b{name}\b[^.;]*?\b(two|2|one|1|three|3) decimals?\b", context.text)
        places = {"two": 2, "one": 1, "three": 3}.get(decimals.group(1), decimals.group(1)) if decimals else None
        return "{" + call + (f":.{places}f" if places else "") + "}"
    try:
        return re.sub(r"\b[A-Z][A-Z_]*[A-Z]\b", bound, text.replace("{", "{{").replace("}", "}}"))
    except LookupError:
        return None


def _returns_days(function) -> bool:
    """A spec function whose examples return ISO days (``ready(...) == "2024-05-31"``): its
    values order and compare as text."""
    shown = [example.expected for example in function.examples if example.expected]
    return bool(shown) and type_name(function.returns) == "str" and all(
        re.fullmatch(r"['\"]\d{4}-\d{2}-\d{2}['\"]", text) for text in shown)


def _computed_day(context: Context, text: str):
    """A spec function of the record's fields that returns ISO days and that the words name
    ("Crops that will be ready on or before DAY" over ``ready(sown, days)``): its call."""
    said = set(re.findall(r"\w+", text))
    for function in context.project.functions:
        if not _returns_days(function):
            continue
        happens = re.search(r"\bthe (?:date|day) (?:the |when |that |on which )?(?:\w+ )?(\w+?)s? "
                            r"(out|over|up|down|off|due|back|ends?|expires?)\b", (function.description or "").lower())
        named = [word for word in function.name.split("_") if len(word) > 2]
        if function.name not in said and not (  # "run out before DATE" over expiry(): "The date the cover runs out"
                happens and re.search(rf"\b{happens.group(1)}s? {happens.group(2)}\b", text)) and not (
                len(named) > 1 and all(any(stem(word) == stem(other) for other in said) for word in named)):
            continue  # (also "the groups that must leave on that day" over leave_day(arrive, nights))
        fields = _record_arguments(context, function)
        if fields is not None:
            return fields[0], call_on_item(f"{function.name}({','.join(f.name for f in fields)})")
    return None


def _computed_order(context: Context, lower: str, options: list) -> tuple[str, bool] | None:
    """"The stays that cost the most per hour (per_hour of the stay), dearest first": an order
    by a spec function of the record's fields, named in the words, whose parameters are all
    fields; the direction is the one the words' order gives (more first unless "least",
    "cheapest", "lowest" ... first). ``("call:per_hour(paid,minutes)", True)``."""
    if context.entity is None:
        return None
    said = set(re.findall(r"\w+", lower))  # one pass over the words, not a pattern per function
    percent = bool(re.search(r"\b(?:highest|lowest|most|least|largest|smallest) percent\b", lower))
    # "the highest percent full" over pct(): "how full a tape is, in whole percent"
    happens = re.search(r"\b(?:one|ones|\w+) (?:that|which|who) (\w+(?: \w+)?) (first|last|soonest|earliest|latest)\b", lower)
    for function in context.project.functions:
        described = (function.description or "").lower()
        if happens and re.search(rf"\b{re.escape(happens.group(1))}\b", described) and function.params \
                and _returns_days(function) and all(context.field(param.name) is not None for param in function.params):
            # "the one that runs out first" over expiry(), "The date the cover runs out": by that day
            return (f"call:{function.name}({','.join(context.field(p.name).name for p in function.params)})",
                    happens.group(2) in ("last", "latest"))
        if (function.name not in said and not (percent and re.search(r"\bpercent\b", described))) \
                or function.returns is None or not (is_number(function.returns) or _returns_days(function)) \
                or not function.params:
            continue
        fields = [context.field(param.name) for param in function.params]
        if not all(fields) or any(f is None or not same(f.name, p.name) and context.field(p.name) is not f
                                  for f, p in zip(fields, function.params)):
            continue
        ranked = re.search(r"\b(most|least|highest|lowest|largest|smallest|biggest|dearest|cheapest|priciest)\b"
                           r"[^.;]*?\bfirst\b|\b(most|least|highest|lowest)\b", lower)
        if ranked is None and not options:
            continue
        if ranked is None and not re.search(rf"\b(?:by|order of|in order of)\s+(?:the |their |its )?{re.escape(function.name)}\b|"
                                            rf"\b\w+ (?:first|last)\b", lower):
            continue  # "(the amount is season_fee)" names the function, not an order by it
        word = (ranked.group(1) or ranked.group(2)) if ranked else None
        descending = word not in ("least", "lowest", "smallest", "cheapest") if word else bool(options[0] and options[0][1])
        return f"call:{function.name}({','.join(f.name for f in fields)})", descending
    return None


QUALITIES: dict[str, tuple[str, ...]] = {  # a quality word -> what a field that measures it is called
    "warm": ("celsius", "temperature", "temp", "degrees", "fahrenheit"),
    "hot": ("celsius", "temperature", "temp", "degrees", "fahrenheit"),
    "cold": ("celsius", "temperature", "temp", "degrees", "fahrenheit"),
    "cool": ("celsius", "temperature", "temp", "degrees", "fahrenheit"),
    "long": ("minutes", "length", "duration", "pages", "seconds", "hours", "km", "distance"),
    "short": ("minutes", "length", "duration", "pages", "seconds", "hours", "km", "distance"),
    "heavy": ("weight", "kg", "grams", "pounds", "lbs"), "light": ("weight", "kg", "grams", "pounds", "lbs"),
    "busy": ("minutes", "hours", "count", "visits"), "early": ("date", "day", "time", "year"),
    "expensive": ("price", "cost", "amount"), "cheap": ("price", "cost", "amount"),
    "big": ("size", "amount", "quantity", "count", "length"), "small": ("size", "amount", "quantity", "count", "length"),
    "large": ("size", "amount", "quantity", "count", "length"),
    "high": ("score", "points", "value", "rating", "altitude", "height", "elevation"),
    "low": ("score", "points", "value", "rating", "altitude", "height", "elevation"), "fast": ("speed", "pace", "kmh"),
    "slow": ("speed", "pace", "kmh"), "old": ("age", "year", "date", "day"),
    "new": ("year", "date", "day", "created"), "far": ("distance", "km", "miles"),
    "worn": ("km", "miles", "distance", "mileage", "hours", "uses"),
    "used": ("uses", "count", "km", "miles", "hours", "times"),
    "deep": ("depth", "metres", "meters", "feet"), "shallow": ("depth", "metres", "meters", "feet"),
    "tall": ("height", "cm", "metres", "meters"), "wet": ("mm", "rain", "rainfall", "litres"),
    "dry": ("mm", "rain", "rainfall", "litres"), "strong": ("abv", "strength", "proof"),
    "wide": ("width", "breadth"), "narrow": ("width", "breadth"), "thick": ("thickness",), "thin": ("thickness",),
}
LOW_QUALITIES = {"cold", "cool", "short", "light", "cheap", "small", "low", "slow", "near", "young", "shallow", "dry",
                 "narrow", "thin"}
# a quality measured the other way round: the fastest trip takes the fewest minutes
TIMED = ("minutes", "seconds", "hours", "time", "duration", "mins", "secs")
INVERSE_QUALITIES: dict[str, tuple[str, ...]] = {"fast": TIMED, "quick": TIMED, "slow": TIMED}
# "the longest session", "the cheapest bottle": one record, the most or least of a field
RANKED_WORDS = ("longest", "highest", "largest", "biggest", "most expensive", "best", "heaviest",
                "cheapest", "shortest", "lowest", "smallest", "worst", "lightest")
MORE_FIRST = ("longest", "highest", "largest", "biggest", "most expensive", "best", "heaviest")


def _measured_field(context: Context, quality: str) -> tuple[str, bool] | None:
    """The number field a quality is measured by, and whether more of it comes first:
    "warmest" -> (celsius, descending), "least expensive" -> (price, ascending)."""
    least = quality.startswith("least ")
    base = quality.split()[-1].removesuffix("est")
    if base.endswith("i"):
        base = base[:-1] + "y"  # "heaviest" -> "heavy", "busiest" -> "busy"
    if len(base) > 2 and base[-1] == base[-2] and base not in QUALITIES:
        base = base[:-1]  # "hottest" -> "hot", "biggest" -> "big"; not "tallest" -> "tal"
    base = {"larg": "large", "clos": "close", "nic": "nice", "wid": "wide"}.get(base, base)
    inverse = r"\ban? (smaller|lower|larger|bigger|higher|greater) (\w+) (?:means|is) (?:an? )?(?:more )?(\w+)"
    for target in context.fields_of("int", "float"):  # "a smaller magnitude means a brighter object"
        for text, own in ((context.lower, False), ((target.description or "").lower(), True)):
            said = re.search(inverse, text)
            if said and said.group(3).startswith(base) and (own and said.group(2) in ("value", "number", "one")
                                                           or same(target.name, said.group(2))):
                return target.name, (said.group(1) in ("larger", "bigger", "higher", "greater")) != least
    hints = QUALITIES.get(base, ()) + (base,)
    for target in context.fields_of("int", "float"):  # `prio: int — 1 urgent, 2 normal, 3 whenever`
        scale = [(int(number), word) for number, word in re.findall(r"(-?\d+)\s*(?:=|:|is|means)?\s*([a-z]+)",
                                                                   (target.description or "").lower())]
        ranked = [number for number, word in scale if word in (base, base + "e", quality.split()[-1])]
        if len(scale) >= 2 and ranked:  # "most urgent first": toward the number the word labels
            toward_low = ranked[0] == min(number for number, _ in scale)
            return target.name, (not toward_low) != least
    for target in context.fields_of("int", "float"):
        described = words(target.description)
        if any(same(target.name, hint) or hint in words(target.name) or hint in described
               for hint in hints):
            return target.name, (base not in LOW_QUALITIES) != least
    for target in context.fields_of("int", "float"):  # "fastest": the fewest minutes
        if any(same(target.name, hint) or hint in words(target.name) for hint in INVERSE_QUALITIES.get(base, ())):
            return target.name, (base in LOW_QUALITIES) != least
    return None


VERB_QUALITIES = {"costs": "expensive", "cost": "expensive", "weighs": "heavy", "weigh": "heavy", "takes": "long",
                  "lasts": "long", "last": "long", "take": "long"}  # "which item costs the most": the priciest


def _ranked_record(context: Context, lower: str) -> tuple[re.Match, bool, tuple[str, bool] | None] | None:
    """"the longest session", "the fastest trip", "the heaviest one": (the match, whether
    more comes first, the field the quality is measured by) when the words ask for one
    record ranked by a quality of it (a known superlative, or any "-est" word or "most X"
    whose field the entity has)."""
    verb = re.search(r"\b(?:which|what|the) (\w+) (?:that )?(costs?|weighs?|takes?|lasts?) the (most|least|longest|shortest)\b",
                     lower)
    if verb and context.entity is not None and (same(verb.group(1), context.entity.name) or verb.group(1) in RECORD_NOUNS):
        measured = _measured_field(context, VERB_QUALITIES[verb.group(2)] + "est")
        if measured is not None:  # "Which item costs the most"
            more = verb.group(3) in ("most", "longest")
            return verb, measured[1] == more, (measured[0], measured[1] == more)
    done = re.search(r"\b(?:which|what|the) (\w+) (?:that|which) (?:has been|was|is|got|has) ((?:\w+ ){1,3}?)(?:the )?"
                     r"(most|least)\b(?! \w+ first)", lower)  # "The tent that has been slept in most"
    if done and context.entity is not None and (same(done.group(1), context.entity.name) or done.group(1) in RECORD_NOUNS):
        said = [word for word in words(done.group(2)) if len(word) > 2]
        counted = [f for f in context.fields_of("int", "float") if said and all(
            any(stem(word) == stem(other) for other in words(f.description)) for word in said)]
        if len(counted) == 1:  # `nights: int — nights it has been slept in`
            more = done.group(3) == "most"
            return done, more, (counted[0].name, more)
    for match in re.finditer(r"(?:\bthe (?:single |one |very )?|^\s*)(most \w+|least \w+|\w+est)\s+(\w+)",
                             lower):  # "Largest batch.", "The single longest trip"
        quality, noun = match.groups()
        if context.entity is not None and noun != plural(noun) and context.field(noun) is None \
                and _record_word(context, noun):
            noun = "one"  # "The highest flight in the log" where the words call a launch a flight
        if context.entity is None or not (
                (same(noun, context.entity.name) and noun != plural(context.entity.name.lower()))
                or noun == "one" or (noun != plural(noun) and noun not in RECORD_NOUNS and any(
                    re.match(rf"\s*(?:the|an?|its|their) {re.escape(noun)}'s\b", (f.description or "").lower())
                    for f in context.entity.fields))):  # "the most expensive wines": a list; "The highest hill"
            continue  # over `peak: str — the hill's name`: one ascent
        measured = _measured_field(context, quality)
        if quality in RANKED_WORDS:
            return match, quality in MORE_FIRST, measured
        if measured is not None and quality.split()[-1] not in ("latest", "newest", "oldest", "earliest"):
            return match, measured[1], measured
    return None


def _record_word(context: Context, noun: str) -> bool:
    """Whether the words call the entity's records by another noun: "I write down every flight",
    "Records a flight" over `Launch` (the noun after "every" or a verb of adding, in the project's
    or an add's words)."""
    texts = [context.project.description or "", *(c.description or "" for c in context.project.commands)]
    return any(re.search(rf"\b(?:every|each|records?|logs?|adds?|enters?|writes? down (?:every|each|a)) (?:a |an |new )?"
                         rf"{re.escape(noun)}\b", " ".join(text.split()).lower()) for text in texts)


def _is_limit(context: Context, param) -> bool:
    """`--top N`, `--count N`, `--max N`: how many lines; not `--max` beside a `--min` (a
    range), nor one whose words name the field it bounds ("--max N on cycles")."""
    name = param.name.lower()
    if type_name(param.type) != "int" or name not in LIMIT_NAMES:
        return False
    if name == "max" and any(p.name.lower() == "min" for p in context.params):
        return False
    if name == "size" and context.field(name) is not None:
        return False  # `--size N` over a `size` field ("show only the pairs of size N"): a filter, not a page size
    if _stated_between(context, param):
        return False  # "(smallest <= SIZE <= largest)": a value compared, not a count of lines
    bounded = re.search(rf"--{re.escape(name)}(?![\w-])[^.;]*?\b(?:on|of) (\w+)", context.lower)
    counted = re.search(rf"--{re.escape(name)}(?![\w-])[^.;]*?\b(?:in|with|of) (?:[a-z] |the number )?(\w+) or (?:fewer|less|more)\b",
                        context.text.lower())  # "`--max N` only the legs won in N darts or fewer": a bound on `darts`
    return not (bounded and context.field(bounded.group(1)) is not None) \
        and not (counted and context.field(counted.group(1)) is not None)


def _limit(context: Context) -> list[str | None]:
    for param in context.params:
        if _is_limit(context, param):
            return [f"param:{param.name}"]
    at_most = re.search(r"\b(at most|up to|only the|the top|top|first|last)\s+(\d+|" +
                        "|".join(NUMBER_WORDS) + r")\b", context.lower)
    if at_most:
        value = str(NUMBER_WORDS.get(at_most.group(2), at_most.group(2)))
        return ["-" + value if at_most.group(1) == "last" else value]  # "the last seven": from the end
    return [None]


RENAMING = {"old": "new", "current": "new", "old_name": "new_name", "from_name": "to_name", "before": "after"}


def _renaming(context: Context) -> tuple[str, str, str] | None:
    """`rename(old: str, new: str)` "from OLD to NEW": (the old value's parameter, the new
    one's, the text field they name: the key, else the first text field)."""
    names = {param.name.lower(): param.name for param in context.params if type_name(param.type) == "str"}
    pair = next(((names[old], names[new]) for old, new in RENAMING.items() if old in names and new in names), None)
    if pair is None or context.entity is None or any(context.field(name) is not None for name in pair):
        return None
    key = context.key_field() or next(iter(context.fields_of("str")), None)
    return (pair[0], pair[1], key.name) if key is not None else None


def _locators(context: Context, exclude: set[str] = frozenset()) -> list[tuple[str, str | None, str | None]]:
    """How one record is found: (select, parameter, field)."""
    found = []
    renaming = _renaming(context)
    if renaming is not None and renaming[0] not in exclude:
        found.append(("key", renaming[0], renaming[2]))  # "Rename an item from OLD to NEW": found by OLD
    for param in context.params:
        if param.name in exclude:
            continue
        kind = type_name(param.type)
        target = context.field(param.name)
        kept = target is not None and (target.name.lower() in KEPT_NUMBERS or re.search(
            r"\bone more than\b|\bhighest\b|\bnever (?:re)?used\b", (target.description or "").lower()))
        if kind == "int" and param.default is None and param.name.lower() in INDEX_NAMES and not kept:
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
    choices = _order_choices(context)
    flip = _order_flip(context)
    filter_options, used = _filters(context, ({choices[0]} if choices else set()) | ({flip} if flip else set()))
    used = used | ({flip} if flip else set())
    if choices and list(choices[1]) == ["True"]:  # a flag's order over the usual one: both
        return filter_options, used | {choices[0]}, _order(context, re.sub(
            rf"`?--{re.escape(choices[0])}`?[^.;]*", " ", re.sub(TIE, " ", context.lower))), _limit(context)
    if choices:  # the argument picks the order; its default value's order is the plain one
        param = next(p for p in context.params if p.name == choices[0])
        default = choices[1].get(str(default_value(param.default)))
        return filter_options, used | {choices[0]}, [tuple(default) if default else None], _limit(context)
    return filter_options, used, _order(context), _limit(context)


SORT_NAMES = {"sort", "order", "by", "sort_by", "order_by", "sorted_by", "sorting"}


@_per_command
def _order_choices(context: Context) -> tuple[str, dict[str, list]] | None:
    """An argument that picks the order: "`--sort name` (the default) sorts by name, `--sort
    age` puts the oldest first" -> ("sort", {"name": ["name", False], "age": ["frozen", False]})."""
    if context.entity is None:
        return None
    for param in context.params:
        if param.name.lower() not in SORT_NAMES or type_name(param.type) != "str":
            continue
        choices: dict[str, list] = {}
        for match in re.finditer(rf"`--{re.escape(param.name)}[ =](\w+)`([^`]*)", context.text):
            value, said = match.group(1), match.group(2).lower()
            said = re.split(r"[;.]|,\s*(?=`)", said)[0]
            target = field_by_name(context.entity, value)
            order = next(iter(o for o in _order(context, said) if o), None)
            if order is None and target is not None:  # `--sort name`: by that field
                order = (target.name, False)
            if order is not None:
                choices[value] = [order[0], order[1]]
        listed = re.search(rf"--{re.escape(param.name)}[ =](\w+(?:\s*\|\s*\w+)+)", context.text)
        if listed and not choices:  # "--sort label|cycles|mah": by that field, the smallest first
            for value in re.split(r"\s*\|\s*", listed.group(1)):
                target = field_by_name(context.entity, value)
                if target is not None:
                    choices[value] = [target.name, False]
        if len(choices) >= 2:
            return param.name, choices
    for param in context.params:  # "With `--hottest`, the hottest sauce comes first (highest heat)"
        own = _option_words(context.text, param.name) if type_name(param.type) == "bool" \
            and param.name.lower() not in FLIP_NAMES and context.field(param.name) is None else None
        if not own or not re.search(r"\bfirst\b|\bsorted\b|\bordered\b|\bdescending\b|\bascending\b|\binstead\b",
                                    own.lower()):
            continue
        order = next(iter(o for o in _order(context, own.lower().replace("column ", "")) if o), None)
        measured = re.search(r"\b(highest|largest|biggest|greatest|most|lowest|smallest|fewest|least) (\w+)", own.lower())
        field = context.field(measured.group(2)) if measured and order is None else None
        if field is not None and is_number(field.type):  # "the hottest sauce comes first (highest heat)"
            order = (field.name, measured.group(1) in ("highest", "largest", "biggest", "greatest", "most"))
        if order is not None and order[0] != "position":
            return param.name, {"True": [order[0], order[1]]}  # a flag: its order over the usual one, ties kept
    return None


FLIP_NAMES = {"desc", "descending", "reverse", "reversed", "rev"}


def _order_flip(context: Context) -> str | None:
    """A flag that turns the order around: "--desc to flip", `--reverse`."""
    return next((p.name for p in context.params if type_name(p.type) == "bool" and p.name.lower() in FLIP_NAMES
                 and context.field(p.name) is None), None)


def _selected(context: Context) -> list[Interpretation]:
    """list/show-like candidates: filters x order x limit."""
    filter_options, used, orders, limits = _selection_space(context)
    candidates = []
    ties = context.memo.get("then_by")  # the same for every builder asking: once per command
    if ties is None:
        ties = context.memo["then_by"] = [(tie, _last_by(context, order, tie)) for order in orders
                                          for tie in [_then_by(context, order)]]
    for rank, filters in enumerate(filter_options[:12]):
        for order_rank, order in enumerate(orders):
            for limit in limits:
                candidate = _base(context, -0.05 * rank - 0.02 * order_rank)
                candidate.filters = list(filters)
                candidate.order = order
                candidate.order_choices = _order_choices(context)
                candidate.order_flip = _order_flip(context) if order or candidate.order_choices else None
                candidate.then_by, candidate.last_by = ties[order_rank]
                candidate.limit = limit
                params_used = set(used) | ({limit[6:]} if limit and limit.startswith("param:") else set())
                params_used |= {f.unless for f in filters if f.unless}
                candidate.unused_params = [p.name for p in context.params if p.name not in params_used]
                candidates.append(candidate)
    return candidates


def _list(context: Context) -> list[Interpretation]:
    candidates = _selected(context)
    best = _best_per_group(context)
    if best is not None:  # "per species, the visit with the most chicks": one record a group
        group, measured, _ = best
        tie = _tie(context, {measured})
        for select in _selected(context)[:2]:  # fresh ones: `replace` shares the lists the finishing appends to
            candidate = replace(select, filters=list(select.filters), best_of=best, limit=None, then_by=None,
                                order=tie if tie and tie[0] != group else None,
                                best_ties_last=bool(re.search(r"\bthe one (?:noted|added|entered|logged|written|made|"
                                                              r"taken) (?:last|latest|most recently)\b", context.lower)))
            if re.search(r"\bnever (?:had|got|has) (?:an?|any) \w+[^.;]*\bleft out\b|\bwith no \w+ (?:are|is) left out\b|"
                         r"\b(?:with|having) (?:0|zero|none) \w+ (?:are|is) left out\b", context.lower) \
                    and not any(f.field == measured for f in candidate.filters):
                candidate.filters.append(Filter(measured, ">", "0"))  # "species that never had a chick ... are left out"
            candidate.score += 3.0
            candidates.append(candidate)
    return candidates


def _best_per_group(context: Context) -> tuple[str, str, bool] | None:
    """"per species, the visit with the most chicks": (the group field, the measured field,
    whether more wins), or None."""
    if context.entity is None:
        return None
    said = re.search(r"\b(?:per|for each|for every|of each|in each) (\w+),? (?:the |its |their )?(\w+) (?:with|that has|having) "
                     r"the (most|fewest|least|highest|lowest|biggest|largest|longest|shortest|heaviest|lightest) (\w+)",
                     context.lower)
    recent = re.search(r"\b(?:one line |a line )?(?:per|for each|for every) (\w+)\b[^.]*?\bfrom (?:that|its|the|their) \w+'s "
                       r"(?:most recent|latest|newest|last) (\w+)(?:: the one with the (?:latest|newest|most recent|last) "
                       r"(\w+))?", context.lower)  # "One line per house, ..., each taken from that house's most recent
    if said is None and recent:  # reading: the one with the latest day": a house's latest reading
        group = field_by_name(context.entity, recent.group(1))
        dated = [f for f in context.entity.fields if iso_day(f)]
        measured = field_by_name(context.entity, recent.group(3)) if recent.group(3) else (
            dated[0] if len(dated) == 1 else None)
        if group is not None and measured is not None and (same(recent.group(2), context.entity.name)
                                                            or singular(recent.group(2)) in RECORD_NOUNS):
            return group.name, measured.name, True
    if said is None:
        return None
    group, measured = field_by_name(context.entity, said.group(1)), field_by_name(context.entity, said.group(4))
    noun = said.group(2)
    if group is None or measured is None or type_name(group.type) != "str" or not is_number(measured.type) \
            or not (same(noun, context.entity.name) or singular(noun) in RECORD_NOUNS or noun == "one"):
        return None
    return group.name, measured.name, said.group(3) in ("most", "highest", "biggest", "largest", "longest", "heaviest")


def _show(context: Context) -> list[Interpretation]:
    candidates = []
    name = context.entity.name.lower() if context.entity is not None else None
    several = name is not None and re.search(rf"\b{re.escape(plural(name))}\b", context.plain) \
        and not re.search(rf"\b(?:the|one|an?|that|which) {re.escape(name)}\b", context.plain)  # "Orders for that day"
    for select, param, target in _locators(context):
        candidate = _base(context, 0.0 if several else 0.5)
        candidate.select, candidate.locate_param, candidate.locate_field = select, param, target
        candidate.unused_params = [p.name for p in context.params if p.name != param]
        candidates.append(candidate)
    many = context.entity is not None and plural(context.entity.name.lower()) in context.lower \
        and re.search(
        rf"\b(latest|newest|last|most recent|recent)\s+(\w+\s+)?{re.escape(plural(context.entity.name.lower()))}\b",
        context.lower)  # "the latest sessions", "the last seven entries": several records, a list
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
    ranked = _ranked_record(context, context.lower)
    if ranked is not None and any(_is_limit(context, p) for p in context.params):
        ranked = None  # "given out most ... at most N lines with --top N": an order, not one record
    if ranked is not None:
        _, descending, measured = ranked
        numbers = [f for f in context.named_fields() if is_number(f.type)] or \
            context.fields_of("int", "float")
        if measured is not None:  # "heaviest": the field heavy is measured by (kg, "weight on the bar")
            numbers = [context.field(measured[0])] + [f for f in numbers if f.name != measured[0]]
        tie = re.search(r"\bthe one with the (most|highest|largest|biggest|longest|fewest|least|lowest|"
                        r"smallest|shortest) (\w+)", context.lower)  # "..., the one with the most reps"
        tied = field_by_name(context.entity, tie.group(2)) if tie else None
        days = [f for f in context.fields_of("str") if f.name.lower() in ("day", "date", "when", "on")
                or re.search(r"\byyyy-mm-dd\b", (f.description or "").lower())]
        earlier = re.search(r"\bthe one (?:i|we|you) (?:\w+ ){1,2}first wins\b|\bthe (?:earlier|earliest|first) one wins\b",
                            context.lower)  # "If two hills are just as high, the one I reached first wins"
        for select in _selected(context)[:4]:
            for rank, target in enumerate(numbers[:2]):
                candidate = replace(select, filters=list(select.filters))
                candidate.order, candidate.limit = (target.name, descending), "1"
                if tied is not None and tied is not target:
                    candidate.then_by = (tied.name, tie.group(1) in ("most", "highest", "largest", "biggest",
                                                                     "longest"))
                elif earlier and len(days) == 1:
                    candidate.then_by = (days[0].name, False)
                else:  # "if several are equally short, the narrowest of those"
                    candidate.then_by = _then_by(context, candidate.order)
                candidate.score += 3.5 - 0.3 * rank
                candidates.append(candidate)
    named = " ".join(context.name_words)  # `## Command: deepest` (its line `deepest: DEPTH at SITE on DAY`)
    measured = _measured_field(context, named) if ranked is None and re.fullmatch(
        r"(?:most|least) \w+|\w+est", named) and not context.params else None
    if measured is not None:
        for select in _selected(context)[:4]:
            candidate = replace(select, filters=list(select.filters), order=measured, limit="1")
            candidate.then_by = _then_by(context, candidate.order)
            candidate.score += 3.0
            candidates.append(candidate)
    # "the day with the most rain" (a field `mm`, "rain that day"): the record with the most of it
    most = re.search(r"\bthe (\w+) (?:with|that has|that had|having) the (most|highest|largest|biggest|least|"
                     r"lowest|smallest|fewest|earliest|oldest|latest|newest|max|maximum|min|minimum|greatest)\s+(\w+)",
                     context.lower)
    if most and context.entity is not None and (same(most.group(1), context.entity.name)
                                                or context.field(most.group(1)) is not None) \
            and not re.match(r"\s+(?:\w+\s+)?first\b", context.lower[most.end():]):  # "with the most rehearsals first": an order
        numbers = [f for f in context.fields_of("int", "float") if same(f.name, most.group(3)) or re.search(
            rf"\b{re.escape(most.group(3))}\b", (f.description or "").lower())]
        descending = most.group(2) in ("most", "highest", "largest", "biggest", "latest", "newest", "max", "maximum",
                                       "greatest")
        for select in _selected(context)[:4]:
            for rank, target in enumerate(numbers[:2]):
                candidate = replace(select, filters=list(select.filters), order=(target.name, descending),
                                    limit="1")
                candidate.then_by = _then_by(context, candidate.order)
                candidate.score += 3.5 - 0.3 * rank
                candidates.append(candidate)
    extreme = re.search(r"(?:^|[.:;]\s+|\bthe )(lowest|highest|smallest|largest|biggest|greatest|max|min|maximum|"
                        r"minimum) (\w+)\b", context.lower)  # "Lowest year (tie: lowest ID)"
    measured = context.field(extreme.group(2)) if extreme and context.entity is not None and not re.match(
        r"\s+first\b", context.lower[extreme.end():]) and not any(_is_limit(context, p) for p in context.params) \
        else None  # not "the highest times first ... at most N lines with --top N": an order
    value_only = re.fullmatch(r"[A-Z](?:\.[A-Z]+)?|[A-Z]+", (_output_pattern(context) or "").strip()) \
        or (extreme and re.match(r"\s+(?:of any|of all|across|among|over all)\b", context.lower[extreme.end():]))
    if measured is not None and is_number(measured.type) and not value_only:  # a record, not "the biggest stock of any item: `N`"
        descending = extreme.group(1) in ("highest", "largest", "biggest", "greatest", "max", "maximum")
        for select in _selected(context)[:4]:
            candidate = replace(select, filters=list(select.filters), order=(measured.name, descending), limit="1")
            candidate.then_by = _then_by(context, candidate.order)
            candidate.score += 3.5
            candidates.append(candidate)
    recency = re.search(r"(?:\bthe |^|[.:;]\s+)(most recent|newest|latest|last|oldest|earliest|first)\s+(\w+)",
                        context.lower)  # "Latest check of one tank"
    if recency and context.entity is not None and (same(recency.group(2), context.entity.name)
                                                   or recency.group(2) in RECORD_NOUNS) \
            and context.params and not many:  # "the most recent job on that bike": one record of a filter
        descending = recency.group(1) not in ("oldest", "earliest", "first")
        dated = [f for hint in ORDER_WORDS[2][1] for f in context.entity.fields
                 if same(f.name, hint) or hint in words(f.name)]
        order = (dated[0].name, descending) if dated else ("position", descending)
        for select in _selected(context)[:4]:
            if select.filters:
                candidate = replace(select, filters=list(select.filters), order=order, limit="1")
                candidate.then_by = ("position", descending) if dated else None
                candidate.score += 3.2
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
    said = {stem(word) for word in context.description_words if len(word) > 3}
    described = [f for f in numeric if said & {stem(word) for word in words(f.description) if len(word) > 3}]
    if not named and len(described) == 1:  # "how much my teas cost" over `price: float — what 100 g cost`
        numeric = described + [f for f in numeric if f not in described]
    if not named and re.search(r"\b(?:money|owes?|owed|owing|debts?|paid|earned|spent|cost)\b", lower):
        priced = [f for f in numeric if words(f.name)[-1:] and words(f.name)[-1] in MONEY_FIELDS or re.search(
            r"\b(?:price|cost)\b[^.;]*\bin (?:pence|cents)\b|\bin (?:pence|cents)\b", (f.description or "").lower())]
        numeric = priced + [f for f in numeric if f not in priced]  # "who owes me money": the price
    runs = set(re.findall(r"\w+", re.sub(rf"{ORDERING}|\bat (?:least|most) (?:one|once|\d+)\b", " ", lower)
                          + " " + " ".join(context.name_words)))  # "Everyone with at least one jab": no minimum
    functions = [name for name, words_ in AGGREGATE_WORDS.items() if not runs.isdisjoint(words_)]
    if re.search(r"\b(?:adds?|adding|added|sums?|summed|totals?) up\b", lower) and "sum" in functions:
        functions.insert(0, functions.pop(functions.index("sum")))  # "Adds up each volunteer's minutes ... the most first"
    elif re.search(r"\b(?:adds?|adding|added|sums?|summed|totals?) up\b", lower):
        functions.insert(0, "sum")
    if re.search(r"\bbetween (?:its|their|the) (?:very )?first (?:\w+ )?and (?:its|their|the) (?:very )?last\b|"
                 r"\bfrom (?:its|their|the) first (?:\w+ )?to (?:its|their|the) last\b", lower):
        functions.insert(0, "change")  # "how much it gained or lost between its first and its last weighing"
    group_field = _group_field(context)
    group_order = _group_order(context) if group_field is not None else None
    if group_field is not None and group_field is _subject_group(context) and "sum" not in functions \
            and re.search(r"\b(?:over|across|on|from) (?:all )?(?:their|his|her|its)\b|\bthe (?:most|least)\b"
                          r"(?! \w+ (?:of|per|for))", lower):
        functions.insert(0, "sum")  # "the friends who owe me the most over their debts": a total each
    candidates = []
    # "the longest session": a record, not a value (see _show)
    penalty = 2.5 if _ranked_record(context, lower) is not None else 0.0
    plain = context.plain
    counting = re.search(r"\bhow many\b|\bhow often\b|\bhow full\b|(?<!nothing to )(?<!both )(?<!also )(?<!still )\bcounts?\b(?! only\b| just\b| too\b| as\b| towards?\b)|"
                         r"\bnumber of\b",
                         plain + " " + " ".join(context.name_words)) or (
        group_field is not None and re.fullmatch(rf"{re.escape(group_field.name.upper())}:? N", _output_pattern(context) or "")) \
        or (group_field is not None and context.entity is not None and re.search(  # `PERSON: N jabs`
            rf"\b[A-Z]\b {re.escape(plural(context.entity.name.lower()))}\b", _output_pattern(context) or ""))
    # `STYLE: N` under "Batches per style": how many of each
    writers = placeholder_writers(context.project, context.index)
    written = [context.field(field) for name, (_, field) in writers.items()
               if re.search(rf"`[^`]*\b{name}\b[^`]*`", context.text)]  # `DAY: TIME`, TIME = clock(seconds)
    named = [f for f in written if f is not None] + [f for f in named if f not in written]
    how_many = re.search(r"\bhow many (\w+)", lower)
    units = field_by_name(context.entity, how_many.group(1)) if how_many and group_field is None else None
    if units is not None and is_number(units.type) and not same(how_many.group(1), context.entity.name) \
            and re.search(r"\b(?:altogether|in total|in all|added up|all together|together|in stock)\b", lower):
        for select in _selected(context)[:4]:  # "How many units in stock altogether" over `qty`: their sum
            candidate = replace(select, filters=list(select.filters), limit=None, order=None)
            candidate.aggregate = Aggregate("sum", units.name, None)
            candidate.score += 3.5
            candidates.append(candidate)
    if counting and group_field is not None:
        # "how many bottles of each color": a number field counted up is its sum
        counted = re.search(r"\bhow many (\w+)", lower) or re.search(
            r"\b(\w+) (?:summed|added up|totall?ed)\b|\bsum of (?:the |their |its )?(\w+)", lower)  # "qty summed"
        summed = field_by_name(context.entity, next(g for g in counted.groups() if g)) if counted else None
        weighed = re.search(r"(?<!empty )\b(\w+) (?:counted|included|taken into account)\b", lower)  # "copies counted"
        weight = field_by_name(context.entity, weighed.group(1)) if weighed else None
        if weight is group_field:
            weight = None  # "empty boxes included": the groups, not a number to add up
        shown = [field_by_name(context.entity, token.lower())
                 for token in re.findall(r"\b[A-Z]{2,}\b", _output_pattern(context) or "")]
        shown = [f for f in shown if f is not None and is_number(f.type) and f is not group_field]
        if weight is None and len(shown) == 1:
            weight = shown[0]  # `QTY ITEM`: how many of each item is their quantities added up
        if weight is None and summed is None and how_many and same(how_many.group(1), context.entity.name):
            held = [f for f in context.entity.fields if is_number(f.type)
                    and re.match(r"how many\b(?! times\b)", (f.description or "").lower())]  # not "how many times I've made it"
            weight = held[0] if len(held) == 1 else None  # "how many candles" over `stock` ("how many are on the shelf")
        units_said = re.search(r"\bthe number of (\w+)", lower)
        if weight is None and summed is None and units_said and not same(units_said.group(1), context.entity.name):
            held = [f for f in context.entity.fields if is_number(f.type) and re.match(
                rf"how many {re.escape(units_said.group(1))}\b", (f.description or "").lower())]
            weight = held[0] if len(held) == 1 else None  # "the number of shirts of each size" over `quantity —
            # how many shirts`: the quantities added up
        if weight is not None and is_number(weight.type) and (summed is None or not is_number(summed.type)):
            summed = weight
        every = _every_group(group_field, lower)
        counted_total = _groups_line(context, group_field)
        for select in _selected(context)[:4]:
            candidate = replace(select, filters=list(select.filters), order=group_order, then_by=None)
            candidate.aggregate = Aggregate("count", group_field.name, group_field.name)
            candidate.every_group = every
            total = counted_total or _total_line(context)  # "then a last line `total: N`": every record counted
            candidate.total = total if total is counted_total or len(re.findall(r"\b[A-Z]{2,}\b|\b[A-Z]\b", total)) == 1 \
                else None  # "After them one more line, `H hills, A ascents`"
            candidate.score += 2.0 if every else 0.0  # the words name the groups one by one
            candidate.score += 1.0
            candidates.append(candidate)
            if summed is not None and is_number(summed.type):
                candidate = replace(candidate, aggregate=Aggregate("sum", summed.name, group_field.name))
                candidate.score += 0.5 if summed is not weight else 1.0  # "copies counted": their sum
                candidates.append(candidate)
    every_group = _every_group(group_field, lower) if group_field is not None else None
    for rank, (select) in enumerate(_selected(context)[:6]):
        for f_rank, function in enumerate(functions or ["sum"]):
            for field_rank, target in enumerate((named or numeric)[:2]):
                for group_by in ([group_field.name, None] if group_field is not None else [None]):
                    candidate = replace(select, filters=list(select.filters))
                    candidate.aggregate = Aggregate(function, target.name, group_by)
                    candidate.limit = None
                    if group_by is not None:  # groups come A to Z, or by their value; "at most N"
                        candidate.order, candidate.then_by = group_order, None
                        candidate.limit = "1" if _picked_group(context) is not None else select.limit
                        total = _total_line(context)  # of one number: `all: DURATION`
                        candidate.total = total if total and len(re.findall(r"\b[A-Z]{2,}\b|\b[A-Z]\b", total)) == 1 else None
                        candidate.every_group = every_group  # "a material without drop-offs shall still be printed"
                    candidate.score += -0.1 * f_rank - 0.2 * field_rank - penalty - (
                        0.3 if group_by is None and group_field else 0)
                    candidates.append(candidate)
    most = re.search(r"\bthe (\w+) (?:with|that has|having) the (most|fewest|least) (\w+)", lower)
    counted = context.field(most.group(1)) if most and context.entity is not None and not re.match(
        r"\s+(?:\w+\s+)?first\b", lower[most.end():]) else None  # "the band with the most contacts comes first": an order
    if counted is not None and type_name(counted.type) == "str" and (
            same(most.group(3), context.entity.name) or singular(most.group(3)) in RECORD_NOUNS):
        for select in _selected(context)[:2]:  # "The room with the most bookings": one group, the largest count
            candidate = replace(select, filters=list(select.filters), then_by=None, limit="1",
                                order=("value", most.group(2) == "most"))
            candidate.aggregate = Aggregate("count", counted.name, counted.name)
            candidate.score += 3.0
            candidates.append(candidate)
    candidates += _thresholded_groups(context, _group_order(context))
    shown = _output_pattern(context) or ""
    for dated in (context.fields_of("str") if group_field is not None else []):
        if not iso_day(dated) or not re.search(rf"\b{re.escape(dated.name.upper())}\b", shown):
            continue  # "`SPECIES (first seen DAY)` where DAY is the earliest day": a day per group
        first = re.search(r"\b(?:earliest|first (?:seen|time|day|date))\b", lower)
        last = re.search(r"\b(?:latest|most recent|last (?:seen|time|day|date))\b", lower)
        if bool(first) == bool(last):
            continue
        for select in _selected(context)[:2]:
            candidate = replace(select, filters=list(select.filters), order=group_order, then_by=None, limit=None)
            candidate.aggregate = Aggregate("min" if first else "max", dated.name, group_field.name)
            candidate.score += 2.5
            candidates.append(candidate)
    computed = _computed_value(context)
    if computed is not None:  # "add up the bills of all the stays": bill(nights, rate) of each
        for select in _selected(context)[:4]:
            for group_by in ([group_field.name, None] if group_field is not None else [None]):
                candidate = replace(select, filters=list(select.filters), limit=None)
                candidate.aggregate = Aggregate((functions or ["sum"])[0], computed, group_by)
                if group_by is not None:
                    candidate.order, candidate.then_by = group_order, None
                candidate.score += 1.5 - penalty - (0.3 if group_by is None and group_field else 0)
                candidates.append(candidate)
    product = _product(context)
    if product is not None:  # "weight times reps added up": the sum of a product of two fields
        for select in _selected(context)[:6]:
            candidate = replace(select, filters=list(select.filters), limit=None)
            candidate.aggregate = Aggregate((functions or ["sum"])[0], product, None)
            candidate.score += 1.0 - penalty
            candidates.append(candidate)
    several = _several_values(context)
    readings = [(several, 0.0)] if several is not None else []
    for number in context.fields_of("int", "float") if several is not None else ():
        other = _several_values(context, prefer=number.name)  # a sum no word ties to a field: each field once
        if other is not None and other[0] != several[0] and all(other[0] != seen[0] for seen, _ in readings):
            readings.append((other, -0.5))  # (the examples decide; the words' own pick first)
    told_kinds = _sample_part_kinds(context)
    for (values, template, left), penalty in readings:  # `bags: N` and `grams: G`; `min X max Y mean Z`
        kinds = ["count" if value.function == "count" or value.field is None else "sum" if value.function == "sum"
                 else value.function for value in values]
        if told_kinds and len(told_kinds) == len(values) and sorted(kinds) == sorted(told_kinds) and kinds != told_kinds \
                and len(set(kinds)) == len(kinds):  # "`B3: 2 entries, 7 cables` (entries in that bin, then sum of
            values = [values[kinds.index(kind)] for kind in told_kinds]  # their qty)": in the order told
        compared = {value.where.split()[0] for value in values if value.where and re.search(r" [!=]= ", value.where)}
        counted = {value.where.removeprefix("not ") for value in values if value.where} - {
            value.where for value in values if value.where and value.where.split()[0] in compared}
        overall = []
        for name in list(counted):  # "sum, mean and max of outage minutes over resolved incidents": all of them
            forms = "|".join(re.escape(form) for form in _bool_forms(name))
            if re.search(rf"\b(?:over|among|across|from|only) (?:the |all )?(?:{forms}) \w+", lower):
                counted.discard(name)
                overall += [Filter(name, "is false" if value.where.startswith("not ") else "is true", None)
                            for value in values if value.where and value.where.removeprefix("not ") == name][:1]
                values = [replace(value, where=None) if value.where and value.where.removeprefix("not ") == name
                          else value for value in values]
        if re.search(r"\b(?:mean|average)\b[^.;]*\b(?:truncated|rounded down|cut) to (?:a )?whole\b", lower):
            values = [replace(value, scale="int") if value.function == "mean" else value for value in values]
        elif re.search(r"\b(?:a half rounds up|halves round up|halves (?:are )?rounded up|half up|\.5 rounds up|"
                       r"a half (?:at the \w+ decimal )?(?:goes|rounds|is rounded) up)\b", lower):  # not Python's to-even
            shown = {int(index): places for index, places in re.findall(r"\{values\[(\d+)\]:\.([1-9])f\}", template)}
            values = [replace(value, scale=f"half up to {shown[index]}" if index in shown else "half up")
                      if value.function == "mean" else value for index, value in enumerate(values)]  # (`2.13` of 2.125)
        school = _averages_rounded(context)
        if school is not None:  # "Averages are written with exactly one decimal place ... 5 or more, round up"
            values = [replace(value, scale=f"half up to {school}") if value.function == "mean" else value
                      for value in values]
            means = {str(index) for index, value in enumerate(values) if value.function == "mean"}
            template = re.sub(r"\{values\[(\d+)\]\}", lambda m, places=school, means=means: (
                "{values[" + m.group(1) + f"]:.{places}f}}" if m.group(1) in means else m.group(0)), template)
        for select in _selected(context)[:4]:  # "M the sent ones": a value's condition, not a filter
            kept = [f for f in select.filters if not (f.field in counted and f.op in ("is true", "is false"))
                    and not (f.field in compared and f.op in ("==", "!=") and any(
                        value.where and value.where.split()[0] == f.field and str(f.value) in value.where
                        for value in values))]  # each line keeps its own
            # records (but "Out of the closed quotes (won + lost): `won W of C`" keeps every closed one)
            kept += [f for f in overall if f.field not in {g.field for g in kept}]
            grouped = values[0].group_by is not None  # "Biggest total first, equal totals A-Z": the first number
            candidate = replace(select, filters=kept, then_by=None,
                                limit=("1" if _picked_group(context) is not None else select.limit) if grouped else None,
                                order=_group_order(context) if grouped else None)
            candidate.aggregate, candidate.values, candidate.message = values[0], values, template
            ranked = _ranked_value(context, template) if grouped and candidate.order else 0
            if ranked:  # "The design that brought the most money comes first": by TOTAL, the second number
                candidate.order = (f"value:{ranked}", candidate.order[1])
            candidate.total = _total_template(context, template) if grouped else None
            keyed_by = group_field if group_field is not None else context.field(values[0].group_by) \
                if grouped and not values[0].group_by.startswith("call:") else None
            if grouped and keyed_by is not None and values[0].group_by == keyed_by.name:
                every = every_group if keyed_by is group_field else _every_group(keyed_by, lower)  # (a line
                candidate.every_group = every  # `HOUSE: M members` names the group) "Always four lines ..."
                candidate.score += 2.0 if every else 0.0  # the words name the groups one by one
            candidate.uses = [*candidate.uses, *(name for name in re.findall(r"(\w+)\(values\[", template)
                                                 if name in context.functions)]
            candidate.score += 2.5 + penalty
            candidate.ignored += [f"the line {line!r} shows one record, not a number worked out" for line in left]
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


@_per_command
def _total_line(context: Context) -> str | None:
    """ "one line each `PROJECT: DURATION`, then a last line `all: DURATION` with everything
    together": a line after the groups with the same number over all of them (no key)."""
    group = _group_field(context)
    lines = re.findall(r"`([^`]+)`", context.text)
    keyed = [line for line in lines if group is not None and re.search(rf"\b{group.name.upper()}\b", line)]
    if not keyed:
        return None
    numbers = set(re.findall(r"\b[A-Z]{2,}\b|\b[A-Z]\b", keyed[0])) - {group.name.upper(), "A", "I"}
    for match in re.finditer(r"`([^`]+)`", context.text):
        line = match.group(1)
        capitals = re.findall(r"\b[A-Z]{2,}\b|\b[A-Z]\b", line)  # `total: H kg` after `HIVE: H kg`
        before = context.text[max(0, match.start() - 40):match.start()].lower()
        said_after = re.search(r"\b(?:last|final|closing|then|total|grand|overall|after|at the end|one more)\b[^.`]*$", before)
        if line not in keyed and capitals and set(capitals) <= numbers | {"TOTAL", "SUM"} and said_after:
            return line  # "At the end one more line `all: N payments, SUM`"
        if line not in keyed and len(set(capitals)) == 1 and len(numbers) == 1 and said_after \
                and re.match(r"\s*(?:total|all|overall|grand total|altogether)\b", line.lower()):
            return re.sub(rf"\b{capitals[0]}\b", next(iter(numbers)), line)  # "`SIZE: N` ... then `total: T`"
    return None


def _groups_line(context: Context, group_field) -> str | None:
    """A last line after one line per group that counts the groups and the records: "Each hill
    once with how many times I've been up it ... After them one more line, `H hills, A
    ascents`" over `peak — the hill's name` -> ``"{len(groups)} hills, {len(rows)} ascents"``;
    None when a placeholder of it is neither."""
    said = re.search(r"\b(?:after (?:them|those|that|it|the \w+)|then|at the end|below them|followed by)\b"
                     r"[^.`]{0,40}?\blines?\b[,:]? `([^`]+)`", context.text, flags=re.IGNORECASE)
    if said is None:
        return None
    owner = re.search(r"\bthe (\w+)'s (?:name|title|label)\b", (group_field.description or "").lower())
    group_nouns = {group_field.name.lower(), *((owner.group(1),) if owner else ())}
    counts = {}
    for match in re.finditer(r"\b([A-Z][A-Z_]*) ([a-z]+)\b", said.group(1)):
        noun = singular(match.group(2))
        if any(same(noun, word) for word in group_nouns):
            counts[match.group(1)] = "{len(groups)}"
        elif same(noun, context.entity.name) or noun in RECORD_NOUNS:
            counts[match.group(1)] = "{len(rows)}"
        else:
            return None
    if set(counts.values()) != {"{len(groups)}", "{len(rows)}"} or re.search(
            r"\b[A-Z][A-Z_]*\b", re.sub(r"\b(?:" + "|".join(counts) + r")\b", "", said.group(1))):
        return None
    text = said.group(1).replace("{", "{{").replace("}", "}}")
    return re.sub(r"\b(?:" + "|".join(counts) + r")\b", lambda match: counts[match.group(0)], text)


def _total_template(context: Context, template: str) -> str | None:
    """The last line over every group of a summary of several numbers, as a template over the
    same ``values``: "`MATERIAL: N spools, KG` ... then a last line `total: KG`" ->
    ``total: {kg(values[1])}`` (each capital of the group's line stands for the template's
    value in the same place)."""
    total, group = _total_line(context), _group_field(context)
    keyed = next((line for line in re.findall(r"`([^`]+)`", context.text)
                  if group is not None and re.search(rf"\b{group.name.upper()}\b", line)), None)
    if total is None or keyed is None:
        return None
    keyed, total = _units_as_text(keyed), _units_as_text(total)
    tokens, pieces = re.findall(r"(?<!\u2060)\b[A-Z][A-Z_]*\b", keyed), re.findall(r"\{[^{}]*\}", template)
    mapping = dict(zip(tokens, pieces)) if len(tokens) == len(pieces) else {}
    said = re.findall(r"(?<!\u2060)\b[A-Z][A-Z_]*\b", total)
    if not said or not all(token in mapping and token != group.name.upper() for token in said):
        return None
    text = total.replace("{", "{{").replace("}", "}}")
    return re.sub(r"(?<!\u2060)\b[A-Z][A-Z_]*\b", lambda match: mapping[match.group(0)], text).replace("\u2060", "")


def _units_as_text(line: str, text: str = "") -> str:
    """`LITRES L`: a capital letter right after a placeholder with that initial is its unit,
    text (marked with a word joiner, which the slot reader skips and the template drops); so
    is one the words never define after any placeholder (`MEAN C` for a mean in °C, where only
    MEAN and N are defined)."""
    line = re.sub(r"\b([A-Z])([A-Z_]+) \1\b", lambda match: match.group(0)[:-1] + "\u2060" + match.group(1), line)
    if not text:
        return line

    def unit(match: re.Match) -> str:
        letter = match.group(2)
        if re.search(rf"\b{letter}\b,? (?:is|being|=|stands for|counts|means|the)\b|\b(?:where|with|and) {letter}\b", text):
            return match.group(0)
        return match.group(1) + " \u2060" + letter
    return re.sub(r"\b([A-Z][A-Z_]+) ([A-Z])\b(?![\w\u2060])", unit, line)


def _computed_value(context: Context) -> str | None:
    """A number a spec function works out from each record's fields, named by the words as
    what is added up: "add up the bills of all the stays" over ``bill(nights, rate) -> float``
    -> ``call:bill(nights,rate)``; None when not."""
    for function in context.functions.values():
        if function.returns is None or not is_number(function.returns) or context.field(function.name) is not None:
            continue
        named = rf"\b{re.escape(function.name.lower())}s?\b"
        if not re.search(rf"\b(?:add(?:s|ing)? up|sum|total|summed|added up)\b[^.;]*{named}|{named}[^.;]*\b(?:added up|"
                         rf"summed|totall?ed)\b", context.lower):
            continue
        fields = _record_arguments(context, function)
        if fields is not None:
            return f"call:{function.name}({','.join(f.name for f in fields)})"
    return None


def _product(context: Context) -> str | None:
    """ "weight times reps", "price multiplied by quantity": ``kg*reps``, two number fields
    named or described by the words (``kg`` is "weight on the bar"); None when not."""
    def number_field(word: str):
        found = field_by_name(context.entity, word)
        if found is None:
            found = next((f for f in context.fields_of("int", "float") if word in words(f.description)), None)
        if found is None and word in ("length", "distance"):  # "each route's length" over `km`
            found = next((f for f in context.fields_of("int", "float") if f.name.lower() in LENGTHS), None)
        if found is None and word in ("often", "times"):  # "how often I rode it" over `ridden: — how many times`
            counted = [f for f in context.fields_of("int", "float")
                       if re.search(r"\bhow (?:many times|often)\b", (f.description or "").lower())]
            found = counted[0] if len(counted) == 1 else None
        return found if found is not None and is_number(found.type) else None

    lower = re.sub(r"\bhow (?:often|many times)\b", "times_", context.lower).replace("times_", "often")
    for match in re.finditer(r"\b(\w+) (times|multiplied by|minus) (?:the |its |their |how )?(\w+)", lower):
        one, two = number_field(match.group(1)), number_field(match.group(3))
        if one is not None and two is not None and one is not two:
            return f"{one.name}{'-' if match.group(2) == 'minus' else '*'}{two.name}"  # "end minus start"
    return None


GROUP_ROLES: dict[str, tuple[str, ...]] = {  # a word for a group -> what its field may be called
    "person": ("who", "name", "person", "payer", "member", "owner", "friend", "player", "buyer", "client",
               "customer", "student", "guest", "patient", "kid", "child"),
    "people": ("who", "name", "person", "payer", "member", "owner", "friend", "player", "buyer", "client",
               "customer", "student", "guest", "patient", "kid", "child"),
    "everyone": ("who", "name", "person", "payer", "member", "owner", "friend", "player"),
    **{word: ("who", "name", "person", "member", "owner") for word in (  # "each volunteer's minutes"
        "volunteer", "member", "worker", "employee", "participant", "runner", "driver", "user", "helper")},
    "day": ("day", "date", "when"), "date": ("day", "date", "when"),
    "kind": ("kind", "type", "category", "sort"), "type": ("kind", "type", "category"),
}


@_per_command
def _group_field(context: Context):
    """The field the words group by: "per category", "of each color", "each person" (a
    field named ``who``), "one line per bike", "grouped by author"; None when they do not."""
    if context.entity is None:
        return None
    for match in re.finditer(r"(?<!sorted )(?<!ordered )(?<!ranked )(?<!sort )(?<!then )(?<!ties )(?<!tie )"
                             r"(?<!go )(?<!goes )"  # "spots with the same rating go by name": an order
                             r"(?<!broken )(?<!written )(?<!formatted )(?<!shown )(?<!tidied )(?<!cleaned )"
                             r"(?<!printed )(?<!rounded )\b(?:per each|per every|per|for each|for every|"  # not "written by metres"
                             r"of each|each|every|grouped by|by|broken down by|of a|of one)(?:\s+|(?<=per)-)(\w+)",
                             context.lower):  # also "per-vault summary"
        word = match.group(1)
        if same(word, context.entity.name):
            following = re.match(r" (\w+)", context.lower[match.end():])  # "one line per dive site": the site
            named = field_by_name(context.entity, following.group(1)) if following else None
            if named is None or type_name(named.type) != "str" or any(context.field(p.name) is named for p in context.params):
                continue
            word = following.group(1)
        if match.group(0).startswith("by") and re.match(r",? (?:and )?then\b", context.lower[match.end():]):
            continue  # "by day and then by start hour": an order, not a group
        found = field_by_name(context.entity, word)
        if found is None:
            roles = GROUP_ROLES.get(word, ())
            found = next((f for role in roles for f in context.entity.fields
                          if f.name == role and type_name(f.type) == "str"), None)
        if found is None and (computed := _computed_key(context, word)) is not None:
            return computed  # "How many readings fall in each category" over ``category(sys, dia)``
        if found is not None and is_number(found.type) and found.name.lower() != word \
                and singular(found.name.lower()) == word and match.group(0).startswith("per"):
            continue  # "the price per bottle" over a count of ``bottles``: a rate, not a group
        if found is not None and type_name(found.type) != "float" and not is_list_type(found.type) \
                and not any(context.field(p.name) is found and (p.default is None or not match.group(0).startswith(
                    ("per", "for each", "for every"))) for p in context.params):
            return found  # a field an argument gives is a filter ("of one place"), not a group;
            # an option that narrows "one line per car" to one car still groups
        period = {"month": 7, "year": 4}.get(singular(word))
        dated = [f for f in context.fields_of("str") if f.name.lower() in ("day", "date", "when")
                 or re.search(r"\bYYYY-MM-DD\b", f.description or "")]
        if found is None and period and dated:  # "total per month" over `day: YYYY-MM-DD`
            return replace(dated[0], name=f"{dated[0].name}[:{period}]")
    if re.match(r"\s*(?:who|everyone|everybody)\b", context.lower):  # "Who still owes me money and how much",
        # "Everyone with at least one jab, A to Z: `PERSON: N jabs`": one line a person
        return next((f for role in GROUP_ROLES["person"] for f in context.entity.fields
                     if f.name == role and type_name(f.type) == "str"
                     and not any(context.field(p.name) is f for p in context.params)), None)
    picked = _picked_group(context)
    return picked[0] if picked is not None else _subject_group(context)


@_per_command
def _picked_group(context: Context):
    """One group picked by its number: "The day when all the goats together gave the most
    milk (all milkings of that day added)", "the driver who drove the most miles in all":
    (the text field, whether the largest wins), or None. The words must add the records up
    ("together", "in total", "added") or the line count them (`from N milkings`), so that "the
    milking with the most litres" stays one record."""
    if context.entity is None:
        return None
    found = re.search(r"\b(?:the|which) (\w+) (?:when|where|with|that|who|on which|in which|having)\b([^.;]{0,80}?)"
                      r"\b(most|least|fewest|highest|lowest|biggest|largest|smallest)\b(?![^.;]*\bfirst\b)",
                      context.lower)
    if found is None or same(found.group(1), context.entity.name) or found.group(1) in RECORD_NOUNS:
        return None
    named = field_by_name(context.entity, found.group(1))
    if named is None or type_name(named.type) != "str" or any(context.field(p.name) is named for p in context.params):
        return None
    line = _output_pattern(context) or ""
    if not re.search(rf"\b{re.escape(named.name.upper())}\b", line):
        return None
    sentence = context.lower[found.start():].split(". ")[0]
    counted = re.search(rf"\b[A-Z]\b {re.escape(plural(context.entity.name.lower()))}\b", line)
    if not (counted or re.search(r"\b(?:together|in total|in all|altogether|added|added up|summed|combined)\b", sentence)):
        return None
    return named, found.group(3) in ("most", "highest", "biggest", "largest")


def _computed_key(context: Context, word: str):
    """A group key that a spec function of the record's fields works out: "each category"
    over ``category(sys, dia) -> str``, as a field named ``call:category(sys,dia)``."""
    function = context.functions.get(word) or context.functions.get(singular(word))
    if function is None or function.returns is None or type_name(function.returns) not in ("str", "int"):
        return None
    fields = _record_arguments(context, function)
    if fields is None:
        return None
    return replace(fields[0], name=f"call:{function.name}({','.join(f.name for f in fields)})", type=function.returns)


def _subject_group(context: Context):
    """A description whose subject is the plural of a text field: "The friends who owe me
    the most", "Which shops I spent most at" (a field `person` described as "the friend",
    a field `shop`): one line per friend, per shop."""
    subject = re.match(r"\s*(?:(?:show|list|print|give)\s+(?:me\s+)?)?(?:the|which|what|all|my)?\s*"
                       r"(\w+s)\s+(?:who|that|which|with|whose|where|i)\b", context.lower)
    if subject is None or same(subject.group(1), context.entity.name) or not re.search(
            r"\b(most|least|fewest|total|sum|altogether|in all|how much|how many|biggest|largest|"
            r"highest|lowest|smallest)\b", context.plain):
        return None  # "Titles that contain WORD" lists records; "the friends who owe the most" ranks
    word = singular(subject.group(1))
    for candidate in context.entity.fields:
        described = re.match(r"\s*(?:the|a|an|my|their|its)?\s*(\w+)", candidate.description or "")
        if type_name(candidate.type) == "str" and (
                same(candidate.name, word) or (described and same(described.group(1), word))
                or candidate.name in GROUP_ROLES.get(word, ())) \
                and not any(context.field(p.name) is candidate for p in context.params):
            return candidate
    return None


#: units a number field may be stored in, and the larger units the words may ask for
UNIT_FACTORS = {("minutes", "hours"): 60, ("seconds", "minutes"): 60, ("seconds", "hours"): 3600,
                ("grams", "kilograms"): 1000, ("metres", "kilometres"): 1000,
                ("millilitres", "litres"): 1000, ("cents", "euros"): 100, ("cents", "dollars"): 100}
UNIT_WORDS = {"min": "minutes", "mins": "minutes", "minute": "minutes", "sec": "seconds", "secs": "seconds",
              "second": "seconds", "hour": "hours", "h": "hours", "hrs": "hours", "g": "grams", "gram": "grams",
              "kg": "kilograms", "m": "metres", "meters": "metres", "km": "kilometres", "kilometers": "kilometres",
              "ml": "millilitres", "milliliters": "millilitres", "l": "litres", "liters": "litres",
              "cent": "cents", "euro": "euros", "dollar": "dollars"}


def _unit_scale(context: Context, field_name: str | None) -> str | None:
    """"In whole hours rounded down" over a `minutes` field: ``// 60``; "in km" over metres:
    ``/ 1000``. The field's unit is its name or the one its description states."""
    stored = context.field(field_name) if field_name else None
    if stored is None or not is_number(stored.type):
        return None
    asked = re.search(r"\bin (whole |full |complete )?(hours|minutes|kilograms|kg|km|kilometres|kilometers|"
                      r"litres|liters|euros|dollars)\b", context.lower)
    if asked is None:
        return None
    target = UNIT_WORDS.get(asked.group(2), asked.group(2))
    described = re.search(r"\b(?:in )?(minutes|mins|seconds|secs|grams|g|metres|meters|m|ml|millilitres|"
                          r"milliliters|cents)\b", (stored.description or "").lower())
    unit = UNIT_WORDS.get(stored.name.lower(), stored.name.lower())
    if (unit, target) not in UNIT_FACTORS and described:
        unit = UNIT_WORDS.get(described.group(1), described.group(1))
    factor = UNIT_FACTORS.get((unit, target))
    if factor is None:
        return None
    whole = asked.group(1) or re.search(r"\brounded down\b|\btruncated\b", context.lower)
    return f"// {factor}" if whole else f"/ {factor}"


@_per_command
def _number_per_group(context: Context) -> bool:
    """"Weight per shelf", "the minutes of each member": a number field (by its name or the
    first words of its description) said right before the group the words name."""
    group = _group_field(context)
    if group is None:
        return False
    numbers = {name for f in context.fields_of("int", "float") if f is not group
               for name in [f.name.lower(), *[w for w in words(f.description or "")[:3] if len(w) > 3]]}
    if not numbers:
        return False
    said = "|".join(re.escape(name) for name in sorted(numbers))
    people = ("volunteer", "member", "person") if group.name.lower() in GROUP_ROLES["person"] else ()
    roles = "|".join(re.escape(word) for word in [group.name.lower(), *people, *(
        role for role, names in GROUP_ROLES.items() if group.name.lower() in names)])
    return bool(re.search(rf"\b(?:{said})s? (?:per|of each|for each|of every|for every) "
                          rf"{re.escape(group.name.lower())}|\beach (?:{roles})'s (?:{said})s?\b",
                          context.lower)) and \
        not re.search(r"\b(?:list|show|print)s? (?:all |every |each )", context.lower)


@_per_command
def _count_bound(context: Context) -> tuple[Any, str, str] | None:
    """"Members with at least MIN visits", "shelves that have more than 3 items": the field
    whose groups are counted, the comparison and its bound (a parameter or a number)."""
    if context.entity is None:
        return None
    found = re.search(r"\b(\w+) (?:with|having|that have|that has|who have|who has|who (?:came|ordered|"
                      r"visited|went|played|logged|booked)) (?:been )?(at least|no fewer than|no less than|"
                      r"more than|over|fewer than|less than|at most|no more than|under|exactly) (\w+) "
                      r"(\w+)", context.lower)
    if found is None:
        return None
    keyed = context.field(found.group(1)) or (  # "shelves": shelf
        context.field(found.group(1)[:-3] + "f") if found.group(1).endswith("ves") else None)
    noun = found.group(4)
    if keyed is None or type_name(keyed.type) != "str" or not (
            same(noun, context.entity.name) or singular(noun) in RECORD_NOUNS or noun in ("times", "time")):
        return None
    bound = found.group(3)
    param = next((p for p in context.command.params if p.name.lower() == bound), None)
    if param is not None and is_number(param.type):
        value = f"param:{param.name}"
    elif bound.isdigit() or bound in NUMBER_WORDS:
        value = str(NUMBER_WORDS.get(bound, bound))
    else:
        return None
    op = "==" if found.group(2) == "exactly" else next(
        op for pattern, op in COMPARISONS if re.fullmatch(pattern, found.group(2)))
    return keyed, op, value


def _thresholded_groups(context: Context, order: tuple[str, bool] | None) -> list[Interpretation]:
    """How many records each key has, only the keys whose count passes the bound the words set
    (``_count_bound``)."""
    bound = _count_bound(context)
    if bound is None:
        return []
    keyed, op, value = bound
    result = []
    for select in _selected(context)[:2]:
        kept = [f for f in select.filters if f.value != value]  # the bound is the groups', not a field's
        candidate = replace(select, filters=kept, then_by=None, limit=None, order=order)
        candidate.aggregate = Aggregate("count", keyed.name, keyed.name, having=f"{op} {value}")
        candidate.score += 3.0
        result.append(candidate)
    return result


@_per_command
def _group_order(context: Context) -> tuple[str, bool] | None:
    """Groups come A to Z by their key unless the words rank them by their number: "the
    biggest spender first", "the color with most bottles first", "fewest first"."""
    words = r"\b(most|highest|largest|biggest|heaviest|busiest|longest|fewest|least|lowest|smallest|shortest)\b"
    # the word next to "first" ("at least MIN visits, most visits first"), else any before it
    ranked = re.search(words + r"(?: \w+){0,3} first\b", context.lower) or re.search(
        words + r"[^.;]*?\bfirst\b", context.lower)
    if ranked is None:
        picked = _picked_group(context)  # "the day when ... the most milk": the top one, by its number
        return ("value", picked[1]) if picked is not None else None
    return "value", ranked.group(1) not in ("fewest", "least", "lowest", "smallest", "shortest")


@_per_command
def _numbered_text(context: Context) -> str | None:
    """A text field that sorts by the number inside it, where the words say so: "in the order of
    their numbers (T2 comes before T10)", "the one with the lowest tag number" over `tag: str — ...
    (T7, T12...)`; None otherwise."""
    if context.entity is None:
        return None
    numbered = re.search(r"`#?N\b", context.text) or any(  # `N. ACCESSION ...`: the records have numbers of their own
        number.name.lower() in ("number", "id", "no", "num") for number in context.fields_of("int"))
    for f in context.fields_of("str"):
        if not re.search(r"\b[A-Z]{1,3}-?\d+\b", f.description or ""):
            continue
        name = re.escape(f.name.lower())
        if re.search(rf"\b{name} numbers?\b|\b[a-z]{{1,3}}\d (?:(?:comes?|goes?|is|sorts?) )?before [a-z]{{1,3}}\d\d|"
                     rf"\b{name} order \(?letters?,? then (?:the )?number\b", context.lower) and _natural_field(context) is None \
                or (not numbered and re.search(r"\border of (?:their|its|the) numbers?\b", context.lower)):
            return f.name
    return None


@_per_command
def _natural_field(context: Context) -> str | None:
    """A text field the words sort by its letters, then its number: "bins sort by letter, then
    number (B3 before B10)", "bin order (letter, then number)", the project's "berths sort by
    pontoon letter, then number (C2 before C10)"; None otherwise."""
    if context.entity is None:
        return None
    texts = (context.lower, " ".join(strip_fences(context.project.description or "").split()).lower())
    for text in texts:
        for said in re.finditer(r"\b(\w+?)s? (?:sort|sorts|are sorted|go|are ordered) by (?:\w+ )?letters?,? then (?:by )?"
                                r"(?:the )?numbers?\b|\b(\w+) order \(?(?:\w+ )?letters?,? then (?:the )?numbers?\b", text):
            target = field_by_name(context.entity, said.group(1) or said.group(2))
            if target is not None and type_name(target.type) == "str":
                return target.name
    return None


def _ranked_value(context: Context, template: str) -> int:
    """Which number of a group's line the words rank the groups by, when not the first: "one line
    per design, `DESIGN: PAIRS pairs, TOTAL`, where ... TOTAL the money they brought. The design
    that brought the most money comes first" -> 1 (TOTAL is ``values[1]``)."""
    said = re.search(r"\b(?:most|highest|largest|biggest|fewest|least|lowest|smallest) (\w+)(?: \w+){0,3} first\b", context.lower)
    line = _output_pattern(context) or ""
    if said is None:
        return 0
    noun = said.group(1)
    named = next((match.group(1) for match in re.finditer(
        rf"\b([A-Z][A-Z_]*)\b,? (?:is |being |=\s*)?(?:all |the )*{re.escape(noun)}\b", context.text)
        if match.group(1) in line), None) or (noun.upper() if re.search(rf"\b{re.escape(noun.upper())}\b", line) else None)
    if named is None:
        return 0
    key = _group_field(context)
    capitals = [token for token in re.findall(r"\b[A-Z][A-Z_]*\b", line) if key is None or token != key.name.upper()]
    indexes = [int(index) for index in re.findall(r"values\[(\d+)\]", template)]
    if len(capitals) != len(indexes) or named not in capitals:
        return 0
    return indexes[capitals.index(named)]


SUMMARY_LABELS = {"min": ("min", "minimum", "lowest", "coldest", "coolest", "least", "smallest", "fewest",
                          "shortest", "lightest", "cheapest"),
                  "max": ("max", "maximum", "highest", "warmest", "hottest", "most", "largest", "biggest", "best",
                          "longest", "heaviest", "dearest"),
                  "mean": ("mean", "average", "avg"), "sum": ("total", "sum", "altogether", "takings", "spent",
                                                               "earned", "income", "revenue")}


def _averages_rounded(context: Context) -> int | None:
    """The decimal places the project's words give every average, rounded half up: "Averages
    are written with exactly one decimal place, rounded the way we do at school: if the next
    digit is 5 or more, round up" -> 1."""
    for text, subject in ((context.text, r"(?:round|rounded|averages?|means?|AVG|AVERAGE|MEAN)"),
                          (context.project.description or "", r"(?:averages?|means?)")):
        text = " ".join(text.split())
        for sentence in _sentences(text):
            said = re.search(rf"\b{subject}\b[^.;]{{0,40}}?\b(?:exactly )?(one|two|three|1|2|3) decimals?(?: places?)?\b",
                             sentence, flags=re.IGNORECASE)  # "Round to one decimal place in the way we do at school"
            if said and re.search(r"\b5 or more\b[^.;]*\bup\b|\bhalf (?:way )?up\b|\bhalves? (?:go|round)s? up\b|"
                                  r"\bhalves? (?:are |is )?rounded up\b",  # "AVG has one decimal, halves rounded up"
                                  text, flags=re.IGNORECASE):
                return {"one": 1, "two": 2, "three": 3}.get(said.group(1).lower()) or int(said.group(1))
    return None


def _stopping_lines(lines: list[str], slot_pattern: str) -> dict[str, tuple[int, str]]:
    """Lines that are a longer line cut short, a number standing where the longer one has a
    placeholder ("When no entry has a score, the line stops after the judged count: `entries:
    N, judged: 0`" beside `entries: N, judged: J, average: A, best: B`): {the longer line: (how
    many of its slots the short one keeps, the short line)}."""
    found = {}
    for short in lines:
        short_slots = list(re.finditer(slot_pattern, short))
        for long in lines:
            long_slots = list(re.finditer(slot_pattern, long))
            if long == short or not short_slots or len(long_slots) <= len(short_slots) \
                    or short[short_slots[-1].end():].strip():
                continue
            same_text = all(short[a.end():b.start()] == long[c.end():d.start()] for (a, b), (c, d) in zip(
                itertools.pairwise(short_slots), itertools.pairwise(long_slots))) and \
                short[:short_slots[0].start()] == long[:long_slots[0].start()]
            slots_fit = all(x.group(0) == y.group(0) for x, y in zip(short_slots[:-1], long_slots))
            if same_text and slots_fit and short_slots[-1].group(0) == "0" and not long_slots[
                    len(short_slots) - 1].group(0).isdigit():
                found[long] = (len(short_slots), short)
    return found


def _lines_per_value(context: Context, lines: list[str]) -> str | None:
    """Lines that differ only in the value of the group field they begin with, one per value
    the field lists ("always three lines in this order: `held: N, AMOUNT`, `used: N, AMOUNT`,
    `refunded: N, AMOUNT`"): the one line ``KEY: N, AMOUNT`` they share; else None."""
    grouped = _group_field(context)
    values = stated_values(grouped.description) if grouped is not None else []
    split = [re.match(rf"({'|'.join(map(re.escape, values))})(\W.*)$", line) for line in lines] if values else []
    if len(lines) < 2 or not all(split) or len({match.group(2) for match in split}) != 1 \
            or len({match.group(1) for match in split}) != len(lines):
        return None
    return "KEY" + split[0].group(2)


def _sample_part_kinds(context: Context) -> list[str]:
    """What the numbers of a sample line are, in order, where the parts in brackets after it say
    so: "`B3: 2 entries, 7 cables` (entries in that bin, then sum of their qty)" -> ``["count",
    "sum"]``; [] when a part is neither."""
    said = re.search(rf"`[^`]+`{SAMPLE_PARTS}", context.text)
    if said is None:
        return []
    kinds = []
    for part in PART_SEPARATOR.split(said.group(1).strip().lower()):
        if re.search(r"\b(?:sum|summed|total|added up)\b", part):
            kinds.append("sum")
        elif re.search(r"\b(?:number of|how many|count)\b|^(?:the )?(?:entries|records|rows|lines|items|\w+s) "
                       r"(?:in|on|of|for) (?:that|this|it|the)\b|^(?:the )?\w+s on it\b", part):
            kinds.append("count")
        else:
            return []
    return kinds


def _several_values(context: Context, learn: bool = True, prefer: str | None = None) -> tuple[list[Aggregate], str] | None:
    """A summary line (or lines) with several numbers, each a count, sum, mean, min or max
    the word before it names: `bags: N` + `grams: G` (two lines), `min -3.0 max 4.5 mean 0.8`
    (numbers standing for themselves), `BIKE: N jobs, COST` (per bike). Its template
    prints ``{values[i]}`` (and ``{key}`` per group). ``prefer``: the number field a sum, mean,
    min or max the words do not tie to a field is taken over (another reading for the examples
    to decide)."""
    if context.entity is None or not re.search(
            r"\b(summary|summar\w+|sum|sums|summed|total|totals|altogether|added up|adds up|adding up|in all|how many|how much|lines|min|max|mean|"
            r"average|count|counts|number of|different|distinct|coldest|warmest|lowest|highest|stats|statistics|best|worst|"
            r"per|how often|out of|added together)\b", context.lower) and len(_defined_counts(context)) < 2 \
            and _picked_group(context) is None:
        return None  # a record's line, not a summary
    slot_pattern = r"\bYYYY(?:-MM(?:-DD)?)?\b|(?<![A-Za-z0-9.,])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|" \
        r"(?<![A-Za-z0-9.])-?\d+(?:\.\d+)?|(?<!\u2060)\b[A-Z](?:\.[A-Z]+)?\b|" \
        r"\b[A-Z][A-Z_]*[A-Z](?![A-Za-z_])|\b[A-Z][A-Z_]*[A-Z](?=[a-z]+\b)"  # `GRAMSg`: a unit glued to the placeholder
    lines = [text for text in re.findall(r"`([^`]+)`", context.text)
             if not text.startswith("-") and not (text.startswith(context.command.name + " ") and (
                 re.search(r"\s--", text) or not re.search(r"\b[A-Z]{2,}\b", text)) and len(text.split()) <= 1 + sum(
                     param.default is None for param in context.params))  # `total --year 2024` runs it;
             and re.search(slot_pattern, text)]  # `total AMOUNT over N gifts` is the line `total` prints
    formats = any(not _shown_as_is(context, token) for line in lines  # `left: DURATION in N`, not `7.50 EUR`
                  for token in re.findall(r"\b[A-Z][A-Z_]*[A-Z]\b|\b[A-Z]\b", line))
    total = _total_line(context) if len(lines) > 1 else None
    lines = [_units_as_text(_example_key(context, line), context.text) for line in lines
             if line != total]  # "then a last line `all: ...`"
    lines = [_counted_through(context.project, line, context.text)[0] for line in lines]  # "both through `plural`"
    shown_writers: dict[str, tuple[str, str]] = {}
    if not formats:  # only example lines: their values written as the spec's writers show them
        lines = [_written_by_example(context, line, shown_writers) for line in lines]
    lines = [line for line in lines if not re.fullmatch(r"\d+ [a-z]+", line)] or lines  # "(`1 tin` for one)": a word's form
    keyed = [line for line in lines if re.search(r"\b(?!KEY\b)[A-Z](?:[A-Z_]*[A-Z])?\b", line)]
    if keyed and len(keyed) < len(lines) and re.search(r"\b(?:shows?|prints?|reads?) `", context.text):
        lines = keyed  # "a condition with no tents shows `0 (0 berths)`": that line's empty case, not a line of its own
    keyed_lines = _lines_per_value(context, lines)
    if keyed_lines is not None:  # `held: N, AMOUNT`, `used: N, AMOUNT`, `refunded: N, AMOUNT`: one line per state
        lines = [keyed_lines]
    stops = _stopping_lines(lines, slot_pattern)
    lines = [line for line in lines if line not in {short for _, short in stops.values()}]
    stops = {line: cut for line, (cut, _) in stops.items()}
    numbered = re.search(r"(?:^|[:;.]\s)1\. `[^`]+`[^`]*?[;.]\s2\. `[^`]+`", context.text)  # "1. `lots: L`, ...; 2. ..."
    if not (re.search(r"\b(?:two|three|four) lines\b|\b(?:a |the )?second line\b", context.lower) or numbered) \
            or len(lines) < 2:
        lines = [line for line in lines if len(re.findall(slot_pattern, line)) >= 2]
        placeholders = [line for line in lines if any(not _shown_as_is(context, token) for token in re.findall(
            r"\b(?!KEY\b)[A-Z](?:[A-Z_]*[A-Z])?\b", line))]  # (`0 bags, 0,00 EUR`: EUR is text, an example)
        # (`all: 0 payments, 0.00`, the empty case, keyed by its first word, is an example of the line)
        lines = placeholders or lines  # `left: 0m in 0 episodes` is an example of `left: DURATION in N ...`
        if len({re.sub(r"\d+", "#", line) for line in lines}) == 1:
            lines = lines[:1]  # `5 things, 2 waiting` and `1 things, 1 waiting`: one shape, shown twice
        if len(lines) != 1:
            return None
    grouped = _group_field(context)
    per_group = grouped is not None and re.search(
        rf"\b(?:one line|a line|a summary|an overview|a \w+ overview) per(?:-| ){re.escape(grouped.name.lower())}\b|"
        rf"\bper-{re.escape(grouped.name.lower())}\b|(?:^|[.:;]\s+)(?:each|every) {re.escape(grouped.name.lower())}\b[^.;]*"
        rf"\bhow many\b", context.lower) and all(
        re.match(rf"(?:{re.escape(grouped.name.upper())}|KEY)\b", line) for line in lines) \
        or _picked_group(context) is not None  # "the day when ... the most milk": one group's line
    if all(_record_line(context, line) for line in lines) and not per_group:
        return None  # `#NUMBER LABEL`: a record's own line, not numbers worked out
    texts = {f.name.upper() for f in context.fields_of("str")}
    left = [line for line in lines[1:] if numbered and not per_group and not (texts & set(re.findall(r"\b[A-Z]+\b", lines[0])))
            and texts & set(re.findall(r"\b[A-Z]+\b", line))]  # "3. `largest: CODE (COUNT)`, the lot holding the most"
    lines = [line for line in lines if line not in left]
    numbers = context.fields_of("int", "float")
    named = [f for f in context.named_fields() if is_number(f.type)]
    writers = {**placeholder_writers(context.project, context.index), **shown_writers}
    products = {**_summed_calls_defined(context), **_products_defined(context)}
    defined = _defined_counts(context)
    summed = _defined_sums(context)
    distinct = {match.group(1): context.field(match.group(2)).name for match in re.finditer(
        r"\b([A-Z])\b,? (?:counts|is the number of|= the number of|being the number of|how many) (?:the )?"
        r"(?:different|distinct|unique) (\w+)", context.text) if context.field(match.group(2)) is not None}
    values: list[Aggregate] = []
    group: str | None = None
    template_lines = []
    names = sorted([*(f.name for f in context.entity.fields), "total", "sum", "mean", "average", "avg", "max", "min"],
                   key=len, reverse=True)  # `TOTALG`: the total, then a unit
    lines = [re.sub(r"\b[A-Z]{3,}\b", lambda m: next(  # `CAPACITYG`: the field, then a unit
        (f"{m.group(0)[:len(name)]}\u2060{m.group(0)[len(name):]}" for name in names
         if m.group(0).startswith(name.upper()) and 1 <= len(m.group(0)) - len(name) <= 2
         and context.field(m.group(0).lower()) is None), m.group(0)), line) for line in lines]
    decimals_said = stated_decimals(context.text)
    calls = {match.group(1): (match.group(2), [name.strip() for name in match.group(3).split(",")])
             for match in re.finditer(r"\b([A-Z](?:[A-Z_]*[A-Z])?)\b,? (?:is|=|being) (\w+)\(([A-Z][A-Z_, ]*)\)", context.text)
             if match.group(2) in context.functions}  # "where PERCENT is percent(FIXED, CLOSED)"
    earlier: dict[str, int] = {}  # the placeholders of the lines before (a second line's "M is f() of that total")
    placed: dict[str, int] = {}
    for line in lines:
        pieces = []
        slots = list(re.finditer(slot_pattern, line))
        cursor = 0
        first_value = len(values)
        earlier.update(placed)
        placed = {}  # a placeholder -> its value's index
        for slot in slots:
            text = slot.group(0)
            placed.setdefault(text, len(values))
            before = line[max(0, slot.start() - 20, slots[slots.index(slot) - 1].end() if slots.index(slot) else 0):slot.start()]
            before = re.split(r"[,;]", before)[-1]  # `N dives, M min`: "dives" is N's word, not M's
            if slots.index(slot) and re.fullmatch(r"-?\d+(?:\.\d+)?", slots[slots.index(slot) - 1].group(0)) \
                    and re.fullmatch(r"\s*[A-Za-z]+:\s*", before) \
                    and not re.search(r"[,;]", line[slots[slots.index(slot) - 1].end():slot.start()]):
                before = ""  # `4 jobs: 250 g`: "jobs" is 4's word (but `shifts: N` names N)
            label_words = [word.lower() for word in re.findall(  # words, not placeholders: `TOTAL (N)`
                r"\b[A-Za-z][a-z]+\b|\b[a-z]\b|(?<=[^A-Za-z])[a-z]+", before)]
            label = label_words[-1] if label_words else ""
            after_words = re.findall(r"[a-z]+", re.split(r"[,;]", line[slot.end():slot.end() + 12])[0].lower())
            mirrored = bool(after_words) and len(text) > 1 and after_words[0] == text.lower()  # `ACTIVE active`
            after_words = after_words if len(text) == 1 or not text.isalpha() or mirrored else []  # "N jobs", not
            own = next((f for f in context.entity.fields if same(f.name, text.lower())), None)  # "NAME: AMOUNT"
            if own is None and re.fullmatch(r"[A-MO-Z]", text) and text not in distinct and text not in summed \
                    and text not in defined and not re.search(rf"\b{text}\b,? (?:is|being|=|the|means)\b", context.text):
                # `L l in N tins`: L is the one number field it begins (litres), unless the words define it
                initial = [f for f in numbers if f.name.lower().startswith(text.lower())]
                own = initial[0] if len(initial) == 1 else None
            pieces.append(_fstring_text(line[cursor:slot.start()]))
            cursor = slot.end()
            if own is None and len(text) > 1 and text.isupper() and not slots.index(slot) \
                    and _group_field(context) is not None:
                own = _group_field(context)  # `NAME: AMOUNT` one line per person: the group's key
            grouped = _group_field(context)
            if own is None and len(text) == 1 and text.isupper() and grouped is not None \
                    and same(label, grouped.name) and text == grouped.name[:1].upper():
                group = group or grouped.name  # `freezer F: ...` one line per freezer
                pieces.append("{key}")
                continue
            given = next((param for param in context.params if param.name.isidentifier()
                          and not keyword.iskeyword(param.name) and own is not None
                          and context.field(param.name) is own), None)
            if given is not None and text.isupper():  # `SPECIES: N birds` of the species asked for
                pieces.append("{" + given.name + "}")
                continue
            keyed = own is not None and own is grouped and text.isupper() and re.search(
                rf"\b(?:per|every|each|for each|for every) {re.escape(own.name.lower())}\b", context.lower)
            if own is not None and (type_name(own.type) == "str" or keyed) and text.isupper():
                group = group or own.name  # `row ROW: ...` "for every row": the row is the key
                pieces.append("{key}")
                continue
            if text in calls and all(name in placed and name != text for name in calls[text][1]):
                function_name, names = calls[text]
                pieces.append("{" + f"{function_name}({', '.join(f'values[{placed[name]}]' for name in names)})" + "}")
                continue
            over = re.search(rf"\b{re.escape(text)}\b,? (?:is|being|=) (\w+) (?:of )?(?:their|the|its|all the|all their|all) "
                             rf"(\w+)", context.text) if text.isupper() else None  # "A is average_of their scores"
            lister = context.functions.get(over.group(1)) if over else None
            listed = context.field(singular(over.group(2))) or context.field(over.group(2)) if lister else None
            if lister is not None and listed is not None and len(lister.params) == 1 \
                    and is_list_type(lister.params[0].type):
                values.append(Aggregate(lister.name, listed.name, spec_function=True))
                pieces.append("{values[" + str(len(values) - 1) + "]}")
                continue
            if own is not None and type_name(own.type) == "bool" and text.isupper():  # `FIXED of CLOSED`: how many
                values.append(Aggregate("count", None, where=own.name))
                pieces.append("{values[" + str(len(values) - 1) + "]}")
                continue
            if text in defined:  # "P how many of those are packed"
                values.append(Aggregate("count", None, where=defined[text]))
                pieces.append("{values[" + str(len(values) - 1) + "]}")
                continue
            if text in distinct:  # "M counts the different hives"
                values.append(Aggregate("distinct", distinct[text]))
                pieces.append("{values[" + str(len(values) - 1) + "]}")
                continue
            counted = _word_condition(context, after_words[0]) if after_words and own is None and \
                (re.fullmatch(r"\d+|[A-Z]", text) or mirrored) and text not in summed else None
            flagged = context.field(label) if label and own is None and re.fullmatch(r"\d+|[A-Z]", text) \
                and text not in summed else None  # (`paid: X` where "X is the price of all the paid orders")
            if counted is None and flagged is not None and type_name(flagged.type) == "bool":
                counted = flagged.name  # `built: 1`, "how many of them are built": a count of the built ones
            if counted is None and own is None and label and (re.fullmatch(r"\d+", text) or (
                    re.fullmatch(r"[A-Z]", text) and label[:1].upper() == text)) and context.field(label) is None \
                    and not same(label, context.entity.name) and singular(label) not in RECORD_NOUNS:
                counted = _word_condition(context, label)  # `loans L, open O`: O counts the open loans
            if counted is None and own is None and label and re.fullmatch(r"\d+|[A-Z]", text) \
                    and context.field(label) is None:
                counted = _output_condition(context, label)  # `peal: N` over peal_kind(changes): the peals
            if counted is not None:  # `5 things, 2 waiting`, "still waiting (not returned)": a count of those
                values.append(Aggregate("count", None, where=counted))
                pieces.append("{values[" + str(len(values) - 1) + "]}")
                continue
            if after_words and own is None and re.fullmatch(r"[A-Z]", text) and text not in summed and (
                    same(after_words[0], context.entity.name) or singular(after_words[0]) in RECORD_NOUNS):
                values.append(Aggregate("count", None))  # `(N trips)` over Trip records: how many of them
                pieces.append("{values[" + str(len(values) - 1) + "]}")
                continue
            if text in summed:  # "N the sum of the counts", "OWED the sum of the bills not yet paid"
                values.append(summed[text][0])
                writer_name = summed[text][1] or (writers[text][0] if text in writers and writers[text][1]
                                                  == values[-1].field else None)  # PRICE written by euros everywhere
                spec = f":{decimals_said}" if decimals_said and (  # "P is the mean ... rounded to the nearest whole degree"
                    values[-1].function == "mean" or decimals_said != ".0f") else ""
                pieces.append("{" + (f"{writer_name}(values[{len(values) - 1}])" if writer_name
                                     else f"values[{len(values) - 1}]{spec}") + "}")
                continue
            combined = _applied_to_values(context, text, values)
            if combined is not None:  # "PERCENT is success of those two sums": success(flowered sum, count sum)
                pieces.append("{" + combined + "}")
                continue
            function = next((name for name, labels in SUMMARY_LABELS.items() if text.lower() in labels), None) \
                or next((name for name, labels in SUMMARY_LABELS.items() if label in labels), None) \
                or next((name for name, labels in SUMMARY_LABELS.items() if len(label_words) > 1  # `average difficulty:
                         and label_words[-2] in labels and context.field(label) is not None), None) \
                or ("sum" if own is None and len(text) == 1 and after_words and after_words[0] in SUMMARY_LABELS["sum"]
                    else None)  # `TOTAL (N)`; `P spent`
            if own is not None and is_number(own.type) and (function is None or values):
                said = _said_function(context, own)  # "Mean systolic and mean diastolic": `SYS/DIA`
                if said in ("min", "max") and _picked_group(context) is not None:
                    said = "sum"  # "the waiter who served the most covers altogether": the most picks the group
                function = said or function
            writer = writers.get(text) if text.isupper() and len(text) > 1 and (
                own is None or writers.get(text, ("", ""))[1] == own.name) else None  # DEPTH "written everywhere" by metres
            if function is None and own is not None and re.fullmatch(r"\w+est|most|least", label):
                measured = _measured_field(context, label)  # `deepest DEPTH`: the most of it
                function = ("max" if measured[1] else "min") if measured and measured[0] == own.name else None
            written = context.field(writer[1]) if writer and "," not in writer[1] else None
            if written is not None and is_number(written.type):  # `DURATION`: duration(the minutes added up)
                values.append(Aggregate(function or "sum", written.name))
                pieces.append("{" + f"{writer[0]}(values[{len(values) - 1}])" + "}")
                continue
            target = own if own is not None and is_number(own.type) else next(
                (f for f in numbers if same(f.name, label) or (after_words and same(f.name, after_words[0]))), None)
            if target is None and after_words and len(after_words[0]) >= 3 and function is None:
                target = next((f for f in numbers if f.name.lower().startswith(after_words[0])
                               and f.name.lower() != after_words[0]), None)  # `M min underwater` over `minutes`
            if function is None and target is None and (same(label, context.entity.name) or any(
                    same(word, context.entity.name) for word in after_words[:1]) or label in ("count", "number", "n", "num",
                                                                                          "cnt", "no")
                    or (text == "N" and after_words and after_words[0].endswith("s"))
                    or (label == "of" and re.fullmatch(r"[A-Z]", text) and values and values[-1].function == "count")
                    or (text == "N" and group is not None and not label)  # `KEY: N, AMOUNT`: how many in the group
                    or (label and context.field(label) is None and _word_condition(context, label) is None
                        and re.search(rf"\bhow many {re.escape(label)}\b", context.lower))):
                function = "count"  # also "over N days", "in N episodes": N things counted; "how many sets"
            if function is None and target is None and re.fullmatch(r"\d+(?:\.\d+)?", text) and re.search(
                    r"\b(?:adds? up|added up|adding up|sums?|summed|totals?|altogether)\b", context.lower):
                used_fields = {value.field for value in values}
                amounts = [f for f in numbers if f.name not in used_fields and f.name.lower() not in KEPT_NUMBERS
                           and (grouped is None or f is not grouped)]
                target = next((f for f in named if f.name not in used_fields), None) or (
                    amounts[0] if len(amounts) == 1 else None)
                # "Adds up the grams, the minutes and the money": `250 g` is the first named not yet used;
                # "what they add up to, like `anna: 2 repairs, 20.50 EUR`": the one amount there is
            if function is None and target is not None:
                function = "sum"
            if function == "sum" and target is None and after_words and after_words[0] in SUMMARY_LABELS["sum"][4:]:
                money = [f for f in numbers if re.search(r"\b(?:price|cost|costs|amount|paid|fee|money|spent)\b",
                                                         f"{f.name} {f.description or ''}".lower())]
                target = money[0] if len(money) == 1 else None  # `P spent`: the money field, not the months
            if function in ("min", "max", "mean", "sum") and target is None and not (function == "sum" and text in products):
                summed_before = [value.field for value in values if value.function == "sum" and value.field]
                measured_before = [value.field for value in values  # "H the highest peak, C the lowest": the peak
                                   if value.function in ("mean", "min", "max") and value.field]
                money = [f for f in numbers if f.name.lower() in MONEY_FIELDS or re.search(
                    r"\b(?:pounds|euros?|dollars|pence|cents?|money)\b", (f.description or "").lower())] \
                    if re.search(r"\b(?:money|takings|income|earned|earnings|revenue|charged)\b", context.lower) else []
                target = context.field(summed_before[-1]) if function == "mean" and summed_before else context.field(
                    measured_before[-1]) if function in ("min", "max") and measured_before else context.field(
                    prefer) if prefer else money[0] if len(money) == 1 else next(
                    (f for f in named + numbers if (grouped is None or f.name != grouped.name)
                     and f.name.lower() not in KEPT_NUMBERS), None)  # `SUM` of the amounts, not of the numbers;
                # "Money in: `N callouts, total TOTAL`": the one field kept in money
            if function is None and own is not None and is_number(own.type) and grouped is not None \
                    and per_group and text.isupper():
                function = "sum"  # "Each method rung, with how many times and the changes": a group's changes, added up
            if function is None and target is None and text == "N" and per_group \
                    and re.search(r"\bhow many (?:times|of them)\b", context.lower):
                function = "count"  # "with how many times": the group's records counted
            product = products.get(text) if function in (None, "sum") and target is None else None
            if product is not None:  # "COST ... all their costs added", the cost being "its nights times nightly
                written = re.fullmatch(r"(\w+)\((.*)\)", product)  # of its people"
                wrapping = context.functions.get(written.group(1)) if written else None
                writer = wrapping.name if wrapping is not None and wrapping.returns is not None and type_name(
                    wrapping.returns) == "str" and re.search(r"[*+(-]", written.group(2)) else None  # `dollars(a * b)`
                inner = written.group(2) if writer else product
                values.append(Aggregate("sum", "expr:" + inner))
                pieces.append("{" + (f"{writer}(values[{len(values) - 1}])" if writer else f"values[{len(values) - 1}]") + "}")
                continue
            if function is None and target is None and _shown_as_is(context, text):
                pieces.append(text)  # `7.50 EUR`: a currency code the examples print as it is, no placeholder
                continue
            if function is None and target is None and text in GENERIC_TOTALS:
                told = _line_words(context, line)  # "3. `pot: MONEY`, the stakes of the paid rows added up"
                measured = next((f for f in numbers for word in words(told) if same(word, f.name)), None)
                if measured is not None and re.search(r"\b(?:added up|adds? up|total|sum|summed|altogether)\b", told):
                    function, target = "sum", measured
                elif measured is not None and re.search(r"\b(?:average|mean)\b", told):
                    function, target = "mean", measured
            applied = _applied_to_value(context, text, label, {**earlier, **placed}, values) \
                if function is None and target is None else None
            if applied is not None:  # "the claim (mileage_cost of the total)": a spec function of a value before it
                pieces.append("{" + f"{applied[0]}(values[{applied[1]}]){applied[2]}" + "}")
                continue
            if function is None or (function != "count" and target is None):
                return None
            values.append(Aggregate(function, target.name if function != "count" else None))
            own_writer = writers.get(target.name.upper()) if target is not None and function in ("sum", "min", "max") \
                else None
            if own_writer is not None and own_writer[1] == target.name:  # "amount via money": its sum the same way
                pieces.append("{" + f"{own_writer[0]}(values[{len(values) - 1}])" + "}")
                continue
            decimals = re.search(r"\.(\d+|[A-Z]+)$", text)
            spec = f":{',' if ',' in text else ''}.{len(decimals.group(1))}f" if decimals else ":," if "," in text else ""
            # (`owed 1,245.00`: one number, with commas between the thousands)
            stated = decimals_said if function != "count" else ""
            whole = function in ("sum", "min", "max") and target is not None and type_name(target.type) == "int"
            if not spec and stated and (function == "mean" or stated != ".0f") and not whole:
                spec = ":" + stated  # "all with two decimals", "each rounded to the nearest whole number"
                # (not a sum of whole nights: "Money is shown with two decimals" is about money)
            if not spec and function in ("sum", "mean", "min", "max") and target is not None \
                    and type_name(target.type) == "float" and _money_in_two_decimals(context, target):
                spec = ":.2f"  # "Money is shown with two decimals", said once for the project
            if not spec and function in ("sum", "mean", "min", "max") and target is not None and not whole:
                spec = _project_decimals(context, target)  # "Amounts are in litres and always shown with one decimal"
            pieces.append("{values[" + str(len(values) - 1) + "]" + spec + "}")
        pieces.append(_fstring_text(line[cursor:]))
        subset = _line_subset(context, line)
        if subset is not None:  # "`collected: N knives, MONEY` for the knives collected so far": that line's records
            values[first_value:] = [value if value.where else replace(value, where=subset) for value in values[first_value:]]
        cut = stops.get(line)
        if cut is not None and 2 * cut < len(pieces):  # "When no entry has a score, the line stops after the
            shown = re.match(r"\{([^{}:]+)", pieces[2 * cut - 1])  # judged count": the rest only when that count
            rest = "".join(pieces[2 * cut:]).replace("'", "\\'")  # is not 0
            template_lines.append("".join(pieces[:2 * cut]) + f"{{(f'{rest}' if {shown.group(1)} else '')}}")
            continue
        template_lines.append(_shown_as_in_examples(context, line, slots, pieces) if learn
                              else "".join(pieces))
    if len(values) < 2 or (group is not None and not re.search(
            r"\b(per|each|every|one line|by)\b", context.lower) and _picked_group(context) is None):
        return None
    if group is not None:
        values = [replace(value, group_by=group) for value in values]
    return values, "\n".join(template_lines).replace("\u2060", ""), left


GENERIC_TOTALS = ("MONEY", "AMOUNT", "TOTAL", "SUM", "VALUE")


def _line_words(context: Context, line: str) -> str:
    """The words right after a summary line's format, up to the next line or sentence ("3. `pot:
    MONEY`, the stakes of the paid rows added up; 4. ..."): what that line is about."""
    plain = line.replace("\u2060", "")
    for match in re.finditer(r"`([^`]+)`", context.text):
        if match.group(1) == plain:
            return re.match(r"[^.;`]*", context.text[match.end():]).group(0)
    return ""


def _line_subset(context: Context, line: str) -> str | None:
    """The records one summary line is about, as the words right after it say: "`collected: N
    knives, MONEY` for the knives collected (and paid for) so far" over `state: str — waiting,
    ready or collected` -> ``"state == 'collected'"``; "`on the bench: ...` for the ones not
    collected yet" -> ``"state != 'collected'"``; "for the paid ones" over `paid: bool` ->
    ``"paid"``. None when the words name no state or flag."""
    plain = line.replace("\u2060", "")
    label = re.split(r"\b[A-Z]+\b|\d", plain)[0]
    states = _states(context)
    for match in re.finditer(r"`([^`]+)`", context.text):
        if match.group(1) != plain and not (len(label.strip()) >= 3 and match.group(1).startswith(label)):
            continue
        after = re.match(r"\s*(?:(?:for|of|counting|covering|over) (?:the|those|all|every)\b|,\s+(?:the|those|all|every)\b|"
                         r",\s+(?=\w+ (?:not|that|which|still)\b))([^.;`]*)", context.text[match.end():])
        if after is None:  # (also a numbered line's words: "2. `paid: N`, the paid rows", "`in care: N`, rows not
            continue  # released")
        said = words(after.group(1))[:8]
        for index, word in enumerate(said):
            negated = any(w in ("not", "no", "never", "un") for w in said[max(0, index - 2):index])
            if states is not None and word in states[1]:
                return f"{states[0].name} {'!=' if negated else '=='} {word!r}"
            flag = next((f for f in context.fields_of("bool") if re.fullmatch("|".join(_bool_forms(f.name)), word)
                         or (word.startswith("un") and re.fullmatch("|".join(_bool_forms(f.name)), word[2:]))), None)
            if flag is not None:  # ("the unpaid rows": not paid)
                return f"{'not ' if negated or not re.fullmatch('|'.join(_bool_forms(flag.name)), word) else ''}{flag.name}"
    return None


def _project_decimals(context: Context, target) -> str:
    """The decimals the project's words state for a field ("Amounts are in litres and always
    shown with one decimal place" over `litres`): ``":.1f"``, or "" when they state none."""
    for sentence in _sentences(" ".join((context.project.description or "").split())):
        lower = sentence.lower()
        if re.search(rf"\b{re.escape(target.name.lower())}\b", lower):
            spec = stated_decimals(sentence)
            if spec and spec != ".0f":
                return ":" + spec
    return ""


def _money_in_two_decimals(context: Context, target) -> bool:
    """Whether the project's words show money with two decimals ("Money is shown with two
    decimals") and ``target`` is money (a price, cost, amount, fee)."""
    said = re.search(r"\b(?:money|amounts?|prices?|costs?)\b[^.;]*\b(?:two|2) decimal", context.project.description or "",
                     flags=re.IGNORECASE)
    return bool(said) and bool(re.search(r"\b(?:price|cost|costs|amount|paid|fee|money|spent)\b",
                                         f"{target.name} {target.description or ''}".lower()))


def _project_words(context: Context) -> dict[str, Any]:
    """What several readings ask of the whole project, read once per pass over the commands
    (per command it would be quadratic in the spec): every command's words in small letters,
    the spec functions some command's words name, and every line the examples print."""
    texts = context.index.texts
    if not texts:
        project = context.project
        texts["described"] = " ".join(" ".join(strip_fences(command.description or "").split()).lower()
                                      for command in project.commands)
        raw = " ".join(command.description or "" for command in project.commands)
        texts["named"] = {name for name in context.index.functions
                          if re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", raw)}
        texts["shown"] = "\n".join(
            [example.expected or "" for command in project.commands for example in command.examples]
            + [line for transcript in project.all_transcripts() for step in transcript.steps for line in step.expected])
    return texts


def _shown_as_is(context: Context, token: str) -> bool:
    """Whether a word in capitals in a line format is text, not a placeholder: the spec's
    examples print it as it is (`EUR` in `7.50 EUR`), and no field or argument has its name."""
    if len(token) < 2 or not token.isupper() or context.field(token.lower()) is not None \
            or any(same(param.name, token.lower()) for param in context.params):
        return False
    return re.search(rf"(?<![A-Za-z]){re.escape(token)}(?![A-Za-z])", _project_words(context)["shown"]) is not None


def _example_key(context: Context, line: str) -> str:
    """A per-group line shown by example, its key a value: `gym: 3 things, 1 waiting` in "one
    line per place" is `KEY: 3 things, 1 waiting`, the key standing for the place."""
    grouped = _group_field(context)
    shown = re.match(r"([a-z][\w .'-]*?|[A-Z][a-z][\w .'-]*?|[A-Z]+\d[\w-]*): (?=.*\d)", line)  # (`P0142: $3.35
    # (2 sales)`: a code; `Big Bertha: 3 launches, ...`: a name)
    if grouped is None or type_name(grouped.type) != "str" or shown is None \
            or any(shown.group(1).lower() in labels for labels in SUMMARY_LABELS.values()) \
            or context.field(shown.group(1)) is not None or not re.search(
                r"\b(?:per|each|every|one line|by)\b", context.lower):
        return line
    return "KEY" + line[shown.end(1):]


def _written_by_example(context: Context, line: str, found: dict[str, tuple[str, str]]) -> str:
    """A summary line's value shown as a spec function writes it: `total 2.10 kg in 3 finds`
    with ``weight(grams) -> str`` and ``weight(1000) == "1.00 kg"`` is `total WRITTENA in 3
    finds`, ``found["WRITTENA"] = ("weight", "grams")``: the grams added up, written by weight."""
    for number, (name, pairs) in enumerate(_number_writers(context.index).items()):
        written = context.field(context.index.functions[name].params[0].name)
        if written is None or not is_number(written.type):
            continue
        shapes = {"".join(r"-?\d+(?:\.\d+)?" if re.fullmatch(r"-?\d+(?:\.\d+)?", part) else re.escape(part)
                          for part in re.split(r"(-?\d+(?:\.\d+)?)", str(text)) if part)
                  for _, text in pairs if re.search(r"\d", str(text)) and re.search(r"[^\d\s.,-]", str(text))}
        named = name in _project_words(context)["named"]
        decimals = {len(str(text).split(".")[1]) for _, text in pairs if re.fullmatch(r"\d+\.\d+", str(text))}
        if named and not shapes and len(decimals) == 1:  # `7.50 EUR` where "price for the money": price(1000) == "30.00"
            shapes = {rf"\d+\.\d{{{decimals.pop()}}}"}
        for shape in sorted(shapes, key=len, reverse=True):
            match = re.search(rf"(?<![\w.]){shape}(?![\w.])", line)
            if match is not None:
                token = "WRITTEN" + "".join(chr(ord("A") + int(digit)) for digit in str(number))
                found[token] = (name, written.name)
                line = line[:match.start()] + token + line[match.end():]
                break
    return line


def _output_condition(context: Context, word: str) -> str | None:
    """The records a word names as one value of a text a spec function works out from their
    fields: `peal: N` where peal_kind(changes) gives "peal", "quarter" or "touch" (its examples
    show them) -> ``"call:peal_kind(changes) == 'peal'"``; None unless exactly one function of
    the record's fields gives that word."""
    found = []
    for function in context.functions.values():
        if function.returns is None or type_name(function.returns) != "str" or not function.params:
            continue
        fields = [context.field(param.name) for param in function.params]
        if any(f is None for f in fields):
            continue
        if word in {value for _, value in example_pairs(context.index, function) if isinstance(value, str)}:
            found.append(f"call:{function.name}({','.join(f.name for f in fields)}) == {word!r}")
    return found[0] if len(found) == 1 else None


def _word_condition(context: Context, word: str) -> str | None:
    """The bool field a word after a number stands for: `2 waiting` where the words say
    "still waiting (not returned)" -> "not returned"; `3 sent` over `sent` -> "sent"."""
    for text in (context.lower, _project_words(context)["described"]):  # "(not returned)" said by list
        for bool_field in context.fields_of("bool"):
            forms = "|".join(_bool_forms(bool_field.name))
            if re.fullmatch(forms, word):
                return bool_field.name
            said = re.search(rf"\b{re.escape(word)}\s*\((not |no longer |un)?({forms})\)", text)
            if said:
                return ("not " if said.group(1) else "") + bool_field.name
    negated = [f.name for f in context.fields_of("bool") if f.name in NEGATED_FLAGS.get(word, ())]
    if len(negated) == 1:
        return f"not {negated[0]}"  # `2 waiting` over `returned`
    opposite = [f.name for f in context.fields_of("bool") if re.search(
        rf"\bfalse (?:for|when|if|on|while) (?:an? |the |it is |it's |it was )?{re.escape(word)}\b", (f.description or "").lower())]
    if len(opposite) == 1:
        return f"not {opposite[0]}"  # `1 failed` over `ok: bool = true — false for a failed run`
    valued = [f for f in context.fields_of("str") if word in stated_values(f.description)]
    if len(valued) == 1:  # `W winter, S summer` over `season: str — summer or winter`: the winter ones
        return f"{valued[0].name} == {word!r}"
    for text_field in context.fields_of("str"):  # `borrower: str = "" — empty while it is on the shelf`
        empty = _empty_state(text_field)
        if not empty:
            continue
        if word in empty:
            return f"not {text_field.name}"  # `1 on the shelf`
        if word in ("out", "lent", "borrowed", "taken", "away", "given", "used", "occupied", "booked") or \
                stem(word)[:5] == stem(text_field.name)[:5]:
            return text_field.name  # `1 lent`: the ones it is set for
    return None


def _said_function(context: Context, target) -> str | None:
    """The summary the words put before a field (its name or its description's first word):
    "mean diastolic" over `dia: int — diastolic pressure` -> "mean"."""
    names = {target.name.lower(), *(words(target.description)[:1])}
    for name, labels in SUMMARY_LABELS.items():
        for label in labels:
            if any(re.search(rf"\b{re.escape(label)} {re.escape(word)}\b(?!,? (?:\w+ )?(?:first|last|on top|at the top)\b)",
                             context.lower) for word in names):
                return name  # not "the driver with the most miles first": an order
    return None


def _defined_sums(context: Context) -> dict[str, tuple[Aggregate, str | None]]:
    """Placeholders the words define as a sum, mean, min or max of a number field, or of a spec
    function of each record, with the records it keeps and the writer it goes through: "N the
    sum of the counts" -> ``{"N": (sum of count, None)}``; "OWED the sum of the bills not yet
    paid, both amounts written by money" -> ``{"OWED": (sum of bill(nights,rate) where not
    paid, "money")}``."""
    found: dict[str, tuple[Aggregate, str | None]] = {}
    labels = {"sum": "sum", "total": "sum", "mean": "mean", "average": "mean", "highest": "max", "largest": "max",
              "maximum": "max", "biggest": "max", "lowest": "min", "smallest": "min", "minimum": "min"}
    for match in re.finditer(rf"\b([A-Z](?:[A-Z_]*[A-Z])?)\b`?,? (?:is |being |= )?(?:the |their |its )?({'|'.join(labels)}) "
                             r"(?:of )?(?:the |all the |their |its |those |these )?(\w+)(?=([^,.;]*))", context.text):
        # "M being the average level", "A the average of those scores"
        target = field_by_name(context.entity, match.group(3).lower())
        function = context.functions.get(singular(match.group(3).lower()))
        arguments = _record_arguments(context, function) if target is None and function is not None \
            and function.returns is not None and is_number(function.returns) else None
        if target is not None and is_number(target.type):
            value = target.name
        elif arguments:  # "the sum of their bills" over bill(nights, rate)
            value = f"call:{function.name}({','.join(f.name for f in arguments)})"
        else:
            continue
        where = _kept_by_flag(context, re.split(r"\band [A-Z]", match.group(4))[0].lower())  # "the bills not yet paid"
        sentence = context.text[match.end():].split(". ", 1)[0]
        own = re.split(r"\b[A-Z](?:[A-Z_]*[A-Z])?\b,? (?:is|being|=|the) ", sentence)[0]  # up to the next definition
        writer = re.search(r"\b(?:written|shown|formatted) (?:by|with|through|using) (?:the )?`?(\w+)", own) or re.search(
            r"\b(?:both|all|each)(?: \w+)?(?: of them)? (?:written|shown|formatted) (?:by|with|through|using) (?:the )?`?(\w+)",
            sentence)  # "..., both amounts written by money", "written with the weight function"
        written = context.functions.get(writer.group(1)) if writer else None
        found[match.group(1)] = (Aggregate(labels[match.group(2)], value, where=where),
                                 written.name if written is not None and len(written.params) == 1 else None)
    written_calls = None
    for match in re.finditer(r"\b([A-Z](?:[A-Z_]*[A-Z])?)\b`?,? (?:is |being |= )?(?:the |their |its |all )?(\w+) "
                             r"(?:all )?(?:added up|summed|added together)\b", context.text):
        name, noun = match.group(1), match.group(2).lower()  # "M their minutes added up and AMOUNT their costs added up"
        if name in found:
            continue
        target = field_by_name(context.entity, noun)
        if target is not None and is_number(target.type):
            own = context.text[match.end():].split(". ", 1)[0]
            own = re.split(r"\b[A-Z](?:[A-Z_]*[A-Z])?\b,? (?:is|being|=|the|their) ", own)[0]
            writer = re.search(r"\b(?:written|shown|formatted) (?:by|with|through|using) (?:the )?`?(\w+)", own)
            written = context.functions.get(writer.group(1)) if writer else None  # "..., written with metres"
            found[name] = (Aggregate("sum", target.name),
                           written.name if written is not None and len(written.params) == 1 else None)
            continue
        if written_calls is None:
            written_calls = _composed_writers(context)
        call = written_calls.get(singular(noun).upper())  # "costs" where COST is money(cost(material, minutes))
        layers = re.fullmatch(r"(\w+)\((\w+)\(((?:item\.\w+(?:, )?)+)\)\)", call or "")
        if layers and layers.group(1) in context.functions:
            fields = [argument.strip()[5:] for argument in layers.group(3).split(",")]
            found[name] = (Aggregate("sum", f"call:{layers.group(2)}({','.join(fields)})"), layers.group(1))
    for match in DEFINED_COUNT.finditer(context.text):  # "N being the number of buttons of that colour"
        counted = _units_counted(context, match)
        if counted is not None and match.group(1) not in found:
            found[match.group(1)] = (Aggregate("sum", counted.name), None)
    for match in re.finditer(r"\b([A-Z](?:[A-Z_]*[A-Z])?)\b`?,? (?:is |being |= )?(?:the |each \w+'s |every \w+'s )?([a-z_]+) "
                             r"(?:times|multiplied by|x) (?:its |their |the )?([a-z_]+),? (?:all )?(?:added up|summed)\b"
                             r"(?:,? (?:through|by|with|via|written by|shown (?:by|with)) (\w+))?",
                             context.text):  # "TOTAL being value times copies added up, through money()"
        first, second = context.field(match.group(2)), context.field(match.group(3))
        written = context.functions.get(match.group(4) or "")
        if first is not None and second is not None and is_number(first.type) and is_number(second.type) \
                and match.group(1) not in found:
            found[match.group(1)] = (Aggregate("sum", f"{first.name}*{second.name}"),
                                     written.name if written is not None and len(written.params) == 1 else None)
    both = re.search(r"\b(?:both|all|each)(?: \w+)?(?: of them)? (?:written|shown|formatted) (?:by|with|through|using) "
                     r"(?:the )?`?(\w+)", context.text)  # "..., both written with money"
    for match in re.finditer(r"\b([A-Z](?:[A-Z_]*[A-Z])?)\b,? (?:is |being |= )?the ([a-z_]+) of all (?:the |their )?"
                             r"((?:\w+ ){0,2}?\w+)(?= added together| added up|,| and\b|\.)", context.text):
        name, noun, kept = match.groups()  # "X is the price of all the paid orders added together and Y the price
        function = context.functions.get(noun)  # of all the unpaid ones, both written with money"
        arguments = _record_arguments(context, function) if function is not None and function.returns is not None \
            and is_number(function.returns) else None
        target = field_by_name(context.entity, noun)
        value = f"call:{function.name}({','.join(f.name for f in arguments)})" if arguments else \
            target.name if target is not None and is_number(target.type) else None
        if value is None or name in found:
            continue
        writer = context.functions.get(both.group(1)) if both else None
        found[name] = (Aggregate("sum", value, where=_kept_by_flag(context, kept.lower())),
                       writer.name if writer is not None and len(writer.params) == 1 else None)
    said = re.search(r"\b(?:every|each) \w+'s ([a-z_]+) (?:times|multiplied by) (?:its |their )?([a-z_]+),? (?:all )?"
                     r"(?:added up|summed)\b", context.text)  # "What the binder is worth: every card's value times
    if said and "TOTAL" in _line_capitals(context) and "TOTAL" not in found:  # its copies, added up. Prints `N cards worth TOTAL`"
        first, second = context.field(said.group(1)), context.field(said.group(2))
        if first is not None and second is not None and is_number(first.type) and is_number(second.type):
            money = _money_writer(context)
            found["TOTAL"] = (Aggregate("sum", f"{first.name}*{second.name}"), money.name if money is not None else None)
    return found


def _units_counted(context: Context, match: re.Match):
    """The number field a count's words say is counted up, not the records: "N being the number
    of buttons of that colour" over `count: int — how many buttons the lot holds` (and `lots`
    the records) -> `count`; None for "the number of lots"."""
    if context.entity is None:
        return None
    if match.group(2) is not None:  # "N counting every copy" over `copies: int — how many of this card we have`
        after = re.match(r"\s*(?:all|every|the) (\w+)", match.group(3) or "")
        for word in (after.group(1) if after else None, match.group(2)):
            named = context.field(word.lower()) if word else None
            if named is not None and is_number(named.type):
                return named
        return None
    first = re.match(r"(?:the |its |their |all )?([a-z]+)\b", match.group(3).strip().lower())
    if first is None or singular(first.group(1)) in {singular(word) for word in (
            context.entity.name.lower(), *words(context.store.name if context.store is not None else ""),
            "one", "record", "entry", "item", "row", "different", "distinct", "unique")}:
        return None
    word = singular(first.group(1))
    counting = [f for f in context.fields_of("int", "float") if re.search(
        rf"\b(?:how many|number of|count of) (?:\w+ )?{re.escape(word)}s?\b", (f.description or "").lower())]
    return counting[0] if len(counting) == 1 else None  # "N the number of tubes" over `volume — ml left in the
    # tube` counts the tubes (the records), not their millilitres


DEFINED_COUNT = re.compile(r"\b([A-Z])\b,? ?(?:is |being |= |counts? |counting )?(?:how many|(?:the )?number of|the count of|"
                           r"(?=(?:all|every|the) (?:\w+ )?(\w+)\b))\s*(?=([^,.;]+))")


def _defined_counts(context: Context) -> dict[str, str | None]:
    """One-letter placeholders the words define as counts: "where T is how many different
    things go in that bag and P how many of those are packed" -> ``{"T": None, "P": "packed"}``
    (the bool field the count keeps, "not FIELD" for its negation)."""
    found: dict[str, str | None] = {}
    noun = plural(context.entity.name.lower()) if context.entity is not None else "records"
    for match in DEFINED_COUNT.finditer(context.text):  # "N all logged climbs and M the sent ones"
        counted = match.group(2)
        if counted is not None and counted.lower() not in (noun, "ones", *RECORD_NOUNS):
            continue
        if _units_counted(context, match) is not None:
            continue  # "the number of buttons" over `count — how many buttons the lot holds`: a sum
        found[match.group(1)] = _kept_by_flag(context, re.split(r"\band [A-Z]\b", match.group(3))[0].lower())
    return found


def _kept_by_flag(context: Context, phrase: str) -> str | None:
    """The bool field a phrase keeps the records by, "not FIELD" for its negation: "those are
    packed" -> "packed"; "the bills not yet paid" -> "not paid" (the last flag named wins)."""
    where = None
    for bool_field in context.fields_of("bool"):
        forms = "|".join(_bool_forms(bool_field.name))
        if re.search(rf"\b(?:not|un|n't|never)\s*(?:yet )?(?:{forms})\b|\bun(?:{forms})\b", phrase):
            where = f"not {bool_field.name}"
        elif re.search(rf"\b(?:{forms})\b", phrase):
            where = bool_field.name
    for number in context.fields_of("int", "float") if where is None else ():  # `score: int | None`: "how many
        if default_value(number.default) is None and number.default is not None:  # of them have a score"
            if re.search(rf"\b(?:have|has|with|having) (?:a |an )?{re.escape(number.name.lower())}\b", phrase):
                where = f"{number.name} != None"
            elif re.search(rf"\b(?:no|without an?) {re.escape(number.name.lower())}\b", phrase):
                where = f"{number.name} == None"
    return where


def _shown_as_in_examples(context: Context, line: str, slots, pieces: list[str]) -> str:
    """A summary line's numbers written as the spec's examples show them: `COST` shown as
    `€18.50` gives ``€{values[1]:.2f}``."""
    regex = ""
    cursor = 0
    for slot in slots:
        regex += re.escape(line[cursor:slot.start()]) + "(.+?)"
        cursor = slot.end()
    regex += re.escape(line[cursor:])
    for (argv, expected, status), _, _, _ in _simulated(context):
        for shown in (expected or []) if not status else []:
            match = re.fullmatch(regex, shown)
            if match is None:
                continue
            learned = list(pieces)
            for number, piece in enumerate(pieces[1::2]):  # literal, slot, literal, slot, ...
                name = re.match(r"\{(values\[\d+\])", piece)
                if name is not None:
                    written = _number_format(match.group(number + 1), name.group(1))
                    if written and ":" in piece and ":" not in written and written.replace(
                            "{" + name.group(1) + "}", "") == "":
                        written = piece  # `123` is `{values[0]:.0f}` where the words say "rounded"
                    learned[1 + 2 * number] = written or piece
            return "".join(learned)
    return "".join(pieces)


def _compound_keys(context: Context, locators: list, select: str, param: str | None,
                   target: str | None) -> list[Filter]:
    """The other key fields a lookup's error clause names beside the one that locates: "a
    wine and vintage I don't have", "a scent and size that aren't on the sheet" find the
    record by both."""
    if select != "key":
        return []
    clauses = [words(error.condition) for error in context.errors  # a lookup's own clause
               if re.search(LOOKUP_WORDS, error.condition.lower())]
    clauses += [words(said.group(1)) for said in re.finditer(  # "Corrects the points of an existing result, found
        r"\b(?:found|identified|located|looked up|picked out|matched) by ([^.;]+)", context.lower)]  # by NIGHT and TEAM"
    clauses += [words(said.group(0)) for said in re.finditer(  # "(kind + length)": a key of two fields
        r"\((\w+) \+ (\w+)\)", context.lower)]
    measured = [("key", p.name, f.name) for p in context.params if p.default is None and p.name != param
                and (f := context.field(p.name)) is not None and is_number(f.type) and unit_head(f.name)
                and not any(other == p.name for _, other, _ in locators)]  # `length_m`, "that kind and length"
    measured += [("key", p.name, f.name) for p in context.params if p.default is not None and p.name != param
                 and default_value(p.default) not in (None, "", False) and (f := context.field(p.name)) is not None
                 and type_name(f.type) == type_name(p.type) == "str"]  # "found by its night, its species and its trap"
    # over `trap: str = "garden"`: the trap given, else the usual one
    return [Filter(other_field, "==", f"param:{other}") for kind, other, other_field in [*locators, *measured]
            if kind == "key" and other != param and any(
                (mentions(clause, other_field) or mentions(clause, unit_head(other_field) or other_field))
                and (mentions(clause, target) or mentions(clause, context.entity.name.lower()))
                for clause in clauses)]


def _update(context: Context) -> list[Interpretation]:
    lower = context.lower + " " + " ".join(context.name_words)
    candidates = []
    locators = _locators(context) or [("matching", None, None)]
    for loc_rank, (select, param, target) in enumerate(locators + [("matching", None, None)]):
        exclude = {param} if param else set()
        keys = _compound_keys(context, locators, select, param, target)
        located = context.field(target) if select == "key" and target else None
        if located is not None and 2 <= len(stated_values(located.description)) <= 6 and not keys:
            keys = [Filter(f.name, "==", f"param:{p.name}") for p in context.params if p.default is None
                    and p.name != param and (f := context.field(p.name)) is not None and iso_day(f)][:1]
            # "a slot" over `slot — am or pm` is found on the day given with it ("Shift a job to another day")
        exclude |= {flt.value[6:] for flt in keys}  # "a wine and vintage I don't have": both find it
        assignment_options = _assignments(context, exclude, lower)
        for a_rank, assignments in enumerate(assignment_options):
            used = exclude | {a.value.removeprefix("not ")[6:] for a in assignments
                              if a.value.removeprefix("not ").startswith("param:")}  # (`read = not undo` uses undo)
            if select == "matching":
                filter_options, filter_used = _filters(context, used)
                filter_options = [f for f in filter_options if f] or [[]]
            elif select == "key":  # "all of their unpaid invoices": a key may match several
                word_filters = _word_filters(context, used)
                filter_options, filter_used = ([word_filters, []] if word_filters else [[]]), set()
                filter_options = [keys + options for options in filter_options]
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
                                                             if a.value.startswith("param:")}
                                                   | ({param} if param else set()))
                candidate.unused_params = [p.name for p in context.params if p.name not in all_used]
                if not assignments:
                    candidate.ignored.append("nothing to change: no parameter or flag field matches")
                    candidate.score -= 3
                candidates.append(candidate)
    return candidates + _picked_update(context, lower)


def _picked_update(context: Context, lower: str) -> list[Interpretation]:
    """One record an order picks among those the arguments find, then changed: "takes ONE
    cable: of that kind, at least MIN_LENGTH long, from the shortest such entry"; "take the
    one with the fewest hires". The arguments are filters here, the changes come from the words."""
    picked = _picked_by_order(context)
    if picked is None:
        return []
    candidates = []
    amounts = {p.name for p in context.params if p.default is None and is_number(p.type)
               and (target := context.field(p.name)) is not None and target.name == p.name and is_number(target.type)
               and re.search(rf"\b(?:the )?{re.escape(p.name.lower())} (?:go|goes|are put|is put|get added|gets added|"
                             rf"are added|is added) (?:on|onto|to)\b", lower)}
    # ("the hours go on that racket": HOURS is what is added, no bound on the records)
    selections = [(select, set()) for select in _selected(context)[:4]]
    if amounts:
        selections = [(replace(select, filters=[f for f in select.filters if (f.value or "").removeprefix("param:") not in amounts]),
                       amounts) for select, _ in selections] + selections
    for rank, (select, freed) in enumerate(selections):
        used = {p.name for p in context.params if p.name not in select.unused_params} - freed
        for a_rank, assignments in enumerate(_assignments(context, used, lower)[:2]):
            if not assignments or (freed and not any(a.value.removeprefix("param:") in freed for a in assignments)):
                continue
            valued = {p.name for p in context.params if p.default is not None
                      and default_value(p.default) not in (None, "", False, "all", 0)}  # `kind = "hockey"`: always one
            filters = [replace(f, when=None) if f.when in valued else f for f in select.filters]
            candidate = replace(select, filters=[*filters, *(f for f in _word_filters(context, used)
                                                             if f not in filters)],
                                order=picked, limit="1", assignments=list(assignments))
            candidate.then_by = _tie(context, {picked[0]}) or _then_by(context, picked)  # "the same hires: the first label"
            candidate.last_by = _tie(context, {picked[0], candidate.then_by[0]}) if candidate.then_by else None
            candidate.score += 3.0 - 0.05 * rank - 0.2 * a_rank
            assigned = {a.value.removeprefix("not ").removeprefix("param:") for a in assignments}
            candidate.unused_params = [p.name for p in context.params if p.name not in used | assigned]
            candidates.append(candidate)
    return candidates


def _picked_by_order(context: Context) -> tuple[str, bool] | None:
    """The order that picks the one record a change goes to: "from the shortest such entry",
    "the one with the fewest hires" (the field, whether more comes first), or None."""
    if context.entity is None:
        return None
    nouns = {context.entity.name.lower(), "one", *RECORD_NOUNS}
    for match in re.finditer(r"\bthe (?:free |available |spare |idle )?(one|\w+)(?: \([^)]*\))? (?:with|that has|that has had|who has|who has had|having|having had) "
                             r"the (most|fewest|least|highest|lowest|"
                             r"smallest|largest|biggest|longest|shortest) (\w+)", context.lower):
        target = field_by_name(context.entity, match.group(3))
        if match.group(1) != singular(match.group(1)) or re.match(r"\s+(?:first|last|on top)\b", context.lower[match.end():]):
            continue  # "the members with the most rehearsals first": an order of them all, no record picked
        if target is not None and is_number(target.type):  # "the one with the fewest hires"
            return target.name, match.group(2) in ("most", "highest", "largest", "biggest", "longest")
    for match in re.finditer(r"\b(?:from|to|take|takes|pick|picks|use|uses) the (\w+est|most \w+|least \w+) "
                             r"(?:such |matching |free |available )?(\w+)", context.lower):
        if match.group(2) in nouns or same(match.group(2), context.entity.name):
            measured = _measured_field(context, match.group(1))  # "from the shortest such entry"
            if measured is not None:
                return measured
    return None


def _assignments(context: Context, exclude: set[str], lower: str) -> list[list[Assignment]]:
    entity = context.entity
    direct: list[Assignment] = []
    commanded = None
    for param in context.params:
        if param.name in exclude:
            continue
        read = _read_in(context, param)
        filled = _commanded_field(context, param)  # `conductor(number, name)`: who conducted it
        commanded = commanded or filled
        target = context.field(param.name) or filled or (
            _read_target(context, param) if read else None)
        if target is None or (type_name(target.type) == "int" and target.name.lower() in KEPT_NUMBERS
                              and param.default is None):
            continue  # `lend(id, name)`: the id finds the book, it is not given a new one
        if read is not None:  # "The time is read with parse_time"; "--price, in pounds" over pence
            direct.append(Assignment(target.name, "set", read))
            continue
        if (type_name(target.type) == "str") != (type_name(param.type) == "str") and not is_list_type(target.type):
            continue  # `wind(name, day: str)` does not set `days: int`
        if is_list_type(target.type) and not is_list_type(param.type):
            if re.search(r"\b(remove|delete|drop|take|untag)\w*\b", lower):
                direct.append(Assignment(target.name, "discard", f"param:{param.name}"))
            else:
                direct.append(Assignment(target.name, "append", f"param:{param.name}"))
        elif is_number(target.type) and _arithmetic(lower):
            direct.append(Assignment(target.name, _arithmetic(lower), f"param:{param.name}"))
        else:
            direct.append(Assignment(target.name, "set", f"param:{param.name}"))
    for param in context.params:  # "I watered the plant on DAY": DAY is the new `watered`
        done = next((f for f in context.fields_of("str") if param.name not in exclude and context.field(param.name) is None
                     and f.name.lower().endswith("ed") and re.search(
                         rf"\b{re.escape(f.name.lower())} (?:the|a|an|it|this|that|my|our)\b[^.;]*\bon "
                         rf"{re.escape(param.name.upper())}\b", context.text, flags=re.IGNORECASE)), None)
        if done is not None and type_name(param.type) == "str" and not any(a.field == done.name for a in direct):
            direct.append(Assignment(done.name, "set", f"param:{param.name}"))
    for said in [*((m.group(1), m.group(2)) for m in re.finditer(
            r"\b(?:puts?|writes?|stores?|records?|enters?) (\w+) (?:in|into|as) (?:the )?(?:column|field) (\w+)\b", lower)),
                 *((m.group(2), m.group(1)) for m in re.finditer(  # "Fills column counted with CASH and column
                     r"\b(?:(?:fills?|sets?) (?:in )?|and )(?:the )?(?:column|field) (\w+) (?:with|to) (\w+)\b", lower))]:
        # "puts DAY in column last"; (counter with INITIALS)
        param = next((p for p in context.params if p.name.lower() == said[0] and p.name not in exclude), None)
        target = context.field(said[1]) if context.entity is not None else None
        if param is not None and target is not None and not any(a.field == target.name for a in direct) \
                and (type_name(target.type) == "str") == (type_name(param.type) == "str"):
            direct.append(Assignment(target.name, "set", f"param:{param.name}"))
    options: list[list[Assignment]] = []
    reset = _reset_to(context)
    if reset is not None:  # "used goes back to 0"
        options.append([*direct, Assignment(reset[0], "set", reset[1])])
    stepped = _stepping_function(context)
    if stepped is not None:  # "moves it on one stage (the way next_stage says)": stage = next_stage(stage)
        options.append([*direct, Assignment(stepped[0], "set", f"call:{stepped[1]}(item.{stepped[0]})")])
    moved_by = _stepping_by_argument(context)
    if moved_by is not None:  # "move the until month forward by the given number of months using add_months"
        options.append([*[a for a in direct if a.field != moved_by[0]], Assignment(moved_by[0], "set", moved_by[1])])
    changes = _fields_going_up_or_down(context)
    if changes:  # "shelf goes down by QTY, sold goes up by QTY": each field as said; "its visits go up by one",
        # "the stock grows by BAGS"
        kept = [a for a in direct if a.field not in {c.field for c in changes}]
        now = _flag_now(context, lower)
        if now is not None:  # "It is now out and its rides go up by one": both
            options.append([*kept, *changes, now])
        options.append([*kept, *changes])
    moved = _transition(context)
    if moved is not None:  # "loaded -> shot": the state field takes the new state
        options.append([*direct, Assignment(moved[0].name, "set", repr(moved[2]))])
    flags = _flag_assignments(context, lower)
    both = _closed_as(context, lower)
    if both:  # "Closes job NUM as fixed", "as not fixed": one flag by the verb, the other by "as"
        options.append(direct + both)
    said = _word_assignments(context, lower)
    moved = [d for d in direct if not any(a.value == d.value and a.field != d.field for a in said)]
    # ("add them to what was taken": the portions argument goes to `taken`, not to `portions` it is named like)
    stated = [a for a in said if not any(d.field == a.field for d in moved)]
    # ("add the nights ... to its total" read twice: once for the argument named like the field)
    if stated and flags:  # "marks the key as not out and clears its holder": both
        options.append(moved + stated + flags[:1])
    if stated:
        options.append(moved + stated)
    marked = flags and (re.search(rf"\bmarks? (?:\w+ ){{0,3}}(?:as )?(?:{'|'.join(_bool_forms(flags[0].field))})\b", lower)
                        or _names_flag(context, context.field(flags[0].field))  # `resolve` sets `resolved`
                        or any(flags[0].field in NEGATED_FLAGS.get(word, ()) for word in context.name_words))
    # (`back NAME CHARGE` over `out`: the bike is no longer out)
    if direct and marked:  # "Marks firing ID as unloaded with CRACKED cracked pieces": both
        options.append(direct + flags[:1])
    if direct:
        options.append(direct)
        if flags and not marked:
            options.append(direct + flags[:1])
    options.extend([flag] for flag in flags)
    renaming = _renaming(context)
    if renaming is not None and renaming[1] not in exclude:  # "... to NEW": the field takes the new value
        options.insert(0, [*direct, Assignment(renaming[2], "set", f"param:{renaming[1]}")])
        exclude = set(exclude) | {renaming[1]}
    # a parameter that names no field: "give a task a new title" where the param is `text`
    leftovers = [p for p in context.params if p.name not in exclude and context.field(p.name) is None
                 and not (commanded is not None and any(a.value == f"param:{p.name}" for a in direct))]
    dated = [f for f in context.fields_of("str") if iso_day(f)
             and (mentions(context.description_words, f.name) or f.name.lower() in ("day", "date"))]
    into = re.search(r"\b(?:adds?|added|goes|go|counts?) (?:\w+ )?(?:to|into|onto|towards) (?:(?:its|the|their|his|her) )?(\w+)",
                     lower)  # "(adds to its unsealed)": the number the argument is added to
    into = context.field(into.group(1)) if into else None
    numbers = [p for p in leftovers if is_number(p.type)]
    given = [p for p in context.params if is_number(p.type) and p.name not in exclude]
    if into is not None and is_number(into.type) and len(numbers) == 1:
        options.insert(0, [*direct, Assignment(into.name, "add", f"param:{numbers[0].name}")])
        leftovers = [p for p in leftovers if p is not numbers[0]]
    elif into is not None and is_number(into.type) and not numbers and len(given) == 1 and into.name != given[0].name:
        # "knitted some rows (1 unless `--rows N`), added to done": `rows` names a field, but goes into done
        options.insert(0, [*[a for a in direct if a.value != f"param:{given[0].name}"],
                           Assignment(into.name, "add", f"param:{given[0].name}")])
    for param in leftovers:
        if type_name(param.type) == "int" and param.name.lower() in ("days", "day_count", "by", "delay") \
                and len(dated) == 1:  # "moves the due date of job N by DAYS days"
            options.insert(0, [*direct, Assignment(dated[0].name, "add days", f"param:{param.name}")])
            continue
        role = re.search(rf"\b{re.escape(param.name.upper())}\b[^.]{{0,50}}? as (?:its|the|their|his|her) (\w+)",
                         context.text)  # "with NAME tidied by person as its holder"
        holder = context.field(role.group(1)) if role else None
        if holder is not None and type_name(holder.type) == type_name(param.type):
            options.insert(0, [*direct, *stated, *flags[:1], Assignment(holder.name, "set", f"param:{param.name}")])
            continue
        described = _field_for_param(context, param)
        emptied = [f for f in context.fields_of("str") if _empty_state(f)]
        if described is None and type_name(param.type) == "str" and len(emptied) == 1:
            options.append([*direct, *flags[:1], Assignment(emptied[0].name, "set", f"param:{param.name}")])
            # "Lend a book to a neighbour" over `borrower: str = "" — empty while it is on the shelf`
        if described is not None:  # `times: int = 1` over `cycles — times charged`: one more by default
            op = (_arithmetic(lower) or ("add" if _counts_up(param) else "set")) if is_number(described.type) else "set"
            options.insert(0, [*direct, Assignment(described.name, op, f"param:{param.name}")])
        unit = re.search(rf"\b{re.escape(param.name.upper())}\s+([a-z]+)", context.text)
        measured = [f for f in context.fields_of("int", "float") if unit and is_number(param.type) and any(
            same(word, unit.group(1)) for word in words(f.name) + words(f.description))]
        if len(measured) == 1 and described is None:  # "Take AMOUNT millilitres out" over `volume: — millilitres left`
            options.insert(0, [*direct, Assignment(measured[0].name, _arithmetic(lower) or "set", f"param:{param.name}")])
        for target in entity.fields:
            if type_name(target.type) == type_name(param.type) and mentions(context.description_words, target.name):
                op = (_arithmetic(lower) or "set") if is_number(target.type) else "set"
                options.append([*direct, Assignment(target.name, op, f"param:{param.name}")])
    switch = _flag_switch(context, exclude)
    if switch is not None:  # "with `--undo` makes it unread again": the flag says which way the field goes
        flag = switch.value.removeprefix("not ")
        plain = [[a for a in option if a.value != flag] for option in options
                 if not any(a.field == switch.field for a in option)]
        options = [[*(a for a in direct if a.field != switch.field and a.value != flag), switch]] + [
            [*option, switch] for option in plain if option and option != direct] + plain
        # ("records a test ... add `--failed` when it didn't beep": the day given and the flag's way, both)
    if not options:
        options.append([])
    up = _counted_up(context)  # "... and counts one more brew": beside whatever else the words change
    options = [[*option, *(a for a in up if not any(b.field == a.field for b in option))] for option in options]
    counted = [a for a in stated if a.op in ("add", "subtract") and a.value == "1"]
    if counted:  # a count the words move, first: "Adds 1 to column flights and puts DAY in column last" is both
        options.sort(key=lambda option: not all(a in option for a in counted))  # (not "`--broken` marks it as
        # broken", which the flag decides)
    return [list(dict.fromkeys(option)) for option in options]  # (one change said twice is made once)


def _flag_switch(context: Context, exclude: set[str]) -> Assignment | None:
    """A yes/no field a flag turns one way or the other: "Ticks a comic off as read ... the same
    command with `--undo` makes it unread again" -> ``read = not undo``; "`--off` turns it off"
    over `autorenew` -> ``autorenew = not off``."""
    for param in context.params:
        if param.name in exclude or type_name(param.type) != "bool" or context.field(param.name) is not None:
            continue
        sentence = _option_sentence(context, param).lower()
        for target in context.fields_of("bool"):
            forms = "|".join(re.escape(form) for form in _flag_forms(target))
            back = re.search(rf"\b(?:makes?|marks?|sets?|turns?|puts?) (?:it|them|the \w+|that \w+) (?:back )?(?:as |to )?"
                             rf"(?:un|not |no longer )(?:{forms})\b", sentence)
            off = re.search(rf"\b(?:turns?|switch(?:es)?|sets?) (?:it|them|the \w+|{forms}) off\b", sentence)
            if back or off:
                return Assignment(target.name, "set", f"not param:{param.name}")
        opposite = [target for target in context.fields_of("bool")
                    if target.name.lower() in NEGATED_FLAGS.get(param.name.lower(), ())]
        if len(opposite) == 1 and not re.search(r"\b(?:only|just|keeps?|shows?|lists?|skips?)\b", sentence):
            return Assignment(opposite[0].name, "set", f"not param:{param.name}")  # "add `--failed` when it
            # didn't beep" over `passed`: the test that went fine is the one without the flag
    return None


def _becomes(context: Context) -> list[Assignment]:
    """A field the words say takes an argument's value: "The said record's wound date becomes
    DAY", "its room becomes ROOM" (the field named by its name, the argument in capitals)."""
    found = []
    for said in re.finditer(r"\b(?:'s|its|their|the) (\w+)(?: \w+)? (?:becomes|is set to|is changed to|changes to) "
                            r"([A-Z][A-Z_]*)\b", context.text):
        target = context.field(said.group(1).lower())
        param = next((p for p in context.params if p.name.upper() == said.group(2)), None)
        if target is not None and param is not None and type_name(target.type) == type_name(param.type) \
                and not any(a.field == target.name for a in found):
            found.append(Assignment(target.name, "set", f"param:{param.name}"))
    for said in re.finditer(r"\b(?:'s|its|their|the) (\w+)(?: \w+)? (?:becomes|is set to|is changed to|changes to) "
                            r"(\w+)\(([\w, ]+)\)", context.text):  # "its until day becomes add_months(until, months)"
        target, function = context.field(said.group(1).lower()), context.functions.get(said.group(2))
        values = [f"param:{word}" if any(p.name == word for p in context.params) else
                  f"item.{word}" if context.field(word) is not None else None
                  for word in (part.strip() for part in said.group(3).split(","))]
        if target is not None and function is not None and all(values) and len(values) == len(function.params) \
                and not any(a.field == target.name for a in found):
            found.append(Assignment(target.name, "set", f"call:{function.name}({', '.join(values)})"))
    for said in re.finditer(r"\bthe (\w+) (?:given )?becomes (?:its|their|the) (\w+)(?: day| date| time| value)?\b",
                            context.lower):  # "the day becomes its filled day": the argument, the field it fills
        param = next((p for p in context.params if p.name.lower() == said.group(1)), None)
        target = context.field(said.group(2))
        if target is not None and param is not None and context.field(param.name) is None \
                and type_name(target.type) == type_name(param.type) and not any(a.field == target.name for a in found):
            found.append(Assignment(target.name, "set", f"param:{param.name}"))
    return found


def _moved_amounts(context: Context, lower: str) -> list[Assignment]:
    """An amount the words add to a number field or take off it: "adds the price to what they
    owe" (another field of the record), "the amount comes off what that house owes" (an
    argument); the field named or said by its verb (`owed` for "owes")."""
    numbers = context.fields_of("int", "float")
    def amount(word: str) -> str | None:
        numbers_given = [p for p in context.params if is_number(p.type) and context.field(p.name) is None or (
            is_number(p.type) and p.default is not None)]
        if word in ("them", "it", "those", "these") and len(numbers_given) == 1:  # "takes some portions: add them to"
            return f"param:{numbers_given[0].name}"
        param = next((p for p in context.params if same(p.name, word) and is_number(p.type)), None)
        if param is not None:
            return f"param:{param.name}"
        field = next((f for f in numbers if same(f.name, word)), None)
        return f"item.{field.name}" if field is not None else None
    def target(word: str):  # the field by its name first, then by its verb
        return next((f for f in numbers if same(f.name, word)), None) or next((f for f in numbers if kin(word, f.name)), None)
    into = r"(?:what (?:they|it|he|she|you|i|we|(?:that|the|this|each) \w+|was|is|has been|were|had been) (\w+)\b|" \
           r"(?:the |its |their |his |her )?(\w+))"  # also "add them to what was taken of that box"
    found = []
    for match in re.finditer(rf"\b(?:adds?|puts?) (?:the |its |their |that )?(\w+)(?: [^.,;]{{0,40}}?)? (?:on )?(to|onto) {into}|"
                             rf"\b(?:the |an? |that )?(\w+) (?:comes?|is taken|are taken|goes) (off|out of) {into}|"
                             rf"\b(?:takes?|subtracts?) (?:the |its |their |that )?(\w+) (off|from) {into}", lower):
        groups = match.groups()
        for start in (0, 4, 8):
            if groups[start] is None:
                continue
            value, way, said = groups[start], groups[start + 1], groups[start + 2] or groups[start + 3]
            moved, changed = amount(value), target(said)
            if changed is None and said in ("total", "sum", "count", "tally") and moved and moved.startswith("param:"):
                changed = target(value)  # "add the nights the tent was slept in to its total": the nights field
            if moved is not None and changed is not None and moved != f"item.{changed.name}" \
                    and not any(a.field == changed.name for a in found):
                found.append(Assignment(changed.name, "add" if way in ("to", "onto") else "subtract", moved))
    return found


def _fields_going_up_or_down(context: Context) -> list[Assignment]:
    """Number fields the words say go up or down by an argument: "shelf goes down by QTY, sold
    goes up by QTY" (a field named, or named by a word of its description: `qty — how many are
    on the shelf`)."""
    found = []
    for match in re.finditer(r"\b(\w+)(?: of (?:the|its|that|this) (?:\w+ )?\w+)? (?:(?:goes|go|is|gets|get) (up|down)|(grows|grow|rises|rise|increases|increase)|"
                             r"(shrinks|shrink|drops|drop|falls|fall|decreases|decrease)) by (?:the |--)?(\w+)\b",
                             context.text, flags=re.IGNORECASE):  # "the stock grows by BAGS"
        said, amount = match.group(1).lower(), match.group(5).lower()
        way = (match.group(2) or ("up" if match.group(3) else "down")).lower()
        amount = {"one": "1", "two": "2", "three": "3", "a": "1"}.get(amount, amount)  # "its visits go up by one"
        target = context.field(said) or _number_field_said(context, [said], names=False)
        param = next((p for p in context.params if p.name.lower() == amount and is_number(p.type)), None)
        if target is not None and is_number(target.type) and (param is not None or amount.isdigit()):
            found.append(Assignment(target.name, "add" if way == "up" else "subtract",
                                    f"param:{param.name}" if param is not None else amount))
    return found if len({a.field for a in found}) == len(found) else []


def _counted_up(context: Context) -> list[Assignment]:
    """Number fields the words count up by one beside the change they describe: "Takes GRAMS from
    the tea and counts one more brew" -> ``brews + 1``; "bumps its uses by one"."""
    found = []
    for match in re.finditer(r"\b(?:counts?|adds?|logs?|records?|notes?) (?:one|a|1) more (\w+)\b|"
                             r"\bbumps? (?:its|the|their) (\w+) (?:up )?by (?:one|1)\b|"
                             r"\badds? (?:one|1) to (?:its |their |the |that \w+'s |the \w+'s )?(\w+)\b", context.text,
                             flags=re.IGNORECASE):  # "It adds one to that fish's checks"
        word = (match.group(1) or match.group(2) or match.group(3)).lower()
        target = context.field(word) or context.field(plural(word))
        if target is not None and is_number(target.type) and not any(a.field == target.name for a in found):
            found.append(Assignment(target.name, "add", "1"))
    return found


@_per_command
def _states(context: Context) -> tuple[Any, list[str]] | None:
    """A text field whose description lists the states a record goes through: `status: str =
    "loaded" — loaded -> shot -> developed` (arrows, or "then")."""
    for candidate in context.fields_of("str"):
        description = (candidate.description or "").lower()
        chain = re.search(r"\b([\w-]+(?:\s*(?:->|→|>|, then|then)\s*[\w-]+){2,})", description)
        if chain:
            return candidate, re.split(r"\s*(?:->|→|>|, then|then)\s*", chain.group(1))
        listed = stated_values(candidate.description)
        if len(listed) >= 3 and (candidate.name.lower() in ("stage", "status", "state", "phase", "step")
                                 or default_value(candidate.default) in listed):
            return candidate, listed  # `stage: str — cut, pieced, quilted or bound`; `result: str = "pending" —
            # pending, shortlisted, won or lost`: a default among the values is where a record starts
    return None


@_per_command
def _stepping_function(context: Context) -> tuple[str, str] | None:
    """A spec function the words name that takes a field's value to its next one (one
    parameter named like the field, returning its type): (the field, the function)."""
    if context.entity is None:
        return None
    text = re.sub(rf"(`[^`]+`){SAMPLE_PARTS}", r"\1", context.text)  # "(berth, season_fee)": a sample's parts
    for function in context.functions.values():
        if len(function.params) != 1 or function.returns is None or function.name not in text:
            continue
        if all(re.search(r"\b(?:the|a|an|its|their)\s+$", context.text[:said.start()]) and not context.text[said.end():].startswith("(")
               for said in re.finditer(rf"\b{re.escape(function.name)}\b", context.text)):
            continue  # "the price does not depend on the size": the word, not a call of price()
        if re.search(rf"\b[A-Z][A-Z_]*,? (?:is |being |= ?|from |comes from )?{re.escape(function.name)}\(", context.text) \
                and len(re.findall(rf"\b{re.escape(function.name)}\b", context.text)) == 1:
            continue  # "`#NUMBER fixed, £PRICE to pay` with PRICE from charge(HOURS)": it writes a placeholder only
        target = context.field(function.params[0].name)
        if target is not None and type_name(target.type) == type_name(function.returns) \
                == type_name(function.params[0].type) and not any(context.field(p.name) is target
                                                                  for p in context.params):
            return target.name, function.name
    return None


def _reset_to(context: Context) -> tuple[str, str] | None:
    """A number field the words put back to a stated value: "used goes back to 0", "the
    count is reset to zero" -> (`used`, "0")."""
    if context.entity is None:
        return None
    said = next((match for match in re.finditer(
        r"\b(\w+) (?:goes|go|is set|is reset|are reset|is put|returns|drops|falls) (?:back )?to (-?\d+|zero)\b|"
        r"\b(?:put|set|reset) (?:its |the |their )?(\w+) (?:back )?to (-?\d+|zero)\b", context.lower)  # "put its X back to 0"
        if not re.search(r"\b(?:whose|when|if|once|that|which|where|until|after)\s+(?:the |its )?$",
                         context.lower[:match.start()])), None)  # not "a supply whose count drops to 0 SHALL remain"
    name, value = (said.group(1) or said.group(3), said.group(2) or said.group(4)) if said else (None, None)
    target = context.field(name) if said else None
    if target is None or not is_number(target.type):
        return None
    return target.name, "0" if value == "zero" else value


def _stepping_by_argument(context: Context) -> tuple[str, str] | None:
    """A spec function the words name that moves a field's value on by an argument: "move the
    rental's until month forward by the given number of months ... using add_months" ->
    (`until`, ``call:add_months(item.until, param:months)``): one parameter of the field's
    type (and the result's), the other an argument of the command that is no field."""
    if context.entity is None:
        return None
    params = {p.name for p in context.params}
    for function in context.functions.values():
        if len(function.params) != 2 or function.returns is None or function.name not in context.text:
            continue
        written = re.search(rf"\b{re.escape(function.name)}\((\w+), (\w+)\)", context.text)
        if written and set(written.groups()) <= params:
            continue  # "The rental runs until add_months(start, months)": worked out from the arguments
        for own, other in ((0, 1), (1, 0)):
            kind = type_name(function.params[own].type)
            if kind != type_name(function.returns):
                continue
            fields_ = [f for f in context.fields_of(kind) if re.search(rf"\b{re.escape(f.name.lower())}\b", context.lower)
                       and not any(context.field(p.name) is f for p in context.params)]
            given = [p for p in context.params if context.field(p.name) is None
                     and type_name(p.type) == type_name(function.params[other].type)]
            if len(fields_) == 1 and len(given) == 1:
                arguments = [f"item.{fields_[0].name}", f"param:{given[0].name}"]
                return fields_[0].name, f"call:{function.name}({arguments[own]}, {arguments[other]})"
    return None


@_per_command
def _transition(context: Context) -> tuple[Any, str, str] | None:
    """"Roll finished: loaded -> shot", "Back from the lab: shot -> developed": (the state
    field, from, to) where the command's words name two states of it with an arrow; "it becomes
    collected" names only the state it ends in (from is None)."""
    states = _states(context)
    if states is None:
        return None
    target, values = states
    names = "|".join(re.escape(value) for value in values)
    noun = re.escape(context.entity.name.lower()) if context.entity is not None else "record"
    moved = re.search(rf"\b({names})(?: (?:{noun}|record|entry|one)s?)?\s*(?:->|→|to|becomes|turns into)\s*({names})\b",
                      context.lower)  # "Open quote -> won."
    if moved is None:  # "Only a ready knife can be collected; it becomes collected": the state it ends in
        ends = re.search(rf"\b(?:it|they|the (?:{noun}|record|entry)) (?:becomes?|turns?|is (?:now |then )?(?:marked|set to)|"
                         rf"goes to|moves to) ({names})\b", context.lower)
        return (target, None, ends.group(1)) if ends else None
    if moved.group(1) == moved.group(2):
        return None
    return target, moved.group(1), moved.group(2)


def _counts_up(param) -> bool:
    """A number argument whose default is 1 (`--times` of a charge, `--count` of a sale): how
    many more, not a new value."""
    return is_number(param.type) and str(param.default).strip() == "1"


def _word_assignments(context: Context, lower: str) -> list[Assignment]:
    """Changes the words state with no parameter: "the card moves up a box" (box + 1),
    "back to box 1" (box = 1), "down one level" (level - 1)."""
    key = ("word assignments", lower)
    if key not in context.memo:  # asked by the scores and by every update locator
        context.memo[key] = _stated_changes(context, lower)
    return list(context.memo[key])


def _stated_changes(context: Context, lower: str) -> list[Assignment]:
    found: list[Assignment] = _moved_amounts(context, lower) + _becomes(context)
    numbers = context.fields_of("int", "float")
    counts = _count_fields(context)
    lone = re.search(r"\bone (fewer|less|more)\b(?: (?:in )?(\w+))?", lower)  # "one fewer in stock"
    if lone and (len(counts) == 1 or (lone.group(2) and field_by_name(context.entity, lone.group(2)))):
        target = field_by_name(context.entity, lone.group(2)) if lone.group(2) and \
            field_by_name(context.entity, lone.group(2)) is not None else counts[0]
        if is_number(target.type):
            found.append(Assignment(target.name, "add" if lone.group(1) == "more" else "subtract", "1"))
    for match in re.finditer(r"\b(?:one|a|1) (\w+) (fewer|less|more)\b", lower):  # "one pill fewer"
        target = next((f for f in numbers if same(f.name, match.group(1))), None)
        if target is not None and not any(a.field == target.name for a in found):
            found.append(Assignment(target.name, "add" if match.group(2) == "more" else "subtract", "1"))
    for match in re.finditer(r"\b(loses?|gains?|drops?|gets?) (?:a|one|1)(?: (\w+))?\b", lower):  # "it loses a copy"
        target = next((f for f in numbers if match.group(2) and same(f.name, match.group(2))), None) or (
            counts[0] if len(counts) == 1 and (match.group(2) is None or match.group(2) in ("and", "then", "so"))
            else None)  # "the oldest batch that still has jars loses one": its one count
        if target is not None and not any(a.field == target.name for a in found):
            found.append(Assignment(target.name, "subtract" if match.group(1).startswith(("los", "drop")) else "add", "1"))
    for match in re.finditer(r"\b(take|takes|use|uses|eat|eats|drink|drinks|consume|consumes|remove|removes|add|adds|"
                             r"put|puts) (?:a|one|1) (\w+)(?: of (?:a |an |the |that |this )?\w+)?"
                             r"(?: (out|off|away|in|back|more))?\b", lower):  # "take one portion of NAME out"
        consumed = match.group(1).rstrip("s") in ("eat", "drink", "consume", "use")  # "Eat one portion of a food"
        target = next((f for f in numbers if same(f.name, match.group(2))), None)
        if target is not None and (match.group(3) or consumed) and not any(a.field == target.name for a in found):
            taken = match.group(1).rstrip("s") in ("take", "use", "eat", "remove") or match.group(3) in ("out", "off", "away")
            found.append(Assignment(target.name, "subtract" if taken else "add", "1"))
    for match in re.finditer(rf"\b(take|takes|knock|knocks|subtract|subtracts|add|adds|put|puts) "
                             rf"(\d+|{'|'.join(NUMBER_WORDS)}) (\w+) (off|from|away|onto|on|to)\b", lower):
        target = next((f for f in numbers if same(f.name, match.group(3))), None)  # "take eight stamps off their card"
        taken = match.group(4) in ("off", "from", "away")
        if target is not None and taken == match.group(1).startswith(("take", "knock", "subtract")) \
                and not any(a.field == target.name for a in found):
            found.append(Assignment(target.name, "subtract" if taken else "add",
                                    str(NUMBER_WORDS.get(match.group(2), match.group(2)))))
    counted = [f for f in numbers if re.search(r"\bhow (?:many times|often)\b|\btimes\b", (f.description or "").lower())]
    if len(counted) == 1 and re.search(r"\bonce more\b|\bone more time\b|\bonce again\b", lower):
        found.append(Assignment(counted[0].name, "add", "1"))  # "I rode a route once more" over `ridden`: how many times
    for match in re.finditer(r"\b(add|adds|take|takes|subtract|subtracts) (?:one|1|a single one) (?:to|from|off) "
                             r"(?:(?:its|the|their|his|her|column|field|the column|the field) )?(\w+)", lower):  # "add one to
        # its plays", "Adds 1 to column flights", "Adds 1 to given for that plant" (a number field's own name)
        target = next((f for f in numbers if same(f.name, match.group(2))), None)
        if target is not None and not any(a.field == target.name for a in found):
            found.append(Assignment(target.name, "add" if match.group(1).startswith("add") else "subtract", "1"))
    for match in re.finditer(r"\b(?:the |its |their )?(\w+) (?:are |is )?(?:going|goes|go|gets?|get) (?:one|1) (up|down|more|less)\b",
                             lower):  # "the rehearsals are going one up", "the times are going one up"
        target = next((f for f in numbers if same(f.name, match.group(1))), None)
        if target is not None and not any(a.field == target.name for a in found):
            found.append(Assignment(target.name, "add" if match.group(2) in ("up", "more") else "subtract", "1"))
    for match in re.finditer(r"\b(?:clears?|empties|empty|blanks?|wipes?) (?:its|the|their) (\w+)\b|"
                             r"\b(?:its|the|their) (\w+) (?:is|are|gets?) (?:cleared|emptied|blanked|wiped)\b|"
                             r"\bhas no (\w+) any ?more\b|\bno longer has (?:an? |its |a )?(\w+)\b|"
                             r"\b(?:with|and) no (\w+)\b", lower):  # "it has no actor any more", "with no tenant"
        said = next(group for group in match.groups() if group)
        target = context.field(said) if context.entity is not None else None
        if target is not None and type_name(target.type) == "str" and default_value(target.default) == "" \
                and not any(a.field == target.name for a in found):
            found.append(Assignment(target.name, "set", "''"))  # "clears its holder"
    for match in re.finditer(r"\b(bumps?|increases?|raises?|increments?|decreases?|lowers?|decrements?) (?:its|the|their) "
                             r"(\w+)(?: count| number)? by (?:one|1)\b", lower):  # "bumps its lent count by one"
        target = next((f for f in numbers if same(f.name, match.group(2))), None)
        if target is not None and not any(a.field == target.name for a in found):
            found.append(Assignment(target.name, "subtract" if match.group(1).startswith(("decrease", "lower", "decrement"))
                                    else "add", "1"))
    for match in re.finditer(r"\b(up|down|back|climbs?|rises?|drops?|falls?) (?:a|one|1) (\w+)\b|"
                             r"\b(?:back to|reset to|returns? to|goes to|moves? to) (?:the )?(\w+) (-?\d+)\b",
                             lower):
        name = match.group(2) or match.group(3)
        target = next((f for f in numbers if same(f.name, name)), None)
        if target is None or any(a.field == target.name for a in found):
            continue
        if match.group(1):
            found.append(Assignment(target.name, "subtract" if match.group(1) in (
                "down", "back", "drop", "drops", "fall", "falls") else "add", "1"))
        else:
            found.append(Assignment(target.name, "set", match.group(4)))
    return found


def _arithmetic(lower: str) -> str | None:
    """A number changed by an amount: "take AMOUNT away from the quantity", "increase by"."""
    if re.search(r"\b(?:is |are )?replaced,? not added\b|\binstead of (?:being )?added\b|\bnot added to\b", lower):
        return None  # "the old figure is replaced, not added to"
    if re.search(r"\b(decrease|subtract|lower|reduce|decrement|deduct)\w*\b.*\bby\b|"
                 r"\b(?:goes|go|drops?|falls?|comes?) down by\b|\bdrops? by\b|\bfalls? by\b|"
                 r"\b(take|takes|took|taken|subtract|subtracts|deduct|deducts|remove|removes|ate|eats|burns?|burned|burnt|chews?|chewed)"
                 r"\b[^.]*\b((?<!straight )(?<!right )away|from|off|out of)\b|"  # "a print ate GRAMS off spool #NUMBER"
                 r"\b(?:took|takes?|taken) (?:some|\w+) out\b|"  # "took some out for a build"
                 r"\b(use|uses|used|consume|consumes|spend|spends|withdraw|withdraws)\b[^.]*\b(of|from)\b|"
                 r"\b\w+ (fewer|less)\b|\b(?:went|goes|go|gone|poured|were put) (?:into|out)\b|"
                 r"\bmore \w+ than (?:is|are|what is|what's) (?:left|there|available)\b", lower):
        return "subtract"  # "GRAMS fewer grams"; "ML millilitres went into a pen" (refused when more than is left)
    if re.search(r"\b(increase|add|raise|bump|increment)\w*\b.*\bby\b|\b(?:goes|go|comes?) up by\b|\brises? by\b|"
                 r"\b(add|adds|put|puts)\b[^.]*\bto (the |its |their |an? )?(\w+'s )?\w+\b|"
                 r"\b(?:goes|go|are put|is put) (?:on|onto) (?:that|the|this|its|their) \w+\b|"  # "the hours go on that racket"
                 r"\b(top up|tops up|refill|refills|restock|restocks|deposit|deposits)\b|\b\w+ more \w+\b", lower):
        return "add"
    return None


def _found_by(context: Context):
    """A text field the words say the record is found by: "the name is found ignoring
    case", "looked up by title", "matched by name"."""
    for param in context.params:
        target = context.field(param.name)
        if target is None or param.default is not None or type_name(target.type) != "str":
            continue
        name = re.escape(target.name.lower())
        if re.search(rf"\b{name} is (?:found|matched|looked up)\b|\b(?:found|matched|looked up|picked) by "
                     rf"(?:its |their |the )?{name}\b", context.lower):
            return target
    return None


def _option_field(context: Context, param):
    """The field an option's own words name, for an option named otherwise: "`--by NAME` notes
    which leader signed it off" over `leader: str`; one field of its type no argument fills."""
    said = re.search(rf"`--{re.escape(param.name.replace('_', '-'))}(?: [A-Z_]+)?`([^.;`]{{0,60}})", context.text) \
        if param.default is not None and context.entity is not None else None
    named = [f for f in context.entity.fields if type_name(f.type) == type_name(param.type) and re.search(
        rf"\b{re.escape(f.name.lower())}\b", said.group(1).lower()) and not any(
            context.field(p.name) is f for p in context.params)] if said else []
    return named[0] if len(named) == 1 else None


def _commanded_field(context: Context, param):
    """The field a command is named for, filled by its one argument that names no field:
    `conductor(number, name)` sets the conductor (not the method whose description says
    "as method_name gives it")."""
    if context.entity is None:
        return None
    commanded = next((f for f in context.entity.fields if f.name == context.command.name), None)
    free = [p for p in context.params if context.field(p.name) is None]
    if commanded is None or free != [param] or type_name(commanded.type) != type_name(param.type) \
            or any(context.field(p.name) is commanded for p in context.params):
        return None
    return commanded


def _field_for_param(context: Context, param):
    """The field an argument fills: named like it, else the one field whose description
    uses its name ("day" -> ``last``: "the day it was last watered"), of its type."""
    named = context.field(param.name)
    if named is not None or context.entity is None:
        return named
    commanded = _commanded_field(context, param)
    if commanded is not None:
        return commanded
    shaped = {"month": r"\bYYYY-MM\b(?!-DD)", "day": r"\bYYYY-MM-DD\b", "date": r"\bYYYY-MM-DD\b"}.get(param.name.lower())
    dated = [f for f in context.fields_of("str") if shaped and re.search(shaped, f.description or "")]
    if len(dated) == 1 and type_name(param.type) == "str":  # `place(number, month)` over `issue: str — YYYY-MM of
        return dated[0]  # the issue it's in`: the one field holding months
    described = [f for f in context.entity.fields if type_name(f.type) == type_name(param.type)
                 and any(same(word, param.name) for word in words(f.description))]
    if not described and param.name.lower() in ("count", "number", "n", "qty", "amount", "how_many") \
            and is_number(param.type):  # `count` over `stock: int — how many are on the shelf`
        described = [f for f in context.entity.fields if type_name(f.type) == type_name(param.type)
                     and re.match(r"\s*how many\b", (f.description or "").lower())]
    option = _option_field(context, param) if not described else None
    if option is not None:
        described = [option]
    if not described and _counts_up(param):  # `stamp NAME --cups N` over `stamps: int`: the verb names the count
        described = [f for f in context.fields_of("int", "float") if same(context.command.name, f.name)]
    if len(described) > 1:  # "a card posted on DAY": `sent — the day the card was posted`, not the arrival day
        said = {stem(word) for word in [*context.description_words, *context.name_words] if len(word) > 3}
        overlap = [len({stem(word) for word in words(f.description) if len(word) > 3} & said)
                   + 2 * (stem(f.name) in said) for f in described]  # "as arrived on DAY": `arrived` itself
        if overlap.count(max(overlap)) == 1 and max(overlap) > 0:
            return described[overlap.index(max(overlap))]
    return described[0] if len(described) == 1 else None


def _names_flag(context: Context, flag) -> bool:
    """Whether the command's name says the flag: `## Command: close` over a `closed` field,
    `retire` over `retired`, `back` over `returned`."""
    return any(stem(word) == stem(flag.name) or stem(word + "d") == stem(flag.name)
               or word in _bool_forms(flag.name) for word in context.name_words) \
        or " ".join(context.name_words) in _bool_forms(flag.name)  # `hand_in` over `handed_in`


#: a worked example's precondition and action ("Given entry 2 exists and is not disqualified, when I run
#: `disqualify 2`, then ..."): the state before, which no filter or change reads
GIVEN_WHEN = r"\bgiven\b[^.;]*?,\s*when\b[^.;]*?,\s*then\b"


def _flag_assignments(context: Context, lower: str) -> list[Assignment]:
    """Bool fields the words set: "mark ... as done" -> done = True; "reopen" -> done = False."""
    found = []
    bools = context.fields_of("bool")
    lower = re.sub(GIVEN_WHEN, " then", lower)  # "Given entry 2 exists and is not disqualified, when I run `disqualify
    # 2`, then entry 2 is marked disqualified": the state before is no change
    def by_name(flag) -> bool:
        return _names_flag(context, flag)

    named_bools = [f for f in bools if by_name(f) or any(re.search(rf"\b(?:un)?{form}\b", lower)
                                                        for form in _bool_forms(f.name))]
    for bool_field in named_bools or bools:
        forms = _bool_forms(bool_field.name)
        named = by_name(bool_field) or any(re.search(rf"\b{form}\b", lower) for form in forms)
        antonym_named = [word for word, antonyms in NEGATED_FLAGS.items()
                         if bool_field.name in antonyms and re.search(rf"\b{word}\b", lower)]
        ticked = len(bools) == 1 and re.search(r"\b(?:tick|check|cross)(?:s|es)? (?:\w+ ){0,3}off\b", lower)
        if not named and not antonym_named and not ticked and not re.search(
                r"\b(restore|bring back|undelete|recover|archive|unarchive)\b", lower):
            continue  # "Tick job N off" sets the one flag
        negations = len(re.findall(r"\b(not|no longer|never|undo|un\w+|reopen|restore|bring back|"
                                   r"recover|revert|back to|clear the|unmark)\b", lower))
        if antonym_named and not named:
            negations += 1
        value = negations % 2 == 0
        target = re.search(rf"\b(?:as|to|now|becomes?|is)\s+(not\s+|no longer\s+|un)?"
                           rf"(?:{'|'.join(re.escape(form) for form in forms)})\b", lower)
        if by_name(bool_field):
            value = True  # `## Command: close` over a `closed` field: what its name says
        if target and not re.search(r"\b(no longer|not|never)\b", lower[max(0, target.start() - 30):target.start()]):
            # "mark all of their unpaid invoices as paid": the state it ends in
            value = target.group(1) is None
        if re.search(r"\b(restore|bring back|undelete|recover)\b", lower) and bool_field.name.lower() in (
                "deleted", "archived", "removed", "trashed", "hidden"):
            value = False
        if re.search(r"\btoggle|flip|switch\b", lower):
            found.append(Assignment(bool_field.name, "toggle", "None"))
        found.append(Assignment(bool_field.name, "set", repr(value)))
        found.append(Assignment(bool_field.name, "set", repr(not value)))
    worded = re.search(r"\b(?:flips?|marks?|sets?|turns?|switch(?:es)?) (?:[\w#]+ ){0,3}?(?:to|as) (\w+)\b", lower)
    state = _word_condition(context, worded.group(1)) if worded else None
    flag = re.fullmatch(r"(not )?(\w+)", state or "")
    if flag and any(f.name == flag.group(2) for f in bools):  # "flips run NUMBER to failed" over `ok — false for a
        said = Assignment(flag.group(2), "set", repr(not flag.group(1)))  # failed run`: ok is set false
        found = [said, *(a for a in found if a.field != said.field)]
    return found


def _flag_now(context: Context, lower: str) -> Assignment | None:
    """A yes/no field the words say a record is in after the change: "It is now out",
    "it becomes not busy" (out = True, busy = False), or None."""
    for flag in context.fields_of("bool"):
        forms = "|".join(re.escape(form) for form in _bool_forms(flag.name))
        said = re.search(rf"\b(?:is now|are now|becomes?|is then) (not |no longer |un)?(?:{forms})\b", lower)
        if said:
            return Assignment(flag.name, "set", repr(not said.group(1)))
    return None


def _closed_as(context: Context, lower: str) -> list[Assignment]:
    """Two flags set by one phrase: "Closes job NUM as fixed" -> closed = True, fixed = True;
    "Closes job NUM as not fixed" -> closed = True, fixed = False."""
    bools = context.fields_of("bool")
    for verb_flag in bools:
        verbs = "|".join(re.escape(form) for form in _bool_forms(verb_flag.name))
        for other in bools:
            if other is verb_flag:
                continue
            states = "|".join(re.escape(form) for form in _bool_forms(other.name))
            said = re.search(rf"\b(?:{verbs})e?s? (?:\w+ ){{0,3}}as (not |un)?(?:{states})\b", lower)
            if said:
                return [Assignment(verb_flag.name, "set", "True"), Assignment(other.name, "set", repr(not said.group(1)))]
    return []


def _remove(context: Context) -> list[Interpretation]:
    lower = context.lower + " " + " ".join(context.name_words)
    candidates = []
    locators = _locators(context)
    for loc_rank, (select, param, target) in enumerate(locators):
        candidate = _base(context, -0.3 * loc_rank)
        candidate.select, candidate.locate_param, candidate.locate_field = select, param, target
        candidate.filters = _compound_keys(context, locators, select, param, target)  # "that scent in that size"
        if select == "key":  # `unmark NAME DAY`: a removal has no other use for an argument that names a field
            candidate.filters += [Filter(context.field(p.name).name, "==", f"param:{p.name}") for p in context.params
                                  if p.default is None and p.name != param and context.field(p.name) is not None
                                  and not any(flt.value == f"param:{p.name}" for flt in candidate.filters)]
        found_by = {param} | {flt.value[6:] for flt in candidate.filters}
        candidate.unused_params = [p.name for p in context.params if p.name not in found_by]
        candidates.append(candidate)
    if re.search(r"\b(most recent(ly)?|newest|latest|last)\b", lower) and not context.params:
        candidate = _base(context, 0.5)  # "takes back the job I logged last"
        candidate.select = "latest"
        candidates.append(candidate)
    many = plural(context.entity.name.lower()) if context.entity is not None else "records"
    everything = bool(re.search(r"\b(all|every|each|everything|clear|wipe|purge)\b|"
                                r"\bempty (?:the|it|them|all|every|my)\b|\bthe (?:whole|entire) (?:\w+ )?(?:log|list|"
                                r"store|file|book|history|notebook|collection|record|table|database)\b", lower)
                      or re.search(rf"\b(?:delete|deletes|remove|removes|drop|drops|forget|forgets|erase|erases)"
                                   rf" (?:the |my )?(?:\w+ )?{many}\b", lower))  # "Delete the runs of that day"
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
        if len(pieces) < 3 or pattern.startswith("-"):
            continue  # (`--year Y` is how an option is given, not a line)
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


NUMBERED = (r"\b(?:counts?|counting|numbered|numbers?|numbering)\b[^.;]{0,20}\bfrom (?:1|one)\b[^.;]{0,12}"
            r"\b(?:in|within|on|of) (?:that|the|this) (?:list|output|listing)\b|"
            r"\bnumbered (?:from (?:1|one) )?as (?:shown|listed|printed)\b|"
            r"\b(?:places?|ranks?|positions?) (?:are )?(?:counted|numbered) (?:from )?(?:1|one)\b|"  # "places counted 1, 2, 3"
            r"\bcounts? the (?:printed |shown )?lines\b|"  # "where PLACE counts the printed lines 1, 2, 3, ..."
            r"\b(?:place|rank|position|number) \((?:1|one) for the first (?:row|line|entry|one) (?:displayed|shown|"
            r"printed|listed)\b")  # "the place (1 for the first row displayed, 2 for the next, and so on)"
_BUILDERS = {"add": _add, "list": _list, "show": _show, "update": _update, "remove": _remove,
             "count": _count, "aggregate": _aggregate}


# ---------------------------------------------------------------- guards, outputs, pins


def _checked_and_kept(context: Context, candidate: Interpretation) -> list[tuple[str, str]]:
    """An argument a spec function checks and gives back cleaned ("The result word, trimmed &
    lower-cased, if it's one of pending, ...; otherwise ValueError") is stored as that function
    gives it back, where the function's words say it cleans (trimmed, lower or upper case,
    cleaned, tidied, normalised): ``outcome = check_result(outcome)`` when the command sets a
    field to the outcome (`result FOTOFEST Shortlisted` keeps "shortlisted")."""
    done = {param for param, _ in candidate.transforms}
    stored = {a.value[6:] for a in candidate.assignments if a.op == "set" and a.value.startswith("param:")}
    found = []
    for guard in candidate.guards:
        refused = re.fullmatch(r"refuses\((\w+)\((\w+)\)\)", guard.condition or "") if guard.kind == "predicate" else None
        function = context.functions.get(refused.group(1)) if refused else None
        param = next((p for p in context.params if refused and p.name == refused.group(2)), None)
        if function is None or param is None or param.name in done or param.name not in stored \
                or len(function.params) != 1 or function.returns is None \
                or type_name(function.returns) != type_name(param.type) \
                or not re.search(r"\b(?:trimmed|lower|upper|cased|cleaned|tidied|normali[sz]ed)\b",
                                 (function.description or "").lower()):
            continue
        found.append((param.name, function.name))
    return found


def _finish(candidate: Interpretation, context: Context, pins: dict[str, Any]) -> Interpretation | None:
    """Guards from the error clauses, output formats, pins, what stays ignored."""
    if not _agrees_with_pins(candidate, pins):
        return None
    candidate = _apply_pins(candidate, pins, context)
    if candidate.operation == "update" and candidate.select in ("position", "key"):
        reached = {(a.field, "is true" if a.value == "True" else "is false") for a in candidate.assignments
                   if a.op == "set" and a.value in ("True", "False")}  # "set its sketched field to true":
        candidate.filters = [f for f in candidate.filters  # no filter on the state it ends in
                             if (f.field, f.op) not in reached or f.when or f.value]
    guards, not_understood, uses = _guards(context, candidate)
    candidate.guards = guards
    candidate.assignments = [_bounded(context, assignment) for assignment in candidate.assignments]
    if candidate.operation != "add":  # an argument looked up as a cleaner saved it: "(goes through species_name())"
        looked_up = {candidate.locate_param} | {flt.value[6:] for flt in candidate.filters
                                                 if (flt.value or "").startswith("param:")}
        done = {param for param, _ in candidate.transforms}
        candidate.transforms = [*candidate.transforms, *(
            (param, function) for param, function in _transforms_once(context)
            if param in looked_up and param not in done and not function.startswith("-"))]
    candidate.transforms = [*candidate.transforms, *_checked_and_kept(context, candidate)]
    candidate.cleaned_first = _checks_cleaned(context, candidate)
    candidate.uses = list(dict.fromkeys([*candidate.uses, *uses, *(
        function for _, function in candidate.transforms if not function.startswith(("str.", "-"))), *(
        flt.call.split("(", 1)[0] for flt in candidate.filters if flt.call)]))
    if candidate.operation == "custom" and candidate.call is None:
        return None
    candidate.output = pins.get("output") or _output_pattern(context)
    defined = re.search(r"\bN (?:being|is|=|stands for|as) (?:the (?:\w+'s )?|its |their |his |her )?(?:number of )?(\w+)",
                        context.text)
    named_n = context.field(defined.group(1)) if defined and context.entity is not None else None
    if candidate.output and named_n is not None and is_number(named_n.type) and re.search(r"\bN\b", candidate.output) \
            and candidate.operation in ("list", "show"):
        candidate.output = re.sub(r"\bN\b", named_n.name.upper(), candidate.output)  # "`N: LABEL`, N being the plays"
    counted = re.search(r"\bN ([a-z]+)\b", candidate.output or "") if candidate.operation in ("list", "show") else None
    named_n = context.field(counted.group(1)) if counted and context.entity is not None else None
    if named_n is not None and is_number(named_n.type) and named_n.name.upper() not in (candidate.output or ""):
        candidate.output = re.sub(r"\bN\b", named_n.name.upper(), candidate.output)  # `NAME: N loans` over `loans`
    candidate.definitions = _definitions(context)
    instead = _in_place_of(context, candidate.output) if candidate.operation in ("list", "show") else None
    if instead is not None:  # "`n/a` in place of STARS/5 while unrated"
        candidate.output, candidate.output_template = instead[0], None
        candidate.definitions = {**candidate.definitions, "ALTWORD": instead[1]}
    forms = _two_forms(context) if candidate.operation in ("list", "show") else None
    if forms is not None and _numbers_as_fields(context, candidate.output or "") in (forms[1], forms[2]):
        # `..., paid` or, while unpaid, `..., owed`; "If it is hanging, say `ticket 7 is on hook 3`. If it was ..."
        candidate.output = forms[0]
        candidate.definitions = {**candidate.definitions, "FLAGWORD": forms[3]}
        candidate.output_template = None
    modelled = _modelled_line(context) if candidate.operation in ("list", "show") else None
    if modelled:  # "in the same form as `new` prints them": that command's line
        candidate.output, candidate.output_template = modelled[0], None
    written_as = re.search(r"\b(?:written|shown|printed|displayed) as (?:its|their|the) (\w+)", context.lower)
    if candidate.output is None and written_as and candidate.operation in ("list", "show") \
            and written_as.group(1).upper() in placeholder_writers(context.project, context.index):
        candidate.output = written_as.group(1).upper()  # "one record per line written as its label": LABEL
    formatter = _formatter_function(context)
    if formatter and candidate.operation in ("list", "show", "add", "update", "remove"):
        candidate.formatter = formatter
        candidate.uses = list(dict.fromkeys([*candidate.uses, formatter]))
    grouping = candidate.operation in ("aggregate", "count") and (candidate.aggregate and candidate.aggregate.group_by or any(
        value.group_by for value in candidate.values))
    if (candidate.order or grouping) and any(re.search(ANY_CASE, sentence) and re.search(
            r"\ba to z\b|\bz to a\b|alphabetic|\bsorted\b|\bordered\b|\border\b", sentence)
            for sentence in re.split(r"(?<=[.;])\s+", context.lower)):
        candidate.fold_case = True  # "sorted by name from A to Z (ignoring case)"; "Rockets go A to Z, ignoring case"
    recent = candidate.limit[6:] if candidate.limit and candidate.limit.startswith("param:") else None
    if recent and candidate.operation == "list" and not (candidate.order and candidate.order[1]) and any(
            re.search(r"\b(?:most recent|latest|newest|last)\b", sentence.lower())
            for sentence in re.split(r"(?<=[.;])\s+", context.text)
            if re.search(rf"--{re.escape(recent)}\b|\b{re.escape(recent.upper())}\b", sentence)):
        candidate.limit = "-" + candidate.limit  # "`--last N` shows only the N most recent days, oldest first"
    if candidate.operation == "list" and re.search(NUMBERED, context.lower):
        candidate.numbered = True  # "N counts from 1 in that list": not the record's position
    writers = placeholder_writers(context.project, context.index)
    written = [name for name in re.findall(r"\b[A-Z][A-Z_]*[A-Z]\b", candidate.output or "")
               if name in _record_placeholders(context) and "," in writers[name][1]]
    if candidate.operation in ("list", "show") and not pins.get("output"):
        candidate.expand = _expanded_field(context)
    if candidate.operation in ("list", "show") and not pins.get("output") and not written and not modelled:
        # the examples first; not where a spec function of several fields writes part of the
        # line (`CATEGORY`): an example shows one value of it, not how it is worked out (one
        # number's writer, `hm`, is read off its own examples instead)
        candidate.output_template = _empty_lists(context, _composed(context, _learned_output(context)))
        stated = [context.field(token.lower()) for token in re.findall(r"\b[A-Z][A-Z_]*[A-Z]\b", candidate.output or "")]
        frozen = set(re.findall(r"[\w.]+", re.sub(r"\{[^{}]*\}", " ", candidate.output_template or ""))) - set(
            re.findall(r"[\w.]+", re.sub(r"\b[A-Z][A-Z_]*[A-Z]\b", " ", candidate.output or "")))
        if context.index.flag_words is None:  # "each line is take's line": take's words say how HOW is chosen
            context.index.flag_words = _flag_chosen_words(context, " ".join(c.description or "" for c in context.project.commands))
        everywhere = context.index.flag_words
        candidate.output_template = _worded_state_kept(_stated_field_kept(candidate.output_template, stated),
                                                       {**everywhere, **candidate.definitions})
        candidate.output_template = _letters_kept(context, candidate.output_template, candidate.output)
        if candidate.output_template and "FLAGWORD" in (candidate.output or "") and " if " not in candidate.output_template:
            candidate.output_template = None  # the words pick one of two line forms; the examples showed one
        if candidate.output_template and len(stated) >= 2 and not (candidate.output or "").startswith(" ") and frozen \
                and any(f is not None and f"item.{f.name}" not in candidate.output_template for f in stated):
            # the examples froze a value (`20m`) where the stated line names a field (BAND)
            candidate.output_template = None  # `#NUMBER DAY CALL BAND ...` names the band the examples left as `20m`
        candidate.output_template = _state_word_function(context, candidate.output_template)
        told_calls = [expression for token, expression in _told_definitions(context).items()
                      if re.search(rf"\b{token}\b", candidate.output or "")]
        if candidate.output_template and any(expression.split("(", 1)[0] + "(" not in candidate.output_template
                                             for expression in told_calls if "(" in expression):
            candidate.output_template = None  # "..., the size and the stage word": stage() the examples froze as `waiting`
        placed = [expression for token, expression in _words_in_its_place(context).items()
                  if re.search(rf"\b{token}\b", candidate.output or "")]
        if candidate.output_template and any(expression not in candidate.output_template for expression in placed):
            candidate.output_template = None  # "`(no maker yet)` in that place": the examples guessed a choice of words
        if re.search(AS_ABOVE, context.lower) and _entity_line(context) and not any(
                context.field(token.lower()) for token in re.findall(r"\b[A-Z][A-Z_]*[A-Z]\b", candidate.output or "")
        ):  # "each entry printed as above": the project's line, not what the
            candidate.output = candidate.output_template = None  # examples make of it (`£{item.takings}`)
        own_line = candidate.output if any(context.field(token.lower()) for token in re.findall(
            r"\b[A-Z][A-Z_]*[A-Z]\b", candidate.output or "")) else None  # not "nothing on the racks"
        said = _entity_line(context) if candidate.output_template and not own_line else None
        if said and " if " in candidate.output_template and line_suffix(context.project, context.entity, said[1]):
            candidate.output_template = None  # the examples guessed the project's marker ("`, conducted by NAME` on
            # the end when there's a conductor") as a choice between two of their values: the project's line says it
        if said and len(re.findall(r"\{[^{}]*\}", candidate.output_template or "")) < len(set(re.findall(
                r"\b[A-Z][A-Z_]*[A-Z]\b", said[0]))):  # "The reading line ... is `#NUMBER DAY BIN TEMP (PHASE)`":
            candidate.output_template = None  # an example shows one PHASE, the project's line says how it is worked out
        if said and candidate.output_template is None and candidate.output and not own_line \
                and not re.search(r"\b[A-Z]{2,}\b", candidate.output):
            candidate.output = None  # "When no set fits, it prints `nothing on the racks`": the empty case, no line
        if not candidate.output_template and candidate.output and not re.search(r"\b[A-Z]{2,}\b", candidate.output):
            candidate.output_template = _example_line(context, candidate.output)  # "like `K12 Pirate coat: 3 times`"
        named = re.search(r"\b(?:print|show|list)s? (?:only )?(?:the |their )?(\w+) of (?:the|all|every|each)\b",
                          context.lower)  # "Print the names of the plants": one field per line
        field = context.field(named.group(1)) if named and context.entity is not None else None
        each = re.search(r"\bone (\w+) (?:per|a) line\b(?![^.;]*\b(?:usual|shown|printed|written|formatted|like|as in)\b)",
                         context.lower) if field is None else None  # (not "One dish per line, shown the usual way")
        field = (context.field(each.group(1)) or field_named_loosely(context.entity, each.group(1))) \
            if each and context.entity is not None else field  # "one name per line" over `member — the person's name`
        if field is not None and not candidate.output_template and not candidate.formatter \
                and not candidate.output:
            candidate.output_template = f"{{item.{field.name}}}"
    if candidate.operation in ("list", "show"):
        candidate.prefix = _line_prefix(context, candidate)
        candidate.total = candidate.total or _count_line(context)
    group = (candidate.aggregate.group_by if candidate.aggregate else None) or next(
        (value.group_by for value in candidate.values if value.group_by), None) or (
        candidate.best_of[0] if candidate.best_of else None)
    grouped = context.field(group) if group and context.entity is not None and not group.startswith("call:") else None
    if grouped is not None and candidate.best_of and _same_in_project_case(context, grouped):
        candidate.group_fold = True  # "Two names that only differ in upper and lower case are the same house"
    if grouped is not None and type_name(grouped.type) == "str" and any(
            (re.search(ANY_CASE, sentence) or re.search(r"\bdiffer only in (?:their )?case\b|\bonly in (?:their )?case\b",
                                                        sentence))
            and re.search(r"\b(?:together|same|grouped|group|one line|counted as one)\b",
                          sentence) and not re.search(r"\bcase included\b|\bexactly\b", sentence)
            for sentence in _sentences(context.lower)):  # "Names that differ only in case are the same rocket"
        candidate.group_fold = True  # "Beaches are counted together whatever their case (Filey and filey are the same)"
    if candidate.operation in ("aggregate", "count") and candidate.aggregate and candidate.aggregate.group_by:
        listed = re.search(r"\bin (?:the|this) (?:fixed |given |following |stated )?order:?\s+((?:[\w-]+(?:,\s*|\s+(?:and|then)\s+|"
                           r",\s*(?:and|then)\s+))+[\w-]+)",
                           context.lower)  # "in the order high, elevated, normal, low"
        group_field = context.field(candidate.aggregate.group_by) if context.entity is not None else None
        stated = stated_values(group_field.description) if group_field is not None else []
        if listed:
            candidate.key_order = re.split(r",\s*(?:and\s+|then\s+)?|\s+(?:and|then)\s+", listed.group(1))
            folded = {value.casefold(): value for value in stated}
            if stated and {key.casefold() for key in candidate.key_order} & set(folded):  # "small, medium, large,
                candidate.key_order = [folded[key.casefold()] for key in candidate.key_order  # as `SIZE: N`"; "XS, S,
                                       if key.casefold() in folded]  # M, L, XL, written": the values as stored
            candidate.key_order = _as_written(group_field, candidate.key_order)  # "Ash, Beech, Cedar, Oak" as stored
            tied = re.search(r"\b(?:the same|equal) (?:number|count|total|amount|value|sum)s?\b|\bties?\b",
                             context.lower[max(0, listed.start() - 60):listed.start()])
            if not (tied and candidate.order and candidate.order[0] == "value"):
                candidate.order = None  # the stated order alone (with the same number: the stated order breaks ties)
        elif candidate.every_group and "|" in candidate.every_group and re.search(
                r"\bin (?:their|its|that|this|the stated|the same) order\b", context.lower):
            candidate.key_order = candidate.every_group.split("|")  # "all four stages in their order"
            candidate.order = None
    numbered = _numbered_text(context)  # "in the order of their numbers (T2 comes before T10)", "the lowest tag number"
    natural = _natural_field(context)  # "bins sort by letter, then number (B3 before B10)"
    if natural is not None and candidate.operation in ("aggregate", "count") and candidate.aggregate \
            and candidate.aggregate.group_by == natural and candidate.order is None and not candidate.key_order:
        candidate.order = (f"natural:{natural}", False)  # "one line per bin in use, bin order (letter, then number)"
    if natural is not None and candidate.operation in ("list", "show"):  # "every boat, berth order"
        candidate.order, candidate.then_by = (
            (f"natural:{natural}", sort[1]) if sort and sort[0] == natural else sort
            for sort in (candidate.order, candidate.then_by))
    if numbered is not None and natural is None and candidate.operation in ("list", "show"):
        candidate.order, candidate.then_by = (
            (f"number:{numbered}", sort[1]) if sort and sort[0] == numbered else sort
            for sort in (candidate.order, candidate.then_by))
    computed = [sort[0] for sort in (candidate.order, candidate.then_by) if sort and sort[0].startswith("call:")]
    candidate.uses = list(dict.fromkeys([*candidate.uses, *(name[5:].split("(")[0] for name in computed)]))
    if candidate.operation in ("list", "show", "add", "update", "remove") or (
            candidate.operation == "aggregate" and candidate.aggregate and candidate.aggregate.group_by
            and not candidate.values):  # add and update: a record's line the store may write them all with
        model = _model_command(context) if candidate.operation in ("list", "show") and not modelled else None
        candidate.suffix = _suffix(context, candidate.operation) or (
            modelled[1] if modelled else None) or (  # "as log prints it": log's marker too
            _suffix(Context(model, context.project, context.store, index=context.index), "list") if model else None)
        # "in the same lines as list": list's ` FAILED` for a failed job
        if candidate.suffix and "{item." in candidate.suffix[0] and candidate.output_template \
                and candidate.output_template.endswith(candidate.suffix[0]):  # ` - {item.note}` learned from a line
            candidate.output_template = candidate.output_template[:-len(candidate.suffix[0])]  # that had one: when it has
        elif candidate.suffix and "{" not in candidate.suffix[0] and candidate.suffix[0].startswith(" ") \
                and (candidate.output_template or "").endswith(candidate.suffix[0]) \
                and candidate.suffix[0].strip() not in candidate.output_template[:-len(candidate.suffix[0])]:
            candidate.output_template = candidate.output_template[:-len(candidate.suffix[0])]  # "put ` OUT` when a
            # skater has the pair now", learned from a line of a pair that was out: the marker is the condition's
        worded = re.search(r"\{'([^'{}]+)' if item\.(\w+) else '[^'{}]*'\}", candidate.output_template or "") \
            if candidate.suffix and candidate.output_template else None
        if worded and candidate.suffix[1] == f"item.{worded.group(2)}" and worded.group(1) in candidate.suffix[0] \
                and worded.group(1) != candidate.suffix[0] \
                and candidate.output_template.endswith(candidate.suffix[0].replace(worded.group(1), worded.group(0), 1)):
            # ` (league)` "at the end for a league game", learned from a league game's line as a word for the flag
            candidate.output_template = candidate.output_template[:-len(
                candidate.suffix[0].replace(worded.group(1), worded.group(0), 1))]
        elif candidate.suffix and (candidate.suffix[0].strip() in (candidate.output_template or "") or any(
                f"item.{name}" in (candidate.output_template or "")
                for name in re.findall(r"\{item\.(\w+)\}", candidate.suffix[0]))):
            candidate.suffix = None  # the learned line writes it already (` - NOTE` where there is one)
        tails = _two_tails(context) if candidate.operation in ("list", "show") and not candidate.output_template \
            and "FLAGWORD" not in (candidate.output or "") else None
        if tails is not None:  # "`#N SERVICE sev SEV open` for an open incident, `... resolved HM` for a resolved one"
            line, candidate.suffix = tails
            candidate.output = line or candidate.output
    marked = set(re.findall(r"\bif (?:not )?item\.(\w+)\b", " ".join(
        [candidate.output_template or "", "if " + candidate.suffix[1] if candidate.suffix else ""])))
    if marked and candidate.operation in ("list", "show"):  # "then ` [r]` if the receipt is on file": a marker
        candidate.filters = [f for f in candidate.filters  # on some lines, not a filter on all of them
                             if not (f.field in marked and f.op in ("is true", "is false") and f.value is None
                                     and not f.when and not f.unless and _only_with_marker(context, f.field))]
    if not candidate.values:  # a summary of several numbers wrote its own line
        candidate.message = _composed(context, _learned_message(context, candidate))
    stated = _entity_line(context) if candidate.message and candidate.operation in ("add", "update", "remove") else None
    marker = line_suffix(context.project, context.entity, stated[1]) if stated else None
    if marker and "{item." in marker[0] and candidate.message.endswith(marker[0]) and not candidate.suffix:
        candidate.message = candidate.message[:-len(marker[0])]  # an example with a conductor: the project's
        candidate.suffix = marker  # `, conducted by NAME` "on the end when there's a conductor", not on every line
    kept = next((name for name in candidate.auto_fields if name.lower() in ("number", "id", "no", "nr")), None)
    if kept and candidate.message and "{position}" in candidate.message:
        candidate.message = candidate.message.replace("{position}", "{item." + kept + "}")  # "it keeps that number"
    if candidate.suffix and candidate.message and candidate.message.endswith(candidate.suffix[0]):
        candidate.message = candidate.message[:-len(candidate.suffix[0])]  # learned where it showed: the condition adds it
    candidate.message_pattern = _message_pattern(context, candidate)
    counted = _counted_message(context) if candidate.operation == "count" else None
    if counted is not None:  # "`Baby Blue: 2 of 5 squares finished`: the quilt name ..., how many of its squares are
        candidate.message, fields = counted  # finished, and how many squares it has in all": both counted here
        candidate.filters = [f for f in candidate.filters if f.when or f.unless or f.field not in fields]
    if candidate.message is None:  # (a line an example taught is kept as it was learned)
        candidate.definitions = {**_change_placeholders(context, candidate), **candidate.definitions}
        candidate.definitions.update(_value_before(context, candidate))
    if candidate.operation == "update" and candidate.suffix is None:
        candidate.suffix = _second_line(context, candidate)
    if candidate.message_pattern is None and candidate.message and candidate.operation in ("add", "update", "remove"):
        candidate.message_pattern = _story_answer(context)  # the line the message was learned from: "when I run
        # `display am-14`, then ... the output is `AM-014 is on display`" (not "the same line", a record's line)
    if candidate.message and re.search(r"\bOLD_\w+", candidate.message_pattern or "") and "old" not in candidate.message:
        candidate.message = None  # "the old and the new battery, ... joined by ` -> `": the told line, not one example's
    if candidate.message is None:
        candidate.definitions.update(_old_or_words(context, candidate))  # "When nobody had it, ... reads `nobody`"
    key = candidate.locate_field or (context.key_field().name if candidate.operation == "add" and context.key_field() else None)
    numbered = _numbers_named(context, candidate.message_pattern, key) \
        if candidate.operation in ("add", "update", "remove") and candidate.message_pattern else None
    chosen = bool(re.search(r"\{'[^{}]*' if \w+ else '[^{}]*'\}", candidate.message or ""))  # a flag chooses the words
    candidate.message = candidate.message if chosen else numbered or candidate.message  # "Say `ticket 7, hook 3` like
    # this": each number its field's
    if candidate.message_pattern is None and candidate.operation in ("update", "remove") \
            and not BARE_LINE.search(context.lower):  # not "Prints the word's line as `list` shows it"
        borrowed = _modelled_line(context)  # "the loan is then printed as by dispatch": dispatch's line
        candidate.message_pattern = borrowed[0] if borrowed else None
    followed = re.search(r"`([^`]+)`,? (?:followed by|then|and then|and) (?:the|its|that|a) (?:new |added |changed |updated |"
                         r"removed |deleted |amended )?(\w+)", context.text)
    if followed and followed.group(1).split(" ", 1)[0] in _command_names(context):
        followed = None  # "when I run `add Godrevy England 26 1859`, then the light is captured": a command line
    if followed and candidate.operation in ("add", "update", "remove") and context.entity is not None and (
            same(followed.group(2), context.entity.name) or followed.group(2) in RECORD_NOUNS) \
            and candidate.message_pattern in (None, followed.group(1), followed.group(1).strip()):
        stated = _entity_line(context)  # "prints `logged ` followed by the new reading",
        if stated is not None:  # the reading's line stated once for the project
            candidate.message_pattern, candidate.message = followed.group(1) + stated[0], None
            candidate.suffix = candidate.suffix or line_suffix(context.project, context.entity, stated[1])
            # (with its end under a condition: "Only when the session had speeders does the line go on with ...")
    if candidate.message and candidate.message_pattern and candidate.operation in ("add", "update", "remove") \
            and len(re.findall(r"\{[^{}]*\}", candidate.message)) < len(
                [token for token in re.findall(r"\b[A-Z](?:[A-Z_]*[A-Z])?\b",
                                               re.sub(r"°[A-Z]\b", "", candidate.message_pattern))  # `T°C`: a unit
                 if token not in ("A", "I")]):
        candidate.message = None  # the example left a placeholder the words name as plain text (`GRADE` as "VF")
    if candidate.message and candidate.message_pattern and candidate.operation in ("add", "update", "remove") and any(
            number not in re.sub(r"\{[^{}]*\}", " ", candidate.message)
            for number in re.findall(r"(?<=[A-Z]/)\d+\b|(?<=\bout of )\d+\b", candidate.message_pattern)):
        candidate.message = None  # `NAME: SCORE/10` learned as `{item.name}: {item.score}/{item.age}` from a
        # bottle 10 years old: a number the stated line writes as it is stays as it is
    school = _averages_rounded(context) if candidate.aggregate is not None and not candidate.values \
        and candidate.aggregate.function == "mean" and not candidate.aggregate.scale else None
    if school is not None:  # "Round to one decimal place ...: if the next digit is 5 or more, round up"
        candidate.aggregate = replace(candidate.aggregate, scale=f"half up to {school}")
    if candidate.aggregate is not None and candidate.aggregate.function in ("sum", "mean", "min", "max") \
            and not (candidate.aggregate.scale or "").startswith("half up"):
        scale = _unit_scale(context, candidate.aggregate.field)
        if scale:  # "time spent per member in whole hours rounded down" over `minutes`
            candidate.aggregate = replace(candidate.aggregate, scale=scale)
    if candidate.operation == "update" and candidate.select in ("key", "position") \
            and any(a.op == "subtract" for a in candidate.assignments):
        candidate.vanish = _vanishing(context)
    flags = [a for a in candidate.assignments if a.op == "set" and a.value in ("True", "False")]
    if candidate.operation == "update" and candidate.select == "matching" and flags \
            and len(flags) == len(candidate.assignments) and re.search(r"\bN\b", candidate.message_pattern or "") \
            and not any(f.field == flags[0].field for f in candidate.filters):
        # "every thing becomes not packed again. Prints `unpacked N`": N counts the ones it changes
        candidate.filters = [*candidate.filters, Filter(flags[0].field, "is true" if flags[0].value == "False"
                                                        else "is false", None)]

    picked = _key_picks(context) if candidate.select == "key" and candidate.operation in ("update", "remove") \
        and candidate.order is None and candidate.limit is None else None
    if picked is not None:  # "When a dog has more than one stay, a command that takes a dog's name works on its stay
        candidate.order, candidate.limit = picked, "1"  # that arrives last": the last by arrive of those found
    located = context.field(candidate.locate_field) if candidate.select == "key" and candidate.locate_field else None
    if candidate.select == "key" and (context.any_case or located is not None and type_name(located.type) == "str"
                                      and (re.search(ANY_CASE, (located.description or "").lower())
                                           or _same_in_any_case(context, located))):
        candidate.locate_ignore_case = True  # `name: str — unique ignoring case`: found in any case too
    if candidate.operation in ("count", "aggregate") and candidate.output and not candidate.message_pattern:
        candidate.message_pattern, candidate.output = candidate.output, None
    if candidate.operation == "count" and candidate.message_pattern and context.entity is not None:
        named = [f for f in context.entity.fields if type_name(f.type) in ("str", "bool")
                 and re.search(rf"\b{re.escape(f.name.upper())}\b", candidate.message_pattern)]
        if named:  # "HABIT: N": a count per habit
            candidate.operation = "aggregate"
            candidate.aggregate = Aggregate("count", named[0].name, named[0].name)
            candidate.order, candidate.then_by = _group_order(context), None
            candidate.total = candidate.total or _groups_line(context, named[0])  # "then `H hills, A ascents`"
            counted = re.search(r"\bhow many (\w+)", context.lower)  # "how many bottles of each color"
            summed = field_by_name(context.entity, counted.group(1)) if counted else None
            if summed is not None and is_number(summed.type):
                candidate.aggregate = Aggregate("sum", summed.name, named[0].name)
    if candidate.message_pattern and candidate.operation in ("add", "update", "remove") \
            and candidate.output == candidate.message_pattern:
        candidate.output = None
    elif candidate.output and not candidate.message_pattern and candidate.operation in ("add", "update", "remove"):
        if candidate.output.startswith(" "):  # "its batch line, which now ends with ` rated STARS/5`": a marker
            candidate.output = None
        else:
            candidate.message_pattern, candidate.output = candidate.output, None  # "Output, the ink line: `...`": what it prints
    candidate.quiet = bool(re.search(r"\b(prints|print|says|shows|outputs) nothing\b|\bno output\b|\bsilently\b",
                                     context.lower)) and candidate.operation in ("add", "update", "remove")
    added = [a for a in candidate.assignments if a.op in ("add", "subtract") and a.value.startswith("param:")]
    if candidate.operation == "update" and len(added) == 1 and re.search(r"\bTOTAL\b", candidate.message_pattern or "") \
            and re.search(rf"\b{re.escape(added[0].field.upper())}\b", candidate.message_pattern) \
            and "TOTAL" not in candidate.definitions and context.field("total") is None \
            and not any(p.name.lower() == "total" for p in context.params):
        candidate.definitions = {**candidate.definitions, "TOTAL": f"item.{added[0].field}"}
        # "`TAG SPECIES: +LITRES litres, TOTAL litres so far`": the amount given, and the field it went to
    if candidate.operation == "update" and len(candidate.assignments) == 1 \
            and re.search(r"\bOLD\b[^`]*\bNEW\b", candidate.message_pattern or "") \
            and not {"old", "new"} & ({p.name.lower() for p in context.params}
                                      | {f.name.lower() for f in (context.entity.fields if context.entity else [])}):
        changed = candidate.assignments[0].field  # "`N. DAY NAME OLD -> NEW`, both amounts written by euros"
        writer = _both_written(context, changed)
        candidate.definitions = {**candidate.definitions, **{
            name: f"{writer}({value})" if writer else value for name, value in (("OLD", "old"), ("NEW", f"item.{changed}"))}}
    shown = f"{candidate.message_pattern or ''} {candidate.output or ''}"
    for name, expression in _project_terms(context).items():  # "The *result* of an entry is `not judged` when ..."
        if re.search(rf"\b{name}\b", shown) and name not in candidate.definitions:
            candidate.definitions = {**candidate.definitions, name: expression}
    summed = _summed_placeholder(context, candidate) if candidate.operation == "update" else None
    if summed is not None:  # "It answers `PERSON paid AMOUNT`, the amount being what those orders add up to"
        candidate.definitions = {**candidate.definitions, summed[0]: summed[1]}
    changed = BARE_CHANGED.search(context.lower)  # one pattern for every entity: the noun is compared after
    noun = changed and (changed.group(1) or changed.group(2))
    candidate.bare_line = bool(BARE_LINE.search(context.lower) or noun and (
        noun in RECORD_NOUNS or (context.entity is not None and same(noun, context.entity.name)))) \
        and candidate.operation in ("add", "update", "remove") and not candidate.message_pattern
    if candidate.vanish and candidate.vanish == candidate.message_pattern and candidate.operation == "update" \
            and re.search(rf"\b{PRINTS} (?:the|its) (?:\w+ )?(?:{'|'.join(RECORD_NOUNS)}|{re.escape(context.entity.name.lower())})\b",
                          context.lower):  # "print the piece with its new length. If the cut takes all of it, ...
        candidate.message_pattern, candidate.bare_line = None, True  # it prints `#NUMBER used up` instead"
    led = re.search(r"`([^`]+)`,? (?:and )?(?:then|followed by) (?:the|its) (?:\w+ ){0,2}(?:line|entry|record)\b",
                    context.text)  # "It prints `deleted ` and then the payment line"
    if led and candidate.operation in ("add", "update", "remove") and candidate.message_pattern \
            and candidate.message_pattern.strip() == led.group(1).strip() and not re.search(r"\b[A-Z]{2,}\b", led.group(1)):
        candidate.prefix, candidate.message_pattern, candidate.bare_line = led.group(1), None, True
    every = re.search(rf"\b{PRINTS} the (?:\w+ )?line of (?:every|each) (\w+)(?: that| which)? (?:goes|went|is removed|"
                      r"leaves)\b", context.lower) if candidate.operation == "remove" else None
    total = _count_line(context) if every and (same(every.group(1), context.entity.name)
                                               or every.group(1) in RECORD_NOUNS) else None
    if total is not None and (" for _, item in rows)" in total or "{count}" in total):
        # "It prints the bag line of every bag that goes out ... and after them `to pay: PRICE` with the sum"
        candidate.bare_line, candidate.message_pattern, candidate.total = True, None, total
    if candidate.bare_line:
        candidate.message = None  # "Prints the word's line as `list` shows it": the store's line, not one example's
    if candidate.operation in ("count", "aggregate") and not pins.get("output") and not candidate.values:
        candidate.message = _composed(context, _learned_summary(context, candidate)) or candidate.message
        writer = _money_writer(context) if candidate.operation == "aggregate" and candidate.message else None
        if writer is not None and candidate.aggregate.function in ("sum", "min", "max") \
                and _in_minor_units(context, candidate.aggregate.field):  # "the cost of their unpaid jobs added up",
            signs = {str(value)[:1] for _, value in example_pairs(context.index, writer) if isinstance(value, str)}
            sign = "[$£€]?" if signs and signs <= {"$", "£", "€"} else ""  # `${value:.2f}` where dollars() writes the $
            candidate.message = re.sub(sign + r"\{value(?::[^{}]*)?\}", "{" + writer.name + "(value)}", candidate.message)
            # cost() being in pence and money() writing every amount
    rest = re.search(r"\b([A-Z][A-Z_]*)\b,? (?:is|being|=) (\d+) minus the (?:number|count) of\b", context.text)
    if rest and candidate.operation == "count" and "{count}" in (candidate.message or "") \
            and re.search(rf"\b{rest.group(1)}\b", candidate.message_pattern or candidate.output or ""):
        candidate.message = candidate.message.replace("{count}", "{" + f"{rest.group(2)} - count" + "}")
        # "`FREE of 120 free`, where FREE is 120 minus the number of rentals"
    if candidate.operation == "count" and "{count}" in (candidate.message or "") and _terms(context):
        candidate.message = _term_counts(context, candidate.message)  # "readings: N, excursions: E"
    if candidate.operation in ("count", "aggregate") and not pins.get("output") and not candidate.values:
        several = f"the line {candidate.message_pattern!r} shows several numbers; this {candidate.operation} computes one"
        own = {"key", *(param.name for param in context.params)}
        filled = {expression for expression in re.findall(r"\{([^{}:]+)(?::[^{}]*)?\}", candidate.message or "")
                  if expression not in own}  # the numbers the line computes, each once
        if len(_numbers_shown(context, candidate)) > max(1, len(filled)):  # one number for N and M
            candidate.ignored = [*candidate.ignored, several]  # its own list: siblings share theirs
            candidate.score -= 0.75  # one number where the line shows two ranks below one that reads them all
            if not candidate.message:
                candidate.score -= 1.0  # nothing printed at all ranks lower
    empty = _empty_message(context)
    grouped_lines = candidate.operation == "aggregate" and candidate.aggregate is not None \
        and candidate.aggregate.group_by is not None  # a line per group: none at all on an empty store
    if empty is None and (candidate.operation in ("list", "show") or grouped_lines):
        for (argv, expected, status), records, _, _ in _simulated(context):
            if not records and expected and len(expected) == 1 and not status \
                    and not any(arg in expected[0] for arg in argv[1:] if len(arg) > 1) \
                    and not re.search(r"\d", expected[0]):
                empty = expected[0]  # `- \`warmest\` prints "no readings"` on an empty store
                break
    latest = candidate.operation in ("update", "remove") and candidate.select in ("latest", "first")
    if empty and candidate.every_group and re.search(r"(?<![\w.])0(?![\w.])", empty):
        empty = None  # "a condition with no tents shows `0 (0 berths)`": an empty group's line, every group printed
    if empty and (candidate.operation in ("list", "show", "count", "aggregate") or latest) and \
            not any(guard.kind in ("empty", "lookup") for guard in candidate.guards):  # "undo": "If there is none"
        unmatched = _none_matching(context) if candidate.operation in ("list", "show") else None
        if unmatched is not None and unmatched != empty:  # "An empty barn says `barn is empty`; if there are lots
            candidate.guards.append(Guard("empty", empty, _empty_status(context, empty), trigger={"store": True}))
            empty = unmatched  # but none match what you asked for, `nothing like that`": the store's, then the filter's
        candidate.guards.append(Guard("empty", empty, _empty_status(context, empty)))
    if candidate.operation in ("list", "show") and candidate.limit == "1" and context.entity is not None:
        for guard in candidate.guards:  # "the hen with the most eggs ... until some hen has laid, `no eggs yet`"
            yet = re.fullmatch(r"no (\w+) (?:yet|so far)", (guard.message or "").lower()) if guard.kind == "empty" else None
            counted = context.field(yet.group(1)) if yet else None
            if counted is not None and is_number(counted.type) and candidate.order and candidate.order[0] == counted.name \
                    and not any(f.field == counted.name for f in candidate.filters):
                candidate.filters = [*candidate.filters, Filter(counted.name, ">", "0")]
    shown = candidate.message_pattern or candidate.output
    if candidate.operation in ("aggregate", "count") and shown and not candidate.message \
            and not (candidate.aggregate and candidate.aggregate.group_by) and _record_line(context, shown) \
            and not _written_sum(context, shown) and not _one_number(context, shown):
        candidate.score -= 3  # `DAY WORD` names a record's fields: no one number to print
    grouped = candidate.aggregate.group_by if candidate.operation == "aggregate" and candidate.aggregate else None
    if grouped and shown and not candidate.values and context.entity is not None:
        own = {grouped.split("[")[0], *(re.split(r"[*-]", candidate.aggregate.field or "") if candidate.aggregate.field else ())}
        others = [f.name for f in context.entity.fields if f.name not in own
                  and re.search(rf"\b{re.escape(f.name.upper())}\b", shown)]
        if len(others) >= 2:
            candidate.score -= 3  # `DAY START-END ROOM`: a record's fields beside the group's key, no group line
    for reason in not_understood:
        candidate.ignored.append(f"error not understood: {reason!r}")
        candidate.score -= 0.75  # a reading that leaves an error clause out ranks below one that reads it
    flags = {p.name for p in context.params if type_name(p.type) == "bool"}
    gating = {name for guard in candidate.guards if guard.kind == "check" for name in (guard.trigger or {})} & flags
    candidate.unused_params = [name for name in candidate.unused_params if name not in gating]  # "only with --yes"
    called = " ".join([*(value for value in candidate.constructor.values() if value.startswith("call:")),
                       *(a.value for a in candidate.assignments if a.value.startswith("call:"))])
    candidate.unused_params = [name for name in candidate.unused_params  # `band=band(param:mhz)`: used
                               if not re.search(rf"\bparam:{re.escape(name)}\b", called)]
    for name in candidate.unused_params:
        candidate.ignored.append(f"parameter {name!r} is not used")
        candidate.score -= 1.0
    candidate.score -= 0.5 * len(not_understood)
    return candidate


RANGE = r"(?<![\w.])(-?\d+)\s*(?:to|\.\.|-|–)\s*(-?\d+)(?![\w.])"


def _vanishing(context: Context) -> str | None:
    """"When that was the last bottle the wine disappears ... and it prints `X` instead": a
    record taken down to nothing is removed; the line it prints then ('' for the usual one)."""
    for sentence in re.split(r"(?<=[.!?])\s+", context.text):
        lower = sentence.lower()
        last = re.search(r"\b(?:with (?:exactly |only |just )?one \w+(?: left)?,|"  # "Given a sauce with exactly one
                         r"the last|no more|none left|nothing left|zero|runs? out|used up|takes all of it|"  # bottle, ..."
                         r"(?:hits?|reaches|gets to|drops to|falls to|goes to) (?:0|zero)|is 0|becomes 0|"
                         r"(?:leaves|makes|gets) (?:the \w+ |it )?empty|(?:is|becomes|goes) empty)\b", lower)
        # "When that leaves the tin empty, the tin is thrown away and it prints `...` instead"
        removed = re.search(r"\b(?:disappears?|is removed|gets removed|is deleted|goes away|is gone|"
                            r"vanish\w*|taken off|drops? off|leaves|comes off|(?:is |gets )?thrown (?:away|out)|"
                            r"(?:is |gets )?(?:binned|discarded|dropped))\b", lower)
        if last and removed:
            after = sentence[min(last.start(), removed.start()):]  # "Prints `N left`; when that was the last ...
            # prints `#N gone`"; "with exactly one bottle, ... is removed ... and prints `finished the last bottle`"
            shown = re.search(rf"\b{PRINTS}\s+`([^`]+)`", after, flags=re.IGNORECASE) or re.search(
                r"\b(?:answer|reply|output|message|line) (?:is|becomes|reads)\s+`([^`]+)`", after, flags=re.IGNORECASE)
            return shown.group(1) if shown else ""
    return None


def _bounded(context: Context, assignment: Assignment) -> Assignment:
    """Adding to a field whose description states its range ("which box, 1 to 5") stops at
    the top of it, taking away stops at the bottom."""
    field = context.field(assignment.field) if context.entity is not None else None
    if assignment.op not in ("add", "subtract") or field is None or not is_number(field.type):
        return assignment
    floor = re.search(r"\b(?:never|not|can't|cannot|won't|doesn't|does not|without going) (?:go |going |drop |dropping "
                      r"|fall |falling )?(?:below|under|less than) (?:zero|0|nothing)\b|\bstops? at (?:zero|0|nothing)\b",
                      context.lower)
    if assignment.op == "subtract" and floor and not any(re.search(r"\b(?:below|under|less than) (?:zero|0)\b|"
                                                                   r"\bmore than\b", error.condition.lower())
                                                         for error in context.errors):
        return replace(assignment, bound="0")  # "take the grams off (never below zero)": a refusal would be an error
    stated = re.search(RANGE, field.description or "")
    if stated is None or int(stated.group(1)) >= int(stated.group(2)):
        return assignment
    return replace(assignment, bound=stated.group(2) if assignment.op == "add" else stated.group(1))


def _openers(context: Context) -> set[str]:
    """Commands a spec example runs first (on an empty store) and that succeed."""
    if context.index.openers is None:
        context.index.openers = {steps[0][0][0] for steps in spec_sequences(context.project)
                                 if steps and steps[0][0] and steps[0][2] == 0}
    return context.index.openers


def number_agreement(project) -> dict[str, str]:
    """Words that agree with the number before them, where the spec shows it: "counts read
    naturally (`1 night`, `2 nights`)", "`worn 1 time` for one", or an example printing `1 trip`
    beside a line with `N trips`: ``{"nights": "night", "times": "time"}`` (plural -> singular).
    A spec that prints `1 trips` shows no singular, and its lines stay as they are."""
    words_ = [project.description or ""] + [command.description or "" for command in project.commands]
    shown = [piece for text in words_ for piece in re.findall(r"`([^`]+)`", text)]  # "(`1 night`)", not "0 or 1 job"
    shown += [str(example.expected or "") for command in project.commands for example in command.examples]
    shown += [line for steps in spec_sequences(project) for _, expected, _ in steps for line in expected or ()]
    text = "\n".join([*words_, *shown])
    found = {}
    for word in set(re.findall(r"(?<![\w.])1 ([a-z]{3,})\b", "\n".join(shown))):
        many = plural(word)
        if many != word and re.search(rf"(?:(?<![\w.])(?:[02-9]|\d{{2,}})|\b[A-Z][A-Z_]*|\}}) {many}\b", text):
            found[many] = word
    for describing, word in set(re.findall(r"(?<![\w.])1 ([a-z]{3,}) ([a-z]{3,})\b", "\n".join(shown))):
        many = plural(word)  # "`removed N released hogs`, or `removed 1 released hog` for one"
        if many != word and f"{describing} {many}" not in found and re.search(
                rf"(?:(?<![\w.])(?:[02-9]|\d{{2,}})|\b[A-Z][A-Z_]*|\}}) {describing} {many}\b", text):
            found[f"{describing} {many}"] = f"{describing} {word}"
    writers = {function.name for function in project.functions if len(function.params) == 2
               and [type_name(param.type) for param in function.params] == ["int", "str"]}
    for sentence in _sentences(" ".join((project.description or "").split())):  # "Counts go through `plural`, e.g.
        if any(re.search(rf"\bthrough `?{re.escape(name)}\b", sentence) for name in writers):  # `1 bale`, `2 lots`"
            for many in re.findall(r"`(?:\d+|[A-Z]) ([a-z]{3,}s)`", sentence):
                found.setdefault(many, singular(many))
    for text_ in words_:  # "the word MUST be `day` instead when N is 1", "`readings` SHALL be written `reading` when N is 1"
        for said in re.finditer(r"`([a-z]{3,})`[^.;`]{0,40}?\b(?:be|is|becomes|reads?|written)\s+`([a-z]{3,})`"
                                r"[^.;]{0,30}?\b(?:when|if|for)\b[^.;]{0,25}?\b(?:is )?(?:1|one|exactly one)\b|"
                                r"\bmust be `([a-z]{3,})` instead when [^.;]{0,25}?\b(?:is )?(?:1|one)\b|"
                                r"`([a-z]{3,})` (?:instead of|in place of|rather than) `([a-z]{3,})`[^.;]{0,30}?\b(?:when|if|for)\b"
                                r"[^.;]{0,25}?\b(?:is )?(?:1|one|exactly one)\b", text_):  # "with `pattern` instead of `patterns` when N is 1"
            if said.group(4) and plural(said.group(4)) == said.group(5):
                found.setdefault(said.group(5), said.group(4))
            elif said.group(3):
                found.setdefault(plural(said.group(3)), said.group(3))
            elif plural(said.group(2)) == said.group(1):
                found.setdefault(said.group(1), said.group(2))
    return found


def spec_sequences(project) -> list[list[tuple[list[str], list[str] | None, int]]]:
    """The command-line examples of the spec as step sequences (argv without the program,
    expected lines or None, exit status): each command's examples in order, then every
    transcript (``console`` blocks, under a command or the project)."""

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


def _adds(project, index: ProjectIndex | None = None) -> tuple[dict[str, dict[str, str]], set[str]]:
    """Commands that read as adds, each with parameter -> field (to simulate the store),
    and the names of those that read as updates or removals (they change records)."""
    found, changing = {}, set()
    index = index or ProjectIndex(project)  # once for every command
    stores: dict[str, Any] = {}
    for candidate_store in project.stores:
        stores.setdefault(candidate_store.name, candidate_store)
    for command in project.commands:
        store = stores.get(command.store) or (
            project.stores[0] if len(project.stores) == 1 else None)
        context = Context(command, project, store, index=index)
        scores = operation_scores(context)
        best = max(scores.values())
        if context.entity is not None and best > 0 and \
                max(scores["update"], scores["remove"]) >= best:
            changing.add(command.name)
        if context.entity is None or scores["add"] <= 0 or scores["add"] < best:
            continue
        found[command.name] = {p.name: context.field(p.name).name for p in command.params
                               if context.field(p.name) is not None}
        reading = _add(context)[0]
        constructor = reading.constructor
        index.negated[command.name] = {param for param, function in reading.transforms
                                       if function == "-abs"}  # "stored as a negative amount"
        index.cleaned[command.name] = _cleaner_chains(index, context.functions, reading.transforms)
        index.numbered[command.name] = list(reading.auto_fields)
        for name, value in constructor.items():  # `--at` fills `times`, `--food` `with_food`
            if value.startswith("param:") and value[6:] not in found[command.name]:
                found[command.name][value[6:]] = name
        for field_name, source in constructor.items():  # `--unbilled` over `billable`
            if source.startswith("not param:"):
                found[command.name]["not " + source[10:]] = field_name
    return found, changing


@_per_command
def _simulated(context: Context) -> list:
    """``(step, records before it, values of its arguments)`` for this command's steps
    (read only: every candidate shares the list)."""
    return list(_simulate(context))


def _simulate(context: Context):
    """Walk the spec's sequences, keeping the records the add steps create; yields
    ``(step, records before it, values of its arguments, changed)`` for this command's
    steps, ``changed`` telling that a command that reads as an update or a removal ran
    before it (the records' values may then differ from what the adds wrote)."""
    if context.index.simulation is None:  # once per pass over the commands, not per command
        project = context.project
        sequences = spec_sequences(project)
        containing: dict[str, list[int]] = {}  # command name -> the sequences with a step of it
        for number, steps in enumerate(sequences):
            for name in dict.fromkeys(argv[0] for argv, _, _ in steps if argv):
                containing.setdefault(name, []).append(number)
        adds, changing = _adds(project, context.index)
        context.index.simulation = (adds, changing,
                                    {command.name: command for command in project.commands},
                                    sequences, containing)
    adds, changing, commands, sequences, containing = context.index.simulation
    entity = context.entity
    for steps in (sequences[number] for number in containing.get(context.command.name, ())):
        records: list[dict[str, Any]] = []
        changed = False
        for argv, expected, status in steps:
            if not argv or argv[0] not in commands:
                continue
            values = parse_command_line(commands[argv[0]], argv[1:]) or {}
            for param in context.index.negated.get(argv[0], ()):
                if isinstance(values.get(param), (int, float)):
                    values[param] = -abs(values[param])  # as the add stores it
            if argv[0] == context.command.name:
                yield (argv, expected, status), [dict(r) for r in records], values, changed  # as they were then
            _clean_add_values(context.index, argv[0], values)  # "Red scarf" for `red scarf`: tidy() on the way in
            if argv[0] in adds and status == 0 and entity is not None:
                record = _added_record(entity, adds[argv[0]], values)
                for name in context.index.numbered.get(argv[0], ()):  # one more than the highest
                    record[name] = max((r[name] for r in records if isinstance(r.get(name), int)), default=0) + 1
                record.update({field_name: not values[param[4:]] for param, field_name in adds[argv[0]].items()
                               if param.startswith("not ") and param[4:] in values})
                if _merged_into(commands[argv[0]], entity, adds[argv[0]], record, records):
                    continue
                records.append(record)
            elif argv[0] in changing and status == 0:
                changed = not _replay(context, commands[argv[0]], values, records) or changed


def _clean_add_values(index: ProjectIndex, name: str, values: dict[str, Any]) -> None:
    """An add's text arguments as its plain cleaners store them (in place)."""
    for param, rule in index.cleaned.get(name, {}).items():
        if isinstance(values.get(param), str):
            values[param] = rule(values[param])


def _added_record(entity, mapping: dict[str, str], values: dict[str, Any]) -> dict[str, Any]:
    """The record an add with these argument values stores: the fields' defaults, then the
    fields its arguments fill (``mapping``: parameter -> field)."""
    record = {f.name: default_value(f.default) for f in entity.fields}
    record.update({field_name: values[param] for param, field_name in mapping.items() if param in values})
    return record


def _replay(context: Context, command, values: dict[str, Any], records: list[dict[str, Any]]) -> bool:
    """Apply an update step to the simulated records, as that command's best reading says
    (a field set from an argument, a flag set or toggled, a number changed by an amount
    on the record found by position or key); False when it cannot be told."""
    index = context.index
    effects = index.effects
    if command.name not in effects:
        if index.replaying:
            return False  # reading that command asks for this simulation: no replay inside it
        index.replaying = True
        try:
            reading = interpret_command(command, context.project, context.store, index=index)[0]
        finally:
            index.replaying = False
        effects[command.name] = reading if reading.operation == "update" and \
            reading.select in ("position", "key") and reading.assignments and not reading.transforms \
            else None
    reading = effects[command.name]
    if reading is None:
        return False
    if reading.select == "position":
        position = values.get(reading.locate_param)
        found = [records[position - 1]] if isinstance(position, int) and 0 < position <= len(records) else []
    else:
        wanted = values.get(reading.locate_param)
        found = [record for record in records if record.get(reading.locate_field) == wanted]
    for record in found:
        for assignment in reading.assignments:
            source = assignment.value
            value = values.get(source[6:]) if source.startswith("param:") else \
                record.get(source[5:]) if source.startswith("item.") else \
                {"True": True, "False": False}.get(source, default_value(source))  # `+ 1`, `+ item.price`
            if assignment.op == "set" and (value is not None or not source.startswith("param:")):
                record[assignment.field] = value
            elif assignment.op == "toggle":
                record[assignment.field] = not record.get(assignment.field)
            elif assignment.op in ("add", "subtract") and isinstance(value, (int, float)) \
                    and isinstance(record.get(assignment.field), (int, float)):
                record[assignment.field] = assignment.applied(record[assignment.field], value)
            else:
                return False
    return bool(found)


def _merged_into(command, entity, filled: dict[str, str], record: dict[str, Any],
                 records: list[dict[str, Any]]) -> bool:
    """An add whose words merge it into a record with the same keys: that record's numbers
    grow (simulated); False when it is a new record."""
    merged = _merge_clause(command, entity, {name: f"param:{param}" for param, name in filled.items()})
    if merged is None:
        return False
    keys, summed, replaced = merged
    found = next((old for old in records if all(old.get(k) == record.get(k) for k in keys)), None)
    if found is None:
        return False
    for name in summed:
        if isinstance(found.get(name), (int, float)) and isinstance(record.get(name), (int, float)):
            found[name] += record[name] if name in filled.values() else 1  # "one more copy"
    for name in replaced:
        if name in filled.values() and record.get(name) is not None:
            found[name] = record[name]
    return True


def _composed(context: Context, template: str | None) -> str | None:
    """A number the words say a spec function writes ("T written by one_decimal", "the
    amount written with euro") goes through it, when its examples show that the learned
    format alone would write some value differently (``one_decimal(-12.46) == "-12.5"``)."""
    if not template:
        return template
    template = _labelled_by_function(context, _computed_written(context, template))
    writers = _number_writers(context.index)
    for name, pairs in writers.items():  # `owed: {value:.2f} EUR` where euro() writes `1,234.50 EUR`
        results = [str(result) for _, result in pairs]
        after = _written_after(results)
        before = re.sub(r"[\d.,-]+$", "", os.path.commonprefix(results))
        if len(context.functions[name].params) == 1 and after.strip() and any(re.search(r"\d,\d{3}", r) for r in results):
            template = re.sub(rf"{re.escape(before)}\{{value(?::[^{{}}]*)?\}}{re.escape(after)}",
                              lambda match, name=name: "{" + f"{name}(value)" + "}", template)
    for function in context.index.ordered([*context.index.in_text(context.text), *writers]):
        if function.name not in writers:
            continue
        named = rf"(?<![\w]){re.escape(function.name)}(?![\w])"
        here = re.search(named, context.text)
        mentioned = here or any(  # "with duration for the time", said where add prints it
            re.search(named, command.description or "") for command in context.project.commands)
        pairs = writers[function.name]
        if f"{{{function.name}(" in template:
            continue  # already placed where its value shows (`{price(item.grams)} EUR`)
        numbers = {f.name for f in context.fields_of(type_name(function.params[0].type))}
        own = {name for name in numbers if same(name, function.params[0].name)}
        numbers = own or numbers  # duration(minutes) writes the minutes, not the grams beside them
        if not mentioned and not own:
            continue
        if not own and any(same(p.name, function.params[0].name) for p in context.params):
            continue  # age_group_for(age) over the argument `age`, stored nowhere: not the shirt number's writer
        if not any(re.search(r"\d", str(result)) for _, result in pairs):
            continue  # parcel_size(4) == "medium": a label for the number, not the number written
        shapes = {re.sub(r"\d", "9", str(result)) for _, result in pairs}
        left = [match for match in re.finditer(r"(?<![\w{.])\d[\w:.]*\d?[a-z]*", template)
                if not _inside_braces(template, match.start()) and re.sub(r"\d", "9", match.group(0)) in shapes]
        if mentioned and len(own) == 1 and len(left) == 1 and f"item.{next(iter(own))}" not in template:
            # "2h05m" left as text, the minutes placed nowhere, "with duration for the time": duration(minutes)
            return template[:left[0].start()] + "{" + f"{function.name}(item.{next(iter(own))})" + "}" \
                + template[left[0].end():]
        for match in re.finditer(r"([^\s{}]{0,3})\{item\.(\w+)(?::([^{}]*))?\}([^\s{}]{0,3})", template):
            before, name, spec, after = match.groups()
            if name not in numbers or not pairs or not all(isinstance(a, (int, float)) for a, _ in pairs):
                continue
            written = [format(float(a) if type_name(function.params[0].type) == "float" else a, spec or "")
                       for a, _ in pairs]
            start, end = match.start() + len(before), match.end() - len(after)
            # the text around the number that the function writes itself (`€`, ` kg`)
            ahead = template[end:].split("{", 1)[0]
            behind = template[:start].rsplit("}", 1)[-1]
            take_ahead = next((k for k in range(len(ahead), 0, -1)
                               if all(result.endswith(ahead[:k]) for _, result in pairs)), 0)
            take_behind = next((k for k in range(len(behind), 0, -1)
                                if all(result.startswith(behind[len(behind) - k:]) for _, result in pairs)), 0)
            unit = re.match(r"\s?[A-Za-z]+\b", ahead)
            if not take_ahead and unit and all(re.search(r"\d\s?[A-Za-z]+$", str(result)) for _, result in pairs) \
                    and any(str(result).endswith(unit.group(0)) for _, result in pairs):
                take_ahead = unit.end()  # `850 g` / `1.25 kg`: the function writes the unit that suits the value
            elif not here:
                continue  # a function of the same field that the command does not name: only where it writes the unit
            around = behind[len(behind) - take_behind:], ahead[:take_ahead]
            suffix = _written_after([str(result) for _, result in pairs])
            if suffix.strip() and not ahead.startswith(suffix) and not (
                    name in own and not re.search(r"\d", suffix)):
                continue  # euro() writes " EUR" after its number; `{item.steres} st` is not its place
            if all(result == around[0] + text + around[1] for (_, result), text in zip(pairs, written)):
                continue  # the format alone writes every example as the function does
            kind = float if type_name(function.params[0].type) == "float" else (lambda a: a)
            plain = next((other for other in ("g", ".1f", ".2f", ",.2f", ",", ",g") if all(
                result == around[0] + format(kind(a), other) + around[1] for a, result in pairs)), None)
            if plain is not None:  # one_decimal is `:.1f`: written so, no call needed
                return template[:start] + "{" + f"item.{name}:{plain}" + "}" + template[end:]
            call = "{" + f"{function.name}(item.{name})" + "}"
            return template[:start - take_behind] + call + template[end + take_ahead:]
    return template


def _written_after(results: list[str]) -> str:
    """The text a number writer puts after its number in every example: " EUR" of "85.00 EUR"
    and "0.00 EUR", not the digits they share."""
    return re.sub(r"^[\d.,]+", "", os.path.commonprefix([result[::-1] for result in results])[::-1])


def _computed_written(context: Context, template: str | None) -> str | None:
    """A value a spec function works out from the record and another writes, said beside an
    example line: "and in brackets the price of one stere (per_stere, written with euro)" ->
    the one number the learned line left as text is ``euro(per_stere(item.price,
    item.steres))`` (with the text the writer puts after its number)."""
    if not template or context.entity is None:
        return template
    said = re.search(r"\b(\w+),? (?:written|formatted|shown) (?:with|by|through|using) (\w+)\b", context.text)
    computed = context.functions.get(said.group(1)) if said else None
    writer = context.functions.get(said.group(2)) if said else None
    if computed is None or writer is None or computed.returns is None or not is_number(computed.returns) \
            or writer.returns is None or type_name(writer.returns) != "str" or len(writer.params) != 1:
        return template
    fields = _record_arguments(context, computed)
    left = [match for match in re.finditer(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?![\w])", template)
            if not _inside_braces(template, match.start())]
    if fields is None or len(left) != 1:
        return template
    after = _written_after([str(result) for _, result in example_pairs(context.index, writer)])
    end = left[0].end() + (len(after) if after and template[left[0].end():].startswith(after) else 0)
    call = f"{writer.name}({computed.name}({', '.join(f'item.{f.name}' for f in fields)}))"
    return template[:left[0].start()] + "{" + call + "}" + template[end:]


def _labelled_by_function(context: Context, template: str | None) -> str | None:
    """A word a spec function gives, said beside an example line: "then the theme and the
    size_word of the pieces in brackets" with `(castle, medium)` -> ``{size_word(item.pieces)}``
    where the example froze `medium`, one of size_word's values."""
    if not template or context.entity is None:
        return template
    for said in re.finditer(r"\b(\w+) of (?:the |its |their )?(\w+)", context.text):
        function, target = context.functions.get(said.group(1)), context.field(said.group(2))
        if function is None or target is None or len(function.params) != 1 or function.returns is None \
                or type_name(function.returns) != "str" or type_name(function.params[0].type) != type_name(target.type):
            continue
        value = _shown_output(context, function.name, None, template)
        shown = [match for match in re.finditer(rf"(?<!\w){re.escape(value)}(?!\w)", template)
                 if not _inside_braces(template, match.start())] if value else []
        if len(shown) == 1:
            match = shown[0]
            template = template[:match.start()] + "{" + f"{function.name}(item.{target.name})" + "}" + template[match.end():]
    return template


def _inside_braces(template: str, at: int) -> bool:
    """Whether position ``at`` of a template lies inside a ``{...}`` placeholder."""
    return template[:at].count("{") > template[:at].count("}")


def example_pairs(index: ProjectIndex, function) -> list[tuple[list, Any]]:
    """A spec function's examples that state a value, as (argument values, value): literals
    only (``price_for(3) == 28.0`` -> ``([3], 28.0)``); the others are left out. Read once
    per pass over the commands."""
    import ast

    if function.name not in index.example_pairs:
        pairs = []
        for example in function.examples:
            if example.expected is None:
                continue
            try:
                call = ast.parse(example.call, mode="eval").body
                pairs.append(([ast.literal_eval(argument) for argument in call.args],
                              ast.literal_eval(example.expected)))
            except (SyntaxError, ValueError, AttributeError, TypeError):
                continue
        index.example_pairs[function.name] = pairs
    return index.example_pairs[function.name]


def _number_writers(index: ProjectIndex) -> dict[str, list[tuple[Any, str]]]:
    """The spec functions from one number to text, each with its examples as (argument,
    result): ``hm -> [(90, "1h30"), ...]``. Read once per pass over the commands."""
    if index.number_writers is None:
        index.number_writers = {}
        for function in index.functions.values():
            if len(function.params) != 1 or function.returns is None \
                    or type_name(function.returns) != "str" or not is_number(function.params[0].type):
                continue
            index.number_writers[function.name] = [(arguments[0], value) for arguments, value
                                                   in example_pairs(index, function) if arguments]
    return index.number_writers


def placeholder_writers(project, index: ProjectIndex | None = None) -> dict[str, tuple[str, str]]:
    """Placeholders in capitals that a spec function writes, project-wide: ``WEIGHT`` ->
    ``("weight", "kg")`` for ``weight(kg: float) -> str``; ``DURATION`` -> ``("hm",
    "minutes")`` where the spec says "Durations are always shown as hours and minutes,
    e.g. `1h30`" and ``hm(90) == "1h30"``. The function's one number parameter names the
    field it writes. Used wherever a line format names the placeholder, so a value is
    written the same way in every command (and through an aggregate)."""
    index = index or ProjectIndex(project)
    if index.writers is not None:
        return index.writers
    index.writers = {}
    fields = [f for entity in project.entities for f in entity.fields if is_number(f.type)]
    capitals = set(re.findall(r"\b[A-Z][A-Z_]*[A-Z]\b", " ".join(  # the commands' lines and the project's (its
        " ".join(re.findall(r"`([^`]+)`", text or "")) for text in  # record line, "`N. PERSON: IDEA (PRICE)`")
        [project.description, *(command.description for command in project.commands)])))
    sentences = re.split(r"(?<=[.;:])\s+(?=[A-Z])", " ".join(
        [project.description or ""] + [f.description or "" for f in fields]
        + [function.description or "" for function in project.functions]))  # (its examples in backticks kept)
    for name, pairs in _number_writers(index).items():
        function = index.functions[name]
        written = next((f for f in fields if same(f.name, function.params[0].name)), None) or next((
            f for f in fields if is_number(f.type) and any(re.search(  # `pounds(pence)`: "the price shown by pounds"
                rf"\b(?:the |its |their )?{re.escape(f.name)} (?:(?:is |are )?(?:written|shown|formatted) (?:by|with|as|"
                rf"through|using)|via|through) {re.escape(name)}\b", " ".join(plain_names(text, index.functions).split()),
                flags=re.IGNORECASE)
                for text in [*(command.description for command in project.commands), project.description])), None)
        # (and "A booking's line is `...`, with the day through `short_day` and the price through `money`")
        always = next((f for f in fields if re.search(  # "Heights are always printed with height_text."
            rf"\b{re.escape(f.name)}s? (?:is|are) always (?:written|shown|printed|formatted) (?:with|by|through|using|"
            rf"via) {re.escape(name)}\b", plain_names(" ".join((project.description or "").split()), index.functions),
            flags=re.IGNORECASE)), None)
        written = written or always
        unit = [f for f in fields if re.search(rf"\bin (?:euro |us )?{re.escape(function.params[0].name.lower())}\b",
                                               (f.description or "").lower())] if written is None else []
        if len(unit) == 1 and type_name(function.returns) == "str" and pairs and all(
                re.search(r"\d", str(text)) for _, text in pairs):  # (not `tread_word(mm)`'s "good": a word for it)
            # `money(pence)` "Pence as pounds" over
            written = always = unit[0]  # `price: int — in pence`: the one field kept in that unit, written by it
        if written is None:
            continue
        names = {name.upper()}
        outputs = {text for _, text in pairs}
        for sentence in sentences:
            if outputs & set(re.findall(r"`([^`]+)`", sentence)):  # "Durations ... e.g. `1h30`"
                names |= {word.upper() for word in re.findall(r"[A-Za-z]{3,}", sentence)} | {
                    singular(word).upper() for word in re.findall(r"[A-Za-z]{3,}", sentence)}
        everywhere = written is always or re.search(r"\beverywhere\b|\balways (?:written|shown|printed)\b|\bwherever\b",
                                                    (function.description or "").lower()) or any(
            re.search(r"\b(?:always|everywhere)\b|^(?:money|amounts|prices)\b", sentence, flags=re.IGNORECASE)
            and re.search(rf"\({re.escape(name)}(?:\(\))?\)", sentence)
            or re.search(rf"\b(?:printed|shown|written|displayed)\b[^.;]*?\b(?:the way|as|with|by|through|using|via) "
                         rf"{re.escape(name)}\b", sentence, flags=re.IGNORECASE)  # "Amounts of perfume are printed the
            for sentence in _sentences(" ".join(plain_names(project.description, index.functions).split())))  # way ml_text gives them"
        # "Money is pounds, always shown with 2 decimals (money), no £ sign."
        for placeholder in sorted(names & capitals):
            if not any(same(placeholder, f.name) for entity in project.entities for f in entity.fields):
                # a field's own name stays the field (PERSON is no place_text's, whose "0 is `-`" sentence names people)
                index.writers.setdefault(placeholder, (name, written.name))
        if everywhere and written.name.upper() in capitals:  # "How a depth is written everywhere": DEPTH too
            index.writers.setdefault(written.name.upper(), (name, written.name))
        for command in project.commands:  # "`... GRAMSg TIME`, with the minutes written by clock": TIME
            text = command.description or ""
            if not re.search(rf"\b(?:the |its |their )?{re.escape(written.name)} (?:(?:is |are )?(?:written|shown|formatted) "
                             rf"(?:by|with|as|through|using)|via|through) {re.escape(name)}\b", text, flags=re.IGNORECASE):
                continue  # "with the minutes written by clock", "amount via money"
            shapes = {token for line in re.findall(r"`([^`]+)`", text)  # `DOG, H:MM, KM km`, "minutes through hhmm"
                      for token in re.findall(r"\b[A-Z]{1,2}(?::[A-Z]{2}){1,2}\b", line)}
            fitting = [shape for shape in shapes if outputs and all(re.fullmatch(
                r"\d+" + "".join(rf":\d{{{len(part)}}}" for part in shape.split(":")[1:]), str(output))
                for output in outputs)]
            if len(fitting) == 1:  # the writer's own examples (`1:15`) have the shape the line shows
                index.writers.setdefault(fitting[0], (name, written.name))
                continue
            if written.name.upper() in capitals and any(re.search(rf"\b{written.name.upper()}\b", line)
                                                        for line in re.findall(r"`([^`]+)`", text)):
                index.writers.setdefault(written.name.upper(), (name, written.name))  # `... AMOUNT HOW`: AMOUNT itself
                continue
            field_names = {f.name.upper() for entity in project.entities for f in entity.fields}
            params = {p.name.upper() for p in command.params}
            loose = {token for line in re.findall(r"`([^`]+)`", text)
                     for token in re.findall(r"[A-Z][A-Z_]*[A-Z](?=[a-z]|\b)", line)
                     if token not in field_names and token not in params and token not in index.writers}
            if len(loose) == 1:
                index.writers.setdefault(loose.pop(), (name, written.name))
    index.writers.update(_named_writers(project, index, capitals))
    return index.writers


def _named_writers(project, index: ProjectIndex, capitals: set[str]) -> dict[str, tuple[str, str]]:
    """Placeholders a spec function of a record's fields writes, by its name: `ITEM_TEXT`
    for ``item_text(name, qty)``, `CATEGORY` where "CATEGORY from category", `HM` where "(HM
    is the hours written with hm)". Every parameter must name a field of one entity; the
    fields are given comma-separated (``"name,qty"``)."""
    stated: dict[str, str] = {}
    texts = [" ".join((text or "").split()) for text in  # a clause may break across lines
             [project.description] + [command.description for command in project.commands]]
    named_fields: dict[str, tuple[str, str]] = {}
    for text in texts:
        for match in re.finditer(r"\b([A-Z][A-Z_]*[A-Z])\b,? (?:is|are|means|=)\s[^.;`]{0,50}?\b(?:written|"
                                 r"formatted|shown|given|computed|made|turned into text) (?:with|by|through|"
                                 r"using) (\w+)|\b([A-Z][A-Z_]*[A-Z])\b (?:from|by|(?:as )?(?:written|shown|formatted) (?:by|with)|"
                                 r"via|through) (\w+)|"  # "with PRICE written by money"
                                 r"\b([A-Z][A-Z_]*[A-Z])\b,? (?:being|is|=) (\w+) of (?:its|the|their)\b", text):
            # "READY being ready_day of its start day and days"
            placeholder, function = next((match.group(i), match.group(i + 1)) for i in (1, 3, 5) if match.group(i))
            stated.setdefault(placeholder, function)
            if match.group(1):  # "MAG is the magnitude written by mag": the field the words name
                said = re.search(r"\b(?:is|are|means|=)\s+(?:the |its |their )?(\w+)", match.group(0))
                field_ = next((f for entity in project.entities for f in entity.fields
                               if said and same(f.name, said.group(1))), None)
                function_ = index.functions.get(function)
                if field_ is not None and function_ is not None and len(function_.params) == 1 \
                        and function_.returns is not None and type_name(function_.returns) == "str" \
                        and not any(same(placeholder, f.name) for entity in project.entities for f in entity.fields):
                    named_fields.setdefault(placeholder, (function_.name, field_.name))
    for text in texts:  # "always printed as `N. DAY NAME AMOUNT`, ... the amount written by euros": AMOUNT
        for match in re.finditer(r"\bthe ([a-z]+) (?:is |are )?(?:written|shown|formatted|printed) (?:by|with|through|"
                                 r"using) (\w+)", text):
            if match.group(1).upper() in capitals and match.group(2) in index.functions:
                stated.setdefault(match.group(1).upper(), match.group(2))
    called: dict[str, tuple[str, str]] = {}  # "COST is money(cost)": the call is written out
    arguments = [set(), *({p.name.upper() for p in command.params} for command in project.commands)]
    field_names = {f.name.upper() for entity in project.entities for f in entity.fields}
    for text, given in zip(texts, arguments, strict=True):
        for match in re.finditer(r"\b((?<![:\w])[A-Z]+:[A-Z]+|[A-Z][A-Z_]*[A-Z]|[A-Z])\b,? (?:is|are|=|being)\s+(\w+)"
                                 r"\(([\w, ]+)\)", text):  # "H:MM = hhmm(MINUTES)" names the whole `H:MM`
            function = index.functions.get(match.group(2))
            names = [name.strip() for name in match.group(3).split(",")]
            if any(name in given and name not in field_names for name in names):
                continue  # "DUE being add_days(DAY, days)" in wind(name, day): the argument, not `days`
            fields = [next((f for entity in project.entities for f in entity.fields if same(f.name, name)), None)
                      for name in names]
            if function is not None and all(fields) and len(fields) == len(function.params) \
                    and function.returns is not None and type_name(function.returns) == "str":
                called.setdefault(match.group(1), (function.name, ",".join(f.name for f in fields)))
    found: dict[str, tuple[str, str]] = {**named_fields, **called}
    for text in texts:  # "BILL is the stay's bill (computed by bill) written by money": money(bill(nights, rate))
        for match in re.finditer(r"\b([A-Z][A-Z_]*[A-Z])\b,? (?:is|are|=|being)\s+(?=((?:[^.;`]|`[^`]*`)+))", text):
            said = re.split(r"\b[A-Z][A-Z_]*[A-Z]\b,? (?:is|are|=|being)\s", match.group(2))[0]
            inner = re.search(r"\b(?:computed|worked out|calculated|given) (?:by|with|from|through) (\w+)|"
                              r"\(function (\w+)\b", said)  # "the job's fee (function fee, with the rate ...)"
            outer = re.search(r"\b(?:written|formatted|shown|printed) (?:by|with|through|using|as) (\w+)", said)
            computed = index.functions.get(inner.group(1) or inner.group(2)) if inner else None
            writer = index.functions.get(outer.group(1)) if outer else None
            if computed is None or writer is None or computed is writer or len(writer.params) != 1 \
                    or writer.returns is None or type_name(writer.returns) != "str" or not computed.params:
                continue
            for entity in project.entities:
                fields = [next((f for f in entity.fields if same(f.name, param.name)), None) for param in computed.params]
                if all(fields):
                    found.setdefault(match.group(1), (writer.name, f"{computed.name}({','.join(f.name for f in fields)})"))
                    break
    for placeholder, name in stated.items():  # "PRICE via money": the field itself, written by money()
        function = index.functions.get(name)
        named = next((f for entity in project.entities for f in entity.fields if same(f.name, placeholder.lower())), None)
        if function is not None and named is not None and len(function.params) == 1 \
                and function.returns is not None and type_name(function.returns) == "str":
            found.setdefault(placeholder, (function.name, named.name))
    for function in index.functions.values():  # `PCT` for pct(used, capacity) -> int: its value, as it is
        if function.returns is None or type_name(function.returns) not in ("str", "int", "float") or not function.params:
            continue
        for entity in project.entities:
            fields = [next((f for f in entity.fields if same(f.name, param.name)), None)
                      for param in function.params]
            if all(fields):
                break
        else:
            continue
        names = {function.name.upper()} | {p for p, f in stated.items() if f == function.name}
        mentioned = any(re.search(rf"\b{re.escape(function.name)}\b", text) for text in texts[1:])
        names |= {p for p in capitals if mentioned and _abbreviates(p, function.name)}  # `PCT%` for percent()
        for placeholder in sorted(names & capitals):
            if not any(same(placeholder, f.name) for f in entity.fields):
                found.setdefault(placeholder, (function.name, ",".join(f.name for f in fields)))
    return found


def _running_totals(context: Context, record: dict[str, Any], records: list[dict[str, Any]]) -> dict[str, str]:
    """An add that prints "the day's total so far": each number field summed over the
    records that share a text field with the new one (it included), as Python over ``store``."""
    found: dict[str, str] = {}
    for number in context.fields_of("int", "float"):
        for key in context.fields_of("str"):
            same_key = [r for r in records if r.get(key.name) == record.get(key.name)] + [record]
            if len(same_key) < 2 and len(records) > 0:
                continue  # nothing added to: the total is the record's own number
            try:
                total = sum(r[number.name] for r in same_key)
            except (KeyError, TypeError):
                continue
            found[f"sum(other.{number.name} for other in store.all() if other.{key.name} == item.{key.name})"] = \
                str(round(total, 10) if isinstance(total, float) else total)
    return found


def _function_texts(context: Context, record: dict[str, Any]) -> dict[str, str]:
    """What the spec functions the words name write for this record's numbers, read off
    their own examples: ``hm(90) == "1h30"`` and minutes 90 give ``{"hm(item.minutes)": "1h30"}``."""
    found: dict[str, str] = {}
    for function_name, pairs in _number_writers(context.index).items():
        function = context.index.functions[function_name]
        named = function.name in _project_words(context)["named"]  # "with ... price for the money" said by add
        table = dict(pairs)
        if _a_plain_format(table):
            continue  # `weight(100.0) == "100 kg"` is `{kg:g} kg`: the learner places the number itself
        own = [name for name in record if same(name, function.params[0].name)]  # stars(rating) writes the rating
        for name, value in record.items():
            if own and name not in own:
                continue
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value in table \
                    and (named or not re.fullmatch(r"[\d.,-]*", str(table[value]))):
                found[f"{function.name}(item.{name})"] = str(table[value])  # `1h30`: no coincidence
    named = _project_words(context)["named"]
    for function in context.index.functions.values():  # "where feet are shown too they come from the feet function"
        if function.name not in named or len(function.params) != 1 or function.returns is None \
                or not is_number(function.returns) or not is_number(function.params[0].type):
            continue
        table = {arguments[0]: value for arguments, value in example_pairs(context.index, function) if arguments}
        own = [name for name in record if same(name, function.params[0].name)]
        for name, value in record.items():
            if (not own or name in own) and isinstance(value, (int, float)) and not isinstance(value, bool) \
                    and value in table and str(table[value]) != str(value):
                found.setdefault(f"{function.name}(item.{name})", str(table[value]))  # `(394 ft)` of 120 m
    return found


def _a_plain_format(table: dict[Any, Any]) -> bool:
    """Whether a number-to-text function's examples are one format spec with fixed text
    around it (``100 kg``, ``€1,234.50``): then it needs no call to be written."""
    pairs = [(a, str(r)) for a, r in table.items() if isinstance(a, (int, float))]
    if not pairs:
        return False
    for spec in ("", "g", ".1f", ".2f", ",.2f", ",", ",g"):
        written = [format(a, spec) for a, _ in pairs]
        first, text = pairs[0][1], written[0]
        at = first.find(text)
        if at < 0:
            continue
        before, after = first[:at], first[at + len(text):]
        if all(result == before + shown + after for (_, result), shown in zip(pairs, written)):
            return True
    return False


def _states_its_numbers(context: Context, template: str, story: bool = False) -> bool:
    """Whether every number left as text in a learned template is one the words state
    (`rating: R/5` keeps its 5; `eggs: 2 pcs` with a 2 stated nowhere is a value it could
    not place). A template learned from a story's example (``story``) keeps no number that
    only its own sentence states (`B3: 120 l` after "Given B3 holds 100 l")."""
    literal = re.sub(r"\{[^{}]*\}", " ", template)
    text = STORY_STEP.sub(" ", context.text) if story else context.text
    return all(number in text for number in re.findall(r"\d+", literal))


def _story_answer(context: Context) -> str | None:
    """The line the command's first story example prints ("..., when I run `display am-14`, then
    it is marked on display and the output is `AM-014 is on display`"), or None."""
    for match in STORY_STEP.finditer(context.text):
        words = match.group("line").split()
        words = words[1:] if words and words[0] == context.project.name else words
        if words and words[0] == context.command.name:
            return match.group("out")
    return None


def _chained_stories(text: str) -> str:
    """The text with each story's Given repeated before a "when I run" chained to it ("...
    the output is `AM-014 is on display`; when I run `display am-14 --off`, then ..."): the
    same state, another run."""
    text = " ".join(text.split())
    for _ in range(3):  # a chain of up to four runs
        chained = [(match.end(), match.group("given")) for match in STORY_STEP.finditer(text)
                   if re.match(r"\s*(?:;|,? and)\s*when (?:i|you|we) run\b", text[match.end():], flags=re.IGNORECASE)]
        if not chained:
            break
        for end, given in reversed(chained):
            at = end + text[end:].lower().index("when")
            text = f"{text[:at]}Given {given}, {text[at:]}"
    return text


def _story_states(context: Context, candidate: Interpretation) -> list:
    """The command's story examples whose Given states one record ("Given B3 holds 100 l, when
    I run `fill b3 20`, then ... the output is `B3: 120 l`"), as ``_simulated`` steps: the
    record the key or position finds, with the number the Given states for the field the
    command changes (or for a field named after it: "with 2 rides"). Only an update or a
    removal of one record found by key or position; everything else stays unknown."""
    if candidate.operation not in ("update", "remove") or candidate.select not in ("key", "position") \
            or context.entity is None or not candidate.locate_param:
        return []
    fields_ = {f.name.lower() for f in context.entity.fields}
    changed = [a.field for a in candidate.assignments if type_name(getattr(context.field(a.field), "type", None)) in
               ("int", "float")]
    cleaners = _cleaner_chains(context.index, context.functions, candidate.transforms)
    found = []
    for match in STORY_STEP.finditer(_chained_stories(context.text)):
        given = match.group("given")
        try:
            argv = shlex.split(match.group("line"))
        except ValueError:
            continue
        argv = argv[1:] if argv and argv[0] == context.project.name else argv
        values = parse_command_line(context.command, argv[1:]) if argv and argv[0] == context.command.name else None
        where = (values or {}).get(candidate.locate_param)
        if not values or where is None or given_empty(given, fields_):
            continue
        record: dict[str, Any] = {f.name: None for f in context.entity.fields}
        if candidate.select == "key":  # as the add stored it: cleaned the way this command cleans it
            clean = cleaners.get(candidate.locate_param)
            shown = re.search(re.escape(where), match.group("out"), flags=re.IGNORECASE) \
                if isinstance(where, str) and clean is None else None  # `B3: ...` for `fill b3`: as the add stored it
            written = next((_shown_output(context, function, context.field(candidate.locate_field), match.group("out"))
                            for param, function in candidate.transforms if param == candidate.locate_param
                            and function in context.functions), None) if clean is None else None
            record[candidate.locate_field] = clean(where) if clean and isinstance(where, str) else \
                written if written is not None else shown.group(0) if shown else where  # `AM-014` of catalogue_code
        numbers = [m for m in re.finditer(r"(?<![\w.:])(\d+(?:\.\d+)?)(?![\w.:])(?:\s*%?\s*(\w+))?", given)
                   if m.group(1) != str(where)]
        unnamed = []
        for number in numbers:
            named = context.field(number.group(2)) if number.group(2) else None
            if named is not None:
                record[named.name] = number.group(1)
            else:
                unnamed.append(number.group(1))
        if len(unnamed) == 1 and len(changed) == 1 and record.get(changed[0]) is None:
            record[changed[0]] = unnamed[0]
        for name, value in list(record.items()):
            kind = type_name(getattr(context.field(name), "type", None))
            if isinstance(value, str) and re.fullmatch(r"\d+(?:\.\d+)?", value) and kind in ("int", "float"):
                record[name] = float(value) if kind == "float" or "." in value else int(value)
        records = [record]
        if candidate.select == "position":
            if not isinstance(where, int) or not 0 < where <= 1000:
                continue
            records = [{f.name: None for f in context.entity.fields} for _ in range(where - 1)] + [record]
        found.append(((argv, [match.group("out").rstrip()], story_status(match) or 0), records, values, False))
    return found


STR_METHODS = {"str.upper": str.upper, "str.lower": str.lower, "str.strip": str.strip, "str.capitalize": str.capitalize}  # `code = str.upper(code)`
PLAIN_CLEANERS = {
    "upper": lambda text: text.strip().upper(), "lower": lambda text: text.strip().lower(),
    "title": lambda text: " ".join(text.split()).title(), "spaces": lambda text: " ".join(text.split()),
    "dashes": lambda text: "-".join(text.lower().split()), "packed": lambda text: "".join(text.split()).upper(),
    "small spaces": lambda text: " ".join(text.split()).lower(),
    "capital first": lambda text: " ".join(text.split())[:1].upper() + " ".join(text.split())[1:],
}


def _cleaner_chains(index: ProjectIndex, functions: dict, transforms) -> dict[str, Any]:
    """Parameter -> the plain rules its transforms apply, in order (`str.upper` then
    `str.strip`: both), to replay the spec's examples; a parameter with a transform no plain
    rule replays has none."""
    chains: dict[str, list] = {}
    for param, function in transforms:
        chains.setdefault(param, []).append(_plain_cleaner(index, functions.get(function)) or STR_METHODS.get(function))

    def chained(rules):
        def clean(text):
            for rule in rules:
                text = rule(text)
            return text
        return rules[0] if len(rules) == 1 else clean

    return {param: chained(rules) for param, rules in chains.items() if all(rules)}


def _plain_cleaner(index: ProjectIndex, function) -> Any:
    """A cleaner whose examples are all one plain rule (capitals, small letters, single spaces,
    dashes): that rule, to replay the spec's examples before the function is written."""
    if function is None or len(function.params) != 1 or not function.examples:
        return None
    pairs = example_pairs(index, function)
    if len(pairs) != len(function.examples) or any(len(arguments) != 1 for arguments, _ in pairs):
        return None  # an example it cannot read, or one that raises: no plain rule
    return next((rule for rule in PLAIN_CLEANERS.values()
                 if all(isinstance(arguments[0], str) and rule(arguments[0]) == value
                        for arguments, value in pairs)), None)


def _example_value(context: Context, call: str, values: dict[str, Any]) -> Any:
    """What ``price_for(param:hours)`` gives for these argument values, when the function's own
    examples say (``price_for(3) == 28.0``); None otherwise."""
    found = re.fullmatch(r"(\w+)\((.*)\)", call)
    function = context.functions.get(found.group(1)) if found else None
    if function is None:
        return None
    names = [part.strip() for part in found.group(2).split(",") if part.strip()]
    if not all(name.startswith("param:") for name in names):
        return None
    defaults = {p.name: default_value(p.default) for p in context.command.params if p.default is not None}
    names = [name[6:] for name in names]
    if not all(name in values or name in defaults for name in names):
        return None
    wanted = [values[name] if name in values else defaults[name] for name in names]
    return next((value for arguments, value in example_pairs(context.index, function) if arguments == wanted), None)


def _learned_message(context: Context, candidate: Interpretation) -> str | None:
    """The confirmation line learned from the spec's examples (see ``_message_from_examples``),
    with the words a flag chooses where the description says so."""
    learned = _message_from_examples(context, candidate)
    if learned is not None and _removes_many(context, candidate):  # `purged {item.qty} entry` where the one
        counts = {f.name for f in context.fields_of("int")}  # removed had qty 1: every record that went is counted
        learned = re.sub(r"\{item\.(\w+)\}", lambda m: "{count}" if m.group(1) in counts else m.group(0), learned)
    return _flag_worded(context, learned) if learned is not None else None


def _flag_worded(context: Context, learned: str) -> str:
    """A word of a learned line the description says a flag chooses: "then `manual`, or `auto`
    when `--autorenew` is given" over a line learned as `..., 12.00/yr, auto` ->
    ``..., 12.00/yr, {'auto' if autorenew else 'manual'}``. The examples show one side only."""
    flags = {p.name for p in context.params if type_name(p.type) == "bool" and p.name.isidentifier()}
    for said in re.finditer(r"`([^`{}'\"]+)`,? or `([^`{}'\"]+)` (?:when|if|with) `?--([\w-]+)`?", context.text):
        unflagged, flagged, flag = said.groups()
        flag = flag.replace("-", "_")
        if flag not in flags or re.search(rf"\bif {flag}\b", learned):
            continue
        for word in (flagged, unflagged):
            shown = list(re.finditer(rf"(?<![\w{{]){re.escape(word)}(?![\w}}])", learned))
            if len(shown) == 1:
                start, end = shown[0].span()
                return f"{learned[:start]}{{{flagged!r} if {flag} else {unflagged!r}}}{learned[end:]}"
    return learned


def _message_from_examples(context: Context, candidate: Interpretation) -> str | None:
    """The confirmation line of add/update/remove, learned from the spec's own examples."""
    if candidate.operation not in ("add", "update", "remove"):
        return None
    stated = _message_pattern(context, candidate) or _output_pattern(context) or ""
    if set(re.findall(r"\b[A-Z][A-Z_]*[A-Z]\b", stated)) & (_record_placeholders(context) | set(_products_defined(context))):
        return None  # `#NUMBER LABEL`: a spec function writes part of it, an example cannot say how;
        # `..., TOTAL` where "a job's total is its nights times its rate": the words say how
    seen: list[tuple[str, str, dict[str, Any], int | None]] = []
    cleaners = _cleaner_chains(context.index, context.functions, candidate.transforms)
    defaults = {p.name: default_value(p.default) for p in context.params
                if p.default is not None and default_value(p.default) is not None}
    simulated = _simulated(context)
    steps = [*simulated, *_story_states(context, candidate)]  # and a story's Given state (see _story_states)
    for number, ((argv, expected, status), records, values, _) in enumerate(steps):
        if status or not expected:
            continue
        values = {**defaults, **values}  # `log dl1abc 20m` prints the report 59 "without --rst"
        values = {name: cleaners[name](value) if cleaners.get(name) and isinstance(value, str) else value
                  for name, value in values.items()}  # "K3" for `k3` where boat_code() writes capitals
        for param, function in candidate.transforms:  # `join Anna a` shows `(alto)`: voice_of's value
            if cleaners.get(param) is None and isinstance(values.get(param), str) and function in context.functions:
                target = _field_for_param(context, next(p for p in context.params if p.name == param))
                shown = _shown_output(context, function, target, expected[0])
                if shown is not None:
                    values[param] = shown
        record = {f.name: default_value(f.default) for f in context.entity.fields} \
            if candidate.operation == "add" and context.entity is not None else {}
        if candidate.select in ("position", "key") and records:
            index = None
            if candidate.select == "position" and isinstance(values.get(candidate.locate_param), int):
                index = values[candidate.locate_param] - 1
            elif candidate.select == "key":
                wanted = values.get(candidate.locate_param)  # as a cleaner would find it
                index = next((i for i, r in enumerate(records) if r.get(candidate.locate_field) == wanted), None)
                if index is None and isinstance(wanted, str):
                    index = next((i for i, r in enumerate(records) if isinstance(r.get(candidate.locate_field), str)
                                  and _loosely(r[candidate.locate_field]) == _loosely(wanted)), None)
            if index is not None and 0 <= index < len(records):
                record = dict(records[index])
        for field_name, source in candidate.constructor.items():
            if source.startswith("param:") and source[6:] in values:
                record[field_name] = values[source[6:]]
            elif source.startswith("call:") and re.fullmatch(r"\(param:(\w+) if param:\1 is not None else param:(\w+)\)",
                                                             source[5:]):  # "LEFT is SIZE unless `--left L`"
                given, other = re.findall(r"param:(\w+)", source[5:])[0::2]
                record[field_name] = values.get(given) if values.get(given) is not None else values.get(other)
            elif source.startswith("call:"):  # `price=price_for(HOURS)`: the function's own example, if it has one
                known = _example_value(context, source[5:], values)
                if known is None:  # else the one value it can write that the line shows (`U10` of U8, U10, ...)
                    known = _shown_output(context, source[5:].split("(", 1)[0], context.field(field_name), expected[0])
                if known is not None:
                    record[field_name] = known
        joined = next((old for old in records if all(old.get(k) == record.get(k) for k in candidate.merge)),
                      None) if candidate.merge else None
        if candidate.merge:  # an add that joins a record: its numbers grow, the rest stays
            record = dict(joined) if joined is not None else record
        for assignment in candidate.assignments if joined is not None or not candidate.merge else ():
            given = values.get(assignment.value[6:]) if assignment.value.startswith("param:") else \
                record.get(assignment.value[5:]) if assignment.value.startswith("item.") else \
                default_value(assignment.value)  # a constant the words state: "up a box" is + 1
            called = _example_value(context, re.sub(r"\bitem\.(\w+)", r"param:\1", assignment.value[5:]),
                                    {**values, **record}) if assignment.value.startswith("call:") else None
            if assignment.op == "set" and called is not None:  # next_stage(item.stage): its own examples say
                record[assignment.field] = called
            elif assignment.op == "set" and assignment.value.startswith("param:") \
                    and assignment.value[6:] in values and (given is not None or not candidate.merge):
                record[assignment.field] = given  # a merged add keeps what an option left out had
            elif assignment.op in ("add", "subtract") and isinstance(given, (int, float)) \
                    and isinstance(record.get(assignment.field), (int, float)):
                record[assignment.field] = assignment.applied(record[assignment.field], given)
            elif assignment.op == "add days" and isinstance(given, int) and isinstance(record.get(assignment.field), str):
                try:
                    record[assignment.field] = assignment.applied(record[assignment.field], given)
                except ValueError:
                    pass  # not a day: the example cannot be replayed
            elif assignment.op == "toggle" and assignment.field in record:
                record[assignment.field] = not record[assignment.field]
            elif assignment.op == "set" and assignment.value in ("True", "False"):
                record[assignment.field] = assignment.value == "True"
        position = len(records) + 1 if candidate.operation == "add" else (
            values.get(candidate.locate_param) if candidate.select == "position" else None)
        computed = _function_texts(context, record)
        if candidate.operation == "add" and not candidate.merge and re.search(r"\btotal\b|\bso far\b", context.lower):
            computed.update(_running_totals(context, record, records))  # "the day's total so far"
        computed.update(_moved_argument_texts(candidate, values, record))  # `paid 10.00`: the amount given
        learned = learn_message("\n".join(expected), record, position, computed=computed, thousands=_thousands(context))
        readings = [(learned, False)] if learned is not None else \
            [(other, True) for other in _each_reading(expected, record, position, computed)]
        for learned, guessed in readings:
            kept = re.findall(r"\d+", re.sub(r"\{[^{}]*\}", " ", learned))
            if stated and re.search(r"\b[A-Z]{2,}\b", stated) and not all(number in stated for number in kept):
                continue  # `x2` kept as text where the stated line has `xQTY`: the example's value, not the format
            if _states_its_numbers(context, learned, number >= len(simulated)):
                seen.append((learned, expected[0], record, position, guessed, values))
    fitting = list(dict.fromkeys(  # `10.0 km` then `15.2 km` (15.25): the one-decimal form fits both
        (learned, guessed) for learned, *_, guessed, _ in seen if all(
            _loosely(render_template(learned, position, record, arguments)) == _loosely(line)
            for _, line, record, position, _, arguments in seen)))
    told = [learned for learned, guessed in fitting if not guessed]
    if told:
        return told[0]
    if len({learned for learned, _ in fitting}) == 1:
        return fitting[0][0]  # two values read the same in one example; another told which it is
    numbered = [learned for learned, _ in fitting if re.search(r"#\{(?:position|item\.(?:number|id|no|nr))\}", learned)]
    if len(numbered) == 1:
        return numbered[0]  # `#2 Patel` with `cleans` 2 at place 2: a `#` is before a number, not a count
    chosen = _flag_chosen_message(context, seen) if not fitting else None
    if chosen is not None:  # `kitchen passed on DAY`, and with `--failed` `kitchen FAILED on DAY`
        return chosen
    unfitting = [learned for learned, *_, guessed, _ in seen if not guessed]
    return unfitting[0] if unfitting else None  # none fits every example: the first an example told


def _flag_chosen_message(context: Context, seen: list) -> str | None:
    """One line for two examples that differ only in words a flag chooses: `{item.room} passed
    on {item.tested}` without `--failed` and `{item.room} FAILED on ...` with it ->
    ``{item.room} {'FAILED' if failed else 'passed'} on {item.tested}``."""
    flags = [p.name for p in context.params if type_name(p.type) == "bool" and p.name.isidentifier()]
    for flag in flags:
        sides = {True: set(), False: set()}
        for learned, *_, guessed, arguments in seen:
            if not guessed:
                sides[bool(arguments.get(flag))].add(learned)
        if len(sides[True]) != 1 or len(sides[False]) != 1:
            continue
        yes, no = sides[True].pop(), sides[False].pop()
        start = len(os.path.commonprefix([yes, no]))
        end = len(os.path.commonprefix([yes[start:][::-1], no[start:][::-1]]))
        said, unsaid = yes[start:len(yes) - end], no[start:len(no) - end]
        while start and (said[:1].isalnum() or unsaid[:1].isalnum()) and yes[start - 1].isalnum():
            start -= 1  # whole words: `passed` and `FAILED`, not `passed` and `FAILED` after a shared letter
            said, unsaid = yes[start:len(yes) - end], no[start:len(no) - end]
        if not said or not unsaid or re.search(r"[{}'\"\\]", said + unsaid):
            continue
        return f"{yes[:start]}{{{said!r} if {flag} else {unsaid!r}}}{yes[len(yes) - end:]}"
    return None


def _moved_argument_texts(candidate: Interpretation, values: dict[str, Any], record: dict[str, Any]) -> dict[str, str]:
    """How a confirmation line may show the amount an update adds or takes off (`#2 Patel paid
    10.00, owes 5.00` after `paid 2 10`): ``{"amount:.2f": "10.00", ...}``, only for an amount
    no value of the record reads the same as (then the record's value is the one shown)."""
    if candidate.operation not in ("update", "remove"):
        return {}
    shown = {str(value) for value in record.values() if isinstance(value, (int, float)) and not isinstance(value, bool)}
    found: dict[str, str] = {}
    for assignment in candidate.assignments:
        name = assignment.value[6:] if assignment.op in ("add", "subtract") and assignment.value.startswith("param:") else ""
        value = values.get(name)
        if not name.isidentifier() or keyword.iskeyword(name) or not isinstance(value, (int, float)) \
                or isinstance(value, bool) or str(value) in shown:
            continue
        for spec in (".2f", ".1f"):  # (a bare `10` could be any other number of the line: `#10`)
            found.setdefault(f"{name}:{spec}", format(value, spec))
    return found


def _each_reading(expected: list[str], record: dict[str, Any], position: int | None,
                  computed: dict[str, str]) -> list[str]:
    """The templates a line gives when two of its values read the same (`cleaned #2 Patel`
    with `cleans` 2 at place 2): one for each value taken as the one shown; the other
    examples tell which holds."""
    texts = {name: str(value) for name, value in record.items()
             if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value)}
    if position is not None:
        texts[None] = str(position)
    found = []
    for name, text in texts.items():
        if list(texts.values()).count(text) < 2:
            continue
        hidden = {other: value for other, value in record.items() if other == name or texts.get(other) != text}
        learned = learn_message("\n".join(expected), hidden, position if name is None or text != str(position)
                                else None, computed=computed)
        if learned is not None and learned not in found:
            found.append(learned)
    return found


def _applied_to_values(context: Context, text: str, values: list[Aggregate]) -> str | None:
    """A summary's number the words define as a spec function of the line's earlier sums, matched
    by the parameters' names: "PERCENT is success of those two sums" over success(flowered, count)
    and sums of `count` and `flowered` -> ``success(values[1], values[0])``."""
    said = re.search(rf"\b{re.escape(text)}\b,? (?:is|=|being) (\w+)(?:\(\))? of (?:those|these|the|both) (?:two |three )?"
                     r"(?:sums|totals|numbers|values)\b", context.text)
    function = context.functions.get(said.group(1)) if said else None
    if function is None or len(function.params) < 2:
        return None
    summed = {value.field: index for index, value in enumerate(values) if value.function == "sum" and value.field}
    indexes = [summed.get(context.field(param.name).name) if context.field(param.name) is not None else None
               for param in function.params]
    if any(index is None for index in indexes):
        return None
    return f"{function.name}({', '.join(f'values[{index}]' for index in indexes)})"


def _applied_to_value(context: Context, text: str, label: str, placed: dict[str, int],
                      values: list[Aggregate]) -> tuple[str, int, str] | None:
    """A summary's number the words define as a spec function of another number of the line:
    "`TOTAL miles on N trips, claim AMOUNT` ... the claim (mileage_cost of the total, ...) with
    two" -> ``("mileage_cost", index of TOTAL, ":.2f")``; None when they do not."""
    names = [re.escape(text)] + ([re.escape(label)] if label else [])
    said = re.search(rf"\b(?:the )?(?:{'|'.join(names)})\b,?\s*(?:\(|is |= |being |means )\s*(?:the )?(\w+)(?:\(\))? of "
                     rf"(?:the |that |this )?(\w+)", context.text, flags=re.IGNORECASE)
    if said is None or said.group(1) not in context.functions:
        return None
    function = context.functions[said.group(1)]
    required = [param for param in function.params if param.default is None]
    if len(required) != 1 or not is_number(required[0].type):
        return None
    other = said.group(2).upper()
    if other in ("TOTAL", "SUM") and other not in placed:  # "M is coverage() of that total": the line's sum
        other = next((name for name, index in placed.items() if index < len(values) and values[index].function == "sum"),
                     other)
    if other not in placed or other == text:
        return None
    places = re.match(r"[^.;]{0,60}?\bwith (one|two|three|[1-4])\b(?! \w+ (?:of|for) )", context.text[said.end():])
    decimals = {"one": 1, "two": 2, "three": 3}.get(places.group(1), 0) or int(places.group(1)) if places else None
    return function.name, placed[other], f":.{decimals}f" if decimals else ""


def _shown_output(context: Context, function_name: str, target, line: str) -> str | None:
    """The one text a spec function can write (its examples' values and the values its field
    ``target``'s description lists) that a printed line shows, or None."""
    function = context.functions.get(function_name)
    if function is None:
        return None
    outputs = {str(value) for _, value in example_pairs(context.index, function) if isinstance(value, str)} \
        | set(stated_values(target.description if target is not None else ""))
    shown = [output for output in outputs if output and re.search(rf"(?<!\w){re.escape(output)}(?!\w)", line)]
    return shown[0] if len(shown) == 1 else None


def _learned_summary(context: Context, candidate: Interpretation) -> str | None:
    """How a count or an aggregate writes its number, learned from an example's line:
    `owed: AMOUNT` shown as ``owed: €1,349.99`` -> ``owed: €{value:,.2f}``."""
    number_name = "count" if candidate.operation == "count" else "value"
    group = candidate.aggregate.group_by if candidate.aggregate else None
    writers = placeholder_writers(context.project, context.index)
    if candidate.aggregate and candidate.message_pattern and any(
            writers[name][1] == candidate.aggregate.field for name in re.findall(r"\b[A-Z][A-Z_]*[A-Z]\b", candidate.message_pattern)
            if name in writers):
        return None  # `average depth DEPTH`, DEPTH written by metres: the function writes it, not one example
    params = {param.name.upper(): param.name for param in context.params
              if param.name.isidentifier() and not keyword.iskeyword(param.name)}
    learned = [template for template in (_summary_template(line, candidate, number_name, group, params)
                                         for line in _summary_lines(context, group)) if template]
    # `€0.00` cannot show thousands; `€1,349.99` can: the richest example decides
    return max(learned, key=lambda template: ":," in template, default=None)


def _numbers_shown(context: Context, candidate: Interpretation) -> set[str]:
    """The placeholders of the line a count or an aggregate says it prints that stand for
    numbers: not the group's key, not an argument (`N projects, M finished` -> {N, M})."""
    group = candidate.aggregate.group_by if candidate.aggregate else None
    own = {"KEY", *(param.name.upper() for param in context.params)}
    names = re.findall(r"\b([A-Z][A-Z_]*)\b", candidate.message_pattern or "")
    if group and names:
        own.add(names[0])  # `NAME: AMOUNT` per payer: the line begins with the group's key
    texts = {f.name.upper() for f in context.fields_of("str")}
    return {name for name in names
            if name not in own and name not in texts and not (group and same(name.lower(), group.split("[")[0]))}


def _summary_lines(context: Context, group: str | None):
    for (argv, expected, status), _, _, _ in _simulated(context):
        if status or not expected or (group is None and len(expected) != 1):
            continue
        yield expected[0]


def _summary_template(line: str, candidate: Interpretation, number_name: str,
                      group: str | None, params: dict[str, str]) -> str | None:
    """One example line read against the stated pattern (or, with none, its one number)."""
    pattern = candidate.message_pattern
    if pattern:
        parts = re.split(r"\b([A-Z]\.[A-Z]+|[A-Z][A-Z_]*)\b", pattern)  # literal, PLACEHOLDER, ...
        regex = "".join(re.escape(part) if number % 2 == 0 else "(.+?)"
                        for number, part in enumerate(parts))
        match = re.fullmatch(regex, line)
        if match is None:
            return None
        pieces = []
        for number, part in enumerate(parts):
            if number % 2 == 0:
                pieces.append(_fstring_text(part))
            elif group and (part == "KEY" or same(part.lower(), group) or _number_format(
                    match.group(number // 2 + 1), number_name) is None):
                pieces.append("{key}")  # `NAME: AMOUNT` per payer: the text one is the group's key
            elif part in params and match.group(number // 2 + 1) and not group:
                pieces.append("{" + params[part] + "}")  # `HABIT: N day streak`: the argument
            else:
                written = _number_format(match.group(number // 2 + 1), number_name)
                if written is None:
                    return None
                pieces.append(written)  # (`N projects, M finished` read as one number: reported below)
        return "".join(pieces) if any("{" + number_name in piece for piece in pieces) else None
    numbers = list(re.finditer(r"[^\s\w]*-?\d[\d,]*(?:\.\d+)?[^\s\w]*", line))
    if group is not None or len(numbers) != 1:
        return None
    written = _number_format(numbers[0].group(0), number_name)
    if written is None:
        return None
    return _fstring_text(line[:numbers[0].start()]) + written + _fstring_text(line[numbers[0].end():])


def _number_format(shown: str, name: str) -> str | None:
    """``€1,349.99`` -> ``€{value:,.2f}``; None when it is not a number."""
    match = re.fullmatch(r"(\D*?)(-?\d[\d,]*)(?:\.(\d+))?(\D*)", shown)
    if match is None or re.search(r"[\w{}]", match.group(1)) or not re.fullmatch(
            r"[^\w{}]*|\s?[A-Za-z%°]{1,4}", match.group(4)):  # a unit after it: `75 kg`
        return None
    before, whole, decimals, after = match.groups()
    spec = ("," if "," in whole else "") + (f".{len(decimals)}f" if decimals else "")
    return _fstring_text(before) + "{" + name + (":" + spec if spec else "") + "}" + _fstring_text(after)


@_per_command
def _expanded_field(context: Context) -> str | None:
    """"One line for every time a medicine is taken" with lines `TIME NAME`: the list field
    ``times`` is written one element per line, the record repeated for each."""
    if context.entity is None or not re.search(
            r"\b(?:one|a|its own) (?:line|row|entry) (?:for|per) (?:every|each)\b|\bshows? up (?:twice|once for)\b",
            context.lower):
        return None
    shown = " ".join(re.findall(r"`([^`]+)`", context.text))
    for candidate_field in context.entity.fields:
        if is_list_type(candidate_field.type) and any(
                token.lower() != candidate_field.name.lower() and same(token.lower(), candidate_field.name)
                for token in re.findall(r"\b[A-Z]{2,}\b", shown)):
            return candidate_field.name  # `TIME` names one element of ``times``
    return None


def _worded_state_kept(template: str | None, definitions: dict[str, str]) -> str | None:
    """A learned line that froze one of the words a flag chooses ("HOW = `card` w/ `--card`,
    `cash` w/o": `... cash` where the examples' records were paid in cash) says the word by
    the flag instead."""
    if not template:
        return template
    for expression in definitions.values():
        chosen = re.fullmatch(r"\('([^']+)' if item\.\w+ else '([^']+)'\)", expression)
        if chosen is None:
            continue
        pieces = re.split(r"(\{[^{}]*\})", template)  # literal text outside the placeholders only
        for index, piece in enumerate(pieces):
            if not piece.startswith("{"):
                pieces[index] = re.sub(rf"(?<![\w-])(?:{re.escape(chosen.group(1))}|{re.escape(chosen.group(2))})(?![\w-])",
                                       "{" + expression + "}", piece, count=1)
                if pieces[index] != piece:
                    return "".join(pieces)
    return template


def _letters_kept(context: Context, template: str | None, stated: str | None) -> str | None:
    """A learned line that froze a number where the stated line has a one-letter placeholder
    before a number field's name: `N of 3 parcels` learned as ``3 of 3 parcels`` (every example
    had 3 parcels) -> ``{item.parcels} of 3 parcels``."""
    if not template or not stated:
        return template
    learned, said = template.split(" "), stated.split(" ")
    if len(learned) != len(said):
        return template
    for index, token in enumerate(said):
        letter = re.fullmatch(r"([^\w]*)([A-Z])([^\w]*)", token)
        number = re.fullmatch(r"([^\w{]*)(\d+)([^\w}]*)", learned[index])
        if letter is None or number is None:
            continue
        named = next((f for word in said[index + 1:index + 4] if (f := context.field(word.strip(",.;:()").lower()))
                      is not None and is_number(f.type)), None)
        if named is not None:
            learned[index] = number.group(1) + "{item." + named.name + "}" + number.group(3)
    return " ".join(learned)


def _stated_field_kept(template: str | None, stated: list) -> str | None:
    """A learned line that shows another field where the stated line names one (`x {item.sold}`
    under `NAME (GLAZE) PRICE x QTY`: the examples' values could not tell qty and sold apart)
    takes the stated field, when exactly one is missing and one other of its type is there."""
    named = {f.name: f for f in stated if f is not None}
    if not template or len(named) < 2:
        return template
    used = dict.fromkeys(re.findall(r"\bitem\.(\w+)\b", template))
    missing = [name for name in named if name not in used]
    extra = [name for name in used if name not in named]
    if len(missing) == 1 and len(extra) == 1:
        return re.sub(rf"\bitem\.{extra[0]}\b", f"item.{missing[0]}", template)
    return template


def _learned_output(context: Context) -> str | None:
    """How a list or show prints a record, learned from what the spec shows it printing
    after some adds: one line per record (``{item.title} by {item.author}``), a block of
    lines for one record (a show), a part shown only when a field has a value."""
    votes: dict[str, int] = {}
    bool_words = _bool_words(context)
    expand = _expanded_field(context)
    for (argv, expected, status), records, values, changed in _simulated(context):
        if expand:  # one record per element, as the command prints them (``{item.times[0]}``)
            records = [{**record, expand: element} for record in records
                       for element in (record.get(expand) or [])]
        if status or not expected or not records:
            continue
        for template, weight in _learn_lines(expected, records, changed, bool_words, context):
            if "{item." not in template:
                continue  # a line that shows no value of the record is not a record's line
            if not _states_its_numbers(context, template):
                continue
            if expand:
                template = template.replace(f"{{item.{expand}}}", f"{{item.{expand}[0]}}")
            votes[template] = votes.get(template, 0) + weight
    if not votes:
        return None
    return max(sorted(votes), key=lambda template: (votes[template], template.count("{")))


def _learn_lines(expected: list[str], records: list[dict[str, Any]], changed: bool,
                 bool_words: dict[str, list[tuple[str, str, bool]]],
                 context: Context | None = None) -> list[tuple[str, int]]:
    """Templates (with votes) explaining the lines one step printed."""
    def learn(line: str, record: dict[str, Any], position: int) -> str | None:
        template = learn_message(line, record, position, bool_words=bool_words, changed=changed,
                                 computed=_function_texts(context, record) if context else None,
                                 thousands=_thousands(context))
        return None if template is None or _freezes_another(template, records) else template

    best: list[tuple[str, int] | None] = []  # per line: its richest template, the record's index
    for line in expected:
        found = None
        for index, record in enumerate(records):
            template = learn(line, record, index + 1)
            if template is not None and (found is None or template.count("{") > found[0].count("{")):
                found = (template, index)
        best.append(found)
    signed = {match for found in best if found is not None
              for match in re.findall(r"\{item\.\w+:\+[^}]*\}", found[0])}
    for number, found in enumerate(best):  # `-1.25` on one line, `+5.00` on another: signed on both
        for placeholder in signed if found is not None else ():
            plain = next((text for text in (placeholder.replace(":+", ":", 1), placeholder.split(":")[0] + "}")
                          if text in found[0]), None)
            if plain is not None:
                wider = found[0].replace(plain, placeholder)
                if _loosely(render_template(wider, found[1] + 1, records[found[1]])) == _loosely(expected[number]):
                    found = best[number] = (wider, found[1])
    templates = sorted(dict.fromkeys(found[0] for found in best if found is not None),
                       key=lambda template: (-template.count(":"), -template.count(":+"), -template.count("{")))
    for number, found in enumerate(best):  # `30.25` is `{amount}` and `{amount:.2f}` alike
        if found is not None:
            record = records[found[1]]
            adopted = next(template for template in templates if template == found[0] or
                           _loosely(render_template(template, found[1] + 1, record))
                           == _loosely(expected[number]))
            best[number] = (adopted, found[1])
    explained = [found for found in best if found is not None]
    templates = list(dict.fromkeys(template for template, _ in explained))
    texts = {name for record in records for name, value in record.items() if isinstance(value, str)}
    naming = {index for template, index in explained  # records a line names by a text value
              if any(f"{{item.{name}" in template for name in texts)}
    if len(expected) > 1 and len(templates) > 1 and len(naming) == 1:
        index = naming.pop()  # one record written as several lines: a show
        block = [learn(line, records[index], index + 1) for line in expected]
        if all(block):
            return [("\n".join(block), 1)]
    if len(templates) == 2 and len(explained) == len(expected):
        long, short = sorted(templates, key=lambda template: (-template.count("{"), -len(template)))
        merged = _merge_optional(long, short, records, explained) or \
            _merge_two_optional(long, short, records, explained, context)
        if merged is not None:
            return [(merged, len(expected))]
    return [(template, 1) for template, _ in explained]


def _freezes_another(template: str, records: list[dict[str, Any]]) -> bool:
    """A line that keeps another record's text value as literal text (``ben: +{item.amount}``
    learned against ana's record) explains nothing: that value would be printed for every record."""
    literals = re.sub(r"\{[^{}]*\}", " ", template).lower()
    return any(isinstance(value, str) and len(value) > 1
               and re.search(rf"(?<!\w){re.escape(value.lower())}(?!\w)", literals)
               for record in records for value in record.values())


def _loosely(text: str | None) -> str | None:
    """A line as a cleaner on the way in may have changed its values (case, spaces)."""
    return None if text is None else " ".join(text.split()).lower()


def _merge_optional(long: str, short: str, records, explained) -> str | None:
    """``{item.name}: {item.phone} ({item.city})`` and ``{item.name}: {item.phone}`` for a
    record without a city: one template whose ``(CITY)`` shows only when there is one."""
    start = len(os.path.commonprefix([long, short]))
    end = 0
    while end < len(short) - start and long[-1 - end] == short[-1 - end]:
        end += 1
    if start + end != len(short):
        return _text_or_word(long, short, start, end, records, explained)
    part = long[start:len(long) - end]
    if part and not re.search(r"[{}'\\]", part):  # ` (open)` only for the bags I've opened
        for name in sorted({name for record in records for name, value in record.items()
                            if isinstance(value, bool)}):
            if all(records[index].get(name) is (template == long) for template, index in explained):
                return long[:start] + "{" + f"{part!r} if item.{name} else ''" + "}" + long[len(long) - end:]
        for name in sorted({name for record in records for name, value in record.items()
                            if isinstance(value, bool)}):  # `*` on lines whose time isn't billable
            if all(records[index].get(name) is (template != long) for template, index in explained):
                return long[:start] + "{" + f"'' if item.{name} else {part!r}" + "}" + long[len(long) - end:]
        return None
    joined = re.fullmatch(r"([^{}]*)\{([^{}]*\bitem\.(\w+)\b[^{}]*)\}([^{}]*)", part)
    if joined is not None and not joined.group(2).startswith("item."):  # a list joined: `[{...}]`
        before, expression, name, after = joined.groups()
        if re.search(r"['\\]", before + after):
            return None
        for template, index in explained:
            if bool(records[index].get(name)) != (template == long):
                return None
        shown = f"({before!r} + {expression} + {after!r}) if item.{name} else ''"
        return long[:start] + "{" + shown + "}" + long[len(long) - end:]
    match = re.fullmatch(r"([^{}]*)\{item\.(\w+)(:[^{}]*)?\}([^{}]*)", part)
    if match is None:
        return None
    before, name, spec, after = match.groups()
    if any(re.search(r"['\\]", text) for text in (before, after)):
        return None
    for template, index in explained:  # the short lines' records have no value there
        if bool(records[index].get(name)) != (template == long):
            return None
    value = f"format(item.{name}, {spec[1:]!r})" if spec else f"str(item.{name})"
    shown = f"({before!r} + {value} + {after!r}) if item.{name} else ''"
    return long[:start] + "{" + shown + "}" + long[len(long) - end:]


def _text_or_word(long: str, short: str, start: int, end: int, records, explained) -> str | None:
    """``#{n} {item.size} {item.tenant} ({...})`` and ``#{n} {item.size} vacant`` for a record
    whose tenant is empty: one template that writes the tenant's part where there is one and
    the word otherwise (`tenant: str = "" — empty while the plot is vacant`)."""
    while start > 0 and (long[start - 1] in "{}" or short[start - 1] in "{}"):
        start -= 1  # never cut inside a placeholder
    start = min(start, len(short) - end)
    word, part = short[start:len(short) - end], long[start:len(long) - end]
    if not word.strip() or re.search(r"[{}'\\]", word) or part.count("{") != part.count("}"):
        return None
    named = set(re.findall(r"\{item\.(\w+)\}", part))
    for name in sorted(named):
        texts = [records[index].get(name) for _, index in explained]
        if all(isinstance(value, str) for value in texts) and all(
                bool(records[index].get(name)) == (template == long) for template, index in explained):
            pieces = re.split(r"(\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})", part)
            terms = [repr(piece) if not piece.startswith("{") else
                     (f"str({piece[1:-1]})" if ":" not in piece[1:-1] or piece[1:-1].startswith(("'", '"'))
                      else f"format({piece[1:-1].split(':', 1)[0]}, {piece[1:-1].split(':', 1)[1]!r})")
                     for piece in pieces if piece]
            if any('"' in term for term in terms):
                return None
            shown = " + ".join(terms)
            return long[:start] + "{" + f"({shown}) if item.{name} else {word!r}" + "}" + long[len(long) - end:]
    return None


def _merge_two_optional(one: str, other: str, records, explained, context: Context | None) -> str | None:
    """``{item.day} {hm(item.minutes)} - {item.note}`` and ``{item.day} {hm(item.minutes)}*``
    (a line with a note, a line of unbilled time): one template with both parts optional,
    `` - NOTE`` when there is a note and ``*`` when the flag says so, each part found as
    ``_merge_optional`` finds one; in the order the description names them."""
    start = len(os.path.commonprefix([one, other]))
    end = 0
    while end < min(len(one), len(other)) - start and one[-1 - end] == other[-1 - end]:
        end += 1
    prefix, suffix = one[:start], one[len(one) - end:]
    if prefix.count("{") != prefix.count("}") or suffix.count("{") != suffix.count("}"):
        return None  # the shared text ends inside a value
    parts = []
    for template in (one, other):
        shown = [(template if used == template else prefix + suffix, index) for used, index in explained]
        merged = _merge_optional(template, prefix + suffix, records, shown)
        if merged is None:
            return None
        middle = template[start:len(template) - end]
        text = context.text if context is not None else ""
        literal = re.sub(r"\{[^{}]*\}", "", middle).strip()
        if literal and literal not in text:
            return None  # an optional part is text the words write (` [heard]`), not a value shown
        shown = [found.start() for found in re.finditer(r"`([^`]*)`", text) if literal and literal in found.group(1)]
        at = shown[0] if shown else text.find(literal) if literal and literal in text else len(text)
        parts.append((at, merged[start:len(merged) - end]))
    return prefix + "".join(part for _, part in sorted(parts, key=lambda part: part[0])) + suffix


TRUE_WORDS = frozenset({"yes", "true", "on", "done", "closed", "finished", "y", "x"})
FALSE_WORDS = frozenset({"no", "false", "off", "open", "todo", "pending", "unpaid", "n", "not"})
GENERIC_BOOL_WORDS = (("yes", "no"), ("Yes", "No"), ("true", "false"), ("True", "False"),
                      ("on", "off"), ("[x]", "[ ]"), ("[X]", "[ ]"))


def _bool_words(context: Context) -> dict[str, list[tuple[str, str, bool]]]:
    """How each bool field may be written as a word: ``(when true, when false, sure)``.

    From the description's alternatives (`` `read: yes` or `read: no` ``, `` `#N paid` or
    `#N open` ``), a word naming the field being the true one; then yes/no, true/false,
    on/off and ``FIELD``/``unFIELD``. Not sure which way round: only a record whose value
    is known tells (both orientations are offered, and the example picks)."""
    fields = context.fields_of("bool")
    found: dict[str, list[tuple[str, str, bool]]] = {field.name: [] for field in fields}
    for first, second in re.findall(r"`([^`]+)`\s*,?\s*or\s+`([^`]+)`", context.text):
        one, two = re.findall(r"\w+|[^\w\s]+", first), re.findall(r"\w+|[^\w\s]+", second)
        differing = [(a, b) for a, b in zip(one, two) if a != b]
        if len(one) != len(two) or len(differing) != 1 or not all(
                re.fullmatch(r"[A-Za-z]+", word) for word in differing[0]):
            continue
        a, b = differing[0]
        named = [flag for flag in fields if any(same(flag.name, token) for token in one + two)]
        for flag in named or fields:
            if same(a, flag.name) or a.lower() in TRUE_WORDS or b.lower() in FALSE_WORDS:
                found[flag.name].append((a, b, True))
            elif same(b, flag.name) or b.lower() in TRUE_WORDS or a.lower() in FALSE_WORDS:
                found[flag.name].append((b, a, True))
            else:
                found[flag.name] += [(a, b, False), (b, a, False)]
    for flag in fields:
        found[flag.name] += [(yes, no, True) for yes, no in GENERIC_BOOL_WORDS]
        found[flag.name].append((flag.name, "un" + flag.name, True))
    return found


def render_template(template: str, position: int, record: dict[str, Any],
                    arguments: dict[str, Any] | None = None) -> str | None:
    """What a learned line template prints for one record (and the command's ``arguments``);
    None when it calls a function that is not known here."""
    from types import SimpleNamespace

    scope = {**(arguments or {}), "position": position, "item": SimpleNamespace(**record)}
    try:
        return eval("f" + repr(template), {"__builtins__": {"str": str, "format": format, "map": map}}, scope)
    except Exception:  # noqa: BLE001 - a template this cannot evaluate: no expectation
        return None


def strip_fences(text: str) -> str:
    """Prose without its fenced blocks (transcripts are examples, not descriptions), except the
    notes of a shell block (see `_shell_notes`), its tables written out as sentences (see
    `_tables_as_prose`)."""
    kept, fence, shell = [], None, None
    for line in text.splitlines():
        opening = re.match(r"^\s{0,3}(`{3,}|~{3,})\s*(\w*)", line)
        if fence is None and opening:
            fence = opening.group(1)
            shell = [] if opening.group(2).lower() in ("sh", "shell", "bash", "zsh") else None
        elif fence is not None and line.strip().startswith(fence) and not line.strip().strip(fence[0]):
            kept += _shell_notes(shell or [])
            fence, shell = None, None
        elif shell is not None:
            shell.append(line)
        elif fence is None and re.match(r" {4,}\S", line) and "`" not in line and (
                not kept or not kept[-1].strip() or kept[-1].startswith("`")):
            kept.append(f"`{line.strip()}`")  # an indented example line ("one line like\n\n    A1: 40/64 GB, ...")
        elif fence is None:
            kept.append(line)
    return _shorthand_as_words(_tables_as_prose("\n".join(kept)))


def _shell_notes(lines: list[str]) -> list[str]:
    """The notes of a shell block in words: a usage line with `#` comments under it ("backups
    list [--host HOST]\n# one line per run, newest day first") says what the command does in
    the comments, and an option beside its comment ("--since DAY   # only runs on DAY or later")
    what the option does: "`--since DAY`: only runs on DAY or later." The usage line itself
    is the heading's signature again."""
    notes = []
    for line in lines:
        comment = re.match(r"^\s*#+\s*(\S.*)$", line)
        option = re.match(r"^\s*(--?[\w-]+(?:[ =][A-Z][A-Z_]*)?)\s+#+\s*(\S.*)$", line)
        said = comment.group(1) if comment else option.group(2) if option else None
        if said is None:
            continue
        said = said.rstrip() + ("" if said.rstrip().endswith((".", "!", "?", ":")) else ".")
        notes.append(f"`{option.group(1)}`: {said}" if option else said[:1].upper() + said[1:])
    return notes


def _shorthand_as_words(text: str) -> str:
    """A writer's shorthand in words, outside backticks: "w/" is "with", "w/o" "without", "&"
    between words "and" ("trimmed & lower-cased")."""
    pieces = re.split(r"(`[^`]*`)", text)
    for index in range(0, len(pieces), 2):
        piece = re.sub(r"(?<![\w/])w/o(?![\w/])", "without", pieces[index], flags=re.IGNORECASE)
        piece = re.sub(r"(?<![\w/])w/(?=\s|\w)\s?", "with ", piece, flags=re.IGNORECASE)
        pieces[index] = re.sub(r"(?<=\w) & (?=\w)", " and ", piece)
    return "".join(pieces)


TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _table_cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _tables(text: str) -> list[tuple[int, int, list[str], list[list[str]]]]:
    """The markdown tables of a text: (first line, line after the last, header cells, rows)."""
    lines, found, number = text.splitlines(), [], 0
    while number < len(lines) - 1:
        if lines[number].lstrip().startswith("|") and TABLE_SEPARATOR.match(lines[number + 1]):
            end = number + 2
            while end < len(lines) and lines[end].lstrip().startswith("|"):
                end += 1
            found.append((number, end, [cell.lower() for cell in _table_cells(lines[number])],
                          [_table_cells(line) for line in lines[number + 2:end]]))
            number = end
        else:
            number += 1
    return found


def _error_columns(header: list[str]) -> tuple[int, int, int] | None:
    """The (condition, message, status) columns of an error table: `| situation | message | status |`."""
    def column(pattern: str) -> int | None:
        return next((i for i, cell in enumerate(header) if re.search(pattern, cell)), None)
    status = column(r"\b(?:status|exit|code)\b")
    message = column(r"\b(?:message|prints?|output|says|reply|answer|text|shown)\b")
    condition = column(r"\b(?:situation|condition|case|when|if|problem|error|input|check|circumstance)")
    if None in (status, message, condition) or len({status, message, condition}) < 3:
        return None
    return condition, message, status


def _tables_as_prose(text: str) -> str:
    """A description's markdown tables as the sentences a writer of prose would use: a row
    `| `--since DAY` | shows only ... |` becomes "`--since DAY`: shows only ...."; an error
    table (`| situation | message | status |`) is left out here (`table_errors` reads it)."""
    tables = _tables(text)
    if not tables:
        return text
    lines = text.splitlines()
    for start, end, header, rows in reversed(tables):
        said = [] if _error_columns(header) else [
            ": ".join(cell for cell in row if cell).rstrip(".") + "." for row in rows]
        if re.fullmatch(r"(?:the )?(?:line|row|#|no\.?|n)s?", header[0]) and rows and all(
                row and re.fullmatch(r"\d+\.?", row[0]) for row in rows):  # "| line | what it says |", "| 1 | `in
            said = ["; ".join(f"{row[0].rstrip('.')}. " + ", ".join(cell.rstrip(".") for cell in row[1:] if cell)  # care: N`,
                              for row in rows) + "."]  # rows not released |": "1. `in care: N`, rows not released; 2. ..."
        lines[start:end] = said
    return "\n".join(lines)


def _error_notes(command) -> str:
    """What an error table's message cells say beyond the message itself: "`only LEFT left`,
    LEFT being what is left in ml_text form" -> "LEFT being what is left in ml_text form."."""
    said = []
    for _, _, header, rows in _tables(command.description or ""):
        columns = _error_columns(header)
        for row in rows if columns else ():
            cell = row[columns[1]] if columns[1] < len(row) else ""
            rest = re.sub(r"`[^`]+`|\"[^\"]+\"", "", cell, count=1).strip(" ,;.")
            said += [rest + "."] if rest else []
    return " ".join(said)


def table_errors(command) -> list:
    """Error clauses a command states as a table: `| situation | message | status |` rows
    ("| PINTS below 1 or above 12 | `pints must be between 1 and 12` | 2 |")."""
    from spf.spec.model import ErrorCase

    found = []
    for _, _, header, rows in _tables(command.description or ""):
        columns = _error_columns(header)
        for row in rows if columns else ():
            condition, message, status = (row[i] if i < len(row) else "" for i in columns)
            shown = re.search(r"`([^`]+)`|\"([^\"]+)\"", message)
            code = re.search(r"\d+", status)
            if shown and code and condition:
                found.append(ErrorCase(condition.rstrip("."), shown.group(1) or shown.group(2), int(code.group(0)),
                                       command.span))
    return found


PRINTS = (r"(?:prints?|printing|shows?|showing|says|say|saying|outputs?|displays?|echoes|emits?|reports?|"
          r"answers?(?: with)?|replies(?: with)?|"
          r"confirms? (?:it |them |that )?with|confirms|tells? me|tells|(?:i'm|i am|you're|you are|we're|we are) told|spits out|responds with|writes|(?:you |i )?gets? back|"
          r"comes? back as|comes? out as|(?:i|you) get|(?:is|are) (?:reported|shown|printed|displayed) as|"
          r"(?:the )?(?:answer|reply|response|result|output|confirmation)(?: line)? is|"
          r"(?:the )?(?:answer|reply|response|result|confirmation)(?: line)?:|(?:the )?line (?:printed|shown) is|"
          r"(?:the )?(?:answer|reply|response|result|output|confirmation)(?: line)? looks like(?: this)?:?)")


BARE_LINE = re.compile(rf"\b(?:{PRINTS}|output:) (?:the|its|it as an?|the \w+(?:ed|new|changed)) (?:\w+ |\w+'s ){{0,2}}"
                       r"(?:line|entry line|record line|log line)\b|"  # "Prints the word's line", "Output: the tape line"
                       r"\bsee\s+,? i\.e\.,? (?:the|its) (?:new |changed |updated )?(?:\w+'s |\w+ )?line\b|"  # "you'd see
                       # `#1 Ann: dragon, 7 Mar, ...`, i.e. the new booking's line": an example of it
                       r"\b(?:its|the|their) (?:\w+ ){0,2}line (?:is|are) (?:then )?(?:printed|shown|written|displayed)\b|"
                       # "its entry line is printed", "the amended entry line is printed"
                       rf"\b{PRINTS} (?:the|its) (?:\w+ ){{0,2}}(?:like|as) (?:in|on|by|for) (?:the )?`?(?:list|ls|listing)`?\b|"
                       rf"\b{PRINTS} (?:the|its) (?:\w+ ){{0,2}}(?:like|as|the way) `?(?:list|ls)`? (?:does|shows|prints|writes)\b|"
                       rf"\b{PRINTS} (?:the|its) (?:\w+ ){{0,2}}(?:like|as|the way)\s{{2,}}(?:does|shows|prints|writes)\b|"
                       # "It prints the shell the way `list` shows it" (the command's name in backticks is blanked)
                       r"\b(?:shows?|prints?) (?:it|its \w+|the \w+(?:'s \w+)?) (?:again|once more|anew)\b|"  # "shows its tag again"
                       rf"\b{PRINTS} (?:the|its) (?:new |changed |updated |\w+ed )?\w+ (?:as it (?:is|stands|looks) (?:afterwards|"
                       r"now)|as it now (?:is|stands|looks)|the way \w+ (?:are|is) (?:shown|printed|written|displayed)|"
                       r"(?:in )?the usual way|as usual)\b")  # "prints the dish as it is afterwards", "the way dishes are shown"
# "It prints the find like in list, with the new weight"
BARE_CHANGED = re.compile(rf"\b{PRINTS} (?:me |you |us )?(?:the )?(?:corrected|updated|changed|fixed|new|edited) (\w+)\b|"
                          rf"\b{PRINTS} (?:the|it as the) (\w+)(?: (?:after the change|as it is now|again))?"
                          r"(?: \([^)]*\))?\s*(?:\.|$)")  # "Prints the trip (with its number)."
# "Prints the corrected entry"; "Prints the piece." (the record's own line, said as its noun)


def _refused_after(tail: str) -> bool:
    """Whether the words after a backticked message make it a refusal's: "`bad day`, status 2",
    "`bad day X` (X as I wrote it) and stop with 2"."""
    return bool(re.match(r",?\s*\(?(?:and\s+)?(?:with\s+)?(?:an?\s+)?(?:exit\s+)?(?:status|code)\s+\d", tail) or re.match(
        r"[^`.]{0,80}?\b(?:exits?|stops?|ends?|quits?) with (?:the )?(?:(?:exit )?(?:status|code) )?[1-9]\b", tail))


def _removes_many(context: Context, candidate: Interpretation) -> bool:
    """Whether a removal takes every record that matches, none picked by a required argument
    ("deletes every used-up entry (qty 0)"; not `cancel NUMBER` read as number == NUMBER)."""
    required = {p.name for p in context.params if p.default is None}
    key = context.key_field() if context.entity is not None else None
    every = re.search(r"\b(?:every|everything|all|both)\b", context.lower)  # "Throws away everything logged on one night"
    return candidate.operation == "remove" and candidate.select in ("all", "matching") and context.entity is not None \
        and not any(f.op == "==" and (f.value or "").removeprefix("param:") in required and not (
            every and f.field != getattr(key, "name", None) and f.field.lower() not in {*KEPT_NUMBERS, *INDEX_NAMES})
            for f in candidate.filters)


def _value_before(context: Context, candidate: Interpretation) -> dict[str, str]:
    """A placeholder of an update's line that the words say is the value before the change:
    "the racket's hours go back to 0 ... Prints `restrung NAME after HOURS`, the hours it had"
    -> HOURS is ``old`` (through the writer the project gives it)."""
    if candidate.operation != "update" or len(candidate.assignments) != 1 or not candidate.message_pattern \
            or re.search(r"\bOLD|->|→", candidate.message_pattern) or re.search(r"\bold and (?:the )?new\b", context.lower):
        return {}  # (`OLD_PRICE -> PRICE`: the value before has its own placeholder)
    field = candidate.assignments[0].field
    said = re.search(r"\bthe (\w+) (?:it|they|he|she) had\b(?! (?:before|until))|"
                     r"\bthe (\w+) (?:from )?before (?:the change|it was \w+)\b", context.lower)
    word = next((group for group in said.groups() if group), "") if said else ""
    token = field.upper()
    if not word or context.field(word) is None or context.field(word).name != field \
            or not re.search(rf"\b{token}\b", candidate.message_pattern):
        return {}
    shown = (candidate.definitions or {}).get(token, f"item.{field}")
    return {token: re.sub(rf"\bitem\.{field}\b", "old", shown)} if f"item.{field}" in shown else {token: "old"}


@_per_command
def _counted_message(context: Context) -> tuple[str, set[str]] | None:
    """A count's line told by its parts after a sample, some of them "how many": "`Baby Blue: 2
    of 5 squares finished`: the quilt name the way I typed it in this command, how many of its
    squares are finished, and how many squares it has in all" -> (``{quilt}: {sum(1 for _, item
    in rows if item.finished)} of {count} squares finished``, the yes/no fields counted)."""
    said = re.search(r"`([^`]+)`:\s+((?:[^.`]|\.(?=\w))*\bhow many\b(?:[^.`]|\.(?=\w))*)", context.text)
    if said is None and context.entity is not None:
        return _counts_by_state(context)
    if said is None or context.entity is None:
        return None
    sample, parts = said.group(1), re.split(r",\s+(?:and\s+)?|\s+and\s+(?=how\b|the\b)", said.group(2).lower())
    numbers = list(re.finditer(r"(?<![\w.])\d+(?![\w.])", sample))
    many = [part for part in parts if part.startswith("how many")]
    texts = [part for part in parts if not part.startswith("how many")]
    if len(numbers) != len(many) or len(many) < 2 or len(texts) > 1:
        return None
    counts, fields = [], set()
    for part in many:
        if re.search(r"\b(?:in all|in total|altogether|all told|at all)\b", part):
            counts.append("{count}")  # "how many squares it has in all"
            continue
        state = re.search(r"\b(?:are|is|were|was|have been|has been) (not |un)?(\w+)\b", part)
        flag = next((f for f in context.fields_of("bool") if state and state.group(2) in _bool_forms(f.name)), None)
        if flag is None:
            return None
        counts.append(f"{{sum(1 for _, item in rows if {'not ' if state.group(1) else ''}item.{flag.name})}}")
        fields.add(flag.name)
    line = sample.replace("{", "{{").replace("}", "}}")
    for number, count in reversed(list(zip(numbers, counts))):
        line = line[:number.start()] + count + line[number.end():]
    if texts:  # "the quilt name the way I typed it": the argument, where the sample's words stand before a colon
        param = next((p for p in context.params if re.search(rf"\b{re.escape(p.name.lower())}\b", texts[0])), None)
        head = re.match(r"([^:{}]+):", line)
        if param is None or head is None:
            return None
        line = "{" + param.name + "}" + line[head.end(1):]
    return (line, fields) if fields else None


def _counts_by_state(context: Context) -> tuple[str, set[str]] | None:
    """A sample whose every number is followed by a state of a yes/no field: "How many lessons are
    paid and how many aren't, in one line such as `3 paid, 2 unpaid`" -> ``{sum(... if
    item.paid)} paid, {sum(... if not item.paid)} unpaid``; "un-", "not " and "not yet " say the
    state is the field's opposite."""
    if not re.search(r"\bhow many\b|\bcounts?\b|\bnumber of\b", context.lower):
        return None
    for sample in re.findall(r"`([^`]+)`", context.text):
        counted = r"(?<![\w.])\d+ ((?:not (?:yet )?)?[\w-]+)"
        numbers = list(re.finditer(counted, sample))
        if len(numbers) < 2 or not re.fullmatch(r"(?:[\s,;/|]|\band\b)*", re.sub(counted, "", sample)):
            continue  # every number a state's count, nothing else but separators
        counts, fields = [], set()
        for number in numbers:
            word = number.group(1).lower()
            negated = bool(re.match(r"not |un(?!der)", word))
            plain = re.sub(r"^not (?:yet )?|^un", "", word) if negated else word
            flag = next((f for f in context.fields_of("bool") if plain in _bool_forms(f.name)), None)
            if flag is None:
                break
            counts.append((number.start(), number.end(), number.group(1),
                           f"{{sum(1 for _, item in rows if {'not ' if negated else ''}item.{flag.name})}}"))
            fields.add(flag.name)
        else:
            line = sample.replace("{", "{{").replace("}", "}}")
            for start, end, word, count in reversed(counts):
                line = line[:start] + f"{count} {word}" + line[end:]
            return line, fields
    return None


def _old_or_words(context: Context, candidate: Interpretation) -> dict[str, str]:
    """The value before a change written as fixed words where it was empty: "When nobody had it,
    the left side reads `nobody`" over `OLD_MAKER -> MAKER` -> ``(old or 'nobody')``."""
    olds = re.findall(r"\bOLD_(\w+)", candidate.message_pattern or "")
    said = re.search(r"\b(?:when|if|where) (?:nobody|no one|nothing|none) (?:had|was|held) (?:it|one|any)\b[^.;`]*?"
                     r"\b(?:reads|says|shows|is|becomes)\s+`([^`]+)`", context.text, flags=re.IGNORECASE)
    if len(set(olds)) != 1 or said is None or candidate.operation != "update":
        return {}
    return {f"OLD_{olds[0]}": f"(old or {said.group(1)!r})"}


def _second_line(context: Context, candidate: Interpretation) -> tuple[str, str] | None:
    """A line an update adds when the change takes the record to a bound: "Any session that
    leaves the racket at or past its limit gets a second line, `NAME needs restringing`" over
    ``hours += hours`` -> ("\\n{item.name} needs restringing", "item.hours >= item.limit")."""
    said = re.search(r"\b(at or (?:past|over|above|beyond)|past|over|above|beyond|at least) (?:its|the|their) (\w+)\b"
                     r"[^.;`]*?\b(?:gets?|adds?|prints?|there is|comes?) (?:a |one )?(?:second|second|extra|further|another) "
                     r"line,?:?\s*`([^`]+)`", context.text)
    changed = [a for a in candidate.assignments if a.op in ("add", "subtract")]
    bound = context.field(said.group(2)) if said and context.entity is not None else None
    if bound is None or len(changed) != 1 or not is_number(bound.type) or bound.name == changed[0].field:
        return None
    line = said.group(3)
    for token in set(re.findall(r"\b[A-Z][A-Z_]*[A-Z]\b", line)):
        target = context.field(token.lower())
        if target is None:
            return None
        line = re.sub(rf"\b{token}\b", f"{{item.{target.name}}}", line)
    op = ">=" if said.group(1).startswith("at ") else ">"
    return "\n" + line, f"item.{changed[0].field} {op} item.{bound.name}"


def _change_placeholders(context: Context, candidate: Interpretation) -> dict[str, str]:
    """The placeholders of an update's line that name the change: "`NAME: +SESSION, now TOTAL`
    with both through `hours_text`" over ``hours += hours`` -> SESSION is the amount given,
    TOTAL the field after it (each through the writer the words name)."""
    changed = [a for a in candidate.assignments if a.op in ("add", "subtract") and a.value.startswith("param:")]
    if candidate.operation != "update" or len(changed) != 1 or not candidate.message_pattern or context.entity is None:
        return {}
    known = {p.name.upper() for p in context.params} | {f.name.upper() for f in context.entity.fields} \
        | set(candidate.definitions or {})
    unknown = [token for token in dict.fromkeys(re.findall(r"\b[A-Z][A-Z_]*[A-Z]\b", candidate.message_pattern))
               if token not in known]
    found = {token: f"item.{changed[0].field}" for token in unknown
             if re.fullmatch(r"TOTAL|NOW|NEW(?:_\w+)?|AFTER|BALANCE|RUNNING", token)}
    rest = [token for token in unknown if token not in found and re.fullmatch(
        r"AMOUNT|ADDED|SESSION|DELTA|PLUS|GIVEN|EXTRA|MORE|CHANGE|QTY|QUANTITY|TAKEN|USED|SPENT", token)]
    if len(rest) == 1:  # (not `LEAVE` in "`... now until LEAVE, COST euro`": a value the words work out)
        found[rest[0]] = changed[0].value[6:]
    through = re.search(r"\b(?:both|each|all|all of them|they|the two)\s+(?:go |are written |written )?(?:through|via|with|by)\s+"
                        r"`?(\w+)`?", context.text.lower())
    writer = context.functions.get(through.group(1)) if through else None
    if writer is not None and len(writer.params) == 1 and len(found) >= 2:
        found = {token: f"{writer.name}({expression})" for token, expression in found.items()}
    return found


def _message_pattern(context: Context, candidate: Interpretation) -> str | None:
    """The line an add/update/remove/count/aggregate says it prints: "Prints `added N: TITLE`"."""
    if candidate.operation in ("list", "show", "custom"):
        return None
    empty = _empty_message(context)
    told = _told_in_words(context)
    if told is not None:  # "it prints the depot's name as stored, `: key now with `, the new keyholder, ..."
        return told[0]
    for match in re.finditer(rf"\b{PRINTS}:?\s+(?:a line\s+|the line\s+|(?:the|its|a) [\w']+ line:?\s+|just\s+|only\s+|with\s+|"
                             rf"(?:the |its )?old and (?:the |its )?new(?: one| \w+)?:\s+|"
                             rf"(?:it|them) (?:as|like)\s+|(?:it|them):\s+|like\s+|(?:for example|for instance|e\.g\.),?\s+|"
                             rf"how (?:many|much) (?:[\w']+ ){{0,3}}[\w']+:\s+|"  # "says how many it removed: `removed 3 items`"
                             rf"(?:who|what) (?:[\w']+,? ){{1,14}}[\w']+:\s+|"  # "shows who had it before and who has it
                             # now, with an arrow between them: `star-3: Mary -> Joan`"
                             rf"(?:a|one) (?:confirmation|line|message)[:,]?\s+|"
                             rf"(?:the|its|their)(?: \w+){{1,2}}(?: again| back| now)? (?:as|like)\s+|(?:the|its|their) [\w']+(?: [\w']+)?:\s+|"
                             rf"(?:[\w']+ ){{1,8}}[\w']+,\s+(?:like\s+|as\s+|e\.g\.\s+)?)?`([^`]+)`",  # "says goodbye to her by her tidied name, `goodbye, NAME`"
                             context.text, flags=re.IGNORECASE):
        before = context.text[max(0, match.start() - 60):match.start()].lower()
        if re.search(r"\b(when|if|with) (?:(?:there is|there are|there's) (?!at most\b|at least\b|only\b|one\b|"
                     r"more\b|two\b)|nothing\b|no\b)[^.]*$", before) \
                or match.group(1) == empty:
            continue  # the empty case, not the normal line
        if any(match.group(1) == error.message or (error.message.startswith(match.group(1)) and match.group(1).strip())
               for error in context.errors):
            continue  # an error's message (or its opening words: "otherwise it prints `bad day ` and the day")
        if _answers_a_command_line(context, match.start()):  # a worked example's answer: its values are one run's,
            spoken = _told_message(context, match.start(1) - 1)  # unless the words after it tell its parts
            if spoken is not None:  # "... the output is `logged #1: ann ...`: `logged #`, the piece number, ..."
                return spoken[0]
            continue
        rest = re.split(r";|\s\d+\.\s|\.\s+(?=[A-Z])", context.text[match.end():], maxsplit=1)[0]
        if re.search(r"\bexits? with (?:the )?(?:exit )?(?:status|code) [1-9]", rest) \
                or _refused_after(context.text[match.end():]):  # "say `bad day X` (X as I wrote it) and stop with 2"
            continue  # "it prints `not enough room, space for ` followed by bag_words(...), and exits with status 1"
        if re.search(r"\b(?:now )?(?:ends?|ending) with\s*$|\bfollowed by\s*$", before + context.text[
                match.start():match.start(1) - 1].lower()):
            continue  # "its batch line, which now ends with ` rated STARS/5`": a marker after the line
        spoken = _told_message(context, match.start(1) - 1)
        if spoken is not None:  # "It prints `#`, the number, ` is now ` and the new direction"
            return spoken[0]
        named = _example_named(context, match.group(1))
        if _removes_many(context, candidate) and not re.search(r"\b[A-Z]{2,}\b", match.group(1)):  # `purged 2 entries`:
            counts = {f.name.upper() for f in context.fields_of("int")}  # how many went, not one's qty
            named = re.sub(r"\b[A-Z][A-Z_]*\b", lambda m, counts=counts: "N" if m.group(0) in counts else m.group(0), named)
            nouns = {plural(context.entity.name.lower()), *(plural(noun) for noun in RECORD_NOUNS)}
            counted = [m for m in re.finditer(r"(?<![\w.#])\d+ (\w+)\b", named) if m.group(1).lower() in nouns]
            if len(counted) == 1 and len(re.findall(r"\d+", named)) == 1:  # `removed 3 items`: how many went
                named = named[:counted[0].start()] + "N" + named[counted[0].start() + len(counted[0].group(0).split()[0]):]
        return named
    return None


def _told_message(context: Context, start: int) -> tuple[str, dict[str, str]] | None:
    """The line a command prints, told part by part from the backtick at ``start``: "prints
    `struck out #`, the number, a space and the boat's name in round brackets" (see
    ``spoken_line``)."""
    opening, closing = start, context.text.find("`", start + 1)
    if context.entity is None or closing < 0:
        return None
    sample = re.match(SAMPLE_PARTS, context.text[closing + 1:])
    capitals = re.findall(r"\b[A-Z][A-Z_]*[A-Z]\b", context.text[opening + 1:closing])
    if sample and "," in sample.group(1) and "{" not in context.text[opening + 1:closing] and not re.search(
            r"\b(?:sum|total|number of|count|average|mean|how many|per|in that|in this|on it|of them)\b", sample.group(1),
            flags=re.IGNORECASE) and not any(  # (a group's numbers: `B3: 2 entries, 7 cables` (entries in that bin, ...))
            context.field(word.lower()) is not None or any(same(word, p.name) for p in context.params)
            for word in capitals):  # (`NAME (AGE)`: a format with placeholders, not a sample)
        parts = re.sub(r"^\s*(?:i\.e\.|ie|that is),?\s*", "", sample.group(1))
        if "filled_by" not in context.memo:  # the field each argument fills, as an add would store it
            constructor = _add(context)[0].constructor if context.entity is not None else {}
            context.memo["filled_by"] = {value[6:]: name for name, value in constructor.items() if value.startswith("param:")}
        for param in context.params:  # "(code, product, qty, ...)": the argument `qty` is what fills `stock`
            filled = (_field_for_param(context, param) or context.field(context.memo["filled_by"].get(param.name, "")))\
                if context.field(param.name) is None else None
            if filled is not None:
                parts = re.sub(rf"(?<![\w`]){re.escape(param.name)}(?![\w`])", filled.name, parts)
        told = spoken_line(parts, context.entity, context.functions,
                           _terms_defined(context), least=2, example=context.text[opening + 1:closing],
                           known=_typed_values(context))  # "`C7: Sea Breeze, 9.5 m, fee 450.00` (berth, boat, length,
        if told is not None:  # season_fee)": a sample line, then the parts that vary in it
            return told
    example = re.match(r"(?:\s+like this)?:\s+(?=\w|`[^`]+`,)|\.?\s+(?:[Tt]hat is|i\.e\.|[Ii]n other words)[:,]?\s+(?=\w|`[^`]+`,)|"
                       r"\s+(?:—|–|--)\s+(?=the |its |their )|"  # "e.g. `match 1: ...` — the new number, the team, ..."
                       r"\s+(?=(?:The|Its|First) \w+(?: \w+)?(?: in (?:round )?brackets)?[;,])",  # "`star-3 ...` The label;
                       # the quilt in brackets; ..." (the sample's own line, then its parts)
                       context.text[closing + 1:])  # "like `old-mill (docks) **** evening x2`: name,
    if example:  # area in brackets, the stars, the light, then `x` and the number of visits"
        start = closing + 1 + example.end()
    elif not re.match(r",\s+(?:the|its|their|a space)\b|\s+and\s+(?:the|its|their)\b", context.text[closing + 1:]) \
            or re.search(r"\b[A-Z][A-Z_]*[A-Z]\b", context.text[opening + 1:closing]):
        return None  # (`lot LOT: DOLLARS by paddle PADDLE`, the amount written by dollars: a format, then its words)
    said = _products_told_elsewhere(context, re.match(r"(?:`[^`]*`|[^.`])+", context.text[start:]).group(0))
    liked = re.search(r",?\s+(?:like|as in|for example|e\.g\.)\s+`([^`]+)`\s*$", said)  # "..., then the grade word,
    said = said[:liked.start()] if liked and not example else said  # like `added Saga #2, near mint`"
    said = re.split(r",?\s*\b(?:e|i)$|,?\s*\be\.?g\b|,?\s+(?:if|when|unless)\b", said)[0]  # (", e.g. `...`")
    return spoken_line(said, context.entity, context.functions, _terms_defined(context), least=2 if example else 1,
                       example=context.text[opening + 1:closing] if example else liked.group(1) if liked else None)
    # "It prints `dropped #` and the number"; the parts of an example line must make it


def _products_told_elsewhere(context: Context, said: str) -> str:
    """A line's part named by a word another command of the project defines in brackets: "the
    cost" where book says "the cost (nights times the rate) through money" -> that definition."""
    for name, definition in _products_in_brackets(context).items():
        said = re.sub(rf"\b(the|its|their) {re.escape(name)}\b(?! \()", lambda m, told=definition: m.group(0) + told, said)
    return said


@_per_command
def _products_in_brackets(context: Context) -> dict[str, str]:
    """Every "the cost (nights times the rate) through money" of the project's commands: {"cost":
    " (nights times the rate) through money"}, read once per command."""
    return {match.group(1): match.group(0)[len(match.group(1)):] for command in context.project.commands
            for match in re.finditer(r"\b(\w+) \([\w ]+ (?:times|multiplied by) [\w ]+\)(?: (?:through|with|via) \w+)?",
                                     " ".join((command.description or "").split()))}


@_per_command
def _typed_values(context: Context) -> frozenset[str]:
    """Every argument the spec's command lines type (`moor C7 "Sea Breeze" Jones 9.5`), and as
    the project's cleaners store them."""
    typed = {word for steps in spec_sequences(context.project) for argv, _, _ in steps for word in argv[1:]}
    return frozenset(typed | {" ".join(word.split()).lower() for word in typed})


@_per_command
def _told_in_words(context: Context) -> tuple[str, dict[str, str]] | None:
    """A printed line told part by part from its first word: "it prints the depot's name as
    stored (the form depot_name gives), `: key now with `, the new keyholder, ` (was `, the old
    keyholder and `)`" (see ``spoken_line``; a backticked part is required)."""
    if context.entity is None:
        return None
    for said in re.finditer(rf"\b(?:it |then )?{PRINTS}\s+(?=(?:the|its) \w)", context.text, flags=re.IGNORECASE):
        sentence = re.match(r"(?:`[^`]*`|[^.`]|\.(?=\w))+", context.text[said.end():]).group(0)
        ticked = "`" in sentence
        liked = re.search(r",?\s+(?:like|e\.g\.|for example)\s+`([^`]+)`\s*$", sentence)  # "..., like `2025-06-14
        example = liked.group(1) if liked else None  # garden: Heart And Dart 3 -> 5`": a sample after the parts
        sentence = sentence[:liked.start()] if liked else sentence
        sentence = re.sub(r",?\s*(?:then |and )?the old and (?:the )?new (\w+),? (?:with an arrow between them|joined by an arrow)",
                          r", a space, the old \1, ` -> `, the new \1", sentence)  # "then the old and the new count with
        # an arrow between them"
        if not ticked or re.search(r":\s*`|`[^`]*\b[A-Z][A-Z_]*[A-Z]\b[^`]*`", sentence):
            continue  # "Prints the day's total: `DAY: MM_TEXT`": a format in backticks, not parts
        told = spoken_line(re.sub(r"\s+as (?:stored|kept|saved)\b", "", sentence), context.entity, context.functions,
                           _terms_defined(context), least=1, example=example)
        if told is not None:
            return told
    return None


@_per_command
def _told_per_line(context: Context) -> tuple[str, dict[str, str]] | None:
    """A record's line told part by part after "one per line:", its parts set apart by a spoken
    mark ("Only visited lights are displayed, one per line: the visited day, a space, then the
    name"; see ``spoken_line``)."""
    if context.entity is None:
        return None
    marks = "|".join(SPOKEN_MARKS)
    for said in re.finditer(r"\b(?:one|a line|one line) (?:per line|each|per \w+):\s+((?:the|its) [^.`]+)", context.text):
        if re.search(rf",\s+an? (?:{marks})\b", said.group(1)):
            told = spoken_line(said.group(1), context.entity, context.functions, _terms_defined(context), least=2)
            if told is not None:
                return told
    return None


def _numbered_card(context: Context) -> str | None:
    """One record told as numbered lines ("prints exactly four lines: 1. `NAME by HOUSE` 2.
    `family: FAMILY` ...", a "| line | what it says |" table): the lines, each the first format
    of its item, joined; None unless the words count the lines and each names a field."""
    count = re.search(r"\b(two|three|four|five|six|seven|eight|\d) lines\b", context.text)
    items = re.findall(r"(?:^|[\s;:])(\d)\.\s+`([^`]+)`", context.text)
    if count is None or len(items) < 2 or [int(n) for n, _ in items] != list(range(1, len(items) + 1)):
        return None
    wanted = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}.get(count.group(1))
    if (wanted or int(count.group(1))) != len(items):
        return None
    fields = {f.name.upper() for f in context.entity.fields}
    if sum(bool(set(re.findall(r"\b[A-Z][A-Z_]+(?=[a-z]*\b)", line)) & fields) for _, line in items) < 2:  # `FIRSTg`
        return None  # totals: a summary of several numbers (see ``_several_values``)
    dated = [f for f in context.entity.fields if iso_day(f)]
    lines = [re.sub(r"\b(?:DAY|DATE)\b", dated[0].name.upper(), line) if len(dated) == 1 and not any(
        p.name.upper() in ("DAY", "DATE") for p in context.params) else line for _, line in items]
    return "\n".join(lines)  # (`last flown: DAY` over the one day field, `last`)


COLUMN_HEADER = r"(?:the )?(?:column|col|part|field|piece|position)s?"
COLUMN_MEANING = r"(?:what (?:it |they )?(?:shows?|holds?|says|contains?|means?)|shows?|meaning|contents?|value|what|description)"


@_per_command
def _column_line(context: Context) -> tuple[str, dict[str, str]] | None:
    """A record's line a command tells as a table of its columns, in order ("| column | what it
    shows |", "| pen | `pen` and the number, like `pen 3` |", "| gain | gain(first, weight) |",
    "| rating | stars |"): the line (see ``spoken_line``), the columns set apart as the words say
    ("columns separated by two spaces", the command's or the project's), a tab or one space."""
    if context.entity is None:
        return None
    for _, _, header, rows in _tables(context.command.description or ""):
        if len(header) != 2 or not re.fullmatch(COLUMN_HEADER, header[0]) or not re.fullmatch(COLUMN_MEANING, header[1]):
            continue
        said = " ".join([context.text, " ".join((context.project.description or "").split())]).lower()
        gap = "`  `" if re.search(r"\b(?:two|2|double) spaces\b", said) else "a tab" if re.search(
            r"\bseparated by (?:a )?tabs?\b|\btab-separated\b", said) else "a space"
        parts, after = [], {}  # after: a column's placeholder written another way (a word for a flag, money)
        for row in rows:
            if len(row) != 2 or not row[1]:
                break
            cell, example = row[1].rstrip("."), None
            column = context.field(row[0].strip().lower())
            worded = re.fullmatch(r"`([^`]+)` or `([^`]+)`", cell.strip())
            if column is not None and worded and type_name(column.type) == "bool":  # "| paid | `paid` or `owes` |"
                parts.append(f"the {column.name}")
                after[column.name.upper()] = (f"{column.name.upper()}_WORD",
                                              f"({worded.group(1)!r} if item.{column.name} else {worded.group(2)!r})")
                continue
            if column is not None and is_number(column.type) and re.fullmatch(r"(?:the )?(?:money|amount|sum)", cell.strip()) \
                    and cell.strip() not in context.functions and re.search(  # "| stake | money |" where "Money is printed
                        r"\bmoney\b[^.]*\b(?:two|2) decimals\b", said):  # with exactly two decimals"
                parts.append(f"the {column.name}")
                after[column.name.upper()] = (f"{column.name.upper()}_TEXT", f"format(item.{column.name}, '.2f')")
                continue
            aside = re.search(r",?\s*(?:like|e\.g\.|as in|for example)\s+`([^`]+)`\s*$", cell)
            if aside:
                cell, example = cell[:aside.start()], aside.group(1)
            column = context.field(row[0].strip().lower())
            if column is not None and context.field("number") is None:  # "| pen | `pen` and the number |"
                cell = re.sub(r"\bthe (?:number|value|amount)\b", f"the {column.name}", cell)
            function = context.functions.get(cell.strip())
            if function is not None and len(function.params) == 1:  # "| rating | stars |": stars(rating)
                cell = f"{function.name}({row[0].strip()})"
            cell = re.sub(r"`([^`]*[A-Za-z0-9])`(?= and )", r"`\1 `", cell)  # "`pen` and the number": `pen 3`
            unit = re.fullmatch(r"[-+]?\d+(?:\.\d+)?([A-Za-z%]+)", example or "")
            if unit and "`" not in cell:  # "the latest weight, like `455g`": the unit after it
                cell = f"{cell} and `{unit.group(1)}`"
            parts.append(cell)
        if len(parts) != len(rows) or len(parts) < 2:
            continue
        told = spoken_line(f"; {gap}; ".join(parts), context.entity, context.functions, _terms_defined(context), least=2)
        if told is not None:
            line, defined = told
            for name, (written, expression) in after.items():
                line = re.sub(rf"\b{name}\b", written, line)
                defined = {**defined, written: expression}
            return line, defined
    return None


def _state_word_function(context: Context, template: str | None) -> str | None:
    """A learned line's yes/no word guessed from one example (`{'delivered' if item.delivered
    else 'undelivered'}`) written by the spec function whose examples say that word over the
    record's yes/no fields (`stage(packed, delivered)`: "waiting", "packed", "delivered"),
    where the guessed other word is nowhere in the spec."""
    guessed = r"\{'(\w+)' if item\.(\w+) else '(\w+)'\}"
    if not template or context.entity is None or not re.search(guessed, template):
        return template  # (the usual case: no guessed word, nothing to read)
    text = " ".join([context.project.description or "", *(c.description or "" for c in context.project.commands)]).lower()

    def written(match: re.Match) -> str:
        yes, flag, no = match.groups()
        if re.search(rf"\b{re.escape(no.lower())}\b", text):
            return match.group(0)
        for function in context.functions.values():
            arguments = [field_by_name(context.entity, param.name) for param in function.params]
            if arguments and all(a is not None and type_name(a.type) == "bool" for a in arguments) \
                    and flag in {a.name for a in arguments} and any(
                    example.expected.strip("\"'") == yes for example in function.examples):
                return "{" + f"{function.name}({', '.join('item.' + a.name for a in arguments)})" + "}"
        return match.group(0)
    return re.sub(guessed, written, template)


def _told_definitions(context: Context) -> dict[str, str]:
    """The Python of the placeholders of the lines told part by part, the command's own and the
    project's record line ("then metres(length) in round brackets": METRES)."""
    found: dict[str, str] = dict((_told_in_words(context) or ("", {}))[1])
    found.update((_column_line(context) or ("", {}))[1])  # "| gain | gain(first, weight) |"
    found.update((_told_per_line(context) or ("", {}))[1])  # "one per line: the day, a space, then the name"
    for said in re.finditer(rf"\b{PRINTS}:?\s+`|`(?=[^`]+`:\s)|`(?=[^`]+`\.?\s+(?:[Tt]hat is|i\.e\.)[:,]?\s)|\b[Ll]ine:\s+`|"
                            r"`(?=[^`]+`\s+(?:—|–|--)\s+(?:the|its|their) )",  # "e.g. `match 1: ...` — the new number, ..."
                            context.text, flags=re.IGNORECASE):
        found.update((_told_message(context, said.end() - 1) or ("", {}))[1])
    if context.entity is not None:
        found.update((told_line(context.project, context.entity) or ("", {}, ""))[1])
    return found


def _example_line(context: Context, line: str) -> str | None:
    """A record's line given only as an example ("each one like `K12 Pirate coat: 3 times`"):
    learned against the records the spec's add examples create (`K12`, `Pirate coat`), a
    number left as text then the field named right after it (`3 times` over `times`)."""
    if context.entity is None:
        return None
    best = _known_template(context, line, numbered=bool(re.match(r"#\d+\b", line)))
    if best is None or best.count("{item.") < 2:
        return None
    numbers = [f for f in context.entity.fields if is_number(f.type)]
    def named_number(match: re.Match) -> str:
        if match.group(3):  # `cleaned 2 times` over `cleans`, `owes 16.00` over `owed`: the word before it
            target = next((f for f in numbers if stem(f.name) == stem(match.group(1))), None)
            decimals = len(match.group(3).partition(".")[2])
            return match.group(1) + match.group(2) + "{item." + target.name + (f":.{decimals}f" if decimals else "") \
                + "}" if target is not None else match.group(0)
        target = context.field(match.group(5))
        return "{item." + target.name + "}" + match.group(4) + match.group(5) \
            if target is not None and is_number(target.type) else match.group(0)
    outside = re.split(r"(\{[^{}]*\})", best)  # numbers left as text, outside the placeholders
    best = "".join(part if part.startswith("{") else re.sub(
        r"\b([a-z]+)(\s+)(\d+(?:\.\d+)?)(?![\w.])|(?<![\w.])\d+(\s+)([a-z]+)\b", named_number, part)
        for part in outside)
    return None if re.search(r"\d", re.sub(r"\{[^{}]*\}", "", best)) else best


def _sentinel_guard(context: Context, condition: str, candidate: Interpretation) -> str | None:
    """"If no hook is free" on an add whose hook a spec function works out, the function giving
    back a stated value when there is none ("When all of them are used, give back 0"): that call
    equal to that value, over the records kept."""
    said = re.search(r"\b(?:no|none of the|not one) (\w+?)s? (?:is |are )?(?:free|left|available|open|empty|spare)\b", condition)
    target = context.field(said.group(1)) if said and context.entity is not None else None
    call = candidate.constructor.get(target.name, "") if target is not None and candidate.operation == "add" else ""
    function = context.functions.get(call[5:].split("(", 1)[0]) if call.startswith("call:") else None
    value = re.search(r"\b(?:give|gives|return|returns) back (-?\d+|none)\b|\b(?:return|returns) (-?\d+|none)\b[^.]*"
                      r"\b(?:when|if)\b|\b(?:when|if)\b[^.]*\b(?:give|gives|return|returns)(?: back)? (-?\d+|none)\b",
                      (function.description or "").lower()) if function is not None else None
    if value is None:
        return None
    sentinel = next(group for group in value.groups() if group)
    return f"{_value_source_of(call)} {'is None' if sentinel == 'none' else '== ' + sentinel}"


def _value_source_of(value: str) -> str:
    """The Python of a constructor's ``call:`` value (its arguments by name)."""
    return re.sub(r"param:(\w+)", r"\1", value[5:])


def _numbers_as_fields(context: Context, line: str) -> str:
    """An example line's numbers that follow their field's name in capitals: `ticket 7 is on hook
    3` -> `ticket TICKET is on hook HOOK` (see ``_numbers_named``)."""
    named = _numbers_named(context, line)
    return re.sub(r"\{item\.(\w+)[^{}]*\}", lambda m: m.group(1).upper(), named) if named else line


def _numbers_named(context: Context, line: str, key: str | None = None) -> str | None:
    """An example line whose every number follows the name of the number field it shows ("Say
    `ticket 7, hook 3` like this" over `ticket` and `hook`): the line with those fields in place of
    the numbers; None when a number is left unnamed, or no number is there. A code like `B12` is
    the ``key`` text field the command finds its record by ("Say `B12 sharpened`")."""
    code = r"\b[A-Z]{1,3}-?\d{1,4}\b"  # `B12`, `AM-014`
    codes = set(re.findall(code, line))
    if context.entity is None or "{" in line or any(
            context.field(token.lower()) is not None or any(p.name.upper() == token for p in context.params)
            or token in ("NUMBER", "COUNT", "TOTAL", "AMOUNT") for token in re.findall(r"\b[A-Z][A-Z_]*[A-Z]\b", re.sub(code, "", line))):
        return None  # a line with placeholders (`run N marked FAILED` is words: FAILED names nothing)
    target = context.field(key) if key else None
    if len(codes) == 1 and target is not None and type_name(target.type) == "str":
        line = re.sub(rf"\b{codes.pop()}\b", "{item." + target.name + "}", line)
    named = [target.name] if "{item." in line else []
    keyed = context.field(key) if key else None
    def placed(match: re.Match) -> str:
        target = context.field(match.group(1))
        if target is None and keyed is not None and same(match.group(1), context.entity.name):
            target = keyed  # "run 3 marked FAILED" over a run found by its number
        if target is None or not is_number(target.type) or target.name in named:
            return match.group(0)
        named.append(target.name)
        decimals = len(match.group(3).partition(".")[2])
        return match.group(1) + match.group(2) + "{item." + target.name + (f":.{decimals}f" if decimals else "") + "}"
    def dated(match: re.Match) -> str:  # "now runs until 2025-05-06" over `until — YYYY-MM-DD`
        target = context.field(match.group(1))
        if target is None or not iso_day(target) or target.name in named:
            return match.group(0)
        named.append(target.name)
        return match.group(1) + match.group(2) + "{item." + target.name + "}"
    line = re.sub(r"\b([a-z]+)(\s+)(\d{4}-\d{2}-\d{2})\b", dated, line)
    line = re.sub(r"\b([a-z]+)(\s+#?)(\d+(?:\.\d+)?)(?![\w.])", placed, line)
    return line if named and not re.search(r"\d", re.sub(r"\{[^{}]*\}", "", line)) else None


def _known_template(context: Context, line: str, plain: bool = False, numbered: bool = False) -> str | None:
    """The template with the most placeholders that an example line gives against one of the
    records the spec's adds create; with ``plain``, only one of bare fields (``{item.code}``);
    with ``numbered``, a `#1` may be the record's place among them."""
    best = None
    for place, record in enumerate(_known_records(context), start=1):
        template = learn_message(line, record, place if numbered else None, thousands=_thousands(context))
        if template is not None and (not plain or re.fullmatch(r"(?:[^{}]|\{item\.\w+\})*", template)) and (
                best is None or template.count("{") > best.count("{")):
            best = template
    return best


def _known_records(context: Context) -> list[dict[str, Any]]:
    """Every record the spec's own sequences create with an add, as that add stores it."""
    if context.index.known_records is None:
        context.index.known_records = []  # while the adds are read (their own lines ask again): none yet
        found: list[dict[str, Any]] = []
        adds, _ = _adds(context.project, context.index)
        commands = {command.name: command for command in context.project.commands}
        for steps in spec_sequences(context.project):
            for argv, _, status in steps:
                if not argv or argv[0] not in adds or status or context.entity is None:
                    continue
                values = parse_command_line(commands[argv[0]], argv[1:]) or {}
                _clean_add_values(context.index, argv[0], values)
                record = _added_record(context.entity, adds[argv[0]], values)
                if record not in found:
                    found.append(record)
        context.index.known_records = found
    return context.index.known_records


def _example_named(context: Context, line: str) -> str:
    """"It prints like `goodbye Anna`, with the name like it is stored": an example line whose
    one capitalised word stands for the field the words name, written as its placeholder."""
    if re.search(r"\b[A-Z]{2,}\b", line) or context.entity is None:
        return line
    arrow = re.search(r"(?<![\w.])([£$€]?\d[\d,]*(?:\.\d+)?)(\s?[a-z%]*)\s*->\s*([£$€]?\d[\d,]*(?:\.\d+)?)\2$", line)
    if arrow and re.search(r"\b(?:the )?old and (?:the )?new\b", context.lower):  # "prints the old and the new one:
        return f"{_example_named(context, line[:arrow.start()])}OLD{arrow.group(2)} -> NEW{arrow.group(2)}"  # `Sakura:
        # 32 cm -> 35 cm`": the value before the change and after it
    moved = re.search(r"(?<![\w-])([A-Za-z][\w']*(?: [\w']+)?)\s*->\s*([A-Za-z][\w']*(?: [\w']+)?)$", line)
    texts = [p for p in context.params if type_name(p.type) == "str" and p.default is None
             and (target := context.field(p.name)) is not None and type_name(target.type) == "str"
             and target is not context.key_field() and target is not _found_by(context)]  # (not the label found by)
    if moved and len(texts) == 1 and re.search(r"\bbefore and (?:(?:who|what|which) )?(?:\w+ ){0,2}now\b|"
                                               r"\b(?:the )?old and (?:the )?new\b|\bbefore and after\b", context.lower):
        field = context.field(texts[0].name).name.upper()  # "who had it before and who has it now, with an arrow
        head = _example_named(context, line[:moved.start()]) if line[:moved.start()].strip() else ""  # between
        return f"{head}OLD_{field} -> {field}"  # them: `star-3: Mary -> Joan`": the value before, the value given
    named = [context.field(word) for word in re.findall(r"\bwith the (\w+)\b", context.lower)]
    named = [f for f in named if f is not None and type_name(f.type) == "str"]
    capitals = re.findall(r"\b[A-Z][a-z]+\b", line)
    if len(named) == 1 and len(capitals) == 1:
        return re.sub(rf"\b{capitals[0]}\b", named[0].name.upper(), line)
    best = _known_template(context, line, plain=True)  # "It prints like `removed K12`"
    if best is not None and "{item." in best:
        line = re.sub(r"\{item\.(\w+)\}", lambda m: m.group(1).upper(), best)
    located = [p for p in context.params if type_name(p.type) == "int" and p.name.lower() in INDEX_NAMES]
    numbered = list(re.finditer(rf"(?:\b{re.escape(context.entity.name.lower())}\s+|#)(\d+)\b", line, flags=re.IGNORECASE))
    if len(located) == 1 and len(numbered) == 1 and len(re.findall(r"\d+", line)) == 1:
        shown = numbered[0]  # "Erase one job ... It prints like `erased job 3`": the job's ID
        return line[:shown.start(1)] + located[0].name.upper() + line[shown.end(1):]
    kept = next((f for f in context.fields_of("int") if f.name.lower() in KEPT_NUMBERS), None)
    hashed = list(re.finditer(r"#(\d+)\b", line))
    if kept is not None and len(hashed) == 1 and re.search(rf"\b(?:its|the) {re.escape(kept.name.lower())}\b", context.lower):
        shown = hashed[0]  # "prints `removed #5 (Ann Lee, 2025-03-02)`: its number, and in brackets ..."
        line = line[:shown.start(1)] + kept.name.upper() + line[shown.end(1):]
    changed = _fields_going_up_or_down(context)
    numbers = list(re.finditer(r"(?<![\d.])\d+(?![\d.])", line))
    if len(changed) == 1 and len(numbers) == 1 and re.search(r"\bthe (?:new|updated) (?:count|number|total|\w+)\b",
                                                             context.lower):  # "its visits go up by one. Prints the
        shown = numbers[0]  # cleaned name and the new count, e.g. `old-mill x3`": the number is the field changed
        return line[:shown.start()] + changed[0].field.upper() + line[shown.end():]
    counted = [(match, target) for match in re.finditer(r"(?<![\w.])(\d+) ([a-z]+)\b", line)
               if (target := field_by_name(context.entity, match.group(2))) is not None and is_number(target.type)]
    if len(counted) == 1 and len(numbers) == 1:  # `checked Sakura, 3 checks so far` over `checks`: the field
        shown, target = counted[0]
        return line[:shown.start(1)] + target.name.upper() + line[shown.end(1):]
    given = [p for p in context.params if p.default is None and is_number(p.type)
             and (target := context.field(p.name)) is not None and is_number(target.type)]
    if len(given) == 1 and len(numbers) == 1 and _arithmetic(context.lower) in ("add", "subtract") and re.search(
            r"\b(?:what|how much|how many)(?: \w+)?(?: is|'s| are) (?:still )?left\b|\bwhat remains\b", context.lower):
        shown = numbers[0]  # "take the grams off. Prints the name and what is left, like `Oak: 20 g left`"
        return line[:shown.start()] + "TOTAL" + line[shown.end():]
    plus, now = re.search(r"(?<![\w.])\+(\d+(?:\.\d+)?)\b", line), re.search(r"\bnow (\d+(?:\.\d+)?)\b", line)
    if len(given) == 1 and len(numbers) == 2 and plus and now and _arithmetic(context.lower) == "add":
        # "`Oak: +200 g, now 450 g`" over grams added to a feeder: the amount given, the total after it
        line = line[:plus.start(1)] + "AMOUNT" + line[plus.end(1):now.start(1)] + "TOTAL" + line[now.end(1):]
        for field in context.fields_of("str"):  # `name — ..., e.g. Oak`: Oak stands for the name
            sample = re.search(r"\be\.g\.,? `?([A-Z][\w-]*)`?", field.description or "")
            if sample and len(re.findall(rf"\b{re.escape(sample.group(1))}\b", line)) == 1:
                line = re.sub(rf"\b{re.escape(sample.group(1))}\b", field.name.upper(), line)
        return line
    if len(given) == 1 and len(numbers) == 1 and re.search(rf"\b(?:its|the|their) (?:new|updated|changed|corrected) "
                                                          rf"{re.escape(given[0].name.lower())}\b", context.lower):
        shown = numbers[0]  # "The bike comes back with its new charge. Prints `Bolt back, 65%`": the charge given
        return line[:shown.start()] + given[0].name.upper() + line[shown.end():]
    return line


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
    for function in context.project.functions:  # `lesson_line(number, student, day, ...)`: the record's fields one by
        name = re.escape(function.name)
        if function.returns is not None and type_name(function.returns) == "str" and len(function.params) >= 2 \
                and re.search(rf"\b(?:answers?|replies|repl(?:y|ies)|prints?|shows?|says?|writes?|responds?) (?:back )?"
                              rf"(?:with |as )?(?:its|the|a|their) {name}\b|\bone {name} (?:each|per|a)\b|"
                              rf"\b(?:as|in) (?:its|their) {name}\b|\beach as (?:its|a) {name}\b", context.text) \
                and all((target := context.field(param.name)) is not None and target.name == param.name
                        and type_name(target.type) == type_name(param.type) for param in function.params):
            return function.name  # one ("the tool answers with its lesson_line", "one lesson_line each")
    return None


@_per_command
def _empty_message(context: Context) -> str | None:
    """ "When there is nothing to show it prints `nothing to do`", "An empty result prints
    `no books`": the line printed (exit status 0) when no record is selected."""
    for sentence in re.split(r"(?<=[.;])\s+", context.text):
        labelled = re.search(r"^(?:- )?(?:if |when |with |for |in case of |given (?:that )?)?(?:there is |there's |there are )?"
                             r"(?:nothing|no \w+|none|nobody|no one|(?:an? )?empty(?: \w+)?|"
                             r"(?:the |my )?\w+ is empty)(?: \w+){0,5}(?: \([\w ,']{1,40}\))?"
                             r"\s*(?:[:—-]|->|→|=>|,\s*the output is(?: the single line| one line| the line)?)"
                             r"\s*(?:only |just )?`([^`]+)`", sentence.strip(), flags=re.IGNORECASE)
        # "Given nothing is left to display, the output is the single line `no pieces`"
        # "empty rack -> only `no spools`", "nothing (at all, or after the filter) -> only `no takings`"
        params = {p.name.upper() for p in context.params}
        if labelled and all(token in params for token in re.findall(r"\b[A-Z]{2,}\b|\bN\b", labelled.group(1))):
            return labelled.group(1)  # "Nothing to show: `no payments`.", "Nothing that day: `nothing on DAY`"
        quoted = re.search(rf"{PRINTS}\s+(?:just |only |simply )?[`\"]([^`\"]+)[`\"]", sentence, flags=re.IGNORECASE)
        if quoted is None or not all(token in params for token in re.findall(r"\b[A-Z]{2,}\b|\bN\b", quoted.group(1))):
            continue  # "When none does it prints `nothing runs out before DATE`": DATE is the argument
        rest = (sentence[:quoted.start()] + " " + sentence[quoted.end():]).lower()
        if re.search(r"\b(empty|nothing|none|nobody|no one|zero|no \w+)\b", rest):
            then = re.match(r"\s*(?:and|followed by|then|plus) (?:the |that )?(\w+)\b(?: (?:given|typed|asked for|as typed))?"
                            r"\s*[.;]?\s*$", sentence[quoted.end():])  # "it says `nothing due on ` and the day"
            named = next((p for p in context.params if then and same(p.name, then.group(1))), None)
            return quoted.group(1) + named.name.upper() if named is not None and quoted.group(1).endswith(" ") \
                else quoted.group(1)
    return None


def _none_matching(context: Context) -> str | None:
    """The line printed when there are records but none is selected, where the words set it
    apart from the empty store's: "if there are lots but none match what you asked for,
    `nothing like that`"."""
    said = re.search(r"\b(?:if|when) there (?:are|is) (?:some )?\w+ but (?:none|nothing|no \w+)(?: of them)? "
                     r"(?:match(?:es)?|fits?|is left|are left|pass(?:es)?)\b[^`.;]*?,?\s*(?:you get |it says |it prints |"
                     r"that's |it's |just )?`([^`]+)`", context.text, flags=re.IGNORECASE) or re.search(
        r"(?:^|[.;]\s+)\w+(?: \w+)?,? but (?:none|nothing|no \w+) (?:left|remaining|matching|that match(?:es)?)\b[^`.;]*?"
        r"[:,]\s*`([^`]+)`", context.text, flags=re.IGNORECASE)  # "Alarms, but none left after your options:
    return said.group(1) if said else None  # `nothing to show`"


def _empty_status(context: Context, message: str) -> int:
    """The exit status the sentence stating the empty case gives it: "When no night counts
    it prints `no nights logged` and exits with status 1" (0 when it states none)."""
    for sentence in re.split(r"(?<=[.;])\s+", context.text):
        if message in sentence:
            status = re.search(r"\bexits? (?:with )?(?:status |code )?(\d+)\b|\b(?:exit )?status (\d+)\b",
                               sentence, flags=re.IGNORECASE)
            return int(status.group(1) or status.group(2)) if status else 0
    return 0


def _answers_a_command_line(context: Context, start: int) -> bool:
    """Whether the words at ``start`` answer a command line written just before them
    ("`add Patel "elm road" 8` tells me `#3 Patel, ...`", "when I run `fill b3 20`, then ...
    the output is"): a worked example, whose values are one run's (Patel is the third house),
    not a line's pattern."""
    before = context.text[max(0, start - 200):start]
    return bool(re.search(rf"`(?:{re.escape(context.project.name)} )?{re.escape(context.command.name)}\b[^`]*`[;,:]?\s*"
                          rf"(?:[\w']+\s+){{0,3}}$", before[-120:])  # "Say you run `hay deliver ...`; you'd see `...`"
                or re.search(rf"\bwhen (?:i|you|we|they|someone|the user) (?:run|type|enter)s? `(?:{re.escape(context.project.name)} )?"
                             rf"{re.escape(context.command.name)}\b[^`]*`,? then\b[^`.;]*$", before, flags=re.IGNORECASE))
    # "Given B3 holds 100 l, when I run `fill b3 20`, then its litres go up by 20 and the output is `B3: 120 l`"


@_per_command
def _output_pattern(context: Context) -> str | None:
    """A backticked line format naming fields (``TITLE by AUTHOR``) or a count (``N books``)."""
    if context.entity is None:
        return None
    names = {f.name.lower() for f in context.entity.fields}
    columns = _column_line(context)
    if columns is not None:  # "| column | what it shows |": the line told column by column
        return columns[0]
    card = _numbered_card(context)
    if card is not None:  # "prints exactly four lines: 1. `NAME by HOUSE` 2. `family: FAMILY` ..."
        return card
    per_line = _told_per_line(context)
    if per_line is not None:  # "one per line: the visited day, a space, then the name"
        return per_line[0]
    marker = _suffix(context, "list")
    writers = placeholder_writers(context.project, context.index)
    last_lines = {said.start(1) for said in COUNT_LINE.finditer(context.text)}  # "and then a last line `total: N`"
    for found in re.finditer(r"`([^`]+)`", context.text):
        text = found.group(1)
        if found.start(1) in last_lines and re.search(r"\b(?:one|each|a) (?:\w+ )?(?:per|a) line\b", context.lower):
            continue  # the listing's last line, not its records' (they are told "one name per line")
        tokens = re.findall(r"[A-Za-z_]\w*", text)
        told = _told_message(context, found.start()) if re.match(
            r":\s|\s*\((?:`[^`]*`|[^()`])+,|\.?\s+(?:[Tt]hat is|i\.e\.|[Ii]n other words)[:,]?\s|"
            r"\s+(?:The|Its|First) \w+(?: \w+)?(?: in (?:round )?brackets)?[;,]", context.text[found.end():]) \
            else None  # "like `...`: name, ...", "`C7 Sea Breeze (Jones) 9.5 m paid` (berth, boat, ...)", "`...` That is the"
        if _answers_a_command_line(context, found.start()) and told is not None \
                and not any(text == error.message for error in context.errors):
            return told[0]  # "... the output is `logged #1: ann ...`: `logged #`, the piece number, ...": the parts
        if _answers_a_command_line(context, found.start()) or any(
                text == error.message or (text.strip() and error.message.startswith(text)) for error in context.errors) \
                or _refused_after(context.text[found.end():]):  # (or its opening words, `bad day ` and the day)
            continue  # a worked example's answer, or an error's message ("gives `bad day`, status 2")
        if marker and text.strip() == re.sub(r"\{item\.(\w+)\}", lambda m: m.group(1).upper(), marker[0]).strip():
            continue  # ` [lent]` after the line: a marker, not the line
        if re.match(rf"{re.escape(context.project.name or '')} \w+", text) \
                and text.split()[1] in _command_names(context):
            continue  # `spots add "Old Mill" Docks 4 --light evening`: a command line, the program named
        if text.startswith("--") or text.split(" ", 1)[0] in _command_names(context) and (
                "--" in text or not any(token in writers for token in tokens)):
            continue  # an option or a command line (`history --bike BIKE`), not a format
        if told is not None:  # "like `old-mill (docks) **** evening x2`: name, area in brackets, the stars, ..."
            return told[0]
        if any(token.lower() in names or any(same(token, n) for n in names) for token in tokens) \
                or any(token in ("N", "COUNT", "TOTAL", "SUM", "X", "AVERAGE", "VALUE") for token in tokens) \
                or any(token in writers for token in tokens):  # `volume: WEIGHT`, weight() writes it
            return text
    return None


LOOKUP_WORDS = (r"out of range|not in|no such|not found|does not exist|doesn't exist|unknown|nobody|no one|never|"
                r"(?:is |are )?not (?:registered|on file|tracked|known|stored|logged|listed|rented|enrolled|moored|docked|"
                r"parked|present)\b|"
                r"\b(?:i|we|you) (?:do not|don't|did not|didn't) (?:have|own|hold|know)\b|"
                r"missing|not exist|nonexistent|no (\w+ )?(with|called|named|at)|isn't|is not there|aren't (?:on|in)\b|"
                r"are not (?:on|in)\b|(?:^|\b\w+ )not (?:on|in) (?:the|my|our|your|this)\b|"
                r"invalid (index|position|number)")


def _guards(context: Context, candidate: Interpretation):
    guards, not_understood, uses = [], [], []
    for error, part, said in _error_parts(context):
        condition = _defined_terms(context, said)  # "a DAY that is not a day", a *day* defined once
        trace = f"{error.span.file}:{error.span.line}" if error.span else ""
        if getattr(error, "shared", False) and condition.endswith("not found") \
                and candidate.select not in ("position", "key", "latest"):
            continue  # "If there's no alarm in the room you name, ...": said for every command that finds one
        key = ("guard", id(error), part)  # the same for every candidate: made once per command
        entity = re.escape(context.entity.name.lower()) if context.entity is not None else None
        if entity and candidate.select in ("position", "key", "latest") and re.search(
                rf"\b(?:is not|isn't|is no|not) (?:an? |one of the )?{entity}s?\b", condition):
            guards.append(Guard("lookup", error.message, error.status, trace=trace))  # "a name that is not a member"
            continue
        if key not in context.memo:
            made = _check_guard(context, error, condition, trace)
            context.memo[key] = None if made is not None and _refuses_a_shown_success(context, made) else made
        made = context.memo[key]
        if made is not None:
            guards.append(made)
            if made.function:
                uses.append(made.function)
            refused = re.fullmatch(r"refuses\((\w+)\((\w+)\)\)", made.condition or "") if made.kind == "predicate" else None
            for other in re.findall(r"\b([A-Z][A-Z_]*)\b", (re.search(r"\(([A-Z][A-Z_]* or [A-Z][A-Z_]*)\)",
                                                                        error.condition) or [None, ""])[1]):
                if refused and other.lower() != refused.group(2) and other.lower() in {p.name for p in context.params}:
                    guards.append(replace(made, condition=f"refuses({refused.group(1)}({other.lower()}))"))
                    # "a day (DAY or TO) check_day refuses": each of them
            continue
        if candidate.order_choices and re.search(rf"--{re.escape(candidate.order_choices[0])}\b|"
                                                 rf"\b{re.escape(candidate.order_choices[0])}\b", condition):
            param, choices = candidate.order_choices  # "--sort with anything else": not one it knows
            guards.append(Guard("check", error.message, error.status,
                                condition=f"{param} not in {tuple(choices)!r}",
                                trigger={param: "x" + "".join(choices)}, trace=trace))
            continue
        state = _state_guard(context, condition, candidate)
        if re.search(LOOKUP_WORDS, condition) and candidate.select in ("position", "key", "latest") and not (
                state is not None and re.search(r"\b(?:nobody|no one) (?:has|had|is|was)\b", condition)) and not (
                state is not None and any(  # "a number that isn't on the rack" is the lookup; "a quilt that
                    other is not error and re.search(LOOKUP_WORDS, other.condition.lower())  # isn't bound yet" a state
                    and _state_guard(context, other.condition.lower(), candidate) is None for other in context.errors)):
            guards.append(Guard("lookup", error.message, error.status, trace=trace))
            if state is not None and re.search(r"\b(?:isn't|is not|aren't|are not|no longer)\b", condition):
                # "a boat that isn't out right now": no rental of it, or only rentals that are back
                guards.append(Guard("state", error.message, error.status, condition=state, trace=trace))
            continue
        if state is not None:  # "an invoice that is already paid": the record found decides
            guards.append(Guard("state", error.message, error.status, condition=state, trace=trace))
            continue
        bound = _stored_bound(context, condition, candidate) or _overlap(context, condition, candidate)
        if bound is not None:  # "a km lower than the highest km already logged for the same car"
            guards.append(Guard("stored", error.message, error.status, condition=bound, trace=trace))
            continue
        limit = _count_limit(context, condition) if candidate.operation == "add" else None
        if limit is not None:  # "a holder with two lockers already": how many of the records hold that value
            guards.append(Guard("stored", error.message, error.status, condition=limit, trace=trace))
            continue
        moved_onto = re.search(r"\bthe same (\w+) on (?:the )?([A-Z][A-Z_]*) (?:is )?already (?:booked|taken|used|in use|filled)\b",
                               error.condition) if candidate.operation == "update" else None
        kept = context.field(moved_onto.group(1)) if moved_onto and context.entity is not None else None
        onto = next((a.field for a in candidate.assignments if moved_onto and a.op == "set"
                     and a.value == f"param:{moved_onto.group(2).lower()}"), None)
        if kept is not None and onto is not None and any(p.name == kept.name for p in context.params):
            guards.append(Guard("duplicate", error.message, error.status, trace=trace,  # "the same slot on TO
                                condition=f"{kept.name}:{kept.name},{onto}:{moved_onto.group(2).lower()}"))  # already booked"
            continue
        if re.search(r"already|duplicate|exists|taken|in use|same|twice|again|still (?:out|away|open|lent|borrowed)"
                     r"|\b(?:another|other) \w+ (?:uses|has|holds|occupies)\b"
                     r"|\bwhere (?:an? |the )?\w+ is (?:\w+ing|there|in it|on it) (?:now|right now|at the moment)\b"
                     r"|\b(?:match(?:es)?|equals?) (?:one|another|any|an? (?:existing|stored|known)\b)",
                     condition) \
                and candidate.operation == "add":
            said = [word for word in words(condition) if len(word) > 4 and not same(word, context.entity.name)
                    and word not in ("already", "registered", "stored", "logged", "recorded", "there", "exists")]
            placed = set(re.findall(r"\b(?:on|in|at|into|onto) (?:the|my|our) (\w+)\b", condition))
            said = [word for word in said if word not in placed]  # "already on the shelf": where, not which
            named = [(context.field(p.name), p.name) for p in context.params
                     if context.field(p.name) is not None and (
                         mentions(words(condition), p.name)
                         or mentions(words(condition), context.field(p.name).name)
                         or mentions(words(condition), unit_head(p.name) or "\0")  # "same kind and length": `length_m`
                         or (set(said) & set(words(context.field(p.name).description)[:6]))
                         - {f.name.lower() for f in context.entity.fields})]  # "callsign" of `call`, but
            # `points — points scored that night` does not stand for the night: that is a field of its own
            # (and "a sauce of the same name already on the shelf" is no `bottles — bottles of it on the shelf`)
            if re.search(r"\bsame\b", condition):  # "on the same band": a field a spec function works out
                named += [(context.field(name), source) for name, source in candidate.constructor.items()
                          if source.startswith("call:") and context.field(name) is not None
                          and re.search(rf"\bsame {re.escape(name.lower())}\b", condition)]
                for noun in re.findall(r"\bsame (\w+)", condition):  # "for the same card": `household — the card reference`
                    described = [(f, p.name) for p in context.params if (f := context.field(p.name)) is not None
                                 and not any(f is g for g, _ in named) and same(noun, (words(f.description) or [""])[
                                     1 if (words(f.description) or [""])[0] in ("the", "a", "an") else 0])]
                    named += described if len(described) == 1 else []
            dated = [f for f in context.entity.fields if iso_day(f)]
            for noun in re.findall(r"\b(?:for|on|at|in) (?:the|that|this) (?:said |same |given )(\w+)", condition):
                said_field = context.field(noun)
                if said_field is None and noun in ("date", "day") and len(dated) == 1:
                    said_field = dated[0]  # "for the said date" over `day: str — the date of the service`
                given = next((p.name for p in context.params if context.field(p.name) is said_field), None)
                if said_field is not None and given and not any(f is said_field for f, _ in named):
                    named.append((said_field, given))  # "the same hymn number ... for the said date"
            subject = re.match(r"\s*(?:an? |the )?(\w+) (?:(?:that|which) (?:already )?(?:has|have|holds|contains|is using)|"
                               r"where)\b", condition)  # "a pitch where a group is staying now": the pitch
            qualified = [f for f, _ in named if re.search(
                rf"\b(?:for|on|in|at) (?:this|that|the same|the given|the) {re.escape(f.name.lower())}\b", condition)]
            if subject and len(named) > 1 and any(same(subject.group(1), f.name) for f, _ in named) \
                    and not qualified:  # (not "a flat that has a payment for this month already": both)
                named = [(f, p) for f, p in named if same(subject.group(1), f.name)]  # "a bed that already has a crop"
            key_field = context.key_field()
            if key_field is not None and any(f is key_field for f, _ in named):
                named = [(f, p) for f, p in named if f is key_field]  # the unique field decides (after the subject:
                # "a berth that already has a boat" is the berth, whichever field is unique)
            itself = [(context.field(p.name), p.name) for p in context.params if context.field(p.name) is not None
                      and context.field(p.name).name.lower() in ("number", "id", "code", "no", "nr", "name", "title")]
            if not named and any(same(word, context.entity.name) for word in words(condition)) and len(itself) == 1:
                named = itself  # "a locker already in use": the locker itself, by its number
            if not named:
                key = key_field or next((context.field(p.name) for p in context.params
                                                  if context.field(p.name) is not None
                                                  and type_name(p.type) == "str"), None)
                named = [(key, p.name) for p in context.params if key is not None
                         and context.field(p.name) is key][:1]
            if len(named) == 1 and 2 <= len(stated_values(named[0][0].description)) <= 6:
                # "a slot that's already booked" over `slot: str — am or pm`: a field of two values cannot be
                # unique alone; the slot is taken on the day given with it
                named += [(f, p.name) for p in context.params if p.default is None and (f := context.field(p.name))
                          is not None and f is not named[0][0] and iso_day(f)][:1]
            if named:
                trigger = {"ignore_case": bool(re.search(r"case|capital|upper|lower", condition)
                                               or context.any_case)}
                among = _duplicate_state(context, condition)
                if among:  # "a title that is already out": only a loan not back yet counts
                    trigger["among"] = among
                message, held = _clash_sample(context, error.message)
                guards.append(Guard("duplicate", message, error.status,
                                    condition=",".join(f"{f.name}:{p}" for f, p in named),
                                    trace=trace, trigger=trigger, shown=held))
                continue
        stored = _balance_guard(context, condition, candidate) or _sentinel_guard(context, condition, candidate)
        if stored is not None:  # "spending more than the kid has", "lower than the highest km already logged"
            guards.append(Guard("stored", error.message, error.status, condition=stored, trace=trace))
            continue
        if re.search(r"\b(no(?!-)|nothing|empty|none|zero|never|without|nobody|no one)\b|there are no|is empty|no (\w+ )?(match|found|yet)|"
                     r"\b(did|does|has|have|had)(n't| not) (\w+ )?(any|ever|yet|got|done|come|been|played|logged)\b",
                     condition) \
                and candidate.operation in ("list", "show", "count", "aggregate", "update", "remove"):
            kind = "lookup" if candidate.operation in ("update", "remove") and candidate.select != "matching" else "empty"
            guards.append(Guard(kind, error.message, error.status, trace=trace))
            continue
        taken = [a for a in candidate.assignments if a.op == "subtract" and a.value.startswith("param:")]
        if len(taken) == 1 and candidate.select in ("key", "position") and re.search(
                r"\bnot enough\b|\bless (?:\w+ )?(?:left )?than (?:you|i|we) (?:want|ask|try)|\bmore than (?:is|there is|"
                r"it has|they have) (?:left|there)\b|\btoo (?:few|little)\b", f"{condition} {error.message.lower()}"):
            guards.append(Guard("state", error.message, error.status,  # "Not enough left: `not enough NAME`": the
                                condition=f"item.{taken[0].field} < {taken[0].value[6:]}", trace=trace))  # amount taken
            continue
        told = _state_guard(context, error.message.lower(), candidate) \
            if re.search(r"\balready\b", error.message.lower()) else None
        if told is not None:  # "Paying twice gets `#NUMBER was already paid`": the message says which state
            guards.append(Guard("state", error.message, error.status, condition=told, trace=trace))
            continue
        not_understood.append(error.condition)
    stored = _printed_as_stored(context)
    guards = [replace(guard, shown=tuple(token for token in stored if re.search(rf"\b{token}\b", guard.message)))
              if guard.kind == "state" and stored else guard for guard in guards]
    guards = [_counted_consent(context, candidate, guard) for guard in guards]
    return guards, not_understood, uses


def _counted_consent(context: Context, candidate: Interpretation, guard: Guard) -> Guard:
    """A consent refusal of a removal whose message counts what would go: "without `--yes`: it
    prints `this would remove 4 legs, add --yes to go ahead` ... the number is how many legs
    there were" -> `this would remove N legs, ...`, N counted where the records are known."""
    flag = re.fullmatch(r"not (\w+)", guard.condition or "")
    if guard.kind != "check" or flag is None or candidate.operation != "remove" \
            or candidate.select not in ("all", "matching") or context.entity is None:
        return guard
    nouns = {context.entity.name.lower(), plural(context.entity.name.lower()), *RECORD_NOUNS}
    counted = [match for match in re.finditer(r"(?<![\w.#])(\d+) (\w+)", guard.message)
               if match.group(2).lower() in nouns or singular(match.group(2).lower()) in nouns]
    if len(counted) != 1:
        return guard
    number = counted[0]
    message = guard.message[:number.start(1)] + "N" + guard.message[number.end(1):]
    least = re.search(r"\b(?:remove|delete|clear|drop|throw away|take away)\w* (?:\w+ )?(one|two|three|four|five|\d+) or more\b",
                      context.lower)  # "When that would remove two or more items it wants `--yes`": fewer go ahead
    condition = guard.condition
    if least:
        condition = f"{condition} and count >= {NUMBER_WORDS.get(least.group(1), least.group(1))}"
    return replace(guard, message=message, shown=("N",), condition=condition)


@_per_command
def _printed_as_stored(context: Context) -> tuple[str, ...]:
    """The placeholders a message writes as the record stores them, where the words say so
    ("whatever is printed uses the nickname as it's stored", "Messages always show the room
    like that"): a refusal about the record found names it as stored, not as typed."""
    if context.entity is None:
        return ()
    text = " ".join(f"{context.project.description or ''} {context.text}".split()).lower()
    found = []
    for said in re.finditer(r"\b(?:whatever|everything|anything|all|what) (?:is |gets |that's |that is )?(?:printed|shown)\b"
                            r"[^.]*?\bthe (\w+) as (?:it's|it is|it was|they're|they are)? ?stored\b|"
                            r"\bmessages? (?:always )?(?:show|use|print|write)s? the (\w+) (?:as stored|like that|"
                            r"as (?:it's|it is) stored)\b", text):
        word = said.group(1) or said.group(2)
        target = context.field(word) or field_named_loosely(context.entity, word)
        if target is not None and target.name.upper() not in found:
            found.append(target.name.upper())
    return tuple(found)


def _error_parts(context: Context) -> list[tuple[Any, int, str]]:
    """Each error clause's condition in lower case, split where it joins two conditions with ", or
    a/an/the": "an amount that to_cents can not read, or an amount of 0" is two checks with one
    message; (the clause, the part's index, the part)."""
    parts = []
    for error in context.errors:
        said = error.condition.lower()
        pieces = re.split(r",\s+or\s+(?=(?:an?|the)\s)", said)
        parts += [(error, index, piece) for index, piece in enumerate(pieces if len(pieces) > 1 else [said])]
    return parts


CHECK_NAMES = {"real_day": real_day, "len": len, "abs": abs, "min": min, "max": max, "str": str, "int": int, "float": float,
               "round": round, "any": any, "all": all, "re": re}


def _count_limit(context: Context, condition: str) -> str | None:
    """A cap on how many records may share a value: "a holder with two lockers already", "a
    member who already has three loans" -> ``2 <= the number of records whose holder is
    HOLDER`` (text compared ignoring case and blanks around it), as Python over ``store``."""
    numbers = {word: number for number, word in enumerate(
        ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"))}
    said = re.search(r"\b(?:an? |the )?(\w+) (?:with|who (?:already )?(?:has|have|holds?)|that (?:already )?(?:has|holds?)|"
                     r"having|holding) (?:already )?(\d+|" + "|".join(numbers) + r") (\w+)\b", condition)
    if said is None or not same(said.group(3), context.entity.name):
        return None
    param = next((p for p in context.params if type_name(p.type) == "str" and (
        same(p.name, said.group(1)) or (context.field(p.name) is not None and same(context.field(p.name).name, said.group(1))))),
        None) or next((p for p in context.params if type_name(p.type) == "str" and context.field(p.name) is not None
                       and said.group(1) in words(context.field(p.name).description)), None)
    target = context.field(param.name) if param is not None else None
    if target is None:
        return None
    count = int(said.group(2)) if said.group(2).isdigit() else numbers[said.group(2)]
    within = re.search(r"\b(?:on|for|in|at) (?:that|the same|this|the given|the) (\w+)\b", condition[said.end():])
    also = next((p for p in context.params if within and p is not param and context.field(p.name) is not None
                 and (same(p.name, within.group(1)) or same(context.field(p.name).name, within.group(1)))), None)
    same_too = f" and item.{context.field(also.name).name} == {also.name}" if also is not None else ""
    # "a goat that has two milkings on that day already": two of hers on that day
    return (f"sum(1 for item in store.all() if str(item.{target.name}).strip().casefold() == "
            f"str({param.name}).strip().casefold(){same_too}) >= {count}")


def _refuses_a_shown_success(context: Context, guard: Guard) -> bool:
    """Whether a check on the arguments fires on a step the spec shows succeeding: a misreading
    ("a day that isn't a real YYYY-MM-DD date" read as a list of allowed words), dropped so that
    the clause is reported as not understood instead of refusing the spec's own examples. The
    arguments are tried as given, as the add's cleaners store them and trimmed in lower case
    (a check may run after a cleaner): only a check that fires on all three is contradicted."""
    if guard.kind != "check" or not guard.condition:
        return False
    defaults = {p.name: default_value(p.default) for p in context.params if p.default is not None}
    for (_, _, status), _, values, _ in _simulated(context):
        if status != 0 or not values:
            continue
        given = {**defaults, **values}
        cleaned = dict(given)
        _clean_add_values(context.index, context.command.name, cleaned)
        folded = {name: " ".join(value.split()).lower() if isinstance(value, str) else value
                  for name, value in given.items()}
        if all(_fires(guard.condition, arguments) for arguments in (given, cleaned, folded)):
            return True
    return False


def _fires(condition: str, arguments: dict[str, Any]) -> bool:
    """A check's condition on argument values; False where it cannot be worked out (a name the
    step does not give, a value of another type) or reads an option left out (rendered as
    ``since is not None and (...)``, it is not checked then)."""
    read = set(re.findall(r"\b[a-z_]\w*\b", re.sub(r"'[^']*'|\"[^\"]*\"", "", condition)))
    if any(arguments.get(name, 0) is None for name in read):
        return False
    try:
        return bool(eval(condition, {"__builtins__": {}, **CHECK_NAMES}, dict(arguments)))
    except (NameError, TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError, SyntaxError):
        return False


BALANCE = (r"\b(?:(?:more|greater|bigger|larger|higher) than|above|over) (?:what |all )?(?:the |their |his |her |its |my |our |your )?"
           r"(?:\w+ )?(?:has|have|owns?|holds?|is held|are held|has left|have left|is left|are left|remains?|is available|"
           r"balance|(?:is |are )?in (?:the |their |his |her |my )?(?:account|wallet|jar|pot|purse|bank))\b")


def _balance_guard(context: Context, condition: str, candidate: Interpretation) -> str | None:
    """"Spending more than the kid has" on a ledger: the argument against the sum of the
    number field over the records of the same key, in Python over ``store``."""
    if candidate.operation not in ("add", "update") or context.entity is None \
            or not re.search(BALANCE, condition):
        return None
    numbers = [p for p in context.params if is_number(p.type) and p.default is None]
    fields = [f for f in context.fields_of("int", "float")]
    if len(numbers) != 1:
        return None
    amount = numbers[0]
    target = context.field(amount.name) or (fields[0] if len(fields) == 1 else None)
    keys = [p for p in context.params if p is not amount and type_name(p.type) == "str" and p.default is None
            and context.field(p.name) is not None and mentions(words(condition), context.field(p.name).name)]
    negated = amount.name in {p for p, f in candidate.transforms if f == "-abs"}
    signed = re.search(r"\b(?:negative|minus|positive) (?:when|for|if|means)\b", (target.description or "").lower()) \
        if target is not None else None  # "positive when money comes in, negative when it is spent"
    if target is None or not (negated or signed):
        return None  # a ledger holds what comes in and what goes out with their signs; else not a balance
    given = f"abs({amount.name})" if negated else amount.name
    if not keys:  # whose balance is not said: not read (a guess would refuse good commands)
        return None
    key = keys[0]  # "more than the kid has": the records of that kid
    return f"{given} > sum(item.{target.name} for item in store.all() if item.{context.field(key.name).name} == {key.name})"


def _stored_bound(context: Context, condition: str, candidate: Interpretation) -> str | None:
    """An argument against the highest or lowest value already stored: "a km lower than the
    highest km already logged for the same car" -> ``km < max((item.km for item in
    store.all() if item.car == car), default=km)``; the records of the same key when the
    words name one ("for the same car", "of that car"), else all of them."""
    if candidate.operation not in ("add", "update") or context.entity is None:
        return None
    match = re.search(r"\b(lower|less|smaller|below|under|earlier|higher|more|greater|bigger|larger|above|over|later)"
                      r" than (?:the |its )?(highest|largest|biggest|greatest|maximum|max|last|latest|lowest|smallest|"
                      r"minimum|min|first|earliest)\s+(\w+)", condition)
    if match is None:
        return None
    target = field_by_name(context.entity, match.group(3))
    given = next((p for p in context.params if target is not None and context.field(p.name) is target), None)
    if given is None or not (is_number(target.type) or iso_day(target)):
        return None
    op = "<" if match.group(1) in ("lower", "less", "smaller", "below", "under", "earlier") else ">"
    extreme = "max" if match.group(2) in ("highest", "largest", "biggest", "greatest", "maximum", "max", "last",
                                          "latest") else "min"
    keyed = re.search(r"\b(?:for|of|on) (?:the same|that|this|the) (\w+)", condition[match.end():])
    key = field_by_name(context.entity, keyed.group(1)) if keyed else None
    key_param = next((p for p in context.params if key is not None and context.field(p.name) is key), None)
    among = f" if item.{key.name} == {key_param.name}" if key_param is not None else ""
    return (f"{given.name} {op} {extreme}((item.{target.name} for item in store.all(){among}), "
            f"default={given.name})")


START_WORDS = ("start", "starts", "begin", "begins", "from", "start_hour", "start_time", "check_in", "opens")
END_WORDS = ("end", "ends", "finish", "finishes", "until", "to", "end_hour", "end_time", "check_out", "closes")


def _overlap(context: Context, condition: str, candidate: Interpretation) -> str | None:
    """"a room already booked at an overlapping time that day": a stored record of the same
    keys (the fields the clause names, "that day") whose span [start, end) meets the new one,
    in Python over ``store``."""
    if candidate.operation != "add" or context.entity is None or not re.search(r"\boverlap|\bclash|\bcollid", condition):
        return None
    numbers = [p for p in context.params if is_number(p.type) and context.field(p.name) is not None]
    start = next((p for p in numbers if p.name.lower() in START_WORDS), None)
    end = next((p for p in numbers if p.name.lower() in END_WORDS), None)
    if start is None or end is None:
        return None
    keys = [p for p in context.params if p not in numbers and context.field(p.name) is not None and (
        mentions(words(condition), context.field(p.name).name)
        or re.search(rf"\b(?:that|the same) {re.escape(context.field(p.name).name.lower())}\b", condition))]
    same_keys = "".join(f"item.{context.field(p.name).name} == {p.name} and " for p in keys)
    first, last = context.field(start.name).name, context.field(end.name).name
    return f"any({same_keys}{start.name} < item.{last} and item.{first} < {end.name} for item in store.all())"


def _clash_sample(context: Context, message: str) -> tuple[str, tuple[str, ...]]:
    """A refusal of a duplicate that shows sample values of the command's own line, each written
    as its placeholder: "`locker 12 is taken by Ann Lee` (the locker and whoever holds it now)"
    beside the line `locker 12 rented to Ann Lee until ...` (`... RENTER ...`) -> `locker LOCKER is
    taken by RENTER`; each is the value the clashing record holds (the renter who has the locker,
    not the one asking; the name as stored where names match in any case), returned as the
    placeholders shown so."""
    pattern = _output_pattern(context)
    tokens = re.findall(r"\b[A-Z][A-Z_]*[A-Z]\b", pattern or "")
    held = [token for token in re.findall(r"\b[A-Z][A-Z_]*[A-Z]\b", message) if context.field(token.lower()) is not None]
    if not tokens:
        return message, tuple(held)  # "NAME is already up": the name as the feeder that is up has it
    shape = "".join(f"(?P<{part}>.+?)" if part in tokens else re.escape(part)
                    for part in re.split(r"(\b[A-Z][A-Z_]*[A-Z]\b)", pattern) if part)
    values = next((sample.groupdict() for text in re.findall(r"`([^`]+)`", context.text)
                   if len(set(tokens)) == len(tokens) and (sample := re.fullmatch(shape, text))), None)
    for token, value in (values or {}).items():
        target = context.field(token.lower())
        if len(re.findall(rf"(?<![\w-]){re.escape(value)}(?![\w-])", message)) != 1 or target is None:
            continue
        message = re.sub(rf"(?<![\w-]){re.escape(value)}(?![\w-])", token, message)
        held.append(token)  # the clash's own value: the key as stored ("Oak is already up" for `add OAK`, any case)
    return message, tuple(held)


def _duplicate_state(context: Context, condition: str) -> str | None:
    """The state that makes an existing record a duplicate: "a title that is already out"
    over ``back: bool`` -> ``not item.back`` (a book back home can be lent again)."""
    for flag in context.fields_of("bool"):
        forms = "|".join(re.escape(form) for form in _bool_forms(flag.name))
        aside = re.search(rf"\((not |no longer |un)?(?:{forms})\)", condition)
        if aside:  # "a pitch where a group is staying now (not gone)": only a stay not gone yet
            return f"{'not ' if aside.group(1) else ''}item.{flag.name}"
        if flag.name.lower() in words(condition):
            continue  # "a task that already exists as done": the flag is a field, not a state
        antonyms = "|".join(word for word, fields in NEGATED_FLAGS.items() if flag.name.lower() in fields)
        if antonyms and re.search(rf"\b(?:already|still) (?:{antonyms})\b|^\s*(?:an?|the) (?:{antonyms}) \w+", condition):
            return f"not item.{flag.name}"  # "an open job of the same owner": only one not closed yet
        if re.search(rf"\b(?:already|still) (?:been |marked (?:as )?(?:an? )?)?(?:{forms})\b", condition):
            return f"item.{flag.name}"
    termed = _term_states(context, condition)
    if len(termed) == 1:  # "a locker that is already rented", *rented* defined as a rental not returned
        return f"{'not ' if termed[0].op == 'is false' else ''}item.{termed[0].field}"
    states = _states(context)
    if states is not None:  # "a camera that already holds a loaded roll": only a record in that state
        target, values = states
        said = re.search(rf"\b(?:an?|the|one) ({'|'.join(map(re.escape, values))})\b|"
                         rf"\bthat is (?:still )?({'|'.join(map(re.escape, values))})\b", condition)
        if said:
            return f"item.{target.name} == {(said.group(1) or said.group(2))!r}"
    return None


def _state_guard(context: Context, condition: str, candidate: Interpretation) -> str | None:
    """A clause on the state of the record an update or removal finds: "a task that is
    already done" -> ``item.done``; "a book that is not read yet" -> ``not item.read``."""
    pair = _ordered_pair(context, condition, record=True) if candidate.operation == "update" else None
    if pair is not None:  # "a new due date before the dispatch date": the argument against the loan's
        return pair
    stated = re.fullmatch(rf"(?:(?:an? |the )?\w+ (?:with|having|that has|who has) )?(?:only )?(fewer|less|more) than "
                          rf"(\d+|{'|'.join(NUMBER_WORDS)}) (\w+)(?: left| on (?:it|the \w+))?",
                          condition.strip()) if candidate.operation in ("update", "remove") else None
    counted = next((f for f in context.fields_of("int", "float") if same(stated.group(3), f.name)), None) \
        if stated and context.entity is not None else None
    if counted is not None and not any(same(p.name, counted.name) for p in context.params):
        number = NUMBER_WORDS.get(stated.group(2), stated.group(2))  # "fewer than eight stamps" over `stamps`
        return f"item.{counted.name} {'>' if stated.group(1) == 'more' else '<'} {number}"
    past = re.search(r"\b(?:take|takes|push|pushes|bring|brings|put|puts|send|sends) (?:the )?(\w+) (?:past|over|beyond|"
                     r"above) (?:the |its )?(\w+)", condition) if candidate.operation == "update" else None
    if past and context.entity is not None:  # "a write that would take used past capacity"
        grown, bound = context.field(past.group(1)), context.field(past.group(2))
        added = next((a for a in candidate.assignments if grown is not None and a.field == grown.name
                      and a.op == "add" and a.value.startswith("param:")), None)
        if added is not None and bound is not None and is_number(bound.type):
            return f"item.{grown.name} + {added.value[6:]} > item.{bound.name}"
    going = re.search(r"\b(?:going|goes|go|would go|run|running|runs) (?:past|over|beyond) (?:the )?(?:last |final |end of the )?"
                      r"(\w+)", condition) if candidate.operation == "update" and context.entity is not None else None
    added = [a for a in candidate.assignments if a.op == "add" and a.value.startswith("param:")]
    if going and len(added) == 1:  # "going past the last row" while rows are added to done: done + N > rows
        bound = context.field(going.group(1))
        if bound is not None and is_number(bound.type) and bound.name != added[0].field:
            return f"item.{added[0].field} + {added[0].value[6:]} > item.{bound.name}"
    moved = re.search(r"\bnew (\w+) (?:that is |which is )?(not )?(later|after|greater|higher|bigger|larger|more|"
                      r"earlier|before|lower|smaller|less) than (?:the |its )?(?:current|old|present|existing|stored|"
                      r"previous) (\w+)", condition) if candidate.operation == "update" else None
    if moved and context.entity is not None:  # "a new day that is not later than the current expiry"
        target = field_by_name(context.entity, moved.group(4)) or field_by_name(context.entity, moved.group(1))
        set_ = [a for a in candidate.assignments if a.op == "set" and a.value.startswith("param:")]
        if target is None and len(set_) == 1:  # "the current expiry" of `expires`, the field the command sets
            target = context.field(set_[0].field)
        given = next((p for p in context.params if target is not None and context.field(p.name) is target), None)
        if given is not None:
            up = moved.group(3) in ("later", "after", "greater", "higher", "bigger", "larger", "more")
            op = {(True, True): "<=", (True, False): ">", (False, True): ">=", (False, False): "<"}[(up, bool(moved.group(2)))]
            return f"{given.name} {op} item.{target.name}"
    bounded = re.search(r"\b(\w+)(?: count| number| value)? below (-?\d+) or (?:above|over|more than) (?:the \w+'s|its) (\w+)",
                        condition) if candidate.operation == "update" and context.entity is not None else None
    if bounded:  # "a cracked count below 0 or above the firing's pieces"
        given = next((p for p in context.params if same(p.name, bounded.group(1))), None)
        target = field_by_name(context.entity, bounded.group(3))
        if given is not None and target is not None and is_number(given.type) and is_number(target.type):
            return f"{given.name} < {bounded.group(2)} or {given.name} > item.{target.name}"
    condition = re.sub(r"\b(before|after) (?=the \w+'s |its )", lambda m: "earlier than " if m.group(1) == "before"
                       else "later than ", condition)  # "a day before the alarm's last test"
    than = re.search(r"\b(?:an? |the )?(\w+) (?:that is |which is )?(earlier|before|later|after|lower|higher|smaller|"
                     r"bigger|less|more|shorter|longer|lighter|heavier) than (?:the \w+'s|its|the (?=last |current |recorded |stored |present ))"
                     r" ?(?:last |current |recorded |stored |present )*(\w+)",  # "a DAY earlier than the last service"
                     condition) if candidate.operation == "update" and context.entity is not None else None
    if than:  # "a YEAR earlier than the tree's last recorded repotting": the argument against the record found
        given = next((p for p in context.params if same(p.name, than.group(1)) or unit_head(p.name) == than.group(1)), None)
        target = field_by_name(context.entity, than.group(3)) or next(
            (f for f in context.entity.fields if stem(f.name) == stem(than.group(3))
             or f.name.lower()[:5] == than.group(3)[:5]), None) or next(
            (f for f in context.entity.fields if given is not None and type_name(f.type) == type_name(given.type)
             and re.search(rf"\bthe (?:last |latest )?{re.escape(than.group(3))}\b", (f.description or "").lower())),
            None)  # "the alarm's last test" over `tested — the day of the last test`
        changing = any(a.field == getattr(target, "name", None) and a.value == f"param:{getattr(given, 'name', '')}"
                       for a in candidate.assignments)  # "a length shorter than the fish's length now": new against old
        if given is not None and target is not None and (context.field(given.name) is not target or changing) \
                and type_name(given.type) == type_name(target.type):
            op = "<" if than.group(2) in ("earlier", "before", "lower", "smaller", "less", "shorter", "lighter") else ">"
            return f"{given.name} {op} item.{target.name}"
    whole = re.search(r"\b(?:longer|bigger|larger|more|greater|heavier|wider|taller|deeper) than (?:the|its|that|this) (\w+)$",
                      condition.strip()) if candidate.operation == "update" and context.entity is not None else None
    taken = [a for a in candidate.assignments if a.op == "subtract" and a.value.startswith("param:")]
    if whole and len(taken) == 1 and (same(whole.group(1), context.entity.name) or whole.group(1) in RECORD_NOUNS):
        return f"{taken[0].value[6:]} > item.{taken[0].field}"  # "a cut longer than the piece": more than it has
    for text_field in context.fields_of("str") if candidate.operation in ("update", "remove") else ():
        verb = re.search(rf"\b(?:was|were|is|are|has been|have been|got)? ?(already |not (?:yet )?|never )?"
                         rf"({re.escape(text_field.name.lower()[:4])}\w*)\b( already| yet)?", condition)
        if _empty_state(text_field) and verb and verb.group(2) != text_field.name.lower() and (
                verb.group(1) or verb.group(3)) and verb.group(2).endswith(("en", "ed")):
            negated = (verb.group(1) or "").startswith(("not", "never"))  # "a cutting that was taken already" over
            return f"{'not ' if negated else ''}item.{text_field.name}"  # `taker: str = "" — "" while on the table`
    for number in context.fields_of("int", "float") if candidate.operation in ("update", "remove") else ():
        if default_value(number.default) is None and number.default is not None:  # `mark: int | None`
            name = re.escape(number.name.lower())
            if re.search(rf"\b(?:already )?(?:has|have|got) (?:a |an )?{name}\b", condition):
                return f"item.{number.name} is not None"  # "a resit that already has a mark"
            if re.search(rf"\b(?:has|have) no {name}\b|\bwithout an? {name}\b|\b(?:hasn't|has not) (?:got )?an? {name}\b",
                         condition):
                return f"item.{number.name} is None"
    states = _states(context) if context.entity is not None else None
    if states is not None:  # "a roll that is not loaded": the record's state
        target, values = states
        named = "|".join(map(re.escape, values))
        said = re.search(rf"(?:\b(?:is|are|was)|(?<=')s|\b(?=isn't|aren't|wasn't)) ?(not |no longer |not yet |already |"
                         rf"still |isn't (?:yet )?|aren't (?:yet )?|wasn't (?:yet )?)?({named})\b(?:,? or ({named})\b)?",
                         condition)  # "a quilt that isn't bound yet", "a quote that's already won or lost"
        if said:
            negated = bool(said.group(1)) and said.group(1).split()[0] in ("not", "no", "isn't", "aren't", "wasn't")
            if said.group(3) and said.group(3) != said.group(2):
                return f"item.{target.name} {'not in' if negated else 'in'} {(said.group(2), said.group(3))!r}"
            return f"item.{target.name} {'!=' if negated else '=='} {said.group(2)!r}"
    if candidate.operation not in ("update", "remove") or candidate.select not in ("position", "key"):
        return None
    for target in context.fields_of("int", "float"):  # "no pills left": the record's count is spent
        if re.search(rf"\b(?:no|zero|0) {re.escape(target.name)}(?: left)?\b|\bnone left\b|"
                     rf"\bout of {re.escape(target.name)}\b", condition) and (
                same(target.name, "left") or target.name in condition or "left" in words(target.description)):
            return f"item.{target.name} <= 0"
    if re.search(r"\b(nothing|none|no(?!-)|nobody|empty)\b", condition) \
            and not re.search(r"\b(?:nobody|no one) (?:has|had) (?:yet )?\w+", condition):
        return None  # "a client with nothing unpaid": no record found, not its state ("a no-show" is a state; so is
        # "a square that nobody has taken", its maker empty)
    for param in context.params:  # "a label the ticket already has": its list holds the argument
        for target in context.entity.fields if context.entity else []:
            if not is_list_type(target.type) or is_list_type(param.type) or not target.type.args \
                    or type_name(target.type.args[0]) != type_name(param.type) or not (
                    mentions(words(condition), param.name) or mentions(words(condition), target.name)):
                continue
            if re.search(r"\b(already (has|have|holds?|contains?|in|on|there)|is already)\b", condition):
                return f"{param.name} in item.{target.name}"
            if re.search(r"\b(does not|doesn't|do not|don't) (have|hold|contain)|\bnot (in|on|among)\b|"
                         r"\bisn't (in|on|there)\b", condition):
                return f"{param.name} not in item.{target.name}"
    compared = re.search(r"\b(more (?:\w+ )?than|greater than|above|over|exceeds?|bigger than|larger than|"
                         r"less (?:\w+ )?than|below|under|fewer (?:\w+ )?than|smaller than)\b(.*)", condition)
    numbers = [p for p in context.params if is_number(p.type) and mentions(words(condition), p.name)] or [
        p for p in context.params if is_number(p.type) and p.name != candidate.locate_param]  # "more seeds than"
    changed = next((a for a in candidate.assignments if a.op in ("add", "subtract") and a.value.startswith("param:")
                    and re.search(rf"\b{re.escape(a.field.lower())}\b", condition[:compared.start()] if compared else "")),
                   None)
    taken = next((a for a in candidate.assignments if a.op == "subtract" and a.value.startswith("param:")), None)
    if taken is not None and re.search(r"\b(?:more than|above|over|exceeds?|exceeding|greater than|beyond) (?:what|how many|"
                                       r"how much|the number|the amount|all)\b(?: \w+)? (?:is |are |it |they |you |i )?"
                                       r"(?:held|holds?|has|have|left|there|in stock|available|on hand|remaining|own)\b|"
                                       r"\b(?:more than|above|over|greater than) there (?:is|are)\b",
                                       condition):  # "a --qty above what is held", "more than there is"
        return f"{taken.value[6:]} > item.{taken.field}"
    if compared and changed is not None:  # "unsealed going above jars": the field once the change is made
        over = [f for f in context.fields_of("int", "float") if f.name != changed.field
                and re.search(rf"\b{re.escape(f.name.lower())}\b", compared.group(2))]
        if over:
            op = ">" if compared.group(1).split()[0] in (
                "more", "greater", "above", "over", "exceeds", "exceed", "bigger", "larger") else "<"
            sign = "+" if changed.op == "add" else "-"
            return f"item.{changed.field} {sign} {changed.value[6:]} {op} item.{over[0].name}"
    if compared and len(numbers) == 1:  # "an amount more than what is left": the record's quantity
        rest = [word for word in words(compared.group(2)) if len(word) > 2]
        for target in context.fields_of("int", "float"):
            described = [word for word in words(target.description) if len(word) > 3]
            if any(kin(word, target.name) for word in rest) \
                    or set(rest) & set(described):  # "more than the house owes" over `owed`
                op = ">" if compared.group(1).split()[0] in (
                    "more", "greater", "above", "over", "exceeds", "exceed", "bigger", "larger") else "<"
                return f"{numbers[0].name} {op} item.{target.name}"
    for target in context.entity.fields if context.entity else []:  # `arrived: str | None = none`, "a card
        if target.default is None or target.default.strip().lower() not in ("none", "null", '""', "''"):  # that has already
            continue                                                                              # arrived"
        if re.search(rf"\b(?:has|have|is|are|was|were) already (?:been )?{re.escape(target.name.lower())}\b", condition):
            return f"item.{target.name}"
        if re.search(rf"\b(?:has not|hasn't|have not|haven't|is not|isn't) (?:yet )?(?:been )?"
                     rf"{re.escape(target.name.lower())}(?: yet)?\b|\bnot yet {re.escape(target.name.lower())}\b", condition):
            return f"not item.{target.name}"
    for flag in context.fields_of("bool"):
        antonyms = "|".join(re.escape(word) for word in [
            *(word for word, fields in NEGATED_FLAGS.items() if flag.name.lower() in fields),
            *re.findall(r"\bfalse (?:for|when|if|while) (?:an? |the )?(?:\w+ (?:is|was) )?(\w+)", (flag.description or "").lower())])
        # (`recovered — false while the rocket is lost`: "a launch that isn't lost" is a recovered one)
        if antonyms and re.search(rf"\b(?:isn't|is not|aren't|are not|no longer|not) (?:\w+ )?(?:{antonyms})\b", condition):
            return f"item.{flag.name}"  # "a boat that isn't out right now" over `back`: it is back
        if antonyms and re.search(rf"\b(?:is|are) (?:still )?(?:{antonyms})\b", condition):
            return f"not item.{flag.name}"  # "a book that is still out"
        forms = "|".join(re.escape(form) for form in _flag_forms(flag))
        # `returned — whether the material has been received back`: "a loan already received back"
        if re.search(rf"\b(?:already|still) (?:been |marked (?:as )?(?:an? )?)?(?:{forms})\b", condition) \
                or re.fullmatch(rf"(?:an? |the )?(?:{forms}) \w+", condition.strip()) \
                or re.search(rf"\b(?:that|which|who) (?:is|are|was|were) (?:still |currently )?(?:{forms})\b",
                             condition) \
                or re.match(rf"(?:the|that|this) (?:{re.escape(context.entity.name.lower())}|one|record|entry) (?:is|are) "
                            rf"(?:still |currently |already )?(?:{forms})\b", condition.strip()):
            # "a retired pair", "a record that is lent out", "the pair is out"
            return f"item.{flag.name}"
        if re.search(rf"\b(?:not yet|not|never been|still un|already un)\s*(?:been )?(?:{forms})\b"
                     rf"|\bun(?:{forms})\b", condition):
            return f"not item.{flag.name}"
    beyond = re.search(r"\bmore (?:(\w+) )?than (?:are|is|there are|there is|what is|what's) (left|remaining|available)\b",
                       condition) if candidate.operation == "update" else None
    left = next((expression for name, expression in (_definitions(context) if beyond else {}).items()
                 if name.lower() == beyond.group(2) and "item." in expression), None)
    given = [a.value[6:] for a in candidate.assignments if a.op == "add" and a.value.startswith("param:")]
    if left is not None and len(given) == 1:  # "more portions than are left", LEFT being the portions minus what was taken
        return f"{given[0]} > {left}"
    had = re.search(rf"\b(?:that|which|who) (?:has|have) (?:had|used|reached|got) (?:its |their |all )?(?:(\d+|{'|'.join(NUMBER_WORDS)}) )?"
                    r"(\w+)\b|\b(?:with|having) (\w+) already\b", condition)
    counted = context.field(had.group(2) or had.group(3)) if had and context.entity is not None else None
    if counted is not None and is_number(counted.type) and not any(context.field(p.name) is counted for p in context.params):
        if had.group(1):  # "a voucher that has had its 3 parcels": as many as it may have
            return f"item.{counted.name} >= {NUMBER_WORDS.get(had.group(1), had.group(1))}"
        return f"item.{counted.name} > 0"  # "a voucher with parcels already handed out": some
    emptied = [f for f in context.fields_of("str") if _empty_state(f)]
    away = re.search(r"\b(?:that|which|who) (?:is|are) (not |no longer )?(?:already |still |currently )?"
                     r"(?:out|lent(?: out)?|borrowed|taken|away|in use|occupied|booked)\b", condition)
    if away and len(emptied) == 1:  # "a prop that is already out with a show" over `show` "empty while it is on its shelf"
        return f"{'not ' if away.group(1) else ''}item.{emptied[0].name}"
    for text_field in context.fields_of("str"):  # "a costume that is out already (it has an actor)"
        if default_value(text_field.default) == "" and re.search(
                rf"\b(?:it |that )?(?:has|holds|carries) (?:an? |its |the )?{re.escape(text_field.name.lower())}\b", condition):
            return f"item.{text_field.name}"
    for text_field in context.fields_of("str"):  # `holder` "empty while it hangs on the board": "a key on the board"
        state = {word[:4] for word in _empty_state(text_field)}  # "until somebody takes it on": "nobody has taken"
        if state and state & {word[:4] for word in words(condition) if len(word) > 3}:
            return f"not item.{text_field.name}"
    flags = [a for a in candidate.assignments if a.op == "set" and a.value in ("True", "False")]
    if re.search(r"\balready\b", condition) and len(flags) == 1:
        # "an order already picked up" while the command sets `collected`: its own state, reached before
        return f"{'' if flags[0].value == 'True' else 'not '}item.{flags[0].field}"
    return None


def _ordered_pair(context: Context, condition: str, record: bool) -> str | None:
    """ "a due date before the dispatch date": the argument named first against a second
    argument, or (``record``) the found record's field the words name (`sent — the date of
    dispatch`); "before"/"earlier than" is ``<``, "after"/"later than" ``>``."""
    said = re.search(r"\b(?:an? |the )?((?:\w+ ){0,2}?\w+)(?: that| which)? (?:is |are |comes? |falls? )?(not )?"
                     r"(before|after|earlier than|later than) (?:the \w+'s |the |its |their )?"
                     r"((?:\w+ ){0,2}\w+)", condition)  # ("a day before the alarm's last test": its last test)
    if said is None:
        return None
    negated, word = bool(said.group(2)), said.group(3)  # "a leave day that is not after the arrive day"
    first, second = set(words(said.group(1))), [w for w in words(said.group(4)) if w not in ("date", "day")]

    def param_in(said_words) -> Any:
        named = [p for p in context.params if p.default is None and set(words(p.name)) <= set(said_words)]
        return named[0] if len(named) == 1 else None
    left = param_in(first)
    right = param_in(second) if not record else None
    if right is None and not record and left is not None and second:  # `sent — the date of dispatch`
        described = [p for p in context.params if p.default is None and p is not left
                     and type_name(p.type) == type_name(left.type) and context.field(p.name) is not None
                     and set(second) <= set(words(context.field(p.name).description))]
        right = described[0] if len(described) == 1 else None
    if right is None and record and context.entity is not None and second and left is not None:
        fields = [f for f in context.entity.fields if type_name(f.type) == type_name(left.type) and (
            same(f.name, second[-1]) or set(second) <= set(words(f.description)))]
        right = fields[0] if len(fields) == 1 else None
    if left is None or right is None or left is right or type_name(left.type) != type_name(right.type):
        return None
    op = "<" if word in ("before", "earlier than") else ">"
    if negated:  # "not after the arrive day": on it or before it
        op = {"<": ">=", ">": "<="}[op]
    return f"{left.name} {op} {'item.' if record else ''}{right.name}"


def _defined_terms(context: Context, condition: str) -> str:
    """An error's condition with the terms the project defines written out: "A *day* is an
    existing calendar date written `YYYY-MM-DD`" makes "a day that is not a day" "... not an
    existing calendar date written YYYY-MM-DD"; "A temperature is *plausible* when it lies
    between -30 and 90" makes "not plausible" "not between -30 and 90"."""
    for term, meaning in _terms_defined(context).items():
        condition = re.sub(rf"\b(not|isn't|aren't|no longer) (?:an? )?{re.escape(term)}\b(?!\w)", rf"\1 {meaning}",
                           condition)
    return condition


def _terms_defined(context: Context) -> dict[str, str]:
    """The terms the project's words define once (see ``defined_terms``), read once per project."""
    if context.index.terms_defined is None:
        context.index.terms_defined = defined_terms(context.project)
    return context.index.terms_defined


def defined_terms(project) -> dict[str, str]:
    """The terms the project's words define once ("A *day* is ...", "a card is *travelling*
    while ...", "A poster's *take-down day* is take_down(...)"): {term: its meaning in small
    letters}."""
    defined = {}
    prose = re.sub(r"(?m)^#+ .*$", "", project.description or "")  # a "## Words" heading is no part of a sentence
    prose += "".join(f"\n{store.description}" for store in project.stores if store.description)  # "A locker is
    # *rented* while it has a rental whose key hasn't been returned", written under the store
    for sentence in _sentences(" ".join(prose.split())):
        sentence = sentence.rstrip(".")
        noun = re.search(r"(?:^|\b(?:an?|the) (?:\w+'s )?|^\w+'s )[*_\"](\w[\w -]*?)[*_\"](?: of (?:an? |the )?[\w ]+?)? "
                         r"(?:is|means) (.+)$", sentence, flags=re.IGNORECASE)  # "In this document a *day* is a
        # calendar date ...", "A poster's *take-down day* is take_down(the day it was pinned, its weeks)"
        quality = re.match(r"(?:an? |the )?\w+(?: \w+)? is [*_\"](\w+)[*_\"] (?:when|if|while|as long as) (?:it |its \w+ )?(?:lies |is |falls )?(.+)$",
                           sentence, flags=re.IGNORECASE)
        for found in (noun, quality):
            if found:  # "(four-digit year, ...)" and ", so `2024-02-29` is a day" are no part of it
                meaning = re.sub(r"\s+\([^)]*\)", "", found.group(2).replace("`", "").lower())  # not f(x)
                defined[found.group(1).lower()] = re.split(r",\s+(?:so|e\.g\.|for example|i\.e\.)\b", meaning)[0]
    for term, meaning in glossary(project):  # "| size text | a length written by size_text, e.g. `12.5 cm` |"
        meaning = re.sub(r"\s+\([^)]*\)", "", meaning.replace("`", "").lower())
        defined.setdefault(term.lower(), re.split(r",\s+(?:so|e\.g\.|for example|i\.e\.)(?!\w)|\.\s", meaning)[0])
    return defined


def _glossed(context: Context, name: str) -> str:
    """What the project's glossary says of a term named like a field ("| rower | the rower's name,
    stored and compared lower case with surrounding blanks removed |"), read once per project."""
    if context.index.glossary is None:
        context.index.glossary = {term.lower(): meaning for term, meaning in glossary(context.project)}
    return context.index.glossary.get(name.lower(), "")


def glossary(project) -> list[tuple[str, str]]:
    """The rows of a glossary the project keeps as a table ("| Term | Meaning |"): (term, meaning)."""
    rows = []
    for _, _, header, table in _tables(project.description or ""):
        if len(header) == 2 and re.fullmatch(r"(?:the )?(?:term|word|name|phrase)s?", header[0]) \
                and re.fullmatch(r"(?:the )?(?:meaning|definition|what it means|means|description)s?", header[1]):
            rows += [(row[0].strip().strip("*_`"), row[1].strip()) for row in table if len(row) == 2 and row[0].strip()]
    return rows


NONE_GIVEN = (r"^(?:(?:when |if )?(?:neither|none) (?:of (?:the|its|my) )?(?:two |the )?(?:options?|flags?|changes?|fields?)"
              r"|(?:when |if )?(?:no|without (?:any|an?)) (?:options?|flags?|changes?|fields? to change)"
              r"|nothing (?:is )?(?:given|to change|to correct|to update)"
              r"|(?:when |if )?(?:neither|none of) `?--[\w-]+`?(?:,? (?:n?or|and) `?--[\w-]+`?)+)\b")


def _all_left_out(context: Context, condition: str) -> tuple[str, dict] | None:
    """"neither option given", "no option", "nothing to change": every option of the command left
    out, as a condition over its arguments and the values that make it hold; None when the words
    say something else or the command has no options."""
    if not re.search(NONE_GIVEN, condition.strip()):
        return None
    options = [p for p in context.params if p.default is not None]
    if not options:
        return None
    clauses = [f"not {p.name}" if type_name(p.type) == "bool" else f"{p.name} is None" for p in options]
    if any(type_name(p.type) != "bool" and default_value(p.default) is not None for p in options):
        return None  # an option with a real default is always "given"
    return " and ".join(clauses), {p.name: False if type_name(p.type) == "bool" else None for p in options}


def _check_guard(context: Context, error, condition: str, trace: str):
    """Conditions on argument values, or a spec predicate that is false."""
    params = context.params
    condition = re.sub(r"(\d)\s+(?:mm|cm|m|km|kg|g|ml|l|minutes?|mins?|hours?|days?|weeks?|p|pence|cents?|pounds?|euros?)\b"
                       r"(?=\s+or\s+(?:less|more|fewer|lower|higher|below|above|under|over)\b)", r"\1", condition)
    # "a cut of 0 mm or less": the unit between the number and "or less" is no part of the comparison
    condition = _comparative_as_measure(context, condition)  # "a boat longer than 21.9 m": LENGTH more than 21.9
    pair = _ordered_pair(context, condition, record=False)
    if pair is not None:  # "a due date before the dispatch date" over dispatch(..., sent, due)
        return Guard("check", error.message, error.status, condition=pair, trace=trace)
    if re.search(r"\b(?:above|over|more than|below|under|less than) (?:the \w+'s|its) \w+", condition):
        return None  # "below 0 or above the firing's pieces": the record found bounds it (a state guard)
    for flag in params:  # "without --yes": a flag that must be given
        if type_name(flag.type) == "bool" and (re.search(
                rf"^(?:run(?:ning)?(?: it)? |called |used |calling it )?(?:without|unless|with no|no) (?:the )?"
                rf"`?--{re.escape(flag.name.replace('_', '-'))}\b",  # "running it without `--yes`"
                condition.strip()) or re.search(rf"\bwithout (?:`?--)?{re.escape(flag.name)}\b(?! or\b)", condition,
                                                 flags=re.IGNORECASE)):
            # ("Because there's no going back, without `--yes` it changes nothing")
            return Guard("check", error.message, error.status, condition=f"not {flag.name}",
                         trigger={flag.name: False}, trace=trace)
    left_out = _all_left_out(context, condition)
    if left_out is not None:  # "neither option given": a change with nothing to change
        return Guard("check", error.message, error.status, condition=left_out[0], trigger=left_out[1], trace=trace)
    mentioned = [p for p in params if re.search(rf"\b{re.escape(p.name.lower())}s?\b", condition)
                 or any(_abbreviates(p.name, word) for word in words(condition))  # "a priority" for `prio`
                 or re.search(rf"\b{re.escape(singular(p.name.lower()))}s?\b", condition)
                 or re.search(rf"\b{re.escape(p.name.lower().replace('_', ' '))}\b", condition)
                 or (unit_head(p.name) and re.search(rf"\b{re.escape(unit_head(p.name))}\b", condition))]
    # "a length of 0 or less" for `length_m`
    numeric = [p for p in params if is_number(p.type)]
    if not mentioned:  # "a negative weight" over `kg: float — weight on the bar`
        described = [p for p in numeric if context.field(p.name) is not None and {
            w for w in words(context.field(p.name).description) if len(w) > 3} & set(words(condition))]
        mentioned = described if len(described) == 1 else []
    if not mentioned:  # "a rise outside 0 to 400" for `rise(number, percent)`: the field the argument fills
        filling = [p for p in numeric if (target := _field_for_param(context, p)) is not None
                   and re.search(rf"\b{re.escape(target.name.lower())}\b", condition)]
        mentioned = filling if len(filling) == 1 else []
    if not mentioned and len(numeric) == 1 and re.search(
            r"below|above|under|over|less|more|greater|outside|between|negative|zero|positive|\d", condition):
        mentioned = numeric
    if not mentioned and re.search(r"below|above|under|over|less|more|greater|outside|between|negative|zero|positive|\d",
                                   condition):  # "a negative number" printing "flowered can't be negative": the message
        messaged = [p for p in numeric if re.search(rf"\b{re.escape(p.name.lower())}\b", (error.message or "").lower())]
        mentioned = messaged if len(messaged) == 1 else []
    if not mentioned and re.search(rf"^(?:an? |the )?{re.escape(context.command.name.lower())} of\b", condition.strip()):
        given = [p for p in numeric if p.default is None and context.field(p.name) is not context.key_field()
                 and p.name.lower() not in INDEX_NAMES]  # "a cut of 0 mm or less" for `cut NUMBER LENGTH`: the
        mentioned = given if len(given) == 1 else []  # amount the command is named for
    if not mentioned and REAL_DATE.search(condition):  # "a purchase date that isn't a real ..." over `bought`
        dated = [p for p in params if type_name(p.type) == "str" and (
            iso_day(p) or (context.field(p.name) is not None and (
                iso_day(context.field(p.name)) or re.search(r"\b(?:date|day)\b", context.field(p.name).description or ""))))]
        mentioned = dated if len(dated) == 1 else []
    dated = re.search(r"\b(?:is not|isn't|not) an? (?:real |valid |proper |actual )?(?:calendar )?(?:date|day)\b", condition)
    checkers = [f for f in context.functions.values() if dated and f.returns is not None and type_name(f.returns) == "bool"
                and len(f.params) == 1 and type_name(f.params[0].type) == "str"
                and re.search(r"\b(?:date|day)\b", (f.description or "").lower())]
    if len(checkers) == 1 and len(mentioned) == 1 and type_name(mentioned[0].type) == "str":
        # "a night that is not a date" where valid_night is "True when the text is a real calendar date"
        return Guard("predicate", error.message, error.status, condition=f"not {checkers[0].name}({mentioned[0].name})",
                     trace=trace, function=checkers[0].name)
    emptied = re.search(r"\bthat (\w+) (?:makes|turns|leaves) (?:empty|blank)\b|\b(?:that|which|for which) (\w+) "
                        r"(?:gives|returns) (?:an? )?(?:empty|blank)(?: \w+)?\b", condition)
    cleaner = context.functions.get(emptied.group(1) or emptied.group(2)) if emptied else None
    if cleaner is not None and cleaner.returns is not None and type_name(cleaner.returns) == "str" \
            and len(cleaner.params) == 1 and len(mentioned) == 1:  # "a KIND that clean_kind makes empty"
        return Guard("predicate", error.message, error.status, condition=f"not {cleaner.name}({mentioned[0].name})",
                     trace=trace, function=cleaner.name)
    real_date = REAL_DATE.search(condition) and len(mentioned) == 1 and type_name(mentioned[0].type) == "str"
    refusing = None if real_date else _refusing_function(context, condition, mentioned or params)
    # ("a leave that is not a real date": a date's own check, not nights() that raises for a leave too early)
    if refusing is not None:  # "a grade not on the scale" where grade_rank() raises "off the scale"
        function, argument = refusing
        return Guard("predicate", error.message, error.status, condition=f"refuses({function.name}({argument}))",
                     trace=trace, function=function.name)
    # a spec function returning bool that the condition names: "a date that is not valid"
    for function in context.index.mentioned_in(words(condition)):
        if function.returns is None or type_name(function.returns) != "bool":
            continue
        fwords = [w for w in words(function.name) if len(w) > 2 and w not in ("is", "has")]
        if not fwords or not all(mentions(words(condition), w) for w in fwords):
            continue
        if all(any(same(w, p.name) for p in params) for w in fwords) \
                and function.name.lower() not in condition and not re.search(
                r"\b(valid|invalid|fails?|bad|wrong|malformed|format\w*|not an? \w+|proper|legal|illegal|"
                r"accepted|rejected|allowed|looks? like|written)\b", condition):
            continue  # "no reading for that day" names the argument, not is_day
        def related(param, fwords=fwords) -> int:
            target = context.field(param.name)
            text = words(param.name) + (words(target.description) if target is not None else [])
            return -sum(mentions(text, w) or any(w[:3] == t[:3] for t in text) for w in fwords)

        arguments = []
        for fparam in function.params:
            typed = sorted((p for p in (mentioned or params) if type_name(p.type) == type_name(fparam.type)),
                           key=related)
            named_here = [p for p in typed if re.search(rf"\b{re.escape(p.name.lower())}\b", condition.lower())]
            match = (named_here[0] if len(function.params) == 1 and len(named_here) == 1 else None) or next(
                (p for p in params if same(p.name, fparam.name)), None) or (  # "valid_day says False for the day",
                _metavar_param(context, condition, typed) if len(function.params) == 1 else None) or next(  # not `text`
                iter(typed), None)
            if match is None:
                break
            arguments.append(match.name)
        else:
            negated = bool(re.search(r"\bnot\b|n't\b|\bin\w+|\bun\w+|\bbad\b|\bwrong\b|\bfalse\b|"
                                     r"\bfails?\b|\brejects?\b|\brefuses?\b|\bdeclines?\b|\bturns? down\b|"
                                     r"\bno\b", condition))  # "a date that valid_day refuses", "doesn't accept"
            call = f"{function.name}({', '.join(arguments)})"
            return Guard("predicate", error.message, error.status,
                         condition=f"not {call}" if negated else call, trace=trace,
                         function=function.name)
    if len(mentioned) == 2 and all(is_number(p.type) for p in mentioned):
        related = _relation(mentioned, condition)
        if related is not None:  # "sys not above dia": one argument against the other
            clause, trigger = related
            return Guard("check", error.message, error.status, condition=clause, trigger=trigger, trace=trace)
    if len(mentioned) >= 2:  # "sys outside 50 to 260 or dia outside 30 to 160": one clause each
        names = "|".join(re.escape(p.name.lower()) for p in mentioned)
        parts = re.split(rf",? or (?=(?:the |a |an |its )?(?:{names})\b)", condition)
        tail = re.sub(rf"^\s*(?:the |a |an |its )?(?:{names})\b", "", parts[-1])
        parts = [part + tail if re.fullmatch(rf"\s*(?:the |a |an |its )?(?:{names})\s*", part) else part
                 for part in parts]  # "grams or minutes smaller than 1": the comparison is said once for both
        made = [_param_clauses(next(p for p in mentioned if re.search(rf"\b{re.escape(p.name.lower())}\b", part)),
                               part) if sum(bool(re.search(rf"\b{re.escape(p.name.lower())}\b", part))
                                            for p in mentioned) == 1 else ([], None, None) for part in parts]
        if len(parts) < 2 or not all(clauses for clauses, _, _ in made):
            return None
        condition_source = " or ".join(f"({c})" for clauses, _, _ in made for c in clauses)
        _, bad, name = made[0]
        return Guard("check", error.message, error.status, condition=condition_source,
                     trigger={name: bad}, trace=trace)
    if len(mentioned) != 1:
        return None
    target = _field_for_param(context, mentioned[0])
    reader = _reader(context, mentioned[0])
    if reader is not None:  # "a fee of zero" over a fee read with fee_cents: the number it reads is checked
        clauses, bad, name = _param_clauses(replace(mentioned[0], type=reader.returns), condition, [])
        clauses = [re.sub(rf"(?<![.\w]){re.escape(name)}\b(?!\()", f"{reader.name}({name})", clause) for clause in clauses]
        bad = str(bad) if bad is not None else bad
    else:
        clauses, bad, name = _param_clauses(mentioned[0], condition,
                                            stated_values(target.description) if target is not None else [])
    if not clauses:
        return None
    return Guard("check", error.message, error.status, condition=" or ".join(f"({c})" for c in clauses),
                 trigger={name: bad}, trace=trace)


COMPARATIVES = {  # "longer than": the measure it compares, as the words an argument may be named by, and the way
    "longer": (("length", "long", "len", "metres", "meters", "feet"), "more"), "shorter": (("length", "long", "len"), "less"),
    "heavier": (("weight", "heavy", "kg", "grams", "mass"), "more"), "lighter": (("weight", "kg", "grams", "mass"), "less"),
    "older": (("age", "years", "old"), "more"), "younger": (("age", "years"), "less"),
    "taller": (("height", "tall", "cm"), "more"), "wider": (("width", "wide"), "more"),
    "narrower": (("width", "wide"), "less"), "deeper": (("depth", "deep"), "more"),
    "faster": (("speed", "mph", "kmh"), "more"), "slower": (("speed", "mph", "kmh"), "less"),
    "dearer": (("price", "cost"), "more"), "cheaper": (("price", "cost"), "less"),
    "bigger": (("size",), "more"), "smaller": (("size",), "less")}


def _comparative_as_measure(context: Context, condition: str) -> str:
    """"a boat longer than 21.9 m" over through(boat, ..., length: float) -> "length more than
    21.9 m": a comparative adjective is the number argument named for its measure."""
    said = re.search(r"(?:\b(?:an? |the )(\w+) )?\b(" + "|".join(COMPARATIVES) + r") than\b", condition)
    if said is None:
        return condition
    names, way = COMPARATIVES[said.group(2)]
    measured = [p for p in context.params if is_number(p.type) and any(same(p.name, name) for name in names)]
    if len(measured) != 1:
        return condition
    # "a depth of 0 or less, or deeper than 40": the comparative in its place; "a boat longer than": the boat goes
    return f"{condition[:said.start()]}{measured[0].name} {way} than{condition[said.end():]}"


RELATIONS = [(r"not (?:above|over|more than|greater than|bigger than|higher than|after)", "<="),
             (r"not (?:below|under|less than|smaller than|lower than|before)", ">="),
             (r"(?:above|over|more than|greater than|bigger than|higher than|after|exceeds)", ">"),
             (r"(?:below|under|less than|smaller than|lower than|before)", "<"),
             (r"(?:at most|no more than|not more than)", "<="), (r"(?:at least|no less than)", ">="),
             (r"(?:equal to|the same as|equals)", "==")]


def _relation(params: list, condition: str) -> tuple[str, dict[str, Any]] | None:
    """A clause comparing two arguments: "sys not above dia" -> ``sys <= dia`` (and the
    values that make it fire: both the same, or the first one lower)."""
    first, second = (re.escape(p.name.lower()) for p in params)
    condition = re.sub(r"\b(is|are|was|were|does|do)n't\b", r"\1 not", condition)  # "an end that isn't after the start"
    for a, b, left, right in ((first, second, params[0], params[1]), (second, first, params[1], params[0])):
        for pattern, op in RELATIONS:
            if re.search(rf"\b{a}\b (?:that |which )?(?:is |are |was )?{pattern} (?:the )?{b}\b", condition):
                trigger = {left.name: 1, right.name: 1} if "=" in op else \
                    {left.name: 1, right.name: 2} if op == "<" else {left.name: 2, right.name: 1}
                return f"{left.name} {op} {right.name}", trigger
    return None


def _every_group(group_field, lower: str) -> str | None:
    """Every key of the group field the words ask for, empty groups too: "1..5" from a stated
    range, "small|medium|large" from stated values ("always prints three lines ... even for a
    size I have none of", "all four stages ..., including the stages nobody's quilt is at")."""
    if not re.search(r"\bempty (?:\w+ )?(?:included|too|as well)\b|\b(?:including|even|also) (?:the )?empty\b|"
                     r"\bevery \w+, even\b|\balways (?:prints? )?(?:\w+ )?lines\b|\beven for (?:a |an |the )?\w+ "
                     r"(?:\w+ )?(?:has|have|had) none\b|\bincluding (?:the )?\w+ (?:that )?(?:nobody|no one|nothing)\b|"
                     r"\ball (?:two|three|four|five|six|seven|eight|nine|ten) \w+|"
                     r"\bexactly (?:two|three|four|five|six|seven|eight|nine|ten) lines\b|"
                     r"\bwithout \w+(?:-\w+)? (?:shall|will|is|are) still (?:be )?(?:printed|shown)\b", lower):
        return None
    if is_number(group_field.type):
        stated = re.search(RANGE, group_field.description or "")
        return f"{stated.group(1)}..{stated.group(2)}" if stated else None
    values = _as_written(group_field, stated_values(group_field.description))
    ordered = re.search(r"\border\s+([\w-]+(?:,\s*[\w-]+)+(?:,? (?:and|then) [\w-]+)?)", lower)
    if len(values) < 2 and ordered:  # "one for each material in the fixed order paper, glass, metal, plastic"
        values = re.findall(r"[\w-]+", re.sub(r",? (?:and|then) ", ", ", ordered.group(1)))
    return "|".join(values) if len(values) >= 2 else None


def _as_written(target, values: list[str]) -> list[str]:
    """A field's listed values spelled as its description writes them, where it says they are
    stored so ("Ash, Beech, Cedar or Oak, always stored written exactly like that"); else as
    given."""
    description = target.description or "" if target is not None else ""
    if not re.search(r"\b(?:written|stored|kept) exactly\b|\bexactly (?:like that|as written|as listed)\b", description.lower()):
        return values
    return [next((said.group(0) for said in re.finditer(rf"\b{re.escape(value)}\b", description, flags=re.IGNORECASE)),
                 value) for value in values]


def stated_values(description: str | None) -> list[str]:
    """The values a field's description lists: "green, black, oolong, white or herbal"."""
    found = re.search(r"(?:^|:\s*|\bone of\s+|\beither\s+)([\w-]+(?:, [\w-]+)*,? (?:or|and) [\w-]+)\b",
                      (description or "").lower())
    if found is None:
        return []
    said = (description or "")[found.start(1):found.end(1)]  # as written: `XS, S, M, L or XL` keeps its capitals
    values = re.findall(r"[\w-]+", re.sub(r",? (?:or|and) ", ", ", said))
    return values if all(value.isupper() for value in values if value.isalpha()) else [v.lower() for v in values]


def _metavar_param(context: Context, condition: str, params: list):
    """The parameter a clause names by its option's metavar: "Given `--before MONTH` ... If
    MONTH does not satisfy valid_month" -> `before` (the clause may be lower-cased)."""
    return next((p for p in params for metavar in re.findall(
        rf"--{re.escape(p.name.replace('_', '-'))} ([A-Z][A-Z_]*)\b", context.text)
        if re.search(rf"\b{metavar}\b", condition, flags=re.IGNORECASE)), None)


def _refusing_function(context: Context, condition: str, params: list) -> tuple[Any, str] | None:
    """A spec function of one argument whose examples raise (``grade_rank("mint") raises
    ValueError``) and whose words the error clause shares ("a grade not on the scale" where the
    function says "Off the scale: ValueError"): the command refuses what it refuses."""
    explicit = re.search(r"\b(\w+)(?:\(\))? (?:raises|fails|rejects|refuses|throws|does not accept|doesn't accept|"
                         r"can't read|cannot read|can not read|can't make sense of|does not understand|doesn't understand)\b",
                         condition)  # "a card reference that card_ref can't read"
    function = context.functions.get(explicit.group(1)) if explicit else None
    if function is not None and function.returns is not None and type_name(function.returns) == "bool":
        return None  # "a tag that tag_ok rejects": a predicate that is false, not an exception
    if function is not None and len(function.params) > 1:  # "If ready_day raises ValueError for the start day"
        chosen = [next((p for p in context.params if same(p.name, fparam.name)), None) or next(
            (p for p in context.params if type_name(p.type) == type_name(fparam.type)
             and re.search(rf"\b{re.escape(p.name.lower()[:4])}", condition)), None) for fparam in function.params]
        if all(chosen):
            return function, ", ".join(p.name for p in chosen)
    if function is not None and len(function.params) == 1:  # "a size where norm_size raises ValueError"
        typed = [p for p in params if type_name(p.type) == type_name(function.params[0].type)]
        chosen = next((p for p in typed if re.search(rf"\b{re.escape(p.name.lower())}\b", condition)), None) or \
            _metavar_param(context, condition, typed) or (
            typed[0] if len(typed) == 1 else None) or next(
            (p for p in typed if any(same(w, p.name) for w in words(function.name))), None) or next(  # clean_pair
            (p for p in typed if (f := context.field(p.name)) is not None and {  # "a card reference" over
                w for w in words(f.description)[:4] if len(w) > 3} & set(words(condition))), None)  # `household`
        if chosen is not None:
            return function, chosen.name
    if context.entity is not None and re.match(
            rf"\s*(?:an? |the )?(?:{re.escape(context.entity.name.lower())}|{RECORD_NOUNS_RE})s? (?:that|which|whose)\b",
            condition):
        return None  # "an entry that isn't pending anymore": the state of the record found, not a value refused
    condition = re.sub(r"\(?\b(?:also )?(?:when it is |when )?(?:written |typed )?in (?:any|other|another|a different) "
                       r"case\)?|\bin (?:big|small) or (?:big|small) letters\b|\([^)]*\b(?:case|letters)\b[^)]*\)",
                       " ", condition)  # not "other" of a case, "(big or small letters do not matter)"
    if re.search(r"\b(?:already|exists?|taken|duplicate)\b", condition):
        return None  # "in case the name exists already": a duplicate, not a value the function refuses
    if not re.search(r"\b(?:not|unknown|invalid|off|other|bad|wrong|unrecogni[sz]ed|no such|outside)\b|n't\b", condition):
        return None  # "a kind I don't do"
    if re.search(r"\d", condition):
        return None  # "ml outside 0..1000": the clause states its own bounds (stars() raising outside 0..5 is another check)
    said = {stem(word) for word in words(condition) if len(word) > 3} - {stem(w) for w in (
        "case", "also", "when", "written", "that", "this", "with", "which", "what", "there", "then", "than", "from",
        "into", "have", "been", "will", "would", "should")}  # "a day that is not a real date" shares no word with
    # "turn that into cents"
    refusing = r"\b(\w+)(?:\(\))? (?:raises|fails|rejects|refuses|throws|does not accept|doesn't accept|does not know)\b"
    named_elsewhere = {said.group(1) for error in context.errors if error.condition.lower() != condition
                       for said in re.finditer(refusing, error.condition)}  # "a code that catalogue_code rejects"
    for function in context.functions.values():
        if not function.params or not any(example.raises for example in function.examples):
            continue
        if function.name in named_elsewhere:
            continue  # "a code that catalogue_code rejects" is that check; "a code not in the catalogue" another
        told = {stem(word) for word in words(function.description or "") + words(function.name) if len(word) > 3}
        if not said & told:
            continue
        if len(function.params) > 1:  # price(kind, blade) "Any other kind raises": "a kind I don't do"
            named = [next((p for p in context.params if same(p.name, fparam.name)), None) for fparam in function.params]
            if all(named) and any(re.search(rf"\b{re.escape(p.name.lower())}\b", condition) for p in named):
                return function, ", ".join(p.name for p in named)
            continue
        typed = [p for p in params if type_name(p.type) == type_name(function.params[0].type)]
        chosen = next((p for p in typed if any(same(w, p.name) for w in words(function.name))), None) or (
            typed[0] if len(typed) == 1 else None)
        if chosen is not None:
            return function, chosen.name
    return None


def _param_clauses(param, condition: str, stated: list[str] = ()) -> tuple[list[str], Any, str]:
    """The checks a clause states on one argument's value: "below zero", "outside 1 to 5",
    "0 or less, or more than 24"; with a value that makes them fire. ``stated``: the values
    the argument's field lists, for "a kind that is not one of the five"."""
    name = param.name
    kind = type_name(param.type)
    number = r"(-?\d+(?:\.\d+)?|" + "|".join(NUMBER_WORDS) + ")"
    condition = re.sub(r"\b(that|which|it|who)'s not\b", r"\1 is not", condition)  # "a kind that's not repair, ..."

    def value(text: str):
        text = str(NUMBER_WORDS.get(text, text))
        return float(text) if "." in text else int(text)

    clauses, bad = [], None
    listed = re.search(r"\b(?:other than|not one of|isn't|is not|neither|none of)\s+((?:-?\d+(?:\.\d+)?(?:,\s*|\s+or\s+|\s+nor\s+))+"
                       r"-?\d+(?:\.\d+)?)\b", condition) if kind in ("int", "float") else None
    if listed:  # "a priority other than 1, 2 or 3"
        allowed = [value(text) for text in re.findall(r"-?\d+(?:\.\d+)?", listed.group(1))]
        return [f"{name} not in {tuple(allowed)!r}"], max(allowed) + 1, name
    if kind in ("int", "float"):
        outside = re.search(rf"\b(?:outside|not (?:in|between|within|from)?)\s*(?:the range\s+)?(?:of\s+)?{number}\s*(?:\.\.|-|to|and|–)\s*{number}", condition)
        # "a pitch number that is not 1 to 30"
        if outside:
            low, high = value(outside.group(1)), value(outside.group(2))
            clauses.append(f"{name} < {low} or {name} > {high}")
            bad = high + 1
        for pattern, op in ((("below|under|less than|smaller than|lower than|fewer than|before|earlier than|"
                             "shallower than|lighter than|shorter than"), "<"),
                            (("above|over|greater than|more than|larger than|higher than|exceeds|bigger than|after|later than|"
                             "deeper than|heavier than|longer than|taller than"), ">"),
                            ("at least|no less than", ">="), ("at most|no more than", "<=")):
            found = re.search(rf"\b(?:{pattern})\s+{number}", condition)
            if found and not outside:
                limit = value(found.group(1))
                if re.search(r"\b(?:not|isn't|aren't|never)\s+(?:\w+\s+)?$", condition[:found.start()]):
                    op = {"<": ">=", ">": "<=", ">=": "<", "<=": ">"}[op]  # "not above zero": <= 0
                clauses.append(f"{name} {op} {limit!r}")
                step = 1 if kind == "int" else 0.5
                if bad is None:
                    bad = {"<": limit - step, ">": limit + step, ">=": limit, "<=": limit}[op]
        for found in re.finditer(rf"(?<![\w.]){re.escape(name.lower())}\s*(<=|>=|<|>|==|!=|=|≤|≥)\s*{number}", condition):
            if outside:  # "nitrate < 0", "qty <= 0" (the terse form): the argument against a number
                break
            op = {"=": "==", "≤": "<=", "≥": ">="}.get(found.group(1), found.group(1))
            limit = value(found.group(2))
            clauses.append(f"{name} {op} {limit!r}")
            step = 1 if kind == "int" else 0.5
            if bad is None:
                bad = {"<": limit - step, ">": limit + step, ">=": limit, "<=": limit, "==": limit,
                       "!=": limit + step}[op]
        for pattern, op in ((r"or (?:less|fewer|lower|below|under)", "<="), (r"or (?:more|above|higher|greater|over)", ">=")):
            found = re.search(rf"\b{number}\s+{pattern}\b(?!\s+(?:than\s+)?-?\d)(?!\s+(?:the|its|their|what|how)\b)",
                              condition)  # "0 or less"; not "below 0 or above the firing's pieces"
            if found and not outside:  # also "0 or less, or more than 24": both; not "-60 or above 60"
                limit = value(found.group(1))
                clauses.append(f"{name} {op} {limit!r}")
                bad = limit
        step = re.search(r"\bnot (?:a |an )?(?:whole )?(?:number of )?(quarter|half)[- ]hours?\b|"
                         r"\bnot (?:a |an )?(?:whole )?multiple of (\d+)\b|\bnot in steps of (\d+)\b|"
                         r"\bnot (?:in )?(\d+)-minute steps\b", condition)
        if step and kind == "int":  # "minutes that are not a whole number of quarter hours": minutes % 15
            size = {"quarter": 15, "half": 30}.get(step.group(1) or "", 0) or int(
                step.group(2) or step.group(3) or step.group(4))
            clauses.append(f"{name} % {size} != 0")
            bad = bad if bad is not None else size + 1
        if re.search(r"\b(zero or negative|not positive|non-positive|zero or less|less than one)\b", condition):
            clauses, bad = [f"{name} <= 0"], 0
        elif re.search(r"\bnegative\b", condition) and not clauses:
            clauses.append(f"{name} < 0")
            bad = -1
        elif re.search(r"\bzero\b", condition) and not clauses:
            clauses.append(f"{name} == 0")
            bad = 0
    elif kind == "str" and re.search(r"\b(?:does not|doesn't|do not|don't) (?:look like|have the shape of|match)\s+"
                                     r"`?(?:YYYY-MM-DD|yyyy-mm-dd)`?", condition):  # "If the day does not look like
        clauses.append(f"not (len({name}) == 10 and {name}[4] == '-' and {name}[7] == '-' and "  # `YYYY-MM-DD` (...
                       f"{name}[:4].isdigit() and {name}[5:7].isdigit() and {name}[8:].isdigit())")  # only the shape)"
        bad = "4.5.2024"
    elif kind == "str" and REAL_DATE.search(condition):  # "a day that isn't a real YYYY-MM-DD date"
        clauses.append(f"not real_day({name})")
        bad = "2024-02-30"
    elif kind == "str" and re.search(r"\b(?:isn't|is not|not)\s+(?:a |an |written )?(?:yyyy-mm(?! ?-?dd)(?: month)?|"
                                     r"(?:valid |real |proper )?month(?: like| written| as)?)\b", condition):
        from spf.synthesis.patterns import month_shape  # the shape a function's raise checks too

        clauses.append(f"{name} is not None and not ({month_shape(name)})")  # "an until that is not a YYYY-MM month"
        bad = "2025-13"
    elif kind == "str" and stated and re.search(r"\b(?:any other|anything else|something else|another|unknown|"
                                                r"invalid|unlisted|unsupported|wrong)\b", condition):
        clauses.append(f"{name} not in {tuple(stated)!r}")  # "any other method" than the field's listed ones
        bad = "x" + "".join(stated)
    elif kind == "str" and re.search(r"\b(?:isn't|is not|not one of|other than|neither|none of)\b", condition) \
            and not re.search(r"\b(?:isn't|is not)\s+(?:in|on|at|among|found|there|known|listed|stored|kept|saved)\b",
                              condition) \
            and len(re.findall(r"\w+", condition.split(name.lower(), 1)[-1])) >= 3:  # not "is not in the freezer"
        # "a roast that isn't light, medium or dark": one of the values it names
        tail = re.split(r"\b(?:isn't|is not|not one of|other than|neither|none of)\b", condition, maxsplit=1)[-1]
        allowed = [word for word in re.findall(r"[\w-]+", tail) if word not in ("or", "nor", "and", "one", "of")]
        if set(allowed) & {"out", "in", "now", "there", "here", "yet", "away", "anymore", "back", "home"}:
            allowed = []  # "a boat that isn't out right now": a state, not a list of values
        if stated and (len(stated) >= len(allowed) or re.search(
                r"\b(?:the|those|these|listed|above|allowed|known|given|stated)\b", tail)):
            allowed = list(stated)  # "not one of the five": the values the field's description lists
        if len(allowed) >= 2:
            clauses.append(f"{name} not in {tuple(allowed)!r}")
            bad = "x" + "".join(allowed)
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
    return clauses, bad, name


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


def _thousands(context: Context | None) -> bool:
    """Whether the spec writes a number with a thousands comma anywhere, or says so ("a comma
    between the thousands") and nowhere says not ("no thousands commas"): learned amounts are
    written `,.2f` then, `.2f` otherwise."""
    if context is None:
        return True
    if context.index.thousands is None:
        project = context.project
        texts = [project.description or "", *(f.description or "" for f in project.functions),
                 *(str(example.expected) for f in project.functions for example in f.examples),
                 *(c.description or "" for c in project.commands),
                 *(line for transcript in project.all_transcripts() for step in transcript.steps for line in step.expected)]
        said_no = any(re.search(r"\b(?:no|without|never)\s+(?:a\s+|any\s+)?(?:thousands?|commas?)\b", text, re.IGNORECASE)
                      for text in texts)  # "Two decimals, no thousands commas."
        context.index.thousands = not said_no and any(
            re.search(r"\bthousands?\b|\d,\d{3}(?!\d)", text) for text in texts)
    return context.index.thousands


def _sample_of(pattern: str, line: str) -> bool:
    """Whether ``line`` is a sample of ``pattern`` (`Bolt back, 65%` of `NAME back, CHARGE%`, not
    of `NAME back, 65%`: a sample's number kept as it is was not understood)."""
    parts = re.split(r"\b[A-Z][A-Z_]*[A-Z]\b", pattern)
    return len(parts) > 1 and not re.search(r"\d", "".join(parts)) and re.fullmatch(".+?".join(map(re.escape, parts)), line) is not None


def learn_message(expected: str, values: dict[str, Any], position: int | None, *,
                  bool_words: dict[str, list[tuple[str, str, bool]]] | None = None,
                  changed: bool = False, computed: dict[str, str] | None = None, thousands: bool = True) -> str | None:
    """A line template from an example's expected text: record values become placeholders.

    ``added 1: Dune by Frank`` with ``{"title": "Dune", "author": "Frank"}`` and position 1
    gives ``added {position}: {item.title} by {item.author}``; None when no value shows.
    """
    line = expected.splitlines()[0] if expected else ""
    if not line:
        return None
    texts = [str(value) for value in values.values()
             if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value)]
    kept = next((name for name, value in values.items() if name.lower() in ("number", "id", "no", "nr")
                 and value == position and isinstance(value, int)), None)
    if position is not None and kept is not None:
        position = None  # `#1` over a kept `number` field equal to the place: the field, it stays
    if position is not None:
        texts.append(str(position))
    if len(texts) != len(set(texts)) and any(texts.count(text) > 1 and re.search(
            rf"(?<![\d.,]){re.escape(text)}", line) for text in texts):  # (`0` in `8.00` is not a 0; `8.0` is 8)
        return None  # two values read the same: which placeholder is which cannot be told
    marks: list[tuple[int, int, str]] = []
    ordered = sorted(((name, value) for name, value in values.items()
                      if isinstance(value, (str, int, float)) and not isinstance(value, bool)
                      and str(value) != ""), key=lambda pair: -len(str(pair[1])))
    taken = [False] * len(line)
    for expression, text in sorted((computed or {}).items(), key=lambda pair: -len(pair[1])):
        hit = re.search(rf"(?<![\w.]){re.escape(text)}(?![\w])", line)  # `1h30` is hm(item.minutes)
        if hit is not None and not any(taken[hit.start():hit.end()]):
            marks.append((hit.start(), hit.end(), "{" + expression + "}"))
            for index in range(hit.start(), hit.end()):
                taken[index] = True
    for name, value in values.items():  # a list: ` #verbs #food`, `perf, ui`
        if not isinstance(value, (list, tuple)) or not value or not all(isinstance(v, str) and v for v in value):
            continue
        shown = _list_shown(line, name, [str(v) for v in value])
        if shown is not None:
            start, end, placeholder = shown
            marks.append((start, end, placeholder))
            for index in range(start, end):
                taken[index] = True
    for name, value in ordered:
        forms = [(str(value), "")]
        if isinstance(value, str):  # as a cleaner on the way in may have written it
            tidy = " ".join(value.split())
            forms += [(variant, "") for variant in (tidy, tidy.lower(), tidy.title(), tidy.upper(),
                                                    re.sub(r"\W+", "", tidy), re.sub(r"\D+", "", tidy))
                      if variant and variant != value and len(variant) > 2]
        if isinstance(value, (int, float)):
            signed = [(format(value, spec), ":" + spec) for spec in ("+.2f", "+,.2f", "+.1f", "+g", "+")] \
                if value > 0 else []  # `+5.00`: "the amount signed"
            two = [(format(value, ",.2f"), ":,.2f"), (format(value, ".2f"), ":.2f")]  # the plainer first where the
            forms = signed + [(str(value), ""), *(two if thousands else two[::-1]),  # spec shows no thousands comma
                     (format(value, ",d") if isinstance(value, int) else format(value, ","), ":,"),
                     (format(value, ".1f"), ":.1f"), (format(value, "g"), ":g")]  # 100.0 shown as 100
            unique: dict[str, str] = {}
            for text, spec in forms:  # the plainest spelling of each text
                unique.setdefault(text, spec)
            forms = list(unique.items())
        found = False
        glued = r"|(?<=\b[A-Z])" if isinstance(value, (int, float)) else ""  # `D3.5`: a difficulty after its letter
        for text, spec in forms:
            for match in re.finditer(rf"(?:(?<![\w.,]){glued}){re.escape(text)}(?![\w]|[.,]\d)", line):
                if not any(taken[match.start():match.end()]):
                    marks.append((match.start(), match.end(), f"{{item.{name}{spec}}}"))
                    for index in range(match.start(), match.end()):
                        taken[index] = True
                    found = True
                    break
            if found:
                break
    for name, value in values.items():  # a bool written as a word: yes/no, paid/open
        if not isinstance(value, bool):
            continue
        for yes, no, sure in (bool_words or {}).get(name, ()):
            if changed and not sure:
                continue  # which word is which: only a record known to hold the value tells
            shown = [yes, no] if changed else [yes if value else no]
            hit = next((match for word in shown for match in
                        re.finditer(rf"(?<![\w\[]){re.escape(word)}(?![\w\]])", line)
                        if not any(taken[match.start():match.end()])), None)
            if hit is None or "'" in yes + no:
                continue
            marks.append((hit.start(), hit.end(), f"{{{yes!r} if item.{name} else {no!r}}}"))
            for index in range(hit.start(), hit.end()):
                taken[index] = True
            break
    if position is not None:
        for match in re.finditer(rf"(?<![\w.]){position}(?![\w]|[.,]\d)", line):
            if not any(taken[match.start():match.end()]):
                unit = re.match(r" ([a-z]+)", line[match.end():]) if not line[:match.start()].endswith("#") else None
                counted = next((name for name, value in values.items() if unit and isinstance(value, (int, float))
                                and not isinstance(value, bool) and same(unit.group(1), name)), None)
                marks.append((match.start(), match.end(), "{position}" if counted is None else "{item." + counted + "}"))
                # (`1 point` over a `points` field: what the record holds, not its place)
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
    if re.search(r"\d{3,}", literals):
        return None  # a long number left as text is a value this could not place
    for value in values.values():  # a value left as text (a list's element) would be frozen in
        elements = value if isinstance(value, (list, tuple)) else [value]
        if any(isinstance(element, str) and len(element) > 1 and element.lower() in literals
               for element in elements):
            return None
    return template + _fstring_text(line[cursor:])


def _sentences(text: str) -> list[str]:
    """The sentences of a text, not split inside a backticked line (`N. ACCESSION ...`) or
    after an abbreviation ("(cf. in_spec)", "e.g. `1h30`")."""
    kept = re.sub(r"`[^`]*`", lambda match: re.sub(r"([.;])\s", "\\1\u2063", match.group(0)), text)
    kept = re.sub(r"\b(e\.g|i\.e|cf|resp|vs|approx|incl|esp|viz)\.\s", "\\1.\u2063", kept, flags=re.IGNORECASE)
    return [sentence.replace("\u2063", " ") for sentence in re.split(r"(?<=[.;])\s+", kept)]


SPOKEN_MARKS = {"comma": ",", "colon": ":", "semicolon": ";", "slash": "/", "dash": "-", "hyphen": "-", "dot": ".",
                "full stop": ".", "point": ".", "space": " ", "blank": " ", "tab": "\t", "hash": "#", "hash sign": "#",
                "number sign": "#", "percent sign": "%", "at sign": "@"}


def spoken_line(said: str, entity, functions: dict, terms: dict[str, str] | None = None,
                least: int = 2, example: str | None = None, shared: bool = False,
                known: frozenset[str] | None = None) -> tuple[str, dict[str, str]] | None:
    """A line told as its parts in order ("`#` and the number; a space; the day; a space; the
    boat's name; a space; then metres(length) in round brackets") -> the line with its fields in
    capitals (`#NUMBER DAY BOAT (METRES)`) and the Python of its other placeholders (``{"METRES":
    "metres(item.length)"}``): a spec function of fields, or a term the project defines as one
    (``terms``: "the take-down day", *take-down day* being "take_down(the day it was pinned, its
    weeks)"), a number "(two decimals)", the value before a change ("the old keyholder"), a text
    "` RUSH` at the very end only for rush jobs". None unless every part is read and ``least``
    placeholders or more are named. With ``example`` (the line the parts explain: "like
    `old-mill (docks) **** evening x2`: name, area in brackets, the stars"), parts side by side
    are spaced as the example shows them, and None when no spacing makes it. ``shared``: the
    line the project states once for every command ("the price with money" is money(price)
    there; a command's own "like" line is learned from its example instead). ``known``: the
    parts name only what varies in ``example`` (a sample line, "`C7: Sea Breeze, 9.5 m, fee
    450.00` (berth, boat, length, season_fee)"): the rest of it is literal text, and ``known``
    holds the values the spec's command lines type (see ``_aligned_to_sample``)."""
    pieces: list[tuple[str, str]] = []  # ("text", ...) or ("placeholder", NAME)
    defined: dict[str, str] = {}
    fields_named = 0
    said = re.sub(r"\b(\w+) as (\w+) gives it \((\w+) (\d+)\)", r"\2(\1, \3=\4)", said)  # "the title as
    said = re.sub(r"\b(\w+) as (\w+) gives it\b", r"\2(\1)", said)  # short_title gives it (width 20)"
    said = re.sub(r"\s*\((?:with |to |in )?(one|two|three|1|2|3) decimals?\b[^()]*\)",  # "the price (two decimals,
                  lambda m: f" @@{NUMBER_WORDS.get(m.group(1), m.group(1))}", said)  # no currency sign)"
    said = re.sub(r",?\s+(?:(?:shown|written|printed) )?(?:to|with|in) (one|two|three|1|2|3) decimals?(?: places?)?(?=\s*(?:[;,.]|$)|\s+and\b)",  # "the difficulty to one
                  lambda m: f" @@{NUMBER_WORDS.get(m.group(1), m.group(1))}", said)  # decimal"
    said = re.sub(r"\b(?:the |its |their )?(?:\w+ ){0,2}?\w+ \((\w+) of ([^()]*)\)", lambda m: (  # "the speed (wpm of the
        f"{m.group(1)} of {m.group(2)}" if m.group(1) in functions else m.group(0)), said)  # words and the seconds)"
    said = re.sub(r"\bwith (`[^`]*`) (?:right |just |directly )?after it\b", r"and \1", said)  # "with `%` right after it"
    said = re.sub(r"(?<=\w) with (`\s[^`]*`)", r" and \1", said)  # "the number of nights with ` nights`"
    said = re.sub(r"\b(?:and,? )?after (?:an?|another|one more) (comma|colon|semicolon|dash|slash),? (?=the |its |their )",
                  r", a \1, ", said)
    # "and after a comma the cost": the mark, then the part
    for product in re.finditer(r"\b(?:the |its |their )?(\w+) \((?:the |its )?(\w+(?: of \w+)?) (?:times|multiplied by) "
                               r"(?:the |its )?(\w+)\)(?: (?:written )?(?:through|with|via|using|by) (\w+))?", said):
        factors = [_spoken_value(product.group(index), entity, functions, terms or {}) for index in (2, 3)]
        writer = functions.get(product.group(4) or "")
        if all(expression or written for expression, written in factors) and (writer is not None or not product.group(4)):
            times = " * ".join(expression or f"item.{written.lower()}" for expression, written in factors)
            name = f"{product.group(1).lower()}_value"  # "the cost (nights times the rate) through money"
            defined[name.upper()] = f"{writer.name}({times})" if writer is not None else f"({times})"
            said = said.replace(product.group(0), name)
    each = re.search(r",? then after (an? [\w ]+?|one [\w ]+?) each:?\s+(.+)$", said)  # "the family, then after a comma
    if each:  # and a space each: the people, the size and the stage word": that mark before every one of them
        items = [item for item in re.split(r",\s+|\s+and\s+", each.group(2)) if item.strip()]
        said = said[:each.start()] + "".join(f", {each.group(1)}, {item}" for item in items)
    between = bool(re.search(r"\b(?:one|a) (?:space|blank) between\b", said, flags=re.IGNORECASE))
    said = re.sub(r"^\s*(?:first|firstly|at first),?\s+|^\s*in (?:this|that) order(?:,? (?:with )?(?:one|a) (?:space|blank) "
                  r"between(?: (?:the|two) parts)?)?:?\s+", "", said, flags=re.IGNORECASE)  # "First `#` and the number",
    # "In this order, one space between: `#` with the number, ..."
    said = re.sub(r"`([^`]+)` with (?=the )", r"`\1` and ", said)  # "`#` with the number"
    said = re.sub(r"\b(?:the |its )?(\w+) (?:written )?(?:with|through|via|using) (\w+)\b", lambda m: (  # "the price with
        f"{m.group(2)}({m.group(1)})" if shared and m.group(2) in functions and field_by_name(entity, m.group(1)) is not None
        else m.group(0)), said)  # money": money(price)
    for said_pair in re.finditer(r"`([^`\s]+)` or `([^`\s]+)`", said):  # "at the end `paid` or `unpaid`" over `paid`
        flag = next((f for f in entity.fields if type_name(f.type) == "bool" and f.name.lower() in (
            said_pair.group(1).lower(), said_pair.group(2).lower(), *(f"un{w.lower()}" for w in said_pair.groups()))), None)
        if flag is not None:
            first_is_true = said_pair.group(1).lower() == flag.name.lower() or said_pair.group(2).lower() == f"un{flag.name.lower()}"
            true, false = said_pair.groups() if first_is_true else reversed(said_pair.groups())
            defined[f"{flag.name.upper()}_WORD"] = f"({true!r} if item.{flag.name} else {false!r})"
            said = said.replace(said_pair.group(0), f"{flag.name}_word")
    for alternative in re.finditer(r"`([^`]*)` and (?:the |its )?\w+,? or `([^`]*)` (?:when|while|if) (?:it is |it's |the \w+ is )?"
                                   r"(?:not (?:yet )?|never )(\w+)(?: yet)?", said):  # "`visited ` and the day, or
        emptied = field_by_name(entity, alternative.group(3))  # `to do` when not visited yet"
        if emptied is not None and type_name(emptied.type) == "str" and default_value(emptied.default) == "":
            shown, otherwise = alternative.group(1), alternative.group(2)
            defined[f"{emptied.name.upper()}_WORD"] = f"({shown!r} + item.{emptied.name} if item.{emptied.name} else {otherwise!r})"
            said = said.replace(alternative.group(0), f"{emptied.name}_word")
    said = re.sub(r"\b(?:then )?the old and the new ((?:\w+ )?\w+?)s?(?:,? each followed by (`[^`]*`))?,? joined by (`[^`]*`)",
                  lambda m: (f"the old {m.group(1)}{' and ' + m.group(2) if m.group(2) else ''}, {m.group(3)}, "
                             f"the new {m.group(1)}{' and ' + m.group(2) if m.group(2) else ''}"), said)
    # "then the old and the new size texts joined by ` -> `": the value before the change, then after it
    said = re.sub(r"(?:^|(?<=[;,]\s)|(?<=\bthen\s))in (?:round )?(?:brackets|parentheses) (?!at\b|after\b)(?=the |its |a |an |`)"
                  r"(.+?)(,? and (?:finally|lastly|then) .*)?$",
                  lambda m: f"` (`, {m.group(1)}, `)`{m.group(2) or ''}", said)  # "then in brackets the kind, a comma and a
    # space, and `D` with the difficulty"; "then in brackets `average ` and ..., and finally `, out on ` and the checkout"
    # (not "name, area in brackets, the stars": the area's own brackets)
    for name, function in functions.items():  # "then the grade word" over grade_word(grade: float)
        arguments = [field_by_name(entity, param.name) for param in function.params]
        if "_" in name and arguments and all(argument is not None for argument in arguments):
            call = f"{name}({', '.join(argument.name for argument in arguments)})"
            said = re.sub(rf"(?<!\bold )(?<!\bnew )\b(?:the |its |their )?{re.escape(name.replace('_', ' '))}\b(?!\()", call,
                          said)  # (not "the old size text": the value before a change, read below)
            tail = name.rsplit("_", 1)[1]
            if field_by_name(entity, tail) is None and len(tail) > 2 and not any(
                    other != name and other.endswith("_" + tail) for other in functions):  # "the size" over
                said = re.sub(rf"(?<![\w(])(?:the|its|their) {re.escape(tail)}\b(?![\w(])", call, said)  # hamper_size(people)
        elif arguments and all(argument is not None for argument in arguments) and type_name(function.returns) == "str" \
                and field_by_name(entity, name) is None:  # "the stage word" over stage(packed, delivered)
            call = f"{name}({', '.join(argument.name for argument in arguments)})"
            said = re.sub(rf"(?<!\bold )(?<!\bnew )\b(?:the |its |their )?{re.escape(name)} (?:word|text|label|name)\b(?! of\b)",
                          call, said)
            # (not "the clock text of the time": the function of the field the words name)
    said = _without_asides(said)  # "the direction (`up` or `down`)": an aside
    said = re.sub(r"\b(?:the )?(\w+) of (?:the )?(\w+)(?:,? and (?:the )?(\w+))?\b", lambda m: (  # "the fill_word of
        f"{m.group(1)}({', '.join(name for name in m.group(2, 3) if name)})" if m.group(1) in functions  # stock and
        else m.group(0)), said)  # capacity": fill_word(stock, capacity)
    for part in re.findall(r"`[^`]*`|(?:[^`;,(]|\([^()]*\))+", said):
        if part.startswith("`"):
            pieces.append(("text", part[1:-1]))
            continue
        for piece in re.split(r"\s+(?:and|then|followed by|\+)\s+", f" {part.strip()} "):
            piece = re.sub(r"^(?:and|then|followed by|finally|lastly|\+)\s+|^(?:and )?(?:then|finally|lastly)$", "", piece.strip())
            if not piece or re.fullmatch(r"(?:the )?(?:words?|text)", piece):
                continue  # "the word ` until `": the backticked text is next
            bracketed = re.fullmatch(r"(.+?),? in (?:round )?(?:brackets|parentheses)", piece)
            piece = bracketed.group(1) if bracketed else piece
            decimals = re.search(r"\s*@@(\d)$", piece)
            piece = piece[:decimals.start()] if decimals else piece
            mark = re.fullmatch(r"(?:(?:an?|one) (?:single )?)?(" + "|".join(SPOKEN_MARKS) + ")", piece)  # also a bare
            # "colon" ("locker number, colon, renter, comma, `until` and the day")
            if mark:
                pieces.append(("text", SPOKEN_MARKS[mark.group(1)]))
                continue
            only = re.fullmatch(r"(?:at the (?:very )?end,? )?(?:only )?(?:for|when|if|on|with) (?:it is |it's |an? |the )?(.+)",
                                piece)  # "then ` (full)` when it is full"
            flag = [f for f in entity.fields if only and type_name(f.type) == "bool" and f.name.lower() in words(only.group(1))]
            if only and len(flag) == 1 and pieces and pieces[-1][0] == "text":  # "` RUSH` at the very end only for
                written = f"{flag[0].name.upper()}_MARK"  # rush jobs"
                defined[written] = f"({pieces.pop()[1]!r} if item.{flag[0].name} else '')"
                pieces.append(("mark", written))
                continue
            piece = re.sub(r"^(?:at the (?:very )?end|last|finally),?\s+(?=\w+_word$)", "", piece)
            if re.fullmatch(r"\w+_(?:word|value)", piece) and piece.upper() in defined:  # `paid` or `unpaid`
                pieces.append(("placeholder", piece.upper()))
                continue
            if (shared and re.fullmatch(r"(?:the |its )?(?:number|place|position)", piece) or re.fullmatch(
                    rf"(?:the |its )?{re.escape(entity.name.lower())} (?:number|place|position)", piece)) \
                    and field_by_name(entity, "number") is None:  # "the piece number" over `Piece`
                pieces.append(("placeholder", "N"))  # "`#` and the number": its place, no field holds it
                continue
            expression, written = _spoken_value(piece, entity, functions, terms or {})
            if expression is None and written is None:
                return None
            if expression is None:
                fields_named += 1
                if decimals:  # "the fee (two decimals)"
                    expression = f"item.{written.lower()}"
                    written += "_TEXT"
            if decimals:
                expression = f"format({expression}, '.{decimals.group(1)}f')"
            if expression is not None:
                defined[written] = expression
            pieces.append(("placeholder", f"({written})" if bracketed else written))
    if (fields_named < 1 and len(defined) < 2) or fields_named + len(defined) < least:  # (two calls over fields will do)
        return None
    if known is not None and example is not None:  # a sample line and the parts that vary in it
        return _aligned_to_sample(pieces, example, defined, entity, functions, known)
    shown = _spaced_as_shown(pieces, example, defined, loose=True) if example is not None and between else None
    if shown is not None:  # "In this order, one space between: ...": each gap as the example shows it
        return shown, defined
    numbers = {f.name.upper() for f in entity.fields if is_number(f.type)}  # a number field's value is a number
    for way in (1, 2) if example is not None else (0,):
        line, pattern = _spaced(pieces, way, numbers)
        if example is None or re.fullmatch(pattern, example):
            return line, defined
    line = _spaced_as_shown(pieces, example, defined, loose=False) if example is not None else None
    if line is None and example is not None:
        line = _gaps_as_shown(pieces, example, entity, numbers)
    return (line, defined) if line is not None else None


NUMBER_VALUE = r"-?\d+(?:\.\d+)?"
ANY_VALUE = r"[^\s,:;(](?:.*?[^\s,:;)])?"  # neither starting nor ending in a blank or a mark that sets values apart
TEXT_VALUE = r"[^\s,:;()\[\]](?:[^,:;()\[\]]*?[^\s,:;()\[\]])?"  # a text value: blanks inside, no punctuation


def _value_patterns(name: str, defined: dict[str, str], entity, functions: dict) -> list[str]:
    """What a placeholder's value may look like in a sample line: a number field's a number, a
    word chosen by a flag one of its words, a spec function's value shaped like its examples'
    (`1.5 GB`, `250 MB` for size_text), a text field's text without punctuation."""
    expression = defined.get(name)
    if expression == "old" and name.startswith("OLD_"):  # the value before the change: its field's kind
        expression, name = None, name[4:]
    if expression is None:
        target = field_by_name(entity, name.lower())
        if target is not None and is_number(target.type):
            return [NUMBER_VALUE]
        return [TEXT_VALUE]
    worded = re.fullmatch(r"\(('[^']*'|\"[^\"]*\") if item\.\w+ else ('[^']*'|\"[^\"]*\")\)", expression)
    if worded:  # `ok` or `FAILED`
        return [re.escape(default_value(worded.group(1))), re.escape(default_value(worded.group(2)))]
    called = re.match(r"(?:format\()?(\w+)\(", expression)
    function = functions.get(called.group(1)) if called else None
    if function is None:
        return [NUMBER_VALUE] if expression.startswith("format(") else [ANY_VALUE]
    if function.returns is not None and is_number(function.returns):
        return [NUMBER_VALUE]
    shapes = []
    for example in function.examples:
        value = default_value(example.expected) if example.expected else None
        if isinstance(value, str) and value:
            shape = re.sub(r"\\-?\d+(?:\\\.\d+)?|\d+(?:\\\.\d+)?", lambda _: NUMBER_VALUE, re.escape(value))
            shapes.append(shape)
    return list(dict.fromkeys(shapes)) or [ANY_VALUE]


def _aligned_to_sample(pieces: list[tuple[str, str]], example: str, defined: dict[str, str], entity,
                       functions: dict, known: frozenset[str],
                       patterns: dict[str, list[str]] | None = None) -> tuple[str, dict[str, str]] | None:
    """A sample line read with the parts that vary in it ("`C7: Sea Breeze, 9.5 m, fee 450.00`
    (berth, boat, length, season_fee)" -> ``BERTH: BOAT, LENGTH_M m, fee SEASON_FEE_TEXT``):
    each part is placed where a value of its kind stands, in order, and what lies between is
    literal text. Of the ways to place them, the one with the fewest letters left literal wins,
    a text value the spec's command lines type (``known``: "Sea Breeze") counting as placed
    for sure; a number keeps the sample's decimals (``450.00``: two)."""
    options = [[re.escape(text)] if kind == "text" else (patterns or {}).get(text) or _value_patterns(
        text, defined, entity, functions) for kind, text in pieces]
    folded = {value.casefold() for value in known}
    memo: dict[tuple[int, int], tuple[float, list] | None] = {}

    def best(index: int, start: int) -> tuple[float, list] | None:
        if index == len(pieces):
            rest = example[start:]
            return (sum(c.isalnum() for c in rest), [(rest, None)])
        if (index, start) in memo:
            return memo[(index, start)]
        found = None
        for begin in range(start, len(example)):
            gap = example[start:begin]
            glued = (begin == start and index and pieces[index - 1][0] == "text") or (  # `x` and the qty: `x4`
                example[begin - 1].isalpha() and example[begin].isdigit() and NUMBER_VALUE in options[index])
            if begin and not glued and pieces[index][0] != "text" and example[begin - 1].isalnum() \
                    and example[begin].isalnum():
                continue  # a value starts where a word starts
            for pattern in options[index]:
                for end in range(begin + 1, len(example) + 1):
                    value = example[begin:end]
                    if pieces[index][0] != "text" and end < len(example) and example[end - 1].isalnum() \
                            and example[end].isalnum():
                        continue
                    if not re.fullmatch(pattern, value):
                        continue
                    after = best(index + 1, end)
                    if after is None:
                        continue
                    cost = sum(c.isalnum() for c in gap) + after[0]
                    if pattern == TEXT_VALUE:
                        cost += -10 if value.casefold() in folded else 6 * value.count(" ")
                    if found is None or cost < found[0]:
                        found = (cost, [(gap, value), *after[1]])
        memo[(index, start)] = found
        return found

    if len(example) > 120 or len(pieces) > 12:
        return None
    placed = best(0, 0)
    if placed is None:
        return None
    line, defined = "", dict(defined)
    for (kind, text), (gap, value) in zip(pieces, placed[1]):
        decimals = re.fullmatch(r"-?\d+\.(\d+)", value) if kind != "text" else None
        called = re.match(r"(\w+)\(", defined.get(text, ""))
        writer = functions.get(called.group(1)) if called else None
        if writer is not None and not (writer.returns is not None and is_number(writer.returns)):
            decimals = None  # a spec function writes the text itself (money(price) is `1.20`)
        if decimals and not text.endswith("_TEXT") and not defined.get(text, "").startswith("format("):
            target = field_by_name(entity, text.lower())
            expression = defined.get(text) or f"item.{target.name if target is not None else text.lower()}"
            text = text + "_TEXT"
            defined[text] = f"format({expression}, '.{len(decimals.group(1))}f')"
        line += gap
        if kind != "text" and re.search(r"\w$", line):
            line += "\u2060"  # glued to the word before it (`x3`)
        line += text
    line += placed[1][-1][0]
    return line, defined


GAP_WORDS = ("for", "by", "at", "on", "in", "of", "from", "to", "with", "and", "x", "is", "was", "now", "left", "per")


def _gaps_as_shown(pieces: list[tuple[str, str]], example: str, entity, numbers: set[str]) -> str | None:
    """The values named in order, the text between them read off their example line ("`hook 3:
    coat for Anna De Vries` like this: the hook, then the kind and the owner" is `hook HOOK: KIND
    for OWNER`): a gap holds punctuation, blanks and only small joining words, a field's own name
    or the record's noun; a number field's value is a number."""
    joining = "|".join([*GAP_WORDS, *(f.name.lower() for f in entity.fields), re.escape(entity.name.lower())])
    gap = rf"((?:[^\w]|\b(?:{joining})\b)*)"
    pattern = gap
    for kind, text in pieces:
        value = _piece_pattern(kind, text, numbers)
        pattern += f"((?<!\\w){value}(?!\\w)){gap}" if kind == "placeholder" else f"({value}){gap}"
    shown = re.fullmatch(pattern, example)
    if shown is None or not any(shown.group(1 + 2 * index).strip() for index in range(len(pieces) + 1)):
        return None
    return "".join(shown.group(1 + 2 * index) + text for index, (_, text) in enumerate(pieces)) \
        + shown.group(1 + 2 * len(pieces))


def _spaced_as_shown(pieces: list[tuple[str, str]], example: str, defined: dict[str, str], loose: bool) -> str | None:
    """The parts joined with a space or none between each two, as the example shows them ("One
    space between the parts", `%` "right after" the accuracy: `#2 2024-03-05 45 wpm 97% quotes`);
    a text shown only under a condition takes the space before it along (` van` for a van).
    Each value is a run of word characters and what joins them (`2024-03-05`, `16.50`), never
    punctuation the parts leave untold; ``loose`` (the words state the spacing) also lets a
    value hold blanks."""
    for value in (r"\w(?:\S*\w)?", None) if loose else (r"\w(?:\S*\w)?",):  # values without a blank first
        pattern = "".join(("( ?)" if index else "") + (value if value and kind == "placeholder" and not text.startswith("(")
                                                       else _piece_pattern(kind, text))
                          for index, (kind, text) in enumerate(pieces))
        shown = re.fullmatch(pattern, example)
        if shown is not None:
            break
    else:
        return None
    line = ""
    for index, (kind, text) in enumerate(pieces):
        gap = shown.group(index) if index else ""
        if kind == "mark" and gap and text in defined:  # "the word `van` only when it is a van (for a car there is
            defined[text] = re.sub(r"^\((['\"])", lambda m, gap=gap: f"({m.group(1)}{gap}", defined[text])  # nothing, not even
            gap = ""  # the space)"
        if not gap and kind != "text" and re.search(r"\w$", line):
            gap = "\u2060"  # two placeholders glued (see pattern_parts)
        line += gap + text
    return line


def _piece_pattern(kind: str, text: str, numbers: set[str] = frozenset()) -> str:
    """What one part of a line matches in an example of it (a value neither starts nor ends blank;
    one of ``numbers``, a number field, is a number)."""
    return r"-?\d+(?:\.\d+)?" if kind == "placeholder" and text in numbers else re.escape(text) if kind == "text" else ".*?" if kind == "mark" else \
        "\\(\\S(?:.*?\\S)?\\)" if text.startswith("(") else "\\S(?:.*?\\S)?"


def _spaced(pieces: list[tuple[str, str]], way: int, numbers: set[str] = frozenset()) -> tuple[str, str]:
    """The parts joined, and a pattern an example line of them matches: as told (0); a space
    between two placeholders and before a word after one (1); also after a comma or colon
    before a placeholder (2)."""
    line, pattern, last = "", "", "text"
    for kind, text in pieces:  # (a "mark" is a text under a condition: ` RUSH` for rush jobs)
        if (way and last == "placeholder" and (kind == "placeholder" or (kind == "text" and re.match(r"\w", text)))) \
                or (way == 2 and kind == "placeholder" and re.search(r"[,:;]$", line)):
            line, pattern = line + " ", pattern + " "
        elif kind != "text" and re.search(r"\w$", line):
            line += "\u2060"  # `PRICE\u2060RUSH_MARK`: two placeholders glued (see pattern_parts)
        line += text
        pattern += _piece_pattern(kind, text, numbers)
        last = kind
    return line, pattern


def _spoken_value(piece: str, entity, functions: dict, terms: dict[str, str]) -> tuple[str | None, str | None]:
    """One told part of a line: (Python, placeholder) for a call, a term or a value before the
    change; (None, the field in capitals) for a field; (None, None) when it is none of those."""
    before = re.match(r"(?:(?:the|its|their)\s+)?(?:old|previous|former)\s+(\w+(?: \w+)?)$", piece)
    changed = field_by_name(entity, before.group(1)) if before else None
    if changed is not None:  # "the old keyholder": as it was before the change
        return "old", f"OLD_{changed.name.upper()}"
    written = _written_term(before.group(1), entity, functions, terms) if before else None
    if written is not None and len(set(re.findall(r"\bitem\.\w+", written))) == 1:  # "the old size text":
        return re.sub(r"\bitem\.\w+", "old", written), "OLD_" + re.sub(r"\W+", "_", before.group(1)).upper()
    named = re.sub(r"^(?:(?:the|its|their)\s+)?(?:new\s+|current\s+)?(?:cleaned\s+|clean\s+|tidied\s+|stored\s+)?", "", piece)
    named = re.sub(r"^(?:number|count) of (?=\w+$)", "", named)  # "the number of visits": `visits`
    by_name = functions.get(named) or functions.get(singular(named))  # "the stars": stars(rating)
    if by_name is not None and by_name.params and field_by_name(entity, named) is None:
        named = f"{by_name.name}({', '.join(p.name for p in by_name.params)})"
        if len(by_name.params) == 1 and _spoken_call(named, entity, functions) is None:  # "length_text" of `m`
            of = next((f for word in words(by_name.name) if (f := field_by_name(entity, word)) is not None), None)
            named = f"{by_name.name}({of.name})" if of is not None else named  # over `length_m`: its name says
    expression = _spoken_call(named, entity, functions) or _spoken_call(terms.get(named.lower(), ""), entity, functions) \
        or _written_term(named.lower(), entity, functions, terms)
    if expression is not None:
        written = re.sub(r"\W+", "_", (named if named.lower() in terms else expression.split("(")[0])).strip("_").upper()
        return expression, written + ("_TEXT" if field_by_name(entity, written.lower()) is not None else "")
    owner = re.fullmatch(r"(\w+)'s? (?:name|title|label|code)", named)  # "the boat's name": `boat`
    found = (field_by_name(entity, owner.group(1)) if owner else None) or field_by_name(entity, named.replace(" ", "_"))
    ours = re.fullmatch(r"(our|their|your|my) \w+", piece)  # "our shots", "their shots" over `ours`, `theirs`
    found = found or (field_by_name(entity, {"my": "mine"}.get(ours.group(1), ours.group(1) + "s")) if ours else None)
    among = [f for f in entity.fields if f.name.lower() in words(named)]
    found = found or (among[0] if len(among) == 1 else None)  # "the top speed": `top`
    described = [f for f in entity.fields if re.match(rf"(?:the |its )?{re.escape(named.lower())}\b", (f.description or "").lower())]
    found = found or (described[0] if len(described) == 1 else None)  # "the job number": `id — the job number`
    return None, found.name.upper() if found is not None else None


def _written_term(said: str, entity, functions: dict, terms: dict[str, str]) -> str | None:
    """A glossary term for a value a spec function writes, as a call over the record's fields:
    "the size text" with *size text* "a length written by size_text" is ``size_text(item.length)``;
    "the clock text of the time" (*clock text* "a number of seconds written back by clock", the
    `seconds` field "the time, in seconds") is ``clock(item.seconds)``; "the split" (*split*
    "..., written by split") is ``split(item.seconds, item.metres)``, each parameter a field."""
    term, _, of = said.partition(" of ")
    meaning = terms.get(said) or terms.get(term)
    writer = re.search(r"\b(?:(?:an? |the )?(\w+(?: of \w+)?) )?(?:written|given|made|shown)(?: back)? by (\w+)\b",
                       meaning or "")
    function = functions.get(writer.group(2)) if writer else None
    if function is None:
        return None
    if len(function.params) == 1:  # the value it writes: "of the time", else the meaning's noun, else its parameter
        for named in (re.sub(r"^(?:the|its|their) ", "", of), writer.group(1) or "", function.params[0].name):
            target = field_by_name(entity, named) if named else None
            described = [f for f in entity.fields if named and re.match(rf"(?:the |its )?{re.escape(named)}\b",
                                                                          (f.description or "").lower())]
            target = target or (described[0] if len(described) == 1 else None)
            if target is not None:
                return f"{function.name}(item.{target.name})"
        return None
    fields = [field_by_name(entity, p.name) for p in function.params]
    return f"{function.name}({', '.join(f'item.{f.name}' for f in fields)})" if all(fields) else None


def _without_asides(text: str) -> str:
    """The text without its bracketed asides ("the direction (`up` or `down`)"), brackets in
    backticks (`` ` over (` ``) being text, not an aside."""
    kept, depth = [], 0
    for piece in re.split(r"(`[^`]*`)", text):
        if piece.startswith("`"):
            if not depth:
                kept.append(piece)
            continue
        for index, char in enumerate(piece):
            if char == "(" and not depth and (index == 0 or piece[index - 1].isspace()):
                depth = 1
                while kept and kept[-1].isspace():
                    kept.pop()
            elif char == "(" and depth:
                depth += 1
            elif char == ")" and depth:
                depth -= 1
            elif not depth:
                kept.append(char)
    return "".join(kept)


def _spoken_call(said: str, entity, functions: dict) -> str | None:
    """"metres(length)", "take_down(the day it was pinned, its weeks)": a spec function's call
    over the record's fields (each argument a field's name, or words naming exactly one field)."""
    called = re.fullmatch(r"\s*(\w+)\((.+)\)\s*", said or "")
    function = functions.get(called.group(1)) if called else None
    if function is None:
        return None
    arguments = []
    for said_argument in (argument.strip() for argument in called.group(2).split(",")):
        keyword = re.fullmatch(r"(\w+)=(-?\d+(?:\.\d+)?)", said_argument)
        if keyword and keyword.group(1) in [p.name for p in function.params]:
            arguments.append(said_argument)  # "(width 20)"
            continue
        found = field_by_name(entity, said_argument) if re.fullmatch(r"\w+", said_argument) else None
        named = [f for f in entity.fields if f.name.lower() in words(said_argument)]
        found = found or (named[0] if len(named) == 1 else None)
        headed = [f for f in entity.fields if "_" in f.name and f.name.lower().split("_")[0] in words(said_argument)]
        found = found or (headed[0] if len(headed) == 1 else None)  # "size_text of the size" over `size_gb`
        if found is None:
            return None
        arguments.append(f"item.{found.name}")
    return f"{function.name}({', '.join(arguments)})" if len(arguments) == len(function.params) else None


FENCED_LINE = re.compile(r"```(?:text)?[ \t]*\n([^\n`]+)\n```")  # one line alone in a fenced block
INDENTED_LINE = re.compile(r":[ \t]*\n[ \t]*\n(?: {4}|\t)([^\n`]+)\n(?=[ \t]*\n)")  # one indented line after a colon


def told_line(project, entity) -> tuple[str, dict[str, str], str] | None:
    """A record's line the project tells part by part ("log shows each passage as one line made
    of, in order: `#` and the number; a space; ..."): the line, its placeholders' Python (see
    ``spoken_line``) and the paragraph, or None."""
    functions = {function.name: function for function in project.functions}
    texts = [project.description or "", *(store.description or "" for store in project.stores
                                          if store.entity == entity.name), entity.description or ""]
    for paragraph in (part for text in texts for part in re.split(r"\n\s*\n", strip_fences(text))):
        told = re.search(r"\b(?:made (?:up )?of|consists? of|composed of|built from|(?:its|the) parts),? in (?:this |that )?"
                         r"order:?\s+((?:`[^`]*`|[^.`])+)", " ".join(paragraph.split()),
                         flags=re.IGNORECASE)  # "one line made of, in order:", "Its parts, in order:"
        spoken = spoken_line(told.group(1), entity, functions, defined_terms(project), shared=True) if told else None
        if spoken is not None:
            return spoken[0], spoken[1], paragraph
    for term, meaning in glossary(project):  # "| fossil line | the code, a colon and a space, ... Example: `...` |"
        shown = re.search(r"\b(?:examples?|e\.g\.|for example|like)[:,]?\s+`([^`]+)`", meaning, flags=re.IGNORECASE)
        if not re.search(r"\b(?:line|row|entry)$", term.lower()) or shown is None:
            continue
        parts = meaning[:shown.start()].strip().rstrip(".")
        marker = re.search(r";\s+(?:an?|the|each) [^;`]*\b(?:adds|gets|ends with|has)\s+`([^`]*)`[^;]*$", parts)
        example = shown.group(1)
        if marker is not None:  # "; a test piece adds ` test` at the end": a marker (see line_suffix), not a part
            parts = parts[:marker.start()]
            example = example.removesuffix(marker.group(1))
        spoken = spoken_line(parts, entity, functions, defined_terms(project), example=example, shared=True)
        if spoken is not None:
            return spoken[0], spoken[1], meaning
    for text in texts:  # "one line like\n\n    A1: 40/64 GB, NOT backed up\n\ni.e. the label, a colon, ..."
        fenced = set(FENCED_LINE.findall(text)) | {line.strip() for line in INDENTED_LINE.findall(text)}
        text = FENCED_LINE.sub(r"`\1`", text)  # "like this:\n```text\n#2 ...\n```\nFirst ..."
        text = INDENTED_LINE.sub(lambda m: f": `{m.group(1).strip()}`\n", text)  # "like this one:\n\n    2025-03-02 ..."
        flat = " ".join(strip_fences(text).split())
        for said in re.finditer(r"\b(?:(?:like|as|e\.g\.)\s+(this(?: one)?:?\s+)?|looks\b[^.`:]{0,60}(:)\s+)`([^`]+)`[:,.]?\s+"
                                r"(?:i\.e\.,?\s+|that is,?\s+)?((?:`[^`]*`|[^.`]|\.(?=\w))+)", flat):  # ("How a sit looks
            # whenever the tool shows one:", the line indented, then its parts)
            if (said.group(1) or said.group(2)) and said.group(3) not in fenced:
                continue  # "like this: `N. room R, KG kg, PRICE`" is the line itself, not an example of it
            example = said.group(3)
            marker = re.search(r"\bthe `([^`]+)` at the end\b", flat[said.end():said.end() + 200], flags=re.IGNORECASE)
            if marker and example.endswith(marker.group(1)):  # "The ` *` at the end is only there for a favourite"
                example = example.removesuffix(marker.group(1))
            spoken = spoken_line(said.group(4), entity, functions, defined_terms(project), example=example, shared=True)
            if spoken is not None:
                return spoken[0], _money_written(project, spoken[1]), flat[said.start():]
    return None


MONEY_WORDS = r"\b(?:penny|pence|pennies|cents?|pounds?|euros?|dollars?|earns?|earned|costs?|price|pay|paid|money|amount)\b"


def _money_written(project, defined: dict[str, str]) -> dict[str, str]:
    """A line's computed placeholders written as the project writes money, where its words say
    every amount is ("The rate and every amount of money are written with money"): a spec
    function of money (its words say penny, price, earns, ...) whose number is not yet written."""
    said = re.search(r"\bevery (?:amount of money|amount|sum of money|price)\b[^.;]*?\b(?:is|are) (?:written|shown|printed) "
                     r"(?:with|by|through|using|via) `?(\w+)`?", " ".join((project.description or "").split()), flags=re.IGNORECASE)
    functions = {function.name: function for function in project.functions}
    writer = functions.get(said.group(1)) if said else None
    if writer is None or type_name(writer.returns) != "str":
        return defined
    written = {}
    for name, expression in defined.items():
        called = re.fullmatch(r"(\w+)\(.*\)", expression)
        function = functions.get(called.group(1)) if called else None
        if function is not None and function is not writer and function.returns is not None and is_number(function.returns) \
                and re.search(MONEY_WORDS, (function.description or "").lower()):
            expression = f"{writer.name}({expression})"  # `pay_for(hours, rate)`: "What one evening earns ..."
        written[name] = expression
    return written


def project_line(project, entity) -> tuple[str, str] | None:
    """A record's line the spec states once for every command, outside them ("## Notes": "Every
    entry is shown as the entry line `#N DAY PIPETTE NOMINAL uL`, where NOMINAL is written with
    one decimal place"): the line and the words from its sentence to the end of its paragraph
    (where its placeholders are defined), or None. It names two fields or more."""
    fields = {f.name.upper() for f in entity.fields}
    paragraphs = re.split(r"\n\s*\n", strip_fences(project.description or ""))
    said = r"\b(?:shown|printed|written|displayed|listed|reported|prints|shows|looks like|describes|it is|line(?: \([^()]*\))? (?:is|reads))\b"
    told = told_line(project, entity)  # (also "A booking's line is `#NUMBER CUSTOMER: ...`")
    if told is not None:
        return told[0], told[2]
    for number in range(len(paragraphs)):
        found = _line_in(paragraphs, number, said, fields)
        if found is not None:  # "with the bales through `plural`": `BALES` is `1 bale`, `12 bales`
            line, words_ = _counted_through(project, *found)
            return line, plain_names(words_, {f.name for f in project.functions})  # "with the day through `short_day`": the function by its name
    return None


def plain_names(text: str, names) -> str:
    """The text with the backticks around a spec function's name (one of ``names``) taken off
    ("through `short_day`" -> "through short_day"), so the readers of a sentence see it either
    way; an example in backticks (`S07`, `late`) stays one."""
    return re.sub(r"`([A-Za-z_]\w*)`", lambda m: m.group(1) if m.group(1) in names else m.group(0), text or "")


def _counted_through(project, line: str, paragraph: str) -> tuple[str, str]:
    """The line with each count placeholder the paragraph passes through a spec function that
    writes a count with its word (`plural(count, word)`: "with the bales through `plural`")
    written as the count and its word (`BALES bales`), which agrees with its number."""
    writers = {function.name for function in project.functions if len(function.params) == 2
               and [type_name(param.type) for param in function.params] == ["int", "str"]
               and type_name(function.returns) == "str"}
    for said in re.finditer(r"\b(?:the|its|their)\s+(\w+)\s+(?:(?:is|are)\s+)?(?:through|via|by|with)\s+`?(\w+)`?", paragraph):
        word, function = said.groups()
        if function in writers and re.search(rf"\b{word.upper()}\b(?! {word}\b)", line) and word.endswith("s"):
            line = re.sub(rf"\b{word.upper()}\b(?! {word}\b)", f"{word.upper()} {word}", line)
    both = re.search(r"\b(?:both|all|each|all of them|they)\s+(?:go\s+)?(?:through|via)\s+`?(\w+)`?", paragraph)
    if both and both.group(1) in writers:  # "`LOTS, BALES`, e.g. `3 lots, 52 bales`, both through `plural`"
        counted = {f.name.upper(): f.name for entity in project.entities for f in entity.fields
                   if type_name(f.type) == "int" and f.name.endswith("s")}
        line = re.sub(r"\b([A-Z][A-Z_]*)\b(?! [a-z])", lambda m: f"{m.group(1)} {counted[m.group(1)]}"
                      if m.group(1) in counted else m.group(0), line)
    return line, paragraph


def _line_in(paragraphs: list[str], number: int, said: str, fields: set[str]) -> tuple[str, str] | None:
    """The record's line paragraph ``number`` of the project states, and the words that define
    its placeholders (see ``project_line``), or None."""
    paragraph = paragraphs[number]
    alone = re.fullmatch(r"\s*`([^`]+)`\s*", paragraph)  # "Wherever the tool prints a dish, it looks like this:",
    if alone and number and paragraphs[number - 1].rstrip().endswith(":") and re.search(  # then the line alone
            said, paragraphs[number - 1], flags=re.IGNORECASE) and len(set(re.findall(
                r"\b[A-Z][A-Z_0-9]*[A-Z0-9]\b", alone.group(1))) & fields) >= 2:
        return alone.group(1), "\n\n".join(paragraphs[number:number + 2])
    for sentence in _sentences(paragraph):
        if not re.search(said, sentence, flags=re.IGNORECASE):
            continue
        for line in re.findall(r"`([^`]+)`", sentence):
            if len(set(re.findall(r"\b[A-Z][A-Z_0-9]*[A-Z0-9]\b", line)) & fields) >= 2:
                flat, spoken = " ".join(paragraph.split()), " ".join(sentence.split())  # (a sentence over two lines)
                return line, flat[flat.find(spoken):] if spoken in flat else sentence
    return None


def kept_order(project, store) -> str | None:
    """The field a store keeps its records sorted by, as the words state it for the store or the
    project: "The log is kept in day order, and an entry's number is simply its place in that
    order" -> ``"day"``; "rows are stored sorted by date" over `day: str — YYYY-MM-DD` ->
    ``"day"``. None when nothing says so (records stay in the order they were added)."""
    entity = next((e for e in project.entities if e.name == store.entity), None)
    if entity is None:
        return None
    text = " ".join(f"{project.description or ''} {store.description or ''}".split()).lower()
    said = re.search(r"\b(?:kept|stored|held|saved|filed|written) (?:always |sorted )?(?:in (?:the )?(\w+) order|"
                     r"sorted (?:by|on) (?:the |their |its )?(\w+)|in (?:the )?order of (?:the |their |its )?(\w+))\b", text)
    if said is None:
        return None
    word = singular(next(group for group in said.groups() if group))
    named = next((f for f in entity.fields if same(word, f.name)), None)
    if named is None and word in ("date", "day", "time", "calendar", "chronological"):
        named = next((f for f in entity.fields if type_name(f.type) == "str" and iso_day(f)), None)
    return named.name if named is not None and type_name(named.type) in ("str", "int", "float") else None


def line_suffix(project, entity, text: str) -> tuple[str, str] | None:
    """The marker a record's line stated once for the project gets (`## Notes`: "` !` is
    appended when the reading is an excursion (cf. in_spec)"), as ``_suffix_of`` reads it."""
    bools = tuple((f.name, tuple(re.escape(form) for form in _flag_forms(f)))
                  for f in entity.fields if type_name(f.type) == "bool")
    return _suffix_of(text, bools, False, _predicates(project, entity)) or _noted_suffix(text, entity) \
        or _told_suffix(text, project, entity)


def _told_suffix(text: str, project, entity) -> tuple[str, str] | None:
    """An end a line gets under a condition on a number field, told part by part: "Only when the
    session had speeders (more than 0) does the line go on with `, top `, the top speed and `
    mph`" -> ``(", top {item.top} mph", "item.speeders > 0")``."""
    said = re.search(r"\b(?:only )?(?:when|if|where) (?:the|a|an|its) \w+ (?:had|has|have|got) (?:any )?(\w+)"
                     r"(?: \((?:more than|over|above) (\d+)\))?,? (?:does|do|will)? ?the line (?:go|goes|carry|carries) on "
                     r"with ((?:`[^`]*`|[^.`])+)", " ".join(text.split()), flags=re.IGNORECASE)
    counted = field_by_name(entity, said.group(1)) if said else None
    if counted is None or not is_number(counted.type):
        return None
    functions = {function.name: function for function in project.functions}
    told = spoken_line(said.group(3), entity, functions, defined_terms(project), least=1)
    if told is None:
        return None
    template = re.sub(r"\b([A-Z][A-Z_]*[A-Z])\b", lambda m: "{" + (told[1].get(m.group(1)) or (
        f"item.{m.group(1).lower()}" if field_by_name(entity, m.group(1).lower()) is not None else m.group(1))) + "}",
        told[0].replace("{", "{{").replace("}", "}}"))
    return template, f"item.{counted.name} > {said.group(2) or 0}"


def field_decimals(project, entity) -> dict[str, str]:
    """The number format the project's words state for a float field by its name: "Money is
    shown with 2 decimals, hours with 1 decimal." -> ``{"hours": ".1f"}``."""
    text = " ".join((project.description or "").split()).lower()
    found = {}
    for target in entity.fields:
        if type_name(target.type) != "float":
            continue
        said = re.search(rf"\b{re.escape(target.name.lower())}s?,? (?:(?:are |is )?(?:shown |written |printed )?(?:with|to|in|at) )"
                         rf"(one|two|three|1|2|3) decimals?\b", text)
        if said:
            places = {"one": "1", "two": "2", "three": "3"}.get(said.group(1), said.group(1))
            found[target.name] = f".{places}f"
    return found


def line_markers(entity, text: str) -> list[tuple[str, str, str | None]]:
    """Markers the words place in a record's line stated once for the project, each shown when
    a yes/no field holds: "When the guest wants ironing, ` + ironing` comes right after `kg`.
    When the bag is ready, ` - ready` comes at the very end." -> ``[(" + ironing", "item.iron",
    "kg"), (" - ready", "item.ready", None)]``: (text, condition, the literal it follows, or
    None for the end of the line). Read only where two or more are said, or one inside the line
    (one at the end is ``line_suffix``'s)."""
    bools = [f for f in entity.fields if type_name(f.type) == "bool"]
    found = []
    for sentence in _sentences(" ".join(text.split())):
        placed = re.search(r"`([^`]+)` (?:comes|goes|is put|is written|stands|is added|is shown)(?: (?:right|just|directly))? "
                           r"(?:after `([^`]+)`|at the (?:very )?end)", sentence)
        if placed is None or re.search(r"[A-Z]{2,}", placed.group(1)):
            continue
        lower = sentence.lower()
        named = [f for f in bools if re.search(rf"\b(?:{'|'.join(re.escape(form) for form in _bool_forms(f.name))})\b", lower)] \
            or [f for f in bools if len(f.name) >= 4 and re.search(rf"\b{re.escape(f.name.lower())}\w*", lower)]  # "ironing"
        if len(named) != 1:
            continue
        negated = re.search(rf"\b(?:not|isn't|is not|no longer|never|un)\s*{re.escape(named[0].name.lower())}", lower)
        found.append((placed.group(1), f"{'not ' if negated else ''}item.{named[0].name}", placed.group(2)))
    return found if len(found) >= 2 or any(anchor for _, _, anchor in found) else []


def _noted_suffix(text: str, entity) -> tuple[str, str] | None:
    """A marker naming a text field, added where the record holds one: "when a leader was noted,
    ` (signed off by LEADER)` is added at the end" over `leader: str = ""` -> ``(" (signed off by
    {item.leader})", "item.leader")``; "with `, conducted by NAME` on the end when there's a
    conductor" names the field after the marker."""
    for sentence in _sentences(" ".join(text.split())):
        lower = sentence.lower()
        for match in re.finditer(r"`([^`]*?)\b([A-Z][A-Z_]*)\b([^`]*)`", sentence):
            target = next((f for f in entity.fields if f.name.upper() == match.group(2)), None)
            there = re.search(r"\b(?:when|if|where|once) (?:there's|there is|it has|they have|it's in|it is in|it's on|"
                              r"it is on) (?:a |an |the )?(\w+)\b", lower[match.end():match.end() + 60])
            named = next((f for f in entity.fields if there and same(there.group(1), f.name)), None)
            if target is None and named is not None:
                target = named  # NAME stands for the conductor the words name
            at_end = re.search(r"\b(?:added|appended|at the end|on the end)\b", sentence[match.end():match.end() + 40])
            away = target is not None and default_value(target.default) == "" and re.search(
                r"\b(?:for|on|to) (?:a|an|each|every|any) \w+ (?:that|which|who) (?:is|are) (?:still |currently )?"
                r"(?:out|lent|borrowed|taken|away|in use|booked)\b[^`]*$", lower[max(0, match.start() - 80):match.start()])
            # "for a prop that is out with a show, `, out with SHOW` is added at the end of its line"
            held = away or there is not None and target is named or (  # "` (taken by TAKER)` on the end once someone has
                target is not None and target.name.upper() == match.group(2) and default_value(target.default) == ""
                and re.search(r"\b(?:once|when|if|after)\b", sentence[match.end():match.end() + 50])) or re.search(
                rf"\b(?:when|if|once|where) (?:a |an |the |its |their )?{re.escape(target.name.lower())} "
                rf"(?:was|is|has been|were|got) (?:noted|given|set|known|recorded|entered|there)\b", lower) \
                if target is not None else None
            if target is None or type_name(target.type) != "str" or not re.match(r"[ ,;(\-]", match.group(1)) \
                    or not at_end or not held:
                continue
            shown = match.group(0)[1:-1].replace("{", "{{").replace("}", "}}")
            written = re.search(rf"\b{match.group(2)}\s*(?:=|is|being)\s*(\w+)\({re.escape(target.name)}\)", sentence)
            value = f"{written.group(1)}(item.{target.name})" if written else f"item.{target.name}"
            # "plus ` [MONTH]` on the end once it's in an issue, MONTH = issue_name(issue)"
            return (re.sub(rf"\b{match.group(2)}\b", "{" + value + "}", shown), f"item.{target.name}")
    return None


def _predicates(project, entity) -> tuple[tuple[str, str, str], ...]:
    """The spec's yes/no functions of one field of the record: ``in_spec(celsius: float) ->
    bool`` over a ``celsius`` field is ``("in_spec", "celsius", its description)``."""
    found = []
    for function in project.functions:
        if len(function.params) != 1 or function.returns is None or type_name(function.returns) != "bool":
            continue
        param = function.params[0]
        target = next((f for f in entity.fields if same(f.name, param.name)), None)
        if target is not None and type_name(target.type) == type_name(param.type):
            found.append((function.name, target.name, function.description or ""))
    return tuple(found)


POSITIVE_PREDICATE = re.compile(r"\b(?:valid|ok|okay|in|within|inside|good|accept\w*|allowed|legal|fits?|"
                                r"normal|healthy|safe)\b")


def _predicate_condition(sentence: str, marker: str, function: str, field_name: str, described: str) -> str:
    """``in_spec(item.celsius)`` or its negation, as the sentence placing a marker by a spec
    predicate means it: "(`in_spec` is true)" or "when in_spec says no" state it; a marker that
    shares a word with the function's name (` LATE` by ``late``) stands for it being true; a
    function named or described as the good case (valid, in, within, ok) flags the opposite
    (` !` "when the reading is an excursion (cf. in_spec)")."""
    call = f"{function}(item.{field_name})"
    lower = sentence.lower()
    if re.search(rf"\bnot {function}\b|\b{function}\b[^.;]{{0,30}}\b(?:is false|returns false|says no|fails)\b", lower):
        return f"not {call}"
    if re.search(rf"\b{function}\b[^.;]{{0,30}}\b(?:is true|returns true|says yes|holds)\b", lower):
        return call
    if set(words(marker.lower())) & set(function.lower().split("_")):
        return call
    named = " ".join(function.lower().split("_")) + " " + described.lower()
    return f"not {call}" if POSITIVE_PREDICATE.search(named) else call


def predicate_terms(project, entity) -> dict[str, tuple[str, bool]]:
    """Nouns a marker's sentence defines by a spec predicate: "` !` is appended when the reading
    is an excursion (cf. in_spec)" -> ``{"excursion": ("in_spec(item.celsius)", False)}`` (the
    call, and whether the noun is the call being true). A flag named for the noun filters by it
    (`--excursions`), and a count line labelled with it counts the records it holds for
    ("readings: N, excursions: E")."""
    predicates = _predicates(project, entity)
    found: dict[str, tuple[str, bool]] = {}
    texts = [project.description or "", *(command.description or "" for command in project.commands)]
    for sentence in (" ".join(sentence.split()) for text in texts for sentence in _sentences(text)):
        marked = _suffix_of(sentence, (), False, predicates) if "`" in sentence else None
        noun = re.search(r"\b(?:when|if|while|for) (?:the |a |an |its )?\w+ (?:is|was) (?:an? )?([a-z]+)\b", sentence.lower())
        if marked is not None and noun is not None and "(item." in marked[1]:
            condition = marked[1]
            found.setdefault(noun.group(1), (condition.removeprefix("not "), not condition.startswith("not ")))
    return found


def _suffix_of(text: str, bools: tuple[tuple[str, tuple[str, ...]], ...], aggregate: bool,
               predicates: tuple[tuple[str, str, str], ...] = ()) -> tuple[str, str] | None:
    for sentence in _sentences(text):
        lower = sentence.lower()
        for match in re.finditer(r"`([^`]+)`", sentence):
            marker = match.group(1)
            rest = lower[match.end():match.end() + 80]
            put_at_end = re.search(r"\b(?:at|on) the end\b[^.;`]* (?:put|add|write|append)\s*$", lower[:match.start()])
            if re.search(r"[A-Z]{2,}", marker) and not (marker.startswith(" ") and (re.match(
                    r"\s*(?:(?:is |are |gets? )?(?:added|appended) )?(?:at the end|after)\b", rest) or put_at_end)):
                continue  # a format, not a marker (but "with ` FAILED` added at the end of the line", "has
                # ` FAILED` at the end of the line")
            if aggregate:
                reached = re.search(r"^\s*(?:after it|at the end|added|appended)?\s*(?:when|if) (?:the |its |that )?"
                                    r"(?:total|sum|value|count|number)\s+(?:reached|reaches|is at least|hits|hit|"
                                    r"is over|is above|passed|passes|went over|goes over)\s+(-?\d+(?:\.\d+)?)", rest)
                if reached:
                    op = ">" if re.search(r"over|above|passe", rest[:reached.end()]) else ">="
                    return (marker if marker.startswith(" ") else " " + marker, f"value {op} {reached.group(1)}")
                continue
            if marker.startswith("--") or not (
                    re.match(r"\s*(?:is |are |gets? )?(?:added|appended|at the end|on the end|after (?:it|them|the line|"
                             r"(?:its|their|the) \w+))\b", rest)
                    or re.search(r"\bwith\s*$", lower[:match.start()])
                    or (re.search(r"\b(?:plus|then|followed by)\s*$", lower[:match.start()]) or put_at_end)
                    and re.match(r"\s*(?:at the end\s*)?(?:when|if|for)\b", rest)):  # "plus ` W` when --changed is given"
                continue  # `--all` is an option; ` [heard]` "added at the end of their line" a marker
            for name, forms in bools:
                said = re.search(rf"\b(?:the )?(un|not |non-?|(?:hasn't|has not|haven't|have not|isn't|is not|"
                                 rf"wasn't|was not|never) (?:yet )?)?(?:{'|'.join(forms)})\b", lower)
                if said:
                    negated = bool(said.group(1))
                    shown = marker if marker.startswith(" ") or not marker[:1].isalnum() else " " + marker
                    return (shown, f"{'not ' if negated else ''}item.{name}")
            for function, field_name, described in predicates:  # "(cf. in_spec)": a spec predicate decides
                if re.search(rf"\b{re.escape(function.lower())}\b", lower):
                    shown = marker if marker.startswith(" ") or not marker[:1].isalnum() else " " + marker
                    return (shown, _predicate_condition(sentence, marker, function, field_name, described))
    return None


def _flagged_suffix(context: Context) -> tuple[str, str] | None:
    """A marker added at the end when a flag was given, the flag setting a yes/no field: "When I
    said `--lost`, ` - lost` is added at the very end" over `recovered: bool = true — false
    while the rocket is lost` -> ``(" - lost", "not item.recovered")``."""
    for sentence in _sentences(context.text):
        marker = re.search(r"`(\s[^`]+)` (?:is |gets )?(?:added|appended|put|written) at the (?:very )?end\b", sentence)
        flag = re.search(r"`?--([\w-]+)`?", sentence)
        param = next((p for p in context.params if flag and p.name == flag.group(1).replace("-", "_")
                      and type_name(p.type) == "bool"), None)
        if marker is None or param is None:
            continue
        for target in context.fields_of("bool"):
            if target.name == param.name:
                return marker.group(1), f"item.{target.name}"
            if _flag_negates(context, param, target):
                return marker.group(1), f"not item.{target.name}"
    return None


def _suffix(context: Context, operation: str) -> tuple[str, str] | None:
    """A marker the words add to a line when a condition holds: "with ` [heard]` added at the
    end of their line" (the heard episodes), "`ok` after it when the total reached 2000"."""
    if context.entity is None or "`" not in context.text + (context.project.description or ""):
        return None  # (the project may state every record's line: "if the piece has a note, ` - NOTE` on the end")
    key = ("suffix", operation)
    if key not in context.memo:  # the same for every candidate of the command
        bools = tuple((f.name, tuple(re.escape(form) for form in _flag_forms(f)))
                      for f in context.fields_of("bool"))
        found = _suffix_of(context.text, bools, operation == "aggregate",
                           _predicates(context.project, context.entity)) or _flagged_suffix(context) or (
            _field_suffix(context) or _ending_with(context) or _follows(context)
            or (_noted_suffix(context.text, context.entity) if operation in ("list", "show") else None)
            if operation != "aggregate" else None)  # "for a prop that is out with a show, `, out with SHOW` is added"
        forms = _two_forms(context) if found is not None else None
        if forms is not None and found[0].strip() in forms[1].split() + forms[2].split():
            found = None  # "`... COST paid` (or `unpaid` at the end ...)": the word a flag picks, no marker
        context.memo[key] = found
    return context.memo[key]


def _term_counts(context: Context, message: str) -> str:
    """A count line's number labelled with a noun a predicate defines counts the records it
    holds for: ``readings: {count}, excursions: {count}`` (or ``E`` left as it is) -> ``...,
    excursions: {sum(...)}``."""
    def counted(match: re.Match) -> str:
        term = _terms(context).get(singular(match.group(1).lower()))
        if term is None:
            return match.group(0)
        call, holds = term
        return match.group(1) + match.group(2) + "{" + f"sum(1 for _, item in rows if {'' if holds else 'not '}{call})" + "}"
    return re.sub(r"\b([A-Za-z]+)(:? )(?:\{count\}|[A-Z]\b)", counted, message)  # `excursions: E` too


def _terms(context: Context) -> dict[str, tuple[str, bool]]:
    """``predicate_terms`` of the command's entity, read once per project and entity."""
    if context.entity is None:
        return {}
    if context.entity.name not in context.index.terms:
        context.index.terms[context.entity.name] = predicate_terms(context.project, context.entity)
    return context.index.terms[context.entity.name]


def _flag_forms(flag) -> tuple[str, ...]:
    """The words a flag goes by: its name's forms (``_bool_forms``) and what its description
    says it means (``_described_state``)."""
    return (*_bool_forms(flag.name), *_described_state(flag))


def _described_state(flag) -> tuple[str, ...]:
    """The words a flag's description says it means: `returned: bool — whether the material has
    been received back` -> ("received back",), so "appended for a loan that has been received
    back" names it."""
    said = re.search(r"\bwhether (?:the \w+ |it |they )?(?:has been|have been|is|are|was|were|has|have) (?:already )?"
                     r"((?:[a-z]+ ?){1,3})", (flag.description or "").lower())
    if said is None:  # `veggie: bool — true when it's vegetarian`
        said = re.search(r"\b(?:true|yes|set) (?:when|if) (?:the \w+ |it |they )?(?:is|are|'s|was|were) ([a-z]{4,})\b",
                         (flag.description or "").lower().replace("it's", "it 's"))
    if said is None:  # `out: bool — true while a skater has the pair`: the clause itself
        said = re.search(r"\b(?:true|yes|set) (?:while|when|if) ((?:an? |the )\w+ (?:has|holds|uses|keeps|wears|rides) "
                         r"(?:the |it|them)\w*)", (flag.description or "").lower())
    return (said.group(1).strip(),) if said else ()


def _flag_word(context: Context, phrase: str) -> str | None:
    """The condition on a bool field a word or phrase says: "resolved" -> ``item.resolved``,
    "open" (the opposite of resolved) or "the firing is not unloaded" -> ``not item.resolved``,
    ``not item.unloaded``."""
    said = [word for word in words(phrase) if word not in ("a", "an", "the", "it", "is", "its", "one", "ones")]
    negated = any(word in ("not", "no", "never") for word in said) or any(word.startswith("un") and len(word) > 4
                                                                            and context.field(word) is None
                                                                            for word in said[-1:])
    for flag in context.fields_of("bool"):
        forms = set(_bool_forms(flag.name))
        for word in said:
            if word in forms:
                return f"{'not ' if negated else ''}item.{flag.name}"
            if word.startswith("un") and word[2:] in forms:
                return f"{'' if negated else 'not '}item.{flag.name}"
            if flag.name.lower() in NEGATED_FLAGS.get(word, ()):
                return f"{'' if negated else 'not '}item.{flag.name}"
    return None


def _line_template(context: Context, text: str) -> str | None:
    """A piece of a line in placeholders as a template over ``item``: `resolved HM` ->
    ``resolved {hm(item.minutes)}``, ` - CRACKED cracked` -> `` - {item.cracked} cracked``;
    None when a placeholder names nothing."""
    writers = placeholder_writers(context.project, context.index)

    def placed(match: re.Match) -> str:
        token = match.group(0)
        target = context.field(token.lower())
        if token in writers and (target is None or writers[token][1] != target.name):
            function, fields_ = writers[token]
            if function and all(context.field(name) is not None for name in fields_.split(",")):
                return "{" + f"{function}({', '.join(f'item.{name}' for name in fields_.split(','))})" + "}"
        if target is None and context.entity is not None and not any(same(p.name, token.lower()) for p in context.params):
            described = [f for f in context.entity.fields if re.match(rf"\s*(?:the|a|an) {re.escape(token.lower())}\b",
                                                                       (f.description or "").lower())]
            target = field_named_loosely(context.entity, token.lower()) or (  # `last shod DAY` over `last — the
                described[0] if len(described) == 1 else None)  # day of the last shoeing`
        if target is not None:
            return "{item." + target.name + "}"
        raise LookupError(token)
    try:
        return re.sub(r"\b[A-Z][A-Z_]*[A-Z]\b", placed, text.replace("{", "{{").replace("}", "}}"))
    except LookupError:
        return None


def _two_tails(context: Context) -> tuple[str | None, tuple[str, str, str]] | None:
    """A line with two forms that a bool field chooses between: "`#N SERVICE sev SEV open` for
    an open incident, `#N SERVICE sev SEV resolved HM` for a resolved one" (the common start is
    the line, the rest a marker with an alternative); "followed by ` - in kiln` while the firing
    is not unloaded, or by ` - CRACKED cracked` once it is". (line or None, (text, condition,
    otherwise))."""
    if context.entity is None:
        return None
    text = " ".join(context.text.split())
    unset = re.search(r"`([^`]+)`,? or `([^`]+)` (?:for|when it is|if it is) (?:an? |the )?\w+ (?:i|we|you) (?:haven't|have not|"
                      r"hasn't|has not|didn't|did not|never) (\w+)(?: it)?(?: yet)?\b", text, flags=re.IGNORECASE)
    for target in context.fields_of("str") if unset else ():  # "`NAME (OWNER), every N weeks, last shod DAY`, or
        said = re.search(r"\bempty (?:until|till|before) (?:i've|i have|we've|it's been|it has been|it is) (\w+)",  # `...,
                         (target.description or "").lower())  # never shod` for a horse I haven't shod yet" over
        if not said or default_value(target.default) not in ("", None) or said.group(1) != unset.group(3).lower():
            continue  # `last: str = "" — the day of the last shoeing, empty until I've shod it`
        first, second = unset.group(1), unset.group(2)
        common = os.path.commonprefix([first, second])
        common = common[:common.rfind(" ") + 1] if " " in common else ""
        tails = [_line_template(context, " " + form[len(common):]) for form in (first, second)]
        if common.strip() and all(tails):
            return common.rstrip(), (tails[0], f"item.{target.name}", tails[1])
    if not context.fields_of("bool"):
        return None
    whole = re.search(r"`([^`]+)`,? (?:for|when|if|while) (?:an? |the |it is |its )?([\w-]+)[^`]{0,30}?`([^`]+)`,? "
                      r"(?:for|when|if|once|while) (?:an? |the |it is |its )?([\w-]+)", text)
    if whole:
        first, first_word, second, second_word = whole.groups()
        common = os.path.commonprefix([first, second])
        common = common[:common.rfind(" ") + 1] if " " in common else ""
        condition = _flag_word(context, second_word)
        if common.strip() and condition and _flag_word(context, first_word) not in (None, condition):
            tails = [_line_template(context, " " + form[len(common):]) for form in (second, first)]
            if all(tails):
                return common.rstrip(), (tails[0], condition, tails[1])
    followed = re.search(r"\bfollowed by `([^`]+)`,? (?:while|when|if|as long as) ([^,;.`]+?),? or (?:by )?`([^`]+)`,? "
                         r"(?:once|when|if|after) (?:it is|it's|they are|it has been)\b", text)
    if followed:
        condition = _flag_word(context, followed.group(2))
        tails = [_line_template(context, form) for form in (followed.group(1), followed.group(3))]
        if condition and all(tails):
            return None, (tails[0], condition, tails[1])
    return None


def _follows(context: Context) -> tuple[str, str] | None:
    """"like `K12 Pirate coat (L)`, and when it is out, the actor follows: `K12 Pirate coat (L)
    at Maria`": the second line is the first with a text field's value after it, shown where
    the field is set -> (`` at {item.actor}``, ``item.actor``)."""
    said = re.search(r"`([^`]+)`,? (?:and )?(?:when|while|if) [^:`]+?,? (?:the |its )?(\w+) (?:follows|comes after|is added)"
                     r"[^`]*`([^`]+)`", context.text)
    target = context.field(said.group(2)) if said else None
    if target is None or type_name(target.type) != "str" or default_value(target.default) not in ("", None) \
            or not said.group(3).startswith(said.group(1)) or len(said.group(3)) == len(said.group(1)):
        return None
    tail = said.group(3)[len(said.group(1)):]
    return re.sub(r"\S+$", "{item." + target.name + "}", tail), f"item.{target.name}"


def _ending_with(context: Context) -> tuple[str, str] | None:
    """"When the thing is given out already, the line is ending with ` - back to OWNER`": text
    with a field's placeholder after the line, where that field (empty by default) is set."""
    for match in re.finditer(r"\b(?:is |are )?(?:ending|ends|end) with\s+`( [^`]+)`", context.text):
        marker = match.group(1)
        placeholders = re.findall(r"\b[A-Z][A-Z_]*[A-Z]\b", marker)
        fields = [context.field(name.lower()) for name in placeholders]
        if len(fields) != 1 or fields[0] is None or not (
                type_name(fields[0].type) == "str" and default_value(fields[0].default) in ("", None)
                or is_number(fields[0].type) and default_value(fields[0].default) == 0):
            continue  # a text set later, or a number 0 until set ("0 while the batch is not rated")
        target = fields[0]
        return (re.sub(rf"\b{placeholders[0]}\b", "{item." + target.name + "}", marker), f"item.{target.name}")
    return None


def _field_suffix(context: Context) -> tuple[str, str] | None:
    """"followed by ` pulse P` when a pulse was measured" over `pulse: int = 0 — ...; 0 means
    not measured`: the field's value after its label, only where it holds one; "` - SCORE/10` on
    the end when I've rated it" over a field that is none until it is set."""
    for match in re.finditer(r"\b(?:followed by|then|with|plus)\s+`( ?[a-z]+ )([A-Z])`\s+(?:when|if)\s+(?:a |an |the )?(\w+)"
                             r"\s+(?:was|is|has been)\s+(?:measured|given|set|known|recorded|taken|there)\b", context.text):
        label, letter, said = match.groups()
        target = context.field(said)
        if target is None or not same(label.strip(), target.name) or letter != target.name[:1].upper():
            continue
        unset = re.search(r"\b(-?\d+) means not\b", (target.description or "").lower())
        condition = f"item.{target.name} != {unset.group(1)}" if unset else f"item.{target.name}"
        return (label.rstrip() + " {item." + target.name + "}" if label.startswith(" ") else
                " " + label.strip() + " {item." + target.name + "}", condition)
    for match in re.finditer(r"\b(?:followed by|then|with|plus)\s+`( ?[^`A-Za-z]*)([A-Z][A-Z_]*)([^`A-Za-z]*)`[^.;`]{0,30}?"
                             r"\b(?:when|if)\s+(?:there's|there is|it has|they have|it's got|has)\s+(?:a |an |any )?(\w+)\b",
                             context.text):
        label, placeholder, tail, said = match.groups()  # "plus ` - NOTE` on the end when there's a note", "` (YARN)`"
        target = context.field(said)
        if target is not None and target.name.upper() == placeholder and type_name(target.type) == "str":
            return (label + "{item." + target.name + "}" + tail, f"item.{target.name}")
    for sentence in _sentences(context.text):  # "a thing that has been taken gets `, taken by ` and the taker added
        told = re.search(r"`([^`]+)` and (?:the |its )?(\w+),? (?:is |are )?(?:added |appended |put |written )?"  # at the
                         r"(?:at|on) the (?:very )?end\b", sentence)  # end of its line"
        target = context.field(told.group(2)) if told else None
        if target is None or re.search(r"[A-Z]{2,}", told.group(1)):
            continue
        lower = sentence[:told.start()].lower()
        held = [f for f in context.fields_of("bool") if re.search(
            rf"\b(?:is|are|was|were|has been|have been|got) (?:already )?(?:{'|'.join(_bool_forms(f.name))})\b", lower)]
        condition = f"item.{held[0].name}" if len(held) == 1 else (
            f"item.{target.name}" if type_name(target.type) == "str" and re.search(
                rf"\b(?:has|have|with) (?:a |an )?{re.escape(target.name.lower())}\b", lower) else None)
        if condition is not None:
            return told.group(1).replace("{", "{{").replace("}", "}}") + "{item." + target.name + "}", condition
    for match in re.finditer(r"`( [^`]+)`(?: (?:is |gets )?(?:added |put |written )?(?:at|on) the (?:very )?end)?,? "
                             r"(?:only )?(?:when|if|while) (?:it|they|the \w+) (?:has|have|was|were|is|are) "
                             r"(?:never|not yet|not|still not) (?:yet )?(?:been |had |got )?(?:a |an |its |their )?(\w+)",
                             context.text):  # "with ` (never filled)` at the end when it has never been filled"
        marker, said = match.group(1), stem(match.group(2).lower())
        if re.search(r"[A-Z]{2,}", marker):
            continue
        empty = [f for f in context.fields_of("str") if default_value(f.default) == "" and (
            stem(f.name.lower()) == said or said in {stem(word) for word in words(f.description or "")})]
        if len(empty) == 1:  # over `filled: str = "" — the day it was last filled, empty if never`
            return marker.replace("{", "{{").replace("}", "}}"), f"not item.{empty[0].name}"
    compared = re.search(r"\b(?:when|if) `--([\w-]+)(?: [A-Z]+)?` is (more than|over|above|greater than|at least|not) (\d+),? "
                         r"(?:it )?(?:adds|appends|puts|prints|shows) `( [^`]+)` (?:on|at) the end\b", context.text)
    target = context.field(compared.group(1).replace("-", "_")) if compared else None
    if target is not None and is_number(target.type):  # "when `--every M` is more than 0 it adds ` (next due
        text = compared.group(4).replace("{", "{{").replace("}", "}}")  # NEXT)` on the end, NEXT being add_months(DAY, M)"
        for name, expression in _written_calls(context).items():
            text = re.sub(rf"\b{name}\b", "{" + expression + "}", text)
        text = re.sub(r"\b[A-Z][A-Z_]*[A-Z]\b", lambda m: "{item." + context.field(m.group(0).lower()).name + "}"
                      if context.field(m.group(0).lower()) is not None else m.group(0), text)
        op = {"more than": ">", "over": ">", "above": ">", "greater than": ">", "at least": ">=", "not": "!="}[compared.group(2)]
        if not re.search(r"\b[A-Z][A-Z_]*[A-Z]\b", re.sub(r"\{[^{}]*\}", "", text)):
            return text, f"item.{target.name} {op} {compared.group(3)}"
    booster = re.search(r"`( [^`]+)` (?:when|if) (?:the \w+|it) has (?:a |an )?(\w+)", context.text)
    for target in context.fields_of("int", "float") if booster else ():  # "plus ` (next due NEXT)` when the jab has
        if not re.search(rf"\b0 (?:when|if|means) (?:there is |there's |it has )?no {re.escape(booster.group(2))}\b",
                         (target.description or "").lower()):  # a booster interval" over `every: int = 0 — ...; 0
            continue  # when there is no booster`
        text = booster.group(1).replace("{", "{{").replace("}", "}}")
        for name, expression in _written_calls(context).items():
            text = re.sub(rf"\b{name}\b", "{" + expression + "}", text)
        if not re.search(r"\b[A-Z][A-Z_]*[A-Z]\b", re.sub(r"\{[^{}]*\}", "", text)):
            return text, f"item.{target.name} != 0"
    project = " ".join((context.project.description or "").split())
    for match in re.finditer(r"\b(?:if|when) (?:the \w+|it) has (?:a |an |any )?(\w+),? `( ?[^`A-Za-z]*)([A-Z][A-Z_]*)([^`A-Za-z]*)`"
                             r",? (?:on|at) the end\b", f"{context.text} {project}"):
        said, label, placeholder, tail = match.groups()  # "Wherever a piece is printed ...: `#NUMBER WOOD
        target = context.field(said)  # LENGTHxWIDTH mm`, and if the piece has a note, ` - NOTE` on the end"
        if target is not None and target.name.upper() == placeholder and type_name(target.type) == "str":
            return (label + "{item." + target.name + "}" + tail, f"item.{target.name}")
    for match in re.finditer(r"`( [^`A-Za-z]*)([A-Z][A-Z_]*)([^`A-Z]*)`[^.;`]{0,30}?\b(?:when|if|once)\b", context.text):
        label, placeholder, tail = match.groups()  # "and ` - SCORE/10` on the end when I've rated it" over
        target = context.field(placeholder.lower())  # `score: int | None = none`: there once it is set
        if target is not None and _none_until_set(target):
            return (label + "{item." + target.name + "}" + tail, f"item.{target.name} is not None")
    for match in re.finditer(r"\bonly (?:for|on) (?:an? |the )(\w+) \w+,? `([^`]+)` (?:is )?(?:added|appended|put|printed|"
                             r"shown|written) (?:at|on|to) the end\b|`([^`]+)` (?:is )?(?:added|appended|put|printed|shown|"
                             r"written) (?:at|on|to) the end[^.;`]*?\bonly (?:for|on) (?:an? |the )(\w+)\b", context.text):
        said, text = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        target = next((f for f in context.entity.fields if stem(f.name.lower()) == stem(said.lower())
                       and _none_until_set(f)), None)  # "only for a rated sauce, `, rated R/5` added at the end"
        if target is None:
            continue
        written = re.sub(rf"\b(?:{target.name.upper()}|{target.name[:1].upper()})\b", "{item." + target.name + "}",
                         text.replace("{", "{{").replace("}", "}}"))
        if not re.search(r"\b[A-Z][A-Z_]*[A-Z]\b|\b[A-Z]\b", re.sub(r"\{[^{}]*\}", "", written)):
            return written, f"item.{target.name} is not None"
    return None


def _empty_lists(context: Context, template: str | None) -> str | None:
    """A list written joined, with the line the words give for no element: "then `tags: TAG,
    TAG` (or `tags: -` when it has none)" -> ``{', '.join(...) or '-'}``."""
    if not template:
        return template
    for match in re.finditer(r"\{('[^']*')\.join\(map\(str, item\.(\w+)\)\)\}", template):
        line = next((text for text in template.split("\n") if match.group(0) in text), "")
        before, after = line.split(match.group(0), 1)
        for shown in re.findall(r"`([^`]+)`", context.text):
            empty = re.fullmatch(re.escape(before) + r"(\S+)" + re.escape(after), shown)
            if empty and not re.search(r"[A-Z]{2,}", empty.group(1)) and re.search(
                    r"\b(?:none|no \w+|empty|nothing)\b", context.text[context.text.find(shown):][:80].lower()):
                return template.replace(match.group(0), "{" + f"{match.group(1)}.join(map(str, item.{match.group(2)}))"
                                        f" or {empty.group(1)!r}" + "}")
    return template


def _list_shown(line: str, name: str, elements: list[str]) -> tuple[int, int, str] | None:
    """Where a list field shows in a line, as an expression: each element after the same
    prefix (`` #verbs #food`` -> ``''.join(' #' + v for v in item.tags)``) or the elements
    joined by one separator (``perf, ui`` -> ``', '.join(item.labels)``)."""
    found, cursor = [], 0
    for element in elements:
        hit = re.search(rf"(?<![\w]){re.escape(element)}(?![\w])", line[cursor:])
        if hit is None:
            return None
        found.append((cursor + hit.start(), cursor + hit.end()))
        cursor += hit.end()
    between = [line[end:start] for (_, end), (start, _) in itertools.pairwise(found)]
    bracketed = bool(re.search(r"[\[(]$", line[:found[0][0]]))
    for width in () if bracketed else (2, 1):  # ` #food`: the same short prefix before every element
        prefix = line[max(0, found[0][0] - width):found[0][0]]
        if len(prefix) == width and not re.search(r"[\w'\\{}]", prefix) and all(gap == prefix for gap in between):
            return (found[0][0] - width, found[-1][1],
                    "{''.join(" + repr(prefix) + f" + str(value) for value in item.{name})" + "}")
    separator = between[0] if between else ", "
    if len(elements) > 1 and (not all(gap == separator for gap in between)
                              or re.search(r"[\w'\\{}]", separator)):
        return None
    if len(elements) == 1 and not re.search(r"[\[(]$", line[:found[0][0]]):
        return None  # one element alone: a separator cannot be told, unless bracketed
    return found[0][0], found[-1][1], "{" + repr(separator) + f".join(map(str, item.{name}))" + "}"


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




# ---------------------------------------------------------------- what a reading leaves out


def doubts(interpretation: Interpretation, command, project, command_names: set[str] | None = None,
           entity=None) -> list[str]:
    """What the command's words ask for that ``interpretation`` does not do, each in words.

    A reading no example checks is a guess; when the words plainly say more than the
    guess does (a group "per person", a sum "altogether", "X times Y", an order, "at most
    N", a spec function they name), the unit is reported ``partial`` with these reasons,
    never ``unchecked`` as if it were complete. Cheap cue families, not a second reading:
    they only ever lower a status.
    """
    text = " ".join(strip_fences(command.description or "").split())
    lower = re.sub(r"`[^`]*`", " ", text).lower()
    if entity is None:  # the caller's index of entities keeps a pass over the commands linear
        entity = next((e for e in project.entities if e.name == interpretation.entity), None)
    if entity is None or interpretation.operation == "custom":
        return []
    found: list[str] = []
    values = list(interpretation.values) or [value for value in [interpretation.aggregate] if value]  # every one
    groups = {value.group_by for value in values if value and value.group_by}
    functions = {value.function for value in values if value}
    fields_ = {f.name for f in entity.fields}

    def field_word(word: str) -> str | None:
        return next((name for name in fields_ if same(word, name)), None)

    for match in re.finditer(r"\b(?:per|for each|for every|of each|each|every)\s+(\w+)", lower):
        grouped = field_word(match.group(1))
        if grouped and not same(match.group(1), entity.name) and grouped not in groups \
                and interpretation.operation in ("list", "show", "count", "aggregate"):
            found.append(f"the words group by {grouped} ({match.group(0)!r}); this reading does not")
            break
    if re.search(r"\b(?:altogether|added up|in total|all together|summed|sum of|total of|how much)\b", lower) \
            and interpretation.operation in ("list", "show", "count", "aggregate") \
            and not functions & {"sum", "mean", "change"} \
            and "sum(item." not in (interpretation.total or ""):  # "how much it gained": a change
        found.append("the words add numbers up; this reading does not sum anything")
    arithmetic = re.search(r"\b(?!many\b|several\b|few\b|\d+\b|how\b)\w+ (?:times|multiplied by|minus|divided by)\s+"
                           r"(?!i\b|we\b|you\b|he\b|she\b|they\b|it\b|a\b)(?:its |their |the )?\w+", lower)
    if arithmetic and not any("*" in (value.field or "") or "-" in (value.field or "") for value in values) \
            and not any(a.op not in ("set",) for a in interpretation.assignments):
        found.append(f"{arithmetic.group(0)!r} is not computed by this reading")
    ordered = re.search(r"\b(?:a to z|z to a|alphabetical(?:ly)?|sorted|ordered by|in order of|by rank|"
                        r"(?:most|least) \w+ first|\w+est (?:\w+ )?first)\b", lower)
    alphabetical = ordered and re.search(r"a to z|alphabetical", ordered.group(0))
    if ordered and interpretation.order is None and interpretation.operation in ("list", "aggregate") \
            and not (groups and alphabetical)  \
            and not re.search(r"\bin the order\b", lower[max(0, ordered.start() - 20):ordered.end()]):
        found.append(f"the words order the lines ({ordered.group(0)!r}); this reading does not")
    at_most = re.search(r"\b(?:at most|up to|only the|the top|top)\s+(?:\d+|(?-i:[A-Z]+)\b|"
                        + "|".join(NUMBER_WORDS) + r")", text, flags=re.IGNORECASE)
    if at_most and interpretation.limit is None and interpretation.operation in ("list", "aggregate") \
            and interpretation.select == "all":
        found.append(f"the words limit how many ({at_most.group(0)!r}); this reading does not")
    stated = {interpretation.output, interpretation.message_pattern, interpretation.vanish, interpretation.total,
              *(g.message for g in interpretation.guards)}  # "and it prints `finished NAME`" when it goes: vanish
    for match in re.finditer(rf"\b{PRINTS}\s+`([^`]+)`", text, flags=re.IGNORECASE):
        line = match.group(1)
        if command_names is None:
            command_names = {c.name for c in project.commands}
        if line not in stated and line.split(" ", 1)[0] not in command_names \
                and not interpretation.output_template and not interpretation.message \
                and not any(_sample_of(pattern, line) for pattern in stated if pattern):
            found.append(f"the words say it prints `{line}`; this reading prints something else")
            break
    lines = re.search(r"\b(two|three|four|2|3|4) lines\b", lower)
    if lines and interpretation.operation in ("count", "aggregate") and not interpretation.values \
            and not interpretation.total and "\n" not in (interpretation.message or "") \
            and not (interpretation.aggregate and interpretation.aggregate.group_by):  # a line per group
        found.append(f"the words print {lines.group(0)}; this reading prints one")  # `bottles: N` and `value: X.XX`
    used = set(interpretation.uses) | {value.function for value in values if value and value.spec_function}
    for template in (interpretation.output_template, interpretation.message, interpretation.call):
        used |= set(re.findall(r"\b(\w+)\(", template or ""))
    line = project_line(project, entity) if interpretation.bare_line or interpretation.operation in ("list", "show") \
        and not interpretation.output_template else None
    used |= set(re.findall(r"\w+", line[1])) if line else set()  # the record's line "with the day through short_day"
    for function in project.functions:
        if function.name not in used and re.search(rf"`{re.escape(function.name)}`|\b{re.escape(function.name)}\(\)",
                                                   text):
            found.append(f"the words name {function.name}(); this reading does not call it")
    return found
