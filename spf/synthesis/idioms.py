"""Helpers users name in a phrase: read from the words, then checked on every example.

Some small functions every record-keeping spec has are easy to say and hard to find by
enumeration: "True when the text is a real date written YYYY-MM-DD" needs the calendar,
"1st, 2nd, 3rd, 4th" needs the English suffix rule, "`yes` or `no`" over a flag is a
choice between two words. Like the rule lists of ``rules`` and the checks of
``patterns``, each idiom here is offered only when the words (and the signature) point to
it, and kept only when it gives every example's value; otherwise the search goes on.

- **A real ISO day** (one ``str`` parameter, ``-> bool``): the words say "real", "valid",
  "existing" or "calendar" about a date or day, and show ``YYYY-MM-DD``: the shape, a month
  1..12 and a day that month has (``calendar.monthrange``).
- **A real time or month** (one ``str``, ``-> bool``): ``HH:MM`` with hours 0..23 and
  minutes 0..59; ``YYYY-MM`` with a month 1..12.
- **A day of a month** (two ``int`` parameters named like month and day, ``-> bool``): a
  month 1..12 and a day it has, in a leap year when an example says 29 February is valid.
- **A word for a flag** (one ``bool`` parameter, ``-> str``): two words the description
  quotes, ``"yes" if flag else "no"`` (or the other way round).
- **An ordinal** (one ``int`` parameter, ``-> str``): "1st", "suffix", "ordinal", "its English
  ending" or "st, nd, rd" in the words: the number and ``st``/``nd``/``rd``/``th`` (11th, 12th, 13th).
- **A power of two in a range** (one ``int``, ``-> bool``): "a power of two from 1 to 4096
  inclusive": ``1 <= n <= 4096 and n & (n - 1) == 0``.
- **A filled bar** (one ``int``, ``-> str``): "RATING asterisks, then dashes to fill" (stars,
  hashes; dashes, dots, spaces): the width read off the examples, raising what an example
  asks outside 0..width.
- **A month plus N months** (``str`` ``YYYY-MM`` and ``int``, ``-> str``, "months after"):
  counted in months from year zero, written back ``YYYY-MM``; where every example turns a
  ``YYYY-MM`` into another and the words speak of months or years, the examples say which way
  and how far (N months or years on, the month before, or back).
- **A day moved on** (one ``str`` and at most one ``int``, ``-> str``, every example an ISO day
  in and out): by days, weeks, months or years (the ``int``, or the count the first example
  shows), a month's missing day clamped to its last or rolled on, the day before or after
  too; read off the examples in any words, the units the words name tried first.
- **A word around a center** (one number, ``-> str``): three quoted words, one within a stated
  distance of a stated center ("no more than 1 Hz away either way") and one each side; the
  numbers and words placed by the examples.
- **A lettered code** (one ``str``, ``-> bool``): a letter in a stated range followed by a number
  in a stated range ("one letter from A to F ... followed by a row number from 1 to 30"), the
  case, a leading zero and repeated letters read off the examples.
- **A typed length** (one ``str``, ``-> int``): `1h30`, `2h`, `45m`, `1:30` read into minutes,
  the forms, a cap of 59 past the hour, a refused length of nothing and the case read off the
  examples, the strictest fitting form first.
- **Days between two ISO days** (two ``str``, ``-> int``, "days"), **a day plus N days**
  (``str`` and ``int``, ``-> str``, "plus"/"after"/"later"), **the weekday of a day**
  (``-> str``, "weekday"/"day of the week"), **a percentage** (two numbers, ``-> str``,
  "%" or "percent"; 0 when the whole is 0, whole or one decimal).
- **Hours and minutes** (one ``int`` parameter, ``-> str``): an example with both parts
  (`2 h 15 min`) gives the labels and the separator; each part is written only when it is not
  zero, the minutes also when both are (`0 min`).
- **A first step, then each** (one ``int``, ``-> int``/``float``): "12 for the first hour
  and 8 for every hour after that, but never more than 40": ``min(12 + 8 * (n - 1), 40)``,
  below 1 raising what an example asks.
- **Steps past a threshold** (one ``int``, ``-> int``/``float``): "up to 30 minutes is 1200;
  every started quarter of an hour beyond the first 30 minutes adds 500": the started (or
  full) steps past the threshold, each adding its price.
- **A run of numbers** (two ``int``, ``-> str``): "the first and last number with a dash
  between, like `1-5`, but just the number on its own when it's a single ticket": from a first
  number and a count (or a last number), the separator read off an example.
- **A linear amount** (one to three numbers, ``-> int``/``float``): "1200 for fitting and glass,
  plus 20 for every centimetre around the frame (twice the width plus twice the height)":
  the base and the rate solved exactly from the examples (one rate for the sum, else one per
  argument), kept when an example is left over to confirm them and a number in the solution
  is one the words state.
- **A capital first letter** (one ``str``, ``-> str``): "the very first letter is made a
  capital" ("puts the first letter in upper case"), runs of blanks made one space; the rest
  as typed (or in small letters).
- **One decimal, `.0` left off** (one number, ``-> str``): "rounded to one decimal place,
  with a `.0` left off, then ` m`": the text around the number read off an example.
- **One of the listed values** (one ``str``, ``-> str``, an example that raises): "Only
  bisque, glaze and raku are kinds": the text cleaned (blanks dropped; small letters, as
  typed or capitals) and kept only when listed; "also only the first letter" accepts
  initials for their value.
- **A label per stated range** (one number, ``-> str``): "3.5 to 4.0 is "80m", 7.0 to 7.3 is
  "40m" ...", both ends included; a number in no range raises what an example asks.
- **A unit that suits the value** (one number, ``-> str``): "Under 1000 grams: the grams and
  " g". From 1000 grams on: the kilograms with two decimals and " kg"; the third decimal is
  cut away": the switch point a number the words say, each side's text, scale, decimals and
  rounding or cutting read off its examples.
- **A discount from a threshold on** (one or two numbers, ``-> int``/``float``): "the nights
  times the rate; 7 nights or more get 10 percent off; rounded to two decimals".
- **A price list in words** (a ``str`` and at most one number, ``-> int``/``float``):
  "kitchen knives 400, bread knives 500, scissors 350, chisels 300, plus 100 for any blade
  longer than 20 cm": the key of each item the word the examples type, the extra added where
  the number passes the stated size; a kind off the list raises what an example asks.
- **A code of a stated length** (one ``str``, ``-> bool``): "8 to 20 characters long and every
  character is a letter A-Z or a digit": ``re.fullmatch(r"[A-Z0-9]{8,20}", code)``.
- **A record written as a line** (a record and at most one ``int``, ``-> str``): the values the
  examples show (the number, the record's texts and numbers, each element of a list) found in
  one order, the text before each its lead; a text field left empty (or at its default) drops
  its lead, a list gives one per element, a lead that differs is told by a flag (``[x]``/``[ ]``).
- **A stated table** (one ``str`` parameter, ``-> int``/``float``/``str``): at least three
  pairs written ``KEY=VALUE`` (or ``->``, ``:``) in the description, looked up (in upper or
  lower case when the words say "any case"); a key off the table raises the error an example
  asks for ("`grade_rank("mint")` raises ValueError").

- **A count with its word** (``int``, ``str``, ``str``, ``-> str``): ``f"{n} {one if n == 1 else
  many}"``, both words given by the caller.
- **A day's shape** (one ``str``, ``-> bool``): a year, a dash, a month 01..12, a dash, a day
  01..31, without the calendar ("I don't care if the day really exists").
- **Clock minutes** (``HH:MM``): a time read into minutes since midnight (hours 00..23, minutes
  00..59, else the error); a time moved on by N minutes and written back (24:00 or wrapped).
- **A typed price** (one ``str``, ``-> float``/``int``): an optional currency sign, a number
  that is not negative, else the error.
- **A rate as a clock** (two numbers, ``-> str``, ``M:SS`` and "per"): one divided by the
  other, to the nearest whole second, written ``M:SS`` ("pace").

Month names are not an idiom of their own: ``constants.format_templates`` offers
``calendar.month_name[month]`` (and ``month_abbr``) as placeholders for an ``int`` parameter
named like a month, so "`5 March`" is read off the examples as ``f"{day}
{calendar.month_name[month]}"``.
"""

from __future__ import annotations

import itertools
import math
import os
from typing import Any

from spf import regex as re
from spf.synthesis.constants import description_constants
from spf.synthesis.everyday import (
    CALENDAR,
    HALF_UP,
    MATH,
    REGEX,
    english_ending,
    everyday_candidates,
    plain_number_candidates,
)
from spf.synthesis.patterns import read_shape
from spf.synthesis.values import Case

DATES = (("date", "from datetime import date, timedelta"),)


def idiom_candidates(description: str, parameters: list[tuple[str, str]], returns: str | None,
                     cases: list[Case], related: str = "") -> list[tuple[str, tuple]]:
    """(expression source, lets) for each idiom the words and signature point to; ``related``:
    the spec's words about the fields the parameters are named for."""
    text = " ".join((description or "").split())
    lower = text.lower()
    kinds = [kind for _, kind in parameters]
    names = [name for name, _ in parameters]
    error = next((case.raises for case in cases if case.raises), None)
    found = everyday_candidates(text, parameters, returns, cases, error)  # "the plural", "the nearest multiple of 5"
    if returns == "str" and kinds == ["str"] and error and re.search(
            r"\b(?:returned|returns? it|given back|gives? (?:it|the text|the \w+) back|comes? back|kept|passed back) "
            r"(?:unchanged|as it is|as is|as given|untouched)\b|\bsame (?:text|string|value) back\b|"
            r"\breturns? the same (?:text|string)\b", lower):  # "A day must be ... a real date. It is returned
        # unchanged; anything else raises", "Gives the text back unchanged", "Same text back, else ValueError"
        name = names[0]
        asked = [Case(case.index, case.arguments, not case.is_error) for case in cases]
        for source, lets in idiom_candidates(description, parameters, "bool", asked, related):
            check = f"if not ({source}):\n    raise {error}(f\"not accepted: {{{name}!r}}\")"
            found.append((name, (*lets, ("checked", check))))
    if returns == "bool" and kinds == ["str"] and (re.search(r"\bYYYY-MM-DD\b", text) or read_shape(text) == (
            "[0-9]{4}-[0-9]{2}-[0-9]{2}")) and re.search(  # "Exactly 4 digits, `-`, 2 digits, `-`, 2 digits, and a real date"
            r"\b(?:real|valid|existing|actual|proper|correct|possible)\b[^.]*\b(?:date|day)\b|\bcalendar\b|"
            r"\bleap years?\b", lower):  # "February having 29 days in a leap year and 28 otherwise"
        name = names[0]
        real = _iso_day_shaped(name, f"calendar.monthrange(int({name}[:4]), int({name}[5:7]))[1]")
        since = re.search(r"\byear (?:must (?:also )?be|has to be|is) (\d{3,4}) or (?:later|after)\b|"
                          r"\byear (?:must (?:also )?be|has to be|is) (?:no earlier than|not before|at least) (\d{3,4})\b", lower)
        if since:  # "The year must also be 1610 or later"
            real = f"{real} and int({name}[:4]) >= {since.group(1) or since.group(2)}"
        weekdays = tuple(number for number, day in enumerate(calendar_days()) if re.search(rf"\b{day}s?\b", lower))
        if weekdays:  # "a real date written YYYY-MM-DD that falls on a Tuesday or a Friday"
            found.append((f"{real} and calendar.weekday(int({name}[:4]), int({name}[5:7]), int({name}[8:])) in {weekdays!r}",
                          REGEX + CALENDAR))
        found.append((real, REGEX + CALENDAR))
    if returns == "bool" and kinds == ["str"] and re.search(r"\bHH:MM\b", text) and re.search(
            r"\b(?:real|valid|existing|actual|proper|correct|possible)\b[^.]*\btime\b|\bclock\b|"
            r"\bhours?\b[^.]*\b0?0\s*(?:–|-|to|\.\.)\s*23\b", lower):  # "the hour being 00–23 and the minute 00–59"
        name = names[0]  # "a valid time written HH:MM": hours 0..23, minutes 0..59
        found.append(((f're.fullmatch(r"\\d{{2}}:\\d{{2}}", {name}) is not None and int({name}[:2]) <= 23 '
                      f"and int({name}[3:]) <= 59"), REGEX))
    if returns == "int" and kinds == ["str"] and re.search(r"\bH{1,2}:MM:SS\b", text) and re.search(r"\bseconds\b", lower):
        name = names[0]  # "Read a flying time written H:MM:SS ... and give it in seconds. Anything else raises ValueError."
        read = (("shaped", (f'shaped = re.fullmatch(r"(\\d+):([0-5]\\d):([0-5]\\d)", {name})\n'
                            f'if shaped is None:\n    raise ValueError(f"not H:MM:SS: {{{name}!r}}")')),)
        found.append(("int(shaped[1]) * 3600 + int(shaped[2]) * 60 + int(shaped[3])", REGEX + read))
    if returns == "int" and kinds == ["str"] and re.search(r"\bm{1,2}:ss\b", lower) and re.search(r"\bh{1,2}:mm:ss\b", lower) \
            and re.search(r"\bseconds\b", lower):  # "times as `mm:ss`, or `h:mm:ss` for the slow walkers ... into seconds"
        name = names[0]
        read = (("shaped", (f'shaped = re.fullmatch(r"(?:(\\d+):([0-5]\\d)|(\\d+)):([0-5]\\d)", {name})\n'
                            f'if shaped is None:\n    raise ValueError(f"not mm:ss or h:mm:ss: {{{name}!r}}")')),)
        found.append(("int(shaped[1] or 0) * 3600 + int(shaped[2] or shaped[3]) * 60 + int(shaped[4])", REGEX + read))
    if returns == "str" and kinds == ["str"] and re.search(r"\bsurname\b|\blast name\b|\bfamily name\b", lower) \
            and re.search(r"\binitials?\b|\bfirst letter\b", lower):  # "the surname first and then initials ...,
        name = names[0]  # separated by single spaces ... a one-word name stays as it is": `Evans, M. A.`
        words = (("words", f"words = {name}.split()"),)
        for glue in (" ", ""):
            initials = f'{glue!r}.join(word[0] + "." for word in words[:-1])'
            found.append((f'words[-1] + ", " + {initials} if len(words) > 1 else " ".join(words)', words))
    if returns == "int" and kinds == ["str"] and re.search(r"\b(?:pence|pennies|cents?|centimes)\b", lower) \
            and error:  # "Turns what somebody typed into pence ... whole pounds, or pounds with one or two figures after
        name = names[0]  # the point. Minus signs, letters, ... are not amounts, and give a ValueError"
        read = (("shaped", (f'shaped = re.fullmatch(r"(\\d+)(?:\\.(\\d{{1,2}}))?", {name})\n'
                            f'if shaped is None:\n    raise {error}(f"not an amount: {{{name}!r}}")')),
                ("pence", 'pence = int(shaped[1]) * 100 + int((shaped[2] or "0").ljust(2, "0"))'))
        found.append(("pence", REGEX + read))
        nothing = (("nothing", f'if pence == 0:\n    raise {error}(f"not an amount: {{{name}!r}}")'),)
        found.append(("pence", REGEX + read + nothing))  # "anything that comes to nothing at all": the examples say
    if returns == "str" and kinds == ["int"] and re.search(r"\bseconds\b", lower) and re.search(r"\bhours?\b", lower) \
            and re.search(r"\bcolons?\b|\bh{1,2}:mm:ss\b", lower):  # "under an hour it's minutes, a colon and two digits
        name = names[0]  # of seconds; from an hour on it's hours, minutes in two digits and seconds in two digits"
        found.append(((f'f"{{{name} // 60}}:{{{name} % 60:02d}}" if {name} < 3600 else '
                       f'f"{{{name} // 3600}}:{{{name} // 60 % 60:02d}}:{{{name} % 60:02d}}"'), ()))
        found.append((f'f"{{{name} // 3600}}:{{{name} // 60 % 60:02d}}:{{{name} % 60:02d}}"', ()))
    if returns == "str" and kinds == ["str"] and re.search(r"\bmonday\b", lower) and re.search(r"\bweek\b", lower):
        name = names[0]  # "The Monday of the week the day falls in, written YYYY-MM-DD"
        day = (("day", (f'if re.fullmatch(r"\\d{{4}}-\\d{{2}}-\\d{{2}}", {name}) is None:\n'
                        f'    raise ValueError(f"not a day written YYYY-MM-DD: {{{name}!r}}")\n'
                        f"day = date.fromisoformat({name})")),)  # not `20240515`, which fromisoformat reads
        found.append(("(day - timedelta(days=day.weekday())).isoformat()", REGEX + DATES + day))
    month_shape = read_shape(lower) == "[0-9]{4}-[0-9]{2}" and re.search(r"\bmonth\b", lower)  # "four digits, a hyphen
    if month_shape:  # and two digits, the last two forming a month number from 01 to 12"
        text = f"{text} (YYYY-MM, a real month)"
    if returns == "bool" and kinds == ["str"] and re.search(r"\bYYYY-MM\b(?!-DD)", text) and re.search(
            r"\b(?:real|valid|existing|actual|proper|correct|possible)\b[^.]*\bmonth\b|"
            r"\bmonth (?:number )?(?:from |between )?0?1 (?:to|and) 12\b|\bdigits (?:from |between )?0?1 (?:to|and|-) 12\b",
            lower):  # "A month is written YYYY-MM: four digits, a dash, and two digits from 01 to 12"
        name = names[0]  # "a valid month written YYYY-MM"
        found.append((f're.fullmatch(r"\\d{{4}}-\\d{{2}}", {name}) is not None and 1 <= int({name}[5:]) <= 12', REGEX))
    if returns == "bool" and kinds == ["int", "int"]:
        month = next((name for name in names if "month" in name.lower() or name.lower() in ("m", "mon")), None)
        day = next((name for name in names if name != month and ("day" in name.lower() or name.lower() == "d")), None)
        if month and day:
            for year in (2024, 2023):  # a leap year first: 29 February is a birthday
                found.append((f"1 <= {month} <= 12 and 1 <= {day} <= calendar.monthrange({year}, {month})[1]",
                              CALENDAR))
    if returns == "str" and kinds == ["bool"]:
        words = [c.value for c in description_constants(text) if isinstance(c.value, str) and c.value.strip()]
        for first, second in ((a, b) for a in dict.fromkeys(words) for b in dict.fromkeys(words) if a != b):
            found.append((f"{first!r} if {names[0]} else {second!r}", ()))
    if returns == "str" and kinds in (["int", "int"], ["float", "float"]) and re.search(r"\bplus\b", lower) \
            and re.search(r"\bminus\b", lower):  # "a plus sign and the difference when we won, a minus sign ... when
        words = [c.value for c in description_constants(text) if isinstance(c.value, str) and c.value.strip()]  # we
        for a, b in (tuple(names), tuple(reversed(names))):  # lost, and the word `level` for a draw"
            signed = f'f"{{{a} - {b}:+d}}"' if kinds[0] == "int" else f'f"{{{a} - {b}:+g}}"'
            found.append((signed, ()))
            for word in dict.fromkeys(words):
                found.append((f"{signed} if {a} != {b} else {word!r}", ()))
    dated = [name for name, kind in parameters if kind == "str"]
    monthly = [case for case in cases if not case.is_error and all(
        isinstance(case.arguments.get(name), str) and re.fullmatch(r"\d{4}-\d{2}", case.arguments[name]) for name in names)]
    if returns == "int" and kinds == ["str", "str"] and monthly and re.search(r"\bmonths\b", lower):
        for a, b in (tuple(names), tuple(reversed(names))):  # "the number of whole months from month START to END"
            found.append((f"(int({b}[:4]) * 12 + int({b}[5:7])) - (int({a}[:4]) * 12 + int({a}[5:7]))", ()))
    if returns == "int" and kinds == ["str", "str"] and re.search(r"\bdays?\b", lower):
        first, second = names  # "how many days from START to END": ISO days apart
        for a, b in ((first, second), (second, first)):
            found.append((f"(date.fromisoformat({b}) - date.fromisoformat({a})).days", DATES))
            found.append((f"max(0, (date.fromisoformat({b}) - date.fromisoformat({a})).days)", DATES))  # "days late: a job
            # due today, or later, is 0 days late"
            if error:  # "Leave must be later than arrive" with examples that raise: the days must be more than 0
                apart = (("apart", (f"apart = (date.fromisoformat({b}) - date.fromisoformat({a})).days\n"
                                    f"if apart <= 0:\n    raise {error}(\"{b} must be after {a}\")")),)
                found.append(("apart", DATES + apart))
            if re.search(r"\bweeks?\b", lower):  # "whole weeks from START to END, i.e. the days ... divided by 7"
                found.append((f"(date.fromisoformat({b}) - date.fromisoformat({a})).days // 7", DATES))
    if returns == "int" and kinds == ["str", "str"] and re.search(r"\bage\b|\bfull years\b|\byears old\b|\bwhole years\b",
                                                                 lower):
        for a, b in (tuple(names), tuple(reversed(names))):  # "age in full years on a given day": a year older on the birthday
            born = (("born_on", f"born_on = date.fromisoformat({a})"), ("that_day", f"that_day = date.fromisoformat({b})"))
            found.append(("that_day.year - born_on.year - ((that_day.month, that_day.day) < (born_on.month, born_on.day))",
                          (*DATES, *born)))
    if returns == "int" and kinds == ["str"] and (re.search(r"\b(?:pence|cents?|pennies)\b", lower)
                                                  or _hundredths_shown(cases)):
        name = names[0]  # "Reads a price typed in pounds, with or without a £ in front: "12", "12.5". Gives back pence."
        error = next((case.raises for case in cases if case.raises), "ValueError")
        signs = "".join(sign for sign in "£$€" if sign in text)
        comma = any("," in str(value) for case in cases if not case.is_error for value in case.arguments.values()) \
            or re.search(r"\b(?:point|dot|period|full stop) or (?:a )?comma\b|\bcomma or (?:a )?(?:point|dot)\b", lower)
        # "the euros, and maybe a point or a comma with one or two digits of cents" (not "a comma ... raises")
        number = r"(\d+)(?:[.,](\d{1,2}))?" if comma else r"(\d+)(?:\.(\d{1,2}))?"
        for cleaned in ((f"{name}.strip()", name) if re.search(r"\b(?:spaces?|blanks?)\b", lower) else (name,)):
            sign = f"[{signs}]?" if signs else ""
            check = (f'shaped = re.fullmatch(r"{sign}{number}", {cleaned})\n'
                     f'if shaped is None:\n    raise {error}(f"not an amount: {{{name}!r}}")')
            read = (("shaped", check),)
            found.append(('int(shaped[1]) * 100 + int((shaped[2] or "0").ljust(2, "0"))', REGEX + read))
    iso_days = bool(re.search(r"\bYYYY-MM-DD\b", text)) or bool(dated) and any(not case.is_error for case in cases) \
        and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(case.arguments.get(dated[0], ""))) for case in cases
                if not case.is_error)  # "The date that many weeks after the day": its examples show ISO days
    if returns == "str" and sorted(kinds) == ["int", "str"] and re.search(r"\bdays?\b", lower) and re.search(
            r"\b(?:plus|after|later|add(?:ed|s)?|from)\b", lower):
        day, count = dated[0], next(name for name, kind in parameters if kind == "int")  # "DAY plus N days"
        found.append((f"(date.fromisoformat({day}) + timedelta(days={count})).isoformat()", DATES))
    if returns == "str" and sorted(kinds) == ["int", "str"] and iso_days and re.search(r"\bweeks?\b", lower) \
            and re.search(r"\b(?:plus|after|later|add(?:ed|s)?|from|on)\b", lower):
        day, count = dated[0], next(name for name, kind in parameters if kind == "int")  # "that many weeks after"
        found.append((f"(date.fromisoformat({day}) + timedelta(weeks={count})).isoformat()", DATES))
    years = re.search(r"\b(one|a|two|three|four|five|\d+) years? (?:on|later|after|ahead|from)\b|\byearly\b|\bevery year\b", lower)
    if returns == "str" and kinds == ["str"] and iso_days and years:  # "same month and day, one year on"
        count = {"one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5}.get(years.group(1) or "one") or int(years.group(1))
        day = names[0]
        shift = (f"moved = date.fromisoformat({day})\nyear = moved.year + {count}\n"
                 f"last = 28 if moved.month == 2 and moved.day == 29 else moved.day\n"
                 f"moved = moved.replace(year=year, day=last)")
        moved = (("moved", shift),)
        found.append(("moved.isoformat()", DATES + moved))  # a 29 February lands on the 28th
    if returns == "str" and sorted(kinds) == ["int", "str"]:
        month, count = dated[0], next(name for name, kind in parameters if kind == "int")
        moves = []
        if re.search(r"\bYYYY-MM\b(?!-DD)", text) and re.search(
                r"\bmonths? (?:after|later|on)\b|\bplus\b|\badd|\b(?:forward|ahead|onward)\b", lower):
            moves = [f"+ {count}"]  # "the month that comes COUNT months after it", "move a YYYY-MM month forward"
        elif _months_shown(cases, month) and re.search(r"\b(?:months?|years?)\b", lower):  # "the month a warranty of
            units = (f"12 * {count}", count) if re.search(r"\byears?\b", lower) else (count, f"12 * {count}")  # YEARS
            moves = [f"{sign} {unit}{last}" for unit in units for sign in "+-"  # years runs out": the examples say
                     for last in ("", " - 1") if sign == "+" or not last]  # which way and how far
        for moved in moves:
            total = (("total", f"total = int({month}[:4]) * 12 + int({month}[5:7]) - 1 {moved}"),)
            found.append(('f"{total // 12:04d}-{total % 12 + 1:02d}"', total))
    if returns == "str" and sorted(kinds) == ["int", "str"] and iso_days and re.search(
            r"\bmonths? (?:after|later|on|from)\b|\bplus (?:\w+ )?months?\b|\badd(?:s|ed|ing)? (?:\w+ )?months?\b", lower):
        day, count = dated[0], next(name for name, kind in parameters if kind == "int")  # "MONTHS months after BOUGHT"
        landed = (("checked", f"checked = date.fromisoformat({day})"),
                  ("total", f"total = checked.year * 12 + checked.month - 1 + {count}"),
                  ("landed", ("landed = date(total // 12, total % 12 + 1, "
                             "min(checked.day, calendar.monthrange(total // 12, total % 12 + 1)[1]))")))
        found.append(("landed.isoformat()", DATES + CALENDAR + landed))  # the 31st to the month's last day
    if returns == "bool" and kinds == ["int"] and re.search(r"\bpower of (?:two|2)\b", lower):
        name = names[0]  # "a power of two from 1 to 4096 inclusive"
        bounds = re.search(r"\bfrom (\d+) (?:to|through|and) (\d+)\b|\bbetween (\d+) and (\d+)\b", lower)
        low, high = (bounds.group(1) or bounds.group(3), bounds.group(2) or bounds.group(4)) if bounds else ("1", None)
        found.append((f"{low} <= {name}{f' <= {high}' if high else ''} and {name} & ({name} - 1) == 0", ()))
    if returns == "bool" and kinds in (["float"], ["int"]) and re.search(
            r"\bhalf[- ]steps?\b|\b(?:or|and) (?:a |an )?(?:half|\.5)\b|\bwhole (?:number )?or (?:a )?half\b|"
            r"\b(?:steps|multiples?) of (?:0)?\.5\b", lower):
        name = names[0]  # "From 1.0 to 5.0, and either a whole number or a half", "1.0 to 5.0 in half steps"
        bounds = re.search(r"\b(?:from )?(-?\d+(?:\.\d+)?) (?:to|through|and|-) (-?\d+(?:\.\d+)?)\b", lower)
        halves = f"float({name} * 2).is_integer()"
        found.append((f"{bounds.group(1)} <= {name} <= {bounds.group(2)} and {halves}" if bounds else halves, ()))
    quarters = re.search(r"\bwhole number of quarter(?: hour)?s?\b|\bquarter[- ](?:hour )?steps?\b|"
                         r"\b(?:steps|multiples?) of (?:0)?\.25\b|\bin quarters?\b", lower)
    if returns == "bool" and kinds == ["float"] and quarters:  # "more than nothing, no more than 12 hours, and a
        name = names[0]  # whole number of quarter hours"
        low = re.search(r"\b(?:more than|above|over|greater than) (nothing|zero|-?\d+(?:\.\d+)?)\b", lower)
        least = re.search(r"\b(?:at least|from|no less than) (-?\d+(?:\.\d+)?)\b", lower)
        high = re.search(r"\b(?:no more than|at most|up to|not (?:more|over) than|to) (-?\d+(?:\.\d+)?)\b", lower)
        checks = [f"{name} > {'0' if low.group(1) in ('nothing', 'zero') else low.group(1)}"] if low else \
            [f"{name} >= {least.group(1)}"] if least else []
        checks += [f"{name} <= {high.group(1)}"] if high else []
        found.append((" and ".join([*checks, f"float({name} * 4).is_integer()"]), ()))
    if returns == "str" and kinds and all(kind == "bool" for kind in kinds):  # "delivered once it has been delivered,
        found += _flag_ladder(lower, names)  # otherwise packed once it is packed, otherwise waiting"
    if returns == "str" and kinds == ["int"]:  # "Five characters: RATING asterisks, then dashes to fill"
        found += _filled_bar(lower, names[0], cases)
    if returns == "int" and kinds == ["int", "int"] and re.search(r"\bper ?cent|%", lower) \
            and re.search(r"\brounded down\b|\bwhole\b|\btruncated\b|\bfloor", lower):
        part, whole = _part_and_whole(lower, names)  # "how far along, whole percent, rounded down": percent(done, rows)
        found.append((f"{part} * 100 // {whole} if {whole} else 0", ()))
    if returns == "int" and kinds == ["int", "int"] and re.search(r"\bper ?cent|%", lower) \
            and re.search(rf"\bround(?:ed|ing|s)?\b|\bnearest\b|{HALF_UP}", lower):
        part, whole = _part_and_whole(lower, names)  # "PART out of WHOLE as a percentage, rounded to the nearest whole
        # number, halves going up",
        # "part out of whole as a whole-number percentage, a half rounds up"
        found.append((f"math.floor({part} * 100 / {whole} + 0.5)", MATH))  # a WHOLE of zero raises ZeroDivisionError
        found.append((f"math.floor({part} * 100 / {whole} + 0.5) if {whole} else 0", MATH))
    if returns == "str" and kinds == ["int", "int"]:  # "10-wide bar in brackets: one `#` per full 10%"
        found += _progress_bar(text, names, cases)
        found += _number_run(lower, names, cases)  # "first and last number with a dash between ... a single one"
    if returns == "str" and kinds == ["str"] and re.search(r"\b(?:weekday|day of the week|monday)\b", lower):
        found.append((f"date.fromisoformat({names[0]}).strftime('%A')", DATES))  # "the weekday of a day"
        found.append((f"date.fromisoformat({names[0]}).strftime('%a')", DATES))
    if returns == "str" and kinds in (["int", "int"], ["float", "float"], ["int", "float"], ["float", "int"]) \
            and re.search(r"%|\bper ?cent", text):  # "the share as a whole percentage, `0%` when nothing"
        part, whole = names
        for decimals in ("0", "1"):
            found.append((f'f"{{round({part} * 100 / {whole}, {decimals}) if {whole} else 0:.{decimals}f}}%"', ()))
        nothing = re.search(r"\b(?:is|are|of) (?:0|zero)\b[^.;]*?[`\"]([^`\"]*)[`\"]", text)  # "If WHOLE is 0 the result is `-`"
        for decimals in ("0", "1", "2"):  # "a value exactly halfway between two tenths is rounded up (so 6.25 becomes 6.3)"
            scale = 10 ** int(decimals)
            half_up = f"math.floor({part} * {100 * scale} / {whole} + 0.5) / {scale}"
            written = f'f"{{{half_up}:.{decimals}f}}%"'
            found.append((f"{written} if {whole} else {nothing.group(1)!r}" if nothing else
                          f'{written} if {whole} else "{0:.{int(decimals)}f}%"', MATH))
    if returns == "str" and kinds == ["int"]:  # "`N h`, the minutes left over as `M min`, both when there are both"
        found += _hours_and_minutes(names[0], cases)
    if returns in ("int", "float") and kinds == ["int"]:  # "12 for the first hour and 8 for every hour after that"
        found += _first_then_each(lower, names[0], returns, cases)
        found += _stepped_beyond(lower, names[0], returns)  # "up to 30 minutes is 1200; every started quarter..."
    if returns == "str" and kinds == ["str"] and re.search(
            r"\b(?:every|each) word\b[^.]*\b(?:capital|upper ?case|big letter)[^.]*\b(?:rest|others?)\b[^.]*\b(?:lower ?case|small)|"
            r"\b(?:every|each) word\b[^.]*\b(?:lower ?case|small)[^.]*\bfirst letter\b[^.]*\b(?:capital|upper ?case)|"
            r"\b(?:every|each) word\b[^.]*\bfirst letter (?:big|capital|upper ?case)\b[^.]*\b(?:rest|others?)\b[^.]*"
            r"\b(?:lower ?case|small)", lower):  # "write every word with the first letter big and the other letters small"
        # "every word with a capital first letter and the rest in lower case": words are what the spaces part
        # (`O'hara`, not str.title's `O'Hara`)
        found.append((f'" ".join(word[:1].upper() + word[1:].lower() for word in {names[0]}.split())', ()))
    if returns == "str" and kinds == ["str"] and re.search(
            r"\bfirst letter\b[^.]*\b(?:capital|upper ?case|big letter)|\bcapitali[sz]e[sd]? the first\b", lower):
        name = names[0]  # "runs of spaces become one space, and the very first letter is made a capital"
        tidy = (("cleaned", f'cleaned = " ".join({name}.split())'),)
        found.append(("cleaned[:1].upper() + cleaned[1:]", tidy))
        found.append(("cleaned[:1].upper() + cleaned[1:].lower()", tidy))
    if returns == "str" and kinds in (["float"], ["int"]) and re.search(
            r"`?\.0`? (?:left off|dropped|removed|omitted|cut off)|without (?:a |the )?`?\.0`?|no `?\.0`?", lower):
        found += _trimmed_decimal(names[0], cases)  # "rounded to one decimal place, with a `.0` left off, then ` m`"
    if returns == "str" and kinds == ["str"]:  # "The letters at the start of a cleaned postcode"
        found += _leading_run(lower, names[0], error)
        found += _required_prefix(text, names[0], error)
    if returns == "str" and kinds == ["str"]:  # "Only bisque, glaze and raku are kinds; anything else raises"
        found += _one_of_listed(lower, names[0], cases, related, text)
        found += _successor(lower, related, names[0], cases)  # "the stage that follows the given one"
    if returns == "str" and kinds and all(kind in ("int", "float") for kind in kinds):  # "1. if stock is 0, then
        found += _rules_in_order(text, names)  # `empty`; 2. ...; 4. otherwise `ok`"
    if returns == "int" and kinds == ["int"]:  # "Gives the rating back if it's 1, 2, 3, 4 or 5; anything else raises"
        found += _kept_if_listed(lower, names[0], error)
    if returns == "str" and kinds in (["float"], ["int"]):  # "3.5 to 4.0 is "80m", 7.0 to 7.3 is "40m", ..."
        found += _ranges_table(text, names[0], cases)
        found += _worded_ranges(text, names[0], cases, kinds == ["int"])  # "U8 for ages 5 to 7, U10 for 8 and 9"
        found += _thresholds(text, names[0], cases) if kinds == ["float"] else []  # "9.0 and above is near mint; from
        # 6.0 up to 9.0 it's fine; ..." (whole numbers get the search's chain of early returns)
    if returns == "int" and kinds in (["float"], ["int"]):  # "90 to 100 is grade 9, 80 to 89 is 8, ..."
        found += _numbered_ranges(text, names[0], cases)
    if returns == "str" and kinds in (["float"], ["int"]):  # "under 1000 grams: `850 g`; from 1000 on: `1.25 kg`"
        found += _unit_switch(lower, names[0], cases)
    if returns in ("int", "float") and kinds in (["int"], ["float"]):
        found += _capped_rate(lower, names[0])  # "0.20 per day late, but never more than 5.00 in total"
    up = re.search(r"\bround(?:ed|s)? up to the (?:next|nearest) (?:multiple of )?(\d+(?:\.\d+)?|half|quarter|tenth)\b", lower)
    if returns in ("int", "float") and kinds in (["int"], ["float"]) and up:  # "Round up to the next half hour"
        size = {"half": 0.5, "quarter": 0.25, "tenth": 0.1}.get(up.group(1)) or float(up.group(1))
        found.append((f"math.ceil({names[0]} / {size!r}) * {size!r}", MATH))
    step = re.search(r"\bnearest (?:multiple of )?(\d+(?:\.\d+)?|half|quarter|tenth)\b", lower)
    if returns == "float" and kinds in (["int"], ["float"]) and step:  # "to the nearest 0.5; halfway goes up"
        size = {"half": 0.5, "quarter": 0.25, "tenth": 0.1}.get(step.group(1)) or float(step.group(1))
        name = names[0]
        if re.search(r"\bhalf ?way\b.{0,80}?\b(?:goes|go|rounds?|is rounded) up\b|\bhalves? (?:go|round) up\b", lower):
            found.append((f"math.floor({name} / {size!r} + 0.5) * {size!r}", MATH))
        found.append((f"round({name} / {size!r}) * {size!r}", ()))
    if returns in ("int", "float") and kinds and len(kinds) <= 2 and all(kind in ("int", "float") for kind in kinds):
        found += _discount(lower, names, cases)  # "7 nights or more get 10 percent off the whole bill"
    if returns == "float" and kinds in (["float"], ["int"]):
        found += _percent_added(lower, names[0])  # "Add 20% VAT, rounded to the penny"
    if returns in ("int", "float") and kinds == ["int"]:  # "800 each, but from 3 shirts on every shirt costs 700"
        found += _tiered_rate(lower, names[0])
    if returns in ("int", "float") and kinds and len(kinds) <= 3 and all(kind in ("int", "float") for kind in kinds):
        found += _linear_formula(lower, names, returns, cases)  # "1200, plus 20 for every centimetre around"
    if returns in ("int", "float") and kinds.count("bool") == 1 and 2 <= len(kinds) <= 3 \
            and all(kind in ("int", "float", "bool") for kind in kinds):  # "...: the whole lot doubled"
        flag = names[kinds.index("bool")]
        found += _linear_with_flag(lower, [name for name in names if name != flag], flag, returns, cases)
        found += _product_with_flag(lower, names, flag, error)  # "Images times rate, times 1.5 for a rush job"
    if kinds == ["str"] and returns == "int" and error in ("ValueError", "TypeError") and re.search(
            r"\bwhole number\b|\binteger\b|\bdigits\b", lower) and not re.search(r"\bnegative (?:numbers? )?(?:is|are) (?:fine|allowed|ok)\b", lower):
        name = names[0]  # "a whole number, zero or more, maybe with spaces around it; anything else raises"
        check = (f"cleaned = {name}.strip()\nif not cleaned.isdigit():\n"
                 f"    raise {error}(f\"not a whole number: {{{name}!r}}\")")
        found.append(("int(cleaned)", (("cleaned", check),)))
    if returns == "str" and kinds and kinds[0] == "str" and kinds[1:] in ([], ["int"]):
        found += _truncated(names, kinds, cases)  # "Longer than width -> first width-3 chars + "...\""
        found += _reformatted_date(names[0], cases) if kinds == ["str"] else []  # "YYYY-MM -> "Month YYYY\""
    if returns == "str" and kinds == ["int"]:  # "the euros, a comma, always two digits of cents, then a space and EUR"
        found += _money_text(names[0], cases)
    if returns == "str" and sorted(kinds) in (["bool", "int"], ["bool", "str"], ["bool", "float"]):
        found += _flag_mark(names, kinds, cases)  # "Runs, with a `*` when not out"
    if returns == "str" and len(kinds) == 2 and all(kind in ("int", "float") for kind in kinds):
        found += _ratio_or_mark(names, kinds, cases)  # "runs / times out, 2 decimals. Never out -> "-\""
    if returns == "str" and len(kinds) >= 2 and all(kind == "int" for kind in kinds):
        found += _counted_nouns(names, cases)  # "Zero counts are left out, singular for 1"
    if returns == "str" and kinds == ["int"] and re.search(r"\bdecades?\b|\bcentur(?:y|ies)\b", lower):
        name = names[0]  # "The decade a year falls in, written like `1980s`"
        found += [(f'f"{{{name} // 10 * 10}}s"', ()), (f'f"{{{name} // 10 * 10}}\'s"', ()),
                  (f'f"{{{name} // 100 * 100}}s"', ())]
    if returns == "int" and kinds in (["float"], ["int"]):
        found += _rate_rounded(lower, names[0])  # "45p a mile, to the nearest penny, half a penny rounds up"
    if returns == "float" and len(kinds) == 2 and all(kind in ("int", "float") for kind in kinds) and re.search(
            r"\b(?:to the (?:nearest )?(?:penny|cent)|(?:to|with) (?:two|2) decimals?(?: places?)?)\b", lower):
        first, second = names  # "hours times rate, rounded to the penny, where half a penny rounds up"
        for expression in (f"{first} * {second}", f"{first} / {second}", f"{second} / {first}"):
            shifted = f"round({expression} * 100, 6)"  # (19.125 is 1912.5 pence, not 1912.4999...)
            if re.search(HALF_UP, lower):
                found.append((f"math.floor({shifted} + 0.5) / 100", MATH))
            found.append((f"round({expression}, 2)", ()))
    if returns in ("int", "float") and kinds and len(kinds) <= 2 and kinds[0] in ("int", "float") \
            and all(kind in ("int", "float", "bool") for kind in kinds):
        found += _started_units(lower, names, kinds)  # "3 euro for each started kilo ... 2 euro more for ironing"
    if returns in ("int", "float", "str") and kinds and all(kind in ("int", "float") for kind in kinds):
        found += _written_formula(text, names, returns, cases)  # "100 * flowered / count, ... a half always rounded up"
    if returns == "str" and len(kinds) == 2 and kinds[0] == kinds[1]:  # "`SMALLEST-LARGEST`, or just the one number
        found += _one_when_same(text, names)  # when both are the same"
    if returns == "int":  # "the smallest number from 1 to hooks that is not in used; when all are used, 0"
        found += _first_free(lower, names)
    if kinds == ["str"] and returns == "tuple":  # "one whole number or two joined by a dash ... Returns (smallest, largest)"
        found += _number_range(lower, names[0], cases)
    if kinds == ["str"] and returns == "str":  # "two language codes of exactly two letters each, joined by a dash"
        found += _kept_characters(lower, names[0])  # "drop every character that isn't a letter, a digit or a space"
        found += _shaped(text, names[0], returns, cases)
        found += _padded_code(lower, names[0], cases)  # "a capital H and the number with at least three digits"
        found += _runs_into_one(lower, names[0])  # "every run of spaces, hyphens and underscores into a single space"
        found += _written_out(text, names[0])  # "the short forms "Rd", "St" ... written out in full as "Road", "Street" ..."
    if returns == "bool" and kinds == ["str"]:  # "8 to 20 characters long and every character is a letter A-Z or a digit"
        found += _sized_code(text, names[0])
    if returns == "str" and 1 <= len(kinds) <= 2:  # "the number, `[x]` or `[ ]`, the title, `!` and the priority
        found += _record_line(names, cases)  # if there is one, then `#` and each tag"
    if returns in ("int", "float") and "str" in kinds and len(kinds) <= 2:  # "kitchen knives 400, bread knives 500 ..."
        found += _price_list(lower, parameters, returns, cases)
    table = _stated_table(text, kinds, returns)
    if table is not None:  # "P=1, F=2, VF=3, XF=4, UNC=5; any case. Off the scale: ValueError."
        name = names[0]
        any_case = r"\bany case\b|\bcase-insensitive\b|\bignoring case\b|\b(?:small|big|upper|lower|capital)(?: ?case)? or " \
            r"(?:small|big|upper|lower|capital)(?: ?case)? letters (?:do not|don't) matter\b|\bcase (?:does not|doesn't) matter\b"
        lowered = re.search(rf"{any_case}|\bin (?:lower ?case|small letters)\b|\blower-?cased\b", lower)
        key = f"{name}.strip().upper()" if re.search(any_case, lower) and all(k == k.upper() for k in table) \
            else f"{name}.strip().lower()" if (lowered or re.search(any_case, lower)) and all(k == k.lower() for k in table) \
            else f"{name}.strip()" if re.search(r"\b(?:blanks|spaces|whitespace)\b[^.;]*\b(?:removed|ignored|stripped|"
                                                r"trimmed)\b", lower) else name
        check = (f"\nif {key} not in table:\n    raise {error}(f\"unknown {name}: {{{name}!r}}\")"
                 if error in ("ValueError", "KeyError", "LookupError") else "")
        otherwise = re.search(r"\b(?:anything|any \w+|everything|all) else (?:gives|returns|is|gets|counts as) "
                              r"(-?\d+(?:\.\d+)?|none)\b", lower)  # "anything else gives 0"
        found.append((f"table.get({key}, {otherwise.group(1).replace('none', 'None')})" if otherwise and not check
                      else f"table[{key}]", (("table", f"table = {table!r}{check}"),)))
    if table is None and kinds == ["str"] and returns in ("str", "int", "float", "bool"):
        found += _examples_table(text, names[0], cases, error)  # "`1-0` means white won, ... Anything else raises"
    if returns == "str" and kinds == ["int"] and re.search(r"\b(?:ordinal|suffix|1st|2nd|3rd)\b|`nd`|\bst, nd\b|\b(?:english|its) ending\b", lower):
        name = names[0]
        suffix = english_ending("suffix", name)
        found.append((f'f"{{{name}}}{{suffix}}"', (("suffix", suffix),)))
        for tail in dict.fromkeys(re.findall(r"`( [^`]+)`", text)):  # "... ending (`st`, ...) and then ` floor`"
            found.append((f'f"{{{name}}}{{suffix}}{tail}"', (("suffix", suffix),)))
        found += _ordinal_of(lower, name, cases)  # "The century a year falls in, as an English ordinal"
    if returns == "str" and kinds in (["int"], ["float"]):  # "one `#` for every full ten percent, then `.`"
        found += _bar(cases, names[0], lower)
    if len(kinds) == 1:  # "the whole minutes, a colon, the remaining whole seconds as two digits"
        found += _clock_text(lower, names[0], kinds[0], returns)
    if returns == "bool" and kinds == ["str"]:  # "True when the word, ignoring case and surrounding blanks,
        found += _listed_member(lower, names[0])  # is one of: floral, woody, citrus, fresh, spicy, gourmand"
    if returns == "str" and kinds == ["str"]:  # "The kind in lower case if it's one we know (smoke, heat or co, ...),
        found += _listed_or_else(lower, names[0], cases)  # otherwise the empty string"
    if returns == "str" and kinds and all(kind in ("int", "float", "str") for kind in kinds):
        found += _two_templates(text, names)  # "`LOW-HIGH mph`, or just `LOW mph` when both are the same"
    if len(names) == 1 and returns in ("str", "int", "float"):  # "0 is `-`. Otherwise the number and a suffix"
        found += _with_stated_special(lower, names[0], returns, found)
    if returns == "str" and kinds in (["float"], ["int"]):  # "`on pitch` when it's no more than 1 Hz away either way,
        found += _around_a_center(text, names[0])  # otherwise `flat` below and `sharp` above"
    if returns == "bool" and kinds == ["str"]:  # "one letter from A to F followed by a row number from 1 to 30"
        found += _lettered_codes(text, names[0])
    if returns == "int" and kinds == ["str"]:  # "hours and minutes, like `1h30` ... or plain minutes with an `m`"
        found += _duration_reads(lower, names[0], cases)
    if returns == "str" and kinds and kinds.count("str") == 1 and set(kinds) <= {"str", "int"} and len(kinds) <= 2:
        found += _date_shifts(lower, names, kinds, cases)  # "Same month and day, YEARS later", in any words
    found += _count_with_words(names, kinds, returns)  # how_many(n, "seedling", "seedlings")
    found += _day_shape(lower, names, kinds, returns)  # "I don't care if the day really exists"
    found += _clock_minutes(lower, names, kinds, returns)  # "Minutes since midnight for a time written HH:MM"
    found += _typed_price(lower, names, kinds, returns)  # "Pound sign optional"
    found += _typed_cents(lower, names, kinds, returns)  # "an amount as typed into cents: digits, a full stop, two digits"
    found += _clock_rate(lower, names, kinds, returns)  # "Seconds per km ..., printed as M:SS"
    found += _failed_checks(text, names, kinds, returns)  # "Result is "in range", or "out of range: " + what failed"
    found += _range_except(lower, names, kinds, returns)  # "from 2 up to 170, except 159, 162 and 169"
    found += plain_number_candidates(parameters, returns, cases)  # `12.5 km`: after every idiom the words name
    if {"date", "timedelta"} & set(names):  # add_days(date, days): the module, not a name the argument hides
        found = [(_qualified(source), tuple((("datetime", "import datetime") if let == DATES[0] else (name, _qualified(block)))
                                             for let in lets for name, block in [let])) for source, lets in found]
    return found


def _around_a_center(text: str, name: str) -> list[tuple[str, tuple]]:
    """A word for a number near a stated center, another below it and a third above: "A word for how
    far the piano had drifted from A = 440 Hz: `on pitch` when it's no more than 1 Hz away either
    way, otherwise `flat` below and `sharp` above" -> ``'on pitch' if abs(pitch - 440) <= 1 else
    ('flat' if pitch < 440 else 'sharp')``; the center, the tolerance, its bound and which word is
    which are read off the examples among the numbers and words the description states."""
    if not re.search(r"\b(?:away|either way|within|off by|from|around|near|close to|drift\w*)\b", text.lower()):
        return []
    said = list(dict.fromkeys(c.value for c in description_constants(text) if isinstance(c.value, str) and c.value.strip()))
    numbers = list(dict.fromkeys(float(n) if "." in n else int(n) for n in re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])", text)))
    if len(said) != 3 or len(numbers) < 2 or len(numbers) > 5:
        return []
    found = []
    for center, tolerance in itertools.permutations(numbers, 2):
        if tolerance >= center:
            continue
        for op in ("<=", "<"):
            for near, below, above in itertools.permutations(said):
                found.append(((f"{near!r} if abs({name} - {center!r}) {op} {tolerance!r} else "
                               f"({below!r} if {name} < {center!r} else {above!r})"), ()))
    return found


def _lettered_codes(text: str, name: str) -> list[tuple[str, tuple]]:
    """A code of a letter (or letters) in a stated range followed by a number in a stated range:
    "one letter from A to F (either case is fine) followed straight away by a row number from 1
    to 30, written without a leading zero" -> ``re.fullmatch(r"([A-Fa-f])([1-9][0-9]*)", code)``
    and ``1 <= number <= 30``. Either case or capitals only, a leading zero refused or not, one
    letter or several: the examples decide, the words' reading first."""
    letters = re.search(r"\b(?:letters?|[A-Z]) (?:from |between )?([A-Z]) (?:to|through|and|-) ([A-Z])\b|"
                        r"\b([A-Z])(?:-| to )([A-Z])\b", text)
    numbers = re.search(r"\bnumber (?:from |between )?(\d+) (?:to|through|and|-) (\d+)\b|\b(?:from )?(\d+) to (\d+)\b", text)
    if letters is None or numbers is None:
        return []
    first, last = [group for group in letters.groups() if group][:2]
    low, high = [group for group in numbers.groups() if group][:2]
    lower = text.lower()
    any_case = bool(re.search(r"\b(?:either|any) case\b|\bupper or lower\b|\blower or upper\b|\bsmall or capital\b", lower))
    no_zero = bool(re.search(r"\bleading zeros?\b|\bno zeros? in front\b", lower))
    found = []
    for folded, strict, several in itertools.product((any_case, not any_case), (no_zero, not no_zero), (False, True)):
        letter = f"[{first}-{last}{first.lower()}-{last.lower()}]" if folded else f"[{first}-{last}]"
        number = "(0|[1-9][0-9]*)" if strict else "([0-9]+)"
        shape = f"({letter}{'+' if several else ''}){number}"
        read = (("shaped", f'shaped = re.fullmatch(r"{shape}", {name})'),)
        found.append((f"shaped is not None and {low} <= int(shaped[2]) <= {high}", REGEX + read))
    return found


_HOUR_FORMS = {"1h30": r"(?P<h>\d+)h(?P<m>\d{2})?", "1h5": r"(?P<h>\d+)h(?P<m>\d{1,2})?",
               "1:30": r"(?P<h>\d+):(?P<m>\d{2})", "1h 30m": r"(?P<h>\d+)h ?(?P<m>\d{1,2})m",
               "1h30m?": r"(?P<h>\d+)h(?:(?P<m>\d{1,2})m?)?", "1h 5m?": r"(?P<h>\d+)\s*h(?:\s*(?P<m>\d{1,2})\s*m?)?"}
_MINUTE_FORMS = {"45m": r"(?P<n>\d+)m", "45 min": r"(?P<n>\d+) ?m(?:ins?)?", "45": r"(?P<n>\d+)"}  # the strict first


def _duration_reads(lower: str, name: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """A length typed as hours and minutes read into minutes (`1h30` -> 90, `2h` -> 120, `45m` ->
    45, `1:30` -> 90): the forms the examples show, joined; minutes past the hour under 60 or not,
    a length of nothing refused or not, letters in any case or not, all read off the examples
    (the words' "under 60", "zero" and "capital" tried first). Anything else raises what an
    example asks for."""
    shown = [str(case.arguments.get(name, "")) for case in cases if not case.is_error]
    if not shown or not any(re.fullmatch(r"\d+\s?[hH:]\s?\d*[mM]?|\d+\s?[mM]", text) for text in shown):
        return []
    error = next((case.raises for case in cases if case.raises), "ValueError")
    hours = [None, *_HOUR_FORMS]
    minutes = [None, *_MINUTE_FORMS]
    under = bool(re.search(r"\b(?:under|less than|below|at most|up to) 60\b|\btwo digits?\b|\b59\b", lower))
    typed = f"{name}.strip()" if re.search(r"\b(?:blanks|spaces|whitespace)\b[^.;]*\b(?:around|either end|both ends|"
                                           r"outside|ignored|don't matter|do not matter)\b", lower) else name
    zero = bool(re.search(r"\bzero\b|\bnothing\b|\bempty\b|\b0 minutes\b|\bno time\b", lower))
    found = []
    for hour, minute in itertools.product(hours, minutes):
        forms = "|".join(form for form in (_HOUR_FORMS.get(hour), _MINUTE_FORMS.get(minute)) if form)
        if not forms:
            continue
        for capped, empty, any_case in itertools.product((under, not under), (zero, not zero), (False, True)):
            total = ("int(read['h'] or 0) * 60 + int(read['m'] or 0)" if hour else "0") \
                + (" + int(read['n'] or 0)" if minute else "")
            refused = ["read is None", *(["int(read['m'] or 0) >= 60"] if capped and hour else []),
                       *([f"{total} == 0"] if empty else [])]
            block = (f'read = re.fullmatch(r"(?:{forms})", {typed}{", re.IGNORECASE" if any_case else ""})\n'
                     f"if {' or '.join(refused)}:\n"
                     f'    raise {error}(f"not a length: {{{name}!r}}")')
            found.append((total, REGEX + (("read", block),)))
    return found


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MONTH = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])")
_SHIFT_UNITS = {"days": r"\bdays?\b|\bnights?\b", "weeks": r"\bweeks?\b|\bfortnights?\b",
                "months": r"\bmonths?\b|\bmonthly\b", "years": r"\byears?\b|\byearly\b|\bannual"}


def _date_shifts(lower: str, names: list[str], kinds: list[str], cases: list[Case]) -> list[tuple[str, tuple]]:
    """A day moved by a number of days, weeks, months or years, read off the examples rather than
    the words: every example turns an ISO day into an ISO day. The count is the ``int`` argument
    or, without one, the count the first example shows; a month or year landing on a day its
    month lacks is that month's last day (31 January + 1 month -> 28 February, 29 February + 1
    year -> 28 February), or rolls into the next month; the day before or after the moved day
    too ("cover ends the day before"). The units the words name come first, so examples that
    do not tell two apart keep the words' reading."""
    shown = [case for case in cases if not case.is_error]
    day = names[kinds.index("str")]
    if not shown or not all(isinstance(case.arguments.get(day), str) and _ISO_DAY.fullmatch(case.arguments[day])
                            and isinstance(case.expected, str) and _ISO_DAY.fullmatch(case.expected)
                            for case in shown):
        return []
    count = names[kinds.index("int")] if "int" in kinds else None
    units = sorted(_SHIFT_UNITS, key=lambda unit: not re.search(_SHIFT_UNITS[unit], lower))
    before = bool(re.search(r"\bday before\b|\blast day\b|\bup to and including\b|\bthrough\b", lower))
    offsets = (-1, 0, 1) if before else (0, -1, 1)
    start = (("start", f"start = date.fromisoformat({day})"),)
    found: list[tuple[str, tuple]] = []
    for unit in units:
        for offset in offsets:
            if unit == "days" and count is None and offset:
                continue  # the first example's count already takes the offset in
            amount = count if count else _shown_count(unit, offset, shown[0].arguments[day], shown[0].expected)
            if amount is None:
                continue
            nudge = f" + timedelta(days={offset})" if offset else ""
            if unit in ("days", "weeks"):
                found.append((f"(start + timedelta({unit}={amount}){nudge}).isoformat()", DATES + start))
                continue
            months = f"{amount} * 12" if unit == "years" else f"{amount}"
            total = (("total", f"total = start.year * 12 + start.month - 1 + {months}"),)
            clamped = (("moved", ("moved = date(total // 12, total % 12 + 1, "
                                  "min(start.day, calendar.monthrange(total // 12, total % 12 + 1)[1]))")),)
            rolled = (("moved", "moved = date(total // 12, total % 12 + 1, 1) + timedelta(days=start.day - 1)"),)
            for moved in (clamped, rolled):
                found.append((f"(moved{nudge}).isoformat()", DATES + CALENDAR + start + total + moved))
    return found


def _months_shown(cases: list[Case], month: str) -> bool:
    """Every example turns a month written ``YYYY-MM`` into another one."""
    shown = [case for case in cases if not case.is_error]
    return bool(shown) and all(isinstance(case.arguments.get(month), str) and _ISO_MONTH.fullmatch(case.arguments[month])
                               and isinstance(case.expected, str) and _ISO_MONTH.fullmatch(case.expected)
                               for case in shown)


def _shown_count(unit: str, offset: int, given: str, shown: str) -> int | None:
    """How many ``unit`` one example moves its day (``offset`` days taken back first); None
    when it moves no whole number of them."""
    from datetime import date, timedelta

    before, after = date.fromisoformat(given), date.fromisoformat(shown) - timedelta(days=offset)
    if unit in ("days", "weeks"):
        days = (after - before).days
        return days if unit == "days" else days // 7 if days % 7 == 0 else None
    months = (after.year * 12 + after.month) - (before.year * 12 + before.month)
    if unit == "years":
        return months // 12 if months % 12 == 0 and months else None
    return months or None


def _ordinal_of(lower: str, name: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """An ordinal of a number worked out from the argument, with the text the examples put after
    it: "The century a year falls in, as an English ordinal: years 1701 to 1800 are the 18th
    century" -> ``f"{number}{suffix} century"``, number ``(year - 1) // 100 + 1``."""
    numbers = {"centur": f"({name} - 1) // 100 + 1", "millenni": f"({name} - 1) // 1000 + 1",
               "decade": f"{name} // 10 * 10"}
    found = []
    for stem_, number in numbers.items():
        if stem_ not in lower:
            continue
        lets = (("number", f"number = {number}"),
                ("suffix", english_ending("suffix", "number")))
        tails = set()
        for case in cases:
            if case.is_error or not isinstance(case.expected, str):
                continue
            shown = evaluate('f"{number}{suffix}"', lets, case.arguments)
            tails.add(case.expected[len(shown):] if case.expected.startswith(shown) else None)
        if len(tails) == 1 and None not in tails and not re.search(r"[{}\"\\]", next(iter(tails))):
            found.append((f'f"{{number}}{{suffix}}{tails.pop()}"', lets))
    return found


def _range_check(name: str, low: int, high: int, error: str | None) -> str | None:
    """The statement a bar's argument is checked with: outside ``low..high`` it raises the
    error an example asks for (None where no example raises one it can)."""
    if error not in ("ValueError", "KeyError", "LookupError"):
        return None
    return f"if not {low} <= {name} <= {high}:\n    raise {error}(f\"out of range: {{{name}}}\")"


def _bar(cases: list[Case], name: str, lower: str = "") -> list[tuple[str, tuple]]:
    """A bar of a fixed length in two characters, the first one for every full step of the
    argument: "Ten characters: one `#` for every full ten percent, then `.` for the rest"
    (`####......` for 45) -> ``"#" * (battery // 10) + "." * (10 - battery // 10)``; where an
    example raises, the number outside the range the words state ("anything thats not 1 to 5 is a
    ValueError") or else outside 0..the width raises that error."""
    shown = [case for case in cases if not case.is_error and isinstance(case.expected, str)]
    if len(shown) < 3 or len({len(case.expected) for case in shown}) != 1:
        return []
    mixed = [case.expected for case in shown if len(set(case.expected)) == 2]  # ("-----" first, "###--" says which is
    marks = "".join(dict.fromkeys("".join(mixed + [case.expected for case in shown])))  # the mark)
    if len(marks) != 2 or not all(re.fullmatch(rf"{re.escape(marks[0])}*{re.escape(marks[1])}*", case.expected)
                                  for case in shown):
        return []
    width = len(shown[0].expected)
    error = next((case.raises for case in cases if case.raises), None)
    stated = re.search(r"\b(?:not |outside |other than )(?:from )?(\d+) (?:to|-|through|and) (\d+)\b", lower)
    low, high = (int(stated.group(1)), int(stated.group(2))) if stated else (0, width)
    check = _range_check(name, low, high, error)
    found = []
    for step in dict.fromkeys((1, 5, 10, 20, 25, 100 // width)):
        full = f"{name} // {step}" if step > 1 else name
        lets = (("full", f"full = max(0, min({width}, {full}))"),)
        found.append((f"{marks[0]!r} * full + {marks[1]!r} * ({width} - full)", ((("check", check),) if check else ()) + lets))
    return found


def _clock_text(lower: str, name: str, kind: str, returns: str) -> list[tuple[str, tuple]]:
    """Seconds written as a clock and a clock read back into seconds: "the whole minutes, a colon,
    the remaining whole seconds as two digits, a full stop and the tenth" (`7:32.3`), and "the
    minutes, a colon, exactly two digits of seconds (00 to 59), then optionally a full stop and
    exactly one digit of tenths" -> seconds, anything else raising ValueError."""
    shaped = re.search(r"\bh?:?m?m:ss\b", lower)  # "under an hour its m:ss, an hour or more its h:mm:ss"
    if not (re.search(r"\bcolon\b", lower) and re.search(r"\bminutes?\b", lower)) and not shaped:
        return []
    tenths = bool(re.search(r"\btenths?\b", lower))
    hours = bool(re.search(r"\bhours?\b|\bh:mm:ss\b", lower)) and not tenths
    if hours and kind in ("int", "float") and returns == "str":  # `1:23`, and `1:02:05` from an hour on
        both = ('f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}" if whole >= 3600 else '
                'f"{whole // 60}:{whole % 60:02d}"')
        return [(both, (("whole", f"whole = round({name})"),))]
    if hours and kind == "str" and returns in ("int", "float"):  # "`1:23` (minutes:seconds) or `1:02:05`
        read = (f"read = re.fullmatch(r\"(\\d+):([0-5]\\d)(?::([0-5]\\d))?\", {name})\nif read is None:\n"  # (hours:
                f"    raise ValueError(f\"not a time: {{{name}!r}}\")")  # minutes:seconds)"
        total = ("(int(read.group(1)) * 3600 + int(read.group(2)) * 60 + int(read.group(3)) if read.group(3) is not None "
                 "else int(read.group(1)) * 60 + int(read.group(2)))")
        return [(f"float({total})" if returns == "float" else total, (("re", "import re"), ("read", read)))]
    if kind in ("int", "float") and returns == "str":
        if tenths:
            lets = (("tenths", f"tenths = round({name} * 10)"),)
            return [('f"{tenths // 600}:{tenths % 600 // 10:02d}.{tenths % 10}"', lets)]
        return [('f"{whole // 60}:{whole % 60:02d}"', (("whole", f"whole = round({name})"),))]
    if kind == "str" and returns in ("int", "float"):
        shape = r"(\d+):([0-5]\d)(?:\.(\d))?" if tenths else r"(\d+):([0-5]\d)"
        read = (f"read = re.fullmatch(r\"{shape}\", {name})\nif read is None:\n"
                f"    raise ValueError(f\"not a time: {{{name}!r}}\")")
        total = "int(read.group(1)) * 60 + int(read.group(2))" + (" + int(read.group(3) or 0) / 10" if tenths else "")
        return [(f"float({total})" if returns == "float" else total, (("re", "import re"), ("read", read)))]
    return []


NUMBER = r"-?\d+(?:\.\d+)?"


def _range_except(lower: str, names: list[str], kinds: list[str], returns: str | None) -> list[tuple[str, tuple]]:
    """A whole number in a stated range, some numbers in it left out: "from 2 up to 170, except
    159, 162, 163, 165, 166, 168 and 169" -> ``2 <= n <= 170 and n not in (159, ...)``."""
    if returns != "bool" or kinds != ["int"]:
        return []
    said = re.search(rf"\b(?:from|between) ({NUMBER}) (?:up )?(?:to|and|through) ({NUMBER})\b(?:[^.;]*?\b(?:except|but not|"
                     rf"other than|apart from|excluding)\b((?:[\s,]*(?:and|or)?\s*{NUMBER})+))?", lower)
    if said is None:
        return []
    name = names[0]
    left_out = tuple(int(number) for number in re.findall(NUMBER, said.group(3) or ""))
    check = f"{said.group(1)} <= {name} <= {said.group(2)}"
    return [(f"{check} and {name} not in {left_out!r}" if left_out else check, ())]


def _failed_checks(text: str, names: list[str], kinds: list[str], returns: str | None) -> list[tuple[str, tuple]]:
    """A verdict over bounds stated per argument, naming the ones that fail: "Targets: pH
    6.5-7.5, ammonia max 0.25 ppm. Limits inclusive. Result is "in range", or "out of range: " +
    what failed, pH before ammonia, joined by ", "." -> the first text when every argument is
    within its bounds, else the second and the failing arguments' names as the words write them,
    in the order of the arguments, joined as said."""
    if returns != "str" or len(names) < 2 or any(kind not in ("int", "float") for kind in kinds):
        return []
    joined = re.search(r"\bjoined (?:by|with) [\"`]([^\"`]+)[\"`]", text)
    told = re.search(r"[\"`]([^\"`]+)[\"`],? or [\"`]([^\"`]*)[\"`] \+ (?:what|the ones?|those|each|every)", text)
    if told is None or joined is None:
        return []
    checks = []
    for name in names:
        label = re.search(rf"\b({re.escape(name)})\b", text, flags=re.IGNORECASE)
        if label is None:
            return []
        after = text[label.end():label.end() + 40]
        between = re.match(rf"\s*:?\s*({NUMBER})\s*(?:-|–|to|\.\.)\s*({NUMBER})", after)
        most = re.match(rf"\s*:?\s*(?:max(?:imum)?|at most|up to|<=|no more than|under)\s*({NUMBER})", after)
        least = re.match(rf"\s*:?\s*(?:min(?:imum)?|at least|>=|no less than|over)\s*({NUMBER})", after)
        if between:
            bad = f"not ({between.group(1)} <= {name} <= {between.group(2)})"
        elif most:
            bad = f"{name} > {most.group(1)}"
        elif least:
            bad = f"{name} < {least.group(1)}"
        else:
            return []
        checks.append(f"({label.group(1)!r}, {bad})")
    failed = f"failed = [label for label, bad in ({', '.join(checks)},) if bad]"
    ok, prefix = told.group(1), told.group(2)
    return [(f"{ok!r} if not failed else {prefix!r} + {joined.group(1)!r}.join(failed)", (("failed", failed),))]


def _count_with_words(names: list[str], kinds: list[str], returns: str | None) -> list[tuple[str, tuple]]:
    """A count with its word, both words given: ``how_many(n, one, many)`` ->
    ``f"{n} {one if n == 1 else many}"`` (or by the count's size, where -1 takes the singular)."""
    if returns != "str" or kinds != ["int", "str", "str"]:
        return []
    n, one, many = names
    return [(f'f"{{{n}}} {{{one} if {n} == 1 else {many}}}"', ()), (f'f"{{{n}}} {{{one} if abs({n}) == 1 else {many}}}"', ())]


def _day_shape(lower: str, names: list[str], kinds: list[str], returns: str | None) -> list[tuple[str, tuple]]:
    """A day's shape without the calendar: "a 4 digit year, a dash, a 2 digit month from 01 to 12,
    a dash, a 2 digit day from 01 to 31 ... I don't care if the day really exists"."""
    if returns != "bool" or kinds != ["str"] or not (re.search(r"\byear\b", lower) and re.search(r"\bmonth\b", lower)
                                                     and re.search(r"\bday\b|\bdate\b", lower)
                                                     and re.search(r"\bdash|\bhyphen|yyyy-mm-dd", lower)):
        return []
    return [(_iso_day_shaped(names[0], "31"), REGEX)]


def _iso_day_shaped(name: str, last_day: str) -> str:
    """Python testing ``name`` for `YYYY-MM-DD` with a month 1..12 and a day 1..``last_day``
    (the month's own last day, or 31 where the words do not care whether the day exists)."""
    return (f're.fullmatch(r"\\d{{4}}-\\d{{2}}-\\d{{2}}", {name}) is not None and 1 <= int({name}[5:7]) <= 12 '
            f"and 1 <= int({name}[8:]) <= {last_day}")


def _clock_minutes(lower: str, names: list[str], kinds: list[str], returns: str | None) -> list[tuple[str, tuple]]:
    """A clock time read into minutes since midnight ("a time written HH:MM ... hours 00 to 23
    and minutes 00 to 59. Anything else raises ValueError"; two-digit hours first), and a clock
    time moved on by N minutes, written ``HH:MM`` (past midnight as 24:00 or wrapped to 00:00)."""
    if not re.search(r"\bhh:mm\b|\bh:mm\b", lower) or not re.search(r"\bminutes?\b", lower):
        return []
    found: list[tuple[str, tuple]] = []
    if returns == "int" and kinds == ["str"]:
        name = names[0]
        for shape in (r"(\d{2}):(\d{2})", r"(\d{1,2}):(\d{2})"):
            read = (f'read = re.fullmatch(r"{shape}", {name})\n'
                    f"if read is None or int(read.group(1)) > 23 or int(read.group(2)) > 59:\n"
                    f'    raise ValueError(f"not a time HH:MM: {{{name}!r}}")')
            found.append(("int(read.group(1)) * 60 + int(read.group(2))", (*REGEX, ("read", read))))
    if returns == "str" and sorted(kinds) == ["int", "str"]:  # end_time("23:15", 45) == "24:00"
        time, minutes = names[kinds.index("str")], names[kinds.index("int")]
        total = (("total", f"total = int({time}[:{time}.index(':')]) * 60 + int({time}[{time}.index(':') + 1:]) + {minutes}"),)
        found += [('f"{total // 60:02d}:{total % 60:02d}"', total), ('f"{total // 60 % 24:02d}:{total % 60:02d}"', total)]
    return found


def _typed_price(lower: str, names: list[str], kinds: list[str], returns: str | None) -> list[tuple[str, tuple]]:
    """A price as typed: "Pound sign optional. Anything that isn't a number, or is under zero, is
    a ValueError": an optional currency sign before a number (no minus), blanks around it."""
    if returns not in ("float", "int") or kinds != ["str"] or not re.search(
            r"\bprice|\bamount|\bcost|\bmoney|\bfee|\bquote", lower) or not re.search(
            r"[£$€]|\bpound|\bdollar|\beuro|\bsign\b|\bsymbol\b|\bcents?\b|\bpence\b|\breceipt", lower):
        return []
    name = names[0]
    comma = bool(re.search(r"\bcomma\b", lower))  # "the cents can come after a comma or a dot"
    point = r"[.,]" if comma else r"\."
    read = (f'read = re.fullmatch(r"\\s*[£$€]?\\s*(\\d+(?:{point}\\d+)?|{point}\\d+)\\s*", {name})\n'
            f'if read is None:\n    raise ValueError(f"not a price: {{{name}!r}}")')
    number = 'read.group(1).replace(",", ".")' if comma else "read.group(1)"
    return [(f"{returns}({number})", (*REGEX, ("read", read)))]


def _typed_cents(lower: str, names: list[str], kinds: list[str], returns: str | None) -> list[tuple[str, tuple]]:
    """An amount as typed read into whole cents: "Converts an amount as typed into cents. The only
    accepted form is one or more digits, a full stop, and exactly two digits ... An amount of zero
    is not accepted": ``12.50`` -> 1250. The strict form (exactly two decimals) first, then one with
    the decimals optional (``12``, ``12.5``); zero refused where the words speak of zero or nothing."""
    if returns != "int" or kinds != ["str"] or not re.search(r"\bcents?\b|\bpence\b|\bpennies\b", lower):
        return []
    name = names[0]
    zero = bool(re.search(r"\b(?:zero|nothing|0(?:\.00)?)\b[^.]*\bnot\b|\bnot\b[^.]*\b(?:zero|0(?:\.00)?)\b|"
                          r"\b(?:more|greater) than (?:zero|0)\b|\bpositive\b", lower))
    refuse = f'    raise ValueError(f"not an amount: {{{name}!r}}")'
    found = []
    for pattern, cents in ((r"(\d+)\.(\d{2})", "int(read.group(1)) * 100 + int(read.group(2))"),
                           (r"(\d+)(?:\.(\d{1,2}))?", 'int(read.group(1)) * 100 + int((read.group(2) or "0").ljust(2, "0"))')):
        read = (f'read = re.fullmatch(r"{pattern}", {name})\nif read is None:\n{refuse}\n'
                f'cents = {cents}' + (f"\nif cents == 0:\n{refuse}" if zero else ""))
        found.append(("cents", (*REGEX, ("read", read))))
    return found


def _clock_rate(lower: str, names: list[str], kinds: list[str], returns: str | None) -> list[tuple[str, tuple]]:
    """A rate written as a clock: "Seconds per km = seconds / km, rounded to the nearest whole
    second (an exact half rounds up), printed as M:SS" (either number divided by the other; half
    up, or as ``round`` does)."""
    if returns != "str" or len(kinds) != 2 or not set(kinds) <= {"int", "float"} \
            or not re.search(r"\bm:ss\b|\bmm:ss\b", lower) or not re.search(r"\bper\b|/", lower):
        return []
    found: list[tuple[str, tuple]] = []
    for whole, part in (names, names[::-1]):
        for rounded in (f"math.floor({part} / {whole} + 0.5)", f"round({part} / {whole})"):
            found.append(('f"{each // 60}:{each % 60:02d}"', (*MATH, ("each", f"each = {rounded}"))))
    return found


def calendar_days() -> tuple[str, ...]:
    """The weekdays' names in small letters, Monday first (``calendar.weekday``'s numbers)."""
    return ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _qualified(source: str) -> str:
    """``date.fromisoformat``, ``timedelta(`` written through the ``datetime`` module."""
    return re.sub(r"(?<![\w.])(date|timedelta)(?=[.(])", r"datetime.\1", source)


SCALES = (("*", 1), ("/", 1000), ("*", 1000), ("/", 100), ("*", 100), ("/", 60), ("*", 60), ("/", 1024),
          ("*", 1024), ("/", 10), ("*", 10))


def _shown(value: float, scale: tuple[str, int], decimals: int, cut: bool) -> str:
    scaled = value * scale[1] if scale[0] == "*" else value / scale[1]
    if cut:  # "the third decimal is cut away, not rounded"
        scaled = math.floor(scaled * 10 ** decimals + 1e-9) / 10 ** decimals
    return f"{scaled:.{decimals}f}"


def _side(name: str, shown: list[tuple[float, str]], cut_first: bool, point: float) -> list[str]:
    """The f-string sources writing every (value, text) of one side of a unit switch: the text
    around one number, the number the value scaled (``/ 1000``), with the decimals shown,
    rounded or cut."""
    parts = [re.fullmatch(r"(\D*?)(-?\d+(?:\.(\d+))?)(\D*)", text) for _, text in shown]
    if not all(parts) or len({(p.group(1), p.group(4)) for p in parts}) != 1:
        return []
    before, after, decimals = parts[0].group(1), parts[0].group(4), len(parts[0].group(3) or "")
    if len({len(p.group(3) or "") for p in parts}) != 1:  # `1 L`, `1.25 L`, `1.5 L`: "trailing zeros dropped, and
        return _side_trimmed(name, shown, parts, cut_first, point)  # the point too if nothing is left after it"
    sources = []
    whole = all(isinstance(value, int) for value, _ in shown)
    switch = ("/", int(point)) if point == int(point) and point > 1 else None  # `1024` bytes and up: KB
    for scale in ([switch] if switch else []) + [scale for scale in SCALES if scale != switch]:
        for cut in ((True, False) if cut_first else (False, True)):
            if cut and decimals == 0 and scale == ("*", 1):
                continue
            if all(_shown(value, scale, decimals, cut) == p.group(2) for (value, _), p in zip(shown, parts)):
                scaled = name if scale == ("*", 1) else f"{name} {scale[0]} {scale[1]}"
                number = (f"math.floor({scaled} * {10 ** decimals} + 1e-9) / {10 ** decimals}" if cut else scaled)
                spec = "" if whole and scale == ("*", 1) and not decimals else f":.{decimals}f"
                body = (before.replace("{", "{{").replace("}", "}}") + "{" + number + spec + "}"
                        + after.replace("{", "{{").replace("}", "}}"))
                sources.append(f'f"{body}"' if '"' not in body and "\\" not in body else "f" + repr(body))
    return sources


def _side_trimmed(name: str, shown: list[tuple[float, str]], parts: list, cut_first: bool, point: float) -> list[str]:
    """One side of a unit switch whose examples show as many decimals as the value needs (`1 L`,
    `1.25 L`): the most decimals any shows, rounded or cut, trailing zeros and a bare point
    dropped."""
    before, after = parts[0].group(1), parts[0].group(4)
    decimals = max(len(p.group(3) or "") for p in parts)
    switch = ("/", int(point)) if point == int(point) and point > 1 else None
    sources = []
    for scale in ([switch] if switch else []) + [scale for scale in SCALES if scale != switch and scale != ("*", 1)]:
        for cut in ((True, False) if cut_first else (False, True)):
            if all(_shown(value, scale, decimals, cut).rstrip("0").rstrip(".") == p.group(2)
                   for (value, _), p in zip(shown, parts)):
                scaled = f"{name} {scale[0]} {scale[1]}"
                number = f"math.floor({scaled} * {10 ** decimals} + 1e-9) / {10 ** decimals}" if cut else scaled
                trimmed = f"format({number}, '.{decimals}f').rstrip('0').rstrip('.')"
                body = before.replace("{", "{{").replace("}", "}}") + "{" + trimmed + "}" + after.replace(
                    "{", "{{").replace("}", "}}")
                sources.append(f'f"{body}"' if '"' not in body and "\\" not in body else "f" + repr(body))
    return sources


def _hundredths_shown(cases: list[Case]) -> bool:
    """Whether every example reads an amount typed as text into its hundredths ("2.50" -> 250,
    "£1.25" -> 125), two at least and one with a point: `to_pence` whose words never say pence."""
    shown = [(str(next(iter(case.arguments.values()))), case.expected) for case in cases
             if not case.is_error and len(case.arguments) == 1]
    def hundredths(text: str) -> int | None:
        number = re.fullmatch(r"\D?(\d+(?:\.\d{1,2})?)", text.strip())
        return round(float(number.group(1)) * 100) if number else None
    return len(shown) >= 2 and any("." in text for text, _ in shown) and all(
        isinstance(value, int) and hundredths(text) == value for text, value in shown)


def _unit_switch(lower: str, name: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """A measure written in the unit that suits it: "under 1000 grams: the grams and " g";
    from 1000 grams on: the kilograms with two decimals" -> ``850 g``, ``1.25 kg``. The switch
    point is a number the words say and the examples fall on both sides of; each side's text,
    scale, decimals and rounding (or cutting: "not rounded", "cut away") are read off its
    examples."""
    shown = [(case.arguments[name], case.expected) for case in cases if not case.raises
             and isinstance(case.expected, str) and isinstance(case.arguments.get(name), (int, float))]
    if len(shown) < 3:
        return []
    cut_first = bool(re.search(r"\bcut\b|\btruncat|\bnot rounded\b|\bdropped\b|\bchopped\b", lower))
    if _side(name, shown, cut_first, 0):
        return []  # one way of writing fits every example: no switch ("as kg w/ 2 decimals")
    found = []
    for point in sorted({float(n) for n in re.findall(
            r"(?<![\w.])(\d+(?:\.\d+)?)(?![\w.])(?!\s*(?:decimal|digit|place|dp\b))", lower)} - {0.0}):
        low = [(value, text) for value, text in shown if value < point]
        high = [(value, text) for value, text in shown if value >= point]
        below, above = _side(name, low, cut_first, point), _side(name, high, cut_first, point) if low else []
        if below and above:
            limit = int(point) if point == int(point) else point
            source = f"{below[0]} if {name} < {limit} else {above[0]}"
            found.append((source, MATH if "math." in source else ()))
    return found


def _discount(lower: str, names: list[str], cases: list[Case]) -> list[tuple[str, tuple]]:
    """A price with a discount from a threshold on: "the nights times the rate; a stay of 7
    nights or more gets 10 percent off the whole bill; rounded to two decimals" ->
    ``round(nights * rate * (0.9 if nights >= 7 else 1), 2)``. The discounted argument is the
    one the threshold's unit names (else the first)."""
    off = re.search(r"(\d+(?:\.\d+)?)\s*(?:%|percent|per cent)\s+(?:off|discount|less|lower|reduction|cheaper)\b|"
                    r"\b(?:discount|reduction|rebate) of (\d+(?:\.\d+)?)\s*(?:%|percent|per cent)", lower)
    limit = re.search(r"\b(\d+)(?: (\w+))? or (?:more|longer|over)\b|\bat least (\d+)(?: (\w+))?|"
                      r"\b(?:more than|over|above|longer than) (\d+)(?: (\w+))?", lower)  # "totalling 100 or more"
    if off is None or limit is None:
        return []
    share = 1 - float(off.group(1) or off.group(2)) / 100
    count, unit = next((limit.group(i), limit.group(i + 1)) for i in (1, 3, 5) if limit.group(i))
    strict = bool(limit.group(5))
    named = next((name for name in names if unit and same_word(name, unit)), names[0])
    base = " * ".join(names)
    priced = f"{base} * ({share!r} if {named} {'>' if strict else '>='} {count} else 1)"
    return [(f"round({priced}, 2)", ()), (priced, ()), (f"round({priced})", ())]


def _tiered_rate(lower: str, name: str) -> list[tuple[str, tuple]]:
    """A price per unit that changes from a stated count on: "A shirt costs 800 pence, but when a
    student orders 3 or more shirts, every shirt in the order costs 700 pence" -> ``quantity *
    (700 if quantity >= 3 else 800)``, offered for each pair of the rates the words state (the
    examples pick)."""
    lower = re.sub(r"\b(?:a|one) week or (?:more|longer)\b", "7 or more", lower)  # "18 a night, but a week or more
    lower = re.sub(r"\b(?:a|one) fortnight or (?:more|longer)\b", "14 or more", lower)  # is 15 a night"
    limit = re.search(r"\b(\d+) or more\b|\bat least (\d+)\b|\bfrom (\d+) (?:\w+ )?on\b", lower)
    if limit is None or not re.search(r"\b(?:each|every|per|a piece|apiece|costs?|an? (?:night|day|hour|week|month|item))\b", lower):
        return []
    count = next(group for group in limit.groups() if group)
    rates = [number for number in dict.fromkeys(re.findall(r"(?<![\w.])(\d+(?:\.\d+)?)(?![\w.])", lower))
             if number != count][:4]
    return [(f"{name} * ({later} if {name} >= {count} else {first})", ())
            for first in rates for later in rates if first != later]


def _percent_added(lower: str, name: str) -> list[tuple[str, tuple]]:
    """An amount with a share of it added or taken off: "Add 20% VAT, rounded to the penny" ->
    ``round(amount * 120 / 100, 2)``; "10 percent off" -> ``amount * 90 / 100``. Rounded to two
    decimals where the words say the penny, cent or two decimals."""
    said = re.search(r"\b(?:add|adds|added|plus|with|including|includes?)\s+(?:an? |the )?(\d+(?:\.\d+)?)\s*(?:%|percent|per cent)|"
                     r"\b(\d+(?:\.\d+)?)\s*(?:%|percent|per cent)\s+(?:off|less|taken off|discount)\b", lower)
    if said is None:
        return []
    share = float(said.group(1) or said.group(2))
    share = int(share) if share.is_integer() else share
    scaled = f"{name} * {100 + share if said.group(1) else 100 - share} / 100"
    if re.search(r"\b(?:penny|pennies|cents?|two decimals|2 decimals|two decimal places|2 decimal places)\b", lower):
        return [(f"round({scaled}, 2)", ())]
    return [(scaled, ()), (f"round({scaled}, 2)", ())]


def _capped_rate(lower: str, name: str) -> list[tuple[str, tuple]]:
    """A rate per unit of the one number argument, with a ceiling: "0.20 per day late, but never
    more than 5.00 in total" -> ``min(round(days_late * 0.2, 2), 5.0)``."""
    rate = re.search(r"(\d+(?:\.\d+)?)\s*(?:per|a|an|each|for each|for every)\s+\w+", lower)
    cap = re.search(r"\b(?:never more than|not more than|no more than|at most|capped at|up to a maximum of|"
                    r"a maximum of|maximum of|max(?:imum)?|limited to)\s+(\d+(?:\.\d+)?)", lower)
    if rate is None or cap is None:
        return []
    per, ceiling = float(rate.group(1)), float(cap.group(1))
    return [(f"min(round({name} * {per!r}, 2), {ceiling!r})", ()), (f"min({name} * {per!r}, {ceiling!r})", ())]


def same_word(name: str, word: str) -> bool:
    """`nights` and "night", `kg` and "kg": one word, singular or plural."""
    name, word = name.lower(), word.lower()
    return name == word or name.rstrip("s") == word.rstrip("s")


def _hours_and_minutes(name: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """A length of time in minutes written in hours and minutes, each part only when it is
    not zero (`2 h 15 min`, `1 h`, `45 min`, `0 min` for nothing): the labels and the
    separator are read off an example with both parts whose numbers make its minutes."""
    for case in cases:
        total, shown = case.arguments.get(name), case.expected
        if not isinstance(total, int) or not isinstance(shown, str):
            continue
        both = re.fullmatch(r"(\d+)(\s*[A-Za-z]+\.?)(\s*,?\s*(?:and\s+)?)(\d+)(\s*[A-Za-z]+\.?)", shown)
        if both and int(both.group(1)) * 60 + int(both.group(4)) == total and int(both.group(4)) < 60:
            hours, separator, minutes = both.group(2), both.group(3), both.group(5)
            padded = ":02d" if both.group(4).startswith("0") and len(both.group(4)) == 2 else ""  # `2 h 05 min`
            block = (f"hours, rest = divmod({name}, 60)\n"
                     f"parts = ([f\"{{hours}}{hours}\"] if hours else []) + "
                     + (f"([f\"{{rest:02d}}{minutes}\" if hours else f\"{{rest}}{minutes}\"] if rest or not hours else [])"
                        if padded else f"([f\"{{rest}}{minutes}\"] if rest or not hours else [])"))
            return [(f"{separator!r}.join(parts)", (("parts", block),))]
    return []


def _first_then_each(lower: str, name: str, returns: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """A price by the unit with a first step: "12 for the first hour and 8 for every hour after
    that, but never more than 40" -> ``min(12 + 8 * (hours - 1), 40)``; a count below 1
    raises what an example asks (``price_for(0) raises ValueError``)."""
    number = r"(\d+(?:\.\d+)?)"
    tiers = re.search(rf"{number} for the first \w+[^.]*?\b{number} (?:for |per )?(?:each|every|an?) (?:\w+ )?"
                      r"(?:after|more|extra|thereafter|beyond)", lower)
    if tiers is None:
        return []
    first, each = tiers.group(1), tiers.group(2)
    cast = (lambda text: text) if returns == "int" or "." in tiers.group(0) else (lambda text: f"{text}.0")
    source = f"{cast(first)} + {cast(each)} * ({name} - 1)"
    cap = re.search(rf"\b(?:never more than|at most|no more than|capped at|up to a maximum of|a maximum of) {number}", lower)
    if cap:
        source = f"min({source}, {cast(cap.group(1))})"
    error = next((case.raises for case in cases if case.raises), None)
    lets = ((name, f"if {name} < 1:\n    raise {error}(f\"{name} must be at least 1 (got {{{name}}})\")"),) \
        if error in ("ValueError", "ArithmeticError") else ()
    return [(source, lets)]


STEP_UNITS = {"quarter of an hour": 15, "quarter hour": 15, "half an hour": 30, "half hour": 30, "hour": 60}


def _stepped_beyond(lower: str, name: str, returns: str) -> list[tuple[str, tuple]]:
    """A price with a base and steps past a threshold: "any walk up to 30 minutes is 1200;
    every started quarter of an hour beyond the first 30 minutes adds 500" -> ``1200 + 500 *
    ceil((minutes - 30) / 15)`` past 30; "every full" rounds the steps down instead (both are
    offered, the examples choose)."""
    number = r"(\d+(?:\.\d+)?)"
    base = re.search(rf"\bup to (?:and including )?{number}\b[^.;]*?\b(?:is|costs|are|pays?|charged?) {number}\b", lower)
    said = re.search(rf"\b(?:is|costs|are|pays?|charged?) {number} for (?:anything |any \w+ |\w+ )?up to {number}\b", lower)
    said = said or re.search(rf"(?:^|[:;,]\s*|\bis\s+){number} for (?:anything |any \w+ |\w+ )?up to {number}\b", lower)
    # ("What a walk costs in pounds: 5 for up to 30 minutes")
    threshold, first = (base.group(1), base.group(2)) if base else (said.group(2), said.group(1)) if said else (None, None)
    step = re.search(rf"\b(?:every|each|any|per) (?:started |begun |part |full |whole |complete |extra |further )*"
                     rf"(?:{number} \w+|({'|'.join(STEP_UNITS)}))\b[^.;]*?\b(?:beyond|after|over|past|above|more than)\b"
                     rf"[^.;]*?\b(?:adds?|costs?|is|another|plus) (?:an? (?:extra |further )?)?{number}\b", lower)
    each_first = re.search(rf"\b{number} (?:more|extra) (?:for|per|with) (?:every|each|any) (?:started |begun |part |extra |"
                           rf"further )*(?:{number} \w+|({'|'.join(STEP_UNITS)}))\b[^.;]*?\b(?:beyond|after|over|past|"
                           rf"above|more than)\b", lower) if step is None else None  # "2 more for every started 15
    if threshold is None or (step is None and each_first is None):  # minutes after that"
        return []
    unit, named_unit, each = (step.group(1), step.group(2), step.group(3)) if step else (
        each_first.group(2), each_first.group(3), each_first.group(1))
    hours = "hour" in name.lower()  # the parameter's unit: `hours` counts an hour as 1, `minutes` as 60
    size = unit or (str(STEP_UNITS[named_unit] // 60) if hours and named_unit == "hour"
                    else None if hours else str(STEP_UNITS[named_unit]))
    if size is None:
        return []
    cast = (lambda text: text) if returns == "int" else (lambda text: f"{float(text)!r}")
    past = f"max({name} - {threshold}, 0)"
    return [(f"{cast(first)} + {cast(each)} * (-(-{past} // {size}))", ()),  # every started step
            (f"{cast(first)} + {cast(each)} * ({past} // {size})", ())]       # every full step


def _number_run(lower: str, names: list[str], cases: list[Case]) -> list[tuple[str, tuple]]:
    """A run of numbers written first and last: "the first and last number with a dash between,
    like `1-5`, but just the number on its own when it's a single ticket" over ``(first: int,
    count: int)`` (or ``(first, last)``); the separator is read off an example that has two."""
    if not re.search(r"\bfirst\b[^.;]*\blast\b", lower) or not re.search(
            r"\b(?:single|on its own|alone|just (?:the|one) (?:\w+ )?number|only one)\b", lower):
        return []
    outputs = [str(case.expected) for case in cases if not case.is_error and isinstance(case.expected, str)]
    separators = {found.group(1) for output in outputs for found in [re.fullmatch(r"-?\d+(\D+)-?\d+", output)] if found}
    if len(separators) != 1:
        return []
    separator = separators.pop()
    first, second = names
    ends = ((f"{first} + {second} - 1", f"{second} > 1"), (second, f"{second} != {first}"))
    return [(f'f"{{{first}}}{separator}{{{last}}}" if {longer} else str({first})', ()) for last, longer in ends]


def _solve(rows: list[list], targets: list) -> list | None:
    """The exact solution of ``rows · x = targets`` (fractions, Gauss-Jordan) when the rows
    fix it: as many independent rows as unknowns; None when they do not or it is inconsistent."""
    from fractions import Fraction

    matrix = [[Fraction(value) for value in row] + [Fraction(target)] for row, target in zip(rows, targets)]
    width = len(rows[0])
    for column in range(width):  # each unknown's pivot row is its own column's (or it is not fixed)
        pivot = next((index for index in range(column, len(matrix)) if matrix[index][column] != 0), None)
        if pivot is None:
            return None  # the examples do not tell this unknown apart
        matrix[column], matrix[pivot] = matrix[pivot], matrix[column]
        lead = matrix[column][column]
        matrix[column] = [value / lead for value in matrix[column]]
        for index in range(len(matrix)):
            if index != column and matrix[index][column] != 0:
                factor = matrix[index][column]
                matrix[index] = [value - factor * other for value, other in zip(matrix[index], matrix[column])]
    if any(row[-1] != 0 for row in matrix[width:]):
        return None  # an example the others contradict
    return [matrix[index][-1] for index in range(width)]


def _linear_formula(lower: str, names: list[str], returns: str, cases: list[Case],
                    spare: int = 1) -> list[tuple[str, tuple]]:
    """A price or amount linear in the numbers: "1200 for fitting and glass, plus 20 for every
    centimetre around the frame (twice the width plus twice the height)" -> ``1200 + 40 *
    (width + height)``. The coefficients are solved exactly from the examples, first with one
    rate for the sum of the arguments, then one per argument; kept only when an example is left
    over to confirm them and the base or a rate is a number the words state."""
    normal = [case for case in cases if not case.is_error]
    if not normal or not all(isinstance(case.expected, (int, float)) and not isinstance(case.expected, bool)
                             and all(isinstance(case.arguments.get(name), (int, float))
                                     and not isinstance(case.arguments.get(name), bool) for name in names)
                             for case in normal):
        return []
    stated = {float(number) for number in re.findall(r"(?<![\w.])(\d+(?:\.\d+)?)(?![\w.])", lower)}
    found = []
    shapes = [("sum", [[1, sum(case.arguments[name] for name in names)] for case in normal])] if len(names) > 1 else []
    shapes.append(("each", [[1, *(case.arguments[name] for name in names)] for case in normal]))
    for shape, rows in shapes:
        if len(normal) < len(rows[0]) + spare:
            continue  # no example left to confirm what the others solve (``spare``: how many must be)
        solution = _solve(rows, [case.expected for case in normal])
        if solution is None or not any(float(value) in stated for value in solution if value):
            continue
        if returns == "int" and any(value.denominator != 1 for value in solution):
            continue
        if any(value.denominator not in (1, 2, 4, 5, 10, 20, 25, 50, 100) for value in solution):
            continue  # a rate of 7/3 fits by accident
        numbers = [str(int(value)) if value.denominator == 1 and returns == "int" else repr(float(value))
                   for value in solution]
        terms = [f"{numbers[1]} * ({' + '.join(names)})"] if shape == "sum" else \
            [f"{number} * {name}" for number, name in zip(numbers[1:], names)]
        terms = [term for term, value in zip(terms, solution[1:]) if value]
        source = " + ".join(([numbers[0]] if solution[0] else []) + terms) or numbers[0]
        found.append((source, ()))
        break
    return found


FACTORS = {"doubled": 2, "double": 2, "twice": 2, "tripled": 3, "triple": 3, "halved": 0.5, "half price": 0.5}


def _linear_with_flag(lower: str, names: list[str], flag: str, returns: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """A linear price the words state, times a factor they state where a flag holds: "60.00 to
    come out + 45.00 per billed hour. Night ...: the whole lot doubled" over ``charge(hours,
    night)`` -> ``(60.0 + 45.0 * hours) * (2 if night else 1)``. The base and rates are solved
    from the examples without the flag and must be numbers the words state; every example with
    the flag must agree."""
    said = re.search(rf"\b({'|'.join(FACTORS)})\b|\b(?:times|x) ?(\d+(?:\.\d+)?)\b", lower)
    if said is None:
        return []
    factor = FACTORS.get(said.group(1) or "") or float(said.group(2))
    plain = [case for case in cases if not case.is_error and case.arguments.get(flag) is False]
    flagged = [case for case in cases if not case.is_error and case.arguments.get(flag) is True]
    found = _linear_formula(lower, names, returns, plain, spare=0)  # the flagged examples are the ones left over
    if not found or not flagged:
        return []
    source = f"({found[0][0]}) * ({factor!r} if {flag} else 1)"
    if not all(abs(evaluate(source, (), case.arguments) - case.expected) < 1e-9 for case in flagged):
        return []
    return [(source, ())]


def _product_with_flag(lower: str, names: list[str], flag: str, error: str | None) -> list[tuple[str, tuple]]:
    """Two numbers multiplied, times a factor the words state where a flag holds, rounded as
    they say, with a stated floor: "Images times rate, times 1.5 for a rush job, rounded to 2
    decimals. Fewer than 1 image raises ValueError." over ``price(images, rate, rush)`` ->
    ``round(images * rate * (1.5 if rush else 1), 2)`` after ``if images < 1: raise ValueError``."""
    numbers = [name for name in names if name != flag]
    if len(numbers) != 2:
        return []
    first, second = numbers
    if not re.search(rf"\b(?:{first}|{second})s? (?:times|multiplied by|x) (?:the )?(?:{first}|{second})s?\b", lower):
        return []
    factor = re.search(r"\b(?:times|x) (\d+(?:\.\d+)?)\b|\b(\d+(?:\.\d+)?) ?(?:x|times)\b", lower)
    if factor is None or not re.search(rf"\b{re.escape(flag)}\b", lower.replace(factor.group(0), " ")):
        return []
    value = factor.group(1) or factor.group(2)
    source = f"{first} * {second} * ({value} if {flag} else 1)"
    rounded = re.search(r"\brounded to (\d|one|two|three) decimals?\b", lower)
    if rounded:
        places = {"one": "1", "two": "2", "three": "3"}.get(rounded.group(1), rounded.group(1))
        source = f"round({source}, {places})"
    floor = re.search(r"\b(?:fewer|less) than (\d+) (\w+) raises? (\w+error)\b", lower)
    named = next((name for name in numbers if floor and (same_word(name, floor.group(2)) or name.startswith(floor.group(2)))),
                 None)
    if floor and named and error:
        check = f"if {named} < {floor.group(1)}:\n    raise {error}(f\"too few: {{{named}!r}}\")"
        return [(source, (("floor", check),))]
    return [(source, ())]


def _trimmed_decimal(name: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """A number with one decimal, `.0` left off, between the text the examples put around it
    (`18 m`, `18.5 m`)."""
    for case in cases:
        value, shown = case.arguments.get(name), case.expected
        if not isinstance(value, (int, float)) or not isinstance(shown, str):
            continue
        core = f"{round(value, 1):.1f}".removesuffix(".0")
        if core in shown:
            before, after = shown.split(core, 1)
            lets = (("shown", f'shown = f"{{round({name}, 1):.1f}}".removesuffix(".0")'),)
            return [(" + ".join(part for part in (repr(before) if before else "", "shown",
                                                  repr(after) if after else "") if part), lets)]
    return []


def _filled_bar(lower: str, name: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """A bar of marks then filler to a fixed width: "RATING asterisks, then dashes to fill",
    "one `*` per point, `.` for the rest"; the width from "five characters" or the examples,
    raising what an example asks outside 0..width."""
    marks = {"asterisk": "*", "star": "*", "hash": "#", "x": "x"}
    fills = {"dash": "-", "dot": ".", "space": " ", "underscore": "_", "hyphen": "-"}
    mark = next((char for word, char in marks.items() if re.search(rf"\b{word}e?s\b", lower)), None)
    fill = next((char for word, char in fills.items() if re.search(rf"\b{word}e?s\b", lower)), None)
    if mark is None or fill is None or not re.search(r"\bto fill\b|\bfor the rest\b|\bthe rest\b|\bpad", lower):
        return []
    widths = {len(case.expected) for case in cases if not case.raises and isinstance(case.expected, str)}
    if len(widths) != 1:
        return []
    width = widths.pop()
    error = next((case.raises for case in cases if case.raises), None)
    check = _range_check(name, 0, width, error) or "pass"
    return [(f"{mark!r} * {name} + {fill!r} * ({width} - {name})", (("check", check),))]


def _progress_bar(text: str, names: list[str], cases: list[Case]) -> list[tuple[str, tuple]]:
    """A bar of a part of a whole: "10-wide bar in brackets: one `#` per full 10% (rounded
    down), `-` for the rest" over ``bar(done, rows)``: ``part * width // whole`` marks, filler to
    the width, in brackets where the words or examples have them."""
    lower = text.lower()
    mark = re.search(r"\b(?:one|a|an)\s+`(.)`\s+(?:per|for each|for every)\b", text)
    fill = re.search(r"`(.)`\s+(?:for|to fill)\s+the rest\b|`(.)`\s+to fill\b", text)
    if mark is None or fill is None:
        return []
    shown = [case.expected for case in cases if not case.raises and isinstance(case.expected, str)]
    bracketed = bool(shown) and all(value.startswith("[") and value.endswith("]") for value in shown) \
        or bool(re.search(r"\bin (?:square )?brackets\b", lower))
    stated = re.search(r"\b(\d+)[- ](?:wide|characters?|chars?|long)\b", lower)
    widths = {len(value) - (2 if bracketed else 0) for value in shown}
    width = int(stated.group(1)) if stated else widths.pop() if len(widths) == 1 else None
    if width is None:
        return []
    part, whole = names
    marks = f"{part} * {width} // {whole}"
    body = f"{mark.group(1)!r} * ({marks}) + {(fill.group(1) or fill.group(2))!r} * ({width} - {marks})"
    return [(f"'[' + {body} + ']'" if bracketed else body, ())]


def listed_values(lower: str) -> list[list[str]]:
    """The lists of three or more different words the text writes: "cut, pieced, quilted and
    bound" -> ``[["cut", "pieced", "quilted", "bound"]]``, in their order."""
    lower = re.sub(r"`([a-z][\w-]*)`", r"\1", re.sub(r"\s*\([^()]*\)", "", lower))  # "`good`, `worn` (still usable) or `repair`"
    listed = [re.findall(r"[a-z][\w-]*", re.sub(r",? (?:and|or) ", ", ", match.group(1)))
              for match in re.finditer(r"\b([a-z][\w-]*(?:, [a-z][\w-]*)+,? (?:and|or) [a-z][\w-]*)\b", lower)]
    return [values for values in listed if len(values) >= 3 and len(set(values)) == len(values)]


def _successor(lower: str, related: str, name: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """The value after the given one in a listed order: "The stage that follows the given one.
    Nothing follows bound." over a field listed "cut, pieced, quilted or bound" (``related``:
    the words about the field the parameter is named for); the last one, or one not listed,
    raises what an example asks."""
    error = next((case.raises for case in cases if case.raises), None)
    if error not in ("ValueError", "KeyError", "LookupError") or not re.search(
            r"\b(?:follows?|following|next|comes? after|after it)\b", lower):
        return []
    found = []
    for values in listed_values(lower) + listed_values(related.lower()):
        table = dict(itertools.pairwise(values))
        for clean in (name, f"{name}.strip().lower()"):
            check = f"key = {clean}\nif key not in table:\n    raise {error}(f\"nothing follows {{{name}!r}}\")"
            found.append(("table[key]", (("table", f"table = {table!r}"), ("key", check))))
    return found


def _required_prefix(text: str, name: str, error: str | None) -> list[tuple[str, tuple]]:
    """A text that must begin with stated words, cleaned of extra blanks and given back with
    those words written as stated: "Remove the spaces at both ends and turn every run of spaces
    inside into one space. The motion must begin with the two words `this house` (in any mix of
    upper and lower case) and must have at least one more word after them. Otherwise raise
    ValueError. Write those first two words as `This house`; keep the rest exactly as typed."."""
    lower = text.lower()
    begins = re.search(r"\bmust (?:begin|start) with (?:the (?:\w+ )?words? )?`([^`]+)`", text)
    if begins is None or error not in ("ValueError", "KeyError", "LookupError"):
        return []
    prefix = begins.group(1)
    any_case = bool(re.search(r"\bany (?:mix of )?(?:upper and lower |capital and small )?case\b|\bignoring case\b", lower))
    more = bool(re.search(r"\bat least one (?:more )?word\b|\bone or more (?:further )?words\b", lower))
    written = re.search(r"\b(?:write|writes|written|give|gives) (?:those|these|the) (?:first )?(?:\w+ )?words? as `([^`]+)`",
                        text, flags=re.IGNORECASE)
    spaces = re.search(r"\bruns? of (?:spaces|blanks) (?:inside )?(?:into|made|become|to) (?:one|a single)\b", lower)
    cleaned = f'" ".join({name}.split())' if spaces else f"{name}.strip()"
    seen = "cleaned.lower()" if any_case else "cleaned"
    wanted = prefix.lower() if any_case else prefix
    test = f"{seen}.startswith({(wanted + ' ') if more else wanted!r})" if more else f"{seen}.startswith({wanted!r})"
    check = (f"cleaned = {cleaned}\nif not {test}:\n"
             f"    raise {error}(f\"must begin with {prefix}: {{{name}!r}}\")")
    shown = f"{written.group(1)!r} + cleaned[{len(prefix)}:]" if written else "cleaned"
    return [(shown, (("cleaned", check),))]


def _leading_run(lower: str, name: str, error: str | None) -> list[tuple[str, tuple]]:
    """The run of letters (or digits) a text starts or ends with: "The letters at the start of a
    cleaned postcode, up to the first thing that isn't a letter. No letters at the start raises
    ValueError" -> the match of ``[A-Za-z]+`` at the start, raising when there is none."""
    said = re.search(r"\b(?:the )?(letters|digits) at the (start|beginning|front|end)\b|\b(leading|trailing) (letters|digits)\b",
                     lower)
    if said is None:
        return []
    kind = said.group(1) or said.group(4)
    cls = "[A-Za-z]" if kind == "letters" else "[0-9]"
    at_end = (said.group(2) or "") == "end" or said.group(3) == "trailing"
    pattern = f"{cls}+$" if at_end else f"{cls}+"
    finder = "search" if at_end else "match"
    if error in ("ValueError", "KeyError", "LookupError"):
        check = (f"run = re.{finder}({pattern!r}, {name})\nif run is None:\n"
                 f"    raise {error}(f\"no {kind} at the {'end' if at_end else 'start'}: {{{name}!r}}\")")
        return [("run.group(0)", (*REGEX, ("run", check)))]
    return [(f"(re.{finder}({pattern!r}, {name}) or [''])[0]", REGEX)]


def _one_of_listed(lower: str, name: str, cases: list[Case], related: str = "",
                   text: str = "") -> list[tuple[str, tuple]]:
    """A text cleaned (blanks around it dropped, in small or capital letters) and kept only
    when it is one of the values the words list ("Only bisque, glaze and raku are kinds;
    anything else raises ValueError"), or the field it is about lists (``related``: `course —
    one of starter, main, dessert, drink`); "also only the first letter (s, a, t, b)" accepts
    each value's initial for it, "the plural is fine too" its plural. The value given back is
    the listed one."""
    error = next((case.raises for case in cases if case.raises), None)
    if error not in ("ValueError", "KeyError", "LookupError"):
        return []
    listed = listed_values(lower) or listed_values(related.lower()) or [
        values for match in re.finditer(r"\bone of:? ([a-z][\w-]*(?:, [a-z][\w-]*){2,})\b", related.lower())
        if len(set(values := match.group(1).split(", "))) == len(values)] or [
        [match.group(1), match.group(2)] for match in re.finditer(r"`([a-z][\w-]*)` or `([a-z][\w-]*)`", lower)
        if match.group(1) != match.group(2)]  # "must then be `am` or `pm`": two, each in backticks
    if not listed:
        return []
    values = max(listed, key=len)
    table = {value: value for value in values}
    initials = {value[:1] for value in values}
    if re.search(r"\b(?:also|or|just|only) (?:only |just )?(?:the |their |its )?first letters?\b|\binitials?\b", lower) \
            and len(initials) == len(values):  # (not "written with a capital first letter")
        table.update({value[:1]: value for value in values})  # "also only the first letter (s, a, t, b)"
    if re.search(r"\bplurals?\b", lower):  # "the plural is fine too ("Mains", "drinks")"
        table.update({value + ("es" if value.endswith(("s", "x", "ch", "sh")) else "s"): value for value in values})
    for said in re.finditer(r"((?:[\"'`][^\"'`]+[\"'`](?:,? (?:and|or) |, )?)+) (?:shall |will |should |also )?"
                            r"(?:mean|means|stand for|stands for|count as|counts as|become|becomes|are read as|is read as) "
                            r"(\w+)", lower):  # "The words "cardboard" and "newspaper" shall mean paper"
        if said.group(2) in table:
            table.update({word.strip(): said.group(2) for word in re.findall(r"[\"'`]([^\"'`]+)[\"'`]", said.group(1))})
    found = []
    for clean in (f"{name}.strip().lower()", f"{name}.strip()", f"{name}.strip().upper()"):
        keyed = table if not clean.endswith(".upper()") else {key.upper(): value.upper() for key, value in table.items()}
        check = f"key = {clean}\nif key not in table:\n    raise {error}(f\"unknown {name}: {{{name}!r}}\")"
        found.append(("table[key]", (("table", f"table = {keyed!r}"), ("key", check))))
    written = {value: said.group(0) for value in set(table.values())
               if (said := re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", text, flags=re.IGNORECASE))}
    if len(written) == len(set(table.values())) and any(value != shown for value, shown in written.items()):
        proper = {key: written[value] for key, value in table.items()}  # "the four houses Ash, Beech, Cedar and
        check = f"key = {name}.strip().lower()\nif key not in table:\n    raise {error}(f\"unknown {name}: {{{name}!r}}\")"
        found.append(("table[key]", (("table", f"table = {proper!r}"), ("key", check))))  # Oak": as written
    return found


RULE_COMPARISONS = [(r"(?:is )?(?:less than|below|under|smaller than|fewer than)", "<"),
                    (r"(?:is )?(?:more than|greater than|above|over|bigger than)", ">"),
                    (r"(?:is )?at least", ">="), (r"(?:is )?at most", "<="),
                    (r"(?:is )?(?:not|other than)", "!="), (r"(?:equals|is equal to|is the same as|is)", "==")]


def _rules_in_order(text: str, names: list[str]) -> list[tuple[str, tuple]]:
    """Words picked by numbered rules tried in order: "1. if stock is 0, then `empty`; 2. if stock
    equals capacity, then `full`; 3. if stock is less than a quarter of capacity (that is, 4 ×
    stock < capacity), then `low`; 4. otherwise `ok`." -> ``'empty' if stock == 0 else 'full' if
    stock == capacity else 'low' if 4 * stock < capacity else 'ok'``; a rule spf cannot read
    leaves the idiom out."""
    flat = " ".join(text.split())
    rules = re.findall(r"(?:^|\s)\d+[.)]\s+if (.+?),?\s+(?:then\s+)?(?:it is |the word is |gives? |returns? )?[`\"']([^`\"']+)[`\"']",
                       flat)
    otherwise = re.search(r"(?:^|\s)\d+[.)]\s+(?:otherwise|else|in every other case|in all other cases),?\s+"
                          r"(?:it is |the word is |gives? |returns? )?[`\"']([^`\"']+)[`\"']", flat)
    if len(rules) < 2 or otherwise is None:
        return []
    operand = r"(?:-?\d+(?:\.\d+)?|" + "|".join(re.escape(name) for name in names) + ")"
    source = repr(otherwise.group(1))
    for condition, word in reversed(rules):
        stated = re.search(r"\(that is,?\s*([^)]*)\)", condition)
        if stated:  # "(that is, 4 × stock < capacity)": the formula the words give
            python = stated.group(1).replace("×", "*").replace("≤", "<=").replace("≥", ">=").replace("≠", "!=")
            if not re.fullmatch(rf"\s*(?:{operand}|[\s*/+()<>=!-])+", python):
                return []
        else:
            python = None
            for said, op in RULE_COMPARISONS:
                compared = re.fullmatch(rf"\s*({operand}) {said} ({operand})\s*", condition)
                if compared:
                    python = f"{compared.group(1)} {op} {compared.group(2)}"
                    break
            if python is None:
                return []
        source = f"{word!r} if {python.strip()} else {source}"
    return [(source, ())]


def _listed_member(lower: str, name: str) -> list[tuple[str, tuple]]:
    """Whether a text is one of the words the description lists ("True when the word, ignoring
    case and surrounding blanks, is one of: floral, woody, citrus, fresh, spicy, gourmand"): the
    text as typed, trimmed, in small letters or both (the examples pick)."""
    listed = [values for match in re.finditer(r"\bone of:? ([a-z][\w-]*(?:, [a-z][\w-]*)+(?:,? (?:and|or) [a-z][\w-]*)?)",
                                              lower)
              if len(set(values := re.findall(r"[a-z][\w-]*", re.sub(r",? (?:and|or) ", ", ", match.group(1))))) == len(values)
              and len(values) >= 2] or listed_values(lower) or [
        values for match in re.finditer(r"`[a-z][\w-]*`(?:, `[a-z][\w-]*`){2,}", lower)  # "True only for the things we
        if len(set(values := re.findall(r"`([a-z][\w-]*)`", match.group(0)))) == len(values)]  # keep: `coat`, `jacket`, `bag`"
    listed = listed or [values for match in re.finditer(r": ([a-z][\w-]*(?:, [a-z][\w-]*){2,})\.?(?:\s|$)", lower)
                        if len(set(values := match.group(1).split(", "))) == len(values)]  # "in any case: whole, ground, herb."
    if not listed:
        return []
    values = tuple(max(listed, key=len))
    return [(f"{clean} in {values!r}", ()) for clean in (
        name, f"{name}.strip()", f"{name}.lower()", f"{name}.strip().lower()", f"{name}.strip().upper()")]


CONDITION_WORDS = [  # (words, the comparison of two parameters a template is chosen by)
    (r"\b(?:the same|equal|identical|match)\b", "{a} == {b}"),
    (r"\b(?:differ|different|not the same|unequal)\b", "{a} != {b}"),
]


def _two_templates(text: str, names: list[str]) -> list[tuple[str, tuple]]:
    """A text written by one of two templates the words give with the parameters in capitals,
    one chosen by a comparison they state: "`LOW-HIGH mph`, or just `LOW mph` when both are the
    same" -> ``f"{low} mph" if low == high else f"{low}-{high} mph"`` (each way round, and over
    one parameter: "when it is 0" / "when it is 1")."""
    capitals = {name.upper(): name for name in names}
    templates = []
    for shown in re.findall(r"`([^`]+)`", text):
        used = [word for word in re.findall(r"\b[A-Z][A-Z_]*\b", shown) if word in capitals]
        if used and shown not in templates:
            templates.append(shown)
    if len(templates) != 2:
        return []
    sources = []
    for template in templates:
        body = template.replace("{", "{{").replace("}", "}}")
        body = re.sub(r"\b[A-Z][A-Z_]*\b", lambda m: "{" + capitals[m.group(0)] + "}" if m.group(0) in capitals
                      else m.group(0), body)
        sources.append(f'f"{body}"' if '"' not in body and "\\" not in body else "f" + repr(body))
    lower = text.lower()
    conditions = [pattern.format(a=a, b=b) for words, pattern in CONDITION_WORDS if re.search(words, lower)
                  for a, b in itertools.combinations(names, 2)]
    conditions += [f"{name} == {value}" for name in names for value in (0, 1)
                   if re.search(rf"\b(?:is|are|of|when|if) (?:just |exactly |only )?{value}\b|\b{['zero', 'one'][value]}\b",
                                lower)]
    return [(f"{first} if {condition} else {second}", ())
            for condition in conditions for first, second in (sources, sources[::-1])]


def _with_stated_special(lower: str, name: str, returns: str, found: list[tuple[str, tuple]]) -> list[tuple[str, tuple]]:
    """The idioms found, each with the values the words set apart first: "0 is `-`. Otherwise
    the number and a suffix" -> ``"-" if place == 0 else <the ordinal>``; "`basement` for -1,
    `ground floor` for 0, and otherwise ..." -> both, in the order written."""
    said = [(found.group(1), found.group(2)) for found in re.finditer(
        r"(?:^|[.;:]\s+|\()(-?\d+) (?:is|gives|means|reads|becomes|shows as|is written) `([^`]*)`", lower)][:1] or [
        (found.group(2), found.group(1)) for found in re.finditer(r"`([^`]*)` for (-?\d+)\b", lower)]
    if not said or returns != "str":
        return []
    made = []
    for source, lets in found:
        if any(f"{name} == {value}" in source for value, _ in said):
            continue
        for value, shown in reversed(said):
            source = f"{shown!r} if {name} == {value} else ({source})"
        made.append((source, lets))
    return made


def _listed_or_else(lower: str, name: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """A text cleaned and given back when it is one the words list, else the value an example
    gives for one they do not: "The kind in lower case if it's one we know (smoke, heat or co,
    any case, blanks around it ignored), otherwise the empty string"."""
    inside = " ".join(re.findall(r"\(([^()]*)\)", lower))
    lists = listed_values(lower) or listed_values(inside) or [
        values for match in re.finditer(r"\b([a-z][\w-]*(?:, [a-z][\w-]*)*,? or [a-z][\w-]*)\b", inside)
        if len(set(values := re.findall(r"[a-z][\w-]*", re.sub(r",? or ", ", ", match.group(1))))) == len(values) >= 2]
    others = {case.expected for case in cases if not case.is_error and isinstance(case.expected, str)
              and case.expected.strip().lower() not in {value for values in lists for value in values}}
    if not lists or len(others) != 1:
        return []
    values, other = tuple(max(lists, key=len)), others.pop()
    return [(f"{clean} if {clean} in {values!r} else {other!r}", ()) for clean in (
        f"{name}.strip().lower()", f"{name}.lower()", f"{name}.strip()", name)]


def _kept_if_listed(lower: str, name: str, error: str | None) -> list[tuple[str, tuple]]:
    """A whole number given back as it is when it is one the words list or a range they state,
    else an error: "Gives the rating back if it's 1, 2, 3, 4 or 5; anything else raises
    ValueError", "returns it unchanged if it is from 1 to 5"."""
    if error not in ("ValueError", "KeyError", "LookupError") or not re.search(
            r"\b(?:back|unchanged|as it is|returns? it|gives? it)\b", lower):
        return []
    listed = re.search(r"\bif (?:it'?s|it is|the \w+ is) (?:one of )?(-?\d+(?:, -?\d+)*,? (?:or|and) -?\d+)\b", lower) \
        or re.search(r"(?<![\w.,-])(-?\d+(?:, -?\d+){2,},? or -?\d+)\b", lower)  # "(so 8, 16, 32, 64, 128, 256 or 512)"
    ranged = re.search(r"\bif (?:it'?s|it is|the \w+ is) (?:from |between )?(-?\d+) (?:to|and|through) (-?\d+)\b", lower)
    if listed and not ranged:
        values = tuple(int(value) for value in re.findall(r"-?\d+", listed.group(1)))
        check = f"if {name} not in {values!r}:\n    raise {error}(f\"not allowed: {{{name}!r}}\")"
    elif ranged:
        low, high = int(ranged.group(1)), int(ranged.group(2))
        check = f"if not {low} <= {name} <= {high}:\n    raise {error}(f\"not allowed: {{{name}!r}}\")"
    else:
        return []
    return [(name, (("kept", check),))]


def _shaped(text: str, name: str, returns: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """A text cleaned (blanks dropped; small letters, capitals or as typed) and kept only when
    it has the shape the words state (``patterns.read_shape``: "two language codes of exactly
    two letters each, joined by a dash"), raising what an example asks otherwise, and also
    when its parts are "the same" where the words say so. (A yes/no check of a shape is
    ``patterns``' own reading.)"""
    lower = text.lower()
    pattern = read_shape(text)  # as written: "`J` followed by digits" keeps its capital J
    error = next((case.raises for case in cases if case.raises), None)
    if pattern is None or returns != "str" or error not in ("ValueError", "KeyError", "LookupError"):
        return []
    halves = re.fullmatch(r"(\[[^\]]+\](?:\{[\d,]+\})?)([-:/ _]|\\\.)\1", pattern)  # `[a-z]{2}-[a-z]{2}`
    distinct = [""]
    if halves and re.search(r"\b(?:are|is|be) the same\b|\bmust (?:differ|be different)\b", lower):
        separator = halves.group(2).replace("\\", "")
        distinct.insert(0, f" or len(set(key.split({separator!r}))) < len(key.split({separator!r}))")
    found = []
    said = cleaned_by_words(lower, name)
    padded = re.search(r"\bpadded with (?:leading )?zeros to (\d|two|three|four|five|six)\b", lower)
    width = (int(padded.group(1)) if padded.group(1).isdigit() else SMALL_NUMBERS[padded.group(1)]) if padded else 0
    for clean in dict.fromkeys([*([said] if said else []), f"{name}.strip().lower()", f"{name}.strip().upper()",
                                f"{name}.strip()"]):
        for unique in distinct:
            check = (f"key = {clean}\nif re.fullmatch({pattern!r}, key) is None{unique}:\n"
                     f"    raise {error}(f\"not a valid {name}: {{{name}!r}}\")")
            found.append(("key", (*REGEX, ("key", check))))
            if width:  # "the digits are padded with leading zeros to three": `AM-14` is `AM-014`
                found.append((f're.sub(r"\\d+", lambda digits: digits.group(0).zfill({width}), key)', (*REGEX, ("key", check))))
    return found


def cleaned_by_words(lower: str, name: str) -> str | None:
    """The text as the words clean it, step by step: "removes every space and every dash and
    makes the letters upper case" -> ``name.replace(" ", "").replace("-", "").upper()``; None
    when the words name no step."""
    steps = []
    if re.search(r"\b(?:removes?|drops?|takes? away|strips?|without)\b[^.;]{0,30}?\b(?:every|all|any) (?:the )?spaces?\b|"
                 r"\b(?:every|all) spaces? (?:are |is )?(?:removed|dropped)\b", lower):
        steps.append('.replace(" ", "")')
    elif re.search(r"(?:^|[.;:,]\s*)trim(?:med)?\b|\bblanks? off both ends\b|"  # "Trim, lower case; ..."
                   r"\bspaces? (?:at|from|around) (?:both|either|the) ends?\b|\b(?:leading|surrounding) (?:and trailing )?"
                   r"(?:spaces|blanks|whitespace)\b|\bblanks? around\b|\bspaces? around\b", lower):
        steps.append(".strip()")
    if re.search(r"\b(?:every|all|any) (?:the )?(?:dash|dashes|hyphens?)\b", lower):
        steps.append('.replace("-", "")')
    if re.search(r"\b(?:upper|capital) ?case\b|\bupper-?cases?\b|\bin capitals\b", lower):
        steps.append(".upper()")
    elif re.search(r"\blower ?case\b|\blower-?cases?\b|\bsmall letters\b", lower):
        steps.append(".lower()")
    return name + "".join(steps) if steps else None


def _ranges_table(text: str, name: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """A value per stated range of a number: "3.5 to 4.0 is "80m", 7.0 to 7.3 is "40m" ...,
    both ends included. Any other frequency raises ValueError"."""
    unit = r"(?:\s+[a-z]+)?"  # "0 to 9 points: `starter`"
    ranges = re.findall(rf"(-?\d+(?:\.\d+)?)\s*(?:to|-|–|\.\.)\s*(-?\d+(?:\.\d+)?){unit}\s*(?:is|=|->|→|:|gives)\s*"
                        r"[\"`']([^\"`']+)[\"`']", text)
    ranges += [(low, None, label) for low, label in re.findall(  # "50 points or more: `gold`"
        rf"(-?\d+(?:\.\d+)?){unit} or (?:more|above|over)\s*(?:is|=|->|→|:|gives)\s*[\"`']([^\"`']+)[\"`']", text)]
    if len(ranges) < 2:
        return []
    return _label_per_range([(float(low), None if high is None else float(high), label) for low, high, label in ranges],
                            name, cases)


def _numbered_ranges(text: str, name: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """A whole number per stated range: "90 to 100 is grade 9, 80 to 89 is 8, ..., and 0 to 19
    is 1" -> the number of the range holding the value (a value in none raises what an
    example asks)."""
    ranges = re.findall(r"(-?\d+(?:\.\d+)?)\s*(?:to|-|–|\.\.)\s*(-?\d+(?:\.\d+)?)\s*(?:is|=|->|→|gives)\s+"
                        r"(?:(?:a |the )?[a-z]+ )?(-?\d+)\b", text)
    if len(ranges) < 3:
        return []
    return _label_per_range([(float(low), float(high), int(label)) for low, high, label in ranges], name, cases)


def _label_per_range(table: list[tuple], name: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """The label of the first (low, high, label) whose range holds the number, both ends
    included; none raises what an example asks (else None)."""
    error = next((case.raises for case in cases if case.raises), None)
    block = f"found = next((label for low, high, label in ranges if low <= {name} <= high), None)"
    if any(high is None for _, high, _ in table):  # an open range, "50 or more", has no high end
        block = (f"found = next((label for low, high, label in ranges if low <= {name} and (high is None or {name} <= high)), "
                 f"None)")
    if error in ("ValueError", "KeyError", "LookupError"):
        block += f"\nif found is None:\n    raise {error}(f\"no range holds {{{name}}}\")"
    return [("found", (("ranges", f"ranges = {table!r}"), ("found", block)))]


SMALL_NUMBERS = {word: value for value, word in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"))}
_N = r"(-?\d+(?:\.\d+)?|" + "|".join(SMALL_NUMBERS) + r")"
BEYOND = 10 ** 9  # an open end ("five or more")
WORDED_RANGES = (  # (pattern, how its numbers make (low, high)); the first that matches a clause
    (rf"(?<![\w.]){_N}\s*(?:(?:up )?to|-|–|through|until)\s*{_N}(?![\w.])", lambda a, b: (a, b)),  # "from 200 up to 999"
    ((rf"(?<![\w.]){_N}(?: (?:cm|mm|m|km|kg|g|years?|days?|h|min|points?))? (?:or|and) (?:more|over|above|older|up|"
      rf"upwards|higher)\b|(?<![\w.]){_N}\+"), lambda a, b=None: (a, BEYOND)),  # "40 cm or more"
    (rf"(?<![\w.]){_N} (?:and|or) {_N}(?![\w.])", lambda a, b: (a, b)),
    (rf"\b(?:up to|at most|no more than) {_N}(?![\w.])", lambda a, b=None: (-BEYOND, a)),
    (rf"\b(?:under|below|less than|younger than|fewer than) {_N}(?![\w.])", lambda a, b=None: (-BEYOND, a - 1)),
    (rf"^\s*(?:(?:and|or|but|just|exactly) )?{_N}(?![\w.])", lambda a, b=None: (a, a)),  # "100 is "sealed"", "0 "empty""
)  # (the last two only over whole numbers: "junior under 12" is 11 and below)
LABEL_WORDS = {"for", "to", "and", "or", "from", "is", "are", "get", "gets", "a", "an", "the", "under", "below",
               "over", "above", "more", "up", "ages", "age", "aged", "of", "than", "less", "at", "least", "most",
               "between", "through", "until", "older", "younger", "upwards", "higher", "fewer", "no", "with", "one",
               "if", "when", "score", "scores", "points", "people"}


def _worded_ranges(text: str, name: str, cases: list[Case], whole: bool) -> list[tuple[str, tuple]]:
    """A label per range the words state clause by clause: "U8 for ages 5 to 7, U10 for 8 and
    9, ..." or "One or two people get a small parcel, three or four a medium one, five or more
    a large one" (number words too; "or more" is open-ended). A clause's label is one of the
    examples' values, or a word shaped like all of them (`U12` beside `U8`, `U10`, `U16`);
    a number in no range raises what an example asks."""
    shown = sorted({str(case.expected) for case in cases if isinstance(case.expected, str)})
    if len(shown) < 2:
        return []
    shape = next((pattern for pattern in (r"[A-Z]+\d+", r"\d+[A-Za-z]+", r"[A-Z]", r"[a-z]+", r"[A-Z][a-z]+")
                  if all(re.fullmatch(pattern, value) for value in shown)), None)  # `U12`, `B`, `teen`
    table = []  # "D for 60 to 69 and F below 60": two clauses
    for clause in re.split(r"[,;]\s*|\.\s+|:\s+|\s+and\s+(?=[A-Za-z]+\s+(?:for\s+)?(?:under|below|less|\d))|"
                           r"\s+and\s+(?=\d+\s+(?:is\s+)?[\"`'])", text):  # "1 to 49 "low" and 0 "empty""
        clause = clause.rstrip(". ")  # "... and F below 60."
        lower = clause.lower()
        if re.search(r"\berror\b|valueerror|\braises?\b|\binvalid\b|\bnot allowed\b|\brefused\b", lower):
            continue  # "Fewer than one person is a ValueError": no label
        spans = []
        for pattern, make in WORDED_RANGES:
            if not whole and pattern in (WORDED_RANGES[-1][0], WORDED_RANGES[-2][0]):
                continue  # "under 2.5" has no last value below it
            found = [match for match in re.finditer(pattern, lower)]
            if found:
                numbers = [value for value in found[0].groups() if value is not None]
                values = [SMALL_NUMBERS.get(value, None) if value in SMALL_NUMBERS else float(value) for value in numbers]
                spans.append((len(found), make(*values)))
                break
        if not spans or spans[0][0] != 1:
            continue
        tokens = re.findall(r"[\w-]+", clause)
        labels = [token for token in tokens if token in shown] or (
            [token for token in tokens if shape and re.fullmatch(shape, token) and token.lower() not in LABEL_WORDS])
        if len(set(labels)) != 1:
            continue
        low, high = spans[0][1]
        table.append((int(low) if whole and low == int(low) else low, int(high) if whole and high == int(high) else high,
                      labels[0]))
    overlapping = any(a[0] <= b[1] and b[0] <= a[1] for i, a in enumerate(table) for b in table[i + 1:])
    # "90 or above is A, 80 or above is B, ...": an order of checks (the rule lists' reading), not ranges
    return _label_per_range(table, name, cases) if len(table) >= 2 and not overlapping else []


def _thresholds(text: str, name: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """A label per step up, each clause naming where its step starts: "9.0 and above is near
    mint; from 6.0 up to (but not including) 9.0 it's fine; from 3.0 up to 6.0 it's good;
    anything under 3.0 is poor" -> ``"near mint" if grade >= 9.0 else "fine" if grade >= 6.0
    else ...``. The labels are the examples' values (words of their own, several too)."""
    shown = sorted({str(case.expected) for case in cases if isinstance(case.expected, str)}, key=len, reverse=True)
    if len(shown) < 2:
        return []
    steps, lowest = [], None
    for clause in re.split(r"[,;]\s*|\.\s+|:\s+", re.sub(r"\([^()]*\)", "", text)):
        lower = clause.lower()
        label = next((value for value in shown if re.search(rf"(?<![\w-]){re.escape(value.lower())}(?![\w-])", lower)), None)
        if label is None:
            continue
        start = re.search(rf"\b(?:from|at least)\s+{_N}(?![\w.])|(?<![\w.]){_N}\s+(?:and|or)\s+(?:above|over|more|up|"
                          rf"upwards|higher)\b", lower)
        if start is not None:
            number = start.group(1) or start.group(2)
            steps.append((float(SMALL_NUMBERS.get(number, number)), label))
        elif re.search(r"\b(?:under|below|less than|anything else|otherwise|everything else)\b", lower):
            lowest = label
    if len(steps) < 2 or len({low for low, _ in steps}) != len(steps):
        return []
    steps.sort(reverse=True)
    chain = " else ".join(f"{label!r} if {name} >= {low!r}" for low, label in steps)
    return [(f"{chain} else {lowest!r}", ())] if lowest is not None else []


CHARACTER_TESTS = {"letter": "char.isalpha()", "digit": "char.isdigit()", "number": "char.isdigit()",
                   "space": 'char == " "', "hyphen": 'char == "-"', "dash": 'char == "-"', "underscore": 'char == "_"',
                   "dot": 'char == "."', "full stop": 'char == "."', "apostrophe": "char == \"'\""}


def _kept_characters(lower: str, name: str) -> list[tuple[str, tuple]]:
    """A text keeping only the characters the words allow: "drop every character that isn't a
    letter, a digit or a space", "keep only the digits", "anything that isn't a letter, a digit
    or a hyphen is dropped" (after "lower case, each space becomes a hyphen": those first)."""
    kinds = "|".join(CHARACTER_TESTS)
    allowed = re.search(rf"\b(?:is not|isn't|not|other than|except)\s+(?:an? )?((?:{kinds})s?(?:,\s*(?:an? )?(?:{kinds})s?)*"
                        rf"(?:,?\s+(?:or|and)\s+(?:an? )?(?:{kinds})s?)?)", lower)
    if allowed is None:
        allowed = re.search(rf"\b(?:keep|keeps|keeping|only) (?:only )?(?:the )?((?:{kinds})s?(?:,? (?:and|or) (?:{kinds})s?)?)\b", lower)
    if allowed is None:
        return []
    tests = list(dict.fromkeys(CHARACTER_TESTS[kind] for kind in re.findall(rf"\b({kinds})s?\b", allowed.group(1))))
    if not tests:
        return []
    keep = " or ".join(tests)
    steps = [name]
    if re.search(r"\blower[- ]?case(?:d)?\b|\bsmall letters\b", lower):
        steps.append(f"{name}.lower()")
    if re.search(r"\bspaces? (?:becomes?|turns? into|(?:is |are )?replaced (?:by|with)) (?:an? )?(?:hyphen|dash)", lower):
        steps = [f'{step}.replace(" ", "-")' for step in steps] + steps
    return [(f'"".join(char for char in {step} if {keep})', ()) for step in reversed(steps)]


def _written_out(text: str, name: str) -> list[tuple[str, tuple]]:
    """Short forms written out in full: "give each word a capital first letter ... Then, if the
    last word is one of the usual short forms "Rd", "St", "Ave" or "Ln" (with or without a full
    stop after it), write it out in full as "Road", "Street", "Avenue" or "Lane". Only the last
    word is written out": the words capitalised (or as typed), blanks made one, and the last word
    (or every word) looked up without its full stop."""
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text):
        said = re.search(r"\b(?:(?:write|written|spell|spelled|spelt) (?:it |them )?out(?: in full)? as|in full as|"
                         r"expanded (?:to|as)|becomes?)\b", sentence)
        if said is None:
            continue
        before = re.findall(r'"([^"]+)"', sentence[:said.start()])
        after = re.findall(r'"([^"]+)"', sentence[said.end():])
        if len(after) < 2 or len(before) < len(after):
            continue
        table = dict(zip(before[-len(after):], after))
        lower = text.lower()
        stop = re.search(r"\bfull stop\b|\bdot\b|\bperiod\b", lower) is not None
        key = 'word.rstrip(".")' if stop else "word"
        capitalised = re.search(r"\bcapital first letter\b|\bfirst letter (?:in )?(?:a )?capital\b|\bcapitali[sz]e", lower)
        parts = ("parts", f"parts = [word.capitalize() for word in {name}.split()]" if capitalised
                 else f"parts = {name}.split()")
        lets = (("table", f"table = {table!r}"), parts)
        if re.search(r"\bonly the last word\b|\bthe last word is\b", lower):
            last = f"table.get({key.replace('word', 'parts[-1]')}, parts[-1])"
            return [(f'" ".join([*parts[:-1], {last}]) if parts else ""', lets)]
        return [(f'" ".join(table.get({key}, word) for word in parts)', lets)]
    return []


SEPARATORS = {"space": " ", "blank": " ", "hyphen": "-", "dash": "-", "underscore": "_", "dot": ".", "full stop": ".",
              "comma": ",", "slash": "/", "tab": "\t"}


def _runs_into_one(lower: str, name: str) -> list[tuple[str, tuple]]:
    """A text whose runs of some characters become one: "Make the name lower case, turn every
    run of spaces, hyphens and underscores into a single space, and take off any at the ends"
    -> ``re.sub(r"[ _-]+", " ", name.lower()).strip(" ")`` (the characters escaped)."""
    kinds = "|".join(SEPARATORS)
    said = re.search(rf"\bruns? of ((?:{kinds})s?(?:(?:,| and| or|, and|, or) (?:{kinds})s?)*),? (?:into|becomes?|with|by|to|"
                     rf"(?:is |are )?(?:made|turned into|replaced (?:by|with))) (?:a single|one|an?) ({kinds})\b", lower)
    if said is None:
        return []
    joined = SEPARATORS[said.group(2)]
    characters = "".join(dict.fromkeys(SEPARATORS[kind] for kind in re.findall(rf"\b({kinds})s?\b", said.group(1))))
    pattern = "[" + re.escape(characters).replace("]", "\\]") + "]+"
    cased = [f"{name}.lower()" if re.search(r"\blower[- ]?case\b|\bsmall letters\b", lower) else
             f"{name}.upper()" if re.search(r"\bupper[- ]?case\b|\bcapitals\b", lower) else name]
    return [(f"re.sub({pattern!r}, {joined!r}, {text}).strip({joined!r})", REGEX) for text in cased]


def _padded_code(lower: str, name: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """A code of letters and a number, written back with the letters in capitals and the number
    padded with zeros: "the letter H (either case) followed by digits, written back as a capital
    H and the number with at least three digits (padded with zeros). Blanks around it are
    ignored; anything else is a ValueError" (``h12`` -> ``H012``). The letters and the width
    are read off the examples (and "at least three digits"); anything else raises what an
    example asks."""
    shown = [str(case.expected) for case in cases if not case.is_error and isinstance(case.expected, str)]
    if not re.search(r"\bpad(?:ded|s|ding)?\b|\bleading zeros?\b|\bzeros? in front\b", lower) and not (
            re.search(r"\b(?:\d|one|two|three|four) digits\b", lower)
            and any(re.fullmatch(r"[A-Z]+0\d+", value) for value in shown)):  # "given back as a capital B and two
        return []  # digits": `b7` -> `B07`
    parts = [re.fullmatch(r"([A-Z]+)(\d+)", value) for value in shown]
    if not shown or not all(parts) or len({part.group(1) for part in parts}) != 1:
        return []
    prefix = parts[0].group(1)
    said = re.search(r"\b(?:at least |)(\d|one|two|three|four|five|six) digits?\b", lower)
    width = (int(said.group(1)) if said.group(1).isdigit() else SMALL_NUMBERS[said.group(1)]) if said \
        else min(len(part.group(2)) for part in parts)
    error = next((case.raises for case in cases if case.raises), None) or "ValueError"
    optional = re.search(rf"\bwith or without (?:an? |the )?(?:capital |letter )?{prefix.lower()}\b", lower)
    dash = "-?" if re.search(r"\bwith or without (?:an? |the )?(?:hyphen|dash)\b", lower) else ""
    if re.search(r"\bspaces? (?:removed|dropped|ignored|taken out|left out)\b|\bwithout (?:any )?spaces\b", lower):
        dash += r"\s*"  # "spaces removed": `nb 7` is NB07
    shape = f"(?:{prefix}{dash})?" if optional else f"{prefix}{dash}"  # "17", "t17" or "T-017"
    bounds = ["", f" or not 0 < int(found.group(1)) < {10 ** width}"]  # "the numbers 0 and above 999 raise"
    if re.search(r"\b(?:above|over|more than|greater than|beyond) \d+|\b(?:0|zero)\b", lower):
        bounds.reverse()
    ranged = re.search(r"\bnumber (?:from|between) (\d+) (?:to|and) (\d+)\b", lower)
    if ranged:  # "the letter T and a number from 1 to 99"
        bounds.insert(0, f" or not {ranged.group(1)} <= int(found.group(1)) <= {ranged.group(2)}")
    dropped = re.search(r"\b(?:drops?|dropped|removes?|removed|strips?|(?<!with or )without|no) (?:the |any )?leading zeros?\b|"
                        r"\bleading zeros? (?:are )?(?:dropped|removed|left off)\b", lower)
    number = "{int(found.group(1))}" if dropped else f"{{int(found.group(1)):0{width}d}}"  # "drops leading zeros"
    found = []
    for bound in bounds:
        check = (f"found = re.fullmatch(r\"\\s*{shape}(\\d+)\\s*\", {name}, flags=re.IGNORECASE)\n"
                 f"if found is None{bound}:\n    raise {error}(f\"not a code like {prefix}{'0' * width}: {{{name}!r}}\")")
        found.append((f'f"{prefix}{number}"', REGEX + (("found", check),)))
    return found


def _truncated(names: list[str], kinds: list[str], cases: list[Case]) -> list[tuple[str, tuple]]:
    """A text cut to a width with a mark at the end: "Longer than width -> first width-3 chars
    + "..."" (``short_title("Notes from the churchwardens' meeting") == "Notes from the
    church..."``): the mark is what the cut examples end with; the width an ``int`` parameter
    (the mark inside it, or after it) or the one length the examples show."""
    text = names[0]
    width = next((name for name, kind in zip(names[1:], kinds[1:]) if kind == "int"), None)
    cut = [(case.arguments[text], case.expected) for case in cases if not case.is_error
           and isinstance(case.arguments.get(text), str) and isinstance(case.expected, str)
           and case.expected != case.arguments[text]]
    if not cut:
        return []
    marks = set()
    for typed, shown in cut:
        kept = len(os.path.commonprefix([typed, shown]))
        marks.add(shown[kept:])
    mark = marks.pop() if len(marks) == 1 else None
    if not mark or not re.fullmatch(r"\W+", mark):  # `...`, `…`, ` [...]`
        return []
    found = []
    if width is not None:
        found.append((f"{text} if len({text}) <= {width} else {text}[:{width} - {len(mark)}] + {mark!r}", ()))
        found.append((f"{text} if len({text}) <= {width} else {text}[:{width}] + {mark!r}", ()))
    lengths = {len(shown) for _, shown in cut}
    if len(lengths) == 1:
        total = lengths.pop()
        found.append((f"{text} if len({text}) <= {total} else {text}[:{total - len(mark)}] + {mark!r}", ()))
        found.append((f"{text} if len({text}) <= {total - len(mark)} else {text}[:{total - len(mark)}] + {mark!r}", ()))
    return found


def _money_text(name: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """An amount in cents written as money the way the examples show it: "the euros, a comma,
    always two digits of cents, then a space and EUR" (``euros(1250) == "12,50 EUR"``): the
    text before and after, the decimal mark and a thousands mark read off the examples, each
    example's number checked to be the amount."""
    shapes = set()
    for case in cases:
        amount, shown = case.arguments.get(name), case.expected
        if case.is_error or not isinstance(amount, int) or isinstance(amount, bool) or not isinstance(shown, str):
            continue
        parts = re.fullmatch(r"(\D*?)(\d{1,3}(?:([ .,'\u202f])\d{3})*|\d+)([.,])(\d{2})(\D*)", shown)
        if parts is None or amount < 0:
            return []
        whole = re.sub(r"\D", "", parts.group(2))
        if int(whole) * 100 + int(parts.group(5)) != amount:
            return []
        shapes.add((parts.group(1), parts.group(3) or "", parts.group(4), parts.group(6)))
    if not shapes:
        return []
    thousands = {shape[1] for shape in shapes} - {""}
    plain = {(before, mark, after) for before, _, mark, after in shapes}
    if len(plain) != 1 or len(thousands) > 1:
        return []
    before, mark, after = plain.pop()
    if mark == "." and not thousands - {","}:
        return []  # `£12.50`, `1,250.00`: the format specs the search writes already say it
    sign = f'("-" if {name} < 0 else "") + '  # an amount below zero: its sign first, the rest as for its size
    euros = f"abs({name}) // 100"
    if thousands:  # `1.250,00 EUR`: the thousands mark too
        euros = f'f"{{abs({name}) // 100:,}}".replace(",", {thousands.pop()!r})'
        return [(sign + " + ".join(part for part in (repr(before) if before else "", euros, repr(mark),
                                                     f'f"{{abs({name}) % 100:02d}}"', repr(after) if after else "")
                                   if part), ())]
    return [(sign + f'f"{_fstring(before)}{{{euros}}}{_fstring(mark)}{{abs({name}) % 100:02d}}{_fstring(after)}"', ())]


def _fstring(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}").replace("\\", "\\\\").replace('"', '\\"')


def _flag_mark(names: list[str], kinds: list[str], cases: list[Case]) -> list[tuple[str, tuple]]:
    """A value with a mark while a flag is (or is not) set: "Runs, with a `*` when not out"
    (``score_text(45, False) == "45*"``): the mark, and which way the flag puts it, read off the
    examples."""
    flags = [name for name, kind in zip(names, kinds) if kind == "bool"]
    values = [name for name, kind in zip(names, kinds) if kind in ("int", "str", "float")]
    if len(flags) != 1 or len(values) != 1 or len(names) != 2:
        return []
    flag, value = flags[0], values[0]
    marks = {True: set(), False: set()}
    for case in cases:
        if case.is_error or not isinstance(case.expected, str):
            continue
        base, shown = str(case.arguments.get(value)), case.expected
        if shown == base:
            marks[bool(case.arguments.get(flag))].add(("", ""))
        elif shown.startswith(base):
            marks[bool(case.arguments.get(flag))].add(("", shown[len(base):]))
        elif shown.endswith(base):
            marks[bool(case.arguments.get(flag))].add((shown[:-len(base)], ""))
        else:
            return []
    for marked, bare in ((True, False), (False, True)):
        if len(marks[marked]) == 1 and marks[bare] == {("", "")} and marks[marked] != {("", "")}:  # both ways shown
            before, after = marks[marked].pop()
            when = flag if marked else f"not {flag}"
            parts = [f"({text!r} if {when} else '')" if text else f"str({value})" for text in (before, None, after)
                     if text is None or text]
            return [(" + ".join(parts), ())]
    return []


def _ratio_or_mark(names: list[str], kinds: list[str], cases: list[Case]) -> list[tuple[str, tuple]]:
    """One number over another with some decimals, and a mark where the second is 0: "Batting
    average = runs / times out, 2 decimals. Never out -> "-"": the decimals and the mark read
    off the examples, either number the divisor."""
    if len(names) != 2 or not all(kind in ("int", "float") for kind in kinds):
        return []
    normal = [case for case in cases if not case.is_error and isinstance(case.expected, str)]
    numeric = [case for case in normal if re.fullmatch(r"-?\d+(?:\.\d+)?", case.expected)]
    marks = {case.expected for case in normal if case not in numeric}
    decimals = {len(case.expected.partition(".")[2]) for case in numeric}
    if len(marks) != 1 or len(decimals) != 1 or not numeric:
        return []
    mark, places = marks.pop(), decimals.pop()
    return [(f'{mark!r} if {b} == 0 else f"{{{a} / {b}:.{places}f}}"', ()) for a, b in (names, names[::-1])]


MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")


def _reformatted_date(name: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """An ISO day (or month) written another way, as the examples show it: "YYYY-MM -> "Month
    YYYY"" (``issue_name("2024-09") == "September 2024"``): each part of an example's text that
    is the date's year, month (name, short name or number) or day becomes that part; anything
    not of the ISO shape, or not a real date, raises what an example asks."""
    normal = [case for case in cases if not case.is_error and isinstance(case.arguments.get(name), str)
              and isinstance(case.expected, str)]
    if not normal:
        return []
    shape = next((shape for shape in (r"\d{4}-\d{2}-\d{2}", r"\d{4}-\d{2}")
                  if all(re.fullmatch(shape, case.arguments[name]) for case in normal)), None)
    if shape is None:
        return []
    if all(case.expected in case.arguments[name] for case in normal):
        return []  # "simply the first seven characters of the day": a part of it, as the search finds it
    typed, shown = normal[0].arguments[name], normal[0].expected
    year, month, day = int(typed[:4]), int(typed[5:7]), int(typed[8:10]) if len(typed) == 10 else None
    pieces = {"{when.year}": str(year), "{when:%y}": f"{year % 100:02d}", "{when:%B}": MONTH_NAMES[month - 1].title(),
              "{when:%b}": MONTH_NAMES[month - 1][:3].title(), "{when:%m}": f"{month:02d}", "{when.month}": str(month)}
    if day is not None:
        pieces.update({"{when:%d}": f"{day:02d}", "{when.day}": str(day)})
    tokens = re.findall(r"[A-Za-z]+|\d+|[^A-Za-z\d]+", shown)
    written = []
    for token in tokens:
        part = next((key for key, value in pieces.items() if value == token), None)
        written.append(part if part is not None else _fstring(token))
    if written == [_fstring(token) for token in tokens]:
        return []  # nothing of the date in it
    error = next((case.raises for case in cases if case.raises), "ValueError")
    read = (f'if re.fullmatch(r"{shape}", {name}) is None:\n    raise {error}(f"not a date: {{{name}!r}}")\n'
            + (f"when = date.fromisoformat({name})" if len(typed) == 10
               else f"when = date(int({name}[:4]), int({name}[5:7]), 1)"))
    return [(f'f"{"".join(written)}"', REGEX + DATES + (("when", read),))]


def _flag_ladder(lower: str, names: list[str]) -> list[tuple[str, tuple]]:
    """A word for the first yes/no argument that holds, in the order the words give them:
    "delivered once it has been delivered, otherwise packed once it is packed, otherwise
    waiting" -> ``'delivered' if delivered else 'packed' if packed else 'waiting'``."""
    steps = []
    for said in re.finditer(r"\b([a-z][\w-]*) (?:once|when|if|while|as soon as) (?:it |they |the \w+ )?(?:has been |have been |is |are |"
                            r"was |were |has |have )?(?:already )?(\w+)\b", lower):
        if said.group(2) in names and said.group(2) not in (flag for _, flag in steps):
            steps.append((said.group(1), said.group(2)))
    rest = re.search(r"\botherwise,? (?:it is |it's |just )?`?([a-z][\w-]*)`?\s*[.;]?\s*$", lower.strip())
    if not steps or rest is None or rest.group(1) in names:
        return []
    ladder = " else ".join(f"{word!r} if {flag}" for word, flag in steps)
    return [(f"{ladder} else {rest.group(1)!r}", ())]


def _rate_rounded(lower: str, name: str) -> list[tuple[str, tuple]]:
    """An amount at a stated rate, rounded to a whole number: "45p a mile, to the nearest penny,
    half a penny rounds up" -> ``math.floor(45 * miles + 0.5)``; the rate a number the words
    put before "a", "per", "each" or "every"."""
    rates = [float(match.group(1)) for match in re.finditer(
        r"(?<![\w.])(\d+(?:\.\d+)?)\s*[a-z£$€]{0,5}\s+(?:a|an|per|each|for each|for every|every)\s+[a-z]+", lower)]
    found = []
    half_up = re.search(HALF_UP, lower)
    for rate in dict.fromkeys(rates):
        number = int(rate) if rate.is_integer() else rate
        if half_up:
            found.append((f"math.floor({number} * {name} + 0.5)", MATH))
        found.append((f"round({number} * {name})", ()))
        found.append((f"math.ceil({number} * {name})", MATH))
        found.append((f"int({number} * {name})", ()))
    return found


def _written_formula(text: str, names: list[str], returns: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """A formula the words write over the parameters, rounded as they say and written with the
    text the examples put around it: "as a whole percentage with a `%` sign: 100 * flowered /
    count, rounded to the nearest whole number, a half always rounded up" ->
    ``f"{math.floor(100 * flowered / count + 0.5)}%"``."""
    import ast

    found = []
    lower = text.lower()
    half_up = re.search(HALF_UP, lower)
    whole = re.search(r"\bnearest whole\b|\bwhole (?:number|percent|percentage)\b|\brounded\b", lower)
    nothing = re.search(r"\b(?:when|if)\b[^.;]*\b(?:0|zero)\b[^.;]*?\b(?:give back|gives? back|returns?|is|it is) (-?\d+)\b", lower)
    for match in [*re.finditer(r"[\w.(][\w\s.*/+()-]*[\w)]", text), *_worded_expressions(text, names)]:
        source = match.group(0).strip()
        try:
            tree = ast.parse(source, mode="eval")
        except SyntaxError:
            continue
        used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
        if not used or not used <= set(names) or not any(isinstance(node, ast.BinOp) for node in ast.walk(tree)) \
                or not all(isinstance(node, (ast.Expression, ast.BinOp, ast.Name, ast.Constant, ast.Load, ast.operator,
                                             ast.UnaryOp, ast.unaryop)) for node in ast.walk(tree)):
            continue
        values = [f"math.floor({source} + 0.5)"] if half_up else []
        values += [f"round({source})", f"int({source})"] if whole else []
        values.append(source)
        divisor = next((node.right for node in ast.walk(tree) if isinstance(node, ast.BinOp)
                        and isinstance(node.op, ast.Div)), None)
        if nothing and divisor is not None:  # "When words and mistakes are both 0, give back 0": nothing to divide by
            values = [f"{value} if {ast.unparse(divisor)} else {nothing.group(1)}" for value in values] + values
        for value in values:
            if returns != "str":
                found.append((value, MATH if "math." in value else ()))  # ("a divided by b": nothing to import)
                continue
            around = set()
            for case in cases:  # the text the examples write around the number: `75%`
                if case.is_error or not isinstance(case.expected, str):
                    continue
                try:
                    number = str(eval(value, {"math": math}, dict(case.arguments)))
                except (ArithmeticError, TypeError, ValueError):
                    number = None
                at = case.expected.find(number) if number is not None else -1
                around.add((case.expected[:at], case.expected[at + len(number):]) if at >= 0 else None)
            if len(around) == 1 and None not in around:
                before, after = around.pop()
                plain = not re.search(r"[{}\"\\]", before + after)
                found.append((f'f"{before}{{{value}}}{after}"' if plain else f"{before!r} + str({value}) + {after!r}", MATH))
    return found


WORDED_OPERATORS = {"times": "*", "multiplied by": "*", "divided by": "/", "plus": "+", "minus": "-"}


def _worded_expressions(text: str, names: list[str]) -> list:
    """A formula written in words, each comma a step over all before it: "words times 100,
    divided by words plus mistakes, rounded down" -> ``(words * 100) / (words + mistakes)``
    (as a match-like object with ``group(0)``, for ``_written_formula``)."""
    operand = "|".join([r"\d+(?:\.\d+)?", *(re.escape(name) for name in names)])
    operators = "|".join(WORDED_OPERATORS)
    expression_words = rf"(?:{operand})(?: (?:{operators}) (?:{operand}))*"
    found = []
    for sentence in re.split(r"(?<=[.;:])\s+", " ".join(text.split())):
        built = None
        for stage in re.split(r",\s*(?:then\s+)?", sentence.rstrip(".;")):
            stage = stage.strip()
            step = re.fullmatch(rf"({operators}) ({expression_words})", stage)
            if built is not None and step:
                built = f"({built}) {WORDED_OPERATORS[step.group(1)]} ({_symbols(step.group(2))})"
            elif built is None and re.fullmatch(expression_words, stage) and re.search(operators, stage):
                built = _symbols(stage)
            elif built is not None:
                break
        if built is not None:
            found.append(re.match(r".*", built))
    return found


def _symbols(words: str) -> str:
    """"words plus mistakes" -> "words + mistakes"."""
    for said, symbol in WORDED_OPERATORS.items():
        words = re.sub(rf"\b{said}\b", symbol, words)
    return words


def _started_units(lower: str, names: list[str], kinds: list[str]) -> list[tuple[str, tuple]]:
    """A price per started unit, with an extra per unit when a flag is set: "Washing costs 3 euro
    for each started kilo, so 2.1 kg pays like 3 kg. Also a very small bag pays one kilo. Ironing
    is 2 euro more for each started kilo. The result is in cents." -> ``(3 + (2 if iron else 0)) *
    max(1, math.ceil(kg)) * 100``; the examples decide between the readings offered."""
    rates = list(re.finditer(r"(\d+(?:\.\d+)?)\s*(?:euros?|pounds?|dollars?|p|pence|cents?)?\s+(more\s+)?"
                             r"(?:for|per) (?:each|every) started (\w+)", lower))
    amount = next((name for name, kind in zip(names, kinds) if kind in ("float", "int")), None)
    flag = next((name for name, kind in zip(names, kinds) if kind == "bool"), None)
    if not rates and re.search(r"\brounded up\b|\bround(?:s|ed)? (?:it )?up\b|\bup to the (?:next )?whole\b", lower):
        rates = list(re.finditer(r"(\d+(?:\.\d+)?)\s*(?:euros?|pounds?|dollars?|p|pence|cents?)?\s+(more\s+)?"
                                 r"(?:per|a|an|for each|for every) (\w+)", lower))  # "45.00 per metre; length rounded UP"
    base = [rate for rate in rates if not rate.group(2)]
    extra = [rate for rate in rates if rate.group(2)]
    if not base or amount is None or len(names) > 2:
        return []
    price = base[0].group(1)
    if extra and flag is not None:
        price = f"({price} + ({extra[0].group(1)} if {flag} else 0))"
    units = [f"math.ceil({amount})"]
    if re.search(r"\b(?:pays?|costs?|counts?(?: as)?) (?:for )?(?:one|1|a whole) \w+\b|\bat least one\b", lower):
        units.insert(0, f"max(1, math.ceil({amount}))")  # "a very small bag pays one kilo"
    least = re.search(r"\bat least (\d+(?:\.\d+)?)\s*(?:\w+\s+)?(?:charged|billed|paid|counted)\b", lower)
    if least:  # "at least 6 m charged"
        units.insert(0, f"max({least.group(1)}, math.ceil({amount}))")
    scale = [" * 100", ""] if re.search(r"\bin (?:cents|pence)\b", lower) else [""]
    return [(f"{price} * {unit}{factor}", MATH) for unit in units for factor in scale]


def _first_free(lower: str, names: list[str]) -> list[tuple[str, tuple]]:
    """The first number of a range not taken: "Give back the smallest number from 1 to hooks
    that is not in used. When all of them are used, give back 0" -> ``next((number for number
    in range(1, hooks + 1) if number not in used), 0)`` (the bounds a number or a parameter)."""
    bound = "|".join([r"\d+", *(re.escape(name) for name in names)])
    said = re.search(rf"\b(?:smallest|lowest|first|least)\b[^.;]*?\bfrom ({bound}|one) (?:to|up to|through) ({bound})\b"
                     rf"[^.;]*?\bnot (?:in|among|one of|taken in|used in) (?:the )?({'|'.join(map(re.escape, names))})\b", lower)
    if said is None:
        return []
    low = "1" if said.group(1) == "one" else said.group(1)
    otherwise = re.search(r"\b(?:when|if) (?:all|every|none)\b[^.;]*?\b(?:give back|gives? back|returns?|gives?|is) (-?\d+)\b|"
                          r"\b(?:otherwise|else) (-?\d+)\b", lower)
    fallback = (otherwise.group(1) or otherwise.group(2)) if otherwise else "None"
    return [(f"next((number for number in range({low}, {said.group(2)} + 1) if number not in {said.group(3)}), {fallback})", ())]


def _one_when_same(text: str, names: list[str]) -> list[tuple[str, tuple]]:
    """A line of two values written once when they are the same: "`SMALLEST-LARGEST`, or just the
    one number when both are the same" -> ``f"{smallest}-{largest}" if smallest != largest else
    f"{smallest}"``; the line is the backticked one naming both parameters in capitals."""
    if not re.search(r"\b(?:when|if) (?:both|they|the two)(?: \w+)? (?:are|is) (?:the same|equal)\b|"
                     r"\b(?:when|if) (?:both|they|the two) (?:match|agree)\b", text.lower()):
        return []
    for line in re.findall(r"`([^`]+)`", text):
        tokens = re.findall(r"\b[A-Z][A-Z_]*\b", line)
        if sorted(tokens) != sorted(name.upper() for name in names) or re.search(r"[{}\"\\]", line):
            continue
        template = re.sub(r"\b[A-Z][A-Z_]*\b", lambda match: "{" + match.group(0).lower() + "}", line)
        first, second = names
        return [(f'f"{template}" if {first} != {second} else f"{{{first}}}"', ())]
    return []


def _number_range(lower: str, name: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """A range of whole numbers read from text, one number or two joined by a dash: "either one
    whole number (`12`, meaning only that size) or two whole numbers joined by a dash (`8-16`),
    the first not bigger than the second. Returns (smallest, largest)" -> ``(8, 16)``,
    ``(12, 12)``; anything else raises what an example asks."""
    shown = [case.expected for case in cases if not case.is_error]
    error = next((case.raises for case in cases if case.raises), None) or "ValueError"
    if not shown or not all(isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, int) for v in value)
                            for value in shown) or not re.search(r"\b(?:dash|hyphen|minus sign)\b|`\d+-\d+`", lower):
        return []
    blanks = r"\s*" if re.search(r"\bblanks? (?:around|allowed)|\bspaces? (?:around|allowed)\b", lower) else ""
    ordered = re.search(r"\bnot (?:bigger|larger|greater|more|higher) than the second\b|\bfirst (?:is )?(?:not above|at most|"
                        r"no more than|smaller|lower)\b|\bin order\b", lower)
    check = (f"found = re.fullmatch(r\"{blanks}(\\d+)(?:{blanks}-{blanks}(\\d+))?{blanks}\", {name})\n"
             f"if found is None{' or (found.group(2) and int(found.group(1)) > int(found.group(2)))' if ordered else ''}:\n"
             f"    raise {error}(f\"not a range like 8-16 or 12: {{{name}!r}}\")")
    return [("(int(found.group(1)), int(found.group(2) or found.group(1)))", REGEX + (("found", check),))]


def _counted_nouns(names: list[str], cases: list[Case]) -> list[tuple[str, tuple]]:
    """Counts written with their nouns, the zero ones left out: "Zero counts are left out,
    singular for 1" (``brood(2, 3) == "2 eggs, 3 chicks"``, ``brood(0, 0) == "nothing"``): each
    parameter's noun (one and many) and the separator read off the examples, the text for none
    from the example where all are 0."""
    nouns: dict[str, dict[bool, str]] = {name: {} for name in names}
    separators, empty = set(), None
    for case in cases:
        if case.is_error or not isinstance(case.expected, str):
            continue
        counts = [case.arguments.get(name) for name in names]
        if not all(isinstance(count, int) and not isinstance(count, bool) for count in counts):
            return []
        shown = [(name, count) for name, count in zip(names, counts) if count]
        if not shown:
            empty = case.expected
            continue
        parts = re.findall(r"(\d+) ([A-Za-z][\w-]*)", case.expected)
        if [int(number) for number, _ in parts] != [count for _, count in shown]:
            return []
        for (name, count), (_, noun) in zip(shown, parts):
            if nouns[name].setdefault(count == 1, noun) != noun:
                return []
        rest = re.sub(r"\d+ [A-Za-z][\w-]*", "\0", case.expected)
        if not rest.startswith("\0") or not rest.endswith("\0"):
            return []
        separators.update(rest.strip("\0").split("\0")) if len(parts) > 1 else None
    if empty is None or len(separators) > 1 or not all(False in forms for forms in nouns.values()):
        return []
    separator = separators.pop() if separators else ", "
    terms = []
    for name, forms in nouns.items():
        many = forms[False]
        one = forms.get(True) or (many.removesuffix("s"))
        terms.append(f"f\"{{{name}}} {{{one!r} if {name} == 1 else {many!r}}}\" if {name} else ''")
    return [(f"{separator!r}.join(part for part in ({', '.join(terms)}) if part) or {empty!r}", ())]


COMPARED = {"longer": ">", "more": ">", "over": ">", "above": ">", "bigger": ">", "heavier": ">", "larger": ">",
            "greater": ">", "wider": ">", "taller": ">", "older": ">", "under": "<", "below": "<", "shorter": "<",
            "less": "<", "smaller": "<", "lighter": "<", "younger": "<"}


def _price_list(lower: str, parameters: list[tuple[str, str]], returns: str, cases: list[Case]) -> list[tuple[str, tuple]]:
    """A price list in words over a kind, with an extra above a size: "kitchen knives 400, bread
    knives 500, scissors 350, chisels 300, plus 100 for any blade longer than 20 cm. Any other
    kind raises ValueError" over ``price(kind: str, blade: int)``. Each item's key is the word
    the examples type (its first word, its last, or the whole name; plurals also singular);
    a kind off the list raises what an example asks."""
    texts = [name for name, kind in parameters if kind == "str"]
    numbers = [name for name, kind in parameters if kind in ("int", "float")]
    if len(texts) != 1 or len(numbers) > 1 or returns not in ("int", "float"):
        return []
    items = []
    for chunk in re.split(r"[,;:.]\s+|,|\band\b|\bor\b", re.sub(r"`([^`]*)`", r"\1", lower).rstrip(". ")):  # "`basic` is 6.00"
        said = re.fullmatch(r"\s*([a-z][a-z' -]*?)\s+(?:is |are |cost |costs |at |for )?[£$€]?(\d+(?:\.\d+)?)\s*", chunk)
        if said:
            items.append((said.group(1).split(), said.group(2)))
            continue
        said = re.fullmatch(r"\s*(?:(?:which|that) (?:is|are) )?[£$€]?(\d+(?:\.\d+)?)\s*(?:p|c|pence|cents?|points?|pts?)?\s+(?:for|per|on)\s+"
                            r"(?:an? |the |each |every )?([a-z][a-z' -]*?)\s*", chunk)  # "10p for card, 20p for plywood"
        if said:
            items.append((said.group(2).split(), said.group(1)))
    if len(items) < 3:
        return []
    typed = [case.arguments.get(texts[0]) for case in cases if not case.is_error]
    if not typed or not all(isinstance(value, str) for value in typed):
        return []
    if returns == "int" and any(not value.isdigit() for _, value in items):
        return []  # "1250.00" is not a whole number: no price list of ints
    cast = int if returns == "int" else float
    table = None
    for pick in (lambda words: words[0], lambda words: words[-1], " ".join):
        keys = {pick(words): cast(value) for words, value in items}
        if all(value.strip().lower() in keys for value in typed):
            table = keys
            break
    if table is None:
        return []
    for key, value in list(table.items()):  # "chisels 300": a chisel is typed too
        bare = re.sub(r"(?:(?<=[sxz])es|(?<=ch)es|(?<=sh)es|s)$", "", key)
        if bare != key and " " not in key:
            table.setdefault(bare, value)
    error = next((case.raises for case in cases if case.raises), None)
    name = texts[0]
    key = f"{name}.strip().lower()" if not re.search(r"\b(?:small|lower ?case|capital) letters already\b|\bas typed\b|"
                                                     r"\bexactly\b", lower) else name  # "(in small letters already)"
    check = f"\nif {key} not in table:\n    raise {error}(f\"unknown {name}: {{{name}!r}}\")" \
        if error in ("ValueError", "KeyError", "LookupError") else ""
    lets = (("table", f"table = {table!r}{check}"),)
    source = f"table[{key}]"
    extra = re.search(r"\bplus (\d+(?:\.\d+)?) (?:for|if|when) (?:any|a|an|the|each|every)? ?(?:\w+ ){0,2}?(" + "|".join(COMPARED)
                      + r") than (\d+(?:\.\d+)?)\b", lower)
    if extra and numbers:
        source = f"{source} + ({cast(extra.group(1))!r} if {numbers[0]} {COMPARED[extra.group(2)]} {extra.group(3)} else 0)"
    if numbers and re.search(rf"\b{re.escape(numbers[0])} (?:times|multiplied by)\b|\btimes the (?:rate|price)\b|"
                             r"\b(?:rate|price) (?:per|a|an|each) \w+\b", lower):  # "the minutes times the rate per minute"
        return [(f"{source} * {numbers[0]}", lets), (source, lets)]
    return [(source, lets)]


def _sized_code(text: str, name: str) -> list[tuple[str, tuple]]:
    """A code of a stated length made of stated characters: "good when it is 8 to 20 characters
    long and every character is a letter A-Z or a digit" is ``8 <= len(code) <= 20`` and only
    ``[A-Z0-9]``; "letters" without a range are either case."""
    sized = re.search(r"\b(\d+) (?:to|-|and|through) (\d+) (?:characters|chars|letters and digits|symbols)\b", text) or \
        re.search(r"\bat least (\d+) (?:letters|characters|chars)\b,? (?:and|but) (?:at most|no more than|not more than) "
                  r"(\d+)(?: (?:letters|characters|chars))?\b", text)  # "at least 2 letters and at most 12 letters"
    if sized is None:
        return []
    lower = text.lower()
    letters = "A-Z" if re.search(r"\bA-Z\b|\b(?:capital|upper-?case) letters?\b", text) else \
        "a-z" if re.search(r"\ba-z\b|\b(?:small|lower-?case) letters?\b", text) else "A-Za-z"
    allowed = (letters if re.search(r"\bletters?\b|[Aa]-[Zz]", text) else "") + ("0-9" if re.search(r"\bdigits?\b", lower) else "")
    if not allowed:
        return []
    low, high = sized.group(1), sized.group(2)
    return [(f're.fullmatch(r"[{allowed}]{{{low},{high}}}", {name}) is not None', REGEX)]


def _record_line(names: list[str], cases: list[Case]) -> list[tuple[str, tuple]]:
    """A record written as a line, read off the examples: ``line(3, Task("call mum", done=True,
    tags=["home"])) == "3 [x] call mum #home"``. The values the examples show (a number argument,
    the record's text and number fields, each element of a list field) are found in the lines in
    one order; the text before each is its lead, the same wherever it is shown; a text field left
    empty drops its lead too (`` !high`` only with a priority), a list gives a lead per element,
    and a lead that differs between examples is told by a flag (``[x]`` or ``[ ]`` by ``done``).
    Kept only when it gives every example's line exactly."""
    import dataclasses

    shown = [case for case in cases if not case.is_error]
    records = [name for name in names if shown and all(
        dataclasses.is_dataclass(case.arguments.get(name)) and not isinstance(case.arguments.get(name), type)
        for case in shown)]
    if len(records) != 1 or len(shown) < 2 or not all(isinstance(case.expected, str) for case in shown):
        return []
    record = records[0]
    numbers = [name for name in names if name != record and all(
        isinstance(case.arguments.get(name), int) and not isinstance(case.arguments.get(name), bool) for case in shown)]
    if len(numbers) != len(names) - 1:
        return []
    fields = dataclasses.fields(shown[0].arguments[record])
    slots = [(name, "number") for name in numbers]
    flags = []
    for item in fields:
        values = [getattr(case.arguments[record], item.name) for case in shown]
        if item.name.startswith("_"):
            continue  # (`_extra`: what the file held that the spec does not name)
        if all(isinstance(value, bool) for value in values):
            flags.append(item.name)
        elif all(isinstance(value, (str, type(None))) for value in values):
            slots.append((item.name, "text"))
        elif all(isinstance(value, int) and not isinstance(value, bool) for value in values):
            slots.append((item.name, "number field"))
        elif all(isinstance(value, list) and all(isinstance(element, str) for element in value) for value in values):
            slots.append((item.name, "list"))
        else:
            return []

    defaults = {item.name: item.default for item in fields if isinstance(item.default, str) and item.default}
    hidden = {name: defaults[name] for name, kind in slots if kind == "text" and name in defaults and any(
        getattr(case.arguments[record], name) == defaults[name] and defaults[name] not in case.expected for case in shown)}
    # (`priority: str = "normal"`, written only when it is another: `!high`)

    def pieces(case: Case, slot: tuple[str, str]) -> list[str]:
        name, kind = slot
        value = case.arguments[name] if kind == "number" else getattr(case.arguments[record], name)
        if kind == "list":
            return [str(element) for element in value]
        return [str(value)] if value not in (None, "", hidden.get(name)) else []

    optional = any(kind == "list" for _, kind in slots) or any(
        kind == "text" and any(not pieces(case, (name, kind)) for case in shown) for name, kind in slots)
    if len(slots) > 6 or not optional:
        return []  # (a line of fixed parts is the format templates' own: `f"{number}. [x] {task.title}"`)
    for order in itertools.permutations(slots):
        leads: dict[str, list[tuple[Case, str]]] = {name: [] for name, _ in order}
        tails, fits = [], True
        for case in shown:
            cursor, line = 0, case.expected
            for slot in order:
                for piece in pieces(case, slot):
                    at = line.find(piece, cursor)
                    if at < 0:
                        fits = False
                        break
                    leads[slot[0]].append((case, line[cursor:at]))
                    cursor = at + len(piece)
                if not fits:
                    break
            if not fits:
                break
            tails.append(line[cursor:])
        if not fits or len(set(tails)) != 1:
            continue
        source = _line_source(order, leads, flags, record, len(shown), hidden)
        if source is None:
            continue
        parts = " + ".join(part for part in (*source, repr(tails[0]) if tails[0] else "") if part)
        if _gives_each(parts, shown):
            return [(parts, ())]
    return []


def _gives_each(source: str, cases: list[Case]) -> bool:
    """Whether an expression gives every example's value (a failure on one: it does not)."""
    try:
        return all(evaluate(source, (), case.arguments) == case.expected for case in cases)
    except Exception:  # noqa: BLE001 - an expression that fails on an example is not the one
        return False


def _line_source(order, leads: dict, flags: list[str], record: str, shown: int,
                 hidden: dict[str, str]) -> list[str] | None:
    """The Python parts of a record's line: each slot's lead (plain, or told by a flag) and value;
    a text field some example leaves empty (or at its ``hidden`` default) is written, lead and
    all, only when it is not."""
    source = []
    for name, kind in order:
        said = leads[name]
        texts = {text for _, text in said}
        if len(texts) == 1:
            lead = repr(texts.pop()) if texts != {""} else None
        else:  # a lead told by a flag: "[x] " or "[ ] "
            lead = None
            for flag in flags:
                by_flag = {bool(getattr(case.arguments[record], flag)): set() for case, _ in said}
                for case, text in said:
                    by_flag[bool(getattr(case.arguments[record], flag))].add(text)
                if set(by_flag) == {True, False} and all(len(values) == 1 for values in by_flag.values()):
                    yes, no = by_flag[True].pop(), by_flag[False].pop()
                    common = len(os.path.commonprefix([yes, no]))
                    ending = len(os.path.commonprefix([yes[common:][::-1], no[common:][::-1]]))
                    lead = " + ".join(part for part in (
                        repr(yes[:common]) if common else "",
                        f"({yes[common:len(yes) - ending]!r} if {record}.{flag} else {no[common:len(no) - ending]!r})",
                        repr(yes[len(yes) - ending:]) if ending else "") if part)
                    break
            if lead is None:
                return None
        value = name if kind == "number" else f"{record}.{name}"
        written = value if kind == "text" else f"str({value})" if kind != "list" else "str(element)"
        led = f"{lead} + {written}" if lead else written
        if kind == "list":
            source.append(f'"".join({led} for element in {value})')
        elif kind == "text" and name in hidden:
            source.append(f'({led} if {value} and {value} != {hidden[name]!r} else "")')
        elif kind == "text" and len(said) < shown:
            source.append(f'({led} if {value} else "")')
        else:
            source.append(led)
    return source


def _examples_table(text: str, name: str, cases: list[Case], error: str | None) -> list[tuple[str, tuple]]:
    """A closed set of spellings whose examples are the whole table: "`1-0` means white won,
    `0-1` that black won, and a draw may be written `draw` (any capitals) or `1/2-1/2`. Blanks
    around it don't matter. Anything else raises ValueError." Only where an example raises (the
    set is closed), two spellings give one answer and every spelling an example reads is quoted
    in the words, or the words say the function undoes another ("The other way round"). The
    table's keys are the spellings made alike the way the examples need most ("` Draw `" and
    "`draw`" are one key once blanks and capitals are dropped), anything else raises."""
    known = [case for case in cases if not case.is_error]
    if error not in ("ValueError", "KeyError", "LookupError") or len(known) < 2 \
            or not all(isinstance(case.arguments.get(name), str) for case in cases):
        return []
    quoted = {piece.strip().lower() for pair in re.findall(r"`([^`]+)`|\"([^\"]+)\"", text) for piece in pair if piece}
    shared = len({repr(case.expected) for case in known}) < len(known)  # two spellings of one answer: a table
    undoes = re.search(r"\b(?:the other way (?:round|around)|the reverse|in reverse|the inverse|undoes)\b", text.lower())
    if not undoes and not (shared and all(case.arguments[name].strip().lower() in quoted for case in known)):
        return []  # (`1h30`, `2h`, `45m` quoted and read: a reader of any length, not a table of three)
    best = None
    for key, made in ((name, str), (f"{name}.strip()", str.strip),
                      (f"{name}.strip().lower()", lambda value: value.strip().lower())):
        table: dict[str, Any] = {}
        if any(table.setdefault(made(case.arguments[name]), case.expected) != case.expected for case in known):
            continue  # two spellings made alike would need different answers
        if any(made(case.arguments[name]) in table for case in cases if case.is_error):
            continue
        if best is None or len(table) < len(best[1]):
            best = (key, table)
    if best is None or len(best[1]) == len(known) and len(known) < 3:
        return []
    key, table = best
    check = f"\nif {key} not in table:\n    raise {error}(f\"unknown {name}: {{{name}!r}}\")"
    return [(f"table[{key}]", (("table", f"table = {table!r}{check}"),))]


def _stated_table(text: str, kinds: list[str], returns: str | None) -> dict | None:
    """A mapping the words list for one text argument: "P=1, F=2, VF=3" (or ``->``, ``:``),
    at least three pairs, values all numbers or all words of the return type."""
    if kinds != ["str"] or returns not in ("int", "float", "str"):
        return None
    pairs = re.findall(r"(?<![\w-])([A-Za-z][\w+-]*)\s*(?:=|->|→|:)\s*(-?\d+(?:\.\d+)?|[A-Za-z][\w-]*)(?![\w.])", text)
    if len(pairs) < 3:  # "soprano is S, alto is A, tenor is T and bass is B"
        pairs = re.findall(r"(?:^|[,;:]\s*|\band\s+)([A-Za-z][\w-]*) (?:is|gives|means|becomes) "
                           r"[\"`']?(-?\d+(?:\.\d+)?|[A-Za-z][\w-]*)[\"`']?(?=[,;.]|\s+and\b|$)", text)
    if len(pairs) < 3:  # "`up` or `u` gives `"up"`; `down` or `d` gives `"down"`": several keys for one value
        pairs = [(key, value) for keys, value in re.findall(
            r"((?:`[^`]+`(?:,\s*|,?\s+(?:or|and)\s+))*`[^`]+`)\s+(?:gives?(?: back)?|is|means?|becomes?|turns? into|->|→|=)\s+"
            r"`\"?([^`\"]+)\"?`", text)  # "`hockey` and `h` give back `hockey`"
            for key in re.findall(r"`([^`]+)`", keys)]
    if len(pairs) < 3:  # "oldest first: cambrian 1, ordovician 2, silurian 3, ... cretaceous 9"
        pairs = re.findall(r"(?:[,:;]\s*|\band\s+)([A-Za-z][\w-]*) (-?\d+(?:\.\d+)?)(?=[,;.]\s|\s+and\b|[.]?$)", text)
    if len(pairs) < 3:
        return None
    if returns in ("int", "float"):
        if not all(re.fullmatch(r"-?\d+(?:\.\d+)?", value) for _, value in pairs):
            return None
        return {key: (int(value) if returns == "int" else float(value)) for key, value in pairs}
    if any(re.fullmatch(r"-?\d+(?:\.\d+)?", value) for _, value in pairs):
        return None
    return dict(pairs)


def evaluate(source: str, lets: tuple, arguments: dict[str, Any]) -> Any:
    """The idiom's value on one example's arguments (our own source, run in-process)."""
    namespace: dict[str, Any] = dict(arguments)
    for _, block in lets:
        exec(block, namespace)  # noqa: S102 - a statement of this module's own idioms
    return eval(source, namespace)


def _part_and_whole(lower: str, names: list[str]) -> tuple[str, str]:
    """Which of two numbers is the part of a percentage and which the whole, where the words say:
    "the water as a percentage of the flour weight" over `hydration(flour_g, water_g)` is
    (water_g, flour_g); else the order of the parameters."""
    said = re.search(r"\b(?:the )?(\w+) (?:as a |in )?(?:per ?cent(?:age)?|%) of (?:the )?(\w+)", lower)
    if said:
        def named(word: str) -> str | None:
            found = [name for name in names if name.lower() == word or name.lower().split("_")[0] == word]
            return found[0] if len(found) == 1 else None
        part, whole = named(said.group(1)), named(said.group(2))
        if part and whole and part != whole:
            return part, whole
    return names[0], names[1]
