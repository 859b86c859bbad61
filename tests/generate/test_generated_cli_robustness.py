"""Generated CLIs fail like good CLIs (issue 11, part 6), checked on real subprocesses.

One small spec, generated once per store format: negative numbers as positional
arguments, a bad record refused with the file, the record and the field (exit 2, one
line, the file untouched), unknown keys and columns kept on write, ``--help`` without
spec traces, and a stub that stops with one line and status 3.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest

SPEC = """# Project: scores
Points of players, kept in a data file.

## Entity: Entry
One player's points.
- player: str — who scored
- points: int — how many points
- bonus: int = 0 — extra points
- final: bool = false — whether the score is final
- note: str | None = None — a remark

## Entity: League
A league the players play in.
- name: str — the league's unique name

## Store: entries
Entries live in `{path}` in the working directory.
- holds: Entry
- format: {format}

## Store: leagues
Leagues live in `leagues.json` in the working directory.
- holds: League
- format: json

## Command: add(player: str, points: int, bonus: int = 0)
Add an entry with the given points.
- store: entries

## Command: list()
Print every entry on its own line as `player: points + bonus`.
- store: entries

## Command: sync()
Synchronize the scores with the federation's server.
"""
PATHS = {"json": "entries.json", "csv": "entries.csv", "sqlite": "entries.db"}


@pytest.fixture(scope="module")
def projects(tmp_path_factory):
    """``{format: project folder}``, each generated and verified once."""
    from spf import generate

    folders = {}
    for store_format, path in PATHS.items():
        folder = tmp_path_factory.mktemp(f"scores-{store_format}")
        (folder / "spec.md").write_text(SPEC.format(path=path, format=store_format), encoding="utf-8")
        report = generate(folder)
        assert report.verify["ok"], report.verify.get("output")
        assert report.verify["failed"] == 0 and report.verify["xfailed"] == 1  # sync's test
        assert [unit["id"] for unit in report.unimplemented] == ["scores/cli.py::sync_command"]
        folders[store_format] = folder
    return folders


def run_cli(project: Path, work: Path, *args: str, code: str = "from scores.cli import main; main()"):
    """The generated console entry point in a subprocess, in the working folder ``work``."""
    environment = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run([sys.executable, "-c", code, *args], cwd=work, env=environment,
                          capture_output=True, text=True, timeout=60, check=False)


@pytest.fixture
def work(tmp_path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    return folder


def assert_one_line(result, status: int, *parts: str) -> str:
    assert result.returncode == status, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for part in parts:
        assert part in lines[0], lines[0]
    return lines[0]


# ---------------------------------------------------------------- arguments and help


def test_negative_numbers_are_positional_arguments(projects, work):
    project = projects["json"]
    assert run_cli(project, work, "add", "ann", "-5").returncode == 0
    assert run_cli(project, work, "add", "bob", "-2", "--bonus", "-1").returncode == 0
    assert run_cli(project, work, "add", "--bonus", "3", "cy", "-7.5").returncode == 2  # not an int
    assert run_cli(project, work, "add", "--", "-dee", "-4").returncode == 0  # `--` still works
    listed = run_cli(project, work, "list")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == ["ann: -5 + 0", "bob: -2 + -1", "-dee: -4 + 0"]
    unknown = run_cli(project, work, "add", "eve", "5", "-x")
    assert unknown.returncode == 2 and "No such option" in unknown.stderr


def test_help_shows_descriptions_and_no_spec_traces(projects, work):
    project = projects["json"]
    group = run_cli(project, work, "--help")
    command = run_cli(project, work, "add", "--help")
    assert group.returncode == command.returncode == 0
    assert "Points of players, kept in a data file." in group.stdout
    assert "Add an entry with the given points." in command.stdout
    assert "spec.md" not in group.stdout + command.stdout
    source = (project / "scores" / "cli.py").read_text(encoding="utf-8")
    assert "# spec.md:26: ## Command: add(player: str, points: int, bonus: int = 0)\n" \
           '@cli.command(name="add")' in source


# ---------------------------------------------------------------- what is not implemented


def test_a_stub_command_stops_with_one_line_and_status_3(projects, work):
    result = run_cli(projects["json"], work, "sync")
    assert_one_line(result, 3, "scores: sync: not implemented yet")
    assert result.stdout == ""


def test_not_implemented_and_ignored_option_helpers(projects, work):
    """The helpers command bodies call, through the real runtime and ``main``."""
    code = textwrap.dedent("""
        import click
        from scores.cli import cli, ignored_option, main, not_implemented

        @cli.command(name="pick")
        @click.argument("count", type=int)
        @click.option("--among", default="all")
        @click.option("--class", "class_", is_flag=True)
        def pick(count, among, class_):
            ignored_option("among", "pick", "spec.md:9")
            ignored_option("class_", "pick")
            if count < 0:
                not_implemented("pick with a negative count", "spec.md:10")
            click.echo(f"picked {count}")

        main()
    """)
    ok = run_cli(projects["json"], work, "pick", "2", code=code)
    assert ok.returncode == 0 and ok.stdout == "picked 2\n", ok.stderr
    given = run_cli(projects["json"], work, "pick", "2", "--among", "x", code=code)
    assert_one_line(given, 3)
    assert given.stderr == "scores: option --among of pick is not implemented yet (spec.md:9)\n"
    default = run_cli(projects["json"], work, "pick", "2", "--among", "all", code=code)
    assert_one_line(default, 3, "--among")  # given, even with its default value
    keyword = run_cli(projects["json"], work, "pick", "2", "--class", code=code)
    assert keyword.stderr == "scores: option --class of pick is not implemented yet\n"
    assert keyword.returncode == 3
    stub = run_cli(projects["json"], work, "pick", "-1", code=code)
    assert_one_line(stub, 3)
    assert stub.stderr == "scores: pick with a negative count is not implemented yet (spec.md:10)\n"


# ---------------------------------------------------------------- bad records


def seed(project: Path, work: Path) -> None:
    for args in (("add", "ann", "5"), ("add", "bob", "7", "--bonus", "1")):
        result = run_cli(project, work, *args)
        assert result.returncode == 0, result.stderr


def test_json_record_of_the_wrong_type_is_refused_and_the_file_kept(projects, work):
    project = projects["json"]
    seed(project, work)
    path = work / "entries.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    records[1]["final"] = "no"
    path.write_text(json.dumps(records), encoding="utf-8")
    before = path.read_bytes()
    result = run_cli(project, work, "add", "cy", "3")
    assert_one_line(result, 2, "entries.json: record 2: field 'final': expected true or false, got \"no\"")
    assert path.read_bytes() == before
    assert run_cli(project, work, "list").returncode == 2


@pytest.mark.parametrize(("change", "expected"), [
    (lambda record: record.pop("player"), "record 1: field 'player': missing"),
    (lambda record: record.update(points="12abc"), "record 1: field 'points': expected an integer"),
    (lambda record: record.update(points=2.5), "record 1: field 'points': expected an integer"),
])
def test_json_missing_or_mistyped_fields_are_refused(projects, work, change, expected):
    project = projects["json"]
    seed(project, work)
    path = work / "entries.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    change(records[0])
    path.write_text(json.dumps(records), encoding="utf-8")
    before = path.read_bytes()
    assert_one_line(run_cli(project, work, "add", "cy", "3"), 2, "entries.json: " + expected)
    assert path.read_bytes() == before


def test_csv_row_with_a_bad_int_is_refused_with_its_line(projects, work):
    project = projects["csv"]
    seed(project, work)
    path = work / "entries.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "player,points,bonus,final,note"
    lines[2] = "bob,12abc,1,false,null"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = path.read_bytes()
    result = run_cli(project, work, "add", "cy", "3")
    assert_one_line(result, 2, "entries.csv: record 2 (line 3): field 'points': "
                               "expected an integer, got \"12abc\"")
    assert path.read_bytes() == before


def seeded_database(project: Path, work: Path, *statements: str) -> Path:
    """The SQLite store after ``seed`` and then ``statements`` run on it by hand."""
    seed(project, work)
    path = work / "entries.db"
    with closing(sqlite3.connect(path)) as connection, connection:
        for statement in statements:
            connection.execute(statement)
    return path


def test_sqlite_row_with_a_bad_value_is_refused_with_its_rowid(projects, work):
    project = projects["sqlite"]
    path = seeded_database(project, work, "DELETE FROM entries WHERE player = 'ann'",
                           "UPDATE entries SET final = 'no' WHERE player = 'bob'")
    before = path.read_bytes()
    result = run_cli(project, work, "list")
    assert_one_line(result, 2, "entries.db: record 1 (rowid 2): field 'final': expected true or false")
    assert path.read_bytes() == before


# ---------------------------------------------------------------- unknown keys survive


def test_unknown_json_keys_survive_an_add(projects, work):
    project = projects["json"]
    seed(project, work)
    path = work / "entries.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    records[0]["team"] = {"name": "reds"}
    path.write_text(json.dumps(records), encoding="utf-8")
    assert run_cli(project, work, "add", "cy", "3").returncode == 0
    after = json.loads(path.read_text(encoding="utf-8"))
    assert after[0] == records[0] and after[1] == records[1]
    assert after[2] == {"player": "cy", "points": 3, "bonus": 0, "final": False, "note": None}


def test_unknown_csv_columns_survive_an_add(projects, work):
    project = projects["csv"]
    path = work / "entries.csv"
    path.write_text("team,player,points,note\nreds,ann,5,123\n,bob,7,null\n", encoding="utf-8")
    result = run_cli(project, work, "add", "cy", "3")
    assert result.returncode == 0, result.stderr
    # An optional text column keeps "123" as text (JSON-quoted on write, as spf writes text or null).
    assert path.read_text(encoding="utf-8").splitlines() == [
        "team,player,points,note,bonus,final", 'reds,ann,5,"""123""",0,false', ",bob,7,null,0,false",
        ",cy,3,null,0,false"]


def test_unknown_sqlite_columns_survive(projects, work):
    project = projects["sqlite"]
    path = seeded_database(project, work, "ALTER TABLE entries ADD COLUMN team TEXT",
                           "UPDATE entries SET team = 'reds'")
    assert run_cli(project, work, "add", "cy", "3").returncode == 0
    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute("SELECT player, team FROM entries ORDER BY id").fetchall()
    assert rows == [("ann", "reds"), ("bob", "reds"), ("cy", None)]
