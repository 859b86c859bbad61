"""Yes/no checks of a text stated in words: a shape ("four digits, a dash, two digits") or a
list of accepted words ("bride or groom, in any case").

Like rule lists (``rules``), these are read, not searched: from examples alone the
enumerative search finds checks that separate the examples by accident
(``sum(char.isdigit() for char in text[4:]) == 4`` for a date shape). Each reading is
offered only for a function returning bool with one str parameter, and kept only when it
gives every example's value.

**Shapes.** A run of at least three items separated by commas, ``then``, ``and`` or
``followed by``: ``N digits`` / ``a digit`` (``[0-9]{N}``), ``N letters`` (``[A-Za-z]``,
``uppercase``/``lowercase`` ones ``[A-Z]``/``[a-z]``), a named character (``a dash``,
``a hyphen``, ``a colon``, ``a slash``, ``a dot``, ``a space``, ``an underscore``) or a
literal in backticks, ``the letter S`` (``[Ss]`` with "(either case)" or ", in either case,"), one capital out of
listed ones ("a capital A or B", "a letter N, S, E or W", "an A or a B": ``[AB]``);
N a numeral or a number word up to twelve, optionally after "exactly", or a range ("one to
three digits": ``[0-9]{1,3}``; "letter A to Z" and "digits 0 to 9" are the classes). Two items are enough when joined by "followed by" ("the
letter K followed by one to three digits and nothing else"). The check is
``re.fullmatch(PATTERN, text) is not None``: the whole text has that shape.

**Word lists.** ``A or B``, ``A, B or C`` in the description, where every example that
is true shows one of the words (case aside). The check is ``text in ("a", "b")``, or
``text.lower() in (...)`` when the description says so ("in any case", "ignoring case",
"case-insensitive", "regardless of case") or an example needs it.
"""

from __future__ import annotations

import re

_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_CLASSES = {"digit": "[0-9]", "letter": "[A-Za-z]", "uppercase letter": "[A-Z]",
            "capital letter": "[A-Z]", "lowercase letter": "[a-z]",
            "alphanumeric": "[A-Za-z0-9]", "uppercase alphanumeric": "[A-Z0-9]"}
_CHARACTERS = {"dash": "-", "hyphen": "-", "colon": ":", "slash": "/", "dot": ".",
               "period": ".", "space": " ", "underscore": "_", "comma": ","}
_COUNT = r"(\d+|" + "|".join(_COUNTS) + r")"
_ITEM = re.compile(
    rf"^(?:(?:exactly\s+)?{_COUNT}(?:\s+(?:to|or)\s+{_COUNT})?\s+(uppercase alphanumerics?|alphanumerics?|uppercase letters?|capital letters?|lowercase letters?|digits?|letters?)"
    rf"|(?:a|an|one)\s+({'|'.join(_CHARACTERS)})|`([^`]+)`|(?:a|an|one)\s+(?:letter|digit)\s+(\[(?:[A-Za-z0-9]-[A-Za-z0-9]|[A-Z])+\])"
    r"|(digit|letter)\+"
    r"|(?:the|a|an)\s+letter\s+([A-Za-z])(\s*\((?:in\s+)?(?:either|any)\s+case\))?)$", re.IGNORECASE)
_NUMBER = re.compile(r"(?:(?:a|an|one|the)\s+)?(?:(?:whole\s+)?number\s+)?(?:from\s+)?(\d+)\s*(?:\.\.|to|-|–)\s*(\d+)"
                     r"(?:\s*\(?(?:written\s+)?(?:without|with no|no)\s+(?:a\s+|any\s+)?leading zeros?\)?)?", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*,\s*(?:and then\s+|then\s+|and\s+|followed by\s+)?|\s+(?:and then|then|and|followed by)\s+")
_ANY_CASE = re.compile(r"any case|ignoring case|case[- ]insensitive|regardless of case|"
                       r"upper or lower case|either case", re.IGNORECASE)


def escape_pattern(text: str) -> str:
    """Only the characters a pattern treats specially are escaped (a dash or space is not)."""
    return "".join("\\" + character if character in ".^$*+?{}[]\\|()" else character
                   for character in text)


def _item(text: str) -> str | None:
    """The regular expression of one item, or None."""
    numbered = _NUMBER.fullmatch(text.strip())
    if numbered is not None:  # "a number 1..30 written without a leading zero": every one of them
        low, high = int(numbered.group(1)), int(numbered.group(2))
        return number_pattern(low, high) if low <= high else None
    match = _ITEM.match(text.strip())
    if match is None:
        return None
    count, most, kind, character, literal, ranged, several, letter, either = match.groups()
    if ranged is not None:  # "a letter from A to F": `[A-F]`
        return ranged
    if several is not None:  # "one or more digits": `[0-9]+`
        return _CLASSES[several.lower()] + "+"
    if letter is not None:  # "the letter S (either case)"
        return f"[{letter.upper()}{letter.lower()}]" if either else letter
    if literal is not None:
        return escape_pattern(literal)
    if character is not None:
        return escape_pattern(_CHARACTERS[character.lower()])
    number = int(count) if count.isdigit() else _COUNTS[count.lower()]
    pattern = _CLASSES[kind.lower().rstrip("s")]
    if most is not None:  # "one to three digits": [0-9]{1,3}
        return f"{pattern}{{{number},{int(most) if most.isdigit() else _COUNTS[most.lower()]}}}"
    return pattern if number == 1 else f"{pattern}{{{number}}}"


def number_pattern(low: int, high: int) -> str:
    """A pattern of the whole numbers from ``low`` to ``high`` written without leading zeros:
    ``number_pattern(1, 30)`` is ``(?:[1-9]|[1-2][0-9]|30)``."""
    pieces = []
    for width in range(len(str(low)), len(str(high)) + 1):
        start, stop = max(low, 10 ** (width - 1) if width > 1 else 0), min(high, 10 ** width - 1)
        if start <= stop:
            pieces += _same_width(str(start), str(stop))
    return "(?:" + "|".join(pieces) + ")"


def _same_width(start: str, stop: str) -> list[str]:
    """Patterns covering the numbers from ``start`` to ``stop``, both with as many digits."""
    if start == stop:
        return [start]
    if start[0] == stop[0]:
        return [start[0] + piece for piece in _same_width(start[1:], stop[1:])]
    rest = len(start) - 1
    if not rest:
        return [f"[{start}-{stop}]"]
    pieces, first, last = [], int(start[0]), int(stop[0])
    if start[1:] != "0" * rest:  # `23` to `29` apart: the start's own first digit
        pieces += [start[0] + piece for piece in _same_width(start[1:], "9" * rest)]
        first += 1
    if stop[1:] != "9" * rest:  # and the stop's
        last -= 1
    if first <= last:  # every number of the first digits between: `[3-7][0-9]`
        pieces.append((str(first) if first == last else f"[{first}-{last}]") + "[0-9]" * rest)
    if stop[1:] != "9" * rest:
        pieces += [stop[0] + piece for piece in _same_width("0" * rest, stop[1:])]
    return pieces


def read_shape(description: str) -> str | None:
    """The pattern of the first run of three or more shape items the description writes."""
    text = " ".join((description or "").split())
    text = re.sub(r",\s*(in (?:either|any) case),", r" (\1)", text)  # "the letter K, in either case, followed by"
    text = re.sub(r",?\s+(?:and\s+)?nothing (?:else|more)\b", "", text)  # "..., nothing else"
    text = re.sub(r"\s*\((?!(?:in\s+)?(?:either|any|upper or lower|lower or upper) case\))[^()]*\)", "", text)
    # "(like G4ABC or M0X)", "a letter from A to F (the bay)": asides, not items
    text = re.sub(r"\b(?:a|an|one) ([A-Z])\b(?= followed by\b)", r"the letter \1", text)  # "a T followed by"
    text = re.sub(r"\b(a|an|one) (?!capital\b|upper-?case\b|lower-?case\b|big\b|small\b|single\b)[a-z]+ (letter|digit|number)\b",
                  r"\1 \2", text)  # "a row letter from A to F and then a number from 1 to 20": what it is, aside
    text = re.sub(r"\bfollowed (?:straight away|right away|immediately|directly|at once) by\b", "followed by", text)
    # "the letter M followed straight away by a whole number"
    text = re.sub(r"(?<![Cc]apital )(?<![Uu]ppercase )(?<![Uu]pper-case )(?<![Bb]ig )\b(letter)s? (?:from )?([A-Za-z0-9]) ?(?:to|-|–) ?"
                  r"([A-Za-z0-9])\b", lambda m: m.group(0) if (m.group(2).upper(), m.group(3).upper()) in (("A", "Z"), ("0", "9"))
                  else f"{m.group(1)} from {m.group(2)} to {m.group(3)}", text)  # "One letter A-F" (A to Z: below)
    text = re.sub(r"\b(letter|digit)s? from ([A-Za-z0-9]) to ([A-Za-z0-9])\b", lambda m: f"{m.group(1)} [" + (
        f"{m.group(2)}-{m.group(3)}" if m.group(1) == "digit" else  # "a letter from A to F": either case
        f"{m.group(2).upper()}-{m.group(3).upper()}{m.group(2).lower()}-{m.group(3).lower()}") + "]", text)
    text = re.sub(r"\b(?:(?:a|an|one) (?:capital |upper-?case |big )?letter|(?:a|an|one) (?:capital|upper-?case|big)|an?"
                  r"(?= [A-Z],? or an? [A-Z]\b)) ([A-Z])((?:, [A-Z])*),? or (?:an? )?([A-Z])\b",
                  lambda m: "a letter [" + m.group(1) + m.group(2).replace(", ", "") + m.group(3) + "]",
                  text)  # "a capital A or B", "a letter N, S, E or W": one of the listed capitals
    text = re.sub(r"\b(?:a|an|one) (?:capital|upper-?case|big) ([A-Z])\b", r"the letter \1", text)  # "a capital R"
    text = re.sub(r"\b(?:a|one) single\b", "one", text)  # "a single digit"
    text = re.sub(r"\b(?:one or more|at least one) (digit|letter)s?\b", r"\1+", text)  # "`J` followed by one or more digits"
    text = re.sub(r"\b(?:a |one )?digit (?:from )?([0-9]) to ([0-9])\b", r"a digit [\1-\2]", text)  # "then digit 1 to 8"
    text = re.sub(r"\b(?:(?:a|an|one)\s+)?(?:capital|upper-?case|big)(?:\s+letter)?\s+(?:from\s+)?([A-Y])\s*(?:to|-|–)\s*([B-Z])\b",
                  lambda m: f"a letter [{m.group(1)}-{m.group(2)}]" if (m.group(1), m.group(2)) != ("A", "Z")
                  else m.group(0), text, flags=re.IGNORECASE)  # "capital letter A to F": `[A-F]`, capitals only
    text = re.sub(r"\b(letters?)\s+(?:from\s+)?A\s*(?:to|-|–)\s*Z\b", r"\1", text)  # "one capital letter A to Z"
    text = re.sub(r"\b(digits?)\s+(?:from\s+)?0\s*(?:to|-|–)\s*9\b", r"\1", text)  # "two digits 0 to 9"
    text = re.sub(r"\b(digits?) (?:of|for) (?:the )?(?:year|month|day|hour|minute|second)s?\b", r"\1", text)
    # "four digits of year, a hyphen, two digits of month": what they stand for, aside
    text = re.sub(rf"\bexactly (?:one|a|an) ({'|'.join(_CHARACTERS)})\b", r"one \1", text)  # "exactly one space"
    text = re.sub(rf"\b{_COUNT}((?:,\s+{_COUNT})*),?\s+or\s+{_COUNT}(?=\s+(?:\w+case\s+|capital\s+)?(?:letters?|digits?)\b)",
                  lambda m: f"{m.group(1)} to {m.group(m.lastindex)}", text)  # "one, two or three digits"
    text = re.sub(r"(letters?|\])\s*\((?:in\s+)?(?:upper or lower|lower or upper|either|any) case\)", r"\1", text)
    text = re.sub(rf"\b{_COUNT}(?:\s+to\s+{_COUNT})?\s+characters?,?\s+each\s+(?:one\s+)?(?:a\s+|an\s+)?(capital\s+|uppercase\s+)?"
                  r"letter(\s+(?:from\s+)?A\s*(?:to|-)\s*Z)?\s+or\s+(?:a\s+)?digit\b",
                  lambda m: f"{m.group(1)}{' to ' + m.group(2) if m.group(2) else ''} "
                            f"{'uppercase ' if m.group(3) or m.group(4) else ''}alphanumerics", text)
    # "one to six characters, each a letter A to Z or a digit"
    text = re.sub(rf"\b{_COUNT}\s+(?:\w+\s+){{0,2}}?of\s+(?:exactly\s+)?{_COUNT}\s+(letters?|digits?)\s+each,?\s+"
                  rf"(?:joined|separated|linked)\s+by\s+(an?\s+(?:{'|'.join(_CHARACTERS)}))\b",
                  lambda m: f", {m.group(4)}, ".join([f"{m.group(2)} {m.group(3)}"] * (
                      int(m.group(1)) if m.group(1).isdigit() else _COUNTS[m.group(1).lower()])),
                  text, flags=re.IGNORECASE)  # "two codes of exactly two letters each, joined by a dash"
    for sentence in re.split(r"(?<=[.;:!?])\s+|(?<=:)", text):
        parts = _SEPARATOR.split(sentence.strip().rstrip(".;:"))
        least = 2 if re.search(r"\bfollowed by\b|\bthen\b", sentence) else 3  # "the letter K followed by one to
        # three digits", "two capital letters then four digits"
        run: list[str] = []
        for part in parts:
            # The first item may follow words of its own ("True when text is four digits").
            pattern = _item(part)
            if pattern is None and not run:
                for cut in range(len(part.split())):
                    pattern = _item(" ".join(part.split()[cut:]))
                    if pattern is not None:
                        break
            if pattern is None:
                if len(run) >= least:
                    break
                run = []
                continue
            run.append(pattern)
        if len(run) >= least:
            return "".join(run)
    return None


def month_shape(name: str) -> str:
    """Python that is true when the text ``name`` is a month written ``YYYY-MM`` (month 01 to
    12), with nothing to import: the check a command's guard and a function's raise share."""
    return (f"len({name}) == 7 and {name}[4] == '-' and {name}[:4].isdigit() and {name}[5:].isdigit() "
            f"and '01' <= {name}[5:] <= '12'")


def read_words(description: str, accepted: list[str]) -> tuple[tuple[str, ...], bool] | None:
    """(the listed words, compare ignoring case) for the list holding every accepted text."""
    text = re.sub(r"[`\"']", "", " ".join((description or "").split()))
    ignore_case = bool(_ANY_CASE.search(text))
    for match in re.finditer(r"((?:[\w-]+,\s+)*[\w-]+),?\s+or\s+([\w-]+)", text):
        words = (*(word.strip() for word in match.group(1).split(",")), match.group(2))
        if len(set(words)) < 2:
            continue
        folded = {word.lower() for word in words}
        accepted = [value.strip() for value in accepted]  # " kefir ": the blanks around are no part of it
        if all(value in words or value.lower() in folded for value in accepted):
            needs_case = ignore_case or any(value not in words for value in accepted)
            return (tuple(dict.fromkeys(word.lower() for word in words)) if needs_case
                    else words), needs_case
    return None


def read_required_shape(description: str) -> str | None:
    """The pattern of the one item a text must be, as the words state it: "What stays must be 1,
    2 or 3 letters from A to Z and nothing else" -> ``[A-Za-z]{1,3}``; None when they state
    none (or several items: ``read_shape``)."""
    text = " ".join((description or "").split())
    text = re.sub(r"\s*\([^()]*\)", "", text)
    text = re.sub(r",?\s+(?:and\s+)?nothing (?:else|more)\b", "", text)
    text = re.sub(r"\b(letters?)\s+(?:from\s+)?A\s*(?:to|-|–)\s*Z\b", r"\1", text)
    text = re.sub(rf"\b{_COUNT}((?:,\s+{_COUNT})*),?\s+or\s+{_COUNT}(?=\s+(?:\w+case\s+|capital\s+)?(?:letters?|digits?)\b)",
                  lambda m: f"{m.group(1)} to {m.group(m.lastindex)}", text)  # "1, 2 or 3 letters": 1 to 3
    said = re.search(r"\b(?:must|has to|have to|should|needs? to) (?:be|consist of|contain only) ([^.;:]+)", text)
    return _item(said.group(1)) if said else None
