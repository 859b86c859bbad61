"""The component library: the operations the synthesizer composes, each a small typed record.

An operation knows which argument kinds it accepts, how to compute its value on
concrete arguments (plain Python, run in-process on example values only) and how
to render itself as Python source. Order matters: when two programs of the same
size agree on every example, the one built from the operation listed first wins,
so the more idiomatic spelling comes first (``>=`` before ``>``, ``split()``
before ``split(" ")``).

Adding an operation: append an ``Operation`` below; nothing else changes.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spf.synthesis import terms as k
from spf.synthesis.terms import ADD, AND, ATOM, COMPARE, MULTIPLY, NOT, OR, UNARY


@dataclass(frozen=True)
class Operation:
    name: str
    accepts: tuple[Callable[[str], bool], ...]
    function: Callable[..., Any]
    template: str                     # "{0}.strip()": argument i is rendered at {i}
    precedence: int = ATOM
    argument_precedence: tuple[int, ...] = ()
    generator_argument: int | None = None  # the argument that may render as a generator
    commutative: bool = False
    uses_argument_twice: bool = False  # rendered with a local variable when complex
    variable_first: bool = False      # skip when the first argument is a constant
    leaf_arguments: tuple[int, ...] = ()  # arguments that must be a parameter or a constant
    max_argument_size: int | None = None  # predicates on characters: small arguments only
    negation: bool = False            # `not x`: never applied to a comparison
    one_leaf_of: tuple[int, ...] = ()  # at least one of these arguments is a leaf
    constant_arguments: tuple[int, ...] = ()  # arguments that must be constants
    measured_arguments: tuple[int, ...] = ()  # arguments that use no stated constant
    receiver_variable: bool = False   # `text.count("a")`, never `"abc".count(text)`
    cost: int = 1                     # size it adds; 2 for rarer operations (see hints)
    # An accumulation loop: (argument source, loop variable) -> (result name, statements).
    statement: Callable[[str, str], tuple[str, str]] | None = None
    # How the value reads where any iterable will do (``for x in ...``, ``sum(...)``).
    generator_template: str | None = None

    @property
    def is_comparison(self) -> bool:
        return self.name in COMPARISONS

    @property
    def arity(self) -> int:
        return len(self.accepts)

    def needed(self, index: int) -> int:
        if index < len(self.argument_precedence):
            return self.argument_precedence[index]
        return 0


COMPARISONS = ("at_least", "less_than", "greater_than", "at_most", "equal", "not_equal")
STRICT_COMPARISONS = ("less_than", "greater_than")


def _op(name, accepts, function, template, precedence=ATOM, argument_precedence=None, **extra):
    if name in COMPARISONS:
        extra.setdefault("variable_first", True)
    if argument_precedence is None:
        argument_precedence = tuple(
            ATOM if template.startswith(f"{{{index}}}") or f"{{{index}}}[" in template
            or f"{{{index}}}." in template else 0 for index in range(len(accepts)))
    return Operation(name, tuple(accepts), function, template, precedence,
                     tuple(argument_precedence), **extra)


def _repeat(text, times):
    if not isinstance(times, int) or isinstance(times, bool) or times > 50:
        raise OverflowError("repetition too large for the search")
    return text * times


def _divide(left, right):
    return left / right


def _checked_int(value):
    if isinstance(value, float) and math.isnan(value):
        raise ValueError("nan")
    return int(value)


def _range_to(limit):
    if limit > MAX_RANGE:
        raise OverflowError("range too large for the search")
    return list(range(limit))


def _range_inclusive(limit):
    if limit > MAX_RANGE:
        raise OverflowError("range too large for the search")
    return list(range(1, limit + 1))


MAX_RANGE = 300


def _tally(items):
    counts: dict = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return counts


def _running_total(items):
    totals, total = [], 0
    for item in items:
        total += item
        totals.append(total)
    return totals


def _needle(text: str) -> str:
    """The empty string as a pattern matches everywhere: `s.replace("", " ")` is noise."""
    if not text:
        raise ValueError("empty pattern")
    return text


def _member(item, items):
    """``item in items`` for items of the same type only (`1 in [True]` is noise)."""
    if any(type(element) is not type(item) for element in items):
        raise TypeError("mixed types")
    return item in items


def _mean(numbers):
    return sum(numbers) / len(numbers)


def _between(value, low, high):
    """``low <= value <= high`` for a range written low to high only (`15 <= x <= 7` is noise)."""
    if not low < high:
        raise ValueError("empty range")
    return low <= value <= high


def _is_iso_date(text):
    """A real calendar date written exactly as YYYY-MM-DD (the round trip rejects other forms)."""
    import datetime

    try:
        return datetime.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def _streak_to_latest(texts):
    """How many consecutive days end at the latest of the YYYY-MM-DD dates."""
    import datetime

    dates = {datetime.date.fromisoformat(text) for text in texts}
    streak = 0
    if dates:
        day = max(dates)
        while day in dates:
            streak += 1
            day -= datetime.timedelta(days=1)
    return streak


def _iso_date_block(text: str, name: str) -> tuple[str, str]:
    return "valid", ("import datetime\n\n"
                     "try:\n"
                     f"    valid = datetime.date.fromisoformat({text}).isoformat() == {text}\n"
                     "except ValueError:\n"
                     "    valid = False")


def _streak_block(texts: str, name: str) -> tuple[str, str]:
    return "streak", ("import datetime\n\n"
                      f"dates = {{datetime.date.fromisoformat({name}) for {name} in {texts}}}\n"
                      "streak = 0\n"
                      "if dates:\n"
                      "    latest = max(dates)\n"
                      "    while latest in dates:\n"
                      "        streak += 1\n"
                      "        latest -= datetime.timedelta(days=1)")


def _no_bool(kind: str) -> bool:
    return k.is_number(kind)


STR, INT, NUM, BOOL, ANY = k.is_str, k.is_int, _no_bool, k.is_bool, k.is_any
STR_LIST, NUM_LIST, SORTABLE, LIST, SIZED, DICT = (k.is_str_list, k.is_number_list,
                                                   k.is_sortable_list, k.is_list, k.is_sized,
                                                   k.is_dict)
SCALAR = k.is_scalar


def NON_BOOL_SCALAR(kind: str) -> bool:
    return kind in ("str", "int", "float")


OPERATIONS: list[Operation] = [
    # ---- strings
    _op("split", [STR], lambda s: s.split(), "{0}.split()"),
    _op("strip", [STR], lambda s: s.strip(), "{0}.strip()"),
    _op("lower", [STR], lambda s: s.lower(), "{0}.lower()"),
    _op("upper", [STR], lambda s: s.upper(), "{0}.upper()"),
    _op("title", [STR], lambda s: s.title(), "{0}.title()"),
    _op("capitalize", [STR], lambda s: s.capitalize(), "{0}.capitalize()"),
    _op("len", [SIZED], len, "len({0})"),
    _op("reverse_str", [STR], lambda s: s[::-1], "{0}[::-1]"),
    _op("lstrip", [STR], lambda s: s.lstrip(), "{0}.lstrip()"),
    _op("rstrip", [STR], lambda s: s.rstrip(), "{0}.rstrip()"),
    _op("letters_only", [STR], lambda s: "".join(c for c in s if "a" <= c.lower() <= "z"),
        '"".join(c for c in {0} if "a" <= c.lower() <= "z")'),  # "keeping only the letters a to z"
    _op("isdigit", [STR], lambda s: s.isdigit(), "{0}.isdigit()", max_argument_size=3),
    _op("isalpha", [STR], lambda s: s.isalpha(), "{0}.isalpha()", max_argument_size=3),
    _op("isalnum", [STR], lambda s: s.isalnum(), "{0}.isalnum()", max_argument_size=3),
    _op("isupper", [STR], lambda s: s.isupper(), "{0}.isupper()", max_argument_size=3),
    _op("islower", [STR], lambda s: s.islower(), "{0}.islower()", max_argument_size=3),
    _op("isspace", [STR], lambda s: s.isspace(), "{0}.isspace()", max_argument_size=3),
    _op("splitlines", [STR], lambda s: s.splitlines(), "{0}.splitlines()"),
    _op("to_int", [STR], int, "int({0})"),
    _op("to_float", [STR], float, "float({0})"),
    _op("join", [STR, STR_LIST], lambda sep, items: sep.join(items), "{0}.join({1})",
        argument_precedence=(ATOM, 0), generator_argument=1, leaf_arguments=(0,)),
    _op("split_on", [STR, STR], lambda s, sep: s.split(_needle(sep)), "{0}.split({1})",
        leaf_arguments=(1,), receiver_variable=True),
    _op("startswith", [STR, STR], lambda s, t: s.startswith(_needle(t)), "{0}.startswith({1})",
        leaf_arguments=(1,), receiver_variable=True),
    _op("endswith", [STR, STR], lambda s, t: s.endswith(_needle(t)), "{0}.endswith({1})",
        leaf_arguments=(1,), receiver_variable=True),
    _op("count", [STR, STR], lambda s, t: s.count(_needle(t)), "{0}.count({1})",
        leaf_arguments=(1,), receiver_variable=True),
    _op("contains", [STR, STR], lambda t, s: t in s, "{0} in {1}", COMPARE,
        (COMPARE + 1, COMPARE + 1), one_leaf_of=(0, 1)),
    _op("concat", [STR, STR], lambda s, t: s + t, "{0} + {1}", ADD, (ADD, ADD + 1)),
    _op("find", [STR, STR], lambda s, t: s.find(_needle(t)), "{0}.find({1})",
        leaf_arguments=(1,), receiver_variable=True),
    _op("strip_chars", [STR, STR], lambda s, t: s.strip(_needle(t)), "{0}.strip({1})",
        leaf_arguments=(1,), constant_arguments=(1,), receiver_variable=True),
    _op("removeprefix", [STR, STR], lambda s, t: s.removeprefix(_needle(t)),
        "{0}.removeprefix({1})", leaf_arguments=(1,), receiver_variable=True),
    _op("removesuffix", [STR, STR], lambda s, t: s.removesuffix(_needle(t)),
        "{0}.removesuffix({1})", leaf_arguments=(1,), receiver_variable=True),
    _op("replace", [STR, STR, STR], lambda s, a, b: s.replace(_needle(a), b),
        "{0}.replace({1}, {2})", leaf_arguments=(1, 2), receiver_variable=True),
    _op("repeat", [STR, INT], _repeat, "{0} * {1}", MULTIPLY, (MULTIPLY, MULTIPLY + 1)),
    _op("prefix", [STR, INT], lambda s, n: s[:n], "{0}[:{1}]", leaf_arguments=(1,)),
    _op("suffix_from", [STR, INT], lambda s, n: s[n:], "{0}[{1}:]", leaf_arguments=(1,)),
    _op("char_at", [STR, INT], lambda s, n: s[n], "{0}[{1}]", leaf_arguments=(1,)),
    _op("zfill", [STR, INT], lambda s, n: s.zfill(n) if n <= 50 else s, "{0}.zfill({1})", leaf_arguments=(1,)),
    _op("digit_count", [STR], lambda s: sum(char.isdigit() for char in s),
        "sum(char.isdigit() for char in {0})"),
    _op("str_of", [NUM], str, "str({0})"),
    _op("format_2f", [NUM], lambda x: format(x, ".2f"), 'format({0}, ".2f")'),
    # ---- lists
    _op("sum", [NUM_LIST], sum, "sum({0})", generator_argument=0),
    _op("min", [SORTABLE], min, "min({0})", generator_argument=0),
    _op("max", [SORTABLE], max, "max({0})", generator_argument=0),
    _op("sorted", [SORTABLE], sorted, "sorted({0})", generator_argument=0),
    _op("sorted_desc", [SORTABLE], lambda xs: sorted(xs, reverse=True),
        "sorted({0}, reverse=True)"),
    _op("reverse_list", [LIST], lambda xs: xs[::-1], "{0}[::-1]"),
    _op("first", [LIST], lambda xs: xs[0], "{0}[0]"),
    _op("last", [LIST], lambda xs: xs[-1], "{0}[-1]"),
    _op("last_word", [STR], lambda s: s.split()[-1], "{0}.split()[-1]"),  # "the surname (last word of the name)"
    _op("first_word", [STR], lambda s: s.split()[0], "{0}.split()[0]"),
    _op("unique", [LIST], lambda xs: list(dict.fromkeys(xs)), "list(dict.fromkeys({0}))"),
    _op("sorted_set", [SORTABLE], lambda xs: sorted(set(xs)), "sorted(set({0}))"),
    _op("any", [k.is_bool_list], any, "any({0})", generator_argument=0),
    _op("all", [k.is_bool_list], all, "all({0})", generator_argument=0),
    _op("take", [LIST, INT], lambda xs, n: xs[:n], "{0}[:{1}]", leaf_arguments=(1,)),
    _op("drop", [LIST, INT], lambda xs, n: xs[n:], "{0}[{1}:]", leaf_arguments=(1,)),
    _op("item_at", [LIST, INT], lambda xs, n: xs[n], "{0}[{1}]", leaf_arguments=(1,)),
    _op("member", [SCALAR, LIST], _member, "{0} in {1}", COMPARE,
        (COMPARE + 1, COMPARE + 1), leaf_arguments=(0,)),
    _op("count_of", [LIST, SCALAR], lambda xs, x: xs.count(x), "{0}.count({1})", leaf_arguments=(1,)),
    _op("concat_lists", [LIST, LIST], lambda xs, ys: xs + ys, "{0} + {1}", ADD, (ADD, ADD + 1)),
    # ---- dictionaries
    _op("keys", [DICT], lambda d: list(d), "list({0})", generator_template="{0}"),
    _op("values", [DICT], lambda d: list(d.values()), "list({0}.values())",
        generator_template="{0}.values()", argument_precedence=(ATOM,)),
    _op("sorted_keys", [DICT], sorted, "sorted({0})"),
    _op("lookup", [DICT, SCALAR], lambda d, key: d[key], "{0}[{1}]"),
    _op("lookup_or", [DICT, SCALAR, SCALAR], lambda d, key, default: d.get(key, default),
        "{0}.get({1}, {2})", leaf_arguments=(1, 2)),
    _op("has_key", [SCALAR, DICT], lambda key, d: key in d, "{0} in {1}", COMPARE,
        (COMPARE + 1, COMPARE + 1)),
    # ---- arithmetic
    _op("add", [NUM, NUM], lambda a, b: a + b, "{0} + {1}", ADD, (ADD, ADD + 1), commutative=True),
    _op("subtract", [NUM, NUM], lambda a, b: a - b, "{0} - {1}", ADD, (ADD, ADD + 1)),
    _op("multiply", [NUM, NUM], lambda a, b: a * b, "{0} * {1}", MULTIPLY,
        (MULTIPLY, MULTIPLY + 1), commutative=True),
    _op("divide", [NUM, NUM], _divide, "{0} / {1}", MULTIPLY, (MULTIPLY, MULTIPLY + 1)),
    _op("floor_divide", [NUM, NUM], lambda a, b: a // b, "{0} // {1}", MULTIPLY,
        (MULTIPLY, MULTIPLY + 1)),
    _op("modulo", [NUM, NUM], lambda a, b: a % b, "{0} % {1}", MULTIPLY,
        (MULTIPLY, MULTIPLY + 1)),
    _op("is_multiple", [NUM, INT], lambda a, b: a % b == 0, "{0} % {1} == 0", COMPARE,
        (MULTIPLY, MULTIPLY + 1), leaf_arguments=(1,), constant_arguments=(1,)),
    _op("smaller", [NUM, NUM], min, "min({0}, {1})", commutative=True),
    _op("larger", [NUM, NUM], max, "max({0}, {1})", commutative=True),
    _op("absolute", [NUM], abs, "abs({0})"),
    _op("negate", [NUM], lambda a: -a, "-{0}", UNARY, (UNARY,)),
    _op("round", [NUM], round, "round({0})"),
    _op("round_to", [NUM, INT], round, "round({0}, {1})", leaf_arguments=(1,)),
    _op("to_int_number", [NUM], _checked_int, "int({0})"),
    _op("to_float_number", [NUM], float, "float({0})"),
    # ---- comparisons and logic
    _op("less_than", [NUM, NUM], lambda a, b: a < b, "{0} < {1}", COMPARE,
        (COMPARE + 1, COMPARE + 1)),
    _op("greater_than", [NUM, NUM], lambda a, b: a > b, "{0} > {1}", COMPARE,
        (COMPARE + 1, COMPARE + 1)),
    _op("at_least", [NUM, NUM], lambda a, b: a >= b, "{0} >= {1}", COMPARE,
        (COMPARE + 1, COMPARE + 1)),
    _op("at_most", [NUM, NUM], lambda a, b: a <= b, "{0} <= {1}", COMPARE,
        (COMPARE + 1, COMPARE + 1)),
    _op("equal", [NON_BOOL_SCALAR, NON_BOOL_SCALAR], lambda a, b: a == b, "{0} == {1}", COMPARE,
        (COMPARE + 1, COMPARE + 1), commutative=True),
    _op("not_equal", [NON_BOOL_SCALAR, NON_BOOL_SCALAR], lambda a, b: a != b, "{0} != {1}", COMPARE,
        (COMPARE + 1, COMPARE + 1), commutative=True),
    _op("between", [NUM, NUM, NUM], _between, "{1} <= {0} <= {2}", COMPARE,
        (COMPARE + 1, COMPARE + 1, COMPARE + 1), leaf_arguments=(1, 2), constant_arguments=(1, 2),
        measured_arguments=(0,)),
    _op("is_empty", [SIZED], lambda x: not x, "not {0}", NOT, (NOT,), max_argument_size=2),
    _op("not", [BOOL], lambda x: not x, "not {0}", NOT, (NOT,), negation=True),
    _op("and", [BOOL, BOOL], lambda a, b: a and b, "{0} and {1}", AND, (AND, AND + 1),
        commutative=True),
    _op("or", [BOOL, BOOL], lambda a, b: a or b, "{0} or {1}", OR, (OR, OR + 1),
        commutative=True),
    # ---- ranges, last: on a tie arithmetic reads better (lists as values, ranges where any iterable will do)
    _op("range_to", [INT], _range_to, "list(range({0}))", generator_template="range({0})"),
    _op("range_inclusive", [INT], _range_inclusive, "list(range(1, {0} + 1))",
        argument_precedence=(ADD,), generator_template="range(1, {0} + 1)"),
    # ---- accumulation loops (rendered as statements before the return)
    _op("tally", [lambda kind: kind in ("list:str", "list:int", "list:bool")], _tally, "",
        statement=lambda items, name: ("counts", (
            f"counts = {{}}\nfor {name} in {items}:\n"
            f"    counts[{name}] = counts.get({name}, 0) + 1"))),
    _op("running_total", [NUM_LIST], _running_total, "",
        statement=lambda items, name: ("totals", (
            f"totals = []\ntotal = 0\nfor {name} in {items}:\n"
            f"    total += {name}\n    totals.append(total)"))),
    # ---- validators and date runs from the standard library: only offered when the
    # function may import the module and the description's words name them (``GATED``)
    _op("is_iso_date", [STR], _is_iso_date, "", statement=_iso_date_block),
    _op("streak_to_latest", [STR_LIST], _streak_to_latest, "", statement=_streak_block),
    # ---- idioms that read their argument twice (a local variable when it is complex)
    _op("mean", [NUM_LIST], _mean, "sum({0}) / len({0})", MULTIPLY, (ATOM,),
        uses_argument_twice=True),
    _op("is_reversal", [lambda kind: kind == "str" or k.is_list(kind)],
        lambda x: x == x[::-1], "{0} == {0}[::-1]", COMPARE, (ATOM,), uses_argument_twice=True),
]


# Rarer operations cost 2, unless the description hints at them (``hinted_operations``):
# a program built from common operations, or from those the text names, is preferred
# over an equally short one that needs exotic steps to fit a few examples.
RARE = {
    "title", "capitalize", "lstrip", "rstrip", "isdigit", "isalpha", "isalnum", "isupper",
    "islower", "isspace", "splitlines", "to_float", "split_on", "startswith", "endswith", "find",
    "strip_chars", "removeprefix", "removesuffix", "repeat", "suffix_from", "zfill", "format_2f",
    "sorted_desc", "unique", "sorted_set", "any", "all", "drop", "item_at", "count_of",
    "concat_lists", "keys", "values", "sorted_keys", "lookup", "has_key", "floor_divide",
    "modulo", "is_multiple", "absolute", "negate", "round", "round_to", "to_int_number",
    "to_float_number", "is_reversal", "concat", "reverse_str", "count", "and", "or",
    "running_total", "member", "to_int", "range_to", "range_inclusive", "lookup_or",
    "mean", "between", "digit_count", "letters_only", "last_word", "first_word",
}

HINTS: list[tuple[str, tuple[str, ...]]] = [
    (r"upper", ("upper", "isupper")),
    (r"lower|case", ("lower", "islower")),
    (r"title|capitali", ("title", "capitalize")),
    (r"digit|numeric", ("isdigit",)),
    (r"\bdigits\b", ("digit_count",)),
    (r"letter|alphabet", ("isalpha",)),
    (r"alphanumeric", ("isalnum",)),
    (r"\blast word\b|\bsurname\b|\bfamily name\b", ("last_word",)),
    (r"\bfirst word\b|\bfirst name\b|\bforename\b", ("first_word",)),
    (r"\bonly (?:the )?letters\b|\bletters only\b|\bletters a to z\b|\bjust the letters\b", ("letters_only",)),
    (r"start|begin|prefix", ("startswith", "removeprefix")),
    (r"\bends?\b|suffix", ("endswith", "removesuffix")),
    (r"revers|backward|palindrome", ("reverse_str", "reverse_list", "is_reversal")),
    (r"repeat|times|\bone \S+ (?:per|for each|for every)\b|\bas many\b", ("repeat",)),  # "one `*` per level point"
    (r"\bthen\b|followed by|\bthe rest\b", ("concat",)),  # "then `.` for the rest"
    (r"unique|distinct|duplicate", ("unique", "sorted_set")),
    (r"descending|largest first|highest first", ("sorted_desc",)),
    (r"absolute|distance", ("absolute",)),
    (r"round(?!(?:ed|s|ing)? down\b)", ("round", "round_to")),  # ("rounded down": a floor, not Python's round)
    (r"\bround(?:ed|s|ing)? down\b|\bfloor\b|\btruncat", ("floor_divide",)),
    (r"decimal|cents|dollar|currency", ("format_2f", "round_to")),
    (r"whole|integer", ("to_int_number", "floor_divide")),
    (r"remainder|even|odd|divisib|modulo|multiple", ("modulo", "is_multiple")),
    (r"\blines?\b", ("splitlines",)),
    (r"\bany\b|contains? an?\b|at least one", ("any",)),
    (r"\ball\b|every", ("all",)),
    (r"\bkeys?\b|dictionary|mapping|lookup", ("lookup", "keys", "values", "has_key",
                                                "sorted_keys")),
    (r"unknown|missing|absent|default|otherwise|not found", ("lookup_or",)),
    (r"strip|trim|leading|trailing", ("lstrip", "rstrip", "strip_chars")),
    (r"\bpad", ("zfill",)),
    (r"separat|comma|delimit|split", ("split_on",)),
    (r"position|index|find", ("find", "item_at")),
    (r"negat", ("negate",)),
    (r"number of|how many|count|occurrence", ("count", "count_of")),
    (r"concaten|append|prefix|suffix|join", ("concat", "concat_lists")),
    (r"format", ("format_2f",)),
    (r"float", ("to_float", "to_float_number")),
    (r"\beither\b|\bor\b", ("or",)),
    (r"running|cumulative|so far|prefix sum", ("running_total",)),
    (r"\bone of\b|\bamong\b|\bin the list\b|contain|member|includ|allowed|known",
     ("member",)),
    (r"integer|number|parse|digit|numeric", ("to_int",)),
    (r"\bfirst\b|\binitial|\bleading\b", ("first", "char_at", "prefix", "take")),
    (r"\blast\b|\bfinal\b|\btrailing\b", ("last", "suffix_from", "drop")),
    (r"smallest|minimum|lowest|\bleast\b|cheapest|shortest|earliest", ("min", "smaller")),
    (r"largest|maximum|highest|\bmost\b|longest|biggest|latest", ("max", "larger")),
    (r"\bnever (?:less|lower|fewer|smaller) than\b|\bnever (?:below|negative)\b|\bno less than\b", ("larger",)),
    (r"\bnever (?:more|higher|greater|bigger) than\b|\bnever (?:above|over)\b|\bno more than\b|\bcapped\b", ("smaller",)),
    (r"\bsort|\border", ("sorted", "sorted_desc")),
    (r"\bfrom 1\b|\bup to\b|\b1 to\b|\b0 to\b|\bfirst n\b",
     ("range_to", "range_inclusive")),
    (r"\bboth\b", ("and",)),
    (r"\bmean\b|average", ("mean",)),
    (r"between|\bfrom \S+ to\b|inclusive|\brange\b", ("between",)),
]

# Operations offered only when the function may import ``module`` and the description
# matches ``pattern`` (a date parser is noise for a function about titles).
# Operations only offered when the words ask for them: a shortcut the examples alone would also
# take where a plainer program is meant ("ignoring case and spaces" is not "only the letters").
WORDED = {"letters_only", "last_word", "first_word"}

GATED: dict[str, tuple[str, str]] = {
    "is_iso_date": ("datetime", r"\bdates?\b|calendar|yyyy-mm-dd"),
    "streak_to_latest": ("datetime", r"(consecutive|in a row|streak).*\b(days?|dates?)\b"),
}


def hinted_operations(description: str) -> set[str]:
    """Operations the description's words point at (they cost 1 instead of 2)."""
    import re

    text = description.lower()
    return {name for pattern, names in HINTS if re.search(pattern, text) for name in names}


PAIR = _op("pair", [ANY, ANY], lambda first, second: (first, second), "({0}, {1})",
           max_argument_size=3)


def library_for(description: str, classes: dict[str, type],
                outputs: tuple = (), imports: tuple[str, ...] = ()) -> list[Operation]:
    """The operations for one function: rare ones cost 2 unless the description hints them.

    ``outputs`` are the expected values: a pair ``(a, b)`` is only built when some
    example returns a pair (it would double the search for nothing otherwise).
    ``imports`` are the modules the function may import: ``GATED`` operations need theirs.
    """
    import dataclasses as dataclass_module
    import re

    hinted = hinted_operations(description)
    operations = []
    library = list(OPERATIONS)
    if any(isinstance(value, tuple) and len(value) == 2 for value in outputs):
        library.append(PAIR)
    text = description.lower()
    library = [operation for operation in library if operation.name not in GATED or (
        GATED[operation.name][0] in imports and re.search(GATED[operation.name][1], text))]
    library = [operation for operation in library if operation.name not in WORDED or operation.name in hinted]
    hinted |= {operation.name for operation in library if operation.name in GATED}
    for operation in library:
        cost = 2 if operation.name in RARE and operation.name not in hinted else 1
        operations.append(dataclass_module.replace(operation, cost=cost)
                          if cost != operation.cost else operation)
    # Hinted operations come first, so among equally small programs the one the text
    # names wins ("the first word": `words[0]`, not `min(words)`).
    operations.sort(key=lambda operation: operation.name not in hinted)
    return operations + attribute_operations(classes)


def attribute_operations(classes: dict[str, type]) -> list[Operation]:
    """``item.price`` for every field of every dataclass the examples use."""
    import dataclasses

    operations = []
    for class_name, cls in classes.items():
        for field in dataclasses.fields(cls):
            operations.append(_op(
                f"{class_name}.{field.name}", [lambda kind, name=class_name: kind == "obj:" + name],
                lambda obj, attribute=field.name: getattr(obj, attribute),
                "{0}." + field.name))
    return operations
