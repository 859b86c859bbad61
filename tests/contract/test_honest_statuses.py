"""Round thirty: a status says what the spec's examples checked, no more.

A command the examples only ever refuse (`show 4` exits 1 with `no visit 4`) has had its
refusal checked, not what it prints; and a line that prints a value the examples type in as
fixed text (`f"{item.client}: Mrs Hale"`) passes the one example that typed it and is wrong
for every other record. Both used to be reported as done.
"""

from __future__ import annotations

from spf_plugins.stages.commands import plan_commands

import spf
from spf.acceptance import BLANK_WHY, REFUSALS_WHY

from .test_runbook import HERE

BOOK = """# Project: loans

Books lent to friends.

## Entity: Loan
- title: str — the book
- friend: str — who has it

## Store: loans
- holds: Loan
- path: loans.json

## Command: lend(title: str, friend: str)
Lend a book. Prints `lent TITLE to FRIEND`.
- `lend Dune Ann` prints "lent Dune to Ann"

## Command: show(number: int)
Shows one loan: `1: Dune with Ann`. An unknown number prints `no loan N` and exits with status 1.
- `show 4` prints "no loan 4" and exits with status 1
"""


def _generated_units(tmp_path, name: str, spec: str) -> dict[str, dict]:
    """The command and function units of ``spec`` generated and verified, by design unit."""
    folder = tmp_path / name
    folder.mkdir()
    (folder / "spec.md").write_text(spec, encoding="utf-8")
    report = spf.generate(folder, out=tmp_path / "out", verify=True)
    return {unit["design_unit"]: unit for unit in report.to_dict()["units"] if unit.get("kind") == "function"}


def test_a_command_its_examples_only_refuse_is_unchecked_with_the_reason(tmp_path):
    units = _generated_units(tmp_path, "loans", BOOK)
    assert units["command:lend"]["status"] == "verified"
    assert units["command:show"]["status"] == "unchecked"
    assert units["command:show"]["reason"] == REFUSALS_WHY
    assert units["command:show"]["hint"] == "add an example of it succeeding to spec.md to check it"


def test_a_sample_value_printed_as_fixed_text_is_partial_and_a_refused_only_command_gets_the_doubts():
    """corpus42/tuning: `show` has one example, a refusal, so the words are weighed against its
    reading as for a command with none; its line printed `Mrs Hale` (typed in `visit 'Mrs Hale'
    ...`) whatever the visit, and the words show a record as five lines."""
    plans = plan_commands(spf.load_spec(HERE / "corpus42/tuning"), {}, set())
    assert "show" not in plans["show"].facts.covered and "visit" in plans["visit"].facts.covered
    assert plans["show"].status == "partial"
    assert "prints 'Mrs Hale', a value the examples type in, as fixed text" in plans["show"].doubts
    assert "the words show a record as 5 lines; this reading prints one" in plans["show"].doubts
    # `visit 1: Mrs Hale, 2025-03-01` prints the typed name through its field: no doubt
    assert plans["visit"].doubts == [] and plans["visit"].status == "implemented"


SHELF = """# Project: shelf

Jars on a shelf.

## Entity: Jar
- name: str — what is in it
- grams: int — how much

## Store: jars
- holds: Jar
- path: jars.json

## Command: put(name: str, grams: int)
Puts a jar on the shelf. Prints `put NAME (GRAMS g)`.
- `put rice 500` prints "put rice (500 g)"

## Command: heavy(least: int)
The jars of at least LEAST grams, heaviest first, one per line as `NAME: GRAMS g`. With none
it prints `nothing that heavy`.
- `heavy 100` prints "nothing that heavy"
"""


def test_a_list_its_examples_only_run_before_anything_is_stored_is_unchecked(tmp_path):
    """corpus43/seeds `stale` was verified by its one example, `stale 2026` on an empty tin
    ("nothing past its sow-by year in 2026"), while it kept the lots after YEAR and printed a
    sum: what a list prints with nothing stored is all such an example checks. The add, whose
    first step also runs on an empty store, stays verified (it stores, it does not read)."""
    units = _generated_units(tmp_path, "shelf", SHELF)
    assert units["command:put"]["status"] == "verified"
    assert units["command:heavy"]["status"] == "unchecked"
    assert units["command:heavy"]["reason"] == BLANK_WHY
    assert units["command:heavy"]["hint"] == "add an example that runs it after something is stored to check it"



def test_a_command_is_no_surer_than_the_functions_it_calls():
    """A spec function implemented as a guess (partial: it ignores an argument, or names an
    example's value to fit it) makes every command calling it partial, with why (round
    thirty-four: the command used to be verified on its own examples)."""
    from types import SimpleNamespace

    from spf_plugins.stages.implement import guessed_functions

    from spf.pipeline import UnitRecord

    def unit(design, status, reason=None):
        return UnitRecord(id=f"p/functions.py::{design}", path="p/functions.py", name=design.split(":")[1],
                          kind="function", design_unit=design, category="function", template=None,
                          trace="spec.md:1", status=status, reason=reason)

    state = SimpleNamespace(units={u.id: u for u in (
        unit("function:parse_stars", "partial", "writes the example value '4/5' as a constant"),
        unit("function:clean", "implemented"), unit("command:rate", "implemented"))})
    assert guessed_functions(state) == {"parse_stars": "writes the example value '4/5' as a constant"}
