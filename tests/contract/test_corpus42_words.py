"""Round twenty-nine: corpus42's readings (an author given no voice; tutor, lockers json; plots,
cellar csv; tuning sqlite), first measured at 2 of 58 hidden transcripts.

Each test reads one command of the corpus the way spf does and checks the reading the words
fix (and, where the reading is rendered in a new way, the Python it renders); the transcripts
themselves are measured by benchmarks/contract.py.
"""

from __future__ import annotations

from spf_plugins.stages.commands import CommandPlan, ProjectCommands, render_body

import spf
from spf.interpretation import Filter, interpret_command, number_agreement, prose_errors

from .test_runbook import HERE


def _project(folder: str):
    return spf.load_spec(HERE / "corpus42" / folder)


def _read(folder: str, name: str):
    project = _project(folder)
    command = next(c for c in project.commands if c.name == name)
    return interpret_command(command, project, project.stores[0])[0]


def _errors(folder: str, name: str) -> list[tuple[str, str, int]]:
    project = _project(folder)
    command = next(c for c in project.commands if c.name == name)
    return [(e.condition, e.message, e.status) for e in prose_errors(command, project.entities[0])]


def _body(folder: str, name: str) -> str:
    """The rendered body of one command, every command read as spf reads it."""
    project = _project(folder)
    readings = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    command = next(c for c in project.commands if c.name == name)
    return "\n".join(render_body(CommandPlan(command, readings[name], ProjectCommands(project, readings))))


def test_a_length_read_by_a_spec_function_and_a_line_a_spec_function_writes():
    """tutor `add`: "The length is read with parse_length" over `minutes — how long it lasted` (the
    reader's words say "into minutes"; not the lesson's `number`, "a whole number of hours"), "the tool
    answers with its lesson_line", and a check list "stops at the first problem with exit status 1:"."""
    add = _read("tutor", "add")
    assert add.operation == "add" and add.constructor["minutes"] == "call:parse_length(param:length)"
    assert add.formatter == "lesson_line" and "number" in add.auto_fields
    assert [g.message for g in add.guards] == ["not a date: DAY", "can't read length: LENGTH"]
    assert "item.number, item.student" in _body("tutor", "add")  # the formatter called with the record's fields


def test_counts_by_state_an_option_in_its_list_item_and_a_tie_on_the_same_day():
    tally = _read("tutor", "tally")  # "How many lessons are paid and how many aren't ... `3 paid, 2 unpaid`"
    assert tally.message == ("{sum(1 for _, item in rows if item.paid)} paid, "
                             "{sum(1 for _, item in rows if not item.paid)} unpaid")
    listed = _read("tutor", "list")  # "* `--student NAME` ... The whole name has to match, but capitals don't matter"
    assert Filter("student", "==", "param:student", True, "student") in listed.filters
    assert (listed.order, listed.then_by) == (("day", False), ("number", False))  # "on the same day ... numbers"
    assert _read("tutor", "owed").message == "owed {value:,.2f}"  # `owed 1,245.00`: one number, thousands


def test_an_add_a_written_call_completes_and_a_numbered_check_list():
    """lockers `rent`: "takes a locker from the START day" is no subtraction; "The rental runs until
    add_months(start, months)"; "1. the locker must be one of 1 to 80, otherwise ...; 4. the locker must
    not be rented already, otherwise `locker 12 is taken by Ann Lee` (the locker and whoever holds it now)"."""
    rent = _read("lockers", "rent")
    assert rent.operation == "add" and rent.constructor["until"] == "call:add_months(param:start, param:months)"
    assert [(g.kind, g.message) for g in rent.guards] == [
        ("check", "no locker LOCKER"), ("predicate", "not a date: START"), ("check", "months must be 1 or more"),
        ("duplicate", "locker LOCKER is taken by RENTER")]
    clash = rent.guards[-1]
    assert clash.trigger["among"] == "not item.returned" and clash.shown == ("LOCKER", "RENTER")  # *rented*: not returned
    assert "fail(f\"locker {item.locker} is taken by {item.renter}\", 1)" in _body("lockers", "rent")  # who holds it


def test_lines_chosen_by_a_day_compared_and_an_update_borrowing_its_refusals():
    due = _read("lockers", "due")
    assert due.output == "locker LOCKER (RENTER): FLAGWORD"
    assert due.definitions["FLAGWORD"] == "'due today' if item.until == day else 'overdue since ' + str(item.until)"
    assert Filter("until", "<=", "param:day") in due.filters and Filter("returned", "is false", None) in due.filters
    assert [g.message for g in due.guards if g.kind == "empty"] == ["nothing due on DAY"]
    extend = _read("lockers", "extend")  # "its until day becomes add_months(until, months) ... Same refusals as return"
    assert (extend.operation, extend.select, extend.locate_field) == ("update", "key", "locker")
    assert [(a.field, a.value) for a in extend.assignments] == [("until", "call:add_months(item.until, param:months)")]
    assert {g.message for g in extend.guards} == {"no locker LOCKER", "locker LOCKER is not rented",
                                                 "months must be 1 or more"}
    assert extend.message == "locker {item.locker} now runs until {item.until}"
    listed = _read("lockers", "list")  # "The lockers rented right now ... colon, renter, comma, `until` and the day"
    assert listed.filters == [Filter("returned", "is false", None)] and listed.output == "LOCKER: RENTER, until UNTIL"


def test_refusals_listed_with_their_messages_in_brackets():
    assert _errors("plots", "add") == [
        ("a code that fails valid_code", "bad plot code: CODE", 1),
        ("a plot that is already let to someone, however I type the code", "plot CODE is already let", 1),
        ("a rent of 0", "rent must be more than 0", 1)]
    assert [m for _, m, _ in _errors("plots", "inspect")] == ["no plot CODE", "score must be between 0 and 10",
                                                            "not a date: DAY"]
    inspect = _read("plots", "inspect")  # "The code may be typed in any case" where add saves it in capitals
    assert ("code", "str.upper") in inspect.transforms and inspect.locate_ignore_case
    assert "code_typed = code" in _body("plots", "add")  # "`bad plot code: ` and the code just as I typed it"


def test_a_numbered_top_list_ties_in_plot_order_and_a_total_told_after_the_list():
    best = _read("plots", "best")
    assert best.operation == "list" and best.limit == "param:count" and best.numbered
    assert best.output == "PLACE. CODE TENANT SCORE"  # "(place, code, tenant, score)"
    assert (best.order, best.then_by, best.last_by) == (("score", True), ("inspected", False), ("natural:code", False))
    assert best.filters == [Filter("inspected", "is true", None)]  # "Only inspected plots take part"
    rents = _read("plots", "rents")
    assert rents.order == ("natural:code", False) and rents.total == "total {sum(item.rent for _, item in rows):,.2f}"
    assert number_agreement(_project("plots")) == {"plots": "plot"}  # "(`plot` when there is only one)"


def test_one_number_for_two_fields_a_default_from_another_argument_and_cents_as_money():
    buy = _read("cellar", "buy")
    assert buy.constructor["bought"] == buy.constructor["left"] == "param:bottles"
    assert buy.constructor["ready"] == "call:(param:ready if param:ready is not None else param:vintage)"
    assert buy.message_pattern == "bought LEFT x NAME VINTAGE at PRICE_MONEY"  # "The answer reads: ... — the bottles"
    assert buy.definitions["PRICE_MONEY"] == "format(item.price / 100, ',.2f')"
    assert [(g.kind, g.message, g.shown) for g in buy.guards if g.kind == "duplicate"] == [
        ("duplicate", "already have NAME", ("NAME",))]  # "`already have ` and the stored name"


def test_refusals_one_per_clause_a_state_with_nothing_left_and_a_card_of_labels():
    assert _errors("cellar", "drink") == [("A wine I don't have", "no wine called NAME", 1),
                                          ("a wine with no bottles left", "no Rioja Alta left", 1)]
    drink = _read("cellar", "drink")
    assert [(g.kind, g.condition, g.message, g.shown) for g in drink.guards if g.kind == "state"] == [
        ("state", "item.left <= 0", "no NAME left", ("NAME",))]  # (stored name)
    assert _read("cellar", "show").output_template == ("name: {item.name}\nvintage: {item.vintage}\n"
                                                       "left: {item.left} of {item.bought}\n"
                                                       "price: {item.price / 100:,.2f}\nready from: {item.ready}")
    ready = _read("cellar", "ready")
    assert Filter("ready", "<=", "param:year") in ready.filters and Filter("left", ">=", "1") in ready.filters
    assert (ready.order, ready.then_by, ready.fold_case) == (("ready", False), ("name", False), True)
    assert [g.message for g in ready.guards if g.kind == "empty"] == ["nothing ready in YEAR"]


def test_renames_name_the_old_and_refuse_a_name_another_record_holds():
    for folder, field, other in (("cellar", "name", "item.name"), ("tuning", "client", "item.client")):
        rename = _read(folder, "rename")
        assert rename.definitions[f"OLD_{field.upper()}"] == "old"
        clash = next(g for g in rename.guards if g.kind == "duplicate")
        assert clash.condition == f"{field}:new" and clash.trigger == {"ignore_case": True, "others": True}
        body = _body(folder, "rename")
        assert f"str({other}).casefold() != str(old).casefold()" in body  # not the record being renamed
        assert body.rstrip().splitlines()[-1].startswith("click.echo(")  # one line for every record renamed


def test_a_client_filed_under_the_first_spelling_and_groups_tied_by_their_first_visit():
    visit = _read("tuning", "visit")
    assert visit.transforms == [("client", "stored:client")]  # not capitalised: "however it is capitalised"
    assert "client = next((item.client for item in store.all() if str(item.client).casefold()" in _body("tuning", "visit")
    top = _read("tuning", "top")
    assert (top.aggregate.function, top.aggregate.group_by, top.limit) == ("count", "client", "param:count")
    assert top.message_pattern == "CLIENT: N visits" and top.then_by == ("first:day", False)
    assert "min(member.day for member in groups[key]), seen[key]" in _body("tuning", "top")
    assert "if item.pitch is not None]" in _body("tuning", "average")  # a visit not measured has no pitch to average
    assert _read("tuning", "list").output == "NUMBER DAY CLIENT, PIANO, PITCH_WORD"  # "or `not measured` if there is
    # no pitch"


def test_the_record_found_first_where_the_words_check_it_first():
    """plots `inspect`: "Things it won't accept, checked in this order, each with exit status 1: a plot
    we don't have on the books (...), a score that isn't between 0 and 10 (...), and a day ..."."""
    body = _body("plots", "inspect")
    assert body.index('fail(f"no plot {code}", 1)') < body.index('fail("score must be between 0 and 10", 1)')
    add = _body("lockers", "extend")  # (no order said: the arguments are checked before the store is read)
    assert add.index("months must be 1 or more") < add.index("store = ")
