"""Round forty-five: what holdout12 (read this round, after two rounds unread) taught, in specs
of my own words and domains. Each reading here is one the words or the examples settle in
general, not a phrase of one spec:

- pollen (sunspots'): the project's word for a spec function's value ("the pollen load worked
  out by the load function below", or the function's own "The pollen load: ...") is that
  function of the record's fields wherever the words say "the load": "N being the load for
  those grass and trees", "the highest load first", `DAY load N`, "the average of their loads";
  "N is the highest load and DAY the day it came on (the earliest such day if several share
  it)" names the extreme's record by a computed value; "a half going up" rounds half up; a
  validator "exactly four digits of year, a dash, two digits of month ..." with "a leap year"
  and "The year must be 1990 or later" is the calendar's check with that bound; an example
  printing one of the command's own error messages ("`record 2024-05-01 3 3` prints
  "2024-05-01 is already saved"") exits with that error's status;
- pianos (phonefix'): "In the message for a bad ticket I want to see the ticket exactly like it
  was typed"; "one piano per ticket" finds one record, so "When it was done already, it just
  says the same thing again, this is not a mistake (status 0)" changes it again; "The order is
  by ticket, like in the alphabet"; "(done or not)" counts every job; "When N is 1 it says
  `job`, not `jobs`"; "and STATE `done` or `open`"; "The new fee replaces the old one (it does
  not add to it)";
- patrons (sponsors'): "Seat known? Add ` in SEAT` at the end of the line" over an optional
  field; "On a clash, show the name as already on the list"; "Already paid? Change nothing.
  Print `NAME has paid`. Not an error: status 0."; "P: all gifts added. R: gifts of paid
  patrons. O: gifts of unpaid patrons. All three by money." (a writer, not a group); "COUNT is
  1? Say `patron`, not `patrons`"; `welcome NAME, MONEY`, "the gift by money"; "name A to Z,
  capitals ignored";
- paddles (borrows'): "a day that valid_day won't accept" beside a `days` count checks the day;
  "Just out of interest" is no state of the loan; "back or not" keeps every loan; "the same
  number then alphabetical order of their names, not minding capitals"; "takes every loan
  that's marked back out of the book for good and leaves the ones still out alone" removes the
  returned ones; "The new hours replace the old ones (it does not add to them)";
- guilds (conkers'): "The keeper gets one more win and all the joiner's members as well, and the
  joiner comes out of the roll" over `merge(keeper, joiner)` changes the record the first
  argument finds with the second's numbers and removes the second, after "the same name
  twice", the keeper's and the joiner's lookups in that order; "with the keeper's name as kept
  in the roll"; "Shows each region once" over `region — the region it plays in`.

Every spec here fails at the round's start (56b110a, the code of 9c55774); the validator's words
below are tested on the synthesizer.
"""

from __future__ import annotations

import spf
from tests.contract.test_newcomer36_words import _failures
from tests.synth.test_synth_capabilities import _define, _solve, _task

POLLEN = """# Project: pollen
Every morning I read the pollen trap in the garden and count grass grains and tree grains. The figure I care about is the pollen load worked out by the load function below, and wherever "the load" of a day appears, that is the one meant. Counts are kept in `pollen.csv` here. A day is written YYYY-MM-DD and there is at most one count a day. A refused command changes nothing.

## Entity: Count
- day: str — the morning of the count, YYYY-MM-DD
- grass: int — grass grains counted
- trees: int — tree grains counted

## Store: counts
- holds: Count
- format: csv
- path: pollen.csv

## Function: valid_day(text: str) -> bool
Says whether I would take the text as a day: exactly four digits of year, a dash, two digits of month, a dash and two digits of day, nothing more. The month goes from 01 to 12 and the day from 01 to the length of that month, with 29 days in February in a leap year (divisible by 4, but a century only when divisible by 400). The year must be 1990 or later, when the trap was put up.
- valid_day("2024-02-29") == True
- valid_day("2023-02-29") == False
- valid_day("2024-04-31") == False
- valid_day("2024-4-01") == False
- valid_day("1989-06-01") == False

## Function: load(grass: int, trees: int) -> int
The pollen load: the grass grains plus twice the tree grains.
- load(0, 0) == 0
- load(10, 2) == 14
- load(3, 5) == 13

## Command: record(day: str, grass: int, trees: int)
Saves the morning's count and answers `saved DAY: load N`, N being the load for those grass and trees. First the day must be one valid_day takes, then there must be no count for that day yet.
- error: a day that valid_day does not take prints "DAY is no day of mine" and exits with status 2
- error: a day that is already counted prints "DAY is already saved" and exits with status 1
- `record 2024-05-01 10 2` prints "saved 2024-05-01: load 14"
- `record 2024-05-01 3 3` prints "2024-05-01 is already saved"

## Command: worst(limit: int = 3)
The heaviest mornings, the highest load first, one a line as `DAY load N`. When two days have the same load, the earlier day comes first. Only the first LIMIT lines (3 unless `--limit` says). No counts: `no counts`.
- `worst` prints "no counts"

## Command: summary()
One line about all the counts: `D days, mean load M, highest N on DAY`. D is how many days; M is the average of their loads, with exactly one figure after the point (a half going up, so 10.25 becomes 10.3); N is the highest load and DAY the day it came on (the earliest such day if several share it). With just one day it says `1 day` rather than `1 days`. No counts: `no counts`.
- `summary` prints "no counts"
"""

POLLEN_RUN = """```console
$ pollen record 2024-05-02 4 3
saved 2024-05-02: load 10
$ pollen record 2024-05-01 8 1
saved 2024-05-01: load 10
$ pollen record 2024-05-03 20 6
saved 2024-05-03: load 32
$ pollen record 2023-02-29 1 1
2023-02-29 is no day of mine
[2]
$ pollen record 1985-05-01 1 1
1985-05-01 is no day of mine
[2]
$ pollen record 2024-05-03 1 1
2024-05-03 is already saved
[1]
$ pollen worst --limit 2
2024-05-03 load 32
2024-05-01 load 10
$ pollen summary
3 days, mean load 17.3, highest 32 on 2024-05-03
```

```console
$ pollen record 2024-06-02 5 0
saved 2024-06-02: load 5
$ pollen summary
1 day, mean load 5.0, highest 5 on 2024-06-02
$ pollen record 2024-06-01 1 2
saved 2024-06-01: load 5
$ pollen record 2024-06-03 1 1
saved 2024-06-03: load 3
$ pollen record 2024-06-04 0 0
saved 2024-06-04: load 0
$ pollen summary
4 days, mean load 3.3, highest 5 on 2024-06-01
```
"""


PIANOS = """# Project: pianos
I tune and repair pianos in my workshop. Each piano that comes in gets a job ticket: two letters and three digits, like `KR204`. A customer may say the ticket in small or big letters, it is the same ticket, and I keep it in big letters. The maker I keep in small letters. Fees are in cents, and wherever a fee is shown it is made by the fee function. Everything goes in `pianos.json` in the folder I work in. When a command says no, nothing in the file changes.

## Entity: Job
- ticket: str — the job ticket, kept in big letters; one piano per ticket
- owner: str — whose piano it is, as they say it
- maker: str — who made the piano, kept in small letters
- cents: int — the fee in cents
- done: bool = false — true once the work is finished

## Store: jobs
- holds: Job
- format: json
- path: pianos.json

## Function: good_ticket(code: str) -> bool
A good ticket is exactly five characters: two letters A to Z (small or big) and then three digits. Nothing before or after.
- good_ticket("KR204") == True
- good_ticket("kr204") == True
- good_ticket("K204") == False
- good_ticket("KR2045") == False

## Function: fee(cents: int) -> str
A fee as I write it: the euros, a comma, two digits of cents, a space and `EUR`.
- fee(4500) == "45,00 EUR"
- fee(5) == "0,05 EUR"
- fee(123456) == "1234,56 EUR"

## Command: bring(ticket: str, owner: str, maker: str, cents: int)
A piano arrives. The answer is `TICKET for OWNER (MAKER), FEE`. It checks first the ticket with good_ticket, then that the ticket is not in use already, small or big letters the same. In the message for a bad ticket I want to see the ticket exactly like it was typed.
- error: a ticket that good_ticket does not accept prints "bad ticket TICKET" and exits with status 2
- error: a ticket already in use prints "ticket TICKET is taken" and exits with status 1

## Command: finish(ticket: str)
The work is done. It is marked done and the answer is `TICKET done, ring OWNER`. When it was done already, it just says the same thing again, this is not a mistake (status 0).
- error: a ticket not in the file prints "no ticket TICKET" and exits with status 1

## Command: refee(ticket: str, cents: int)
A new fee after a second look. The new fee replaces the old one (it does not add to it), and the answer is `TICKET: fee OLD -> NEW`, both by fee.
- error: a ticket not in the file prints "no ticket TICKET" and exits with status 1

## Command: jobs()
Every job, one on each line: `TICKET OWNER (MAKER) FEE STATE`, with the fee by fee and STATE `done` or `open`. The order is by ticket, like in the alphabet. Nothing there: `no jobs`.
- `jobs` prints "no jobs"

## Command: makers()
For each maker one line: `MAKER: N jobs, total FEE`, N being how many jobs of this maker are in the file (done or not) and FEE all their fees together, by fee. When N is 1 it says `job`, not `jobs`. The maker with the most jobs comes first; the same number goes like in the alphabet. Nothing there: `no jobs`.
- `makers` prints "no jobs"
"""

PIANOS_RUN = """```console
$ pianos bring zz100 "Ada Vos" Bechstein 9000
ZZ100 for Ada Vos (bechstein), 90,00 EUR
$ pianos bring ab200 Ole STEINWAY 12050
AB200 for Ole (steinway), 120,50 EUR
$ pianos bring Ab200 Kim Yamaha 100
ticket AB200 is taken
[1]
$ pianos bring ab2000 Kim Yamaha 100
bad ticket ab2000
[2]
$ pianos bring mm300 Kim steinway 500
MM300 for Kim (steinway), 5,00 EUR
$ pianos finish ab200
AB200 done, ring Ole
$ pianos finish AB200
AB200 done, ring Ole
$ pianos refee zz100 7000
ZZ100: fee 90,00 EUR -> 70,00 EUR
$ pianos jobs
AB200 Ole (steinway) 120,50 EUR done
MM300 Kim (steinway) 5,00 EUR open
ZZ100 Ada Vos (bechstein) 70,00 EUR open
$ pianos makers
steinway: 2 jobs, total 125,50 EUR
bechstein: 1 job, total 70,00 EUR
```
"""


PATRONS = """# Project: patrons
Friends of the Lyric Theatre. I keep the list. One record per patron, the name is the key. Names match without caring about capitals and nobody is on the list twice. A name stays spelt as first added. Gifts are whole euros, always shown with `money`. The list is `patrons.json` here. Refused command: nothing changes.

## Entity: Patron
- name: str — as first added; the key, matched ignoring capitals
- gift: int — the promised gift, whole euros
- paid: bool = false — the gift has arrived
- seat: str | None = none — their usual seat, if I know it

## Store: list
- holds: Patron
- format: json
- path: patrons.json

## Function: money(amount: int) -> str
`EUR`, a space, the figures with a comma between each group of three digits from the right.
- money(0) == "EUR 0"
- money(950) == "EUR 950"
- money(12000) == "EUR 12,000"

## Command: join(name: str, gift: int, seat: str | None = none)
New patron, unpaid. Seat optional, `--seat`. Print `welcome NAME, MONEY`, the gift by money. Name not on the list yet, capitals ignored. On a clash, show the name as already on the list.
- error: a name already on the list prints "NAME is a patron already" and exits with status 1

## Command: pay(name: str)
The gift arrived. Find by name, capitals ignored. Mark paid. Print `thanks NAME`, name as on the list. Already paid? Change nothing. Print `NAME has paid`. Not an error: status 0.
- error: no patron of that name prints "no patron NAME" and exits with status 1

## Command: show()
One per line: `NAME MONEY STATE`, gift by money, STATE `paid` or `owes`. Seat known? Add ` in SEAT` at the end of the line. Biggest gift first; same gift: name A to Z, capitals ignored. Empty list: `no patrons`.
- `show` prints "no patrons"

## Command: sums()
One line: `COUNT patrons, promised P, in R, due O`. P: all gifts added. R: gifts of paid patrons. O: gifts of unpaid patrons. All three by money. COUNT is 1? Say `patron`, not `patrons`. Empty list: `no patrons`.
- `sums` prints "no patrons"
"""

PATRONS_RUN = """```console
$ patrons join "Ida Marsh" 12000 --seat B12
welcome Ida Marsh, EUR 12,000
$ patrons sums
1 patron, promised EUR 12,000, in EUR 0, due EUR 12,000
$ patrons join "IDA marsh" 5
Ida Marsh is a patron already
[1]
$ patrons join Bo 950
welcome Bo, EUR 950
$ patrons join al 950
welcome al, EUR 950
$ patrons pay BO
thanks Bo
$ patrons pay Bo
Bo has paid
$ patrons show
Ida Marsh EUR 12,000 owes in B12
al EUR 950 owes
Bo EUR 950 paid
$ patrons sums
3 patrons, promised EUR 13,900, in EUR 950, due EUR 12,950
```
"""


PADDLES = """# Project: paddles
The canoe club lends out boats at weekends and I keep the loans in `paddles.json` wherever I run this. Every boat has a number painted on the bow like `K7` and that's how I find a loan; I keep it in capitals and match it whatever capitals I type. Days are YYYY-MM-DD. If the program refuses something, the file stays exactly as it was.

## Entity: Loan
- boat: str — the painted number, kept in capitals; a boat is only in the book once
- paddler: str — who took it, as typed
- out: str — the day it went out, YYYY-MM-DD
- days: int = 2 — how many days they keep it, 1 to 14
- back: bool = false — whether the boat is back on the rack
- hours: int = 0 — hours it was on the water, as last counted

## Store: loans
- holds: Loan
- format: json
- path: paddles.json

## Function: valid_day(text: str) -> bool
Whether the text is a real day: four digits, a dash, two digits, a dash, two digits, and the month and day have to exist on the calendar (29 February only in a leap year).
- valid_day("2024-02-29") == True
- valid_day("2023-02-29") == False
- valid_day("2024-13-01") == False
- valid_day("2024-1-01") == False

## Command: lend(boat: str, paddler: str, out: str, days: int = 2)
Puts a new loan in the book for the days I give with `--days` (two unless I say) and answers `lent BOAT to PADDLER`. It checks in this order: the days are 1 to 14; the day it went out is one valid_day won't refuse; the boat isn't in the book already.
- error: days below 1 or above 14 prints "days must be 1 to 14" and exits with status 2
- error: a day that valid_day won't accept prints "OUT is not a real day" and exits with status 2
- error: a boat already in the book prints "BOAT is already out" and exits with status 1

## Command: back(boat: str)
The boat is back on the rack: the loan is marked back and it says `BOAT back from PADDLER`.
- error: a boat not in the book prints "no boat BOAT" and exits with status 1

## Command: hours(boat: str, hours: int)
How long it was on the water. The new hours replace the old ones (it does not add to them), and it answers `BOAT: HOURS h`.
- error: a boat not in the book prints "no boat BOAT" and exits with status 1

## Command: tidy()
Now and then I clear up: this takes every loan that's marked back out of the book for good and leaves the ones still out alone, and it says `cleared N` with N how many went.
- `tidy` prints "cleared 0"

## Command: keenest()
Just out of interest, who paddles most: it counts the loans for each paddler, back or not, one paddler a line as `PADDLER: N loans`, or `PADDLER: 1 loan` for just the one. Most loans first; the same number then alphabetical order of their names, not minding capitals. Empty book: `no loans`.
- `keenest` prints "no loans"
"""

PADDLES_RUN = """```console
$ paddles lend k7 Zoe 2024-07-01
lent K7 to Zoe
$ paddles lend c2 amir 2024-07-01 --days 3
lent C2 to amir
$ paddles lend k9 Ben 2024-07-01 --days 20
days must be 1 to 14
[2]
$ paddles lend k9 Ben 2024-02-30
2024-02-30 is not a real day
[2]
$ paddles lend K7 Ben 2024-07-02
K7 is already out
[1]
$ paddles lend k9 Ben 2024-07-02
lent K9 to Ben
$ paddles hours k9 3
K9: 3 h
$ paddles hours K9 2
K9: 2 h
$ paddles back c2
C2 back from amir
$ paddles keenest
amir: 1 loan
Ben: 1 loan
Zoe: 1 loan
$ paddles tidy
cleared 1
$ paddles tidy
cleared 0
$ paddles lend c3 Zoe 2024-07-03
lent C3 to Zoe
$ paddles keenest
Zoe: 2 loans
Ben: 1 loan
```
"""


GUILDS = """# Project: guilds
Our board-game league keeps a roll of guilds in `guilds.json`. A guild is found by its name, capitals not mattering, and no two guilds share a name. A name is kept as first typed. When the program refuses something, the roll is left as it was.

## Entity: Guild
- name: str — the guild's name; no two alike, matched in any case
- region: str — the region it plays in
- members: int — how many players it has
- wins: int = 0 — league wins

## Store: roll
- holds: Guild
- format: json
- path: guilds.json

## Command: found(name: str, region: str, members: int)
A new guild with no wins. It answers `NAME founded in REGION`.
- error: a name already on the roll prints "NAME exists" and exits with status 1

## Command: merge(keeper: str, joiner: str)
Two guilds become one. The keeper gets one more win and all the joiner's members as well, and the joiner comes out of the roll. It answers `KEEPER now has MEMBERS members`, with the keeper's name as kept in the roll. It checks first that the two names are not the same guild (capitals don't matter), then that the keeper is on the roll, then that the joiner is.
- error: the same name twice prints "a guild can't merge with itself" and exits with status 2
- error: a keeper not on the roll prints "no guild KEEPER" and exits with status 1
- error: a joiner not on the roll prints "no guild JOINER" and exits with status 1

## Command: regions()
Shows each region once, one to a line, like `REGION: N guilds`, N being how many guilds it has. The regions go from A to Z. An empty roll: `no guilds`.
- `regions` prints "no guilds"
"""

GUILDS_RUN = """```console
$ guilds found Owls north 5
Owls founded in north
$ guilds found Bats north 3
Bats founded in north
$ guilds found Elks south 4
Elks founded in south
$ guilds merge owls OWLS
a guild can't merge with itself
[2]
$ guilds merge moles bats
no guild moles
[1]
$ guilds merge owls moles
no guild moles
[1]
$ guilds regions
north: 2 guilds
south: 1 guilds
$ guilds merge owls bats
Owls now has 8 members
$ guilds regions
north: 1 guilds
south: 1 guilds
$ guilds merge elks owls
Elks now has 12 members
$ guilds regions
south: 1 guilds
```
"""


def test_a_functions_value_named_by_the_projects_word_and_the_day_it_came_on(tmp_path):
    assert _failures(tmp_path, POLLEN, POLLEN_RUN) == []


def test_a_typed_ticket_one_record_per_key_and_counts_of_every_job(tmp_path):
    assert _failures(tmp_path, PIANOS, PIANOS_RUN) == []


def test_a_known_seat_on_the_end_and_sums_defined_one_letter_at_a_time(tmp_path):
    assert _failures(tmp_path, PATRONS, PATRONS_RUN) == []


def test_a_day_check_beside_a_days_count_and_a_tidy_of_the_returned(tmp_path):
    assert _failures(tmp_path, PADDLES, PADDLES_RUN) == []


def test_a_record_taking_in_another_that_then_goes(tmp_path):
    assert _failures(tmp_path, GUILDS, GUILDS_RUN) == []


def test_an_example_printing_an_error_message_exits_with_its_status():
    project = spf.parse_spec(POLLEN, file="spec.md")
    record = next(command for command in project.commands if command.name == "record")
    assert [example.status for example in record.examples] == [0, 1]


HANDLES = """# Project: handles

## Function: good_handle(handle: str) -> bool
A good handle is only letters, A to Z, big or small, nothing else, and it has at least 2 letters and at most 10 letters.
- good_handle("Ada") == True
- good_handle("A") == False
- good_handle("Ada1") == False
- good_handle("Ada Lee") == False
- good_handle("Wolfgangus") == True
- good_handle("Wolfganguss") == False
"""


def test_a_handle_of_letters_between_two_lengths():
    good_handle = _define(_solve(_task(HANDLES, "good_handle")))[0]
    assert good_handle("Zo") and good_handle("ABCDEFGHIJ") and not good_handle("Z") and not good_handle("Zoe-Ann") \
        and not good_handle("Émile") and not good_handle("ABCDEFGHIJK")
