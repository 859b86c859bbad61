"""Everyday helpers (spf/synthesis/everyday.py) on functions written in round thirty-four by two
authors who never read spf (tests/synth/everyday_a.md, everyday_b.md): each family the round
added is pinned by one function it gets right on the probes its examples do not show
(everyday_*_hidden.md), as ``spf generate`` gives it. The sets are measured whole by
``python benchmarks/functions.py --set everyday-a`` (and ``everyday-b``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from spf.loop import task_from_function
from spf.spec import load_spec
from spf.synthesis import Budget, synthesize
from spf.synthesis.synthesizer import copied_values

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("functions_benchmark", REPO / "benchmarks/functions.py")
BENCHMARK = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(BENCHMARK)


def _set(name: str):
    spec, hidden = BENCHMARK.SETS[name]
    return {function.name: function for function in load_spec(spec).functions}, BENCHMARK.probes(hidden)


SETS = {name: _set(name) for name in ("everyday-a", "everyday-b")}


def _found(set_name: str, name: str) -> dict:
    from spf_plugins.stages.render import FUNCTION_MODULES

    functions, _ = SETS[set_name]
    result = synthesize(task_from_function(functions[name], allowed_imports=FUNCTION_MODULES), Budget())
    assert result.found, result.reason
    namespace: dict = {}
    exec(compile(result.sources[0], "<synthesized>", "exec"), namespace)  # noqa: S102 - our own program
    return namespace


@pytest.mark.parametrize("set_name, name", [
    ("everyday-a", "plural"),          # "1 book", "2 boxes", "0 stories": es after s/x/z/ch/sh, y -> ies
    ("everyday-a", "tidy_name"),       # capitals after a space, a hyphen or an apostrophe; not after "."
    ("everyday-a", "parse_amount"),    # an optional £/$/€, thousands commas, exactly two pence digits
    ("everyday-a", "split_shares"),    # leftover pennies one each to the first people
    ("everyday-a", "parse_score"),     # "a dash or colon", blanks around the numbers
    ("everyday-a", "weekday_number"),  # full names, three letters and the short forms the words quote
    ("everyday-a", "round_to_step"),   # nearest multiple, halves up, a step below 1 refused
    ("everyday-a", "average_rating"),  # "exactly half ... rounds up (so a mean of 2.25 is 2.3)"
    ("everyday-b", "split_evenly"),
    ("everyday-b", "normalise_name"),
    ("everyday-b", "longest_streak"),  # consecutive day numbers, in any order, repeats ignored
    ("everyday-b", "round_pace"),      # `step: int = 5`: the nearest multiple of the step, not a line through 3 examples
    ("everyday-b", "parse_amount"),    # "It has to start with a pound sign": `12.50` is refused
])
def test_an_everyday_helper_is_right_on_the_probes_its_examples_do_not_show(set_name, name):
    namespace = _found(set_name, name)
    for call, expected, error in SETS[set_name][1][name]:
        assert BENCHMARK._holds(namespace, call, expected, error), call


def test_a_price_list_with_prices_in_pounds_and_pence_does_not_stop_the_search():
    """`parse_amount` quotes `£1,250.00` is 125000: the price-list idiom read it as a list of
    prices and cast "1250.00" with ``int``, which raised out of the synthesizer."""
    from spf.synthesis.idioms import _price_list
    from spf.synthesis.values import Case

    words = "commas between the thousands are fine, so `£1,250.00` is 125000 and so is `£1250.00`, and `£7` is 700"
    cases = [Case(1, {"text": "£12.50"}, 1250), Case(2, {"text": "£7"}, 700)]
    assert _price_list(words.lower(), [("text", "str")], "int", cases) == []  # (it raised ValueError)
    functions, _ = SETS["everyday-b"]
    result = synthesize(task_from_function(functions["parse_amount"]), Budget())
    assert result.found, result.reason  # the search goes on to the amount reader


def test_a_body_naming_an_example_value_is_found_out():
    source = 'def parse_rating(text):\n    """Doc."""\n    return int(text.replace("4/5", "4"))\n'
    assert copied_values(source, ['parse_rating("4/5")', 'parse_rating("5")']) == ["4/5"]
    quoted = 'def parse_rating(text):\n    """Doc."""\n    if not text:\n        raise ValueError("like 4/5")\n    return int(text)\n'
    assert copied_values(quoted, ['parse_rating("4/5")']) == []  # a message may quote an example
    assert copied_values(source, ['parse_rating("5")']) == []  # "4/5" is no example's value here


def _programs(folder, spec: str) -> dict[str, str]:
    """Each function of ``spec`` synthesized as ``spf generate`` gives it (its entities, its imports)."""
    from spf_plugins.stages.render import FUNCTION_MODULES
    from spf_plugins.symbolic import entity_context

    (folder / "spec.md").write_text(spec, encoding="utf-8")
    project = load_spec(folder)
    found = {}
    for function in project.functions:
        result = synthesize(task_from_function(function, context_source=entity_context(project),
                                               allowed_imports=FUNCTION_MODULES), Budget())
        assert result.found, (function.name, result.reason)
        found[function.name] = result.sources[0]
    return found


CHORES = """# Project: chores

Chores around the house.

## Entity: Task
- title: str — what to do
- done: bool = false — whether it is finished

## Store: tasks
- holds: Task
- path: tasks.json

## Function: task_line(number: int, task: Task) -> str
One line for a task in the list: its number, a full stop, a box that is ticked with an x when
the task is done, and the title.
- task_line(1, Task(title="milk", done=False)) == "1. [ ] milk"
- task_line(2, Task(title="bins", done=True)) == "2. [x] bins"
- task_line(10, Task(title="walk dog", done=False)) == "10. [ ] walk dog"

## Function: celsius(temp: float, fahrenheit: bool) -> float
The temperature in Celsius; when it was read in Fahrenheit it is converted first, to one decimal.
- celsius(20.0, False) == 20.0
- celsius(212.0, True) == 100.0
- celsius(50.0, True) == 10.0

## Function: with_discount(price: float, member: bool) -> float
Members pay 10 percent less; everyone else pays the price. Rounded to 2 decimals.
- with_discount(10.0, True) == 9.0
- with_discount(10.0, False) == 10.0

## Function: distance(text: str) -> float
The distance typed, with commas between thousands allowed, in km.
- distance("1,250.5 km") == 1250.5
- distance("12 km") == 12.0
- distance("0.5km") == 0.5

## Command: add(title: str)
Add a task. Prints `added TITLE`.
- `add milk` prints "added milk"
"""


def test_a_record_line_whose_fixed_text_a_flag_chooses_and_numbers_a_flag_or_a_text_gives(tmp_path):
    """A line over an entity argument whose box a flag ticks, a number scaled and shifted when a
    flag is set ("(F - 32) * 5 / 9"), a share off when it is set, and the number a text is written
    around: each was unimplemented or fitted by naming an example (round thirty-four)."""
    found = _programs(tmp_path, CHORES)
    assert 'if task.done else f"{number}. [ ] {task.title}"' in found["task_line"]
    assert "round((temp - 32) * 5 / 9, 1) if fahrenheit else temp" in found["celsius"]
    assert "price * 0.9" in found["with_discount"]
    namespace: dict = {}
    exec(compile(found["distance"], "<synthesized>", "exec"), namespace)  # noqa: S102 - our own program
    assert namespace["distance"]("2,000 km") == 2000.0 and namespace["distance"]("7.25 km") == 7.25


LINES = """# Project: chores

Chores around the house.

## Entity: Task
- title: str — what to do
- due: str | None = none — the day it is due, if any
- priority: int = 1 — 1 to 3

## Store: tasks
- holds: Task
- path: tasks.json

## Function: task_line(number: int, task: Task) -> str
One line for a task: its number, a full stop, the title, and the due day in brackets when it has one.
- task_line(1, Task(title="milk", due=None)) == "1. milk"
- task_line(2, Task(title="bins", due="2024-05-01")) == "2. bins (due 2024-05-01)"
- task_line(10, Task(title="walk dog", due="2024-06-01")) == "10. walk dog (due 2024-06-01)"

## Function: stars(number: int, task: Task) -> str
The number, then as many stars as the task's priority, then the title.
- stars(1, Task(title="milk", priority=2)) == "1 ** milk"
- stars(2, Task(title="bins", priority=3)) == "2 *** bins"
- stars(3, Task(title="cat", priority=1)) == "3 * cat"

## Command: add(title: str)
Add a task. Prints `added TITLE`.
- `add milk` prints "added milk"
"""


def test_a_record_line_with_a_part_only_when_a_field_is_set_and_a_mark_repeated_by_a_number(tmp_path):
    """`(due 2024-05-01)` only for a task with a due day, and `**` for a priority of 2: neither
    was found (no program of size 9 fitted even one example)."""
    found = _programs(tmp_path, LINES)
    assert 'if task.due is not None else f"{number}. {task.title}"' in found["task_line"]
    assert "{'*' * task.priority}" in found["stars"]


@pytest.mark.parametrize("name", ["parse_percent", "parse_distance", "weight_kg", "parse_duration", "parse_fuel",
                                  "initials", "count_label", "pad_dots", "room_code", "condition_mark"])
def test_a_number_typed_with_a_unit_and_a_text_with_a_count(name):
    """everyday-c: `500g` in kilograms, `5 miles` where "we count a mile as 1.6 km", `75%` as a
    fraction "from 0 to 100"; the initials of the first COUNT words, `3 x gloves` (just the name
    for 1), a name padded with dots to WIDTH, the first SIZE letters, a mark repeated (`none`
    for 0): each was not found, or fitted its two examples by a guess."""
    functions, probes = _set("everyday-c")
    from spf_plugins.stages.render import FUNCTION_MODULES
    from spf_plugins.symbolic import entity_context

    project = load_spec(BENCHMARK.SETS["everyday-c"][0])
    result = synthesize(task_from_function(functions[name], context_source=entity_context(project),
                                           allowed_imports=FUNCTION_MODULES), Budget())
    assert result.found, result.reason
    namespace: dict = {}
    exec(compile(result.sources[0], "<synthesized>", "exec"), namespace)  # noqa: S102 - our own program
    for call, expected, error in probes[name]:
        assert BENCHMARK._holds(namespace, call, expected, error), call


def test_a_table_the_words_state_is_no_copied_value():
    """`{"1-0": "white", "0-1": "black"}[text]` looks its examples up in a table the words give:
    its keys are the examples' values, and that is a reading, not a copy."""
    table = ('def result(text):\n    """Doc."""\n    table = {"1-0": "white", "0-1": "black"}\n'
             '    if text not in ("1-0", "0-1"):\n        raise ValueError(text)\n    return table[text]\n')
    assert copied_values(table, ['result("1-0")', 'result("0-1")']) == []
