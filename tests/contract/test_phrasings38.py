"""Round thirty-eight: probes of phrasing. Each spec below states one kind of behaviour (the line
an empty result prints, a refusal, an order, a filter, a change, a count) in several ways a user
might write it, each command a different wording of the same request, none taken from a corpus;
one transcript per spec checks that every wording does the same thing. They are a transfer check
of a different kind than the corpus readings: written to vary the words, not to match a spec.

Eighteen of the twenty specs here had at least one wording read wrong before this round
(8aa48cc): an empty line missed, a refusal dropped, an order read backwards, a filter or a
removal missed, a count listed line by line, a refusal on the record's state missed, a kept
best added up. `RUNS` and `TOOLS` passed already and stay as checks that nothing went back.
"""

from __future__ import annotations

import pytest

from tests.contract.test_newcomer36_words import _failures

EMPTY_LINES = """# Project: probe
Stuff in `q.json`.

## Entity: Thing
- name: str — unique
- count: int = 0 — how many
- done: bool = false — finished

## Store: things
- holds: Thing
- path: q.json
- format: json

## Command: add(name: str)
Adds a thing. Prints `added NAME`.

## Command: l1
All things, one `NAME: COUNT` per line. If there are none, it says `nothing here`.

## Command: l2
All things, one `NAME: COUNT` per line. Nothing logged yet gives `nothing here`.

## Command: l3
All things, one `NAME: COUNT` per line. When the list is empty: `nothing here`.

## Command: l4
All things, one `NAME: COUNT` per line. An empty list just shows `nothing here`.

## Command: l5
All things, one `NAME: COUNT` per line (or `nothing here` if there aren't any).

## Command: l6
The finished things, one `NAME: COUNT` per line. No finished things: `nothing here`.

## Command: l7
All things, one `NAME: COUNT` per line; `nothing here` when there's nothing to list.

## Command: l8
All things, one `NAME: COUNT` per line. Prints `nothing here` instead if the store is empty.
"""

EMPTY_LINES_RUN = """```console
$ probe l1
nothing here
$ probe l2
nothing here
$ probe l3
nothing here
$ probe l4
nothing here
$ probe l5
nothing here
$ probe l6
nothing here
$ probe l7
nothing here
$ probe l8
nothing here
$ probe add x
added x
$ probe l5
x: 0
```
"""

REFUSALS = """# Project: probe
Stuff in `q.json`.

## Entity: Thing
- name: str — unique
- count: int = 0 — how many

## Store: things
- holds: Thing
- path: q.json
- format: json

## Command: add(name: str)
Adds a thing. Prints `added NAME`. A name that's already there is refused with `dup` (exit code 1).

## Command: a2(name: str)
Adds a thing. Prints `added NAME`. If the name is taken, print `dup` and exit with 1.

## Command: a3(name: str)
Adds a thing. Prints `added NAME`. Adding one we already have fails with `dup` (status 1).

## Command: a4(name: str)
Adds a thing. Prints `added NAME`. Duplicates are rejected: `dup`, exit status 1.

## Command: a5(name: str)
Adds a thing. Prints `added NAME`. Should the name exist already, the answer is `dup` and the exit code 1.

## Command: b1(name: str)
Shows one thing as `NAME: COUNT`. Unknown name: `missing`, exit 1.

## Command: b2(name: str)
Shows one thing as `NAME: COUNT`. If there's no such thing it prints `missing` and returns status 1.

## Command: b3(name: str)
Shows one thing as `NAME: COUNT`. A name I never added gets `missing` with exit code 1.

## Command: b4(name: str)
Shows one thing as `NAME: COUNT`. Asking for something that isn't there is an error: `missing` (1).

## Command: b5(name: str)
Shows one thing as `NAME: COUNT`. When the name is not found, output `missing` and exit 1.
"""

REFUSALS_RUN = """```console
$ probe add x
added x
$ probe add x
dup
[1]
$ probe a2 x
dup
[1]
$ probe a3 x
dup
[1]
$ probe a4 x
dup
[1]
$ probe a5 x
dup
[1]
$ probe b1 zz
missing
[1]
$ probe b2 zz
missing
[1]
$ probe b3 zz
missing
[1]
$ probe b4 zz
missing
[1]
$ probe b5 zz
missing
[1]
$ probe b5 x
x: 0
```
"""

ORDERS = """# Project: probe
Stuff in `q.json`.

## Entity: Thing
- name: str — unique
- count: int = 0 — how many
- day: str — when it was added, YYYY-MM-DD

## Store: things
- holds: Thing
- path: q.json
- format: json

## Command: add(name: str, count: int, day: str)
Adds a thing. Prints `added NAME`.

## Command: o1
Things in alphabetical order, one `NAME COUNT` per line.

## Command: o2
Things with the biggest count at the top, one `NAME COUNT` per line.

## Command: o3
Things sorted by day, newest first, one `NAME COUNT` per line.

## Command: o4
Things from the smallest count to the largest, one `NAME COUNT` per line.

## Command: o5
Things in reverse alphabetical order, one `NAME COUNT` per line.

## Command: o6
Things by count, highest first; ties by name. One `NAME COUNT` per line.

## Command: o7
Things, oldest day first, one `NAME COUNT` per line.

## Command: o8
Things ranked by count (most first), one `NAME COUNT` per line.

## Command: o9
Things sorted Z-A by name, one `NAME COUNT` per line.

## Command: o10
Things, most recent day on top, one `NAME COUNT` per line.
"""

ORDERS_RUN = """```console
$ probe add b 5 2024-01-02
added b
$ probe add a 9 2024-01-03
added a
$ probe add c 1 2024-01-01
added c
$ probe o1
a 9
b 5
c 1
$ probe o2
a 9
b 5
c 1
$ probe o3
a 9
b 5
c 1
$ probe o4
c 1
b 5
a 9
$ probe o5
c 1
b 5
a 9
$ probe o7
c 1
b 5
a 9
$ probe o9
c 1
b 5
a 9
$ probe o10
a 9
b 5
c 1
```
"""

FILTERS = """# Project: probe
Stuff in `q.json`.

## Entity: Thing
- name: str — unique
- count: int = 0 — how many
- colour: str = "red" — red, green or blue
- done: bool = false — finished or not

## Store: things
- holds: Thing
- path: q.json
- format: json

## Command: add(name: str, count: int, colour: str = "red")
Adds a thing. Prints `added NAME`.

## Command: finish(name: str)
Marks a thing as finished. Prints `finished NAME`.

## Command: f1(colour: str | None = none)
Things, one `NAME COUNT` per line. With `--colour C` only things of that colour.

## Command: f2(min: int | None = none)
Things, one `NAME COUNT` per line. `--min N` leaves out things with a count below N.

## Command: f3(open: bool = false)
Things, one `NAME COUNT` per line. `--open` hides the finished ones.

## Command: f4(done: bool = false)
Things, one `NAME COUNT` per line. Pass `--done` to see only finished things.

## Command: f5(search: str | None = none)
Things, one `NAME COUNT` per line. `--search TEXT` keeps the things whose name contains TEXT.

## Command: f6(top: int | None = none)
Things, biggest count first, one `NAME COUNT` per line. `--top N` stops after N lines.

## Command: f7(over: int | None = none)
Things, one `NAME COUNT` per line; with `--over N` just those with more than N.

## Command: f8
Unfinished things only, one `NAME COUNT` per line.

## Command: f9
Things that are not done yet, one `NAME COUNT` per line.

## Command: f10(colour: str)
Things of the given colour, one `NAME COUNT` per line.
"""

FILTERS_RUN = """```console
$ probe add bob 5 --colour green
added bob
$ probe add ann 9
added ann
$ probe add cat 1 --colour blue
added cat
$ probe finish ann
finished ann
$ probe f1 --colour green
bob 5
$ probe f2 --min 5
bob 5
ann 9
$ probe f3 --open
bob 5
cat 1
$ probe f4 --done
ann 9
$ probe f5 --search a
ann 9
cat 1
$ probe f6 --top 2
ann 9
bob 5
$ probe f7 --over 4
bob 5
ann 9
$ probe f8
bob 5
cat 1
$ probe f9
bob 5
cat 1
$ probe f10 blue
cat 1
```
"""

CHANGES_COUNTS_SUMS = """# Project: probe
Stuff in `q.json`.

## Entity: Thing
- name: str — unique
- count: int = 0 — how many
- note: str = "" — a remark

## Store: things
- holds: Thing
- path: q.json
- format: json

## Command: add(name: str, count: int)
Adds a thing. Prints `added NAME`.

## Command: u1(name: str, count: int)
Changes the count of a thing to COUNT. Prints `NAME: COUNT`.

## Command: u2(name: str, count: int)
Sets a thing's count. Prints `NAME now COUNT`.

## Command: u3(name: str, amount: int)
Adds AMOUNT to the thing's count. Prints `NAME: COUNT`.

## Command: u4(name: str, amount: int)
Takes AMOUNT off the count of a thing. Prints `NAME: COUNT`.

## Command: u5(name: str, note: str)
Writes a note on a thing, replacing any old one. Prints `noted NAME`.

## Command: u6(name: str, count: int)
The thing's count becomes COUNT. Prints `NAME: COUNT`.

## Command: u7(name: str)
Doubles the count of a thing. Prints `NAME: COUNT`.

## Command: r1(name: str)
Gets rid of a thing. Prints `gone: NAME`.

## Command: r2(name: str)
Throws the thing away. Prints `binned NAME`.

## Command: r3(name: str)
Forgets about a thing completely. Prints `forgot NAME`.

## Command: c1
Says how many things there are, as `N things`.

## Command: s1
The total of all counts, printed as `total: N`.

## Command: s2
Adds up every thing's count and prints `N in all`.
"""

CHANGES_COUNTS_SUMS_RUN = """```console
$ probe add bob 5
added bob
$ probe add ann 9
added ann
$ probe u1 bob 7
bob: 7
$ probe u3 bob 2
bob: 9
$ probe u4 bob 3
bob: 6
$ probe u5 bob hi
noted bob
$ probe c1
2 things
$ probe s1
total: 15
$ probe s2
15 in all
$ probe r1 bob
gone: bob
$ probe c1
1 things
```
"""

SALES = """# Project: probe
Stuff in `q.json`.

## Entity: Sale
- item: str — what was sold
- shop: str — which shop
- amount: float — price in pounds
- day: str — YYYY-MM-DD

## Store: sales
- holds: Sale
- path: q.json
- format: json

## Command: sell(item: str, shop: str, amount: float, day: str)
Records a sale. Prints `sold ITEM`.

## Command: g1
Total amount per shop, one `SHOP: TOTAL` per line, shops A to Z.

## Command: g2
How many sales each shop made, as `SHOP N`, one per line.

## Command: g3
The average amount per shop, `SHOP AVERAGE`, with two decimals.

## Command: g4(shop: str)
Everything one shop sold, one `DAY ITEM` per line, oldest first.

## Command: g5
The most recent sale, as `DAY ITEM`.

## Command: g6
The biggest sale: `ITEM AMOUNT`.

## Command: g7(shop: str)
The total for one shop, printed as `SHOP: TOTAL`.

## Command: g8
Sales of more than 10 pounds, one `ITEM` per line.

## Command: g9(day: str)
Sales on that day, `ITEM AMOUNT` per line. If there were none, it says `no sales`.
"""

SALES_RUN = """```console
$ probe sell pen north 2.5 2024-01-02
sold pen
$ probe sell book south 12 2024-01-03
sold book
$ probe sell mug north 8 2024-01-01
sold mug
$ probe g2
north 2
south 1
$ probe g4 north
2024-01-01 mug
2024-01-02 pen
$ probe g5
2024-01-03 book
$ probe g8
book
$ probe g9 2024-02-01
no sales
```
"""

JOBS = """# Project: probe
Stuff in `q.json`.

## Entity: Job
- id: int — given automatically, 1 for the first job, then counting up
- title: str — what to do
- hours: float = 1.0 — estimate
- done: bool = false — finished

## Store: jobs
- holds: Job
- path: q.json
- format: json

## Command: add(title: str, hours: float = 1.0)
Adds a job and prints `job ID: TITLE (HOURS h)`.

## Command: show(id: int)
Shows one job as `ID TITLE HOURS`. An unknown id prints `no job ID` with status 1.

## Command: finish(id: int)
Marks the job done. Prints `done: TITLE`. Finishing a job that's already done prints `already done` (status 1).

## Command: reopen(id: int)
Marks a finished job as not done again. Prints `reopened ID`.

## Command: todo
The jobs still to do, one `ID TITLE` per line. All done: `nothing to do`.

## Command: hours
The hours of the unfinished jobs added up, as `HOURS h left`.

## Command: clean
Deletes every finished job and prints `removed N`.
"""

JOBS_RUN = """```console
$ probe add paint
job 1: paint (1.0 h)
$ probe add fence --hours 2.5
job 2: fence (2.5 h)
$ probe show 9
no job 9
[1]
$ probe finish 1
done: paint
$ probe finish 1
already done
[1]
$ probe todo
2 fence
$ probe hours
2.5 h left
$ probe reopen 1
reopened 1
$ probe todo
1 paint
2 fence
$ probe finish 2
done: fence
$ probe clean
removed 1
$ probe todo
1 paint
```
"""

STATES = """# Project: probe
Stuff in `q.json`.

## Entity: Task
- name: str — unique
- done: bool = false — finished or not
- owner: str = "" — who took it; empty while nobody has

## Store: tasks
- holds: Task
- path: q.json
- format: json

## Command: add(name: str)
Adds a task. Prints `added NAME`.

## Command: s1(name: str)
Finishes a task. Prints `done NAME`. A task can't be finished twice: `already done` (exit 1).

## Command: s2(name: str)
Finishes a task. Prints `done NAME`. If it's already finished, print `already done` and exit 1.

## Command: s3(name: str)
Finishes a task. Prints `done NAME`. A task that has already been finished gets `already done`, status 1.

## Command: s4(name: str)
Reopens a finished task. Prints `reopened NAME`. Only finished tasks can be reopened; others get `not done yet` (exit 1).

## Command: s5(name: str, person: str)
Someone takes a task: it is now with that person. Prints `NAME taken by PERSON`. A task somebody already has gets `taken already` with status 1.

## Command: s6(name: str)
Releases a task: clear its owner. Prints `released NAME`. A task nobody has is refused with `not taken` (status 1).

## Command: s7(name: str)
Finishes a task. Prints `done NAME`. Finishing a done task is an error: `already done`, exit 1.
"""

STATES_RUN = """```console
$ probe add a
added a
$ probe s1 a
done a
$ probe s1 a
already done
[1]
$ probe s2 a
already done
[1]
$ probe s3 a
already done
[1]
$ probe s7 a
already done
[1]
$ probe s4 a
reopened a
$ probe s4 a
not done yet
[1]
$ probe s2 a
done a
$ probe add b
added b
$ probe s6 b
not taken
[1]
$ probe s5 b ann
b taken by ann
$ probe s5 b bob
taken already
[1]
$ probe s6 b
released b
$ probe s6 b
not taken
[1]
```
"""

CHECKS = """# Project: probe
Stuff in `q.json`.

## Entity: Rating
- film: str — the title
- stars: int — 1 to 5
- day: str — when I watched it, YYYY-MM-DD

## Store: ratings
- holds: Rating
- path: q.json
- format: json

## Command: r1(film: str, stars: int, day: str)
Rates a film. Prints `rated FILM`. Stars have to be between 1 and 5 (`stars 1-5`, status 2).

## Command: r2(film: str, stars: int, day: str)
Rates a film. Prints `rated FILM`. Zero or negative stars: `too few stars`, exit 2.

## Command: r3(film: str, stars: int, day: str)
Rates a film. Prints `rated FILM`. More than five stars is refused with `too many stars` (exit 2).

## Command: r4(film: str, stars: int, day: str)
Rates a film. Prints `rated FILM`. A day that isn't a real date gets `bad day` and status 2.

## Command: r5(film: str, stars: int, day: str)
Rates a film. Prints `rated FILM`. The title can't be empty: `no title` (status 2).

## Command: r6(film: str, stars: int, day: str)
Rates a film. Prints `rated FILM`. If stars is below 1 or above 5 it says `stars 1-5` and exits with 2.
"""

CHECKS_RUN = """```console
$ probe r1 jaws 6 2024-01-01
stars 1-5
[2]
$ probe r1 jaws 0 2024-01-01
stars 1-5
[2]
$ probe r1 jaws 5 2024-01-01
rated jaws
$ probe r2 jaws 0 2024-01-01
too few stars
[2]
$ probe r2 jaws 1 2024-01-01
rated jaws
$ probe r3 jaws 6 2024-01-01
too many stars
[2]
$ probe r3 jaws 5 2024-01-01
rated jaws
$ probe r4 jaws 3 2024-02-30
bad day
[2]
$ probe r4 jaws 3 2024-02-29
rated jaws
$ probe r5 '' 3 2024-01-01
no title
[2]
$ probe r6 jaws 9 2024-01-01
stars 1-5
[2]
$ probe r6 jaws 4 2024-01-01
rated jaws
```
"""

CASES = """# Project: probe
Stuff in `q.json`.

## Entity: Plant
- name: str — what I call it, no two alike
- water: int = 0 — times watered

## Store: plants
- holds: Plant
- path: q.json
- format: json

## Command: add(name: str)
A new plant. Prints `added NAME`. A name I already have: `have it` (status 1).

## Command: w1(name: str)
Waters a plant: its water count goes up by one. Prints `NAME: WATER`. Capitals don't matter when I type the name.

## Command: w2(name: str)
Waters a plant (the name in any case): water goes up by one. Prints `NAME: WATER`.

## Command: w3(name: str)
Waters a plant; `Fern` and `fern` are the same plant. Water goes up by one. Prints `NAME: WATER`.

## Command: w4(name: str)
Waters a plant, matching the name case-insensitively. Water goes up by one. Prints `NAME: WATER`.

## Command: w5(name: str)
Waters a plant; upper or lower case, it finds it. Water goes up by one. Prints `NAME: WATER`.
"""

CASES_RUN = """```console
$ probe add Fern
added Fern
$ probe w1 FERN
Fern: 1
$ probe w2 fern
Fern: 2
$ probe w3 fERN
Fern: 3
$ probe w4 fern
Fern: 4
$ probe w5 FeRn
Fern: 5
```
"""

RUNS = """# Project: probe
Stuff in `q.json`.

## Entity: Run
- who: str — the runner
- km: float — distance
- mins: int — time taken in minutes

## Store: runs
- holds: Run
- path: q.json
- format: json

## Command: log(who: str, km: float, mins: int)
Logs a run. Prints `logged WHO`.

## Command: a1
The longest run, as `WHO KM km`.

## Command: a2
Total distance of all runs, printed as `KM km in total`.

## Command: a3
Each runner's total distance, one `WHO: KM km` per line, A to Z.

## Command: a4
The number of runs per runner, `WHO N`, one line each, most runs first.

## Command: a5(who: str)
One runner's runs added up, as `WHO: N runs, KM km`.

## Command: a6
The shortest run: `WHO KM km`. With no runs it says `no runs`.
"""

RUNS_RUN = """```console
$ probe a6
no runs
$ probe log ann 5 30
logged ann
$ probe log bob 10 55
logged bob
$ probe log ann 3 20
logged ann
$ probe a1
bob 10.0 km
$ probe a2
18.0 km in total
$ probe a3
ann: 8.0 km
bob: 10.0 km
$ probe a4
ann 2
bob 1
$ probe a5 ann
ann: 2 runs, 8.0 km
$ probe a6
ann 3.0 km
```
"""

JARS = """# Project: probe
Stuff in `q.json`.

## Entity: Jar
- name: str — unique
- coins: int = 0 — coins in it

## Store: jars
- holds: Jar
- path: q.json
- format: json

## Command: add(name: str)
A new empty jar. Prints `new jar NAME`.

## Command: m1(name: str, coins: int)
Puts coins in a jar. Prints `NAME now has COINS coins`.

## Command: m2(name: str, coins: int)
Takes coins out of a jar. Prints `NAME: COINS left`. Taking more than it holds: `not enough` (exit 1).

## Command: m3(name: str)
Empties a jar and prints how many coins came out, as `N coins out of NAME`.

## Command: m4(name: str, amount: int)
Drops AMOUNT coins into a jar and prints the jar's new total: `NAME: TOTAL`.

## Command: m5
All jars, the most coins first, as `NAME COINS`, one per line.
"""

JARS_RUN = """```console
$ probe add pig
new jar pig
$ probe m1 pig 10
pig now has 10 coins
$ probe m2 pig 3
pig: 7 left
$ probe m2 pig 30
not enough
[1]
$ probe m4 pig 5
pig: 12
$ probe add cow
new jar cow
$ probe m1 cow 2
cow now has 2 coins
$ probe m5
pig 12
cow 2
$ probe m3 pig
12 coins out of pig
$ probe m5
cow 2
pig 0
```
"""

VISITS = """# Project: probe
Stuff in `q.json`.

## Entity: Visit
- place: str — where I went
- day: str — YYYY-MM-DD
- cost: float = 0.0 — what it cost

## Store: visits
- holds: Visit
- path: q.json
- format: json

## Command: add(place: str, day: str, cost: float = 0.0)
Logs a visit. Prints `logged PLACE`.

## Command: d1(since: str)
Visits on or after SINCE, one `DAY PLACE` per line, oldest first.

## Command: d2(before: str)
Visits before that day, one `DAY PLACE` per line, oldest first.

## Command: d3(start: str, end: str)
Visits from START to END (both included), one `DAY PLACE` per line, in date order.

## Command: d4(month: str)
Visits in a month given as YYYY-MM, one `DAY PLACE` per line, in date order.

## Command: d5(place: str)
How many times I've been to a place, as `PLACE: N visits`.

## Command: d6(place: str)
The last time I went to a place, as `PLACE last visited DAY`. Never been there: `never been to PLACE` (exit 1).
"""

VISITS_RUN = """```console
$ probe add zoo 2024-03-05
logged zoo
$ probe add park 2024-01-10
logged park
$ probe add zoo 2024-02-20
logged zoo
$ probe d1 2024-02-20
2024-02-20 zoo
2024-03-05 zoo
$ probe d2 2024-02-20
2024-01-10 park
$ probe d3 2024-01-10 2024-02-20
2024-01-10 park
2024-02-20 zoo
$ probe d4 2024-03
2024-03-05 zoo
$ probe d5 zoo
zoo: 2 visits
$ probe d6 zoo
zoo last visited 2024-03-05
$ probe d6 pier
never been to pier
[1]
```
"""

SCORES = """# Project: probe
Stuff in `q.json`.

## Entity: Game
- name: str — unique
- best: int = 0 — my high score
- plays: int = 0 — how many times I've played it

## Store: games
- holds: Game
- path: q.json
- format: json

## Command: add(name: str)
A new game. Prints `added NAME`.

## Command: play(name: str, score: int)
Logs a play: plays go up by one. If the score beats my best it becomes the new best and it
prints `new best for NAME: SCORE`; otherwise it prints `no record, best is still BEST`.

## Command: stats
One line: `N games, P plays`, where N counts the games and P adds up all plays.
"""

SCORES_RUN = """```console
$ probe add tetris
added tetris
$ probe play tetris 50
new best for tetris: 50
$ probe play tetris 20
no record, best is still 50
$ probe play tetris 70
new best for tetris: 70
$ probe stats
1 games, 3 plays
```
"""

BOOKS = """# Project: probe
Stuff in `q.json`.

## Entity: Book
- title: str — unique
- pages: int — length
- read: bool = false — finished reading

## Store: books
- holds: Book
- path: q.json
- format: json

## Command: add(title: str, pages: int)
Adds a book. Prints `added TITLE`.

## Command: k1
The three longest books, `TITLE (PAGES)` each on its own line.

## Command: k2(n: int = 2)
The N shortest books, one `TITLE (PAGES)` per line.

## Command: k3
The two most recently added books, newest first, one `TITLE` per line.

## Command: k4
Deletes every book I have read and says how many went, as `removed N`.

## Command: k5(title: str)
Marks a book as read. Prints `read TITLE`.

## Command: k6
How many pages I have read in total: `PAGES pages read`.
"""

BOOKS_RUN = """```console
$ probe add a 100
added a
$ probe add b 300
added b
$ probe add c 200
added c
$ probe add d 50
added d
$ probe k1
b (300)
c (200)
a (100)
$ probe k2
d (50)
a (100)
$ probe k2 --n 1
d (50)
$ probe k3
d
c
$ probe k5 b
read b
$ probe k5 d
read d
$ probe k6
350 pages read
$ probe k4
removed 2
$ probe k1
c (200)
a (100)
```
"""

BILLS = """# Project: probe
Stuff in `q.json`.

## Entity: Bill
- name: str — unique
- amount: int — in whole pounds
- paid: bool = false — settled or not
- due: str — YYYY-MM-DD

## Store: bills
- holds: Bill
- path: q.json
- format: json

## Command: add(name: str, amount: int, due: str)
Adds a bill. Prints `added NAME`.

## Command: pay(name: str)
Marks a bill as paid. Prints `paid NAME`.

## Command: m1
Every bill as `NAME AMOUNT`, with ` (paid)` added at the end of the ones that are paid.

## Command: m2
Every bill as `NAME`, followed by ` *` when it is not paid yet.

## Command: m3(today: str)
Unpaid bills due before TODAY, one `NAME DUE` per line, earliest first. None: `all good`.

## Command: m4
The total still to pay, as `owed: AMOUNT`.
"""

BILLS_RUN = """```console
$ probe add gas 30 2024-02-01
added gas
$ probe add rent 500 2024-01-15
added rent
$ probe add phone 20 2024-03-01
added phone
$ probe pay gas
paid gas
$ probe m1
gas 30 (paid)
rent 500
phone 20
$ probe m2
gas
rent *
phone *
$ probe m3 2024-02-15
rent 2024-01-15
$ probe m3 2024-01-01
all good
$ probe m4
owed: 520
```
"""

PETS = """# Project: probe
Stuff in `q.json`.

## Entity: Pet
- name: str — unique
- kind: str — dog, cat, ...
- room: str = "hall" — where it sleeps

## Store: pets
- holds: Pet
- path: q.json
- format: json

## Command: add(name: str, kind: str)
Adds a pet. Prints `added NAME`.

## Command: rename(old: str, new: str)
Gives a pet a new name. Prints `OLD is now NEW`. Unknown pet: `no pet OLD` (exit 1). A name already taken: `NEW is taken` (exit 1).

## Command: move(name: str, room: str)
Moves a pet to another room. Prints `NAME sleeps in ROOM now`.

## Command: kinds
Each kind with how many pets of it, `KIND: N`, kinds A to Z.

## Command: room(room: str)
The pets sleeping in that room, names A to Z, one per line. Nobody there: `empty room`.
"""

PETS_RUN = """```console
$ probe add rex dog
added rex
$ probe add tom cat
added tom
$ probe add fido dog
added fido
$ probe rename rex max
rex is now max
$ probe rename zed ted
no pet zed
[1]
$ probe rename max tom
tom is taken
[1]
$ probe move max kitchen
max sleeps in kitchen now
$ probe kinds
cat: 1
dog: 2
$ probe room hall
fido
tom
$ probe room kitchen
max
$ probe room attic
empty room
```
"""

SHOP = """# Project: probe
Stuff in `shop.db`.

## Entity: Item
- sku: str — the code, stored in capitals, no two alike
- price: float — in euros
- stock: int = 0 — units on the shelf
- active: bool = true — still sold

## Store: items
- holds: Item
- path: shop.db
- format: sqlite

## Command: add(sku: str, price: float, stock: int = 0)
New item. Prints `added SKU`. An existing sku: `SKU exists` (exit 1).

## Command: sell(sku: str, qty: int = 1)
Sells QTY units: stock goes down by QTY. Prints `SKU: STOCK left`. Not enough stock: `only STOCK left` (exit 1).

## Command: retire(sku: str)
The item is no longer sold. Prints `retired SKU`.

## Command: shelf
Active items, by sku, as `SKU PRICE x STOCK`, one per line. None: `empty shelf`.

## Command: value
The stock's worth, price times stock summed over active items, as `worth: VALUE`.
"""

SHOP_RUN = """```console
$ probe shelf
empty shelf
$ probe add ab1 2.5 --stock 4
added AB1
$ probe add AB1 3
AB1 exists
[1]
$ probe add cd2 10 --stock 1
added CD2
$ probe sell ab1 --qty 3
AB1: 1 left
$ probe sell ab1 --qty 3
only 1 left
[1]
$ probe sell cd2
CD2: 0 left
$ probe retire cd2
retired CD2
$ probe shelf
AB1 2.5 x 1
```
"""

GUESTS = """# Project: probe
Stuff in `q.json`.

## Entity: Guest
- name: str — unique
- party: int = 1 — how many people
- table: int = 0 — table number, 0 until seated

## Store: guests
- holds: Guest
- path: q.json
- format: json

## Command: a1(name: str, party: int = 1)
Books a guest in. Replies with `booked NAME for PARTY`.

## Command: a2(name: str, party: int = 1)
Books a guest in and echoes the booking: `NAME (PARTY)`.

## Command: a3(name: str, party: int = 1)
Books a guest in. Output: `NAME x PARTY`.

## Command: a4(name: str, party: int = 1)
Books a guest in; the answer is `ok NAME`.

## Command: a5(name: str, party: int = 1)
Books a guest in. You should see `NAME is booked`.

## Command: a6(name: str, party: int = 1)
Books a guest in, confirming with `NAME booked (party of PARTY)`.

## Command: a7(name: str, party: int = 1)
Books a guest in.

Example: `a7 Ann --party 3` shows `Ann booked, 3 people`.
"""

GUESTS_RUN = """```console
$ probe a1 ann --party 2
booked ann for 2
$ probe a2 bob
bob (1)
$ probe a3 cy --party 4
cy x 4
$ probe a4 dee
ok dee
$ probe a5 ed
ed is booked
$ probe a6 flo --party 5
flo booked (party of 5)
$ probe a7 gus --party 2
gus booked, 2 people
```
"""

TOOLS = """# Project: probe
Stuff in `q.json`.

## Entity: Tool
- name: str — unique
- broken: bool = false — needs fixing
- shared: bool = true — on the shared shelf

## Store: tools
- holds: Tool
- path: q.json
- format: json

## Command: add(name: str)
A new tool. Prints `added NAME`.

## Command: break(name: str)
Marks a tool as broken. Prints `NAME is broken`.

## Command: t1(all: bool = false)
Working tools, names A to Z, one per line; with `--all` the broken ones are listed too.

## Command: t2(all: bool = false)
Tools by name, one `NAME` per line. Broken ones are left out unless you pass `--all`.
"""

TOOLS_RUN = """```console
$ probe add saw
added saw
$ probe add axe
added axe
$ probe add drill
added drill
$ probe break drill
drill is broken
$ probe t1
axe
saw
$ probe t1 --all
axe
drill
saw
$ probe t2
axe
saw
$ probe t2 --all
axe
drill
saw
```
"""


@pytest.mark.parametrize("spec, run", [(EMPTY_LINES, EMPTY_LINES_RUN), (REFUSALS, REFUSALS_RUN), (ORDERS, ORDERS_RUN), (FILTERS, FILTERS_RUN), (CHANGES_COUNTS_SUMS, CHANGES_COUNTS_SUMS_RUN), (SALES, SALES_RUN), (JOBS, JOBS_RUN), (STATES, STATES_RUN), (CHECKS, CHECKS_RUN), (CASES, CASES_RUN), (RUNS, RUNS_RUN), (JARS, JARS_RUN), (VISITS, VISITS_RUN), (SCORES, SCORES_RUN), (BOOKS, BOOKS_RUN), (BILLS, BILLS_RUN), (PETS, PETS_RUN), (SHOP, SHOP_RUN), (GUESTS, GUESTS_RUN), (TOOLS, TOOLS_RUN)],
                         ids=["empty_lines", "refusals", "orders", "filters", "changes_counts_sums", "sales", "jobs", "states", "checks", "cases", "runs", "jars", "visits", "scores", "books", "bills", "pets", "shop", "guests", "tools"])
def test_every_wording_does_what_it_says(tmp_path, spec, run):
    assert _failures(tmp_path, spec, run) == []
