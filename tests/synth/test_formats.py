"""The format synthesizer: formatting functions from their examples, checked on cases they never saw."""

from __future__ import annotations

from pathlib import Path

import pytest
from format_cases import FORMAT_FUNCTIONS, spec_text
from synth_helpers import SHOP_CONTEXT

from spf.loop import run_examples, task_from_function
from spf.spec import load_spec, parse_spec
from spf.synthesis import Budget, synthesize
from spf.synthesis.formats import format_programs
from spf.synthesis.values import build_cases

REPO = Path(__file__).resolve().parents[2]
ROOMY = Budget(milliseconds=30_000, max_programs=400_000)


def _define(source: str):
    """Our own synthesized source, executed to probe the held-out cases."""
    namespace: dict = {}
    exec(compile(source, "<synthesized>", "exec"), namespace)  # noqa: S102 - test-only probe
    return namespace


def _tasks(text: str):
    return [task_from_function(function) for function in parse_spec(text, file="f.md").functions]


FRESH = dict(zip((entry[0].split("(")[0] for entry in FORMAT_FUNCTIONS),
                 zip(_tasks(spec_text()), FORMAT_FUNCTIONS)))


@pytest.mark.parametrize("name", sorted(FRESH))
def test_fresh_formatting_functions_pass_their_examples_and_held_out_cases(name):
    task, (_, _, _, held_out) = FRESH[name]
    result = synthesize(task, ROOMY)
    assert result.found, result.reason
    assert run_examples(result.sources[0], task, timeout=20) is None
    namespace = _define(result.sources[0])
    for call, expected in held_out:
        assert eval(call, namespace) == expected, (call, result.sources[0])


@pytest.mark.parametrize(("name", "body"), [
    ("mmss", 'f"{seconds // 60}:{seconds % 60:02d}"'),
    ("price", 'f"€{amount:,.2f}"'),
    ("percent", 'f"{ratio:.1%}"'),
    ("progress", 'f"{done}/{total} ({done / total:.0%})"'),
    ("delta", 'f"{new - old:+.2f}"'),
    ("ticket", 'f"#{number:03d}"'),
    ("items", """f"{count or 'no'} item{'s' if count != 1 else ''}\""""),
    ("entries", """f"{count} entr{'ies' if count != 1 else 'y'}\""""),
    ("size", 'f"{n_bytes / 1024:g} KB"'),
    ("elapsed", 'f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"'),
    ("code", 'f"{city[:3].upper()}-{number:03d}"'),
    ("stamp", 'f"{day[8:]}/{day[5:7]} {minutes // 60:02d}:{minutes % 60:02d}"'),
    ("balance", "f\"{'-' if amount < 0 else '+'}€{abs(amount):,.2f}\""),
    ("owed", "f\"{'-' if amount < 0 else ''}€{abs(amount):.2f}\""),
    ("lap", 'f"{round(minutes * 60) // 60}:{round(minutes * 60) % 60:02d}"'),
    ("filesize", 'f"{n_bytes} B" if n_bytes < 1024 else f"{n_bytes / 1024:.1f} KB"'),
    ("ago", 'f"{seconds}s" if seconds < 60 else f"{seconds // 60} min"'),
    ("dish", "f\"{name}{' (spicy)' if spicy else ''}{f' {extra:+}' if extra > 0 else ''}\""),
])
def test_the_program_is_the_readable_f_string_a_user_would_write(name, body):
    result = synthesize(FRESH[name][0], ROOMY)
    assert result.sources[0].rstrip().endswith(f"return {body}")


def test_each_plural_ending_follows_the_count_written_before_it():
    source = synthesize(FRESH["weeks"][0], ROOMY).sources[0]
    assert source.rstrip().endswith(
        """return f"{days // 7} week{'s' if days // 7 != 1 else ''} """
        """{days % 7} day{'s' if days % 7 != 1 else ''}\"""")


def _corpus_function(project: str, name: str):
    spec = load_spec(REPO / "tests/contract/corpus2" / project)
    return task_from_function(next(item for item in spec.functions if item.name == name))


@pytest.mark.parametrize(("project", "name", "body", "probe", "expected"), [
    ("hours", "hm", 'f"{minutes // 60}h{minutes % 60:02d}"', "hm(61)", "1h01"),
    ("lifts", "weight", 'f"{kg:g} kg"', "weight(7.5)", "7.5 kg"),
])
def test_the_corpus_formatters_are_found_within_the_default_budget(project, name, body, probe,
                                                                   expected):
    task = _corpus_function(project, name)
    result = synthesize(task, Budget())
    assert result.found, result.reason
    assert result.sources[0].rstrip().endswith(f"return {body}")
    assert eval(probe, _define(result.sources[0])) == expected


def test_spf_generate_implements_and_verifies_the_hours_formatter(tmp_path):
    import spf

    folder = tmp_path / "hours"
    folder.mkdir()
    text = (REPO / "tests/contract/corpus2/hours/spec.md").read_text(encoding="utf-8")
    # Only the function: the commands are another issue's business and cost time here.
    (folder / "spec.md").write_text(text.split("## Command:")[0], encoding="utf-8")
    report = spf.generate(folder, out=tmp_path / "out", verify=True).to_dict()
    statuses = {unit["design_unit"]: unit["status"] for unit in report["units"]
                if unit.get("design_unit", "").startswith("function:")
                and unit.get("kind") == "function"}
    assert statuses == {"function:hm": "verified"}
    functions = (tmp_path / "out" / "hours" / "functions.py").read_text(encoding="utf-8")
    assert 'return f"{minutes // 60}h{minutes % 60:02d}"' in functions


def test_the_same_program_comes_out_on_every_run():
    task = FRESH["elapsed"][0]
    assert synthesize(task, ROOMY).sources == synthesize(task, ROOMY).sources


def _cases(text: str):
    task = _tasks(text)[0]
    from spf.synthesis.values import parse_signature

    function = parse_signature(task.signature)
    return build_cases(task.name, task.signature, task.examples, {}), \
        [argument.arg for argument in function.args.args]


@pytest.mark.parametrize("body", [
    # outputs that are not a format: literal text that differs beyond a plural ending
    '- grade(95) == "A"\n- grade(85) == "B"\n- grade(75) == "C"',
    # a number no small expression over the input gives (no constant fits all three)
    '- code(3) == "x17"\n- code(4) == "x5"\n- code(10) == "x99"',
    # a text transformation with no literal around it: the enumerative search's job
    '- clean("  a b ") == "a b"\n- clean("c") == "c"',
    # one example only: nothing to align
    '- only(3) == "3 apples"',
])
def test_outputs_that_are_no_format_give_no_template(body):
    name = body.split("(")[0].removeprefix("- ")
    parameter = "text: str" if name == "clean" else "n: int"
    cases, parameters = _cases(f"# Project: p\n\n## Function: {name}({parameter}) -> str\n"
                               f"Something.\n{body}\n")
    assert format_programs(cases, parameters, "Something.") == []


def test_a_plural_ending_the_counts_do_not_explain_gives_no_template():
    # "1 apples" is plural on a count of one: no count decides the ending.
    cases, parameters = _cases('# Project: p\n\n## Function: f(n: int) -> str\nApples.\n'
                               '- f(1) == "1 apples"\n- f(2) == "2 apple"\n- f(3) == "3 apple"\n')
    assert format_programs(cases, parameters, "Apples.") == []


def test_error_examples_still_get_their_guard_in_front_of_the_template():
    (task,) = _tasks('# Project: p\n\n## Function: hm(minutes: int) -> str\n'
                     'Hours and minutes; negative minutes raise ValueError.\n'
                     '- hm(90) == "1h30"\n- hm(5) == "0h05"\n- hm(600) == "10h00"\n'
                     '- hm(-1) raises ValueError\n')
    result = synthesize(task, ROOMY)
    assert result.found, result.reason
    assert run_examples(result.sources[0], task, timeout=20) is None
    assert "raise ValueError" in result.sources[0]


def test_a_template_is_still_the_answer_when_the_budget_runs_out_before_its_level():
    (task,) = _tasks('# Project: p\n\n## Function: hm(minutes: int) -> str\nHours.\n'
                     '- hm(90) == "1h30"\n- hm(5) == "0h05"\n- hm(600) == "10h00"\n')
    result = synthesize(task, Budget(max_programs=50))
    assert result.found, result.reason
    assert result.sources[0].rstrip().endswith('return f"{minutes // 60}h{minutes % 60:02d}"')


SHOP = '''# Project: shop

## Entity: Item
- name: str — its name
- quantity: int = 0 — how many
- price: float = 0.0 — unit price

## Function: line(item: Item) -> str
One line of the receipt.
- line(Item("apple", 3, 0.5)) == "3 x apple @ €0.50 = €1.50"
- line(Item("pear", 1, 2.0)) == "1 x pear @ €2.00 = €2.00"
- line(Item("fig", 12, 0.25)) == "12 x fig @ €0.25 = €3.00"
'''


def test_holes_read_the_fields_of_an_entity_and_combine_them():
    task = task_from_function(parse_spec(SHOP, file="shop.md").functions[0],
                              context_source=SHOP_CONTEXT)
    result = synthesize(task, ROOMY)
    assert result.found, result.reason
    assert result.sources[0].rstrip().endswith(
        'return f"{item.quantity} x {item.name} @ €{item.price:.2f} = '
        '€{item.quantity * item.price:.2f}"')
    assert run_examples(result.sources[0], task, timeout=20) is None


def test_one_example_uses_every_parameter_it_shows_over_a_literal():
    """With one example a literal and a parameter both fit; the parameters are the
    function's inputs, so a text an argument writes as a whole word is that argument."""
    text = '''# Project: garden

## Function: weight_text(crop: str, grams: int) -> str
A crop and its weight.
- weight_text("beans", 250) == "beans (250 g)"

## Function: pace(lengths: int, seconds: int) -> str
Lengths and time.
- pace(20, 600) == "20 lengths in 600 s"
'''
    found = {}
    for task in _tasks(text):
        result = synthesize(task)
        assert result.found, task.name
        found[task.name] = _define(result.sources[0])[task.name]
    assert found["weight_text"]("peas", 80) == "peas (80 g)"
    assert found["pace"](10, 95) == "10 lengths in 95 s"


def test_a_width_one_number_shows_padded_is_the_width_of_the_numbers_beside_it():
    """`09:00-11:00`: the start shows a leading zero, so the end (11, 22 in every example) is
    written in two digits too, and ``span(8, 9)`` is `08:00-09:00`, not `08:00-9:00`."""
    text = ("# Project: rooms\n\n## Function: span(start: int, end: int) -> str\nThe hours as a clock range.\n"
            '- span(9, 11) == "09:00-11:00"\n- span(18, 22) == "18:00-22:00"\n')
    result = synthesize(_tasks(text)[0], ROOMY)
    assert result.found, result.reason
    assert result.sources[0].rstrip().endswith('return f"{start:02d}:00-{end:02d}:00"')
    assert eval("span(8, 9)", _define(result.sources[0])) == "08:00-09:00"
    # a number no example pads, beside none that is padded, stays as it is
    plain = synthesize(_tasks(text.replace("09:00", "9:00"))[0], ROOMY).sources[0]
    assert eval("span(8, 9)", _define(plain)) == "8:00-9:00"
