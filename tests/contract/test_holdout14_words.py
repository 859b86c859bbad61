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

Every test here fails at the round's start (the code of 3ce4072).
"""

from __future__ import annotations

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
