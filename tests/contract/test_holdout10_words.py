"""Round forty-three: what holdout10 (read this round, after two rounds unread) taught, in specs
of my own words and domains. Each reading here is one the words or the examples settle in
general, not a phrase of one spec:

- lockers (messier's, handover's, exams'): "the letter B (small or big, I don't mind) followed
  straight away by a number from 1 to 40, no leading zero" is a code's shape, in any case where
  the examples show both; "always kept with a capital B however I type it" keeps it in capitals;
  "every locker shows up in the book only once" makes the tag the key, and "a locker already in
  the book" is a clash of that key; the checks come in the order written, also where one bullet
  is read as prose for its note "(TAG like I wrote it)", which shows that refusal's tag as typed
  (and only that one's); "DEPOSIT must be 0-50" names the number rather than showing it, and
  `TAG DEPOSIT N` labels N; "Replaces the deposit with the new one" sets it (a word like
  "deposit" is no top-up); "Removes whoever has that locker" removes; "one a line, `TAG HOLDER`"
  is the records' line (not a last line); "if their rent isn't paid yet, ` (owes)` goes on the
  end" marks the unpaid; "`--deposit N`: only DEPOSIT N or higher" is a lower bound;
  `lockers N, held MONEY, top DEPOSIT M` with "MONEY = deposits added up (pounds() way), M =
  highest DEPOSIT among them" sums and writes MONEY with pounds, and DEPOSIT labels M, the
  highest;
- regatta (troop's): "Wherever a club is stored or shown, it's spelt ...: a capital first letter
  and the rest small", said in a function's words, capitalises the argument; "two boats can't
  share a name"; "(NAME spelt the way it's kept)" shows the stored name; "A boat joins the
  series with no points and the answer is `...`" is the line the add prints, not an empty
  case; "Adds the points to what the boat has" changes the record (no summary), "badge of the
  new total" writes the record's new total; "The club with the most points is at the top"
  ranks the groups by that number;
- hikes (exams', messier's): a line "or `CODE PLACE: unrated` when there is no rating yet" in
  place of the usual one while the optional field is unset; "The rating is written always with
  one decimal" said in another command; "`--unrated` only the hikes without rating"; "has this
  word inside" is a part of it; "when two are exactly as long as each other the one with the
  lower hike number, by number(), comes first" breaks the tie by that function; "Marks the hike
  walked" over `done — whether I have actually walked it`, and "W how many of those I have
  walked" counts them; "simply marks it again and says the same thing" is no refusal (the
  record found again where "`no hike CODE`" says none was found);
- stars (messier's): markers told in turn after the project's line, "followed by `, NAME` when
  it has a popular name and then by `, seen` when I have found it";
- vials (exams'): "prints "no vial CODE" (CODE in capital letters)" writes the code as typed in
  capitals, where the vial is found in any case.

Every spec here fails at the round's start (d898dcd); the function readings below are tested on
the synthesizer.
"""

from __future__ import annotations

from spf.synthesis.patterns import read_shape
from tests.contract.test_newcomer36_words import _failures
from tests.synth.test_synth_capabilities import _define, _solve, _task

LOCKERS = """# Project: lockers
The swimming club's lockers. I keep them in `lockers.json` in the folder I run it from.

## Entity: Locker
- tag: str — the locker's tag, like "B12", always kept with a capital B however I type it; every locker shows up in the book only once
- holder: str — whoever rents the locker, as typed
- deposit: int = 10 — pounds held, 0-50
- paid: bool = false — whether this season's rent is in

## Store: lockers
- holds: Locker
- format: json
- path: lockers.json

## Function: good_tag(tag: str) -> bool
A tag is the letter B (small or big, I don't mind) followed straight away by a number from 1 to 40, no leading zero, nothing else.
- good_tag("B12") == True
- good_tag("b7") == True
- good_tag("B40") == True
- good_tag("B41") == False
- good_tag("B07") == False
- good_tag("C3") == False

## Function: pounds(amount: int) -> str
A pound sign, then the number.
- pounds(5) == "£5"
- pounds(0) == "£0"
- pounds(120) == "£120"

## Command: rent(tag: str, holder: str, deposit: int = 10)
Gives a locker to somebody. Answers `B-locker TAG for HOLDER`. It looks at the tag first, then the deposit, and only then whether the locker is already rented, in that order.
- error: a tag good_tag turns down prints "not a tag: TAG" (TAG like I wrote it) and exits with status 2
- error: a deposit below 0 or above 50 prints "DEPOSIT must be 0-50" and exits with status 2
- error: a locker already in the book prints "TAG is taken" and exits with status 1

## Command: topup(tag: str, deposit: int)
Replaces the deposit with the new one, finding the locker by tag in any case. Answers `TAG DEPOSIT N`.
- error: no such locker prints "no locker TAG" and exits with status 1

## Command: free(tag: str)
Locker handed back. Removes whoever has that locker. Answers `freed TAG`.
- error: no such locker prints "no locker TAG" and exits with status 1

## Command: pay(tag: str)
Rent came in. Marks it paid and answers `TAG paid`.
- error: no such locker prints "no locker TAG" and exits with status 1

## Command: book(deposit: int = 0)
Every locker, one a line, `TAG HOLDER`, and if their rent isn't paid yet, ` (owes)` goes on the end. `--deposit N`: only DEPOSIT N or higher. Nothing to show: `empty`.

## Command: sums
Prints `lockers N, held MONEY, top DEPOSIT M`: N = how many, MONEY = deposits added up (pounds() way), M = highest DEPOSIT among them. Nothing rented: `empty`.
- `sums` prints "empty"
"""

LOCKERS_RUN = """```console
$ lockers rent b7 Ann
B-locker B7 for Ann
$ lockers rent b07 Ann --deposit 99
not a tag: b07
[2]
$ lockers rent B8 Bo --deposit 99
DEPOSIT must be 0-50
[2]
$ lockers rent B7 Cy --deposit 99
DEPOSIT must be 0-50
[2]
$ lockers rent b7 Cy
B7 is taken
[1]
$ lockers rent B9 Dee --deposit 30
B-locker B9 for Dee
$ lockers topup b9 5
B9 DEPOSIT 5
$ lockers pay B7
B7 paid
$ lockers book
B7 Ann
B9 Dee (owes)
$ lockers book --deposit 6
B7 Ann
$ lockers sums
lockers 2, held £15, top DEPOSIT 10
$ lockers free b7
freed B7
$ lockers book
B9 Dee (owes)
```
"""


def test_what_holdout10_taught_about_checks_and_their_messages(tmp_path):
    assert _failures(tmp_path, LOCKERS, LOCKERS_RUN) == []


REGATTA = """# Project: regatta
Our summer series. Boats and their points go in `regatta.db`, wherever I run it.

## Entity: Boat
- name: str — as typed when entered; two boats can't share a name, capitals not counting
- club: str — one of the visiting clubs, always spelt the way the list spells it
- sail: int — the number on the sail
- points: int = 0 — series points so far

## Store: boats
- holds: Boat
- format: sqlite
- path: regatta.db

## Function: valid_club(name: str) -> bool
We race against three clubs: Tern, Gull or Skua, typed in any case. Wherever a club is stored or shown, it's spelt just as in that list: a capital first letter and the rest small.
- valid_club("Tern") == True
- valid_club("GULL") == True
- valid_club("skua") == True
- valid_club("Terns") == False
- valid_club("Eagle") == False

## Function: badge(points: int) -> str
Under 10 points is "bronze", 10 to 29 is "silver", 30 or more is "gold".
- badge(0) == "bronze"
- badge(9) == "bronze"
- badge(10) == "silver"
- badge(29) == "silver"
- badge(30) == "gold"

## Command: enter(name: str, club: str, sail: int)
A boat joins the series with no points and the answer is `NAME sails for CLUB`. Before anything is saved it checks, in this order: that valid_club knows the club, that the sail is from 1 to 999, and that we don't have the boat already.
- error: a club valid_club says no to prints "no club CLUB" (the club as I typed it) and exits with status 2
- error: a sail below 1 or above 999 prints "SAIL must be 1-999" and exits with status 2
- error: a boat we already have prints "we have NAME already" (NAME spelt the way it's kept) and exits with status 1

## Command: score(name: str, points: int)
Adds the points to what the boat has (never replaces them), finding it by name without minding capitals, and answers `NAME has TOTAL points (BADGE)` with the name as kept and badge of the new total.
- error: no boat with that name prints "no boat NAME" and exits with status 1

## Command: clubs
One line per club that has a boat: `CLUB: BOATS boats, POINTS points`, where POINTS adds up the points of its boats. The club with the most points is at the top; two clubs with the same points go in alphabetical order. With no boats at all: `no boats`.
- `clubs` prints "no boats"
"""

REGATTA_RUN = """```console
$ regatta enter Swift eagle 0
no club eagle
[2]
$ regatta enter Swift TERN 0
SAIL must be 1-999
[2]
$ regatta enter Swift TERN 12
Swift sails for Tern
$ regatta enter SWIFT gull 13
we have Swift already
[1]
$ regatta enter Puffin skua 7
Puffin sails for Skua
$ regatta enter Auk gull 3
Auk sails for Gull
$ regatta score swift 8
Swift has 8 points (bronze)
$ regatta score SWIFT 4
Swift has 12 points (silver)
$ regatta score auk 12
Auk has 12 points (silver)
$ regatta score Puffin 20
Puffin has 20 points (silver)
$ regatta clubs
Skua: 1 boats, 20 points
Gull: 1 boats, 12 points
Tern: 1 boats, 12 points
```
"""


def test_what_holdout10_taught_about_spelling_and_groups(tmp_path):
    assert _failures(tmp_path, REGATTA, REGATTA_RUN) == []


HIKES = """# Project: hikes
Walks I want to do this year, in `hikes.csv` in the folder I'm in.

## Entity: Hike
- code: str — like "H7"; each hike is in the list only once
- place: str — where it starts, as typed
- metres: int — how long the walk is
- rating: float | None = none — my mark out of 10 once I've done it
- done: bool = false — whether I have actually walked it

## Store: hikes
- holds: Hike
- format: csv
- path: hikes.csv

## Function: number(code: str) -> int
The number after the H, for putting hikes in order.
- number("H7") == 7
- number("H12") == 12

## Function: distance(m: int) -> str
How long, for people. Under 1000: `N m`. 1000 and up: kilometres, `N km`, at most 2 decimals, cut off not rounded, trailing zeros dropped and the point too if nothing is left after it.
- distance(850) == "850 m"
- distance(1000) == "1 km"
- distance(1250) == "1.25 km"
- distance(1500) == "1.5 km"
- distance(2349) == "2.34 km"

## Command: plan(code: str, place: str, metres: int)
A walk to do. Answers `planned CODE`.
- error: a code that is already in the list prints "CODE is planned already" and exits with status 1

## Command: rate(code: str, rating: float)
The new rating replace the old one if there was one. Answers `CODE rated`. The rating is written always with one decimal.
- error: no hike with this code prints "no hike CODE" and exits with status 1

## Command: walk(code: str)
Marks the hike walked and says `walked CODE`; if it was already walked it simply marks it again and says the same thing.
- error: no hike with this code prints "no hike CODE" and exits with status 1

## Command: log(unrated: bool = false, word: str | None = none)
My hikes, longest first; when two are exactly as long as each other the one with the lower hike number, by number(), comes first. Each line is `CODE PLACE: RATING`, or `CODE PLACE: unrated` when there is no rating yet. With `--unrated` only the hikes without rating, and with `--word` only those where the place has this word inside (capitals don't matter, a piece of a word is fine). Nothing to show: `no hikes`.

## Command: tally
One line, `N hikes, W walked`, where N is how many hikes there are and W how many of those I have walked. With no hikes: `no hikes`.
- `tally` prints "no hikes"
"""

HIKES_RUN = """```console
$ hikes plan H12 'Black Moor' 1500
planned H12
$ hikes plan H7 'High Moorside' 1500
planned H7
$ hikes plan H3 Beck 900
planned H3
$ hikes plan H3 Beck 900
H3 is planned already
[1]
$ hikes rate H12 7
H12 rated
$ hikes rate H12 8.5
H12 rated
$ hikes rate H9 8
no hike H9
[1]
$ hikes log
H7 High Moorside: unrated
H12 Black Moor: 8.5
H3 Beck: unrated
$ hikes log --unrated --word MOOR
H7 High Moorside: unrated
$ hikes walk H3
walked H3
$ hikes walk H3
walked H3
$ hikes tally
3 hikes, 1 walked
```
"""


def test_what_holdout10_taught_about_a_line_while_unset_and_a_tie_by_a_function(tmp_path):
    assert _failures(tmp_path, HIKES, HIKES_RUN) == []


STARS = """# Project: stars
Objects I hunt with the telescope, in `stars.json`.

Every object is shown as `CODE, KIND`, followed by `, NAME` when it has a popular name and then by `, seen` when I have found it.

## Entity: Target
- code: str — like "M31"
- kind: str — galaxy, nebula and so on
- name: str | None = none — the popular name, if any
- seen: bool = false — whether I have actually found it

## Store: targets
- holds: Target
- format: json
- path: stars.json

## Command: add(code: str, kind: str, name: str | None = none)
Answers `added CODE`.

## Command: found(code: str)
Marks it seen. Answers `found CODE`.
- error: no such object prints "no CODE" and exits with status 1

## Command: list
Every object, in the order added.
"""

STARS_RUN = """```console
$ stars add M31 galaxy --name Andromeda
added M31
$ stars add M13 globular
added M13
$ stars add M1 nebula --name Crab
added M1
$ stars found M1
found M1
$ stars found M13
found M13
$ stars list
M31, galaxy, Andromeda
M13, globular, seen
M1, nebula, Crab, seen
```
"""


def test_markers_told_in_turn_after_the_projects_line(tmp_path):
    assert _failures(tmp_path, STARS, STARS_RUN) == []


VIALS = """# Project: vials
Lab sample vials, in `vials.json`.

## Entity: Vial
- code: str — like "AB12"; kept as typed
- volume: int — microlitres left

## Store: vials
- holds: Vial
- format: json
- path: vials.json

## Command: add(code: str, volume: int)
Answers `added CODE`.

## Command: use(code: str, volume: int)
Takes the volume out of the vial found by its code, in any case. Answers `CODE: VOLUME left`.
- error: no vial with this code prints "no vial CODE" (CODE in capital letters) and exits with status 1
"""

VIALS_RUN = """```console
$ vials add AB12 100
added AB12
$ vials use ab12 30
AB12: 70 left
$ vials use zz9 5
no vial ZZ9
[1]
```
"""


def test_a_refusal_noted_in_capitals_writes_the_argument_so(tmp_path):
    assert _failures(tmp_path, VIALS, VIALS_RUN) == []


def test_a_lettered_code_in_words_of_its_own():
    assert read_shape("One letter A-F (upper or lower case), then a number 1-30. No leading zero.") == (
        "[A-Fa-f](?:[1-9]|[1-2][0-9]|30)")
    assert read_shape("Capital letter A to F, then 1..30 written without a leading zero.") == "[A-F](?:[1-9]|[1-2][0-9]|30)"
    assert read_shape("the letter M (as you like) followed straight away by a whole number from 1 to 110") == (
        "M(?:[1-9]|[1-9][0-9]|10[0-9]|110)")
    assert read_shape("`GC` followed by one to six characters, each a letter A to Z or a digit") == "GC[A-Za-z0-9]{1,6}"


def test_a_code_shape_in_any_case_where_the_examples_show_both():
    tag = _define(_solve(_task(LOCKERS, "good_tag")))[0]
    assert tag("b40") and tag("B1") and not tag("B0") and not tag("b41") and not tag("BB1")


def test_a_unit_switch_whose_examples_drop_trailing_zeros():
    distance = _define(_solve(_task(HIKES, "distance")))[0]
    assert distance(999) == "999 m" and distance(2000) == "2 km" and distance(2109) == "2.1 km"
    assert distance(10999) == "10.99 km"
