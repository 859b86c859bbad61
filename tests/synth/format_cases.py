"""Fresh formatting functions, written for the format synthesizer's tests and benchmark.

Each entry: the ``## Function`` heading, a one-line description, the examples the
synthesizer sees, and held-out cases (call, expected) it never sees. None of them
comes from a corpus spec; they are what a user writing a small CLI would ask for.
"""

from __future__ import annotations

FORMAT_FUNCTIONS = [
    ("mmss(seconds: int) -> str", "A duration as minutes and two-digit seconds.",
     [("mmss(75)", "1:15"), ("mmss(5)", "0:05"), ("mmss(600)", "10:00")],
     [("mmss(3599)", "59:59"), ("mmss(61)", "1:01")]),
    ("duration(minutes: int) -> str", "Minutes written as hours and minutes.",
     [("duration(125)", "2 h 05 min"), ("duration(60)", "1 h 00 min"),
      ("duration(9)", "0 h 09 min")],
     [("duration(600)", "10 h 00 min"), ("duration(59)", "0 h 59 min")]),
    ("price(amount: float) -> str", "Money with a euro sign, thousands separators and cents.",
     [("price(1234.5)", "€1,234.50"), ("price(3.0)", "€3.00"), ("price(99.99)", "€99.99")],
     [("price(1000000.0)", "€1,000,000.00"), ("price(0.5)", "€0.50")]),
    ("percent(ratio: float) -> str", "A ratio as a percentage with one decimal.",
     [("percent(0.45)", "45.0%"), ("percent(1.0)", "100.0%"), ("percent(0.125)", "12.5%")],
     [("percent(0.0)", "0.0%"), ("percent(0.333)", "33.3%")]),
    ("progress(done: int, total: int) -> str", "How far along: done of total, and the share.",
     [("progress(3, 4)", "3/4 (75%)"), ("progress(1, 2)", "1/2 (50%)"),
      ("progress(0, 5)", "0/5 (0%)")],
     [("progress(2, 8)", "2/8 (25%)"), ("progress(10, 10)", "10/10 (100%)")]),
    ("delta(old: float, new: float) -> str", "The change from old to new, always signed.",
     [("delta(10.0, 12.5)", "+2.50"), ("delta(5.0, 4.0)", "-1.00"), ("delta(3.0, 3.0)", "+0.00")],
     [("delta(1.0, 0.25)", "-0.75"), ("delta(0.0, 100.0)", "+100.00")]),
    ("ticket(number: int) -> str", "A ticket number as shown on the board.",
     [("ticket(7)", "#007"), ("ticket(42)", "#042"), ("ticket(123)", "#123")],
     [("ticket(5)", "#005"), ("ticket(1234)", "#1234")]),
    ("items(count: int) -> str", "How many items are in the cart.",
     [("items(1)", "1 item"), ("items(3)", "3 items"), ("items(0)", "no items")],
     [("items(12)", "12 items"), ("items(2)", "2 items")]),
    ("entries(count: int) -> str", "How many entries the log holds.",
     [("entries(1)", "1 entry"), ("entries(2)", "2 entries"), ("entries(10)", "10 entries")],
     [("entries(0)", "0 entries"), ("entries(11)", "11 entries")]),
    ("size(n_bytes: int) -> str", "A file size in kilobytes.",
     [("size(1536)", "1.5 KB"), ("size(2048)", "2 KB"), ("size(512)", "0.5 KB")],
     [("size(3072)", "3 KB"), ("size(256)", "0.25 KB")]),
    ("clock(minutes: int) -> str", "Minutes since midnight as a 24-hour clock time.",
     [("clock(485)", "08:05"), ("clock(0)", "00:00"), ("clock(1439)", "23:59"),
      ("clock(750)", "12:30")],
     [("clock(61)", "01:01"), ("clock(600)", "10:00")]),
    ("elapsed(seconds: int) -> str", "Seconds as hours, minutes and seconds.",
     [("elapsed(3661)", "1:01:01"), ("elapsed(59)", "0:00:59"), ("elapsed(7200)", "2:00:00"),
      ("elapsed(45296)", "12:34:56")],
     [("elapsed(600)", "0:10:00"), ("elapsed(86399)", "23:59:59")]),
    ("badge(name: str, age: int) -> str", "A name tag: the name in capitals and the age.",
     [('badge("ada", 36)', "ADA (36)"), ('badge("bob", 7)', "BOB (7)"),
      ('badge("Eve", 101)', "EVE (101)")],
     [('badge("zed", 0)', "ZED (0)"), ('badge("Li", 5)', "LI (5)")]),
    ("code(city: str, number: int) -> str", ("A shipment code: the city's first three "
                                              "letters in capitals and a three-digit number."),
     [('code("London", 4)', "LON-004"), ('code("paris", 12)', "PAR-012"),
      ('code("Rome", 100)', "ROM-100")],
     [('code("Berlin", 7)', "BER-007"), ('code("oslo", 99)', "OSL-099")]),
    ("balance(amount: float) -> str", "An account balance in euros, always signed.",
     [("balance(10.0)", "+€10.00"), ("balance(-5.5)", "-€5.50"),
      ("balance(1234.0)", "+€1,234.00")],
     [("balance(0.0)", "+€0.00"), ("balance(-1000.0)", "-€1,000.00")]),
    ("owed(amount: float) -> str", "What someone owes me; a minus when I owe them.",
     [("owed(10.0)", "€10.00"), ("owed(-5.5)", "-€5.50"), ("owed(0.25)", "€0.25")],
     [("owed(-0.5)", "-€0.50"), ("owed(3.0)", "€3.00")]),
    ("european(day: str) -> str", "A YYYY-MM-DD date written the European way.",
     [('european("2024-05-06")', "06.05.2024"), ('european("1999-12-31")', "31.12.1999"),
      ('european("2023-01-15")', "15.01.2023")],
     [('european("2000-01-02")', "02.01.2000"), ('european("2031-11-30")', "30.11.2031")]),
    ("stamp(day: str, minutes: int) -> str", "A day (day/month) and a time of day.",
     [('stamp("2024-05-06", 485)', "06/05 08:05"), ('stamp("2024-12-31", 1439)', "31/12 23:59"),
      ('stamp("2023-01-15", 0)', "15/01 00:00")],
     [('stamp("2025-02-03", 61)', "03/02 01:01"), ('stamp("2020-10-10", 600)', "10/10 10:00")]),
    ("weeks(days: int) -> str", "A number of days as weeks and days.",
     [("weeks(17)", "2 weeks 3 days"), ("weeks(8)", "1 week 1 day"),
      ("weeks(15)", "2 weeks 1 day")],
     [("weeks(7)", "1 week 0 days"), ("weeks(30)", "4 weeks 2 days")]),
    # A hole over a derived whole quantity: the seconds are round(minutes * 60).
    ("lap(minutes: float) -> str", ("A lap time in minutes, shown as minutes and seconds "
                                    "(rounded to the nearest second)."),
     [("lap(1.5)", "1:30"), ("lap(2.25)", "2:15"), ("lap(0.1)", "0:06"), ("lap(12.0)", "12:00")],
     [("lap(3.75)", "3:45"), ("lap(0.5)", "0:30")]),
    # Two shapes split by a threshold the words state (1024) or a unit implies (a minute).
    ("filesize(n_bytes: int) -> str", ("Under 1024 bytes it is the bytes and `B`; from 1024 "
                                       "up the kilobytes with one decimal and `KB`."),
     [("filesize(512)", "512 B"), ("filesize(0)", "0 B"), ("filesize(2048)", "2.0 KB"),
      ("filesize(1536)", "1.5 KB")],
     [("filesize(1023)", "1023 B"), ("filesize(1024)", "1.0 KB"), ("filesize(10240)", "10.0 KB")]),
    ("ago(seconds: int) -> str", "Under a minute the seconds and `s`, else whole minutes.",
     [("ago(5)", "5s"), ("ago(42)", "42s"), ("ago(60)", "1 min"), ("ago(150)", "2 min")],
     [("ago(59)", "59s"), ("ago(3600)", "60 min")]),
    # Parts written only when a flag is set or a count is above zero.
    ("dish(name: str, spicy: bool, extra: int) -> str",
     "The dish, then ` (spicy)` if it is spicy, then ` +N` for extra portions if any.",
     [('dish("curry", True, 0)', "curry (spicy)"), ('dish("soup", False, 2)', "soup +2"),
      ('dish("rice", True, 1)', "rice (spicy) +1"), ('dish("salad", False, 3)', "salad +3")],
     [('dish("tea", False, 0)', "tea"), ('dish("naan", True, 5)', "naan (spicy) +5")]),
]


def spec_text(entries=FORMAT_FUNCTIONS, drop: int | None = None) -> str:
    """A spec with every function of ``entries``; ``drop``: leave out that example of each."""
    lines = ["# Project: formats", ""]
    for heading, description, examples, _ in entries:
        lines += [f"## Function: {heading}", description]
        for position, (call, expected) in enumerate(examples):
            if position != drop:
                lines.append(f'- {call} == "{expected}"')
        lines.append("")
    return "\n".join(lines)
