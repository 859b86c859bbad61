"""Commands do what their words say: each misreading reported in issue 12 now reads right.

Plan-level checks read the interpretation Layer 2 chose (data, not prose); the end-to-end
test generates the project and runs the commands in a real subprocess.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import spf
from spf.errors import SpecError
from spf.interpretation import interpret_command, prose_errors

HERE = Path(__file__).parent
SPEC = (HERE / "misreadings.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def meanings():
    project = spf.parse_spec(SPEC, file="spec.md")
    pyramid = spf.build_pyramid(project)
    return {unit.name: unit.interface["interpretation"] for unit in pyramid.design_units.values()
            if unit.kind == "command"}


def test_clear_every_completed_task_removes_only_the_completed(meanings):
    clear = meanings["clear"]
    assert clear["operation"] == "remove" and clear["select"] == "matching"
    assert [(f["field"], f["op"]) for f in clear["filters"]] == [("done", "is true")]


def test_give_a_task_a_new_title_updates_the_title(meanings):
    retitle = meanings["retitle"]
    assert retitle["operation"] == "update" and retitle["select"] == "position"
    assert retitle["assignments"] == [{"field": "title", "op": "set", "value": "param:title"}]


def test_add_a_tag_to_an_existing_task_appends_and_remove_a_tag_discards(meanings):
    assert meanings["tag"]["operation"] == "update"
    assert meanings["tag"]["assignments"] == [{"field": "tags", "op": "append", "value": "param:tag"}]
    assert meanings["untag"]["operation"] == "update"
    assert meanings["untag"]["assignments"] == [{"field": "tags", "op": "discard", "value": "param:tag"}]


def test_the_most_recently_created_task_is_one_record(meanings):
    assert meanings["latest"]["operation"] == "show" and meanings["latest"]["select"] == "latest"


def test_bring_back_a_deleted_task_clears_the_deleted_flag(meanings):
    restore = meanings["restore"]
    assert restore["operation"] == "update"
    assert restore["assignments"] == [{"field": "deleted", "op": "set", "value": "False"}]


def test_change_the_priority_with_a_range_guard(meanings):
    prio = meanings["prio"]
    assert prio["operation"] == "update"
    assert prio["assignments"] == [{"field": "priority", "op": "set", "value": "param:priority"}]
    guard = prio["guards"][0]
    assert (guard["kind"], guard["status"], guard["trigger"]) == ("check", 2, {"priority": 6})


def test_no_longer_counts_as_not_finished_means_done(meanings):
    assert meanings["finish"]["assignments"] == [{"field": "done", "op": "set", "value": "True"}]


def test_a_flag_named_for_the_negation_of_a_field_filters_on_it(meanings):
    for name in ("list", "count"):
        filters = meanings[name]["filters"]
        assert [(f["field"], f["op"], f["when"]) for f in filters] == [("done", "is false", "pending")]
    assert meanings["count"]["operation"] == "count"


def test_pins_constrain_the_search_and_bad_pins_are_spec_errors():
    spec = SPEC.replace("## Command: latest()\nPrint the most recently created task.",
                        "## Command: latest()\nPrint the most recently created task.\n"
                        "- operation: list\n- order: priority descending\n- limit: 2")
    project = spf.parse_spec(spec, file="spec.md")
    latest = next(c for c in project.commands if c.name == "latest")
    best = interpret_command(latest, project, project.stores[0])[0]
    assert (best.operation, best.order, best.limit) == ("list", ("priority", True), "2")
    assert set(best.pinned) >= {"operation", "order", "limit"}
    bad = spec.replace("- order: priority descending", "- order: urgency descending")
    project = spf.parse_spec(bad, file="spec.md")
    latest = next(c for c in project.commands if c.name == "latest")
    with pytest.raises(SpecError, match="pin '- order:' names no field") as caught:
        interpret_command(latest, project, project.stores[0])
    assert caught.value.location.startswith("spec.md:")


def _run(folder: Path, workdir: Path, *argv: str, package: str = "tasks") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", f"from {package}.cli import main; main()", *argv],
                          cwd=workdir, capture_output=True, text=True, timeout=60, check=False,
                          env={"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"})


def _generated(tmp_path: Path, spec: str) -> tuple[Path, Path]:
    """Generate ``spec`` (no verify) into tmp_path/out; an empty working folder to run it in."""
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "spec.md").write_text(spec, encoding="utf-8")
    out = tmp_path / "out"
    spf.generate(folder, out=out, verify=False)
    work = tmp_path / "work"
    work.mkdir()
    return out, work


def test_generated_commands_behave_as_read(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "spec.md").write_text(SPEC, encoding="utf-8")
    out = tmp_path / "out"
    report = spf.generate(project, out=out, verify=False)
    assert report.exit_code in (0, 3)
    work = tmp_path / "work"
    work.mkdir()
    for title in ("a", "b", "c"):
        assert _run(out, work, "add", title).returncode == 0
    assert _run(out, work, "finish", "1").returncode == 0
    assert _run(out, work, "tag", "2", "home").returncode == 0
    assert _run(out, work, "retitle", "3", "see").returncode == 0
    refused = _run(out, work, "prio", "2", "9")
    assert refused.returncode == 2 and "priority must be 1 to 5" in refused.stderr
    listed = _run(out, work, "list", "--pending").stdout.splitlines()
    assert len(listed) == 2 and "a" not in " ".join(line.split(",")[0] for line in listed)
    assert _run(out, work, "count", "--pending").stdout.strip() == "2"
    assert _run(out, work, "clear").returncode == 0
    assert _run(out, work, "count").stdout.strip() == "2"
    data = json.loads((work / "tasks.json").read_text())
    assert [task["title"] for task in data] == ["b", "see"]
    assert data[0]["tags"] == ["home"]
    assert _run(out, work, "untag", "1", "home").returncode == 0
    assert json.loads((work / "tasks.json").read_text())[0]["tags"] == []


# ---------------------------------------------------------------- formats read off the spec


def test_learned_lines_match_formatted_numbers_and_cleaned_values_but_never_freeze_a_value():
    from spf.interpretation import learn_message

    assert learn_message("invoice #1 for acme: €1,500.00", {"client": "acme", "amount": 1500.0},
                         1) == "invoice #{position} for {item.client}: €{item.amount:,.2f}"
    assert learn_message("rice: 6 pcs", {"name": "  Rice ", "quantity": 6}, None) == \
        "{item.name}: {item.quantity} pcs"
    # "bug" is the record's own list element: it is placed as the list, never kept as text
    from spf.interpretation import render_template

    bracketed = learn_message("1. crash [bug]", {"title": "crash", "labels": ["bug"]}, 1)
    assert render_template(bracketed, 2, {"title": "x", "labels": ["a", "b"]}) == "2. x [a, b]"
    hashed = learn_message("cane = dog #animals #pets", {"word": "cane", "meaning": "dog",
                                                         "tags": ["animals", "pets"]}, 1)
    assert render_template(hashed, 1, {"word": "a", "meaning": "b", "tags": ["c"]}) == "a = b #c"
    assert render_template(hashed, 1, {"word": "a", "meaning": "b", "tags": []}) == "a = b"


BOOKS = """# Project: shelf
Books.

## Entity: Book
- title: str — unique
- author: str — who wrote it
- pages: int — how long

## Store: books
- holds: Book
- format: json

## Function: describe(book: Book) -> str
One line about a book: `TITLE by AUTHOR`.
- describe(Book(title="Dune", author="Frank", pages=1)) == "Dune by Frank"

## Command: add(title: str, author: str, pages: int)
Put a book on the shelf. Prints `added N: TITLE`.

## Command: list()
Every book, one description per line. An empty shelf prints `zilch`.
- `list` prints "zilch"

## Command: count()
How many books there are, printed as `N books`.
"""


def test_printed_lines_empty_results_and_formatter_functions_come_from_the_words():
    from spf_plugins.stages.commands import plan_commands

    project = spf.parse_spec(BOOKS, file="spec.md")
    pyramid = spf.build_pyramid(project)
    meaning = {unit.name: unit.interface for unit in pyramid.design_units.values()
               if unit.kind == "command"}
    listing = meaning["list"]["interpretation"]
    assert listing["operation"] == "list" and listing["formatter"] == "describe"
    assert [(g["kind"], g["message"], g["status"]) for g in listing["guards"]] == [("empty", "zilch", 0)]
    # a list never turns into a write, however well a delete would fit "prints zilch"
    assert {c["operation"] for c in meaning["list"]["candidates"]} <= {"list", "show", "count",
                                                                        "aggregate", "custom"}
    plans = plan_commands(project, {}, set())
    add_body = "\n".join(plans["add"].view["body"])
    assert 'click.echo(f"added {position}: {item.title}")' in add_body
    list_body = "\n".join(plans["list"].view["body"])
    assert 'click.echo("zilch")' in list_body and "describe(item)" in list_body
    assert 'click.echo(f"{count} books")' in "\n".join(plans["count"].view["body"])


def test_a_position_before_a_full_stop_is_still_the_position():
    from spf.interpretation import learn_message

    assert learn_message("added: 1. buy milk", {"text": "buy milk"}, 1) == \
        "added: {position}. {item.text}"


def test_a_number_written_with_decimal_places_in_a_format_keeps_them():
    from spf_plugins.stages.commands import formatter_expression, pattern_parts

    project = spf.parse_spec(BOOKS, file="spec.md")
    book = project.entities[0]
    assert formatter_expression(pattern_parts("mean: X.XX", "", book, number="value")) == \
        'f"mean: {value:.2f}"'
    assert formatter_expression(pattern_parts("TITLE: P.P", "", book)) == \
        'f"{item.title}: {item.pages:.1f}"'


def test_the_longest_session_is_a_record_and_most_recent_day_first_sorts_by_day():
    spec = """# Project: gym
Workouts.

## Entity: Session
- day: str — YYYY-MM-DD
- minutes: int — how long

## Store: sessions
- holds: Session
- format: json

## Command: longest()
The longest session (the most minutes), as one line.

## Command: recent(count: int = 5)
The latest sessions, most recent day first; `--count N` shows at most N.
"""
    project = spf.parse_spec(spec, file="spec.md")
    store = project.stores[0]
    longest = interpret_command(project.commands[0], project, store)[0]
    assert (longest.operation, longest.order, longest.limit) == ("show", ("minutes", True), "1")
    recent = interpret_command(project.commands[1], project, store)[0]
    assert (recent.order, recent.limit) == (("day", True), "param:count")


def test_an_all_flag_lifts_the_default_filter_its_words_describe():
    spec = """# Project: watch
Movies to watch.

## Entity: Movie
- title: str — its title
- seen: bool = false — watched already

## Store: movies
- holds: Movie
- format: json

## Command: list(all: bool = false)
The movies I still have to watch. `--all` shows the ones I have seen as well.
"""
    project = spf.parse_spec(spec, file="spec.md")
    best = interpret_command(project.commands[0], project, project.stores[0])[0]
    assert [(f.field, f.op, f.unless) for f in best.filters] == [("seen", "is false", "all")]
    assert not best.ignored


def test_a_key_typed_in_any_case_and_a_formatter_that_takes_the_position():
    from spf_plugins.stages.commands import plan_commands

    spec = """# Project: desk
Tickets.

## Entity: Ticket
- title: str — unique

## Store: tickets
- holds: Ticket
- format: json

## Function: render(number: int, ticket: Ticket) -> str
How a ticket is shown: `N. TITLE`.
- render(1, Ticket(title="crash")) == "1. crash"

## Command: list()
Every ticket, shown with render.

## Command: show(title: str)
Show the ticket called TITLE (typed in any case).
"""
    project = spf.parse_spec(spec, file="spec.md")
    plans = plan_commands(project, {}, set())
    assert "render(position, item)" in "\n".join(plans["list"].view["body"])
    show = "\n".join(plans["show"].view["body"])
    assert "str(row[1].title).casefold() == str(title).casefold()" in show


def test_a_state_change_a_command_named_after_a_flag_and_one_field_per_line():
    spec = """# Project: plants
House plants.

## Entity: Plant
- name: str — unique
- thirsty: bool = true — needs water

## Store: plants
- holds: Plant
- format: json

## Command: water(name: str)
Water the plant called NAME, so it is no longer thirsty. Prints nothing.

## Command: thirsty
Print the names of the plants that need water, one per line, A to Z.
"""
    project = spf.parse_spec(spec, file="spec.md")
    store = project.stores[0]
    water = interpret_command(project.commands[0], project, store)[0]
    assert water.operation == "update" and water.quiet
    assert [(a.field, a.value) for a in water.assignments] == [("thirsty", "False")]
    thirsty = interpret_command(project.commands[1], project, store)[0]
    assert [(f.field, f.op) for f in thirsty.filters] == [("thirsty", "is true")]
    assert (thirsty.order, thirsty.output_template) == (("name", False), "{item.name}")


# ---------------------------------------------------------------- what the examples show


RECORDS = """# Project: crates
My record collection and the loans of records to friends.

## Entity: Record
- album: str — unique
- artist: str — who made it
- price: float — what I paid
- shelf: str = "" — where it stands, may be unknown
- lent: bool = false — whether a friend has it

## Store: crates
- holds: Record
- format: json

## Command: buy(album: str, artist: str, price: float)
A new record. Prints nothing.

## Command: records
Every record, albums A to Z, one per line as `ALBUM - ARTIST`, with ` @SHELF` after it when
I know the shelf.

```console
$ crates buy Blue "Joni Mitchell" 12.5
$ crates buy Abbey Beatles 20
$ crates place Blue b2
$ crates records
Abbey - Beatles
Blue - Joni Mitchell @b2
```

## Command: place(album: str, shelf: str)
Put the record called ALBUM on a shelf. Prints nothing.

## Command: card(album: str)
The card of one record: `ALBUM - ARTIST` on the first line, then `lent out: yes` or
`lent out: no`.

```console
$ crates buy Blue "Joni Mitchell" 12.5
$ crates card Blue
Blue - Joni Mitchell
lent out: no
```

## Command: lend(album: str)
Mark the record called ALBUM as lent. Prints nothing.
- error: a record that is already lent prints "it is out already" and exits with status 1

## Command: spent
What all the records cost together, as `spent: AMOUNT`.

```console
$ crates buy Kind "Miles Davis" 1200
$ crates buy Blue "Joni Mitchell" 12.5
$ crates spent
spent: $1,212.50
```

## Command: shelved(shelf: str)
The records on one shelf. Same line format and order as records.
"""


def test_lines_a_block_an_optional_part_words_for_flags_and_number_formats_come_from_the_examples(tmp_path):
    from spf.interpretation import render_template

    project = spf.parse_spec(RECORDS, file="spec.md")
    store = project.stores[0]
    read = {command.name: interpret_command(command, project, store)[0] for command in project.commands}
    line = read["records"].output_template
    assert render_template(line, 1, {"album": "Abbey", "artist": "Beatles", "shelf": ""}) == "Abbey - Beatles"
    assert render_template(line, 2, {"album": "Blue", "artist": "X", "shelf": "b2"}) == "Blue - X @b2"
    card = read["card"].output_template
    assert render_template(card, 1, {"album": "A", "artist": "B", "lent": True}) == "A - B\nlent out: yes"
    assert read["spent"].message == "spent: ${value:,.2f}"
    assert [(g.kind, g.condition) for g in read["lend"].guards] == [("state", "item.lent")]
    shelved = read["shelved"]
    assert (shelved.output_template, shelved.order) == (line, read["records"].order)

    out, work = _generated(tmp_path, RECORDS)
    for argv in (("buy", "Kind", "Miles Davis", "1200"), ("buy", "Abbey", "Beatles", "20"),
                 ("place", "Kind", "c1"), ("lend", "Abbey")):
        assert _run(out, work, *argv, package="crates").returncode == 0
    assert _run(out, work, "records", package="crates").stdout.splitlines() == ["Abbey - Beatles", "Kind - Miles Davis @c1"]
    assert _run(out, work, "card", "Abbey", package="crates").stdout.splitlines() == ["Abbey - Beatles", "lent out: yes"]
    again = _run(out, work, "lend", "Abbey", package="crates")
    assert again.returncode == 1 and "it is out already" in again.stderr
    assert _run(out, work, "spent", package="crates").stdout.strip() == "spent: $1,220.00"
    assert _run(out, work, "shelved", "c1", package="crates").stdout.splitlines() == ["Kind - Miles Davis @c1"]


def test_marking_the_unpaid_ones_as_paid_taking_away_from_a_quantity_and_throwing_out():
    spec = """# Project: larder
Food and bills.

## Entity: Jar
- name: str — unique
- grams: int — how much is left in it
- paid: bool = false — whether I paid for it

## Store: jars
- holds: Jar
- format: json

## Command: eat(name: str, amount: int)
Take AMOUNT away from the grams of the jar called NAME.
- error: an amount more than what is left prints "not that much left" and exits with status 1

## Command: settle(name: str)
Mark all of the unpaid jars called NAME as paid.

## Command: bin(name: str)
Throw the jar called NAME out.

## Command: owed
How much is still unpaid, as `N grams`.
"""
    project = spf.parse_spec(spec, file="spec.md")
    store = project.stores[0]
    read = {command.name: interpret_command(command, project, store)[0] for command in project.commands}
    eat = read["eat"]
    assert eat.operation == "update"
    assert [(a.field, a.op, a.value) for a in eat.assignments] == [("grams", "subtract", "param:amount")]
    assert [(g.kind, g.condition) for g in eat.guards] == [("state", "amount > item.grams")]
    settle = read["settle"]
    assert [(a.field, a.value) for a in settle.assignments] == [("paid", "True")]
    assert [(f.field, f.op) for f in settle.filters] == [("paid", "is false")]
    assert read["bin"].operation == "remove"
    assert [(f.field, f.op) for f in read["owed"].filters] == [("paid", "is false")]


def test_list_guards_a_command_named_after_its_flag_superlatives_and_formats_shared_between_commands():
    spec = """# Project: weather
Readings and the notes on them.

## Entity: Reading
- place: str — where the thermometer is
- celsius: float — the temperature
- tags: list[str] = [] — notes such as windy
- checked: bool = false — whether I looked at it again

## Store: readings
- holds: Reading
- format: json

## Function: one_decimal(value: float) -> str
A temperature with exactly one decimal.
- one_decimal(3) == "3.0"
- one_decimal(-12.46) == "-12.5"

## Command: save(place: str, celsius: float)
Save a reading. Prints `PLACE: T°C` with T written by one_decimal.
- `save oslo -12.5` prints "oslo: -12.5°C"

## Command: hottest(count: int = 3)
The hottest readings first, at most `--count N`, as `PLACE: T°C`.

## Command: note(number: int, tag: str)
Put a note on reading NUMBER.
- error: a tag the reading already has prints "noted already" and exits with status 1

## Command: check(number: int)
Look at reading NUMBER again, so it is no longer unchecked.

## Command: average(place: str)
The average temperature of one place as `PLACE: X.XX`.

```console
$ weather save oslo 1
oslo: 1.0°C
$ weather save oslo 2
oslo: 2.0°C
$ weather average oslo
oslo: 1.50
```
"""
    project = spf.parse_spec(spec, file="spec.md")
    store = project.stores[0]
    read = {command.name: interpret_command(command, project, store)[0] for command in project.commands}
    # one_decimal's examples are all `:.1f`: written so, with no call to a function to implement
    assert read["save"].message == "{item.place}: {item.celsius:.1f}°C"
    hottest = read["hottest"]
    assert (hottest.operation, hottest.order, hottest.limit) == ("list", ("celsius", True), "param:count")
    assert hottest.output_template == read["save"].message
    assert [(g.kind, g.condition) for g in read["note"].guards] == [("state", "tag in item.tags")]
    assert [(a.field, a.value) for a in read["check"].assignments] == [("checked", "True")]
    assert read["average"].message == "{place}: {value:.2f}"


def test_a_summary_of_several_numbers_per_group_and_an_empty_message_from_an_example():
    from spf_plugins.stages.commands import plan_commands

    spec = """# Project: bikes
Repairs on my bikes.

## Entity: Job
- bike: str — which bike
- cost: float — what it cost
- km: int — the odometer

## Store: jobs
- holds: Job
- format: json

## Command: add(bike: str, cost: float, km: int)
Log a job. Prints nothing.

## Command: summary
A summary per bike, one line each: `BIKE: N jobs, COST` where COST is the total for that bike.

```console
$ bikes add kids 15 300
$ bikes add kids 5 320
$ bikes summary
kids: 2 jobs, €20.00
```

## Command: stats
On one line: `min 100 max 900` (the lowest and the highest km).

## Command: jobs
Every job.
- `jobs` prints "no jobs yet"
"""
    project = spf.parse_spec(spec, file="spec.md")
    store = project.stores[0]
    read = {command.name: interpret_command(command, project, store)[0] for command in project.commands}
    summary = read["summary"]
    assert [(v.function, v.field, v.group_by) for v in summary.values] == [
        ("count", None, "bike"), ("sum", "cost", "bike")]
    assert summary.message == "{key}: {values[0]} jobs, €{values[1]:.2f}"
    assert [(v.function, v.field) for v in read["stats"].values] == [("min", "km"), ("max", "km")]
    assert [(g.kind, g.message, g.status) for g in read["jobs"].guards] == [("empty", "no jobs yet", 0)]
    body = "\n".join(plan_commands(project, {}, set(), read)["summary"].view["body"])
    assert "groups.setdefault(item.bike, []).append(item)" in body and "sum([item.cost" in body


def test_one_fewer_a_spent_count_a_default_threshold_and_ties_in_words():
    spec = """# Project: pills
Medicines.

## Entity: Medicine
- name: str — unique
- pills: int = 0 — pills left

## Store: meds
- holds: Medicine
- format: json

## Command: take(name: str)
He took one: one pill fewer.
- error: no pills left prints "refill first" and exits with status 1

## Command: low(under: int = 5)
The ones with fewer than UNDER pills left (5 unless given), fewest pills first, same count
alphabetically, as `NAME: N left`.
"""
    project = spf.parse_spec(spec, file="spec.md")
    store = project.stores[0]
    take, low = (interpret_command(command, project, store)[0] for command in project.commands)
    assert [(a.field, a.op, a.value) for a in take.assignments] == [("pills", "subtract", "1")]
    assert [(g.kind, g.condition) for g in take.guards] == [("state", "item.pills <= 0")]
    assert [(f.field, f.op, f.when) for f in low.filters] == [("pills", "<", None)]
    assert (low.order, low.then_by) == (("pills", False), ("name", False))


def test_a_number_a_spec_function_writes_is_read_off_its_examples():
    spec = """# Project: hours
Time.

## Entity: Entry
- project: str — the client
- minutes: int — how long

## Store: entries
- holds: Entry
- format: json

## Function: hm(minutes: int) -> str
Minutes as hours and two-digit minutes.
- hm(90) == "1h30"
- hm(45) == "0h45"

## Command: track(project: str, minutes: int)
Record time. Prints `PROJECT +DURATION`.
- `track acme 90` prints "acme +1h30"
"""
    project = spf.parse_spec(spec, file="spec.md")
    track = interpret_command(project.commands[0], project, project.stores[0])[0]
    assert track.message == "{item.project} +{hm(item.minutes)}" and "hm" in track.uses


# ---------------------------------------------------------------- guesses reported as guesses

VOLUNTEERS = """# Project: rota
The hours our volunteers give at the food bank, kept in `rota.json`.

## Entity: Shift
- volunteer: str — who came
- hours: int — how long they stayed
- day: str — the date, YYYY-MM-DD

## Store: shifts
- holds: Shift
- path: rota.json

## Command: came(volunteer: str, hours: int, day: str)
Someone did a shift. Prints `VOLUNTEER: HOURS h on DAY`.
- `came kim 3 2024-02-01` prints "kim: 3 h on 2024-02-01"

## Command: shifts(volunteer: str = "")
Every shift, in the order they were noted, as `DAY VOLUNTEER HOURS h`. `--volunteer` narrows it.
Nobody came yet: `no shifts`.

```console
$ rota came kim 3 2024-02-01
kim: 3 h on 2024-02-01
$ rota came lou 5 2024-02-02
lou: 5 h on 2024-02-02
$ rota shifts
2024-02-01 kim 3 h
2024-02-02 lou 5 h
```

## Command: thanks
How many hours each volunteer gave in total, the most generous first, one line per volunteer:
`VOLUNTEER: N h`. People who gave the same go alphabetically. Empty rota: `nobody yet`.

## Command: newest(volunteer: str)
The most recent shift of that volunteer: the line `shifts --volunteer NAME` prints last.
- error: someone who never came prints "never came" and exits with status 1

## Command: effort
The effort of the whole rota: each shift's hours times its weight. Prints `effort: EFFORT points`.
"""


def _plans(spec: str):
    from spf_plugins.stages.commands import plan_commands

    project = spf.parse_spec(spec, file="spec.md")
    return plan_commands(project, {}, set())


def test_a_reading_no_example_checks_is_partial_when_the_words_ask_for_more():
    plans = _plans(VOLUNTEERS)
    effort = plans["effort"]  # "X times Y" and a placeholder nothing fills: not done, and said so
    assert effort.status == "partial"
    assert any("times" in doubt for doubt in effort.doubts)
    assert any("`effort: EFFORT points`" in doubt for doubt in effort.doubts)
    # what the words ask for and the reading does: no doubt (a group ranked by its total)
    assert plans["thanks"].doubts == [] and plans["thanks"].status == "implemented"
    # a command the spec's examples run is checked by them, not by cue words
    assert plans["shifts"].doubts == []
    # "Two lines" read as one number (the second is a product spf does not read): said
    two = _plans(VOLUNTEERS + "\n## Command: tally\nTwo lines: `hours: N`, the number of hours, and "
                              "`load: X.XX`, what they weigh altogether (each shift's hours times its hours).\n")
    assert two["tally"].status == "partial" and any("two lines" in doubt for doubt in two["tally"].doubts)
    # read as both numbers, it is not in doubt
    both = _plans(VOLUNTEERS + "\n## Command: tally\nTwo lines: `shifts: N`, the number of shifts, and "
                               "`hours: H`, the hours of all shifts together.\n")["tally"]
    assert both.interpretation.values and both.doubts == []


def test_groups_ranked_by_their_total_a_reference_to_another_commands_line_and_an_empty_label(tmp_path):
    project = spf.parse_spec(VOLUNTEERS, file="spec.md")
    store = project.stores[0]
    read = {c.name: interpret_command(c, project, store)[0] for c in project.commands}
    thanks = read["thanks"]
    assert (thanks.operation, thanks.aggregate.function, thanks.aggregate.field,
            thanks.aggregate.group_by, thanks.order) == ("aggregate", "sum", "hours", "volunteer",
                                                         ("value", True))
    assert [g.message for g in thanks.guards if g.kind == "empty"] == ["nobody yet"]
    newest = read["newest"]  # one record of the filter, the most recent
    assert (newest.limit, [f.field for f in newest.filters]) == ("1", ["volunteer"])

    out, work = _generated(tmp_path, VOLUNTEERS)
    assert _run(out, work, "thanks", package="rota").stdout.splitlines() == ["nobody yet"]
    for argv in (("came", "kim", "3", "2024-02-01"), ("came", "lou", "5", "2024-02-02"),
                 ("came", "ann", "2", "2024-02-03"), ("came", "kim", "2", "2024-02-04")):
        assert _run(out, work, *argv, package="rota").returncode == 0
    assert _run(out, work, "thanks", package="rota").stdout.splitlines() == [
        "kim: 5 h", "lou: 5 h", "ann: 2 h"]
    assert _run(out, work, "newest", "kim", package="rota").stdout.splitlines() == ["2024-02-04 kim 2 h"]
    refused = _run(out, work, "newest", "zed", package="rota")
    assert refused.returncode == 1 and "never came" in refused.stderr


def test_every_command_is_run_on_records_by_a_test_that_fails_on_a_traceback(tmp_path):
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "spec.md").write_text(VOLUNTEERS, encoding="utf-8")
    out = tmp_path / "out"
    spf.generate(folder, out=out, verify=False)
    tests = (out / "tests" / "test_cli.py").read_text(encoding="utf-8")
    for name in ("thanks", "newest"):  # no other test of theirs runs them on records
        assert f"def test_{name}_runs_on_records(runner)" in tests
    cli = out / "rota" / "cli.py"  # break one command the way a bad reading would
    source = cli.read_text(encoding="utf-8")
    broken = source.replace('    """How many hours each volunteer gave in total',
                            '    raise AttributeError("no such field")\n    """How many hours', 1)
    assert broken != source
    cli.write_text(broken, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "tests/test_cli.py", "-k", "runs_on"], cwd=out, capture_output=True,
                         text=True, timeout=300, check=False)
    assert run.returncode == 1 and "test_thanks_runs_on_records FAILED" in run.stdout + run.stderr \
        or "1 failed" in run.stdout, run.stdout[-2000:]


SWIMS = """# Project: pool
My swims, in `swims.csv`. Times are always shown as minutes and seconds, e.g. `2:05`.

## Entity: Swim
- stroke: str — crawl, breast, back...
- seconds: int — how long the swim took
- lanes: int — how many lanes
- day: str — the date

## Store: swims
- holds: Swim
- format: csv
- path: swims.csv

## Function: clock(seconds: int) -> str
Seconds as minutes and two-digit seconds.
- clock(125) == "2:05"
- clock(59) == "0:59"
- clock(600) == "10:00"

## Command: swam(stroke: str, seconds: int, lanes: int, day: str)
A swim. Prints `STROKE TIME over LANES lanes`.
- `swam crawl 125 4 2024-03-01` prints "crawl 2:05 over 4 lanes"

## Command: days(count: int = 2)
The days I spent longest in the water, all swims of a day added up, the longest day first, at
most COUNT days, as `DAY: TIME`.
"""


def test_a_placeholder_a_spec_function_writes_is_written_by_it_everywhere(tmp_path):
    from spf.interpretation import placeholder_writers

    project = spf.parse_spec(SWIMS, file="spec.md")
    assert placeholder_writers(project) == {"TIME": ("clock", "seconds")}
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    days = read["days"]
    assert (days.aggregate.function, days.aggregate.field, days.aggregate.group_by, days.order,
            days.limit) == ("sum", "seconds", "day", ("value", True), "param:count")

    out, work = _generated(tmp_path, SWIMS)
    for argv in (("swam", "crawl", "125", "4", "2024-03-01"), ("swam", "back", "600", "8", "2024-03-02"),
                 ("swam", "breast", "70", "2", "2024-03-03"), ("swam", "crawl", "75", "2", "2024-03-01")):
        assert _run(out, work, *argv, package="pool").returncode == 0
    assert _run(out, work, "days", package="pool").stdout.splitlines() == [
        "2024-03-02: 10:00", "2024-03-01: 3:20"]
    assert _run(out, work, "days", "--count", "5", package="pool").stdout.splitlines()[-1] == "2024-03-03: 1:10"


SHELF = """# Project: pantry2
What is in the cupboard, in `cupboard.json`.

## Entity: Jar
- label: str — what is in it
- grams: int = 0 — how much is left

## Store: jars
- holds: Jar
- path: cupboard.json

## Command: put(label: str, grams: int = 0)
A new jar on the shelf. Prints `put LABEL`.

## Command: oops
Takes back the jar I added last, in case I mistyped. Prints `took back LABEL`.
- error: an empty cupboard prints "nothing to take back" and exits with status 1

## Command: finished(label: str)
The jar is empty: take it off the list. Prints `gone: LABEL`.
- error: a label that is not there prints "no such jar" and exits with status 1

## Command: scoop(label: str, grams: int)
I used some: GRAMS fewer grams in that jar. Prints `LABEL: N left`, with the grams left.
- error: a label that is not there prints "no such jar" and exits with status 1

## Command: running(under: int = 100)
Jars with fewer than UNDER grams left, as `LABEL: N left`, fewest grams first.
"""


def test_taking_back_the_last_one_taking_off_the_list_and_what_is_left(tmp_path):
    project = spf.parse_spec(SHELF, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    assert (read["oops"].operation, read["oops"].select) == ("remove", "latest")
    assert (read["finished"].operation, read["finished"].select) == ("remove", "key")

    out, work = _generated(tmp_path, SHELF)
    for argv in (("put", "rice", "--grams", "500"), ("put", "oats", "--grams", "80"),
                 ("put", "salt", "--grams", "300"), ("put", "typo")):
        assert _run(out, work, *argv, package="pantry2").returncode == 0
    assert _run(out, work, "oops", package="pantry2").stdout.splitlines() == ["took back typo"]
    assert _run(out, work, "finished", "salt", package="pantry2").stdout.splitlines() == ["gone: salt"]
    assert _run(out, work, "scoop", "rice", "450", package="pantry2").stdout.splitlines() == ["rice: 50 left"]
    assert _run(out, work, "running", package="pantry2").stdout.splitlines() == ["rice: 50 left", "oats: 80 left"]
    data = json.loads((work / "cupboard.json").read_text())
    assert [jar["label"] for jar in data] == ["rice", "oats"]
    refused = _run(out, work, "finished", "salt", package="pantry2")
    assert refused.returncode == 1 and "no such jar" in refused.stderr


def test_a_run_log_read_as_its_words_say(tmp_path):
    """A spec written as a user would (tests/contract/runs_spec.md): '0 or less' over a field the
    words call the distance, "when I haven't run yet", "how many times I ran it" (a count, not
    a product), "Delete the runs of that day" (every one of them)."""
    text = (HERE / "runs_spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    assert [(g.kind, g.condition) for g in read["ran"].guards] == [("check", "(km <= 0)")]
    assert [g.kind for g in read["longest"].guards] == ["empty"] and not read["longest"].ignored
    assert (read["forget"].operation, read["forget"].select) == ("remove", "matching")
    plans = _plans(text)
    assert plans["routes"].doubts == [] and plans["routes"].status == "implemented"

    out, work = _generated(tmp_path, text)
    for argv in (("ran", "park", "5", "30", "2024-04-01"), ("ran", "river", "10", "62", "2024-04-03"),
                 ("ran", "park", "6", "36", "2024-04-03")):
        assert _run(out, work, *argv, package="runs").returncode == 0
    assert _run(out, work, "routes", package="runs").stdout.splitlines() == ["park: 2 runs", "river: 1 runs"]
    assert _run(out, work, "forget", "2024-04-03", package="runs").stdout.splitlines() == ["forgot 2 runs"]
    assert _run(out, work, "history", package="runs").stdout.splitlines() == ["2024-04-01 park 5.0 km 30 min"]
    refused = _run(out, work, "ran", "park", "0", "10", "2024-04-05", package="runs")
    assert refused.returncode == 1 and "distance must be positive" in refused.stderr


def test_an_office_plant_log_read_as_its_words_say(tmp_path):
    """tests/contract/plantcare_spec.md, written as a user would: "Record that the plant got
    water on DAY" sets the field described as the day it was last watered (the key finds the
    plant), "is no longer alive" clears a flag, "the living plants" / "Number of living plants
    per room" filter on it, and `RIP NAME` is text, not a placeholder."""
    text = (HERE / "plantcare_spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    assert (read["water"].operation, read["water"].select, [(a.field, a.value) for a in read["water"].assignments]) \
        == ("update", "key", [("last", "param:day")])
    assert [(a.field, a.value) for a in read["died"].assignments] == [("alive", "False")]
    assert [(f.field, f.op) for f in read["rooms"].filters] == [("alive", "is true")]
    plans = _plans(text)
    assert plans["died"].doubts == [] and plans["rooms"].doubts == []

    out, work = _generated(tmp_path, text)
    for argv in (("adopt", "fern", "kitchen", "--every", "3"), ("adopt", "cactus", "desk", "--every", "14"),
                 ("adopt", "ivy", "kitchen"), ("water", "fern", "2024-05-01"), ("died", "ivy")):
        assert _run(out, work, *argv, package="plantcare").returncode == 0
    assert _run(out, work, "plants", package="plantcare").stdout.splitlines() == [
        "cactus in desk, every 14 days", "fern in kitchen, every 3 days"]
    assert _run(out, work, "rooms", package="plantcare").stdout.splitlines() == ["desk: 1", "kitchen: 1"]
    assert "fern,kitchen,3,2024-05-01,true" in (work / "plants.csv").read_text()
    refused = _run(out, work, "water", "rose", "2024-05-01", package="plantcare")
    assert refused.returncode == 1 and "who?" in refused.stderr


def test_a_mood_journal_read_as_its_words_say(tmp_path):
    """tests/contract/moods_spec.md, written as a user would: "Tells me `X`" states the line,
    "the last seven entries, oldest first" takes them from the end, "the days with the top
    score (5), newest first" lists the records with that score (a line of fields is not an
    aggregate's number), "How often I used each word" counts per word, `WORD xN` glues text
    to a number."""
    text = (HERE / "moods_spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    assert read["week"].limit == "-7"
    best = read["best"]
    assert (best.operation, [(f.field, f.op, f.value) for f in best.filters], best.order) == \
        ("list", [("score", "==", "5")], ("day", True))
    assert (read["words"].aggregate.function, read["words"].aggregate.group_by) == ("count", "word")

    out, work = _generated(tmp_path, text)
    for day in range(1, 10):
        score = 5 if day in (2, 5) else 3
        word = "sunny" if day % 2 else "grey"
        assert _run(out, work, "rate", f"2024-06-0{day}", str(score), word, package="moods").returncode == 0
    week = _run(out, work, "week", package="moods").stdout.splitlines()
    assert week[0] == "2024-06-03 3 sunny" and week[-1] == "2024-06-09 3 sunny" and len(week) == 7
    assert _run(out, work, "best", package="moods").stdout.splitlines() == ["2024-06-05 sunny", "2024-06-02 grey"]
    assert _run(out, work, "words", package="moods").stdout.splitlines() == ["sunny x5", "grey x4"]
    assert _run(out, work, "fix", "2024-06-02", "4", package="moods").stdout.splitlines() == ["2024-06-02 is now 4/5"]


def test_a_tab_of_small_debts_read_as_its_words_say(tmp_path):
    """tests/contract/tabs_spec.md, written as a user would: "open debts" are the ones not
    settled (also after "their"), "N counts from 1 in that list" numbers the lines shown,
    "the friends who owe me the most over their open debts" is a total per friend, ranked."""
    text = (HERE / "tabs_spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    assert read["open"].numbered
    for name in ("settle", "balance", "biggest"):
        assert ("settled", "is false") in [(f.field, f.op) for f in read[name].filters], name
    biggest = read["biggest"]
    assert (biggest.aggregate.function, biggest.aggregate.group_by, biggest.order) == \
        ("sum", "person", ("value", True))

    out, work = _generated(tmp_path, text)
    for person, amount in (("sam", "4.5"), ("sam", "2"), ("ana", "-12"), ("bo", "3"), ("bo", "1")):
        assert _run(out, work, "owe", person, amount, "x", package="tabs").returncode == 0
    assert _run(out, work, "settle", "sam", package="tabs").stdout.splitlines() == ["settled 2 debts with sam"]
    again = _run(out, work, "settle", "sam", package="tabs")
    assert (again.returncode, again.stderr.strip()) == (1, "nothing open with that friend")
    assert _run(out, work, "open", package="tabs").stdout.splitlines() == \
        ["1. ana -12.00 x", "2. bo 3.00 x", "3. bo 1.00 x"]
    assert _run(out, work, "balance", "sam", package="tabs").returncode == 1
    assert _run(out, work, "biggest", "--count", "1", package="tabs").stdout.splitlines() == ["bo: 4.00"]


def test_a_harvest_log_read_as_its_words_say(tmp_path):
    """tests/contract/harvest_spec.md: "stored in lower case" lowers the argument before the
    checks, "Output: `DAY WEIGHT_TEXT`" calls the spec function of two fields the
    placeholder names, "0 or less, or more than 5000" is two checks, "on or after `--day`"
    and "the days of that month" are bounds on a text field, a flag named for a text
    field's value filters on it, "low not below high" compares two arguments, "sorted by
    crop A to Z (ignoring case) and within a crop by day", "the day with the most grams;
    on a tie the earliest day", and an empty result with its exit status."""
    text = (HERE / "harvest_spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    assert read["pick"].transforms == [("crop", "str.lower")]
    assert [g.condition for g in read["pick"].guards] == ["(grams > 5000) or (grams <= 0)"]
    assert [(f.field, f.op, f.value) for f in read["since"].filters] == [
        ("day", ">=", "param:day"), ("day", "starts with", "param:month"), ("status", "==", "'fresh'")]
    assert [(g.kind, g.status) for g in read["since"].guards] == [("empty", 1)]
    assert [(f.op, f.value) for f in read["between"].filters] == [(">=", "param:low"), ("<=", "param:high")]
    assert read["between"].guards[0].condition == "low >= high"
    crops = read["crops"]
    assert (crops.order, crops.then_by, crops.fold_case) == (("crop", False), ("day", False), True)
    assert (read["best"].order, read["best"].then_by, read["best"].limit) == (("grams", True), ("day", False), "1")

    out, work = _generated(tmp_path, text)
    program = "harvest"
    assert _run(out, work, "pick", "2024-06-02", "Beans", "250", package=program).returncode == 0
    assert _run(out, work, "pick", "2024-06-01", "Peas", "300", package=program).returncode == 0
    assert _run(out, work, "pick", "2024-07-01", "apples", "300", package=program).returncode == 0
    refused = _run(out, work, "pick", "2024-06-03", "kale", "0", package=program)
    assert (refused.returncode, refused.stderr.strip()) == (1, "grams must be 1 to 5000")
    assert _run(out, work, "since", "--day", "2024-06-02", package=program).stdout.split() == \
        ["beans", "2024-06-02", "apples", "2024-07-01"]
    assert _run(out, work, "since", "--month", "2024-06", package=program).stdout.split()[1::2] == \
        ["2024-06-01", "2024-06-02"]
    assert _run(out, work, "since", "--day", "2025-01-01", package=program).returncode == 1
    assert _run(out, work, "crops", package=program).stdout.splitlines() == \
        ["apples 2024-07-01", "beans 2024-06-02", "peas 2024-06-01"]
    assert _run(out, work, "best", package=program).stdout.strip() == "2024-06-01: 300"
    wrong = _run(out, work, "between", "5", "5", package=program)
    assert (wrong.returncode, wrong.stderr.strip()) == (1, "low must be below high")
    tests = (out / "tests" / "test_acceptance.py").read_text(encoding="utf-8")
    assert '["between", "1", "1"]' in tests  # the error test reaches its clause


def test_summaries_of_several_numbers_by_month_with_defined_counts_and_written_numbers(tmp_path):
    """tests/contract/swims_spec.md: "answers with `PACE_TEXT at POOL`" calls the spec
    function of two fields, "per month (YYYY-MM)" groups a date field by its first seven
    characters, "N swims" counts, "C how many of those were coached" counts the coached
    ones, `CLOCK` in a sum is written by clock()."""
    text = (HERE / "swims_spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    assert [(v.function, v.field, v.group_by) for v in read["monthly"].values] == \
        [("count", None, "day[:7]"), ("sum", "lengths", "day[:7]")]
    assert [(v.function, v.where) for v in read["pools"].values] == [("count", "coached"), ("count", None)]
    assert read["time"].message == "total: {clock(values[0])} over {values[1]} swims"

    out, work = _generated(tmp_path, text)
    for day, pool, lengths, seconds, coached in (("2024-05-30", "north", "20", "600", True),
                                                  ("2024-06-01", "south", "30", "900", False),
                                                  ("2024-06-02", "north", "10", "95", False)):
        run = _run(out, work, "swim", day, pool, lengths, seconds, *(["--coached"] if coached else []),
                   package="swims")
        assert run.returncode == 0
    assert run.stdout.strip() == "10 lengths in 95 s at north"
    assert _run(out, work, "monthly", package="swims").stdout.splitlines() == \
        ["2024-05: 1 swims, 20 lengths", "2024-06: 2 swims, 40 lengths"]
    assert _run(out, work, "pools", package="swims").stdout.splitlines() == \
        ["north: 1 of 2 coached", "south: 0 of 1 coached"]
    assert _run(out, work, "time", package="swims").stdout.strip() == "total: 26:35 over 3 swims"


BIRDS = """# Project: birds
Birds I saw.

## Entity: Sighting
- day: str — YYYY-MM-DD
- bird: str — the species
- count: int — how many
- rating: int = 3 — how good the view was, 1 to 5

## Store: sightings
- holds: Sighting
- path: birds.json

## Function: view(rating: int, count: int) -> str
How a sighting went: `great` for a rating of 5, `meh` otherwise.
- view(5, 2) == "great"
- view(3, 1) == "meh"

## Command: best(great: bool = false)
Every sighting; `--great` only the great ones.

## Command: seen(last: int | None = none, poor: bool = false, good: bool = false)
Every sighting sorted by bird A to Z, then by day (newest first). `--poor` keeps only the
sightings with rating 1 or 2, `--good` the ones with rating 4 or more. `--last N` shows only
the N most recent of what is left.

## Command: log(last: int | None = none)
Every sighting, oldest day first; `--last N` keeps the N most recent days, still oldest first.
"""


def test_then_by_flags_over_number_values_and_the_last_n_from_the_end():
    project = spf.parse_spec(BIRDS, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    seen = read["seen"]
    assert (seen.order, seen.then_by) == (("bird", False), ("day", True))
    assert [(f.field, f.op, f.value, f.when) for f in seen.filters] == [
        ("rating", "in", "(1, 2)", "poor"), ("rating", ">=", "4", "good")]
    assert read["log"].limit == "-param:last"  # oldest first: the most recent are at the end
    great = read["best"].filters[0]  # a flag named for a value a spec function of the record returns
    assert (great.call, great.value, great.when, read["best"].uses) == \
        ("view(item.rating, item.count)", "'great'", "great", ["view"])
    body = "\n".join(_plans(BIRDS)["log"].view["body"])
    assert "rows = rows[-last:] if last else rows" in body


JARS = """# Project: shelf
Jars in my pantry shelf.

## Entity: Jar
- label: str — what is in it
- year: int — when it was made
- number: int — its shelf number
- open: bool = false — whether it has been opened

## Store: jars
- holds: Jar
- path: jars.json

## Command: reseal
Every jar on the shelf becomes not open again. Prints `resealed N`, N being how many jars were open before.

## Command: relabel(number: int, label: str)
Change the label of jar NUMBER. Prints the jar again as `#NUMBER LABEL`.

## Command: eldest
The jar with the earliest year, as `#NUMBER LABEL`; between jars of the same year, the one with the lower number.
"""


def test_becomes_not_a_state_counted_before_printed_again_and_the_earliest_with_a_tie():
    project = spf.parse_spec(JARS, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    reseal = read["reseal"]
    assert (reseal.operation, [(f.field, f.op) for f in reseal.filters],
            [(a.field, a.op, a.value) for a in reseal.assignments]) == \
        ("update", [("open", "is true")], [("open", "set", "False")])
    assert read["relabel"].message_pattern == "#NUMBER LABEL"
    eldest = read["eldest"]
    assert (eldest.order, eldest.then_by, eldest.limit) == (("year", False), ("number", False), "1")


def test_a_line_never_keeps_another_records_value_as_text():
    """Two lines over two records, each showing a number neither record holds in that place:
    `bo: +30.00` learned against amy's record (amount 30) would print "bo" for everyone."""
    from spf.interpretation import _learn_lines

    records = [{"player": "amy", "amount": 30.0}, {"player": "bo", "amount": 90.0}]
    learned = _learn_lines(["amy: -30.00", "bo: +30.00"], records, False, {})
    assert learned and all("bo" not in template for template, _ in learned)


GIGS = """# Project: setlist
Songs we can play, in `songs.json`.

## Entity: Song
- title: str — the song
- tempo: int — beats per minute

## Store: songs
- holds: Song
- path: songs.json

## Command: learn(title: str, tempo: int)
A new song. Prints `learned TITLE`.

## Command: songs
Every song, slowest tempo first; at the same tempo, titles alphabetically. One line each: `TEMPO TITLE`.

## Command: sheet
Every song, by tempo; songs of equal tempo alphabetically. One line each: `TEMPO TITLE`.
"""


def test_ties_stated_after_a_semicolon_at_the_same_value_or_of_equal_value():
    project = spf.parse_spec(GIGS, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    for name in ("songs", "sheet"):
        assert (read[name].order, read[name].then_by) == (("tempo", False), ("title", False)), name


LADDER = """# Project: ladder
A practice ladder for our chess club, in `ladder.json`.

## Entity: Player
- name: str — unique
- rung: int = 1 — where the player stands, 1-4

## Store: players
- holds: Player
- path: ladder.json

## Command: join(name: str)
A new player on the bottom rung. Prints `NAME joined`.

## Command: win(name: str)
The player climbs one rung. Prints `NAME: rung N`.
- error: a name nobody has prints "who is that?" and exits with status 1

## Command: lose(name: str)
The player drops one rung. Prints `NAME: rung N`.
- error: a name nobody has prints "who is that?" and exits with status 1

## Command: promote
Players on rung 4 go to the senior ladder: remove them all from this one. Prints `promoted N`.
"""


def test_a_change_stops_at_the_fields_stated_range_and_a_field_named_with_a_number_filters(tmp_path):
    project = spf.parse_spec(LADDER, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    assert [(a.field, a.op, a.value, a.bound) for a in read["win"].assignments] == [("rung", "add", "1", "4")]
    assert [(a.field, a.op, a.value, a.bound) for a in read["lose"].assignments] == [("rung", "subtract", "1", "1")]
    promote = read["promote"]
    assert (promote.operation, promote.select) == ("remove", "matching")
    assert [(f.field, f.op, f.value) for f in promote.filters] == [("rung", "==", "4")]

    out, work = _generated(tmp_path, LADDER)
    for argv in (("join", "ana"), ("join", "bo"), ("lose", "bo")):
        assert _run(out, work, *argv, package="ladder").returncode == 0
    climbed = [_run(out, work, "win", "ana", package="ladder").stdout.strip() for _ in range(4)]
    assert climbed == ["ana: rung 2", "ana: rung 3", "ana: rung 4", "ana: rung 4"]
    assert _run(out, work, "promote", package="ladder").stdout.strip() == "promoted 1"
    assert [p["name"] for p in json.loads((work / "ladder.json").read_text())] == ["bo"]


SPICES = """# Project: spicerack
My spice jars, in `spices.json`.

## Entity: Jar
- spice: str — what is in it
- shop: str — where I bought it
- grams: int — how much
- label: str = "" — a note

## Store: jars
- holds: Jar
- path: spices.json

## Command: buy(spice: str, shop: str, grams: int, label: str = "")
Fill a jar. When there is already a jar of the same spice from the same shop, the grams go
on top of what it holds (the label it has is kept); otherwise a new jar. Prints `SPICE from SHOP: G g`.

## Command: jars
Every jar as `SPICE from SHOP: G g`.
"""


def test_an_add_joins_the_record_with_the_same_keys_when_the_words_say_so(tmp_path):
    project = spf.parse_spec(SPICES, file="spec.md")
    buy = next(interpret_command(c, project, project.stores[0])[0] for c in project.commands if c.name == "buy")
    assert (buy.operation, buy.merge) == ("add", ["spice", "shop"])
    assert [(a.field, a.op, a.value) for a in buy.assignments] == [("grams", "add", "param:grams")]

    out, work = _generated(tmp_path, SPICES)
    for argv in (("buy", "cumin", "souk", "40", "--label", "old"), ("buy", "cumin", "market", "10")):
        assert _run(out, work, *argv, package="spicerack").returncode == 0
    joined = _run(out, work, "buy", "cumin", "souk", "25", "--label", "new", package="spicerack")
    assert joined.stdout.splitlines() == ["cumin from souk: 65 g"]
    data = json.loads((work / "spices.json").read_text())
    assert [(jar["shop"], jar["grams"], jar["label"]) for jar in data] == [("souk", 65, "old"), ("market", 10, "")]


GAMES = """# Project: gameshelf
The club's board games, in `games.json`. A game is a title plus an edition.

## Entity: Game
- title: str — the name on the box
- edition: int — which edition
- copies: int = 1 — how many boxes we own

## Store: games
- holds: Game
- path: games.json

## Command: buy(title: str, edition: int, copies: int = 1)
We bought some. Prints `TITLE (EDITION)`.

## Command: lend(title: str, edition: int)
Someone borrows a box for good: one copy fewer. Prints `TITLE EDITION: N on the shelf`. Once
the last copy is lent the game is removed from the list, and it prints `TITLE EDITION: all gone`.
- error: a title and edition we don't own prints "not ours" and exits with status 1
"""


def test_a_lookup_by_two_keys_the_error_names_and_a_record_taken_down_to_nothing_goes(tmp_path):
    project = spf.parse_spec(GAMES, file="spec.md")
    lend = next(interpret_command(c, project, project.stores[0])[0] for c in project.commands if c.name == "lend")
    assert (lend.operation, lend.select, lend.locate_field) == ("update", "key", "title")
    assert [(f.field, f.op, f.value) for f in lend.filters] == [("edition", "==", "param:edition")]
    assert [(a.field, a.op) for a in lend.assignments] == [("copies", "subtract")]
    assert lend.vanish == "TITLE EDITION: all gone"
    assert [(g.kind, g.message) for g in lend.guards] == [("lookup", "not ours")]

    out, work = _generated(tmp_path, GAMES)
    for argv in (("buy", "Go", "2", "--copies", "2"), ("buy", "Go", "3")):
        assert _run(out, work, *argv, package="gameshelf").returncode == 0
    assert _run(out, work, "lend", "Go", "2", package="gameshelf").stdout.splitlines() == ["Go 2: 1 on the shelf"]
    assert _run(out, work, "lend", "Go", "2", package="gameshelf").stdout.splitlines() == ["Go 2: all gone"]
    refused = _run(out, work, "lend", "Go", "2", package="gameshelf")
    assert refused.returncode == 1 and "not ours" in refused.stderr
    assert [(g["edition"], g["copies"]) for g in json.loads((work / "games.json").read_text())] == [(3, 1)]


GARAGE = """# Project: garage
Cars parked in our garage, in `cars.json`.

## Entity: Car
- plate: str — the number plate
- floor: int = 0 — where it is parked, 0 to 3

## Store: cars
- holds: Car
- path: cars.json

## Command: park(plate: str, floor: int = 0)
Add a car that comes in. Prints `parked PLATE`.

## Command: floors
How many cars each floor has, one line per floor from `floor 0: N` up, including the empty floors.
"""


def test_a_count_per_group_over_every_key_of_the_fields_range_empty_ones_too(tmp_path):
    project = spf.parse_spec(GARAGE, file="spec.md")
    floors = next(interpret_command(c, project, project.stores[0])[0] for c in project.commands if c.name == "floors")
    assert (floors.aggregate.function, floors.aggregate.group_by, floors.every_group) == ("count", "floor", "0..3")

    out, work = _generated(tmp_path, GARAGE)
    assert _run(out, work, "floors", package="garage").stdout.splitlines() == [
        "floor 0: 0", "floor 1: 0", "floor 2: 0", "floor 3: 0"]
    for argv in (("park", "AB1", "--floor", "2"), ("park", "CD2"), ("park", "EF3", "--floor", "2")):
        assert _run(out, work, *argv, package="garage").returncode == 0
    assert _run(out, work, "floors", package="garage").stdout.splitlines() == [
        "floor 0: 1", "floor 1: 0", "floor 2: 2", "floor 3: 0"]


CHORES = """# Project: chores
Our house chores, in `chores.json`.

## Entity: Chore
- title: str — what to do
- slots: list[str] = [] — the times of day it is done, `HH:MM`
- shared: bool = false — done together

## Store: chores
- holds: Chore
- path: chores.json

## Command: add(title: str, slot: list[str] = [], together: bool = false)
Add a chore. `--slot HH:MM` can be repeated; `--together` when we do it together. Prints `added TITLE`.

## Command: day
The day's chores, one line for every slot of a chore, sorted by slot; at the same slot, titles
alphabetically. Lines look like `SLOT TITLE`, with ` (together)` after the shared ones. Nothing
planned: `free day`.

```console
$ chores add dishes --slot 20:00 --slot 08:00 --together
added dishes
$ chores add bins --slot 08:00
added bins
$ chores day
08:00 bins
08:00 dishes (together)
20:00 dishes (together)
```
"""


def test_a_list_field_written_one_element_per_line_repeats_its_record(tmp_path):
    project = spf.parse_spec(CHORES, file="spec.md")
    day = next(interpret_command(c, project, project.stores[0])[0] for c in project.commands if c.name == "day")
    assert (day.operation, day.expand, day.order, day.then_by) == ("list", "slots", ("slots", False), ("title", False))
    assert day.output_template == "{item.slots[0]} {item.title}{' (together)' if item.shared else ''}"

    out, work = _generated(tmp_path, CHORES)
    assert _run(out, work, "day", package="chores").stdout.splitlines() == ["free day"]
    for argv in (("add", "plants", "--slot", "18:30"), ("add", "mop"), ("add", "cook", "--slot", "12:00",
                                                                          "--slot", "18:30", "--together")):
        assert _run(out, work, *argv, package="chores").returncode == 0
    assert _run(out, work, "day", package="chores").stdout.splitlines() == [
        "12:00 cook (together)", "18:30 cook (together)", "18:30 plants"]


BAKERY = """# Project: bakery
Cakes in the window, in `cakes.json`. Prices are euros, printed with two decimals.

## Entity: Cake
- name: str — the cake
- slices: int = 8 — how many slices are left
- price: float = 0.0 — per slice; 0 when it is free

## Store: cakes
- holds: Cake
- path: cakes.json

## Command: bake(name: str, slices: int = 8, price: float = 0.0)
Add a cake. Prints `baked NAME`.

## Command: menu
Every cake, A to Z by name: `NAME PRICE`.

## Command: dearest(top: int = 2)
The most expensive cakes per slice, highest price first, at most TOP, as `NAME PRICE`. Cakes
without a price are left out. Cakes of equal price come in the order menu would show them.
"""


def test_the_dearest_records_a_rate_not_a_group_those_without_a_value_left_out_ties_as_another_command(tmp_path):
    project = spf.parse_spec(BAKERY, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    dearest = read["dearest"]
    assert (dearest.operation, dearest.order, dearest.then_by, dearest.limit) == (
        "list", ("price", True), ("name", False), "param:top")
    assert [(f.field, f.op) for f in dearest.filters] == [("price", "is true")]

    out, work = _generated(tmp_path, BAKERY)
    for argv in (("bake", "plum", "--price", "3"), ("bake", "free"), ("bake", "apple", "--price", "3"),
                 ("bake", "lemon", "--price", "2.5")):
        assert _run(out, work, *argv, package="bakery").returncode == 0
    assert _run(out, work, "dearest", "--top", "5", package="bakery").stdout.splitlines() == [
        "apple 3.00", "plum 3.00", "lemon 2.50"]


LAMPS = """# Project: lamps
The lamps of the house, in `lamps.json`.

## Entity: Lamp
- room: str — where it is
- lit: bool = false — whether it is on

## Store: lamps
- holds: Lamp
- path: lamps.json

## Command: install(room: str, lit: bool = false)
Add a lamp. Prints `installed ROOM`.

## Command: bedtime
Every lamp in the house becomes not lit (none is removed). Prints `switched off N`.
"""


def test_setting_a_flag_on_every_record_counts_the_ones_it_changes(tmp_path):
    project = spf.parse_spec(LAMPS, file="spec.md")
    bedtime = next(interpret_command(c, project, project.stores[0])[0] for c in project.commands
                   if c.name == "bedtime")
    assert (bedtime.operation, bedtime.select) == ("update", "matching")
    assert [(a.field, a.value) for a in bedtime.assignments] == [("lit", "False")]
    assert [(f.field, f.op) for f in bedtime.filters] == [("lit", "is true")]

    out, work = _generated(tmp_path, LAMPS)
    for argv in (("install", "hall", "--lit"), ("install", "attic"), ("install", "desk", "--lit")):
        assert _run(out, work, *argv, package="lamps").returncode == 0
    assert _run(out, work, "bedtime", package="lamps").stdout.splitlines() == ["switched off 2"]
    assert not any(lamp["lit"] for lamp in json.loads((work / "lamps.json").read_text()))


TOOLSHED = """# Project: shed
Tools I lend out. A tool is found by its label in any case; the label is shown as first typed.

## Entity: Tool
- label: str — what is written on it
- shelf: int — where it lives

## Store: tools
- holds: Tool
- format: json
- path: tools.json

## Command: stash(label: str, shelf: int)
Prints `stashed LABEL`.

## Command: close(label: str)
This tool broke for good and went into the trash: delete it. Prints `gone LABEL`.
- error: no tool with that label prints "unknown tool" and exits with status 1
"""


def test_an_explicit_delete_it_outranks_a_command_named_like_an_update(tmp_path):
    project = spf.parse_spec(TOOLSHED, file="spec.md")
    close = interpret_command(next(c for c in project.commands if c.name == "close"), project,
                              project.stores[0])[0]
    assert (close.operation, close.select, close.assignments) == ("remove", "key", [])
    out, work = _generated(tmp_path, TOOLSHED)
    for argv in (("stash", "Hand Saw", "2"), ("stash", "Drill", "1")):
        assert _run(out, work, *argv, package="shed").returncode == 0
    assert _run(out, work, "close", "hand saw", package="shed").stdout.splitlines() == ["gone Hand Saw"]
    refused = _run(out, work, "close", "Hand Saw", package="shed")
    assert refused.returncode == 1 and "unknown tool" in refused.stderr
    assert [tool["label"] for tool in json.loads((work / "tools.json").read_text())] == ["Drill"]


WINES = """# Project: cellarbook
Bottles in my cellar.

## Entity: Wine
- label: str — what the bottle says
- year: int — the vintage
- comment: str = "" — a note, maybe
- drinkable: bool = true — false once it went bad

## Store: wines
- holds: Wine
- format: json
- path: wines.json

## Command: stock(label: str, year: int, comment: str = "", undrinkable: bool = false)
Put a bottle in; `--undrinkable` when it went bad. Prints `in: LABEL`.

## Command: bottles
All bottles as `LABEL YEAR`, then `: COMMENT` when there is a comment, and a `!` after the
bottles that went bad.

```console
$ cellarbook stock Rioja 2015 --comment "for sunday"
in: Rioja
$ cellarbook stock Chianti 2018 --undrinkable
in: Chianti
$ cellarbook bottles
Rioja 2015: for sunday
Chianti 2018!
```
"""


def test_two_optional_parts_of_a_line_one_a_marker_for_a_false_flag(tmp_path):
    """Each example line shows one optional part (a comment; a marker for a bottle whose
    `drinkable` a negated flag cleared): one template with both parts optional."""
    project = spf.parse_spec(WINES, file="spec.md")
    bottles = interpret_command(next(c for c in project.commands if c.name == "bottles"), project,
                                project.stores[0])[0]
    assert "if item.comment" in bottles.output_template and "if item.drinkable else '!'" in bottles.output_template
    out, work = _generated(tmp_path, WINES)
    for argv in (("stock", "Rioja", "2015", "--comment", "for sunday", "--undrinkable"),
                 ("stock", "Merlot", "2020")):
        assert _run(out, work, *argv, package="cellarbook").returncode == 0
    assert _run(out, work, "bottles", package="cellarbook").stdout.splitlines() == [
        "Rioja 2015: for sunday!", "Merlot 2020"]


WALKS = """# Project: walks
Where I walk the dog. Distances are always written in kilometres, like `2.5 km`.

## Entity: Walk
- route: str — the way we went
- meters: int — how far
- day: str — YYYY-MM-DD

## Store: walks
- holds: Walk
- format: csv
- path: walks.csv

## Function: km(meters: int) -> str
Meters as kilometres with one decimal.
- km(2500) == "2.5 km"
- km(1000) == "1.0 km"
- km(12340) == "12.3 km"

## Command: walked(route: str, meters: int, day: str)
Prints `noted ROUTE`.

## Command: routes
The distance per route, routes A to Z, each as `ROUTE: DISTANCE`, then a final line
`total: DISTANCE`. When there are no walks it prints `no walks`.
"""


def test_a_sum_per_group_written_by_a_spec_function_then_a_last_line_over_every_group(tmp_path):
    """`ROUTE: DISTANCE` per route (DISTANCE a spec function writes) is a sum per group, not
    the last record ("a final line" is a line, not the latest walk); `total: DISTANCE` after
    the groups is the same number over all of them."""
    project = spf.parse_spec(WALKS, file="spec.md")
    routes = interpret_command(next(c for c in project.commands if c.name == "routes"), project,
                               project.stores[0])[0]
    assert (routes.operation, routes.aggregate.function, routes.aggregate.group_by, routes.total) == \
        ("aggregate", "sum", "route", "total: DISTANCE")
    out, work = _generated(tmp_path, WALKS)
    assert _run(out, work, "routes", package="walks").stdout.splitlines() == ["no walks"]
    for argv in (("walked", "park", "2500", "2024-03-01"), ("walked", "canal", "4000", "2024-03-02"),
                 ("walked", "park", "1200", "2024-03-03")):
        assert _run(out, work, *argv, package="walks").returncode == 0
    assert _run(out, work, "routes", package="walks").stdout.splitlines() == [
        "canal: 4.0 km", "park: 3.7 km", "total: 7.7 km"]


STALL = """# Project: stall
What my market stall sells.

## Entity: Sale
- fruit: str — apples, pears...
- price: float — what one crate cost
- crates: int — how many crates went
- day: str — YYYY-MM-DD

## Store: sales
- holds: Sale
- format: json
- path: sales.json

## Function: euro(price: float) -> str
Money as the board shows it: no decimals on whole amounts, then ` euro`.
- euro(12.0) == "12 euro"
- euro(7.5) == "7.5 euro"
- euro(0.0) == "0 euro"

## Command: sold(fruit: str, price: float, crates: int, day: str)
Prints `sold FRUIT`.
- error: crates below 1 or above 50 prints "crates must be 1 to 50" and exits with status 1

## Command: fruits
A line per fruit, A to Z: `FRUIT: N sales, highest EURO`.

```console
$ stall sold apples 12 3 2024-07-01
sold apples
$ stall sold pears 7.5 2 2024-07-01
sold pears
$ stall sold apples 14 1 2024-07-02
sold apples
$ stall fruits
apples: 2 sales, highest 14 euro
pears: 1 sales, highest 7.5 euro
```

## Command: takings(fruit: str = "")
What came in: the price times crates of every sale, added up, printed as `takings: EURO`.
`--fruit` for one fruit only.

## Command: top(fruit: str)
The dearest sale of one fruit: the most expensive one; when two cost the same, the one with the
most crates. Printed as `top FRUIT: EURO x CRATES`.
- error: a fruit I never sold prints "never sold" and exits with status 1

## Command: worth(fruit: str = "")
How much the crates were listed at, as `worth: EURO`; `--fruit` for one fruit.
"""


def test_a_product_of_two_fields_added_up_the_record_with_the_most_and_a_written_number_per_group(tmp_path):
    """"the price times crates ... added up" sums a product; "the most expensive one; when two
    cost the same, the one with the most crates" is one record (ties by crates), printed as
    the words' line although it starts like a command name; "how much" over a line a spec
    function writes is a sum; "below 1 or above 50" is two bounds."""
    project = spf.parse_spec(STALL, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    assert (read["takings"].aggregate.function, read["takings"].aggregate.field) == ("sum", "price*crates")
    assert read["takings"].message_pattern == "takings: EURO"
    top = read["top"]
    assert (top.operation, top.order, top.then_by, top.limit, top.output) == \
        ("show", ("price", True), ("crates", True), "1", "top FRUIT: EURO x CRATES")
    out, work = _generated(tmp_path, STALL)
    for argv in (("sold", "apples", "12", "3", "2024-07-01"), ("sold", "apples", "14", "1", "2024-07-02"),
                 ("sold", "apples", "14", "2", "2024-07-03"), ("sold", "pears", "7.5", "2", "2024-07-01")):
        assert _run(out, work, *argv, package="stall").returncode == 0
    assert _run(out, work, "takings", package="stall").stdout.splitlines() == ["takings: 93 euro"]
    assert _run(out, work, "takings", "--fruit", "pears", package="stall").stdout.splitlines() == ["takings: 15 euro"]
    assert _run(out, work, "top", "apples", package="stall").stdout.splitlines() == ["top apples: 14 euro x 2"]
    assert _run(out, work, "fruits", package="stall").stdout.splitlines() == [
        "apples: 3 sales, highest 14 euro", "pears: 1 sales, highest 7.5 euro"]
    refused = _run(out, work, "top", "kiwi", package="stall")
    assert refused.returncode == 1 and "never sold" in refused.stderr
    # "how much ... as `worth: EURO`": a sum, although euro() writes a record's price too
    assert _run(out, work, "worth", package="stall").stdout.splitlines() == ["worth: 47.5 euro"]
    assert _run(out, work, "worth", "--fruit", "pears", package="stall").stdout.splitlines() == ["worth: 7.5 euro"]
    # "below 1 or above 50": two bounds (not "1 or above"), the bounds themselves allowed
    for crates, status in (("0", 1), ("51", 1), ("1", 0), ("50", 0)):
        assert _run(out, work, "sold", "figs", "3", crates, "2024-07-04", package="stall").returncode == status



def test_a_lending_log_read_as_its_words_say(tmp_path):
    """tests/contract/lending_spec.md: "Write down that I lent TITLE to NEIGHBOUR" with every
    field an argument adds a loan (`lend` alone suggests an update), "a title that is still
    out" refuses only while the earlier loan is not back, "Books not back yet" and "still
    has" filter on the flag, "by date lent (oldest first)" orders by `day` (described as the
    date lent), "The book came back" under the name `home`... sets `back` on the loan not
    back yet, so lending a returned book again and returning it prints one line."""
    text = (HERE / "lending_spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    assert read["lend"].operation == "add"
    assert [(g.kind, (g.trigger or {}).get("among")) for g in read["lend"].guards] == [("duplicate", "not item.back")]
    assert [(f.field, f.op) for f in read["out"].filters if f.when is None] == [("back", "is false")]
    assert read["out"].order == ("day", False)
    assert [(f.field, f.op) for f in read["who"].filters] == [("back", "is false")]

    out, work = _generated(tmp_path, text)
    program = "lending"
    assert _run(out, work, "lend", "Dune", "ann", "2026-01-02", package=program).returncode == 0
    assert _run(out, work, "lend", "Emma", "bob", "2026-01-01", package=program).returncode == 0
    refused = _run(out, work, "lend", "Dune", "cy", "2026-01-03", package=program)
    assert (refused.returncode, refused.stderr.strip()) == (1, "that book is already out")
    assert _run(out, work, "out", package=program).stdout.splitlines() == \
        ["2026-01-01 Emma -> bob", "2026-01-02 Dune -> ann"]
    assert _run(out, work, "home", "Dune", package=program).stdout.splitlines() == ["Dune is home"]
    assert _run(out, work, "lend", "Dune", "cy", "2026-01-03", package=program).returncode == 0
    assert _run(out, work, "who", package=program).stdout.splitlines() == ["bob: 1", "cy: 1"]
    assert _run(out, work, "home", "Dune", package=program).stdout.splitlines() == ["Dune is home"]
    assert _run(out, work, "out", "--neighbour", "bob", package=program).stdout.splitlines() == \
        ["2026-01-01 Emma -> bob"]
    missing = _run(out, work, "home", "Ulysses", package=program)
    assert (missing.returncode, missing.stderr.strip()) == (1, "nobody has that book")


def test_a_pocket_money_ledger_read_as_its_words_say(tmp_path):
    """tests/contract/pocket_spec.md: `give` (a keyword of updates: "pay") takes every field
    of a new entry and an example runs it first on an empty store, so it adds; "Stored as
    a negative amount" negates on the way in; "spending more than the kid has" checks the
    argument against the sum of the kid's amounts; "the amount signed" is learned from
    `+5.00` and `-1.25` as one format."""
    text = (HERE / "pocket_spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    assert read["give"].operation == "add"
    assert read["spend"].transforms == [("amount", "-abs")]
    assert [g.kind for g in read["spend"].guards] == ["stored"]

    out, work = _generated(tmp_path, text)
    program = "pocket"
    assert _run(out, work, "give", "leo", "4", "2024-03-01", package=program).stdout.strip() == "leo +4.00"
    refused = _run(out, work, "spend", "leo", "4.5", "kite", "2024-03-02", package=program)
    assert (refused.returncode, refused.stderr.strip()) == (1, "not enough money")
    assert _run(out, work, "spend", "mia", "1", "gum", "2024-03-02", package=program).returncode == 1
    assert _run(out, work, "spend", "leo", "1.5", "gum", "2024-03-03", package=program).stdout.strip() == \
        "leo -1.50 (gum)"
    assert _run(out, work, "balance", "leo", package=program).stdout.strip() == "leo has 2.50"
    assert _run(out, work, "history", "leo", "--last", "1", package=program).stdout.splitlines() == \
        ["2024-03-03 -1.50 gum"]


def test_a_tea_notebook_read_as_its_words_say(tmp_path):
    """tests/contract/teas_spec.md: a command named `try` (a Python keyword, a fine command
    word), "stars outside 1..5 print ... and exit" (a plural subject), "a kind that is not
    one of the five" (the values the field's description lists), "the highest rated teas
    first" (`stars`: "my rating"), "unrated ones left out" ("0 means not rated yet"), "how
    much all my teas cost together" (`price`: "what 100 g cost")."""
    text = (HERE / "teas_spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    assert read["try"].guards[0].condition == "(kind not in ('green', 'black', 'oolong', 'white', 'herbal'))"
    assert [g.message for g in read["rate"].guards][:1] == ["stars must be 1 to 5"]
    best = read["best"]
    assert (best.operation, best.order, best.limit) == ("list", ("stars", True), "param:top")
    assert ("stars", "!=", "0") in [(f.field, f.op, f.value) for f in best.filters]
    assert (read["spent"].aggregate.function, read["spent"].aggregate.field) == ("sum", "price")

    out, work = _generated(tmp_path, text)
    program = "teas"
    assert _run(out, work, "try", "Bancha", "green", "5", package=program).stdout.strip() == "Bancha (green) noted"
    assert _run(out, work, "try", "Rooibos", "herbal", "7", package=program).returncode == 0
    assert _run(out, work, "try", "Mate", "yerba", "7", package=program).returncode == 2
    assert _run(out, work, "rate", "Rooibos", "3", package=program).returncode == 0
    assert _run(out, work, "best", package=program).stdout.splitlines() == ["3 Rooibos (€7.00)"]
    assert _run(out, work, "spent", package=program).stdout.strip() == "€12.00"


def test_a_shoe_rotation_read_as_its_words_say(tmp_path):
    """tests/contract/shoes_spec.md: "adds KM to the pair's distance" (`km`: "distance run in
    them so far") is an update, "km that is not above zero" is ``km <= 0``, "a retired
    pair" refuses the record found, `retire` sets `retired`, "still in use" and "least
    worn first" filter and order, "(one decimal)" is learned from `10.0 km` and `15.2 km`
    together (the simulated records are those before each step), "rounded to whole km"."""
    text = (HERE / "shoes_spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    run = read["run"]
    assert (run.operation, [(a.field, a.op) for a in run.assignments]) == ("update", [("km", "add")])
    assert run.message == "{item.label}: {item.km:.1f} km"
    assert [g.condition for g in run.guards] == ["(km <= 0)", "item.retired"]
    assert [(a.field, a.value) for a in read["retire"].assignments] == [("retired", "True")]
    rotation = read["rotation"]
    assert ([(f.field, f.op) for f in rotation.filters], rotation.order) == ([("retired", "is false")], ("km", False))

    out, work = _generated(tmp_path, text)
    program = "shoes"
    for argv in (["buy", "a"], ["buy", "b"], ["run", "a", "10.44"], ["run", "b", "2"], ["retire", "b"]):
        assert _run(out, work, *argv, package=program).returncode == 0
    assert _run(out, work, "run", "a", "0", package=program).returncode == 2
    refused = _run(out, work, "run", "b", "1", package=program)
    assert (refused.returncode, refused.stderr.strip()) == (1, "that pair is retired")
    assert _run(out, work, "rotation", package=program).stdout.splitlines() == ["a 10.4"]
    assert _run(out, work, "total", package=program).stdout.strip() == "12 km"


def test_a_seed_box_read_as_its_words_say(tmp_path):
    """tests/contract/seeds_spec.md: "Take COUNT seeds out of packet N" subtracts from the
    field the words name, "more seeds than the packet holds" refuses on the record found
    (the one number argument that does not locate it), "a packet that runs out is thrown
    away and the answer is `...`" removes it, "whose variety contains TEXT" searches that
    field only (not the fields of the `#N PLANT (VARIETY)` format), "oldest first" over
    `until` ("last good year"), "If none, say `all fresh`"."""
    text = (HERE / "seeds_spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    sow = read["sow"]
    assert [(a.field, a.op, a.value) for a in sow.assignments] == [("seeds", "subtract", "param:count")]
    assert sow.vanish == "#N is empty, thrown away"
    assert [g.condition for g in sow.guards if g.kind == "state"] == ["count > item.seeds"]
    assert [f.fields or (f.field,) for f in read["find"].filters] == [("variety",)]
    old = read["old"]
    assert (old.order, [(g.kind, g.message) for g in old.guards]) == (("until", False), [("empty", "all fresh")])

    out, work = _generated(tmp_path, text)
    program = "seeds"
    assert _run(out, work, "old", "2030", package=program).stdout.strip() == "all fresh"
    for argv in (["stash", "tomato", "Krim", "20", "2026"], ["stash", "bean", "Borlotti", "3", "2024"]):
        assert _run(out, work, *argv, package=program).returncode == 0
    assert _run(out, work, "sow", "2", "4", package=program).returncode == 1
    assert _run(out, work, "sow", "2", "3", package=program).stdout.strip() == "#2 is empty, thrown away"
    assert _run(out, work, "box", package=program).stdout.splitlines() == ["#1 tomato (Krim) 20 until 2026"]
    assert _run(out, work, "find", "RIM", package=program).stdout.splitlines() == ["#1 tomato (Krim)"]


def test_a_practice_log_read_as_its_words_say(tmp_path):
    """tests/contract/guitar_spec.md: `undo` (a keyword of updates) "Delete the most recent
    practice I logged" removes the latest, with "If there is none: `nothing to undo`,
    status 1"; "Minutes per topic for the seven days from START" sums per topic over a
    window of ISO days (a bad START is refused, not a traceback)."""
    text = (HERE / "guitar_spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    undo = read["undo"]
    assert (undo.operation, undo.select, [(g.message, g.status) for g in undo.guards]) == \
        ("remove", "latest", [("nothing to undo", 1)])
    week = read["week"]
    assert (week.aggregate.function, week.aggregate.field, week.aggregate.group_by) == ("sum", "minutes", "topic")
    assert [(f.field, f.op, f.value) for f in week.filters] == [("day", "7 days from", "param:start")]

    out, work = _generated(tmp_path, text)
    program = "guitar"
    for day, topic, minutes in (("2024-02-26", "song", "5"), ("2024-03-01", "scales", "20"),
                                ("2024-03-03", "song", "10"), ("2024-03-04", "song", "30")):
        assert _run(out, work, "log", day, topic, minutes, package=program).returncode == 0
    assert _run(out, work, "week", "2024-02-26", package=program).stdout.splitlines() == \
        ["scales: 20", "song: 15", "total: 35"]
    assert _run(out, work, "week", "2024-02-30", package=program).returncode == 2
    assert _run(out, work, "undo", package=program).stdout.strip() == "removed 2024-03-04 song"


def test_pet_weights_read_as_their_words_say(tmp_path):
    """tests/contract/pets_spec.md: "Names are saved in lower case" over `pet` ("the pet's
    name"), "(case does not matter)" in a field's description, "from oldest to newest",
    "how much the pet gained or lost between its first and its last weighing" (the last
    value minus the first) written `+X kg` or `-X kg`."""
    text = (HERE / "pets_spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    assert read["weigh"].transforms == [("pet", "str.lower")]
    trend = read["trend"]
    assert ([(f.field, f.ignore_case) for f in trend.filters], trend.order) == ([("pet", True)], ("day", False))
    assert (read["change"].aggregate.function, read["change"].aggregate.field) == ("change", "kg")

    out, work = _generated(tmp_path, text)
    program = "pets"
    for day, kg in (("2024-04-01", "12.4"), ("2024-05-01", "12.1")):
        assert _run(out, work, "weigh", "Rex", day, kg, package=program).returncode == 0
    assert _run(out, work, "weigh", "tom", "2024-05-01", "4", package=program).returncode == 0
    assert _run(out, work, "change", "rex", package=program).stdout.strip() == "rex: -0.3 kg"
    assert _run(out, work, "change", "tom", package=program).stdout.strip() == "tom: +0.0 kg"
    assert _run(out, work, "trend", "REX", package=program).stdout.splitlines() == ["2024-04-01 12.4", "2024-05-01 12.1"]


def test_house_jobs_read_as_their_words_say(tmp_path):
    """tests/contract/jobs_spec.md: "a priority other than 1, 2 or 3" over `prio` (a field
    named by an abbreviation), "most urgent first (then by due date)" (`prio`: "1 urgent, 2
    normal, 3 whenever"; "then by" is no group), `N. WHAT (due DUE)` is a record's line,
    "Tick job N off" sets the one flag, "moves the due date of job N by DAYS days" (a day
    moved by a number of days), "how many jobs are still open, per priority: `prio P: N`"."""
    text = (HERE / "jobs_spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    assert read["todo"].guards[0].condition == "(prio not in (1, 2, 3))"
    overdue = read["overdue"]
    assert (overdue.operation, overdue.order, overdue.then_by) == ("list", ("prio", False), ("due", False))
    assert [(a.field, a.value) for a in read["finish"].assignments] == [("done", "True")]
    assert [(a.field, a.op) for a in read["postpone"].assignments] == [("due", "add days")]
    assert (read["open"].aggregate.function, read["open"].aggregate.group_by) == ("count", "prio")

    out, work = _generated(tmp_path, text)
    program = "jobs"
    for argv in (["todo", "a", "2024-06-01"], ["todo", "b", "2024-05-01", "--prio", "1"],
                 ["todo", "c", "2024-05-02", "--prio", "3"], ["finish", "3"]):
        assert _run(out, work, *argv, package=program).returncode == 0
    assert _run(out, work, "todo", "d", "2024-05-02", "--prio", "5", package=program).returncode == 2
    assert _run(out, work, "overdue", "2024-07-01", package=program).stdout.splitlines() == \
        ["2. b (due 2024-05-01)", "1. a (due 2024-06-01)"]
    assert _run(out, work, "postpone", "1", "31", package=program).stdout.strip() == "a now due 2024-07-02"
    assert _run(out, work, "open", package=program).stdout.splitlines() == ["prio 1: 1", "prio 2: 1"]


def test_a_water_log_read_as_its_words_say(tmp_path):
    """tests/contract/water_spec.md: "Prints the day's total so far as `DAY: TOTAL ml`"
    (the sum over the records of that day, the new glass included), "One line per day:
    `DAY TOTAL ml`" a total per day, "Number of glasses drunk on DAY", "Remove every glass
    of that day", "`ok` after it when the total reached 2000" (a marker on a group's line)."""
    text = (HERE / "water_spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    assert read["drink"].message == \
        "{item.day}: {sum(other.ml for other in store.all() if other.day == item.day)} ml"
    assert (read["days"].aggregate.function, read["days"].aggregate.group_by) == ("sum", "day")
    assert read["days"].suffix == (" ok", "value >= 2000")
    assert (read["forget"].operation, read["forget"].select) == ("remove", "matching")

    out, work = _generated(tmp_path, text)
    program = "water"
    assert _run(out, work, "drink", "250", "2024-03-01", package=program).stdout.strip() == "2024-03-01: 250 ml"
    assert _run(out, work, "drink", "400", "2024-03-02", package=program).stdout.strip() == "2024-03-02: 400 ml"
    assert _run(out, work, "drink", "300", "2024-03-01", package=program).stdout.strip() == "2024-03-01: 550 ml"
    assert _run(out, work, "glasses", "2024-03-01", package=program).stdout.strip() == "2 glasses"
    assert _run(out, work, "drink", "1000", "2024-03-02", package=program).returncode == 0
    assert _run(out, work, "drink", "1000", "2024-03-02", package=program).returncode == 0
    assert _run(out, work, "days", package=program).stdout.splitlines() == ["2024-03-01 550 ml", "2024-03-02 2400 ml ok"]
    assert _run(out, work, "forget", "2024-03-01", package=program).stdout.strip() == "forgot 2 glasses"


def test_notes_with_tags_read_as_their_words_say(tmp_path):
    """tests/contract/notes_spec.md: "Give note ID a new title" (words between "give" and
    "new") and the name `retitle` update; "(or `tags: -` when it has none)" writes an empty
    list as `-`; "no note #ID" fills in the argument (the error test expects the same)."""
    text = (HERE / "notes_spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    assert [(a.field, a.value) for a in read["retitle"].assignments] == [("title", "param:title")]
    assert read["show"].output_template.endswith("tags: {', '.join(map(str, item.tags)) or '-'}")

    out, work = _generated(tmp_path, text)
    program = "notes"
    assert _run(out, work, "new", "a", "--tag", "x", package=program).returncode == 0
    assert _run(out, work, "new", "b", package=program).returncode == 0
    assert _run(out, work, "retitle", "2", "bee", package=program).stdout.strip() == "#2 is now bee"
    assert _run(out, work, "show", "2", package=program).stdout.splitlines()[-1] == "tags: -"
    missing = _run(out, work, "show", "5", package=program)
    assert (missing.returncode, missing.stderr.strip()) == (1, "no note #5")
    assert '["no note #999"]' in (out / "tests" / "test_acceptance.py").read_text(encoding="utf-8")


def test_a_freezer_read_as_its_words_say(tmp_path):
    """tests/contract/freezer_spec.md: "Take one portion of NAME out. When the last portion
    is gone the item is removed" (minus one, then removed), "a name that is not in the
    freezer" is a failed lookup (not a list of allowed names), "`--sort name` (the default)
    sorts by name, `--sort age` puts the oldest first" (the argument picks the order; an
    unknown value exits 2), "the number of portions ... altogether" sums `portions`."""
    text = (HERE / "freezer_spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    take = read["take"]
    assert ([(a.field, a.op, a.value) for a in take.assignments], take.vanish is not None) == \
        ([("portions", "subtract", "1")], True)
    assert [g.kind for g in take.guards] == ["lookup"]
    assert read["stock"].order_choices == ("sort", {"name": ["name", False], "age": ["frozen", False]})
    assert (read["portions"].aggregate.function, read["portions"].aggregate.field) == ("sum", "portions")

    out, work = _generated(tmp_path, text)
    program = "pantry2"
    assert _run(out, work, "put", "soup", "2024-01-10", package=program).returncode == 0
    assert _run(out, work, "put", "bread", "2024-02-01", "--portions", "4", package=program).returncode == 0
    assert _run(out, work, "stock", "--sort", "age", package=program).stdout.splitlines()[0] == "soup x 1 (2024-01-10)"
    assert _run(out, work, "stock", "--sort", "colour", package=program).returncode == 2
    assert _run(out, work, "take", "soup", package=program).stdout.strip() == "soup: 0 left"
    assert _run(out, work, "stock", package=program).stdout.splitlines() == ["bread x 4 (2024-02-01)"]
    assert _run(out, work, "portions", package=program).stdout.strip() == "4 portions"


def test_error_messages_fill_in_named_arguments_but_not_shapes():
    """"no note #ID" names the argument `id`; "day must be YYYY-MM-DD" names none, even with
    a parameter `mm` (a shape, not a placeholder)."""
    from spf_plugins.stages.commands import _message_source, message_text

    project = spf.parse_spec("# Project: t\n\n## Command: record(day: str, mm: float, id: int = 0)\nRecord.\n",
                             file="spec.md")
    command = project.commands[0]
    assert _message_source("no note #ID", command) == 'f"no note #{id_}"'  # `id` is `id_` in Python: not the builtin
    assert message_text("no note #ID", command, {"id": 7}) == "no note #7"
    assert _message_source("day must be YYYY-MM-DD", command) == '"day must be YYYY-MM-DD"'


def test_a_lone_capital_in_a_message_is_the_one_argument_it_begins():
    """"no cake N" over `sell(number: int)` printed a literal `N`; a lone capital stands for
    the one parameter it begins, never `A` or `I`, never the message's first word, and never
    a letter two parameters begin."""
    from spf_plugins.stages.commands import _message_source, message_text

    project = spf.parse_spec("# Project: t\n\n## Command: sell(number: int)\nSell.\n\n"
                             "## Command: move(name: str, new: str)\nMove.\n", file="spec.md")
    sell, move = project.commands
    assert _message_source("no cake N", sell) == 'f"no cake {number}"'
    assert message_text("no cake N", sell, {"number": 9}) == "no cake 9"
    assert _message_source("N is not a cake", sell) == '"N is not a cake"'
    assert _message_source("I have no cake A", sell) == '"I have no cake A"'
    assert _message_source("no cake N", move) == '"no cake N"'  # `name` and `new`: which one?
    sized = spf.parse_spec("# Project: t\n\n## Command: add(code: str, size: str)\nAdd.\n", file="spec.md").commands[0]
    assert _message_source("unknown size, use XS, S, M, L or XL", sized) == '"unknown size, use XS, S, M, L or XL"'


def test_a_record_already_there_takes_the_new_amount():
    """"A day already recorded gets MM added to what it has": an add that joins the record
    with the same day (no "if"/"when" clause needed)."""
    text = (HERE / "corpus3" / "rain" / "spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    record = next(c for c in project.commands if c.name == "record")
    reading = interpret_command(record, project, project.stores[0])[0]
    assert (reading.merge, [(a.field, a.op) for a in reading.assignments]) == (["day"], [("mm", "add")])


def test_a_stamp_catalogue_joins_counts_and_loses_copies():
    """corpus3/stamps: "If the catalogue already has a stamp with the same country, year,
    face value and mint-ness ... that stamp gets one more copy" (four keys, + 1), "it loses a
    copy ... when that was the last copy ... it prints `#NUMBER gone` instead" (the line
    after "the last"), "how many stamps I have per country, copies counted" (their sum)."""
    text = (HERE / "corpus3" / "stamps" / "spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    add = read["add"]
    assert (add.merge, [(a.field, a.op, a.value) for a in add.assignments]) == \
        (["country", "year", "face", "mint"], [("copies", "add", "1")])
    swap = read["swap"]
    assert ([(a.field, a.op, a.value) for a in swap.assignments], swap.vanish) == \
        ([("copies", "subtract", "1")], "#NUMBER gone")
    assert (read["countries"].aggregate.function, read["countries"].aggregate.field) == ("sum", "copies")


def test_a_marker_added_to_the_lines_of_flagged_records():
    """corpus3/podcasts: "with ` [heard]` added at the end of their line" (the heard episodes);
    the `--all` before it is an option, not the marker."""
    text = (HERE / "corpus3" / "podcasts" / "spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    up = next(c for c in project.commands if c.name == "up")
    read = interpret_command(up, project, project.stores[0])[0]  # the marker as a suffix, or at the end of the line
    assert read.suffix == (" [heard]", "item.heard") or (  # the examples teach (since round thirty-nine, where the
        read.output_template or "").endswith("{' [heard]' if item.heard else ''}")  # duration is placed too)


def test_two_rounded_means_and_a_measured_value_after_its_label():
    """corpus3/bp: "Mean systolic and mean diastolic, each rounded to the nearest whole
    number: `average: SYS/DIA over N readings`" (two means, `:.0f` even where an example
    shows `123`), "followed by ` pulse P` when a pulse was measured" over `pulse: int = 0 —
    ...; 0 means not measured`."""
    text = (HERE / "corpus3" / "bp" / "spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    average = read["average"]
    assert [(v.function, v.field) for v in average.values] == [("mean", "sys"), ("mean", "dia"), ("count", None)]
    assert average.message == "average: {values[0]:.0f}/{values[1]:.0f} over {values[2]} readings"
    assert read["list"].suffix == (" pulse {item.pulse}", "item.pulse != 0")


def test_homework_with_a_flag_named_in_two_words(tmp_path):
    """tests/contract/homework_spec.md (written after this round's readings, as a newcomer's
    check): `hand_in(n)` over `handed_in: bool` ("handed in", "hand in") sets the flag on
    job N, "Homework not handed in yet, soonest due first" filters and orders by `due`."""
    text = (HERE / "homework_spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    hand_in = read["hand_in"]
    assert (hand_in.operation, hand_in.select, [(a.field, a.value) for a in hand_in.assignments]) == \
        ("update", "position", [("handed_in", "True")])
    todo = read["todo"]
    assert ([(f.field, f.op) for f in todo.filters], todo.order) == ([("handed_in", "is false")], ("due", False))

    out, work = _generated(tmp_path, text)
    program = "homework"
    assert _run(out, work, "set", "maths", "p12", "2024-09-10", package=program).returncode == 0
    assert _run(out, work, "set", "english", "essay", "2024-09-08", package=program).returncode == 0
    assert _run(out, work, "hand_in", "2", package=program).stdout.strip() == "handed in: essay"
    assert _run(out, work, "todo", package=program).stdout.splitlines() == ["1. maths: p12 (due 2024-09-10)"]
    assert _run(out, work, "hand_in", "1", package=program).returncode == 0
    assert _run(out, work, "todo", package=program).stdout.strip() == "all done!"


def test_commute_doctest_examples_the_fastest_trip_and_a_number_before_a_placeholder(tmp_path):
    """tests/contract/commute_spec.md (a newcomer's spec, this round): `valid_mode`'s examples
    are a doctest session (```` ```python >>> valid_mode("Bus") ````), read as examples so the
    word list "one of bike, bus, train or car (any case)" is synthesized; "The fastest trip
    made with that mode" is one record, the fewest minutes; `trip N: MINUTES min` prints the
    trip's number for N, not the minutes (the word after N is a placeholder of its own)."""
    text = (HERE / "commute_spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    assert [(e.call, e.expected) for e in project.functions[0].examples] == \
        [('valid_mode("Bus")', "True"), ('valid_mode("boat")', "False")]
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    quickest = read["quickest"]
    assert (quickest.order, quickest.limit, [(f.field, f.op) for f in quickest.filters]) == \
        (("minutes", False), "1", [("mode", "==")])

    out, work = _generated(tmp_path, text)
    for day, mode, minutes in (("2024-03-04", "Bike", "25"), ("2024-03-06", "bike", "23"), ("2024-03-05", "bus", "20")):
        assert _run(out, work, "went", day, mode, minutes, package="commute").returncode == 0
    assert _run(out, work, "quickest", "bike", package="commute").stdout.strip() == "2024-03-06 23 min"
    refused = _run(out, work, "went", "2024-03-07", "boat", "5", package="commute")
    assert (refused.returncode, refused.stderr.strip()) == (2, "unknown mode: boat")
    assert _run(out, work, "fix", "1", "27", package="commute").stdout.strip() == "trip 1: 27 min"


def test_walks_a_computed_field_who_owes_how_much_and_a_month(tmp_path):
    """tests/contract/walks_spec.md (a newcomer's spec, this round): `walk(client, day,
    minutes)` is the add although `price` has no argument: "worked out from the minutes" by
    `price(minutes)`, called on the way in; "Walks nobody has paid for yet" (and the name
    `unpaid`) leave out the paid ones; "Who still owes me money and how much, biggest debt
    first" is a sum of the money field per client, largest first ("biggest ... first" orders,
    it does not pick a maximum); "paid walks only" keeps the paid ones and "a month given as
    YYYY-MM" is a prefix of the day."""
    text = (HERE / "walks_spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    assert (read["walk"].operation, read["walk"].constructor["price"]) == ("add", "call:price(param:minutes)")
    assert [(f.field, f.op) for f in read["unpaid"].filters if f.op == "is false"] == [("paid", "is false")]
    owed = read["owed"]
    assert (owed.aggregate.function, owed.aggregate.field, owed.aggregate.group_by, owed.order) == \
        ("sum", "price", "client", ("value", True))
    earned = read["earned"]
    assert sorted((f.field, f.op) for f in earned.filters) == [("day", "starts with"), ("paid", "is true")]

    out, work = _generated(tmp_path, text)
    for client, day, minutes in (("bella", "2024-05-01", "30"), ("rex", "2024-05-02", "60"), ("rex", "2024-06-02", "5")):
        assert _run(out, work, "walk", client, day, minutes, package="walks").returncode == 0
    assert _run(out, work, "owed", package="walks").stdout.splitlines() == ["rex: 40.00", "bella: 15.00"]
    assert _run(out, work, "settle", "rex", package="walks").stdout.strip() == "rex paid 2 walks"
    assert _run(out, work, "earned", "2024-05", package="walks").stdout.strip() == "earned: 30.00"
    assert _run(out, work, "unpaid", package="walks").stdout.splitlines() == ["1. 2024-05-01 bella 15.00"]


def test_cheese_best_rated_first_with_ties_by_name_is_an_order():
    """tests/contract/cheese_spec.md (a newcomer's spec, this round): "My favourites for a
    cheese board, best rated first, ties by name A to Z" lists the favourites ordered by
    rating, then name: "best ... first" orders (no maximum), "ties by name" is no group."""
    project = spf.parse_spec((HERE / "cheese_spec.md").read_text(encoding="utf-8"), file="spec.md")
    board = interpret_command(next(c for c in project.commands if c.name == "board"), project,
                              project.stores[0])[0]
    assert (board.operation, board.aggregate, board.order, board.then_by) == \
        ("list", None, ("rating", True), ("name", False))
    assert [(f.field, f.op) for f in board.filters] == [("favourite", "is true")]


def test_bakery_plural_records_a_flag_already_set_and_quantities_added_up(tmp_path):
    """tests/contract/bakery_spec.md (a newcomer's spec, this round): "Orders for that pickup
    day that nobody has collected yet" lists (plural records: not a lookup of one by day);
    "an order already picked up" while `collect` sets `collected` refuses an order already in
    that state (the words need not name the flag); "How many of each item ...: `QTY ITEM`"
    adds up the quantity the line shows; `order #N collected` prints the word, not True;
    "a quantity of zero or less" is a check on `qty`."""
    text = (HERE / "bakery_spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    assert (read["due"].operation, sorted((f.field, f.op) for f in read["due"].filters)) == \
        ("list", [("collected", "is false"), ("day", "==")])
    assert [(g.kind, g.condition) for g in read["collect"].guards if g.kind == "state"] == [("state", "item.collected")]
    bake = read["bake"]
    assert (bake.aggregate.function, bake.aggregate.field, bake.aggregate.group_by) == ("sum", "qty", "item")

    out, work = _generated(tmp_path, text)
    for customer, item, qty in (("ana", "bun", "4"), ("ben", "loaf", "2"), ("cat", "bun", "3")):
        assert _run(out, work, "order", customer, item, qty, "2024-06-01", package="bakery").returncode == 0
    assert _run(out, work, "collect", "1", package="bakery").stdout.strip() == "order #1 collected"
    again = _run(out, work, "collect", "1", package="bakery")
    assert (again.returncode, again.stderr.strip()) == (1, "order #1 was already collected")
    assert _run(out, work, "bake", "2024-06-01", package="bakery").stdout.splitlines() == ["7 bun", "2 loaf"]
    assert _run(out, work, "due", "2024-06-01", package="bakery").stdout.splitlines() == \
        ["#2 ben: 2 x loaf", "#3 cat: 3 x bun"]
    refused = _run(out, work, "order", "dan", "bun", "0", "2024-06-01", package="bakery")
    assert (refused.returncode, refused.stderr.strip()) == (2, "qty must be positive")


def _readings(folder: str) -> dict:
    project = spf.load_spec(HERE / folder)
    return {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}


def test_corpus4_birds_cleaner_named_by_a_field_ties_and_defined_values():
    """corpus4/birds: `species` is "saved as species_name() writes it" (the cleaner runs on the
    way in and on the lookup of `total`); "sightings of the same day are shown the most
    recently written one first" breaks ties by entry order, newest first; "If several have
    the same count, the one with the earliest day wins" is a tie on the day; "N the sum of the
    counts and M the number of sightings" are a sum and a count; "the earliest day it was
    seen" per species is a minimum over an ISO day."""
    read = _readings("corpus4/birds")
    assert read["spot"].transforms == [("species", "species_name")]
    assert ("species", "species_name") in read["total"].transforms
    assert (read["log"].order, read["log"].then_by) == (("day", True), ("position", True))
    assert (read["biggest"].order, read["biggest"].then_by) == (("count", True), ("day", False))
    assert [(v.function, v.field) for v in read["total"].values] == [("sum", "count"), ("count", None)]
    lifelist = read["lifelist"].aggregate
    assert (lifelist.function, lifelist.field, lifelist.group_by) == ("min", "day", "species")


def test_corpus4_carlog_a_bound_over_stored_records_and_stated_writers(tmp_path):
    """corpus4/carlog: "a km lower than the highest km already logged for the same car" is a
    `stored` guard (not a duplicate check), "COST is money(cost)" writes the field in every
    line, "(money() for every amount)" writes the summary's numbers, "Every line that shows
    an entry, in any command, uses this same form" makes the add's line the store's."""
    read = _readings("corpus4/carlog")
    assert [(g.kind, g.condition) for g in read["log"].guards if g.kind == "stored"] == \
        [("stored", "km < max((item.km for item in store.all() if item.car == car), default=km)")]
    assert read["undo"].operation == "remove" and read["undo"].select == "latest"
    assert read["fix"].bare_line
    text = (HERE / "corpus4" / "carlog" / "spec.md").read_text(encoding="utf-8")
    out, work = _generated(tmp_path, text)
    assert _run(out, work, "log", "Golf", "2024-03-02", "81200", "oil", "--cost", "89.9", package="carlog").stdout.strip() \
        == "#1 2024-03-02 golf at 81200 km: oil, 89.90"
    assert _run(out, work, "log", "golf", "2024-03-09", "81200", "wash", package="carlog").returncode == 0  # equal km is fine
    back = _run(out, work, "log", "golf", "2024-04-01", "80000", "tyres", package="carlog")
    assert (back.returncode, back.stderr.strip()) == (1, "odometer went backwards")
    assert _run(out, work, "fix", "2", "12", package="carlog").stdout.strip() == "#2 2024-03-09 golf at 81200 km: wash, 12.00"
    assert _run(out, work, "spent", package="carlog").stdout.splitlines() == ["golf: 101.90", "total: 101.90"]


def test_corpus4_markers_prefixes_and_computed_orders():
    """corpus4/climbs, parking, samples, vinyl, vocab: a marker stated on the line every
    command writes goes into the store's line (`, sent`, ` (discarded)`); "cost the most per
    hour (per_hour of the stay), dearest first" orders by a spec function of the record and
    "Each line is `RATE/h ` followed by the stay" puts its value before the line; "without
    --yes" guards a flag; "Take AMOUNT millilitres out of a tube" subtracts from the field
    the unit describes; `lend` sets `lent`; "add one to its plays"; "Records never played
    are left out"; "Prints the word's line as `list` shows it"."""
    climbs = _readings("corpus4/climbs")
    assert climbs["log"].suffix == (", sent", "item.sent")
    assert [(v.function, v.where) for v in climbs["count"].values] == [("count", None), ("count", "sent")]
    parking = _readings("corpus4/parking")
    assert parking["dearest"].order == ("call:per_hour(paid,minutes)", True)
    assert parking["dearest"].prefix == "{per_hour(item.paid, item.minutes):.2f}/h "
    assert [g.condition for g in parking["reset"].guards] == ["not yes"] and parking["reset"].operation == "remove"
    samples = _readings("corpus4/samples")
    assert [(a.field, a.op, a.value) for a in samples["draw"].assignments] == [("volume", "subtract", "param:amount")]
    vinyl = _readings("corpus4/vinyl")
    assert [(a.field, a.value) for a in vinyl["lend"].assignments] == [("lent", "True")]
    assert [(a.field, a.op, a.value) for a in vinyl["play"].assignments] == [("plays", "add", "1")]
    assert [(f.field, f.op, f.value) for f in vinyl["favourites"].filters] == [("plays", ">", "0")]
    assert vinyl["list"].suffix == (" [lent]", "item.lent") and vinyl["list"].output == "LABEL"
    assert vinyl["sell"].operation == "remove"
    vocab = _readings("corpus4/vocab")
    assert vocab["rate"].bare_line and vocab["rate"].message is None


def test_rooms_overlaps_differences_the_busiest_group_and_then_by(tmp_path):
    """tests/contract/rooms_spec.md (a newcomer's spec, this round): "a room already booked at
    an overlapping time that day" is a `stored` guard over the same room and day (not a
    duplicate room), "an end that is not after the start" a check between two arguments,
    "end minus start, added up" a sum of a difference, "The room with the most bookings" one
    group (ties A to Z), "by day and then by start hour" an order (no group by day)."""
    text = (HERE / "rooms_spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    assert [(g.kind, g.condition) for g in read["book"].guards] == [
        ("check", "end <= start"),
        ("stored", ("any(item.room == room and item.day == day and start < item.end and item.start < end "
                   "for item in store.all())"))]
    assert (read["hours"].aggregate.function, read["hours"].aggregate.field) == ("sum", "end-start")
    busiest = read["busiest"]
    assert (busiest.aggregate.group_by, busiest.order, busiest.limit) == ("room", ("value", True), "1")
    assert (read["mine"].operation, read["mine"].order, read["mine"].then_by) == ("list", ("day", False), ("start", False))

    out, work = _generated(tmp_path, text)
    for argv in (("blue", "2024-05-06", "9", "11", "ana"), ("blue", "2024-05-06", "11", "12", "cy"),
                 ("red", "2024-05-06", "10", "12", "ana")):
        assert _run(out, work, "book", *argv, package="rooms").returncode == 0, argv
    taken = _run(out, work, "book", "blue", "2024-05-06", "10", "11", "bo", package="rooms")
    assert (taken.returncode, taken.stderr.strip()) == (1, "blue is taken")
    assert _run(out, work, "hours", "ana", package="rooms").stdout.strip() == "ana: 4 hours"
    assert _run(out, work, "busiest", package="rooms").stdout.strip() == "blue (2 bookings)"


def test_routes_rules_by_measure_a_function_named_option_and_the_same_form(tmp_path):
    """tests/contract/routes_spec.md (a newcomer's spec, this round): the rule list "`hard`
    when it is over 80 km or has more than 1000 m of climbing, `easy` when it is under 30 km
    and has less than 300 m, `medium` otherwise" names its parameters by units; `--level`
    beside a function `level()` filters on the function's value (and the option's Python name
    does not hide the function); "in the same form as `new` prints them"; "once more" adds one
    to the field of how many times; "each route's length times how often I rode it, added up"."""
    text = (HERE / "routes_spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    assert [(f.call, f.op) for f in read["routes"].filters] == [("level(item.km, item.climb)", "==")]
    assert read["routes"].output == "NAME: KM km, CLIMB m (LEVEL)"
    assert [(a.field, a.op, a.value) for a in read["rode"].assignments] == [("ridden", "add", "1")]
    assert (read["total"].aggregate.function, read["total"].aggregate.field) == ("sum", "km*ridden")

    out, work = _generated(tmp_path, text)
    for argv in (("lake", "42.5", "350"), ("hills", "95", "1400"), ("park", "12", "50")):
        assert _run(out, work, "new", *argv, package="routes").returncode == 0, argv
    assert _run(out, work, "routes", "--level", "hard", package="routes").stdout.splitlines() == \
        ["hills: 95.0 km, 1400 m (hard)"]
    assert _run(out, work, "rode", "lake", package="routes").stdout.strip() == "lake ridden 1 times"
    assert _run(out, work, "total", package="routes").stdout.strip() == "total: 42.5 km"


def test_corpus3_bp_counts_per_category_a_spec_function_works_out_in_a_stated_order(tmp_path):
    """corpus3/bp: "How many readings fall in each category, as `CATEGORY: N`, in the order
    high, elevated, normal, low; a category with no readings is left out": the group key is
    ``category(sys, dia)`` (a spec function of the record), the groups come in the listed
    order, empty ones left out."""
    read = _readings("corpus3/bp")
    categories = read["categories"]
    assert (categories.aggregate.function, categories.aggregate.group_by, categories.key_order) == \
        ("count", "call:category(sys,dia)", ["high", "elevated", "normal", "low"])
    out, work = _generated(tmp_path, (HERE / "corpus3" / "bp" / "spec.md").read_text(encoding="utf-8"))
    for sys_, dia in (("128", "82"), ("112", "74"), ("150", "95"), ("118", "76")):
        assert _run(out, work, "add", "2024-02-01", sys_, dia, package="bp").returncode == 0
    assert _run(out, work, "categories", package="bp").stdout.splitlines() == ["high: 1", "elevated: 1", "normal: 2"]


def test_garden_a_computed_day_the_subject_of_a_duplicate_and_a_freed_record(tmp_path):
    """tests/contract/garden_spec.md (a newcomer's spec, this round): `ready(sown, days)`
    returns ISO days, so "Crops that will be ready on or before DAY, earliest harvest first"
    filters and orders on its value; "a bed that already has a crop" is a duplicate of the
    bed alone; "the bed is free again" removes the planting; derived tests give a field
    described `YYYY-MM-DD` a day (a spec function may parse it)."""
    text = (HERE / "garden_spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    assert [(f.call, f.op) for f in read["due"].filters] == [("ready(item.sown, item.days)", "<=")]
    assert read["due"].order == ("call:ready(sown,days)", False)
    assert [g.condition for g in read["sow"].guards if g.kind == "duplicate"] == ["bed:bed"]
    assert read["harvest"].operation == "remove"

    out, work = _generated(tmp_path, text)
    for bed, crop, day, days in (("B1", "carrots", "2024-04-01", "60"), ("B2", "beans", "2024-04-02", "50"),
                                 ("B3", "kale", "2024-05-01", "70")):
        assert _run(out, work, "sow", bed, crop, day, days, package="garden").returncode == 0
    assert _run(out, work, "due", "2024-06-01", package="garden").stdout.splitlines() == \
        ["2024-05-22 B2 beans", "2024-05-31 B1 carrots"]
    assert _run(out, work, "harvest", "B1", package="garden").stdout.strip() == "harvested carrots from B1"
    assert _run(out, work, "sow", "B1", "peas", "2024-06-01", "30", package="garden").returncode == 0


def test_brew_terse_descriptions_read_as_their_words_say():
    """tests/contract/brew_spec.md (a newcomer's spec in a terse style, this round): "Total
    litres brewed. ... Output: `LITRES l`" sums the field its one placeholder names (a
    summary, not a record's line); "Largest batch." (no "the") is the record with the most
    litres; "Batches per style, most first ... `STYLE: N`" counts per style."""
    project = spf.parse_spec((HERE / "brew_spec.md").read_text(encoding="utf-8"), file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    assert (read["litres"].operation, read["litres"].aggregate.function, read["litres"].aggregate.field) == \
        ("aggregate", "sum", "litres")
    assert (read["biggest"].order, read["biggest"].limit) == (("litres", True), "1")
    styles = read["styles"]
    assert (styles.aggregate.function, styles.aggregate.group_by, styles.order) == ("count", "style", ("value", True))
    assert [(f.field, f.op) for f in read["fermenting"].filters] == [("bottled", "is false")]


@pytest.mark.parametrize("phrase", [
    "Prints a confirmation: `added NAME (QTY)`.", "The answer is `added NAME (QTY)`.",
    "It prints one line, `added NAME (QTY)`.", "Confirmation line: `added NAME (QTY)`.",
    "Responds with `added NAME (QTY)`.", "Writes `added NAME (QTY)`.", "The line printed is `added NAME (QTY)`.",
    "Result: `added NAME (QTY)`", "You get back `added NAME (QTY)`.", "Reply: `added NAME (QTY)`.",
    "It confirms `added NAME (QTY)`."])
def test_the_line_a_command_prints_in_many_phrasings(phrase):
    """Users say what a command prints in many ways; each gives the stated line."""
    text = ("# Project: shop\n\n## Entity: Item\n- name: str\n- qty: int\n\n## Store: items\n- holds: Item\n"
            f"- path: items.json\n\n## Command: add(name: str, qty: int)\nPut an item on the shelf. {phrase}\n")
    project = spf.parse_spec(text)
    reading = interpret_command(project.commands[0], project, project.stores[0])[0]
    assert (reading.operation, reading.message_pattern) == ("add", "added NAME (QTY)")


@pytest.mark.parametrize("phrase, order", [
    ("All items by price, from high to low.", ("price", True)), ("All items, most expensive at the top.", ("price", True)),
    ("All items, cheapest at the top.", ("price", False)), ("All items, price descending.", ("price", True)),
    ("All items ordered by price (highest first).", ("price", True)), ("All items, newest on top.", ("added", True)),
    ("All items sorted by quantity, biggest first.", ("qty", True)),
    ("All items in reverse order of entry.", ("position", True))])
def test_orders_in_many_phrasings(phrase, order):
    """A direction said after the field ("by price, from high to low", "(highest first)",
    "price descending"), "at the top" for first, "in reverse order of entry"."""
    text = ("# Project: shop\n\n## Entity: Item\n- name: str\n- price: float\n- qty: int\n- added: str — YYYY-MM-DD\n\n"
            "## Store: items\n- holds: Item\n- path: items.json\n\n## Command: add(name: str, price: float, qty: int, "
            f"added: str)\nAdd an item.\n\n## Command: list\n{phrase} Each as `NAME PRICE QTY`.\n")
    project = spf.parse_spec(text)
    assert interpret_command(project.commands[1], project, project.stores[0])[0].order == order


@pytest.mark.parametrize("signature, phrase, expected", [
    ('cheap: bool = false', "`--cheap` lists only items under 5.00.", ("price", "<", "5.00", "cheap")),
    ('sold_out: bool = false', "`--sold-out` shows only items with qty 0.", ("qty", "==", "0", "sold_out")),
    ('in_stock: bool = false', "`--in-stock` leaves out items with no stock left.", ("qty", ">", "0", "in_stock"))])
def test_flags_tied_to_values_in_more_phrasings(signature, phrase, expected):
    """A flag written with dashes (`--sold-out` for `sold_out`), a bound with no field named
    (`--cheap` ... "under 5.00": the field cheapness is measured by), "with qty 0", "no stock
    left" (left out, or shown alone)."""
    text = ("# Project: shop\n\n## Entity: Item\n- name: str\n- price: float\n- qty: int\n\n## Store: items\n"
            "- holds: Item\n- path: items.json\n\n## Command: add(name: str, price: float, qty: int)\nAdd an item.\n\n"
            f"## Command: list({signature})\nAll items. {phrase} Each as `NAME PRICE QTY`.\n")
    project = spf.parse_spec(text)
    reading = interpret_command(project.commands[1], project, project.stores[0])[0]
    assert [(f.field, f.op, f.value, f.when) for f in reading.filters] == [expected] and not reading.ignored


@pytest.mark.parametrize("name, phrase, expected", [
    ("priciest", "Which item costs the most: `NAME PRICE`.", "print each Item, ordered by price descending, at most 1"),
    ("low", "Items running low (fewer than 3 left): `NAME QTY`.", "print each Item where qty < 3"),
    ("empty", "Items with none left: `NAME`.", "print each Item where qty <= 0"),
    ("stock", "How many units in stock altogether: `N units`.", "print the sum of qty over each Item"),
    ("max_qty", "The biggest stock of any item: `N`.", "print the max of qty over each Item")])
def test_summaries_and_selections_in_more_phrasings(name, phrase, expected):
    """"Which item costs the most" (the verb names the quality), "fewer than 3 left" and "none
    left" over the one count field, "how many units ... altogether" and "the biggest stock"
    (`qty` goes by "units" and "stock")."""
    text = ("# Project: shop\n\n## Entity: Item\n- name: str\n- shelf: str\n- price: float\n- qty: int\n\n"
            "## Store: items\n- holds: Item\n- path: items.json\n\n## Command: add(name: str, shelf: str, price: float, "
            f"qty: int)\nAdd an item.\n\n## Command: {name}\n{phrase}\n")
    project = spf.parse_spec(text)
    assert interpret_command(project.commands[1], project, project.stores[0])[0].words().startswith(expected)


@pytest.mark.parametrize("name, signature, phrase, expected", [
    ("rename", "old: str, new: str", "Rename an item from OLD to NEW.", "for the Item whose name is OLD: set name to NEW"),
    ("sell", "name: str", "Sell one of an item: one fewer in stock.", "for the Item whose name is NAME: decrease qty by 1"),
    ("sell", "name: str, qty: int", "Sell QTY of an item; its stock goes down by QTY.",
     "for the Item whose name is NAME: decrease qty by QTY")])
def test_updates_in_more_phrasings(name, signature, phrase, expected):
    """`rename(old, new)` "from OLD to NEW" finds the record by the old value of its key and
    sets the new one; "one fewer in stock" and "its stock goes down by QTY" change a count
    (the record stays, though `sell` alone would remove it)."""
    assert _shop_reading("- price: float\n- qty: int", name, signature, phrase).words().startswith(expected)


def _shop_reading(fields: str, name: str, signature: str, phrase: str):
    """The best reading of one command of a shop of items (name, shelf and ``fields``)."""
    typed = ", ".join(line[2:].split(" — ")[0] for line in fields.splitlines())
    text = (f"# Project: shop\n\n## Entity: Item\n- name: str\n- shelf: str\n{fields}\n\n## Store: items\n"
            f"- holds: Item\n- path: items.json\n\n## Command: add(name: str, shelf: str, {typed})\nAdd an item.\n\n"
            f"## Command: {name}({signature})\n{phrase}\n")
    project = spf.parse_spec(text)
    return interpret_command(project.commands[1], project, project.stores[0])[0]


def test_gym_a_parameter_named_like_a_builtin_a_count_threshold_and_a_unit(tmp_path):
    """tests/contract/gym_spec.md (a newcomer's spec): `regulars(min: int = 3)` names a builtin
    the generated code calls (``min(...)``); the option keeps its name on the command line and
    is `min_` in Python, so the command runs (it crashed with "'int' object is not callable").
    "Members with at least MIN visits, most visits first" counts the visits per member and keeps
    the members whose count reaches MIN (it was read as the min of minutes); "Time spent per
    member ... in whole hours rounded down: `MEMBER: H h`" is the minutes per member // 60,
    H its value (H was bound to nothing). A letter the words give no meaning to still makes
    the unit partial, never unchecked."""
    project = tmp_path / "project"
    project.mkdir()
    text = (HERE / "gym_spec.md").read_text(encoding="utf-8")
    (project / "spec.md").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    statuses = _command_statuses(spf.generate(project, out=out, verify=False))
    assert statuses["command:hours"] == statuses["command:regulars"] == "implemented"  # not verified here
    work = tmp_path / "work"
    work.mkdir()
    for member, day, minutes in [("ana", "2024-03-01", "90"), ("bo", "2024-03-01", "60"),
                                 ("ana", "2024-03-02", "40"), ("cy", "2024-03-02", "59"),
                                 ("bo", "2024-03-03", "20"), ("bo", "2024-03-04", "20")]:
        assert _run(out, work, "checkin", member, day, minutes, package="gym").returncode == 0
    assert _run(out, work, "hours", package="gym").stdout.splitlines() == ["ana: 2 h", "bo: 1 h", "cy: 0 h"]
    assert _run(out, work, "regulars", package="gym").stdout.splitlines() == ["bo (3 visits)"]
    ran = _run(out, work, "regulars", "--min", "1", package="gym")
    assert ran.returncode == 0 and "not callable" not in ran.stderr
    assert ran.stdout.splitlines() == ["bo (3 visits)", "ana (2 visits)", "cy (1 visits)"]

    (project / "spec.md").write_text(text.replace("in whole hours rounded down: `MEMBER: H h`",
                                                  "as `MEMBER: Q q`"), encoding="utf-8")
    assert _command_statuses(spf.generate(project, out=tmp_path / "out2", verify=False))["command:hours"] == "partial"


def _command_statuses(report) -> dict[str, str]:
    """Each command's unit status in a generate report."""
    return {unit["design_unit"]: unit["status"] for unit in report.to_dict()["units"]
            if unit.get("design_unit", "").startswith("command:") and unit.get("kind") == "function"}


@pytest.mark.parametrize("signature, phrase, expected", [
    ("least: int = 2", "Shelves with at least LEAST items, fullest first: `SHELF N`.",
     "print the count of shelf per shelf, only the groups where it is >= LEAST over each Item, ordered by value"),
    ("", "Shelves that have more than 3 items: `SHELF N`.",
     "print the count of shelf per shelf, only the groups where it is > 3 over each Item"),
    ("", "Shelves with exactly one item: `SHELF`.",
     "print the count of shelf per shelf, only the groups where it is == 1 over each Item"),
    ("", "Total weight per shelf in kg: `SHELF KG kg`.", "print the (sum of grams) / 1000 per shelf over each Item"),
    ("", "The weight of each shelf in whole kilograms: `SHELF: KG`.", "print the (sum of grams) // 1000 per shelf"),
])
def test_groups_with_a_bound_on_their_count_and_values_in_another_unit(signature, phrase, expected):
    """A bound on each group's count ("shelves with at least LEAST items", a parameter or a
    number, "exactly one"), not a filter on a field; a sum asked "in kg" over a `grams` field
    is divided by 1000 ("whole": rounded down)."""
    assert _shop_reading("- grams: int — its weight", "report", signature, phrase).words().startswith(expected)


def test_corpus6_terse_readings():
    """corpus6 (the terse author): "nitrate < 0" as an error clause; "plus ` W` when --changed is
    given" a marker, not part of every line; "--since DAY and --until DAY (both inclusive)",
    "--min N / --max N on cycles" (a range, not a limit), "--before Y (year < Y)"; "as log
    prints it" / "Printed like log" take that command's line; "Latest check of one tank";
    "--sort label|cycles|mah" with "--desc to flip" and the stated error for another key;
    "Count --times charges (default 1)" adds to the field it describes; "Same country + year +
    value already there: its qty goes up"; "country A-Z, then year asc"; "(OK = jars -
    unsealed)"; "loaded -> shot" moves a state; "`n/a` in place of STARS/5 while unrated"."""
    tanks = _readings("corpus6/tanks")
    assert "(nitrate < 0)" in [g.condition for g in tanks["log"].guards]
    assert tanks["log"].suffix == (" W", "item.changed") and " W" not in (tanks["log"].message or "")
    assert [(f.field, f.op, f.value) for f in tanks["list"].filters] == [
        ("tank", "==", "param:tank"), ("day", ">=", "param:since"), ("day", "<=", "param:until")]
    assert tanks["list"].output == "#ID TANK DAY no3=NITRATE" and tanks["list"].suffix == (" W", "item.changed")
    assert (tanks["last"].order, tanks["last"].then_by, tanks["last"].limit) == (
        ("day", True), ("position", True), "1")
    batteries = _readings("corpus6/batteries")
    assert [(f.field, f.op, f.value) for f in batteries["list"].filters if f.field == "cycles"] == [
        ("cycles", ">=", "param:min"), ("cycles", "<=", "param:max")]
    assert batteries["list"].limit is None and batteries["list"].order_flip == "desc"
    assert batteries["list"].order_choices[1] == {"label": ["label", False], "cycles": ["cycles", False],
                                                  "mah": ["mah", False]}
    assert any(g.condition.startswith("sort not in") for g in batteries["list"].guards)
    assert [(a.field, a.op, a.value) for a in batteries["charge"].assignments] == [("cycles", "add", "param:times")]
    assert ("label", "tag") in batteries["add"].transforms
    coins = _readings("corpus6/coins")
    assert coins["add"].merge == ["country", "year", "value"]
    assert (coins["list"].order, coins["list"].then_by) == (("country", False), ("year", False))
    assert ("year", "<", "param:before") in [(f.field, f.op, f.value) for f in coins["list"].filters]
    assert any(g.condition == "refuses(grade_rank(grade))" for g in coins["regrade"].guards)
    canning = _readings("corpus6/canning")
    assert canning["list"].definitions == {"OK": "item.jars - item.unsealed"}
    assert [(a.field, a.op) for a in canning["unsealed"].assignments] == [("unsealed", "add")]
    assert any(g.condition == "item.unsealed + count > item.jars" for g in canning["unsealed"].guards)
    film = _readings("corpus6/film")
    assert [(a.field, a.value) for a in film["shot"].assignments] == [("status", "'shot'")]
    assert any(g.condition == "item.status != 'loaded'" for g in film["shot"].guards)
    gigs = _readings("corpus6/gigs")
    assert gigs["list"].definitions["ALTWORD"] == "'n/a' if item.stars == 0 else str(item.stars) + '/5'"
    assert {("stars", ">", "0"), ("stars", "!=", "0")} & {(f.field, f.op, f.value) for f in gigs["best"].filters}
    # ("Unrated gigs never show" over `stars — ...; 0 = not rated yet`: not the value it has until rated)


def test_corpus5_chatty_readings():
    """corpus5 (the chatty author): "it comes back as `lesson N: ...`", "minutes that are not a
    whole number of quarter hours", two line formats that differ in one word under a flag's
    condition, `F frames, H kg` (one-letter placeholders by the field's initial), "M counts the
    different hives", a total line after one-letter values, "a boat that isn't out right now"
    (no record, or only one that is back), "tidied by boat_code" in a field's description."""
    lessons = _readings("corpus5/lessons")
    assert lessons["teach"].message_pattern == "lesson N: STUDENT on DAY, TIME"
    assert "(minutes % 15 != 0)" in [g.condition for g in lessons["teach"].guards]
    assert lessons["book"].definitions["FLAGWORD"] == "'owed' if not item.paid else 'paid'"
    hives = _readings("corpus5/hives")
    assert [(v.function, v.field) for v in hives["count"].values] == [("count", None), ("distinct", "hive")]
    assert hives["harvest"].total == "total: H kg"
    kayaks = _readings("corpus5/kayaks")
    assert ("boat", "boat_code") in kayaks["rent"].transforms
    assert kayaks["rent"].message == "rental {item.number}: {item.boat} to {item.renter}, {item.hours} h, {item.price:.2f}"
    assert {g.kind for g in kayaks["back"].guards} == {"lookup", "state"}


@pytest.mark.parametrize("name, signature, phrase, expected", [
    ("list", "min: int | None = none, max: int | None = none",
     "Filter with --min N / --max N on qty, inclusive.", "print each Item where qty >= MIN when MIN is given and qty <= MAX"),
    ("list", "before: int | None = none", "--before N (qty < N).", "print each Item where qty < BEFORE when BEFORE"),
    ("list", "", "All items, shelf A-Z, then qty desc.", "print each Item, ordered by shelf then qty descending"),
    ("restock", "name: str, times: int = 1", "Restock an item --times times (default 1).",
     "for the Item whose name is NAME: increase qty by TIMES"),
    ("scrap", "", "Delete the most recently recorded item (highest number).", "delete the most recently added Item"),
])
def test_terse_and_chatty_phrasings(name, signature, phrase, expected):
    """Options named for the field they bound ("--min N / --max N on qty", "(qty < N)"), terse
    orders ("shelf A-Z, then qty desc"), a count argument defaulting to 1 that adds to the
    field its name describes, "the most recently recorded ... (highest number)"."""
    reading = _shop_reading("- qty: int — how many times it was stocked", name, signature, phrase)
    assert reading.words().startswith(expected)


def test_pomo_a_marker_on_the_confirmation_and_an_empty_day_named_by_its_argument(tmp_path):
    """tests/contract/pomo_spec.md (a newcomer's spec written at the end of round six): "plus
    ` (done)` when --done is given" marks focus's own confirmation (it was only on `today`,
    which prints lines "as focus prints it"), and "Nothing that day: `nothing on DAY`" is the
    empty case with the argument written in."""
    out, work = _generated(tmp_path, (HERE / "pomo_spec.md").read_text(encoding="utf-8"))
    ran = _run(out, work, "focus", "Email", "2024-04-01", "--minutes", "10", "--done", package="pomo")
    assert ran.stdout.splitlines() == ["#1 email on 2024-04-01: 10 min (done)"]
    assert _run(out, work, "focus", "Writing", "2024-04-01", package="pomo").stdout.splitlines() == [
        "#2 writing on 2024-04-01: 25 min"]
    assert _run(out, work, "today", "2024-04-01", package="pomo").stdout.splitlines() == [
        "#1 email on 2024-04-01: 10 min (done)", "#2 writing on 2024-04-01: 25 min"]
    assert _run(out, work, "today", "2024-04-09", package="pomo").stdout.splitlines() == ["nothing on 2024-04-09"]
    assert _run(out, work, "per_task", package="pomo").stdout.splitlines() == ["writing: 25 min", "email: 10 min"]


def test_leftovers_eat_one_portion_and_finish_it(tmp_path):
    """tests/contract/leftovers_spec.md (a newcomer's spec written at the end of round six):
    "Eat one portion of a food" takes one from `portions` (it was read as showing the food);
    `NAME: N left` prints what the change left, not how many records matched; "when the last
    portion is eaten the food is removed and it prints `finished NAME`" is that reading's own
    line, so the unit is not doubted for it."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "spec.md").write_text((HERE / "leftovers_spec.md").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert _command_statuses(spf.generate(project, out=out, verify=False))["command:eat"] == "implemented"
    work = tmp_path / "work"
    work.mkdir()
    assert _run(out, work, "put", "Soup", "2024-05-10", "--portions", "2", package="fridge").returncode == 0
    assert _run(out, work, "eat", "soup", package="fridge").stdout.splitlines() == ["soup: 1 left"]
    assert _run(out, work, "eat", "soup", package="fridge").stdout.splitlines() == ["finished soup"]
    gone = _run(out, work, "eat", "soup", package="fridge")
    assert (gone.returncode, gone.stderr.strip()) == (1, "no soup in the fridge")
    assert _run(out, work, "portions", package="fridge").stdout.splitlines() == ["0 portions"]


def test_corpus5_readings_of_round_seven():
    """corpus5, read again in round seven: per-group counts over a field's stated values with
    the empty groups ("always prints three lines ... even for a size I have none of"), "how
    many candles" summing the one "how many" field, a merged add whose optional price "becomes
    its new price", "--low N: the candles with N or fewer left" over the quantity field, a tie
    broken by a stated list ("within one scent the sizes go small, medium, large"), "we retire
    her: she leaves the flock" (a remove), "level at the top" (a tie), `no eggs yet` until a
    hen has some, a superlative command name (`deepest`), `N dives, M min underwater` (M's
    own words), "one line per dive site", and "written everywhere" by a function."""
    candles = _readings("corpus5/candles")
    sizes = candles["sizes"]
    assert (sizes.aggregate.function, sizes.aggregate.field, sizes.aggregate.group_by) == ("sum", "stock", "size")
    assert (sizes.every_group, sizes.key_order) == ("small|medium|large", ["small", "medium", "large"])
    assert [(a.field, a.op, a.value) for a in candles["pour"].assignments] == [
        ("stock", "add", "param:count"), ("price", "set", "param:price")]
    shelf = candles["shelf"]
    assert [(f.field, f.op) for f in shelf.filters] == [("size", "=="), ("stock", "<=")]
    assert (shelf.order, shelf.then_by) == (("scent", False), ("rank:size:small|medium|large", False))
    quilts = _readings("corpus5/quilts")
    assert quilts["stages"].every_group == "cut|pieced|quilted|bound"
    coop = _readings("corpus5/coop")
    assert coop["retire"].operation == "remove" and coop["retire"].message_pattern == "goodbye, NAME"
    best = coop["best"]
    assert (best.order, best.then_by, best.limit) == (("eggs", True), ("name", False), "1")
    assert [(f.field, f.op, f.value) for f in best.filters] == [("eggs", ">", "0")]
    dives = _readings("corpus5/dives")
    assert (dives["deepest"].order, dives["deepest"].then_by, dives["deepest"].limit) == (
        ("depth", True), ("day", False), "1")
    assert [(v.function, v.field) for v in dives["time"].values] == [("count", None), ("sum", "minutes")]
    assert [(v.function, v.field, v.group_by) for v in dives["sites"].values] == [
        ("count", None, "site"), ("max", "depth", "site")]
    assert "metres(values[1])" in dives["sites"].message
    assert dives["average"].aggregate.group_by is None


def test_corpus5_candles_and_coop_generated_right(tmp_path):
    """The programs of those readings: a merged pour keeps one line per scent and size and
    takes a new price; `sizes` prints every size; `shelf` orders by the stated sizes and
    reads N as the stock; coop's `average` writes its value where the example's number stands
    (it wrote an undefined name) and `retire` removes the hen."""
    out = tmp_path / "candles"
    spf.generate(HERE / "corpus5/candles", out=out, verify=False)
    work = tmp_path / "work"
    work.mkdir()
    for argv in (["pour", "fig", "large", "2"], ["pour", "fig", "small", "4"], ["pour", "FIG", "small", "1", "--price", "6.5"]):
        _run(out, work, *argv, package="candles")
    assert _run(out, work, "shelf", package="candles").stdout.splitlines() == [
        "fig (small): 5 at 6.50", "fig (large): 2 at 8.00"]
    assert _run(out, work, "shelf", "--low", "2", package="candles").stdout.splitlines() == ["fig (large): 2 at 8.00"]
    assert _run(out, work, "sizes", package="candles").stdout.splitlines() == ["small: 5", "medium: 0", "large: 2"]
    coop = tmp_path / "coop"
    spf.generate(HERE / "corpus5/coop", out=coop, verify=False)
    yard = tmp_path / "yard"
    yard.mkdir()
    for argv in (["add", "mabel"], ["add", "dotty"], ["add", "hilda"], ["lay", "mabel", "--eggs", "4"],
                 ["lay", "dotty", "--eggs", "3"]):
        _run(coop, yard, *argv, package="coop")
    assert _run(coop, yard, "average", package="coop").stdout.splitlines() == ["2.3 eggs per hen"]
    assert _run(coop, yard, "retire", "hilda", package="coop").stdout.splitlines() == ["goodbye, Hilda"]
    assert _run(coop, yard, "flock", package="coop").stdout.splitlines() == ["Mabel (mixed): 4 eggs", "Dotty (mixed): 3 eggs"]


def test_sqlite_store_of_an_entity_with_an_id_field(tmp_path):
    """An entity with its own `id` field in an SQLite store: the table's row id is `_rowid`
    (it was a second `id` column and every command failed with "duplicate column name")."""
    out, work = _generated(
        tmp_path, "# Project: lots\nLots.\n\n## Entity: Lot\n- id: int — one more than the highest id\n- name: str\n\n"
        "## Store: lots\n- holds: Lot\n- format: sqlite\n- path: lots.db\n\n"
        "## Command: add(name: str)\nAdd a lot and print `added ID: NAME`.\n\n"
        "## Command: list\nEvery lot as `ID NAME`.\n")
    assert _run(out, work, "add", "chair", package="lots").stdout.strip() == "added 1: chair"
    assert _run(out, work, "add", "lamp", package="lots").stdout.strip() == "added 2: lamp"
    assert _run(out, work, "list", package="lots").stdout.splitlines() == ["1 chair", "2 lamp"]


def test_corpus7_and_corpus8_readings_of_round_seven():
    """corpus7 (user stories) and corpus8 (a writer whose first language is not English),
    read in round seven: a duplicate on a field a spec function works out ("the same callsign
    on the same band on the same day"), "with NAME tidied by person as its holder" beside
    the flag and "bumps its lent count by one", "marks ... as not out and clears its holder",
    "a key that is on the board" (a text field empty while it hangs there), "a tag that
    tag_ok rejects", "a size where norm_size raises ValueError" beside a duplicate "in other
    case", "in case the name exists already (big or small letters do not matter)", "grams or
    minutes smaller than 1", "the thing with this number" marked returned with the owner
    kept, `5 things, 2 waiting`, "It prints like `erased 2`"."""
    hamlog = _readings("corpus7/hamlog")
    dupe = next(g for g in hamlog["log"].guards if g.kind == "duplicate")
    assert sorted(pair.split(":", 1)[0] for pair in dupe.condition.split(",")) == ["band", "call", "day"]
    assert "refuses(band(mhz))" in [g.condition for g in hamlog["log"].guards]
    assert not hamlog["log"].ignored
    keyring = _readings("corpus7/keyring")
    assert [(a.field, a.op, a.value) for a in keyring["lend"].assignments] == [
        ("lent", "add", "1"), ("out", "set", "True"), ("holder", "set", "param:name")]
    assert [(a.field, a.value) for a in keyring["back"].assignments] == [("holder", "''"), ("out", "False")]
    assert "not item.holder" in [g.condition for g in keyring["back"].guards]
    assert "not tag_ok(tag)" in [g.condition for g in keyring["register"].guards]
    costumes = _readings("corpus8/costumes")
    assert [(g.kind, g.condition) for g in costumes["add"].guards] == [
        ("predicate", "refuses(norm_size(size))"), ("duplicate", "code:code")]
    choir = _readings("corpus8/choir")
    assert [g.kind for g in choir["join"].guards] == ["predicate", "duplicate"]
    printer = _readings("corpus8/printer")
    assert "(grams < 1) or (minutes < 1)" in [g.condition for g in printer["add"].guards]
    lostfound = _readings("corpus8/lostfound")
    giveout = lostfound["giveout"]
    assert (giveout.select, giveout.locate_field) == ("key", "number")
    assert {(a.field, a.value) for a in giveout.assignments} == {("returned", "True"), ("owner", "param:owner")}
    assert [(v.function, v.where) for v in lostfound["count"].values] == [("count", None), ("count", "not returned")]
    assert lostfound["erase"].message_pattern == "erased N"  # the count (the sample's 2, read as N since round thirty-two)
    assert [(f.field, f.op) for f in lostfound["erase"].filters] == [("returned", "is true")]


def test_corpus9_and_corpus10_readings_of_round_seven():
    """corpus9 (man pages) and corpus10 (numbered 'shall' requirements), read in round seven:
    error clauses stated in the prose, a requirement turned into the condition that breaks it
    ("must be from 1 to 120; otherwise the command shall print ... and stop with status 2"),
    "the stay shall be stored" (an add), "shall be taken out of the register" (a remove),
    "the tree line `...`" named by other commands, `H:MM = hhmm(MINUTES)`, a capital unit
    glued to a placeholder (`CAPACITYG`), `PCT` written by pct() -> int, "per-vault"."""
    from spf_plugins.stages.commands import formatter_expression, pattern_parts

    from spf.interpretation import prose_errors

    lockers = spf.load_spec(HERE / "corpus10/lockers")
    assign = next(c for c in lockers.commands if c.name == "assign")
    assert [(e.condition, e.message, e.status) for e in prose_errors(assign)] == [
        ("The locker number outside 1 to 120", "no such locker", 2),
        ("The month that valid_month rejects", "month must be YYYY-MM", 2),
        ("the locker is already rented", "locker taken", 1)]
    read = _readings("corpus10/lockers")["assign"]
    assert [g.condition for g in read.guards] == ["(locker < 1 or locker > 120)", "not valid_month(until)", "locker:locker"]
    kennel = _readings("corpus10/kennel")
    assert kennel["checkin"].operation == "add"
    assert "(rate <= 0)" in [g.condition for g in kennel["checkin"].guards]
    orchard = _readings("corpus10/orchard")
    assert orchard["fell"].operation == "remove"
    tapes = spf.load_spec(HERE / "corpus9/tapes")
    tape = tapes.entities[0]
    assert formatter_expression(pattern_parts("LABEL USED/CAPACITYG VAULT", "", tape)) == \
        'f"{item.label} {item.used}/{item.capacity}G {item.vault}"'
    usage = _readings("corpus9/tapes")["usage"]
    assert [(v.function, v.field, v.group_by) for v in usage.values] == [
        ("count", None, "vault"), ("sum", "used", "vault"), ("sum", "capacity", "vault")]
    assert usage.message == "{key}: {values[0]} tapes, {values[1]}/{values[2]}G"
    flights = spf.load_spec(HERE / "corpus9/flights")
    from spf.interpretation import placeholder_writers
    writers = placeholder_writers(flights)
    assert writers["H:MM"] == ("hhmm", "minutes")
    assert formatter_expression(pattern_parts("#N DAY REG H:MM", "", flights.entities[0], writers={
        "H:MM": ("hhmm", "item.minutes")})) == 'f"#{position} {item.day} {item.reg} {hhmm(item.minutes)}"'


def test_user_stories_put_the_operation_after_the_why():
    """"As the facilities lead I want a leaderboard of the most used keys, so ... . Lists the
    keys that were lent at least once, the most lent first": the story sentence is the why, so
    "Lists" decides (it read as an update), and "lent at least once" keeps lent >= 1."""
    popular = _readings("corpus7/keyring")["popular"]
    assert popular.operation == "list"
    assert [(f.field, f.op, f.value) for f in popular.filters] == [("lent", ">=", "1")]
    assert popular.limit == "param:top"


def test_seedlib_a_variety_we_already_have_gets_the_packets_added(tmp_path):
    """tests/contract/seedlib_spec.md (a newcomer's spec written at the end of round seven): "A
    variety we already have gets the packets added to what is there" merges a second stock of
    the same variety (in any case: the variety is kept in lower case) into its line; it added a
    second line, and `lend` then took a packet off both."""
    out, work = _generated(tmp_path, (HERE / "seedlib_spec.md").read_text(encoding="utf-8"))
    assert _run(out, work, "stock", "tomato", "1", package="seedlib").stdout.strip() == "tomato: 1 on the shelf"
    assert _run(out, work, "stock", "TOMATO", "2", package="seedlib").stdout.strip() == "tomato: 3 on the shelf"
    assert _run(out, work, "lend", "tomato", package="seedlib").stdout.strip() == "tomato: 2 left"
    assert _run(out, work, "shelf", package="seedlib").stdout.splitlines() == ["tomato: 2 (1 out)"]


def test_corpus8_to_10_readings_of_round_eight():
    """Round eight's readings of corpus8-10: a clause's own bounds beat a spec function that
    raises ("ml outside 0..1000" is no stars() check); "matches one in the drawer" is a
    duplicate; "Output, the ink line used everywhere: `...`" is what add prints; "ascending
    lexicographic order of the case-folded name"; "went into a pen" (refused when more than
    is left) takes away; a key unique ignoring case is found in any case; an option's own
    words say whole or part; "--dry: with 0 ml left"; "With no rated bottle: `...`"; "BILL is
    the stay's bill (computed by bill) written by money"; "add up the bills of the stays"."""
    from spf.interpretation import placeholder_writers

    inks = _readings("corpus9/inks")
    add = inks["add"]
    assert [g.condition for g in add.guards] == ["(ml < 0 or ml > 1000)", "(rating < 0 or rating > 5)", "name:name"]
    assert add.message_pattern == "NAME by MAKER, COLOR, MLml [STARS]" and add.output is None
    ls = inks["ls"]
    assert ls.order == ("name", False)
    assert [(f.field, f.op, f.ignore_case) for f in ls.filters][:1] == [("maker", "==", True)]
    assert ("ml", "<=", "0") in [(f.field, f.op, f.value) for f in ls.filters]
    assert [(a.field, a.op) for a in inks["use"].assignments] == [("ml", "subtract")]
    assert inks["rate"].locate_ignore_case
    assert [(g.kind, g.message) for g in inks["best"].guards] == [("empty", "no rated inks")]
    kennel = spf.load_spec(HERE / "corpus10/kennel")
    assert placeholder_writers(kennel)["BILL"] == ("money", "bill(nights,rate)")
    owed = _readings("corpus10/kennel")["owed"]
    assert owed.aggregate.function == "sum" and owed.aggregate.field == "call:bill(nights,rate)"
    erase = _readings("corpus8/mushrooms")["erase"]
    assert erase.message_pattern == "erased N finds"  # how many went (round twenty-eight: the sample's 3 was kept)


def test_mushrooms_a_unit_switch_writer_and_the_list_line_borrowed(tmp_path):
    """corpus8/mushrooms: `weight(grams)` writes `850 g` or `1.25 kg`, so the ` g` after the
    number in an example line is the writer's own (it printed `850 g g`), also in the list,
    which never names weight; "It prints the find like in list" prints the list's learned
    line (it printed `updated: ...` with every field)."""
    spec = (HERE / "corpus8/mushrooms/spec.md").read_text(encoding="utf-8")
    out, work = _generated(tmp_path, spec)
    run = lambda *args: _run(out, work, *args, package="mushrooms")
    assert run("found", "Boletus  Edulis", "1999", "Waldweg", "2024-09-14").stdout.strip() == \
        "#1 boletus edulis 1.99 kg at Waldweg on 2024-09-14"
    assert run("found", "chanterelle", "300", "Old Mill", "2024-09-20").stdout.strip() == \
        "#2 chanterelle 300 g at Old Mill on 2024-09-20"
    assert run("list").stdout.splitlines() == ["#2 2024-09-20 chanterelle 300 g (Old Mill)",
                                               "#1 2024-09-14 boletus edulis 1.99 kg (Waldweg)"]
    assert run("correct", "2", "1300").stdout.strip() == "#2 2024-09-20 chanterelle 1.30 kg (Old Mill)"
    assert run("erase", "chanterelle").stdout.strip() == "erased 1 finds"


def test_two_tails_a_whole_selection_and_an_option_said_after_i_e():
    """corpus9/oncall and corpus7/kiln: "`#N SERVICE sev SEV open` for an open incident, `#N
    SERVICE sev SEV resolved HM` for a resolved one" is one line with two tails a flag chooses
    (it printed `open` for every incident); "followed by ` - in kiln` while the firing is not
    unloaded, or by ` - CRACKED cracked` once it is"; "restrict to severity N or worse, i.e.
    sev numerically <= N" (the sentence was cut at "i.e."); "sum, mean and max of outage
    minutes over resolved incidents" filters them all (it counted only the resolved ones and
    summed every one), "the mean ... truncated to whole minutes"; "only those whose peak is
    above T (a peak of exactly T is left out)" is about the peak, not what is "left"."""
    oncall = _readings("corpus9/oncall")
    ls = oncall["ls"]
    assert ls.output == "#N SERVICE sev SEV"
    assert ls.suffix == (" resolved {hm(item.minutes)}", "item.resolved", " open")
    assert ("sev", "<=", "param:sev") in [(f.field, f.op, f.value) for f in ls.filters]
    stats = oncall["stats"]
    assert [(v.function, v.where, v.scale) for v in stats.values] == [
        ("count", None, None), ("sum", None, None), ("mean", None, "int"), ("max", None, None)]
    assert ("resolved", "is true") in [(f.field, f.op) for f in stats.filters]
    history = _readings("corpus7/kiln")["history"]
    assert history.suffix == (" - in kiln", "not item.unloaded", " - {item.cracked} cracked")
    assert ("peak", ">", "param:hotter") in [(f.field, f.op, f.value) for f in history.filters]


def test_recycle_requirements_with_bounds_a_pointer_to_a_function_and_fixed_groups():
    """corpus10/recycle: "The kilos must be above 0 and at most 500; otherwise ..." (two bounds
    turned around: it was dropped), "must obey the same rule as in drop: above 0 and at most
    500, otherwise it shall print" (it read the requirement as the refusal), "The material is
    written with material_of; when that raises ValueError" ("that" is material_of), "Given
    `--material M` ... M is first written with material_of" (M is the option; checked only
    when given), "exactly four lines, one for each material in the fixed order paper, glass,
    metal, plastic ... A material without drop-offs shall still be printed"."""
    read = _readings("corpus10/recycle")
    assert [g.condition for g in read["drop"].guards] == [
        "not valid_day(day)", "refuses(material_of(material))", "(kilos > 500) or (kilos <= 0)"]
    assert "(kilos > 500) or (kilos <= 0)" in [g.condition for g in read["fix"].guards]
    assert "refuses(material_of(material))" in [g.condition for g in read["list"].guards]
    materials = read["materials"]
    assert materials.every_group == "paper|glass|metal|plastic"
    assert list(materials.key_order) == ["paper", "glass", "metal", "plastic"]


def test_hamlog_a_stated_line_over_a_learned_one_and_a_count_per_band():
    """corpus7/hamlog: the list's examples leave the band as text (`20m`, worked out by band()
    from a frequency the replay cannot compute) while `#NUMBER DAY CALL BAND MODE RST` names
    it: the stated line wins (every band printed `20m`); "one line `BAND: N` for each band
    that has contacts, the most contacts first; bands with the same number come in the order
    80m, 40m, 20m, 15m, 10m" is a count per band (it printed each contact), by the count,
    ties in the stated order."""
    read = _readings("corpus7/hamlog")
    assert read["list"].output_template is None and read["list"].output == "#NUMBER DAY CALL BAND MODE RST"
    bands = read["bands"]
    assert bands.operation == "aggregate" and bands.aggregate.function == "count"
    assert bands.aggregate.group_by == "band" and bands.order == ("value", True)
    assert list(bands.key_order) == ["80m", "40m", "20m", "15m", "10m"]


def test_firewood_a_computed_value_written_by_another_and_a_line_like_another_command():
    """corpus8/firewood: "in brackets the price of one stere (per_stere, written with euro)"
    beside an example line: the number the line left as text (`85.00 EUR`, the same for every
    delivery) is ``euro(per_stere(item.price, item.steres))``; "The lines are the same like
    the command order is printing them" is order's line; `owed: 510.00 EUR` where euro()
    writes `1,234.50 EUR` is ``euro(value)`` (it printed `1190.00 EUR`)."""
    read = _readings("corpus8/firewood")
    assert "({euro(per_stere(item.price, item.steres))} per st)" in read["order"].message
    assert read["list"].output == read["order"].message_pattern
    assert read["owed"].message == "owed: {euro(value)}"


def test_certs_a_record_found_by_key_given_a_new_value_and_its_line_in_another_format():
    """corpus9/certs: "record a renewed certificate's new expiry day" with "a domain that is
    not tracked" is an update of the record found by its domain (it read as an add: a record
    that must exist is never added); "a new day that is not later than the current expiry"
    compares the argument with the record found; "look up one domain and echo its line in
    the track format" is a show of track's line (it borrowed the `due` line)."""
    read = _readings("corpus9/certs")
    renew = read["renew"]
    assert renew.operation == "update" and renew.select == "key" and renew.locate_field == "domain"
    assert ("state", "expires <= item.expires") in [(g.kind, g.condition) for g in renew.guards]
    show = read["show"]
    assert show.operation == "show" and show.output == "DOMAIN expires EXPIRES (ISSUER)"


def test_stargaze_a_placeholder_naming_its_field_and_a_quality_measured_the_other_way():
    """corpus10/stargaze: "MAG is the magnitude written\\n by mag" (a clause across lines, the
    field named in words) writes `mag(item.magnitude)` (it printed `MAG`); "(the same line that
    log prints)"; "the brightest records first; a smaller magnitude means a brighter object"
    orders by magnitude ascending; "set its sketched field to true" on the record found by
    number is no filter on sketched."""
    from spf.interpretation import placeholder_writers

    assert placeholder_writers(spf.load_spec(HERE / "corpus10/stargaze"))["MAG"] == ("mag", "magnitude")
    read = _readings("corpus10/stargaze")
    assert read["list"].output == "#NUMBER TARGET on NIGHT: mag MAG, seeing SEEING/5" and not read["list"].output_template
    assert read["brightest"].order == ("magnitude", False)
    assert not [f for f in read["sketch"].filters if f.field == "sketched"]


def test_lockers_moved_by_a_function_a_count_subtracted_and_an_option_named_by_its_metavar():
    """corpus10/lockers: "move the rental's until month forward by the given number of months
    ..., using add_months" is an update of the locker's rental, ``until = add_months(until,
    months)`` (it read as a count); "`FREE of 120 free`, where FREE is 120 minus the number of
    rentals"; "Given `--before MONTH` ... If MONTH does not satisfy valid_month" checks
    `before` (it checked `holder`); "the holder's name trimmed"."""
    read = _readings("corpus10/lockers")
    extend = read["extend"]
    assert extend.operation == "update" and extend.select == "key"
    assert [(a.field, a.value) for a in extend.assignments] == [("until", "call:add_months(item.until, param:months)")]
    assert read["free"].message == "{120 - count} of 120 free"
    assert "not valid_month(before)" in [g.condition for g in read["list"].guards]
    assert ("holder", "str.strip") in read["assign"].transforms


def test_fixit_worded_states_two_flags_kept_numbers_and_a_parameter_named_item(tmp_path):
    """corpus7/fixit: "STATE is `open` for a job that is not closed, `fixed` for a closed job
    that was fixed, and `beyond repair` for a closed job that was not" (it printed `STATE`);
    "Closes job NUM as fixed" / "as not fixed" set both flags; NUM over a kept `num` field is
    the field, not the place; "Removes every closed job, fixed or not; the open jobs keep
    their numbers" removes the closed ones; "an open job of the same owner" counts only open
    jobs; a parameter named `item` no longer hides the generated loop's `item` (the duplicate
    check compared each record with itself)."""
    read = _readings("corpus7/fixit")
    assert read["sheet"].definitions["STATE"] == \
        "('open' if not item.closed else 'fixed' if item.closed and item.fixed else 'beyond repair')"
    assert [(a.field, a.value) for a in read["mend"].assignments] == [("closed", "True"), ("fixed", "True")]
    assert [(a.field, a.value) for a in read["giveup"].assignments] == [("closed", "True"), ("fixed", "False")]
    assert read["mend"].select == "key" and read["mend"].locate_field == "num"
    assert [(f.field, f.op) for f in read["sweep"].filters] == [("closed", "is true")]
    spec = (HERE / "corpus7/fixit/spec.md").read_text(encoding="utf-8")
    out, work = _generated(tmp_path, spec)
    run = lambda *args: _run(out, work, *args, package="fixit")
    assert run("bring", "Maria", "Table Lamp").stdout.strip() == "job 1: table lamp (other) for Maria"
    refused = run("bring", "MARIA", "table  lamp")
    assert (refused.returncode, refused.stderr.strip() or refused.stdout.strip()) == (1, "already waiting")
    assert run("mend", "1").returncode == 0
    assert run("sheet").stdout.strip() == "1. table lamp (other) for Maria - fixed"


def test_shifts_adds_up_per_volunteer_and_a_hyphenated_flag():
    """corpus7/shifts: "Adds up each volunteer's minutes over the shifts not marked as
    no-shows and prints `NAME: SPAN`, the most time first" is a sum per name (it read as an
    add, then as a maximum: "most" orders, "adds up" sums) over the shifts whose `noshow` is
    false ("no-shows" is that flag); "a shift already marked as a no-show" is the record's
    state (the "no" of "no-show" read as "no record")."""
    read = _readings("corpus7/shifts")
    board = read["leaderboard"]
    assert board.operation == "aggregate" and board.aggregate.function == "sum"
    assert (board.aggregate.field, board.aggregate.group_by) == ("minutes", "name")
    assert [(f.field, f.op) for f in board.filters] == [("noshow", "is false")]
    assert ("state", "item.noshow") in [(g.kind, g.condition) for g in read["noshow"].guards]


def test_hostinv_two_arguments_through_one_cleaner_a_replaced_figure_and_a_glued_total():
    """corpus9/hostinv: "NAME and RACK go through clean_host" cleans both (only NAME was);
    "the old figure is replaced, not added to" sets ram (the command's name `bump` read as an
    increase); `RACK: N hosts, TOTALG` is a count and a sum per rack with a unit glued to the
    total (it printed the count twice)."""
    read = _readings("corpus9/hostinv")
    assert ("rack", "clean_host") in read["enroll"].transforms and ("name", "clean_host") in read["enroll"].transforms
    assert [(a.field, a.op) for a in read["bump"].assignments] == [("ram", "set")]
    tally = read["tally"]
    assert [(v.function, v.field, v.group_by) for v in tally.values] == [("count", None, "rack"), ("sum", "ram", "rack")]
    assert tally.message == "{key}: {values[0]} hosts, {values[1]}G"


def test_tapes_past_capacity_a_percent_filter_and_order_and_a_reset():
    """corpus9/tapes: "a write that would take used past capacity" checks ``item.used + gb >
    item.capacity``; "--over P  restrict to tapes at least P percent full" and "the highest
    percent full, descending" go through pct(used, capacity) (it compared the capacity);
    "erase a tape for reuse: used goes back to 0; the tape stays where it is" is an update
    (it deleted the tape)."""
    read = _readings("corpus9/tapes")
    assert ("state", "item.used + gb > item.capacity") in [(g.kind, g.condition) for g in read["write"].guards]
    assert [(f.op, f.call) for f in read["ls"].filters if f.call] == [(">=", "pct(item.used, item.capacity)")]
    assert read["fullest"].order == ("call:pct(used,capacity)", True)
    wipe = read["wipe"]
    assert wipe.operation == "update" and [(a.field, a.value) for a in wipe.assignments] == [("used", "0")]


def test_ferment_two_arguments_cleaned_a_removal_in_prose_and_a_marker_once_rated():
    """corpus10/ferment: "store the name and the kind trimmed and in lower case" (both);
    "The batch with that name ... shall be removed" (a remove: the name `finish` read as an
    update); "its batch line, which now ends with ` rated STARS/5`" is the record's line with
    a marker, not the line; "When the batch has been rated, the line ends with ` rated
    STARS/5`" over `stars: int = 0 — 0 while the batch is not rated` (shown once stars is
    set); `--unrated` keeps stars 0."""
    read = _readings("corpus10/ferment")
    assert {("name", "str.lower"), ("kind", "str.lower")} <= set(read["start"].transforms)
    assert read["finish"].operation == "remove"
    assert read["start"].suffix == (" rated {item.stars}/5", "item.stars")
    assert read["rate"].bare_line and read["rate"].output is None
    assert ("stars", "<=", "0") in [(f.field, f.op, f.value) for f in read["list"].filters]


def test_choir_a_group_per_each_and_members_counted_too():
    """corpus8/choir: "How many members there are per each voice ... the paused members are
    counted too. Always four lines in the order soprano, alto, tenor, bass" groups by voice
    (a writer whose first language is not English: "per each"), every stated voice, with no
    filter on `paused` (it counted only the paused ones); "by the name from A to Z, without
    caring for big or small letters" sorts ignoring case."""
    read = _readings("corpus8/choir")
    voices = read["voices"]
    assert voices.aggregate.group_by == "voice" and voices.every_group == "soprano|alto|tenor|bass"
    assert not [f for f in voices.filters if f.field == "paused"]
    assert read["list"].order == ("name", False)


def test_costumes_a_value_that_follows_flags_over_an_empty_field_and_capital_values():
    """corpus8/costumes: "like `K12 Pirate coat (L)`, and when it is out, the actor follows:
    `K12 Pirate coat (L) at Maria`" adds `` at {item.actor}`` where an actor is set; "--free
    only the costumes that are in the store" / "--out only the ones that are given out" over
    `actor: str = "" — empty when it is hanging in the store`; "(big or small letters do not
    matter)" orders ignoring case; `XS, S, M, L or XL` keeps its capitals as stated values."""
    from spf.interpretation import stated_values

    read = _readings("corpus8/costumes")
    listing = read["list"]
    assert listing.suffix == (" at {item.actor}", "item.actor")
    assert {(f.field, f.op, f.when) for f in listing.filters} >= {("actor", "is false", "free"), ("actor", "is true", "out")}
    assert stated_values("XS, S, M, L or XL, written with norm_size") == ["XS", "S", "M", "L", "XL"]
    assert stated_values("soprano, alto, tenor or bass") == ["soprano", "alto", "tenor", "bass"]


def test_flights_a_log_line_and_the_single_longest_record():
    """corpus9/flights: "Output: the flight's log line" prints the record's line (it printed
    `updated: ...`); "report the single longest flight, as its log line" shows one record
    (it printed the smallest number of minutes)."""
    read = _readings("corpus9/flights")
    assert read["fix"].bare_line
    assert read["longest"].operation == "show" and read["longest"].limit == "1"


def test_bonsai_the_line_an_add_prints_and_an_argument_against_the_record_found():
    """corpus9/bonsai: "Output: the tree's line with the new height" is the line `pot` prints
    (no list prints a tree's line; the store borrowed `due`'s `NAME never repotted`); "a YEAR
    earlier than the tree's last recorded repotting" compares the argument with the record
    found (``year < item.repotted``)."""
    read = _readings("corpus9/bonsai")
    assert read["grow"].bare_line
    assert ("state", "year < item.repotted") in [(g.kind, g.condition) for g in read["repot"].guards]


def test_kiln_a_count_bounded_by_the_record_found():
    """corpus7/kiln: "a cracked count below 0 or above the firing's pieces" bounds the argument
    by the record found (only "below 0" was checked: 9 of 8 cracked was accepted)."""
    unload = _readings("corpus7/kiln")["unload"]
    assert ("state", "cracked < 0 or cracked > item.pieces") in [(g.kind, g.condition) for g in unload.guards]


def test_a_newcomers_fridge_take_it_out_and_goes_off_first():
    """A fridge spec written after the round (not designed against): "The food is finished:
    take it out of the fridge" is a removal (it read as a show of the food), and "the one that
    goes off first at the top; same day: A to Z by name" orders by the expiry day."""
    spec = """# Project: fridge

## Entity: Food
- name: str — what it is, saved in lower case
- shelf: str — top, middle, bottom or door
- expires: str — the last good day, YYYY-MM-DD

## Store: fridge
- holds: Food
- format: json

## Command: eat(name: str)
The food is finished: take it out of the fridge. Prints `ate NAME`.
- error: no food with that name prints "no such food" and exits with status 1

## Command: list
Everything in the fridge, the one that goes off first at the top; same day: A to Z by name.
"""
    project = spf.parse_spec(spec, file="spec.md")
    read = {c.name: interpret_command(c, project, project.stores[0])[0] for c in project.commands}
    assert read["eat"].operation == "remove" and read["eat"].select == "key"
    assert (read["list"].order, read["list"].then_by) == (("expires", False), ("name", False))


# ---------------------------------------------------------------- round nine: summaries of several numbers


def test_a_per_group_line_shown_by_example_with_its_key_a_value():
    """corpus8/lostfound and mushrooms: a line per group shown only by example (`gym: 3 things,
    1 waiting`, `boletus edulis: 3 finds, 2.10 kg`) has its key as a value: the text before the
    colon stands for the group ("one line per place"); `1 waiting` counts the things the list
    command calls "still waiting (not returned)"; `2.10 kg` has the shape ``weight(1000) ==
    "1.00 kg"`` gives, so it is the grams added up, written by weight. Each line printed only
    the count before."""
    places = _readings("corpus8/lostfound")["places"]
    assert [(v.function, v.where, v.group_by) for v in places.values] == [
        ("count", None, "place"), ("count", "not returned", "place")]
    assert places.message == "{key}: {values[0]} things, {values[1]} waiting"
    mushrooms = _readings("corpus8/mushrooms")
    assert mushrooms["species"].message == "{key}: {values[0]} finds, {weight(values[1])}"
    assert [(v.function, v.field) for v in mushrooms["species"].values] == [("count", None), ("sum", "grams")]
    # `total 2.10 kg in 3 finds` is a line `total` prints, not a run of it (total takes no argument)
    assert mushrooms["total"].message == "total {weight(values[0])} in {values[1]} finds"


def test_a_writer_shown_with_several_numbers_and_an_int_key_per_row():
    """corpus5/lessons: `2 h 15 min over 3 lessons` has the shape as_time's own example writes
    (``as_time(135) == "2 h 15 min"``): the minutes added up, written by as_time, then a count
    (it printed `3`). corpus10/orchard: `row ROW: trees N, picked TOTAL, mean MEAN` "for every
    row" keys the groups by the int field row, and MEAN ("that sum divided by N") is the mean of
    the picked kilograms (it was the lowest row, then the mean row number)."""
    taught = _readings("corpus5/lessons")["taught"]
    assert taught.message == "{as_time(values[0])} over {values[1]} lessons"
    assert [(v.function, v.field) for v in taught.values] == [("sum", "minutes"), ("count", None)]
    rows = _readings("corpus10/orchard")["rows"]
    assert rows.message.startswith("row {key}: trees {values[0]}")
    assert [(v.function, v.field, v.group_by) for v in rows.values] == [
        ("count", None, "row"), ("sum", "picked", "row"), ("mean", "picked", "row")]


def test_placeholders_defined_as_sums_of_a_function_flags_counted_and_a_call_over_values():
    """corpus10/kennel: "BILLED the sum of their bills and OWED the sum of the bills not yet
    paid, both amounts written by money" sums bill(nights, rate) of each stay (of the unpaid
    ones for OWED), written by money. corpus7/fixit: `KIND: FIXED of CLOSED fixed (PERCENT)`
    "where PERCENT is percent(FIXED, CLOSED)" counts the records with each flag (CLOSED all of
    them: "Over the closed jobs only" is the filter) and calls
    percent on the two numbers (it read the line as a record's line). corpus7/kiln: "H the
    highest peak, C the lowest" is the lowest peak too, and "rounded to the nearest whole degree
    (a half rounds up)" rounds the mean half up, not to even."""
    project = spf.load_spec(HERE / "corpus10/kennel")
    command = next(c for c in project.commands if c.name == "owners")  # its example picks it (ranked below a count)
    owners = next(c for c in interpret_command(command, project, project.stores[0]) if c.values)
    assert [(v.function, v.field, v.where) for v in owners.values] == [
        ("count", None, None), ("sum", "call:bill(nights,rate)", None), ("sum", "call:bill(nights,rate)", "not paid")]
    assert owners.message == "{key}: dogs {values[0]}, billed {money(values[1])}, owed {money(values[2])}"
    tally = _readings("corpus7/fixit")["tally"]
    assert [(v.function, v.where) for v in tally.values] == [("count", "fixed"), ("count", None)]
    assert ("closed", "is true") in [(f.field, f.op) for f in tally.filters]  # "Over the closed jobs only": all of them
    assert tally.message == "{key}: {values[0]} of {values[1]} fixed ({percent(values[0], values[1])})"
    stats = _readings("corpus7/kiln")["stats"]
    assert [(v.function, v.field, v.scale) for v in stats.values][1:4] == [
        ("mean", "peak", "half up"), ("max", "peak", None), ("min", "peak", None)]


def test_wordjobs_a_shape_in_words_a_function_that_raises_and_a_fee_written_by_another():
    """corpus10/wordjobs: "two language codes of exactly two letters each, joined by a dash ...
    raise ValueError when the text is not of that form or when both codes are the same" is a
    shape and a check of its two halves (the search kept ``text[:1].islower()``, true of the
    examples by accident); "If clean_pair raises ValueError" guards the pair (the parameter a
    word of the function's name); "trim the client's name and write it in lower case"; "FEE
    is the job's fee (function fee, with the rate of `--rate` ...) written with eur"."""
    from spf.synthesis.patterns import read_shape

    assert read_shape("A pair is two language codes of exactly two letters each, joined by a dash.") \
        == "[A-Za-z]{2}-[A-Za-z]{2}"
    assert read_shape("is one letter (upper or lower case) followed by one, two or three digits;") \
        == "[A-Za-z][0-9]{1,3}"
    take = _readings("corpus10/wordjobs")["take"]
    assert ("predicate", "bad language pair") in [(g.kind, g.message) for g in take.guards]
    assert ("client", "str.lower") in take.transforms
    from spf.interpretation import placeholder_writers

    assert placeholder_writers(spf.load_spec(HERE / "corpus10/wordjobs"))["FEE"] == ("eur", "fee(words,rate)")


def test_orchard_left_out_with_nothing_picked_an_option_compared_for_equality_and_it_stored_trimmed():
    """corpus10/orchard: "Trees with nothing picked shall be left out" keeps picked > 0; "Given
    `--row N`, only the trees of row N" is equality (a "before" elsewhere in the description
    made it `row < N`); "The tag must satisfy valid_tag ... The system shall store it trimmed and
    in upper case" trims the tag."""
    read = _readings("corpus10/orchard")
    assert ("picked", ">", "0") in [(f.field, f.op, f.value) for f in read["yields"].filters]
    assert ("row", "==", "param:row") in [(f.field, f.op, f.value) for f in read["list"].filters]
    assert ("tag", "str.strip") in read["plant"].transforms


def test_numbers_never_reused_are_counted_by_the_store(tmp_path):
    """corpus7/kiln, printer, donations: "one more than the highest id ever given out ... so an
    id is never reused" numbers a new record past every id given before, also after the newest
    record was removed (one more than the highest kept gave the removed one's id again). The
    store keeps the highest beside its file (``PATH.numbers``); it was reported partial ("needs
    a counter the store does not keep")."""
    spec = """# Project: tickets

## Entity: Ticket
- id: int — one more than the highest id ever given out, so an id is never reused
- title: str

## Store: tickets
- holds: Ticket
- format: json
- path: tickets.json

## Command: open(title: str)
Open a ticket. Prints `#ID TITLE`.

## Command: close(id: int)
Close the ticket with that id: it is removed. Prints `closed #ID`.
- error: no ticket with that id prints "no ticket #ID" and exits with status 1
"""
    project = spf.parse_spec(spec, file="spec.md")
    opened = interpret_command(project.commands[0], project, project.stores[0])[0]
    assert (opened.auto_fields, opened.counted) == (["id"], True)
    out, work = _generated(tmp_path, spec)
    assert _run(out, work, "open", "a", package="tickets").stdout.strip() == "#1 a"
    assert _run(out, work, "open", "b", package="tickets").stdout.strip() == "#2 b"
    assert _run(out, work, "close", "2", package="tickets").stdout.strip() == "closed #2"
    assert _run(out, work, "open", "c", package="tickets").stdout.strip() == "#3 c"
    assert json.loads((work / "tickets.json.numbers").read_text(encoding="utf-8")) == {"id": 3}


def test_printer_a_summary_by_example_a_marker_at_the_end_and_the_same_lines_as_list():
    """corpus8/printer: "Adds up the grams, the minutes and the money ... like `4 jobs: 250 g,
    7h30m, 7.50 EUR`" is a count, the grams, the minutes written by duration and the grams
    written by price (`EUR` text the examples print; `jobs` is 4's word, not 250's); a list
    line shown by example takes price(grams) for `1.20` (add's words name price); "a failed job
    has ` FAILED` at the end of the line" is a marker; "in the same lines as list" lists (it
    was the longest minutes), with list's marker; "The failed jobs are counting also" is no
    filter; "It prints like `erased job 3`" names the job's ID."""
    read = _readings("corpus8/printer")
    total = read["total"]
    assert [(v.function, v.field) for v in total.values] == [
        ("count", None), ("sum", "grams"), ("sum", "minutes"), ("sum", "grams")]
    assert total.message == "{values[0]} jobs: {values[1]} g, {duration(values[2])}, {price(values[3])} EUR"
    listed = read["list"].output_template.removesuffix("{' FAILED' if item.failed else ''}")  # the marker learned
    assert listed.endswith("{price(item.grams)} EUR")  # with the line (since round thirty-nine) or added to it
    assert read["list"].suffix == (" FAILED", "item.failed") or listed != read["list"].output_template
    longest = read["longest"]
    assert longest.operation == "list" and longest.order == ("minutes", True) and not longest.filters
    assert longest.suffix == (" FAILED", "item.failed")
    assert read["erase"].message_pattern == "erased job ID"


def test_quilts_a_stage_that_follows_an_update_through_it_and_a_state_not_reached_yet():
    """corpus5/quilts: "The stage that follows the given one. Nothing follows bound." over a
    field listed "cut, pieced, quilted or bound" is the next value in that order (it was
    unimplemented: the list is in the field's words, not the function's); `advance` sets
    stage to next_stage(item.stage), and its confirmation is learned with the stage the
    function's own examples give (it froze `is now pieced`); "a quilt that isn't bound yet" is
    the record's state, the lookup being the other clause's ("a number that isn't on the rack");
    a reading that leaves an error clause out ranks below one that reads it; "shows its tag
    again" prints the record's line; "If every boat is back on the trailer it prints `all boats
    are in`" (corpus5/kayaks) lists the ones not back."""
    from spf.synthesis.idioms import evaluate, idiom_candidates
    from spf.synthesis.values import Case

    cases = [Case(1, {"stage": "cut"}, "pieced"), Case(2, {"stage": "bound"}, raises="ValueError")]
    found = idiom_candidates("The stage that follows the given one. Nothing follows bound.", [("stage", "str")],
                             "str", cases, related="cut, pieced, quilted or bound")
    assert any(evaluate(source, lets, {"stage": "quilted"}) == "bound" for source, lets in found)
    read = _readings("corpus5/quilts")
    assert read["advance"].message == "#{item.number} {item.title} is now {item.stage}"
    deliver = read["deliver"]
    assert deliver.select == "key" and [(g.kind, g.condition) for g in deliver.guards] == [
        ("lookup", ""), ("state", "item.stage != 'bound'")]
    assert read["rename"].bare_line
    assert ("back", "is false") in [(f.field, f.op) for f in _readings("corpus5/kayaks")["out"].filters]


def test_a_newcomers_library_ids_never_reused_and_a_summary_per_shelf_by_example(tmp_path):
    """tests/contract/library_spec.md, written after round nine's changes (not designed
    against): ids "never reused" survive a removal; "For each shelf (alphabetical): the number
    of books on it and the sum of their pages, e.g. `top: 2 books, 900 p`" is a count and the
    pages summed, written by thickness (its own example `thickness(250) == "250 p"` gives the
    shape), with no example run: reported unchecked, not partial (the doubt "does not sum
    anything" looked at the first number only)."""
    spec = (HERE / "library_spec.md").read_text(encoding="utf-8")
    assert _plans(spec)["shelves"].doubts == []
    out, work = _generated(tmp_path, spec)
    assert _run(out, work, "add", "A", "top", "10", package="library").stdout.strip() == "#1 A (top, 10 pages)"
    assert _run(out, work, "add", "B", "top", "20", package="library").stdout.strip() == "#2 B (top, 20 pages)"
    assert _run(out, work, "remove", "2", package="library").stdout.strip() == "removed #2"
    assert _run(out, work, "add", "C", "middle", "300", package="library").stdout.strip() == "#3 C (middle, 300 pages)"
    assert _run(out, work, "shelves", package="library").stdout.splitlines() == ["middle: 1 books, 300 p",
                                                                                 "top: 1 books, 10 p"]


def test_a_newcomers_library_lend_to_a_neighbour_and_count_the_lent_ones(tmp_path):
    """A variant of library_spec.md (written after round nine's changes): "Lend a book to a
    neighbour. Prints `lent #ID to NAME`" over `lend(id, name)` and `borrower: str = "" — empty
    while it is on the shelf` finds the book by its id and sets the borrower (it read "set id to
    ID" for the books whose title contains NAME); NAME in the line is the argument; "how many
    of them are lent, e.g. `top: 2 books, 1 lent`" counts the books with a borrower."""
    spec = (HERE / "library_spec.md").read_text(encoding="utf-8").replace(
        "the number of books on it and the sum of their pages, e.g.\n`top: 2 books, 900 p`.",
        "the number of books on it and how many of them are lent, e.g.\n`top: 2 books, 1 lent`.") + (
        "\n## Command: lend(id: int, name: str)\nLend a book to a neighbour. Prints `lent #ID to NAME`.\n"
        '- error: no book with that id prints "no book #ID" and exits with status 1\n')
    assert "1 lent" in spec
    out, work = _generated(tmp_path, spec)
    for argv in (("add", "A", "top", "10"), ("add", "B", "top", "20"), ("add", "C", "middle", "300")):
        assert _run(out, work, *argv, package="library").returncode == 0
    assert _run(out, work, "lend", "2", "ann", package="library").stdout.strip() == "lent #2 to ann"
    refused = _run(out, work, "lend", "9", "bo", package="library")
    assert (refused.returncode, refused.stderr.strip()) == (1, "no book #9")
    assert _run(out, work, "shelves", package="library").stdout.splitlines() == ["middle: 1 books, 0 lent",
                                                                                 "top: 2 books, 1 lent"]


def test_a_newcomers_bike_shed_what_the_unpaid_repairs_add_up_to_per_bike():
    """tests/contract/bikeshed_spec.md, written at the final review (not designed against):
    "For each bike with unpaid repairs ... the number of unpaid repairs and what they add up
    to, like `anna: 2 repairs, 20.50 EUR`" sums the one amount the records have (`cost`: no
    word names it), and its only example, "`owing` prints "nobody owes anything"", is the empty
    case of that per-bike summary (it was given to the record list only, so the list reading
    passed the example and was reported verified)."""
    project = spf.load_spec(HERE / "bikeshed_spec.md")
    command = next(c for c in project.commands if c.name == "owing")
    owing = interpret_command(command, project, project.stores[0])[0]
    assert [(v.function, v.field, v.group_by) for v in owing.values] == [("count", None, "bike"), ("sum", "cost", "bike")]
    assert ("paid", "is false") in [(f.field, f.op) for f in owing.filters]
    assert ("empty", "nobody owes anything") in [(g.kind, g.message) for g in owing.guards]


def test_settling_a_bike_marks_only_its_unpaid_repairs_once_and_refuses_when_none_are_left(tmp_path):
    """bikeshed `settle`: "all their unpaid repairs become paid. Prints `BIKE settled`" with
    "a bike with nothing unpaid prints "nothing to settle for BIKE"". The refusal is about there
    being none still unpaid, so the records already paid are no fallback (they were: settling
    twice printed `anna settled` again), and a message naming only the key is printed once,
    not once per repair."""
    out, work = _generated(tmp_path, (HERE / "bikeshed_spec.md").read_text(encoding="utf-8"))
    for argv in (("fix", "Anna", "chain", "12.5"), ("fix", "anna", "tyre", "8"), ("fix", "Bo", "bell", "3")):
        assert _run(out, work, *argv, package="bikeshed").returncode == 0
    settled = _run(out, work, "settle", "Anna", package="bikeshed")
    assert (settled.returncode, settled.stdout.splitlines()) == (0, ["anna settled"])
    again = _run(out, work, "settle", "anna", package="bikeshed")
    assert (again.returncode, again.stderr.strip()) == (1, "nothing to settle for anna")
    owing = _run(out, work, "owing", package="bikeshed").stdout.splitlines()
    assert [line.partition(":")[0] for line in owing] == ["bo"] and owing[0].endswith(", 3.00 EUR")


def _corpus_program(tmp_path: Path, folder: str) -> tuple[Path, Path, str]:
    """Generate a corpus spec (no verify); the output, an empty working folder, its package."""
    project = spf.load_spec(HERE / folder)
    out = tmp_path / "out"
    spf.generate(HERE / folder, out=out, verify=False)
    work = tmp_path / "work"
    work.mkdir()
    return out, work, project.name


def _runner(out: Path, work: Path, package: str, shown: str = "stdout"):
    """``run(*argv) -> (exit status, lines)``: the generated program run in ``work``, with the
    lines of its stdout, its stderr or both."""
    def run(*argv: str) -> tuple[int, list[str]]:
        done = _run(out, work, *argv, package=package)
        text = {"stdout": done.stdout, "stderr": done.stderr}.get(shown, done.stdout + done.stderr)
        return done.returncode, text.splitlines()
    return run


def _corpus_cli(tmp_path: Path, folder: str, shown: str = "stdout"):
    """A corpus spec generated (no verify), and a ``_runner`` of its program in an empty folder."""
    return _runner(*_corpus_program(tmp_path, folder), shown=shown)


def test_a_makers_notes_two_changes_defined_placeholders_and_a_shelf_hidden_at_zero(tmp_path):
    """corpus12/pots, a maker's lower-case notes (first measured 1/9 hidden): "name + glaze go
    through tidy" cleans both; "QTY gets added to what's on the shelf, prints `NAME: N on
    shelf`" prints the new qty (N named by `qty — how many are on the shelf`), not a count;
    "shelf goes down by QTY, sold goes up by QTY" changes both fields; "`sold QTY NAME for
    TOTAL (LEFT left)` where TOTAL = qty x price (via money) and LEFT = what's still on the
    shelf" defines both placeholders (the argument qty, the record's price); "sold-out pots (0
    on the shelf) are hidden unless `--all`" keeps qty != 0 by default."""
    out, work, package = _corpus_program(tmp_path, "corpus12/pots")

    def run(*argv):
        done = _run(out, work, *argv, package=package)
        return done.returncode, done.stdout.splitlines()
    assert run("make", "  Big   Mug ", "14", "--qty", "3", "--glaze", " Tenmoku ") == (
        0, ["made 3 x big mug (tenmoku) @ £14.00"])
    assert run("restock", "BIG MUG", "2") == (0, ["big mug: 5 on shelf"])
    assert run("sell", "big mug", "--qty", "5") == (0, ["sold 5 big mug for £70.00 (0 left)"])
    assert run("shelf") == (0, ["shelf is empty"])
    assert run("shelf", "--all") == (0, ["big mug (tenmoku) £14.00 x 0"])


def test_a_flag_compared_with_a_stated_number_and_a_last_line_over_every_group(tmp_path):
    """corpus12/spools: "`--low` -> only spools w/ under 200 g left" compares `grams` (named by
    its unit's first letter) with 200 when the flag is given; "`MATERIAL: N spools, KG` ...
    then a last line `total: KG` for all of it" is the same numbers over every spool, and
    "empty rack -> only `no spools`" the empty case (`->` as the writer's colon); "color +
    material stored lower case" and `color: str — lower case` lower the argument."""
    out, work, package = _corpus_program(tmp_path, "corpus12/spools")

    def run(*argv):
        done = _run(out, work, *argv, package=package)
        return done.returncode, done.stdout.splitlines()
    assert run("tally") == (0, ["no spools"])
    assert run("load", "Silk Gold", "PLA") == (0, ["#1 silk gold pla, 1.00 kg (generic)"])
    assert run("load", "black", "abs", "--grams", "150")[0] == 0
    assert run("load", "grey", "pla", "--grams", "250")[0] == 0
    assert run("rack", "--low") == (0, ["#2 black abs, 0.15 kg (generic)"])
    assert run("tally") == (0, ["abs: 1 spools, 0.15 kg", "pla: 2 spools, 1.25 kg", "total: 1.40 kg"])


def test_a_word_chosen_by_a_flag_a_field_written_via_a_function_and_a_suffix_when_there_is_one(tmp_path):
    """corpus12/stall: "`#N DAY MARKET AMOUNT HOW`, amount via money, HOW = `card` w/ `--card`,
    `cash` w/o" writes the amount by money (in the sums too) and HOW by the flag; "plus ` - NOTE`
    on the end when there's a note" only where there is one; `MARKET: TOTAL (N sales)` with
    "then a last line `all: TOTAL (N sales)`" counts N and adds the last line; the market,
    `trimmed + lower case` in its field's description, is stored so."""
    out, work, package = _corpus_program(tmp_path, "corpus12/stall")

    def run(*argv):
        done = _run(out, work, *argv, package=package)
        return done.returncode, done.stdout.splitlines()
    assert run("take", "2024-05-04", " Old Town ", "1200") == (0, ["#1 2024-05-04 old town 1,200.00 cash"])
    assert run("take", "2024-05-05", "river", "2.5", "--card", "--note", "rainy")[0] == 0
    assert run("days") == (0, ["#1 2024-05-04 old town 1,200.00 cash", "#2 2024-05-05 river 2.50 card - rainy"])
    assert run("tally") == (0, ["old town: 1,200.00 (1 sales)", "river: 2.50 (1 sales)", "all: 1,202.50 (2 sales)"])


def test_a_record_line_stated_once_for_the_project_with_its_placeholders_defined(tmp_path):
    """corpus11/calib and incubators (a lab's methods prose, first measured 1/10 and 2/10: every
    add printed another command's line): "## Notes ... Every entry is shown as the entry line
    `#N DAY PIPETTE NOMINAL uL ERROR VERDICT`, where NOMINAL is written with one decimal place,
    ERROR is error_pct of the entry written with pct, and VERDICT is verdict of that (rounded)
    error with the entry's tolerance" is the store's line, which "its entry line is printed"
    prints; `CO2 PERCENT%` with "PERCENT being the CO2 concentration" keeps `CO2` as text."""
    out, work, package = _corpus_program(tmp_path, "corpus11/calib")
    done = _run(out, work, "record", "P20-01", "10", "10.3", "2024-03-04", package=package)
    assert (done.returncode, done.stdout.splitlines()) == (0, ["#1 2024-03-04 P20-01 10.0 uL +3.00% fail"])
    out, work, package = _corpus_program(tmp_path / "incubators", "corpus11/incubators")
    done = _run(out, work, "log", "INC-B", "37", "2024-05-02", "--time", "17:45", package=package)
    assert (done.returncode, done.stdout.splitlines()) == (0, ["inc-b 2024-05-02 17:45: 37.0 C, CO2 5.0%"])


def test_a_flag_named_by_what_its_description_says_and_marked_as_an_update(tmp_path):
    """corpus11/herbarium: `returned: bool — whether the material has been received back`, so
    "with ` [returned]` appended for a loan that has been received back" marks those lines
    (the sentence was cut at the `N.` inside the backticked line before) and "All loans that
    have been received back are removed" removes those only; "The open loan ... is marked as
    returned" is an update, not a show (the show passed its own example)."""
    out, work, package = _corpus_program(tmp_path, "corpus11/herbarium")

    def run(*argv):
        done = _run(out, work, *argv, package=package)
        return done.returncode, done.stdout.splitlines()
    assert run("dispatch", "hb 0042", "Kew", "2024-03-01", "2024-09-01")[0] == 0
    assert run("dispatch", "k 17", "Leiden", "2024-03-10", "2024-05-10")[0] == 0
    assert run("receive", "K-17") == (0, ["K-17 returned by Leiden"])
    assert run("ledger") == (0, ["1. HB-0042 x1 Kew 2024-03-01..2024-09-01",
                                 "2. K-17 x1 Leiden 2024-03-10..2024-05-10 [returned]"])
    assert run("archive") == (0, ["1 loan(s) archived"])
    assert run("ledger") == (0, ["1. HB-0042 x1 Kew 2024-03-01..2024-09-01"])


def test_a_one_letter_placeholder_glued_to_text_an_amount_taken_out_and_a_flag_at_a_number(tmp_path):
    """corpus12/parts: `dD CODE WHAT [KIND] xQTY` is `d` then the drawer (the one field with
    that initial); "took some out for a build (1 unless `--qty N`)" takes the amount off the
    qty, refused for "more than there is"; "`--out` = only parts at 0" keeps the ones whose
    count is 0; and corpus12/stall's "delete sale #NUMBER" removes the sale at that place (it
    was read as "amount > NUMBER")."""
    out, work, package = _corpus_program(tmp_path, "corpus12/parts")

    def run(*argv):
        done = _run(out, work, *argv, package=package)
        return done.returncode, done.stdout.splitlines(), done.stderr.strip()
    assert run("stash", "ch-11", "kmc chain", "Chain", "--qty", "2", "--drawer", "3")[0] == 0
    assert run("stash", "tb-07", "tube", "tube")[0] == 0
    assert run("grab", "CH-11")[:2] == (0, ["CH-11: 1 left"])
    assert run("grab", "ch-11", "--qty", "5") == (1, [], "not enough in the bin")
    assert run("grab", "tb-07")[0] == 0
    assert run("bin", "--out")[:2] == (0, ["d1 TB-07 tube [tube] x0"])
    out, work, package = _corpus_program(tmp_path / "stall", "corpus12/stall")
    for day in ("2024-05-04", "2024-05-05", "2024-05-06"):
        assert _run(out, work, "take", day, "town", "10", package=package).returncode == 0
    done = _run(out, work, "void", "2", package=package)
    assert (done.returncode, done.stdout.splitlines()) == (0, ["voided #2"])
    assert [line.split()[1] for line in _run(out, work, "days", package=package).stdout.splitlines()] == [
        "2024-05-04", "2024-05-06"]


def test_a_date_before_another_and_a_state_its_description_names(tmp_path):
    """corpus11/herbarium `extend`: "The due date of loan N is replaced by the given date" is an
    update; "a loan already received back" is the `returned` flag (its description: "whether the
    material has been received back"); "a new due date before the dispatch date" compares the
    argument with the loan's `sent` (`the date of dispatch`), and in `dispatch` the two
    arguments with each other."""
    out, work, package = _corpus_program(tmp_path, "corpus11/herbarium")

    def run(*argv):
        done = _run(out, work, *argv, package=package)
        return done.returncode, done.stdout.splitlines(), done.stderr.strip()
    assert run("dispatch", "hb 1", "Kew", "2024-03-01", "2024-02-01") == (2, [], "due date precedes dispatch")
    assert run("dispatch", "hb 1", "Kew", "2024-03-01", "2024-09-01")[0] == 0
    assert run("extend", "1", "2024-02-01") == (2, [], "due date precedes dispatch")
    assert run("extend", "1", "2024-12-01")[:2] == (0, ["loan 1: HB-1 x1 to Kew, due 2024-12-01"])
    assert run("receive", "HB-1")[0] == 0
    assert run("extend", "1", "2025-01-01") == (1, [], "loan already closed")


def test_a_line_named_in_another_command_a_limit_past_a_field_and_a_suffix_with_a_tail(tmp_path):
    """corpus12/knits: "one progress line each" prints knit's "the progress line `NAME DONE/ROWS
    BAR PCT%`" (the list had frozen the examples' numbers); "going past the last row" while rows
    are added to done refuses `done + rows > rows` (the argument `rows` under its module name,
    `rows_`); "plus ` (YARN)` on the end when it has a yarn" only where there is one."""
    out, work, package = _corpus_program(tmp_path, "corpus12/knits")

    def run(*argv):
        done = _run(out, work, *argv, package=package)
        return done.returncode, done.stdout.splitlines(), done.stderr.strip()
    assert run("cast", "hat", "40", "--yarn", "aran")[0] == 0
    assert run("cast", "sock", "30")[0] == 0
    assert run("knit", "hat", "--rows", "39")[:2] == (0, ["hat 39/40 [#########-] 97%"])
    assert run("knit", "hat", "--rows", "2") == (1, [], "that's past the end")
    assert run("needles")[:2] == (0, ["hat 39/40 [#########-] 97% (aran)", "sock 0/30 [----------] 0%"])


def test_a_newcomers_brew_log_a_unit_letter_after_its_field(tmp_path):
    """tests/contract/brewlog_spec.md, written at the end of round ten (not designed against):
    `#N STYLE LITRES L (og GRAVITY)` printed the litres twice (`L`, the one field with that
    initial, taken for litres although LITRES was already shown), and `STYLE: LITRES L (N
    batches)` read `L` as a third number and left the last line out: a capital letter right
    after a placeholder with that initial is its unit."""
    out, work, package = _corpus_program(tmp_path, "brewlog_spec.md")

    def run(*argv):
        done = _run(out, work, *argv, package=package)
        return done.returncode, done.stdout.splitlines()
    assert run("brew", "IPA", "20") == (0, ["#1 ipa 20.0 L (og 1050)"])
    assert run("brew", "stout", "12.5", "--gravity", "1070")[0] == 0
    assert run("brew", "ipa", "5")[0] == 0
    assert run("volume") == (0, ["ipa: 25.0 L (2 batches)", "stout: 12.5 L (1 batches)", "total: 37.5 L"])


def test_a_marker_by_a_spec_predicate_names_a_term_that_flags_and_counts_use(tmp_path):
    """corpus11/incubators: "` !` is appended when the reading is an excursion (cf. in_spec)"
    (in `## Notes`, "cf." not ending the sentence) marks the lines where ``in_spec`` is false
    (a function named for the good case flags the opposite); the noun it defines is what
    `--excursions` keeps and what "readings: N, excursions: E" counts; "`mean MEAN C`" keeps the
    undefined C as text; "by day, then by time; ... at the same moment ... by incubator label"
    breaks the last ties by label."""
    run = _corpus_cli(tmp_path, "corpus11/incubators")
    assert run("log", "inc-b", "39.5", "2024-06-01") == (0, ["inc-b 2024-06-01 09:00: 39.5 C, CO2 5.0% !"])
    assert run("log", "inc-a", "36.8", "2024-06-01") == (0, ["inc-a 2024-06-01 09:00: 36.8 C, CO2 5.0%"])
    assert run("log", "inc-a", "37.2", "2024-05-31", "--time", "23:00") == (
        0, ["inc-a 2024-05-31 23:00: 37.2 C, CO2 5.0%"])
    assert run("readings") == (0, ["inc-a 2024-05-31 23:00: 37.2 C, CO2 5.0%",
                                   "inc-a 2024-06-01 09:00: 36.8 C, CO2 5.0%",
                                   "inc-b 2024-06-01 09:00: 39.5 C, CO2 5.0% !"])
    assert run("readings", "--excursions") == (0, ["inc-b 2024-06-01 09:00: 39.5 C, CO2 5.0% !"])
    assert run("count") == (0, ["readings: 3, excursions: 1"])
    assert run("count", "--incubator", "inc-a") == (0, ["readings: 2, excursions: 0"])
    assert run("averages") == (0, ["inc-a: mean 37.00 C (n = 2)", "inc-b: mean 39.50 C (n = 1)"])


def test_words_agree_with_their_number_where_the_spec_shows_it():
    """corpus13/trips says "counts read naturally (`1 night`, `2 nights`, `1 trip`, `3 trips`)":
    every line's `{N} nights` agrees with N; corpus8/printer's "the word is always "jobs", also
    for 0 or 1 job" shows no `1 job` in code or output, so its lines stay as written."""
    from spf_plugins.stages.commands import agreeing

    from spf.interpretation import number_agreement
    trips = number_agreement(spf.load_spec(HERE / "corpus13/trips"))
    assert trips == {"nights": "night", "trips": "trip"}
    assert number_agreement(spf.load_spec(HERE / "corpus8/printer")) == {}
    line = 'click.echo(f"trip {item.number}: {item.place}, {item.nights} nights")'
    assert agreeing(line, trips) == (
        "click.echo(f\"trip {item.number}: {item.place}, {item.nights} {'night' if item.nights == 1 else 'nights'}\")")
    assert agreeing('f"{values[0]:.1f} l in {count} trip"', trips) == (
        "f\"{values[0]:.1f} l in {count} {'trip' if count == 1 else 'trips'}\"")  # learned from `1 trip`


def test_a_check_that_refuses_the_specs_own_success_is_dropped(tmp_path):
    """corpus14/hallbook: "a day that isn't a real YYYY-MM-DD date" was read as a list of the
    allowed words (`day not in ('a', 'real', ...)`), which refuses every example; a check that
    fires on a step the spec shows succeeding is a misreading: it is left out (the clause is
    reported as not understood) and the command books."""
    out, work, package = _corpus_program(tmp_path, "corpus14/hallbook")
    done = _run(out, work, "book", "studio", "2024-06-01", "10", "12", "Tai Chi", package=package)
    assert (done.returncode, done.stdout.splitlines()) == (0, ["booked #1: studio 2024-06-01 10:00-12:00 for Tai Chi"])
    source = (out / package / "cli.py").read_text()
    assert "'yyyy-mm-dd'" not in source


def test_a_day_that_is_not_a_real_date_is_refused_by_the_runtime_helper(tmp_path):
    """corpus14/parcels: "a day that isn't a real YYYY-MM-DD date prints "dates look like
    2024-03-02"" checks the calendar (2024-02-31 is refused, 2024-02-29 is a day of a leap
    year) before anything is stored; the project's runtime gets ``real_day``."""
    from spf.interpretation import real_day

    assert real_day("2024-02-29") and not real_day("2023-02-29") and not real_day("2024-2-1")
    out, work, package = _corpus_program(tmp_path, "corpus14/parcels")
    run = _runner(out, work, package, shown="stderr")
    assert run("give", "H012", "2024-02-31", "3") == (2, ["dates look like 2024-03-02"])
    assert run("give", "H012", "24-03-02", "3") == (2, ["dates look like 2024-03-02"])
    assert run("give", "H012", "2024-02-29", "3")[0] == 0
    assert "def real_day(text: str) -> bool:" in (out / package / "cli.py").read_text()


def test_a_field_a_function_works_out_from_an_argument_and_labels_per_worded_range(tmp_path):
    """corpus14/squad: `age_group: str — ..., worked out from the age with age_group_for` is
    filled by ``age_group_for(age)`` on add (the argument `age` is stored nowhere, so the
    function writes no stored number); "U8 for ages 5 to 7, U10 for 8 and 9, ..." is a label per
    stated range (U12 and U14, which no example shows, shaped like the ones that are);
    `GROUP` names `age_group`; "` - owes subs` on the end for a player who hasn't paid"."""
    from spf.synthesis.idioms import _worded_ranges, evaluate
    from spf.synthesis.values import Case

    cases = [Case(0, {"people": 1}, "small"), Case(1, {"people": 4}, "medium"), Case(2, {"people": 7}, "large"),
             Case(3, {"people": 0}, None, "ValueError")]
    (source, lets), = _worded_ranges("One or two people get a small parcel, three or four a medium one, five or "
                                     "more a large one. Fewer than one person is a ValueError.", "people", cases, True)
    assert [evaluate(source, lets, {"people": n}) for n in (2, 3, 5, 40)] == ["small", "medium", "large", "large"]
    run = _corpus_cli(tmp_path, "corpus14/squad")
    assert run("add", "ann lee", "11", "5") == (0, ["added Ann Lee (U12, #5)"])
    assert run("add", "bo may", "13", "6") == (0, ["added Bo May (U14, #6)"])
    assert run("paid", "bo may") == (0, ["Bo May has paid"])
    assert run("list") == (0, ["U12 #5 Ann Lee - owes subs", "U14 #6 Bo May"])


def test_a_summary_value_a_function_works_out_from_another_and_a_count_of_the_records(tmp_path):
    """corpus14/minibus: "`TOTAL miles on N trips, claim AMOUNT`, ... the claim (mileage_cost of
    the total, at the usual 45p) with two" is ``mileage_cost`` of the total, two decimals;
    "`DRIVER: MILES miles (N trips)`" counts each driver's trips (`trips`: the records), and
    "the driver with the most miles first" orders the sums (it does not make MILES a maximum)."""
    run = _corpus_cli(tmp_path, "corpus14/minibus")
    assert run("log", "2024-06-01", "Ann", "Park", "10")[0] == 0
    assert run("log", "2024-06-02", "Ann", "Zoo", "12.5")[0] == 0
    assert run("log", "2024-06-03", "Bo", "Sea", "20")[0] == 0
    assert run("mileage") == (0, ["42.5 miles on 3 trips, claim 19.12"])
    assert run("drivers") == (0, ["Ann: 22.5 miles (2 trips)", "Bo: 20.0 miles (1 trips)"])


def test_numbers_never_given_out_again_said_for_the_project_and_an_end_not_after_its_start(tmp_path):
    """corpus14/hallbook: "A number that was used once is never given out again, even after its
    booking has been cancelled" (in the project's words, not the command's) keeps the highest
    number given out; "an end that isn't after the start" is ``end <= start``."""
    run = _corpus_cli(tmp_path, "corpus14/hallbook", shown="both")
    assert run("book", "hall", "2024-06-01", "10", "12", "Quiz")[0] == 0
    assert run("book", "hall", "2024-06-01", "12", "14", "Choir")[0] == 0
    assert run("cancel", "2")[0] == 0
    assert run("book", "hall", "2024-06-01", "15", "15", "Nap") == (2, ["a booking must end after it starts"])
    assert run("book", "hall", "2024-06-02", "15", "16", "Tea") == (0, ["booked #3: hall 2024-06-02 15:00-16:00 for Tea"])


def test_a_day_a_function_works_out_defines_a_placeholder_an_order_and_a_bound(tmp_path):
    """corpus13/warranties: "`ITEM: covered until DATE`, DATE being expiry() of the purchase date
    and the months" (said once, used by every line) is ``expiry(item.bought, item.months)``
    (the months-after idiom keeps the 31st at the month's last day); "the one that runs out
    first at the top" orders by it and "run out before DATE" bounds it (expiry's words: "The
    date the cover runs out"); "When none does it prints `nothing runs out before DATE`";
    `SHOP: N items, P spent` counts the records and sums the money, two decimals as the project
    says money is shown."""
    run = _corpus_cli(tmp_path, "corpus13/warranties")
    assert run("add", "kettle", "Argos", "2023-10-31", "4", "--price", "20") == (0, ["kettle: covered until 2024-02-29"])
    assert run("add", "fan", "Argos", "2023-01-15", "12", "--price", "5.5") == (0, ["fan: covered until 2024-01-15"])
    assert run("list") == (0, ["fan (Argos) until 2024-01-15", "kettle (Argos) until 2024-02-29"])
    assert run("expiring", "2024-02-01") == (0, ["fan (Argos) until 2024-01-15"])
    assert run("expiring", "2023-01-01") == (0, ["nothing runs out before 2023-01-01"])
    assert run("shops") == (0, ["Argos: 2 items, 25.50 spent"])


def test_a_code_cleaner_its_refusal_and_a_field_named_by_its_description(tmp_path):
    """corpus14/parcels: `card_ref` ("the letter H (either case) followed by digits, written back
    as a capital H and the number with at least three digits (padded with zeros)") is found (a
    padded code); `household: str — the card reference, as card_ref writes it` goes through it
    on the way in; "a card reference that card_ref can't read" is refused with the spec's
    message; "a second parcel for the same card on the same day" keys on both; `CARD` in a
    line names the field described as the card."""
    run = _corpus_cli(tmp_path, "corpus14/parcels", shown="both")
    assert run("give", "h7", "2024-05-04", "2") == (0, ["H007: small parcel for 2 (2024-05-04)"])
    assert run("give", "H7", "2024-05-11", "3") == (0, ["H007: medium parcel for 3 (2024-05-11)"])
    assert run("give", "h007", "2024-05-04", "1") == (1, ["that household already had a parcel that day"])
    assert run("give", "x7", "2024-05-04", "1") == (2, ["cards look like H012"])
    assert run("on", "2024-05-04")[1][0] == "H007 small for 2"


def test_a_text_field_or_a_word_where_it_is_empty_and_an_update_with_no_tenant(tmp_path):
    """corpus14/plots: "A let plot is shown as `#N SIZE RENT TENANT (paid)` or `... (owes)`; a
    vacant one as `#N SIZE RENT vacant`" (learned from the examples: the tenant's part where
    there is a tenant, the word where it is empty); "it is vacant again, with no tenant and not
    paid" clears the tenant, so a second vacate is refused."""
    run = _corpus_cli(tmp_path, "corpus14/plots", shown="both")
    assert run("add", "4", "full", "70")[0] == 0
    assert run("add", "9", "half", "30")[0] == 0
    assert run("let", "9", "Ada Roe")[0] == 0
    assert run("list") == (0, ["#4 full 70.00 vacant", "#9 half 30.00 Ada Roe (owes)"])
    assert run("vacate", "9") == (0, ["plot 9 is vacant"])
    assert run("vacate", "9") == (1, ["plot 9 is already vacant"])
    assert run("list", "--vacant") == (0, ["#4 full 70.00 vacant", "#9 half 30.00 vacant"])


def test_a_letter_for_the_field_it_begins_a_second_line_and_a_function_of_the_total(tmp_path):
    """corpus13/paints: "`L l in N tins` (`1 tin` for one), followed by a second line `enough for
    about M square metres`, where M is coverage() of that total": L is the one number field it
    begins (litres, summed, one decimal as the project says amounts are shown), N counts the
    tins, `1 tin` is a word's form and not a line, M is coverage of the sum."""
    run = _corpus_cli(tmp_path, "corpus13/paints")
    assert run("add", "Sage", "hall", "1.5")[0] == 0
    assert run("add", "Plum", "hall", "1")[0] == 0
    assert run("total") == (0, ["2.5 l in 2 tins", "enough for about 30 square metres"])
    assert run("rooms") == (0, ["hall: 2 tins, 2.5 l"])


def test_an_update_that_leaves_the_record_empty_removes_it_with_its_own_line(tmp_path):
    """corpus13/paints: "Take LITRES out of tin NUMBER ... When that leaves the tin empty, the tin
    is thrown away and it prints `tin N is empty and was thrown away` instead"."""
    run = _corpus_cli(tmp_path, "corpus13/paints")
    assert run("add", "Sage", "hall", "1.5")[0] == 0
    assert run("use", "1", "0.5") == (0, ["tin 1: 1.0 l left"])
    assert run("use", "1", "1") == (0, ["tin 1 is empty and was thrown away"])
    assert run("total") == (0, ["no tins"])


def test_whole_nights_summed_stay_whole_and_the_single_longest_trip_is_a_record(tmp_path):
    """corpus13/trips: "Money is shown with two decimals, and counts read naturally (`1 night`,
    `2 nights`)" names nights beside the decimals, but a sum of whole nights is whole
    (`2024: 2 trips, 3 nights`). corpus14/minibus: "The single longest trip, as one line in the
    same form as `trips`" is the record with the most miles in trips' line, not the miles."""
    project = spf.load_spec(HERE / "corpus13/trips")
    years = next(c for c in project.commands if c.name == "years")
    assert interpret_command(years, project, project.stores[0])[0].message == \
        "{key}: {values[0]} trips, {values[1]} nights"
    run = _corpus_cli(tmp_path, "corpus14/minibus")
    assert run("log", "2024-05-01", "Alice", "Market", "10")[0] == 0
    assert run("log", "2024-05-02", "Bob", "Coast", "40", "--passengers", "2")[0] == 0
    assert run("log", "2024-05-03", "Cy", "Town", "40")[0] == 0
    assert run("longest") == (0, ["2. 2024-05-02 Bob -> Coast (40.0 mi, 2 aboard)"])


def test_a_line_lent_through_a_second_command_keeps_that_commands_marker(tmp_path):
    """corpus7/kiln: longest lists "in the form history uses", and history prints "in the form
    fire prints, followed by ` - in kiln` while the firing is not unloaded, or by ` - CRACKED
    cracked` once it is": longest's lines are fire's with history's two tails."""
    project = spf.load_spec(HERE / "corpus7/kiln")
    longest = next(c for c in project.commands if c.name == "longest")
    best = interpret_command(longest, project, project.stores[0])[0]
    assert best.output == "#ID DAY KIND peak PEAK, DURATION, PIECES pcs"
    assert best.suffix is not None and "in kiln" in best.suffix[0] + best.suffix[1]


def test_the_ones_with_the_most_first_is_an_order_not_one_record():
    """corpus8/choir: "the members with the most rehearsals first ... With `--top N` only the first
    N lines" lists them all by rehearsals (most first), not the one member with the most."""
    project = spf.load_spec(HERE / "corpus8/choir")
    ranking = next(c for c in project.commands if c.name == "ranking")
    best = interpret_command(ranking, project, project.stores[0])[0]
    assert best.operation == "list" and best.order == ("rehearsals", True) and best.limit == "param:top"


def test_one_number_for_a_line_of_several_is_partial_and_a_placeholder_printed_as_is_too():
    """corpus12/knits: `N projects, M finished, R rows knitted` read as one sum prints that sum
    three times: the reading says it computes one number of several (partial), where it was
    reported done. Two numbers the line does compute (`readings: N, excursions: E`,
    corpus11/incubators) are no such doubt. A line whose placeholder nothing fills is partial
    even when the spec's own transcript of the command (an empty store) passes."""
    from spf_plugins.stages.commands import plan_commands

    knits = plan_commands(spf.load_spec(HERE / "corpus12/knits"), {}, set())
    assert knits["stats"].status == "partial"
    assert any("several numbers" in reason for reason in knits["stats"].reasons)
    incubators = plan_commands(spf.load_spec(HERE / "corpus11/incubators"), {}, set())
    assert not any("several numbers" in reason for reason in incubators["count"].reasons)
    jars = _plans("# Project: jars\n\n## Entity: Jar\n- name: str — the jar\n- grams: int — how much is in it\n\n"
                  "## Store: jars\n- holds: Jar\n- path: jars.json\n\n## Command: add(name: str, grams: int)\n"
                  "Add a jar. Prints `added NAME`.\n- `add honey 300` prints \"added honey\"\n\n## Command: report\n"
                  "One line per jar, `NAME: GRAMS g, zest Z`. An empty shelf prints `no jars`.\n"
                  "- `report` prints \"no jars\"\n")
    # its own example runs it on no jars only: what it prints then is all that is checked, so
    # since round thirty-one the words' doubts are weighed as for a command with no example
    assert "report" not in jars["report"].facts.covered and "add" in jars["report"].facts.covered
    assert jars["report"].status == "partial"
    assert jars["report"].doubts == ["Z in the printed line is not bound to any value"]


def test_a_count_named_by_the_word_before_it_and_a_word_after_a_comma_is_the_next_ones(tmp_path):
    """corpus11/herbarium: `BORROWER: loans L, open O, sheets S`: O counts the open loans (an open
    loan is one not `returned`), and L's count is not read from "open" after the comma."""
    project = spf.load_spec(HERE / "corpus11/herbarium")
    tally = next(c for c in project.commands if c.name == "tally")
    best = interpret_command(tally, project, project.stores[0])[0]
    assert [(value.function, value.where) for value in best.values] == [
        ("count", None), ("count", "not returned"), ("sum", None)]


GAMES_SHELF = """# Project: shelf

The club's board games. Each game has a title and how many players it needs at most.

## Entity: Game
- title: str — the game's title, unique in any case
- players: int — most players it takes
- plays: int = 0 — how many times we played it

## Store: games
- holds: Game
- path: shelf.json

## Command: add(title: str, players: int)
Put a game on the shelf. Prints `added TITLE`.
- `add Catan 4` prints "added Catan"
- error: a title already on the shelf (in any case) prints "already have TITLE" and exits with status 1
- error: players below 1 prints "players must be at least 1" and exits with status 2

## Command: play(title: str)
We played a game once more. Prints `TITLE played N times` (`1 time` for one).
- error: a title not on the shelf prints "no such game" and exits with status 1

```console
$ shelf add Catan 4
added Catan
$ shelf play catan
Catan played 1 time
$ shelf play Go
no such game
[1]
```
"""


def test_a_title_not_on_the_shelf_is_a_failed_lookup(tmp_path):
    """A newcomer's spec (written after round eleven): "a title not on the shelf prints \"no such
    game\"" is the lookup failing, not a clause left out (it printed `no such game 'Go'`)."""
    run = _runner(*_generated(tmp_path, GAMES_SHELF), package="shelf", shown="both")
    assert run("add", "Catan", "4") == (0, ["added Catan"])
    assert run("play", "catan") == (0, ["Catan played 1 time"])
    assert run("play", "CATAN") == (0, ["Catan played 2 times"])
    assert run("play", "Go") == (1, ["no such game"])
    assert run("add", "catan", "2") == (1, ["already have catan"])


def test_terms_cleaners_and_a_record_line_the_project_defines_once(tmp_path):
    """corpus15/compost, an engineer's RFC 2119 requirements (first measured 0/10): "Bin labels are
    always passed through bin_label before they are stored or compared"; "A *day* is an
    existing calendar date" and "A temperature is *plausible* when it lies between -30 and 90"
    make "a DAY that is not a day" and "a temperature that is not plausible" checks; "prints
    `logged ` followed by the new reading" prints the project's reading line (PHASE is
    phase(TEMP)), which the list prints too; "M is the mean ... of the bin's temperatures" is
    over `temp`; "`readings` SHALL be written `reading` when N is 1"."""
    run = _corpus_cli(tmp_path, "corpus15/compost", shown="both")
    assert run("log", " c ", "2024-07-01", "45") == (0, ["logged #1 2024-07-01 C 45.0 (hot)"])
    assert run("log", "c", "2024-07-02", "20") == (0, ["logged #2 2024-07-02 C 20.0 (warm)"])
    assert run("log", "a", "2024-04-31", "30") == (2, ["invalid day"])
    assert run("log", "a", "2024-05-01", "95") == (2, ["implausible temperature"])
    assert run("log", "C", "2024-07-01", "50") == (1, ["bin already read that day"])
    assert run("log", "a", "2024-07-01", "10") == (0, ["logged #3 2024-07-01 A 10.0 (cold)"])
    assert run("list") == (0, ["#1 2024-07-01 C 45.0 (hot)", "#3 2024-07-01 A 10.0 (cold)",
                               "#2 2024-07-02 C 20.0 (warm)"])
    assert run("bins") == (0, ["A: 1 reading, mean 10.0, max 10.0", "C: 2 readings, mean 32.5, max 45.0"])


def test_an_add_named_records_a_field_found_by_shared_words_and_a_term_worked_out_by_a_function(tmp_path):
    """corpus15/postcards (first measured 0/10): "Records a card posted on DAY" is an add (a bare
    "d" is no suffix: "records" and "record" share a stem) that fills `sent — the day the card was
    posted`; arrive sets `arrived` ("as arrived on DAY"), refuses "a card that has already
    arrived" (an optional field that is set), and prints N, "the card's travel time", a term
    the project defines as `days_between(SENT, ARRIVED)`, with `day` for one."""
    run = _corpus_cli(tmp_path, "corpus15/postcards", shown="both")
    assert run("send", " de-1234 ", "germany", "2024-03-01") == (0, ["sent DE-1234 to Germany on 2024-03-01"])
    assert run("send", "se-4", "sweden", "2024-02-28") == (0, ["sent SE-4 to Sweden on 2024-02-28"])
    assert run("send", "us-1", "usa", "2023-02-29") == (2, ["not a valid day"])
    assert run("arrive", "de-1234", "2024-03-15") == (0, ["DE-1234 arrived in Germany after 14 days"])
    assert run("arrive", "se-4", "2024-02-29") == (0, ["SE-4 arrived in Sweden after 1 day"])
    assert run("arrive", "se-4", "2024-03-01") == (1, ["already arrived"])


def test_a_check_said_for_every_command_taking_a_month_and_a_condition_that_is_no_reset():
    """corpus15/firstaid: "Every command that takes a month MUST reject one that valid_month does
    not accept, printing `month must be YYYY-MM` and exiting with status 2 before doing anything
    else" guards restock's month first; "A supply whose count drops to 0 SHALL remain in the
    kit" is no reset of the count; "stored with surrounding blanks removed and in lower case"
    trims; "a result for that team on that night" (corpus15/quiz) keys on night and team, not on
    `points — points scored that night`."""
    project = spf.load_spec(HERE / "corpus15/firstaid")
    commands = {c.name: c for c in project.commands}
    restock = interpret_command(commands["restock"], project, project.stores[0])[0]
    assert restock.guards[0].message == "month must be YYYY-MM" and restock.guards[0].status == 2
    use = interpret_command(commands["use"], project, project.stores[0])[0]
    assert [(a.field, a.op) for a in use.assignments] == [("count", "subtract")]
    stock = interpret_command(commands["stock"], project, project.stores[0])[0]
    assert ("name", "str.strip") in stock.transforms
    quiz = spf.load_spec(HERE / "corpus15/quiz")
    score = interpret_command(next(c for c in quiz.commands if c.name == "score"), quiz, quiz.stores[0])[0]
    duplicate = next(guard for guard in score.guards if guard.kind == "duplicate")
    assert duplicate.condition == "night:night,team:team"


def test_n_before_a_number_fields_name_is_that_field():
    """A newcomer's tool shed (written after round twelve): "each as `NAME: N loans`" over `loans:
    int — how many times it was lent` prints the loans, not the line's position."""
    spec = ("# Project: toolshed\n\nShared tools.\n\n## Entity: Tool\n- name: str — the tool\n"
            "- loans: int = 0 — how many times it was lent\n\n## Store: tools\n- holds: Tool\n- path: shed.json\n\n"
            "## Command: add(name: str)\nA new tool. Prints `added NAME`.\n\n## Command: popular(top: int = 3)\n"
            "The most lent tools first, ties A to Z, at most `--top N`, each as `NAME: N loans`.\n")
    project = spf.parse_spec(spec, file="spec.md")
    popular = next(c for c in project.commands if c.name == "popular")
    assert interpret_command(popular, project, project.stores[0])[0].output == "NAME: LOANS loans"


def test_a_worked_example_amounts_moved_between_fields_and_a_flag_over_a_verb(tmp_path):
    """corpus16/windows (a shop owner's worked examples): "`add Patel "elm road" 8` tells me
    `#3 Patel, ...`" is one run's answer (Patel was the third house), not the line's pattern, so
    the add's line is learned from its examples; "The street goes through street_name" cleans the
    street, not `name`; "adds the price to what they owe" adds a field to `owed`; "The amount
    comes off what that house owes" takes an argument off it, refused for "more than the house
    owes"; "With `--owing` I only see houses that owe me something, more than 0"; "I'm told
    `dropped #2 Jones`" is the removal's line."""
    run = _corpus_cli(tmp_path, "corpus16/windows", shown="both")
    assert run("add", "Smith", "  ELM   road ", "8") == (0, ["#1 Smith, Elm Road: 8.00 a clean"])
    assert run("add", "Jones", "high street", "12.5") == (0, ["#2 Jones, High Street: 12.50 a clean"])
    assert run("clean", "2") == (0, ["cleaned #2 Jones, owes 12.50"])
    assert run("clean", "2") == (0, ["cleaned #2 Jones, owes 25.00"])
    assert run("paid", "2", "30") == (1, ["that's more than they owe"])
    assert run("paid", "2", "5") == (0, ["#2 Jones paid 5.00, owes 20.00"])
    assert run("round", "--owing") == (0, ["#2 Jones, High Street - 12.50 a clean - cleaned 2 times - owes 20.00"])
    assert run("drop", "1") == (0, ["dropped #1 Smith"])


def test_numbered_steps_and_tables_of_options_and_errors(tmp_path):
    """corpus18 (a bookkeeper's tables and numbered steps): hymns' "Check the date with
    valid_day. Should it fail, ..." with "a date that valid_day refuses" refuses a date that is
    not valid (it was read as refusing valid ones); "Should the same hymn number already be
    entered for the said date" keys on number and day; "in ascending order of date" orders by
    `day`; milk's `| situation | message | status |` table gives the add its checks in table
    order, and its `| option | what it does |` table the filters' words."""
    (tmp_path / "hymns").mkdir()
    run = _corpus_cli(tmp_path / "hymns", "corpus18/hymns", shown="both")
    assert run("sing", "2023-02-29", "1", "x") == (2, ["bad date: 2023-02-29"])
    assert run("sing", "2024-03-24", "477", "Now thank") == (0, ["entered 2024-03-24 #477 Now thank"])
    assert run("sing", "2024-03-17", "477", "Now thank") == (0, ["entered 2024-03-17 #477 Now thank"])
    assert run("sing", "2024-03-17", "477", "Now thank") == (1, ["hymn 477 is already entered for 2024-03-17"])
    assert run("list") == (0, ["2024-03-17 #477 Now thank", "2024-03-24 #477 Now thank"])
    milk = spf.load_spec(HERE / "corpus18/milk")
    deliver = interpret_command(next(c for c in milk.commands if c.name == "deliver"), milk, milk.stores[0])[0]
    assert [(g.kind, g.message, g.status) for g in deliver.guards] == [
        ("check", "unknown kind: KIND", 2), ("check", "pints must be between 1 and 12", 2),
        ("duplicate", "KIND already entered for DAY", 1)]
    (tmp_path / "milk").mkdir()
    run = _corpus_cli(tmp_path / "milk", "corpus18/milk")
    assert run("deliver", "2024-06-01", "2", "--kind", "Whole") == (0, ["2024-06-01 whole x2"])
    assert run("deliver", "2024-05-31", "1") == (0, ["2024-05-31 semi x1"])
    assert run("list", "--month", "2024-06", "--kind", "WHOLE") == (0, ["2024-06-01 whole x2"])


def test_a_placeholder_from_a_function_an_unset_part_and_a_check_on_the_field_filled(tmp_path):
    """corpus17 (user stories): sourdough's "the tool says `... H% hydration`, with H from
    hydration" calls hydration(flour, water) (also in `log`, where only feed said it); "a
    feeding whose rise was not measured shows `rise ?` instead of `rise P%`"; "a rise outside
    0 to 400" checks `percent`, the argument that fills `rise`; "Jar names are trimmed" said
    once for the project. recipes' "`unrated` in place of `RATING/5` when it has no rating
    yet" over "0 means nobody has rated it yet", and "an unknown course" against the course's
    listed values."""
    (tmp_path / "sourdough").mkdir()
    run = _corpus_cli(tmp_path / "sourdough", "corpus17/sourdough", shown="both")
    assert run("feed", "  Rye ", "50", "40") == (0, ["#1 fed rye: 50 g flour, 40 g water, 80% hydration"])
    assert run("rise", "1", "401") == (1, ["rise must be 0 to 400"])
    assert run("log") == (0, ["#1 rye 50/40 80% rise ?"])
    assert run("rise", "1", "150") == (0, ["#1 rye rose 150%"])
    assert run("log") == (0, ["#1 rye 50/40 80% rise 150%"])
    (tmp_path / "recipes").mkdir()
    run = _corpus_cli(tmp_path / "recipes", "corpus17/recipes", shown="both")
    assert run("add", "  fish   pie ", "50") == (0, ["added Fish pie: 50 min, serves 4 (main)"])
    assert run("add", "cheese board", "15", "--course", "snack") == (2, ["course must be starter, main or dessert"])
    assert run("list") == (0, ["Fish pie (main) 50 min, unrated"])


def test_a_cap_per_value_a_month_shape_and_a_strict_before(tmp_path):
    """corpus17/lockers: "a locker already in use" is a duplicate of the locker's number (it was
    read as the holder's); "a holder with two lockers already" caps the records per holder (in
    any case); "an until that is not a YYYY-MM month" is checked (status 2); add_months ("move a
    YYYY-MM month forward by a number of months") is written; "only the lockers whose paid-until
    month is before that month" is strict (the "until" of "paid-until" is no bound)."""
    run = _corpus_cli(tmp_path, "corpus17/lockers", shown="both")
    assert run("assign", "7", "Ida", "2025-09") == (0, ["locker 7 -> Ida, paid until 2025-09"])
    assert run("assign", "8", "ida", "2025-10") == (0, ["locker 8 -> ida, paid until 2025-10"])
    assert run("assign", "9", "IDA", "2025-10") == (1, ["that person already has two lockers"])
    assert run("assign", "7", "Sam", "2025-10") == (1, ["locker 7 is already taken"])
    assert run("assign", "10", "Sam", "2025-13") == (2, ["until must be a month like 2025-09"])
    assert run("extend", "8", "--months", "3") == (0, ["locker 8 paid until 2026-01"])
    assert run("list", "--overdue", "2025-09") == (0, ["no lockers assigned"])
    assert run("list", "--overdue", "2025-10") == (0, ["7: Ida, paid until 2025-09"])


def test_a_field_that_becomes_an_argument_capitals_and_a_step_with_a_note_after_its_message():
    """corpus18/clocks: "The clock is found by its name, capitals not minding. The said record's
    wound date becomes DAY" is an update setting `wound` (the text DAY never sets `days: int`),
    found in any case; corpus18/pigeons: "The ring is put into capitals", and the step "print
    `RING already clocked in RACE` (the ring in capitals) and exit with status 1" is an error
    clause (its message is no confirmation line), so the add's line is step 4's."""
    clocks = spf.load_spec(HERE / "corpus18/clocks")
    wind = interpret_command(next(c for c in clocks.commands if c.name == "wind"), clocks, clocks.stores[0])[0]
    assert wind.operation == "update" and wind.locate_ignore_case
    assert [(a.field, a.op, a.value) for a in wind.assignments] == [("wound", "set", "param:day")]
    pigeons = spf.load_spec(HERE / "corpus18/pigeons")
    clock = interpret_command(next(c for c in pigeons.commands if c.name == "clock"), pigeons, pigeons.stores[0])[0]
    assert ("ring", "str.upper") in clock.transforms
    assert clock.constructor["seconds"] == "call:to_seconds(param:time)"
    assert [g.message for g in clock.guards if g.kind == "duplicate"] == ["RING already clocked in RACE"]
    assert clock.message_pattern == "RING in RACE: SPEED m/min"


def test_a_count_said_by_its_description_loses_one():
    """A newcomer's jam cupboard (written after round thirteen's figures): "the oldest batch of
    that fruit that still has jars loses one" over `jars: int — how many jars are left` takes
    one off that count (a count field named by its description, not only `qty` or `stock`), and
    "Batches with no jars left are not shown" keeps the others (it kept only the empty ones)."""
    spec = ("# Project: jams\n\nJam.\n\n## Entity: Batch\n- fruit: str — the fruit\n- day: str — YYYY-MM-DD\n"
            "- jars: int — how many jars are left\n\n## Store: batches\n- holds: Batch\n- path: jams.json\n\n"
            "## Command: eat(fruit: str)\nWe opened a jar: the oldest batch of that fruit that still has jars "
            "loses one.\n")
    project = spf.parse_spec(spec, file="spec.md")
    eat = project.commands[0]
    readings = interpret_command(eat, project, project.stores[0])
    update = next(r for r in readings if r.operation == "update")
    assert [(a.field, a.op, a.value) for a in update.assignments] == [("jars", "subtract", "1")]
    listed = spf.parse_spec(spec + "\n## Command: cupboard\nWhat's in the cupboard, oldest batch first. Batches "
                            "with no jars left are not shown.\n", file="spec.md")
    cupboard = interpret_command(listed.commands[1], listed, listed.stores[0])[0]
    assert [(f.field, f.op, f.value) for f in cupboard.filters] == [("jars", ">", "0")]  # not the empty ones only


def test_checks_on_the_cleaned_code_a_refusal_naming_what_the_record_holds_and_summed_units(tmp_path):
    """corpus18/buttons: "The code is cleaned with clean_code ...; then: 1. If code_ok refuses
    the cleaned code" checks the cleaned code (it checked the code as typed, so `r120` was a bad
    code); the table's "COUNT more than the lot holds | `only N left in CODE`" prints what the lot
    holds for N; "`COLOUR: N in L lot(s)`, N being the number of buttons of that colour" over
    `count — how many buttons the lot holds` sums the counts (it counted lots); "Lots with
    nothing left are passed over unless `--empty` is given"; tally's numbered lines "1. `lots:
    L` ...; 2. `buttons: N`, the sum of the counts; 3. `largest: CODE (COUNT)`, the lot holding
    the most" print the first two and report the third as not done (it was read per code)."""
    buttons = spf.load_spec(HERE / "corpus18/buttons")
    tally = interpret_command(next(c for c in buttons.commands if c.name == "tally"), buttons, buttons.stores[0])[0]
    assert tally.message == "lots: {values[0]}\nbuttons: {values[1]}"
    assert [(v.function, v.field, v.group_by) for v in tally.values] == [("count", None, None), ("sum", "count", None)]
    assert tally.ignored == ["the line 'largest: CODE (COUNT)' shows one record, not a number worked out"]
    run = _corpus_cli(tmp_path, "corpus18/buttons", shown="both")
    assert run("add", " r120 ", "White", "40", "--holes", "2") == (0, ["R120: 40 white, 2 holes"])
    assert run("add", "r120", "blue", "5") == (1, ["R120 is already in the tin"])
    assert run("add", "r1200", "blue", "5") == (2, ["bad code: R1200"])
    assert run("add", "B7", "red", "3") == (0, ["B7: 3 red, 4 holes"])
    assert run("add", "B8", "red", "2") == (0, ["B8: 2 red, 4 holes"])
    assert run("take", "b7", "4") == (1, ["only 3 left in B7"])
    assert run("take", "b7", "3") == (0, ["B7: 0 left"])
    assert run("colours") == (0, ["red: 2 in 1 lot(s)", "white: 40 in 1 lot(s)"])
    assert run("list") == (0, ["R120: 40 white, 2 holes", "B8: 2 red, 4 holes"])
    assert run("list", "--empty") == (0, ["R120: 40 white, 2 holes", "B8: 2 red, 4 holes", "B7: 0 red, 4 holes"])
    assert run("tally") == (0, ["lots: 3", "buttons: 42"])


def test_a_text_argument_read_into_a_number_a_next_number_and_a_date_check_not_a_reader(tmp_path):
    """corpus20 (an owner's email to a freelancer): piano's "The fee is read with fee_cents"
    stores `85.5` as 8550 cents (the text was stored as it was typed), "a fee of zero isn't
    allowed" checks the cents read, and "a day that is not a real date" is a date check (it was
    fee_cents(day): the clause and fee_cents' words shared only "that"); funrun's "Each runner
    gets the next bib: one more than the highest bib" numbers `bib` (the add crashed without
    it), and finish's "The time is read with parse_time" sets `time` to the seconds read."""
    funrun = spf.load_spec(HERE / "corpus20/funrun")
    enter = interpret_command(next(c for c in funrun.commands if c.name == "enter"), funrun, funrun.stores[0])[0]
    assert enter.auto_fields == ["bib"]
    finish = interpret_command(next(c for c in funrun.commands if c.name == "finish"), funrun, funrun.stores[0])[0]
    assert (finish.select, finish.locate_field) == ("key", "bib")
    assert [(a.field, a.value) for a in finish.assignments] == [("time", "call:parse_time(param:time)")]
    piano = spf.load_spec(HERE / "corpus20/piano")
    book = interpret_command(next(c for c in piano.commands if c.name == "book"), piano, piano.stores[0])[0]
    assert book.constructor["fee"] == "call:fee_cents(param:fee)"
    assert [g.condition for g in book.guards if g.kind in ("check", "predicate")] == [
        "(not real_day(day))", "refuses(fee_cents(fee))", "(fee_cents(fee) == 0)"]
    run = _corpus_cli(tmp_path, "corpus20/piano", shown="both")
    assert run("book", "Mrs Grey", "Ely", "2024-04-31", "85") == (2, ["that's not a real date"])
    assert run("book", "Mrs Grey", "Ely", "2024-04-02", "0") == (2, ["fee must be more than zero"])
    assert run("book", "Mrs Grey", "Ely", "2024-04-02", "85x") == (2, ["fee must look like 85 or 85.50"])
    assert run("book", "Mrs Grey", "Ely", "2024-04-02", "85.5") == (0, ["visit 1: 2024-04-02 Mrs Grey, Ely €85.50"])
    assert run("visits") == (0, ["1. 2024-04-02 Mrs Grey, Ely €85.50 unpaid"])


def test_pounds_kept_in_pence_a_next_ticket_number_and_a_field_shown_by_a_writer(tmp_path):
    """corpus20/tailor: `take(..., price: float, ...)` filling `price: int — the agreed price, in
    pence` stores round(price * 100) ("store the price in pence"), "give the job the next ticket
    number: one more than the highest ticket number" numbers `ticket` and makes `take` an add
    (it was read as a show: nothing in its words was a write), "with the price shown by pounds"
    writes PRICE with pounds(pence), and `change --due` alone keeps the price (it crashed
    reading the price left out)."""
    run = _corpus_cli(tmp_path, "corpus20/tailor", shown="both")
    assert run("take", "Tom Reed", "coat", "zip", "35", "2024-05-01") == (
        0, ["ticket 1: Tom Reed, coat (zip) £35.00 due 2024-05-01"])
    assert run("take", "Ann Lee", "skirt", "hem", "7.5", "2024-06-01") == (
        0, ["ticket 2: Ann Lee, skirt (hem) £7.50 due 2024-06-01"])
    assert run("change", "1", "--due", "2024-04-30") == (0, ["#1 2024-04-30 Tom Reed: coat (zip) £35.00"])
    assert run("change", "2", "--price", "8.25") == (0, ["#2 2024-06-01 Ann Lee: skirt (hem) £8.25"])


def test_a_total_the_project_defines_in_words_and_a_one_field_add_run_first(tmp_path):
    """corpus19/petsit: "A job's total is its nights times its rate, and every amount of money
    is shown with dollars()" makes the `TOTAL` of `job NUMBER: ... NIGHTS nights, TOTAL` the
    nights times the rate written by dollars (an example with one night had taught the rate).
    corpus20/cafe: `join NAME`, run first on an empty store and given the card's one required
    field, is an add (it was read as a print), and `--stamps N` is not put through
    free_coffees(stamps) (a number argument changes only when the words say so)."""
    petsit = spf.load_spec(HERE / "corpus19/petsit")
    book = interpret_command(next(c for c in petsit.commands if c.name == "book"), petsit, petsit.stores[0])[0]
    assert book.definitions["TOTAL"] == "dollars(item.nights * item.rate)" and book.message is None
    run = _corpus_cli(tmp_path / "petsit", "corpus19/petsit", shown="both")
    assert run("book", "Patel", "Biscuit", "2024-06-10", "3") == (
        0, ["job 1: Biscuit for Patel from 2024-06-10, 3 nights, $75.00"])
    assert run("book", "Khan", "Mittens", "2024-07-01", "4", "--rate", "1999") == (
        0, ["job 2: Mittens for Khan from 2024-07-01, 4 nights, $79.96"])
    cafe = spf.load_spec(HERE / "corpus20/cafe")
    join = interpret_command(next(c for c in cafe.commands if c.name == "join"), cafe, cafe.stores[0])[0]
    assert join.operation == "add" and join.transforms == [("name", "tidy_name")]
    assert join.constructor == {"name": "param:name", "stamps": "param:stamps"}


def test_a_shape_placeholder_written_by_a_function_and_one_decimal_said_for_a_field(tmp_path):
    """corpus19/walkies: "The reply is `walk NUMBER: DOG, H:MM, KM km`, with the minutes through
    hhmm and the km to one decimal": `H:MM` is what hhmm writes (its examples have that shape;
    it was printed as the letters `H:MM`), and the km have one decimal (money elsewhere in the
    project had made it two)."""
    run = _corpus_cli(tmp_path, "corpus19/walkies", shown="both")
    assert run("walk", "rex", "45", "3.2") == (0, ["walk 1: Rex, 0:45, 3.2 km"])
    assert run("walk", "BELLA", "90", "6", "--wet") == (0, ["walk 2: Bella, 1:30, 6.0 km"])


def test_times_read_and_written_places_counted_and_runners_with_a_time(tmp_path):
    """corpus20/funrun: parse_time reads `mm:ss` or `h:mm:ss` into seconds and fmt_time writes
    them back (`0:59`, `1:02:03`; the function found before passed its examples with a fixed
    `1:` hour and unpadded seconds); "places counted 1, 2, 3 down the list shown" numbers
    `PLACE`; "only runners with a time" and "runners without a time" keep the finishers and the
    runners still out (`time: int | None`)."""
    run = _corpus_cli(tmp_path, "corpus20/funrun", shown="both")
    assert run("enter", "Ava", "12", "5K") == (0, ["bib 1: Ava (12) 5k"])
    assert run("enter", "Ben", "40", "5k") == (0, ["bib 2: Ben (40) 5k"])
    assert run("enter", "Cat", "29", "5k") == (0, ["bib 3: Cat (29) 5k"])
    assert run("results", "5k") == (0, ["no finishers"])
    assert run("finish", "2", "1:02:03") == (0, ["bib 2: Ben 5k in 1:02:03"])
    assert run("finish", "1", "25:05") == (0, ["bib 1: Ava 5k in 25:05"])
    assert run("finish", "3", "25:5") == (2, ["bad time, use mm:ss or h:mm:ss"])
    assert run("results", "5k") == (0, ["1. Ava 25:05", "2. Ben 1:02:03"])
    assert run("waiting") == (0, ["bib 3: Cat (29) 5k"])


def test_groups_counted_together_whatever_their_case_and_a_line_the_way_list_shows_it(tmp_path):
    """corpus19/shells: "Beaches are counted together whatever their case ... and shown spelled
    the way the earliest added shell from there spells it" makes one group of Filey and filey,
    shown as `Filey` (they were two lines); fix's "It prints the shell the way `list` shows it"
    prints the record's line alone (it was prefixed `updated: `)."""
    run = _corpus_cli(tmp_path, "corpus19/shells", shown="both")
    assert run("add", "cockle", "Filey", "2024-07-14", "32") == (0, ["#1 cockle from Filey, 32 mm"])
    assert run("add", "whelk", "filey", "2024-07-15", "61") == (0, ["#2 whelk from filey, 61 mm"])
    assert run("add", "limpet", "Whitby", "2024-07-16", "20") == (0, ["#3 limpet from Whitby, 20 mm"])
    assert run("beaches") == (0, ["Filey: 2 shells, biggest 61 mm", "Whitby: 1 shell, biggest 20 mm"])
    assert run("fix", "3", "--size", "21") == (0, ["#3 limpet from Whitby (2024-07-16), 21 mm"])


def test_counts_of_copies_sums_of_products_and_the_projects_money_writer(tmp_path):
    """corpus19/cards: "`TEAM: N cards, TOTAL`, N counting every copy and TOTAL being value times
    copies added up, through money()" sums `copies` and value*copies per team; worth's "every
    card's value times its copies, added up. Prints `N cards worth TOTAL`, where N counts every
    copy" does the same over the binder, written by the money() the project names ("always
    shown with money()"); swap's "`gave away N of CODE, M left`" shows what is left for M."""
    run = _corpus_cli(tmp_path, "corpus19/cards", shown="both")
    assert run("add", "pl-7", "Bukayo Saka", "Arsenal", "800", "--copies", "3") == (
        0, ["added PL-7 Bukayo Saka x3 at $8.00"])
    assert run("add", "AA-1", "Ann Able", "Everton", "500") == (0, ["added AA-1 Ann Able x1 at $5.00"])
    assert run("worth") == (0, ["4 cards worth $29.00"])
    assert run("teams") == (0, ["Arsenal: 3 cards, $24.00", "Everton: 1 cards, $5.00"])
    assert run("swap", "PL-7", "--copies", "2")[1][0].endswith(", 1 left")


def test_a_refusal_asked_for_in_an_email_and_a_total_shown_by_a_writer_without_brackets(tmp_path):
    """A newcomer's darts league (written after round fourteen's figures, in an email's voice):
    "Please refuse a day that isn't a real date with `not a real day` (status 2), and refuse a
    player playing themselves (`a player can't play themselves`, status 2)" are two error
    clauses; the second is not understood, so play is reported partial (it was verified with
    the check silently missing). "The table fees taken, added up, as `fees: TOTAL`, the total
    shown by pounds" writes the sum with pounds (it printed the pence as pounds)."""
    spec = ("# Project: darts\n\nThe league.\n\n## Entity: Match\n- home: str — home player\n- away: str — away player\n"
            "- day: str — YYYY-MM-DD\n- fee: int — the table fee, in pence\n\n## Store: matches\n- holds: Match\n"
            "- path: matches.json\n\n## Function: pounds(pence: int) -> str\nA pound sign, the pounds, a dot and two "
            "digits of pence.\n- pounds(250) == \"£2.50\"\n- pounds(5) == \"£0.05\"\n\n"
            "## Command: play(home: str, away: str, day: str, fee: int = 200)\nWhen a match is over I type who played "
            "and the day. Please refuse a day that isn't a real date with `not a real day` (status 2), and refuse a "
            "player playing themselves (`a player can't play themselves`, status 2). It answers `match NUMBER: HOME v "
            "AWAY`.\n- `play dave ann 2024-03-05` prints \"match 1: dave v ann\"\n\n"
            "## Command: fees\nThe table fees taken, added up, as `fees: TOTAL`, the total shown by pounds.\n"
            "- `fees` prints \"fees: £0.00\"\n")
    project = spf.parse_spec(spec, file="spec.md")
    assert [(e.condition, e.message, e.status) for e in prose_errors(project.commands[0])] == [
        ("a day that isn't a real date", "not a real day", 2),
        ("a player playing themselves", "a player can't play themselves", 2)]
    out, work = _generated(tmp_path, spec)
    run = _runner(out, work, "darts")
    assert run("play", "dave", "ann", "2024-03-05", "--fee", "250") == (0, ["match 1: dave v ann"])
    assert run("fees") == (0, ["fees: £2.50"])


def test_a_requirement_with_its_message_in_brackets():
    """A newcomer's cider cellar (written after round fourteen's figures): "Bottles must be at
    least 1 (`need at least one bottle`, status 2)" is an error clause, the requirement turned
    around ("Bottles below 1"); it was dropped and the command reported verified. A requirement
    spf cannot turn around gives no clause (it would refuse what it asks for)."""
    spec = ("# Project: bottles\n\nCider.\n\n## Entity: Batch\n- apple: str — the variety\n- bottles: int — left\n\n"
            "## Store: batches\n- holds: Batch\n- path: batches.csv\n\n"
            "## Command: bottle(apple: str, bottles: int)\nWrite down a batch. Bottles must be at least 1 (`need at "
            "least one bottle`, status 2). The apple must sound nice (`not nice`, status 2). Prints `#NUMBER APPLE`.\n"
            "- `bottle dabinett 12` prints \"#1 dabinett\"\n")
    project = spf.parse_spec(spec, file="spec.md")
    assert [(e.condition, e.message, e.status) for e in prose_errors(project.commands[0])] == [
        ("Bottles below 1", "need at least one bottle", 2)]
    bottle = interpret_command(project.commands[0], project, project.stores[0])[0]
    assert [(g.condition, g.message) for g in bottle.guards] == [("(bottles < 1)", "need at least one bottle")]


def test_the_records_that_still_have_some_of_a_count():
    """A newcomer's cider cellar: "The batches that still have bottles" over `bottles: int` lists
    only the batches with bottles > 0 (it listed the empty ones too and was reported verified);
    "the batches with some bottles left" and (a newcomer's seed swap, after round fifteen's
    figures) "the packets that still have some left" over the one count read the same."""
    spec = ("# Project: cider\n\nCider.\n\n## Entity: Batch\n- apple: str — the variety\n"
            "- bottles: int — how many bottles are left\n\n"
            "## Store: batches\n- holds: Batch\n- path: batches.csv\n\n"
            "## Command: cellar\nThe batches that still have bottles, one per line as `#NUMBER APPLE`.\n\n"
            "## Command: stock\nThe batches with some bottles left, one per line as `#NUMBER APPLE`.\n\n"
            "## Command: shelf\nThe batches that still have some left, in apple order, as `#NUMBER APPLE`.\n")
    project = spf.parse_spec(spec, file="spec.md")
    for command in project.commands:
        best = interpret_command(command, project, project.stores[0])[0]
        assert [(f.field, f.op, f.value) for f in best.filters] == [("bottles", ">", "0")], command.name


def test_a_verb_named_for_a_count_a_card_shown_as_described_under_join_and_stated_stamps_off(tmp_path):
    """corpus20/cafe: `stamp NAME --cups N` over `stamps: int` adds N stamps (the verb names the
    count; it was read as a list whose filter passed the one example by chance); "Each card is
    shown as described under join" lends join's line to cards, whose "when two people have the
    same number of stamps" is a tie, not a count; redeem's "take eight stamps off their card"
    and "fewer than eight stamps" refuse with the card unchanged."""
    run = _corpus_cli(tmp_path, "corpus20/cafe", shown="both")
    assert run("join", "anna lee") == (0, ["Anna Lee: 0 stamps"])
    assert run("stamp", "ANNA  lee", "--cups", "4") == (0, ["Anna Lee: 4 stamps"])
    assert run("redeem", "anna lee") == (1, ["not enough stamps"])
    assert run("join", "bob", "--stamps", "3")[0] == 0
    assert run("join", "carl", "--stamps", "4")[0] == 0
    assert run("cards") == (0, ["Anna Lee: 4 stamps", "Carl: 4 stamps", "Bob: 3 stamps"])
    assert run("stamp", "anna lee", "--cups", "4")[0] == 0  # 8 stamps (its line's free-coffee suffix is not read)
    assert run("redeem", "anna lee") == (0, ["Anna Lee: 0 stamps"])


def test_a_key_refused_twice_a_writer_named_for_every_height_and_a_line_stated_alone(tmp_path):
    """corpus22/trees: no field is said to be unique, but "a tag that is already on a tree"
    refuses a second tag, so `water TAG LITRES DAY` finds the tree by its tag and adds the litres
    (it was read as a list); "Heights are always printed with height_text" writes HEIGHT in every
    line. corpus22/potluck: the dish's line stands alone after "it looks like this:", with ` [V]`
    for a `veggie: bool — true when it's vegetarian`, and "prints the dish as it is afterwards"
    prints that line alone."""
    run = _corpus_cli(tmp_path, "corpus22/trees")
    assert run("plant", "17", "rowan", "Mill Lane", "2024-01-20", "150") == (0, ["planted T017 rowan on Mill Lane, 1.50 m"])
    assert run("water", "T-17", "20", "2024-06-01") == (0, ["T017 rowan: +20 litres, 20 litres so far"])
    assert run("water", "17", "5", "2024-06-02") == (0, ["T017 rowan: +5 litres, 25 litres so far"])
    run = _corpus_cli(tmp_path / "potluck", "corpus22/potluck")
    assert run("bring", "Priya", "veg  lasagne", "mains", "8", "--veggie") == (
        0, ["#1 Veg lasagne (main, serves 8) from Priya [V]"])
    assert run("change", "1", "--serves", "9") == (0, ["#1 Veg lasagne (main, serves 9) from Priya [V]"])


def test_amounts_read_in_by_a_named_reader_old_and_new_and_a_sum_of_what_an_update_changed(tmp_path):
    """corpus21: gifts' "with PRICE read by parse_price" fills `pence: int — the price, in pence`
    (the add was dropped for a missing field, and the command printed nothing), written by money
    as the project's gift line says ("with PRICE written by money"), and buy's `--price` (read by
    parse_price) replaces it; tips' "AMOUNT is read with to_cents" fills `cents` (the reader's
    words: "Returns it in cents"), the name "kept in lower case with any blanks around it
    dropped", and fix answers `N. DAY NAME OLD -> NEW`, "both amounts written by euros"; lunch's
    "Take down someone's order" is an add with the price typed in pounds kept in pence, and paid
    answers `PERSON paid AMOUNT`, "the amount being what those orders add up to (written by
    pounds)", once."""
    run = _corpus_cli(tmp_path / "gifts", "corpus21/gifts")
    assert run("plan", "Mum", "wool scarf", "12.5") == (0, ["1. Mum: wool scarf (£12.50)"])
    assert run("buy", "1", "--price", "£14") == (0, ["1. Mum: wool scarf (£14.00) - bought"])
    run = _corpus_cli(tmp_path / "tips", "corpus21/tips")
    assert run("add", "2024-05-03", "  Joe ", "7.5") == (0, ["1. 2024-05-03 joe 7.50"])
    assert run("fix", "1", "6.75") == (0, ["1. 2024-05-03 joe 7.50 -> 6.75"])
    run = _corpus_cli(tmp_path / "lunch", "corpus21/lunch")
    assert run("order", "sam", "egg sandwich", "4.5") == (0, ["#1 Sam: egg sandwich £4.50"])
    assert run("order", "sam", "crisps", "1") == (0, ["#2 Sam: crisps £1.00"])
    assert run("paid", "SAM") == (0, ["Sam paid £5.50"])


def test_a_count_line_after_a_listing_a_name_placeholder_and_a_removal_found_by_every_argument(tmp_path):
    """corpus21/attendance: walk's "and then a last line `total: N` with the number of people"
    counts the names listed; unmark's `unmarked NAME on DAY` names `member: str — the person's
    name`; `unmark NAME DAY` takes off the visit of that person on that day (a removal has no
    other use for an argument that names a field; it removed their first visit of any day). A
    key is only inferred where the refused thing is the field itself: "a person who is already
    marked on that day" is two fields, so a second day is no duplicate."""
    run = _corpus_cli(tmp_path, "corpus21/attendance")
    assert run("mark", "ann", "2024-03-02") == (0, ["marked Ann on 2024-03-02"])
    assert run("mark", "ann", "2024-03-09") == (0, ["marked Ann on 2024-03-09"])
    assert run("mark", "bob", "2024-03-09", "--guest") == (0, ["marked Bob on 2024-03-09 (guest)"])
    assert run("walk", "2024-03-09") == (0, ["Ann", "Bob (guest)", "total: 2"])
    assert run("unmark", "ANN", "2024-03-09") == (0, ["unmarked Ann on 2024-03-09"])
    assert run("walk", "2024-03-02") == (0, ["Ann", "total: 1"])
    assert run("walk", "2024-03-09") == (0, ["Bob (guest)", "total: 1"])


def test_takes_one_record_out_is_a_removal():
    """corpus22/register: "Takes one sign-in out again (somebody signed in by mistake)" over
    `undo(child, day)` removes the visit found by both (the name `undo` read it as an update)."""
    project = spf.load_spec(Path(__file__).parent / "corpus22" / "register")
    undo = next(c for c in project.commands if c.name == "undo")
    best = interpret_command(undo, project, project.stores[0])[0]
    assert (best.operation, best.locate_field, [(f.field, f.value) for f in best.filters]) == (
        "remove", "child", [("day", "param:day")])


def test_an_option_named_for_its_words_and_a_marker_shown_where_a_field_was_noted(tmp_path):
    """corpus22/badges: "`--by NAME` notes which leader signed it off" fills `leader: str = ""`
    (the option was refused as not implemented), and the project's "when a leader was noted,
    ` (signed off by LEADER)` is added at the end" marks the award's line; "Scout names are
    compared without caring about upper and lower case" makes a second badge of "ELLA" a
    duplicate of Ella's."""
    run = _corpus_cli(tmp_path, "corpus22/badges", shown="both")
    assert run("award", "Ella", "First-Aid", "2024-05-14", "--by", "Raj") == (
        0, ["#1 Ella: first aid on 2024-05-14 (signed off by Raj)"])
    assert run("award", "Tom", "swimmer", "2024-05-14") == (0, ["#2 Tom: swimmer on 2024-05-14"])
    assert run("award", "ELLA", "first aid", "2024-06-01") == (1, ["already awarded"])


def test_ground_rules_stated_once_for_every_command_and_a_listing_in_a_fields_order(tmp_path):
    """corpus22/trees: "A tag typed on the command line always goes through tag_code first. If
    tag_code can't make sense of it, the command prints `TAG is not a tag number` (TAG as typed)
    and stops with status 2" and "A day that isn't a real date written that way makes the command
    print `DAY is not a date`" are error clauses of every command taking a TAG or a DAY, checked
    first (a bad tag crashed with a traceback); "All the trees in tag order" sorts by tag."""
    project = spf.load_spec(Path(__file__).parent / "corpus22" / "trees")
    water = next(c for c in project.commands if c.name == "water")
    from spf.interpretation import project_errors
    assert [(e.condition, e.message, e.status) for e in project_errors(project, water, project.entities[0])] == [
        ("a TAG that tag_code rejects", "TAG is not a tag number", 2),
        ("A DAY that isn't a real date written that way", "DAY is not a date", 2)]
    run = _corpus_cli(tmp_path, "corpus22/trees", shown="both")
    assert run("plant", "1000", "birch", "Mill Lane", "2024-01-20", "150") == (2, ["1000 is not a tag number"])
    assert run("plant", "17", "rowan", "Mill Lane", "2024-01-20", "150")[0] == 0
    assert run("plant", "4", "birch", "Hill Road", "2024-01-20", "180")[0] == 0
    assert run("water", "T-X", "0", "someday") == (2, ["T-X is not a tag number"])
    assert run("list") == (0, ["T004 birch, Hill Road, 1.80 m, 0 litres", "T017 rowan, Mill Lane, 1.50 m, 0 litres"])


def test_a_placeholder_a_spec_function_works_out_from_a_field_to_an_argument(tmp_path):
    """corpus22/potholes: "It prints `#NUMBER fixed after D days`, where D is days_open from the
    day it was reported to DAY (and it says `1 day` instead of `1 days`)": D is
    ``days_open(item.reported, day)``, a field and the argument (it printed `D` as it stands)."""
    run = _corpus_cli(tmp_path, "corpus22/potholes")
    assert run("report", "station rd", "outside 12", "4", "2024-03-01") == (
        0, ["#1 Station Road, outside 12 - severity 4, reported 2024-03-01"])
    assert run("fixed", "1", "2024-03-15") == (0, ["#1 fixed after 14 days"])


def test_a_text_field_empty_while_a_record_is_open_names_two_states_and_a_rule_for_every_day(tmp_path):
    """corpus22/potholes: `fixed: str = "" — the day it was repaired; empty while it is still open`:
    "The reports that are still open" keeps the empty ones, "removes every fixed report" the
    others; "Whenever a command is given a day that valid_day does not accept, it prints `not a
    date: DAY` ... before any other check" is checked first in every command taking a DAY."""
    run = _corpus_cli(tmp_path, "corpus22/potholes", shown="both")
    assert run("report", "station rd", "outside 12", "9", "2024-13-01") == (2, ["not a date: 2024-13-01"])
    assert run("report", "station rd", "outside 12", "4", "2024-03-01")[0] == 0
    assert run("report", "mill ln.", "by the gate", "2", "2024-03-02")[0] == 0
    assert run("fixed", "1", "2024-03-04") == (0, ["#1 fixed after 3 days"])
    assert run("open") == (0, ["#2 Mill Lane, by the gate - severity 2, reported 2024-03-02"])
    assert run("purge") == (0, ["purged 1"])
    assert run("open") == (0, ["#2 Mill Lane, by the gate - severity 2, reported 2024-03-02"])


def test_sums_per_person_written_by_the_fields_writer(tmp_path):
    """corpus21: tips' "How much each person got ... `--since DAY` counts only the entries from
    DAY onwards. When there is nothing to count ..." sums the cents per person (the verb "counts"
    and "nothing to count" made it a count), with the `all` line; lunch's "Who still owes money. A
    line per person with unpaid orders, `PERSON owes AMOUNT`" sums the unpaid pence per person,
    AMOUNT written by pounds(), which writes the pence wherever they are shown."""
    run = _corpus_cli(tmp_path / "tips", "corpus21/tips")
    for day, name, amount in (("2024-05-03", "joe", "7.5"), ("2024-05-04", "ana", "12"), ("2024-05-05", "joe", "5")):
        assert run("add", day, name, amount)[0] == 0
    assert run("totals") == (0, ["joe 12.50", "ana 12.00", "all 24.50"])
    run = _corpus_cli(tmp_path / "lunch", "corpus21/lunch")
    assert run("order", "zoe", "soup", "3.95")[0] == 0
    assert run("order", "bea", "roll", "4.10")[0] == 0
    assert run("order", "zoe", "cake", "1.30")[0] == 0
    assert run("owed") == (0, ["Bea owes £4.10", "Zoe owes £5.25", "total £9.35"])


def test_a_read_never_turns_into_a_delete_and_irregular_plurals_agree(tmp_path):
    """corpus22/register: "Who came on DAY: their names A to Z, one per line, and then a line `N
    children` (or `1 child` ...). When nobody is signed in for that day it prints just `nobody on
    DAY`" — its listings did not print the empty line, and the wider search then offered a
    removal that printed it: `night` deleted the night it was asked about. A removal the words
    give no hint of is never offered, even to the wider search (updates still are: examples
    with records tell them apart); "prints just `...`" is the
    empty line; `1 child`, `2 children` agree."""
    project = spf.load_spec(Path(__file__).parent / "corpus22" / "register")
    night = next(c for c in project.commands if c.name == "night")
    wide = interpret_command(night, project, project.stores[0], wide=True, limit=200)
    assert "remove" not in {c.operation for c in wide}
    run = _corpus_cli(tmp_path, "corpus22/register")
    assert run("sign", "zoe", "2024-03-05")[0] == 0
    assert run("night", "2024-03-05") == (0, ["Zoe", "1 child"])
    assert run("night", "2024-03-05") == (0, ["Zoe", "1 child"])  # still there
    assert run("night", "2024-03-08") == (0, ["nobody on 2024-03-08"])


def test_a_command_named_for_a_state_asked_about_is_no_write():
    """corpus22/potluck: `bringing NAME`, "What is NAME bringing? Their dishes in number order":
    the name's stem is a verb of updates ("bring back"), but a gerund asks about a state; it was
    generated as an update that printed `updated 3`."""
    project = spf.load_spec(Path(__file__).parent / "corpus22" / "potluck")
    bringing = next(c for c in project.commands if c.name == "bringing")
    assert interpret_command(bringing, project, project.stores[0])[0].operation in ("list", "show", "count")


def test_a_fields_order_said_for_ties_is_no_order_of_its_own():
    """corpus19/cards: "`--sort value` puts the most valuable first (one copy's value), and cards
    of equal value in code order": "in code order" orders the ties only; read as an order of its
    own it made `--sort value` sort by code."""
    project = spf.load_spec(Path(__file__).parent / "corpus19" / "cards")
    listing = next(c for c in project.commands if c.name == "list")
    best = interpret_command(listing, project, project.stores[0])[0]
    assert best.order_choices[1]["value"] == ["value", True]


def test_a_command_nobody_named_for_adding_a_state_it_ends_in_and_a_state_excluded(tmp_path):
    """corpus23/sharpening (first measured 0/9): "A knife comes in" is no add word, but ticket
    numbers are "one more than the highest ticket in the file", said for the project, so the
    arguments are exactly a new record (it was read as a listing that printed nothing); "a kind
    I don't do" refuses what price(kind, blade) raises for; "it becomes collected" sets the
    state; "the knives that are still with me (waiting or ready, not collected)" excludes one
    state beside the `--ready` option's own filter."""
    run = _corpus_cli(tmp_path, "corpus23/sharpening", shown="both")
    assert run("take", "ann lee", "kitchen", "18") == (0, ["ticket 1: Ann Lee, kitchen 18 cm, £4.00"])
    assert run("take", "bob", "Axe", "30") == (2, ["we don't sharpen Axe"])
    assert run("take", "bob", "bread", "25") == (0, ["ticket 2: Bob, bread 25 cm, £6.00"])
    assert run("done", "1")[0] == 0
    assert run("collect", "1") == (0, ["ticket 1 collected, £4.00 to pay"])
    assert run("collect", "1") == (1, ["ticket 1 was collected already"])
    assert run("bench") == (0, ["#2 Bob: bread 25 cm, waiting"])


def test_a_cut_that_takes_it_all_a_cut_too_long_and_a_projects_suffix(tmp_path):
    """corpus23/offcuts (first measured 1/9): "I've just cut LENGTH mm off piece NUMBER ... print
    the piece with its new length. If the cut takes all of it, the piece comes off the rack and
    it prints `#NUMBER used up` instead" (it printed `used up` for every cut); "a cut longer than
    the piece" and "a cut of 0 mm or less" are checks (they were not understood); the
    project's "if the piece has a note, ` - NOTE` on the end" holds for every line."""
    run = _corpus_cli(tmp_path, "corpus23/offcuts", shown="both")
    assert run("add", "cherry", "500", "100", "--note", "check at one end") == (
        0, ["#1 cherry 500x100 mm - check at one end"])
    assert run("cut", "1", "450") == (0, ["#1 cherry 50x100 mm - check at one end"])
    assert run("cut", "1", "51") == (1, ["piece #1 is too short"])
    assert run("cut", "1", "0") == (2, ["sizes must be more than 0 mm"])
    assert run("cut", "1", "50") == (0, ["#1 used up"])
    assert run("rack") == (0, ["nothing on the rack"])


def test_a_placeholder_written_as_a_call_the_highest_record_and_a_removal_that_counts(tmp_path):
    """corpus24/peaks (first measured 1/9): "a day valid_day doesn't accept" refuses (the guard
    was `valid_day(day)`, refusing every real day); "FEET from feet(HEIGHT)", said in bag, writes
    FEET in highest's line too; "The highest hill I've been up ... If two hills are just as high,
    the one I reached first wins" picks one record (it was a max that printed `item` outside any
    loop and crashed); "every ascent of it ... `forgot N ascents of PEAK`" counts the removed."""
    run = _corpus_cli(tmp_path, "corpus24/peaks", shown="both")
    assert run("bag", "snowdon", "1085", "2024-05-12") == (0, ["bagged Snowdon, 1085 m (3560 ft) on 2024-05-12"])
    assert run("bag", "snowdon", "1085", "2024-02-30") == (2, ["day must be YYYY-MM-DD"])
    assert run("bag", "tryfan", "1085", "2023-01-01")[0] == 0
    assert run("bag", "snowdon", "1085", "2024-06-01")[0] == 0
    assert run("highest") == (0, ["highest: Tryfan, 1085 m (3560 ft), first on 2023-01-01"])
    assert run("forget", "SNOWDON") == (0, ["forgot 2 ascents of Snowdon"])


def test_a_rated_filter_a_suffix_until_set_a_written_word_and_a_literal_out_of_ten(tmp_path):
    """corpus24/drams (first measured 1/10): "My favourites: the rated bottles" keeps the bottles
    whose score is set (sorting the unrated ones crashed); "` - SCORE/10` on the end when I've
    rated it"; "`NAME: LEVEL% left (WORD)` ... level_word of it"; `NAME: SCORE/10` keeps its 10
    (learned from a bottle 10 years old it printed the age); "Get rid of the empty bottles (level
    0)" removes only those; age_text is `f"{age} yo"` or `NAS`, not "12 yo" copied out of a
    constant."""
    run = _corpus_cli(tmp_path, "corpus24/drams", shown="both")
    assert run("buy", "Ardbeg", "islay", "--age", "10") == (0, ["bought Ardbeg (islay, 10 yo)"])
    assert run("buy", "Oban", "highland") == (0, ["bought Oban (highland, NAS)"])
    assert run("best") == (1, ["nothing rated yet"])
    assert run("rate", "ardbeg", "9") == (0, ["Ardbeg: 9/10"])
    assert run("pour", "oban", "100") == (0, ["Oban: 0% left (empty)"])
    assert run("shelf") == (0, ["Ardbeg (islay, 10 yo) - sealed - 9/10", "Oban (highland, NAS) - empty"])
    assert run("clearout") == (0, ["threw out 1"])
    assert run("best") == (0, ["9/10 Ardbeg"])


def test_two_line_forms_by_a_field_unset_and_checks_borrowed_from_another_command(tmp_path):
    """corpus23/farrier: "`NAME (OWNER), every N weeks, last shod DAY`, or `..., never shod` for a
    horse I haven't shod yet" over `last: str = "" — the day of the last shoeing, empty until I've
    shod it`; corpus24/heights: fix's "new values get the same checks as in measure" (a wrong day
    was stored) and "Rub out mark #NUMBER altogether" (a sum of numbers, printed as removed)."""
    run = _corpus_cli(tmp_path / "farrier", "corpus23/farrier", shown="both")
    assert run("horse", "Bramble", "Kate Hill")[0] == 0
    assert run("horses") == (0, ["Bramble (Kate Hill), every 6 weeks, never shod"])
    assert run("shod", "bramble", "2024-03-04")[0] == 0
    assert run("horses") == (0, ["Bramble (Kate Hill), every 6 weeks, last shod 2024-03-04"])
    run = _corpus_cli(tmp_path / "heights", "corpus24/heights", shown="both")
    assert run("measure", "rosie", "100", "2024-01-01")[0] == 0
    assert run("fix", "1", "--day", "2024-02-30") == (2, ["not a day: 2024-02-30"])
    assert run("rubout", "1") == (0, ["rubbed out #1"])
    assert run("rubout", "1") == (1, ["no mark #1"])


def test_shared_ranks_refusals_over_arguments_and_a_record_found_by_two_keys(tmp_path):
    """corpus15/quiz: "Teams with equal points MUST share the same rank ... (standard competition
    ranking: 1, 2, 2, 4)" — the record-query synthesizer's language now has the shared rank
    beside the position; its refusals are templates over the arguments (`no results for
    NIGHT` had been printed as it is); fix's "found by NIGHT and the cleaned TEAM" locates by
    both (it overwrote the team of the night's first result) and prints `OLD -> NEW`."""
    run = _corpus_cli(tmp_path, "corpus15/quiz", shown="both")
    for team, points in (("zebras", "44"), ("owls", "30"), ("larks", "30"), ("nerds", "12")):
        assert run("score", "2024-11-21", team, points)[0] == 0
    assert run("night", "2024-11-21") == (0, ["1. zebras (44)", "2. larks (30)", "2. owls (30)", "4. nerds (12)"])
    assert run("night", "2024-11-28") == (1, ["no results for 2024-11-28"])
    assert run("fix", "2024-11-21", "owls", "31") == (0, ["owls on 2024-11-21: 30 -> 31"])
    assert run("fix", "2024-11-21", "bats", "31") == (1, ["no such result"])


def test_a_suffix_an_option_decides_and_a_count_per_person(tmp_path):
    """corpus24/jabs: "when `--every M` is more than 0 it adds ` (next due NEXT)` on the end, NEXT
    being add_months(DAY, M)" (the option's metavar is an argument of the call); "Everyone with
    at least one jab, A to Z: `PERSON: N jabs`" counts per person (it listed every jab, and then
    took "at least" for a minimum)."""
    run = _corpus_cli(tmp_path, "corpus24/jabs", shown="both")
    assert run("record", "dad", "flu", "2024-01-31", "--every", "1") == (
        0, ["recorded flu for Dad on 2024-01-31 (next due 2024-02-29)"])
    assert run("record", "mum", "mmr", "2024-01-31") == (0, ["recorded mmr for Mum on 2024-01-31"])
    assert run("record", "mum", "flu", "2024-02-01")[0] == 0
    assert run("people") == (0, ["Dad: 1 jab", "Mum: 2 jabs"])


def test_a_function_that_only_writes_a_placeholder_changes_no_field():
    """A newcomer's spec (round sixteen): "I've done the job: it becomes fixed. Prints `#NUMBER
    fixed, £PRICE to pay` with PRICE from charge(HOURS)" over `charge(hours: int) -> int` was read
    as `hours = charge(hours)` (a function taking a field to its next value) and overwrote the
    hours; it writes PRICE only, and the job's state becomes fixed."""
    spec = ("# Project: bikes\n\nJobs.\n\n## Entity: Job\n- number: int\n- owner: str\n- hours: int\n"
            "- state: str = \"waiting\" — waiting, fixed or collected\n\n## Store: jobs\n- holds: Job\n- format: json\n\n"
            "## Function: charge(hours: int) -> int\nWhat I ask: 5 plus 12 for every hour.\n- charge(1) == 17\n"
            "- charge(2) == 29\n- charge(0) == 5\n\n## Command: fixed(number: int)\nI've done the job: it becomes fixed. "
            "Prints `#NUMBER fixed, £PRICE to pay` with PRICE from charge(HOURS).\n")
    project = spf.parse_spec(spec, file="spec.md")
    best = interpret_command(project.commands[0], project, project.stores[0])[0]
    assert best.operation == "update"
    assert [(a.field, a.value) for a in best.assignments] == [("state", "'fixed'")]
    assert best.definitions.get("PRICE") == "charge(item.hours)"


def test_a_log_kept_in_day_order_numbers_by_place_and_prints_as_above(tmp_path):
    """corpus23/pitches (first measured 3/9): "The log is kept in day order, and an entry's
    number is simply its place in that order" inserts a forgotten day where it belongs (it was
    appended, numbered last); "each entry printed as above" takes the project's line with the
    takings written by money (the examples had made `£{item.takings}` of it); `--place NAME`
    is the place, not a bound on the days; "neither option given" refuses a fix that changes
    nothing."""
    run = _corpus_cli(tmp_path, "corpus23/pitches", shown="both")
    assert run("log", "2024-06-08", "riverside fete", "512.40", "131") == (
        0, ["1. 2024-06-08 Riverside Fete: £512.40, 131 served"])
    assert run("log", "2024-06-01", "market square", "380", "95") == (
        0, ["1. 2024-06-01 Market Square: £380.00, 95 served"])
    assert run("log", "2024-06-09", "market square", "250", "60")[0] == 0
    assert run("history", "--place", "MARKET square", "--since", "2024-06-02") == (
        0, ["3. 2024-06-09 Market Square: £250.00, 60 served"])
    assert run("best", "--top", "1") == (0, ["2. 2024-06-08 Riverside Fete: £512.40, 131 served"])
    assert run("fix", "1") == (2, ["nothing to change"])
    assert run("drop", "1") == (0, ["dropped 2024-06-01 Market Square"])
    assert run("history") == (0, ["1. 2024-06-08 Riverside Fete: £512.40, 131 served",
                                  "2. 2024-06-09 Market Square: £250.00, 60 served"])


def test_a_sqlite_store_kept_in_a_fields_order(tmp_path):
    """The same store order in SQLite: rows come back by the field, then as added, and an add
    returns its place in that order."""
    spec = ("# Project: dives\n\nThe log is kept in date order.\n\n## Entity: Dive\n- day: str — YYYY-MM-DD\n"
            "- site: str\n\n## Store: log\n- holds: Dive\n- format: sqlite\n\n"
            "## Command: dive(day: str, site: str)\nLogs a dive. Prints `N. DAY SITE`, N its number in the log.\n\n"
            "## Command: log\nEvery dive, as `N. DAY SITE`.\n")
    out, work = _generated(tmp_path, spec)
    run = _runner(out, work, "dives")
    assert run("dive", "2024-05-02", "Reef") == (0, ["1. 2024-05-02 Reef"])
    assert run("dive", "2024-05-01", "Wreck") == (0, ["1. 2024-05-01 Wreck"])
    assert run("dive", "2024-05-01", "Arch") == (0, ["2. 2024-05-01 Arch"])
    assert run("log") == (0, ["1. 2024-05-01 Wreck", "2. 2024-05-01 Arch", "3. 2024-05-02 Reef"])


def test_summary_lines_of_their_own_records_a_tie_by_a_quality_and_a_name_trimmed_once(tmp_path):
    """corpus23/sharpening: "`collected: N knives, MONEY` for the knives collected ..., and `on
    the bench: N knives, MONEY` for the ones not collected yet" counts each line's own records
    (both lines had counted every knife); corpus23/offcuts: "the shortest piece that fits; if
    several are equally short, the narrowest of those" breaks the tie by the width; farrier's
    "The name is stored ... the way I typed it (without spaces at the ends)" trims it."""
    run = _corpus_cli(tmp_path / "sharpening", "corpus23/sharpening")
    assert run("take", "Bob", "bread", "25")[0] == 0
    assert run("take", "Ann", "chisel", "3")[0] == 0
    assert run("done", "2")[0] == 0
    assert run("collect", "2")[0] == 0
    assert run("takings") == (0, ["collected: 1 knives, £3.00", "on the bench: 1 knives, £6.00"])
    run = _corpus_cli(tmp_path / "offcuts", "corpus23/offcuts")
    assert run("add", "oak", "700", "120")[0] == 0
    assert run("add", "beech", "700", "80")[0] == 0
    assert run("fit", "550", "60") == (0, ["#2 beech 700x80 mm"])
    run = _corpus_cli(tmp_path / "farrier", "corpus23/farrier")
    assert run("horse", "  Misty ", "Ann Cole") == (0, ["Misty (Ann Cole), every 6 weeks"])


def test_an_add_nobody_names_a_shape_in_words_and_counts_of_stated_values(tmp_path):
    """corpus26/tyres (first measured 2/9), a writer whose first language is not English: "Put a
    set on the rack" adds (it was an update of a set that did not exist: "a set" is no verb); "a
    capital R" in "three digits, a slash, two digits, one space, a capital R, two digits" is
    read whole (`size in "205/55 R16"` had passed the one example); tread_word writes WORD, not
    TREAD; `N sets: W winter, S summer` counts each season; "`--worn` only the sets where
    tread_word says "replace"" filters by the function; "a rack place that another set uses"
    refuses a duplicate."""
    run = _corpus_cli(tmp_path, "corpus26/tyres", shown="both")
    assert run("store", "ab-123-cd", "Novak", "205/55 R16", "b07", "6.5") == (0, ["stored AB123CD at B07"])
    assert run("store", "K 77", "Meier", "195/65 R15", "A01", "2.5", "--season", "summer") == (
        0, ["stored K77 at A01"])
    assert run("store", "W1", "Horvat", "205/55R16", "C03", "7") == (2, ["bad size, write it like 205/55 R16"])
    assert run("store", "W1", "Horvat", "225/45 R17", "a01", "7") == (1, ["rack place is taken"])
    assert run("list") == (0, ["A01 K77 Meier, 195/65 R15 summer, 2.5 mm (replace)",
                               "B07 AB123CD Novak, 205/55 R16 winter, 6.5 mm (good)"])
    assert run("list", "--worn") == (0, ["A01 K77 Meier, 195/65 R15 summer, 2.5 mm (replace)"])
    assert run("count") == (0, ["2 sets: 1 winter, 1 summer"])


def test_a_marker_the_project_states_and_a_command_named_for_a_field(tmp_path):
    """corpus25/peals (first measured 1/9), a volunteer's tracker request: "with `, conducted by
    NAME` on the end when there's a conductor" (the examples had made a choice between two of
    their values of it, and `ring` printed `, conducted by ` with nobody); `conductor(number,
    name)` sets the conductor (it had set the method); `C changes` is the changes; `METHOD: N (C
    changes)` adds a method's changes up; "`--kind K`" filters by peal_kind(changes)."""
    run = _corpus_cli(tmp_path, "corpus25/peals", shown="both")
    assert run("ring", "2024-05-05", "plain bob doubles", "240") == (
        0, ["#1 2024-05-05 Plain Bob Doubles, 240 changes (touch)"])
    assert run("ring", "2024-05-12", "plain bob doubles", "1260", "--conductor", " Tom ") == (
        0, ["#2 2024-05-12 Plain Bob Doubles, 1260 changes (quarter), conducted by Tom"])
    assert run("conductor", "1", " Jean Wood ") == (
        0, ["#1 2024-05-05 Plain Bob Doubles, 240 changes (touch), conducted by Jean Wood"])
    assert run("log", "--kind", "quarter") == (
        0, ["#2 2024-05-12 Plain Bob Doubles, 1260 changes (quarter), conducted by Tom"])
    assert run("methods") == (0, ["Plain Bob Doubles: 2 (1500 changes)"])


def test_two_conditions_one_message_a_led_line_and_a_duplicate_for_this_month(tmp_path):
    """corpus26/rent: "a flat that has a payment for this month already" checks the flat and the
    month (it refused any second payment of a flat); "It prints `deleted ` and then the payment
    line"; "ordered by month ... and in the same month by flat"; `FLAT: N payments, SUM` adds the
    amounts up (it had summed the payments' numbers), "At the end one more line `all: ...`"."""
    run = _corpus_cli(tmp_path, "corpus26/rent", shown="both")
    assert run("pay", "2b", "2024-03", "650") == (0, ["1. 2B 2024-03 650.00"])
    assert run("pay", "1A", "2024-03", "512,50") == (0, ["2. 1A 2024-03 512.50"])
    assert run("pay", "2B", "2024-04", "650") == (0, ["3. 2B 2024-04 650.00"])
    assert run("pay", "2B", "2024-04", "650") == (1, ["already paid for this month"])
    assert run("pay", "3C", "2023-12", "600") == (0, ["4. 3C 2023-12 600.00"])
    assert run("payments") == (0, ["4. 3C 2023-12 600.00", "2. 1A 2024-03 512.50", "1. 2B 2024-03 650.00",
                                   "3. 2B 2024-04 650.00"])
    assert run("flats") == (0, ["1A: 1 payments, 512.50", "2B: 2 payments, 1300.00", "3C: 1 payments, 600.00",
                                "all: 4 payments, 2412.50"])
    assert run("delete", "4") == (0, ["deleted 4. 3C 2023-12 600.00"])


def test_bullet_notes_a_state_named_command_and_a_count_on_that_day(tmp_path):
    """corpus25/magazine: "- none: prints `nothing waiting`" (a bullet note, not an error or an
    example) is read; `waiting` lists "Pieces not in any issue yet" over `issue: str = "" — ...
    "" while waiting` (it had counted every piece); "Prints the piece." is the project's line
    with its ` [MONTH]` "once it's in an issue, MONTH = issue_name(issue)"; place's "MONTH =
    issue_name(month)" writes the line and keeps the month. corpus26/goats: "a goat that has two
    milkings on that day already" counts her milkings of that day."""
    run = _corpus_cli(tmp_path / "magazine", "corpus25/magazine")
    assert run("waiting") == (0, ["nothing waiting"])
    assert run("submit", "Harvest supper", "Mrs Dale", "420", "--issue", "2024-09") == (
        0, ["#1 Harvest supper by Mrs Dale (420 words) [September 2024]"])
    assert run("submit", "Flower rota", "Ann Lee", "150") == (0, ["#2 Flower rota by Ann Lee (150 words)"])
    assert run("waiting") == (0, ["#2 Flower rota by Ann Lee (150 words)"])
    assert run("place", "2", "2024-10") == (0, ["#2 -> October 2024"])
    assert run("waiting") == (0, ["nothing waiting"])
    run = _corpus_cli(tmp_path / "goats", "corpus26/goats", shown="both")
    for day in ("2024-06-01", "2024-06-01", "2024-06-02"):
        assert run("milk", day, "bella", "1.5")[0] == 0
    assert run("milk", "2024-06-01", "Bella", "1") == (1, ["this goat has two milkings that day already"])


def test_a_last_line_of_groups_and_records_defined_costs_and_nested_calls(tmp_path):
    """corpus24/peaks: "After them one more line, `H hills, A ascents`" counts the groups and the
    records; corpus26/campsite: "A group arrives on a pitch" adds (its `day` fills `arrive`),
    COST is "its nights times nightly of its people", added up in `N stays, M nights, COST
    euro`, "a pitch number that is not 1 to 30" is a range; corpus25/mileage: "CLAIM =
    pounds(claim_pence(miles))" writes the project's line; corpus25/batting: `--notout` over
    `out` stores its negation, and "`total: N` (all runs that day)" adds the runs."""
    run = _corpus_cli(tmp_path / "peaks", "corpus24/peaks")
    assert run("tally") == (0, ["0 hills, 0 ascents"])
    run = _corpus_cli(tmp_path / "campsite", "corpus26/campsite", shown="both")
    assert run("arrive", "7", "Jansen", "2024-07-30", "--nights", "3") == (
        0, ["pitch 7: Jansen, 2024-07-30 to 2024-08-02, 3 nights, 2 people, 60 euro"])
    assert run("arrive", "31", "Smith", "2024-07-31") == (2, ["pitches are 1 to 30"])
    assert run("arrive", "3", "Kowalski", "2024-07-31", "--people", "4", "--nights", "2")[0] == 0
    assert run("takings") == (0, ["2 stays, 5 nights, 120 euro"])
    run = _corpus_cli(tmp_path / "mileage", "corpus25/mileage")
    assert run("log", "  Priya ", "2024-04-02", "2.5", "surgery run") == (
        0, ["1. 2024-04-02 priya: 2.5 mi, surgery run, £1.13"])
    run = _corpus_cli(tmp_path / "batting", "corpus25/batting")
    assert run("add", "sam bell", "2024-06-08", "Ibstock", "23") == (0, ["Sam Bell 23 v Ibstock (2024-06-08)"])
    assert run("add", "raj patel", "2024-06-08", "Ibstock", "61", "--notout") == (
        0, ["Raj Patel 61* v Ibstock (2024-06-08)"])
    assert run("card", "2024-06-08") == (0, ["Sam Bell 23", "Raj Patel 61*", "total: 84"])


def test_a_newcomers_plant_swap_bring_take_and_a_marker_once_set(tmp_path):
    """A newcomer's spec (round seventeen): "Someone brings a cutting" adds (it was an update
    of a cutting found by its plant: "bring" was an update word for "bring back"); "What is
    still on the table, by number" lists (it counted: "by number" is an order); `take(number,
    taker)` over `taker: str = "" — "" while it is still on the table` updates (it listed),
    refusing "a cutting that was taken already"; "` (taken by TAKER)` on the end once someone
    has taken it" marks the project's line."""
    spec = ("# Project: swaps\nA plant-swap table. Keep it in `swaps.json`.\n\nEvery cutting gets a number, one more "
            "than the highest number so far. A cutting is shown as `#N PLANT from GIVER`, with ` (taken by TAKER)` "
            "on the end once someone has taken it.\n\n## Entity: Cutting\n- number: int — see above\n"
            "- plant: str — the plant's name, lower case\n- giver: str — who brought it\n"
            "- taker: str = \"\" — who took it, \"\" while it is still on the table\n\n"
            "## Store: cuttings\n- holds: Cutting\n- path: swaps.json\n\n"
            "## Command: bring(plant: str, giver: str)\nSomeone brings a cutting. The plant name is stored in lower "
            "case. Prints the cutting.\n\n## Command: take(number: int, taker: str)\nSomeone takes cutting NUMBER "
            "home. Prints the cutting.\n- error: no cutting with that number prints \"no cutting #NUMBER\" and exits "
            "with status 1\n- error: a cutting that was taken already prints \"already taken\" and exits with status 1"
            "\n\n## Command: table\nWhat is still on the table, by number. If nothing is left it prints "
            "`table is empty`.\n")
    out, work = _generated(tmp_path, spec)
    run = _runner(out, work, "swaps", shown="both")
    assert run("table") == (0, ["table is empty"])
    assert run("bring", "Mint", "Ann") == (0, ["#1 mint from Ann"])
    assert run("bring", "ROSEMARY", "Bob") == (0, ["#2 rosemary from Bob"])
    assert run("take", "2", "Carla") == (0, ["#2 rosemary from Bob (taken by Carla)"])
    assert run("take", "2", "Dan") == (1, ["already taken"])
    assert run("table") == (0, ["#1 mint from Ann"])


def test_one_group_picked_by_its_total_is_the_top_group_not_a_record(tmp_path):
    """"The waiter who served the most covers altogether" names one group (a waiter's covers
    added up, the largest, ties A to Z), printed with its total and how many shifts; it was
    read as the max of one record's covers (not implemented: a line naming a record)."""
    spec = ("# Project: tearoom\nShifts at the tea room, kept in `shifts.json`.\n\n## Entity: Shift\n"
            "- day: str — YYYY-MM-DD\n- waiter: str — first name\n- covers: int — guests served\n\n"
            "## Store: shifts\n- holds: Shift\n- path: shifts.json\n\n"
            "## Command: log(day: str, waiter: str, covers: int)\nA shift. Prints `DAY WAITER COVERS`.\n\n"
            "## Command: star\nThe waiter who served the most covers altogether. Prints `star: WAITER, COVERS "
            "covers in N shifts`. Two with the same total: A to Z. No shifts yet: prints \"no shifts\" and exits "
            "with status 1.\n")
    project = spf.parse_spec(spec, file="spec.md")
    star = interpret_command(next(c for c in project.commands if c.name == "star"), project, project.stores[0])[0]
    assert [(v.function, v.field, v.group_by) for v in star.values] == [("sum", "covers", "waiter"),
                                                                         ("count", None, "waiter")]
    assert (star.order, star.limit) == (("value", True), "1")
    out, work = _generated(tmp_path, spec)
    run = _runner(out, work, "tearoom", shown="both")
    assert run("star") == (1, ["no shifts"])
    for day, waiter, covers in (("2024-05-01", "Nia", "30"), ("2024-05-01", "Ed", "25"), ("2024-05-02", "Ed", "5"),
                                ("2024-05-02", "Al", "30")):
        assert run("log", day, waiter, covers)[0] == 0
    assert run("star") == (0, ["star: Al, 30 covers in 1 shifts"])  # Al, Ed and Nia all have 30: A to Z
    assert run("log", "2024-05-03", "Nia", "2")[0] == 0
    assert run("star") == (0, ["star: Nia, 32 covers in 2 shifts"])


def test_mileage_owed_sums_each_trips_claim_and_pay_borrows_that_amount(tmp_path):
    """corpus25/mileage: "AMOUNT = pounds() of the claims ... added up (each trip's claim_pence,
    ...)" is pounds of the claims added up per driver (it printed the pence as the count), "AMOUNT
    = what those trips add up to (as in owed)" borrows it for pay (it printed the count);
    "Paid and unpaid both count" is no count (the total miles were counted); "`--month
    YYYY-MM`: just that month's" and "`--year YYYY`: only trips in that year" are day prefixes
    (they were substrings of the driver)."""
    run = _corpus_cli(tmp_path, "corpus25/mileage")
    for argv in (("sue", "2024-03-04", "12.5", "hospital run"), ("bob", "2024-03-05", "4", "lunch club"),
                 ("sue", "2025-01-11", "10", "shopping")):
        assert run("log", *argv)[0] == 0
    assert run("owed") == (0, ["bob: £1.80 (1 trip)", "sue: £10.13 (2 trips)", "total: £11.93"])
    assert run("pay", "SUE") == (0, ["paid sue £10.13 for 2 trips"])
    assert run("miles") == (0, ["sue: 22.5 mi", "bob: 4.0 mi", "all: 26.5 mi"])
    assert run("miles", "--year", "2024") == (0, ["sue: 12.5 mi", "bob: 4.0 mi", "all: 16.5 mi"])
    assert run("trips", "--month", "2025-01") == (0, ["3. 2025-01-11 sue: 10.0 mi, shopping, £4.50 (paid)"])


def test_a_check_over_two_options_checks_each_one_given(tmp_path):
    """corpus25/nestbox `fix --eggs -6` (chicks left out): "eggs or chicks below 0" refuses; the
    check ran only when both options were given."""
    run = _corpus_cli(tmp_path, "corpus25/nestbox", shown="both")
    assert run("log", "nb3", "2024-05-02", "blue tit", "--eggs", "4")[0] == 0
    assert run("fix", "nb3", "2024-05-02", "--eggs", "-6") == (2, ["counts can't be negative"])
    assert run("fix", "nb3", "2024-05-02", "--chicks", "-1") == (2, ["counts can't be negative"])
    assert run("fix", "nb3", "2024-05-02", "--chicks", "3") == (0, ["NB03 2024-05-02 blue tit: 4 eggs, 3 chicks"])


def test_stated_lines_count_the_records_a_spec_function_names(tmp_path):
    """`gold: N` ... where band(points) gives "gold", "silver" or "bronze" (its examples say):
    each line counts the records whose band is that word; `gold: N` was not read at all."""
    spec = ("# Project: medals\nRace results, kept in `medals.json`.\n\n## Entity: Result\n- runner: str — name\n"
            "- points: int — points scored\n\n## Store: results\n- holds: Result\n- path: medals.json\n\n"
            "## Function: band(points: int) -> str\n90 and up is gold, 70 and up silver, the rest bronze.\n"
            "- band(95) == \"gold\"\n- band(90) == \"gold\"\n- band(70) == \"silver\"\n- band(12) == \"bronze\"\n\n"
            "## Command: enter(runner: str, points: int)\nA result. Prints `RUNNER POINTS`.\n\n"
            "## Command: medals\nThe medal table. Always three lines, in this order: `gold: N`, `silver: N`, "
            "`bronze: N`.\n")
    out, work = _generated(tmp_path, spec)
    run = _runner(out, work, "medals")
    assert run("medals") == (0, ["gold: 0", "silver: 0", "bronze: 0"])
    for runner, points in (("ann", "91"), ("bo", "75"), ("cy", "99"), ("di", "3")):
        assert run("enter", runner, points)[0] == 0
    assert run("medals") == (0, ["gold: 2", "silver: 1", "bronze: 1"])


def test_a_refusal_a_spec_function_states_guards_every_command_taking_that_argument(tmp_path):
    """"Every command that takes a code passes it through voucher_code first; when voucher_code
    refuses it, the command prints `that is not a voucher code` and exits with status 2" (said
    in the function, not the commands): each command refuses first, before any other check
    (it stopped with voucher_code's traceback)."""
    run = _corpus_cli(tmp_path, "corpus27/vouchers", shown="both")
    assert run("register", "F104", "school", "2") == (2, ["that is not a voucher code"])
    assert run("register", "F104", "school", "0") == (2, ["that is not a voucher code"])  # the code first
    assert run("register", "hs - 7731", "  Housing Office ", "3") == (
        0, ["registered HS7731 (housing office), household of 3, medium parcel"])


def test_patterns_a_pair_function_fills_two_fields_and_a_two_field_writer(tmp_path):
    """corpus28/patterns: parse_sizes(sizes) "Returns (smallest, largest)" fills both fields (the
    record lacked them: a crash); "SIZES is written by `sizes_text`" over (smallest, largest);
    "(smallest <= SIZE <= largest)" is two bounds, not a limit; `--unsewn` over `sewn: int = 0`
    keeps the never made; "with `pattern` instead of `patterns` when N is 1"; "with the blanks
    around it removed" trims; "How many patterns I have from each maker" counts (it summed
    `sewn`, "how many times I've made it")."""
    run = _corpus_cli(tmp_path, "corpus28/patterns", shown="both")
    assert run("add", "  Tote Bag ", "new   look", "1") == (0, ["added Tote Bag (New Look, sizes 1), sewn 0"])
    assert run("add", "Wrap Dress", "simplicity", "8-16") == (0, ["added Wrap Dress (Simplicity, sizes 8-16), sewn 0"])
    assert run("add", "Coat", "simplicity", "16-8") == (2, ["sizes look like 8-16 or 12"])
    assert run("add", "Box Top", "burda", "16-24")[0] == 0
    assert run("fits", "16") == (0, ["Box Top (Burda, sizes 16-24), sewn 0", "Wrap Dress (Simplicity, sizes 8-16), sewn 0"])
    assert run("fits", "8") == (0, ["Wrap Dress (Simplicity, sizes 8-16), sewn 0"])
    assert run("makers") == (0, ["Burda: 1 pattern", "New Look: 1 pattern", "Simplicity: 1 pattern"])
    assert run("made", "wrap dress")[0] == 0
    assert run("list", "--unsewn") == (0, ["Box Top (Burda, sizes 16-24), sewn 0", "Tote Bag (New Look, sizes 1), sewn 0"])


def test_earrings_checks_in_the_stated_order_a_borrowed_refusal_and_groups_ranked_by_their_money(tmp_path):
    """corpus28/earrings: "The checks are made in this order: 1. the day, with check_day ... 4. the
    channel, with check_channel" (the channel was checked second); "Money is printed with two
    decimals ... (see `money`)"; TOTAL "the money they brought" is pairs times price added up (it
    summed the pairs); "`--since DAY` ... (checked with check_day, same message and status as
    `sell`)" refuses a bad day (a traceback), and takings "(checked like in `sales`)" borrows it in
    turn; "The design that brought the most money comes first" ranks by TOTAL, `--top N` cuts."""
    run = _corpus_cli(tmp_path, "corpus28/earrings", shown="both")
    assert run("sell", "2024-05-04", "moon hoops", "0", "-1", "--channel", "ebay") == (2, ["pairs must be at least 1"])
    for argv in (("2024-05-04", "leaf studs", "3", "12"), ("2024-05-05", "Bee Drops", "2", "20"),
                 ("2024-06-01", "moon hoops", "1", "36", "--channel", "market")):
        assert run("sell", *argv)[0] == 0
    assert run("sell", "2024-05-06", "x", "1", "12.5")[1] == ["sale 4: 1 x x at 12.50 = 12.50 (etsy)"]
    assert run("sales", "--since", "2024-13-01") == (2, ["dates look like 2024-05-01"])
    assert run("takings", "--channel", "shop") == (2, ["channel must be etsy, market or direct"])
    assert run("takings", "--month", "2024-05") == (0, ["88.50 from 3 sales"])
    assert run("designs", "--top", "2") == (0, ["bee drops: 2 pairs, 40.00", "leaf studs: 3 pairs, 36.00"])


def test_tents_nights_added_to_a_total_and_stated_groups_with_two_numbers(tmp_path):
    """corpus27/tents: "add the nights the tent was slept in to its total" updates `nights` (it
    listed the tents with more nights); "always three lines in this order: good, worn, repair ...
    `CONDITION: N (B berths)` ... a condition with no tents shows `0 (0 berths)`" counts and sums
    per stated condition (that empty case was read as a second line, and one number taken for both);
    "Every command that takes a tag passes it through tent_tag" refuses a bad tag first."""
    run = _corpus_cli(tmp_path, "corpus27/tents", shown="both")
    assert run("summary") == (0, ["good: 0 (0 berths)", "worn: 0 (0 berths)", "repair: 0 (0 berths)"])
    assert run("add", " t07 ", "4") == (0, ["added T7, 4 berths"])
    assert run("add", "T2", "6")[0] == 0
    assert run("add", "tent3", "99") == (2, ["tent tags look like T7"])
    assert run("camp", "t7", "1") == (0, ["T7: 1 night"])
    assert run("camp", "T07", "3") == (0, ["T7: 4 nights"])
    assert run("mark", "T2", "repair")[0] == 0
    assert run("summary") == (0, ["good: 1 (4 berths)", "worn: 0 (0 berths)", "repair: 1 (6 berths)"])


def test_props_out_with_a_show_guards_a_cleared_field_and_a_marker_said_before_the_line(tmp_path):
    """corpus27/props over `show: str = "" — ...; empty while it is on its shelf`: "a prop that is
    already out" and "a prop that is not out" are states of that field (not understood); "its show
    is cleared" updates (it showed the prop, `show` being read as the command word); "for a prop
    that is out with a show, `, out with SHOW` is added at the end of its line" marks the list."""
    run = _corpus_cli(tmp_path, "corpus27/props", shown="both")
    assert run("add", "Tin  Crown", "b3", "--value", "12") == (0, ["added tin crown on shelf B3"])
    assert run("back", "tin crown") == (1, ["that prop is not out"])
    assert run("lend", "tin crown", "Macbeth") == (0, ["tin crown is out with Macbeth"])
    assert run("lend", "TIN CROWN", "Hamlet") == (1, ["that prop is already out"])
    assert run("list") == (0, ["tin crown, shelf B3, worth 12, out with Macbeth"])
    assert run("remove", "tin crown") == (1, ["it is out with a show; bring it back first"])
    assert run("back", "tin crown") == (0, ["tin crown is back on shelf B3"])
    assert run("list", "--out") == (0, ["no props"])


def test_vouchers_a_counted_field_in_a_letter_states_of_a_count_and_in_order_of(tmp_path):
    """corpus27/vouchers: `N of 3 parcels` keeps `parcels` where every example had 3 (the learned
    line froze 3); "a voucher that has had its 3 parcels" is ``parcels >= 3`` and "a voucher with
    parcels already handed out" ``parcels > 0`` (not understood); "in order of code" orders; a
    two-number group line beats a one-number reading with a trivial threshold."""
    run = _corpus_cli(tmp_path, "corpus27/vouchers", shown="both")
    for code, agency in (("SC310", "school"), ("CA2210", "citizens advice")):
        assert run("register", code, agency, "2")[0] == 0
    assert run("collect", "SC310")[0] == 0
    assert run("cancel", "SC310") == (1, ["parcels were given on that voucher; it stays"])
    assert run("collect", "SC310")[0] == 0 and run("collect", "SC310")[0] == 0
    assert run("collect", "SC310") == (1, ["that voucher is used up"])
    assert run("list") == (0, ["CA2210 citizens advice, household of 2, 0 of 3 parcels",
                               "SC310 school, household of 2, 3 of 3 parcels"])
    assert run("agencies") == (0, ["citizens advice: vouchers 1, parcels 0", "school: vouchers 1, parcels 3"])


def test_laser_a_composed_writer_money_in_pence_and_a_last_word_a_flag_picks(tmp_path):
    """corpus27/laser: "with COST from cost and money" is money(cost(material, minutes)) (the pence
    were printed); "Every amount the program prints is written this way" (money's own words) writes
    a sum of cost() in pence; "M their minutes added up and AMOUNT their costs added up" (one number
    was printed); "`... COST paid` (or `unpaid` at the end for a job not yet paid)" picks the last
    word (it printed "paid unpaid")."""
    run = _corpus_cli(tmp_path, "corpus27/laser", shown="both")
    assert run("usage") == (0, ["jobs 0, minutes 0, charged 0.00"])
    assert run("log", "  Priya ", " CARD ", "7") == (0, ["job 1: priya, card, 7 min, 0.70"])
    assert run("log", "dave", "acrylic", "12") == (0, ["job 2: dave, acrylic, 12 min, 3.60"])
    assert run("pay", "2")[0] == 0
    assert run("jobs") == (0, ["#1 priya card 7 min 0.70 unpaid", "#2 dave acrylic 12 min 3.60 paid"])
    assert run("owed") == (0, ["priya owes 0.70"])
    assert run("usage") == (0, ["jobs 2, minutes 19, charged 4.30"])


def test_bulbs_a_check_named_by_its_message_and_a_function_of_two_sums(tmp_path):
    """corpus28/bulbs: "1. a negative number prints `flowered can't be negative`" checks the
    argument the message names, before the lookup (not understood: two number arguments);
    "PERCENT is success of those two sums" is success(flowered sum, count sum) (it printed a sum)."""
    run = _corpus_cli(tmp_path, "corpus28/bulbs", shown="both")
    assert run("bloom", "8", "-1") == (2, ["flowered can't be negative"])
    assert run("plant", "Queen of Night", "front", "12", "2023")[0] == 0
    assert run("plant", "Tete-a-tete", "front", "30", "2022")[0] == 0
    assert run("bloom", "1", "9")[0] == 0 and run("bloom", "2", "1")[0] == 0
    assert run("report") == (0, ["front: 42 bulbs, 10 flowered (24%)"])


def test_minerals_a_sum_written_with_the_named_function_and_year_or_later(tmp_path):
    """corpus28/minerals: "WEIGHT is the total grams of that mineral written with the weight
    function" (the examples' `1.20 kg` was copied for every weight); "in year Y or later" is ``>=``
    (it was ``>``); "must be equal to the stored name, not just part of it" is equality."""
    run = _corpus_cli(tmp_path, "corpus28/minerals", shown="both")
    for argv in (("Rose Quartz", "Brazil", "700", "2021"), ("rose quartz", "Madagascar", "500", "2022"),
                 ("quartz", "Cornwall", "300", "2022")):
        assert run("add", *argv)[0] == 0
    assert run("summary") == (0, ["quartz: 1 specimen, 300 g", "rose quartz: 2 specimens, 1.20 kg"])
    assert run("summary", "--since", "2022") == (0, ["quartz: 1 specimen, 300 g", "rose quartz: 1 specimen, 500 g"])
    assert [line.split(" from ")[0] for line in run("list", "--mineral", "quartz")[1]] == ["#3 quartz"]


def test_trains_a_tie_after_a_same_format_and_checks_like_another_command_does(tmp_path):
    """corpus28/trains: "in the same line format as `list`. Models with the same price are ordered by
    code (A to Z)" breaks ties by code (the first "same" phrase hid it); "(checked with check_kind
    like `list` does)" borrows list's refusal (a traceback)."""
    run = _corpus_cli(tmp_path, "corpus28/trains", shown="both")
    for argv in (("lms-12", "Black Five", "loco", "--price", "85"), ("br-40", "Class 40", "loco", "--price", "120.5"),
                 ("bc-2", "Brake coach", "coach", "--price", "85")):
        assert run("add", *argv)[0] == 0
    assert [line.split(":")[0] for line in run("dearest")[1]] == ["BR-40", "BC-2", "LMS-12"]
    assert run("value", "--kind", "trams") == (2, ["kind must be loco, coach or wagon"])


def test_tents_the_record_done_most_a_tag_by_its_number_and_a_record_deleted(tmp_path):
    """corpus27/tents: "The tent that has been slept in most" is the record with the most nights
    (`nights — nights it has been slept in`), ties "the one with the lowest tag number"; "in the
    order of their numbers (T2 comes before T10)" sorts tags by their number (as text T10 came
    first); "its record is deleted" removes (it showed the tent)."""
    run = _corpus_cli(tmp_path, "corpus27/tents", shown="both")
    for tag in ("T11", "T3", "T8", "T20"):
        assert run("add", tag, "4")[0] == 0
    for tag, nights in (("T11", "5"), ("T8", "5"), ("T3", "2")):
        assert run("camp", tag, nights)[0] == 0
    assert run("busiest") == (0, ["T8 with 5 nights"])
    assert run("retire", "t20") == (0, ["retired T20"])
    assert [line.split(" ")[0] for line in run("list")[1]] == ["T3", "T8", "T11"]


def test_one_record_per_group_with_the_most_of_a_field(tmp_path):
    """corpus25/nestbox: "per species, the visit with the most chicks ... two visits with the same
    top count -> the earlier day ... species that never had a chick counted are left out": one
    visit a species, ties to the earlier day (a bullet's tie was not read), none without chicks;
    it printed every visit."""
    run = _corpus_cli(tmp_path, "corpus25/nestbox")
    for argv in (("nb5", "2024-05-20", "great tit", "--chicks", "5"), ("nb8", "2024-05-13", "great tit", "--chicks", "5"),
                 ("nb1", "2024-05-13", "blue tit", "--chicks", "1"), ("nb2", "2024-05-13", "empty")):
        assert run("log", *argv)[0] == 0
    assert run("peak") == (0, ["blue tit: 1 chick (NB01 on 2024-05-13)", "great tit: 5 chicks (NB08 on 2024-05-13)"])


def test_an_empty_message_writes_the_argument_as_the_words_define_it(tmp_path):
    """corpus25/magazine: "empty issue: just prints `nothing in MONTH yet` ... (MONTH =
    issue_name(month) in both)" writes the month with issue_name (it printed `2024-09`); the
    refusal "no such month: MONTH" keeps the month as typed (issue_name refuses it)."""
    run = _corpus_cli(tmp_path, "corpus25/magazine", shown="both")
    assert run("issue", "2024-09") == (0, ["nothing in September 2024 yet"])
    assert run("issue", "2024-13") == (2, ["no such month: 2024-13"])


def test_campsite_a_taken_pitch_among_stays_not_gone_and_a_computed_leave_day(tmp_path):
    """corpus26/campsite: "a pitch where a group is staying now (not gone)" is a duplicate pitch
    among stays not gone (it was pitch and name, any stay: a second group was let in); "`--leaving
    DAY` only the groups that must leave on that day" compares leave_day(arrive, nights) (it
    searched the names)."""
    run = _corpus_cli(tmp_path, "corpus26/campsite", shown="both")
    assert run("arrive", "9", "Jansen", "2024-07-01", "--nights", "2")[0] == 0
    assert run("arrive", "9", "Weber", "2024-07-02") == (1, ["pitch 9 is taken"])
    assert run("arrive", "2", "Rossi", "2024-07-03", "--nights", "2", "--people", "1")[0] == 0
    assert run("site", "--leaving", "2024-07-05") == (0, ["2 Rossi until 2024-07-05, 1 people"])
    assert run("leave", "9")[0] == 0
    assert run("arrive", "9", "Weber", "2024-07-03")[0] == 0


def test_fridge_a_newcomers_spec_of_round_eighteen(tmp_path):
    """tests/contract/fridge_spec.md (a newcomer's spec, this round): "add them to what was taken
    of that box" adds the portions to `taken`, not to `portions` the argument is named like;
    "LEFT being the portions minus what was taken" and "more portions than are left" (not
    understood); item_code's own refusal for every command; "The food that was taken the most
    altogether (all its boxes added)" picks a food by its sum, "A to Z decides" a tie."""
    out, work = _generated(tmp_path, (HERE / "fridge_spec.md").read_text(encoding="utf-8"))
    run = _runner(out, work, "fridge", shown="both")
    assert run("bring", "f3", " Soup ", "4", "2024-11-02") == (0, ["F3 soup x4 (2024-11-02)"])
    assert run("bring", "12", "bread", "2", "2024-11-02") == (2, ["codes look like F12"])
    assert run("bring", "F03", "soup", "1", "2024-11-03") == (1, ["code in use"])
    assert run("bring", "f5", "soup", "3", "2024-11-03")[0] == 0 and run("bring", "f6", "bread", "5", "2024-11-03")[0] == 0
    assert run("take", "f3", "--portions", "2") == (0, ["F3: 2 left"])
    assert run("take", "F5") == (0, ["F5: 2 left"])
    assert run("take", "f6", "--portions", "3") == (0, ["F6: 2 left"])
    assert run("take", "f3", "--portions", "5") == (1, ["not enough left"])
    assert run("popular") == (0, ["most taken: bread (3 portions)"])


def test_choir_a_newcomers_spec_of_round_eighteen(tmp_path):
    """tests/contract/choir_spec.md (a newcomer's spec written after round eighteen's figures):
    "four digits followed by a capital A or B" is a shape (the search found nothing, every
    `pay` stopped); "stored with a capital first letter" capitalizes the singer on the way in
    and for the lookup of `refund`; "Take a payment back out" removes it; "one term, A to Z"
    sorts the names (the term is the argument); "Then a last line `total: AMOUNT` with all of
    that term's payments added up" sums the pence written by pounds; "Nobody yet: `...`"."""
    out, work = _generated(tmp_path, (HERE / "choir_spec.md").read_text(encoding="utf-8"))
    run = _runner(out, work, "choirfees", shown="both")
    assert run("pay", "zoe", "2024A", "2500") == (0, ["Zoe paid £25.00 for 2024A"])
    assert run("pay", "Zoe", "2024A", "100") == (1, ["already paid"])
    assert run("pay", "amy", "2024C", "100") == (2, ["terms look like 2024A"])
    assert run("pay", "amy", "2024A", "0") == (2, ["amount must be positive"])
    assert run("pay", "amy", "2024A", "1250")[0] == 0 and run("pay", "bob", "2024B", "5")[0] == 0
    assert run("term", "2024A") == (0, ["Amy £12.50", "Zoe £25.00", "total: £37.50"])
    assert run("term", "2023B") == (0, ["no payments for 2023B"])
    assert run("refund", "amy", "2024B") == (1, ["no such payment"])
    assert run("refund", "amy", "2024A") == (0, ["refunded Amy for 2024A"])
    assert run("term", "2024A") == (0, ["Zoe £25.00", "total: £25.00"])


def test_laundry_markers_placed_in_the_line_a_flag_kept_by_its_own_words_and_a_collection(tmp_path):
    """corpus26/laundry (silently wrong twice at round eighteen): "` + ironing` comes right after
    `kg`" and "` - ready` comes at the very end" place two markers in the bag line; "`--waiting`
    shows only the bags that are not ready" keeps `not ready` (not `not iron`, and not always);
    "All the ready bags of this room go out of the file ... It prints the bag line of every bag
    that goes out ... and after them `to pay: PRICE` with the sum of their prices" removes them
    (not "room > ROOM" from "after them"), prints each and a total written by euros; "`N bags,
    PRICE` where N is how many bags and PRICE the sum of their prices" (`0,00 EUR` is an
    example of the line, not a second one)."""
    run = _corpus_cli(tmp_path, "corpus26/laundry", shown="both")
    assert run("take", "4", "2.5") == (0, ["1. room 4, 2.5 kg, 9,00 EUR"])
    assert run("take", "4", "1.2", "--iron") == (0, ["2. room 4, 1.2 kg + ironing, 10,00 EUR"])
    assert run("take", "5", "1") == (0, ["3. room 5, 1.0 kg, 3,00 EUR"])
    assert run("ready", "2")[0] == 0
    assert run("bags", "--waiting") == (0, ["1. room 4, 2.5 kg, 9,00 EUR", "3. room 5, 1.0 kg, 3,00 EUR"])
    assert run("bags", "--room", "4") == (0, ["1. room 4, 2.5 kg, 9,00 EUR", "2. room 4, 1.2 kg + ironing, 10,00 EUR - ready"])
    assert run("total") == (0, ["3 bags, 22,00 EUR"])
    assert run("collect", "5") == (1, ["nothing ready for room 5"])
    assert run("collect", "4") == (0, ["2. room 4, 1.2 kg + ironing, 10,00 EUR - ready", "to pay: 10,00 EUR"])
    assert run("bags") == (0, ["1. room 4, 2.5 kg, 9,00 EUR", "3. room 5, 1.0 kg, 3,00 EUR"])


def test_quotes_a_tradesmans_terse_spec(tmp_path):
    """corpus29/quotes (first measured 4/10 hidden): "Open quote -> won" moves the status;
    "a quote that's already won or lost" refuses either; "`--vat`: the amount gets VAT added
    (with_vat) before it's saved" applies the function when the flag is given; "always shown
    with 2 decimals (money)" writes AMOUNT by money() everywhere (no thousands comma); "whose
    name has TEXT in it" is a substring match; "Out of the closed quotes (won + lost): `won W of
    C (P%)`, P = percent(W, C)" counts the won ones among the closed ones."""
    run = _corpus_cli(tmp_path, "corpus29/quotes", shown="both")
    assert run("quote", "Dave Patterson", "trap", "1200") == (0, ["quote 1: Dave Patterson, trap, 1200.00"])
    assert run("quote", "Ann Hughes", "tap", "90", "--vat") == (0, ["quote 2: Ann Hughes, tap, 108.00"])
    assert run("rate") == (0, ["nothing closed yet"])
    assert run("won", "1") == (0, ["quote 1 won: 1200.00"])
    assert run("lost", "1") == (1, ["quote already closed"])
    assert run("lost", "2") == (0, ["quote 2 lost"])
    assert run("won", "2") == (1, ["quote already closed"])
    assert run("quote", "Pat Byrne", "sink", "50")[0] == 0
    assert run("rate") == (0, ["won 1 of 2 (50%)"])
    assert run("list", "--customer", "PAT") == (0, ["#1 Dave Patterson: trap, 1200.00 (won)", "#3 Pat Byrne: sink, 50.00 (open)"])


def test_deposits_states_as_lines_a_last_total_line_and_a_code_shape_with_its_capital(tmp_path):
    """corpus29/deposits (first measured 0/10 hidden): "`J` followed by one or more digits" is a
    shape read with its capital (the search's `code.title().isupper()` let `J5A` in); "Held
    deposits only" keeps that state; "Last line: `total held: AMOUNT`" sums the amounts, written
    by money ("Money: 2 decimals (money)"); "always three lines in this order: `held: N,
    AMOUNT`, `used: N, AMOUNT`, `refunded: N, AMOUNT`" is one line per state, N how many."""
    run = _corpus_cli(tmp_path, "corpus29/deposits", shown="both")
    assert run("take", "J5A", "Ames", "10", "2025-03-01") == (2, ["bad job code"])
    assert run("take", "j1", "Ames", "30", "2025-03-01") == (0, ["took 30.00 from Ames for J1"])
    assert run("take", "J2", "Bell", "1250.5", "2025-02-27")[0] == 0
    assert run("take", "J3", "Cole", "10", "2025-03-02")[0] == 0
    assert run("refund", "J3")[0] == 0
    assert run("held") == (0, ["J2 Bell 1250.50 since 2025-02-27", "J1 Ames 30.00 since 2025-03-01",
                               "total held: 1280.50"])
    assert run("states") == (0, ["held: 2, 1280.50", "used: 0, 0.00", "refunded: 1, 10.00"])


def test_callouts_pricing_said_once_per_area_lines_and_field_decimals(tmp_path):
    """corpus29/callouts (first measured 0/10 hidden; every command had stopped on a syntax error
    in `areas`, whose groups are a spec function's values, `area(item.postcode)`): "Postcodes are
    stored cleaned (clean_postcode)"; "hours with 1 decimal" beside "Money is shown with 2
    decimals"; "Money in: `N callouts, total TOTAL, ...`" sums the money field, not the hours;
    "`--area A`: only that area (A upper-cased first)" upper-cases the argument and compares it
    with area() of each record (the argument is not passed through area())."""
    run = _corpus_cli(tmp_path, "corpus29/callouts", shown="both")
    assert run("log", "2024-11-05", "ls6   2ab", "1.2") == (0, ["callout 1: 2024-11-05 LS6 2AB, 1.5 h, 127.50"])
    assert run("log", "2024-11-06", "ls17 8pp", "1", "--night") == (
        0, ["callout 2: 2024-11-06 LS17 8PP, 1.0 h, 210.00 (night)"])
    assert run("log", "2024-11-07", "bd1 4qq", "0.5")[0] == 0
    assert run("list", "--limit", "1") == (0, ["#3 2024-11-07 BD1 4QQ, 0.5 h, 82.50"])
    assert run("areas") == (0, ["LS: 2 callouts, 337.50", "BD: 1 callout, 82.50"])
    assert run("takings", "--area", "ls") == (0, ["2 callouts, total 337.50, average 168.75"])


def test_diary_rules_said_once_a_slot_taken_on_its_day_and_a_named_order(tmp_path):
    """corpus29/diary (first measured 1/10 hidden): "Slots go through clean_slot, customer names
    through tidy" (the second clause has no verb of its own); "Kind of job: ... (taken lower
    case)"; "a kind that's not repair, service or install"; "a slot that's already booked" over
    `slot — am or pm` is taken on the day given with it (a field of two values cannot be unique
    alone); "Bookings in diary order" where the project says "Diary order = by day, then am
    before pm"; clean_slot's "Trim, lower case; must then be `am` or `pm`" (the search had found a
    palindrome test)."""
    run = _corpus_cli(tmp_path, "corpus29/diary", shown="both")
    assert run("book", "2025-07-01", " PM ", "  Mr   O'Neill ", "--kind", "INSTALL") == (
        0, ["booked 2025-07-01 pm: Mr O'Neill (install)"])
    assert run("book", "2025-07-01", "noon", "Ann") == (2, ["slot must be am or pm"])
    assert run("book", "2025-07-01", "am", "Ann", "--kind", "quote") == (2, ["kind must be repair, service or install"])
    assert run("book", "2025-07-02", "pm", "Bob")[0] == 0
    assert run("book", "2025-07-01", "pm", "Cy") == (1, ["slot taken"])
    assert run("book", "2025-07-01", "am", "Di")[0] == 0
    assert run("list") == (0, ["2025-07-01 am Di (repair)", "2025-07-01 pm Mr O'Neill (install)",
                               "2025-07-02 pm Bob (repair)"])


def test_boilers_a_yearly_day_a_later_day_guard_two_line_forms_and_a_count_total(tmp_path):
    """corpus29/boilers (first measured 2/10 hidden): next_due "same month and day, one year on.
    A 29 Feb service is next due 28 Feb" (not found before); "a DAY earlier than the last service
    already logged" compares the day with the record's; "`..., last service DAY`, or `...,
    never serviced` when there's no service logged" picks the form by the empty-until-set field;
    "`MAKE: N`, then a last line `total: N`" counts every boiler."""
    run = _corpus_cli(tmp_path, "corpus29/boilers", shown="both")
    assert run("add", "1 aa1", "baxi", "2010")[0] == 0
    assert run("add", "2AA1", "ideal", "2012")[0] == 0
    assert run("service", "1AA1", "2024-02-29") == (0, ["1AA1 serviced 2024-02-29, next due 2025-02-28"])
    assert run("service", "1AA1", "2024-02-28") == (1, ["that's before the last service"])
    assert run("list") == (0, ["1AA1: Baxi (2010), last service 2024-02-29", "2AA1: Ideal (2012), never serviced"])
    assert run("makes") == (0, ["Baxi: 1", "Ideal: 1", "total: 2"])


def test_tshirts_an_order_line_defined_once_with_nested_calls_and_state_words(tmp_path):
    """corpus30/tshirts (first measured 2/10 hidden): the project's order line `STUDENT: Q x
    SIZE, PRICE, STATE`, "where Q is the quantity, PRICE is the order's price written by
    money(price(Q)), and STATE is `paid` or `unpaid`" (PRICE and STATE had been printed as
    written); price() "800 ... but when a student orders 3 or more shirts, every shirt ...
    costs 700" found."""
    run = _corpus_cli(tmp_path, "corpus30/tshirts", shown="both")
    assert run("order", "Amy", "m", "--quantity", "3") == (0, ["Amy: 3 x M, £21.00, unpaid"])
    assert run("order", "Ben", "xs") == (0, ["Ben: 1 x XS, £8.00, unpaid"])


def test_fair_a_result_defined_once_optional_scores_places_and_a_line_that_stops_short(tmp_path):
    """corpus30/fair (first measured 1/10 hidden): "The *result* of an entry is `not judged` when it
    has no score yet, and otherwise `SCORE/30 PRIZE` with PRIZE from the function prize";
    `--unjudged` "only the entries that have no score yet" over `score: int | None` (is None,
    not <= 0); "lowest stand number first" orders by the stand; "PLACE counts the printed lines";
    `stats` "J how many of them have a score, A the average of those scores (rule 4: one
    decimal, 5 or more rounds up) ... When no entry has a score, the line stops after the judged
    count"; "about the entries of that year" is equality (not "after" from elsewhere)."""
    run = _corpus_cli(tmp_path, "corpus30/fair", shown="both")
    assert run("stats") == (0, ["entries: 0, judged: 0"])
    for stand, title, year in (("12", "Crystal garden", "8"), ("3", "Bridges", "8"), ("7", "Volcano", "7")):
        assert run("enter", stand, title, "Amy", year)[0] == 0
    assert run("judge", "12", "23") == (0, ["S12: 23/30 silver"])
    assert run("judge", "3", "22")[0] == 0
    assert run("list", "--unjudged") == (0, ["S07 Year 7: Volcano - Amy, not judged"])
    assert run("ranking") == (0, ["1. S12 Crystal garden - 23/30 silver", "2. S03 Bridges - 22/30 silver"])
    assert run("stats", "--year", "8") == (0, ["entries: 2, judged: 2, average: 22.5, best: 23"])
    assert run("stats", "--year", "7") == (0, ["entries: 1, judged: 0"])


def test_resits_a_result_placeholder_a_mark_that_is_already_there_and_school_rounding(tmp_path):
    """corpus30/resits (first measured 6/10 hidden): "A *resit line* ... It is `#ID DAY STUDENT,
    SUBJECT: RESULT`, where RESULT is `not marked` when there is no mark yet, and otherwise
    `MARK% (grade G)` with G from the function grade" (every line had said `not marked`); "a resit
    that already has a mark" refuses a cancel (`mark: int | None`); the average "Round to one
    decimal place ...: if the next digit is 5 or more, round up" (62.25 -> 62.3)."""
    run = _corpus_cli(tmp_path, "corpus30/resits", shown="both")
    for student in ("Amy", "Ben", "Cy", "Di"):
        assert run("book", student, "maths", "2025-03-14")[0] == 0
    assert run("mark", "1", "64") == (0, ["#1 2025-03-14 Amy, maths: 64% (grade 6)"])
    assert run("cancel", "1") == (1, ["resit #1 is already marked"])
    for number, mark in (("2", "60"), ("3", "62"), ("4", "63")):
        assert run("mark", number, mark)[0] == 0
    assert run("average") == (0, ["4 marked, average 62.3%"])


def test_merits_houses_as_written_a_line_number_named_by_its_field_and_not_a_member(tmp_path):
    """corpus30/merits (first measured 1/10 hidden): "`HOUSE: M members, P points` ... exactly four
    lines, in this order: Ash, Beech, Cedar, Oak" keeps every house, spelled as the field says it
    is stored ("always stored written exactly like that"); a learned member line writes `1 point`
    from the `points` field, not the record's place; "a name that is not a member" is the lookup
    (it had been read as tidy_name refusing)."""
    run = _corpus_cli(tmp_path, "corpus30/merits", shown="both")
    assert run("houses") == (0, ["Ash: 0 members, 0 points", "Beech: 0 members, 0 points",
                                 "Cedar: 0 members, 0 points", "Oak: 0 members, 0 points"])
    assert run("join", "  cara   moss ", "ash") == (0, ["welcome cara moss to Ash"])
    assert run("join", "Ben Ali", "oak")[0] == 0
    assert run("award", "CARA MOSS", "1") == (0, ["cara moss now has 1 point"])
    assert run("award", "Cara", "1") == (1, ["no such member"])
    assert run("list") == (0, ["cara moss (Ash): 1 point, starter", "Ben Ali (Oak): 0 points, starter"])
    assert run("houses") == (0, ["Ash: 1 member, 1 point", "Beech: 0 members, 0 points",
                                 "Cedar: 0 members, 0 points", "Oak: 1 member, 0 points"])


def test_tshirts_sums_of_a_function_per_flag_shirts_per_size_and_a_total_line(tmp_path):
    """corpus30/tshirts: "`paid: X, owed: Y`, where X is the price of all the paid orders added
    together and Y the price of all the unpaid ones, both written with money" (X had been a count
    of the paid orders); "the number of shirts of each size" over `quantity — how many shirts`
    adds the quantities, in the order "XS, S, M, L, XL" as stored, "and then a last line `total:
    T`"; "the price does not depend on the size" is no call of price()."""
    run = _corpus_cli(tmp_path, "corpus30/tshirts", shown="both")
    assert run("order", "Amy", "xl", "--quantity", "3")[0] == 0
    assert run("order", "Ben", "s", "--quantity", "2")[0] == 0
    assert run("order", "Cy", "S")[0] == 0
    assert run("pay", "amy") == (0, ["Amy paid £21.00"])
    assert run("takings") == (0, ["paid: £21.00, owed: £24.00"])
    assert run("sizes") == (0, ["S: 3", "XL: 3", "total: 6"])
    assert run("resize", "ben", "m") == (0, ["Ben: 2 x M, £16.00, unpaid"])


def test_debates_a_required_opening_two_line_forms_by_state_and_votes_by_their_description(tmp_path):
    """corpus30/debates (first measured 0/10 hidden): clean_motion "must begin with the two words
    `this house` (in any mix of upper and lower case) ... Write those first two words as `This
    house`" (not found before); "`N. TEXT [not debated]` for an open motion and `N. TEXT
    [RESULT A-B]` for a debated one, with RESULT from the function result, A the ayes and B the
    noes"; `B against` over `noes — votes against the motion`; "Takes an open motion off the
    list ... Remove it" removes (it had marked it debated)."""
    run = _corpus_cli(tmp_path, "corpus30/debates", shown="both")
    assert run("propose", "  THIS   house would  ban homework ", " Amy ") == (
        0, ["motion 1: This house would ban homework (proposed by Amy)"])
    assert run("propose", "Ban homework", "Ben") == (2, ["a motion must start with This house"])
    assert run("propose", "this house would abolish exams", "Ben")[0] == 0
    assert run("tally", "1", "9", "4") == (0, ["motion 1: 9 for, 4 against - carried"])
    assert run("list") == (0, ["1. This house would ban homework [carried 9-4]",
                               "2. This house would abolish exams [not debated]"])
    assert run("withdraw", "2")[0] == 0
    assert run("list") == (0, ["1. This house would ban homework [carried 9-4]"])


def test_diary_a_move_found_by_day_and_slot_checked_on_both_days(tmp_path):
    """corpus29/diary's `move`: "Shift a job to another day, same slot" finds the booking by its
    slot on DAY (a slot of two values cannot find one alone), sets its day to TO; "a day (DAY or
    TO) check_day refuses" checks both; "the same slot on TO already booked" refuses before it
    writes."""
    run = _corpus_cli(tmp_path, "corpus29/diary", shown="both")
    assert run("book", "2025-06-02", "am", "Mrs Patel")[0] == 0
    assert run("book", "2025-06-03", "am", "Joe")[0] == 0
    assert run("book", "2025-06-04", "pm", "Ann")[0] == 0
    assert run("move", "2025-06-02", "am", "2025-06-03") == (1, ["slot taken"])
    assert run("move", "2025-06-02", "am", "2025-06-31") == (2, ["bad date"])
    assert run("move", "2025-06-05", "am", "2025-06-06") == (1, ["nothing booked then"])
    assert run("move", "2025-06-02", "am", "2025-06-04") == (0, ["moved Mrs Patel to 2025-06-04 am"])
    assert run("list") == (0, ["2025-06-03 am Joe (repair)", "2025-06-04 am Mrs Patel (repair)",
                               "2025-06-04 pm Ann (repair)"])


def test_boilers_an_option_compared_through_a_spec_function_the_words_write(tmp_path):
    """corpus29/boilers' `--due DAY`: "only boilers due on or before DAY, i.e. next_due(last
    service) <= DAY; never serviced ones always count as due" (the sentence had been cut at
    "i.e."; the bound had been on the service day itself)."""
    run = _corpus_cli(tmp_path, "corpus29/boilers", shown="both")
    for ref, year in (("1AA1", "2010"), ("2AA1", "2011"), ("3AA1", "2012")):
        assert run("add", ref, "baxi", year)[0] == 0
    assert run("service", "1AA1", "2023-09-01")[0] == 0
    assert run("service", "2AA1", "2023-09-02")[0] == 0
    assert run("list", "--due", "2024-09-01") == (0, ["1AA1: Baxi (2010), last service 2023-09-01",
                                                       "3AA1: Baxi (2012), never serviced"])


def test_plants_a_newcomers_spec_of_round_nineteen(tmp_path):
    """tests/contract/plants_spec.md (a newcomer's spec, written this round in my own words): "I
    watered the plant on DAY" sets `watered` (it had been read as a listing); "DUE is due_day(DAY,
    every)" writes a field by its own name beside an argument; "never watered, or their due day
    is DAY or earlier" keeps the never-watered plants and asks due_day() only of a watered one."""
    out, work = _generated(tmp_path, (HERE / "plants_spec.md").read_text(encoding="utf-8"))
    run = _runner(out, work, "plants", shown="both")
    assert run("add", "Fern", "3") == (0, ["added fern, every 3 days"])
    assert run("add", "basil", "1")[0] == 0
    assert run("add", "fern", "2") == (1, ["already have fern"])
    assert run("water", "fern", "2024-05-30") == (0, ["watered fern on 2024-05-30, next 2024-06-02"])
    assert run("thirsty", "2024-06-01") == (0, ["basil"])
    assert run("thirsty", "2024-06-02") == (0, ["basil", "fern"])
    assert run("water", "rose", "2024-06-01") == (1, ["no plant rose"])


def test_clocks_an_argument_beside_a_field_a_rule_with_an_aside_and_a_table_of_lines(tmp_path):
    """corpus18/clocks, an author who numbers his rules (first measured 3/9 hidden): in
    wind(name, day), `wound NAME on DAY, next due DUE` with "DUE being add_days(DAY, days)"
    writes the argument DAY, not the field `days` it resembles; "Should a clock of the same
    name (capitals not minding) be in the book already, print `NAME is already in the book`,
    NAME as given in the command, and exit with status 1" is a duplicate guard despite the
    aside; a table of two lines (`| yes | ..., wound WOUND |`, `| never | ..., never wound |`)
    picks the line by whether the empty-until-set field is filled."""
    run = _corpus_cli(tmp_path, "corpus18/clocks", shown="both")
    assert run("add", "Grandfather", "Hall") == (0, ["added Grandfather in hall, 8-day"])
    assert run("add", "GRANDFATHER", "Landing") == (1, ["GRANDFATHER is already in the book"])
    assert run("add", "Banjo", "hall", "--days", "31") == (0, ["added Banjo in hall, 31-day"])
    assert run("wind", "banjo", "2024-04-02") == (0, ["wound Banjo on 2024-04-02, next due 2024-05-03"])
    assert run("list") == (0, ["Banjo, hall, 31-day, wound 2024-04-02", "Grandfather, hall, 8-day, never wound"])


def test_locks_a_line_told_part_by_part_a_table_of_checks_and_a_mapping_by_or(tmp_path):
    """corpus31/locks, a pedantic engineer (first measured 0/10 hidden): "one line made of, in
    order: `#` and the number; a space; the day; ...; then metres(length) in round brackets" is
    the passage line (`#NUMBER DAY DIRECTION BOAT (METRES)`, METRES = metres(length)), used by
    "prints `logged ` followed by the passage line"; "It prints `struck out #`, the number, a
    space and the boat's name in round brackets" is a line too; "`up` or `u` gives "up"; `down`
    or `d` gives "down"" is a lookup (stripped, lower-cased as the words say); "a boat longer
    than 21.9 m" compares the length; "(a D that valid_day refuses gives `bad day, use
    YYYY-MM-DD`, status 2)" is an error clause of log, not its line."""
    run = _corpus_cli(tmp_path, "corpus31/locks", shown="both")
    assert run("through", "lazy  days", "UP", "2024-06-01", "18.3") == (0, ["logged #1 2024-06-01 up Lazy Days (18.3 m)"])
    assert run("through", "kingfisher", " d ", "2024-06-02", "21") == (0, ["logged #2 2024-06-02 down Kingfisher (21.0 m)"])
    assert run("through", "long haul", "u", "2024-06-02", "22.5") == (3, ["too long for the lock (21.9 m at most)"])
    assert run("log", "--day", "01/06/2024") == (2, ["bad day, use YYYY-MM-DD"])
    assert run("log", "--day", "2024-06-02") == (0, ["#2 2024-06-02 down Kingfisher (21.0 m)"])
    assert run("strike", "2") == (0, ["struck out #2 (Kingfisher)"])
    assert run("log") == (0, ["#1 2024-06-01 up Lazy Days (18.3 m)"])


def test_spots_an_example_line_told_by_its_parts_a_count_going_up_and_a_kept_value(tmp_path):
    """corpus32/spots, a chatty photographer (first measured 1/10 hidden): "one per line, like
    `old-mill (docks) **** evening x2`: name, area in brackets, the stars, the light, then `x`
    and the number of visits" is the line (STARS = stars(rating), the parts a space apart as
    the example shows); "--min 4 only shows spots rated 4 stars or more" bounds the rating;
    "spots with the same rating go by name" is an order, not a group; "its visits go up by
    one. Prints the cleaned name and the new count, e.g. `old-mill x3`" is an update whose
    line writes the new visits; "Gives the rating back if it's 1, 2, 3, 4 or 5; anything else
    raises ValueError" keeps exactly those; "the area (trimmed and lower case)" is tidied so;
    an example command line (`spots add ...`) is never a line format."""
    run = _corpus_cli(tmp_path, "corpus32/spots", shown="both")
    assert run("add", "Old Mill", " Docks ", "4", "--light", "evening") == (0, ["added old-mill (docks) ****"])
    assert run("add", "bridge", "river", "6") == (2, ["rating must be 1 to 5"])
    assert run("add", "pier", "docks", "3") == (0, ["added pier (docks) ***"])
    assert run("add", "rooftop", "centre", "2") == (0, ["added rooftop (centre) **"])
    assert run("shot", "old mill") == (0, ["old-mill x1"])
    assert run("shot", "OLD-MILL") == (0, ["old-mill x2"])
    assert run("list", "--min", "3") == (0, ["old-mill (docks) **** evening x2", "pier (docks) *** any x0"])


def test_sandbags_a_line_told_in_its_own_section_an_old_value_and_a_stock_that_grows(tmp_path):
    """corpus31/sandbags (first measured 1/10 hidden): "## The depot line ... Its parts, in order:
    the name; `: `; the stock; `/`; the capacity; a space; the fill_word of stock and capacity in
    round brackets; ..." is the depot line; "the stock grows by BAGS" adds the bags; "it prints
    the depot's name as stored ..., `: key now with `, the new keyholder, ` (was `, the old
    keyholder and `)`" writes the keyholder from before the change; "it prints `not enough room,
    space for ` followed by ..., and exits with status 1" is an error's message, never the line."""
    run = _corpus_cli(tmp_path, "corpus31/sandbags", shown="both")
    assert run("open", "Church  Porch", "200", "Mrs Patel") == (0, ["opened church porch: 0/200 (empty), key with Mrs Patel"])
    assert run("deliver", "church PORCH", "49") == (0, ["church porch: 49/200 (low), key with Mrs Patel"])
    assert run("deliver", "church porch", "1") == (0, ["church porch: 50/200 (ok), key with Mrs Patel"])
    assert run("rekey", "Church Porch", "Rev. Ellis") == (0, ["church porch: key now with Rev. Ellis (was Mrs Patel)"])


def test_contests_shorthand_a_checker_that_gives_back_and_a_state_named_by_its_values(tmp_path):
    """corpus32/contests, a chatty photographer (first measured 1/10 hidden): "cleaned w/
    norm_contest" is "cleaned with"; "the new result (as check_result gives it back, so lower
    case)" stores what check_result gives back; "(I might type it in capitals, it should still
    work)" matches in any case; "Pull out of a contest (and delete the entry)" removes it; "an
    entry that isn't pending anymore" is the state of `result: str = "pending" — pending,
    shortlisted, won or lost`."""
    run = _corpus_cli(tmp_path, "corpus32/contests", shown="both")
    assert run("enter", "FotoFest", "Old Mill", "2024-06-30") == (0, ["entered fotofest (due 2024-06-30)"])
    assert run("enter", "Zoom", "Z", "2024-05-01") == (0, ["entered zoom (due 2024-05-01)"])
    assert run("result", "FOTOFEST", "Shortlisted") == (0, ["fotofest: shortlisted"])
    assert run("list", "--result", "SHORTLISTED") == (0, ["2024-06-30 | fotofest | Old Mill | 0.00 | shortlisted"])
    assert run("withdraw", "fotofest") == (1, ["too late, it's already been judged"])
    assert run("withdraw", " ZOOM ") == (0, ["withdrew from zoom"])


def test_stockpix_filters_borrowed_by_name_and_a_code_as_a_groups_key(tmp_path):
    """corpus32/stockpix (first measured 8/10 hidden): "Same `--agency` and `--month` filters as
    sales" takes sales' filter of each of those options (the month of the day, not the agency);
    "Adds up the money per photo code ... as `P0142: $3.35 (2 sales)`" is keyed by the photo
    code (its digits are no value) with the sum and the count."""
    run = _corpus_cli(tmp_path, "corpus32/stockpix", shown="both")
    assert run("sold", "P0142", "shutterfox", "1.25", "2024-03-02")[0] == 0
    assert run("sold", "P0150", "pixwell", "0.80", "2024-03-05")[0] == 0
    assert run("sold", "P0142", "pixwell", "2.10", "2024-02-20")[0] == 0
    assert run("total", "--agency", "PIXWELL", "--month", "2024-03") == (0, ["$0.80 from 1 sales"])
    assert run("best", "--top", "2") == (0, ["P0142: $3.35 (2 sales)", "P0150: $0.80 (1 sales)"])


def test_biggest_first_orders_by_the_number_the_words_measure():
    """corpus16/bricks: "Which of my sets have the most pieces. Biggest first" names no field
    by the order's own words; "the most pieces" says which (the list was left unsorted)."""
    text = (HERE / "corpus16" / "bricks" / "spec.md").read_text(encoding="utf-8")
    project = spf.parse_spec(text, file="spec.md")
    biggest = next(c for c in project.commands if c.name == "biggest")
    listing = next(i for i in interpret_command(biggest, project, project.stores[0]) if i.operation == "list")
    assert listing.order == ("pieces", True) and listing.limit == "param:top"


def test_a_line_for_each_group_that_names_nothing_of_it_is_not_implemented(tmp_path):
    """corpus16/bricks: `space: 2 sets, 1341 pieces` printed for every theme (the example line
    copied whole) was reported as done; a per-group line with nothing of its group in it is
    reported unimplemented instead."""
    run = _corpus_cli(tmp_path, "corpus16/bricks", shown="both")
    run("add", "6080", "King's Castle", "castle", "767")
    status, lines = run("themes")
    assert status == 3 and "not implemented" in lines[-1]


def _reading(folder: str, name: str, operation: str):
    """The first reading of one corpus command with that operation."""
    project = spf.load_spec(HERE / folder)
    command = next(c for c in project.commands if c.name == name)
    return next(i for i in interpret_command(command, project, project.stores[0]) if i.operation == operation)


def test_a_new_records_fields_told_in_the_table_writers_words():
    """corpus34/hogs: "Adds a row with the trimmed name, the pen, the day, and WEIGHT in both
    column first and column weight" (no argument is called `first`): both take the weight."""
    admit = _reading("corpus34/hogs", "admit", "add")
    assert admit.constructor["first"] == admit.constructor["weight"] == "param:weight"
    assert not any("has no parameter" in note for note in admit.ignored)


def test_the_one_number_left_and_a_reader_named_by_the_ground_rules():
    """corpus33/bakesale: `bring(item, baker, price: str, quantity: int)` over `made: int — how
    many pieces were brought`; "Prices are typed in pounds ... and read with to_pence" (the
    project's ground rules) and "a price that to_pence cannot read" (an error) name the reader;
    "Item and baker are stored trimmed of surrounding blanks" trims both."""
    bring = _reading("corpus33/bakesale", "bring", "add")
    assert bring.constructor["made"] == "param:quantity"
    assert bring.constructor["price"] == "call:to_pence(param:price)"
    assert {("item", "str.strip"), ("baker", "str.strip")} <= set(bring.transforms)


def test_a_name_kept_as_typed_only_trimmed():
    """corpus17/lockers: "Holders are compared without regard to case ...; each locker keeps the
    name exactly as it was typed ..., only trimmed" (the sentence before names the holders)."""
    assert ("holder", "str.strip") in _reading("corpus17/lockers", "assign", "add").transforms


def test_an_option_that_defaults_to_another_argument():
    """corpus33/perfume: "A new bottle is full: LEFT is SIZE unless `--left L` says how many ml
    are left"."""
    add = _reading("corpus33/perfume", "add", "add")
    assert add.constructor["left"] == "call:(param:left if param:left is not None else param:size)"


def test_a_placeholder_a_sibling_command_or_the_project_defines_as_a_call():
    """corpus33/hotsauce's list shows LEVEL, which add defines ("where LEVEL is heat_level(HEAT)");
    corpus33/perfume's project says "Wherever an output shows P%, P is percent_left(LEFT, SIZE)"."""
    from spf.interpretation import Context, _called_on_fields

    for folder, command, name, call in (("corpus33/hotsauce", "list", "LEVEL", "heat_level(item.heat)"),
                                        ("corpus33/perfume", "shelf", "P", "percent_left(item.left, item.size)")):
        project = spf.load_spec(HERE / folder)
        context = Context(next(c for c in project.commands if c.name == command), project, project.stores[0], None, None)
        assert _called_on_fields(context)[name] == call


def test_a_function_filter_in_any_case():
    """corpus33/hotsauce: "With `--level L`, only sauces whose heat_level equals L ignoring case"."""
    listing = _reading("corpus33/hotsauce", "list", "list")
    level = next(f for f in listing.filters if f.call and "heat_level" in f.call)
    assert level.ignore_case


def test_a_count_that_goes_up_ranks_an_update_after_a_user_story_label():
    """corpus33/bakesale: "**User story:** As a helper on the till, I want to record a sale ...
    then its sold count goes up by Q": the story is the why, and the change is an update."""
    from spf.interpretation import Context, operation_scores

    project = spf.load_spec(HERE / "corpus33" / "bakesale")
    sell = next(c for c in project.commands if c.name == "sell")
    scores = operation_scores(Context(sell, project, project.stores[0], None, None))
    assert scores["update"] >= 4 and scores["add"] == 0


def test_a_field_in_a_line_per_group_is_the_groups_total(tmp_path):
    """corpus33/perfume: `FAMILY: N perfumes, L ml left` with "L the total ml left over that
    family's perfumes" showed the last record's `left` on every line; it is the group's sum."""
    run = _corpus_cli(tmp_path, "corpus33/perfume")
    run("add", "Rose", "Lune", "50", "floral")
    run("add", "Iris", "Lune", "30", "floral", "--left", "10")
    run("add", "Oak", "Lune", "20", "woody")
    assert run("families") == (0, ["floral: 2 perfumes, 60 ml left", "woody: 1 perfume, 20 ml left"])


def test_a_line_told_as_a_table_of_its_columns():
    """corpus34: "| column | what it shows |" rows in order, the gap the project states ("A row of
    the list has its columns separated by two spaces"): a function's name is that function of the
    column ("| rating | stars |"), "`pen` and the number" is the word, a space and the pen, and an
    example's unit follows the value ("the latest weight, like `455g`")."""
    from spf.interpretation import Context, _column_line

    lines = {}
    for folder in ("corpus34/scents", "corpus34/hogs"):
        project = spf.load_spec(HERE / folder)
        command = next(c for c in project.commands if c.name == "list")
        lines[folder] = _column_line(Context(command, project, project.stores[0], None, None))
    assert lines["corpus34/scents"] == ("#NUMBER  NAME  HOUSE  FAMILY  STARS  ML_TEXT",
                                        {"STARS": "stars(item.rating)", "ML_TEXT": "ml_text(item.ml)"})
    assert lines["corpus34/hogs"] == ("pen PEN  NAME  WEIGHTg  GAIN  since ARRIVED",
                                      {"GAIN": "gain(item.first, item.weight)"})


def test_a_writer_the_project_names_for_an_amount():
    """corpus34/scents: "Amounts of perfume are printed the way ml_text gives them (`2.0ml`)":
    ML in any line is ml_text of the field."""
    from spf.interpretation import placeholder_writers

    assert placeholder_writers(spf.load_spec(HERE / "corpus34" / "scents"))["ML"] == ("ml_text", "ml")


def test_column_words_for_a_flag_and_money_and_a_writer_never_takes_a_fields_name():
    """corpus34/sweepstake: "| paid | `paid` or `owes` |", "| stake | money |" where "Money is
    printed with exactly two decimals", "| place | place_text |"; PERSON stays the person (the
    writer place_text's "0 is `-`" sentence also names people)."""
    from spf.interpretation import Context, _column_line, placeholder_writers

    project = spf.load_spec(HERE / "corpus34" / "sweepstake")
    assert "PERSON" not in placeholder_writers(project)
    listing = next(c for c in project.commands if c.name == "list")
    line, defined = _column_line(Context(listing, project, project.stores[0], None, None))
    assert line == "TICKET  PERSON  PICK  STAKE_TEXT  PAID_WORD  PLACE_TEXT_TEXT"
    assert defined["PAID_WORD"] == "('paid' if item.paid else 'owes')"
    assert defined["STAKE_TEXT"] == "format(item.stake, '.2f')"


def test_fills_in_a_column_is_an_update_and_clears_the_whole_tab_a_removal():
    """corpus34/sweepstake: "Fills in column place for the row with that pick"; "Clears the
    whole tab for next year"."""
    from spf.interpretation import Context, operation_scores

    project = spf.load_spec(HERE / "corpus34" / "sweepstake")
    scores = {c.name: operation_scores(Context(c, project, project.stores[0], None, None))
              for c in project.commands if c.name in ("result", "reset")}
    assert scores["result"]["update"] >= 3 and scores["reset"]["remove"] >= 4
    trains = spf.load_spec(HERE / "corpus28" / "trains")  # "With an empty collection it prints `no models`"
    dearest = next(c for c in trains.commands if c.name == "dearest")
    assert operation_scores(Context(dearest, trains, trains.stores[0], None, None))["remove"] < 4


def test_a_table_of_numbered_lines_reads_as_numbered_lines():
    """"| line | what it says |" with rows "| 1 | `entries: N`, every row |": the numbered lines a
    writer of prose would give ("1. `entries: N`, every row; 2. ...")."""
    from spf.interpretation import _tables_as_prose

    table = "Four lines:\n\n| line | what it says |\n|---|---|\n| 1 | `entries: N`, every row |\n| 2 | `paid: N` |\n"
    assert "1. `entries: N`, every row; 2. `paid: N`." in _tables_as_prose(table)


def test_adds_one_to_a_column_and_puts_an_argument_in_another():
    """corpus34/kites: "Adds 1 to column flights and puts DAY in column last": both changes,
    and the reading with both ranks first."""
    project = spf.load_spec(HERE / "corpus34" / "kites")
    flew = next(c for c in project.commands if c.name == "flew")
    best = next(i for i in interpret_command(flew, project, project.stores[0]) if i.operation == "update")
    assert {(a.field, a.op, a.value) for a in best.assignments} == {("flights", "add", "1"), ("last", "set", "param:day")}


def test_fills_a_column_with_an_argument_and_placeholders_in_a_functions_format():
    """corpus34/floats: "Fills column counted with CASH and column counter with INITIALS in upper
    case ... CASH and TAKINGS are in money format", TAKINGS being "counted minus opening"."""
    from spf.interpretation import Context, _definitions

    project = spf.load_spec(HERE / "corpus34" / "floats")
    count = next(c for c in project.commands if c.name == "count")
    best = interpret_command(count, project, project.stores[0])[0]
    assert best.operation == "update" and {(a.field, a.value) for a in best.assignments} == {
        ("counted", "param:cash"), ("counter", "param:initials")}
    defined = _definitions(Context(count, project, project.stores[0], None, None))
    assert defined["CASH"] == "money(cash)" and defined["TAKINGS"] == "money(item.counted - item.opening)"


def test_a_flags_end_the_words_state_is_not_also_learned_as_a_word_for_it():
    """corpus33/bowling: "`N. DAY BOWLER SCORE lane L`, with ` (league)` at the end for a league
    game" printed "(league) (league)" and "(unleague)": the end is the flag's alone. "The newest
    day comes first. Games on the same day are in the order they were entered"."""
    games = _reading("corpus33/bowling", "games", "list")
    assert games.suffix == (" (league)", "item.league") and "league" not in (games.output_template or "")
    project = spf.load_spec(HERE / "corpus33" / "bowling")
    command = next(c for c in project.commands if c.name == "games")
    assert any(i.order == ("day", True) for i in interpret_command(command, project, project.stores[0]))


def test_a_spec_function_of_a_fields_values_and_an_argument_as_typed(tmp_path):
    """corpus33/bowling: "where A is average_of their scores, H is handicap(A)"; "In that
    message BOWLER is the name exactly as the user typed it" (the name is cleaned on the way in)."""
    run = _corpus_cli(tmp_path, "corpus33/bowling", shown="both")
    run("bowl", "ann", "150", "2026-04-10")
    run("bowl", "ann", "151", "2026-04-17")
    assert run("average", "Ann") == (0, ["ann: average 150 over 2 games, handicap 63"])
    assert run("average", "Zoe") == (1, ["no games for Zoe"])


def test_a_flag_that_states_its_own_order_over_the_usual_one():
    """corpus33/hotsauce: "By default the lines should be sorted by name from A to Z, ignoring
    case. With `--hottest`, the hottest sauce comes first (highest heat); sauces of equal heat
    stay in name order": the name order, and the heat's over it with the flag."""
    listing = _reading("corpus33/hotsauce", "list", "list")
    assert listing.order == ("name", False) and listing.fold_case
    assert listing.order_choices == ("hottest", {"True": ["heat", True]})


def test_a_duplicate_is_not_keyed_by_where_it_is_kept(tmp_path):
    """corpus33/hotsauce: "a sauce of the same name already on the shelf (in any case)": the name
    alone, not `bottles — bottles of it on the shelf` too."""
    add = _reading("corpus33/hotsauce", "add", "add")
    assert next(g for g in add.guards if g.kind == "duplicate").condition == "name:name"


def test_an_unset_optional_number_as_a_flag_and_an_end_only_once_it_is_set():
    """corpus33/hotsauce over `rating: int | None = none`: "With `--unrated`, only sauces the
    user has not rated yet" keeps the ones without a rating; "only for a rated sauce, `, rated
    R/5` added at the end of the line"."""
    listing = _reading("corpus33/hotsauce", "list", "list")
    unrated = next(f for f in listing.filters if f.when == "unrated")
    assert (unrated.field, unrated.op, unrated.value) == ("rating", "is", "None")
    assert listing.suffix == (", rated {item.rating}/5", "item.rating is not None")


def test_the_last_one_removed_with_its_own_line_and_the_unset_left_out():
    """corpus33/hotsauce: "Given a sauce with exactly one bottle, when the user finishes it, then
    the sauce is removed from the shelf entirely and the system prints `finished the last bottle
    of NAME`"; "Unrated sauces do not count" over `rating: int | None` keeps the rated ones (no
    `rating > 0` on a None)."""
    finish = _reading("corpus33/hotsauce", "finish", "update")
    assert finish.vanish == "finished the last bottle of NAME"
    average = _reading("corpus33/hotsauce", "average", "aggregate")
    assert any((f.field, f.op, f.value) == ("rating", "is not", "None") for f in average.filters)


def test_one_record_told_as_numbered_lines(tmp_path):
    """corpus34/kites: "One kite on its own card, six lines:" and a "| line | what it says |"
    table (`name: NAME`, ..., `wind: WIND` (wind_range), `flights: N`, `last flown: DAY`): the
    card, line by line (DAY the one day field, `last`)."""
    run = _corpus_cli(tmp_path, "corpus34/kites")
    run("add", "Sky Dart", "delta", "150")
    run("flew", "sky dart", "2026-04-09")
    assert run("show", "SKY DART") == (0, ["name: Sky Dart", "kind: delta", "span: 1.50 m", "wind: 5-20 mph",
                                           "flights: 1", "last flown: 2026-04-09"])


def test_numbered_summary_lines_each_about_the_records_its_words_name(tmp_path):
    """corpus34/sweepstake: "| 2 | `paid: N`, the paid rows |", "| 3 | `pot: MONEY`, the stakes
    of the paid rows added up |", "| 4 | `owed: MONEY`, the stakes of the unpaid rows added up |"."""
    run = _corpus_cli(tmp_path, "corpus34/sweepstake")
    run("enter", "ann", "France")
    run("enter", "bob", "Brazil", "--stake", "5.5")
    run("pay", "2")
    assert run("pot") == (0, ["entries: 2", "paid: 1", "pot: 5.50", "owed: 2.00"])


PLANT_SWAP = """# Project: plantswap
Plants I give away at the village swap, kept in `swap.json`.

## Entity: Cutting
- plant: str — what it is, stored trimmed
- pots: int — how many pots I have
- given: int = 0 — how many pots have gone

## Store: cuttings
- holds: Cutting
- path: swap.json

## Command: pot(plant: str, pots: int)
Adds a plant with that many pots. Prints `potted PLANT x POTS`.

## Command: give(plant: str)
Adds 1 to given for that plant. Prints `gave PLANT, N left` where N is pots minus given.
- error: no such plant prints "no plant called PLANT" and exits with status 1

## Command: list
Every plant, A to Z, one line `PLANT: N left`. With nothing potted: `nothing to swap`.
"""


def test_adds_one_to_a_field_by_its_bare_name_and_a_placeholder_another_command_defines(tmp_path):
    """A newcomer's spec: "Adds 1 to given for that plant" (no "its" or "column" before the field)
    is given + 1 for the plant found, not a rename of every record; list's `PLANT: N left` takes
    N as give defines it ("N is pots minus given", the same word after it), not the position."""
    out, work = _generated(tmp_path, PLANT_SWAP)

    def run(*argv):
        done = _run(out, work, *argv, package="plantswap")
        return done.returncode, (done.stdout + done.stderr).splitlines()
    run("pot", "mint", "3")
    run("pot", "sage", "5")
    assert run("give", "mint") == (0, ["gave mint, 2 left"])
    assert run("give", "thyme") == (1, ["no plant called thyme"])
    assert run("list") == (0, ["mint: 2 left", "sage: 5 left"])


def test_a_record_line_stated_once_by_its_parts_in_order_beside_its_example(tmp_path):
    """corpus35/typespeed: the *test line* is shown in a fenced example, then "First `#` and the
    number, then the day, then the speed (wpm of the words and the seconds) and the word `wpm`,
    then the accuracy (...) with `%` right after it, then the text name. One space between the
    parts."; log says "`logged #N: S wpm, A%` with its number, its speed and its accuracy" (S and
    A named in order, not the field `seconds` S begins); "If valid_day says False for the day,
    say `bad day X` (X is the day as I wrote it) and stop with 2" guards the day, not `text`."""
    from spf.interpretation import told_line

    project = spf.load_spec(HERE / "corpus35" / "typespeed")
    line, defined, _ = told_line(project, project.entities[0])
    assert line == "#N DAY WPM wpm ACCURACY% TEXT" and defined["WPM"] == "wpm(item.words, item.seconds)"
    run = _corpus_cli(tmp_path, "corpus35/typespeed", shown="both")
    assert run("log", "2024-02-30", "50", "60") == (2, ["bad day 2024-02-30"])
    assert run("log", "2024-03-01", "45", "30", "--mistakes", "1", "--text", "poems") == (0, ["logged #1: 90 wpm, 97%"])
    assert run("list") == (0, ["#1 2024-03-01 90 wpm 97% poems"])


def test_a_line_with_a_word_only_for_a_flag_and_a_word_for_each_state(tmp_path):
    """corpus35/carwash: "In this order, one space between: `#` with the number, the day, the
    plate, the program, the word `van` only when it is a van (for a car there is nothing, not even
    the space), the price with money, and at the end `paid` or `unpaid`"; wash's checks "1. If the
    day does not look like `YYYY-MM-DD` (...; only the shape is checked), say `bad day X` (X as I
    wrote it) and stop with 2. 2. If price does not know the program (after small letters), ..."."""
    run = _corpus_cli(tmp_path, "corpus35/carwash", shown="both")
    assert run("wash", "4.5.2024", "K9", "basic") == (2, ["bad day 4.5.2024"])
    assert run("wash", "2024-05-04", "K9", "Gold") == (2, ["unknown program Gold"])
    assert run("wash", "2024-05-04", "ab-12 cd", "DELUXE") == (0, ["#1 2024-05-04 AB12CD deluxe 20.00 unpaid"])
    assert run("wash", "2024-05-04", "V1", "full", "--van", "--paid") == (0, ["#2 2024-05-04 V1 full van 16.50 paid"])


def test_a_term_an_error_table_defines_and_a_filter_cleaned_as_its_own_words_say(tmp_path):
    """corpus34/scents: "| ML is more than what is left | `only LEFT left`, LEFT being what is
    left in ml_text form | 1 |" and "Prints `#NUMBER NAME now LEFT`, with LEFT in ml_text form"
    (`ml — how much is left`); "marks it opened"; "`--family F`: rows whose family equals F
    trimmed and lower-cased (an unknown family just matches nothing)" is not family_of (which
    refuses it); "AVG has one decimal, halves rounded up (3.25 prints `3.3`)"."""
    run = _corpus_cli(tmp_path, "corpus34/scents", shown="both")
    run("add", "Baie Rose", "Maison Lune", "2", "--family", "floral")
    assert run("spray", "1", "0.5") == (0, ["#1 Baie Rose now 1.5ml"])
    assert run("spray", "1", "3") == (1, ["only 1.5ml left"])
    assert run("list", "--sealed") == (0, ["no vials"])
    assert run("list", "--family", "gourmand") == (0, ["no vials"])
    assert run("list", "--family", " FLORAL ")[0] == 0


def test_stop_with_a_status_and_a_letter_named_in_brackets():
    """corpus35: "say `we do not keep X` (X is the kind in small letters, ...) and stop with 2"
    is an error clause ("stop with 2", no "status"), its X the kind."""
    from spf.interpretation import prose_errors

    project = spf.load_spec(HERE / "corpus35" / "cloakroom")
    take = next(c for c in project.commands if c.name == "take")
    assert [(e.message, e.status) for e in prose_errors(take)] == [
        ("we do not keep KIND", 2), ("all hooks are full", 1)]


def test_the_words_own_imperative_over_the_name_and_a_counts_number_is_the_count():
    """corpus35/cloakroom `close`: "The evening is over. Erase all collected items from the file;
    ... With `--all`, erase every item" removes (the name `close` alone would mark them), and
    "`erased 4 tickets`" prints the count, not the `ticket` field of the last one removed."""
    from spf_plugins.stages.commands import pattern_parts

    from spf.interpretation import Context, operation_scores

    project = spf.load_spec(HERE / "corpus35" / "cloakroom")
    close = next(c for c in project.commands if c.name == "close")
    scores = operation_scores(Context(close, project, project.stores[0], None, None))
    assert scores["remove"] > scores["update"]
    best = interpret_command(close, project, project.stores[0])[0]
    assert best.operation == "remove" and best.filters[0].unless == "all"
    parts = pattern_parts("erased N tickets", "", project.entities[0], number="count")
    assert ("count",) in parts and not any(part[0] == "field" for part in parts)


COATS = """# Project: coats
The coats of a village hall. Keep all in `coats.json`.

## Words
A coat is *hanging* while it is not collected.

## Entity: Coat
- ticket: int — the number on the ticket
- owner: str — the name of the guest
- peg: int — the peg it hangs on
- collected: bool = false — true when the guest took it back

## Store: coats
- holds: Coat
- path: coats.json

## Function: first_free(used: list[int], pegs: int = 3) -> int
Give back the smallest number from 1 to pegs that is not in used. When all of them are used,
give back 0.
- first_free([]) == 1
- first_free([1, 3]) == 2
- first_free([1, 2, 3]) == 0

## Command: take(owner: str)
A guest gives us a coat. The peg is first_free of the pegs of all hanging coats. The ticket is
one more than the biggest ticket in the file. Say `ticket 7, peg 3` like this. If no peg is
free, say `all pegs are full` and stop with 1.
- `take Anna` prints "ticket 1, peg 1"

## Command: give(ticket: int)
Give back the coat: it is collected now. Say `peg 3: coat of Anna` like this: the peg, then
the owner.
- error: a ticket that is not in the file prints "no ticket TICKET" and exits with status 1

## Command: where(ticket: int)
If it is hanging, say `ticket 7 is on peg 3`. If it was collected, say `ticket 7 was
collected`. If the ticket is not in the file, say `no ticket 7` and stop with 1.

"""


def test_a_new_voice_add_a_field_worked_out_over_the_records_and_lines_given_as_examples(tmp_path):
    """corpus35/cloakroom's shapes on a spec of my own: a field a spec function works out over
    the records kept ("The peg is first_free of the pegs of all hanging coats", *hanging*
    defined by the `collected` flag), the function's "give back 0" as the add's guard ("If no
    peg is free"), an example line whose numbers follow their fields' names (`ticket 7, peg 3`),
    the text between named values read off their example (`peg 3: coat of Anna`), a refusal
    written as one example of itself (`no ticket 7`), and two state lines after "If it is X,
    say" / "If it was Y, say"."""
    out, work = _generated(tmp_path, COATS)
    take = lambda *argv: _run(out, work, *argv, package="coats")
    assert take("take", "Anna").stdout.strip() == "ticket 1, peg 1"
    assert take("take", "Bob").stdout.strip() == "ticket 2, peg 2"
    assert take("give", "1").stdout.strip() == "peg 1: coat of Anna"
    assert take("take", "Cy").stdout.strip() == "ticket 3, peg 1"  # the freed peg, the next ticket
    assert take("take", "Di").stdout.strip() == "ticket 4, peg 3"
    full = take("take", "Ed")
    assert full.returncode == 1 and "all pegs are full" in full.stderr
    assert len(json.loads((work / "coats.json").read_text())) == 4  # refused: nothing written
    assert take("where", "2").stdout.strip() == "ticket 2 is on peg 2"
    assert take("where", "1").stdout.strip() == "ticket 1 was collected"
    missing = take("where", "9")
    assert missing.returncode == 1 and "no ticket 9" in missing.stderr


def test_a_code_in_an_example_message_a_reset_put_after_a_colon_and_a_marker_put_at_the_end():
    """corpus35/skates: "say `pair B12 is here already` (with the clean label)" and "say `no pair
    B12`" show the label; "The pair was on the machine: put its since_sharpening back to 0"
    is an update setting it to 0 that says `LABEL sharpened`; "At the end of the line put ` OUT`
    when a skater has the pair now" marks the pairs whose `out` ("true while a skater has the
    pair") holds."""
    from spf.interpretation import Context, _suffix

    project = spf.load_spec(HERE / "corpus35" / "skates")
    by_name = {c.name: c for c in project.commands}
    assert ("pair LABEL is here already", 1) in [(e.message, e.status) for e in prose_errors(by_name["add"])]
    assert [e.message for e in prose_errors(by_name["sharpen"])] == ["no pair LABEL"]
    sharpen = interpret_command(by_name["sharpen"], project, project.stores[0])[0]
    assert sharpen.operation == "update" and sharpen.locate_field == "label"
    assert [(a.field, a.op, a.value) for a in sharpen.assignments] == [("since_sharpening", "set", "0")]
    assert sharpen.message_pattern == "LABEL sharpened"
    listed = Context(by_name["list"], project, project.stores[0], None, None)
    assert _suffix(listed, "list") == (" OUT", "item.out")


def test_every_word_with_the_first_letter_big_capitalises_words_not_title_case():
    """corpus35/cloakroom tidy_name: "write every word with the first letter big and the other
    letters small" is each space-parted word capitalised (`O'hara`), where str.title, which fits
    the same examples, writes `O'Hara`."""
    from spf.synthesis.idioms import idiom_candidates

    text = ("Take away the spaces at the start and the end, make each run of spaces inside one space, and "
            "write every word with the first letter big and the other letters small.")
    found = [body for body, _ in idiom_candidates(text, [("name", "str")], "str", [])]
    assert '" ".join(word[:1].upper() + word[1:].lower() for word in name.split())' in found


def test_a_glossary_table_defines_the_record_line_and_the_terms_a_function_writes():
    """corpus36 (user stories, a "| Term | Meaning |" glossary): "| fossil line | the code, a
    colon and a space, ..., then the size text; a fossil on display adds ` [on display]` at the
    end. Example: `...` |" is the record's line, *size text* ("a length written by size_text")
    a call over the length, the marker set apart; "the clock text of the time" and "the split"
    (ergs) call `clock` on the field described as the time and `split` on its two fields."""
    from spf.interpretation import line_suffix, told_line

    fossils = spf.load_spec(HERE / "corpus36" / "fossils")
    line, defined, paragraph = told_line(fossils, fossils.entities[0])
    assert line == "CODE: SPECIES (PERIOD) from SITE, SIZE_TEXT"
    assert defined == {"SIZE_TEXT": "size_text(item.length)"}
    assert line_suffix(fossils, fossils.entities[0], paragraph) == (" [on display]", "item.displayed")
    ergs = spf.load_spec(HERE / "corpus36" / "ergs")
    line, defined, _ = told_line(ergs, ergs.entities[0])
    assert line == "#N DAY ROWER METRESm CLOCK (SPLIT)"
    assert defined == {"CLOCK": "clock(item.seconds)", "SPLIT": "split(item.seconds, item.metres)"}


def test_a_user_storys_verb_says_what_the_command_does():
    """corpus36/ergs: "As the captain, I want to retire a rower ..." removes, "As the coach, I
    want to correct a time ..." updates (the story was skipped as the why)."""
    project = spf.load_spec(HERE / "corpus36" / "ergs")
    by_name = {c.name: c for c in project.commands}
    retire = interpret_command(by_name["retire"], project, project.stores[0])[0]
    assert retire.operation == "remove" and retire.select == "matching"
    retime = interpret_command(by_name["retime"], project, project.stores[0])[0]
    assert retime.operation == "update" and retime.select == "position"


def test_a_function_named_by_one_refusal_is_not_another_refusals_reading():
    """corpus36/fossils: "a code that catalogue_code rejects" is that function's refusal; "a code
    not in the catalogue" shares the word `catalogue` with it and is the failed lookup."""
    project = spf.load_spec(HERE / "corpus36" / "fossils")
    retire = next(c for c in project.commands if c.name == "retire")
    best = interpret_command(retire, project, project.stores[0])[0]
    assert [(g.kind, g.message) for g in best.guards] == [("predicate", "bad code CODE"), ("lookup", "no such fossil")]


def test_an_order_by_a_function_of_a_field_and_the_small_first():
    """corpus36/fossils "ordered by period_rank of their period, ascending (oldest period
    first)" sorts by the call (not the period's letters); corpus35/skates "the small size
    first, and for the same size the labels from A to Z" with `--size N` a filter over the
    `size` field, not a page size."""
    fossils = spf.load_spec(HERE / "corpus36" / "fossils")
    shelf = interpret_command(next(c for c in fossils.commands if c.name == "shelf"), fossils, fossils.stores[0])[0]
    assert shelf.order == ("call:period_rank(period)", False) and shelf.then_by == ("code", False)
    skates = spf.load_spec(HERE / "corpus35" / "skates")
    listed = interpret_command(next(c for c in skates.commands if c.name == "list"), skates, skates.stores[0])[0]
    assert listed.order == ("size", False) and listed.then_by == ("label", False) and listed.limit is None
    assert ("size", "==", "param:size") in [(f.field, f.op, f.value) for f in listed.filters]


def test_a_user_story_add_told_part_by_part_and_its_list_in_the_glossarys_words():
    """corpus36/ergs: "the output is `logged #1: ann ...`: `logged #`, the piece number, a colon
    and a space, ..." (the parts start with a backticked text) with "the piece number" the new
    record's place; the glossary's "| rower | ..., stored and compared lower case with
    surrounding blanks removed |" trims the argument; "Given nothing is left to display, the
    output is the single line `no pieces`"; "pieces of the same day are displayed in
    descending piece number"."""
    project = spf.load_spec(HERE / "corpus36" / "ergs")
    by_name = {c.name: c for c in project.commands}
    log = interpret_command(by_name["log"], project, project.stores[0])[0]
    assert log.message_pattern == "logged #N: ROWER METRESm in CLOCK (split SPLIT)"
    assert ("rower", "str.strip") in log.transforms and ("rower", "str.lower") in log.transforms
    pieces = interpret_command(by_name["pieces"], project, project.stores[0])[0]
    assert pieces.order == ("day", True) and pieces.then_by == ("position", True)
    assert [(g.kind, g.message, g.status) for g in pieces.guards if g.kind == "empty"] == [("empty", "no pieces", 0)]


def test_a_cleaned_code_in_an_example_message_and_surrounding_blanks_removed():
    """corpus36/fossils: "the output is `AM-014 is on display` ... The code shown is the cleaned
    code" shows the code of the fossil found; "`retired `, the cleaned code, a space, then the
    species in brackets"; `species: str — as typed, surrounding blanks removed` is trimmed."""
    project = spf.load_spec(HERE / "corpus36" / "fossils")
    by_name = {c.name: c for c in project.commands}
    catalogue = interpret_command(by_name["catalogue"], project, project.stores[0])[0]
    assert ("species", "str.strip") in catalogue.transforms and ("site", "str.strip") in catalogue.transforms
    display = interpret_command(by_name["display"], project, project.stores[0])[0]
    assert display.message == "{item.code} is {'in storage' if off else 'on display'}"  # (with `--off`: round 24)
    retire = interpret_command(by_name["retire"], project, project.stores[0])[0]
    assert retire.message_pattern == "retired CODE (SPECIES)"


def test_a_glossary_line_with_an_alternative_and_a_list_told_one_per_line():
    """corpus36/lighthouses: the light line's "then `visited ` and the day, or `to do` when not
    visited yet" (an empty `visited` text); "`--todo`, only lights not visited yet" filters on
    it; `recent` ("Only visited lights are displayed, one per line: the visited day, a space,
    then the name", "Given `--count N`, at most the first N rows") lists, not shows."""
    from spf.interpretation import told_line

    project = spf.load_spec(HERE / "corpus36" / "lighthouses")
    line, defined, _ = told_line(project, project.entities[0])
    assert line == "NAME (COUNTRY), HEIGHT m - VISITED_WORD"
    assert defined["VISITED_WORD"] == "('visited ' + item.visited if item.visited else 'to do')"
    by_name = {c.name: c for c in project.commands}
    listed = interpret_command(by_name["list"], project, project.stores[0])[0]
    assert ("visited", "is false", "todo") in [(f.field, f.op, f.when) for f in listed.filters]
    recent = interpret_command(by_name["recent"], project, project.stores[0])[0]
    assert recent.operation == "list" and recent.limit == "param:count" and recent.output == "VISITED NAME"
    assert recent.order == ("visited", True) and [(f.field, f.op) for f in recent.filters] == [("visited", "is true")]


def test_the_old_and_the_new_value_joined_by_an_arrow():
    """corpus36: "the tag, a colon and a space, then the old and the new battery, each followed by
    `%`, joined by ` -> `" (scooters), "then the old and the new size texts joined by ` -> `"
    (fossils: a value size_text writes, of the length before and after)."""
    scooters = spf.load_spec(HERE / "corpus36" / "scooters")
    charge = interpret_command(next(c for c in scooters.commands if c.name == "charge"), scooters, scooters.stores[0])[0]
    assert charge.message_pattern == "TAG: OLD_BATTERY% -> BATTERY%" and charge.definitions["OLD_BATTERY"] == "old"
    fossils = spf.load_spec(HERE / "corpus36" / "fossils")
    measure = interpret_command(next(c for c in fossils.commands if c.name == "measure"), fossils, fossils.stores[0])[0]
    assert measure.message_pattern == "CODE: OLD_SIZE_TEXT -> SIZE_TEXT"
    assert measure.definitions["OLD_SIZE_TEXT"] == "size_text(old)"


def test_a_given_clause_is_the_state_before_and_a_consent_flag_filters_nothing():
    """corpus36/pumpkins: "Given entry 2 exists and is not disqualified, when I run `disqualify
    2`, then entry 2 is marked disqualified" sets the flag (the Given clause neither filters nor
    un-sets); `reset` ("I want to archive the show by emptying the book", "Given `--yes`, every
    entry is removed", "running it without `--yes` prints ...") removes all, `--yes` its
    consent; "the place (1 for the first row displayed, 2 for the next, and so on)" counts the
    rows shown."""
    project = spf.load_spec(HERE / "corpus36" / "pumpkins")
    by_name = {c.name: c for c in project.commands}
    disqualify = interpret_command(by_name["disqualify"], project, project.stores[0])[0]
    assert [(a.field, a.op, a.value) for a in disqualify.assignments] == [("disqualified", "set", "True")]
    assert not disqualify.filters
    reset = interpret_command(by_name["reset"], project, project.stores[0])[0]
    assert reset.operation == "remove" and not reset.filters
    assert [(g.kind, g.condition, g.status) for g in reset.guards] == [("check", "not yes", 1)]
    board = interpret_command(by_name["board"], project, project.stores[0])[0]
    assert board.numbered and board.order == ("weight", True)


def test_a_key_named_before_n_in_a_change_message_is_that_key(tmp_path):
    """corpus23/sharpening: "it prints `ticket N collected, PRICE to pay`" over `collect(ticket)`
    printed how many knives it found (`ticket 1`) since the count rule of round twenty-two; N
    right after the name of the field the record is found by is that field."""
    run = _corpus_cli(tmp_path, "corpus23/sharpening")
    run("take", "ann lee", "kitchen", "18")
    run("take", "bob", "bread", "20")
    run("done", "2")
    code, lines = run("collect", "2")
    assert code == 0 and lines[0].startswith("ticket 2 collected, ")


def test_the_changed_fields_name_before_n_is_that_field(tmp_path):
    """corpus27/vouchers: "one more parcel on its voucher. Prints `CODE: parcel N of 3 (SIZE)`"
    over `parcels`: N is the parcels now, not how many vouchers were found."""
    run = _corpus_cli(tmp_path, "corpus27/vouchers")
    run("register", "GP-5521", "Hill Street Surgery", "6")
    run("collect", "gp5521")
    code, lines = run("collect", "GP5521")
    assert code == 0 and lines == ["GP5521: parcel 2 of 3 (large)"]


BINS = """# Project: bins
A log of the community compost bins. Kept in the JSON file `bins.json`.

## Glossary

| Term | Meaning |
|---|---|
| bin | one compost bin in the garden |
| label | the bin's label, e.g. `B3`, stored upper case with surrounding blanks removed |
| bin line | the label, a colon and a space, the litres followed by ` l`, then ` (full)` when it is full. Example: `B3: 120 l (full)` |

## Entity: Bin
- label: str — unique
- litres: int — how much is in it
- full: bool = false — no more room

## Store: bins
- holds: Bin
- path: bins.json

## Command: add(label: str, litres: int = 0)
As a gardener, I want to register a new bin, so that we can track it.

Acceptance:

- Given no bins, when I run `add b3`, then the bin is captured and the output is `added B3`.
- error: a label already in the log prints "already there" and exits with status 1

## Command: fill(label: str, litres: int)
As a gardener, I want to record what I tipped in, so that we know when a bin is full.

Acceptance:

- Given B3 holds 100 l, when I run `fill b3 20`, then its litres go up by 20 and the output
  is `B3: 120 l`.
- error: a label not in the log prints "no such bin" and exits with status 1

## Command: bins(full: bool = false)
As the coordinator, I want to review the bins, so that I can plan the turning.

Acceptance:

- Each bin displays as its bin line, one per line, labels A to Z.
- Given `--full`, only full bins are displayed.
- Given nothing is left to display, the output is the single line `no bins`.
"""


def test_a_command_named_for_the_records_lists_them_and_a_glossary_marker_without_only():
    """A newcomer spec of my own (round twenty-three, not designed against): `bins` over `Bin`
    lists (the name's `bin` is no "throw away"), the glossary's "| label | ..., stored upper
    case with surrounding blanks removed |" cleans the argument, and "| bin line | ..., then `
    (full)` when it is full. Example: ... |" ends full bins' lines with the marker."""
    from spf.interpretation import told_line

    project = spf.parse_spec(BINS, file="spec.md")
    by_name = {c.name: c for c in project.commands}
    listed = interpret_command(by_name["bins"], project, project.stores[0])[0]
    assert listed.operation == "list" and listed.order == ("label", False)
    add = interpret_command(by_name["add"], project, project.stores[0])[0]
    assert ("label", "str.upper") in add.transforms and ("label", "str.strip") in add.transforms
    line, defined, _ = told_line(project, project.entities[0])
    assert line == "LABEL: LITRES l\u2060FULL_MARK" and defined == {"FULL_MARK": "(' (full)' if item.full else '')"}


STORY_BINS = """# Project: bins
A log of the community compost bins. Kept in the JSON file `bins.json`.

## Entity: Bin
- label: str — unique
- litres: int — how much is in it

## Store: bins
- holds: Bin
- path: bins.json

## Command: add(label: str, litres: int = 0)
As a gardener, I want to register a new bin. The label is stored upper case with
surrounding blanks removed.

- Given no bins, when I run `add b3`, then the bin is captured and the output is `added B3`.

## Command: fill(label: str, litres: int)
As a gardener, I want to record what I tipped in.

- Given GIVEN, when I run `fill b3 20`, then its litres go up by 20 and the output is `B3: 120 l`.
- error: a label not in the log prints "no such bin" and exits with status 1
"""


@pytest.mark.parametrize("given, message", [
    ("B3 holds 100 l", "{item.label}: {item.litres} l"),  # the Given's number is the changed field's
    ("B3 exists", None),  # 120 is told nowhere else: no line is learned, and the unit says so
])
def test_a_story_example_teaches_the_line_from_its_given_state(given, message):
    """A user story's example ("Given no bins, when I run `add b3`, then ... the output is
    `added B3`") is a run from an empty store: the add's line is learned through both of its
    cleaners (upper case, then stripped). An update's example starts from the record its Given
    states: "B3 holds 100 l" is the litres before `fill b3 20`, so `B3: 120 l` is the label and
    the litres after. Without that number, 120 would be a frozen guess: nothing is learned and
    the reading is doubted instead."""
    from spf.interpretation import doubts
    from spf.spec import parse_spec

    project = parse_spec(STORY_BINS.replace("GIVEN", given))
    add, fill = project.commands
    assert interpret_command(add, project, project.stores[0])[0].message == "added {item.label}"
    reading = interpret_command(fill, project, project.stores[0])[0]
    assert reading.operation == "update" and reading.message == message
    said = [doubt for doubt in doubts(reading, fill, project) if "B3: 120 l" in doubt]
    assert bool(said) == (message is None)


def test_refusals_said_once_for_every_command():
    """corpus37 (a chatty README): the rules section says each refusal once. "Days ... have to
    pass `valid_day`; a bad one gets `bad day <day>`" reaches `deliver`'s `delivered` ("the day
    it came"); "Bays go from 1 to 4. Any bay number you give outside that ... gets `no bay
    <bay>`" every `bay`; "If there's no alarm in the room you name, you get `no alarm in
    <room>`" every command that finds one alarm by its room, but not `fit`, which adds one."""
    from spf.interpretation import project_errors

    hay = spf.load_spec(HERE / "corpus37/hay")
    deliver = next(c for c in hay.commands if c.name == "deliver")
    assert [(e.condition, e.message, e.status) for e in project_errors(hay, deliver, hay.entities[0])] == [
        ("a DELIVERED that valid_day rejects", "bad day DELIVERED", 2), ("a BAY outside 1..4", "no bay BAY", 2)]
    assert project_errors(hay, next(c for c in hay.commands if c.name == "feed"), hay.entities[0]) == []
    read = _readings("corpus37/alarms")
    assert [(g.kind, g.message) for g in read["remove"].guards] == [("lookup", "no alarm in ROOM")]
    assert not any(g.message == "no alarm in ROOM" for g in read["fit"].guards)
    assert read["fit"].operation == "add"


def test_a_requirement_then_its_refusal_in_a_numbered_check():
    """corpus37/spices: "1. The kind has to pass `valid_kind`; if it doesn't you get `unknown kind
    <kind>` (...), status 2. 2. grams has to be at least 1, otherwise `...`, status 2. 3. heat has
    to be 0 to 5, ... 4. If there's already a jar with that (tidied) name: `already got <name>`":
    each requirement turned around, checked in the order written; "If `--grams` is below 1" is
    the option's value; "Names go through `tidy`" (said once, the function in backticks) cleans
    every name."""
    project = spf.load_spec(HERE / "corpus37/spices")
    add, use = (next(c for c in project.commands if c.name == name) for name in ("add", "use"))
    assert [(e.condition, e.message) for e in prose_errors(add)] == [
        ("a KIND that valid_kind rejects", "unknown kind KIND"), ("a GRAMS below 1", "grams must be at least 1"),
        ("a HEAT outside 0 to 5", "heat goes from 0 to 5"),
        ("If there's already a jar with that name", "already got NAME")]
    assert prose_errors(use)[0].condition == "If GRAMS is below 1"
    read = _readings("corpus37/spices")
    assert (read["add"].guards[0].kind, read["add"].guards[0].condition) == ("predicate", "not valid_kind(kind)")
    assert ("name", "tidy") in read["drop"].transforms and ("name", "tidy") in read["heat"].transforms


def test_counts_named_by_the_word_after_them_and_by_the_records_plural():
    """corpus37/rackets: `<active> active, <retired> retired` counts the rackets each word names
    (active: not retired); `binned <rackets>` is how many went, like `binned 2 rackets`."""
    read = _readings("corpus37/rackets")
    count = read["count"]
    assert count.message == "{values[0]} active, {values[1]} retired"
    assert [(value.function, value.where) for value in count.values] == [("count", "not retired"), ("count", "retired")]
    assert read["bin"].message_pattern == "binned N rackets"


def test_refusals_with_an_aside_and_a_state_the_message_names():
    """corpus37: "the nickname mustn't be taken, in any case (else `already have a racket called
    <name>`, the name as you typed it this time, status 1)" is a duplicate in any case; "if it's
    already booked on that day you get `<castle> is already out on <day>` (day through
    `short_day`), status 1" a duplicate of castle and day; "Paying twice gets `#<number> was
    already paid`": the message names the state (already paid)."""
    buy = _readings("corpus37/rackets")["buy"]
    assert [(g.kind, g.condition, g.trigger) for g in buy.guards if g.kind == "duplicate"] == [
        ("duplicate", "name:name", {"ignore_case": True})]
    bouncy = _readings("corpus37/bouncy")
    assert [g.condition for g in bouncy["book"].guards if g.kind == "duplicate"] == ["castle:castle,day:day"]
    assert [(g.kind, g.condition) for g in bouncy["pay"].guards] == [("lookup", ""), ("state", "item.paid")]


def test_the_records_line_said_once_and_a_value_a_message_shows_through_a_function():
    """corpus37/bouncy: "A booking's line is `#<number> <customer>: ...`" (and spices' "A jar's
    line (what `add` and `list` print) is `...`") is the line of every command; "(day through
    `short_day`)" after a refusal says how that message shows the day, not that the day is
    stored through short_day; "removes every paid booking on a day before DAY" makes `before` a
    day, refused by the project's "bad day" rule."""
    from spf.interpretation import project_errors, project_line

    bouncy = spf.load_spec(HERE / "corpus37/bouncy")
    assert project_line(bouncy, bouncy.entities[0])[0] == "#NUMBER CUSTOMER: CASTLE, DAY, HOURS h, PRICE"
    spices = spf.load_spec(HERE / "corpus37/spices")
    assert project_line(spices, spices.entities[0])[0] == "NAME (KIND): GRAMS g, heat HEAT"
    book = _readings("corpus37/bouncy")["book"]
    assert not any(function == "short_day" for _, function in book.transforms)
    clear = next(c for c in bouncy.commands if c.name == "clear")
    assert [(e.condition, e.message) for e in project_errors(bouncy, clear, bouncy.entities[0])] == [
        ("a BEFORE that valid_day rejects", "bad day BEFORE")]


def test_counts_through_a_writer_and_placeholders_defined_as_a_function_of_a_field():
    """corpus37: "Counts go through `plural`, e.g. `1 bale`, `3 bales`, `2 lots`" makes bales and
    lots agree with their number; "A lot's line is `lot <number>: <bales> of <kind>, ...` with the
    bales through `plural`" shows BALES as a count of bales; "there's at least one bale (`bales
    must be at least 1`, status 2)" is a refusal; "where `<floor>` is `floor_name` of its floor"
    and "`<heat>` is what `heat_text` gives for the jar's heat" define a field's placeholder."""
    from spf.interpretation import Context, _line_definitions, number_agreement, project_line

    hay = spf.load_spec(HERE / "corpus37/hay")
    assert number_agreement(hay) == {"bales": "bale", "lots": "lot"}
    assert project_line(hay, hay.entities[0])[0] == "lot NUMBER: BALES bales of KIND, bay BAY, in DELIVERED"
    assert [(e.condition, e.message) for e in prose_errors(hay.commands[0])] == [
        ("a bales below 1", "bales must be at least 1")]
    for folder, name, expected in (("corpus37/alarms", "FLOOR", "floor_name(item.floor)"),
                                   ("corpus37/spices", "HEAT", "heat_text(item.heat)")):
        project = spf.load_spec(HERE / folder)
        context = Context(project.commands[0], project, project.stores[0], None, None)
        assert _line_definitions(context, project_line(project, project.entities[0])[1])[name] == expected


def test_an_empty_store_and_a_filter_that_keeps_nothing_say_different_things():
    """corpus37/hay: "An empty barn says `barn is empty`; if there are lots but none match what
    you asked for, `nothing like that`": the first before any filter, the second after; and
    "`<lots>, <bales>` ..., both through `plural`" writes both counts with their words."""
    read = _readings("corpus37/hay")
    assert (read["list"].order, read["list"].then_by) == (("delivered", True), ("number", True))  # "the latest
    # delivery day first, and for lots delivered the same day the higher number first"
    empties = [(g.message, bool((g.trigger or {}).get("store"))) for g in read["list"].guards if g.kind == "empty"]
    assert empties == [("barn is empty", True), ("nothing like that", False)]
    assert read["count"].message == "{values[0]} lots, {values[1]} bales"


def test_a_new_voices_lines_and_refusals_run(tmp_path):
    """corpus37/hay, generated and run: the records' line said once with its count written with
    its word, the two empty lines, a count line of two counts agreeing with their numbers, the
    project's refusals (a bad day, a bay outside 1..4) on the commands that take them."""
    out, work, package = _corpus_program(tmp_path, "corpus37/hay")

    def run(*argv):
        done = _run(out, work, *argv, package=package)
        return done.returncode, (done.stdout + done.stderr).splitlines()
    assert run("list") == (0, ["barn is empty"])
    assert run("deliver", "straw", "20", "2025-02-30") == (2, ["bad day 2025-02-30"])
    assert run("deliver", " Straw", "1", "2025-02-03", "--bay", "5") == (2, ["no bay 5"])
    assert run("deliver", " Straw", "1", "2025-02-03") == (0, ["lot 1: 1 bale of straw, bay 1, in 2025-02-03"])
    assert run("list", "--bay", "3") == (0, ["nothing like that"])
    assert run("count") == (0, ["1 lot, 1 bale"])


def test_a_state_told_in_words_with_a_field_in_them_and_the_new_records_line():
    """corpus37/alarms: "`<state>` is `never tested` if it's never been tested, `ok <tested>` if
    the last test passed, or `FAILED <tested>` if it didn't" over `tested: str = "" — ..., or
    empty if it's never been tested` and `passed: bool`; corpus37/bouncy: "you'd see `#1 Ann:
    dragon, 7 Mar, ...`, i.e. the new booking's line" prints the record's line (its day through
    short_day), not the example's values."""
    from spf.interpretation import Context, _worded_states

    alarms = spf.load_spec(HERE / "corpus37/alarms")
    context = Context(alarms.commands[0], alarms, alarms.stores[0], None, None)
    assert _worded_states(context)["STATE"] == ("('never tested' if not item.tested else ('ok ' + str(item.tested)) "
                                                "if item.passed else ('FAILED ' + str(item.tested)))")
    book = _readings("corpus37/bouncy")["book"]
    assert book.bare_line and book.message is None


def test_a_flag_chooses_the_words_of_the_confirmation():
    """corpus36/fossils: "when I run `display am-14`, then ... the output is `AM-014 is on
    display`; when I run `display am-14 --off`, then ... `AM-014 is in storage`" (the second run
    chained to the same Given); corpus37/alarms' transcript shows `kitchen FAILED on ...` with
    `--failed` and `kitchen passed on ...` without: one line whose words the flag chooses."""
    assert _readings("corpus36/fossils")["display"].message == "{item.code} is {'in storage' if off else 'on display'}"
    assert _readings("corpus36/scooters")["broken"].message == \
        "{item.tag} {'back in service' if fixed else 'marked broken'}"
    alarms = spf.load_spec(HERE / "corpus37/alarms")
    command = next(c for c in alarms.commands if c.name == "test")
    test = interpret_command(command, alarms, alarms.stores[0], operation="update")[0]
    assert test.message == "{item.room} {'FAILED' if failed else 'passed'} on {item.tested}"


def test_a_records_line_with_its_values_through_functions_named_in_backticks():
    """corpus37/bouncy: "A booking's line is `...`, with the day through `short_day` and the
    price through `money`": both written by their functions, the names in backticks or not."""
    from spf.interpretation import ProjectIndex, placeholder_writers, project_line, stated_calls

    bouncy = spf.load_spec(HERE / "corpus37/bouncy")
    line = project_line(bouncy, bouncy.entities[0])
    assert stated_calls(line[1], bouncy.entities[0], {f.name: f for f in bouncy.functions}) == {
        "DAY": "short_day(item.day)", "PRICE": "money(item.price)"}
    assert placeholder_writers(bouncy, ProjectIndex(bouncy)) == {"PRICE": ("money", "price")}


def test_a_count_up_beside_the_change_and_taking_more_than_is_left(tmp_path):
    """A newcomer's spec (not designed against): "Takes GRAMS (default 3) from the tea and counts
    one more brew" is both changes; "Not enough left: `not enough <name>`, exit 1" refuses taking
    more than the record holds; "A name already stored prints `already have <name>` and exits 1"
    (no "with"). corpus37/spices: "only `<grams>` g of `<name>` left" shows what the jar holds."""
    spec = tmp_path / "teas"
    spec.mkdir()
    (spec / "spec.md").write_text(
        "# Project: teas\nTeas in the cupboard. Data in `teas.json`.\n\n## Entity: Tea\n- name: str — unique\n"
        "- left: int — grams left\n- brews: int = 0 — how many times it was brewed\n\n## Store: teas\n- holds: Tea\n"
        "- path: teas.json\n\n## Command: add(name: str, left: int)\nStores a new tea and prints `added <name>`.\n"
        "A name already stored prints `already have <name>` and exits 1.\n\n## Command: brew(name: str, grams: int = 3)\n"
        "Takes GRAMS (default 3) from the tea and counts one more brew. Prints `<name>: <left> g left`.\n"
        "Not enough left: `not enough <name>`, exit 1. Unknown name: `no tea <name>`, exit 1.\n", encoding="utf-8")
    project = spf.load_spec(spec)
    add, brew = project.commands
    assert [e.message for e in prose_errors(add)] == ["already have NAME"]
    reading = interpret_command(brew, project, project.stores[0])[0]
    assert [(a.field, a.op, a.value) for a in reading.assignments] == [("left", "subtract", "param:grams"),
                                                                       ("brews", "add", "1")]
    assert ("state", "item.left < grams") in [(g.kind, g.condition) for g in reading.guards]
    assert ("state", "item.grams < grams") in [(g.kind, g.condition) for g in _readings("corpus37/spices")["use"].guards]


def test_an_example_in_backticks_stays_one_when_function_names_lose_theirs():
    """corpus30/fair: "Stands are always printed with stand_label, so stand 7 is printed `S07`":
    `S07` is an example of stand_label's output (LABEL is written by it); only a spec function's
    name in backticks is read as the plain name (an intermediate commit of round twenty-four
    unquoted every name-like example and printed `LABEL` literally, caught by the benchmark)."""
    from spf.interpretation import ProjectIndex, placeholder_writers, plain_names

    fair = spf.load_spec(HERE / "corpus30/fair")
    assert placeholder_writers(fair, ProjectIndex(fair))["LABEL"] == ("stand_label", "stand")
    assert plain_names("through `short_day`, e.g. `S07` or `late`", {"short_day"}) == \
        "through short_day, e.g. `S07` or `late`"
