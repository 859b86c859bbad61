"""Round forty-six: what holdout13 (read this round, after two rounds unread) taught, in specs of
my own words and domains.

holdout13's first lesson was not a phrase: five of its six specs were blocked by a spec function
the synthesizer could not write (a tag "the letters IP, a hyphen, then exactly 4 digits", a
catalogue code whose four digits "must not all be zero", a fee "each of the first 3 hours costs
1250 pence, each hour after the third 800", a price per started kilometre doubled when urgent,
a time "under a minute: seconds, a dot, 2 digits; a minute or more: minutes, a colon ..."),
and every command that calls it failed with it. Their examples showed what the words said in
phrasings no reader knew, so those three families are now learned from the examples
(``spf/synthesis/inferred.py``), after the search finds nothing; the functions below say the
same things in other words and domains and are probed beyond their examples.

The command-level readings, in one spec of my own (parcels): a placeholder "written by" a spec
function that writes text ("COST is the cost of the parcel written by pounds", "COST by
pounds"); an error clause with two comparisons ("a weight that is not more than 0, or is more
than 30"); a removal "of all the parcels that are collected" where "the parcels not collected
stay" (what is kept is no filter).

moorings (the rest, one spec of my own): "(NAME how its kept, not how you typed it)" after a
refusal's status; "CHARGE is charge(nights) shown as in rule 2", rule 2 showing pence as pounds;
"If the boat is already at that berth, nothing is changed, and it prints `...`. That is not an
error."; "Labels it damaged"; "A damaged one gets ` DAMAGED: REMARK` on the end"; "If N is 1, it
prints `boat` and not `boats`" (agreement, not the line); groups "in the order of their numbers,
the lowest number first"; "the one boat with the most nights" and its tie "the one whose name
comes first from A to Z"; "IN is all the nights of the boats who've paid added together and OUT
is all the nights of the ones who haven't".

Every test here fails at the round's start (113354d, the code of 7695106).
"""

from __future__ import annotations

from tests.contract.test_newcomer36_words import _failures
from tests.synth.test_synth_capabilities import _define, _solve, _task

PLATES = """# Project: plates

## Function: good_plate(plate: str) -> bool
Our trailer plates are the letters TR, a slash, and then exactly three digits. Small letters are fine too.
- good_plate("TR/123") == True
- good_plate("tr/045") == True
- good_plate("TR/12") == False
- good_plate("TX/123") == False
- good_plate("TR123") == False
"""

LOCKERS = """# Project: lockers

## Function: locker_code(code: str) -> bool
A locker code has two capital letters, a dot and three digits, and the three digits can never be all zeros.
- locker_code("AB.101") == True
- locker_code("QZ.007") == True
- locker_code("ab.101") == False
- locker_code("AB.000") == False
- locker_code("ABC.101") == False
- locker_code("AB.1010") == False
"""

FARES = """# Project: fares

## Function: fare(stops: int) -> int
The ferry fare in pence: each of the first 4 stops is 90, every stop after the fourth is 40.
- fare(1) == 90
- fare(4) == 360
- fare(5) == 400
- fare(10) == 600
"""

DELIVERY = """# Project: delivery

## Function: delivery(kg: float, express: bool) -> int
In cents. We charge 2 euros for the van and 0.50 euros for every kilo that is begun (1.2 kilos pay as 2). Express doubles the whole thing.
- delivery(1.2, False) == 300
- delivery(3.0, False) == 350
- delivery(4.1, False) == 450
- delivery(0.4, True) == 500
- delivery(2.5, True) == 700
"""

LAPS = """# Project: laps

## Function: lap(tenths: int) -> str
Under a minute it is the seconds, a dot and the tenth. From a minute up it is the minutes, a colon, the seconds as two figures, a dot and the tenth.
- lap(95) == "9.5"
- lap(7) == "0.7"
- lap(600) == "1:00.0"
- lap(754) == "1:15.4"
"""


def test_a_code_of_stated_letters_learned_from_its_examples():
    good_plate = _define(_solve(_task(PLATES, "good_plate")))[0]
    assert good_plate("Tr/999") and good_plate("TR/000") and not good_plate("TR/1234") and not good_plate("TR-123") \
        and not good_plate(" TR/123") and not good_plate("TT/123")


def test_a_code_whose_digits_are_never_all_zeros():
    locker_code = _define(_solve(_task(LOCKERS, "locker_code")))[0]
    assert locker_code("CD.100") and locker_code("XY.999") and not locker_code("Cd.100") and not locker_code("CD.00") \
        and not locker_code("CD.000") and not locker_code("C1.100")


def test_an_amount_for_the_first_units_and_another_for_each_after():
    fare = _define(_solve(_task(FARES, "fare")))[0]
    assert [fare(stops) for stops in (2, 3, 6, 7, 20)] == [180, 270, 440, 480, 1000]


def test_an_amount_per_started_unit_with_a_flag_that_doubles_it():
    delivery = _define(_solve(_task(DELIVERY, "delivery", imports=("math",))))[0]
    assert [delivery(kg, express) for kg, express in ((2.0, False), (2.01, False), (0.1, False), (7.5, True))] == \
        [300, 350, 250, 1200]


def test_a_number_written_in_mixed_units_with_the_leading_ones_left_off():
    lap = _define(_solve(_task(LAPS, "lap")))[0]
    assert [lap(tenths) for tenths in (599, 0, 601, 36000, 4321)] == ["59.9", "0.0", "1:00.1", "60:00.0", "7:12.1"]


PARCELS = """# Project: parcels
The parcel counter at the village shop. Each parcel has a number the program gives it, starting at 1. Everything lives in `parcels.json` here. When a command is refused, the file stays as it was.

## Entity: Parcel
- number: int — given by the program: one more than the biggest number in the file, 1 for the first
- owner: str — whose parcel it is, as typed
- kg: float — its weight in kilograms
- collected: bool = false — whether the owner has taken it away

## Store: parcels
- holds: Parcel
- format: json
- path: parcels.json

## Function: cost(kg: float) -> int
The storage cost in pence: 150 for the shelf and 20 for each kilo begun (a kilo and a half pays for two).
- cost(1.0) == 170
- cost(1.5) == 190
- cost(2.0) == 190
- cost(10.0) == 350

## Function: pounds(pence: int) -> str
Pence as pounds: the pounds, a dot, two figures of pence, then ` GBP`.
- pounds(170) == "1.70 GBP"
- pounds(5) == "0.05 GBP"
- pounds(12345) == "123.45 GBP"

## Command: take(owner: str, kg: float)
Takes in a parcel and prints `parcel NUMBER for OWNER costs COST`, where NUMBER is the parcel's new number and COST is what the cost function gives for its weight, written by pounds. A parcel must weigh more than 0 and at most 30 kilograms.
- error: a weight that is not more than 0, or is more than 30 prints "weight must be more than 0 and at most 30" and exits with status 2
- `take Ann 2` prints "parcel 1 for Ann costs 1.90 GBP"
- `take Ann 0` prints "weight must be more than 0 and at most 30"

## Command: collect(number: int)
The owner has come for it: marks the parcel with that number collected and prints `NUMBER collected by OWNER`.
- error: a number no parcel has prints "no parcel NUMBER" and exits with status 1
- `collect 4` prints "no parcel 4"

## Command: shelf()
Every parcel, one a line, by number: `NUMBER OWNER KG kg COST`, with KG with one decimal and COST by pounds. An empty shelf prints `shelf is empty`.
- `shelf` prints "shelf is empty"

## Command: sweep()
At closing time I take all the parcels that are collected off the list; the parcels not collected stay. Prints `swept N`.
- `sweep` prints "swept 0"
"""

PARCELS_RUN = """# Hidden transcripts: parcels

<!-- the cost through pounds in take and shelf -->
```console
$ parcels take Ann 2
parcel 1 for Ann costs 1.90 GBP
$ parcels take Bo 10
parcel 2 for Bo costs 3.50 GBP
$ parcels shelf
1 Ann 2.0 kg 1.90 GBP
2 Bo 10.0 kg 3.50 GBP
```

<!-- both ends of the weight are refused, and nothing is taken in -->
```console
$ parcels take Cy 30.5
weight must be more than 0 and at most 30
[2]
$ parcels take Cy -1
weight must be more than 0 and at most 30
[2]
$ parcels take Cy 30
parcel 1 for Cy costs 7.50 GBP
$ parcels shelf
1 Cy 30.0 kg 7.50 GBP
```

<!-- sweep takes only the collected parcels off -->
```console
$ parcels take Ann 1
parcel 1 for Ann costs 1.70 GBP
$ parcels take Bo 1
parcel 2 for Bo costs 1.70 GBP
$ parcels take Cy 1
parcel 3 for Cy costs 1.70 GBP
$ parcels collect 2
2 collected by Bo
$ parcels sweep
swept 1
$ parcels shelf
1 Ann 1.0 kg 1.70 GBP
3 Cy 1.0 kg 1.70 GBP
```
"""


def test_a_writer_named_for_a_placeholder_two_bounds_and_a_sweep_that_keeps_the_rest(tmp_path):
    assert _failures(tmp_path, PARCELS, PARCELS_RUN) == []


MOORINGS = """# Project: moorings
The visitor moorings on the river. The rules are:
1. A boat is known by its name, matched in any case and kept as it was first typed.
2. Money is held in pence and is always shown as pounds and pence: the pounds, a full stop, and exactly two digits of pence.
3. Everything is kept in `moorings.json` in the current folder, and a refused command changes nothing.

## Entity: Boat
- name: str — the boat's name; the key
- berth: int — the berth it is tied to, 1 to 20
- nights: int — how many nights it is staying
- paid: bool = false — whether the skipper has paid
- damaged: bool = false — whether the boat has been found damaged
- remark: str | None = none — what the damage is

## Store: boats
- holds: Boat
- format: json
- path: moorings.json

## Function: charge(nights: int) -> int
The mooring charge in pence: 700 for each night.
- charge(1) == 700
- charge(3) == 2100

## Command: arrive(name: str, berth: int, nights: int)
A boat ties up. Prints `NAME at berth BERTH, CHARGE`, where CHARGE is charge(nights) shown as in rule 2.
- error: a name already moored (any case) prints "NAME is already moored" and exits with status 1 (NAME how its kept, not how you typed it)
- `arrive Otter 2 1` prints "Otter at berth 2, 7.00"

## Command: shift(name: str, berth: int)
Moves a boat to another berth. The boat is found by its name (any case). The new berth replaces the old berth. It prints `NAME moved to berth BERTH`. If the boat is already at that berth, nothing is changed, and it prints `NAME is already at berth BERTH`. That is not an error.
- error: no boat by that name prints "no boat NAME" and exits with status 1
- `shift Otter 3` prints "no boat Otter"

## Command: damage(name: str, remark: str)
Found the boat (any case) with a problem. Labels it damaged and keeps the remark. Prints `NAME damaged: REMARK`.
- error: no boat by that name prints "no boat NAME" and exits with status 1
- `damage Otter "bent rudder"` prints "no boat Otter"

## Command: pay(name: str)
Marks the boat found by its name (any case) as paid and prints `NAME paid`.
- error: no boat by that name prints "no boat NAME" and exits with status 1
- `pay Otter` prints "no boat Otter"

## Command: board()
Every boat, one a line, by name A to Z: `NAME berth BERTH`. A damaged one gets ` DAMAGED: REMARK` on the end. No boats at all prints `no boats`.
- `board` prints "no boats"

## Command: berths()
Counts the boats at each berth. It prints one line for each berth with a boat: `berth BERTH: N boats`. If N is 1, it prints `boat` and not `boats`. The berths are printed in the order of their numbers, the lowest number first. No boats at all prints `no boats`.
- `berths` prints "no boats"

## Command: longest()
Prints the one boat with the most nights, as `NAME NIGHTS nights`. If two boats have the same most nights, it prints the one whose name comes first from A to Z. No boats at all prints `no boats`.
- `longest` prints "no boats"

## Command: takings()
Prints `paid IN nights, owing OUT nights`, where IN is all the nights of the boats who've paid added together and OUT is all the nights of the ones who haven't.
- `takings` prints "paid 0 nights, owing 0 nights"
"""

MOORINGS_RUN = """# Hidden transcripts: moorings

<!-- the charge as pounds, a clash shows the name as kept -->
```console
$ moorings arrive "Blue Heron" 3 2
Blue Heron at berth 3, 14.00
$ moorings arrive "BLUE heron" 5 1
Blue Heron is already moored
[1]
$ moorings board
Blue Heron berth 3
```

<!-- a shift to the berth it is at changes nothing and is no error -->
```console
$ moorings arrive Kestrel 4 1
Kestrel at berth 4, 7.00
$ moorings shift kestrel 4
Kestrel is already at berth 4
$ moorings shift KESTREL 6
Kestrel moved to berth 6
$ moorings board
Kestrel berth 6
```

<!-- a damaged boat's line ends with its remark -->
```console
$ moorings arrive Otter 2 1
Otter at berth 2, 7.00
$ moorings arrive Avocet 1 1
Avocet at berth 1, 7.00
$ moorings damage otter "bent rudder"
Otter damaged: bent rudder
$ moorings board
Avocet berth 1
Otter berth 2 DAMAGED: bent rudder
```

<!-- berths in the order of their numbers, boat for one -->
```console
$ moorings arrive Avocet 10 1
Avocet at berth 10, 7.00
$ moorings arrive Bittern 2 1
Bittern at berth 2, 7.00
$ moorings arrive Coot 10 3
Coot at berth 10, 21.00
$ moorings berths
berth 2: 1 boat
berth 10: 2 boats
```

<!-- the boat with the most nights, a tie by name -->
```console
$ moorings arrive Zephyr 1 5
Zephyr at berth 1, 35.00
$ moorings arrive Amber 2 5
Amber at berth 2, 35.00
$ moorings arrive Coot 3 2
Coot at berth 3, 14.00
$ moorings longest
Amber 5 nights
```

<!-- nights of the paid boats and of the others -->
```console
$ moorings arrive Zephyr 1 5
Zephyr at berth 1, 35.00
$ moorings arrive Amber 2 3
Amber at berth 2, 21.00
$ moorings arrive Coot 3 2
Coot at berth 3, 14.00
$ moorings pay coot
Coot paid
$ moorings takings
paid 2 nights, owing 8 nights
```
"""


def test_a_key_as_kept_pounds_by_rule_a_change_to_the_same_value_and_a_summary_of_paid_and_not(tmp_path):
    assert _failures(tmp_path, MOORINGS, MOORINGS_RUN) == []
