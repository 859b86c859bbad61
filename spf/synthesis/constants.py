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

CHARACTER_WORDS = {"hyphen": "-", "dash": "-", "underscore": "_", "comma": ",", "space": " ",
                   "dot": ".", "period": ".", "colon": ":", "semicolon": ";", "slash": "/",
                   "newline": "\n", "tab": "\t", "pipe": "|", "asterisk": "*", "star": "*"}

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
        singular = word.removesuffix("s")
        if singular in CHARACTER_WORDS:
            found.append(Constant(CHARACTER_WORDS[singular], "description"))
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
    pool.extend(Constant(text, "example") for text in shared_affixes(cases))
    # Characters the inputs have and no output keeps: "-" removed from "a-b".
    outputs = "".join(case.expected for case in cases if isinstance(case.expected, str))
    if outputs or any(isinstance(case.expected, str) for case in cases):
        for case in cases:
            for value in case.arguments.values():
                if isinstance(value, str):
                    for character in value:
                        if not character.isalnum() and not character.isspace() and \
                                character not in outputs:
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


def shared_affixes(cases: list[Case]) -> list[str]:
    """The prefix and suffix every string output shares ("Hello, " and "!" in greetings)."""
    outputs = [case.expected for case in cases if case.raises is None]
    if len(outputs) < 2 or not all(isinstance(output, str) for output in outputs):
        return []
    found = []
    prefix = outputs[0]
    suffix = outputs[0]
    for output in outputs[1:]:
        while not output.startswith(prefix):
            prefix = prefix[:-1]
        while not output.endswith(suffix):
            suffix = suffix[1:]
    for affix in (prefix, suffix):
        if affix and all(affix != output for output in outputs) and len(affix) <= 24:
            found.append(affix)
    return found


def format_templates(cases: list[Case], parameters: list[str],
                     limit: int = 500) -> list[tuple[str, tuple[str, ...]]]:
    """f-string templates that turn every example's arguments into its output.

    ``greeting("Ada") == "Hello, Ada!"`` and ``greeting("Bob") == "Hello, Bob!"``
    give ``("Hello, {name}!", ("name",))``. The first example's output is split
    into literal text and parameter values in every way (up to ``limit`` tries);
    a split is kept when it renders every other example's output too.
    """
    normal = [case for case in cases if case.raises is None]
    if not normal or not all(isinstance(case.expected, str) for case in normal):
        return []
    first = normal[0]
    texts = {name: _as_text(first.arguments.get(name)) for name in parameters}
    texts = {name: text for name, text in texts.items() if text}
    output = first.expected
    if not texts or len(output) > 80 or any(character in output for character in '{}"\\\n'):
        return []
    splits: list[list] = []

    def explore(position: int, pieces: list, budget: list[int]) -> None:
        if budget[0] <= 0:
            return
        budget[0] -= 1
        if position == len(output):
            if any(isinstance(piece, tuple) for piece in pieces):
                splits.append(list(pieces))
            return
        for name, text in texts.items():
            if output.startswith(text, position):
                explore(position + len(text), [*pieces, (name,)], budget)
        literal = pieces[-1] + output[position] if pieces and isinstance(pieces[-1], str) \
            else output[position]
        rest = pieces[:-1] if pieces and isinstance(pieces[-1], str) else pieces
        explore(position + 1, [*rest, literal], budget)

    explore(0, [], [limit])
    templates = []
    for pieces in splits:
        names = tuple(piece[0] for piece in pieces if isinstance(piece, tuple))
        if all(_render(pieces, case) == case.expected for case in normal):
            template = "".join(f"{{{piece[0]}}}" if isinstance(piece, tuple) else piece
                               for piece in pieces)
            if (template, names) not in templates:
                templates.append((template, names))
    templates.sort(key=lambda item: (len(item[1]), -len(item[0])))
    return templates[:3]


def _as_text(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value)


def _render(pieces: list, case: Case) -> str | None:
    parts = []
    for piece in pieces:
        if isinstance(piece, tuple):
            text = _as_text(case.arguments.get(piece[0]))
            if text is None:
                return None
            parts.append(text)
        else:
            parts.append(piece)
    return "".join(parts)
