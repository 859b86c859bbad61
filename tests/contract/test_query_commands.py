"""Commands no interpretation expresses are found by the record-query synthesizer.

``query/darts.md`` is a small spec whose commands the ranked and wider interpretations
cannot write: a ranked group sorted by a sum with ties A to Z (``standings``), a filter
against a constant the words state plus a limit, numbered by rank (``big``), an update of
every matching record numbered from 1 with a guard (``bonus``), and a product, which the
query language cannot express (``product``). The generated program is then run on
transcripts the spec does not show, as a user would.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import spf

SPEC = Path(__file__).parent / "query" / "darts.md"


@pytest.fixture(scope="module")
def darts(tmp_path_factory):
    project = tmp_path_factory.mktemp("darts")
    (project / "spec.md").write_text(SPEC.read_text(encoding="utf-8"), encoding="utf-8")
    out = project / "out"
    report = spf.generate(project, out=out)
    return report.to_dict(), out


def unit(report, name):
    return next(u for u in report["units"] if u["id"] == f"darts/cli.py::{name}_command")


def run(out: Path, folder: Path, line: str) -> tuple[int, list[str]]:
    result = subprocess.run(
        [sys.executable, "-c", "from darts.cli import main; main()", *shlex.split(line)],
        cwd=folder, capture_output=True, text=True, timeout=60, check=False,
        env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(out)})
    return result.returncode, (result.stdout + result.stderr).splitlines()


@pytest.mark.parametrize("name, pieces", [
    ("standings", ["group(player, sum of points)", "sort(value desc, key)", "take(--limit)",
                   "'{rank}. {key} {value}'"]),
    ("big", ["filter(points > 50)", "sort(points desc)", "take(--top)"]),
    ("bonus", ["guard(nothing selected) -> fail('no throws for that player', 1)",
               "filter(player == --player)", "update(points := points + --extra)"]),
])
def test_found_by_the_query_synthesizer_and_verified(darts, name, pieces):
    report, _ = darts
    entry = unit(report, name)
    assert entry["backend"] == "query" and entry["status"] == "verified", entry
    query = entry["query"]  # what it tried, in spf generate --json
    assert query["enumerated"] >= query["kept"] > 0 and query["seconds"] >= 0
    assert query["passed"] == query["cases"] >= 1
    for piece in pieces:
        assert piece in query["program"], query["program"]
    assert entry["interpretation"].startswith("query program: ")


def test_what_the_language_cannot_express_is_reported_not_hidden(darts):
    report, _ = darts
    entry = unit(report, "product")
    assert entry["backend"] != "query" and entry["status"] == "failing"
    assert entry["query"]["found"] == 0 and entry["query"]["exhausted"]
    assert entry["query"]["reason"].startswith("no program of the query language passes")
    assert report["exit_code"] == 3


def test_the_programs_do_what_the_words_say_beyond_the_examples(darts, tmp_path):
    _, out = darts
    assert run(out, tmp_path, "standings") == (0, ["no throws yet"])  # the words' empty line
    for line in ("add eve 20", "add dan 31", "add cat 20", "add eve 70"):
        assert run(out, tmp_path, line)[0] == 0
    assert run(out, tmp_path, "standings") == (0, ["1. eve 90", "2. dan 31", "3. cat 20"])
    assert run(out, tmp_path, "standings --limit 2") == (0, ["1. eve 90", "2. dan 31"])
    assert run(out, tmp_path, "big") == (0, ["1) eve 70"])
    assert run(out, tmp_path, "bonus cat 31") == (0, ["1: cat 51"])
    assert run(out, tmp_path, "big --top 5") == (0, ["1) eve 70", "2) cat 51"])
    assert run(out, tmp_path, "bonus zoe 1") == (1, ["no throws for that player"])
    assert run(out, tmp_path, "standings") == (0, ["1. eve 90", "2. cat 51", "3. dan 31"])


def test_the_synthesized_bodies_are_the_same_run_to_run(darts, tmp_path):
    _, out = darts
    project = tmp_path / "again"
    project.mkdir()
    (project / "spec.md").write_text(SPEC.read_text(encoding="utf-8"), encoding="utf-8")
    spf.generate(project, out=project / "out", verify=False)
    assert (project / "out" / "darts" / "cli.py").read_bytes() == \
        (out / "darts" / "cli.py").read_bytes()


def test_a_found_program_makes_the_checks_the_words_state_first(tmp_path):
    """corpus33/karaoke's `top` is found by the query synthesizer; its spec never refuses a bad
    `--night`, but its words do ("a --night that fails valid_night prints `not a date: NIGHT`"):
    the check is made before the program, and a left-out option is not checked."""
    folder = Path(__file__).parent / "corpus33" / "karaoke"
    out = tmp_path / "out"
    report = spf.generate(folder, out=out).to_dict()
    top = next(u for u in report["units"] if u["id"] == "karaoke/cli.py::top_command")
    assert top["backend"] == "query", top
    work = tmp_path / "work"
    work.mkdir()
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(out)}
    def karaoke(line):
        done = subprocess.run([sys.executable, "-c", "from karaoke.cli import main; main()", *shlex.split(line)],
                              cwd=work, capture_output=True, text=True, timeout=60, check=False, env=env)
        return done.returncode, (done.stdout + done.stderr).splitlines()
    assert karaoke("top --night 2026-3-6") == (2, ["not a date: 2026-3-6"])
    assert karaoke("top") == (1, ["nothing to rank"])
