"""The contract benchmark: do generated commands do what the spec's words say?

For every spec of the corpus (tests/contract/corpus, and tests/contract/holdout: specs
written by people who never saw the templates, the held-out ones not read while
designing), generate the project with the default symbolic backend and no model, then
run every transcript (fenced ``console`` blocks) against the generated command line:
the transcripts in spec.md (which spf reads and checks) and those in hidden.md beside it
(what the words mean but the user was not asked to spell out; spf never reads them).

Printed: transcripts passing (spec's own, hidden), units per status, and the "silently
wrong" units: reported verified, unchecked or implemented while a transcript of them
fails (attributed to the command of the first step that fails).

    python benchmarks/contract.py                 # both sets, a table
    python benchmarks/contract.py --set corpus --json
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SETS = {"corpus": REPO / "tests/contract/corpus", "holdout": REPO / "tests/contract/holdout"}
SILENT = ("verified", "unchecked", "implemented")


def console_blocks(text: str) -> list[tuple[int, list[str]]]:
    """(line, lines) of each fenced ``console`` block, in order."""
    blocks, lines, start, inside = [], [], 0, None
    for number, line in enumerate(text.splitlines(), start=1):
        fence = re.match(r"^\s{0,3}(`{3,}|~{3,})\s*(\w*)", line)
        if inside is None and fence and fence.group(2) == "console":
            inside, start, lines = fence.group(1), number, []
        elif inside is not None and line.strip().startswith(inside[0] * len(inside)) \
                and not line.strip().strip(inside[0]):
            blocks.append((start, lines))
            inside = None
        elif inside is not None:
            lines.append(line)
    return blocks


def steps_of(lines: list[str], program: str) -> list[tuple[list[str], list[str], int]]:
    steps: list[tuple[list[str], list[str], int]] = []
    for line in lines:
        if line.startswith("$ "):
            argv = shlex.split(line[2:])
            steps.append((argv[1:] if argv and argv[0] == program else argv, [], 0))
        elif steps:
            argv, expected, _ = steps[-1]
            marker = re.fullmatch(r"\[(\d+)\]\s*", line)
            if marker:
                steps[-1] = (argv, expected, int(marker.group(1)))
            else:
                expected.append(line.rstrip())
    return steps


def matches(expected: list[str], actual: str) -> bool:
    try:
        from spf.acceptance import match_output
    except ImportError:  # before the acceptance module: the same rules, kept here
        match_output = None
    if match_output is not None:
        return match_output(expected, actual)
    lines = [line.rstrip() for line in actual.rstrip("\n").splitlines()] if actual.strip() else []

    def line_ok(pattern: str, text: str) -> bool:
        if "..." not in pattern:
            return pattern == text
        regex = ".*".join(re.escape(piece) for piece in pattern.split("..."))
        return re.fullmatch(regex, text) is not None

    def walk(i: int, j: int) -> bool:
        if i == len(expected):
            return j == len(lines)
        if expected[i] == "...":
            return any(walk(i + 1, k) for k in range(j, len(lines) + 1))
        return j < len(lines) and line_ok(expected[i], lines[j]) and walk(i + 1, j + 1)

    return walk(0, 0)


VERBOSE = False


def run_transcript(out: Path, package: str, steps) -> tuple[bool, str | None]:
    """Run the steps in a fresh folder; (passed, the command of the first failing step)."""
    with tempfile.TemporaryDirectory(prefix="spf-contract-") as folder:
        for argv, expected, status in steps:
            completed = subprocess.run(
                [sys.executable, "-c", f"from {package}.cli import main; main()", *argv],
                cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                timeout=60, check=False,
                env={"PYTHONPATH": str(out), "PATH": os.environ.get("PATH", ""),
                     "PYTHONDONTWRITEBYTECODE": "1"})
            if completed.returncode != status or not matches(expected, completed.stdout):
                if VERBOSE:
                    print(f"  FAIL $ {shlex.join(argv)}\n    expected [{status}]: {expected}\n"
                          f"    actual   [{completed.returncode}]: {completed.stdout.splitlines()[-6:]}")
                return False, argv[0] if argv else None
    return True, None


def measure(folder: Path) -> dict:
    import spf

    spec_text = (folder / "spec.md").read_text(encoding="utf-8")
    hidden_text = (folder / "hidden.md").read_text(encoding="utf-8") \
        if (folder / "hidden.md").exists() else ""
    with tempfile.TemporaryDirectory(prefix="spf-contract-out-") as out:
        start = time.perf_counter()
        report = spf.generate(folder, out=out, verify=True)
        seconds = time.perf_counter() - start
        data = report.to_dict()
        project = spf.load_spec(folder)
        statuses = {}
        for unit in data["units"]:
            design = unit.get("design_unit", "")
            if design.startswith(("command:", "function:")) and unit.get("kind") == "function":
                statuses[design] = unit["status"]
        results = {"spec": [], "hidden": []}
        wrong: set[str] = set()
        for label, text in (("spec", spec_text), ("hidden", hidden_text)):
            for line, lines in console_blocks(text):
                steps = steps_of(lines, project.name)
                passed, culprit = run_transcript(Path(out), project.package, steps)
                results[label].append({"line": line, "passed": passed, "failed_at": culprit})
                unit = f"command:{culprit}" if culprit else None
                if not passed and unit in statuses and statuses[unit] in SILENT:
                    wrong.add(unit)
    return {"spec": folder.name, "seconds": round(seconds, 1), "exit_code": data["exit_code"],
            "statuses": dict(Counter(statuses.values())), "units": statuses,
            "transcripts": results, "silently_wrong": sorted(wrong)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=[*SETS, "all"], default="all")
    parser.add_argument("--only", help="one spec folder name")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="show each failing step")
    options = parser.parse_args(argv)
    global VERBOSE
    VERBOSE = options.verbose
    sets = SETS if options.set == "all" else {options.set: SETS[options.set]}
    rows = []
    for name, root in sets.items():
        for folder in sorted(path for path in root.iterdir() if (path / "spec.md").is_file()):
            if options.only and folder.name != options.only:
                continue
            row = measure(folder)
            row["set"] = name
            rows.append(row)
            if not options.json:
                spec_ok = sum(t["passed"] for t in row["transcripts"]["spec"])
                hidden_ok = sum(t["passed"] for t in row["transcripts"]["hidden"])
                print(f"{name:8} {row['spec']:12} spec {spec_ok}/{len(row['transcripts']['spec'])}"
                      f"  hidden {hidden_ok}/{len(row['transcripts']['hidden'])}"
                      f"  units {row['statuses']}  silently wrong {len(row['silently_wrong'])}"
                      f"  exit {row['exit_code']}  {row['seconds']} s", flush=True)
    totals = {}
    for name in sets:
        mine = [row for row in rows if row["set"] == name]
        spec_all = [t for row in mine for t in row["transcripts"]["spec"]]
        hidden_all = [t for row in mine for t in row["transcripts"]["hidden"]]
        statuses = Counter()
        for row in mine:
            statuses.update(row["statuses"])
        totals[name] = {
            "specs": len(mine),
            "spec_transcripts": f"{sum(t['passed'] for t in spec_all)}/{len(spec_all)}",
            "hidden_transcripts": f"{sum(t['passed'] for t in hidden_all)}/{len(hidden_all)}",
            "hidden_pass_rate": round(sum(t["passed"] for t in hidden_all) / max(1, len(hidden_all)), 3),
            "units": dict(statuses),
            "silently_wrong": sum(len(row["silently_wrong"]) for row in mine)}
    if options.json:
        print(json.dumps({"rows": rows, "totals": totals}, indent=2))
    else:
        for name, total in totals.items():
            print(f"TOTAL {name}: {json.dumps(total)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
