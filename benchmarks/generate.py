"""Benchmark ``spf generate``: time per design unit for specs of 50 to 10,000 units.

    python benchmarks/generate.py                 # 50, 200, 1000 units, verify off
    python benchmarks/generate.py --scale --repeat 1   # also 3,000 and 10,000 (minutes)
    python benchmarks/generate.py --sizes 50 200 --repeat 5 --json

The synthetic spec repeats a group of five design units (an entity, a store cycling
through JSON/CSV/SQLite, and add/list/remove commands with documented errors) plus
the project and the CLI runtime, so every template path runs. Functions are left
out on purpose: their cost is the backend's (the symbolic synthesizer or a language
model), not the pipeline's, and is reported by the backend benchmarks. The stages run
in-process through ``spf.generate`` (plugins loaded once, as in one CLI call); the
table shows the median wall time of ``--repeat`` runs, the time per unit, and each
stage's share, so a cost that grows faster than the spec shows up as a rising
per-unit figure; the last line gives the largest per-unit time over the smallest
(the goal: within 1.5x from 50 to 10,000 units), then the same on CPU time. ``cpu s``
counts this process and its children (ruff), so it is less noisy than wall time on a
shared machine.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import tempfile
import time
from pathlib import Path

UNITS_PER_GROUP = 5
FIXED_UNITS = 2  # project:<name> and runtime:cli
FORMATS = ("json", "csv", "sqlite")


def synthetic_spec(units: int) -> str:
    """A valid spec with (about) ``units`` design units."""
    groups = max(1, round((units - FIXED_UNITS) / UNITS_PER_GROUP))
    parts = ["# Project: bench", "A synthetic project for the generation benchmark.", ""]
    for index in range(groups):
        store_format = FORMATS[index % len(FORMATS)]
        extension = {"json": "json", "csv": "csv", "sqlite": "db"}[store_format]
        parts += [
            f"## Entity: Record{index}", "One record of the benchmark.",
            "- name: str — the unique name of the record",
            "- count: int = 0 — how many there are",
            "- tags: list[str] = [] — free labels", "",
            f"## Store: records{index}", "Where the records live.",
            f"- holds: Record{index}", f"- format: {store_format}",
            f"- path: records{index}.{extension}", "",
            f"## Command: add_record{index}(name: str, count: int = 0)", "Add a record.",
            f"- store: records{index}",
            '- error: a name already in the store prints "record exists" and exits with status 1',
            '- error: a negative count prints "count must not be negative" and exits with status 1',
            "",
            f"## Command: list_records{index}()",
            "Print every record on its own line as `name: count`, sorted by name.",
            f"- store: records{index}", "",
            f"## Command: remove_record{index}(name: str)", "Delete the named record.",
            f"- store: records{index}",
            '- error: a name not in the store prints "no such record" and exits with status 1', "",
        ]
    return "\n".join(parts)


def measure(units: int, repeat: int) -> dict:
    from spf.pipeline import generate
    from spf.plugins import plugin_manager

    manager = plugin_manager()
    text = synthetic_spec(units)
    totals, cpu, stage_times = [], [], {}
    design_units = 0
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="spf-bench-") as folder:
            (Path(folder) / "spec.md").write_text(text, encoding="utf-8")
            marks: dict[str, float] = {}

            def on_event(event, stage, state, marks=marks):
                marks[(event, stage)] = time.perf_counter()

            started, cpu_started = time.perf_counter(), cpu_seconds()
            report = generate(folder, verify=False, manager=manager, on_event=on_event)
            totals.append(time.perf_counter() - started)
            cpu.append(cpu_seconds() - cpu_started)
            if report.exit_code not in (0, 3):
                raise SystemExit(f"generation failed with exit status {report.exit_code}")
            design_units = len({unit["design_unit"] for unit in report.units})
            first_start = min(value for (event, _), value in marks.items() if event == "start")
            stage_times.setdefault("parse+plan", []).append(first_start - started)
            for (event, stage), value in marks.items():
                if event == "done":
                    stage_times.setdefault(stage, []).append(value - marks[("start", stage)])
    median = statistics.median(totals)
    return {"units": design_units, "seconds": median, "ms_per_unit": 1000 * median / design_units,
            "cpu_seconds": statistics.median(cpu),
            "stages": {stage: statistics.median(values) for stage, values in stage_times.items()}}


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (ruff format)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=None,
                        help="spec sizes in design units (default: 50 200 1000)")
    parser.add_argument("--scale", action="store_true",
                        help="sizes 50 200 1000 3000 10000: minutes, never run in CI")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    arguments = parser.parse_args()
    sizes = arguments.sizes or ([50, 200, 1000, 3000, 10000] if arguments.scale
                                else [50, 200, 1000])
    measure(20, 1)  # warm-up: imports, template compilation
    rows = []
    for size in sizes:
        rows.append(measure(size, arguments.repeat))
        if not arguments.json:
            print(f"measured {rows[-1]['units']} units", flush=True)
    if arguments.json:
        print(json.dumps(rows, indent=2))
        return
    stages = list(rows[0]["stages"])
    header = (f"{'units':>6} {'total s':>8} {'cpu s':>8} {'ms/unit':>8} {'cpu ms/u':>8} "
              + " ".join(f"{name:>11}" for name in stages))
    print(header)
    print("-" * len(header))
    for row in rows:
        shares = " ".join(f"{1000 * row['stages'][name] / row['units']:>8.2f} ms" for name in stages)
        print(f"{row['units']:>6} {row['seconds']:>8.3f} {row['cpu_seconds']:>8.3f} "
              f"{row['ms_per_unit']:>8.2f} {1000 * row['cpu_seconds'] / row['units']:>8.2f} {shares}")
    print("\nstage columns: ms per unit; verify off; median of", arguments.repeat, "runs")
    per_unit = [row["ms_per_unit"] for row in rows]
    print(f"per-unit time, largest / smallest: {max(per_unit) / min(per_unit):.2f}x")
    per_unit_cpu = [row["cpu_seconds"] / row["units"] for row in rows]
    print(f"per-unit CPU time, largest / smallest: {max(per_unit_cpu) / min(per_unit_cpu):.2f}x")


if __name__ == "__main__":
    main()
