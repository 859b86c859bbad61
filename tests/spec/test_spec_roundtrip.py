"""render_spec is the inverse of parse_spec: random valid projects survive the round trip."""

from __future__ import annotations

import keyword
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spf.spec import (
    Command,
    Entity,
    ErrorCase,
    Example,
    Field,
    Function,
    Param,
    Project,
    Span,
    Store,
    TypeRef,
    load_spec,
    parse_spec,
)
from spf.spec.checks import BUILTIN_TYPES
from spf.spec.render import render_spec

ROOT = Path(__file__).resolve().parents[2]
SPAN = Span("spec.md", 1)


def comparable(value):
    """A project's dict without spans and hash: what must survive a round trip."""
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items()
                if key not in ("span", "spec_hash")}
    if isinstance(value, (list, tuple)):
        return [comparable(item) for item in value]
    return value


def _ref(text, name, *args):
    return TypeRef(text=text, name=name, args=tuple(args))


STR, INT, FLOAT, BOOL = (_ref(name, name) for name in ("str", "int", "float", "bool"))
NONE = _ref("None", "None")
# type -> strategy of Python values of that type (rendered with repr)
SAFE_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=8)
FINITE = st.floats(allow_nan=False, allow_infinity=False, width=32)
VALUE_TYPES = [
    (STR, SAFE_TEXT), (INT, st.integers(-10**6, 10**6)), (FLOAT, FINITE), (BOOL, st.booleans()),
    (_ref("list[str]", "list", STR), st.lists(SAFE_TEXT, max_size=3)),
    (_ref("list[int]", "list", INT), st.lists(st.integers(-99, 99), max_size=3)),
    (_ref("dict[str, int]", "dict", STR, INT),
     st.dictionaries(SAFE_TEXT, st.integers(-9, 9), max_size=2)),
    (_ref("str | None", "Optional", STR), st.none() | SAFE_TEXT),
    (_ref("Optional[int]", "Optional", INT), st.none() | st.integers(-9, 9)),
    (_ref("tuple[int, ...]", "tuple", INT, _ref("...", "...")),
     st.lists(st.integers(0, 9), max_size=3).map(tuple)),
]
COMMAND_TYPES = VALUE_TYPES[:6] + VALUE_TYPES[7:9]

NAMES = st.from_regex(r"[a-z][a-z0-9_]{0,7}", fullmatch=True).filter(
    lambda name: not keyword.iskeyword(name) and name not in BUILTIN_TYPES)
ENTITY_NAMES = st.from_regex(r"[A-Z][a-z0-9]{1,7}", fullmatch=True).filter(
    lambda name: name not in BUILTIN_TYPES)
WORDS = st.from_regex(r"[A-Za-z][A-Za-z0-9 ,.;()'`!?]{0,30}", fullmatch=True).map(str.strip)
PROSE = st.lists(st.from_regex(r"[A-Z][a-z ,.;()`]{0,40}", fullmatch=True).map(str.rstrip),
                 max_size=3).map("\n".join)
ATTRIBUTE_VALUES = st.from_regex(r"[a-z0-9][a-z0-9 .,]{0,10}", fullmatch=True).map(str.strip)


def literal(value) -> str:
    """Python source of a value, as the parser writes it back (canonical repr)."""
    return repr(value)


def unique_by_name(items):
    seen, result = set(), []
    for item in items:
        if item.name not in seen:
            seen.add(item.name)
            result.append(item)
    return result


@st.composite
def typed_value(draw, types=VALUE_TYPES):
    ref, values = draw(st.sampled_from(types))
    return ref, draw(values)


@st.composite
def fields(draw):
    name = draw(NAMES)
    ref, value = draw(typed_value())
    default = literal(value) if draw(st.booleans()) else None
    return Field(name=name, type=ref, default=default, description=draw(WORDS), span=SPAN)


@st.composite
def entities(draw):
    return Entity(name=draw(ENTITY_NAMES), description=draw(PROSE),
                  fields=unique_by_name(draw(st.lists(fields(), min_size=1, max_size=4))),
                  span=SPAN)


@st.composite
def functions(draw):
    name = draw(NAMES)
    typed = draw(st.lists(st.tuples(NAMES, typed_value()), max_size=3))
    params, values = [], []
    for param_name, (ref, value) in typed:
        if param_name in {param.name for param in params}:
            continue
        params.append(Param(name=param_name, type=ref, default=None, span=SPAN))
        values.append(value)
    returns_ref, returns_values = draw(st.sampled_from(VALUE_TYPES))
    examples = []
    for _ in range(draw(st.integers(0, 3))):
        arguments = [literal(draw(dict(VALUE_TYPES)[param.type] if param.type in dict(VALUE_TYPES)
                                   else st.none())) for param in params]
        call = f"{name}({', '.join(arguments)})"
        note = draw(st.sampled_from(["", "a note"]))
        if draw(st.booleans()):
            examples.append(Example(call=call, expected=literal(draw(returns_values)), raises=None,
                                    span=SPAN, note=note))
        else:
            examples.append(Example(call=call, expected=None, raises="ValueError", span=SPAN,
                                    note=note))
    attributes = draw(st.dictionaries(st.sampled_from(["imports", "complexity"]),
                                      ATTRIBUTE_VALUES.filter(bool), max_size=1))
    return Function(name=name, params=params, returns=returns_ref, description=draw(PROSE),
                    examples=examples, span=SPAN, attributes=attributes)


@st.composite
def commands(draw, store_names):
    params = []
    for param_name, (ref, value) in draw(st.lists(st.tuples(NAMES, typed_value(COMMAND_TYPES)),
                                                  max_size=3)):
        if param_name not in {param.name for param in params}:
            params.append(Param(name=param_name, type=ref, default=None, span=SPAN))
    errors = [ErrorCase(condition=draw(st.from_regex(r"[a-z][a-z ]{0,20}[a-z]", fullmatch=True)
                                       .filter(lambda text: "prints" not in text)),
                        message=draw(SAFE_TEXT), status=draw(st.integers(1, 255)), span=SPAN)
              for _ in range(draw(st.integers(0, 2)))]
    examples = [Example(call=draw(st.from_regex(r"[a-z][a-z0-9 \"-]{0,12}", fullmatch=True)
                                  .map(str.strip)),
                        expected=literal(draw(SAFE_TEXT)), raises=None, span=SPAN,
                        status=draw(st.integers(0, 255)))
                for _ in range(draw(st.integers(0, 2)))]
    return Command(name=draw(NAMES), params=params, description=draw(PROSE), errors=errors,
                   examples=examples, span=SPAN,
                   store=draw(st.sampled_from([*store_names, None])) if store_names else None,
                   attributes=draw(st.dictionaries(st.sampled_from(["alias", "group"]),
                                                   ATTRIBUTE_VALUES.filter(bool), max_size=1)))


@st.composite
def projects(draw):
    entity_list = unique_by_name(draw(st.lists(entities(), max_size=3)))
    stores = []
    for entity in entity_list[:2]:
        name = entity.name.lower() + "_store"
        format_ = draw(st.sampled_from(["json", "csv", "sqlite"]))
        stores.append(Store(name=name, entity=entity.name, format=format_,
                            path=f"data/{name}.{format_}", description=draw(PROSE), span=SPAN,
                            attributes={}))
    function_list = unique_by_name(draw(st.lists(functions(), max_size=3)))
    taken = {entity.name for entity in entity_list}
    function_list = [function for function in function_list if function.name not in taken]
    command_list = unique_by_name(draw(st.lists(commands([s.name for s in stores]),
                                                max_size=3)))
    items = [*entity_list, *stores, *function_list, *command_list]
    for line, item in enumerate(items, start=2):
        item.span = Span("spec.md", line)
    project_name = draw(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True).filter(
        lambda name: not keyword.iskeyword(name.replace("-", "_"))))
    return Project(name=project_name,
                   description=draw(PROSE), entities=entity_list, stores=stores,
                   functions=function_list, commands=command_list, span=SPAN,
                   attributes=draw(st.dictionaries(NAMES, ATTRIBUTE_VALUES.filter(bool),
                                                   max_size=2)))


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(projects())
def test_random_projects_survive_render_and_parse(project):
    text = render_spec(project)
    parsed = parse_spec(text)
    assert comparable(parsed.to_dict()) == comparable(project.to_dict()), text


@pytest.mark.parametrize("name", ["todo", "gradebook", "inventory", "textkit"])
def test_example_specs_survive_render_and_parse(name):
    project = load_spec(ROOT / "examples" / name)
    again = parse_spec(render_spec(project))
    assert comparable(again.to_dict()) == comparable(project.to_dict())


def test_the_documented_example_survives_render_and_parse():
    doc = (ROOT / "docs" / "spec-language.md").read_text(encoding="utf-8")
    project = parse_spec(re.search(r"````markdown\n(.*?)````", doc, re.DOTALL).group(1))
    again = parse_spec(render_spec(project))
    assert comparable(again.to_dict()) == comparable(project.to_dict())


def test_rendered_spec_states_what_was_inferred():
    text = render_spec(load_spec(ROOT / "examples" / "todo"))
    assert "- path: tasks.json" in text
    assert text.count("- store: tasks") == 5
    assert "- done: bool = False — whether it is finished" in text


TRANSCRIPTS = """# Project: todo

## Usage

```console
$ todo add x
...
... x ...
```

## Command: add(title: str)
Add a task.
- store: none

```console
$ todo add "a b"
added 1: a b
$ todo add 4
nope
[2]
```
"""


def test_transcripts_survive_render_and_parse():
    project = parse_spec(TRANSCRIPTS)
    assert len(project.transcripts) == len(project.commands[0].transcripts) == 1
    again = parse_spec(render_spec(project))
    assert comparable(again.to_dict()) == comparable(project.to_dict())
    assert again.all_transcripts()[1].steps[1].status == 2
