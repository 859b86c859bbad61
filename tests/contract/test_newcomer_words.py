"""Round twenty-seven: the readings a newcomer's spec asked for (tests/contract/ebikes_spec.md,
written in plain words after round twenty-six; two of its units were silently wrong).

One record picked by an order where words stand between the noun and the order ("the free
bike (not out) with the most charge"); a yes/no field the words say a record is in after the
change ("It is now out"); a command named for the opposite of a flag (`back` over `out`); a
refusal that names the key through the record ("a bike with that name already"); a sample
message's number that is the value given anew ("comes back with its new charge").
"""

from __future__ import annotations

import spf
from spf.interpretation import Filter, _sample_of, doubts

from .test_runbook import HERE, _reading


def test_the_record_an_order_picks_past_words_in_brackets():
    """`grab`: before, "(not out)" between the noun and "with the most charge" hid the order,
    and the first bike was taken, out or not."""
    grab = _reading("ebikes_spec.md", "grab")
    assert grab.operation == "update" and grab.limit == "1"
    assert (grab.order, grab.then_by) == (("charge", True), ("rides", False))
    assert grab.filters == [Filter("out", "is false")]
    assert {(a.field, a.op, a.value) for a in grab.assignments} == {("rides", "add", "1"), ("out", "set", "True")}


def test_a_command_named_for_the_opposite_of_a_flag_changes_the_record_it_finds():
    """`back NAME CHARGE` ("The bike comes back with its new charge. Prints `Bolt back, 65%`"):
    before, an add of a second bike that printed the sample's 65%."""
    back = _reading("ebikes_spec.md", "back")
    assert (back.operation, back.select, back.locate_field) == ("update", "key", "name")
    assert {(a.field, a.value) for a in back.assignments} == {("charge", "param:charge"), ("out", "False")}
    assert back.message_pattern == "NAME back, CHARGE%"
    project = spf.load_spec(HERE / "ebikes_spec.md")
    command = next(c for c in project.commands if c.name == "back")
    assert doubts(back, command, project) == []  # the sample line is this reading's


def test_a_sample_is_of_a_pattern_only_where_its_numbers_are_placeholders():
    assert _sample_of("NAME back, CHARGE%", "Bolt back, 65%")
    assert not _sample_of("NAME back, 65%", "Bolt back, 65%")  # the sample's number kept: not understood
    assert not _sample_of("NAME back, CHARGE%", "Bolt is back")
    assert not _sample_of("back", "back")  # no placeholder: the line itself, not a pattern
