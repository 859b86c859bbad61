"""Placeholders written in angle brackets (`<kind>`) are read as the spec language's capitals."""

from __future__ import annotations

from spf.spec import parse_spec
from spf.spec.placeholders import as_capitals

SPEC = """# Project: hay
A lot's line is `lot <number>: <bales> of <kind>` (the <kind> outside a code span stays).
When a < b, nothing happens.

## Entity: Lot
- number: int — one more than the highest
- kind: str — hay, straw or haylage, written `<kind>` in lines

## Store: lots
- holds: Lot
- format: json

## Command: feed(kind: str)
Prints `took 1 bale of <kind> from lot <number>,
<bales left> left`.
- error: no lot of that kind prints "no <kind> in the barn" and exits with status 1
"""


def test_angle_brackets_in_code_spans_and_error_messages_are_capitals():
    project = parse_spec(SPEC)
    assert "`lot NUMBER: BALES of KIND`" in project.description
    assert "(the <kind> outside a code span stays)" in project.description  # prose is left as written
    assert "When a < b, nothing happens." in project.description
    assert project.entities[0].fields[1].description.endswith("written `KIND` in lines")
    feed = project.commands[0]
    assert "`took 1 bale of KIND from lot NUMBER,\nBALES_LEFT left`" in feed.description  # a span over two lines
    assert feed.errors[0].message == "no KIND in the barn"


def test_as_capitals_leaves_what_is_not_a_placeholder():
    assert as_capitals("`x < y` and `<old bay> -> <new-bay>`") == "`x < y` and `OLD_BAY -> NEW_BAY`"
    assert as_capitals("no code spans <kind>") == "no code spans <kind>"
    assert as_capitals("<kind>", everywhere=True) == "KIND"


def test_the_records_plural_is_a_count_of_them():
    project = parse_spec(SPEC.replace("Prints `took", "Prints `fed <lots>, took"))
    assert project.commands[0].description.startswith("Prints `fed N lots, took 1 bale of KIND")
    assert as_capitals("`binned <rackets>`", counted=frozenset({"rackets"})) == "`binned N rackets`"
