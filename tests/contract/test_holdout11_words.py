"""Round forty-four: what holdout11 (read this round, after two rounds unread) taught, in specs
of my own words and domains. Each reading here is one the words or the examples settle in
general, not a phrase of one spec:

- cakes (posies'): a command with no verb of its own that takes every field but one, "It gets
  one more than the biggest order number in the book" over `ticket — the order number written
  on the slip`, makes a record numbered so (a number freed by a removal is given again); a
  refusal "PICKUP is not a real day" checks the argument its message shows with real_day (not
  the first text argument); "`OWES` in capitals instead of `settled`" is the flag's other word;
  "If I had settled it already ... it just says ... (status 0)" is no refusal; "take the cake
  away, the order comes out of the book" removes it (the cake is no number taken off);
- kennels (vitals'): "always shown + stored in caps" and `run — ...; in caps`; a points table
  per argument added up ("Barks part: 2 or under = 0; 3 to 5 = 1; ..."); `B BARKS P PACES`,
  each letter a label before its field; a bullet read as prose for its note "(RUN in caps)"
  keeps its written place after the range checks; "Dog without checks yet: `RUN NAME not
  checked`" over fields "none until first check"; "Only dogs with checks"; "same barks too →
  run order" breaks the tie of the tie; `DOGS dogs, CHECKED checked, NERVY nervy, top barks
  MAX` with "DOGS = every dog, CHECKED = how many have checks, NERVY = how many nervy, MAX =
  highest barks among those with checks, or `-` if nobody has checks";
- parcels (cheques'): `ship NUMBER` over `shipped: bool` sets the flag; "Should the parcel have
  been shipped already, ... the reply is ..., which I do not regard as an error"; "a parcel
  that has shipped" is a state of the record found; "STATE is the word `shipped` for ... or
  `waiting` for ..."; `COUNT parcels, total SUM g, heaviest GRAMS g (NUMBER)` with "NUMBER is
  the number of the parcel that carries it" and "Where two parcels share the greatest weight,
  the one with the lowest number is named"; "When COUNT is exactly 1 the word is `parcel`
  rather than `parcels`";
- ropes (fabrics'): "only the message for a bad code show it like I typed it" (said once for the
  project); "the metres of the coil go down" by the one amount given, "LEFT is the new metres of
  the coil"; "Take out of the store all the coils with 0 m" removes them (`m` being the metres,
  not the price per metre), `removed N: CODE, CODE` "with the codes in alphabet order" lists
  what went, and "When there is no empty coil it print `nothing to remove`" is its empty case;
  "VALUE is the worth of each coil added together" sums a spec function of each record.

Every spec here fails at the round's start (d75de7a); the function readings below are tested on
the synthesizer.
"""

from __future__ import annotations

from tests.contract.test_newcomer36_words import _failures
from tests.synth.test_synth_capabilities import _define, _solve, _task

CAKES = """# Project: cakes
Cake orders for my kitchen, kept in `cakes.json` next to me. Money is shown as pounds, a full stop and two figures of pence (so five pounds is `5.00`). Days are written year-month-day.

## Entity: Order
- ticket: int — the order number written on the slip
- name: str — who ordered, as typed
- cake: str — what kind of cake
- price: int — in pence
- pickup: str — when they collect, year-month-day
- settled: bool = false — whether they have paid

## Store: book
- holds: Order
- format: json
- path: cakes.json

## Function: real_day(text: str) -> bool
A real calendar day written as four digits, a dash, two digits, a dash and two digits.
- real_day("2024-02-29") == True
- real_day("2023-02-29") == False
- real_day("2024-1-05") == False
- real_day("2024-06-30") == True

## Function: pounds(pence: int) -> str
Pence written as pounds: the whole pounds, a full stop, the pence as two figures.
- pounds(1250) == "12.50"
- pounds(5) == "0.05"
- pounds(800) == "8.00"

## Command: phone(name: str, cake: str, price: float, pickup: str)
A customer rings: I note their name, the cake, the price in pounds (kept in pence) and the pick-up day. It gets one more than the biggest order number in the book, or 1 for an empty book. First the day goes through real_day, then the price must be above nothing; nothing is written if either fails. It replies `ticket TICKET: NAME, CAKE, PICKUP, PRICE`, the price as pounds writes it.
- error: a day real_day won't take prints "PICKUP is not a real day" and exits with status 2
- error: a price of 0 or less prints "price must be above 0" and exits with status 2
- `phone Ann sponge 12.5 2024-05-01` prints "ticket 1: Ann, sponge, 2024-05-01, 12.50"

## Command: settle(ticket: int)
They pay; the order is marked settled and it says `ticket TICKET settled`. If I had settled it already that's no problem: it just says `ticket TICKET was settled already` and ends normally (status 0).
- error: a ticket not in the book prints "no ticket TICKET" and exits with status 1

## Command: orders(owing: bool = false)
One line per order, `#TICKET PICKUP NAME: CAKE, PRICE, settled`, or with `OWES` in capitals instead of `settled` while they still owe. Earliest pickup first, then by ticket. With `--owing` only the ones not settled. Nothing to show: `no orders`.
- `orders` prints "no orders"

## Command: handover(ticket: int)
When they come in and take the cake away, the order comes out of the book. It says `ticket TICKET handed to NAME`. An order that isn't settled can't be handed over and stays in the book.
- error: a ticket not in the book prints "no ticket TICKET" and exits with status 1
- error: an order that isn't settled prints "ticket TICKET is not settled" and exits with status 1
"""

CAKES_RUN = """```console
$ cakes phone Bo carrot 20 2024-05-02
ticket 1: Bo, carrot, 2024-05-02, 20.00
$ cakes phone Cy lemon 0 2024-13-01
2024-13-01 is not a real day
[2]
$ cakes phone Cy lemon 0 2024-05-03
price must be above 0
[2]
$ cakes phone Cy lemon 7.25 2024-05-01
ticket 2: Cy, lemon, 2024-05-01, 7.25
$ cakes orders
#2 2024-05-01 Cy: lemon, 7.25, OWES
#1 2024-05-02 Bo: carrot, 20.00, OWES
$ cakes handover 2
ticket 2 is not settled
[1]
$ cakes settle 2
ticket 2 settled
$ cakes settle 2
ticket 2 was settled already
$ cakes orders --owing
#1 2024-05-02 Bo: carrot, 20.00, OWES
$ cakes handover 2
ticket 2 handed to Cy
$ cakes phone Di fruit 30 2024-05-09
ticket 2: Di, fruit, 2024-05-09, 30.00
$ cakes orders
#1 2024-05-02 Bo: carrot, 20.00, OWES
#2 2024-05-09 Di: fruit, 30.00, OWES
```
"""


KENNELS = """# Project: kennels
Boarding kennels, night shift. Which dog is in which run, last check, who is nervy. Kept in `kennels.db` (sqlite) where I run it.
Runs = a row letter A-C then a number 1-3, e.g. B2. I type runs in any case, always shown + stored in caps. Run order everywhere = row letter first, then number.

## Entity: Dog
- run: str — row + number, e.g. "B2"; in caps; one dog per run
- name: str — the dog's name, as typed
- barks: int | None = none — barks counted at the last check; none until first check
- paces: int | None = none — laps paced at the last check; none until first check
- nervy: bool = false — nervy dog yes/no

## Store: runs
- holds: Dog
- format: sqlite
- path: kennels.db

## Function: good_run(run: str) -> bool
A real run: a row letter A to C (caps or small), then one digit 1 to 3. Nothing else.
- good_run("B2") == True
- good_run("b2") == True
- good_run("D1") == False
- good_run("A4") == False
- good_run("A12") == False

## Function: stress(barks: int, paces: int) -> int
Stress, a barks part + a paces part.
Barks part: 2 or under = 0; 3 to 5 = 1; 6 to 9 = 2; 10 and up = 3.
Paces part: 10 or under = 0; 11 to 30 = 1; 31 and up = 2.
- stress(0, 0) == 0
- stress(4, 12) == 2
- stress(10, 40) == 5
- stress(6, 5) == 2
- stress(2, 31) == 2

## Command: checkin(run: str, name: str, nervy: bool = false)
New dog into a run. `--nervy` = nervy dog. Prints `NAME in RUN`.
- error: a run good_run says no to prints "bad run RUN" and exits with status 2
- `checkin a1 Rex` prints "Rex in A1"

## Command: check(run: str, barks: int, paces: int)
A check on the dog in that run (run in any case). The new numbers replace the old ones.
Checks in this order, nothing saved if one fails: barks 0 to 99 (both ends OK); paces 0 to 500 (both ends OK); then a dog has to be in the run.
Prints `RUN NAME: B BARKS P PACES stress STRESS`, STRESS = stress of the new barks + paces.
- error: barks under 0 or over 99 prints "barks out of range" and exits with status 2
- error: paces under 0 or over 500 prints "paces out of range" and exits with status 2
- error: no dog in that run prints "run RUN is empty" (RUN in caps) and exits with status 1

## Command: board
Every dog, one line each, run order.
Dog with a check: `RUN NAME B BARKS P PACES`.
Dog without checks yet: `RUN NAME not checked`.
Nobody in: `no dogs`.
- `board` prints "no dogs"

## Command: worried(limit: int = 2)
Who to look in on first. Only dogs with checks. Highest stress first; same stress → more barks first; same barks too → run order. Only the first `--limit` (2 if not given). One line each: `RUN NAME stress STRESS`.
No dog with checks → `all quiet`.
- `worried` prints "all quiet"

## Command: tally
One line for the morning:
`DOGS dogs, CHECKED checked, NERVY nervy, top barks MAX`
DOGS = every dog, CHECKED = how many have checks, NERVY = how many nervy, MAX = highest barks among those with checks, or `-` if nobody has checks.
- `tally` prints "0 dogs, 0 checked, 0 nervy, top barks -"
"""

KENNELS_RUN = """```console
$ kennels checkin c3 Bess --nervy
Bess in C3
$ kennels checkin b1 Max
Max in B1
$ kennels checkin a2 Pip
Pip in A2
$ kennels tally
3 dogs, 0 checked, 1 nervy, top barks -
$ kennels board
A2 Pip not checked
B1 Max not checked
C3 Bess not checked
$ kennels check A3 100 900
barks out of range
[2]
$ kennels check A3 5 900
paces out of range
[2]
$ kennels check a3 5 20
run A3 is empty
[1]
$ kennels check c3 4 12
C3 Bess: B 4 P 12 stress 2
$ kennels check B1 6 5
B1 Max: B 6 P 5 stress 2
$ kennels check a2 6 5
A2 Pip: B 6 P 5 stress 2
$ kennels worried --limit 3
A2 Pip stress 2
B1 Max stress 2
C3 Bess stress 2
$ kennels board
A2 Pip B 6 P 5
B1 Max B 6 P 5
C3 Bess B 4 P 12
$ kennels tally
3 dogs, 3 checked, 1 nervy, top barks 6
```
"""


PARCELS = """# Project: parcels
The parcels of my little online shop, kept in `parcels.json` beside the program. Every parcel has the number on its label, matched exactly, and no two parcels share a number. Weights are in grams.

## Entity: Parcel
- number: int — the number on the label
- buyer: str — who bought it, as typed
- grams: int — the weight in grams
- shipped: bool = false — whether the courier has taken it

## Store: parcels
- holds: Parcel
- format: json
- path: parcels.json

## Command: pack(number: int, buyer: str, grams: int)
A parcel I have just packed. The reply is `parcel NUMBER for BUYER, GRAMS g`.
- error: a number already in use prints "parcel NUMBER exists" and exits with status 1
- `pack 12 "Ida Lane" 900` prints "parcel 12 for Ida Lane, 900 g"

## Command: ship(number: int)
The courier takes the parcel. The reply is `parcel NUMBER shipped`. Should the parcel have been shipped already, nothing is altered and the reply is `parcel NUMBER was shipped already`, which I do not regard as an error (status 0).
- error: no parcel with that number prints "no parcel NUMBER" and exits with status 1

## Command: cancel(number: int)
Takes the parcel off my list, for an order called off. A parcel that has shipped is gone and cannot be cancelled. The reply is `parcel NUMBER cancelled`.
- error: no parcel with that number prints "no parcel NUMBER" and exits with status 1
- error: a parcel that has shipped prints "parcel NUMBER has shipped" and exits with status 1

## Command: shelf
The parcels, one a line, by number, each line `NUMBER BUYER GRAMS STATE`, where STATE is the word `shipped` for a parcel the courier has taken or `waiting` for one it has not. Nothing at all: `no parcels`.
- `shelf` prints "no parcels"

## Command: weigh
One line over every parcel: `COUNT parcels, total SUM g, heaviest GRAMS g (NUMBER)`, where SUM is the weights added together, GRAMS is the greatest single weight and NUMBER is the number of the parcel that carries it. Where two parcels share the greatest weight, the one with the lowest number is named. When COUNT is exactly 1 the word is `parcel` rather than `parcels`. With no parcels it says `no parcels`.
- `weigh` prints "no parcels"
"""

PARCELS_RUN = """```console
$ parcels pack 7 Ann 500
parcel 7 for Ann, 500 g
$ parcels weigh
1 parcel, total 500 g, heaviest 500 g (7)
$ parcels pack 3 Bo 500
parcel 3 for Bo, 500 g
$ parcels pack 9 Cy 200
parcel 9 for Cy, 200 g
$ parcels weigh
3 parcels, total 1200 g, heaviest 500 g (3)
$ parcels ship 7
parcel 7 shipped
$ parcels ship 7
parcel 7 was shipped already
$ parcels cancel 7
parcel 7 has shipped
[1]
$ parcels shelf
3 Bo 500 waiting
7 Ann 500 shipped
9 Cy 200 waiting
$ parcels cancel 3
parcel 3 cancelled
$ parcels shelf
7 Ann 500 shipped
9 Cy 200 waiting
```
"""


ROPES = """# Project: ropes
I sell rope off the coil in a little chandlery by the harbour. Every coil has a code like `NYL-12`: three letters, a dash and two digits. The code is saved in big letters, and when I type a code, small or big letters is not important. In the messages the code is always shown in big letters, only the message for a bad code show it like I typed it. Everything is in `ropes.db` (sqlite) in the folder where I run it.

## Entity: Coil
- code: str — like "NYL-12", saved in upper case, no two coils with same code
- colour: str — the colour of the rope, saved in lower case
- metres: int — how many metres are left on the coil, can go down to 0
- price: int — pence for one metre

## Store: coils
- holds: Coil
- format: sqlite
- path: ropes.db

## Function: good_code(code: str) -> bool
Say if a code have the right shape: exactly three letters from A to Z (small or big), one dash, then exactly two digits.
- good_code("NYL-12") == True
- good_code("nyl-12") == True
- good_code("NYL-2") == False
- good_code("NYLO-12") == False

## Function: worth(metres: int, price: int) -> int
How many pounds a coil is worth: the metres multiply with the price, then divide by 100 and round down.
- worth(250, 12) == 30
- worth(75, 10) == 7
- worth(99, 1) == 0

## Command: add(code: str, colour: str, metres: int, price: int)
Put a new coil in the store. It print `added CODE COLOUR METRES m`.
- error: a code that good_code don't accept prints "bad code CODE" and exits with status 2
- error: a code that is already in the store prints "coil CODE already exists" and exits with status 1
- `add nyl-12 Red 250 12` prints "added NYL-12 red 250 m"

## Command: sell(code: str, metres: int)
I sell some rope, so the metres of the coil go down. It print `sold METRES m of CODE, LEFT m left`, where LEFT is the new metres of the coil. The checks are in this order: first the metres, then if the code is in the store, then if the coil has enough.
- error: metres below 1 prints "metres must be 1 or more" and exits with status 2
- error: no coil with that code prints "no coil CODE" and exits with status 1
- error: metres more than the coil has prints "coil CODE has only LEFT m" and exits with status 1

## Command: tidy
Take out of the store all the coils with 0 m. It print `removed N: CODE, CODE` with the codes in alphabet order and a comma and a space between them. When there is no empty coil it print `nothing to remove`.
- `tidy` prints "nothing to remove"

## Command: stock
How much I have, by colour. One line for each colour, the colours in alphabet order: `COLOUR: N coils, METRES m, worth VALUE pounds`, where N is how many coils of that colour, METRES is all the metres added, and VALUE is the worth of each coil added together. Always "coils", also for 1. When the store is empty it print `no coils`.
- `stock` prints "no coils"
"""

ROPES_RUN = """```console
$ ropes add nyl-1 Red 10 5
bad code nyl-1
[2]
$ ropes add nyl-12 Red 250 12
added NYL-12 red 250 m
$ ropes add abc-01 red 100 10
added ABC-01 red 100 m
$ ropes add pol-03 BLUE 40 3
added POL-03 blue 40 m
$ ropes sell Nyl-12 100
sold 100 m of NYL-12, 150 m left
$ ropes sell NYL-12 151
coil NYL-12 has only 150 m
[1]
$ ropes stock
blue: 1 coils, 40 m, worth 1 pounds
red: 2 coils, 250 m, worth 28 pounds
$ ropes sell pol-03 40
sold 40 m of POL-03, 0 m left
$ ropes sell abc-01 100
sold 100 m of ABC-01, 0 m left
$ ropes tidy
removed 2: ABC-01, POL-03
$ ropes tidy
nothing to remove
$ ropes stock
red: 1 coils, 150 m, worth 18 pounds
```
"""


def test_an_order_taken_without_a_verb_its_refusals_and_its_flag_words(tmp_path):
    assert _failures(tmp_path, CAKES, CAKES_RUN) == []


def test_caps_points_tables_labels_and_a_summary_defined_in_words(tmp_path):
    assert _failures(tmp_path, KENNELS, KENNELS_RUN) == []


def test_a_flag_named_by_the_command_its_state_words_and_the_extremes_record(tmp_path):
    assert _failures(tmp_path, PARCELS, PARCELS_RUN) == []


def test_a_swept_removal_listing_what_went_and_values_summed_per_group(tmp_path):
    assert _failures(tmp_path, ROPES, ROPES_RUN) == []


def test_points_tables_per_argument_added_up():
    stress = _define(_solve(_task(KENNELS, "stress")))[0]
    assert stress(3, 11) == 2 and stress(9, 30) == 3 and stress(11, 0) == 3 and stress(2, 10) == 0


COSTS = """# Project: costs

## Function: per_ride(price: int, rides: int) -> int
Cost per ride: the price divided by the rides, rounded down. No rides yet: just the price.
- per_ride(120, 0) == 120
- per_ride(120, 7) == 17
- per_ride(90, 3) == 30
- per_ride(5, 10) == 0
"""


def test_rounded_down_is_a_floor_not_pythons_round():
    per_ride = _define(_solve(_task(COSTS, "per_ride")))[0]
    assert per_ride(19, 2) == 9 and per_ride(3, 2) == 1 and per_ride(7, 4) == 1
