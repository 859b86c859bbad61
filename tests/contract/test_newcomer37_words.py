"""Round thirty-seven: readings the design sets corpus44 and corpus45 asked for, each reproduced
in a spec of my own words (not the corpus text): a seed bank whose packet line is shown only as
a sample, a watch-repair counter numbering its tickets from 501, and smaller specs for one
reading each (a count with its two words, a clock convention, a drinking window, ...).

The two whole specs come with the transcripts a user would expect (``*_HIDDEN``), run against
the generated command line in a subprocess; every test failed before this round (53e611f).
"""

from __future__ import annotations

import pytest

import spf
from spf.interpretation import interpret_command, money_writer, number_agreement
from spf.synthesis.idioms import evaluate, idiom_candidates
from spf.synthesis.values import Case
from tests.contract.test_newcomer36_words import _failures

SEEDS = """# Project: seedbank
The seed tin in the shed, in `seeds.json` where I run it.

## How packets look
Packet names are kept tidy: lower case, no stray spaces at either end. Whatever name I type
is tidied the same way before anything else happens.

Whenever the tool shows a packet, it is one line like this:

    sweet basil: 40 seeds, sow by 2026-03

and if the packet is nearly empty (see `is_short`), ` (order more)` goes on the end.

## Entity: Packet
- name: str — tidy name
- seeds: int — seeds left in the packet
- sow_by: str — month, YYYY-MM

## Store: packets
- holds: Packet
- path: seeds.json
- format: json

## Function: is_short(seeds: int) -> bool
A packet is nearly empty when it has fewer than 10 seeds left.
- is_short(9) == True
- is_short(10) == False

## Command: add(name: str, seeds: int, sow_by: str)
A new packet goes in the tin. Prints `added ` followed by the packet's line.
- `add " Sweet Basil " 40 2026-03` prints "added sweet basil: 40 seeds, sow by 2026-03"
- error: a packet with that name already in the tin prints "already have that" and exits with status 1

## Command: sow(name: str, seeds: int)
Takes SEEDS out of the packet and prints the packet's line with what is left.
- error: no packet with that name prints "no packet called NAME" and exits with status 1
- error: sowing more than is left prints "not enough seeds" and exits with status 1

## Command: list(short: bool = false)
Every packet, names A to Z, one packet line each. `--short` shows only the packets that are
nearly empty. With nothing to show it prints `empty tin`.
- `list` prints "empty tin"

## Command: refill(name: str, seeds: int, until: str | None = none)
A fresh packet of the same seed: adds SEEDS to it. With `--until YYYY-MM` the packet also gets
that new sow-by month. Prints the packet's line.
- error: no packet with that name prints "no packet called NAME" and exits with status 1

## Command: stale(now: str)
The packets I should have sown already: every packet whose sow-by month is before NOW. Oldest
sow-by first; packets with the same month go A to Z. Nothing past it: `all fresh`.
"""

SEEDS_HIDDEN = """```console
$ seedbank add "  Red ONION " 12 2026-04
added red onion: 12 seeds, sow by 2026-04
$ seedbank sow "red onion" 5
red onion: 7 seeds, sow by 2026-04 (order more)
$ seedbank sow Red 1
no packet called red
[1]
$ seedbank sow "Red Onion" 8
not enough seeds
[1]
```

```console
$ seedbank add leek 30 2025-02
added leek: 30 seeds, sow by 2025-02
$ seedbank add chard 5 2025-06
added chard: 5 seeds, sow by 2025-06 (order more)
$ seedbank add beet 40 2025-02
added beet: 40 seeds, sow by 2025-02
$ seedbank list --short
chard: 5 seeds, sow by 2025-06 (order more)
$ seedbank refill chard 20 --until 2027-01
chard: 25 seeds, sow by 2027-01
$ seedbank stale 2025-07
beet: 40 seeds, sow by 2025-02
leek: 30 seeds, sow by 2025-02
```
"""

WATCHES = """# Project: watches
The repair bench of a watchmaker, in `bench.csv` where I run it.

Every job shows as `#TICKET OWNER | WATCH | PRICE`, PRICE through pounds. Finished jobs get
` | READY` on the end.

## Entity: Job
- ticket: int — ticket no., 501 upwards
- owner: str — whose watch
- watch: str — make and model
- price: float = 0.0 — the quote, in pounds
- finished: bool = false — repaired and ready to collect

## Store: jobs
- holds: Job
- format: csv
- path: bench.csv

## Function: parse_price(text: str) -> float
The quote as typed. Pound sign optional. Anything that isn't a number, or is under zero, is a
ValueError.
- parse_price("12.50") == 12.5
- parse_price("£8") == 8.0
- parse_price("ten") raises ValueError
- parse_price("-2") raises ValueError

## Function: pounds(amount: float) -> str
Money as we write it: £ and two decimals.
- pounds(8.5) == "£8.50"
- pounds(0.0) == "£0.00"

## Command: take(owner: str, watch: str, price: str = "0")
Take a watch in. Ticket = highest ticket still on the bench + 1 (501 if the bench is empty).
`--price` is the quote, through parse_price. Prints `took #TICKET, PRICE`, price through pounds.
- error: a price parse_price won't take prints "bad price" and exits with status 2
- `take Ada Omega --price 40` prints "took #501, £40.00"

## Command: list(owner: str | None = none, dear: bool = false)
All jobs, lowest ticket first. `--owner NAME` = only that owner's, caps don't matter. `--dear` =
priciest first, same price by ticket. Nothing to show: `no jobs`.
- `list` prints "no jobs"

## Command: finish(ticket: int)
The watch is ready. Marks the ticket finished and prints its job line.
- error: a ticket not on the bench prints "no ticket #TICKET" and exits with status 1

## Command: scrap(ticket: int)
Owner changed their mind, bin the ticket. Prints `scrapped #TICKET`.
- error: a ticket not on the bench prints "no ticket #TICKET" and exits with status 1
- error: a ticket that's finished prints "#TICKET is finished" and exits with status 1

## Command: till
End of day. Two lines: `ready: N for TOTAL` (jobs finished, their prices added up) and
`open: N for TOTAL` (jobs not finished, quotes added up). Money through pounds.
- `till` prints "ready: 0 for £0.00\\nopen: 0 for £0.00"
"""

WATCHES_HIDDEN = """```console
$ watches take Ada Omega --price 40
took #501, £40.00
$ watches take Bo Seiko --price £12.5
took #502, £12.50
$ watches take ada Tissot
took #503, £0.00
$ watches list --dear
#501 Ada | Omega | £40.00
#502 Bo | Seiko | £12.50
#503 ada | Tissot | £0.00
$ watches list --owner ADA
#501 Ada | Omega | £40.00
#503 ada | Tissot | £0.00
$ watches finish 502
#502 Bo | Seiko | £12.50 | READY
$ watches scrap 502
#502 is finished
[1]
$ watches scrap 503
scrapped #503
$ watches till
ready: 1 for £12.50
open: 1 for £40.00
$ watches take Cy Rolex --price 5
took #503, £5.00
```
"""


@pytest.mark.parametrize(("spec", "hidden"), [(SEEDS, SEEDS_HIDDEN), (WATCHES, WATCHES_HIDDEN)], ids=["seeds", "watches"])
def test_the_transcripts_a_user_expects_pass(tmp_path, spec, hidden):
    assert _failures(tmp_path, spec, hidden) == []


def _idiom(description: str, parameters: list[tuple[str, str]], returns: str, calls: list[tuple[dict, object]]):
    """The first idiom the words and signature point to that gives every example's value (an
    exception class: that it raises it), as a function of new arguments."""
    cases = [Case(index, arguments, None, raises=expected.__name__) if isinstance(expected, type) else
             Case(index, arguments, expected) for index, (arguments, expected) in enumerate(calls, start=1)]

    def gives(source: str, lets: tuple, case: Case) -> bool:
        try:
            return evaluate(source, lets, case.arguments) == case.expected and not case.raises
        except Exception as raised:  # noqa: BLE001 - an idiom that fails on an example is not it
            return type(raised).__name__ == case.raises
    found = next(((source, lets) for source, lets in idiom_candidates(description, parameters, returns, cases)
                  if all(gives(source, lets, case) for case in cases)), None)
    assert found is not None, f"no idiom for {description!r}"
    return lambda arguments: evaluate(found[0], found[1], arguments)


def _reading(text: str, name: str):
    project = spf.parse_spec(text, file="spec.md")
    command = next(c for c in project.commands if c.name == name)
    return interpret_command(command, project, project.stores[0])[0]


HEAD = """# Project: p
Kept in `p.json`.

## Store: items
- holds: Item
- path: p.json
- format: json
"""


def test_a_refusals_sample_value_the_note_names_is_the_argument():
    text = HEAD + """
## Entity: Item
- exercise: str — row, press or curl
- kg: float — the weight

## Command: best(exercise: str)
The heaviest one for that exercise, as `EXERCISE: KG kg`. If there is none, say `no row yet`
(with the exercise's name) and exit 1.
"""
    guard = next(g for g in _reading(text, "best").guards if g.status == 1)
    assert guard.message == "no EXERCISE yet"  # was `no row yet` for every exercise


def test_a_product_sum_named_by_the_words_fills_the_one_number_of_the_line(tmp_path):
    text = """# Project: lifts
Kept in `lifts.json`.

## Entity: Lift
- day: str — YYYY-MM-DD
- kg: int — the weight
- reps: int — how many times

## Store: lifts
- holds: Lift
- path: lifts.json
- format: json

## Command: add(day: str, kg: int, reps: int)
Notes a set. Prints `ok`.
- `add 2024-05-01 100 5` prints "ok"

## Command: load(day: str)
The total load of one day: every set's kg times its reps, added up, printed as `DAY: LOAD kg`.
"""
    hidden = """```console
$ lifts add 2024-05-01 100 5
ok
$ lifts add 2024-05-01 50 2
ok
$ lifts load 2024-05-01
2024-05-01: 600 kg
```
"""
    assert _failures(tmp_path, text, hidden) == []  # was `2024-05-01: LOAD kg`


def test_paid_and_unpaid_name_the_flag_the_words_swap():
    text = HEAD + """
## Entity: Item
- day: str — YYYY-MM-DD
- fee: int — dollars
- paid: bool = false — true once they have paid

## Command: list()
Every item: `DAY $FEE paid`, or `unpaid` at the end instead of `paid` if they still owe me.
"""
    reading = _reading(text, "list")
    assert reading.definitions["FLAGWORD"] == "'paid' if item.paid else 'unpaid'"  # was the other way round


def test_the_latest_day_and_the_earliest_done_pick_by_the_day():
    text = HEAD + """
## Entity: Item
- name: str — what
- day: str — the day, YYYY-MM-DD

## Command: last()
The item furthest out on my calendar (the latest day).
"""
    assert _reading(text, "last").order == ("day", True)  # was the most recently added


def test_the_time_convention_and_the_counted_runs():
    text = """# Project: p
Kept in `p.json`. Times as M:SS below one hour and H:MM:SS from one hour up; counts of laps as
"1 lap" for exactly one, "N laps" otherwise.

## Entity: Lap
- rider: str — name
- seconds: int — total time in seconds

## Store: laps
- holds: Lap
- path: p.json
- format: json

## Command: laps(rider: str)
One rider's laps: `RIDER TIME`.

## Command: drop(rider: str)
Deletes every lap of that rider. Prints `dropped LAPS` with how many laps went.
"""
    assert _reading(text, "laps").definitions["TIME"].startswith("('%d:%02d' % (item.seconds // 60")
    assert _reading(text, "drop").message_pattern == "dropped N laps"
    assert number_agreement(spf.parse_spec(text, file="spec.md")) == {"laps": "lap"}


def test_a_window_said_by_what_its_ends_do_and_a_word_in_place_of_an_unset_rating():
    text = HEAD + """
## Entity: Item
- name: str — what
- year: int — the vintage
- start: int — the first year of the window
- end: int — the last year of the window
- rating: int | None = none — out of 100, absent until rated

## Function: status(start: int, end: int, year: int) -> str
"young" before the window, "ready" inside it, "old" after it.
- status(2020, 2030, 2019) == "young"
- status(2020, 2030, 2020) == "ready"
- status(2020, 2030, 2031) == "old"

## Command: add(name: str, year: int, start: int, end: int)
Registers a bottle. Prints `added NAME`.
- error: a window that opens before the year, or closes before it opens, prints "bad window" and exits with status 2

## Command: list(ready: int | None = none)
Every bottle: `NAME YEAR: RATING/100`, the word `unrated` standing in place of `RATING/100` for one
not rated yet. With `--ready YEAR`, only the ones whose status in that year is "ready".
"""
    guard = next(g for g in _reading(text, "add").guards if g.message == "bad window")
    assert guard.condition == "(start < year) or (end < start)"
    listing = _reading(text, "list")
    assert any(f.call == "status(item.start, item.end, ready)" and f.value == "'ready'" for f in listing.filters)
    assert listing.definitions.get("ALTWORD") == "'unrated' if item.rating is None else str(item.rating) + '/100'"


def test_money_through_the_function_the_project_names_and_words_wrapped_over_two_lines():
    text = HEAD.replace("Kept in `p.json`.", """Kept in `p.json`.
Money is always printed in pounds with exactly two
decimal places, using the function pounds below.""") + """
## Entity: Item
- price: float — pounds

## Function: pounds(amount: float) -> str
A pound sign and two decimals.
- pounds(4.5) == "£4.50"
"""
    assert money_writer(spf.parse_spec(text, file="spec.md")).name == "pounds"


def test_a_reading_lower_than_one_already_logged_is_against_the_stored_records():
    text = HEAD + """
## Entity: Item
- place: str — where
- km: int — the odometer

## Command: stop(place: str, km: int)
We stopped. Prints `ok`.
- error: a km reading lower than one we've already logged prints "odometer can't go backwards" and exits with status 1
"""
    guard = next(g for g in _reading(text, "stop").guards if g.status == 1)
    assert guard.kind == "stored" and guard.condition.startswith("km < max((item.km for item in store.all()")  # was km < 1


def test_idioms_for_counts_days_clocks_prices_rates_and_codes():
    assert _idiom("The number and the word for one or many.", [("n", "int"), ("one", "str"), ("many", "str")], "str",
                  [({"n": 1, "one": "cup", "many": "cups"}, "1 cup"),
                   ({"n": 3, "one": "cup", "many": "cups"}, "3 cups")])({"n": 0, "one": "cup", "many": "cups"}) == "0 cups"
    shape = _idiom("A 4 digit year, a dash, a 2 digit month, a dash, a 2 digit day; the day need not exist.",
                   [("day", "str")], "bool", [({"day": "2024-02-30"}, True), ({"day": "2024-13-01"}, False),
                                              ({"day": "2024-1-01"}, False)])
    assert shape({"day": "2023-02-31"}) is True and shape({"day": "2023-00-10"}) is False
    minutes = _idiom("Minutes since midnight for a time written HH:MM; anything else raises ValueError.",
                     [("t", "str")], "int", [({"t": "01:30"}, 90), ({"t": "9:30"}, ValueError), ({"t": "24:00"}, ValueError)])
    assert minutes({"t": "23:59"}) == 1439
    ends = _idiom("When a slot starting at START and lasting MINUTES minutes ends, as HH:MM.",
                  [("start", "str"), ("minutes", "int")], "str", [({"start": "09:30", "minutes": 45}, "10:15"),
                                                                  ({"start": "23:30", "minutes": 30}, "24:00")])
    assert ends({"start": "11:45", "minutes": 90}) == "13:15"
    price = _idiom("An amount as typed on a receipt: the cents after a comma or a dot. Below zero is no good.",
                   [("text", "str")], "float", [({"text": "3,20"}, 3.2), ({"text": "7"}, 7.0), ({"text": "-1"}, ValueError)])
    assert price({"text": " 12.5 "}) == 12.5
    pace = _idiom("Seconds per km = seconds / km to the nearest whole second (half up), printed as M:SS.",
                  [("km", "float"), ("seconds", "int")], "str", [({"km": 10.0, "seconds": 3000}, "5:00"),
                                                                 ({"km": 2.0, "seconds": 601}, "5:01")])
    assert pace({"km": 5.0, "seconds": 1234}) == "4:07"
    code = _idiom("A C then one or two digits from 1 to 99, given back as a capital C and two digits.",
                  [("text", "str")], "str", [({"text": "c4"}, "C04"), ({"text": "C0"}, ValueError), ({"text": "D3"}, ValueError)])
    assert code({"text": " C12 "}) == "C12"
