"""Commands mapped to store operations, symbolically, from their names and descriptions.

The taxonomy says *what kind* of command it is (add, list, update, remove, search or
custom); this module works out *how*: which store and entity it acts on, which
parameters fill which fields, how a record is found (1-based position or key), how a
line is printed (the backticked pattern in the description, e.g. ``name: grade``),
which documented errors become which checks, and the CliRunner tests that pin all of
that down. Anything it cannot work out is reported (``status`` "partial" or
"unimplemented" with a reason) rather than guessed silently.
"""

from __future__ import annotations

import ast
import copy
import itertools
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

from spf_plugins.stages.views import (
    RESERVED,
    base_type,
    default_source,
    docstring_body,
    entity_sample_call,
    is_optional,
    key_field,
    literal_value,
    python_name,
    same_word,
    sample_value,
    singular,
    snake,
    store_class_name,
    trace_of,
    type_name,
    words_of,
)

from spf import regex as re
from spf.errors import SpfError
from spf.interpretation import (
    COUNT_NAMES,
    LAST_OF_GROUP,
    OPERATIONS,
    READING,
    Interpretation,
    call_on_item,
    commands_run_after_a_success,
    commands_run_by_examples,
    described_unique,
    doubts,
    field_decimals,
    field_named_loosely,
    flag_words,
    followed_by_markers,
    is_number,
    iso_day,
    learn_message,
    line_instead,
    line_markers,
    line_suffix,
    money_writer,
    number_agreement,
    placeholder_writers,
    project_line,
    project_terms,
    real_day,
    render_template,
    spec_sequences,
    stated_calls,
    stated_decimals,
    stated_values,
    strip_fences,
    typed_messages,
    worded_line,
    words_instead,
)
from spf.templating import python_literal

LITERAL_CAPITALS = {  # words users write in capitals as text, not as placeholders
    "OK", "ID", "USD", "EUR", "GBP", "CHF", "JPY", "KB", "MB", "GB", "TB", "TODO", "DONE", "AM", "PM",
    "UTC", "GMT", "NA", "TV", "PC", "PDF", "URL", "CSV", "JSON", "BPM", "RIP", "NEW", "ALERT", "WARN",
    "WARNING", "ERROR", "INFO", "LOW", "HIGH", "OVERDUE", "DUE", "LATE", "YES", "NO", "ON", "OFF", "FREE",
    "SALE", "SOLD", "PAID", "OPEN", "CLOSED", "FAIL", "PASS", "WIN", "LOSS", "DRAW", "TIE", "ALL", "NONE",
    "VIP", "FYI", "ASAP", "KM", "KG", "MPH", "HP", "XP", "LV", "LVL", "DIY", "EOD"}
CLICK_TYPES = {"str": "str", "int": "int", "float": "float", "bool": "bool"}
INDEX_NAMES = {"index", "position", "number", "id", "n", "num", "pos"}


# ---------------------------------------------------------------- parameters


def is_list(type_ref) -> bool:
    return type_name(type_ref) in ("list", "List", "tuple", "Tuple", "set", "Set")


def param_decorator(param, in_place: bool = False) -> str:
    """A click argument (no default) or option (default); bool false -> flag; list -> repeatable;
    ``in_place``: a defaulted parameter the spec's lines give without its option, an optional
    argument (`sell FLAPJACK 3`)."""
    name = param.name
    variable = python_name(name)
    ref = base_type(param.type)
    kind = ref.name
    option = "--" + name.replace("_", "-")
    if is_list(param.type):
        inner = ref.args[0].name if ref.args else "str"
        click_type = CLICK_TYPES.get(inner, "str")
        if param.default is None:
            return f'@click.argument("{variable}", nargs=-1, required=True, type={click_type})'
        return (f'@click.option("{option}", "{variable}", multiple=True, type={click_type}, '
                f'help="May be given more than once.")')
    click_type = CLICK_TYPES.get(kind, "str")
    if param.default is None:  # `item` held as `item_` is still shown as ITEM
        metavar = f', metavar="{name.upper()}"' if variable != name else ""
        return f'@click.argument("{variable}", type={click_type}{metavar})'
    default = default_source(param.default)
    if in_place and kind != "bool":
        return f'@click.argument("{variable}", type={click_type}, default={default}, required=False)'
    if kind == "bool":
        if literal_value(param.default):
            return f'@click.option("{option}/--no-{name.replace("_", "-")}", "{variable}", default=True)'
        return f'@click.option("{option}", "{variable}", is_flag=True, default=False)'
    return f'@click.option("{option}", "{variable}", type={click_type}, default={default}, show_default=True)'


def param_annotation(param) -> str:
    if is_list(param.type):
        inner = base_type(param.type).args
        return f"tuple[{inner[0].text if inner else 'str'}, ...]"
    return param.type.text


def cli_arguments(command, values: dict[str, Any]) -> list[str]:
    """The argv for ``command`` with ``values`` (options first, then ``--`` if needed)."""
    options: list[str] = []
    positional: list[str] = []
    for param in command.params:
        if param.name not in values:
            continue
        value = values[param.name]
        option = "--" + param.name.replace("_", "-")
        if param.default is None or param.name in (getattr(command, "given_in_place", None) or ()):
            if isinstance(value, (list, tuple)):
                positional += [str(element) for element in value]
            else:
                positional.append(_cli_text(value))
        elif type_name(param.type) == "bool":
            default = bool(literal_value(param.default))
            if bool(value) != default:
                options.append(option if value else f"--no-{param.name.replace('_', '-')}")
        elif isinstance(value, (list, tuple)):
            for element in value:
                options += [option, _cli_text(element)]
        else:
            options += [option, _cli_text(value)]
    separator = ["--"] if any(text.startswith("-") for text in positional) else []
    return [command.name, *options, *separator, *positional]


def _cli_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# ---------------------------------------------------------------- line formats


def backticked(text: str) -> list[str]:
    return re.findall(r"`([^`]+)`", text or "")


def line_pattern(description: str, entity) -> str | None:
    """The first backticked text that names a field of the entity (the list's line format)."""
    names = {field.name for field in entity.fields}
    for text in backticked(description):
        tokens = set(re.findall(r"[A-Za-z_]\w*", text))
        if tokens & names or any(same_word(token, name) for token in tokens for name in names):
            return text
    return None


NUMBER_PLACEHOLDERS = {"N", "NUMBER", "NUM", "NO", "ID", "POS", "POSITION", "PLACE", "RANK", "INDEX", "I", "K", "COUNT",
                       "TOTAL", "SUM", "VALUE", "AMOUNT", "X", "AVERAGE", "MEAN", "MAX", "MIN", "RESULT"}


# "Every command that shows sightings writes them this way": one command's line is every record's
EVERYWHERE = (r"\bthe (?:common|standard|usual|shared|same) \w+ line\b|"  # "`LABEL USED/...`, the common tape line"
              r"\b(?:the|its) \w+ line:?\s+`|"  # "print the tree line `TAG VARIETY, ...`": the line other commands name
              r"\b(?:used|shown|written|printed|the same) everywhere\b|"  # "the ink line used everywhere: `...`"
              r"\b(?:every|each|all|any)(?: other)? (?:command|listing|list|output|line)s?\b[^.]*\b(?:this|that|the)"
              r"(?: same)? (?:way|format|form|shape)\b|\b(?:shown|written|printed) (?:like this|this way) everywhere\b|"
              r"\b(?:shown|written|printed) (?:like this|(?:this|that|the same) way) (?:by|in|everywhere|for) "
              r"(?:every|each|all|any)\b")


def pattern_parts(pattern: str, description: str, entity, number: str = "position",
                  writers: dict[str, tuple[str, str]] | None = None,
                  own_decimals: dict[str, str] | None = None, arguments: dict[str, str] | None = None,
                  inputs: frozenset = frozenset(), floats: frozenset = frozenset(), money: str | None = None) -> list[tuple]:
    """Split a line format into parts: literal text, the position, fields, markers, joined
    lists, and placeholders a spec function writes (``writers``: ``WEIGHT`` -> ``("weight",
    "item.kg")``, see ``spf.interpretation.placeholder_writers``); ``own_decimals``: a float
    field's own number format where the project states one ("hours with 1 decimal");
    ``arguments``: the command's arguments (name -> Python name), a placeholder naming one
    exactly being that argument rather than a field it merely resembles (`DAY` beside `days`);
    ``inputs``: the arguments a definition works with, each its own placeholder even where a field
    has its name; ``floats``: the spec functions that return a float (written with the decimals
    the words state, money's two, or by ``money``, the spec function the project writes money
    with)."""
    fields = {field.name: field for field in entity.fields}
    bools = [field for field in entity.fields if type_name(field.type) == "bool"]
    described = words_of(description)
    for name in [name for name in (writers or {}) if ":" in name]:  # `H:MM` written by hhmm: one placeholder
        writers = {**writers, name.replace(":", "_COLON_"): writers[name]}
        pattern = pattern.replace(name, name.replace(":", "_COLON_"))
    for token in set(re.findall(r"\b[A-Z]{3,}\b", pattern)):  # `CAPACITYG`: the field, then a unit
        glued = next((f.name for f in sorted(entity.fields, key=lambda f: -len(f.name))
                      if token.startswith(f.name.upper()) and 1 <= len(token) - len(f.name) <= 2
                      and token[len(f.name):] not in ("D", "ED", "S", "ES")), None)  # (not `GRADED`: a word)
        if glued is not None and token.lower() not in fields and token not in (writers or {}):
            pattern = re.sub(rf"\b{token}\b", f"{glued.upper()}\u2060{token[len(glued):]}", pattern)
    for glued in set(re.findall(r"\b([A-Z]{2,})(x|X|by)([A-Z]{2,})\b", pattern)):  # `WIDTHxHEIGHT cm`: two fields
        if all(_field_named(entity, name.lower()) is not None for name in (glued[0], glued[2])):
            pattern = pattern.replace("".join(glued), f"{glued[0]}\u2060{glued[1]}\u2060{glued[2]}")
    shown = list(re.finditer(r"(?<![\w.])\d+(?:\.(\d+))?(?![\w.])", pattern))
    if number in ("value", "count") and len(shown) == 1 and not re.search(r"[A-Z]", pattern):
        # "written like `2.5 eggs per hen`": an example of the line, its number the value
        decimals = shown[0].group(1)
        pattern = pattern[:shown[0].start()] + ("X." + "X" * len(decimals) if decimals else "N") \
            + pattern[shown[0].end():]
    labels: dict[str, str] = {}

    def labelled(match: re.Match) -> str:  # `BED NAME NEWS N`: NEWS names the number N stands for
        named = _field_named(entity, match.group(1).lower())
        if named is None or type_name(named.type) not in ("int", "float") or match.group(2) in "AI" \
                or match.group(2) in (writers or {}) or match.group(1) in (writers or {}) or (
                    match.group(2) != "N" and match.group(2) == named.name[:1].upper() and not re.search(
                        rf"\b{match.group(2)}\s*(?:=|is|being|means)\s", description or "")):
            return match.group(0)  # (`LITRES L`, `CELSIUS C`: the unit after its field)
        mark = chr(0xE000 + len(labels))
        labels[mark] = match.group(1)
        return f"{mark} {match.group(1)}"
    def lettered(match: re.Match) -> str:  # `T TEMP P PULSE`: the letter labels the field it begins
        named = _field_named(entity, match.group(2).lower(), placeholder=True)
        if named is None or named.name[:1].upper() != match.group(1) or match.group(1) in ("N", "I", "A") \
                or match.group(1) in (writers or {}):
            return match.group(0)
        mark = chr(0xE000 + len(labels))
        labels[mark] = match.group(1)
        return f"{mark} {match.group(2)}"
    pattern = re.sub(r"(?<![\w\u2060])([A-Z]) ([A-Z]{2,})\b", lettered, pattern)
    if re.search(r"\b[A-Z]{2,} [A-Z]\b", pattern):
        pattern = re.sub(r"\b([A-Z]{2,}) ([A-Z])\b(?![-/:.\w])", labelled, pattern)
    marker_field = next((field for field in bools if field.name in described), bools[0] if bools else None)
    parts: list[tuple] = []
    tokens = re.findall(r"[A-Za-z_]\w*", pattern)
    # "TITLE by AUTHOR (PAGES pages)": where fields are written in capitals, only capitals are fields
    upper = any(len(token) > 1 and token.isupper() and (
        _field_named(entity, token.lower(), placeholder=token not in (writers or {})) or token in NUMBER_PLACEHOLDERS or token == "KEY"
        or token in (writers or {}))
        for token in tokens) or any(  # `KEY: N bottles`: the lower-case word is text, not the field
        len(token) == 1 and token.isupper() and token != "I" and _field_named(entity, before.lower())
        for before, token in itertools.pairwise(tokens)) or (  # `prio P: N`: `prio` names P, it is text
        number in ("count", "value") and ("N" in tokens or re.search(r"\b([A-Z])\.\1+\b", pattern)))
    # `N portions`, `total: X.X km`: a summary's words are text
    decimals = _value_spec(description)
    # `xBOTTLES`: a lower-case prefix glued to a placeholder in capitals is literal text
    for index, match in enumerate(re.finditer(r"\b([A-Z])\.\1+\b|\[[xX ]\]|[a-z]+(?=[A-Z]{2,}\b|[A-Z]\b)|"  # `dD`
                                              r"\b[A-Z][A-Z_]*[A-Z](?=[a-z]+\b)|"  # `GRAMSg`: the unit is text
                                              r"[#@]?[A-Za-z_]\w*|\d+|[\s\S]",  # (a line break too: a card)
                                              pattern)):
        token = match.group(0)
        if re.fullmatch(r"([A-Z])\.\1+", token):  # `X.XX`: a number written with two decimals
            spec = f".{len(token) - 2}f"
            field = _labelled_field(entity, parts, token[0]) if token[0] != "N" else None
            parts.append(("field", field.name, spec) if field is not None else
                         ("value", spec) if number == "value" else (number,))
            continue
        if re.fullmatch(r"\[[xX ]\]", token) and marker_field is not None:
            parts.append(("marker", marker_field.name))
        elif token.isdigit() and index == 0:
            parts.append(("value", None) if number == "value" else (number,))  # `3 hanging`: a count's number
        elif re.fullmatch(r"[#@]?[A-Za-z_]\w*", token):
            prefix, name = (token[0], token[1:]) if token[0] in "#@" else ("", token)
            if writers and name in writers and name.isupper() and _field_named(entity, name.lower()) is not None:
                if prefix:  # "COST is money(cost)": the words say how the field itself is written
                    parts.append(("literal", prefix))
                parts.append(("call", *writers[name]))
                continue
            field = None if (upper and not name.isupper()) or (len(name) == 1 and name in (writers or {})) else _field_named(
                entity, name.lower() if upper else name, placeholder=upper and len(name) > 1 and name not in (writers or {}))
            if field is not None and name.isupper() and not same_word(field.name, name.lower()) and any(
                    other != name and other.isupper() and same_word(field.name, other.lower()) for other in tokens):
                field = None  # `CREDITS ECTS` over `credits — the ECTS credits`: the field is named once; the word
                # its description starts with is text
            if field is not None and arguments and name.isupper() and name.lower() in arguments \
                    and (field.name != name.lower() or name.lower() in (inputs or ())):  # (an input: `in YEAR` of
                # `turns NAME YEAR`, beside the birth `year`)
                if prefix:
                    parts.append(("literal", prefix))
                parts.append(("param", arguments[name.lower()]))
                continue
            if field is not None and not upper and not name.isupper() and number in ("count", "value"):
                field = None  # `tickets: 12, paid: 9.00`: a summary's words, there is no record
            if field is None and not upper and number not in ("count", "value"):
                field = fields.get(name)
            if field is None and name in ("N", "NO", "NR", "NUM") and number == "position":
                field = next((f for f in entity.fields if f.name.lower() in ("number", "no", "nr", "num")
                              and type_name(f.type) == "int"), None)  # `#N` over a kept `number` field
            if field is None and name == "N" and number == "position" and (prefix == "#" or not parts and re.match(
                    r"N[.:] ", pattern[match.start():])):  # `N. COLOUR FIBRE` over `ticket — the number on the ticket`
                numbered = [f for f in entity.fields if type_name(f.type) == "int" and re.search(
                    r"\bnumber\b", (f.description or "").lower()) and not re.search(r"\bhow many\b|\bnumber of\b",
                                                                                  (f.description or "").lower())]
                field = numbered[0] if len(numbered) == 1 else None  # `#N` over `ticket: int — the number on the ticket`
            if field is None and name == "N" and number == "position" and not prefix:
                label = next((part[1] for part in reversed(parts) if part[0] == "literal" and part[1].strip()), "")
                said = re.fullmatch(r"(?:.*\W)?([a-z_]\w*) ", label, flags=re.DOTALL)  # `ticket N scrapped` over
                labelled = _field_named(entity, said.group(1)) if said else None  # `ticket: int`: that field
                field = labelled if labelled is not None and type_name(labelled.type) == "int" else None
            if field is not None and not name.isupper() and type_name(field.type) == "bool" and "N" in tokens:
                field = None  # `order #N collected`: a word beside a placeholder, not True/False
            if len(name) == 1 and pattern[match.end():match.end() + 1] == "\u2060" and not prefix:
                parts.append(("literal", token))  # "`D` with the difficulty": a letter glued to the value after it
                continue
            if field is None and name.isupper() and len(name) == 1 and name != "N" and name not in (writers or {}):
                field = _labelled_field(entity, parts, name)  # "priority P": the word before names it
                after = re.match(r"\s+([a-z]\w*)", pattern[match.end():])
                named_after = _field_named(entity, after.group(1)) if after else None
                if field is None and named_after is not None and number == "position" \
                        and type_name(named_after.type) in ("int", "float") and (
                        named_after.name[:1].upper() == name or not any(
                            f.name[:1].upper() == name for f in entity.fields)):
                    field = named_after  # `C changes`: the word after it is the field C begins; `K people`
                claimed = {said.group(1) for said in re.finditer(r"\b[A-Z] ([a-z]\w*)", pattern)}
                initial = [f for f in entity.fields if f.name[:1].upper() == name and type_name(f.type) != "bool"
                           and f.name.upper() not in tokens and f.name not in claimed]  # not `HIVE`'s field for
                # `H kg`, nor `people` for P where `K people` names it
                if field is None and len(initial) == 1 and number == "position":
                    field = initial[0]  # `F frames, H kg`: the one field with that initial
                described = [f for f in entity.fields if after and type_name(f.type) in ("int", "float")
                             and after.group(1).lower() in words_of(f.description or "")
                             and f.name.upper() not in tokens]
                if field is None and len(described) == 1 and number == "position":
                    field = described[0]  # `A for, B against` over `noes — votes against the motion`
            elif field is None and name == "N" and number == "position" and not (writers and name in writers):
                # "box N", "N pills left" (a count's N
                # is the count: `erased N tickets` over a `ticket` field)
                label = next((part[1] for part in reversed(parts) if part[0] == "literal"
                              and part[1].strip()), "")
                named = re.findall(r"[A-Za-z_]\w*", label)
                following = [word for word in re.findall(r"[A-Za-z_]\w*", pattern[match.end():])[:1]
                             if not (len(word) > 1 and word.isupper())]  # `N: MINUTES`: a placeholder of its own
                said = [_field_named(entity, word) for word in re.findall(  # `N left`: "pills left"
                    rf"\b(\w+) {re.escape(following[0].lower())}\b",
                    re.sub(r"`[^`]*`", " ", description or "").lower())] if following else []
                field = next((candidate for candidate in (
                    _field_named(entity, named[-1].lower()) if named else None,
                    _field_named(entity, following[0].lower()) if following else None, *said)
                    if candidate is not None and type_name(candidate.type) in ("int", "float")), None)
                held = [f for f in entity.fields if type_name(f.type) == "int" and (
                    f.name.lower() in COUNT_NAMES or re.match(r"how many\b", (f.description or "").lower()))]
                if field is None and number == "position" and len(held) == 1 and not prefix \
                        and pattern[:match.start()].strip(" #[(") and not pattern[:match.start()].rstrip().endswith(
                            ("#", "no.", "No.", "[")):  # `SCENT (SIZE): N at PRICE`: how many, not where
                    field = held[0]
            if field is None and name.isupper() and len(name) > 2 and number == "position" \
                    and not (writers and name in writers):  # `(TABLE, serves S)` over `category: str — which table
                described = [f for f in entity.fields if type_name(f.type) != "bool" and f.name.upper() not in tokens
                             and re.search(rf"\b{name.lower()}s?\b", (f.description or "").lower())]
                field = described[0] if len(described) == 1 else None  # it goes on`: the one field said so
                if field is not None and name.lower() in (arguments or {}):  # `lap LAPS: SECONDS` of `lap(name, seconds)`
                    spec = (own_decimals or {}).get(field.name, decimals) if type_name(field.type) == "float" else None
                    if prefix:  # over `best — their fastest lap in seconds`: the seconds given, written as that field is
                        parts.append(("literal", prefix))
                    parts.append(("param", arguments[name.lower()] + (f":{spec}" if spec else "")))
                    continue
            if field is None and name == "KEY":
                parts.append(("key",))
                continue
            if field is None and writers and name in writers:
                if prefix:
                    parts.append(("literal", prefix))
                written = writers[name]
                said_after = re.match(r"\s+([a-z]\w*)\b", pattern[match.end():])
                after = fields.get(said_after.group(1)) if said_after else None
                if after is not None and re.fullmatch(r"item\.\w+", written[1]) and written[1] != f"item.{after.name}" \
                        and fields.get(written[1][5:]) is not None and fields[written[1][5:]].type == after.type:
                    written = (written[0], f"item.{after.name}")  # `MONEY taken` written by pounds: the money taken
                called = re.fullmatch(r"\(?(\w+)\((.*)\)\)?", written[1]) if not written[0] else None
                if decimals and (written[0] in floats or called and called.group(1) in floats):  # `COST/month` by
                    call = f"{written[0]}({written[1]})" if written[0] else written[1]  # monthly_cost(price, yearly),
                    written = (money, call) if money else ("format", f"{call}, {decimals!r}")  # money in two
                    # decimals: 7.50 (or through pounds, "Money is always printed ... using the function pounds")
                parts.append(("call", *written))  # `WEIGHT`: weight(item.kg)
                continue
            if field is None and name in ("HH", "MM") and pattern[match.end():match.end() + 1] == ":" or (
                    field is None and name == "MM" and pattern[match.start() - 1:match.start()] == ":"):
                clock = [f for f in entity.fields if type_name(f.type) == "int" and (
                    f.name.lower() in (("hour", "hours", "start", "start_hour", "at", "slot") if name == "HH"
                                       else ("minute", "minutes", "min", "mins")))]
                if len(clock) == 1:  # `HH:00`: the hour, two digits ("hours print as `HH:00`, zero-padded")
                    if prefix:
                        parts.append(("literal", prefix))
                    parts.append(("field", clock[0].name, "02d"))
                    continue
            if field is None and arguments and name.isupper() and len(name) > 1 and name.lower() in arguments \
                    and name not in (writers or {}):  # `NAME: COUNT at PRICE` over `bring(name, price, count)`: the
                if prefix:  # count given, not a position
                    parts.append(("literal", prefix))
                plain = re.search(rf"\b{name}\b[^.;`]{{0,60}}\bwithout trailing zeros\b", description or "")
                parts.append(("param", arguments[name.lower()] + (":g" if plain else "")))  # "AMOUNT as a plain number
                continue  # without trailing zeros (`250`, not `250.0`; `12.5`)"
            if field is None and name.isupper() and name in NUMBER_PLACEHOLDERS:
                if prefix:
                    parts.append(("literal", prefix))
                spec = _value_spec(description)
                if number == "value" and parts and parts[-1] == ("literal", "+") \
                        and re.search(rf"-{name}\b", description or ""):  # `+X kg` or `-X kg`: signed
                    parts.pop()
                    spec = "+" + spec
                parts.append((number,) if number != "value" else ("value", spec))
                continue
            worded = _flag_word_defined(description, name, bools) if field is None and name.isupper() else None
            if worded is not None:  # "STATE is the word `cleared` for a cheque the bank has presented or
                if prefix:  # `outstanding` for one it has not"
                    parts.append(("literal", prefix))
                parts.append(("suffix", *worded))
                continue
            otherwise = _word_instead(description, name) if field is None and not prefix else None
            if otherwise is not None and fields.get(name) is not None and type_name(fields[name].type) == "bool":
                parts.append(("suffix", name, f"item.{name}", otherwise))  # `..., paid` "or with `UNPAID` in
                continue  # capitals instead of `paid`": the flag's word, the other one while it is false
            if field is None:
                parts.append(("literal", token))
            elif is_list(field.type):
                parts.append(("joined", field.name, prefix))
            else:
                if prefix:
                    parts.append(("literal", prefix))
                spec = (own_decimals or {}).get(field.name, decimals)
                float_field = type_name(field.type) == "float" and spec
                parts.append(("field", field.name, spec) if float_field else ("field", field.name))
        else:
            parts.append(("literal", token))
    parts = [part for part in parts if part != ("literal", "\u2060")]  # the joint of `CAPACITY\u2060G`
    for index, part in enumerate(parts):  # the label with the space after it: one text, no argument's name
        if part[0] == "literal" and part[1] in labels and index + 1 < len(parts) and parts[index + 1] == ("literal", " "):
            parts[index:index + 2] = [("literal", labels[part[1]] + " "), ("literal", "")]
    parts = [("literal", labels.get(part[1], part[1])) if part[0] == "literal" else part for part in parts if part != ("literal", "")]
    return _left_out_when_empty(parts, description, entity)


def _left_out_when_empty(parts: list[tuple], description: str, entity) -> list[tuple]:
    """A text field the words leave out of the line, with the space before it, when it is empty:
    "`KID: -AMOUNT NOTE, now BALANCE`, where the note (and the space before it) is left out when
    there isn't one" -> the part `` {item.note}`` shown only where there is a note."""
    said = " ".join((description or "").split()).lower()
    for index, part in enumerate(parts):
        target = next((f for f in entity.fields if f.name == part[1]), None) if part[0] == "field" and index else None
        before = parts[index - 1] if index else None
        if target is None or type_name(target.type) != "str" or before[0] != "literal" or not before[1].endswith(" "):
            continue
        name = re.escape(target.name.lower())
        if re.search(rf"\b(?:the |its |their )?{name}\b[^.;]{{0,40}}?\b(?:is|gets|are) (?:left out|dropped|omitted|left off)"
                     rf"\b[^.;]{{0,30}}\b(?:when|if|where)\b[^.;]{{0,20}}\b(?:isn't|is not|there isn't|empty|none|no)\b", said) \
                and re.search(r"\bspace\b", said):  # (the space before it goes too)
            return [*parts[:index - 1], ("literal", before[1][:-1]), ("suffix", f" {{item.{target.name}}}",
                                                                    f"item.{target.name}"), *parts[index + 1:]]
    return parts


def _group_key(group_by: str) -> str:
    """The Python of a group's key: ``item.day[:7]``, or a spec function of the record's fields
    (``call:category(sys,dia)`` -> ``category(item.sys, item.dia)``)."""
    return call_on_item(group_by) if group_by.startswith("call:") else f"item.{group_by}"


def group_word(group_by: str) -> str:
    """The name a group's key goes by in a line format: ``call:category(sys,dia)`` -> ``category``."""
    return group_by[5:].split("(", 1)[0] if group_by.startswith("call:") else group_by


def _renamed(condition: str, command) -> str:
    """A guard's Python with the arguments under their names in the module (``level_`` where
    a spec function is called ``level``; ``class_``)."""
    for param in command.params:
        name = python_name(param.name)
        if name != param.name:
            condition = re.sub(rf"(?<![.\w]){re.escape(param.name)}\b(?!\()(?!\.\w+\b(?!\())", name, condition)
            # (`item.years` is the record's field where an argument is called `item`; `item.strip()` the argument)
    return condition


def _unit_left_to_writer(parts: list, name: str, function) -> list:
    """The word after a written number that the writer itself puts there: `23 blooms altogether`
    with "the total the bloom_word way", where ``bloom_word(12) == "12 blooms"`` and
    ``bloom_word(1) == "1 bloom"``: the line is ``{bloom_word(value)} altogether``."""
    endings = set()
    for example in function.examples:
        try:
            shown = ast.literal_eval(example.expected) if example.expected else None
        except (ValueError, SyntaxError):
            continue
        ending = re.match(r"-?[\d.,]+( [^\d]+)$", shown) if isinstance(shown, str) else None
        if ending:
            endings.add(ending.group(1))
    found, index = [], 0
    while index < len(parts):
        found.append(parts[index])
        index += 1
        if found[-1][:2] != ("call", name):
            continue
        end = index
        while end < len(parts) and parts[end][0] == "literal":
            end += 1
        text = "".join(part[1] for part in parts[index:end])
        ending = next((e for e in sorted(endings, key=len, reverse=True) if re.match(rf"{re.escape(e)}\b", text)), None)
        if ending is not None:  # (the line's literal text comes in pieces: " ", "blooms", " ", "altogether")
            found += [("literal", text[len(ending):])] if text[len(ending):] else []
            index = end
    return found


def _template_formatter(store, entity, template: str, description: str, expression: str, trace: str) -> dict[str, Any]:
    """The store's record formatter when the records' line is a template over ``item`` (learned
    from the examples, or spelled out in the project's words) rather than a pattern of parts."""
    return {"name": f"format_{snake(entity.name)}", "entity": entity.name, "entity_class": entity.name,
            "store": store.name, "parts": [("template", template)], "pattern": None,
            "description": description, "expression": expression, "trace": trace}


def _value_writer(description: str, functions: dict) -> str | None:
    """A spec function the words say writes the numbers a summary prints: "(money() for every
    amount)", "totals written with money()": one number in, text out."""
    text = " ".join((description or "").split())
    match = re.search(r"\b(\w+)\(\) for (?:every|each|all|the) (?:amount|number|value|total|sum|figure)s?\b|"
                      r"\b(?:amounts?|numbers?|values?|totals?|sums?) (?:are )?(?:written|shown|formatted|printed) "
                      r"(?:with|by|through|using) (\w+)(?:\(\))?|"  # "the total shown by pounds"
                      r"`[^`]*\b([A-Z]{2,})\b[^`]*`,? (?:with )?\3,? (?:is |are )?(?:written|shown|formatted|printed) "
                      r"(?:with|by|through|using) (\w+)\b|"  # "`owed: TOTAL`, TOTAL written by money"
                      r"\b(?:totals?|sums?|amounts?|numbers?|counts?|values?) (?:is |are )?(?:written |said |shown |printed |put )?"
                      r"the `?(\w+)`?(?:\(\))? way\b", text)  # "prints the total the bloom_word way"
    function = functions.get(match.group(1) or match.group(2) or match.group(4) or match.group(5)) if match else None
    if function is None or len(function.params) != 1 or function.returns is None \
            or type_name(function.returns) != "str" or type_name(function.params[0].type) not in ("int", "float"):
        return None
    return function.name


MARKER_VALUE = r"\{item\.\w+\}|\{\w+\(item\.\w+(?:, item\.\w+)*\)\}"
# what a marker may write of the record: a field, or a spec function of fields (`{issue_name(item.issue)}`,
# `{result_letter(item.ours, item.theirs)}`)


def _concatenated(text: str) -> str:
    """A marker as a Python expression inside an f-string: ``' rated ' + str(item.stars) +
    '/5'`` for `` rated {item.stars}/5`` (no nested f-string, any Python 3)."""
    pieces = [" + chr(10) + ".join(repr(line) for line in piece.split("\n")) if not piece.startswith("{")
              else f"str({piece[1:-1]})"  # (a line break as chr(10): no backslash in an f-string's expression)
              for piece in re.split(rf"({MARKER_VALUE})", text) if piece]
    return " + ".join(pieces) or "''"


def _arguments(fields: str) -> str:
    """A written placeholder's call arguments: ``"name,qty"`` -> ``item.name, item.qty``;
    ``"bill(nights,rate)"`` (a value a spec function computes) -> ``bill(item.nights, item.rate)``."""
    computed = re.fullmatch(r"(\w+)\((.*)\)", fields)
    if computed:
        return f"{computed.group(1)}({_arguments(computed.group(2))})"
    return ", ".join(f"item.{name}" for name in fields.split(","))


def _written_fields(fields: str) -> set[str]:
    """The record's fields a written placeholder reads (``"bill(nights,rate)"``: nights, rate)."""
    computed = re.fullmatch(r"(\w+)\((.*)\)", fields)
    return set((computed.group(2) if computed else fields).split(","))


def _flag_word_defined(description: str, name: str, bools: list) -> tuple[str, str, str] | None:
    """A placeholder the words define as one of two words for a yes/no field: "STATE is the word
    `cleared` for a cheque the bank has presented or `outstanding` for one it has not" over
    `cleared: bool` -> ``("cleared", "item.cleared", "outstanding")``; None otherwise."""
    said = re.search(rf"\b{re.escape(name)}\b,? (?:is|being|=|means|shows|reads) (?:the word |either )?`(\w+)`[^`.;]{{0,80}}?"
                     rf"\bor (?:the word )?`(\w+)`", " ".join((description or "").split()))
    if said is None:
        return None
    first, second = said.groups()
    for flag in bools:
        forms = {form.lower() for form in flag_words(flag)}
        if first.lower() in forms:
            return first, f"item.{flag.name}", second
        if second.lower() in forms:
            return second, f"item.{flag.name}", first
    return None


def _word_instead(description: str, word: str) -> str | None:
    """The word the description writes in place of ``word`` ("or with `UNPAID` in capitals
    instead of `paid`" -> ``UNPAID``), or None."""
    return next((other for other, usual in words_instead(description) if usual == word and other != word), None)


def _labelled_field(entity, parts: list[tuple], letter: str):
    """The field a one-letter placeholder stands for: named by the word before it, else
    the only field with that initial."""
    label = next((part[1] for part in reversed(parts) if part[0] == "literal" and part[1].strip()),
                 "")
    words = re.findall(r"[A-Za-z_]\w*", label)
    if words:
        field = _field_named(entity, words[-1].lower())
        if field is not None:
            return field
    before = next((part for part in reversed(parts) if part[0] != "literal" or part[1].strip()), None)
    if before is not None and before[0] == "field" and before[1][:1].upper() == letter:
        return None  # `LITRES L`, `CELSIUS C`: the unit after its field, text
    initial = [field for field in entity.fields if field.name[:1].upper() == letter]
    return initial[0] if len(initial) == 1 else None


def _value_spec(description: str) -> str:
    """The number format the words state: "with two decimals" -> ``.2f`` (see
    ``spf.interpretation.stated_decimals``)."""
    return stated_decimals(description)


def _field_named(entity, name: str, placeholder: bool = False):
    """The field a word of a line names; a placeholder in capitals also by its name's last
    part or its description's first word (`GROUP` for `age_group`, `CARD` for `household —
    the card reference`)."""
    return next((field for field in entity.fields if field.name == name), None) or next(
        (field for field in entity.fields if same_word(field.name, name)), None) or (
        field_named_loosely(entity, name) if placeholder else None) or (_field_begun(entity, name) if placeholder else None)


def _field_begun(entity, name: str):
    """The one number field a placeholder's letters begin (`MAG` for `magnitude`), or None."""
    begun = [field for field in entity.fields if len(name) >= 3 and field.name.lower().startswith(name.lower())
             and len(field.name) > len(name) and type_name(field.type) in ("int", "float")]
    return begun[0] if len(begun) == 1 else None


def _fstring_literal(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("{", "{{").replace("}", "}}").replace("\n", "\\n")


def _placed_markers(parts: list[tuple], markers: list[tuple[str, str, str | None]]) -> list[tuple]:
    """``parts`` with each marker (``line_markers``) as a suffix part where the words put it:
    right after the first literal ending in its anchor word, or at the end of the line."""
    parts = list(parts)
    for text, condition, anchor in markers:
        if anchor is None:
            parts.append(("suffix", text, condition))
            continue
        for index, part in enumerate(parts):
            found = re.search(rf"(?<!\w){re.escape(anchor)}(?!\w)", part[1]) if part[0] == "literal" else None
            if found:
                parts[index:index + 1] = [("literal", part[1][:found.end()]), ("suffix", text, condition),
                                          *([("literal", part[1][found.end():])] if part[1][found.end():] else [])]
                break
    return parts


def formatter_expression(parts: list[tuple]) -> str:
    """Python source (an f-string) producing one line from ``position`` and ``item``."""
    if parts and parts[0][0] == "template":  # the line a list learned from its examples
        return template_expression(parts[0][1])
    instead = next((part for part in parts if part[0] == "instead"), None)
    if instead is not None:  # the whole line another one while a field holds a value
        main = formatter_expression([part for part in parts if part[0] != "instead"])
        return f"({instead[2]} if {instead[1]} else {main})"
    pieces = []
    has_list = False
    for part in parts:
        if part[0] == "literal":
            pieces.append(_fstring_literal(part[1]))
        elif part[0] in ("position", "count", "key"):
            pieces.append("{" + part[0] + "}")
        elif part[0] == "param":  # an argument of the command, by its Python name
            pieces.append("{" + part[1] + "}")
        elif part[0] == "value":
            pieces.append("{value" + (f":{part[1]}" if part[1] else "") + "}")
        elif part[0] == "call":
            pieces.append(f"{{{part[1]}({part[2]})}}")
        elif part[0] == "field":
            spec = f":{part[2]}" if len(part) > 2 and part[2] else ""
            pieces.append(f"{{item.{part[1]}{spec}}}")
        elif part[0] == "marker":
            pieces.append(f"{{'[x]' if item.{part[1]} else '[ ]'}}")
        elif part[0] == "suffix":  # `, sent` at the end when it is sent; ` rated {item.stars}/5` once rated
            pieces.append(f"{{{_concatenated(part[1])} if {part[2]} else {_concatenated(part[3] if len(part) > 3 else '')}}}")
        elif part[0] == "joined":
            has_list = True
            pieces.append(f"{{' '.join({part[2]!r} + str(value) for value in item.{part[1]})}}")
    expression = 'f"' + "".join(pieces) + '"'
    return f"{expression}.rstrip()" if has_list else expression


def format_line(parts: list[tuple], position: int, values: dict[str, Any]) -> str | None:
    """What the formatter prints for a record with ``values``: the tests' expectation."""
    text = ""
    has_list = False
    if parts and parts[0][0] == "template":
        return render_template(parts[0][1], position, values)
    if any(part[0] in ("call", "instead") for part in parts):
        return None  # a spec function writes part of it: its own examples check that (or the line has two forms)
    for part in parts:
        if part[0] == "literal":
            text += part[1]
        elif part[0] == "position":
            text += str(position)
        elif part[0] == "field":
            text += format(values[part[1]], part[2]) if len(part) > 2 and part[2] else str(values[part[1]])
        elif part[0] == "marker":
            text += "[x]" if values[part[1]] else "[ ]"
        elif part[0] == "suffix":
            shown = _suffix_text(part, position, values)
            if shown is None:
                return None
            text += shown
        elif part[0] == "joined":
            has_list = True
            text += " ".join(part[2] + str(value) for value in values[part[1]])
    return text.rstrip() if has_list else text


def _suffix_text(part: tuple, position: int, values: dict[str, Any]) -> str | None:
    """What a ``("suffix", text, condition[, otherwise])`` part adds to a record's line (None
    when its condition is more than a yes/no field, or a field's being set)."""
    flag = re.fullmatch(r"(not )?item\.(\w+)", part[2])
    if flag is None:
        return None
    shown = part[1] if bool(values.get(flag.group(2))) != bool(flag.group(1)) else (part[3] if len(part) > 3 else "")
    return render_template(shown, position, values) if "{" in shown else shown


def _with_suffix(line: str | None, suffix: tuple | None, position: int, values: dict[str, Any]) -> str | None:
    """``line`` with a command's marker (``Interpretation.suffix``) where it holds for ``values``."""
    if line is None or not suffix:
        return line
    shown = _suffix_text(("suffix", *suffix), position, values)
    return None if shown is None else line + shown


def default_parts(entity) -> list[tuple]:
    parts: list[tuple] = [("position",), ("literal", ". ")]
    for index, field in enumerate(entity.fields):
        if index:
            parts.append(("literal", ", "))
        parts.append(("literal", f"{field.name}="))
        parts.append(("joined", field.name, "") if is_list(field.type) else ("field", field.name))
    return parts


def template_expression(template: str) -> str:
    """Python source printing a line template over ``position``, ``item``, ``value``, ``count``."""
    return "f" + python_literal(template)


# ---------------------------------------------------------------- the project's command plans


class ProjectCommands:
    """Per-project facts the command plans share: stores, entities, formatters, plans."""

    def __init__(self, project, interpretations: dict[str, Interpretation],
                 formatting: dict[str, Interpretation] | None = None):
        self.project = project
        self.interpretations = interpretations
        self.entities = {entity.name: entity for entity in project.entities}
        self.stores = {store.name: store for store in project.stores}
        self.functions = {function.name: function for function in project.functions}
        # the spec functions returning a float: a placeholder they write takes the stated decimals
        self.floats = frozenset(name for name, function in self.functions.items()
                                if function.returns is not None and type_name(function.returns) == "float")
        self.commands = {command.name: command for command in project.commands}
        texts = [command.description or "" for command in project.commands] + [
            f.description or "" for entity in project.entities for f in entity.fields] + [
            project.description or ""]
        self.money = any(re.search(r"two decimal|2 decimal|decimal places|cents", " ".join(text.split()))
                         for text in texts)  # (words wrapped over two lines: "shown with two\ndecimals")
        self.writers = placeholder_writers(project)  # `WEIGHT` -> weight(kg), project-wide
        writes_money = money_writer(project)  # "Money is always printed ... using the function pounds"
        self.money_writer = writes_money.name if writes_money is not None else None
        self.agreement = number_agreement(project)  # "`1 night`, `2 nights`": the word follows the number
        self._by_store: dict[int, list] | None = None  # id(store) -> its commands, in order
        self._everywhere: list | None = None  # commands whose words make their line every command's
        self.formatters = ProjectCommands(project, {**interpretations, **formatting}).formatters if formatting \
            else {store.name: self._formatter(store) for store in project.stores}  # (``formatting``: the readings
        # the program's record lines come from, while one command's candidates are tried against it)
        self.plans: dict[str, CommandPlan] = {}
        self.unimplemented_functions: set[str] = set()
        self._covered: set[str] | None = None
        self._typed: list[str] | None = None

    @property
    def typed_values(self) -> list[str]:
        """The words the spec's examples type as arguments (`'Mrs Hale'`, `Rioja`), less
        command and option names and words its prose uses (``paid`` in "marks it paid")."""
        if self._typed is None:
            project = self.project
            prose = " ".join(re.sub(r"(?m)`[^`]*`|^(?: {4}|\t).*$", " ", strip_fences(item.description or ""))
                             for item in [project, *project.entities, *project.commands, *project.functions])
            said = {word.lower() for word in re.findall(r"[A-Za-z]+", prose)}
            names = {c.name for c in self.project.commands}
            typed = {}
            for steps in spec_sequences(self.project):
                for argv, _, _ in steps:
                    for value in argv[1:]:
                        value = value.strip()
                        if len(value) >= 3 and not value.startswith("-") and re.search(r"[A-Za-z]", value) \
                                and value not in names and not re.fullmatch(r"[\d\W_]*[A-Za-z]?[\d\W_]*", value) \
                                and not {word.lower() for word in re.findall(r"[A-Za-z]+", value)} <= said:
                            typed[value] = True
            self._typed = sorted(typed, key=lambda value: (-len(value), value))
        return self._typed

    @property
    def covered(self) -> set[str]:
        """The commands some example of spec.md runs and expects to succeed (the others'
        readings are guesses, those only refused in the examples too)."""
        if self._covered is None:  # (a list only run before anything is stored shows only its empty case)
            readers = {name for name, reading in self.interpretations.items()
                       if reading.operation in READING}
            self._covered = commands_run_by_examples(self.project, succeeding=True) \
                - (readers - commands_run_after_a_success(self.project))
        return self._covered

    def store_of(self, command):
        name = self.interpretations[command.name].store
        return self.stores.get(name) if name else None

    def commands_doing(self, store, *operations: str) -> list:
        if self._by_store is None:  # indexed once: asked per store and per command
            self._by_store = {}
            for command in self.project.commands:
                self._by_store.setdefault(id(self.store_of(command)), []).append(command)
        return [command for command in self._by_store.get(id(store), [])
                if self.interpretations[command.name].operation in operations]

    def _formatter(self, store) -> dict[str, Any]:
        entity = self.entities[store.entity]
        pattern, description, trace, chosen = None, "", trace_of(store.span), None
        if self._everywhere is None:  # once per project: the commands that say every line looks so
            self._everywhere = [command for command in self.project.commands if re.search(
                EVERYWHERE, " ".join((command.description or "").split()), flags=re.IGNORECASE)]
        everywhere = [command for command in self._everywhere if self.store_of(command) is store]
        adds = self.commands_doing(store, "add")
        added = {self.interpretations[c.name].message_pattern for c in adds}
        listing = sorted(self.commands_doing(store, "list", "show"),  # the add's own line first ("in the track format")
                         key=lambda c: self.interpretations[c.name].output not in added)
        fields = {f.name.upper() for f in entity.fields}

        def named(line: str | None) -> int:  # how many of the record's fields a line names
            return len(set(re.findall(r"\b[A-Z][A-Z_]*[A-Z]\b", line or "")) & fields)
        own = [c for c in listing if self.interpretations[c.name].output in added
               or named(self.interpretations[c.name].output) >= 2]
        written = [c for c in adds if named(self.interpretations[c.name].message_pattern) >= 2] if not own and not any(
            self.interpretations[c.name].output_template for c in listing) else []  # a list's learned line comes first
        stated = project_line(self.project, entity)
        worded = worded_line(self.project, entity) if not stated else None
        if worded:  # "A ledger line consists of the following, separated by single spaces: the reference ...; ..."
            return _template_formatter(store, entity, worded, "as the project's words spell it out",
                                       template_expression(worded), trace)
        if stated:  # "Every entry is shown as the entry line `...`", outside the commands (## Notes)
            pattern, description = stated
            marker = line_suffix(self.project, entity, description)  # "` !` is appended when ... (cf. in_spec)"
            if len(line_markers(entity, description)) >= 2:
                marker = None  # "A fragile box gets `, fragile` on the end. An unpacked box gets ` [unpacked]` after
                # that": each marker in its place, in the order said
        for command in [*everywhere, *own, *written, *[c for c in listing if c not in own]] if not stated else ():
            interpretation = self.interpretations[command.name]
            line = interpretation.output or (interpretation.message_pattern if command in everywhere or command in written
                                             else None)  # "the tree's line": what pot prints for a tree
            given = {python_name(p.name) for p in command.params}
            if line and any(re.search(rf"\b{re.escape(name)}\b", line) and given & set(re.findall(
                    r"(?<![.\w])([a-z_]\w*)\b(?!\()", expression)) for name, expression in interpretation.definitions.items()):
                continue  # `NAME with FRIEND, D days`, D = days_between(since, today): that command's `today` is no
                # other command's, so its line is not the record's line
            if line:
                pattern, description, chosen = line, command.description, command.name
                trace = trace_of(command.span)
                break
        learned = next((self.interpretations[command.name].output_template for command
                        in self.commands_doing(store, "list", "show")
                        if self.interpretations[command.name].output_template
                        and "\n" not in self.interpretations[command.name].output_template
                        and not self.interpretations[command.name].formatter), None) if pattern is None else None
        if not learned and not stated and not named(pattern) and not re.search(r"\b[A-Z]{2,}\b", pattern or ""):
            learned = next((message for command in adds if (message := self.interpretations[command.name].message)
                            and "\n" not in message and message.count("{item.") >= 2
                            and not re.findall(r"\{(?!item\.|position\b)[^{}]*\}", re.sub(r"\{\w+\(item\.\w+\)\}", "",
                                                                                          message))), None)
            # no line named anywhere but a second line's `note: ...`: the record as the add's example prints it
        if pattern is not None and chosen and not stated:  # `NAME [KIND] STEEP, MARK` where the examples show MARK
            shown = self.interpretations[chosen].output_template  # as `4/5` or `unmarked`: a choice of words the
            if shown and " if " in shown and "\n" not in shown and _skeleton(shown) == _skeleton(pattern, stated=True):
                learned = shown  # placeholder does not say, the same line around it
        if learned:  # no stated line, but a list's examples show it: every command writes a record so
            return _template_formatter(store, entity, learned, "as the list's examples show it",
                                       agreeing(template_expression(learned), self.agreement), trace)
        money = " two decimals" if self.money and not _value_spec(description) else ""
        fields = {f.name for f in entity.fields}
        writers = {name: (function, _arguments(field)) for name, (function, field) in self.writers.items()
                   if _written_fields(field) <= fields}
        first = next(iter(self.commands_doing(store, *OPERATIONS)), None)
        defining = chosen or (first.name if first is not None else None)
        if defining:  # "(OK = jars - unsealed)" said where the line is, or beside the project's line
            definitions = self.interpretations[defining].definitions
            writers.update({name: ("", expression) for name, expression in definitions.items()})
            for expression in definitions.values():  # `CO2 PERCENT%`, "PERCENT being the CO2 concentration":
                named = re.fullmatch(r"item\.(\w+)", expression)  # the field's own name is its label there
                if named and pattern and re.search(rf"\b{named.group(1).upper()}\b", pattern):
                    writers[named.group(1).upper()] = ("", python_literal(named.group(1).upper()))
        if stated:  # "CLAIM = pounds(claim_pence(miles))", "TITLE = short_title(title)" beside the project's line
            writers.update({name: ("", call) for name, call in stated_calls(description, entity, self.functions).items()})
            writers.update({name: ("", expression) for name, expression in project_terms(self.project, entity).items()
                            if name not in writers})  # "RESULT is `not marked` when there is no mark yet, and ..."
        parts = pattern_parts(pattern, description + money, entity, writers=writers,
                              own_decimals=field_decimals(self.project, entity), floats=self.floats,
                              money=self.money_writer if money else None) \
            if pattern else default_parts(entity)
        if stated and marker is None:  # "` + ironing` comes right after `kg`", "` - ready` at the very end"
            parts = _placed_markers(parts, line_markers(entity, description))
        elif pattern and not stated and len(told := followed_by_markers(entity, " ".join(description.split()))) >= 2:
            parts = _placed_markers(parts, told)  # a list's own line "followed by `, NAME` when ... and then by `, seen`"
        instead = line_instead(entity, description) if stated or pattern else None
        if instead is not None:  # "In case the box was empty (species is "none") it shows only `box NUMBER ...`"
            other = pattern_parts(instead[1], description + money, entity, writers=writers,
                                  own_decimals=field_decimals(self.project, entity))
            parts = [*parts, ("instead", instead[0], formatter_expression(other))]
        borrowed = chosen and any(self.interpretations[c.name].bare_line for c in self.commands_doing(store, "add", "update", "remove"))
        suffix = self.interpretations[chosen].suffix if chosen and (  # "the corrected one, the way visits writes it"
            any(c.name == chosen for c in everywhere) or borrowed) else marker if stated else None
        texts = [suffix[0], *suffix[2:]] if suffix else []  # inside the f-string: no quotes, fields only
        if suffix and not any(quote in text for text in texts for quote in "'\"\\") and all(
                "{" not in text or re.fullmatch(rf"(?:[^{{}}]|{MARKER_VALUE})*", text) for text in texts):
            # "with `, sent` at the end", "` rated STARS/5`"
            parts = [*parts, ("suffix", *suffix)]
        return {
            "name": f"format_{snake(entity.name)}", "entity": entity.name,
            "entity_class": entity.name, "store": store.name, "parts": parts,
            "pattern": pattern,
            "description": f"`{pattern}`" if pattern else "position, then every field",
            "expression": agreeing(formatter_expression(parts), self.agreement), "trace": trace,
        }

    def formatter_views(self) -> list[dict[str, Any]]:
        seen, views = set(), []
        for formatter in self.formatters.values():
            if formatter["name"] not in seen:
                seen.add(formatter["name"])
                views.append({key: value for key, value in formatter.items()
                              if key not in ("parts", "pattern")})
        return views




class CommandPlan:
    """How one command works: its interpretation rendered as a body, and its derived tests."""

    def __init__(self, command, interpretation: Interpretation, facts: ProjectCommands,
                 category: str | None = None):
        self.command = command
        self.interpretation = interpretation
        self.facts = facts
        self.kind = interpretation.operation
        # a plugin's category (``command.export``): its own template writes the body
        self.plugin_category = category if category and category.startswith("command.") \
            and category.split(".", 1)[1] not in (*OPERATIONS, "search") else None
        self.store = facts.store_of(command)
        self.entity = facts.entities.get(self.store.entity) if self.store else None
        self.uses_functions = list(interpretation.uses)
        self.reasons = list(interpretation.ignored)
        if self.plugin_category:
            self.kind, self.reasons, self.uses_functions = self.plugin_category, [], []
        if self.kind != "custom" and self.store is None:
            self.reasons.append("no store to act on (add '- store: NAME' to the command)")
        self.view = self._base_view()
        if not self.unimplemented and not self.plugin_category:
            self.view["body"] = render_body(self)
        self.view["tests"] = []
        self.doubts: list[str] = []
        if not (self.unimplemented or self.plugin_category or self.reasons):
            # a placeholder printed as it is (`loans L`) is wrong whatever the spec's own
            # transcripts show (one on an empty store never prints the line)
            self.doubts = self._unbound_placeholders() if command.name in facts.covered else \
                doubts(interpretation, command, facts.project, facts.commands.keys(), self.entity) \
                + self._unbound_placeholders()
            self.doubts += self._frozen_samples()  # an example passing with it proves nothing

    @property
    def unimplemented(self) -> bool:
        if self.kind == "custom":
            return self.interpretation.call is None
        return self.store is None

    @property
    def status(self) -> str:
        if self.unimplemented:
            return "unimplemented"
        return "partial" if self.reasons or self.missing_functions or self.doubts else "implemented"

    @property
    def missing_functions(self) -> list[str]:
        """Spec functions it calls that are not implemented: it cannot work until they are."""
        return sorted(set(self.uses_functions) & self.facts.unimplemented_functions)

    def _printed_literals(self) -> list[str]:
        """The fixed text of what the command prints: its line or message format with every
        ``{...}`` blanked out."""
        if self.store is None:
            return []
        interpretation = self.interpretation
        sources = []
        if interpretation.operation in ("list", "show"):
            line = self.line_expression()
            if line.startswith(self.facts.formatters[self.store.name]["name"] + "("):
                line = self.facts.formatters[self.store.name]["expression"]
            sources.append(line)
        if interpretation.operation not in ("list", "show"):
            sources.append(self.message_expression(None, "value") or "")
        literals = []
        for literal in sources:
            while re.search(r"\{[^{}]*\}", literal):
                literal = re.sub(r"\{[^{}]*\}", " ", literal)
            literals.append(literal)
        return literals

    def _frozen_samples(self) -> list[str]:
        """A value the spec's examples type in (`visit 'Mrs Hale' ...`) printed as fixed text
        (``f"{item.client}: Mrs Hale"``): the sample was copied, not read, so the line is wrong
        for every other record, even where the example that typed it passes. So is a number with
        a point that the command's own sample line shows (`job #2 paid: 96.00 from Blue Fox GmbH`,
        the fee): no line prints a fee of 96.00 for every job."""
        typed = self.facts.typed_values
        literals = self._printed_literals()  # (rendering the line once)
        found = [value for literal in literals for value in typed
                 if re.search(rf"(?<![\w'-]){re.escape(value)}(?![\w'-])", literal)]
        decimal = r"(?<![\w.])\d+\.\d+(?![\w.])"
        shown = {number for sample in re.findall(r"`([^`]+)`", self.command.description or "")
                 for number in re.findall(decimal, sample)}  # `job #2 paid: 96.00 from ...`
        sampled = [number for literal in literals for number in re.findall(decimal, literal) if number in shown]
        return [f"prints {value!r}, a value the examples type in, as fixed text" for value in dict.fromkeys(found)] + [
            f"prints {value!r}, a number of the words' sample line, as fixed text" for value in dict.fromkeys(sampled)]

    def _unbound_placeholders(self) -> list[str]:
        """Placeholders of a line format (``PROJECT: DURATION``) that nothing fills: they would
        be printed as they are, so the reading is incomplete whatever else it gets right."""
        interpretation = self.interpretation
        found = []
        for literal in self._printed_literals():
            stated = " ".join(filter(None, (interpretation.message_pattern, interpretation.output)))
            found += [token for token in re.findall(r"\b[A-Z][A-Z_]*\b", literal)  # `MEMBER: H h`: H too
                      if token not in LITERAL_CAPITALS and token not in ("A", "I")
                      and not (len(token) == 1 and re.search(rf"\b{token}[A-Z_]+ {token}\b", stated))]  # `LITRES L`
        return [f"{token} in the printed line is not bound to any value" for token in dict.fromkeys(found)]

    def _base_view(self) -> dict[str, Any]:
        command = self.command
        params = command.params
        view = {
            "name": command.name, "snake": snake(command.name),
            "function_name": f"{snake(command.name)}_command",
            "decorators": [param_decorator(param, param.name in command.given_in_place) for param in params],
            "signature": ", ".join(f"{python_name(param.name)}: {param_annotation(param)}"
                                   for param in params),
            "docstring": docstring_body(strip_fences(command.description or "") or command.name),
            "trace": trace_of(command.span), "checks": [], "body": [],
            "interpretation": self.interpretation.words(),
            "stub_message": f"{command.name}: not implemented yet (no interpretation of its "
                            f"description fits; pin one in spec.md or write the body)",
        }
        if self.store is not None:
            formatter = self.facts.formatters[self.store.name]
            view.update({"store_class": store_class_name(self.store),
                         "entity_class": self.entity.name, "entity": self.entity.name.lower(),
                         "formatter": formatter["name"]})
        return view

    def usage(self) -> str:
        parts = [self.command.name]
        for param in self.command.params:
            if param.default is None:
                parts.append(param.name.upper() + ("..." if is_list(param.type) else ""))
            else:
                parts.append(f"[--{param.name.replace('_', '-')}"
                             + ("" if type_name(param.type) == "bool" else " VALUE") + "]")
        return " ".join(parts)

    # -- what a record line looks like for this command ----------------------------------

    def line_expression(self) -> str:
        """Python printing one selected record (``position``, ``item``)."""
        interpretation = self.interpretation
        formatter = self.facts.formatters[self.store.name]
        template = interpretation.output_template  # learned from the spec's examples
        kept = None
        if any(re.search(rf"(?<![A-Z]){name}\b", interpretation.output or "") and not (  # (`feedingsALTWORD` too)
                expression in (template or "") and " if " in template)  # (not where the learned line calls it and
               for name, expression in interpretation.definitions.items()):  # shows a choice: `4/5` or `unmarked`)
            kept = re.search(r"\{'([^'{}]+)' if (item\.\w+) else ''\}$", template or "") \
                if not interpretation.suffix else None  # (the marker the learned line wrote at its end stays)
            template = None  # "(OK = jars - unsealed)": the words say what an example cannot tell apart
        if kept is not None:  # ` [heard]` on the heard ones, learned with a line the words' own replaces
            return _suffixed(self._line_without_template(), (kept.group(1), kept.group(2)))
        placed = re.match(r"\W*([A-Z]+)\b", interpretation.output or "")
        if interpretation.numbered and template and "{position}" not in template and placed \
                and placed.group(1) in NUMBER_PLACEHOLDERS:  # "PLACE counts the printed lines": not the `1.` of
            template = None  # one example
        elif interpretation.numbered and template and "{position}" not in template and re.match(r"1\.\s", template):
            template = "{position}" + template[1:]  # "the place (1 for the first row displayed, ...), a full stop"
        marker = next((part[1:] for part in formatter["parts"] if part[0] == "suffix"), None)
        if marker and (interpretation.suffix or marker[0] in (template or "") or marker[1] in (template or "")):
            marker = None  # the command's own marker, or one its learned line writes already
        if template and ("\n" in template or not interpretation.formatter or interpretation.output):
            return _suffixed(template_expression(template), marker)  # `` (discarded)`` where every line has it
        return self._line_without_template()

    def _line_without_template(self) -> str:
        """The line as the words state it (no learned template)."""
        interpretation = self.interpretation
        formatter = self.facts.formatters[self.store.name]
        if interpretation.formatter and not interpretation.output:
            return self.formatter_call()  # the spec function the words name writes the line
        if interpretation.output and (interpretation.output != formatter["pattern"] or self.inputs()):
            return formatter_expression(self.line_parts())
        return f"{formatter['name']}(position, item)"

    def formatter_call(self) -> str:
        """The spec function that writes a record, called with the record (and its position)."""
        function = self.facts.functions[self.interpretation.formatter]
        fields = {f.name for f in self.entity.fields} if self.entity is not None else set()
        if len(function.params) >= 2 and all(param.name in fields for param in function.params):
            arguments = [f"item.{param.name}" for param in function.params]  # `lesson_line(number, student, ...)`
        else:
            arguments = ["position" if type_name(param.type) == "int" else "item" for param in function.params]
        return f"{function.name}({', '.join(arguments)})"

    def _with_money_decimals(self, floats: bool = True) -> str:
        """The command's words, with two decimals for its numbers where the project writes money
        and the words state no format of their own ("the km to one decimal" stays one)."""
        money = self.facts.money and floats and not _value_spec(self.command.description)
        return self.command.description + (" two decimals" if money else "")

    def message_expression(self, default: str | None, number: str = "position") -> str | None:
        """What add/update/remove/count/aggregate print: learned from an example, else the
        line the description states, else ``default``; None when it prints nothing."""
        interpretation = self.interpretation
        if interpretation.quiet:
            return None
        if interpretation.formatter and not interpretation.message_pattern and \
                interpretation.operation in ("add", "update"):
            return self.formatter_call()
        formatter = self.facts.formatters[self.store.name] if self.store is not None else None
        fields = {f.name.upper() for f in self.entity.fields} if self.entity is not None else set()
        given = [p for p in self.command.params if len(p.name) > 1 and p.name.upper() not in fields
                 and re.search(rf"\b{p.name.upper()}\b", interpretation.message_pattern or "")]
        # (`NAME: COUNT at PRICE` over `bring(name, price, count)`: the count given, which no record's line holds)
        led = interpretation.message_pattern[:-len(formatter["pattern"])] if interpretation.message_pattern \
            and formatter and formatter["pattern"] and interpretation.message_pattern.endswith(formatter["pattern"]) else None
        # (the text before the line every command writes a record with: "" where the line is the whole message,
        # `recorded: ` for "prints `recorded: ` followed by the lesson line")
        if led is not None and not given and interpretation.operation in ("add", "update", "remove") \
                and not re.search(r"\b[A-Z][A-Z_]*[A-Z]\b", led) and (not interpretation.message or (
                    not led and any(part[0] in ("suffix", "instead") for part in formatter["parts"]))):
            marked = any(part[0] == "suffix" for part in formatter["parts"])
            line = f"{formatter['name']}(position, item)"
            return _suffixed(f"{python_literal(led)} + {line}" if led else line,  # with this command's marker
                             interpretation.suffix if not marked else None)
        if interpretation.message and formatter and interpretation.operation in ("add", "update", "remove") \
                and any(part[0] == "instead" for part in formatter["parts"]) \
                and template_expression(interpretation.message) == formatter_expression(
                    [part for part in formatter["parts"] if part[0] != "instead"]):
            return f"{formatter['name']}(position, item)"  # the record's line, whose other form an example did not show
        field_writer = self._field_writer()  # `PERSON owes AMOUNT` of pence: pounds() writes it
        written = interpretation.operation in ("count", "aggregate") and interpretation.message_pattern \
            and (_value_writer(self.command.description, self.facts.functions) or field_writer and re.search(
                rf"\b(?:{'|'.join(GENERIC_AMOUNTS)})\b", interpretation.message_pattern))  # `PERSON owes AMOUNT` of pence
        defined = any(re.search(rf"\b{name}\b", interpretation.message_pattern or "")
                      for name in interpretation.definitions)  # "TOTAL = qty x price": what an example cannot tell apart
        if interpretation.message and not written and not defined:  # with the record's marker where its condition holds
            return _suffixed(template_expression(interpretation.message), interpretation.suffix
                             if interpretation.operation in ("add", "update", "remove") else None)
        if not interpretation.message_pattern and number == "value" and interpretation.operation == "aggregate" \
                and interpretation.aggregate is not None and not interpretation.aggregate.group_by:
            stated = _value_writer(self.command.description, self.facts.functions)
            followed = re.search(r"\b(?:the )?(?:total|sum|number|count|value)\b[^.;`]*\bfollowed by `([^`]*)`",
                                 " ".join((self.command.description or "").split())) if stated else None
            if followed:  # "prints the total the seed_word way followed by ` in the jar`"
                return formatter_expression([("call", stated, "value"), ("literal", followed.group(1))])
        if interpretation.message_pattern:
            pattern = interpretation.message_pattern
            changed = {a.field for a in interpretation.assignments if a.op in ("add", "subtract")}
            left = None  # the field an `N` stands for
            remaining = re.search(r"(?<!#)\b([A-Z])\b(?= (?:left|remaining|to go)\b)", pattern)
            if interpretation.operation == "update" and len(changed) == 1 and number == "position" \
                    and remaining and remaining.group(1) not in ("N", *interpretation.definitions):  # `gave away N
                # of CODE, M left`: M (unless the words define M)
                left = changed.pop()
                pattern = pattern[:remaining.start()] + left.upper() + pattern[remaining.end():]
            elif interpretation.operation == "update" and len(changed) == 1 and number == "position" \
                    and re.search(r"(?<!#)\bN\b", pattern) and "N" not in interpretation.definitions:  # `#N` is
                # the record's number ("N is pots minus given": as defined)
                left = changed.pop()
                pattern = re.sub(r"(?<!#)\bN\b", left.upper(), pattern)  # `N left`: what the change left
            aggregate = interpretation.aggregate
            group = group_word(aggregate.group_by) if aggregate is not None and aggregate.group_by else None
            if group:  # `box 1: N`: the number after the group's name is its key
                pattern = re.sub(rf"(?i)\b({re.escape(group)}) \d+\b", r"\1 KEY", pattern)
                pattern = re.sub(rf"\b({re.escape(group)}) (?!N\b)[A-Z]\b", r"\1 KEY", pattern)  # `prio P: N`
            if aggregate is not None:  # the aggregated field is the value, the group its key
                for name, placeholder in ((group, "KEY"), (aggregate.field, "VALUE")):
                    if placeholder == "VALUE" and name and self.facts.writers.get(name.upper(), ("", ""))[1] == name \
                            and aggregate.function != "count":
                        continue  # `average depth DEPTH`, DEPTH written everywhere by metres: its writer writes it
                    if name and not (placeholder == "VALUE" and name == aggregate.group_by):
                        pattern = re.sub(rf"\b{re.escape(name.upper())}S?(?:\b|(?=[a-z]+\b))", placeholder, pattern)
                if "VALUE" not in pattern and aggregate.field and aggregate.function != "count" \
                        and re.search(rf"\b{aggregate.field[:1].upper()}\b", pattern):  # `total: H kg` of honey
                    pattern = re.sub(rf"\b{aggregate.field[:1].upper()}\b", "VALUE", pattern, count=1)
                if aggregate.scale:  # `MEMBER: H h` in whole hours: H is the value
                    pattern = re.sub(r"\b(?:H|HOURS|HRS|MIN|MINUTES|KG|KM|L|LITRES|LITERS|EUROS|DOLLARS)\b(?!:)",
                                     "VALUE", pattern, count=1)
                unbound = [token for token in dict.fromkeys(re.findall(r"\b[A-Z][A-Z_]*[A-Z]\b", pattern))
                           if token not in fields and token not in LITERAL_CAPITALS and token not in NUMBER_PLACEHOLDERS
                           and token not in GENERIC_AMOUNTS and token not in self.facts.writers
                           and not re.fullmatch(r"(.)\1+", token)  # (`X.XX`: a number's shape, not a placeholder)
                           and not re.search(rf"[.:]{token}\b|\b{token}[.:]\w", pattern)
                           and token.lower() not in {p.name for p in self.command.params}]
                if "VALUE" not in pattern and not aggregate.group_by and len(unbound) == 1 \
                        and unbound[0] not in interpretation.definitions:  # `DAY: VOLUME kg`, the sum of kg*reps:
                    pattern = re.sub(rf"\b{unbound[0]}\b", "VALUE", pattern)  # the one number the line leaves
                if aggregate.group_by and "KEY" not in pattern:  # `NAME: AMOUNT` per payer
                    fields = {f.name.upper() for f in self.entity.fields}
                    pattern = re.sub(r"\b[A-Z]{2,}\b", lambda m: "KEY" if m.group(0) not in fields
                                     and m.group(0) not in NUMBER_PLACEHOLDERS and m.group(0) != "VALUE"
                                     else m.group(0), pattern, count=1)
            floats = aggregate is None or aggregate.function == "mean" or any(
                f.name == aggregate.field and type_name(f.type) == "float" for f in self.entity.fields)
            description = self._with_money_decimals(floats)
            writers = self.record_writers() if aggregate is None else {
                name: (function, "value") for name, (function, field) in self.facts.writers.items()
                if field == (aggregate.field or "").split("*")[0] and aggregate.function != "count"}
            if aggregate is not None and field_writer and not any(
                    re.search(rf"\b{re.escape(name)}\b", pattern) for name in writers):
                writers.update({name: (field_writer, "value") for name in GENERIC_AMOUNTS})
                # "`PERSON owes AMOUNT`" summing `pence`, which pounds() writes wherever it is shown
            params = {param.name: python_name(param.name) for param in self.command.params}
            parts = pattern_parts(pattern, description, self.entity, number=number, writers=writers, arguments=params)
            stated = _value_writer(self.command.description, self.facts.functions)
            if stated is not None and number == "value":  # "(money() for every amount)"
                parts = [("call", stated, "value") if part[0] == "value" else part for part in parts]
                parts = _unit_left_to_writer(parts, stated, self.facts.functions[stated])
            suffix = interpretation.suffix if interpretation.operation in ("add", "update", "remove") else None
            if suffix and "'" not in suffix[0] and ("{" not in suffix[0] or (
                    number == "position" and re.fullmatch(r"(?:[^{}]|\{item\.\w+\})*", suffix[0]))):
                # "plus ` (done)` when --done is given", "the line goes on with `, top `, the top speed and ` mph`"
                parts = [*parts, ("suffix", *suffix)]
            shown_elsewhere = {expression[5:] for expression in interpretation.definitions.values()
                               if re.fullmatch(r"item\.\w+", expression)}  # "LEFT = what's still on the shelf"
            amounts = {a.value[6:] for a in interpretation.assignments if a.op in ("add", "subtract")
                       and a.value.startswith("param:") and a.field in shown_elsewhere} - {left}
            # `sold QTY NAME for TOTAL (LEFT left)`: QTY is the amount taken off, LEFT the qty now
            if (aggregate is not None and not aggregate.group_by) or number == "count" or amounts:
                # `PLAYER: TOTAL` of one player; `voided lot LOT, bids removed: N` (no record after the loop)
                parts = [("param", params[part[1]]) if part[0] == "field" and part[1] in params
                         and (not amounts or part[1] in amounts) else part for part in parts]
            parts = [("param", params[part[1].lower()]) if part[0] == "literal" and part[1].isupper()
                     and len(part[1]) > 1 and part[1].lower() in params else part
                     for part in parts]  # `lent #ID to NAME`: NAME is the argument, no field has its name
            return formatter_expression(parts)
        if default and interpretation.bare_line and interpretation.suffix and formatter is not None \
                and not any(part[0] == "suffix" for part in formatter["parts"]):
            return _suffixed(default, interpretation.suffix)  # "its batch line, which now ends with ` rated STARS/5`"
        return default

    def expected_line(self, position: int, record: dict[str, Any]) -> str | None:
        """What this command prints for a record: a derived test's expectation (None when
        it cannot be told here)."""
        template = self.interpretation.output_template
        if template and ("\n" in template or not self.interpretation.formatter):
            return _with_suffix(render_template(template, position, record), self.interpretation.suffix,
                                position, record)
        if self.interpretation.formatter and not self.interpretation.output:
            return None  # a spec function writes it: its own examples check it
        parts = self.line_parts()
        line = format_line(parts, position, record)
        if any(part[0] == "suffix" for part in parts):
            return line
        return _with_suffix(line, self.interpretation.suffix, position, record)  # the command's own marker

    def line_parts(self) -> list[tuple]:
        interpretation = self.interpretation
        formatter = self.facts.formatters[self.store.name]
        inputs = self.inputs()
        if interpretation.output and (interpretation.output != formatter["pattern"] or inputs):
            return pattern_parts(interpretation.output, self._with_money_decimals(), self.entity,
                                 writers=self.record_writers(),
                                 arguments={param.name: python_name(param.name) for param in self.command.params},
                                 inputs=inputs, floats=self.facts.floats)
        return formatter["parts"]

    def inputs(self) -> frozenset:
        """The arguments the words' definitions work with (`AGE` is YEAR minus the birth year):
        the line needs them, so it is written where they are, not by the store's formatter."""
        worked = " ".join(self.interpretation.definitions.values())
        return frozenset(param.name for param in self.command.params
                         if re.search(rf"(?<![.\w]){re.escape(param.name)}\b", worked))

    def _field_writer(self) -> str | None:
        """The one spec function the project writes an aggregated number field with (`pence`
        through pounds()), for a sum or a mean of it; None for a count or several writers."""
        aggregate = self.interpretation.aggregate
        if aggregate is None or aggregate.function not in ("sum", "mean", "max", "min") or not aggregate.field:
            return None
        functions = {function for function, field in self.facts.writers.values() if field == aggregate.field}
        return functions.pop() if len(functions) == 1 else None

    def record_writers(self) -> dict[str, tuple[str, str]]:
        """The project's written placeholders, of this command's records."""
        fields = {f.name for f in self.entity.fields} if self.entity is not None else set()
        written = {name: (function, _arguments(field)) for name, (function, field) in self.facts.writers.items()
                   if _written_fields(field) <= fields}
        for name, expression in self.interpretation.definitions.items():  # "(OK = jars - unsealed)"
            written[name] = ("", expression)
        return written

    # -- derived tests ------------------------------------------------------------------

    def _sample_values(self, command, variant: int) -> dict[str, Any]:
        values = {}
        for param in command.params:
            plain_option = (param.default is not None and not is_list(param.type)
                            and type_name(param.type) != "bool")
            if plain_option and variant == 0:
                continue
            if param.default is not None and type_name(param.type) == "bool":
                continue  # flags keep their default: a derived test never turns on a filter
            value = sample_value(param.type, variant, self.facts.entities)
            if param.name.lower() in INDEX_NAMES and type_name(param.type) == "int":
                reading = self.facts.interpretations.get(command.name)
                stored = reading is not None and reading.operation == "add" \
                    and f"param:{param.name}" in reading.constructor.values()
                value = variant + 1 if stored else 1  # `open NUMBER` over a bay's own number: 1, 2, 3, each its own
                # record (a position elsewhere is the first record's)
            target = next((f for f in (self.entity.fields if self.entity else []) if f.name == param.name), param)
            if type_name(param.type) == "str" and iso_day(target):
                value = f"2024-01-0{variant + 1}"  # a day a spec function may parse (`date.fromisoformat`)
            elif type_name(param.type) == "str" and re.search(r"\bYYYY-MM\b(?!-DD)", getattr(target, "description", "") or ""):
                value = f"2024-0{variant + 1}"  # a month written YYYY-MM, which a spec function may read
            elif type_name(param.type) == "str" and target is not param and (listed := stated_values(target.description)):
                value = listed[variant % len(listed)]  # `result: str — win, draw or loss`: one of them, which a spec
                # function over the field (a table) may look up
            values[param.name] = value
        return values

    def _record_values(self, add_command, values: dict[str, Any]) -> dict[str, Any]:
        add = self.facts.interpretations[add_command.name]
        record = {}
        for entity_field in self.entity.fields:
            source = add.constructor.get(entity_field.name)
            if source and source.startswith("param:") and source[6:] in values:
                record[entity_field.name] = values[source[6:]]
            elif source and source.startswith("param:"):
                param = next(p for p in add_command.params if p.name == source[6:])
                record[entity_field.name] = literal_value(param.default)
            else:
                record[entity_field.name] = literal_value(entity_field.default)
        return record

    def _xfail(self, invoked: list[str]) -> str | None:
        used: set[str] = set()
        for name in invoked:
            plan = self.facts.plans.get(name)
            if plan is not None:
                used |= set(plan.uses_functions)
                if plan.unimplemented:
                    return f"{name} is not implemented yet"
        missing = self.facts.unimplemented_functions & used
        return f"uses unimplemented {', '.join(sorted(missing))}" if missing else None

    def _test(self, name: str, args: list[str], *, status: int = 0, setup=(), stdout=None,
              pattern=None, contains=None, stderr=None, trace=None) -> dict[str, Any]:
        return {"name": name, "args": args, "status": status, "setup": list(setup),
                "stdout": stdout, "stdout_pattern": pattern, "stdout_contains": contains,
                "stderr": stderr, "trace": trace or self.view["trace"],
                "xfail": self._xfail([args[0], *(step[0] for step in setup)])}

    def _tests(self) -> list[dict[str, Any]]:
        """Tests derived from the interpretation: they check the code does what it says.

        They never contradict the spec: values go through the add command's transforms
        (its cleaned names) and guards are not triggered by the samples.
        """
        command = self.command
        interpretation = self.interpretation
        tests: list[dict[str, Any]] = []
        add_argv, records = self._samples()
        plain_list = (interpretation.operation == "list" and not interpretation.filters
                      and interpretation.limit is None and not interpretation.transforms
                      and not interpretation.formatter)
        if self.plugin_category:
            values = self._sample_values(command, 0)
            tests.append(self._test("runs", cli_arguments(command, values), setup=add_argv[:1]))
            return tests
        if interpretation.operation == "add" and not self.reasons:
            values = self._sample_values(command, 0)
            if self.accepts(values):
                tests.append(self._test("succeeds", cli_arguments(command, values)))
        elif plain_list and not self.reasons and records:
            order = [0, 1]
            lines = [(records[index], self.expected_line(position, records[index]))
                     for position, index in enumerate(order, start=1)]
            if any(line is None for _, line in lines):
                lines = []
            if interpretation.order and interpretation.order[0] != "position":
                try:
                    for field_name, descending in filter(None, (interpretation.then_by and interpretation.last_by,
                                                                interpretation.then_by, interpretation.order)):
                        lines.sort(key=lambda pair, name=field_name: pair[0][name], reverse=descending)
                except (TypeError, KeyError):
                    lines = []
            elif interpretation.order:
                lines.reverse() if interpretation.order[1] else None
            if lines:
                tests.append(self._test("empty_store_prints_nothing", [command.name], stdout=[])
                             if not any(g.kind == "empty" for g in interpretation.guards) else
                             self._test("empty_store_is_refused", [command.name],
                                        status=next(g.status for g in interpretation.guards
                                                    if g.kind == "empty")))
                tests.append(self._test("prints_each_record", [command.name], setup=add_argv,
                                        stdout=[line for _, line in lines]))
        elif interpretation.operation in ("update", "remove") and records and not self.reasons \
                and interpretation.select in ("position", "key"):
            values = self._sample_values(command, 1)
            locate = interpretation.locate_param
            values[locate] = 1 if interpretation.select == "position" else \
                records[0].get(interpretation.locate_field)
            if not self.accepts(values, records[0]):  # "more seeds than the packet holds": take one
                values = {**values, **{p.name: 1 for p in command.params
                                       if p.name != locate and type_name(p.type) in ("int", "float")}}
            if self.accepts(values, records[0]):
                tests.append(self._test("succeeds", cli_arguments(command, values),
                                        setup=add_argv[:1]))
        if not any(test["setup"] for test in tests) and (add_argv or interpretation.operation != "add"):
            tests.append(self._runs_on_records(add_argv, records))
        return tests

    def _runs_on_records(self, add_argv, records) -> dict[str, Any]:
        """Whatever the command prints or refuses, it must not crash on two records (on an
        empty store when no add command can make them): a reading spf cannot check against
        an example still gets this much checked (a traceback makes the unit ``failing``,
        not ``unchecked``)."""
        interpretation = self.interpretation
        if not add_argv:  # samples the add would refuse: the records its own spec examples add
            add_argv = self._example_adds()
        values = self._sample_values(self.command, 1)
        locate = interpretation.locate_param
        if locate and interpretation.select == "position":
            values[locate] = 1
        elif locate and interpretation.select == "key" and records:
            values[locate] = records[0].get(interpretation.locate_field, values.get(locate))
        test = self._test("runs_on_records" if add_argv else "runs_on_an_empty_store",
                          cli_arguments(self.command, values), setup=add_argv)
        test["status"] = None  # no exit status is claimed: only that nothing is raised
        return test

    def _example_adds(self) -> list[list[str]]:
        """The command lines of the add command's own spec examples that succeed (at most two)."""
        from spf.acceptance import _example_argv

        adds = self.facts.commands_doing(self.store, "add") if self.store else []
        found = []
        for add in adds:
            for example in add.examples:
                try:
                    argv = list(_example_argv(example, self.facts.project, set(self.facts.commands)))
                except SpfError:
                    continue
                if not example.status and argv and argv[0] == add.name:
                    found.append(argv)
        return found[:2]

    def accepts(self, values: dict[str, Any], record: dict[str, Any] | None = None) -> bool:
        """Whether no guard refuses these sample values, as far as can be told here.

        A derived test never contradicts the spec: samples a stated range refuses, or that
        a spec predicate (a validator) decides on, are not used to test success (the
        spec's own examples do that, as acceptance cases)."""
        for guard in self.interpretation.guards:
            if guard.kind in ("predicate", "stored", "reference"):  # a ledger's sum: the samples' store decides
                return False
            if guard.kind == "check" and _guard_fires(guard.condition, values):
                return False
            if guard.kind == "state" and record is not None and _guard_fires(guard.condition, values, record):
                return False  # on the record the sample finds
        return True

    def _samples(self) -> tuple[list[list[str]], list[dict[str, Any]]]:
        """Two add command lines and the records they create (none when add transforms)."""
        adds = self.facts.commands_doing(self.store, "add") if self.store else []
        add = next((a for a in adds if not self.facts.plans[a.name].reasons), None)
        add_argv, records = [], []
        if add is not None and not self.facts.interpretations[add.name].transforms \
                and not self.facts.interpretations[add.name].auto_fields \
                and not any(value.startswith("call:") for value in self.facts.interpretations[add.name].constructor.values()):
            for variant in (0, 1):
                values = self.facts.plans[add.name]._sample_values(add, variant)
                if not self.facts.plans[add.name].accepts(values):
                    return [], []  # the samples would be refused: no records to test with
                add_argv.append(cli_arguments(add, values))
                records.append(self._record_values(add, values))
        return add_argv, records

    def error_cases(self) -> list:
        """The spec's error clauses whose trigger the interpretation makes concrete, as
        acceptance cases: the arguments that must be refused, the message on stderr and
        the status the clause states (spf.acceptance, kind ``error_clause``)."""
        from spf.acceptance import ERROR_CLAUSE, AcceptanceCase, Step

        if self.unimplemented or self.plugin_category:
            return []
        unit = f"command:{self.command.name}"
        cases = []
        for index, test in enumerate(self._error_tests(*self._samples()), start=1):
            steps = [Step(argv=argv, expected=None, status=0, unit=f"command:{argv[0]}", setup=True)
                     for argv in test["setup"]]
            steps.append(Step(argv=test["args"], expected=(test["stderr"],), status=test["status"],
                              stream="stderr" if test["status"] else "output",  # "prints X when empty"
                              unit=unit, trace=test["trace"].split(": ", 1)[0]))
            cases.append(AcceptanceCase(
                name=f"test_{self.view['snake']}_error_{index}", kind=ERROR_CLAUSE, units=(unit,),
                trace=test["trace"].split(": ", 1)[0], steps=tuple(steps),
                description=test["trace"].split(": ", 1)[-1]))
        return cases

    def _error_tests(self, add_argv, records) -> list[dict[str, Any]]:
        """Each guard whose trigger is concrete: the spec's error clause, as a test."""
        command = self.command
        interpretation = self.interpretation
        tests = []
        cased = {param: getattr(str, function[4:]) for param, function in interpretation.transforms
                 if function in ("str.lower", "str.upper", "str.title", "str.strip", "str.casefold")}
        # (a code "always shown in capitals" is refused in capitals too: the message shows the argument as kept)
        for index, guard in enumerate(interpretation.guards, start=1):
            if guard.status == 0:  # "with nothing to show it prints X": output, not an error
                continue
            error = next((e for e in command.errors if e.message == guard.message
                          and e.status == guard.status), None)
            trace = trace_of(error.span) if error is not None else self.view["trace"]
            values = self._sample_values(command, 0)
            setup: list[list[str]] = []
            if guard.kind == "check" and guard.trigger:
                values.update(guard.trigger)
            elif guard.kind == "lookup" and interpretation.select == "position":
                values[interpretation.locate_param] = 99
            elif guard.kind == "lookup" and interpretation.select == "key":
                param = next(p for p in command.params if p.name == interpretation.locate_param)
                values[param.name] = "nobody" if type_name(param.type) == "str" else 999
            elif guard.kind == "empty" and interpretation.operation in ("list", "count", "aggregate", "show") \
                    and not interpretation.filters:
                pass  # an empty store
            elif guard.kind == "duplicate" and add_argv and interpretation.operation == "add":
                setup = [cli_arguments(command, values)]
            else:
                continue
            values = self._passing_others(values, guard)
            if values is None:
                continue  # the other checks would refuse first: no test that claims an order
            if guard.shown == ("N",) and re.search(r"\bcount\b", guard.condition):
                continue  # "when that would remove two or more": an empty store goes ahead
            said = re.sub(r"\bN\b", "0", guard.message) if guard.shown == ("N",) else guard.message  # (an empty
            shown = {name: cased[name](value) if name in cased and isinstance(value, str) else value  # (an empty
                     for name, value in values.items()}  # store: nothing would go)
            tests.append(self._test(f"error_{index}", cli_arguments(command, values),
                                    status=guard.status, setup=setup,
                                    stderr=message_text(said, command, shown),
                                    trace=trace))
        return tests

    def _passing_others(self, values: dict[str, Any], guard) -> dict[str, Any] | None:
        """``values`` changed so that every check but ``guard`` lets them through (a value
        the check's own literals or a spec predicate's true examples give), else None: an
        error test must reach the clause it tests, whatever order the checks run in."""
        values = dict(values)
        fixed = set(guard.trigger or {}) | ({self.interpretation.locate_param} if guard.kind == "lookup" else set())
        for other in self.interpretation.guards:
            if other is guard or other.kind not in ("check", "predicate"):
                continue
            names = [name for name in values if name not in fixed  # what triggers ``guard`` stays
                     and re.search(rf"\b{re.escape(python_name(name))}\b", other.condition)]
            options = [values] + [{**values, name: choice} for name in names
                                  for choice in self._passing_values(other, name)]
            values = next((option for option in options if self._lets_through(other, option)), None)
            if values is None:
                return None
        return values

    def _passing_values(self, guard, name: str) -> list[Any]:
        import ast

        if guard.kind == "predicate" and guard.function in self.facts.functions:
            function = self.facts.functions[guard.function]
            found = []
            for example in function.examples:  # `is_day("2024-05-17") == True`
                try:
                    call = ast.parse(example.call, mode="eval").body
                    refused = guard.condition.startswith("refuses(")  # any value it does not raise on
                    if len(call.args) == 1 and (example.expected is not None if refused
                                                else ast.literal_eval(example.expected) is True):
                        found.append(ast.literal_eval(call.args[0]))
                except (SyntaxError, ValueError, AttributeError, TypeError):
                    continue
            return found
        try:  # `answer not in ('yes', 'no')`: its literals
            tree = ast.parse(guard.condition, mode="eval")
        except SyntaxError:
            return []
        return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
                and not isinstance(node.value, bool)]

    def _lets_through(self, guard, values: dict[str, Any]) -> bool:
        scope = {python_name(key): value for key, value in values.items()}
        if guard.kind == "predicate":
            function = self.facts.functions.get(guard.function)
            truths = {repr(value) for value in self._passing_values(guard, "")} if function else set()
            called = re.findall(r"\w+\(([^()]*)\)", guard.condition)
            arguments = [part.strip() for part in called[0].split(",")] if called else []
            return bool(arguments) and len(arguments) == 1 and guard.condition.startswith(("not ", "refuses(")) \
                and repr(scope.get(arguments[0])) in truths
        return not _guard_fires(guard.condition, values)

    def _stub_tests(self) -> list[dict[str, Any]]:
        values = self._sample_values(self.command, 0)
        test = self._test("runs", cli_arguments(self.command, values))
        test["xfail"] = f"{self.command.name} is not implemented yet"
        return [test]


# ---------------------------------------------------------------- rendering a body


def _may_be_left_out(command) -> set[str]:
    """The parameters whose default is none: an option the user may leave out (`--frames`),
    so the body reads them as "not given" before using them."""
    return {param.name for param in command.params
            if param.default is not None and literal_value(param.default) is None}


def _value_source(value: str) -> str:
    if value.startswith("not param:"):  # `--unbilled` over `billable`
        return f"not {python_name(value[10:])}"
    if value.startswith(("call:", "expr:")):  # a field a spec function works out: price(minutes); a product
        return re.sub(r"param:(\w+)", lambda m: python_name(m.group(1)), value[5:])
    if value.startswith("other:"):  # "all the loser's wins": the second record's field
        return f"other.{value[6:]}"
    return python_name(value[6:]) if value.startswith("param:") else value


def _filter_source(flt, params: dict[str, Any]) -> str:
    def text(expression: str) -> str:
        return f"str({expression}).casefold()" if flt.ignore_case else expression

    item = flt.call or f"item.{flt.field}"  # `category(item.sys, item.dia)` for `--high`
    value = _value_source(flt.value) if flt.value else None
    if flt.op == "is true":
        condition = item
    elif flt.op == "is false":
        condition = f"not {item}"
    elif flt.op in ("contains", "==") and flt.fields:  # any of the fields: "what that person brought or took"
        shown = "{} in {}" if flt.op == "contains" else "{} == {}"
        condition = " or ".join(shown.format(text(value), text('item.' + name)) for name in flt.fields)
        condition = f"({condition})"
    elif flt.op == "contains":
        condition = f"{text(value)} in {text(item)}"
    elif flt.op == "starts with":
        condition = f"{text(f'str({item})')}.startswith({text(value)})"
    elif flt.op.endswith(" days from"):  # ISO days compare as text: [start, start + N days)
        condition = f"{value} <= {item} < {value}_until"  # the end worked out once (render_body)
    elif flt.op == "any contains":
        condition = f"any({text(value)} == {text('element')} for element in {item})"
    elif flt.ignore_case and flt.op in ("==", "!="):
        condition = f"{text(item)} {flt.op} {text(value)}"
    else:
        condition = f"{item} {flt.op} {value}"
    if flt.when:
        param = python_name(flt.when)
        option = params.get(flt.when)
        default = default_source(option.default) if option is not None else None
        if option is not None and type_name(option.type) == "bool":
            condition = f"(not {param} or {condition})"
        elif default in (None, "None"):
            condition = f"({param} is None or {condition})"
        else:  # an option that keeps its default does not filter
            condition = f"({param} == {default} or {condition})"
    if flt.unless:
        condition = f"({python_name(flt.unless)} or {condition})"
    return condition


def render_body(plan: CommandPlan) -> list[str]:
    """The command's body, statement by statement, from its interpretation; a word that the
    spec shows agreeing with its number (`1 night`, `2 nights`) agrees in every line; a
    refusal that shows an argument "as typed" shows it before any cleaning."""
    texts = {python_name(p.name) for p in plan.command.params if type_name(p.type) == "str"} | {
        f"item.{f.name}" for f in (plan.entity.fields if plan.entity is not None else ()) if type_name(f.type) == "str"}
    writing = {function.name for function in plan.facts.project.functions  # `{ordinal(n)} tooth`: a text's
               if function.returns is not None and type_name(function.returns) == "str"}
    lines = [agreeing(line, plan.facts.agreement, texts, writing) for line in _render_body(plan)]
    for name, messages in typed_messages(plan.command, plan.facts.project).items():
        typed = python_name(name)
        refusing = [i for i, line in enumerate(lines) if re.search(rf"\bfail\(f[\"'].*\{{{typed}\}}", line)
                    and not _shown_as_kept(line, typed, plan.command.description or "")
                    and (messages is None or _refusal_message(line) in messages)]
        if not refusing:
            continue
        for index in refusing:
            lines[index] = re.sub(rf"\{{{typed}\}}", "{" + typed + "_typed}", lines[index])
        lines.insert(0, f"{typed}_typed = {typed}")
    for param in plan.command.params:  # "prints "no exam with code CODE" (CODE in capital letters)", the code found
        name = python_name(param.name)  # any case: written in capitals whatever was typed
        if type_name(param.type) != "str" or any(re.match(rf"{name} = (?:None if {name} is None else )?str\.(?:upper|lower)\(",
                                                          line) for line in lines):
            continue
        for index, line in enumerate(lines):
            cased = _cased_in_message(line, name, plan.command.description or "")
            if cased:
                lines[index] = re.sub(rf"\{{{name}\}}", "{" + f"{name}.{cased}()" + "}", line)
    return lines


def _refusal_message(line: str) -> str | None:
    """The message a rendered ``fail(f"...")`` line prints, its arguments back in capitals:
    ``fail(f"not a tag: {tag}", 2)`` -> ``not a tag: TAG``."""
    said = re.search(r"\bfail\(f([\"'])(.*?)\1", line)
    return re.sub(r"\{(\w+)\}", lambda m: m.group(1).upper(), said.group(2)) if said else None


def _refusal_note(line: str, name: str, description: str) -> str | None:
    """The note the words put after a refusal's message about the argument ``name`` shows:
    "prints "exam CODE already exists" (CODE in capital letters)" -> "CODE in capital letters"."""
    message = _refusal_message(line)
    if message is None or "{" + name + "}" not in line:
        return None
    note = re.search(rf"[\"`]{re.escape(message)}[\"`](?: and exits with (?:the )?status \d+)? \(([^()]*)\)",
                     " ".join(description.split()))  # ("... and exits with status 1 (TAG in capitals)")
    return note.group(1) if note and re.search(rf"\b{name.upper()}\b", note.group(1)) else None


def _shown_as_kept(line: str, name: str, description: str) -> bool:
    """Whether the words note that this refusal shows the argument as it is kept, not as typed:
    "(CODE in capital letters)", "(NAME spelt the way it's kept)"."""
    note = _refusal_note(line, name, description)
    return bool(note and re.search(
        r"\bin capital(?: letter)?s\b|\bupper ?case\b|\bin small letters\b|\blower ?case\b|\b(?:as|the way) (?:it's|it is|"
        r"they're|they are) (?:kept|stored|saved)\b|\bas (?:kept|stored|saved)\b|\b(?:how|like) (?:it's|its|it is) "
        r"(?:kept|stored|saved)\b", note))


def _cased_in_message(line: str, name: str, description: str) -> str | None:
    """"upper" or "lower" where the words note that a refusal writes the argument in capitals or in
    small letters: "(CODE in capital letters)"."""
    note = _refusal_note(line, name, description) or ""
    return "upper" if re.search(r"\bin capital(?: letter)?s\b|\bupper ?case\b", note) else \
        "lower" if re.search(r"\bin small letters\b|\blower ?case\b", note) else None


NUMBER_AND_WORD = re.compile(r"\{([^{}'\"]+?)(:[^{}'\"]*)?\} ([a-z]+)\b(?: ([a-z]+)\b)?")


def agreeing(line: str, agreement: dict[str, str], texts: set[str] = frozenset(),
             writing: set[str] = frozenset()) -> str:
    """``{count} nights`` -> ``{count} {'night' if count == 1 else 'nights'}`` inside an
    f-string of a rendered line, for the words in ``agreement`` (plural -> singular); a word
    after one of the ``texts`` (`no free {kind} pair`), or after a call of one of the ``writing``
    functions, which return text (`{ordinal(n)} tooth`), is no count's."""
    if not agreement or "{" not in line:
        return line

    singulars = {one: many for many, one in agreement.items()}  # `worn {item.worn} time`, learned from `worn 1 time`

    def agree(match: re.Match) -> str:
        expression, spec, word, after = match.groups()
        called = re.match(r"\(*(\w+)\(", expression)
        if expression in texts or (called is not None and called.group(1) in writing):
            return match.group(0)
        rest = ""
        if after is not None and f"{word} {after}" in agreement:  # `{count} released hogs`: two words agree
            word = f"{word} {after}"
        elif after is not None:
            rest = f" {after}"
        many = word if word in agreement else singulars.get(word)
        if many is None:
            return match.group(0)
        return "{" + expression + (spec or "") + "} {" + f"{agreement[many]!r} if {expression} == 1 else {many!r}" + "}" + rest
    return NUMBER_AND_WORD.sub(agree, line)


def string_letters(first: str) -> str:
    """The letters from ``first`` to the end of its alphabet: ``"b"`` -> ``"bcd...z"``."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    letters = letters.upper() if first.isupper() else letters
    return letters[letters.index(first):]


def _check_lines(guard, command, left_out) -> list[str]:
    """``if CONDITION: fail(MESSAGE, STATUS)`` for a check on the arguments; an option left out
    is not checked."""
    names = re.sub(r"'[^']*'|\"[^\"]*\"", "", guard.condition)  # the names it reads, not words in literals
    optional = [python_name(param.name) for param in command.params  # `fix --frames` left out: no check
                if param.name in left_out and re.search(rf"\b{re.escape(param.name)}\b", names)
                and not re.search(rf"\b{re.escape(param.name)} is None\b", names)]  # "neither option given"
    condition = _renamed(guard.condition, command)
    parts = _top_level_or(condition)
    reads = {frozenset(name for name in optional if re.search(rf"\b{name}\b", part)) for part in parts}
    if optional and len(reads) > 1:  # "eggs or chicks below 0": each option checked when it is given
        condition = " or ".join(
            "(" + " and ".join([*(f"{name} is not None" for name in optional if re.search(rf"\b{name}\b", part)),
                                f"({part})"]) + ")" for part in parts)
    elif optional:
        condition = " and ".join(f"{name} is not None" for name in optional) + f" and ({condition})"
    return [f"if {condition}:", f"    fail({_message_source(guard.message, command)}, {guard.status})"]


def _top_level_or(condition: str) -> list[str]:
    """The operands of a condition's outermost ``or`` (one when it has none): ``(a < 0) or (b <
    0)`` -> ``["(a < 0)", "(b < 0)"]``; brackets and quotes are respected."""
    parts, depth, quote, start = [], 0, "", 0
    for index, char in enumerate(condition):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif depth == 0 and condition.startswith(" or ", index):
            parts.append(condition[start:index])
            start = index + 4
    return [*parts, condition[start:]]


def _render_body(plan: CommandPlan) -> list[str]:
    interpretation = plan.interpretation
    command = plan.command
    params = {param.name: param for param in command.params}
    lines: list[str] = []
    for param in command.params:
        if is_list(param.type):
            lines.append(f"{python_name(param.name)} = list({python_name(param.name)})")
    where = trace_of(command.span).split(": ", 1)[0]
    for name in interpretation.unused_params:  # never accept an option silently
        param = params.get(name)
        if param is not None and param.default is not None:
            lines.append(f"ignored_option({python_literal(python_name(name))}, "
                         f"{python_literal(command.name)}, {python_literal(where)})")
    raising = {function.name for function in plan.facts.project.functions
               if any(example.raises for example in function.examples)}

    def transformed(param: str, function: str) -> list[str]:
        name = python_name(param)
        optional = param in left_out
        applied = f'" ".join({name}.split())' if function == "str.squeeze" else f"round({name}, {function[6:]})" \
            if function.startswith("round.") else f"{function}({name})"  # runs of blanks made one; "rounded to 1
        # decimal when logged"
        line = f"{name} = None if {name} is None else {applied}" if optional else f"{name} = {applied}"  # made one
        refusal = next((guard for guard in interpretation.guards if guard.kind == "check" and re.search(
            rf"\b{re.escape(name)}\b", guard.condition or "")), None) if function in raising else None
        if refusal is None:
            return [line]
        # "a species that is empty once it has been cleaned", where clean_species raises on blanks: its refusal
        return ["try:", f"    {line}", "except ValueError:",
                f"    fail({_message_source(refusal.message, command)}, {refusal.status})"]

    left_out = _may_be_left_out(command)
    refused_by = {re.match(r"refuses\((\w+)\(", guard.condition).group(1) for guard in interpretation.guards
                  if guard.kind == "predicate" and re.match(r"refuses\(\w+\(", guard.condition or "")}
    early = [(param, function) for param, function in interpretation.transforms
             if function not in refused_by] if interpretation.cleaned_first else []  # "refuses the cleaned code" (not
    # a cleaner whose own refusal is a check: "If tag_code can't make sense of it, the command prints ...")
    lines += [line for param, function in early for line in transformed(param, function)]
    cased = {param for param, function in interpretation.transforms if function.startswith("str.")}
    refusing = [index for index, guard in enumerate(interpretation.guards)
                if guard.kind == "predicate" and guard.condition.startswith("refuses(")]
    # "The checks, in this order": the checks said before the last refusing function keep their places among
    # the refusals (a day before the amount to_pence reads, the pairs before the channel check_channel reads)
    leading = [guard for guard in interpretation.guards[:refusing[-1] if refusing else 0]
               if guard.kind in ("check", "predicate") and not guard.condition.startswith("refuses(") and not any(
                   re.search(rf"\b{re.escape(name)}\b", guard.condition) for name in cased)]
    for guard in interpretation.guards:  # the argument as typed: the spec function reads its own case
        if guard in leading:
            lines += _check_lines(guard, command, left_out)
        refused = re.fullmatch(r"refuses\((.+)\)", guard.condition) if guard.kind == "predicate" else None
        if refused:  # "a grade not on the scale" where grade_rank() raises off the scale
            optional = [python_name(param.name) for param in command.params  # `--material` left out: nothing to check
                        if param.name in left_out and re.search(rf"\b{re.escape(param.name)}\b", refused.group(1))]
            check = ["try:", f"    {_renamed(refused.group(1), command)}",
                     "except (ValueError, KeyError, LookupError, TypeError):",
                     f"    fail({_message_source(guard.message, command)}, {guard.status})"]
            if guard.function in plan.facts.unimplemented_functions:  # the check waits for the function; the
                check += ["except NotImplementedError:",  # command reports it missing (partial), the rest works
                          f"    pass  # {guard.function} is not implemented yet: this check is not made"]
            lines += [f"if {' and '.join(f'{name} is not None' for name in optional)}:",
                      *("    " + line for line in check)] if optional else check
    cases = [(param, function) for param, function in interpretation.transforms
             if function.startswith("str.") and (param, function) not in early]
    for param, function in cases:  # "yes or no (any case; saved in lower case)": checked as saved
        lines += transformed(param, function)
    held: list[str] = []  # "Things it won't accept, checked in this order: a plot we don't have on the books (...),
    said = command.description or ""
    bullets = [error.message for error in command.errors]  # (the error bullets, in their order, after the prose)

    order = getattr(command, "error_order", None) or []

    def stated_at(message: str) -> int:
        bullet = next((index for index, written in enumerate(order) if message == written
                       or f'"{message}"' in written or f"`{message}`" in written), None)
        if bullet is not None:  # a bullet, also one read as prose for its note ("(BED in caps)"): where it was written
            return len(said) + bullet
        found = said.find(re.split(r"\b[A-Z][A-Z_]*[A-Z]\b", message)[0])
        return found if found >= 0 or message not in bullets else len(said) + bullets.index(message)

    placed = [(guard.kind, stated_at(guard.message)) for guard in
              interpretation.guards if guard.kind in ("lookup", "check", "predicate") and guard.message.strip()]
    looked = [at for kind, at in placed if kind == "lookup" and at >= 0]
    lookup_first = interpretation.select in ("key", "position") and bool(looked) and all(
        min(looked) < at for kind, at in placed if kind != "lookup" and at >= 0) and re.search(
        r"\b(?:checked |checks? |tested )?in (?:this|that|the following) order\b|"
        r"\b(?:is |are )?(?:looked up|found|located) first\b", said.lower())  # a score ...": the
    # record found first, where the words list its refusal before the arguments' checks
    cleaned = {param for param, function in interpretation.transforms if not function.startswith(("str.", "stored:"))}
    as_kept = [guard for guard in interpretation.guards if guard.kind == "check" and (any(
        re.search(rf"\b{re.escape(param)} (?:==|!=) ['\"]", guard.condition) for param in cleaned) or re.fullmatch(
        rf"({'|'.join(map(re.escape, cleaned))}) (?:==|!=) ({'|'.join(map(re.escape, cleaned))})", guard.condition or "")
        if cleaned else False)]  # (two names compared as they are kept: " dave " is Dave)
    # ("more than zero when the species is "none"", the species cleaned with clean_species: compared as kept)
    for guard in interpretation.guards:
        if guard.kind in ("check", "predicate") and not guard.condition.startswith("refuses(") \
                and guard not in leading and not guard.shown and guard not in as_kept:  # (a count of what would go:
            # once it is known)
            (held if lookup_first else lines).extend(_check_lines(guard, command, left_out))
        elif guard.kind == "reference":  # "a hive number not in the book": a record of another store
            name, store, key = guard.condition.split(":")
            other = next(s for s in plan.facts.project.stores if s.name == store)
            fold = ".casefold()" if (guard.trigger or {}).get("ignore_case") else ""  # "(ignoring capitals)"
            found = f"str(other.{key}){fold} == str({python_name(name)}){fold}"
            lines += [f"if not any({found} for other in {store_class_name(other)}().all()):",
                      f"    fail({_message_source(guard.message, command)}, {guard.status})"]
    for flt in interpretation.filters:  # a window of days from an argument: the argument is a day
        if flt.op.endswith(" days from") and (flt.value or "").startswith("param:"):
            name = python_name(flt.value[6:])
            end = f"(date.fromisoformat({name}) + timedelta(days={int(flt.op.split()[0])})).isoformat()"
            lines += ["try:", f"    {name}_until = {f'None if {name} is None else ' if flt.when else ''}{end}",
                      "except ValueError:",
                      f"    fail(f\"{flt.value[6:]} must be a day, YYYY-MM-DD (got {{{name}!r}})\", 2)"]
    for param, function in interpretation.transforms:
        if (param, function) not in cases and (param, function) not in early and not function.startswith("stored:"):
            lines += transformed(param, function)
    for param, function, flag in interpretation.flagged_transforms:  # "`--vat`: ... VAT added (with_vat)"
        lines += [f"if {python_name(flag)}:", f"    {python_name(param)} = {function}({python_name(param)})"]
    for guard in as_kept:
        lines.extend(_check_lines(guard, command, left_out))
    if interpretation.operation == "custom":
        lines.append(f"click.echo({interpretation.call})")
        return lines
    store_class = plan.view["store_class"]
    entity = plan.entity
    lines.append(f"store = {store_class}()")
    for param, function in interpretation.transforms:  # "filed under the name their earlier visits are filed under"
        if function.startswith("stored:") and function.count(":") == 2:  # "as their name is stored on the member"
            _, other_name, field_name = function.split(":")
            other = next(s for s in plan.facts.project.stores if s.name == other_name)
            name = python_name(param)
            lines.append(f"{name} = next((other.{field_name} for other in {store_class_name(other)}().all() "
                         f"if str(other.{field_name}).casefold() == str({name}).casefold()), {name})")
        elif function.startswith("stored:"):
            name, field_name = python_name(param), function[7:]
            lines.append(f"{name} = next((item.{field_name} for item in store.all() "
                         f"if str(item.{field_name}).casefold() == str({name}).casefold()), {name})")
    for guard in interpretation.guards:  # the argument against a ledger's sum, before anything is written
        if guard.kind == "stored":
            lines += [f"if {_renamed(guard.condition, command)}:",
                      f"    fail({_message_source(guard.message, command)}, {guard.status})"]
    if interpretation.operation in ("add", "update"):  # (an update: "the same slot on TO already booked")
        for guard in interpretation.guards:
            if guard.kind == "duplicate":
                fold = ".casefold()" if (guard.trigger or {}).get("ignore_case") else ""
                same = " and ".join(
                    f"str(item.{field_name}){fold} == str({_key_source(param)}){fold}" if fold
                    else f"item.{field_name} == {_key_source(param)}"
                    for field_name, param in (pair.split(":", 1) for pair in guard.condition.split(",")))
                if (guard.trigger or {}).get("among"):  # only records in that state count
                    same += f" and {guard.trigger['among']}"
                if (guard.trigger or {}).get("differs"):  # "already on file with a different owner or species"
                    same += " and (" + " or ".join(
                        f"str(item.{field_name}){fold} != str({_key_source(param)}){fold}"
                        for field_name, param in (pair.split(":", 1) for pair in guard.trigger["differs"].split(","))) + ")"
                if (guard.trigger or {}).get("others") and interpretation.select == "key" and interpretation.locate_field:
                    located = interpretation.locate_field  # "a name another wine has": not the one being renamed
                    fold = ".casefold()" if interpretation.locate_ignore_case else ""
                    same += (f" and str(item.{located}){fold} != str({python_name(interpretation.locate_param)}){fold}"
                             if fold else f" and item.{located} != {python_name(interpretation.locate_param)}")
                if guard.shown:  # "locker LOCKER is taken by RENTER": who holds the record that clashes
                    lines += ["for item in store.all():", f"    if {same}:",
                              f"        fail({_state_message_source(guard, command, entity)}, {guard.status})"]
                    continue
                lines += [f"if any({same} for item in store.all()):",
                          f"    fail({_message_source(guard.message, command)}, {guard.status})"]
    if interpretation.operation == "add":
        fallback = {f.name: f.default for f in entity.fields if f.default is not None}
        arguments = [f"{name}={_value_source(value)}" if not (value.startswith("param:") and value[6:] in left_out
                                                               and literal_value(fallback.get(name)) is not None)
                     else f"{name}={_value_source(value)} if {_value_source(value)} is not None else "
                          f"{python_literal(literal_value(fallback[name]))}"  # "--price, or 8.00 when left out"
                     for name, value in interpretation.constructor.items()]
        prefixes = interpretation.auto_prefix
        counted = [f"{name} = {prefixes[name]!r} + str(store.next_number({name!r}))" if name in prefixes
                   else f"{name} = store.next_number({name!r})" for name in interpretation.auto_fields] \
            if interpretation.counted else []  # never reused: given only when a record is made
        for name in interpretation.auto_fields:
            if not interpretation.counted and name in prefixes:  # `T3` after `T1` and `T2`
                digits = f"str(item.{name})[{len(prefixes[name])}:]"
                lines.append(f"{name} = {prefixes[name]!r} + str(max((int({digits}) for item in store.all() "
                             f"if {digits}.isdigit()), default=0) + 1)")
            elif not interpretation.counted:
                first = interpretation.auto_start.get(name, 1)  # "101 if the book's empty"
                lines.append(f"{name} = max((item.{name} for item in store.all()), default={first - 1}) + 1")
            arguments.append(f"{name}={name}")
        if counted and not interpretation.merge:
            lines += counted
        if interpretation.merge:  # the words: a record with the same keys takes the new numbers
            same = " and ".join(f"item.{name} == {_value_source(interpretation.constructor[name])}"
                                for name in interpretation.merge)
            found = f"found = next(((position, item) for position, item in enumerate(store.all(), start=1) if {same}), None)"
            lines += [found, "if found is not None:", "    position, item = found"]
            for a in interpretation.assignments:
                value = _value_source(a.value)
                if a.op == "add":
                    lines.append(f"    item.{a.field} = item.{a.field} + {value}")
                elif a.value.startswith("param:") and a.value[6:] in left_out:  # "if I give --price"
                    lines += [f"    if {value} is not None:", f"        item.{a.field} = {value}"]
                else:
                    lines.append(f"    item.{a.field} = {value}")
            lines += ["    store.update(position - 1, item)", "else:", *(f"    {line}" for line in counted),
                      f"    item = {entity.name}({', '.join(arguments)})", "    position = store.add(item) + 1"]
        else:
            lines.append(f"item = {entity.name}({', '.join(arguments)})")
            if interpretation.unique:  # "`b` on the end, then `c`, and so on": the first one that's free
                name, first, kind = interpretation.unique
                prefix, start = re.fullmatch(r"(\D*)(\d*)", first).groups() if kind == "numbers" else ("", "")
                suffixes = f"iter({string_letters(first)!r})" if kind == "letters" else \
                    f"({prefix!r} + str(number) for number in range({int(start)}, {int(start)} + 100000))"
                lines += [f"base, suffixes = item.{name}, {suffixes}",
                          f"taken = {{str(other.{name}) for other in store.all()}}",
                          f"while item.{name} in taken:",
                          f"    item.{name} = base + next(suffixes)"]
            lines.append("position = store.add(item) + 1")
        message = plan.message_expression(_led(interpretation, f"{plan.view['formatter']}(position, item)")
                                          if interpretation.bare_line
                                          else f"f\"added: {{{plan.view['formatter']}(position, item)}}\"")
        if message:
            lines.append(f"click.echo({message})")
        return lines
    lines.append("rows = list(enumerate(store.all(), start=1))")
    for guard in interpretation.guards:  # "An empty barn says `barn is empty`": before any filter
        if guard.kind == "empty" and (guard.trigger or {}).get("store"):
            said = f"click.echo({_message_source(guard.message, command, written=True)})" if guard.status == 0 \
                else f"fail({_message_source(guard.message, command)}, {guard.status})"
            lines += ["if not rows:", f"    {said}", *(["    return"] if guard.status == 0 else [])]
    select = interpretation.select
    placed = select == "position" and interpretation.order is not None  # "by its place in plain `list`": the
    # place in that order (the store's own place kept for the write)
    if select == "position" and not placed:
        lines.append(f"rows = [row for row in rows if row[0] == {python_name(interpretation.locate_param)}]")
    elif select == "key" and interpretation.locate_ignore_case:
        lines.append(f"rows = [row for row in rows if str(row[1].{interpretation.locate_field})"
                     f".casefold() == str({python_name(interpretation.locate_param)}).casefold()]")
    elif select == "key":
        lines.append(f"rows = [row for row in rows if row[1].{interpretation.locate_field} == "
                     f"{python_name(interpretation.locate_param)}]")
    for flt in interpretation.filters:
        lines.append(f"rows = [(position, item) for position, item in rows if {_filter_source(flt, params)}]")
    if interpretation.expand and interpretation.operation in ("list", "show"):  # a line per element
        lines.append(f"rows = [(position, {entity.name}.from_dict({{**item.to_dict(), "
                     f"{interpretation.expand!r}: [element]}})) for position, item in rows "
                     f"for element in item.{interpretation.expand}]")
    if select == "latest":
        lines.append("rows = rows[-1:]")
    elif select == "first":
        lines.append("rows = rows[:1]")
    flagged = bool(interpretation.order_choices) and list(interpretation.order_choices[1]) == ["True"]
    if interpretation.order_choices and not flagged:  # "`--sort age` puts the oldest first": the argument picks
        param, choices = interpretation.order_choices
        name = python_name(param)
        flip = f" != bool({python_name(interpretation.order_flip)})" if interpretation.order_flip else ""
        if all(len(choice) == 2 for choice in choices.values()):
            table = ", ".join(f"{value!r}: ({target!r}, {bool(descending)})" for value, (target, descending) in choices.items())
            lines += [f"orders = {{{table}}}", f"if {name} not in orders:",
                      f"    fail(f\"--{param} must be one of: {', '.join(choices)} (got {{{name}!r}})\", 2)",
                      f"field_name, descending = orders[{name}]",
                      "rows.sort(key=lambda row: row[0] if field_name == \"position\" else getattr(row[1], field_name),",
                      f"          reverse=descending{flip})"]
        else:  # a choice with its ties ("`--by year`: the oldest year first; within a year, A to Z"): the tie first
            table = ", ".join(f"{value!r}: ({', '.join(f'({choice[i]!r}, {bool(choice[i + 1])})' for i in range(0, len(choice), 2))},)"
                              for value, choice in choices.items())
            lines += [f"orders = {{{table}}}", f"if {name} not in orders:",
                      f"    fail(f\"--{param} must be one of: {', '.join(choices)} (got {{{name}!r}})\", 2)",
                      f"for field_name, descending in reversed(orders[{name}]):",
                      "    rows.sort(key=lambda row: row[0] if field_name == \"position\" else getattr(row[1], field_name),",
                      f"              reverse=descending{flip})"]
    for sort in (interpretation.then_by and interpretation.last_by, interpretation.then_by,
                 interpretation.order) if not interpretation.order_choices or flagged else ():
        if sort is not None and interpretation.order is not None and not interpretation.order[0].startswith("value"):
            field_name, descending = sort  # ("value", ...) orders the groups of an aggregate
            key = "row[0]" if field_name == "position" else f"row[1].{field_name}"
            if field_name.startswith("call:"):  # a spec function of the record: per_hour(paid, minutes)
                key = call_on_item(field_name, "row[1]")
            elif field_name.startswith("rank:"):  # "the sizes go small, medium, large": their place in the list
                _, ranked, listed = field_name.split(":", 2)
                values = python_literal(listed.split("|"))
                key = f"({values}.index(row[1].{ranked}) if row[1].{ranked} in {values} else {len(listed.split('|'))})"
            elif field_name.startswith("number:"):  # "in the order of their numbers (T2 comes before T10)"
                key = f"int('0' + ''.join(char for char in str(row[1].{field_name[7:]}) if char.isdigit()))"
            elif field_name.startswith("natural:"):  # "berths sort by pontoon letter, then number (C2 before C10)"
                value = f"str(row[1].{field_name[8:]})"
                key = (f"({value}.rstrip('0123456789'), int('0' + ''.join(char for char in {value} "
                       f"if char.isdigit())))")
            text = any(f.name == field_name and type_name(f.type) == "str" for f in entity.fields)
            key = f"str({key}).casefold()" if interpretation.fold_case and text else key
            if interpretation.order_flip:  # "--desc to flip": the flag turns it around
                lines.append(f"rows.sort(key=lambda row: {key}, reverse={descending} != bool("
                             f"{python_name(interpretation.order_flip)}))")
            else:
                lines.append(f"rows.sort(key=lambda row: {key}{', reverse=True' if descending else ''})")
    if flagged:  # "With `--hottest`, the hottest sauce comes first": over the usual order, whose ties it keeps
        field_name, descending = interpretation.order_choices[1]["True"]
        text = any(f.name == field_name and type_name(f.type) == "str" for f in entity.fields)
        key = "row[0]" if field_name == "position" else f"str(row[1].{field_name}).casefold()" \
            if text and interpretation.fold_case else f"row[1].{field_name}"
        lines += [f"if {python_name(interpretation.order_choices[0])}:",
                  f"    rows.sort(key=lambda row: {key}{', reverse=True' if descending else ''})"]
    if placed:
        place = python_name(interpretation.locate_param)
        lines.append(f"rows = rows[{place} - 1:{place}] if {place} >= 1 else []")
    if interpretation.best_of and interpretation.operation in ("list", "show"):  # "per species, the visit with the
        group, measured, more = interpretation.best_of  # most chicks": the first such in the order so far, a group each
        key = f"str(item.{group}).casefold()" if interpretation.group_fold else f"item.{group}"  # "the same house"
        better = ('>' if more else '<') + ('=' if interpretation.best_ties_last else '')  # "the one noted last"
        lines += ["best: dict = {}", "for position, item in rows:",
                  f"    if {key} not in best or item.{measured} {better} best[{key}][1].{measured}:",
                  f"        best[{key}] = (position, item)",
                  "rows = [best[key] for key in sorted(best)]"]
    grouped = interpretation.aggregate is not None and interpretation.aggregate.group_by \
        and interpretation.operation == "aggregate"  # its limit counts groups, not records
    if interpretation.limit and not grouped:
        limit = _value_source(interpretation.limit)
        param = next((p for p in plan.command.params if interpretation.limit == f"param:{p.name}"), None)
        lowest = 1 if param is not None and str(param.default).strip() == "0" else 0  # `--last 0`: all
        counted = python_name(interpretation.limit[7:]) if interpretation.limit.startswith("-param:") else None
        lines.append(f"rows = rows[-{counted}:] if {counted} else rows" if counted else  # `--last N`
                     f"rows = rows[{limit}:]" if limit.startswith("-") else  # "the last seven"
                     f"rows = rows[:{limit}]" if not interpretation.limit.startswith("param:") else
                     f"rows = rows[:{limit}] if {limit} is not None and {limit} >= {lowest} else rows")
    refusals = [g for g in interpretation.guards if g.kind in ("lookup", "empty") and not (g.trigger or {}).get("store")]
    if interpretation.creates and select == "key" and interpretation.operation == "update" and entity is not None:
        given = {interpretation.locate_field: interpretation.locate_param,
                 **{f.field: f.value[6:] for f in interpretation.filters if (f.value or "").startswith("param:")},
                 **{p.name: p.name for p in command.params  # (a field with a default keeps it: the change follows)
                    if any(f.name == p.name and f.default is None for f in entity.fields)}}
        made = ", ".join(f"{name}={python_name(param)}" for name, param in given.items() if name)
        lines += ["if not rows:  # none yet: made first, then changed",
                  f"    item = {entity.name}({made})",
                  "    rows = [(store.add(item) + 1, item)]"]
        refusals = [g for g in refusals if g.kind != "lookup"]
    if select == "key" and interpretation.operation == "update":
        flags = [a for a in interpretation.assignments if a.op == "set" and a.value in ("True", "False")]
        if flags and _several_found(plan):  # "marks the book as back": the loan not back yet, when there is one
            changes = " or ".join(f"row[1].{a.field} != {a.value}" for a in flags)
            # all of them, unless a refusal is about there being none still to change ("nothing to
            # settle for BIKE") rather than about the key ("no such book", "already back")
            fallback = " or rows" if not refusals or _says_not_found(refusals[0].message, entity) \
                or any(g.kind == "state" for g in interpretation.guards) else ""
            lines.append(f"rows = [row for row in rows if {changes}]{fallback}")
    if refusals and refusals[0].status == 0:  # "when there is nothing to show it prints ..."
        said = _message_source(refusals[0].message, command, written=True)
        flagged = refusals[0].trigger or {}
        if flagged.get("when"):  # "or `nothing sold out yet` when `--sold-out` was given"
            said = f"{_message_source(flagged['message'], command, written=True)} if {python_name(flagged['when'])} " \
                   f"else {said}"
        lines += ["if not rows:", f"    click.echo({said})", "    return"]
    elif refusals:
        guard = refusals[0]
        lines += ["if not rows:", f"    fail({_message_source(guard.message, command)}, {guard.status})", *held]
        held = []
    elif (select in ("position", "key") or (select == "latest" and interpretation.operation != "list")) \
            and not interpretation.creates:
        what = f"{entity.name.lower()} {{{python_name(interpretation.locate_param)}!r}}" \
            if interpretation.locate_param else entity.name.lower()
        lines += ["if not rows:", f"    fail(f\"no such {what}\", 1)"]
    lines += held  # (never dropped: after whichever refusal came first)
    for guard in interpretation.guards:  # "this would remove N legs, add --yes": the rows that would go
        if guard.kind == "check" and guard.shown == ("N",):
            counted = re.sub(r"\bN\b", "{count}", guard.message.replace("{", "{{").replace("}", "}}"), count=1)
            lines += ["count = len(rows)", f"if {_renamed(guard.condition, command)}:",
                      f"    fail({template_expression(counted)}, {guard.status})"]  # (a condition may ask how many)
    for guard in interpretation.guards:  # on the record found, before anything is written
        if guard.kind == "state":  # the arguments under their names in the module (`rows_`)
            message = _state_message_source(guard, command, entity, interpretation.definitions)
            if guard.status == 0 and "item." not in message:  # "if I'd already ticked it that's not an error, it
                lines += [f"if any({_renamed(guard.condition, command)} for position, item in rows):",  # just prints
                          f"    click.echo({message})", "    return"]  # `already read KEY`": nothing changes
                continue
            lines += [f"if any({_renamed(guard.condition, command)} for position, item in rows):",
                      f"    fail({message}, {guard.status})"] if "item." not in message else [
                "for position, item in rows:",  # "only N left in CODE": N is what the record holds
                f"    if {_renamed(guard.condition, command)}:",
                *([f"        fail({message}, {guard.status})"] if guard.status else [
                    f"        click.echo({message})", "        return"])]  # (an answer, not an error: on stdout)
    operation = interpretation.operation
    line = plan.line_expression()
    if operation in ("list", "show"):
        rows = "enumerate((item for _, item in rows), start=1)" if interpretation.numbered else "rows"
        if interpretation.prefix:  # "`RATE/h ` followed by the stay"
            line = f"{template_expression(interpretation.prefix)} + {line}"
        formatter = plan.facts.formatters[plan.store.name]
        suffix = interpretation.suffix
        if suffix and line.startswith(formatter["name"] + "(") and ("suffix", *suffix) in formatter["parts"]:
            suffix = None  # the store's line writes this command's marker already
        lines += [f"for position, item in {rows}:", f"    click.echo({_suffixed(line, suffix)})"]
        if interpretation.total and "{count}" in interpretation.total:  # "and then a last line `total: N`"
            lines += ["count = len(rows)", f"click.echo({template_expression(interpretation.total)})"]
        elif interpretation.total and re.search(r" for (?:_, )?item in (?:rows|\(item for _, item in rows\)|store\.all\(\))",
                                                interpretation.total):  # "`total: N` (all runs)", "counts the whole register"
            lines.append(f"click.echo({template_expression(interpretation.total)})")
    elif operation == "count":
        message = plan.message_expression('f"{count}"', number="count")
        if message and _reads_a_record(message, plan.command, plan.entity):  # `N stays, ..., COST euro` as one count
            where = trace_of(plan.command.span).split(": ", 1)[0]  # is there to take NIGHTS from
            lines.append(f"not_implemented({python_literal('a line naming a record over one count')}, "
                         f"{python_literal(where)})")
        else:
            lines += ["count = len(rows)", f"click.echo({message})"]
    elif operation == "aggregate":
        lines += _aggregate_lines(plan)
    elif operation == "update":
        if interpretation.absorb:  # "the loser comes out of the book": found by its own argument, after the first
            other, key = interpretation.absorb.split(":")
            fold = ".casefold()" if interpretation.locate_ignore_case else ""
            missing = next((g for g in interpretation.guards if g.kind == "absorbed"), None)
            said = _message_source(missing.message, command) if missing else repr(f"no such {other}")
            lines += ["others = [row for row in enumerate(store.all(), start=1)",  # (never the record it changes: no
                      f"          if str(row[1].{key}){fold} == str({python_name(other)}){fold}",  # words say so, the one
                      "          and row[0] not in {position for position, _ in rows}]",  # taken in must be another)
                      "if not others:", f"    fail({said}, {missing.status if missing else 1})",
                      "other_position, other = others[0]"]
        lines.append("for position, item in rows:")
        named_old = [name[4:].lower() for name, expression in interpretation.definitions.items()
                     if name.startswith("OLD_") and re.search(r"\bold\b", expression)
                     and plan.entity is not None and any(f.name == name[4:].lower() for f in plan.entity.fields)]
        if len(interpretation.assignments) == 1 and any(re.search(r"\bold\b", expression)
                                                        for expression in interpretation.definitions.values()):
            lines.append(f"    old = item.{interpretation.assignments[0].field}")  # `OLD -> NEW`: the value before
        elif len(set(named_old)) == 1:  # `OLD_BIN -> BIN` while more than the bin changes: the bin before
            lines.append(f"    old = item.{named_old[0]}")
        fields = {f.name for f in plan.entity.fields} if plan.entity is not None else set()
        for name in dict.fromkeys(found for expression in interpretation.definitions.values()
                                  for found in re.findall(r"\bold_(\w+)\b", expression) if found in fields):
            lines.append(f"    old_{name} = item.{name}")  # "RENTER the person who had the item": before the change
        for assignment in interpretation.assignments:
            value = _value_source(assignment.value)
            target = f"item.{assignment.field}"
            if assignment.op == "set" and assignment.value.startswith("param:") and assignment.value[6:] in left_out:
                lines.append(f"    {target} = {target} if {value} is None else {value}")  # left out: as it was
                continue
            if assignment.op in ("add", "subtract") and assignment.value.startswith("param:") \
                    and assignment.value[6:] in left_out:  # an amount left out changes nothing (never `x - None`)
                sign = "+" if assignment.op == "add" else "-"
                lines.append(f"    {target} = {target} if {value} is None else {target} {sign} {value}")
                continue
            read = set(re.findall(r"\bparam:(\w+)", assignment.value)) if assignment.value.startswith("call:") else set()
            if assignment.op == "set" and len(read) == 1 and read <= left_out:  # `--fee 92.5` read by fee_cents
                lines.append(f"    {target} = {target} if {python_name(read.pop())} is None else {value}")
                continue
            if assignment.op in ("raise to", "lower to"):  # a best kept: "if the score beats my best it becomes the
                better = ">" if assignment.op == "raise to" else "<"  # new best"
                unset = f"{target} is None or " if plan.entity is not None and any(  # "(or they had none)": the first
                    f.name == assignment.field and default_source(f.default) == "None" for f in plan.entity.fields) else ""
                lines += [f"    improved = {unset}{value} {better} {target}", "    if improved:", f"        {target} = {value}"]
                continue
            lines.append({
                "set": f"    {target} = {value}",
                "append": f"    {target} = [*{target}, {value}] if {value} not in {target} else {target}",
                "discard": f"    {target} = [element for element in {target} if element != {value}]",
                "add": f"    {target} = {target} + {value}",
                "subtract": f"    {target} = {target} - {value}",
                "toggle": f"    {target} = not {target}",
                "add days": f"    {target} = (date.fromisoformat({target}) + timedelta(days={value})).isoformat()",
            }[assignment.op])
            if assignment.bound is not None:  # the field's stated range: "1 to 5"
                limit = "min" if assignment.op == "add" else "max"
                lines.append(f"    {target} = {limit}({target}, {assignment.bound})")
        vanishing = next((a for a in interpretation.assignments if a.op == "subtract"), None) \
            if interpretation.vanish is not None else None
        if vanishing is not None:  # "when that was the last one it disappears"
            lines += [f"    if item.{vanishing.field} <= 0:", "        store.remove(position - 1)"]
            if interpretation.vanish:
                gone = formatter_expression(pattern_parts(interpretation.vanish, plan.command.description,
                                                          plan.entity, writers=plan.record_writers()))
                lines += [f"        click.echo({gone})", "        continue"]
            lines.append("    else:")
        lines.append(f"    {'    ' if vanishing is not None else ''}store.update(position - 1, item)")
        left = any(a.op in ("add", "subtract") for a in interpretation.assignments) and (re.search(
            r"(?<!#)\b[A-Z] (?:left|remaining|to go)\b", interpretation.message_pattern or "")  # `NAME: N left`: the field
            or _names_the_changed_field(interpretation, entity))
        numbered = select == "key" and ((interpretation.locate_field or "").lower() in ("number", "id", "no", "nr")
                                        or bool(re.search(rf"\b{re.escape(interpretation.locate_field or '-')} N\b",
                                                          interpretation.message_pattern or "", flags=re.IGNORECASE)))
        # (`ticket N collected` over the `ticket` found by: that ticket, not how many)
        counted = re.search(r"\b(N|COUNT)\b", interpretation.message_pattern or "")
        told = re.search(rf"\b{counted.group(1)} (?:is |being |as )?(?:the )?(?:new |current |updated )?(?:number|count|"
                         rf"total) of (\w+)", plan.command.description or "") if counted else None
        if told and any(same_word(told.group(1), f.name) for f in entity.fields):
            counted = None  # "N the new number of plays": the field, not how many records changed
        if select == "matching" or (_several_found(plan) and not left and not numbered and counted and not any(
                p.name.upper() == counted.group(1) for p in plan.command.params)):  # `#N resolved` over `number`: the
            # number; (`sold COUNT NAME` over `sell(name, count)`: the count given)
            message = plan.message_expression('f"updated {count}"', number="count")
            if message:
                lines += ["count = len(rows)", f"click.echo({message})"]
        else:
            message = plan.message_expression(_led(interpretation, line) if interpretation.bare_line
                                              else f'"updated: " + {line}')  # no nested f-string (3.10)
            once = _several_found(plan) and _names_only_the_key(interpretation)  # `BIKE settled`
            if message and interpretation.message_kept:  # the best kept or not: its own line each way
                plan.interpretation = replace(interpretation, message_pattern=interpretation.message_kept)
                try:
                    kept = plan.message_expression(None)
                finally:
                    plan.interpretation = interpretation
                message = f"({message}) if improved else ({kept})" if kept else message
            if message:
                lines.append(f"{'' if once else '    '}click.echo({message})")
        if interpretation.absorb:  # the one taken in goes once the other holds what it had
            lines.append("store.remove(other_position - 1)")
    elif operation == "remove":
        lines += ["for position, item in reversed(rows):", "    store.remove(position - 1)"]
        counted = select == "key" and re.search(r"(?<!#)\bN\b", interpretation.message_pattern or "") \
            and re.search(r"\b(?:every|all)\b", (plan.command.description or "").lower()) \
            and not any(f.name.lower() in ("n", "number", "no") for f in plan.entity.fields)
        # "Take a hill out of the log, every ascent of it. Prints `forgot N ascents of PEAK`": how many went
        keyed = select == "matching" and len(interpretation.filters) == 1 and interpretation.filters[0].op == "==" \
            and (interpretation.filters[0].value or "").startswith("param:") and re.search(
                rf"\b{re.escape(interpretation.filters[0].field)} N\b", interpretation.message_pattern or "", flags=re.IGNORECASE)
        if keyed:  # `ticket N scrapped` over the orders whose ticket is the one given: that ticket, not how many
            message = plan.message_expression(f'"removed: " + {line}')
            if message:
                lines += ["for position, item in rows:", f"    click.echo({message})"]
        elif interpretation.total and interpretation.bare_line:  # each record that went, then a line over them
            lines += ["for position, item in rows:", f"    click.echo({_led(interpretation, line)})"]
            lines += ["count = len(rows)"] if "{count}" in interpretation.total else []
            lines.append(f"click.echo({template_expression(interpretation.total)})")
        elif select in ("position", "key", "latest", "first") and not counted:
            message = plan.message_expression(_led(interpretation, line) if interpretation.bare_line
                                              else f'"removed: " + {line}')
            if message:
                lines += ["for position, item in rows:", f"    click.echo({message})"]
        else:
            listed = _keys_listed(interpretation.message_pattern or "", plan.entity)
            message = _keys_listed_line(listed, plan.command.description or "") if listed else \
                plan.message_expression('f"removed {count}"', number="count")
            if message:
                lines += ["count = len(rows)", f"click.echo({message})"]
    return lines


def _keys_listed(pattern: str, entity) -> tuple[str, str, str] | None:
    """A removal's line that lists what went: `purged N: DRAWER, DRAWER, ...` -> ("purged N: ",
    "drawer", ""); None unless a field's placeholder is written twice with a comma between."""
    found = re.search(r"\b([A-Z][A-Z_]*), \1\b(?:, (?:\.\.\.|\u2026))?", pattern)
    field = _field_named(entity, found.group(1).lower(), placeholder=True) if found and entity is not None else None
    return (pattern[:found.start()], field.name, pattern[found.end():]) if field is not None else None


def _keys_listed_line(listed: tuple[str, str, str], description: str) -> str:
    """The f-string of a ``_keys_listed`` line: the count as N, the fields joined by a comma and
    a space, sorted where the words give them an order ("the codes in alphabet order")."""
    head, name, tail = listed
    values = f"str(item.{name}) for position, item in rows"
    ordered = re.search(r"\b(?:alphabet\w*|a to z|in (?:\w+ )*order)\b", description.lower())
    joined = f"', '.join(sorted({values}))" if ordered else f"', '.join({values})"

    def text(part: str) -> str:
        return re.sub(r"\bN\b", "{count}", _fstring_literal(part))
    return 'f"' + text(head) + "{" + joined + "}" + text(tail) + '"'


def _key_source(param: str) -> str:
    """A duplicate key's value: an argument, or a field a spec function works out from them
    (``call:band(param:mhz)``, "the same band")."""
    return _value_source(param) if param.startswith("call:") else python_name(param)


def _guard_fires(condition: str, values: dict[str, Any], record: dict[str, Any] | None = None) -> bool:
    """Whether a guard's own expression (spf wrote it from the clause) refuses these sample
    values (and ``item``, the record they find); a condition they cannot evaluate counts as
    refusing."""
    scope = {python_name(key): value for key, value in values.items()}
    if record is not None:
        scope["item"] = SimpleNamespace(**record)
    try:
        return bool(eval(condition, {"__builtins__": {}, "len": len, "real_day": real_day}, scope))
    except Exception:  # noqa: BLE001 - a condition the samples cannot evaluate
        return True


def _reads_a_record(expression: str, command, entity, measured: str | None = None) -> bool:
    """Whether a line's Python reads a text field of ``item`` where no record is bound: `f"best
    day: {item.day}"` after a sum (not `sum(1 for _, item in rows if ...)`, which binds its own,
    nor `item.pet` where the argument `pet` is what every record kept has; a number of it is
    the value the line writes)."""
    import ast

    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError:
        return False
    bound: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.GeneratorExp, ast.ListComp, ast.SetComp, ast.DictComp)):
            bound |= {id(inner) for inner in ast.walk(node)}
    texts = {field.name for field in entity.fields} - {param.name for param in command.params} - {
        re.split(r"[*-]", measured or "")[0]}  # (the measured field: the line writes its value)
    return any(isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "item"
               and id(node.value) not in bound and node.attr in texts for node in ast.walk(tree))


def _led(interpretation, line: str) -> str:
    """A record's line with the text the words put before it ("It prints `deleted ` and then the
    payment line"): ``"deleted " + LINE``."""
    return f"{python_literal(interpretation.prefix)} + {line}" if interpretation.prefix else line


def _suffixed(line: str, suffix: tuple[str, str] | None) -> str:
    """A line expression with the reading's marker added where its condition holds (`` [heard]``
    on the heard ones, `` pulse {item.pulse}`` where measured, `` ok`` past a total)."""
    if not suffix:
        return line
    text, condition, *otherwise = suffix  # and the other form's text: ` - in kiln` until unloaded
    shown, other = (("f" + python_literal(piece)) if "{" in piece else python_literal(piece)
                    for piece in (text, otherwise[0] if otherwise else ""))
    return f"{line} + ({shown} if {condition} else {other})"


GENERIC_AMOUNTS = ("AMOUNT", "TOTAL", "SUM", "MONEY", "OWED", "DUE")  # a summed amount's placeholder, by no field's name


def _named_arguments(message: str, command, claimed=()) -> list[tuple[str, str]]:
    """(placeholder, parameter) for each argument an error message names in capitals:
    "no note #ID" over `id` (not `YYYY-MM-DD`, which names none), and a lone capital for the
    one number parameter it begins: "no cake N" over `number: int` (never `A` or `I`, never the
    message's first word, never a letter two parameters begin or one ``claimed`` for a field)."""
    params = {param.name.upper(): param.name for param in command.params}
    named = []
    for token in _placeholders(message):
        if token in claimed:
            continue
        if token in params and not (message.startswith(f"{token} ") and re.match(
                rf"{token} (?:must|should|has to|needs to|can only|may only) be\b", message) and any(
                param.name == params[token] and is_number(param.type) for param in command.params)):
            named.append((token, params[token]))  # (not "NEWS must be 0-20" over `news: int`: the number's name,
            continue  # not the refused value)
        initial = [param for param in command.params if param.name[0].upper() == token]
        if len(token) == 1 and token not in "AI" and len(initial) == 1 and not message.startswith(token) \
                and is_number(initial[0].type):  # (not `S` in "use XS, S, M, L or XL" over `size: str`)
            named.append((token, initial[0].name))
    return named


def _placeholders(message: str) -> list[str]:
    """The words in capitals of a message that stand for a value: not a shape (`YYYY-MM-DD`,
    `HH:MM` over a param `mm`), and none in a message written all in capitals."""
    if message.isupper():
        return []
    return [token for token in dict.fromkeys(re.findall(r"\b[A-Z][A-Z_]*\b", message))
            if not re.search(rf"[A-Z][-/:.]{token}\b|\b{token}[-/:.][A-Z]", message)]


def _message_source(message: str, command, written: bool = False, claimed=()) -> str:
    """Python source for an error message: a literal, or an f-string filling in the
    arguments it names ("no note #ID" -> ``f"no note #{id}"``); with ``written`` (a message
    printed after the checks passed), a placeholder the words define as a spec function of an
    argument is that call: "`nothing in MONTH yet` ... (MONTH = issue_name(month) in both)"."""
    named = _named_arguments(message, command, claimed)
    params = {param.name for param in command.params}
    called = {said.group(1): f"{said.group(2)}({python_name(said.group(3))})" for said in re.finditer(
        r"\b([A-Z][A-Z_]*)\s*=\s*(\w+)\((\w+)\)", command.description or "")
        if written and said.group(3) in params and re.search(rf"\b{said.group(1)}\b", message)}
    named = [(token, param) for token, param in named if token not in called]
    if not named and not called:
        return python_literal(message)
    text = message.replace("{", "{{").replace("}", "}}")
    for token, param in named:
        text = re.sub(rf"\b{token}\b", "{" + python_name(param) + "}", text)
    for token, call in called.items():  # the argument written by the spec function the words define it with
        text = re.sub(rf"\b{token}\b", "{" + call + "}", text)
    return "f" + python_literal(text)


def _state_message_source(guard, command, entity, definitions=None) -> str:
    """A refusal about the record found, whose message may also name what that record holds:
    "only N left in CODE" over ``count > item.count`` (a lone letter names the one field the
    check compares), "already lent to HOLDER" (a field in capitals), "only LEFT left" with LEFT
    defined over the record ("LEFT being what is left in ml_text form": ``ml_text(item.ml)``)."""
    params = {param.name.upper() for param in command.params}
    fields = {field.name.upper(): field.name for field in entity.fields}
    compared = list(dict.fromkeys(re.findall(r"\bitem\.(\w+)\b", guard.condition)))
    said = {}
    for token in _placeholders(guard.message):
        left = token in fields and fields[token] in compared and re.search(r"\b(?:left|remaining)\b", guard.message)
        named = guard.status == 0 and token in fields and fields[token] not in compared  # "`NAME has already paid`
        # (name as booked)": an answer about the record found names it as kept
        if token in params and not left and token not in guard.shown and not named:  # (but "only GRAMS g of NAME left" over
            continue  # `item.grams < grams`: what the record holds, the field the check compares; and a name the
            # words say is printed as stored)
        if token in fields:
            said[token] = "item." + fields[token]
        elif "item." in (definitions or {}).get(token, ""):
            said[token] = definitions[token]
        elif len(token) == 1 and len(compared) == 1:
            said[token] = "item." + compared[0]
    source = _message_source(guard.message, command, claimed=said)
    if not said:
        return source
    if not source.startswith("f"):
        source = "f" + python_literal(guard.message.replace("{", "{{").replace("}", "}}"))
    for token, expression in said.items():
        source = re.sub(rf"\b{token}\b", lambda _, expression=expression: "{" + expression + "}", source)
    return source


def message_text(message: str, command, values: dict[str, Any]) -> str:
    """What ``_message_source`` prints for these argument values (the tests' expectation)."""
    for token, param in _named_arguments(message, command):
        message = re.sub(rf"\b{token}\b", str(values.get(param, token)), message)
    return message


def _says_not_found(message: str, entity) -> bool:
    """Whether a refusal's message is about a key that finds nothing ("no such book", "no
    repair #ID", "unknown title") rather than about the state of what it finds."""
    return bool(re.search(rf"\b(?:no such|not found|unknown|(?:does not|doesn't) exist|no {entity.name.lower()})\b|"
                          r"\b(?:is not|isn't|are not|aren't) (?:on|in) (?:the|my|our|your) \w+$",  # "CODE is not on the
                          message.lower()))  # list"


def _names_the_changed_field(interpretation, entity) -> bool:
    """Whether the words after an update's `N` are the words of the one number field it adds to
    or takes from: `NAME: N on shelf` over `qty: int — how many are on the shelf right now`."""
    after = re.search(r"\bN ((?:[a-z]+ ?){1,3})", interpretation.message_pattern or "")
    before = re.search(r"\b([a-z]{3,}) N\b", interpretation.message_pattern or "")  # `CODE: parcel N of 3` over `parcels`
    changed = {a.field for a in interpretation.assignments if a.op in ("add", "subtract")}
    field = next((f for f in entity.fields if f.name in changed), None) if len(changed) == 1 else None
    if (after is None and before is None) or field is None:
        return False
    said = {singular(word) for word in (after.group(1).split() if after else []) if len(word) > 2}
    if before is not None and singular(before.group(1)) == singular(field.name):
        return True
    return bool(said & {singular(word) for word in words_of(f"{field.name} {field.description or ''}")})


def _names_only_the_key(interpretation) -> bool:
    """Whether an update's message names nothing but the key it found records by (`BIKE
    settled` over every unpaid repair of that bike): one line, not one per record."""
    names = re.findall(r"\b[A-Z][A-Z_]*\b", interpretation.message_pattern or "")
    key = {(interpretation.locate_field or "").upper(), (interpretation.locate_param or "").upper()} | {
        name for name, expression in interpretation.definitions.items() if re.search(r"\brows\b", expression)} | {
        f"OLD_{(interpretation.locate_field or '').upper()}"} | {  # `OLD_CLIENT is now NEW`: the name before and the
        a.value[6:].upper() for a in interpretation.assignments if a.value.startswith("param:")}  # name given, once
    # "`PERSON paid AMOUNT`, AMOUNT what those orders add up to": one line for them all
    return bool(names) and set(names) <= key


def _several_found(plan: CommandPlan) -> bool:
    """Whether the key an update or removal finds records by may match several: not the
    store's key, and no second key ("a wine and vintage") narrows it to one."""
    interpretation = plan.interpretation
    key = key_field(plan.entity, plan.store)
    located = next((f for f in plan.entity.fields if f.name == interpretation.locate_field), None) if plan.entity else None
    return interpretation.select == "key" and (key is None or key.name != interpretation.locate_field) \
        and not (located is not None and (described_unique(located) or described_unique(located, per=True))) \
        and not any(f.op == "==" and (f.value or "").startswith("param:") and not f.when
                    for f in interpretation.filters)


def _half_up(expression: str, scale: str) -> str:
    """``expression`` rounded half up to the places a ``half up to N`` scale names (the way "we do
    at school", not Python's round-half-even): 22.25 -> 22.3 at one place."""
    places = 10 ** int(scale.rsplit(" ", 1)[1])
    return f"(({expression}) * {places} + 0.5) // 1 / {places}"


def _several_lines(plan: CommandPlan) -> list[str]:
    """A summary of several numbers (``values[i]``), per group when it has a key."""
    interpretation = plan.interpretation

    def compute(value) -> str:
        kept = "members"
        compared = re.fullmatch(r"(call:\w+\([\w,]*\)|\w+) (==|!=) (.+)", value.where or "")
        if compared:  # "for the knives collected": `where` is "state == 'collected'"; `peal: N`, "call:peal_kind(changes) == 'peal'"
            left = call_on_item(compared.group(1)) if compared.group(1).startswith("call:") else f"item.{compared.group(1)}"
            kept = f"[item for item in members if {left} {compared.group(2)} {compared.group(3)}]"
        elif value.where:  # "how many of those are packed": `where` is "packed" or "not packed"
            negated, name = value.where.startswith("not "), value.where.removeprefix("not ")
            kept = f"[item for item in members if {'not ' if negated else ''}item.{name}]"
        each = value.field[5:] if value.field and value.field.startswith("expr:") else \
            call_on_item(value.field) if value.field and value.field.startswith("call:") else \
            " * ".join(f"item.{name}" for name in value.field.split("*")) if value.field and "*" in value.field \
            else f"item.{value.field}"  # "value times copies added up": value*copies
        optional = value.field and re.fullmatch(r"\w+", value.field) and plan.entity is not None and any(
            f.name == value.field and default_source(f.default) == "None" for f in plan.entity.fields)
        if optional:  # `score: int | None`: "the average of those scores", the ones that have one
            kept = f"[item for item in {kept} if item.{value.field} is not None]"
        if value.function == "bearer":  # "NUMBER is the number of the cheque that bears it": the extreme's record
            how, measured = (value.of or ":").split(":", 1)
            tie = f"{'-' if (value.tie or '').startswith('-') else ''}item.{value.tie.lstrip('-')}" if value.tie else "0"
            measured = call_on_item(measured) if measured.startswith("call:") else f"item.{measured}"  # wolf(groups, spots)
            return (f"(sorted({kept}, key=lambda item: ({'-' if how == 'max' else ''}{measured}, {tie}))[0]"
                    f".{value.field} if {kept} else None)")
        numbers = f"[{each} for item in {kept}]"  # a field, or a spec function of each record: bill(item.nights, ...)
        if value.spec_function:  # "A is average_of their scores": the spec function of the list
            return f"{value.function}({numbers})"
        plain = {"count": f"len({kept})", "sum": f"sum({numbers})", "distinct": f"len({{{each} for item in {kept}}})",
                "mean": f"(sum({numbers}) / len({numbers}) if {kept} else 0)",
                "min": f"min({numbers}, default=0)", "max": f"max({numbers}, default=0)"}[value.function]
        if value.scale == "half up":  # "rounded to the nearest whole degree (a half rounds up)"
            return f"(({plain}) + 0.5) // 1"
        if value.scale and value.scale.startswith("half up to "):  # "one decimal place ... 5 or more, round up"
            return _half_up(plain, value.scale)
        return f"int({plain})" if value.scale == "int" else f"{plain} {value.scale}" if value.scale else plain

    message = template_expression(interpretation.message)
    values = "values = [" + ", ".join(compute(value) for value in interpretation.values) + "]"
    group = interpretation.values[0].group_by
    overall = ["if rows:", "    members = [item for position, item in rows]", f"    {values}",  # "then a last line `total: KG`"
               f"    click.echo({template_expression(interpretation.total)})"] if group and interpretation.total else []
    if group:
        lines = _grouping(_group_key(group), "item", interpretation.group_fold)  # a field, or `area(item.postcode)`
        order = interpretation.order
        if order and order[0].startswith("value"):  # "biggest total first, equal totals A-Z": by the first number,
            sign = "-" if order[1] else ""  # or the one the words name ("the most money": `value:1`)
            tie = _key_tie(interpretation)
            ranked = int(order[0].split(":")[1]) if ":" in order[0] else 0
            return lines + ["summaries = {}", "for key, members in groups.items():", f"    {values}",
                            "    summaries[key] = values",
                            f"for key in {_first_groups(plan, f'sorted(summaries, key=lambda key: ({sign}summaries[key][{ranked}], {tie}))')}:",
                            "    values = summaries[key]", f"    click.echo({message})", *overall]
        every = interpretation.every_group  # "Always four lines in the order soprano, alto, tenor, bass"
        empty, keys = _group_keys(interpretation, every if every and "|" in every else None)
        return lines + empty + [f"for key in {keys}:", "    members = groups[key]", f"    {values}",
                        f"    click.echo({message})", *overall]
    return ["members = [item for position, item in rows]", values, f"click.echo({message})"]


def _key_tie(interpretation: Interpretation) -> str:
    """How groups with the same number are put in order: by their key, ignoring case where the
    words say so ("the same number then alphabetical order of their names, not minding capitals")."""
    return "str(key).casefold(), key" if interpretation.fold_case else "key"


def _first_groups(plan: CommandPlan, keys: str) -> str:
    """The group keys cut to the interpretation's limit: "at most COUNT days", "the day with
    the most milk" (one), the first groups in their order."""
    limit = plan.interpretation.limit
    if not limit:
        return keys
    count = _value_source(limit)
    param = next((p for p in plan.command.params if limit == f"param:{p.name}"), None)
    everything = param is not None and str(param.default).strip() == "0"  # `--top 0`: all
    optional = param is not None and str(param.default).strip().lower() in ("none", "null")
    return (f"{keys}[{count}:]" if count.startswith("-") else  # "the last three days"
            f"{keys}[:{count} or None]" if everything else
            f"{keys}[:max({count}, 0) if {count} is not None else None]" if optional  # `--top` left out: all
            else f"{keys}[:max({count}, 0)]")


def _grouping(key: str, member: str, fold: bool) -> list[str]:
    """The lines that gather the rows into ``groups`` by ``key``; with ``fold``, keys that differ
    only in case are one group, shown as the first record spells it ("Filey" and "filey" are the
    same beach, shown the way the earliest added shell spells it)."""
    if not fold:
        return ["groups: dict = {}", "for position, item in rows:", f"    groups.setdefault({key}, []).append({member})"]
    return ["groups: dict = {}", "spelled: dict = {}", "for position, item in rows:",
            f"    key = spelled.setdefault(str({key}).casefold(), {key})",
            f"    groups.setdefault(key, []).append({member})"]


def _group_keys(interpretation: Interpretation, every: str | None) -> tuple[list[str], str]:
    """The lines that give every stated group a place, even an empty one, and the expression
    of the group keys in the order they are printed: the stated order first ("in the order
    high, elevated, normal, low"), the others after, A to Z."""
    empty = []
    if every and "|" in every:  # "even for a size I have none of": every stated value
        empty = [f"for key in {python_literal(every.split('|'))}:", "    groups.setdefault(key, [])"]
    elif every:  # "empty boxes included": every key of the stated range
        low, high = every.split("..")
        empty = [f"for key in range({low}, {high} + 1):", "    groups.setdefault(key, [])"]
    keys = "sorted(groups, key=lambda key: str(key).casefold())" if interpretation.fold_case else "sorted(groups)"
    # ("Rockets go A to Z, ignoring case")
    numbered = interpretation.order and interpretation.order[0].startswith("natural:")
    if numbered:  # "bin order (letter, then number)", "B3 before B10": the text before the number, then the number
        keys = ("sorted(groups, key=lambda key: (str(key).rstrip('0123456789'), "
                "int('0' + ''.join(char for char in str(key) if char.isdigit()))))")
    if interpretation.key_order:
        listed = python_literal(list(interpretation.key_order))
        keys = f"[key for key in {listed} if key in groups] + sorted(key for key in groups if key not in {listed})"
    return empty, keys


def _aggregate_lines(plan: CommandPlan) -> list[str]:
    if plan.interpretation.values:
        return _several_lines(plan)
    aggregate = plan.interpretation.aggregate
    if aggregate.function == "count":  # what is counted needs no field (a computed key: `call:category(...)`)
        target, each = None, "item"
    elif aggregate.field.startswith("call:"):  # "the bills of the stays": a spec function of each record
        function = plan.facts.functions[aggregate.field[5:].split("(")[0]]
        target, each = function.returns and SimpleNamespace(type=function.returns), call_on_item(aggregate.field)
    else:
        target = next(f for f in plan.entity.fields if f.name == re.split(r"[*-]", aggregate.field)[0])
        each = " * ".join(f"item.{name}" for name in aggregate.field.split("*")) if "*" in aggregate.field else \
            " - ".join(f"item.{name}" for name in aggregate.field.split("-"))  # `kg*reps` a product, `end-start` a difference
    money = plan.facts.money or re.search(r"decimal|money|cents|price|cost|amount|spent|total|balance|€|\$",
                                          plan.command.description or "", flags=re.IGNORECASE)
    floaty = (target is not None and type_name(target.type) == "float") or aggregate.function == "mean"
    stated = _value_spec(plan.command.description)
    spec = f":{stated}" if stated and (floaty or stated != ".0f") else ":.2f" if floaty and money else ""
    default = ("{key}: {value" + spec + "}" if aggregate.group_by else "{value" + spec + "}")
    message = plan.message_expression("f" + python_literal(default), number="value")
    if not aggregate.group_by and _reads_a_record(message, plan.command, plan.entity, aggregate.field):  # `best day: DAY`
        where = trace_of(plan.command.span).split(": ", 1)[0]  # record is there to take DAY from
        what = python_literal('a line naming a record over one ' + aggregate.function)
        return [f"not_implemented({what}, {python_literal(where)})"]

    def compute(values: str) -> str:
        if aggregate.spec_function:
            return f"{aggregate.function}({values})"
        if aggregate.scale and aggregate.scale.startswith("half up to "):  # "5 or more, round up"
            return _half_up(unscaled(values), aggregate.scale)
        if aggregate.scale:  # "in whole hours" of minutes: the number in the unit asked for
            return f"{unscaled(values)} {aggregate.scale}"
        return unscaled(values)

    def unscaled(values: str) -> str:
        return {"count": f"len({values})", "sum": f"sum({values}, 0.0)" if floaty else f"sum({values})", "mean": f"(sum({values}) / len({values}) if {values} else 0)",
                "min": f"min({values}, default=0)", "max": f"max({values}, default=0)",
                "change": f"({values}[-1] - {values}[0] if {values} else 0)"}[aggregate.function]

    if aggregate.group_by and message is not None and re.fullmatch(r'f?"[^"{]*"', message):
        where = trace_of(plan.command.span).split(": ", 1)[0]  # `space: 2 sets, 1341 pieces` for every
        what = python_literal("a line for each group that names nothing of its group")  # theme
        return [f"not_implemented({what}, {python_literal(where)})"]
    latest = re.search(LAST_OF_GROUP, plan.command.description or "", flags=re.IGNORECASE)
    if aggregate.group_by and message is not None and latest:  # "The composer and status are the ones you wrote the
        message = re.sub(r"\bitem\.(\w+)", r"latest[key].\1", message)  # last time you logged that piece"
    if aggregate.group_by and message is not None and re.search(r"\bitem\.\w+", message):
        # `{item.left} ml left` in a line per family would show the last record read: a field of the
        # group is its total where the words say so ("L the total ml left over that family's perfumes")
        if each != "item" or not re.search(r"\b(?:total|sum|added up|altogether|in all|combined|between them)\b",
                                           plan.command.description or "", flags=re.IGNORECASE):  # (groups of records)
            where = trace_of(plan.command.span).split(": ", 1)[0]
            what = python_literal("a line for each group that shows one record's field")
            return [f"not_implemented({what}, {python_literal(where)})"]
        message = re.sub(r"\bitem\.(\w+)", r"sum(member.\1 for member in groups[key])", message)
    if aggregate.group_by:
        lines = _grouping(_group_key(aggregate.group_by), each, plan.interpretation.group_fold)
        if message is not None and "latest[key]" in message:  # each group's last record, as logged
            lines += ["latest: dict = {}", "for position, item in rows:",
                      f"    latest[{'key' if plan.interpretation.group_fold else _group_key(aggregate.group_by)}] = item"]
        order = plan.interpretation.order
        empty, keys = _group_keys(plan.interpretation, plan.interpretation.every_group)
        lines += empty
        if order and order[0] == "value":  # "the biggest first", the same number A to Z (or in the stated order)
            sign = "-" if order[1] else ""
            lines.append(f"totals = {{key: {compute('members')} for key, members in groups.items()}}")
            tie = _key_tie(plan.interpretation)
            if plan.interpretation.key_order:
                listed = python_literal(list(plan.interpretation.key_order))
                tie = f"{listed}.index(key) if key in {listed} else len({listed}), key"
            first = plan.interpretation.then_by
            if first and first[0].startswith("first:"):  # "the one I first went to earlier comes first, going by the
                lines.append("seen = {key: place for place, key in enumerate(groups)}")  # day of their first visit,
                tie = f"min(member.{first[0][6:]} for member in groups[key]), seen[key]"  # then the visit logged first
            keys = f"sorted(totals, key=lambda key: ({sign}totals[key], {tie}))"
        if aggregate.having:  # "members with at least MIN visits": only the groups that pass
            op, bound = aggregate.having.split(" ", 1)
            keys = f"[key for key in {keys} if {compute('groups[key]')} {op} {_value_source(bound)}]"
        keys = _first_groups(plan, keys)
        value = "totals[key]" if order and order[0] == "value" else compute("groups[key]")
        lines += [f"for key in {keys}:",
                  f"    value = {value}",
                  f"    click.echo({_suffixed(message, plan.interpretation.suffix)})"]
        if plan.interpretation.total and "{len(groups)}" in plan.interpretation.total:
            lines.append(f"click.echo({template_expression(plan.interpretation.total)})")  # `H hills, A ascents`
        elif plan.interpretation.total and "(value)}" in plan.interpretation.total:  # `total: {kilos(value)}`: the
            lines += [f"values = [{each} for position, item in rows]",  # function over the sum of them all
                      f"value = {compute('values')}",
                      f"click.echo({template_expression(plan.interpretation.total)})"]
        elif plan.interpretation.total:  # "then a last line `all: DURATION`": the same over every group
            overall = copy.copy(plan)
            overall.interpretation = replace(plan.interpretation, message=None, order=None,
                                             message_pattern=plan.interpretation.total,
                                             aggregate=replace(aggregate, group_by=None))
            lines += [f"values = [{each} for position, item in rows]",
                      f"value = {compute('values')}",
                      f"click.echo({overall.message_expression(python_literal('{value}'), number='value')})"]
        return lines
    unset = target is not None and aggregate.function != "count" and "none" in getattr(target.type, "text", "").lower()
    kept = f" if {each} is not None" if unset else ""  # `pitch: float | None`: a visit not measured has no pitch to add
    return [f"values = [{each} for position, item in rows{kept}]",
            f"value = {compute('values')}",
            f"click.echo({message})"]


# ---------------------------------------------------------------- the project's plans


def interpretations_of(project, categories: dict[str, str] | None = None) -> dict[str, Interpretation]:
    """Each command's best-ranked interpretation (what ``spf plan`` shows), from scratch."""
    from spf.interpretation import ProjectIndex, interpret_command

    stores = {store.name: store for store in project.stores}
    index = ProjectIndex(project)  # built once: each command looks up only what it names
    result = {}
    for command in project.commands:
        store = stores.get(command.store) if command.store else (
            next(iter(stores.values())) if len(stores) == 1 else None)
        category = (categories or {}).get(command.name, "")
        operation = category.split(".", 1)[1] if category.startswith("command.") else None
        operation = {"search": None}.get(operation, operation) if operation else None
        result[command.name] = interpret_command(command, project, store, operation=operation,
                                                 index=index)[0]
    return result


def plan_commands(project, categories: dict[str, str], unimplemented_functions: set[str],
                  interpretations: dict[str, Interpretation] | None = None,
                  formatting: dict[str, Interpretation] | None = None) -> dict[str, CommandPlan]:
    """A plan for every command from its interpretation (Layer 2's, or worked out here);
    ``formatting``: the interpretations the record lines (``format_task``) are made from, where
    they are not these (a command's candidate rendered against the program it is tried in)."""
    interpretations = dict(interpretations or {})
    missing = [c.name for c in project.commands if c.name not in interpretations]
    if missing:
        worked_out = interpretations_of(project, categories)
        for name in missing:
            interpretations[name] = worked_out[name]
    facts = ProjectCommands(project, interpretations, formatting)
    facts.unimplemented_functions = set(unimplemented_functions)
    token = RESERVED.set(frozenset(function.name for function in project.functions))
    try:
        for command in project.commands:
            facts.plans[command.name] = CommandPlan(command, interpretations[command.name], facts,
                                                    categories.get(command.name))
        for plan in facts.plans.values():
            plan.view["tests"] = plan._tests() if not plan.unimplemented else plan._stub_tests()
    finally:
        RESERVED.reset(token)
    return facts.plans


def _skeleton(line: str, stated: bool = False) -> str:
    """A line's text without its values: a learned template's ``{...}`` or a stated line's
    capitalised placeholders (`NAME [KIND] STEEP, MARK` -> ``_ [_] _, _``)."""
    if stated:
        return re.sub(r"\b[A-Z][A-Z_]*[A-Z]\b", "_", line)
    return re.sub(r"\{(?:[^{}'\"]|'[^']*'|\"[^\"]*\")*\}", "_", line)


def formatters(project, interpretations: dict[str, Interpretation]) -> list[dict[str, Any]]:
    return ProjectCommands(project, interpretations).formatter_views()


__all__ = [
    "CommandPlan",
    "cli_arguments",
    "entity_sample_call",
    "formatters",
    "is_optional",
    "learn_message",
    "plan_commands",
]
