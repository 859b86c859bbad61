"""Everyday helpers of record-keeping specs, read from the words and checked on every example.

Like ``idioms``, each family here is offered only when the words and the signature point to
it, and kept by the synthesizer only when it gives every example's value. These were found
missing when authors who never saw spf wrote functions for it (round thirty-four's function
sets): enumeration finds them too late or fits the examples with a guess.

- **A noun after its count** (``(int, str) -> str``, "plural"): the count, a space and the noun,
  in its plural for any count but 1 (``es`` after s, x, z, ch and sh; a consonant's ``y`` as
  ``ies``; else ``s``).
- **The nearest multiple of a step** (one or two ``int``/``float``, "nearest"/"multiple"/"round"):
  halves up (or down), or up to the next step when the words say "up"/"next"; the step is the
  second argument or a number the words state.
- **Capitals after stated marks** (``str -> str``, "capital"): the first letter and each letter
  straight after the marks the words name (a space, a hyphen, an apostrophe, a full stop, a
  slash) made capitals, every other letter small when the words say so; blanks trimmed and
  squeezed first when they say that.
- **Two numbers with a stated separator** (``str -> list[int]``/``tuple``): "a dash or a colon",
  blanks around the numbers when the words allow them; anything else raises.
- **A mark out of its top** (``str -> int``, "out of five" or `4/5`): `4` or `4/5`, blanks where
  allowed, from 1 (or 0) to the top; anything else raises.
- **A weekday's number** (``str -> int``, the words name Monday): full names and three-letter
  forms (and any other short form the words quote), in any case, a trailing full stop and
  outer blanks ignored when said; Monday 1 (or 0) as the examples show.
- **Each started step costs** (one ``int``, ``-> int``/``float``): "every started 15 min costs
  12.00": the started steps times the price (in hundredths where the examples are).
- **A product scaled by a constant** (two numbers, ``-> int``/``float``): "the rate is pounds per
  hour, the fee in pence, to the nearest penny": the constant solved from one example and kept
  when it is a plain fraction and every example agrees, rounded as the words say.
- **An amount of money typed** (``str -> int``, pence or cents): a currency sign, thousands
  commas, an optional part after the point of exactly two digits.
- **Shares of a total** (two ``int``, ``-> list[int]``): the whole share each, the pennies left
  over one each to the first.
- **Words listed with what they mean** (``str -> bool``/``str``/``int``): "yes, y, yeah and true all
  mean True; no, n and false mean False", in any case, outer blanks ignored; others raise.
- **A whole percentage as text** (two ``int``, ``-> str``): halves up where said, the text the
  words quote for a whole of nothing, a part below zero or over the whole refused where said.
- **A day in words** (``str -> str``, YYYY-MM-DD and "month"): `1st March 2024`, `March 1, 2024`.
- **The longest run** (one ``list``, ``-> int``, "longest"/"streak"/"in a row"): of one value the
  words quote (in any case), or of consecutive day numbers.
- **A mean with halves up** (one ``list``, ``-> float``, "mean"/"average" and halves going up).
- **A number changed when a flag is set** (a number and a ``bool``): by a share, or a scale and a
  shift snapped to a plain fraction ("(F - 32) * 5 / 9").
- **A number typed with a unit** (``str -> float``/``int``): the units the words name (kg and g,
  km and miles with "we count a mile as 1.6 km", %), a range the words state; a length typed
  `H:MM` or `1h30` in hours; a fraction `3/4` or a word given a value in brackets.
- **A text and a count** (``(str, int) -> str``): the initials of the first N words, the first N
  letters, the text padded to a width, a mark repeated (a word for 0), `3 x gloves`.

After every idiom the words name, ``plain_number_candidates`` offers the number a text is
written around (`12.5 km`, `1,250.5 km`, `50%` as 0.5, `1:30` as 1.5).
"""

from __future__ import annotations

from fractions import Fraction

from spf import regex as re
from spf.synthesis.values import Case

# The imports an idiom's lets need (shared with ``idioms``, which offers these helpers first).
CALENDAR = (("calendar", "import calendar"),)
REGEX = (("re", "import re"),)
MATH = (("math", "import math"),)
HALF_UP = r"\bhalf\b[^.;]*\bup\b|\bhalves? (?:go|round)s? up\b|\.5 (?:goes|rounds) up\b"  # "half a penny rounds up"


def english_ending(variable: str, number: str) -> str:
    """A statement setting ``variable`` to the English ending of ``number`` (a Python
    expression): `st`, `nd`, `rd`, or `th` for 11, 12, 13 and the rest."""
    return (f'{variable} = "th" if 10 <= {number} % 100 <= 20 else '
            f'{{1: "st", 2: "nd", 3: "rd"}}.get({number} % 10, "th")')


def everyday_candidates(text: str, parameters: list[tuple[str, str]], returns: str | None,
                        cases: list[Case], error: str | None) -> list[tuple[str, tuple]]:
    """(expression source, lets) for each everyday helper the words and signature point to."""
    lower = text.lower()
    kinds = [kind or "list" for _, kind in parameters]  # `list[str]` is a subscript: no plain name
    names = [name for name, _ in parameters]
    error = error or "ValueError"
    found: list[tuple[str, tuple]] = []
    if returns == "str" and sorted(kinds) == ["int", "str"] and re.search(r"\bplurals?\b", lower):
        found += _counted_noun(names[kinds.index("int")], names[kinds.index("str")])
    if returns in ("int", "float") and 1 <= len(kinds) <= 2 and set(kinds) <= {"int", "float"} and re.search(
            r"\bnearest\b|\bmultiple\b|\bround", lower):
        found += _to_step(lower, names, kinds, returns, error)
    if returns == "str" and kinds == ["str"] and re.search(r"\bcapitals?\b|\bupper ?case\b|\bcapitali[sz]", lower):
        found += _capitals_after(lower, names[0])
    if kinds == ["str"] and returns in ("list", "tuple"):
        found += _two_numbers(lower, names[0], returns, error)
    if kinds == ["str"] and returns == "int" and re.search(r"\bout of (?:five|ten|5|10)\b|`\d+/(?:5|10)`", lower):
        found += _out_of(lower, names[0], error)
    if kinds == ["str"] and returns == "int" and re.search(r"\bmonday\b", lower):
        found += _weekday_number(text, names[0], error)
    if kinds == ["int"] and returns in ("int", "float"):
        found += _started_steps(lower, names[0], returns)
    if len(kinds) == 2 and set(kinds) <= {"int", "float"} and returns in ("int", "float"):
        found += _scaled_product(lower, names, returns, cases)
    if kinds == ["str"] and returns == "int" and re.search(r"\bpence\b|\bcents?\b|\bpennies\b", lower):
        found += _money_typed(lower, names[0], error)
    if kinds == ["int", "int"] and returns == "list" and re.search(r"\bshares?\b|\bsplit\b|\bleft ?over\b|\beach\b", lower):
        found += _shares(names, lower, error)
    if len(kinds) == 1 and kinds[0] == "list" and returns == "float" and re.search(HALF_UP, lower) \
            and re.search(r"\bmean\b|\baverage\b", lower):
        found += _mean_half_up(lower, names[0])
    if len(kinds) == 1 and kinds[0] == "list" and returns == "int" and re.search(
            r"\blongest\b|\bstreaks?\b|\bin a row\b|\bconsecutive\b", lower):
        found += _longest_run(text, names[0], error)
    if kinds == ["str", "int"] and returns == "str":
        found += _text_and_count(lower, names[0], names[1], error)
    if kinds == ["str"] and returns in ("float", "int"):
        found += _unit_reader(text, names[0], returns, cases, error)
    if kinds == ["str"] and returns == "float" and re.search(r"\bhours?\b", lower) and re.search(r"\bminutes?\b", lower):
        found += _hours_typed(lower, names[0], error)
    if kinds == ["str"] and returns == "float" and re.search(r"\bfraction\b|\bslash\b", lower):
        found += _fraction_typed(text, names[0], error)
    if kinds == ["str"] and returns in ("bool", "str", "int"):
        found += _word_lists(text, names[0], returns, error)
    if kinds == ["int", "int"] and returns == "str" and re.search(r"%|\bper ?cent", lower):
        found += _percent_text(text, names, error)
    if kinds == ["str"] and returns == "str" and re.search(r"\bYYYY-MM-DD\b", text) and re.search(r"\bmonth\b", lower):
        found += _day_in_words(lower, names[0], error)
    if len(kinds) == 2 and sorted(kinds) in (["bool", "float"], ["bool", "int"]) and returns in ("int", "float"):
        found += _flag_adjusted(lower, names, kinds, returns, cases)
    return found


def plain_number_candidates(parameters: list[tuple[str, str]], returns: str | None,
                            cases: list[Case]) -> list[tuple[str, tuple]]:
    """The number a text is written around (`12.5 km`, `3km`), where every example's value is
    the first number in its text: offered after every idiom the words name."""
    if [kind for _, kind in parameters] != ["str"] or returns not in ("int", "float"):
        return []
    name = parameters[0][0]
    number = r"-?\d+" if returns == "int" else r"-?\d+(?:\.\d+)?"
    block = (f'found = re.search(r"{number}", {name})\n'
             f"if found is None:\n    raise ValueError(f\"no number in {{{name}!r}}\")")
    grouped = (f'found = re.search(r"-?\\d{{1,3}}(?:,\\d{{3}})+(?:\\.\\d+)?|{number}", {name})\n'
               f"if found is None:\n    raise ValueError(f\"no number in {{{name}!r}}\")")
    clock = (f'found = re.fullmatch(r"\\s*(\\d+):([0-5]\\d)\\s*", {name})\n'
             f"if found is None:\n    raise ValueError(f\"not H:MM: {{{name}!r}}\")")
    return [(f"{returns}(found[0])", REGEX + (("found", block),)),
            (f'{returns}(found[0].replace(",", ""))', REGEX + (("found", grouped),)),  # `1,250.5 km`
            (f"{returns}(found[0]) / 100", REGEX + (("found", block),)),  # `50%` as 0.5
            ("int(found[1]) + int(found[2]) / 60", REGEX + (("found", clock),))]  # `1:30` as 1.5 hours


def _counted_noun(count: str, noun: str) -> list[tuple[str, tuple]]:
    plural = (f'plural = {noun} + "es" if re.search(r"(?:s|x|z|ch|sh)$", {noun}) else '
              f'{noun}[:-1] + "ies" if re.search(r"[^aeiou]y$", {noun}) else {noun} + "s"')
    lets = REGEX + (("plural", plural),)
    return [(f'f"{{{count}}} {{{noun} if {count} == 1 else plural}}"', lets),
            (f"{noun} if {count} == 1 else plural", lets)]


def _to_step(lower: str, names: list[str], kinds: list[str], returns: str, error: str) -> list[tuple[str, tuple]]:
    value = names[0]
    refused = [f"{names[1]} <= 0"] if len(names) == 2 else []
    if re.search(r"\b(?:below|under|less than) (?:zero|0)\b|\bnegative\b", lower):
        refused.append(f"{value} < 0")
    guard = (("guard", f"if {' or '.join(refused)}:\n    raise {error}(f\"cannot round {{{value}!r}}\")"),) if refused else ()
    steps = [names[1]] if len(names) == 2 else [
        number for number in dict.fromkeys(re.findall(r"\b(?:of|to the nearest|nearest|every) (\d+(?:\.\d+)?)\b", lower))]
    found = []
    up = re.search(r"\b(?:up to|next|round(?:ed|s)? up|upwards)\b", lower) and not re.search(HALF_UP, lower)
    for step in steps:
        if kinds[0] == "int" and returns == "int" and "." not in step:
            forms = [f"-(-{value} // {step}) * {step}"] if up else []
            forms += [f"({value} + {step} // 2) // {step} * {step}", f"({value} + ({step} - 1) // 2) // {step} * {step}"]
        else:
            forms = [f"math.ceil({value} / {step}) * {step}"] if up else []
            forms += [f"math.floor({value} / {step} + 0.5) * {step}", f"math.ceil({value} / {step} - 0.5) * {step}"]
        found += [(form, (*MATH, *guard)) for form in forms]
    return found


_MARKS = {"space": " ", "blank": " ", "hyphen": "-", "dash": "-", "apostrophe": "'", "full stop": ".",
          "period": ".", "dot": ".", "slash": "/", "underscore": "_"}


def _capitals_after(lower: str, name: str) -> list[tuple[str, tuple]]:
    said = re.search(r"\b(?:after|following|follows)\b([^.;]*)", lower)
    if said is None:
        return []
    marks = "".join(dict.fromkeys(mark for word, mark in _MARKS.items() if re.search(rf"\b{word}s?\b", said.group(1))))
    if not marks:
        return []
    squeeze = re.search(r"\bsqueez|\bcollaps|\bruns? of (?:blanks|spaces)\b|\bone space\b|\bsingle space\b", lower)
    trim = squeeze or re.search(r"\btrim|\bstrip|\b(?:either|both) ends?\b|\bouter\b", lower)
    text = f'" ".join({name}.split())' if squeeze else f"{name}.strip()" if trim else name
    pattern = "(^|[" + re.escape(marks).replace("/", "\\/") + "])([^\\W\\d_])"
    found = []
    for rest in (f"{text}.lower()", text):
        found.append((f're.sub(r"{pattern}", lambda letter: letter[1] + letter[2].upper(), {rest})', REGEX))
    return found


def _two_numbers(lower: str, name: str, returns: str, error: str) -> list[tuple[str, tuple]]:
    seps = "".join(dict.fromkeys(mark for word, mark in (("dash", "-"), ("hyphen", "-"), ("colon", ":"),
                                                          ("slash", "/"), ("comma", ","), ("x", "x"))
                                 if re.search(rf"\b(?:a |an )?{word}\b", lower)))
    if not seps:
        return []
    blanks = re.search(r"\b(?:blanks|spaces|whitespace)\b", lower)
    gap = r"\s*" if blanks else ""
    shape = f"{gap}(\\d+){gap}[{re.escape(seps)}]{gap}(\\d+){gap}"
    block = (f'read = re.fullmatch(r"{shape}", {name})\n'
             f"if read is None:\n    raise {error}(f\"not two numbers: {{{name}!r}}\")")
    made = "[int(read[1]), int(read[2])]" if returns == "list" else "(int(read[1]), int(read[2]))"
    return [(made, REGEX + (("read", block),))]


def _out_of(lower: str, name: str, error: str) -> list[tuple[str, tuple]]:
    """A mark typed alone or out of its top (`4` or `4/5`), the top as the words say, blanks
    around the numbers and the slash where they allow them; from 1 (or 0) to the top."""
    said = re.search(r"\bout of (five|ten|5|10)\b|`\d+/(5|10)`", lower)
    top = {"five": 5, "ten": 10}.get(said.group(1) or "", None) or int(said.group(1) or said.group(2))
    gap = r"\s*" if re.search(r"\b(?:blanks|spaces|whitespace)\b", lower) else ""
    found = []
    for low in (1, 0):
        block = (f'read = re.fullmatch(r"{gap}(\\d+)(?:{gap}/{gap}{top})?{gap}", {name})\n'
                 f"if read is None or not {low} <= int(read[1]) <= {top}:\n"
                 f"    raise {error}(f\"not a mark out of {top}: {{{name}!r}}\")")
        found.append(("int(read[1])", REGEX + (("read", block),)))
    return found


_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday_number(text: str, name: str, error: str) -> list[tuple[str, tuple]]:
    quoted = [word.lower() for word in re.findall(r"\b([A-Za-z]{3,9})\b", text)]
    table: dict[str, int] = {}
    for number, day in enumerate(_DAYS):
        table[day] = number
        table[day[:3]] = number
        for word in quoted:  # "tues, weds, thur or thurs"
            if word[:3] == day[:3] and word not in table and len(word) < len(day):
                table[word] = number
    stop = r'.rstrip(".")' if re.search(r"\bfull stop\b|\bperiod\b|\bdot\b", text.lower()) else ""
    key = f"{name}.strip().lower(){stop}"
    found = []
    for first in (1, 0):
        shifted = {word: number + first for word, number in table.items()}
        block = f"table = {shifted!r}\nif {key} not in table:\n    raise {error}(f\"not a day: {{{name}!r}}\")"
        found.append((f"table[{key}]", (("table", block),)))
    return found


def _started_steps(lower: str, name: str, returns: str) -> list[tuple[str, tuple]]:
    said = re.search(r"\b(?:every|each) started (\d+)\s*(?:[a-z]+ )?(?:costs?|is|adds?|at)\s*[£$€]?(\d+(?:\.\d+)?)", lower)
    if said is None:
        return []
    step, price = int(said.group(1)), said.group(2)
    prices = [price] + ([str(round(float(price) * 100))] if returns == "int" else [])
    return [(f"-(-{name} // {step}) * {value}", ()) for value in dict.fromkeys(prices)]


_PLAIN_DENOMINATORS = (1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 24, 25, 30, 40, 50, 60, 100, 120, 1000, 3600)


def _scaled_product(lower: str, names: list[str], returns: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    shown = [case for case in cases if not case.is_error and isinstance(case.expected, (int, float))
             and all(isinstance(case.arguments.get(n), (int, float)) for n in names)]
    first = next((case for case in shown if case.arguments[names[0]] and case.arguments[names[1]] and case.expected), None)
    if first is None or len(shown) < 3:
        return []
    largest = max((case for case in shown if case.expected), key=lambda case: abs(
        case.arguments[names[0]] * case.arguments[names[1]]), default=first)  # least thrown off by rounding
    ratio = Fraction(largest.expected) / (Fraction(largest.arguments[names[0]]) * Fraction(largest.arguments[names[1]]))
    k = next((Fraction(round(ratio * below), below) for below in _PLAIN_DENOMINATORS
              if round(ratio * below) and abs(Fraction(round(ratio * below), below) - ratio) <= abs(ratio) / 100), None)
    if k is None or k.numerator > 100_000 or k == 1:
        return []  # (a plain product is the search's own: `quantity * price`)
    a, b = names
    product = f"{a} * {b} * {k.numerator}" + (f" / {k.denominator}" if k.denominator != 1 else "")
    if returns == "float":
        return [(f"round({product}, 2)", ())]
    half_up = re.search(HALF_UP, lower) or re.search(r"\bnearest\b", lower)
    forms = [f"math.floor({product} + 0.5)"] if half_up else []
    forms += [f"round({product})", f"math.floor({product})", f"math.ceil({product})"]
    return [(form, MATH) for form in forms]


def _money_typed(lower: str, name: str, error: str) -> list[tuple[str, tuple]]:
    thousands = r"\d{1,3}(?:,\d{3})+|\d+" if re.search(r"\bcommas?\b|\bthousands?\b", lower) else r"\d+"
    optional = not re.search(r"\balways\b[^.;]*\b(?:two|2) (?:digits|decimals)\b|\bmust have\b", lower)
    cents = r"(?:\.(\d{2}))" + ("?" if optional else "")
    signs = ["[£$€]", "[£$€]?"]  # the sign required, then optional; where the words require it, only that
    if re.search(r"\b(?:start|begin)s? with (?:a |the )?(?:pound|dollar|euro|currency)|\bmust (?:have|start)", lower):
        signs = signs[:1]
    named = [symbol for symbol in ("£", "$", "€") if symbol in lower]
    found = []
    for sign in signs:
        if len(named) == 1:  # only the sign the words name, where they name one
            sign = sign.replace("[£$€]", re.escape(named[0]))
        shape = rf"\s*{sign}({thousands}){cents}\s*"
        block = (f'read = re.fullmatch(r"{shape}", {name})\n'
                 f"if read is None:\n    raise {error}(f\"not an amount: {{{name}!r}}\")")
        found.append(('int(read[1].replace(",", "")) * 100 + int(read[2] or 0)', REGEX + (("read", block),)))
    return found


def _shares(names: list[str], lower: str, error: str) -> list[tuple[str, tuple]]:
    total, people = names
    guard = (f"if {people} < 1 or {total} < 0:\n    raise {error}(f\"cannot share {{{total}}} among {{{people}}}\")")
    made = f"[{total} // {people} + (1 if place < {total} % {people} else 0) for place in range({people})]"
    return [(made, (("guard", guard),))]


def _mean_half_up(lower: str, name: str) -> list[tuple[str, tuple]]:
    """The mean rounded with halves up (``round`` rounds them to even), 0.0 for no values."""
    places = {"one": 1, "1": 1, "two": 2, "2": 2, "three": 3, "3": 3, "no": 0, "whole": 0}
    said = re.search(r"\b(one|two|three|1|2|3|no) (?:decimal|place)", lower)
    scale = 10 ** places[said.group(1)] if said else 10
    mean = f"sum({name}) / len({name})"
    return [(f"math.floor({mean} * {scale} + 0.5 + 1e-9) / {scale} if {name} else 0.0", MATH)]


def _longest_run(text: str, name: str, error: str) -> list[tuple[str, tuple]]:
    found = []
    for value in dict.fromkeys(re.findall(r"`([A-Za-z])`|\b([A-Z])\b(?=[ ,/)]|$)", text)):
        letter = value[0] or value[1]
        block = (f"best = run = 0\nfor entry in {name}:\n    run = run + 1 if str(entry).upper() == {letter.upper()!r} else 0\n"
                 f"    best = max(best, run)")
        found.append(("best", (("best", block),)))
    days = (f"best = run = 0\nprevious = None\nfor day in sorted(set({name})):\n"
            f"    run = run + 1 if previous is not None and day == previous + 1 else 1\n"
            f"    best, previous = max(best, run), day")
    found.append(("best", (("best", days),)))
    return found


def _word_lists(text: str, name: str, returns: str, error: str) -> list[tuple[str, tuple]]:
    """Words listed with what they mean: "yes, y, yeah, yep and true all mean True; no, n, nope,
    nah and false all mean False"; matched in any case and without outer blanks where the words
    allow it, anything off the lists raising."""
    table: dict[str, object] = {}
    listed = r"((?:`?[\w'-]+`?,\s*)+`?[\w'-]+`?,?\s+(?:and|or)\s+`?[\w'-]+`?|`?[\w'-]+`?\s+(?:and|or)\s+`?[\w'-]+`?)"
    for said in re.finditer(listed + r"\s+(?:all\s+|both\s+)?(?:means?|counts? as|stands? for|gives?)\s+`?([\w'-]+)`?", text):
        value: object = said.group(2)
        if returns == "bool":
            if value.lower() not in ("true", "false"):
                continue
            value = value.lower() == "true"
        elif returns == "int":
            if not value.isdigit():
                continue
            value = int(value)
        for word in re.split(r",\s*|\s+(?:and|or)\s+", said.group(1)):
            table[word.strip("` ").lower()] = value
    if len(table) < 3 or len(set(table.values())) < 2:
        return []
    key = f"{name}.strip().lower()"
    block = f"table = {table!r}\nif {key} not in table:\n    raise {error}(f\"not a word I know: {{{name}!r}}\")"
    return [(f"table[{key}]", (("table", block),))]


def _percent_text(text: str, names: list[str], error: str) -> list[tuple[str, tuple]]:
    """A whole percentage with a `%` sign, halves up where the words say so, and the text the
    words quote for a whole of nothing ("gets `-` instead"); a part below zero or over the whole
    refused where the words say so."""
    lower = text.lower()
    part, whole = names
    said = re.search(rf"\b(?:{part}|part)\b[^.;]*\b(?:can't|cannot|can not|may not|must not) be (?:negative|below zero)"
                     r"|\bnegative\b", lower)
    over = re.search(r"\b(?:more|greater|bigger) than\b", lower)
    refused = [f"{part} < 0"] if said else []
    refused += [f"{part} > {whole}"] if over else []
    guard = ((("guard", f"if {' or '.join(refused)}:\n    raise {error}(f\"not a share: {{{part}}} of {{{whole}}}\")"),)
             if refused else ())
    rounded = [f"math.floor({part} * 100 / {whole} + 0.5)"] if re.search(HALF_UP, lower) else []
    rounded += [f"round({part} * 100 / {whole})", f"{part} * 100 // {whole}"]
    specials = [value for value in re.findall(r"`([^`%]{1,4})`", text)]
    found = []
    for form in rounded:
        for special in dict.fromkeys(specials):
            found.append((f'{special!r} if {whole} == 0 else f"{{{form}}}%"', (*MATH, *guard)))
    return found


def _day_in_words(lower: str, name: str, error: str) -> list[tuple[str, tuple]]:
    """A YYYY-MM-DD day written in words: the day (with its English ending where the words ask
    for one), the month's full name, the year, in the order the examples show; anything that is
    not a real day written that way raises."""
    read = (f'if re.fullmatch(r"\\d{{4}}-\\d{{2}}-\\d{{2}}", {name}) is None:\n'
            f'    raise {error}(f"not a day written YYYY-MM-DD: {{{name}!r}}")\n'
            f"day = datetime.date.fromisoformat({name})")
    lets = REGEX + CALENDAR + (("datetime", "import datetime"), ("day", read))
    ordinal = re.search(r"\b(?:st|nd|rd|th)\b[^.]*\b(?:st|nd|rd|th)\b|\bordinal\b|\bending\b|\bsuffix\b", lower)
    forms = []
    for shown in (("{day.day}{ending}",) if ordinal else ()) + ("{day.day}",):
        forms += [f'f"{shown} {{calendar.month_name[day.month]}} {{day.year}}"',
                  f'f"{{calendar.month_name[day.month]}} {shown}, {{day.year}}"',
                  f'f"{shown} {{calendar.month_name[day.month]}}"']
    ending = (("ending", english_ending("ending", "day.day")),)
    return [(form, lets + (ending if "ending" in form else ())) for form in forms]


def _flag_adjusted(lower: str, names: list[str], kinds: list[str], returns: str,
                   cases: list[Case]) -> list[tuple[str, tuple]]:
    """A number changed by a share when a flag is set ("members pay 10 percent less"): the
    factor solved from the flagged example with the largest number, kept to three decimals;
    the number as it is otherwise, rounded to two decimals for a float."""
    flag, number = (names[0], names[1]) if kinds[0] == "bool" else (names[1], names[0])
    flagged = [case for case in cases if not case.is_error and case.arguments.get(flag) is True
               and isinstance(case.arguments.get(number), (int, float)) and case.arguments[number]
               and isinstance(case.expected, (int, float))]
    if not flagged:
        return []
    largest = max(flagged, key=lambda case: abs(case.arguments[number]))
    factor = round(largest.expected / largest.arguments[number], 3)
    changes = [f"{number} * {factor!r}"]
    other = [case for case in flagged if case.arguments[number] != largest.arguments[number]]
    if other:  # two flagged examples: a scale and a shift ("(F - 32) * 5 / 9 when it is in Fahrenheit")
        slope = Fraction(Fraction(largest.expected) - Fraction(other[0].expected)) / (
            Fraction(largest.arguments[number]) - Fraction(other[0].arguments[number]))
        plain = slope.limit_denominator(100)
        offset = (Fraction(largest.arguments[number]) - Fraction(largest.expected) / plain).limit_denominator(100) \
            if plain else None
        if offset is not None and offset.denominator == 1:  # "(F - 32) * 5 / 9"
            scaled = f" * {plain.numerator}" + (f" / {plain.denominator}" if plain.denominator != 1 else "")
            changes.append(f"({number} - {offset.numerator}){scaled}" if offset else f"{number}{scaled}")
    places = [1, 2] if re.search(r"\bone decimal|\b1 decimal|\bone place\b", lower) else [2, 1]
    found = []
    for changed in changes:
        if returns == "float":
            found += [(f"round({changed}, {place}) if {flag} else {number}", ()) for place in places]
            found.append((f"round({changed}, {places[0]}) if {flag} else round({number}, {places[0]})", ()))
        else:
            found.append((f"round({changed}) if {flag} else {number}", ()))
    return found


_UNITS = {  # unit -> (quantity, size in the quantity's smallest unit here)
    "mm": ("length", 0.001), "cm": ("length", 0.01), "m": ("length", 1.0), "km": ("length", 1000.0),
    "mi": ("length", 1609.344), "mile": ("length", 1609.344), "miles": ("length", 1609.344),
    "g": ("mass", 1.0), "kg": ("mass", 1000.0), "lb": ("mass", 453.59237), "lbs": ("mass", 453.59237),
    "ml": ("volume", 1.0), "l": ("volume", 1000.0), "%": ("share", 0.01),
    "min": ("time", 1.0), "mins": ("time", 1.0), "h": ("time", 60.0), "hr": ("time", 60.0), "hrs": ("time", 60.0),
}


def _unit_reader(text: str, name: str, returns: str, cases: list[Case], error: str) -> list[tuple[str, tuple]]:
    """A number typed with one of the units the words name (`3.5 kg`, `500g`; `5 miles` where
    "we count a mile as 1.6 km"; `75%`), turned into the unit an example's value shows; no
    unit, another unit, or a number outside a range the words state raises."""
    lower = text.lower()
    named = {unit for unit in re.findall(r"`([a-z%]{1,5})`", lower) if unit in _UNITS}
    shown = [(case, read) for case in cases if not case.is_error and isinstance(case.arguments.get(name), str)
             and isinstance(case.expected, (int, float)) and not isinstance(case.expected, bool)
             for read in [re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z%]+)\s*", case.arguments[name])] if read]
    named |= {read[2].lower() for _, read in shown if read[2].lower() in _UNITS}
    quantities = {_UNITS[unit][0] for unit in named}
    if not shown or len(quantities) != 1:
        return []
    sizes = {unit: _UNITS[unit][1] for unit in named}
    for said in re.finditer(r"\b(?:count|counts|take|takes|treat|treats)? ?(?:a|one|1) (\w+) as (\d+(?:\.\d+)?) ?(\w+)", lower):
        unit, times, other = said.group(1), float(said.group(2)), said.group(3)  # "we count a mile as 1.6 km"
        for spelled in [unit, unit + "s", unit[:2]]:
            if spelled in sizes and other in sizes:
                sizes[spelled] = times * sizes[other]
    case, read = shown[0]
    if not float(read[1]):
        return []
    scale = case.expected / (float(read[1]) * sizes.get(read[2].lower(), 1.0))
    table = {unit: round(size * scale, 9) for unit, size in sizes.items()}
    any_case = ", re.IGNORECASE" if re.search(r"\bany case\b|\bupper or lower\b|\bcapitals? or\b|\bignoring case\b", lower) else ""
    units = "|".join(re.escape(unit) for unit in sorted(table, key=len, reverse=True))
    ranged = re.search(r"\bfrom (\d+(?:\.\d+)?) to (\d+(?:\.\d+)?)\b", lower)
    found = []
    for limits in ([ranged.groups()] if ranged else []) + [None]:
        check = f" or not {limits[0]} <= float(read[1]) <= {limits[1]}" if limits else ""
        block = (f'read = re.fullmatch(r"\\s*(\\d+(?:\\.\\d+)?)\\s*({units})\\s*", {name}{any_case})\n'
                 f"if read is None{check}:\n    raise {error}(f\"not a number with a unit: {{{name}!r}}\")")
        value = f"round(float(read[1]) * {table!r}[read[2].lower()], 9)"
        found.append((f"int({value})" if returns == "int" else value, REGEX + (("read", block),)))
    return found


def _text_and_count(lower: str, text: str, count: str, error: str) -> list[tuple[str, tuple]]:
    """A text and a count: its first letters or words, the text padded to a width, a mark
    repeated, a label with the count; each only where the words speak of it."""
    found: list[tuple[str, tuple]] = []
    if re.search(r"\binitials?\b|\bfirst letter of each\b", lower):
        found.append((f'"".join(word[0] for word in {text}.split()[:{count}]).upper()', ()))
    if re.search(r"\bletters?\b", lower) and re.search(r"\bfirst\b", lower):
        found += [(f'"".join(letter for letter in {text} if letter.isalpha())[:{count}].upper()', ()),
                  (f"{text}[:{count}].upper()", ())]
    pads = re.findall(r"`(.)`", lower)
    if re.search(r"\bwidth\b|\blong\b|\bline(?:d|s)? up\b|\bpad", lower):
        for pad in dict.fromkeys([*pads, " "]):
            found += [(f"{text}.ljust({count}, {pad!r})", ()), (f"{text}.rjust({count}, {pad!r})", ())]
    if re.search(r"\brepeat|\btimes\b", lower):
        word = re.search(r"\b0 \w+ (?:is|are) (?:written as )?(?:the word )?`([^`]+)`", lower)
        ranged = re.search(r"\bfrom (\d+) to (\d+)\b", lower)
        check = (f"if not {ranged[1]} <= {count} <= {ranged[2]}:\n"
                 f"    raise {error}(f\"{count} out of range: {{{count}}}\")") if ranged else ""
        guard = (("guard", check),) if ranged else ()
        repeated = f"{text} * {count}"
        found.append(((f"{repeated} if {count} else {word[1]!r}" if word else repeated), guard))
    if re.search(r"\bcount\b", lower) and re.search(r"` x `|\bx\b", lower):
        guard = ((("guard", f"if {count} < 1:\n    raise {error}(f\"{count} below 1: {{{count}}}\")"),)
                 if re.search(r"\bbelow 1\b|\bless than 1\b|\bunder 1\b", lower) else ())
        found.append((f'{text}.strip() if {count} == 1 else f"{{{count}}} x {{{text}.strip()}}"', guard))
    return found


def _hours_typed(lower: str, name: str, error: str) -> list[tuple[str, tuple]]:
    """A length typed `H:MM` or `Hh` / `HhMM`, in hours (`1:30` is 1.5); the minutes under 60."""
    stripped = f"{name}.strip()" if re.search(r"\b(?:blanks|spaces)\b", lower) else name
    block = (f'read = re.fullmatch(r"(\\d+):(\\d{{2}})|(\\d+)h(\\d{{1,2}})?", {stripped}, re.IGNORECASE)\n'
             f"if read is None or int(read[2] or read[4] or 0) >= 60:\n"
             f"    raise {error}(f\"not a length in hours: {{{name}!r}}\")")
    return [("int(read[1] or read[3]) + int(read[2] or read[4] or 0) / 60", REGEX + (("read", block),))]


def _fraction_typed(text: str, name: str, error: str) -> list[tuple[str, tuple]]:
    """A share typed as a fraction `3/4` (the bottom not 0, no more than 1 where the words say
    so), or a word the words give a value in brackets ("`full` (1.0) and `empty` (0.0)")."""
    lower = text.lower()
    words = {word: float(value) for word, value in re.findall(r"`([a-z]+)`\s*\((\d+(?:\.\d+)?)\)", lower)}
    capped = " or int(read[1]) > int(read[2])" if re.search(r"\b(?:more|greater|bigger) than 1\b|\bover 1\b|\babove 1\b",
                                                              lower) else ""
    block = (f"word = {name}.strip().lower()\n"
             f'read = None if word in {words!r} else re.fullmatch(r"(\\d+)/(\\d+)", word)\n'
             f"if word not in {words!r} and (read is None or int(read[2]) == 0{capped}):\n"
             f"    raise {error}(f\"not a fraction: {{{name}!r}}\")")
    return [(f"{words!r}[word] if read is None else int(read[1]) / int(read[2])", REGEX + (("read", block),))]

