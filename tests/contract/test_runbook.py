"""Round twenty-five: a sysadmin's runbook voice (corpus38) and the readings it asked for.

A usage line in a shell block with `#` notes under it, options beside their comments, a sample
line followed by the parts that vary in it, a total line after a listing told the same way,
conventions said once as a bulleted list, and yes/no checks of a code's shape with a range.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from spf_plugins.stages.commands import agreeing

import spf
from spf.interpretation import (
    Context,
    _count_line,
    _told_message,
    interpret_command,
    number_agreement,
    strip_fences,
)
from spf.synthesis.patterns import number_pattern, read_shape
from spf.synthesis.values import build_cases

HERE = Path(__file__).parent


def _reading(folder: str, name: str, operation: str | None = None):
    """The first reading of one corpus command (with that operation)."""
    project = spf.load_spec(HERE / folder)
    command = next(c for c in project.commands if c.name == name)
    return next(i for i in interpret_command(command, project, project.stores[0])
                if operation is None or i.operation == operation)


def _context(folder: str, name: str) -> Context:
    project = spf.load_spec(HERE / folder)
    command = next(c for c in project.commands if c.name == name)
    return Context(command, project, project.stores[0])


@pytest.mark.parametrize("low, high", [(1, 30), (1, 99), (0, 9), (5, 123), (13, 87), (100, 999), (7, 7), (0, 500)])
def test_a_number_range_is_a_pattern_of_exactly_those_numbers(low, high):
    pattern = number_pattern(low, high)
    assert all((re.fullmatch(pattern, str(n)) is not None) == (low <= n <= high) for n in range(1100))
    assert not any(re.fullmatch(pattern, text) for text in ("01", "007", "-1", ""))  # no leading zeros


@pytest.mark.parametrize("words, good, bad", [
    ("Capital letter A to F, then 1..30 written without a leading zero. Nothing else.",
     ["C7", "F30", "A1"], ["G1", "C31", "C07", "c7", "C0"]),
    ("One capital letter A-Z, then a number 1..99 written without a leading zero.",
     ["B3", "C12", "Z99"], ["b3", "B0", "B03", "B100"]),
    ("Exactly two characters: capital A to F, then digit 1 to 8.", ["A1", "F8"], ["G1", "A9", "a1", "A10"]),
])
def test_a_codes_shape_with_a_letter_range_and_a_number_range(words, good, bad):
    """corpus38 (cables `valid_bin`, marina `berth_ok`, vending `valid_code`): unimplemented at
    the first measurement; the letter range keeps its capitals, the number its range."""
    pattern = read_shape(words)
    assert pattern is not None
    assert all(re.fullmatch(pattern, code) for code in good)
    assert not any(re.fullmatch(pattern, code) for code in bad)


def test_a_float_parameters_example_is_called_with_a_float():
    """`length_text(2) == "2 m"` over `m: float`: the program passes 2.0, so `f"{m} m"` (which
    prints `2.0 m`) no longer passes the example."""

    class Example:
        def __init__(self, call, expected):
            self.call, self.expected, self.raises = call, expected, None

    cases = build_cases("length_text", "def length_text(m: float, times: int = 1) -> str:",
                        [Example("length_text(2, 3)", '"2 m"')], {})
    assert type(cases[0].arguments["m"]) is float and type(cases[0].arguments["times"]) is int


def test_a_shell_blocks_notes_are_words_and_its_usage_line_is_not():
    text = ("```sh\nbackups list [--host HOST] [--last N]\n# one line per run, newest day first\n```\n\n"
            "```sh\n--since DAY   # only runs on DAY or later\n```\n\n```console\n$ backups list\nno runs\n```")
    prose = " ".join(strip_fences(text).split())
    assert prose == "One line per run, newest day first. `--since DAY`: only runs on DAY or later."


def test_a_runbook_list_is_a_list_in_its_order_with_its_filters():
    """corpus38/backups `list`: first read as a count ("number of lines printed" is the total
    line's); its order and `--since` (a day or later) were in the shell block's notes."""
    read = _reading("corpus38/backups", "list")
    assert read.operation == "list"
    assert (read.order, read.then_by) == (("day", True), ("number", True))
    assert ("day", ">=", "param:since") in [(f.field, f.op, f.value) for f in read.filters]
    assert read.limit == "param:last"


def test_a_flag_named_for_the_opposite_of_a_field_sets_it_false():
    """`ok: bool = true — false for a failed run` with `log ... --failed`: the run is stored
    with ok = not failed (it was stored ok = failed); the project's "host names are cleaned
    with clean_host" (one item of a bulleted list) cleans the host only, not the day (the item
    before it is about days)."""
    log = _reading("corpus38/backups", "log", "add")
    assert log.constructor["ok"] == "not param:failed"
    assert log.transforms == [("host", "clean_host")]


def test_a_sample_line_and_the_parts_that_vary_in_it():
    """marina `moor`: "Prints `C7: Sea Breeze, 9.5 m, fee 450.00` (berth, boat, length,
    season_fee)": the parts are placed where values of their kinds stand, the rest is literal,
    each number keeps the sample's decimals."""
    context = _context("corpus38/marina", "moor")
    start = context.text.index("`C7: Sea Breeze")
    line, defined = _told_message(context, start)
    assert line == "BERTH: BOAT, LENGTH_M_TEXT m, fee SEASON_FEE_TEXT"
    assert defined["SEASON_FEE_TEXT"] == "format(season_fee(item.length_m), '.2f')"
    assert defined["LENGTH_M_TEXT"] == "format(item.length_m, '.1f')"


def test_a_record_line_told_as_a_sample_with_a_writer_and_a_word_per_flag():
    """backups `list`: "Line: `#3 2025-03-02 db01 1.5 GB 42 min ok` (`#` and run number, day,
    host, size_text of the size, minutes then ` min`, then `ok` or `FAILED`)"."""
    context = _context("corpus38/backups", "list")
    start = context.text.index("`#3 2025")
    line, defined = _told_message(context, start)
    assert line == "#NUMBER DAY HOST SIZE_TEXT MINUTES min OK_WORD"
    assert defined == {"SIZE_TEXT": "size_text(item.size_gb)", "OK_WORD": "('ok' if item.ok else 'FAILED')"}


@pytest.mark.parametrize("folder, line", [
    ("corpus38/backups", "{count} runs, {size_text(sum(item.size_gb for _, item in rows))}"),
    ("corpus38/marina", "{count} boats, {sum(1 for _, item in rows if not item.paid)} unpaid"),
    ("corpus38/domains", "{count} domains, {sum(1 for _, item in rows if item.autorenew)} on autorenew"),
    ("corpus38/cables", "total: {sum(item.qty for _, item in rows)} cables"),
])
def test_a_total_line_after_the_list_told_as_a_sample(folder, line):
    """"After the lines, one total line: `3 runs, 4.5 GB` (number of lines printed, then
    size_text of the sum of their sizes)", "(lines printed, how many of them unpaid)"."""
    assert _count_line(_context(folder, "list")) == line


def test_two_words_agree_with_the_number_before_them():
    """corpus34/hogs: "Prints `removed N released hogs`, or `removed 1 released hog` for one"
    printed `removed 1 released hogs` (only one word after a number agreed)."""
    agreement = number_agreement(spf.load_spec(HERE / "corpus34/hogs"))
    assert agreement["released hogs"] == "released hog"
    line = agreeing('print(f"removed {count} released hogs now")', agreement)
    assert line == "print(f\"removed {count} {'released hog' if count == 1 else 'released hogs'} now\")"
    assert agreeing('print(f"{count} hogs now")', {"hogs": "hog"}) == \
        "print(f\"{count} {'hog' if count == 1 else 'hogs'} now\")"


def test_a_word_the_description_says_a_flag_chooses():
    """domains `add`: "then `manual`, or `auto` when `--autorenew` is given" over a line learned
    from the one example with `--autorenew` (it printed `auto` for every domain)."""
    add = _reading("corpus38/domains", "add", "add")
    assert add.message.endswith("{'auto' if autorenew else 'manual'}")


def test_a_removal_of_every_matching_record_counts_them():
    """cables `purge`: "Prints `purged 2 entries` (`purged 1 entry`, ...)" over "deletes every
    used-up entry (qty 0)": the 2 is how many went (it was read as one record's qty, and the
    program crashed when nothing matched)."""
    purge = _reading("corpus38/cables", "purge")
    assert (purge.operation, purge.select) == ("remove", "matching")
    assert purge.message_pattern == "purged N entries" and purge.message is None


def test_a_group_lines_numbers_in_the_order_its_parts_say():
    """cables `bins`: "Line: `B3: 2 entries, 7 cables` (entries in that bin, then sum of their
    qty)": the count first, the sum of qty second (they were swapped)."""
    bins = _reading("corpus38/cables", "bins")
    assert [(value.function, value.field) for value in bins.values] == [("count", None), ("sum", "qty")]


def _run(out: Path, work: Path, *argv: str, package: str = "backups") -> tuple[int, list[str]]:
    """One command of a generated project (its package ``package`` under ``out``), run in ``work``."""
    done = subprocess.run([sys.executable, "-c", f"from {package}.cli import main; main()", *argv], cwd=work,
                          capture_output=True, text=True, timeout=60, check=False,
                          env={"PYTHONPATH": str(out), "PATH": "/usr/bin:/bin"})
    return done.returncode, (done.stdout + done.stderr).splitlines()


def test_a_runbook_spec_generated_and_run(tmp_path):
    """corpus38/backups end to end (its first measurement: 2 of 10 hidden transcripts): the
    list's order and filters from the shell notes, its record line and total line from samples,
    `--failed` stored as ok = false."""
    out, work = tmp_path / "out", tmp_path / "work"
    work.mkdir()
    spf.generate(HERE / "corpus38/backups", out=out, verify=False)
    assert _run(out, work, "log", " DB01", "2025-03-01", "1.5", "42") == (0, ["run 1: db01 2025-03-01 ok"])
    assert _run(out, work, "log", "web1", "2025-03-02", "0.3", "4") == (0, ["run 2: web1 2025-03-02 ok"])
    assert _run(out, work, "log", "db01", "2025-03-02", "1.6", "40", "--failed") == (0, ["run 3: db01 2025-03-02 FAILED"])
    assert _run(out, work, "list") == (0, ["#3 2025-03-02 db01 1.6 GB 40 min FAILED", "#2 2025-03-02 web1 300 MB 4 min ok",
                                           "#1 2025-03-01 db01 1.5 GB 42 min ok", "3 runs, 3.4 GB"])
    assert _run(out, work, "list", "--since", "2025-03-02", "--last", "1") == (
        0, ["#3 2025-03-02 db01 1.6 GB 40 min FAILED", "1 run, 1.6 GB"])
    assert _run(out, work, "avg") == (0, ["avg 23.0 min over 2 runs"])  # the ok runs: 42 and 4 minutes


def test_orders_and_bounds_from_other_voices():
    """corpus22/badges "A to Z by name (ignoring case)" sorts `scout` (the scout's name);
    corpus21/attendance `walk`: "one name per line ..., and then a last line `total: N` with the
    number of people" lists (it read as a count per member), the name alone per line, the day
    equal to DAY ("with ` (guest)` after the name" is no bound); `person`: "put through
    tidy_name before looking" is no bound on the day either."""
    from spf.interpretation import _order

    assert _order(_context("corpus22/badges", "holders"))[0] == ("scout", False)
    walk = _reading("corpus21/attendance", "walk")
    assert walk.operation == "list" and walk.output_template == "{item.member}"
    assert [(f.field, f.op, f.value) for f in walk.filters] == [("day", "==", "param:day")]
    person = _reading("corpus21/attendance", "person")
    assert ("member", "==", "param:name") in [(f.field, f.op, f.value) for f in person.filters]
    assert not any(f.field == "day" and f.value == "param:name" for f in person.filters)
    recent = _reading("corpus36/lighthouses", "recent")  # "the same day by name, A to Z": a tie, not the order
    assert (recent.order, recent.then_by) == (("visited", True), ("name", False))
