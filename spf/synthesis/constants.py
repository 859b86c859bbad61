"""Where the synthesizer's constants come from: the description, the defaults, the examples.

A program may only use constants that something in the requirement justifies,
plus a tiny pool (0, 1, 2, "", " ") every program needs. Each constant carries
its origin, because guards (``if score >= 90: return "A"``) may only use
*trusted* constants (from the description or the parameter defaults, or 0):
otherwise a decision list could memorise the examples instead of generalising.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from spf.synthesis.values import Case

POOL_NUMBERS = (0, 1)
NUMBER_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twice": 2, "double": 2,
                "half": 2, "hundred": 100, "percent": 100, "thousand": 1000, "even": 2,
                "odd": 2, "negative": 0, "positive": 0, "cents": 100, "cent": 100,
                "percentage": 100,
                # units that name their size: "at PER_KG for a kilogram" of grams is / 1000
                "kilogram": 1000, "kilograms": 1000, "kilo": 1000, "kilos": 1000, "kg": 1000,
                "kilometre": 1000, "kilometres": 1000, "kilometer": 1000, "kilometers": 1000, "km": 1000,
                "litre": 1000, "liter": 1000, "hour": 60, "hours": 60, "dozen": 12, "week": 7, "weeks": 7}
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
    if re.search(r"\d\s*%", description):  # "90% of the difference": a share of 100
        found.append(Constant(100, "description"))
    for word in re.findall(r"[a-z]+", description.lower()):
        if word in NUMBER_WORDS:
            found.append(Constant(NUMBER_WORDS[word], "description"))
        singular = word.removesuffix("s")
        if singular in CHARACTER_WORDS:
            found.append(Constant(CHARACTER_WORDS[singular], "description"))
    return found


def stated_numbers(description: str) -> list[int | float]:
    """The numbers the description writes in digits ("between 7 and 15 digits": 7, 15)."""
    return [float(text) if "." in text else int(text)
            for text in _NUMBER.findall(description)]


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
    for case in cases:  # `to_go(0) == 10`: the value at nothing is where the number starts from
        numbers = [value for value in case.arguments.values() if not isinstance(value, bool)]
        if case.raises is None and numbers and all(isinstance(value, (int, float)) and value == 0 for value in numbers) \
                and isinstance(case.expected, (int, float)) and not isinstance(case.expected, bool):
            pool.append(Constant(case.expected, "example"))
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


def _inside_words(pieces: list) -> int:
    """How many placeholders of a split sit inside a word or number of the output (a letter
    or digit on both sides of the placeholder's text and its neighbour)."""
    inside = 0
    for index, piece in enumerate(pieces):
        if not isinstance(piece, tuple):
            continue
        before = pieces[index - 1] if index and isinstance(pieces[index - 1], str) else ""
        after = pieces[index + 1] if index + 1 < len(pieces) and isinstance(pieces[index + 1], str) else ""
        if (before and before[-1].isalnum()) or (after and after[0].isalnum()):
            inside += 1
    return inside


def format_templates(cases: list[Case], parameters: list[str], description: str = "",
                     limit: int = 500, whole: bool = True) -> list[tuple[str, tuple[str, ...], tuple]]:
    """f-string templates that turn every example's arguments into its output.

    ``greeting("Ada") == "Hello, Ada!"`` and ``greeting("Bob") == "Hello, Bob!"``
    give ``('f"Hello, {name}!"', ("name",), values)``. The placeholders are the
    parameters, the fields of dataclass parameters (``{book.title}``) and numbers
    with a format spec the outputs show (``{amount:,.2f}`` when an output has
    ``1,234.50``). The first example's output is split into literal text and
    placeholder texts in every way (up to ``limit`` tries); a split is kept when it
    renders every other example's output too.

    Before that, optional endings are peeled off: a text the description quotes
    that ends exactly the outputs whose flag (a bool parameter or field) is true
    (``+ (" *" if movie.seen else "")``), and a list of strings joined into the
    ending exactly when it is not empty (``f" [{', '.join(ticket.labels)}]"``).
    Each result is (source, parameter names used, values on every case). When no template
    fits every example (``whole``), the templates of the examples whose output shows an
    argument are offered for one branch of a decision list (`12 yo` beside `NAS` for 0).
    """
    normal = [case for case in cases if case.raises is None]
    if not normal or not all(isinstance(case.expected, str) for case in normal):
        return []
    outputs = [case.expected for case in normal]
    specs = _number_specs(outputs)
    missing = {name for name in parameters if any(case.arguments.get(name, "") is None for case in normal)}
    runs = "".join(sorted({char for output in outputs for char in output if not char.isalnum() and not char.isspace()
                           and char * 2 in output and char not in "{}\\'\""}))  # `**` for a priority of 2
    views = [_views(case.arguments, parameters, specs, missing, runs) for case in normal]
    literals = [constant.value for constant in description_constants(description)
                if isinstance(constant.value, str) and constant.value.strip()]
    endings, outputs = _peel_endings(normal, parameters, outputs, literals)
    first = views[0]
    texts = {key: text for key, (text, _) in first.items() if text}
    output = outputs[0]
    if not texts or len(output) > 80 or any(character in output for character in '"\\\n'):
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
        for key, text in texts.items():
            if output.startswith(text, position):
                explore(position + len(text), [*pieces, (key,)], budget)
        literal = pieces[-1] + output[position] if pieces and isinstance(pieces[-1], str) \
            else output[position]
        rest = pieces[:-1] if pieces and isinstance(pieces[-1], str) else pieces
        explore(position + 1, [*rest, literal], budget)

    explore(0, [], [limit])
    found: list[tuple[str, tuple[str, ...], int]] = []
    for pieces in splits:
        if not all(_render(pieces, view) == text for view, text in zip(views, outputs)):
            continue
        template = "".join(f"{{{piece[0]}}}" if isinstance(piece, tuple) else _escape(piece)
                           for piece in pieces)
        names = tuple(dict.fromkeys(first[piece[0]][1] for piece in pieces
                                    if isinstance(piece, tuple)))
        if not any(template == other[0] and names == other[1] for other in found):
            found.append((template, names, _inside_words(pieces)))
    # Placeholders that are whole words first (`1` inside `1959` is a coincidence), then the
    # template using the most parameters: with one example, `weight_text("beans", 250) ==
    # "beans (250 g)"` is `f"{crop} ({grams} g)"`, not `f"beans ({grams} g)"`.
    found.sort(key=lambda item: (item[2], -len(item[1]), -len(item[0])))
    if not found and whole:  # `12 yo` for an age, `NAS` for 0: a template of the examples that show the
        shown = [case for case, view in zip(normal, views)  # argument, for one branch of a decision list
                 if any(text and re.search(rf"(?<![\w.]){re.escape(text)}(?![\w.])", str(case.expected))
                        for text, _ in view.values())]
        if 0 < len(shown) < len(normal):
            return [(source, used, values) for source, used, _ in format_templates(shown, parameters, description, limit,
                                                                                    whole=False)
                    for values in [_evaluate_template(source[2:-1], [], cases)] if values is not None
                    and " + " not in source and re.sub(r"\{[^{}]*\}", "", source[2:-1])]  # not a bare `f"{n}"`
    if not found and whole:  # `1. [x] bins` beside `1. [ ] milk`: one template per value of a flag
        chosen = _flag_chosen(normal, cases, parameters, description, limit)
        if chosen is not None:
            return [chosen]
    results = []
    for template, names, _ in found[:3]:
        source = f'f"{template}"'
        used = set(names)
        for ending, variable, _ in endings:
            source += " + " + ending
            used.add(variable)
        values = _evaluate_template(template, endings, cases)
        if values is not None:
            results.append((source, tuple(sorted(used)), values))
    return results


_SPEC_CHARACTERS = re.compile(r"^[\w.:,+ -]*$")


def _number_specs(outputs: list[str]) -> list[str]:
    """Format specs the outputs show: ``.2f`` for ``3.50``, ``,.2f`` for ``1,234.50``."""
    text = " ".join(outputs)
    decimals = sorted({len(match) for match in re.findall(r"\d\.(\d+)", text)})
    grouped = bool(re.search(r"\d,\d{3}(?!\d)", text))
    specs = [f".{count}f" for count in decimals if count <= 6]
    if grouped:
        specs = [f",{spec}" for spec in specs] + [","] + specs
    padded = sorted({len(match) for match in re.findall(r"(?<![\d.,:])(0\d+)(?![\d.,:])", text)
                     if int(match)})  # (not the `00` of a clock's minutes)
    specs += [f"0{width}d" for width in padded if 2 <= width <= 6]  # `#007`: the number zero-padded to three digits
    return specs


def _views(arguments: dict, parameters: list[str], specs: list[str], missing: frozenset | set = frozenset(),
           runs: str = "") -> dict:
    """Placeholder -> (its text on these arguments, the parameter it reads). A parameter some
    example leaves out (``None``) is written as nothing there: ``(1950-)`` for no death year."""
    views: dict[str, tuple[str, str]] = {}
    for name in missing:
        value = arguments.get(name)
        if value is None or _as_text(value) is not None:
            views[f"{name} if {name} is not None else ''"] = ("" if value is None else _as_text(value), name)

    def add(key: str, value: Any, name: str) -> None:
        text = _as_text(value)
        if text is None:
            return
        views[key] = (text, name)
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 40:
            for char in runs:  # "as many stars as the priority": the mark repeated that many times
                views[f"{char!r} * {key}"] = (char * value, name)
        if isinstance(value, (int, float)):
            for spec in specs:
                if spec.endswith("d") and not isinstance(value, int):
                    continue  # (a width for whole numbers only)
                views[f"{key}:{spec}"] = (format(value, spec), name)

    for name in parameters:
        value = arguments.get(name)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            for item in dataclasses.fields(value):
                add(f"{name}.{item.name}", getattr(value, item.name), name)
        else:
            add(name, value, name)
        if "month" in name.lower() and isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 12:
            views[f"calendar.month_name[{name}]"] = (calendar.month_name[value], name)  # `5 March`
            views[f"calendar.month_abbr[{name}]"] = (calendar.month_abbr[value], name)
    return views


def _flags(arguments: dict, parameters: list[str], wanted: type) -> dict[str, Any]:
    """Parameters and dataclass fields of type ``wanted`` (bool flags, lists), by source."""
    found = {}
    for name in parameters:
        value = arguments.get(name)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            for item in dataclasses.fields(value):
                if isinstance(getattr(value, item.name), wanted):
                    found[f"{name}.{item.name}"] = getattr(value, item.name)
        elif isinstance(value, wanted):
            found[name] = value
    return found


_PLAIN = re.compile(r"^[^\"'\\\n]*$")


def _escape(text: str) -> str:
    """Literal text inside an f-string (or a ``str.format`` template): braces doubled."""
    return text.replace("{", "{{").replace("}", "}}")


def _peel_endings(normal: list[Case], parameters: list[str], outputs: list[str],
                  literals: list[str]) -> tuple[list[tuple], list[str]]:
    """Optional endings (a quoted text when a flag is true, a joined list when not empty)."""
    endings: list[tuple] = []
    while len(normal) >= 2:
        flags = [_flags(case.arguments, parameters, bool) for case in normal]
        lists = [_flags(case.arguments, parameters, list) for case in normal]
        peeled = None
        for source in flags[0]:
            truth = [flag.get(source) for flag in flags]
            if not all(isinstance(value, bool) for value in truth) or len(set(truth)) < 2:
                continue
            for literal in literals:
                if _PLAIN.match(literal) and all(output.endswith(literal) == value
                                                 for output, value in zip(outputs, truth)):
                    peeled = (f'("{literal}" if {source} else "")',
                              [output.removesuffix(literal) if value else output
                               for output, value in zip(outputs, truth)],
                              lambda arguments, source=source, literal=literal:
                              literal if _lookup(arguments, source) else "")
                    break
            if peeled:
                break
        if peeled is None:
            for source in lists[0]:
                peeled = _peel_join(source, [item.get(source) for item in lists], outputs)
                if peeled:
                    break
        if peeled is None:
            break
        ending, outputs, function = peeled
        endings.insert(0, (ending, source.split(".")[0], function))
    return endings, outputs


def _peel_join(source: str, items: list, outputs: list[str]):
    """``PRE + SEP.join(items) + POST`` ending exactly the outputs whose list is not empty."""
    if not all(isinstance(value, list) and all(isinstance(item, str) and item for item in value)
               for value in items):
        return None
    if not any(items) or all(items):
        return None
    separator = None
    for value, output in zip(items, outputs):
        if len(value) >= 2:
            match = re.search(re.escape(value[0]) + r"(\W{1,3}?)" + re.escape(value[1]), output)
            if match is None:
                return None
            separator = match.group(1)
            break
    if separator is None:
        return None
    pre = post = None
    for value, output in zip(items, outputs):
        if not value:
            continue
        joined = separator.join(value)
        position = output.rfind(joined)
        if position < 0:
            return None
        after = output[position + len(joined):]
        before = re.search(r"[^\w]*$", output[:position]).group(0)
        if post is None:
            pre, post = before, after
        elif after != post or not before.endswith(pre):
            return None
        pre = pre if before.endswith(pre) else before
    if not all(_PLAIN.match(text) for text in (pre, post, separator)) or not (pre or post):
        return None
    stripped = []
    for value, output in zip(items, outputs):
        ending = pre + separator.join(value) + post if value else ""
        if value and not output.endswith(ending):
            return None
        stripped.append(output[:len(output) - len(ending)] if ending else output)
    if any(not text for text in stripped):
        return None
    ending = (f"""(f"{_escape(pre)}{{'{separator}'.join({source})}}{_escape(post)}" """
              f"""if {source} else "")""")

    def function(arguments: dict) -> str:
        value = _lookup(arguments, source)
        return pre + separator.join(value) + post if value else ""

    return ending, stripped, function


def _lookup(arguments: dict, source: str) -> Any:
    """The value of ``name`` or ``name.field`` on one example's arguments."""
    name, _, attribute = source.partition(".")
    value = arguments[name]
    return getattr(value, attribute) if attribute else value


def _flag_chosen(normal: list[Case], cases: list[Case], parameters: list[str], description: str,
                 limit: int) -> tuple[str, tuple[str, ...], tuple] | None:
    """A line whose fixed text changes with a flag (a bool parameter or field): the examples
    split by the flag, a template learned from each side, chosen by the flag:
    ``(f"{number}. [x] {task.title}" if task.done else f"{number}. [ ] {task.title}")``."""
    sources = _sources(normal, parameters)
    sides_of = {source: [[case for case, value in zip(normal, values) if value is side] for side in (True, False)]
                for source, values in sources.items() if all(isinstance(value, bool) for value in values)}
    for source, values in sources.items():  # `(due 2024-05-01)` only for a task with a due day
        if any(value is None for value in values) and not all(value is None for value in values):
            sides_of[f"{source} is not None"] = [[case for case, value in zip(normal, values) if value is not None],
                                                 [case for case, value in zip(normal, values) if value is None]]
    for flag, sides in sides_of.items():
        if not all(sides):
            continue
        made = [[found for found in format_templates(side, parameters, description, limit, whole=False)
                 if not _frozen(found[0], side, parameters)] for side in sides]
        if not all(made) or any(" + " in found[0][0] for found in made):
            continue
        (yes, yes_names, _), (no, no_names, _) = (max(found, key=lambda one: one[0].count("{")) for found in made)
        source = f"({yes} if {flag} else {no})"
        values = []
        for case in cases:
            try:
                values.append(eval(source, {"calendar": calendar}, dict(case.arguments)))  # our own source
            except Exception:  # noqa: BLE001 - a case this line cannot print
                if case.raises is None:
                    return None
                values.append(None)
        if all(value == case.expected for value, case in zip(values, cases) if case.raises is None):
            return source, tuple(sorted({*yes_names, *no_names, flag.split(".")[0].split()[0]})), tuple(values)
    return None


def _frozen(source: str, cases: list[Case], parameters: list[str]) -> bool:
    """Whether a template learned from few examples writes one of their text values as fixed
    text (``f"No. {number}: black umbrella, ..."``): it fits them by copying, not by reading."""
    literal = re.sub(r"\{[^{}]*\}", "\x00", source)
    texts = [text for values in _sources(cases, parameters).values() for value in values
             for text in (value if isinstance(value, (list, tuple)) else [value])]  # a list's items too
    return any(isinstance(text, str) and len(text) >= 3 and text in literal for text in texts)


def _sources(normal: list[Case], parameters: list[str]) -> dict[str, list]:
    """Each parameter and dataclass field, by source (``task.due``), with its value per case."""
    found: dict[str, list] = {}
    for name in parameters:
        values = [case.arguments.get(name) for case in normal]
        if all(dataclasses.is_dataclass(value) and not isinstance(value, type) for value in values):
            for item in dataclasses.fields(values[0]):
                found[f"{name}.{item.name}"] = [getattr(value, item.name, None) for value in values]
        else:
            found[name] = values
    return found


def _evaluate_template(template: str, endings: list, cases: list[Case]) -> tuple | None:
    """What ``f"{template}" + endings...`` gives on every case, computed directly."""
    values = []
    for case in cases:
        try:
            arguments = {name: value for name, value in case.arguments.items() if not isinstance(value, bool)}
            if "calendar." in template or " is not None else " in template or "' * " in template:  # `{calendar.month_name[month]}`
                # indexes by a variable, `{died if died is not None else ''}` chooses: an f-string
                text = eval("f" + repr(template), {"calendar": calendar}, arguments)
            else:
                text = template.format(**arguments)
            for _, _, ending in endings:
                text += ending(case.arguments)
        except (KeyError, IndexError, ValueError, TypeError, AttributeError):
            if case.raises is None:
                return None
            text = None
        values.append(text)
    return tuple(values)


def _as_text(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value)


def _render(pieces: list, view: dict) -> str | None:
    parts = []
    for piece in pieces:
        if isinstance(piece, tuple):
            if piece[0] not in view:
                return None
            parts.append(view[piece[0]][0])
        else:
            parts.append(piece)
    return "".join(parts)
