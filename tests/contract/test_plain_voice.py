"""Round twenty-six: an author given no way of writing (corpus39) and the readings it asked for,
with the picked-then-changed record the last three rounds left open.

One record an order picks among those the arguments find, then changed; a record's line shown
indented after "like this one:" and told part by part; a flag that turns a yes/no field back; a
label per step up a scale; a last line's amount written the way a spec function writes amounts.
"""

from __future__ import annotations

import re
from pathlib import Path

from spf_plugins.stages.commands import _group_keys, agreeing

import spf
from spf.interpretation import (
    Filter,
    _summed_line,
    project_line,
    prose_errors,
)
from spf.loop import task_from_function
from spf.synthesis import Budget, synthesize
from spf.synthesis.patterns import read_shape

from .test_runbook import _context, _reading
from .test_runbook import _run as run_command

HERE = Path(__file__).parent


def _function(folder: str, name: str) -> str:
    project = spf.load_spec(HERE / folder)
    result = synthesize(task_from_function(next(f for f in project.functions if f.name == name)),
                        Budget(milliseconds=4000), count=1)
    assert result.sources, result.reason
    return result.sources[0]


def test_one_record_an_order_picks_then_changed():
    """cables `take` ("takes ONE cable: of that kind, at least MIN_LENGTH long, from the shortest
    such entry that has qty >= 1 ... Qty of the picked entry goes down by 1"): before, the
    arguments were read as changes (`length_m -= MIN_LENGTH`)."""
    take = _reading("corpus38/cables", "take")
    assert take.operation == "update" and take.limit == "1" and take.order == ("length_m", False)
    assert {(f.field, f.op, f.value) for f in take.filters} == {
        ("kind", "==", "param:kind"), ("length_m", ">=", "param:min_length"), ("qty", ">=", "1")}
    assert [(a.field, a.op, a.value) for a in take.assignments] == [("qty", "subtract", "1")]


def test_the_one_with_the_fewest_and_its_ties():
    """skates `hire` ("take the one with the fewest hires; when they have the same hires, take the
    first label from A to Z"; "a free pair (not out) with this size and this kind") and koi
    `check` ("the fish that has had the fewest checks ... the earliest day ... name A to Z")."""
    hire = _reading("corpus35/skates", "hire")
    assert (hire.order, hire.then_by, hire.limit) == (("hires", False), ("label", False), "1")
    assert Filter("size", "==", "param:size") in hire.filters and Filter("out", "is false") in hire.filters
    assert all(f.when is None for f in hire.filters)  # `kind = "hockey"` filters always, not only when given
    assert {(a.field, a.op) for a in hire.assignments} >= {("hires", "add"), ("out", "set")}
    check = _reading("corpus39/koi", "check")
    assert (check.order, check.then_by, check.last_by) == (("checks", False), ("since", False), ("name", False))
    assert check.message_pattern == "checked NAME, CHECKS checks so far"


def test_a_refusal_shown_by_example_with_its_default_and_a_state_said_plainly():
    project = spf.load_spec(HERE / "corpus35/skates")
    hire = next(c for c in project.commands if c.name == "hire")
    assert "no free KIND pair in size SIZE" in {error.message for error in prose_errors(hire)}
    assert agreeing('fail(f"no free {kind} pair in size {size}", 1)', {"pairs": "pair"}, {"kind"}) == \
        'fail(f"no free {kind} pair in size {size}", 1)'  # a word after a text is no count's
    retire = _reading("corpus35/skates", "retire")
    assert retire.operation == "remove"  # "Take the pair away for ever"
    assert any(g.kind == "state" and g.condition == "item.out" for g in retire.guards)  # "If the pair is out"


def test_a_key_of_two_fields_and_groups_in_letter_then_number_order():
    move = _reading("corpus38/cables", "move")
    assert (move.select, move.locate_field) == ("key", "kind")
    assert Filter("length_m", "==", "param:length_m") in move.filters  # "(kind + length)"
    bins = _reading("corpus38/cables", "bins")
    assert bins.order == ("natural:bin", False)  # "bin order (letter, then number)"
    _, keys = _group_keys(bins, None)
    assert eval(keys, {"groups": {"B10": 0, "A2": 0, "B3": 0, "A10": 0}}) == ["A2", "A10", "B3", "B10"]


def test_a_marinas_berths_fees_and_departures():
    """marina: "a berth that already has a boat" is the berth's duplicate (the boat is unique too);
    "season fee received ... Prints `C7 paid 450.00` (berth, season_fee)" sets paid, it does not
    run season_fee on the length; "boat gone for good" removes; "every boat, berth order" with
    the project's "berths sort by pontoon letter, then number (C2 before C10)"."""
    moor = _reading("corpus38/marina", "moor")
    assert [(g.message, g.condition) for g in moor.guards if g.kind == "duplicate"] == [
        ("BERTH is taken", "berth:berth"), ("boat already moored", "boat:boat")]
    pay = _reading("corpus38/marina", "pay")
    assert [(a.field, a.value) for a in pay.assignments] == [("paid", "True")]
    assert _reading("corpus38/marina", "leave").operation == "remove"
    assert _reading("corpus38/marina", "list").order == ("natural:berth", False)


def test_two_counts_per_group_and_a_flag_word_that_sets_a_field():
    """backups: "`db01: 3 ok, 1 failed`" over `ok: bool — false for a failed run`; "flips run
    NUMBER to failed"; "Prints `run 3 marked FAILED`" (FAILED names nothing, 3 is the run)."""
    hosts = _reading("corpus38/backups", "hosts")
    assert [(v.function, v.where, v.group_by) for v in hosts.values] == [("count", "ok", "host"), ("count", "not ok", "host")]
    fail = _reading("corpus38/backups", "fail")
    assert fail.operation == "update" and [(a.field, a.value) for a in fail.assignments] == [("ok", "False")]
    assert any(g.kind == "state" and g.condition == "not item.ok" for g in fail.guards)
    assert fail.message == "run {item.number} marked FAILED"


def test_a_flag_turns_a_field_back_and_another_negates_it():
    read = _reading("corpus39/comics", "read")  # "with `--undo` makes it unread again"
    assert [(a.field, a.value) for a in read.assignments] == [("read", "not param:undo")] and not read.unused_params
    assert read.locate_ignore_case  # "upper and lower case don't matter (`saga` finds Saga)"
    launch = _reading("corpus39/rockets", "launch")  # "counts as recovered unless I add `--lost`"
    assert launch.constructor["recovered"] == "not param:lost"
    assert launch.suffix == (" - lost", "not item.recovered")  # "` - lost` is added at the very end"
    assert launch.message == "launch {item.number}: {item.rocket} on {item.motor}, {item.altitude} m " \
                             "({feet(item.altitude)} ft)"  # 394 is feet(120), the function the words name
    found = _reading("corpus39/rockets", "found")  # "a launch that isn't lost" over "false while ... lost"
    assert any(g.kind == "state" and g.condition == "item.recovered" for g in found.guards)


def test_a_record_line_shown_indented_then_told():
    """caches: "one line like this one:\\n\\n    2025-03-02 GC7X2K Old Mill (mystery, D3.5) *\\n\\nThe
    day; the code; the name; then in brackets the kind, a comma and a space, and `D` with the
    difficulty to one decimal. The ` *` at the end is only there for a favourite"."""
    project = spf.load_spec(HERE / "corpus39/caches")
    line, _ = project_line(project, project.entities[0])
    assert line.replace("\u2060", "") == "DAY CODE NAME (KIND, DDIFFICULTY_TEXT)"
    log = _reading("corpus39/caches", "log")
    assert log.suffix == (" *", "item.favourite") and log.cleaned_first  # "the cleaned code fails valid_code"
    finds = _reading("corpus39/caches", "finds")
    assert (finds.order, finds.then_by) == (("day", True), ("position", True))  # "Finds from the same day": a tie
    stats = _reading("corpus39/caches", "stats")
    assert [(v.function, v.field, v.scale) for v in stats.values][2] == ("mean", "difficulty", "half up to 2")


def test_told_lines_name_a_function_by_its_words():
    add = _reading("corpus39/comics", "add")  # "`added `, the label, a comma and a space, then the grade word"
    assert add.message_pattern == "added LABEL, GRADE_WORD_TEXT"
    assert add.definitions == {"LABEL": "label(item.series, item.issue)", "GRADE_WORD_TEXT": "grade_word(item.grade)"}
    undo = _reading("corpus39/cuts", "undo")  # "Takes back my last entry ... `removed #5 (Ann Lee, ...)`: its number"
    assert (undo.operation, undo.select, undo.message_pattern) == ("remove", "latest", "removed #NUMBER (CLIENT, DAY)")


def test_the_old_and_the_new_value_of_a_change():
    """koi `grow` ("prints the old and the new one: `Sakura: 32 cm -> 35 cm`"; "a length shorter
    than the fish's length now") and cuts `reprice` ("`#4: £45.00 -> £40.00`", the project's
    "Money is always shown with money()")."""
    grow = _reading("corpus39/koi", "grow")
    assert grow.message_pattern == "NAME: OLD cm -> NEW cm"
    assert grow.definitions == {"OLD": "old", "NEW": "item.length_cm"}
    assert any(g.kind == "state" and g.condition == "length_cm < item.length_cm" for g in grow.guards)
    reprice = _reading("corpus39/cuts", "reprice")
    assert reprice.message_pattern == "#NUMBER: OLD -> NEW"
    assert reprice.definitions == {"OLD": "money(old)", "NEW": "money(item.price)"}
    koi = _reading("corpus39/koi", "list")  # "biggest fish first; fish of the same length go by name, A to Z"
    assert (koi.order, koi.then_by, koi.fold_case) == (("length_cm", True), ("name", False), True)


def test_a_launch_logs_groups_consent_and_best():
    """rockets: "without `--yes` it changes nothing"; "One line per rocket ... like `Big Bertha: 3
    launches, highest 131 m`. Names that differ only in case are the same rocket ... A to Z,
    ignoring case"; "The highest flight in the log" where the words call a launch a flight."""
    wipe = _reading("corpus39/rockets", "wipe")
    assert any(g.kind == "check" and g.condition == "not yes" for g in wipe.guards)
    fleet = _reading("corpus39/rockets", "fleet")
    assert [(v.function, v.field, v.group_by) for v in fleet.values] == [("count", None, "rocket"),
                                                                         ("max", "altitude", "rocket")]
    assert fleet.group_fold and fleet.fold_case
    _, keys = _group_keys(fleet, None)
    assert eval(keys, {"groups": {"zephyr": 0, "Big Bertha": 0, "apollo": 0}}) == ["apollo", "Big Bertha", "zephyr"]
    best = _reading("corpus39/rockets", "best")
    assert (best.order, best.then_by, best.limit) == (("altitude", True), ("number", False), "1")


def test_a_last_lines_amount_written_like_every_amount():
    context = _context("corpus39/cuts", "unpaid")
    assert _summed_line(context, "owed: £90.00", [], " with the sum of those prices") == \
        "owed: {money(sum(item.price for _, item in rows))}"


def test_shapes_and_scales_said_in_other_words():
    assert read_shape("`GC` followed by one to six characters, each a letter A to Z or a digit, and nothing else.") \
        == "GC[A-Za-z0-9]{1,6}"
    motor = read_shape("one letter from A to G (upper or lower case), then one or more digits, a hyphen, and one or "
                       "more digits. Nothing may come before or after.")
    assert [bool(re.fullmatch(motor, code)) for code in ("C6-5", "b4-2", "G80-10", "H128-10", "C6", "C-5")] == \
        [True, True, True, False, False, False]
    assert "float(value * 2).is_integer()" in _function("corpus39/caches", "valid_difficulty")
    assert "'fine' if grade >= 6.0" in _function("corpus39/comics", "grade_word")
    assert "max(6, math.ceil(length_m))" in _function("corpus38/marina", "season_fee")
    assert "(40, 1000000000, 'large')" in _function("corpus39/koi", "size_word")  # "40 cm or more"


def _run(out: Path, work: Path, *argv: str) -> tuple[int, list[str]]:
    return run_command(out, work, *argv, package="caches")


def test_a_plain_voice_spec_generated_and_run(tmp_path):
    """corpus39/caches end to end (its first measurement: 0 of 11 hidden transcripts, every
    command stopped at valid_code); the steps are its hidden transcripts'."""
    out, work = tmp_path / "out", tmp_path / "work"
    work.mkdir()
    spf.generate(HERE / "corpus39/caches", out=out, verify=False)
    assert _run(out, work, "log", " gc7x2k ", "Old Mill", "traditional", "2", "2025-03-02") == (
        0, ["logged 2025-03-02 GC7X2K Old Mill (traditional, D2.0)"])
    assert _run(out, work, "log", "GC7x2K", "Old Mill", "traditional", "2", "2025-03-04") == (1, ["already logged"])
    assert _run(out, work, "log", "GC1", "Puzzle Box", "MYSTERY", "4.5", "2025-01-05", "--fav") == (
        0, ["logged 2025-01-05 GC1 Puzzle Box (mystery, D4.5) *"])
    assert _run(out, work, "log", "GC1", "A", "multi", "2.3", "2025-01-05") == (2, ["difficulty must be 1 to 5 in half steps"])
    assert _run(out, work, "finds") == (0, ["2025-03-02 GC7X2K Old Mill (traditional, D2.0)",
                                            "2025-01-05 GC1 Puzzle Box (mystery, D4.5) *"])
    assert _run(out, work, "forget", "2025-03-02") == (0, ["forgot 1 find from 2025-03-02"])
