"""Families learned from the examples themselves, the words only ranking them.

The readers of ``idioms``, ``everyday`` and ``patterns`` start from a phrase ("the letters
IP, a hyphen, then exactly 4 digits") and so know only the phrasings seen so far. Authors who
never saw spf (round forty-six's reading of holdout13) stated the same three things in words
no reader knew, while their examples showed them plainly. Each family here starts from the
examples, uses the words only to rank what the examples leave open, and is offered after every
reader, so a phrase that is read still wins:

- **A shape of a code** (``str -> bool``): the true examples cut into runs of letters, runs of
  digits and single other characters (``IP-0042``: letters, ``-``, digits). Each run is a
  literal where every true example has the same text and the words quote it ("the letters
  IP"), in either case where the examples or words mix cases, else a class (capitals, small
  letters, both, digits) of the length the examples show (or their range); "not all zero"
  keeps a run of digits from being only zeros. Two differently cut groups of true examples
  (``12.34`` and ``1:05.20``) are two alternatives. Every false example must fail the pattern.
- **An amount in pieces** (one or two numbers and at most one flag, ``-> int``/``float``): a
  constant plus at most two terms from a small library over each number (the number, the
  number rounded up or down, the part up to a threshold the words state and the part past
  it: ``1250 * min(hours, 3) + 800 * max(hours - 3, 0)``), the coefficients solved exactly from
  the examples without the flag; the flag a factor or an addition solved from the examples
  with it. Kept when an example is left over to confirm the solution and a coefficient is a
  number the words state (or its hundredfold where they speak of cents or pence), or when two
  examples are left over.
- **A number in mixed units** (``int -> str``): the expected texts read as groups of digits
  between fixed separators (``1:05.20``), each group below it a count of a radix (10, 12, 24,
  60, 100, 1000) padded to that radix's width, the first group unpadded, and as many leading
  groups left off as the examples leave off: ``f"{n // 100}.{n % 100:02d}" if n < 6000 else
  f"{n // 6000}:{n // 100 % 60:02d}.{n % 100:02d}"``.

Round forty-seven (holdout14) added to the amounts a term per started or full unit past a
threshold (``25 + 10 * math.ceil(max(minutes - 30, 0) / 15)``: "for every started quarter hour
after the first 30 minutes 10 euros more"), the unit a number the words state or a unit they name
(a quarter hour, a half hour, an hour, a dozen, a week), and two families more:

- **A count of whole units in words** (``int -> str``): ``N NOUN`` over ``x // SIZE`` (``1 ball``,
  ``2 balls``), SIZE a number the words state (or 1), the singular and plural the examples show
  (or one of them with an ``s``), a suffix where some is left over (`` and a bit``) and a text of
  its own for none (``odds and ends``).
- **A count of a named class of characters** (``str -> int``): ``len(re.findall(CLASS, x))`` for
  a class the words name (vowels, consonants, digits, capitals, small letters, letters, spaces),
  of its runs where they speak of runs or groups, in either case where they say so, at least 1
  where they say a count is never zero (``max(1, len(re.findall(r"[aeiou]+", form, re.I)))``).
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

from spf import regex as re
from spf.synthesis.everyday import MATH, REGEX
from spf.synthesis.idioms import SMALL_NUMBERS, _solve
from spf.synthesis.patterns import escape_pattern
from spf.synthesis.values import Case

# ---------------------------------------------------------------- a shape of a code

_RUN = re.compile(r"[A-Za-z]+|[0-9]+|.", re.DOTALL)
_ANY_CASE = re.compile(r"\b(?:any|either) case\b|\bcase[- ]insensitive\b|\bignoring case\b|\bcapitals? or small\b|"
                       r"\bupper or lower\b|\blower or upper\b|\bcan be (?:small|lower)\b")
_NOT_ALL_ZERO = re.compile(r"\b(?:not|never|cannot|can't|mustn't|must not)\b[^.;]{0,24}?\ball (?:be )?(?:zeros?|0s?|noughts?)\b|"
                           r"\ball zeros? (?:is|are) not allowed\b|\bnot (?:be )?0+\b")
MAX_SHAPES = 96
_WHOLE = re.compile(r"(?<![\w.])(\d+)(?!\w|\.\d)")  # a whole number the words state ("crates of 12.": 12)


def _runs(text: str) -> list[tuple[str, str]]:
    """(kind, text) runs: ``letters``, ``digits`` or the one other character itself."""
    runs = []
    for piece in _RUN.findall(text):
        kind = "letters" if piece[0].isalpha() else "digits" if piece[0].isdigit() else "other"
        runs.append((kind, piece))
    return runs


def _signature(runs: list[tuple[str, str]]) -> tuple:
    return tuple(kind if kind != "other" else ("other", text) for kind, text in runs)


def _count(lengths: list[int]) -> list[str]:
    low, high = min(lengths), max(lengths)
    if low == high:
        return [f"{{{low}}}" if low > 1 else ""]
    return [f"{{{low},{high}}}", "+"]


def _letter_options(texts: list[str], lower: str) -> list[str]:
    """Patterns for one run of letters, the likeliest first."""
    counts = _count([len(text) for text in texts])
    uppers, lowers = all(text.isupper() for text in texts), all(text.islower() for text in texts)
    any_case = bool(_ANY_CASE.search(lower))
    classes = (["[A-Z]", "[A-Za-z]"] if uppers and not any_case else ["[a-z]", "[A-Za-z]"] if lowers and not any_case
               else ["[A-Za-z]"])
    options = [cls + count for cls in classes for count in counts]
    folded = {text.lower() for text in texts}
    if len(folded) == 1:
        text = texts[0]
        either = "".join(f"[{char.upper()}{char.lower()}]" for char in text)
        literals = [either] if len(set(texts)) > 1 or any_case else [text, either]
        quoted = re.search(rf"(?<![a-z]){re.escape(text.lower())}(?![a-z])", lower) is not None
        options = literals + options if quoted else options + literals
    return options


def _digit_options(texts: list[str], lower: str) -> list[str]:
    counts = _count([len(text) for text in texts])
    options = [f"[0-9]{count}" for count in counts]
    if _NOT_ALL_ZERO.search(lower):
        guarded = [f"(?!0+(?![0-9])){option}" for option in options]
        options = guarded + options
    if len(set(texts)) == 1 and re.search(rf"(?<![0-9]){texts[0]}(?![0-9])", lower):
        options.insert(0, texts[0])
    return options


def _group_patterns(group: list[list[tuple[str, str]]], lower: str) -> list[str]:
    """Patterns for true examples cut the same way, the likeliest first (at most MAX_SHAPES)."""
    choices = []
    for position, (kind, _) in enumerate(group[0]):
        texts = [runs[position][1] for runs in group]
        if kind == "letters":
            choices.append(_letter_options(texts, lower))
        elif kind == "digits":
            choices.append(_digit_options(texts, lower))
        else:
            choices.append([escape_pattern(texts[0])])
    return ["".join(parts) for parts in itertools.islice(itertools.product(*choices), MAX_SHAPES)]


_WORDED = {word: value for word, value in SMALL_NUMBERS.items() if 1 <= value <= 12}  # "exactly three digits"


def _told(pattern: str, lower: str) -> bool:
    """Whether the words speak of the shape: a length the pattern counts, or a literal it keeps,
    is in them (a palindrome's examples `abba` and `abc` differ in length by accident)."""
    said = {int(number) for number in _WHOLE.findall(lower)}
    said |= {value for word, value in _WORDED.items() if re.search(rf"\b{word}\b", lower)}
    counts = {int(number) for number in re.findall(r"\{(\d+)(?:,\d+)?\}", pattern)}
    counts |= {int(number) for number in re.findall(r"\{\d+,(\d+)\}", pattern)}
    either = re.findall(r"(?:\[[A-Z][a-z]\])+", pattern)  # `[Ii][Pp]`: a literal in either case
    exact = re.findall(r"(?<![\[\\-])[A-Za-z]{2,}", re.sub(r"\[[^\]]*\]", " ", pattern))  # `TR`
    literals = [piece[1::4] for piece in either] + exact
    return bool(counts & said) or any(re.search(rf"(?<![a-z]){re.escape(literal.lower())}(?![a-z])", lower)
                                      for literal in literals)


def code_shapes(lower: str, name: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """``re.fullmatch(PATTERN, name) is not None`` for the shapes the true examples share and
    every false example breaks, the likeliest first."""
    trues = [case.arguments[name] for case in cases if case.expected is True]
    falses = [case.arguments[name] for case in cases if case.expected is False]
    if not trues or not falses or not all(isinstance(value, str) and value for value in trues + falses):
        return []
    groups: dict[tuple, list] = {}
    for value in trues:
        runs = _runs(value)
        groups.setdefault(_signature(runs), []).append(runs)
    if len(groups) > 2:
        return []
    options = [_group_patterns(group, lower) for group in groups.values()]
    found = []
    for parts in itertools.islice(itertools.product(*options), MAX_SHAPES):
        pattern = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        if '"' in pattern or pattern.endswith("\\"):
            continue
        compiled = re.compile(pattern)
        if all(compiled.fullmatch(value) for value in trues) and not any(compiled.fullmatch(value) for value in falses) \
                and _told(pattern, lower):
            found.append((f're.fullmatch(r"{pattern}", {name}) is not None', REGEX))
            if len(found) == 2:
                break
    return found


# ---------------------------------------------------------------- an amount in pieces

_NICE = (1, 2, 4, 5, 10, 20, 25, 50, 100)


def _features(name: str, values: list, thresholds: list, divisors: list) -> list[tuple[str, object]]:
    """(source, function of the number) for the terms one number may bring."""
    features = [(name, lambda x: x)]
    fractional = any(isinstance(value, float) and not float(value).is_integer() for value in values)
    if fractional:
        features += [(f"math.ceil({name})", math.ceil), (f"math.floor({name})", math.floor)]
    for limit in thresholds:
        if min(values) <= limit < max(values):
            shown = _number(limit)
            features.append((f"min({name}, {shown})", lambda x, t=limit: min(x, t)))
            features.append((f"max({name} - {shown}, 0)", lambda x, t=limit: max(x - t, 0)))
            if fractional:
                features.append((f"max(math.ceil({name}) - {shown}, 0)", lambda x, t=limit: max(math.ceil(x) - t, 0)))
    if fractional:
        return features
    for size in divisors:  # "every started quarter hour after the first 30 minutes", "every full 100 metres"
        for limit in [0, *thresholds]:
            if size >= max(values) - limit or limit and not min(values) <= limit < max(values):
                continue
            past = f"max({name} - {limit}, 0)" if limit else name
            features.append((f"math.ceil({past} / {size})", lambda x, t=limit, q=size: -(-max(x - t, 0) // q)))
            features.append((f"{past} // {size}", lambda x, t=limit, q=size: max(x - t, 0) // q))
    return features


_UNITS = (("quarter (?:of an )?hour", 15), ("half (?:an )?hour", 30), ("(?<!quarter )(?<!half )(?<!half an )hour", 60),
          ("dozen", 12), ("week", 7), ("fortnight", 14))  # "every started quarter hour", "the first hour"


def _unit_sizes(lower: str) -> set[int]:
    return {size for words, size in _UNITS if re.search(rf"\b{words}\b", lower)}


def _number(value) -> str:
    value = Fraction(value)
    return str(value.numerator) if value.denominator == 1 else repr(float(value))


def _is_stated(value: Fraction, stated: set, hundreds: bool) -> bool:
    return bool(value) and (float(value) in stated or hundreds and (float(value / 100) in stated))


def piecewise_amounts(lower: str, parameters: list[tuple[str, str]], returns: str | None,
                      cases: list[Case]) -> list[tuple[str, tuple]]:
    """A constant and at most two terms per the docstring of this module, best first."""
    numbers = [name for name, kind in parameters if kind in ("int", "float")]
    flags = [name for name, kind in parameters if kind == "bool"]
    if returns not in ("int", "float") or not 1 <= len(numbers) <= 2 or len(flags) > 1 \
            or len(numbers) + len(flags) != len(parameters):
        return []
    normal = [case for case in cases if not case.is_error]
    if not all(isinstance(case.expected, (int, float)) and not isinstance(case.expected, bool)
               and all(isinstance(case.arguments.get(name), (int, float)) and not isinstance(case.arguments.get(name), bool)
                       for name in numbers) for case in normal):
        return []
    flag = flags[0] if flags else None
    plain = [case for case in normal if flag is None or case.arguments.get(flag) is False]
    flagged = [case for case in normal if flag is not None and case.arguments.get(flag) is True]
    if flag is not None and not flagged:
        return []
    stated = {float(number) for number in re.findall(r"(?<![\w.])(\d+(?:\.\d+)?)(?!\w|\.\d)", lower)}
    hundreds = re.search(r"\b(?:cents?|pence|pennies|hundredths?)\b", lower) is not None
    units = _unit_sizes(lower)
    thresholds = sorted({int(value) for value in stated if value.is_integer() and value > 0} | units)
    divisors = sorted({size for size in thresholds if size > 1})
    library = []
    for name in numbers:
        library += [(source, name, function) for source, function in
                    _features(name, [case.arguments[name] for case in normal], thresholds, divisors)]
    if len(numbers) == 2:
        first, second = numbers
        library.append((f"{first} * {second}", None, lambda values: values[first] * values[second]))
    found = []
    for size in (1, 2):
        for terms in itertools.combinations(library, size):
            for constant in (True, False):
                model = _fit(terms, constant, plain, flagged, flag, stated, hundreds, returns)
                if model is not None:
                    found.append(model)
        if found:
            break
    found.sort(key=lambda model: -model[0])
    return [(source, MATH if "math." in source else ()) for _, source in found[:3]]


def _value(term, arguments: dict):
    _, name, function = term
    return function(arguments) if name is None else function(arguments[name])


def _fit(terms, constant: bool, plain: list[Case], flagged: list[Case], flag: str | None, stated: set,
         hundreds: bool, returns: str) -> tuple[int, str] | None:
    """(how many coefficients the words state, source) of the model the plain examples solve."""
    unknowns = len(terms) + constant
    if len(plain) < unknowns:
        return None
    rows = [[1] * constant + [_value(term, case.arguments) for term in terms] for case in plain]
    solution = _solve(rows, [case.expected for case in plain])
    if solution is None or any(value.denominator not in _NICE for value in solution) \
            or (constant and not solution[0]) or not all(solution[constant:]):
        return None
    if returns == "int" and any(value.denominator != 1 for value in solution):
        return None

    def plain_value(arguments: dict) -> Fraction:
        total = solution[0] if constant else Fraction(0)
        return total + sum(coefficient * Fraction(_value(term, arguments))
                           for coefficient, term in zip(solution[constant:], terms))

    spare = len(plain) - unknowns
    pieces = ([_number(solution[0])] if constant else []) + [
        f"{_number(coefficient)} * {term[0]}" if coefficient != 1 else term[0]
        for coefficient, term in zip(solution[constant:], terms)]
    source = " + ".join(pieces).replace("+ -", "- ")
    if flagged:
        bases = [(Fraction(case.expected), plain_value(case.arguments)) for case in flagged]
        shifts = {expected - base for expected, base in bases}
        factors = {expected / base for expected, base in bases if base}
        if len(factors) == 1 and all(base for _, base in bases) \
                and next(iter(factors)).denominator in (1, 2, 4, 10) and next(iter(factors)) != 1:
            factor = next(iter(factors))
            source = f"({source}) * ({_number(factor)} if {flag} else 1)"
        elif len(shifts) == 1 and next(iter(shifts)) != 0 and next(iter(shifts)).denominator in _NICE:
            source = f"{source} + ({_number(next(iter(shifts)))} if {flag} else 0)"
        else:
            return None
        spare += len(flagged) - 1
    told = sum(_is_stated(value, stated, hundreds) for value in solution)
    if spare < 1 or (told == 0 and spare < 2):
        return None
    return told, source


# ---------------------------------------------------------------- a number in mixed units

RADICES = (10, 12, 24, 60, 100, 1000)


def _cut(text: str) -> tuple[str, list[str], list[str], str] | None:
    """(prefix, groups of digits, separators between them, suffix)."""
    pieces = re.split(r"(\d+)", text)
    if len(pieces) < 3:
        return None
    return pieces[0], pieces[1::2], pieces[2:-1:2], pieces[-1]


def mixed_units(name: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """The conditional f-string of the docstring of this module, or nothing."""
    normal = [case for case in cases if not case.is_error]
    if len(normal) < 2 or not all(isinstance(case.expected, str) and isinstance(case.arguments.get(name), int)
                                  and not isinstance(case.arguments.get(name), bool) and case.arguments[name] >= 0
                                  for case in normal):
        return []
    cuts = [_cut(case.expected) for case in normal]
    if any(cut is None for cut in cuts) or len({(cut[0], cut[3]) for cut in cuts}) != 1:
        return []
    longest = max(cuts, key=lambda cut: len(cut[1]))
    width = len(longest[1])
    if width < 2 or width > 4:
        return []
    separators = longest[2]
    if any(cut[2] != separators[len(separators) - len(cut[2]):] for cut in cuts):
        return []  # the separators of a shorter text are the last ones of the longest
    pads = [None] * width  # the width of each group below the first, from the texts that show it inner
    for cut in cuts:
        groups = cut[1]
        for offset, group in enumerate(groups[1:], start=width - len(groups) + 1):
            if pads[offset] not in (None, len(group)):
                return []
            pads[offset] = len(group)
    least = min(len(cut[1]) for cut in cuts)
    prefix, suffix = longest[0], longest[3]
    for radices in itertools.product(RADICES, repeat=width - 1):
        if any(pads[offset + 1] is not None and pads[offset + 1] != len(str(radix - 1))
               for offset, radix in enumerate(radices)):
            continue
        source = _mixed_source(name, radices, separators, prefix, suffix, least)
        if all(_mixed_text(case.arguments[name], radices, separators, prefix, suffix, least) == case.expected
               for case in normal):
            return [(source, ())]
    return []


def _mixed_text(value: int, radices: tuple, separators: list[str], prefix: str, suffix: str, least: int) -> str:
    parts = []
    for radix in reversed(radices):
        value, part = divmod(value, radix)
        parts.insert(0, part)
    parts.insert(0, value)
    while len(parts) > least and parts[0] == 0:
        parts.pop(0)
    shown = [str(parts[0])]
    pairs = list(zip(separators, radices))[len(separators) - len(parts) + 1:]
    for (separator, radix), part in zip(pairs, parts[1:]):
        shown.append(separator + str(part).rjust(len(str(radix - 1)), "0"))
    return prefix + "".join(shown) + suffix


def _mixed_source(name: str, radices: tuple, separators: list[str], prefix: str, suffix: str, least: int) -> str:
    """``f"{n // 100}.{n % 100:02d}" if n < 6000 else f"{n // 6000}:..."``: one template per
    count of groups shown, from the fewest."""
    def template(groups: int) -> str:
        kept = list(zip(separators, radices))[len(radices) - groups + 1:]
        below = math.prod(radix for _, radix in kept)
        pieces = [prefix.replace("{", "{{").replace("}", "}}"), f"{{{name} // {below}}}" if below > 1 else f"{{{name}}}"]
        for index, (separator, radix) in enumerate(kept):
            under = math.prod(r for _, r in kept[index + 1:])
            value = f"{name} // {under} % {radix}" if under > 1 else f"{name} % {radix}"
            digits = len(str(radix - 1))
            pieces.append(separator.replace("{", "{{").replace("}", "}}") + f"{{{value}:0{digits}d}}")
        pieces.append(suffix.replace("{", "{{").replace("}", "}}"))
        return 'f"' + "".join(pieces).replace('"', '\\"') + '"'

    width = len(radices) + 1
    source = template(width)
    for groups in range(width - 1, least - 1, -1):
        limit = math.prod(radices[len(radices) - groups:])
        source = f"{template(groups)} if {name} < {limit} else {source}"
    return source


# ---------------------------------------------------------------- a count in words

_COUNTED = re.compile(r"^(.*?)(\d+) (.+)$", re.DOTALL)


def counted_phrases(lower: str, name: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """``N NOUN`` over whole units of a size (``1 ball``, ``2 balls``), a suffix where some is
    left over (`` and a bit``) and a text of its own for none (``odds and ends``): what the
    examples show of ``x // SIZE`` with SIZE a number the words state (or 1), best first."""
    normal = [case for case in cases if not case.is_error]
    if len(normal) < 3 or not all(isinstance(case.expected, str) and isinstance(case.arguments.get(name), int)
                                  and not isinstance(case.arguments.get(name), bool) and case.arguments[name] >= 0
                                  for case in normal):
        return []
    stated = {int(number) for number in _WHOLE.findall(lower)} | _unit_sizes(lower)
    found = []
    for size in sorted({1} | {number for number in stated if number > 1}):
        shape = _counted_shape(name, size, normal)
        if shape is not None:
            found.append((shape, ()))
    return found[:2]


def _counted_shape(name: str, size: int, cases: list[Case]) -> str | None:
    """The expression for one SIZE, or None when an example disagrees."""
    prefixes, nouns, suffixes, nothing = set(), {}, set(), set()
    for case in cases:
        whole, left = divmod(case.arguments[name], size)
        match = _COUNTED.match(case.expected)
        if match is None or int(match.group(2)) != whole or match.group(2) != str(whole):
            if whole != 0 or re.search(r"\d", case.expected):
                return None
            nothing.add(case.expected)
            continue
        prefixes.add(match.group(1))
        rest = match.group(3)
        nouns.setdefault((whole == 1, bool(left)), set()).add(rest)
    if len(prefixes) != 1 or len(nothing) > 1:
        return None
    one, many = nouns.get((True, False), set()), nouns.get((False, False), set())
    if len(one) > 1 or len(many) > 1:
        return None
    singular, plural = next(iter(one), None), next(iter(many), None)
    if singular is None and plural is None:
        return None
    singular = singular or plural.removesuffix("s")
    plural = plural or singular + "s"
    for (is_one, has_left), rests in nouns.items():
        if has_left:
            noun = singular if is_one else plural
            if any(not rest.startswith(noun) for rest in rests):
                return None
            suffixes |= {rest[len(noun):] for rest in rests}
    if len(suffixes) > 1 or size == 1 and suffixes:
        return None
    suffix = next(iter(suffixes), "")
    if not suffix and any(has_left for _, has_left in nouns):
        return None
    whole = f"{name} // {size}" if size > 1 else name
    prefix = next(iter(prefixes))
    counted = (f"f{prefix + '{' + whole + '} '!r}"
               + f" + ({singular!r} if {whole} == 1 else {plural!r})")
    if suffix:
        counted += f" + ({suffix!r} if {name} % {size} else '')"
    if nothing:
        counted = f"{next(iter(nothing))!r} if {whole} == 0 else {counted}"
    return counted


# ---------------------------------------------------------------- a count of letters

_CLASSES = (("vowel", "[aeiou]"), ("consonant", "[b-df-hj-np-tv-z]"), ("digit|figure|number", "[0-9]"),
            ("capital|upper", "[A-Z]"), ("small letter|lower", "[a-z]"), ("letter", "[A-Za-z]"),
            ("space|blank", " "), ("word", r"\S"))
_RUNS_WORDS = re.compile(r"\b(?:runs?|groups?|sequences?|stretch(?:es)?|blocks?|clusters?|separate)\b|\bin a row\b")
_AT_LEAST_ONE = re.compile(r"\b(?:never (?:zero|0|nought)|at least (?:one|1)|(?:counts?|is|as) (?:as )?(?:one|1)\b)")


def counted_letters(lower: str, name: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """``len(re.findall(CLASS, x))`` over a class of characters the words name (vowels,
    digits, capitals ...), of its runs where the words speak of runs or groups, in either case
    where they say so, at least 1 where they say a count is never zero: best first."""
    normal = [case for case in cases if not case.is_error]
    if len(normal) < 3 or not all(isinstance(case.arguments.get(name), str) and isinstance(case.expected, int)
                                  and not isinstance(case.expected, bool) for case in normal):
        return []
    runs_first = _RUNS_WORDS.search(lower) is not None
    either = _ANY_CASE.search(lower) is not None or re.search(r"\bin either case\b|\bcapital or small\b", lower)
    floor = _AT_LEAST_ONE.search(lower) is not None
    found = []
    for words, cls in _CLASSES:
        if not re.search(rf"\b(?:{words})s?\b", lower):
            continue
        for runs in ((True, False) if runs_first else (False, True)):
            pattern = cls + "+" if runs else cls
            flags = ", re.IGNORECASE" if either and cls.strip("[]").islower() else ""
            count = f'len(re.findall(r"{pattern}", {name}{flags}))'
            for source in ([f"max(1, {count})", count] if floor else [count]):
                found.append((source, REGEX))
    return found
