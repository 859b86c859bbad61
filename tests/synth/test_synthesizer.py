"""The symbolic synthesizer: every example project's functions, generalisation, budgets, safety."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from synth_helpers import SHOP_CONTEXT, example_functions, function_task

from spf.loop import run_examples, task_from_function
from spf.spec import parse_spec
from spf.spec.model import Example
from spf.synthesis import Budget, synthesize
from spf.synthesis.values import ExampleError, safe_eval

# Generous time, so a loaded machine does not turn a solvable function into a failure;
# the searches themselves take well under a second each (see docs/backends.md).
ROOMY = Budget(milliseconds=30_000, max_programs=400_000)


def _define(source: str):
    """Our own synthesized source, executed to probe inputs beyond the examples."""
    namespace: dict = {}
    exec(compile(source, "<synthesized>", "exec"), namespace)  # noqa: S102 - test-only probe
    return next(value for name, value in namespace.items()
                if callable(value) and not name.startswith("__"))


@pytest.mark.parametrize(("project", "function"), example_functions())
def test_every_example_function_is_synthesized_and_passes_its_examples_in_the_sandbox(
        project, function):
    task = function_task(project, function)
    result = synthesize(task, ROOMY)
    assert result.found, result.reason
    source = result.sources[0]
    assert source.startswith(task.signature)
    assert run_examples(source, task, timeout=20) is None


# Inputs the spec's examples do not show: the programs must generalise, not memorise.
BEYOND_THE_EXAMPLES = {
    ("todo", "normalize_title"): [(("a \t b  c",), "a b c")],
    ("textkit", "slugify"): [(("Foo  Bar Baz",), "foo-bar-baz")],
    ("textkit", "word_count"): [(("a b c d",), 4)],
    ("textkit", "initials"): [(("john ronald reuel tolkien",), "JRRT")],
    ("textkit", "reverse_words"): [(("x  y z",), "z y x")],
    ("textkit", "count_vowels"): [(("Programming",), 3)],
    ("textkit", "clamp"): [((7, 0, 5), 5), ((3, 3, 3), 3), ((-1, -5, 5), -1)],
    ("textkit", "is_palindrome"): [(("A man a plan a canal Panama",), True), (("hello",), False)],
    ("textkit", "repeat_text"): [(("ab", 2), "abab")],
    ("gradebook", "letter_grade"): [((100,), "A"), ((89,), "B"), ((79,), "C"), ((50,), "F")],
    ("gradebook", "average"): [(([2, 4],), 3.0)],
    ("gradebook", "is_passing"): [((71,), True), ((10,), False)],
    ("inventory", "total_value"): [((4, 0.5), 2.0)],
    ("inventory", "is_low_stock"): [((4,), True), ((6, 5), False)],
    ("inventory", "restock_amount"): [((0, 5), 5), ((9, 4), 0)],
}


@pytest.mark.parametrize(("project", "function"), sorted(BEYOND_THE_EXAMPLES))
def test_synthesized_functions_generalise_beyond_their_examples(project, function):
    result = synthesize(function_task(project, function), ROOMY)
    assert result.found, result.reason
    implementation = _define(result.sources[0])
    for arguments, expected in BEYOND_THE_EXAMPLES[(project, function)]:
        assert implementation(*arguments) == expected, (arguments, result.sources[0])


def test_normalize_title_is_the_idiomatic_one_liner_found_within_a_thousand_programs():
    # A program count, not a clock: the time it takes is benchmarks/functions.py's business.
    budget = Budget(milliseconds=60_000, max_programs=1000)
    result = synthesize(function_task("todo", "normalize_title"), budget)
    assert result.found, result.reason
    assert result.sources[0].rstrip().endswith('return " ".join(title.split())')
    assert result.explored < 1000


def test_raise_examples_become_a_guard_that_raises_the_named_error():
    result = synthesize(function_task("gradebook", "average"), ROOMY)
    source = result.sources[0]
    assert "    if not scores:\n        raise ValueError(" in source
    average = _define(source)
    with pytest.raises(ValueError, match="empty list has no average"):
        average([])
    clamp = _define(synthesize(function_task("textkit", "clamp"), ROOMY).sources[0])
    with pytest.raises(ValueError):
        clamp(1, 5, 2)


def test_threshold_examples_become_a_chain_of_early_return_guards_from_the_description():
    source = synthesize(function_task("gradebook", "letter_grade"), ROOMY).sources[0]
    body = source.split('"""')[-1]
    assert [line.strip() for line in body.strip().splitlines()] == [
        "if score >= 90:", 'return "A"', "if score >= 80:", 'return "B"',
        "if score >= 70:", 'return "C"', 'return "F"']


SHOP = """# Project: shop
A shop.

## Entity: Item
An article.
- name: str — its name
- quantity: int = 0 — how many
- price: float = 0.0 — unit price

## Function: stock_value(items: list[Item]) -> float
The total value of the items: quantity times price, summed.
- stock_value([Item("a", 2, 1.5), Item("b", 3, 4.5)]) == 16.5
- stock_value([]) == 0

## Function: names_in_stock(items: list[Item]) -> list[str]
The names of the items with a positive quantity.
- names_in_stock([Item("a", 2), Item("b", 0), Item("c", 5)]) == ["a", "c"]

## Function: cheapest(items: list[Item]) -> str
The name of the item with the lowest price.
- cheapest([Item("a", 1, 2.0), Item("b", 1, 1.0), Item("c", 1, 3.0)]) == "b"
- cheapest([Item("z", 0, 9.0)]) == "z"
"""


@pytest.mark.parametrize(("function", "expected_body"), [
    ("stock_value", "return sum(item.quantity * item.price for item in items)"),
    ("names_in_stock", "return [item.name for item in items if item.quantity > 0]"),
    ("cheapest", "return min(items, key=lambda item: item.price).name"),
])
def test_entities_from_the_context_are_rebuilt_and_their_fields_used(function, expected_body):
    project = parse_spec(SHOP, file="shop.md")
    item = next(f for f in project.functions if f.name == function)
    task = task_from_function(item, context_source=SHOP_CONTEXT)
    result = synthesize(task, ROOMY)
    assert result.found, result.reason
    assert result.sources[0].rstrip().endswith(expected_body)
    assert run_examples(result.sources[0], task, timeout=20) is None


MYSTERY = """# Project: riddles
Riddles.

## Function: mystery(n: int) -> int
Nobody knows.
- mystery(1) == 17
- mystery(2) == -4
- mystery(3) == 1000
"""


def _mystery_task():
    return task_from_function(parse_spec(MYSTERY, file="riddles.md").functions[0])


def test_an_exhausted_time_budget_is_reported_with_size_examples_and_limit():
    started = time.perf_counter()
    result = synthesize(_mystery_task(), Budget(milliseconds=300))
    assert time.perf_counter() - started < 3.0
    assert not result.found
    assert re.fullmatch(r"no program of size <= \d+ satisfies all 3 examples within 300 ms "
                        r"\(\d+ programs tried\); closest: `.+` fails example \d"
                        r"(; no program of that size satisfies examples? [\d, ]+ even alone)?",
                        result.reason)
    # 1000 is far from anything small built from n in 1..3. How far the search got in
    # 300 ms depends on the machine's load, so only example 3 is sure to be named here;
    # the program-count budget below pins the exact sentence.
    never = re.search(r"satisfies examples? ([\d, ]+) even alone$", result.reason)
    assert never and "3" in never.group(1).split(", ")


def test_examples_no_program_reaches_even_alone_are_named_when_the_search_ends():
    result = synthesize(_mystery_task(), Budget(milliseconds=60_000, max_programs=5000))
    assert not result.found
    assert "no program of size <= 6" in result.reason
    # 17 and -4 are reached by programs of size 6 alone; 1000 is not.
    assert result.reason.endswith("; no program of that size satisfies example 3 even alone")


def test_a_program_count_budget_is_deterministic():
    budget = Budget(milliseconds=60_000, max_programs=2000)
    first = synthesize(_mystery_task(), budget)
    second = synthesize(_mystery_task(), budget)
    assert "within 2000 programs" in first.reason
    assert first.reason == second.reason
    assert first.explored == second.explored == 2000


def test_results_are_deterministic_and_skipping_past_them_says_so():
    task = function_task("textkit", "reverse_words")
    first = synthesize(task, ROOMY, count=3)
    again = synthesize(task, ROOMY, count=3)
    assert first.sources == again.sources
    # Observational equivalence keeps one program per behaviour on the examples.
    assert len(first.sources) == 1
    skipped = synthesize(task, ROOMY, count=3, skip=3)
    assert not skipped.found
    assert skipped.reason == "only 1 distinct program(s) found; all were already tried"


def test_examples_are_evaluated_without_executing_user_text():
    task = _mystery_task()
    span = task.examples[0].span
    task.examples.append(Example(call='mystery(__import__("os").getpid())', expected="1",
                                 raises=None, span=span))
    result = synthesize(task, ROOMY)
    assert not result.found
    assert result.reason.startswith("cannot use the examples: example 4")
    assert result.explored == 0


def test_safe_eval_accepts_literals_and_refuses_everything_else():
    assert safe_eval('[1, -2.5, "x", (True, None), {"k": {3}}]') == \
        [1, -2.5, "x", (True, None), {"k": {3}}]
    for source in ('__import__("os")', "open('x')", "x.y", "[i for i in range(3)]", "f()"):
        with pytest.raises(ExampleError):
            safe_eval(source)


def test_a_function_without_examples_is_reported_not_guessed():
    text = "# Project: p\nP.\n\n## Function: f(x: int) -> int\nSomething.\n"
    result = synthesize(task_from_function(parse_spec(text, file="p.md").functions[0]), ROOMY)
    assert not result.found
    assert "no examples" in result.reason


ACCUMULATIONS = """# Project: acc
Accumulations.

## Function: word_frequencies(text: str) -> dict[str, int]
How many times each word occurs in the text.
- word_frequencies("a b a") == {"a": 2, "b": 1}
- word_frequencies("") == {}
- word_frequencies("x y z y") == {"x": 1, "y": 2, "z": 1}

## Function: running_totals(amounts: list[int]) -> list[int]
The running total after each amount.
- running_totals([1, 2, 3]) == [1, 3, 6]
- running_totals([]) == []
- running_totals([5, -5]) == [5, 0]

## Function: by_length(words: list[str]) -> dict[int, list[str]]
The words grouped by their length.
- by_length(["a", "bb", "c"]) == {1: ["a", "c"], 2: ["bb"]}
- by_length([]) == {}
"""


@pytest.mark.parametrize(("function", "loop"), [
    ("word_frequencies", ["counts = {}", "for word in text.split():",
                          "counts[word] = counts.get(word, 0) + 1", "return counts"]),
    ("running_totals", ["totals = []", "total = 0", "for amount in amounts:",
                        "total += amount", "totals.append(total)", "return totals"]),
    ("by_length", ["groups = {}", "for word in words:",
                   "groups.setdefault(len(word), []).append(word)", "return groups"]),
])
def test_accumulation_loops_are_written_as_statements(function, loop):
    project = parse_spec(ACCUMULATIONS, file="acc.md")
    task = task_from_function(next(f for f in project.functions if f.name == function))
    result = synthesize(task, ROOMY)
    assert result.found, result.reason
    body = result.sources[0].split('"""')[-1]
    assert [line.strip() for line in body.strip().splitlines()] == loop
    assert run_examples(result.sources[0], task, timeout=20) is None


def _random_task(name, parameter_type, pairs):
    from spf.loop import FunctionTask
    from spf.spec.model import Example, Span

    span = Span(file="random.md", line=1)
    examples = [Example(call=f"{name}({argument!r})", expected=repr(result), raises=None,
                        span=span) for argument, result in pairs]
    return FunctionTask(name=name, params=[("value", parameter_type)], returns=None,
                        signature=f"def {name}(value: {parameter_type}):",
                        docstring="Some function.", requirement="", examples=examples)


scalars = st.one_of(st.integers(-1000, 1000), st.text(max_size=8), st.booleans(),
                    st.floats(allow_nan=False, allow_infinity=False, width=32))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.integers(-50, 50), st.text(max_size=6),
                                    st.lists(st.integers(-5, 5), max_size=4)), scalars),
                min_size=1, max_size=4))
def test_any_examples_give_a_verified_program_or_a_reason_never_an_exception(pairs):
    kinds = {type(argument).__name__ for argument, _ in pairs}
    parameter_type = kinds.pop() if len(kinds) == 1 else "object"
    task = _random_task("anything", parameter_type, pairs)
    result = synthesize(task, Budget(milliseconds=5000, max_programs=1500))
    if result.found:
        implementation = _define(result.sources[0])
        for argument, expected in pairs:
            assert implementation(argument) == expected
    else:
        assert result.reason


def test_a_character_str_isdigit_takes_is_not_read_as_a_number():
    """Found by the property test above: "²" passes ``str.isdigit`` but no number format
    writes it (it crashed the format tokenizer); the search gives a reason instead."""
    result = synthesize(_random_task("anything", "int", [(0, ""), (0, "²")]),
                        Budget(milliseconds=5000, max_programs=1500))
    assert not result.found and result.reason


def test_the_size_limit_is_reported_as_such():
    result = synthesize(function_task("textkit", "initials"), Budget(max_size=3))
    assert not result.found
    assert re.match(r"no program of size <= 3 satisfies all 3 examples \(\d+ programs tried; "
                    r"max_size is 3\); closest: `.+` fails example \d", result.reason)


HALVES_UP = """# Project: scales
Weights.

## Function: kilos(grams: int) -> str
Grams written as kilos with two decimals and " kg" after.
- kilos(1250) == "1.25 kg"
- kilos(800) == "0.80 kg"
- kilos(12000) == "12.00 kg"
- kilos(1255) == "1.26 kg"
"""


def test_a_near_miss_that_rounds_half_to_even_is_made_half_up_where_the_examples_say_so():
    """`format(grams / 1000, ".2f")` gives `1.25` for 1255 g (the float 1.255 is 1.25499...);
    `1 / (1000 / grams)` fits the examples by float error (1.2550000000000001) and is wrong on
    1005 g. The examples ask for halves rounded up: the near miss's rounding is made decimal's
    ROUND_HALF_UP."""
    result = synthesize(task_from_function(parse_spec(HALVES_UP, file="scales.md").functions[0]), ROOMY)
    assert result.found, result.reason
    assert "ROUND_HALF_UP" in result.sources[0]
    kilos = _define(result.sources[0])
    for grams, expected in {2345: "2.35 kg", 1005: "1.01 kg", 3335: "3.34 kg", 1004: "1.00 kg", 5: "0.01 kg"}.items():
        assert kilos(grams) == expected, (grams, result.sources[0])


def test_a_surname_kept_to_the_letters_a_to_z_is_found_with_the_words_ops():
    """"the surname (last word of the name) in lower case, keeping only the letters a to z,
    followed straight away by the year": ``last_word`` and ``letters_only``, hinted by those
    words, make it small enough to find within the default budget."""
    text = """# Project: refs
References.

## Function: key_base(name: str, year: int) -> str
the start of a key: the surname (last word of the name) in lower case, keeping only the
letters a to z, followed straight away by the year.
- key_base("Jane Smith", 2019) == "smith2019"
- key_base("Flann O'Brien", 1939) == "obrien1939"
- key_base("Plato", 1998) == "plato1998"
"""
    result = synthesize(task_from_function(parse_spec(text, file="refs.md").functions[0]))
    assert result.found, result.reason
    key_base = _define(result.sources[0])
    assert key_base("Seán Ó Riordáin", 1964) == "riordin1964"
    assert key_base("  Mary   Anne Evans ", 1871) == "evans1871"


def test_money_typed_as_pounds_is_read_into_pence_and_a_surname_first_with_initials():
    """Two idioms the examples confirm: text read into pence ("whole pounds, or pounds with one or
    two figures after the point ... anything that comes to nothing ... a ValueError") and a name
    written surname first with initials."""
    text = """# Project: money
Money.

## Function: parse_money(text: str) -> int
Turns what somebody typed into pence: whole pounds, or pounds with one or two figures after the
point. Anything else, or anything that comes to nothing, gives a ValueError.
- parse_money("4") == 400
- parse_money("4.5") == 450
- parse_money("12.05") == 1205
- parse_money("0.00") raises ValueError
- parse_money("2.345") raises ValueError

## Function: short_author(name: str) -> str
The surname first, then the initials of the other names, each a letter and a dot, separated
by single spaces. A one-word name stays as it is.
- short_author("Jane Smith") == "Smith, J."
- short_author("Mary Anne Evans") == "Evans, M. A."
- short_author("Plato") == "Plato"
"""
    parse_money, short_author = (_define(synthesize(task_from_function(function), ROOMY).sources[0])
                                 for function in parse_spec(text, file="money.md").functions)
    assert [parse_money(typed) for typed in ("7", "0.5", "10.10", "99.9")] == [700, 50, 1010, 9990]
    for refused in ("-3", "£4", "four", "0", "1.234", ""):
        with pytest.raises(ValueError):
            parse_money(refused)
    assert short_author("Eric  John Ernest Hobsbawm") == "Hobsbawm, E. J. E."
    assert short_author("Homer") == "Homer"
