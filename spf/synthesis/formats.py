"""Format templates by example: the small formatting functions users write (``1h30``, ``€1,234.50``).

``hm(90) == "1h30"``, ``hm(45) == "0h45"``, ``hm(605) == "10h05"`` give
``f"{minutes // 60}h{minutes % 60:02d}"``: a program bottom-up enumeration only
reaches at a size it cannot afford. Here the outputs themselves are read (in the
spirit of FlashFill's string transformations, for number and text formatting):

1. each expected output is cut into *tokens*: text that a str input gives
   (``name``, ``name.upper()``, ``name[:3]`` ...), numbers (a run of digits with a
   sign, thousands separators and decimals; the word "no" where a count is zero),
   and literal text between them;
2. the token sequences of all examples are aligned: the same kinds in the same
   places, literal text equal everywhere or differing by a plural ending
   (``item``/``items``, ``entry``/``entries``), text tokens from the same source;
3. each number hole gets the smallest expression over the inputs whose value,
   rendered with a format spec the texts show (``d``, ``02d``, ``.2f``, ``g``,
   ``+.1f``, ``,.2f``, ``.1%`` ...), is that text in every example; expressions
   are the input, ``x // k``, ``x % k``, ``x * k``, ``x / k``, ``x // k % j``,
   ``round``, ``abs``, two inputs combined, ``len``; constants ``k`` are the
   numbers the description states plus the usual unit factors;
4. plural endings become ``{'s' if EXPR != 1 else ''}`` on the number before them;
5. where examples differ in shape, parts shown by every example anchor the template and
   what lies between is either one part or one of two, chosen by a flag, a text that is
   filled in, or a number compared with a stated one (``{'x' if done else ' '}``,
   ``{f' (due {due})' if due else ''}``), the chosen text written in the description.

Everything is deterministic and bounded (a few thousand format checks at most).
The result is an f-string expression with its size and its value on every
example, which the synthesizer offers to its search beside the enumerated terms.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spf import regex as re
from spf.synthesis.constants import stated_numbers
from spf.synthesis.values import Case, Raised

# Unit factors a formatter divides by: minutes, hours, days, weeks, months, percent, kilo, KiB.
UNIT_FACTORS = (60, 24, 7, 12, 100, 1000, 1024, 3600)
# Ending pairs (singular, plural) a count's word may take.
PLURAL_ENDINGS = (("", "s"), ("", "es"), ("y", "ies"))
MAX_OUTPUT = 120
MAX_CHECKS = 20_000  # (expression, spec) pairs tried per function, a deterministic bound


@dataclass(frozen=True)
class Piece:
    """One part of a template: literal text, a text hole or a number hole."""

    source: str                          # rendered inside the f-string: "h" or "{minutes // 60}"
    size: int
    function: Callable[[dict], str]      # its text on one example's arguments
    names: frozenset = frozenset()       # parameters it reads
    expression: Expression | None = None  # a number hole: the expression it renders


@dataclass
class FormatProgram:
    source: str                          # f"{minutes // 60}h{minutes % 60:02d}"
    size: int
    names: tuple[str, ...]
    values: tuple                        # its value on every case (Raised where it raises)
    checks: int                          # (expression, spec) pairs tried
    function: Callable[[dict], str] | None = None  # its text on one example's arguments
    conditional: bool = False            # "A if TEST else B": binds loosest


@dataclass(frozen=True)
class Expression:
    source: str
    size: int
    function: Callable[[dict], Any]
    names: frozenset
    simple: bool = True                  # an atom: needs no parentheses around it


# ---------------------------------------------------------------- the inputs


def _inputs(cases: list[Case], parameters: list[str]) -> tuple[list[Expression], list[Expression]]:
    """Number atoms (parameters, numeric fields, ``len``) and text sources over the inputs."""
    numbers: list[Expression] = []
    texts: list[Expression] = []

    def kinds(getter: Callable[[dict], Any]) -> set[str]:
        found = set()
        for case in cases:
            try:
                value = getter(case.arguments)
            except (KeyError, AttributeError):
                return {"missing"}
            if isinstance(value, bool):
                found.add("bool")
            elif isinstance(value, (int, float)):
                found.add("number")
            elif isinstance(value, str):
                found.add("str")
            elif isinstance(value, (list, tuple, dict, set)):
                found.add("sized")
            else:
                found.add("other")
        return found

    def add(source: str, getter: Callable[[dict], Any], name: str) -> None:
        found = kinds(getter)
        names = frozenset({name})
        if found == {"number"}:
            numbers.append(Expression(source, 1, getter, names))
        elif found == {"str"}:
            texts.extend(_text_sources(source, getter, names))
            texts.extend(_field_slices(source, [getter(case.arguments) for case in cases],
                                       getter, names))
            numbers.append(Expression(f"len({source})", 2,
                                      lambda arguments: len(getter(arguments)), names))
        elif found == {"sized"}:
            numbers.append(Expression(f"len({source})", 2,
                                      lambda arguments: len(getter(arguments)), names))

    for name in parameters:
        sample = cases[0].arguments.get(name)
        if dataclasses.is_dataclass(sample) and not isinstance(sample, type):
            for item in dataclasses.fields(sample):
                add(f"{name}.{item.name}",
                    lambda arguments, name=name, field=item.name:
                    getattr(arguments[name], field), name)
        else:
            add(name, lambda arguments, name=name: arguments[name], name)
    return numbers, texts


def _text_sources(source: str, getter: Callable[[dict], Any],
                  names: frozenset) -> list[Expression]:
    """A str input as is, cased, stripped, or a fixed-length slice of it."""
    found = [Expression(source, 1, getter, names)]
    for method in ("strip", "upper", "lower", "title", "capitalize"):
        found.append(Expression(f"{source}.{method}()", 2,
                                lambda arguments, method=method:
                                getattr(getter(arguments), method)(), names))
    for length in (3, 2, 1):
        found.append(Expression(f"{source}[:{length}]", 3,
                                lambda arguments, length=length: getter(arguments)[:length],
                                names))
    for length in (3, 2, 1):
        found.append(Expression(f"{source}[:{length}].upper()", 4,
                                lambda arguments, length=length:
                                getter(arguments)[:length].upper(), names))
    return found


def _field_slices(source: str, values: list[str], getter: Callable[[dict], Any],
                  names: frozenset) -> list[Expression]:
    """The fields of a fixed-shape text (``day[:4]``, ``day[5:7]``, ``day[8:]`` of
    ``2024-05-06``): every example the same length, separators at the same places."""
    if not values or len({len(value) for value in values}) != 1 or len(values[0]) > 24:
        return []
    shape = {"".join("a" if character.isalnum() else character for character in value)
             for value in values}
    if len(shape) != 1:
        return []
    runs = [(match.start(), match.end()) for match in re.finditer(r"a+", shape.pop())]
    if len(runs) < 2:
        return []
    found = []
    for start, end in runs:
        text = f"{source}[{start or ''}:{'' if end == len(values[0]) else end}]"
        found.append(Expression(text, 3, lambda arguments, start=start, end=end:
                                getter(arguments)[start:end], names))
    return found


def _expressions(atoms: list[Expression], factors: list,
                 fractional: list[Expression] = ()) -> list[Expression]:
    """Candidate number expressions, smallest first, in a fixed order.

    ``fractional``: the atoms some example gives a fraction (hours as ``7.5``), which
    may first be turned into a whole smaller unit (``round(hours * 60)``, see ``_derived``).
    """
    found: list[Expression] = list(atoms)
    for atom in atoms:
        for name, function in (("round", round), ("abs", abs)):
            found.append(Expression(f"{name}({atom.source})", 2,
                                    lambda arguments, atom=atom, function=function:
                                    function(atom.function(arguments)), atom.names))
    operators = (("//", lambda a, b: a // b), ("%", lambda a, b: a % b),
                 ("*", lambda a, b: a * b), ("/", lambda a, b: a / b))
    for atom in atoms:
        for symbol, function in operators:
            for factor in factors:
                found.append(Expression(f"{atom.source} {symbol} {factor!r}", 3,
                                        lambda arguments, atom=atom, function=function,
                                        factor=factor: function(atom.function(arguments), factor),
                                        atom.names, simple=False))
        for symbol, function in (("+", lambda a, b: a + b), ("-", lambda a, b: a - b)):
            found.append(Expression(f"{atom.source} {symbol} 1", 3,
                                    lambda arguments, atom=atom, function=function:
                                    function(atom.function(arguments), 1),
                                    atom.names, simple=False))
    pairs = (("+", lambda a, b: a + b), ("-", lambda a, b: a - b),
             ("*", lambda a, b: a * b), ("/", lambda a, b: a / b))
    for left in atoms:
        for right in atoms:
            if left is right:
                continue
            for symbol, function in pairs:
                if symbol in "+*" and atoms.index(left) > atoms.index(right):
                    continue  # commutative: one order only
                found.append(Expression(f"{left.source} {symbol} {right.source}", 3,
                                        lambda arguments, left=left, right=right,
                                        function=function:
                                        function(left.function(arguments),
                                                 right.function(arguments)),
                                        left.names | right.names, simple=False))
    for left in atoms:  # an end from a start and a length: (start + minutes) // 60, ... % 60
        for right in atoms[atoms.index(left) + 1:]:
            for symbol, function in operators[:2]:
                for factor in factors:
                    found.append(Expression(f"({left.source} + {right.source}) {symbol} {factor!r}", 5,
                                            lambda arguments, left=left, right=right, function=function,
                                            factor=factor: function(left.function(arguments)
                                                                    + right.function(arguments), factor),
                                            left.names | right.names, simple=False))
    for left in atoms:  # relative change: (new - old) / old
        for right in atoms:
            if left is not right:
                found.append(Expression(f"({left.source} - {right.source}) / {right.source}", 5,
                                        lambda arguments, left=left, right=right:
                                        (left.function(arguments) - right.function(arguments))
                                        / right.function(arguments),
                                        left.names | right.names, simple=False))
    for left in atoms:  # a share of a whole in percent: used * 100 // seats ("rounded down"), or rounded
        for right in atoms:
            if left is right:
                continue
            for factor in factors:
                if not isinstance(factor, int) or factor <= 1:
                    continue
                found.append(Expression(f"{left.source} * {factor!r} // {right.source}", 5,
                                        lambda arguments, left=left, right=right, factor=factor:
                                        left.function(arguments) * factor // right.function(arguments),
                                        left.names | right.names, simple=False))
                found.append(Expression(f"round({left.source} * {factor!r} / {right.source})", 6,
                                        lambda arguments, left=left, right=right, factor=factor:
                                        round(left.function(arguments) * factor / right.function(arguments)),
                                        left.names | right.names, simple=False))
    found.extend(_derived(fractional, factors))
    for atom in atoms:  # a unit inside a larger one: minutes // 60 % 24, seconds % 3600 // 60
        for first in factors:
            for second in factors:
                for symbols, function in ((("//", "%"), lambda a, b, c: a // b % c),
                                          (("%", "//"), lambda a, b, c: a % b // c)):
                    found.append(Expression(
                        f"{atom.source} {symbols[0]} {first!r} {symbols[1]} {second!r}", 5,
                        lambda arguments, atom=atom, first=first, second=second,
                        function=function: function(atom.function(arguments), first, second),
                        atom.names, simple=False))
    return found


def _derived(fractional: list[Expression], factors: list) -> list[Expression]:
    """A fractional quantity turned into a whole count of a smaller unit, then split.

    ``hours`` of ``7.5`` written ``7h30``: the minutes ``round(hours * 60)`` are the
    derived quantity, and the holes are ``round(hours * 60) // 60`` and
    ``round(hours * 60) % 60``. Only whole unit factors multiply (60, 100, 1000 ...).
    """
    found: list[Expression] = []
    whole = [factor for factor in factors if isinstance(factor, int)]
    for atom in fractional:
        for factor in whole:
            inner = f"round({atom.source} * {factor!r})"
            base = Expression(inner, 3, lambda arguments, atom=atom, factor=factor:
                              round(atom.function(arguments) * factor), atom.names)
            found.append(base)
            for divisor in whole:
                for symbol, function in (("//", lambda a, b: a // b), ("%", lambda a, b: a % b)):
                    found.append(Expression(f"{inner} {symbol} {divisor!r}", 5,
                                            lambda arguments, base=base, divisor=divisor,
                                            function=function:
                                            function(base.function(arguments), divisor),
                                            atom.names, simple=False))
    return found


# ---------------------------------------------------------------- reading the outputs


_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?![\d,])", re.ASCII)  # ASCII: "²" is not a digit here
_PLAIN_NUMBER = re.compile(r"\d+", re.ASCII)
_DECIMALS = re.compile(r"\.\d+", re.ASCII)


def _digits(text: str) -> bool:
    """Only the digits 0-9 (``str.isdigit`` also takes "²", which no number format writes)."""
    return bool(text) and all("0" <= character <= "9" for character in text)
_FORBIDDEN = re.compile(r"[\"\\\n\r\t{}]")


def _tokens(output: str, arguments: dict, texts: list[Expression]) -> list[tuple] | None:
    """``[("lit", "h"), ("num", "1"), ("txt", (source indices)), ...]`` for one output."""
    values = []
    for index, text in enumerate(texts):
        try:
            value = text.function(arguments)
        except Exception:  # noqa: BLE001 - a slice of a short input, say: not a source here
            value = None
        values.append(value if isinstance(value, str) and value else None)
    tokens: list[tuple] = []
    position = 0
    while position < len(output):
        at_boundary = position == 0 or not output[position - 1].isalnum()
        matches = [(len(value), index) for index, value in enumerate(values)
                   if value is not None and output.startswith(value, position)
                   and (len(value) > 2 or at_boundary)]
        number = _number_at(output, position)
        if matches:
            longest = max(length for length, _ in matches)
            sources = tuple(index for length, index in matches if length == longest)
            if not _digits(output[position:position + longest]):
                tokens.append(("txt", sources))
                position += longest
                continue
            if number == output[position:position + longest]:
                # Digits a text input also shows ("05" of "2024-05-06"): a number here,
                # or that text where every example shows it at this place.
                tokens.append(("num", number, sources))
                position += len(number)
                continue
        if number:
            tokens.append(("num", number))
            position += len(number)
            continue
        if at_boundary and output.startswith("no ", position):
            tokens.append(("num", "no"))
            position += 2
            continue
        if tokens and tokens[-1][0] == "lit":
            tokens[-1] = ("lit", tokens[-1][1] + output[position])
        else:
            tokens.append(("lit", output[position]))
        position += 1
    return tokens


def _number_at(output: str, position: int) -> str:
    """The number written at ``position`` (sign, digits, separators, decimals), or ""."""
    start = position
    if output[position] in "+-" and position + 1 < len(output) and \
            _digits(output[position + 1]) and \
            (position == 0 or not output[position - 1].isalnum()):
        position += 1
    if position >= len(output) or not _digits(output[position]):
        return ""
    if start == position and position > 0 and output[position - 1] in ".,":
        return ""  # the tail of a number already read
    match = _GROUPED.match(output, position) or _PLAIN_NUMBER.match(output, position)
    end = match.end()
    decimals = _DECIMALS.match(output, end)
    if decimals:
        end = decimals.end()
    return output[start:end]


# ---------------------------------------------------------------- format specs


def _specs(texts: list[str], percent: bool, widths: set[int] = frozenset()) -> list[tuple[str, bool]]:
    """(spec, consumes a following "%") pairs that might render ``texts``, simplest first;
    a zero-padded width the template's other numbers show (``widths``) comes first where
    every text here fills it."""
    signed = any(text.startswith("+") for text in texts)
    grouped = any("," in text for text in texts)
    decimals = sorted({len(text.split(".", 1)[1]) for text in texts if "." in text})
    digits = [text.lstrip("+-").split(".")[0] for text in texts]
    padded = sorted({len(text) for text in digits if len(text) > 1 and text.startswith("0")})
    prefix = ("+" if signed else "") + ("," if grouped else "")
    types: list[str] = [""]
    if len(decimals) == 1 and all("." in text for text in texts):
        # Every example writes the same number of decimals: that is the format ("2.0 KB"
        # is `.1f`, not a float that happens to print one decimal).
        types.insert(0, f".{decimals[0]}f")
    if len(padded) == 1:
        types.append(f"0{padded[0]}d")
    filled = {len(text) for text in digits}
    if not padded and not decimals and len(widths) == 1 and filled == set(widths) and not signed and not grouped:
        types.insert(0, f"0{next(iter(widths))}d")
    types.extend(f".{count}f" for count in decimals if count <= 6)
    types.extend(["g", ".0f"])
    specs = [(prefix + kind, False) for kind in types]
    if percent:
        specs.extend((f"{prefix}.{count}%", True) for count in [*decimals, 0] if count <= 6)
    found = []
    for spec, eats in specs:
        if (spec, eats) not in found:
            found.append((spec, eats))
    return found


def _render_number(value: Any, spec: str) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        return format(value, spec)
    except (ValueError, TypeError, OverflowError):
        return None


# ---------------------------------------------------------------- the synthesizer


def format_programs(cases: list[Case], parameters: list[str],
                    description: str = "") -> list[FormatProgram]:
    """The smallest format template rendering every example's output, or nothing."""
    normal = [case for case in cases if not case.is_error]
    if len(normal) < 2 or not all(isinstance(case.expected, str) for case in normal):
        return []
    outputs = [case.expected for case in normal]
    if any(len(output) > MAX_OUTPUT or _FORBIDDEN.search(output) for output in outputs):
        return []
    atoms, texts = _inputs(normal, parameters)
    if not atoms and not texts:
        return []
    blind = None  # a template some argument does not show in (`-11:00` the examples share)
    for fold in (True, False):
        for use_texts in (texts, []):
            tokenized = [_tokens(case.expected, case.arguments, use_texts) for case in normal]
            program = _from_tokens(tokenized, normal, cases, atoms, use_texts, description, fold)
            if program is not None and set(parameters) <= set(program.names):
                return [program]
            blind = blind or program
    if blind is not None:
        return [blind]
    for use_texts in (texts, []):
        tokenized = [_tokens(case.expected, case.arguments, use_texts) for case in normal]
        program = _two_cases(tokenized, normal, cases, atoms, use_texts, description)
        if program is not None:
            return [program]
    program = _optional_parts(normal, cases, parameters, atoms, texts, description) \
        or _chosen_parts(normal, cases, parameters, atoms, texts, description)
    return [program] if program is not None else []


def _part_key(tokens: list[tuple]) -> tuple:
    """What a space-separated part looks like: kinds, with literal text written out."""
    return tuple(token if token[0] == "lit" else (token[0],) for token in tokens)


def _merge_orders(sequences: list[list]) -> list | None:
    """One order of all keys consistent with every sequence (None when they disagree)."""
    keys = list(dict.fromkeys(key for sequence in sequences for key in sequence))
    after = {key: set() for key in keys}
    for sequence in sequences:
        for first, second in itertools.pairwise(sequence):
            after[second].add(first)
    order: list = []
    while len(order) < len(keys):
        ready = [key for key in keys if key not in order and after[key] <= set(order)]
        if not ready:
            return None
        order.append(ready[0])
    return order


def _optional_parts(normal: list[Case], cases: list[Case], parameters: list[str],
                    atoms: list[Expression], texts: list[Expression],
                    description: str) -> FormatProgram | None:
    """Parts shown only sometimes: ``f"{name} {year}{' mint' if mint else ''}"``.

    Each output is cut at single spaces into parts; parts that look alike (the same
    literal text, numbers and texts in the same places) are the same part, and one
    order of the parts must fit every example. Parts every example shows are the
    template's body; a part some examples leave out is written when a condition
    holds that is true exactly where it is shown: a bool input (``mint``, ``not
    mint``), or a number input compared with a number the description states or 0
    or 1 (``copies > 1``). An optional part's literal text must be written in the
    description (`` mint``), two optional parts may not exclude each other (that is
    a choice between two texts), and a part with a number or text hole must be shown
    by two examples at least. The whole template must give every example's output.
    """
    if any(output.strip(" ") != output or "  " in output or "'" in output
           for output in (case.expected for case in normal)):
        return None
    parted = []
    for case in normal:
        parts = case.expected.split(" ")
        keys, seen = [], {}
        for part in parts:
            key = _part_key(_tokens(part, case.arguments, texts))
            seen[key] = seen.get(key, 0) + 1
            keys.append((key, seen[key]))
        parted.append(dict(zip(keys, parts)))
    order = _merge_orders([list(parts) for parts in parted])
    if order is None or len(order) > 12:
        return None
    shown = {key: tuple(key in parts for parts in parted) for key in order}
    if all(all(presence) for presence in shown.values()) or not all(shown[order[0]]):
        return None
    constants = [number for number in stated_numbers(description)
                 if not isinstance(number, bool) and isinstance(number, (int, float))]
    constants = list(dict.fromkeys([*constants, 0, 1]))
    flags = [name for name in parameters
             if all(isinstance(case.arguments.get(name), bool) for case in normal)]
    # Consecutive parts with the same presence are one segment: "{country} {year} {face}".
    segments: list[tuple[tuple, list]] = []
    for key in order:
        if segments and segments[-1][0] == shown[key]:
            segments[-1][1].append(key)
        else:
            segments.append((shown[key], [key]))
    optional = [presence for presence, _ in segments if not all(presence)]
    if any(tuple(not flag for flag in presence) in optional for presence in optional):
        return None  # one of two texts, not a part added to the others: a choice
    pieces: list[tuple[str, Callable[[dict], str]]] = []
    checks = 0
    names: set[str] = set()
    for position, (presence, keys) in enumerate(segments):
        members = [index for index, flag in enumerate(presence) if flag]
        subset = [normal[index] for index in members]
        strings = [" ".join(parted[index][key] for key in keys) for index in members]
        if position:
            strings = [" " + text for text in strings]
        found = _segment(strings, subset, atoms, texts, description)
        if found is None:
            return None
        source, function, used, tried = found
        checks += tried
        names |= used
        if all(presence):
            pieces.append((source, function))
            continue
        condition = _presence_condition(presence, normal, flags, atoms, constants)
        if condition is None or (used and len(members) < 2):
            return None
        words = "".join(token[1] for key in keys for token in key[0] if token[0] == "lit")
        if words.strip() and words.strip() not in description:
            return None  # an optional part's own text is one the description writes
        test_source, test, test_names = condition
        names |= test_names
        inner = f"f'{source}'" if "{" in source else f"'{source}'"
        pieces.append(("{" + f"{inner} if {test_source} else ''" + "}",
                       lambda arguments, function=function, test=test:
                       function(arguments) if test(arguments) else ""))

    def whole(arguments: dict) -> str:
        return "".join(function(arguments) for _, function in pieces)

    values = _evaluate(whole, cases)
    if values is None:
        return None
    source = 'f"' + "".join(source for source, _ in pieces) + '"'
    size = 1 + sum(2 + source.count("{") for source, _ in pieces)
    return FormatProgram(source, size, tuple(sorted(names)), tuple(values), checks, whole)


def _chosen_parts(normal: list[Case], cases: list[Case], parameters: list[str],
                  atoms: list[Expression], texts: list[Expression],
                  description: str) -> FormatProgram | None:
    """Parts chosen by a condition: ``f"{number}. [{'x' if done else ' '}] {title}{f' (due {due})' if due else ''}"``.

    The parts every example shows in the same order (a text input, a number, the same
    literal text) are anchors; between two anchors each example shows its own text. Where
    that text looks the same in every example it is one part (its numbers and texts read
    like any template's); where it looks one of two ways, a condition true exactly on the
    examples of one way picks it: a flag (``done``), a text that is not empty (``due``,
    ``holder``), a number compared with one the description states. A side may be empty
    (a part shown only sometimes). The words of a chosen side's literal text are words the
    description writes, so two examples cannot invent a choice the user never stated.
    """
    if any("'" in case.expected or "\\" in case.expected for case in normal):
        return None
    tokenized = [_tokens(case.expected, case.arguments, texts) for case in normal]
    spans = [_token_texts(tokens, case.expected) for tokens, case in zip(tokenized, normal)]
    if any(span is None for span in spans):
        return None
    base = min(range(len(normal)), key=lambda index: len(tokenized[index]))
    anchors = [{base: position} for position in range(len(tokenized[base]))]
    for other in range(len(normal)):
        if other != base:
            anchors = _aligned(anchors, base, tokenized, other)
    # the columns: gap before anchor 0, anchor 0, gap, anchor 1, ..., gap after the last
    columns: list[list[str]] = []
    starts = [0] * len(normal)
    for anchor in [*anchors, None]:
        columns.append(["".join(spans[index][starts[index]:anchor[index] if anchor else None])
                        for index in range(len(normal))])
        if anchor is not None:
            columns.append([spans[index][anchor[index]] for index in range(len(normal))])
            starts = [anchor[index] + 1 for index in range(len(normal))]
    if all(len({_part_key(_tokens(text, case.arguments, texts)) for text, case in zip(column, normal)}) == 1
           for column in columns[::2]):
        return None  # no part chosen: a plain template's job
    constants = [number for number in stated_numbers(description)
                 if not isinstance(number, bool) and isinstance(number, (int, float))]
    constants = list(dict.fromkeys([*constants, 0, 1]))
    flags = [name for name in parameters if all(isinstance(case.arguments.get(name), bool) for case in normal)]
    said = {word.lower() for word in re.findall(r"[A-Za-z]+", description)}
    pieces: list[tuple[str, Callable[[dict], str]]] = []
    checks, names = 0, set()
    for column in columns:
        if not any(column):
            continue
        keys = [_part_key(_tokens(text, case.arguments, texts)) for text, case in zip(column, normal)]
        if len(set(keys)) == 1:
            found = _segment(column, normal, atoms, texts, description)
            if found is None:
                return None
            pieces.append(found[:2])
            checks, names = checks + found[3], names | found[2]
            continue
        if len(set(keys)) != 2:
            return None
        head, column, tail = _shared_ends(column, normal, texts)
        if head:
            pieces.append((_escaped(head), lambda arguments, text=head: text))
        presence = tuple(key == keys[0] for key in keys)
        condition = _presence_condition(presence, normal, flags, [], constants) \
            or _filled_condition(presence, normal, parameters) \
            or _presence_condition(presence, normal, [], atoms, constants)
        if condition is None:
            return None
        if condition[0].startswith("not "):  # `'x' if done else ' '`, not `' ' if not done else 'x'`
            presence = tuple(not flag for flag in presence)
            condition = (condition[0][4:], lambda arguments, test=condition[1]: not test(arguments), condition[2])
        sides = []
        for wanted in (True, False):
            members = [index for index, flag in enumerate(presence) if flag == wanted]
            strings = [column[index] for index in members]
            if not all(_said(chunk, description, said) for index in members
                       for token in _tokens(column[index], normal[index].arguments, texts) if token[0] == "lit"
                       for chunk in token[1].split()):
                return None  # a chosen side's own text is the description's
            found = ("", lambda arguments: "", frozenset(), 0) if not any(strings) else \
                _segment(strings, [normal[index] for index in members], atoms, texts, description)
            if found is None:
                return None
            sides.append(found)
            checks, names = checks + found[3], names | found[2]
        test_source, test, test_names = condition
        names |= test_names
        (shown, shown_function, *_), (other, other_function, *_) = sides
        inner = [f"f'{body}'" if "{" in body.replace("{{", "") else repr(body.replace("{{", "{").replace("}}", "}"))
                 for body in (shown, other)]
        pieces.append(("{" + f"{inner[0]} if {test_source} else {inner[1]}" + "}",
                       lambda arguments, test=test, yes=shown_function, no=other_function:
                       yes(arguments) if test(arguments) else no(arguments)))
        if tail:
            pieces.append((_escaped(tail), lambda arguments, text=tail: text))

    def whole(arguments: dict) -> str:
        return "".join(function(arguments) for _, function in pieces)

    values = _evaluate(whole, cases)
    if values is None or not names:
        return None
    source = 'f"' + "".join(source for source, _ in pieces) + '"'
    size = 1 + sum(2 + source.count("{") for source, _ in pieces)
    return FormatProgram(source, size, tuple(sorted(names)), tuple(values), checks, whole, conditional=False)


def _shared_ends(column: list[str], normal: list[Case], texts: list[Expression]) -> tuple[str, list[str], str]:
    """The literal text every string of ``column`` starts (and ends) with, and what is left
    between: `` min | paid`` / `` min | unpaid`` are `` min | `` and a choice of two words. Only
    literal text is shared: the start of a text input two examples happen to share is not."""
    tokens = [_tokens(text, case.arguments, texts) for text, case in zip(column, normal)]
    if not all(tokens):
        return "", column, ""
    firsts = [items[0][1] if items[0][0] == "lit" else "" for items in tokens]
    lasts = [items[-1][1] if items[-1][0] == "lit" else "" for items in tokens]
    head = _whole_words(os.path.commonprefix(firsts), [text[len(os.path.commonprefix(firsts)):] for text in firsts])
    reversed_tail = os.path.commonprefix([text[::-1] for text in lasts])
    tail = _whole_words(reversed_tail, [text[::-1][len(reversed_tail):] for text in lasts])[::-1]
    if any(len(head) + len(tail) > len(text) for text in column):
        tail = ""
    return head, [text[len(head):len(text) - len(tail)] for text in column], tail


def _whole_words(shared: str, rests: list[str]) -> str:
    """``shared`` cut back so that no word runs on into what follows it (`paid`/`unpaid`
    share `paid` only as a whole word)."""
    while shared and shared[-1].isalnum() and any(rest[:1].isalnum() for rest in rests):
        rests = [shared[-1] + rest for rest in rests]
        shared = shared[:-1]
    return shared


def _said(chunk: str, description: str, said: set[str]) -> bool:
    """Whether the description writes ``chunk`` of a chosen part: as it is (`(due`, `x` of
    `[x]`), or its words with symbols the description also uses."""
    left, right = ("(?<!\\w)" if chunk[:1].isalnum() else ""), ("(?!\\w)" if chunk[-1:].isalnum() else "")
    if re.search(left + re.escape(chunk.lower()) + right, description.lower()):
        return True  # (a whole word of it: not `apple` inside "Apples.")
    words = re.findall(r"[A-Za-z]+", chunk)
    return bool(words) and all(word.lower() in said for word in words) \
        and all(symbol in description for symbol in re.sub(r"[A-Za-z0-9]", "", chunk))


def _escaped(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def _token_texts(tokens: list[tuple], output: str) -> list[str] | None:
    """The text of each token of ``output``: literal text, a number, the input a text shows."""
    found, position = [], 0
    for index, token in enumerate(tokens):
        if token[0] != "txt":
            found.append(token[1])
            position += len(token[1])
            continue
        following = tokens[index + 1:]
        rest = "".join(item[1] for item in following) if all(item[0] != "txt" for item in following) else None
        # a text's length: up to what follows it when that is known, else the next literal's place
        end = len(output) - len(rest) if rest is not None else output.find(following[0][1], position + 1) \
            if following and following[0][0] == "lit" else -1
        if end <= position:
            return None
        found.append(output[position:end])
        position = end
    return found if "".join(found) == output else None


def _aligned(anchors: list[dict], base: int, tokenized: list[list[tuple]], other: int) -> list[dict]:
    """The anchors of ``base`` that ``other`` shows too, in the same order (a longest common
    subsequence): the same literal text, a number, a text from a source both share."""
    def same(first: tuple, second: tuple) -> bool:
        if first[0] != second[0]:
            return False
        if first[0] == "lit":
            return first[1] == second[1]
        if first[0] == "txt":
            return bool(set(first[1]) & set(second[1]))
        return True

    mine = [tokenized[base][anchor[base]] for anchor in anchors]
    theirs = tokenized[other]
    table = [[0] * (len(theirs) + 1) for _ in range(len(mine) + 1)]
    for i in range(len(mine) - 1, -1, -1):
        for j in range(len(theirs) - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if same(mine[i], theirs[j]) else max(table[i + 1][j], table[i][j + 1])
    kept, i, j = [], 0, 0
    while i < len(mine) and j < len(theirs):
        if same(mine[i], theirs[j]) and table[i][j] == table[i + 1][j + 1] + 1:
            kept.append({**anchors[i], other: j})
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return kept


def _filled_condition(presence: tuple, normal: list[Case], parameters: list[str]) -> tuple | None:
    """A text input that is filled exactly on the examples that show a part (``due``, or
    ``not holder`` for the part shown where it is empty)."""
    for name in parameters:
        values = [case.arguments.get(name) for case in normal]
        if not all(value is None or isinstance(value, str) for value in values):
            continue
        filled = tuple(bool(value) for value in values)
        if filled == presence:
            return name, lambda arguments, name=name: bool(arguments[name]), frozenset({name})
        if tuple(not flag for flag in filled) == presence:
            return f"not {name}", lambda arguments, name=name: not arguments[name], frozenset({name})
    return None


def _segment(strings: list[str], subset: list[Case], atoms: list[Expression],
             texts: list[Expression], description: str) -> tuple | None:
    """(f-string body, its function, names read, checks) rendering ``strings`` on ``subset``."""
    if len(set(strings)) == 1:
        text = strings[0]
        return (text.replace("{", "{{").replace("}", "}}"),
                lambda arguments, text=text: text, frozenset(), 0)
    tokenized = [_tokens(text, case.arguments, texts) for text, case in zip(strings, subset)]
    cases = [dataclasses.replace(case, expected=text) for text, case in zip(strings, subset)]
    program = _from_tokens(tokenized, cases, cases, atoms, texts, description)
    if program is not None and program.function is not None:
        return program.source[2:-1], program.function, frozenset(program.names), program.checks
    # A text input alone, perhaps between constant literal text (" Canada").
    kinds = {tuple(token[0] for token in tokens) for tokens in tokenized}
    if len(kinds) != 1:
        return None
    shape = kinds.pop()
    if shape.count("txt") != 1 or "num" in shape:
        return None
    at = shape.index("txt")
    if any(tokens[position] != tokenized[0][position]
           for tokens in tokenized for position in range(len(shape)) if position != at):
        return None
    shared = set(tokenized[0][at][1]).intersection(*(tokens[at][1] for tokens in tokenized[1:]))
    if not shared:
        return None
    text = texts[min(shared)]
    before = "".join(token[1] for token in tokenized[0][:at])
    after = "".join(token[1] for token in tokenized[0][at + 1:])

    def function(arguments: dict, text=text, before=before, after=after) -> str:
        return before + text.function(arguments) + after

    def escape(part: str) -> str:
        return part.replace("{", "{{").replace("}", "}}")

    return (escape(before) + "{" + text.source + "}" + escape(after), function,
            frozenset(text.names), 0)


def _presence_condition(presence: tuple, normal: list[Case], flags: list[str],
                        atoms: list[Expression], constants: list) -> tuple | None:
    """(source, test, names) of a condition true exactly on the examples that show a part."""
    for name in flags:
        values = tuple(case.arguments[name] for case in normal)
        if values == presence:
            return name, lambda arguments, name=name: arguments[name], frozenset({name})
        if tuple(not value for value in values) == presence:
            return (f"not {name}", lambda arguments, name=name: not arguments[name],
                    frozenset({name}))
    for atom, symbol, test, constant, truth in _comparisons(atoms, normal, constants,
                                                            (">", ">=", "!=", "<", "<=")):
        if truth == presence:
            return (f"{atom.source} {symbol} {constant!r}",
                    lambda arguments, atom=atom, test=test, constant=constant:
                    test(atom.function(arguments), constant), atom.names)
    return None


_COMPARE: dict[str, Callable] = {"<": lambda a, b: a < b, "<=": lambda a, b: a <= b,
                                 ">": lambda a, b: a > b, ">=": lambda a, b: a >= b,
                                 "!=": lambda a, b: a != b, "==": lambda a, b: a == b}


def _comparisons(atoms: list[Expression], normal: list[Case], constants: list,
                 symbols: tuple[str, ...]):
    """(atom, symbol, test, constant, its truth on every example) for each number atom."""
    for atom in atoms:
        values = _values(atom, normal)
        if any(isinstance(value, bool) or not isinstance(value, (int, float))
               for value in values):
            continue
        for constant in constants:
            for symbol in symbols:
                test = _COMPARE[symbol]
                yield atom, symbol, test, constant, tuple(test(value, constant)
                                                          for value in values)


def _shape(tokens: list[tuple], literal: bool) -> tuple:
    """The kinds of a token sequence; with ``literal``, its literal text too."""
    return tuple(token if literal and token[0] == "lit" else token[0] for token in tokens)


def _two_cases(tokenized: list[list[tuple]], normal: list[Case], cases: list[Case],
               atoms: list[Expression], texts: list[Expression],
               description: str) -> FormatProgram | None:
    """Two templates split by a threshold: ``f"{m}m" if m < 60 else f"{m // 60}h{m % 60:02d}m"``.

    The examples fall into exactly two shapes (the kinds of their tokens), each shown by
    at least two examples; each shape gets its own template, and a comparison of a number
    input with a constant the description states (or a unit factor: "under an hour" is
    60 minutes) separates the two groups. Nothing is guessed from the examples' values.
    """
    stated = bool(re.search(r"\b(?:when|if|unless|under|below|above|over|otherwise|just|only)\b", description or "",
                            flags=re.IGNORECASE))  # "`2 players` when both are the same": one example may do
    for literal in (False, True):
        groups: dict[tuple, list[int]] = {}
        for position, tokens in enumerate(tokenized):
            groups.setdefault(_shape(tokens, literal), []).append(position)
        sizes = sorted(len(members) for members in groups.values())
        if len(groups) == 2 and (sizes[0] >= 2 or (stated and sizes[1] >= 2)):
            program = _split(list(groups.values()), tokenized, normal, cases, atoms, texts,
                             description)
            if program is not None:
                return program
    return None


def _split(groups: list[list[int]], tokenized: list[list[tuple]], normal: list[Case],
           cases: list[Case], atoms: list[Expression], texts: list[Expression],
           description: str) -> FormatProgram | None:
    """A template for each group of examples and a threshold between them."""
    programs = []
    checks = 0
    for members in groups:
        subset = [normal[position] for position in members]
        program = _from_tokens([tokenized[position] for position in members], subset, subset,
                               atoms, texts, description)
        if program is None or program.function is None:
            return None
        checks += program.checks
        programs.append((members, program))
    prose = re.sub(r"`[^`]*`", " ", description or "")  # `45 min` is an example's value, not a threshold
    constants = [number for number in stated_numbers(prose)
                 if not isinstance(number, bool) and isinstance(number, (int, float))]
    constants = list(dict.fromkeys([*constants, *UNIT_FACTORS, 0, 1]))
    (low_members, low), (high_members, high) = programs
    equal = [(atom, "==", _COMPARE["=="], other, tuple(a == b for a, b in zip(_values(atom, normal), _values(other, normal))))
             for atom in atoms for other in atoms if atom.source < other.source
             and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                     for v in (*_values(atom, normal), *_values(other, normal)))]  # "when both are the same"
    thresholds = list(_comparisons(atoms, normal, constants, ("<", "<=", ">", ">=")))
    same = re.search(r"\b(?:same|equal|identical|both)\b", prose, flags=re.IGNORECASE)
    for atom, symbol, test, constant, truth in ([*equal, *thresholds] if same else [*thresholds, *equal]):
        for first, second, chosen, other in ((low_members, high_members, low, high),
                                             (high_members, low_members, high, low)):
            if all(truth[position] for position in first) and \
                    not any(truth[position] for position in second):
                return _conditional(atom, symbol, test, constant, chosen, other, cases, checks)
    return None


def _conditional(atom: Expression, symbol: str, test: Callable, constant, chosen: FormatProgram,
                 other: FormatProgram, cases: list[Case], checks: int) -> FormatProgram | None:
    """``CHOSEN if ATOM SYMBOL CONSTANT else OTHER``, evaluated on every case."""

    against = constant if isinstance(constant, Expression) else None  # a second input: `low == high`

    def function(arguments: dict) -> str:
        if test(atom.function(arguments), against.function(arguments) if against else constant):
            return chosen.function(arguments)
        return other.function(arguments)

    values = _evaluate(function, cases)
    if values is None:
        return None
    source = f"{chosen.source} if {atom.source} {symbol} {against.source if against else repr(constant)} else {other.source}"
    names = tuple(sorted({*chosen.names, *other.names, *atom.names, *(against.names if against else ())}))
    return FormatProgram(source, chosen.size + other.size + 3, names, tuple(values), checks,
                         function, conditional=True)


def _from_tokens(tokenized: list[list[tuple]], normal: list[Case], cases: list[Case],
                 atoms: list[Expression], texts: list[Expression],
                 description: str, fold: bool = True) -> FormatProgram | None:
    # A number every example writes the same way is literal text ("mp3", "v2"); one example
    # alone (a branch of a split) says nothing about that. (Not with ``fold`` off: where the
    # literal leaves an argument unread, `11:00` may be the start plus the length.)
    if len(tokenized) >= 2 and fold:
        tokenized = [_fold_constant_numbers(tokens, tokenized) for tokens in tokenized]
    if len({len(tokens) for tokens in tokenized}) > 1:  # `1 jar` / `3 jars`: "" and "s" after the word
        tokenized = [_framed(tokens) for tokens in tokenized]
    length = len(tokenized[0])
    if any(len(tokens) != length or [token[0] for token in tokens] !=
           [token[0] for token in tokenized[0]] for tokens in tokenized):
        return None
    kinds = [token[0] for token in tokenized[0]]
    if "num" not in kinds and not ("txt" in kinds and "lit" in kinds):
        return None  # a constant, or a text transformation: the enumerative search's job
    factors = [number for number in stated_numbers(description)
               if number > 1 and not isinstance(number, bool)]
    factors = list(dict.fromkeys([*factors, *UNIT_FACTORS]))
    fractional = [atom for atom in atoms
                  if any(isinstance(value, float) and not value.is_integer()
                         for value in _values(atom, normal))]
    expressions = _expressions(atoms, factors, fractional) if "num" in kinds else []
    values_by_expression: dict[str, list | None] = {}

    def values_of(expression: Expression) -> list | None:
        if expression.source not in values_by_expression:
            found: list | None = []
            for case in normal:
                try:
                    found.append(expression.function(case.arguments))
                except Exception:  # noqa: BLE001 - x / 0 and friends: not this expression
                    found = None
                    break
            values_by_expression[expression.source] = found
        return values_by_expression[expression.source]

    # "09:00-11:00": a width one number shows with a leading zero is the width of the others
    # that fill it every time (11, 22 are `02d` too, so 8 comes out as "08")
    widths = {len(text.lstrip("+-")) for position, kind in enumerate(kinds) if kind == "num"
              for text in (tokens[position][1] for tokens in tokenized)
              if re.fullmatch(r"[+-]?0\d+", text)}
    pieces: list[Piece | tuple] = []
    checks = 0
    last_number: Expression | None = None
    skip_percent = False
    pending_sign: tuple | None = None  # (piece index, sign of positives, sign per example)
    for position, kind in enumerate(kinds):
        column = [tokens[position][1] for tokens in tokenized]
        if kind == "lit":
            if skip_percent:
                column = [text[1:] for text in column]
                skip_percent = False
            if len(set(column)) == 1:
                if column[0]:
                    pieces.append(_literal(column[0]))
                continue
            plural = _plural(column)
            sign = _sign(column) if plural is None and position + 1 < length and \
                kinds[position + 1] == "num" else None
            if plural is None and sign is None:
                return None
            if sign is not None:
                head, positive, signs, tail = sign
                pieces.append(_literal(head) if head else None)
                pending_sign = (len(pieces), positive, signs)
                pieces.append(None)  # the sign, once the number after it is known
                pieces.append(_literal(tail) if tail else None)
                continue
            pieces.extend(plural)
        elif kind == "txt":
            shared = set(column[0]).intersection(*column[1:])
            if not shared:
                return None
            text = texts[min(shared)]
            pieces.append(Piece("{" + text.source + "}", text.size, text.function, text.names))
        elif all(len(tokens[position]) == 3 for tokens in tokenized) and \
                set(tokenized[0][position][2]).intersection(
                    *(tokens[position][2] for tokens in tokenized[1:])):
            shared = set(tokenized[0][position][2]).intersection(
                *(tokens[position][2] for tokens in tokenized[1:]))
            text = texts[min(shared)]
            pieces.append(Piece("{" + text.source + "}", text.size, text.function, text.names))
        else:
            following = [tokens[position + 1][1] if position + 1 < length and
                         tokens[position + 1][0] == "lit" else "" for tokens in tokenized]
            percent = all(text.startswith("%") for text in following)
            if pending_sign is not None:  # "-€5.00": the sign belongs to this number
                column = [("-" + text if sign == "-" else text)
                          for text, sign in zip(column, pending_sign[2])]
                if any(text.startswith(("--", "-+", "+")) for text in column):
                    return None
            found = None
            specs = _specs([text for text in column if text != "no"], percent, widths)
            # First the digits shown are the value itself, then rounded ones
            # (`n / 1024:g` for "1.5 KB" before `n / 1000:.1f`).
            for exact in (True, False):
                for expression in _paired(last_number, expressions):
                    values = values_of(expression)
                    if values is None:
                        continue
                    for spec, eats in specs:
                        checks += 1
                        if checks > MAX_CHECKS:
                            return None
                        if all(_number_fits(value, spec, eats, text, exact)
                               for value, text in zip(values, column)):
                            found = (expression, spec, eats, "no" in column)
                            break
                    if found:
                        break
                if found:
                    break
            if found is None:
                return None
            expression, spec, eats, zero_word = found
            last_number = expression
            skip_percent = eats
            if pending_sign is not None:
                if zero_word:
                    return None
                at, positive, _ = pending_sign
                pending_sign = None
                pieces[at] = _sign_piece(expression, positive)
                expression = Expression(f"abs({expression.source})", expression.size + 1,
                                        lambda arguments, function=expression.function:
                                        abs(function(arguments)), expression.names)
            pieces.append(_number_piece(expression, spec, zero_word))
    return _assemble(pieces, normal, cases, checks)


def _values(expression: Expression, cases: list[Case]) -> list:
    """Its value on every case (None where it raises)."""
    found = []
    for case in cases:
        try:
            found.append(expression.function(case.arguments))
        except Exception:  # noqa: BLE001 - not a value here
            found.append(None)
    return found


def _paired(last: Expression | None, expressions: list[Expression]) -> list[Expression]:
    """The candidate expressions of a number hole, the remainder of the one before first:
    after ``(start + length) // 60`` the minutes are ``(start + length) % 60`` before any
    other expression that happens to give the examples' digits (``start // 1000``)."""
    divided = re.fullmatch(r"(.+) // (\d+)", last.source) if last is not None else None
    if divided is None:
        return expressions
    inner, factor = divided.group(1), int(divided.group(2))
    code = compile(inner, "<hole>", "eval")
    remainder = Expression(f"{inner} % {factor}", last.size, lambda arguments: eval(
        code, {"__builtins__": {"round": round, "abs": abs, "len": len}}, dict(arguments)) % factor,
        last.names, simple=False)
    return [remainder, *expressions]


def _framed(tokens: list[tuple]) -> list[tuple]:
    """The tokens with literal text, empty where there is none, before, between and after
    every number and text hole: sequences that differ only by a literal ending align."""
    framed: list[tuple] = []
    for token in tokens:
        if token[0] != "lit" and (not framed or framed[-1][0] != "lit"):
            framed.append(("lit", ""))
        framed.append(token)
    if not framed or framed[-1][0] != "lit":
        framed.append(("lit", ""))
    return framed


def _fold_constant_numbers(tokens: list[tuple], tokenized: list[list[tuple]]) -> list[tuple]:
    """Numbers at a place where every example writes the same digits become literal text."""
    if any(len(other) != len(tokens) for other in tokenized):
        return tokens
    folded: list[tuple] = []
    for position, token in enumerate(tokens):
        if token[0] == "num" and all(other[position] == token for other in tokenized):
            token = ("lit", token[1])
        if folded and folded[-1][0] == "lit" and token[0] == "lit":
            folded[-1] = ("lit", folded[-1][1] + token[1])
        else:
            folded.append(token)
    return folded


def _number_fits(value: Any, spec: str, eats: bool, text: str, exact: bool) -> bool:
    """Whether ``value`` with ``spec`` renders as ``text``; ``exact``: with nothing rounded."""
    if text == "no":
        return value == 0 and not isinstance(value, bool) and spec == ""
    rendered = _render_number(value, spec)
    if rendered is None or rendered != (text + "%" if eats else text):
        return False
    if not exact or isinstance(value, int):
        return True
    shown = float(text.replace(",", ""))
    return abs(shown - (value * 100 if eats else value)) <= 1e-9 * max(1.0, abs(shown))


def _literal(text: str) -> Piece:
    return Piece(text, 0, lambda arguments, text=text: text)


def _number_piece(expression: Expression, spec: str, zero_word: bool) -> Piece:
    function = expression.function
    if zero_word:
        inner = expression.source if expression.simple else f"({expression.source})"
        return Piece("{" + inner + " or 'no'}", expression.size + 2,
                     lambda arguments: str(function(arguments) or "no"), expression.names,
                     expression)
    source = "{" + expression.source + (":" + spec if spec else "") + "}"
    return Piece(source, expression.size + (1 if spec else 0),
                 lambda arguments: format(function(arguments), spec), expression.names,
                 expression)


def _plural(column: list[str]) -> list | None:
    """Literal text that differs only by a plural ending: (before, ending choice, after)."""
    forms = list(dict.fromkeys(column))
    if len(forms) != 2:
        return None
    if "" in forms and {*forms} - {""} <= {"s", "es"}:  # after a word the input gives: `{word}s`
        many = next(form for form in forms if form)
        return [None, ("plural", "", many, tuple(text == many for text in column)), None]
    for singular, plural in (forms, forms[::-1]):
        for one, many in PLURAL_ENDINGS:
            for cut in range(1, len(singular) + 1):
                head, tail = singular[:cut], singular[cut:]
                if not head.endswith(one) or not head[:len(head) - len(one)][-1:].isalpha():
                    continue
                stem = head[:len(head) - len(one)]
                if stem + many + tail == plural and (not tail or not tail[0].isalpha()):
                    shows_plural = tuple(text == plural for text in column)
                    return [_literal(stem) if stem else None,
                            ("plural", one, many, shows_plural),
                            _literal(tail) if tail else None]
    return None


def _sign(column: list[str]) -> tuple | None:
    """Literal text before a number that differs only by its sign ("+€", "-€"; "€", "-€").

    (text before the sign, the sign positives show, the sign per example, text after).
    """
    for form in column:
        for cut, character in enumerate(form):
            if character not in "+-":
                continue
            head, tail = form[:cut], form[cut + 1:]
            signs = []
            for text in column:
                if text == head + tail:
                    signs.append("")
                elif text in (head + "+" + tail, head + "-" + tail):
                    signs.append(text[cut])
                else:
                    break
            else:
                positives = {sign for sign in signs if sign != "-"}
                if "-" in signs and len(positives) == 1:
                    return head, positives.pop(), signs, tail
    return None


def _sign_piece(expression: Expression, positive: str) -> Piece:
    """``{'-' if x < 0 else '+'}``: the sign written apart from the number (``€{abs(x)}``)."""
    function = expression.function
    return Piece("{" + f"'-' if {expression.source} < 0 else '{positive}'" + "}",
                 expression.size + 2,
                 lambda arguments: "-" if function(arguments) < 0 else positive,
                 expression.names)


def _assemble(pieces: list, normal: list[Case], cases: list[Case],
              checks: int) -> FormatProgram | None:
    """Tie plural endings to the number before them; render and evaluate the template."""
    final: list[Piece] = []
    for position, piece in enumerate(pieces):
        if piece is None:
            continue
        if isinstance(piece, Piece):
            final.append(piece)
            continue
        _, one, many, shows_plural = piece
        counts = [item.expression for item in reversed(pieces[:position])
                  if isinstance(item, Piece) and item.expression is not None]
        number = next((item for item in counts if _counts(item, normal, shows_plural)), None)
        if number is None:
            return None
        final.append(Piece("{" + f"'{many}' if {number.source} != 1 else '{one}'" + "}",
                           number.size + 2,
                           lambda arguments, number=number, one=one, many=many:
                           many if number.function(arguments) != 1 else one,
                           number.names))
    if not any(piece.names for piece in final):
        return None
    source = 'f"' + "".join(piece.source if piece.source.startswith("{")
                            else piece.source.replace("{", "{{").replace("}", "}}")
                            for piece in final) + '"'
    size = 1 + sum(piece.size for piece in final)
    def function(arguments: dict) -> str:
        return "".join(piece.function(arguments) for piece in final)

    values = _evaluate(function, cases)
    if values is None:
        return None
    names = tuple(sorted(set().union(*(piece.names for piece in final))))
    return FormatProgram(source, size, names, tuple(values), checks, function)


def _evaluate(function: Callable[[dict], str], cases: list[Case]) -> list | None:
    """Its value on every case (``Raised`` where it raises), or None when a normal
    example's output is not the expected one."""
    values = []
    for case in cases:
        try:
            values.append(function(case.arguments))
        except Exception as error:  # noqa: BLE001 - an error example: the guard's business
            values.append(Raised(type(error)))
    if any(value != case.expected for value, case in zip(values, cases) if not case.is_error):
        return None
    return values


def _counts(expression: Expression, normal: list[Case], shows_plural: tuple) -> bool:
    """Whether ``expression`` is 1 exactly where the singular is shown."""
    for case, plural in zip(normal, shows_plural):
        try:
            value = expression.function(case.arguments)
        except Exception:  # noqa: BLE001 - not a count here
            return False
        if (value != 1) != plural:
            return False
    return True
