"""Round twenty-eight: corpus41's readings (an author given no voice; quilts, tanks json; bowls,
swaps csv; kennel sqlite), first measured at 6 of 54 hidden transcripts.

Each test reads one command of the corpus the way spf does and checks the reading the words
fix; the transcripts themselves are measured by benchmarks/contract.py.
"""

from __future__ import annotations

import spf
from spf.interpretation import Filter, _status_for_the_list, interpret_command, prose_errors
from spf.synthesis.idioms import evaluate, idiom_candidates
from spf.synthesis.values import Case

from .test_runbook import HERE


def _read(folder: str, name: str):
    project = spf.load_spec(HERE / "corpus41" / folder)
    command = next(c for c in project.commands if c.name == name)
    return interpret_command(command, project, project.stores[0])[0]


def _errors(folder: str, name: str) -> list[tuple[str, str]]:
    project = spf.load_spec(HERE / "corpus41" / folder)
    command = next(c for c in project.commands if c.name == name)
    return [(error.condition, error.message) for error in prose_errors(command, project.entities[0])]


def test_a_list_of_checks_under_one_status_keeps_an_item_whole_past_its_own_semicolon():
    text = ("Two things are looked at, and the first that is wrong ends it with exit status 1: - the day has to be "
            "accepted by valid_day; if it isn't, the message is `not a date: ` followed by the day; - litres below 0 "
            "print `bad litres`. Nothing is saved when it refuses.")
    listed = _status_for_the_list(text)
    assert "followed by the day, status 1;" in listed and "print `bad litres`, status 1." in listed
    assert listed.endswith("Nothing is saved when it refuses.")


def test_tanks_refusals_in_a_list_and_each_option_refused_with_its_own_value():
    """Before: dip stored 8,000 litres and a day `tomorrow`; history took `2025-01-32`."""
    assert _errors("tanks", "dip") == [("a DAY that valid_day rejects", "not a date: DAY"),
                                       ("litres below 0 or above 5000", "litres must be between 0 and 5000")]
    history = _read("tanks", "history")
    assert [(g.condition, g.message) for g in history.guards if g.kind == "predicate"] == [
        ("not valid_day(since)", "not a date: SINCE"), ("not valid_day(until)", "not a date: UNTIL")]
    assert _read("tanks", "dry").filters == [Filter("litres", "==", "0")]  # "empty, that is with 0 litres"
    latest = _read("tanks", "latest")  # "One line per house, ... each taken from that house's most recent reading:
    assert (latest.operation, latest.best_of) == ("list", ("house", "day", True))  # the one with the latest day, and
    assert latest.best_ties_last and latest.group_fold  # ... the one noted last"; "differ in case are the same house"
    undo = _read("tanks", "undo")  # "`removed ` and then the reading the same way dip shows it"
    assert undo.message.startswith("removed {item.house}, {item.day}: ")


def test_kennel_books_after_checking_both_days_their_order_and_the_rate():
    assert _errors("kennel", "book") == [
        ("a ARRIVE that is not a real date", "bad date ARRIVE"), ("a LEAVE that is not a real date", "bad date LEAVE"),
        ("a leave day that is not after the arrive day", "leave must be after arrive"),
        ("a rate below 5 or above 200", "rate must be between 5 and 200")]
    book = _read("kennel", "book")
    assert [g.condition for g in book.guards] == ["(not real_day(arrive))", "(not real_day(leave))", "leave <= arrive",
                                                  "(rate < 5) or (rate > 200)"]
    assert book.message_pattern == "DOG (OWNER) ARRIVE to LEAVE: NIGHTS nights, COST_VALUE"
    assert book.definitions == {"NIGHTS": "nights(item.arrive, item.leave)",
                                "COST_VALUE": "money(nights(item.arrive, item.leave) * item.rate)"}
    cancel = _read("kennel", "cancel")  # "a command that takes a dog's name works on its stay that arrives last"
    assert (cancel.select, cancel.locate_field, cancel.order, cancel.limit) == ("key", "dog", ("arrive", True), "1")


def test_days_apart_that_must_be_more_than_none_raise():
    """nights(arrive, leave): "Leave must be later than arrive", examples that raise ValueError."""
    cases = [Case(0, {"arrive": "2025-07-01", "leave": "2025-07-05"}, 4),
             Case(1, {"arrive": "2025-07-05", "leave": "2025-07-05"}, None, raises="ValueError")]
    found = idiom_candidates("How many nights a stay has: the days from arrive to leave. Leave must be later than "
                             "arrive.", [("arrive", "str"), ("leave", "str")], "int", cases)
    raising = [(source, lets) for source, lets in found if any("raise" in let for _, let in lets)]
    source, lets = raising[0]
    assert evaluate(source, lets, {"arrive": "2024-02-28", "leave": "2024-03-01"}) == 2
    try:
        evaluate(source, lets, {"arrive": "2025-07-05", "leave": "2025-07-01"})
    except ValueError:
        pass
    else:
        raise AssertionError("a leave day before the arrive day must raise")


def test_swaps_a_numbered_add_a_refusal_naming_the_taker_and_a_consent_from_two():
    bring = _read("swaps", "bring")  # "It gets the next sticker number": before, a count
    assert (bring.operation, bring.auto_fields) == ("add", ["number"])
    assert bring.constructor == {"title": "param:title", "brought_by": "param:person"}
    take = _read("swaps", "take")
    assert [(g.kind, g.message, g.condition) for g in take.guards if g.kind == "state"] == [
        ("state", "#NUMBER already went to TAKER", "item.taken")]
    items = _read("swaps", "items")
    assert items.suffix == (", taken by {item.taker}", "item.taken")
    assert Filter("brought_by", "==", "param:person", False, "person", fields=("brought_by", "taker")) in items.filters
    assert _read("swaps", "left").filters == [Filter("taken", "is false")]  # "have not been taken yet"
    clear = _read("swaps", "clear")
    assert [(g.condition, g.message, g.shown) for g in clear.guards] == [
        ("not yes and count >= 2", "clear would remove N items; add --yes", ("N",))]
    assert clear.message_pattern == "removed N items"


def test_bowls_a_line_told_after_a_dash_and_a_signed_difference_or_a_word():
    result = _read("bowls", "result")
    assert result.message_pattern == "match NUMBER: TEAM OURS-THEIRS OPPONENT (MARGIN_TEXT)"
    assert result.definitions["MARGIN_TEXT"] == "margin_text(item.ours, item.theirs)"
    matches = _read("bowls", "matches")
    assert matches.output == "#NUMBER DAY v OPPONENT OURS-THEIRS (MARGIN_TEXT)"
    cases = [Case(0, {"ours": 21, "theirs": 9}, "+12"), Case(1, {"ours": 9, "theirs": 21}, "-12"),
             Case(2, {"ours": 14, "theirs": 14}, "level")]
    found = idiom_candidates("How a match went: a plus sign and the difference when we won, a minus sign and the "
                             "difference when we lost, and the word `level` for a draw.",
                             [("ours", "int"), ("theirs", "int")], "str", cases)
    assert any(all(evaluate(source, lets, case.arguments) == case.expected for case in cases) for source, lets in found)


def test_quilts_words_in_a_fields_place_a_counted_last_line_and_the_value_before():
    listed = _read("quilts", "list")
    assert listed.output == "LABEL (QUILT) SIZE cm MAKER" and listed.output_template is None
    assert listed.definitions["MAKER"] == "(item.maker or '(no maker yet)')"
    assert (listed.order, listed.then_by) == (("quilt", False), ("label", False))  # not "then the maker" of the line
    assert listed.total == "{count} squares, {sum(1 for _, item in rows if not item.maker)} with no maker"
    add = _read("quilts", "add")  # "it refuses with `label `, the tidied label, then ` is already used` (exit status 1)"
    assert [(g.kind, g.message) for g in add.guards][-1] == ("duplicate", "label LABEL is already used")
    finish = _read("quilts", "finish")  # "A square that nobody has taken can't come back finished"
    assert [(g.kind, g.message, g.condition) for g in finish.guards][-1] == ("state", "LABEL has no maker",
                                                                            "not item.maker")
    give = _read("quilts", "give")
    assert give.message_pattern == "LABEL: OLD_MAKER -> MAKER"
    assert give.definitions == {"OLD_MAKER": "(old or 'nobody')"}
    progress = _read("quilts", "progress")  # "`Baby Blue: 2 of 5 squares finished`: the quilt name the way I typed
    assert progress.message == "{quilt}: {sum(1 for _, item in rows if item.finished)} of {count} squares finished"
    assert progress.filters == [Filter("quilt", "==", "param:quilt", True)]  # not only the finished ones
