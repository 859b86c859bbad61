"""Rule lists in words: "`high` when sys is 140 or more; `low` when dia is below 60; otherwise `normal`".

A classification the description spells out as an ordered list of rules is read,
not searched: the words are the contract and the examples only check the reading.
(The enumerative search, which sees only the examples, would pick any threshold
that separates them: ``dia > 80`` where the words say 90.)

What is read, sentence by sentence (clauses cut at ``;`` and at sentence ends):

* a rule: ``RESULT when CONDITION`` (or ``if``); RESULT is a literal in backticks or
  quotes (```high```, ``"A"``, ```0.5```), a number, ``true`` or ``false``;
* the default: ``otherwise RESULT`` (``else``, ``in any other case``, ``anything else
  is``) or ``RESULT otherwise``; without one the rules must cover every example, and the
  function returns ``None`` past the last rule;
* a condition: comparisons joined by ``or`` / ``and`` (Python's precedence: ``and``
  first), each ``NAME is PHRASE`` where NAME is a parameter and PHRASE one of
  ``N or more`` / ``at least N`` (>=), ``N or less`` / ``at most N`` (<=),
  ``below N`` / ``under N`` / ``less than N`` (<), ``above N`` / ``over N`` /
  ``more than N`` (>), ``N`` / ``exactly N`` (==), ``not N`` (!=), ``between A and
  B`` (both ends included); or a measure with no parameter named before it, "it is over
  80 km", "has more than 1000 m of climbing": the parameter is the one the words after
  the number name (``km``; ``climb`` for "climbing"), and a unit read once stands for
  it in later rules ("less than 300 m"). Rules may follow each other in one sentence,
  separated by commas ("`hard` when ..., `easy` when ..., `medium` otherwise").

Rules are tried in the order written, the first that applies wins (``if``/``elif``).
Anything else in a rule (a condition in other words, a NAME that is no parameter)
means the list is not read at all: half a reading is never offered. The program is
kept only if it gives every example's expected value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_NUMBER = r"-?\d+(?:\.\d+)?"
# (phrase pattern with one or two number groups, operator)
_PHRASES = (
    (rf"({_NUMBER}) or (?:more|above|higher|greater|over)", ">="),
    (rf"({_NUMBER}) and (?:above|up|over)", ">="),
    (rf"at least ({_NUMBER})", ">="),
    (rf"({_NUMBER}) or (?:less|below|lower|fewer|under)", "<="),
    (rf"at most ({_NUMBER})", "<="),
    (rf"no more than ({_NUMBER})", "<="),
    (rf"(?:below|under|less than|lower than|smaller than|fewer than) ({_NUMBER})", "<"),
    (rf"(?:above|over|more than|greater than|higher than|bigger than) ({_NUMBER})", ">"),
    (rf"between ({_NUMBER}) and ({_NUMBER})(?: inclusive)?", "between"),
    (rf"not ({_NUMBER})", "!="),
    (rf"(?:exactly |equal to )?({_NUMBER})", "=="),
)
_TESTS: dict[str, Callable] = {
    ">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b, "<": lambda a, b: a < b,
    ">": lambda a, b: a > b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b,
}
_RESULT = r"`([^`]+)`|\"([^\"]+)\"|'([^']+)'|(-?\d+(?:\.\d+)?|true|false|True|False)"
_RULE = re.compile(rf"(?:^|[:,]\s*|\bthen\s+)(?:{_RESULT})\s+(?:when|if)\s+(?P<condition>.+)$")
_DEFAULT = re.compile(rf"^(?:and\s+)?(?:otherwise|else|in any other case|in every other case|"
                      rf"anything else is|everything else is)[\s,:]*(?:it is\s+|is\s+)?"
                      rf"(?:{_RESULT})$|^(?:and\s+)?(?:{_RESULT})\s+(?:otherwise|in any other case|"
                      rf"for everything else|else)$", re.IGNORECASE)


@dataclass
class Comparison:
    name: str
    operator: str
    numbers: tuple

    @property
    def source(self) -> str:
        if self.operator == "between":
            low, high = self.numbers
            return f"{low!r} <= {self.name} <= {high!r}"
        return f"{self.name} {self.operator} {self.numbers[0]!r}"

    def test(self, arguments: dict) -> bool:
        value = arguments[self.name]
        if self.operator == "between":
            return self.numbers[0] <= value <= self.numbers[1]
        return bool(_TESTS[self.operator](value, self.numbers[0]))


@dataclass
class Rule:
    """``if CONDITION: return RESULT``; the condition is ``[[and-ed comparisons], ...]`` or-ed."""

    groups: list[list[Comparison]]
    result: object

    @property
    def source(self) -> str:
        return " or ".join(" and ".join(item.source for item in group) for group in self.groups)

    @property
    def size(self) -> int:
        return sum(2 * len(group) + 1 for group in self.groups)

    def test(self, arguments: dict) -> bool:
        return any(all(item.test(arguments) for item in group) for group in self.groups)

    @property
    def names(self) -> frozenset:
        return frozenset(item.name for group in self.groups for item in group)


@dataclass
class RuleList:
    rules: list[Rule]
    default: object            # the value past the last rule (None: none stated)
    has_default: bool

    def __call__(self, arguments: dict):
        for rule in self.rules:
            if rule.test(arguments):
                return rule.result
        return self.default


def _number(text: str):
    return float(text) if "." in text else int(text)


def _result(match: re.Match, kind: type | None):
    backticked, double, single, bare = (match.group(1, 2, 3, 4) if any(match.group(1, 2, 3, 4))
                                        else match.group(5, 6, 7, 8))  # a default's either form
    text = backticked or double or single
    if text is None:
        if bare.lower() in ("true", "false"):
            return bare.lower() == "true"
        return _number(bare)
    if kind is str or kind is None:
        return text
    if kind is bool and text.lower() in ("true", "false"):
        return text.lower() == "true"
    if kind in (int, float) and re.fullmatch(_NUMBER, text):
        return kind(_number(text))
    return text


def _root(word: str) -> str:
    word = word.lower()
    for ending in ("ing", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            return word[: -len(ending)]
    return word


def _comparison(text: str, names: list[str], units: dict[str, str] | None = None) -> Comparison | None:
    text = text.strip().rstrip(".,")
    match = re.fullmatch(r"(?:the\s+)?`?(\w+)`?\s+(?:is|are|was|were)\s+(.+)", text)
    if match is None or match.group(1) not in names:
        return _measured(text, names, units)
    name, phrase = match.group(1), match.group(2).strip()
    for pattern, operator in _PHRASES:
        found = re.fullmatch(pattern, phrase)
        if found:
            return Comparison(name, operator, tuple(_number(group) for group in found.groups()))
    return None


def _measured(text: str, names: list[str], units: dict[str, str] | None = None) -> Comparison | None:
    """"it is over 80 km", "has more than 1000 m of climbing": the parameter is named by the
    words after the number (its name, or a word of the same root: ``climb``, "climbing")."""
    match = re.fullmatch(r"(?:it|they|this|that|the \w+)?\s*(?:is|are|has|have|was|were|with)?\s*(.+)", text)
    phrase = match.group(1) if match else text
    for pattern, operator in _PHRASES[:-2]:  # a bare number names nothing
        found = re.match(pattern + r"\s+(.+)$", phrase)
        if found is None:
            continue
        *numbers, rest = found.groups()
        words = [_root(word) for word in re.findall(r"[a-z]+", rest.lower())]
        named = [name for name in names if _root(name) in words]
        if len(named) != 1 and units is not None and words and words[0] in units:
            named = [units[words[0]]]  # "less than 300 m" after "1000 m of climbing"
        if len(named) == 1:
            if units is not None and words:
                units.setdefault(words[0], named[0])  # the unit after the number: `m` of climbing
            return Comparison(named[0], operator, tuple(_number(number) for number in numbers))
    return None


def _condition(text: str, names: list[str], units: dict[str, str] | None = None) -> list[list[Comparison]] | None:
    """``sys is 140 or more or dia is 90 or more`` -> [[sys >= 140], [dia >= 90]]."""
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    # A joiner starts a new comparison only where a parameter follows ("or more" does not).
    joiner = re.compile(rf"\s+(or|and)\s+(?=(?:the\s+)?`?(?:{alternatives})`?\s|"
                        r"(?:it\s+|they\s+)?(?:is|are|has|have|was|were)\s)")  # "or has more than 1000 m"
    parts = joiner.split(text.strip())
    groups: list[list[Comparison]] = [[]]
    comparison = _comparison(parts[0], names, units)
    if comparison is None:
        return None
    groups[-1].append(comparison)
    for word, part in zip(parts[1::2], parts[2::2]):
        comparison = _comparison(part, names, units)
        if comparison is None:
            return None
        if word == "or":
            groups.append([comparison])
        else:
            groups[-1].append(comparison)
    return groups


#: a band's result after its threshold: "90 and up is gold", "70 or more: silver", "under 50 a fail"
_BAND = re.compile(r"^(?:and\s+|then\s+)?(?P<phrase>.+?)\s*(?:\s(?:is|are|gets?|means|makes?)\s+|:\s*|=\s*|->\s*|\u2192\s*|\s)"
                   r"(?:an?\s+|the\s+)?(?P<result>`[^`]+`|\"[^\"]+\"|'[^']+'|[\w-]+)$", re.IGNORECASE)
_BAND_DEFAULT = re.compile(r"^(?:and\s+)?(?:the rest|everything else|anything else|all the rest|anything lower|"
                           r"anything below(?: that)?|below that|lower|otherwise|else)\s*(?:is|are|gets?|get|:|=|->)?\s*"
                           r"(?:an?\s+|the\s+)?(?P<result>`[^`]+`|\"[^\"]+\"|'[^']+'|[\w-]+)$", re.IGNORECASE)


def _band_result(text: str, outputs: set) -> object:
    """A band's result: a literal in quotes, or a bare word one of the examples gives (a word
    no example shows is not taken for a result)."""
    if text[:1] in "`\"'":
        return text[1:-1]
    return text if text in outputs else _NOT_READ


_NOT_READ = object()


def read_bands(description: str, name: str, outputs: set) -> RuleList | None:
    """Bands of one number, threshold first: "90 and up is gold, 70 and up silver, the rest
    bronze" -> ``if name >= 90: "gold"``, ``if name >= 70: "silver"``, else ``"bronze"``;
    None unless every clause of the sentence is a band or the default."""
    text = " ".join((description or "").split())
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        clauses = [clause.strip().rstrip(".") for clause in re.split(r"[,;]", sentence) if clause.strip().rstrip(".")]
        rules: list[Rule] = []
        default, has_default = None, False
        for clause in clauses:
            found = _BAND_DEFAULT.match(clause)
            if found is not None and rules and not has_default:
                default, has_default = _band_result(found.group("result"), outputs), True
                if default is _NOT_READ:
                    break
                continue
            found = _BAND.match(clause)
            comparison = None
            if found is not None and not has_default:
                phrase = re.sub(rf"^(?:from\s+|with\s+|at\s+)?(?:`?{re.escape(name)}`?\s+(?:is|of)\s+)?", "",
                                found.group("phrase").strip().lower())
                for pattern, operator in _PHRASES[:-1]:  # a bare number is no band
                    matched = re.fullmatch(pattern, phrase)
                    if matched:
                        comparison = Comparison(name, operator, tuple(_number(g) for g in matched.groups()))
                        break
            result = _band_result(found.group("result"), outputs) if comparison is not None else _NOT_READ
            if result is _NOT_READ:
                break
            rules.append(Rule([[comparison]], result))
        else:
            if len(rules) >= 2 or (rules and has_default):
                return RuleList(rules, default, has_default)
    return None


def read_rules(description: str, names: list[str], kind: type | None = None) -> RuleList | None:
    """The rule list the description states, or None when it states none (or one not read)."""
    text = " ".join((description or "").split())
    clauses = [clause.strip() for clause in re.split(r";|(?<=[.!?])\s+(?=[A-Z`\"'])|\.$|"
                                                     r",\s*(?=(?:and\s+)?(?:`[^`]+`|\"[^\"]+\")\s+(?:when|if|otherwise)\b)|"
                                                     r",\s*(?=(?:and\s+)?(?:otherwise|else)\b)", text)]
    rules: list[Rule] = []
    default, has_default = None, False
    units: dict[str, str] = {}  # a unit word -> the parameter it measures, as the rules go
    for clause in clauses:
        clause = clause.strip().rstrip(".")
        if not clause:
            continue
        found = _RULE.search(clause)
        if found is not None:
            if has_default:
                return None  # a rule after "otherwise": not a list read top to bottom
            groups = _condition(found.group("condition"), names, units)
            if groups is None:
                return None
            rules.append(Rule(groups, _result(found, kind)))
            continue
        found = _DEFAULT.match(clause)
        if found is not None and rules:
            default, has_default = _result(found, kind), True
    if len(rules) < 2 and not (rules and has_default):
        return None
    return RuleList(rules, default, has_default)


#: a band of a points table: "35.1 to 36.0", "35.0 or under", "39.1 and up", "under 35"
_RANGE = ((rf"({_NUMBER})\s*(?:to|-|\u2013|through|until)\s*({_NUMBER})(?: inclusive)?", "between"),
          (rf"({_NUMBER}) or (?:under|below|less|lower)", "<="), (rf"({_NUMBER}) and (?:under|below|less|lower)", "<="),
          *_PHRASES[:-1])
_POINTS = re.compile(rf"^\s*(?P<phrase>.+?)\s*(?:=|:|->|\u2192|\bgives\b|\bscores?\b|\bis\b)\s*(?P<result>{_NUMBER})"
                     r"(?:\s*points?)?\s*$", re.IGNORECASE)


def _band_comparison(phrase: str, name: str) -> Comparison | None:
    """One band's test: ``35.1 to 36.0`` -> ``35.1 <= name <= 36.0``."""
    for pattern, operator in _RANGE:
        matched = re.fullmatch(pattern, phrase.strip().lower())
        if matched:
            return Comparison(name, operator, tuple(_number(group) for group in matched.groups()))
    return None


def read_points_tables(description: str, names: list[str]) -> list[tuple[str, list[tuple[Comparison, object]]]]:
    """Points tables, one per argument, each a sentence headed by the argument: "Temp part:
    35.0 or under = 3; 35.1 to 36.0 = 1; 36.1 to 38.0 = 0; 38.1 and up = 2." ->
    ``[("temp", [(temp <= 35.0, 3), (35.1 <= temp <= 36.0, 1), ...])]``. A sentence whose
    every clause is not a band with its points is no table."""
    text = " ".join((description or "").split())
    tables = []
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text):
        head = re.match(r"(?:the |for (?:the |a |an )?)?(\w+)(?: part| points?| score| bit| side)?\s*:\s*", sentence,
                        flags=re.IGNORECASE)
        word = head.group(1).lower() if head else ""
        named = [name for name in names if len(word) >= 3 and (
            name.lower() == word or name.lower().startswith(word) or word.startswith(name.lower()))]
        if len(named) != 1 or any(named[0] == taken for taken, _ in tables):
            continue
        bands = []
        for clause in re.split(r"[;,]", sentence[head.end():].rstrip(".")):
            found = _POINTS.match(clause)
            comparison = _band_comparison(found.group("phrase"), named[0]) if found else None
            if comparison is None:
                bands = []
                break
            bands.append((comparison, _number(found.group("result"))))
        if len(bands) >= 2:
            tables.append((named[0], bands))
    return tables


_NUMBERS = rf"{_NUMBER}(?:\s*,\s*{_NUMBER})*(?:,?\s+(?:or|and)\s+{_NUMBER})?"


def read_product_set(description: str) -> tuple[list, list, float] | None:
    """A set of numbers stated as one list times another: "one of the 12 E12 mantissas 10, 12,
    15, ... multiplied by 0.1, 1, 10, ... or 100000" -> ``([10, 12, ...], [0.1, 1, ...], tol)``,
    ``tol`` the relative tolerance the words allow ("within one part in a million": 1e-6; else
    1e-9). None unless both lists are stated."""
    text = " ".join((description or "").split())
    said = re.search(rf"\bone of (?:the )?(?:[\w-]+ ){{0,4}}?({_NUMBERS})\s+(?:multiplied by|times)\s+(?:one of )?({_NUMBERS})",
                     text, flags=re.IGNORECASE)
    if said is None:
        return None
    first, second = ([_number(n) for n in re.findall(_NUMBER, group)] for group in said.groups())
    if len(first) < 2 or len(second) < 2:
        return None
    parts = re.search(r"\bone part in an? (thousand|million|billion)\b", text, flags=re.IGNORECASE)
    tolerance = {"thousand": 1e-3, "million": 1e-6, "billion": 1e-9}[parts.group(1).lower()] if parts else 1e-9
    return first, second, tolerance
