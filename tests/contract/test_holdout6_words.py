"""Round thirty-nine: what holdout6 (read this round, after two rounds unread) taught, in specs
of my own words and domains. Each reading here is one the examples or the words settle in
general, not a phrase of one spec: a spec function of one field read off its own examples or
off the shape of its results (`22 lb` is lbs(kg) where ``lbs(10) == 22``; `++++.` is
marks(score) where ``marks(3) == "+++.."``), a record found by every key its command takes,
a sample line after "one pen a line, like", a flag that picks which records ("... instead"),
an order the words give only for a tie coming after the main one, a field a spec function
works out "of the owner and flight", a line of its own for a note where there is one, and
"no dogs at all" over a field that is empty while a kennel is free.

Every test here failed at the round's start (d08233e).
"""

from __future__ import annotations

import pytest

from tests.contract.test_newcomer36_words import _failures

STRINGS = """# Project: strings
I restring guitars for friends. A little tool that keeps the tensions I use in `strings.db`.

Instrument and string names are stored trimmed and in lower case, always printed the way
they're stored, and whenever I type them to find a tension the case doesn't matter. There's
only ever one tension for a given string on a given instrument.

Whenever a tension is shown it's shown in kilos and in pounds: `10 kg / 22 lb`.

## Entity: Tension
- instrument: str — short name of the instrument, lower case
- string: str — which string, lower case
- kg: int — the tension in kilograms, always above 0
- note: str = "" — anything to remember

## Store: tensions
- holds: Tension
- path: strings.db
- format: sqlite

## Function: lbs(kg: int) -> int
Kilograms to pounds: multiply by 2.2046 and round to the nearest whole number.
- lbs(10) == 22
- lbs(7) == 15
- lbs(0) == 0

## Command: add(instrument: str, string: str, kg: int, note: str = "")
Puts a new tension in, with an optional `--note`. It repeats it back as
`strat high e: 10 kg / 22 lb`.

- `add strat "high e" 10` prints "strat high e: 10 kg / 22 lb"
- error: a tension that's already there for that string on that instrument prints "already have that one" and exits with status 1

## Command: get(instrument: str, string: str)
Looks up one tension and prints it the same way add does. If it has a note, the note goes on a
second line as `note: ...`.

- error: no tension for that string on that instrument prints "don't have that one" and exits with status 1

```console
$ strings add tele "low e" 7 --note "heavy gauge"
tele low e: 7 kg / 15 lb
$ strings get TELE "Low E"
tele low e: 7 kg / 15 lb
note: heavy gauge
```

## Command: retune(instrument: str, string: str, kg: int)
When I change my mind about a string. The note stays as it was. It prints the new tension and
what it used to be, like `strat high e: 7 kg / 15 lb (was 10 kg)`.

- error: no tension for that string on that instrument prints "don't have that one" and exits with status 1

## Command: instrument(name: str)
All the tensions for one instrument, strings A to Z, one per line without the instrument name,
like `high e: 10 kg / 22 lb`.

- error: an instrument with no tensions prints "nothing stored for that instrument" and exits with status 1

## Command: tight(at_least: int)
Every tension of at least that many kilos, tightest first. When two are the same, they go by
instrument A to Z and then by string A to Z. If there aren't any it says `nothing that tight`.
"""

STRINGS_RUN = """```console
$ strings add ' Strat ' 'High E' 10
strat high e: 10 kg / 22 lb
$ strings add strat 'b' 8
strat b: 8 kg / 18 lb
$ strings add tele 'g' 12
tele g: 12 kg / 26 lb
$ strings get strat 'HIGH E'
strat high e: 10 kg / 22 lb
$ strings get strat 'g'
don't have that one
[1]
$ strings retune strat b 9
strat b: 9 kg / 20 lb (was 8 kg)
$ strings retune strat g 9
don't have that one
[1]
$ strings instrument STRAT
b: 9 kg / 20 lb
high e: 10 kg / 22 lb
$ strings tight 9
tele g: 12 kg / 26 lb
strat high e: 10 kg / 22 lb
strat b: 9 kg / 20 lb
```
"""

PENS = """# Project: pens
My fountain pens, kept in `pens.json` where I run it.

## Entity: Pen
- number: int — 1 for the first pen, then counting up
- maker: str — who made it, kept in lower case
- bought: str — the day I bought it, like 2024-03-02
- score: int = 0 — how much I like it, 1 to 5; 0 means not scored yet
- retired: bool = false — true once it's put away for good

## Store: pens
- holds: Pen
- path: pens.json
- format: json

## Function: marks(score: int) -> str
Always five characters: a `+` for each point and a `.` for each point it missed.
- marks(3) == "+++.."
- marks(5) == "+++++"
- marks(0) == "....."

## Command: buy(maker: str, bought: str)
Logs a new pen. The maker name is stored trimmed and in lower case. The new pen gets the next
number. It answers like `pen #4 (pilot, 2024-03-02)`.

- `buy Pilot 2024-03-02` prints "pen #1 (pilot, 2024-03-02)"

## Command: rate(number: int, score: int)
Gives a pen a score from 1 to 5. It shows the pen like `#4 ++++. pilot` (number, marks, maker).

```console
$ pens buy pilot 2024-03-02
pen #1 (pilot, 2024-03-02)
$ pens rate 1 4
#1 ++++. pilot
```

## Command: retire(number: int)
Puts a pen away for good. Prints `retired #4`.

## Command: case(retired: bool = false)
The pens I still use, best score first. Between two pens with the same score the lower number
comes first. One pen a line, like `#4 ++++. pilot 2024-03-02`. With `--retired` it shows only
the retired ones instead. If there's nothing to show it says `no pens`.
"""

PENS_RUN = """```console
$ pens buy '  Lamy ' 2024-01-05
pen #1 (lamy, 2024-01-05)
$ pens buy pilot 2024-02-01
pen #2 (pilot, 2024-02-01)
$ pens buy sailor 2024-02-09
pen #3 (sailor, 2024-02-09)
$ pens rate 1 2
#1 ++... lamy
$ pens rate 2 5
#2 +++++ pilot
$ pens rate 3 2
#3 ++... sailor
$ pens retire 2
retired #2
$ pens case
#1 ++... lamy 2024-01-05
#3 ++... sailor 2024-02-09
$ pens case --retired
#2 +++++ pilot 2024-02-01
```
"""

TAGS = """# Project: tags
Luggage tags for our choir's tour, in `tags.json`.

## Entity: Bag
- code: str — the short code on the tag, made up by the tool, see tag
- owner: str — full name, first names first
- flight: int — the flight number

## Store: bags
- holds: Bag
- path: tags.json
- format: json

## Function: code_base(name: str, flight: int) -> str
The owner's surname (the last word of the name) in lower case, followed straight away by the
flight number.
- code_base("Jane Smith", 19) == "smith19"
- code_base("Anna KOMNENE", 7) == "komnene7"
- code_base("Plato", 3) == "plato3"

## Command: tag(owner: str, flight: int)
Tags a new bag. Its code is code_base of the owner and flight. Prints `tagged CODE`.

- `tag "Jane Smith" 19` prints "tagged smith19"
"""

TAGS_RUN = """```console
$ tags tag 'Mary Anne Evans' 21
tagged evans21
$ tags tag 'Eric  Hobsbawm' 5
tagged hobsbawm5
```
"""

KENNELS = """# Project: kennels
Our boarding kennels, in `kennels.csv`.

## Entity: Kennel
- name: str — unique
- dog: str = "" — the dog's name; empty = kennel free
- nights: int = 0 — nights the dog has stayed

## Store: kennels
- holds: Kennel
- path: kennels.csv
- format: csv

## Command: add(name: str, dog: str = "", nights: int = 0)
A kennel on the board, with its dog and nights if there is one. Prints `NAME added`.

- `add k1` prints "k1 added"

## Command: longest
Who's stayed longest (most nights). Prints `NAME: DOG (N)`. Tie -> the kennel added first.
No dogs at all -> `no dogs`.
"""

KENNELS_RUN = """```console
$ kennels add k1
k1 added
$ kennels longest
no dogs
$ kennels add k2 --dog rex --nights 3
k2 added
$ kennels add k3 --dog bo --nights 5
k3 added
$ kennels add k4 --dog ash --nights 5
k4 added
$ kennels longest
k3: bo (5)
```
"""


@pytest.mark.parametrize("spec, run", [(STRINGS, STRINGS_RUN), (PENS, PENS_RUN), (TAGS, TAGS_RUN),
                                       (KENNELS, KENNELS_RUN)], ids=["strings", "pens", "tags", "kennels"])
def test_what_holdout6_taught_reads_a_spec_in_other_words(tmp_path, spec, run):
    assert _failures(tmp_path, spec, run) == []


JARS = """# Project: jars
Savings jars for my kids, kept in `jars.json`.

## Entity: Jar
- kid: str — the kid's name, unique
- coins: int = 0 — coins in the jar

## Store: jars
- holds: Jar
- path: jars.json
- format: json

## Command: drop(kid: str, coins: int)
Drops coins into a kid's jar. Prints `KID has COINS coins`.

```console
$ jars drop sam 5
sam has 5 coins
$ jars drop sam 2
sam has 7 coins
```
"""

JARS_RUN = """```console
$ jars drop ann 3
ann has 3 coins
$ jars drop sam 1
sam has 1 coins
$ jars drop ann 4
ann has 7 coins
```
"""

REFS = """# Project: refs
My reading list, in `refs.json`.

## Entity: Ref
- key: str — the short handle, made up by the tool, see add
- author: str — full name, first names first
- year: int — when it came out

## Store: refs
- holds: Ref
- path: refs.json
- format: json

## Function: key_base(name: str, year: int) -> str
The surname (the last word of the name) in lower case, followed straight away by the year.
- key_base("Jane Smith", 2019) == "smith2019"
- key_base("Plato", 1998) == "plato1998"
- key_base("Mary Anne EVANS", 1871) == "evans1871"

## Function: short_author(name: str) -> str
The surname first, a comma, then the initials of the other names, each a letter and a dot,
separated by single spaces. A one-word name stays as it is.
- short_author("Jane Smith") == "Smith, J."
- short_author("Mary Anne Evans") == "Evans, M. A."
- short_author("Plato") == "Plato"

## Command: add(author: str, year: int)
Saves a new ref. Its key is key_base of the author and year; if that key is already used by
another ref it tries the same with `b` on the end, then `c`, and so on. Prints `added KEY`.
- `add "Jane Smith" 2019` prints "added smith2019"

## Command: cite(key: str)
Prints `AUTHOR (YEAR)`, AUTHOR being short_author of the name.
- error: a key nobody has prints "no such ref" and exits with status 1

```console
$ refs add "Eric Hobsbawm" 1962
added hobsbawm1962
$ refs cite hobsbawm1962
Hobsbawm, E. (1962)
```
"""

REFS_RUN = """```console
$ refs add 'Jane Smith' 2019
added smith2019
$ refs add 'Adam Smith' 2019
added smith2019b
$ refs add 'Zadie Smith' 2019
added smith2019c
$ refs cite smith2019c
Smith, Z. (2019)
$ refs add 'Mary Anne Evans' 1871
added evans1871
$ refs cite evans1871
Evans, M. A. (1871)
```
"""

CROPS = """# Project: crops
The allotment's harvest, one row per weighing in `crops.csv`. Weights go in as grams; every
weight printed is shown with kilos (see below).

## Entity: Weighing
- plot: int — which plot, 1 to 9
- crop: str — what it is
- grams: int — what it weighed
- day: str — the date of the weighing, like 2024-07-06

## Store: weighings
- holds: Weighing
- path: crops.csv
- format: csv

## Function: kilos(grams: int) -> str
Grams as kilos with two decimals and " kg" after.
- kilos(1250) == "1.25 kg"
- kilos(800) == "0.80 kg"
- kilos(12000) == "12.00 kg"

## Command: weigh(plot: int, crop: str, grams: int, day: str)
Saves a weighing and reads it back like `plot 7: beans 1.25 kg on 2024-07-06`.
- `weigh 7 beans 1250 2024-07-06` prints "plot 7: beans 1.25 kg on 2024-07-06"
- error: a date that isn't four digits, a dash, two digits, a dash and two digits prints "write the date like 2024-07-06" and exits with status 2

## Command: totals
Every crop once with all its weighings added up, heaviest first. After the crops, one last
line with the grand total of everything, `total: 9.95 kg`.

```console
$ crops weigh 3 kale 1200 2024-07-06
plot 3: kale 1.20 kg on 2024-07-06
$ crops weigh 8 beans 2250 2024-07-06
plot 8: beans 2.25 kg on 2024-07-06
$ crops weigh 3 kale 700 2024-07-13
plot 3: kale 0.70 kg on 2024-07-13
$ crops totals
beans: 2.25 kg
kale: 1.90 kg
total: 4.15 kg
```

## Command: plot(number: int)
Everything from one plot, one per line like `2024-07-06 beans 1.25 kg`, oldest first.
"""

CROPS_RUN = """```console
$ crops weigh 2 peas 400 2024-07-01
plot 2: peas 0.40 kg on 2024-07-01
$ crops weigh 5 chard 3010 2024-07-02
plot 5: chard 3.01 kg on 2024-07-02
$ crops weigh 2 peas 650 7/3/2024
write the date like 2024-07-06
[2]
$ crops weigh 2 beans 650 2024-07-03
plot 2: beans 0.65 kg on 2024-07-03
$ crops totals
chard: 3.01 kg
beans: 0.65 kg
peas: 0.40 kg
total: 4.06 kg
$ crops plot 2
2024-07-01 peas 0.40 kg
2024-07-03 beans 0.65 kg
```
"""


@pytest.mark.parametrize("spec, run", [(JARS, JARS_RUN), (REFS, REFS_RUN), (CROPS, CROPS_RUN)],
                         ids=["jars", "refs", "crops"])
def test_what_holdout6_taught_the_examples_settle(tmp_path, spec, run):
    """A change that first makes the record its first example needs (jars), a worked-out key made
    unique with a letter and a name written surname first (refs), sums and their total written by
    the spec's function, a date's shape refused in words and a command named for a field (crops)."""
    assert _failures(tmp_path, spec, run) == []


RACKS = """# Project: racks
Bikes hung on the club's wall racks, in `racks.csv`. A hook only ever holds one bike.

## Entity: Bike
- number: int — the tag number, the tool hands it out
- owner: str — whose bike
- hook: str — where it hangs, like B4 or C12
- bags: int — panniers hung with it

## Store: bikes
- holds: Bike
- path: racks.csv
- format: csv

## Command: hang(owner: str, hook: str, bags: int = 0)
A bike goes onto a hook and gets the next number. It answers `bike N: OWNER on HOOK`.
- `hang ann B4` prints "bike 1: ann on B4"

If the hook already has a bike on it, it says `HOOK is taken` and exits with status 1.

## Command: move(number: int, hook: str)
Moves a bike to another hook. Says `bike N moved to HOOK`. Same `HOOK is taken` as hang if
the hook is in use. If the number isn't on the wall, it's `no bike N` with exit status 1.

## Command: unload(number: int, bags: int)
Takes some bags off a bike, answering `bike N: BAGS bags left`.
- error: taking more bags than are on it prints "there aren't that many bags on it" and exits with status 1

## Command: wall
Every bike in hook order: letters first, and the number counted properly, so B2 comes before
B10. One line per bike, `HOOK: OWNER (bike N)`.
"""

RACKS_RUN = """```console
$ racks hang ann B10
bike 1: ann on B10
$ racks hang bob B2
bike 2: bob on B2
$ racks hang cy A7 --bags 2
bike 3: cy on A7
$ racks move 2 B10
B10 is taken
[1]
$ racks move 9 C1
no bike 9
[1]
$ racks move 2 C1
bike 2 moved to C1
$ racks unload 3 5
there aren't that many bags on it
[1]
$ racks wall
A7: cy (bike 3)
B10: ann (bike 1)
C1: bob (bike 2)
```
"""

NOTES = """# Project: notes
Sources for an essay, in `notes.json`.

## Entity: Note
- key: str — a short handle
- author: str — who wrote it
- year: int — when
- read: bool = false — whether I've read it

## Store: notes
- holds: Note
- path: notes.json
- format: json

## Command: add(key: str, author: str, year: int)
Saves a new source. Prints `added KEY`.
- `add hob Hobsbawm 1962` prints "added hob"

## Command: cite(key: str)
Prints `AUTHOR (YEAR)`.
- error: a key nobody has prints "no such key" and exits with status 1

## Command: list
Everything, one per line as `[KEY] AUTHOR (YEAR)`, same as cite but with the key in square
brackets in front.

## Command: read(key: str)
Ticks a source off as read and prints `read KEY`. If I'd already ticked it that's not an error,
it just prints `already read KEY`.
- error: a key nobody has prints "no such key" and exits with status 1
"""

NOTES_RUN = """```console
$ notes add hob Hobsbawm 1962
added hob
$ notes add pla Plato 1998
added pla
$ notes list
[hob] Hobsbawm (1962)
[pla] Plato (1998)
$ notes read pla
read pla
$ notes read pla
already read pla
$ notes cite pla
Plato (1998)
```
"""


@pytest.mark.parametrize("spec, run", [(RACKS, RACKS_RUN), (NOTES, NOTES_RUN)], ids=["racks", "notes"])
def test_what_holdout6_taught_about_refusals_orders_and_lines(tmp_path, spec, run):
    """Refusals borrowed by their messages ("Same `HOOK is taken` as hang") and said as "it's
    `no bike N` with exit status 1", a clash on the new value of a move, "taking more bags than
    are on it", letters-then-number order said by "B2 comes before B10" (racks); a line of its
    own after "same as cite but ...", and "already ticked ... just prints" with no error (notes)."""
    assert _failures(tmp_path, spec, run) == []
