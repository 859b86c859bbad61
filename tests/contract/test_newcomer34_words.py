"""Round thirty-four: readings six more independent specs asked for (tests/contract/newcomer/
tutor, fishing, vetclinic, ladder, potluck, bikeshop; written by helper agents shown the spec
language of round five, as the held-out authors were, never spf's source), and a placeholder
named with a word of a spec function's name.

Each test names what was read before: a word a flag chooses "depending on whether `--kept` was
given", a cleaner that raises on what a refusal names, a number field the words put "on the
bottom rung", `GRADE` printed as it is beside `grade_for`.
"""

from __future__ import annotations

import spf
from spf.interpretation import interpret_command

from .test_runbook import HERE

NEWCOMER = HERE / "newcomer"

MARKS = """# Project: marks

Exam marks.

## Entity: Result
- student: str — who sat it
- marks: int — out of 100

## Store: results
- holds: Result
- path: results.json

## Function: grade_for(marks: int) -> str
The letter grade: A for 70 and above, B for 60 to 69, C for 50 to 59, F below 50.
- grade_for(75) == "A"
- grade_for(65) == "B"
- grade_for(55) == "C"
- grade_for(10) == "F"

## Command: add(student: str, marks: int)
Record a result. Prints `added STUDENT`.
- `add ann 75` prints "added ann"

## Command: list
Every result, one per line, as `STUDENT: MARKS (GRADE)`.
"""


def _first(folder: str, name: str):
    project = spf.load_spec(NEWCOMER / folder)
    command = next(c for c in project.commands if c.name == name)
    store = next((s for s in project.stores if s.name == command.store), project.stores[0])
    return next(iter(interpret_command(command, project, store)))


def _generated(tmp_path, folder) -> str:
    out = tmp_path / "out"
    report = spf.generate(folder, out=out, verify=False)
    return (out / report.to_dict()["project"] / "cli.py").read_text(encoding="utf-8")


def test_a_placeholder_named_with_a_word_of_one_functions_name_is_its_value(tmp_path):
    """`STUDENT: MARKS (GRADE)` beside `grade_for(marks)`: GRADE was printed as it is."""
    folder = tmp_path / "marks"
    folder.mkdir()
    (folder / "spec.md").write_text(MARKS, encoding="utf-8")
    source = _generated(tmp_path, folder)
    assert 'f"{item.student}: {item.marks} ({(grade_for(item.marks))})"' in source
    assert "(GRADE)" not in source.split('"""One Result as a line')[1].split("\n")[1]


def test_a_word_a_flag_chooses_depending_on_whether_it_was_given(tmp_path):
    """fishing `log`: "the last word is `kept` or `released` depending on whether `--kept` was
    given"; the line was learned from the example without `--kept` and always said released."""
    log = _first("fishing", "log")
    assert "{'kept' if kept else 'released'}" in log.message


def test_a_cleaner_that_raises_on_what_a_refusal_names_gives_the_refusal(tmp_path):
    """fishing `log`: clean_species raises ValueError on a name of blanks, and "a species that is
    empty once it has been cleaned prints "what kind of fish was it?"": the cleaner's error
    escaped as a traceback (status 1) before the refusal was reached."""
    source = _generated(tmp_path, NEWCOMER / "fishing")
    body = source.split("def log_command")[1]
    assert ("try:\n        species = clean_species(species)\n    except ValueError:\n"
            '        fail("what kind of fish was it?", 2)') in body


def test_a_number_the_words_put_at_the_bottom_is_given_on_add():
    """ladder `join`: "puts a new player on the bottom rung ... (first person in gets rung 1)"
    over `rung: int`: no argument gives it, so the record was built without it (a TypeError)."""
    join = _first("ladder", "join")
    assert "rung" in join.auto_fields


def test_a_field_named_in_the_line_by_its_words_and_taking_off_the_sheet_removes(tmp_path):
    """potluck: `#N NAME: DISH (TABLE, serves S)` over `category: str — which table it goes on`
    printed TABLE as it is; "It takes every dish that person signed up for off the sheet" was
    read as a sum of dishes (an aggregate), not a removal."""
    source = _generated(tmp_path, NEWCOMER / "potluck")
    assert 'return f"#{item.number} {item.name}: {item.dish} ({item.category}, serves {item.servings})"' in source
    dropout = _first("potluck", "dropout")
    assert dropout.operation == "remove" and dropout.select == "matching"


def test_an_add_whose_arguments_name_a_call_and_a_clash_with_other_values():
    """vetclinic `give`: "The next dose is due on `add_months(GIVEN, MONTHS)`" (placeholders in
    capitals) left `due` unfilled, so no add was offered at all and `give` read as an update;
    "a pet already on file with a different owner or species" refused every second dose."""
    give = _first("vetclinic", "give")
    assert give.operation == "add"
    assert give.constructor["due"] == "call:add_months(param:given, param:months)"
    clash = next(guard for guard in give.guards if guard.kind == "duplicate")
    assert clash.condition == "pet:pet" and clash.trigger["differs"] == "owner:owner,species:species"


def test_an_option_that_is_today_when_left_off_fills_the_day_it_describes():
    """bikeshop `book`: "the --date option is the day it came in, YYYY-MM-DD; leave it off and it
    is today" over `booked: str — day the bike came in`: the option was reported not
    implemented (status 3) on every booking."""
    book = _first("bikeshop", "book")
    assert book.constructor["booked"] == (
        'call:(param:date if param:date is not None else __import__("datetime").date.today().isoformat())')


BOOKCLUB = """# Project: bookclub

Our book club's reading list. Kept in `club.json`.

## Entity: Book
- title: str — the book's title as first typed
- rating: int = 0 — the club's mark out of 5
- read: bool = false — true once we have met about it

## Store: books
- holds: Book
- path: club.json

## Function: stars(rating: int) -> str
A mark shown as stars: as many `*` as the rating, then `.` up to five.
- stars(3) == "***.."
- stars(0) == "....."

## Command: suggest(title: str)
Someone suggests a book. Prints `added TITLE`.
- `suggest Dune` prints "added Dune"

## Command: met(title: str, rating: int)
We met about a book: it is marked read with the club's rating. Prints `TITLE: RATING/5`.

## Command: list
Every book, one per line: `TITLE [STARS]` where STARS is the rating written by stars.
"""


def test_a_placeholder_defined_as_a_field_written_by_a_function_leaves_the_field_a_number():
    """"STARS is the rating written by stars" (list) made `met`'s `TITLE: RATING/5` print
    `Dune: ****./5`: the sentence defines STARS, not how the rating is written everywhere
    (found writing a spec as a newcomer, round thirty-four)."""
    from spf_plugins.stages.commands import plan_commands

    from spf.interpretation import placeholder_writers
    from spf.spec import parse_spec

    project = parse_spec(BOOKCLUB)
    assert placeholder_writers(project) == {"STARS": ("stars", "rating")}
    met = plan_commands(project, {}, set())["met"]
    assert met.message_expression(None) == 'f"{item.title}: {item.rating}/5"'
