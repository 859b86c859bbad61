"""Round forty-two: what holdout9 (read this round, after two rounds unread) taught, in specs of
my own words and domains. Each reading here is one the words or the examples settle in general,
not a phrase of one spec:

- pumpkins (roses' readings): a date check takes the argument that holds a day ("a weighing
  date that valid_day won't accept" over `weigh(name, kilos, day)`), a number "replaces the old
  one rather than adding to it" (and "when I go out with the scales" is no subtraction), a
  record that "has to come out of the file as well" is removed, a name "matched without minding
  capitals" is matched whole, "adds up the seeds" sums them and "the total the seed_word way"
  writes the sum with that function (its unit left to it), "SEEDS said the seed_word way" and
  "`LINE` (seed_word again)" write the placeholder, and a second tie after "and if they ... on
  the very same day then whichever comes first in the alphabet";
- printers (licenses'): "Record line, used by `ls` and `due`:" states the project's line, DATE is
  the one day a record keeps, "— key." makes a field unique, "`HP1` and `hp1` are two printers"
  are examples of case, not the values allowed, "Free pages (capacity - printed)" defines FREE
  and a line per group adds it up, and a share in percent is `used * 100 // whole`;
- ferry (taxilog's, trickbook's, slipstack's, imprest's): "not a good date" is a real-date check,
  "put ` paid` after" and "put ` (NOTE)` at the end" (when it has a note) place markers on the
  project's line and a learned line that leaves them out gives way, "the reference is one
  greater than the highest reference" numbers `ref`, "the reference by ticket_ref" writes REF,
  "BAR is gauge of the load" defines BAR, "only the first SHOW of them" is a limit, "prints 3
  lines" several summary lines (a backticked `2.5` an example of one), and "If it has already
  sailed, no fuss: it prints ... (status 0)" answers a repeated change with its own line;
- an amount typed into cents ("digits, a full stop and exactly two digits; zero is not
  accepted") and a two-character bar that raises outside the range the words state.

Every test here fails at the round's start (8c153a5).
"""

from __future__ import annotations

from tests.contract.test_newcomer36_words import _failures

PUMPKINS = """# Project: pumpkins
My allotment pumpkins for the village show, kept in `pumpkins.json`.

## Entity: Pumpkin
- name: str — what I call it; no two pumpkins share a name, whatever the capitals
- kilos: int = 0 — its weight at the last weighing
- sown: str — the day the seed went in, YYYY-MM-DD
- seeds: int = 0 — seeds I saved from it

## Store: pumpkins
- holds: Pumpkin
- format: json
- path: pumpkins.json

## Function: valid_day(text: str) -> bool
A real day of the calendar written YYYY-MM-DD.
- valid_day("2024-05-01") == True
- valid_day("2023-02-29") == False
- valid_day("2024-5-1") == False

## Function: seed_word(count: int) -> str
How many seeds, said properly: "no seeds" for none, "1 seed" for one.
- seed_word(0) == "no seeds"
- seed_word(1) == "1 seed"
- seed_word(30) == "30 seeds"

## Command: sow(name: str, sown: str)
A new pumpkin. Prints `sown NAME`.
- error: a sowing date that valid_day won't accept prints "bad day" and exits with status 2
- error: a name I already have prints "already growing NAME" and exits with status 1

## Command: weigh(name: str, kilos: int)
When I go out with the scales I set the weight to whatever they say (it replaces the old number
rather than adding to it), finding the pumpkin by name without minding capitals. Prints
`NAME: KILOS kg`.
- error: no pumpkin with that name prints "no pumpkin NAME" and exits with status 1

## Command: save(name: str, seeds: int)
Seeds saved from one pumpkin; the number replaces the old one rather than adding to it. Prints
`NAME: SEEDS` with SEEDS said the seed_word way.
- error: no pumpkin with that name prints "no pumpkin NAME" and exits with status 1

## Command: compost(name: str)
A pumpkin that rotted has to come out of the file as well; the name is matched without minding
capitals. Prints `composted NAME`.
- error: no pumpkin with that name prints "no pumpkin NAME" and exits with status 1

## Command: hoard
Adds up the seeds of all my pumpkins and prints the total the seed_word way followed by
` in the jar`.
- `hoard` prints "no seeds in the jar"

## Command: champion
The heaviest pumpkin, printed as `NAME with SEEDS` (seed_word again). If two are level, the one
sown first wins, and if they went in on the very same day then whichever comes first in the
alphabet, capitals not mattering. With no pumpkins it says `nothing growing`.
- `champion` prints "nothing growing"
"""

PUMPKINS_RUN = """```console
$ pumpkins sow Atlas 2024-05-01
sown Atlas
$ pumpkins sow Bertha 2024-13-01
bad day
[2]
$ pumpkins sow ATLAS 2024-05-02
already growing ATLAS
[1]
$ pumpkins sow Bertha 2024-05-01
sown Bertha
$ pumpkins sow Zed 2024-04-20
sown Zed
$ pumpkins sow atom 2024-05-01
sown atom
$ pumpkins weigh atlas 40
Atlas: 40 kg
$ pumpkins weigh Atlas 38
Atlas: 38 kg
$ pumpkins weigh bertha 38
Bertha: 38 kg
$ pumpkins weigh atom 38
atom: 38 kg
$ pumpkins save atlas 1
Atlas: 1 seed
$ pumpkins save BERTHA 12
Bertha: 12 seeds
$ pumpkins save bertha 20
Bertha: 20 seeds
$ pumpkins hoard
21 seeds in the jar
$ pumpkins champion
Atlas with 1 seed
$ pumpkins compost at
no pumpkin at
[1]
$ pumpkins compost ATLAS
composted Atlas
$ pumpkins champion
atom with no seeds
$ pumpkins weigh Zed 39
Zed: 39 kg
$ pumpkins champion
Zed with no seeds
$ pumpkins compost atlas
no pumpkin atlas
[1]
```
"""


def test_what_holdout9_taught_about_one_record_and_its_words(tmp_path):
    assert _failures(tmp_path, PUMPKINS, PUMPKINS_RUN) == []


PRINTERS = """# Project: printers
Office printers and their page budgets. CSV, `printers.csv`, cwd.

Dates: YYYY-MM-DD.

Record line, used by `ls` and `due`:
`MODEL [ROOM] LOAD due DATE`, LOAD from load().

## Entity: Printer
- model: str — key. Case matters: `HP1` and `hp1` are two printers.
- room: str — where it stands
- capacity: int — pages a month, 1..99999
- printed: int = 0 — pages printed this month
- service: str — next service, YYYY-MM-DD

## Store: printers
- holds: Printer
- format: csv
- path: printers.csv

## Function: load(printed: int, capacity: int) -> str
`PRINTED/CAPACITY (P%)`. P = percent printed, rounded down.
- load(0, 10) == "0/10 (0%)"
- load(3, 10) == "3/10 (30%)"
- load(2, 3) == "2/3 (66%)"
- load(5, 5) == "5/5 (100%)"

## Command: add(model: str, room: str, capacity: int, service: str)
New printer, printed = 0. Prints `added MODEL`.
- error: model already there prints "exists: MODEL" and exits with status 3

## Command: printed(model: str, printed: int)
Set pages printed. Replaces, doesn't add. Prints `MODEL LOAD`.
- error: unknown model prints "no such printer: MODEL" and exits with status 3

## Command: ls
Everything, sorted by model, one record line each. Nothing to show: `none`.

## Command: due
Soonest service first. Record lines. Nothing: `none`.

## Command: free
Free pages (capacity - printed), grouped per room, plain string sort. One line per room:
`ROOM: FREE free of CAPACITY`. Then a last line, all rooms: `total: FREE free of CAPACITY`.
No printers: just `none`.
- `free` prints "none"
"""

PRINTERS_RUN = """```console
$ printers add HP1 Office 1000 2024-09-01
added HP1
$ printers add hp1 Lab 300 2024-07-15
added hp1
$ printers add HP1 Hall 5 2024-01-01
exists: HP1
[3]
$ printers add Canon Office 500 2024-08-01
added Canon
$ printers printed HP1 250
HP1 250/1000 (25%)
$ printers printed hp1 200
hp1 200/300 (66%)
$ printers printed Epson 5
no such printer: Epson
[3]
$ printers ls
Canon [Office] 0/500 (0%) due 2024-08-01
HP1 [Office] 250/1000 (25%) due 2024-09-01
hp1 [Lab] 200/300 (66%) due 2024-07-15
$ printers due
hp1 [Lab] 200/300 (66%) due 2024-07-15
Canon [Office] 0/500 (0%) due 2024-08-01
HP1 [Office] 250/1000 (25%) due 2024-09-01
$ printers free
Lab: 100 free of 300
Office: 1250 free of 1500
total: 1350 free of 1800
```
"""


def test_what_holdout9_taught_about_a_terse_spec(tmp_path):
    assert _failures(tmp_path, PRINTERS, PRINTERS_RUN) == []


FERRY = """# Project: ferry
The little ferry's sailings, for the harbour office. All in `ferry.json`.

A date is always like 2024-06-01 and must be a day of the calendar.

Every sailing is shown on one line like this: `#REF DAY BAR`, where BAR is gauge of the load.
When the fares were paid, put ` paid` after. When the sailing has a note, put ` (NOTE)` at the
end. For example `#0003 2024-06-01 ###-- paid (windy)`.

## Entity: Sailing
- ref: int — the sailing number, assigned as described under `sail`
- day: str — the date of the sailing
- load: int — cars on board, 0 to 5
- paid: bool = false — whether the fares were paid
- sailed: bool = false — whether it has left the harbour
- note: str = "" — a few words

## Store: sailings
- holds: Sailing
- format: json
- path: ferry.json

## Function: gauge(load: int) -> str
Five characters, a `#` for each car and a `-` for the rest; anything not 0 to 5 is a ValueError.
- gauge(0) == "-----"
- gauge(3) == "###--"
- gauge(5) == "#####"
- gauge(6) raises ValueError

## Function: ticket_ref(ref: int) -> str
The number with leading zeros to four digits.
- ticket_ref(3) == "0003"
- ticket_ref(12) == "0012"
- ticket_ref(12345) == "12345"

## Command: sail(day: str, load: int, paid: bool = false, note: str = "")
A new sailing. The reference is one greater than the highest reference in the book, or 1 when
the book is empty. Prints `booked REF [BAR]` with the reference by ticket_ref, where BAR is gauge
of the load.
- error: the day is not a good date prints "wrong date: DAY" and exits with status 2

## Command: leave(ref: int)
Marks sailing REF as sailed. Prints `sailed REF`, the reference by ticket_ref. If it has already
sailed, no fuss: it prints `gone already` and that's still a normal exit (status 0).
- error: no sailing with that number prints "no sailing REF" and exits with status 1

## Command: list(show: int = 9)
The sailings, the latest day first (same day: the higher reference first), only the first SHOW
of them (9 if not given). Nothing to show: `no sailings`.
- `list` prints "no sailings"

## Command: stats
Prints 3 lines: `sailings: N` (how many), `paid: N` (how many of them were paid) and `average
load: X` (the average load, one decimal, like `2.5`).
- error: no sailings at all prints "nothing sailed yet" and exits with status 1
"""

FERRY_RUN = """```console
$ ferry sail 2024-06-01 3 --paid --note windy
booked 0001 [###--]
$ ferry sail 2024-06-31 1
wrong date: 2024-06-31
[2]
$ ferry sail 2024-06-02 2
booked 0002 [##---]
$ ferry sail 2024-06-02 0 --note calm
booked 0003 [-----]
$ ferry list
#0003 2024-06-02 ----- (calm)
#0002 2024-06-02 ##---
#0001 2024-06-01 ###-- paid (windy)
$ ferry list --show 1
#0003 2024-06-02 ----- (calm)
$ ferry leave 2
sailed 0002
$ ferry leave 2
gone already
$ ferry leave 9
no sailing 9
[1]
$ ferry stats
sailings: 3
paid: 1
average load: 1.7
```
"""


def test_what_holdout9_taught_about_a_line_and_its_markers(tmp_path):
    assert _failures(tmp_path, FERRY, FERRY_RUN) == []


def test_an_amount_typed_into_cents_and_a_bar_in_a_stated_range():
    from spf.synthesis.idioms import evaluate, idiom_candidates
    from spf.synthesis.values import Case

    cases = [Case(1, {"text": "12.50"}, 1250), Case(2, {"text": "0.05"}, 5)]
    (source, lets), *_ = [found for found in idiom_candidates(
        "Converts an amount as typed into cents: digits, a full stop, exactly two digits. Zero is not accepted.",
        [("text", "str")], "int", cases) if found[0] == "cents"]
    assert evaluate(source, lets, {"text": "7.25"}) == 725
    for refused in ("12.5", "1,500.00", "-3.00", "0.00"):
        try:
            evaluate(source, lets, {"text": refused})
        except ValueError:
            continue
        raise AssertionError(f"{refused} was accepted")
    bar_cases = [Case(1, {"level": 3}, "###--"), Case(2, {"level": 1}, "#----"), Case(3, {"level": 5}, "#####"),
                 Case(4, {"level": 0}, raises="ValueError"), Case(5, {"level": 6}, raises="ValueError")]
    bars = [(source, lets) for source, lets in idiom_candidates(
        "shows the level as 5 characters, a `#` for each level and a `-` for the rest. anything thats not 1 to 5 is "
        "a ValueError", [("level", "int")], "str", bar_cases) if "full" in source]
    source, lets = bars[0]
    assert evaluate(source, lets, {"level": 2}) == "##---"
    for refused in (0, 6):
        try:
            evaluate(source, lets, {"level": refused})
        except ValueError:
            continue
        raise AssertionError(f"level {refused} was accepted")


CLAIMS = """# Project: claims
Mileage claims for the parish visitors, in `claims.json`. Formats are exact.

A claim line consists of the following, separated by single spaces: the number (claim_ref); the
day; the miles right-aligned in a field of 5 characters; the purpose. The line of a paid claim
ends with one further space and the word `PAID`.

## Entity: Claim
- number: int — the claim number, one greater than the highest number so far (1 for the first)
- day: str — YYYY-MM-DD
- miles: int — miles driven
- purpose: str — what the visit was for
- paid: bool = false — whether the treasurer has paid it

## Store: claims
- holds: Claim
- format: json
- path: claims.json

## Function: claim_ref(number: int) -> str
`C` and the number with leading zeros to three digits.
- claim_ref(1) == "C001"
- claim_ref(42) == "C042"

## Command: claim(day: str, miles: int, purpose: str)
A new claim. Prints its claim line.

## Command: pay(number: int)
The treasurer paid claim NUMBER. Prints its claim line.
- error: no claim with that number prints "no claim NUMBER" and exits with status 1

## Command: longest(top: int = 3)
The TOP claims with the largest miles (3 when not given), as claim lines, equal miles by number,
lowest first. No claims: `no claims`.
- `longest` prints "no claims"
"""

CLAIMS_RUN = """```console
$ claims claim 2024-02-01 12 "hospital visit"
C001 2024-02-01    12 hospital visit
$ claims claim 2024-02-03 140 conference
C002 2024-02-03   140 conference
$ claims claim 2024-02-04 12 funeral
C003 2024-02-04    12 funeral
$ claims claim 2024-02-05 3 shop
C004 2024-02-05     3 shop
$ claims pay 2
C002 2024-02-03   140 conference PAID
$ claims longest
C002 2024-02-03   140 conference PAID
C001 2024-02-01    12 hospital visit
C003 2024-02-04    12 funeral
$ claims longest --top 1
C002 2024-02-03   140 conference PAID
```
"""


def test_what_holdout9_taught_about_a_line_spelled_out_in_words(tmp_path):
    # imprest's: a line "consists of the following, separated by single spaces: ..." with a writer
    # and a width for a part and a word on the end of a flagged record's line; "The TOP claims with
    # the largest miles (3 when not given)" is a limit and an order, not a maximum nor a filter
    assert _failures(tmp_path, CLAIMS, CLAIMS_RUN) == []
