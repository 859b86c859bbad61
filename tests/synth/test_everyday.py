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
    functions, _ = SETS["everyday-b"]
    result = synthesize(task_from_function(functions["parse_amount"]), Budget())
    assert result.found or result.reason


def test_a_body_naming_an_example_value_is_found_out():
    source = 'def parse_rating(text):\n    """Doc."""\n    return int(text.replace("4/5", "4"))\n'
    assert copied_values(source, ['parse_rating("4/5")', 'parse_rating("5")']) == ["4/5"]
    quoted = 'def parse_rating(text):\n    """Doc."""\n    if not text:\n        raise ValueError("like 4/5")\n    return int(text)\n'
    assert copied_values(quoted, ['parse_rating("4/5")']) == []  # a message may quote an example
    assert copied_values(source, ['parse_rating("5")']) == []  # "4/5" is no example's value here
