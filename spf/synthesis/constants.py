"""Where the synthesizer's constants come from: the description, the defaults, the examples.

A program may only use constants that something in the requirement justifies,
plus a tiny pool (0, 1, 2, "", " ") every program needs. Each constant carries
its origin, because guards (``if score >= 90: return "A"``) may only use
*trusted* constants (from the description or the parameter defaults, or 0):
otherwise a decision list could memorise the examples instead of generalising.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spf.synthesis.values import Case

POOL_NUMBERS = (0, 1)
NUMBER_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twice": 2, "double": 2,
                "half": 2, "hundred": 100, "percent": 100, "thousand": 1000, "even": 2,
                "odd": 2, "negative": 0, "positive": 0, "cents": 100, "cent": 100,
                "percentage": 100}
POOL_STRINGS = (" ", "")
ALWAYS_TRUSTED = (0, "", " ")

_QUOTED = re.compile(r'"([^"\n]{1,24})"|`([^`\n]{1,24})`|(?<![A-Za-z])\'([^\'\n]{1,24})\'')
_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w])")
_LETTER_LIST = re.compile(r"\b[A-Za-z]\b(?:\s*,\s*(?:and\s+|or\s+)?\b[A-Za-z]\b){2,}")


@dataclass(frozen=True)
class Constant:
    value: Any
    origin: str  # "description" | "default" | "example" | "pool" | "output"

    @property
    def trusted(self) -> bool:
        return self.origin in ("description", "default") or (
            self.value in ALWAYS_TRUSTED and type(self.value) in (int, str))


def description_constants(description: str) -> list[Constant]:
    """Quoted strings, numbers and letter lists ("a, e, i, o, u" -> "aeiou") in the prose."""
    found: list[Constant] = []
    for match in _QUOTED.finditer(description):
        text = next(group for group in match.groups() if group is not None)
        found.append(Constant(text, "description"))
    for match in _LETTER_LIST.finditer(description):
        letters = "".join(re.findall(r"\b[A-Za-z]\b", match.group(0)))
        found.append(Constant(letters, "description"))
    for match in _NUMBER.finditer(description):
        text = match.group(0)
        found.append(Constant(float(text) if "." in text else int(text), "description"))
    for word in re.findall(r"[a-z]+", description.lower()):
        if word in NUMBER_WORDS:
            found.append(Constant(NUMBER_WORDS[word], "description"))
    return found


def output_constants(cases: list[Case], description: str) -> list[Constant]:
    """Expected outputs the description names ("90 or above is A"): branch results of guards."""
    words = {word.strip(".") for word in re.findall(r"[\w.-]+", description)}
    found = []
    for case in cases:
        value = case.expected
        if case.raises is not None or isinstance(value, bool):
            continue
        if isinstance(value, str) and (value in words or f'"{value}"' in description) or isinstance(value, (int, float)) and str(value) in words:
            found.append(Constant(value, "output"))
    unique = []
    for constant in found:
        if all(constant.value != other.value or type(constant.value) is not type(other.value)
               for other in unique):
            unique.append(constant)
    return unique


def constant_pool(description: str, defaults: dict[str, Any], cases: list[Case]) -> list[Constant]:
    """Every constant a program may use, in the order the search should prefer them."""
    pool: list[Constant] = []
    pool.extend(description_constants(description))
    for value in defaults.values():
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            pool.append(Constant(value, "default"))
    pool.extend(Constant(value, "pool") for value in POOL_NUMBERS)
    pool.extend(Constant(value, "pool") for value in POOL_STRINGS)
    # Separators the outputs use but the inputs lack: "-" in "hello-world".
    for case in cases:
        if isinstance(case.expected, str):
            inputs = "".join(value for value in case.arguments.values() if isinstance(value, str))
            for character in case.expected:
                if not character.isalnum() and not character.isspace() and character not in inputs:
                    pool.append(Constant(character, "example"))
    if not any(constant.origin == "description" and isinstance(constant.value, (int, float))
               for constant in pool):
        # No thresholds in the prose: numbers the examples are called with may serve.
        for case in cases:
            for value in case.arguments.values():
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    pool.append(Constant(value, "example"))
    unique: list[Constant] = []
    seen: set = set()
    for constant in pool:
        key = (type(constant.value), constant.value)
        if key not in seen:
            seen.add(key)
            unique.append(constant)
    return unique
