"""Round forty-one: what holdout8 (read this round, after two rounds unread) taught, in specs of
my own words and domains. Each reading here is one the words or the examples settle in general,
not a phrase of one spec:

- haircuts: ``Nth`` in a line is a placeholder where the project has an ordinal function ("the
  count with its English ending"): how many records share a field with this one, this one
  included, or the place a line is printed at ("numbered 1st, 2nd, ... as printed"); a word
  after an ordinal is no count's (`2nd haircut`, not `2nd haircuts`);
- carwash: a one-letter placeholder before a number field's name is that field (`P punches`),
  the line an update prints instead once a number reaches a stated number ("but once they have
  6 or more it prints `...` instead"), "only the cards with 6 or more punches" under a flag,
  "Tear up a card" removes it, and a function's value at zero is a constant the synthesizer may
  start from (`left(0) == 6`: ``max(0, 6 - punches)``);
- darts: numbers "added on top of what's already there" change the record a name finds, "more
  hits than throws" compares two arguments, a function of the fields the line shows is called
  on the record (the new totals), "best pct first" orders by that function (ties A to Z), "at
  least 20 throws and a pct of 40 or more" filters by a field and by the function, and "back to
  zero throws and zero hits" sets both;
- postchess: "add one to the cards posted" counts up the field a word names, "capital letters
  do not matter" under an option, "everyone for whom turn is "me"" filters by a function's word;
- quiz: "the new one replaces it" over a command of a record's number and its fields is an
  update, and "a negative number of points" checks every argument its fields call points;
- tennis: a word of the project's line a bool field swaps ("`... (outdoor)` (or `(indoor)`)"), a
  sample line showing what a record's line gets on the end once its optional numbers are set
  (the numbers, mine first, and a function of them the words name), "the matches that don't
  have a result yet", "the earliest-dated one";
- records: the verb the project defines as an empty field ("Records I still own are the ones
  with nobody in given_to") filters every command that says it, "`--all` also shows" lifts it,
  and a marker whose words name a field (` (given to FRIEND)` over `given_to`).

Then six newcomer specs of my own, written in the middle of the round in voices of their own
(tests/contract/newcomer: dogwalks, lendbox, herbarium, chorechart, pettycash, gigs), read once
measured; their readings are tested on dogwalks and chorechart themselves, on costumes (lendbox's,
in a theatre wardrobe), on parking (pettycash's, in a car park) and on tastings (gigs', at a
wine club).

Every test here fails at the round's start (33eb17a).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.contract.test_newcomer36_words import _failures

HAIRCUTS = """# Project: haircuts
Every time one of the kids has a haircut I note it down, in `cuts.csv`.

## Entity: Cut
- kid: str — who had it
- day: str — YYYY-MM-DD
- cost: int = 0 — what it cost, whole pounds

## Store: cuts
- holds: Cut
- format: csv

## Function: nth(n: int) -> str
The count with its English ending; 11, 12 and 13 take th.
- nth(1) == "1st"
- nth(2) == "2nd"
- nth(3) == "3rd"
- nth(4) == "4th"
- nth(11) == "11th"
- nth(12) == "12th"
- nth(13) == "13th"
- nth(22) == "22nd"

## Command: cut(kid: str, day: str, cost: int = 0)
Note a haircut. Prints `KID's Nth haircut`, where Nth is how many of that kid's cuts are in the
file now, this one included, written with nth.

## Command: cuts(kid: str)
One kid's haircuts in the order I noted them, each as `Nth: DAY`, numbered 1st, 2nd, ... as
printed.
- error: a kid with no haircuts prints "no cuts for KID" and exits with status 1
"""

HAIRCUTS_RUN = """```console
$ haircuts cut Ada 2024-01-05
Ada's 1st haircut
$ haircuts cut Ben 2024-01-06 --cost 8
Ben's 1st haircut
$ haircuts cut Ada 2024-02-10
Ada's 2nd haircut
$ haircuts cuts Ada
1st: 2024-01-05
2nd: 2024-02-10
$ haircuts cuts Cy
no cuts for Cy
[1]
```
"""

CARWASH = """# Project: carwash
Our car wash gives a free wash for every six. The punch cards are kept in `cards.db`.

## Entity: Card
- plate: str — the car's number plate, as typed
- punches: int = 0 — punches on the card now

## Store: cards
- holds: Card
- format: sqlite

## Function: left(punches: int) -> int
Punches still needed for the free wash. Never less than zero.
- left(0) == 6
- left(4) == 2
- left(6) == 0
- left(9) == 0

## Command: card(plate: str)
A new card. Prints `card for PLATE`.
- `card AB12` prints "card for AB12"

## Command: punch(plate: str, washes: int = 1)
Add a punch per wash (one unless I say `--washes N`). Prints `PLATE: P punches, L left` with L
from left, but once they have 6 or more it prints `PLATE: P punches, free wash!` instead.
- error: a plate with no card prints "no card for PLATE" and exits with status 1

## Command: cards(free: bool = false)
Every card, most punches first, one per line as `PLATE: P punches`. With `--free` only the
cards with 6 or more punches. If there's nothing to show it prints `no cards`.

## Command: rip(plate: str)
Tear up a card when the car is sold. Prints `tore up PLATE`.
- error: a plate with no card prints "no card for PLATE" and exits with status 1
"""

CARWASH_RUN = """```console
$ carwash card AB12
card for AB12
$ carwash card XY99
card for XY99
$ carwash punch AB12
AB12: 1 punches, 5 left
$ carwash punch AB12 --washes 5
AB12: 6 punches, free wash!
$ carwash punch XY99 --washes 2
XY99: 2 punches, 4 left
$ carwash cards --free
AB12: 6 punches
$ carwash punch ZZ1
no card for ZZ1
[1]
$ carwash rip XY99
tore up XY99
$ carwash cards
AB12: 6 punches
```
"""

DARTS = """# Project: darts
Practising my doubles at darts. Kept in `doubles.json`.

## Entity: Double
- name: str — like d20 or bull
- throws: int = 0 — darts thrown at it
- hits: int = 0 — darts that landed in it

## Store: doubles
- holds: Double
- format: json

## Function: pct(hits: int, throws: int) -> int
The hits as a whole percent of the throws, rounded down; 0 with no throws.
- pct(1, 4) == 25
- pct(2, 3) == 66
- pct(0, 0) == 0
- pct(3, 3) == 100

## Command: target(name: str)
Start practising a double. Prints `new target NAME`.
- `target d20` prints "new target d20"
- error: a double I'm already practising prints "already on d20" and exits with status 1

## Command: throw(name: str, throws: int, hits: int)
A round of practice: the throws and hits get added on top of what's already there. Then it
prints the new totals as `NAME: HITS/THROWS (PCT%)`.
- error: more hits than throws prints "can't hit more than you throw" and exits with status 2
- error: a double I'm not practising prints "no target NAME" and exits with status 1

## Command: board
Every double, best pct first; doubles with the same pct go A to Z. One line each like
`NAME HITS/THROWS PCT%`.

## Command: good
The doubles I've got: at least 20 throws AND a pct of 40 or more. Just the names, A to Z, one
per line. If none yet it prints `keep practising`.

## Command: wipe(name: str)
Put a double back to zero throws and zero hits. Prints `NAME: 0/0 (0%)`.
- error: a double I'm not practising prints "no target NAME" and exits with status 1
"""

DARTS_RUN = """```console
$ darts target d20
new target d20
$ darts target d16
new target d16
$ darts target bull
new target bull
$ darts throw d20 10 3
d20: 3/10 (30%)
$ darts throw d20 15 7
d20: 10/25 (40%)
$ darts throw d16 30 12
d16: 12/30 (40%)
$ darts throw bull 4 1
bull: 1/4 (25%)
$ darts throw bull 2 3
can't hit more than you throw
[2]
$ darts board
d16 12/30 40%
d20 10/25 40%
bull 1/4 25%
$ darts good
d16
d20
$ darts wipe d16
d16: 0/0 (0%)
$ darts good
d20
```
"""

POSTCHESS = """# Project: postchess
Correspondence chess: each move goes by postcard. Kept in `games.json`. Names are matched
without minding capital letters anywhere in the program.

## Entity: Game
- rival: str — who I play, as first typed
- town: str — where they live
- posted: int = 0 — cards I have posted to them
- received: int = 0 — cards they have posted to me

## Store: games
- holds: Game
- format: json

## Function: turn(posted: int, received: int) -> str
Whose move it is: "me" when they have posted at least as many cards as I have, otherwise
"them".
- turn(0, 0) == "me"
- turn(1, 0) == "them"
- turn(1, 1) == "me"
- turn(2, 3) == "me"

## Command: start(rival: str, town: str)
A new game. Prints `game with RIVAL (TOWN)`.
- `start Ivan Riga` prints "game with Ivan (Riga)"

## Command: sent(rival: str)
I have posted a card to this rival, so add one to the cards posted. Prints
`cards to RIVAL: POSTED` with the new count.
- error: a rival I don't play prints "no game with RIVAL" and exits with status 1

## Command: games(town: str | None = none)
Every game in the order I started them, as `RIVAL (TOWN): POSTED/RECEIVED`. With `--town X`
only the rivals in that town (capital letters do not matter). If there is nobody to show, it
prints `no games`.

## Command: waiting
The games where I owe a card, that is everyone for whom turn is "me". Names from A to Z, one
per line as `RIVAL (TOWN)`. If I owe nobody a card, it prints `nothing to post`.
"""

POSTCHESS_RUN = """```console
$ postchess start Ivan Riga
game with Ivan (Riga)
$ postchess start Agnes Riga
game with Agnes (Riga)
$ postchess start Bo Oslo
game with Bo (Oslo)
$ postchess sent ivan
cards to Ivan: 1
$ postchess sent Zed
no game with Zed
[1]
$ postchess games --town RIGA
Ivan (Riga): 1/0
Agnes (Riga): 0/0
$ postchess waiting
Agnes (Riga)
Bo (Oslo)
```
"""

QUIZ = """# Project: quiz
Our pub quiz nights, kept in `quiz.db`.

## Entity: Night
- pub: str — where it was
- day: str — YYYY-MM-DD
- us: int | None = none — points we scored, empty until the night is over
- best: int | None = none — the winning team's points, empty until the night is over

## Store: nights
- holds: Night
- format: sqlite

## Command: night(pub: str, day: str)
A quiz night on the calendar. Prints `night N: PUB on DAY`, N being its number (1, 2, 3 in the
order I add them).
- `night "The Crown" 2024-03-01` prints "night 1: The Crown on 2024-03-01"

## Command: result(id: int, us: int, best: int)
Put in the result for night number ID. If it already had a result, the new one replaces it.
Prints `night ID: US of BEST`.
- error: no night with that number prints "no night ID" and exits with status 1
- error: a negative number of points prints "points can't be negative" and exits with status 1
"""

QUIZ_RUN = """```console
$ quiz night "The Crown" 2024-03-01
night 1: The Crown on 2024-03-01
$ quiz night "The Swan" 2024-03-08
night 2: The Swan on 2024-03-08
$ quiz result 2 31 40
night 2: 31 of 40
$ quiz result 2 35 40
night 2: 35 of 40
$ quiz result 1 -3 40
points can't be negative
[1]
$ quiz result 5 10 20
no night 5
[1]
```
"""

RECORDS = """# Project: records
My vinyl records, kept in `records.json`.

## Entity: Record
- title: str — the album
- artist: str — who made it
- paid: float = 0.0 — what I paid, in pounds
- given_to: str | None = none — the friend I gave it to; empty while it's still mine

## Store: records
- holds: Record
- format: json

A record I give away stays in the file. Records I still own are the ones with nobody in
given_to.

## Command: add(title: str, artist: str, paid: float = 0.0)
A record I've just bought. Prints `added TITLE`.
- `add Blue "Joni Mitchell" --paid 12` prints "added Blue"

## Command: give(title: str, friend: str)
I gave the record called TITLE to FRIEND. Prints `TITLE went to FRIEND`.
- error: no record with that title prints "no such record" and exits with status 1

## Command: shelf(all: bool = false)
The records I still own, by title A to Z, one per line as `TITLE - ARTIST`. `--all` also shows
the ones I gave away, in the same order, with ` (given to FRIEND)` on the end of their line. If
nothing is left to show it prints `empty shelf`.
"""

RECORDS_RUN = """```console
$ records add Blue "Joni Mitchell" --paid 12
added Blue
$ records add Hejira "Joni Mitchell"
added Hejira
$ records add Aja "Steely Dan" --paid 9.5
added Aja
$ records give Hejira Sam
Hejira went to Sam
$ records shelf
Aja - Steely Dan
Blue - Joni Mitchell
$ records shelf --all
Aja - Steely Dan
Blue - Joni Mitchell
Hejira - Joni Mitchell (given to Sam)
```
"""

TENNIS = """# Project: tennis
My club tennis matches, in `tennis.db`.

## Entity: Match
- rival: str — who I play
- day: str — YYYY-MM-DD
- indoor: bool = false — true on the indoor courts
- mine: int | None = none — sets I won, empty until it's played
- theirs: int | None = none — sets they won, empty until it's played

## Store: matches
- holds: Match
- format: sqlite

## Function: verdict(mine: int, theirs: int) -> str
W when I won more sets, L when they did, D otherwise.
- verdict(2, 1) == "W"
- verdict(0, 2) == "L"
- verdict(1, 1) == "D"

## How a match is shown
Every match is printed as a line like `#N DAY vs RIVAL (outdoor)` (or `(indoor)`). Once it has a
result, the result and the verdict are added on the end, mine first: `#N DAY vs RIVAL (indoor)
2-1 W`.

## Command: book(rival: str, day: str, indoor: bool = false)
A match on the calendar. Prints `booked #N`.
- `book Ana 2024-05-04` prints "booked #1"

## Command: result(id: int, mine: int, theirs: int)
Put in the result for match number ID; a new one replaces the old. Prints the match line with
its result.
- error: no match with that number prints "no match #ID" and exits with status 1

## Command: matches(open: bool = false)
Every match, earliest day first, one match line each. With `--open` only the matches that don't
have a result yet.

## Command: next
The earliest-dated one that has no result yet, printed as `next: RIVAL on DAY (outdoor)` (or
`(indoor)`). If there's none it prints `all played`.
"""

TENNIS_RUN = """```console
$ tennis book Ana 2024-05-04
booked #1
$ tennis book Bo 2024-05-01 --indoor
booked #2
$ tennis book Cy 2024-05-09
booked #3
$ tennis next
next: Bo on 2024-05-01 (indoor)
$ tennis result 2 2 1
#2 2024-05-01 vs Bo (indoor) 2-1 W
$ tennis result 2 1 2
#2 2024-05-01 vs Bo (indoor) 1-2 L
$ tennis matches
#2 2024-05-01 vs Bo (indoor) 1-2 L
#1 2024-05-04 vs Ana (outdoor)
#3 2024-05-09 vs Cy (outdoor)
$ tennis matches --open
#1 2024-05-04 vs Ana (outdoor)
#3 2024-05-09 vs Cy (outdoor)
$ tennis next
next: Ana on 2024-05-04 (outdoor)
$ tennis result 9 1 0
no match #9
[1]
```
"""


def test_what_holdout8_taught_about_a_line_said_once_for_the_project(tmp_path):
    # `(outdoor)` (or `(indoor)`): a word a bool field swaps; a sample line with the result on the
    # end: the optional numbers and the verdict function; "the matches that don't have a result
    # yet"; "the earliest-dated one"; "a new one replaces the old" over `result(id, mine, theirs)`
    assert _failures(tmp_path, TENNIS, TENNIS_RUN) == []


@pytest.mark.parametrize("spec, run", [(HAIRCUTS, HAIRCUTS_RUN), (CARWASH, CARWASH_RUN), (DARTS, DARTS_RUN)],
                         ids=["haircuts", "carwash", "darts"])
def test_what_holdout8_taught_about_lines_and_numbers(tmp_path, spec, run):
    assert _failures(tmp_path, spec, run) == []


@pytest.mark.parametrize("spec, run", [(POSTCHESS, POSTCHESS_RUN), (QUIZ, QUIZ_RUN), (RECORDS, RECORDS_RUN)],
                         ids=["postchess", "quiz", "records"])
def test_what_holdout8_taught_about_which_records(tmp_path, spec, run):
    assert _failures(tmp_path, spec, run) == []


COSTUMES = """# Project: costumes
Theatre wardrobe: which costume is out with which actor. Data in `wardrobe.json`.
Costume names are unique, compared case-insensitively.

## Entity: Costume
- name: str — the costume
- size: str — "S", "M" or "L"
- actor: str = "" — who has it; empty = in the wardrobe
- taken: str = "" — when it went out, YYYY-MM-DD; empty when in the wardrobe

## Store: costumes
- holds: Costume
- format: json
- path: wardrobe.json

## Function: days_between(start: str, end: str) -> int
Whole days from start to end (both YYYY-MM-DD).
- days_between("2024-03-01", "2024-03-04") == 3
- days_between("2024-02-28", "2024-03-01") == 2
- days_between("2024-05-05", "2024-05-05") == 0

## Command: add(name: str, size: str)
Output: `added NAME`.
- `add Cape M` prints "added Cape"
- error: size not S/M/L -> "size must be S, M or L", exit 2

## Command: fit(name: str, actor: str, day: str)
Output: `NAME -> ACTOR`.
- error: unknown costume -> "no costume NAME", exit 1
- error: costume already out -> "NAME is with ACTOR", exit 1 (ACTOR = who has it)

## Command: hang(name: str)
Costume back: actor and taken cleared. Output: `NAME back from ACTOR`.
- error: unknown costume -> "no costume NAME", exit 1
- error: costume in the wardrobe -> "NAME was not out", exit 1

## Command: out(today: str)
Every costume currently out, longest out first, as `NAME with ACTOR, D days`,
D = days_between(taken, today). None out -> `all hung up`.

## Command: rack
Costumes in the wardrobe, A-Z, as `NAME (SIZE)`. Empty -> `rack empty`.
"""

COSTUMES_RUN = """```console
$ costumes add Cape M
added Cape
$ costumes add Crown S
added Crown
$ costumes add Gown L
added Gown
$ costumes add Hat XL
size must be S, M or L
[2]
$ costumes fit Cape Ada 2024-03-01
Cape -> Ada
$ costumes fit gown Bo 2024-02-25
Gown -> Bo
$ costumes fit Cape Cy 2024-03-02
Cape is with Ada
[1]
$ costumes out 2024-03-05
Gown with Bo, 9 days
Cape with Ada, 4 days
$ costumes rack
Crown (S)
$ costumes hang cape
Cape back from Ada
$ costumes hang Cape
Cape was not out
[1]
$ costumes rack
Cape (M)
Crown (S)
$ costumes fit Hat Bo 2024-03-01
no costume Hat
[1]
```
"""


def test_what_a_terse_newcomer_spec_showed(tmp_path):
    # lendbox's readings (tests/contract/newcomer/lendbox), in a wardrobe: errors written with an
    # arrow, "size not S/M/L", "already out" and "in the wardrobe" over a field empty in the
    # wardrobe, "actor and taken cleared", "currently out", "D = days_between(taken, today)",
    # "longest out first"
    assert _failures(tmp_path, COSTUMES, COSTUMES_RUN) == []


PARKING = """# Project: parking
Car park receipts. Kept in `receipts.json`.

Amounts are typed in pounds and stored in pence. Money is always printed with a pound sign and
two decimals.

## Entity: Receipt
- no: int — receipt number, 1 for the first receipt, then one more than the highest
- plate: str — the car
- zone: str — one of "red", "blue", "green"
- pence: int — the fee in pence

## Store: receipts
- holds: Receipt
- format: json
- path: receipts.json

## Function: to_pence(text: str) -> int
Pounds typed as text to pence: digits, optionally a point and one or two decimals. Anything else
raises ValueError.
- to_pence("2.5") == 250
- to_pence("3") == 300
- to_pence("0.05") == 5
- to_pence("x") raises ValueError

## Command: pay(plate: str, zone: str, fee: str)
Records a receipt. Output: `#NO PLATE £FEE`.
- error: a zone not in the list prints "no such zone" and exits with status 2

## Command: receipts
All receipts by number, as `#NO PLATE ZONE £FEE`.

## Command: zones
Per zone, A to Z: `ZONE: N receipts, £TOTAL`.
"""

PARKING_RUN = """```console
$ parking pay AB12 red 2.5
#1 AB12 £2.50
$ parking pay CD34 blue 3
#2 CD34 £3.00
$ parking pay EF56 red 1.25
#3 EF56 £1.25
$ parking pay GH78 yellow 1
no such zone
[2]
$ parking receipts
#1 AB12 red £2.50
#2 CD34 blue £3.00
#3 EF56 red £1.25
$ parking zones
blue: 1 receipts, £3.00
red: 2 receipts, £3.75
```
"""


def test_what_a_newcomer_spec_showed_about_money_kept_in_pence(tmp_path):
    # pettycash's readings in a car park: "Records a receipt" over `pay`, a number "1 for the first
    # ..., then one more than the highest", "a zone not in the list" over `one of "red", "blue",
    # "green"`, pounds typed, pence stored, a pound sign and two decimals printed (no writer
    # function) in the add's line, the records' line and a sum per zone
    assert _failures(tmp_path, PARKING, PARKING_RUN) == []


TASTINGS = """# Project: tastings
wine club tastings, kept in `tastings.json`.

## Entity: Tasting
- wine: str — what we tasted
- host: str — whose house
- day: str — YYYY-MM-DD
- score: int = 0 — the club's score 1-10, 0 if we haven't scored it yet

## Store: tastings
- holds: Tasting
- format: json

## Command: taste(wine: str, host: str, day: str)
Says `tasted WINE at HOST's`.
- `taste Rioja Ann 2024-01-05` prints "tasted Rioja at Ann's"

## Command: score(wine: str, day: str, score: int)
score the tasting of that wine on that day. Says `WINE: SCORE/10`.
- error: no tasting like that prints "no WINE on DAY" and exits with status 1

## Command: book
every tasting, newest first, like `DAY WINE (HOST) SCORE/10` (or `DAY WINE (HOST) unscored` if we
haven't scored it).

## Command: best
our top 2 tastings by score (same score -> newest first), in the same lines as book. only
scored ones count. none scored? `nothing scored yet`.
"""

TASTINGS_RUN = """```console
$ tastings best
nothing scored yet
$ tastings taste Rioja Ann 2024-01-05
tasted Rioja at Ann's
$ tastings taste Rioja Bo 2024-02-05
tasted Rioja at Bo's
$ tastings taste Chablis Cy 2024-03-05
tasted Chablis at Cy's
$ tastings taste Barolo Di 2024-04-05
tasted Barolo at Di's
$ tastings score Rioja 2024-02-05 7
Rioja: 7/10
$ tastings score Rioja 2024-06-01 7
no Rioja on 2024-06-01
[1]
$ tastings score Chablis 2024-03-05 9
Chablis: 9/10
$ tastings score Rioja 2024-01-05 7
Rioja: 7/10
$ tastings book
2024-04-05 Barolo (Di) unscored
2024-03-05 Chablis (Cy) 9/10
2024-02-05 Rioja (Bo) 7/10
2024-01-05 Rioja (Ann) 7/10
$ tastings best
2024-03-05 Chablis (Cy) 9/10
2024-02-05 Rioja (Bo) 7/10
```
"""


def test_what_a_casual_newcomer_spec_showed(tmp_path):
    # gigs' readings (tests/contract/newcomer/gigs), at a wine club: "the tasting of that wine on
    # that day" (found by both), "no tasting like that" (a failed lookup), "`... SCORE/10` (or `...
    # unscored` if we haven't scored it)" over a number 0 until scored, "our top 2 tastings by
    # score (same score -> newest first)", "only scored ones count", "in the same lines as book"
    # (its choice of two lines comes with it)
    assert _failures(tmp_path, TASTINGS, TASTINGS_RUN) == []


NEWCOMER = Path(__file__).parent / "newcomer"


@pytest.mark.parametrize("name", ["dogwalks", "chorechart"])
def test_what_the_newcomer_specs_of_this_round_showed(tmp_path, name):
    # dogwalks, written mid-round as a newcomer would (1 of 6 transcripts passed at first: its
    # price function was not found), then read: "5 for up to 30 minutes, and 2 more for every
    # started 15 minutes after that", names "printed the way I first typed them", `--dog NAME`
    # narrowing per-dog lines, "the prices of its unpaid walks added up", "mark them all paid"
    # (the unpaid ones), "`... (paid)` or `(unpaid)`"; chorechart (1 of 4 at first): "the same as
    # did, but the points are taken off (stored negative)", "takes back the very last chore I
    # logged", "0 points (pointless!)"
    spec = (NEWCOMER / name / "spec.md").read_text(encoding="utf-8")
    hidden = (NEWCOMER / name / "hidden.md").read_text(encoding="utf-8")
    assert _failures(tmp_path, spec, hidden) == []
