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
