"""Rule lists stated in words are read, not searched: the words decide, the examples check."""

from __future__ import annotations

import pytest

from spf.loop import run_examples, task_from_function
from spf.spec import parse_spec
from spf.synthesis import Budget, synthesize
from spf.synthesis.patterns import read_shape
from spf.synthesis.rules import read_rules

BANDS = '''# Project: school

## Function: band(score: int, absences: int) -> str
Checked top to bottom, the first match decides: `fail` when score is below 50 or absences
is 10 or more; `merit` when score is at least 80 and absences is at most 2; `pass` when
score is between 50 and 79; otherwise `review`.
- band(40, 0) == "fail"
- band(90, 1) == "merit"
- band(60, 3) == "pass"
- band(85, 5) == "review"
- band(70, 12) == "fail"
'''

# Cases the examples do not show: the thresholds must be the stated ones.
HELD_OUT = [((80, 2), "merit"), ((50, 9), "pass"), ((49, 0), "fail"), ((81, 3), "review"),
            ((79, 9), "pass"), ((95, 10), "fail"), ((80, 3), "review")]


def _task(text: str):
    return task_from_function(parse_spec(text, file="s.md").functions[0])


def test_the_stated_rules_become_if_statements_in_their_order():
    task = _task(BANDS)
    result = synthesize(task, Budget())
    assert result.found, result.reason
    source = result.sources[0]
    assert ("    if score < 50 or absences >= 10:\n        return \"fail\"\n"
            "    if score >= 80 and absences <= 2:\n        return \"merit\"\n"
            "    if 50 <= score <= 79:\n        return \"pass\"\n"
            "    return \"review\"\n") in source
    assert run_examples(source, task, timeout=20) is None
    namespace: dict = {}
    exec(compile(source, "<synthesized>", "exec"), namespace)  # noqa: S102 - our own program
    for arguments, expected in HELD_OUT:
        assert namespace["band"](*arguments) == expected, arguments


def test_or_more_is_part_of_a_comparison_not_a_joiner():
    rules = read_rules("`hot` when temp is 30 or more or humidity is 90 or more; "
                       "otherwise `fine`.", ["temp", "humidity"], str)
    assert [rule.source for rule in rules.rules] == ["temp >= 30 or humidity >= 90"]
    assert rules.default == "fine"
    assert rules({"temp": 29, "humidity": 90}) == "hot"
    assert rules({"temp": 29, "humidity": 89}) == "fine"


@pytest.mark.parametrize("phrase, source", [
    ("x is 5 or less", "x <= 5"), ("x is at least 5", "x >= 5"), ("x is under 5", "x < 5"),
    ("x is more than 5", "x > 5"), ("x is exactly 5", "x == 5"), ("x is not 5", "x != 5"),
    ("x is above 2.5", "x > 2.5"), ("x is between 1 and 3", "1 <= x <= 3"),
])
def test_each_comparison_phrase(phrase, source):
    rules = read_rules(f"`a` when {phrase}; otherwise `b`", ["x"], str)
    assert rules.rules[0].source == source


@pytest.mark.parametrize("description", [
    # a condition in other words: the list is not read at all, not half of it
    "`a` when x is 5 or more; `b` when the weather is nice; otherwise `c`",
    # a name that is no parameter
    "`a` when y is 5 or more; otherwise `b`",
    # one rule and no default: no list
    "`a` when x is 5 or more",
    # no rules
    "Returns a letter.",
])
def test_what_is_not_a_readable_rule_list_gives_none(description):
    assert read_rules(description, ["x"], str) is None


def test_rules_the_examples_contradict_are_not_offered():
    task = _task('''# Project: p

## Function: size(n: int) -> str
`big` when n is 100 or more; otherwise `small`.
- size(150) == "big"
- size(50) == "big"
- size(10) == "small"
''')
    result = synthesize(task, Budget(max_programs=20_000))
    assert all("n >= 100" not in source for source in result.sources)


POSTCODE = '''# Project: post

## Function: postcode(code: str) -> bool
A postcode as written here: four digits, a space and two uppercase letters.
- postcode("1234 AB") == True
- postcode("1234AB") == False
- postcode("123 AB") == False
- postcode("1234 ab") == False
'''

SIZES = '''# Project: shirts

## Function: valid_size(size: str) -> bool
Whether a size is one we sell: small, medium or large, ignoring case.
- valid_size("small") == True
- valid_size("LARGE") == True
- valid_size("huge") == False
'''


CODES = '''# Project: lab

## Function: valid_code(code: str) -> bool
A code is the letter S (either case), a dash, and exactly four digits.
- valid_code("S-0042") == True
- valid_code("s-0042") == True
- valid_code("S-42") == False
'''

STARS = '''# Project: vocab

## Function: stars(level: int) -> str
A level drawn as five characters: one `*` per level point, then `.` for the rest.
- stars(0) == "....."
- stars(3) == "***.."
- stars(5) == "*****"
'''


def test_one_mark_per_point_then_the_rest_is_a_repetition_and_a_concatenation():
    """ "one `*` per level point, then `.` for the rest" hints the two rarer steps the program
    needs (``repeat``, ``concat``): within the default budget, and right on held-out levels."""
    task = _task(STARS)
    result = synthesize(task, Budget())
    assert result.found, result.reason
    namespace: dict = {}
    exec(compile(result.sources[0], "<synthesized>", "exec"), namespace)  # noqa: S102 - our own program
    assert [namespace["stars"](level) for level in (1, 2, 4)] == ["*....", "**...", "****."]


@pytest.mark.parametrize("text, body, held_out", [
    (CODES, 'return re.fullmatch("[Ss]-[0-9]{4}", code) is not None',
     [('valid_code("s-9999")', True), ('valid_code("X-0042")', False), ('valid_code("S-00421")', False)]),
    (POSTCODE, 'return re.fullmatch("[0-9]{4} [A-Z]{2}", code) is not None',
     [('postcode("9999 ZZ")', True), ('postcode("12345 AB")', False),
      ('postcode("abcd EF")', False), ('postcode("1234 ABC")', False)]),
    (SIZES, "return size.lower() in ('small', 'medium', 'large')",
     [('valid_size("Medium")', True), ('valid_size("med")', False),
      ('valid_size("smalls")', False)]),
])
def test_a_text_check_stated_in_words_is_read(text, body, held_out):
    task = _task(text)
    result = synthesize(task, Budget())
    assert result.found, result.reason
    source = result.sources[0]
    assert source.rstrip().endswith(body), source
    assert run_examples(source, task, timeout=20) is None
    namespace: dict = {}
    exec(compile(source, "<synthesized>", "exec"), namespace)  # noqa: S102 - our own program
    for call, expected in held_out:
        assert eval(call, namespace) is expected, call


def test_a_shape_the_examples_contradict_is_not_offered():
    # "2024-13-01" has the shape but is said to be false: the shape alone is not the check.
    task = _task('''# Project: p

## Function: ok(text: str) -> bool
Four digits, a dash, two digits, a dash, two digits, and a real month.
- ok("2024-03-09") == True
- ok("2024-13-01") == False
- ok("2024-3-9") == False
''')
    result = synthesize(task, Budget(max_programs=20_000))
    assert all("fullmatch" not in source for source in result.sources)


IDIOMS = [
    ('''## Function: valid_day(text: str) -> bool
True when the text is a real date written YYYY-MM-DD.
- valid_day("2024-02-29") == True
- valid_day("2023-02-29") == False
- valid_day("2024-13-01") == False
''', [('valid_day("2023-12-31")', True), ('valid_day("2023-04-31")', False), ('valid_day("2023-1-01")', False)]),
    ('''## Function: valid_day(month: int, day: int) -> bool
True when the day exists in that month (29 February counts).
- valid_day(2, 29) == True
- valid_day(2, 30) == False
- valid_day(4, 31) == False
''', [("valid_day(12, 31)", True), ("valid_day(13, 1)", False), ("valid_day(6, 31)", False)]),
    ('''## Function: date_text(month: int, day: int) -> str
The day and the month's English name, like `5 March`.
- date_text(3, 5) == "5 March"
- date_text(12, 25) == "25 December"
''', [("date_text(7, 14)", "14 July")]),
    ('''## Function: yes_no(flag: bool) -> str
`yes` or `no`.
- yes_no(True) == "yes"
- yes_no(False) == "no"
''', [("yes_no(True)", "yes")]),
    ('''## Function: ordinal(n: int) -> str
The number with its English suffix: 1st, 2nd, 3rd, 4th.
- ordinal(1) == "1st"
- ordinal(2) == "2nd"
- ordinal(3) == "3rd"
- ordinal(4) == "4th"
''', [("ordinal(11)", "11th"), ("ordinal(12)", "12th"), ("ordinal(21)", "21st"), ("ordinal(102)", "102nd")]),
    ('''## Function: days_between(start: str, end: str) -> int
How many days from START to END (ISO days).
- days_between("2024-01-01", "2024-01-31") == 30
- days_between("2024-02-28", "2024-03-01") == 2
''', [('days_between("2023-02-28", "2023-03-01")', 1), ('days_between("2024-12-31", "2025-01-01")', 1)]),
    ('''## Function: due(day: str, days: int) -> str
The day DAYS days after DAY, as YYYY-MM-DD.
- due("2024-01-30", 3) == "2024-02-02"
- due("2024-12-31", 1) == "2025-01-01"
''', [('due("2023-02-27", 2)', "2023-03-01")]),
    ('''## Function: weekday(day: str) -> str
The day of the week of an ISO day, in English.
- weekday("2024-05-06") == "Monday"
- weekday("2024-05-11") == "Saturday"
''', [('weekday("2024-05-08")', "Wednesday")]),
    ('''## Function: share(part: int, whole: int) -> str
The share as a whole percentage with a % sign; 0% when whole is 0.
- share(1, 4) == "25%"
- share(0, 0) == "0%"
''', [("share(1, 3)", "33%"), ("share(3, 3)", "100%")]),
    ('''## Function: valid_time(text: str) -> bool
True when the text is a real time of day written HH:MM.
- valid_time("09:30") == True
- valid_time("24:00") == False
- valid_time("9:30") == False
''', [('valid_time("23:59")', True), ('valid_time("12:60")', False)]),
    ('''## Function: valid_month(text: str) -> bool
True for a valid month written YYYY-MM.
- valid_month("2024-02") == True
- valid_month("2024-13") == False
''', [('valid_month("1999-12")', True), ('valid_month("2024-00")', False), ('valid_month("2024-1")', False)]),
    ('''## Function: grade_rank(grade: str) -> int
Place on the scale P=1, F=2, VF=3, XF=4, UNC=5; any case. Off the scale: ValueError.
- grade_rank("P") == 1
- grade_rank("xf") == 4
- grade_rank("mint") raises ValueError
''', [('grade_rank("unc")', 5), ('grade_rank("VF")', 3), ('grade_rank(" f ")', 2)]),
    ('''## Function: as_time(minutes: int) -> str
Whole hours as `N h`, the minutes left over as `M min`, both when there are both, `0 min` for nothing.
- as_time(45) == "45 min"
- as_time(60) == "1 h"
- as_time(135) == "2 h 15 min"
''', [("as_time(0)", "0 min"), ("as_time(121)", "2 h 1 min"), ("as_time(180)", "3 h")]),
    ('''## Function: price_for(hours: int) -> float
12 for the first hour and 8 for every hour after that, but never more than 40 for a single rental.
- price_for(1) == 12.0
- price_for(3) == 28.0
- price_for(0) raises ValueError
''', [("price_for(2)", 20.0), ("price_for(4)", 36.0), ("price_for(8)", 40.0)]),
    ('''## Function: title(text: str) -> str
The blanks around it go, runs of spaces inside become one space, and the very first letter is made a capital.
- title("  star   burst ") == "Star burst"
- title("log CABIN") == "Log CABIN"
''', [('title("owls")', "Owls"), ('title(" a  b  C ")', "A b C")]),
    ('''## Function: metres(depth: float) -> str
Rounded to one decimal place, with a `.0` left off, then ` m`.
- metres(18.0) == "18 m"
- metres(18.5) == "18.5 m"
- metres(12.34) == "12.3 m"
''', [("metres(40.0)", "40 m"), ("metres(10.0)", "10 m"), ("metres(100.04)", "100 m")]),
]


def _right_beyond_examples(text: str, held_out: list) -> None:
    """Synthesized within a small budget, passing its examples, and right on the held-out calls."""
    task = _task("# Project: p\n\n" + text)
    result = synthesize(task, Budget(max_programs=50_000))
    assert result.found, result.reason
    assert run_examples(result.sources[0], task, timeout=20) is None
    namespace: dict = {}
    exec(compile(result.sources[0], "<synthesized>", "exec"), namespace)  # noqa: S102 - our own program
    for call, expected in held_out:
        assert eval(call, namespace) == expected, call


@pytest.mark.parametrize("text, held_out", IDIOMS)
def test_helpers_named_in_a_phrase_are_read_and_right_beyond_their_examples(text, held_out):
    """A real ISO day, time or month, a day of a month, a month's name, a word for a flag, an
    ordinal, a stated table, hours and minutes part by part, a first step then each, a capital
    first letter, one decimal with `.0` left off (spf.synthesis.idioms, and month names as
    template placeholders): found at once and right on calls the examples do not show (leap
    years, 11th-13th, months of 30 days, 40 m where enumeration found `.strip(".0")`)."""
    _right_beyond_examples(text, held_out)


@pytest.mark.parametrize("text, held_out", [
    ('''## Function: players(low: int, high: int) -> str
The player count: `2-4 players`, or `2 players` when both are the same.
- players(2, 4) == "2-4 players"
- players(2, 2) == "2 players"
- players(1, 6) == "1-6 players"
''', [("players(3, 3)", "3 players"), ("players(3, 5)", "3-5 players")]),
    ('''## Function: duration(minutes: int) -> str
Minutes as `1 h 30 min`; under an hour just `45 min`.
- duration(90) == "1 h 30 min"
- duration(45) == "45 min"
- duration(120) == "2 h 0 min"
''', [("duration(59)", "59 min"), ("duration(61)", "1 h 1 min")]),
])
def test_a_line_with_a_second_form_the_words_state(text, held_out):
    """Two line forms split by what the words say ("when both are the same": an equality of
    two inputs; "under an hour": 60 minutes), one of them shown by a single example; numbers
    inside the backticked examples are no thresholds."""
    _right_beyond_examples(text, held_out)


def test_rules_that_name_their_parameters_by_unit():
    """ "`hard` when it is over 80 km or has more than 1000 m of climbing, `easy` when it is
    under 30 km and has less than 300 m, `medium` otherwise": the parameters by their units
    (``km``; ``climb`` for "climbing", then "300 m" by the unit read before), rules in one
    sentence, a default written after its value."""
    rules = read_rules("How hard a route is: `hard` when it is over 80 km or has more than 1000 m of "
                       "climbing, `easy` when it is under 30 km and has less than 300 m, `medium` otherwise.",
                       ["km", "climb"], str)
    assert [(rule.source, rule.result) for rule in rules.rules] == [
        ("km > 80 or climb > 1000", "hard"), ("km < 30 and climb < 300", "easy")]
    assert (rules.default, rules.has_default) == ("medium", True)


ROUND_SEVEN_IDIOMS = [
    ('''## Function: voice_of(text: str) -> str
Understands which voice is meant. The spaces around are ignored, and also big or small
letters. The full names soprano, alto, tenor and bass are accepted, and also only the first
letter (s, a, t, b). It gives back the full name in small letters. For all other texts it
raises ValueError.
- voice_of("Alto") == "alto"
- voice_of(" t ") == "tenor"
- voice_of("S") == "soprano"
- voice_of("baritone") raises ValueError
''', [('voice_of("B")', "bass"), ('voice_of(" SOPRANO ")', "soprano"), ('voice_of("a")', "alto")]),
    ('''## Function: kind_of(text: str) -> str
Cleans a kind of firing: the blanks around it are dropped and it is put in lower case. Only
bisque, glaze and raku are kinds; anything else raises ValueError.
- kind_of(" Glaze ") == "glaze"
- kind_of("RAKU") == "raku"
- kind_of("stoneware") raises ValueError
''', [('kind_of("Bisque")', "bisque"), ('kind_of(" raku")', "raku")]),
    ('''## Function: band(mhz: float) -> str
The band a frequency (in MHz) falls in: 3.5 to 4.0 is "80m", 7.0 to 7.3 is "40m", 14.0 to
14.35 is "20m", 21.0 to 21.45 is "15m" and 28.0 to 29.7 is "10m", both ends included. Any
other frequency raises ValueError.
- band(7.074) == "40m"
- band(14.0) == "20m"
- band(3.6) == "80m"
- band(10.1) raises ValueError
''', [("band(4.0)", "80m"), ("band(29.7)", "10m"), ("band(21.2)", "15m"), ("band(14.35)", "20m")]),
    ('''## Function: tidy(text: str) -> str
Is removing the spaces at the begin and at the end, makes every run of spaces inside to one
space, and puts the first letter in upper case. The other letters are staying like they are.
- tidy("  blue   umbrella ") == "Blue umbrella"
- tidy("key") == "Key"
''', [('tidy("iPhone  charger")', "IPhone charger"), ('tidy(" red SCARF")', "Red SCARF")]),
]


ROUND_SEVEN_IDIOMS += [
    ("""## Function: valid_ram(gib: int) -> bool
True when gib is a power of two from 1 to 4096 inclusive; anything else is false.
- valid_ram(64) == True
- valid_ram(1) == True
- valid_ram(48) == False
- valid_ram(0) == False
- valid_ram(8192) == False
""", [("valid_ram(4096)", True), ("valid_ram(2048)", True), ("valid_ram(96)", False), ("valid_ram(-4)", False)]),
    ("""## Function: stars(rating: int) -> str
Five characters: RATING asterisks, then dashes to fill. Outside 0..5 it raises ValueError.
- stars(3) == "***--"
- stars(0) == "-----"
- stars(6) raises ValueError
""", [("stars(1)", "*----"), ("stars(5)", "*****")]),
    ("""## Function: add_months(month: str, count: int) -> str
Given a month written YYYY-MM, return the month that comes COUNT months after it, in the same
form.
- add_months("2025-06", 1) == "2025-07"
- add_months("2025-11", 3) == "2026-02"
""", [('add_months("2024-12", 12)', "2025-12"), ('add_months("2025-01", 23)', "2026-12")]),
    ("""## Function: valid_kind(kind: str) -> bool
Return true when the kind, ignoring surrounding blanks and case, is one of kombucha, kefir,
kimchi, kraut or miso; otherwise false.
- valid_kind("Kimchi") == True
- valid_kind(" kefir ") == True
- valid_kind("beer") == False
""", [('valid_kind("MISO ")', True), ('valid_kind("kraut")', True), ('valid_kind("kvass")', False)]),
]


@pytest.mark.parametrize("text, held_out", ROUND_SEVEN_IDIOMS)
def test_listed_values_stated_ranges_and_a_capital_first_letter(text, held_out):
    """Round seven's helpers in words: a value kept only when the words list it (initials
    accepted where "only the first letter" is), a label per stated range (both ends
    included), "puts the first letter in upper case", a power of two in a range, a filled
    bar, a month plus N months, a word list ignoring the blanks around; right on calls the
    examples do not show (the ends of the ranges, other cases, other initials, year ends)."""
    _right_beyond_examples(text, held_out)


@pytest.mark.parametrize("words, pattern", [
    ("A term is four digits followed by a capital A or B.", "[0-9]{4}[AB]"),
    ("A term is four digits followed by an A or a B.", "[0-9]{4}[AB]"),
    ("Two digits then a letter N, S, E or W.", "[0-9]{2}[NSEW]"),
    ("A or B.", None),
])
def test_a_letter_out_of_listed_capitals_is_a_shape_item(words, pattern):
    assert read_shape(words) == pattern


def test_a_term_of_four_digits_and_a_capital_a_or_b_is_checked_by_its_shape():
    """A newcomer's choir spec: "a capital A or B" was not read as a shape item, the search
    found nothing, and every `pay` stopped with "not implemented yet"."""
    task = _task('''# Project: choir

## Function: valid_term(text: str) -> bool
A term is four digits followed by a capital A or B.
- valid_term("2024A") == True
- valid_term("2024C") == False
- valid_term("24A") == False
''')
    result = synthesize(task, Budget())
    assert result.found, result.reason
    source = result.sources[0]
    assert source.rstrip().endswith('return re.fullmatch("[0-9]{4}[AB]", text) is not None'), source
    namespace: dict = {}
    exec(compile(source, "<synthesized>", "exec"), namespace)  # noqa: S102 - our own program
    assert [namespace["valid_term"](term) for term in ("1999B", "2024a", "2024AB", "202A")] == [True, False, False, False]


def test_a_letter_then_a_range_of_digits_is_a_shape():
    """"the letter K, in either case, followed by one to three digits and nothing else": two
    items joined by "followed by" and a count range (the search alone had found
    `abs(3 - len(tag)) == 1`, right on the examples, `K20` refused)."""
    task = _task('''# Project: keys

## Function: tag_ok(tag: str) -> bool
A tag is the letter K, in either case, followed by one to three digits and nothing else.
- tag_ok("K7") == True
- tag_ok("k042") == True
- tag_ok("K") == False
- tag_ok("K1234") == False
- tag_ok("D12") == False
''')
    result = synthesize(task, Budget())
    assert result.found, result.reason
    assert result.sources[0].rstrip().endswith('return re.fullmatch("[Kk][0-9]{1,3}", tag) is not None')
    namespace: dict = {}
    exec(compile(result.sources[0], "<synthesized>", "exec"), namespace)  # noqa: S102 - our own program
    assert [namespace["tag_ok"](tag) for tag in ("K20", "k100", "K1a", "KK1")] == [True, True, False, False]


ROUND_EIGHT_IDIOMS = [
    ("""## Function: size(nbytes: int) -> str
Under 1000 bytes: the bytes and " B". From 1000 bytes on: the kilobytes with one decimal and
" kB"; what is past the decimal is cut off, not rounded.
- size(999) == "999 B"
- size(1000) == "1.0 kB"
- size(1590) == "1.5 kB"
""", [("size(0)", "0 B"), ("size(1999)", "1.9 kB"), ("size(25550)", "25.5 kB")]),
    ("""## Function: distance(km: float) -> str
Below 1 km the metres, rounded to whole metres, then " m"; from 1 km on the km with one decimal
then " km".
- distance(0.25) == "250 m"
- distance(1.0) == "1.0 km"
- distance(12.34) == "12.3 km"
""", [("distance(0.5)", "500 m"), ("distance(7.26)", "7.3 km"), ("distance(0.0)", "0 m")]),
    ("""## Function: fare(rides: int, price: float) -> float
The rides times the price; 12 rides or more get 25% off. Rounded to two decimals.
- fare(2, 3.0) == 6.0
- fare(11, 2.0) == 22.0
- fare(12, 2.0) == 18.0
""", [("fare(13, 2.0)", 19.5), ("fare(1, 9.99)", 9.99), ("fare(100, 0.1)", 7.5)]),
]


@pytest.mark.parametrize("text, held_out", ROUND_EIGHT_IDIOMS)
def test_a_unit_that_suits_the_value_and_a_discount_from_a_threshold_on(text, held_out):
    """Round eight's helpers in words: a measure written in the unit that suits it, the switch
    point said in words and each side's text, scale, decimals and rounding (or cutting) read
    off its examples; a price with "N% off" from a stated count on. Right beyond the examples
    (a cut 1.9 kB where rounding says 2.0, the discount's own threshold and past it)."""
    _right_beyond_examples(text, held_out)


def test_listed_values_with_words_that_mean_one_of_them():
    """"The words "cardboard" and "newspaper" shall mean paper, and "cans" and "tins" shall
    mean metal (in any case). Anything that is not paper, glass, metal or plastic after this
    shall raise ValueError": the listed values and the words that stand for them (the search
    alone had found a chain of ifs right only on the examples)."""
    _right_beyond_examples('''## Function: material_of(text: str) -> str
Given what the volunteer typed, return the material in lower case without surrounding blanks.
The words "cardboard" and "newspaper" shall mean paper, and "cans" and "tins" shall mean metal
(in any case). Anything that is not paper, glass, metal or plastic after this shall raise
ValueError.
- material_of(" Glass ") == "glass"
- material_of("CANS") == "metal"
- material_of("cardboard") == "paper"
- material_of("wood") raises ValueError
''', [('material_of("Newspaper ")', "paper"), ('material_of("TINS")', "metal"), ('material_of("plastic")', "plastic")])


def test_a_stated_range_is_the_raise_guard():
    """"Numbers outside 1..9999 raise ValueError": the guard is the stated range (the search
    had kept `number % 4 == 0`, which splits 0 and 10000 from 1, 42 and 9999 by chance)."""
    _right_beyond_examples('''## Function: tape_label(number: int) -> str
The label for tape NUMBER: a capital T, then the number zero-padded to four digits.
Numbers outside 1..9999 raise ValueError.
- tape_label(42) == "T0042"
- tape_label(1) == "T0001"
- tape_label(9999) == "T9999"
- tape_label(0) raises ValueError
- tape_label(10000) raises ValueError
''', [("tape_label(120)", "T0120"), ("tape_label(8)", "T0008")])


SPOOL = '''# Project: p

## Function: spool_cost(grams: int, per_kg: float) -> float
What GRAMS of filament cost at PER_KG for a kilogram, rounded to cents.
- spool_cost(200, 25.0) == 5.0
- spool_cost(35, 20.0) == 0.7
- spool_cost(1000, 19.99) == 19.99
- spool_cost(0, 30.0) == 0.0
'''


def test_a_unit_named_in_words_gives_its_size():
    """corpus7/printfarm: "at PER_KG for a kilogram" of grams needs 1000, which no example or
    number in the words gives: "kilogram" (like "hundred", "cents") puts it in the pool, so the
    search finds the price of the grams (it stayed unimplemented)."""
    result = synthesize(_task(SPOOL), Budget())
    assert result.found, result.reason
    namespace: dict = {}
    exec(compile(result.sources[0], "<synthesized>", "exec"), namespace)  # noqa: S102 - our own program
    assert [namespace["spool_cost"](*arguments) for arguments in ((500, 20.0), (1234, 10.0))] == [10.0, 12.34]


KNITS = '''# Project: knits

## Function: percent(done: int, rows: int) -> int
how far along, whole percent, rounded down.
- percent(50, 200) == 25
- percent(1, 3) == 33
- percent(199, 200) == 99
- percent(200, 200) == 100

## Function: bar(done: int, rows: int) -> str
10-wide bar in brackets: one `#` per full 10% (rounded down), `-` for the rest.
- bar(50, 200) == "[##--------]"
- bar(0, 10) == "[----------]"
- bar(99, 100) == "[#########-]"
- bar(10, 10) == "[##########]"

## Function: valid_time(text: str) -> bool
A time is accepted only when written HH:MM with two digits each, the hour being 00–23 and the
minute 00–59.
- valid_time("09:00") == True
- valid_time("23:59") == True
- valid_time("24:00") == False
- valid_time("9:00") == False
'''


@pytest.mark.parametrize("name, calls", [
    ("percent", [((30, 40), 75), ((7, 9), 77), ((0, 5), 0)]),  # whole percent, rounded down
    ("bar", [((30, 40), "[#######---]"), ((1, 3), "[###-------]")]),  # one `#` per full 10%
    ("valid_time", [(("17:00",), True), (("08:15",), True), (("12:60",), False), (("7:05",), False)]),
])
def test_a_percent_rounded_down_a_bar_of_a_part_and_a_time_by_its_hour_range(name, calls):
    """corpus12/knits and corpus11/incubators, first measured unimplemented or overfitted: the
    examples alone let the search return `str(sum(...) + len(text)) in text` for valid_time and a
    float for percent; the words pick the idioms ("whole percent, rounded down"; "10-wide bar in
    brackets: one `#` per full 10% ..., `-` for the rest"; "HH:MM ..., the hour being 00–23")."""
    function = next(f for f in parse_spec(KNITS, file="s.md").functions if f.name == name)
    result = synthesize(task_from_function(function), Budget())
    assert result.found, result.reason
    namespace: dict = {}
    exec(compile(result.sources[0], "<synthesized>", "exec"), namespace)  # noqa: S102 - our own program
    assert [namespace[name](*arguments) for arguments, _ in calls] == [expected for _, expected in calls]


@pytest.mark.parametrize("text, held_out", [
    ('''## Function: age_group_for(age: int) -> str
The age group a child of that age plays in: U8 for ages 5 to 7, U10 for 8 and 9, U12 for 10
and 11, U14 for 12 and 13, U16 for 14 and 15. Any other age is a ValueError.
- age_group_for(6) == "U8"
- age_group_for(8) == "U10"
- age_group_for(15) == "U16"
- age_group_for(16) raises ValueError
''', [("age_group_for(10)", "U12"), ("age_group_for(13)", "U14"), ("age_group_for(7)", "U8"),
      ("age_group_for(9)", "U10")]),
    ('''## Function: parcel_size(people: int) -> str
One or two people get a small parcel, three or four a medium one, five or more a large one.
Fewer than one person is a ValueError.
- parcel_size(1) == "small"
- parcel_size(4) == "medium"
- parcel_size(7) == "large"
- parcel_size(0) raises ValueError
''', [("parcel_size(2)", "small"), ("parcel_size(3)", "medium"), ("parcel_size(5)", "large")]),
    ('''## Function: mileage_cost(miles: float, rate: float = 0.45) -> float
What a number of miles costs at a rate in pounds per mile. Negative miles are a ValueError.
- mileage_cost(100) == 45.0
- mileage_cost(12.5, rate=0.4) == 5.0
- mileage_cost(-1) raises ValueError
''', [("mileage_cost(0)", 0.0), ("mileage_cost(0.2)", 0.09000000000000001)]),
])
def test_labels_per_worded_range_and_a_stated_sign_are_right_beyond_their_examples(text, held_out):
    """corpus14's functions: a label per range stated clause by clause (number words, "or
    more", labels no example shows but shaped like those that do), and "Negative miles are a
    ValueError" as ``miles < 0`` (not the default 0.45, which also splits the examples)."""
    _right_beyond_examples(text, held_out)


def test_a_function_declared_int_returns_an_int_not_an_equal_float():
    """`pace(pieces: int, hours: float) -> int` with `pace(1000, 8.0) == 125`: ``pieces // hours``
    gives 125.0, which a command would print as `125.0`; the example's value is a whole number."""
    task = _task('''# Project: p

## Function: pace(pieces: int, hours: float) -> int
Pieces per hour, rounded down to a whole number. The hours must be more than zero.
- pace(1000, 8.0) == 125
- pace(500, 3.0) == 166
- pace(100, 0.0) raises ValueError
''')
    result = synthesize(task, Budget(milliseconds=20000))
    assert result.found, result.reason
    namespace: dict = {}
    exec(compile(result.sources[0], "<synthesized>", "exec"), namespace)  # noqa: S102 - our own program
    assert type(namespace["pace"](1000, 8.0)) is int


def _defined(task) -> dict:
    """The names the synthesized program of ``task`` defines (it must be found)."""
    result = synthesize(task, Budget())
    assert result.found, result.reason
    namespace: dict = {}
    exec(compile(result.sources[0], "<synthesized>", "exec"), namespace)  # noqa: S102 - our own program
    return namespace


@pytest.mark.parametrize(("text", "examples", "held_out"), [
    ("90 and up is gold, 70 and up silver, the rest bronze.",
     [(95, "gold"), (90, "gold"), (70, "silver"), (12, "bronze")], [(89, "silver"), (71, "silver"), (69, "bronze")]),
    ("Under 18.5 is low, 25 or more: high, otherwise ok.",
     [(17, "low"), (30, "high"), (20, "ok")], [(18.4, "low"), (18.5, "ok"), (25, "high"), (24.9, "ok")]),
])
def test_bands_written_threshold_first_with_bare_words_are_read(text, examples, held_out):
    """"90 and up is gold, 70 and up silver, the rest bronze": the stated thresholds, not any
    the examples allow (it returned gold from 71 up)."""
    lines = "\n".join(f"- band({value}) == {result!r}".replace("'", '"') for value, result in examples)
    task = _task(f"# Project: medals\n\n## Function: band(points: float) -> str\n{text}\n{lines}\n")
    namespace = _defined(task)
    for value, expected in held_out:
        assert namespace["band"](value) == expected, value


def test_a_band_word_no_example_shows_is_not_read():
    from spf.synthesis.rules import read_bands
    assert read_bands("90 and up is gold, the rest bronze.", "points", {"gold"}) is None
    assert read_bands("90 and up is gold, the rest bronze.", "points", {"gold", "bronze"}).default == "bronze"


@pytest.mark.parametrize(("text", "examples", "held_out", "refused"), [
    (("Agencies write the code in all sorts of ways (`fb-104`, `FB 104`). code removes every space and every dash "
     "and makes the letters upper case. What is left must be two letters followed by three or four digits, like "
     "`FB104` or `CA2210`; anything else raises ValueError."),
     [("fb-104", "FB104"), (" cA 2210 ", "CA2210")], [("h s-77 31", "HS7731"), ("sc310", "SC310")],
     ["104", "FB10", "F104", "FB12345"]),
    (("A shelf is named by a letter from A to F (the bay) followed by one digit from 1 to 9 (the shelf in that bay). "
     "It removes spaces at both ends, makes the letter upper case and returns the result, like `B3`. Anything else "
     "(another letter, a 0, two digits, extra characters) raises ValueError."),
     [("b3", "B3"), (" C7 ", "C7")], [("f9", "F9"), ("A1", "A1")], ["G1", "A10", "A0", "B3x"]),
    (("A tent's condition is one of three words: `good`, `worn` (still usable, but keep an eye on it) or `repair` "
     "(not to be taken on camp until it is fixed). It removes spaces at both ends and makes the word lower case; "
     "any other word raises ValueError."),
     [(" Worn ", "worn"), ("repair", "repair")], [("GOOD", "good"), ("Repair ", "repair")], ["torn", "worns", ""]),
    ("Trim, upper case; must then be `J` followed by one or more digits, else ValueError.",  # corpus29's deposits:
     [(" j104 ", "J104"), ("J7", "J7")], [("j1", "J1"), (" J12345", "J12345")], ["104", "JX1", "J", "J5A"]),
])
def test_a_cleaned_code_kept_only_in_the_stated_shape_or_list(text, examples, held_out, refused):
    """Cleaning steps read from the words ("removes every space and every dash", "upper case"),
    shapes with ranges and asides ("a letter from A to F (the bay)"), and word lists written in
    backticks with asides are read; the search guessed a check that fit the examples
    (``text.isalnum()``, ``shelf[:1].isupper()``, ``word.removesuffix("repair").islower()``)."""
    lines = "\n".join(f'- code("{given}") == "{result}"' for given, result in examples)
    task = _task(f"# Project: p\n\n## Function: code(text: str) -> str\n{text}\n{lines}\n"
                 f'- code("{refused[0]}") raises ValueError\n')
    namespace = _defined(task)
    for given, expected in held_out:
        assert namespace["code"](given) == expected, given
    for given in refused:
        with pytest.raises(ValueError):
            namespace["code"](given)


def test_a_letter_and_a_number_in_a_range_with_leading_zeros_dropped():
    """"the letter T and a number from 1 to 99 ... drops leading zeros from the number, so ` t07 `
    becomes `T7`": the search wrote ``text.replace(" t07 ", "T7")``."""
    task = _task("# Project: p\n\n## Function: tent_tag(text: str) -> str\nEvery tent bag has a tag painted on it: "
                 "the letter T and a number from 1 to 99. tent_tag removes spaces at both ends, makes the T upper case "
                 "and drops leading zeros from the number, so ` t07 ` becomes `T7`. Anything that is not a T followed "
                 "by a number from 1 to 99 raises ValueError.\n"
                 '- tent_tag(" t07 ") == "T7"\n- tent_tag("T12") == "T12"\n- tent_tag("7") raises ValueError\n'
                 '- tent_tag("T100") raises ValueError\n')
    namespace = _defined(task)
    assert [namespace["tent_tag"](given) for given in ("t012", " T99", "t1")] == ["T12", "T99", "T1"]
    for given in ("T0", "T100", "tent3", "X7"):
        with pytest.raises(ValueError):
            namespace["tent_tag"](given)


def test_a_formula_the_words_write_rounded_half_up_with_the_examples_sign():
    """"100 * flowered / count, rounded to the nearest whole number, a half always rounded up" with
    a `%` sign: the written formula, not a search (none was found)."""
    task = _task("# Project: p\n\n## Function: success(flowered: int, count: int) -> str\nThe share of bulbs that "
                 "flowered, as a whole percentage with a `%` sign: 100 * flowered / count, rounded to the nearest "
                 "whole number, a half always rounded up.\n"
                 '- success(9, 12) == "75%"\n- success(0, 5) == "0%"\n- success(2, 3) == "67%"\n- success(1, 8) == "13%"\n')
    namespace = _defined(task)
    assert [namespace["success"](*given) for given in ((1, 40), (3, 40), (5, 12), (12, 12))] == ["3%", "8%", "42%", "100%"]


@pytest.mark.parametrize("words", [
    ("A day must be written `YYYY-MM-DD` (four digits, two, two) and be a real date on the calendar.\nIt is returned "
     "unchanged; anything else raises ValueError."),
    "Exactly `YYYY-MM-DD` (4, 2, 2 digits) and a real date. Same text back, else ValueError.",
    ("Exactly 4 digits, `-`, 2 digits, `-`, 2 digits, and a real date on the calendar. Gives the\ntext back unchanged; "
     "anything else raises ValueError."),
])
def test_a_check_that_gives_its_text_back_unchanged(words):
    """"A day must be written `YYYY-MM-DD` ... and be a real date on the calendar. It is returned
    unchanged; anything else raises ValueError": the real-date reading as a raise (none found);
    a tradesman's terser wordings (corpus29: "Same text back", a shape spelled out)."""
    task = _task(f"# Project: p\n\n## Function: check_day(text: str) -> str\n{words}\n"
                 '- check_day("2024-02-29") == "2024-02-29"\n- check_day("2023-02-29") raises ValueError\n'
                 '- check_day("2024-5-4") raises ValueError\n')
    namespace = _defined(task)
    assert namespace["check_day"]("2023-12-31") == "2023-12-31"
    for given in ("2023-04-31", "2024-13-01", "20240101", "2024-01-1"):
        with pytest.raises(ValueError):
            namespace["check_day"](given)


def test_a_range_read_from_text_and_written_back_once_when_the_ends_are_the_same():
    """"either one whole number (`12`) or two whole numbers joined by a dash (`8-16`), the first not
    bigger than the second. Returns (smallest, largest)" and "`SMALLEST-LARGEST`, or just the one
    number when both are the same": neither was found."""
    parse = _task("# Project: p\n\n## Function: parse_sizes(text: str) -> tuple[int, int]\nThe size range on the "
                  "envelope: either one whole number (`12`, meaning only that size) or two whole numbers joined by a "
                  "dash with no blanks (`8-16`), the first not bigger than the second.\nReturns (smallest, largest). "
                  'Anything else raises ValueError.\n- parse_sizes("8-16") == (8, 16)\n- parse_sizes("12") == (12, 12)\n'
                  '- parse_sizes("16-8") raises ValueError\n- parse_sizes("large") raises ValueError\n')
    write = _task("# Project: p\n\n## Function: sizes_text(smallest: int, largest: int) -> str\nThe size range the way "
                  "it is printed: `SMALLEST-LARGEST`, or just the one number when both are the same.\n"
                  '- sizes_text(8, 16) == "8-16"\n- sizes_text(12, 12) == "12"\n')
    namespace: dict = {}
    for task in (parse, write):
        result = synthesize(task, Budget())
        assert result.found, result.reason
        exec(compile(result.sources[0], "<synthesized>", "exec"), namespace)  # noqa: S102 - our own program
    assert namespace["parse_sizes"]("6-6") == (6, 6) and namespace["parse_sizes"]("10-22") == (10, 22)
    for given in ("8 - 16", "-4", "8-", "12-10"):
        with pytest.raises(ValueError):
            namespace["parse_sizes"](given)
    assert [namespace["sizes_text"](*pair) for pair in ((4, 4), (6, 20))] == ["4", "6-20"]


def test_a_rate_per_kind_written_price_first_times_the_amount():
    """"the minutes times the rate per minute, which is 10p for card, 20p for plywood, 20p for mdf and
    30p for acrylic": a table of rates (written "10p for card") times the minutes (none was found)."""
    task = _task("# Project: p\n\n## Function: cost(material: str, minutes: int) -> int\nThe price of a job in pence: "
                 "the minutes times the rate per minute, which is 10p for card, 20p for plywood, 20p for mdf and 30p "
                 "for acrylic. A material that is not one of these raises ValueError.\n"
                 '- cost("acrylic", 12) == 360\n- cost("card", 5) == 50\n- cost("plywood", 0) == 0\n'
                 '- cost("glass", 3) raises ValueError\n')
    namespace = _defined(task)
    assert [namespace["cost"](*given) for given in (("mdf", 3), ("plywood", 10), ("card", 1))] == [60, 200, 10]
    with pytest.raises(ValueError):
        namespace["cost"]("oak", 1)


def test_a_price_per_started_unit_with_an_extra_for_a_flag():
    """"3 euro for each started kilo ... a very small bag pays one kilo. Ironing is 2 euro more for
    each started kilo. The result is in cents." (none was found)."""
    task = _task("# Project: p\n\n## Function: price_cents(kg: float, iron: bool) -> int\nWashing costs 3 euro for each "
                 "started kilo, so 2.1 kg pays like 3 kg. Also a very small bag pays one kilo. Ironing is 2 euro more "
                 "for each started kilo. The result is in cents.\n- price_cents(2.5, False) == 900\n"
                 "- price_cents(0.4, False) == 300\n- price_cents(2.0, True) == 1000\n- price_cents(3.2, True) == 2000\n")
    namespace = _defined(task)
    assert [namespace["price_cents"](*given) for given in ((0.1, True), (4.01, False), (1.0, True))] == [500, 1500, 500]


def test_the_decade_of_a_year():
    """"The decade a year falls in, written like `1980s`" (the search ran out of programs)."""
    task = _task('# Project: p\n\n## Function: decade(year: int) -> str\nThe decade a year falls in, written like `1980s`.\n'
                 '- decade(1987) == "1980s"\n- decade(2000) == "2000s"\n- decade(1959) == "1950s"\n')
    namespace = _defined(task)
    assert [namespace["decade"](year) for year in (1900, 1909, 2024)] == ["1900s", "1900s", "2020s"]


def test_a_share_added_to_an_amount_and_a_percentage_whose_half_rounds_up():
    """corpus29's quotes: "Add 20% VAT, rounded to the penny" (the search's closest was
    `amount + 20`) and "part out of whole as a whole-number percentage, a half rounds up"
    ("rounds" was not read as rounding)."""
    vat = _defined(_task('# Project: p\n\n## Function: with_vat(amount: float) -> float\nAdd 20% VAT, rounded to the '
                         'penny.\n- with_vat(100.0) == 120.0\n- with_vat(99.99) == 119.99\n- with_vat(12.5) == 15.0\n'))
    assert [vat["with_vat"](amount) for amount in (0.0, 1.01, 250.0)] == [0.0, 1.21, 300.0]
    share = _defined(_task('# Project: p\n\n## Function: percent(part: int, whole: int) -> int\npart out of whole as a '
                           'whole-number percentage, a half rounds up.\n- percent(2, 3) == 67\n- percent(1, 8) == 13\n'
                           '- percent(0, 5) == 0\n- percent(1, 0) raises ZeroDivisionError\n'))
    assert [share["percent"](part, whole) for part, whole in ((1, 3), (3, 8), (5, 5), (1, 200))] == [33, 38, 100, 1]


def test_rounding_up_to_a_half_with_a_stated_sign_and_the_letters_a_text_starts_with():
    """corpus29's callouts: "Round up to the next half hour. 0 or less raises ValueError" (the
    search had found `2 / round(2 * (2 - hours))`, dividing by zero at 2.1) and "The letters at
    the start of a cleaned postcode, up to the first thing that isn't a letter. No letters at the
    start raises ValueError" (the search had cut the last character of the first word)."""
    billed = _defined(_task('# Project: p\n\n## Function: billed_hours(hours: float) -> float\nRound up to the next '
                            'half hour. 0 or less raises ValueError.\n- billed_hours(0.2) == 0.5\n'
                            '- billed_hours(1.0) == 1.0\n- billed_hours(1.6) == 2.0\n- billed_hours(0.0) raises ValueError\n'))
    assert [billed["billed_hours"](hours) for hours in (2.1, 0.5, 23.9)] == [2.5, 0.5, 24.0]
    with pytest.raises(ValueError):
        billed["billed_hours"](-1.0)
    area = _defined(_task('# Project: p\n\n## Function: area(postcode: str) -> str\nThe letters at the start of a '
                          "cleaned postcode, up to the first thing that isn't a letter.\nNo letters at the start raises "
                          'ValueError.\n- area("LS6 2AB") == "LS"\n- area("M1 1AA") == "M"\n- area("6LS 2AB") raises ValueError\n'))
    assert [area["area"](code) for code in ("LS17 8PP", "BD1 4QQ", "WF1")] == ["LS", "BD", "WF"]
    with pytest.raises(ValueError):
        area["area"]("1AB")


def test_a_price_the_project_states_once_and_a_flag_that_doubles_it():
    """"Price for already-billed hours, as in Pricing above." over a project paragraph "Pricing:
    ... 60.00 to come out + 45.00 per billed hour. Night ...: the whole lot doubled": the
    paragraph travels with the function's words (``Project.referenced``), the base and rate are
    solved from the plain examples and the flagged one confirms the doubling."""
    project = parse_spec(
        "# Project: p\nCallouts.\n\nPricing:\n1. Time is billed in half hours.\n2. 60.00 to come out + 45.00 per "
        "billed hour.\n3. Night (18:00-08:00): the whole lot doubled.\n\n## Function: charge(hours: float, night: bool)"
        " -> float\nPrice for already-billed hours, as in Pricing above.\n- charge(1.0, False) == 105.0\n"
        "- charge(0.5, False) == 82.5\n- charge(1.5, True) == 255.0\n")
    function = project.functions[0]
    assert project.referenced(function.description).startswith("Pricing:\n1. Time is billed")
    assert project.referenced("as in Costs above") == ""
    task = task_from_function(function)
    task.docstring = f"{task.docstring} {project.referenced(function.description)}"
    namespace = _defined(task)
    assert [namespace["charge"](hours, night) for hours, night in ((2.0, False), (0.5, True), (24.0, False))] == [
        150.0, 165.0, 1140.0]


def test_a_day_one_year_on_with_the_29th_of_february_stated():
    task = _task('# Project: p\n\n## Function: next_due(day: str) -> str\nService is yearly: same month and day, one '
                 'year on. A 29 Feb service is next due 28 Feb.\n- next_due("2024-03-10") == "2025-03-10"\n'
                 '- next_due("2024-02-29") == "2025-02-28"\n- next_due("2023-12-31") == "2024-12-31"\n')
    namespace = _defined(task)
    assert [namespace["next_due"](day) for day in ("2020-02-29", "2023-01-01", "2025-06-30")] == [
        "2021-02-28", "2024-01-01", "2026-06-30"]


def test_a_price_per_unit_that_changes_from_a_stated_count():
    """corpus30's tshirts: "A shirt costs 800 pence, but when a student orders 3 or more shirts,
    every shirt in the order costs 700 pence" (the search's closest was `max(800, quantity *
    700)`)."""
    namespace = _defined(_task('# Project: p\n\n## Function: price(quantity: int) -> int\nThe price of an order in '
                               'pence. A shirt costs 800 pence (£8), but when a student orders 3 or more shirts, every '
                               'shirt in the order costs 700 pence.\n- price(1) == 800\n- price(2) == 1600\n'
                               '- price(3) == 2100\n- price(5) == 3500\n'))
    assert [namespace["price"](count) for count in (4, 10)] == [2800, 7000]


def test_bands_written_as_numbered_ranges_with_a_unit_and_an_open_end():
    """corpus30's merits: "1. 0 to 9 points: `starter` ... 4. 50 points or more: `gold`" (the
    search had answered `points < 1` for starter)."""
    namespace = _defined(_task('# Project: p\n\n## Function: level(points: int) -> str\nThe level a member has '
                               'reached:\n\n1. 0 to 9 points: `starter`\n2. 10 to 24 points: `bronze`\n3. 25 to 49 points: '
                               '`silver`\n4. 50 points or more: `gold`\n\n- level(0) == "starter"\n- level(10) == "bronze"\n'
                               '- level(49) == "silver"\n- level(50) == "gold"\n'))
    assert [namespace["level"](points) for points in (9, 24, 25, 1000)] == ["starter", "bronze", "silver", "gold"]


def test_a_house_returned_as_the_words_write_it():
    """"compared with the four houses Ash, Beech, Cedar and Oak, ignoring upper and lower case;
    the house is returned written in the proper way (capital first letter ...)": the listed
    value as written, and no initials ("capital first letter" is not "also the first letter")."""
    namespace = _defined(_task('# Project: p\n\n## Function: house_name(text: str) -> str\nThe text is trimmed of '
                               'spaces at both ends and compared with the four houses Ash, Beech, Cedar and Oak, ignoring '
                               'upper and lower case; the house is returned written in the proper way (capital first '
                               'letter, the rest lower case). Anything else raises ValueError.\n'
                               '- house_name("oak") == "Oak"\n- house_name(" BEECH ") == "Beech"\n'
                               '- house_name("Elm") raises ValueError\n'))
    assert [namespace["house_name"](text) for text in ("ASH", " cedar")] == ["Ash", "Cedar"]
    for text in ("a", "o", "Oaks"):
        with pytest.raises(ValueError):
            namespace["house_name"](text)


def test_a_whole_number_per_stated_range():
    """corpus30's resits: "90 to 100 is grade 9, 80 to 89 is 8, ..., and 0 to 19 is 1" (the
    search had answered three bands: 9 above 90, 3 above 30, else 1)."""
    namespace = _defined(_task('# Project: p\n\n## Function: grade(mark: int) -> int\nTurns a percentage mark into a '
                               'grade from 1 to 9, using these boundaries: 90 to 100 is grade 9, 80 to 89 is 8, 70 to 79 '
                               'is 7, 60 to 69 is 6, 50 to 59 is 5, 40 to 49 is 4, 30 to 39 is 3, 20 to 29 is 2, and 0 to '
                               '19 is 1. A mark below 0 or above 100 raises ValueError.\n- grade(100) == 9\n'
                               '- grade(39) == 3\n- grade(12) == 1\n- grade(101) raises ValueError\n'))
    assert [namespace["grade"](mark) for mark in (0, 20, 55, 64, 71, 89, 90)] == [1, 2, 5, 6, 7, 8, 9]


def test_a_text_that_must_begin_with_stated_words_written_back_as_stated():
    namespace = _defined(_task(
        "# Project: p\n\n## Function: clean_motion(text: str) -> str\nCleans a motion before it is saved. Do these steps "
        "in this order:\n\n1. Remove the spaces at both ends and turn every run of spaces inside into one space.\n2. The "
        "motion must begin with the two words `this house` (in any mix of upper and lower\n   case) and must have at least "
        "one more word after them. Otherwise raise ValueError.\n3. Write those first two words as `This house`; keep the "
        "rest exactly as typed.\n\n- clean_motion(\"  this   house would  ban homework \") == \"This house would ban "
        "homework\"\n- clean_motion(\"THIS HOUSE believes in School Uniform\") == \"This house believes in School Uniform\"\n"
        "- clean_motion(\"Ban homework\") raises ValueError\n- clean_motion(\"This house\") raises ValueError\n"))
    assert namespace["clean_motion"]("this HOUSE  Would Vote") == "This house Would Vote"
    for text in ("this houses vote", "house this", "  this house  "):
        with pytest.raises(ValueError):
            namespace["clean_motion"](text)


def test_numbered_rules_tried_in_order_compare_parameters_and_use_the_stated_formula():
    """corpus31/sandbags' fill_word: "1. if stock is 0, then `empty`; 2. if stock equals capacity,
    then `full`; 3. if stock is less than a quarter of capacity (that is, 4 × stock < capacity),
    then `low`; 4. otherwise `ok`" (four examples leave the quarter to a guess)."""
    namespace = _defined(_task(
        "# Project: p\n\n## Function: fill_word(stock: int, capacity: int) -> str\nOne word for how full a depot is. "
        "The rules are tried in this order:\n\n1. if stock is 0, then `empty`;\n2. if stock equals capacity, then `full`;\n"
        "3. if stock is less than a quarter of capacity (that is, 4 × stock < capacity), then `low`;\n4. otherwise `ok`.\n\n"
        "- fill_word(0, 100) == \"empty\"\n- fill_word(100, 100) == \"full\"\n- fill_word(24, 100) == \"low\"\n"
        "- fill_word(25, 100) == \"ok\"\n"))
    assert [namespace["fill_word"](*pair) for pair in ((0, 7), (7, 7), (1, 5), (2, 8), (6, 8), (30, 40))] == \
        ["empty", "full", "low", "ok", "ok", "ok"]


def test_a_percentage_with_one_decimal_halves_up_and_a_word_for_nothing():
    namespace = _defined(_task(
        "# Project: p\n\n## Function: percent(part: int, whole: int) -> str\nPART as a percentage of WHOLE, written "
        "with exactly one decimal and followed by `%`. The rounding is to the nearest tenth, and a value exactly halfway "
        "between two tenths is rounded up (so 6.25 becomes 6.3). If WHOLE is 0 the result is `-`.\n"
        "- percent(3, 40) == \"7.5%\"\n- percent(1, 3) == \"33.3%\"\n- percent(1, 16) == \"6.3%\"\n- percent(0, 0) == \"-\"\n"))
    assert [namespace["percent"](*pair) for pair in ((3, 16), (0, 9), (2, 3), (5, 0))] == ["18.8%", "0.0%", "66.7%", "-"]


@pytest.mark.parametrize(("words", "kept", "refused"), [
    ("Gives the rating back if it's 1, 2, 3, 4 or 5; anything else raises ValueError.", [1, 2, 5], [0, 6, -1]),
    (("A card size must be a power of two from 8 up to 512 (so 8, 16, 32, 64, 128, 256 or 512); gives the size back, "
      "or raises ValueError for anything else."), [16, 128, 512], [24, 4, 1024]),
])
def test_a_number_given_back_only_when_it_is_one_the_words_list(words, kept, refused):
    namespace = _defined(_task(
        f"# Project: p\n\n## Function: check(value: int) -> int\n{words}\n"
        f"- check({kept[0]}) == {kept[0]}\n- check({refused[0]}) raises ValueError\n- check({refused[1]}) raises ValueError\n"))
    assert [namespace["check"](value) for value in kept] == kept
    for value in refused:
        with pytest.raises(ValueError):
            namespace["check"](value)


def test_several_words_for_one_value_are_a_lookup_cleaned_as_the_words_say():
    namespace = _defined(_task(
        "# Project: p\n\n## Function: way(text: str) -> str\nReads a direction. With blanks at the ends removed and in "
        "lower case: `up` or `u` gives `\"up\"`; `down` or `d` gives `\"down\"`; anything else raises ValueError.\n"
        "- way(\"UP\") == \"up\"\n- way(\"d\") == \"down\"\n- way(\" Down \") == \"down\"\n- way(\"sideways\") raises ValueError\n"))
    assert [namespace["way"](text) for text in (" u", "U ", "up", "DOWN")] == ["up", "up", "up", "down"]
    with pytest.raises(ValueError):
        namespace["way"]("ud")
