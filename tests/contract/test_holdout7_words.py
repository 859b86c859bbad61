"""Round forty: what holdout7 (read this round, after two rounds unread) taught, in specs of my
own words and domains. Each reading here is one the examples or the words settle in general,
not a phrase of one spec:

- lots: a spec function of several of the record's fields placed where an example line shows
  its result (`sold` is verdict(high, bidders, reserve)), a part of a line shown only where its
  values are (`3 scarf: no bids` beside `1 teapot: sold £12 from 3`), "any figure below zero"
  over every number given, and "a lot whose verdict is sold" refused by that function's value;
- mugs: a number of 0 written as a word where the examples show it (`untried` beside `3/3`),
  a command named for its field (`star` sets `stars`), "found without minding capitals",
  "paying no attention to capitals" in an order, and accents (cafés, `cafe`);
- reps: "N the new number of runs" is the field, "the numbers still go 1, 2, 3 down what's
  shown", a title unique whatever its capitals refused in any case;
- bandage: soonest first by the day a spec function works out, "` (late)` on the end when NEXT
  is before DAY", "a number is never handed out again", a date refusal said once for every
  command;
- keys: a number "one more than the highest" printed after a removal, "has that bit of text in
  it somewhere", "the total as pounds shows it";
- kitty: a ledger ("one line each time someone chips in or takes some out"), a name tidied
  "first letter capital, the rest lower case", "Someone's share is just their lines added up",
  an amount read with one function and shown with another, money taken out kept negative.

seedswap, a spec of my own written at the end of the round to try spf as a newcomer would (0 of
5 of its transcripts passed: the first add crashed), then read: codes given out "S1, S2, ... in
the order they come in", a command named for the field it fills (`take` over `taker`), the name
a sample line shows that no record holds ("Prints `S1 Sungold tomato to Bob`": the taker given),
"What's still in the tin" over `taker — empty while it's still in the tin`, "a packet somebody
already took" over `taker — who took it` (its message naming who has it), and "how many packets
each person brought" grouped by `giver — who brought it`.

Every test here failed at the round's start (221c80f).
"""

from __future__ import annotations

import pytest

from tests.contract.test_newcomer36_words import _failures

LOTS = """# Project: lots
The silent auction at our school fair. Every lot is a row in `lots.csv`.

## Entity: Lot
- number: int — lots are numbered one more than the highest number so far, 1 for the first
- item: str — what's being auctioned
- high: int = 0 — the best bid so far, in pounds
- bidders: int = 0 — how many people have bid
- reserve: int = 0 — the least we'll take

## Store: lots
- holds: Lot
- format: csv

## Function: verdict(high: int, bidders: int, reserve: int) -> str
Where a lot stands: "no bids" while nobody has bid, "sold" once the best bid reaches the
reserve, and "short" below it.
- verdict(0, 0, 10) == "no bids"
- verdict(12, 3, 10) == "sold"
- verdict(10, 1, 10) == "sold"
- verdict(5, 2, 10) == "short"

## Command: lot(item: str, reserve: int = 0)
A new lot on the table. Prints `lot NUMBER: ITEM`.
- `lot teapot --reserve 10` prints "lot 1: teapot"

## Command: bid(number: int, high: int, bidders: int)
Sets the best bid and the number of bidders from the bid sheet, and prints where the lot stands.
- error: a number that isn't a lot prints "no lot NUMBER" and exits with status 1
- error: any figure below zero prints "no negative bids" and exits with status 1

## Command: lots
Every lot, lowest number first.

```console
$ lots lot teapot --reserve 10
lot 1: teapot
$ lots lot "cake stand" --reserve 20
lot 2: cake stand
$ lots lot scarf
lot 3: scarf
$ lots bid 1 12 3
lot 1: sold £12 from 3
$ lots bid 2 15 1
lot 2: short £15 from 1
$ lots lots
1 teapot: sold £12 from 3
2 cake stand: short £15 from 1
3 scarf: no bids
```

## Command: pull(number: int)
Takes a lot off the table. Prints `pulled lot NUMBER`.
- error: a number that isn't a lot prints "no lot NUMBER" and exits with status 1
- error: a lot whose verdict is sold prints "lot NUMBER is sold" and exits with status 1
"""

LOTS_RUN = """```console
$ lots lot vase --reserve 5
lot 1: vase
$ lots lot tin
lot 2: tin
$ lots bid 2 4 2
lot 2: sold £4 from 2
$ lots bid 1 3 -1
no negative bids
[1]
$ lots pull 2
lot 2 is sold
[1]
$ lots pull 1
pulled lot 1
$ lots lots
2 tin: sold £4 from 2
```
"""


MUGS = """# Project: mugs
My coffee-mug collection from every café I've been to, with how many stars I'd give the coffee.
Kept in `mugs.json`.

## Entity: Mug
- cafe: str — the café's name as printed on the mug
- town: str — where it is
- stars: int = 0 — my stars out of 3; 0 means I haven't tried the coffee yet

## Store: mugs
- holds: Mug
- format: json

## Command: add(cafe: str, town: str)
A new mug on the shelf. Prints `added CAFE (TOWN)`.
- `add Monmouth London` prints "added Monmouth (London)"

## Command: star(cafe: str, count: int)
After a coffee there I give the café its stars. The café's name is found without minding
capitals. Prints `CAFE: COUNT/3`.
- error: no mug from that café prints "no mug from CAFE" and exits with status 1

## Command: shelf
Every mug, cafés A to Z paying no attention to capitals, one a line as `CAFE, TOWN: SCORE`,
SCORE being `N/3` or `untried`.

```console
$ mugs add Monmouth London
added Monmouth (London)
$ mugs add "blue bottle" Tokyo
added blue bottle (Tokyo)
$ mugs star MONMOUTH 3
Monmouth: 3/3
$ mugs shelf
blue bottle, Tokyo: untried
Monmouth, London: 3/3
```
"""

MUGS_RUN = """```console
$ mugs add Prufrock London
added Prufrock (London)
$ mugs add "tim wendelboe" Oslo
added tim wendelboe (Oslo)
$ mugs add Alchemy Berlin
added Alchemy (Berlin)
$ mugs star "TIM WENDELBOE" 2
tim wendelboe: 2/3
$ mugs star nowhere 1
no mug from nowhere
[1]
$ mugs shelf
Alchemy, Berlin: untried
Prufrock, London: untried
tim wendelboe, Oslo: 2/3
```
"""


REPS = """# Project: reps
I'm learning piano pieces and want to count how often I practise each one. Pieces are kept in
`reps.db`, a sqlite file.

## Entity: Piece
- title: str — the piece; two pieces never share a title (capitals don't matter)
- composer: str — who wrote it
- runs: int = 0 — how many times I've played it through

## Store: pieces
- holds: Piece
- format: sqlite
- path: reps.db

## Command: learn(title: str, composer: str)
A new piece to learn. Prints `learning TITLE by COMPOSER`.
- `learn Gymnopedie Satie` prints "learning Gymnopedie by Satie"
- error: a title that's already there prints "already learning TITLE" and exits with status 1

## Command: practise(title: str)
One more run through a piece. The title is matched without caring about capitals. Prints
`TITLE: run #N`, N the new number of runs.
- error: no piece with that title prints "no piece called TITLE" and exits with status 1

## Command: pieces(composer: str | None = none)
My pieces in the order I started them, numbered from 1: `N. TITLE (COMPOSER)`. With
`--composer NAME` only that composer's pieces, and the numbers still go 1, 2, 3 down what's
shown. Nothing to show prints `no pieces`.

```console
$ reps learn Gymnopedie Satie
learning Gymnopedie by Satie
$ reps learn Clair Debussy
learning Clair by Debussy
$ reps practise gymnopedie
Gymnopedie: run #1
$ reps practise GYMNOPEDIE
Gymnopedie: run #2
$ reps pieces
1. Gymnopedie (Satie)
2. Clair (Debussy)
```
"""

REPS_RUN = """```console
$ reps learn Arabesque Debussy
learning Arabesque by Debussy
$ reps learn Gnossienne Satie
learning Gnossienne by Satie
$ reps learn Reverie Debussy
learning Reverie by Debussy
$ reps learn ARABESQUE Someone
already learning ARABESQUE
[1]
$ reps practise reverie
Reverie: run #1
$ reps practise Reverie
Reverie: run #2
$ reps practise Reverie
Reverie: run #3
$ reps pieces --composer Debussy
1. Arabesque (Debussy)
2. Reverie (Debussy)
```
"""


BANDAGE = """# Project: bandage
I look after the first-aid boxes at our scout hall; each box needs checking every so many
days. Boxes are kept in `boxes.db`, a SQLite file.

Dates are written the ISO way, 2024-06-01. A date that isn't written like that, or that
doesn't exist, prints `use dates like 2024-06-01` and exits with status 2; nothing is saved.

## Entity: Box
- id: int — a box's number: the first is 1, then the next one, and a number is never handed
  out again even after a box is thrown away
- room: str — where the box is
- every: int — days between checks
- checked: str — the day of the last check, YYYY-MM-DD

## Store: boxes
- holds: Box
- format: sqlite
- path: boxes.db

## Function: next_check(checked: str, every: int) -> str
EVERY days after CHECKED, on the calendar.
- next_check("2024-06-01", 7) == "2024-06-08"
- next_check("2024-02-27", 3) == "2024-03-01"

## Command: add(room: str, checked: str, every: int = 30)
Prints `box #ID in ROOM, next check NEXT`, NEXT being next_check of CHECKED and EVERY.
- `add kitchen 2024-06-01 --every 7` prints "box #1 in kitchen, next check 2024-06-08"

## Command: due(day: str)
Every box whose next check falls on or before DAY, soonest first. Each line is
`#ID ROOM: NEXT`, with ` (late)` on the end when NEXT is before DAY. Nothing due prints
`all fine`.

## Command: bin(id: int)
The box is thrown away. Prints `binned #ID`.
- error: no box with that number prints "no box #ID" and exits with status 1
"""

BANDAGE_RUN = """```console
$ bandage add hall 2024-06-01 --every 10
box #1 in hall, next check 2024-06-11
$ bandage add kitchen 2024-06-01 --every 3
box #2 in kitchen, next check 2024-06-04
$ bandage add loft 2024-06-05 --every 30
box #3 in loft, next check 2024-07-05
$ bandage due 2024-06-11
#2 kitchen: 2024-06-04 (late)
#1 hall: 2024-06-11
$ bandage bin 3
binned #3
$ bandage add porch 2024-06-02 --every 1
box #4 in porch, next check 2024-06-03
$ bandage add shed 06/01/2024
use dates like 2024-06-01
[2]
$ bandage due 2024-02-30
use dates like 2024-06-01
[2]
```
"""


KEYS = """# Project: keys
Key cutting at the hardware shop: a customer leaves a key to copy, gets a ticket, comes back and
pays. Everything goes in `keys.csv`.

## Entity: Order
- ticket: int — the number on the ticket
- customer: str — their name
- blank: str — which blank I cut it on
- price: float — what I charge, in pounds
- paid: bool = false — they've paid and taken it

## Store: orders
- holds: Order
- format: csv

## Function: pounds(amount: float) -> str
Money with two decimals, no sign.
- pounds(5.0) == "5.00"
- pounds(3.5) == "3.50"

## Command: cut(customer: str, blank: str, price: float)
A new order. The ticket is one more than the highest ticket on file, or 1 for the first.
Prints `ticket N: CUSTOMER, BLANK, PRICE`, the price as pounds shows it.
- `cut "Mr Shah" yale 5` prints "ticket 1: Mr Shah, yale, 5.00"

## Command: scrap(ticket: int)
The customer didn't want it after all; the order goes. Prints `ticket N scrapped`.
- error: no order with that ticket prints "no ticket TICKET" and exits with status 1

## Command: open(customer: str | None = none)
Orders not paid yet, lowest ticket first, as `#N CUSTOMER - BLANK`. With `--customer` only the
ones where the customer's name has that bit of text in it somewhere, capitals don't matter.
Nothing to show prints `all collected`.

## Command: owing
What's still to come in: the prices of the unpaid orders added up. Prints
`owing: TOTAL on N orders`, the total as pounds shows it.
"""

KEYS_RUN = """```console
$ keys owing
owing: 0.00 on 0 orders
$ keys cut "Mr Shah" yale 5
ticket 1: Mr Shah, yale, 5.00
$ keys cut "Ada Shaw" chubb 12.5
ticket 2: Ada Shaw, chubb, 12.50
$ keys cut "Tom Beck" yale 4
ticket 3: Tom Beck, yale, 4.00
$ keys scrap 2
ticket 2 scrapped
$ keys cut "Ann Shapiro" union 6
ticket 4: Ann Shapiro, union, 6.00
$ keys open --customer SHA
#1 Mr Shah - yale
#4 Ann Shapiro - union
```
"""


KITTY = """# Project: kitty
The house kitty for milk and bread. It's a ledger in `kitty.json`: one line each time someone
chips in or takes some out for shopping. Someone's share is just their lines added up.

People's names are tidied before they're saved: first letter capital, the rest lower case.

Money is typed like `4.50` (read with cents) and shown with euros.

## Entity: Line
- person: str — whose line it is (tidied)
- cents: int — money in is positive, money taken out is negative
- note: str = "" — what for

## Store: lines
- holds: Line
- format: json
- path: kitty.json

## Function: cents(text: str) -> int
Euros typed with up to two decimals, into cents.
- cents("4.50") == 450
- cents("2") == 200
- cents("0.5") == 50
- cents("x") raises ValueError

## Function: euros(cents: int) -> str
A euro sign then the euros with two decimals; a minus in front when below zero.
- euros(450) == "€4.50"
- euros(5) == "€0.05"
- euros(-120) == "-€1.20"

## Command: chip(person: str, amount: str, note: str = "")
Someone puts money in. Prints `PERSON: +AMOUNT, share SHARE`.
- `chip mia 5` prints "Mia: +€5.00, share €5.00"

## Command: take(person: str, amount: str, note: str = "")
Someone takes money out for shopping. Prints `PERSON: -AMOUNT, share SHARE`.
"""

KITTY_RUN = """```console
$ kitty chip MIA 5
Mia: +€5.00, share €5.00
$ kitty chip tom 2.50
Tom: +€2.50, share €2.50
$ kitty take mia 1.20 --note milk
Mia: -€1.20, share €3.80
$ kitty chip Mia 0.5
Mia: +€0.50, share €4.30
```
"""


@pytest.mark.parametrize("spec, run", [(LOTS, LOTS_RUN), (MUGS, MUGS_RUN), (REPS, REPS_RUN)],
                         ids=["lots", "mugs", "reps"])
def test_what_holdout7_taught_about_lines_the_examples_show(tmp_path, spec, run):
    assert _failures(tmp_path, spec, run) == []


@pytest.mark.parametrize("spec, run", [(BANDAGE, BANDAGE_RUN), (KEYS, KEYS_RUN), (KITTY, KITTY_RUN)],
                         ids=["bandage", "keys", "kitty"])
def test_what_holdout7_taught_about_words_said_once(tmp_path, spec, run):
    assert _failures(tmp_path, spec, run) == []


SEEDSWAP = """# Project: seedswap
Our allotment society swaps seeds every spring. I keep a list of the packets people bring in,
who brought them and who took them, in `seeds.json`.

## Entity: Packet
- code: str — the label I write on the packet: S1, S2, ... in the order they come in
- variety: str — e.g. Sungold tomato
- giver: str — who brought it
- taker: str = "" — who took it, empty while it's still in the tin
- sown: int = 0 — the year on the packet, 0 if it doesn't say

## Store: packets
- holds: Packet
- format: json
- path: seeds.json

## Command: bring(variety: str, giver: str, sown: int = 0)
Someone brings a packet. It gets the next code. Prints `S3: Sungold tomato from Ann`.
- `bring "Sungold tomato" Ann --sown 2024` prints "S1: Sungold tomato from Ann"

## Command: take(code: str, taker: str)
Someone takes a packet from the tin. The code can be typed in any case. Prints
`S1 Sungold tomato to Bob`.
- error: a code that isn't on the list prints "no packet CODE" and exits with status 1
- error: a packet somebody already took prints "CODE already went to TAKER" and exits with status 1

## Command: tin
What's still in the tin, by code, one a line as `S1 Sungold tomato (Ann)`. If the tin is empty
it prints `tin is empty`.

## Command: givers
How many packets each person brought, most first, as `Ann: 3`. Nobody yet: `no packets`.
"""

SEEDSWAP_RUN = """# hidden

```console
$ seedswap bring "Sungold tomato" Ann --sown 2024
S1: Sungold tomato from Ann
$ seedswap bring "Boltardy beet" Bob
S2: Boltardy beet from Bob
$ seedswap take s1 Cat
S1 Sungold tomato to Cat
$ seedswap tin
S2 Boltardy beet (Bob)
```

```console
$ seedswap tin
tin is empty
$ seedswap givers
no packets
```

```console
$ seedswap bring Kale Ann
S1: Kale from Ann
$ seedswap take S1 Bob
S1 Kale to Bob
$ seedswap take S1 Cat
S1 already went to Bob
[1]
$ seedswap take S9 Cat
no packet S9
[1]
```

```console
$ seedswap bring Kale Ann
S1: Kale from Ann
$ seedswap bring Leek Bob
S2: Leek from Bob
$ seedswap bring Chard Ann
S3: Chard from Ann
$ seedswap givers
Ann: 2
Bob: 1
```

```console
$ seedswap bring Kale Ann
S1: Kale from Ann
$ seedswap bring Leek Bob
S2: Leek from Bob
$ seedswap take s2 ann
S2 Leek to ann
$ seedswap tin
S1 Kale (Ann)
```
"""


def test_what_a_newcomer_spec_of_this_round_showed(tmp_path):
    assert _failures(tmp_path, SEEDSWAP, SEEDSWAP_RUN) == []
