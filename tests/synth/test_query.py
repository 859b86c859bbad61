"""The record-query synthesizer (spf.synthesis.query): programs over a store's records
found from example states, ordered by the words, bounded, rendered and run.

Each task is plain data: the records the store held before each step of the command (here
built by replaying add steps, as the implement stage replays the other commands' steps),
the step's arguments, the lines it must print and its exit status. A found program is
rendered and its body executed against a real in-memory store to check that the source
does what the in-process evaluation said.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from spf.acceptance import match_output
from spf.synthesis.query import (
    Budget,
    Case,
    Event,
    Param,
    QueryTask,
    Step,
    render,
    synthesize_query,
)


def adds(records: list[dict], state: list[dict] | None = None) -> list[Event]:
    """Other commands' steps that append ``records``, as the snapshot run records them."""
    events, state = [], list(state or [])
    for record in records:
        events.append(Event(before=list(state), after=[*state, record]))
        state = [*state, record]
    return events


def task_of(name, params, fields, cases, text, **extra) -> QueryTask:
    from spf.interpretation import words

    return QueryTask(name=name, params=params, fields=fields, cases=cases, text=text.lower(),
                     words=words(name) + words(text), matches=match_output,
                     store_class="Store", entity_class="Record", **extra)


class Stopped(Exception):
    def __init__(self, status):
        self.status = status


def execute(task: QueryTask, program, records: list[dict], args: dict) -> tuple[list[str], int, list[dict]]:
    """Run the rendered body against a store holding ``records``: (printed lines, exit
    status, the records afterwards)."""
    store_records = [SimpleNamespace(**record) for record in records]
    printed: list[str] = []

    class Store:
        def all(self):
            return list(store_records)

        def add(self, item):
            store_records.append(item)
            return len(store_records) - 1

        def update(self, index, item):
            store_records[index] = item

        def remove(self, index):
            del store_records[index]

    def fail(message, status=1):
        printed.append(message)
        raise Stopped(status)

    def ignored_option(name, command, where=""):
        if args.get(name) is not None and args.get(name) != next(
                p.default for p in task.params if p.python == name):
            raise Stopped(3)

    lines = render(program, task)
    params = [param.python for param in task.params]
    source = f"def body({', '.join(params)}):\n" + "\n".join("    " + line for line in lines)
    scope = {"Store": Store, "Record": lambda **fields: SimpleNamespace(**fields), "fail": fail,
             "ignored_option": ignored_option,
             "click": SimpleNamespace(echo=lambda text="": printed.append(str(text)))}
    exec(compile(source, "<query program>", "exec"), scope)  # noqa: S102 - the rendered body
    status = 0
    try:
        scope["body"](**{param.python: args.get(param.name) for param in task.params})
    except Stopped as stop:
        status = stop.status
    return printed, status, [vars(item) for item in store_records]


SCORES = [{"player": "bob", "points": 7}, {"player": "ann", "points": 12},
          {"player": "cid", "points": 3}, {"player": "ann", "points": -5}]
BOARD_TEXT = ("The standings: one line per player with their total, by rank (highest total "
              "first; players with the same total in name order A to Z), written "
              "`RANK. PLAYER TOTAL`. Shows at most `--limit` players. With no scores at all it "
              "prints `no scores yet`.")


def board_task(text: str = BOARD_TEXT) -> QueryTask:
    cases = [Case([], adds(SCORES) + [
        Event(step=Step({"limit": 10}, ["1. ann 7", "2. bob 7", "3. cid 3"], 0)),
        Event(step=Step({"limit": 1}, ["1. ann 7"], 0))]),
        Case([], [Event(step=Step({"limit": 10}, ["no scores yet"], 0))])]
    return task_of("standings", [Param("limit", "limit", "int", 10, False)],
                   {"player": "str", "points": "int"}, cases, text)


def test_a_ranked_group_sorted_by_a_sum_is_found_rendered_and_runs():
    task = board_task()
    result = synthesize_query(task)
    assert result.programs, result.reason
    program = result.programs[0]
    assert program.group == ("player", "sum", "points")
    # the words decide what the example cannot: highest total first, ties A to Z
    assert program.order == (("value", True), ("key", False))
    assert program.take == ("param", "limit")
    assert program.template == "{rank}. {key} {value}"
    records = [{"player": "eve", "points": 20}, {"player": "dan", "points": 31},
               {"player": "cat", "points": 20}]
    assert execute(task, program, records, {"limit": 10})[:2] == (
        ["1. dan 31", "2. cat 20", "3. eve 20"], 0)
    assert execute(task, program, records, {"limit": 2})[0] == ["1. dan 31", "2. cat 20"]
    assert execute(task, program, [], {"limit": 10})[0] == ["no scores yet"]
    report = result.report()
    assert report["enumerated"] >= report["kept"] > 0 and report["found"] == len(result.programs)


def test_the_words_order_what_the_examples_cannot_tell_apart():
    # without "highest first" / "A to Z" the smallest program the examples allow wins
    plain = synthesize_query(board_task("One line per player: `RANK. PLAYER TOTAL`, at most "
                                        "`--limit`. Prints `no scores yet` when empty."))
    assert plain.programs and plain.programs[0].order != (("value", True), ("key", False))


def test_search_is_deterministic():
    first, second = synthesize_query(board_task()), synthesize_query(board_task())
    assert [p.words() for p in first.programs] == [p.words() for p in second.programs]
    assert (first.enumerated, first.kept) == (second.enumerated, second.kept)


def test_observational_equivalence_prunes_programs_that_agree_on_every_state():
    result = synthesize_query(board_task(), Budget(keep=50))
    assert result.kept < result.enumerated
    behaviours = {p.words() for p in result.programs}
    assert len(behaviours) == len(result.programs)


def test_a_filter_on_a_constant_from_the_words_with_a_limit():
    orders = [{"customer": "ann", "amount": 250}, {"customer": "bob", "amount": 40},
              {"customer": "cid", "amount": 120}, {"customer": "dee", "amount": 990},
              {"customer": "eve", "amount": 100}]
    text = ("The big orders: those over 100, largest first, at most `--top` of them, each as "
            "`CUSTOMER (AMOUNT)`.")
    cases = [Case([], adds(orders) + [
        Event(step=Step({"top": 5}, ["dee (990)", "ann (250)", "cid (120)"], 0)),
        Event(step=Step({"top": 2}, ["dee (990)", "ann (250)"], 0))])]
    task = task_of("big", [Param("top", "top", "int", 5, False)],
                   {"customer": "str", "amount": "int"}, cases, text, constants=[100])
    result = synthesize_query(task)
    assert result.programs, result.reason
    program = result.programs[0]
    assert [atom.words() for atom in program.filters] == ["amount > 100"]
    assert program.order == (("field:amount", True),) and program.take == ("param", "top")
    more = [*orders, {"customer": "fay", "amount": 101}, {"customer": "gus", "amount": 100}]
    assert execute(task, program, more, {"top": 9})[0] == [
        "dee (990)", "ann (250)", "cid (120)", "fay (101)"]


def test_an_update_of_every_matching_record_with_a_guard():
    books = [{"title": "Dune", "author": "Herbert", "read": False},
             {"title": "Emma", "author": "Austen", "read": False},
             {"title": "Kindred", "author": "Butler", "read": False},
             {"title": "Persuasion", "author": "Austen", "read": False}]
    text = ("Mark every book by an author as read. Prints `read TITLE` for each. "
            "An author with no books is refused.")
    after = [{**book, "read": book["author"] == "Austen"} for book in books]
    cases = [Case([], adds(books) + [
        Event(step=Step({"author": "austen"}, ["read Emma", "read Persuasion"], 0)),
        Event(before=after, after=after),
        Event(step=Step({"author": "nobody"}, ["no books by that author"], 1))])]
    task = task_of("binge", [Param("author", "author", "str")],
                   {"title": "str", "author": "str", "read": "bool"}, cases, text,
                   errors=[("no books by that author", 1)], priors={"kind": {"write"}})
    result = synthesize_query(task)
    assert result.programs, result.reason
    program = result.programs[0]
    assert program.terminal == ("update", (("read", "set", ("const", True)),))
    assert [atom.words() for atom in program.filters] == ["author ~= --author"]
    assert [guard.condition for guard in program.guards] == [("empty",)]
    lines, status, records = execute(task, program, books, {"author": "AUSTEN"})
    assert (lines, status) == (["read Emma", "read Persuasion"], 0)
    assert [record["read"] for record in records] == [False, True, False, True]
    assert execute(task, program, books, {"author": "nobody"})[:2] == (
        ["no books by that author"], 1)


def test_a_subtraction_guarded_by_what_is_left():
    items = [{"name": "eggs", "quantity": 6, "unit": "pcs"}, {"name": "rice", "quantity": 500,
                                                              "unit": "g"}]
    used = [{"name": "eggs", "quantity": 2, "unit": "pcs"}, items[1]]
    text = ("Take AMOUNT away from the item's quantity. Prints the item as `NAME: QUANTITY UNIT` "
            "with the new quantity.")
    cases = [Case([], adds(items) + [
        Event(step=Step({"name": "Eggs", "amount": 4}, ["eggs: 2 pcs"], 0)),
        Event(step=Step({"name": "eggs", "amount": 3}, ["not enough left"], 1)),
        Event(before=used, after=used),
        Event(step=Step({"name": "flour", "amount": 1}, ["no such item"], 1))])]
    task = task_of("use", [Param("name", "name", "str"), Param("amount", "amount", "int")],
                   {"name": "str", "quantity": "int", "unit": "str"}, cases, text,
                   errors=[("no such item", 1), ("not enough left", 1)],
                   priors={"kind": {"write"}})
    result = synthesize_query(task)
    assert result.programs, result.reason
    program = result.programs[0]
    assert program.terminal == ("update", (("quantity", "subtract", ("param", "amount")),))
    assert execute(task, program, items, {"name": "RICE", "amount": 100})[:2] == (
        ["rice: 400 g"], 0)
    lines, status, records = execute(task, program, items, {"name": "rice", "amount": 501})
    assert (lines, status, records) == (["not enough left"], 1, items)  # refused: unchanged
    assert execute(task, program, items, {"name": "salt", "amount": 1})[:2] == (
        ["no such item"], 1)


def test_a_space_searched_to_its_end_reports_no_program():
    # the product of the quantities is outside the language
    cases = [Case([], adds([{"name": "a", "quantity": 2}, {"name": "b", "quantity": 3}]) + [
        Event(step=Step({}, ["product: 6"], 0))])]
    task = task_of("product", [], {"name": "str", "quantity": "int"}, cases,
                   "The product of every quantity, as `product: N`.")
    result = synthesize_query(task)
    assert result.programs == [] and result.exhausted
    assert result.reason.startswith("no program of the query language passes")
    assert result.report()["found"] == 0


def test_the_node_bound_stops_the_search_and_says_so():
    result = synthesize_query(board_task(), Budget(programs=3))
    assert result.programs == [] and not result.exhausted
    assert "3 programs" in result.reason


def test_a_summary_line_learns_rounding():
    from spf.synthesis.query import fill, learn_lines

    values = {"lowest": -3.0, "highest": 4.5, "mean": 0.75, "count": 2}
    learned = [template.replace("{item.", "{") for template in
               learn_lines("min -3.0 max 4.5 mean 0.8", values, None)]
    assert "min {lowest:.1f} max {highest:.1f} mean {mean:.1f}" in learned  # one decimal each
    assert fill(learned[-1], {"lowest": -3.0, "highest": 12.25, "mean": 4.5}) == \
        "min -3.0 max 12.2 mean 4.5"


def test_several_aggregates_on_one_line():
    readings = [{"place": "oslo", "celsius": -3.0}, {"place": "oslo", "celsius": 4.5},
                {"place": "rome", "celsius": 12.0}]
    cases = [Case([], adds(readings) + [
        Event(step=Step({"place": "oslo"}, ["min -3.0 max 4.5 mean 0.8"], 0)),
        Event(step=Step({"place": ""}, ["min -3.0 max 12.0 mean 4.5"], 0))])]
    task = task_of("stats", [Param("place", "place", "str", "", False)],
                   {"place": "str", "celsius": "float"}, cases,
                   "The coldest, the warmest and the mean temperature, on one line, over all "
                   "readings or only those of one place with `--place P`.")
    result = synthesize_query(task)
    assert result.programs, result.reason
    program = result.programs[0]
    assert program.terminal == ("summary", "celsius")
    assert program.template.endswith("mean {mean:.1f}")
    assert execute(task, program, readings, {"place": "rome"})[0] == ["min 12.0 max 12.0 mean 12.0"]
    more = [*readings, {"place": "rome", "celsius": 13.0}]
    assert execute(task, program, more, {"place": "rome"})[0] == ["min 12.0 max 13.0 mean 12.5"]


def test_the_bound_is_a_checked_setting():
    from spf.errors import SpfError
    from spf.synthesis.query import budget_from_settings

    assert budget_from_settings({"programs": 50, "milliseconds": 10}).settings() == {
        "programs": 50, "milliseconds": 10}
    with pytest.raises(SpfError, match="must be a whole number"):
        budget_from_settings({"programs": "many"}, "spf.toml")
    with pytest.raises(SpfError, match="unknown query setting 'seconds'"):
        budget_from_settings({"seconds": 3}, "spf.toml")


def test_a_line_that_contradicts_the_stated_format_is_not_frozen_into_a_program():
    cases = [Case([], adds([{"text": "buy milk"}]) + [Event(step=Step({}, ["1. [ ] buy milk"], 0))])]
    text = "Print every note on its own line as `1. text`, numbered from 1."
    stated = task_of("list", [], {"text": "str"}, cases, text, formats=["1. text"])
    assert synthesize_query(stated).programs == []
    unstated = task_of("list", [], {"text": "str"}, cases, "Print every note.")
    assert synthesize_query(unstated).programs[0].template == "{rank}. [ ] {text}"
    task = board_task()
    task.formats = ["RANK. PLAYER TOTAL", "--limit", "no scores yet"]
    assert synthesize_query(task).programs[0].template == "{rank}. {key} {value}"


def _pence(text: str) -> int:
    whole, _, cents = text.partition(".")
    if not whole.isdigit() or (cents and not cents.isdigit()):
        raise ValueError(text)
    return int(whole) * 100 + int((cents or "0").ljust(2, "0"))


def test_a_spec_function_reads_an_argument_into_the_update_and_writes_the_line():
    """`charge dave 7.5` prints `Dave owes 7.50` over `owed: int` in pence: the amount read with
    parse_money and the owed written with show_money, the spec's own functions (their programs
    from their examples stand in for them in the search); the body calls them by name."""
    tabs = [{"member": "Dave", "owed": 0}, {"member": "Ollie", "owed": 300}]
    cases = [Case([], adds(tabs) + [Event(step=Step({"member": "dave", "amount": "7.5"}, ["Dave owes 7.50"], 0)),
                                    Event(step=Step({"member": "OLLIE", "amount": "12"}, ["Ollie owes 15.00"], 0))])]
    functions = {"parse_money": ("str", "int", _pence), "show_money": ("int", "str", lambda pence: f"{pence / 100:.2f}")}
    task = task_of("charge", [Param("member", "member", "str"), Param("amount", "amount", "str")],
                   {"member": "str", "owed": "int"}, cases,
                   "Puts something on a member's tab, found in any case; the amount is read with parse_money. "
                   "It replies `MEMBER owes OWED`.", functions=functions)
    result = synthesize_query(task)
    assert result.programs, result.reason
    program = result.programs[0]
    assert program.terminal == ("update", (("owed", "add", ("call", "parse_money", "amount")),))
    assert program.template == "{member} owes {show_money(owed)}"
    lines = render(program, task)
    assert "    item.owed = item.owed + parse_money(amount)" in lines
    assert 'click.echo(f"{item.member} owes {show_money(item.owed)}")' in [line.strip() for line in lines]


def test_the_chosen_reading_is_tried_first_where_one_example_cannot_tell():
    """`best` over one launch: every program that prints it passes, the smallest prints every
    launch. Seeded with the reading the words give (highest first, the lower number on a tie, one
    line), that one is found first, its line learned from the step."""
    from spf.synthesis.query import Program

    cases = [Case([], adds([{"number": 1, "rocket": "Alpha", "metres": 120}]) + [
        Event(step=Step({}, ["best: launch 1, Alpha, 120 m"], 0))])]
    seed = Program(order=(("field:metres", True), ("field:number", False)), take=("const", 1))
    task = task_of("best", [], {"number": "int", "rocket": "str", "metres": "int"}, cases,
                   "The highest flight in the log.", seed=seed)
    program = synthesize_query(task).programs[0]
    assert (program.order, program.take) == (seed.order, seed.take)
    assert program.template == "best: launch {number}, {rocket}, {metres} m"
    records = [{"number": 1, "rocket": "Alpha", "metres": 120}, {"number": 2, "rocket": "Beta", "metres": 305},
               {"number": 3, "rocket": "Pip", "metres": 305}]
    assert execute(task, program, records, {})[0] == ["best: launch 2, Beta, 305 m"]
