"""Round thirty-eight: readings the design set corpus46 (and corpus45, and last round's own
bookswap spec) asked for, each reproduced in words of my own (not the corpus text): an office
book swap whose three silently wrong commands of last round now do what their words say, a car
park board whose refusals are written ``cond -> `message` ``, whose lines are given case by
case and whose last line counts the whole car park, and smaller specs for one reading each.

The two whole specs come with the transcripts a user would expect (``*_HIDDEN``), run against
the generated command line in a subprocess; every test failed before this round (8aa48cc).
"""

from __future__ import annotations

import pytest

from spf.interpretation import apostrophes
from tests.contract.test_newcomer36_words import _failures
from tests.contract.test_newcomer37_words import HEAD, _idiom, _reading

BOOKSWAP = """# Project: bookswap
Our office has a shelf of books people lend each other. This keeps track of them in
`swap.json` in the current folder.

## Entity: Book
- title: str — the title as written on the cover
- owner: str — who brought it in
- holder: str = "" — who is reading it now; empty while it's on the shelf
- loans: int = 0 — how many times it has been borrowed

## Store: books
- holds: Book
- path: swap.json
- format: json

## Command: add(title: str, owner: str)
Puts a book on the shelf. Prints `added TITLE (OWNER)`.
- error: a title already on the shelf prints "we already have that one" and exits with status 1
- `add Dune Mia` prints "added Dune (Mia)"

## Command: borrow(title: str, reader: str)
Someone takes a book. It now has a holder and its loans go up by one. Prints
`TITLE is with READER`.
- error: a title we don't have prints "no such book" and exits with status 1
- error: a book that is already out prints "TITLE is already out" and exits with status 1

## Command: shelf
The books on the shelf right now (not lent out), titles A to Z, one `TITLE (OWNER)` a line.
If every book is out it prints `shelf is empty`.

## Command: popular
The book borrowed most often, as `TITLE: LOANS loans`. With no books, `no books yet` and status 1.
"""

BOOKSWAP_HIDDEN = """```console
$ bookswap add Dune Mia
added Dune (Mia)
$ bookswap add Emma Raj
added Emma (Raj)
$ bookswap borrow Dune Tom
Dune is with Tom
$ bookswap borrow Dune Ann
Dune is already out
[1]
$ bookswap shelf
Emma (Raj)
$ bookswap popular
Dune: 1 loans
```

```console
$ bookswap popular
no books yet
[1]
$ bookswap borrow Dune Tom
no such book
[1]
$ bookswap add Dune Mia
added Dune (Mia)
$ bookswap borrow Dune Tom
Dune is with Tom
$ bookswap shelf
shelf is empty
```
"""

CARPARK = """# Project: carpark
The staff car park behind the surgery has numbered bays. Bays are stored in `bays.csv`.
Number plates are always upper case, whatever I type.

## Entity: Bay
- number: int — painted on the ground, never two alike
- plate: str = "" — the car parked there; empty = bay free
- visits: int = 0 — how many times someone has parked there

## Store: bays
- holds: Bay
- format: csv

## Command: open(number: int)
A new bay. Prints `bay NUMBER open`. Same number twice: `bay NUMBER exists`, exit 1.

## Command: park(number: int, plate: str)
A car goes into a bay. The bay must exist and be free. Its count of parkings goes up by one.
Prints `PLATE in bay NUMBER`.

Refusals, all exit 1, nothing changes: unknown bay -> `no bay NUMBER`; someone in it ->
`bay NUMBER taken by PLATE` with the car that is there.

## Command: leave(number: int)
The car drives off. Bay goes free. Prints `PLATE left bay NUMBER` with the car that was there.
Nobody in it -> `bay NUMBER is free`, exit 1.

## Command: board
Every bay by number, one line each:

- taken: `NUMBER: PLATE`
- free: `NUMBER: free`

Last comes a line `bays: N, taken: M` that always counts the whole car park. With no bays at
all it prints `no bays`.

```console
$ carpark open 1
bay 1 open
$ carpark open 2
bay 2 open
$ carpark park 2 ab12cde
AB12CDE in bay 2
$ carpark board
1: free
2: AB12CDE
bays: 2, taken: 1
```

## Command: busiest
The bay parked in the greatest number of times, as `bay NUMBER (VISITS visits)`. With no bays,
`no bays` and exit 1.
"""

CARPARK_HIDDEN = """```console
$ carpark open 4
bay 4 open
$ carpark open 4
bay 4 exists
[1]
$ carpark park 9 xy1
no bay 9
[1]
$ carpark park 4 xy1
XY1 in bay 4
$ carpark park 4 zz9
bay 4 taken by XY1
[1]
$ carpark leave 4
XY1 left bay 4
$ carpark leave 4
bay 4 is free
[1]
```

```console
$ carpark open 1
bay 1 open
$ carpark open 2
bay 2 open
$ carpark park 1 aa1
AA1 in bay 1
$ carpark leave 1
AA1 left bay 1
$ carpark park 1 bb2
BB2 in bay 1
$ carpark park 2 cc3
CC3 in bay 2
$ carpark busiest
bay 1 (2 visits)
$ carpark board
1: BB2
2: CC3
bays: 2, taken: 2
```

```console
$ carpark board
no bays
$ carpark busiest
no bays
[1]
```
"""


@pytest.mark.parametrize("spec, hidden", [(BOOKSWAP, BOOKSWAP_HIDDEN), (CARPARK, CARPARK_HIDDEN)],
                         ids=["bookswap", "carpark"])
def test_the_transcripts_a_user_expects_pass(tmp_path, spec, hidden):
    assert _failures(tmp_path, spec, hidden) == []


LOAN = HEAD + """
## Entity: Item
- name: str — what it is, never two alike
- holder: str = "" — who has it; empty while it is in the cupboard
- since: str = "" — the day it went out (YYYY-MM-DD); empty while it is in the cupboard
- lent: int = 0 — how many times it has gone out
"""


def test_a_count_of_lendings_goes_up_beside_the_holder_and_a_return_clears_both_fields():
    lend = _reading(LOAN + """
## Command: lend(name: str, person: str, day: str)
Someone borrows it. It is now with that person and its count of lendings goes up by one.
""", "lend")
    changes = {(a.field, a.op, a.value) for a in lend.assignments}
    assert ("lent", "add", "1") in changes and ("holder", "set", "param:person") in changes
    back = _reading(LOAN + """
## Command: back(name: str)
It is back in the cupboard: clear who had it and since when. Prints `NAME back from HOLDER`.
""", "back")
    assert back.operation == "update"
    assert {(a.field, a.value) for a in back.assignments} == {("holder", "''"), ("since", "''")}


def test_the_one_borrowed_most_often_and_the_greatest_number_of_times_pick_the_count():
    for words in ("The item borrowed most often, as `NAME: LENT`.",
                  "The one that has been lent the greatest number of times, as `NAME: LENT`."):
        shown = _reading(LOAN + f"\n## Command: top\n{words}\n", "top")
        assert shown.order == ("lent", True) and shown.limit == "1", words


def test_a_refusal_on_whether_someone_holds_it_said_without_the_fields_name():
    for words, condition in (("someone in it -> `NAME is out`", "item.holder"),
                             ("nobody in it -> `NAME is in`", "not item.holder")):
        found = _reading(LOAN + f"""
## Command: give(name: str, person: str)
It is now with that person. Prints `NAME to PERSON`. Refusals, all exit 1: {words}.
""", "give")
        assert [(g.condition, g.status) for g in found.guards if g.kind == "state"] == [(condition, 1)], words


def test_apostrophes_a_hurried_writer_leaves_out_are_read_as_written_in_full():
    assert apostrophes("caps dont matter, a game im not tracking, a time that isnt a time") == \
        "caps don't matter, a game i'm not tracking, a time that isn't a time"
    found = _reading(HEAD + """
## Entity: Item
- name: str — as i first typed it
- tries: int = 1 — how many tries

## Command: again(name: str)
another try. tries go up by 1. caps dont matter.
- error: a game im not tracking prints "not tracking NAME" and exits with status 1
""", "again")
    assert found.locate_ignore_case and [g.kind for g in found.guards] == ["lookup"]


def test_one_more_vote_and_the_same_answer_as_another_command():
    text = HEAD + """
## Entity: Item
- name: str — the family
- votes: int = 0 — votes so far

## Command: vote(name: str)
One more vote for a family's entry. It says `NAME now has VOTES`.

## Command: unvote(name: str)
Takes one vote back off a family and answers the same way vote does.
"""
    assert [(a.field, a.op, a.value) for a in _reading(text, "vote").assignments] == [("votes", "add", "1")]
    assert _reading(text, "unvote").message_pattern == "NAME now has VOTES"


def test_a_record_taken_off_somewhere_is_removed_not_a_number_taken_off():
    found = _reading(HEAD + """
## Entity: Item
- name: str — the family
- votes: int = 0 — votes so far

## Command: withdraw(name: str)
If a family drops out, this takes their item off the trail altogether, votes and all. It says
`NAME is off the trail`.
""", "withdraw")
    assert found.operation == "remove"


def test_idioms_for_a_clock_with_hours_a_verdict_naming_what_failed_and_a_range_with_exceptions():
    read = _idiom("times like `1:23` (minutes:seconds) or `1:02:05` (hours:minutes:seconds), in seconds; "
                  "after a colon exactly two digits under 60, anything else is a ValueError.",
                  [("text", "str")], "int", [({"text": "1:23"}, 83), ({"text": "1:02:05"}, 3725),
                                             ({"text": "1:75"}, ValueError), ({"text": "83"}, ValueError)])
    assert read({"text": "10:00:00"}) == 36000
    write = _idiom("under an hour it is m:ss, an hour or more it is h:mm:ss.", [("seconds", "int")], "str",
                   [({"seconds": 83}, "1:23"), ({"seconds": 3725}, "1:02:05")])
    assert write({"seconds": 3600}) == "1:00:00"
    verdict = _idiom('Limits: salt 1-3, sugar max 10. Result is "fine", or "too much: " + what failed, salt '
                     'before sugar, joined by " and ".', [("salt", "float"), ("sugar", "float")], "str",
                     [({"salt": 2.0, "sugar": 5.0}, "fine"), ({"salt": 4.0, "sugar": 11.0}, "too much: salt and sugar")])
    assert verdict({"salt": 2.0, "sugar": 12.0}) == "too much: sugar"
    allowed = _idiom("A lane from 1 up to 20, except 13 and 17, which the hall does not have.", [("lane", "int")], "bool",
                     [({"lane": 1}, True), ({"lane": 13}, False), ({"lane": 21}, False)])
    assert allowed({"lane": 17}) is False and allowed({"lane": 20}) is True and allowed({"lane": 0}) is False
