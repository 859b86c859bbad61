"""Round forty-seven: what holdout14 (read this round, after two rounds unread) taught, in specs
of my own words and domains.

As with holdout13, three of holdout14's six specs were blocked by one spec function each that
the synthesizer could not write, and every command calling it failed with it: a price of 25 for
the first 30 minutes "and for every started quarter hour after the first 30 minutes 10 more", a
weight "in 50 gram balls": ``odds and ends``, ``1 ball``, ``2 balls`` with `` and a bit`` for
anything over, and a syllable count, "the number of maximal runs of the vowel letters, in either
case; a form with no vowel letters counts as one". ``spf/synthesis/inferred.py`` now learns
those shapes from the examples too (amounts per started or full unit past a threshold, a count
of whole units in words, a count of a named class of characters or of its runs); the functions
below say the same things in other words and domains and are probed beyond their examples.

The command-level readings, in two specs of my own: wetsuits (an optional text field whose
"nobody means it's on the rail", "Finds the suit by its tag and writes the name down as the
hirer", a suit "that's already out" refused with who had it first, ``` - NAME has it``` on the end
"if it's gone out with somebody", "After the lines comes one more line with the count, `N
suits`", "Takes every suit that's gone to somebody out of the file", "For each suit it's the cost
times the washes, and then all of those added together ... TOTAL is written by money"); climbs
("Take E from effort, and BAND from band of E", "A is their efforts added up and divided by N,
rounded down to a whole number", an option matched "exactly, capitals count" beside another
"capitals not counting"); stamps, a newcomer spec I wrote this round and used by hand ("a
stamp that's already swapped" over `swapped: str | None`, "What the stamps still in the album
cost me, all added together. Prints `worth TOTAL`, total through money").

Every test here fails at the round's start (the code of 3ce4072).
"""

from __future__ import annotations

from tests.contract.test_newcomer36_words import _failures
from tests.synth.test_synth_capabilities import _define, _solve, _task

HIRE = """# Project: courts

## Function: hire(minutes: int) -> int
Court hire in pounds. The first hour is 8 pounds however short the game. After that each half hour you start adds 3.
- hire(20) == 8
- hire(60) == 8
- hire(61) == 11
- hire(90) == 11
- hire(125) == 17
"""

CRATES = """# Project: cellar

## Function: crates(bottles: int) -> str
Bottles go in crates of 12. Fewer than a crate is `loose bottles`. Otherwise it is how many full crates there are, `1 crate`, `2 crates` and so on, and ` plus some` goes after it when bottles are left over.
- crates(5) == "loose bottles"
- crates(12) == "1 crate"
- crates(13) == "1 crate plus some"
- crates(24) == "2 crates"
- crates(30) == "2 crates plus some"
"""

GROUPS = """# Project: serials

## Function: digit_groups(text: str) -> int
How many separate groups of digits are in the text. A text without any digits still counts as 1.
- digit_groups("a1b22c333") == 3
- digit_groups("12 34") == 2
- digit_groups("abc") == 1
- digit_groups("2024") == 1
- digit_groups("room 12, floor 3") == 2
"""


def test_an_amount_for_a_first_block_and_each_started_unit_after_it():
    hire = _define(_solve(_task(HIRE, "hire", imports=("math",))))[0]
    assert [hire(minutes) for minutes in (1, 91, 120, 121, 150, 151)] == [8, 14, 14, 17, 17, 20]


def test_a_count_of_whole_units_in_words_with_a_suffix_for_the_rest():
    crates = _define(_solve(_task(CRATES, "crates")))[0]
    assert [crates(bottles) for bottles in (0, 11, 36, 25, 48, 49)] == \
        ["loose bottles", "loose bottles", "3 crates", "2 crates plus some", "4 crates", "4 crates plus some"]


def test_a_count_of_runs_of_a_named_class_of_characters_never_zero():
    digit_groups = _define(_solve(_task(GROUPS, "digit_groups", imports=("re",))))[0]
    assert [digit_groups(text) for text in ("x9y8z7w6", "", "a-1-22", "007")] == [4, 1, 2, 1]


WETSUITS = """# Project: wetsuits
The wetsuit rail at the surf school. Every suit has a tag with a number on it. Everything is kept in `wetsuits.json` here. If a command refuses, the file stays exactly as it was.

## Entity: Suit
- tag: int — the number on the suit's tag, given by the program
- size: str — like `M` or `XL`
- cost: int — what it cost us, in pence
- washes: int = 0 — how many times it has been washed
- hirer: str | None = none — who has it out; nobody means it's on the rail

## Store: rail
- holds: Suit
- format: json
- path: wetsuits.json

## Function: money(pence: int) -> str
Pence written as pounds: the pounds, a dot and always two figures of pence.
- money(450) == "4.50"
- money(7) == "0.07"
- money(0) == "0.00"

## Command: add(size: str, cost: int)
Hangs a new suit on the rail. Its tag is one more than the biggest tag in the file, or 1 for the first one. Prints `tag N: SIZE`.
- `add M 8000` prints "tag 1: M"

## Command: wash(tag: int)
Adds one to the washes of the suit with that tag and prints `tag TAG washed W times`.
- error: a tag that isn't in the file prints "no tag N" and exits with status 1
- `wash 3` prints "no tag 3"

## Command: hire(tag: int, name: str)
Finds the suit by its tag and writes the name down as the hirer. Prints `tag N out to NAME`. It checks first that the tag is in the file, then that the suit isn't out already, and then it tells you who had it first.
- error: a tag that isn't in the file prints "no tag N" and exits with status 1
- error: a suit that's already out prints "tag N already out to NAME" and exits with status 1
- `hire 4 Kim` prints "no tag 4"

## Command: rail()
Every suit, by tag, lowest first. Each line is `N. SIZE` and if it's gone out with somebody there's ` - NAME has it` on the end. After the lines comes one more line with the count, `N suits`, or `1 suit` when it is only one. An empty file prints `no suits`.
- `rail` prints "no suits"

## Command: clear()
Takes every suit that's gone to somebody out of the file and leaves the rest. Prints `cleared N`.
- `clear` prints "cleared 0"

## Command: worth()
For each suit it's the cost times the washes, and then all of those added together. Prints `worth TOTAL` where TOTAL is written by money.
- `worth` prints "worth 0.00"
"""

WETSUITS_RUN = """# Hidden transcripts: wetsuits

<!-- the hirer shown on the rail, the count line agreeing -->
```console
$ wetsuits add M 8000
tag 1: M
$ wetsuits add XL 9000
tag 2: XL
$ wetsuits hire 2 Kim
tag 2 out to Kim
$ wetsuits rail
1. M
2. XL - Kim has it
2 suits
```

<!-- a suit already out names who has it, and nothing changes -->
```console
$ wetsuits add S 7000
tag 1: S
$ wetsuits hire 1 Kim
tag 1 out to Kim
$ wetsuits hire 1 Lee
tag 1 already out to Kim
[1]
$ wetsuits rail
1. S - Kim has it
1 suit
```

<!-- clear takes only the suits that are out, and the tags stay -->
```console
$ wetsuits add S 7000
tag 1: S
$ wetsuits add M 7500
tag 2: M
$ wetsuits hire 1 Kim
tag 1 out to Kim
$ wetsuits clear
cleared 1
$ wetsuits rail
2. M
1 suit
```

<!-- the worth: cost times washes, added together, written by money -->
```console
$ wetsuits add S 150
tag 1: S
$ wetsuits add M 1000
tag 2: M
$ wetsuits wash 1
tag 1 washed 1 times
$ wetsuits wash 2
tag 2 washed 1 times
$ wetsuits wash 2
tag 2 washed 2 times
$ wetsuits worth
worth 21.50
```
"""

CLIMBS = """# Project: climbs
My logbook of climbing routes, kept in `climbs.csv` in this folder. A route is known by its name, matched exactly.

## Entity: Route
- name: str — the route's name; the key
- crag: str — where it is, like `Stanage`
- metres: int — how long it is
- pitches: int — how many pitches

## Store: book
- holds: Route
- format: csv
- path: climbs.csv

## Function: effort(metres: int, pitches: int) -> int
The metres plus 10 for every pitch.
- effort(30, 1) == 40
- effort(100, 3) == 130
- effort(0, 0) == 0

## Function: band(effort: int) -> str
Under 50 is `short`, from 50 to 99 is `long`, from 100 up is `epic`.
- band(49) == "short"
- band(50) == "long"
- band(99) == "long"
- band(100) == "epic"

## Command: log(name: str, crag: str, metres: int, pitches: int)
Adds a route. Prints `logged NAME at CRAG, effort E (BAND)`. Take E from effort, and BAND from band of E.
- `log Arete Stanage 30 1` prints "logged Arete at Stanage, effort 40 (short)"

## Command: crags()
One line per crag, crags from A to Z: `CRAG: N routes, average effort A`. Always `routes`, even for one. A is their efforts added up and divided by N, rounded down to a whole number. With no routes it prints `no routes`.
- `crags` prints "no routes"

## Command: list(crag: str | None = none, word: str | None = none)
The routes by name, A to Z, one a line: `NAME (CRAG)`. With `--crag C`, only the routes of crag C (exactly, capitals count). With `--word W`, only the routes whose name contains W, capitals not counting. Nothing to show prints `no routes`.
- `list` prints "no routes"
"""

CLIMBS_RUN = """# Hidden transcripts: climbs

<!-- the band of the effort in log's line -->
```console
$ climbs log Slab Froggatt 100 3
logged Slab at Froggatt, effort 130 (epic)
$ climbs log Crack Froggatt 45 0
logged Crack at Froggatt, effort 45 (short)
```

<!-- the average effort rounded down, per crag -->
```console
$ climbs log Slab Froggatt 100 3
logged Slab at Froggatt, effort 130 (epic)
$ climbs log Crack Froggatt 45 0
logged Crack at Froggatt, effort 45 (short)
$ climbs log Arete Stanage 30 1
logged Arete at Stanage, effort 40 (short)
$ climbs crags
Froggatt: 2 routes, average effort 87
Stanage: 1 routes, average effort 40
```

<!-- the crag matched exactly, the word in any case -->
```console
$ climbs log Slab Froggatt 100 3
logged Slab at Froggatt, effort 130 (epic)
$ climbs log "Long Slab" froggatt 40 1
logged Long Slab at froggatt, effort 50 (long)
$ climbs list --crag Froggatt
Slab (Froggatt)
$ climbs list --word SLAB
Long Slab (froggatt)
Slab (Froggatt)
```
"""


def test_who_has_a_suit_its_count_line_and_a_total_of_products_written_by_money(tmp_path):
    assert _failures(tmp_path, WETSUITS, WETSUITS_RUN) == []


def test_a_function_of_a_placeholder_a_rounded_down_average_and_an_exact_option_beside_an_any_case_one(tmp_path):
    assert _failures(tmp_path, CLIMBS, CLIMBS_RUN) == []


STAMPS = """# Project: stamps
My stamp album. Every stamp I own goes in `stamps.json` in this folder. A stamp is known by its code, like `GB-1840`, matched without caring about capitals; codes are printed the way I first typed them. If a command says no, nothing in the file changes.

## Entity: Stamp
- code: str — the catalogue code; the key
- country: str — where it's from
- year: int — the year it was issued
- pence: int — what I paid, in pence
- swapped: str | None = none — who I swapped it to; nobody means it's still in the album

## Store: album
- holds: Stamp
- format: json
- path: stamps.json

## Function: money(pence: int) -> str
Pence as pounds: the pounds, a dot and two figures of pence.
- money(150) == "1.50"
- money(5) == "0.05"
- money(0) == "0.00"

## Command: add(code: str, country: str, year: int, pence: int)
Puts a stamp in the album and prints `added CODE (COUNTRY YEAR) for PRICE`, PRICE being the pence written by money. The year has to be from 1840 to 2030. A code already in the album is refused, and the message shows the code as it was first typed.
- error: a year outside 1840 to 2030 prints "year must be 1840 to 2030" and exits with status 2
- error: a code already in the album prints "CODE is already in the album" and exits with status 1
- `add GB-1840 Britain 1840 2500` prints "added GB-1840 (Britain 1840) for 25.00"

## Command: swap(code: str, name: str)
Finds the stamp by its code and writes the name down as the one I swapped it to. Prints `CODE swapped to NAME`. A stamp that's already gone is refused, and the message tells who has it.
- error: a code not in the album prints "no stamp CODE" and exits with status 1
- error: a stamp that's already swapped prints "CODE already went to NAME" and exits with status 1
- `swap XX-1 Ann` prints "no stamp XX-1"

## Command: album(country: str | None = none)
The stamps still in the album, oldest year first, one a line: `CODE COUNTRY YEAR`. With `--country C` only that country's, capitals not counting. After the lines comes one more line with the count, `N stamps`, or `1 stamp` when it is only one. Nothing to show prints `album is empty`.
- `album` prints "album is empty"

## Command: worth()
What the stamps still in the album cost me, all added together. Prints `worth TOTAL`, total through money.
- `worth` prints "worth 0.00"
"""

STAMPS_RUN = """# Hidden transcripts: stamps

<!-- a stamp already swapped names who has it, and nothing changes -->
```console
$ stamps add GB-1840 Britain 1840 2500
added GB-1840 (Britain 1840) for 25.00
$ stamps swap gb-1840 Ann
GB-1840 swapped to Ann
$ stamps swap GB-1840 Bob
GB-1840 already went to Ann
[1]
$ stamps album
album is empty
```

<!-- the worth of the stamps still in the album, added together, through money -->
```console
$ stamps add GB-1840 Britain 1840 2500
added GB-1840 (Britain 1840) for 25.00
$ stamps add FR-1849 France 1849 900
added FR-1849 (France 1849) for 9.00
$ stamps add DE-1 Germany 1900 150
added DE-1 (Germany 1900) for 1.50
$ stamps swap GB-1840 Ann
GB-1840 swapped to Ann
$ stamps worth
worth 10.50
```
"""


def test_already_swapped_over_a_text_field_named_so_and_a_worth_added_together(tmp_path):
    assert _failures(tmp_path, STAMPS, STAMPS_RUN) == []
