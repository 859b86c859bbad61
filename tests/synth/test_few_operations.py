"""Functions of a few operations, as users write them in specs: each is found, and right.

A broader battery than the example projects: strings, lists, dictionaries,
arithmetic, ranges, guards. Each test checks the program found (the idiomatic one)
and probes inputs the examples do not show.
"""

from __future__ import annotations

import pytest

from spf.loop import run_examples, task_from_function
from spf.spec import parse_spec
from spf.synthesis import Budget, synthesize

# A deterministic budget: the count of programs, not the clock, bounds each search.
COUNTED = Budget(milliseconds=60_000, max_programs=150_000)

SPEC = '''# Project: battery
Functions of a few operations.

## Function: truncate(text: str, limit: int) -> str
The text cut to at most limit characters.
- truncate("hello world", 5) == "hello"
- truncate("hi", 5) == "hi"

## Function: is_valid_email(address: str) -> bool
Whether the address contains an "@".
- is_valid_email("a@b.c") == True
- is_valid_email("nope") == False

## Function: file_extension(name: str) -> str
The part of the file name after the last ".".
- file_extension("a.txt") == "txt"
- file_extension("archive.tar.gz") == "gz"

## Function: second_largest(numbers: list[int]) -> int
The second largest number.
- second_largest([3, 1, 4, 2]) == 3
- second_largest([10, 20]) == 10
- second_largest([5, 9, 7]) == 7

## Function: total_price(prices: dict[str, float]) -> float
The sum of the prices.
- total_price({"a": 1.5, "b": 2.0}) == 3.5
- total_price({}) == 0

## Function: format_price(cents: int) -> str
The price in dollars with two decimals and a leading "$".
- format_price(150) == "$1.50"
- format_price(5) == "$0.05"

## Function: fizz(n: int) -> str
"Fizz" when n is divisible by 3, else the number as text.
- fizz(3) == "Fizz"
- fizz(9) == "Fizz"
- fizz(4) == "4"
- fizz(10) == "10"

## Function: squares(n: int) -> list[int]
The squares of 1 to n.
- squares(3) == [1, 4, 9]
- squares(1) == [1]

## Function: tags_string(tags: list[str]) -> str
The tags each prefixed with "#", separated by spaces.
- tags_string(["a", "b"]) == "#a #b"
- tags_string([]) == ""

## Function: first_word(text: str) -> str
The first word of the text; an empty text is an error.
- first_word("hello world") == "hello"
- first_word("  x y") == "x"
- first_word("") raises ValueError

## Function: discount(price: float, percent: int) -> float
The price reduced by the given percent.
- discount(100.0, 10) == 90.0
- discount(50.0, 50) == 25.0
- discount(80.0, 0) == 80.0

## Function: count_items(items: list[str], item: str) -> int
How many times the item occurs in the items.
- count_items(["a", "b", "a"], "a") == 2
- count_items([], "a") == 0

## Function: dedupe(items: list[str]) -> list[str]
The items without duplicates, in first-seen order.
- dedupe(["a", "b", "a", "c", "b"]) == ["a", "b", "c"]
- dedupe([]) == []

## Function: sum_even(numbers: list[int]) -> int
The sum of the even numbers.
- sum_even([1, 2, 3, 4]) == 6
- sum_even([5, 7]) == 0
- sum_even([10]) == 10

## Function: greeting(name: str) -> str
A friendly greeting for the name.
- greeting("Ada") == "Hello, Ada!"
- greeting("Bob") == "Hello, Bob!"

## Function: task_line(index: int, title: str) -> str
The task as a numbered line.
- task_line(1, "milk") == "1. milk"
- task_line(12, "eggs") == "12. eggs"

## Function: lookup_price(prices: dict[str, float], name: str) -> float
The price of the named article, 0.0 when it is unknown.
- lookup_price({"a": 2.5}, "a") == 2.5
- lookup_price({"a": 2.5}, "b") == 0.0

## Function: min_max(numbers: list[int]) -> tuple[int, int]
The smallest and the largest number.
- min_max([3, 1, 2]) == (1, 3)
- min_max([5]) == (5, 5)

## Function: is_even(n: int) -> bool
Whether n is even.
- is_even(4) == True
- is_even(7) == False
- is_even(0) == True

## Function: has_digit(text: str) -> bool
Whether the text contains a digit.
- has_digit("abc1") == True
- has_digit("abc") == False
- has_digit("") == False

## Function: kebab_to_snake(name: str) -> str
The name with hyphens replaced by underscores.
- kebab_to_snake("a-b-c") == "a_b_c"
- kebab_to_snake("x") == "x"

## Function: starts_with_vowel(word: str) -> bool
Whether the word starts with a vowel (a, e, i, o, u), ignoring case.
- starts_with_vowel("Apple") == True
- starts_with_vowel("pear") == False
- starts_with_vowel("egg") == True

## Function: distance(a: int, b: int) -> int
The distance between a and b.
- distance(3, 10) == 7
- distance(10, 3) == 7
- distance(-2, 2) == 4

## Function: safe_divide(a: float, b: float) -> float
a divided by b; dividing by zero is an error.
- safe_divide(6.0, 3.0) == 2.0
- safe_divide(1.0, 4.0) == 0.25
- safe_divide(1.0, 0.0) raises ZeroDivisionError

## Function: largest_of_three(a: int, b: int, c: int) -> int
The largest of the three numbers.
- largest_of_three(1, 5, 3) == 5
- largest_of_three(9, 2, 4) == 9
- largest_of_three(0, 1, 8) == 8

## Function: longest_word(text: str) -> str
The longest word of the text; the first one on ties.
- longest_word("a bbb cc") == "bbb"
- longest_word("xx yy") == "xx"
- longest_word("one three five") == "three"
'''

CASES = {
    "truncate": ("return text[:limit]", [(("abcdef", 2), "ab")]),
    "is_valid_email": ('return "@" in address', [(("x@y",), True), (("xy",), False)]),
    "file_extension": ('return name.split(".")[-1]', [(("a.b.c",), "c")]),
    "second_largest": ("return sorted(numbers, reverse=True)[1]", [(([1, 8, 5],), 5)]),
    "total_price": ("return sum(prices.values())", [(({"x": 1.0},), 1.0)]),
    "format_price": ('return f"${cents / 100:.2f}"', [((1234,), "$12.34")]),
    "fizz": ('if n % 3 == 0:\n        return "Fizz"\n    return str(n)',
             [((12,), "Fizz"), ((7,), "7")]),
    "squares": ("return [number * number for number in range(1, n + 1)]",
                [((4,), [1, 4, 9, 16]), ((0,), [])]),
    "tags_string": ('return " ".join("#" + tag for tag in tags)', [((["x"],), "#x")]),
    "first_word": (('if not text:\n        raise ValueError("an empty text is an error")\n'
                    "    return text.split()[0]"), [(("z a",), "z")]),
    "discount": ("return price - price * (percent / 100)", [((200.0, 25), 150.0)]),
    "count_items": ("return items.count(item)", [((["b", "b"], "b"), 2)]),
    "dedupe": ("return list(dict.fromkeys(items))", [((["z", "a", "z"],), ["z", "a"])]),
    "sum_even": ("return sum(number for number in numbers if number % 2 == 0)",
                 [(([2, 3, 8],), 10), (([-2, 1],), -2)]),
    "greeting": ('return f"Hello, {name}!"', [(("Eve",), "Hello, Eve!")]),
    "task_line": ('return f"{index}. {title}"', [((3, "x y"), "3. x y")]),
    "lookup_price": ("return prices.get(name, 0.0)", [(({"k": 1.0}, "k"), 1.0),
                                                       (({}, "k"), 0.0)]),
    "min_max": ("return (min(numbers), max(numbers))", [(([4, -2, 9],), (-2, 9))]),
    "is_even": ("return n % 2 == 0", [((10,), True), ((-3,), False)]),
    "has_digit": ("return any(char.isdigit() for char in text)", [(("x9y",), True)]),
    "kebab_to_snake": ('return name.replace("-", "_")', [(("ab-cd",), "ab_cd")]),
    "starts_with_vowel": ('return word[:1].lower() in "aeiou"',
                          [(("Ice",), True), (("sky",), False)]),
    "distance": ("return abs(a - b)", [((5, -5), 10)]),
    # Division raises ZeroDivisionError by itself: no guard is written for it.
    "safe_divide": ("return a / b", [((9.0, 3.0), 3.0)]),
    "largest_of_three": ("return max(a, b, c)", [((-1, -7, -3), -1)]),
    "longest_word": ("return max(text.split(), key=lambda word: len(word))",
                     [(("aa b ccc dd",), "ccc")]),
}


def _define(source: str):
    namespace: dict = {}
    exec(compile(source, "<synthesized>", "exec"), namespace)  # noqa: S102 - test-only probe
    return next(value for name, value in namespace.items()
                if callable(value) and not name.startswith("__"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_few_operation_function_is_found_idiomatic_and_correct_beyond_its_examples(name):
    project = parse_spec(SPEC, file="battery.md")
    task = task_from_function(next(f for f in project.functions if f.name == name))
    result = synthesize(task, COUNTED)
    assert result.found, result.reason
    expected_body, probes = CASES[name]
    assert result.sources[0].split('"""')[-1].strip() == expected_body
    implementation = _define(result.sources[0])
    for arguments, expected in probes:
        assert implementation(*arguments) == expected
    assert run_examples(result.sources[0], task, timeout=20) is None
